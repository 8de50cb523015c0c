#include "sample_requests.h"
#include "diamkit.h"
#include "tbcd.h"
#include "test_responder.h"

#define V3GPP DK_VENDOR_3GPP

const struct sample_command sample_commands[] = {
	{ "User-Data-Request", "User-Data-Answer", TEST_RESPONDER_SH, 306 },
	{ "Profile-Update-Request", "Profile-Update-Answer", TEST_RESPONDER_SH, 307 },
	{ "Subscribe-Notifications-Request", "Subscribe-Notifications-Answer", TEST_RESPONDER_SH, 308 },
	{ "Push-Notification-Request", "Push-Notification-Answer", TEST_RESPONDER_SH, 309 },
	{ "LCS-Routing-Info-Request", "LCS-Routing-Info-Answer", TEST_RESPONDER_SLH, 8388622 },
	{ "Provide-Location-Request", "Provide-Location-Answer", TEST_RESPONDER_SLG, 8388620 },
	{ "Location-Report-Request", "Location-Report-Answer", TEST_RESPONDER_SLG, 8388621 },
};
const size_t sample_command_count = sizeof sample_commands / sizeof sample_commands[0];

static struct {
	struct dict_object *user_identity, *public_identity, *msisdn, *data_reference,
		*service_indication, *user_data, *subs_req_type, *slg_location_type,
		*lcs_eps_client_name, *lcs_name_string, *lcs_format_indicator, *lcs_client_type,
		*location_event, *location_estimate, *lcs_reference_number;
} avp;

int sample_init(void)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	const struct {
		const char *name;
		struct dict_object **obj;
	} list[] = {
		{ "User-Identity", &avp.user_identity },
		{ "Public-Identity", &avp.public_identity },
		{ "MSISDN", &avp.msisdn },
		{ "Data-Reference", &avp.data_reference },
		{ "Service-Indication", &avp.service_indication },
		{ "User-Data-29.329", &avp.user_data },
		{ "Subs-Req-Type", &avp.subs_req_type },
		{ "SLg-Location-Type", &avp.slg_location_type },
		{ "LCS-EPS-Client-Name", &avp.lcs_eps_client_name },
		{ "LCS-Name-String", &avp.lcs_name_string },
		{ "LCS-Format-Indicator", &avp.lcs_format_indicator },
		{ "LCS-Client-Type", &avp.lcs_client_type },
		{ "Location-Event", &avp.location_event },
		{ "Location-Estimate", &avp.location_estimate },
		{ "LCS-Reference-Number", &avp.lcs_reference_number },
	};

	CHECK_FCT(dk_base_init());
	for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
		CHECK_FCT(dk_find_avp(d, V3GPP, list[i].name, list[i].obj));
	return 0;
}

/* The request being built, and which AVP to leave out. */
struct builder {
	struct msg *msg;
	avp_code_t omit_code;
	vendor_id_t omit_vendor;
};

static int omitted(const struct builder *b, struct dict_object *model)
{
	struct dict_avp_data data;

	if (!b->omit_code || fd_dict_getval(model, &data))
		return 0;
	return data.avp_code == b->omit_code && data.avp_vendor == b->omit_vendor;
}

static int add_u32(struct builder *b, msg_or_avp *parent, struct dict_object *model, uint32_t v)
{
	return omitted(b, model) ? 0 : dk_add_u32(parent, model, v);
}

static int add_i32(struct builder *b, msg_or_avp *parent, struct dict_object *model, int32_t v)
{
	return omitted(b, model) ? 0 : dk_add_i32(parent, model, v);
}

static int add_str(struct builder *b, msg_or_avp *parent, struct dict_object *model, const char *v)
{
	return omitted(b, model) ? 0 : dk_add_str(parent, model, v);
}

static int add_os(struct builder *b, msg_or_avp *parent, struct dict_object *model, const void *v, size_t len)
{
	return omitted(b, model) ? 0 : dk_add_os(parent, model, v, len);
}

static int add_group(struct builder *b, msg_or_avp *parent, struct dict_object *model, struct avp **group)
{
	*group = NULL;
	return omitted(b, model) ? 0 : dk_add_group(parent, model, group);
}

static int add_user_identity(struct builder *b)
{
	struct avp *g;
	CHECK_FCT(add_group(b, b->msg, avp.user_identity, &g));
	return g ? add_str(b, g, avp.public_identity, "sip:alice@home.test.localdomain") : 0;
}

static int add_sh_body(struct builder *b, command_code_t code)
{
	struct avp *g;

	CHECK_FCT(add_group(b, b->msg, dk_base.vendor_specific_application_id, &g));
	if (g) {
		CHECK_FCT(add_u32(b, g, dk_base.vendor_id, V3GPP));
		CHECK_FCT(add_u32(b, g, dk_base.auth_application_id, TEST_RESPONDER_SH));
	}
	CHECK_FCT(add_i32(b, b->msg, dk_base.auth_session_state, 1));
	CHECK_FCT(add_user_identity(b));
	if (code == 308)
		CHECK_FCT(add_i32(b, b->msg, avp.subs_req_type, 0));
	if (code != 309) {
		CHECK_FCT(add_str(b, b->msg, avp.service_indication, "test-service"));
		CHECK_FCT(add_i32(b, b->msg, avp.data_reference, 0));
	}
	if (code == 307 || code == 309)
		CHECK_FCT(add_str(b, b->msg, avp.user_data, TEST_RESPONDER_SH_DATA));
	return 0;
}

static int add_location_body(struct builder *b, command_code_t code)
{
	static const uint8_t gad[] = TEST_RESPONDER_GAD;
	uint8_t msisdn[8];
	int n = tbcd_encode("491720000001", msisdn, sizeof msisdn);
	struct avp *g;

	CHECK_FCT(add_i32(b, b->msg, dk_base.auth_session_state, 1));
	switch (code) {
	case 8388622: /* RIR */
		return add_os(b, b->msg, avp.msisdn, msisdn, (size_t)n);
	case 8388620: /* PLR */
		CHECK_FCT(add_i32(b, b->msg, avp.slg_location_type, 0));
		CHECK_FCT(add_str(b, b->msg, dk_base.user_name, "001010000000001"));
		CHECK_FCT(add_group(b, b->msg, avp.lcs_eps_client_name, &g));
		if (g) {
			CHECK_FCT(add_str(b, g, avp.lcs_name_string, "prose-as"));
			CHECK_FCT(add_i32(b, g, avp.lcs_format_indicator, 0));
		}
		return add_i32(b, b->msg, avp.lcs_client_type, 1);
	default: /* LRR */
		CHECK_FCT(add_i32(b, b->msg, avp.location_event, 4));
		CHECK_FCT(add_str(b, b->msg, dk_base.user_name, "001010000000001"));
		CHECK_FCT(add_os(b, b->msg, avp.location_estimate, gad, sizeof gad));
		return add_os(b, b->msg, avp.lcs_reference_number, "\x07", 1);
	}
}

int sample_request(const struct sample_command *cmd, const char *dest_host, const char *dest_realm,
		   avp_code_t omit_code, vendor_id_t omit_vendor, struct msg **req)
{
	struct dict_object *model = NULL;
	struct builder b = { .omit_code = omit_code, .omit_vendor = omit_vendor };
	int ret;

	CHECK_FCT(dk_find_command(fd_g_config->cnf_dict, cmd->request, &model));
	CHECK_FCT(fd_msg_new(model, MSGFL_ALLOC_ETEID, &b.msg));
	CHECK_FCT_DO(ret = fd_msg_new_session(b.msg, (os0_t)"test", 4), goto fail);
	CHECK_FCT_DO(ret = fd_msg_add_origin(b.msg, 0), goto fail);
	/* PNR, PLR and LRR have { Destination-Host }; the others may name it. */
	CHECK_FCT_DO(ret = add_str(&b, b.msg, dk_base.destination_host, dest_host), goto fail);
	CHECK_FCT_DO(ret = add_str(&b, b.msg, dk_base.destination_realm, dest_realm), goto fail);
	if (cmd->app == TEST_RESPONDER_SH)
		ret = add_sh_body(&b, cmd->code);
	else
		ret = add_location_body(&b, cmd->code);
	if (ret)
		goto fail;
	*req = b.msg;
	return 0;
fail:
	fd_msg_free(b.msg);
	return ret;
}
