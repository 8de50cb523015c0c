/* Answer results: Result-Code by number, 3GPP Experimental-Result (freeDiameter 1.2.1 has no
 * fd_msg_add_result), Failed-AVP, and reading them back. */
#include "diamkit.h"

static int add_failed(struct msg *ans, struct avp *failed)
{
	struct avp *group = NULL;

	if (!failed)
		return 0;
	CHECK_FCT(dk_add_group(ans, dk_base.failed_avp, &group));
	return dk_add_copy(group, failed);
}

/* Origin-Host and Origin-Realm, unless the answer already has them. */
static int ensure_origin(struct msg *ans)
{
	struct avp *avp = NULL;

	CHECK_FCT(dk_find(ans, dk_base.origin_host, &avp));
	return avp ? 0 : fd_msg_add_origin(ans, 0);
}

int dk_set_result(struct msg *ans, uint32_t code, struct avp *failed)
{
	struct msg_hdr *hdr;

	CHECK_FCT(dk_base_init());
	CHECK_FCT(fd_msg_hdr(ans, &hdr));
	/* RFC 6733 §7.1.3: protocol errors (3xxx) are answered with the E bit. */
	if (code >= 3000 && code < 4000)
		hdr->msg_flags |= CMD_FLAG_ERROR;
	else
		hdr->msg_flags &= ~CMD_FLAG_ERROR;
	CHECK_FCT(dk_add_u32(ans, dk_base.result_code, code));
	CHECK_FCT(ensure_origin(ans));
	return add_failed(ans, failed);
}

int dk_set_experimental_result(struct msg *ans, uint32_t vendor, uint32_t code, struct avp *failed)
{
	struct avp *group = NULL;

	CHECK_FCT(dk_base_init());
	CHECK_FCT(dk_add_group(ans, dk_base.experimental_result, &group));
	CHECK_FCT(dk_add_u32(group, dk_base.vendor_id, vendor));
	CHECK_FCT(dk_add_u32(group, dk_base.experimental_result_code, code));
	CHECK_FCT(ensure_origin(ans));
	return add_failed(ans, failed);
}

int dk_get_result(struct msg *ans, struct dk_result *res)
{
	struct avp *group = NULL;

	CHECK_FCT(dk_base_init());
	res->vendor = 0;
	res->code = 0;
	if (dk_get_u32(ans, dk_base.result_code, &res->code) == 0)
		return 0;
	CHECK_FCT(dk_find(ans, dk_base.experimental_result, &group));
	if (!group)
		return 0;
	if (dk_get_u32(group, dk_base.vendor_id, &res->vendor) ||
	    dk_get_u32(group, dk_base.experimental_result_code, &res->code))
		return EINVAL;
	return 0;
}

int dk_get_failed_avp_code(struct msg *ans, uint32_t *code)
{
	struct avp *group = NULL, *first = NULL;
	struct avp_hdr *hdr;

	*code = 0;
	CHECK_FCT(dk_base_init());
	CHECK_FCT(dk_find(ans, dk_base.failed_avp, &group));
	if (!group)
		return 0;
	CHECK_FCT(fd_msg_browse(group, MSG_BRW_FIRST_CHILD, &first, NULL));
	if (first) {
		CHECK_FCT(fd_msg_avp_hdr(first, &hdr));
		*code = hdr->avp_code;
	}
	return 0;
}
