/* What the commands share: error reporting, reading input, printing JSON. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ctl.h"

int ctl_fail(int rc, const char *what, const char *err)
{
	const char *text = err && *err ? err : strerror(rc);

	if (rc == ENOENT && !(err && *err))
		text = "not found";
	fprintf(stderr, "hss-ctl: %s: %s\n", what, text);
	return rc == EINVAL || rc == ENOENT || rc == EEXIST || rc == ERANGE ? EXIT_INPUT : EXIT_STORAGE;
}

int ctl_read(const char *path, size_t max, char **data, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 1 << 16, n = 0;
	char *buf = NULL, *grown;
	int rc = 0;

	if (!f) {
		fprintf(stderr, "hss-ctl: %s: %s\n", path, strerror(errno));
		return EXIT_INPUT;
	}
	for (;;) {
		grown = realloc(buf, cap + 1);
		if (!grown) {
			rc = ctl_fail(ENOMEM, path, NULL);
			break;
		}
		buf = grown;
		n += fread(buf + n, 1, cap - n, f);
		if (n > max) {
			fprintf(stderr, "hss-ctl: %s: larger than %zu bytes\n", path, max);
			rc = EXIT_INPUT;
			break;
		}
		if (n < cap)
			break;
		cap *= 2;
	}
	if (rc == 0 && ferror(f)) {
		fprintf(stderr, "hss-ctl: %s: read error\n", path);
		rc = EXIT_INPUT;
	}
	if (f != stdin)
		fclose(f);
	if (rc) {
		free(buf);
		return rc;
	}
	buf[n] = 0;
	*data = buf;
	*len = n;
	return 0;
}

int ctl_load_json(const char *path, size_t max, json_t **doc)
{
	json_error_t error;
	char *text;
	size_t len;
	int rc = ctl_read(path, max, &text, &len);

	if (rc)
		return rc;
	*doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
	free(text);
	if (!*doc) {
		fprintf(stderr, "hss-ctl: %s:%d:%d: %s\n", path, error.line, error.column, error.text);
		return EXIT_INPUT;
	}
	return 0;
}

int ctl_print(json_t *value)
{
	int rc = value ? json_dumpf(value, stdout, JSON_INDENT(2)) : -1;

	json_decref(value);
	if (rc == 0 && putchar('\n') != EOF && fflush(stdout) == 0)
		return 0;
	fprintf(stderr, "hss-ctl: cannot write the result\n");
	return EXIT_STORAGE;
}
