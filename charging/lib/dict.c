/* The dictionary objects of Rf, Ro and TS 32.299 Service-Information (dict_dcca, dict_dcca_3gpp,
 * dict_charging), looked up once, so that no message is built or read by searching names. */
#include <stdio.h>

#include "charging_internal.h"

struct chg_dict chg_dict;

#define V3GPP DK_VENDOR_3GPP

static const struct {
	const char *name;
	vendor_id_t vendor;
	struct dict_object **obj;
} avps[] = {
	{ "Accounting-Record-Type", 0, &chg_dict.record_type },
	{ "Accounting-Record-Number", 0, &chg_dict.record_number },
	{ "Acct-Application-Id", 0, &chg_dict.acct_application_id },
	{ "Event-Timestamp", 0, &chg_dict.event_timestamp },
	{ "Acct-Interim-Interval", 0, &chg_dict.acct_interim_interval },
	{ "Service-Context-Id", 0, &chg_dict.service_context_id },
	{ "CC-Request-Type", 0, &chg_dict.cc_request_type },
	{ "CC-Request-Number", 0, &chg_dict.cc_request_number },
	{ "Requested-Action", 0, &chg_dict.requested_action },
	{ "Subscription-Id", 0, &chg_dict.subscription_id },
	{ "Subscription-Id-Type", 0, &chg_dict.subscription_id_type },
	{ "Subscription-Id-Data", 0, &chg_dict.subscription_id_data },
	{ "Multiple-Services-Credit-Control", 0, &chg_dict.mscc },
	{ "Requested-Service-Unit", 0, &chg_dict.rsu },
	{ "Used-Service-Unit", 0, &chg_dict.usu },
	{ "Granted-Service-Unit", 0, &chg_dict.gsu },
	{ "CC-Time", 0, &chg_dict.cc_time },
	{ "CC-Total-Octets", 0, &chg_dict.cc_total_octets },
	{ "CC-Input-Octets", 0, &chg_dict.cc_input_octets },
	{ "CC-Output-Octets", 0, &chg_dict.cc_output_octets },
	{ "CC-Service-Specific-Units", 0, &chg_dict.cc_service_specific_units },
	{ "Rating-Group", 0, &chg_dict.rating_group },
	{ "Service-Identifier", 0, &chg_dict.service_identifier },
	{ "Validity-Time", 0, &chg_dict.validity_time },
	{ "Final-Unit-Indication", 0, &chg_dict.final_unit_indication },
	{ "Final-Unit-Action", 0, &chg_dict.final_unit_action },
	{ "Termination-Cause", 0, &chg_dict.termination_cause },
	{ "Cost-Information", 0, &chg_dict.cost_information },
	{ "Unit-Value", 0, &chg_dict.unit_value },
	{ "Value-Digits", 0, &chg_dict.value_digits },
	{ "Exponent", 0, &chg_dict.exponent },
	{ "Currency-Code", 0, &chg_dict.currency_code },
	{ "Cost-Unit", 0, &chg_dict.cost_unit },
	{ "Check-Balance-Result", 0, &chg_dict.check_balance_result },
	{ "Multiple-Services-Indicator", 0, &chg_dict.multiple_services_indicator },
	{ "Service-Information", V3GPP, &chg_dict.service_information },
	{ "Remaining-Balance", V3GPP, &chg_dict.remaining_balance },
	{ "IMS-Information", V3GPP, &chg_dict.ims_information },
	{ "Node-Functionality", V3GPP, &chg_dict.node_functionality },
	{ "Role-Of-Node", V3GPP, &chg_dict.role_of_node },
	{ "Calling-Party-Address", V3GPP, &chg_dict.calling_party_address },
	{ "Called-Party-Address", V3GPP, &chg_dict.called_party_address },
	{ "IMS-Charging-Identifier", V3GPP, &chg_dict.ims_charging_identifier },
	{ "Event-Type", V3GPP, &chg_dict.event_type },
	{ "SIP-Method", V3GPP, &chg_dict.sip_method },
	{ "Event", V3GPP, &chg_dict.event },
	{ "Expires", V3GPP, &chg_dict.expires },
	{ "LCS-Information", V3GPP, &chg_dict.lcs_information },
	{ "LCS-Client-Id", V3GPP, &chg_dict.lcs_client_id },
	{ "LCS-Client-Type", V3GPP, &chg_dict.lcs_client_type },
	{ "LCS-Client-External-ID", V3GPP, &chg_dict.lcs_client_external_id },
	{ "LCS-Client-Name", V3GPP, &chg_dict.lcs_client_name },
	{ "LCS-Name-String", V3GPP, &chg_dict.lcs_name_string },
	{ "LCS-Requestor-Id", V3GPP, &chg_dict.lcs_requestor_id },
	{ "LCS-Requestor-Id-String", V3GPP, &chg_dict.lcs_requestor_id_string },
	{ "Location-Type", V3GPP, &chg_dict.location_type },
	{ "Location-Estimate-Type", V3GPP, &chg_dict.location_estimate_type },
	{ "Deferred-Location-Event-Type", V3GPP, &chg_dict.deferred_location_event_type },
	{ "Location-Estimate", V3GPP, &chg_dict.location_estimate },
	{ "Positioning-Data", V3GPP, &chg_dict.positioning_data },
	{ "3GPP-IMSI", V3GPP, &chg_dict.imsi },
	{ "MSISDN", V3GPP, &chg_dict.msisdn },
	/* dict_charging */
	{ "ProSe-Information", V3GPP, &chg_dict.prose_information },
	{ "ProSe-Event-Type", V3GPP, &chg_dict.prose_event_type },
	{ "ProSe-Role-Of-UE", V3GPP, &chg_dict.prose_role_of_ue },
	{ "ProSe-Range-Class", V3GPP, &chg_dict.prose_range_class },
	{ "Proximity-Alert-Indication", V3GPP, &chg_dict.proximity_alert_indication },
	{ "Proximity-Alert-Timestamp", V3GPP, &chg_dict.proximity_alert_timestamp },
	{ "Proximity-Cancellation-Timestamp", V3GPP, &chg_dict.proximity_cancellation_timestamp },
	{ "ProSe-App-Id", V3GPP, &chg_dict.prose_app_id },
	{ "ProSe-Request-Timestamp", V3GPP, &chg_dict.prose_request_timestamp },
};

static int find_application(struct dictionary *dict, application_id_t id, struct dict_object **app,
			    char *err, size_t errlen)
{
	if (!fd_dict_search(dict, DICT_APPLICATION, APPLICATION_BY_ID, &id, app, ENOENT))
		return 0;
	snprintf(err, errlen, "application %u is not in the dictionary: load dict_nasreq, dict_dcca, "
			      "dict_dcca_3gpp and dict_charging", id);
	return ENOENT;
}

int chg_dict_init(char *err, size_t errlen)
{
	struct dictionary *dict = fd_g_config->cnf_dict;

	if (dk_base_init()) {
		snprintf(err, errlen, "base protocol AVPs are missing from the dictionary");
		return ENOENT;
	}
	CHECK_FCT(find_application(dict, CHG_RF, &chg_dict.rf_app, err, errlen));
	CHECK_FCT(find_application(dict, CHG_RO, &chg_dict.ro_app, err, errlen));
	if (dk_find_command(dict, "Accounting-Request", &chg_dict.acr) ||
	    dk_find_command(dict, "Credit-Control-Request", &chg_dict.ccr)) {
		snprintf(err, errlen, "ACR or CCR is not in the dictionary (dict_dcca not loaded?)");
		return ENOENT;
	}
	for (size_t i = 0; i < DK_COUNT(avps); i++) {
		if (dk_find_avp(dict, avps[i].vendor, avps[i].name, avps[i].obj)) {
			snprintf(err, errlen, "AVP '%s' is not in the dictionary (dict_charging.fdx not loaded?)",
				 avps[i].name);
			return ENOENT;
		}
	}
	return 0;
}

int chg_advertise(void)
{
	char err[CHG_ERR_LEN];

	CHECK_FCT(chg_dict_init(err, sizeof err));
	CHECK_FCT(fd_disp_app_support(chg_dict.rf_app, NULL, 0, 1));
	return fd_disp_app_support(chg_dict.ro_app, NULL, 1, 0);
}
