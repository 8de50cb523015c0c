/* The LRR reports of the trackings (tracking.h): each found by its MME and LCS-Reference-Number,
 * made into the tlrep to push, and the end of a tracking when the last one came or a
 * distance_event pushed its no_of_reports.
 *
 * A periodic tlrr pushes every report, marked qos_not_met (3.4 and 3.5) when its LRR says the
 * accuracy was not fulfilled, or a poserr 201 then under ASSURED. A distance_event tlrr pushes
 * only the events (liblcs distance_event.c): SLg has no UE-to-UE trigger (lcs.md §1.5), so both
 * UEs report periodically and each report is weighed against the other UE's last position. */
#include "tracking.h"

#include <stdio.h>
#include <string.h>

#include "distance_event.h"

static struct target *find_target_locked(const char *mme, uint8_t reference)
{
	for (struct tracking *tr = tracking_table; tr; tr = tr->next)
		for (int i = 0; i < tr->n; i++) {
			struct target *t = &tr->targets[i];
			if (t->active && t->reference == reference && !strcasecmp(t->ue.mme, mme))
				return t;
		}
	return NULL;
}

/* The tlrep of one report of t, into tlrep: every report of a periodic tracking, the distance
 * events it completes for a distance_event. Returns the number of positions to push. */
static int report_locked(struct target *t, const struct gmlc_sighting *seen, struct mlp_answer *tlrep)
{
	struct tracking *tr = t->tr;

	mlp_answer_init(tlrep, MLP_TLREP, tr->version);
	snprintf(tlrep->req_id, sizeof tlrep->req_id, "%s", tr->req_id);
	if (tr->trigger != MLP_TRIGGER_DISTANCE) {
		struct mlp_pos *pos = &tlrep->pos[0];

		*pos = seen->pos;
		pos->msid = t->msid;
		pos->trigger = tr->trigger; /* PERIODIC or MS_AVAIL */
		if (!pos->result)
			pos->result = gmlc_quality_of(&tr->qop, seen->not_fulfilled, seen->age_minutes, tr->version, pos);
		return tlrep->n_pos = 1;
	}
	t->last = *seen;
	struct target *reference = &tr->targets[tr->n - 1];
	for (int i = 0; i < tr->n - 1; i++) {
		struct target *x = &tr->targets[i];
		/* A target's report weighs that target; the reference's weighs every target. */
		if ((t == x || t == reference) && !x->dropped && x->last.has_area && reference->last.has_area &&
		    lcs_distance_event(&tr->distance, &x->last.area, &reference->last.area, &x->near)) {
			tlrep->pos[tlrep->n_pos] = x->last.pos;
			tlrep->pos[tlrep->n_pos].msid = x->msid;
			tlrep->pos[tlrep->n_pos++].trigger = MLP_TRIGGER_DISTANCE;
		}
	}
	return tlrep->n_pos;
}

/* A distance_event's no_of_reports reached: the MMEs still reporting are to be told to stop
 * (into cancel, counted); the last answer unlists tr. Returns how many. */
static int end_locked(struct tracking *tr, struct target **cancel)
{
	int n = 0;

	tr->state = STOPPING;
	tr->ending = 1;
	for (int i = 0; i < tr->n; i++)
		if (tr->targets[i].active) {
			tracking_count_cancel_locked(&tr->targets[i]);
			cancel[n++] = &tr->targets[i];
		}
	return n;
}

int gmlc_tracking_report(const char *mme, uint8_t reference, const struct gmlc_sighting *seen,
			 struct mlp_answer *tlrep, char *url)
{
	struct target *cancel[MLP_MAX_MSIDS + 1];
	struct tracking *tr;
	struct target *t;
	int more = 0, last = 0, n_cancel = 0, ret = 1;

	pthread_mutex_lock(&tracking_lock);
	if (!(t = find_target_locked(mme, reference))) {
		ret = -1;
	} else if ((tr = t->tr)->state == STOPPING || t->dropped) {
		ret = 0; /* answered, not pushed */
	} else {
		if (++t->reports >= tr->amount)
			t->active = 0; /* the MME sent its last report */
		ret = report_locked(t, seen, tlrep) > 0;
		if (ret && tr->distance.no_of_reports && ++tr->events >= tr->distance.no_of_reports)
			n_cancel = end_locked(tr, cancel);
		for (int i = 0; i < tr->n && tr->state == ACTIVE; i++)
			more |= tr->targets[i].active && !tr->targets[i].dropped;
		tlrep->more = more;
		snprintf(url, MLP_URL_LEN, "%s", tr->url);
		if (!more && !n_cancel)
			last = tracking_unlist_locked(tr);
	}
	pthread_mutex_unlock(&tracking_lock);
	for (int i = 0; i < n_cancel; i++)
		tracking_send_counted_cancel(cancel[i]);
	if (last)
		tracking_destroy(tr);
	return ret;
}
