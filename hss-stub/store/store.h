/* The HSS stub's store: one LMDB environment on disk, shared by the hss_stub.fdx daemon and the
 * hss-ctl tool (several processes may open it at once; LMDB serialises writers).
 *
 * What it keeps (docs/hss-store.md has the JSON forms):
 * - subscribers: one JSON document per private identity (IMPI) with public identities, MSISDNs,
 *   IMSI, IMS user state, S-CSCF name, iFCs, charging information, PSI activation, DSAI, CS/PS/EPS
 *   location and user state, and the serving node used by location services;
 * - identity indexes: IMPU, MSISDN and IMSI to IMPI, kept by store_subscriber_put/delete;
 * - routing records: IMPI to the IMSI, first MSISDN and serving node (SLh), kept likewise;
 * - repository data: (public identity, Service-Indication) -> Sequence-Number + ServiceData;
 * - subscriptions: (public identity, AS, Data-Reference, Service-Indication) -> expiry and the
 *   SNR's selectors (Server-Name, Identity-Set, DSAI-Tags);
 * - the AS permission list: (AS Origin-Host, Data-Reference) -> Pull / Update / Subs-Notif;
 * - a change log: every committed change that can concern a subscribed AS, numbered, so that the
 *   daemon notifies changes made by any process (hss-ctl included).
 *
 * Every write is one LMDB transaction, committed durably before the function returns 0.
 * Functions return 0 or an errno-style code (ENOENT: no such record; EEXIST; EINVAL: bad input,
 * with a message in err when given; EIO/ENOSPC/...: storage). Strings are NUL-terminated UTF-8.
 * Thread-safe: one struct hss_store may be used by many threads (MDB_NOTLS). */
#ifndef HSS_STORE_H
#define HSS_STORE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct hss_store;

#define STORE_ERR_LEN 256          /* size for the err buffers below */
/* Initial map size: address space only (the file grows with the data: ~5 KiB for a subscriber
 * like the lab's, ProSe profile included), enough for a million subscribers; the map doubles when
 * a write finds it full. */
#define STORE_DEFAULT_MAP_SIZE (16UL << 30)

/* Open (create = 1: create the folder and files when missing) the store in folder 'path'. A store
 * of layout version 1 is migrated to version 2 (its routing records built) in the first open;
 * ENOTSUP when the layout is another (docs/hss-store.md). */
int store_open(const char *path, int create, struct hss_store **store);
/* The same with another initial map size (tests of map growth). */
int store_open_sized(const char *path, int create, size_t map_size, struct hss_store **store);
void store_close(struct hss_store *store);
/* The text for an error of store_open: strerror's, but for ENOTSUP, which says what layouts open. */
const char *store_open_strerror(int rc);

/* ---- subscribers ------------------------------------------------------------------------- */

/* Kinds of identity a request can name a user by. */
enum store_identity {
	STORE_IMPU,   /* public identity: SIP or tel URI (also distinct PSIs) */
	STORE_MSISDN, /* digits only, international format, no '+' */
	STORE_IMSI,
	STORE_IMPI,
};

/* Validate a subscriber document (docs/hss-store.md) and store it, replacing the one with the same
 * "impi". Its public identities, MSISDNs and IMSI must not belong to another subscriber (EEXIST).
 * On EINVAL, err holds the JSON path and reason of the first error ("$.impus[2].uri: ..."). */
int store_subscriber_put(struct hss_store *store, json_t *subscriber, char *err, size_t errlen);

/* The document of the subscriber named by an identity (a new reference: json_decref it). */
int store_subscriber_get(struct hss_store *store, enum store_identity kind, const char *id, json_t **subscriber);

/* The IMPI a public identity, MSISDN or IMSI belongs to (impi: at least 256 bytes). */
int store_resolve(struct hss_store *store, enum store_identity kind, const char *id, char *impi, size_t size);

/* What an SLh Routing-Info-Answer needs of a subscriber: a projection of its document kept in the
 * same transaction, so that a RIR reads it without parsing the document. Each string is "" when
 * the document has none; the sizes are the validation limits (host names 255 bytes, numbers 15
 * digits, an IPv6 address in text 45 characters). */
struct store_routing {
	char impi[256];
	char imsi[16];
	char msisdn[16];        /* the first of msisdns */
	char mme_name[256], mme_realm[256], sgsn_name[256], sgsn_realm[256];
	char sgsn_number[16], msc_number[16];
	char gmlc_address[46];  /* IPv4 or IPv6, as in the document */
};

/* The routing record of the subscriber named by an identity, found and read in one read
 * transaction. ENOENT when no subscriber has that identity. */
int store_routing_get(struct hss_store *store, enum store_identity kind, const char *id, struct store_routing *out);

/* Delete a subscriber, its indexes, its repository data and the subscriptions to its identities. */
int store_subscriber_delete(struct hss_store *store, const char *impi);

/* Names of the enumerated members of a subscriber document, each list NULL-terminated and in the
 * order of the values in ShDataType.xsd (index = value): "ims_user_state" takes
 * store_ims_user_states, impus[].type store_identity_types, ... (docs/hss-store.md). */
extern const char *const store_identity_types[];     /* PUBLIC_USER_IDENTITY, DISTINCT_PSI, ... */
extern const char *const store_ims_user_states[];    /* NOT_REGISTERED, REGISTERED, ... */
extern const char *const store_cs_user_states[];     /* CAMELBusy, ... */
extern const char *const store_ps_user_states[];     /* Detached, ... (also eps_user_state) */
extern const char *const store_default_handlings[];  /* SESSION_CONTINUED, SESSION_TERMINATED */
extern const char *const store_profile_parts[];      /* REGISTERED, UNREGISTERED */
extern const char *const store_psi_activations[];    /* INACTIVE, ACTIVE */
extern const char *const store_dsai_values[];        /* ACTIVE, INACTIVE */
/* The index of name in names, or -1. */
int store_enum_value(const char *const *names, const char *name);

/* Apply a change to one field and store the result (used by hss-ctl "set"): 'path' is a top-level
 * member name ("ims_user_state", "eps_location", ...), value replaces it (NULL removes it). The
 * whole document is validated as by store_subscriber_put. */
int store_subscriber_set(struct hss_store *store, const char *impi, const char *path, json_t *value,
			 char *err, size_t errlen);

/* ---- repository data (Data-Reference 0) --------------------------------------------------- */

struct store_repdata {
	uint32_t sequence_number; /* 0..65535 */
	char *service_data;       /* the ServiceData element's content (XML text); NULL when none */
	size_t service_data_len;
};

/* Read repository data; out->service_data is malloc'ed (free it). ENOENT when absent. */
int store_repdata_get(struct hss_store *store, const char *impu, const char *service_indication,
		      struct store_repdata *out);
void store_repdata_clear(struct store_repdata *data);

/* One Sh-Update of repository data, as in TS 29.328 §6.1.2 (check order as listed there). */
struct store_repdata_update {
	const char *impu;
	const char *service_indication;
	uint32_t sequence_number;  /* as sent by the AS */
	const char *service_data;  /* NULL: delete the repository data */
	size_t service_data_len;
	int with_previous;         /* 1: all or none with the update before it (one Sh-Update of
	                            * several instances, Update-Eff) */
	/* result, set by store_repdata_apply: */
	int result;                /* 0, or STORE_OUT_OF_SYNC, STORE_NOT_ALLOWED, STORE_TOO_MUCH_DATA,
	                            * or an errno code (ENOENT: impu is no subscriber's identity) */
	uint32_t new_sequence_number;
};

#define STORE_OUT_OF_SYNC -5105   /* Sequence-Number not the successor, or creation of existing data */
#define STORE_NOT_ALLOWED -5101   /* delete of absent data (Sequence-Number 0, no ServiceData) */
#define STORE_TOO_MUCH_DATA -5008 /* ServiceData over max_size */
#define STORE_ABORTED -1          /* not written: another update of its group failed */

/* Apply several updates in ONE write transaction (group commit): each gets its own result; the
 * successful ones are committed together (and logged in the change log, with the subscriptions
 * to deleted data removed after their notification is logged), the failed ones change nothing.
 * A group (an update and those after it marked with_previous) is applied in order, each seeing
 * what the ones before it wrote, and all or none: when one fails it keeps its result, the others
 * get STORE_ABORTED, and nothing of the group is written or logged.
 * Rules: existing data needs sequence_number == stored % 65535 + 1 (65535 wraps to 1, 0 is never
 * reused); absent data needs sequence_number 0 and ServiceData (else STORE_OUT_OF_SYNC /
 * STORE_NOT_ALLOWED); ServiceData longer than max_size bytes: STORE_TOO_MUCH_DATA.
 * Returns 0 when the transaction committed (look at each result), else an errno code and
 * nothing was written. */
int store_repdata_apply(struct hss_store *store, struct store_repdata_update *updates, size_t count,
			size_t max_size);

/* ---- AS permission list (TS 29.328 §6.2) --------------------------------------------------- */

#define STORE_PERM_PULL 1u
#define STORE_PERM_UPDATE 2u
#define STORE_PERM_SUBS_NOTIF 4u
/* Their names in JSON and hss-ctl ("pull", "update", "subs-notif": bit i is 1u << i), NULL-terminated. */
extern const char *const store_perm_names[];

/* The Data-References this HSS serves and what each allows (TS 29.328 Table 7.6.1,
 * data_refs.c): the operations (STORE_PERM_* bits; 0: not served), and whether that kind of
 * identity may name the user (psi: the public identity is a distinct PSI). */
#define STORE_DATA_REFERENCES "0, 10 to 19, 32"
uint32_t store_dr_operations(int dr);
int store_dr_identity_ok(int dr, enum store_identity kind, int psi);

/* Set (0 removes) the operations AS 'as_host' may do for a Data-Reference: EINVAL for a host name
 * that is none, a Data-Reference not served or an operation it does not allow. as_host "*"
 * applies to every AS without an entry of its own. Removing Subs-Notif removes that AS's
 * subscriptions for that Data-Reference. */
int store_permission_set(struct hss_store *store, const char *as_host, int data_reference, uint32_t ops);
/* The operations allowed (0 when none, also on a storage error). */
uint32_t store_permission_get(struct hss_store *store, const char *as_host, int data_reference);
/* Call fn for each entry of the list, by AS then Data-Reference; fn returns 0 to go on. */
int store_permission_each(struct hss_store *store,
			  int (*fn)(const char *as_host, int data_reference, uint32_t ops, void *arg), void *arg);

/* ---- subscriptions (Sh-Subs-Notif) --------------------------------------------------------- */

#define STORE_MAX_DSAI_TAGS 16 /* DSAI-Tags a subscription keeps */
/* The names of the Identity-Set values (index = value), NULL-terminated. */
extern const char *const store_identity_sets[];

struct store_subscription {
	char impu[256];
	char as_host[256];
	int data_reference;
	char service_indication[256]; /* "" when the Data-Reference has none */
	time_t expiry;                /* 0: unlimited */
	char user_name[256];          /* IMPI given in the SNR ("" when none), echoed in PNRs */
	int one_time;                 /* One-Time-Notification */
	/* What the SNR selected, for the PNRs to show the data a UDR with them shows: */
	char server_name[256];        /* Server-Name ("" when none) */
	int has_identity_set;         /* 0: none (a zeroed subscription has no selectors) */
	int identity_set;             /* Identity-Set value (store_identity_sets) */
	char dsai_tags[STORE_MAX_DSAI_TAGS][256]; /* DSAI-Tags */
	size_t n_dsai_tags;
};

/* Add or replace (same impu, as_host, data_reference, service_indication) a subscription: another
 * Server-Name, Identity-Set or DSAI-Tags replace those stored.
 * ENOENT when impu is not a public identity of a subscriber; EINVAL when impu, service_indication
 * and as_host together are longer than 500 bytes (an LMDB key). Expired subscriptions of the same
 * identity are purged on the way. */
int store_subscription_put(struct hss_store *store, const struct store_subscription *sub);
/* Remove one; 0 also when it did not exist. */
int store_subscription_delete(struct hss_store *store, const struct store_subscription *sub);
/* Add (subscribe 1, as store_subscription_put) or remove (0) the n subscriptions in one write
 * transaction: all of them, or none when one fails (its error is returned). */
int store_subscriptions_apply(struct hss_store *store, const struct store_subscription *subs, size_t n,
			      int subscribe);
/* Remove every subscription of an AS for one public identity (PNA 5001). */
int store_subscription_delete_as(struct hss_store *store, const char *impu, const char *as_host);

/* Call fn for each subscription to (impu, data_reference, service_indication) that has not
 * expired at 'now' (service_indication NULL: any). fn returns 0 to go on. */
int store_subscription_each(struct hss_store *store, const char *impu, int data_reference,
			    const char *service_indication, time_t now,
			    int (*fn)(const struct store_subscription *sub, void *arg), void *arg);
/* Call fn for every subscription of impu (NULL: of every identity), expired ones included, in key
 * order. fn is called outside any transaction (here and in store_subscription_each): it may call
 * the store. */
int store_subscription_list(struct hss_store *store, const char *impu,
			    int (*fn)(const struct store_subscription *sub, void *arg), void *arg);

/* ---- change log ----------------------------------------------------------------------------- */

/* What is logged: store_repdata_apply logs each successful update (Data-Reference 0);
 * store_subscriber_put/_set/_delete and store_import log, for each public identity the subscriber
 * had before, one entry per Data-Reference whose data changed (10 impus, 11 ims_user_state,
 * 12 scscf_name, 13 ifcs, 16 charging, 17 msisdns, 18 psi_activation of that identity, 19 dsai,
 * 32 imsi); identities new in the transaction get none (nobody can be subscribed to them yet).
 *
 * Deletion ("deleted" = 1): the repository data, or the public identity, no longer exists. The same
 * transaction removed the subscriptions to it (TS 29.328: notify, then remove the subscriptions)
 * and kept them with the change: store_change_subscriptions gives them until the change is
 * trimmed. An identity that goes away gets a deleted entry for each Data-Reference it had data or
 * subscriptions for, and one for each of its repository data, all with identity_deleted.
 *
 * The notifier's loop: n = store_changes_since(cursor, ...); for each change,
 * store_change_subscriptions(change, now, send_pnr) and send; then store_changes_trim(last seq
 * sent). The log is the outbox: at start-up, store_changes_since(0) gives what was not trimmed. */
struct store_change {
	uint64_t seq;
	char impu[256];               /* each public identity of the subscriber gets its own entry */
	int data_reference;
	char service_indication[256]; /* for repository data */
	uint32_t sequence_number;     /* repository data: its Sequence-Number after the change */
	int deleted;                  /* 1: the data or the identity is gone (see above) */
	int identity_deleted;         /* 1: the public identity is gone (its subscriber deleted, or the
	                               * identity taken from it), whatever the store holds now */
};

/* Changes with seq > after, oldest first, at most max; *count receives how many. */
int store_changes_since(struct hss_store *store, uint64_t after, struct store_change *out, size_t max,
			size_t *count);
/* The subscriptions to notify of one change, not expired at 'now': for a deletion, the ones
 * removed with the data; otherwise, as store_subscription_each(impu, data_reference,
 * service_indication or NULL when ""). ENOENT when a deleted change has been trimmed. */
int store_change_subscriptions(struct hss_store *store, const struct store_change *change, time_t now,
			       int (*fn)(const struct store_subscription *sub, void *arg), void *arg);
/* Drop changes up to seq (they have been notified). */
int store_changes_trim(struct hss_store *store, uint64_t up_to);
/* The newest seq ever given (0 when nothing was ever logged); it survives trimming. */
int store_changes_last(struct hss_store *store, uint64_t *seq);

/* ---- whole-store JSON ----------------------------------------------------------------------- */

/* {"subscribers": [...], "repository_data": [...], "as_permissions": [...], "subscriptions": [...]}
 * Export then import gives the same store (the change log is not exported). Import adds or
 * replaces records (same IMPI, same keys) and keeps the others; it is one transaction: all or
 * nothing; on EINVAL (or EEXIST: an identity of another subscriber), err holds the JSON path and
 * reason of the first error. progress (may be NULL) is called every 'every' records with the
 * count done so far (it starts again from 0 if the map had to grow). */
int store_export(struct hss_store *store, json_t **document);
/* The JSON forms of the records of those sections (new references, NULL when out of memory). */
json_t *store_repdata_json(const char *impu, const char *service_indication, const struct store_repdata *data);
json_t *store_permission_json(const char *as_host, int data_reference, uint32_t ops);
json_t *store_subscription_json(const struct store_subscription *sub);
int store_import(struct hss_store *store, json_t *document, char *err, size_t errlen,
		 void (*progress)(size_t done, void *arg), size_t every, void *arg);

#endif
