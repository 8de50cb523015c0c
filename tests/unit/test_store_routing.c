/* The routing records of the HSS store (what an SLh RIA needs): written with the subscriber
 * document by every write, found by IMSI or MSISDN, gone with the subscriber. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_store_fixture.h"
#include "store_raw.h"

#define ALICE "alice@home.test"

/* Alice with two MSISDNs and a serving node with every member (visited_plmn is not routing data). */
static json_t *alice_doc(void)
{
	return json_from("{'impi': '" ALICE "', 'impus': [{'uri': 'sip:" ALICE "'}],"
			 " 'msisdns': ['33600000001', '33600000002'], 'imsi': '208930000000001',"
			 " 'ifcs': [{'priority': 0, 'server_name': 'sip:as.home.test'}],"
			 " 'serving_node': {'mme_name': 'mme.home.test', 'mme_realm': 'home.test',"
			 " 'sgsn_name': 'sgsn.home.test', 'sgsn_realm': 'gprs.home.test', 'sgsn_number': '33609000002',"
			 " 'msc_number': '33609000003', 'visited_plmn': '20893', 'gmlc_address': '2001:db8::1'}}");
}

static void put(struct hss_store *store, json_t *doc)
{
	char err[STORE_ERR_LEN];
	int rc = store_subscriber_put(store, doc, err, sizeof err);

	json_decref(doc);
	if (rc)
		fail_msg("put: %d %s", rc, err);
}

static void set(struct hss_store *store, const char *member, json_t *value)
{
	char err[STORE_ERR_LEN];
	int rc = store_subscriber_set(store, ALICE, member, value, err, sizeof err);

	json_decref(value);
	if (rc)
		fail_msg("set %s: %d %s", member, rc, err);
}

static struct store_routing routing(struct hss_store *store, enum store_identity kind, const char *id)
{
	struct store_routing r;

	assert_int_equal(store_routing_get(store, kind, id, &r), 0);
	return r;
}

static void assert_no_routing(struct hss_store *store, enum store_identity kind, const char *id)
{
	struct store_routing r;

	assert_int_equal(store_routing_get(store, kind, id, &r), ENOENT);
}

static void assert_no_serving_node(const struct store_routing *r)
{
	const char *const fields[] = { r->mme_name, r->mme_realm, r->sgsn_name, r->sgsn_realm, r->sgsn_number,
				       r->msc_number, r->gmlc_address };

	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		assert_string_equal(fields[i], "");
}

/* The number of records of a database of the fixture's store, closed and opened again around. */
static long store_count(struct fixture *f, const char *name)
{
	struct raw_store raw;
	long n;

	store_close(f->store);
	raw_open(&raw, f->dir);
	n = raw_count(&raw, name);
	raw_close(&raw);
	assert_int_equal(store_open(f->dir, 0, &f->store), 0);
	return n;
}

static void the_record_after_add(void **state)
{
	struct fixture *f = *state;
	struct store_routing r;

	put(f->store, alice_doc());
	r = routing(f->store, STORE_IMSI, "208930000000001");
	assert_string_equal(r.impi, ALICE);
	assert_string_equal(r.imsi, "208930000000001");
	assert_string_equal(r.msisdn, "33600000001");
	assert_string_equal(r.mme_name, "mme.home.test");
	assert_string_equal(r.mme_realm, "home.test");
	assert_string_equal(r.sgsn_name, "sgsn.home.test");
	assert_string_equal(r.sgsn_realm, "gprs.home.test");
	assert_string_equal(r.sgsn_number, "33609000002");
	assert_string_equal(r.msc_number, "33609000003");
	assert_string_equal(r.gmlc_address, "2001:db8::1");
}

static void found_by_every_identity(void **state)
{
	struct fixture *f = *state;
	const char *ids[] = { "33600000001", "33600000002", "sip:" ALICE, ALICE };
	enum store_identity kinds[] = { STORE_MSISDN, STORE_MSISDN, STORE_IMPU, STORE_IMPI };
	struct store_routing by_imsi;

	put(f->store, alice_doc());
	put_subscriber(f->store, "bob", "33600000009", "208930000000009");
	by_imsi = routing(f->store, STORE_IMSI, "208930000000001");
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		struct store_routing r = routing(f->store, kinds[i], ids[i]);

		assert_memory_equal(&r, &by_imsi, sizeof r);
	}
	assert_string_equal(routing(f->store, STORE_MSISDN, "33600000009").impi, "bob@home.test");
}

static void unknown_identities(void **state)
{
	struct fixture *f = *state;

	put(f->store, alice_doc());
	assert_no_routing(f->store, STORE_IMSI, "208930000000002");
	assert_no_routing(f->store, STORE_MSISDN, "33600000003");
	assert_no_routing(f->store, STORE_MSISDN, "");
	assert_no_routing(f->store, STORE_IMSI, "33600000001"); /* an MSISDN is not an IMSI */
	assert_no_routing(f->store, STORE_IMPI, "bob@home.test");
}

/* A subscriber known but not served: a record with no serving node (RIA 4201, not 5001). */
static void a_subscriber_without_serving_node(void **state)
{
	struct fixture *f = *state;
	struct store_routing r;

	put_subscriber(f->store, "bob", "33600000009", "208930000000009");
	r = routing(f->store, STORE_MSISDN, "33600000009");
	assert_string_equal(r.impi, "bob@home.test");
	assert_string_equal(r.imsi, "208930000000009");
	assert_string_equal(r.msisdn, "33600000009");
	assert_no_serving_node(&r);
	/* nor IMSI nor MSISDN */
	put(f->store, json_from("{'impi': 'carol@home.test', 'impus': [{'uri': 'sip:carol@home.test'}]}"));
	r = routing(f->store, STORE_IMPU, "sip:carol@home.test");
	assert_string_equal(r.imsi, "");
	assert_string_equal(r.msisdn, "");
	assert_no_serving_node(&r);
}

static void the_record_follows_changes(void **state)
{
	struct fixture *f = *state;
	struct store_routing r;

	put(f->store, alice_doc());
	set(f->store, "serving_node", json_from("{'sgsn_number': '33609000008', 'gmlc_address': '10.0.0.8'}"));
	r = routing(f->store, STORE_IMSI, "208930000000001");
	assert_string_equal(r.sgsn_number, "33609000008");
	assert_string_equal(r.gmlc_address, "10.0.0.8");
	assert_string_equal(r.mme_name, "");
	assert_string_equal(r.msc_number, "");

	set(f->store, "msisdns", json_from("['33600000007', '33600000001']"));
	assert_string_equal(routing(f->store, STORE_IMSI, "208930000000001").msisdn, "33600000007");
	assert_string_equal(routing(f->store, STORE_MSISDN, "33600000001").msisdn, "33600000007");
	assert_no_routing(f->store, STORE_MSISDN, "33600000002");

	set(f->store, "imsi", json_string("208930000000007"));
	assert_no_routing(f->store, STORE_IMSI, "208930000000001");
	assert_string_equal(routing(f->store, STORE_MSISDN, "33600000007").imsi, "208930000000007");

	set(f->store, "serving_node", NULL);
	r = routing(f->store, STORE_IMSI, "208930000000007");
	assert_no_serving_node(&r);
	set(f->store, "msisdns", NULL);
	assert_string_equal(routing(f->store, STORE_IMSI, "208930000000007").msisdn, "");

	/* a whole document replaced */
	put(f->store, alice_doc());
	r = routing(f->store, STORE_IMSI, "208930000000001");
	assert_string_equal(r.mme_name, "mme.home.test");
	assert_string_equal(r.msisdn, "33600000001");
}

/* A write refused changes no record. */
static void a_refused_write_leaves_the_records(void **state)
{
	struct fixture *f = *state;
	char err[STORE_ERR_LEN];
	json_t *doc = subscriber_doc("bob", "33600000009", "208930000000001");

	put(f->store, alice_doc());
	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), EEXIST);
	json_decref(doc);
	assert_no_routing(f->store, STORE_IMPI, "bob@home.test");
	doc = json_from("{'mme_name': 'mme 2'}");
	assert_int_equal(store_subscriber_set(f->store, ALICE, "serving_node", doc, err, sizeof err), EINVAL);
	json_decref(doc);
	assert_string_equal(routing(f->store, STORE_IMSI, "208930000000001").mme_name, "mme.home.test");
}

static void delete_removes_the_record(void **state)
{
	struct fixture *f = *state;
	struct store_routing r;

	put(f->store, alice_doc());
	put_subscriber(f->store, "bob", "33600000009", "208930000000009");
	assert_int_equal(store_subscriber_delete(f->store, ALICE), 0);
	assert_no_routing(f->store, STORE_IMSI, "208930000000001");
	assert_no_routing(f->store, STORE_MSISDN, "33600000001");
	assert_no_routing(f->store, STORE_IMPI, ALICE);
	assert_string_equal(routing(f->store, STORE_IMSI, "208930000000009").impi, "bob@home.test");
	assert_int_equal(store_count(f, "routing"), 1); /* bob's: none left behind */
	/* alice's identities given to another subscriber give that one's record */
	put_subscriber(f->store, "alice2", "33600000001", "208930000000001");
	r = routing(f->store, STORE_IMSI, "208930000000001");
	assert_string_equal(r.impi, "alice2@home.test");
	assert_no_serving_node(&r);
}

/* Bulk import writes the records; export shows the documents only (the records are derived). */
static void import_writes_the_records_export_omits_them(void **state)
{
	struct fixture *f = *state;
	char err[STORE_ERR_LEN];
	json_t *doc = json_pack("{s:[o]}", "subscribers", alice_doc()), *out;

	assert_int_equal(store_import(f->store, doc, err, sizeof err, NULL, 0, NULL), 0);
	assert_string_equal(routing(f->store, STORE_MSISDN, "33600000002").sgsn_name, "sgsn.home.test");
	assert_int_equal(store_export(f->store, &out), 0);
	json_object_set_new(doc, "repository_data", json_array());
	json_object_set_new(doc, "as_permissions", json_array());
	json_object_set_new(doc, "subscriptions", json_array());
	assert_true(json_equal(out, doc));
	json_decref(out);
	json_decref(doc);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(the_record_after_add),
		T(found_by_every_identity),
		T(unknown_identities),
		T(a_subscriber_without_serving_node),
		T(the_record_follows_changes),
		T(a_refused_write_leaves_the_records),
		T(delete_removes_the_record),
		T(import_writes_the_records_export_omits_them),
	};
	return cmocka_run_group_tests_name("store_routing", tests, NULL, NULL);
}
