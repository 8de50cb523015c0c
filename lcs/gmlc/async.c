/* Asynchronous slir (MLP 3.5 §5.2.2.1, res_type ASYNC): the slia answers at once with a req_id,
 * and the positions follow in one slirep POSTed to the request's pushaddr/url (push.c) once its
 * targets are located (bounded by timeout_ms); at most ASYNC_MAX run at once, over that the slir
 * is refused with 101 CONGESTION IN LOCATION SERVER. At shutdown the GMLC stops taking them and
 * waits for those in flight, so that none outlives the Diameter node it uses. */
#include "gmlc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#define ASYNC_MAX 64

struct async_slir {
	char pushaddr[MLP_URL_LEN];
	char req_id[MLP_TEXT_LEN];
};

static struct dk_gate running = DK_GATE_INIT(ASYNC_MAX);
static unsigned long last_id; /* atomic */

static void push_slirep(void *arg, struct mlp_answer *a)
{
	struct async_slir *s = arg;

	a->kind = MLP_SLIREP;
	snprintf(a->req_id, sizeof a->req_id, "%s", s->req_id);
	gmlc_push_answer(s->pushaddr, a);
	free(a);
	free(s);
	dk_gate_leave(&running);
}

int gmlc_locate_async(const struct gmlc_config *c, const struct mlp_request *r, char *req_id)
{
	struct async_slir *s;
	int ret = dk_gate_enter(&running);

	if (ret)
		return ret == EBUSY ? MLP_CONGESTION_IN_LOCATION_SERVER : MLP_SYSTEM_FAILURE;
	if (!(s = malloc(sizeof *s))) {
		dk_gate_leave(&running);
		return MLP_SYSTEM_FAILURE;
	}
	snprintf(s->pushaddr, sizeof s->pushaddr, "%s", r->pushaddr);
	snprintf(s->req_id, sizeof s->req_id, "slir-%lu", __atomic_add_fetch(&last_id, 1, __ATOMIC_RELAXED));
	snprintf(req_id, MLP_TEXT_LEN, "%s", s->req_id); /* s is push_slirep's once started */
	if (gmlc_locate_start(c, r, push_slirep, s)) {
		free(s);
		dk_gate_leave(&running);
		return MLP_SYSTEM_FAILURE;
	}
	return 0;
}

void gmlc_async_stop(void)
{
	dk_gate_close(&running);
}
