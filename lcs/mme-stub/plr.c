/* Provide-Location-Request (TS 29.172 §6.2): an Enumerated AVP with a value its type does not list
 * is answered 5004 with it in Failed-AVP; the UE by User-Name (IMSI) or MSISDN, then
 * - unknown UE: Experimental-Result 5001; UE the scenario marks: its 42xx code;
 * - ACTIVATE_DEFERRED_LOCATION with the periodic bit: 2001 at once, the reports follow (reports.c);
 * - CANCEL_DEFERRED_LOCATION: stops the reports of that GMLC and LCS-Reference-Number, 2001 even
 *   when there were none (nothing left to stop is not an error for the GMLC);
 * - any other type: 2001 with Location-Estimate, Accuracy-Fulfilment-Indicator and
 *   Age-Of-Location-Estimate: the UE's last known location for CURRENT_OR_LAST_KNOWN_LOCATION
 *   (the scenario's age_minutes), a fresh one (0) for CURRENT_LOCATION and INITIAL_LOCATION,
 *   which position the UE now.
 * Deferred types other than periodic are not simulated: 5012 DIAMETER_UNABLE_TO_COMPLY. */
#include "mme_stub.h"
#include "tbcd.h"

#define MAX_REPORTING_SPAN_S 8639999 /* Reporting-Amount x Reporting-Interval, §7.4.45 */

/* The UE the request names (scenario_find), or NULL. *named is 0 when it carries neither
 * User-Name nor MSISDN. */
static const struct scenario_ue *find_ue(const struct scenario *s, struct msg *req, int *named)
{
	char imsi[64] = "", digits[2 * 8 + 1] = "";
	const uint8_t *msisdn;
	size_t len;
	int by_imsi = dk_get_str(req, dk_base.user_name, imsi, sizeof imsi);
	int by_msisdn = dk_get_os(req, mme_dict.msisdn, &msisdn, &len);

	*named = by_imsi != ENOENT || !by_msisdn;
	if (by_imsi)
		imsi[0] = '\0';
	if (by_msisdn || len > 8 || tbcd_decode(msisdn, len, digits, sizeof digits) < 0)
		digits[0] = '\0';
	return scenario_find(s, imsi, digits);
}

static int answer_location(struct msg *req, struct msg *ans, const struct scenario *s, const struct scenario_ue *ue,
			   int32_t type)
{
	uint8_t gad[GAD_MAX_LEN];
	struct location_ask ask;
	size_t len;

	CHECK_FCT(location_ask_of(req, &ask));
	CHECK_FCT(location_estimate(s, ue, &ask, gad, &len));
	CHECK_FCT(dk_set_result(ans, ER_DIAMETER_SUCCESS, NULL));
	CHECK_FCT(dk_add_os(ans, mme_dict.location_estimate, gad, len));
	/* without LCS-QoS nothing was asked: fulfilled */
	CHECK_FCT(dk_add_i32(ans, mme_dict.accuracy_fulfilment_indicator, location_fulfilment(s, ue, &ask) > 0));
	return dk_add_u32(ans, mme_dict.age_of_location_estimate,
			  type == SLG_CURRENT_OR_LAST_KNOWN_LOCATION ? ue->age_minutes : 0);
}

/* LCS-Reference-Number: one octet. Sets *answered when the answer already says what is wrong. */
static int get_reference(struct msg *req, struct msg *ans, uint8_t *reference, int *answered)
{
	struct avp *avp = NULL;
	const uint8_t *data;
	size_t len;

	*answered = 1;
	CHECK_FCT(dk_find(req, mme_dict.lcs_reference_number, &avp));
	if (!avp)
		return dk_set_missing(ans, mme_dict.lcs_reference_number);
	CHECK_FCT(dk_get_os(req, mme_dict.lcs_reference_number, &data, &len));
	if (len != 1)
		return dk_set_result(ans, ER_DIAMETER_INVALID_AVP_VALUE, avp);
	*reference = data[0];
	*answered = 0;
	return 0;
}

/* Reporting-Amount and Reporting-Interval of a periodic request into r. */
static int read_periodic(struct msg *req, struct msg *ans, struct report_request *r, int *answered)
{
	struct avp *periodic = NULL;

	*answered = 1;
	CHECK_FCT(dk_find(req, mme_dict.periodic_ldr_information, &periodic));
	if (!periodic)
		return dk_set_missing(ans, mme_dict.periodic_ldr_information);
	/* Both are required inside the group: the core has checked they are there. */
	CHECK_FCT(dk_get_u32(periodic, mme_dict.reporting_amount, &r->amount));
	CHECK_FCT(dk_get_u32(periodic, mme_dict.reporting_interval, &r->interval_s));
	if (!r->amount || !r->interval_s || (uint64_t)r->amount * r->interval_s > MAX_REPORTING_SPAN_S)
		return dk_set_result(ans, ER_DIAMETER_INVALID_AVP_VALUE, periodic);
	*answered = 0;
	return 0;
}

/* A deferred request of Deferred-Location-Type type: periodic reports (Periodic-LDR-Information),
 * or one report when the UE is reachable (UE-Available: looked for every second; at once it is, a
 * second after the PLA). */
static int answer_activation(struct msg *req, struct msg *ans, const struct scenario_ue *ue, uint32_t type)
{
	struct report_request r = { 0 };
	int answered;

	if (!(type & (SLG_DEFERRED_PERIODIC_LDR | SLG_DEFERRED_UE_AVAILABLE))) {
		LOG_N("mme_stub %s: deferred location type 0x%x is not simulated", mme_conf.name, type);
		return dk_set_result(ans, ER_DIAMETER_UNABLE_TO_COMPLY, NULL);
	}
	CHECK_FCT(get_reference(req, ans, &r.reference, &answered));
	if (answered)
		return 0;
	if (type & SLG_DEFERRED_PERIODIC_LDR) {
		CHECK_FCT(read_periodic(req, ans, &r, &answered));
		if (answered)
			return 0;
	} else {
		r.ue_available = 1;
		r.amount = r.interval_s = 1;
	}
	CHECK_FCT(location_ask_of(req, &r.ask));
	memcpy(r.imsi, ue->imsi, sizeof r.imsi);
	memcpy(r.msisdn, ue->msisdn, sizeof r.msisdn);
	CHECK_FCT(dk_get_str(req, dk_base.origin_host, r.gmlc_host, sizeof r.gmlc_host));
	CHECK_FCT(dk_get_str(req, dk_base.origin_realm, r.gmlc_realm, sizeof r.gmlc_realm));
	CHECK_FCT(reports_add(&r));
	LOG_N("mme_stub %s: %u %s every %u s to %s, reference %u", mme_conf.name, r.amount,
	      r.ue_available ? "report once reachable, looked for" : "reports", r.interval_s, r.gmlc_host,
	      r.reference);
	return dk_set_result(ans, ER_DIAMETER_SUCCESS, NULL);
}

static int answer_cancellation(struct msg *req, struct msg *ans)
{
	char host[256];
	uint8_t reference;
	int answered;

	CHECK_FCT(get_reference(req, ans, &reference, &answered));
	if (answered)
		return 0;
	CHECK_FCT(dk_get_str(req, dk_base.origin_host, host, sizeof host));
	if (!reports_cancel(host, reference))
		LOG_N("mme_stub %s: no reports to cancel for %s, reference %u", mme_conf.name, host, reference);
	return dk_set_result(ans, ER_DIAMETER_SUCCESS, NULL);
}

/* The UE's privacy (TS 23.271: the serving node checks the LCS client against the UE's privacy
 * exceptions) for the client the PLR names in LCS-EPS-Client-Name / LCS-Name-String. */
static int client_allowed(struct msg *req, const struct scenario_ue *ue)
{
	char client[SCENARIO_CLIENT_LEN];
	struct avp *name = NULL;

	if (!ue->privacy_restricted)
		return 1;
	if (dk_find(req, mme_dict.lcs_eps_client_name, &name) || !name ||
	    dk_get_str(name, mme_dict.lcs_name_string, client, sizeof client))
		return scenario_client_allowed(ue, NULL);
	return scenario_client_allowed(ue, client);
}

/* The answer to req in ans from scenario s; *ue_out the UE it concerns, when there is one. */
static int answer(struct msg *req, struct msg *ans, const struct scenario *s, const struct scenario_ue **ue_out)
{
	const struct scenario_ue *ue;
	struct avp *undefined = NULL;
	uint32_t deferred = 0;
	int32_t type;
	int named;

	CHECK_FCT(dk_find_undefined_enum(req, &undefined));
	if (undefined) /* SLg-Location-Type, LCS-Client-Type, LCS-Format-Indicator... out of their lists */
		return dk_set_result(ans, ER_DIAMETER_INVALID_AVP_VALUE, undefined);
	CHECK_FCT(dk_get_i32(req, mme_dict.slg_location_type, &type)); /* required: the core checked */
	if (type == SLG_CANCEL_DEFERRED_LOCATION)
		return answer_cancellation(req, ans);
	*ue_out = ue = find_ue(s, req, &named);
	if (!named)
		return dk_set_missing(ans, dk_base.user_name);
	if (!ue)
		return dk_set_experimental_result(ans, DK_VENDOR_3GPP, SLG_ERROR_USER_UNKNOWN, NULL);
	if (type == SLG_ACTIVATE_DEFERRED_LOCATION && dk_get_u32(req, mme_dict.deferred_location_type, &deferred))
		return dk_set_missing(ans, mme_dict.deferred_location_type);
	/* An unreachable UE is what a UE-Available request (and it alone) waits for. */
	if (ue->error && !(ue->error == SLG_ERROR_UNREACHABLE_USER && deferred == SLG_DEFERRED_UE_AVAILABLE))
		return dk_set_experimental_result(ans, DK_VENDOR_3GPP, ue->error, NULL);
	if (!client_allowed(req, ue))
		return dk_set_experimental_result(ans, DK_VENDOR_3GPP, SLG_ERROR_POSITIONING_DENIED, NULL);
	if (type == SLG_ACTIVATE_DEFERRED_LOCATION)
		return answer_activation(req, ans, ue, deferred);
	return answer_location(req, ans, s, ue, type);
}

int plr_cb(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act)
{
	const struct scenario_ue *ue = NULL;
	struct scenario *s = scenario_hold();
	struct msg *req = *msg;
	struct dk_result res;
	int ret;

	(void)avp;
	(void)sess;
	(void)opaque;
	CHECK_FCT_DO(ret = fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0), goto out); /* req stays */
	CHECK_FCT_DO(ret = dk_add_i32(*msg, dk_base.auth_session_state, 1), goto out); /* NO_STATE_MAINTAINED */
	if ((ret = answer(req, *msg, s, &ue))) {
		LOG_E("mme_stub %s: cannot answer a PLR: %s", mme_conf.name, strerror(ret));
		/* Always answer: the GMLC would otherwise wait for nothing. */
		if (dk_get_result(*msg, &res) || !res.code)
			CHECK_FCT_DO(ret = dk_set_result(*msg, ER_DIAMETER_UNABLE_TO_COMPLY, NULL), goto out);
	}
	/* taken over when late: freeDiameter then has nothing to send */
	if (ue && ue->delay_ms && delayed_send(msg, ue->delay_ms))
		LOG_E("mme_stub %s: cannot delay an answer: sent at once", mme_conf.name);
	*act = DISP_ACT_SEND;
	ret = 0;
out:
	scenario_release(s);
	return ret;
}
