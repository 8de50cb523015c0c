/* assert_near for the unit tests: a double within a tolerance of the value expected, NaN never.
 * Include after cmocka.h. */
#ifndef TESTS_NEAR_H
#define TESTS_NEAR_H

#include <math.h>

static inline void assert_near(double actual, double expected, double tolerance)
{
	if (!(fabs(actual - expected) <= tolerance))
		fail_msg("%.9f is not %.9f (+-%g)", actual, expected, tolerance);
}

#endif
