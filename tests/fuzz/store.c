/* Provisioning and identities: a subscriber document hss-ctl refuses is refused with the JSON
 * path and reason; a TBCD string decoded encodes back to the same octets. */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "store_int.h"
#include "tbcd.h"

int fuzz_subscriber(const uint8_t *data, size_t size)
{
	char err[STORE_ERR_LEN] = "";
	json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);

	if (!doc)
		return 0;
	if (subscriber_validate(doc, "$", err, sizeof err))
		FUZZ_CHECK(err[0] == '$'); /* the path of the first error */
	json_decref(doc);
	return 0;
}

int fuzz_tbcd(const uint8_t *data, size_t size)
{
	char digits[2 * 64 + 1];
	uint8_t octets[64];
	int n;

	if (size > sizeof octets || (n = tbcd_decode(data, size, digits, sizeof digits)) < 0)
		return 0;
	FUZZ_CHECK((size_t)n == strlen(digits));
	FUZZ_CHECK(tbcd_encode(digits, octets, sizeof octets) == (int)size);
	FUZZ_CHECK(!memcmp(octets, data, size));
	return 0;
}
