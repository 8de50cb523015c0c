/* hss-ctl import, on a real store: a whole-store document is imported all or nothing (a refusal
 * names the JSON path of the first error and leaves the store as it was, here empty), and a
 * store exported, then imported into another, exports the same document. Each input gets new
 * stores in a folder of their own, on /dev/shm when the machine has it (LMDB's commits then
 * cost no disk writes). */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "store.h"

#define MAP_SIZE (64UL << 20) /* the map grows when a write fills it */

/* Removes the folder made for one store, and the files LMDB put in it. */
static void remove_store_dir(const char *dir)
{
	char path[4096];
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* A new empty store in a new folder (its path in dir). */
static struct hss_store *new_store(char *dir, size_t size)
{
	struct stat st;
	struct hss_store *store = NULL;

	snprintf(dir, size, "%s/tk-fuzz-store-XXXXXX", !stat("/dev/shm", &st) ? "/dev/shm" : "/tmp");
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	FUZZ_CHECK(store_open_sized(dir, 1, MAP_SIZE, &store) == 0);
	return store;
}

static json_t *exported(struct hss_store *store)
{
	json_t *doc = NULL;

	FUZZ_CHECK(store_export(store, &doc) == 0);
	return doc;
}

/* The document of a store imported from doc, exported again. */
static json_t *reimported(json_t *doc)
{
	char dir[64], err[STORE_ERR_LEN] = "";
	struct hss_store *store = new_store(dir, sizeof dir);
	json_t *again;

	FUZZ_CHECK(store_import(store, doc, err, sizeof err, NULL, 0, NULL) == 0);
	again = exported(store);
	store_close(store);
	remove_store_dir(dir);
	return again;
}

int fuzz_store_import(const uint8_t *data, size_t size)
{
	json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL), *before, *after;
	char dir[64], err[STORE_ERR_LEN] = "";
	struct hss_store *store;
	int rc;

	if (!json_is_object(doc)) {
		json_decref(doc);
		return 0;
	}
	store = new_store(dir, sizeof dir);
	before = exported(store);
	rc = store_import(store, doc, err, sizeof err, NULL, 0, NULL);
	after = exported(store);
	if (rc) {
		FUZZ_CHECK((rc == EINVAL || rc == EEXIST) && err[0] == '$');
		FUZZ_CHECK(json_equal(before, after)); /* nothing half written */
	} else {
		json_t *again = reimported(after);

		FUZZ_CHECK(json_equal(after, again));
		json_decref(again);
	}
	json_decref(before);
	json_decref(after);
	json_decref(doc);
	store_close(store);
	remove_store_dir(dir);
	return 0;
}
