/* `sh-client watch` against the HSS stub: the watch prints the notifications and ends by itself,
 * without unsubscribing, when the HSS has ended its subscriptions: the identity deleted
 * (DeletedIdentities), or the repository data of every Service-Indication watched deleted. A
 * notification shows what the SNR selected, as a UDR with the same AVPs: the iFCs of its
 * Server-Name, its DSAI-Tag, its Identity-Set. The tool runs on the node "tool.<realm>"; this
 * process (libshclient, "as.<realm>") writes the data. */
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
#define FRANK_IMPI "frank@" REALM
#define FRANK "sip:frank@" REALM
#define FRANK_TEL "tel:+15550000006"
#define FRANK_WORK "sip:frank-work@" REALM
#define TOOL_AS "sip:tool." REALM ":5060"
#define OTHER_AS "sip:other." REALM ":5060"
#define WAIT_MS 15000

static struct sh_lab lab;
static char out[65536], errout[8192];

static const char *store_json =
	"{\"subscribers\": ["
	"{\"impi\": \"" DAVE_IMPI "\", \"impus\": [{\"uri\": \"" DAVE "\"}], \"ims_user_state\": \"REGISTERED\"},"
	"{\"impi\": \"erin@" REALM "\", \"impus\": [{\"uri\": \"" ERIN "\"}]},"
	/* two implicit sets; an iFC and a DSAI instance for the tool's AS and for another AS */
	"{\"impi\": \"" FRANK_IMPI "\", \"impus\": [{\"uri\": \"" FRANK "\", \"implicit_set\": 1},"
	"  {\"uri\": \"" FRANK_TEL "\", \"implicit_set\": 1}, {\"uri\": \"" FRANK_WORK "\", \"implicit_set\": 2}],"
	" \"ifcs\": [{\"priority\": 0, \"server_name\": \"" TOOL_AS "\", \"service_info\": \"tool-ifc\"},"
	"  {\"priority\": 1, \"server_name\": \"" OTHER_AS "\", \"service_info\": \"other-ifc\"}],"
	" \"dsai\": [{\"server_name\": \"" TOOL_AS "\", \"tag\": \"presence\", \"value\": \"ACTIVE\"},"
	"  {\"server_name\": \"" OTHER_AS "\", \"tag\": \"presence\", \"value\": \"ACTIVE\"}]}],"
	" \"as_permissions\": ["
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\", \"update\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 11, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 10, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 13, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 19, \"operations\": [\"pull\", \"subs-notif\"]}"
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

/* sh-client on the tool node. */
static struct tool_run start_sh_client(const char *args)
{
	char command[2 * PATH_MAX];
	struct tool_run run;

	snprintf(command, sizeof command, "-c '%s' -r " REALM " %s", lab.tool->conf_path, args);
	tool_start(&run, lab.net.dir, "sh-client", command);
	assert_true(run.pid > 0);
	return run;
}

/* sh-client watch on the tool node, once subscribed. */
static struct tool_run start_watch(const char *args)
{
	struct tool_run run = start_sh_client(args);

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

/* Without its trailing newlines (udr prints one only when the Sh-Data has none). */
static void chomp(char *text)
{
	size_t n = strlen(text);

	while (n && text[n - 1] == '\n')
		text[--n] = 0;
}

/* The Sh-Data of the one notification of a watch of 'selection' (identity, Data-Reference and
 * options) after the hss-ctl command; it is the Sh-Data of a UDR with the same selection. */
static const char *notified(const char *selection, const char *hss_ctl_args)
{
	static char pnr[sizeof out];
	char args[1024];
	struct tool_run run;

	snprintf(args, sizeof args, "watch %s --count 1", selection);
	run = start_watch(args);
	assert_int_equal(sh_lab_hss_ctl(&lab, hss_ctl_args), 0);
	assert_int_equal(finish(&run), 0);
	assert_non_null(strstr(out, "<Sh-Data>"));
	chomp(out);
	snprintf(pnr, sizeof pnr, "%s", out);
	snprintf(args, sizeof args, "udr %s", selection);
	run = start_sh_client(args);
	assert_int_equal(finish(&run), 0);
	chomp(out);
	assert_string_equal(pnr, out);
	return pnr;
}

/* A change of another AS's iFC: the PNR holds the iFCs of the subscription's Server-Name only, never
 * another AS's. */
static void ifc_notification_holds_only_the_subscribing_as_ifcs(void **state)
{
	const char *pnr;

	(void)state;
	pnr = notified(FRANK " InitialFilterCriteria --server-name " TOOL_AS,
		       "set " FRANK_IMPI " ifcs '[{\"priority\": 0, \"server_name\": \"" TOOL_AS "\","
		       " \"service_info\": \"tool-ifc\"}, {\"priority\": 1, \"server_name\": \"" OTHER_AS "\","
		       " \"service_info\": \"other-ifc-2\"}]'");
	assert_non_null(strstr(pnr, "<ServerName>" TOOL_AS "</ServerName>"));
	assert_non_null(strstr(pnr, "<ServiceInfo>tool-ifc</ServiceInfo>"));
	assert_null(strstr(pnr, OTHER_AS));
	assert_null(strstr(pnr, "other-ifc"));
}

/* The DSAI instance subscribed to (tag, Server-Name) with its new value; not the other AS's. */
static void dsai_notification_holds_the_subscribed_tag(void **state)
{
	const char *pnr;

	(void)state;
	pnr = notified(FRANK " DSAI --server-name " TOOL_AS " --dsai-tag presence",
		       "set " FRANK_IMPI " dsai '[{\"server_name\": \"" TOOL_AS "\", \"tag\": \"presence\","
		       " \"value\": \"INACTIVE\"}, {\"server_name\": \"" OTHER_AS "\", \"tag\": \"presence\","
		       " \"value\": \"ACTIVE\"}]'");
	assert_non_null(strstr(pnr, "<DSAI><DSAI-Tag>presence</DSAI-Tag><DSAI-Value>1</DSAI-Value></DSAI>"));
	assert_null(strstr(pnr, "<DSAI-Value>0</DSAI-Value>"));
}

/* Identity-Set implicit: the identities of the watched one's implicit set, not the others. */
static void identity_notification_holds_the_subscribed_set(void **state)
{
	const char *pnr;

	(void)state;
	pnr = notified(FRANK " IMSPublicIdentity --identity-set implicit",
		       "set " FRANK_IMPI " impus '[{\"uri\": \"" FRANK "\", \"implicit_set\": 1},"
		       " {\"uri\": \"" FRANK_TEL "\", \"implicit_set\": 1},"
		       " {\"uri\": \"" FRANK_WORK "\", \"implicit_set\": 2, \"barred\": true}]'");
	assert_non_null(strstr(pnr, "<IMSPublicIdentity>" FRANK "</IMSPublicIdentity>"));
	assert_non_null(strstr(pnr, "<IMSPublicIdentity>" FRANK_TEL "</IMSPublicIdentity>"));
	assert_null(strstr(pnr, FRANK_WORK));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(watch_ends_when_its_identity_is_deleted),
		cmocka_unit_test(watch_ends_when_all_its_repository_data_is_deleted),
		cmocka_unit_test(repository_data_deleted_with_hss_ctl),
		cmocka_unit_test(ifc_notification_holds_only_the_subscribing_as_ifcs),
		cmocka_unit_test(dsai_notification_holds_the_subscribed_tag),
		cmocka_unit_test(identity_notification_holds_the_subscribed_set),
	};
	return cmocka_run_group_tests_name("sh_watch", tests, setup, teardown);
}
