/* Two freeDiameter nodes loading dict_sh, dict_slh and dict_slg exchange one request and answer of
 * every command of the three applications: a freeDiameterd daemon answering with
 * test_responder.fdx, and this test process (embedded libfdcore). Every message is parsed with
 * the dictionaries' rules on reception (freeDiameter drops what does not conform), so each answer
 * that arrives here proves both directions. A request missing a mandatory AVP is answered
 * DIAMETER_MISSING_AVP with Failed-AVP. The traffic is captured and decoded by tshark, an
 * independent Diameter decoder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "diamkit.h"
#include "fdnet.h"
#include "fdsend.h"
#include "sample_requests.h"
#include "test_responder.h"

#define ANSWER_TIMEOUT_MS 5000
#define REALM "test.localdomain"

static struct fdnet net;
static struct fdnet_node *responder, *client;
static struct capture cap;

static int setup(void **state)
{
	static const application_id_t apps[] = { TEST_RESPONDER_SH, TEST_RESPONDER_SLH, TEST_RESPONDER_SLG };
	struct dict_object *vendor = NULL, *app = NULL;
	vendor_id_t v = DK_VENDOR_3GPP;

	(void)state;
	if (fdnet_init(&net, "dictionary_exchange"))
		return -1;
	responder = fdnet_add(&net, "responder", REALM);
	client = fdnet_add_embedded(&net, "client", REALM);
	if (!responder || !client)
		return -1;
	fdnet_load_dictionaries(responder);
	fdnet_load(responder, fdnet_test_fdx("test_responder"), NULL);
	fdnet_load_dictionaries(client);
	fdnet_link(&net, client, responder);
	int ports[] = { responder->port, client->port };
	if (capture_start(&cap, net.dir, ports, 2) || fdnet_start(&net) || fdnet_embedded_parse(client))
		return -1;
	if (fd_dict_search(fd_g_config->cnf_dict, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT))
		return -1;
	for (size_t i = 0; i < sizeof apps / sizeof apps[0]; i++)
		if (dk_find_application(fd_g_config->cnf_dict, apps[i], &app) ||
		    fd_disp_app_support(app, vendor, 1, 0))
			return -1;
	if (fdnet_embedded_start(&net, client) || sample_init())
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fdnet_embedded_stop();
	capture_stop(&cap);
	return fdnet_stop(&net);
}

/* freeDiameterd loads the Debian dictionaries then dict_slh, dict_sh and dict_slg without an error
 * or a warning (test_responder.fdx, loaded after them, logs neither either). */
static void dictionaries_load_without_warning(void **state)
{
	(void)state;
	assert_true(fdnet_log_contains(responder, "dict_sh.fdx"));
	assert_true(fdnet_log_contains(responder, "dict_slg.fdx"));
	assert_true(fdnet_log_contains(responder, "All extensions loaded"));
	assert_false(fdnet_log_contains(responder, " ERROR "));
	assert_false(fdnet_log_contains(responder, "WARN"));
}

/* Send the sample request of cmd (leaving out one AVP when omit_code is set) and return the answer. */
static struct msg *exchange(const struct sample_command *cmd, avp_code_t omit_code, vendor_id_t omit_vendor)
{
	struct msg *req = NULL, *ans = NULL;

	assert_int_equal(sample_request(cmd, responder->identity, REALM, omit_code, omit_vendor, &req), 0);
	assert_int_equal(fdsend_wait(&req, ANSWER_TIMEOUT_MS, &ans), 0);
	assert_non_null(ans);
	return ans;
}

static void assert_answer_is(struct msg *ans, const char *name)
{
	struct dict_object *model = NULL;
	struct dict_cmd_data data;

	assert_int_equal(fd_msg_model(ans, &model), 0);
	assert_non_null(model);
	assert_int_equal(fd_dict_getval(model, &data), 0);
	assert_string_equal(data.cmd_name, name);
}

static struct dict_object *avp_model(const char *name)
{
	struct dict_object *model = NULL;
	assert_int_equal(dk_find_avp(fd_g_config->cnf_dict, DK_VENDOR_3GPP, name, &model), 0);
	return model;
}

/* What test_responder put in the answers that carry more than a result. */
static void assert_answer_contents(struct msg *ans, command_code_t code)
{
	static const uint8_t gad[] = TEST_RESPONDER_GAD;
	const uint8_t *data;
	size_t len;
	uint32_t u32;
	char text[256];
	struct avp *group = NULL;

	switch (code) {
	case 306:
		assert_int_equal(dk_get_str(ans, avp_model("User-Data-29.329"), text, sizeof text), 0);
		assert_string_equal(text, TEST_RESPONDER_SH_DATA);
		break;
	case 307:
		assert_int_equal(dk_find(ans, avp_model("Repository-Data-ID"), &group), 0);
		assert_non_null(group);
		assert_int_equal(dk_get_str(group, avp_model("Service-Indication"), text, sizeof text), 0);
		assert_string_equal(text, "test-service");
		assert_int_equal(dk_get_u32(group, avp_model("Sequence-Number"), &u32), 0);
		assert_int_equal(u32, 1);
		break;
	case 8388622:
		assert_int_equal(dk_find_path(ans, &group, avp_model("Serving-Node"), avp_model("MME-Name"), NULL), 0);
		assert_non_null(group);
		assert_int_equal(dk_find(ans, avp_model("Serving-Node"), &group), 0);
		assert_int_equal(dk_get_str(group, avp_model("MME-Name"), text, sizeof text), 0);
		assert_string_equal(text, "mme.visited.localdomain");
		assert_int_equal(dk_get_str(group, avp_model("MME-Realm"), text, sizeof text), 0);
		assert_string_equal(text, "visited.localdomain");
		break;
	case 8388620:
		assert_int_equal(dk_get_os(ans, avp_model("Location-Estimate"), &data, &len), 0);
		assert_int_equal(len, sizeof gad);
		assert_memory_equal(data, gad, sizeof gad);
		assert_int_equal(dk_get_u32(ans, avp_model("Age-Of-Location-Estimate"), &u32), 0);
		assert_int_equal(u32, 2);
		break;
	}
}

static void every_command_is_answered(void **state)
{
	(void)state;
	for (size_t i = 0; i < sample_command_count; i++) {
		const struct sample_command *cmd = &sample_commands[i];
		struct dk_result res;
		int32_t auth_session_state = -1;
		struct msg *ans = exchange(cmd, 0, 0);

		print_message("%s -> %s\n", cmd->request, cmd->answer);
		assert_answer_is(ans, cmd->answer);
		assert_int_equal(dk_get_result(ans, &res), 0);
		assert_int_equal(res.vendor, 0);
		assert_int_equal(res.code, 2001);
		assert_int_equal(dk_get_i32(ans, dk_base.auth_session_state, &auth_session_state), 0);
		assert_int_equal(auth_session_state, 1);
		assert_answer_contents(ans, cmd->code);
		fd_msg_free(ans);
	}
}

/* Failed-AVP must hold an AVP with the code of the missing one (RFC 6733 §7.5). */
static void assert_missing_avp_answer(const struct sample_command *cmd, avp_code_t code, vendor_id_t vendor)
{
	struct dk_result res;
	struct avp *failed = NULL, *inner = NULL;
	struct avp_hdr *hdr;
	struct msg *ans = exchange(cmd, code, vendor);

	print_message("%s without AVP %u/%u\n", cmd->request, code, vendor);
	assert_answer_is(ans, cmd->answer);
	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.vendor, 0);
	assert_int_equal(res.code, 5005);
	assert_int_equal(dk_find(ans, dk_base.failed_avp, &failed), 0);
	assert_non_null(failed);
	assert_int_equal(fd_msg_browse(failed, MSG_BRW_FIRST_CHILD, &inner, NULL), 0);
	assert_non_null(inner);
	assert_int_equal(fd_msg_avp_hdr(inner, &hdr), 0);
	assert_int_equal(hdr->avp_code, code);
	assert_int_equal(hdr->avp_vendor, vendor);
	fd_msg_free(ans);
}

static void missing_mandatory_avp_is_answered_5005(void **state)
{
	(void)state;
	assert_missing_avp_answer(&sample_commands[0], 700, DK_VENDOR_3GPP);  /* UDR: User-Identity */
	assert_missing_avp_answer(&sample_commands[2], 705, DK_VENDOR_3GPP);  /* SNR: Subs-Req-Type */
	assert_missing_avp_answer(&sample_commands[4], 277, 0);               /* RIR: Auth-Session-State */
	assert_missing_avp_answer(&sample_commands[5], 2501, DK_VENDOR_3GPP); /* PLR: LCS-EPS-Client-Name */
	assert_missing_avp_answer(&sample_commands[6], 2518, DK_VENDOR_3GPP); /* LRR: Location-Event */
}

/* tshark decodes each message as the command and application we sent, with no malformed packet
 * and no expert warning or error. */
static void wireshark_decodes_every_message(void **state)
{
	struct capture_summary sum;

	(void)state;
	capture_stop(&cap);
	assert_int_equal(capture_decode(&cap, &sum), 0);
	assert_int_equal(sum.malformed, 0);
	assert_int_equal(sum.expert_problems, 0);
	for (size_t i = 0; i < sample_command_count; i++) {
		const struct sample_command *cmd = &sample_commands[i];
		print_message("%s: %d requests, %d answers decoded\n", cmd->request,
			      capture_count(&sum, cmd->app, cmd->code, 1), capture_count(&sum, cmd->app, cmd->code, 0));
		assert_true(capture_count(&sum, cmd->app, cmd->code, 1) >= 1);
		assert_true(capture_count(&sum, cmd->app, cmd->code, 0) >= 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dictionaries_load_without_warning),
		cmocka_unit_test(every_command_is_answered),
		cmocka_unit_test(missing_mandatory_avp_is_answered_5005),
		cmocka_unit_test(wireshark_decodes_every_message),
	};
	return cmocka_run_group_tests_name("dictionary_exchange", tests, setup, teardown);
}
