/* The text of MLP's typed values: integers, decimals, times (yyyyMMddhhmmss with a utc_off of
 * [+|-]hhmm) and intervals (ddhhmmss). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlp_internal.h"

const char *const mlp_yes_no[] = { "NO", "YES", NULL };
const char *const mlp_true_false[] = { "FALSE", "TRUE", NULL };

static int bad_value(struct mx_call *c, xmlNode *node, const char *text)
{
	mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "%s \"%.40s\"", (const char *)node->name, text);
	return -1;
}

int mx_long(struct mx_call *c, xmlNode *node, long min, long max, long *v)
{
	char text[32], *end;

	if (mx_text(c, node, text, sizeof text))
		return -1;
	errno = 0;
	*v = strtol(text, &end, 10);
	if (!text[0] || *end || errno || *v < min || *v > max || text[0] == '+')
		return bad_value(c, node, text);
	return 0;
}

int mx_double(struct mx_call *c, xmlNode *node, double min, double max, double *v)
{
	char text[48], *end;

	if (mx_text(c, node, text, sizeof text))
		return -1;
	*v = strtod(text, &end);
	/* strtod also takes hex, "inf" and "nan": MLP numbers are decimal digits. */
	if (!text[0] || *end || strspn(text, "+-0123456789.eE") != strlen(text) || !(*v >= min) ||
	    !(*v <= max))
		return bad_value(c, node, text);
	return 0;
}

/* n digits of s, or -1. */
static long digits(const char *s, int n)
{
	long v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* utc_off "[+|-]hhmm" in seconds east of UTC. */
static int utc_offset(const char *text, long *seconds)
{
	int sign = *text == '-' ? -1 : 1;
	const char *s = *text == '-' || *text == '+' ? text + 1 : text;
	long hh = digits(s, 2), mm = digits(s + 2, 2);

	if (strlen(s) != 4 || hh < 0 || hh > 14 || mm < 0 || mm > 59)
		return -1;
	*seconds = sign * (hh * 3600 + mm * 60);
	return 0;
}

/* t in the years MLP times are written in, 1900 to 9999 UTC (*tm: its date and time). A time read
 * is held to the same years, so that whatever is read can be written back. */
static int utc_writable(time_t t, struct tm *tm)
{
	return gmtime_r(&t, tm) && tm->tm_year >= 0 && tm->tm_year <= 9999 - 1900;
}

int mx_time(struct mx_call *c, xmlNode *node, time_t *t)
{
	char text[32];
	xmlChar *off = xmlGetProp(node, BAD_CAST "utc_off");
	long offset = 0;
	int bad_offset = off && utc_offset((const char *)off, &offset);
	struct tm tm = { 0 };

	xmlFree(off);
	if (bad_offset) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "%s utc_off",
			(const char *)node->name);
		return -1;
	}
	if (mx_text(c, node, text, sizeof text))
		return -1;
	if (strlen(text) != 14 || digits(text, 14) < 0)
		return bad_value(c, node, text);
	tm.tm_year = (int)digits(text, 4) - 1900;
	tm.tm_mon = (int)digits(text + 4, 2) - 1;
	tm.tm_mday = (int)digits(text + 6, 2);
	tm.tm_hour = (int)digits(text + 8, 2);
	tm.tm_min = (int)digits(text + 10, 2);
	tm.tm_sec = (int)digits(text + 12, 2);
	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 ||
	    tm.tm_min > 59 || tm.tm_sec > 60)
		return bad_value(c, node, text);
	int mday = tm.tm_mday;
	*t = timegm(&tm);
	if (tm.tm_mday != mday) /* timegm() normalised a 31st of April */
		return bad_value(c, node, text);
	*t -= offset; /* the text is local time at utc_off */
	if (!utc_writable(*t, &tm))
		return bad_value(c, node, text);
	return 0;
}

int mx_format_time(struct mx_call *c, time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (!utc_writable(t, &tm) || !strftime(buf, size, "%Y%m%d%H%M%S", &tm)) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "time %lld", (long long)t);
		return -1;
	}
	return 0;
}

#define MAX_INTERVAL (99 * 86400L + 23 * 3600 + 59 * 60 + 59)

int mx_interval(struct mx_call *c, xmlNode *node, long *seconds)
{
	char text[16];
	long dd, hh, mm, ss;

	if (mx_text(c, node, text, sizeof text))
		return -1;
	dd = digits(text, 2);
	hh = digits(text + 2, 2);
	mm = digits(text + 4, 2);
	ss = digits(text + 6, 2);
	if (strlen(text) != 8 || dd < 0 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 ||
	    ss > 59 || !(*seconds = ((dd * 24 + hh) * 60 + mm) * 60 + ss))
		return bad_value(c, node, text);
	return 0;
}

int mx_format_interval(struct mx_call *c, long s, char *buf, size_t size)
{
	if (s < 1 || s > MAX_INTERVAL) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "a time span (ddhhmmss) of %ld s", s);
		return -1;
	}
	snprintf(buf, size, "%02ld%02ld%02ld%02ld", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
	return 0;
}

void mx_add_long(struct mx_call *c, xmlNode *parent, const char *name, long v)
{
	char text[32];

	snprintf(text, sizeof text, "%ld", v);
	mx_add(c, parent, name, text);
}

void mx_add_double(struct mx_call *c, xmlNode *parent, const char *name, double v)
{
	char text[48];

	if (!isfinite(v)) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "%s is not a number", name);
		return;
	}
	/* Ten significant digits: a millimetre on 1000 km, a micro-degree on any angle. */
	snprintf(text, sizeof text, "%.10g", v);
	mx_add(c, parent, name, text);
}
