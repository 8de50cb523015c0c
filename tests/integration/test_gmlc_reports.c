/* What the GMLC makes of what an MME sends it, from this test process as one more SLg node of the
 * location lab (location_lab_start_probe). Checked: an LRR for no tracking is answered 4226 and
 * echoes its LCS-Reference-Number; another Location-Event 5012; a Location-Event the dictionary
 * does not list 5004 naming it; LRRs of seeded random values (events, identities, references,
 * estimates of any octets, ages) each get an answer with a result, the GMLC still answering
 * afterwards; and PLAs (for mallory, whose MME is this process) whose Location-Estimate the GMLC
 * cannot read give the client a poserr 6. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diamkit.h"
#include "fdsend.h"
#include "hostile.h"
#include "location_lab.h"
#include "mlp_client.h"
#include "slg.h"

#define TIMEOUT_MS 5000
#define LOCATION_EVENT_CODE 2518

static struct location_lab lab;

static struct {
	struct dict_object *lrr, *plr, *location_event, *lcs_reference_number, *location_estimate, *msisdn,
		*age_of_location_estimate, *accuracy_fulfilment_indicator, *lcs_priority, *slg_location_type;
} d;

static int setup(void **state)
{
	struct dictionary *dict;

	(void)state;
	if (location_lab_start_probe(&lab, "gmlc_reports"))
		return -1;
	dict = fd_g_config->cnf_dict;
	return dk_find_command(dict, "Location-Report-Request", &d.lrr) ||
	       dk_find_command(dict, "Provide-Location-Request", &d.plr) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Location-Event", &d.location_event) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "LCS-Reference-Number", &d.lcs_reference_number) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Location-Estimate", &d.location_estimate) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "MSISDN", &d.msisdn) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Age-Of-Location-Estimate", &d.age_of_location_estimate) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Accuracy-Fulfilment-Indicator", &d.accuracy_fulfilment_indicator) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "LCS-Priority", &d.lcs_priority) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "SLg-Location-Type", &d.slg_location_type)
		       ? -1
		       : 0;
}

static int teardown(void **state)
{
	(void)state;
	return location_lab_stop(&lab);
}

/* An LRR to the GMLC up to its Location-Event. */
static struct msg *lrr_head(int32_t event)
{
	struct msg *req = NULL;

	assert_int_equal(fdsend_new_request(d.lrr, REALM, 0, &req), 0);
	assert_int_equal(dk_add_str(req, dk_base.destination_host, lab.gmlc->identity), 0);
	assert_int_equal(dk_add_i32(req, d.location_event, event), 0);
	return req;
}

static struct msg *send_lrr(struct msg *req)
{
	struct msg *ans = NULL;

	assert_int_equal(fdsend_wait(&req, TIMEOUT_MS, &ans), 0);
	return ans;
}

/* The answer's Result-Code, or its Experimental-Result-Code + 100000 (then vendor 10415). */
static uint32_t result_of(struct msg *ans)
{
	struct dk_result res;

	assert_int_equal(dk_get_result(ans, &res), 0);
	if (res.vendor)
		assert_int_equal(res.vendor, DK_VENDOR_3GPP);
	return res.vendor ? 100000 + res.code : res.code;
}

/* A report for a reference no tracking holds: 4226, with the reference echoed. */
static void report_for_no_tracking_is_4226(void **state)
{
	static const uint8_t reference = 77;
	struct msg *req = lrr_head(SLG_LOCATION_EVENT_DEFERRED_MT_LR_RESPONSE), *ans;
	const uint8_t *echoed;
	size_t len;

	(void)state;
	assert_int_equal(dk_add_str(req, dk_base.user_name, ALICE_IMSI), 0);
	assert_int_equal(dk_add_os(req, d.lcs_reference_number, &reference, 1), 0);
	ans = send_lrr(req);
	assert_int_equal(result_of(ans), 100000 + SLG_ERROR_UNKNOWN_UNREACHABLE_LCS_CLIENT);
	assert_int_equal(dk_get_os(ans, d.lcs_reference_number, &echoed, &len), 0);
	assert_int_equal(len, 1);
	assert_int_equal(echoed[0], reference);
	fd_msg_free(ans);
}

/* Location-Event 0 (EMERGENCY_CALL_ORIGINATION) is no deferred report: 5012. */
static void other_event_is_5012(void **state)
{
	struct msg *ans = send_lrr(lrr_head(0));

	(void)state;
	assert_int_equal(result_of(ans), 5012);
	fd_msg_free(ans);
}

/* A Location-Event the type does not list: 5004 naming it in Failed-AVP. */
static void undefined_event_is_5004(void **state)
{
	struct msg *ans = send_lrr(lrr_head(99));
	uint32_t failed = 0;

	(void)state;
	assert_int_equal(result_of(ans), 5004);
	assert_int_equal(dk_get_failed_avp_code(ans, &failed), 0);
	assert_int_equal(failed, LOCATION_EVENT_CODE);
	fd_msg_free(ans);
}

static struct msg *hostile_lrr(void)
{
	uint8_t bytes[40];
	struct msg *req = lrr_head(hostile_below(2) ? SLG_LOCATION_EVENT_DEFERRED_MT_LR_RESPONSE : hostile_int());

	if (hostile_below(2))
		assert_int_equal(hostile_add_text(req, dk_base.user_name, ALICE_IMSI, "001019999999999"), 0);
	if (!hostile_below(3))
		assert_int_equal(dk_add_os(req, d.msisdn, bytes, hostile_bytes(bytes, 12)), 0);
	if (hostile_below(4))
		assert_int_equal(dk_add_os(req, d.lcs_reference_number, bytes, hostile_bytes(bytes, 3)), 0);
	if (hostile_below(2))
		assert_int_equal(dk_add_os(req, d.location_estimate, bytes, hostile_bytes(bytes, sizeof bytes)), 0);
	if (hostile_below(2))
		assert_int_equal(dk_add_u32(req, d.age_of_location_estimate, hostile_next()), 0);
	if (!hostile_below(3))
		assert_int_equal(dk_add_i32(req, d.accuracy_fulfilment_indicator, hostile_int()), 0);
	return req;
}

static void every_hostile_lrr_gets_an_answer(void **state)
{
	struct hostile_tally t;
	char why[200];
	struct msg *ans;

	(void)state;
	if (hostile_send(hostile_lrr, 400, TIMEOUT_MS, &t, why, sizeof why))
		fail_msg("%s", why);
	print_message("%d answered 2001, %d with an error, %d distinct results\n", t.successes, t.errors, t.kinds);
	assert_true(t.errors > 0);
	assert_true(t.kinds >= 3);
	ans = send_lrr(lrr_head(0));
	assert_int_equal(result_of(ans), 5012);
	fd_msg_free(ans);
}

/* The Location-Estimate this process answers mallory's PLRs with (estimate_len 0: none), and of
 * the last PLR: its LCS-Priority (-1: none), SLg-Location-Type and LCS-Reference-Number (0: none). */
static uint8_t estimate[32];
static size_t estimate_len;
static int64_t plr_priority;
static int32_t plr_type;
static uint8_t plr_reference;

static int on_plr(struct msg **msg, struct avp *a, struct session *sess, void *opaque, enum disp_action *act)
{
	const uint8_t *reference;
	uint32_t priority;
	size_t len;

	(void)a;
	(void)sess;
	(void)opaque;
	plr_priority = -1;
	if (!dk_get_u32(*msg, d.lcs_priority, &priority))
		plr_priority = priority;
	plr_type = -1;
	dk_get_i32(*msg, d.slg_location_type, &plr_type);
	plr_reference = 0;
	if (!dk_get_os(*msg, d.lcs_reference_number, &reference, &len) && len == 1)
		plr_reference = reference[0];
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	CHECK_FCT(dk_add_i32(*msg, dk_base.auth_session_state, 1));
	CHECK_FCT(dk_set_result(*msg, 2001, NULL));
	if (estimate_len)
		CHECK_FCT(dk_add_os(*msg, d.location_estimate, estimate, estimate_len));
	*act = DISP_ACT_SEND;
	return 0;
}

/* The GMLC's MLP client, with that prio (NULL: none). */
static struct mlp_client client(const enum mlp_prio *prio)
{
	static char url[128];
	struct mlp_client c = { .client_id = CLIENT_ID, .pwd = CLIENT_PWD, .version = MLP_V3_5, .prio = prio };

	snprintf(url, sizeof url, "http://127.0.0.1:%d" MLP_PATH, lab.http_port);
	c.url = url;
	return c;
}

/* mallory located through the GMLC, with that prio (NULL: none), while this process answers as
 * her MME with that estimate. */
static struct mlp_answer *locate_mallory(const char *hex, const enum mlp_prio *prio)
{
	const char *const targets[] = { MALLORY_MSISDN };
	struct mlp_client c = client(prio);
	struct mlp_answer *a = NULL;
	char err[256];

	estimate_len = strlen(hex) / 2;
	for (size_t i = 0; i < estimate_len; i++)
		assert_int_equal(sscanf(hex + 2 * i, "%2hhx", &estimate[i]), 1);
	if (mlp_client_locate(&c, targets, 1, &a, err, sizeof err))
		fail_msg("locate: %s", err);
	assert_int_equal(a->n_pos, 1);
	return a;
}

/* A PLA whose Location-Estimate is absent, malformed, or a scalable high-accuracy shape in its
 * extended range (not listed in the PLR's Supported-GAD-Shapes) is a poserr 6 POSITION METHOD
 * FAILURE; the same PLA with the HA ellipse the GMLC lists is a position. */
static void unreadable_estimates_are_position_method_failure(void **state)
{
	static const char *const unreadable[] = {
		"",                           /* none */
		"b04aaaaaaaf6789abc321e2d",   /* an HA ellipse one octet short */
		"d04aaaaaaaf6789abc321e2dc4", /* shape 13 with U: the extended range */
	};
	struct disp_when when = { .command = d.plr };
	struct disp_hdl *handler = NULL;
	struct mlp_answer *a;

	(void)state;
	assert_int_equal(fd_disp_register(on_plr, DISP_HOW_CC, &when, NULL, &handler), 0);
	for (size_t i = 0; i < sizeof unreadable / sizeof unreadable[0]; i++) {
		a = locate_mallory(unreadable[i], NULL);
		if (a->pos[0].result != MLP_POSITION_METHOD_FAILURE)
			fail_msg("estimate %zu: result %d", i, a->pos[0].result);
		free(a);
	}
	a = locate_mallory("b04aaaaaaaf6789abc321e2d44", NULL);
	assert_int_equal(a->pos[0].result, 0);
	assert_int_equal(a->pos[0].shape.kind, MLP_ELLIPTICAL_AREA);
	free(a);
	fd_disp_unregister(&handler, NULL);
}

/* An slir's prio is the PLR's LCS-Priority: HIGH 0 (the highest), NORMAL 1; none without prio. */
static void prio_is_the_plrs_lcs_priority(void **state)
{
	static const enum mlp_prio high = MLP_PRIO_HIGH, normal = MLP_PRIO_NORMAL;
	static const struct {
		const enum mlp_prio *prio;
		int64_t priority;
	} cases[] = { { NULL, -1 }, { &high, 0 }, { &normal, 1 } };
	struct disp_when when = { .command = d.plr };
	struct disp_hdl *handler = NULL;

	(void)state;
	assert_int_equal(fd_disp_register(on_plr, DISP_HOW_CC, &when, NULL, &handler), 0);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mlp_answer *a = locate_mallory("b04aaaaaaaf6789abc321e2d44", cases[i].prio);
		assert_int_equal(a->pos[0].result, 0);
		assert_int_equal(plr_priority, cases[i].priority);
		free(a);
	}
	fd_disp_unregister(&handler, NULL);
}

/* A tracking of targets, mallory among them, while this process answers as her MME (on_plr, in
 * *handler): its tlra, accepted; the LCS-Reference-Number of mallory's PLR in *reference. */
static struct mlp_answer *track_with_mallory(const struct mlp_client *c, const char *const *targets, size_t n,
					     const struct mlp_track *track, struct disp_hdl **handler,
					     uint8_t *reference)
{
	struct disp_when when = { .command = d.plr };
	struct mlp_answer *a = NULL;
	char err[256];

	estimate_len = 0; /* a deferred PLA carries no estimate */
	plr_priority = -2;
	assert_int_equal(fd_disp_register(on_plr, DISP_HOW_CC, &when, NULL, handler), 0);
	if (mlp_client_track(c, targets, n, track, &a, err, sizeof err))
		fail_msg("track: %s", err);
	assert_int_equal(a->result, 0);
	assert_int_equal(plr_type, SLG_ACTIVATE_DEFERRED_LOCATION);
	*reference = plr_reference;
	assert_true(*reference > 0);
	return a;
}

/* tlrsr for req_id (n targets of it, or all): accepted. */
static void stop_tracking(const struct mlp_client *c, const char *req_id, const char *const *targets, size_t n)
{
	struct mlp_answer *stopped = NULL;
	char err[256];

	if (mlp_client_stop(c, req_id, targets, n, &stopped, err, sizeof err))
		fail_msg("stop: %s", err);
	assert_int_equal(stopped->result, 0);
	free(stopped);
}

/* A tlrr's prio is the LCS-Priority of its deferred PLR too (the activation, answered here as
 * mallory's MME); the tracking is then stopped. */
static void tlrr_prio_is_the_plrs_lcs_priority(void **state)
{
	static const enum mlp_prio high = MLP_PRIO_HIGH;
	const char *const targets[] = { MALLORY_MSISDN };
	const struct mlp_track track = { .interval_s = 60, .pushaddr = "http://127.0.0.1:1/" };
	struct mlp_client c = client(&high);
	struct disp_hdl *handler = NULL;
	struct mlp_answer *a;
	uint8_t reference;

	(void)state;
	a = track_with_mallory(&c, targets, 1, &track, &handler, &reference);
	assert_int_equal(plr_priority, 0);
	stop_tracking(&c, a->req_id, NULL, 0);
	free(a);
	fd_disp_unregister(&handler, NULL);
}

/* A distance_event tlrr for mallory within 1000 m of alice, with a no_of_reports of 1: once the
 * report this process sends (mallory where alice is, after alice's first report) makes the
 * event, the GMLC tells mallory's MME (this process) to stop, and the tracking is over (tlrsr:
 * 110). */
static void no_of_reports_reached_cancels_the_reports(void **state)
{
	static const uint8_t at_alice[] = { 0x10, 0x40, 0x00, 0x00, 0x02, 0x00, 0x00, 0x19 };
	const char *const targets[] = { MALLORY_MSISDN };
	struct mlp_distance_event within = { .type = MLP_WITHIN_DISTANCE, .target_distance_m = 1000,
					     .reference = { .type = MLP_MSID_MSISDN, .value = ALICE_MSISDN },
					     .no_of_reports = 1 };
	const struct mlp_track track = { .interval_s = 1, .distance = &within, .pushaddr = "http://127.0.0.1:1/" };
	struct mlp_client c = client(NULL);
	struct disp_hdl *handler = NULL;
	struct mlp_answer *a, *stopped = NULL;
	char err[256];
	uint8_t reference;
	struct msg *lrr;
	long until;

	(void)state;
	a = track_with_mallory(&c, targets, 1, &track, &handler, &reference);
	lab_sleep_ms(1500); /* alice's MME reports every second */
	lrr = lrr_head(SLG_LOCATION_EVENT_DEFERRED_MT_LR_RESPONSE);
	assert_int_equal(dk_add_os(lrr, d.lcs_reference_number, &reference, 1), 0);
	assert_int_equal(dk_add_os(lrr, d.location_estimate, at_alice, sizeof at_alice), 0);
	fd_msg_free(send_lrr(lrr));
	for (until = lab_now_ms() + TIMEOUT_MS; plr_type != SLG_CANCEL_DEFERRED_LOCATION && lab_now_ms() < until;)
		lab_sleep_ms(20);
	assert_int_equal(plr_type, SLG_CANCEL_DEFERRED_LOCATION);
	assert_int_equal(plr_reference, reference);
	if (mlp_client_stop(&c, a->req_id, NULL, 0, &stopped, err, sizeof err))
		fail_msg("stop: %s", err);
	assert_int_equal(stopped->result, MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
	free(stopped);
	free(a);
	fd_disp_unregister(&handler, NULL);
}

/* A tlrsr naming mallory, tracked with alice: her MME (this process) is told to stop her reports
 * (her LCS-Reference-Number), and the tracking goes on for alice until it is stopped. */
static void tlrsr_for_one_target_cancels_hers(void **state)
{
	const char *const targets[] = { MALLORY_MSISDN, ALICE_MSISDN };
	const struct mlp_track track = { .interval_s = 60, .pushaddr = "http://127.0.0.1:1/" };
	struct mlp_client c = client(NULL);
	struct disp_hdl *handler = NULL;
	struct mlp_answer *a;
	uint8_t reference;

	(void)state;
	a = track_with_mallory(&c, targets, 2, &track, &handler, &reference);
	stop_tracking(&c, a->req_id, targets, 1); /* mallory */
	assert_int_equal(plr_type, SLG_CANCEL_DEFERRED_LOCATION); /* answered before the tlrsa */
	assert_int_equal(plr_reference, reference);
	stop_tracking(&c, a->req_id, NULL, 0); /* alice's */
	free(a);
	fd_disp_unregister(&handler, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(report_for_no_tracking_is_4226),
		cmocka_unit_test(other_event_is_5012),
		cmocka_unit_test(undefined_event_is_5004),
		cmocka_unit_test(every_hostile_lrr_gets_an_answer),
		cmocka_unit_test(unreadable_estimates_are_position_method_failure),
		cmocka_unit_test(prio_is_the_plrs_lcs_priority),
		cmocka_unit_test(tlrr_prio_is_the_plrs_lcs_priority),
		cmocka_unit_test(no_of_reports_reached_cancels_the_reports),
		cmocka_unit_test(tlrsr_for_one_target_cancels_hers),
	};
	return cmocka_run_group_tests_name("gmlc_reports", tests, setup, teardown);
}
