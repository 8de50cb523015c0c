/* The AS permission list (TS 29.328 §6.2): key as-host \0 u16 Data-Reference, value u32
 * operations. "*" is the entry of every AS without one of its own. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

const char *const store_perm_names[] = { "pull", "update", "subs-notif", NULL };

static void perm_key(struct buf *k, const char *as_host, int dr)
{
	buf_str(k, as_host);
	buf_u16(k, (unsigned)dr);
}

static int get_ops(MDB_txn *txn, MDB_dbi dbi, const char *as_host, int dr, uint32_t *ops)
{
	struct buf key = { 0 };
	MDB_val v;
	struct rd r;
	int rc;

	perm_key(&key, as_host, dr);
	rc = db_get(txn, dbi, &key, &v);
	if (rc == 0) {
		rd_init(&r, v.mv_data, v.mv_size);
		*ops = rd_u32(&r);
		rc = r.bad ? EIO : 0;
	}
	return rc;
}

uint32_t permission_lookup(struct hss_store *s, MDB_txn *txn, const char *as_host, int dr)
{
	uint32_t ops = 0;

	if (get_ops(txn, s->dbi[DB_PERMISSIONS], as_host, dr, &ops) == MDB_NOTFOUND)
		get_ops(txn, s->dbi[DB_PERMISSIONS], "*", dr, &ops);
	return ops;
}

int permission_store(struct wtx *w, const char *as_host, int dr, uint32_t ops)
{
	struct buf key = { 0 }, val = { 0 };
	int rc;

	/* removing (ops 0) is allowed for any Data-Reference, to clear what older versions let in */
	if (!as_host || !*as_host || strlen(as_host) > 255 || strpbrk(as_host, " \t\r\n") || dr < 0 ||
	    dr > STORE_MAX_DR || (ops & ~store_dr_operations(dr)))
		return EINVAL;
	perm_key(&key, as_host, dr);
	buf_u32(&val, ops);
	if (ops) {
		rc = db_put(w->txn, w->store->dbi[DB_PERMISSIONS], &key, &val, 0);
	} else {
		buf_free(&val);
		rc = db_del(w->txn, w->store->dbi[DB_PERMISSIONS], &key);
	}
	if (rc == MDB_NOTFOUND)
		rc = 0;
	if (rc == 0 && !(ops & STORE_PERM_SUBS_NOTIF))
		rc = subscriptions_enforce(w, dr);
	return rc;
}

struct set_arg {
	const char *as_host;
	int dr;
	uint32_t ops;
};

static int set_fn(struct wtx *w, void *arg)
{
	struct set_arg *a = arg;

	return permission_store(w, a->as_host, a->dr, a->ops);
}

int store_permission_set(struct hss_store *store, const char *as_host, int data_reference, uint32_t ops)
{
	struct set_arg a = { as_host, data_reference, ops };

	return store_write(store, set_fn, &a);
}

struct get_arg {
	const char *as_host;
	int dr;
	uint32_t ops;
};

static int get_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	struct get_arg *a = arg;

	a->ops = permission_lookup(s, txn, a->as_host, a->dr);
	return 0;
}

uint32_t store_permission_get(struct hss_store *store, const char *as_host, int data_reference)
{
	struct get_arg a = { as_host, data_reference, 0 };

	if (!as_host || !*as_host || strlen(as_host) > 255)
		return 0;
	return store_read(store, get_fn, &a) ? 0 : a.ops;
}

struct scan_arg {
	int (*fn)(const char *as_host, int dr, uint32_t ops, void *arg);
	void *arg;
};

static int scan_fn(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct scan_arg *a = arg;
	struct rd k, v;
	const char *as_host;
	int dr;
	uint32_t ops;

	(void)c;
	rd_init(&k, key->mv_data, key->mv_size);
	rd_init(&v, val->mv_data, val->mv_size);
	as_host = rd_str(&k);
	dr = (int)rd_u16(&k);
	ops = rd_u32(&v);
	return k.bad || v.bad ? EIO : a->fn(as_host, dr, ops, a->arg);
}

int permission_scan(struct hss_store *s, MDB_txn *txn, int (*fn)(const char *as_host, int dr, uint32_t ops, void *arg),
		    void *arg)
{
	struct scan_arg a = { fn, arg };

	return db_each_prefix(txn, s->dbi[DB_PERMISSIONS], NULL, 0, scan_fn, &a);
}

/* Entries gathered in the transaction, handed to the caller's function after it. */
struct entry {
	char as_host[256];
	int dr;
	uint32_t ops;
};

struct list {
	struct entry *v;
	size_t n, cap;
};

static int collect_fn(const char *as_host, int dr, uint32_t ops, void *arg)
{
	struct list *l = arg;

	if (array_grow(&l->v, &l->cap, l->n, sizeof *l->v))
		return ENOMEM;
	snprintf(l->v[l->n].as_host, sizeof l->v[l->n].as_host, "%s", as_host);
	l->v[l->n].dr = dr;
	l->v[l->n++].ops = ops;
	return 0;
}

static int list_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	return permission_scan(s, txn, collect_fn, arg);
}

int store_permission_each(struct hss_store *store,
			  int (*fn)(const char *as_host, int data_reference, uint32_t ops, void *arg), void *arg)
{
	struct list l = { 0 };
	int rc = store_read(store, list_fn, &l);

	for (size_t i = 0; rc == 0 && i < l.n; i++)
		rc = fn(l.v[i].as_host, l.v[i].dr, l.v[i].ops, arg);
	free(l.v);
	return rc;
}
