/* The 3GPP AVPs that several of our applications carry: MSISDN (TS 29.329 §6.3.2, reused by SLh
 * and SLg) and Supported-Features (TS 29.229 §6.3.29, in every Rel-15+ ABNF here). Debian's
 * dict_dcca_3gpp has them (without rules for Supported-Features); a node that does not load it gets
 * them from here. */
#include "diamkit.h"

static const struct dk_avp_def shared_avps[] = {
	{ 701, DK_VENDOR_3GPP, "MSISDN", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	/* M "may" (TS 29.229 Table 6.7): only V is fixed. */
	{ 628, DK_VENDOR_3GPP, "Supported-Features", DK_GROUPED, DK_FLAGS_V, NULL, DK_FLAGS_V },
	{ 629, DK_VENDOR_3GPP, "Feature-List-ID", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 630, DK_VENDOR_3GPP, "Feature-List", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
};

static const struct dk_rule supported_features[] = {
	DK_REQ("Vendor-Id", 0),
	DK_REQ("Feature-List-ID", DK_VENDOR_3GPP),
	DK_REQ("Feature-List", DK_VENDOR_3GPP),
	DK_RULES_END,
};

static const struct dk_group_def shared_groups[] = {
	{ "Supported-Features", DK_VENDOR_3GPP, supported_features },
};

int dk_define_3gpp_shared(struct dictionary *dict)
{
	CHECK_FCT(dk_define_avps(dict, shared_avps, DK_COUNT(shared_avps)));
	return dk_define_groups(dict, shared_groups, DK_COUNT(shared_groups));
}
