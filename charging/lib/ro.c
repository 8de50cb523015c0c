/* Ro: Credit-Control-Requests (TS 32.299 §6.4.2 ABNF, RFC 4006 §3.1) for events and
 * INITIAL / UPDATE / TERMINATION sessions, with Multiple-Services-Credit-Control. */
#include <stdio.h>
#include <string.h>

#include "charging_internal.h"

#define MULTIPLE_SERVICES_SUPPORTED 1
#define DIAMETER_LOGOUT 1
#define ALL_UNITS (CHG_UNIT_TIME | CHG_UNIT_TOTAL | CHG_UNIT_INPUT | CHG_UNIT_OUTPUT | CHG_UNIT_SPECIFIC)

void chg_ccr_init(struct chg_ccr *ccr)
{
	memset(ccr, 0, sizeof *ccr);
	ccr->requested_action = CHG_UNSET;
	ccr->termination_cause = CHG_UNSET;
}

void chg_mscc_init(struct chg_mscc *mscc)
{
	memset(mscc, 0, sizeof *mscc);
	mscc->rating_group = CHG_UNSET;
	mscc->service_identifier = CHG_UNSET;
}

/* ---- checking ------------------------------------------------------------------------------- */

#define refuse(err, errlen, ...) dk_error(err, errlen, EINVAL, __VA_ARGS__)

static int u32_or_unset(int64_t value)
{
	return value == CHG_UNSET || (value >= 0 && value <= UINT32_MAX);
}

static int check_mscc(const struct chg_mscc *m, size_t i, char *err, size_t errlen)
{
	if (!u32_or_unset(m->rating_group) || !u32_or_unset(m->service_identifier))
		return refuse(err, errlen, "mscc[%zu]: Rating-Group and Service-Identifier are 0 to 2^32-1", i);
	if ((m->requested.present | m->used.present) & ~ALL_UNITS)
		return refuse(err, errlen, "mscc[%zu]: unknown unit flags", i);
	return 0;
}

int chg_ccr_check(enum chg_request_type type, const struct chg_ccr *ccr, char *err, size_t errlen)
{
	if (!ccr)
		return refuse(err, errlen, "no request");
	if (type < CHG_INITIAL_REQUEST || type > CHG_EVENT_REQUEST)
		return refuse(err, errlen, "CC-Request-Type %d is not 1 to 4", type);
	if (!ccr->service_context_id || !*ccr->service_context_id)
		return refuse(err, errlen, "Service-Context-Id is required");
	if (type == CHG_EVENT_REQUEST &&
	    (ccr->requested_action < CHG_DIRECT_DEBITING || ccr->requested_action > CHG_PRICE_ENQUIRY))
		return refuse(err, errlen, "an EVENT_REQUEST needs Requested-Action 0 to 3");
	if (type != CHG_EVENT_REQUEST && ccr->requested_action != CHG_UNSET)
		return refuse(err, errlen, "Requested-Action belongs to EVENT_REQUEST only");
	if (ccr->termination_cause != CHG_UNSET && (type != CHG_TERMINATION_REQUEST || ccr->termination_cause < 1))
		return refuse(err, errlen, "Termination-Cause (1 and up) belongs to TERMINATION_REQUEST only");
	if ((ccr->n_subscription_ids && !ccr->subscription_ids) || (ccr->n_mscc && !ccr->mscc))
		return refuse(err, errlen, "a list has a count but no items");
	for (size_t i = 0; i < ccr->n_subscription_ids; i++) {
		const struct chg_subscription_id *s = &ccr->subscription_ids[i];
		if (s->type < CHG_END_USER_E164 || s->type > CHG_END_USER_PRIVATE || !s->data)
			return refuse(err, errlen, "subscription_ids[%zu]: type 0 to 4 and data are needed", i);
	}
	for (size_t i = 0; i < ccr->n_mscc; i++)
		if (check_mscc(&ccr->mscc[i], i, err, errlen))
			return EINVAL;
	return 0;
}

/* ---- building ------------------------------------------------------------------------------- */

/* The unit AVPs of 'units' into a Requested-, Used- or Granted-Service-Unit. */
static int add_units(struct avp *group, const struct chg_units *u)
{
	if (u->present & CHG_UNIT_TIME)
		CHECK_FCT(dk_add_u32(group, chg_dict.cc_time, u->time));
	if (u->present & CHG_UNIT_TOTAL)
		CHECK_FCT(dk_add_u64(group, chg_dict.cc_total_octets, u->total_octets));
	if (u->present & CHG_UNIT_INPUT)
		CHECK_FCT(dk_add_u64(group, chg_dict.cc_input_octets, u->input_octets));
	if (u->present & CHG_UNIT_OUTPUT)
		CHECK_FCT(dk_add_u64(group, chg_dict.cc_output_octets, u->output_octets));
	if (u->present & CHG_UNIT_SPECIFIC)
		CHECK_FCT(dk_add_u64(group, chg_dict.cc_service_specific_units, u->service_specific));
	return 0;
}

static int add_unit_group(struct avp *mscc, struct dict_object *model, const struct chg_units *u)
{
	struct avp *group = NULL;

	CHECK_FCT(dk_add_group(mscc, model, &group));
	return add_units(group, u);
}

/* In the order of the MSCC ABNF (RFC 4006 §8.16). */
static int add_mscc(struct msg *msg, const struct chg_mscc *m)
{
	struct avp *mscc = NULL;

	CHECK_FCT(dk_add_group(msg, chg_dict.mscc, &mscc));
	if (m->request_units)
		CHECK_FCT(add_unit_group(mscc, chg_dict.rsu, &m->requested));
	if (m->used.present)
		CHECK_FCT(add_unit_group(mscc, chg_dict.usu, &m->used));
	if (m->service_identifier != CHG_UNSET)
		CHECK_FCT(dk_add_u32(mscc, chg_dict.service_identifier, (uint32_t)m->service_identifier));
	if (m->rating_group != CHG_UNSET)
		CHECK_FCT(dk_add_u32(mscc, chg_dict.rating_group, (uint32_t)m->rating_group));
	return 0;
}

static int add_subscription_id(struct msg *msg, const struct chg_subscription_id *s)
{
	struct avp *group = NULL;

	CHECK_FCT(dk_add_group(msg, chg_dict.subscription_id, &group));
	CHECK_FCT(dk_add_i32(group, chg_dict.subscription_id_type, (int32_t)s->type));
	return dk_add_str(group, chg_dict.subscription_id_data, s->data);
}

static int add_body(struct msg *msg, enum chg_request_type type, uint32_t number, const struct chg_ccr *ccr)
{
	CHECK_FCT(dk_add_u32(msg, dk_base.auth_application_id, CHG_RO));
	CHECK_FCT(dk_add_str(msg, chg_dict.service_context_id, ccr->service_context_id));
	CHECK_FCT(dk_add_i32(msg, chg_dict.cc_request_type, (int32_t)type));
	CHECK_FCT(dk_add_u32(msg, chg_dict.cc_request_number, number));
	CHECK_FCT(chg_add_optional_str(msg, dk_base.user_name, ccr->user_name));
	CHECK_FCT(chg_add_time(msg, chg_dict.event_timestamp, ccr->event_timestamp));
	for (size_t i = 0; i < ccr->n_subscription_ids; i++)
		CHECK_FCT(add_subscription_id(msg, &ccr->subscription_ids[i]));
	if (type == CHG_TERMINATION_REQUEST)
		CHECK_FCT(dk_add_i32(msg, chg_dict.termination_cause,
				     ccr->termination_cause == CHG_UNSET ? DIAMETER_LOGOUT : ccr->termination_cause));
	CHECK_FCT(chg_add_optional_i32(msg, chg_dict.requested_action, ccr->requested_action));
	if (ccr->n_mscc)
		CHECK_FCT(dk_add_i32(msg, chg_dict.multiple_services_indicator, MULTIPLE_SERVICES_SUPPORTED));
	for (size_t i = 0; i < ccr->n_mscc; i++)
		CHECK_FCT(add_mscc(msg, &ccr->mscc[i]));
	return chg_add_service_information(msg, ccr->service_information);
}

int chg_ccr_build(struct chg_client *client, const char *sid, enum chg_request_type type,
		  uint32_t number, const struct chg_ccr *ccr, struct msg **msg)
{
	int ret;

	CHECK_FCT(chg_request_new(client, chg_dict.ccr, CHG_RO, sid, msg));
	if ((ret = add_body(*msg, type, number, ccr))) {
		fd_msg_free(*msg);
		*msg = NULL;
	}
	return ret;
}

/* ---- sending -------------------------------------------------------------------------------- */

int chg_ro_event(struct chg_client *client, const struct chg_ccr *ccr, struct chg_credit_answer *answer)
{
	union chg_answer a;
	struct msg *msg = NULL;
	int ret;

	if (!client || !answer || chg_ccr_check(CHG_EVENT_REQUEST, ccr, NULL, 0))
		return EINVAL;
	memset(answer, 0, sizeof *answer);
	CHECK_FCT(chg_ccr_build(client, NULL, CHG_EVENT_REQUEST, 0, ccr, &msg));
	ret = chg_send_sync(client, msg, CHG_CCA, ccr->timeout_ms, &a);
	*answer = a.credit;
	return ret;
}

int chg_ro_event_async(struct chg_client *client, const struct chg_ccr *ccr, chg_credit_cb cb, void *arg)
{
	struct msg *msg = NULL;

	if (!client || !cb || chg_ccr_check(CHG_EVENT_REQUEST, ccr, NULL, 0))
		return EINVAL;
	CHECK_FCT(chg_ccr_build(client, NULL, CHG_EVENT_REQUEST, 0, ccr, &msg));
	return chg_send_credit_async(client, msg, ccr->timeout_ms, cb, arg);
}

/* The public session is the shared one (session.c) under its own name. */
struct chg_ro_session {
	struct chg_session s;
};

int chg_ro_session_new(struct chg_client *client, struct chg_ro_session **session)
{
	return chg_session_new(client, (struct chg_session **)session);
}

void chg_ro_session_free(struct chg_ro_session *session)
{
	chg_session_free((struct chg_session *)session);
}

const char *chg_ro_session_id(const struct chg_ro_session *session)
{
	return session->s.sid;
}

static int session_send(struct chg_ro_session *session, enum chg_request_type type, const struct chg_ccr *ccr,
			struct chg_credit_answer *answer)
{
	union chg_answer a;
	int ret;

	if (!session || !answer || chg_ccr_check(type, ccr, NULL, 0))
		return EINVAL;
	ret = chg_session_send(&session->s, CHG_CCA, type, ccr, ccr->timeout_ms, &a);
	*answer = a.credit;
	return ret;
}

int chg_ro_initial(struct chg_ro_session *session, const struct chg_ccr *ccr, struct chg_credit_answer *answer)
{
	return session_send(session, CHG_INITIAL_REQUEST, ccr, answer);
}

int chg_ro_update(struct chg_ro_session *session, const struct chg_ccr *ccr, struct chg_credit_answer *answer)
{
	return session_send(session, CHG_UPDATE_REQUEST, ccr, answer);
}

int chg_ro_terminate(struct chg_ro_session *session, const struct chg_ccr *ccr, struct chg_credit_answer *answer)
{
	return session_send(session, CHG_TERMINATION_REQUEST, ccr, answer);
}
