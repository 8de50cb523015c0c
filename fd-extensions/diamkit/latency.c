/* Latency figures (latency.h). */
#include "latency.h"

#include <stdlib.h>

double dk_ms_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

static int compare_ms(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Nearest rank: the smallest value with at least p% of them at or below it. */
static double percentile(const double *sorted, long n, long p)
{
	long rank = (p * n + 99) / 100;
	return sorted[rank > 0 ? rank - 1 : 0];
}

struct dk_latency dk_latency_summary(double *ms, long n)
{
	struct dk_latency l = { 0 };

	if (n <= 0)
		return l;
	qsort(ms, (size_t)n, sizeof *ms, compare_ms);
	l.p50 = percentile(ms, n, 50);
	l.p90 = percentile(ms, n, 90);
	l.p99 = percentile(ms, n, 99);
	l.max = ms[n - 1];
	return l;
}
