/* dict_sh.fdx: the Sh application (TS 29.328 / TS 29.329, AS <-> HSS): User-Data, Profile-Update,
 * Subscribe-Notifications and Push-Notification Request/Answer, with the Rel-15/16 ABNF.
 *
 * Debian's dict_dcca_3gpp (Rel-12 AVPs) has 700-716, 719 and the TS 29.229 AVPs Sh reuses. Every AVP
 * Sh uses is listed here: a node that loads dict_dcca_3gpp gets their code, vendor, type and flags
 * checked, and only 717, 718, 720-722 and External-Identifier 3111 created; a node that does not
 * (the lab's) gets them all from here. Debian defines the
 * 3GPP enumerated types without any value, so every Sh enumeration gets its values here, and it has
 * no rules for 3GPP grouped AVPs, so those Sh uses are given theirs.
 *
 * Flags: TS 29.329 V15.2.0 Table 6.3.1, TS 29.229 Table 6.7 and TS 29.336 V15.7.0 Table 6.4.1/1, as
 * transcribed in upstream freeDiameter's dict_dcca_3gpp.csv. Wireshark's TGPP.xml disagrees for
 * several (it marks 708-719, 628-630 M "must", Service-Indication V "must not"); it is not a flag
 * reference (its dissector does not enforce them), so the spec tables win.
 *
 * Needs no other dictionary; Debian's, when a node loads them, may come before or after it. */
#include <freeDiameter/extension.h>
#include "diamkit.h"

#define SH_APPLICATION_ID 16777217
#define SH_CMD_UD 306
#define SH_CMD_PU 307
#define SH_CMD_SN 308
#define SH_CMD_PN 309
#define V3GPP DK_VENDOR_3GPP

/* TS 29.329 §6.3.4. Value 20 is reserved (NOTE there) and 1-9 are unused: neither is defined.
 * The list 0, 10-19, 21-35 was checked against two verbatim copies of the §6.3.4 text and
 * Wireshark's TGPP.xml. One third-party test claims V19.1.0 adds 36 ASRegistrationInfo: beyond
 * the Rel-15/16 text followed here and not confirmed, so not defined. */
static const struct dk_enum data_reference[] = {
	{ "RepositoryData", 0 },
	{ "IMSPublicIdentity", 10 },
	{ "IMSUserState", 11 },
	{ "S-CSCFName", 12 },
	{ "InitialFilterCriteria", 13 },
	{ "LocationInformation", 14 },
	{ "UserState", 15 },
	{ "ChargingInformation", 16 },
	{ "MSISDN", 17 },
	{ "PSIActivation", 18 },
	{ "DSAI", 19 },
	{ "ServiceLevelTraceInfo", 21 },
	{ "IPAddressSecureBindingInformation", 22 },
	{ "ServicePriorityLevel", 23 },
	{ "SMSRegistrationInfo", 24 },
	{ "UEReachabilityForIP", 25 },
	{ "TADSinformation", 26 },
	{ "STN-SR", 27 },
	{ "UE-SRVCC-Capability", 28 },
	{ "ExtendedPriority", 29 },
	{ "CSRN", 30 },
	{ "ReferenceLocationInformation", 31 },
	{ "IMSI", 32 },
	{ "IMSPrivateUserIdentity", 33 },
	{ "IMEISV", 34 },
	{ "UE-5G-SRVCC-Capability", 35 },
	{ NULL, 0 },
};

/* TS 29.329 §6.3.6 */
static const struct dk_enum subs_req_type[] = {
	{ "Subscribe", 0 }, { "Unsubscribe", 1 }, { NULL, 0 },
};
/* §6.3.7 */
static const struct dk_enum requested_domain[] = {
	{ "CS-Domain", 0 }, { "PS-Domain", 1 }, { NULL, 0 },
};
/* §6.3.8 */
static const struct dk_enum current_location[] = {
	{ "DoNotNeedInitiateActiveLocationRetrieval", 0 },
	{ "InitiateActiveLocationRetrieval", 1 },
	{ NULL, 0 },
};
/* §6.3.10 */
static const struct dk_enum identity_set[] = {
	{ "ALL_IDENTITIES", 0 },
	{ "REGISTERED_IDENTITIES", 1 },
	{ "IMPLICIT_IDENTITIES", 2 },
	{ "ALIAS_IDENTITIES", 3 },
	{ NULL, 0 },
};
/* §6.3.17 */
static const struct dk_enum send_data_indication[] = {
	{ "USER_DATA_NOT_REQUESTED", 0 }, { "USER_DATA_REQUESTED", 1 }, { NULL, 0 },
};
/* §6.3.22 */
static const struct dk_enum one_time_notification[] = {
	{ "ONE_TIME_NOTIFICATION_REQUESTED", 0 }, { NULL, 0 },
};
/* §6.3.23 */
static const struct dk_enum serving_node_indication[] = {
	{ "ONLY_SERVING_NODES_REQUIRED", 0 }, { NULL, 0 },
};
/* §6.3.26 */
static const struct dk_enum pre_paging_supported[] = {
	{ "PREPAGING_NOT_SUPPORTED", 0 }, { "PREPAGING_SUPPORTED", 1 }, { NULL, 0 },
};
/* §6.3.27 */
static const struct dk_enum local_tz_indication[] = {
	{ "ONLY_LOCAL_TIME_ZONE_REQUESTED", 0 },
	{ "LOCAL_TIME_ZONE_WITH_LOCATION_INFO_REQUESTED", 1 },
	{ NULL, 0 },
};
/* TS 29.229 §6.3.56 (0 is the highest priority) */
static const struct dk_enum session_priority[] = {
	{ "PRIORITY-0", 0 }, { "PRIORITY-1", 1 }, { "PRIORITY-2", 2 }, { "PRIORITY-3", 3 },
	{ "PRIORITY-4", 4 }, { NULL, 0 },
};

static const struct dk_avp_def sh_avps[] = {
	/* TS 29.329 Table 6.3.1 */
	{ 700, V3GPP, "User-Identity", DK_GROUPED, DK_FLAGS_MV, NULL, 0 },
	/* "User-Data" is taken by TS 29.229 606 (Cx); freeDiameter names 702 this way. */
	{ 702, V3GPP, "User-Data-29.329", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 703, V3GPP, "Data-Reference", DK_ENUMERATED, DK_FLAGS_MV, data_reference, 0 },
	{ 704, V3GPP, "Service-Indication", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 705, V3GPP, "Subs-Req-Type", DK_ENUMERATED, DK_FLAGS_MV, subs_req_type, 0 },
	{ 706, V3GPP, "Requested-Domain", DK_ENUMERATED, DK_FLAGS_MV, requested_domain, 0 },
	{ 707, V3GPP, "Current-Location", DK_ENUMERATED, DK_FLAGS_MV, current_location, 0 },
	{ 708, V3GPP, "Identity-Set", DK_ENUMERATED, DK_FLAGS_V, identity_set, 0 },
	{ 709, V3GPP, "Expiry-Time", DK_TIME, DK_FLAGS_V, NULL, 0 },
	{ 710, V3GPP, "Send-Data-Indication", DK_ENUMERATED, DK_FLAGS_V, send_data_indication, 0 },
	{ 711, V3GPP, "DSAI-Tag", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 },
	{ 712, V3GPP, "One-Time-Notification", DK_ENUMERATED, DK_FLAGS_V, one_time_notification, 0 },
	{ 713, V3GPP, "Requested-Nodes", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 714, V3GPP, "Serving-Node-Indication", DK_ENUMERATED, DK_FLAGS_V, serving_node_indication, 0 },
	{ 715, V3GPP, "Repository-Data-ID", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 716, V3GPP, "Sequence-Number", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 717, V3GPP, "Pre-paging-Supported", DK_ENUMERATED, DK_FLAGS_V, pre_paging_supported, 0 },
	{ 718, V3GPP, "Local-Time-Zone-Indication", DK_ENUMERATED, DK_FLAGS_V, local_tz_indication, 0 },
	/* Unsigned32 bit mask (§6.3.28); Wireshark's TGPP.xml wrongly has it Enumerated. */
	{ 719, V3GPP, "UDR-Flags", DK_UNSIGNED32, DK_FLAGS_V, NULL, 0 },
	{ 720, V3GPP, "Call-Reference-Info", DK_GROUPED, DK_FLAGS_V, NULL, 0 },
	{ 721, V3GPP, "Call-Reference-Number", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	{ 722, V3GPP, "AS-Number", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 },
	/* Reused from TS 29.229 */
	{ 601, V3GPP, "Public-Identity", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 602, V3GPP, "Server-Name", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
	{ 634, V3GPP, "Wildcarded-Public-Identity", DK_UTF8STRING, DK_FLAGS_V, NULL, 0 },
	{ 636, V3GPP, "Wildcarded-IMPU", DK_UTF8STRING, DK_FLAGS_V, NULL, 0 },
	/* Same code as RFC 8583 Load, but vendor 10415. */
	{ 650, V3GPP, "Session-Priority", DK_ENUMERATED, DK_FLAGS_V, session_priority, 0 },
	/* TS 29.336 §6.4.11, inside User-Identity (TS 29.329 §6.3.1). Debian's dict_dcca_3gpp already
	 * has an AVP named "External-Identifier": code 28, the TS 29.061 RADIUS-only attribute (upstream
	 * freeDiameter 1.4.0 replaced it by 3111). AVP names are unique per vendor, so 3111 gets another
	 * name here; on the wire only the code counts. */
	{ 3111, V3GPP, "External-Identifier-29.336", DK_UTF8STRING, DK_FLAGS_MV, NULL, 0 },
};

/* TS 29.329 §6.3.1: exactly one of the three is present; the dictionary can only say "at most one
 * of each", the handlers check the rest. */
static const struct dk_rule user_identity[] = {
	DK_OPT("Public-Identity", V3GPP),
	DK_OPT("MSISDN", V3GPP),
	DK_OPT("External-Identifier-29.336", V3GPP),
	DK_RULES_END,
};
/* §6.3.24 */
static const struct dk_rule repository_data_id[] = {
	DK_REQ("Service-Indication", V3GPP),
	DK_REQ("Sequence-Number", V3GPP),
	DK_RULES_END,
};
/* §6.3.29 */
static const struct dk_rule call_reference_info[] = {
	DK_REQ("Call-Reference-Number", V3GPP),
	DK_REQ("AS-Number", V3GPP),
	DK_RULES_END,
};
static const struct dk_group_def sh_groups[] = {
	{ "User-Identity", V3GPP, user_identity },
	{ "Repository-Data-ID", V3GPP, repository_data_id },
	{ "Call-Reference-Info", V3GPP, call_reference_info },
};

/* Answers: the ABNF requires Vendor-Specific-Application-Id and Auth-Session-State, but
 * freeDiameter's own answers to requests it rejects before dispatch (5005, 5004, 3007, ...) carry
 * neither; a receiver that enforced them would drop those answers, and the caller would only see a
 * timeout. They are optional here; our servers always send both. */

/* TS 29.329 §6.1.1 */
static const struct dk_rule udr_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_REQ("Vendor-Specific-Application-Id", 0),
	DK_REQ("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("Destination-Host", 0),
	DK_REQ("Destination-Realm", 0),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_REQ("User-Identity", V3GPP),
	DK_OPT("Wildcarded-Public-Identity", V3GPP),
	DK_OPT("Wildcarded-IMPU", V3GPP),
	DK_OPT("Server-Name", V3GPP),
	DK_OPT_N("Service-Indication", V3GPP),
	DK_REQ_N("Data-Reference", V3GPP),
	DK_OPT_N("Identity-Set", V3GPP),
	DK_OPT("Requested-Domain", V3GPP),
	DK_OPT("Current-Location", V3GPP),
	DK_OPT_N("DSAI-Tag", V3GPP),
	DK_OPT("Session-Priority", V3GPP),
	DK_OPT("User-Name", 0),
	DK_OPT("Requested-Nodes", V3GPP),
	DK_OPT("Serving-Node-Indication", V3GPP),
	DK_OPT("Pre-paging-Supported", V3GPP),
	DK_OPT("Local-Time-Zone-Indication", V3GPP),
	DK_OPT("UDR-Flags", V3GPP),
	DK_OPT("Call-Reference-Info", V3GPP),
	DK_OPT("OC-Supported-Features", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §6.1.2 */
static const struct dk_rule uda_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_OPT("Result-Code", 0),
	DK_OPT("Experimental-Result", 0),
	DK_OPT("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("Wildcarded-Public-Identity", V3GPP),
	DK_OPT("Wildcarded-IMPU", V3GPP),
	DK_OPT("User-Data-29.329", V3GPP),
	DK_OPT("OC-Supported-Features", 0),
	DK_OPT("OC-OLR", 0),
	DK_OPT_N("Load", 0),
	DK_OPT("Failed-AVP", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §6.1.3. More than one Data-Reference only when both sides support Update-Eff-Enhance: the
 * handlers check that, the dictionary allows 1..n. */
static const struct dk_rule pur_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_REQ("Vendor-Specific-Application-Id", 0),
	DK_REQ("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("Destination-Host", 0),
	DK_REQ("Destination-Realm", 0),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_REQ("User-Identity", V3GPP),
	DK_OPT("Wildcarded-Public-Identity", V3GPP),
	DK_OPT("Wildcarded-IMPU", V3GPP),
	DK_OPT("User-Name", 0),
	DK_REQ_N("Data-Reference", V3GPP),
	DK_REQ("User-Data-29.329", V3GPP),
	DK_OPT("OC-Supported-Features", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §6.1.4 */
static const struct dk_rule pua_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_OPT("Result-Code", 0),
	DK_OPT("Experimental-Result", 0),
	DK_OPT("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("Wildcarded-Public-Identity", V3GPP),
	DK_OPT("Wildcarded-IMPU", V3GPP),
	DK_OPT("Repository-Data-ID", V3GPP),
	DK_OPT("Data-Reference", V3GPP),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("OC-Supported-Features", 0),
	DK_OPT("OC-OLR", 0),
	DK_OPT_N("Load", 0),
	DK_OPT("Failed-AVP", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §6.1.5 */
static const struct dk_rule snr_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_REQ("Vendor-Specific-Application-Id", 0),
	DK_REQ("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("Destination-Host", 0),
	DK_REQ("Destination-Realm", 0),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_REQ("User-Identity", V3GPP),
	DK_OPT("Wildcarded-Public-Identity", V3GPP),
	DK_OPT("Wildcarded-IMPU", V3GPP),
	DK_OPT_N("Service-Indication", V3GPP),
	DK_OPT("Send-Data-Indication", V3GPP),
	DK_OPT("Server-Name", V3GPP),
	DK_REQ("Subs-Req-Type", V3GPP),
	DK_REQ_N("Data-Reference", V3GPP),
	DK_OPT_N("Identity-Set", V3GPP),
	DK_OPT("Expiry-Time", V3GPP),
	DK_OPT_N("DSAI-Tag", V3GPP),
	DK_OPT("One-Time-Notification", V3GPP),
	DK_OPT("User-Name", 0),
	DK_OPT("OC-Supported-Features", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §6.1.6 */
static const struct dk_rule sna_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_OPT("Auth-Session-State", 0),
	DK_OPT("Result-Code", 0),
	DK_OPT("Experimental-Result", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT("Wildcarded-Public-Identity", V3GPP),
	DK_OPT("Wildcarded-IMPU", V3GPP),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("User-Data-29.329", V3GPP),
	DK_OPT("Expiry-Time", V3GPP),
	DK_OPT("OC-Supported-Features", 0),
	DK_OPT("OC-OLR", 0),
	DK_OPT_N("Load", 0),
	DK_OPT("Failed-AVP", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §6.1.7: sent by the HSS to the AS, hence the required Destination-Host. */
static const struct dk_rule pnr_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_REQ("Vendor-Specific-Application-Id", 0),
	DK_REQ("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_REQ("Destination-Host", 0),
	DK_REQ("Destination-Realm", 0),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_REQ("User-Identity", V3GPP),
	DK_OPT("Wildcarded-Public-Identity", V3GPP),
	DK_OPT("Wildcarded-IMPU", V3GPP),
	DK_OPT("User-Name", 0),
	DK_REQ("User-Data-29.329", V3GPP),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

/* §6.1.8 */
static const struct dk_rule pna_rules[] = {
	DK_SESSION_ID,
	DK_OPT("DRMP", 0),
	DK_OPT("Vendor-Specific-Application-Id", 0),
	DK_OPT("Result-Code", 0),
	DK_OPT("Experimental-Result", 0),
	DK_OPT("Auth-Session-State", 0),
	DK_REQ("Origin-Host", 0),
	DK_REQ("Origin-Realm", 0),
	DK_OPT_N("Supported-Features", V3GPP),
	DK_OPT("Failed-AVP", 0),
	DK_OPT_N("Proxy-Info", 0),
	DK_OPT_N("Route-Record", 0),
	DK_RULES_END,
};

static const struct dk_cmd_def sh_commands[] = {
	{ SH_CMD_UD, "User-Data-Request", "User-Data-Answer", udr_rules, uda_rules },
	{ SH_CMD_PU, "Profile-Update-Request", "Profile-Update-Answer", pur_rules, pua_rules },
	{ SH_CMD_SN, "Subscribe-Notifications-Request", "Subscribe-Notifications-Answer", snr_rules,
	  sna_rules },
	{ SH_CMD_PN, "Push-Notification-Request", "Push-Notification-Answer", pnr_rules, pna_rules },
};

static int dict_sh_entry(char *conffile)
{
	struct dictionary *dict = fd_g_config->cnf_dict;
	struct dict_object *app = NULL;

	(void)conffile;
	/* DRMP, OC-Supported-Features, OC-OLR and Load, named by the ABNFs. */
	CHECK_FCT(dk_define_ietf_extensions(dict));
	CHECK_FCT(dk_define_3gpp_shared(dict));
	CHECK_FCT(dk_define_avps(dict, sh_avps, DK_COUNT(sh_avps)));
	CHECK_FCT(dk_define_groups(dict, sh_groups, DK_COUNT(sh_groups)));
	CHECK_FCT(dk_define_application(dict, V3GPP, SH_APPLICATION_ID, "3GPP Sh", &app));
	CHECK_FCT(dk_define_commands(dict, app, sh_commands, DK_COUNT(sh_commands)));
	LOG_N("dict_sh: Sh (application %u) loaded", SH_APPLICATION_ID);
	return 0;
}

EXTENSION_ENTRY("dict_sh", dict_sh_entry);
