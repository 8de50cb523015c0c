/* The HSS, the OCS and the CDF when their disk is full: each store lives on a small tmpfs of its
 * own, and this test process, as the AS, writes until a commit fails.
 * - HSS: the PUR that cannot be stored is answered DIAMETER_UNABLE_TO_COMPLY and nothing of it is
 *   kept, every PUR answered 2001 before is in the store, UDRs are still served.
 * - OCS: the debit that cannot be stored is refused and charges nothing: the balance is the
 *   opening one less exactly the debits answered 2001; a balance check still works.
 * - CDF: the ACR that cannot be stored is answered DIAMETER_OUT_OF_SPACE (RFC 6733 §7.1.4), and
 *   the store holds exactly the records answered 2001.
 * The daemons then stop cleanly. Without root (small_disk.h) the tests say so and are skipped. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "cdrstore.h"
#include "charging_sample.h"
#include "fdnet.h"
#include "ocsstore.h"
#include "sh_sample.h"
#include "shclient.h"
#include "shdata.h"
#include "small_disk.h"
#include "spawn.h"
#include "store.h"

#define REALM "home.test.localdomain"
#define ALICE "sip:alice@" REALM
#define ALICE_MSISDN "15550000001"
#define DISK_SIZE "640k"   /* the files LMDB starts with, and room for some hundred items */
#define DATA_SIZE 1500     /* bytes of ServiceData per PUR */
#define MAX_WRITES 20000   /* far more than fit */
#define OPENING 100000000  /* cents: more than every debit that fits on the disk */
#define EVENT_PRICE 25     /* cents: si:1 below */

static const struct ocs_subscription alice_account = { OCS_ID_E164, ALICE_MSISDN };
static struct fdnet net;
static struct fdnet_node *hss, *ocs, *cdf, *as;
static struct sh_client *sh;
static struct chg_client *ro;
static struct disk {
	char path[PATH_MAX], store[PATH_MAX + 8];
	int mounted;
} hss_disk, ocs_disk, cdf_disk;

static const char provisioning[] =
	"{\"subscribers\": [{\"impi\": \"alice@" REALM "\","
	" \"impus\": [{\"uri\": \"" ALICE "\", \"type\": \"PUBLIC_USER_IDENTITY\"}]}],"
	" \"as_permissions\": [{\"as_host\": \"as." REALM "\", \"data_reference\": 0,"
	" \"operations\": [\"pull\", \"update\"]}]}";

/* A fresh tmpfs under the test's folder: 0 mounted, 1 not (no root), -1 failed. */
static int mount_disk(struct disk *d, const char *name)
{
	snprintf(d->path, sizeof d->path, "%s/%s", net.dir, name);
	snprintf(d->store, sizeof d->store, "%s/store", d->path);
	if (small_disk_mount(d->path, DISK_SIZE))
		return errno == EPERM ? 1 : -1;
	d->mounted = 1;
	return 0;
}

static int unmount_disk(struct disk *d)
{
	return d->mounted ? small_disk_unmount(d->path) : 0;
}

/* The HSS store with Alice and the AS's permissions, the OCS store with Alice's account. */
static int make_stores(void)
{
	char err[STORE_ERR_LEN];
	struct hss_store *hs;
	struct ocs_store *os;
	struct ocs_currency eur;
	json_t *doc;
	int ret;

	if (store_open(hss_disk.store, 1, &hs) || !(doc = json_loads(provisioning, 0, NULL)))
		return -1;
	if ((ret = store_import(hs, doc, err, sizeof err, NULL, 0, NULL)))
		fprintf(stderr, "import: %s\n", err);
	json_decref(doc);
	store_close(hs);
	if (ret || ocs_store_open(ocs_disk.store, 1, &os) || ocs_currency_find("EUR", &eur))
		return -1;
	ret = ocs_account_create(os, &alice_account, &eur, OPENING);
	ocs_store_close(os);
	return ret ? -1 : 0;
}

static int add_servers(void)
{
	char hss_conf[PATH_MAX], ocs_conf[PATH_MAX], cdf_conf[PATH_MAX], text[2 * PATH_MAX];

	snprintf(hss_conf, sizeof hss_conf, "%s/hss_stub.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\nmax_repository_data = %d\n", hss_disk.store, 2 * DATA_SIZE);
	if (write_text_file(hss_conf, text))
		return -1;
	snprintf(ocs_conf, sizeof ocs_conf, "%s/app_ocs.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\ncurrency = EUR\nrating = si:1 event %d 1 0\n", ocs_disk.store,
		 EVENT_PRICE);
	if (write_text_file(ocs_conf, text))
		return -1;
	snprintf(cdf_conf, sizeof cdf_conf, "%s/app_cdf.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\n", cdf_disk.store);
	if (write_text_file(cdf_conf, text) || !(hss = fdnet_add(&net, "hss", REALM)) ||
	    !(ocs = fdnet_add(&net, "ocs", REALM)) || !(cdf = fdnet_add(&net, "cdf", REALM)) ||
	    !(as = fdnet_add_embedded(&net, "as", REALM)))
		return -1;
	for (struct fdnet_node **n = (struct fdnet_node *[]){ hss, ocs, cdf, as, NULL }; *n; n++) {
		fdnet_load_charging_dictionaries(*n);
	}
	fdnet_load(hss, fdnet_fdx("hss_stub"), hss_conf);
	fdnet_load(ocs, fdnet_fdx("app_ocs"), ocs_conf);
	fdnet_load(cdf, fdnet_fdx("app_cdf"), cdf_conf);
	/* each serves its own application only: a relay would be a route for the others' requests */
	for (struct fdnet_node **n = (struct fdnet_node *[]){ hss, ocs, cdf, NULL }; *n; n++) {
		fdnet_conf_line(*n, "NoRelay;");
		fdnet_link(&net, as, *n);
	}
	return 0;
}

/* libshclient starts this process's node; libcharging attaches to it. */
static int open_clients(void)
{
	struct sh_client_config shc = { .dest_realm = REALM, .timeout_ms = 5000, .fd_config = as->conf_path };
	struct chg_config chc = { .dest_realm = REALM, .timeout_ms = 5000 };
	char err[SH_ERR_LEN > CHG_ERR_LEN ? SH_ERR_LEN : CHG_ERR_LEN];

	if (sh_client_open(&shc, &sh, err, sizeof err) || chg_client_open(&chc, &ro, err, sizeof err)) {
		fprintf(stderr, "client: %s\n", err);
		return -1;
	}
	return chg_client_wait_peer(ro, CHG_RO, 30000) || chg_client_wait_peer(ro, CHG_RF, 30000) ? -1 : 0;
}

static int setup(void **state)
{
	int ret;

	(void)state;
	if (fdnet_init(&net, "full_disk"))
		return -1;
	if ((ret = mount_disk(&hss_disk, "hss-disk")) || (ret = mount_disk(&ocs_disk, "ocs-disk")) ||
	    (ret = mount_disk(&cdf_disk, "cdf-disk")))
		return ret > 0 ? 0 : -1;
	if (make_stores() || add_servers() || fdnet_start(&net))
		return -1;
	return open_clients();
}

static int teardown(void **state)
{
	int ret;

	(void)state;
	chg_client_close(ro);
	sh_client_close(sh);
	ret = fdnet_stop(&net);
	if (unmount_disk(&hss_disk))
		ret = -1;
	if (unmount_disk(&ocs_disk))
		ret = -1;
	if (unmount_disk(&cdf_disk))
		ret = -1;
	return ret;
}

/* ---- the HSS -------------------------------------------------------------------------------- */

/* A PUR creating item i: its result code. */
static uint32_t create_item(int i, const char *service_data)
{
	char si[64];
	const char *sis[] = { si };
	int seq = 0;
	struct sh_request r = sh_sample_repository_request(ALICE, sis);
	struct sh_answer ans;
	uint32_t code;
	char *xml = NULL;
	size_t len;

	snprintf(si, sizeof si, "urn:x-test:fill-%d", i);
	assert_int_equal(shdata_write_repository_data(sis, &seq, &service_data, 1, &xml, &len), 0);
	r.user_data = xml;
	r.user_data_len = len;
	assert_int_equal(sh_pur(sh, &r, &ans), 0);
	code = sh_answer_code(&ans);
	sh_answer_clear(&ans);
	free(xml);
	return code;
}

/* Whether item i is in the store, read by this process. */
static int stored(struct hss_store *store, int i)
{
	struct store_repdata d;
	char si[64];

	snprintf(si, sizeof si, "urn:x-test:fill-%d", i);
	if (store_repdata_get(store, ALICE, si, &d))
		return 0;
	store_repdata_clear(&d);
	return 1;
}

static void hss_full_disk_refuses_the_write_and_keeps_what_was_acknowledged(void **state)
{
	char service_data[DATA_SIZE + 64], si[64];
	const char *sis[] = { si };
	struct sh_request r = sh_sample_repository_request(ALICE, sis);
	struct hss_store *store;
	struct sh_answer ans;
	uint32_t code = 0;
	int acked = 0;

	(void)state;
	if (!hss_disk.mounted)
		skip();
	snprintf(service_data, sizeof service_data, "<Fill>%0*d</Fill>", DATA_SIZE - 13, 0);
	while (acked < MAX_WRITES && (code = create_item(acked, service_data)) == 2001)
		acked++;
	print_message("%d PURs stored, then Result-Code %u\n", acked, code);
	assert_true(acked > 0 && acked < MAX_WRITES);
	assert_int_equal(code, ER_DIAMETER_UNABLE_TO_COMPLY);

	assert_int_equal(store_open(hss_disk.store, 0, &store), 0);
	for (int i = 0; i < acked; i++)
		assert_true(stored(store, i));
	assert_false(stored(store, acked));
	store_close(store);

	/* reads still work: the last item acknowledged, read back over Sh */
	snprintf(si, sizeof si, "urn:x-test:fill-%d", acked - 1);
	assert_int_equal(sh_udr(sh, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), 2001);
	assert_non_null(ans.data);
	assert_int_equal(ans.data->n_repository_data, 1);
	assert_string_equal(ans.data->repository_data[0].service_data, service_data);
	sh_answer_clear(&ans);
}

/* ---- the OCS -------------------------------------------------------------------------------- */

/* One event with that Requested-Action: the answer's Result-Code. */
static uint32_t event(enum chg_requested_action action)
{
	struct charging_ro_request r;
	struct chg_credit_answer a;
	uint32_t code;

	charging_ro_event_init(&r, ALICE_MSISDN, action);
	assert_int_equal(chg_ro_event(ro, &r.ccr, &a), 0);
	code = a.outcome.result.code;
	chg_credit_answer_clear(&a);
	return code;
}

static void ocs_full_disk_refuses_the_debit_and_charges_only_what_was_answered(void **state)
{
	struct ocs_account account;
	struct ocs_store *store;
	uint32_t code = 0;
	int debited = 0;

	(void)state;
	if (!ocs_disk.mounted)
		skip();
	while (debited < MAX_WRITES && (code = event(CHG_DIRECT_DEBITING)) == 2001)
		debited++;
	print_message("%d debits answered 2001, then Result-Code %u\n", debited, code);
	assert_true(debited > 0 && debited < MAX_WRITES);
	assert_int_equal(code, ER_DIAMETER_UNABLE_TO_COMPLY);

	assert_int_equal(ocs_store_open(ocs_disk.store, 0, &store), 0);
	assert_int_equal(ocs_account_get(store, &alice_account, time(NULL), &account, NULL, NULL), 0);
	ocs_store_close(store);
	assert_int_equal(account.balance, OPENING - (uint64_t)debited * EVENT_PRICE);

	/* a balance check reads, and still works */
	assert_int_equal(event(CHG_CHECK_BALANCE), 2001);
}

/* ---- the CDF -------------------------------------------------------------------------------- */

static void cdf_full_disk_refuses_the_record_and_keeps_what_was_acknowledged(void **state)
{
	struct chg_acct_answer a;
	struct cdr_store *store;
	struct cdr_stats stats;
	struct chg_acr acr;
	uint32_t code = 0;
	int acked = 0;

	(void)state;
	if (!cdf_disk.mounted)
		skip();
	memset(&acr, 0, sizeof acr);
	acr.user_name = ALICE_MSISDN;
	acr.service_context_id = CHG_CONTEXT_LCS;
	acr.acct_interim_interval = CHG_UNSET;
	while (acked < MAX_WRITES) {
		assert_int_equal(chg_rf_event(ro, &acr, &a), 0);
		code = a.outcome.result.code;
		chg_acct_answer_clear(&a);
		if (code != 2001)
			break;
		acked++;
	}
	print_message("%d ACRs answered 2001, then Result-Code %u\n", acked, code);
	assert_true(acked > 0 && acked < MAX_WRITES);
	assert_int_equal(code, ER_DIAMETER_OUT_OF_SPACE);

	assert_int_equal(cdr_store_open(cdf_disk.store, 0, 0, &store), 0);
	assert_int_equal(cdr_store_stats(store, &stats), 0);
	cdr_store_close(store);
	assert_int_equal(stats.records, (uint64_t)acked);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hss_full_disk_refuses_the_write_and_keeps_what_was_acknowledged),
		cmocka_unit_test(ocs_full_disk_refuses_the_debit_and_charges_only_what_was_answered),
		cmocka_unit_test(cdf_full_disk_refuses_the_record_and_keeps_what_was_acknowledged),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
