/* Seeded random values (hostile.h). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "diamkit.h"
#include "fdsend.h"
#include "hostile.h"

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

int hostile_add_text(msg_or_avp *parent, struct dict_object *model, const char *known, const char *other)
{
	uint8_t buf[600];
	size_t len;

	switch (hostile_below(4)) {
	case 0:
		return dk_add_str(parent, model, known);
	case 1:
		return dk_add_str(parent, model, other);
	case 2:
		len = hostile_bytes(buf, 64);
		break;
	default:
		len = 300 + hostile_below(300);
		memset(buf, 'a' + (int)hostile_below(26), len);
	}
	return dk_add_os(parent, model, buf, len);
}

static void note_result(struct hostile_tally *t, uint32_t result)
{
	for (int i = 0; i < t->kinds; i++)
		if (t->seen[i] == result)
			return;
	if (t->kinds < (int)(sizeof t->seen / sizeof *t->seen))
		t->seen[t->kinds++] = result;
}

int hostile_send(struct msg *(*make)(void), int rounds, int timeout_ms, struct hostile_tally *tally, char *why,
		 size_t size)
{
	memset(tally, 0, sizeof *tally);
	for (int i = 0; i < rounds; i++) {
		unsigned long long at = (unsigned long long)hostile_seed;
		struct msg *req = make(), *ans = NULL;
		struct dk_result res = { 0 };
		int ret = fdsend_wait(&req, timeout_ms, &ans);

		if (!ret)
			ret = dk_get_result(ans, &res);
		if (ans)
			fd_msg_free(ans);
		if (ret || !res.code) {
			snprintf(why, size, "request %d (hostile_seed %#llx): %s", i, at,
				 ret ? "no answer" : "an answer without a result");
			return -1;
		}
		note_result(tally, res.vendor ? 100000 + res.code : res.code);
		if (!res.vendor && res.code == 2001)
			tally->successes++;
		else
			tally->errors++;
	}
	return 0;
}
