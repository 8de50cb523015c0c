/* Accounts as ocs-ctl sees them: create, credit, show, list. */
#include <errno.h>
#include <string.h>

#include "store_int.h"

static int valid_id(const struct ocs_subscription *id)
{
	return (unsigned)id->type <= OCS_ID_TYPE_MAX && id->data[0] && strlen(id->data) <= OCS_MAX_ID;
}

/* Commit, or abort on an error; an errno code. */
static int txn_end(MDB_txn *txn, int rc)
{
	if (rc == 0)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	return lmdb_errno(rc);
}

static int account_write(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id,
			 const struct account_rec *rec, unsigned flags)
{
	unsigned char key[KEY_MAX];
	MDB_val k = mval(key, ocs_account_key(id, key)), v = mval(rec, sizeof *rec);

	return mdb_put(txn, s->dbi[DB_ACCOUNTS], &k, &v, flags);
}

int ocs_account_create(struct ocs_store *s, const struct ocs_subscription *id, const struct ocs_currency *currency,
		       uint64_t balance)
{
	struct account_rec rec;
	MDB_txn *txn;
	int rc;

	if (!valid_id(id) || balance > INT64_MAX)
		return EINVAL;
	memset(&rec, 0, sizeof rec);
	rec.balance = balance;
	rec.currency = *currency;
	if ((rc = mdb_txn_begin(s->env, NULL, 0, &txn)))
		return lmdb_errno(rc);
	return txn_end(txn, account_write(s, txn, id, &rec, MDB_NOOVERWRITE));
}

int ocs_account_credit(struct ocs_store *s, const struct ocs_subscription *id, int64_t delta, uint64_t *balance)
{
	struct account_rec rec;
	MDB_txn *txn;
	int rc;

	if (!valid_id(id))
		return EINVAL;
	if ((rc = mdb_txn_begin(s->env, NULL, 0, &txn)))
		return lmdb_errno(rc);
	rc = ocs_account_read(s, txn, id, &rec);
	/* the check and the write in one transaction: never below zero, never past int64 */
	if (rc == 0 && ((delta < 0 && (uint64_t)0 - (uint64_t)delta > rec.balance) ||
			(delta > 0 && (uint64_t)delta > INT64_MAX - rec.balance)))
		rc = ERANGE;
	if (rc == 0) {
		rec.balance = delta < 0 ? rec.balance - ((uint64_t)0 - (uint64_t)delta) : rec.balance + (uint64_t)delta;
		rc = account_write(s, txn, id, &rec, 0);
	}
	if (rc == 0 && balance)
		*balance = rec.balance;
	return txn_end(txn, rc);
}

/* The account's figures at now. */
static int account_view(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, time_t now,
			struct ocs_account *out)
{
	struct account_rec rec;
	uint64_t expired = 0;
	int rc = ocs_account_read(s, txn, id, &rec);

	if (rc == 0)
		rc = ocs_reservations_expired(s, txn, id, now, 0, &expired);
	if (rc)
		return rc;
	out->reserved = rec.reserved - expired;
	out->id = *id;
	out->currency = rec.currency;
	out->balance = rec.balance;
	out->available = rec.balance > out->reserved ? rec.balance - out->reserved : 0;
	return 0;
}

struct reservation_walk {
	int (*fn)(const struct ocs_reservation *r, void *arg);
	void *arg;
};

static int call_reservation(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct reservation_walk *w = arg;
	struct ocs_reservation r;
	struct reservation_rec rec;

	(void)c;
	if (val->mv_size != sizeof rec || ocs_reservation_key_parse(key, &r))
		return MDB_CORRUPTED;
	memcpy(&rec, val->mv_data, sizeof rec);
	r.units = rec.units;
	r.amount = rec.amount;
	r.expiry = (time_t)rec.expiry;
	return w->fn(&r, w->arg);
}

int ocs_account_get(struct ocs_store *s, const struct ocs_subscription *id, time_t now, struct ocs_account *out,
		    int (*fn)(const struct ocs_reservation *r, void *arg), void *arg)
{
	unsigned char prefix[KEY_MAX];
	struct reservation_walk w = { fn, arg };
	MDB_txn *txn;
	int rc;

	if (!valid_id(id))
		return EINVAL;
	if ((rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &txn)))
		return lmdb_errno(rc);
	rc = account_view(s, txn, id, now, out);
	if (rc == 0 && fn)
		rc = ocs_db_each_prefix(txn, s->dbi[DB_RESERVATIONS], prefix, ocs_reservation_prefix(id, NULL, prefix),
				    call_reservation, &w);
	mdb_txn_abort(txn);
	return lmdb_errno(rc);
}

struct account_walk {
	struct ocs_store *store;
	MDB_txn *txn;
	time_t now;
	int (*fn)(const struct ocs_account *a, void *arg);
	void *arg;
};

static int call_account(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct account_walk *w = arg;
	struct ocs_subscription id;
	struct ocs_account a;
	int rc;

	(void)c;
	(void)val;
	if (key->mv_size < 2 || key->mv_size > 1 + OCS_MAX_ID)
		return MDB_CORRUPTED;
	id.type = ((const unsigned char *)key->mv_data)[0];
	memcpy(id.data, (const char *)key->mv_data + 1, key->mv_size - 1);
	id.data[key->mv_size - 1] = '\0';
	rc = account_view(w->store, w->txn, &id, w->now, &a);
	return rc ? rc : w->fn(&a, w->arg);
}

int ocs_account_each(struct ocs_store *s, time_t now, int (*fn)(const struct ocs_account *a, void *arg), void *arg)
{
	struct account_walk w = { s, NULL, now, fn, arg };
	int rc;

	if ((rc = mdb_txn_begin(s->env, NULL, MDB_RDONLY, &w.txn)))
		return lmdb_errno(rc);
	rc = ocs_db_each_prefix(w.txn, s->dbi[DB_ACCOUNTS], "", 0, call_account, &w);
	mdb_txn_abort(w.txn);
	return lmdb_errno(rc);
}
