/* Rf: Accounting-Requests (TS 32.299 §6.2.2 ABNF) for event records and START / INTERIM / STOP
 * sessions. */
#include <stdlib.h>
#include <string.h>

#include "charging_internal.h"

int chg_acr_build(struct chg_client *client, const char *sid, enum chg_record_type type,
		  uint32_t number, const struct chg_acr *acr, struct msg **msg)
{
	int ret;

	CHECK_FCT(chg_request_new(client, chg_dict.acr, CHG_RF, sid, msg));
	if ((ret = dk_add_i32(*msg, chg_dict.record_type, (int32_t)type)) ||
	    (ret = dk_add_u32(*msg, chg_dict.record_number, number)) ||
	    (ret = dk_add_u32(*msg, chg_dict.acct_application_id, CHG_RF)) ||
	    (ret = chg_add_optional_str(*msg, dk_base.user_name, acr->user_name)) ||
	    (ret = acr->acct_interim_interval == CHG_UNSET ? 0 :
		   dk_add_u32(*msg, chg_dict.acct_interim_interval, (uint32_t)acr->acct_interim_interval)) ||
	    (ret = chg_add_time(*msg, chg_dict.event_timestamp, acr->event_timestamp)) ||
	    (ret = chg_add_optional_str(*msg, chg_dict.service_context_id, acr->service_context_id)) ||
	    (ret = chg_add_service_information(*msg, acr->service_information))) {
		fd_msg_free(*msg);
		*msg = NULL;
	}
	return ret;
}

static int check_acr(const struct chg_acr *acr)
{
	return acr && acr->acct_interim_interval >= CHG_UNSET && acr->acct_interim_interval <= UINT32_MAX ? 0 : EINVAL;
}

int chg_rf_event(struct chg_client *client, const struct chg_acr *acr, struct chg_acct_answer *answer)
{
	union chg_answer a;
	struct msg *msg = NULL;
	int ret;

	if (!client || !answer || check_acr(acr))
		return EINVAL;
	memset(answer, 0, sizeof *answer);
	CHECK_FCT(chg_acr_build(client, NULL, CHG_EVENT_RECORD, 0, acr, &msg));
	ret = chg_send_sync(client, msg, CHG_ACA, acr->timeout_ms, &a);
	*answer = a.acct;
	return ret;
}

int chg_rf_event_async(struct chg_client *client, const struct chg_acr *acr, chg_acct_cb cb, void *arg)
{
	struct msg *msg = NULL;

	if (!client || !cb || check_acr(acr))
		return EINVAL;
	CHECK_FCT(chg_acr_build(client, NULL, CHG_EVENT_RECORD, 0, acr, &msg));
	return chg_send_acct_async(client, msg, acr->timeout_ms, cb, arg);
}

/* The public session is the shared one (session.c) under its own name. */
struct chg_rf_session {
	struct chg_session s;
};

int chg_rf_session_new(struct chg_client *client, struct chg_rf_session **session)
{
	return chg_session_new(client, (struct chg_session **)session);
}

void chg_rf_session_free(struct chg_rf_session *session)
{
	chg_session_free((struct chg_session *)session);
}

const char *chg_rf_session_id(const struct chg_rf_session *session)
{
	return session->s.sid;
}

static int session_send(struct chg_rf_session *session, enum chg_record_type type, const struct chg_acr *acr,
			struct chg_acct_answer *answer)
{
	union chg_answer a;
	int ret;

	if (!session || !answer || check_acr(acr))
		return EINVAL;
	ret = chg_session_send(&session->s, CHG_ACA, type, acr, acr->timeout_ms, &a);
	*answer = a.acct;
	return ret;
}

int chg_rf_start(struct chg_rf_session *session, const struct chg_acr *acr, struct chg_acct_answer *answer)
{
	return session_send(session, CHG_START_RECORD, acr, answer);
}

int chg_rf_interim(struct chg_rf_session *session, const struct chg_acr *acr, struct chg_acct_answer *answer)
{
	return session_send(session, CHG_INTERIM_RECORD, acr, answer);
}

int chg_rf_stop(struct chg_rf_session *session, const struct chg_acr *acr, struct chg_acct_answer *answer)
{
	return session_send(session, CHG_STOP_RECORD, acr, answer);
}
