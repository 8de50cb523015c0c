/* Group commit: the dispatch threads queue the requests that change a store, and one writer thread
 * takes every request waiting (at most max_batch, after window_ms to let more join), commits them
 * as one batch in one durable transaction (commit()), and only then answers them (answer()). One
 * disk sync serves a whole batch, and no answer reports what was not committed. The batch counts
 * for conflicts until its commit ends; answer() may free the jobs. */
#include "diamkit.h"

#include <time.h>

/* Whether job conflicts with one waiting or being written (writer.lock held). */
static int conflicting(const struct dk_group_commit *g, const struct dk_gc_job *job)
{
	for (const struct dk_gc_job *lists[] = { g->head, g->writing }, **l = lists; l < lists + 2; l++)
		for (const struct dk_gc_job *j = *l; j; j = j->next)
			if (g->conflicts(job, j))
				return 1;
	return 0;
}

int dk_gc_push(struct dk_group_commit *g, struct dk_gc_job *job)
{
	int refused;

	job->next = NULL;
	pthread_mutex_lock(&g->writer.lock);
	refused = g->conflicts && conflicting(g, job);
	if (!refused) {
		*g->tail = job;
		g->tail = &job->next;
		pthread_cond_signal(&g->writer.wake);
	}
	pthread_mutex_unlock(&g->writer.lock);
	return refused;
}

/* Take at most max_batch jobs off the queue (writer.lock held); their count in *n. */
static struct dk_gc_job *take_batch(struct dk_group_commit *g, size_t *n)
{
	struct dk_gc_job *batch = g->head, **cut = &g->head;

	for (*n = 0; *cut && *n < g->max_batch; (*n)++)
		cut = &(*cut)->next;
	g->head = *cut;
	if (!g->head)
		g->tail = &g->head;
	*cut = NULL;
	return batch;
}

static void *writer_loop(void *arg)
{
	struct dk_group_commit *g = arg;

	fd_log_threadname(g->thread_name);
	pthread_mutex_lock(&g->writer.lock);
	for (;;) {
		size_t n;

		while (!g->head && !g->writer.stopping)
			pthread_cond_wait(&g->writer.wake, &g->writer.lock);
		if (!g->head)
			break;
		if (g->window_ms) {
			struct timespec ts = { g->window_ms / 1000, (g->window_ms % 1000) * 1000000L };
			pthread_mutex_unlock(&g->writer.lock);
			nanosleep(&ts, NULL);
			pthread_mutex_lock(&g->writer.lock);
		}
		struct dk_gc_job *batch = g->writing = take_batch(g, &n);
		pthread_mutex_unlock(&g->writer.lock);
		int committed = g->commit(batch, n);
		pthread_mutex_lock(&g->writer.lock);
		g->writing = NULL;
		pthread_mutex_unlock(&g->writer.lock);
		g->answer(batch, n, committed);
		pthread_mutex_lock(&g->writer.lock);
	}
	pthread_mutex_unlock(&g->writer.lock);
	return NULL;
}

int dk_gc_start(struct dk_group_commit *g)
{
	g->head = g->writing = NULL;
	g->tail = &g->head;
	if (!g->max_batch)
		g->max_batch = 1;
	return dk_worker_start(&g->writer, CLOCK_REALTIME, writer_loop, g);
}

void dk_gc_stop(struct dk_group_commit *g)
{
	dk_worker_stop(&g->writer);
}
