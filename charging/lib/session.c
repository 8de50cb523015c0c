/* Rf and Ro sessions: one Session-Id (taken from the first message built) and the numbering of
 * its records or requests (sequence.c), moved on once a message is built and sent. */
#include <stdlib.h>
#include <string.h>

#include "charging_internal.h"

int chg_session_new(struct chg_client *client, struct chg_session **session)
{
	if (!client || !session)
		return EINVAL;
	if (!(*session = calloc(1, sizeof **session)))
		return ENOMEM;
	(*session)->client = client;
	return 0;
}

void chg_session_free(struct chg_session *session)
{
	if (!session)
		return;
	free(session->sid);
	free(session);
}

static int build(struct chg_session *s, enum chg_answer_kind kind, int type, const void *request, struct msg **msg)
{
	struct chg_sequence next = s->seq;
	uint32_t number;
	int ret;

	if (kind == CHG_ACA) {
		CHECK_FCT(chg_sequence_next_record(&next, type, &number));
		CHECK_FCT(chg_acr_build(s->client, s->sid, type, number, request, msg));
	} else {
		CHECK_FCT(chg_sequence_next_request(&next, type, &number));
		CHECK_FCT(chg_ccr_build(s->client, s->sid, type, number, request, msg));
	}
	if (!s->sid && (ret = chg_session_id_copy(*msg, &s->sid))) {
		fd_msg_free(*msg);
		*msg = NULL;
		return ret;
	}
	s->seq = next;
	return 0;
}

int chg_session_send(struct chg_session *s, enum chg_answer_kind kind, int type, const void *request,
		     int timeout_ms, union chg_answer *answer)
{
	struct msg *msg = NULL;

	memset(answer, 0, sizeof *answer);
	CHECK_FCT(build(s, kind, type, request, &msg));
	return chg_send_sync(s->client, msg, kind, timeout_ms, answer);
}
