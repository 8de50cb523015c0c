/* The LMDB environment of the OCS store, its keys and the walks over them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define STORE_VERSION 1
#define MAP_SIZE (16UL << 30) /* address space; the file grows with the data */

static const char *const db_names[DB_COUNT] = {
	[DB_ACCOUNTS] = "accounts", [DB_RESERVATIONS] = "reservations", [DB_EXPIRIES] = "expiries", [DB_REQUESTS] = "requests",
	[DB_REQUEST_TIMES] = "request_times", [DB_SESSIONS] = "sessions", [DB_META] = "meta",
};

size_t ocs_account_key(const struct ocs_subscription *id, unsigned char *key)
{
	size_t len = strlen(id->data);

	if (len > OCS_MAX_ID)
		return 0;
	key[0] = (unsigned char)id->type;
	memcpy(key + 1, id->data, len);
	return 1 + len;
}

size_t ocs_reservation_prefix(const struct ocs_subscription *id, const char *session, unsigned char *key)
{
	size_t n = ocs_account_key(id, key), slen = session ? strlen(session) : 0;

	if (!n || slen > OCS_MAX_SESSION)
		return 0;
	key[n++] = 0;
	if (session) {
		memcpy(key + n, session, slen);
		n += slen;
		key[n++] = 0;
	}
	return n;
}

size_t ocs_reservation_key(const struct ocs_subscription *id, const char *session, const struct ocs_service_key *service,
		       unsigned char *key)
{
	size_t n = ocs_reservation_prefix(id, session, key);

	if (!n)
		return 0;
	key[n++] = (unsigned char)service->kind;
	for (int shift = 24; shift >= 0; shift -= 8)
		key[n++] = (unsigned char)(service->id >> shift);
	return n;
}

size_t ocs_request_key(const char *session, uint32_t number, unsigned char *key)
{
	size_t n = strlen(session);

	if (n > OCS_MAX_SESSION)
		return 0;
	memcpy(key, session, n);
	key[n++] = 0;
	for (int shift = 24; shift >= 0; shift -= 8)
		key[n++] = (unsigned char)(number >> shift);
	return n;
}

int ocs_reservation_key_parse(const MDB_val *key, struct ocs_reservation *out)
{
	const unsigned char *k = key->mv_data, *session, *end;
	size_t len = key->mv_size;

	/* account \0 session \0 kind id(4) */
	if (len < 1 + 1 + 1 + 5)
		return EINVAL;
	session = memchr(k + 1, 0, len - 6);
	end = k + len - 5;
	if (!session || end - 1 <= session || end[-1] != 0 || (size_t)(end - 1 - (session + 1)) > OCS_MAX_SESSION)
		return EINVAL;
	session++;
	memcpy(out->session_id, session, (size_t)(end - 1 - session));
	out->session_id[end - 1 - session] = '\0';
	out->service.kind = end[0] ? OCS_SERVICE_ID : OCS_RATING_GROUP;
	out->service.id = (uint32_t)end[1] << 24 | (uint32_t)end[2] << 16 | (uint32_t)end[3] << 8 | end[4];
	return 0;
}

int ocs_db_each_prefix(MDB_txn *txn, MDB_dbi dbi, const void *prefix, size_t plen,
		   int (*fn)(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg), void *arg)
{
	MDB_cursor *c;
	MDB_val k = mval(prefix, plen), v;
	int rc = mdb_cursor_open(txn, dbi, &c);

	if (rc)
		return rc;
	rc = mdb_cursor_get(c, &k, &v, plen ? MDB_SET_RANGE : MDB_FIRST);
	while (rc == 0 && k.mv_size >= plen && memcmp(k.mv_data, prefix, plen) == 0) {
		rc = fn(c, &k, &v, arg);
		if (rc == 0)
			rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
	}
	mdb_cursor_close(c);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int ocs_account_read(struct ocs_store *s, MDB_txn *txn, const struct ocs_subscription *id, struct account_rec *rec)
{
	unsigned char key[KEY_MAX];
	size_t n = ocs_account_key(id, key);
	MDB_val k = mval(key, n), v;
	int rc;

	if (!n)
		return MDB_NOTFOUND;
	rc = mdb_get(txn, s->dbi[DB_ACCOUNTS], &k, &v);
	if (rc)
		return rc;
	if (v.mv_size != sizeof *rec)
		return MDB_CORRUPTED;
	memcpy(rec, v.mv_data, sizeof *rec);
	return 0;
}

/* Open the named databases (creating them and the version record when create) and check the
 * version of the layout. */
static int open_dbs(struct ocs_store *s, int create)
{
	MDB_txn *txn = NULL;
	MDB_val key = mval("version", 7), val;
	uint32_t version = STORE_VERSION;
	int rc = mdb_txn_begin(s->env, NULL, create ? 0 : MDB_RDONLY, &txn);

	for (int i = 0; rc == 0 && i < DB_COUNT; i++)
		rc = mdb_dbi_open(txn, db_names[i], create ? MDB_CREATE : 0, &s->dbi[i]);
	if (rc == 0)
		rc = mdb_get(txn, s->dbi[DB_META], &key, &val);
	if (rc == MDB_NOTFOUND && create) {
		val = mval(&version, sizeof version);
		rc = mdb_put(txn, s->dbi[DB_META], &key, &val, 0);
	} else if (rc == 0 && (val.mv_size != sizeof version || memcmp(val.mv_data, &version, sizeof version))) {
		rc = ENOTSUP;
	}
	if (rc == 0)
		return mdb_txn_commit(txn);
	if (txn)
		mdb_txn_abort(txn);
	return rc;
}

int ocs_store_open(const char *path, int create, struct ocs_store **store)
{
	struct ocs_store *s;
	int rc;

	*store = NULL;
	if (!(s = calloc(1, sizeof *s)))
		return ENOMEM;
	s->replay_memory = OCS_DEFAULT_REPLAY_MEMORY;
	rc = lmdb_dir_open(path, create, DB_COUNT, 0, MAP_SIZE, &s->env);
	if (rc == 0)
		rc = open_dbs(s, create);
	if (rc) {
		ocs_store_close(s);
		return lmdb_errno(rc);
	}
	*store = s;
	return 0;
}

void ocs_store_set_replay_memory(struct ocs_store *store, uint32_t seconds)
{
	store->replay_memory = seconds;
}

void ocs_store_close(struct ocs_store *store)
{
	if (!store)
		return;
	if (store->env)
		mdb_env_close(store->env);
	free(store);
}
