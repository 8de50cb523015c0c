/* A closed-loop benchmark of asynchronous requests (sh-client bench, charging-client bench): n
 * requests with at most window of them outstanding, timed from the first sending until every one
 * has ended, and the tallies of how they ended. */
#ifndef DK_BENCH_H
#define DK_BENCH_H

#include <pthread.h>
#include <semaphore.h>
#include <time.h>

struct dk_bench {
	long n, window;
	sem_t slots;          /* the free places in the window, while dk_bench_run runs */
	pthread_mutex_t lock; /* what follows; a caller may guard its own per-request state with it too,
	                       * so that the end of a request takes one lock (dk_bench_end_locked) */
	long success, other, no_answer;
	double *latencies_ms; /* of the answered requests */
	long n_latencies;
};

/* 0, or ENOMEM (nothing to free then). */
int dk_bench_init(struct dk_bench *b, long n, long window);
/* What dk_bench_init made; nothing for a struct zeroed and never initialised. */
void dk_bench_free(struct dk_bench *b);
/* send(ctx, i) for i from 0 to n - 1, each once a place in the window is free; returns once every
 * request has ended (dk_bench_end), with the seconds from the first sending until then. */
double dk_bench_run(struct dk_bench *b, void (*send)(void *ctx, long i), void *ctx);
/* A request has ended (from its answer callback, any thread, or from send when it could not be
 * sent): with status not 0 it counts as without answer, else its latency since start counts,
 * and it as a success or not. Its place in the window is then free. */
void dk_bench_end(struct dk_bench *b, const struct timespec *start, int status, int success);
/* The same in two steps, for a caller that holds b->lock: the tallies, then (after unlocking) the
 * place in the window. */
void dk_bench_end_locked(struct dk_bench *b, const struct timespec *start, int status, int success);
void dk_bench_release(struct dk_bench *b);

#endif
