/* Rating for the OCS: currencies, money as decimal text, the rating table and its arithmetic.
 * Pure functions, integers only.
 *
 * A rate prices one service (a Rating-Group or a Service-Identifier) per rating unit:
 *   time    1 second       (CC-Time)
 *   volume  1 kilobyte = 1000 octets, a started kilobyte counts whole (CC-Total-Octets, or
 *           CC-Input-Octets + CC-Output-Octets)
 *   event   1 event        (CC-Service-Specific-Units)
 * Prices are in minor units of the account's currency per rating unit. */
#ifndef OCS_RATING_H
#define OCS_RATING_H

#include <stddef.h>
#include <stdint.h>

/* ---- currencies and money ----------------------------------------------------------------- */

struct ocs_currency {
	uint32_t code;       /* ISO 4217 numeric (Currency-Code, RFC 4006 §8.11) */
	uint8_t digits;      /* minor unit digits: 2 for EUR, 0 for JPY */
	char name[4];        /* ISO 4217 letters */
};

/* A currency by its letters ("EUR") or its number ("978"): 0, or ENOENT when unknown. */
int ocs_currency_find(const char *text, struct ocs_currency *out);

/* Parse a decimal amount ("12.50", "-3", "0.5") into minor units of a currency with 'digits'
 * minor digits, without floating point: EINVAL when it is not a number or has more decimals than
 * the currency, ERANGE beyond int64. */
int ocs_money_parse(const char *text, unsigned digits, int64_t *minor);
/* Write minor units as decimal text ("12.50"); buf of at least 24 bytes. */
void ocs_money_format(int64_t minor, unsigned digits, char *buf, size_t size);

/* ---- rates -------------------------------------------------------------------------------- */

enum ocs_unit { OCS_UNIT_TIME, OCS_UNIT_VOLUME, OCS_UNIT_EVENT };

/* What a Multiple-Services-Credit-Control names: Service-Identifier when present, else
 * Rating-Group (RFC 4006 §8.16: the Service-Identifier is the target when both are given). */
enum ocs_service_kind { OCS_RATING_GROUP = 0, OCS_SERVICE_ID = 1 };

struct ocs_service_key {
	enum ocs_service_kind kind;
	uint32_t id;
};

struct ocs_rate {
	enum ocs_unit unit;
	uint64_t price;           /* minor units per rating unit (0: free) */
	uint64_t units_per_grant; /* the most granted at once */
	uint32_t validity;        /* seconds a reservation lasts (Validity-Time) */
};

#define OCS_MAX_RATES 64

struct ocs_rating_table {
	size_t count;
	struct {
		struct ocs_service_key key;
		struct ocs_rate rate;
	} entries[OCS_MAX_RATES];
};

/* Add one line "<rg|si>:<id> <time|volume|event> <price> <units per grant> <validity s>"
 * ("rg:10 time 2 60 30": rating group 10, 2 minor units a second, 60 s at a time, valid 30 s).
 * EINVAL with a message in err (bad syntax, a key given twice, units per grant 0), ENOSPC when
 * the table is full. */
int ocs_rating_add(struct ocs_rating_table *table, const char *line, char *err, size_t errlen);
/* The rate of a service, or NULL. */
const struct ocs_rate *ocs_rating_find(const struct ocs_rating_table *table, const struct ocs_service_key *key);

/* The unit's name as written in the table ("time", ...). */
const char *ocs_unit_name(enum ocs_unit unit);

/* Rating units for an amount of octets (started kilobytes), and octets for rating units. */
uint64_t ocs_units_from_octets(uint64_t octets);
uint64_t ocs_octets_from_units(uint64_t units);

/* The price of 'units' units: ERANGE when it does not fit in 63 bits. */
int ocs_cost(const struct ocs_rate *rate, uint64_t units, uint64_t *cost);
/* How many units 'available' minor units pay for, at most 'wanted' (the rate's units_per_grant
 * when wanted is 0 or more than that). A free rate grants what is wanted. */
uint64_t ocs_affordable_units(const struct ocs_rate *rate, uint64_t available, uint64_t wanted);

#endif
