/* lcs-client locate and stop: one request, one answer. */
#include "cli.h"

#include <stdlib.h>

int cmd_locate(const struct mlp_client *c, int argc, char **argv, int json)
{
	struct mlp_answer *a = NULL;
	char err[256] = "";
	int ret;

	if (argc < 2 || argc - 1 > MLP_MAX_MSIDS)
		return EXIT_USAGE;
	ret = mlp_client_locate(c, (const char *const *)argv + 1, (size_t)argc - 1, &a, err, sizeof err);
	ret = check_answer(ret, err, a, MLP_SLIA, json);
	if (ret == EXIT_LOCATED) {
		for (int i = 0; i < a->n_pos; i++) {
			print_pos(&a->pos[i], NULL, json);
			if (a->pos[i].result)
				ret = EXIT_POSERR;
		}
	}
	free(a);
	return ret;
}

int cmd_stop(const struct mlp_client *c, int argc, char **argv, int json)
{
	struct mlp_answer *a = NULL;
	char err[256] = "";
	int ret;

	if (argc != 2)
		return EXIT_USAGE;
	ret = mlp_client_stop(c, argv[1], &a, err, sizeof err);
	ret = check_answer(ret, err, a, MLP_TLRSA, json);
	if (ret == EXIT_LOCATED)
		print_req_id("stopped", a->req_id, json);
	free(a);
	return ret;
}
