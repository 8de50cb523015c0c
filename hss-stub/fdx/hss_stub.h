/* hss_stub.fdx internals: an HSS serving Sh (TS 29.328/29.329) and SLh (TS 29.173) from the LMDB
 * store.
 *
 *   LoadExtension = "hss_stub.fdx" : "/path/hss_stub.conf";   (after dict_sh.fdx, dict_slh.fdx)
 *
 * Files: config.c (the extension's configuration), sh_common.c (reading requests, building
 * answers), sh_tables.c (what each Data-Reference allows), sh_data_build.c (Sh-Data from the
 * store), sh_udr.c, sh_pur.c (with the group-commit writer), sh_snr.c, notifier.c (PNRs after
 * every committed change), pnr.c (one PNR and its answer), pnr_held.c (the PNRs held for an AS
 * that could not get them), slh_rir.c (SLh routing information for GMLCs), hss_stub.c (entry
 * point and registration). */
#ifndef HSS_STUB_H
#define HSS_STUB_H

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>
#include <jansson.h>

#include "diamkit.h"
#include "slh.h"
#include "shdata.h"
#include "store.h"

#define SH_APP_ID 16777217
#define SH_PUR_MAX_BATCH 256

/* The Experimental-Result-Code values (vendor 10415) the HSS answers over Sh (TS 29.329 §6.2, TS
 * 29.229 §6.2); SLh's own are in slh.h. */
#define ERROR_USER_UNKNOWN 5001
#define ERROR_IDENTITIES_DONT_MATCH 5002
#define ERROR_TOO_MUCH_DATA 5008
#define ERROR_FEATURE_UNSUPPORTED 5011
#define ERROR_USER_DATA_NOT_RECOGNIZED 5100
#define ERROR_OPERATION_NOT_ALLOWED 5101
#define ERROR_USER_DATA_CANNOT_BE_READ 5102
#define ERROR_USER_DATA_CANNOT_BE_MODIFIED 5103
#define ERROR_USER_DATA_CANNOT_BE_NOTIFIED 5104
#define ERROR_TRANSPARENT_DATA_OUT_OF_SYNC 5105
#define ERROR_SUBS_DATA_ABSENT 5106
#define ERROR_DSAI_NOT_AVAILABLE 5108
#define PRIOR_UPDATE_IN_PROGRESS 4101

/* ---- configuration (config.c) --------------------------------------------------------------- */

struct hss_config {
	char store_path[1024];
	size_t max_repository_data; /* bytes of ServiceData; more: 5008 */
	long max_expiry;            /* seconds a subscription may last; 0: no limit */
	int notify_interval_ms;     /* how often the change log is read */
	int commit_window_ms;       /* how long the PUR writer gathers a batch before committing */
	int pnr_retry_s;            /* how long an undelivered PNR is held for its AS; 0: not held */
	char schema_dir[1024];      /* "" for the built-in folder */
	char slh_allowed_realms[1024]; /* realms whose GMLCs may use SLh, space-separated; "": any */
};

/* Read "key = value" lines (# comments). 0, or EINVAL with a message logged. */
int hss_config_load(const char *path, struct hss_config *config);

/* ---- shared state (hss_stub.c) ------------------------------------------------------------- */

struct hss_dict {
	struct dict_object *app, *vendor, *pna, *pnr, *slh_app;
	struct dict_object *user_identity, *public_identity, *msisdn, *external_identifier, *user_data,
		*data_reference, *service_indication, *subs_req_type, *requested_domain,
		*current_location, *identity_set, *expiry_time, *send_data_indication, *server_name,
		*dsai_tag, *repository_data_id, *sequence_number, *one_time_notification;
	struct dk_features_dict features;
	/* SLh */
	struct dict_object *serving_node, *mme_name, *mme_realm, *sgsn_name, *sgsn_realm, *sgsn_number,
		*msc_number, *gmlc_address;
};

extern struct hss_config hss_conf;
extern struct hss_dict hss_dict;
extern struct hss_store *hss_store;

/* ---- requests and answers (sh_common.c) ------------------------------------------------------ */

#define SH_MAX_REFS 16

/* What a Sh request names, read once. */
struct sh_req {
	struct msg *msg;
	char origin_host[256];
	enum store_identity id_kind;  /* STORE_IMPU or STORE_MSISDN */
	char identity[256];           /* URI, or MSISDN digits */
	struct avp *identity_avp;     /* for Failed-AVP */
	char user_name[256];          /* "" when absent */
	int data_refs[SH_MAX_REFS];
	size_t n_data_refs;
	char service_indications[SH_MAX_REFS][256];
	size_t n_service_indications;
	char server_name[256];        /* "" when absent */
	char dsai_tags[SH_MAX_REFS][256];
	size_t n_dsai_tags;
	int requested_domain;         /* -1 when absent */
	int current_location;         /* -1 when absent */
	int identity_set;             /* -1 when absent */
};

/* The outcome of a check: 0 to go on, or an answer to send. */
struct sh_outcome {
	uint32_t code;      /* 0: no error */
	int experimental;   /* code is a 3GPP Experimental-Result-Code */
	struct avp *failed; /* AVP for Failed-AVP, or NULL */
	const char *message;
	struct dict_object *missing; /* 5005: the model of the AVP missing, for Failed-AVP's example */
};

#define SH_OK ((struct sh_outcome){ 0, 0, NULL, NULL, NULL })
#define SH_EXP(c, avp) ((struct sh_outcome){ (c), 1, (avp), NULL, NULL })
#define SH_BASE(c, avp, msg) ((struct sh_outcome){ (c), 0, (avp), (msg), NULL })
#define SH_MISSING(model, msg) ((struct sh_outcome){ ER_DIAMETER_MISSING_AVP, 0, NULL, (msg), (model) })

/* Read the request's identity, User-Name, Data-References, Service-Indications, ... A malformed
 * one gives the base error to answer (5004 INVALID_AVP_VALUE, 5005 MISSING_AVP, 5009 ...). */
struct sh_outcome sh_req_read(struct msg *msg, struct sh_req *req);

/* Checks shared by UDR, PUR and SNR, in the order of TS 29.328 §6.1: permission of the AS for
 * every Data-Reference (5102/5103/5104 per op), user known (5001), User-Name matching (5002),
 * identity type allowed for every Data-Reference (5101). On success *subscriber is the user's
 * document (json_decref it), or NULL when the request is only about repository data, which needs
 * none. */
struct sh_outcome sh_req_check(const struct sh_req *req, uint32_t op, json_t **subscriber);

/* sh_req_read, then sh_req_check: how every handler starts. */
struct sh_outcome sh_req_start(struct msg *msg, uint32_t op, struct sh_req *req, json_t **subscriber);

/* The Sh features this HSS offers (Supported-Features, Feature-List-ID 1): Update-Eff. Not
 * Notif-Eff: its UDR and SNR semantics (every item asked for present, empty when unavailable;
 * several subscriptions all or none) are not implemented, nor Update-Eff-Enhance (a PUR of
 * several Data-References stays 5011). */
#define SH_HSS_FEATURES SH_FEATURE_UPDATE_EFF

/* The Sh feature list the AS sent in request msg: *indicated 0 when it sent none (the AS then
 * uses no feature, TS 29.229 §7.2). Returns 0 or an error code. */
int sh_as_features(struct msg *msg, int *indicated, uint32_t *list);

/* Result-Code 2001, or the outcome's Experimental-Result / Result-Code with Failed-AVP and
 * Error-Message, and Origin-Host/Realm. */
int sh_set_outcome(struct msg *ans, struct sh_outcome outcome);

/* Turn *msg (the request) into its answer carrying the outcome (or 2001), with
 * Vendor-Specific-Application-Id, Auth-Session-State and Origin-Host/Realm, and SH_HSS_FEATURES
 * in Supported-Features when the request had the Sh feature list. */
int sh_answer(struct msg **msg, struct sh_outcome outcome);

/* Add User-Data holding xml to an answer or request. */
int sh_add_user_data(struct msg *msg, const char *xml, size_t len);
/* Add Vendor-Specific-Application-Id and Auth-Session-State (requests we send: PNR). */
int sh_add_app_header(struct msg *msg);

/* ---- Sh-Data from the store (sh_data_build.c) ---------------------------------------------- */

/* What to put in the Sh-Data for one Data-Reference of one public identity. */
struct sh_data_query {
	int data_reference;
	const char *impu;                 /* the public identity the request named (or resolved) */
	const char *const *service_indications; /* DR 0 */
	size_t n_service_indications;
	const char *server_name;          /* DR 13, 19 */
	const char *const *dsai_tags;     /* DR 19 */
	size_t n_dsai_tags;
	int requested_domain;             /* DR 14, 15: 0 CS, 1 PS; -1 both */
	int current_location;             /* DR 14: 1 InitiateActiveLocationRetrieval */
	int identity_set;                 /* DR 10: -1 = all */
	int show_absent;                  /* a PNR's: data the user lacks is an empty element */
};

/* Add to data what the query asks, from the subscriber document. Returns 0, ENOENT when the
 * data does not exist (absent repository data, unknown DSAI tag, or, unless show_absent, data
 * the user lacks: no S-CSCF name, iFCs for the AS, location, ...), or an error code. */
int sh_data_add(struct sh_data *data, json_t *subscriber, const struct sh_data_query *query);
/* Repository data that was deleted, as a notification shows it: ServiceIndication and
 * SequenceNumber, no ServiceData. */
int sh_data_add_deleted(struct sh_data *data, const char *service_indication, uint32_t sequence_number);
/* DeletedIdentities holding impu: a PNR about an identity the HSS no longer has. */
int sh_data_add_deleted_identity(struct sh_data *data, const char *impu);

/* ---- the three requests (sh_udr.c, sh_pur.c, sh_snr.c) ------------------------------------ */

/* The public identity a request's data is about: the one named, or the user's first for an
 * MSISDN. */
const char *sh_req_impu(const struct sh_req *req, json_t *subscriber);
/* The Sh-Data answering the request's Data-References (*xml NULL when there is none: data that
 * does not exist is left out, as TS 29.328 §6.1.1 asks of a UDA without Notif-Eff; show_absent,
 * for a PNR: data the user no longer has is shown by an empty element, or an empty Sh-Data);
 * checks the access keys each Data-Reference needs (5005) and DSAI tags (5108). *xml is
 * malloc'ed. */
struct sh_outcome sh_build_user_data(const struct sh_req *req, json_t *subscriber, int show_absent, char **xml,
				     size_t *len);

/* The request that a subscription's SNR made for its Data-Reference (and Service-Indication): its
 * PNRs show what sh_build_user_data gives for it, as a UDR with the same AVPs would. */
void sh_subscription_req(const struct store_subscription *sub, struct sh_req *req);

int sh_udr_cb(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act);
int sh_pur_cb(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act);
int sh_snr_cb(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act);

/* PUR of subscriber data (PSIActivation 18, DSAI 19), written at once. */
struct sh_outcome sh_pur_update_subscriber(const struct sh_req *req, json_t *subscriber);

int sh_pur_writer_start(void);
void sh_pur_writer_stop(void);

/* ---- SLh (slh_rir.c) ------------------------------------------------------------------------ */

int slh_rir_cb(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act);

/* ---- one PNR (pnr.c), the PNRs held for an AS that could not get them (pnr_held.c) ------------ */

/* One PNR: the change and the subscription it notifies, and when it was first tried. Owned by
 * whoever has it: the notifier, the PNA callbacks while it is in flight, or a held list. */
struct pnr {
	struct fd_list chain; /* in 'held' or 'returned' */
	struct store_change change;
	struct store_subscription sub;
	struct timespec since; /* CLOCK_MONOTONIC */
};

/* A PNR for this change and subscription, not sent yet; NULL when out of memory. */
struct pnr *pnr_new(const struct store_change *change, const struct store_subscription *sub);
/* Send p's PNR, built from the data as it is now. 0: sent, p belongs to the PNA callbacks;
 * otherwise p is still the caller's: ENOTCONN when the AS is not connected, ENODATA when there is
 * nothing to notify any more (the identity is gone without a deletion change saying so). */
int pnr_send(struct pnr *p);
/* Whether the AS is a peer in the OPEN state. */
int pnr_peer_open(const char *host);
/* Send p, or hold it when its AS is not connected (notifier thread); p is taken. */
void pnr_send_or_hold(struct pnr *p);
/* Hand an undelivered PNR back from a PNA callback (any thread); p is taken. */
void pnr_hand_back(struct pnr *p);
/* Send again the held PNRs whose AS is OPEN; drop those held too long or no longer owed
 * (notifier thread, at the start of each round). */
void pnr_retry_held(time_t now);
/* Free every held PNR (once the notifier has stopped). */
void pnr_held_free(void);

/* ---- notifications (notifier.c) ------------------------------------------------------------ */

int notifier_start(void);
void notifier_stop(void);
/* Look at the change log now rather than at the next interval (after a commit). */
void notifier_kick(void);

#endif
