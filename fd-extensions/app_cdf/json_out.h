/* A JSON text written into a growing buffer (json_out.c). */
#ifndef JSON_OUT_H
#define JSON_OUT_H

#include <stddef.h>
#include <stdint.h>

struct json_out {
	char *text; /* NUL-terminated, malloc'ed */
	size_t len, cap;
	int failed; /* out of memory: the text is incomplete */
};

void out_bytes(struct json_out *o, const void *s, size_t n);
void out_text(struct json_out *o, const char *s);
/* printf-style, up to 63 characters (numbers) */
void out_format(struct json_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A JSON string of n bytes of UTF-8 (check with out_utf8_valid first), escaped. */
void out_string(struct json_out *o, const uint8_t *s, size_t n);
/* A JSON string of the bytes in lower-case hex. */
void out_hex(struct json_out *o, const uint8_t *p, size_t n);
int out_utf8_valid(const uint8_t *s, size_t n);

#endif
