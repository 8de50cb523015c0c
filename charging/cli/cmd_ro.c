/* ro-event: one EVENT_REQUEST (debit, refund, balance, price); ro-session: INITIAL, n UPDATEs,
 * TERMINATION under one Session-Id, each reporting the units used. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_UPDATES 100000

enum { OPT_ACTION = OPT_FIRST_FREE, OPT_UPDATES, OPT_USED };

static const struct option options[] = {
	CLI_REQUEST_OPTIONS,
	{ "action", required_argument, NULL, OPT_ACTION },
	{ "updates", required_argument, NULL, OPT_UPDATES },
	{ "used", required_argument, NULL, OPT_USED },
	{ NULL, 0, NULL, 0 },
};

/* Requested-Action values 0..3, by their command-line names. */
static const char *const actions[] = { "debit", "refund", "balance", "price", NULL };

struct ro_args {
	struct cli_request r;
	int action;
	long long updates;
	long long used;  /* service-specific units reported by each UPDATE and the TERMINATION */
	int used_set;
};

static int on_option(void *ctx, int option, const char *arg)
{
	struct ro_args *a = ctx;

	switch (option) {
	case OPT_ACTION:
		return cli_choice("--action", arg, actions, &a->action);
	case OPT_UPDATES:
		return cli_number("--updates", arg, MAX_UPDATES, &a->updates);
	case OPT_USED:
		a->used_set = 1;
		return cli_number("--used", arg, INT64_MAX, &a->used);
	}
	return cli_request_option(&a->r, option, arg);
}

static int parse(int argc, char **argv, struct ro_args *a, struct chg_ccr *ccr)
{
	int ret = cli_request_parse(&a->r, argc, argv, options, on_option, a);

	return ret ? ret : cli_request_ccr(&a->r, ccr);
}

/* EXIT_USAGE with the library's reason when it would refuse the request. */
static int check(enum chg_request_type type, const struct chg_ccr *ccr)
{
	char err[CHG_ERR_LEN];

	return chg_ccr_check(type, ccr, err, sizeof err) ? dk_cli_usage_error("%s", err) : 0;
}

static int run_event(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	struct ro_args a = { .action = CHG_UNSET };
	struct chg_credit_answer answer;
	struct chg_ccr ccr;
	int ret;

	if ((ret = parse(argc, argv, &a, &ccr)))
		return ret;
	if (a.action == CHG_UNSET)
		return dk_cli_usage_error("ro-event needs --action debit|refund|balance|price");
	ccr.requested_action = a.action;
	if ((ret = check(CHG_EVENT_REQUEST, &ccr)) || (ret = cli_open(cli, CHG_RO)))
		return ret;
	return cli_credit_result(cli, "CCR EVENT", chg_ro_event(cli->client, &ccr, &answer), &answer);
}

typedef int (*request_fn)(struct chg_ro_session *, const struct chg_ccr *, struct chg_credit_answer *);

/* One request of the session, printed; *granted keeps the units granted (none when the answer
 * granted none). */
static int send_request(struct cli *cli, struct chg_ro_session *session, request_fn send, const char *what,
			const struct chg_ccr *ccr, struct chg_units *granted)
{
	struct chg_credit_answer answer;
	int status = send(session, ccr, &answer);

	memset(granted, 0, sizeof *granted);
	if (!status && answer.n_mscc && answer.mscc[0].has_granted)
		*granted = answer.mscc[0].granted;
	return cli_credit_result(cli, what, status, &answer);
}

/* What an UPDATE or the TERMINATION reports as used: the units of the last grant, each of them
 * 'used' when --used was given. */
static struct chg_units used_units(const struct ro_args *a, const struct chg_units *granted)
{
	struct chg_units used = *granted;

	if (a->used_set) {
		used.time = (uint32_t)a->used;
		used.total_octets = used.input_octets = used.output_octets = used.service_specific = (uint64_t)a->used;
	}
	return used;
}

static int run_session(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	struct ro_args a = { .updates = 1 };
	struct chg_ro_session *session = NULL;
	struct chg_ccr ccr;
	struct chg_mscc *mscc = &a.r.mscc;
	struct chg_units granted;
	int ret;

	if ((ret = parse(argc, argv, &a, &ccr)) || (ret = check(CHG_INITIAL_REQUEST, &ccr)) || (ret = cli_open(cli, CHG_RO)))
		return ret;
	if (chg_ro_session_new(cli->client, &session))
		return EXIT_LOCAL;
	ccr.mscc = mscc; /* one MSCC in every request, even without --rating-group */
	ccr.n_mscc = 1;
	mscc->request_units = 1;
	ret = send_request(cli, session, chg_ro_initial, "CCR INITIAL", &ccr, &granted);
	for (long long i = 0; !ret && i <= a.updates; i++) {
		/* each UPDATE reports what was used of the last grant and asks again; the TERMINATION
		 * reports and asks nothing */
		mscc->used = used_units(&a, &granted);
		mscc->request_units = i < a.updates;
		ret = i < a.updates ? send_request(cli, session, chg_ro_update, "CCR UPDATE", &ccr, &granted) :
				      send_request(cli, session, chg_ro_terminate, "CCR TERMINATION", &ccr, &granted);
	}
	chg_ro_session_free(session);
	return ret;
}

const struct dk_cli_command cli_ro_event = {
	.name = "ro-event",
	.summary = "online charging of one event (CCR EVENT_REQUEST)",
	.usage = "usage: charging-client [global options] ro-event --action debit|refund|balance|price\n"
		 "                       --subscriber <kind>:<data> [--rating-group <g>] [--service-id <s>]\n"
		 "                       [--units <n>] [--time <s>] [--volume <octets>] [request options]\n"
		 "\n"
		 "Sends one Credit-Control-Request EVENT_REQUEST (CC-Request-Number 0) with Requested-Action\n"
		 "DIRECT_DEBITING, REFUND_ACCOUNT, CHECK_BALANCE or PRICE_ENQUIRY, the Subscription-Id\n"
		 "(kinds e164, imsi, sip, nai, private) and, with --rating-group / --service-id / --units /\n"
		 "--time / --volume, one Multiple-Services-Credit-Control asking for those units. Prints the\n"
		 "answer as one JSON line: session_id, result_code, origin_host, attempts, request_type,\n"
		 "request_number, mscc (rating_group, service_identifier, result_code, granted units,\n"
		 "validity_time), cost {amount, currency_code, cost_unit}, check_balance_result,\n"
		 "remaining_balance.\n"
		 "Example: ro-event --action debit --subscriber e164:15550000001 --service-id 1 --units 1\n"
		 "\n",
	.run = run_event,
};

const struct dk_cli_command cli_ro_session = {
	.name = "ro-session",
	.summary = "online charging of a session (CCR INITIAL, UPDATEs, TERMINATION)",
	.usage = "usage: charging-client [global options] ro-session --subscriber <kind>:<data>\n"
		 "                       [--updates <n>] [--used <units>] [--rating-group <g>]\n"
		 "                       [--service-id <s>] [--units <n>] [--time <s>] [--volume <octets>]\n"
		 "                       [request options]\n"
		 "\n"
		 "Sends INITIAL_REQUEST (number 0) asking for the units given (an empty\n"
		 "Requested-Service-Unit when none: the OCS chooses), n UPDATE_REQUESTs (default 1) each\n"
		 "reporting as used the units granted last (each of them <units> with --used) and asking\n"
		 "again, then TERMINATION_REQUEST reporting the last use, each answer as one JSON\n"
		 "line. Stops at the first answer that is not DIAMETER_SUCCESS.\n"
		 "\n",
	.run = run_session,
};
