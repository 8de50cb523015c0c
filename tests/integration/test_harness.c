/* The integration harness itself: daemons come up with OPEN links, a daemon that cannot start is
 * reported at once, and stopping leaves none of them running. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fdnet.h"

static int pid_alive(pid_t pid)
{
	return kill(pid, 0) == 0 || errno != ESRCH;
}

static void three_daemons_in_a_chain_open_and_stop(void **state)
{
	struct fdnet net;
	pid_t pids[3];
	(void)state;

	assert_int_equal(fdnet_init(&net, "chain"), 0);
	struct fdnet_node *a = fdnet_add(&net, "a", "one.test.localdomain");
	struct fdnet_node *b = fdnet_add(&net, "b", "one.test.localdomain");
	struct fdnet_node *c = fdnet_add(&net, "c", "two.test.localdomain");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	fdnet_link(&net, a, b);
	fdnet_link(&net, b, c);
	assert_int_equal(fdnet_start(&net), 0);

	/* every daemon sees its neighbours OPEN, and only them */
	assert_true(fdnet_log_contains(b, "'STATE_OPEN'") || fdnet_log_contains(b, "-> 'STATE_OPEN'"));
	for (int i = 0; i < 3; i++) {
		pids[i] = net.nodes[i].pid;
		assert_true(pids[i] > 0);
		assert_true(pid_alive(pids[i]));
	}
	assert_int_equal(fdnet_stop(&net), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(net.nodes[i].pid, 0);
		assert_false(pid_alive(pids[i]));
	}
}

static void a_daemon_that_cannot_start_is_reported(void **state)
{
	struct fdnet net;
	(void)state;

	assert_int_equal(fdnet_init(&net, "broken"), 0);
	struct fdnet_node *a = fdnet_add(&net, "a", "test.localdomain");
	struct fdnet_node *b = fdnet_add(&net, "b", "test.localdomain");
	fdnet_load(b, "/nonexistent/extension.fdx", NULL);
	pid_t pid_b;
	assert_int_equal(fdnet_start(&net), -1);
	pid_b = b->pid;
	assert_true(fdnet_log_contains(b, "/nonexistent/extension.fdx"));
	fdnet_stop(&net);
	assert_int_equal(a->pid, 0);
	assert_int_equal(b->pid, 0);
	assert_false(pid_b > 0 && pid_alive(pid_b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(three_daemons_in_a_chain_open_and_stop),
		cmocka_unit_test(a_daemon_that_cannot_start_is_reported),
	};
	return cmocka_run_group_tests_name("harness", tests, NULL, NULL);
}
