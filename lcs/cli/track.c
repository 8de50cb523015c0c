/* lcs-client track: a listener for the reports, a tlrr naming it as pushaddr, the reports
 * printed as they arrive, and a tlrsr when the count is reached or on SIGINT / SIGTERM. */
#include "cli.h"
#include "mlp_listener.h"

#include <getopt.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define POLL_NS 100000000L /* how often the count is looked at between signals */

/* Shared with the listener's thread. */
struct tracking {
	int json;
	atomic_long received;
	atomic_int poserr, last; /* last: a report said no more follow */
};

static void on_report(void *arg, const struct mlp_answer *report)
{
	struct tracking *t = arg;

	for (int i = 0; i < report->n_pos; i++) {
		print_pos(&report->pos[i], report->req_id, t->json);
		if (report->pos[i].result)
			t->poserr = 1;
	}
	if (report->kind == MLP_TLREP && !report->more)
		t->last = 1;
	t->received++;
}

static int parse_long(const char *text, long min, long *out)
{
	char *end;

	*out = strtol(text, &end, 10);
	return *end || end == text || *out < min ? -1 : 0;
}

/* "within:500:15550000002", "outside:100:imsi:001010000000002" */
static int parse_distance(char *text, struct mlp_distance_event *d)
{
	static const char *const types[] = {
		[MLP_ENTERING_DISTANCE] = "entering", [MLP_LEAVING_DISTANCE] = "leaving",
		[MLP_WITHIN_DISTANCE] = "within", [MLP_OUTSIDE_DISTANCE] = "outside",
	};
	char *meters = strchr(text, ':'), *ref = meters ? strchr(meters + 1, ':') : NULL;
	size_t n = sizeof types / sizeof types[0], i = 0;

	if (!ref)
		return -1;
	*meters++ = '\0';
	*ref++ = '\0';
	while (i < n && strcmp(text, types[i]))
		i++;
	if (i == n || parse_long(meters, 1, &d->target_distance_m) || mlp_client_target(ref, &d->reference))
		return -1;
	d->type = (enum mlp_distance_type)i;
	return 0;
}

/* --stop-time 2026-12-07T17:30:00Z (UTC). */
static int parse_time(const char *text, time_t *t)
{
	struct tm tm = { 0 };
	const char *end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm);

	if (!end || *end)
		return -1;
	*t = timegm(&tm);
	return *t > 0 ? 0 : -1;
}

/* --listen 127.0.0.1:<port>: the loopback address only, as the listener serves. */
static int parse_listen(const char *text, unsigned *port)
{
	long n;

	if (strncmp(text, "127.0.0.1:", 10) || parse_long(text + 10, 0, &n) || n > 65535)
		return -1;
	*port = (unsigned)n;
	return 0;
}

/* Waits for count reports, the last one, or SIGINT / SIGTERM (blocked in every thread). */
static void wait_reports(const struct tracking *t, long count, const sigset_t *signals)
{
	const struct timespec poll = { 0, POLL_NS };

	while ((count <= 0 || t->received < count) && !t->last)
		if (sigtimedwait(signals, NULL, &poll) > 0)
			return;
}

static int stop_tracking(const struct mlp_client *c, const char *req_id, int json)
{
	struct mlp_answer *a = NULL;
	char err[256] = "";
	int ret = mlp_client_stop(c, req_id, &a, err, sizeof err);

	ret = check_answer(ret, err, a, MLP_TLRSA, json);
	if (ret == EXIT_LOCATED)
		print_req_id("stopped", a->req_id, json);
	free(a);
	return ret;
}

int cmd_track(const struct mlp_client *c, int argc, char **argv, int json)
{
	static const struct option options[] = {
		{ "interval", required_argument, NULL, 'n' },
		{ "count", required_argument, NULL, 'c' },
		{ "listen", required_argument, NULL, 'l' },
		{ "distance", required_argument, NULL, 'd' },
		{ "stop-time", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct mlp_track track = { .interval_s = -1 };
	struct mlp_distance_event distance;
	struct tracking t = { .json = json };
	struct mlp_listener *l = NULL;
	struct mlp_answer *a = NULL;
	char err[256] = "", pushaddr[64];
	long count = 0;
	unsigned port = 0;
	sigset_t signals;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if ((opt == 'n' && parse_long(optarg, 1, &track.interval_s)) ||
		    (opt == 'c' && parse_long(optarg, 1, &count)) || (opt == 'l' && parse_listen(optarg, &port)) ||
		    (opt == 'd' && parse_distance(optarg, &distance)) ||
		    (opt == 's' && parse_time(optarg, &track.stop_time)) || opt == '?')
			return EXIT_USAGE;
		if (opt == 'd')
			track.distance = &distance;
	}
	if (optind != argc - 1 || (track.interval_s < 0 && !track.distance))
		return EXIT_USAGE;
	/* the codec would refuse to write it (106), which would read as the server's doing */
	if (track.distance && c->version < MLP_V3_4) {
		fprintf(stderr, "lcs-client: --distance needs MLP 3.4 or later (distance_event), not %s\n",
			mlp_version_text(c->version));
		return EXIT_USAGE;
	}

	/* blocked before the listener's thread starts, so that it inherits the mask */
	sigemptyset(&signals);
	sigaddset(&signals, SIGINT);
	sigaddset(&signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &signals, NULL);
	if (mlp_listener_start(port, 0, on_report, &t, &l, err, sizeof err)) {
		fprintf(stderr, "lcs-client: %s\n", err);
		return EXIT_TRANSPORT;
	}
	snprintf(pushaddr, sizeof pushaddr, "http://127.0.0.1:%u/", mlp_listener_port(l));
	track.pushaddr = pushaddr;
	ret = mlp_client_track(c, (const char *const *)argv + optind, 1, &track, &a, err, sizeof err);
	ret = check_answer(ret, err, a, MLP_TLRA, json);
	if (ret == EXIT_LOCATED) {
		print_req_id("tracking", a->req_id, json);
		wait_reports(&t, count, &signals);
		if (!t.last)
			ret = stop_tracking(c, a->req_id, json);
	}
	mlp_listener_stop(l);
	free(a);
	return ret == EXIT_LOCATED && t.poserr ? EXIT_POSERR : ret;
}
