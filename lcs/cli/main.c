/* lcs-client: locate targets, track them, stop a tracking, over MLP (lcs/lib/mlp_client.h). */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: lcs-client -u <url> -i <client id> [-p <password>] [--serviceid <id>]\n"
	"        [--requestor <type>:<id>] [--mlp-version 3.1|3.2|3.3|3.4|3.5] [--json] [--timeout <s>]\n"
	"        <command>\n"
	"  locate <target>... [--accuracy <m>] [--altitude-accuracy <m>] [--qos assured|best-effort]\n"
	"        [--priority normal|high] [--max-age <s>] [--response-timer <s>]\n"
	"        [--response no-delay|low-delay|delay-tolerant]\n"
	"        [--location-type current|last|current-or-last|last-or-current|initial]\n"
	"        [--async [--listen 127.0.0.1:<port>]]\n"
	"                                     where the targets are (up to 16): one line per target;\n"
	"                                     --accuracy, --altitude-accuracy: the largest horizontal\n"
	"                                     and vertical uncertainty wanted; a position that misses\n"
	"                                     them is marked qos_not_met (best-effort, the default)\n"
	"                                     or refused, 201 QOP NOT ATTAINABLE (assured; --qos needs\n"
	"                                     MLP 3.2 or later);\n"
	"                                     --max-age: the oldest position taken (a last known\n"
	"                                     one older than that: the current one); --response,\n"
	"                                     --response-timer: how soon the answer is wanted;\n"
	"                                     --location-type: the slir's loc_type (default none:\n"
	"                                     the current location); --priority: its prio (default\n"
	"                                     none: the server's, normal);\n"
	"                                     --async: an ASYNC slir, \"locating <req_id>\", then the\n"
	"                                     positions of the slirep pushed to our listener\n"
	"  track <target> [--interval <s>] [--count <n>] [--start-time <YYYY-MM-DDTHH:MM:SSZ>]\n"
	"        [--stop-time <YYYY-MM-DDTHH:MM:SSZ>] [--duration <s>] [--listen 127.0.0.1:<port>]\n"
	"        [--accuracy <m>] [--altitude-accuracy <m>]\n"
	"        [--qos assured|best-effort] [--priority normal|high]\n"
	"        [--distance <within|entering|leaving|outside>:<meters>:<reference target>\n"
	"         [--no-of-reports <n>]] [--when-available]\n"
	"                                     periodic or distance-triggered reports, printed as they\n"
	"                                     arrive, until <n> reports, the last one, or SIGINT (then\n"
	"                                     a tlrsr); --start-time: the GMLC sends none before it;\n"
	"                                     --stop-time: none after it;\n"
	"                                     --duration: none after that many seconds (the tlrr's\n"
	"                                     duration, MLP 3.4 or later);\n"
	"                                     the accuracies (the tlrr's qop) and priority as for\n"
	"                                     locate;\n"
	"                                     --distance needs MLP 3.4 or later too; --no-of-reports:\n"
	"                                     the GMLC ends the tracking after n distance reports;\n"
	"                                     --when-available: one report when the UE becomes\n"
	"                                     reachable (ms_action MS_AVAIL), no interval\n"
	"  stop <req_id> [<target>...]        stops a tracking, or only those of its targets\n"
	"                                     (MLP 3.4 or later)\n"
	"  bench <target>... [-n <requests>] [-c <at once>] [locate's quality options]\n"
	"                                     n locate requests (default 1000, one target each, round\n"
	"                                     robin), c at a time (default 8, at most 1024, each on\n"
	"                                     its own kept-alive connection): rate and latency\n"
	"-u: the MLP service, e.g. http://127.0.0.1:9210/LocationQueryService/\n"
	"<target>: an MSISDN, or an IMSI written imsi:<digits> (e.g. imsi:001010000000001)\n"
	"--serviceid, --requestor: the hdr's client/serviceid and requestor, in every request;\n"
	"  <type>: MSISDN, IMSI, NAME, E-MAIL, URL, SIPURL, IMS, MDN, ASID or ASPID\n"
	"--mlp-version: the MLP version of the requests (default 3.5)\n"
	"--json: one JSON object per line (position, report, result, req_id)\n"
	"exit status: 0 every target located (track: the reports received, stop: stopped),\n"
	"  1 at least one position error (poserr), 2 usage, 3 no MLP answer (cannot connect,\n"
	"  timeout, an unreadable answer), 4 the server answered with a result (a gem, or the\n"
	"  request refused), which is printed\n";

/* "3.1" (or "3.1.0") to "3.5". */
static int parse_version(const char *text, enum mlp_version *v)
{
	for (int i = MLP_V3_1; i <= MLP_V3_5; i++) {
		const char *full = mlp_version_text(i);

		if (!strcmp(text, full) || (strlen(text) == 3 && !strncmp(text, full, 3))) {
			*v = (enum mlp_version)i;
			return 0;
		}
	}
	return -1;
}

/* "<type>:<id>", the type as MLP spells it; the id may hold colons (SIPURL, URL). */
static int parse_requestor(const char *text, struct mlp_client *c)
{
	const char *colon = strchr(text, ':');
	char type[16];
	int t;

	if (!colon || !colon[1] || colon - text >= (long)sizeof type)
		return -1;
	snprintf(type, sizeof type, "%.*s", (int)(colon - text), text);
	if ((t = mlp_requestor_type_of(type)) < 0)
		return -1;
	c->requestor_type = (enum mlp_requestor_type)t;
	c->requestor_id = colon + 1;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "mlp-version", required_argument, NULL, 'V' },
		{ "serviceid", required_argument, NULL, 's' },
		{ "requestor", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct mlp_client c = { .version = MLP_V3_5 };
	char err[256], *end;
	int json = 0, opt, ret;

	/* "+": stop at the command, whose options are its own */
	while ((opt = getopt_long(argc, argv, "+u:i:p:h", options, NULL)) != -1) {
		switch (opt) {
		case 'u': c.url = optarg; break;
		case 'i': c.client_id = optarg; break;
		case 'p': c.pwd = optarg; break;
		case 'j': json = 1; break;
		case 't':
			c.timeout_ms = strtol(optarg, &end, 10) * 1000;
			if (*end || c.timeout_ms <= 0)
				goto bad_usage;
			break;
		case 'V':
			if (parse_version(optarg, &c.version)) {
				fprintf(stderr, "lcs-client: no MLP version %s (3.1 to 3.5)\n", optarg);
				goto bad_usage;
			}
			break;
		case 's': c.serviceid = optarg; break;
		case 'r':
			if (parse_requestor(optarg, &c)) {
				fprintf(stderr, "lcs-client: --requestor %s: not <type>:<id> with an MLP type\n", optarg);
				goto bad_usage;
			}
			break;
		case 'h': fputs(usage, stdout); return 0;
		default: goto bad_usage;
		}
	}
	if (!c.url || !c.client_id || optind >= argc)
		goto bad_usage;
	if (mlp_init(NULL, err, sizeof err)) {
		fprintf(stderr, "lcs-client: %s\n", err);
		return EXIT_TRANSPORT;
	}
	argc -= optind;
	argv += optind;
	optind = 0; /* getopt restarts on the command's arguments */
	if (!strcmp(argv[0], "locate"))
		ret = cmd_locate(&c, argc, argv, json);
	else if (!strcmp(argv[0], "track"))
		ret = cmd_track(&c, argc, argv, json);
	else if (!strcmp(argv[0], "stop"))
		ret = cmd_stop(&c, argc, argv, json);
	else if (!strcmp(argv[0], "bench"))
		ret = cmd_bench(&c, argc, argv, json);
	else
		ret = EXIT_USAGE;
	mlp_cleanup();
	if (ret == EXIT_USAGE)
		goto bad_usage;
	return ret;

bad_usage:
	fputs(usage, stderr);
	return EXIT_USAGE;
}
