/* SLh / SLg outcomes as MLP result ids: the table of docs/lcs-results.md. */
#include "lcs_results.h"
#include "mlp.h"

#include "slg.h"
#include "slh.h"

#define VENDOR_3GPP 10415

static const struct {
	uint32_t vendor, code;
	int mlp;
} table[] = {
	{ 0, 2001, MLP_OK },
	{ 0, LCS_NO_ANSWER, MLP_TIMEOUT },
	{ VENDOR_3GPP, SLH_ERROR_USER_UNKNOWN, MLP_UNKNOWN_SUBSCRIBER }, /* SLg's is the same code */
	{ VENDOR_3GPP, SLH_ERROR_UNAUTHORIZED_REQUESTING_NETWORK, MLP_UNSPECIFIED_ERROR }, /* and SLg's */
	{ VENDOR_3GPP, SLH_ERROR_ABSENT_USER, MLP_ABSENT_SUBSCRIBER }, /* SLh: no serving node */
	{ VENDOR_3GPP, SLG_ERROR_UNREACHABLE_USER, MLP_ABSENT_SUBSCRIBER },
	{ VENDOR_3GPP, SLG_ERROR_SUSPENDED_USER, MLP_ABSENT_SUBSCRIBER },
	{ VENDOR_3GPP, SLG_ERROR_DETACHED_USER, MLP_ABSENT_SUBSCRIBER },
	{ VENDOR_3GPP, SLG_ERROR_POSITIONING_DENIED, MLP_POSITIONING_NOT_ALLOWED },
	{ VENDOR_3GPP, SLG_ERROR_POSITIONING_FAILED, MLP_POSITION_METHOD_FAILURE },
	{ VENDOR_3GPP, SLG_ERROR_UNKNOWN_UNREACHABLE_LCS_CLIENT, MLP_UNAUTHORIZED_APPLICATION },
};

int lcs_mlp_result_of(uint32_t vendor, uint32_t code)
{
	for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].vendor == vendor && table[i].code == code)
			return table[i].mlp;
	/* Everything else (routing failures 3002/3003, 5012, malformed answers...) is the network
	 * failing, not the subscriber: SYSTEM FAILURE, as MLP maps MAP's system failure. */
	return MLP_SYSTEM_FAILURE;
}
