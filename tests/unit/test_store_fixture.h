/* What the store tests share: a store in a fresh temporary folder (removed afterwards) and
 * subscriber documents. Include after cmocka.h. */
#ifndef TEST_STORE_FIXTURE_H
#define TEST_STORE_FIXTURE_H

#include <ftw.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "store.h"

struct fixture {
	char dir[64];
	struct hss_store *store;
};

static inline int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static inline int fixture_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/store-test-XXXXXX");
	if (!mkdtemp(f->dir) || store_open(f->dir, 1, &f->store) != 0)
		return -1;
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->store);
	remove_tree(f->dir);
	free(f);
	return 0;
}

/* A JSON value from a printf-style text (single quotes stand for double quotes). */
static inline json_t *json_from(const char *fmt, ...)
{
	char text[8192];
	json_error_t error;
	va_list ap;
	json_t *v;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	for (char *p = text; *p; p++)
		if (*p == '\'')
			*p = '"';
	v = json_loads(text, JSON_DECODE_ANY, &error);
	if (!v)
		fail_msg("bad test JSON (%s): %s", error.text, text);
	return v;
}

/* A subscriber "<user>@home.test" with sip:<user>@home.test, tel:+<msisdn>, the MSISDN and IMSI. */
static inline json_t *subscriber_doc(const char *user, const char *msisdn, const char *imsi)
{
	return json_from("{'impi': '%s@home.test', 'impus': [{'uri': 'sip:%s@home.test'}, {'uri': 'tel:+%s'}],"
			 " 'msisdns': ['%s'], 'imsi': '%s', 'ims_user_state': 'REGISTERED'}",
			 user, user, msisdn, msisdn, imsi);
}

static inline void put_subscriber(struct hss_store *store, const char *user, const char *msisdn, const char *imsi)
{
	char err[STORE_ERR_LEN];
	json_t *doc = subscriber_doc(user, msisdn, imsi);
	int rc = store_subscriber_put(store, doc, err, sizeof err);

	json_decref(doc);
	if (rc)
		fail_msg("put %s: %d %s", user, rc, err);
}

static inline struct store_subscription subscription(const char *impu, const char *as_host, int dr, const char *si)
{
	struct store_subscription sub = { .data_reference = dr };

	snprintf(sub.impu, sizeof sub.impu, "%s", impu);
	snprintf(sub.as_host, sizeof sub.as_host, "%s", as_host);
	snprintf(sub.service_indication, sizeof sub.service_indication, "%s", si);
	return sub;
}

/* The whole store as JSON text (free it). */
static inline char *export_text(struct hss_store *store)
{
	json_t *doc;
	char *text;

	assert_int_equal(store_export(store, &doc), 0);
	text = json_dumps(doc, JSON_INDENT(1));
	json_decref(doc);
	return text;
}

/* The changes logged after seq 'after' (at most 64). */
static inline size_t changes_after(struct hss_store *store, uint64_t after, struct store_change *out)
{
	size_t n = 0;

	assert_int_equal(store_changes_since(store, after, out, 64, &n), 0);
	return n;
}

#endif
