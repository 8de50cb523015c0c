/* Service-Information (TS 32.299 §7.2.192) from the typed structures of charging.h:
 * IMS-Information, LCS-Information and ProSe-Information, each member only when it is set. */
#include <string.h>

#include "charging_internal.h"
#include "tbcd.h"

#define NODE_FUNCTIONALITY_AS 6
#define MAX_MSISDN_DIGITS 15

void chg_ims_init(struct chg_ims_information *ims)
{
	memset(ims, 0, sizeof *ims);
	ims->node_functionality = CHG_UNSET;
	ims->role_of_node = CHG_UNSET;
	ims->expires = CHG_UNSET;
}

void chg_lcs_init(struct chg_lcs_information *lcs)
{
	memset(lcs, 0, sizeof *lcs);
	lcs->client_type = CHG_UNSET;
	lcs->location_estimate_type = CHG_UNSET;
}

void chg_prose_init(struct chg_prose_information *prose)
{
	memset(prose, 0, sizeof *prose);
	prose->event_type = CHG_UNSET;
	prose->role_of_ue = CHG_UNSET;
	prose->range_class = CHG_UNSET;
	prose->proximity_alert_indication = CHG_UNSET;
}

static int add_optional_time(struct avp *parent, struct dict_object *model, time_t when)
{
	return when ? chg_add_time(parent, model, when) : 0;
}

/* A grouped AVP holding one string: LCS-Client-Name { LCS-Name-String }, ... */
static int add_string_group(struct avp *parent, struct dict_object *group_model, struct dict_object *model,
			    const char *value)
{
	struct avp *group = NULL;

	if (!value)
		return 0;
	CHECK_FCT(dk_add_group(parent, group_model, &group));
	return dk_add_str(group, model, value);
}

static int add_event_type(struct avp *ims, const struct chg_ims_information *i)
{
	struct avp *group = NULL;

	if (!i->sip_method && !i->event && i->expires == CHG_UNSET)
		return 0;
	CHECK_FCT(dk_add_group(ims, chg_dict.event_type, &group));
	CHECK_FCT(chg_add_optional_str(group, chg_dict.sip_method, i->sip_method));
	CHECK_FCT(chg_add_optional_str(group, chg_dict.event, i->event));
	return i->expires == CHG_UNSET ? 0 : dk_add_u32(group, chg_dict.expires, (uint32_t)i->expires);
}

/* In the order of the IMS-Information ABNF. */
static int add_ims(struct avp *si, const struct chg_ims_information *i)
{
	struct avp *ims = NULL;

	CHECK_FCT(dk_add_group(si, chg_dict.ims_information, &ims));
	CHECK_FCT(add_event_type(ims, i));
	CHECK_FCT(chg_add_optional_i32(ims, chg_dict.role_of_node, i->role_of_node));
	CHECK_FCT(dk_add_i32(ims, chg_dict.node_functionality,
			     i->node_functionality == CHG_UNSET ? NODE_FUNCTIONALITY_AS : i->node_functionality));
	CHECK_FCT(chg_add_optional_str(ims, chg_dict.calling_party_address, i->calling_party_address));
	CHECK_FCT(chg_add_optional_str(ims, chg_dict.called_party_address, i->called_party_address));
	return chg_add_optional_str(ims, chg_dict.ims_charging_identifier, i->ims_charging_identifier);
}

static int add_lcs_client_id(struct avp *lcs, const struct chg_lcs_information *l)
{
	struct avp *client = NULL;

	if (l->client_type == CHG_UNSET && !l->client_external_id && !l->client_name && !l->requestor_id)
		return 0;
	CHECK_FCT(dk_add_group(lcs, chg_dict.lcs_client_id, &client));
	CHECK_FCT(chg_add_optional_i32(client, chg_dict.lcs_client_type, l->client_type));
	CHECK_FCT(chg_add_optional_str(client, chg_dict.lcs_client_external_id, l->client_external_id));
	CHECK_FCT(add_string_group(client, chg_dict.lcs_client_name, chg_dict.lcs_name_string, l->client_name));
	return add_string_group(client, chg_dict.lcs_requestor_id, chg_dict.lcs_requestor_id_string, l->requestor_id);
}

static int add_location_type(struct avp *lcs, const struct chg_lcs_information *l)
{
	struct avp *type = NULL;

	if (l->location_estimate_type == CHG_UNSET && !l->deferred_location_event_type)
		return 0;
	CHECK_FCT(dk_add_group(lcs, chg_dict.location_type, &type));
	CHECK_FCT(chg_add_optional_i32(type, chg_dict.location_estimate_type, l->location_estimate_type));
	return chg_add_optional_str(type, chg_dict.deferred_location_event_type, l->deferred_location_event_type);
}

static int add_msisdn(struct avp *lcs, const char *msisdn)
{
	uint8_t tbcd[TBCD_OCTETS(MAX_MSISDN_DIGITS)];
	int n;

	if (!msisdn)
		return 0;
	if ((n = tbcd_encode(msisdn, tbcd, sizeof tbcd)) < 0)
		return EINVAL;
	return dk_add_os(lcs, chg_dict.msisdn, tbcd, (size_t)n);
}

/* In the order of the LCS-Information ABNF. */
static int add_lcs(struct avp *si, const struct chg_lcs_information *l)
{
	struct avp *lcs = NULL;

	CHECK_FCT(dk_add_group(si, chg_dict.lcs_information, &lcs));
	CHECK_FCT(add_lcs_client_id(lcs, l));
	CHECK_FCT(add_location_type(lcs, l));
	if (l->location_estimate)
		CHECK_FCT(dk_add_os(lcs, chg_dict.location_estimate, l->location_estimate, l->location_estimate_len));
	CHECK_FCT(chg_add_optional_str(lcs, chg_dict.positioning_data, l->positioning_data));
	CHECK_FCT(chg_add_optional_str(lcs, chg_dict.imsi, l->imsi));
	return add_msisdn(lcs, l->msisdn);
}

/* In the order of the ProSe-Information ABNF. */
static int add_prose(struct avp *si, const struct chg_prose_information *p)
{
	struct avp *prose = NULL;

	CHECK_FCT(dk_add_group(si, chg_dict.prose_information, &prose));
	CHECK_FCT(chg_add_optional_str(prose, chg_dict.prose_app_id, p->app_id));
	CHECK_FCT(chg_add_optional_i32(prose, chg_dict.prose_event_type, p->event_type));
	CHECK_FCT(chg_add_optional_i32(prose, chg_dict.prose_role_of_ue, p->role_of_ue));
	CHECK_FCT(add_optional_time(prose, chg_dict.prose_request_timestamp, p->request_timestamp));
	CHECK_FCT(chg_add_optional_i32(prose, chg_dict.prose_range_class, p->range_class));
	CHECK_FCT(chg_add_optional_i32(prose, chg_dict.proximity_alert_indication, p->proximity_alert_indication));
	CHECK_FCT(add_optional_time(prose, chg_dict.proximity_alert_timestamp, p->proximity_alert_timestamp));
	return add_optional_time(prose, chg_dict.proximity_cancellation_timestamp, p->proximity_cancellation_timestamp);
}

int chg_add_service_information(struct msg *msg, const struct chg_service_information *si)
{
	struct avp *group = NULL;

	if (!si || (!si->ims && !si->lcs && !si->prose))
		return 0;
	CHECK_FCT(dk_add_group(msg, chg_dict.service_information, &group));
	if (si->ims)
		CHECK_FCT(add_ims(group, si->ims));
	if (si->lcs)
		CHECK_FCT(add_lcs(group, si->lcs));
	if (si->prose)
		CHECK_FCT(add_prose(group, si->prose));
	return 0;
}
