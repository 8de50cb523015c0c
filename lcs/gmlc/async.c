/* Asynchronous slir (MLP 3.5 §5.2.2.1, res_type ASYNC): the slia answers at once with a req_id,
 * and the positions follow in one slirep POSTed to the request's pushaddr/url (push.c) once its
 * targets are located (bounded by timeout_ms); at most ASYNC_MAX run at once, over that the slir
 * is refused with 101 CONGESTION IN LOCATION SERVER. At shutdown the GMLC stops taking them and
 * waits for those in flight, so that none outlives the Diameter node it uses. */
#include "gmlc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define ASYNC_MAX 64

struct async_slir {
	char pushaddr[MLP_URL_LEN];
	char req_id[MLP_TEXT_LEN];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle = PTHREAD_COND_INITIALIZER;
static int running, stopping; /* under lock */
static unsigned long last_id;

static void one_less(void)
{
	pthread_mutex_lock(&lock);
	if (--running == 0)
		pthread_cond_broadcast(&idle);
	pthread_mutex_unlock(&lock);
}

static void push_slirep(void *arg, struct mlp_answer *a)
{
	struct async_slir *s = arg;
	char err[MLP_TEXT_LEN];
	char *xml = NULL;
	size_t len;

	a->kind = MLP_SLIREP;
	snprintf(a->req_id, sizeof a->req_id, "%s", s->req_id);
	if (mlp_write_answer(a, &xml, &len, err, sizeof err))
		fprintf(stderr, "gmlc: cannot write the slirep of %s: %s\n", s->req_id, err);
	else
		gmlc_push(s->pushaddr, xml, len);
	free(a);
	free(s);
	one_less();
}

int gmlc_locate_async(const struct gmlc_config *c, const struct mlp_request *r, char *req_id)
{
	struct async_slir *s = malloc(sizeof *s);
	int result = 0;

	if (!s)
		return MLP_SYSTEM_FAILURE;
	snprintf(s->pushaddr, sizeof s->pushaddr, "%s", r->pushaddr);
	pthread_mutex_lock(&lock);
	if (stopping)
		result = MLP_SYSTEM_FAILURE;
	else if (running == ASYNC_MAX)
		result = MLP_CONGESTION_IN_LOCATION_SERVER;
	if (!result) {
		snprintf(s->req_id, sizeof s->req_id, "slir-%lu", ++last_id);
		snprintf(req_id, MLP_TEXT_LEN, "%s", s->req_id); /* s is push_slirep's once started */
		running++;
	}
	pthread_mutex_unlock(&lock);
	if (result) {
		free(s);
		return result;
	}
	if (gmlc_locate_start(c, r, push_slirep, s)) {
		free(s);
		one_less();
		return MLP_SYSTEM_FAILURE;
	}
	return 0;
}

void gmlc_async_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = 1;
	while (running > 0)
		pthread_cond_wait(&idle, &lock);
	pthread_mutex_unlock(&lock);
}
