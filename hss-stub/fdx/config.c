/* The extension's configuration file: one "key = value" per line, '#' starts a comment.
 *
 *   store = /var/lib/hss-stub          # the LMDB store folder (required)
 *   max_repository_data = 65536         # bytes of ServiceData accepted by PUR (5008 beyond)
 *   max_expiry = 86400                  # seconds a subscription may last (0: unlimited)
 *   notify_interval_ms = 100            # how often changes are looked for
 *   commit_window_ms = 0                # how long PURs are gathered into one commit
 *   pnr_retry_s = 60                    # how long a PNR its AS could not get is held and sent
 *                                       # again once the AS is connected (0: not held)
 *   schema_dir = /path                  # Sh-Data schemas (default: the built-in folder)
 *   slh_allowed_realms = a.example b.example  # realms whose GMLCs may use SLh (default: any) */
#include "hss_stub.h"

#include <stdio.h>
#include <stdlib.h>

static int parse_number(const char *key, const char *value, long min, long max, long *out)
{
	return dk_config_number("hss_stub", key, value, min, max, out);
}

static int apply(void *ctx, const char *key, const char *value)
{
	struct hss_config *c = ctx;
	long v;
	int ret;

	if (!strcmp(key, "store"))
		return dk_config_text("hss_stub", key, value, c->store_path, sizeof c->store_path);
	if (!strcmp(key, "schema_dir"))
		return dk_config_text("hss_stub", key, value, c->schema_dir, sizeof c->schema_dir);
	if (!strcmp(key, "slh_allowed_realms"))
		return dk_config_text("hss_stub", key, value, c->slh_allowed_realms, sizeof c->slh_allowed_realms);
	if (!strcmp(key, "max_repository_data")) {
		if (!(ret = parse_number(key, value, 1, SHDATA_MAX_SIZE, &v)))
			c->max_repository_data = (size_t)v;
		return ret;
	}
	if (!strcmp(key, "max_expiry")) {
		if (!(ret = parse_number(key, value, 0, 10L * 365 * 86400, &v)))
			c->max_expiry = v;
		return ret;
	}
	if (!strcmp(key, "notify_interval_ms")) {
		if (!(ret = parse_number(key, value, 10, 1000, &v)))
			c->notify_interval_ms = (int)v;
		return ret;
	}
	if (!strcmp(key, "commit_window_ms")) {
		if (!(ret = parse_number(key, value, 0, 10000, &v)))
			c->commit_window_ms = (int)v;
		return ret;
	}
	if (!strcmp(key, "pnr_retry_s")) {
		if (!(ret = parse_number(key, value, 0, 86400, &v)))
			c->pnr_retry_s = (int)v;
		return ret;
	}
	LOG_E("hss_stub: unknown setting '%s'", key);
	return EINVAL;
}

int hss_config_load(const char *path, struct hss_config *c)
{
	int ret;

	memset(c, 0, sizeof *c);
	c->max_repository_data = 65536;
	c->notify_interval_ms = 100;
	c->pnr_retry_s = 60;
	ret = dk_config_read(path, "hss_stub", apply, c);
	if (!ret && !c->store_path[0]) {
		LOG_E("hss_stub: %s: 'store' (the store folder) is required", path);
		ret = EINVAL;
	}
	return ret;
}
