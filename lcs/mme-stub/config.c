/* The extension's configuration file: one "key = value" per line, '#' starts a comment.
 *
 *   scenario = /path/scenario.json   # the UEs and their positions (required; scenario.c)
 *   name = mme1                      # the name in logs (default: the daemon's identity) */
#include "mme_stub.h"

static int apply(void *ctx, const char *key, const char *value)
{
	struct mme_config *c = ctx;

	if (!strcmp(key, "scenario"))
		return dk_config_text("mme_stub", key, value, c->scenario, sizeof c->scenario);
	if (!strcmp(key, "name"))
		return dk_config_text("mme_stub", key, value, c->name, sizeof c->name);
	LOG_E("mme_stub: unknown setting '%s'", key);
	return EINVAL;
}

int mme_config_load(const char *path, struct mme_config *c)
{
	int ret;

	memset(c, 0, sizeof *c);
	ret = dk_config_read(path, "mme_stub", apply, c);
	if (!ret && !c->scenario[0]) {
		LOG_E("mme_stub: %s: 'scenario' (the scenario file) is required", path);
		ret = EINVAL;
	}
	if (!ret && !c->name[0])
		snprintf(c->name, sizeof c->name, "%.*s", (int)fd_g_config->cnf_diamid_len, fd_g_config->cnf_diamid);
	return ret;
}
