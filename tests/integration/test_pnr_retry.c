/* The HSS holds a PNR its AS cannot get (not connected) and sends it again, built from the data
 * as it is then, once the AS is connected again: for pnr_retry_s at most, one per subscription.
 * The AS is `sh-client watch` on the node "tool.<realm>", killed (SIGKILL: it does not
 * unsubscribe) and started again; this process (libshclient, "as.<realm>") writes the data. A
 * watch started without --send-data prints only PNRs, never its SNR's answer.
 *
 * After a connection broke, freeDiameter takes the next one through REOPEN (watchdog exchanges)
 * before OPEN, and an answer to a request received meanwhile is dropped: the SNR of the watch
 * started again may get no answer. It does not matter here: the killed watch's subscription is
 * still in the store, and the HSS sends PNRs (held or new) only to an OPEN peer. So the watch
 * started again is waited for by its connection, and its exit status is not looked at. */
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
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "sh_lab.h"
#include "spawn.h"
#include "test_responder.h"
#include "tool_run.h"

#define REALM "home.test.localdomain"
#define ERIN "sip:erin@" REALM
#define TOOL "tool." REALM
#define RESPONDER "responder." REALM
#define SI_A "urn:x-test:a"
#define SI_B "urn:x-test:b"
#define WAIT_MS 10000

static struct sh_lab lab;
static char out[65536], errout[8192], log_text[1 << 20];

static const char *store_json =
	"{\"subscribers\": [{\"impi\": \"erin@" REALM "\", \"impus\": [{\"uri\": \"" ERIN "\"}]}],"
	" \"as_permissions\": ["
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\", \"update\"]},"
	"  {\"as_host\": \"" TOOL "\", \"data_reference\": 0, \"operations\": [\"pull\", \"subs-notif\"]}"
	" ]}";

/* Each test runs in a child process with a lab of its own (see main): its HSS configuration, and
 * whether it has the responder (another Sh peer, which failover could pick: only where needed). */
static const char *hss_conf;
static int with_responder;

static int setup(void **state)
{
	(void)state;
	lab.with_tool_node = 1;
	lab.with_responder_node = with_responder;
	return sh_lab_start(&lab, "pnr_retry", REALM, store_json, hss_conf, NULL);
}

static int teardown(void **state)
{
	(void)state;
	return sh_lab_stop(&lab);
}

static size_t occurrences(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static int put_content(void *arg, const char *current, char **new_service_data)
{
	(void)current;
	*new_service_data = strdup(arg);
	return *new_service_data ? 0 : ENOMEM;
}

static void set_repository_data(const char *si, const char *service_data)
{
	struct sh_answer answer;

	assert_int_equal(sh_update_repository_data(lab.client, ERIN, si, put_content, (void *)service_data, 3,
						   &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	sh_answer_clear(&answer);
}

/* sh-client watch of ERIN's repository data under each --si given, on the tool node. */
static struct tool_run run_watch(const char *sis)
{
	char command[2 * PATH_MAX];
	struct tool_run run;

	snprintf(command, sizeof command, "-c '%s' -r " REALM " watch " ERIN " RepositoryData %s",
		 lab.tool->conf_path, sis);
	tool_start(&run, lab.net.dir, "sh-client", command);
	assert_true(run.pid > 0);
	return run;
}

/* A watch, once subscribed. */
static struct tool_run start_watch(const char *sis)
{
	struct tool_run run = run_watch(sis);

	assert_true(file_becomes(run.err_path, "subscribed;", 1, WAIT_MS));
	return run;
}

/* The watch killed without unsubscribing, and the HSS has seen its connection go. */
static void kill_watch(const struct tool_run *run)
{
	assert_int_equal(kill(run->pid, SIGKILL), 0);
	assert_int_equal(spawn_wait(run->pid, 5000), -1);
	assert_true(file_becomes(lab.hss->state_path, TOOL " STATE_OPEN", 0, WAIT_MS));
}

/* The watch started again after kill_watch, once the HSS sees it OPEN (see the top). */
static struct tool_run restart_watch(const char *sis)
{
	struct tool_run run = run_watch(sis);

	assert_true(file_becomes(lab.hss->state_path, TOOL " STATE_OPEN", 1, WAIT_MS));
	return run;
}

/* The watch stopped as a user stops it (it unsubscribes, or its SNR had no answer: see the top);
 * it leaves with a DPR, so that the next connection is OPEN at once. What it printed is in out. */
static void stop_watch(const struct tool_run *run)
{
	assert_int_equal(kill(run->pid, SIGTERM), 0);
	tool_finish(run, out, sizeof out, errout, sizeof errout);
}

/* The watch prints text; stopped, it has printed that one notification and no other. */
static void prints_only(const struct tool_run *watch, const char *text)
{
	assert_true(file_becomes(watch->out_path, text, 1, WAIT_MS));
	stop_watch(watch);
	assert_int_equal(occurrences(out, "<Sh-Data"), 1);
}

/* Until the HSS's log holds text, at most WAIT_MS. */
static int hss_logs(const char *text)
{
	return file_becomes(lab.hss->log_path, text, 1, WAIT_MS);
}

/* A watch of sis started, then killed; then the change of si to data, made while it is away. */
static void change_while_away(const char *sis, const char *si, const char *data)
{
	struct tool_run watch;

	assert_int_equal(sh_lab_settle(&lab), 0);
	watch = start_watch(sis);
	kill_watch(&watch);
	set_repository_data(si, data);
}

/* A new watch of SI_A prints the change made after it started, and nothing else. */
static void only_later_change_printed(void)
{
	struct tool_run watch = restart_watch("--si " SI_A);

	set_repository_data(SI_A, "<A>after</A>");
	prints_only(&watch, "<A>after</A>");
}

/* The change made while the watch was away is printed by the next watch, as a notification. */
static void held_pnr_reaches_the_as_when_it_is_back(void **state)
{
	struct tool_run watch;

	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	change_while_away("--si " SI_A, SI_A, "<A>missed</A>");
	assert_true(hss_logs(TOOL " is not connected: PNR for " ERIN " held"));
	watch = restart_watch("--si " SI_A);
	prints_only(&watch, "<A>missed</A>");
}

/* A PNR sent while the watch is stopped (SIGSTOP: it does not answer) waits for its PNA; the
 * watch then killed, freeDiameter routes the PNR again, to the only Sh peer left (this process),
 * which cannot deliver it either: answered 3002, the HSS holds it, and the next watch gets it. */
static void pnr_answered_unable_to_deliver_is_held(void **state)
{
	struct tool_run watch;

	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	assert_int_equal(sh_lab_settle(&lab), 0);
	watch = start_watch("--si " SI_A);
	assert_int_equal(kill(watch.pid, SIGSTOP), 0);
	set_repository_data(SI_A, "<A>unanswered</A>");
	assert_int_equal(sh_lab_settle(&lab), 0); /* the PNR has left */
	kill_watch(&watch);
	assert_true(hss_logs("PNR to " TOOL " for " ERIN " undelivered: held"));
	watch = restart_watch("--si " SI_A);
	prints_only(&watch, "<A>unanswered</A>");
}

/* A held PNR whose subscription is gone is dropped when its AS is back, as the HSS says, and not
 * sent. The subscription goes with the AS's Subs-Notif permission, which is then given back: a
 * watch refused 5104 would leave at once, before any round saw it OPEN. The next watch subscribes
 * to SI_B only, and stays. */
static void held_pnr_dropped_when_its_subscription_is_gone(void **state)
{
	struct tool_run watch;

	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	set_repository_data(SI_B, "<B>before</B>");
	change_while_away("--si " SI_A, SI_A, "<A>missed</A>");
	assert_true(hss_logs(TOOL " is not connected: PNR for " ERIN " held"));
	assert_int_equal(sh_lab_hss_ctl(&lab, "permit " TOOL " 0 pull"), 0);
	assert_int_equal(sh_lab_hss_ctl(&lab, "permit " TOOL " 0 pull,subs-notif"), 0);
	watch = restart_watch("--si " SI_B);
	assert_true(hss_logs("dropped: the subscription is gone"));
	stop_watch(&watch);
	assert_null(strstr(out, "<A>missed</A>"));
}

/* A one-time subscription ends at the first attempt, even when its AS is away; the PNR held
 * for it is still sent once. The watch subscribes to SI_B only: the store has no subscription to
 * SI_A for it any more, yet the held PNR comes, and a later change of SI_A is not notified (the
 * next one, of SI_B, shows it). */
static void held_pnr_of_a_one_time_subscription_is_sent_once(void **state)
{
	struct store_subscription once = { .impu = ERIN, .as_host = TOOL, .service_indication = SI_A,
					   .one_time = 1 };
	struct tool_run watch;

	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	set_repository_data(SI_B, "<B>before</B>");
	assert_int_equal(sh_lab_settle(&lab), 0);
	assert_int_equal(store_subscription_put(lab.store, &once), 0);
	set_repository_data(SI_A, "<A>once</A>");
	assert_true(hss_logs(TOOL " is not connected: PNR for " ERIN " held"));
	watch = start_watch("--si " SI_B);
	assert_true(file_becomes(watch.out_path, "<A>once</A>", 1, WAIT_MS));
	set_repository_data(SI_A, "<A>later</A>");
	set_repository_data(SI_B, "<B>after</B>");
	assert_true(file_becomes(watch.out_path, "<B>after</B>", 1, WAIT_MS));
	stop_watch(&watch);
	assert_int_equal(occurrences(out, "<Sh-Data"), 2);
	assert_null(strstr(out, "<A>later</A>"));
}

/* Three changes while the watch is away: one PNR, with the data as the last one left it. The
 * held PNRs leave in the first round that finds the AS OPEN, before the PNR of any later change
 * (and the watch answers the unsubscription after them): the PNR of the next change, under
 * another Service-Indication, shows that no other came. */
static void held_pnrs_of_one_subscription_coalesce(void **state)
{
	struct tool_run watch;

	(void)state;
	set_repository_data(SI_A, "<A>0</A>");
	set_repository_data(SI_B, "<B>0</B>");
	change_while_away("--si " SI_A " --si " SI_B, SI_A, "<A>1</A>");
	set_repository_data(SI_A, "<A>2</A>");
	set_repository_data(SI_A, "<A>3</A>");
	assert_true(hss_logs("dropped: a newer change replaces it"));
	assert_int_equal(sh_lab_settle(&lab), 0);
	watch = restart_watch("--si " SI_A " --si " SI_B);
	set_repository_data(SI_B, "<B>after</B>");
	assert_true(file_becomes(watch.out_path, "<A>3</A>", 1, WAIT_MS));
	assert_true(file_becomes(watch.out_path, "<B>after</B>", 1, WAIT_MS));
	stop_watch(&watch);
	assert_int_equal(occurrences(out, "<Sh-Data"), 2);
	assert_int_equal(occurrences(out, "<A>3</A>"), 1);
}

/* Until the responder has logged n answers to PNRs with this code, at most WAIT_MS: 1, or 0. */
static int responder_answered(const char *code, size_t n)
{
	char line[64];

	snprintf(line, sizeof line, TEST_RESPONDER_PNR_LOG "%s\n", code);
	for (int waited = 0; waited <= WAIT_MS; waited += 20, usleep(20000)) {
		read_text_file(lab.responder->log_path, log_text, sizeof log_text);
		if (occurrences(log_text, line) >= n)
			return 1;
	}
	return 0;
}

/* 3002 from the AS itself is its answer, not a failure to deliver: the PNR is not held. Held, it
 * would be sent again at every round while the AS is connected, rebuilt from the same data, and
 * answered 3002 again. The AS is test_responder, subscribed in the store to SI_A and SI_B; it
 * answers 3002 to the change of SI_A. Once the notifier has handled the log (sh_lab_settle: a
 * second or so, twenty rounds), a change of SI_B is answered 2001, and the 3002 was the only one. */
static void pnr_answered_3002_by_the_as_itself_is_not_held(void **state)
{
	struct store_subscription a = { .impu = ERIN, .as_host = RESPONDER, .service_indication = SI_A };
	struct store_subscription b = { .impu = ERIN, .as_host = RESPONDER, .service_indication = SI_B };

	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	set_repository_data(SI_B, "<B>before</B>");
	assert_int_equal(sh_lab_settle(&lab), 0);
	assert_int_equal(store_subscription_put(lab.store, &a), 0);
	assert_int_equal(store_subscription_put(lab.store, &b), 0);
	set_repository_data(SI_A, "<A>" TEST_RESPONDER_UNDELIVERABLE "</A>");
	assert_true(responder_answered("3002", 1));
	assert_int_equal(sh_lab_settle(&lab), 0);
	set_repository_data(SI_B, "<B>after</B>");
	assert_true(responder_answered("2001", 1));
	assert_int_equal(occurrences(log_text, TEST_RESPONDER_PNR_LOG), 2);
	read_text_file(lab.hss->log_path, log_text, sizeof log_text);
	assert_null(strstr(log_text, "undelivered: held"));
}

/* A PNR still held when the HSS stops is freed with the notifier (the sanitized suite checks the
 * HSS's exit). */
static void pnr_held_when_the_hss_stops(void **state)
{
	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	change_while_away("--si " SI_A, SI_A, "<A>missed</A>");
	assert_true(hss_logs(TOOL " is not connected: PNR for " ERIN " held"));
}

/* A subscription that expires while its PNR is held: the PNR is dropped when the AS is back, as
 * the HSS says, and the AS's watch prints only what changed after it subscribed again. The AS had
 * never connected, so its SNR is answered: the change is made once it has subscribed (the expired
 * subscription would not be notified of it). */
static void held_pnr_dropped_when_its_subscription_expired(void **state)
{
	struct store_subscription sub = { .impu = ERIN, .as_host = TOOL, .service_indication = SI_A,
					  .expiry = time(NULL) + 2 };
	struct tool_run watch;

	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	assert_int_equal(sh_lab_settle(&lab), 0);
	assert_int_equal(store_subscription_put(lab.store, &sub), 0);
	set_repository_data(SI_A, "<A>stale</A>");
	assert_true(hss_logs(TOOL " is not connected: PNR for " ERIN " held"));
	while (time(NULL) <= sub.expiry)
		usleep(100000);
	watch = start_watch("--si " SI_A);
	assert_true(hss_logs("dropped: the subscription expired"));
	set_repository_data(SI_A, "<A>after</A>");
	prints_only(&watch, "<A>after</A>");
	assert_null(strstr(out, "<A>stale</A>"));
}

/* pnr_retry_s = 0: the PNR is given up at once, as the HSS says. */
static void nothing_held_when_retry_is_off(void **state)
{
	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	change_while_away("--si " SI_A, SI_A, "<A>missed</A>");
	assert_true(hss_logs(TOOL " is not connected: no PNR for " ERIN));
	only_later_change_printed();
	assert_null(strstr(out, "<A>missed</A>"));
}

/* pnr_retry_s = 1: a PNR held longer is dropped, as the HSS says. */
static void held_pnr_dropped_after_pnr_retry_s(void **state)
{
	(void)state;
	set_repository_data(SI_A, "<A>before</A>");
	change_while_away("--si " SI_A, SI_A, "<A>stale</A>");
	assert_true(hss_logs("dropped: its AS was away too long"));
	only_later_change_printed();
	assert_null(strstr(out, "<A>stale</A>"));
}

/* A test and its lab: the HSS configuration, the responder or not. */
struct lab_test {
	const char *name;
	CMUnitTestFunction body;
	const char *hss_conf;
	int with_responder;
};

/* A process embeds one freeDiameter node at most (libshclient), and the HSS reads its
 * configuration once: each test runs in a child, with a lab of its own. */
static void in_child(void **state)
{
	const struct lab_test *t = *state;
	const struct CMUnitTest one[] = { { t->name, t->body, NULL, NULL, NULL } };
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		hss_conf = t->hss_conf;
		with_responder = t->with_responder;
		exit(_cmocka_run_group_tests(t->name, one, 1, setup, teardown) ? 1 : 0);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

#define FAST_NOTIFY "notify_interval_ms = 50\n"
#define LAB_TEST(body, hss_conf) { #body, body, hss_conf, 0 }

static struct lab_test lab_tests[] = {
	LAB_TEST(held_pnr_reaches_the_as_when_it_is_back, FAST_NOTIFY),
	LAB_TEST(pnr_answered_unable_to_deliver_is_held, FAST_NOTIFY),
	{ "pnr_answered_3002_by_the_as_itself_is_not_held", pnr_answered_3002_by_the_as_itself_is_not_held,
	  FAST_NOTIFY, 1 },
	LAB_TEST(held_pnr_dropped_when_its_subscription_is_gone, FAST_NOTIFY),
	LAB_TEST(held_pnr_dropped_when_its_subscription_expired, FAST_NOTIFY),
	LAB_TEST(held_pnr_of_a_one_time_subscription_is_sent_once, FAST_NOTIFY),
	LAB_TEST(held_pnrs_of_one_subscription_coalesce, FAST_NOTIFY),
	LAB_TEST(pnr_held_when_the_hss_stops, FAST_NOTIFY),
	LAB_TEST(nothing_held_when_retry_is_off, FAST_NOTIFY "pnr_retry_s = 0\n"),
	LAB_TEST(held_pnr_dropped_after_pnr_retry_s, FAST_NOTIFY "pnr_retry_s = 1\n"),
};

int main(void)
{
	struct CMUnitTest tests[sizeof lab_tests / sizeof lab_tests[0]];

	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++)
		tests[i] = (struct CMUnitTest){ .name = lab_tests[i].name, .test_func = in_child,
						.initial_state = &lab_tests[i] };
	return cmocka_run_group_tests_name("pnr_retry", tests, NULL, NULL);
}
