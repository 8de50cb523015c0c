/* Subscriptions (Sh-Subs-Notif): key impu \0 u16 Data-Reference service-indication \0 as-host, so
 * that (impu, DR, SI) is a range; value: the body (u64 expiry, u8 one-time, user-name \0), then
 * the selectors (server-name \0, u8 Identity-Set (255: none), u8 count, DSAI-Tags \0). Records
 * written before the selectors end after the body: they have none. The change log keeps bodies
 * only (changes.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

#define MAX_KEY 511 /* LMDB's default key size limit */

/* A key, or a prefix of one: parts after the first absent one (dr < 0, NULL) are left out. */
static int sub_key(struct buf *k, const char *impu, int dr, const char *si, const char *as_host)
{
	if (impu)
		buf_str(k, impu);
	if (impu && dr >= 0)
		buf_u16(k, (unsigned)dr);
	if (impu && dr >= 0 && si)
		buf_str(k, si);
	if (impu && dr >= 0 && si && as_host)
		buf_add(k, as_host, strlen(as_host));
	return k->failed ? ENOMEM : k->len > MAX_KEY ? EINVAL : 0;
}

void subscription_body(struct buf *b, const struct store_subscription *sub)
{
	buf_u64(b, (uint64_t)(int64_t)sub->expiry);
	buf_u8(b, sub->one_time ? 1 : 0);
	buf_str(b, sub->user_name);
}

int subscription_read_body(struct rd *r, struct store_subscription *sub)
{
	sub->expiry = (time_t)(int64_t)rd_u64(r);
	sub->one_time = (int)rd_u8(r);
	rd_strcpy(r, sub->user_name, sizeof sub->user_name);
	return r->bad ? EIO : 0;
}

#define NO_IDENTITY_SET 255

static void selectors_body(struct buf *b, const struct store_subscription *sub)
{
	buf_str(b, sub->server_name);
	buf_u8(b, sub->has_identity_set ? (unsigned)sub->identity_set : NO_IDENTITY_SET);
	buf_u8(b, (unsigned)sub->n_dsai_tags);
	for (size_t i = 0; i < sub->n_dsai_tags; i++)
		buf_str(b, sub->dsai_tags[i]);
}

/* An Identity-Set that store_identity_sets names, or none. */
static int identity_set_ok(const struct store_subscription *sub)
{
	int n = 0;

	while (store_identity_sets[n])
		n++;
	return !sub->has_identity_set || (sub->identity_set >= 0 && sub->identity_set < n);
}

static int read_selectors(struct rd *r, struct store_subscription *sub)
{
	unsigned set;

	if (r->off == r->len) /* written before the selectors */
		return 0;
	rd_strcpy(r, sub->server_name, sizeof sub->server_name);
	set = rd_u8(r);
	sub->has_identity_set = set != NO_IDENTITY_SET;
	sub->identity_set = sub->has_identity_set ? (int)set : 0;
	sub->n_dsai_tags = rd_u8(r);
	if (sub->n_dsai_tags > STORE_MAX_DSAI_TAGS)
		return EIO;
	for (size_t i = 0; i < sub->n_dsai_tags; i++)
		rd_strcpy(r, sub->dsai_tags[i], sizeof sub->dsai_tags[i]);
	return r->bad || !identity_set_ok(sub) ? EIO : 0;
}

static int decode(const MDB_val *key, const MDB_val *val, struct store_subscription *sub)
{
	struct rd r;
	size_t as_len;

	memset(sub, 0, sizeof *sub);
	rd_init(&r, key->mv_data, key->mv_size);
	rd_strcpy(&r, sub->impu, sizeof sub->impu);
	sub->data_reference = (int)rd_u16(&r);
	rd_strcpy(&r, sub->service_indication, sizeof sub->service_indication);
	as_len = r.len - r.off;
	if (r.bad || as_len >= sizeof sub->as_host)
		return EIO;
	memcpy(sub->as_host, r.p + r.off, as_len);
	rd_init(&r, val->mv_data, val->mv_size);
	return subscription_read_body(&r, sub) || read_selectors(&r, sub) ? EIO : 0;
}

static int expired(const struct store_subscription *sub, time_t now)
{
	return now && sub->expiry && sub->expiry <= now;
}

int sub_list_add(struct sub_list *l, const struct store_subscription *sub)
{
	if (array_grow(&l->v, &l->cap, l->n, sizeof *l->v))
		return ENOMEM;
	l->v[l->n++] = *sub;
	return 0;
}

int sub_list_call(struct sub_list *l, int rc, time_t now,
		  int (*fn)(const struct store_subscription *sub, void *arg), void *arg)
{
	for (size_t i = 0; rc == 0 && i < l->n; i++)
		if (!expired(&l->v[i], now))
			rc = fn(&l->v[i], arg);
	free(l->v);
	return rc;
}

struct scan_arg {
	int (*fn)(const struct store_subscription *sub, void *arg);
	void *arg;
};

static int scan_fn(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct scan_arg *a = arg;
	struct store_subscription sub;
	int rc = decode(key, val, &sub);

	(void)c;
	return rc ? rc : a->fn(&sub, a->arg);
}

int subscription_scan(struct hss_store *s, MDB_txn *txn, const char *impu, int dr, const char *si,
		      int (*fn)(const struct store_subscription *sub, void *arg), void *arg)
{
	struct scan_arg a = { fn, arg };
	struct buf prefix = { 0 };
	int rc = sub_key(&prefix, impu, dr, si, NULL);

	if (rc == 0)
		rc = db_each_prefix(txn, s->dbi[DB_SUBSCRIPTIONS], prefix.data, prefix.len, scan_fn, &a);
	buf_free(&prefix);
	return rc;
}

static int tags_ok(const struct store_subscription *sub)
{
	if (sub->n_dsai_tags > STORE_MAX_DSAI_TAGS)
		return 0;
	for (size_t i = 0; i < sub->n_dsai_tags; i++)
		if (!memchr(sub->dsai_tags[i], 0, sizeof sub->dsai_tags[i]))
			return 0;
	return 1;
}

/* A copy of sub is valid when its strings fit and are there. */
static int sub_ok(const struct store_subscription *sub)
{
	return memchr(sub->impu, 0, sizeof sub->impu) && memchr(sub->as_host, 0, sizeof sub->as_host) &&
	       memchr(sub->service_indication, 0, sizeof sub->service_indication) &&
	       memchr(sub->user_name, 0, sizeof sub->user_name) && sub->impu[0] && sub->as_host[0] &&
	       (store_dr_operations(sub->data_reference) & STORE_PERM_SUBS_NOTIF) &&
	       !sub->service_indication[0] == (sub->data_reference != 0) &&
	       memchr(sub->server_name, 0, sizeof sub->server_name) && identity_set_ok(sub) && tags_ok(sub);
}

struct purge_arg {
	time_t now;
};

static int purge_fn(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct purge_arg *a = arg;
	struct store_subscription sub;
	int rc = decode(key, val, &sub);

	return rc ? rc : expired(&sub, a->now) ? mdb_cursor_del(c, 0) : 0;
}

int subscription_store(struct wtx *w, const struct store_subscription *sub)
{
	struct buf key = { 0 }, val = { 0 };
	struct purge_arg purge = { time(NULL) };
	MDB_val k, v;
	int rc;

	if (!sub_ok(sub))
		return EINVAL;
	k = mval(sub->impu, strlen(sub->impu));
	rc = mdb_get(w->txn, w->store->dbi[DB_IMPU], &k, &v);
	if (rc == MDB_NOTFOUND)
		return ENOENT;
	if (rc == 0)
		rc = db_each_prefix(w->txn, w->store->dbi[DB_SUBSCRIPTIONS], sub->impu, strlen(sub->impu) + 1,
				    purge_fn, &purge);
	if (rc == 0)
		rc = sub_key(&key, sub->impu, sub->data_reference, sub->service_indication, sub->as_host);
	subscription_body(&val, sub);
	selectors_body(&val, sub);
	if (rc == 0)
		rc = db_put(w->txn, w->store->dbi[DB_SUBSCRIPTIONS], &key, &val, 0);
	buf_free(&key);
	buf_free(&val);
	return rc;
}

static int put_fn(struct wtx *w, void *arg)
{
	return subscription_store(w, arg);
}

int store_subscription_put(struct hss_store *store, const struct store_subscription *sub)
{
	return store_write(store, put_fn, (void *)sub);
}

static int delete_fn(struct wtx *w, void *arg)
{
	const struct store_subscription *sub = arg;
	struct buf key = { 0 };
	int rc = sub_key(&key, sub->impu, sub->data_reference, sub->service_indication, sub->as_host);

	if (rc == 0)
		rc = db_del(w->txn, w->store->dbi[DB_SUBSCRIPTIONS], &key);
	buf_free(&key);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int store_subscription_delete(struct hss_store *store, const struct store_subscription *sub)
{
	return sub_ok(sub) ? store_write(store, delete_fn, (void *)sub) : EINVAL;
}

struct batch {
	const struct store_subscription *subs;
	size_t n;
	int subscribe;
};

static int batch_fn(struct wtx *w, void *arg)
{
	const struct batch *b = arg;
	int rc = 0;

	for (size_t i = 0; i < b->n && rc == 0; i++) {
		if (b->subscribe)
			rc = subscription_store(w, &b->subs[i]);
		else
			rc = sub_ok(&b->subs[i]) ? delete_fn(w, (void *)&b->subs[i]) : EINVAL;
	}
	return rc;
}

int store_subscriptions_apply(struct hss_store *store, const struct store_subscription *subs, size_t n,
			      int subscribe)
{
	struct batch b = { subs, n, subscribe };

	return store_write(store, batch_fn, &b);
}

/* A walk over the subscriptions of impu (NULL: all), dr (-1: any), si (NULL: any) in a write
 * transaction; drop returns 1 to delete the subscription, 0 to keep it, else an error. */
struct walk_arg {
	struct wtx *w;
	const char *impu, *si;
	int dr;
	int (*drop)(struct walk_arg *a, const struct store_subscription *sub);
	const char *as_host; /* for drop_of_as */
	size_t from;         /* for drop_taken */
	int gone;            /* for drop_taken: CHANGE_* flags */
	time_t now;
};

static int walk_fn(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct walk_arg *a = arg;
	struct store_subscription sub;
	int rc = decode(key, val, &sub);

	if (rc == 0)
		rc = a->drop(a, &sub);
	return rc == 1 ? mdb_cursor_del(c, 0) : rc;
}

static int walk(struct wtx *w, void *arg)
{
	struct walk_arg *a = arg;
	struct buf prefix = { 0 };
	int rc = sub_key(&prefix, a->impu, a->dr, a->si, NULL);

	a->w = w;
	if (rc == 0)
		rc = db_each_prefix(w->txn, w->store->dbi[DB_SUBSCRIPTIONS], prefix.data, prefix.len, walk_fn, a);
	buf_free(&prefix);
	return rc;
}

static int drop_of_as(struct walk_arg *a, const struct store_subscription *sub)
{
	return strcmp(sub->as_host, a->as_host) == 0;
}

int store_subscription_delete_as(struct hss_store *store, const char *impu, const char *as_host)
{
	struct walk_arg a = { .impu = impu, .dr = -1, .drop = drop_of_as, .as_host = as_host };

	return impu && as_host ? store_write(store, walk, &a) : EINVAL;
}

static int drop_taken(struct walk_arg *a, const struct store_subscription *sub)
{
	struct pending_change *p;

	if (expired(sub, a->now))
		return 1;
	p = change_find(a->w, a->from, sub->impu, sub->data_reference, sub->service_indication);
	if (!p)
		p = change_add(a->w, sub->impu, sub->data_reference, sub->service_indication, 0, a->gone);
	if (!p)
		return ENOMEM;
	buf_str(&p->subs, sub->as_host);
	subscription_body(&p->subs, sub);
	return 1;
}

int subscriptions_take(struct wtx *w, const char *impu, int dr, const char *si, size_t from, int gone)
{
	struct walk_arg a = { .impu = impu, .dr = dr, .si = si, .drop = drop_taken, .from = from,
			      .now = time(NULL), .gone = gone };

	return walk(w, &a);
}

static int drop_unpermitted(struct walk_arg *a, const struct store_subscription *sub)
{
	return sub->data_reference == a->dr &&
	       !(permission_lookup(a->w->store, a->w->txn, sub->as_host, a->dr) & STORE_PERM_SUBS_NOTIF);
}

int subscriptions_enforce(struct wtx *w, int dr)
{
	struct walk_arg a = { .dr = dr, .drop = drop_unpermitted };

	return walk(w, &a);
}

static int collect_fn(const struct store_subscription *sub, void *arg)
{
	return sub_list_add(arg, sub);
}

struct read_arg {
	const char *impu, *si;
	int dr;
	struct sub_list list;
};

static int read_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	struct read_arg *a = arg;

	return subscription_scan(s, txn, a->impu, a->dr, a->si, collect_fn, &a->list);
}

int store_subscription_each(struct hss_store *store, const char *impu, int data_reference,
			    const char *service_indication, time_t now,
			    int (*fn)(const struct store_subscription *sub, void *arg), void *arg)
{
	struct read_arg a = { impu, service_indication, data_reference, { 0 } };

	if (!impu || data_reference < 0 || data_reference > STORE_MAX_DR)
		return EINVAL;
	return sub_list_call(&a.list, store_read(store, read_fn, &a), now, fn, arg);
}

int store_subscription_list(struct hss_store *store, const char *impu,
			    int (*fn)(const struct store_subscription *sub, void *arg), void *arg)
{
	struct read_arg a = { impu, NULL, -1, { 0 } };

	return sub_list_call(&a.list, store_read(store, read_fn, &a), 0, fn, arg);
}
