/* Currencies and money as decimal text, in integers (rating.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rating.h"

/* The currencies the lab knows (ISO 4217: letters, number, minor digits). */
static const struct ocs_currency currencies[] = {
	{ 978, 2, "EUR" }, { 840, 2, "USD" }, { 826, 2, "GBP" }, { 756, 2, "CHF" }, { 752, 2, "SEK" },
	{ 578, 2, "NOK" }, { 208, 2, "DKK" }, { 985, 2, "PLN" }, { 124, 2, "CAD" }, { 36, 2, "AUD" },
	{ 392, 0, "JPY" }, { 410, 0, "KRW" }, { 48, 3, "BHD" }, { 414, 3, "KWD" },
};

int ocs_currency_find(const char *text, struct ocs_currency *out)
{
	char *end;
	unsigned long code = strtoul(text, &end, 10);
	int numeric = *text >= '0' && *text <= '9' && !*end;

	for (size_t i = 0; i < sizeof currencies / sizeof currencies[0]; i++)
		if (numeric ? currencies[i].code == code : !strcasecmp(currencies[i].name, text)) {
			*out = currencies[i];
			return 0;
		}
	return ENOENT;
}

int ocs_money_parse(const char *text, unsigned digits, int64_t *minor)
{
	const char *p = text;
	int negative = 0, seen_digit = 0;
	unsigned decimals = 0, after_point = 0;
	uint64_t v = 0;

	if (*p == '-' || *p == '+')
		negative = *p++ == '-';
	for (; *p; p++) {
		if (*p == '.' && !after_point) {
			after_point = 1;
			continue;
		}
		if (*p < '0' || *p > '9')
			return EINVAL;
		if (after_point && ++decimals > digits)
			return EINVAL;
		if (v > ((uint64_t)INT64_MAX - (uint64_t)(*p - '0')) / 10)
			return ERANGE;
		v = v * 10 + (uint64_t)(*p - '0');
		seen_digit = 1;
	}
	if (!seen_digit)
		return EINVAL;
	for (; decimals < digits; decimals++) {
		if (v > (uint64_t)INT64_MAX / 10)
			return ERANGE;
		v *= 10;
	}
	*minor = negative ? -(int64_t)v : (int64_t)v;
	return 0;
}

void ocs_money_format(int64_t minor, unsigned digits, char *buf, size_t size)
{
	uint64_t v = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor, scale = 1;

	for (unsigned i = 0; i < digits; i++)
		scale *= 10;
	if (digits)
		snprintf(buf, size, "%s%" PRIu64 ".%0*" PRIu64, minor < 0 ? "-" : "", v / scale, (int)digits, v % scale);
	else
		snprintf(buf, size, "%s%" PRIu64, minor < 0 ? "-" : "", v);
}
