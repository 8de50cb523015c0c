/* The JSON form of a stored record, as cdf-ctl prints it (docs/cdf-store.md). */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cdf_ctl.h"

int parse_time(const char *text, int64_t *t)
{
	struct tm tm;
	const char *end;
	char *num_end;
	long long v;

	if (!*text)
		return -1;
	v = strtoll(text, &num_end, 10);
	if (!*num_end && v >= 0) {
		*t = v;
		return 0;
	}
	memset(&tm, 0, sizeof tm);
	end = strptime(text, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!end) {
		memset(&tm, 0, sizeof tm);
		end = strptime(text, "%Y-%m-%d", &tm);
	}
	if (!end || (*end && strcmp(end, "Z")))
		return -1;
	*t = (int64_t)timegm(&tm);
	return 0;
}

const char *format_time(int64_t t, int ms, char *buf)
{
	time_t s = (time_t)t;
	struct tm tm;
	size_t n;

	gmtime_r(&s, &tm);
	n = strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	if (ms >= 0)
		snprintf(buf + n, 32 - n, ".%03dZ", ms);
	else
		snprintf(buf + n, 32 - n, "Z");
	return buf;
}

static json_t *sequence_marks(uint32_t marks)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{ CDR_SEQ_NO_START, "no_start" },
		{ CDR_SEQ_LATE, "late" },
		{ CDR_SEQ_AFTER_STOP, "after_stop" },
		{ CDR_SEQ_RESTART, "restart" },
	};
	json_t *list = json_array();

	for (size_t i = 0; list && i < sizeof names / sizeof names[0]; i++)
		if (marks & names[i].bit)
			json_array_append_new(list, json_string(names[i].name));
	return list;
}

json_t *record_json(const struct cdr_view *v)
{
	char event[32], received[32];
	const char *type = cdr_record_type_name(v->record_type);
	json_error_t err;
	json_t *avps = json_loadb(v->json, v->json_len, 0, &err);
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)v->id, "session_id",
			      v->session_id, "record_type", type ? type : "?", "record_number",
			      (json_int_t)v->record_number,
			      "origin_host", v->origin_host, "event_time", format_time(v->event_time, -1, event),
			      "received", format_time(v->received_ms / 1000, (int)(v->received_ms % 1000), received),
			      "sequence", sequence_marks(v->sequence));

	if (!o) {
		json_decref(avps);
		return NULL;
	}
	if (*v->user_name)
		json_object_set_new(o, "user_name", json_string(v->user_name));
	if (*v->subscription_id)
		json_object_set_new(o, "subscription_id", json_string(v->subscription_id));
	json_object_set_new(o, "avps", avps ? avps : json_null());
	return o;
}
