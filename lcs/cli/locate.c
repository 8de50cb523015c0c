/* lcs-client locate and stop: one request, one answer; locate --async: the slia's req_id, then
 * the positions from the slirep pushed to a listener of ours (reports.c). */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#define SLIREP_WAIT_MS 30000 /* without --timeout, as long as an exchange may take */

/* Prints the positions of a SYNC slia: EXIT_LOCATED, or EXIT_POSERR when one is a poserr. */
static int print_located(const struct mlp_answer *a, int json)
{
	int ret = EXIT_LOCATED;

	for (int i = 0; i < a->n_pos; i++) {
		print_pos(&a->pos[i], NULL, json);
		if (a->pos[i].result)
			ret = EXIT_POSERR;
	}
	return ret;
}

/* An ASYNC slir: "locating <req_id>", then the slirep's positions; EXIT_TRANSPORT when none came
 * within the timeout, or SIGINT / SIGTERM came first. */
static int locate_async(const struct mlp_client *c, char **targets, size_t n, unsigned port, int json)
{
	struct mlp_answer *a = NULL;
	struct reports r;
	char err[256] = "";
	int ret;

	if (reports_start(&r, port, json))
		return EXIT_TRANSPORT;
	ret = mlp_client_locate_async(c, (const char *const *)targets, n, r.pushaddr, &a, err, sizeof err);
	ret = check_answer(ret, err, a, MLP_SLIA, json);
	if (ret == EXIT_LOCATED && a->n_pos) { /* a server may answer at once all the same */
		ret = print_located(a, json);
	} else if (ret == EXIT_LOCATED) {
		print_req_id("locating", a->req_id, json);
		reports_wait(&r, 1, c->timeout_ms ? c->timeout_ms : SLIREP_WAIT_MS);
		ret = !r.last ? EXIT_TRANSPORT : r.poserr ? EXIT_POSERR : EXIT_LOCATED;
	}
	reports_stop(&r);
	free(a);
	return ret;
}

int cmd_locate(const struct mlp_client *c, int argc, char **argv, int json)
{
	static const struct option options[] = {
		{ "async", no_argument, NULL, 'a' },
		{ "listen", required_argument, NULL, 'l' },
		CLI_ACCURACY_OPTIONS,
		CLI_TIMING_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct mlp_eqop quality;
	struct mlp_client with = *c; /* with the quality asked */
	enum mlp_loc_type loc_type;
	enum mlp_prio prio;
	struct mlp_answer *a = NULL;
	char err[256] = "";
	unsigned port = 0;
	int opt, async = 0, ret, n;

	mlp_eqop_init(&quality);
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if ((opt == 'l' && parse_listen(optarg, &port)) || opt == '?' ||
		    parse_quality(opt, optarg, &quality) || (opt == 'L' && parse_location_type(optarg, &loc_type)) ||
		    (opt == 'P' && parse_priority(optarg, &prio)))
			return EXIT_USAGE;
		if (opt == 'L')
			with.loc_type = &loc_type;
		if (opt == 'P')
			with.prio = &prio;
		async |= opt == 'a';
	}
	n = argc - optind;
	if (n < 1 || n > MLP_MAX_MSIDS || check_version(&quality, with.loc_type, c->version))
		return EXIT_USAGE;
	with.eqop = &quality;
	if (async)
		return locate_async(&with, argv + optind, (size_t)n, port, json);
	ret = mlp_client_locate(&with, (const char *const *)argv + optind, (size_t)n, &a, err, sizeof err);
	ret = check_answer(ret, err, a, MLP_SLIA, json);
	if (ret == EXIT_LOCATED)
		ret = print_located(a, json);
	free(a);
	return ret;
}

int cmd_stop(const struct mlp_client *c, int argc, char **argv, int json)
{
	struct mlp_answer *a = NULL;
	char err[256] = "";
	int ret;

	if (argc < 2 || argc - 2 > MLP_MAX_MSIDS)
		return EXIT_USAGE;
	if (argc > 2 && c->version < MLP_V3_4) {
		fprintf(stderr, "lcs-client: stopping some targets needs MLP 3.4 or later, not %s\n",
			mlp_version_text(c->version));
		return EXIT_USAGE;
	}
	ret = mlp_client_stop(c, argv[1], (const char *const *)argv + 2, (size_t)argc - 2, &a, err, sizeof err);
	ret = check_answer(ret, err, a, MLP_TLRSA, json);
	if (ret == EXIT_LOCATED)
		print_req_id("stopped", a->req_id, json);
	free(a);
	return ret;
}
