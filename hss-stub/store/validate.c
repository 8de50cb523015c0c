/* Validation of subscriber documents (docs/hss-store.md): types, enumerations, formats, required
 * and unknown members, from the tables below; the first error is reported as
 * "<JSON path>: <reason>". */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "store_int.h"

const char *const store_identity_types[] = { "PUBLIC_USER_IDENTITY", "DISTINCT_PSI", "WILDCARDED_PSI",
					     "WILDCARDED_IMPU", NULL };
const char *const store_ims_user_states[] = { "NOT_REGISTERED", "REGISTERED", "REGISTERED_UNREG_SERVICES",
					      "AUTHENTICATION_PENDING", NULL };
const char *const store_cs_user_states[] = { "CAMELBusy", "NetworkDeterminedNotReachable", "AssumedIdle",
					     "NotProvidedFromVLR", NULL };
const char *const store_ps_user_states[] = { "Detached", "AttachedNotReachableForPaging",
					     "AttachedReachableForPaging", "ConnectedNotReachableForPaging",
					     "ConnectedReachableForPaging", "notProvidedFromSGSNorMME",
					     "networkDeterminedNotReachable", NULL };
const char *const store_default_handlings[] = { "SESSION_CONTINUED", "SESSION_TERMINATED", NULL };
const char *const store_profile_parts[] = { "REGISTERED", "UNREGISTERED", NULL };
const char *const store_psi_activations[] = { "INACTIVE", "ACTIVE", NULL };
const char *const store_dsai_values[] = { "ACTIVE", "INACTIVE", NULL };
const char *const store_identity_sets[] = { "ALL_IDENTITIES", "REGISTERED_IDENTITIES", "IMPLICIT_IDENTITIES",
					    "ALIAS_IDENTITIES", NULL };

int store_enum_value(const char *const *names, const char *name)
{
	for (int i = 0; name && names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

enum kind {
	K_TEXT,     /* printable text, min..max bytes (max 0: 255) */
	K_URI,      /* sip:, sips: or tel: URI */
	K_SIP_URI,  /* sip: or sips: URI */
	K_NAI,      /* user@realm */
	K_FQDN,     /* host name (DiameterIdentity) */
	K_DIGITS,   /* min..max decimal digits */
	K_HEX,      /* max hexadecimal digits (the fixed lengths of ShData.xsd) */
	K_IP,       /* IPv4 or IPv6 address */
	K_XML,      /* XML text starting with the element named in sub */
	K_ENUM,     /* one of the names in sub */
	K_BOOL,
	K_INT,      /* min..max */
	K_OBJECT,   /* members described by the table in sub */
	K_ARRAY,    /* min..max items described by the field in sub */
	K_MAP,      /* object: public identity -> value described by the field in sub */
	K_ANY,      /* checked elsewhere */
};

struct field {
	const char *name;
	enum kind kind;
	int required;
	long min, max;
	const void *sub;
};

#define END { NULL, K_TEXT, 0, 0, 0, NULL }

static const struct field impu_fields[] = {
	{ "uri", K_URI, 1, 0, 0, NULL },
	{ "type", K_ENUM, 0, 0, 0, store_identity_types },
	{ "barred", K_BOOL, 0, 0, 0, NULL },
	{ "implicit_set", K_INT, 0, 1, 65535, NULL },
	{ "alias_group", K_INT, 0, 1, 65535, NULL },
	END
};
static const struct field impu_item = { NULL, K_OBJECT, 1, 0, 0, impu_fields };
static const struct field msisdn_item = { NULL, K_DIGITS, 1, 5, 15, NULL };

static const struct field ifc_fields[] = {
	{ "priority", K_INT, 1, 0, 2147483647, NULL },
	{ "server_name", K_SIP_URI, 1, 0, 0, NULL },
	{ "default_handling", K_ENUM, 0, 0, 0, store_default_handlings },
	{ "service_info", K_TEXT, 0, 1, 4096, NULL },
	{ "trigger_point", K_XML, 0, 0, 65536, "<TriggerPoint" },
	{ "profile_part_indicator", K_ENUM, 0, 0, 0, store_profile_parts },
	END
};
static const struct field ifc_item = { NULL, K_OBJECT, 1, 0, 0, ifc_fields };

static const struct field charging_fields[] = {
	{ "primary_ecf", K_TEXT, 0, 1, 0, NULL },
	{ "secondary_ecf", K_TEXT, 0, 1, 0, NULL },
	{ "primary_ccf", K_TEXT, 0, 1, 0, NULL },
	{ "secondary_ccf", K_TEXT, 0, 1, 0, NULL },
	END
};

static const struct field psi_item = { NULL, K_ENUM, 1, 0, 0, store_psi_activations };

static const struct field dsai_fields[] = {
	{ "server_name", K_SIP_URI, 1, 0, 0, NULL },
	{ "tag", K_TEXT, 1, 1, 0, NULL },
	{ "value", K_ENUM, 1, 0, 0, store_dsai_values },
	END
};
static const struct field dsai_item = { NULL, K_OBJECT, 1, 0, 0, dsai_fields };

#define LOCATION_COMMON \
	{ "geographical_information", K_HEX, 0, 12, 12, NULL }, \
	{ "geodetic_information", K_HEX, 0, 16, 16, NULL }, \
	{ "current_location_retrieved", K_BOOL, 0, 0, 0, NULL }, \
	{ "age_of_location_information", K_INT, 0, 0, 32767, NULL }

#define CELL_IDS \
	{ "cell_global_id", K_HEX, 0, 12, 12, NULL }, \
	{ "service_area_id", K_HEX, 0, 12, 12, NULL }, \
	{ "location_area_id", K_HEX, 0, 8, 8, NULL }

static const struct field cs_location_fields[] = {
	CELL_IDS,
	{ "vlr_number", K_DIGITS, 0, 4, 15, NULL },
	{ "msc_number", K_DIGITS, 0, 4, 15, NULL },
	LOCATION_COMMON,
	END
};

static const struct field ps_location_fields[] = {
	CELL_IDS,
	{ "routing_area_id", K_HEX, 0, 8, 8, NULL },
	{ "sgsn_number", K_DIGITS, 0, 4, 15, NULL },
	LOCATION_COMMON,
	END
};

static const struct field eps_location_fields[] = {
	{ "e_utran_cell_global_id", K_HEX, 0, 12, 12, NULL },
	{ "tracking_area_id", K_HEX, 0, 8, 8, NULL },
	{ "mme_name", K_FQDN, 0, 0, 0, NULL },
	{ "visited_plmn_id", K_DIGITS, 0, 5, 6, NULL },
	LOCATION_COMMON,
	END
};

static const struct field serving_node_fields[] = {
	{ "mme_name", K_FQDN, 0, 0, 0, NULL },
	{ "mme_realm", K_FQDN, 0, 0, 0, NULL },
	{ "sgsn_name", K_FQDN, 0, 0, 0, NULL },
	{ "sgsn_realm", K_FQDN, 0, 0, 0, NULL },
	{ "sgsn_number", K_DIGITS, 0, 4, 15, NULL },
	{ "msc_number", K_DIGITS, 0, 4, 15, NULL },
	{ "visited_plmn", K_DIGITS, 0, 5, 6, NULL },
	{ "gmlc_address", K_IP, 0, 0, 0, NULL },
	END
};
static const struct field lcs_client_item = { NULL, K_TEXT, 1, 1, 0, NULL };

static const struct field subscriber_fields[] = {
	{ "impi", K_NAI, 1, 0, 0, NULL },
	{ "impus", K_ARRAY, 1, 1, 100, &impu_item },
	{ "msisdns", K_ARRAY, 0, 0, 10, &msisdn_item },
	{ "imsi", K_DIGITS, 0, 6, 15, NULL },
	{ "ims_user_state", K_ENUM, 0, 0, 0, store_ims_user_states },
	{ "scscf_name", K_SIP_URI, 0, 0, 0, NULL },
	{ "ifcs", K_ARRAY, 0, 0, 100, &ifc_item },
	{ "charging", K_OBJECT, 0, 0, 0, charging_fields },
	{ "psi_activation", K_MAP, 0, 0, 100, &psi_item },
	{ "dsai", K_ARRAY, 0, 0, 100, &dsai_item },
	{ "cs_location", K_OBJECT, 0, 0, 0, cs_location_fields },
	{ "ps_location", K_OBJECT, 0, 0, 0, ps_location_fields },
	{ "eps_location", K_OBJECT, 0, 0, 0, eps_location_fields },
	{ "cs_user_state", K_ENUM, 0, 0, 0, store_cs_user_states },
	{ "ps_user_state", K_ENUM, 0, 0, 0, store_ps_user_states },
	{ "eps_user_state", K_ENUM, 0, 0, 0, store_ps_user_states },
	{ "serving_node", K_OBJECT, 0, 0, 0, serving_node_fields },
	{ "lcs_privacy", K_ARRAY, 0, 0, 100, &lcs_client_item },
	END
};
static const struct field subscriber = { NULL, K_OBJECT, 1, 0, 0, subscriber_fields };

/* The whole-store document (store_export). */
static const struct field repdata_fields[] = {
	{ "impu", K_URI, 1, 0, 0, NULL },
	{ "service_indication", K_TEXT, 1, 1, 0, NULL },
	{ "sequence_number", K_INT, 1, 0, 65535, NULL },
	{ "service_data", K_XML, 1, 0, 1 << 20, "<" },
	END
};
static const struct field repdata_item = { NULL, K_OBJECT, 1, 0, 0, repdata_fields };

static const struct field operation_item = { NULL, K_ENUM, 1, 0, 0, store_perm_names };
static const struct field permission_fields[] = {
	{ "as_host", K_TEXT, 1, 1, 0, NULL },
	{ "data_reference", K_INT, 1, 0, STORE_MAX_DR, NULL },
	{ "operations", K_ARRAY, 1, 0, 3, &operation_item },
	END
};
static const struct field permission_item = { NULL, K_OBJECT, 1, 0, 0, permission_fields };

static const struct field dsai_tag_item = { NULL, K_TEXT, 1, 1, 0, NULL };
static const struct field subscription_fields[] = {
	{ "impu", K_URI, 1, 0, 0, NULL },
	{ "as_host", K_FQDN, 1, 0, 0, NULL },
	{ "data_reference", K_INT, 1, 0, STORE_MAX_DR, NULL },
	{ "service_indication", K_TEXT, 0, 1, 0, NULL },
	{ "expiry", K_INT, 0, 1, LONG_MAX, NULL },
	{ "user_name", K_NAI, 0, 0, 0, NULL },
	{ "one_time", K_BOOL, 0, 0, 0, NULL },
	{ "server_name", K_TEXT, 0, 1, 0, NULL },
	{ "identity_set", K_ENUM, 0, 0, 0, store_identity_sets },
	{ "dsai_tags", K_ARRAY, 0, 1, STORE_MAX_DSAI_TAGS, &dsai_tag_item },
	END
};
static const struct field subscription_item = { NULL, K_OBJECT, 1, 0, 0, subscription_fields };

static const struct field any_item = { NULL, K_ANY, 1, 0, 0, NULL };
static const struct field document_fields[] = {
	{ "subscribers", K_ARRAY, 0, 0, LONG_MAX, &any_item },
	{ "repository_data", K_ARRAY, 0, 0, LONG_MAX, &repdata_item },
	{ "as_permissions", K_ARRAY, 0, 0, LONG_MAX, &permission_item },
	{ "subscriptions", K_ARRAY, 0, 0, LONG_MAX, &subscription_item },
	END
};
static const struct field document = { NULL, K_OBJECT, 1, 0, 0, document_fields };

void store_error(char *err, size_t errlen, const char *root, const char *path, const char *reason)
{
	if (err && errlen)
		snprintf(err, errlen, "%s%s: %s", root, path, reason);
}

/* Where validation is: the path of the current value and the error output. */
struct vctx {
	char path[512];
	char *err;
	size_t errlen;
};

static int fail(struct vctx *v, const char *reason)
{
	store_error(v->err, v->errlen, "", v->path, reason);
	return EINVAL;
}

/* Append to the path; returns the length to restore. */
static size_t path_push(struct vctx *v, const char *fmt, const char *name, size_t index)
{
	size_t len = strlen(v->path);

	if (name)
		snprintf(v->path + len, sizeof v->path - len, fmt, name);
	else
		snprintf(v->path + len, sizeof v->path - len, fmt, index);
	return len;
}

static int only(const char *s, const char *chars)
{
	return s[strspn(s, chars)] == 0;
}

#define DIGITS "0123456789"
#define HEX DIGITS "abcdefABCDEF"
#define HOST "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" DIGITS "-."

static int printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* No space, no control character. */
static int token(const char *s)
{
	return *s && printable(s) && !strchr(s, ' ');
}

static int uri_with(const char *s, const char *const *schemes)
{
	for (; *schemes; schemes++) {
		size_t n = strlen(*schemes);

		if (strncmp(s, *schemes, n) == 0)
			return token(s + n);
	}
	return 0;
}

static int check_string(struct vctx *v, const struct field *f, const char *s)
{
	static const char *const sip[] = { "sip:", "sips:", NULL };
	static const char *const uri[] = { "sip:", "sips:", "tel:", NULL };
	size_t len = strlen(s), max = f->max ? (size_t)f->max : 255;
	const char *at = strchr(s, '@');
	char reason[64];
	unsigned char addr[16];

	switch (f->kind) {
	case K_URI:
		return len <= max && uri_with(s, uri) ? 0 : fail(v, "not a sip: or tel: URI");
	case K_SIP_URI:
		return len <= max && uri_with(s, sip) ? 0 : fail(v, "not a sip: URI");
	case K_NAI:
		return len <= max && token(s) && at && at != s && at[1] ? 0 : fail(v, "not a NAI (user@realm)");
	case K_FQDN:
		return len && len <= max && only(s, HOST) && s[0] != '.' ? 0 : fail(v, "not a host name");
	case K_IP:
		return inet_pton(AF_INET, s, addr) == 1 || inet_pton(AF_INET6, s, addr) == 1 ? 0 :
			fail(v, "not an IPv4 or IPv6 address");
	case K_DIGITS:
		if (only(s, DIGITS) && len >= (size_t)f->min && len <= max)
			return 0;
		snprintf(reason, sizeof reason, "not %ld to %ld digits", f->min, f->max);
		return fail(v, reason);
	case K_HEX:
		if (only(s, HEX) && len == max)
			return 0;
		snprintf(reason, sizeof reason, "not %ld hexadecimal digits", f->max);
		return fail(v, reason);
	case K_XML:
		if (len > max)
			return fail(v, "too long");
		if (strncmp(s, f->sub, strlen(f->sub)) == 0)
			return 0;
		snprintf(reason, sizeof reason, "not XML starting with %s", (const char *)f->sub);
		return fail(v, reason);
	default: /* K_TEXT */
		if (len < (size_t)f->min || len > max)
			return fail(v, len ? "too long" : "empty");
		return printable(s) ? 0 : fail(v, "control character");
	}
}

static int check_enum(struct vctx *v, const char *const *names, json_t *value)
{
	char reason[256] = "not one of";
	size_t len;

	if (json_is_string(value) && store_enum_value(names, json_string_value(value)) >= 0)
		return 0;
	for (; *names; names++) {
		len = strlen(reason);
		snprintf(reason + len, sizeof reason - len, " %s%s", *names, names[1] ? "," : "");
	}
	return fail(v, reason);
}

static int check_value(struct vctx *v, const struct field *f, json_t *value);

static int check_object(struct vctx *v, const struct field *fields, json_t *value)
{
	const char *name;
	json_t *member;
	int rc = 0;

	if (!json_is_object(value))
		return fail(v, "not an object");
	for (const struct field *f = fields; !rc && f->name; f++) {
		size_t len = path_push(v, ".%s", f->name, 0);

		member = json_object_get(value, f->name);
		if (member)
			rc = check_value(v, f, member);
		else if (f->required)
			rc = fail(v, "missing");
		v->path[len] = 0;
	}
	if (rc)
		return rc;
	json_object_foreach(value, name, member) {
		const struct field *f = fields;

		while (f->name && strcmp(f->name, name) != 0)
			f++;
		if (!f->name) {
			path_push(v, ".%s", name, 0);
			return fail(v, "unknown member");
		}
	}
	return 0;
}

static int check_value(struct vctx *v, const struct field *f, json_t *value)
{
	const struct field *item = f->sub;
	char reason[64];
	size_t i, len, size;
	const char *key;
	json_t *elem;
	int rc = 0;

	switch (f->kind) {
	case K_ENUM:
		return check_enum(v, f->sub, value);
	case K_BOOL:
		return json_is_boolean(value) ? 0 : fail(v, "not true or false");
	case K_INT:
		if (json_is_integer(value) && json_integer_value(value) >= f->min &&
		    json_integer_value(value) <= f->max)
			return 0;
		snprintf(reason, sizeof reason, "not an integer from %ld to %ld", f->min, f->max);
		return fail(v, reason);
	case K_OBJECT:
		return check_object(v, f->sub, value);
	case K_ANY:
		return 0;
	case K_ARRAY:
	case K_MAP:
		if (f->kind == K_ARRAY ? !json_is_array(value) : !json_is_object(value))
			return fail(v, f->kind == K_ARRAY ? "not an array" : "not an object");
		size = f->kind == K_ARRAY ? json_array_size(value) : json_object_size(value);
		if (size < (size_t)f->min)
			return fail(v, "empty");
		if (size > (size_t)f->max) {
			snprintf(reason, sizeof reason, "more than %ld items", f->max);
			return fail(v, reason);
		}
		json_array_foreach(value, i, elem) {
			len = path_push(v, "[%zu]", NULL, i);
			rc = check_value(v, item, elem);
			if (rc)
				return rc;
			v->path[len] = 0;
		}
		json_object_foreach(value, key, elem) {
			struct field uri = { NULL, K_URI, 1, 0, 0, NULL };

			len = path_push(v, "[\"%s\"]", key, 0);
			rc = check_string(v, &uri, key);
			if (!rc)
				rc = check_value(v, item, elem);
			if (rc)
				return rc;
			v->path[len] = 0;
		}
		return 0;
	default:
		return json_is_string(value) ? check_string(v, f, json_string_value(value)) :
			fail(v, "not a string");
	}
}

/* The index of the entry of array whose member 'name' is the string s, below 'before'. */
static size_t find_in(json_t *array, const char *name, const char *s, size_t before)
{
	size_t i;
	json_t *elem;

	json_array_foreach(array, i, elem) {
		json_t *m = name ? json_object_get(elem, name) : elem;

		if (i == before || strcmp(json_string_value(m), s) == 0)
			return i;
	}
	return before;
}

/* What the tables cannot say: no identity twice, PSI activation only for distinct PSIs. */
static int check_cross(struct vctx *v, json_t *doc)
{
	json_t *impus = json_object_get(doc, "impus"), *msisdns = json_object_get(doc, "msisdns");
	json_t *elem;
	const char *key;
	size_t i;

	json_array_foreach(impus, i, elem) {
		const char *uri = json_string_value(json_object_get(elem, "uri"));

		if (find_in(impus, "uri", uri, i) != i) {
			path_push(v, ".impus[%zu].uri", NULL, i);
			return fail(v, "public identity given twice");
		}
	}
	json_array_foreach(msisdns, i, elem) {
		if (find_in(msisdns, NULL, json_string_value(elem), i) != i) {
			path_push(v, ".msisdns[%zu]", NULL, i);
			return fail(v, "MSISDN given twice");
		}
	}
	json_object_foreach(json_object_get(doc, "psi_activation"), key, elem) {
		size_t at = find_in(impus, "uri", key, json_array_size(impus));
		json_t *type = json_object_get(json_array_get(impus, at), "type");

		if (store_enum_value(store_identity_types, json_string_value(type)) != 1) {
			path_push(v, ".psi_activation[\"%s\"]", key, 0);
			return fail(v, "not a DISTINCT_PSI of this subscriber");
		}
	}
	return 0;
}

/* What TS 29.328 Table 7.6.1 allows each Data-Reference (store_dr_operations): the
 * operations of a permission, the subscriptions (Subs-Notif; a Service-Indication with
 * RepositoryData only, and always with it). */
static int check_access(struct vctx *v, json_t *doc)
{
	json_t *elem, *op;
	size_t i, k;

	json_array_foreach(json_object_get(doc, "as_permissions"), i, elem) {
		uint32_t allowed = store_dr_operations((int)json_integer_value(json_object_get(elem, "data_reference")));

		path_push(v, ".as_permissions[%zu]", NULL, i);
		if (!allowed) {
			path_push(v, ".data_reference", NULL, 0);
			return fail(v, "not a Data-Reference this HSS serves (" STORE_DATA_REFERENCES ")");
		}
		json_array_foreach(json_object_get(elem, "operations"), k, op) {
			if (!(allowed & 1u << store_enum_value(store_perm_names, json_string_value(op)))) {
				path_push(v, ".operations[%zu]", NULL, k);
				return fail(v, "not allowed for this Data-Reference (TS 29.328 Table 7.6.1)");
			}
		}
		v->path[1] = '\0';
	}
	json_array_foreach(json_object_get(doc, "subscriptions"), i, elem) {
		int dr = (int)json_integer_value(json_object_get(elem, "data_reference"));

		path_push(v, ".subscriptions[%zu]", NULL, i);
		if (!(store_dr_operations(dr) & STORE_PERM_SUBS_NOTIF)) {
			path_push(v, ".data_reference", NULL, 0);
			return fail(v, "no subscription to this Data-Reference (TS 29.328 Table 7.6.1)");
		}
		if (!json_object_get(elem, "service_indication") != (dr != 0)) {
			path_push(v, ".service_indication", NULL, 0);
			return fail(v, dr ? "only RepositoryData (0) has one" : "RepositoryData (0) needs one");
		}
		v->path[1] = '\0';
	}
	return 0;
}

int document_validate(json_t *doc, char *err, size_t errlen)
{
	struct vctx v = { .path = "$", .err = err, .errlen = errlen };
	int rc = check_value(&v, &document, doc);

	return rc ? rc : check_access(&v, doc);
}

int subscriber_validate(json_t *doc, const char *root, char *err, size_t errlen)
{
	struct vctx v = { .err = err, .errlen = errlen };
	int rc;

	snprintf(v.path, sizeof v.path, "%s", root);
	rc = check_value(&v, &subscriber, doc);
	return rc ? rc : check_cross(&v, doc);
}
