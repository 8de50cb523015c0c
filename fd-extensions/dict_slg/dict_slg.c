/* dict_slg.fdx: the SLg application (TS 29.172, GMLC <-> MME/SGSN; "EPC LCS Protocol", ELP):
 * Provide-Location-Request/Answer and Location-Report-Request/Answer.
 *
 * Debian's dict_dcca_3gpp has none of the SLg AVPs 2500-2565: they are all created here. The AVPs
 * SLg reuses from other specs (Table 7.4.1-2) are listed too (MSISDN and Supported-Features through
 * dk_define_3gpp_shared): checked when dict_dcca_3gpp is loaded, created when not; Debian defines the 3GPP enumerated types without values, the
 * values of LCS-Format-Indicator and LCS-Client-Type are added. Serving-Node (2401) and
 * GMLC-Address (2405) are TS 29.173 AVPs that Debian already has: dict_slg does not need
 * dict_slh.fdx, and loads before or after it. Serving-Node's contents are dict_slh's business.
 *
 * Names follow the AVP clauses of TS 29.172 (V15/V16), checked against freeDiameter upstream
 * (extensions/dict_dcca_3gpp/add_avps.c, 29.172 V15.2.0) and Wireshark's dictionary.xml; where the
 * sources disagree, a comment says which one the table follows.
 *
 * Needs no other dictionary; Debian's, when a node loads them, may come before or after it. */
#include <freeDiameter/extension.h>
#include "diamkit.h"
#include "slg.h"

#define V3GPP DK_VENDOR_3GPP

/* ---- enumerated values (TS 29.172 §7.4, TS 32.299 §7.2) ------------------------------------ */

static const struct dk_enum slg_location_type[] = { /* §7.4.2 */
	{ "CURRENT_LOCATION", 0 },
	{ "CURRENT_OR_LAST_KNOWN_LOCATION", 1 },
	{ "INITIAL_LOCATION", 2 },
	{ "ACTIVATE_DEFERRED_LOCATION", 3 },
	{ "CANCEL_DEFERRED_LOCATION", 4 },
	{ "NOTIFICATION_VERIFICATION_ONLY", 5 },
	{ NULL, 0 },
};
/* §7.4.9 spells value 0 "VERTICAL_COORDINATE_IS_NOT REQUESTED" in its list and with an underscore
 * in the sentence on the default value; the underscore form is used. */
static const struct dk_enum vertical_requested[] = {
	{ "VERTICAL_COORDINATE_IS_NOT_REQUESTED", 0 },
	{ "VERTICAL_COORDINATE_IS_REQUESTED", 1 },
	{ NULL, 0 },
};
/* §7.4.10. Wireshark names value 1 "BEST VELOCITY_IS_REQUESTED", a typo. */
static const struct dk_enum velocity_requested[] = {
	{ "VELOCITY_IS_NOT_REQUESTED", 0 },
	{ "VELOCITY_IS_REQUESTED", 1 },
	{ NULL, 0 },
};
static const struct dk_enum response_time[] = { /* §7.4.11 */
	{ "LOW_DELAY", 0 },
	{ "DELAY_TOLERANT", 1 },
	{ NULL, 0 },
};
/* §7.4.14. When absent, §7.4.23 takes 0 for Non-Session and §7.4.24 takes 4 for Session. */
static const struct dk_enum lcs_privacy_check[] = {
	{ "ALLOWED_WITHOUT_NOTIFICATION", 0 },
	{ "ALLOWED_WITH_NOTIFICATION", 1 },
	{ "ALLOWED_IF_NO_RESPONSE", 2 },
	{ "RESTRICTED_IF_NO_RESPONSE", 3 },
	{ "NOT_ALLOWED", 4 },
	{ NULL, 0 },
};
static const struct dk_enum accuracy_fulfilment_indicator[] = { /* §7.4.15 */
	{ "REQUESTED_ACCURACY_FULFILLED", 0 },
	{ "REQUESTED_ACCURACY_NOT_FULFILLED", 1 },
	{ NULL, 0 },
};
static const struct dk_enum location_event[] = { /* §7.4.20 */
	{ "EMERGENCY_CALL_ORIGINATION", 0 },
	{ "EMERGENCY_CALL_RELEASE", 1 },
	{ "MO_LR", 2 },
	{ "EMERGENCY_CALL_HANDOVER", 3 },
	{ "DEFERRED_MT_LR_RESPONSE", 4 },
	{ "DEFERRED_MO_LR_TTTP_INITIATION", 5 },
	{ "DELAYED_LOCATION_REPORTING", 6 },
	{ NULL, 0 },
};
static const struct dk_enum pseudonym_indicator[] = { /* §7.4.21 */
	{ "PSEUDONYM_NOT_REQUESTED", 0 },
	{ "PSEUDONYM_REQUESTED", 1 },
	{ NULL, 0 },
};
static const struct dk_enum lcs_qos_class[] = { /* §7.4.27, spelled with a space there */
	{ "ASSURED", 0 },
	{ "BEST EFFORT", 1 },
	{ NULL, 0 },
};
static const struct dk_enum occurrence_info[] = { /* §7.4.43 */
	{ "ONE_TIME_EVENT", 0 },
	{ "MULTIPLE_TIME_EVENT", 1 },
	{ NULL, 0 },
};
static const struct dk_enum periodic_location_support_indicator[] = { /* §7.4.50 */
	{ "NOT_SUPPORTED", 0 },
	{ "SUPPORTED", 1 },
	{ NULL, 0 },
};
static const struct dk_enum prioritized_list_indicator[] = { /* §7.4.51 */
	{ "NOT_PRIORITIZED", 0 },
	{ "PRIORITIZED", 1 },
	{ NULL, 0 },
};
static const struct dk_enum lcs_format_indicator[] = { /* TS 32.299 §7.2.88 */
	{ "LOGICAL_NAME", 0 },
	{ "EMAIL_ADDRESS", 1 },
	{ "MSISDN", 2 },
	{ "URL", 3 },
	{ "SIP_URL", 4 },
	{ NULL, 0 },
};
static const struct dk_enum lcs_client_type[] = { /* TS 32.299 §7.2.86 */
	{ "EMERGENCY_SERVICES", 0 },
	{ "VALUE_ADDED_SERVICES", 1 },
	{ "PLMN_OPERATOR_SERVICES", 2 },
	{ "LAWFUL_INTERCEPT_SERVICES", 3 },
	{ NULL, 0 },
};

/* ---- AVPs --------------------------------------------------------------------------------- */

static const struct dk_avp_def slg_avps[] = {
	/* Reused AVPs (Table 7.4.1-2), all present in Debian: checked, enum values added. */
	{ 1237, V3GPP, "LCS-Format-Indicator", DK_ENUMERATED, DK_FLAGS_MV, lcs_format_indicator, 0 },
	{ 1238, V3GPP, "LCS-Name-String", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 1240, V3GPP, "LCS-Requestor-Id-String", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 1241, V3GPP, "LCS-Client-Type", DK_ENUMERATED, DK_FLAGS_MV, lcs_client_type, 0 },
	{ 1242, V3GPP, "Location-Estimate", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 1402, V3GPP, "IMEI", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 1407, V3GPP, "Visited-PLMN-Id", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 1604, V3GPP, "Cell-Global-Identity", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 1607, V3GPP, "Service-Area-Identity", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2401, V3GPP, "Serving-Node", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },   /* TS 29.173 */
	{ 2405, V3GPP, "GMLC-Address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },   /* TS 29.173 */
	/* Service-Selection (RFC 5778, vendor 0, M must, V must not): not in the dictionaries we load
	 * (dict_mip6i.fdx has it, with the same code, type and flags). */
	{ 493, 0, "Service-Selection", DK_UTF8STRING, DK_FLAGS_M, NULL, 0 },

	/* Table 7.4.1-1: 2500-2523 are "M,V"; 2524 and later are "V", M must not. */
	{ 2500, V3GPP, "SLg-Location-Type", DK_ENUMERATED, DK_FLAGS_MV, slg_location_type, 0 },
	{ 2501, V3GPP, "LCS-EPS-Client-Name", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 2502, V3GPP, "LCS-Requestor-Name", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 2503, V3GPP, "LCS-Priority", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 2504, V3GPP, "LCS-QoS", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 2505, V3GPP, "Horizontal-Accuracy", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 2506, V3GPP, "Vertical-Accuracy", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 2507, V3GPP, "Vertical-Requested", DK_ENUMERATED, DK_FLAGS_MV, vertical_requested, 0 },
	{ 2508, V3GPP, "Velocity-Requested", DK_ENUMERATED, DK_FLAGS_MV, velocity_requested, 0 },
	{ 2509, V3GPP, "Response-Time", DK_ENUMERATED, DK_FLAGS_MV, response_time, 0 },
	/* The PLR ABNF calls it "LCS-Supported-GAD-Shapes"; the table and §7.4.12 say this. */
	{ 2510, V3GPP, "Supported-GAD-Shapes", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 2511, V3GPP, "LCS-Codeword", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 2512, V3GPP, "LCS-Privacy-Check", DK_ENUMERATED, DK_FLAGS_MV, lcs_privacy_check, 0 },
	{ 2513, V3GPP, "Accuracy-Fulfilment-Indicator", DK_ENUMERATED, DK_FLAGS_MV,
	  accuracy_fulfilment_indicator, 0 },
	{ 2514, V3GPP, "Age-Of-Location-Estimate", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 2515, V3GPP, "Velocity-Estimate", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 2516, V3GPP, "EUTRAN-Positioning-Data", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 2517, V3GPP, "ECGI", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 2518, V3GPP, "Location-Event", DK_ENUMERATED, DK_FLAGS_MV, location_event, 0 },
	{ 2519, V3GPP, "Pseudonym-Indicator", DK_ENUMERATED, DK_FLAGS_MV, pseudonym_indicator, 0 },
	{ 2520, V3GPP, "LCS-Service-Type-ID", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 2521, V3GPP, "LCS-Privacy-Check-Non-Session", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 2522, V3GPP, "LCS-Privacy-Check-Session", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 2523, V3GPP, "LCS-QoS-Class", DK_ENUMERATED, DK_FLAGS_MV, lcs_qos_class, 0 },
	{ 2524, V3GPP, "GERAN-Positioning-Info", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2525, V3GPP, "GERAN-Positioning-Data", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2526, V3GPP, "GERAN-GANSS-Positioning-Data", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2527, V3GPP, "UTRAN-Positioning-Info", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2528, V3GPP, "UTRAN-Positioning-Data", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2529, V3GPP, "UTRAN-GANSS-Positioning-Data", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2530, V3GPP, "LRR-Flags", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2531, V3GPP, "LCS-Reference-Number", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 }, /* 1 octet */
	{ 2532, V3GPP, "Deferred-Location-Type", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 }, /* bitmask */
	{ 2533, V3GPP, "Area-Event-Info", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2534, V3GPP, "Area-Definition", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2535, V3GPP, "Area", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	/* §7.4.41: Unsigned32 with named values (Country Code 0, PLMN ID 1, Location Area ID 2,
	 * Routing Area ID 3, Cell Global ID 4, UTRAN Cell ID 5, Tracking Area ID 6, E-UTRAN Cell
	 * Global ID 7). Wireshark makes it Enumerated; the spec text and upstream say Unsigned32. */
	{ 2536, V3GPP, "Area-Type", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	/* §7.4.42 says OctetString; upstream's add_avps.c (from the 7.4.1-1 table) has Grouped. */
	{ 2537, V3GPP, "Area-Identification", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2538, V3GPP, "Occurrence-Info", DK_ENUMERATED, DK_FLAGS_V, occurrence_info, 0 },
	{ 2539, V3GPP, "Interval-Time", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	/* Named so in the table and the command ABNFs; the AVP format of §7.4.45 says
	 * "Periodic-LDR-Info". */
	{ 2540, V3GPP, "Periodic-LDR-Information", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2541, V3GPP, "Reporting-Amount", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2542, V3GPP, "Reporting-Interval", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2543, V3GPP, "Reporting-PLMN-List", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2544, V3GPP, "PLMN-ID-List", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2545, V3GPP, "PLR-Flags", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2546, V3GPP, "PLA-Flags", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2547, V3GPP, "Deferred-MT-LR-Data", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	/* §7.4.55: Unsigned32 with named values (Normal 0, Error Undefined 1, Internal Timeout 2,
	 * Congestion 3, MT_LR_Restart 4, Privacy Violation 5, Shape of Location Estimate Not
	 * Supported 6, Subscriber Termination 7, UE Termination 8, Network Termination 9). The name
	 * is the base protocol's Termination-Cause (295) under vendor 3GPP, as in the spec and
	 * upstream; Wireshark calls it "Termination-Cause-3GPP" and makes it Enumerated. */
	{ 2548, V3GPP, "Termination-Cause", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2549, V3GPP, "LRA-Flags", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2550, V3GPP, "Periodic-Location-Support-Indicator", DK_ENUMERATED, DK_FLAGS_V,
	  periodic_location_support_indicator, 0 },
	{ 2551, V3GPP, "Prioritized-List-Indicator", DK_ENUMERATED, DK_FLAGS_V,
	  prioritized_list_indicator, 0 },
	{ 2552, V3GPP, "ESMLC-Cell-Info", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	/* §7.4.58 says Unsigned32; Wireshark has OctetString. */
	{ 2553, V3GPP, "Cell-Portion-ID", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2554, V3GPP, "1xRTT-RCID", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2555, V3GPP, "Delayed-Location-Reporting-Data", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2556, V3GPP, "Civic-Address", DK_UTF8STRING, DK_FLAGS_V, NULL, 0 },
	{ 2557, V3GPP, "Barometric-Pressure", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2558, V3GPP, "UTRAN-Additional-Positioning-Data", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 2559, V3GPP, "Motion-Event-Info", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 2560, V3GPP, "Linear-Distance", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2561, V3GPP, "Maximum-Interval", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2562, V3GPP, "Sampling-Interval", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2563, V3GPP, "Reporting-Duration", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2564, V3GPP, "Reporting-Location-Requirements", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 2565, V3GPP, "Additional-Area", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
};

/* ---- grouped AVPs (TS 29.172 §7.4) -------------------------------------------------------- */

static const struct dk_rule lcs_eps_client_name[] = { /* §7.4.3 */
	DK_OPT("LCS-Name-String", V3GPP),
	DK_OPT("LCS-Format-Indicator", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule lcs_requestor_name[] = { /* §7.4.4 */
	DK_OPT("LCS-Requestor-Id-String", V3GPP),
	DK_OPT("LCS-Format-Indicator", V3GPP),
	DK_RULES_END,
};
/* §7.4.6. Wireshark's dictionary leaves Horizontal-Accuracy out; the spec has it. */
static const struct dk_rule lcs_qos[] = {
	DK_OPT("LCS-QoS-Class", V3GPP),
	DK_OPT("Horizontal-Accuracy", V3GPP),
	DK_OPT("Vertical-Accuracy", V3GPP),
	DK_OPT("Vertical-Requested", V3GPP),
	DK_OPT("Response-Time", V3GPP),
	DK_RULES_END,
};
/* §7.4.23 and §7.4.24 have the same contents. */
static const struct dk_rule lcs_privacy_check_group[] = {
	DK_REQ("LCS-Privacy-Check", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule geran_positioning_info[] = { /* §7.4.29 */
	DK_OPT("GERAN-Positioning-Data", V3GPP),
	DK_OPT("GERAN-GANSS-Positioning-Data", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule utran_positioning_info[] = { /* §7.4.32 */
	DK_OPT("UTRAN-Positioning-Data", V3GPP),
	DK_OPT("UTRAN-GANSS-Positioning-Data", V3GPP),
	DK_OPT("UTRAN-Additional-Positioning-Data", V3GPP),
	DK_RULES_END,
};
/* §7.4.38. Wireshark's dictionary leaves Area-Definition out; the spec requires it. */
static const struct dk_rule area_event_info[] = {
	DK_REQ("Area-Definition", V3GPP),
	DK_OPT("Occurrence-Info", V3GPP),
	DK_OPT("Interval-Time", V3GPP),
	DK_OPT("Maximum-Interval", V3GPP),
	DK_OPT("Sampling-Interval", V3GPP),
	DK_OPT("Reporting-Duration", V3GPP),
	DK_OPT("Reporting-Location-Requirements", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule area_definition[] = { /* §7.4.39 */
	DK_REQ_MAX("Area", V3GPP, 10),
	DK_OPT_MAX("Additional-Area", V3GPP, 240),
	DK_RULES_END,
};
/* Area (§7.4.40) and Additional-Area (§7.4.70) have the same contents. */
static const struct dk_rule area[] = {
	DK_REQ("Area-Type", V3GPP),
	DK_REQ("Area-Identification", V3GPP),
	DK_RULES_END,
};
/* §7.4.45. Reporting-Interval x Reporting-Amount must not exceed 8639999 (OMA MLP/RLP). */
static const struct dk_rule periodic_ldr_information[] = {
	DK_REQ("Reporting-Amount", V3GPP),
	DK_REQ("Reporting-Interval", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule reporting_plmn_list[] = { /* §7.4.48 */
	DK_REQ_MAX("PLMN-ID-List", V3GPP, 20),
	DK_OPT("Prioritized-List-Indicator", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule plmn_id_list[] = { /* §7.4.49 */
	DK_REQ("Visited-PLMN-Id", V3GPP),
	DK_OPT("Periodic-Location-Support-Indicator", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule deferred_mt_lr_data[] = { /* §7.4.54 */
	DK_REQ("Deferred-Location-Type", V3GPP),
	DK_OPT("Termination-Cause", V3GPP),
	DK_OPT("Serving-Node", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule esmlc_cell_info[] = { /* §7.4.57 */
	DK_OPT("ECGI", V3GPP),
	DK_OPT("Cell-Portion-ID", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule delayed_location_reporting_data[] = { /* §7.4.60 */
	DK_OPT("Termination-Cause", V3GPP),
	DK_OPT("Serving-Node", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule motion_event_info[] = { /* §7.4.64 */
	DK_REQ("Linear-Distance", V3GPP),
	DK_OPT("Occurrence-Info", V3GPP),
	DK_OPT("Interval-Time", V3GPP),
	DK_OPT("Maximum-Interval", V3GPP),
	DK_OPT("Sampling-Interval", V3GPP),
	DK_OPT("Reporting-Duration", V3GPP),
	DK_OPT("Reporting-Location-Requirements", V3GPP),
	DK_RULES_END,
};

static const struct dk_group_def slg_groups[] = {
	{ "LCS-EPS-Client-Name", V3GPP, lcs_eps_client_name },
	{ "LCS-Requestor-Name", V3GPP, lcs_requestor_name },
	{ "LCS-QoS", V3GPP, lcs_qos },
	{ "LCS-Privacy-Check-Non-Session", V3GPP, lcs_privacy_check_group },
	{ "LCS-Privacy-Check-Session", V3GPP, lcs_privacy_check_group },
	{ "GERAN-Positioning-Info", V3GPP, geran_positioning_info },
	{ "UTRAN-Positioning-Info", V3GPP, utran_positioning_info },
	{ "Area-Event-Info", V3GPP, area_event_info },
	{ "Area-Definition", V3GPP, area_definition },
	{ "Area", V3GPP, area },
	{ "Additional-Area", V3GPP, area },
	{ "Periodic-LDR-Information", V3GPP, periodic_ldr_information },
	{ "Reporting-PLMN-List", V3GPP, reporting_plmn_list },
	{ "PLMN-ID-List", V3GPP, plmn_id_list },
	{ "Deferred-MT-LR-Data", V3GPP, deferred_mt_lr_data },
	{ "ESMLC-Cell-Info", V3GPP, esmlc_cell_info },
	{ "Delayed-Location-Reporting-Data", V3GPP, delayed_location_reporting_data },
	{ "Motion-Event-Info", V3GPP, motion_event_info },
};

/* ---- commands (TS 29.172 §7.3) ------------------------------------------------------------ */

/* §7.3.1. The GMLC always sends Destination-Host (§5.7). The target is identified by at least one
 * of User-Name (IMSI), MSISDN or IMEI; the ABNF cannot say so. */
static const struct dk_rule plr_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_REQ("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_REQ("Destination-Host", 0),
	DK_REQ("Destination-Realm", 0),
	DK_REQ("SLg-Location-Type", V3GPP),
	DK_OPT("User-Name", 0),
	DK_OPT("MSISDN", V3GPP),
	DK_OPT("IMEI", V3GPP),
	DK_REQ("LCS-EPS-Client-Name", V3GPP),
	DK_REQ("LCS-Client-Type", V3GPP),
	DK_OPT("LCS-Requestor-Name", V3GPP),
	DK_OPT("LCS-Priority", V3GPP),
	DK_OPT("LCS-QoS", V3GPP),
	DK_OPT("Velocity-Requested", V3GPP),
	DK_OPT("Supported-GAD-Shapes", V3GPP), /* "LCS-Supported-GAD-Shapes" in the ABNF */
	DK_OPT("LCS-Service-Type-ID", V3GPP),
	DK_OPT("LCS-Codeword", V3GPP),
	DK_OPT("LCS-Privacy-Check-Non-Session", V3GPP),
	DK_OPT("LCS-Privacy-Check-Session", V3GPP),
	DK_OPT("Service-Selection", 0),
	DK_OPT("Deferred-Location-Type", V3GPP),
	DK_OPT("LCS-Reference-Number", V3GPP),
	DK_OPT("Area-Event-Info", V3GPP),
	DK_OPT("GMLC-Address", V3GPP),
	DK_OPT("PLR-Flags", V3GPP),
	DK_OPT("Periodic-LDR-Information", V3GPP),
	DK_OPT("Reporting-PLMN-List", V3GPP),
	DK_OPT("Motion-Event-Info", V3GPP),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §7.3.2. Auth-Session-State is required by the ABNF, but freeDiameter's own answers to requests
 * it rejects before dispatch (5005, 5004, ...) do not carry it; a receiver that enforced it would
 * drop those answers, and the caller would only see a timeout. Our servers always send it. */
static const struct dk_rule pla_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_OPT("Result-Code", 0),
	DK_OPT("Experimental-Result", 0),
	DK_OPT("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("Location-Estimate", V3GPP),
	DK_OPT("Accuracy-Fulfilment-Indicator", V3GPP),
	DK_OPT("Age-Of-Location-Estimate", V3GPP),
	DK_OPT("Velocity-Estimate", V3GPP),
	DK_OPT("EUTRAN-Positioning-Data", V3GPP),
	DK_OPT("ECGI", V3GPP),
	DK_OPT("GERAN-Positioning-Info", V3GPP),
	DK_OPT("Cell-Global-Identity", V3GPP),
	DK_OPT("UTRAN-Positioning-Info", V3GPP),
	DK_OPT("Service-Area-Identity", V3GPP),
	DK_OPT("Serving-Node", V3GPP),
	DK_OPT("PLA-Flags", V3GPP),
	DK_OPT("ESMLC-Cell-Info", V3GPP),
	DK_OPT("Civic-Address", V3GPP),
	DK_OPT("Barometric-Pressure", V3GPP),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("Failed-AVP", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §7.3.3 (MME/SGSN -> GMLC). Reporting-Amount appears both on its own and inside
 * Periodic-LDR-Information. */
static const struct dk_rule lrr_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_REQ("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_REQ("Destination-Host", 0),
	DK_REQ("Destination-Realm", 0),
	DK_REQ("Location-Event", V3GPP),
	DK_OPT("LCS-EPS-Client-Name", V3GPP),
	DK_OPT("User-Name", 0),
	DK_OPT("MSISDN", V3GPP),
	DK_OPT("IMEI", V3GPP),
	DK_OPT("Location-Estimate", V3GPP),
	DK_OPT("Accuracy-Fulfilment-Indicator", V3GPP),
	DK_OPT("Age-Of-Location-Estimate", V3GPP),
	DK_OPT("Velocity-Estimate", V3GPP),
	DK_OPT("EUTRAN-Positioning-Data", V3GPP),
	DK_OPT("ECGI", V3GPP),
	DK_OPT("GERAN-Positioning-Info", V3GPP),
	DK_OPT("Cell-Global-Identity", V3GPP),
	DK_OPT("UTRAN-Positioning-Info", V3GPP),
	DK_OPT("Service-Area-Identity", V3GPP),
	DK_OPT("LCS-Service-Type-ID", V3GPP),
	DK_OPT("Pseudonym-Indicator", V3GPP),
	DK_OPT("LCS-QoS-Class", V3GPP),
	DK_OPT("Serving-Node", V3GPP),
	DK_OPT("LRR-Flags", V3GPP),
	DK_OPT("LCS-Reference-Number", V3GPP),
	DK_OPT("Deferred-MT-LR-Data", V3GPP),
	DK_OPT("GMLC-Address", V3GPP),
	DK_OPT("Reporting-Amount", V3GPP),
	DK_OPT("Periodic-LDR-Information", V3GPP),
	DK_OPT("ESMLC-Cell-Info", V3GPP),
	DK_OPT("1xRTT-RCID", V3GPP),
	DK_OPT("Delayed-Location-Reporting-Data", V3GPP),
	DK_OPT("Civic-Address", V3GPP),
	DK_OPT("Barometric-Pressure", V3GPP),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §7.3.4. Auth-Session-State optional for the same reason as in the PLA. */
static const struct dk_rule lra_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_OPT("Result-Code", 0),
	DK_OPT("Experimental-Result", 0),
	DK_OPT("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("GMLC-Address", V3GPP),
	DK_OPT("LRA-Flags", V3GPP),
	DK_OPT("Reporting-PLMN-List", V3GPP),
	DK_OPT("LCS-Reference-Number", V3GPP),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("Failed-AVP", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

static const struct dk_cmd_def slg_commands[] = {
	{ SLG_CMD_PLR, "Provide-Location-Request", "Provide-Location-Answer", plr_rules, pla_rules },
	{ SLG_CMD_LRR, "Location-Report-Request", "Location-Report-Answer", lrr_rules, lra_rules },
};

static int dict_slg_entry(char *conffile)
{
	struct dictionary *dict = fd_g_config->cnf_dict;
	struct dict_object *app = NULL;

	(void)conffile;
	CHECK_FCT(dk_define_ietf_extensions(dict)); /* DRMP */
	CHECK_FCT(dk_define_3gpp_shared(dict));
	CHECK_FCT(dk_define_avps(dict, slg_avps, DK_COUNT(slg_avps)));
	CHECK_FCT(dk_define_groups(dict, slg_groups, DK_COUNT(slg_groups)));
	CHECK_FCT(dk_define_application(dict, V3GPP, SLG_APPLICATION_ID, "3GPP SLg", &app));
	CHECK_FCT(dk_define_commands(dict, app, slg_commands, DK_COUNT(slg_commands)));
	LOG_N("dict_slg: SLg (application %u) loaded", SLG_APPLICATION_ID);
	return 0;
}

EXTENSION_ENTRY("dict_slg", dict_slg_entry);
