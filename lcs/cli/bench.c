/* lcs-client bench: n immediate location requests (slir, one target each, round robin over the
 * targets) from c threads at once, each thread on its own kept-alive HTTP connection, then the
 * rate and the latency percentiles. Each request is a whole MLP exchange: MLP -> SLh RIR -> SLg
 * PLR at the GMLC, and back. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "latency.h"

#define MAX_THREADS 256

struct bench {
	const struct mlp_client *client;
	char **targets;
	int n_targets;
	long n; /* requests */
	pthread_mutex_t lock;
	long next; /* the next request to send, under lock */
	long located, poserr, failed; /* under lock */
	double *latencies_ms; /* one per request, by request index */
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

static void *run(void *arg)
{
	struct bench *b = arg;
	struct mlp_client client = *b->client;

	client.conn = mlp_connection_new(); /* NULL: a connection per request */
	for (;;) {
		struct mlp_answer *a = NULL;
		struct timespec start, end;
		const char *target;
		long i;
		int ret;

		pthread_mutex_lock(&b->lock);
		i = b->next < b->n ? b->next++ : -1;
		pthread_mutex_unlock(&b->lock);
		if (i < 0)
			break;
		target = b->targets[i % b->n_targets];
		clock_gettime(CLOCK_MONOTONIC, &start);
		ret = mlp_client_locate(&client, &target, 1, &a, NULL, 0);
		clock_gettime(CLOCK_MONOTONIC, &end);
		ret = located(ret, a);
		free(a);
		b->latencies_ms[i] = dk_ms_between(&start, &end);
		pthread_mutex_lock(&b->lock);
		if (ret > 0)
			b->located++;
		else if (ret == 0)
			b->poserr++;
		else
			b->failed++;
		pthread_mutex_unlock(&b->lock);
	}
	mlp_connection_free(client.conn);
	return NULL;
}

static void report(struct bench *b, long threads, double elapsed_s, int json)
{
	struct dk_latency l = dk_latency_summary(b->latencies_ms, b->n);
	double rate = elapsed_s > 0 ? (double)b->n / elapsed_s : 0.0;

	if (json) {
		json_t *o = json_pack("{s:I, s:I, s:f, s:f, s:I, s:I, s:I, s:{s:f, s:f, s:f, s:f}}", "requests",
				      (json_int_t)b->n, "concurrency", (json_int_t)threads, "elapsed_s", elapsed_s,
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
	printf("bench locate: %ld requests, %ld at once, %.3f s: %.1f req/s\n", b->n, threads, elapsed_s, rate);
	printf("answers: %ld located, %ld position errors, %ld failed\n", b->located, b->poserr, b->failed);
	printf("latency ms: p50 %.3f p90 %.3f p99 %.3f max %.3f\n", l.p50, l.p90, l.p99, l.max);
}

static int parse_count(const char *text, long max, long *out)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (*end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

int cmd_bench(const struct mlp_client *c, int argc, char **argv, int json)
{
	static const struct option options[] = {
		{ "requests", required_argument, NULL, 'n' },
		{ "concurrency", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	struct bench b = { .client = c, .n = 1000, .lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t threads[MAX_THREADS];
	struct timespec start, end;
	long n_threads = 8, started = 0;
	int opt;

	while ((opt = getopt_long(argc, argv, "n:c:", options, NULL)) != -1)
		if ((opt == 'n' && parse_count(optarg, 100000000, &b.n)) ||
		    (opt == 'c' && parse_count(optarg, MAX_THREADS, &n_threads)) || opt == '?')
			return EXIT_USAGE;
	if (optind >= argc)
		return EXIT_USAGE;
	b.targets = argv + optind;
	b.n_targets = argc - optind;
	if (!(b.latencies_ms = calloc((size_t)b.n, sizeof *b.latencies_ms))) {
		fprintf(stderr, "lcs-client: out of memory\n");
		return EXIT_TRANSPORT;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (started < n_threads && !pthread_create(&threads[started], NULL, run, &b))
		started++;
	for (long i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &end);
	if (started)
		report(&b, started, dk_ms_between(&start, &end) / 1e3, json);
	else
		fprintf(stderr, "lcs-client: cannot start a thread\n");
	free(b.latencies_ms);
	pthread_mutex_destroy(&b.lock);
	if (!started || b.failed)
		return EXIT_TRANSPORT;
	return b.poserr ? EXIT_POSERR : EXIT_LOCATED;
}
