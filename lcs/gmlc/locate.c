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
#include "lcs_results.h"
#include "tbcd.h"

#define DIAMETER_SUCCESS 2001
#define NO_STATE_MAINTAINED 1
#define CURRENT_LOCATION 0
#define LOGICAL_NAME 0
#define VALUE_ADDED_SERVICES 1
#define MSISDN_OCTETS 8

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
	const char *hss_realm, *hss_host;
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

/* The MLP result of an answer that is not a success, or 0. */
static int failure_of(struct msg *ans)
{
	struct dk_result res = { 0, 0 };

	if (!ans)
		return lcs_mlp_result_of(0, LCS_NO_ANSWER);
	if (dk_get_result(ans, &res) || (res.vendor == 0 && res.code == DIAMETER_SUCCESS))
		return res.code ? 0 : MLP_SYSTEM_FAILURE;
	return lcs_mlp_result_of(res.vendor, res.code);
}

static int new_request(struct dict_object *cmd, struct msg **req)
{
	*req = NULL;
	CHECK_FCT(fd_msg_new(cmd, MSGFL_ALLOC_ETEID, req));
	CHECK_FCT(fd_msg_new_session(*req, (os0_t)"gmlc", 4));
	CHECK_FCT(dk_add_i32(*req, dk_base.auth_session_state, NO_STATE_MAINTAINED));
	return fd_msg_add_origin(*req, 0);
}

static void on_pla(void *arg, struct msg *ans)
{
	struct target *t = arg;
	struct gad_position gad;
	struct mlp_pos pos;
	const uint8_t *est;
	uint32_t age = 0;
	size_t len;
	int result = failure_of(ans);

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

/* The PLR to the MME of the RIA's Serving-Node, naming the UE as the RIA does. */
static int build_plr(struct target *t, struct msg *ria, struct msg **plr)
{
	char mme[256], realm[256];
	struct avp *node = NULL, *client = NULL;
	const uint8_t *msisdn;
	const char *dot;
	char imsi[64];
	size_t len;

	CHECK_FCT(dk_find(ria, gmlc_dict.serving_node, &node));
	if (!node || dk_get_str(node, gmlc_dict.mme_name, mme, sizeof mme))
		return ENOTSUP; /* served by an SGSN or MSC only: not in this lab GMLC */
	if (dk_get_str(node, gmlc_dict.mme_realm, realm, sizeof realm))
		snprintf(realm, sizeof realm, "%s", (dot = strchr(mme, '.')) ? dot + 1 : mme);
	CHECK_FCT(new_request(gmlc_dict.plr, plr));
	CHECK_FCT(dk_add_str(*plr, dk_base.destination_host, mme));
	CHECK_FCT(dk_add_str(*plr, dk_base.destination_realm, realm));
	CHECK_FCT(dk_add_i32(*plr, gmlc_dict.slg_location_type, CURRENT_LOCATION));
	if (!dk_get_str(ria, dk_base.user_name, imsi, sizeof imsi))
		CHECK_FCT(dk_add_str(*plr, dk_base.user_name, imsi));
	if (!dk_get_os(ria, gmlc_dict.msisdn, &msisdn, &len))
		CHECK_FCT(dk_add_os(*plr, gmlc_dict.msisdn, msisdn, len));
	CHECK_FCT(dk_add_group(*plr, gmlc_dict.lcs_eps_client_name, &client));
	CHECK_FCT(dk_add_str(client, gmlc_dict.lcs_name_string, t->job->client));
	CHECK_FCT(dk_add_i32(client, gmlc_dict.lcs_format_indicator, LOGICAL_NAME));
	return dk_add_i32(*plr, gmlc_dict.lcs_client_type, VALUE_ADDED_SERVICES);
}

static void on_ria(void *arg, struct msg *ans)
{
	struct target *t = arg;
	struct msg *plr = NULL;
	int result = failure_of(ans), ret;

	if (result) {
		finish_error(t, result);
		return;
	}
	if ((ret = build_plr(t, ans, &plr))) {
		fd_msg_free(plr);
		finish_error(t, ret == ENOTSUP ? MLP_POSITION_METHOD_FAILURE : MLP_SYSTEM_FAILURE);
		return;
	}
	if (gmlc_node_send(&plr, &t->job->deadline, on_pla, t))
		finish_error(t, MLP_SYSTEM_FAILURE);
}

/* The RIR for one msid, or an MLP result id when the msid cannot be asked for. */
static int build_rir(const struct job *j, const struct mlp_msid *id, struct msg **rir)
{
	uint8_t tbcd[MSISDN_OCTETS];
	int n = -1;

	if (id->type != MLP_MSID_MSISDN && id->type != MLP_MSID_IMSI)
		return MLP_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE_NOT_SUPPORTED;
	if (id->type == MLP_MSID_MSISDN && (n = tbcd_encode(id->value, tbcd, sizeof tbcd)) < 0)
		return MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
	if (new_request(gmlc_dict.rir, rir) ||
	    (j->hss_host[0] && dk_add_str(*rir, dk_base.destination_host, j->hss_host)) ||
	    dk_add_str(*rir, dk_base.destination_realm, j->hss_realm) ||
	    (n >= 0 ? dk_add_os(*rir, gmlc_dict.msisdn, tbcd, (size_t)n) :
		      dk_add_str(*rir, dk_base.user_name, id->value)))
		return MLP_SYSTEM_FAILURE;
	return 0;
}

static void start_target(struct job *j, int i, const struct mlp_msid *id)
{
	struct target *t = &j->targets[i];
	struct msg *rir = NULL;
	int result;

	t->job = j;
	t->index = i;
	if ((result = build_rir(j, id, &rir))) {
		fd_msg_free(rir);
		finish_error(t, result);
	} else if (gmlc_node_send(&rir, &j->deadline, on_ria, t)) {
		finish_error(t, MLP_SYSTEM_FAILURE);
	}
}

static void deadline_in(int ms, struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
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
	j->hss_realm = c->hss_realm;
	j->hss_host = c->hss_host;
	snprintf(j->client, sizeof j->client, "%s", r->hdr.client_id);
	deadline_in(c->timeout_ms, &j->deadline);
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
