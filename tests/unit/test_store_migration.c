/* Layout versions of the HSS store: a version-1 store (no routing database) is migrated to version 2
 * when it is opened, its routing records built from the documents; another version is refused. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_store_fixture.h"
#include "store_raw.h"

/* Make the fixture's store a version-1 store with alice (served by an MME) and bob (not served):
 * written by this version, then made version 1. Returns the export of the store before (free it). */
static char *make_version_1(struct fixture *f)
{
	char err[STORE_ERR_LEN];
	json_t *alice = json_from("{'impi': 'alice@home.test', 'impus': [{'uri': 'sip:alice@home.test'}],"
				  " 'msisdns': ['33600000001'], 'imsi': '208930000000001',"
				  " 'serving_node': {'mme_name': 'mme.home.test', 'mme_realm': 'home.test',"
				  " 'gmlc_address': '10.0.0.1'}}");
	char *before;

	assert_int_equal(store_subscriber_put(f->store, alice, err, sizeof err), 0);
	json_decref(alice);
	put_subscriber(f->store, "bob", "33600000002", "208930000000002");
	before = export_text(f->store);
	store_close(f->store);
	f->store = NULL;

	raw_make_version_1(f->dir);
	return before;
}

static void assert_layout(const char *dir, uint32_t version, long routing_records)
{
	struct raw_store raw;

	raw_open(&raw, dir);
	assert_int_equal(raw_version(&raw), version);
	assert_int_equal(raw_count(&raw, "routing"), routing_records);
	raw_close(&raw);
}

static void assert_migrated(struct fixture *f, const char *before)
{
	struct store_routing r;
	char *after;

	assert_int_equal(store_routing_get(f->store, STORE_IMSI, "208930000000001", &r), 0);
	assert_string_equal(r.impi, "alice@home.test");
	assert_string_equal(r.msisdn, "33600000001");
	assert_string_equal(r.mme_name, "mme.home.test");
	assert_string_equal(r.mme_realm, "home.test");
	assert_string_equal(r.gmlc_address, "10.0.0.1");
	assert_int_equal(store_routing_get(f->store, STORE_MSISDN, "33600000002", &r), 0);
	assert_string_equal(r.imsi, "208930000000002");
	assert_string_equal(r.mme_name, "");
	/* the documents are as they were */
	after = export_text(f->store);
	assert_string_equal(after, before);
	free(after);
	store_close(f->store);
	f->store = NULL;
	assert_layout(f->dir, 2, 2);
}

/* As the HSS daemon and hss-ctl's commands open it (create = 0). */
static void a_version_1_store_is_migrated_on_open(void **state)
{
	struct fixture *f = *state;
	char *before = make_version_1(f);

	assert_layout(f->dir, 1, -1);
	assert_int_equal(store_open(f->dir, 0, &f->store), 0);
	assert_migrated(f, before);
	/* opened again: nothing left to do */
	assert_int_equal(store_open(f->dir, 0, &f->store), 0);
	assert_migrated(f, before);
	free(before);
}

/* As hss-ctl init opens it (create = 1). */
static void a_version_1_store_is_migrated_by_init(void **state)
{
	struct fixture *f = *state;
	char *before = make_version_1(f);

	assert_int_equal(store_open(f->dir, 1, &f->store), 0);
	assert_migrated(f, before);
	free(before);
}

static void a_new_store_is_version_2(void **state)
{
	struct fixture *f = *state;

	store_close(f->store);
	f->store = NULL;
	assert_layout(f->dir, 2, 0);
}

static void another_version_is_refused(void **state)
{
	struct fixture *f = *state;
	struct raw_store raw;

	store_close(f->store);
	f->store = NULL;
	raw_open(&raw, f->dir);
	raw_set_version(&raw, 3);
	raw_close(&raw);
	assert_int_equal(store_open(f->dir, 0, &f->store), ENOTSUP);
	assert_null(f->store);
	assert_int_equal(store_open(f->dir, 1, &f->store), ENOTSUP);
	assert_non_null(strstr(store_open_strerror(ENOTSUP), "migrates version 1"));
	assert_layout(f->dir, 3, 0);
}

static int check_no_selectors(const struct store_subscription *sub, void *arg)
{
	(void)arg;
	assert_string_equal(sub->as_host, "as1.home.test");
	assert_int_equal(sub->data_reference, 13);
	assert_string_equal(sub->user_name, "alice@home.test");
	assert_int_equal(sub->expiry, 4102444800);
	assert_string_equal(sub->server_name, "");
	assert_int_equal(sub->has_identity_set, 0);
	assert_int_equal(sub->n_dsai_tags, 0);
	return 0;
}

/* A subscription stored before its record kept the SNR's selectors (the value ends after the
 * User-Name) reads with none: the layout version did not change. */
static void a_subscription_without_selectors_has_none(void **state)
{
	struct fixture *f = *state;
	static const char key[] = "sip:alice@home.test\0\0\x0d\0as1.home.test";
	static const char val[] = "\0\0\0\0\xf4\x86\x57\x00\0alice@home.test"; /* 4102444800, not one-time */
	MDB_val k = { sizeof key - 1, (void *)key }, v = { sizeof val, (void *)val };
	struct raw_store raw;
	MDB_dbi dbi;
	char *text;
	int rc;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	store_close(f->store);
	f->store = NULL;
	raw_open(&raw, f->dir);
	dbi = raw_db(&raw, "subscriptions", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(mdb_put(raw.txn, dbi, &k, &v, 0), 0);
	raw_close(&raw);

	assert_int_equal(store_open(f->dir, 0, &f->store), 0);
	assert_int_equal(store_subscription_list(f->store, NULL, check_no_selectors, NULL), 0);
	text = export_text(f->store);
	assert_non_null(strstr(text, "\"data_reference\": 13"));
	assert_null(strstr(text, "server_name"));
	assert_null(strstr(text, "identity_set"));
	assert_null(strstr(text, "dsai_tags"));
	free(text);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(a_version_1_store_is_migrated_on_open),
		T(a_version_1_store_is_migrated_by_init),
		T(a_new_store_is_version_2),
		T(another_version_is_refused),
		T(a_subscription_without_selectors_has_none),
	};
	return cmocka_run_group_tests_name("store_migration", tests, NULL, NULL);
}
