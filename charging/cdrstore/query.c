/* Reading records: export by session, user or time range, a session's state, statistics. */
#include <errno.h>
#include <string.h>
#include "cdrstore_int.h"

struct export {
	struct cdr_store *st;
	MDB_txn *txn;
	const struct cdr_filter *filter;
	int (*fn)(const struct cdr_view *cdr, void *arg);
	void *arg;
};

static int matches(const struct cdr_view *v, const struct cdr_filter *f)
{
	if (f->session_id && strcmp(v->session_id, f->session_id))
		return 0;
	if (f->user && strcmp(v->user_name, f->user) && strcmp(v->subscription_id, f->user))
		return 0;
	if (f->from && v->event_time < f->from)
		return 0;
	return !f->to || v->event_time <= f->to;
}

static int emit(struct export *e, const void *data, size_t len, uint64_t id)
{
	struct cdr_view v;
	int rc = record_decode(data, len, id, &v);

	if (rc)
		return rc;
	return matches(&v, e->filter) ? e->fn(&v, e->arg) : 0;
}

/* Emit the record an index entry points to: its id is the value (by_session) or the key's last
 * 8 bytes (by_user, by_time). */
static int emit_id(struct export *e, const uint8_t *id8)
{
	uint64_t id = get_be64(id8);
	uint8_t key[8];
	MDB_val k, v;
	int rc;

	memcpy(key, id8, 8);
	k = mval(key, 8);
	rc = mdb_get(e->txn, e->st->dbi[CDB_RECORDS], &k, &v);
	if (rc)
		return rc == MDB_NOTFOUND ? EIO : rc;
	return emit(e, v.mv_data, v.mv_size, id);
}

/* Walk db from key start while the key is at most 'last' (NULL: to the end of the prefix plen of
 * start; plen 0: no bound). */
static int walk(struct export *e, enum cdr_db db, const uint8_t *start, size_t slen, size_t plen,
		const uint8_t *last, size_t llen)
{
	MDB_cursor *c;
	MDB_val k = mval(start, slen), v;
	int rc = mdb_cursor_open(e->txn, e->st->dbi[db], &c);

	if (rc)
		return rc;
	rc = mdb_cursor_get(c, &k, &v, slen ? MDB_SET_RANGE : MDB_FIRST);
	for (; rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if (plen && (k.mv_size < plen || memcmp(k.mv_data, start, plen)))
			break;
		if (last) {
			MDB_val l = mval(last, llen);
			if (mdb_cmp(e->txn, e->st->dbi[db], &k, &l) > 0)
				break;
		}
		if (db == CDB_RECORDS)
			rc = k.mv_size == 8 ? emit(e, v.mv_data, v.mv_size, get_be64(k.mv_data)) : EIO;
		else if (db == CDB_BY_SESSION)
			rc = v.mv_size == 8 ? emit_id(e, v.mv_data) : EIO;
		else
			rc = k.mv_size >= 8 ? emit_id(e, (const uint8_t *)k.mv_data + k.mv_size - 8) : EIO;
		if (rc)
			break;
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int export_in(struct export *e)
{
	const struct cdr_filter *f = e->filter;
	uint8_t start[CDR_KEY_MAX], last[16];

	if (f->session_id) {
		if (strlen(f->session_id) > CDR_MAX_ID_LEN)
			return 0;
		size_t n = key_by_session(start, f->session_id, 0);
		return walk(e, CDB_BY_SESSION, start, n, n - 4, NULL, 0);
	}
	if (f->user) {
		if (strlen(f->user) > CDR_MAX_ID_LEN)
			return 0;
		size_t n = key_by_user(start, f->user, 0);
		return walk(e, CDB_BY_USER, start, n, n - 8, NULL, 0);
	}
	if (f->from || f->to) {
		size_t n = key_by_time(start, f->from ? f->from : INT64_MIN, 0);
		key_by_time(last, f->to ? f->to : INT64_MAX, UINT64_MAX);
		return walk(e, CDB_BY_TIME, start, n, 0, last, sizeof last);
	}
	return walk(e, CDB_RECORDS, NULL, 0, 0, NULL, 0);
}

int cdr_store_export(struct cdr_store *st, const struct cdr_filter *filter,
		     int (*fn)(const struct cdr_view *cdr, void *arg), void *arg)
{
	struct export e = { .st = st, .filter = filter, .fn = fn, .arg = arg };
	int rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &e.txn);

	if (rc)
		return lmdb_errno(rc);
	rc = export_in(&e);
	mdb_txn_abort(e.txn);
	return lmdb_errno(rc);
}

int cdr_store_session(struct cdr_store *st, const char *session_id, struct cdr_session *state)
{
	MDB_txn *txn;
	MDB_val k = mval(session_id, strlen(session_id)), v;
	int rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn);

	if (rc)
		return lmdb_errno(rc);
	rc = mdb_get(txn, st->dbi[CDB_SESSIONS], &k, &v);
	if (!rc)
		rc = session_decode(v.mv_data, v.mv_size, state);
	mdb_txn_abort(txn);
	return lmdb_errno(rc);
}

/* Count records by type and mark, and open sessions: one pass over each database. */
static int count(struct cdr_store *st, MDB_txn *txn, struct cdr_stats *out)
{
	MDB_cursor *c;
	MDB_val k, v;
	struct cdr_view view;
	struct cdr_session s;
	int rc = mdb_cursor_open(txn, st->dbi[CDB_RECORDS], &c);

	for (rc = rc ? rc : mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if ((rc = record_decode(v.mv_data, v.mv_size, 0, &view)))
			break;
		out->records++;
		out->by_type[view.record_type < 5 ? view.record_type : 0]++;
		out->out_of_sequence += view.sequence != 0;
	}
	mdb_cursor_close(c);
	if (rc != MDB_NOTFOUND)
		return rc;
	rc = mdb_cursor_open(txn, st->dbi[CDB_SESSIONS], &c);
	for (rc = rc ? rc : mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
		if ((rc = session_decode(v.mv_data, v.mv_size, &s)))
			break;
		out->sessions++;
		out->open_sessions += s.started && !s.stopped;
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int cdr_store_stats(struct cdr_store *st, struct cdr_stats *out)
{
	MDB_txn *txn;
	MDB_envinfo info;
	MDB_stat stat;
	MDB_val k = mval("duplicates", 10), v;
	int rc = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn);

	memset(out, 0, sizeof *out);
	if (rc)
		return lmdb_errno(rc);
	rc = count(st, txn, out);
	if (!rc) {
		int got = mdb_get(txn, st->dbi[CDB_META], &k, &v);
		if (got == 0 && v.mv_size == 8)
			out->duplicates = get_be64(v.mv_data);
		else if (got != MDB_NOTFOUND)
			rc = got ? got : EIO;
	}
	if (!rc && !(rc = mdb_env_info(st->env, &info)) && !(rc = mdb_env_stat(st->env, &stat))) {
		out->map_size = info.me_mapsize;
		out->map_used = (info.me_last_pgno + 1) * (size_t)stat.ms_psize;
	}
	mdb_txn_abort(txn);
	return lmdb_errno(rc);
}
