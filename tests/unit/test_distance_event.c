/* MLP distance_event decisions (liblcs distance_event.c): a target walking past the reference MS,
 * through positions that are surely apart, undecided, and surely near for a 1000 m range. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "distance_event.h"

/* Along a parallel at 45 N, a degree of longitude is about 78.8 km. */
#define APART 0.05    /* ~3.9 km: not near whatever the 100 m circles */
#define UNSURE 0.0125 /* ~985 m: the circles overlap the range's edge */
#define NEAR 0.005    /* ~394 m: near wherever the UEs are in their circles */

static const struct geo_area reference = { { 45.0, 3.0 }, 100, 0 };

static struct geo_area at(double east)
{
	struct geo_area a = { { 45.0, 3.0 + east }, 100, 0 };
	return a;
}

/* Which of the walk's steps fire the event, as a string of 0 and 1. */
static void walk(enum mlp_distance_type type, const double *steps, int n, const char *want)
{
	struct mlp_distance_event e = { .type = type, .target_distance_m = 1000 };
	char got[16];
	int near = -1;

	for (int i = 0; i < n; i++) {
		struct geo_area target = at(steps[i]);
		got[i] = (char)('0' + lcs_distance_event(&e, &target, &reference, &near));
	}
	got[n] = '\0';
	assert_string_equal(got, want);
}

static const double from_far[] = { APART, UNSURE, NEAR, NEAR, UNSURE, APART, NEAR };
static const double from_near[] = { NEAR, UNSURE, APART, APART, NEAR, APART };

static void entering_needs_to_be_apart_first(void **state)
{
	(void)state;
	walk(MLP_ENTERING_DISTANCE, from_far, 7, "0010001");
	walk(MLP_ENTERING_DISTANCE, from_near, 6, "000010");
}

static void leaving_needs_to_be_near_first(void **state)
{
	(void)state;
	walk(MLP_LEAVING_DISTANCE, from_far, 7, "0000010");
	walk(MLP_LEAVING_DISTANCE, from_near, 6, "001001");
}

static void within_fires_on_the_first_sure_decision_too(void **state)
{
	(void)state;
	walk(MLP_WITHIN_DISTANCE, from_far, 7, "0010001");
	walk(MLP_WITHIN_DISTANCE, from_near, 6, "100010");
}

static void outside_fires_on_the_first_sure_decision_too(void **state)
{
	(void)state;
	walk(MLP_OUTSIDE_DISTANCE, from_far, 7, "1000010");
	walk(MLP_OUTSIDE_DISTANCE, from_near, 6, "001001");
}

static void invalid_positions_decide_nothing(void **state)
{
	struct mlp_distance_event e = { .type = MLP_WITHIN_DISTANCE, .target_distance_m = 1000 };
	struct geo_area bad = { { 91.0, 3.0 }, 100, 0 };
	int near = -1;
	(void)state;

	assert_int_equal(lcs_distance_event(&e, &bad, &reference, &near), 0);
	assert_int_equal(near, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entering_needs_to_be_apart_first),
		cmocka_unit_test(leaving_needs_to_be_near_first),
		cmocka_unit_test(within_fires_on_the_first_sure_decision_too),
		cmocka_unit_test(outside_fires_on_the_first_sure_decision_too),
		cmocka_unit_test(invalid_positions_decide_nothing),
	};
	return cmocka_run_group_tests_name("distance_event", tests, NULL, NULL);
}
