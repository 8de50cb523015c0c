/* charging-client bench: n event ACRs (--rf) or n direct-debit event CCRs (--ro), at most w
 * outstanding, then the rate and the latency percentiles. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "cli.h"
#include "latency.h"

#define MAX_REQUESTS 10000000LL
#define MAX_WINDOW 10000LL

enum { OPT_RF = OPT_FIRST_FREE, OPT_RO };

struct bench_request;

struct bench {
	struct cli *cli;
	struct cli_request r;
	int ro;                    /* 0: --rf, 1: --ro, -1: neither given */
	long long n, window;
	struct chg_acr acr;
	struct chg_ccr ccr;
	struct bench_request *requests;
	struct dk_bench load;
};

struct bench_request {
	struct bench *bench;
	struct timespec start;
};

static int on_option(void *ctx, int option, const char *arg)
{
	struct bench *b = ctx;

	if (option == OPT_RF || option == OPT_RO) {
		b->ro = option == OPT_RO;
		return 0;
	}
	return cli_request_option(&b->r, option, arg);
}

static void done(struct bench_request *q, int status, const struct chg_outcome *outcome)
{
	dk_bench_end(&q->bench->load, &q->start, status,
		     !status && chg_outcome_code(outcome) == CHG_SUCCESS && !outcome->result.vendor);
}

/* The request travels as the callback argument. */
static void on_aca(void *arg, int status, struct chg_acct_answer *answer)
{
	done(arg, status, &answer->outcome);
}

static void on_cca(void *arg, int status, struct chg_credit_answer *answer)
{
	done(arg, status, &answer->outcome);
}

static void report(struct bench *b, double elapsed_s)
{
	struct dk_latency l = dk_latency_summary(b->load.latencies_ms, b->load.n_latencies);
	double rate = elapsed_s > 0 ? (double)b->n / elapsed_s : 0.0;

	dk_cli_print_json(json_pack("{s:s, s:I, s:I, s:f, s:f, s:I, s:I, s:I, s:{s:f, s:f, s:f, s:f}}", "command",
				 b->ro ? "ro" : "rf", "requests", (json_int_t)b->n, "window", (json_int_t)b->window,
				 "elapsed_s", elapsed_s, "rate", rate, "success", (json_int_t)b->load.success,
				 "other_results", (json_int_t)b->load.other, "no_answer", (json_int_t)b->load.no_answer,
				 "latency_ms", "p50", l.p50, "p90", l.p90, "p99", l.p99, "max", l.max));
}

/* Request i, once its place in the window is free (dk_bench_run). */
static void send_one(void *ctx, long i)
{
	struct bench *b = ctx;
	struct bench_request *q = &b->requests[i];
	int ret;

	q->bench = b;
	clock_gettime(CLOCK_MONOTONIC, &q->start);
	ret = b->ro ? chg_ro_event_async(b->cli->client, &b->ccr, on_cca, q) :
		      chg_rf_event_async(b->cli->client, &b->acr, on_aca, q);
	if (ret)
		done(q, ret, NULL);
}

static int measure(struct bench *b)
{
	report(b, dk_bench_run(&b->load, send_one, b));
	return b->load.success == b->n ? EXIT_DIAMETER_SUCCESS : EXIT_DIAMETER_RESULT;
}

static int prepare(struct cli *cli, struct bench *b, int argc, char **argv)
{
	static const struct option options[] = {
		CLI_REQUEST_OPTIONS,
		{ "rf", no_argument, NULL, OPT_RF },
		{ "ro", no_argument, NULL, OPT_RO },
		{ NULL, 0, NULL, 0 },
	};
	char err[CHG_ERR_LEN];
	int ret;

	if ((ret = dk_cli_options(argc, argv, "", options, on_option, b)))
		return ret;
	if (b->ro < 0 || argc - optind != 2)
		return dk_cli_usage_error("bench takes --rf or --ro, then <requests> <window>");
	if (cli_number("<requests>", argv[optind], MAX_REQUESTS, &b->n) ||
	    cli_number("<window>", argv[optind + 1], MAX_WINDOW, &b->window))
		return EXIT_USAGE;
	if (!b->n || !b->window)
		return dk_cli_usage_error("bench wants at least 1 request and a window of at least 1");
	cli_request_finish(&b->r);
	cli_request_acr(&b->r, &b->acr);
	if (b->ro) {
		if (!b->r.has_mscc) { /* one service-specific unit by default */
			b->r.has_mscc = 1;
			b->r.mscc.request_units = 1;
			b->r.mscc.requested.present = CHG_UNIT_SPECIFIC;
			b->r.mscc.requested.service_specific = 1;
		}
		if ((ret = cli_request_ccr(&b->r, &b->ccr)))
			return ret;
		b->ccr.requested_action = CHG_DIRECT_DEBITING;
		if (chg_ccr_check(CHG_EVENT_REQUEST, &b->ccr, err, sizeof err))
			return dk_cli_usage_error("%s", err);
	}
	if (!(b->requests = calloc((size_t)b->n, sizeof *b->requests)) ||
	    dk_bench_init(&b->load, (long)b->n, (long)b->window))
		return EXIT_LOCAL;
	return cli_open(cli, b->ro ? CHG_RO : CHG_RF);
}

static int run(void *program, int argc, char **argv)
{
	struct bench b = { .cli = program, .ro = -1 };
	int ret;

	cli_request_init(&b.r);
	if (!(ret = prepare(b.cli, &b, argc, argv)))
		ret = measure(&b);
	free(b.requests);
	dk_bench_free(&b.load);
	return ret;
}

const struct dk_cli_command cli_bench = {
	.name = "bench",
	.summary = "measure ACR or CCR rate and latency",
	.usage = "usage: charging-client [global options] bench --rf|--ro <requests> <window>\n"
		 "                       [request options]\n"
		 "\n"
		 "Sends <requests> event ACRs (--rf) or direct-debit event CCRs (--ro: --subscriber needed,\n"
		 "one service-specific unit unless --units / --time / --volume say otherwise), at most\n"
		 "<window> outstanding, each with the request options, then prints one JSON line: rate\n"
		 "(requests per second), success, other_results, no_answer and the latency percentiles\n"
		 "p50, p90, p99 and max in ms.\n"
		 "Exit status 0 when every request got DIAMETER_SUCCESS, else 1.\n"
		 "\n",
	.run = run,
};
