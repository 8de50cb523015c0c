/* sh-client bench: N UDRs or PURs with at most W outstanding, then the rate and the latency
 * percentiles. PURs keep the Sequence-Number rule: an HSS may handle two PURs of one repository
 * item in either order, so each of the W lanes writes its own item (Service-Indication <si>-<k>,
 * or <si> itself when W is 1) with one PUR in flight, each carrying the successor of the last
 * one stored. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "cli.h"
#include "latency.h"

#define MAX_REQUESTS 10000000L
#define MAX_WINDOW 10000L
#define DEFAULT_SIZE 64
#define BENCH_NAMESPACE "urn:x-imstk:bench"

enum { OPT_SIZE = OPT_FIRST_FREE };

struct lane {
	char *service_indication;
	int stored; /* the Sequence-Number stored, SH_UNSET when none (PUR) */
};

struct bench;

struct bench_request {
	struct bench *bench;
	int lane;
	int sequence;          /* PUR: the Sequence-Number sent */
	struct timespec start;
};

struct bench {
	struct cli *cli;
	struct cli_request r;
	enum sh_command cmd;
	long n, window, size;
	char *service_data;         /* PUR: the ServiceData element written */
	struct bench_request *requests;
	struct dk_bench load;       /* its lock also guards the lanes */
	struct lane *lanes;
	int *free_lanes;
	long n_free;
};

static int on_option(void *ctx, int option, const char *arg)
{
	struct bench *b = ctx;

	switch (option) {
	case 'n':
		return cli_parse_count(arg, MAX_REQUESTS, &b->n) || !b->n ?
			dk_cli_usage_error("-n wants 1 to %ld requests", MAX_REQUESTS) : 0;
	case 'w':
		return cli_parse_count(arg, MAX_WINDOW, &b->window) || !b->window ?
			dk_cli_usage_error("-w wants 1 to %ld outstanding requests", MAX_WINDOW) : 0;
	case OPT_SIZE:
		return cli_parse_count(arg, SHDATA_MAX_SIZE / 2, &b->size) ?
			dk_cli_usage_error("--size wants 0 to %d bytes", SHDATA_MAX_SIZE / 2) : 0;
	}
	return cli_request_option(&b->r, option, arg);
}

static void on_answer(void *arg, int status, struct sh_answer *answer)
{
	struct bench_request *q = arg;
	struct bench *b = q->bench;
	int success = !status && sh_answer_code(answer) == SH_SUCCESS;

	/* the lane is free again before the request's place in the window is */
	pthread_mutex_lock(&b->load.lock);
	if (success && b->cmd == SH_CMD_PUR)
		b->lanes[q->lane].stored = q->sequence;
	b->free_lanes[b->n_free++] = q->lane;
	dk_bench_end_locked(&b->load, &q->start, status, success);
	pthread_mutex_unlock(&b->load.lock);
	dk_bench_release(&b->load);
}

/* PUR: a ServiceData element of about size bytes. */
static int make_service_data(struct bench *b)
{
	static const char head[] = "<BenchData xmlns=\"" BENCH_NAMESPACE "\">", tail[] = "</BenchData>";
	size_t frame = strlen(head) + strlen(tail);
	size_t fill = (size_t)b->size > frame ? (size_t)b->size - frame : 0;

	if (!(b->service_data = malloc(sizeof head + fill + sizeof tail)))
		return EXIT_LOCAL;
	strcpy(b->service_data, head);
	memset(b->service_data + sizeof head - 1, 'x', fill);
	strcpy(b->service_data + sizeof head - 1 + fill, tail);
	return 0;
}

static int make_lanes(struct bench *b, const char *service_indication)
{
	if (!(b->lanes = calloc((size_t)b->window, sizeof *b->lanes)) ||
	    !(b->free_lanes = calloc((size_t)b->window, sizeof *b->free_lanes)))
		return EXIT_LOCAL;
	for (long k = 0; k < b->window; k++) {
		int len = b->cmd == SH_CMD_PUR && b->window > 1 ?
			asprintf(&b->lanes[k].service_indication, "%s-%ld", service_indication, k + 1) :
			asprintf(&b->lanes[k].service_indication, "%s", service_indication);
		if (len < 0)
			return EXIT_LOCAL;
		b->lanes[k].stored = SH_UNSET;
		b->free_lanes[b->n_free++] = (int)k;
	}
	return 0;
}

/* PUR: the Sequence-Number each lane's item holds now (one UDR each, before the clock starts). */
static int read_lanes(struct cli *cli, struct bench *b)
{
	for (long k = 0; k < b->window; k++) {
		const struct sh_repository_data *stored;
		struct sh_answer answer;
		int ret;

		b->r.service_indications[0] = b->lanes[k].service_indication;
		ret = cli_outcome("UDR", sh_udr(cli->client, &b->r.request, &answer), &answer, cli->config.timeout_ms);
		/* the client leaves answers unparsed while benchmarking: parse this one */
		if (!ret && answer.user_data && !answer.data)
			{
			char why[SHDATA_ERR_LEN];
			shdata_parse(answer.user_data, answer.user_data_len, &answer.data, why, sizeof why);
		}
		if (!ret && (stored = sh_answer_repository_data(&answer, b->lanes[k].service_indication)))
			b->lanes[k].stored = stored->sequence_number;
		sh_answer_clear(&answer);
		if (ret)
			return ret;
	}
	return 0;
}

/* Send request i on a free lane, once its place in the window is free (dk_bench_run). */
static void send_one(void *ctx, long i)
{
	struct bench *b = ctx;
	struct cli *cli = b->cli;
	struct bench_request *q = &b->requests[i];
	struct lane *lane;
	char *xml = NULL;
	size_t len = 0;
	int ret = 0;

	pthread_mutex_lock(&b->load.lock);
	q->bench = b;
	q->lane = b->free_lanes[--b->n_free];
	lane = &b->lanes[q->lane];
	q->sequence = sh_sequence_next(lane->stored);
	pthread_mutex_unlock(&b->load.lock);
	b->r.service_indications[0] = lane->service_indication;
	if (b->cmd == SH_CMD_PUR) {
		/* the bench's own ServiceData: written directly, as an HSS serves repository data */
		const char *si = lane->service_indication, *sd = b->service_data;
		int seq = (int)q->sequence;
		ret = shdata_write_repository_data(&si, &seq, &sd, 1, &xml, &len);
		b->r.request.user_data = xml;
		b->r.request.user_data_len = len;
	}
	clock_gettime(CLOCK_MONOTONIC, &q->start);
	if (!ret)
		ret = b->cmd == SH_CMD_PUR ? sh_pur_async(cli->client, &b->r.request, on_answer, q) :
					     sh_udr_async(cli->client, &b->r.request, on_answer, q);
	free(xml);
	if (ret)
		on_answer(q, ret, NULL);
}

static void report(const struct cli *cli, struct bench *b, double elapsed_s)
{
	struct dk_latency l = dk_latency_summary(b->load.latencies_ms, b->load.n_latencies);
	double rate = elapsed_s > 0 ? (double)b->n / elapsed_s : 0.0;

	if (cli->json) {
		dk_cli_print_json(json_pack("{s:s, s:I, s:I, s:I, s:f, s:f, s:I, s:I, s:I, s:{s:f, s:f, s:f, s:f}}",
					 "command", b->cmd == SH_CMD_PUR ? "pur" : "udr", "requests", (json_int_t)b->n,
					 "window", (json_int_t)b->window, "size", (json_int_t)b->size,
					 "elapsed_s", elapsed_s, "rate", rate, "success", (json_int_t)b->load.success,
					 "other_results", (json_int_t)b->load.other, "no_answer", (json_int_t)b->load.no_answer,
					 "latency_ms", "p50", l.p50, "p90", l.p90, "p99", l.p99, "max", l.max));
		return;
	}
	printf("bench %s: %ld requests, window %ld, %.3f s: %.1f req/s\n", b->cmd == SH_CMD_PUR ? "pur" : "udr",
	       b->n, b->window, elapsed_s, rate);
	printf("answers: %ld DIAMETER_SUCCESS, %ld other results; %ld without answer\n", b->load.success,
	       b->load.other, b->load.no_answer);
	printf("latency ms: p50 %.3f p90 %.3f p99 %.3f max %.3f\n", l.p50, l.p90, l.p99, l.max);
}

static int measure(struct bench *b)
{
	report(b->cli, b, dk_bench_run(&b->load, send_one, b));
	return b->load.success == b->n ? EXIT_DIAMETER_SUCCESS : EXIT_DIAMETER_RESULT;
}

static int prepare(struct cli *cli, struct bench *b, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_REQUEST_OPTIONS,
		{ "size", required_argument, NULL, OPT_SIZE },
		{ NULL, 0, NULL, 0 },
	};
	const char *service_indication;
	int ret;

	if ((ret = dk_cli_options(argc, argv, "n:w:", options, on_option, b)))
		return ret;
	if (argc - optind != 2 || (strcmp(argv[optind], "udr") && strcmp(argv[optind], "pur")))
		return dk_cli_usage_error("bench takes udr or pur, then one identity");
	b->cmd = strcmp(argv[optind], "pur") ? SH_CMD_UDR : SH_CMD_PUR;
	if ((ret = cli_request_positionals(&b->r, 1, argv + optind + 1, 1)))
		return ret;
	if (b->r.request.n_service_indications != 1 || !b->n || !b->window)
		return dk_cli_usage_error("bench needs --si, -n and -w");
	service_indication = b->r.service_indications[0];
	cli_request_repository_data(&b->r);
	if ((ret = make_lanes(b, service_indication)) || (b->cmd == SH_CMD_PUR && (ret = make_service_data(b))))
		return ret;
	if (!(b->requests = calloc((size_t)b->n, sizeof *b->requests)) || dk_bench_init(&b->load, b->n, b->window))
		return EXIT_LOCAL;
	/* The rate of the exchange with the HSS: answers are not parsed into structures. */
	cli->config.raw_user_data = 1;
	if ((ret = cli_open(cli)) || (ret = cli_request_resolve(&b->r)) ||
	    (ret = cli_check_request(SH_CMD_UDR, &b->r.request)))
		return ret;
	return b->cmd == SH_CMD_PUR ? read_lanes(cli, b) : 0;
}

static void bench_free(struct bench *b)
{
	for (long k = 0; b->lanes && k < b->window; k++)
		free(b->lanes[k].service_indication);
	free(b->lanes);
	free(b->free_lanes);
	free(b->requests);
	dk_bench_free(&b->load);
	free(b->service_data);
}

static int run(void *program, int argc, char **argv)
{
	struct bench b = { .cli = program, .size = DEFAULT_SIZE };
	int ret;

	cli_request_init(&b.r);
	if (!(ret = prepare(b.cli, &b, argc, argv)))
		ret = measure(&b);
	bench_free(&b);
	return ret;
}

const struct dk_cli_command cli_bench = {
	.name = "bench",
	.summary = "measure UDR or PUR rate and latency",
	.usage = "usage: sh-client [global options] bench udr|pur <identity> --si <service-indication>\n"
		 "                  -n <requests> -w <window> [--size <bytes>]\n"
		 "\n"
		 "Sends n UDRs (RepositoryData of the Service-Indication) or PURs, at most w outstanding,\n"
		 "then prints the rate (requests per second) and the latency percentiles p50, p90, p99 and\n"
		 "the maximum in ms, as text or (--json) one JSON object.\n"
		 "PURs write ServiceData of about --size bytes (default 64) with correct Sequence-Numbers:\n"
		 "each of the w lanes writes its own Service-Indication <si>-1 ... <si>-w (<si> itself when\n"
		 "w is 1) with one PUR in flight, starting from the number the HSS holds (read first).\n"
		 "Exit status 0 when every request got DIAMETER_SUCCESS, else 1.\n",
	.run = run,
};
