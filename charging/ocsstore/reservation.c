/* The reservations of an account: one record per (session, service), their sum kept in the
 * account record, and an index by expiry time so that the expired ones are found (and purged)
 * without reading the others. A record and its index entry are always written and deleted
 * together. */
#include <string.h>

#include "store_int.h"

/* The expiry index key: account \0, u64 expiry big-endian, then what follows the account in the
 * reservation key (session \0 kind id). */
static size_t expiry_key(const MDB_val *reservation, size_t account_len, int64_t expiry, unsigned char *key)
{
	size_t tail = reservation->mv_size - account_len;

	memcpy(key, reservation->mv_data, account_len);
	for (int i = 0; i < 8; i++)
		key[account_len + i] = (unsigned char)((uint64_t)expiry >> (56 - 8 * i));
	memcpy(key + account_len + 8, (const unsigned char *)reservation->mv_data + account_len, tail);
	return account_len + 8 + tail;
}

/* Delete a reservation's index entry (the record itself is the caller's). */
static int unindex(struct ocs_store *s, MDB_txn *txn, const MDB_val *reservation, size_t account_len,
		   const struct reservation_rec *r)
{
	unsigned char key[KEY_MAX];
	MDB_val k;
	int rc;

	if (!r->expiry)
		return 0;
	k = mval(key, expiry_key(reservation, account_len, r->expiry, key));
	rc = mdb_del(txn, s->dbi[DB_EXPIRIES], &k, NULL);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int read_rec(const MDB_val *v, struct reservation_rec *r)
{
	if (v->mv_size != sizeof *r)
		return MDB_CORRUPTED;
	memcpy(r, v->mv_data, sizeof *r);
	return 0;
}

int ocs_reservation_put(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, const char *session,
			const struct ocs_service_key *service, const struct reservation_rec *r)
{
	unsigned char key[KEY_MAX], index[KEY_MAX];
	MDB_val k = mval(key, ocs_reservation_key(id, session, service, key)), v = mval(r, sizeof *r), none = mval("", 0);
	int rc = mdb_put(txn, s->dbi[DB_RESERVATIONS], &k, &v, 0);

	if (rc || !r->expiry)
		return rc;
	v = mval(index, expiry_key(&k, ocs_reservation_prefix(id, NULL, index), r->expiry, index));
	return mdb_put(txn, s->dbi[DB_EXPIRIES], &v, &none, 0);
}

int ocs_reservation_take(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, const char *session,
			 const struct ocs_service_key *service, uint64_t *amount)
{
	unsigned char key[KEY_MAX], prefix[KEY_MAX];
	MDB_val k = mval(key, ocs_reservation_key(id, session, service, key)), v;
	struct reservation_rec r;
	int rc = mdb_get(txn, s->dbi[DB_RESERVATIONS], &k, &v);

	*amount = 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc || (rc = read_rec(&v, &r)) || (rc = unindex(s, txn, &k, ocs_reservation_prefix(id, NULL, prefix), &r)))
		return rc;
	*amount = r.amount;
	return mdb_del(txn, s->dbi[DB_RESERVATIONS], &k, NULL);
}

struct take {
	struct ocs_store *store;
	MDB_txn *txn;
	size_t account_len;
	time_t now;
	uint64_t amount;
};

static int take_entry(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct take *t = arg;
	struct reservation_rec r;
	int rc = read_rec(val, &r);

	if (rc || (rc = unindex(t->store, t->txn, key, t->account_len, &r)))
		return rc;
	t->amount += r.amount;
	return mdb_cursor_del(c, 0);
}

int ocs_reservations_take_session(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id,
				  const char *session, uint64_t *amount)
{
	unsigned char prefix[KEY_MAX];
	struct take t = { s, txn, ocs_reservation_prefix(id, NULL, prefix), 0, 0 };
	int rc = ocs_db_each_prefix(txn, s->dbi[DB_RESERVATIONS], prefix, ocs_reservation_prefix(id, session, prefix),
				    take_entry, &t);

	*amount = t.amount;
	return rc;
}

/* The expiry of an index entry, and the reservation key it stands for (into key). */
static int64_t index_entry(const MDB_val *index, size_t account_len, unsigned char *key, MDB_val *reservation)
{
	const unsigned char *p = (const unsigned char *)index->mv_data + account_len;
	uint64_t at = 0;

	for (int i = 0; i < 8; i++)
		at = at << 8 | p[i];
	memcpy(key, index->mv_data, account_len);
	memcpy(key + account_len, p + 8, index->mv_size - account_len - 8);
	*reservation = mval(key, index->mv_size - 8);
	return (int64_t)at;
}

/* For each index entry expired at now (they come first), add its amount; purging, delete it and
 * its reservation. Stops at the first one still held. */
static int expired_entry(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg, int purge)
{
	struct take *t = arg;
	unsigned char rkey[KEY_MAX];
	struct reservation_rec r;
	MDB_val reservation, v;
	int rc;

	(void)val;
	if (key->mv_size <= t->account_len + 8)
		return MDB_CORRUPTED;
	if (index_entry(key, t->account_len, rkey, &reservation) > (int64_t)t->now)
		return MDB_NOTFOUND; /* the rest are held: stop */
	rc = mdb_get(t->txn, t->store->dbi[DB_RESERVATIONS], &reservation, &v);
	if (rc || (rc = read_rec(&v, &r)))
		return rc;
	t->amount += r.amount;
	if (!purge)
		return 0;
	if ((rc = mdb_del(t->txn, t->store->dbi[DB_RESERVATIONS], &reservation, NULL)))
		return rc;
	return mdb_cursor_del(c, 0);
}

static int purge_entry(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	return expired_entry(c, key, val, arg, 1);
}

static int count_entry(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	return expired_entry(c, key, val, arg, 0);
}

int ocs_reservations_expired(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, time_t now,
			     int purge, uint64_t *amount)
{
	unsigned char prefix[KEY_MAX];
	struct take t = { s, txn, ocs_reservation_prefix(id, NULL, prefix), now, 0 };
	int rc = t.account_len ? ocs_db_each_prefix(txn, s->dbi[DB_EXPIRIES], prefix, t.account_len,
						   purge ? purge_entry : count_entry, &t)
			       : MDB_NOTFOUND;

	*amount = t.amount;
	return rc;
}
