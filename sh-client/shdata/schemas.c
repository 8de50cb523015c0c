/* The schemas: parsed once by shdata_init(), then shared read-only by every thread (each
 * validation makes its own xmlSchemaValidCtxt, which is what is not thread-safe).
 *
 * shdata_init() and shdata_cleanup() count: a library that uses libshdata (libshclient) and the
 * program that uses both may each call them, and the schemas and libxml2 go away with the last
 * shdata_cleanup() only. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "shdata_internal.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned users;
static xmlSchema *schemas[XS_COUNT];

static const char *const files[XS_COUNT] = {
	[XS_SHDATA] = "ShData.xsd",
	[XS_PROSE] = "ProSeProfile.xsd",
};

xmlSchema *xs_schema(enum xs_schema which)
{
	return schemas[which];
}

static xmlSchema *load(struct xs_call *c, const char *dir, const char *file)
{
	char path[PATH_MAX];
	xmlSchemaParserCtxt *pc;
	xmlSchema *schema;

	if (c->rc)
		return NULL;
	if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path) {
		xs_fail(c, EINVAL, 0, "schema folder name too long");
		return NULL;
	}
	pc = xmlSchemaNewParserCtxt(path);
	schema = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	if (!schema)
		xs_fail(c, c->nomem ? ENOMEM : access(path, R_OK) ? errno : SHDATA_EINVALID, 0,
			"%s: not loaded", path);
	return schema;
}

static void free_schemas(void)
{
	for (int i = 0; i < XS_COUNT; i++) {
		xmlSchemaFree(schemas[i]);
		schemas[i] = NULL;
	}
}

int shdata_init(const char *schema_dir)
{
	struct xs_call c;

	xs_begin(&c, NULL, 0);
	pthread_mutex_lock(&lock);
	if (users == 0) {
		xmlInitParser();
		for (int i = XS_NONE + 1; i < XS_COUNT; i++)
			schemas[i] = load(&c, schema_dir ? schema_dir : SHDATA_SCHEMA_DIR, files[i]);
		if (c.rc)
			free_schemas();
	}
	if (!c.rc)
		users++;
	pthread_mutex_unlock(&lock);
	return xs_end(&c);
}

void shdata_cleanup(void)
{
	pthread_mutex_lock(&lock);
	if (users && --users == 0) {
		free_schemas();
		xmlCleanupParser();
	}
	pthread_mutex_unlock(&lock);
}
