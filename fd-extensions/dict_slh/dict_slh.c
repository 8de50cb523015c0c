/* dict_slh.fdx: the SLh application (TS 29.173, GMLC <-> HSS): LCS-Routing-Info-Request/Answer.
 *
 * Debian's dict_dcca_3gpp (Rel-12 AVPs) has 2400-2410 and the TS 29.272 AVPs SLh reuses; they are
 * listed here, so that a node that loads it gets their code, vendor, type and flags checked and only
 * what is missing created (RIA-Flags 2411, 3GPP-AAA-Server-Name 318 named inside Serving-Node), and
 * a node that does not gets them all from here. MSISDN and Supported-Features come from
 * dk_define_3gpp_shared.
 *
 * Needs no other dictionary; Debian's, when a node loads them, may come before or after it. */
#include <freeDiameter/extension.h>
#include "diamkit.h"
#include "slh.h"

#define V3GPP DK_VENDOR_3GPP

static const struct dk_avp_def slh_avps[] = {
	{ 318, V3GPP, "3GPP-AAA-Server-Name", DK_DIAMETERIDENTITY, DK_FLAGS_MV, NULL, 0 }, /* TS 29.273 */
	/* TS 29.272 Table 7.3.1 */
	{ 1474, V3GPP, "GMLC-Number", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 1489, V3GPP, "SGSN-Number", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 2400, V3GPP, "LMSI", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 2401, V3GPP, "Serving-Node", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 2402, V3GPP, "MME-Name", DK_DIAMETERIDENTITY, DK_FLAGS_MV, NULL, 0 },
	{ 2403, V3GPP, "MSC-Number", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 2404, V3GPP, "LCS-Capabilities-Sets", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 2405, V3GPP, "GMLC-Address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },
	{ 2406, V3GPP, "Additional-Serving-Node", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 2407, V3GPP, "PPR-Address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },
	{ 2408, V3GPP, "MME-Realm", DK_DIAMETERIDENTITY, DK_FLAGS_V, NULL, 0 },
	{ 2409, V3GPP, "SGSN-Name", DK_DIAMETERIDENTITY, DK_FLAGS_V, NULL, 0 },
	{ 2410, V3GPP, "SGSN-Realm", DK_DIAMETERIDENTITY, DK_FLAGS_V, NULL, 0 },
	{ 2411, V3GPP, "RIA-Flags", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
};

/* Serving-Node and Additional-Serving-Node (TS 29.173 §7.4.3, §7.4.8) have the same contents. */
static const struct dk_rule serving_node[] = {
	DK_OPT("SGSN-Number", V3GPP),
	DK_OPT("SGSN-Name", V3GPP),
	DK_OPT("SGSN-Realm", V3GPP),
	DK_OPT("MME-Name", V3GPP),
	DK_OPT("MME-Realm", V3GPP),
	DK_OPT("MSC-Number", V3GPP),
	DK_OPT("3GPP-AAA-Server-Name", V3GPP),
	DK_OPT("LCS-Capabilities-Sets", V3GPP),
	DK_OPT("GMLC-Address", V3GPP),
	DK_RULES_END,
};

static const struct dk_group_def slh_groups[] = {
	{ "Serving-Node", V3GPP, serving_node },
	{ "Additional-Serving-Node", V3GPP, serving_node },
};

/* TS 29.173 §6.2.3 */
static const struct dk_rule rir_rules[] = {
	DK_SESSION_ID,
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_REQ("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("Destination-Host", 0),
	DK_REQ("Destination-Realm", 0),
	DK_OPT("User-Name", 0),
	DK_OPT("MSISDN", V3GPP),
	DK_OPT("GMLC-Number", V3GPP),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* TS 29.173 §6.2.4. Auth-Session-State is required by the ABNF, but freeDiameter's own answers to
 * requests it rejects before dispatch (5005, 5004, ...) do not carry it; a receiver that enforced
 * it would drop those answers, and the caller would only see a timeout. Our servers always send it. */
static const struct dk_rule ria_rules[] = {
	DK_SESSION_ID,
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_OPT("Result-Code", 0),
	DK_OPT("Experimental-Result", 0),
	DK_OPT("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("User-Name", 0),
	DK_OPT("MSISDN", V3GPP),
	DK_OPT("LMSI", V3GPP),
	DK_OPT("Serving-Node", V3GPP),
	DK_OPT_N("Additional-Serving-Node", V3GPP),
	DK_OPT("GMLC-Address", V3GPP),
	DK_OPT("PPR-Address", V3GPP),
	DK_OPT("RIA-Flags", V3GPP),
	DK_OPT("Failed-AVP", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

static const struct dk_cmd_def slh_commands[] = {
	{ SLH_CMD_RIR, "LCS-Routing-Info-Request", "LCS-Routing-Info-Answer", rir_rules, ria_rules },
};

static int dict_slh_entry(char *conffile)
{
	struct dictionary *dict = fd_g_config->cnf_dict;
	struct dict_object *app = NULL;

	(void)conffile;
	CHECK_FCT(dk_define_3gpp_shared(dict));
	CHECK_FCT(dk_define_avps(dict, slh_avps, DK_COUNT(slh_avps)));
	CHECK_FCT(dk_define_groups(dict, slh_groups, DK_COUNT(slh_groups)));
	CHECK_FCT(dk_define_application(dict, V3GPP, SLH_APPLICATION_ID, "3GPP SLh", &app));
	CHECK_FCT(dk_define_commands(dict, app, slh_commands, DK_COUNT(slh_commands)));
	LOG_N("dict_slh: SLh (application %u) loaded", SLH_APPLICATION_ID);
	return 0;
}

EXTENSION_ENTRY("dict_slh", dict_slh_entry);
