/* libshclient and the sh-client tool against a freeDiameterd daemon answering Sh with
 * test_responder.fdx: this test process is the embedded client (sh_client_open on the
 * configuration fdnet writes for it), the tool runs as a child process on a node of its own.
 *
 * Covered: UDR/PUR/SNR synchronous and asynchronous with the responder's data parsed, the
 * timeout of an unanswered request, an answer the dictionary rejects, PNRs (test_responder sends
 * one after an SNR asking for the data) reaching the callback and the chosen result reaching the
 * daemon, the update helper, closing with a request pending, and the tool's output and exit
 * statuses. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include <pthread.h>
#include <semaphore.h>

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "fdnet.h"
#include "sh_sample.h"
#include "shclient.h"
#include "spawn.h"
#include "test_responder.h"
#include "tool_run.h"

#define REALM "test.localdomain"
#define IMPU "sip:alice@" REALM
#define MSISDN "491720000001"
#define TIMEOUT_MS 2000
#define WAIT_S 15 /* for callbacks and log lines */

static struct fdnet net;
static struct fdnet_node *hss, *as, *cli, *bare;
static struct sh_client *client;

static int setup(void **state)
{
	char err[SH_ERR_LEN];
	struct sh_client_config config = { .dest_realm = REALM, .timeout_ms = TIMEOUT_MS, .open_timeout_ms = 30000 };
	int ret;

	(void)state;
	if (fdnet_init(&net, "shclient"))
		return -1;
	hss = fdnet_add(&net, "hss", REALM);
	as = fdnet_add_embedded(&net, "as", REALM);  /* this process */
	cli = fdnet_add_embedded(&net, "cli", REALM); /* the sh-client runs */
	bare = fdnet_add_embedded(&net, "bare", REALM); /* no dictionary, no peer */
	if (!hss || !as || !cli || !bare)
		return -1;
	fdnet_load_dictionaries(hss);
	fdnet_load(hss, fdnet_test_fdx("test_responder"), NULL);
	fdnet_load_dictionaries(as);
	fdnet_load_dictionaries(cli);
	fdnet_link(&net, as, hss);
	fdnet_link(&net, cli, hss);
	if (fdnet_start(&net))
		return -1;
	fd_g_debug_lvl = FD_LOG_ERROR;
	config.fd_config = as->conf_path;
	if ((ret = sh_client_open(&config, &client, err, sizeof err))) {
		fprintf(stderr, "sh_client_open: %s (%d)\n", err, ret);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sh_client_close(client); /* NULL when the last test closed it */
	return fdnet_stop(&net);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int wait_for_log(const struct fdnet_node *node, const char *text)
{
	return file_becomes(node->log_path, text, 1, WAIT_S * 1000);
}

static void sem_wait_s(sem_t *sem, int seconds)
{
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += seconds;
	assert_int_equal(sem_timedwait(sem, &until), 0);
}

static const char *const test_service[] = { "test-service" };
static const char *const silent[] = { TEST_RESPONDER_SILENT_SI };
static const char *const bad_answer[] = { TEST_RESPONDER_BAD_ANSWER_SI };

/* A request of repository data under one Service-Indication. */
static struct sh_request repository_request(const char *const *si)
{
	return sh_sample_repository_request(IMPU, si);
}

/* TEST_RESPONDER_SH_DATA, parsed. */
static void assert_responder_data(const struct sh_answer *answer)
{
	assert_non_null(answer->user_data);
	assert_int_equal(answer->user_data_len, strlen(TEST_RESPONDER_SH_DATA));
	assert_string_equal(answer->user_data, TEST_RESPONDER_SH_DATA);
	assert_non_null(answer->data);
	assert_int_equal(answer->data->n_repository_data, 1);
	assert_string_equal(answer->data->repository_data[0].service_indication, "test-service");
	assert_int_equal(answer->data->repository_data[0].sequence_number, 1);
	assert_null(answer->data->repository_data[0].service_data);
}

static void udr_returns_the_user_data(void **state)
{
	struct sh_request r = repository_request(test_service);
	struct sh_answer answer;

	(void)state;
	assert_int_equal(sh_udr(client, &r, &answer), 0);
	assert_int_equal(answer.result_code, SH_SUCCESS);
	assert_int_equal(answer.experimental_result, 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_null(answer.error_message);
	assert_int_equal(answer.failed_avp_code, 0);
	assert_responder_data(&answer);
	sh_answer_clear(&answer);
	assert_null(answer.user_data);
}

/* MSISDN identities go TBCD-encoded: the responder's dictionary accepts them. */
static void udr_by_msisdn(void **state)
{
	static const int user_state[] = { SH_DR_IMS_USER_STATE, SH_DR_MSISDN };
	struct sh_request r;
	struct sh_answer answer;

	(void)state;
	sh_request_init(&r);
	r.identity_kind = SH_ID_MSISDN;
	r.identity = MSISDN;
	r.data_references = user_state;
	r.n_data_references = 2;
	r.requested_domain = 1;
	r.identity_set = 0;
	r.user_name = "alice@" REALM;
	assert_int_equal(sh_udr(client, &r, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	sh_answer_clear(&answer);
}

static void pur_returns_the_repository_data_id(void **state)
{
	struct sh_request r = repository_request(test_service);
	struct sh_answer answer;
	char *xml = NULL;
	size_t len;

	(void)state;
	assert_int_equal(sh_repository_data_xml("test-service", 0, "<P xmlns=\"urn:x-test\">1</P>", &xml, &len), 0);
	r.user_data = xml;
	r.user_data_len = len;
	assert_int_equal(sh_pur(client, &r, &answer), 0);
	free(xml);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_true(answer.has_repository_data_id);
	assert_string_equal(answer.repository_service_indication, "test-service");
	assert_int_equal(answer.repository_sequence_number, 1);
	sh_answer_clear(&answer);
}

static void snr_returns_the_expiry_time(void **state)
{
	struct sh_request r = repository_request(test_service);
	struct sh_answer answer;

	(void)state;
	r.expiry_time = time(NULL) + 600;
	assert_int_equal(sh_snr(client, &r, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_true(answer.expiry_time > time(NULL));
	assert_null(answer.user_data); /* not asked for */
	sh_answer_clear(&answer);
}

/* Callbacks of asynchronous requests, counted. */
struct tally {
	pthread_mutex_t lock;
	int calls, successes, timeouts, other;
	sem_t each;
};

static void count_answer(void *arg, int status, struct sh_answer *answer)
{
	struct tally *t = arg;

	pthread_mutex_lock(&t->lock);
	t->calls++;
	if (status == ETIMEDOUT)
		t->timeouts++;
	else if (!status && sh_answer_code(answer) == SH_SUCCESS &&
		 (answer->user_data || answer->has_repository_data_id || answer->expiry_time))
		t->successes++;
	else
		t->other++;
	pthread_mutex_unlock(&t->lock);
	sem_post(&t->each);
}

static void tally_init(struct tally *t)
{
	memset(t, 0, sizeof *t);
	pthread_mutex_init(&t->lock, NULL);
	sem_init(&t->each, 0, 0);
}

static void tally_destroy(struct tally *t)
{
	pthread_mutex_destroy(&t->lock);
	sem_destroy(&t->each);
}

static void async_requests_call_back_once_each(void **state)
{
	struct sh_request r = repository_request(test_service);
	struct tally t;
	char *xml = NULL;
	size_t len;
	const int rounds = 10;

	(void)state;
	tally_init(&t);
	assert_int_equal(sh_repository_data_xml("test-service", 2, NULL, &xml, &len), 0);
	r.user_data = xml;
	r.user_data_len = len;
	for (int i = 0; i < rounds; i++) {
		assert_int_equal(sh_udr_async(client, &r, count_answer, &t), 0);
		assert_int_equal(sh_pur_async(client, &r, count_answer, &t), 0);
		assert_int_equal(sh_snr_async(client, &r, count_answer, &t), 0);
	}
	free(xml);
	for (int i = 0; i < 3 * rounds; i++)
		sem_wait_s(&t.each, WAIT_S);
	usleep(300000); /* room for a second call, which must not come */
	assert_int_equal(t.calls, 3 * rounds);
	assert_int_equal(t.successes, 3 * rounds);
	tally_destroy(&t);
}

static void invalid_requests_are_refused_before_sending(void **state)
{
	struct sh_request r = repository_request(test_service);
	struct sh_answer answer;
	struct tally t;

	(void)state;
	tally_init(&t);
	r.n_service_indications = 0; /* RepositoryData without Service-Indication */
	assert_int_equal(sh_udr(client, &r, &answer), EINVAL);
	assert_int_equal(sh_udr_async(client, &r, count_answer, &t), EINVAL);
	r = repository_request(test_service);
	assert_int_equal(sh_pur(client, &r, &answer), EINVAL); /* no User-Data */
	assert_int_equal(sh_snr_async(client, &r, NULL, NULL), EINVAL);
	usleep(100000);
	assert_int_equal(t.calls, 0);
	tally_destroy(&t);
}

/* test_responder does not answer TEST_RESPONDER_SILENT_SI: the expiry timer ends the request. */
static void unanswered_request_times_out(void **state)
{
	struct sh_request r = repository_request(silent);
	struct sh_answer answer;
	long start = now_ms(), elapsed;

	(void)state;
	assert_int_equal(sh_udr(client, &r, &answer), ETIMEDOUT);
	elapsed = now_ms() - start;
	print_message("timed out after %ld ms\n", elapsed);
	assert_true(elapsed >= TIMEOUT_MS - 50);
	assert_true(elapsed < TIMEOUT_MS + 1500);
	assert_int_equal(sh_answer_code(&answer), 0);
	assert_null(answer.user_data);
}

static void unanswered_async_request_times_out_once(void **state)
{
	struct sh_request r = repository_request(silent);
	struct tally t;

	(void)state;
	tally_init(&t);
	assert_int_equal(sh_snr_async(client, &r, count_answer, &t), 0);
	sem_wait_s(&t.each, WAIT_S);
	usleep(300000);
	assert_int_equal(t.calls, 1);
	assert_int_equal(t.timeouts, 1);
	tally_destroy(&t);
}

/* An answer matched to its request, then dropped by the stack because it cannot be parsed (an
 * M-bit AVP our dictionary lacks), gets neither the answer nor the expiry callback from
 * freeDiameter: the request still ends, at once, with EBADMSG. */
static void answer_dropped_by_the_stack_ends_the_request(void **state)
{
	struct sh_request r = repository_request(bad_answer);
	struct sh_answer answer;
	long start = now_ms();

	(void)state;
	assert_int_equal(sh_udr(client, &r, &answer), EBADMSG);
	assert_true(now_ms() - start < TIMEOUT_MS);
	assert_null(answer.user_data);
}

/* What the PNR callback saw; it answers with 'reply'. */
static struct {
	sem_t seen;
	uint32_t reply;
	char public_identity[128], msisdn[32], user_data[512];
	int parsed;
} pnr;

static uint32_t on_pnr(void *arg, const struct sh_notification *n)
{
	(void)arg;
	snprintf(pnr.public_identity, sizeof pnr.public_identity, "%s", n->public_identity ? n->public_identity : "");
	snprintf(pnr.msisdn, sizeof pnr.msisdn, "%s", n->msisdn ? n->msisdn : "");
	snprintf(pnr.user_data, sizeof pnr.user_data, "%.*s", (int)n->user_data_len, n->user_data);
	pnr.parsed = n->data && n->data->n_repository_data == 1;
	sem_post(&pnr.seen);
	return pnr.reply;
}

/* SNR asking for the data: the SNA carries it, then test_responder sends a PNR to us. */
static void trigger_pnr(enum sh_identity_kind kind, const char *identity, uint32_t reply)
{
	struct sh_request r = repository_request(test_service);
	struct sh_answer answer;

	memset(&pnr, 0, sizeof pnr);
	sem_init(&pnr.seen, 0, 0);
	pnr.reply = reply;
	sh_client_on_pnr(client, on_pnr, NULL);
	r.identity_kind = kind;
	r.identity = identity;
	r.send_data_indication = 1;
	assert_int_equal(sh_snr(client, &r, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_responder_data(&answer);
	sh_answer_clear(&answer);
	sem_wait_s(&pnr.seen, WAIT_S);
	sem_destroy(&pnr.seen);
}

static void pnr_reaches_the_callback_and_2001_the_hss(void **state)
{
	(void)state;
	trigger_pnr(SH_ID_PUBLIC_IDENTITY, IMPU, SH_SUCCESS);
	assert_string_equal(pnr.public_identity, IMPU);
	assert_string_equal(pnr.msisdn, "");
	assert_string_equal(pnr.user_data, TEST_RESPONDER_PNR_SH_DATA);
	assert_true(pnr.parsed);
	assert_true(wait_for_log(hss, TEST_RESPONDER_PNA_LOG "as." REALM ": Result-Code 2001"));
}

static void pnr_answer_carries_a_3gpp_result(void **state)
{
	(void)state;
	trigger_pnr(SH_ID_MSISDN, MSISDN, SH_ERROR_NO_SUBSCRIPTION_TO_DATA);
	assert_string_equal(pnr.public_identity, "");
	assert_string_equal(pnr.msisdn, MSISDN);
	assert_true(wait_for_log(hss, TEST_RESPONDER_PNA_LOG "as." REALM ": Experimental-Result 5107"));
}

/* A base protocol code is no PNA result: the application gets DIAMETER_UNABLE_TO_COMPLY. */
static void pnr_answer_turns_base_codes_into_5012(void **state)
{
	(void)state;
	trigger_pnr(SH_ID_PUBLIC_IDENTITY, IMPU, 3004);
	assert_true(wait_for_log(hss, TEST_RESPONDER_PNA_LOG "as." REALM ": Result-Code 5012"));
	sh_client_on_pnr(client, NULL, NULL);
}

static char seen_service_data[64];

static int write_profile(void *arg, const char *current, char **new_service_data)
{
	snprintf(seen_service_data, sizeof seen_service_data, "%s", current ? current : "(none)");
	*new_service_data = strdup(arg);
	return 0;
}

/* test_responder holds test-service with Sequence-Number 1 and no ServiceData. */
static void update_helper_reads_then_writes(void **state)
{
	struct sh_answer answer;

	(void)state;
	assert_int_equal(sh_update_repository_data(client, IMPU, "test-service", write_profile,
						   "<P xmlns=\"urn:x-test\">2</P>", 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_string_equal(seen_service_data, "(none)");
	assert_true(answer.has_repository_data_id); /* the PUA */
	sh_answer_clear(&answer);
}

static void data_reference_names_come_from_the_dictionary(void **state)
{
	int value = -1;

	(void)state;
	assert_int_equal(sh_data_reference_value("IMSUserState", &value), 0);
	assert_int_equal(value, SH_DR_IMS_USER_STATE);
	assert_int_equal(sh_data_reference_value("RepositoryData", &value), 0);
	assert_int_equal(value, SH_DR_REPOSITORY_DATA);
	assert_int_equal(sh_data_reference_value("NoSuchData", &value), ENOENT);
}

static void one_client_per_process(void **state)
{
	struct sh_client_config config = { .fd_config = as->conf_path, .dest_realm = REALM };
	struct sh_client *second = NULL;
	char err[SH_ERR_LEN];

	(void)state;
	assert_int_equal(sh_client_open(&config, &second, err, sizeof err), EALREADY);
	assert_null(second);
}

/* ---- the sh-client tool ---------------------------------------------------------------------- */

static char out[65536], errout[8192];

/* Start sh-client on node with these arguments (after -c and -r). */
static struct tool_run start_tool(const struct fdnet_node *node, const char *args)
{
	char command[4 * PATH_MAX];
	struct tool_run run;

	snprintf(command, sizeof command, "-c '%s' -r " REALM " %s", node->conf_path, args);
	tool_start(&run, net.dir, "sh-client", command);
	return run;
}

/* Wait for the tool: its exit status, its output in out and errout. */
static int finish_tool(const struct tool_run *run)
{
	int status;

	assert_true(run->pid > 0);
	status = tool_finish(run, out, sizeof out, errout, sizeof errout);
	assert_true(status >= 0);
	return status;
}

static int tool(const struct fdnet_node *node, const char *args)
{
	struct tool_run run = start_tool(node, args);
	return finish_tool(&run);
}

static void tool_prints_the_user_data(void **state)
{
	(void)state;
	assert_int_equal(tool(cli, "udr " IMPU " RepositoryData --si test-service"), 0);
	assert_string_equal(out, TEST_RESPONDER_SH_DATA "\n");
	assert_string_equal(errout, "");
}

static void tool_prints_json(void **state)
{
	json_t *answer, *item;

	(void)state;
	assert_int_equal(tool(cli, "--json udr " MSISDN " 0 --si test-service"), 0);
	assert_non_null(answer = json_loads(out, 0, NULL));
	assert_int_equal(json_integer_value(json_object_get(answer, "result_code")), 2001);
	assert_true(json_is_null(json_object_get(answer, "experimental_result")));
	item = json_array_get(json_object_get(json_object_get(answer, "sh_data"), "repository_data"), 0);
	assert_string_equal(json_string_value(json_object_get(item, "service_indication")), "test-service");
	assert_int_equal(json_integer_value(json_object_get(item, "sequence_number")), 1);
	json_decref(answer);
}

static void tool_writes_and_deletes_repository_data(void **state)
{
	char path[PATH_MAX], args[PATH_MAX + 128];
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/profile.xml", net.dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("<P xmlns=\"urn:x-test\">3</P>\n", f);
	fclose(f);
	snprintf(args, sizeof args, "--json pur " IMPU " --si test-service --data '%s' --seq 0", path);
	assert_int_equal(tool(cli, args), 0);
	assert_non_null(strstr(out, "\"repository_data_id\""));
	snprintf(args, sizeof args, "pur " IMPU " --si test-service --data '%s' --auto", path);
	assert_int_equal(tool(cli, args), 0);
	assert_int_equal(tool(cli, "pur " IMPU " --si test-service --delete"), 0);
}

/* Several --si: one PUR of several RepositoryData (Update-Eff), the i-th --si with the i-th
 * --data or --delete and --seq; the pairing is checked before anything is sent. */
static void tool_writes_several_items(void **state)
{
	char path[PATH_MAX], args[2 * PATH_MAX + 128];

	(void)state;
	snprintf(path, sizeof path, "%s/item.xml", net.dir);
	assert_int_equal(write_text_file(path, "<P xmlns=\"urn:x-test\">1</P>\n"), 0);
	snprintf(args, sizeof args, "pur " IMPU " --si a --data '%s' --seq 0 --si b --delete --seq 4", path);
	assert_int_equal(tool(cli, args), 0);
	snprintf(args, sizeof args, "pur " IMPU " --si a --data '%s' --si b --delete", path);
	assert_int_equal(tool(cli, args), 2);
	assert_non_null(strstr(errout, "a --seq each"));
	snprintf(args, sizeof args, "pur " IMPU " --si a --si b --data '%s' --seq 0 --seq 1", path);
	assert_int_equal(tool(cli, args), 2);
	assert_non_null(strstr(errout, "each --si needs its --data"));
	snprintf(args, sizeof args, "pur " IMPU " --si a --data '%s' --seq 0 --auto", path);
	assert_int_equal(tool(cli, args), 2);
}

static void tool_subscribes_with_the_data(void **state)
{
	(void)state;
	assert_int_equal(tool(cli, "--json snr " IMPU " 0 --si test-service --expiry 60 --send-data"), 0);
	assert_non_null(strstr(out, "\"expiry_time\""));
	assert_non_null(strstr(out, "\"sh_data\""));
}

static void tool_watch_prints_notifications(void **state)
{
	json_t *line;
	char *second;

	(void)state;
	assert_int_equal(tool(cli, "--json watch " IMPU " 0 --si test-service --send-data --count 1"), 0);
	/* Two lines, in either order: the SNA's current data and the PNR. */
	assert_non_null(second = strchr(out, '\n'));
	assert_non_null(strstr(out, "\"event\":\"current\""));
	assert_non_null(strstr(out, "\"event\":\"notification\""));
	assert_non_null(line = json_loadb(out, (size_t)(second - out), 0, NULL));
	json_decref(line);
	assert_non_null(line = json_loads(second + 1, 0, NULL));
	json_decref(line);
	assert_non_null(strstr(errout, "unsubscribed after 1 notification(s)"));
	assert_true(wait_for_log(hss, TEST_RESPONDER_PNA_LOG "cli." REALM ": Result-Code 2001"));
}

static void tool_watch_stops_on_sigint(void **state)
{
	struct tool_run run;

	(void)state;
	run = start_tool(cli, "watch " IMPU " IMSUserState");
	assert_true(file_becomes(run.err_path, "subscribed;", 1, WAIT_S * 1000));
	kill(run.pid, SIGINT);
	assert_int_equal(finish_tool(&run), 0);
	assert_non_null(strstr(errout, "unsubscribed after 0 notification(s)"));
}

static void tool_bench_reports_rate_and_latency(void **state)
{
	json_t *report;

	(void)state;
	assert_int_equal(tool(cli, "--json bench udr " IMPU " --si test-service -n 300 -w 10"), 0);
	assert_non_null(report = json_loads(out, 0, NULL));
	assert_int_equal(json_integer_value(json_object_get(report, "success")), 300);
	assert_true(json_real_value(json_object_get(report, "rate")) > 0);
	assert_true(json_real_value(json_object_get(json_object_get(report, "latency_ms"), "max")) > 0);
	json_decref(report);
	assert_int_equal(tool(cli, "bench pur " IMPU " --si bench -n 100 -w 4 --size 200"), 0);
	assert_non_null(strstr(out, "100 DIAMETER_SUCCESS"));
	assert_non_null(strstr(out, "latency ms: p50"));
}

static void tool_exit_statuses(void **state)
{
	(void)state;
	/* 1: another result (the daemon cannot reach that host), with its code on stderr */
	assert_int_equal(tool(cli, "-H nowhere." REALM " udr " IMPU " 0 --si test-service"), 1);
	assert_non_null(strstr(errout, "3002 DIAMETER_UNABLE_TO_DELIVER"));
	/* 2: usage */
	assert_int_equal(tool(cli, "udr " IMPU " 0"), 2);
	assert_non_null(strstr(errout, "Service-Indication"));
	assert_int_equal(tool(cli, "udr not-an-identity 0"), 2);
	assert_int_equal(tool(cli, "frobnicate"), 2);
	/* the read-modify-write of --auto sends the identity only: User-Name is refused, not dropped */
	assert_int_equal(tool(cli, "pur " IMPU " --si test-service --delete --user-name x@" REALM), 2);
	assert_non_null(strstr(errout, "--user-name and --server-name need --seq"));
	/* 3: no answer in time, no route */
	assert_int_equal(tool(cli, "-t 1000 udr " IMPU " 0 --si " TEST_RESPONDER_SILENT_SI), 3);
	assert_non_null(strstr(errout, "no answer within 1000 ms"));
	assert_int_equal(tool(cli, "-r nowhere.invalid udr " IMPU " 0 --si test-service"), 3);
	assert_non_null(strstr(errout, "no peer"));
	/* 4: dict_sh not loaded */
	assert_int_equal(tool(bare, "udr " IMPU " 0 --si test-service"), 4);
	assert_non_null(strstr(errout, "dict_sh"));
	/* help */
	assert_int_equal(tool(cli, "--help"), 0);
	assert_non_null(strstr(out, "Exit status"));
	assert_int_equal(tool(cli, "bench --help"), 0);
}

/* Last: closing waits for a pending request, which ends through its expiry. */
static void close_waits_for_pending_requests(void **state)
{
	struct sh_request r = repository_request(silent);
	struct tally t;

	(void)state;
	tally_init(&t);
	assert_int_equal(sh_udr_async(client, &r, count_answer, &t), 0);
	sh_client_close(client);
	client = NULL;
	assert_int_equal(t.calls, 1);
	assert_int_equal(t.timeouts, 1);
	tally_destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(udr_returns_the_user_data),
		cmocka_unit_test(udr_by_msisdn),
		cmocka_unit_test(pur_returns_the_repository_data_id),
		cmocka_unit_test(snr_returns_the_expiry_time),
		cmocka_unit_test(async_requests_call_back_once_each),
		cmocka_unit_test(invalid_requests_are_refused_before_sending),
		cmocka_unit_test(unanswered_request_times_out),
		cmocka_unit_test(unanswered_async_request_times_out_once),
		cmocka_unit_test(answer_dropped_by_the_stack_ends_the_request),
		cmocka_unit_test(pnr_reaches_the_callback_and_2001_the_hss),
		cmocka_unit_test(pnr_answer_carries_a_3gpp_result),
		cmocka_unit_test(pnr_answer_turns_base_codes_into_5012),
		cmocka_unit_test(update_helper_reads_then_writes),
		cmocka_unit_test(data_reference_names_come_from_the_dictionary),
		cmocka_unit_test(one_client_per_process),
		cmocka_unit_test(tool_prints_the_user_data),
		cmocka_unit_test(tool_prints_json),
		cmocka_unit_test(tool_writes_and_deletes_repository_data),
		cmocka_unit_test(tool_writes_several_items),
		cmocka_unit_test(tool_subscribes_with_the_data),
		cmocka_unit_test(tool_watch_prints_notifications),
		cmocka_unit_test(tool_watch_stops_on_sigint),
		cmocka_unit_test(tool_bench_reports_rate_and_latency),
		cmocka_unit_test(tool_exit_statuses),
		cmocka_unit_test(close_waits_for_pending_requests),
	};
	return cmocka_run_group_tests_name("shclient", tests, setup, teardown);
}
