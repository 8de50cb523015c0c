/* An AS whose HSS dies while requests are on their way.
 *
 * libfdcore writes to its peers with writev: a write to a connection the peer has reset raises
 * SIGPIPE, which kills a process that does not handle it (freeDiameterd blocks it; an AS embedding
 * libshclient does not, so libshclient ignores it). Whether a write comes after the reset and
 * before freeDiameter sees the connection close is a race, so the first test raises SIGPIPE itself
 * in this process, which has libshclient open. The second has `sh-client bench` (on the node
 * "tool.<realm>") keep 100 UDRs outstanding when the HSS daemon is killed (SIGKILL): the tool ends
 * as on any request without an answer, every request counted in its report, exit status 1.
 * (No repository data is stored under test-si: the answers are 4100, as good as any.) */
#include <jansson.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "sh_lab.h"
#include "spawn.h"
#include "tool_run.h"

#define REALM "home.test.localdomain"
#define ALICE "sip:alice@" REALM
#define REQUESTS 1000000
#define WAIT_MS 15000

static struct sh_lab lab;
static char out[8192], errout[8192];

static const char *store_json =
	"{\"subscribers\": [{\"impi\": \"alice@" REALM "\", \"impus\": [{\"uri\": \"" ALICE "\"}]}],"
	" \"as_permissions\": ["
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\"]}"
	" ]}";

static int setup(void **state)
{
	(void)state;
	lab.with_tool_node = 1;
	return sh_lab_start(&lab, "hss_lost", REALM, store_json, "", NULL);
}

static int teardown(void **state)
{
	(void)state;
	return sh_lab_stop(&lab);
}

static void sigpipe_does_not_end_the_as(void **state)
{
	(void)state;
	assert_non_null(lab.client);
	assert_int_equal(raise(SIGPIPE), 0);
}

static void as_outlives_an_hss_killed_under_load(void **state)
{
	char args[PATH_MAX + 256];
	struct tool_run bench;
	json_t *report;
	json_int_t success = 0, no_answer = 0, other = 0;

	(void)state;
	snprintf(args, sizeof args, "-c '%s' -r " REALM " --json bench udr " ALICE " --si test-si -n %d -w 100",
		 lab.tool->conf_path, REQUESTS);
	tool_start(&bench, lab.net.dir, "sh-client", args);
	assert_true(bench.pid > 0);
	/* the HSS has answered a UDR (only the tool sends any): the stream is on */
	assert_true(file_becomes(lab.hss->log_path, "'User-Data-Answer'", 1, WAIT_MS));
	assert_int_equal(kill(lab.hss->pid, SIGKILL), 0);
	assert_int_equal(waitpid(lab.hss->pid, NULL, 0), lab.hss->pid);
	lab.hss->pid = 0; /* the harness does not stop it again */

	assert_int_equal(tool_finish(&bench, out, sizeof out, errout, sizeof errout), 1);
	report = json_loads(out, 0, NULL);
	assert_non_null(report);
	assert_int_equal(json_unpack(report, "{s:I, s:I, s:I}", "success", &success, "no_answer", &no_answer,
				     "other_results", &other), 0);
	print_message("%lld answered, %lld without an answer, %lld other results\n", (long long)success,
		      (long long)no_answer, (long long)other);
	assert_true(success + other > 0 && no_answer > 0); /* other: 4100, no data under test-si */
	assert_int_equal(success + no_answer + other, REQUESTS);
	json_decref(report);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sigpipe_does_not_end_the_as),
		cmocka_unit_test(as_outlives_an_hss_killed_under_load),
	};
	return cmocka_run_group_tests_name("hss_lost", tests, setup, teardown);
}
