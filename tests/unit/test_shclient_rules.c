/* libshclient's pure rules: the Sequence-Number successor, when the update loop starts again, how
 * a PNA carries the application's result, and which requests are refused before sending. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "shclient_internal.h"

static void sequence_zero_creates_then_counts_up(void **state)
{
	(void)state;
	assert_int_equal(sh_sequence_next(SH_UNSET), 0);
	assert_int_equal(sh_sequence_next(0), 1);
	assert_int_equal(sh_sequence_next(1), 2);
	assert_int_equal(sh_sequence_next(65534), 65535);
}

/* TS 29.328 §6.1.2: 0 is only for creation, so 65535 is followed by 1. */
static void sequence_65535_wraps_to_1(void **state)
{
	(void)state;
	assert_int_equal(sh_sequence_next(65535), 1);
}

static void retry_only_on_out_of_sync_with_attempts_left(void **state)
{
	struct sh_answer out_of_sync = { .experimental_result = SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC };
	struct sh_answer success = { .result_code = SH_SUCCESS };
	struct sh_answer too_much = { .experimental_result = SH_ERROR_TOO_MUCH_DATA };
	struct sh_answer busy = { .experimental_result = SH_PRIOR_UPDATE_IN_PROGRESS };

	(void)state;
	assert_true(sh_update_should_retry(&out_of_sync, 1, 3));
	assert_true(sh_update_should_retry(&out_of_sync, 2, 3));
	assert_false(sh_update_should_retry(&out_of_sync, 3, 3));
	assert_false(sh_update_should_retry(&out_of_sync, 1, 1));
	assert_false(sh_update_should_retry(&success, 1, 3));
	assert_false(sh_update_should_retry(&too_much, 1, 3));
	assert_false(sh_update_should_retry(&busy, 1, 3));
}

static void assert_pna(uint32_t chosen, uint32_t vendor, uint32_t code)
{
	uint32_t v = 99, c = 99;

	sh_pna_result(chosen, &v, &c);
	assert_int_equal(v, vendor);
	assert_int_equal(c, code);
}

static void pna_success_is_a_result_code(void **state)
{
	(void)state;
	assert_pna(SH_SUCCESS, 0, 2001);
}

static void pna_3gpp_codes_are_experimental_results(void **state)
{
	(void)state;
	assert_pna(SH_ERROR_USER_UNKNOWN, 10415, 5001);
	assert_pna(SH_ERROR_USER_DATA_NOT_RECOGNIZED, 10415, 5100);
	assert_pna(SH_ERROR_NO_SUBSCRIPTION_TO_DATA, 10415, 5107);
	assert_pna(SH_ERROR_DSAI_NOT_AVAILABLE, 10415, 5108);
	assert_pna(SH_ERROR_TOO_MUCH_DATA, 10415, 5008);
	assert_pna(SH_USER_DATA_NOT_AVAILABLE, 10415, 4100);
}

/* Base protocol codes, and anything unknown, become DIAMETER_UNABLE_TO_COMPLY. */
static void pna_other_codes_are_unable_to_comply(void **state)
{
	(void)state;
	assert_pna(5012, 0, 5012);
	assert_pna(3004, 0, 5012);
	assert_pna(5109, 0, 5012);
	assert_pna(0, 0, 5012);
	assert_pna(2002, 0, 5012);
}

/* A valid UDR of repository data; each test breaks one thing. */
static const int repository[] = { SH_DR_REPOSITORY_DATA };
static const char *const service_indications[] = { "prose" };

static struct sh_request valid_udr(void)
{
	struct sh_request r;

	sh_request_init(&r);
	r.identity_kind = SH_ID_PUBLIC_IDENTITY;
	r.identity = "sip:alice@home.example";
	r.data_references = repository;
	r.n_data_references = 1;
	r.service_indications = service_indications;
	r.n_service_indications = 1;
	return r;
}

static void assert_refused(enum sh_command cmd, const struct sh_request *r, const char *why)
{
	char err[SH_ERR_LEN] = "";

	assert_int_equal(sh_request_check(cmd, r, err, sizeof err), EINVAL);
	if (!strstr(err, why))
		fail_msg("'%s' does not say '%s'", err, why);
}

static void init_leaves_options_unset(void **state)
{
	struct sh_request r;

	(void)state;
	memset(&r, 0x5a, sizeof r);
	sh_request_init(&r);
	assert_null(r.identity);
	assert_int_equal(r.n_data_references, 0);
	assert_int_equal(r.requested_domain, SH_UNSET);
	assert_int_equal(r.current_location, SH_UNSET);
	assert_int_equal(r.identity_set, SH_UNSET);
	assert_int_equal(r.send_data_indication, SH_UNSET);
	assert_int_equal(r.supported_features, SH_UNSET); /* no Supported-Features sent */
	assert_int_equal(r.subs_req_type, 0);
	assert_int_equal(r.expiry_time, 0);
}

static void valid_requests_pass(void **state)
{
	struct sh_request r = valid_udr();
	static const int user_state[] = { SH_DR_IMS_USER_STATE, SH_DR_LOCATION_INFORMATION };

	(void)state;
	assert_int_equal(sh_request_check(SH_CMD_UDR, &r, NULL, 0), 0);
	assert_int_equal(sh_request_check(SH_CMD_SNR, &r, NULL, 0), 0);
	r.identity_kind = SH_ID_MSISDN;
	r.identity = "491720000001";
	r.data_references = user_state;
	r.n_data_references = 2;
	r.n_service_indications = 0;
	r.requested_domain = 1;
	r.current_location = 0;
	assert_int_equal(sh_request_check(SH_CMD_UDR, &r, NULL, 0), 0);
}

static void identity_is_checked(void **state)
{
	struct sh_request r = valid_udr();

	(void)state;
	r.identity = NULL;
	assert_refused(SH_CMD_UDR, &r, "no identity");
	r.identity = "";
	assert_refused(SH_CMD_UDR, &r, "no identity");
	r.identity_kind = SH_ID_MSISDN;
	r.identity = "+491720000001";
	assert_refused(SH_CMD_UDR, &r, "MSISDN");
	r.identity = "1234567890123456"; /* 16 digits: longer than E.164 */
	assert_refused(SH_CMD_UDR, &r, "MSISDN");
}

static void data_references_are_checked(void **state)
{
	struct sh_request r = valid_udr();
	static const int reserved[] = { 20 }, unused[] = { 5 }, beyond[] = { 36 };

	(void)state;
	r.n_data_references = 0;
	assert_refused(SH_CMD_UDR, &r, "no Data-Reference");
	r.n_data_references = 1;
	r.data_references = reserved;
	assert_refused(SH_CMD_UDR, &r, "Data-Reference 20");
	r.data_references = unused;
	assert_refused(SH_CMD_UDR, &r, "Data-Reference 5");
	r.data_references = beyond;
	assert_refused(SH_CMD_SNR, &r, "Data-Reference 36");
}

/* Repository data is named by a Service-Indication in UDR and SNR; a PUR names it in User-Data. */
static void repository_data_needs_a_service_indication(void **state)
{
	struct sh_request r = valid_udr();

	(void)state;
	r.n_service_indications = 0;
	assert_refused(SH_CMD_UDR, &r, "Service-Indication");
	assert_refused(SH_CMD_SNR, &r, "Service-Indication");
	r.user_data = "<Sh-Data/>";
	r.user_data_len = strlen(r.user_data);
	assert_int_equal(sh_request_check(SH_CMD_PUR, &r, NULL, 0), 0);
}

static void pur_needs_user_data(void **state)
{
	struct sh_request r = valid_udr();

	(void)state;
	assert_refused(SH_CMD_PUR, &r, "User-Data");
	r.user_data = "";
	assert_refused(SH_CMD_PUR, &r, "User-Data");
	r.user_data = "x";
	r.user_data_len = SHDATA_MAX_SIZE + 1;
	assert_refused(SH_CMD_PUR, &r, "User-Data of");
}

static void enumerations_are_in_range(void **state)
{
	struct sh_request r = valid_udr();

	(void)state;
	r.requested_domain = 2;
	assert_refused(SH_CMD_UDR, &r, "Requested-Domain");
	r = valid_udr();
	r.current_location = -2;
	assert_refused(SH_CMD_UDR, &r, "Current-Location");
	r = valid_udr();
	r.identity_set = 4;
	assert_refused(SH_CMD_UDR, &r, "Identity-Set");
	r = valid_udr();
	r.send_data_indication = 2;
	assert_refused(SH_CMD_SNR, &r, "Send-Data-Indication");
	r = valid_udr();
	r.subs_req_type = SH_UNSET;
	assert_refused(SH_CMD_SNR, &r, "Subs-Req-Type");
	r = valid_udr();
	r.supported_features = -2;
	assert_refused(SH_CMD_UDR, &r, "Feature-List");
	r.supported_features = SH_FEATURE_UPDATE_EFF;
	assert_int_equal(sh_request_check(SH_CMD_UDR, &r, NULL, 0), 0);
}

static void empty_strings_are_refused(void **state)
{
	struct sh_request r = valid_udr();
	static const char *const empty[] = { "" };

	(void)state;
	r.service_indications = empty;
	assert_refused(SH_CMD_UDR, &r, "Service-Indication 1 is empty");
	r = valid_udr();
	r.n_dsai_tags = 1;
	assert_refused(SH_CMD_UDR, &r, "DSAI-Tag");
	r = valid_udr();
	r.user_name = "";
	assert_refused(SH_CMD_UDR, &r, "User-Name");
	r = valid_udr();
	r.server_name = "";
	assert_refused(SH_CMD_UDR, &r, "Server-Name");
}

static void other_commands_are_refused(void **state)
{
	struct sh_request r = valid_udr();

	(void)state;
	assert_refused((enum sh_command)309, &r, "command 309");
	assert_int_equal(sh_request_check(SH_CMD_UDR, NULL, NULL, 0), EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sequence_zero_creates_then_counts_up),
		cmocka_unit_test(sequence_65535_wraps_to_1),
		cmocka_unit_test(retry_only_on_out_of_sync_with_attempts_left),
		cmocka_unit_test(pna_success_is_a_result_code),
		cmocka_unit_test(pna_3gpp_codes_are_experimental_results),
		cmocka_unit_test(pna_other_codes_are_unable_to_comply),
		cmocka_unit_test(init_leaves_options_unset),
		cmocka_unit_test(valid_requests_pass),
		cmocka_unit_test(identity_is_checked),
		cmocka_unit_test(data_references_are_checked),
		cmocka_unit_test(repository_data_needs_a_service_indication),
		cmocka_unit_test(pur_needs_user_data),
		cmocka_unit_test(enumerations_are_in_range),
		cmocka_unit_test(empty_strings_are_refused),
		cmocka_unit_test(other_commands_are_refused),
	};
	return cmocka_run_group_tests_name("shclient_rules", tests, NULL, NULL);
}
