/* dk_ignore_sigpipe (diamkit sigpipe.c): a process embedding libfdcore ignores SIGPIPE, unless the
 * application set a disposition of its own, which it keeps. Each case restores the default. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <cmocka.h>

#include "diamkit.h"

static volatile sig_atomic_t handled;

static void on_sigpipe(int sig)
{
	(void)sig;
	handled++;
}

static void on_sigpipe_info(int sig, siginfo_t *info, void *context)
{
	(void)info;
	(void)context;
	on_sigpipe(sig);
}

static struct sigaction disposition(void)
{
	struct sigaction now;

	assert_int_equal(sigaction(SIGPIPE, NULL, &now), 0);
	return now;
}

static int restore_default(void **state)
{
	(void)state;
	signal(SIGPIPE, SIG_DFL);
	handled = 0;
	return 0;
}

static void default_becomes_ignored(void **state)
{
	(void)state;
	dk_ignore_sigpipe();
	assert_true(disposition().sa_handler == SIG_IGN);
	assert_int_equal(raise(SIGPIPE), 0); /* the process goes on */
}

static void application_handler_kept(void **state)
{
	(void)state;
	signal(SIGPIPE, on_sigpipe);
	dk_ignore_sigpipe();
	assert_true(disposition().sa_handler == on_sigpipe);
	assert_int_equal(raise(SIGPIPE), 0);
	assert_int_equal(handled, 1);
}

static void application_siginfo_handler_kept(void **state)
{
	struct sigaction sa = { .sa_sigaction = on_sigpipe_info, .sa_flags = SA_SIGINFO };
	(void)state;

	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGPIPE, &sa, NULL), 0);
	dk_ignore_sigpipe();
	assert_true((disposition().sa_flags & SA_SIGINFO) && disposition().sa_sigaction == on_sigpipe_info);
	assert_int_equal(raise(SIGPIPE), 0);
	assert_int_equal(handled, 1);
}

static void application_ignore_kept(void **state)
{
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	dk_ignore_sigpipe();
	assert_true(disposition().sa_handler == SIG_IGN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(default_becomes_ignored, restore_default),
		cmocka_unit_test_teardown(application_handler_kept, restore_default),
		cmocka_unit_test_teardown(application_siginfo_handler_kept, restore_default),
		cmocka_unit_test_teardown(application_ignore_kept, restore_default),
	};
	return cmocka_run_group_tests_name("sigpipe", tests, NULL, NULL);
}
