/* `sh-client watch` against the HSS stub: the watch prints the notifications and ends by itself,
 * without unsubscribing, when the HSS has ended its subscriptions: the identity deleted
 * (DeletedIdentities), or the repository data of every Service-Indication watched deleted. The
 * tool runs on the node "tool.<realm>"; this process (libshclient, "as.<realm>") writes the data. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "sh_lab.h"
#include "spawn.h"
#include "tool_run.h"

#define REALM "home.test.localdomain"
#define DAVE_IMPI "dave@" REALM
#define DAVE "sip:dave@" REALM
#define ERIN "sip:erin@" REALM
#define WAIT_MS 15000

static struct sh_lab lab;
static char out[65536], errout[8192];

static const char *store_json =
	"{\"subscribers\": ["
	"{\"impi\": \"" DAVE_IMPI "\", \"impus\": [{\"uri\": \"" DAVE "\"}], \"ims_user_state\": \"REGISTERED\"},"
	"{\"impi\": \"erin@" REALM "\", \"impus\": [{\"uri\": \"" ERIN "\"}]}],"
	" \"as_permissions\": ["
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\", \"update\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 11, \"operations\": [\"pull\", \"subs-notif\"]}"
	" ]}";

static int setup(void **state)
{
	(void)state;
	lab.with_tool_node = 1;
	return sh_lab_start(&lab, "sh_watch", REALM, store_json, "notify_interval_ms = 50\n", NULL);
}

static int teardown(void **state)
{
	(void)state;
	return sh_lab_stop(&lab);
}

/* sh-client watch on the tool node, once subscribed. */
static struct tool_run start_watch(const char *args)
{
	char command[2 * PATH_MAX];
	struct tool_run run;

	snprintf(command, sizeof command, "-c '%s' -r " REALM " %s", lab.tool->conf_path, args);
	tool_start(&run, lab.net.dir, "sh-client", command);
	assert_true(run.pid > 0);
	assert_true(file_becomes(run.err_path, "subscribed;", 1, WAIT_MS));
	return run;
}

static int finish(const struct tool_run *run)
{
	return tool_finish(run, out, sizeof out, errout, sizeof errout);
}

static int put_content(void *arg, const char *current, char **new_service_data)
{
	(void)current;
	*new_service_data = arg ? strdup(arg) : NULL;
	return arg && !*new_service_data ? ENOMEM : 0;
}

/* Write (service_data) or delete (NULL) the repository data of impu under si, as the AS. */
static void set_repository_data(const char *impu, const char *si, const char *service_data)
{
	struct sh_answer answer;

	assert_int_equal(sh_update_repository_data(lab.client, impu, si, put_content, (void *)service_data, 3,
						   &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	sh_answer_clear(&answer);
}

/* The subscriber deleted with hss-ctl while the watch runs: its PNR names the identity in
 * DeletedIdentities, the watch prints it and ends with status 0, without an SNR to unsubscribe
 * (the HSS, which no longer knows the identity, would answer it 5001). */
static void watch_ends_when_its_identity_is_deleted(void **state)
{
	struct tool_run watch;

	(void)state;
	watch = start_watch("--json watch " DAVE " IMSUserState");
	assert_int_equal(sh_lab_hss_ctl(&lab, "delete " DAVE_IMPI), 0);
	assert_int_equal(finish(&watch), 0);
	assert_non_null(strstr(out, "\"event\":\"notification\""));
	assert_non_null(strstr(out, "<DeletedIdentities><IMSPublicIdentity>" DAVE "</IMSPublicIdentity>"));
	assert_non_null(strstr(out, "{\"event\":\"ended\",\"reason\":\"the identity was deleted\"}"));
	assert_non_null(strstr(errout, "the HSS ended the subscription (the identity was deleted) after 1 notification(s)"));
	assert_null(strstr(errout, "unsubscribed"));
}

/* Watching two Service-Indications: an update and the deletion of the first keep the watch
 * going (it prints the next notification, of the second); the deletion of the second ends it. */
static void watch_ends_when_all_its_repository_data_is_deleted(void **state)
{
	struct tool_run watch;

	(void)state;
	set_repository_data(ERIN, "urn:x-test:a", "<A>0</A>");
	set_repository_data(ERIN, "urn:x-test:b", "<B>0</B>");
	assert_int_equal(sh_lab_settle(&lab), 0);
	watch = start_watch("watch " ERIN " RepositoryData --si urn:x-test:a --si urn:x-test:b");
	set_repository_data(ERIN, "urn:x-test:a", "<A>1</A>");
	assert_true(file_becomes(watch.out_path, "<A>1</A>", 1, WAIT_MS));
	set_repository_data(ERIN, "urn:x-test:a", NULL);
	assert_true(file_becomes(watch.out_path, "<SequenceNumber>2</SequenceNumber></RepositoryData>", 1, WAIT_MS));
	/* Notifications are printed in order: one after the deletion shows the watch went on. */
	set_repository_data(ERIN, "urn:x-test:b", "<B>1</B>");
	assert_true(file_becomes(watch.out_path, "<B>1</B>", 1, WAIT_MS));
	set_repository_data(ERIN, "urn:x-test:b", NULL);
	assert_int_equal(finish(&watch), 0);
	assert_non_null(strstr(errout, "the HSS ended the subscription (the repository data was deleted) after 4 "
					"notification(s)"));
	assert_null(strstr(errout, "unsubscribed"));
}

/* hss-ctl repdata-delete while the HSS runs: the watch gets the deletion (RepositoryData without
 * ServiceData) and ends, its subscription gone, as after a PUR without ServiceData. */
static void repository_data_deleted_with_hss_ctl(void **state)
{
	struct tool_run watch;

	(void)state;
	set_repository_data(ERIN, "urn:x-test:c", "<C>0</C>");
	assert_int_equal(sh_lab_settle(&lab), 0);
	watch = start_watch("watch " ERIN " RepositoryData --si urn:x-test:c");
	assert_int_equal(sh_lab_hss_ctl(&lab, "repdata-delete " ERIN " urn:x-test:c"), 0);
	assert_int_equal(finish(&watch), 0);
	if (!strstr(out, "<ServiceIndication>urn:x-test:c</ServiceIndication><SequenceNumber>1</SequenceNumber></RepositoryData>"))
		fail_msg("no deletion in:\n%s", out);
	assert_non_null(strstr(errout, "the HSS ended the subscription (the repository data was deleted)"));
	assert_int_equal(sh_lab_hss_ctl(&lab, "repdata-get " ERIN " urn:x-test:c"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(watch_ends_when_its_identity_is_deleted),
		cmocka_unit_test(watch_ends_when_all_its_repository_data_is_deleted),
		cmocka_unit_test(repository_data_deleted_with_hss_ctl),
	};
	return cmocka_run_group_tests_name("sh_watch", tests, setup, teardown);
}
