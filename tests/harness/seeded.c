/* Seeded random values (seeded.h). */
#include <limits.h>
#include <string.h>

#include "seeded.h"

uint64_t hostile_seed = 0x5eed2026u;

uint32_t hostile_next(void)
{
	/* xorshift64*: any fixed sequence will do, this one is short */
	hostile_seed ^= hostile_seed >> 12;
	hostile_seed ^= hostile_seed << 25;
	hostile_seed ^= hostile_seed >> 27;
	return (uint32_t)((hostile_seed * 0x2545F4914F6CDD1Dull) >> 32);
}

uint32_t hostile_below(uint32_t n)
{
	return hostile_next() % n;
}

size_t hostile_bytes(uint8_t *buf, size_t max)
{
	size_t len = hostile_below((uint32_t)max + 1);

	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)hostile_next();
	return len;
}

int32_t hostile_int(void)
{
	static const int32_t edges[] = { 0, 1, -1, 2, 11, 17, 19, 32, 40, 255, 65535, INT32_MAX, INT32_MIN };

	return hostile_below(2) ? edges[hostile_below(sizeof edges / sizeof *edges)] : (int32_t)hostile_next();
}

size_t hostile_mutate(const char *text, size_t len, char *out, size_t size)
{
	static const char markup[] = "<>&/\"'=;#![]?- \n";
	size_t at = hostile_below((uint32_t)len), run = 1 + hostile_below(16), n = len;

	if (run > len - at)
		run = len - at;
	memcpy(out, text, len);
	switch (hostile_below(5)) {
	case 0:
		out[at] = markup[hostile_below(sizeof markup - 1)];
		break;
	case 1:
		out[at] = (char)hostile_next();
		break;
	case 2:
		memmove(out + at, out + at + run, len - at - run);
		n = len - run;
		break;
	case 3:
		if (len + run <= size) {
			memmove(out + at + run, out + at, len - at);
			n = len + run;
		}
		break;
	default:
		n = at;
	}
	return n;
}
