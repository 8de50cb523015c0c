/* SLh / SLg outcomes as MLP result ids: the table of docs/lcs-results.md. */
#include "lcs_results.h"
#include "mlp.h"

#define VENDOR_3GPP 10415

static const struct {
	uint32_t vendor, code;
	int mlp;
} table[] = {
	{ 0, 2001, MLP_OK },
	{ 0, LCS_NO_ANSWER, MLP_TIMEOUT },
	{ VENDOR_3GPP, 5001, MLP_UNKNOWN_SUBSCRIBER },         /* USER_UNKNOWN (SLh, SLg) */
	{ VENDOR_3GPP, 5490, MLP_UNSPECIFIED_ERROR },          /* UNAUTHORIZED_REQUESTING_NETWORK */
	{ VENDOR_3GPP, 4201, MLP_ABSENT_SUBSCRIBER },          /* ABSENT_USER (SLh: no serving node) */
	{ VENDOR_3GPP, 4221, MLP_ABSENT_SUBSCRIBER },          /* UNREACHABLE_USER */
	{ VENDOR_3GPP, 4222, MLP_ABSENT_SUBSCRIBER },          /* SUSPENDED_USER */
	{ VENDOR_3GPP, 4223, MLP_ABSENT_SUBSCRIBER },          /* DETACHED_USER */
	{ VENDOR_3GPP, 4224, MLP_POSITIONING_NOT_ALLOWED },    /* POSITIONING_DENIED */
	{ VENDOR_3GPP, 4225, MLP_POSITION_METHOD_FAILURE },    /* POSITIONING_FAILED */
	{ VENDOR_3GPP, 4226, MLP_UNAUTHORIZED_APPLICATION },   /* UNKNOWN_UNREACHABLE LCS_CLIENT */
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
