/* lcs-client track: a listener for the reports (reports.c), a tlrr naming it as pushaddr, the
 * reports printed as they arrive, and a tlrsr when the count is reached or on SIGINT / SIGTERM. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	memset(d, 0, sizeof *d); /* loc_estimates TRUE: the reports carry the positions */
	*meters++ = '\0';
	*ref++ = '\0';
	while (i < n && strcmp(text, types[i]))
		i++;
	if (i == n || parse_long(meters, 1, &d->target_distance_m) || mlp_client_target(ref, &d->reference))
		return -1;
	d->type = (enum mlp_distance_type)i;
	return 0;
}

/* --start-time, --stop-time 2026-12-07T17:30:00Z (UTC). */
static int parse_time(const char *text, time_t *t)
{
	struct tm tm = { 0 };
	const char *end = strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm);

	if (!end || *end)
		return -1;
	*t = timegm(&tm);
	return *t > 0 ? 0 : -1;
}

int parse_listen(const char *text, unsigned *port)
{
	long n;

	if (strncmp(text, "127.0.0.1:", 10) || parse_long(text + 10, 0, &n) || n > 65535)
		return -1;
	*port = (unsigned)n;
	return 0;
}

static int stop_tracking(const struct mlp_client *c, const char *req_id, int json)
{
	struct mlp_answer *a = NULL;
	char err[256] = "";
	int ret = mlp_client_stop(c, req_id, NULL, 0, &a, err, sizeof err);

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
		{ "start-time", required_argument, NULL, 'S' },
		{ "stop-time", required_argument, NULL, 's' },
		{ "duration", required_argument, NULL, 'D' },
		{ "no-of-reports", required_argument, NULL, 'N' },
		{ "when-available", no_argument, NULL, 'W' },
		CLI_ACCURACY_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct mlp_track track = { .interval_s = -1 };
	struct mlp_eqop quality; /* the tlrr's qop */
	struct mlp_client with = *c;
	struct mlp_distance_event distance;
	enum mlp_prio prio;
	struct reports t;
	struct mlp_answer *a = NULL;
	char err[256] = "";
	long count = 0, no_of_reports = 0;
	unsigned port = 0;
	int opt, ret;

	mlp_eqop_init(&quality);
	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (parse_quality(opt, optarg, &quality) || (opt == 'n' && parse_long(optarg, 1, &track.interval_s)) ||
		    (opt == 'c' && parse_long(optarg, 1, &count)) || (opt == 'l' && parse_listen(optarg, &port)) ||
		    (opt == 'd' && parse_distance(optarg, &distance)) ||
		    (opt == 'S' && parse_time(optarg, &track.start_time)) ||
		    (opt == 's' && parse_time(optarg, &track.stop_time)) ||
		    (opt == 'D' && parse_long(optarg, 1, &track.duration_s)) ||
		    (opt == 'N' && (parse_long(optarg, 1, &no_of_reports) || no_of_reports > MLP_MAX_REPORTS)) ||
		    (opt == 'P' && parse_priority(optarg, &prio)) ||
		    opt == '?')
			return EXIT_USAGE;
		if (opt == 'd')
			track.distance = &distance;
		if (opt == 'W')
			track.ms_avail = 1;
		if (opt == 'P')
			with.prio = &prio;
	}
	if (optind != argc - 1 || (track.interval_s < 0 && !track.distance && !track.ms_avail) ||
	    (no_of_reports && !track.distance) || (track.ms_avail && (track.distance || track.interval_s >= 0)) ||
	    check_version(&quality, NULL, c->version))
		return EXIT_USAGE;
	if (track.distance)
		distance.no_of_reports = no_of_reports;
	/* the codec would refuse to write it (106), which would read as the server's doing */
	if ((track.distance || track.duration_s) && c->version < MLP_V3_4) {
		fprintf(stderr, "lcs-client: --%s needs MLP 3.4 or later, not %s\n",
			track.distance ? "distance" : "duration", mlp_version_text(c->version));
		return EXIT_USAGE;
	}

	if (reports_start(&t, port, json))
		return EXIT_TRANSPORT;
	track.pushaddr = t.pushaddr;
	with.eqop = &quality;
	ret = mlp_client_track(&with, (const char *const *)argv + optind, 1, &track, &a, err, sizeof err);
	ret = check_answer(ret, err, a, MLP_TLRA, json);
	if (ret == EXIT_LOCATED) {
		print_req_id("tracking", a->req_id, json);
		/* MS_AVAIL has one report, the last (MLP 3.1's tlrep cannot say so) */
		reports_wait(&t, track.ms_avail ? 1 : count, 0);
		if (!t.last && !(track.ms_avail && t.received))
			ret = stop_tracking(c, a->req_id, json);
	}
	reports_stop(&t);
	free(a);
	return ret == EXIT_LOCATED && t.poserr ? EXIT_POSERR : ret;
}
