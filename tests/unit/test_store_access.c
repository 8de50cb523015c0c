/* The AS permission list and the subscriptions of the HSS store. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "test_store_fixture.h"

#define ALICE "sip:alice@home.test"
#define BOB "sip:bob@home.test"
#define ALL (STORE_PERM_PULL | STORE_PERM_UPDATE | STORE_PERM_SUBS_NOTIF)
#define PULL_NOTIF (STORE_PERM_PULL | STORE_PERM_SUBS_NOTIF) /* what IMSUserState (11) allows */

static int setup(void **state)
{
	int rc = fixture_setup(state);

	if (rc == 0) {
		put_subscriber(((struct fixture *)*state)->store, "alice", "33600000001", "208930000000001");
		put_subscriber(((struct fixture *)*state)->store, "bob", "33600000002", "208930000000002");
	}
	return rc;
}

/* Each subscription as "impu as_host dr si" in a JSON array. */
static int collect(const struct store_subscription *sub, void *arg)
{
	char text[1024];

	snprintf(text, sizeof text, "%s %s %d %s", sub->impu, sub->as_host, sub->data_reference,
		 sub->service_indication);
	return json_array_append_new(arg, json_string(text));
}

static void assert_subscriptions(struct hss_store *store, const char *impu, const char *expected)
{
	json_t *seen = json_array(), *want = json_from(expected);

	assert_int_equal(store_subscription_list(store, impu, collect, seen), 0);
	if (!json_equal(seen, want)) {
		char *text = json_dumps(seen, 0);

		fail_msg("subscriptions: %s", text);
	}
	json_decref(seen);
	json_decref(want);
}

static int collect_permission(const char *as_host, int dr, uint32_t ops, void *arg)
{
	return json_array_append_new(arg, json_pack("[s, i, i]", as_host, dr, (int)ops));
}

static void permissions_with_a_default(void **state)
{
	struct fixture *f = *state;
	json_t *list = json_array(), *want;

	assert_int_equal(store_permission_get(f->store, "as1.home.test", 0), 0);
	assert_int_equal(store_permission_set(f->store, "*", 0, STORE_PERM_PULL), 0);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 0, ALL), 0);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 11, STORE_PERM_SUBS_NOTIF), 0);
	assert_int_equal(store_permission_get(f->store, "as1.home.test", 0), ALL);
	assert_int_equal(store_permission_get(f->store, "as2.home.test", 0), STORE_PERM_PULL);
	assert_int_equal(store_permission_get(f->store, "as2.home.test", 11), 0);
	assert_int_equal(store_permission_each(f->store, collect_permission, list), 0);
	want = json_from("[['*', 0, 1], ['as1.home.test', 0, 7], ['as1.home.test', 11, 4]]");
	assert_true(json_equal(list, want));
	json_decref(want);
	json_decref(list);
	/* 0 removes the AS's own entry: the default applies again */
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 0, 0), 0);
	assert_int_equal(store_permission_get(f->store, "as1.home.test", 0), STORE_PERM_PULL);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 0, 0), 0);

	assert_int_equal(store_permission_set(f->store, "as1.home.test", 0, 8), EINVAL);
	assert_int_equal(store_permission_set(f->store, "", 0, 1), EINVAL);
	assert_int_equal(store_permission_set(f->store, "as 1", 0, 1), EINVAL);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", -1, 1), EINVAL);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 256, 1), EINVAL);
}

static void put(struct hss_store *store, const char *impu, const char *as_host, int dr, const char *si)
{
	struct store_subscription sub = subscription(impu, as_host, dr, si);

	assert_int_equal(store_subscription_put(store, &sub), 0);
}

static void removing_subs_notif_drops_subscriptions(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(store_permission_set(f->store, "*", 11, PULL_NOTIF), 0);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 11, PULL_NOTIF), 0);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 0, ALL), 0);
	put(f->store, ALICE, "as1.home.test", 11, "");
	put(f->store, ALICE, "as1.home.test", 0, "urn:x-a");
	put(f->store, ALICE, "as2.home.test", 11, "");
	put(f->store, BOB, "as1.home.test", 11, "");

	/* as1 loses Subs-Notif on 11: its subscriptions to 11 go, the one to 0 stays */
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 11, STORE_PERM_PULL), 0);
	assert_subscriptions(f->store, NULL, "['sip:alice@home.test as1.home.test 0 urn:x-a',"
				     " 'sip:alice@home.test as2.home.test 11 ']");
	/* the default loses it: as2 relied on it */
	put(f->store, BOB, "as3.home.test", 11, "");
	assert_int_equal(store_permission_set(f->store, "as3.home.test", 11, STORE_PERM_SUBS_NOTIF), 0);
	assert_int_equal(store_permission_set(f->store, "*", 11, 0), 0);
	assert_subscriptions(f->store, NULL, "['sip:alice@home.test as1.home.test 0 urn:x-a',"
				     " 'sip:bob@home.test as3.home.test 11 ']");
}

static int count(const struct store_subscription *sub, void *arg)
{
	(void)sub;
	++*(int *)arg;
	return 0;
}

static void subscriptions_by_identity_and_data(void **state)
{
	struct fixture *f = *state;
	struct store_subscription sub = subscription(ALICE, "as1.home.test", 0, "urn:x-a");
	int n = 0;

	put(f->store, ALICE, "as1.home.test", 0, "urn:x-a");
	put(f->store, ALICE, "as2.home.test", 0, "urn:x-a");
	put(f->store, ALICE, "as1.home.test", 0, "urn:x-b");
	put(f->store, ALICE, "as1.home.test", 11, "");
	put(f->store, BOB, "as1.home.test", 0, "urn:x-a");
	/* replacing keeps one entry and takes the new values */
	sub.one_time = 1;
	snprintf(sub.user_name, sizeof sub.user_name, "alice@home.test");
	assert_int_equal(store_subscription_put(f->store, &sub), 0);

	assert_int_equal(store_subscription_each(f->store, ALICE, 0, "urn:x-a", 0, count, &n), 0);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(store_subscription_each(f->store, ALICE, 0, NULL, 0, count, &n), 0);
	assert_int_equal(n, 3);
	n = 0;
	assert_int_equal(store_subscription_each(f->store, ALICE, 11, NULL, 0, count, &n), 0);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(store_subscription_each(f->store, ALICE, 12, NULL, 0, count, &n), 0);
	assert_int_equal(n, 0);

	assert_int_equal(store_subscription_delete(f->store, &sub), 0);
	assert_int_equal(store_subscription_delete(f->store, &sub), 0);
	assert_int_equal(store_subscription_delete_as(f->store, ALICE, "as1.home.test"), 0);
	assert_subscriptions(f->store, NULL, "['sip:alice@home.test as2.home.test 0 urn:x-a',"
				     " 'sip:bob@home.test as1.home.test 0 urn:x-a']");
	assert_subscriptions(f->store, BOB, "['sip:bob@home.test as1.home.test 0 urn:x-a']");
}

static int check_fields(const struct store_subscription *sub, void *arg)
{
	(void)arg;
	assert_string_equal(sub->user_name, "alice@home.test");
	assert_int_equal(sub->one_time, 1);
	assert_int_equal(sub->expiry, 4102444800);
	return 0;
}

static void subscription_fields_are_kept(void **state)
{
	struct fixture *f = *state;
	struct store_subscription sub = subscription(ALICE, "as1.home.test", 19, "");

	sub.one_time = 1;
	sub.expiry = 4102444800; /* 2100-01-01 */
	snprintf(sub.user_name, sizeof sub.user_name, "alice@home.test");
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	assert_int_equal(store_subscription_each(f->store, ALICE, 19, "", time(NULL), check_fields, NULL), 0);
}

/* The selectors as "server-name identity-set tag..." */
static int collect_selectors(const struct store_subscription *sub, void *arg)
{
	char text[1024];
	int n = snprintf(text, sizeof text, "%s %d", sub->server_name, sub->has_identity_set ? sub->identity_set : -1);

	for (size_t i = 0; i < sub->n_dsai_tags; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, " %s", sub->dsai_tags[i]);
	return json_array_append_new(arg, json_string(text));
}

static void assert_selectors(struct hss_store *store, const char *expected)
{
	json_t *seen = json_array(), *want = json_from(expected);

	assert_int_equal(store_subscription_list(store, ALICE, collect_selectors, seen), 0);
	if (!json_equal(seen, want))
		fail_msg("selectors: %s", json_dumps(seen, 0));
	json_decref(seen);
	json_decref(want);
}

/* What the SNR selected is kept; subscribing again (same identity, AS, Data-Reference) replaces
 * it, as it replaces the expiry. */
static void selectors_are_kept_and_replaced(void **state)
{
	struct fixture *f = *state;
	struct store_subscription sub = subscription(ALICE, "as1.home.test", 19, "");

	snprintf(sub.server_name, sizeof sub.server_name, "sip:as1.home.test:5060");
	snprintf(sub.dsai_tags[0], sizeof sub.dsai_tags[0], "presence");
	snprintf(sub.dsai_tags[1], sizeof sub.dsai_tags[1], "video");
	sub.n_dsai_tags = 2;
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	sub = subscription(ALICE, "as1.home.test", 10, "");
	sub.has_identity_set = 1;
	sub.identity_set = 2;
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	assert_selectors(f->store, "[' 2', 'sip:as1.home.test:5060 -1 presence video']");

	sub = subscription(ALICE, "as1.home.test", 19, "");
	snprintf(sub.server_name, sizeof sub.server_name, "sip:as1.home.test:5070");
	snprintf(sub.dsai_tags[0], sizeof sub.dsai_tags[0], "video");
	sub.n_dsai_tags = 1;
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	assert_selectors(f->store, "[' 2', 'sip:as1.home.test:5070 -1 video']");

	sub.n_dsai_tags = STORE_MAX_DSAI_TAGS + 1;
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	sub.n_dsai_tags = 1;
	sub.has_identity_set = 1;
	sub.identity_set = 4;
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	sub.has_identity_set = 0;
	memset(sub.server_name, 's', sizeof sub.server_name); /* no NUL */
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
}

static void expired_subscriptions_are_skipped_then_purged(void **state)
{
	struct fixture *f = *state;
	struct store_subscription sub = subscription(ALICE, "as1.home.test", 11, "");
	time_t now = time(NULL);
	int n = 0;

	sub.expiry = now + 100;
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	assert_int_equal(store_subscription_each(f->store, ALICE, 11, NULL, now, count, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_subscription_each(f->store, ALICE, 11, NULL, now + 100, count, &n), 0);
	assert_int_equal(n, 1);
	/* an expiry in the past: skipped, and purged by the next put for that identity */
	sub.expiry = now - 1;
	assert_int_equal(store_subscription_put(f->store, &sub), 0);
	assert_int_equal(store_subscription_each(f->store, ALICE, 11, NULL, now, count, &n), 0);
	assert_int_equal(n, 1);
	assert_subscriptions(f->store, ALICE, "['sip:alice@home.test as1.home.test 11 ']");
	put(f->store, ALICE, "as2.home.test", 12, "");
	assert_subscriptions(f->store, ALICE, "['sip:alice@home.test as2.home.test 12 ']");
}

static void bad_subscriptions_are_refused(void **state)
{
	struct fixture *f = *state;
	struct store_subscription sub = subscription("sip:nobody@home.test", "as1.home.test", 11, "");

	assert_int_equal(store_subscription_put(f->store, &sub), ENOENT);
	sub = subscription(ALICE, "as1.home.test", 0, "");
	memset(sub.service_indication, 'x', 255);
	memset(sub.as_host, 'a', 255);
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL); /* the key is too long */
	sub = subscription(ALICE, "", 11, "");
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	sub = subscription(ALICE, "as1.home.test", 11, "");
	memset(sub.user_name, 'u', sizeof sub.user_name); /* no NUL */
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	/* what TS 29.328 Table 7.6.1 does not allow: no Subs-Notif for 14 or 22 (not served), a
	 * Service-Indication with RepositoryData only, and always with it */
	sub = subscription(ALICE, "as1.home.test", 14, "");
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	sub = subscription(ALICE, "as1.home.test", 22, "");
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	sub = subscription(ALICE, "as1.home.test", 11, "urn:x-a");
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	sub = subscription(ALICE, "as1.home.test", 0, "");
	assert_int_equal(store_subscription_put(f->store, &sub), EINVAL);
	assert_subscriptions(f->store, NULL, "[]");
}

/* Permissions hold to Table 7.6.1: a Data-Reference served, operations it allows; removing works
 * for any, to clear what older versions let in. */
static void permissions_follow_the_data_reference_table(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(store_permission_set(f->store, "as1.home.test", 99, STORE_PERM_PULL), EINVAL);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 20, STORE_PERM_PULL), EINVAL);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 14, STORE_PERM_SUBS_NOTIF), EINVAL);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 11, ALL), EINVAL);
	assert_int_equal(store_permission_get(f->store, "as1.home.test", 11), 0);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 14, STORE_PERM_PULL), 0);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 19, ALL), 0);
	assert_int_equal(store_permission_set(f->store, "as1.home.test", 99, 0), 0);
}

/* Several subscriptions of one SNR are stored together, or not at all. */
static void subscriptions_of_one_request_are_one_transaction(void **state)
{
	struct fixture *f = *state;
	struct store_subscription subs[3] = {
		subscription(ALICE, "as1.home.test", 0, "urn:x-a"),
		subscription(ALICE, "as1.home.test", 11, ""),
		subscription("sip:nobody@home.test", "as1.home.test", 11, ""),
	};

	assert_int_equal(store_subscriptions_apply(f->store, subs, 3, 1), ENOENT);
	assert_subscriptions(f->store, NULL, "[]"); /* the first two were not kept */
	assert_int_equal(store_subscriptions_apply(f->store, subs, 2, 1), 0);
	assert_subscriptions(f->store, NULL, "['sip:alice@home.test as1.home.test 0 urn:x-a',"
				     " 'sip:alice@home.test as1.home.test 11 ']");
	assert_int_equal(store_subscriptions_apply(f->store, subs, 2, 0), 0);
	assert_subscriptions(f->store, NULL, "[]");
}

/* The callback runs outside the transaction: it may write to the store. */
static int unsubscribe(const struct store_subscription *sub, void *arg)
{
	return store_subscription_delete(arg, sub);
}

static void callbacks_may_write(void **state)
{
	struct fixture *f = *state;

	put(f->store, ALICE, "as1.home.test", 11, "");
	put(f->store, ALICE, "as2.home.test", 11, "");
	assert_int_equal(store_subscription_each(f->store, ALICE, 11, NULL, 0, unsubscribe, f->store), 0);
	assert_subscriptions(f->store, NULL, "[]");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(permissions_with_a_default),
		T(removing_subs_notif_drops_subscriptions),
		T(subscriptions_by_identity_and_data),
		T(subscription_fields_are_kept),
		T(selectors_are_kept_and_replaced),
		T(expired_subscriptions_are_skipped_then_purged),
		T(bad_subscriptions_are_refused),
		T(permissions_follow_the_data_reference_table),
		T(subscriptions_of_one_request_are_one_transaction),
		T(callbacks_may_write),
	};
	return cmocka_run_group_tests_name("store_access", tests, NULL, NULL);
}
