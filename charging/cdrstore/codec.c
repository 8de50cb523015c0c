/* Encodings of the CDR store's keys and values (docs/cdf-store.md). All integers big-endian. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cdrstore_int.h"

#define RECORD_VERSION 1
#define RECORD_HEADER 32 /* version, type, sequence, 0, number, event time, received ms, 0 */
#define RECORD_FIELDS 6  /* session, origin host, user, subscription id, json, acr */

void put_be32(uint8_t *p, uint32_t v)
{
	for (int i = 3; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint64_t get_be64(const uint8_t *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32(p + 4);
}

/* text \0 then the number: every key of one text sorts together, by number. */
static size_t text_key(uint8_t *key, const char *text)
{
	size_t n = strlen(text);

	memcpy(key, text, n);
	key[n] = 0;
	return n + 1;
}

size_t key_by_session(uint8_t *key, const char *session_id, uint32_t number)
{
	size_t n = text_key(key, session_id);

	put_be32(key + n, number);
	return n + 4;
}

size_t key_by_user(uint8_t *key, const char *user, uint64_t id)
{
	size_t n = text_key(key, user);

	put_be64(key + n, id);
	return n + 8;
}

/* Offset binary, so that times before 1970 still sort first. */
size_t key_by_time(uint8_t *key, int64_t t, uint64_t id)
{
	put_be64(key, (uint64_t)t ^ (1ULL << 63));
	put_be64(key + 8, id);
	return 16;
}

int record_encode(const struct cdr_record *r, void **out, size_t *len)
{
	const void *field[RECORD_FIELDS] = { r->session_id, r->origin_host, r->user_name ? r->user_name : "",
					     r->subscription_id ? r->subscription_id : "", r->json, r->acr };
	size_t flen[RECORD_FIELDS] = { 0 }, total = RECORD_HEADER;
	uint8_t *p;

	for (int i = 0; i < 4; i++)
		flen[i] = strlen(field[i]) + 1; /* with the NUL, so that a view can point to it */
	flen[4] = r->json_len;
	flen[5] = r->acr_len;
	for (int i = 0; i < RECORD_FIELDS; i++)
		total += 4 + flen[i];
	if (!(p = calloc(1, total)))
		return ENOMEM;
	*out = p;
	*len = total;
	p[0] = RECORD_VERSION;
	p[1] = (uint8_t)r->record_type;
	p[2] = (uint8_t)r->sequence;
	put_be32(p + 4, r->record_number);
	put_be64(p + 8, (uint64_t)r->event_time);
	put_be64(p + 16, (uint64_t)r->received_ms);
	p += RECORD_HEADER;
	for (int i = 0; i < RECORD_FIELDS; i++) {
		put_be32(p, (uint32_t)flen[i]);
		if (flen[i])
			memcpy(p + 4, field[i], flen[i]);
		p += 4 + flen[i];
	}
	return 0;
}

int record_decode(const void *data, size_t len, uint64_t id, struct cdr_view *v)
{
	const uint8_t *p = data, *end = p + len;
	const void *field[RECORD_FIELDS];
	size_t flen[RECORD_FIELDS];

	if (len < RECORD_HEADER || p[0] != RECORD_VERSION)
		return EIO;
	memset(v, 0, sizeof *v);
	v->id = id;
	v->record_type = p[1];
	v->sequence = p[2];
	v->record_number = get_be32(p + 4);
	v->event_time = (int64_t)get_be64(p + 8);
	v->received_ms = (int64_t)get_be64(p + 16);
	p += RECORD_HEADER;
	for (int i = 0; i < RECORD_FIELDS; i++) {
		if (end - p < 4 || (size_t)(end - p - 4) < get_be32(p))
			return EIO;
		flen[i] = get_be32(p);
		field[i] = p + 4;
		p += 4 + flen[i];
	}
	/* The four texts end with their NUL and hold no other. */
	for (int i = 0; i < 4; i++)
		if (!flen[i] || memchr(field[i], 0, flen[i]) != (const uint8_t *)field[i] + flen[i] - 1)
			return EIO;
	v->session_id = field[0];
	v->origin_host = field[1];
	v->user_name = field[2];
	v->subscription_id = field[3];
	v->json = field[4];
	v->json_len = flen[4];
	v->acr = field[5];
	v->acr_len = flen[5];
	return 0;
}

void session_encode(uint8_t *out, const struct cdr_session *s)
{
	memset(out, 0, SESSION_STATE_LEN);
	out[0] = (uint8_t)((s->started ? 1 : 0) | (s->stopped ? 2 : 0));
	put_be32(out + 4, s->highest_number);
	put_be32(out + 8, s->records);
}

int session_decode(const void *data, size_t len, struct cdr_session *s)
{
	const uint8_t *p = data;

	if (len != SESSION_STATE_LEN)
		return EIO;
	s->started = p[0] & 1;
	s->stopped = (p[0] & 2) != 0;
	s->highest_number = get_be32(p + 4);
	s->records = get_be32(p + 8);
	return 0;
}
