/* Periodic location (TS 23.271 §9.1.19 without Lr, TS 29.172 §6.3): the table of trackings, one
 * per accepted tlrr. A tlrr whose start_time is later is answered at once and activated then, by
 * a thread of its own (starter). Activation, per target (and, for a distance_event, the reference
 * MS too), in parallel:
 *   SLh RIR -> serving MME -> SLg PLR ACTIVATE_DEFERRED_LOCATION, Deferred-Location-Type periodic
 *   (UE-Available for an ms_action: one report, no Periodic-LDR-Information), an
 *   LCS-Reference-Number of its own (1..255, unique among the targets of every tracking: the
 *   MME's LRRs name it), Periodic-LDR-Information {Reporting-Amount, Reporting-Interval},
 *   LCS-QoS of the tlrr's qop (accuracies and their class, as for an slir), LCS-Priority of its
 *   prio;
 * the tlrr is accepted when every PLA is a success, else the accepted targets are cancelled
 * (all or nothing: a tlra cannot carry per-target errors; a scheduled one pushes a last tlrep
 * with a poserr per target that failed instead). A tracking ends when each target sent its
 * Reporting-Amount reports, on tlrsr, or once a distance_event pushed its no_of_reports (the last
 * one saying no more follow): PLR CANCEL_DEFERRED_LOCATION per active target. A tlrsr naming
 * some targets stops those only.
 *
 * The reports: tracking_reports.c.
 *
 * Ownership: one lock (tracking_lock) guards the table and every tracking. A tracking lives while
 * it is listed (the table's reference), while an MLP thread or its starter works on it, and while
 * a request of it is in flight (one reference each); the last one frees it. */
#include "gmlc.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracking.h"

#define REFERENCES 256 /* LCS-Reference-Number is one octet; 0 is not used */
#define LATE_ANSWER_MS 1000 /* past the deadline, gmlc_node_send has ended every request */

pthread_mutex_t tracking_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t schedule_changed = PTHREAD_COND_INITIALIZER; /* a SCHEDULED one stopped,
								    * or a starter ended */
static int starters; /* starter threads running (one per SCHEDULED tracking) */
struct tracking *tracking_table;
static unsigned char reference_used[REFERENCES];
static unsigned next_reference = 1; /* round robin: a reference just freed is reused last */
static unsigned long last_id;

/* ---- the table (under tracking_lock) ---------------------------------------------------- */

static int reserve_references(struct tracking *tr)
{
	int got = 0;

	for (unsigned tries = 0; got < tr->n && tries < REFERENCES - 1; tries++) {
		unsigned r = next_reference;

		next_reference = next_reference % (REFERENCES - 1) + 1;
		if (!reference_used[r]) {
			reference_used[r] = 1;
			tr->targets[got++].reference = (uint8_t)r;
		}
	}
	if (got == tr->n)
		return 0;
	while (got > 0)
		reference_used[tr->targets[--got].reference] = 0;
	return -1;
}

/* Returns 1 when the caller must free tr (after unlocking). */
static int unref_locked(struct tracking *tr)
{
	return --tr->refs == 0;
}

int tracking_unlist_locked(struct tracking *tr)
{
	for (struct tracking **p = &tracking_table; *p; p = &(*p)->next)
		if (*p == tr) {
			*p = tr->next;
			for (int i = 0; i < tr->n; i++)
				reference_used[tr->targets[i].reference] = 0;
			return unref_locked(tr);
		}
	return 0;
}

void tracking_destroy(struct tracking *tr)
{
	pthread_cond_destroy(&tr->idle);
	free(tr);
}

static void unref(struct tracking *tr)
{
	int last;

	pthread_mutex_lock(&tracking_lock);
	last = unref_locked(tr);
	pthread_mutex_unlock(&tracking_lock);
	if (last)
		tracking_destroy(tr);
}

/* ---- requests --------------------------------------------------------------------------- */

/* A request of t ended (the caller drops its reference). */
static void request_ended_locked(struct target *t)
{
	t->tr->pending--;
	pthread_cond_broadcast(&t->tr->idle);
}

static void on_cancel_answer(void *arg, struct msg *ans)
{
	struct target *t = arg;
	struct tracking *tr = t->tr;
	int result = gmlc_failure_of(ans), last;

	if (result)
		fprintf(stderr, "gmlc: cancelling reference %u at %s: MLP result %d\n", t->reference,
			t->ue.mme, result);
	pthread_mutex_lock(&tracking_lock);
	t->active = 0;
	request_ended_locked(t);
	if (tr->ending && tr->pending == 0)
		tracking_unlist_locked(tr); /* not the last reference: this request still holds one */
	last = unref_locked(tr);
	pthread_mutex_unlock(&tracking_lock);
	if (last)
		tracking_destroy(tr);
}

/* The cancellation of t, already counted in pending and refs. */
void tracking_send_counted_cancel(struct target *t)
{
	struct timespec deadline;
	struct msg *plr = NULL;

	dk_deadline_in(t->tr->timeout_ms, &deadline);
	if (gmlc_build_plr(&t->ue, t->tr->client, SLG_CANCEL_DEFERRED_LOCATION, t->tr->gad_shapes, &plr) ||
	    dk_add_os(plr, gmlc_dict.lcs_reference_number, &t->reference, 1)) {
		fd_msg_free(plr);
		on_cancel_answer(t, NULL);
	} else if (gmlc_node_send(&plr, &deadline, on_cancel_answer, t)) {
		on_cancel_answer(t, NULL);
	}
}

void tracking_count_cancel_locked(struct target *t)
{
	t->tr->pending++;
	t->tr->refs++;
}

/* The end of a target's activation: result 0 when the MME accepted it. */
static void activation_ended(struct target *t, int result)
{
	struct tracking *tr = t->tr;
	int last;

	pthread_mutex_lock(&tracking_lock);
	t->active = !result;
	t->result = result;
	/* Accepted after the tlrr was given up: the MME must stop again. The cancellation takes over
	 * this request's place in pending and refs, so that the stopping thread waits for it. */
	if (t->active && tr->state == STOPPING) {
		pthread_mutex_unlock(&tracking_lock);
		tracking_send_counted_cancel(t);
		return;
	}
	request_ended_locked(t);
	last = unref_locked(tr);
	pthread_mutex_unlock(&tracking_lock);
	if (last)
		tracking_destroy(tr);
}

static void on_activation_answer(void *arg, struct msg *ans)
{
	activation_ended(arg, gmlc_failure_of(ans));
}

static int build_activation(const struct target *t, const struct gmlc_ue *ue, struct msg **plr)
{
	int periodic = t->tr->trigger != MLP_TRIGGER_MS_AVAIL;
	struct avp *group = NULL;

	CHECK_FCT(gmlc_build_plr(ue, t->tr->client, SLG_ACTIVATE_DEFERRED_LOCATION, t->tr->gad_shapes, plr));
	CHECK_FCT(dk_add_u32(*plr, gmlc_dict.deferred_location_type,
			     periodic ? SLG_DEFERRED_PERIODIC_LDR : SLG_DEFERRED_UE_AVAILABLE));
	CHECK_FCT(dk_add_os(*plr, gmlc_dict.lcs_reference_number, &t->reference, 1));
	if (periodic) {
		CHECK_FCT(dk_add_group(*plr, gmlc_dict.periodic_ldr_information, &group));
		CHECK_FCT(dk_add_u32(group, gmlc_dict.reporting_amount, t->tr->amount));
		CHECK_FCT(dk_add_u32(group, gmlc_dict.reporting_interval, t->tr->interval_s));
	}
	CHECK_FCT(gmlc_add_lcs_qos(*plr, &t->tr->qop));
	return gmlc_add_lcs_priority(*plr, t->tr->prio);
}

static void on_ria(void *arg, struct msg *ans)
{
	struct target *t = arg;
	struct msg *plr = NULL;
	struct gmlc_ue ue;
	int result = gmlc_failure_of(ans), ret;

	if (result) {
		activation_ended(t, result);
		return;
	}
	if ((ret = gmlc_ue_of_ria(ans, &ue)) || (ret = build_activation(t, &ue, &plr))) {
		fd_msg_free(plr);
		activation_ended(t, ret == ENOTSUP ? MLP_POSITION_METHOD_FAILURE : MLP_SYSTEM_FAILURE);
		return;
	}
	pthread_mutex_lock(&tracking_lock);
	t->ue = ue; /* read by LRRs and cancellations under lock */
	pthread_mutex_unlock(&tracking_lock);
	if (gmlc_node_send(&plr, &t->tr->deadline, on_activation_answer, t))
		activation_ended(t, MLP_SYSTEM_FAILURE);
}

/* ---- tlrr, tlrsr ------------------------------------------------------------------------ */

/* Wait until no request of tr is in flight: each ends by its own deadline, so at most a
 * timeout and LATE_ANSWER_MS from now. */
static void wait_idle(struct tracking *tr)
{
	struct timespec deadline;

	dk_deadline_in(tr->timeout_ms + LATE_ANSWER_MS, &deadline);
	pthread_mutex_lock(&tracking_lock);
	while (tr->pending > 0 && pthread_cond_timedwait(&tr->idle, &tracking_lock, &deadline) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&tracking_lock);
}

/* Cancel every active target of tr (the caller holds a reference), then unlist it. */
static void stop(struct tracking *tr)
{
	struct target *active[MLP_MAX_MSIDS + 1];
	int n = 0, last;

	pthread_mutex_lock(&tracking_lock);
	tr->state = STOPPING;
	pthread_cond_broadcast(&schedule_changed); /* its starter, if any, gives up */
	for (int i = 0; i < tr->n; i++)
		if (tr->targets[i].active) {
			tracking_count_cancel_locked(&tr->targets[i]);
			active[n++] = &tr->targets[i];
		}
	pthread_mutex_unlock(&tracking_lock);
	for (int i = 0; i < n; i++)
		tracking_send_counted_cancel(active[i]);
	wait_idle(tr);
	pthread_mutex_lock(&tracking_lock);
	last = tracking_unlist_locked(tr);
	pthread_mutex_unlock(&tracking_lock);
	if (last)
		tracking_destroy(tr);
}

static struct tracking *new_tracking(const struct gmlc_config *c, const struct gmlc_tlrr *t)
{
	const struct mlp_request *r = t->request;
	struct tracking *tr = calloc(1, sizeof *tr);

	if (!tr)
		return NULL;
	pthread_cond_init(&tr->idle, NULL);
	tr->refs = 1; /* the caller's */
	tr->state = t->start ? SCHEDULED : STARTING;
	tr->config = c;
	tr->start = t->start;
	tr->timeout_ms = c->timeout_ms;
	tr->gad_shapes = c->gad_shapes;
	snprintf(tr->client, sizeof tr->client, "%s", r->hdr.client_id);
	snprintf(tr->url, sizeof tr->url, "%s", r->pushaddr);
	tr->version = r->version;
	tr->qop = r->eqop;
	tr->prio = r->has_prio ? (int)r->prio : -1;
	tr->amount = t->amount;
	tr->interval_s = t->interval_s;
	tr->trigger = t->ms_avail ? MLP_TRIGGER_MS_AVAIL : MLP_TRIGGER_PERIODIC; /* DISTANCE below */
	tr->n = r->n_msids;
	for (int i = 0; i < tr->n; i++)
		tr->targets[i].msid = r->msids[i];
	if (t->distance) {
		tr->trigger = MLP_TRIGGER_DISTANCE;
		tr->distance = *t->distance;
		tr->targets[tr->n++].msid = t->distance->reference;
	}
	for (int i = 0; i < tr->n; i++) {
		tr->targets[i].tr = tr;
		tr->targets[i].near = -1;
	}
	return tr;
}

/* The result of each target of a tlrr being given up, in t->result: a refusal's, or 7 TIMEOUT for
 * a target neither accepted nor refused; returns the first. */
static int failures_locked(struct tracking *tr)
{
	int first = 0;

	for (int i = 0; i < tr->n; i++) {
		struct target *t = &tr->targets[i];

		if (t->dropped)
			continue;
		if (!t->active && !t->result)
			t->result = MLP_TIMEOUT;
		if (t->result && !first)
			first = t->result;
	}
	return first;
}

/* Every target of tr (listed, STARTING) asks its MME for periodic reports, in parallel; all or
 * nothing. Returns 0 (tr ACTIVE), or the first failure's MLP result once tr is stopped. */
static int activate(struct tracking *tr)
{
	struct target *targets[MLP_MAX_MSIDS + 1];
	int result = 0, n = 0;

	pthread_mutex_lock(&tracking_lock);
	dk_deadline_in(tr->timeout_ms, &tr->deadline);
	for (int i = 0; i < tr->n; i++)
		if (!tr->targets[i].dropped) /* by a tlrsr while it was scheduled */
			targets[n++] = &tr->targets[i];
	tr->refs += n; /* one per RIR */
	tr->pending = n;
	pthread_mutex_unlock(&tracking_lock);
	for (int i = 0; i < n; i++) {
		struct target *x = targets[i];
		struct msg *rir = NULL;
		int ret = gmlc_build_rir(tr->config, &x->msid, &rir);

		if (ret) {
			fd_msg_free(rir);
			activation_ended(x, ret);
		} else if (gmlc_node_send(&rir, &tr->deadline, on_ria, x)) {
			activation_ended(x, MLP_SYSTEM_FAILURE);
		}
	}
	wait_idle(tr);
	pthread_mutex_lock(&tracking_lock);
	for (int i = 0; i < n && !result; i++)
		if (!targets[i]->active)
			result = failures_locked(tr);
	if (!result)
		tr->state = ACTIVE;
	pthread_mutex_unlock(&tracking_lock);
	if (result)
		stop(tr);
	return result;
}

/* A scheduled tracking that could not start: its client is told with a last tlrep, a poserr for
 * each target that failed. */
static void push_failures(const struct tracking *tr)
{
	struct mlp_answer *tlrep = malloc(sizeof *tlrep);

	if (!tlrep)
		return;
	mlp_answer_init(tlrep, MLP_TLREP, tr->version);
	snprintf(tlrep->req_id, sizeof tlrep->req_id, "%s", tr->req_id);
	pthread_mutex_lock(&tracking_lock);
	for (int i = 0; i < tr->n; i++) {
		struct mlp_pos *pos = &tlrep->pos[tlrep->n_pos];

		if (!tr->targets[i].result)
			continue;
		pos->msid = tr->targets[i].msid;
		pos->trigger = tr->trigger;
		pos->result = tr->targets[i].result;
		pos->time = time(NULL);
		tlrep->n_pos++;
	}
	pthread_mutex_unlock(&tracking_lock);
	gmlc_push_answer(tr->url, tlrep);
	free(tlrep);
}

/* The thread of a SCHEDULED tracking (holding a reference): activates it at its start, unless it
 * was stopped before. */
static void *starter(void *arg)
{
	struct tracking *tr = arg;
	struct timespec at = { .tv_sec = tr->start };
	int start, last;

	pthread_mutex_lock(&tracking_lock);
	while (tr->state == SCHEDULED && pthread_cond_timedwait(&schedule_changed, &tracking_lock, &at) != ETIMEDOUT)
		;
	if ((start = tr->state == SCHEDULED))
		tr->state = STARTING;
	pthread_mutex_unlock(&tracking_lock);
	if (start && activate(tr))
		push_failures(tr);
	pthread_mutex_lock(&tracking_lock);
	starters--;
	pthread_cond_broadcast(&schedule_changed);
	last = unref_locked(tr);
	pthread_mutex_unlock(&tracking_lock);
	if (last)
		tracking_destroy(tr);
	return NULL;
}

static int schedule(struct tracking *tr)
{
	pthread_attr_t attr;
	pthread_t thread;
	int ret;

	pthread_mutex_lock(&tracking_lock);
	tr->refs++;
	starters++;
	pthread_mutex_unlock(&tracking_lock);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	ret = pthread_create(&thread, &attr, starter, tr);
	pthread_attr_destroy(&attr);
	if (!ret)
		return 0;
	pthread_mutex_lock(&tracking_lock);
	tr->refs--;
	starters--;
	pthread_mutex_unlock(&tracking_lock);
	stop(tr);
	return MLP_SYSTEM_FAILURE;
}

int gmlc_track(const struct gmlc_config *c, const struct gmlc_tlrr *t, char *req_id)
{
	struct tracking *tr = new_tracking(c, t);
	int result;

	if (!tr)
		return MLP_SYSTEM_FAILURE;
	pthread_mutex_lock(&tracking_lock);
	if (reserve_references(tr)) {
		pthread_mutex_unlock(&tracking_lock);
		tracking_destroy(tr);
		return MLP_CONGESTION_IN_LOCATION_SERVER;
	}
	snprintf(tr->req_id, sizeof tr->req_id, "gmlc-%lu", ++last_id);
	tr->next = tracking_table;
	tracking_table = tr;
	tr->refs++; /* the table's */
	pthread_mutex_unlock(&tracking_lock);
	result = t->start ? schedule(tr) : activate(tr);
	if (!result)
		snprintf(req_id, MLP_TEXT_LEN, "%s", tr->req_id);
	unref(tr);
	return result;
}

static int same_msid(const struct mlp_msid *a, const struct mlp_msid *b)
{
	return a->type == b->type && !strcmp(a->value, b->value);
}

/* Stop the targets of tr named in msids (the caller holds a reference): their MMEs are told to
 * stop, and their reports are no longer pushed. The whole tracking stops when no other target
 * would be left, or when the reference MS of its distance_event is named. Returns 0, or 115
 * INVALID MSID IN TLRSR for an msid that is none of its targets. */
static int stop_some(struct tracking *tr, const struct mlp_msid *msids, int n)
{
	struct target *cancel[MLP_MAX_MSIDS + 1];
	int named[MLP_MAX_MSIDS + 1] = { 0 }, left = 0, whole = 0, n_cancel = 0;

	pthread_mutex_lock(&tracking_lock);
	for (int k = 0; k < n; k++) {
		int i = 0;

		while (i < tr->n && !same_msid(&tr->targets[i].msid, &msids[k]))
			i++;
		if (i == tr->n) {
			pthread_mutex_unlock(&tracking_lock);
			return MLP_INVALID_MSID_IN_TLRSR;
		}
		named[i] = 1;
	}
	for (int i = 0; i < tr->n; i++) {
		const struct target *t = &tr->targets[i];
		int reference = tr->trigger == MLP_TRIGGER_DISTANCE && i == tr->n - 1;

		whole |= named[i] && reference;
		left += !named[i] && !reference && !t->dropped && (t->active || tr->state == SCHEDULED);
	}
	for (int i = 0; i < tr->n && !whole && left; i++) {
		struct target *t = &tr->targets[i];

		if (!named[i] || t->dropped)
			continue;
		t->dropped = 1;
		if (t->active) {
			tracking_count_cancel_locked(t);
			cancel[n_cancel++] = t;
		}
	}
	pthread_mutex_unlock(&tracking_lock);
	if (whole || !left) {
		stop(tr);
		return 0;
	}
	for (int i = 0; i < n_cancel; i++)
		tracking_send_counted_cancel(cancel[i]);
	wait_idle(tr);
	return 0;
}

int gmlc_untrack(const char *client, const char *req_id, const struct mlp_msid *msids, int n)
{
	struct tracking *tr;
	int result = 0;

	pthread_mutex_lock(&tracking_lock);
	for (tr = tracking_table; tr; tr = tr->next)
		if ((tr->state == ACTIVE || tr->state == SCHEDULED) && !strcmp(tr->req_id, req_id) &&
		    !strcmp(tr->client, client))
			break;
	if (tr)
		tr->refs++;
	pthread_mutex_unlock(&tracking_lock);
	if (!tr)
		return MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
	if (n)
		result = stop_some(tr, msids, n);
	else
		stop(tr);
	unref(tr);
	return result;
}

void gmlc_tracking_cancel_all(void)
{
	struct tracking *tr;

	for (;;) {
		pthread_mutex_lock(&tracking_lock);
		for (;;) {
			for (tr = tracking_table; tr && tr->state != ACTIVE && tr->state != SCHEDULED; tr = tr->next)
				;
			if (tr || !starters)
				break;
			pthread_cond_wait(&schedule_changed, &tracking_lock); /* one is starting */
		}
		if (tr)
			tr->refs++;
		pthread_mutex_unlock(&tracking_lock);
		if (!tr)
			return;
		stop(tr);
		unref(tr);
	}
}

