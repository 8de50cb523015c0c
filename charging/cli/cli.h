/* charging-client: Rf and Ro requests from the command line, on libcharging. What its files
 * share. */
#ifndef CHARGING_CLI_H
#define CHARGING_CLI_H

#include <getopt.h>
#include <jansson.h>
#include "dkcli.h"
#include <stdio.h>

#include "charging.h"
#include "gad.h"

/* Exit statuses (charging-client --help lists them). */
#define EXIT_DIAMETER_SUCCESS 0 /* every answer carried DIAMETER_SUCCESS (2001) */
#define EXIT_DIAMETER_RESULT 1  /* an answer with another result; its code is on stderr */
#define EXIT_USAGE DK_EXIT_USAGE /* bad command line */
#define EXIT_NO_ANSWER DK_EXIT_NO_ANSWER /* no peer, timeout, answer dropped */
#define EXIT_LOCAL DK_EXIT_LOCAL /* local failure: configuration, dictionary */

/* The global options, and the client once open. */
struct cli {
	struct chg_config config;
	struct chg_client *client;
};

extern const struct dk_cli_command cli_rf_event, cli_rf_session, cli_ro_event, cli_ro_session, cli_bench;

/* ---- args.c: command-line pieces ------------------------------------------------------------ */

/* A decimal number 0..max: 0, or EXIT_USAGE with a message naming the option. */
int cli_number(const char *option, const char *text, long long max, long long *value);
/* The index of text in names (NULL-terminated), as a value: 0, or EXIT_USAGE listing them. */
int cli_choice(const char *option, const char *text, const char *const *names, int *value);
/* Open the client with the global options, unless open, and wait for a peer serving app (at most
 * the open timeout, CLI_OPEN_TIMEOUT_MS when the options give none): 0 or the exit status. */
#define CLI_OPEN_TIMEOUT_MS 10000
int cli_open(struct cli *cli, enum chg_application app);

/* ---- request.c: what an ACR or CCR carries, from options ------------------------------------ */

/* Options every request takes: the user, the Service-Context-Id, the Service-Information. */
struct cli_request {
	const char *user_name;
	const char *context;            /* Service-Context-Id; default from the information given */
	int ims_set, lcs_set, prose_set;
	struct chg_ims_information ims;
	struct chg_lcs_information lcs;
	struct chg_prose_information prose;
	uint8_t gad[GAD_MAX_LEN];       /* --location, encoded */
	struct chg_service_information si;
	/* Ro */
	struct chg_subscription_id subscriber;
	int has_subscriber;
	struct chg_mscc mscc;
	int has_mscc;
};

enum {
	OPT_USER_NAME = 1000,
	OPT_CONTEXT,
	OPT_CALLING, OPT_CALLED, OPT_ICID, OPT_ROLE, OPT_SIP_METHOD, OPT_NODE_FUNCTIONALITY,
	OPT_LCS_CLIENT, OPT_LCS_CLIENT_TYPE, OPT_LCS_CLIENT_NAME, OPT_REQUESTOR, OPT_LOCATION_TYPE,
	OPT_LOCATION, OPT_MSISDN, OPT_IMSI,
	OPT_PROSE_EVENT, OPT_PROSE_ROLE, OPT_RANGE_CLASS, OPT_PROSE_APP_ID,
	OPT_SUBSCRIBER, OPT_RATING_GROUP, OPT_SERVICE_ID, OPT_UNITS, OPT_TIME, OPT_VOLUME,
	OPT_FIRST_FREE,
};
#define CLI_REQUEST_OPTIONS                                                                        \
	{ "user-name", required_argument, NULL, OPT_USER_NAME },                                   \
	{ "context", required_argument, NULL, OPT_CONTEXT },                                       \
	{ "calling", required_argument, NULL, OPT_CALLING },                                       \
	{ "called", required_argument, NULL, OPT_CALLED },                                         \
	{ "icid", required_argument, NULL, OPT_ICID },                                             \
	{ "role", required_argument, NULL, OPT_ROLE },                                             \
	{ "sip-method", required_argument, NULL, OPT_SIP_METHOD },                                 \
	{ "node-functionality", required_argument, NULL, OPT_NODE_FUNCTIONALITY },                 \
	{ "lcs-client", required_argument, NULL, OPT_LCS_CLIENT },                                 \
	{ "lcs-client-type", required_argument, NULL, OPT_LCS_CLIENT_TYPE },                       \
	{ "lcs-client-name", required_argument, NULL, OPT_LCS_CLIENT_NAME },                       \
	{ "requestor", required_argument, NULL, OPT_REQUESTOR },                                   \
	{ "location-type", required_argument, NULL, OPT_LOCATION_TYPE },                           \
	{ "location", required_argument, NULL, OPT_LOCATION },                                     \
	{ "msisdn", required_argument, NULL, OPT_MSISDN },                                         \
	{ "imsi", required_argument, NULL, OPT_IMSI },                                             \
	{ "prose-event", required_argument, NULL, OPT_PROSE_EVENT },                               \
	{ "prose-role", required_argument, NULL, OPT_PROSE_ROLE },                                 \
	{ "range-class", required_argument, NULL, OPT_RANGE_CLASS },                               \
	{ "prose-app-id", required_argument, NULL, OPT_PROSE_APP_ID },                             \
	{ "subscriber", required_argument, NULL, OPT_SUBSCRIBER },                                 \
	{ "rating-group", required_argument, NULL, OPT_RATING_GROUP },                             \
	{ "service-id", required_argument, NULL, OPT_SERVICE_ID },                                 \
	{ "units", required_argument, NULL, OPT_UNITS },                                           \
	{ "time", required_argument, NULL, OPT_TIME },                                             \
	{ "volume", required_argument, NULL, OPT_VOLUME }

/* The --help text of those options. */
extern const char cli_request_help[];

void cli_request_init(struct cli_request *r);
/* One of CLI_REQUEST_OPTIONS into r: 0 or EXIT_USAGE. */
int cli_request_option(struct cli_request *r, int option, const char *arg);
/* Once the options are read: the Service-Information and the default context. */
void cli_request_finish(struct cli_request *r);
/* The arguments of an rf or ro command, options only: r from scratch, each option (of
 * CLI_REQUEST_OPTIONS and the command's own) to on_option(ctx, ...), then cli_request_finish.
 * 0 or EXIT_USAGE. */
int cli_request_parse(struct cli_request *r, int argc, char **argv, const struct option *options,
		      int (*on_option)(void *ctx, int option, const char *arg), void *ctx);
/* The ACR fields (acr points into r). */
void cli_request_acr(struct cli_request *r, struct chg_acr *acr);
/* The CCR fields (ccr points into r); EXIT_USAGE when --subscriber is missing. */
int cli_request_ccr(struct cli_request *r, struct chg_ccr *ccr);

/* ---- output.c ---------------------------------------------------------------------------------- */

/* The exit status of one exchange, saying on stderr what went wrong (what: "ACR START", ...). */
int cli_outcome(const char *what, int status, const struct chg_outcome *outcome, int timeout_ms);
/* The end of one exchange: its outcome said (cli_outcome), the answer as one JSON line on stdout
 * when one came, then cleared; the exit status. */
int cli_acct_result(const struct cli *cli, const char *what, int status, struct chg_acct_answer *answer);
int cli_credit_result(const struct cli *cli, const char *what, int status, struct chg_credit_answer *answer);

#endif
