/* Reading a Credit-Control-Request: what the dictionary rules cannot check (values of enumerations,
 * the Requested-Action of an event, the Subscription-Id an account needs), then the services it
 * names, rated from the configuration's table.
 *
 * freeDiameter has already answered a CCR that breaks the dictionary's rules (a missing
 * CC-Request-Type or CC-Request-Number: 5005; a malformed grouped AVP: 5014 and the like) before
 * it reaches us. */
#include "app_ocs.h"

#include <stdio.h>

void ocs_refusal_clear(struct ocs_refusal *r)
{
	if (r->owned && r->failed)
		fd_msg_free(r->failed);
	memset(r, 0, sizeof *r);
}

static int refuse(struct ocs_refusal *r, uint32_t code, struct avp *failed, const char *message)
{
	r->code = code;
	r->failed = failed;
	r->owned = 0;
	r->message = message;
	return 0;
}

/* RFC 6733 §7.5 (5005) and RFC 4006 §9.2 (5031): a missing AVP is reported by an example of it,
 * with a zero value. */
static int refuse_missing(struct ocs_refusal *r, uint32_t code, struct dict_object *model, const char *message)
{
	struct avp *example = NULL;

	CHECK_FCT(fd_msg_avp_new(model, 0, &example));
	if (model == ocs_dict.subscription_id) {
		CHECK_FCT_DO(dk_add_i32(example, ocs_dict.subscription_id_type, 0), goto fail);
		CHECK_FCT_DO(dk_add_str(example, ocs_dict.subscription_id_data, ""), goto fail);
	} else {
		union avp_value zero = { .u64 = 0 };
		CHECK_FCT_DO(fd_msg_avp_setvalue(example, &zero), goto fail);
	}
	refuse(r, code, example, message);
	r->owned = 1;
	return 0;
fail:
	fd_msg_free(example);
	return ENOMEM;
}

static union avp_value *value_of(struct avp *avp)
{
	struct avp_hdr *h = NULL;

	return avp && fd_msg_avp_hdr(avp, &h) == 0 ? h->avp_value : NULL;
}

/* An enumerated or unsigned value of a child of parent: *avp NULL when absent. */
static int child_value(msg_or_avp *parent, struct dict_object *model, struct avp **avp, union avp_value **value)
{
	CHECK_FCT(dk_find(parent, model, avp));
	*value = value_of(*avp);
	if (*avp && !*value)
		return EINVAL;
	return 0;
}

static int read_subscription(struct avp *group, struct ocs_subscription *id, struct ocs_refusal *r)
{
	union avp_value *type, *data;
	struct avp *avp;

	/* both are required by the dictionary's rule for the group */
	CHECK_FCT(child_value(group, ocs_dict.subscription_id_type, &avp, &type));
	CHECK_FCT(child_value(group, ocs_dict.subscription_id_data, &avp, &data));
	if (!type || !data)
		return refuse(r, ER_DIAMETER_MISSING_AVP, group, "Subscription-Id is incomplete");
	if (type->i32 < 0 || type->i32 > OCS_ID_TYPE_MAX)
		return refuse(r, ER_DIAMETER_INVALID_AVP_VALUE, group, "unknown Subscription-Id-Type");
	if (data->os.len == 0 || data->os.len > OCS_MAX_ID || memchr(data->os.data, 0, data->os.len))
		return refuse(r, ER_DIAMETER_INVALID_AVP_VALUE, group, "Subscription-Id-Data empty or too long");
	id->type = (enum ocs_id_type)type->i32;
	memcpy(id->data, data->os.data, data->os.len);
	id->data[data->os.len] = '\0';
	return 0;
}

static int read_subscriptions(struct ocs_job *job, struct ocs_refusal *r)
{
	struct avp *avp = NULL;

	CHECK_FCT(dk_find(job->msg, ocs_dict.subscription_id, &avp));
	/* the first ones are enough to find an account */
	while (avp && !r->code && job->ccr.n_subscriptions < OCS_MAX_SUBSCRIPTIONS) {
		CHECK_FCT(read_subscription(avp, &job->ccr.subscriptions[job->ccr.n_subscriptions], r));
		job->ccr.n_subscriptions++;
		CHECK_FCT(dk_find_next(avp, ocs_dict.subscription_id, &avp));
	}
	return 0;
}

/* Rating units in a Requested- or Used-Service-Unit, of the unit the service is rated in (other
 * unit types are not counted). */
static int units_in(struct avp *group, enum ocs_unit unit, uint64_t *units)
{
	union avp_value *v, *in, *out;
	struct avp *avp;

	*units = 0;
	switch (unit) {
	case OCS_UNIT_TIME:
		CHECK_FCT(child_value(group, ocs_dict.cc_time, &avp, &v));
		*units = v ? v->u32 : 0;
		break;
	case OCS_UNIT_VOLUME:
		CHECK_FCT(child_value(group, ocs_dict.cc_total_octets, &avp, &v));
		if (v) {
			*units = ocs_units_from_octets(v->u64);
			break;
		}
		CHECK_FCT(child_value(group, ocs_dict.cc_input_octets, &avp, &in));
		CHECK_FCT(child_value(group, ocs_dict.cc_output_octets, &avp, &out));
		if (in || out) {
			uint64_t a = in ? in->u64 : 0, b = out ? out->u64 : 0;
			*units = ocs_units_from_octets(a > UINT64_MAX - b ? UINT64_MAX : a + b);
		}
		break;
	case OCS_UNIT_EVENT:
		CHECK_FCT(child_value(group, ocs_dict.cc_service_specific_units, &avp, &v));
		*units = v ? v->u64 : 0;
		break;
	}
	return 0;
}

/* The service a scope (an MSCC, or the command level of an event) names and what it asks. */
static int read_service(msg_or_avp *scope, struct ocs_service *s)
{
	union avp_value *id;
	struct avp *avp, *usu = NULL;
	const struct ocs_rate *rate;
	uint64_t units;

	memset(s, 0, sizeof *s);
	CHECK_FCT(child_value(scope, ocs_dict.service_identifier, &avp, &id));
	s->key.kind = OCS_SERVICE_ID;
	if (!id) {
		CHECK_FCT(child_value(scope, ocs_dict.rating_group, &avp, &id));
		s->key.kind = OCS_RATING_GROUP;
	}
	if (!id)
		return 0; /* nothing to rate: 5031 */
	s->key.id = id->u32;
	if (!(rate = ocs_rating_find(&ocs_conf.rating, &s->key)))
		return 0;
	s->rated = 1;
	s->rate = *rate;
	CHECK_FCT(dk_find(scope, ocs_dict.rsu, &avp));
	if (avp) {
		s->has_requested = 1;
		CHECK_FCT(units_in(avp, rate->unit, &s->requested));
	}
	/* several Used-Service-Units: one per tariff period */
	CHECK_FCT(dk_find(scope, ocs_dict.usu, &usu));
	while (usu) {
		CHECK_FCT(units_in(usu, rate->unit, &units));
		s->used = units > UINT64_MAX - s->used ? UINT64_MAX : s->used + units;
		CHECK_FCT(dk_find_next(usu, ocs_dict.usu, &usu));
	}
	return 0;
}

static int read_services(struct ocs_job *job, struct ocs_refusal *r)
{
	struct ocs_ccr *c = &job->ccr;
	struct avp *mscc = NULL, *si = NULL;

	CHECK_FCT(dk_find(job->msg, ocs_dict.mscc, &mscc));
	while (mscc) {
		if (c->n_services == OCS_MAX_SERVICES)
			return refuse(r, ER_DIAMETER_UNABLE_TO_COMPLY, NULL, "too many Multiple-Services-Credit-Control");
		job->service_avps[c->n_services] = mscc;
		CHECK_FCT(read_service(mscc, &c->services[c->n_services++]));
		CHECK_FCT(dk_find_next(mscc, ocs_dict.mscc, &mscc));
	}
	/* RFC 4006 §6: a one-time event may name its service at the command level */
	CHECK_FCT(dk_find(job->msg, ocs_dict.service_identifier, &si));
	if (c->n_services == 0 && si && c->type == OCS_EVENT) {
		job->command_level = 1;
		job->service_avps[0] = si;
		CHECK_FCT(read_service(job->msg, &c->services[c->n_services++]));
	}
	/* an event that moves or prices money must say for which service */
	if (c->n_services == 0 && c->type == OCS_EVENT && c->action != OCS_CHECK_BALANCE)
		return refuse_missing(r, OCS_RATING_FAILED, ocs_dict.service_identifier, "the event names no service");
	return 0;
}

static int read_session_id(struct ocs_job *job, struct ocs_refusal *r)
{
	struct avp *avp = NULL;
	union avp_value *v;

	CHECK_FCT(dk_find(job->msg, dk_base.session_id, &avp));
	v = value_of(avp);
	if (!v) /* the dictionary requires it: not reached */
		return refuse(r, ER_DIAMETER_UNABLE_TO_COMPLY, NULL, "no Session-Id");
	if (v->os.len == 0 || v->os.len > OCS_MAX_SESSION || memchr(v->os.data, 0, v->os.len))
		return refuse(r, ER_DIAMETER_INVALID_AVP_VALUE, avp, "Session-Id empty or too long for this OCS");
	memcpy(job->ccr.session_id, v->os.data, v->os.len);
	job->ccr.session_id[v->os.len] = '\0';
	return 0;
}

/* The command-level values; the dictionary guarantees those it requires. */
static int read_command(struct ocs_job *job, struct ocs_refusal *r)
{
	struct ocs_ccr *c = &job->ccr;
	union avp_value *v;
	struct avp *avp;

	CHECK_FCT(child_value(job->msg, dk_base.auth_application_id, &avp, &v));
	if (v && v->u32 != DCCA_APP_ID)
		return refuse(r, ER_DIAMETER_INVALID_AVP_VALUE, avp, "Auth-Application-Id is not 4");
	CHECK_FCT(child_value(job->msg, ocs_dict.cc_request_number, &avp, &v));
	c->number = v ? v->u32 : 0;
	CHECK_FCT(child_value(job->msg, ocs_dict.cc_request_type, &avp, &v));
	if (!v || v->i32 < OCS_INITIAL || v->i32 > OCS_EVENT)
		return refuse(r, ER_DIAMETER_INVALID_AVP_VALUE, avp, "CC-Request-Type is not 1 to 4");
	c->type = (enum ocs_request_type)v->i32;
	CHECK_FCT(child_value(job->msg, ocs_dict.requested_action, &avp, &v));
	if (c->type != OCS_EVENT)
		return 0; /* Requested-Action only means something in an event */
	if (!v) /* RFC 4006 §8.3: an event MUST carry it */
		return refuse_missing(r, ER_DIAMETER_MISSING_AVP, ocs_dict.requested_action, "an EVENT_REQUEST needs Requested-Action");
	if (v->i32 < OCS_DIRECT_DEBITING || v->i32 > OCS_PRICE_ENQUIRY)
		return refuse(r, ER_DIAMETER_INVALID_AVP_VALUE, avp, "Requested-Action is not 0 to 3");
	c->action = (enum ocs_action)v->i32;
	return 0;
}

int ocs_ccr_read(struct ocs_job *job, struct ocs_refusal *r)
{
	struct ocs_ccr *c = &job->ccr;

	memset(r, 0, sizeof *r);
	c->now = time(NULL);
	c->default_currency = ocs_conf.currency;
	CHECK_FCT(read_session_id(job, r));
	if (!r->code)
		CHECK_FCT(read_command(job, r));
	if (!r->code)
		CHECK_FCT(read_subscriptions(job, r));
	/* an UPDATE or a TERMINATION may rely on its session's account; a price needs none */
	if (!r->code && c->n_subscriptions == 0 &&
	    (c->type == OCS_INITIAL || (c->type == OCS_EVENT && c->action != OCS_PRICE_ENQUIRY)))
		CHECK_FCT(refuse_missing(r, ER_DIAMETER_MISSING_AVP, ocs_dict.subscription_id,
					 "no Subscription-Id names the account"));
	if (!r->code)
		CHECK_FCT(read_services(job, r));
	return 0;
}
