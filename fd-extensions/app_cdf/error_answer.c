/* The answers the core makes itself to ACRs it rejects before dispatch (a missing AVP: 5005, an
 * unknown AVP with the M bit: 5001, a malformed grouped AVP: 5014, ...) carry only Session-Id,
 * Result-Code, Origin-Host/Realm, Error-Message and Failed-AVP. The ACA's ABNF also requires
 * Accounting-Record-Type and Accounting-Record-Number, and a freeDiameter client drops an answer
 * missing them as invalid, so the CDF adds them (from the request, or EVENT_RECORD / 0 when the
 * request lacks them) with Acct-Application-Id. freeDiameter 1.2.1 calls
 * HOOK_MESSAGE_PARSING_ERROR2 with the error answer before sending it for this purpose. */
#include "app_cdf.h"

static struct fd_hook_hdl *hook;

/* The value of a top-level Unsigned32 / Enumerated AVP of the request, read from its header
 * (the request may not have been resolved against the dictionary entirely). */
static uint32_t request_u32(struct msg *req, avp_code_t code, uint32_t absent)
{
	struct avp *avp = NULL;
	struct avp_hdr *hdr;

	for (fd_msg_browse(req, MSG_BRW_FIRST_CHILD, &avp, NULL); avp; fd_msg_browse(avp, MSG_BRW_NEXT, &avp, NULL))
		if (!fd_msg_avp_hdr(avp, &hdr) && hdr->avp_code == code && !(hdr->avp_flags & AVP_FLAG_VENDOR) &&
		    hdr->avp_value)
			return hdr->avp_value->u32;
	return absent;
}

static int has_avp(struct msg *ans, struct dict_object *model)
{
	struct avp *avp = NULL;

	return !dk_find(ans, model, &avp) && avp;
}

static void complete(enum fd_hook_type type, struct msg *ans, struct peer_hdr *peer, void *other,
		     struct fd_hook_permsgdata *pmd, void *regdata)
{
	struct msg_hdr *hdr;
	struct msg *req = NULL;

	(void)type;
	(void)peer;
	(void)other;
	(void)pmd;
	(void)regdata;
	if (!ans || fd_msg_hdr(ans, &hdr) || hdr->msg_code != ACCOUNTING_COMMAND || hdr->msg_appl != ACCOUNTING_APP_ID ||
	    (hdr->msg_flags & CMD_FLAG_REQUEST) || fd_msg_answ_getq(ans, &req) || !req)
		return;
	CHECK_FCT_DO(acr_answer_session_id(ans), );
	if (!has_avp(ans, cdf_dict.record_type))
		CHECK_FCT_DO(dk_add_i32(ans, cdf_dict.record_type, (int32_t)request_u32(req, 480, CDR_EVENT)), );
	if (!has_avp(ans, cdf_dict.record_number))
		CHECK_FCT_DO(dk_add_u32(ans, cdf_dict.record_number, request_u32(req, 485, 0)), );
	if (!has_avp(ans, cdf_dict.acct_application_id))
		CHECK_FCT_DO(dk_add_u32(ans, cdf_dict.acct_application_id, ACCOUNTING_APP_ID), );
}

int cdf_error_answers_start(void)
{
	return fd_hook_register(HOOK_MASK(HOOK_MESSAGE_PARSING_ERROR2), complete, NULL, NULL, &hook);
}

void cdf_error_answers_stop(void)
{
	if (hook)
		fd_hook_unregister(hook);
	hook = NULL;
}
