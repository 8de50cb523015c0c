/* Repository data (Data-Reference 0): key impu \0 service-indication, value u32 Sequence-Number
 * then the ServiceData text. Sh-Update rules of TS 29.328 §6.1.2. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

static int names_ok(const char *impu, const char *si)
{
	return impu && *impu && strlen(impu) <= 255 && si && *si && strlen(si) <= 255;
}

static void repdata_key(struct buf *key, const char *impu, const char *si)
{
	buf_str(key, impu);
	buf_add(key, si, strlen(si));
}

int repdata_put(struct wtx *w, const char *impu, const char *si, uint32_t seqnum, const char *data,
		size_t len)
{
	struct buf key = { 0 }, val = { 0 };

	repdata_key(&key, impu, si);
	buf_u32(&val, seqnum);
	buf_add(&val, data, len);
	return db_put(w->txn, w->store->dbi[DB_REPDATA], &key, &val, 0);
}

int repdata_seq(struct wtx *w, const char *impu, const char *si, uint32_t *seq)
{
	struct buf key = { 0 };
	MDB_val v;
	struct rd r;
	int rc;

	repdata_key(&key, impu, si);
	rc = db_get(w->txn, w->store->dbi[DB_REPDATA], &key, &v);
	if (rc == 0) {
		rd_init(&r, v.mv_data, v.mv_size);
		*seq = rd_u32(&r);
		rc = r.bad ? EIO : 0;
	}
	return rc;
}

/* The result of an update of data whose stored Sequence-Number is 'stored' (-1: no data). */
static int update_result(const struct store_repdata_update *u, long stored, size_t max_size)
{
	if (stored >= 0 ? u->sequence_number != (uint32_t)stored % 65535 + 1 : u->sequence_number != 0)
		return STORE_OUT_OF_SYNC;
	if (!u->service_data)
		return stored >= 0 ? 0 : STORE_NOT_ALLOWED;
	return u->service_data_len > max_size ? STORE_TOO_MUCH_DATA : 0;
}

static int write_update(struct wtx *w, const struct store_repdata_update *u)
{
	struct buf key = { 0 };

	if (u->service_data)
		return repdata_put(w, u->impu, u->service_indication, u->sequence_number, u->service_data,
				   u->service_data_len);
	repdata_key(&key, u->impu, u->service_indication);
	return db_del(w->txn, w->store->dbi[DB_REPDATA], &key);
}

/* Apply one update; the return value is a storage error that aborts the whole batch. */
static int apply_one(struct wtx *w, struct store_repdata_update *u, size_t max_size)
{
	MDB_val impu, v;
	uint32_t stored;
	int rc, deleted = !u->service_data;

	u->new_sequence_number = 0;
	u->result = EINVAL;
	if (!names_ok(u->impu, u->service_indication))
		return 0;
	impu = mval(u->impu, strlen(u->impu));
	rc = mdb_get(w->txn, w->store->dbi[DB_IMPU], &impu, &v);
	if (rc == MDB_NOTFOUND)
		u->result = ENOENT;
	if (rc)
		return rc == MDB_NOTFOUND ? 0 : rc;
	rc = repdata_seq(w, u->impu, u->service_indication, &stored);
	if (rc && rc != MDB_NOTFOUND)
		return rc;
	u->result = update_result(u, rc ? -1 : (long)stored, max_size);
	if (u->result)
		return 0;
	rc = write_update(w, u);
	if (rc == 0 && !change_add(w, u->impu, 0, u->service_indication, u->sequence_number,
				   deleted ? CHANGE_DATA_GONE : 0))
		rc = ENOMEM;
	if (rc == 0 && deleted)
		rc = subscriptions_take(w, u->impu, 0, u->service_indication, w->n_changes - 1, CHANGE_DATA_GONE);
	if (rc == 0)
		u->new_sequence_number = u->sequence_number;
	return rc;
}

struct apply_arg {
	struct store_repdata_update *updates;
	size_t count, max_size;
};

/* Apply updates [from, to) all or none, in a transaction nested in the batch's: when one fails,
 * that transaction and the changes it logged are dropped, and the others are marked aborted. */
static int apply_group(struct wtx *w, struct apply_arg *a, size_t from, size_t to)
{
	MDB_txn *batch = w->txn;
	size_t mark = w->n_changes, failed = to;
	int rc = mdb_txn_begin(mdb_txn_env(batch), batch, 0, &w->txn);

	if (rc) {
		w->txn = batch;
		return rc;
	}
	for (size_t i = from; rc == 0 && failed == to && i < to; i++)
		if ((rc = apply_one(w, &a->updates[i], a->max_size)) == 0 && a->updates[i].result)
			failed = i;
	if (rc == 0 && failed == to) {
		rc = mdb_txn_commit(w->txn);
	} else {
		mdb_txn_abort(w->txn);
		changes_drop(w, mark);
		for (size_t i = from; i < to; i++)
			if (i != failed) {
				a->updates[i].result = STORE_ABORTED;
				a->updates[i].new_sequence_number = 0;
			}
	}
	w->txn = batch;
	return rc;
}

static int apply_fn(struct wtx *w, void *arg)
{
	struct apply_arg *a = arg;
	int rc = 0;

	for (size_t i = 0, end; rc == 0 && i < a->count; i = end) {
		for (end = i + 1; end < a->count && a->updates[end].with_previous;)
			end++;
		/* a single update changes nothing when it fails: no nested transaction needed */
		rc = end - i == 1 ? apply_one(w, &a->updates[i], a->max_size) : apply_group(w, a, i, end);
	}
	return rc;
}

int store_repdata_apply(struct hss_store *store, struct store_repdata_update *updates, size_t count,
			size_t max_size)
{
	struct apply_arg a = { updates, count, max_size };
	int rc;

	if (count == 0)
		return 0;
	if (!updates)
		return EINVAL;
	rc = store_write(store, apply_fn, &a);
	for (size_t i = 0; rc && i < count; i++) {
		updates[i].result = rc;
		updates[i].new_sequence_number = 0;
	}
	return rc;
}

struct drop_arg {
	struct wtx *w;
	const char *impu;
	size_t prefix_len;
};

static int drop_fn(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct drop_arg *a = arg;
	struct rd r;
	uint32_t seq;
	char *si = strndup((char *)key->mv_data + a->prefix_len, key->mv_size - a->prefix_len);
	struct pending_change *p;

	rd_init(&r, val->mv_data, val->mv_size);
	seq = rd_u32(&r);
	p = si ? change_add(a->w, a->impu, 0, si, seq % 65535 + 1, CHANGE_IDENTITY_GONE) : NULL;
	free(si);
	return p ? mdb_cursor_del(c, 0) : ENOMEM;
}

int repdata_drop_identity(struct wtx *w, const char *impu)
{
	struct drop_arg a = { w, impu, strlen(impu) + 1 };

	return db_each_prefix(w->txn, w->store->dbi[DB_REPDATA], impu, a.prefix_len, drop_fn, &a);
}

struct each_arg {
	int (*fn)(const char *impu, const char *si, const struct store_repdata *data, void *arg);
	void *arg;
};

static int each_fn(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct each_arg *a = arg;
	const char *impu = key->mv_data;
	size_t impu_len = strnlen(impu, key->mv_size);
	struct store_repdata data = { 0 };
	struct rd r;
	char *si;
	int rc;

	(void)c;
	if (impu_len == key->mv_size)
		return EIO;
	rd_init(&r, val->mv_data, val->mv_size);
	data.sequence_number = rd_u32(&r);
	data.service_data = (char *)val->mv_data + r.off;
	data.service_data_len = val->mv_size - r.off;
	si = strndup(impu + impu_len + 1, key->mv_size - impu_len - 1);
	if (!si)
		return ENOMEM;
	rc = r.bad ? EIO : a->fn(impu, si, &data, a->arg);
	free(si);
	return rc;
}

int repdata_each(struct hss_store *s, MDB_txn *txn,
		 int (*fn)(const char *impu, const char *si, const struct store_repdata *data, void *arg), void *arg)
{
	struct each_arg a = { fn, arg };

	return db_each_prefix(txn, s->dbi[DB_REPDATA], NULL, 0, each_fn, &a);
}

struct get_arg {
	const char *impu, *si;
	struct store_repdata *out;
};

static int copy_fn(const char *impu, const char *si, const struct store_repdata *data, void *arg)
{
	struct store_repdata *out = arg;

	(void)impu;
	(void)si;
	out->service_data = malloc(data->service_data_len + 1);
	if (!out->service_data)
		return ENOMEM;
	memcpy(out->service_data, data->service_data, data->service_data_len);
	out->service_data[data->service_data_len] = 0;
	out->service_data_len = data->service_data_len;
	out->sequence_number = data->sequence_number;
	return 0;
}

static int get_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	struct get_arg *a = arg;
	struct buf key = { 0 };
	struct each_arg each = { copy_fn, a->out };
	MDB_val k, v;
	int rc;

	repdata_key(&key, a->impu, a->si);
	k = mval(key.data, key.len);
	rc = key.failed ? ENOMEM : mdb_get(txn, s->dbi[DB_REPDATA], &k, &v);
	if (rc == 0)
		rc = each_fn(NULL, &k, &v, &each);
	buf_free(&key);
	return rc;
}

int store_repdata_get(struct hss_store *store, const char *impu, const char *service_indication,
		      struct store_repdata *out)
{
	struct get_arg a = { impu, service_indication, out };

	memset(out, 0, sizeof *out);
	if (!names_ok(impu, service_indication))
		return ENOENT;
	return store_read(store, get_fn, &a);
}

void store_repdata_clear(struct store_repdata *data)
{
	free(data->service_data);
	memset(data, 0, sizeof *data);
}
