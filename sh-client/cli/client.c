/* Opening the client, and the run of one request that most commands are. */
#include <errno.h>

#include "cli.h"

int cli_open(struct cli *cli)
{
	char err[SH_ERR_LEN];
	int ret;

	if (cli->client)
		return 0;
	if (!(ret = sh_client_open(&cli->config, &cli->client, err, sizeof err)))
		return 0;
	fprintf(stderr, "sh-client: %s\n", err);
	return ret == ENOTCONN || ret == ETIMEDOUT ? EXIT_NO_ANSWER : EXIT_LOCAL;
}

const char *cli_command_name(enum sh_command cmd)
{
	return cmd == SH_CMD_UDR ? "UDR" : cmd == SH_CMD_PUR ? "PUR" : "SNR";
}

int cli_check_request(enum sh_command cmd, const struct sh_request *request)
{
	char err[SH_ERR_LEN];

	if (!sh_request_check(cmd, request, err, sizeof err))
		return 0;
	return dk_cli_usage_error("%s: %s", cli_command_name(cmd), err);
}

int cli_send(struct sh_client *client, enum sh_command cmd, const struct sh_request *request,
	     struct sh_answer *answer)
{
	switch (cmd) {
	case SH_CMD_UDR:
		return sh_udr(client, request, answer);
	case SH_CMD_PUR:
		return sh_pur(client, request, answer);
	case SH_CMD_SNR:
		break;
	}
	return sh_snr(client, request, answer);
}

int cli_run_request(struct cli *cli, struct cli_request *r, enum sh_command cmd)
{
	struct sh_answer answer;
	int ret, status;

	if ((ret = cli_open(cli)) || (ret = cli_request_resolve(r)) || (ret = cli_check_request(cmd, &r->request)))
		return ret;
	status = cli_send(cli->client, cmd, &r->request, &answer);
	ret = cli_outcome(cli_command_name(cmd), status, &answer, cli->config.timeout_ms);
	if (!status)
		cli_print_answer(cli, &answer);
	sh_answer_clear(&answer);
	return ret;
}

int cli_request_command(struct cli *cli, int argc, char **argv, const struct option *options,
			int (*on_option)(void *r, int option, const char *arg), enum sh_command cmd)
{
	struct cli_request r;
	int ret;

	cli_request_init(&r);
	if ((ret = dk_cli_options(argc, argv, "", options, on_option, &r)) ||
	    (ret = cli_request_positionals(&r, argc - optind, argv + optind, 0)))
		return ret;
	return cli_run_request(cli, &r, cmd);
}
