/* The change log of the HSS store: what subscriber changes log, deletions, trimming, and numbers
 * that increase across two processes writing at once (with map growth in one of them). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include "test_store_fixture.h"

#define ALICE "sip:alice@home.test"
#define ALICE_TEL "tel:+33600000001"

/* The changes after 'after' as "impu dr[ si][ deleted| identity deleted]" strings, compared with a
 * JSON array text. */
static void assert_changes(struct hss_store *store, uint64_t after, const char *expected)
{
	struct store_change c[64];
	json_t *seen = json_array(), *want = json_from(expected);
	size_t n = changes_after(store, after, c);
	char text[600];

	for (size_t i = 0; i < n; i++) {
		snprintf(text, sizeof text, "%s %d%s%s%s", c[i].impu, c[i].data_reference,
			 c[i].service_indication[0] ? " " : "", c[i].service_indication,
			 c[i].identity_deleted ? " identity deleted" : c[i].deleted ? " deleted" : "");
		json_array_append_new(seen, json_string(text));
	}
	if (!json_equal(seen, want))
		fail_msg("changes: %s", json_dumps(seen, 0));
	json_decref(seen);
	json_decref(want);
}

static uint64_t last(struct hss_store *store)
{
	uint64_t seq;

	assert_int_equal(store_changes_last(store, &seq), 0);
	return seq;
}

static void set(struct hss_store *store, const char *impi, const char *member, const char *value)
{
	char err[STORE_ERR_LEN];
	json_t *v = value ? json_from(value) : NULL;

	if (store_subscriber_set(store, impi, member, v, err, sizeof err) != 0)
		fail_msg("set %s: %s", member, err);
	json_decref(v);
}

static void each_changed_data_reference_is_logged(void **state)
{
	struct fixture *f = *state;
	uint64_t mark;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	assert_int_equal(last(f->store), 0); /* a new subscriber: nobody can be subscribed yet */
	set(f->store, "alice@home.test", "ims_user_state", "'NOT_REGISTERED'");
	assert_changes(f->store, 0, "['sip:alice@home.test 11', 'tel:+33600000001 11']");
	mark = last(f->store);
	put_subscriber(f->store, "alice", "33600000001", "208930000000001"); /* REGISTERED again */
	set(f->store, "alice@home.test", "ims_user_state", "'REGISTERED'"); /* no change */
	set(f->store, "alice@home.test", "scscf_name", "'sip:scscf.home.test'");
	set(f->store, "alice@home.test", "ifcs", "[{'priority': 1, 'server_name': 'sip:as.home.test'}]");
	set(f->store, "alice@home.test", "charging", "{'primary_ccf': 'aaa://cdf.home.test'}");
	set(f->store, "alice@home.test", "dsai", "[{'server_name': 'sip:as', 'tag': 't', 'value': 'ACTIVE'}]");
	set(f->store, "alice@home.test", "imsi", "'208930000000009'");
	set(f->store, "alice@home.test", "eps_user_state", "'Detached'"); /* Pull only: not logged */
	assert_changes(f->store, mark, "['sip:alice@home.test 11', 'tel:+33600000001 11',"
			" 'sip:alice@home.test 12', 'tel:+33600000001 12', 'sip:alice@home.test 13', 'tel:+33600000001 13',"
			" 'sip:alice@home.test 16', 'tel:+33600000001 16', 'sip:alice@home.test 19', 'tel:+33600000001 19',"
			" 'sip:alice@home.test 32', 'tel:+33600000001 32']");
	mark = last(f->store);
	set(f->store, "alice@home.test", "msisdns", "['33600000002']");
	assert_changes(f->store, mark, "['sip:alice@home.test 17', 'tel:+33600000001 17']");
}

static void psi_activation_concerns_its_psi(void **state)
{
	struct fixture *f = *state;
	char err[STORE_ERR_LEN];
	json_t *doc = json_from("{'impi': 'conf@home.test', 'impus': [{'uri': 'sip:conf@home.test'},"
				" {'uri': 'sip:room1@home.test', 'type': 'DISTINCT_PSI'},"
				" {'uri': 'sip:room2@home.test', 'type': 'DISTINCT_PSI'}]}");

	assert_int_equal(store_subscriber_put(f->store, doc, err, sizeof err), 0);
	json_decref(doc);
	set(f->store, "conf@home.test", "psi_activation", "{'sip:room1@home.test': 'ACTIVE'}");
	assert_changes(f->store, 0, "['sip:room1@home.test 18']");
	set(f->store, "conf@home.test", "psi_activation",
	    "{'sip:room1@home.test': 'ACTIVE', 'sip:room2@home.test': 'INACTIVE'}");
	assert_changes(f->store, 1, "['sip:room2@home.test 18']");
}

static int add_as(const struct store_subscription *sub, void *arg)
{
	return json_array_append_new(arg, json_string(sub->as_host));
}

/* The AS hosts to notify of a change, as a JSON array text. */
static void assert_notified(struct hss_store *store, const struct store_change *c, const char *expected)
{
	json_t *seen = json_array(), *want = json_from(expected);

	assert_int_equal(store_change_subscriptions(store, c, time(NULL), add_as, seen), 0);
	if (!json_equal(seen, want))
		fail_msg("change %d of %s: %s", c->data_reference, c->impu, json_dumps(seen, 0));
	json_decref(seen);
	json_decref(want);
}

static void an_identity_that_goes_away_is_deleted(void **state)
{
	struct fixture *f = *state;
	struct store_repdata_update u = { .impu = ALICE_TEL, .service_indication = "urn:x-a",
					  .service_data = "<a/>", .service_data_len = 4 };
	struct store_subscription subs[] = { subscription(ALICE_TEL, "as1.home.test", 11, ""),
					     subscription(ALICE_TEL, "as1.home.test", 16, ""),
					     subscription(ALICE_TEL, "as2.home.test", 0, "urn:x-a"),
					     subscription(ALICE, "as1.home.test", 10, "") };
	struct store_change c[16];
	json_t *doc;
	uint64_t mark;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	assert_int_equal(store_repdata_apply(f->store, &u, 1, 100), 0);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(store_subscription_put(f->store, &subs[i]), 0);
	mark = last(f->store);
	set(f->store, "alice@home.test", "impus", "[{'uri': 'sip:alice@home.test'}]");
	assert_changes(f->store, mark, "['sip:alice@home.test 10', 'tel:+33600000001 10 identity deleted',"
			" 'tel:+33600000001 11 identity deleted', 'tel:+33600000001 17 identity deleted',"
			" 'tel:+33600000001 32 identity deleted', 'tel:+33600000001 0 urn:x-a identity deleted',"
			" 'tel:+33600000001 16 identity deleted']");
	/* the subscriptions to the identity were removed and kept with its deletions */
	assert_int_equal(changes_after(f->store, mark, c), 7);
	assert_notified(f->store, &c[0], "['as1.home.test']");
	assert_notified(f->store, &c[1], "[]");
	assert_notified(f->store, &c[2], "['as1.home.test']");
	assert_notified(f->store, &c[5], "['as2.home.test']");
	assert_int_equal(c[5].sequence_number, 1);
	assert_notified(f->store, &c[6], "['as1.home.test']");
	assert_int_equal(store_subscriber_get(f->store, STORE_IMPU, ALICE_TEL, &doc), ENOENT);
	assert_int_equal(store_subscription_put(f->store, &subs[0]), ENOENT);

	/* deleting the subscriber deletes its last identity */
	mark = last(f->store);
	assert_int_equal(store_subscriber_delete(f->store, "alice@home.test"), 0);
	assert_changes(f->store, mark, "['sip:alice@home.test 10 identity deleted',"
			" 'sip:alice@home.test 11 identity deleted', 'sip:alice@home.test 17 identity deleted',"
			" 'sip:alice@home.test 32 identity deleted']");
	assert_int_equal(changes_after(f->store, mark, c), 4);
	assert_notified(f->store, &c[0], "['as1.home.test']");
}

/* Deleted repository data is a deletion of the data alone: its identity stays (the notifier must
 * not name it in DeletedIdentities). */
static void deleted_repository_data_leaves_its_identity(void **state)
{
	struct fixture *f = *state;
	struct store_repdata_update create = { .impu = ALICE, .service_indication = "urn:x-b",
					       .service_data = "<b/>", .service_data_len = 4 };
	struct store_repdata_update delete = { .impu = ALICE, .service_indication = "urn:x-b",
					       .sequence_number = 1 };
	uint64_t mark;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	assert_int_equal(store_repdata_apply(f->store, &create, 1, 100), 0);
	assert_int_equal(create.result, 0);
	mark = last(f->store);
	assert_int_equal(store_repdata_apply(f->store, &delete, 1, 100), 0);
	assert_int_equal(delete.result, 0);
	assert_changes(f->store, mark, "['sip:alice@home.test 0 urn:x-b deleted']");
}

static void reading_and_trimming(void **state)
{
	struct fixture *f = *state;
	struct store_change c[4];
	size_t n;

	put_subscriber(f->store, "alice", "33600000001", "208930000000001");
	set(f->store, "alice@home.test", "ims_user_state", "'NOT_REGISTERED'");
	set(f->store, "alice@home.test", "ims_user_state", "'REGISTERED'");
	set(f->store, "alice@home.test", "scscf_name", "'sip:s.home.test'");
	assert_int_equal(last(f->store), 6);
	assert_int_equal(store_changes_since(f->store, 0, c, 4, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(c[0].seq, 1);
	assert_int_equal(c[3].seq, 4);
	assert_int_equal(store_changes_since(f->store, 4, c, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(c[1].seq, 6);
	assert_int_equal(store_changes_since(f->store, 0, c, 0, &n), 0);
	assert_int_equal(n, 0);

	assert_int_equal(store_changes_trim(f->store, 3), 0);
	assert_int_equal(store_changes_since(f->store, 0, c, 4, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(c[0].seq, 4);
	assert_int_equal(store_changes_trim(f->store, 100), 0);
	assert_int_equal(store_changes_since(f->store, 0, c, 4, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(last(f->store), 6); /* survives trimming: numbers are never reused */
	set(f->store, "alice@home.test", "scscf_name", "'sip:t.home.test'");
	assert_int_equal(store_changes_since(f->store, 0, c, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(c[0].seq, 7);
}

#define CHILD_SETS 50
#define PARENT_SETS 20
#define CHILD_SUBSCRIBERS 1500

/* The child: opens the store with a small map (it has to grow while importing), adds subscribers,
 * then changes carol's state CHILD_SETS times. Exit status 0 when all went well. */
static int child(const char *dir)
{
	struct hss_store *store;
	json_t *subscribers = json_array(), *doc = json_pack("{s:o}", "subscribers", subscribers);
	char err[STORE_ERR_LEN], info[1001];
	int rc = store_open_sized(dir, 0, 1 << 20, &store);

	memset(info, 'i', sizeof info - 1);
	info[sizeof info - 1] = 0;
	for (int i = 0; rc == 0 && i < CHILD_SUBSCRIBERS; i++) {
		char impi[64], uri[64];

		snprintf(impi, sizeof impi, "user%d@home.test", i);
		snprintf(uri, sizeof uri, "sip:user%d@home.test", i);
		json_array_append_new(subscribers, json_pack("{s:s, s:[{s:s}], s:[{s:i, s:s, s:s}]}", "impi", impi,
							     "impus", "uri", uri, "ifcs", "priority", 0, "server_name",
							     "sip:as.home.test", "service_info", info));
	}
	if (rc == 0)
		rc = store_import(store, doc, err, sizeof err, NULL, 0, NULL);
	for (int i = 0; rc == 0 && i < CHILD_SETS; i++) {
		json_t *v = json_string(i % 2 ? "REGISTERED" : "NOT_REGISTERED");

		rc = store_subscriber_set(store, "carol@home.test", "ims_user_state", v, err, sizeof err);
		json_decref(v);
	}
	json_decref(doc);
	store_close(store);
	return rc;
}

static void two_processes_share_one_sequence(void **state)
{
	struct fixture *f = *state;
	char dir[96];
	struct hss_store *store;
	struct store_change c[64];
	uint64_t seen = 0;
	size_t n = 0, total = 0;
	int status, done = 0, sets = 0;
	struct stat st;
	json_t *doc;
	pid_t pid;

	/* a store of its own with a small map: the child's growth reaches this process as
	 * MDB_MAP_RESIZED */
	snprintf(dir, sizeof dir, "%s/shared", f->dir);
	assert_int_equal(store_open_sized(dir, 1, 1 << 20, &store), 0);
	put_subscriber(store, "carol", "33600000003", "208930000000003");
	put_subscriber(store, "dave", "33600000004", "208930000000004");
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(child(dir) == 0 ? 0 : 1);
	while (!done || sets < PARENT_SETS || n > 0) {
		if (!done && waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
		if (sets < PARENT_SETS) {
			set(store, "dave@home.test", "ims_user_state", sets % 2 ? "'REGISTERED'" : "'NOT_REGISTERED'");
			sets++;
		}
		assert_int_equal(store_changes_since(store, seen, c, 64, &n), 0);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(c[i].seq, seen + 1); /* no gap, no repeat */
			seen = c[i].seq;
		}
		total += n;
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(total, 2 * (CHILD_SETS + PARENT_SETS));
	assert_int_equal(last(store), total);
	/* the child grew the map past this process's first size, and its data is readable here */
	snprintf(dir, sizeof dir, "%s/shared/data.mdb", f->dir);
	assert_int_equal(stat(dir, &st), 0);
	assert_true(st.st_size > 1 << 20);
	assert_int_equal(store_subscriber_get(store, STORE_IMPU, "sip:user1499@home.test", &doc), 0);
	json_decref(doc);
	store_close(store);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
	const struct CMUnitTest tests[] = {
		T(each_changed_data_reference_is_logged),
		T(psi_activation_concerns_its_psi),
		T(an_identity_that_goes_away_is_deleted),
		T(deleted_repository_data_leaves_its_identity),
		T(reading_and_trimming),
		T(two_processes_share_one_sequence),
	};
	return cmocka_run_group_tests_name("store_changes", tests, NULL, NULL);
}
