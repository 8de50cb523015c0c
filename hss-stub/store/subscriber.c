/* Subscriber documents: one compact JSON text per IMPI, with its indexes, routing record and change
 * log entries kept in the same transaction. The only place that writes or deletes a document. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

int subscriber_load(struct hss_store *s, MDB_txn *txn, const char *impi, size_t len, json_t **doc)
{
	MDB_val key = mval(impi, len), val;
	json_error_t error;
	int rc;

	*doc = NULL;
	if (len == 0 || len > 255)
		return MDB_NOTFOUND;
	rc = mdb_get(txn, s->dbi[DB_SUBSCRIBERS], &key, &val);
	if (rc)
		return rc;
	*doc = json_loadb(val.mv_data, val.mv_size, 0, &error);
	return *doc ? 0 : EIO;
}

static int put_document(struct wtx *w, const char *impi, json_t *doc)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	MDB_val key = mval(impi, strlen(impi)), val;
	int rc;

	if (!text)
		return ENOMEM;
	val = mval(text, strlen(text));
	rc = mdb_put(w->txn, w->store->dbi[DB_SUBSCRIBERS], &key, &val, 0);
	free(text);
	return rc;
}

int subscriber_store(struct wtx *w, json_t *doc, const char *root, char *err, size_t errlen)
{
	const char *impi;
	json_t *old;
	int rc = subscriber_validate(doc, root, err, errlen);

	if (rc)
		return rc;
	impi = json_string_value(json_object_get(doc, "impi"));
	rc = subscriber_load(w->store, w->txn, impi, strlen(impi), &old);
	if (rc == 0)
		rc = index_remove(w, old);
	else if (rc == MDB_NOTFOUND)
		rc = 0;
	if (rc == 0)
		rc = index_add(w, doc, impi, root, err, errlen);
	if (rc == 0)
		rc = put_document(w, impi, doc);
	if (rc == 0)
		rc = routing_put(w, doc);
	if (rc == 0)
		rc = changes_subscriber(w, old, doc);
	json_decref(old);
	return rc;
}

struct put_arg {
	json_t *doc;
	const char *impi, *member;
	json_t *value;
	char *err;
	size_t errlen;
};

static int put_fn(struct wtx *w, void *arg)
{
	struct put_arg *a = arg;

	return subscriber_store(w, a->doc, "$", a->err, a->errlen);
}

static void clear_err(char *err, size_t errlen)
{
	if (err && errlen)
		err[0] = 0;
}

int store_subscriber_put(struct hss_store *store, json_t *subscriber, char *err, size_t errlen)
{
	struct put_arg a = { .doc = subscriber, .err = err, .errlen = errlen };

	clear_err(err, errlen);
	if (!subscriber)
		return EINVAL;
	return store_write(store, put_fn, &a);
}

static int set_fn(struct wtx *w, void *arg)
{
	struct put_arg *a = arg;
	json_t *doc;
	int rc = subscriber_load(w->store, w->txn, a->impi, strlen(a->impi), &doc);

	if (rc)
		return rc;
	if (strcmp(a->member, "impi") == 0) {
		store_error(a->err, a->errlen, "$.", a->member, "cannot be changed");
		rc = EINVAL;
	} else if (a->value) {
		rc = json_object_set(doc, a->member, a->value) ? EINVAL : 0;
	} else {
		json_object_del(doc, a->member);
	}
	if (rc == 0)
		rc = subscriber_store(w, doc, "$", a->err, a->errlen);
	json_decref(doc);
	return rc;
}

int store_subscriber_set(struct hss_store *store, const char *impi, const char *path, json_t *value,
			 char *err, size_t errlen)
{
	struct put_arg a = { .impi = impi, .member = path, .value = value, .err = err, .errlen = errlen };

	clear_err(err, errlen);
	if (!impi || !path)
		return EINVAL;
	return store_write(store, set_fn, &a);
}

static int delete_fn(struct wtx *w, void *arg)
{
	const char *impi = arg;
	MDB_val key = mval(impi, strlen(impi));
	json_t *old;
	int rc = subscriber_load(w->store, w->txn, impi, key.mv_size, &old);

	if (rc)
		return rc;
	rc = index_remove(w, old);
	if (rc == 0)
		rc = mdb_del(w->txn, w->store->dbi[DB_SUBSCRIBERS], &key, NULL);
	if (rc == 0)
		rc = routing_delete(w, impi);
	if (rc == 0)
		rc = changes_subscriber(w, old, NULL);
	json_decref(old);
	return rc;
}

int store_subscriber_delete(struct hss_store *store, const char *impi)
{
	return impi ? store_write(store, delete_fn, (void *)impi) : EINVAL;
}

struct get_arg {
	enum store_identity kind;
	const char *id;
	json_t **doc;
	char *impi;
	size_t size;
};

static int get_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	struct get_arg *a = arg;
	MDB_val impi;
	int rc = index_lookup(s, txn, a->kind, a->id, &impi);

	if (rc)
		return rc;
	if (a->doc)
		return subscriber_load(s, txn, impi.mv_data, impi.mv_size, a->doc);
	if (impi.mv_size >= a->size)
		return ERANGE;
	memcpy(a->impi, impi.mv_data, impi.mv_size);
	a->impi[impi.mv_size] = 0;
	return 0;
}

int store_subscriber_get(struct hss_store *store, enum store_identity kind, const char *id, json_t **subscriber)
{
	struct get_arg a = { .kind = kind, .id = id, .doc = subscriber };

	return store_read(store, get_fn, &a);
}

int store_resolve(struct hss_store *store, enum store_identity kind, const char *id, char *impi, size_t size)
{
	struct get_arg a = { .kind = kind, .id = id, .impi = impi, .size = size };

	return store_read(store, get_fn, &a);
}
