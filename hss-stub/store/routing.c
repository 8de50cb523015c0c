/* The routing records: per IMPI, what an SLh Routing-Info-Answer needs of the subscriber document
 * (store_routing), written in the transaction that writes or deletes the document, so that they
 * always agree. A record is the strings of 'fields' in that order, each NUL-terminated ("" when
 * the document has none). Derived data: never exported, rebuilt from the documents on migration. */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include "store_int.h"

enum source {
	TOP,          /* a member of the document */
	FIRST_ITEM,   /* the first item of an array member of the document */
	SERVING_NODE, /* a member of the document's serving_node */
};

#define AT(member) offsetof(struct store_routing, member), sizeof ((struct store_routing *)0)->member

static const struct field {
	enum source from;
	const char *name;
	size_t offset, size; /* in struct store_routing */
} fields[] = {
	{ TOP, "imsi", AT(imsi) },
	{ FIRST_ITEM, "msisdns", AT(msisdn) },
	{ SERVING_NODE, "mme_name", AT(mme_name) },
	{ SERVING_NODE, "mme_realm", AT(mme_realm) },
	{ SERVING_NODE, "sgsn_name", AT(sgsn_name) },
	{ SERVING_NODE, "sgsn_realm", AT(sgsn_realm) },
	{ SERVING_NODE, "sgsn_number", AT(sgsn_number) },
	{ SERVING_NODE, "msc_number", AT(msc_number) },
	{ SERVING_NODE, "gmlc_address", AT(gmlc_address) },
};

#define N_FIELDS (sizeof fields / sizeof *fields)

static const char *field_value(json_t *doc, const struct field *f)
{
	switch (f->from) {
	case TOP:
		return json_string_value(json_object_get(doc, f->name));
	case FIRST_ITEM:
		return json_string_value(json_array_get(json_object_get(doc, f->name), 0));
	default:
		return json_string_value(json_object_get(json_object_get(doc, "serving_node"), f->name));
	}
}

int routing_put(struct wtx *w, json_t *doc)
{
	const char *impi = json_string_value(json_object_get(doc, "impi"));
	struct buf key = { 0 }, val = { 0 };

	for (size_t i = 0; i < N_FIELDS; i++) {
		const char *s = field_value(doc, &fields[i]);

		/* validation keeps every value within its array; refuse what could not be read back */
		if (s && strlen(s) >= fields[i].size) {
			buf_free(&val);
			return EINVAL;
		}
		buf_str(&val, s ? s : "");
	}
	buf_add(&key, impi, strlen(impi));
	return db_put(w->txn, w->store->dbi[DB_ROUTING], &key, &val, 0);
}

int routing_delete(struct wtx *w, const char *impi)
{
	MDB_val key = mval(impi, strlen(impi));
	int rc = mdb_del(w->txn, w->store->dbi[DB_ROUTING], &key, NULL);

	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int rebuild_one(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct wtx *w = arg;
	json_t *doc;
	int rc = subscriber_load(w->store, w->txn, key->mv_data, key->mv_size, &doc);

	(void)c;
	(void)val;
	if (rc == 0)
		rc = routing_put(w, doc);
	json_decref(doc);
	return rc;
}

int routing_rebuild(struct wtx *w)
{
	int rc = mdb_drop(w->txn, w->store->dbi[DB_ROUTING], 0);

	return rc ? rc : db_each_prefix(w->txn, w->store->dbi[DB_SUBSCRIBERS], NULL, 0, rebuild_one, w);
}

static int decode(const MDB_val *val, struct store_routing *out)
{
	struct rd r;

	rd_init(&r, val->mv_data, val->mv_size);
	for (size_t i = 0; i < N_FIELDS; i++)
		rd_strcpy(&r, (char *)out + fields[i].offset, fields[i].size);
	return r.bad || r.off != r.len ? EIO : 0;
}

struct get_arg {
	enum store_identity kind;
	const char *id;
	struct store_routing *out;
};

static int get_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	struct get_arg *a = arg;
	MDB_val impi, val;
	int rc = index_lookup(s, txn, a->kind, a->id, &impi);

	if (rc == 0)
		rc = mdb_get(txn, s->dbi[DB_ROUTING], &impi, &val);
	if (rc)
		return rc;
	if (impi.mv_size >= sizeof a->out->impi)
		return EIO; /* the indexes hold only validated IMPIs */
	memcpy(a->out->impi, impi.mv_data, impi.mv_size);
	a->out->impi[impi.mv_size] = 0;
	return decode(&val, a->out);
}

int store_routing_get(struct hss_store *store, enum store_identity kind, const char *id, struct store_routing *out)
{
	struct get_arg a = { kind, id, out };

	memset(out, 0, sizeof *out);
	return store_read(store, get_fn, &a);
}
