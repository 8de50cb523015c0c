/* A background thread and what wakes and stops it (diamkit.h, "a background thread"). */
#include "diamkit.h"

int dk_worker_start(struct dk_worker *w, clockid_t clock, void *(*run)(void *), void *arg)
{
	pthread_condattr_t attr;
	int ret;

	w->stopping = 0;
	w->running = 0;
	if ((ret = pthread_condattr_init(&attr)))
		return ret;
	if (!(ret = pthread_condattr_setclock(&attr, clock)))
		ret = pthread_cond_init(&w->wake, &attr);
	pthread_condattr_destroy(&attr);
	if (ret)
		return ret;
	pthread_mutex_init(&w->lock, NULL);
	if ((ret = pthread_create(&w->thread, NULL, run, arg))) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
		return ret;
	}
	w->running = 1;
	return 0;
}

void dk_worker_stop(struct dk_worker *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	w->running = 0;
}
