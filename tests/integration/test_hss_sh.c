/* The HSS stub serving Sh to libshclient, end to end: a freeDiameterd daemon loading
 * hss_stub.fdx over an LMDB store, and this test process as the AS (libshclient). Every rule
 * and result code of TS 29.328 §6.1 the stub implements is checked by what is answered and by
 * what the store then holds. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "diamkit.h"
#include "fdsend.h"
#include "sh_lab.h"
#include "spawn.h"
#include "store.h"

#define REALM "home.test.localdomain"
#define ALICE "sip:alice@home.test.localdomain"
#define ALICE_IMPI "alice@home.test.localdomain"
#define ALICE_MSISDN "491720000001"
#define BOB "sip:bob@home.test.localdomain"
#define PSI "sip:conference@home.test.localdomain"
#define CAROL_IMPI "carol@home.test.localdomain"
#define CAROL "sip:carol@home.test.localdomain"
#define CAROL_WORK "sip:carol.work@home.test.localdomain"
#define FRANK_IMPI "frank@home.test.localdomain"
#define FRANK "sip:frank@home.test.localdomain"
#define SI "urn:x-test:service"
#define PROSE "urn:x-imstk:prose-profile"
#define MAX_DATA 2048
#define MAX_EXPIRY 3600

static struct sh_lab lab;
static struct sh_client *client;
static struct hss_store *store;

/* ---- PNRs received ------------------------------------------------------------------------- */

static pthread_mutex_t pnr_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pnr_cond = PTHREAD_COND_INITIALIZER;
static int pnr_count;
static char pnr_identity[256];
static char *pnr_xml;
static uint32_t pnr_reply = SH_SUCCESS;

static uint32_t on_pnr(void *arg, const struct sh_notification *n)
{
	uint32_t reply;

	(void)arg;
	pthread_mutex_lock(&pnr_lock);
	reply = pnr_reply; /* read before the test sees this PNR and changes it */
	snprintf(pnr_identity, sizeof pnr_identity, "%s", n->public_identity ? n->public_identity : "");
	free(pnr_xml);
	pnr_xml = strndup(n->user_data, n->user_data_len);
	pnr_count++;
	pthread_cond_broadcast(&pnr_cond);
	pthread_mutex_unlock(&pnr_lock);
	return reply;
}

static void set_pnr_reply(uint32_t code)
{
	pthread_mutex_lock(&pnr_lock);
	pnr_reply = code;
	pthread_mutex_unlock(&pnr_lock);
}

/* Wait until more than 'seen' PNRs came, at most ms; returns the count. */
static int wait_pnr(int seen, int ms)
{
	struct timespec until;
	int n;

	dk_time_in(CLOCK_REALTIME, ms, &until);
	pthread_mutex_lock(&pnr_lock);
	while (pnr_count <= seen && pthread_cond_timedwait(&pnr_cond, &pnr_lock, &until) == 0)
		;
	n = pnr_count;
	pthread_mutex_unlock(&pnr_lock);
	return n;
}

/* ---- the lab ------------------------------------------------------------------------------- */

static const char *subscribers_json =
	"{\"subscribers\": ["
	"{\"impi\": \"" ALICE_IMPI "\","
	" \"impus\": [{\"uri\": \"" ALICE "\", \"type\": \"PUBLIC_USER_IDENTITY\", \"implicit_set\": 1},"
	"            {\"uri\": \"tel:+" ALICE_MSISDN "\", \"type\": \"PUBLIC_USER_IDENTITY\", \"implicit_set\": 1},"
	"            {\"uri\": \"" PSI "\", \"type\": \"DISTINCT_PSI\"}],"
	" \"psi_activation\": {\"" PSI "\": \"ACTIVE\"},"
	" \"msisdns\": [\"" ALICE_MSISDN "\"], \"imsi\": \"001010000000001\","
	" \"ims_user_state\": \"REGISTERED\", \"scscf_name\": \"sip:scscf.home.test.localdomain\","
	" \"charging\": {\"primary_ccf\": \"aaa://ccf.home.test.localdomain\"},"
	" \"dsai\": [{\"tag\": \"presence\", \"value\": \"ACTIVE\", \"server_name\": \"sip:as.home.test.localdomain\"}]},"
	"{\"impi\": \"bob@home.test.localdomain\", \"impus\": [{\"uri\": \"" BOB "\", \"type\": \"PUBLIC_USER_IDENTITY\"}],"
	" \"msisdns\": [\"491720000002\"], \"ims_user_state\": \"NOT_REGISTERED\"},"
	"{\"impi\": \"" CAROL_IMPI "\", \"impus\": [{\"uri\": \"" CAROL "\", \"type\": \"PUBLIC_USER_IDENTITY\"},"
	"            {\"uri\": \"" CAROL_WORK "\", \"type\": \"PUBLIC_USER_IDENTITY\"}],"
	" \"ims_user_state\": \"REGISTERED\"},"
	"{\"impi\": \"" FRANK_IMPI "\", \"impus\": [{\"uri\": \"" FRANK "\"}], \"ims_user_state\": \"REGISTERED\"}],"
	" \"repository_data\": [{\"impu\": \"" BOB "\", \"service_indication\": \"" SI "\","
	"   \"sequence_number\": 65535, \"service_data\": \"<Wrap>65535</Wrap>\"}],"
	" \"as_permissions\": ["
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\", \"update\", \"subs-notif\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 10, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 11, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 12, \"operations\": [\"pull\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 17, \"operations\": [\"pull\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 18, \"operations\": [\"pull\", \"update\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 19, \"operations\": [\"pull\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 32, \"operations\": [\"pull\"]}"
	" ]}";

static int setup(void **state)
{
	char conf[256];

	(void)state;
	snprintf(conf, sizeof conf,
		 "max_repository_data = %d\nmax_expiry = %d\nnotify_interval_ms = 50\ncommit_window_ms = 300\n",
		 MAX_DATA, MAX_EXPIRY);
	if (sh_lab_start(&lab, "hss_sh", REALM, subscribers_json, conf, on_pnr))
		return -1;
	client = lab.client;
	store = lab.store;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(pnr_xml);
	return sh_lab_stop(&lab);
}

/* ---- helpers ------------------------------------------------------------------------------- */

static void request(struct sh_request *r, const char *identity, const int *drs, size_t n_drs)
{
	sh_request_init(r);
	r->identity_kind = identity[0] >= '0' && identity[0] <= '9' ? SH_ID_MSISDN : SH_ID_PUBLIC_IDENTITY;
	r->identity = identity;
	r->data_references = drs;
	r->n_data_references = n_drs;
}

static uint32_t udr(const char *identity, const int *drs, size_t n, const char *si, struct sh_answer *ans)
{
	struct sh_request r;
	const char *sis[1] = { si };

	request(&r, identity, drs, n);
	if (si) {
		r.service_indications = sis;
		r.n_service_indications = 1;
	}
	memset(ans, 0, sizeof *ans);
	assert_int_equal(sh_udr(client, &r, ans), 0);
	return sh_answer_code(ans);
}

/* Sh-Data carrying one RepositoryData instance (service_data NULL: none). */
static char *repository_xml(const char *si, int seq, const char *service_data)
{
	char *xml = NULL;
	size_t len;
	struct sh_data *d = shdata_new();
	struct sh_repository_data *rd = calloc(1, sizeof *rd);

	assert_non_null(d);
	assert_non_null(rd);
	rd->service_indication = strdup(si);
	rd->sequence_number = seq;
	rd->service_data = service_data ? strdup(service_data) : NULL;
	d->repository_data = rd;
	d->n_repository_data = 1;
	assert_int_equal(shdata_write(d, &xml, &len), 0);
	shdata_free(d);
	return xml;
}

static uint32_t pur(const char *impu, const char *si, int seq, const char *service_data)
{
	static const int dr0[] = { 0 };
	struct sh_request r;
	struct sh_answer ans = { 0 };
	char *xml = repository_xml(si, seq, service_data);
	uint32_t code;

	request(&r, impu, dr0, 1);
	r.user_data = xml;
	r.user_data_len = strlen(xml);
	assert_int_equal(sh_pur(client, &r, &ans), 0);
	code = sh_answer_code(&ans);
	sh_answer_clear(&ans);
	free(xml);
	return code;
}

/* The stored sequence number, or -1 when the data does not exist. */
static int stored_seq(const char *impu, const char *si, char **service_data)
{
	struct store_repdata d;
	int seq;

	if (store_repdata_get(store, impu, si, &d))
		return -1;
	seq = (int)d.sequence_number;
	if (service_data)
		*service_data = d.service_data ? strdup(d.service_data) : NULL;
	store_repdata_clear(&d);
	return seq;
}

static uint32_t snr(const char *impu, int dr, const char *si, int subscribe, time_t expiry, struct sh_answer *ans)
{
	struct sh_request r;
	const int drs[1] = { dr };
	const char *sis[1] = { si };

	request(&r, impu, drs, 1);
	if (si) {
		r.service_indications = sis;
		r.n_service_indications = 1;
	}
	r.subs_req_type = subscribe ? 0 : 1;
	r.expiry_time = expiry;
	memset(ans, 0, sizeof *ans);
	assert_int_equal(sh_snr(client, &r, ans), 0);
	return sh_answer_code(ans);
}

static int count_one(const struct store_subscription *s, void *arg)
{
	(void)s;
	(*(int *)arg)++;
	return 0;
}

/* Live subscriptions of our AS to that data, as stored. */
static int subscription_count(const char *impu, int dr, const char *si)
{
	int n = 0;
	assert_int_equal(store_subscription_each(store, impu, dr, si, time(NULL), count_one, &n), 0);
	return n;
}


/* ---- Sh-Pull ------------------------------------------------------------------------------- */

static void udr_reads_several_data_references(void **state)
{
	static const int drs[] = { 10, 11, 12, 17, 32 };
	struct sh_answer ans;
	(void)state;

	assert_int_equal(udr(ALICE, drs, 5, NULL, &ans), SH_SUCCESS);
	assert_non_null(ans.data);
	assert_int_equal(ans.data->n_public_identities, 3);
	assert_string_equal(ans.data->public_identities[0], ALICE);
	assert_int_equal(ans.data->ims_user_state, 1); /* REGISTERED */
	assert_string_equal(ans.data->scscf_name, "sip:scscf.home.test.localdomain");
	assert_int_equal(ans.data->n_msisdns, 1);
	assert_string_equal(ans.data->msisdns[0], ALICE_MSISDN);
	assert_string_equal(ans.data->imsi, "001010000000001");
	sh_answer_clear(&ans);
}

/* Data the user does not have is left out (TS 29.328 §6.1.1, no Notif-Eff): carol has no S-CSCF
 * name, MSISDN or IMSI, so a UDR of any of them is a success without User-Data, and one that
 * also asks for her IMS user state carries that alone (no empty SCSCFName or PublicIdentifiers). */
static void udr_of_data_the_user_lacks_has_no_user_data(void **state)
{
	static const int lacking[][3] = { { 12 }, { 17 }, { 32 }, { 12, 17, 32 } };
	static const int with_state[] = { 11, 12, 17, 32 };
	struct sh_answer ans;
	(void)state;

	for (size_t i = 0; i < sizeof lacking / sizeof lacking[0]; i++) {
		size_t n = lacking[i][1] ? 3 : 1;

		assert_int_equal(udr(CAROL, lacking[i], n, NULL, &ans), SH_SUCCESS);
		if (ans.user_data)
			fail_msg("DR %d: %.*s", lacking[i][0], (int)ans.user_data_len, ans.user_data);
		sh_answer_clear(&ans);
	}
	assert_int_equal(udr(CAROL, with_state, 4, NULL, &ans), SH_SUCCESS);
	assert_non_null(ans.data);
	assert_int_equal(ans.data->ims_user_state, 1); /* REGISTERED */
	assert_false(ans.data->has_scscf_name);
	assert_false(ans.data->has_public_identifiers);
	assert_null(ans.data->imsi);
	sh_answer_clear(&ans);
}

static void udr_by_msisdn_as_the_table_allows(void **state)
{
	static const int dr17[] = { 17 }, dr11[] = { 11 }, dr0[] = { 0 };
	struct sh_answer ans;
	(void)state;

	assert_int_equal(udr(ALICE_MSISDN, dr17, 1, NULL, &ans), SH_SUCCESS);
	assert_string_equal(ans.data->msisdns[0], ALICE_MSISDN);
	sh_answer_clear(&ans);
	/* IMSUserState and repository data are not accessible by MSISDN */
	assert_int_equal(udr(ALICE_MSISDN, dr11, 1, NULL, &ans), SH_ERROR_OPERATION_NOT_ALLOWED);
	sh_answer_clear(&ans);
	assert_int_equal(udr(ALICE_MSISDN, dr0, 1, SI, &ans), SH_ERROR_OPERATION_NOT_ALLOWED);
	sh_answer_clear(&ans);
}

static void udr_errors(void **state)
{
	static const int dr11[] = { 11 }, dr16[] = { 16 }, dr18[] = { 18 };
	struct sh_answer ans;
	struct sh_request r;
	(void)state;

	assert_int_equal(udr("sip:nobody@home.test.localdomain", dr11, 1, NULL, &ans), SH_ERROR_USER_UNKNOWN);
	sh_answer_clear(&ans);
	/* no Pull permission for ChargingInformation */
	assert_int_equal(udr(ALICE, dr16, 1, NULL, &ans), SH_ERROR_USER_DATA_CANNOT_BE_READ);
	sh_answer_clear(&ans);
	/* PSIActivation needs a distinct PSI */
	assert_int_equal(udr(ALICE, dr18, 1, NULL, &ans), SH_ERROR_OPERATION_NOT_ALLOWED);
	sh_answer_clear(&ans);
	assert_int_equal(udr(PSI, dr18, 1, NULL, &ans), SH_SUCCESS);
	assert_int_equal(ans.data->psi_activation, 1);
	sh_answer_clear(&ans);
	/* a private identity that is not the user's */
	request(&r, ALICE, dr11, 1);
	r.user_name = "bob@home.test.localdomain";
	assert_int_equal(sh_udr(client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_ERROR_IDENTITIES_DONT_MATCH);
	sh_answer_clear(&ans);
	r.user_name = ALICE_IMPI;
	assert_int_equal(sh_udr(client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	sh_answer_clear(&ans);
}

/* A Data-Reference without the AVP its access key needs: libshclient refuses to send it, and
 * the HSS answers such a request (built here by hand) DIAMETER_MISSING_AVP. */
static void udr_without_its_access_key(void **state)
{
	static const int dr0[] = { 0 };
	struct dictionary *d = fd_g_config->cnf_dict;
	struct dict_object *cmd = NULL, *ui_model = NULL, *pub = NULL, *dr = NULL;
	struct msg *req = NULL, *ans = NULL;
	struct avp *ui = NULL;
	struct sh_answer a;
	struct sh_request r;
	struct dk_result res;
	uint32_t failed = 0;
	char text[128];
	(void)state;

	request(&r, ALICE, dr0, 1);
	assert_int_equal(sh_udr(client, &r, &a), EINVAL);
	sh_answer_clear(&a);

	assert_int_equal(dk_find_command(d, "User-Data-Request", &cmd), 0);
	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "User-Identity", &ui_model), 0);
	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "Public-Identity", &pub), 0);
	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "Data-Reference", &dr), 0);
	assert_int_equal(dk_base_init(), 0);
	assert_int_equal(fdsend_new_request(cmd, REALM, 16777217, &req), 0);
	assert_int_equal(dk_add_group(req, ui_model, &ui), 0);
	assert_int_equal(dk_add_str(ui, pub, ALICE), 0);
	assert_int_equal(dk_add_i32(req, dr, 19), 0); /* DSAI needs Server-Name */
	assert_int_equal(fdsend_wait(&req, 5000, &ans), 0);
	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.vendor, 0);
	assert_int_equal(res.code, 5005);
	assert_int_equal(dk_get_str(ans, dk_base.error_message, text, sizeof text), 0);
	assert_non_null(strstr(text, "Server-Name"));
	assert_int_equal(dk_get_failed_avp_code(ans, &failed), 0); /* an example (RFC 6733 §7.5) */
	assert_int_equal(failed, 602);                             /* Server-Name */
	fd_msg_free(ans);
}

/* An Enumerated AVP with a value its type does not list (Identity-Set 7): 5004 naming it. */
static void undefined_enumerated_value_is_5004(void **state)
{
	struct dict_object *cmd = NULL, *ui_model = NULL, *pub = NULL, *dr = NULL, *si = NULL, *identity_set = NULL;
	struct dictionary *d = fd_g_config->cnf_dict;
	struct msg *req = NULL, *ans = NULL;
	struct avp *ui = NULL;
	struct dk_result res;
	uint32_t failed = 0;
	(void)state;

	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "User-Identity", &ui_model), 0);
	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "Public-Identity", &pub), 0);
	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "Data-Reference", &dr), 0);
	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "Service-Indication", &si), 0);
	assert_int_equal(dk_find_avp(d, DK_VENDOR_3GPP, "Identity-Set", &identity_set), 0);
	assert_int_equal(dk_find_command(d, "User-Data-Request", &cmd), 0);
	assert_int_equal(fdsend_new_request(cmd, REALM, 16777217, &req), 0);
	assert_int_equal(dk_add_group(req, ui_model, &ui), 0);
	assert_int_equal(dk_add_str(ui, pub, BOB), 0);
	assert_int_equal(dk_add_i32(req, dr, 0), 0);
	assert_int_equal(dk_add_str(req, si, SI), 0);
	assert_int_equal(dk_add_i32(req, identity_set, 7), 0); /* 0 to 3 */
	assert_int_equal(fdsend_wait(&req, 5000, &ans), 0);
	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.code, 5004);
	assert_int_equal(dk_get_failed_avp_code(ans, &failed), 0);
	assert_int_equal(failed, 708);
	fd_msg_free(ans);
}

/* ---- Sh-Update ----------------------------------------------------------------------------- */

static void pur_creates_updates_and_deletes(void **state)
{
	static const int dr0[] = { 0 };
	struct sh_answer ans;
	char *data = NULL;
	(void)state;

	assert_int_equal(stored_seq(ALICE, SI, NULL), -1);
	assert_int_equal(pur(ALICE, SI, 0, "<Item>one</Item>"), SH_SUCCESS);
	assert_int_equal(stored_seq(ALICE, SI, &data), 0);
	assert_string_equal(data, "<Item>one</Item>");
	free(data);
	/* creating what exists */
	assert_int_equal(pur(ALICE, SI, 0, "<Item>again</Item>"), SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
	assert_int_equal(pur(ALICE, SI, 1, "<Item>two</Item>"), SH_SUCCESS);
	/* not the successor: nothing changes */
	assert_int_equal(pur(ALICE, SI, 1, "<Item>stale</Item>"), SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
	assert_int_equal(pur(ALICE, SI, 5, "<Item>ahead</Item>"), SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
	assert_int_equal(stored_seq(ALICE, SI, &data), 1);
	assert_string_equal(data, "<Item>two</Item>");
	free(data);
	/* UDR reads what was written */
	assert_int_equal(udr(ALICE, dr0, 1, SI, &ans), SH_SUCCESS);
	assert_int_equal(ans.data->n_repository_data, 1);
	assert_int_equal(ans.data->repository_data[0].sequence_number, 1);
	assert_string_equal(ans.data->repository_data[0].service_data, "<Item>two</Item>");
	sh_answer_clear(&ans);
	/* no ServiceData: delete */
	assert_int_equal(pur(ALICE, SI, 2, NULL), SH_SUCCESS);
	assert_int_equal(stored_seq(ALICE, SI, NULL), -1);
	/* deleting what does not exist */
	assert_int_equal(pur(ALICE, SI, 0, NULL), SH_ERROR_OPERATION_NOT_ALLOWED);
	/* UDR of absent data: success, no User-Data */
	assert_int_equal(udr(ALICE, dr0, 1, SI, &ans), SH_SUCCESS);
	assert_null(ans.user_data);
	sh_answer_clear(&ans);
}

static void pur_sequence_number_wraps_to_1(void **state)
{
	(void)state;
	assert_int_equal(stored_seq(BOB, SI, NULL), 65535);
	assert_int_equal(pur(BOB, SI, 0, "<Wrap>zero</Wrap>"), SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
	assert_int_equal(pur(BOB, SI, 1, "<Wrap>1</Wrap>"), SH_SUCCESS);
	assert_int_equal(stored_seq(BOB, SI, NULL), 1);
}

static void pur_refusals(void **state)
{
	static const int dr19[] = { 19 };
	char big[MAX_DATA + 64];
	struct sh_request r;
	struct sh_answer ans;
	(void)state;

	memset(big, 'x', sizeof big);
	memcpy(big, "<Big>", 5);
	strcpy(big + sizeof big - 7, "</Big>");
	assert_int_equal(pur(ALICE, "urn:x-test:big", 0, big), SH_ERROR_TOO_MUCH_DATA);
	assert_int_equal(stored_seq(ALICE, "urn:x-test:big", NULL), -1);
	/* no Update permission for DSAI */
	request(&r, ALICE, dr19, 1);
	r.server_name = "sip:as.home.test.localdomain";
	r.user_data = "<Sh-Data/>";
	r.user_data_len = 10;
	assert_int_equal(sh_pur(client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_ERROR_USER_DATA_CANNOT_BE_MODIFIED);
	sh_answer_clear(&ans);
	/* unknown user */
	assert_int_equal(pur("sip:nobody@home.test.localdomain", SI, 0, "<A/>"), SH_ERROR_USER_UNKNOWN);
}

static void pur_checks_prose_profiles(void **state)
{
	static const char *good = "<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\">"
				  "<Permission>direct-discovery epc-discovery</Permission><RangeClass>2</RangeClass>"
				  "</ProSeProfile>";
	static const char *bad = "<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\">"
				 "<Permission>direct-discovery epc-discovery</Permission><RangeClass>9</RangeClass>"
				 "</ProSeProfile>";
	(void)state;

	assert_int_equal(pur(ALICE, PROSE, 0, bad), SH_ERROR_USER_DATA_NOT_RECOGNIZED);
	assert_int_equal(stored_seq(ALICE, PROSE, NULL), -1);
	assert_int_equal(pur(ALICE, PROSE, 0, good), SH_SUCCESS);
	assert_int_equal(stored_seq(ALICE, PROSE, NULL), 0);
}

/* Two updates of the same data at once: the second finds the first in progress (4101). The HSS
 * gathers PURs for commit_window_ms (300 ms here) before committing them. */
struct async_result {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int done;
	uint32_t codes[2];
};

static void on_answer(void *arg, int status, struct sh_answer *answer)
{
	struct async_result *res = arg;
	pthread_mutex_lock(&res->lock);
	res->codes[res->done++] = status ? 0 : sh_answer_code(answer);
	pthread_cond_signal(&res->cond);
	pthread_mutex_unlock(&res->lock);
}

static void pur_concurrent_update_is_refused(void **state)
{
	static const int dr0[] = { 0 };
	struct async_result res = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, { 0, 0 } };
	char *xml = repository_xml("urn:x-test:race", 0, "<Race/>");
	struct sh_request r;
	(void)state;

	request(&r, ALICE, dr0, 1);
	r.user_data = xml;
	r.user_data_len = strlen(xml);
	assert_int_equal(sh_pur_async(client, &r, on_answer, &res), 0);
	assert_int_equal(sh_pur_async(client, &r, on_answer, &res), 0);
	pthread_mutex_lock(&res.lock);
	while (res.done < 2)
		pthread_cond_wait(&res.cond, &res.lock);
	pthread_mutex_unlock(&res.lock);
	free(xml);
	assert_true((res.codes[0] == SH_SUCCESS && res.codes[1] == SH_PRIOR_UPDATE_IN_PROGRESS) ||
		    (res.codes[1] == SH_SUCCESS && res.codes[0] == SH_PRIOR_UPDATE_IN_PROGRESS));
	assert_int_equal(stored_seq(ALICE, "urn:x-test:race", NULL), 0);
}

static void pur_of_psi_activation(void **state)
{
	static const int dr18[] = { 18 };
	struct sh_data *d = shdata_new();
	struct sh_request r;
	struct sh_answer ans;
	char *xml;
	size_t len;
	json_t *doc = NULL;
	(void)state;

	d->psi_activation = 0;
	assert_int_equal(shdata_write(d, &xml, &len), 0);
	shdata_free(d);
	request(&r, PSI, dr18, 1);
	r.user_data = xml;
	r.user_data_len = len;
	assert_int_equal(sh_pur(client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	free(xml);
	assert_int_equal(store_subscriber_get(store, STORE_IMPU, PSI, &doc), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "psi_activation"), PSI)), "INACTIVE");
	json_decref(doc);
}

/* ---- Sh-Subs-Notif and Sh-Notif ------------------------------------------------------------ */

static void snr_then_pnr_on_update_and_delete(void **state)
{
	struct sh_answer ans;
	time_t asked = time(NULL) + 10 * MAX_EXPIRY;
	int seen;
	(void)state;

	/* absent data cannot be subscribed to */
	assert_int_equal(snr(ALICE, 0, "urn:x-test:watched", 1, 0, &ans), SH_ERROR_SUBS_DATA_ABSENT);
	sh_answer_clear(&ans);
	assert_int_equal(pur(ALICE, "urn:x-test:watched", 0, "<W>0</W>"), SH_SUCCESS);
	assert_int_equal(sh_lab_settle(&lab), 0);
	/* the expiry granted is shortened to the HSS's maximum */
	assert_int_equal(snr(ALICE, 0, "urn:x-test:watched", 1, asked, &ans), SH_SUCCESS);
	assert_true(ans.expiry_time > time(NULL) && ans.expiry_time <= time(NULL) + MAX_EXPIRY);
	sh_answer_clear(&ans);
	assert_int_equal(subscription_count(ALICE, 0, "urn:x-test:watched"), 1);

	seen = wait_pnr(-1, 0);
	assert_int_equal(pur(ALICE, "urn:x-test:watched", 1, "<W>1</W>"), SH_SUCCESS);
	assert_int_equal(wait_pnr(seen, 3000), seen + 1);
	assert_string_equal(pnr_identity, ALICE);
	assert_non_null(strstr(pnr_xml, "<W>1</W>"));

	/* deletion is notified (RepositoryData without ServiceData), then the subscription ends */
	seen = wait_pnr(-1, 0);
	assert_int_equal(pur(ALICE, "urn:x-test:watched", 2, NULL), SH_SUCCESS);
	assert_int_equal(wait_pnr(seen, 3000), seen + 1);
	assert_non_null(strstr(pnr_xml, "urn:x-test:watched"));
	assert_null(strstr(pnr_xml, "ServiceData"));
	assert_int_equal(subscription_count(ALICE, 0, "urn:x-test:watched"), 0);
}

/* Send-Data-Indication: the SNA carries the current data. */
static void snr_with_the_current_data(void **state)
{
	static const int dr11[] = { 11 };
	struct sh_request r;
	struct sh_answer ans;
	(void)state;

	request(&r, BOB, dr11, 1);
	r.subs_req_type = 0;
	r.send_data_indication = 1;
	assert_int_equal(sh_snr(client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	assert_non_null(ans.data);
	assert_int_equal(ans.data->ims_user_state, 0); /* NOT_REGISTERED */
	sh_answer_clear(&ans);
	r.send_data_indication = SH_UNSET;
	r.subs_req_type = 1;
	assert_int_equal(sh_snr(client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), SH_SUCCESS);
	assert_null(ans.user_data);
	sh_answer_clear(&ans);
	assert_int_equal(subscription_count(BOB, 11, NULL), 0);
}

static void snr_refusals(void **state)
{
	struct sh_answer ans;
	(void)state;
	/* no Subs-Notif permission for the S-CSCF name */
	assert_int_equal(snr(ALICE, 12, NULL, 1, 0, &ans), SH_ERROR_USER_DATA_CANNOT_BE_NOTIFIED);
	sh_answer_clear(&ans);
	/* Location is Pull only */
	assert_int_equal(snr(ALICE, 14, NULL, 1, 0, &ans), SH_ERROR_USER_DATA_CANNOT_BE_NOTIFIED);
	sh_answer_clear(&ans);
	assert_int_equal(snr("sip:nobody@home.test.localdomain", 11, NULL, 1, 0, &ans), SH_ERROR_USER_UNKNOWN);
	sh_answer_clear(&ans);
}

/* hss-ctl on the store while the daemon runs. */
static void hss_ctl(const char *args)
{
	assert_int_equal(sh_lab_hss_ctl(&lab, args), 0);
}

/* A change made with hss-ctl while the daemon runs is notified within a second. */
static void pnr_after_hss_ctl_change(void **state)
{
	struct sh_answer ans;
	int seen;
	(void)state;

	assert_int_equal(snr(ALICE, 11, NULL, 1, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	seen = wait_pnr(-1, 0);
	hss_ctl("set " ALICE_IMPI " ims_user_state '\"NOT_REGISTERED\"'");
	assert_int_equal(wait_pnr(seen, 1000), seen + 1);
	assert_non_null(strstr(pnr_xml, "<IMSUserState>0</IMSUserState>"));
	/* the PNA says the user is unknown: the HSS drops our subscriptions for it */
	set_pnr_reply(SH_ERROR_USER_UNKNOWN);
	seen = wait_pnr(-1, 0);
	hss_ctl("set " ALICE_IMPI " ims_user_state '\"REGISTERED\"'");
	assert_int_equal(wait_pnr(seen, 1000), seen + 1);
	set_pnr_reply(SH_SUCCESS);
	for (int i = 0; i < 100 && subscription_count(ALICE, 11, NULL); i++)
		usleep(10000);
	assert_int_equal(subscription_count(ALICE, 11, NULL), 0);
}

/* Notified changes leave the change log (within the notifier's trim interval, a second), and a
 * change is notified once although the log is read again at every round. */
static void notified_changes_leave_the_log(void **state)
{
	struct store_change changes[4];
	struct sh_answer ans;
	size_t n = 1;
	int seen;
	(void)state;

	assert_int_equal(pur(BOB, "urn:x-test:logged", 0, "<L>0</L>"), SH_SUCCESS);
	assert_int_equal(sh_lab_settle(&lab), 0);
	assert_int_equal(snr(BOB, 0, "urn:x-test:logged", 1, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	seen = wait_pnr(-1, 0);
	assert_int_equal(pur(BOB, "urn:x-test:logged", 1, "<L>1</L>"), SH_SUCCESS);
	assert_int_equal(wait_pnr(seen, 3000), seen + 1);
	for (int i = 0; i < 300 && n; i++) {
		assert_int_equal(store_changes_since(store, 0, changes, 4, &n), 0);
		usleep(10000);
	}
	assert_int_equal(n, 0);
	assert_int_equal(wait_pnr(seen, 0), seen + 1);
}

/* Wait until the PNR about impu came, at most ms: whether it came. */
static int wait_pnr_for(const char *impu, int seen, int ms)
{
	for (int waited = 0; waited < ms; waited += 50) {
		int n = wait_pnr(seen, 50);
		pthread_mutex_lock(&pnr_lock);
		int found = n > seen && !strcmp(pnr_identity, impu);
		pthread_mutex_unlock(&pnr_lock);
		if (found)
			return 1;
		seen = n;
	}
	return 0;
}

/* An identity taken from its subscriber (hss-ctl) is named in DeletedIdentities in a PNR to the
 * AS subscribed to it, and the subscription ends with it. */
static void pnr_names_a_removed_identity(void **state)
{
	struct sh_answer ans;
	int seen;
	(void)state;

	assert_int_equal(snr(CAROL_WORK, 11, NULL, 1, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	seen = wait_pnr(-1, 0);
	hss_ctl("set " CAROL_IMPI " impus '[{\"uri\": \"" CAROL "\", \"type\": \"PUBLIC_USER_IDENTITY\"}]'");
	assert_true(wait_pnr_for(CAROL_WORK, seen, 2000));
	assert_non_null(strstr(pnr_xml, "<DeletedIdentities><IMSPublicIdentity>" CAROL_WORK
					"</IMSPublicIdentity></DeletedIdentities>"));
	assert_int_equal(subscription_count(CAROL_WORK, 11, NULL), 0);
}

/* A subscriber deleted (hss-ctl): each subscription to its identity gets a PNR naming it in
 * DeletedIdentities, the one to repository data with the data shown deleted too. */
static void pnr_names_the_identities_of_a_deleted_subscriber(void **state)
{
	struct sh_answer ans;
	int seen;
	(void)state;

	assert_int_equal(pur(CAROL, "urn:x-test:carol", 0, "<C>0</C>"), SH_SUCCESS);
	assert_int_equal(sh_lab_settle(&lab), 0);
	assert_int_equal(snr(CAROL, 0, "urn:x-test:carol", 1, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	assert_int_equal(snr(CAROL, 11, NULL, 1, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	seen = wait_pnr(-1, 0);
	hss_ctl("delete " CAROL_IMPI);
	assert_true(wait_pnr(seen, 2000) >= seen + 1);
	for (int i = 0; i < 40 && wait_pnr(seen + 1, 50) < seen + 2; i++)
		;
	assert_int_equal(wait_pnr(seen, 0), seen + 2);
	assert_string_equal(pnr_identity, CAROL);
	assert_non_null(strstr(pnr_xml, "<DeletedIdentities><IMSPublicIdentity>" CAROL "</IMSPublicIdentity>"));
	assert_int_equal(subscription_count(CAROL, 0, "urn:x-test:carol"), 0);
	assert_int_equal(subscription_count(CAROL, 11, NULL), 0);
}

/* An identity that moves to another subscriber in one transaction (hss-ctl import) is deleted for
 * the AS subscribed to it under the first one: its PNR names it in DeletedIdentities although the
 * store has the identity again when the notifier runs, and the subscription is gone. */
static void pnr_names_an_identity_given_to_another_subscriber(void **state)
{
	char path[PATH_MAX], args[PATH_MAX + 16];
	struct sh_answer ans;
	int seen;
	(void)state;

	assert_int_equal(snr(FRANK, 11, NULL, 1, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	seen = wait_pnr(-1, 0);
	snprintf(path, sizeof path, "%s/move.json", lab.net.dir);
	assert_int_equal(write_text_file(path,
		"{\"subscribers\": ["
		"{\"impi\": \"" FRANK_IMPI "\", \"impus\": [{\"uri\": \"sip:frank.old@home.test.localdomain\"}]},"
		"{\"impi\": \"grace@home.test.localdomain\", \"impus\": [{\"uri\": \"" FRANK "\"}]}]}"), 0);
	snprintf(args, sizeof args, "import '%s'", path);
	hss_ctl(args);
	assert_true(wait_pnr_for(FRANK, seen, 2000));
	assert_non_null(strstr(pnr_xml, "<DeletedIdentities><IMSPublicIdentity>" FRANK "</IMSPublicIdentity>"));
	assert_int_equal(subscription_count(FRANK, 11, NULL), 0);
}

static void expired_subscription_gets_nothing(void **state)
{
	struct sh_answer ans;
	int seen;
	(void)state;

	assert_int_equal(pur(ALICE, "urn:x-test:brief", 0, "<B>0</B>"), SH_SUCCESS);
	assert_int_equal(snr(ALICE, 0, "urn:x-test:brief", 1, time(NULL) + 1, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	sleep(2);
	seen = wait_pnr(-1, 0);
	assert_int_equal(pur(ALICE, "urn:x-test:brief", 1, "<B>1</B>"), SH_SUCCESS);
	assert_int_equal(wait_pnr(seen, 1500), seen);
}

static void unsubscribed_gets_nothing(void **state)
{
	struct sh_answer ans;
	int seen;
	(void)state;

	assert_int_equal(pur(BOB, "urn:x-test:quiet", 0, "<Q>0</Q>"), SH_SUCCESS);
	assert_int_equal(sh_lab_settle(&lab), 0);
	assert_int_equal(snr(BOB, 0, "urn:x-test:quiet", 1, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	assert_int_equal(snr(BOB, 0, "urn:x-test:quiet", 0, 0, &ans), SH_SUCCESS);
	sh_answer_clear(&ans);
	assert_int_equal(subscription_count(BOB, 0, "urn:x-test:quiet"), 0);
	seen = wait_pnr(-1, 0);
	assert_int_equal(pur(BOB, "urn:x-test:quiet", 1, "<Q>1</Q>"), SH_SUCCESS);
	assert_int_equal(wait_pnr(seen, 1000), seen);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(udr_reads_several_data_references),
		cmocka_unit_test(udr_of_data_the_user_lacks_has_no_user_data),
		cmocka_unit_test(udr_by_msisdn_as_the_table_allows),
		cmocka_unit_test(udr_errors),
		cmocka_unit_test(udr_without_its_access_key),
		cmocka_unit_test(undefined_enumerated_value_is_5004),
		cmocka_unit_test(pur_creates_updates_and_deletes),
		cmocka_unit_test(pur_sequence_number_wraps_to_1),
		cmocka_unit_test(pur_refusals),
		cmocka_unit_test(pur_checks_prose_profiles),
		cmocka_unit_test(pur_concurrent_update_is_refused),
		cmocka_unit_test(pur_of_psi_activation),
		cmocka_unit_test(snr_then_pnr_on_update_and_delete),
		cmocka_unit_test(snr_with_the_current_data),
		cmocka_unit_test(snr_refusals),
		cmocka_unit_test(pnr_after_hss_ctl_change),
		cmocka_unit_test(notified_changes_leave_the_log),
		cmocka_unit_test(pnr_names_a_removed_identity),
		cmocka_unit_test(pnr_names_the_identities_of_a_deleted_subscriber),
		cmocka_unit_test(pnr_names_an_identity_given_to_another_subscriber),
		cmocka_unit_test(expired_subscription_gets_nothing),
		cmocka_unit_test(unsubscribed_gets_nothing),
	};
	return cmocka_run_group_tests_name("hss_sh", tests, setup, teardown);
}
