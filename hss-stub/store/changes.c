/* The change log (store.h says what is logged and how the notifier uses it). A write transaction
 * queues its changes; store_write numbers them from the counter in the meta database and writes
 * them just before the commit, so numbers increase across processes (LMDB has one writer).
 *
 * Record: key u64 seq; value u16 Data-Reference, u8 CHANGE_* flags, u32 Sequence-Number, impu \0,
 * service-indication \0, then for a deletion the subscriptions removed with it, each as
 * as-host \0 and a subscription body (subscription.c), without the selectors of the subscription
 * record: a PNR about a deletion shows none of the data they select. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

#define SEQ_KEY "change_seq"

/* The Data-References of subscriber data, and where their data is in a document. */
static const struct {
	int dr;
	const char *member;
} subscriber_drs[] = {
	{ 10, "impus" }, { 11, "ims_user_state" }, { 12, "scscf_name" }, { 13, "ifcs" }, { 16, "charging" },
	{ 17, "msisdns" }, { 18, "psi_activation" }, { 19, "dsai" }, { 32, "imsi" },
};

struct pending_change *change_add(struct wtx *w, const char *impu, int dr, const char *si, uint32_t seqnum,
				  int gone)
{
	struct pending_change *p;

	if (array_grow(&w->changes, &w->cap_changes, w->n_changes, sizeof *p))
		return NULL;
	p = &w->changes[w->n_changes];
	memset(p, 0, sizeof *p);
	p->impu = strdup(impu);
	p->si = strdup(si);
	if (!p->impu || !p->si) {
		free(p->impu);
		free(p->si);
		return NULL;
	}
	p->dr = dr;
	p->seqnum = seqnum;
	p->gone = gone;
	w->n_changes++;
	return p;
}

struct pending_change *change_find(struct wtx *w, size_t from, const char *impu, int dr, const char *si)
{
	for (size_t i = from; i < w->n_changes; i++) {
		struct pending_change *p = &w->changes[i];

		if (p->dr == dr && strcmp(p->impu, impu) == 0 && strcmp(p->si, si) == 0)
			return p;
	}
	return NULL;
}

void changes_drop(struct wtx *w, size_t from)
{
	for (size_t i = from; i < w->n_changes; i++) {
		free(w->changes[i].impu);
		free(w->changes[i].si);
		buf_free(&w->changes[i].subs);
	}
	w->n_changes = from;
}

void changes_free(struct wtx *w)
{
	changes_drop(w, 0);
	free(w->changes);
	w->changes = NULL;
	w->n_changes = w->cap_changes = 0;
}

static json_t *dr_data(json_t *doc, const char *impu, size_t i)
{
	json_t *data = json_object_get(doc, subscriber_drs[i].member);

	return subscriber_drs[i].dr == 18 ? json_object_get(data, impu) : data;
}

static int has_impu(json_t *doc, const char *impu)
{
	json_t *elem;
	size_t i;

	json_array_foreach(json_object_get(doc, "impus"), i, elem)
		if (strcmp(json_string_value(json_object_get(elem, "uri")), impu) == 0)
			return 1;
	return 0;
}

int changes_subscriber(struct wtx *w, json_t *old, json_t *new)
{
	json_t *elem;
	size_t i;

	json_array_foreach(json_object_get(old, "impus"), i, elem) {
		const char *impu = json_string_value(json_object_get(elem, "uri"));
		int gone = has_impu(new, impu) ? 0 : CHANGE_IDENTITY_GONE;
		size_t from = w->n_changes;
		int rc = 0;

		for (size_t d = 0; d < sizeof subscriber_drs / sizeof *subscriber_drs; d++) {
			json_t *before = dr_data(old, impu, d), *after = gone ? NULL : dr_data(new, impu, d);

			if (before == after || (before && after && json_equal(before, after)))
				continue;
			if (!change_add(w, impu, subscriber_drs[d].dr, "", 0, gone))
				return ENOMEM;
		}
		if (gone)
			rc = repdata_drop_identity(w, impu);
		if (gone && rc == 0)
			rc = subscriptions_take(w, impu, -1, NULL, from, CHANGE_IDENTITY_GONE);
		if (rc)
			return rc;
	}
	return 0;
}

static int put_change(struct wtx *w, uint64_t seq, const struct pending_change *p)
{
	struct buf key = { 0 }, val = { 0 };

	buf_u64(&key, seq);
	buf_u16(&val, (unsigned)p->dr);
	buf_u8(&val, (unsigned)p->gone);
	buf_u32(&val, p->seqnum);
	buf_str(&val, p->impu);
	buf_str(&val, p->si);
	buf_add(&val, p->subs.data, p->subs.len);
	val.failed |= p->subs.failed;
	return db_put(w->txn, w->store->dbi[DB_CHANGES], &key, &val, MDB_APPEND);
}

int changes_flush(struct wtx *w)
{
	uint64_t seq;
	int rc;

	if (w->n_changes == 0)
		return 0;
	rc = meta_read(w->store, w->txn, SEQ_KEY, 8, &seq);
	for (size_t i = 0; rc == 0 && i < w->n_changes; i++)
		rc = put_change(w, ++seq, &w->changes[i]);
	return rc ? rc : meta_write(w->store, w->txn, SEQ_KEY, 8, seq);
}

/* Decode a record; r is left on the subscriptions of a deletion. */
static int decode_change(const MDB_val *key, const MDB_val *val, struct store_change *c, struct rd *r)
{
	struct rd k;
	int gone;

	memset(c, 0, sizeof *c);
	rd_init(&k, key->mv_data, key->mv_size);
	c->seq = rd_u64(&k);
	rd_init(r, val->mv_data, val->mv_size);
	c->data_reference = (int)rd_u16(r);
	gone = (int)rd_u8(r);
	c->deleted = (gone & CHANGE_DATA_GONE) != 0;
	/* before the identity flag, the deletion of anything but repository data was an identity's */
	c->identity_deleted = (gone & CHANGE_IDENTITY_GONE) == CHANGE_IDENTITY_GONE ||
			      (c->deleted && c->data_reference != 0);
	c->sequence_number = rd_u32(r);
	rd_strcpy(r, c->impu, sizeof c->impu);
	rd_strcpy(r, c->service_indication, sizeof c->service_indication);
	return k.bad || r->bad ? EIO : 0;
}

struct since_arg {
	uint64_t after;
	struct store_change *out;
	size_t max, *count;
};

static int since_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	struct since_arg *a = arg;
	struct buf b = { 0 };
	MDB_cursor *c;
	MDB_val key, val;
	struct rd r;
	int rc;

	*a->count = 0;
	if (a->max == 0 || a->after == UINT64_MAX)
		return 0;
	buf_u64(&b, a->after + 1);
	key = mval(b.data, b.len);
	rc = b.failed ? ENOMEM : mdb_cursor_open(txn, s->dbi[DB_CHANGES], &c);
	if (rc == 0) {
		rc = mdb_cursor_get(c, &key, &val, MDB_SET_RANGE);
		while (rc == 0 && *a->count < a->max) {
			rc = decode_change(&key, &val, &a->out[*a->count], &r);
			if (rc == 0) {
				++*a->count;
				rc = mdb_cursor_get(c, &key, &val, MDB_NEXT);
			}
		}
		mdb_cursor_close(c);
	}
	buf_free(&b);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int store_changes_since(struct hss_store *store, uint64_t after, struct store_change *out, size_t max,
			size_t *count)
{
	struct since_arg a = { after, out, max, count };

	return store_read(store, since_fn, &a);
}

struct removed_arg {
	const struct store_change *change;
	struct sub_list *list;
};

/* The subscriptions kept with a deletion. */
static int removed_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	struct removed_arg *a = arg;
	struct store_change c;
	struct store_subscription sub;
	struct buf b = { 0 };
	MDB_val key, val;
	struct rd r;
	int rc;

	buf_u64(&b, a->change->seq);
	key = mval(b.data, b.len);
	rc = b.failed ? ENOMEM : mdb_get(txn, s->dbi[DB_CHANGES], &key, &val);
	if (rc == 0)
		rc = decode_change(&key, &val, &c, &r);
	while (rc == 0 && r.off < r.len) {
		memset(&sub, 0, sizeof sub);
		memcpy(sub.impu, c.impu, sizeof sub.impu);
		memcpy(sub.service_indication, c.service_indication, sizeof sub.service_indication);
		sub.data_reference = c.data_reference;
		rd_strcpy(&r, sub.as_host, sizeof sub.as_host);
		rc = subscription_read_body(&r, &sub);
		if (rc == 0)
			rc = sub_list_add(a->list, &sub);
	}
	buf_free(&b);
	return rc;
}

int store_change_subscriptions(struct hss_store *store, const struct store_change *change, time_t now,
			       int (*fn)(const struct store_subscription *sub, void *arg), void *arg)
{
	struct sub_list list = { 0 };
	struct removed_arg a = { change, &list };
	int rc;

	if (!change->deleted)
		return store_subscription_each(store, change->impu, change->data_reference,
					       change->service_indication[0] ? change->service_indication : NULL,
					       now, fn, arg);
	rc = store_read(store, removed_fn, &a);
	return sub_list_call(&list, rc, now, fn, arg);
}

static int trim_fn(struct wtx *w, void *arg)
{
	uint64_t up_to = *(uint64_t *)arg;
	MDB_cursor *c;
	MDB_val key, val;
	int rc = mdb_cursor_open(w->txn, w->store->dbi[DB_CHANGES], &c);

	if (rc)
		return rc;
	while ((rc = mdb_cursor_get(c, &key, &val, MDB_FIRST)) == 0) {
		struct rd r;

		rd_init(&r, key.mv_data, key.mv_size);
		if (rd_u64(&r) > up_to)
			break;
		rc = mdb_cursor_del(c, 0);
		if (rc)
			break;
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int store_changes_trim(struct hss_store *store, uint64_t up_to)
{
	return store_write(store, trim_fn, &up_to);
}

static int last_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	return meta_read(s, txn, SEQ_KEY, 8, arg);
}

int store_changes_last(struct hss_store *store, uint64_t *seq)
{
	return store_read(store, last_fn, seq);
}
