/* Inside the store: the LMDB handles, the transaction wrappers, the encodings of keys and values
 * and what each file offers the others. Internal functions return 0, an errno code or an LMDB
 * code (negative); the public functions turn LMDB codes into errno codes (store_errno). */
#ifndef STORE_INT_H
#define STORE_INT_H

#include <lmdb.h>
#include "lmdb_dir.h"
#include <pthread.h>
#include "store.h"

enum store_db {
	DB_SUBSCRIBERS,   /* IMPI -> subscriber document (compact JSON) */
	DB_IMPU,          /* public identity -> IMPI */
	DB_MSISDN,        /* MSISDN digits -> IMPI */
	DB_IMSI,          /* IMSI digits -> IMPI */
	DB_ROUTING,       /* IMPI -> routing record (routing.c) */
	DB_REPDATA,       /* impu \0 service-indication -> u32 sequence number, service data */
	DB_SUBSCRIPTIONS, /* impu \0 u16 DR service-indication \0 as-host -> subscription body */
	DB_PERMISSIONS,   /* as-host \0 u16 DR -> u32 operations */
	DB_CHANGES,       /* u64 seq -> change (changes.c) */
	DB_META,          /* "version" -> u32, "change_seq" -> u64 */
	DB_COUNT
};

struct hss_store {
	MDB_env *env;
	MDB_dbi dbi[DB_COUNT];
	/* Held shared by every transaction of this process, exclusive to change the map size
	 * (LMDB allows that only while the process has no transaction). */
	pthread_rwlock_t map_lock;
};

/* Growable byte buffer; 'failed' is set when memory ran out (the bytes are then incomplete). */
struct buf {
	char *data;
	size_t len, cap;
	int failed;
};

void buf_add(struct buf *b, const void *p, size_t n);
void buf_u8(struct buf *b, unsigned v);
void buf_u16(struct buf *b, unsigned v);
void buf_u32(struct buf *b, uint32_t v);
void buf_u64(struct buf *b, uint64_t v);
void buf_str(struct buf *b, const char *s); /* with its NUL */
void buf_free(struct buf *b);
/* Make room for element n of *array (a pointer to the array's pointer), of *cap elements of size
 * bytes; ENOMEM when out of memory. */
int array_grow(void *array, size_t *cap, size_t n, size_t size);

/* Reader over an encoded value; 'bad' is set when it runs past the end. */
struct rd {
	const unsigned char *p;
	size_t len, off;
	int bad;
};

void rd_init(struct rd *r, const void *p, size_t len);
unsigned rd_u8(struct rd *r);
unsigned rd_u16(struct rd *r);
uint32_t rd_u32(struct rd *r);
uint64_t rd_u64(struct rd *r);
/* A NUL-terminated string in place ("" and bad when there is none). */
const char *rd_str(struct rd *r);
/* Copy a string of the value into a fixed array (bad when too long). */
void rd_strcpy(struct rd *r, char *dst, size_t size);

/* What a change took away: its flags in the log (a byte). A change of an identity that went away
 * carries both: the notifier names the identity in DeletedIdentities without looking it up, since
 * by the time it runs a subscriber may have been given that identity again. */
#define CHANGE_DATA_GONE 1
#define CHANGE_IDENTITY_GONE (CHANGE_DATA_GONE | 2)

/* A change queued by a write transaction, written to the log just before the commit. */
struct pending_change {
	char *impu, *si;
	int dr, gone; /* CHANGE_* flags, 0: changed */
	uint32_t seqnum;
	struct buf subs; /* subscriptions removed with deleted data: as_host \0 subscription body */
};

struct wtx {
	struct hss_store *store;
	MDB_txn *txn;
	struct pending_change *changes;
	size_t n_changes, cap_changes;
};

/* Run fn in a write transaction and commit it with the queued changes; abort on any error. Grows
 * the map and runs fn again on MDB_MAP_FULL, so fn must compute its outputs from scratch. */
int store_write(struct hss_store *s, int (*fn)(struct wtx *w, void *arg), void *arg);
/* Run fn in a read transaction. */
int store_read(struct hss_store *s, int (*fn)(struct hss_store *s, MDB_txn *txn, void *arg), void *arg);

static inline MDB_val mval(const void *p, size_t n)
{
	MDB_val v = { n, (void *)p };
	return v;
}

/* Call fn for each record whose key starts with prefix, with the cursor on it (fn may delete it
 * with mdb_cursor_del). fn returns 0 to go on, anything else stops and is returned. */
int db_each_prefix(MDB_txn *txn, MDB_dbi dbi, const void *prefix, size_t plen,
		   int (*fn)(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg), void *arg);
/* Put, get, delete with a key (and value) built in buffers, which are freed; ENOMEM when one is
 * incomplete. */
int db_put(MDB_txn *txn, MDB_dbi dbi, struct buf *key, struct buf *val, unsigned flags);
int db_get(MDB_txn *txn, MDB_dbi dbi, struct buf *key, MDB_val *val);
int db_del(MDB_txn *txn, MDB_dbi dbi, struct buf *key);

/* The meta database's integers (big-endian, 'bytes' 4 or 8 long): read gives 0 when the record is
 * absent, EIO when it is not such an integer. */
int meta_read(struct hss_store *s, MDB_txn *txn, const char *key, int bytes, uint64_t *value);
int meta_write(struct hss_store *s, MDB_txn *txn, const char *key, int bytes, uint64_t value);

/* validate.c */
int subscriber_validate(json_t *doc, const char *root, char *err, size_t errlen);
/* The whole-store document but its subscribers (subscriber_store validates each). */
int document_validate(json_t *doc, char *err, size_t errlen);
void store_error(char *err, size_t errlen, const char *root, const char *path, const char *reason);

/* index.c: the identities of a document, each with its index and JSON path. fn returns 0 to go on. */
int identities_each(json_t *doc, int (*fn)(enum store_db db, const char *id, const char *path, void *arg),
		    void *arg);
/* Remove the index entries of a document / add them (EEXIST with err when one belongs to another
 * subscriber). */
int index_remove(struct wtx *w, json_t *doc);
int index_add(struct wtx *w, json_t *doc, const char *impi, const char *root, char *err, size_t errlen);
int index_lookup(struct hss_store *s, MDB_txn *txn, enum store_identity kind, const char *id, MDB_val *impi);

/* subscriber.c */
int subscriber_load(struct hss_store *s, MDB_txn *txn, const char *impi, size_t len, json_t **doc);
/* Validate and store a document as store_subscriber_put does; root is the JSON path of doc. */
int subscriber_store(struct wtx *w, json_t *doc, const char *root, char *err, size_t errlen);

/* routing.c: the routing record of a document, written or deleted with it; routing_rebuild makes
 * the records of every subscriber again (migration of a version-1 store). */
int routing_put(struct wtx *w, json_t *doc);
int routing_delete(struct wtx *w, const char *impi);
int routing_rebuild(struct wtx *w);

/* repdata.c */
int repdata_put(struct wtx *w, const char *impu, const char *si, uint32_t seqnum, const char *data,
		size_t len);
/* Delete the repository data of an identity that goes away, logging each deletion. */
int repdata_drop_identity(struct wtx *w, const char *impu);
/* Call fn for each repository data record; data->service_data points into the map (not
 * NUL-terminated). */
int repdata_each(struct hss_store *s, MDB_txn *txn,
		 int (*fn)(const char *impu, const char *si, const struct store_repdata *data, void *arg), void *arg);
/* The stored Sequence-Number of (impu, si) in *seq, MDB_NOTFOUND when there is no data. */
int repdata_seq(struct wtx *w, const char *impu, const char *si, uint32_t *seq);

/* subscription.c */
/* Subscriptions gathered in a transaction, handed to the caller's function after it. */
struct sub_list {
	struct store_subscription *v;
	size_t n, cap;
};

int sub_list_add(struct sub_list *l, const struct store_subscription *sub);
/* When rc is 0, call fn for each subscription not expired at 'now' (0: every one); free the list
 * and return rc, or what fn returned to stop. */
int sub_list_call(struct sub_list *l, int rc, time_t now,
		  int (*fn)(const struct store_subscription *sub, void *arg), void *arg);
/* Call fn (in the transaction) for the subscriptions of impu (NULL: all) to dr (-1: any) and si
 * (NULL: any). */
int subscription_scan(struct hss_store *s, MDB_txn *txn, const char *impu, int dr, const char *si,
		      int (*fn)(const struct store_subscription *sub, void *arg), void *arg);
void subscription_body(struct buf *b, const struct store_subscription *sub);
int subscription_read_body(struct rd *r, struct store_subscription *sub);
/* Remove the subscriptions of impu (to Data-Reference dr, -1: any; to si, NULL: any) and keep the
 * unexpired ones with the deleted change (impu, dr, si) queued at index >= from, queuing it with
 * these CHANGE_* flags when missing. */
int subscriptions_take(struct wtx *w, const char *impu, int dr, const char *si, size_t from, int gone);
/* Remove the subscriptions to dr of every AS that may no longer Subs-Notif it. */
int subscriptions_enforce(struct wtx *w, int dr);
int subscription_store(struct wtx *w, const struct store_subscription *sub);

/* permission.c */
int permission_store(struct wtx *w, const char *as_host, int dr, uint32_t ops);
uint32_t permission_lookup(struct hss_store *s, MDB_txn *txn, const char *as_host, int dr);
int permission_scan(struct hss_store *s, MDB_txn *txn, int (*fn)(const char *as_host, int dr, uint32_t ops, void *arg),
		    void *arg);

/* changes.c */
struct pending_change *change_add(struct wtx *w, const char *impu, int dr, const char *si, uint32_t seqnum,
				  int gone);
struct pending_change *change_find(struct wtx *w, size_t from, const char *impu, int dr, const char *si);
/* Queue the changes between two versions of a subscriber document (old may be NULL, new may be
 * NULL for a deletion), dropping the identities that went away. */
int changes_subscriber(struct wtx *w, json_t *old, json_t *new);
int changes_flush(struct wtx *w);
/* Forget the changes queued from index from on (their nested transaction was aborted). */
void changes_drop(struct wtx *w, size_t from);
void changes_free(struct wtx *w);

/* Data-References the store accepts (TS 29.329 defines 0..35). */
#define STORE_MAX_DR 255

#endif
