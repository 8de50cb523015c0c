/* gmlc: the lab GMLC. An MLP (Le) server over HTTP (http.c) that answers synchronous slir by
 * locating each target (locate.c): SLh RIR to the HSS for the serving MME, then SLg PLR to that
 * MME (TS 23.271 §9.1.15, shared/specs/lcs.md §1.3-1.5); and periodic tlrr by deferred PLRs
 * whose LRR reports are pushed to the client as tlrep (tracking.c, tracking_reports.c, reports.c,
 * push.c; TS 23.271 §9.1.19). libfdcore runs embedded in this process (node.c); the GMLC's Diameter identity and
 * peers are in its freeDiameter configuration. */
#ifndef GMLC_H
#define GMLC_H

#include <netinet/in.h>
#include <stddef.h>

#include "diamkit.h"
#include "geo.h"
#include "mlp.h"
#include "slg.h"

/* ---- configuration (config.c) ---------------------------------------------------------- */

#define GMLC_MAX_CLIENTS 32

struct gmlc_client {
	char id[MLP_TEXT_LEN], pwd[MLP_TEXT_LEN];
};

#define GMLC_MAX_ROUTES 8

struct gmlc_config {
	char fd_config[1024];          /* freeDiameter configuration of the GMLC node (required) */
	struct sockaddr_in listen;     /* the MLP server, on a loopback address (required) */
	char hss_realm[256];           /* Destination-Realm of RIR (required) */
	char hss_host[256];            /* Destination-Host of RIR, or "" */
	struct gmlc_client clients[GMLC_MAX_CLIENTS];
	int nclients;
	int timeout_ms;                /* one slir, RIR and PLR of every target included */
	size_t max_body;               /* bytes of an MLP request */
	int distance_poll_s;           /* Reporting-Interval of a distance_event without interval */
	unsigned max_connections;      /* MLP connections open at once */
	unsigned http_threads;         /* libmicrohttpd threads polling them */
	uint32_t gad_shapes;           /* Supported-GAD-Shapes of every PLR */
	struct {
		char realm[256];       /* requests for this Destination-Realm ... */
		char peer[256];        /* ... go through this peer (an edge agent) */
	} routes[GMLC_MAX_ROUTES];
	int nroutes;
};

int gmlc_config_load(const char *path, struct gmlc_config *c);

/* 1 when id and pwd are one of the configured clients. */
int gmlc_client_allowed(const struct gmlc_config *c, const char *id, const char *pwd);

/* ---- the Diameter node (node.c) --------------------------------------------------------- */

struct gmlc_dict {
	struct dict_object *rir, *plr, *msisdn, *serving_node, *mme_name, *mme_realm,
		*slg_location_type, *lcs_eps_client_name, *lcs_name_string, *lcs_format_indicator,
		*lcs_client_type, *location_estimate, *age_of_location_estimate, *lrr,
		*location_event, *lcs_reference_number, *deferred_location_type,
		*periodic_ldr_information, *reporting_amount, *reporting_interval, *lcs_qos,
		*lcs_qos_class, *horizontal_accuracy, *vertical_accuracy, *vertical_requested,
		*response_time, *accuracy_fulfilment_indicator, *supported_gad_shapes, *lcs_priority;
};
extern struct gmlc_dict gmlc_dict;
/* The Session-Ids of the GMLC's requests (requests.c), set up by gmlc_node_start. */
extern struct dk_sid_maker gmlc_sids;

/* Ends a request exactly once: with its answer (ans, which the callee must not free), or
 * ans NULL when none came (timeout, dropped, undeliverable). */
typedef void (*gmlc_answer_cb)(void *arg, struct msg *ans);

/* Start libfdcore with the configuration's freeDiameter file, SLh and SLg advertised, and its
 * realm routes. Returns 0 or an errno. */
int gmlc_node_start(const struct gmlc_config *config);
void gmlc_node_stop(void);

/* Send req (taken over, even on failure), its answer or its end to cb before the absolute
 * CLOCK_REALTIME deadline. Returns 0, or an errno when it could not be sent (cb not called). */
int gmlc_node_send(struct msg **req, const struct timespec *deadline, gmlc_answer_cb cb, void *arg);

/* ---- requests shared by immediate and periodic location (requests.c) -------------------- */

#define GMLC_DIAMETER_SUCCESS 2001
#define GMLC_MSISDN_OCTETS 8

/* Where a UE is served and how the RIA named it. */
struct gmlc_ue {
	char mme[256], realm[256]; /* Destination-Host and -Realm of its PLRs */
	char imsi[64];             /* "" when the RIA had no User-Name */
	uint8_t msisdn[GMLC_MSISDN_OCTETS];
	size_t msisdn_len;         /* 0 when the RIA had no MSISDN */
};

/* A request of cmd with a new Session-Id, Auth-Session-State NO_STATE_MAINTAINED and our origin. */
int gmlc_new_request(struct dict_object *cmd, struct msg **req);

/* The MLP result of an answer (NULL: none came) that is not a success, or 0. */
int gmlc_failure_of(struct msg *ans);

/* The RIR for one msid: 0, or an MLP result id when it cannot be asked for (*rir to free). */
int gmlc_build_rir(const struct gmlc_config *c, const struct mlp_msid *id, struct msg **rir);

/* The serving MME of an RIA: 0, ENOTSUP when no MME serves the UE, or an errno. */
int gmlc_ue_of_ria(struct msg *ria, struct gmlc_ue *ue);

/* A PLR of that SLg-Location-Type to ue's MME for the client by its MLP id, as a value-added
 * service, listing those Supported-GAD-Shapes. Returns 0 or an errno (*plr, possibly set, to
 * free). */
int gmlc_build_plr(const struct gmlc_ue *ue, const char *client, int32_t type, uint32_t gad_shapes,
		   struct msg **plr);

/* The SLg-Location-Type a slir's loc_type asks for (SLG_CURRENT_LOCATION without one), or -1 for
 * LAST, which SLg cannot ask for. */
int32_t gmlc_slg_location_type(const struct mlp_request *r);

/* What a PLA's or LRR's Accuracy-Fulfilment-Indicator (not_fulfilled) and
 * Age-Of-Location-Estimate make of a position, for the quality q asked: 0, with pos->qos_not_met
 * when MLP v can say so (3.4, 3.5), or 201 QOP NOT ATTAINABLE with pos->add_info naming what is missed
 * ("accuracy" under ASSURED, "max_loc_age"), as MLP asks. */
int gmlc_quality_of(const struct mlp_eqop *q, int not_fulfilled, uint32_t age_minutes, enum mlp_version v,
		    struct mlp_pos *pos);

/* Adds LCS-QoS to a PLR when a slir's eqop asks for an accuracy or a response time: its class
 * (BEST EFFORT unless ASSURED is asked), Horizontal-Accuracy of hor_acc, Vertical-Accuracy and
 * Vertical-Requested of alt_acc, Response-Time of resp_req. Returns 0 or an errno. */
int gmlc_add_lcs_qos(struct msg *plr, const struct mlp_eqop *q);

/* Adds LCS-Priority to a PLR for a request's prio (enum mlp_prio; -1 when it has none): 0, the
 * highest, for HIGH, 1 for NORMAL (TS 29.172, AVP 2503). Returns 0 or an errno. */
int gmlc_add_lcs_priority(struct msg *plr, int prio);

/* ---- locating targets (locate.c) -------------------------------------------------------- */

/* The end of a location: a, one pos per msid of the request (a pd, or a poserr with its time),
 * is the callee's to free. Called on a Diameter thread, or before gmlc_locate_start returns. */
typedef void (*gmlc_located_cb)(void *arg, struct mlp_answer *a);

/* Locate every msid of r (at least one) for the client r->hdr.client_id, in parallel, with r's
 * loc_type and hor_acc, and call done exactly once, at most c->timeout_ms later: a target whose
 * answers did not all come by then gets 7 TIMEOUT; a position the MME says misses hor_acc has
 * qos_not_met (MLP 3.4 and 3.5; older versions have no way to say it). r is not used after the call
 * returns. Returns 0, or EINVAL (no msid, a loc_type gmlc_slg_location_type refuses) or ENOMEM
 * with done not called. */
int gmlc_locate_start(const struct gmlc_config *c, const struct mlp_request *r, gmlc_located_cb done, void *arg);

/* ASYNC slir (async.c): locate r's targets and push the slirep to r->pushaddr. Returns 0 with the
 * req_id (MLP_TEXT_LEN bytes) the slia carries, or an MLP result: 101 CONGESTION IN LOCATION
 * SERVER when too many run, 1 SYSTEM FAILURE. */
int gmlc_locate_async(const struct gmlc_config *c, const struct mlp_request *r, char *req_id);
/* Take no more, and wait for those in flight (each bounded by timeout_ms). */
void gmlc_async_stop(void);

/* ---- periodic location (tracking.c, tracking_reports.c, reports.c, push.c) --------------- */

/* A periodic or distance_event tlrr, checked by mlp_service.c. */
struct gmlc_tlrr {
	const struct mlp_request *request; /* its msids, client, version and pushaddr */
	uint32_t interval_s;               /* Reporting-Interval */
	uint32_t amount;                   /* Reporting-Amount, per target */
	time_t start;                      /* a later start_time (UTC), or 0: at once */
	int ms_avail;                      /* one report once the UE is available (ms_action) */
	const struct mlp_distance_event *distance; /* NULL: push every periodic report */
};

/* One report of a UE: its MLP position (or poserr), and the circle it fits in when it has one. */
struct gmlc_sighting {
	struct mlp_pos pos;
	int not_fulfilled; /* its Accuracy-Fulfilment-Indicator */
	uint32_t age_minutes;
	int has_area;
	struct geo_area area;
};

/* The position a PLA or an LRR reports (its time less Age-Of-Location-Estimate) and its circle,
 * or a poserr 6 POSITION METHOD FAILURE when it has no Location-Estimate liblcs reads. */
void gmlc_sighting_of(struct msg *m, struct gmlc_sighting *seen);

/* Start periodic location for every target (RIR, then PLR ACTIVATE_DEFERRED_LOCATION), waiting
 * at most c->timeout_ms. Returns 0 and the tracking's req_id (MLP_TEXT_LEN bytes) when every MME
 * accepted; else an MLP result id, with every accepted target cancelled again. */
int gmlc_track(const struct gmlc_config *c, const struct gmlc_tlrr *t, char *req_id);

/* Stop the tracking req_id of that client (PLR CANCEL_DEFERRED_LOCATION per target), or only its
 * n targets in msids (the whole tracking when none would be left). Returns 0, 110 INVALID
 * PROTOCOL ELEMENT VALUE when the client has no such tracking, or 115 INVALID MSID IN TLRSR for
 * an msid that is none of its targets. */
int gmlc_untrack(const char *client, const char *req_id, const struct mlp_msid *msids, int n);

/* One LRR report: the target's position (pd) or poserr (msid and trigger aside). Returns 1 with
 * the tlrep to push and its url when there is one to push (a periodic report, or a distance
 * event), 0 when the reference is known but nothing is to be pushed (or its tracking is being
 * stopped), -1 when this MME has no such reference. */
int gmlc_tracking_report(const char *mme, uint8_t reference, const struct gmlc_sighting *seen,
			 struct mlp_answer *tlrep, char *url);


/* Cancel every tracking at its MMEs (bounded by timeout_ms each); called once no MLP request
 * runs any more and before the node stops. */
void gmlc_tracking_cancel_all(void);

/* The LRR handler (reports.c). */
int gmlc_reports_start(void);
void gmlc_reports_stop(void);

/* The pushes to clients (push.c): one worker thread POSTs the queued documents in order. */
int gmlc_push_start(void);
void gmlc_push_stop(void); /* after the last gmlc_push; drops what was not sent */

/* Queue xml (taken over) for a POST to url; never blocks on the network. */
void gmlc_push(const char *url, char *xml, size_t len);
/* The same for an answer (slirep, tlrep) written here; one that cannot be written is logged. */
void gmlc_push_answer(const char *url, const struct mlp_answer *a);

/* ---- the MLP server (http.c) ------------------------------------------------------------ */

#define GMLC_MLP_PATH "/LocationQueryService/"

struct MHD_Daemon;
/* Start the server (a few threads polling every connection: a request waiting for its targets
 * holds no thread). Returns NULL, with a message on stderr, on failure. */
struct MHD_Daemon *gmlc_http_start(const struct gmlc_config *c);
/* Take no more requests, wait for those in flight (each bounded by timeout_ms), and stop. */
void gmlc_http_stop(struct MHD_Daemon *d);

/* The end of one MLP POST: the HTTP status and body (malloc'd, the callee's; NULL only when out
 * of memory). */
typedef void (*gmlc_mlp_done)(void *arg, int status, char *xml, size_t xml_len);

/* Serve one MLP POST body; done is called exactly once, before this returns or later on another
 * thread. Split from http.c so that the MLP logic does not depend on the transport. */
void gmlc_mlp_serve(const struct gmlc_config *c, const char *body, size_t len, gmlc_mlp_done done, void *arg);

#endif
