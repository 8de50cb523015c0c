/* Whole-store commands: export, import. */
#include <errno.h>
#include <string.h>
#include "ctl.h"

#define PROGRESS_EVERY 10000

int cmd_export(void *store, int argc, char **argv)
{
	const char *path = argc ? argv[0] : "-";
	json_t *doc;
	int rc = store_export(store, &doc);

	if (rc)
		return ctl_fail(rc, "export", NULL);
	if (strcmp(path, "-") == 0)
		return ctl_print(doc);
	rc = json_dump_file(doc, path, JSON_INDENT(2));
	json_decref(doc);
	if (rc) {
		fprintf(stderr, "hss-ctl: %s: cannot write\n", path);
		return EXIT_STORAGE;
	}
	return 0;
}

static void show_progress(size_t done, void *arg)
{
	(void)arg;
	fprintf(stderr, "imported %zu records\n", done);
}

static size_t records(json_t *doc)
{
	static const char *const sections[] = { "subscribers", "repository_data", "as_permissions", "subscriptions" };
	size_t n = 0;

	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		n += json_array_size(json_object_get(doc, sections[i]));
	return n;
}

int cmd_import(void *store, int argc, char **argv)
{
	int progress = argc == 2; /* --progress, checked by store_ctl_main */
	const char *path = argv[argc - 1];
	char err[STORE_ERR_LEN];
	json_t *doc;
	int rc = ctl_load_json(path, CTL_MAX_IMPORT, &doc);
	if (rc)
		return rc;
	rc = ctl_check_repository_section(doc, err, sizeof err);
	if (rc == 0)
		rc = store_import(store, doc, err, sizeof err, progress ? show_progress : NULL, PROGRESS_EVERY, NULL);
	if (rc == 0)
		printf("imported %zu records\n", records(doc));
	json_decref(doc);
	return rc ? ctl_fail(rc, path, err) : 0;
}
