/* sh-client: the command-line Sh client (TS 29.329) on libshclient. What its files share. */
#ifndef SH_CLI_H
#define SH_CLI_H

#include <getopt.h>
#include <jansson.h>
#include "dkcli.h"
#include <stdio.h>

#include "shclient.h"

/* Exit statuses (sh-client --help lists them). */
#define EXIT_DIAMETER_SUCCESS 0 /* the answer carried DIAMETER_SUCCESS (2001) */
#define EXIT_DIAMETER_RESULT 1  /* an answer with any other result; the code is on stderr */
#define EXIT_USAGE DK_EXIT_USAGE /* bad command line */
#define EXIT_NO_ANSWER DK_EXIT_NO_ANSWER /* no connection to a peer serving Sh, timeout, answer dropped */
#define EXIT_LOCAL DK_EXIT_LOCAL /* local failure: configuration, dictionary, file, data */

#define CLI_MAX_ITEMS 32 /* Data-References or Service-Indications on one command line */

/* The global options, and the client once open. */
struct cli {
	struct sh_client_config config;
	int json;
	struct sh_client *client;
};

/* A request from the command line: <identity> <data-reference>... and the options shared by the
 * commands (--si, --user-name, --server-name). */
struct cli_request {
	struct sh_request request;
	int data_references[CLI_MAX_ITEMS];
	const char *data_reference_names[CLI_MAX_ITEMS]; /* as given: numbers or names */
	const char *service_indications[CLI_MAX_ITEMS];
	const char *dsai_tags[CLI_MAX_ITEMS];
};

extern const struct dk_cli_command cli_udr, cli_pur, cli_snr, cli_watch, cli_bench;

/* ---- args.c --------------------------------------------------------------------------------- */

/* sip:/sips:/tel: URIs are public identities; digits (with an optional leading +) an MSISDN. */
int cli_parse_identity(const char *text, struct sh_request *request);
/* A non-negative decimal number no larger than max. */
int cli_parse_count(const char *text, long max, long *value);
void cli_request_init(struct cli_request *r);
/* The options below (CLI_REQUEST_OPTIONS, CLI_SELECT_OPTIONS, CLI_DOMAIN_OPTIONS) into a
 * struct cli_request. */
int cli_request_option(void *r, int option, const char *arg);
/* The positionals: <identity> <data-reference>... (at least one, unless none_ok). */
int cli_request_positionals(struct cli_request *r, int argc, char **argv, int none_ok);
/* Data-Reference RepositoryData only (pur, bench). */
void cli_request_repository_data(struct cli_request *r);
/* Once the client is open (names come from the dictionary): the Data-Reference values. */
int cli_request_resolve(struct cli_request *r);
enum { OPT_SI = 1000, OPT_USER_NAME, OPT_SERVER_NAME, OPT_IDENTITY_SET, OPT_DSAI_TAG, OPT_DOMAIN,
       OPT_CURRENT_LOCATION, OPT_PSI_ACTIVATION, OPT_DSAI, OPT_FIRST_FREE };
/* every request */
#define CLI_REQUEST_OPTIONS                                                                        \
	{ "si", required_argument, NULL, OPT_SI },                                                 \
	{ "user-name", required_argument, NULL, OPT_USER_NAME },                                   \
	{ "server-name", required_argument, NULL, OPT_SERVER_NAME }
/* UDR and SNR: which identities (IMSPublicIdentity), which DSAI instances */
#define CLI_SELECT_OPTIONS                                                                         \
	{ "identity-set", required_argument, NULL, OPT_IDENTITY_SET },                             \
	{ "dsai-tag", required_argument, NULL, OPT_DSAI_TAG }
/* UDR: the domain of LocationInformation and UserState, and active location retrieval */
#define CLI_DOMAIN_OPTIONS                                                                         \
	{ "domain", required_argument, NULL, OPT_DOMAIN },                                         \
	{ "current-location", required_argument, NULL, OPT_CURRENT_LOCATION }

/* ---- pur_subscriber.c ----------------------------------------------------------------------- */

/* pur --psi-activation active|inactive (Data-Reference 18) or --dsai <tag>=active|inactive, each
 * repeatable (19, with --server-name): what to write. The tags point into the command line. */
struct pur_subscriber {
	int psi_activation; /* 0 INACTIVE, 1 ACTIVE, SHDATA_ABSENT when not given */
	struct {
		const char *tag;
		size_t tag_len;
		int value; /* DSAI-Value: 0 ACTIVE, 1 INACTIVE */
	} dsai[CLI_MAX_ITEMS];
	size_t n_dsai;
};
void pur_subscriber_init(struct pur_subscriber *p);
/* OPT_PSI_ACTIVATION or OPT_DSAI: 0 or the usage error's exit status. */
int pur_subscriber_option(struct pur_subscriber *p, int option, const char *arg);
/* 1 when either option was given. */
int pur_subscriber_given(const struct pur_subscriber *p);
/* Send the PUR of r's identity and print its answer: the exit status. */
int pur_subscriber_run(struct cli *cli, struct cli_request *r, const struct pur_subscriber *p);

/* ---- client.c ------------------------------------------------------------------------------- */

/* Open the client (libfdcore) with the global options, unless it is open; 0 or the exit status.
 * The Sh-Data codec works once the client is open. */
int cli_open(struct cli *cli);
/* Open the client, resolve r's Data-References, send one request and print its answer; the exit
 * status. */
int cli_run_request(struct cli *cli, struct cli_request *r, enum sh_command cmd);
/* A whole command of one request: parse <identity> <data-reference>... and the options (each
 * given to on_option with the struct cli_request), then cli_run_request. */
int cli_request_command(struct cli *cli, int argc, char **argv, const struct option *options,
			int (*on_option)(void *r, int option, const char *arg), enum sh_command cmd);
/* sh_udr, sh_pur or sh_snr. */
int cli_send(struct sh_client *client, enum sh_command cmd, const struct sh_request *request,
	     struct sh_answer *answer);
/* EXIT_USAGE with the reason when the library would refuse the request, else 0. */
int cli_check_request(enum sh_command cmd, const struct sh_request *request);
/* "UDR", "PUR", "SNR". */
const char *cli_command_name(enum sh_command cmd);

/* ---- output.c ------------------------------------------------------------------------------- */
/* The exit status of a request's outcome, saying on stderr what went wrong. */
int cli_outcome(const char *what, int status, const struct sh_answer *answer, int timeout_ms);
/* The answer on stdout: its User-Data XML, or (json) one JSON object. */
void cli_print_answer(const struct cli *cli, const struct sh_answer *answer);
/* The name of a Diameter result code, or "". */
const char *cli_result_name(uint32_t code);

/* ---- json.c --------------------------------------------------------------------------------- */

json_t *cli_shdata_json(const struct sh_data *data);
json_t *cli_answer_json(const struct sh_answer *answer);

#endif
