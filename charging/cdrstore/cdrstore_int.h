/* Inside the CDR store: the LMDB handles, the named databases and the encodings of keys and
 * values (docs/cdf-store.md). Internal functions return 0, an errno code or an LMDB code; the
 * public ones turn LMDB codes into errno codes (cdr_errno). */
#ifndef CDRSTORE_INT_H
#define CDRSTORE_INT_H

#include <lmdb.h>
#include "lmdb_dir.h"
#include "cdrstore.h"

enum cdr_db {
	CDB_RECORDS,  /* u64 id -> record (codec.c) */
	CDB_BY_SESSION, /* Session-Id \0 u32 record number -> u64 id */
	CDB_SESSIONS, /* Session-Id -> sequence state (codec.c) */
	CDB_BY_TIME,  /* i64 event time, u64 id -> "" */
	CDB_BY_USER,  /* user \0 u64 id -> "" (User-Name and Subscription-Id-Data) */
	CDB_META,     /* "version" -> u32, "next_id" -> u64, "duplicates" -> u64 */
	CDB_COUNT
};

struct cdr_store {
	MDB_env *env;
	MDB_dbi dbi[CDB_COUNT];
};

/* Big-endian integers, so that keys sort by number. */
void put_be32(uint8_t *p, uint32_t v);
void put_be64(uint8_t *p, uint64_t v);
uint32_t get_be32(const uint8_t *p);
uint64_t get_be64(const uint8_t *p);

/* Keys (key buffers of CDR_KEY_MAX bytes); each returns the key's length. */
#define CDR_KEY_MAX (CDR_MAX_ID_LEN + 16)
size_t key_by_session(uint8_t *key, const char *session_id, uint32_t number);
size_t key_by_user(uint8_t *key, const char *user, uint64_t id);
size_t key_by_time(uint8_t *key, int64_t t, uint64_t id);

/* A record's value: malloc'ed bytes in *out (free them), ENOMEM. */
int record_encode(const struct cdr_record *r, void **out, size_t *len);
/* Read a stored value into a view pointing into it; EIO when it is damaged. */
int record_decode(const void *data, size_t len, uint64_t id, struct cdr_view *v);

/* Session state values: 16 bytes. */
#define SESSION_STATE_LEN 16
void session_encode(uint8_t *out, const struct cdr_session *s);
int session_decode(const void *data, size_t len, struct cdr_session *s);

static inline MDB_val mval(const void *p, size_t n)
{
	MDB_val v = { n, (void *)p };
	return v;
}

#endif
