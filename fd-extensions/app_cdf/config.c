/* The extension's configuration file: one "key = value" per line, '#' starts a comment.
 *
 *   store = /var/lib/cdf            # the CDR store folder, created when missing (required)
 *   map_size_mb = 1024              # how large the store may grow; beyond, ACRs get 4002
 *   max_batch = 256                 # records committed in one transaction at most
 *   commit_window_ms = 0            # how long the writer gathers records before committing */
#include "app_cdf.h"

static int apply(void *ctx, const char *key, const char *value)
{
	struct cdf_config *c = ctx;
	long v = 0;
	int ret;

	if (!strcmp(key, "store"))
		return dk_config_text("app_cdf", key, value, c->store_path, sizeof c->store_path);
	if (!strcmp(key, "map_size_mb")) {
		if (!(ret = dk_config_number("app_cdf", key, value, 1, 1L << 20, &v)))
			c->map_size = (size_t)v << 20;
	} else if (!strcmp(key, "max_batch")) {
		if (!(ret = dk_config_number("app_cdf", key, value, 1, 4096, &v)))
			c->max_batch = (int)v;
	} else if (!strcmp(key, "commit_window_ms")) {
		if (!(ret = dk_config_number("app_cdf", key, value, 0, 1000, &v)))
			c->commit_window_ms = (int)v;
	} else {
		LOG_E("app_cdf: unknown setting '%s'", key);
		ret = EINVAL;
	}
	return ret;
}

int cdf_config_load(const char *path, struct cdf_config *c)
{
	int ret;

	memset(c, 0, sizeof *c);
	c->map_size = (size_t)1024 << 20;
	c->max_batch = 256;
	ret = dk_config_read(path, "app_cdf", apply, c);
	if (!ret && !c->store_path[0]) {
		LOG_E("app_cdf: %s: 'store' (the CDR store folder) is required", path);
		ret = EINVAL;
	}
	return ret;
}
