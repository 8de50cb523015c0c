/* AVPs of IETF Diameter extensions that the Rel-15+ 3GPP ABNFs name but Debian's freeDiameter
 * 1.2.1 does not ship. All are vendor 0 and "M-bit MUST NOT be set", so a peer that does not know
 * them ignores them: DRMP (RFC 7944), DOIC overload control (RFC 7683), Load (RFC 8583). */
#include "diamkit.h"

#define IETF_NOT_MV 0 /* flags: neither V nor M */

static const struct dk_enum drmp_values[] = {
	{ "PRIORITY_0", 0 }, { "PRIORITY_1", 1 }, { "PRIORITY_2", 2 }, { "PRIORITY_3", 3 },
	{ "PRIORITY_4", 4 }, { "PRIORITY_5", 5 }, { "PRIORITY_6", 6 }, { "PRIORITY_7", 7 },
	{ "PRIORITY_8", 8 }, { "PRIORITY_9", 9 }, { "PRIORITY_10", 10 }, { "PRIORITY_11", 11 },
	{ "PRIORITY_12", 12 }, { "PRIORITY_13", 13 }, { "PRIORITY_14", 14 }, { "PRIORITY_15", 15 },
	{ NULL, 0 },
};
static const struct dk_enum oc_report_types[] = {
	{ "HOST_REPORT", 0 }, { "REALM_REPORT", 1 }, { NULL, 0 },
};
static const struct dk_enum load_types[] = {
	{ "HOST", 0 }, { "PEER", 1 }, { NULL, 0 },
};

static const struct dk_avp_def ietf_avps[] = {
	{ 301, 0, "DRMP", DK_ENUMERATED, IETF_NOT_MV, drmp_values, 0 },
	{ 622, 0, "OC-Feature-Vector", DK_UNSIGNED64, IETF_NOT_MV, NULL, 0 },
	{ 621, 0, "OC-Supported-Features", DK_GROUPED, IETF_NOT_MV, NULL, 0 },
	{ 624, 0, "OC-Sequence-Number", DK_UNSIGNED64, IETF_NOT_MV, NULL, 0 },
	{ 625, 0, "OC-Validity-Duration", DK_UNSIGNED32, IETF_NOT_MV, NULL, 0 },
	{ 626, 0, "OC-Report-Type", DK_ENUMERATED, IETF_NOT_MV, oc_report_types, 0 },
	{ 627, 0, "OC-Reduction-Percentage", DK_UNSIGNED32, IETF_NOT_MV, NULL, 0 },
	{ 623, 0, "OC-OLR", DK_GROUPED, IETF_NOT_MV, NULL, 0 },
	{ 649, 0, "SourceID", DK_DIAMETERIDENTITY, IETF_NOT_MV, NULL, 0 },
	{ 651, 0, "Load-Type", DK_ENUMERATED, IETF_NOT_MV, load_types, 0 },
	{ 652, 0, "Load-Value", DK_UNSIGNED64, IETF_NOT_MV, NULL, 0 },
	{ 650, 0, "Load", DK_GROUPED, IETF_NOT_MV, NULL, 0 },
};

static const struct dk_rule oc_supported_features[] = {
	DK_OPT("OC-Feature-Vector", 0), DK_RULES_END,
};
static const struct dk_rule oc_olr[] = {
	DK_REQ("OC-Sequence-Number", 0), DK_REQ("OC-Report-Type", 0),
	DK_OPT("OC-Reduction-Percentage", 0), DK_OPT("OC-Validity-Duration", 0), DK_RULES_END,
};
static const struct dk_rule load[] = {
	DK_OPT("Load-Type", 0), DK_OPT("Load-Value", 0), DK_OPT("SourceID", 0), DK_RULES_END,
};

static const struct dk_group_def ietf_groups[] = {
	{ "OC-Supported-Features", 0, oc_supported_features },
	{ "OC-OLR", 0, oc_olr },
	{ "Load", 0, load },
};

int dk_define_ietf_extensions(struct dictionary *dict)
{
	CHECK_FCT(dk_define_avps(dict, ietf_avps, DK_COUNT(ietf_avps)));
	return dk_define_groups(dict, ietf_groups, DK_COUNT(ietf_groups));
}
