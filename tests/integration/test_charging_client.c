/* libcharging and charging-client against the real servers: app_ocs.fdx (Ro) in a freeDiameterd
 * daemon of the OCS realm, and two app_cdf.fdx daemons (Rf) in the CDF realm, each with its LMDB
 * store. This test process is the AS: its embedded libfdcore carries two attached clients, one
 * towards each realm; the charging-client tool runs as a child process on a node of its own.
 *
 * Covered: an Rf event and a start / interim / stop session stored with the right record numbers
 * and the Service-Information read back equal from the CDF's store; Ro initial / update /
 * termination and each event action with the balance read from the OCS store afterwards, 4012 and
 * 5030; a session used out of order; timeouts and no peer; the failover of an ACR, whose copy
 * stored by the other CDF carries the T flag; the tool's exit statuses and JSON. */
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

#include "cdrstore.h"
#include "charging_internal.h"
#include "charging_sample.h"
#include "fdnet.h"
#include "ocsstore.h"
#include "spawn.h"
#include "tool_run.h"

#define AS_REALM "as.test.localdomain"
#define OCS_REALM "ocs.test.localdomain"
#define CDF_REALM "cdf.test.localdomain"
#define FAILOVER_TRIES 10
#define TIMEOUT_MS 3000
#define SHORT_TIMEOUT_MS 700

/* The rating table: service 1 at 0.25 an event; rating group 10 at 2 cents a second, 60 s a grant,
 * valid 30 s. */
static const char rating[] = "rating = si:1 event 25 1 0\n"
			     "rating = rg:10 time 2 60 30\n";

/* Accounts: alice 100.00 EUR, bob 0.10 EUR. */
#define ALICE "15550000001"
#define BOB "15550000002"
static const struct ocs_subscription alice = { OCS_ID_E164, ALICE };
static const struct ocs_subscription bob = { OCS_ID_E164, BOB };

static struct fdnet net;
static struct fdnet_node *ocs, *cdf[2], *as, *cli;
static struct ocs_store *ocs_store;
static char ocs_dir[PATH_MAX], cdf_dir[2][PATH_MAX];
static struct chg_client *ro, *rf;

/* ---- set-up ------------------------------------------------------------------------------------ */

static int provision_ocs(void)
{
	struct ocs_currency eur;
	char conf[PATH_MAX], text[2 * PATH_MAX];

	snprintf(ocs_dir, sizeof ocs_dir, "%s/ocs-store", net.dir);
	if (ocs_store_open(ocs_dir, 1, &ocs_store) || ocs_currency_find("EUR", &eur) ||
	    ocs_account_create(ocs_store, &alice, &eur, 10000) || ocs_account_create(ocs_store, &bob, &eur, 10))
		return -1;
	snprintf(conf, sizeof conf, "%s/app_ocs.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\ncurrency = EUR\n%s", ocs_dir, rating);
	if (write_text_file(conf, text) || !(ocs = fdnet_add(&net, "ocs", OCS_REALM)))
		return -1;
	fdnet_load_charging_dictionaries(ocs);
	fdnet_load(ocs, fdnet_fdx("app_ocs"), conf);
	return 0;
}

/* Two CDFs of one realm, each with its store. */
static int add_cdfs(void)
{
	char conf[PATH_MAX], text[2 * PATH_MAX], name[16];

	for (int i = 0; i < 2; i++) {
		snprintf(name, sizeof name, "cdf%d", i + 1);
		snprintf(cdf_dir[i], sizeof cdf_dir[i], "%s/%s-store", net.dir, name);
		snprintf(conf, sizeof conf, "%s/app_%s.conf", net.dir, name);
		snprintf(text, sizeof text, "store = %s\n", cdf_dir[i]);
		if (write_text_file(conf, text) || !(cdf[i] = fdnet_add(&net, name, CDF_REALM)))
			return -1;
		fdnet_load_charging_dictionaries(cdf[i]);
		fdnet_load(cdf[i], fdnet_fdx("app_cdf"), conf);
	}
	return 0;
}

static struct fdnet_node *add_client_node(const char *name)
{
	struct fdnet_node *node = fdnet_add_embedded(&net, name, AS_REALM);

	if (node) {
		fdnet_load_charging_dictionaries(node);
	}
	return node;
}

static int open_client(const char *realm, int timeout_ms, int failover, struct chg_client **client)
{
	struct chg_config config = { .dest_realm = realm, .timeout_ms = timeout_ms, .failover_attempts = failover };
	char err[CHG_ERR_LEN];
	int ret = chg_client_open(&config, client, err, sizeof err);

	if (ret)
		fprintf(stderr, "chg_client_open: %s\n", err);
	return ret;
}

static int setup(void **state)
{
	(void)state;
	if (fdnet_init(&net, "charging_client") || provision_ocs() || add_cdfs() || !(as = add_client_node("as")) ||
	    !(cli = add_client_node("cli")))
		return -1;
	fdnet_link(&net, as, ocs);
	fdnet_link(&net, cli, ocs);
	for (int i = 0; i < 2; i++) {
		fdnet_link(&net, as, cdf[i]);
		fdnet_link(&net, cli, cdf[i]);
	}
	/* The host starts the core itself: the applications are advertised in its CER. */
	if (fdnet_start(&net) || fdnet_embedded_parse(as) || chg_advertise() || fdnet_embedded_start(&net, as))
		return -1;
	/* Two clients side by side in one core. */
	return open_client(OCS_REALM, TIMEOUT_MS, 1, &ro) || open_client(CDF_REALM, TIMEOUT_MS, 1, &rf);
}

static int teardown(void **state)
{
	(void)state;
	chg_client_close(ro);
	chg_client_close(rf);
	fdnet_embedded_stop();
	ocs_store_close(ocs_store);
	return fdnet_stop(&net);
}

/* ---- helpers ----------------------------------------------------------------------------------- */

static uint64_t balance_of(const struct ocs_subscription *id)
{
	struct ocs_account account;

	assert_int_equal(ocs_account_get(ocs_store, id, time(NULL), &account, NULL, NULL), 0);
	return account.balance;
}

static uint64_t reserved_of(const struct ocs_subscription *id)
{
	struct ocs_account account;

	assert_int_equal(ocs_account_get(ocs_store, id, time(NULL), &account, NULL, NULL), 0);
	return account.reserved;
}

static void assert_success(const struct chg_outcome *outcome)
{
	assert_int_equal(outcome->result.vendor, 0);
	assert_int_equal(outcome->result.code, CHG_SUCCESS);
}

/* A CCR of one subscriber with one MSCC. */
static int64_t cents(const struct chg_money *money)
{
	int64_t amount = -1;

	assert_int_equal(chg_money_scaled(money, 2, &amount), 0);
	assert_int_equal(money->currency_code, 978); /* EUR */
	return amount;
}

/* ---- Ro ---------------------------------------------------------------------------------------- */

/* INITIAL reserves 60 s (1.20), UPDATE debits 45 s (0.90) and reserves again, TERMINATION debits
 * 12 s (0.24) and releases. */
static void ro_session_reserves_debits_and_releases(void **state)
{
	struct chg_ro_session *session = NULL;
	struct chg_credit_answer a;
	struct charging_ro_request r;
	uint64_t before = balance_of(&alice);

	(void)state;
	charging_ro_request_init(&r, ALICE);
	r.mscc.rating_group = 10;
	r.mscc.request_units = 1; /* empty: the OCS grants what its rate says */
	assert_int_equal(chg_ro_session_new(ro, &session), 0);

	assert_int_equal(chg_ro_initial(session, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	assert_string_equal(a.outcome.origin_host, ocs->identity);
	assert_string_equal(a.outcome.session_id, chg_ro_session_id(session));
	assert_int_equal(a.outcome.attempts, 1);
	assert_int_equal(a.request_type, CHG_INITIAL_REQUEST);
	assert_int_equal(a.request_number, 0);
	assert_int_equal(a.n_mscc, 1);
	assert_int_equal(a.mscc[0].rating_group, 10);
	assert_int_equal(a.mscc[0].result_code, CHG_SUCCESS);
	assert_true(a.mscc[0].has_granted);
	assert_int_equal(a.mscc[0].granted.present, CHG_UNIT_TIME);
	assert_int_equal(a.mscc[0].granted.time, 60);
	assert_int_equal(a.mscc[0].validity_time, 30);
	chg_credit_answer_clear(&a);
	assert_int_equal(reserved_of(&alice), 120);

	r.mscc.used.present = CHG_UNIT_TIME;
	r.mscc.used.time = 45;
	assert_int_equal(chg_ro_update(session, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	assert_int_equal(a.request_type, CHG_UPDATE_REQUEST);
	assert_int_equal(a.request_number, 1);
	assert_int_equal(a.mscc[0].granted.time, 60);
	chg_credit_answer_clear(&a);
	assert_int_equal(balance_of(&alice), before - 90);

	r.mscc.request_units = 0;
	r.mscc.used.time = 12;
	assert_int_equal(chg_ro_terminate(session, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	assert_int_equal(a.request_type, CHG_TERMINATION_REQUEST);
	assert_int_equal(a.request_number, 2);
	chg_credit_answer_clear(&a);
	assert_int_equal(balance_of(&alice), before - 90 - 24);
	assert_int_equal(reserved_of(&alice), 0);

	/* over: nothing more is sent */
	assert_int_equal(chg_ro_update(session, &r.ccr, &a), EPROTO);
	chg_ro_session_free(session);
}

static void ro_session_in_the_wrong_order_sends_nothing(void **state)
{
	struct chg_ro_session *session = NULL;
	struct chg_credit_answer a;
	struct charging_ro_request r;

	(void)state;
	charging_ro_request_init(&r, ALICE);
	r.mscc.rating_group = 10;
	assert_int_equal(chg_ro_session_new(ro, &session), 0);
	assert_int_equal(chg_ro_update(session, &r.ccr, &a), EPROTO);
	assert_int_equal(chg_ro_terminate(session, &r.ccr, &a), EPROTO);
	assert_null(chg_ro_session_id(session));
	chg_ro_session_free(session);
}

static void ro_event_debit_then_refund(void **state)
{
	struct chg_credit_answer a;
	struct charging_ro_request r;
	uint64_t before = balance_of(&alice);

	(void)state;
	charging_ro_event_init(&r, ALICE, CHG_DIRECT_DEBITING);
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	assert_int_equal(a.request_type, CHG_EVENT_REQUEST);
	assert_int_equal(a.request_number, 0);
	assert_int_equal(a.mscc[0].service_identifier, 1);
	assert_int_equal(a.mscc[0].granted.present, CHG_UNIT_SPECIFIC);
	assert_int_equal(a.mscc[0].granted.service_specific, 1);
	assert_true(a.has_cost);
	assert_int_equal(cents(&a.cost), 25);
	chg_credit_answer_clear(&a);
	assert_int_equal(balance_of(&alice), before - 25);

	r.ccr.requested_action = CHG_REFUND_ACCOUNT;
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	chg_credit_answer_clear(&a);
	assert_int_equal(balance_of(&alice), before);
}

static void ro_event_balance_and_price_change_nothing(void **state)
{
	struct chg_credit_answer a;
	struct charging_ro_request r;
	uint64_t alice_before = balance_of(&alice), bob_before = balance_of(&bob);

	(void)state;
	charging_ro_event_init(&r, ALICE, CHG_CHECK_BALANCE);
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	assert_int_equal(a.check_balance_result, 0); /* ENOUGH_CREDIT */
	chg_credit_answer_clear(&a);

	charging_ro_event_init(&r, BOB, CHG_CHECK_BALANCE); /* 0.10 cannot pay 0.25 */
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_int_equal(a.check_balance_result, 1); /* NO_CREDIT */
	chg_credit_answer_clear(&a);

	charging_ro_event_init(&r, ALICE, CHG_PRICE_ENQUIRY);
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	assert_true(a.has_cost);
	assert_int_equal(cents(&a.cost), 25);
	chg_credit_answer_clear(&a);

	assert_int_equal(balance_of(&alice), alice_before);
	assert_int_equal(balance_of(&bob), bob_before);
}

static void ro_event_results_4012_and_5030(void **state)
{
	struct chg_credit_answer a;
	struct charging_ro_request r;

	(void)state;
	charging_ro_event_init(&r, BOB, CHG_DIRECT_DEBITING);
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_int_equal(chg_outcome_code(&a.outcome), CHG_CREDIT_LIMIT_REACHED);
	assert_int_equal(a.mscc[0].result_code, CHG_CREDIT_LIMIT_REACHED);
	chg_credit_answer_clear(&a);
	assert_int_equal(balance_of(&bob), 10);

	charging_ro_event_init(&r, "15559999999", CHG_DIRECT_DEBITING);
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_int_equal(chg_outcome_code(&a.outcome), CHG_USER_UNKNOWN);
	chg_credit_answer_clear(&a);
}

/* Asynchronous events: each callback gets its own answer. */
struct async_result {
	sem_t done;
	int status;
	uint32_t code;
};

static void on_cca(void *arg, int status, struct chg_credit_answer *answer)
{
	struct async_result *r = arg;

	r->status = status;
	r->code = status ? 0 : chg_outcome_code(&answer->outcome);
	sem_post(&r->done);
}

static void ro_events_asynchronous(void **state)
{
	struct async_result results[8];
	struct charging_ro_request r;
	uint64_t before = balance_of(&alice);

	(void)state;
	charging_ro_event_init(&r, ALICE, CHG_DIRECT_DEBITING);
	for (int i = 0; i < 8; i++) {
		sem_init(&results[i].done, 0, 0);
		assert_int_equal(chg_ro_event_async(ro, &r.ccr, on_cca, &results[i]), 0);
	}
	for (int i = 0; i < 8; i++) {
		assert_int_equal(sem_wait(&results[i].done), 0);
		assert_int_equal(results[i].status, 0);
		assert_int_equal(results[i].code, CHG_SUCCESS);
		sem_destroy(&results[i].done);
	}
	assert_int_equal(balance_of(&alice), before - 8 * 25);
}

/* A realm nobody serves: our own stack has no peer for it. */
static void ro_without_a_peer_is_enotconn(void **state)
{
	struct chg_client *nowhere = NULL;
	struct chg_credit_answer a;
	struct charging_ro_request r;

	(void)state;
	assert_int_equal(open_client("nowhere.test.localdomain", TIMEOUT_MS, 1, &nowhere), 0);
	charging_ro_event_init(&r, ALICE, CHG_CHECK_BALANCE);
	assert_int_equal(chg_ro_event(nowhere, &r.ccr, &a), ENOTCONN);
	assert_null(a.outcome.origin_host);
	chg_client_close(nowhere);
}

/* The OCS stopped (SIGSTOP): the request times out after its own timeout, then again after a
 * failover that finds no other OCS. A balance check, so that the OCS changes nothing when it
 * resumes. */
static void ro_timeout_when_the_ocs_does_not_answer(void **state)
{
	struct chg_credit_answer a;
	struct charging_ro_request r;
	struct timespec t0, t1;
	double ms;

	(void)state;
	charging_ro_event_init(&r, ALICE, CHG_CHECK_BALANCE);
	r.ccr.timeout_ms = SHORT_TIMEOUT_MS; /* the client's is TIMEOUT_MS */
	assert_int_equal(kill(ocs->pid, SIGSTOP), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), ETIMEDOUT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(kill(ocs->pid, SIGCONT), 0);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	assert_true(ms >= SHORT_TIMEOUT_MS);
	assert_true(ms < TIMEOUT_MS);
	assert_null(a.outcome.origin_host);
	/* it answers again */
	r.ccr.timeout_ms = 0;
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	assert_success(&a.outcome);
	chg_credit_answer_clear(&a);
}

/* ---- Rf ---------------------------------------------------------------------------------------- */

/* What a CDF stored for one session: each record's type, number and T flag, and the first
 * record's ACR parsed. */
struct stored {
	int n;
	uint32_t type[8], number[8];
	int retransmitted[8];
	struct msg *first;
};

static int collect(const struct cdr_view *v, void *arg)
{
	struct stored *st = arg;
	uint8_t *copy;

	if (st->n == 8)
		return 0;
	st->type[st->n] = v->record_type;
	st->number[st->n] = v->record_number;
	st->retransmitted[st->n] = v->acr_len > 4 && (v->acr[4] & CMD_FLAG_RETRANSMIT);
	if (!st->n++ && (copy = malloc(v->acr_len))) {
		memcpy(copy, v->acr, v->acr_len);
		if (fd_msg_parse_buffer(&copy, v->acr_len, &st->first))
			free(copy);
	}
	return 0;
}

/* The records of session sid in the store of the CDF named 'host'. */
static void stored_records(const char *host, const char *sid, struct stored *st)
{
	struct cdr_filter filter = { .session_id = sid };
	struct cdr_store *store = NULL;
	int i = !strcmp(host, cdf[0]->identity) ? 0 : 1;

	assert_string_equal(host, cdf[i]->identity);
	memset(st, 0, sizeof *st);
	assert_int_equal(cdr_store_open(cdf_dir[i], 0, 0, &store), 0);
	assert_int_equal(cdr_store_export(store, &filter, collect, st), 0);
	cdr_store_close(store);
}

static void stored_clear(struct stored *st)
{
	if (st->first)
		fd_msg_free(st->first);
	st->first = NULL;
}

static void assert_stored_service_information(struct stored *st)
{
	struct fd_pei pei = { 0 };
	char why[256] = "";

	assert_non_null(st->first);
	assert_int_equal(fd_msg_parse_dict(st->first, fd_g_config->cnf_dict, &pei), 0);
	if (charging_sample_check(st->first, why, sizeof why))
		fail_msg("the stored Service-Information: %s", why);
}

static void acr_init(struct chg_acr *acr, struct charging_sample *sample)
{
	charging_sample_init(sample);
	memset(acr, 0, sizeof *acr);
	acr->user_name = "alice@" AS_REALM;
	acr->service_context_id = CHG_CONTEXT_LCS;
	acr->acct_interim_interval = CHG_UNSET;
	acr->service_information = &sample->si;
}

static void rf_event_is_stored_with_its_service_information(void **state)
{
	struct charging_sample sample;
	struct chg_acct_answer a;
	struct chg_acr acr;
	struct stored st;

	(void)state;
	acr_init(&acr, &sample);
	assert_int_equal(chg_rf_event(rf, &acr, &a), 0);
	assert_success(&a.outcome);
	assert_int_equal(a.record_type, CHG_EVENT_RECORD);
	assert_int_equal(a.record_number, 0);
	assert_int_equal(a.outcome.attempts, 1);
	assert_non_null(a.outcome.session_id);
	stored_records(a.outcome.origin_host, a.outcome.session_id, &st);
	assert_int_equal(st.n, 1);
	assert_int_equal(st.type[0], CDR_EVENT);
	assert_int_equal(st.number[0], 0);
	assert_false(st.retransmitted[0]);
	assert_stored_service_information(&st);
	stored_clear(&st);
	chg_acct_answer_clear(&a);
}

typedef int (*record_fn)(struct chg_rf_session *, const struct chg_acr *, struct chg_acct_answer *);

static void rf_session_records_are_numbered_and_stored(void **state)
{
	static const struct {
		record_fn send;
		uint32_t type;
	} records[] = { { chg_rf_start, CHG_START_RECORD }, { chg_rf_interim, CHG_INTERIM_RECORD },
			{ chg_rf_interim, CHG_INTERIM_RECORD }, { chg_rf_stop, CHG_STOP_RECORD } };
	struct chg_rf_session *session = NULL;
	struct charging_sample sample;
	struct chg_acct_answer a;
	char host[128] = "";
	struct chg_acr acr;
	struct stored st;

	(void)state;
	acr_init(&acr, &sample);
	assert_int_equal(chg_rf_session_new(rf, &session), 0);
	assert_int_equal(chg_rf_interim(session, &acr, &a), EPROTO); /* no START yet: nothing sent */
	for (uint32_t i = 0; i < 4; i++) {
		assert_int_equal(records[i].send(session, &acr, &a), 0);
		assert_success(&a.outcome);
		assert_int_equal(a.record_type, records[i].type);
		assert_int_equal(a.record_number, i);
		assert_string_equal(a.outcome.session_id, chg_rf_session_id(session));
		if (!i)
			snprintf(host, sizeof host, "%s", a.outcome.origin_host);
		chg_acct_answer_clear(&a);
	}
	assert_int_equal(chg_rf_interim(session, &acr, &a), EPROTO); /* after the STOP */
	/* both CDFs may have taken part: the records of each */
	for (int c = 0, total = 0; c < 2; c++) {
		stored_records(cdf[c]->identity, chg_rf_session_id(session), &st);
		for (int k = 0; k < st.n; k++) {
			assert_int_equal(st.type[k], records[st.number[k]].type);
			assert_false(st.retransmitted[k]);
		}
		if (!strcmp(host, cdf[c]->identity))
			assert_stored_service_information(&st);
		total += st.n;
		stored_clear(&st);
		if (c == 1)
			assert_int_equal(total, 4);
	}
	chg_rf_session_free(session);
}

/* One CDF stopped (SIGSTOP of the daemon the harness started) while the request is on its way to
 * it: after the timeout the request goes to the other CDF with the T flag, and that CDF's copy of
 * the ACR, stored byte for byte, carries it; the stopped CDF, resumed, stores the first attempt
 * (each CDF has its own store: a billing system downstream matches them by Session-Id and
 * Accounting-Record-Number). Which CDF a request goes to is freeDiameter's choice,
 * so the test stops the one that answered last, until a request meets a stopped CDF. */
static void rf_failover_sends_again_with_the_t_flag(void **state)
{
	struct chg_client *impatient = NULL;
	struct charging_sample sample;
	struct chg_acct_answer a = { 0 };
	struct chg_acr acr;
	struct stored st;
	int stopped = -1;

	(void)state;
	assert_int_equal(open_client(CDF_REALM, SHORT_TIMEOUT_MS, 1, &impatient), 0);
	acr_init(&acr, &sample);
	for (int tries = 0; tries < FAILOVER_TRIES; tries++) {
		int answered;

		assert_int_equal(chg_rf_event(impatient, &acr, &a), 0);
		assert_success(&a.outcome);
		if (a.outcome.attempts == 2)
			break;
		answered = !strcmp(a.outcome.origin_host, cdf[0]->identity) ? 0 : 1;
		chg_acct_answer_clear(&a);
		if (stopped >= 0)
			assert_int_equal(kill(cdf[stopped]->pid, SIGCONT), 0);
		assert_int_equal(kill(cdf[answered]->pid, SIGSTOP), 0);
		stopped = answered;
	}
	assert_true(stopped >= 0);
	assert_int_equal(kill(cdf[stopped]->pid, SIGCONT), 0);
	assert_int_equal(a.outcome.attempts, 2);
	assert_string_equal(a.outcome.origin_host, cdf[1 - stopped]->identity);
	stored_records(a.outcome.origin_host, a.outcome.session_id, &st);
	assert_int_equal(st.n, 1);
	assert_int_equal(st.number[0], 0);
	assert_true(st.retransmitted[0]);
	assert_stored_service_information(&st);
	stored_clear(&st);
	/* The stopped CDF had the first attempt in its socket: resumed, it stores it, without T. */
	for (int waited = 0; waited < 10000; waited += 50) {
		stored_records(cdf[stopped]->identity, a.outcome.session_id, &st);
		stored_clear(&st);
		if (st.n)
			break;
		usleep(50000);
	}
	assert_int_equal(st.n, 1);
	assert_int_equal(st.number[0], 0);
	assert_false(st.retransmitted[0]);
	chg_acct_answer_clear(&a);
	chg_client_close(impatient);
}

/* ---- charging-client --------------------------------------------------------------------------- */

static char out[16384], errout[4096];

/* Run charging-client on the cli node with these arguments (after -c); its exit status, its
 * output in out and errout. */
static int tool(const char *args)
{
	char command[4 * PATH_MAX];
	struct tool_run run;
	int status;

	snprintf(command, sizeof command, "-c '%s' %s", cli->conf_path, args);
	tool_start(&run, net.dir, "charging-client", command);
	assert_true(run.pid > 0);
	status = tool_finish(&run, out, sizeof out, errout, sizeof errout);
	print_message("stdout: %s", out);
	assert_true(status >= 0);
	return status;
}

static void tool_ro_event_prints_json(void **state)
{
	json_t *answer, *cost;

	(void)state;
	assert_int_equal(tool("-r " OCS_REALM " ro-event --action price --subscriber e164:" ALICE
			      " --service-id 1 --units 1 --lcs-client app1 --location-type current --msisdn " ALICE
			      " --location 48.8566,2.3522,100"),
			 0);
	assert_non_null(answer = json_loads(out, 0, NULL));
	assert_int_equal(json_integer_value(json_object_get(answer, "result_code")), 2001);
	assert_string_equal(json_string_value(json_object_get(answer, "request_type")), "EVENT_REQUEST");
	assert_string_equal(json_string_value(json_object_get(answer, "origin_host")), ocs->identity);
	assert_non_null(cost = json_object_get(answer, "cost"));
	assert_string_equal(json_string_value(json_object_get(cost, "amount")), "0.25");
	assert_int_equal(json_integer_value(json_object_get(cost, "currency_code")), 978);
	json_decref(answer);
}

static void tool_ro_session_prints_each_answer(void **state)
{
	uint64_t before = balance_of(&alice);
	char *line = out;

	(void)state;
	/* INITIAL grants 60 s; two UPDATEs and the TERMINATION report 60 s each: 3 x 1.20 */
	assert_int_equal(tool("-r " OCS_REALM " ro-session --subscriber e164:" ALICE " --rating-group 10 --updates 2"),
			 0);
	for (int i = 0; i < 4; i++) {
		json_t *answer = json_loads(line, JSON_DISABLE_EOF_CHECK, NULL);
		assert_non_null(answer);
		assert_int_equal(json_integer_value(json_object_get(answer, "request_number")), i);
		json_decref(answer);
		assert_non_null(line = strchr(line, '\n'));
		line++;
	}
	assert_int_equal(balance_of(&alice), before - 3 * 120);
}

static void tool_rf_session_prints_each_record(void **state)
{
	static const char *const types[] = { "START_RECORD", "INTERIM_RECORD", "STOP_RECORD" };
	char *line = out;

	(void)state;
	assert_int_equal(tool("-r " CDF_REALM " rf-session --interims 1 --prose-event alert --range-class 2"), 0);
	for (int i = 0; i < 3; i++) {
		json_t *answer = json_loads(line, JSON_DISABLE_EOF_CHECK, NULL);
		assert_non_null(answer);
		assert_int_equal(json_integer_value(json_object_get(answer, "result_code")), 2001);
		assert_string_equal(json_string_value(json_object_get(answer, "record_type")), types[i]);
		assert_int_equal(json_integer_value(json_object_get(answer, "record_number")), i);
		json_decref(answer);
		assert_non_null(line = strchr(line, '\n'));
		line++;
	}
}

/* A short bench of each kind: every request answered DIAMETER_SUCCESS, the money debited. */
static void tool_bench_counts_every_answer(void **state)
{
	uint64_t before = balance_of(&alice);
	json_t *report;

	(void)state;
	assert_int_equal(tool("-r " CDF_REALM " bench --rf 40 8 --lcs-client app1"), 0);
	assert_non_null(report = json_loads(out, 0, NULL));
	assert_int_equal(json_integer_value(json_object_get(report, "success")), 40);
	assert_int_equal(json_integer_value(json_object_get(report, "no_answer")), 0);
	json_decref(report);
	assert_int_equal(tool("-r " OCS_REALM " bench --ro 40 8 --subscriber e164:" ALICE " --service-id 1"), 0);
	assert_non_null(report = json_loads(out, 0, NULL));
	assert_int_equal(json_integer_value(json_object_get(report, "success")), 40);
	assert_string_equal(json_string_value(json_object_get(report, "command")), "ro");
	json_decref(report);
	assert_int_equal(balance_of(&alice), before - 40 * 25);
}

static void tool_exit_statuses(void **state)
{
	(void)state;
	/* an answer that is not DIAMETER_SUCCESS: 1, its code on stderr */
	assert_int_equal(tool("-r " OCS_REALM " ro-event --action debit --subscriber e164:15559999999 --service-id 1"), 1);
	assert_non_null(strstr(errout, "5030"));
	/* bad command lines: 2 */
	assert_int_equal(tool("-r " OCS_REALM " ro-event --action steal --subscriber e164:" ALICE), 2);
	assert_non_null(strstr(errout, "--action"));
	assert_int_equal(tool("-r " OCS_REALM " ro-event --action debit"), 2);
	assert_int_equal(tool("-r " OCS_REALM " rf-event --range-class 9"), 2);
	assert_int_equal(tool("-r " OCS_REALM " rf-event --location 91,0"), 2);
	/* no peer for that realm: 3 */
	assert_int_equal(tool("-r nowhere.test.localdomain ro-event --action balance --subscriber e164:" ALICE), 3);
	/* --help: 0, and says what the command does */
	assert_int_equal(tool("-r " OCS_REALM " ro-event --help"), 0);
	assert_non_null(strstr(out, "EVENT_REQUEST"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ro_session_reserves_debits_and_releases),
		cmocka_unit_test(ro_session_in_the_wrong_order_sends_nothing),
		cmocka_unit_test(ro_event_debit_then_refund),
		cmocka_unit_test(ro_event_balance_and_price_change_nothing),
		cmocka_unit_test(ro_event_results_4012_and_5030),
		cmocka_unit_test(ro_events_asynchronous),
		cmocka_unit_test(ro_without_a_peer_is_enotconn),
		cmocka_unit_test(ro_timeout_when_the_ocs_does_not_answer),
		cmocka_unit_test(rf_event_is_stored_with_its_service_information),
		cmocka_unit_test(rf_session_records_are_numbered_and_stored),
		cmocka_unit_test(rf_failover_sends_again_with_the_t_flag),
		cmocka_unit_test(tool_ro_event_prints_json),
		cmocka_unit_test(tool_rf_session_prints_each_record),
		cmocka_unit_test(tool_ro_session_prints_each_answer),
		cmocka_unit_test(tool_bench_counts_every_answer),
		cmocka_unit_test(tool_exit_statuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
