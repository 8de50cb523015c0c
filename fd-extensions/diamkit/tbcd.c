#include "tbcd.h"

static const char tbcd_digits[] = "0123456789*#abc";

static int tbcd_value(char c)
{
	for (int i = 0; tbcd_digits[i]; i++)
		if (tbcd_digits[i] == c)
			return i;
	if (c >= 'A' && c <= 'C')
		return c - 'A' + 0xC;
	return -1;
}

int tbcd_encode(const char *digits, uint8_t *out, size_t outsz)
{
	size_t n = 0;

	while (digits[n])
		n++;
	if (n == 0 || TBCD_OCTETS(n) > outsz)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int v = tbcd_value(digits[i]);
		if (v < 0)
			return -1;
		if (i % 2 == 0)
			out[i / 2] = 0xF0 | (uint8_t)v;
		else
			out[i / 2] = (uint8_t)((out[i / 2] & 0x0F) | (v << 4));
	}
	return (int)TBCD_OCTETS(n);
}

int tbcd_decode(const uint8_t *in, size_t len, char *out, size_t outsz)
{
	size_t n = 0;

	if (len == 0 || outsz < 2 * len + 1)
		return -1;
	for (size_t i = 0; i < len; i++) {
		uint8_t lo = in[i] & 0x0F, hi = in[i] >> 4;
		if (lo == 0xF)
			return -1;
		out[n++] = tbcd_digits[lo];
		if (hi == 0xF) {
			if (i != len - 1)
				return -1;
			break;
		}
		out[n++] = tbcd_digits[hi];
	}
	out[n] = '\0';
	return (int)n;
}
