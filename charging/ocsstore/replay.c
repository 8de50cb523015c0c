/* The processed requests: each one's answer under (Session-Id, CC-Request-Number), so that a
 * retransmission changes nothing twice and gets the same answer; and an index by the time they
 * were processed, to forget them after the replay memory. */
#include <string.h>

#include "store_int.h"

static void answer_to_record(const struct ocs_ccr *c, struct answer_rec *r)
{
	memset(r, 0, sizeof *r);
	r->processed_at = (int64_t)c->now;
	r->result = c->result;
	r->balance_check = c->balance_check;
	r->has_cost = (uint32_t)c->has_cost;
	r->cost = c->cost;
	r->currency = c->currency;
	r->n_services = (uint32_t)c->n_services;
	for (size_t i = 0; i < c->n_services; i++) {
		r->services[i].result = c->services[i].result;
		r->services[i].validity = c->services[i].validity;
		r->services[i].granted = c->services[i].granted;
	}
}

static void record_to_answer(const struct answer_rec *r, struct ocs_ccr *c)
{
	c->result = r->result;
	c->balance_check = (enum ocs_balance_check)r->balance_check;
	c->has_cost = (int)r->has_cost;
	c->cost = r->cost;
	c->currency = r->currency;
	for (size_t i = 0; i < c->n_services && i < r->n_services; i++) {
		c->services[i].result = r->services[i].result;
		c->services[i].validity = r->services[i].validity;
		c->services[i].granted = r->services[i].granted;
	}
	c->replayed = 1;
}

int ocs_replay_find(struct ocs_store *s, MDB_txn *txn, struct ocs_ccr *c, int *found)
{
	unsigned char key[KEY_MAX];
	MDB_val k = mval(key, ocs_request_key(c->session_id, c->number, key)), v;
	struct answer_rec rec;
	int rc = mdb_get(txn, s->dbi[DB_REQUESTS], &k, &v);

	*found = 0;
	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc == 0 && v.mv_size != sizeof rec)
		rc = MDB_CORRUPTED;
	if (rc)
		return rc;
	memcpy(&rec, v.mv_data, sizeof rec);
	record_to_answer(&rec, c);
	*found = 1;
	return 0;
}

int ocs_replay_remember(struct ocs_store *s, MDB_txn *txn, const struct ocs_ccr *c)
{
	unsigned char key[8 + KEY_MAX];
	uint64_t at = c->now > 0 ? (uint64_t)c->now : 0;
	size_t n = ocs_request_key(c->session_id, c->number, key + 8);
	struct answer_rec rec;
	MDB_val k = mval(key + 8, n), v = mval(&rec, sizeof rec), none = mval("", 0);
	int rc;

	answer_to_record(c, &rec);
	if ((rc = mdb_put(txn, s->dbi[DB_REQUESTS], &k, &v, 0)))
		return rc;
	for (int i = 0; i < 8; i++)
		key[i] = (unsigned char)(at >> (56 - 8 * i));
	k = mval(key, 8 + n);
	return mdb_put(txn, s->dbi[DB_REQUEST_TIMES], &k, &none, 0);
}

int ocs_replay_forget(struct ocs_store *s, MDB_txn *txn, time_t before, size_t limit)
{
	MDB_cursor *c;
	MDB_val k, v;
	int rc = mdb_cursor_open(txn, s->dbi[DB_REQUEST_TIMES], &c);

	if (rc)
		return rc;
	for (rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0 && limit; limit--) {
		const unsigned char *p = k.mv_data;
		uint64_t at = 0;
		MDB_val request;

		if (k.mv_size <= 8) {
			rc = MDB_CORRUPTED;
			break;
		}
		for (int i = 0; i < 8; i++)
			at = at << 8 | p[i];
		if (before < 0 || at >= (uint64_t)before)
			break;
		request = mval(p + 8, k.mv_size - 8);
		rc = mdb_del(txn, s->dbi[DB_REQUESTS], &request, NULL);
		if (rc == 0 || rc == MDB_NOTFOUND)
			rc = mdb_cursor_del(c, 0);
		if (rc == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}
