/* The extension's configuration file: one "key = value" per line, '#' starts a comment.
 *
 *   store = /var/lib/ocs              # the LMDB store folder, made with ocs-ctl (required)
 *   currency = EUR                    # of price enquiries that name no account (default EUR)
 *   commit_window_ms = 0              # how long CCRs are gathered into one commit
 *   replay_memory_s = 300             # how long a processed CCR is remembered for its
 *                                     #   retransmissions (0: for ever)
 *   rating = rg:10 time 2 60 30       # one line per service (charging/ocsstore/rating.h):
 *   rating = si:7 event 150 1 0       #   <rg|si>:<id> <time|volume|event> <price in minor units
 *                                     #   per unit> <units per grant> <validity seconds, 0: none> */
#include "app_ocs.h"

#include <stdio.h>
#include <stdlib.h>

static int apply(void *ctx, const char *key, const char *value)
{
	struct ocs_config *c = ctx;
	char err[200];
	char *end;
	long v;

	if (!strcmp(key, "store"))
		return dk_config_text("app_ocs", key, value, c->store_path, sizeof c->store_path);
	if (!strcmp(key, "currency")) {
		if (ocs_currency_find(value, &c->currency) == 0)
			return 0;
		LOG_E("app_ocs: currency '%s' is not one the OCS knows (EUR, USD, 978, ...)", value);
		return EINVAL;
	}
	if (!strcmp(key, "commit_window_ms") || !strcmp(key, "replay_memory_s")) {
		long max = key[0] == 'c' ? 10000 : 10L * 365 * 86400;
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno || *end || end == value || v < 0 || v > max) {
			LOG_E("app_ocs: %s must be a number from 0 to %ld, not '%s'", key, max, value);
			return EINVAL;
		}
		if (key[0] == 'c')
			c->commit_window_ms = (int)v;
		else
			c->replay_memory_s = (uint32_t)v;
		return 0;
	}
	if (!strcmp(key, "rating")) {
		if (ocs_rating_add(&c->rating, value, err, sizeof err) == 0)
			return 0;
		LOG_E("app_ocs: rating '%s': %s", value, err);
		return EINVAL;
	}
	LOG_E("app_ocs: unknown setting '%s'", key);
	return EINVAL;
}

int ocs_config_load(const char *path, struct ocs_config *c)
{
	int ret;

	memset(c, 0, sizeof *c);
	ocs_currency_find("EUR", &c->currency);
	c->replay_memory_s = OCS_DEFAULT_REPLAY_MEMORY;
	ret = dk_config_read(path, "app_ocs", apply, c);
	if (!ret && !c->store_path[0]) {
		LOG_E("app_ocs: %s: 'store' (the store folder) is required", path);
		ret = EINVAL;
	}
	return ret;
}
