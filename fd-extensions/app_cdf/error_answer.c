/* The answers the core makes itself to ACRs it rejects before dispatch (a missing AVP: 5005, an
 * unknown AVP with the M bit: 5001, a malformed grouped AVP: 5014, ...) carry only Session-Id,
 * Result-Code, Origin-Host/Realm, Error-Message and Failed-AVP. The ACA's ABNF also requires
 * Accounting-Record-Type and Accounting-Record-Number, and a freeDiameter client drops an answer
 * missing them as invalid, so the CDF adds them (from the request, or EVENT_RECORD / 0 when the
 * request lacks them) with Acct-Application-Id (diamkit error_answer.c). */
#include "app_cdf.h"

static void complete(struct msg *ans, struct msg *req)
{
	CHECK_FCT_DO(acr_answer_session_id(ans), );
	/* Enumerated and Unsigned32 share the 32 bits of the value */
	CHECK_FCT_DO(dk_add_u32_if_missing(ans, cdf_dict.record_type, dk_request_u32(req, 480, CDR_EVENT)), );
	CHECK_FCT_DO(dk_add_u32_if_missing(ans, cdf_dict.record_number, dk_request_u32(req, 485, 0)), );
	CHECK_FCT_DO(dk_add_u32_if_missing(ans, cdf_dict.acct_application_id, ACCOUNTING_APP_ID), );
}

static struct dk_error_completion completion = { ACCOUNTING_COMMAND, ACCOUNTING_APP_ID, complete, NULL };

int cdf_error_answers_start(void)
{
	return dk_error_completion_start(&completion);
}

void cdf_error_answers_stop(void)
{
	dk_error_completion_stop(&completion);
}
