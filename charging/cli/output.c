/* What charging-client prints: each answer as one JSON line on stdout, and on stderr what went
 * wrong, with the exit status that goes with it. */

#include "cli.h"

int cli_outcome(const char *what, int status, const struct chg_outcome *outcome, int timeout_ms)
{
	uint32_t code;

	if (status)
		return dk_cli_no_answer(what, status, timeout_ms);
	code = chg_outcome_code(outcome);
	if (code == CHG_SUCCESS && !outcome->result.vendor)
		return EXIT_DIAMETER_SUCCESS;
	return dk_cli_result(what, outcome->result.vendor != 0, code, outcome->result.vendor ? NULL : dk_result_name(code),
			     outcome->error_message, outcome->failed_avp_code);
}

static json_t *outcome_json(const struct chg_outcome *o)
{
	json_t *obj = json_object();

	json_object_set_new(obj, "session_id", o->session_id ? json_string(o->session_id) : json_null());
	json_object_set_new(obj, o->result.vendor ? "experimental_result" : "result_code",
			    o->result.code ? json_integer(o->result.code) : json_null());
	if (o->result.vendor)
		json_object_set_new(obj, "vendor_id", json_integer(o->result.vendor));
	if (o->error_message)
		json_object_set_new(obj, "error_message", json_string(o->error_message));
	if (o->failed_avp_code)
		json_object_set_new(obj, "failed_avp", json_integer(o->failed_avp_code));
	if (o->origin_host)
		json_object_set_new(obj, "origin_host", json_string(o->origin_host));
	json_object_set_new(obj, "attempts", json_integer(o->attempts));
	return obj;
}

static void print_acct(const struct chg_acct_answer *a)
{
	static const char *const types[] = { "", "EVENT_RECORD", "START_RECORD", "INTERIM_RECORD", "STOP_RECORD" };
	json_t *obj = outcome_json(&a->outcome);

	json_object_set_new(obj, "record_type",
			    a->record_type >= 1 && a->record_type <= 4 ? json_string(types[a->record_type]) : json_null());
	json_object_set_new(obj, "record_number", json_integer(a->record_number));
	dk_cli_print_json(obj);
}

static json_t *units_json(const struct chg_units *u)
{
	json_t *obj = json_object();

	if (u->present & CHG_UNIT_TIME)
		json_object_set_new(obj, "time", json_integer(u->time));
	if (u->present & CHG_UNIT_TOTAL)
		json_object_set_new(obj, "total_octets", json_integer((json_int_t)u->total_octets));
	if (u->present & CHG_UNIT_INPUT)
		json_object_set_new(obj, "input_octets", json_integer((json_int_t)u->input_octets));
	if (u->present & CHG_UNIT_OUTPUT)
		json_object_set_new(obj, "output_octets", json_integer((json_int_t)u->output_octets));
	if (u->present & CHG_UNIT_SPECIFIC)
		json_object_set_new(obj, "service_specific_units", json_integer((json_int_t)u->service_specific));
	return obj;
}

static json_t *mscc_json(const struct chg_mscc_answer *m)
{
	json_t *obj = json_object();

	if (m->rating_group != CHG_UNSET)
		json_object_set_new(obj, "rating_group", json_integer(m->rating_group));
	if (m->service_identifier != CHG_UNSET)
		json_object_set_new(obj, "service_identifier", json_integer(m->service_identifier));
	if (m->result_code)
		json_object_set_new(obj, "result_code", json_integer(m->result_code));
	if (m->has_granted)
		json_object_set_new(obj, "granted", units_json(&m->granted));
	if (m->validity_time)
		json_object_set_new(obj, "validity_time", json_integer(m->validity_time));
	if (m->final_unit_action != CHG_UNSET)
		json_object_set_new(obj, "final_unit_action", json_integer(m->final_unit_action));
	return obj;
}

/* {"amount": "12.34", "currency_code": 978}: the amount as exact decimal text. */
static json_t *money_json(const struct chg_money *money)
{
	char amount[96];

	if (chg_money_format(money, amount, sizeof amount))
		return json_null();
	return json_pack("{s:s, s:I}", "amount", amount, "currency_code", (json_int_t)money->currency_code);
}

static void print_credit(const struct chg_credit_answer *a)
{
	static const char *const types[] = { "", "INITIAL_REQUEST", "UPDATE_REQUEST", "TERMINATION_REQUEST", "EVENT_REQUEST" };
	json_t *obj = outcome_json(&a->outcome), *mscc = json_array();

	json_object_set_new(obj, "request_type",
			    a->request_type >= 1 && a->request_type <= 4 ? json_string(types[a->request_type]) : json_null());
	json_object_set_new(obj, "request_number", json_integer(a->request_number));
	for (size_t i = 0; i < a->n_mscc; i++)
		json_array_append_new(mscc, mscc_json(&a->mscc[i]));
	json_object_set_new(obj, "mscc", mscc);
	if (a->has_cost) {
		json_t *cost = money_json(&a->cost);
		if (json_is_object(cost) && a->cost_unit)
			json_object_set_new(cost, "cost_unit", json_string(a->cost_unit));
		json_object_set_new(obj, "cost", cost);
	}
	if (a->check_balance_result != CHG_UNSET)
		json_object_set_new(obj, "check_balance_result",
				    json_string(a->check_balance_result == 0 ? "ENOUGH_CREDIT" : "NO_CREDIT"));
	if (a->has_remaining_balance)
		json_object_set_new(obj, "remaining_balance", money_json(&a->remaining_balance));
	dk_cli_print_json(obj);
}

int cli_acct_result(const struct cli *cli, const char *what, int status, struct chg_acct_answer *answer)
{
	int ret = cli_outcome(what, status, &answer->outcome, cli->config.timeout_ms);

	if (!status)
		print_acct(answer);
	chg_acct_answer_clear(answer);
	return ret;
}

int cli_credit_result(const struct cli *cli, const char *what, int status, struct chg_credit_answer *answer)
{
	int ret = cli_outcome(what, status, &answer->outcome, cli->config.timeout_ms);

	if (!status)
		print_credit(answer);
	chg_credit_answer_clear(answer);
	return ret;
}
