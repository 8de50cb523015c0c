/* Whole-store JSON: export, import (all or nothing), the lab's sample store, map growth. */
#include <errno.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_store_fixture.h"

/* lab/data/sample-store.json: the test runner gives the build's fdx folder, <repo>/build/fdx. */
static json_t *sample_store(void)
{
	const char *fdx = getenv("TK_FDX_DIR");
	char path[4096], root[4096];
	json_error_t error;
	json_t *doc;

	snprintf(root, sizeof root, "%s", fdx ? fdx : "build/fdx");
	snprintf(path, sizeof path, "%s/lab/data/sample-store.json", dirname(dirname(root)));
	doc = json_load_file(path, JSON_REJECT_DUPLICATES, &error);
	if (!doc)
		fail_msg("%s: %s", path, error.text);
	return doc;
}

static void import_ok(struct hss_store *store, json_t *doc)
{
	char err[STORE_ERR_LEN];
	int rc = store_import(store, doc, err, sizeof err, NULL, 0, NULL);

	if (rc)
		fail_msg("import: %d %s", rc, err);
}

static void the_sample_store_imports(void **state)
{
	struct fixture *f = *state;
	json_t *doc = sample_store(), *carol;
	struct store_repdata data;

	import_ok(f->store, doc);
	json_decref(doc);
	assert_int_equal(store_subscriber_get(f->store, STORE_MSISDN, "15550000003", &carol), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(carol, "serving_node"), "mme_realm")),
			    "visited.test.localdomain");
	json_decref(carol);
	assert_int_equal(store_repdata_get(f->store, "sip:bob@home.test.localdomain", "urn:x-imstk:prose-profile",
					   &data), 0);
	assert_non_null(strstr(data.service_data, "<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\">"));
	store_repdata_clear(&data);
	assert_int_equal(store_permission_get(f->store, "as.home.test.localdomain", 0),
			 STORE_PERM_PULL | STORE_PERM_UPDATE | STORE_PERM_SUBS_NOTIF);
}

static void export_import_export_is_the_same(void **state)
{
	struct fixture *f = *state;
	struct fixture *g = NULL;
	struct store_subscription sub = subscription("sip:alice@home.test.localdomain", "as.home.test.localdomain", 0,
						     "urn:x-imstk:prose-profile");
	json_t *doc = sample_store();
	char *first, *second;

	import_ok(f->store, doc);
	json_decref(doc);
	sub.expiry = 4102444800;
	sub.one_time = 1;
	snprintf(sub.user_name, sizeof sub.user_name, "alice@home.test.localdomain");
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	sub = subscription("tel:+15550000002", "as.home.test.localdomain", 11, "");
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	/* the selectors of the SNR */
	sub = subscription("sip:bob@home.test.localdomain", "as.home.test.localdomain", 19, "");
	snprintf(sub.server_name, sizeof sub.server_name, "sip:as.home.test.localdomain:5060");
	snprintf(sub.dsai_tags[0], sizeof sub.dsai_tags[0], "prose-presence");
	snprintf(sub.dsai_tags[1], sizeof sub.dsai_tags[1], "other");
	sub.n_dsai_tags = 2;
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	sub = subscription("sip:bob@home.test.localdomain", "as.home.test.localdomain", 10, "");
	sub.has_identity_set = 1;
	sub.identity_set = 2;
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	assert_int_equal(store_permission_set(f->store, "*", 14, STORE_PERM_PULL), 0);
	first = export_text(f->store);

	assert_int_equal(fixture_setup((void **)&g), 0);
	doc = json_loads(first, 0, NULL);
	import_ok(g->store, doc);
	json_decref(doc);
	second = export_text(g->store);
	assert_string_equal(first, second);
	assert_non_null(strstr(first, "\"expiry\": 4102444800"));
	assert_non_null(strstr(first, "\"server_name\": \"sip:as.home.test.localdomain:5060\""));
	assert_non_null(strstr(first, "\"dsai_tags\": [\n    \"prose-presence\",\n    \"other\"\n   ]"));
	assert_non_null(strstr(first, "\"identity_set\": \"IMPLICIT_IDENTITIES\""));
	free(first);
	free(second);
	fixture_teardown((void **)&g);
}

/* A document of n subscribers user<i>@home.test (their IMSIs do not clash with the fixture's). */
static json_t *many_subscribers(int n)
{
	json_t *subscribers = json_array();

	for (int i = 0; i < n; i++) {
		char user[32], msisdn[16], imsi[16];

		snprintf(user, sizeof user, "user%d", i);
		snprintf(msisdn, sizeof msisdn, "3361%07d", i);
		snprintf(imsi, sizeof imsi, "20894%010d", i);
		json_array_append_new(subscribers, subscriber_doc(user, msisdn, imsi));
	}
	return json_pack("{s:o}", "subscribers", subscribers);
}

/* 600 subscribers, the 500th with a bad public identity. */
static json_t *with_bad_500th(void)
{
	json_t *doc = many_subscribers(600);
	json_t *user499 = json_array_get(json_object_get(doc, "subscribers"), 499);

	json_object_set_new(json_array_get(json_object_get(user499, "impus"), 0), "uri",
			    json_string("user499@home.test"));
	return doc;
}

static void a_bad_record_changes_nothing(void **state)
{
	struct fixture *f = *state;
	json_t *doc = with_bad_500th();
	char err[STORE_ERR_LEN], *before, *after;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	before = export_text(f->store);
	assert_int_equal(store_import(f->store, doc, err, sizeof err, NULL, 0, NULL), EINVAL);
	assert_string_equal(err, "$.subscribers[499].impus[0].uri: not a sip: or tel: URI");
	json_decref(doc);

	/* an identity of a subscriber already there */
	doc = json_from("{'subscribers': [{'impi': 'x@home.test', 'impus': [{'uri': 'sip:x@home.test'}]},"
			" {'impi': 'y@home.test', 'impus': [{'uri': 'sip:y@home.test'}], 'imsi': '208930000000001'}]}");
	assert_int_equal(store_import(f->store, doc, err, sizeof err, NULL, 0, NULL), EEXIST);
	assert_string_equal(err, "$.subscribers[1].imsi: belongs to subscriber alice@home.test");
	json_decref(doc);
	after = export_text(f->store);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void errors_in_every_section(void **state)
{
	struct fixture *f = *state;
	static const char *const cases[][2] = {
		{ "{'subscribers': [], 'more': []}", "$.more: unknown member" },
		{ "{'subscribers': {}}", "$.subscribers: not an array" },
		{ "{'repository_data': [{'impu': 'sip:nobody@home.test', 'service_indication': 's',"
		  " 'sequence_number': 0, 'service_data': '<a/>'}]}",
		  "$.repository_data[0].impu: unknown public identity" },
		{ "{'repository_data': [{'impu': 'sip:alice@home.test', 'service_indication': 's',"
		  " 'sequence_number': 65536, 'service_data': '<a/>'}]}",
		  "$.repository_data[0].sequence_number: not an integer from 0 to 65535" },
		{ "{'repository_data': [{'impu': 'sip:alice@home.test', 'service_indication': 's',"
		  " 'sequence_number': 1}]}",
		  "$.repository_data[0].service_data: missing" },
		{ "{'as_permissions': [{'as_host': 'as', 'data_reference': 0, 'operations': ['read']}]}",
		  "$.as_permissions[0].operations[0]: not one of pull, update, subs-notif" },
		{ "{'as_permissions': [{'as_host': 'a s', 'data_reference': 0, 'operations': []}]}",
		  "$.as_permissions[0].as_host: refused (too long or not allowed)" },
		{ "{'subscriptions': [{'impu': 'sip:nobody@home.test', 'as_host': 'as', 'data_reference': 11}]}",
		  "$.subscriptions[0].impu: unknown public identity" },
		{ "{'subscriptions': [{'impu': 'sip:alice@home.test', 'as_host': 'as', 'data_reference': 11,"
		  " 'expiry': 0}]}",
		  "$.subscriptions[0].expiry: not an integer from 1 to 9223372036854775807" },
		{ "{'subscriptions': [{'impu': 'sip:alice@home.test', 'as_host': 'as', 'data_reference': 10,"
		  " 'identity_set': 'SOME_IDENTITIES'}]}",
		  "$.subscriptions[0].identity_set: not one of ALL_IDENTITIES, REGISTERED_IDENTITIES,"
		  " IMPLICIT_IDENTITIES, ALIAS_IDENTITIES" },
		{ "{'subscriptions': [{'impu': 'sip:alice@home.test', 'as_host': 'as', 'data_reference': 19,"
		  " 'dsai_tags': []}]}",
		  "$.subscriptions[0].dsai_tags: empty" },
		{ "{'subscriptions': [{'impu': 'sip:alice@home.test', 'as_host': 'as', 'data_reference': 19,"
		  " 'dsai_tags': ['a', '']}]}",
		  "$.subscriptions[0].dsai_tags[1]: empty" },
		{ "{'subscriptions': [{'impu': 'sip:alice@home.test', 'as_host': 'as', 'data_reference': 13,"
		  " 'server_name': ''}]}",
		  "$.subscriptions[0].server_name: empty" },
	};
	char err[STORE_ERR_LEN];

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *doc = json_from("%s", cases[i][0]);

		assert_int_equal(store_import(f->store, doc, err, sizeof err, NULL, 0, NULL), EINVAL);
		assert_string_equal(err, cases[i][1]);
		json_decref(doc);
	}
}

static void count_progress(size_t done, void *arg)
{
	json_array_append_new(arg, json_integer((json_int_t)done));
}

static void progress_is_reported(void **state)
{
	struct fixture *f = *state;
	json_t *doc = sample_store(), *calls = json_array(), *want = json_from("[5, 10, 15]");
	char err[STORE_ERR_LEN];

	/* 3 subscribers, 3 repository data, 12 permissions */
	assert_int_equal(store_import(f->store, doc, err, sizeof err, count_progress, 5, calls), 0);
	assert_true(json_equal(calls, want));
	json_decref(doc);
	json_decref(calls);
	json_decref(want);
}

static void a_large_import_grows_the_map(void **state)
{
	struct fixture *f = *state;
	struct hss_store *store;
	json_t *doc = many_subscribers(3000), *found;
	char dir[96];

	snprintf(dir, sizeof dir, "%s/small", f->dir);
	assert_int_equal(store_open_sized(dir, 1, 256 << 10, &store), 0);
	import_ok(store, doc);
	assert_int_equal(store_subscriber_get(store, STORE_IMSI, "208940000002999", &found), 0);
	json_decref(found);
	json_decref(doc);
	store_close(store);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(the_sample_store_imports),
		T(export_import_export_is_the_same),
		T(a_bad_record_changes_nothing),
		T(errors_in_every_section),
		T(progress_is_reported),
		T(a_large_import_grows_the_map),
	};
	return cmocka_run_group_tests_name("store_json", tests, NULL, NULL);
}
