/* test_responder.fdx: answers every request of Sh, SLh and SLg with DIAMETER_SUCCESS and the AVPs
 * a real server would put in that answer, so that tests can check each command crosses two
 * freeDiameter nodes and is parsed, with the dictionaries' rules, on both sides.
 *
 *   LoadExtension = "test_responder.fdx";   (after the dictionaries)
 *
 * Answer contents tests rely on: UDA carries TEST_RESPONDER_SH_DATA; PUA a Repository-Data-ID
 * { "test-service", 1 }; SNA an Expiry-Time; RIA User-Name "001010000000001" and Serving-Node
 * { MME-Name "mme.visited.localdomain", MME-Realm "visited.localdomain" }; PLA the GAD
 * Location-Estimate a0369abc1334c3000028571f5a with Age-Of-Location-Estimate 2. */
#include <freeDiameter/extension.h>
#include "diamkit.h"
#include "test_responder.h"

#define V3GPP DK_VENDOR_3GPP

static struct disp_hdl *handlers[3];

static struct {
	struct dict_object *user_data, *repository_data_id, *service_indication, *sequence_number,
		*expiry_time, *serving_node, *mme_name, *mme_realm, *location_estimate,
		*age_of_location_estimate, *accuracy_fulfilment_indicator;
} avp;

static const uint8_t location_estimate[] = TEST_RESPONDER_GAD;

static int add_sh_contents(struct msg *ans, uint32_t code)
{
	struct avp *group = NULL;

	switch (code) {
	case 306:
		return dk_add_str(ans, avp.user_data, TEST_RESPONDER_SH_DATA);
	case 307:
		CHECK_FCT(dk_add_group(ans, avp.repository_data_id, &group));
		CHECK_FCT(dk_add_str(group, avp.service_indication, "test-service"));
		return dk_add_u32(group, avp.sequence_number, 1);
	case 308: {
		time_t expiry = time(NULL) + 3600;
		struct avp *a = NULL;
		CHECK_FCT(fd_msg_avp_new(avp.expiry_time, 0, &a));
		CHECK_FCT(fd_msg_avp_value_encode(&expiry, a));
		return fd_msg_avp_add(ans, MSG_BRW_LAST_CHILD, a);
	}
	default:
		return 0;
	}
}

static int add_location_contents(struct msg *ans, uint32_t code)
{
	struct avp *group = NULL;

	switch (code) {
	case 8388622: /* RIA */
		CHECK_FCT(dk_add_str(ans, dk_base.user_name, "001010000000001"));
		CHECK_FCT(dk_add_group(ans, avp.serving_node, &group));
		CHECK_FCT(dk_add_str(group, avp.mme_name, "mme.visited.localdomain"));
		return dk_add_str(group, avp.mme_realm, "visited.localdomain");
	case 8388620: /* PLA */
		CHECK_FCT(dk_add_os(ans, avp.location_estimate, location_estimate, sizeof location_estimate));
		CHECK_FCT(dk_add_i32(ans, avp.accuracy_fulfilment_indicator, 0));
		return dk_add_u32(ans, avp.age_of_location_estimate, 2);
	default:
		return 0;
	}
}

static int answer(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct msg_hdr *hdr;
	struct avp *group = NULL;
	uint32_t app, code;
	int ret;

	(void)unused;
	(void)sess;
	(void)opaque;
	CHECK_FCT(fd_msg_hdr(*msg, &hdr));
	app = hdr->msg_appl;
	code = hdr->msg_code;
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	if (app == TEST_RESPONDER_SH) {
		CHECK_FCT(dk_add_group(*msg, dk_base.vendor_specific_application_id, &group));
		CHECK_FCT(dk_add_u32(group, dk_base.vendor_id, V3GPP));
		CHECK_FCT(dk_add_u32(group, dk_base.auth_application_id, app));
	}
	CHECK_FCT(dk_set_result(*msg, 2001, NULL));
	CHECK_FCT(dk_add_i32(*msg, dk_base.auth_session_state, 1)); /* NO_STATE_MAINTAINED */
	ret = app == TEST_RESPONDER_SH ? add_sh_contents(*msg, code) : add_location_contents(*msg, code);
	if (ret)
		return ret;
	*act = DISP_ACT_SEND;
	return 0;
}

static int find_avps(struct dictionary *dict)
{
	CHECK_FCT(dk_find_avp(dict, V3GPP, "User-Data-29.329", &avp.user_data));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Repository-Data-ID", &avp.repository_data_id));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Service-Indication", &avp.service_indication));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Sequence-Number", &avp.sequence_number));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Expiry-Time", &avp.expiry_time));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Serving-Node", &avp.serving_node));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "MME-Name", &avp.mme_name));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "MME-Realm", &avp.mme_realm));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Location-Estimate", &avp.location_estimate));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Age-Of-Location-Estimate", &avp.age_of_location_estimate));
	return dk_find_avp(dict, V3GPP, "Accuracy-Fulfilment-Indicator", &avp.accuracy_fulfilment_indicator);
}

static int responder_entry(char *conffile)
{
	static const application_id_t apps[] = { TEST_RESPONDER_SH, TEST_RESPONDER_SLH, TEST_RESPONDER_SLG };
	struct dictionary *dict = fd_g_config->cnf_dict;
	struct dict_object *vendor = NULL;
	vendor_id_t v = V3GPP;

	(void)conffile;
	CHECK_FCT(dk_base_init());
	CHECK_FCT(find_avps(dict));
	CHECK_FCT(fd_dict_search(dict, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT));
	for (size_t i = 0; i < DK_COUNT(apps); i++) {
		struct disp_when when = { 0 };
		CHECK_FCT(dk_find_application(dict, apps[i], &when.app));
		CHECK_FCT(fd_disp_app_support(when.app, vendor, 1, 0));
		CHECK_FCT(fd_disp_register(answer, DISP_HOW_APPID, &when, NULL, &handlers[i]));
	}
	return 0;
}

void fd_ext_fini(void)
{
	for (size_t i = 0; i < DK_COUNT(handlers); i++)
		if (handlers[i])
			fd_disp_unregister(&handlers[i], NULL);
}

EXTENSION_ENTRY("test_responder", responder_entry, "dict_sh", "dict_slh", "dict_slg");
