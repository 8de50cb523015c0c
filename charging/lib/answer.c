/* Reading ACA and CCA into the typed answers of charging.h: every value is copied, so the message
 * can be freed at once. */
#include <stdlib.h>
#include <string.h>

#include "charging_internal.h"

uint32_t chg_outcome_code(const struct chg_outcome *outcome)
{
	return outcome->result.code;
}

void chg_outcome_clear(struct chg_outcome *outcome)
{
	free(outcome->error_message);
	free(outcome->origin_host);
	free(outcome->session_id);
	memset(outcome, 0, sizeof *outcome);
}

void chg_acct_answer_clear(struct chg_acct_answer *answer)
{
	chg_outcome_clear(&answer->outcome);
	memset(answer, 0, sizeof *answer);
}

void chg_credit_answer_clear(struct chg_credit_answer *answer)
{
	chg_outcome_clear(&answer->outcome);
	free(answer->mscc);
	free(answer->cost_unit);
	memset(answer, 0, sizeof *answer);
}

int chg_outcome_read(struct msg *msg, struct chg_outcome *outcome)
{
	int ret;

	memset(outcome, 0, sizeof *outcome);
	if ((ret = dk_get_result(msg, &outcome->result)) ||
	    (ret = dk_copy_str(msg, dk_base.error_message, &outcome->error_message, NULL)) ||
	    (ret = dk_copy_str(msg, dk_base.origin_host, &outcome->origin_host, NULL)) ||
	    (ret = dk_copy_str(msg, dk_base.session_id, &outcome->session_id, NULL)) ||
	    (ret = dk_get_failed_avp_code(msg, &outcome->failed_avp_code)))
		chg_outcome_clear(outcome);
	return ret;
}

int chg_acct_answer_read(struct msg *msg, struct chg_acct_answer *answer)
{
	memset(answer, 0, sizeof *answer);
	CHECK_FCT(chg_outcome_read(msg, &answer->outcome));
	(void)dk_get_u32(msg, chg_dict.record_type, &answer->record_type);
	(void)dk_get_u32(msg, chg_dict.record_number, &answer->record_number);
	return 0;
}

/* The value of the first child of that model, any integer type, into an int64_t: ENOENT when
 * absent. */
static int get_integer(msg_or_avp *parent, struct dict_object *model, int64_t *value)
{
	struct avp *avp = NULL;
	struct avp_hdr *hdr;
	struct dict_avp_data data;

	CHECK_FCT(dk_find(parent, model, &avp));
	if (!avp)
		return ENOENT;
	CHECK_FCT(fd_msg_avp_hdr(avp, &hdr));
	CHECK_FCT(fd_dict_getval(model, &data));
	if (!hdr->avp_value)
		return EINVAL;
	switch (data.avp_basetype) {
	case AVP_TYPE_INTEGER32:
		*value = hdr->avp_value->i32;
		return 0;
	case AVP_TYPE_INTEGER64:
		*value = hdr->avp_value->i64;
		return 0;
	case AVP_TYPE_UNSIGNED32:
		*value = hdr->avp_value->u32;
		return 0;
	case AVP_TYPE_UNSIGNED64:
		*value = (int64_t)hdr->avp_value->u64;
		return 0;
	default:
		return EINVAL;
	}
}

static int64_t integer_or_unset(msg_or_avp *parent, struct dict_object *model)
{
	int64_t value;

	return get_integer(parent, model, &value) ? CHG_UNSET : value;
}

/* One unit AVP into *value, its flag into u->present when it is there. */
static void read_unit(struct avp *group, struct dict_object *model, unsigned flag, uint64_t *value,
		      struct chg_units *u)
{
	int64_t found;

	if (!get_integer(group, model, &found)) {
		u->present |= flag;
		*value = (uint64_t)found;
	}
}

static void read_units(struct avp *group, struct chg_units *u)
{
	uint64_t time = 0;

	memset(u, 0, sizeof *u);
	read_unit(group, chg_dict.cc_time, CHG_UNIT_TIME, &time, u);
	u->time = (uint32_t)time;
	read_unit(group, chg_dict.cc_total_octets, CHG_UNIT_TOTAL, &u->total_octets, u);
	read_unit(group, chg_dict.cc_input_octets, CHG_UNIT_INPUT, &u->input_octets, u);
	read_unit(group, chg_dict.cc_output_octets, CHG_UNIT_OUTPUT, &u->output_octets, u);
	read_unit(group, chg_dict.cc_service_specific_units, CHG_UNIT_SPECIFIC, &u->service_specific, u);
}

int chg_money_read(struct avp *group, struct chg_money *money)
{
	struct avp *unit_value = NULL;
	int64_t digits, exponent = 0, currency = 0;

	CHECK_FCT(dk_find(group, chg_dict.unit_value, &unit_value));
	if (!unit_value || get_integer(unit_value, chg_dict.value_digits, &digits))
		return ENOENT;
	(void)get_integer(unit_value, chg_dict.exponent, &exponent);
	(void)get_integer(group, chg_dict.currency_code, &currency);
	money->value_digits = digits;
	money->exponent = (int32_t)exponent;
	money->currency_code = (uint32_t)currency;
	return 0;
}

static void read_mscc(struct avp *group, struct chg_mscc_answer *m)
{
	struct avp *gsu = NULL, *fui = NULL;
	int64_t value;

	m->rating_group = integer_or_unset(group, chg_dict.rating_group);
	m->service_identifier = integer_or_unset(group, chg_dict.service_identifier);
	m->result_code = get_integer(group, dk_base.result_code, &value) ? 0 : (uint32_t)value;
	m->validity_time = get_integer(group, chg_dict.validity_time, &value) ? 0 : (uint32_t)value;
	if (!dk_find(group, chg_dict.gsu, &gsu) && gsu) {
		m->has_granted = 1;
		read_units(gsu, &m->granted);
	}
	m->final_unit_action = CHG_UNSET;
	if (!dk_find(group, chg_dict.final_unit_indication, &fui) && fui)
		m->final_unit_action = (int)integer_or_unset(fui, chg_dict.final_unit_action);
}

static int count_mscc(struct msg *msg, size_t *n)
{
	struct avp *avp = NULL;

	*n = 0;
	CHECK_FCT(dk_find(msg, chg_dict.mscc, &avp));
	for (; avp; (*n)++)
		CHECK_FCT(dk_find_next(avp, chg_dict.mscc, &avp));
	return 0;
}

static int read_all_mscc(struct msg *msg, struct chg_credit_answer *answer)
{
	struct avp *avp = NULL;
	size_t n;

	CHECK_FCT(count_mscc(msg, &n));
	if (!n)
		return 0;
	if (!(answer->mscc = calloc(n, sizeof *answer->mscc)))
		return ENOMEM;
	CHECK_FCT(dk_find(msg, chg_dict.mscc, &avp));
	for (; avp && answer->n_mscc < n; answer->n_mscc++) {
		read_mscc(avp, &answer->mscc[answer->n_mscc]);
		CHECK_FCT(dk_find_next(avp, chg_dict.mscc, &avp));
	}
	return 0;
}

static int read_cost(struct msg *msg, struct chg_credit_answer *answer)
{
	struct avp *cost = NULL, *balance = NULL;

	CHECK_FCT(dk_find(msg, chg_dict.cost_information, &cost));
	if (cost && !chg_money_read(cost, &answer->cost)) {
		answer->has_cost = 1;
		CHECK_FCT(dk_copy_str(cost, chg_dict.cost_unit, &answer->cost_unit, NULL));
	}
	CHECK_FCT(dk_find(msg, chg_dict.remaining_balance, &balance));
	answer->has_remaining_balance = balance && !chg_money_read(balance, &answer->remaining_balance);
	return 0;
}

int chg_credit_answer_read(struct msg *msg, struct chg_credit_answer *answer)
{
	int ret;

	memset(answer, 0, sizeof *answer);
	CHECK_FCT(chg_outcome_read(msg, &answer->outcome));
	(void)dk_get_u32(msg, chg_dict.cc_request_type, &answer->request_type);
	(void)dk_get_u32(msg, chg_dict.cc_request_number, &answer->request_number);
	answer->check_balance_result = (int)integer_or_unset(msg, chg_dict.check_balance_result);
	if ((ret = read_all_mscc(msg, answer)) || (ret = read_cost(msg, answer)))
		chg_credit_answer_clear(answer);
	return ret;
}
