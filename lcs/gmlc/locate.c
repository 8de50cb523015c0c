/* Locating the targets of one slir (TS 23.271 §9.1.15 without Lr: this GMLC is the requesting,
 * home and visited GMLC at once). Per target, in parallel:
 *   SLh RIR to the HSS (MSISDN in MSISDN, IMSI in User-Name)
 *   -> Serving-Node MME-Name / MME-Realm
 *   -> SLg PLR to that MME (Destination-Host is mandatory on SLg, TS 29.172 §5.7), CURRENT_LOCATION
 *      for the client by its MLP id, as a value-added service
 *   -> PLA Location-Estimate as an MLP shape, time = now - Age-Of-Location-Estimate.
 * A Diameter failure becomes a poserr through lcs_mlp_result_of (docs/lcs-results.md).
 *
 * Ownership: a job lives until both the waiting HTTP thread and every target are done with it
 * (refs); a target not done when the wait ends is reported as a TIMEOUT and its late answer only
 * drops its reference. */
#include "gmlc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "gad.h"

#define CURRENT_LOCATION 0

struct job;

struct target {
	struct job *job;
	int index;
	int done; /* under job->lock */
};

struct job {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int refs, remaining;
	struct timespec deadline; /* CLOCK_REALTIME, of every request */
	const struct gmlc_config *config;
	char client[MLP_TEXT_LEN];
	struct mlp_pos pos[MLP_MAX_MSIDS];
	struct target targets[MLP_MAX_MSIDS];
	int n;
};

static void job_unref(struct job *j)
{
	int last;

	pthread_mutex_lock(&j->lock);
	last = --j->refs == 0;
	pthread_mutex_unlock(&j->lock);
	if (last) {
		pthread_mutex_destroy(&j->lock);
		pthread_cond_destroy(&j->cond);
		free(j);
	}
}

/* The end of a target: *pos holds its pd when result is 0. */
static void finish(struct target *t, int result, const struct mlp_pos *pos)
{
	struct job *j = t->job;
	struct mlp_pos *out = &j->pos[t->index];

	pthread_mutex_lock(&j->lock);
	if (!result)
		out->shape = pos->shape;
	out->time = result ? time(NULL) : pos->time;
	out->result = result;
	t->done = 1;
	j->remaining--;
	pthread_cond_broadcast(&j->cond);
	pthread_mutex_unlock(&j->lock);
	job_unref(j);
}

static void finish_error(struct target *t, int result)
{
	finish(t, result, NULL);
}

static void on_pla(void *arg, struct msg *ans)
{
	struct target *t = arg;
	struct gad_position gad;
	struct mlp_pos pos;
	const uint8_t *est;
	uint32_t age = 0;
	size_t len;
	int result = gmlc_failure_of(ans);

	if (result) {
		finish_error(t, result);
		return;
	}
	/* A successful PLA without a usable estimate: the positioning failed. */
	if (dk_get_os(ans, gmlc_dict.location_estimate, &est, &len) || gad_decode(est, len, &gad) ||
	    gad_to_mlp(&gad, &pos.shape)) {
		finish_error(t, MLP_POSITION_METHOD_FAILURE);
		return;
	}
	dk_get_u32(ans, gmlc_dict.age_of_location_estimate, &age); /* absent: a fresh estimate */
	pos.time = time(NULL) - (time_t)age * 60;
	finish(t, 0, &pos);
}

static void on_ria(void *arg, struct msg *ans)
{
	struct target *t = arg;
	struct msg *plr = NULL;
	struct gmlc_ue ue;
	int result = gmlc_failure_of(ans), ret;

	if (result) {
		finish_error(t, result);
		return;
	}
	if ((ret = gmlc_ue_of_ria(ans, &ue)) ||
	    (ret = gmlc_build_plr(&ue, t->job->client, CURRENT_LOCATION, &plr))) {
		fd_msg_free(plr);
		finish_error(t, ret == ENOTSUP ? MLP_POSITION_METHOD_FAILURE : MLP_SYSTEM_FAILURE);
		return;
	}
	if (gmlc_node_send(&plr, &t->job->deadline, on_pla, t))
		finish_error(t, MLP_SYSTEM_FAILURE);
}

static void start_target(struct job *j, int i, const struct mlp_msid *id)
{
	struct target *t = &j->targets[i];
	struct msg *rir = NULL;
	int result;

	t->job = j;
	t->index = i;
	if ((result = gmlc_build_rir(j->config, id, &rir))) {
		fd_msg_free(rir);
		finish_error(t, result);
	} else if (gmlc_node_send(&rir, &j->deadline, on_ria, t)) {
		finish_error(t, MLP_SYSTEM_FAILURE);
	}
}

void gmlc_locate(const struct gmlc_config *c, const struct mlp_request *r, struct mlp_answer *a)
{
	struct job *j = calloc(1, sizeof *j);

	mlp_answer_init(a, MLP_SLIA, r->version);
	a->n_pos = r->n_msids;
	for (int i = 0; i < r->n_msids; i++) {
		a->pos[i].msid = r->msids[i];
		a->pos[i].result = MLP_SYSTEM_FAILURE;
		a->pos[i].time = time(NULL);
	}
	if (!j)
		return;
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->cond, NULL);
	j->n = j->remaining = r->n_msids;
	j->refs = 1 + r->n_msids;
	j->config = c;
	snprintf(j->client, sizeof j->client, "%s", r->hdr.client_id);
	dk_deadline_in(c->timeout_ms, &j->deadline);
	for (int i = 0; i < r->n_msids; i++)
		start_target(j, i, &r->msids[i]);
	pthread_mutex_lock(&j->lock);
	while (j->remaining > 0 && pthread_cond_timedwait(&j->cond, &j->lock, &j->deadline) != ETIMEDOUT)
		;
	for (int i = 0; i < j->n; i++) {
		struct mlp_pos *p = &a->pos[i];
		if (!j->targets[i].done) {
			p->result = MLP_TIMEOUT;
			p->time = time(NULL);
			continue;
		}
		p->result = j->pos[i].result;
		p->time = j->pos[i].time;
		if (!p->result)
			p->shape = j->pos[i].shape;
	}
	pthread_mutex_unlock(&j->lock);
	job_unref(j);
}
