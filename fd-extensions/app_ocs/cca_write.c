/* Writing the Credit-Control-Answer (RFC 4006 §3.2): Session-Id, Result-Code, Origin-Host/Realm,
 * Auth-Application-Id 4, CC-Request-Type and CC-Request-Number always; then per service a
 * Multiple-Services-Credit-Control with its own Result-Code, the Granted-Service-Unit and
 * Validity-Time of a reservation; Check-Balance-Result; Cost-Information. */
#include "app_ocs.h"

/* Auth-Application-Id and the request's CC-Request-Type and CC-Request-Number, as received. */
static int add_command_echo(struct msg *ans)
{
	struct msg *req = NULL;
	struct avp *avp = NULL;

	CHECK_FCT(dk_add_u32(ans, dk_base.auth_application_id, DCCA_APP_ID));
	CHECK_FCT(fd_msg_answ_getq(ans, &req));
	CHECK_FCT(dk_find(req, ocs_dict.cc_request_type, &avp));
	if (avp)
		CHECK_FCT(dk_add_copy(ans, avp));
	CHECK_FCT(dk_find(req, ocs_dict.cc_request_number, &avp));
	if (avp)
		CHECK_FCT(dk_add_copy(ans, avp));
	return 0;
}

int ocs_cca_refuse(struct msg **msg, const struct ocs_refusal *r)
{
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	CHECK_FCT(dk_set_result(*msg, r->code, r->failed));
	if (r->message)
		CHECK_FCT(dk_add_str(*msg, dk_base.error_message, r->message));
	return add_command_echo(*msg);
}

/* Units in the AVP of the rate's unit. */
static int add_units(struct avp *group, const struct ocs_rate *rate, uint64_t units)
{
	switch (rate->unit) {
	case OCS_UNIT_TIME:
		return dk_add_u32(group, ocs_dict.cc_time, units > UINT32_MAX ? UINT32_MAX : (uint32_t)units);
	case OCS_UNIT_VOLUME:
		return dk_add_u64(group, ocs_dict.cc_total_octets, ocs_octets_from_units(units));
	case OCS_UNIT_EVENT:
		break;
	}
	return dk_add_u64(group, ocs_dict.cc_service_specific_units, units);
}

/* What the answer says of one service, under 'scope' (its MSCC, or the command level). */
static int add_service_answer(msg_or_avp *scope, const struct ocs_ccr *c, const struct ocs_service *s)
{
	struct avp *gsu = NULL;

	if (s->granted) {
		CHECK_FCT(dk_add_group(scope, ocs_dict.gsu, &gsu));
		CHECK_FCT(add_units(gsu, &s->rate, s->granted));
		/* a reservation lasts Validity-Time; a debit or a refund is done */
		if (c->type != OCS_EVENT && s->validity)
			CHECK_FCT(dk_add_u32(scope, ocs_dict.validity_time, s->validity));
	}
	return 0;
}

static int add_mscc(struct msg *ans, const struct ocs_ccr *c, const struct ocs_service *s, struct avp *asked)
{
	struct avp *mscc = NULL, *id = NULL;

	CHECK_FCT(dk_add_group(ans, ocs_dict.mscc, &mscc));
	/* the service as the request named it */
	CHECK_FCT(dk_find(asked, ocs_dict.service_identifier, &id));
	if (id)
		CHECK_FCT(dk_add_copy(mscc, id));
	CHECK_FCT(dk_find(asked, ocs_dict.rating_group, &id));
	if (id)
		CHECK_FCT(dk_add_copy(mscc, id));
	CHECK_FCT(add_service_answer(mscc, c, s));
	return dk_add_u32(mscc, dk_base.result_code, s->result);
}

static int add_cost(struct msg *ans, const struct ocs_job *job)
{
	const struct ocs_ccr *c = &job->ccr;
	const struct ocs_service *s = &c->services[0];
	struct avp *cost = NULL, *value = NULL;

	CHECK_FCT(dk_add_group(ans, ocs_dict.cost_information, &cost));
	CHECK_FCT(dk_add_group(cost, ocs_dict.unit_value, &value));
	/* Value-Digits is an Integer64; the cost is at most INT64_MAX, so its bits are the same */
	CHECK_FCT(dk_add_u64(value, ocs_dict.value_digits, c->cost));
	if (c->currency.digits)
		CHECK_FCT(dk_add_i32(value, ocs_dict.exponent, -(int32_t)c->currency.digits));
	CHECK_FCT(dk_add_u32(cost, ocs_dict.currency_code, c->currency.code));
	/* RFC 4006 §8.12: Cost-Unit when the cost is the price of one unit (an enquiry naming no amount) */
	if (c->action == OCS_PRICE_ENQUIRY && c->n_services == 1 && !(s->has_requested && s->requested))
		CHECK_FCT(dk_add_str(cost, ocs_dict.cost_unit, ocs_unit_name(s->rate.unit)));
	return 0;
}

/* RFC 4006 §9.2: 5031 carries the service that could not be rated. */
static struct avp *unrated_service(const struct ocs_job *job)
{
	for (size_t i = 0; i < job->ccr.n_services; i++)
		if (!job->ccr.services[i].rated)
			return job->service_avps[i];
	return NULL;
}

int ocs_cca_answer(struct ocs_job *job)
{
	const struct ocs_ccr *c = &job->ccr;
	struct msg *ans;

	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, &job->msg, 0));
	ans = job->msg;
	CHECK_FCT(dk_set_result(ans, c->result, c->result == OCS_RATING_FAILED ? unrated_service(job) : NULL));
	CHECK_FCT(add_command_echo(ans));
	for (size_t i = 0; i < c->n_services; i++) {
		int ret = job->command_level ? add_service_answer(ans, c, &c->services[i])
					     : add_mscc(ans, c, &c->services[i], job->service_avps[i]);
		if (ret)
			return ret;
	}
	if (c->balance_check != OCS_NO_CHECK)
		CHECK_FCT(dk_add_i32(ans, ocs_dict.check_balance_result, (int32_t)c->balance_check));
	if (c->has_cost)
		CHECK_FCT(add_cost(ans, job));
	return 0;
}
