/* libcharging's requests as built, without a network: this process loads the dictionaries
 * (Debian's, then dict_charging) into libfdcore, opens an attached client, and reads back the AVPs
 * of the ACRs and CCRs the library builds: header AVPs, record and request numbers, the
 * Service-Information groups, Multiple-Services-Credit-Control; each message also goes through
 * the dictionary's rules and survives encoding and parsing. The checker's refusals too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "charging_internal.h"
#include "charging_sample.h"
#include "fdnet.h"

#define REALM "test.localdomain"
#define CDF_REALM "charging.localdomain"

static struct fdnet net;
static struct chg_client *client;

static int setup(void **state)
{
	struct chg_config config = { .dest_realm = CDF_REALM };
	struct fdnet_node *as;
	char err[CHG_ERR_LEN];

	(void)state;
	if (fdnet_init(&net, "charging_messages") || !(as = fdnet_add_embedded(&net, "as", REALM)))
		return -1;
	fdnet_load_charging_dictionaries(as);
	if (fdnet_start(&net) || fdnet_embedded_parse(as))
		return -1;
	if (chg_client_open(&config, &client, err, sizeof err)) {
		fprintf(stderr, "chg_client_open: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	chg_client_close(client);
	fdnet_embedded_stop();
	return fdnet_stop(&net);
}

/* The dictionary's rules accept msg, and it encodes and parses back. */
static void assert_valid(struct msg *msg)
{
	struct fd_pei pei = { 0 };
	struct msg *parsed = NULL;
	unsigned char *buf = NULL;
	size_t len = 0;

	assert_int_equal(fd_msg_parse_rules(msg, fd_g_config->cnf_dict, &pei), 0);
	assert_int_equal(fd_msg_bufferize(msg, &buf, &len), 0);
	assert_int_equal(fd_msg_parse_buffer(&buf, len, &parsed), 0);
	assert_int_equal(fd_msg_parse_dict(parsed, fd_g_config->cnf_dict, &pei), 0);
	assert_int_equal(fd_msg_parse_rules(parsed, fd_g_config->cnf_dict, &pei), 0);
	fd_msg_free(parsed);
}

static uint32_t u32_at(msg_or_avp *parent, struct dict_object *model)
{
	uint32_t value = 0;

	assert_int_equal(dk_get_u32(parent, model, &value), 0);
	return value;
}

static const char *str_at(msg_or_avp *parent, struct dict_object *model)
{
	static char buf[256];

	assert_int_equal(dk_get_str(parent, model, buf, sizeof buf), 0);
	return buf;
}

static time_t time_at(msg_or_avp *parent, struct dict_object *model)
{
	struct avp *avp = NULL;
	time_t t = 0;

	assert_int_equal(dk_find(parent, model, &avp), 0);
	assert_non_null(avp);
	assert_int_equal(fd_msg_avp_value_interpret(avp, &t), 0);
	return t;
}

static struct avp *group_at(msg_or_avp *parent, struct dict_object *model)
{
	struct avp *avp = NULL;

	assert_int_equal(dk_find(parent, model, &avp), 0);
	assert_non_null(avp);
	return avp;
}

static void assert_service_information(struct msg *msg)
{
	char why[256] = "";

	if (charging_sample_check(msg, why, sizeof why))
		fail_msg("Service-Information: %s", why);
}

static void acr_carries_the_record_and_the_service_information(void **state)
{
	struct charging_sample sample;
	struct chg_acr acr = { .user_name = "alice@" REALM, .service_context_id = CHG_CONTEXT_LCS,
			       .event_timestamp = 1700000000, .acct_interim_interval = CHG_UNSET,
			       .service_information = &sample.si };
	struct msg *msg = NULL;
	struct msg_hdr *hdr;

	(void)state;
	charging_sample_init(&sample);
	assert_int_equal(chg_acr_build(client, NULL, CHG_INTERIM_RECORD, 3, &acr, &msg), 0);
	assert_int_equal(fd_msg_hdr(msg, &hdr), 0);
	assert_int_equal(hdr->msg_code, 271);
	assert_int_equal(hdr->msg_appl, 3);
	assert_true(hdr->msg_flags & CMD_FLAG_REQUEST);
	assert_false(hdr->msg_flags & CMD_FLAG_RETRANSMIT);
	assert_string_equal(str_at(msg, dk_base.destination_realm), CDF_REALM);
	assert_int_equal(u32_at(msg, chg_dict.record_type), CHG_INTERIM_RECORD);
	assert_int_equal(u32_at(msg, chg_dict.record_number), 3);
	assert_int_equal(u32_at(msg, chg_dict.acct_application_id), 3);
	assert_string_equal(str_at(msg, dk_base.user_name), "alice@" REALM);
	assert_int_equal(time_at(msg, chg_dict.event_timestamp), 1700000000);
	assert_string_equal(str_at(msg, chg_dict.service_context_id), CHG_CONTEXT_LCS);
	assert_service_information(msg);
	assert_valid(msg);
	fd_msg_free(msg);
}

/* A session keeps its Session-Id: the one given is the one sent. */
static void acr_of_a_session_keeps_its_session_id(void **state)
{
	struct chg_acr acr = { .acct_interim_interval = 60 };
	struct msg *msg = NULL;

	(void)state;
	assert_int_equal(chg_acr_build(client, "as.test.localdomain;1;2;x", CHG_STOP_RECORD, 2, &acr, &msg), 0);
	assert_string_equal(str_at(msg, dk_base.session_id), "as.test.localdomain;1;2;x");
	assert_int_equal(u32_at(msg, chg_dict.acct_interim_interval), 60);
	assert_true(time_at(msg, chg_dict.event_timestamp) > 0); /* now, when not given */
	assert_valid(msg);
	fd_msg_free(msg);
}

static void ccr_carries_mscc_subscription_and_action(void **state)
{
	struct chg_subscription_id sub = { CHG_END_USER_E164, "15550000001" };
	struct chg_mscc mscc;
	struct chg_ccr ccr;
	struct msg *msg = NULL;
	struct msg_hdr *hdr;
	struct avp *m, *rsu, *usu, *s;

	(void)state;
	chg_mscc_init(&mscc);
	mscc.rating_group = 7;
	mscc.service_identifier = 1001;
	mscc.request_units = 1;
	mscc.requested.present = CHG_UNIT_SPECIFIC;
	mscc.requested.service_specific = 1;
	mscc.used.present = CHG_UNIT_TIME | CHG_UNIT_TOTAL;
	mscc.used.time = 42;
	mscc.used.total_octets = 5000000000ULL;
	chg_ccr_init(&ccr);
	ccr.service_context_id = CHG_CONTEXT_IMS;
	ccr.subscription_ids = &sub;
	ccr.n_subscription_ids = 1;
	ccr.mscc = &mscc;
	ccr.n_mscc = 1;
	ccr.requested_action = CHG_PRICE_ENQUIRY;
	assert_int_equal(chg_ccr_check(CHG_EVENT_REQUEST, &ccr, NULL, 0), 0);
	assert_int_equal(chg_ccr_build(client, NULL, CHG_EVENT_REQUEST, 0, &ccr, &msg), 0);
	assert_int_equal(fd_msg_hdr(msg, &hdr), 0);
	assert_int_equal(hdr->msg_appl, 4);
	assert_int_equal(u32_at(msg, dk_base.auth_application_id), 4);
	assert_string_equal(str_at(msg, chg_dict.service_context_id), CHG_CONTEXT_IMS);
	assert_int_equal(u32_at(msg, chg_dict.cc_request_type), CHG_EVENT_REQUEST);
	assert_int_equal(u32_at(msg, chg_dict.cc_request_number), 0);
	assert_int_equal(u32_at(msg, chg_dict.requested_action), CHG_PRICE_ENQUIRY);
	s = group_at(msg, chg_dict.subscription_id);
	assert_int_equal(u32_at(s, chg_dict.subscription_id_type), CHG_END_USER_E164);
	assert_string_equal(str_at(s, chg_dict.subscription_id_data), "15550000001");
	m = group_at(msg, chg_dict.mscc);
	assert_int_equal(u32_at(m, chg_dict.rating_group), 7);
	assert_int_equal(u32_at(m, chg_dict.service_identifier), 1001);
	rsu = group_at(m, chg_dict.rsu);
	usu = group_at(m, chg_dict.usu);
	assert_non_null(group_at(rsu, chg_dict.cc_service_specific_units));
	assert_int_equal(u32_at(usu, chg_dict.cc_time), 42);
	assert_non_null(group_at(usu, chg_dict.cc_total_octets));
	assert_valid(msg);
	fd_msg_free(msg);
}

static void ccr_termination_says_why(void **state)
{
	struct chg_ccr ccr;
	struct msg *msg = NULL;

	(void)state;
	chg_ccr_init(&ccr);
	ccr.service_context_id = CHG_CONTEXT_PROSE;
	assert_int_equal(chg_ccr_build(client, NULL, CHG_TERMINATION_REQUEST, 4, &ccr, &msg), 0);
	assert_int_equal(u32_at(msg, chg_dict.termination_cause), 1); /* DIAMETER_LOGOUT */
	assert_int_equal(u32_at(msg, chg_dict.cc_request_number), 4);
	assert_valid(msg);
	fd_msg_free(msg);
}

static void ccr_checker_names_what_is_wrong(void **state)
{
	struct chg_subscription_id bad_sub = { 9, "x" };
	struct chg_mscc mscc;
	struct chg_ccr ccr;
	char err[CHG_ERR_LEN];

	(void)state;
	chg_ccr_init(&ccr);
	assert_int_equal(chg_ccr_check(CHG_INITIAL_REQUEST, &ccr, err, sizeof err), EINVAL);
	assert_non_null(strstr(err, "Service-Context-Id"));
	ccr.service_context_id = CHG_CONTEXT_IMS;
	assert_int_equal(chg_ccr_check(CHG_EVENT_REQUEST, &ccr, err, sizeof err), EINVAL);
	assert_non_null(strstr(err, "Requested-Action"));
	ccr.requested_action = CHG_REFUND_ACCOUNT;
	assert_int_equal(chg_ccr_check(CHG_UPDATE_REQUEST, &ccr, err, sizeof err), EINVAL);
	ccr.requested_action = CHG_UNSET;
	ccr.subscription_ids = &bad_sub;
	ccr.n_subscription_ids = 1;
	assert_int_equal(chg_ccr_check(CHG_INITIAL_REQUEST, &ccr, err, sizeof err), EINVAL);
	assert_non_null(strstr(err, "subscription_ids[0]"));
	ccr.n_subscription_ids = 0;
	chg_mscc_init(&mscc);
	mscc.rating_group = (int64_t)UINT32_MAX + 1;
	ccr.mscc = &mscc;
	ccr.n_mscc = 1;
	assert_int_equal(chg_ccr_check(CHG_INITIAL_REQUEST, &ccr, err, sizeof err), EINVAL);
	assert_non_null(strstr(err, "mscc[0]"));
	mscc.rating_group = 1;
	assert_int_equal(chg_ccr_check(CHG_INITIAL_REQUEST, &ccr, err, sizeof err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(acr_carries_the_record_and_the_service_information),
		cmocka_unit_test(acr_of_a_session_keeps_its_session_id),
		cmocka_unit_test(ccr_carries_mscc_subscription_and_action),
		cmocka_unit_test(ccr_termination_says_why),
		cmocka_unit_test(ccr_checker_names_what_is_wrong),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
