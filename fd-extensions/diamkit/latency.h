/* Latency figures for the benchmarks (sh-client bench, lcs-client bench). */
#ifndef DK_LATENCY_H
#define DK_LATENCY_H

#include <time.h>

struct dk_latency {
	double p50, p90, p99, max; /* milliseconds */
};

/* Milliseconds from a to b. */
double dk_ms_between(const struct timespec *a, const struct timespec *b);
/* Sorts the n values of ms and returns their percentiles (nearest rank); all 0 when n is 0. */
struct dk_latency dk_latency_summary(double *ms, long n);

#endif
