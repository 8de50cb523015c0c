/* The trackings' table, shared by tracking.c (requests, tlrr, tlrsr) and tracking_reports.c
 * (LRR reports); see tracking.c for what they hold and who owns them. */
#ifndef GMLC_TRACKING_H
#define GMLC_TRACKING_H

#include "gmlc.h"

#include <pthread.h>

enum state { SCHEDULED, STARTING, ACTIVE, STOPPING };

struct tracking;

struct target {
	struct tracking *tr;
	struct mlp_msid msid;
	struct gmlc_ue ue;  /* set when its RIA came */
	uint8_t reference;
	int active;         /* the MME reports: a cancellation is owed */
	int dropped;        /* stopped by a tlrsr naming it: its reports are not pushed */
	int result;         /* MLP result of a failed activation, or 0 */
	uint32_t reports;
	struct gmlc_sighting last; /* distance_event: the last report */
	int near;                  /* distance_event: the pair's state (lcs_distance_event) */
};

struct tracking {
	struct tracking *next; /* in the table */
	int refs;
	enum state state;
	const struct gmlc_config *config; /* of its RIRs */
	time_t start; /* SCHEDULED: when its activation begins (UTC) */
	int pending; /* requests in flight */
	struct timespec deadline; /* CLOCK_REALTIME, of the activation's RIRs and PLRs */
	int timeout_ms; /* of a cancellation */
	uint32_t gad_shapes; /* Supported-GAD-Shapes of its PLRs */
	pthread_cond_t idle; /* signalled when pending drops */
	char req_id[MLP_TEXT_LEN], client[MLP_TEXT_LEN], url[MLP_URL_LEN];
	enum mlp_version version;
	struct mlp_eqop qop; /* the tlrr's accuracies */
	int prio;            /* the tlrr's prio (enum mlp_prio), -1 without one */
	uint32_t amount, interval_s;
	enum mlp_trl_trigger trigger; /* of its reports: PERIODIC, MS_AVAIL (UE-Available) or DISTANCE */
	struct mlp_distance_event distance;
	long events;  /* distance_event: the reports pushed, against its no_of_reports */
	int ending;   /* ended by its no_of_reports: the last cancellation's answer unlists it */
	struct target targets[MLP_MAX_MSIDS + 1]; /* distance_event: the reference MS last */
	int n;
};

/* tracking_lock guards the table and every tracking in it. */
extern pthread_mutex_t tracking_lock;
extern struct tracking *tracking_table;

/* Unlist tr, freeing its references: 1 when the caller must free it (after unlocking). */
int tracking_unlist_locked(struct tracking *tr);
void tracking_destroy(struct tracking *tr);
/* The cancellation of t's reports at its MME: counted in pending and refs under tracking_lock,
 * then sent without it. */
void tracking_count_cancel_locked(struct target *t);
void tracking_send_counted_cancel(struct target *t);

#endif
