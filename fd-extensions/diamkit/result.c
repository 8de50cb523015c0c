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

int dk_set_missing(struct msg *ans, struct dict_object *model)
{
	struct avp *group = NULL;

	CHECK_FCT(dk_set_result(ans, ER_DIAMETER_MISSING_AVP, NULL));
	CHECK_FCT(dk_add_group(ans, dk_base.failed_avp, &group));
	return dk_add_example(group, model);
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

const char *dk_result_name(uint32_t code)
{
	static const struct {
		uint32_t code;
		const char *name;
	} names[] = {
		{ 1001, "DIAMETER_MULTI_ROUND_AUTH" },
		{ 2001, "DIAMETER_SUCCESS" },
		{ 2002, "DIAMETER_LIMITED_SUCCESS" },
		{ 3001, "DIAMETER_COMMAND_UNSUPPORTED" },
		{ 3002, "DIAMETER_UNABLE_TO_DELIVER" },
		{ 3003, "DIAMETER_REALM_NOT_SERVED" },
		{ 3004, "DIAMETER_TOO_BUSY" },
		{ 3005, "DIAMETER_LOOP_DETECTED" },
		{ 3006, "DIAMETER_REDIRECT_INDICATION" },
		{ 3007, "DIAMETER_APPLICATION_UNSUPPORTED" },
		{ 3008, "DIAMETER_INVALID_HDR_BITS" },
		{ 3009, "DIAMETER_INVALID_AVP_BITS" },
		{ 3010, "DIAMETER_UNKNOWN_PEER" },
		{ 4001, "DIAMETER_AUTHENTICATION_REJECTED" },
		{ 4002, "DIAMETER_OUT_OF_SPACE" },
		{ 4003, "ELECTION_LOST" },
		{ 4010, "DIAMETER_END_USER_SERVICE_DENIED" },
		{ 4011, "DIAMETER_CREDIT_CONTROL_NOT_APPLICABLE" },
		{ 4012, "DIAMETER_CREDIT_LIMIT_REACHED" },
		{ 5001, "DIAMETER_AVP_UNSUPPORTED" },
		{ 5002, "DIAMETER_UNKNOWN_SESSION_ID" },
		{ 5003, "DIAMETER_AUTHORIZATION_REJECTED" },
		{ 5004, "DIAMETER_INVALID_AVP_VALUE" },
		{ 5005, "DIAMETER_MISSING_AVP" },
		{ 5006, "DIAMETER_RESOURCES_EXCEEDED" },
		{ 5007, "DIAMETER_CONTRADICTING_AVPS" },
		{ 5008, "DIAMETER_AVP_NOT_ALLOWED" },
		{ 5009, "DIAMETER_AVP_OCCURS_TOO_MANY_TIMES" },
		{ 5010, "DIAMETER_NO_COMMON_APPLICATION" },
		{ 5011, "DIAMETER_UNSUPPORTED_VERSION" },
		{ 5012, "DIAMETER_UNABLE_TO_COMPLY" },
		{ 5013, "DIAMETER_INVALID_BIT_IN_HEADER" },
		{ 5014, "DIAMETER_INVALID_AVP_LENGTH" },
		{ 5015, "DIAMETER_INVALID_MESSAGE_LENGTH" },
		{ 5016, "DIAMETER_INVALID_AVP_BIT_COMBO" },
		{ 5017, "DIAMETER_NO_COMMON_SECURITY" },
		{ 5030, "DIAMETER_USER_UNKNOWN" },
		{ 5031, "DIAMETER_RATING_FAILED" },
	};

	for (size_t i = 0; i < DK_COUNT(names); i++)
		if (names[i].code == code)
			return names[i].name;
	return NULL;
}
