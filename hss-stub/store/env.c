/* The LMDB environment: opening, transactions, map growth and reader slots. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store_int.h"

#define STORE_VERSION 2 /* 2: the routing database; a version-1 store is migrated on open */
#define VERSION_KEY "version" /* in DB_META: u32 STORE_VERSION */
#define STORE_MAX_READERS 1022 /* reader slots shared by all processes (64 bytes each) */
#define MAX_GROWTH 8           /* map doublings one write may ask for */
#define MAX_RETRIES 1000       /* waits of 1 ms for a free reader slot */

static const char *const db_names[DB_COUNT] = {
	[DB_SUBSCRIBERS] = "subscribers", [DB_IMPU] = "impu", [DB_MSISDN] = "msisdn", [DB_IMSI] = "imsi",
	[DB_ROUTING] = "routing",
	[DB_REPDATA] = "repdata", [DB_SUBSCRIPTIONS] = "subscriptions", [DB_PERMISSIONS] = "permissions",
	[DB_CHANGES] = "changes", [DB_META] = "meta",
};

static size_t map_size(struct hss_store *s)
{
	MDB_envinfo info;

	mdb_env_info(s->env, &info);
	return info.me_mapsize;
}

/* size 0: adopt the size another process has set; else grow to size unless another thread
 * already did. */
static int map_resize(struct hss_store *s, size_t seen, size_t size)
{
	int rc = 0;

	pthread_rwlock_wrlock(&s->map_lock);
	if (size == 0 || map_size(s) <= seen)
		rc = mdb_env_set_mapsize(s->env, size);
	pthread_rwlock_unlock(&s->map_lock);
	return rc;
}

/* Begin a transaction holding map_lock shared (released by txn_done). */
static int txn_begin(struct hss_store *s, unsigned flags, MDB_txn **txn)
{
	const struct timespec ms = { 0, 1000000 };

	for (int tries = 0;; tries++) {
		int rc, dead = 0;

		pthread_rwlock_rdlock(&s->map_lock);
		rc = mdb_txn_begin(s->env, NULL, flags, txn);
		if (rc == 0)
			return 0;
		pthread_rwlock_unlock(&s->map_lock);
		if (tries == MAX_RETRIES)
			return rc;
		if (rc == MDB_MAP_RESIZED) {
			rc = map_resize(s, 0, 0);
			if (rc)
				return rc;
		} else if (rc == MDB_READERS_FULL) {
			/* Free the slots of processes that died; when none did, wait for one. */
			if (mdb_reader_check(s->env, &dead) == 0 && dead == 0)
				nanosleep(&ms, NULL);
		} else {
			return rc;
		}
	}
}

static void txn_done(struct hss_store *s)
{
	pthread_rwlock_unlock(&s->map_lock);
}

int store_write(struct hss_store *s, int (*fn)(struct wtx *w, void *arg), void *arg)
{
	for (int growth = 0;; growth++) {
		struct wtx w = { .store = s };
		size_t seen;
		int rc = txn_begin(s, 0, &w.txn);

		if (rc)
			return lmdb_errno(rc);
		rc = fn(&w, arg);
		if (rc == 0)
			rc = changes_flush(&w);
		seen = map_size(s);
		if (rc == 0)
			rc = mdb_txn_commit(w.txn);
		else
			mdb_txn_abort(w.txn);
		txn_done(s);
		changes_free(&w);
		if (rc != MDB_MAP_FULL || growth == MAX_GROWTH)
			return lmdb_write_errno(s->env, rc);
		rc = map_resize(s, seen, seen * 2);
		if (rc)
			return lmdb_errno(rc);
	}
}

int store_read(struct hss_store *s, int (*fn)(struct hss_store *s, MDB_txn *txn, void *arg), void *arg)
{
	MDB_txn *txn;
	int rc = txn_begin(s, MDB_RDONLY, &txn);

	if (rc)
		return lmdb_errno(rc);
	rc = fn(s, txn, arg);
	mdb_txn_abort(txn);
	txn_done(s);
	return lmdb_errno(rc);
}

int db_each_prefix(MDB_txn *txn, MDB_dbi dbi, const void *prefix, size_t plen,
		   int (*fn)(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg), void *arg)
{
	MDB_cursor *c;
	MDB_val k = mval(prefix, plen), v;
	int rc = mdb_cursor_open(txn, dbi, &c);

	if (rc)
		return rc;
	rc = mdb_cursor_get(c, &k, &v, plen ? MDB_SET_RANGE : MDB_FIRST);
	while (rc == 0 && k.mv_size >= plen && (plen == 0 || memcmp(k.mv_data, prefix, plen) == 0)) {
		rc = fn(c, &k, &v, arg);
		if (rc == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int db_put(MDB_txn *txn, MDB_dbi dbi, struct buf *key, struct buf *val, unsigned flags)
{
	MDB_val k = mval(key->data, key->len), v = mval(val->data, val->len);
	int rc = key->failed || val->failed ? ENOMEM : mdb_put(txn, dbi, &k, &v, flags);

	buf_free(key);
	buf_free(val);
	return rc;
}

int db_get(MDB_txn *txn, MDB_dbi dbi, struct buf *key, MDB_val *val)
{
	MDB_val k = mval(key->data, key->len);
	int rc = key->failed ? ENOMEM : mdb_get(txn, dbi, &k, val);

	buf_free(key);
	return rc;
}

int db_del(MDB_txn *txn, MDB_dbi dbi, struct buf *key)
{
	MDB_val k = mval(key->data, key->len);
	int rc = key->failed ? ENOMEM : mdb_del(txn, dbi, &k, NULL);

	buf_free(key);
	return rc;
}

/* Open every database (flags MDB_CREATE: creating those missing). */
static int open_all(struct hss_store *s, MDB_txn *txn, unsigned flags)
{
	int rc = 0;

	for (int i = 0; rc == 0 && i < DB_COUNT; i++)
		rc = mdb_dbi_open(txn, db_names[i], flags, &s->dbi[i]);
	return rc;
}

int meta_read(struct hss_store *s, MDB_txn *txn, const char *key, int bytes, uint64_t *value)
{
	MDB_val k = mval(key, strlen(key)), v;
	struct rd r;
	int rc = mdb_get(txn, s->dbi[DB_META], &k, &v);

	*value = 0;
	if (rc)
		return rc == MDB_NOTFOUND ? 0 : rc;
	rd_init(&r, v.mv_data, v.mv_size);
	*value = bytes == 4 ? rd_u32(&r) : rd_u64(&r);
	return r.bad ? EIO : 0;
}

int meta_write(struct hss_store *s, MDB_txn *txn, const char *key, int bytes, uint64_t value)
{
	struct buf k = { 0 }, v = { 0 };

	buf_add(&k, key, strlen(key));
	if (bytes == 4)
		buf_u32(&v, (uint32_t)value);
	else
		buf_u64(&v, value);
	return db_put(txn, s->dbi[DB_META], &k, &v, 0);
}

/* The layout version of the store in *version, 0 when it has none (a store being created). */
static int read_version(struct hss_store *s, MDB_txn *txn, uint64_t *version)
{
	int rc = meta_read(s, txn, VERSION_KEY, 4, version);

	return rc == EIO ? ENOTSUP : rc;
}

/* Version 1 had no routing records: build them from the subscriber documents in the transaction
 * that writes version 2. Another process may have migrated the store since open_dbs looked. */
static int migrate_fn(struct wtx *w, void *arg)
{
	uint64_t version;
	int rc = open_all(w->store, w->txn, MDB_CREATE);

	(void)arg;
	if (rc == 0)
		rc = read_version(w->store, w->txn, &version);
	if (rc || version == STORE_VERSION)
		return rc;
	if (version != 1)
		return ENOTSUP;
	rc = routing_rebuild(w);
	return rc ? rc : meta_write(w->store, w->txn, VERSION_KEY, 4, STORE_VERSION);
}

/* Open the named databases (creating them and the version record when create) and check the
 * version of the layout, migrating a version-1 store. Every open may write (the environment is
 * never opened read-only), so the first process of this version to open an old store migrates it. */
static int open_dbs(struct hss_store *s, int create)
{
	MDB_txn *txn;
	uint64_t version = 0;
	int rc = txn_begin(s, create ? 0 : MDB_RDONLY, &txn);

	if (rc)
		return rc;
	rc = mdb_dbi_open(txn, db_names[DB_META], create ? MDB_CREATE : 0, &s->dbi[DB_META]);
	if (rc == 0)
		rc = read_version(s, txn, &version);
	if (rc == 0 && version == 0 && create) {
		rc = open_all(s, txn, MDB_CREATE);
		if (rc == 0)
			rc = meta_write(s, txn, VERSION_KEY, 4, STORE_VERSION);
	} else if (rc == 0 && version == 0) {
		rc = MDB_NOTFOUND;
	} else if (rc == 0 && version == STORE_VERSION) {
		rc = open_all(s, txn, 0);
	} else if (rc == 0 && version != 1) {
		rc = ENOTSUP;
	}
	if (rc == 0)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	txn_done(s);
	if (rc == 0 && version == 1)
		rc = store_write(s, migrate_fn, NULL);
	return rc;
}

int store_open_sized(const char *path, int create, size_t map_size, struct hss_store **store)
{
	struct hss_store *s;
	int rc;

	*store = NULL;
	if (!(s = calloc(1, sizeof *s)))
		return ENOMEM;
	pthread_rwlock_init(&s->map_lock, NULL);
	rc = lmdb_dir_open(path, create, DB_COUNT, STORE_MAX_READERS, map_size, &s->env);
	if (rc == 0)
		rc = open_dbs(s, create);
	if (rc) {
		store_close(s);
		return lmdb_errno(rc);
	}
	*store = s;
	return 0;
}

int store_open(const char *path, int create, struct hss_store **store)
{
	return store_open_sized(path, create, STORE_DEFAULT_MAP_SIZE, store);
}

const char *store_open_strerror(int rc)
{
	if (rc == ENOTSUP)
		return "not a store of a layout this program knows (it opens layout version 2 and migrates "
		       "version 1; a newer layout needs a newer HSS stub)";
	return strerror(rc);
}

void store_close(struct hss_store *store)
{
	if (!store)
		return;
	if (store->env)
		mdb_env_close(store->env);
	pthread_rwlock_destroy(&store->map_lock);
	free(store);
}
