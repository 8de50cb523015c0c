/* lcs-client bench: n immediate location requests (slir, one target each, round robin over the
 * targets), c at once, then the rate and the latency percentiles. One thread drives c kept-alive
 * HTTP/1.1 connections with libcurl's multi interface: an easy handle per connection, carrying one
 * request at a time (a thread per connection spent a third of the client's CPU switching between
 * threads, on the vCPUs the measured daemons share). Each request is a whole MLP exchange (MLP ->
 * SLh RIR -> SLg PLR at the GMLC, and back), its answer parsed and validated; every request for a
 * target is the same slir, written once. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "latency.h"
#include "mlp_transfer.h"

#define MAX_CONNECTIONS 1024

/* The slir of one target. */
struct slir {
	char *xml;
	size_t len;
};

/* One connection: its easy handle and the request it carries. */
struct slot {
	CURL *curl;
	struct mlp_transfer t;
	long request; /* its index */
	struct timespec start; /* when it was handed to libcurl */
};

struct bench {
	struct slir *slirs; /* one per target */
	int n_targets;
	long n; /* requests */
	long next; /* the next request to send */
	long located, poserr, failed;
	double *latencies_ms; /* one per request, by request index */
	struct curl_slist *headers; /* of every request */
	CURLM *multi;
	struct slot *slots;
	long n_slots, in_flight;
};

/* 1 when every pos of a is located, 0 when one is a poserr, -1 when a is no slia. */
static int located(int ret, const struct mlp_answer *a)
{
	if (ret || !a || a->kind != MLP_SLIA || a->result)
		return -1;
	for (int i = 0; i < a->n_pos; i++)
		if (a->pos[i].result)
			return 0;
	return 1;
}

/* Hands the next request to s's handle; one libcurl does not take is failed, and the next tried. */
static void start_next(struct bench *b, struct slot *s)
{
	while (b->next < b->n) {
		const struct slir *x = &b->slirs[b->next % b->n_targets];

		s->request = b->next++;
		clock_gettime(CLOCK_MONOTONIC, &s->start);
		if (!mlp_transfer_body(s->curl, x->xml, x->len) && !curl_multi_add_handle(b->multi, s->curl)) {
			b->in_flight++;
			return;
		}
		b->failed++; /* its latency stays 0 */
	}
}

/* s's request ended with code: its latency, its answer counted. */
static void finish(struct bench *b, struct slot *s, CURLcode code)
{
	struct mlp_answer *a = NULL;
	struct timespec end;
	int ret;

	clock_gettime(CLOCK_MONOTONIC, &end);
	b->latencies_ms[s->request] = dk_ms_between(&s->start, &end);
	curl_multi_remove_handle(b->multi, s->curl);
	b->in_flight--;
	ret = mlp_transfer_end(s->curl, code, &s->t, &a, NULL, 0);
	ret = located(ret, a); /* a only once the call above has set it */
	free(a);
	if (ret > 0)
		b->located++;
	else if (ret == 0)
		b->poserr++;
	else
		b->failed++;
}

/* Runs every request. 0, or -1 when libcurl's multi handle fails (printed). */
static int run(struct bench *b)
{
	CURLMcode mc;

	for (long i = 0; i < b->n_slots; i++)
		start_next(b, &b->slots[i]);
	for (;;) {
		CURLMsg *msg;
		int running, left;

		if ((mc = curl_multi_perform(b->multi, &running)))
			break;
		while ((msg = curl_multi_info_read(b->multi, &left))) {
			struct slot *s;
			char *p;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &p);
			s = (struct slot *)p;
			finish(b, s, msg->data.result); /* msg goes with the handle's removal */
			start_next(b, s);
		}
		if (!b->in_flight)
			return 0;
		/* returns at once for a handle just added */
		if ((mc = curl_multi_poll(b->multi, NULL, 0, 1000, NULL)))
			break;
	}
	fprintf(stderr, "lcs-client: %s\n", curl_multi_strerror(mc));
	return -1;
}

/* What a run needs: the slir of each target, the latencies, n_slots connections set up for c's
 * exchanges in one multi handle. 0, or -1 with the reason printed (release() frees what was made). */
static int prepare(struct bench *b, const struct mlp_client *c, char **targets)
{
	char err[256] = "";

	if (mlp_transfer_init(err, sizeof err)) {
		fprintf(stderr, "lcs-client: %s\n", err);
		return -1;
	}
	if (!(b->slirs = calloc((size_t)b->n_targets, sizeof *b->slirs)) ||
	    !(b->latencies_ms = calloc((size_t)b->n, sizeof *b->latencies_ms)) ||
	    !(b->slots = calloc((size_t)b->n_slots, sizeof *b->slots)) || !(b->headers = mlp_transfer_headers()) ||
	    !(b->multi = curl_multi_init())) {
		fprintf(stderr, "lcs-client: out of memory\n");
		return -1;
	}
	for (int i = 0; i < b->n_targets; i++) {
		if (mlp_client_write_slir(c, (const char *const *)&targets[i], 1, &b->slirs[i].xml, &b->slirs[i].len,
					  err, sizeof err)) {
			fprintf(stderr, "lcs-client: %s: %s\n", targets[i], err);
			return -1;
		}
	}
	/* a connection per handle, kept in the multi handle's cache between its requests, none shared
	 * by two requests at once */
	if (curl_multi_setopt(b->multi, CURLMOPT_MAXCONNECTS, b->n_slots) ||
	    curl_multi_setopt(b->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_NOTHING))
		goto no_curl;
	for (long i = 0; i < b->n_slots; i++) {
		struct slot *s = &b->slots[i];

		if (!(s->curl = curl_easy_init()) || mlp_transfer_setup(s->curl, c, b->headers, &s->t) ||
		    curl_easy_setopt(s->curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1) ||
		    curl_easy_setopt(s->curl, CURLOPT_PRIVATE, s))
			goto no_curl;
	}
	return 0;

no_curl:
	fprintf(stderr, "lcs-client: cannot set libcurl up (out of memory?)\n");
	return -1;
}

static void release(struct bench *b)
{
	for (long i = 0; b->slots && i < b->n_slots; i++) {
		curl_multi_remove_handle(b->multi, b->slots[i].curl); /* in flight when a run failed */
		curl_easy_cleanup(b->slots[i].curl);
		free(b->slots[i].t.data);
	}
	curl_multi_cleanup(b->multi);
	free(b->slots);
	curl_slist_free_all(b->headers);
	for (int i = 0; b->slirs && i < b->n_targets; i++)
		free(b->slirs[i].xml);
	free(b->slirs);
	free(b->latencies_ms);
}

static void report(struct bench *b, long at_once, double elapsed_s, int json)
{
	struct dk_latency l = dk_latency_summary(b->latencies_ms, b->n);
	double rate = elapsed_s > 0 ? (double)b->n / elapsed_s : 0.0;

	if (json) {
		json_t *o = json_pack("{s:I, s:I, s:f, s:f, s:I, s:I, s:I, s:{s:f, s:f, s:f, s:f}}", "requests",
				      (json_int_t)b->n, "concurrency", (json_int_t)at_once, "elapsed_s", elapsed_s,
				      "rate", rate, "located", (json_int_t)b->located, "poserr", (json_int_t)b->poserr,
				      "failed", (json_int_t)b->failed, "latency_ms", "p50", l.p50, "p90", l.p90, "p99",
				      l.p99, "max", l.max);
		char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;

		if (line)
			puts(line);
		free(line);
		json_decref(o);
		return;
	}
	printf("bench locate: %ld requests, %ld at once, %.3f s: %.1f req/s\n", b->n, at_once, elapsed_s, rate);
	printf("answers: %ld located, %ld position errors, %ld failed\n", b->located, b->poserr, b->failed);
	printf("latency ms: p50 %.3f p90 %.3f p99 %.3f max %.3f\n", l.p50, l.p90, l.p99, l.max);
}

int cmd_bench(const struct mlp_client *c, int argc, char **argv, int json)
{
	static const struct option options[] = {
		{ "requests", required_argument, NULL, 'n' },
		{ "concurrency", required_argument, NULL, 'c' },
		CLI_ACCURACY_OPTIONS,
		CLI_TIMING_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct mlp_eqop quality; /* every slir asks it */
	struct mlp_client with = *c;
	enum mlp_loc_type loc_type;
	enum mlp_prio prio;
	struct bench b = { .n = 1000 };
	struct timespec start, end;
	long at_once = 8;
	int opt, ret;

	mlp_eqop_init(&quality);
	while ((opt = getopt_long(argc, argv, "n:c:", options, NULL)) != -1) {
		if ((opt == 'n' && parse_range(optarg, 1, 100000000, &b.n)) ||
		    (opt == 'c' && parse_range(optarg, 1, MAX_CONNECTIONS, &at_once)) || opt == '?' ||
		    parse_quality(opt, optarg, &quality) || (opt == 'L' && parse_location_type(optarg, &loc_type)) ||
		    (opt == 'P' && parse_priority(optarg, &prio)))
			return EXIT_USAGE;
		if (opt == 'L')
			with.loc_type = &loc_type;
		if (opt == 'P')
			with.prio = &prio;
	}
	with.eqop = &quality;
	if (optind >= argc || check_version(&quality, with.loc_type, c->version))
		return EXIT_USAGE;
	b.n_targets = argc - optind;
	b.n_slots = at_once < b.n ? at_once : b.n; /* no connection without a request */
	if (!(ret = prepare(&b, &with, argv + optind))) {
		clock_gettime(CLOCK_MONOTONIC, &start);
		ret = run(&b);
		clock_gettime(CLOCK_MONOTONIC, &end);
		if (!ret)
			report(&b, at_once, dk_ms_between(&start, &end) / 1e3, json);
	}
	release(&b);
	if (ret || b.failed)
		return EXIT_TRANSPORT;
	return b.poserr ? EXIT_POSERR : EXIT_LOCATED;
}
