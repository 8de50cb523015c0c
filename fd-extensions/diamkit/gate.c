/* Work in flight, counted (diamkit.h, dk_gate). */
#include <errno.h>

#include "diamkit.h"

int dk_gate_enter(struct dk_gate *g)
{
	int ret = 0;

	pthread_mutex_lock(&g->lock);
	if (g->closed)
		ret = ESHUTDOWN;
	else if (g->max && g->in_flight == g->max)
		ret = EBUSY;
	else
		g->in_flight++;
	pthread_mutex_unlock(&g->lock);
	return ret;
}

void dk_gate_leave(struct dk_gate *g)
{
	pthread_mutex_lock(&g->lock);
	if (--g->in_flight == 0)
		pthread_cond_broadcast(&g->idle);
	pthread_mutex_unlock(&g->lock);
}

void dk_gate_close(struct dk_gate *g)
{
	pthread_mutex_lock(&g->lock);
	g->closed = 1;
	while (g->in_flight > 0)
		pthread_cond_wait(&g->idle, &g->lock);
	pthread_mutex_unlock(&g->lock);
}
