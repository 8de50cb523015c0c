/* mme_stub.fdx in a freeDiameterd daemon, and this test process as the GMLC (embedded libfdcore):
 * PLRs answered from the scenario (fixed position, trajectory, error markings, by IMSI and by
 * MSISDN), an undefined Enumerated value (5004), periodic deferred location with its LRRs and
 * their cancellation, PLRs of seeded random values (every one answered, the stub still serving
 * afterwards), a second MME answering in TS 23.032's high-accuracy shapes when the PLR's
 * Supported-GAD-Shapes lists them, and a bad scenario that stops the daemon from starting. */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "diamkit.h"
#include "fdnet.h"
#include "fdsend.h"
#include "gad.h"
#include "hostile.h"
#include "slg.h"
#include "spawn.h"
#include "tbcd.h"

#define REALM "test.localdomain"
#define ANSWER_TIMEOUT_MS 5000

#define IMSI_FIXED "001010000000001"
#define MSISDN_FIXED "33612345678"
#define IMSI_MOVING "001010000000002"
#define IMSI_PERIODIC "001010000000003"
#define FIXED_LAT 48.8566
#define FIXED_LON 2.3522
#define UNCERTAINTY_M 100
#define CONFIDENCE 80
#define AGE_MINUTES 3

/* Degrees per step of the GAD latitude and longitude codes (TS 23.032 §6.1). */
#define LAT_QUANTUM (90.0 / (1 << 23))
#define LON_QUANTUM (360.0 / (1 << 24))

static const char scenario_json[] =
	"{ \"shape\": \"ellipse\", \"uncertainty_m\": 100, \"altitude_uncertainty_m\": 20, \"confidence\": 80,\n"
	"  \"ues\": [\n"
	"  { \"imsi\": \"" IMSI_FIXED "\", \"msisdn\": \"" MSISDN_FIXED "\", \"age_minutes\": 3,\n"
	"    \"position\": { \"lat\": 48.8566, \"lon\": 2.3522 } },\n"
	"  { \"imsi\": \"" IMSI_MOVING "\",\n"
	"    \"trajectory\": [ { \"t\": 0, \"lat\": 10, \"lon\": 20, \"alt\": 100 },\n"
	"                     { \"t\": 1000, \"lat\": 20, \"lon\": 30, \"alt\": 300 } ] },\n"
	"  { \"imsi\": \"" IMSI_PERIODIC "\", \"msisdn\": \"33600000003\", \"position\": { \"lat\": -33.9, \"lon\": 151.2 } },\n"
	"  { \"imsi\": \"001010000000011\", \"error\": \"unreachable\", \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"imsi\": \"001010000000012\", \"error\": \"suspended\", \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"imsi\": \"001010000000013\", \"error\": \"detached\", \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"imsi\": \"001010000000014\", \"error\": \"positioning_denied\", \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"msisdn\": \"33600000015\", \"error\": \"positioning_failed\", \"position\": { \"lat\": 0, \"lon\": 0 } }\n"
	"] }\n";

/* The high-accuracy MME: one UE with an altitude, 0.5 m horizontally and 0.4 m up and down. */
#define IMSI_HA "001010000000021"
#define IMSI_HA_HIGH "001010000000022" /* 20 km up: more than the HA altitude carries */
static const char ha_scenario_json[] =
	"{ \"shape\": \"ha_ellipse\", \"uncertainty_m\": 0.5, \"altitude_uncertainty_m\": 0.4, \"confidence\": 68,\n"
	"  \"ues\": [ { \"imsi\": \"" IMSI_HA "\", \"position\": { \"lat\": 52.5, \"lon\": -13.4, \"alt\": -12.25 } },\n"
	"    { \"imsi\": \"" IMSI_HA_HIGH "\", \"position\": { \"lat\": 52.5, \"lon\": -13.4, \"alt\": 20000 } } ] }\n";

/* The MME whose scenario the tests rewrite and reload (SIGUSR1): the same shape as the first. */
#define IMSI_LIVE "001010000000031"
#define IMSI_LIVE_NEW "001010000000032"
#define LIVE_SCENARIO(ues) \
	"{ \"shape\": \"ellipse\", \"uncertainty_m\": 100, \"confidence\": 80, \"ues\": [ " ues " ] }\n"
#define LIVE_UE(imsi, lat, lon) "{ \"imsi\": \"" imsi "\", \"position\": { \"lat\": " #lat ", \"lon\": " #lon " } }"

/* Scenarios refused, and what the log says of each. */
#define ONE_UE(extra) \
	"{ \"ues\": [ { \"imsi\": \"001010000000001\", " extra "\"position\": { \"lat\": 1, \"lon\": 2 } } ] }\n"
static const struct {
	const char *json, *says;
} bad_scenarios[] = {
	/* the second trajectory point goes back in time */
	{ "{ \"ues\": [ { \"imsi\": \"001010000000001\", \"position\": { \"lat\": 1, \"lon\": 2 } },\n"
	  "  { \"imsi\": \"001010000000002\", \"trajectory\": [ { \"t\": 0, \"lat\": 1, \"lon\": 2 },\n"
	  "    { \"t\": 0, \"lat\": 1, \"lon\": 3 } ] } ] }\n",
	  "ues[1].trajectory[1]" },
	{ ONE_UE("\"delay_ms\": 1.5, "), "ues[0]: 'delay_ms' must be a whole number" },
	{ ONE_UE("\"delay_ms\": -1, "), "ues[0]: 'delay_ms' must be a number from 0 to 600000" },
	{ ONE_UE("\"delay_ms\": 600001, "), "ues[0]: 'delay_ms' must be a number from 0 to 600000" },
	/* an altitude on some points of a trajectory only */
	{ "{ \"ues\": [ { \"imsi\": \"001010000000002\", \"trajectory\": [ { \"t\": 0, \"lat\": 1, \"lon\": 2, \"alt\": 5 },\n"
	  "    { \"t\": 1, \"lat\": 1, \"lon\": 3 } ] } ] }\n",
	  "ues[0].trajectory[1]: 'alt' is required" },
	{ "{ \"ues\": [ { \"imsi\": \"001010000000002\", \"trajectory\": [ { \"t\": 0, \"lat\": 1, \"lon\": 2 },\n"
	  "    { \"t\": 1, \"lat\": 1, \"lon\": 3, \"alt\": 5 } ] } ] }\n",
	  "ues[0].trajectory[1]: 'alt' on some points only" },
	{ "{ \"ues\": [ { \"imsi\": \"001010000000002\", \"position\": { \"lat\": 1, \"lon\": 2, \"alt\": 40000 } } ] }\n",
	  "ues[0].position: 'alt' must be a number from -32767 to 32767" },
	/* more than the high-accuracy codes reach */
	{ "{ \"shape\": \"ha_ellipse\", \"uncertainty_m\": 50, \"ues\": [] }\n",
	  "(top): 'uncertainty_m' and 'altitude_uncertainty_m' must be at most 46.49 m for shape ha_ellipse" },
	{ "{ \"shape\": \"ha_ellipse\", \"uncertainty_m\": 1, \"altitude_uncertainty_m\": 47, \"ues\": [] }\n",
	  "(top): 'uncertainty_m' and 'altitude_uncertainty_m' must be at most 46.49 m for shape ha_ellipse" },
};

static struct fdnet net;
static struct fdnet_node *mme, *mme_ha, *mme_live, *gmlc;
static struct disp_hdl *lrr_handler;

static struct {
	struct dict_object *plr, *slg_location_type, *lcs_eps_client_name, *lcs_name_string,
		*lcs_format_indicator, *lcs_client_type, *msisdn, *lcs_qos, *horizontal_accuracy,
		*vertical_accuracy, *vertical_requested, *response_time, *location_estimate, *accuracy_fulfilment_indicator, *age_of_location_estimate,
		*deferred_location_type, *lcs_reference_number, *periodic_ldr_information, *deferred_mt_lr_data,
		*reporting_amount, *reporting_interval, *location_event, *supported_gad_shapes;
} avp;

/* The LRRs received, in order. */
#define MAX_REPORTS 32
static struct report {
	int reference;
	char user_name[32];
	int32_t location_event;
	int32_t fulfilment; /* -1: no Accuracy-Fulfilment-Indicator */
	int64_t deferred_type; /* Deferred-MT-LR-Data's Deferred-Location-Type, -1: none */
	struct gad_position where;
	double at_s; /* CLOCK_MONOTONIC */
} reports[MAX_REPORTS];
static int nreports;
static pthread_mutex_t reports_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t reports_cond = PTHREAD_COND_INITIALIZER;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void record(struct msg *lrr)
{
	struct report r = { .reference = -1, .location_event = -1, .fulfilment = -1, .deferred_type = -1 };
	struct avp *deferred = NULL;
	const uint8_t *data;
	uint32_t type;
	size_t len;

	if (!dk_get_os(lrr, avp.lcs_reference_number, &data, &len) && len == 1)
		r.reference = data[0];
	(void)dk_get_str(lrr, dk_base.user_name, r.user_name, sizeof r.user_name);
	(void)dk_get_i32(lrr, avp.location_event, &r.location_event);
	(void)dk_get_i32(lrr, avp.accuracy_fulfilment_indicator, &r.fulfilment);
	if (!dk_find(lrr, avp.deferred_mt_lr_data, &deferred) && deferred &&
	    !dk_get_u32(deferred, avp.deferred_location_type, &type))
		r.deferred_type = type;
	if (dk_get_os(lrr, avp.location_estimate, &data, &len) || gad_decode(data, len, &r.where))
		r.where.n_points = -1; /* no usable estimate */
	r.at_s = now_s();
	pthread_mutex_lock(&reports_lock);
	if (nreports < MAX_REPORTS)
		reports[nreports++] = r;
	pthread_cond_broadcast(&reports_cond);
	pthread_mutex_unlock(&reports_lock);
}

static int on_lrr(struct msg **msg, struct avp *a, struct session *sess, void *opaque, enum disp_action *act)
{
	(void)a;
	(void)sess;
	(void)opaque;
	record(*msg);
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	CHECK_FCT(dk_set_result(*msg, 2001, NULL));
	CHECK_FCT(dk_add_i32(*msg, dk_base.auth_session_state, 1));
	*act = DISP_ACT_SEND;
	return 0;
}

/* Wait until at least n reports arrived or timeout_s passed; the count. */
static int wait_reports(int n, double timeout_s)
{
	struct timespec deadline;
	int count;

	dk_time_in(CLOCK_REALTIME, (long)(timeout_s * 1000), &deadline);
	pthread_mutex_lock(&reports_lock);
	while (nreports < n && pthread_cond_timedwait(&reports_cond, &reports_lock, &deadline) == 0)
		;
	count = nreports;
	pthread_mutex_unlock(&reports_lock);
	return count;
}

/* The index of the first report of that reference from index `from` on, waiting up to timeout_s
 * for it; -1 when none came. Reports of other requests may come in between. */
static int wait_report_of(int reference, int from, double timeout_s)
{
	struct timespec deadline;
	int found = -1;

	dk_time_in(CLOCK_REALTIME, (long)(timeout_s * 1000), &deadline);
	pthread_mutex_lock(&reports_lock);
	for (;;) {
		for (int i = from; i < nreports && found < 0; i++)
			if (reports[i].reference == reference)
				found = i;
		if (found >= 0 || pthread_cond_timedwait(&reports_cond, &reports_lock, &deadline))
			break;
	}
	pthread_mutex_unlock(&reports_lock);
	return found;
}

/* A daemon "name" loading mme_stub.fdx with that scenario. */
static struct fdnet_node *add_mme(struct fdnet *n, const char *name, const char *scenario)
{
	char json[PATH_MAX], conf[PATH_MAX], text[PATH_MAX + 64];
	struct fdnet_node *node;

	snprintf(json, sizeof json, "%s/%s-scenario.json", n->dir, name);
	snprintf(conf, sizeof conf, "%s/%s-stub.conf", n->dir, name);
	snprintf(text, sizeof text, "scenario = %s\n", json);
	if (write_text_file(json, scenario) || write_text_file(conf, text) || !(node = fdnet_add(n, name, REALM)))
		return NULL;
	fdnet_load_dictionaries(node);
	fdnet_load(node, fdnet_fdx("mme_stub"), conf);
	return node;
}

static int find_models(void)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	const struct {
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ "SLg-Location-Type", &avp.slg_location_type },
		{ "LCS-EPS-Client-Name", &avp.lcs_eps_client_name },
		{ "LCS-Name-String", &avp.lcs_name_string },
		{ "LCS-Format-Indicator", &avp.lcs_format_indicator },
		{ "LCS-Client-Type", &avp.lcs_client_type },
		{ "MSISDN", &avp.msisdn },
		{ "LCS-QoS", &avp.lcs_qos },
		{ "Horizontal-Accuracy", &avp.horizontal_accuracy },
		{ "Vertical-Accuracy", &avp.vertical_accuracy },
		{ "Vertical-Requested", &avp.vertical_requested },
		{ "Response-Time", &avp.response_time },
		{ "Location-Estimate", &avp.location_estimate },
		{ "Accuracy-Fulfilment-Indicator", &avp.accuracy_fulfilment_indicator },
		{ "Age-Of-Location-Estimate", &avp.age_of_location_estimate },
		{ "Deferred-Location-Type", &avp.deferred_location_type },
		{ "LCS-Reference-Number", &avp.lcs_reference_number },
		{ "Periodic-LDR-Information", &avp.periodic_ldr_information },
		{ "Deferred-MT-LR-Data", &avp.deferred_mt_lr_data },
		{ "Reporting-Amount", &avp.reporting_amount },
		{ "Reporting-Interval", &avp.reporting_interval },
		{ "Location-Event", &avp.location_event },
		{ "Supported-GAD-Shapes", &avp.supported_gad_shapes },
	};

	for (size_t i = 0; i < sizeof avps / sizeof avps[0]; i++)
		if (dk_find_avp(d, DK_VENDOR_3GPP, avps[i].name, avps[i].obj))
			return -1;
	return dk_base_init() || dk_find_command(d, "Provide-Location-Request", &avp.plr);
}

static int setup(void **state)
{
	struct dict_object *vendor = NULL, *lrr = NULL;
	struct disp_when when = { 0 };
	vendor_id_t v = DK_VENDOR_3GPP;

	(void)state;
	if (fdnet_init(&net, "mme_stub"))
		return -1;
	mme = add_mme(&net, "mme", scenario_json);
	mme_ha = add_mme(&net, "mmeha", ha_scenario_json);
	mme_live = add_mme(&net, "mmelive", LIVE_SCENARIO(LIVE_UE(IMSI_LIVE, 1, 2)));
	gmlc = fdnet_add_embedded(&net, "gmlc", REALM);
	if (!mme || !mme_ha || !mme_live || !gmlc)
		return -1;
	fdnet_load_dictionaries(gmlc);
	fdnet_link(&net, gmlc, mme);
	fdnet_link(&net, gmlc, mme_ha);
	fdnet_link(&net, gmlc, mme_live);
	if (fdnet_start(&net) || fdnet_embedded_parse(gmlc))
		return -1;
	if (fd_dict_search(fd_g_config->cnf_dict, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT) ||
	    dk_find_application(fd_g_config->cnf_dict, SLG_APPLICATION_ID, &when.app) ||
	    fd_disp_app_support(when.app, vendor, 1, 0) || find_models() ||
	    dk_find_command(fd_g_config->cnf_dict, "Location-Report-Request", &lrr))
		return -1;
	when.command = lrr;
	if (fd_disp_register(on_lrr, DISP_HOW_CC, &when, NULL, &lrr_handler))
		return -1;
	return fdnet_embedded_start(&net, gmlc);
}

static int teardown(void **state)
{
	(void)state;
	if (lrr_handler)
		fd_disp_unregister(&lrr_handler, NULL);
	fdnet_embedded_stop();
	return fdnet_stop(&net);
}

/* A PLR to that MME up to its SLg-Location-Type. */
static struct msg *plr_head_to(const struct fdnet_node *to, int32_t type)
{
	struct msg *req = NULL;

	assert_int_equal(fdsend_new_request(avp.plr, REALM, 0, &req), 0);
	assert_int_equal(dk_add_str(req, dk_base.destination_host, to->identity), 0);
	assert_int_equal(dk_add_i32(req, avp.slg_location_type, type), 0);
	return req;
}

static struct msg *plr_head(int32_t type)
{
	return plr_head_to(mme, type);
}

/* A PLR with the mandatory AVPs, to that MME, for the UE of that IMSI and/or MSISDN (NULL: left
 * out). */
static struct msg *new_plr_to(const struct fdnet_node *to, int32_t type, const char *imsi, const char *msisdn)
{
	struct msg *req = plr_head_to(to, type);
	struct avp *g = NULL;

	if (imsi)
		assert_int_equal(dk_add_str(req, dk_base.user_name, imsi), 0);
	if (msisdn) {
		uint8_t tbcd[8];
		int len = tbcd_encode(msisdn, tbcd, sizeof tbcd);
		assert_true(len > 0);
		assert_int_equal(dk_add_os(req, avp.msisdn, tbcd, (size_t)len), 0);
	}
	assert_int_equal(dk_add_group(req, avp.lcs_eps_client_name, &g), 0);
	assert_int_equal(dk_add_str(g, avp.lcs_name_string, "test-gmlc"), 0);
	assert_int_equal(dk_add_i32(g, avp.lcs_format_indicator, 0), 0);
	assert_int_equal(dk_add_i32(req, avp.lcs_client_type, 1), 0);
	return req;
}

static struct msg *new_plr(int32_t type, const char *imsi, const char *msisdn)
{
	return new_plr_to(mme, type, imsi, msisdn);
}

static struct msg *send_plr(struct msg *req)
{
	struct msg *ans = NULL;

	assert_int_equal(fdsend_wait(&req, ANSWER_TIMEOUT_MS, &ans), 0);
	assert_non_null(ans);
	return ans;
}

/* The answer's result is that code, in Result-Code (vendor 0) or Experimental-Result. */
static void assert_result(struct msg *ans, uint32_t vendor, uint32_t code)
{
	struct dk_result res;
	int32_t state = -1;
	uint32_t rc;

	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.vendor, vendor);
	assert_int_equal(res.code, code);
	if (vendor)
		assert_int_equal(dk_get_u32(ans, dk_base.result_code, &rc), ENOENT);
	assert_int_equal(dk_get_i32(ans, dk_base.auth_session_state, &state), 0);
	assert_int_equal(state, 1); /* NO_STATE_MAINTAINED */
}

static struct gad_position answer_position(struct msg *ans)
{
	struct gad_position p;
	const uint8_t *data;
	size_t len;

	assert_int_equal(dk_get_os(ans, avp.location_estimate, &data, &len), 0);
	assert_int_equal(gad_decode(data, len, &p), 0);
	return p;
}

/* The scenario's shape around (lat, lon): ellipse, 100 m within one uncertainty step, 80%. */
static void assert_shape_at(const struct gad_position *p, double lat, double lon)
{
	assert_int_equal(p->shape, GAD_POINT_UNCERTAINTY_ELLIPSE);
	assert_true(fabs(p->lat - lat) < LAT_QUANTUM);
	assert_true(fabs(p->lon - lon) < LON_QUANTUM);
	assert_true(p->semi_major_m >= UNCERTAINTY_M && p->semi_major_m < UNCERTAINTY_M * 1.11);
	assert_true(p->semi_minor_m >= UNCERTAINTY_M && p->semi_minor_m < UNCERTAINTY_M * 1.11);
	assert_int_equal(p->confidence, CONFIDENCE);
}

/* A position of the fixed UE, of that age (0: fresh, AGE_MINUTES: its last known one). */
static void check_fixed_answer(struct msg *ans, int32_t fulfilment, uint32_t expected_age)
{
	struct gad_position p = answer_position(ans);
	uint32_t age = 0;
	int32_t afi = -1;

	assert_result(ans, 0, 2001);
	assert_shape_at(&p, FIXED_LAT, FIXED_LON);
	assert_int_equal(dk_get_u32(ans, avp.age_of_location_estimate, &age), 0);
	assert_int_equal(age, expected_age);
	assert_int_equal(dk_get_i32(ans, avp.accuracy_fulfilment_indicator, &afi), 0);
	assert_int_equal(afi, fulfilment);
}

static void add_qos(struct msg *req, uint32_t horizontal_accuracy)
{
	struct avp *qos = NULL;

	assert_int_equal(dk_add_group(req, avp.lcs_qos, &qos), 0);
	assert_int_equal(dk_add_u32(qos, avp.horizontal_accuracy, horizontal_accuracy), 0);
}

static void position_by_imsi(void **state)
{
	struct msg *req = new_plr(0, IMSI_FIXED, NULL), *ans;

	(void)state;
	add_qos(req, 60); /* 3 km asked: 100 m fulfils it */
	ans = send_plr(req);
	check_fixed_answer(ans, 0, 0);
	fd_msg_free(ans);
}

static void accuracy_not_fulfilled(void **state)
{
	struct msg *req = new_plr(0, IMSI_FIXED, NULL), *ans;

	(void)state;
	add_qos(req, 10); /* 15.9 m asked */
	ans = send_plr(req);
	check_fixed_answer(ans, 1, 0);
	fd_msg_free(ans);
}

/* A vertical accuracy asked (Vertical-Requested) of a UE without altitude is never fulfilled;
 * the horizontal one alone, with a Response-Time, is. */
static void vertical_accuracy_not_fulfilled(void **state)
{
	struct avp *qos = NULL;
	struct msg *req, *ans;
	(void)state;

	for (int32_t vertical = 0; vertical <= 1; vertical++) {
		req = new_plr(0, IMSI_FIXED, NULL);
		assert_int_equal(dk_add_group(req, avp.lcs_qos, &qos), 0);
		assert_int_equal(dk_add_u32(qos, avp.horizontal_accuracy, 60), 0);
		assert_int_equal(dk_add_u32(qos, avp.vertical_accuracy, 30), 0);
		assert_int_equal(dk_add_i32(qos, avp.vertical_requested, vertical), 0);
		assert_int_equal(dk_add_i32(qos, avp.response_time, 1), 0); /* DELAY_TOLERANT */
		ans = send_plr(req);
		check_fixed_answer(ans, vertical, 0);
		fd_msg_free(ans);
	}
}

/* A UE with an altitude, asked for the vertical position: a point with altitude and uncertainty
 * ellipsoid (the 100 m horizontally, 20 m up and down), fulfilled when the Vertical-Accuracy asked
 * is at least those 20 m; without Vertical-Requested, the scenario's ellipse. */
static void vertical_position_of_a_ue_with_altitude(void **state)
{
	static const struct {
		int vertical;
		uint32_t code; /* Vertical-Accuracy: 30 is 49.4 m, 12 is 15.5 m */
		int32_t fulfilment;
		enum gad_shape shape;
	} cases[] = {
		{ 1, 30, 0, GAD_POINT_ALTITUDE_ELLIPSOID },
		{ 1, 12, 1, GAD_POINT_ALTITUDE_ELLIPSOID },
		{ 0, 12, 0, GAD_POINT_UNCERTAINTY_ELLIPSE },
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct msg *req = new_plr(0, IMSI_MOVING, NULL), *ans;
		struct avp *qos = NULL;
		struct gad_position p;
		int32_t afi = -1;

		assert_int_equal(dk_add_group(req, avp.lcs_qos, &qos), 0);
		assert_int_equal(dk_add_u32(qos, avp.horizontal_accuracy, 60), 0); /* 3 km */
		assert_int_equal(dk_add_u32(qos, avp.vertical_accuracy, cases[i].code), 0);
		assert_int_equal(dk_add_i32(qos, avp.vertical_requested, cases[i].vertical), 0);
		ans = send_plr(req);
		assert_result(ans, 0, 2001);
		p = answer_position(ans);
		assert_int_equal(p.shape, cases[i].shape);
		assert_int_equal(dk_get_i32(ans, avp.accuracy_fulfilment_indicator, &afi), 0);
		assert_int_equal(afi, cases[i].fulfilment);
		if (cases[i].vertical) {
			/* 100 m at t = 0, 0.2 m a second since */
			assert_true(p.altitude_m >= 100 && p.altitude_m < 200);
			assert_true(p.uncertainty_altitude_m >= 20 && p.uncertainty_altitude_m < 21);
			assert_true(p.semi_major_m >= 100 && p.semi_major_m < 110);
		}
		fd_msg_free(ans);
	}
}

/* The position a PLR to that MME gets for that UE, asking for the vertical position or not, with
 * that Supported-GAD-Shapes (-1: none): in the shape wanted (case case_no of a table). */
static struct gad_position position_in_shape(const struct fdnet_node *to, const char *imsi, int vertical,
					     int64_t shapes, enum gad_shape wanted, size_t case_no)
{
	struct msg *req = new_plr_to(to, 0, imsi, NULL), *ans;
	struct avp *qos = NULL;
	struct gad_position p;

	if (shapes >= 0)
		assert_int_equal(dk_add_u32(req, avp.supported_gad_shapes, (uint32_t)shapes), 0);
	assert_int_equal(dk_add_group(req, avp.lcs_qos, &qos), 0);
	assert_int_equal(dk_add_i32(qos, avp.vertical_requested, vertical), 0);
	ans = send_plr(req);
	assert_result(ans, 0, 2001);
	p = answer_position(ans);
	fd_msg_free(ans);
	if (p.shape != wanted)
		fail_msg("case %zu: shape %d, not %d", case_no, (int)p.shape, (int)wanted);
	return p;
}

/* The ha_ellipse scenario answers in a high-accuracy shape only to a PLR whose
 * Supported-GAD-Shapes lists it (bit 7 the HA ellipse, bit 8 the HA ellipsoid), in the ordinary
 * ellipse or ellipsoid otherwise: a GMLC that does not say it reads them is not sent them. */
static void high_accuracy_shapes_when_the_gmlc_reads_them(void **state)
{
	static const struct {
		int vertical;
		int64_t shapes; /* -1: no Supported-GAD-Shapes */
		enum gad_shape shape;
	} cases[] = {
		{ 0, -1, GAD_POINT_UNCERTAINTY_ELLIPSE },
		{ 0, 0x7f, GAD_POINT_UNCERTAINTY_ELLIPSE },
		{ 0, 0x1ff, GAD_HA_POINT_UNCERTAINTY_ELLIPSE },
		{ 1, 0x1ff, GAD_HA_POINT_ALTITUDE_ELLIPSOID },
		{ 1, 0xff, GAD_POINT_ALTITUDE_ELLIPSOID },
		{ 1, -1, GAD_POINT_ALTITUDE_ELLIPSOID },
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gad_position p = position_in_shape(mme_ha, IMSI_HA, cases[i].vertical, cases[i].shapes,
							  cases[i].shape, i);

		assert_int_equal(p.confidence, 68);
		if (p.shape == GAD_HA_POINT_UNCERTAINTY_ELLIPSE || p.shape == GAD_HA_POINT_ALTITUDE_ELLIPSOID) {
			assert_true(fabs(p.lat - 52.5) < 1e-7 && fabs(p.lon + 13.4) < 1e-7);
			assert_true(p.semi_major_m >= 0.5 && p.semi_major_m < 0.52); /* K = 50: 0.5075 m */
		} else {
			assert_true(p.semi_major_m >= 1 && p.semi_major_m < 1.01); /* the ordinary codes' least */
		}
		if (p.shape == GAD_HA_POINT_ALTITUDE_ELLIPSOID) {
			assert_true(p.altitude_m == -12.25);
			assert_true(p.uncertainty_altitude_m >= 0.4 && p.uncertainty_altitude_m < 0.41);
			assert_int_equal(p.vertical_confidence, 68);
		}
		if (p.shape == GAD_POINT_ALTITUDE_ELLIPSOID)
			assert_true(p.altitude_m == -12); /* whole meters */
	}
	/* an altitude the HA ellipsoid cannot carry: the ordinary one, which can */
	assert_true(position_in_shape(mme_ha, IMSI_HA_HIGH, 1, 0x1ff, GAD_POINT_ALTITUDE_ELLIPSOID, 6).altitude_m ==
		    20000);
}

/* A shape the PLR's Supported-GAD-Shapes does not list is replaced by the next it lists: the
 * ellipsoid by the point with altitude, then by the horizontal shapes; the scenario's ellipse by
 * the circle, polygon (a square), arc, point. A list without any that fits: the scenario's shape,
 * as the log says. */
static void ordinary_shapes_the_gmlc_does_not_list_are_replaced(void **state)
{
	static const struct {
		const char *imsi;
		int vertical;
		int64_t shapes;
		enum gad_shape shape;
	} cases[] = {
		{ IMSI_FIXED, 0, 0x3, GAD_POINT_UNCERTAINTY_CIRCLE },
		{ IMSI_FIXED, 0, 0x8, GAD_POLYGON },
		{ IMSI_FIXED, 0, 0x41, GAD_ELLIPSOID_ARC },
		{ IMSI_FIXED, 0, 0x1, GAD_POINT },
		{ IMSI_MOVING, 1, 0x13, GAD_POINT_ALTITUDE },
		{ IMSI_MOVING, 1, 0x4, GAD_POINT_UNCERTAINTY_ELLIPSE },
		{ IMSI_FIXED, 0, 0x200, GAD_POINT_UNCERTAINTY_ELLIPSE },
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct gad_position p = position_in_shape(mme, cases[i].imsi, cases[i].vertical, cases[i].shapes,
							  cases[i].shape, i);

		if (p.shape == GAD_POINT_UNCERTAINTY_CIRCLE)
			assert_true(p.uncertainty_m >= UNCERTAINTY_M && p.uncertainty_m < UNCERTAINTY_M * 1.11);
		if (p.shape == GAD_POLYGON)
			assert_int_equal(p.n_points, 4);
		if (p.shape == GAD_POINT_ALTITUDE)
			assert_true(p.altitude_m >= 100 && p.altitude_m < 300);
	}
	assert_true(fdnet_log_contains(mme, "no shape of Supported-GAD-Shapes 0x200 fits the position"));
}

/* CURRENT_LOCATION and INITIAL_LOCATION position the UE now (age 0); CURRENT_OR_LAST_KNOWN_LOCATION
 * takes its last known location, AGE_MINUTES old. */
static void age_by_location_type(void **state)
{
	static const struct {
		int32_t type;
		uint32_t age;
	} cases[] = { { 0, 0 }, { 1, AGE_MINUTES }, { 2, 0 } };
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct msg *ans = send_plr(new_plr(cases[i].type, IMSI_FIXED, NULL));

		check_fixed_answer(ans, 0, cases[i].age);
		fd_msg_free(ans);
	}
}

static void position_by_msisdn(void **state)
{
	struct msg *ans = send_plr(new_plr(1, NULL, MSISDN_FIXED));

	(void)state;
	check_fixed_answer(ans, 0, AGE_MINUTES); /* CURRENT_OR_LAST_KNOWN_LOCATION: the last known */
	fd_msg_free(ans);
}

/* 10 to 20 degrees of latitude in 1000 s: 0.01 degree a second. */
static void trajectory_moves(void **state)
{
	struct gad_position first, second;
	struct msg *ans;

	(void)state;
	ans = send_plr(new_plr(0, IMSI_MOVING, NULL));
	assert_result(ans, 0, 2001);
	first = answer_position(ans);
	fd_msg_free(ans);
	usleep(1200 * 1000);
	ans = send_plr(new_plr(0, IMSI_MOVING, NULL));
	assert_result(ans, 0, 2001);
	second = answer_position(ans);
	fd_msg_free(ans);
	print_message("trajectory: %.5f,%.5f then %.5f,%.5f\n", first.lat, first.lon, second.lat, second.lon);
	assert_true(first.lat >= 10 && first.lat < 11);
	assert_true(second.lat - first.lat > 0.01 && second.lat - first.lat < 0.02);
	assert_true(second.lon - first.lon > 0.01 && second.lon - first.lon < 0.02);
}

static void unknown_user_is_5001(void **state)
{
	struct msg *ans = send_plr(new_plr(0, "001019999999999", NULL));

	(void)state;
	assert_result(ans, DK_VENDOR_3GPP, 5001);
	fd_msg_free(ans);
	ans = send_plr(new_plr(0, NULL, "4930999999"));
	assert_result(ans, DK_VENDOR_3GPP, 5001);
	fd_msg_free(ans);
}

static void marked_users_get_their_error(void **state)
{
	static const struct {
		const char *imsi, *msisdn;
		uint32_t code;
	} cases[] = {
		{ "001010000000011", NULL, 4221 },
		{ "001010000000012", NULL, 4222 },
		{ "001010000000013", NULL, 4223 },
		{ "001010000000014", NULL, 4224 },
		{ NULL, "33600000015", 4225 },
		/* listed by MSISDN only, asked with an IMSI as well (as a GMLC does) */
		{ "001010000009999", "33600000015", 4225 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct msg *ans = send_plr(new_plr(0, cases[i].imsi, cases[i].msisdn));
		assert_result(ans, DK_VENDOR_3GPP, cases[i].code);
		assert_int_equal(dk_get_os(ans, avp.location_estimate, &(const uint8_t *){ NULL }, &(size_t){ 0 }), ENOENT);
		fd_msg_free(ans);
	}
}

/* req, an ACTIVATE_DEFERRED_LOCATION PLR, completed (periodic, with that reference, amount and
 * interval) and sent: answered 2001 without a position. */
static void send_activation(struct msg *req, uint8_t reference, uint32_t amount, uint32_t interval)
{
	struct avp *periodic = NULL;
	const uint8_t *data;
	struct msg *ans;
	size_t len;

	assert_int_equal(dk_add_u32(req, avp.deferred_location_type, 1u << 4), 0);
	assert_int_equal(dk_add_os(req, avp.lcs_reference_number, &reference, 1), 0);
	assert_int_equal(dk_add_group(req, avp.periodic_ldr_information, &periodic), 0);
	assert_int_equal(dk_add_u32(periodic, avp.reporting_amount, amount), 0);
	assert_int_equal(dk_add_u32(periodic, avp.reporting_interval, interval), 0);
	ans = send_plr(req);
	assert_result(ans, 0, 2001);
	assert_int_equal(dk_get_os(ans, avp.location_estimate, &data, &len), ENOENT); /* it comes later */
	fd_msg_free(ans);
}

/* PLR ACTIVATE_DEFERRED_LOCATION for IMSI_PERIODIC, with LCS-QoS of that Horizontal-Accuracy code
 * (-1: none). */
static void activate(uint8_t reference, uint32_t amount, uint32_t interval, int horizontal_accuracy)
{
	struct msg *req = new_plr(3, IMSI_PERIODIC, NULL);

	if (horizontal_accuracy >= 0)
		add_qos(req, (uint32_t)horizontal_accuracy);
	send_activation(req, reference, amount, interval);
}

static void cancel_at(const struct fdnet_node *to, const char *imsi, uint8_t reference)
{
	struct msg *req = new_plr_to(to, 4, imsi, NULL), *ans;

	assert_int_equal(dk_add_os(req, avp.lcs_reference_number, &reference, 1), 0);
	ans = send_plr(req);
	assert_result(ans, 0, 2001);
	fd_msg_free(ans);
}

/* A periodic request without Periodic-LDR-Information: 5005 with an example of it in Failed-AVP,
 * its required Reporting-Amount and Reporting-Interval inside, or the answer would break the
 * group's rules and the receiving core would drop it (found by the hostile PLRs). */
static void missing_periodic_information_is_5005(void **state)
{
	struct msg *req = new_plr(3, IMSI_PERIODIC, NULL), *ans;
	struct avp *periodic = NULL, *child = NULL;
	uint8_t reference = 42;
	uint32_t failed = 0;

	(void)state;
	assert_int_equal(dk_add_u32(req, avp.deferred_location_type, 1u << 4), 0);
	assert_int_equal(dk_add_os(req, avp.lcs_reference_number, &reference, 1), 0);
	ans = send_plr(req);
	assert_result(ans, 0, 5005);
	assert_int_equal(dk_get_failed_avp_code(ans, &failed), 0);
	assert_int_equal(failed, 2540);
	assert_int_equal(dk_find_path(ans, &periodic, dk_base.failed_avp, avp.periodic_ldr_information, NULL), 0);
	assert_int_equal(dk_find(periodic, avp.reporting_amount, &child), 0);
	assert_non_null(child);
	assert_int_equal(dk_find(periodic, avp.reporting_interval, &child), 0);
	assert_non_null(child);
	fd_msg_free(ans);
}

static void periodic_reports_arrive(void **state)
{
	int base = wait_reports(0, 0);
	double start = now_s();

	(void)state;
	activate(7, 3, 1, -1);
	assert_int_equal(wait_reports(base + 3, 10), base + 3);
	for (int i = base; i < base + 3; i++) {
		const struct report *r = &reports[i];
		double gap = r->at_s - (i == base ? start : reports[i - 1].at_s);
		print_message("report %d after %.2f s\n", i - base + 1, gap);
		assert_int_equal(r->reference, 7);
		assert_string_equal(r->user_name, IMSI_PERIODIC);
		assert_int_equal(r->location_event, 4); /* DEFERRED_MT_LR_RESPONSE */
		assert_shape_at(&r->where, -33.9, 151.2);
		assert_int_equal(r->fulfilment, -1); /* no LCS-QoS asked */
		assert_true(gap > 0.7 && gap < 1.6);
	}
	/* and no fourth one */
	assert_int_equal(wait_reports(base + 4, 1.5), base + 3);
}

/* The activation's LCS-QoS is weighed for every report: 15.9 m asked of a 100 m circle is
 * NOT_FULFILLED in each LRR, 3 km FULFILLED. */
static void reports_say_whether_the_accuracy_is_met(void **state)
{
	static const struct {
		int code;
		int32_t fulfilment;
	} cases[] = { { 10, 1 }, { 60, 0 } };
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int base = wait_reports(0, 0);

		activate((uint8_t)(20 + i), 1, 1, cases[i].code);
		assert_int_equal(wait_reports(base + 1, 10), base + 1);
		assert_int_equal(reports[base].reference, 20 + (int)i);
		assert_int_equal(reports[base].fulfilment, cases[i].fulfilment);
	}
}

/* The reports of an activation whose Supported-GAD-Shapes lists the HA shapes, asking for the
 * vertical position: each in the HA ellipsoid. */
static void reports_in_the_high_accuracy_shape(void **state)
{
	struct msg *req = new_plr_to(mme_ha, 3, IMSI_HA, NULL);
	int base = wait_reports(0, 0);
	struct avp *qos = NULL;

	(void)state;
	assert_int_equal(dk_add_u32(req, avp.supported_gad_shapes, 0x1ff), 0);
	assert_int_equal(dk_add_group(req, avp.lcs_qos, &qos), 0);
	assert_int_equal(dk_add_i32(qos, avp.vertical_requested, 1), 0);
	send_activation(req, 30, 2, 1);
	assert_int_equal(wait_reports(base + 2, 10), base + 2);
	for (int i = base; i < base + 2; i++) {
		assert_int_equal(reports[i].reference, 30);
		assert_int_equal(reports[i].where.shape, GAD_HA_POINT_ALTITUDE_ELLIPSOID);
		assert_true(reports[i].where.altitude_m == -12.25);
	}
}

static void cancellation_stops_reports(void **state)
{
	int base = wait_reports(0, 0);

	(void)state;
	activate(8, 5, 1, -1);
	assert_int_equal(wait_reports(base + 1, 10), base + 1);
	cancel_at(mme, IMSI_PERIODIC, 8);
	assert_int_equal(wait_reports(base + 2, 2.5), base + 1);
	cancel_at(mme, IMSI_PERIODIC, 9); /* nothing to stop: still 2001 */
}

/* An Enumerated value its type does not list: 5004 naming the AVP in Failed-AVP. */
static void undefined_enumerated_value_is_5004(void **state)
{
	struct msg *ans = send_plr(new_plr(9, IMSI_FIXED, NULL)); /* SLg-Location-Type 0 to 5 */
	uint32_t failed = 0;

	(void)state;
	assert_result(ans, 0, 5004);
	assert_int_equal(dk_get_failed_avp_code(ans, &failed), 0);
	assert_int_equal(failed, 2500);
	fd_msg_free(ans);
}

/* A PLR of random values: location type, identities, client name and type, QoS, deferred
 * location, reference number and periodic reporting, each valid or not. */
static struct msg *hostile_plr(void)
{
	uint8_t bytes[16], tbcd[8];
	struct msg *req = NULL;
	struct avp *g = NULL;

	req = plr_head(hostile_below(4) ? (int32_t)hostile_below(6) : hostile_int());
	if (hostile_below(4))
		assert_int_equal(hostile_add_text(req, dk_base.user_name, IMSI_FIXED, "001019999999999"), 0);
	if (!hostile_below(3))
		assert_int_equal(hostile_below(2) ? dk_add_os(req, avp.msisdn, tbcd, (size_t)tbcd_encode(MSISDN_FIXED, tbcd, sizeof tbcd))
						  : dk_add_os(req, avp.msisdn, bytes, hostile_bytes(bytes, sizeof bytes)),
				 0);
	assert_int_equal(dk_add_group(req, avp.lcs_eps_client_name, &g), 0);
	if (hostile_below(4))
		assert_int_equal(hostile_add_text(g, avp.lcs_name_string, "test-gmlc", ""), 0);
	if (hostile_below(4))
		assert_int_equal(dk_add_i32(g, avp.lcs_format_indicator, hostile_below(2) ? 0 : hostile_int()), 0);
	assert_int_equal(dk_add_i32(req, avp.lcs_client_type, hostile_below(2) ? 1 : hostile_int()), 0);
	if (hostile_below(2))
		add_qos(req, hostile_below(2) ? hostile_below(128) : hostile_next());
	if (!hostile_below(4))
		assert_int_equal(dk_add_u32(req, avp.deferred_location_type, hostile_below(2) ? 8 : hostile_next()), 0);
	if (!hostile_below(4))
		assert_int_equal(dk_add_os(req, avp.lcs_reference_number, bytes, hostile_bytes(bytes, 3)), 0);
	if (!hostile_below(4)) {
		/* in range, a few reports one second apart, or anything */
		int sane = hostile_below(2);
		assert_int_equal(dk_add_group(req, avp.periodic_ldr_information, &g), 0);
		assert_int_equal(dk_add_u32(g, avp.reporting_amount, sane ? 1 + hostile_below(2) : hostile_next()), 0);
		assert_int_equal(dk_add_u32(g, avp.reporting_interval, sane ? 1 : hostile_next()), 0);
	}
	return req;
}

/* Every hostile PLR gets an answer with a result (errors for most), and a valid PLR after them
 * is answered as before. Last of the PLR tests: the periodic requests it starts may report. */
static void every_hostile_plr_gets_an_answer(void **state)
{
	struct hostile_tally t;
	struct msg *ans;
	char why[200];

	(void)state;
	if (hostile_send(hostile_plr, 500, ANSWER_TIMEOUT_MS, &t, why, sizeof why))
		fail_msg("%s", why);
	print_message("%d answered 2001, %d with an error\n", t.successes, t.errors);
	assert_true(t.errors > 0 && t.successes > 0);
	ans = send_plr(new_plr(0, IMSI_FIXED, NULL));
	check_fixed_answer(ans, 0, 0);
	fd_msg_free(ans);
}

/* The live MME's position of that UE: at (lat, lon), or unknown (5001) when lat is NAN. */
static void assert_live_position(const char *imsi, double lat, double lon)
{
	struct msg *ans = send_plr(new_plr_to(mme_live, 0, imsi, NULL));
	struct gad_position p;

	if (isnan(lat)) {
		assert_result(ans, DK_VENDOR_3GPP, 5001);
	} else {
		assert_result(ans, 0, 2001);
		p = answer_position(ans);
		assert_shape_at(&p, lat, lon);
	}
	fd_msg_free(ans);
}

/* Rewrite the live MME's scenario, send it SIGUSR1, and wait until its log says once more that it
 * reloaded the file and found `ues` ("1 UE", "2 UEs"), or, with ues NULL, that it kept the
 * scenario in use (an earlier reload may have logged the same line). */
static void reload_live(const char *json, const char *ues)
{
	char path[PATH_MAX], reloaded[PATH_MAX + 64];
	const char *then = "the scenario in use is kept";
	int before;

	snprintf(path, sizeof path, "%s/mmelive-scenario.json", net.dir);
	snprintf(reloaded, sizeof reloaded, "scenario reloaded from %s (%s)", path, ues ? ues : "");
	if (ues)
		then = reloaded;
	before = file_count(mme_live->log_path, then);
	assert_int_equal(write_text_file(path, json), 0);
	assert_int_equal(kill(mme_live->pid, SIGUSR1), 0);
	if (!file_count_reaches(mme_live->log_path, then, before + 1, 5000))
		fail_msg("after SIGUSR1 the MME's log does not say \"%s\" again", then);
}

/* SIGUSR1 reloads the scenario file: its UEs move, come and go, in PLAs and in the reports of a
 * periodic request made before; a file that does not load leaves the scenario as it was. */
static void scenario_reloads_on_sigusr1(void **state)
{
	int first, next;

	(void)state;
	assert_live_position(IMSI_LIVE, 1, 2);
	assert_live_position(IMSI_LIVE_NEW, NAN, 0);
	first = wait_reports(0, 0);
	send_activation(new_plr_to(mme_live, 3, IMSI_LIVE, NULL), 40, 10, 1);
	assert_true((first = wait_report_of(40, first, 10)) >= 0);
	assert_shape_at(&reports[first].where, 1, 2);

	reload_live("{ \"ues\": [ { \"imsi\": \"" IMSI_LIVE "\", \"colour\": 1 } ] }\n",
		    NULL);
	assert_true(fdnet_log_contains(mme_live, "ues[0]: unknown key 'colour'"));
	assert_live_position(IMSI_LIVE, 1, 2);

	reload_live(LIVE_SCENARIO(LIVE_UE(IMSI_LIVE, 3, 4) ", " LIVE_UE(IMSI_LIVE_NEW, 5, 6)),
		    "2 UEs");
	assert_live_position(IMSI_LIVE, 3, 4);
	assert_live_position(IMSI_LIVE_NEW, 5, 6);
	/* the first report after the reload may have left before it: the second cannot */
	assert_true((first = wait_report_of(40, wait_reports(0, 0), 10)) >= 0);
	assert_true((next = wait_report_of(40, first + 1, 10)) >= 0);
	assert_shape_at(&reports[next].where, 3, 4);

	reload_live(LIVE_SCENARIO(LIVE_UE(IMSI_LIVE_NEW, 5, 6)), "1 UE");
	assert_live_position(IMSI_LIVE, NAN, 0);
	/* the reports go on, without a UE to report: none sent (one may have left before the reload) */
	if ((first = wait_report_of(40, wait_reports(0, 0), 2.5)) >= 0)
		assert_int_equal(wait_report_of(40, first + 1, 2.5), -1);
	assert_true(fdnet_log_contains(mme_live, "UE " IMSI_LIVE " is not in the scenario any more"));
	cancel_at(mme_live, IMSI_LIVE, 40);
}

/* A UE-Available request (Deferred-Location-Type bit 0) for a UE the scenario marks unreachable:
 * accepted, no report while it stays so; once a reload makes it reachable, one report
 * (DEFERRED_MT_LR_RESPONSE, Deferred-MT-LR-Data UE-Available) of where it is, and no other. */
static void ue_available_reported_once_reachable(void **state)
{
	static const uint8_t reference = 41;
	struct msg *req, *ans;
	int first;

	(void)state;
	reload_live(LIVE_SCENARIO("{ \"imsi\": \"" IMSI_LIVE "\", \"error\": \"unreachable\", "
				  "\"position\": { \"lat\": 7, \"lon\": 8 } }"),
		    "1 UE");
	first = wait_reports(0, 0);
	req = new_plr_to(mme_live, SLG_ACTIVATE_DEFERRED_LOCATION, IMSI_LIVE, NULL);
	assert_int_equal(dk_add_u32(req, avp.deferred_location_type, SLG_DEFERRED_UE_AVAILABLE), 0);
	assert_int_equal(dk_add_os(req, avp.lcs_reference_number, &reference, 1), 0);
	ans = send_plr(req);
	assert_result(ans, 0, 2001);
	fd_msg_free(ans);
	assert_int_equal(wait_report_of(reference, first, 2.5), -1);
	reload_live(LIVE_SCENARIO(LIVE_UE(IMSI_LIVE, 7, 8)), "1 UE");
	assert_true((first = wait_report_of(reference, first, 5)) >= 0);
	assert_int_equal(reports[first].location_event, SLG_LOCATION_EVENT_DEFERRED_MT_LR_RESPONSE);
	assert_int_equal(reports[first].deferred_type, SLG_DEFERRED_UE_AVAILABLE);
	assert_shape_at(&reports[first].where, 7, 8);
	assert_int_equal(wait_report_of(reference, first + 1, 2.5), -1);
}

static void bad_scenario_stops_the_daemon(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad_scenarios / sizeof bad_scenarios[0]; i++) {
		struct fdnet bad;
		struct fdnet_node *node;

		assert_int_equal(fdnet_init(&bad, "mme_stub_bad"), 0);
		assert_non_null(node = add_mme(&bad, "badmme", bad_scenarios[i].json));
		assert_int_not_equal(fdnet_start(&bad), 0);
		if (!fdnet_log_contains(node, bad_scenarios[i].says))
			fail_msg("scenario %zu: the log does not say \"%s\"", i, bad_scenarios[i].says);
		fdnet_stop(&bad);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(position_by_imsi),
		cmocka_unit_test(accuracy_not_fulfilled),
		cmocka_unit_test(vertical_accuracy_not_fulfilled),
		cmocka_unit_test(vertical_position_of_a_ue_with_altitude),
		cmocka_unit_test(high_accuracy_shapes_when_the_gmlc_reads_them),
		cmocka_unit_test(ordinary_shapes_the_gmlc_does_not_list_are_replaced),
		cmocka_unit_test(position_by_msisdn),
		cmocka_unit_test(age_by_location_type),
		cmocka_unit_test(trajectory_moves),
		cmocka_unit_test(unknown_user_is_5001),
		cmocka_unit_test(marked_users_get_their_error),
		cmocka_unit_test(undefined_enumerated_value_is_5004),
		cmocka_unit_test(missing_periodic_information_is_5005),
		cmocka_unit_test(periodic_reports_arrive),
		cmocka_unit_test(reports_say_whether_the_accuracy_is_met),
		cmocka_unit_test(reports_in_the_high_accuracy_shape),
		cmocka_unit_test(cancellation_stops_reports),
		cmocka_unit_test(every_hostile_plr_gets_an_answer),
		cmocka_unit_test(scenario_reloads_on_sigusr1),
		cmocka_unit_test(ue_available_reported_once_reachable),
		cmocka_unit_test(bad_scenario_stops_the_daemon),
	};
	return cmocka_run_group_tests_name("mme_stub", tests, setup, teardown);
}
