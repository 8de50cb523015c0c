/* Encoding of keys and values: big-endian integers (keys sort by them) and NUL-terminated strings. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "store_int.h"

void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->failed || n == 0)
		return;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *data;

		while (cap < b->len + n)
			cap *= 2;
		data = realloc(b->data, cap);
		if (!data) {
			b->failed = 1;
			return;
		}
		b->data = data;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void buf_be(struct buf *b, uint64_t v, int bytes)
{
	unsigned char out[8];

	for (int i = bytes - 1; i >= 0; i--, v >>= 8)
		out[i] = (unsigned char)v;
	buf_add(b, out, (size_t)bytes);
}

void buf_u8(struct buf *b, unsigned v) { buf_be(b, v, 1); }
void buf_u16(struct buf *b, unsigned v) { buf_be(b, v, 2); }
void buf_u32(struct buf *b, uint32_t v) { buf_be(b, v, 4); }
void buf_u64(struct buf *b, uint64_t v) { buf_be(b, v, 8); }

void buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s) + 1);
}

void buf_free(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

int array_grow(void *array, size_t *cap, size_t n, size_t size)
{
	void **p = array, *grown;
	size_t more = *cap ? 2 * *cap : 16;

	if (n < *cap)
		return 0;
	grown = realloc(*p, more * size);
	if (!grown)
		return ENOMEM;
	*p = grown;
	*cap = more;
	return 0;
}

void rd_init(struct rd *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->off = 0;
	r->bad = 0;
}

static uint64_t rd_be(struct rd *r, int bytes)
{
	uint64_t v = 0;

	if (r->bad || r->len - r->off < (size_t)bytes) {
		r->bad = 1;
		return 0;
	}
	for (int i = 0; i < bytes; i++)
		v = v << 8 | r->p[r->off++];
	return v;
}

unsigned rd_u8(struct rd *r) { return (unsigned)rd_be(r, 1); }
unsigned rd_u16(struct rd *r) { return (unsigned)rd_be(r, 2); }
uint32_t rd_u32(struct rd *r) { return (uint32_t)rd_be(r, 4); }
uint64_t rd_u64(struct rd *r) { return rd_be(r, 8); }

const char *rd_str(struct rd *r)
{
	const unsigned char *start = r->p + r->off;
	const unsigned char *nul;

	if (r->bad || !(nul = memchr(start, 0, r->len - r->off))) {
		r->bad = 1;
		return "";
	}
	r->off += (size_t)(nul - start) + 1;
	return (const char *)start;
}

void rd_strcpy(struct rd *r, char *dst, size_t size)
{
	const char *s = rd_str(r);
	size_t n = strlen(s);

	if (n >= size) {
		r->bad = 1;
		n = 0;
	}
	memcpy(dst, s, n);
	dst[n] = 0;
}
