/* dict_charging.fdx: what Debian's dict_dcca / dict_dcca_3gpp lack for the toolkit's charging
 * (TS 32.299 Service-Information over Rf ACR and Ro CCR).
 *
 * - LCS-Information and the groups inside it (LCS-Client-Id, LCS-Client-Name, LCS-Requestor-Id,
 *   Location-Type): Debian has the AVPs but no rules for their contents; the values of
 *   Location-Estimate-Type and LCS-Client-Type are added (Debian defines them without values).
 * - ProSe-Information (3447) and its AVPs, which Debian does not have at all, and ProSe-Information
 *   as a member of Service-Information. The grouped members whose contents the toolkit never
 *   builds (Coverage-Info, Radio-Parameter-Set-Info, Transmitter-Info and the direct-communication
 *   data containers) are left out of the table: a peer sending them gets them treated as unknown.
 * - END_USER_PRIVATE (4) of Subscription-Id-Type (RFC 4006 §8.47), missing from dict_dcca.
 *
 * Codes, types and values: shared/specs/charging.md §2.1 and §2.5 (TS 32.299 V15.7.0); the values
 * of Proximity-Alert-Indication and PC5-Radio-Technology, which that sheet does not list, were
 * checked against a public stack's transcription of TS 32.299 (ALERT 0 / NO_ALERT 1; EUTRA 0,
 * WLAN 1, BOTH 2). The ProSe-Information member named "Monitored-HPLMN-Identifier" in the ABNF is
 * the AVP 3430 that the AVP table names Monitored-PLMN-Identifier: the table's name is kept.
 *
 * Load after dict_dcca.fdx and dict_dcca_3gpp.fdx; independent of dict_sh, dict_slh, dict_slg. */
#include <freeDiameter/extension.h>
#include "diamkit.h"

#define V3GPP DK_VENDOR_3GPP

/* ---- enumerated values -------------------------------------------------------------------- */

static const struct dk_enum subscription_id_type[] = {
	{ "END_USER_PRIVATE", 4 },
	{ NULL, 0 },
};
static const struct dk_enum location_estimate_type[] = {
	{ "CURRENT_LOCATION", 0 },
	{ "CURRENT_LAST_KNOWN_LOCATION", 1 },
	{ "INITIAL_LOCATION", 2 },
	{ "ACTIVATE_DEFERRED_LOCATION", 3 },
	{ "CANCEL_DEFERRED_LOCATION", 4 },
	{ NULL, 0 },
};
static const struct dk_enum lcs_client_type[] = {
	{ "EMERGENCY_SERVICES", 0 },
	{ "VALUE_ADDED_SERVICES", 1 },
	{ "PLMN_OPERATOR_SERVICES", 2 },
	{ "LAWFUL_INTERCEPT_SERVICES", 3 },
	{ NULL, 0 },
};
static const struct dk_enum role_of_prose_function[] = {
	{ "HPLMN", 0 },
	{ "VPLMN", 1 },
	{ "LOCAL_PLMN", 2 },
	{ NULL, 0 },
};
static const struct dk_enum prose_direct_discovery_model[] = {
	{ "MODEL_A", 0 },
	{ "MODEL_B", 1 },
	{ NULL, 0 },
};
static const struct dk_enum prose_event_type[] = {
	{ "ANNOUNCING", 0 },
	{ "MONITORING", 1 },
	{ "MATCH_REPORT", 2 },
	{ NULL, 0 },
};
static const struct dk_enum prose_functionality[] = {
	{ "DIRECT_DISCOVERY", 0 },
	{ "EPC_LEVEL_DISCOVERY", 1 },
	{ "DIRECT_COMMUNICATION", 2 },
	{ NULL, 0 },
};
/* The range classes of TS 24.334; 6-255 are unused. */
static const struct dk_enum prose_range_class[] = {
	{ "RESERVED", 0 },
	{ "50_M", 1 },
	{ "100_M", 2 },
	{ "200_M", 3 },
	{ "500_M", 4 },
	{ "1000_M", 5 },
	{ NULL, 0 },
};
static const struct dk_enum prose_reason_for_cancellation[] = {
	{ "PROXIMITY_ALERT_SENT", 0 },
	{ "TIME_EXPIRED_WITH_NO_RENEWAL", 1 },
	{ "REQUESTOR_CANCELLATION", 2 },
	{ NULL, 0 },
};
static const struct dk_enum prose_role_of_ue[] = {
	{ "ANNOUNCING_UE", 0 },
	{ "MONITORING_UE", 1 },
	{ "REQUESTOR_UE", 2 },
	{ "REQUESTED_UE", 3 },
	{ NULL, 0 },
};
static const struct dk_enum proximity_alert_indication[] = {
	{ "ALERT", 0 },
	{ "NO_ALERT", 1 },
	{ NULL, 0 },
};
static const struct dk_enum pc5_radio_technology[] = {
	{ "EUTRA", 0 },
	{ "WLAN", 1 },
	{ "BOTH", 2 },
	{ NULL, 0 },
};

/* ---- AVPs --------------------------------------------------------------------------------- */

static const struct dk_avp_def charging_avps[] = {
	/* Present in Debian: listed so that code, vendor and type are checked, and values added. */
	{ 450, 0, "Subscription-Id-Type", DK_ENUMERATED, DK_FLAGS_M, subscription_id_type, 0 },
	{ 873, V3GPP, "Service-Information", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 878, V3GPP, "LCS-Information", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 1232, V3GPP, "LCS-Client-Id", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 1235, V3GPP, "LCS-Client-Name", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 1239, V3GPP, "LCS-Requestor-Id", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 1241, V3GPP, "LCS-Client-Type", DK_ENUMERATED, DK_FLAGS_MV, lcs_client_type, 0 },
	{ 1242, V3GPP, "Location-Estimate", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 1243, V3GPP, "Location-Estimate-Type", DK_ENUMERATED, DK_FLAGS_MV, location_estimate_type, 0 },
	{ 1244, V3GPP, "Location-Type", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 1245, V3GPP, "Positioning-Data", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },

	/* ProSe charging (TS 32.299 §7.2), absent from Debian. */
	{ 1300, V3GPP, "PC5-Radio-Technology", DK_ENUMERATED, DK_FLAGS_MV, pc5_radio_technology, 0 },
	{ 3426, V3GPP, "Announcing-UE-HPLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3427, V3GPP, "Announcing-UE-VPLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3429, V3GPP, "Layer-2-Group-ID", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 3430, V3GPP, "Monitored-PLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3431, V3GPP, "Monitoring-UE-HPLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3432, V3GPP, "Monitoring-UE-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3433, V3GPP, "Monitoring-UE-VPLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3434, V3GPP, "PC3-Control-Protocol-Cause", DK_INTEGER32, DK_FLAGS_MV, NULL, 0 },
	{ 3435, V3GPP, "PC3-EPC-Control-Protocol-Cause", DK_INTEGER32, DK_FLAGS_MV, NULL, 0 },
	{ 3436, V3GPP, "Requested-PLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3437, V3GPP, "Requestor-PLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3438, V3GPP, "Role-Of-ProSe-Function", DK_ENUMERATED, DK_FLAGS_MV, role_of_prose_function, 0 },
	{ 3440, V3GPP, "ProSe-3rd-Party-Application-ID", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3442, V3GPP, "ProSe-Direct-Discovery-Model", DK_ENUMERATED, DK_FLAGS_MV, prose_direct_discovery_model, 0 },
	{ 3443, V3GPP, "ProSe-Event-Type", DK_ENUMERATED, DK_FLAGS_MV, prose_event_type, 0 },
	{ 3444, V3GPP, "ProSe-Function-IP-Address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },
	{ 3445, V3GPP, "ProSe-Functionality", DK_ENUMERATED, DK_FLAGS_MV, prose_functionality, 0 },
	{ 3446, V3GPP, "ProSe-Group-IP-Multicast-Address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },
	{ 3447, V3GPP, "ProSe-Information", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	{ 3448, V3GPP, "ProSe-Range-Class", DK_ENUMERATED, DK_FLAGS_MV, prose_range_class, 0 },
	{ 3449, V3GPP, "ProSe-Reason-For-Cancellation", DK_ENUMERATED, DK_FLAGS_MV, prose_reason_for_cancellation, 0 },
	{ 3450, V3GPP, "ProSe-Request-Timestamp", DK_TIME, DK_FLAGS_MV, NULL, 0 },
	{ 3451, V3GPP, "ProSe-Role-Of-UE", DK_ENUMERATED, DK_FLAGS_MV, prose_role_of_ue, 0 },
	{ 3452, V3GPP, "ProSe-Source-IP-Address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },
	{ 3453, V3GPP, "ProSe-UE-ID", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 3454, V3GPP, "Proximity-Alert-Indication", DK_ENUMERATED, DK_FLAGS_MV, proximity_alert_indication, 0 },
	{ 3455, V3GPP, "Proximity-Alert-Timestamp", DK_TIME, DK_FLAGS_MV, NULL, 0 },
	{ 3456, V3GPP, "Proximity-Cancellation-Timestamp", DK_TIME, DK_FLAGS_MV, NULL, 0 },
	{ 3457, V3GPP, "ProSe-Function-PLMN-Identifier", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3458, V3GPP, "Application-Specific-Data", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 3466, V3GPP, "Time-First-Reception", DK_TIME, DK_FLAGS_MV, NULL, 0 },
	{ 3467, V3GPP, "Time-First-Transmission", DK_TIME, DK_FLAGS_MV, NULL, 0 },
	{ 4408, V3GPP, "Announcing-PLMN-ID", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 4409, V3GPP, "ProSe-UE-to-Network-Relay-UE-ID", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 4410, V3GPP, "ProSe-Target-Layer-2-ID", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 4411, V3GPP, "Relay-IP-address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },
	{ 4412, V3GPP, "Target-IP-Address", DK_ADDRESS, DK_FLAGS_MV, NULL, 0 },
	/* ProSe-Information members defined by TS 29.343 (PC2) and TS 29.345 (PC6/PC7). */
	{ 3600, V3GPP, "Origin-App-Layer-User-Id", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3601, V3GPP, "Target-App-Layer-User-Id", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3602, V3GPP, "ProSe-Function-ID", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 3811, V3GPP, "ProSe-App-Id", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3815, V3GPP, "ProSe-Validity-Timer", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 3816, V3GPP, "Requesting-EPUID", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 3818, V3GPP, "Time-Window", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 },
	{ 3821, V3GPP, "WLAN-Link-Layer-Id", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
};

/* ---- grouped contents (TS 32.299 §7.2 ABNF, charging.md §2.5) ------------------------------ */

static const struct dk_rule lcs_information[] = {
	DK_OPT("LCS-Client-Id", V3GPP),
	DK_OPT("Location-Type", V3GPP),
	DK_OPT("Location-Estimate", V3GPP),
	DK_OPT("Positioning-Data", V3GPP),
	DK_OPT("3GPP-IMSI", V3GPP),
	DK_OPT("MSISDN", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule lcs_client_id[] = {
	DK_OPT("LCS-Client-Type", V3GPP),
	DK_OPT("LCS-Client-External-ID", V3GPP),
	DK_OPT("LCS-Client-Dialed-By-MS", V3GPP),
	DK_OPT("LCS-Client-Name", V3GPP),
	DK_OPT("LCS-APN", V3GPP),
	DK_OPT("LCS-Requestor-Id", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule lcs_client_name[] = {
	DK_OPT("LCS-Data-Coding-Scheme", V3GPP),
	DK_OPT("LCS-Name-String", V3GPP),
	DK_OPT("LCS-Format-Indicator", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule lcs_requestor_id[] = {
	DK_OPT("LCS-Data-Coding-Scheme", V3GPP),
	DK_OPT("LCS-Requestor-Id-String", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule location_type[] = {
	DK_OPT("Location-Estimate-Type", V3GPP),
	DK_OPT("Deferred-Location-Event-Type", V3GPP),
	DK_RULES_END,
};
static const struct dk_rule prose_information[] = {
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("Announcing-UE-HPLMN-Identifier", V3GPP),
	DK_OPT("Announcing-UE-VPLMN-Identifier", V3GPP),
	DK_OPT("Monitoring-UE-HPLMN-Identifier", V3GPP),
	DK_OPT("Monitoring-UE-VPLMN-Identifier", V3GPP),
	DK_OPT("Monitored-PLMN-Identifier", V3GPP),
	DK_OPT("Role-Of-ProSe-Function", V3GPP),
	DK_OPT("ProSe-App-Id", V3GPP),
	DK_OPT("ProSe-3rd-Party-Application-ID", V3GPP),
	DK_OPT("Application-Specific-Data", V3GPP),
	DK_OPT("ProSe-Event-Type", V3GPP),
	DK_OPT("ProSe-Direct-Discovery-Model", V3GPP),
	DK_OPT("ProSe-Function-IP-Address", V3GPP),
	DK_OPT("ProSe-Function-ID", V3GPP),
	DK_OPT("ProSe-Validity-Timer", V3GPP),
	DK_OPT("ProSe-Role-Of-UE", V3GPP),
	DK_OPT("ProSe-Request-Timestamp", V3GPP),
	DK_OPT("PC3-Control-Protocol-Cause", V3GPP),
	DK_OPT("Monitoring-UE-Identifier", V3GPP),
	DK_OPT("ProSe-Function-PLMN-Identifier", V3GPP),
	DK_OPT("Requestor-PLMN-Identifier", V3GPP),
	DK_OPT("Origin-App-Layer-User-Id", V3GPP),
	DK_OPT("WLAN-Link-Layer-Id", V3GPP),
	DK_OPT("Requesting-EPUID", V3GPP),
	DK_OPT("Target-App-Layer-User-Id", V3GPP),
	DK_OPT("Requested-PLMN-Identifier", V3GPP),
	DK_OPT("Time-Window", V3GPP),
	DK_OPT("ProSe-Range-Class", V3GPP),
	DK_OPT("Proximity-Alert-Indication", V3GPP),
	DK_OPT("Proximity-Alert-Timestamp", V3GPP),
	DK_OPT("Proximity-Cancellation-Timestamp", V3GPP),
	DK_OPT("ProSe-Reason-For-Cancellation", V3GPP),
	DK_OPT("PC3-EPC-Control-Protocol-Cause", V3GPP),
	DK_OPT("ProSe-UE-ID", V3GPP),
	DK_OPT("ProSe-Source-IP-Address", V3GPP),
	DK_OPT("Layer-2-Group-ID", V3GPP),
	DK_OPT("ProSe-Group-IP-Multicast-Address", V3GPP),
	DK_OPT("Time-First-Transmission", V3GPP),
	DK_OPT("Time-First-Reception", V3GPP),
	DK_OPT("Announcing-PLMN-ID", V3GPP),
	DK_OPT("ProSe-Target-Layer-2-ID", V3GPP),
	DK_OPT("Relay-IP-address", V3GPP),
	DK_OPT("ProSe-UE-to-Network-Relay-UE-ID", V3GPP),
	DK_OPT("Target-IP-Address", V3GPP),
	DK_OPT("PC5-Radio-Technology", V3GPP),
	DK_RULES_END,
};
/* Debian's Service-Information lists every member but ProSe-Information, which it lacks. */
static const struct dk_rule service_information[] = {
	DK_OPT("ProSe-Information", V3GPP),
	DK_RULES_END,
};

static const struct dk_group_def charging_groups[] = {
	{ "LCS-Information", V3GPP, lcs_information },
	{ "LCS-Client-Id", V3GPP, lcs_client_id },
	{ "LCS-Client-Name", V3GPP, lcs_client_name },
	{ "LCS-Requestor-Id", V3GPP, lcs_requestor_id },
	{ "Location-Type", V3GPP, location_type },
	{ "ProSe-Information", V3GPP, prose_information },
	{ "Service-Information", V3GPP, service_information },
};

static int dict_charging_entry(char *conffile)
{
	struct dictionary *dict = fd_g_config->cnf_dict;

	(void)conffile;
	CHECK_FCT(dk_define_avps(dict, charging_avps, DK_COUNT(charging_avps)));
	CHECK_FCT(dk_define_groups(dict, charging_groups, DK_COUNT(charging_groups)));
	return 0;
}

EXTENSION_ENTRY("dict_charging", dict_charging_entry, "dict_dcca_3gpp");
