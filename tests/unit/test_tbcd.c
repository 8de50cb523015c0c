/* TBCD encoding of MSISDN / IMSI digits (TS 29.002 TBCD-STRING). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "tbcd.h"

static void even_digits_fill_every_nibble(void **state)
{
	uint8_t out[8];
	(void)state;
	assert_int_equal(tbcd_encode("33612345", out, sizeof out), 4);
	assert_memory_equal(out, "\x33\x16\x32\x54", 4);
}

static void odd_digits_end_with_filler(void **state)
{
	uint8_t out[8];
	(void)state;
	assert_int_equal(tbcd_encode("12345", out, sizeof out), 3);
	assert_memory_equal(out, "\x21\x43\xF5", 3);
}

static void single_digit(void **state)
{
	uint8_t out[1];
	char text[3];
	(void)state;
	assert_int_equal(tbcd_encode("7", out, sizeof out), 1);
	assert_int_equal(out[0], 0xF7);
	assert_int_equal(tbcd_decode(out, 1, text, sizeof text), 1);
	assert_string_equal(text, "7");
}

static void special_digits_round_trip(void **state)
{
	uint8_t out[4];
	char text[9];
	(void)state;
	assert_int_equal(tbcd_encode("*#abc", out, sizeof out), 3);
	assert_memory_equal(out, "\xBA\xDC\xFE", 3);
	assert_int_equal(tbcd_decode(out, 3, text, sizeof text), 5);
	assert_string_equal(text, "*#abc");
	/* upper case is accepted on input, written back in lower case */
	assert_int_equal(tbcd_encode("ABC", out, sizeof out), 2);
	assert_memory_equal(out, "\xDC\xFE", 2);
}

static void msisdn_round_trip(void **state)
{
	const char *msisdn = "491720000001";
	uint8_t out[8];
	char text[17];
	(void)state;
	int n = tbcd_encode(msisdn, out, sizeof out);
	assert_int_equal(n, 6);
	assert_int_equal(tbcd_decode(out, (size_t)n, text, sizeof text), 12);
	assert_string_equal(text, msisdn);
}

static void invalid_characters_are_refused(void **state)
{
	uint8_t out[8];
	(void)state;
	assert_int_equal(tbcd_encode("12x4", out, sizeof out), -1);
	assert_int_equal(tbcd_encode("+4917", out, sizeof out), -1);
	assert_int_equal(tbcd_encode("12 4", out, sizeof out), -1);
	assert_int_equal(tbcd_encode("", out, sizeof out), -1);
	assert_int_equal(tbcd_encode("d", out, sizeof out), -1);
}

static void output_too_small_is_refused(void **state)
{
	uint8_t out[2];
	char text[4];
	(void)state;
	assert_int_equal(tbcd_encode("12345", out, sizeof out), -1);
	assert_int_equal(tbcd_decode((const uint8_t *)"\x21\x43", 2, text, sizeof text), -1);
}

static void filler_only_at_the_end(void **state)
{
	char text[16];
	(void)state;
	/* filler in a low nibble */
	assert_int_equal(tbcd_decode((const uint8_t *)"\x1F", 1, text, sizeof text), -1);
	/* filler in the high nibble of an octet that is not the last */
	assert_int_equal(tbcd_decode((const uint8_t *)"\xF1\x32", 2, text, sizeof text), -1);
	/* an all-filler octet */
	assert_int_equal(tbcd_decode((const uint8_t *)"\xFF", 1, text, sizeof text), -1);
	/* empty input */
	assert_int_equal(tbcd_decode((const uint8_t *)"", 0, text, sizeof text), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(even_digits_fill_every_nibble),
		cmocka_unit_test(odd_digits_end_with_filler),
		cmocka_unit_test(single_digit),
		cmocka_unit_test(special_digits_round_trip),
		cmocka_unit_test(msisdn_round_trip),
		cmocka_unit_test(invalid_characters_are_refused),
		cmocka_unit_test(output_too_small_is_refused),
		cmocka_unit_test(filler_only_at_the_end),
	};
	return cmocka_run_group_tests_name("tbcd", tests, NULL, NULL);
}
