/* Sh feature negotiation and Update-Eff against the real HSS stub (hss_stub.fdx in freeDiameterd
 * over LMDB), this process being the AS (libshclient):
 *   - TS 29.229 §7.2 as applied to Sh by TS 29.329: an answer to a request that carried the Sh
 *     feature list (Feature-List-ID 1) carries the HSS's list, Update-Eff only (the stub does not
 *     implement Notif-Eff); a request without one is answered without one;
 *   - TS 29.328 §6.1.2.1: several RepositoryData in one PUR are all written (one transaction,
 *     answered after the commit, each change notified by PNR) or, when one instance fails, none,
 *     and the PUA names that instance in Repository-Data-ID; without Update-Eff: 5011. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "diamkit.h"
#include "sh_lab.h"

#define REALM "home.test.localdomain"
#define ALICE "sip:alice@home.test.localdomain"
#define SI_A "urn:x-test:a"
#define SI_B "urn:x-test:b"
#define PROSE "urn:x-imstk:prose-profile"
#define MAX_DATA 1024
#define HSS_CONF "max_repository_data = 1024\nnotify_interval_ms = 50\ncommit_window_ms = 1000\n"
#define NO_FEATURES SH_UNSET
#define ALL_FEATURES (int)(SH_FEATURE_NOTIF_EFF | SH_FEATURE_UPDATE_EFF | SH_FEATURE_UPDATE_EFF_ENHANCE)

static struct sh_lab lab;

static const char *store_json =
	"{\"subscribers\": [{\"impi\": \"alice@home.test.localdomain\","
	" \"impus\": [{\"uri\": \"" ALICE "\", \"type\": \"PUBLIC_USER_IDENTITY\"}]}],"
	" \"as_permissions\": [{\"as_host\": \"as." REALM "\", \"data_reference\": 0,"
	"   \"operations\": [\"pull\", \"update\", \"subs-notif\"]}]}";

/* ---- PNRs received ------------------------------------------------------------------------- */

static pthread_mutex_t pnr_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pnr_cond = PTHREAD_COND_INITIALIZER;
static int pnr_count;
static char pnr_seen[4096]; /* "<si> <seq>;" of each RepositoryData notified */

static uint32_t on_pnr(void *arg, const struct sh_notification *n)
{
	(void)arg;
	pthread_mutex_lock(&pnr_lock);
	for (size_t i = 0; n->data && i < n->data->n_repository_data; i++) {
		size_t used = strlen(pnr_seen);
		snprintf(pnr_seen + used, sizeof pnr_seen - used, "%s %d;", n->data->repository_data[i].service_indication,
			 n->data->repository_data[i].sequence_number);
	}
	pnr_count++;
	pthread_cond_broadcast(&pnr_cond);
	pthread_mutex_unlock(&pnr_lock);
	return SH_SUCCESS;
}

/* Wait until at least 'count' PNRs came, at most ms; returns the count. */
static int wait_pnrs(int count, int ms)
{
	struct timespec until;
	int n;

	dk_deadline_in(ms, &until);
	pthread_mutex_lock(&pnr_lock);
	while (pnr_count < count && pthread_cond_timedwait(&pnr_cond, &pnr_lock, &until) == 0)
		;
	n = pnr_count;
	pthread_mutex_unlock(&pnr_lock);
	return n;
}

/* ---- the lab ------------------------------------------------------------------------------- */

static int setup(void **state)
{
	(void)state;
	return sh_lab_start(&lab, "hss_sh_features", REALM, store_json, HSS_CONF, on_pnr);
}

static int teardown(void **state)
{
	(void)state;
	return sh_lab_stop(&lab);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static const int dr0[] = { 0 };

static void request(struct sh_request *r, int features)
{
	sh_request_init(r);
	r->identity_kind = SH_ID_PUBLIC_IDENTITY;
	r->identity = ALICE;
	r->data_references = dr0;
	r->n_data_references = 1;
	r->supported_features = features;
}

/* A PUR of n RepositoryData; its result, the answer in *ans (clear it). */
static uint32_t pur(const struct sh_repository_data *items, size_t n, int features, struct sh_answer *ans)
{
	struct sh_request r;
	char *xml = NULL;
	size_t len;

	request(&r, features);
	assert_int_equal(sh_repository_items_xml(items, n, &xml, &len), 0);
	r.user_data = xml;
	r.user_data_len = len;
	assert_int_equal(sh_pur(lab.client, &r, ans), 0);
	free(xml);
	return sh_answer_code(ans);
}

/* Two RepositoryData, A then B. */
static uint32_t pur2(int seq_a, const char *data_a, int seq_b, const char *data_b, int features,
		     struct sh_answer *ans)
{
	const struct sh_repository_data items[2] = {
		{ .service_indication = SI_A, .sequence_number = seq_a, .service_data = (char *)data_a },
		{ .service_indication = SI_B, .sequence_number = seq_b, .service_data = (char *)data_b },
	};

	return pur(items, 2, features, ans);
}

/* The stored Sequence-Number of si, -1 when there is no data. */
static int stored_seq(const char *si)
{
	struct store_repdata d;
	int seq;

	if (store_repdata_get(lab.store, ALICE, si, &d))
		return -1;
	seq = (int)d.sequence_number;
	store_repdata_clear(&d);
	return seq;
}

static void assert_failed_instance(const struct sh_answer *ans, const char *si, int seq)
{
	assert_true(ans->has_repository_data_id);
	assert_string_equal(ans->repository_service_indication, si);
	assert_int_equal(ans->repository_sequence_number, seq);
}

static void subscribe(const char *si)
{
	const char *sis[1] = { si };
	struct sh_request r;
	struct sh_answer ans = { 0 };

	request(&r, NO_FEATURES);
	r.service_indications = sis;
	r.n_service_indications = 1;
	assert_int_equal(sh_snr(lab.client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	sh_answer_clear(&ans);
}

/* ---- tests (in order: each starts from what the one before stored) ------------------------ */

/* Several instances in one PUR, with Update-Eff: all created; then all changed, each change
 * notified to the subscriber. */
static void several_instances_are_written_together(void **state)
{
	struct sh_answer ans = { 0 };

	(void)state;
	assert_int_equal(pur2(0, "<A>0</A>", 0, "<B>0</B>", SH_FEATURE_UPDATE_EFF, &ans), SH_SUCCESS);
	assert_false(ans.has_repository_data_id);
	sh_answer_clear(&ans);
	assert_int_equal(stored_seq(SI_A), 0);
	assert_int_equal(stored_seq(SI_B), 0);

	assert_int_equal(sh_lab_settle(&lab), 0);
	subscribe(SI_A);
	subscribe(SI_B);
	assert_int_equal(pur2(1, "<A>1</A>", 1, "<B>1</B>", SH_FEATURE_UPDATE_EFF, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	assert_int_equal(stored_seq(SI_A), 1);
	assert_int_equal(stored_seq(SI_B), 1);
	assert_int_equal(wait_pnrs(2, 5000), 2);
	pthread_mutex_lock(&pnr_lock);
	assert_non_null(strstr(pnr_seen, SI_A " 1;"));
	assert_non_null(strstr(pnr_seen, SI_B " 1;"));
	pthread_mutex_unlock(&pnr_lock);
}

/* One instance that fails (its Sequence-Number, its ProSe profile, its size): that error, the
 * instance named in Repository-Data-ID, nothing of the PUR written, nothing notified. */
static void a_failing_instance_fails_the_whole(void **state)
{
	char big[MAX_DATA + 64];
	struct sh_answer ans = { 0 };
	int pnrs = wait_pnrs(0, 0);

	(void)state;
	assert_int_equal(pur2(2, "<A>2</A>", 7, "<B>stale</B>", SH_FEATURE_UPDATE_EFF, &ans),
			 SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
	assert_failed_instance(&ans, SI_B, 7);
	sh_answer_clear(&ans);

	{
		const struct sh_repository_data items[2] = {
			{ .service_indication = SI_A, .sequence_number = 2, .service_data = "<A>2</A>" },
			{ .service_indication = PROSE, .sequence_number = 0,
			  .service_data = "<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\"><Nonsense/></ProSeProfile>" },
		};
		assert_int_equal(pur(items, 2, SH_FEATURE_UPDATE_EFF, &ans), SH_ERROR_USER_DATA_NOT_RECOGNIZED);
		assert_failed_instance(&ans, PROSE, 0);
		sh_answer_clear(&ans);
	}

	snprintf(big, sizeof big, "<B>%0*d</B>", MAX_DATA, 0);
	assert_int_equal(pur2(2, "<A>2</A>", 2, big, SH_FEATURE_UPDATE_EFF, &ans), SH_ERROR_TOO_MUCH_DATA);
	assert_failed_instance(&ans, SI_B, 2);
	sh_answer_clear(&ans);

	assert_int_equal(stored_seq(SI_A), 1);
	assert_int_equal(stored_seq(SI_B), 1);
	assert_int_equal(stored_seq(PROSE), -1);
	assert_int_equal(wait_pnrs(pnrs + 1, 500), pnrs);
}

static pthread_mutex_t async_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t async_cond = PTHREAD_COND_INITIALIZER;
static uint32_t async_code;

static void on_async_pua(void *arg, int status, struct sh_answer *answer)
{
	(void)arg;
	pthread_mutex_lock(&async_lock);
	async_code = status ? 1 : sh_answer_code(answer);
	pthread_cond_broadcast(&async_cond);
	pthread_mutex_unlock(&async_lock);
}

/* An instance whose data another PUR is updating (queued in the commit window): 4101 for the
 * whole, naming that instance; the other PUR is written. */
static void an_instance_in_progress_fails_the_whole(void **state)
{
	const struct sh_repository_data only_b = { .service_indication = SI_B, .sequence_number = 2,
						   .service_data = "<B>2</B>" };
	struct sh_request r;
	struct sh_answer ans = { 0 };
	char *xml = NULL;
	size_t len;

	(void)state;
	request(&r, NO_FEATURES);
	assert_int_equal(sh_repository_items_xml(&only_b, 1, &xml, &len), 0);
	r.user_data = xml;
	r.user_data_len = len;
	assert_int_equal(sh_pur_async(lab.client, &r, on_async_pua, NULL), 0);
	free(xml);
	/* the HSS's dispatch threads may take the next PUR first: let this one be queued (it waits
	 * there for the 1 s commit window) */
	nanosleep(&(struct timespec){ 0, 200000000L }, NULL);
	assert_int_equal(pur2(2, "<A>2</A>", 3, "<B>3</B>", SH_FEATURE_UPDATE_EFF, &ans), SH_PRIOR_UPDATE_IN_PROGRESS);
	assert_failed_instance(&ans, SI_B, 3);
	sh_answer_clear(&ans);

	pthread_mutex_lock(&async_lock);
	while (!async_code)
		pthread_cond_wait(&async_cond, &async_lock);
	assert_int_equal(async_code, SH_SUCCESS);
	pthread_mutex_unlock(&async_lock);
	assert_int_equal(stored_seq(SI_A), 1);
	assert_int_equal(stored_seq(SI_B), 2);
}

/* Several instances from an AS that did not indicate Update-Eff: 5011, nothing written, no
 * Supported-Features answered (the request had none), no instance named. */
static void several_instances_need_update_eff(void **state)
{
	struct sh_answer ans = { 0 };

	(void)state;
	assert_int_equal(pur2(2, "<A>2</A>", 3, "<B>3</B>", NO_FEATURES, &ans), SH_ERROR_FEATURE_UNSUPPORTED);
	assert_false(ans.has_supported_features);
	assert_false(ans.has_repository_data_id);
	sh_answer_clear(&ans);
	/* the AS's list without Update-Eff is no better */
	assert_int_equal(pur2(2, "<A>2</A>", 3, "<B>3</B>", SH_FEATURE_NOTIF_EFF, &ans), SH_ERROR_FEATURE_UNSUPPORTED);
	assert_true(ans.has_supported_features);
	sh_answer_clear(&ans);
	assert_int_equal(stored_seq(SI_A), 1);
	assert_int_equal(stored_seq(SI_B), 2);
}

/* UDA, PUA and SNA carry the HSS's list (Update-Eff, not Notif-Eff nor Update-Eff-Enhance) when
 * the request carried one, success or error; none otherwise. */
static void answers_carry_the_features_of_the_hss(void **state)
{
	const char *sis[1] = { SI_A };
	const struct sh_repository_data a3 = { .service_indication = SI_A, .sequence_number = 9,
					       .service_data = "<A>9</A>" };
	struct sh_request r;
	struct sh_answer ans = { 0 };

	(void)state;
	request(&r, ALL_FEATURES);
	r.service_indications = sis;
	r.n_service_indications = 1;
	assert_int_equal(sh_udr(lab.client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	assert_true(ans.has_supported_features);
	assert_int_equal(ans.supported_features, SH_FEATURE_UPDATE_EFF);
	sh_answer_clear(&ans);

	assert_int_equal(sh_snr(lab.client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	assert_int_equal(ans.supported_features, SH_FEATURE_UPDATE_EFF);
	sh_answer_clear(&ans);

	assert_int_equal(pur(&a3, 1, SH_FEATURE_UPDATE_EFF, &ans), SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
	assert_true(ans.has_supported_features);
	assert_int_equal(ans.supported_features, SH_FEATURE_UPDATE_EFF);
	sh_answer_clear(&ans);

	r.supported_features = NO_FEATURES;
	assert_int_equal(sh_udr(lab.client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	assert_false(ans.has_supported_features);
	sh_answer_clear(&ans);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(several_instances_are_written_together),
		cmocka_unit_test(a_failing_instance_fails_the_whole),
		cmocka_unit_test(an_instance_in_progress_fails_the_whole),
		cmocka_unit_test(several_instances_need_update_eff),
		cmocka_unit_test(answers_carry_the_features_of_the_hss),
	};
	return cmocka_run_group_tests_name("hss_sh_features", tests, setup, teardown);
}
