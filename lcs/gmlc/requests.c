/* The Diameter requests that immediate (locate.c) and periodic (tracking.c) location share: SLh
 * RIR for one msid, the serving MME read from the RIA, and an SLg PLR to that MME. */
#include "gmlc.h"

#include <stdio.h>
#include <string.h>

#include "gad.h"
#include "lcs_results.h"
#include "tbcd.h"

#define NO_STATE_MAINTAINED 1
#define LOGICAL_NAME 0
#define VALUE_ADDED_SERVICES 1
#define ASSURED 0
#define BEST_EFFORT 1
#define VERTICAL_REQUESTED 1
#define LOW_DELAY 0
#define DELAY_TOLERANT 1
#define REQUESTED_ACCURACY_NOT_FULFILLED 1

struct dk_sid_maker gmlc_sids;

/* The Session-Id is made without a freeDiameter session object (diamkit session_id.c says why). */
int gmlc_new_request(struct dict_object *cmd, struct msg **req)
{
	*req = NULL;
	CHECK_FCT(fd_msg_new(cmd, MSGFL_ALLOC_ETEID, req));
	CHECK_FCT(dk_add_new_session_id(&gmlc_sids, *req));
	CHECK_FCT(dk_add_i32(*req, dk_base.auth_session_state, NO_STATE_MAINTAINED));
	return fd_msg_add_origin(*req, 0);
}

int gmlc_failure_of(struct msg *ans)
{
	struct dk_result res = { 0, 0 };

	if (!ans)
		return lcs_mlp_result_of(0, LCS_NO_ANSWER);
	if (dk_get_result(ans, &res) || (res.vendor == 0 && res.code == GMLC_DIAMETER_SUCCESS))
		return res.code ? 0 : MLP_SYSTEM_FAILURE;
	return lcs_mlp_result_of(res.vendor, res.code);
}

int gmlc_build_rir(const struct gmlc_config *c, const struct mlp_msid *id, struct msg **rir)
{
	uint8_t tbcd[GMLC_MSISDN_OCTETS];
	int n = -1;

	*rir = NULL;
	if (id->type != MLP_MSID_MSISDN && id->type != MLP_MSID_IMSI)
		return MLP_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE_NOT_SUPPORTED;
	if (id->type == MLP_MSID_MSISDN && (n = tbcd_encode(id->value, tbcd, sizeof tbcd)) < 0)
		return MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
	if (gmlc_new_request(gmlc_dict.rir, rir) ||
	    (c->hss_host[0] && dk_add_str(*rir, dk_base.destination_host, c->hss_host)) ||
	    dk_add_str(*rir, dk_base.destination_realm, c->hss_realm) ||
	    (n >= 0 ? dk_add_os(*rir, gmlc_dict.msisdn, tbcd, (size_t)n) :
		      dk_add_str(*rir, dk_base.user_name, id->value)))
		return MLP_SYSTEM_FAILURE;
	return 0;
}

int gmlc_ue_of_ria(struct msg *ria, struct gmlc_ue *ue)
{
	struct avp *node = NULL;
	const uint8_t *msisdn;
	const char *dot;
	size_t len;

	memset(ue, 0, sizeof *ue);
	CHECK_FCT(dk_find(ria, gmlc_dict.serving_node, &node));
	if (!node || dk_get_str(node, gmlc_dict.mme_name, ue->mme, sizeof ue->mme))
		return ENOTSUP; /* served by an SGSN or MSC only: not in this lab GMLC */
	if (dk_get_str(node, gmlc_dict.mme_realm, ue->realm, sizeof ue->realm))
		snprintf(ue->realm, sizeof ue->realm, "%s", (dot = strchr(ue->mme, '.')) ? dot + 1 : ue->mme);
	if (dk_get_str(ria, dk_base.user_name, ue->imsi, sizeof ue->imsi))
		ue->imsi[0] = '\0';
	if (!dk_get_os(ria, gmlc_dict.msisdn, &msisdn, &len) && len <= sizeof ue->msisdn) {
		memcpy(ue->msisdn, msisdn, len);
		ue->msisdn_len = len;
	}
	return 0;
}

int gmlc_build_plr(const struct gmlc_ue *ue, const char *client, int32_t type, uint32_t gad_shapes,
		   struct msg **plr)
{
	struct avp *name = NULL;

	CHECK_FCT(gmlc_new_request(gmlc_dict.plr, plr));
	CHECK_FCT(dk_add_str(*plr, dk_base.destination_host, ue->mme));
	CHECK_FCT(dk_add_str(*plr, dk_base.destination_realm, ue->realm));
	CHECK_FCT(dk_add_i32(*plr, gmlc_dict.slg_location_type, type));
	if (ue->imsi[0])
		CHECK_FCT(dk_add_str(*plr, dk_base.user_name, ue->imsi));
	if (ue->msisdn_len)
		CHECK_FCT(dk_add_os(*plr, gmlc_dict.msisdn, ue->msisdn, ue->msisdn_len));
	CHECK_FCT(dk_add_group(*plr, gmlc_dict.lcs_eps_client_name, &name));
	CHECK_FCT(dk_add_str(name, gmlc_dict.lcs_name_string, client));
	CHECK_FCT(dk_add_i32(name, gmlc_dict.lcs_format_indicator, LOGICAL_NAME));
	CHECK_FCT(dk_add_i32(*plr, gmlc_dict.lcs_client_type, VALUE_ADDED_SERVICES));
	/* what the Location-Estimate may be (the configuration's gad_shapes; by default every shape
	 * liblcs reads, so that an MME may answer in a high-accuracy one) */
	return dk_add_u32(*plr, gmlc_dict.supported_gad_shapes, gad_shapes);
}

void gmlc_sighting_of(struct msg *m, struct gmlc_sighting *seen)
{
	struct mlp_pos *pos = &seen->pos;
	struct gad_position gad;
	const uint8_t *est;
	int32_t fulfilment = 0;
	size_t len;

	memset(seen, 0, sizeof *seen);
	pos->time = time(NULL);
	if (dk_get_os(m, gmlc_dict.location_estimate, &est, &len) || gad_decode(est, len, &gad) ||
	    gad_to_mlp(&gad, &pos->shape)) {
		pos->result = MLP_POSITION_METHOD_FAILURE;
		return;
	}
	seen->has_area = gad_area(&gad, &seen->area) == 0;
	dk_get_u32(m, gmlc_dict.age_of_location_estimate, &seen->age_minutes); /* absent: a fresh one */
	pos->time -= (time_t)seen->age_minutes * 60;
	dk_get_i32(m, gmlc_dict.accuracy_fulfilment_indicator, &fulfilment); /* absent: fulfilled */
	seen->not_fulfilled = fulfilment == REQUESTED_ACCURACY_NOT_FULFILLED;
}

int32_t gmlc_slg_location_type(const struct mlp_request *r)
{
	/* LAST_OR_CURRENT: whatever CURRENT_OR_LAST_KNOWN_LOCATION brings back is a location the
	 * client takes, only its preference for the last known one is lost. LAST: SLg has no "last
	 * known only", and asking for the current location could page a UE the client chose not to. */
	static const int32_t types[] = {
		[MLP_LOC_CURRENT] = SLG_CURRENT_LOCATION,
		[MLP_LOC_LAST] = -1,
		[MLP_LOC_CURRENT_OR_LAST] = SLG_CURRENT_OR_LAST_KNOWN_LOCATION,
		[MLP_LOC_LAST_OR_CURRENT] = SLG_CURRENT_OR_LAST_KNOWN_LOCATION,
		[MLP_LOC_INITIAL] = SLG_INITIAL_LOCATION,
	};

	return r->has_loc_type ? types[r->loc_type] : SLG_CURRENT_LOCATION;
}

int gmlc_quality_of(const struct mlp_eqop *q, int not_fulfilled, uint32_t age_minutes, enum mlp_version v,
		    struct mlp_pos *pos)
{
	const char *missed = NULL;

	/* ASSURED: only a position that meets the accuracy is answered (TS 23.271 §9.1.1 step 10) */
	if (not_fulfilled && q->has_qos_class && q->qos_class == MLP_QOS_ASSURED)
		missed = "accuracy";
	else if (q->max_loc_age_s >= 0 && (long)age_minutes * 60 > q->max_loc_age_s)
		missed = "max_loc_age";
	if (missed) {
		snprintf(pos->add_info, sizeof pos->add_info, "%s", missed);
		return MLP_QOP_NOT_ATTAINABLE;
	}
	/* pd/qos_not_met is new in MLP 3.4 (OMA MLP_v3_4.dtd): an older answer cannot carry it. */
	pos->qos_not_met = not_fulfilled && v >= MLP_V3_4;
	return 0;
}

int gmlc_add_lcs_priority(struct msg *plr, int prio)
{
	return prio < 0 ? 0 : dk_add_u32(plr, gmlc_dict.lcs_priority, prio == MLP_PRIO_HIGH ? 0 : 1);
}

int gmlc_add_lcs_qos(struct msg *plr, const struct mlp_eqop *q)
{
	int horizontal = q->hor_acc_m >= 0 ? gad_uncertainty_code_within((double)q->hor_acc_m) : 0;
	int vertical = q->alt_acc_m >= 0 ? gad_altitude_uncertainty_code_within((double)q->alt_acc_m) : 0;
	struct avp *qos = NULL;

	if (q->hor_acc_m < 0 && q->alt_acc_m < 0 && !q->has_resp_req)
		return 0;
	if (horizontal < 0 || vertical < 0)
		return EINVAL;
	CHECK_FCT(dk_add_group(plr, gmlc_dict.lcs_qos, &qos));
	CHECK_FCT(dk_add_i32(qos, gmlc_dict.lcs_qos_class,
			     q->has_qos_class && q->qos_class == MLP_QOS_ASSURED ? ASSURED : BEST_EFFORT));
	if (q->hor_acc_m >= 0)
		CHECK_FCT(dk_add_u32(qos, gmlc_dict.horizontal_accuracy, (uint32_t)horizontal));
	if (q->alt_acc_m >= 0) {
		CHECK_FCT(dk_add_u32(qos, gmlc_dict.vertical_accuracy, (uint32_t)vertical));
		CHECK_FCT(dk_add_i32(qos, gmlc_dict.vertical_requested, VERTICAL_REQUESTED));
	}
	/* SLg has two response times: NO_DELAY (what is at hand, at once) is nearest LOW_DELAY. */
	if (q->has_resp_req)
		CHECK_FCT(dk_add_i32(qos, gmlc_dict.response_time,
				     q->resp_req == MLP_RESP_DELAY_TOL ? DELAY_TOLERANT : LOW_DELAY));
	return 0;
}
