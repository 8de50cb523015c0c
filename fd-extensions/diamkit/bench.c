/* A closed-loop benchmark (bench.h). */
#include "bench.h"

#include <errno.h>
#include <stdlib.h>

#include "latency.h"

int dk_bench_init(struct dk_bench *b, long n, long window)
{
	*b = (struct dk_bench){ .n = n, .window = window };
	if (!(b->latencies_ms = calloc((size_t)n, sizeof *b->latencies_ms)))
		return ENOMEM;
	pthread_mutex_init(&b->lock, NULL);
	return 0;
}

void dk_bench_free(struct dk_bench *b)
{
	if (!b->latencies_ms)
		return;
	free(b->latencies_ms);
	b->latencies_ms = NULL;
	pthread_mutex_destroy(&b->lock);
}

double dk_bench_run(struct dk_bench *b, void (*send)(void *ctx, long i), void *ctx)
{
	struct timespec start, end;

	sem_init(&b->slots, 0, (unsigned)b->window);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (long i = 0; i < b->n; i++) {
		sem_wait(&b->slots);
		send(ctx, i);
	}
	/* every place back: every request has ended */
	for (long k = 0; k < b->window; k++)
		sem_wait(&b->slots);
	clock_gettime(CLOCK_MONOTONIC, &end);
	sem_destroy(&b->slots);
	return dk_ms_between(&start, &end) / 1e3;
}

void dk_bench_end_locked(struct dk_bench *b, const struct timespec *start, int status, int success)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (status) {
		b->no_answer++;
	} else {
		b->latencies_ms[b->n_latencies++] = dk_ms_between(start, &now);
		if (success)
			b->success++;
		else
			b->other++;
	}
}

void dk_bench_release(struct dk_bench *b)
{
	sem_post(&b->slots);
}

void dk_bench_end(struct dk_bench *b, const struct timespec *start, int status, int success)
{
	pthread_mutex_lock(&b->lock);
	dk_bench_end_locked(b, start, status, success);
	pthread_mutex_unlock(&b->lock);
	dk_bench_release(b);
}
