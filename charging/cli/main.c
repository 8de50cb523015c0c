/* charging-client: offline (Rf) and online (Ro) charging requests from the command line, and
 * their benchmark, on libcharging (a standalone freeDiameter node). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "cli.h"

#define DEFAULT_TIMEOUT_MS 5000

static const struct dk_cli_command *const commands[] = { &cli_rf_event, &cli_rf_session, &cli_ro_event,
						      &cli_ro_session, &cli_bench };

static void usage(FILE *out)
{
	fputs("usage: charging-client -c <fd.conf> -r <dest realm> [-H <dest host>] [-t <timeout ms>]\n"
	      "                       [--failover <n>] [-v] <command> [arguments]\n"
	      "\n"
	      "An AS's charging client: offline charging over Rf (ACR/ACA, towards a CDF) and online\n"
	      "charging over Ro (CCR/CCA, towards an OCS). This program is a freeDiameter node described\n"
	      "by <fd.conf> (its identity, the CDF / OCS as ConnectPeer, and the dictionaries dict_nasreq,\n"
	      "dict_dcca, dict_dcca_3gpp and dict_charging loaded). Each answer is printed as one JSON\n"
	      "line on stdout.\n"
	      "\n"
	      "  -c, --config <file>    freeDiameter configuration of this node\n"
	      "  -r, --realm <realm>    Destination-Realm (the CDF's or OCS's realm)\n"
	      "  -H, --host <identity>  Destination-Host (default: route by realm)\n"
	      "  -t, --timeout <ms>     answer timeout per attempt (default 5000)\n"
	      "      --failover <n>     after a timeout, send the request again with the T flag to\n"
	      "                         another peer of the realm, at most n times (default 1; 0: never)\n"
	      "  -v, --verbose          freeDiameter's errors on stderr (-vv: notices, -vvv: debug)\n"
	      "\n"
	      "Commands (charging-client <command> --help says more):\n",
	      out);
	dk_cli_list_commands(out, commands, sizeof commands / sizeof commands[0], 11);
	fputs("\n"
	      "Exit status:\n"
	      "  0  every answer carried DIAMETER_SUCCESS (2001)\n"
	      "  1  an answer with another result (its code and name on stderr); bench: some requests\n"
	      "     did not succeed\n"
	      "  2  bad command line\n"
	      "  3  no answer: no peer serving Rf / Ro, timeout (after the failovers), or an answer the\n"
	      "     dictionary rejects\n"
	      "  4  local failure: configuration, dictionary (dict_charging.fdx not loaded)\n",
	      out);
}

enum { OPT_FAILOVER = 1 };

static const struct option global_options[] = {
	DK_CLI_GLOBAL_OPTIONS,
	{ "failover", required_argument, NULL, OPT_FAILOVER },
	{ NULL, 0, NULL, 0 },
};

/* The global options that are charging-client's own: -t, --failover. */
static int on_global_option(void *ctx, int option, const char *arg)
{
	struct chg_config *config = ctx;
	long long n;

	if (option == 't') {
		if (cli_number("-t", arg, 3600000, &n))
			return EXIT_USAGE;
		if (!n)
			return dk_cli_usage_error("-t wants milliseconds, 1 to 3600000");
		config->timeout_ms = (int)n;
		return 0;
	}
	/* OPT_FAILOVER */
	if (cli_number("--failover", arg, 16, &n))
		return EXIT_USAGE;
	config->failover_attempts = n ? (int)n : CHG_UNSET;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli cli = { .config.timeout_ms = DEFAULT_TIMEOUT_MS, .client = NULL };
	struct dk_cli_target target = { NULL, NULL, NULL };
	int ret;

	dk_cli_program = "charging-client";
	if ((ret = dk_cli_global_options(argc, argv, global_options, usage, &target, on_global_option, &cli.config)))
		return ret;
	cli.config.fd_config = target.fd_config;
	cli.config.dest_realm = target.dest_realm;
	cli.config.dest_host = target.dest_host;
	ret = dk_cli_dispatch(argc, argv, commands, sizeof commands / sizeof commands[0], usage, cli_request_help,
			      target, &cli);
	if (cli.client) {
		dk_cli_log_off(); /* "Initiating freeDiameter shutdown sequence" */
		chg_client_close(cli.client);
	}
	return ret;
}
