/* Money as RFC 4006 §8.8 carries it (Unit-Value: Value-Digits x 10^Exponent): to an integer
 * amount of minor units, and to exact decimal text. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "charging.h"

int chg_money_scaled(const struct chg_money *money, int decimals, int64_t *amount)
{
	int64_t value = money->value_digits;
	int64_t shift = (int64_t)money->exponent + decimals; /* value x 10^shift */

	for (; shift > 0; shift--) {
		if (value > INT64_MAX / 10 || value < INT64_MIN / 10)
			return ERANGE;
		value *= 10;
	}
	for (; shift < 0; shift++) {
		if (value % 10)
			return ERANGE; /* a fraction of the smallest unit */
		value /= 10;
	}
	*amount = value;
	return 0;
}

int chg_money_format(const struct chg_money *money, char *buf, size_t size)
{
	char digits[32];
	uint64_t magnitude = money->value_digits < 0 ? 0 - (uint64_t)money->value_digits : (uint64_t)money->value_digits;
	const char *sign = money->value_digits < 0 ? "-" : "";
	int n = snprintf(digits, sizeof digits, "%" PRIu64, magnitude);
	int64_t exponent = money->exponent;
	int written;

	if (exponent >= 0) {
		if (exponent > 64)
			return ENOSPC;
		written = snprintf(buf, size, "%s%s%.*s", sign, digits, (int)exponent,
				   "0000000000000000000000000000000000000000000000000000000000000000");
	} else if (-exponent < n) {
		int whole = n + (int)exponent;
		written = snprintf(buf, size, "%s%.*s.%s", sign, whole, digits, digits + whole);
	} else {
		if (-exponent > 64)
			return ENOSPC;
		written = snprintf(buf, size, "%s0.%.*s%s", sign, (int)(-exponent - n),
				   "0000000000000000000000000000000000000000000000000000000000000000", digits);
	}
	return written < 0 || (size_t)written >= size ? ENOSPC : 0;
}
