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
 * Address is the IP address in text. The dictionary look-ups of each AVP code are cached; the text
 * is written directly (json_out.c). */
#include "app_cdf.h"
#include "json_out.h"

#include <arpa/inet.h>
#include <math.h>
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

static uint64_t be(const uint8_t *p, size_t n)
{
	uint64_t v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* Each writer below adds the value members of one AVP ("value", "enum") and returns 1, or 0
 * when the bytes are not a value of that type (the AVP is then shown as hex). */

static int time_value(struct json_out *o, const uint8_t *p, size_t len)
{
	int64_t ntp;
	time_t t;
	struct tm tm;
	char buf[32];

	if (len != 4)
		return 0;
	ntp = (int64_t)be(p, 4);
	if (ntp < 0x80000000LL) /* past 2036 (RFC 6733 §4.3.1) */
		ntp += 1LL << 32;
	t = (time_t)(ntp - NTP_TO_UNIX);
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "\"value\":\"%Y-%m-%dT%H:%M:%SZ\"", &tm);
	out_text(o, buf);
	return 1;
}

static int address_value(struct json_out *o, const uint8_t *p, size_t len)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned family = len >= 2 ? (unsigned)be(p, 2) : 0;

	if ((family == 1 && len == 6 && inet_ntop(AF_INET, p + 2, buf, sizeof buf)) ||
	    (family == 2 && len == 18 && inet_ntop(AF_INET6, p + 2, buf, sizeof buf))) {
		out_text(o, "\"value\":");
		out_string(o, (const uint8_t *)buf, strlen(buf));
		return 1;
	}
	return 0;
}

static int text_value(struct json_out *o, const uint8_t *p, size_t len)
{
	if (!out_utf8_valid(p, len))
		return 0;
	out_text(o, "\"value\":");
	out_string(o, p, len);
	return 1;
}

/* The enumerated name of an Integer32 / Unsigned32 value, or NULL. */
static const char *enum_name(const struct avp_info *info, uint32_t v)
{
	struct dict_enumval_request req;
	struct dict_object *e = NULL;
	struct dict_enumval_data data;

	if (!info->type || (info->base != AVP_TYPE_INTEGER32 && info->base != AVP_TYPE_UNSIGNED32))
		return NULL;
	memset(&req, 0, sizeof req);
	req.type_obj = info->type;
	if (info->base == AVP_TYPE_INTEGER32)
		req.search.enum_value.i32 = (int32_t)v;
	else
		req.search.enum_value.u32 = v;
	if (fd_dict_search(fd_g_config->cnf_dict, DICT_ENUMVAL, ENUMVAL_BY_STRUCT, &req, &e, ENOENT) || !e ||
	    fd_dict_getval(e, &data))
		return NULL;
	return data.enum_name;
}

static int float_value(struct json_out *o, double f)
{
	if (isfinite(f))
		out_format(o, "\"value\":%.17g", f);
	else
		out_text(o, "\"value\":null");
	return 1;
}

static int number_value(struct json_out *o, const struct avp_info *info, const uint8_t *p, size_t len)
{
	int wide = info->base == AVP_TYPE_INTEGER64 || info->base == AVP_TYPE_UNSIGNED64 || info->base == AVP_TYPE_FLOAT64;
	uint64_t v;
	const char *e;

	if (len != (wide ? 8u : 4u))
		return 0;
	v = be(p, len);
	switch (info->base) {
	case AVP_TYPE_FLOAT32: {
		float f;
		uint32_t u = (uint32_t)v;
		memcpy(&f, &u, sizeof f);
		return float_value(o, f);
	}
	case AVP_TYPE_FLOAT64: {
		double f;
		memcpy(&f, &v, sizeof f);
		return float_value(o, f);
	}
	case AVP_TYPE_INTEGER64:
		out_format(o, "\"value\":%lld", (long long)(int64_t)v);
		return 1;
	case AVP_TYPE_UNSIGNED64:
		/* above 2^63 JSON readers (jansson) take no integer: given as text */
		out_format(o, v > INT64_MAX ? "\"value\":\"%llu\"" : "\"value\":%llu", (unsigned long long)v);
		return 1;
	default:
		if (info->base == AVP_TYPE_INTEGER32)
			out_format(o, "\"value\":%d", (int32_t)v);
		else
			out_format(o, "\"value\":%u", (uint32_t)v);
		if ((e = enum_name(info, (uint32_t)v))) {
			out_text(o, ",\"enum\":");
			out_string(o, (const uint8_t *)e, strlen(e));
		}
		return 1;
	}
}

static int render_list(struct json_out *o, const uint8_t *p, size_t len, int depth);

/* The value members of one AVP: "value" (and "enum"), "avps", or "hex". */
static void render_value(struct json_out *o, const struct avp_info *info, const uint8_t *data, size_t len, int depth)
{
	size_t mark = o->len;
	int done = 0;

	switch (info->name ? info->kind : KIND_HEX) {
	case KIND_GROUPED:
		if (depth < MAX_DEPTH) {
			out_text(o, "\"avps\":");
			done = !render_list(o, data, len, depth + 1);
		}
		break;
	case KIND_TEXT:
		done = text_value(o, data, len);
		break;
	case KIND_TIME:
		done = time_value(o, data, len);
		break;
	case KIND_ADDRESS:
		done = address_value(o, data, len);
		break;
	case KIND_NUMBER:
		done = number_value(o, info, data, len);
		break;
	case KIND_HEX:
		break;
	}
	if (!done) {
		o->len = mark; /* drop what a malformed group wrote */
		out_text(o, "\"hex\":");
		out_hex(o, data, len);
	}
}

/* A list of encoded AVPs (RFC 6733 §4.1) as a JSON array; -1 when they are malformed. */
static int render_list(struct json_out *o, const uint8_t *p, size_t len, int depth)
{
	size_t off = 0;

	out_text(o, "[");
	while (off < len) {
		uint32_t code, vendor = 0, alen;
		size_t hlen;
		struct avp_info info;

		if (len - off < 8)
			return -1;
		code = (uint32_t)be(p + off, 4);
		alen = (uint32_t)be(p + off + 5, 3);
		hlen = p[off + 4] & AVP_FLAG_VENDOR ? 12 : 8;
		if (alen < hlen || alen > len - off)
			return -1;
		if (hlen == 12)
			vendor = (uint32_t)be(p + off + 8, 4);
		info = avp_info(code, vendor);
		out_text(o, off ? ",{" : "{");
		if (info.name) {
			out_text(o, "\"name\":");
			out_string(o, (const uint8_t *)info.name, strlen(info.name));
			out_text(o, ",");
		}
		out_format(o, "\"code\":%u,", code);
		if (hlen == 12)
			out_format(o, "\"vendor\":%u,", vendor);
		render_value(o, &info, p + off + hlen, alen - hlen, depth);
		out_text(o, "}");
		off += (alen + 3u) & ~3u;
	}
	out_text(o, "]");
	return 0;
}

char *cdf_render_avps(const uint8_t *msg, size_t len)
{
	struct json_out o = { 0 };

	if (len < 20 || render_list(&o, msg + 20, len - 20, 0) || o.failed) {
		free(o.text);
		return NULL;
	}
	return o.text;
}
