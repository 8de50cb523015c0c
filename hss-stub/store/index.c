/* The identity indexes: public identities, MSISDNs and IMSI of a subscriber -> IMPI. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "store_int.h"

int identities_each(json_t *doc, int (*fn)(enum store_db db, const char *id, const char *path, void *arg),
		    void *arg)
{
	char path[64];
	json_t *elem, *imsi = json_object_get(doc, "imsi");
	size_t i;
	int rc;

	json_array_foreach(json_object_get(doc, "impus"), i, elem) {
		snprintf(path, sizeof path, ".impus[%zu].uri", i);
		rc = fn(DB_IMPU, json_string_value(json_object_get(elem, "uri")), path, arg);
		if (rc)
			return rc;
	}
	json_array_foreach(json_object_get(doc, "msisdns"), i, elem) {
		snprintf(path, sizeof path, ".msisdns[%zu]", i);
		rc = fn(DB_MSISDN, json_string_value(elem), path, arg);
		if (rc)
			return rc;
	}
	return imsi ? fn(DB_IMSI, json_string_value(imsi), ".imsi", arg) : 0;
}

static int remove_one(enum store_db db, const char *id, const char *path, void *arg)
{
	struct wtx *w = arg;
	MDB_val key = mval(id, strlen(id));
	int rc = mdb_del(w->txn, w->store->dbi[db], &key, NULL);

	(void)path;
	return rc == MDB_NOTFOUND ? 0 : rc;
}

int index_remove(struct wtx *w, json_t *doc)
{
	return identities_each(doc, remove_one, w);
}

struct index_add {
	struct wtx *w;
	const char *impi, *root;
	char *err;
	size_t errlen;
};

static int add_one(enum store_db db, const char *id, const char *path, void *arg)
{
	struct index_add *a = arg;
	MDB_val key = mval(id, strlen(id)), val = mval(a->impi, strlen(a->impi));
	int rc = mdb_put(a->w->txn, a->w->store->dbi[db], &key, &val, MDB_NOOVERWRITE);
	char reason[STORE_ERR_LEN];

	if (rc != MDB_KEYEXIST)
		return rc;
	/* val now holds the IMPI the identity belongs to */
	snprintf(reason, sizeof reason, "belongs to subscriber %.*s", (int)val.mv_size, (char *)val.mv_data);
	store_error(a->err, a->errlen, a->root, path, reason);
	return EEXIST;
}

int index_add(struct wtx *w, json_t *doc, const char *impi, const char *root, char *err, size_t errlen)
{
	struct index_add a = { w, impi, root, err, errlen };

	return identities_each(doc, add_one, &a);
}

int index_lookup(struct hss_store *s, MDB_txn *txn, enum store_identity kind, const char *id, MDB_val *impi)
{
	static const enum store_db dbs[] = {
		[STORE_IMPU] = DB_IMPU, [STORE_MSISDN] = DB_MSISDN, [STORE_IMSI] = DB_IMSI, [STORE_IMPI] = DB_SUBSCRIBERS,
	};
	MDB_val key, val;
	int rc;

	if ((unsigned)kind > STORE_IMPI)
		return EINVAL;
	if (!id || !*id || strlen(id) > 255)
		return MDB_NOTFOUND; /* cannot be in the store */
	key = mval(id, strlen(id));
	rc = mdb_get(txn, s->dbi[dbs[kind]], &key, &val);
	if (rc == 0)
		*impi = kind == STORE_IMPI ? key : val;
	return rc;
}
