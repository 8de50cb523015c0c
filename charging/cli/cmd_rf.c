/* rf-event: one EVENT_RECORD; rf-session: START, n INTERIMs, STOP under one Session-Id. */
#include <stdlib.h>

#include "cli.h"

#define MAX_INTERIMS 100000

enum { OPT_INTERIMS = OPT_FIRST_FREE };

static const struct option options[] = {
	CLI_REQUEST_OPTIONS,
	{ "interims", required_argument, NULL, OPT_INTERIMS },
	{ NULL, 0, NULL, 0 },
};

struct rf_args {
	struct cli_request r;
	long long interims;
};

static int on_option(void *ctx, int option, const char *arg)
{
	struct rf_args *a = ctx;

	if (option == OPT_INTERIMS)
		return cli_number("--interims", arg, MAX_INTERIMS, &a->interims);
	return cli_request_option(&a->r, option, arg);
}

static int parse(int argc, char **argv, struct rf_args *a)
{
	return cli_request_parse(&a->r, argc, argv, options, on_option, a);
}

static int run_event(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	struct rf_args a = { .interims = 0 };
	struct chg_acct_answer answer;
	struct chg_acr acr;
	int ret;

	if ((ret = parse(argc, argv, &a)) || (ret = cli_open(cli, CHG_RF)))
		return ret;
	cli_request_acr(&a.r, &acr);
	return cli_acct_result(cli, "ACR EVENT", chg_rf_event(cli->client, &acr, &answer), &answer);
}

typedef int (*record_fn)(struct chg_rf_session *, const struct chg_acr *, struct chg_acct_answer *);

/* One record of the session, printed: the exit status. */
static int send_record(struct cli *cli, struct chg_rf_session *session, record_fn send, const char *what,
		       const struct chg_acr *acr)
{
	struct chg_acct_answer answer;

	return cli_acct_result(cli, what, send(session, acr, &answer), &answer);
}

static int run_session(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	struct rf_args a = { .interims = 1 };
	struct chg_rf_session *session = NULL;
	struct chg_acr acr;
	int ret;

	if ((ret = parse(argc, argv, &a)) || (ret = cli_open(cli, CHG_RF)))
		return ret;
	if (chg_rf_session_new(cli->client, &session))
		return EXIT_LOCAL;
	cli_request_acr(&a.r, &acr);
	ret = send_record(cli, session, chg_rf_start, "ACR START", &acr);
	for (long long i = 0; !ret && i < a.interims; i++)
		ret = send_record(cli, session, chg_rf_interim, "ACR INTERIM", &acr);
	if (!ret)
		ret = send_record(cli, session, chg_rf_stop, "ACR STOP", &acr);
	chg_rf_session_free(session);
	return ret;
}

const struct dk_cli_command cli_rf_event = {
	.name = "rf-event",
	.summary = "offline charging of one event (ACR EVENT_RECORD)",
	.usage = "usage: charging-client [global options] rf-event [request options]\n"
		 "\n"
		 "Sends one Accounting-Request EVENT_RECORD (Accounting-Record-Number 0, Acct-Application-Id\n"
		 "3) in a Session-Id of its own, and prints the answer as one JSON line: session_id,\n"
		 "result_code (or experimental_result and vendor_id), origin_host, attempts (2 and more when\n"
		 "it was sent again with the T flag), record_type, record_number.\n"
		 "Example: rf-event --lcs-client app1 --location-type current --msisdn 15550000001\n"
		 "\n",
	.run = run_event,
};

const struct dk_cli_command cli_rf_session = {
	.name = "rf-session",
	.summary = "offline charging of a session (ACR START, INTERIMs, STOP)",
	.usage = "usage: charging-client [global options] rf-session [--interims <n>] [request options]\n"
		 "\n"
		 "Sends START_RECORD (number 0), n INTERIM_RECORDs (1..n, default 1) and STOP_RECORD (n+1)\n"
		 "under one Session-Id, each with the same request options, and prints each answer as one\n"
		 "JSON line. Stops at the first answer that is not DIAMETER_SUCCESS.\n"
		 "\n",
	.run = run_session,
};
