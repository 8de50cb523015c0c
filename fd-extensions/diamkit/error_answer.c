/* Completing the answers freeDiameter makes itself to requests it rejects before dispatch (a
 * missing AVP: 5005, an unknown AVP with the M bit: 5001, a malformed grouped AVP, ...). They
 * carry only Session-Id, Result-Code, Origin-Host/Realm, Error-Message and Failed-AVP; when the
 * application's answer ABNF requires more (the ACA's record type and number, the CCA's request
 * type and number), a freeDiameter client drops them as invalid. freeDiameter 1.2.1 calls
 * HOOK_MESSAGE_PARSING_ERROR2 with such an answer before sending it: the server adds the rest. */
#include "diamkit.h"

static void on_error_answer(enum fd_hook_type type, struct msg *ans, struct peer_hdr *peer, void *other,
			    struct fd_hook_permsgdata *pmd, void *regdata)
{
	struct dk_error_completion *c = regdata;
	struct msg_hdr *hdr;
	struct msg *req = NULL;

	(void)type;
	(void)peer;
	(void)other;
	(void)pmd;
	if (!ans || fd_msg_hdr(ans, &hdr) || hdr->msg_code != c->command || hdr->msg_appl != c->application ||
	    (hdr->msg_flags & CMD_FLAG_REQUEST) || fd_msg_answ_getq(ans, &req) || !req)
		return;
	c->complete(ans, req);
}

int dk_error_completion_start(struct dk_error_completion *c)
{
	return fd_hook_register(HOOK_MASK(HOOK_MESSAGE_PARSING_ERROR2), on_error_answer, c, NULL, &c->hook);
}

void dk_error_completion_stop(struct dk_error_completion *c)
{
	if (c->hook)
		fd_hook_unregister(c->hook);
	c->hook = NULL;
}

uint32_t dk_request_u32(struct msg *req, avp_code_t code, uint32_t absent)
{
	struct avp *avp = NULL;
	struct avp_hdr *h;

	for (fd_msg_browse(req, MSG_BRW_FIRST_CHILD, &avp, NULL); avp; fd_msg_browse(avp, MSG_BRW_NEXT, &avp, NULL))
		if (!fd_msg_avp_hdr(avp, &h) && h->avp_code == code && !(h->avp_flags & AVP_FLAG_VENDOR) && h->avp_value)
			return h->avp_value->u32;
	return absent;
}

int dk_add_u32_if_missing(msg_or_avp *parent, struct dict_object *model, uint32_t value)
{
	struct avp *avp = NULL;
	int ret = dk_find(parent, model, &avp);

	return ret || avp ? ret : dk_add_u32(parent, model, value);
}
