/* Opening and closing the CDR store, and its layout version. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cdrstore_int.h"

#define CDR_STORE_VERSION 1
#define DEFAULT_MAP_SIZE (1UL << 30)
#define MAX_READERS 254

static const char *const db_names[CDB_COUNT] = {
	[CDB_RECORDS] = "records", [CDB_BY_SESSION] = "by_session", [CDB_SESSIONS] = "sessions",
	[CDB_BY_TIME] = "by_time", [CDB_BY_USER] = "by_user", [CDB_META] = "meta",
};

/* Open the named databases (creating them and the version record when create), check the
 * layout version. */
static int open_dbs(struct cdr_store *s, int create)
{
	MDB_txn *txn;
	MDB_val key = mval("version", 7), val;
	uint8_t version[4];
	int rc = mdb_txn_begin(s->env, NULL, create ? 0 : MDB_RDONLY, &txn);

	if (rc)
		return rc;
	for (int i = 0; rc == 0 && i < CDB_COUNT; i++)
		rc = mdb_dbi_open(txn, db_names[i], create ? MDB_CREATE : 0, &s->dbi[i]);
	if (rc == 0)
		rc = mdb_get(txn, s->dbi[CDB_META], &key, &val);
	if (rc == MDB_NOTFOUND && create) {
		put_be32(version, CDR_STORE_VERSION);
		val = mval(version, sizeof version);
		rc = mdb_put(txn, s->dbi[CDB_META], &key, &val, 0);
	} else if (rc == 0 && (val.mv_size != 4 || get_be32(val.mv_data) != CDR_STORE_VERSION)) {
		rc = ENOTSUP;
	}
	if (rc == 0)
		return mdb_txn_commit(txn);
	mdb_txn_abort(txn);
	return rc;
}

/* Whether the store's data file exists in dir: 1, 0, or a negative errno (a new store gets the
 * default size). */
static int store_exists(const char *dir)
{
	char path[4096];
	struct stat st;

	if (snprintf(path, sizeof path, "%s/data.mdb", dir) >= (int)sizeof path)
		return -ENAMETOOLONG;
	if (stat(path, &st) == 0)
		return 1;
	return errno == ENOENT ? 0 : -errno;
}

int cdr_store_open(const char *dir, int create, size_t map_size, struct cdr_store **store)
{
	struct cdr_store *s;
	int exists, rc;

	*store = NULL;
	exists = store_exists(dir);
	if (exists < 0)
		return -exists;
	/* No size given for an existing store: LMDB keeps the one it was created with. */
	if (exists != 1 && !map_size)
		map_size = DEFAULT_MAP_SIZE;
	if (!(s = calloc(1, sizeof *s)))
		return ENOMEM;
	if ((rc = lmdb_dir_open(dir, create, CDB_COUNT, MAX_READERS, map_size, &s->env)) ||
	    (rc = open_dbs(s, create)))
		cdr_store_close(s);
	else
		*store = s;
	return lmdb_errno(rc);
}

/* mdb_env_close also does nothing for NULL. */
void cdr_store_close(struct cdr_store *store)
{
	if (store && store->env)
		mdb_env_close(store->env);
	free(store);
}

const char *cdr_record_type_name(uint32_t type)
{
	static const char *const names[] = { NULL, "EVENT_RECORD", "START_RECORD", "INTERIM_RECORD", "STOP_RECORD" };

	return type < sizeof names / sizeof names[0] ? names[type] : NULL;
}
