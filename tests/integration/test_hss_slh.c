/* The HSS stub on SLh (TS 29.173): a GMLC (this test process, an embedded freeDiameter node) asks
 * where users are served; the answers come from the store's serving_node data. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "diamkit.h"
#include "fdnet.h"
#include "fdsend.h"
#include "store.h"
#include "tbcd.h"
#include "tool_run.h"

#define REALM "home.test.localdomain"
#define SLH_APP 16777291

static struct fdnet net;
static struct fdnet_node *hss, *gmlc;

static const char *store_json =
	"{\"subscribers\": ["
	"{\"impi\": \"alice@" REALM "\", \"impus\": [{\"uri\": \"sip:alice@" REALM "\"}],"
	" \"msisdns\": [\"15550000001\"], \"imsi\": \"001010000000001\","
	" \"serving_node\": {\"mme_name\": \"mme.home.test.localdomain\", \"mme_realm\": \"" REALM "\","
	"                   \"gmlc_address\": \"127.0.0.1\"}},"
	"{\"impi\": \"carol@" REALM "\", \"impus\": [{\"uri\": \"sip:carol@" REALM "\"}],"
	" \"msisdns\": [\"15550000003\"], \"imsi\": \"001010000000003\","
	" \"serving_node\": {\"mme_name\": \"mme.visited.test.localdomain\", \"mme_realm\": \"visited.test.localdomain\","
	"                   \"visited_plmn\": \"00102\", \"gmlc_address\": \"127.0.0.2\"}},"
	"{\"impi\": \"dave@" REALM "\", \"impus\": [{\"uri\": \"sip:dave@" REALM "\"}],"
	" \"msisdns\": [\"15550000004\"], \"imsi\": \"001010000000004\"}"
	"]}";

static struct dict_object *avp(const char *name)
{
	struct dict_object *o = NULL;
	assert_int_equal(dk_find_avp(fd_g_config->cnf_dict, DK_VENDOR_3GPP, name, &o), 0);
	return o;
}

static int setup(void **state)
{
	char dir[PATH_MAX], conf[PATH_MAX], err[STORE_ERR_LEN];
	struct hss_store *store = NULL;
	struct dict_object *vendor = NULL, *app = NULL;
	vendor_id_t v = DK_VENDOR_3GPP;
	json_t *doc;
	FILE *f;
	int ret;

	(void)state;
	if (fdnet_init(&net, "hss_slh"))
		return -1;
	snprintf(dir, sizeof dir, "%s/store", net.dir);
	if (store_open(dir, 1, &store) || !(doc = json_loads(store_json, 0, NULL)))
		return -1;
	ret = store_import(store, doc, err, sizeof err, NULL, 0, NULL);
	json_decref(doc);
	store_close(store);
	snprintf(conf, sizeof conf, "%s/hss_stub.conf", net.dir);
	if (ret || !(f = fopen(conf, "w")))
		return -1;
	fprintf(f, "store = %s\nslh_allowed_realms = other.localdomain %s\n", dir, REALM);
	fclose(f);
	hss = fdnet_add(&net, "hss", REALM);
	gmlc = fdnet_add_embedded(&net, "gmlc", REALM);
	if (!hss || !gmlc)
		return -1;
	fdnet_load_dictionaries(hss);
	fdnet_load(hss, fdnet_fdx("hss_stub"), conf);
	fdnet_load_dictionaries(gmlc);
	fdnet_link(&net, gmlc, hss);
	if (fdnet_start(&net) || fdnet_embedded_parse(gmlc) || dk_base_init())
		return -1;
	if (fd_dict_search(fd_g_config->cnf_dict, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT) ||
	    dk_find_application(fd_g_config->cnf_dict, SLH_APP, &app) || fd_disp_app_support(app, vendor, 1, 0))
		return -1;
	return fdnet_embedded_start(&net, gmlc);
}

static int teardown(void **state)
{
	(void)state;
	fdnet_embedded_stop();
	return fdnet_stop(&net);
}

/* An RIR naming the user by IMSI and/or MSISDN, from origin_realm (NULL: ours). */
static struct msg *rir(const char *imsi, const char *msisdn, const char *origin_realm)
{
	struct dict_object *cmd = NULL;
	struct msg *req = NULL, *ans = NULL;
	uint8_t tbcd[8];

	assert_int_equal(dk_find_command(fd_g_config->cnf_dict, "LCS-Routing-Info-Request", &cmd), 0);
	assert_int_equal(fd_msg_new(cmd, MSGFL_ALLOC_ETEID, &req), 0);
	assert_int_equal(fd_msg_new_session(req, (os0_t)"slh", 3), 0);
	assert_int_equal(dk_add_i32(req, dk_base.auth_session_state, 1), 0);
	if (origin_realm) {
		/* another network's GMLC: the HSS judges the request by its Origin-Realm */
		assert_int_equal(dk_add_str(req, dk_base.origin_host, "gmlc.rogue.localdomain"), 0);
		assert_int_equal(dk_add_str(req, dk_base.origin_realm, origin_realm), 0);
	} else {
		assert_int_equal(fd_msg_add_origin(req, 0), 0);
	}
	assert_int_equal(dk_add_str(req, dk_base.destination_realm, REALM), 0);
	if (imsi)
		assert_int_equal(dk_add_str(req, dk_base.user_name, imsi), 0);
	if (msisdn)
		assert_int_equal(dk_add_os(req, avp("MSISDN"), tbcd, (size_t)tbcd_encode(msisdn, tbcd, sizeof tbcd)), 0);
	assert_int_equal(fdsend_wait(&req, 5000, &ans), 0);
	return ans;
}

static void assert_result(struct msg *ans, uint32_t vendor, uint32_t code)
{
	struct dk_result res;
	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.vendor, vendor);
	assert_int_equal(res.code, code);
}

static void assert_serving_node(struct msg *ans, const char *mme, const char *realm, const char *gmlc_ip)
{
	struct avp *node = NULL, *a = NULL;
	struct sockaddr_storage ss;
	char text[256], ip[64];

	assert_int_equal(dk_find(ans, avp("Serving-Node"), &node), 0);
	assert_non_null(node);
	assert_int_equal(dk_get_str(node, avp("MME-Name"), text, sizeof text), 0);
	assert_string_equal(text, mme);
	assert_int_equal(dk_get_str(node, avp("MME-Realm"), text, sizeof text), 0);
	assert_string_equal(text, realm);
	assert_int_equal(dk_find(node, avp("GMLC-Address"), &a), 0);
	assert_non_null(a);
	assert_int_equal(fd_msg_avp_value_interpret(a, &ss), 0);
	assert_int_equal(ss.ss_family, AF_INET);
	inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, ip, sizeof ip);
	assert_string_equal(ip, gmlc_ip);
}

static void home_user_by_imsi(void **state)
{
	struct msg *ans = rir("001010000000001", NULL, NULL);
	const uint8_t *octets;
	size_t len;
	char text[64];
	(void)state;

	assert_result(ans, 0, 2001);
	assert_int_equal(dk_get_str(ans, dk_base.user_name, text, sizeof text), 0);
	assert_string_equal(text, "001010000000001");
	assert_int_equal(dk_get_os(ans, avp("MSISDN"), &octets, &len), 0);
	assert_true(tbcd_decode(octets, len, text, sizeof text) > 0);
	assert_string_equal(text, "15550000001");
	assert_serving_node(ans, "mme.home.test.localdomain", REALM, "127.0.0.1");
	fd_msg_free(ans);
}

/* A roaming user: the MME and its realm are the visited network's. */
static void roaming_user_by_msisdn(void **state)
{
	struct msg *ans = rir(NULL, "15550000003", NULL);
	(void)state;

	assert_result(ans, 0, 2001);
	assert_serving_node(ans, "mme.visited.test.localdomain", "visited.test.localdomain", "127.0.0.2");
	fd_msg_free(ans);
	ans = rir("001010000000003", "15550000003", NULL);
	assert_result(ans, 0, 2001);
	fd_msg_free(ans);
}

static void refusals_in_the_order_of_the_spec(void **state)
{
	uint32_t failed = 0;
	struct msg *ans;
	(void)state;

	/* (1) a network not allowed, even for an unknown user */
	ans = rir("999990000000000", NULL, "rogue.localdomain");
	assert_result(ans, DK_VENDOR_3GPP, 5490);
	fd_msg_free(ans);
	/* (2) unknown user */
	ans = rir("999990000000000", NULL, NULL);
	assert_result(ans, DK_VENDOR_3GPP, 5001);
	fd_msg_free(ans);
	/* (2a) IMSI and MSISDN of two users */
	ans = rir("001010000000001", "15550000003", NULL);
	assert_result(ans, 0, 5007);
	fd_msg_free(ans);
	/* (3) no serving node */
	ans = rir("001010000000004", NULL, NULL);
	assert_result(ans, DK_VENDOR_3GPP, 4201);
	fd_msg_free(ans);
	/* neither identity: an example User-Name in Failed-AVP (RFC 6733 §7.5) */
	ans = rir(NULL, NULL, NULL);
	assert_result(ans, 0, 5005);
	assert_int_equal(dk_get_failed_avp_code(ans, &failed), 0);
	assert_int_equal(failed, 1);
	fd_msg_free(ans);
}

static void assert_tbcd(msg_or_avp *parent, const char *name, const char *digits)
{
	const uint8_t *octets;
	size_t len;
	char text[64];

	assert_int_equal(dk_get_os(parent, avp(name), &octets, &len), 0);
	assert_true(tbcd_decode(octets, len, text, sizeof text) > 0);
	assert_string_equal(text, digits);
}

/* The answers follow what hss-ctl changes while the daemon runs: dave, not served, is given an SGSN
 * then another MSISDN, then both are taken back (the other cases still see the store as imported). */
static void answers_follow_hss_ctl_changes(void **state)
{
	struct msg *ans;
	struct avp *node = NULL, *mme = NULL;
	char text[256];
	(void)state;

	assert_int_equal(tool_hss_ctl(net.dir, "set dave@" REALM " serving_node '{\"sgsn_name\": "
				      "\"sgsn.home.test.localdomain\", \"sgsn_number\": \"15559000001\"}'"), 0);
	ans = rir("001010000000004", NULL, NULL);
	assert_result(ans, 0, 2001);
	assert_tbcd(ans, "MSISDN", "15550000004");
	assert_int_equal(dk_find(ans, avp("Serving-Node"), &node), 0);
	assert_non_null(node);
	assert_int_equal(dk_get_str(node, avp("SGSN-Name"), text, sizeof text), 0);
	assert_string_equal(text, "sgsn.home.test.localdomain");
	assert_tbcd(node, "SGSN-Number", "15559000001");
	assert_int_equal(dk_find(node, avp("MME-Name"), &mme), 0);
	assert_null(mme);
	fd_msg_free(ans);

	assert_int_equal(tool_hss_ctl(net.dir, "set dave@" REALM " msisdns '[\"15550000044\"]'"), 0);
	ans = rir("001010000000004", "15550000044", NULL);
	assert_result(ans, 0, 2001);
	assert_tbcd(ans, "MSISDN", "15550000044");
	fd_msg_free(ans);
	ans = rir(NULL, "15550000004", NULL);
	assert_result(ans, DK_VENDOR_3GPP, 5001);
	fd_msg_free(ans);

	assert_int_equal(tool_hss_ctl(net.dir, "set dave@" REALM " serving_node null"), 0);
	assert_int_equal(tool_hss_ctl(net.dir, "set dave@" REALM " msisdns '[\"15550000004\"]'"), 0);
	ans = rir(NULL, "15550000004", NULL);
	assert_result(ans, DK_VENDOR_3GPP, 4201);
	fd_msg_free(ans);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(home_user_by_imsi),
		cmocka_unit_test(roaming_user_by_msisdn),
		cmocka_unit_test(refusals_in_the_order_of_the_spec),
		cmocka_unit_test(answers_follow_hss_ctl_changes),
	};
	return cmocka_run_group_tests_name("hss_slh", tests, setup, teardown);
}
