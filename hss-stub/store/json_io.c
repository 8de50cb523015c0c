/* The whole-store JSON document (docs/hss-store.md): export from one read transaction in key
 * order, import in one write transaction. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "store_int.h"

static json_t *operations_json(uint32_t ops)
{
	json_t *names = json_array();

	for (int i = 0; store_perm_names[i]; i++)
		if (ops & 1u << i)
			json_array_append_new(names, json_string(store_perm_names[i]));
	return names;
}

static uint32_t operations_bits(json_t *names)
{
	json_t *name;
	size_t i;
	uint32_t ops = 0;

	json_array_foreach(names, i, name)
		ops |= 1u << store_enum_value(store_perm_names, json_string_value(name));
	return ops;
}

/* Append a new object (NULL: out of memory) to an array. */
static int append(json_t *array, json_t *item)
{
	return item && json_array_append_new(array, item) == 0 ? 0 : ENOMEM;
}

static int subscriber_json(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	json_error_t error;
	json_t *doc = json_loadb(val->mv_data, val->mv_size, 0, &error);

	(void)c;
	(void)key;
	return doc ? append(arg, doc) : EIO;
}

json_t *store_repdata_json(const char *impu, const char *service_indication, const struct store_repdata *data)
{
	return json_pack("{s:s, s:s, s:I, s:o}", "impu", impu, "service_indication", service_indication,
			 "sequence_number", (json_int_t)data->sequence_number, "service_data",
			 json_stringn(data->service_data, data->service_data_len));
}

json_t *store_permission_json(const char *as_host, int data_reference, uint32_t ops)
{
	return json_pack("{s:s, s:i, s:o}", "as_host", as_host, "data_reference", data_reference, "operations",
			 operations_json(ops));
}

json_t *store_subscription_json(const struct store_subscription *sub)
{
	json_t *o = json_pack("{s:s, s:s, s:i}", "impu", sub->impu, "as_host", sub->as_host, "data_reference",
			      sub->data_reference);

	if (o && sub->service_indication[0])
		json_object_set_new(o, "service_indication", json_string(sub->service_indication));
	if (o && sub->expiry)
		json_object_set_new(o, "expiry", json_integer((json_int_t)sub->expiry));
	if (o && sub->user_name[0])
		json_object_set_new(o, "user_name", json_string(sub->user_name));
	if (o && sub->one_time)
		json_object_set_new(o, "one_time", json_true());
	if (o && sub->server_name[0])
		json_object_set_new(o, "server_name", json_string(sub->server_name));
	if (o && sub->has_identity_set)
		json_object_set_new(o, "identity_set", json_string(store_identity_sets[sub->identity_set]));
	if (o && sub->n_dsai_tags)
		json_object_set_new(o, "dsai_tags", json_array());
	for (size_t i = 0; o && i < sub->n_dsai_tags; i++)
		json_array_append_new(json_object_get(o, "dsai_tags"), json_string(sub->dsai_tags[i]));
	return o;
}

static int repdata_json(const char *impu, const char *si, const struct store_repdata *data, void *arg)
{
	return append(arg, store_repdata_json(impu, si, data));
}

static int permission_json(const char *as_host, int dr, uint32_t ops, void *arg)
{
	return append(arg, store_permission_json(as_host, dr, ops));
}

static int subscription_json(const struct store_subscription *sub, void *arg)
{
	return append(arg, store_subscription_json(sub));
}

static int export_fn(struct hss_store *s, MDB_txn *txn, void *arg)
{
	json_t *doc = arg;
	int rc = db_each_prefix(txn, s->dbi[DB_SUBSCRIBERS], NULL, 0, subscriber_json,
				json_object_get(doc, "subscribers"));

	if (rc == 0)
		rc = repdata_each(s, txn, repdata_json, json_object_get(doc, "repository_data"));
	if (rc == 0)
		rc = permission_scan(s, txn, permission_json, json_object_get(doc, "as_permissions"));
	if (rc == 0)
		rc = subscription_scan(s, txn, NULL, -1, NULL, subscription_json, json_object_get(doc, "subscriptions"));
	return rc;
}

int store_export(struct hss_store *store, json_t **document)
{
	json_t *doc = json_pack("{s:[], s:[], s:[], s:[]}", "subscribers", "repository_data", "as_permissions",
				"subscriptions");
	int rc = doc ? store_read(store, export_fn, doc) : ENOMEM;

	*document = NULL;
	if (rc == 0)
		*document = doc;
	else
		json_decref(doc);
	return rc;
}

struct import_arg {
	json_t *doc;
	char *err;
	size_t errlen;
	void (*progress)(size_t done, void *arg);
	size_t every, done;
	void *arg;
};

static void tick(struct import_arg *a)
{
	a->done++;
	if (a->progress && a->every && a->done % a->every == 0)
		a->progress(a->done, a->arg);
}

static const char *member(json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));

	return s ? s : "";
}

/* The error of record i of a section, for a reason found while storing it. */
static int record_error(struct import_arg *a, const char *section, size_t i, const char *path, int rc)
{
	char root[64];

	snprintf(root, sizeof root, "$.%s[%zu]", section, i);
	if (rc == ENOENT)
		store_error(a->err, a->errlen, root, ".impu", "unknown public identity");
	else if (rc == EINVAL)
		store_error(a->err, a->errlen, root, path, "refused (too long or not allowed)");
	return rc == ENOENT ? EINVAL : rc;
}

static int import_repdata(struct wtx *w, struct import_arg *a, json_t *r, size_t i)
{
	const char *impu = member(r, "impu"), *si = member(r, "service_indication");
	json_t *data = json_object_get(r, "service_data");
	uint32_t seq = (uint32_t)json_integer_value(json_object_get(r, "sequence_number")), old;
	MDB_val k = mval(impu, strlen(impu)), v;
	int rc = mdb_get(w->txn, w->store->dbi[DB_IMPU], &k, &v);

	if (rc == MDB_NOTFOUND)
		return record_error(a, "repository_data", i, "", ENOENT);
	if (rc == 0)
		rc = repdata_seq(w, impu, si, &old);
	/* Only data that was there can have subscribers to notify. */
	if (rc == 0 && !change_add(w, impu, 0, si, seq, 0))
		rc = ENOMEM;
	if (rc == 0 || rc == MDB_NOTFOUND)
		rc = repdata_put(w, impu, si, seq, json_string_value(data), json_string_length(data));
	return rc;
}

static int import_subscription(struct wtx *w, struct import_arg *a, json_t *r, size_t i)
{
	struct store_subscription sub = { 0 };
	json_t *tag;
	int rc;

	snprintf(sub.impu, sizeof sub.impu, "%s", member(r, "impu"));
	snprintf(sub.as_host, sizeof sub.as_host, "%s", member(r, "as_host"));
	snprintf(sub.service_indication, sizeof sub.service_indication, "%s", member(r, "service_indication"));
	snprintf(sub.user_name, sizeof sub.user_name, "%s", member(r, "user_name"));
	sub.data_reference = (int)json_integer_value(json_object_get(r, "data_reference"));
	sub.expiry = (time_t)json_integer_value(json_object_get(r, "expiry"));
	sub.one_time = json_is_true(json_object_get(r, "one_time"));
	snprintf(sub.server_name, sizeof sub.server_name, "%s", member(r, "server_name"));
	sub.identity_set = store_enum_value(store_identity_sets, member(r, "identity_set"));
	sub.has_identity_set = sub.identity_set >= 0;
	json_array_foreach(json_object_get(r, "dsai_tags"), sub.n_dsai_tags, tag)
		snprintf(sub.dsai_tags[sub.n_dsai_tags], sizeof sub.dsai_tags[0], "%s", json_string_value(tag));
	rc = subscription_store(w, &sub);
	return rc ? record_error(a, "subscriptions", i, "", rc) : 0;
}

static int import_subscriber(struct wtx *w, struct import_arg *a, json_t *r, size_t i)
{
	char root[64];

	snprintf(root, sizeof root, "$.subscribers[%zu]", i);
	return subscriber_store(w, r, root, a->err, a->errlen);
}

static int import_permission(struct wtx *w, struct import_arg *a, json_t *r, size_t i)
{
	int rc = permission_store(w, member(r, "as_host"), (int)json_integer_value(json_object_get(r, "data_reference")),
				  operations_bits(json_object_get(r, "operations")));

	return rc ? record_error(a, "as_permissions", i, ".as_host", rc) : 0;
}

/* In this order: subscriptions and repository data need their identities. */
static const struct {
	const char *name;
	int (*import)(struct wtx *w, struct import_arg *a, json_t *record, size_t i);
} sections[] = {
	{ "subscribers", import_subscriber },
	{ "repository_data", import_repdata },
	{ "as_permissions", import_permission },
	{ "subscriptions", import_subscription },
};

static int import_fn(struct wtx *w, void *arg)
{
	struct import_arg *a = arg;
	json_t *r;
	size_t i;

	a->done = 0;
	for (size_t s = 0; s < sizeof sections / sizeof *sections; s++) {
		json_array_foreach(json_object_get(a->doc, sections[s].name), i, r) {
			int rc = sections[s].import(w, a, r, i);

			if (rc)
				return rc;
			tick(a);
		}
	}
	return 0;
}

int store_import(struct hss_store *store, json_t *document, char *err, size_t errlen,
		 void (*progress)(size_t done, void *arg), size_t every, void *arg)
{
	struct import_arg a = { document, err, errlen, progress, every, 0, arg };
	int rc;

	if (err && errlen)
		err[0] = 0;
	if (!document)
		return EINVAL;
	rc = document_validate(document, err, errlen);
	return rc ? rc : store_write(store, import_fn, &a);
}
