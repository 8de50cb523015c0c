/* Hostile values in AVPs and sending them (hostile.h). */
#include <stdio.h>
#include <string.h>

#include "diamkit.h"
#include "fdsend.h"
#include "hostile.h"

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
