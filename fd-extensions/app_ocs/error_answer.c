/* The answers freeDiameter makes itself to CCRs it rejects before dispatch (a missing
 * CC-Request-Type: 5005, a grouped AVP breaking its rule, an unknown AVP with the M bit: 5001, ...)
 * carry only Session-Id, Result-Code, Origin-Host/Realm, Error-Message and Failed-AVP. Debian's
 * CCA rules also require Auth-Application-Id, CC-Request-Type and CC-Request-Number: a
 * freeDiameter client logs such an answer as invalid (and leaks an AVP parsing it), so the OCS
 * completes it from the request (EVENT_REQUEST and 0 for what the request lacks).
 * freeDiameter 1.2.1 calls HOOK_MESSAGE_PARSING_ERROR2 with the error answer before sending it. */
#include "app_ocs.h"

#define CCR_COMMAND 272
#define AVP_CC_REQUEST_NUMBER 415
#define AVP_CC_REQUEST_TYPE 416

static struct fd_hook_hdl *hook;

/* A top-level value of the request read from its header: the core may not have resolved the
 * whole request against the dictionary. */
static uint32_t request_u32(struct msg *req, avp_code_t code, uint32_t absent)
{
	struct avp *avp = NULL;
	struct avp_hdr *h;

	for (fd_msg_browse(req, MSG_BRW_FIRST_CHILD, &avp, NULL); avp; fd_msg_browse(avp, MSG_BRW_NEXT, &avp, NULL))
		if (!fd_msg_avp_hdr(avp, &h) && h->avp_code == code && !(h->avp_flags & AVP_FLAG_VENDOR) && h->avp_value)
			return h->avp_value->u32;
	return absent;
}

static void add_if_missing(struct msg *ans, struct dict_object *model, uint32_t value)
{
	struct avp *avp = NULL;

	if (!dk_find(ans, model, &avp) && !avp)
		CHECK_FCT_DO(dk_add_u32(ans, model, value), );
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
	if (!ans || fd_msg_hdr(ans, &hdr) || hdr->msg_code != CCR_COMMAND || hdr->msg_appl != DCCA_APP_ID ||
	    (hdr->msg_flags & CMD_FLAG_REQUEST) || fd_msg_answ_getq(ans, &req) || !req)
		return;
	add_if_missing(ans, dk_base.auth_application_id, DCCA_APP_ID);
	/* Enumerated and Unsigned32 share the 32 bits of the value */
	add_if_missing(ans, ocs_dict.cc_request_type, request_u32(req, AVP_CC_REQUEST_TYPE, OCS_EVENT));
	add_if_missing(ans, ocs_dict.cc_request_number, request_u32(req, AVP_CC_REQUEST_NUMBER, 0));
}

int ocs_error_answers_start(void)
{
	return fd_hook_register(HOOK_MASK(HOOK_MESSAGE_PARSING_ERROR2), complete, NULL, NULL, &hook);
}

void ocs_error_answers_stop(void)
{
	if (hook)
		fd_hook_unregister(hook);
	hook = NULL;
}
