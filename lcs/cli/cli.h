/* lcs-client: what its files share. */
#ifndef LCS_CLI_H
#define LCS_CLI_H

#include <signal.h>
#include <stdatomic.h>

#include "mlp_client.h"
#include "mlp_listener.h"

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

/* The report listener of track and locate --async (reports.c): each tlrep or slirep printed as it
 * arrives, on the listener's thread. */
struct reports {
	int json;
	atomic_long received;
	atomic_int poserr, last; /* last: an slirep, or a tlrep saying no more follow */
	sigset_t signals; /* SIGINT, SIGTERM: blocked in every thread, waited for */
	struct mlp_listener *listener;
	char pushaddr[64]; /* its URL */
};

/* Starts the listener on 127.0.0.1:port (0: any free port); 0, or -1 said on stderr. */
int reports_start(struct reports *r, unsigned port, int json);
/* Waits for count reports (0: no count), the last one, SIGINT / SIGTERM, or about timeout_ms
 * (0: no bound). */
void reports_wait(const struct reports *r, long count, long timeout_ms);
void reports_stop(struct reports *r);
/* --listen 127.0.0.1:<port>: the loopback address only, as the listener serves (track.c). */
int parse_listen(const char *text, unsigned *port);

/* options.c: a whole decimal number of at least min (and at most max); 0, or -1. */
int parse_long(const char *text, long min, long *out);
int parse_range(const char *text, long min, long max, long *out);
/* The quality options, by their getopt value: --accuracy 'A', --altitude-accuracy 'H', --qos 'Q'
 * (locate, bench and track), --max-age 'M', --response 'R', --response-timer 'T' (locate and
 * bench) into q. 0, or -1 for a bad value; any other option is left alone (0). */
int parse_quality(int opt, const char *arg, struct mlp_eqop *q);
/* --priority normal|high 'P' (locate, bench and track): the request's prio. 0, or -1. */
int parse_priority(const char *arg, enum mlp_prio *prio);
/* Whether MLP version v has what was asked, the quality q and the loc_type (NULL: none): -1, with
 * a message, when MLP 3.1 is asked for a qos_class or loc_type LAST_OR_CURRENT, which the codec
 * would refuse to write (106) and would read as the server's doing. */
int check_version(const struct mlp_eqop *q, const enum mlp_loc_type *loc_type, enum mlp_version v);
/* --location-type current|last|current-or-last|last-or-current|initial: an slir's loc_type. 0, or
 * -1. */
int parse_location_type(const char *arg, enum mlp_loc_type *type);
/* Their entries in a struct option table: the accuracies (an slir's eqop or a tlrr's qop), and
 * what only an slir says (the rest of its eqop, its loc_type). */
#define CLI_ACCURACY_OPTIONS                                      \
	{ "accuracy", required_argument, NULL, 'A' },               \
	{ "altitude-accuracy", required_argument, NULL, 'H' },      \
	{ "qos", required_argument, NULL, 'Q' },                    \
	{ "priority", required_argument, NULL, 'P' }
#define CLI_TIMING_OPTIONS                                        \
	{ "max-age", required_argument, NULL, 'M' },                \
	{ "response", required_argument, NULL, 'R' },               \
	{ "response-timer", required_argument, NULL, 'T' },         \
	{ "location-type", required_argument, NULL, 'L' }

int cmd_locate(const struct mlp_client *c, int argc, char **argv, int json);
int cmd_track(const struct mlp_client *c, int argc, char **argv, int json);
int cmd_stop(const struct mlp_client *c, int argc, char **argv, int json);
int cmd_bench(const struct mlp_client *c, int argc, char **argv, int json);

#endif
