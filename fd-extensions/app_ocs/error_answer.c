/* The answers freeDiameter makes itself to CCRs it rejects before dispatch (a missing
 * CC-Request-Type: 5005, a grouped AVP breaking its rule, an unknown AVP with the M bit: 5001, ...)
 * carry only Session-Id, Result-Code, Origin-Host/Realm, Error-Message and Failed-AVP. Debian's
 * CCA rules also require Auth-Application-Id, CC-Request-Type and CC-Request-Number: a
 * freeDiameter client logs such an answer as invalid (and leaks an AVP parsing it), so the OCS
 * completes it from the request (EVENT_REQUEST and 0 for what the request lacks; diamkit
 * error_answer.c). */
#include "app_ocs.h"

#define CCR_COMMAND 272
#define AVP_CC_REQUEST_NUMBER 415
#define AVP_CC_REQUEST_TYPE 416

static void complete(struct msg *ans, struct msg *req)
{
	CHECK_FCT_DO(dk_add_u32_if_missing(ans, dk_base.auth_application_id, DCCA_APP_ID), );
	/* Enumerated and Unsigned32 share the 32 bits of the value */
	CHECK_FCT_DO(dk_add_u32_if_missing(ans, ocs_dict.cc_request_type,
					   dk_request_u32(req, AVP_CC_REQUEST_TYPE, OCS_EVENT)), );
	CHECK_FCT_DO(dk_add_u32_if_missing(ans, ocs_dict.cc_request_number,
					   dk_request_u32(req, AVP_CC_REQUEST_NUMBER, 0)), );
}

static struct dk_error_completion completion = { CCR_COMMAND, DCCA_APP_ID, complete, NULL };

int ocs_error_answers_start(void)
{
	return dk_error_completion_start(&completion);
}

void ocs_error_answers_stop(void)
{
	dk_error_completion_stop(&completion);
}
