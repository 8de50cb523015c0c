/* The integration harness itself: daemons come up with OPEN links, a daemon that cannot start is
 * reported at once, and stopping leaves none of them running. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
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

/* A test process that dies (here SIGKILL, as an interrupted or crashed test) takes its daemons
 * with it. */
static void daemons_die_with_an_interrupted_test(void **state)
{
	int fds[2];
	pid_t test_process, daemons[2] = { 0, 0 };
	(void)state;

	assert_int_equal(pipe(fds), 0);
	test_process = fork();
	assert_true(test_process >= 0);
	if (test_process == 0) {
		struct fdnet net;
		close(fds[0]);
		if (fdnet_init(&net, "interrupted") == 0) {
			struct fdnet_node *a = fdnet_add(&net, "a", "test.localdomain");
			struct fdnet_node *b = fdnet_add(&net, "b", "test.localdomain");
			fdnet_link(&net, a, b);
			if (fdnet_start(&net) == 0) {
				pid_t pids[2] = { a->pid, b->pid };
				if (write(fds[1], pids, sizeof pids) != (ssize_t)sizeof pids)
					_exit(1);
				pause();
			}
		}
		_exit(1);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], daemons, sizeof daemons), (ssize_t)sizeof daemons);
	close(fds[0]);
	assert_true(pid_alive(daemons[0]) && pid_alive(daemons[1]));
	kill(test_process, SIGKILL);
	waitpid(test_process, NULL, 0);
	/* They get SIGTERM and stop on their own; give them the harness's grace period. */
	for (int i = 0; i < 2000 && (pid_alive(daemons[0]) || pid_alive(daemons[1])); i++)
		usleep(10000);
	assert_false(pid_alive(daemons[0]));
	assert_false(pid_alive(daemons[1]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(three_daemons_in_a_chain_open_and_stop),
		cmocka_unit_test(a_daemon_that_cannot_start_is_reported),
		cmocka_unit_test(daemons_die_with_an_interrupted_test),
	};
	return cmocka_run_group_tests_name("harness", tests, NULL, NULL);
}
