/* Answers sent late: a UE whose positioning takes time (scenario delay_ms) gets its PLAs that much
 * after its PLRs, as a real MME's come after paging and positioning. The PLR handler hands its
 * answer over (freeDiameter then sends nothing for it) and one timer thread sends each when due;
 * the list is kept in order of due time. */
#include "mme_stub.h"

#include <stdlib.h>

struct late_answer {
	struct late_answer *next;
	struct msg *ans;
	struct timespec due; /* CLOCK_MONOTONIC */
};

static struct dk_worker worker;  /* its timed waits on CLOCK_MONOTONIC, as the dues */
static struct late_answer *queue; /* by due time, owned here, under worker.lock */

static void *run(void *arg)
{
	struct timespec now;

	(void)arg;
	fd_log_threadname("mme_stub late answers");
	pthread_mutex_lock(&worker.lock);
	while (!worker.stopping) {
		struct late_answer *first = queue;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!first) {
			pthread_cond_wait(&worker.wake, &worker.lock);
			continue;
		}
		if (dk_time_before(&now, &first->due)) {
			pthread_cond_timedwait(&worker.wake, &worker.lock, &first->due);
			continue;
		}
		queue = first->next;
		pthread_mutex_unlock(&worker.lock); /* sent without the lock */
		CHECK_FCT_DO(fd_msg_send(&first->ans, NULL, NULL), fd_msg_free(first->ans));
		free(first);
		pthread_mutex_lock(&worker.lock);
	}
	pthread_mutex_unlock(&worker.lock);
	return NULL;
}

int delayed_start(void)
{
	CHECK_POSIX(dk_worker_start(&worker, CLOCK_MONOTONIC, run, NULL));
	return 0;
}

void delayed_stop(void)
{
	dk_worker_stop(&worker);
	while (queue) {
		struct late_answer *x = queue;

		queue = x->next;
		fd_msg_free(x->ans);
		free(x);
	}
}

int delayed_send(struct msg **ans, uint32_t delay_ms)
{
	struct late_answer *x, **at;

	CHECK_MALLOC(x = calloc(1, sizeof *x));
	dk_time_in(CLOCK_MONOTONIC, delay_ms, &x->due);
	x->ans = *ans;
	*ans = NULL;
	pthread_mutex_lock(&worker.lock);
	for (at = &queue; *at && !dk_time_before(&x->due, &(*at)->due); at = &(*at)->next)
		;
	x->next = *at;
	*at = x;
	pthread_cond_signal(&worker.wake);
	pthread_mutex_unlock(&worker.lock);
	return 0;
}
