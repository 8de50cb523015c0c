/* The rating table and its arithmetic (rating.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rating.h"

#define OCTETS_PER_UNIT 1000

static const char *const unit_names[] = { [OCS_UNIT_TIME] = "time", [OCS_UNIT_VOLUME] = "volume",
					  [OCS_UNIT_EVENT] = "event" };

const char *ocs_unit_name(enum ocs_unit unit)
{
	return unit <= OCS_UNIT_EVENT ? unit_names[unit] : "?";
}

/* A whole number in [0, max]: 0 or EINVAL. */
static int parse_u64(const char *text, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!*text || *text == '-' || *text == '+')
		return EINVAL;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || *end || v > max)
		return EINVAL;
	*out = v;
	return 0;
}

static int parse_key(const char *text, struct ocs_service_key *key)
{
	uint64_t id;

	if (!strncmp(text, "rg:", 3))
		key->kind = OCS_RATING_GROUP;
	else if (!strncmp(text, "si:", 3))
		key->kind = OCS_SERVICE_ID;
	else
		return EINVAL;
	if (parse_u64(text + 3, UINT32_MAX, &id))
		return EINVAL;
	key->id = (uint32_t)id;
	return 0;
}

static int parse_unit(const char *text, enum ocs_unit *unit)
{
	for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++)
		if (!strcmp(text, unit_names[i])) {
			*unit = (enum ocs_unit)i;
			return 0;
		}
	return EINVAL;
}

int ocs_rating_add(struct ocs_rating_table *table, const char *line, char *err, size_t errlen)
{
	char key[32], unit[16], price[24], grant[24], validity[16], extra[2];
	struct ocs_service_key k;
	struct ocs_rate r;
	uint64_t v;

	if (sscanf(line, "%31s %15s %23s %23s %15s %1s", key, unit, price, grant, validity, extra) != 5) {
		snprintf(err, errlen, "expected '<rg|si>:<id> <time|volume|event> <price> <units per grant> "
				      "<validity seconds>'");
		return EINVAL;
	}
	if (parse_key(key, &k)) {
		snprintf(err, errlen, "'%s' is not rg:<rating group> or si:<service identifier>", key);
		return EINVAL;
	}
	if (parse_unit(unit, &r.unit)) {
		snprintf(err, errlen, "unit '%s' is not time, volume or event", unit);
		return EINVAL;
	}
	if (parse_u64(price, INT64_MAX, &r.price)) {
		snprintf(err, errlen, "price '%s' is not a whole number of minor units", price);
		return EINVAL;
	}
	if (parse_u64(grant, UINT32_MAX, &r.units_per_grant) || r.units_per_grant == 0) {
		snprintf(err, errlen, "units per grant '%s' is not a number from 1 to %" PRIu32, grant, UINT32_MAX);
		return EINVAL;
	}
	if (parse_u64(validity, UINT32_MAX, &v)) {
		snprintf(err, errlen, "validity '%s' is not a number of seconds", validity);
		return EINVAL;
	}
	r.validity = (uint32_t)v;
	if (ocs_rating_find(table, &k)) {
		snprintf(err, errlen, "%s is rated twice", key);
		return EINVAL;
	}
	if (table->count == OCS_MAX_RATES) {
		snprintf(err, errlen, "more than %d rates", OCS_MAX_RATES);
		return ENOSPC;
	}
	table->entries[table->count].key = k;
	table->entries[table->count].rate = r;
	table->count++;
	return 0;
}

const struct ocs_rate *ocs_rating_find(const struct ocs_rating_table *table, const struct ocs_service_key *key)
{
	for (size_t i = 0; i < table->count; i++)
		if (table->entries[i].key.kind == key->kind && table->entries[i].key.id == key->id)
			return &table->entries[i].rate;
	return NULL;
}

uint64_t ocs_units_from_octets(uint64_t octets)
{
	return octets / OCTETS_PER_UNIT + (octets % OCTETS_PER_UNIT != 0);
}

uint64_t ocs_octets_from_units(uint64_t units)
{
	return units > UINT64_MAX / OCTETS_PER_UNIT ? UINT64_MAX : units * OCTETS_PER_UNIT;
}

int ocs_cost(const struct ocs_rate *rate, uint64_t units, uint64_t *cost)
{
	if (rate->price && units > (uint64_t)INT64_MAX / rate->price)
		return ERANGE;
	*cost = units * rate->price;
	return 0;
}

uint64_t ocs_affordable_units(const struct ocs_rate *rate, uint64_t available, uint64_t wanted)
{
	uint64_t units = wanted && wanted < rate->units_per_grant ? wanted : rate->units_per_grant;

	if (rate->price && available / rate->price < units)
		units = available / rate->price;
	return units;
}
