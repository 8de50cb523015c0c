/* Location-Report-Requests from the MMEs (TS 29.172 §6.3, §7.3.3): the reports of periodic
 * deferred location. An LRR with Location-Event DEFERRED_MT_LR_RESPONSE, from the MME a target's
 * PLR went to, with that target's LCS-Reference-Number, is answered LRA 2001 and its position
 * pushed to the client as a tlrep (trl_trigger PERIODIC), or weighed for a distance_event
 * (trl_trigger DISTANCE when it happens). Otherwise:
 *   - an Enumerated AVP with a value its type does not list: 5004 with it in Failed-AVP;
 *   - a reference this MME does not report for: Experimental-Result 4226
 *     DIAMETER_ERROR_UNKNOWN_UNREACHABLE_LCS_CLIENT (§7.5: sent by the GMLC when the LCS client
 *     is not known; the MME then has no one to report to);
 *   - another Location-Event (emergency, MO-LR): 5012 DIAMETER_UNABLE_TO_COMPLY, not served here.
 * The LRA echoes LCS-Reference-Number. The handler runs on a freeDiameter dispatch thread: it only
 * queues the push (push.c). */
#include "gmlc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_STATE_MAINTAINED 1

static struct disp_hdl *handler;

/* Push the report when a tracking wants it; the Diameter result of the LRA. */
static uint32_t report(struct msg *lrr, const char *mme, uint8_t reference)
{
	struct mlp_answer *tlrep = malloc(sizeof *tlrep);
	char url[MLP_URL_LEN];
	struct gmlc_sighting seen;
	int found;

	if (!tlrep)
		return ER_DIAMETER_UNABLE_TO_COMPLY;
	gmlc_sighting_of(lrr, &seen);
	found = gmlc_tracking_report(mme, reference, &seen, tlrep, url);
	if (found > 0)
		gmlc_push_answer(url, tlrep);
	free(tlrep);
	return found < 0 ? SLG_ERROR_UNKNOWN_UNREACHABLE_LCS_CLIENT : GMLC_DIAMETER_SUCCESS;
}

static int answer(struct msg *lrr, struct msg *lra)
{
	struct avp *undefined = NULL;
	char mme[256];
	const uint8_t *ref;
	int32_t event = -1;
	size_t len;
	uint32_t code;

	CHECK_FCT(dk_add_i32(lra, dk_base.auth_session_state, NO_STATE_MAINTAINED));
	CHECK_FCT(dk_find_undefined_enum(lrr, &undefined));
	if (undefined) /* Location-Event, Accuracy-Fulfilment-Indicator... out of their lists */
		return dk_set_result(lra, ER_DIAMETER_INVALID_AVP_VALUE, undefined);
	dk_get_i32(lrr, gmlc_dict.location_event, &event); /* required: the core checked */
	if (event != SLG_LOCATION_EVENT_DEFERRED_MT_LR_RESPONSE)
		return dk_set_result(lra, ER_DIAMETER_UNABLE_TO_COMPLY, NULL);
	if (dk_get_os(lrr, gmlc_dict.lcs_reference_number, &ref, &len) || len != 1 ||
	    dk_get_str(lrr, dk_base.origin_host, mme, sizeof mme))
		return dk_set_experimental_result(lra, DK_VENDOR_3GPP, SLG_ERROR_UNKNOWN_UNREACHABLE_LCS_CLIENT, NULL);
	CHECK_FCT(dk_add_os(lra, gmlc_dict.lcs_reference_number, ref, 1));
	if ((code = report(lrr, mme, ref[0])) == SLG_ERROR_UNKNOWN_UNREACHABLE_LCS_CLIENT)
		return dk_set_experimental_result(lra, DK_VENDOR_3GPP, code, NULL);
	return dk_set_result(lra, code, NULL);
}

static int on_lrr(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act)
{
	struct msg *lrr = *msg;
	struct dk_result res;

	(void)avp;
	(void)sess;
	(void)opaque;
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0)); /* lrr stays with *msg */
	if (answer(lrr, *msg) && (dk_get_result(*msg, &res) || !res.code))
		CHECK_FCT(dk_set_result(*msg, ER_DIAMETER_UNABLE_TO_COMPLY, NULL)); /* always answer */
	*act = DISP_ACT_SEND;
	return 0;
}

int gmlc_reports_start(void)
{
	struct disp_when when = { .command = gmlc_dict.lrr };

	return fd_disp_register(on_lrr, DISP_HOW_CC, &when, NULL, &handler);
}

void gmlc_reports_stop(void)
{
	if (handler)
		fd_disp_unregister(&handler, NULL);
}
