/* Writing records: duplicate detection, the per-session sequence check, the indexes; many records
 * in one durable transaction. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cdrstore_int.h"

/* A u64 counter of the meta database (0 when absent). */
static int meta_get(MDB_txn *txn, MDB_dbi meta, const char *name, uint64_t *value)
{
	MDB_val k = mval(name, strlen(name)), v;
	int rc = mdb_get(txn, meta, &k, &v);

	*value = 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc == 0 && v.mv_size == 8)
		*value = get_be64(v.mv_data);
	return rc ? rc : v.mv_size == 8 ? 0 : EIO;
}

static int meta_put(MDB_txn *txn, MDB_dbi meta, const char *name, uint64_t value)
{
	uint8_t b[8];
	MDB_val k = mval(name, strlen(name)), v = mval(b, sizeof b);

	put_be64(b, value);
	return mdb_put(txn, meta, &k, &v, 0);
}

static int put_index(MDB_txn *txn, MDB_dbi dbi, const uint8_t *key, size_t klen)
{
	MDB_val k = mval(key, klen), v = mval("", 0);

	return mdb_put(txn, dbi, &k, &v, 0);
}

/* The marks of a new record of session state s (NULL: the session's first record). */
static uint32_t sequence_marks(const struct cdr_session *s, const struct cdr_record *r)
{
	uint32_t marks = 0;

	if (!s)
		return r->record_type == CDR_INTERIM || r->record_type == CDR_STOP ? CDR_SEQ_NO_START : 0;
	if (s->stopped)
		marks |= CDR_SEQ_AFTER_STOP;
	if (r->record_type == CDR_START || r->record_type == CDR_EVENT)
		marks |= CDR_SEQ_RESTART;
	else if (!s->started)
		marks |= CDR_SEQ_NO_START;
	if (r->record_number < s->highest_number)
		marks |= CDR_SEQ_LATE;
	return marks;
}

/* The answer-relevant fields of the record already stored under key (a duplicate). */
static int read_duplicate(struct cdr_store *st, MDB_txn *txn, MDB_val *id_val, struct cdr_record *r)
{
	uint8_t idk[8];
	MDB_val k, v;
	struct cdr_view view;
	int rc;

	if (id_val->mv_size != 8)
		return EIO;
	r->id = get_be64(id_val->mv_data);
	put_be64(idk, r->id);
	k = mval(idk, 8);
	if ((rc = mdb_get(txn, st->dbi[CDB_RECORDS], &k, &v)) || (rc = record_decode(v.mv_data, v.mv_size, r->id, &view)))
		return rc == MDB_NOTFOUND ? EIO : rc;
	r->duplicate = 1;
	r->stored_type = view.record_type;
	r->sequence = view.sequence;
	return 0;
}

static int index_users(struct cdr_store *st, MDB_txn *txn, const struct cdr_record *r)
{
	uint8_t key[CDR_KEY_MAX];
	int rc = 0;

	/* Identities too long for a key are kept in the record, not indexed (docs/cdf-store.md). */
	if (r->user_name && *r->user_name && strlen(r->user_name) <= CDR_MAX_ID_LEN)
		rc = put_index(txn, st->dbi[CDB_BY_USER], key, key_by_user(key, r->user_name, r->id));
	if (!rc && r->subscription_id && *r->subscription_id && strlen(r->subscription_id) <= CDR_MAX_ID_LEN &&
	    !(r->user_name && !strcmp(r->user_name, r->subscription_id)))
		rc = put_index(txn, st->dbi[CDB_BY_USER], key, key_by_user(key, r->subscription_id, r->id));
	return rc;
}

/* Store one record as the next id, or find it is a duplicate. */
static int append_one(struct cdr_store *st, MDB_txn *txn, struct cdr_record *r, uint64_t *next_id, uint64_t *dups)
{
	uint8_t key[CDR_KEY_MAX], state[SESSION_STATE_LEN], idb[8];
	struct cdr_session s = { 0 };
	MDB_val k, v;
	void *value;
	size_t vlen, klen = key_by_session(key, r->session_id, r->record_number);
	int rc, known;

	r->duplicate = 0;
	k = mval(key, klen);
	rc = mdb_get(txn, st->dbi[CDB_BY_SESSION], &k, &v);
	if (rc == 0) {
		(*dups)++;
		return read_duplicate(st, txn, &v, r);
	}
	if (rc != MDB_NOTFOUND)
		return rc;
	r->id = (*next_id)++;
	put_be64(idb, r->id);
	v = mval(idb, 8);
	if ((rc = mdb_put(txn, st->dbi[CDB_BY_SESSION], &k, &v, 0)))
		return rc;

	k = mval(r->session_id, strlen(r->session_id));
	rc = mdb_get(txn, st->dbi[CDB_SESSIONS], &k, &v);
	if (rc && rc != MDB_NOTFOUND)
		return rc;
	known = rc == 0;
	if (known && (rc = session_decode(v.mv_data, v.mv_size, &s)))
		return rc;
	r->sequence = sequence_marks(known ? &s : NULL, r);
	r->stored_type = r->record_type;
	s.records++;
	if (!known || r->record_number > s.highest_number)
		s.highest_number = r->record_number;
	s.started |= r->record_type == CDR_START;
	s.stopped |= r->record_type == CDR_STOP;
	session_encode(state, &s);
	v = mval(state, sizeof state);
	if ((rc = mdb_put(txn, st->dbi[CDB_SESSIONS], &k, &v, 0)))
		return rc;

	if ((rc = record_encode(r, &value, &vlen)))
		return rc;
	k = mval(idb, 8);
	v = mval(value, vlen);
	rc = mdb_put(txn, st->dbi[CDB_RECORDS], &k, &v, MDB_APPEND);
	free(value);
	if (!rc)
		rc = put_index(txn, st->dbi[CDB_BY_TIME], key, key_by_time(key, r->event_time, r->id));
	return rc ? rc : index_users(st, txn, r);
}

static int record_valid(const struct cdr_record *r)
{
	return r->session_id && *r->session_id && strlen(r->session_id) <= CDR_MAX_ID_LEN && r->origin_host &&
	       cdr_record_type_name(r->record_type) && (r->json || !r->json_len) && (r->acr || !r->acr_len);
}

int cdr_store_append(struct cdr_store *st, struct cdr_record *records, size_t n)
{
	MDB_txn *txn;
	MDB_dbi meta = st->dbi[CDB_META];
	uint64_t next_id, dups;
	int rc;

	for (size_t i = 0; i < n; i++)
		if (!record_valid(&records[i]))
			return EINVAL;
	if ((rc = mdb_txn_begin(st->env, NULL, 0, &txn)))
		return lmdb_errno(rc);
	rc = meta_get(txn, meta, "next_id", &next_id);
	if (!rc)
		rc = meta_get(txn, meta, "duplicates", &dups);
	if (!rc && !next_id)
		next_id = 1;
	for (size_t i = 0; !rc && i < n; i++)
		rc = append_one(st, txn, &records[i], &next_id, &dups);
	if (!rc)
		rc = meta_put(txn, meta, "next_id", next_id);
	if (!rc)
		rc = meta_put(txn, meta, "duplicates", dups);
	if (!rc)
		return lmdb_write_errno(st->env, mdb_txn_commit(txn));
	mdb_txn_abort(txn);
	return lmdb_errno(rc);
}
