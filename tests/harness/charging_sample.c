/* The sample Service-Information of the charging tests (charging_sample.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "charging_internal.h"
#include "charging_sample.h"
#include "tbcd.h"

#define REALM "test.localdomain"

static const uint8_t gad_circle[] = { 0x10, 0x1f, 0x1a, 0x13, 0x00, 0xc5, 0x0d, 0x12 };

void charging_sample_init(struct charging_sample *s)
{
	chg_ims_init(&s->ims);
	s->ims.role_of_node = 0;
	s->ims.calling_party_address = "sip:alice@" REALM;
	s->ims.called_party_address = "sip:bob@" REALM;
	s->ims.ims_charging_identifier = "icid-1";
	s->ims.sip_method = "MESSAGE";
	chg_lcs_init(&s->lcs);
	s->lcs.client_type = 1;
	s->lcs.client_external_id = "app1";
	s->lcs.client_name = "Finder";
	s->lcs.requestor_id = "requestor-7";
	s->lcs.location_estimate_type = 0;
	s->lcs.location_estimate = gad_circle;
	s->lcs.location_estimate_len = sizeof gad_circle;
	s->lcs.imsi = "001010000000001";
	s->lcs.msisdn = "15550000001";
	chg_prose_init(&s->prose);
	s->prose.event_type = 2;
	s->prose.role_of_ue = 2;
	s->prose.range_class = 2;
	s->prose.proximity_alert_indication = 0;
	s->prose.proximity_alert_timestamp = 1700000100;
	s->prose.request_timestamp = 1700000000;
	s->prose.app_id = "mcc001.mnc01.ProSeApp.friends";
	s->si.ims = &s->ims;
	s->si.lcs = &s->lcs;
	s->si.prose = &s->prose;
}

static int differs(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -1;
}

/* The group of that model inside parent, or NULL. */
static struct avp *group(msg_or_avp *parent, struct dict_object *model)
{
	struct avp *avp = NULL;

	return parent && !dk_find(parent, model, &avp) ? avp : NULL;
}

static int check_u32(msg_or_avp *parent, struct dict_object *model, const char *name, uint32_t want, char *why,
		     size_t size)
{
	uint32_t v;

	if (!parent || dk_get_u32(parent, model, &v))
		return differs(why, size, "%s missing", name);
	return v == want ? 0 : differs(why, size, "%s is %u, not %u", name, v, want);
}

static int check_str(msg_or_avp *parent, struct dict_object *model, const char *name, const char *want,
		     char *why, size_t size)
{
	char v[256];

	if (!parent || dk_get_str(parent, model, v, sizeof v))
		return differs(why, size, "%s missing", name);
	return !strcmp(v, want) ? 0 : differs(why, size, "%s is '%s', not '%s'", name, v, want);
}

static int check_time(msg_or_avp *parent, struct dict_object *model, const char *name, time_t want, char *why,
		      size_t size)
{
	struct avp *avp = group(parent, model);
	time_t t = 0;

	if (!avp || fd_msg_avp_value_interpret(avp, &t))
		return differs(why, size, "%s missing", name);
	return t == want ? 0 : differs(why, size, "%s is %ld, not %ld", name, (long)t, (long)want);
}

static int check_os(msg_or_avp *parent, struct dict_object *model, const char *name, const uint8_t *want,
		    size_t len, char *why, size_t size)
{
	const uint8_t *v;
	size_t n;

	if (!parent || dk_get_os(parent, model, &v, &n))
		return differs(why, size, "%s missing", name);
	return n == len && !memcmp(v, want, len) ? 0 : differs(why, size, "%s differs", name);
}

static int check_msisdn(struct avp *lcs, const char *want, char *why, size_t size)
{
	const uint8_t *v;
	char digits[32];
	size_t n;

	if (!lcs || dk_get_os(lcs, chg_dict.msisdn, &v, &n) || tbcd_decode(v, n, digits, sizeof digits) < 0)
		return differs(why, size, "MSISDN missing or not TBCD");
	return !strcmp(digits, want) ? 0 : differs(why, size, "MSISDN is %s, not %s", digits, want);
}

static int check_ims(struct avp *si, const struct chg_ims_information *i, char *why, size_t size)
{
	struct avp *ims = group(si, chg_dict.ims_information);

	return check_u32(ims, chg_dict.node_functionality, "Node-Functionality", 6, why, size) ||
	       check_u32(ims, chg_dict.role_of_node, "Role-Of-Node", (uint32_t)i->role_of_node, why, size) ||
	       check_str(ims, chg_dict.calling_party_address, "Calling-Party-Address", i->calling_party_address, why, size) ||
	       check_str(ims, chg_dict.called_party_address, "Called-Party-Address", i->called_party_address, why, size) ||
	       check_str(ims, chg_dict.ims_charging_identifier, "IMS-Charging-Identifier", i->ims_charging_identifier,
			 why, size) ||
	       check_str(group(ims, chg_dict.event_type), chg_dict.sip_method, "SIP-Method", i->sip_method, why, size) ?
		       -1 : 0;
}

static int check_lcs(struct avp *si, const struct chg_lcs_information *l, char *why, size_t size)
{
	struct avp *lcs = group(si, chg_dict.lcs_information), *client = group(lcs, chg_dict.lcs_client_id);

	return check_u32(client, chg_dict.lcs_client_type, "LCS-Client-Type", (uint32_t)l->client_type, why, size) ||
	       check_str(client, chg_dict.lcs_client_external_id, "LCS-Client-External-ID", l->client_external_id, why,
			 size) ||
	       check_str(group(client, chg_dict.lcs_client_name), chg_dict.lcs_name_string, "LCS-Name-String",
			 l->client_name, why, size) ||
	       check_str(group(client, chg_dict.lcs_requestor_id), chg_dict.lcs_requestor_id_string,
			 "LCS-Requestor-Id-String", l->requestor_id, why, size) ||
	       check_u32(group(lcs, chg_dict.location_type), chg_dict.location_estimate_type, "Location-Estimate-Type",
			 (uint32_t)l->location_estimate_type, why, size) ||
	       check_os(lcs, chg_dict.location_estimate, "Location-Estimate", l->location_estimate,
			l->location_estimate_len, why, size) ||
	       check_str(lcs, chg_dict.imsi, "3GPP-IMSI", l->imsi, why, size) || check_msisdn(lcs, l->msisdn, why, size) ?
		       -1 : 0;
}

static int check_prose(struct avp *si, const struct chg_prose_information *p, char *why, size_t size)
{
	struct avp *prose = group(si, chg_dict.prose_information);

	return check_u32(prose, chg_dict.prose_event_type, "ProSe-Event-Type", (uint32_t)p->event_type, why, size) ||
	       check_u32(prose, chg_dict.prose_role_of_ue, "ProSe-Role-Of-UE", (uint32_t)p->role_of_ue, why, size) ||
	       check_u32(prose, chg_dict.prose_range_class, "ProSe-Range-Class", (uint32_t)p->range_class, why, size) ||
	       check_u32(prose, chg_dict.proximity_alert_indication, "Proximity-Alert-Indication",
			 (uint32_t)p->proximity_alert_indication, why, size) ||
	       check_time(prose, chg_dict.proximity_alert_timestamp, "Proximity-Alert-Timestamp",
			  p->proximity_alert_timestamp, why, size) ||
	       check_time(prose, chg_dict.prose_request_timestamp, "ProSe-Request-Timestamp", p->request_timestamp, why,
			  size) ||
	       check_str(prose, chg_dict.prose_app_id, "ProSe-App-Id", p->app_id, why, size) ?
		       -1 : 0;
}

int charging_sample_check(msg_or_avp *parent, char *why, size_t size)
{
	struct charging_sample s;
	struct avp *si = group(parent, chg_dict.service_information);

	charging_sample_init(&s);
	if (!si)
		return differs(why, size, "no Service-Information");
	return check_ims(si, &s.ims, why, size) || check_lcs(si, &s.lcs, why, size) || check_prose(si, &s.prose, why, size) ?
		       -1 : 0;
}

void charging_ro_request_init(struct charging_ro_request *r, const char *msisdn)
{
	r->sub.type = CHG_END_USER_E164;
	r->sub.data = msisdn;
	chg_mscc_init(&r->mscc);
	chg_ccr_init(&r->ccr);
	r->ccr.service_context_id = CHG_CONTEXT_LCS;
	r->ccr.subscription_ids = &r->sub;
	r->ccr.n_subscription_ids = 1;
	r->ccr.mscc = &r->mscc;
	r->ccr.n_mscc = 1;
}

void charging_ro_event_init(struct charging_ro_request *r, const char *msisdn, enum chg_requested_action action)
{
	charging_ro_request_init(r, msisdn);
	r->mscc.service_identifier = 1;
	r->mscc.request_units = 1;
	r->mscc.requested.present = CHG_UNIT_SPECIFIC;
	r->mscc.requested.service_specific = 1;
	r->ccr.requested_action = action;
}
