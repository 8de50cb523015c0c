/* Repository data in the HSS store: the Sequence-Number rules of TS 29.328 §6.1.2, batches in one
 * transaction, groups applied all or none, and what a deletion does to the subscriptions and the
 * change log. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_store_fixture.h"

#define ALICE "sip:alice@home.test"
#define SI "urn:x-test:profile"

static int setup(void **state)
{
	int rc = fixture_setup(state);

	if (rc == 0)
		put_subscriber(((struct fixture *)*state)->store, "alice", "33600000001", "208930000000001");
	return rc;
}

static struct store_repdata_update update(const char *impu, uint32_t seq, const char *data)
{
	struct store_repdata_update u = { .impu = impu, .service_indication = SI, .sequence_number = seq,
					  .service_data = data, .service_data_len = data ? strlen(data) : 0,
					  .result = 99, .new_sequence_number = 99 };

	return u;
}

/* Apply one update alone; its result. */
static int apply1(struct hss_store *store, uint32_t seq, const char *data)
{
	struct store_repdata_update u = update(ALICE, seq, data);

	assert_int_equal(store_repdata_apply(store, &u, 1, 64), 0);
	if (u.result == 0)
		assert_int_equal(u.new_sequence_number, seq);
	return u.result;
}

static void assert_stored(struct hss_store *store, uint32_t seq, const char *data)
{
	struct store_repdata r;

	assert_int_equal(store_repdata_get(store, ALICE, SI, &r), 0);
	assert_int_equal(r.sequence_number, seq);
	assert_int_equal(r.service_data_len, strlen(data));
	assert_string_equal(r.service_data, data);
	store_repdata_clear(&r);
}

static void create_with_zero_then_each_successor(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(apply1(f->store, 0, "<v0/>"), 0);
	assert_stored(f->store, 0, "<v0/>");
	assert_int_equal(apply1(f->store, 0, "<again/>"), STORE_OUT_OF_SYNC); /* creation of existing data */
	assert_int_equal(apply1(f->store, 2, "<v2/>"), STORE_OUT_OF_SYNC);
	assert_int_equal(apply1(f->store, 1, "<v1/>"), 0);
	assert_int_equal(apply1(f->store, 1, "<v1/>"), STORE_OUT_OF_SYNC);
	assert_int_equal(apply1(f->store, 2, "<v2/>"), 0);
	assert_stored(f->store, 2, "<v2/>");
}

static void sequence_number_65535_wraps_to_1(void **state)
{
	struct fixture *f = *state;
	char err[STORE_ERR_LEN];
	json_t *doc = json_from("{'repository_data': [{'impu': '%s', 'service_indication': '%s',"
				" 'sequence_number': 65534, 'service_data': '<old/>'}]}", ALICE, SI);

	assert_int_equal(store_import(f->store, doc, err, sizeof err, NULL, 0, NULL), 0);
	json_decref(doc);
	assert_int_equal(apply1(f->store, 65535, "<max/>"), 0);
	assert_int_equal(apply1(f->store, 0, "<zero/>"), STORE_OUT_OF_SYNC); /* 0 is never reused */
	assert_int_equal(apply1(f->store, 65536, "<over/>"), STORE_OUT_OF_SYNC);
	assert_int_equal(apply1(f->store, 1, "<one/>"), 0);
	assert_stored(f->store, 1, "<one/>");
}

static void absent_data(void **state)
{
	struct fixture *f = *state;
	struct store_repdata r;
	struct store_repdata_update u = update("sip:nobody@home.test", 0, "<x/>");

	assert_int_equal(apply1(f->store, 3, "<x/>"), STORE_OUT_OF_SYNC);
	assert_int_equal(apply1(f->store, 3, NULL), STORE_OUT_OF_SYNC); /* the number is checked first */
	assert_int_equal(apply1(f->store, 0, NULL), STORE_NOT_ALLOWED);
	assert_int_equal(store_repdata_get(f->store, ALICE, SI, &r), ENOENT);
	assert_null(r.service_data);
	assert_int_equal(store_repdata_apply(f->store, &u, 1, 64), 0);
	assert_int_equal(u.result, ENOENT);
	u = update(ALICE, 0, "<x/>");
	u.service_indication = "";
	assert_int_equal(store_repdata_apply(f->store, &u, 1, 64), 0);
	assert_int_equal(u.result, EINVAL);
}

static void too_much_data(void **state)
{
	struct fixture *f = *state;
	char big[66];

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = 0;
	assert_int_equal(apply1(f->store, 0, big), STORE_TOO_MUCH_DATA);
	assert_int_equal(apply1(f->store, 0, "<small/>"), 0);
	assert_int_equal(apply1(f->store, 5, big), STORE_OUT_OF_SYNC);
	assert_int_equal(apply1(f->store, 1, big), STORE_TOO_MUCH_DATA);
	big[64] = 0; /* exactly max_size is allowed */
	assert_int_equal(apply1(f->store, 1, big), 0);
}

static void delete_needs_the_successor(void **state)
{
	struct fixture *f = *state;
	struct store_repdata r;
	struct store_change c[8];
	uint64_t last;

	assert_int_equal(apply1(f->store, 0, "<v0/>"), 0);
	assert_int_equal(store_changes_last(f->store, &last), 0);
	assert_int_equal(apply1(f->store, 0, NULL), STORE_OUT_OF_SYNC);
	assert_int_equal(apply1(f->store, 1, NULL), 0);
	assert_int_equal(store_repdata_get(f->store, ALICE, SI, &r), ENOENT);
	assert_int_equal(changes_after(f->store, last, c), 1);
	assert_string_equal(c[0].impu, ALICE);
	assert_int_equal(c[0].data_reference, 0);
	assert_string_equal(c[0].service_indication, SI);
	assert_int_equal(c[0].sequence_number, 1);
	assert_int_equal(c[0].deleted, 1);
	/* created again from 0 */
	assert_int_equal(apply1(f->store, 0, "<new/>"), 0);
}

static void one_batch_with_failures_and_successes(void **state)
{
	struct fixture *f = *state;
	struct store_repdata_update other = update(ALICE, 0, "<other/>");
	struct store_repdata_update u[6] = {
		update(ALICE, 0, "<a0/>"),
		update("sip:nobody@home.test", 0, "<n/>"),
		update(ALICE, 1, "<a1/>"), /* sees the creation above, in the same transaction */
		update(ALICE, 2, "<stale/>"),
		update(ALICE, 1, "<this one is too long for 64 bytes of max size .................../>"),
		update(ALICE, 2, NULL),
	};
	struct store_change c[8];
	struct store_repdata r;

	other.service_indication = u[3].service_indication = u[4].service_indication = "urn:x-test:other";
	assert_int_equal(store_repdata_apply(f->store, &other, 1, 64), 0);
	assert_int_equal(other.result, 0);
	assert_int_equal(store_repdata_apply(f->store, u, 6, 64), 0);
	assert_int_equal(u[0].result, 0);
	assert_int_equal(u[1].result, ENOENT);
	assert_int_equal(u[2].result, 0);
	assert_int_equal(u[2].new_sequence_number, 1);
	assert_int_equal(u[3].result, STORE_OUT_OF_SYNC);
	assert_int_equal(u[3].new_sequence_number, 0);
	assert_int_equal(u[4].result, STORE_TOO_MUCH_DATA);
	assert_int_equal(u[5].result, 0);
	assert_int_equal(store_repdata_get(f->store, ALICE, SI, &r), ENOENT);
	assert_int_equal(store_repdata_get(f->store, ALICE, "urn:x-test:other", &r), 0);
	assert_string_equal(r.service_data, "<other/>");
	store_repdata_clear(&r);
	/* the creation of "other" was change 1; the batch logged 2, 3 and 4 */
	assert_int_equal(changes_after(f->store, 1, c), 3);
	assert_int_equal(c[0].seq, 2);
	assert_int_equal(c[0].sequence_number, 0);
	assert_int_equal(c[0].deleted, 0);
	assert_int_equal(c[1].sequence_number, 1);
	assert_int_equal(c[2].sequence_number, 2);
	assert_int_equal(c[2].deleted, 1);
}

/* One Sh-Update of several instances (Update-Eff) inside a batch: when one instance fails,
 * nothing of its group is written or logged, and the batch's other updates still are. */
static void group_fails_as_a_whole(void **state)
{
	struct fixture *f = *state;
	struct store_repdata_update u[4] = {
		update(ALICE, 0, "<alone/>"),
		update(ALICE, 0, "<g0/>"),
		update(ALICE, 0, "<g1/>"),
		update(ALICE, 7, "<g2/>"), /* stale: the group fails here */
	};
	struct store_change c[8];
	struct store_repdata r;
	uint64_t last;

	u[0].service_indication = "urn:x-test:alone";
	u[2].service_indication = "urn:x-test:g1";
	u[3].service_indication = "urn:x-test:g2";
	u[2].with_previous = u[3].with_previous = 1;
	assert_int_equal(store_changes_last(f->store, &last), 0);
	assert_int_equal(store_repdata_apply(f->store, u, 4, 64), 0);
	assert_int_equal(u[0].result, 0);
	assert_int_equal(u[1].result, STORE_ABORTED);
	assert_int_equal(u[1].new_sequence_number, 0);
	assert_int_equal(u[2].result, STORE_ABORTED);
	assert_int_equal(u[3].result, STORE_OUT_OF_SYNC);
	assert_int_equal(store_repdata_get(f->store, ALICE, SI, &r), ENOENT);
	assert_int_equal(store_repdata_get(f->store, ALICE, "urn:x-test:g1", &r), ENOENT);
	assert_int_equal(store_repdata_get(f->store, ALICE, "urn:x-test:alone", &r), 0);
	store_repdata_clear(&r);
	assert_int_equal(changes_after(f->store, last, c), 1);
	assert_string_equal(c[0].service_indication, "urn:x-test:alone");
}

/* A group that succeeds is written and logged whole; an instance sees what the ones before it
 * wrote (the same data twice: created, then its successor). */
static void group_succeeds_as_a_whole(void **state)
{
	struct fixture *f = *state;
	struct store_repdata_update u[3] = {
		update(ALICE, 0, "<v0/>"),
		update(ALICE, 1, "<v1/>"),
		update(ALICE, 0, "<other/>"),
	};
	struct store_change c[8];
	struct store_repdata r;
	uint64_t last;

	u[2].service_indication = "urn:x-test:other";
	u[1].with_previous = u[2].with_previous = 1;
	assert_int_equal(store_changes_last(f->store, &last), 0);
	assert_int_equal(store_repdata_apply(f->store, u, 3, 64), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(u[i].result, 0);
	assert_int_equal(u[1].new_sequence_number, 1);
	assert_stored(f->store, 1, "<v1/>");
	assert_int_equal(store_repdata_get(f->store, ALICE, "urn:x-test:other", &r), 0);
	store_repdata_clear(&r);
	assert_int_equal(changes_after(f->store, last, c), 3);
}

static int collect_as(const struct store_subscription *sub, void *arg)
{
	json_array_append_new(arg, json_string(sub->as_host));
	return 0;
}

static void deletion_keeps_its_subscribers_with_the_change(void **state)
{
	struct fixture *f = *state;
	const char *hosts[] = { "as1.home.test", "as2.home.test" };
	struct store_subscription other = subscription(ALICE, "as3.home.test", 0, "urn:x-test:other");
	struct store_change c[8];
	json_t *seen = json_array(), *expected = json_from("['as1.home.test', 'as2.home.test']");
	uint64_t last;

	assert_int_equal(apply1(f->store, 0, "<v0/>"), 0);
	for (int i = 0; i < 2; i++) {
		struct store_subscription sub = subscription(ALICE, hosts[i], 0, SI);

		sub.user_name[0] = 'u';
		assert_int_equal(store_subscription_put(f->store, &sub), 0);
	}
	assert_int_equal(store_subscription_put(f->store, &other), 0);
	assert_int_equal(store_changes_last(f->store, &last), 0);
	assert_int_equal(apply1(f->store, 1, NULL), 0);

	assert_int_equal(store_subscription_each(f->store, ALICE, 0, SI, time(NULL), collect_as, seen), 0);
	assert_int_equal(json_array_size(seen), 0);
	assert_int_equal(changes_after(f->store, last, c), 1);
	assert_int_equal(store_change_subscriptions(f->store, &c[0], time(NULL), collect_as, seen), 0);
	assert_true(json_equal(seen, expected));
	/* the other Service-Indication keeps its subscription */
	json_array_clear(seen);
	assert_int_equal(store_subscription_each(f->store, ALICE, 0, NULL, time(NULL), collect_as, seen), 0);
	assert_int_equal(json_array_size(seen), 1);
	/* once trimmed, the kept subscriptions are gone with the change */
	assert_int_equal(store_changes_trim(f->store, c[0].seq), 0);
	assert_int_equal(store_change_subscriptions(f->store, &c[0], time(NULL), collect_as, seen), ENOENT);
	json_decref(seen);
	json_decref(expected);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(create_with_zero_then_each_successor),
		T(sequence_number_65535_wraps_to_1),
		T(absent_data),
		T(too_much_data),
		T(delete_needs_the_successor),
		T(one_batch_with_failures_and_successes),
		T(group_fails_as_a_whole),
		T(group_succeeds_as_a_whole),
		T(deletion_keeps_its_subscribers_with_the_change),
	};
	return cmocka_run_group_tests_name("store_repdata", tests, NULL, NULL);
}
