/* Inside the OCS store: the LMDB handles, keys and records (docs/ocs-store.md). Records are C
 * structs in host byte order, zero-filled before use: the store is a file of one machine. */
#ifndef OCS_STORE_INT_H
#define OCS_STORE_INT_H

#include <lmdb.h>
#include "lmdb_dir.h"
#include "ocsstore.h"

enum ocs_db {
	DB_ACCOUNTS,     /* account key -> struct account_rec */
	DB_RESERVATIONS, /* account key \0 session \0 kind u32-id -> struct reservation_rec */
	DB_EXPIRIES,     /* account key \0 u64 expiry, session \0 kind u32-id -> nothing */
	DB_REQUESTS,     /* session \0 u32 request number -> struct answer_rec */
	DB_REQUEST_TIMES, /* u64 time processed, request key -> nothing: the order to forget them */
	DB_SESSIONS,     /* session -> account key, from INITIAL_REQUEST to TERMINATION_REQUEST */
	DB_META,         /* "version" -> u32 */
	DB_COUNT
};

struct ocs_store {
	MDB_env *env;
	MDB_dbi dbi[DB_COUNT];
	uint32_t replay_memory; /* seconds a processed request is remembered (0: always) */
};

struct account_rec {
	uint64_t balance;
	uint64_t reserved; /* the sum of its reservation records, expired ones not yet purged included */
	struct ocs_currency currency;
};

struct reservation_rec {
	uint64_t units;
	uint64_t amount;
	int64_t expiry; /* 0: held until the session ends */
};

struct answer_rec {
	int64_t processed_at;
	uint32_t result;
	int32_t balance_check;
	uint32_t has_cost;
	uint64_t cost;
	struct ocs_currency currency;
	uint32_t n_services;
	struct {
		uint32_t result;
		uint32_t validity;
		uint64_t granted;
	} services[OCS_MAX_SERVICES];
};

/* Keys: an account's (type byte, then the data), a reservation's (the account's, \0, the
 * session, \0, the kind byte, the id big-endian) and a request's (session, \0, number
 * big-endian). The prefix of an account's reservations is its key and \0; of one session's,
 * that and the session and \0. Their lengths are returned; 0 when they do not fit. */
#define KEY_MAX 511
size_t ocs_account_key(const struct ocs_subscription *id, unsigned char *key);
size_t ocs_reservation_prefix(const struct ocs_subscription *id, const char *session, unsigned char *key);
size_t ocs_reservation_key(const struct ocs_subscription *id, const char *session, const struct ocs_service_key *service,
		       unsigned char *key);
size_t ocs_request_key(const char *session, uint32_t number, unsigned char *key);
/* Read back the parts of a reservation key. */
int ocs_reservation_key_parse(const MDB_val *key, struct ocs_reservation *out);

/* replay.c: the processed requests. Find one (*found 1: its stored answer is in c, replayed);
 * remember one with its answer; forget at most 'limit' of those processed before 'before'. */
int ocs_replay_find(struct ocs_store *s, MDB_txn *txn, struct ocs_ccr *c, int *found);
int ocs_replay_remember(struct ocs_store *s, MDB_txn *txn, const struct ocs_ccr *c);
int ocs_replay_forget(struct ocs_store *s, MDB_txn *txn, time_t before, size_t limit);


static inline MDB_val mval(const void *p, size_t n)
{
	MDB_val v = { n, (void *)p };
	return v;
}

/* Call fn for each record whose key starts with prefix (fn may delete it through the cursor);
 * fn returns 0 to go on. */
int ocs_db_each_prefix(MDB_txn *txn, MDB_dbi dbi, const void *prefix, size_t plen,
		   int (*fn)(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg), void *arg);
/* Read the account record (MDB_NOTFOUND when none). */
int ocs_account_read(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, struct account_rec *rec);

/* reservation.c: a reservation written or deleted with its expiry index entry. Take: delete the
 * session's reservation of a service (*amount 0 when there was none), or all of the session's.
 * Expired: the sum of the account's reservations expired at now, deleted when purge. */
int ocs_reservation_put(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, const char *session,
			const struct ocs_service_key *service, const struct reservation_rec *r);
int ocs_reservation_take(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, const char *session,
			 const struct ocs_service_key *service, uint64_t *amount);
int ocs_reservations_take_session(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id,
				  const char *session, uint64_t *amount);
int ocs_reservations_expired(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, time_t now,
			     int purge, uint64_t *amount);

#endif
