/* The CDF's store of charging data records (CDRs): one LMDB environment on disk, written by
 * app_cdf.fdx and read by cdf-ctl (docs/cdf-store.md has the layout).
 *
 * Each record is one ACR as it was received: the fields the CDF checks and filters on, the raw
 * encoded ACR (grouped Service-Information kept byte for byte) and a JSON rendering of its AVP tree
 * made by the writer (this library knows nothing of Diameter dictionaries). Records are identified
 * by (Session-Id, Accounting-Record-Number) as RFC 6733 §9.8.3 says: a second record with the same
 * pair is a duplicate, found in one B-tree look-up and never stored twice. Per session the store
 * keeps the sequence state (highest record number, open / closed).
 *
 * cdr_store_append writes many records in one durable transaction (group commit). Functions return
 * 0 or an errno-style code: ENOENT (nothing found), EINVAL (bad input), ENOSPC (the map is full),
 * ENOTSUP (another layout version), EIO and others (storage). Thread-safe (MDB_NOTLS). */
#ifndef CDRSTORE_H
#define CDRSTORE_H

#include <stddef.h>
#include <stdint.h>

struct cdr_store;

/* Accounting-Record-Type values (RFC 6733 §9.8.1). */
enum cdr_record_type { CDR_EVENT = 1, CDR_START = 2, CDR_INTERIM = 3, CDR_STOP = 4 };

/* What the sequence check found about a stored record (bits; 0: in sequence). Such records are
 * stored all the same (charging data is never thrown away) and marked. */
#define CDR_SEQ_NO_START 0x01   /* INTERIM or STOP of a session whose START was never received */
#define CDR_SEQ_LATE 0x02       /* number below the highest already received for the session */
#define CDR_SEQ_AFTER_STOP 0x04 /* received after the session's STOP */
#define CDR_SEQ_RESTART 0x08    /* START or EVENT on a Session-Id that already has records */

/* Longest Session-Id and user identity the indexes take (LMDB keys are at most 511 bytes). */
#define CDR_MAX_ID_LEN 400

struct cdr_record {
	/* in */
	const char *session_id;
	uint32_t record_type; /* enum cdr_record_type */
	uint32_t record_number;
	const char *origin_host;
	const char *user_name;       /* NULL when absent */
	const char *subscription_id; /* Subscription-Id-Data, NULL when absent */
	int64_t event_time;          /* seconds since 1970: Event-Timestamp, or when received */
	int64_t received_ms;         /* ms since 1970 */
	const void *acr;             /* the whole ACR, encoded */
	size_t acr_len;
	const char *json; /* the AVP tree as JSON text */
	size_t json_len;
	/* out, set by cdr_store_append */
	int duplicate;          /* already stored: nothing written */
	uint32_t sequence;      /* CDR_SEQ_* of the stored record (the first one for a duplicate) */
	uint32_t stored_type;   /* record type of the stored record (the first one for a duplicate) */
	uint64_t id;            /* the record's number in the store */
};

/* A stored record as read: the pointers stay valid only during the callback. */
struct cdr_view {
	uint64_t id;
	const char *session_id, *origin_host, *user_name, *subscription_id; /* "" when absent */
	uint32_t record_type, record_number, sequence;
	int64_t event_time, received_ms;
	const uint8_t *acr;
	size_t acr_len;
	const char *json; /* not NUL-terminated */
	size_t json_len;
};

struct cdr_session {
	uint32_t highest_number; /* highest Accounting-Record-Number received */
	uint32_t records;
	int started, stopped;    /* a START / STOP was received */
};

struct cdr_stats {
	uint64_t records, sessions, open_sessions, duplicates;
	uint64_t by_type[5];     /* index: record type */
	uint64_t out_of_sequence; /* records with a CDR_SEQ_* mark */
	size_t map_size, map_used; /* bytes */
};

/* Records wanted by cdr_store_export: every condition given (non-NULL, non-zero) must hold. */
struct cdr_filter {
	const char *session_id;
	const char *user;   /* User-Name or Subscription-Id-Data */
	int64_t from, to;   /* event time, seconds, inclusive; 0: open */
};

/* Open the store in folder dir (create: make the folder and files when missing). map_size is the
 * most the file may grow to, in bytes (0: what the store was created with, or 1 GiB for a new
 * store); a write that does not fit fails with ENOSPC. */
int cdr_store_open(const char *dir, int create, size_t map_size, struct cdr_store **store);
void cdr_store_close(struct cdr_store *store);

/* Store n records in one transaction, committed durably before it returns 0. Each record's out
 * fields say what happened to it. On an error nothing at all is stored. */
int cdr_store_append(struct cdr_store *store, struct cdr_record *records, size_t n);

/* Call fn for each record the filter selects: by record number for a session, in store order
 * otherwise (time ranges in event time order). fn returns 0 to go on; anything else stops the
 * export and is returned. */
int cdr_store_export(struct cdr_store *store, const struct cdr_filter *filter,
		     int (*fn)(const struct cdr_view *cdr, void *arg), void *arg);

/* The sequence state of a session (ENOENT: no record of it). */
int cdr_store_session(struct cdr_store *store, const char *session_id, struct cdr_session *state);

int cdr_store_stats(struct cdr_store *store, struct cdr_stats *stats);

/* "EVENT_RECORD", ... or NULL for a value outside 1..4. */
const char *cdr_record_type_name(uint32_t type);

#endif
