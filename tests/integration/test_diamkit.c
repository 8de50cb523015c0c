/* diamkit against a real dictionary (Debian's plus ours, loaded by libfdcore, no network):
 * building and reading AVPs inside grouped AVPs, results, Failed-AVP, copies, and the dictionary
 * definition rules (reuse what exists, refuse what contradicts it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "diamkit.h"
#include "fdnet.h"

#define V3GPP DK_VENDOR_3GPP

static struct fdnet net;
static struct dictionary *dict;

static int setup(void **state)
{
	struct fdnet_node *node;

	(void)state;
	if (fdnet_init(&net, "diamkit") || !(node = fdnet_add_embedded(&net, "dict", "test.localdomain")))
		return -1;
	fdnet_load_dictionaries(node);
	/* writes the configuration; no daemon in this network */
	if (fdnet_start(&net) || fdnet_embedded_parse(node) || dk_base_init())
		return -1;
	dict = fd_g_config->cnf_dict;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return fdnet_stop(&net);
}

static struct dict_object *avp_3gpp(const char *name)
{
	struct dict_object *o = NULL;
	assert_int_equal(dk_find_avp(dict, V3GPP, name, &o), 0);
	return o;
}

static struct msg *new_request(const char *command)
{
	struct dict_object *cmd = NULL;
	struct msg *m = NULL;
	assert_int_equal(dk_find_command(dict, command, &cmd), 0);
	assert_int_equal(fd_msg_new(cmd, MSGFL_ALLOC_ETEID, &m), 0);
	return m;
}

/* Round trip through the wire format, as a receiver would see the message. */
static struct msg *reparsed(struct msg *m)
{
	uint8_t *buf = NULL;
	size_t len = 0;
	struct msg *back = NULL;

	assert_int_equal(fd_msg_bufferize(m, &buf, &len), 0);
	assert_int_equal(fd_msg_parse_buffer(&buf, len, &back), 0);
	assert_int_equal(fd_msg_parse_dict(back, dict, NULL), 0);
	fd_msg_free(m);
	return back;
}

static void grouped_values_round_trip(void **state)
{
	struct msg *m = new_request("LCS-Routing-Info-Request");
	struct avp *sn = NULL, *found = NULL;
	char text[64];
	uint32_t u32 = 0;
	(void)state;

	assert_int_equal(dk_add_group(m, avp_3gpp("Serving-Node"), &sn), 0);
	assert_int_equal(dk_add_str(sn, avp_3gpp("MME-Name"), "mme1.visited.example"), 0);
	assert_int_equal(dk_add_u32(sn, avp_3gpp("LCS-Capabilities-Sets"), 5), 0);
	assert_int_equal(dk_add_u32(m, avp_3gpp("RIA-Flags"), 1), 0);
	m = reparsed(m);

	assert_int_equal(dk_find(m, avp_3gpp("Serving-Node"), &sn), 0);
	assert_non_null(sn);
	assert_int_equal(dk_get_str(sn, avp_3gpp("MME-Name"), text, sizeof text), 0);
	assert_string_equal(text, "mme1.visited.example");
	assert_int_equal(dk_get_u32(sn, avp_3gpp("LCS-Capabilities-Sets"), &u32), 0);
	assert_int_equal(u32, 5);
	assert_int_equal(dk_find_path(m, &found, avp_3gpp("Serving-Node"), avp_3gpp("MME-Name"), NULL), 0);
	assert_non_null(found);
	/* a path that stops short finds nothing */
	assert_int_equal(dk_find_path(m, &found, avp_3gpp("Serving-Node"), avp_3gpp("MME-Realm"), NULL), 0);
	assert_null(found);
	/* top level only: MME-Name is not a child of the message */
	assert_int_equal(dk_get_str(m, avp_3gpp("MME-Name"), text, sizeof text), ENOENT);
	/* a buffer too small is refused, not truncated */
	assert_int_equal(dk_get_str(sn, avp_3gpp("MME-Name"), text, 8), ENOSPC);
	fd_msg_free(m);
}

static void repeated_avps_are_all_found(void **state)
{
	struct msg *m = new_request("User-Data-Request");
	struct dict_object *dr = avp_3gpp("Data-Reference");
	struct avp *a = NULL;
	int32_t values[3];
	int n = 0;
	(void)state;

	assert_int_equal(dk_add_i32(m, dr, 0), 0);
	assert_int_equal(dk_add_str(m, avp_3gpp("Service-Indication"), "prose"), 0);
	assert_int_equal(dk_add_i32(m, dr, 14), 0);
	assert_int_equal(dk_add_i32(m, dr, 17), 0);
	m = reparsed(m);
	for (assert_int_equal(dk_find(m, dr, &a), 0); a; assert_int_equal(dk_find_next(a, dr, &a), 0)) {
		struct avp_hdr *h;
		assert_int_equal(fd_msg_avp_hdr(a, &h), 0);
		assert_true(n < 3);
		values[n++] = h->avp_value->i32;
	}
	assert_int_equal(n, 3);
	assert_int_equal(values[0], 0);
	assert_int_equal(values[1], 14);
	assert_int_equal(values[2], 17);
	fd_msg_free(m);
}

/* An answer carrying a 3GPP result: Experimental-Result { Vendor-Id, Experimental-Result-Code },
 * no Result-Code, and Failed-AVP holding a copy of the offending AVP with its children. */
static void experimental_result_with_failed_avp(void **state)
{
	struct msg *req = new_request("User-Data-Request"), *ans;
	struct avp *ui = NULL, *failed = NULL, *inner = NULL;
	struct dk_result res;
	char text[64];
	(void)state;

	assert_int_equal(fd_msg_add_origin(req, 0), 0);
	assert_int_equal(dk_add_group(req, avp_3gpp("User-Identity"), &ui), 0);
	assert_int_equal(dk_add_str(ui, avp_3gpp("Public-Identity"), "sip:nobody@test.localdomain"), 0);
	ans = req;
	assert_int_equal(fd_msg_new_answer_from_req(dict, &ans, 0), 0);
	assert_int_equal(dk_set_experimental_result(ans, V3GPP, 5001, ui), 0);
	ans = reparsed(ans);

	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.vendor, V3GPP);
	assert_int_equal(res.code, 5001);
	assert_int_equal(dk_find(ans, dk_base.result_code, &inner), 0);
	assert_null(inner);
	assert_int_equal(dk_find(ans, dk_base.origin_host, &inner), 0);
	assert_non_null(inner);
	assert_int_equal(dk_find(ans, dk_base.failed_avp, &failed), 0);
	assert_non_null(failed);
	assert_int_equal(dk_find(failed, avp_3gpp("User-Identity"), &inner), 0);
	assert_non_null(inner);
	assert_int_equal(dk_get_str(inner, avp_3gpp("Public-Identity"), text, sizeof text), 0);
	assert_string_equal(text, "sip:nobody@test.localdomain");
	fd_msg_free(ans);
}

/* A protocol error (3xxx) sets the E bit; an application error does not. */
static void result_code_and_error_bit(void **state)
{
	struct msg_hdr *hdr;
	struct dk_result res;
	(void)state;

	for (int i = 0; i < 2; i++) {
		uint32_t code = i ? 3002 : 5012;
		struct msg *ans = new_request("LCS-Routing-Info-Request");
		assert_int_equal(fd_msg_add_origin(ans, 0), 0);
		assert_int_equal(fd_msg_new_answer_from_req(dict, &ans, 0), 0);
		assert_int_equal(dk_set_result(ans, code, NULL), 0);
		assert_int_equal(fd_msg_hdr(ans, &hdr), 0);
		assert_int_equal(!!(hdr->msg_flags & CMD_FLAG_ERROR), code == 3002);
		assert_int_equal(dk_get_result(ans, &res), 0);
		assert_int_equal(res.vendor, 0);
		assert_int_equal(res.code, code);
		fd_msg_free(ans);
	}
}

/* Defining again what exists is accepted; contradicting it is refused with EINVAL. */
static void definitions_reuse_and_refuse(void **state)
{
	static const struct dk_enum same_value[] = { { "CS-Domain", 0 }, { NULL, 0 } };
	static const struct dk_enum renamed_value[] = { { "CIRCUIT-SWITCHED", 0 }, { NULL, 0 } };
	const struct dk_avp_def msisdn_again = { 701, V3GPP, "MSISDN", DK_OCTETSTRING, DK_FLAGS_MV, NULL, 0 };
	const struct dk_avp_def msisdn_as_number = { 701, V3GPP, "MSISDN", DK_UNSIGNED32, DK_FLAGS_MV, NULL, 0 };
	const struct dk_avp_def msisdn_without_m = { 701, V3GPP, "MSISDN", DK_OCTETSTRING, DK_FLAGS_V, NULL, 0 };
	const struct dk_avp_def domain = { 706, V3GPP, "Requested-Domain", DK_ENUMERATED, DK_FLAGS_MV, same_value, 0 };
	const struct dk_avp_def domain_renamed = { 706, V3GPP, "Requested-Domain", DK_ENUMERATED, DK_FLAGS_MV, renamed_value, 0 };
	static const struct dk_rule same_rule[] = { DK_OPT("MME-Name", V3GPP), DK_RULES_END };
	static const struct dk_rule other_rule[] = { DK_REQ("MME-Name", V3GPP), DK_RULES_END };
	const struct dk_group_def same_group = { "Serving-Node", V3GPP, same_rule };
	const struct dk_group_def other_group = { "Serving-Node", V3GPP, other_rule };
	(void)state;

	assert_int_equal(dk_define_avps(dict, &msisdn_again, 1), 0);
	assert_int_equal(dk_define_avps(dict, &msisdn_as_number, 1), EINVAL);
	assert_int_equal(dk_define_avps(dict, &msisdn_without_m, 1), EINVAL);
	assert_int_equal(dk_define_avps(dict, &domain, 1), 0);
	assert_int_equal(dk_define_avps(dict, &domain_renamed, 1), EINVAL);
	assert_int_equal(dk_define_groups(dict, &same_group, 1), 0);
	assert_int_equal(dk_define_groups(dict, &other_group, 1), EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grouped_values_round_trip),
		cmocka_unit_test(repeated_avps_are_all_found),
		cmocka_unit_test(experimental_result_with_failed_avp),
		cmocka_unit_test(result_code_and_error_bit),
		cmocka_unit_test(definitions_reuse_and_refuse),
	};
	return cmocka_run_group_tests_name("diamkit", tests, setup, teardown);
}
