/* app_ocs.fdx in a freeDiameterd daemon (Debian's dict_dcca and dict_dcca_3gpp, our extension and
 * its LMDB store), and this test process as the charging client (embedded libfdcore) sending CCRs:
 * session reserve / debit / release arithmetic read back from the store and with ocs-ctl, events
 * with each Requested-Action, 4012, 5030, 5031, expiry of a reservation, retransmissions that
 * change nothing twice, bad requests answered with the base error and Failed-AVP, and CCRs of
 * seeded random values (each answered, no account credited by a debit or overflowing). */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "diamkit.h"
#include "fdnet.h"
#include "fdsend.h"
#include "hostile.h"
#include "latency.h"
#include "ocsstore.h"
#include "spawn.h"

#define REALM "test.localdomain"
#define ANSWER_TIMEOUT_MS 5000
#define SERVICE_CONTEXT "32260@3gpp.org"

/* CC-Request-Type, Requested-Action */
enum { INITIAL = 1, UPDATE = 2, TERMINATION = 3, EVENT = 4 };
enum { DIRECT_DEBITING = 0, REFUND_ACCOUNT = 1, CHECK_BALANCE = 2, PRICE_ENQUIRY = 3 };

/* The rating table: rg:10 2 cents a second, 60 s a grant, valid 30 s; rg:20 the same but valid
 * 2 s; si:7 1.50 an event; rg:30 1 cent a kilobyte, 100 kB a grant. */
static const char rating[] = "rating = rg:10 time 2 60 30\n"
			     "rating = rg:20 time 1 10 2\n"
			     "rating = si:7 event 150 1 0\n"
			     "rating = rg:30 volume 1 100 60\n";

static struct fdnet net;
static struct fdnet_node *ocs, *pcef;
static struct ocs_store *store;
static struct fd_hook_hdl *quiet;
static char store_dir[PATH_MAX];

static struct {
	struct dict_object *ccr, *service_context_id, *cc_request_type, *cc_request_number, *requested_action,
		*subscription_id, *subscription_id_type, *subscription_id_data, *mscc, *rsu, *usu, *gsu,
		*service_identifier, *rating_group, *validity_time, *cc_time, *cc_total_octets, *cc_input_octets,
		*cc_output_octets,
		*cc_service_specific_units, *check_balance_result, *cost_information, *unit_value, *value_digits,
		*exponent, *currency_code, *cost_unit;
	/* TS 32.299 (dict_dcca_3gpp, dict_charging) */
	struct dict_object *service_information, *lcs_information, *lcs_client_id, *lcs_client_type,
		*prose_information, *prose_event_type;
} d;

/* Accounts: alice (E.164, 10.00 EUR), carol (IMSI, 0.50 EUR), erin (SIP URI, 20.00 EUR), dave
 * (NAI, 5.00 EUR), frank: */
static const struct ocs_subscription alice = { OCS_ID_E164, "33600000001" };
static const struct ocs_subscription carol = { OCS_ID_IMSI, "001010000000003" };
static const struct ocs_subscription erin = { OCS_ID_SIP_URI, "sip:erin@test.localdomain" };
static const struct ocs_subscription dave = { OCS_ID_NAI, "dave@test.localdomain" };
static const struct ocs_subscription frank = { OCS_ID_E164, "33600000009" }; /* 100.00 EUR */

static int find_models(void)
{
	struct dictionary *dict = fd_g_config->cnf_dict;
	const struct {
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ "Service-Context-Id", &d.service_context_id },
		{ "CC-Request-Type", &d.cc_request_type },
		{ "CC-Request-Number", &d.cc_request_number },
		{ "Requested-Action", &d.requested_action },
		{ "Subscription-Id", &d.subscription_id },
		{ "Subscription-Id-Type", &d.subscription_id_type },
		{ "Subscription-Id-Data", &d.subscription_id_data },
		{ "Multiple-Services-Credit-Control", &d.mscc },
		{ "Requested-Service-Unit", &d.rsu },
		{ "Used-Service-Unit", &d.usu },
		{ "Granted-Service-Unit", &d.gsu },
		{ "Service-Identifier", &d.service_identifier },
		{ "Rating-Group", &d.rating_group },
		{ "Validity-Time", &d.validity_time },
		{ "CC-Time", &d.cc_time },
		{ "CC-Total-Octets", &d.cc_total_octets },
		{ "CC-Input-Octets", &d.cc_input_octets },
		{ "CC-Output-Octets", &d.cc_output_octets },
		{ "CC-Service-Specific-Units", &d.cc_service_specific_units },
		{ "Check-Balance-Result", &d.check_balance_result },
		{ "Cost-Information", &d.cost_information },
		{ "Unit-Value", &d.unit_value },
		{ "Value-Digits", &d.value_digits },
		{ "Exponent", &d.exponent },
		{ "Currency-Code", &d.currency_code },
		{ "Cost-Unit", &d.cost_unit },
	};

	const struct {
		const char *name;
		struct dict_object **obj;
	} avps_3gpp[] = {
		{ "Service-Information", &d.service_information }, { "LCS-Information", &d.lcs_information },
		{ "LCS-Client-Id", &d.lcs_client_id },             { "LCS-Client-Type", &d.lcs_client_type },
		{ "ProSe-Information", &d.prose_information },     { "ProSe-Event-Type", &d.prose_event_type },
	};

	for (size_t i = 0; i < sizeof avps / sizeof avps[0]; i++)
		if (dk_find_avp(dict, 0, avps[i].name, avps[i].obj))
			return -1;
	for (size_t i = 0; i < sizeof avps_3gpp / sizeof avps_3gpp[0]; i++)
		if (dk_find_avp(dict, DK_VENDOR_3GPP, avps_3gpp[i].name, avps_3gpp[i].obj))
			return -1;
	return dk_base_init() || dk_find_command(dict, "Credit-Control-Request", &d.ccr);
}

static int provision(void)
{
	struct ocs_currency eur;
	const struct {
		const struct ocs_subscription *id;
		uint64_t balance;
	} accounts[] = { { &alice, 1000 }, { &carol, 50 }, { &erin, 2000 }, { &dave, 500 },
			{ &frank, 10000 } };

	snprintf(store_dir, sizeof store_dir, "%s/store", net.dir);
	if (ocs_store_open(store_dir, 1, &store) || ocs_currency_find("EUR", &eur))
		return -1;
	for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++)
		if (ocs_account_create(store, accounts[i].id, &eur, accounts[i].balance))
			return -1;
	return 0;
}

static int setup(void **state)
{
	char conf[PATH_MAX], text[2 * PATH_MAX];
	struct dict_object *app = NULL;

	(void)state;
	if (fdnet_init(&net, "ocs") || provision())
		return -1;
	snprintf(conf, sizeof conf, "%s/app_ocs.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\ncurrency = EUR\n%s", store_dir, rating);
	if (write_text_file(conf, text))
		return -1;
	ocs = fdnet_add(&net, "ocs", REALM);
	pcef = fdnet_add_embedded(&net, "pcef", REALM);
	if (!ocs || !pcef)
		return -1;
	fdnet_load_charging_dictionaries(ocs);
	fdnet_load(ocs, fdnet_fdx("app_ocs"), conf);
	fdnet_load_charging_dictionaries(pcef);
	fdnet_link(&net, pcef, ocs);
	if (fdnet_start(&net) || fdnet_embedded_parse(pcef) || find_models() ||
	    dk_find_application(fd_g_config->cnf_dict, 4, &app) || fd_disp_app_support(app, NULL, 1, 0) ||
	    dk_quiet_messages(&quiet))
		return -1;
	return fdnet_embedded_start(&net, pcef);
}

static int teardown(void **state)
{
	(void)state;
	if (quiet)
		fd_hook_unregister(quiet);
	fdnet_embedded_stop();
	ocs_store_close(store);
	return fdnet_stop(&net);
}

/* ---- requests ---------------------------------------------------------------------------------- */

/* A CCR of that session with its mandatory AVPs; type < 0 leaves CC-Request-Type out, id NULL the
 * Subscription-Id. */
static struct msg *new_ccr(const char *session, int32_t type, uint32_t number, const struct ocs_subscription *id)
{
	char sid[256];
	struct msg *req = NULL;
	struct avp *g = NULL;

	snprintf(sid, sizeof sid, "%s;%s", pcef->identity, session);
	assert_int_equal(fd_msg_new(d.ccr, MSGFL_ALLOC_ETEID, &req), 0);
	assert_int_equal(dk_add_str(req, dk_base.session_id, sid), 0);
	assert_int_equal(fd_msg_add_origin(req, 0), 0);
	assert_int_equal(dk_add_str(req, dk_base.destination_realm, REALM), 0);
	assert_int_equal(dk_add_str(req, dk_base.destination_host, ocs->identity), 0);
	assert_int_equal(dk_add_u32(req, dk_base.auth_application_id, 4), 0);
	assert_int_equal(dk_add_str(req, d.service_context_id, SERVICE_CONTEXT), 0);
	if (type >= 0)
		assert_int_equal(dk_add_i32(req, d.cc_request_type, type), 0);
	assert_int_equal(dk_add_u32(req, d.cc_request_number, number), 0);
	if (id) {
		assert_int_equal(dk_add_group(req, d.subscription_id, &g), 0);
		assert_int_equal(dk_add_i32(g, d.subscription_id_type, (int32_t)id->type), 0);
		assert_int_equal(dk_add_str(g, d.subscription_id_data, id->data), 0);
	}
	return req;
}

static struct msg *new_event(const char *session, int32_t action, const struct ocs_subscription *id)
{
	struct msg *req = new_ccr(session, EVENT, 0, id);

	assert_int_equal(dk_add_i32(req, d.requested_action, action), 0);
	return req;
}

/* An MSCC for a rating group (or, si, a Service-Identifier). */
static struct avp *add_mscc(struct msg *req, int si, uint32_t id)
{
	struct avp *mscc = NULL;

	assert_int_equal(dk_add_group(req, d.mscc, &mscc), 0);
	assert_int_equal(dk_add_u32(mscc, si ? d.service_identifier : d.rating_group, id), 0);
	return mscc;
}

/* A Requested- or Used-Service-Unit with one unit AVP (model NULL: empty). */
static void add_units(msg_or_avp *parent, struct dict_object *group_model, struct dict_object *model, uint64_t v)
{
	struct avp *g = NULL;

	assert_int_equal(dk_add_group(parent, group_model, &g), 0);
	if (model == d.cc_time)
		assert_int_equal(dk_add_u32(g, model, (uint32_t)v), 0);
	else if (model)
		assert_int_equal(dk_add_u64(g, model, v), 0);
}

static struct msg *send_ccr(struct msg *req)
{
	struct msg *ans = NULL;

	assert_int_equal(fdsend_wait(&req, ANSWER_TIMEOUT_MS, &ans), 0);
	assert_non_null(ans);
	return ans;
}

/* ---- answers ----------------------------------------------------------------------------------- */

/* The answer has Result-Code 'code' and the AVPs every CCA carries, echoing type and number. */
static void assert_cca(struct msg *ans, uint32_t code, int32_t type, uint32_t number)
{
	struct dk_result res;
	char host[128];
	uint32_t app = 0, n = 0;
	int32_t t = -1;

	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.vendor, 0);
	assert_int_equal(res.code, code);
	assert_int_equal(dk_get_str(ans, dk_base.origin_host, host, sizeof host), 0);
	assert_string_equal(host, ocs->identity);
	assert_int_equal(dk_get_u32(ans, dk_base.auth_application_id, &app), 0);
	assert_int_equal(app, 4);
	assert_int_equal(dk_get_i32(ans, d.cc_request_type, &t), 0);
	assert_int_equal(t, type);
	assert_int_equal(dk_get_u32(ans, d.cc_request_number, &n), 0);
	assert_int_equal(n, number);
}

/* The index-th MSCC of the answer. */
static struct avp *answer_mscc(struct msg *ans, int index)
{
	struct avp *mscc = NULL;

	assert_int_equal(dk_find(ans, d.mscc, &mscc), 0);
	for (int i = 0; i < index && mscc; i++)
		assert_int_equal(dk_find_next(mscc, d.mscc, &mscc), 0);
	assert_non_null(mscc);
	return mscc;
}

static uint32_t mscc_result(struct avp *mscc)
{
	uint32_t code = 0;

	assert_int_equal(dk_get_u32(mscc, dk_base.result_code, &code), 0);
	return code;
}

/* CC-Time granted in the MSCC, -1 when no Granted-Service-Unit. */
static int64_t granted_time(struct avp *mscc)
{
	struct avp *gsu = NULL;
	uint32_t t = 0;

	assert_int_equal(dk_find(mscc, d.gsu, &gsu), 0);
	if (!gsu)
		return -1;
	assert_int_equal(dk_get_u32(gsu, d.cc_time, &t), 0);
	return t;
}

static uint64_t u64_in(msg_or_avp *parent, struct dict_object *model)
{
	struct avp *avp = NULL;
	struct avp_hdr *h;

	assert_int_equal(dk_find(parent, model, &avp), 0);
	assert_non_null(avp);
	assert_int_equal(fd_msg_avp_hdr(avp, &h), 0);
	return h->avp_value->u64;
}

/* Cost-Information: Value-Digits * 10^Exponent EUR, in cents; cost_unit "" when absent. */
static int64_t answer_cost(struct msg *ans, char *cost_unit, size_t size)
{
	struct avp *cost = NULL, *value = NULL;
	uint32_t currency = 0;
	int32_t exponent = 0;

	assert_int_equal(dk_find(ans, d.cost_information, &cost), 0);
	assert_non_null(cost);
	assert_int_equal(dk_get_u32(cost, d.currency_code, &currency), 0);
	assert_int_equal(currency, 978);
	assert_int_equal(dk_find(cost, d.unit_value, &value), 0);
	assert_non_null(value);
	assert_int_equal(dk_get_i32(value, d.exponent, &exponent), 0);
	assert_int_equal(exponent, -2);
	if (dk_get_str(cost, d.cost_unit, cost_unit, size))
		cost_unit[0] = '\0';
	return (int64_t)u64_in(value, d.value_digits);
}

/* ---- the store --------------------------------------------------------------------------------- */

static void assert_account(const struct ocs_subscription *id, uint64_t balance, uint64_t available)
{
	struct ocs_account a;

	assert_int_equal(ocs_account_get(store, id, time(NULL), &a, NULL, NULL), 0);
	assert_int_equal(a.balance, balance);
	assert_int_equal(a.available, available);
}

/* ocs-ctl's output for a command. */
static void ocs_ctl(const char *args, char *out, size_t size)
{
	char cmd[3 * PATH_MAX];
	size_t n;
	FILE *p;

	snprintf(cmd, sizeof cmd, "%s/../bin/ocs-ctl -d %s %s", getenv("TK_FDX_DIR"), store_dir, args);
	assert_non_null(p = popen(cmd, "r"));
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
}

/* ---- session charging -------------------------------------------------------------------------- */

/* INITIAL reserves 60 s (1.20), UPDATE debits 45 s (0.90) and reserves again, TERMINATION debits
 * 12 s (0.24) and releases. */
static void session_reserve_debit_release(void **state)
{
	struct msg *req, *ans;
	struct avp *mscc;
	uint32_t validity = 0;
	char out[2048];

	(void)state;
	req = new_ccr("s1", INITIAL, 0, &alice);
	add_units(add_mscc(req, 0, 10), d.rsu, NULL, 0);
	ans = send_ccr(req);
	assert_cca(ans, 2001, INITIAL, 0);
	mscc = answer_mscc(ans, 0);
	assert_int_equal(mscc_result(mscc), 2001);
	assert_int_equal(granted_time(mscc), 60);
	assert_int_equal(dk_get_u32(mscc, d.validity_time, &validity), 0);
	assert_int_equal(validity, 30);
	assert_int_equal(u64_in(mscc, d.rating_group), 10);
	fd_msg_free(ans);
	assert_account(&alice, 1000, 880);
	ocs_ctl("show e164 33600000001", out, sizeof out);
	assert_non_null(strstr(out, "balance 10.00\nreserved 1.20\navailable 8.80\n"));
	assert_non_null(strstr(out, ";s1 rg:10 units 60 amount 1.20 expires "));

	req = new_ccr("s1", UPDATE, 1, &alice);
	mscc = add_mscc(req, 0, 10);
	add_units(mscc, d.usu, d.cc_time, 45);
	add_units(mscc, d.rsu, d.cc_time, 20);
	ans = send_ccr(req);
	assert_cca(ans, 2001, UPDATE, 1);
	assert_int_equal(granted_time(answer_mscc(ans, 0)), 20);
	fd_msg_free(ans);
	assert_account(&alice, 910, 870);

	/* the termination names no Subscription-Id: the session's account (RFC 4006 §5.2) */
	req = new_ccr("s1", TERMINATION, 2, NULL);
	add_units(add_mscc(req, 0, 10), d.usu, d.cc_time, 12);
	ans = send_ccr(req);
	assert_cca(ans, 2001, TERMINATION, 2);
	mscc = answer_mscc(ans, 0);
	assert_int_equal(mscc_result(mscc), 2001);
	assert_int_equal(granted_time(mscc), -1);
	fd_msg_free(ans);
	assert_account(&alice, 886, 886);
	ocs_ctl("list", out, sizeof out);
	assert_non_null(strstr(out, "e164 33600000001 EUR balance 8.86 available 8.86\n"));
}

/* Volume: 100 kB granted in octets; 1500 octets up and 600 down are 3 started kilobytes (3 cents),
 * reported in two Used-Service-Units. */
static void volume_session(void **state)
{
	struct msg *req, *ans;
	struct avp *mscc, *gsu = NULL, *usu = NULL;

	(void)state;
	req = new_ccr("v1", INITIAL, 0, &erin);
	add_units(add_mscc(req, 0, 30), d.rsu, NULL, 0);
	ans = send_ccr(req);
	assert_cca(ans, 2001, INITIAL, 0);
	assert_int_equal(dk_find(answer_mscc(ans, 0), d.gsu, &gsu), 0);
	assert_non_null(gsu);
	assert_int_equal(u64_in(gsu, d.cc_total_octets), 100000);
	fd_msg_free(ans);
	assert_account(&erin, 2000, 1900);
	req = new_ccr("v1", TERMINATION, 1, &erin);
	mscc = add_mscc(req, 0, 30);
	add_units(mscc, d.usu, d.cc_input_octets, 1500);
	assert_int_equal(dk_add_group(mscc, d.usu, &usu), 0);
	assert_int_equal(dk_add_u64(usu, d.cc_output_octets, 600), 0);
	ans = send_ccr(req);
	assert_cca(ans, 2001, TERMINATION, 1);
	fd_msg_free(ans);
	assert_account(&erin, 1997, 1997);
	assert_int_equal(ocs_account_credit(store, &erin, 3, NULL), 0); /* back to 20.00 for the next tests */
}

/* Carol's 0.50 pays for 25 s; then nothing is left: 4012, in the MSCC and at the command level. */
static void credit_limit_reached(void **state)
{
	struct msg *req, *ans;
	struct avp *mscc;

	(void)state;
	req = new_ccr("c1", INITIAL, 0, &carol);
	add_units(add_mscc(req, 0, 10), d.rsu, NULL, 0);
	ans = send_ccr(req);
	assert_cca(ans, 2001, INITIAL, 0);
	assert_int_equal(granted_time(answer_mscc(ans, 0)), 25);
	fd_msg_free(ans);
	req = new_ccr("c2", INITIAL, 0, &carol);
	add_units(add_mscc(req, 0, 10), d.rsu, NULL, 0);
	ans = send_ccr(req);
	assert_cca(ans, 4012, INITIAL, 0);
	mscc = answer_mscc(ans, 0);
	assert_int_equal(mscc_result(mscc), 4012);
	assert_int_equal(granted_time(mscc), -1);
	fd_msg_free(ans);
	assert_account(&carol, 50, 0);
	/* 40 s used of the 25 granted: 0.80 of use, debited only down to zero */
	req = new_ccr("c1", TERMINATION, 1, &carol);
	add_units(add_mscc(req, 0, 10), d.usu, d.cc_time, 40);
	ans = send_ccr(req);
	assert_cca(ans, 2001, TERMINATION, 1);
	fd_msg_free(ans);
	assert_account(&carol, 0, 0);
}

static void unknown_user_5030(void **state)
{
	const struct ocs_subscription nobody = { OCS_ID_E164, "33699999999" };
	struct msg *req = new_ccr("u1", INITIAL, 0, &nobody), *ans;

	(void)state;
	add_mscc(req, 0, 10);
	ans = send_ccr(req);
	assert_cca(ans, 5030, INITIAL, 0);
	fd_msg_free(ans);
}

/* A service not in the rating table: 5031 with the MSCC in Failed-AVP (RFC 4006 §9.2); beside a
 * rated one, the command succeeds and only that MSCC says 5031. */
static void unrated_service_5031(void **state)
{
	struct msg *req = new_ccr("r1", INITIAL, 0, &erin), *ans;
	struct avp *failed = NULL, *rg = NULL;
	struct avp_hdr *h;

	(void)state;
	add_mscc(req, 0, 99);
	ans = send_ccr(req);
	assert_cca(ans, 5031, INITIAL, 0);
	assert_int_equal(mscc_result(answer_mscc(ans, 0)), 5031);
	assert_int_equal(dk_find_path(ans, &rg, dk_base.failed_avp, d.mscc, d.rating_group, NULL), 0);
	assert_non_null(rg);
	assert_int_equal(fd_msg_avp_hdr(rg, &h), 0);
	assert_int_equal(h->avp_value->u32, 99);
	fd_msg_free(ans);

	req = new_ccr("r2", INITIAL, 0, &erin);
	add_mscc(req, 0, 99);
	add_mscc(req, 0, 10);
	ans = send_ccr(req);
	assert_cca(ans, 2001, INITIAL, 0);
	assert_int_equal(mscc_result(answer_mscc(ans, 0)), 5031);
	assert_int_equal(mscc_result(answer_mscc(ans, 1)), 2001);
	assert_int_equal(granted_time(answer_mscc(ans, 1)), 60);
	assert_int_equal(dk_find(ans, dk_base.failed_avp, &failed), 0);
	assert_null(failed);
	fd_msg_free(ans);
	req = new_ccr("r2", TERMINATION, 1, &erin);
	ans = send_ccr(req);
	assert_cca(ans, 2001, TERMINATION, 1);
	fd_msg_free(ans);
	assert_account(&erin, 2000, 2000);
}

/* Validity-Time 2 s: once it has passed, the reservation holds nothing and is released, not
 * debited. */
static void reservation_expires(void **state)
{
	struct msg *req = new_ccr("x1", INITIAL, 0, &dave), *ans;
	char out[2048];

	(void)state;
	add_units(add_mscc(req, 0, 20), d.rsu, NULL, 0);
	ans = send_ccr(req);
	assert_cca(ans, 2001, INITIAL, 0);
	assert_int_equal(granted_time(answer_mscc(ans, 0)), 10);
	fd_msg_free(ans);
	assert_account(&dave, 500, 490);
	sleep(3);
	assert_account(&dave, 500, 500);
	ocs_ctl("show nai dave@test.localdomain", out, sizeof out);
	assert_non_null(strstr(out, "available 5.00\n"));
	assert_non_null(strstr(out, " (expired)\n"));
	/* an update reporting no use and asking no more: nothing debited, the expired one gone */
	req = new_ccr("x1", UPDATE, 1, &dave);
	add_units(add_mscc(req, 0, 20), d.usu, d.cc_time, 0);
	ans = send_ccr(req);
	assert_cca(ans, 2001, UPDATE, 1);
	assert_int_equal(granted_time(answer_mscc(ans, 0)), -1);
	fd_msg_free(ans);
	ocs_ctl("show nai dave@test.localdomain", out, sizeof out);
	assert_null(strstr(out, "reservation "));
	assert_account(&dave, 500, 500);
}

/* ---- events -------------------------------------------------------------------------------------- */

static void add_service_information(struct msg *req)
{
	struct avp *si = NULL, *lcs = NULL, *client = NULL, *prose = NULL;

	assert_int_equal(dk_add_group(req, d.service_information, &si), 0);
	assert_int_equal(dk_add_group(si, d.lcs_information, &lcs), 0);
	assert_int_equal(dk_add_group(lcs, d.lcs_client_id, &client), 0);
	assert_int_equal(dk_add_i32(client, d.lcs_client_type, 1), 0); /* VALUE_ADDED_SERVICES */
	assert_int_equal(dk_add_group(si, d.prose_information, &prose), 0);
	assert_int_equal(dk_add_i32(prose, d.prose_event_type, 2), 0); /* Match Report */
}

static void event_actions(void **state)
{
	struct msg *req, *ans;
	struct avp *mscc, *gsu = NULL;
	char unit[32];
	int32_t check = -1;

	(void)state;
	/* direct debiting of 2 events: 3.00, for a location request and a proximity alert as an AS
	 * describes them (Service-Information, TS 32.299) */
	req = new_event("e1", DIRECT_DEBITING, &erin);
	add_units(add_mscc(req, 1, 7), d.rsu, d.cc_service_specific_units, 2);
	add_service_information(req);
	ans = send_ccr(req);
	assert_cca(ans, 2001, EVENT, 0);
	mscc = answer_mscc(ans, 0);
	assert_int_equal(mscc_result(mscc), 2001);
	assert_int_equal(dk_find(mscc, d.gsu, &gsu), 0);
	assert_int_equal(u64_in(gsu, d.cc_service_specific_units), 2);
	assert_int_equal(dk_find(mscc, d.validity_time, &gsu), 0);
	assert_null(gsu); /* a debit is no reservation */
	assert_int_equal(answer_cost(ans, unit, sizeof unit), 300);
	fd_msg_free(ans);
	assert_account(&erin, 1700, 1700);

	/* refund of one event, named at the command level (RFC 4006 §6.4) */
	req = new_event("e2", REFUND_ACCOUNT, &erin);
	assert_int_equal(dk_add_u32(req, d.service_identifier, 7), 0);
	ans = send_ccr(req);
	assert_cca(ans, 2001, EVENT, 0);
	assert_int_equal(dk_find(ans, d.gsu, &gsu), 0);
	assert_non_null(gsu);
	assert_int_equal(u64_in(gsu, d.cc_service_specific_units), 1);
	assert_int_equal(answer_cost(ans, unit, sizeof unit), 150);
	fd_msg_free(ans);
	assert_account(&erin, 1850, 1850);

	/* balance checks: 12 events (18.00) are covered, 13 (19.50) are not */
	for (uint64_t n = 12; n <= 13; n++) {
		req = new_event(n == 12 ? "e3" : "e4", CHECK_BALANCE, &erin);
		add_units(add_mscc(req, 1, 7), d.rsu, d.cc_service_specific_units, n);
		ans = send_ccr(req);
		assert_cca(ans, 2001, EVENT, 0);
		assert_int_equal(dk_get_i32(ans, d.check_balance_result, &check), 0);
		assert_int_equal(check, n == 12 ? 0 : 1); /* ENOUGH_CREDIT, NO_CREDIT */
		fd_msg_free(ans);
	}
	assert_account(&erin, 1850, 1850);

	/* price enquiry without any account: the price of one unit, with its unit */
	req = new_event("e5", PRICE_ENQUIRY, NULL);
	add_mscc(req, 0, 30);
	ans = send_ccr(req);
	assert_cca(ans, 2001, EVENT, 0);
	assert_int_equal(answer_cost(ans, unit, sizeof unit), 1);
	assert_string_equal(unit, "volume");
	fd_msg_free(ans);
	/* and of 2500 octets: 3 started kilobytes */
	req = new_event("e6", PRICE_ENQUIRY, &erin);
	add_units(add_mscc(req, 0, 30), d.rsu, d.cc_total_octets, 2500);
	ans = send_ccr(req);
	assert_cca(ans, 2001, EVENT, 0);
	assert_int_equal(answer_cost(ans, unit, sizeof unit), 3);
	assert_string_equal(unit, "");
	fd_msg_free(ans);

	/* direct debiting beyond the available credit: 4012, nothing debited */
	req = new_event("e7", DIRECT_DEBITING, &erin);
	add_units(add_mscc(req, 1, 7), d.rsu, d.cc_service_specific_units, 13);
	ans = send_ccr(req);
	assert_cca(ans, 4012, EVENT, 0);
	assert_int_equal(mscc_result(answer_mscc(ans, 0)), 4012);
	fd_msg_free(ans);
	assert_account(&erin, 1850, 1850);
}

/* ---- retransmissions ------------------------------------------------------------------------------ */

static void retransmission_changes_nothing_twice(void **state)
{
	struct msg *req, *ans;
	struct msg_hdr *hdr;
	char unit[32];

	(void)state;
	for (int i = 0; i < 3; i++) {
		req = new_event("t1", DIRECT_DEBITING, &erin);
		add_units(add_mscc(req, 1, 7), d.rsu, d.cc_service_specific_units, 1);
		if (i == 1) { /* the T flag of a retransmission; the third is the same request again */
			assert_int_equal(fd_msg_hdr(req, &hdr), 0);
			hdr->msg_flags |= CMD_FLAG_RETRANSMIT;
		}
		ans = send_ccr(req);
		assert_cca(ans, 2001, EVENT, 0);
		assert_int_equal(answer_cost(ans, unit, sizeof unit), 150);
		fd_msg_free(ans);
		assert_account(&erin, 1700, 1700);
	}
	/* a session request too: the same grant, one reservation */
	for (int i = 0; i < 2; i++) {
		req = new_ccr("t2", INITIAL, 0, &erin);
		add_mscc(req, 0, 10);
		ans = send_ccr(req);
		assert_cca(ans, 2001, INITIAL, 0);
		assert_int_equal(granted_time(answer_mscc(ans, 0)), 60);
		fd_msg_free(ans);
		assert_account(&erin, 1700, 1580);
	}
	req = new_ccr("t2", TERMINATION, 1, &erin);
	ans = send_ccr(req);
	fd_msg_free(ans);
	assert_account(&erin, 1700, 1700);
}

/* ---- bad requests ------------------------------------------------------------------------------- */

/* The answer is code with a Failed-AVP holding 'model' (at its top). */
static void assert_failed(struct msg *ans, uint32_t code, struct dict_object *model)
{
	struct dk_result res;
	struct avp *avp = NULL;

	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.code, code);
	assert_int_equal(dk_find_path(ans, &avp, dk_base.failed_avp, model, NULL), 0);
	assert_non_null(avp);
}

static void bad_requests(void **state)
{
	struct msg *req, *ans;
	struct avp *g = NULL;

	(void)state;
	/* no Subscription-Id: 5005 with an example of it */
	req = new_ccr("b1", INITIAL, 0, NULL);
	ans = send_ccr(req);
	assert_failed(ans, 5005, d.subscription_id);
	assert_cca(ans, 5005, INITIAL, 0);
	fd_msg_free(ans);
	/* an update of a session the OCS does not know, naming no Subscription-Id: 5002 */
	ans = send_ccr(new_ccr("b1b", UPDATE, 1, NULL));
	assert_cca(ans, 5002, UPDATE, 1);
	fd_msg_free(ans);
	/* no CC-Request-Type: the core's 5005, completed by the OCS into a valid CCA */
	ans = send_ccr(new_ccr("b2", -1, 3, &alice));
	assert_failed(ans, 5005, d.cc_request_type);
	assert_cca(ans, 5005, EVENT, 3);
	fd_msg_free(ans);
	/* CC-Request-Type 9, Requested-Action 7, Subscription-Id-Type 9: 5004 with the AVP */
	ans = send_ccr(new_ccr("b3", 9, 0, &alice));
	assert_failed(ans, 5004, d.cc_request_type);
	assert_cca(ans, 5004, 9, 0);
	fd_msg_free(ans);
	ans = send_ccr(new_event("b4", 7, &alice));
	assert_failed(ans, 5004, d.requested_action);
	fd_msg_free(ans);
	ans = send_ccr(new_ccr("b5", INITIAL, 0, &(struct ocs_subscription){ 9, "33600000001" }));
	assert_failed(ans, 5004, d.subscription_id);
	fd_msg_free(ans);
	/* an event without Requested-Action (RFC 4006 §8.3: MUST): 5005 */
	ans = send_ccr(new_ccr("b6", EVENT, 0, &alice));
	assert_failed(ans, 5005, d.requested_action);
	assert_cca(ans, 5005, EVENT, 0);
	fd_msg_free(ans);
	/* a debit naming no service: 5031 with an example Service-Identifier */
	ans = send_ccr(new_event("b7", DIRECT_DEBITING, &alice));
	assert_failed(ans, 5031, d.service_identifier);
	fd_msg_free(ans);
	/* a Subscription-Id without its Subscription-Id-Data breaks its grouped rule: the core's 5005 */
	req = new_ccr("b8", INITIAL, 0, NULL);
	assert_int_equal(dk_add_group(req, d.subscription_id, &g), 0);
	assert_int_equal(dk_add_i32(g, d.subscription_id_type, 0), 0);
	ans = send_ccr(req);
	assert_failed(ans, 5005, d.subscription_id_data);
	assert_cca(ans, 5005, INITIAL, 0);
	fd_msg_free(ans);
	/* nothing of it changed an account, and the server still answers */
	assert_account(&alice, 886, 886);
	req = new_event("b10", CHECK_BALANCE, &alice);
	ans = send_ccr(req);
	assert_cca(ans, 2001, EVENT, 0);
	fd_msg_free(ans);
}

/* ---- many at once --------------------------------------------------------------------------------- */

#define MANY 2000
#define WINDOW 100

static sem_t window;
static int many_ok;
static pthread_mutex_t many_lock = PTHREAD_MUTEX_INITIALIZER;

static void many_answer(void *data, struct msg **ans)
{
	struct dk_result res;

	(void)data;
	if (dk_get_result(*ans, &res) == 0 && res.code == 2001) {
		pthread_mutex_lock(&many_lock);
		many_ok++;
		pthread_mutex_unlock(&many_lock);
	}
	fd_msg_free(*ans);
	*ans = NULL;
	sem_post(&window);
}

static void many_expired(void *data, DiamId_t to, size_t len, struct msg **req)
{
	(void)data;
	(void)to;
	(void)len;
	(void)req;
	sem_post(&window);
}

/* MANY debits of 1 s (2 cents) each, WINDOW outstanding: every one answered 2001, and the balance down by
 * exactly 2 * MANY cents (group commit keeps the arithmetic of concurrent requests exact). The rate is
 * printed for information; benchmarks measure it properly. */
static void many_concurrent_debits(void **state)
{
	struct timespec t0, t1, deadline;
	double seconds;

	(void)state;
	sem_init(&window, 0, WINDOW);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < MANY; i++) {
		char session[32];
		struct msg *req;

		snprintf(session, sizeof session, "m%d", i);
		req = new_event(session, DIRECT_DEBITING, &frank);
		add_units(add_mscc(req, 0, 10), d.rsu, d.cc_time, 1);
		sem_wait(&window);
		dk_deadline_in(ANSWER_TIMEOUT_MS, &deadline);
		assert_int_equal(fd_msg_send_timeout(&req, many_answer, NULL, many_expired, &deadline), 0);
	}
	for (int i = 0; i < WINDOW; i++)
		sem_wait(&window);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	seconds = dk_ms_between(&t0, &t1) / 1000;
	print_message("%d CCR-EVENT direct debits, window %d: %.2f s, %.0f CCR/s\n", MANY, WINDOW, seconds,
		      MANY / seconds);
	assert_int_equal(many_ok, MANY);
	assert_account(&frank, 10000 - MANY * 2, 10000 - MANY * 2);
	sem_destroy(&window);
}

/* ---- hostile values ---------------------------------------------------------------------------- */

static uint64_t hostile_u64(void)
{
	return hostile_below(2) ? hostile_below(1000) : (uint64_t)hostile_next() << 32 | hostile_next();
}

/* A unit AVP of any kind, small or huge, in a Requested- or Used-Service-Unit (or none). */
static void add_hostile_units(struct avp *mscc, struct dict_object *group_model)
{
	struct dict_object *const kinds[] = { d.cc_time, d.cc_total_octets, d.cc_service_specific_units, NULL };

	add_units(mscc, group_model, kinds[hostile_below(4)], hostile_u64());
}

/* A CCR of random values, sessions h0 to h5 so that their requests meet: any request type and
 * number, erin's or dave's account (never a refund for dave) or a random Subscription-Id or none,
 * any Requested-Action, up to two MSCCs of rated services or any, asking and reporting any units. */
static struct msg *hostile_ccr(void)
{
	static const uint32_t rated[] = { 10, 20, 30, 7 };
	const struct ocs_subscription *id = NULL;
	char session[8];
	uint8_t bytes[40];
	struct msg *req;
	struct avp *g = NULL;
	uint32_t pick = hostile_below(4);

	snprintf(session, sizeof session, "h%u", hostile_below(6));
	if (pick < 2)
		id = pick ? &dave : &erin;
	req = new_ccr(session, hostile_below(5) ? 1 + (int32_t)hostile_below(4) : hostile_int(),
		      hostile_below(2) ? hostile_below(4) : hostile_next(), id);
	if (pick == 2) {
		assert_int_equal(dk_add_group(req, d.subscription_id, &g), 0);
		assert_int_equal(dk_add_i32(g, d.subscription_id_type, hostile_below(2) ? (int32_t)hostile_below(5) : hostile_int()), 0);
		assert_int_equal(dk_add_os(g, d.subscription_id_data, bytes, hostile_bytes(bytes, sizeof bytes)), 0);
	}
	if (hostile_below(2)) {
		int32_t action = hostile_below(5) ? (int32_t)hostile_below(4) : hostile_int();
		assert_int_equal(dk_add_i32(req, d.requested_action, id == &dave && action == REFUND_ACCOUNT ? DIRECT_DEBITING : action),
				 0);
	}
	for (uint32_t n = hostile_below(3); n; n--) {
		uint32_t service = hostile_below(4) ? rated[hostile_below(4)] : hostile_next();
		struct avp *mscc = add_mscc(req, service == 7, service);
		if (hostile_below(2))
			add_hostile_units(mscc, d.rsu);
		if (hostile_below(2))
			add_hostile_units(mscc, d.usu);
	}
	return req;
}

/* Every hostile CCR gets an answer with a result; dave, never refunded, holds no more than his
 * 5.00 EUR; the accounts read back; the server then still answers. */
static void every_hostile_ccr_gets_an_answer(void **state)
{
	struct hostile_tally t;
	struct ocs_account a;
	struct msg *ans;
	char why[200];

	(void)state;
	if (hostile_send(hostile_ccr, 800, ANSWER_TIMEOUT_MS, &t, why, sizeof why))
		fail_msg("%s", why);
	print_message("%d answered 2001, %d with an error\n", t.successes, t.errors);
	assert_true(t.successes > 0 && t.errors > 0);
	assert_int_equal(ocs_account_get(store, &dave, time(NULL), &a, NULL, NULL), 0);
	print_message("dave: balance %" PRIu64 ", reserved %" PRIu64 "\n", a.balance, a.reserved);
	assert_true(a.balance <= 500);
	assert_true(a.available <= a.balance);
	assert_int_equal(ocs_account_get(store, &erin, time(NULL), &a, NULL, NULL), 0);
	assert_true(a.available <= a.balance);
	ans = send_ccr(new_event("h-after", CHECK_BALANCE, &alice));
	assert_cca(ans, 2001, EVENT, 0);
	fd_msg_free(ans);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(session_reserve_debit_release),
		cmocka_unit_test(volume_session),
		cmocka_unit_test(credit_limit_reached),
		cmocka_unit_test(unknown_user_5030),
		cmocka_unit_test(unrated_service_5031),
		cmocka_unit_test(reservation_expires),
		cmocka_unit_test(event_actions),
		cmocka_unit_test(retransmission_changes_nothing_twice),
		cmocka_unit_test(bad_requests),
		cmocka_unit_test(many_concurrent_debits),
		cmocka_unit_test(every_hostile_ccr_gets_an_answer),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
