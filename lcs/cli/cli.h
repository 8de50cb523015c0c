/* lcs-client: what its files share. */
#ifndef LCS_CLI_H
#define LCS_CLI_H

#include "mlp_client.h"

/* Exit statuses (also in the --help text). */
enum {
	EXIT_LOCATED = 0, /* every target located, the request stopped, or the reports received */
	EXIT_POSERR = 1, /* at least one poserr */
	EXIT_USAGE = 2,
	EXIT_TRANSPORT = 3, /* no MLP answer: cannot connect, timeout, an unreadable answer */
	EXIT_REFUSED = 4, /* the server answered with a result: a gem, or a request refused */
};

/* Printing, to stdout, one line per item, as text or (json) one JSON object per line. */
void print_pos(const struct mlp_pos *p, const char *req_id, int json); /* req_id: tlrep */
void print_result(int result, const char *add_info, int json); /* a gem, a refused request */
void print_req_id(const char *what, const char *req_id, int json); /* tracking, stopped */

/* A client's call went wrong (ret != 0) or was answered with a result: prints why and returns
 * the exit status, or returns EXIT_LOCATED when a carries kind and no result. */
int check_answer(int ret, const char *err, const struct mlp_answer *a, enum mlp_answer_kind kind, int json);

int cmd_locate(const struct mlp_client *c, int argc, char **argv, int json);
int cmd_track(const struct mlp_client *c, int argc, char **argv, int json);
int cmd_stop(const struct mlp_client *c, int argc, char **argv, int json);
int cmd_bench(const struct mlp_client *c, int argc, char **argv, int json);

#endif
