/* The SLh / SLg to MLP result table (docs/lcs-results.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "lcs_results.h"

static void every_row_of_the_table(void **state)
{
	(void)state;
	assert_int_equal(lcs_mlp_result_of(0, 2001), 0);
	assert_int_equal(lcs_mlp_result_of(0, LCS_NO_ANSWER), 7);
	assert_int_equal(lcs_mlp_result_of(10415, 5001), 4);
	assert_int_equal(lcs_mlp_result_of(10415, 5490), 2);
	assert_int_equal(lcs_mlp_result_of(10415, 4201), 5);
	assert_int_equal(lcs_mlp_result_of(10415, 4221), 5);
	assert_int_equal(lcs_mlp_result_of(10415, 4222), 5);
	assert_int_equal(lcs_mlp_result_of(10415, 4223), 5);
	assert_int_equal(lcs_mlp_result_of(10415, 4224), 202);
	assert_int_equal(lcs_mlp_result_of(10415, 4225), 6);
	assert_int_equal(lcs_mlp_result_of(10415, 4226), 3);
}

/* The base 5001 (AVP_UNSUPPORTED) is not the 3GPP 5001 (USER_UNKNOWN): the vendor decides. */
static void base_codes_are_network_failures(void **state)
{
	(void)state;
	assert_int_equal(lcs_mlp_result_of(0, 5001), 1);
	assert_int_equal(lcs_mlp_result_of(0, 3002), 1);
	assert_int_equal(lcs_mlp_result_of(0, 3003), 1);
	assert_int_equal(lcs_mlp_result_of(0, 5012), 1);
	assert_int_equal(lcs_mlp_result_of(10415, 9999), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_row_of_the_table),
		cmocka_unit_test(base_codes_are_network_failures),
	};
	return cmocka_run_group_tests_name("lcs_results", tests, NULL, NULL);
}
