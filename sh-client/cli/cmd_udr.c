/* sh-client udr: User-Data-Request (Sh-Pull). */
#include "cli.h"

static int run(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	static const struct option options[] = {
		CLI_REQUEST_OPTIONS, CLI_SELECT_OPTIONS, CLI_DOMAIN_OPTIONS, { NULL, 0, NULL, 0 },
	};
	return cli_request_command(cli, argc, argv, options, cli_request_option, SH_CMD_UDR);
}

const struct dk_cli_command cli_udr = {
	.name = "udr",
	.summary = "read user data (User-Data-Request)",
	.usage = "usage: sh-client [global options] udr <identity> <data-reference>... [options]\n"
		 "\n"
		 "Sends a User-Data-Request and prints the User-Data (Sh-Data XML), or with --json the\n"
		 "answer as one JSON object (result_code, experimental_result, user_data, sh_data, ...).\n"
		 "\n"
		 "  <identity>                 sip:/tel: URI, or MSISDN digits\n"
		 "  <data-reference>           a number or a TS 29.329 name: RepositoryData (0),\n"
		 "                             IMSPublicIdentity (10), IMSUserState (11), S-CSCFName (12),\n"
		 "                             InitialFilterCriteria (13), LocationInformation (14),\n"
		 "                             UserState (15), ChargingInformation (16), MSISDN (17),\n"
		 "                             PSIActivation (18), DSAI (19), IMSI (32), ...\n"
		 "  --si <service-indication>  repository data to read (repeatable; RepositoryData needs one)\n"
		 "  --user-name <impi>         User-Name (the private identity)\n"
		 "  --server-name <uri>        Server-Name (the AS's SIP URI, for iFCs and DSAI)\n"
		 "  --domain cs|ps             Requested-Domain (LocationInformation and UserState need it)\n"
		 "  --current-location initiate|do-not-initiate\n"
		 "                             Current-Location: whether the HSS is to locate the UE now\n"
		 "                             (TS 29.328 lists it with LocationInformation)\n"
		 "  --identity-set all|registered|implicit|alias\n"
		 "                             Identity-Set (IMSPublicIdentity: which identities)\n"
		 "  --dsai-tag <tag>           DSAI-Tag (repeatable; DSAI needs one, with --server-name)\n",
	.run = run,
};
