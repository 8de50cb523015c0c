/* sh-client pur: Profile-Update-Request (Sh-Update) of repository data, with a Sequence-Number
 * given, or found by the library's read-modify-write loop (--auto). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define AUTO_ATTEMPTS 3
#define SEQUENCE_MAX 65535

enum { OPT_DATA = OPT_FIRST_FREE, OPT_DELETE, OPT_SEQ, OPT_AUTO };

struct pur_args {
	struct cli_request r;
	const char *data_path; /* NULL with --delete */
	int delete;
	long sequence;         /* -1: --auto */
};

static int on_option(void *ctx, int option, const char *arg)
{
	struct pur_args *a = ctx;

	switch (option) {
	case OPT_DATA:
		a->data_path = arg;
		return 0;
	case OPT_DELETE:
		a->delete = 1;
		return 0;
	case OPT_SEQ:
		return cli_parse_count(arg, SEQUENCE_MAX, &a->sequence) ?
			dk_cli_usage_error("--seq wants 0 to %d", SEQUENCE_MAX) : 0;
	case OPT_AUTO:
		a->sequence = -1;
		return 0;
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

/* --seq N: one PUR. */
static int write_once(struct cli *cli, struct pur_args *a, const char *service_data)
{
	char *xml = NULL;
	size_t len;
	int ret;

	if ((ret = cli_open(cli)))
		return ret;
	ret = sh_repository_data_xml(a->r.service_indications[0], (int)a->sequence, service_data, &xml, &len);
	if (ret) {
		fprintf(stderr, "sh-client: --data: not one well-formed XML element (error %d)\n", ret);
		return EXIT_LOCAL;
	}
	a->r.request.user_data = xml;
	a->r.request.user_data_len = len;
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

static int run(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	static const struct option options[] = {
		CLI_REQUEST_OPTIONS,
		{ "data", required_argument, NULL, OPT_DATA },
		{ "delete", no_argument, NULL, OPT_DELETE },
		{ "seq", required_argument, NULL, OPT_SEQ },
		{ "auto", no_argument, NULL, OPT_AUTO },
		{ NULL, 0, NULL, 0 },
	};
	struct pur_args a = { .sequence = -1 };
	char *service_data = NULL;
	int ret;

	cli_request_init(&a.r);
	if ((ret = dk_cli_options(argc, argv, "", options, on_option, &a)))
		return ret;
	if (argc - optind != 1)
		return dk_cli_usage_error("pur takes one identity");
	if ((ret = cli_request_positionals(&a.r, 1, argv + optind, 1)))
		return ret;
	if (a.r.request.identity_kind != SH_ID_PUBLIC_IDENTITY)
		return dk_cli_usage_error("repository data belongs to a public identity (sip:/tel:)");
	if (a.r.request.n_service_indications != 1)
		return dk_cli_usage_error("pur needs one --si");
	if (!a.data_path == !a.delete)
		return dk_cli_usage_error("pur needs --data <file|-> or --delete");
	cli_request_repository_data(&a.r);
	if (a.data_path && (ret = read_service_data(a.data_path, &service_data)))
		return ret;
	ret = a.sequence < 0 ? write_auto(cli, &a, service_data) : write_once(cli, &a, service_data);
	free(service_data);
	return ret;
}

const struct dk_cli_command cli_pur = {
	.name = "pur",
	.summary = "write or delete repository data (Profile-Update-Request)",
	.usage = "usage: sh-client [global options] pur <identity> --si <service-indication>\n"
		 "                  (--data <file|-> | --delete) [--seq <n> | --auto]\n"
		 "\n"
		 "Writes the repository data of a public identity under one Service-Indication: the file's\n"
		 "content (one XML element) becomes the ServiceData; --delete sends the RepositoryData\n"
		 "without ServiceData, which deletes it. Prints nothing on success, or with --json the answer\n"
		 "as one JSON object (repository_data_id holds the stored Sequence-Number).\n"
		 "\n"
		 "  --seq <n>   the Sequence-Number to send: 0 creates the data, a change carries the\n"
		 "              successor of the stored one (n+1, 65535 wrapping to 1)\n"
		 "  --auto      (default) read the stored Sequence-Number first (UDR), send its successor,\n"
		 "              and start again when the HSS answers 5105 (out of sync), 3 times at most\n",
	.run = run,
};
