/* sh-client snr: Subscribe-Notifications-Request (Sh-Subs-Notif). */
#include <time.h>

#include "cli.h"

#define MAX_EXPIRY_S (10L * 365 * 24 * 3600)

enum { OPT_UNSUBSCRIBE = OPT_FIRST_FREE, OPT_EXPIRY, OPT_SEND_DATA };

static int on_option(void *ctx, int option, const char *arg)
{
	struct cli_request *r = ctx;
	long seconds;

	switch (option) {
	case OPT_UNSUBSCRIBE:
		r->request.subs_req_type = 1;
		return 0;
	case OPT_EXPIRY:
		if (cli_parse_count(arg, MAX_EXPIRY_S, &seconds) || !seconds)
			return dk_cli_usage_error("--expiry wants seconds from now, 1 to %ld", MAX_EXPIRY_S);
		r->request.expiry_time = time(NULL) + seconds;
		return 0;
	case OPT_SEND_DATA:
		r->request.send_data_indication = 1; /* USER_DATA_REQUESTED */
		return 0;
	}
	return cli_request_option(r, option, arg);
}

static int run(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	static const struct option options[] = {
		CLI_REQUEST_OPTIONS,
		CLI_SELECT_OPTIONS,
		{ "unsubscribe", no_argument, NULL, OPT_UNSUBSCRIBE },
		{ "expiry", required_argument, NULL, OPT_EXPIRY },
		{ "send-data", no_argument, NULL, OPT_SEND_DATA },
		{ NULL, 0, NULL, 0 },
	};
	return cli_request_command(cli, argc, argv, options, on_option, SH_CMD_SNR);
}

const struct dk_cli_command cli_snr = {
	.name = "snr",
	.summary = "subscribe to (or unsubscribe from) changes (Subscribe-Notifications-Request)",
	.usage = "usage: sh-client [global options] snr <identity> <data-reference>... [options]\n"
		 "\n"
		 "Sends a Subscribe-Notifications-Request. With --send-data, prints the current User-Data\n"
		 "of the answer (Sh-Data XML); with --json, the answer as one JSON object (expiry_time is\n"
		 "the expiry the HSS granted). The notifications themselves go to this node while it runs:\n"
		 "see the watch command.\n"
		 "\n"
		 "  <identity>, <data-reference>  as for udr\n"
		 "  --si <service-indication>     repository data (repeatable; RepositoryData needs one)\n"
		 "  --unsubscribe                 Subs-Req-Type Unsubscribe (default Subscribe)\n"
		 "  --expiry <seconds>            Expiry-Time, that many seconds from now (default none)\n"
		 "  --send-data                   Send-Data-Indication USER_DATA_REQUESTED\n"
		 "  --user-name <impi>            User-Name\n"
		 "  --server-name <uri>           Server-Name\n"
		 "  --identity-set all|registered|implicit|alias\n"
		 "                                Identity-Set (IMSPublicIdentity: which identities)\n"
		 "  --dsai-tag <tag>              DSAI-Tag (repeatable; DSAI needs one)\n",
	.run = run,
};
