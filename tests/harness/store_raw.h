/* The store's LMDB environment opened directly, beneath the store API, to look at or make a
 * layout (docs/hss-store.md): only while no struct hss_store of this process has it open (LMDB
 * allows one environment per file and process). For tests: include after cmocka.h. */
#ifndef STORE_RAW_H
#define STORE_RAW_H

#include <lmdb.h>
#include <stdint.h>

struct raw_store {
	MDB_env *env;
	MDB_txn *txn;
};

/* Begin a write transaction on the store in dir. */
static inline void raw_open(struct raw_store *r, const char *dir)
{
	assert_int_equal(mdb_env_create(&r->env), 0);
	assert_int_equal(mdb_env_set_maxdbs(r->env, 32), 0);
	assert_int_equal(mdb_env_open(r->env, dir, 0, 0660), 0);
	assert_int_equal(mdb_txn_begin(r->env, NULL, 0, &r->txn), 0);
}

static inline void raw_close(struct raw_store *r)
{
	assert_int_equal(mdb_txn_commit(r->txn), 0);
	mdb_env_close(r->env);
}

/* The handle of a database, MDB_NOTFOUND in *rc when there is none. */
static inline MDB_dbi raw_db(struct raw_store *r, const char *name, int *rc)
{
	MDB_dbi dbi = 0;

	*rc = mdb_dbi_open(r->txn, name, 0, &dbi);
	return dbi;
}

/* The number of records of a database, -1 when there is no such database. */
static inline long raw_count(struct raw_store *r, const char *name)
{
	MDB_stat st;
	int rc;
	MDB_dbi dbi = raw_db(r, name, &rc);

	if (rc == MDB_NOTFOUND)
		return -1;
	assert_int_equal(rc, 0);
	assert_int_equal(mdb_stat(r->txn, dbi, &st), 0);
	return (long)st.ms_entries;
}

/* The layout version, a big-endian u32 in meta "version". */
static inline uint32_t raw_version(struct raw_store *r)
{
	MDB_val key = { 7, "version" }, val;
	const unsigned char *p;
	int rc;
	MDB_dbi dbi = raw_db(r, "meta", &rc);

	assert_int_equal(rc, 0);
	assert_int_equal(mdb_get(r->txn, dbi, &key, &val), 0);
	assert_int_equal(val.mv_size, 4);
	p = val.mv_data;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void raw_set_version(struct raw_store *r, uint32_t version)
{
	unsigned char v[4] = { version >> 24, version >> 16, version >> 8, version };
	MDB_val key = { 7, "version" }, val = { 4, v };
	int rc;
	MDB_dbi dbi = raw_db(r, "meta", &rc);

	assert_int_equal(rc, 0);
	assert_int_equal(mdb_put(r->txn, dbi, &key, &val, 0), 0);
}

/* Make the store in dir one of layout version 1, which had no routing database. */
static inline void raw_make_version_1(const char *dir)
{
	struct raw_store raw;
	int rc;
	MDB_dbi dbi;

	raw_open(&raw, dir);
	dbi = raw_db(&raw, "routing", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(mdb_drop(raw.txn, dbi, 1), 0);
	raw_set_version(&raw, 1);
	raw_close(&raw);
}

#endif
