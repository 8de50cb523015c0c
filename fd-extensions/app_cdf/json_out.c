/* A JSON text written straight into a growing buffer: the rendering of every ACR goes through
 * here, and building it as a tree of JSON objects first cost more than the rest of the CDF. */
#include "json_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void out_bytes(struct json_out *o, const void *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 1024;
		char *p;

		while (cap < o->len + n + 1)
			cap *= 2;
		if (!(p = realloc(o->text, cap))) {
			o->failed = 1;
			return;
		}
		o->text = p;
		o->cap = cap;
	}
	memcpy(o->text + o->len, s, n);
	o->len += n;
	o->text[o->len] = '\0';
}

void out_text(struct json_out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

void out_format(struct json_out *o, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		o->failed = 1;
	else
		out_bytes(o, buf, (size_t)n);
}

/* The length of the UTF-8 sequence at s (RFC 3629: no overlong forms, no surrogates, at most
 * U+10FFFF), or 0 when it is not one. */
static size_t utf8_char(const uint8_t *s, size_t n)
{
	size_t len;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
	if (!len || len > n || s[0] > 0xf4)
		return 0;
	c = s[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return len;
}

int out_utf8_valid(const uint8_t *s, size_t n)
{
	for (size_t i = 0, l; i < n; i += l)
		if (!(l = utf8_char(s + i, n - i)))
			return 0;
	return 1;
}

void out_string(struct json_out *o, const uint8_t *s, size_t n)
{
	size_t from = 0;

	out_bytes(o, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		char esc[8];

		if (s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
			continue;
		out_bytes(o, s + from, i - from);
		snprintf(esc, sizeof esc, s[i] == '"' || s[i] == '\\' ? "\\%c" : "\\u%04x", s[i]);
		out_text(o, esc);
		from = i + 1;
	}
	out_bytes(o, s + from, n - from);
	out_bytes(o, "\"", 1);
}

void out_hex(struct json_out *o, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	out_bytes(o, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		char two[2] = { digits[p[i] >> 4], digits[p[i] & 15] };
		out_bytes(o, two, 2);
	}
	out_bytes(o, "\"", 1);
}
