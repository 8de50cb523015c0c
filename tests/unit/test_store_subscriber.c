/* Subscriber documents in the HSS store: validation, identity indexes, conflicts, set, delete. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_store_fixture.h"

static void assert_resolves(struct hss_store *store, enum store_identity kind, const char *id, const char *impi)
{
	char found[256];
	int rc = store_resolve(store, kind, id, found, sizeof found);

	if (!impi) {
		assert_int_equal(rc, ENOENT);
		return;
	}
	assert_int_equal(rc, 0);
	assert_string_equal(found, impi);
}

static void get_by_every_identity(void **state)
{
	struct fixture *f = *state;
	const char *ids[][2] = { { "alice@home.test", NULL }, { "sip:alice@home.test", NULL },
				 { "tel:+33600000001", NULL }, { "33600000001", NULL }, { "208930000000001", NULL } };
	enum store_identity kinds[] = { STORE_IMPI, STORE_IMPU, STORE_IMPU, STORE_MSISDN, STORE_IMSI };
	json_t *expected = subscriber_doc("alice", "33600000001", "208930000000001"), *doc;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(store_subscriber_get(f->store, kinds[i], ids[i][0], &doc), 0);
		assert_true(json_equal(doc, expected));
		json_decref(doc);
		assert_resolves(f->store, kinds[i], ids[i][0], "alice@home.test");
	}
	assert_int_equal(store_subscriber_get(f->store, STORE_IMPU, "sip:nobody@home.test", &doc), ENOENT);
	assert_int_equal(store_subscriber_get(f->store, STORE_MSISDN, "", &doc), ENOENT);
	assert_resolves(f->store, STORE_IMPU, "33600000001", NULL); /* an MSISDN is not an IMPU */
	json_decref(expected);
}

static void replace_moves_the_indexes(void **state)
{
	struct fixture *f = *state;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	put_subscriber(f->store, "alice", "33600000002", "208930000000002");
	assert_resolves(f->store, STORE_MSISDN, "33600000001", NULL);
	assert_resolves(f->store, STORE_IMPU, "tel:+33600000001", NULL);
	assert_resolves(f->store, STORE_IMSI, "208930000000001", NULL);
	assert_resolves(f->store, STORE_MSISDN, "33600000002", "alice@home.test");
	assert_resolves(f->store, STORE_IMPU, "tel:+33600000002", "alice@home.test");
	assert_resolves(f->store, STORE_IMSI, "208930000000002", "alice@home.test");
	assert_resolves(f->store, STORE_IMPU, "sip:alice@home.test", "alice@home.test");
}

static void identities_of_another_subscriber_are_refused(void **state)
{
	struct fixture *f = *state;
	char err[STORE_ERR_LEN];
	json_t *doc = json_from("{'impi': 'bob@home.test', 'impus': [{'uri': 'sip:bob@home.test'},"
				" {'uri': 'sip:alice@home.test'}]}");

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), EEXIST);
	assert_string_equal(err, "$.impus[1].uri: belongs to subscriber alice@home.test");
	json_decref(doc);
	/* nothing of bob was written */
	assert_resolves(f->store, STORE_IMPU, "sip:bob@home.test", NULL);
	assert_resolves(f->store, STORE_IMPI, "bob@home.test", NULL);

	doc = subscriber_doc("bob", "33600000009", "208930000000001");
	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), EEXIST);
	assert_string_equal(err, "$.imsi: belongs to subscriber alice@home.test");
	json_decref(doc);
	doc = subscriber_doc("bob", "33600000001", "208930000000009");
	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), EEXIST);
	assert_string_equal(err, "$.impus[1].uri: belongs to subscriber alice@home.test");
	json_decref(doc);
	assert_resolves(f->store, STORE_IMSI, "208930000000009", NULL);
}

/* Each document is alice's with one change, and the error it must give. */
static void validation_errors(void **state)
{
	struct fixture *f = *state;
	static const char *const cases[][2] = {
		{ "'impus': [{'uri': 'sip:a@h'}, {'uri': 'tel:+1'}, {'uri': 'mailto:x@h'}]",
		  "$.impus[2].uri: not a sip: or tel: URI" },
		{ "'impus': []", "$.impus: empty" },
		{ "'impus': [{'uri': 'sip:a@h', 'colour': 'red'}]", "$.impus[0].colour: unknown member" },
		{ "'impus': [{'uri': 'sip:a@h', 'type': 'PSI'}]",
		  "$.impus[0].type: not one of PUBLIC_USER_IDENTITY, DISTINCT_PSI, WILDCARDED_PSI, WILDCARDED_IMPU" },
		{ "'impus': [{'uri': 'sip:a@h'}, {'uri': 'sip:a@h'}]", "$.impus[1].uri: public identity given twice" },
		{ "'impus': [{'uri': 'sip:a@h', 'barred': 1}]", "$.impus[0].barred: not true or false" },
		{ "'impus': [{'type': 'DISTINCT_PSI'}]", "$.impus[0].uri: missing" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'msisdns': ['+336']", "$.msisdns[0]: not 5 to 15 digits" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'msisdns': ['336000', '336000']", "$.msisdns[1]: MSISDN given twice" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'imsi': 20893", "$.imsi: not a string" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'ims_user_state': 'ONLINE'",
		  "$.ims_user_state: not one of NOT_REGISTERED, REGISTERED, REGISTERED_UNREG_SERVICES, "
		  "AUTHENTICATION_PENDING" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'scscf_name': 'tel:+1'", "$.scscf_name: not a sip: URI" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'ifcs': [{'priority': -1, 'server_name': 'sip:as'}]",
		  "$.ifcs[0].priority: not an integer from 0 to 2147483647" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'ifcs': [{'priority': 1}]", "$.ifcs[0].server_name: missing" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'ifcs': [{'priority': 1, 'server_name': 'sip:as', "
		  "'trigger_point': '<SPT/>'}]",
		  "$.ifcs[0].trigger_point: not XML starting with <TriggerPoint" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'psi_activation': {'sip:a@h': 'ACTIVE'}",
		  "$.psi_activation[\"sip:a@h\"]: not a DISTINCT_PSI of this subscriber" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'eps_location': {'visited_plmn_id': '2089301'}",
		  "$.eps_location.visited_plmn_id: not 5 to 6 digits" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'eps_location': {'tracking_area_id': '02f8'}",
		  "$.eps_location.tracking_area_id: not 8 hexadecimal digits" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'eps_location': {'age_of_location_information': 40000}",
		  "$.eps_location.age_of_location_information: not an integer from 0 to 32767" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'serving_node': {'gmlc_address': '10.0.0.300'}",
		  "$.serving_node.gmlc_address: not an IPv4 or IPv6 address" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'serving_node': {'mme_name': 'mme 1'}",
		  "$.serving_node.mme_name: not a host name" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'dsai': [{'server_name': 'sip:as', 'tag': 't'}]",
		  "$.dsai[0].value: missing" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'lcs_privacy': ['']", "$.lcs_privacy[0]: empty" },
		{ "'impus': [{'uri': 'sip:a@h'}], 'age': 3", "$.age: unknown member" },
	};
	char err[STORE_ERR_LEN];

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_t *doc = json_from("{'impi': 'a@h', %s}", cases[i][0]);

		assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), EINVAL);
		assert_string_equal(err, cases[i][1]);
		json_decref(doc);
	}
	json_t *doc = json_from("{'impus': [{'uri': 'sip:a@h'}]}");
	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), EINVAL);
	assert_string_equal(err, "$.impi: missing");
	json_decref(doc);
	doc = json_from("[]");
	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), EINVAL);
	assert_string_equal(err, "$: not an object");
	json_decref(doc);
	assert_resolves(f->store, STORE_IMPI, "a@h", NULL);
}

static void a_full_document_is_accepted(void **state)
{
	struct fixture *f = *state;
	char err[STORE_ERR_LEN] = "";
	json_t *doc = json_from(
		"{'impi': 'carol@home.test', 'impus': [{'uri': 'sip:carol@home.test', 'type': 'PUBLIC_USER_IDENTITY',"
		" 'barred': false, 'implicit_set': 1, 'alias_group': 1}, {'uri': 'sip:conf-carol@home.test',"
		" 'type': 'DISTINCT_PSI'}, {'uri': 'sip:chat-!.*!@home.test', 'type': 'WILDCARDED_PSI'}],"
		" 'msisdns': ['33600000003'], 'imsi': '208930000000003', 'ims_user_state': 'NOT_REGISTERED',"
		" 'scscf_name': 'sip:scscf.home.test:6060', 'ifcs': [{'priority': 0, 'server_name':"
		" 'sip:as.home.test', 'default_handling': 'SESSION_CONTINUED', 'service_info': 'prose',"
		" 'trigger_point': '<TriggerPoint><ConditionTypeCNF>1</ConditionTypeCNF></TriggerPoint>',"
		" 'profile_part_indicator': 'REGISTERED'}], 'charging': {'primary_ecf': 'aaa://ocs.home.test',"
		" 'primary_ccf': 'aaa://cdf.home.test'}, 'psi_activation': {'sip:conf-carol@home.test': 'ACTIVE'},"
		" 'dsai': [{'server_name': 'sip:as.home.test', 'tag': 'presence', 'value': 'INACTIVE'}],"
		" 'cs_location': {'cell_global_id': '02f8390001ab', 'vlr_number': '33609000001'},"
		" 'ps_location': {'routing_area_id': '02f83900', 'sgsn_number': '33609000002'},"
		" 'eps_location': {'e_utran_cell_global_id': '12f8390001ab', 'tracking_area_id': '12f83900',"
		" 'mme_name': 'mme.visited.test', 'visited_plmn_id': '26201', 'current_location_retrieved': true,"
		" 'age_of_location_information': 3}, 'cs_user_state': 'AssumedIdle', 'ps_user_state': 'Detached',"
		" 'eps_user_state': 'ConnectedReachableForPaging', 'serving_node': {'mme_name': 'mme.visited.test',"
		" 'mme_realm': 'visited.test', 'visited_plmn': '26201', 'gmlc_address': '2001:db8::1'},"
		" 'lcs_privacy': ['prose-as']}");

	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), 0);
	assert_string_equal(err, "");
	json_decref(doc);
	assert_resolves(f->store, STORE_IMPU, "sip:chat-!.*!@home.test", "carol@home.test");
	assert_int_equal(store_enum_value(store_ps_user_states, "ConnectedReachableForPaging"), 4);
	assert_int_equal(store_enum_value(store_ims_user_states, "AUTHENTICATION_PENDING"), 3);
	assert_int_equal(store_enum_value(store_dsai_values, "nope"), -1);
}

static void set_changes_one_member(void **state)
{
	struct fixture *f = *state;
	char err[STORE_ERR_LEN];
	json_t *value = json_string("NOT_REGISTERED"), *doc;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	assert_int_equal(store_subscriber_set(f->store, "alice@home.test", "ims_user_state", value, err, sizeof err), 0);
	json_decref(value);
	assert_int_equal(store_subscriber_get(f->store, STORE_IMPI, "alice@home.test", &doc), 0);
	assert_string_equal(json_string_value(json_object_get(doc, "ims_user_state")), "NOT_REGISTERED");
	json_decref(doc);

	/* the new msisdns replace the index entries */
	value = json_from("['33600000007']");
	assert_int_equal(store_subscriber_set(f->store, "alice@home.test", "msisdns", value, err, sizeof err), 0);
	json_decref(value);
	assert_resolves(f->store, STORE_MSISDN, "33600000007", "alice@home.test");
	assert_resolves(f->store, STORE_MSISDN, "33600000001", NULL);

	/* NULL removes */
	assert_int_equal(store_subscriber_set(f->store, "alice@home.test", "imsi", NULL, err, sizeof err), 0);
	assert_resolves(f->store, STORE_IMSI, "208930000000001", NULL);

	value = json_string("BUSY");
	assert_int_equal(store_subscriber_set(f->store, "alice@home.test", "ims_user_state", value, err, sizeof err),
			 EINVAL);
	assert_string_equal(err, "$.ims_user_state: not one of NOT_REGISTERED, REGISTERED, "
				 "REGISTERED_UNREG_SERVICES, AUTHENTICATION_PENDING");
	assert_int_equal(store_subscriber_set(f->store, "alice@home.test", "impi", value, err, sizeof err), EINVAL);
	assert_string_equal(err, "$.impi: cannot be changed");
	assert_int_equal(store_subscriber_set(f->store, "alice@home.test", "nickname", value, err, sizeof err), EINVAL);
	assert_string_equal(err, "$.nickname: unknown member");
	assert_int_equal(store_subscriber_set(f->store, "alice@home.test", "impus", NULL, err, sizeof err), EINVAL);
	assert_string_equal(err, "$.impus: missing");
	assert_int_equal(store_subscriber_set(f->store, "zoe@home.test", "ims_user_state", value, err, sizeof err),
			 ENOENT);
	json_decref(value);
	assert_int_equal(store_subscriber_get(f->store, STORE_IMPI, "alice@home.test", &doc), 0);
	assert_string_equal(json_string_value(json_object_get(doc, "ims_user_state")), "NOT_REGISTERED");
	json_decref(doc);
}

static void delete_removes_everything_of_the_subscriber(void **state)
{
	struct fixture *f = *state;
	struct store_repdata_update up = { .impu = "sip:alice@home.test", .service_indication = "urn:x-test",
					   .service_data = "<a/>", .service_data_len = 4 };
	struct store_subscription sub = subscription("sip:alice@home.test", "as.home.test", 11, "");
	struct store_repdata data;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	put_subscriber(f->store, "bob", "33600000002", "208930000000002");
	assert_int_equal(store_repdata_apply(f->store, &up, 1, 1024), 0);
	assert_int_equal(up.result, 0);
	assert_int_equal(store_subscription_put(f->store, &sub), 0);

	assert_int_equal(store_subscriber_delete(f->store, "alice@home.test"), 0);
	assert_int_equal(store_subscriber_delete(f->store, "alice@home.test"), ENOENT);
	assert_resolves(f->store, STORE_IMPI, "alice@home.test", NULL);
	assert_resolves(f->store, STORE_IMPU, "sip:alice@home.test", NULL);
	assert_resolves(f->store, STORE_IMPU, "tel:+33600000001", NULL);
	assert_resolves(f->store, STORE_MSISDN, "33600000001", NULL);
	assert_resolves(f->store, STORE_IMSI, "208930000000001", NULL);
	assert_int_equal(store_repdata_get(f->store, "sip:alice@home.test", "urn:x-test", &data), ENOENT);
	sub = subscription("", "", 0, "");
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	/* bob is untouched; alice's identities are free again */
	assert_resolves(f->store, STORE_MSISDN, "33600000002", "bob@home.test");
	put_subscriber(f->store, "alice2", "33600000001", "208930000000001");
	assert_resolves(f->store, STORE_MSISDN, "33600000001", "alice2@home.test");
}

static void a_missing_store_is_not_created_without_create(void **state)
{
	struct fixture *f = *state;
	struct hss_store *store = NULL;
	char path[128];

	snprintf(path, sizeof path, "%s/none", f->dir);
	assert_int_equal(store_open(path, 0, &store), ENOENT);
	assert_null(store);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(store_open(path, 0, &store), ENOENT);
	assert_int_equal(store_open(path, 1, &store), 0);
	store_close(store);
	assert_int_equal(store_open(path, 0, &store), 0);
	store_close(store);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(get_by_every_identity),
		T(replace_moves_the_indexes),
		T(identities_of_another_subscriber_are_refused),
		T(validation_errors),
		T(a_full_document_is_accepted),
		T(set_changes_one_member),
		T(delete_removes_everything_of_the_subscriber),
		T(a_missing_store_is_not_created_without_create),
	};
	return cmocka_run_group_tests_name("store_subscriber", tests, NULL, NULL);
}
