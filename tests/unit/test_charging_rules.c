/* libcharging's pure logic: record numbers of an Rf session (RFC 6733 §9.8.3), request numbers of
 * an Ro session (RFC 4006 §8.2), and money (RFC 4006 §8.8 Unit-Value) as minor units and text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "charging.h"

static void rf_records_are_numbered_start_0_interims_then_stop(void **state)
{
	struct chg_sequence seq = { 0 };
	uint32_t n = 99;

	(void)state;
	assert_int_equal(chg_sequence_next_record(&seq, CHG_START_RECORD, &n), 0);
	assert_int_equal(n, 0);
	for (uint32_t i = 1; i <= 3; i++) {
		assert_int_equal(chg_sequence_next_record(&seq, CHG_INTERIM_RECORD, &n), 0);
		assert_int_equal(n, i);
	}
	assert_int_equal(chg_sequence_next_record(&seq, CHG_STOP_RECORD, &n), 0);
	assert_int_equal(n, 4);
}

static void rf_stop_right_after_start_is_number_1(void **state)
{
	struct chg_sequence seq = { 0 };
	uint32_t n;

	(void)state;
	assert_int_equal(chg_sequence_next_record(&seq, CHG_START_RECORD, &n), 0);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_STOP_RECORD, &n), 0);
	assert_int_equal(n, 1);
}

static void rf_records_out_of_order_are_refused_and_change_nothing(void **state)
{
	struct chg_sequence seq = { 0 };
	uint32_t n = 77;

	(void)state;
	assert_int_equal(chg_sequence_next_record(&seq, CHG_INTERIM_RECORD, &n), EPROTO);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_STOP_RECORD, &n), EPROTO);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_EVENT_RECORD, &n), EPROTO);
	assert_int_equal(n, 77);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_START_RECORD, &n), 0);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_START_RECORD, &n), EPROTO);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_INTERIM_RECORD, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_STOP_RECORD, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_INTERIM_RECORD, &n), EPROTO);
	assert_int_equal(chg_sequence_next_record(&seq, CHG_STOP_RECORD, &n), EPROTO);
	assert_int_equal(n, 2);
}

static void ro_requests_are_numbered_initial_0_then_one_more_each(void **state)
{
	struct chg_sequence seq = { 0 };
	uint32_t n;

	(void)state;
	assert_int_equal(chg_sequence_next_request(&seq, CHG_UPDATE_REQUEST, &n), EPROTO);
	assert_int_equal(chg_sequence_next_request(&seq, CHG_INITIAL_REQUEST, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(chg_sequence_next_request(&seq, CHG_UPDATE_REQUEST, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(chg_sequence_next_request(&seq, CHG_UPDATE_REQUEST, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(chg_sequence_next_request(&seq, CHG_EVENT_REQUEST, &n), EPROTO);
	assert_int_equal(chg_sequence_next_request(&seq, CHG_TERMINATION_REQUEST, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(chg_sequence_next_request(&seq, CHG_UPDATE_REQUEST, &n), EPROTO);
}

static void money_to_minor_units(void **state)
{
	struct chg_money m = { .value_digits = 1234, .exponent = -2, .currency_code = 978 };
	int64_t amount;

	(void)state;
	assert_int_equal(chg_money_scaled(&m, 2, &amount), 0); /* 12.34 EUR = 1234 cents */
	assert_int_equal(amount, 1234);
	assert_int_equal(chg_money_scaled(&m, 3, &amount), 0);
	assert_int_equal(amount, 12340);
	assert_int_equal(chg_money_scaled(&m, 1, &amount), ERANGE); /* 123.4 tenths */
	m.exponent = 1;                                              /* 12340 */
	assert_int_equal(chg_money_scaled(&m, 0, &amount), 0);
	assert_int_equal(amount, 12340);
	m.value_digits = -5;
	m.exponent = 0;
	assert_int_equal(chg_money_scaled(&m, 2, &amount), 0);
	assert_int_equal(amount, -500);
	m.value_digits = INT64_MAX / 2;
	assert_int_equal(chg_money_scaled(&m, 2, &amount), ERANGE);
}

static void money_as_exact_decimal_text(void **state)
{
	struct chg_money m = { .value_digits = 1234, .exponent = -2 };
	char buf[64], tiny[4];

	(void)state;
	assert_int_equal(chg_money_format(&m, buf, sizeof buf), 0);
	assert_string_equal(buf, "12.34");
	m.exponent = -6;
	assert_int_equal(chg_money_format(&m, buf, sizeof buf), 0);
	assert_string_equal(buf, "0.001234");
	m.exponent = 2;
	assert_int_equal(chg_money_format(&m, buf, sizeof buf), 0);
	assert_string_equal(buf, "123400");
	m.value_digits = -7;
	m.exponent = -1;
	assert_int_equal(chg_money_format(&m, buf, sizeof buf), 0);
	assert_string_equal(buf, "-0.7");
	m.value_digits = 0;
	m.exponent = 0;
	assert_int_equal(chg_money_format(&m, buf, sizeof buf), 0);
	assert_string_equal(buf, "0");
	m.value_digits = 123456;
	assert_int_equal(chg_money_format(&m, tiny, sizeof tiny), ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rf_records_are_numbered_start_0_interims_then_stop),
		cmocka_unit_test(rf_stop_right_after_start_is_number_1),
		cmocka_unit_test(rf_records_out_of_order_are_refused_and_change_nothing),
		cmocka_unit_test(ro_requests_are_numbered_initial_0_then_one_more_each),
		cmocka_unit_test(money_to_minor_units),
		cmocka_unit_test(money_as_exact_decimal_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
