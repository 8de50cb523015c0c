/* Locating the targets of one slir (TS 23.271 §9.1.15 without Lr: this GMLC is the requesting,
 * home and visited GMLC at once). Per target, in parallel:
 *   SLh RIR to the HSS (MSISDN in MSISDN, IMSI in User-Name)
 *   -> Serving-Node MME-Name / MME-Realm
 *   -> SLg PLR to that MME (Destination-Host is mandatory on SLg, TS 29.172 §5.7), the
 *      SLg-Location-Type of the slir's loc_type, LCS-QoS of its eqop (accuracies, class,
 *      response time), LCS-Priority of its prio, for the client by its MLP id, as a value-added
 *      service
 *   -> PLA Location-Estimate as an MLP shape, time = now - Age-Of-Location-Estimate,
 *      qos_not_met (MLP 3.4 and 3.5) when Accuracy-Fulfilment-Indicator is NOT_FULFILLED, or poserr 201
 *      QOP NOT ATTAINABLE instead when the class is ASSURED or the estimate is older than the
 *      eqop's max_loc_age; a last known location (CURRENT_OR_LAST_KNOWN_LOCATION) older than
 *      max_loc_age is asked again as CURRENT_LOCATION first.
 * The eqop's resp_timer, when shorter than the GMLC's timeout, is every request's deadline.
 * A Diameter failure becomes a poserr through lcs_mlp_result_of (docs/lcs-results.md).
 *
 * Every Diameter request ends exactly once, by its answer or at the request's deadline
 * (gmlc_node_send), so every target ends and the last one to end hands the answer over: nothing
 * waits on a thread meanwhile. */
#include "gmlc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct job;

struct target {
	struct job *job;
	int index;
	struct gmlc_ue ue; /* from the RIA */
	int fresh_asked;   /* the last known location was too old: asked for the current one */
};

struct job {
	pthread_mutex_t lock;
	int remaining; /* targets not ended, under lock */
	struct timespec deadline; /* CLOCK_REALTIME, of every request */
	const struct gmlc_config *config;
	char client[MLP_TEXT_LEN];
	int32_t location_type;
	struct mlp_eqop eqop; /* the quality asked */
	int prio;             /* the slir's prio (enum mlp_prio), -1 without one */
	struct mlp_answer *answer;
	gmlc_located_cb done;
	void *arg;
	struct target targets[]; /* one per msid of the slir */
};

/* The end of a target: *pos holds its pd when result is 0, else NULL or its poserr's add_info.
 * The last target ends the job. */
static void finish(struct target *t, int result, const struct mlp_pos *pos)
{
	struct job *j = t->job;
	struct mlp_pos *out = &j->answer->pos[t->index];
	int last;

	pthread_mutex_lock(&j->lock);
	if (!result) {
		out->shape = pos->shape;
		out->qos_not_met = pos->qos_not_met;
	} else if (pos) {
		memcpy(out->add_info, pos->add_info, sizeof out->add_info);
	}
	out->time = result ? time(NULL) : pos->time;
	out->result = result;
	last = --j->remaining == 0;
	pthread_mutex_unlock(&j->lock);
	if (!last)
		return;
	j->done(j->arg, j->answer);
	pthread_mutex_destroy(&j->lock);
	free(j);
}

static void finish_error(struct target *t, int result)
{
	finish(t, result, NULL);
}

static void ask_mme(struct target *t, int32_t location_type);

static void on_pla(void *arg, struct msg *ans)
{
	struct target *t = arg;
	struct gmlc_sighting seen;
	int result = gmlc_failure_of(ans);

	if (result) {
		finish_error(t, result);
		return;
	}
	/* A successful PLA without a usable estimate: the positioning failed. */
	gmlc_sighting_of(ans, &seen);
	if (seen.pos.result) {
		finish_error(t, seen.pos.result);
		return;
	}
	/* a last known location older than max_loc_age: the UE is positioned now instead */
	if (t->job->location_type == SLG_CURRENT_OR_LAST_KNOWN_LOCATION && !t->fresh_asked &&
	    t->job->eqop.max_loc_age_s >= 0 && (long)seen.age_minutes * 60 > t->job->eqop.max_loc_age_s) {
		t->fresh_asked = 1;
		ask_mme(t, SLG_CURRENT_LOCATION);
		return;
	}
	result = gmlc_quality_of(&t->job->eqop, seen.not_fulfilled, seen.age_minutes, t->job->answer->version,
				 &seen.pos);
	finish(t, result, &seen.pos);
}

/* PLR of that location type to the target's MME; its PLA ends the target (on_pla). */
static void ask_mme(struct target *t, int32_t location_type)
{
	struct msg *plr = NULL;
	int ret;

	if ((ret = gmlc_build_plr(&t->ue, t->job->client, location_type, t->job->config->gad_shapes, &plr)) ||
	    (ret = gmlc_add_lcs_qos(plr, &t->job->eqop)) || (ret = gmlc_add_lcs_priority(plr, t->job->prio))) {
		fd_msg_free(plr);
		finish_error(t, ret == ENOTSUP ? MLP_POSITION_METHOD_FAILURE : MLP_SYSTEM_FAILURE);
		return;
	}
	if (gmlc_node_send(&plr, &t->job->deadline, on_pla, t))
		finish_error(t, MLP_SYSTEM_FAILURE);
}

static void on_ria(void *arg, struct msg *ans)
{
	struct target *t = arg;
	int result = gmlc_failure_of(ans), ret;

	if (result) {
		finish_error(t, result);
		return;
	}
	if ((ret = gmlc_ue_of_ria(ans, &t->ue))) {
		finish_error(t, ret == ENOTSUP ? MLP_POSITION_METHOD_FAILURE : MLP_SYSTEM_FAILURE);
		return;
	}
	ask_mme(t, t->job->location_type);
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

int gmlc_locate_start(const struct gmlc_config *c, const struct mlp_request *r, gmlc_located_cb done, void *arg)
{
	int32_t location_type = gmlc_slg_location_type(r);
	long resp_timer_ms = r->eqop.resp_timer_s * 1000; /* the client waits no longer */
	struct job *j;
	struct mlp_answer *a;

	if (!r->n_msids || location_type < 0)
		return EINVAL;
	j = calloc(1, sizeof *j + (size_t)r->n_msids * sizeof *j->targets);
	a = malloc(sizeof *a);
	if (!j || !a) {
		free(j);
		free(a);
		return ENOMEM;
	}
	mlp_answer_init(a, MLP_SLIA, r->version);
	a->n_pos = r->n_msids;
	for (int i = 0; i < r->n_msids; i++)
		a->pos[i].msid = r->msids[i];
	pthread_mutex_init(&j->lock, NULL);
	j->remaining = r->n_msids;
	j->config = c;
	j->location_type = location_type;
	j->eqop = r->eqop;
	j->prio = r->has_prio ? (int)r->prio : -1;
	j->answer = a;
	j->done = done;
	j->arg = arg;
	snprintf(j->client, sizeof j->client, "%s", r->hdr.client_id);
	dk_deadline_in(resp_timer_ms > 0 && resp_timer_ms < c->timeout_ms ? resp_timer_ms : c->timeout_ms,
		       &j->deadline);
	/* the job may end inside the last start_target: j is not touched after it */
	for (int i = 0, n = r->n_msids; i < n; i++)
		start_target(j, i, &r->msids[i]);
	return 0;
}
