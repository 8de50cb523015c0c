/* Asynchronous slir (MLP 3.5 §5.2.2.1, res_type ASYNC): the slia answers at once with a req_id,
 * and the positions follow in one slirep POSTed to the request's pushaddr/url (push.c). Each
 * accepted request is located on a thread of its own, as a synchronous slir is on the HTTP
 * server's thread, bounded by timeout_ms; at most ASYNC_MAX run at once, over that the slir is
 * refused with 101 CONGESTION IN LOCATION SERVER. At shutdown the GMLC stops taking them and
 * waits for those in flight, so that no thread outlives the Diameter node it uses. */
#include "gmlc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define ASYNC_MAX 64

struct async_slir {
	const struct gmlc_config *config;
	struct mlp_request request; /* a copy: the HTTP request's ends with its answer */
	char req_id[MLP_TEXT_LEN];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t idle = PTHREAD_COND_INITIALIZER;
static int running, stopping; /* under lock */
static unsigned long last_id;

static void push_slirep(const struct async_slir *s)
{
	struct mlp_answer *a = malloc(sizeof *a);
	char err[MLP_TEXT_LEN];
	char *xml = NULL;
	size_t len;

	if (!a) {
		fprintf(stderr, "gmlc: %s: out of memory for the slirep\n", s->req_id);
		return;
	}
	gmlc_locate(s->config, &s->request, a);
	a->kind = MLP_SLIREP;
	snprintf(a->req_id, sizeof a->req_id, "%s", s->req_id);
	if (mlp_write_answer(a, &xml, &len, err, sizeof err))
		fprintf(stderr, "gmlc: cannot write the slirep of %s: %s\n", s->req_id, err);
	else
		gmlc_push(s->request.pushaddr, xml, len);
	free(a);
}

static void *run(void *arg)
{
	struct async_slir *s = arg;

	push_slirep(s);
	free(s);
	pthread_mutex_lock(&lock);
	if (--running == 0)
		pthread_cond_broadcast(&idle);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int gmlc_locate_async(const struct gmlc_config *c, const struct mlp_request *r, char *req_id)
{
	struct async_slir *s = malloc(sizeof *s);
	pthread_attr_t attr;
	pthread_t thread;
	int result = 0;

	if (!s)
		return MLP_SYSTEM_FAILURE;
	s->config = c;
	s->request = *r;
	pthread_mutex_lock(&lock);
	if (stopping)
		result = MLP_SYSTEM_FAILURE;
	else if (running == ASYNC_MAX)
		result = MLP_CONGESTION_IN_LOCATION_SERVER;
	if (!result) {
		snprintf(s->req_id, sizeof s->req_id, "slir-%lu", ++last_id);
		snprintf(req_id, MLP_TEXT_LEN, "%s", s->req_id); /* s is the thread's once it runs */
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&thread, &attr, run, s))
			result = MLP_SYSTEM_FAILURE;
		else
			running++;
		pthread_attr_destroy(&attr);
	}
	pthread_mutex_unlock(&lock);
	if (result)
		free(s);
	return result;
}

void gmlc_async_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = 1;
	while (running > 0)
		pthread_cond_wait(&idle, &lock);
	pthread_mutex_unlock(&lock);
}
