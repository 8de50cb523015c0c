/* diamkit's group commit (group_commit.c): every job committed once, in batches, and answered
 * only after its batch's commit; a job conflicting with one waiting or being committed refused;
 * stopping drains the queue. Several threads push at once; answer() frees the jobs, so under
 * AddressSanitizer a conflict check that looked at an answered batch would be caught. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "diamkit.h"

#define PUSHERS 4
#define JOBS_EACH 2000
#define KEYS 8

struct job {
	struct dk_gc_job link;
	int key;
	int committed; /* set by commit(): answer() checks it */
};

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long commits, answers, batches, largest_batch, answered_before_commit;

static int commit(struct dk_gc_job *batch, size_t n)
{
	size_t seen = 0;

	for (struct dk_gc_job *j = batch; j; j = j->next, seen++)
		((struct job *)j)->committed = 1;
	pthread_mutex_lock(&count_lock);
	commits += (long)seen;
	batches++;
	if ((long)n > largest_batch)
		largest_batch = (long)n;
	pthread_mutex_unlock(&count_lock);
	return seen == n ? 0 : -1;
}

static void answer(struct dk_gc_job *batch, size_t n, int committed)
{
	long count = 0, early = 0;

	(void)n;
	while (batch) {
		struct dk_gc_job *next = batch->next;
		early += !((struct job *)batch)->committed || committed != 0;
		free(batch);
		count++;
		batch = next;
	}
	pthread_mutex_lock(&count_lock);
	answers += count;
	answered_before_commit += early;
	pthread_mutex_unlock(&count_lock);
}

static int same_key(const struct dk_gc_job *a, const struct dk_gc_job *b)
{
	return ((const struct job *)a)->key == ((const struct job *)b)->key;
}

static struct dk_group_commit gc = { .thread_name = "test writer", .max_batch = 64, .commit = commit,
				     .answer = answer, .conflicts = same_key };
static long refused[PUSHERS];

static void *pusher(void *arg)
{
	long me = (long)arg;

	for (int i = 0; i < JOBS_EACH; i++) {
		struct job *j = calloc(1, sizeof *j);

		assert_non_null(j);
		j->key = (int)((me * JOBS_EACH + i) % KEYS);
		if (dk_gc_push(&gc, &j->link)) {
			refused[me]++;
			free(j); /* refused: still ours */
		}
	}
	return NULL;
}

static void every_job_is_committed_once_then_answered(void **state)
{
	pthread_t threads[PUSHERS];
	long total_refused = 0;
	(void)state;

	assert_int_equal(dk_gc_start(&gc), 0);
	for (long t = 0; t < PUSHERS; t++)
		assert_int_equal(pthread_create(&threads[t], NULL, pusher, (void *)t), 0);
	for (int t = 0; t < PUSHERS; t++)
		pthread_join(threads[t], NULL);
	dk_gc_stop(&gc); /* drains what is still queued */
	for (int t = 0; t < PUSHERS; t++)
		total_refused += refused[t];
	assert_int_equal(commits, PUSHERS * JOBS_EACH - total_refused);
	assert_int_equal(answers, commits);
	assert_int_equal(answered_before_commit, 0);
	assert_true(largest_batch <= 64);
	/* with 8 keys and 4 threads pushing, most pushes meet their key queued or being committed */
	assert_true(total_refused > 0);
	assert_true(batches >= 1);
}

/* A second job of a key while the first waits is refused at once; a job of another key is not;
 * stopping answers what was queued. */
static void a_second_job_of_a_waiting_key_is_refused(void **state)
{
	static struct dk_group_commit slow = { .thread_name = "test slow", .max_batch = 1, .window_ms = 200,
					       .commit = commit, .answer = answer, .conflicts = same_key };
	struct job *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b), *c = calloc(1, sizeof *c);
	long before = answers;
	(void)state;

	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	a->key = b->key = 1;
	c->key = 2;
	assert_int_equal(dk_gc_start(&slow), 0);
	assert_int_equal(dk_gc_push(&slow, &a->link), 0);
	assert_int_equal(dk_gc_push(&slow, &b->link), 1); /* a waits (the writer's window) */
	assert_int_equal(dk_gc_push(&slow, &c->link), 0); /* another key */
	free(b);
	dk_gc_stop(&slow);
	assert_int_equal(answers - before, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_job_is_committed_once_then_answered),
		cmocka_unit_test(a_second_job_of_a_waiting_key_is_refused),
	};
	if (fd_libproto_init()) /* the writer names its thread in freeDiameter's log */
		return 1;
	return cmocka_run_group_tests_name("group_commit", tests, NULL, NULL);
}
