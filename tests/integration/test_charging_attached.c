/* libcharging attached to a freeDiameter core it did not start: an AS that opened libshclient
 * first (which starts the core from its configuration) then opens a charging client on the same
 * node. Sh requests go to an HSS daemon (test_responder.fdx), ACRs to a CDF daemon (app_cdf.fdx),
 * both over the one embedded node; the ACR is in the CDF's store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cdrstore.h"
#include "charging.h"
#include "fdnet.h"
#include "shclient.h"
#include "spawn.h"

#define AS_REALM "as.test.localdomain"
#define HSS_REALM "hss.test.localdomain"
#define CDF_REALM "cdf.test.localdomain"
#define TIMEOUT_MS 3000

static struct fdnet net;
static struct fdnet_node *hss, *cdf, *as;
static char cdf_dir[PATH_MAX];
static struct sh_client *sh;
static struct chg_client *rf;

static int setup(void **state)
{
	struct sh_client_config sh_config = { .dest_realm = HSS_REALM, .timeout_ms = TIMEOUT_MS, .open_timeout_ms = 30000 };
	struct chg_config rf_config = { .dest_realm = CDF_REALM, .timeout_ms = TIMEOUT_MS };
	char conf[PATH_MAX], text[2 * PATH_MAX], err[CHG_ERR_LEN];
	int ret;

	(void)state;
	if (fdnet_init(&net, "charging_attached") || !(hss = fdnet_add(&net, "hss", HSS_REALM)) ||
	    !(cdf = fdnet_add(&net, "cdf", CDF_REALM)) || !(as = fdnet_add_embedded(&net, "as", AS_REALM)))
		return -1;
	snprintf(cdf_dir, sizeof cdf_dir, "%s/cdf-store", net.dir);
	snprintf(conf, sizeof conf, "%s/app_cdf.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\n", cdf_dir);
	if (write_text_file(conf, text))
		return -1;
	fdnet_load_dictionaries(hss);
	fdnet_load(hss, fdnet_test_fdx("test_responder"), NULL);
	fdnet_load_charging_dictionaries(cdf);
	fdnet_load(cdf, fdnet_fdx("app_cdf"), conf);
	fdnet_load_charging_dictionaries(as);
	fdnet_link(&net, as, hss);
	fdnet_link(&net, as, cdf);
	if (fdnet_start(&net))
		return -1;
	fd_g_debug_lvl = FD_LOG_ERROR;
	/* libshclient starts the core from the node's configuration ... */
	sh_config.fd_config = as->conf_path;
	if ((ret = sh_client_open(&sh_config, &sh, err, sizeof err))) {
		fprintf(stderr, "sh_client_open: %s (%d)\n", err, ret);
		return -1;
	}
	/* ... and the charging client uses it as it is */
	if ((ret = chg_client_open(&rf_config, &rf, err, sizeof err))) {
		fprintf(stderr, "chg_client_open: %s (%d)\n", err, ret);
		return -1;
	}
	return chg_client_wait_peer(rf, CHG_RF, 30000) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	chg_client_close(rf); /* before the core stops */
	sh_client_close(sh);
	return fdnet_stop(&net);
}

static int count_records(const struct cdr_view *v, void *arg)
{
	(void)v;
	(*(int *)arg)++;
	return 0;
}

static void sh_and_rf_over_one_node(void **state)
{
	static const int repository_data[] = { SH_DR_REPOSITORY_DATA };
	static const char *const test_service[] = { "test-service" };
	struct chg_acr acr = { .service_context_id = CHG_CONTEXT_IMS, .acct_interim_interval = CHG_UNSET };
	struct chg_acct_answer a;
	struct sh_request r;
	struct sh_answer answer;
	struct cdr_filter filter = { 0 };
	struct cdr_store *store = NULL;
	int stored = 0;

	(void)state;
	sh_request_init(&r);
	r.identity_kind = SH_ID_PUBLIC_IDENTITY;
	r.identity = "sip:alice@" AS_REALM;
	r.data_references = repository_data;
	r.n_data_references = 1;
	r.service_indications = test_service;
	r.n_service_indications = 1;
	assert_int_equal(sh_udr(sh, &r, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	sh_answer_clear(&answer);

	assert_int_equal(chg_rf_event(rf, &acr, &a), 0);
	assert_int_equal(chg_outcome_code(&a.outcome), CHG_SUCCESS);
	assert_string_equal(a.outcome.origin_host, cdf->identity);
	filter.session_id = a.outcome.session_id;
	assert_int_equal(cdr_store_open(cdf_dir, 0, 0, &store), 0);
	assert_int_equal(cdr_store_export(store, &filter, count_records, &stored), 0);
	cdr_store_close(store);
	assert_int_equal(stored, 1);
	chg_acct_answer_clear(&a);
}

/* A second attached client in the same process: one per destination, side by side. */
static void two_attached_clients(void **state)
{
	struct chg_config config = { .dest_realm = CDF_REALM, .timeout_ms = TIMEOUT_MS };
	struct chg_acr acr = { .service_context_id = CHG_CONTEXT_IMS, .acct_interim_interval = CHG_UNSET };
	struct chg_client *other = NULL;
	struct chg_acct_answer a;

	(void)state;
	assert_int_equal(chg_client_open(&config, &other, NULL, 0), 0);
	assert_int_equal(chg_rf_event(other, &acr, &a), 0);
	assert_int_equal(chg_outcome_code(&a.outcome), CHG_SUCCESS);
	chg_acct_answer_clear(&a);
	chg_client_close(other);
	assert_int_equal(chg_rf_event(rf, &acr, &a), 0); /* the first one goes on */
	assert_int_equal(chg_outcome_code(&a.outcome), CHG_SUCCESS);
	chg_acct_answer_clear(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sh_and_rf_over_one_node),
		cmocka_unit_test(two_attached_clients),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
