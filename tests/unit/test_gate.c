/* diamkit's dk_gate (gate.c): work counted up to its bound, refused once closed, and closing
 * returns only after the last piece under way has left (from another thread here). */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>

#include "diamkit.h"

static void bounded(void **state)
{
	struct dk_gate g = DK_GATE_INIT(2);
	(void)state;

	assert_int_equal(dk_gate_enter(&g), 0);
	assert_int_equal(dk_gate_enter(&g), 0);
	assert_int_equal(dk_gate_enter(&g), EBUSY);
	dk_gate_leave(&g);
	assert_int_equal(dk_gate_enter(&g), 0);
	dk_gate_leave(&g);
	dk_gate_leave(&g);
	dk_gate_close(&g);
	assert_int_equal(dk_gate_enter(&g), ESHUTDOWN);
}

static int left; /* set by the thread just before it leaves */

static void *leave_later(void *arg)
{
	struct timespec pause = { 0, 200 * 1000000L };

	nanosleep(&pause, NULL);
	__atomic_store_n(&left, 1, __ATOMIC_SEQ_CST);
	dk_gate_leave(arg);
	return NULL;
}

static void close_waits_for_the_last(void **state)
{
	struct dk_gate g = DK_GATE_INIT(0);
	pthread_t thread;
	(void)state;

	assert_int_equal(dk_gate_enter(&g), 0);
	assert_int_equal(pthread_create(&thread, NULL, leave_later, &g), 0);
	dk_gate_close(&g);
	assert_int_equal(__atomic_load_n(&left, __ATOMIC_SEQ_CST), 1);
	assert_int_equal(dk_gate_enter(&g), ESHUTDOWN);
	pthread_join(thread, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bounded),
		cmocka_unit_test(close_waits_for_the_last),
	};
	return cmocka_run_group_tests_name("gate", tests, NULL, NULL);
}
