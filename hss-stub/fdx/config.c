/* The extension's configuration file: one "key = value" per line, '#' starts a comment.
 *
 *   store = /var/lib/hss-stub          # the LMDB store folder (required)
 *   max_repository_data = 65536         # bytes of ServiceData accepted by PUR (5008 beyond)
 *   max_expiry = 86400                  # seconds a subscription may last (0: unlimited)
 *   notify_interval_ms = 100            # how often changes are looked for
 *   commit_window_ms = 0                # how long PURs are gathered into one commit
 *   schema_dir = /path                  # Sh-Data schemas (default: the built-in folder)
 *   slh_allowed_realms = a.example b.example  # realms whose GMLCs may use SLh (default: any) */
#include "hss_stub.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int parse_number(const char *key, const char *value, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || *end || end == value || v < min || v > max) {
		LOG_E("hss_stub: %s must be a number from %ld to %ld, not '%s'", key, min, max, value);
		return EINVAL;
	}
	*out = v;
	return 0;
}

static int set_text(const char *key, const char *value, char *out, size_t size)
{
	if (strlen(value) >= size) {
		LOG_E("hss_stub: %s is too long", key);
		return EINVAL;
	}
	strcpy(out, value);
	return 0;
}

static int apply(struct hss_config *c, const char *key, const char *value)
{
	long v;
	int ret;

	if (!strcmp(key, "store"))
		return set_text(key, value, c->store_path, sizeof c->store_path);
	if (!strcmp(key, "schema_dir"))
		return set_text(key, value, c->schema_dir, sizeof c->schema_dir);
	if (!strcmp(key, "slh_allowed_realms"))
		return set_text(key, value, c->slh_allowed_realms, sizeof c->slh_allowed_realms);
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
	LOG_E("hss_stub: unknown setting '%s'", key);
	return EINVAL;
}

int hss_config_load(const char *path, struct hss_config *c)
{
	char line[2048];
	int lineno = 0, ret = 0;
	FILE *f;

	memset(c, 0, sizeof *c);
	c->max_repository_data = 65536;
	c->notify_interval_ms = 100;
	if (!path || !(f = fopen(path, "r"))) {
		LOG_E("hss_stub: cannot read the configuration '%s': %s", path ? path : "(none)", strerror(errno));
		return EINVAL;
	}
	while (!ret && fgets(line, sizeof line, f)) {
		char *eq, *hash = strchr(line, '#');
		lineno++;
		if (hash)
			*hash = '\0';
		if (!*trim(line))
			continue;
		if (!(eq = strchr(line, '='))) {
			LOG_E("hss_stub: %s:%d: expected 'key = value'", path, lineno);
			ret = EINVAL;
			break;
		}
		*eq = '\0';
		if ((ret = apply(c, trim(line), trim(eq + 1))))
			LOG_E("hss_stub: in %s:%d", path, lineno);
	}
	fclose(f);
	if (!ret && !c->store_path[0]) {
		LOG_E("hss_stub: %s: 'store' (the store folder) is required", path);
		ret = EINVAL;
	}
	return ret;
}
