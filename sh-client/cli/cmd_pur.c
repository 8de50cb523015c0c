/* sh-client pur: Profile-Update-Request (Sh-Update) of repository data, with a Sequence-Number
 * given, or found by the library's read-modify-write loop (--auto); several RepositoryData in one
 * PUR (each --si with its --data or --delete and --seq, in order) with Update-Eff. PSIActivation
 * and DSAI: pur_subscriber.c. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define AUTO_ATTEMPTS 3
#define SEQUENCE_MAX 65535

enum { OPT_DATA = OPT_FIRST_FREE, OPT_DELETE, OPT_SEQ, OPT_AUTO };

/* Item i of the PUR: the i-th --si, the i-th --data or --delete, the i-th --seq. */
struct pur_args {
	struct cli_request r;
	const char *data_paths[CLI_MAX_ITEMS]; /* NULL: --delete */
	size_t n_data;
	long sequences[CLI_MAX_ITEMS];
	size_t n_sequences;
	int auto_sequence;
	struct pur_subscriber subscriber; /* --psi-activation, --dsai */
};

static int add_data(struct pur_args *a, const char *path)
{
	if (a->n_data == CLI_MAX_ITEMS)
		return dk_cli_usage_error("at most %d --data / --delete", CLI_MAX_ITEMS);
	a->data_paths[a->n_data++] = path;
	return 0;
}

static int on_option(void *ctx, int option, const char *arg)
{
	struct pur_args *a = ctx;

	switch (option) {
	case OPT_DATA:
		return add_data(a, arg);
	case OPT_DELETE:
		return add_data(a, NULL);
	case OPT_SEQ:
		if (a->n_sequences == CLI_MAX_ITEMS)
			return dk_cli_usage_error("at most %d --seq", CLI_MAX_ITEMS);
		return cli_parse_count(arg, SEQUENCE_MAX, &a->sequences[a->n_sequences++]) ?
			dk_cli_usage_error("--seq wants 0 to %d", SEQUENCE_MAX) : 0;
	case OPT_AUTO:
		a->auto_sequence = 1;
		return 0;
	case OPT_PSI_ACTIVATION:
	case OPT_DSAI:
		return pur_subscriber_option(&a->subscriber, option, arg);
	}
	return cli_request_option(&a->r, option, arg);
}

/* The whole of a file (or stdin for "-"), blanks around it removed. */
static int read_service_data(const char *path, char **out)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *buf = NULL;
	size_t len = 0, start = 0;

	if (!f) {
		perror(path);
		return EXIT_LOCAL;
	}
	if (!(buf = malloc(SHDATA_MAX_SIZE + 1))) {
		fclose(f);
		return EXIT_LOCAL;
	}
	len = fread(buf, 1, SHDATA_MAX_SIZE + 1, f);
	if (f != stdin)
		fclose(f);
	if (len > SHDATA_MAX_SIZE) {
		fprintf(stderr, "sh-client: %s: over %d bytes\n", path, SHDATA_MAX_SIZE);
		free(buf);
		return EXIT_LOCAL;
	}
	while (len && isspace((unsigned char)buf[len - 1]))
		len--;
	while (start < len && isspace((unsigned char)buf[start]))
		start++;
	memmove(buf, buf + start, len - start);
	buf[len - start] = '\0';
	*out = buf;
	return 0;
}

/* --seq: one PUR of every item, asking for Update-Eff when there are several. */
static int write_items(struct cli *cli, struct pur_args *a, char **service_data)
{
	struct sh_repository_data items[CLI_MAX_ITEMS];
	size_t n = a->r.request.n_service_indications;
	char *xml = NULL;
	size_t len;
	int ret;

	if ((ret = cli_open(cli)))
		return ret;
	for (size_t i = 0; i < n; i++)
		items[i] = (struct sh_repository_data){ .service_indication = (char *)a->r.service_indications[i],
							.sequence_number = (int)a->sequences[i],
							.service_data = service_data[i] };
	if ((ret = sh_repository_items_xml(items, n, &xml, &len))) {
		fprintf(stderr, "sh-client: --data: not one well-formed XML element (error %d)\n", ret);
		return EXIT_LOCAL;
	}
	a->r.request.user_data = xml;
	a->r.request.user_data_len = len;
	if (n > 1)
		a->r.request.supported_features = SH_FEATURE_UPDATE_EFF;
	ret = cli_run_request(cli, &a->r, SH_CMD_PUR);
	free(xml);
	return ret;
}

static int replace_with(void *service_data, const char *current, char **new_service_data)
{
	(void)current;
	*new_service_data = NULL;
	if (service_data && !(*new_service_data = strdup(service_data)))
		return ENOMEM;
	return 0;
}

/* --auto: read, then write with the next Sequence-Number, again on 5105. */
static int write_auto(struct cli *cli, struct pur_args *a, char *service_data)
{
	struct sh_answer answer;
	int ret, status;

	if ((ret = cli_open(cli)))
		return ret;
	status = sh_update_repository_data(cli->client, a->r.request.identity, a->r.service_indications[0],
					   replace_with, service_data, AUTO_ATTEMPTS, &answer);
	ret = cli_outcome("PUR", status, &answer, cli->config.timeout_ms);
	if (!status)
		cli_print_answer(cli, &answer);
	sh_answer_clear(&answer);
	return ret;
}

/* Every item has its --data or --delete; one item may leave its Sequence-Number to --auto,
 * several need a --seq each. */
static int check_items(const struct pur_args *a)
{
	size_t n = a->r.request.n_service_indications;

	if (n == 0)
		return dk_cli_usage_error("pur needs --si");
	if (a->n_data != n)
		return dk_cli_usage_error("each --si needs its --data <file|-> or --delete, in the same order");
	if (a->auto_sequence && a->n_sequences)
		return dk_cli_usage_error("--auto and --seq exclude each other");
	if (n > 1 && a->n_sequences != n)
		return dk_cli_usage_error("several --si need a --seq each (no --auto)");
	if (n == 1 && a->n_sequences > 1)
		return dk_cli_usage_error("one --si takes one --seq");
	/* sh_update_repository_data sends the identity alone: say so rather than drop them */
	if (!a->n_sequences && (a->r.request.user_name || a->r.request.server_name))
		return dk_cli_usage_error("--user-name and --server-name need --seq (--auto sends the identity only)");
	return 0;
}

static int run(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	static const struct option options[] = {
		CLI_REQUEST_OPTIONS,
		{ "data", required_argument, NULL, OPT_DATA },
		{ "delete", no_argument, NULL, OPT_DELETE },
		{ "seq", required_argument, NULL, OPT_SEQ },
		{ "auto", no_argument, NULL, OPT_AUTO },
		{ "psi-activation", required_argument, NULL, OPT_PSI_ACTIVATION },
		{ "dsai", required_argument, NULL, OPT_DSAI },
		{ NULL, 0, NULL, 0 },
	};
	struct pur_args a = { 0 };
	char *service_data[CLI_MAX_ITEMS] = { 0 };
	int ret;

	cli_request_init(&a.r);
	pur_subscriber_init(&a.subscriber);
	if ((ret = dk_cli_options(argc, argv, "", options, on_option, &a)))
		return ret;
	if (argc - optind != 1)
		return dk_cli_usage_error("pur takes one identity");
	if ((ret = cli_request_positionals(&a.r, 1, argv + optind, 1)))
		return ret;
	if (pur_subscriber_given(&a.subscriber))
		return pur_subscriber_run(cli, &a.r, &a.subscriber);
	if (a.r.request.identity_kind != SH_ID_PUBLIC_IDENTITY)
		return dk_cli_usage_error("repository data belongs to a public identity (sip:/tel:)");
	if ((ret = check_items(&a)))
		return ret;
	cli_request_repository_data(&a.r);
	for (size_t i = 0; !ret && i < a.n_data; i++)
		if (a.data_paths[i])
			ret = read_service_data(a.data_paths[i], &service_data[i]);
	if (!ret)
		ret = a.n_sequences ? write_items(cli, &a, service_data) : write_auto(cli, &a, service_data[0]);
	for (size_t i = 0; i < a.n_data; i++)
		free(service_data[i]);
	return ret;
}

const struct dk_cli_command cli_pur = {
	.name = "pur",
	.summary = "write or delete repository data (Profile-Update-Request)",
	.usage = "usage: sh-client [global options] pur <identity> --si <service-indication>\n"
		 "                  (--data <file|-> | --delete) [--seq <n> | --auto]\n"
		 "                  [--si <service-indication> (--data <file|-> | --delete) --seq <n>]...\n"
		 "       sh-client [global options] pur <distinct PSI> --psi-activation active|inactive\n"
		 "       sh-client [global options] pur <identity> --server-name <uri>\n"
		 "                  --dsai <tag>=active|inactive [--dsai <tag>=active|inactive]...\n"
		 "\n"
		 "Writes the repository data of a public identity under one Service-Indication: the file's\n"
		 "content (one XML element) becomes the ServiceData; --delete sends the RepositoryData\n"
		 "without ServiceData, which deletes it. Prints nothing on success, or with --json the answer\n"
		 "as one JSON object.\n"
		 "\n"
		 "  --seq <n>   the Sequence-Number to send: 0 creates the data, a change carries the\n"
		 "              successor of the stored one (n+1, 65535 wrapping to 1)\n"
		 "  --auto      (default with one --si) read the stored Sequence-Number first (UDR), send\n"
		 "              its successor, and start again when the HSS answers 5105 (out of sync),\n"
		 "              3 times at most; it sends the identity only (no --user-name, --server-name)\n"
		 "\n"
		 "Several --si write several RepositoryData in one PUR, all or none (the Update-Eff feature,\n"
		 "which the request then indicates in Supported-Features): the i-th --si goes with the i-th\n"
		 "--data or --delete and the i-th --seq. When one fails, the answer's repository_data_id\n"
		 "(--json) names it; an HSS without Update-Eff answers 5011 (feature unsupported).\n"
		 "\n"
		 "--psi-activation writes the PSIActivation of a distinct PSI (Data-Reference 18); --dsai the\n"
		 "DSAI values of the AS --server-name names (19): a tag the HSS does not hold is 5108.\n",
	.run = run,
};
