/* test_responder.fdx: answers every request of Sh, SLh and SLg with DIAMETER_SUCCESS and the AVPs
 * a real server would put in that answer, so that tests can check each command crosses two
 * freeDiameter nodes and is parsed, with the dictionaries' rules, on both sides.
 *
 *   LoadExtension = "test_responder.fdx";   (after the dictionaries)
 *
 * Answer contents tests rely on: UDA carries TEST_RESPONDER_SH_DATA (PNR: TEST_RESPONDER_PNR_SH_DATA); PUA a Repository-Data-ID
 * { "test-service", 1 }; SNA an Expiry-Time; RIA User-Name "001010000000001" and Serving-Node
 * { MME-Name "mme.visited.localdomain", MME-Realm "visited.localdomain" }; PLA the GAD
 * Location-Estimate a0369abc1334c3000028571f5a with Age-Of-Location-Estimate 2.
 *
 * Test triggers (test_responder.h), for the client library's tests: Sh requests with the
 * Service-Indication TEST_RESPONDER_SILENT_SI are not answered; a UDR with
 * TEST_RESPONDER_BAD_ANSWER_SI gets a UDA the receiver cannot parse; an SNR asking for the
 * data (Send-Data-Indication USER_DATA_REQUESTED) gets it in the SNA, then a PNR goes back to the
 * requester and its PNA's result is logged; a PNR with TEST_RESPONDER_UNDELIVERABLE in its User-Data
 * is answered 3002, and every PNR's answer is logged. */
#include <freeDiameter/extension.h>
#include "diamkit.h"
#include "test_responder.h"

#define V3GPP DK_VENDOR_3GPP

static struct disp_hdl *handlers[3];

static struct {
	struct dict_object *user_data, *repository_data_id, *service_indication, *sequence_number,
		*expiry_time, *serving_node, *mme_name, *mme_realm, *location_estimate,
		*age_of_location_estimate, *accuracy_fulfilment_indicator, *user_identity,
		*send_data_indication, *private_avp;
} avp;
static struct dict_object *pnr_command;

#define PNA_TIMEOUT_S 5

static const uint8_t location_estimate[] = TEST_RESPONDER_GAD;

/* What a Sh request asks of this responder beyond a plain answer. */
struct sh_triggers {
	int silent;      /* no answer */
	int bad_answer;  /* an answer the receiver drops */
	int notify;      /* User-Data in the SNA, then a PNR */
	int undeliverable; /* a PNR answered 3002 */
};

static int carries_service_indication(struct msg *req, const char *value)
{
	struct avp *si = NULL;
	struct avp_hdr *hdr;

	if (dk_find(req, avp.service_indication, &si))
		return 0;
	while (si && !fd_msg_avp_hdr(si, &hdr)) {
		if (hdr->avp_value && hdr->avp_value->os.len == strlen(value) &&
		    !memcmp(hdr->avp_value->os.data, value, hdr->avp_value->os.len))
			return 1;
		if (dk_find_next(si, avp.service_indication, &si))
			return 0;
	}
	return 0;
}

static int user_data_contains(struct msg *req, const char *text)
{
	const uint8_t *data;
	size_t len;

	return !dk_get_os(req, avp.user_data, &data, &len) && memmem(data, len, text, strlen(text));
}

static void read_triggers(struct msg *req, uint32_t code, struct sh_triggers *t)
{
	int32_t send_data = 0;

	t->silent = carries_service_indication(req, TEST_RESPONDER_SILENT_SI);
	t->bad_answer = code == 306 && carries_service_indication(req, TEST_RESPONDER_BAD_ANSWER_SI);
	t->notify = code == 308 && !dk_get_i32(req, avp.send_data_indication, &send_data) && send_data == 1;
	t->undeliverable = code == 309 && user_data_contains(req, TEST_RESPONDER_UNDELIVERABLE);
}

static int add_sh_contents(struct msg *ans, uint32_t code, const struct sh_triggers *t)
{
	struct avp *group = NULL;

	switch (code) {
	case 306:
		CHECK_FCT(dk_add_str(ans, avp.user_data, TEST_RESPONDER_SH_DATA));
		return t->bad_answer ? dk_add_u32(ans, avp.private_avp, 1) : 0;
	case 307:
		CHECK_FCT(dk_add_group(ans, avp.repository_data_id, &group));
		CHECK_FCT(dk_add_str(group, avp.service_indication, "test-service"));
		return dk_add_u32(group, avp.sequence_number, 1);
	case 308: {
		time_t expiry = time(NULL) + 3600;
		struct avp *a = NULL;
		if (t->notify)
			CHECK_FCT(dk_add_str(ans, avp.user_data, TEST_RESPONDER_SH_DATA));
		CHECK_FCT(fd_msg_avp_new(avp.expiry_time, 0, &a));
		CHECK_FCT(fd_msg_avp_value_encode(&expiry, a));
		return fd_msg_avp_add(ans, MSG_BRW_LAST_CHILD, a);
	}
	default:
		return 0;
	}
}

static int add_sh_vsai(struct msg *msg)
{
	struct avp *group = NULL;

	CHECK_FCT(dk_add_group(msg, dk_base.vendor_specific_application_id, &group));
	CHECK_FCT(dk_add_u32(group, dk_base.vendor_id, V3GPP));
	return dk_add_u32(group, dk_base.auth_application_id, TEST_RESPONDER_SH);
}

static void on_pna(void *data, struct msg **pna)
{
	struct dk_result res = { 0 };
	char host[256] = "?";

	(void)data;
	(void)dk_get_str(*pna, dk_base.origin_host, host, sizeof host);
	(void)dk_get_result(*pna, &res);
	LOG_N(TEST_RESPONDER_PNA_LOG "%s: %s %u", host, res.vendor ? "Experimental-Result" : "Result-Code",
	      res.code);
	fd_msg_free(*pna);
	*pna = NULL;
}

static void on_pna_timeout(void *data, DiamId_t sent_to, size_t len, struct msg **pnr)
{
	(void)data;
	LOG_N("test_responder: no PNA from %.*s", (int)len, sent_to);
	fd_msg_free(*pnr);
	*pnr = NULL;
}

/* A PNR to the sender of snr, about the same user. */
static int build_pnr(struct msg *snr, struct msg **pnr)
{
	char host[256], realm[256];
	struct avp *identity = NULL;
	int ret;

	CHECK_FCT(dk_get_str(snr, dk_base.origin_host, host, sizeof host));
	CHECK_FCT(dk_get_str(snr, dk_base.origin_realm, realm, sizeof realm));
	CHECK_FCT(dk_find(snr, avp.user_identity, &identity));
	CHECK_FCT(fd_msg_new(pnr_command, MSGFL_ALLOC_ETEID, pnr));
	if ((ret = fd_msg_new_session(*pnr, (os0_t)"pnr", 3)) || (ret = add_sh_vsai(*pnr)) ||
	    (ret = dk_add_i32(*pnr, dk_base.auth_session_state, 1)) || (ret = fd_msg_add_origin(*pnr, 0)) ||
	    (ret = dk_add_str(*pnr, dk_base.destination_host, host)) ||
	    (ret = dk_add_str(*pnr, dk_base.destination_realm, realm)) ||
	    (ret = identity ? dk_add_copy(*pnr, identity) : EINVAL) ||
	    (ret = dk_add_str(*pnr, avp.user_data, TEST_RESPONDER_PNR_SH_DATA))) {
		fd_msg_free(*pnr);
		*pnr = NULL;
	}
	return ret;
}

static int send_pnr(struct msg **pnr)
{
	struct timespec expiry;

	clock_gettime(CLOCK_REALTIME, &expiry);
	expiry.tv_sec += PNA_TIMEOUT_S;
	return fd_msg_send_timeout(pnr, on_pna, NULL, on_pna_timeout, &expiry);
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
	struct msg *pnr = NULL;
	struct sh_triggers triggers = { 0 };
	uint32_t app, code, result;
	int ret;

	(void)unused;
	(void)sess;
	(void)opaque;
	CHECK_FCT(fd_msg_hdr(*msg, &hdr));
	app = hdr->msg_appl;
	code = hdr->msg_code;
	if (app == TEST_RESPONDER_SH)
		read_triggers(*msg, code, &triggers);
	if (triggers.silent) {
		LOG_N("test_responder: request %u not answered (" TEST_RESPONDER_SILENT_SI ")", code);
		fd_msg_free(*msg);
		*msg = NULL;
		return 0;
	}
	if (triggers.notify)
		CHECK_FCT(build_pnr(*msg, &pnr)); /* from the request, before it becomes the answer */
	CHECK_FCT_DO(ret = fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0), goto out);
	if (app == TEST_RESPONDER_SH)
		CHECK_FCT_DO(ret = add_sh_vsai(*msg), goto out);
	result = triggers.undeliverable ? ER_DIAMETER_UNABLE_TO_DELIVER : 2001;
	CHECK_FCT_DO(ret = dk_set_result(*msg, result, NULL), goto out);
	if (app == TEST_RESPONDER_SH && code == 309)
		LOG_N(TEST_RESPONDER_PNR_LOG "%u", result);
	CHECK_FCT_DO(ret = dk_add_i32(*msg, dk_base.auth_session_state, 1), goto out); /* NO_STATE_MAINTAINED */
	ret = app == TEST_RESPONDER_SH ? add_sh_contents(*msg, code, &triggers) : add_location_contents(*msg, code);
	if (ret)
		goto out;
	if (!pnr) {
		*act = DISP_ACT_SEND;
		return 0;
	}
	/* The SNA leaves first, then the PNR, on the same connection. */
	CHECK_FCT_DO(ret = fd_msg_send(msg, NULL, NULL), goto out);
	ret = send_pnr(&pnr);
out:
	fd_msg_free(pnr);
	return ret;
}

/* Known to this extension only: peers without it cannot parse an answer carrying it (M bit). */
static const struct dk_avp_def private_avp = {
	TEST_RESPONDER_PRIVATE_AVP, 0, "Test-Responder-Private", DK_UNSIGNED32, DK_FLAGS_M, NULL, 0,
};

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
	CHECK_FCT(dk_define_avps(dict, &private_avp, 1));
	CHECK_FCT(dk_find_avp(dict, 0, "Test-Responder-Private", &avp.private_avp));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "User-Identity", &avp.user_identity));
	CHECK_FCT(dk_find_avp(dict, V3GPP, "Send-Data-Indication", &avp.send_data_indication));
	CHECK_FCT(dk_find_command(dict, "Push-Notification-Request", &pnr_command));
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
