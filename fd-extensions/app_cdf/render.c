/* The JSON form of a stored ACR: its AVPs read from the encoded bytes (so that unknown AVPs keep
 * their exact content), named and typed with the dictionary.
 *
 *   [{"name": "Session-Id", "code": 263, "value": "..."},
 *    {"name": "Service-Information", "code": 873, "vendor": 10415, "avps": [ ... ]},
 *    {"name": "Node-Functionality", "code": 862, "vendor": 10415, "value": 6, "enum": "AS"},
 *    {"name": "Event-Timestamp", "code": 55, "value": "2026-11-22T03:00:00Z"},
 *    {"code": 99999, "vendor": 10415, "hex": "0a0b"}]            (an AVP the dictionary lacks)
 *
 * OctetStrings are "hex", UTF8String / DiameterIdentity / DiameterURI are text, Time is UTC,
 * Address is the IP address in text. The dictionary look-ups of each AVP code are cached. */
#include "app_cdf.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <time.h>

#define NTP_TO_UNIX 2208988800LL
#define CACHE_SLOTS 2048 /* a power of two, more than the AVPs of the loaded dictionaries */
#define MAX_DEPTH 16     /* grouped AVPs nested deeper are shown as hex */

enum value_kind { KIND_HEX, KIND_TEXT, KIND_TIME, KIND_ADDRESS, KIND_NUMBER, KIND_GROUPED };

struct avp_info {
	uint32_t code, vendor;
	int used;
	const char *name; /* NULL: not in the dictionary */
	enum dict_avp_basetype base;
	enum value_kind kind;
	struct dict_object *type; /* for enumerated names */
};

static struct avp_info cache[CACHE_SLOTS];
static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;

static enum value_kind kind_of(enum dict_avp_basetype base, const char *type_name)
{
	static const char *const texts[] = { "UTF8String", "DiameterIdentity", "DiameterURI", "IPFilterRule",
					     "QoSFilterRule" };

	if (base == AVP_TYPE_GROUPED)
		return KIND_GROUPED;
	if (base != AVP_TYPE_OCTETSTRING)
		return KIND_NUMBER;
	if (!type_name)
		return KIND_HEX;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!strcmp(type_name, texts[i]))
			return KIND_TEXT;
	return !strcmp(type_name, "Time") ? KIND_TIME : !strcmp(type_name, "Address") ? KIND_ADDRESS : KIND_HEX;
}

static void look_up(struct avp_info *info)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	struct dict_avp_request req = { .avp_vendor = info->vendor, .avp_code = info->code };
	struct dict_object *model = NULL;
	struct dict_avp_data avp;
	struct dict_type_data type;

	info->name = NULL;
	info->kind = KIND_HEX;
	info->type = NULL;
	if (fd_dict_search(d, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, &model, ENOENT) || !model ||
	    fd_dict_getval(model, &avp))
		return;
	info->name = avp.avp_name;
	info->base = avp.avp_basetype;
	if (fd_dict_search(d, DICT_TYPE, TYPE_OF_AVP, model, &info->type, ENOENT) || !info->type ||
	    fd_dict_getval(info->type, &type))
		info->type = NULL;
	info->kind = kind_of(avp.avp_basetype, info->type ? type.type_name : NULL);
}

/* What the dictionary says of (code, vendor), from the cache or looked up and cached. */
static struct avp_info avp_info(uint32_t code, uint32_t vendor)
{
	size_t slot = (code * 31u + vendor) & (CACHE_SLOTS - 1);
	struct avp_info info = { .code = code, .vendor = vendor };

	pthread_rwlock_rdlock(&cache_lock);
	for (size_t i = 0; i < CACHE_SLOTS && cache[slot].used; i++, slot = (slot + 1) & (CACHE_SLOTS - 1)) {
		if (cache[slot].code == code && cache[slot].vendor == vendor) {
			info = cache[slot];
			pthread_rwlock_unlock(&cache_lock);
			return info;
		}
	}
	pthread_rwlock_unlock(&cache_lock);
	look_up(&info);
	info.used = 1;
	pthread_rwlock_wrlock(&cache_lock);
	if (!cache[slot].used) /* else another thread took the slot: leave it uncached */
		cache[slot] = info;
	pthread_rwlock_unlock(&cache_lock);
	return info;
}

static json_t *hex(const uint8_t *p, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *s = malloc(2 * len + 1);
	json_t *j;

	if (!s)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		s[2 * i] = digits[p[i] >> 4];
		s[2 * i + 1] = digits[p[i] & 15];
	}
	s[2 * len] = '\0';
	j = json_string(s);
	free(s);
	return j;
}

static uint64_t be(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static json_t *time_value(const uint8_t *p)
{
	int64_t ntp = (int64_t)be(p, 4);
	time_t t;
	struct tm tm;
	char buf[32];

	if (ntp < 0x80000000LL) /* past 2036 (RFC 6733 §4.3.1) */
		ntp += 1LL << 32;
	t = (time_t)(ntp - NTP_TO_UNIX);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

static json_t *address_value(const uint8_t *p, size_t len)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned family = (unsigned)be(p, 2);

	if ((family == 1 && len == 6 && inet_ntop(AF_INET, p + 2, buf, sizeof buf)) ||
	    (family == 2 && len == 18 && inet_ntop(AF_INET6, p + 2, buf, sizeof buf)))
		return json_string(buf);
	return NULL;
}

static json_t *number_value(const struct avp_info *info, const uint8_t *p, size_t len)
{
	uint64_t v;

	switch (info->base) {
	case AVP_TYPE_INTEGER32:
	case AVP_TYPE_UNSIGNED32:
	case AVP_TYPE_FLOAT32:
		if (len != 4)
			return NULL;
		v = be(p, 4);
		if (info->base == AVP_TYPE_FLOAT32) {
			float f;
			uint32_t u = (uint32_t)v;
			memcpy(&f, &u, sizeof f);
			return json_real(f);
		}
		return json_integer(info->base == AVP_TYPE_INTEGER32 ? (json_int_t)(int32_t)v : (json_int_t)v);
	default:
		if (len != 8)
			return NULL;
		v = be(p, 8);
		if (info->base == AVP_TYPE_FLOAT64) {
			double f;
			memcpy(&f, &v, sizeof f);
			return json_real(f);
		}
		/* Unsigned64 above 2^63 does not fit a JSON integer of jansson: shown as text. */
		if (info->base == AVP_TYPE_UNSIGNED64 && v > INT64_MAX) {
			char buf[24];
			snprintf(buf, sizeof buf, "%llu", (unsigned long long)v);
			return json_string(buf);
		}
		return json_integer((json_int_t)v);
	}
}

/* The enumerated name of an Integer32 / Unsigned32 value, or NULL. */
static const char *enum_name(const struct avp_info *info, const uint8_t *p, size_t len)
{
	struct dict_enumval_request req;
	struct dict_object *e = NULL;
	struct dict_enumval_data data;

	if (!info->type || len != 4 || (info->base != AVP_TYPE_INTEGER32 && info->base != AVP_TYPE_UNSIGNED32))
		return NULL;
	memset(&req, 0, sizeof req);
	req.type_obj = info->type;
	if (info->base == AVP_TYPE_INTEGER32)
		req.search.enum_value.i32 = (int32_t)be(p, 4);
	else
		req.search.enum_value.u32 = (uint32_t)be(p, 4);
	if (fd_dict_search(fd_g_config->cnf_dict, DICT_ENUMVAL, ENUMVAL_BY_STRUCT, &req, &e, ENOENT) || !e ||
	    fd_dict_getval(e, &data))
		return NULL;
	return data.enum_name;
}

static json_t *render_list(const uint8_t *p, size_t len, int depth);

/* Set "value" (or "hex", or "avps") of one AVP's object. */
static int set_value(json_t *obj, const struct avp_info *info, const uint8_t *data, size_t len, int depth)
{
	json_t *v = NULL;
	const char *e;

	switch (info->name ? info->kind : KIND_HEX) {
	case KIND_GROUPED:
		if (depth < MAX_DEPTH && (v = render_list(data, len, depth + 1)))
			return json_object_set_new(obj, "avps", v);
		break;
	case KIND_TEXT:
		v = json_stringn((const char *)data, len); /* NULL when not UTF-8 */
		break;
	case KIND_TIME:
		v = len == 4 ? time_value(data) : NULL;
		break;
	case KIND_ADDRESS:
		v = address_value(data, len);
		break;
	case KIND_NUMBER:
		if ((v = number_value(info, data, len)) && (e = enum_name(info, data, len)))
			json_object_set_new(obj, "enum", json_string(e));
		break;
	case KIND_HEX:
		break;
	}
	if (v)
		return json_object_set_new(obj, "value", v);
	return json_object_set_new(obj, "hex", hex(data, len));
}

/* A list of encoded AVPs (RFC 6733 §4.1) as a JSON array, or NULL when they are malformed. */
static json_t *render_list(const uint8_t *p, size_t len, int depth)
{
	json_t *list = json_array();
	size_t off = 0;

	while (list && off < len) {
		uint32_t code, vendor = 0, alen;
		size_t hlen;
		uint8_t flags;
		struct avp_info info;
		json_t *obj;

		if (len - off < 8)
			goto bad;
		code = (uint32_t)be(p + off, 4);
		flags = p[off + 4];
		alen = (uint32_t)be(p + off + 5, 3);
		hlen = flags & AVP_FLAG_VENDOR ? 12 : 8;
		if (alen < hlen || alen > len - off)
			goto bad;
		if (hlen == 12)
			vendor = (uint32_t)be(p + off + 8, 4);
		info = avp_info(code, vendor);
		obj = json_object();
		if (!obj || json_array_append_new(list, obj))
			goto bad;
		if (info.name)
			json_object_set_new(obj, "name", json_string(info.name));
		json_object_set_new(obj, "code", json_integer(code));
		if (hlen == 12)
			json_object_set_new(obj, "vendor", json_integer(vendor));
		if (set_value(obj, &info, p + off + hlen, alen - hlen, depth))
			goto bad;
		off += (alen + 3u) & ~3u;
	}
	return list;
bad:
	json_decref(list);
	return NULL;
}

char *cdf_render_avps(const uint8_t *msg, size_t len)
{
	json_t *list;
	char *text;

	if (len < 20)
		return NULL;
	if (!(list = render_list(msg + 20, len - 20, 0)))
		return NULL;
	text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	return text;
}
