/* The small configuration files of our extensions: one "key = value" per line, '#' starts a
 * comment, blank lines are ignored. */
#include "diamkit.h"

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

int dk_config_read(const char *path, const char *who, int (*apply)(void *ctx, const char *key, const char *value),
		   void *ctx)
{
	char line[2048];
	int lineno = 0, ret = 0;
	FILE *f;

	if (!path || !(f = fopen(path, "r"))) {
		LOG_E("%s: cannot read the configuration '%s': %s", who, path ? path : "(none)", strerror(errno));
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
			LOG_E("%s: %s:%d: expected 'key = value'", who, path, lineno);
			ret = EINVAL;
			break;
		}
		*eq = '\0';
		if ((ret = apply(ctx, trim(line), trim(eq + 1))))
			LOG_E("%s: in %s:%d", who, path, lineno);
	}
	fclose(f);
	return ret;
}

int dk_config_text(const char *who, const char *key, const char *value, char *out, size_t size)
{
	if (strlen(value) >= size) {
		LOG_E("%s: %s is too long", who, key);
		return EINVAL;
	}
	strcpy(out, value);
	return 0;
}

int dk_config_number(const char *who, const char *key, const char *value, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || *end || end == value || v < min || v > max) {
		LOG_E("%s: %s must be a number from %ld to %ld, not '%s'", who, key, min, max, value);
		return EINVAL;
	}
	*out = v;
	return 0;
}
