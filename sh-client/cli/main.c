/* sh-client: Sh requests (UDR, PUR, SNR) from the command line, PNR watching and benchmarks, on
 * libshclient (an embedded freeDiameter node). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "cli.h"

#define DEFAULT_TIMEOUT_MS 5000

static const struct dk_cli_command *const commands[] = { &cli_udr, &cli_pur, &cli_snr, &cli_watch, &cli_bench };

static void usage(FILE *out)
{
	fputs("usage: sh-client -c <fd.conf> -r <dest realm> [-H <dest host>] [-t <timeout ms>] [--json] [-v]\n"
	      "                 <command> [arguments]\n"
	      "\n"
	      "An Sh client (TS 29.329) towards an HSS: this program is a freeDiameter node described by\n"
	      "<fd.conf> (its identity, the HSS as ConnectPeer, and dict_sh.fdx loaded).\n"
	      "\n"
	      "  -c, --config <file>    freeDiameter configuration of this node\n"
	      "  -r, --realm <realm>    Destination-Realm (the HSS's realm)\n"
	      "  -H, --host <identity>  Destination-Host (default: route by realm)\n"
	      "  -t, --timeout <ms>     answer timeout per request (default 5000)\n"
	      "      --json             print JSON instead of Sh-Data XML\n"
	      "  -v, --verbose          freeDiameter's errors on stderr (-vv: notices, -vvv: debug)\n"
	      "\n"
	      "Commands (sh-client <command> --help says more):\n",
	      out);
	dk_cli_list_commands(out, commands, sizeof commands / sizeof commands[0], 6);
	fputs("\n"
	      "Identities: sip:, sips: and tel: URIs are sent as Public-Identity, digits (E.164, an optional\n"
	      "leading +) as MSISDN.\n"
	      "\n"
	      "Exit status:\n"
	      "  0  the answer carried DIAMETER_SUCCESS (2001); watch: stopped normally\n"
	      "  1  an answer with any other result (its code and name are printed on stderr);\n"
	      "     bench: some requests did not succeed\n"
	      "  2  bad command line\n"
	      "  3  no answer: no peer serving Sh connected, timeout, or an answer the dictionary rejects\n"
	      "  4  local failure: configuration, dictionary (dict_sh.fdx not loaded), file, data\n",
	      out);
}

enum { OPT_JSON = 1 };

static const struct option global_options[] = {
	DK_CLI_GLOBAL_OPTIONS,
	{ "json", no_argument, NULL, OPT_JSON },
	{ NULL, 0, NULL, 0 },
};

/* The global options that are sh-client's own: -t, --json. */
static int on_global_option(void *ctx, int option, const char *arg)
{
	struct cli *cli = ctx;
	long timeout;

	if (option == OPT_JSON) {
		cli->json = 1;
		return 0;
	}
	/* 't' */
	if (cli_parse_count(arg, 3600000, &timeout) || !timeout)
		return dk_cli_usage_error("-t wants milliseconds, 1 to 3600000");
	cli->config.timeout_ms = (int)timeout;
	return 0;
}

int main(int argc, char **argv)
{
	struct cli cli = { .config.timeout_ms = DEFAULT_TIMEOUT_MS, .client = NULL };
	struct dk_cli_target target = { NULL, NULL, NULL };
	int ret;

	dk_cli_program = "sh-client";
	if ((ret = dk_cli_global_options(argc, argv, global_options, usage, &target, on_global_option, &cli)))
		return ret;
	cli.config.fd_config = target.fd_config;
	cli.config.dest_realm = target.dest_realm;
	cli.config.dest_host = target.dest_host;
	ret = dk_cli_dispatch(argc, argv, commands, sizeof commands / sizeof commands[0], usage, NULL, target, &cli);
	if (cli.client) {
		dk_cli_log_off(); /* "Initiating freeDiameter shutdown sequence" */
		sh_client_close(cli.client);
	}
	return ret;
}
