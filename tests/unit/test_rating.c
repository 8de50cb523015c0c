/* The OCS rating: table lines, costs and affordable units, money as text, currencies. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "rating.h"

static void table_lines(void **state)
{
	struct ocs_rating_table t = { 0 };
	char err[200];
	const struct ocs_rate *r;

	(void)state;
	assert_int_equal(ocs_rating_add(&t, "rg:10 time 2 60 30", err, sizeof err), 0);
	assert_int_equal(ocs_rating_add(&t, "si:7   event 150 1 0", err, sizeof err), 0);
	assert_int_equal(ocs_rating_add(&t, "rg:4294967295 volume 1 500 3600", err, sizeof err), 0);
	r = ocs_rating_find(&t, &(struct ocs_service_key){ OCS_RATING_GROUP, 10 });
	assert_non_null(r);
	assert_int_equal(r->unit, OCS_UNIT_TIME);
	assert_int_equal(r->price, 2);
	assert_int_equal(r->units_per_grant, 60);
	assert_int_equal(r->validity, 30);
	r = ocs_rating_find(&t, &(struct ocs_service_key){ OCS_SERVICE_ID, 7 });
	assert_non_null(r);
	assert_int_equal(r->unit, OCS_UNIT_EVENT);
	assert_int_equal(r->price, 150);
	/* a Rating-Group and a Service-Identifier of the same number are different services */
	assert_null(ocs_rating_find(&t, &(struct ocs_service_key){ OCS_SERVICE_ID, 10 }));
	assert_null(ocs_rating_find(&t, &(struct ocs_service_key){ OCS_RATING_GROUP, 7 }));
	assert_string_equal(ocs_unit_name(OCS_UNIT_VOLUME), "volume");
}

static void bad_table_lines(void **state)
{
	static const char *const bad[] = {
		"rg:10 time 2 60",          /* a field missing */
		"rg:10 time 2 60 30 extra", /* one too many */
		"xx:10 time 2 60 30",       /* neither rg nor si */
		"rg:-1 time 2 60 30",       /* not a number */
		"rg:4294967296 time 2 60 30",
		"rg:10 minutes 2 60 30",    /* no such unit */
		"rg:10 time 0.5 60 30",     /* prices are whole minor units */
		"rg:10 time -2 60 30",
		"rg:10 time 2 0 30",        /* nothing granted */
		"rg:10 time 2 60 -1",
	};
	struct ocs_rating_table t = { 0 };
	char err[200];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err[0] = '\0';
		assert_int_equal(ocs_rating_add(&t, bad[i], err, sizeof err), EINVAL);
		assert_true(err[0] != '\0');
	}
	assert_int_equal(t.count, 0);
	assert_int_equal(ocs_rating_add(&t, "rg:10 time 2 60 30", err, sizeof err), 0);
	assert_int_equal(ocs_rating_add(&t, "rg:10 event 1 1 0", err, sizeof err), EINVAL); /* twice */
	for (int i = 1; i < OCS_MAX_RATES; i++) {
		char line[64];
		snprintf(line, sizeof line, "si:%d event 1 1 0", i);
		assert_int_equal(ocs_rating_add(&t, line, err, sizeof err), 0);
	}
	assert_int_equal(ocs_rating_add(&t, "si:999 event 1 1 0", err, sizeof err), ENOSPC);
}

static void cost_and_affordable_units(void **state)
{
	struct ocs_rate time = { OCS_UNIT_TIME, 2, 60, 30 }, free_rate = { OCS_UNIT_EVENT, 0, 5, 0 };
	uint64_t cost;

	(void)state;
	assert_int_equal(ocs_cost(&time, 45, &cost), 0);
	assert_int_equal(cost, 90);
	assert_int_equal(ocs_cost(&time, (uint64_t)INT64_MAX / 2 + 1, &cost), ERANGE);
	/* as many as asked, at most a grant, at most what the credit pays for */
	assert_int_equal(ocs_affordable_units(&time, 1000, 0), 60);
	assert_int_equal(ocs_affordable_units(&time, 1000, 10), 10);
	assert_int_equal(ocs_affordable_units(&time, 1000, 600), 60);
	assert_int_equal(ocs_affordable_units(&time, 51, 0), 25);
	assert_int_equal(ocs_affordable_units(&time, 1, 0), 0);
	assert_int_equal(ocs_affordable_units(&time, 0, 0), 0);
	assert_int_equal(ocs_affordable_units(&free_rate, 0, 0), 5);
	assert_int_equal(ocs_affordable_units(&free_rate, 0, 3), 3);
}

static void volume_units(void **state)
{
	(void)state;
	assert_int_equal(ocs_units_from_octets(0), 0);
	assert_int_equal(ocs_units_from_octets(1), 1);
	assert_int_equal(ocs_units_from_octets(1000), 1);
	assert_int_equal(ocs_units_from_octets(1001), 2);
	assert_int_equal(ocs_octets_from_units(3), 3000);
	assert_int_equal(ocs_octets_from_units(UINT64_MAX / 10), UINT64_MAX);
}

static void money_text(void **state)
{
	int64_t v;
	char buf[32];

	(void)state;
	assert_int_equal(ocs_money_parse("12.50", 2, &v), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(ocs_money_parse("12.5", 2, &v), 0);
	assert_int_equal(v, 1250);
	assert_int_equal(ocs_money_parse("12", 2, &v), 0);
	assert_int_equal(v, 1200);
	assert_int_equal(ocs_money_parse("-0.05", 2, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(ocs_money_parse(".5", 2, &v), 0);
	assert_int_equal(v, 50);
	assert_int_equal(ocs_money_parse("7", 0, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(ocs_money_parse("1.234", 3, &v), 0);
	assert_int_equal(v, 1234);
	assert_int_equal(ocs_money_parse("1.234", 2, &v), EINVAL); /* finer than a cent */
	assert_int_equal(ocs_money_parse("7.", 0, &v), 0);
	assert_int_equal(ocs_money_parse("7.5", 0, &v), EINVAL);
	assert_int_equal(ocs_money_parse("", 2, &v), EINVAL);
	assert_int_equal(ocs_money_parse("-", 2, &v), EINVAL);
	assert_int_equal(ocs_money_parse(".", 2, &v), EINVAL);
	assert_int_equal(ocs_money_parse("1.2.3", 2, &v), EINVAL);
	assert_int_equal(ocs_money_parse("1e3", 2, &v), EINVAL);
	assert_int_equal(ocs_money_parse("12,50", 2, &v), EINVAL);
	assert_int_equal(ocs_money_parse("92233720368547758.07", 2, &v), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(ocs_money_parse("92233720368547758.08", 2, &v), ERANGE);
	assert_int_equal(ocs_money_parse("99999999999999999999", 0, &v), ERANGE);
	ocs_money_format(1250, 2, buf, sizeof buf);
	assert_string_equal(buf, "12.50");
	ocs_money_format(5, 2, buf, sizeof buf);
	assert_string_equal(buf, "0.05");
	ocs_money_format(-5, 2, buf, sizeof buf);
	assert_string_equal(buf, "-0.05");
	ocs_money_format(42, 0, buf, sizeof buf);
	assert_string_equal(buf, "42");
	ocs_money_format(1234, 3, buf, sizeof buf);
	assert_string_equal(buf, "1.234");
	ocs_money_format(INT64_MIN, 2, buf, sizeof buf);
	assert_string_equal(buf, "-92233720368547758.08");
}

static void currencies(void **state)
{
	struct ocs_currency c;

	(void)state;
	assert_int_equal(ocs_currency_find("EUR", &c), 0);
	assert_int_equal(c.code, 978);
	assert_int_equal(c.digits, 2);
	assert_int_equal(ocs_currency_find("jpy", &c), 0);
	assert_int_equal(c.code, 392);
	assert_int_equal(c.digits, 0);
	assert_int_equal(ocs_currency_find("840", &c), 0);
	assert_string_equal(c.name, "USD");
	assert_int_equal(ocs_currency_find("XYZ", &c), ENOENT);
	assert_int_equal(ocs_currency_find("999", &c), ENOENT);
	assert_int_equal(ocs_currency_find("", &c), ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_lines),     cmocka_unit_test(bad_table_lines), cmocka_unit_test(cost_and_affordable_units),
		cmocka_unit_test(volume_units),    cmocka_unit_test(money_text),      cmocka_unit_test(currencies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
