/* The CDR store (charging/cdrstore): records read back as written, duplicates found and never
 * stored twice (also inside one batch), the per-session sequence state and its marks, the
 * export filters (session, user, time range), a full map, and a reopened store. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cdrstore.h"

struct fixture {
	char dir[64];
	struct cdr_store *store;
};

/* Remove an LMDB folder (its two files) made by a test. */
static void remove_store_dir(const char *dir)
{
	static const char *const files[] = { "data.mdb", "lock.mdb" };
	char path[160];

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/cdrstore-test-XXXXXX");
	if (!mkdtemp(f->dir) || cdr_store_open(f->dir, 1, 0, &f->store))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char small[96];

	cdr_store_close(f->store);
	snprintf(small, sizeof small, "%s/small", f->dir);
	remove_store_dir(small);
	remove_store_dir(f->dir);
	free(f);
	return 0;
}

static struct cdr_record rec(const char *session, uint32_t type, uint32_t number, const char *user, int64_t t)
{
	static const uint8_t acr[] = { 1, 0, 0, 24, 0x80, 0, 1, 15, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0 };
	struct cdr_record r = {
		.session_id = session, .record_type = type, .record_number = number, .origin_host = "as.test",
		.user_name = user, .event_time = t, .received_ms = t * 1000 + 7, .acr = acr, .acr_len = sizeof acr,
		.json = "[{\"code\":263}]", .json_len = 14,
	};
	return r;
}

/* Collected export results. */
struct seen {
	int n;
	uint64_t ids[64];
	uint32_t numbers[64];
	uint32_t marks[64];
	char sessions[64][64];
};

static int collect(const struct cdr_view *v, void *arg)
{
	struct seen *s = arg;

	if (s->n == 64)
		return E2BIG;
	s->ids[s->n] = v->id;
	s->numbers[s->n] = v->record_number;
	s->marks[s->n] = v->sequence;
	snprintf(s->sessions[s->n], sizeof s->sessions[0], "%s", v->session_id);
	s->n++;
	return 0;
}

static struct seen export(struct cdr_store *st, const char *session, const char *user, int64_t from, int64_t to)
{
	struct cdr_filter f = { .session_id = session, .user = user, .from = from, .to = to };
	struct seen s = { 0 };

	assert_int_equal(cdr_store_export(st, &f, collect, &s), 0);
	return s;
}

static void append1(struct cdr_store *st, struct cdr_record *r)
{
	assert_int_equal(cdr_store_append(st, r, 1), 0);
}

static int check_view(const struct cdr_view *v, void *arg)
{
	const struct cdr_record *r = arg;

	assert_string_equal(v->session_id, r->session_id);
	assert_int_equal(v->record_type, r->record_type);
	assert_int_equal(v->record_number, r->record_number);
	assert_string_equal(v->origin_host, r->origin_host);
	assert_string_equal(v->user_name, r->user_name);
	assert_string_equal(v->subscription_id, r->subscription_id);
	assert_int_equal(v->event_time, r->event_time);
	assert_int_equal(v->received_ms, r->received_ms);
	assert_int_equal(v->acr_len, r->acr_len);
	assert_memory_equal(v->acr, r->acr, r->acr_len);
	assert_int_equal(v->json_len, r->json_len);
	assert_memory_equal(v->json, r->json, r->json_len);
	return 0;
}

static void test_record_reads_back(void **state)
{
	struct fixture *f = *state;
	struct cdr_record r = rec("s1;1", CDR_EVENT, 0, "alice", 1000);
	struct cdr_filter all = { 0 };

	r.subscription_id = "491720000001";
	append1(f->store, &r);
	assert_false(r.duplicate);
	assert_int_equal(r.id, 1);
	assert_int_equal(r.sequence, 0);
	assert_int_equal(cdr_store_export(f->store, &all, check_view, &r), 0);
}

static void test_duplicate_stored_once(void **state)
{
	struct fixture *f = *state;
	struct cdr_record a = rec("s2", CDR_START, 0, NULL, 10), again = rec("s2", CDR_START, 0, NULL, 99);
	struct cdr_stats stats;

	append1(f->store, &a);
	append1(f->store, &again);
	assert_true(again.duplicate);
	assert_int_equal(again.id, a.id);
	assert_int_equal(again.stored_type, CDR_START);
	assert_int_equal(export(f->store, "s2", NULL, 0, 0).n, 1);
	assert_int_equal(cdr_store_stats(f->store, &stats), 0);
	assert_int_equal(stats.records, 1);
	assert_int_equal(stats.duplicates, 1);
}

static void test_duplicate_in_one_batch(void **state)
{
	struct fixture *f = *state;
	struct cdr_record batch[3] = { rec("s3", CDR_START, 0, NULL, 1), rec("s3", CDR_INTERIM, 1, NULL, 2),
				       rec("s3", CDR_INTERIM, 1, NULL, 2) };

	assert_int_equal(cdr_store_append(f->store, batch, 3), 0);
	assert_false(batch[0].duplicate);
	assert_false(batch[1].duplicate);
	assert_true(batch[2].duplicate);
	assert_int_equal(batch[2].id, batch[1].id);
	assert_int_equal(export(f->store, "s3", NULL, 0, 0).n, 2);
}

static void test_sequence_state(void **state)
{
	struct fixture *f = *state;
	struct cdr_record r[3] = { rec("s4", CDR_START, 0, NULL, 1), rec("s4", CDR_INTERIM, 1, NULL, 2),
				   rec("s4", CDR_INTERIM, 2, NULL, 3) };
	struct cdr_record stop = rec("s4", CDR_STOP, 3, NULL, 4);
	struct cdr_session s;
	struct cdr_stats stats;

	assert_int_equal(cdr_store_session(f->store, "s4", &s), ENOENT);
	assert_int_equal(cdr_store_append(f->store, r, 3), 0);
	assert_int_equal(cdr_store_session(f->store, "s4", &s), 0);
	assert_true(s.started);
	assert_false(s.stopped);
	assert_int_equal(s.highest_number, 2);
	assert_int_equal(s.records, 3);
	assert_int_equal(cdr_store_stats(f->store, &stats), 0);
	assert_int_equal(stats.open_sessions, 1);
	append1(f->store, &stop);
	assert_int_equal(stop.sequence, 0);
	assert_int_equal(cdr_store_session(f->store, "s4", &s), 0);
	assert_true(s.stopped);
	assert_int_equal(s.highest_number, 3);
	assert_int_equal(cdr_store_stats(f->store, &stats), 0);
	assert_int_equal(stats.open_sessions, 0);
	assert_int_equal(stats.by_type[CDR_INTERIM], 2);
	assert_int_equal(stats.out_of_sequence, 0);
}

static void test_out_of_sequence_marked(void **state)
{
	struct fixture *f = *state;
	struct cdr_record interim = rec("s5", CDR_INTERIM, 2, NULL, 1), late = rec("s5", CDR_INTERIM, 1, NULL, 2),
			  stop = rec("s5", CDR_STOP, 3, NULL, 3), restart = rec("s5", CDR_START, 4, NULL, 4);
	struct seen s;

	append1(f->store, &interim);
	assert_int_equal(interim.sequence, CDR_SEQ_NO_START);
	append1(f->store, &late);
	assert_int_equal(late.sequence, CDR_SEQ_NO_START | CDR_SEQ_LATE);
	append1(f->store, &stop);
	assert_int_equal(stop.sequence, CDR_SEQ_NO_START);
	append1(f->store, &restart);
	assert_int_equal(restart.sequence, CDR_SEQ_AFTER_STOP | CDR_SEQ_RESTART);
	/* all stored, in record number order, with their marks */
	s = export(f->store, "s5", NULL, 0, 0);
	assert_int_equal(s.n, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(s.numbers[i], i + 1);
	assert_int_equal(s.marks[0], CDR_SEQ_NO_START | CDR_SEQ_LATE);
	assert_int_equal(s.marks[3], CDR_SEQ_AFTER_STOP | CDR_SEQ_RESTART);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct cdr_record r[5] = { rec("a;1", CDR_EVENT, 0, "alice", 100), rec("b;1", CDR_EVENT, 0, "bob", 200),
				   rec("a;2", CDR_EVENT, 0, "alice", 300), rec("c;1", CDR_EVENT, 0, NULL, 400),
				   rec("a;10", CDR_EVENT, 0, "alice", 500) };
	struct seen s;

	r[3].subscription_id = "alice"; /* a user found by Subscription-Id-Data alone */
	assert_int_equal(cdr_store_append(f->store, r, 5), 0);
	s = export(f->store, NULL, "alice", 0, 0);
	assert_int_equal(s.n, 4);
	assert_string_equal(s.sessions[0], "a;1");
	assert_string_equal(s.sessions[3], "a;10");
	s = export(f->store, NULL, "bob", 0, 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(export(f->store, NULL, "carol", 0, 0).n, 0);
	s = export(f->store, NULL, NULL, 200, 400);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.sessions[0], "b;1");
	assert_string_equal(s.sessions[2], "c;1");
	assert_int_equal(export(f->store, NULL, NULL, 401, 0).n, 1);
	assert_int_equal(export(f->store, NULL, NULL, 0, 99).n, 0);
	/* conditions combine */
	assert_int_equal(export(f->store, NULL, "alice", 250, 450).n, 2);
	/* "a;1" is not a prefix match of "a;10" */
	assert_int_equal(export(f->store, "a;1", NULL, 0, 0).n, 1);
	assert_int_equal(export(f->store, "a;1", "bob", 0, 0).n, 0);
	assert_int_equal(export(f->store, NULL, NULL, 0, 0).n, 5);
}

static void test_bad_records_refused(void **state)
{
	struct fixture *f = *state;
	char longid[CDR_MAX_ID_LEN + 2];
	struct cdr_record bad[3] = { rec("x", 5, 0, NULL, 1), rec("", CDR_EVENT, 0, NULL, 1),
				     rec(longid, CDR_EVENT, 0, NULL, 1) };
	struct cdr_record batch[2] = { rec("ok", CDR_EVENT, 0, NULL, 1), rec("x", 0, 0, NULL, 1) };

	memset(longid, 'x', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	for (int i = 0; i < 3; i++)
		assert_int_equal(cdr_store_append(f->store, &bad[i], 1), EINVAL);
	/* a batch with one bad record stores nothing */
	assert_int_equal(cdr_store_append(f->store, batch, 2), EINVAL);
	assert_int_equal(export(f->store, NULL, NULL, 0, 0).n, 0);
}

static void test_full_map_is_enospc(void **state)
{
	struct fixture *f = *state;
	char dir[96];
	struct cdr_store *small;
	static uint8_t big[256 * 1024];
	struct cdr_record r = rec("big", CDR_EVENT, 0, NULL, 1);
	int ret = 0, stored = 0;

	snprintf(dir, sizeof dir, "%s/small", f->dir);
	assert_int_equal(cdr_store_open(dir, 1, 1 << 20, &small), 0);
	r.acr = big;
	r.acr_len = sizeof big;
	for (uint32_t i = 0; i < 16 && !ret; i++) {
		r.record_number = i;
		if (!(ret = cdr_store_append(small, &r, 1)))
			stored++;
	}
	assert_int_equal(ret, ENOSPC);
	assert_true(stored >= 1);
	/* what was committed is still there, nothing of the failed write */
	assert_int_equal(export(small, "big", NULL, 0, 0).n, stored);
	cdr_store_close(small);
}

static void test_reopen(void **state)
{
	struct fixture *f = *state;
	struct cdr_record a = rec("r;1", CDR_START, 0, "dave", 5), again = rec("r;1", CDR_START, 0, "dave", 5),
			  next = rec("r;2", CDR_EVENT, 0, NULL, 6);
	struct cdr_session s;

	append1(f->store, &a);
	cdr_store_close(f->store);
	assert_int_equal(cdr_store_open(f->dir, 0, 0, &f->store), 0);
	assert_int_equal(cdr_store_session(f->store, "r;1", &s), 0);
	assert_true(s.started);
	append1(f->store, &again);
	assert_true(again.duplicate);
	append1(f->store, &next);
	assert_int_equal(next.id, a.id + 1); /* ids go on after a reopen */
	assert_int_equal(export(f->store, NULL, "dave", 0, 0).n, 1);
}

static void test_open_missing_store(void **state)
{
	struct fixture *f = *state;
	char dir[96];
	struct cdr_store *st = NULL;

	snprintf(dir, sizeof dir, "%s/none", f->dir);
	assert_int_equal(cdr_store_open(dir, 0, 0, &st), ENOENT);
	assert_null(st);
	assert_string_equal(cdr_record_type_name(CDR_INTERIM), "INTERIM_RECORD");
	assert_null(cdr_record_type_name(0));
	assert_null(cdr_record_type_name(5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_record_reads_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_stored_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_in_one_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sequence_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_sequence_marked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_records_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_map_is_enospc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
