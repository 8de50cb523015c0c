/* The HSS stub against hostile values: Sh requests that pass freeDiameter's dictionary rules but
 * carry whatever bytes an AS could put in them (identities and Service-Indications of random
 * bytes, NULs included, or too long; Data-References, enumerations and times out of range;
 * repeated AVPs; Sh-Data cut short, bit-flipped or not XML; Supported-Features of any value), and
 * SLh RIRs with User-Name, MSISDN and GMLC-Number of any bytes. Each request must get an answer,
 * an error one for what is not valid, and the HSS must then still serve a valid UDR and RIR and
 * hold the repository data it held: nothing crashes (the suite runs it under AddressSanitizer
 * too), hangs, or overwrites that data.
 *
 * The values come from a fixed seed, so a failure repeats; the request that failed is printed. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "diamkit.h"
#include "fdsend.h"
#include "hostile.h"
#include "sh_lab.h"
#include "sh_sample.h"
#include "store.h"

#define REALM "home.test.localdomain"
#define ALICE "sip:alice@" REALM
#define ALICE_IMSI "001010000000001"
#define MME "mme." REALM
#define SI "urn:x-test:held"
#define HELD "<Held>1</Held>"
#define ROUNDS 1500
#define SH_APPLICATION 16777217
#define TIMEOUT_MS 5000

static struct sh_lab lab;

static struct {
	struct dict_object *udr, *pur, *snr, *user_identity, *public_identity, *msisdn, *data_reference,
		*service_indication, *user_data, *subs_req_type, *expiry_time, *send_data_indication,
		*identity_set, *requested_domain, *supported_features, *feature_list_id, *feature_list,
		*server_name, *rir, *gmlc_number, *serving_node, *mme_name;
} d;

static const char *store_json =
	"{\"subscribers\": [{\"impi\": \"alice@" REALM "\", \"impus\": [{\"uri\": \"" ALICE "\"}],"
	"  \"msisdns\": [\"491720000001\"], \"imsi\": \"" ALICE_IMSI "\", \"ims_user_state\": \"REGISTERED\","
	"  \"serving_node\": {\"mme_name\": \"" MME "\", \"mme_realm\": \"" REALM "\"}}],"
	" \"repository_data\": [{\"impu\": \"" ALICE "\", \"service_indication\": \"" SI "\","
	"   \"sequence_number\": 7, \"service_data\": \"" HELD "\"}],"
	" \"as_permissions\": ["
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 0, \"operations\": [\"pull\", \"update\", \"subs-notif\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 10, \"operations\": [\"pull\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 11, \"operations\": [\"pull\", \"subs-notif\"]},"
	"  {\"as_host\": \"as." REALM "\", \"data_reference\": 17, \"operations\": [\"pull\"]}"
	" ]}";

static int setup(void **state)
{
	struct dictionary *dict;

	(void)state;
	if (sh_lab_start(&lab, "hss_hostile", REALM, store_json, "max_repository_data = 2048\n", NULL) ||
	    dk_base_init())
		return -1;
	dict = fd_g_config->cnf_dict;
	return dk_find_command(dict, "User-Data-Request", &d.udr) ||
	       dk_find_command(dict, "Profile-Update-Request", &d.pur) ||
	       dk_find_command(dict, "Subscribe-Notifications-Request", &d.snr) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "User-Identity", &d.user_identity) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Public-Identity", &d.public_identity) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "MSISDN", &d.msisdn) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Data-Reference", &d.data_reference) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Service-Indication", &d.service_indication) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "User-Data-29.329", &d.user_data) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Subs-Req-Type", &d.subs_req_type) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Expiry-Time", &d.expiry_time) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Send-Data-Indication", &d.send_data_indication) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Identity-Set", &d.identity_set) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Requested-Domain", &d.requested_domain) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Supported-Features", &d.supported_features) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Feature-List-ID", &d.feature_list_id) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Feature-List", &d.feature_list) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Server-Name", &d.server_name) ||
	       dk_find_command(dict, "LCS-Routing-Info-Request", &d.rir) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "GMLC-Number", &d.gmlc_number) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "Serving-Node", &d.serving_node) ||
	       dk_find_avp(dict, DK_VENDOR_3GPP, "MME-Name", &d.mme_name)
		       ? -1
		       : 0;
}

static int teardown(void **state)
{
	(void)state;
	return sh_lab_stop(&lab);
}

/* ---- values ------------------------------------------------------------------------------- */

/* Sh-Data: valid repository data, the same cut short or with a byte changed, or random bytes. */
static void add_user_data(struct msg *req)
{
	char xml[512];
	uint8_t junk[300];
	size_t len;

	len = (size_t)snprintf(xml, sizeof xml,
			       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Sh-Data><RepositoryData>"
			       "<ServiceIndication>urn:x-test:h%u</ServiceIndication><SequenceNumber>%d</SequenceNumber>"
			       "<ServiceData><V>%u</V></ServiceData></RepositoryData></Sh-Data>",
			       hostile_below(4), (int)hostile_below(3), hostile_next());
	switch (hostile_below(4)) {
	case 0:
		break;
	case 1:
		len = hostile_below((uint32_t)len);
		break;
	case 2:
		xml[hostile_below((uint32_t)len)] = (char)hostile_next();
		break;
	default:
		len = hostile_bytes(junk, sizeof junk);
		assert_int_equal(dk_add_os(req, d.user_data, junk, len), 0);
		return;
	}
	assert_int_equal(dk_add_os(req, d.user_data, xml, len), 0);
}

/* ---- requests ----------------------------------------------------------------------------- */

/* The identity: mostly the known public identity, else another, random bytes, an MSISDN of
 * random octets, both, or none. */
static void add_identity(struct msg *req)
{
	struct avp *group = NULL;
	uint8_t digits[16];
	uint32_t pick = hostile_below(10);

	assert_int_equal(dk_add_group(req, d.user_identity, &group), 0);
	if (pick < 8)
		assert_int_equal(hostile_add_text(group, d.public_identity, ALICE, "sip:nobody@" REALM), 0);
	if (pick >= 7)
		assert_int_equal(dk_add_os(group, d.msisdn, digits, hostile_bytes(digits, sizeof digits)), 0);
}

/* Mostly Data-References the AS may use (0, 11, 17), else any value. */
static int32_t data_reference(void)
{
	static const int32_t permitted[] = { 0, 11, 17 };

	return hostile_below(4) ? permitted[hostile_below(3)] : hostile_int();
}

static struct msg *hostile_request(void)
{
	static struct dict_object **const commands[] = { &d.udr, &d.pur, &d.snr };
	struct dict_object *cmd = *commands[hostile_below(3)];
	struct msg *req = NULL;
	struct avp *group = NULL;

	assert_int_equal(fdsend_new_request(cmd, REALM, SH_APPLICATION, &req), 0);
	add_identity(req);
	for (uint32_t n = cmd == d.pur || hostile_below(2) ? 1 : 2 + hostile_below(2); n; n--)
		assert_int_equal(dk_add_i32(req, d.data_reference, data_reference()), 0);
	for (uint32_t n = hostile_below(4) ? 1 : hostile_below(3); n; n--)
		assert_int_equal(hostile_add_text(req, d.service_indication, SI, "sip:nobody@" REALM), 0);
	if (!hostile_below(4)) {
		assert_int_equal(dk_add_group(req, d.supported_features, &group), 0);
		assert_int_equal(dk_add_u32(group, dk_base.vendor_id, hostile_below(2) ? DK_VENDOR_3GPP : hostile_next()), 0);
		assert_int_equal(dk_add_u32(group, d.feature_list_id, hostile_below(3)), 0);
		assert_int_equal(dk_add_u32(group, d.feature_list, hostile_next()), 0);
	}
	if (!hostile_below(5))
		assert_int_equal(hostile_add_text(req, d.server_name, "sip:as." REALM, "sip:nobody@" REALM), 0);
	if (cmd == d.pur && hostile_below(10))
		add_user_data(req);
	if (cmd == d.snr) {
		assert_int_equal(dk_add_i32(req, d.subs_req_type, hostile_below(4) ? (int32_t)hostile_below(2) : hostile_int()), 0);
		if (hostile_below(2))
			assert_int_equal(dk_add_u32(req, d.expiry_time, hostile_next()), 0);
		if (hostile_below(2))
			assert_int_equal(dk_add_i32(req, d.send_data_indication, hostile_below(2) ? (int32_t)hostile_below(2) : hostile_int()),
					 0);
	}
	if (cmd != d.pur && !hostile_below(5))
		assert_int_equal(dk_add_i32(req, d.identity_set, hostile_int()), 0);
	if (cmd == d.udr && !hostile_below(5))
		assert_int_equal(dk_add_i32(req, d.requested_domain, hostile_int()), 0);
	return req;
}

/* An SLh RIR: the known IMSI or MSISDN, or random bytes in User-Name, MSISDN and GMLC-Number. */
static struct msg *hostile_rir(void)
{
	static const uint8_t alice_msisdn[] = { 0x94, 0x71, 0x02, 0x00, 0x00, 0x10 }; /* 491720000001 */
	struct msg *req = NULL;
	uint8_t bytes[40];

	assert_int_equal(fdsend_new_request(d.rir, REALM, 0, &req), 0);
	if (hostile_below(4))
		assert_int_equal(hostile_add_text(req, dk_base.user_name, ALICE_IMSI, "sip:nobody@" REALM), 0);
	if (!hostile_below(3))
		assert_int_equal(hostile_below(2) ? dk_add_os(req, d.msisdn, alice_msisdn, sizeof alice_msisdn) :
					    dk_add_os(req, d.msisdn, bytes, hostile_bytes(bytes, sizeof bytes)),
				 0);
	if (!hostile_below(3))
		assert_int_equal(dk_add_os(req, d.gmlc_number, bytes, hostile_bytes(bytes, sizeof bytes)), 0);
	return req;
}

/* Send rounds requests made by make: each must get an answer with a result. */
static void send_hostile(struct msg *(*make)(void), int rounds, int min_kinds)
{
	struct hostile_tally t;
	char why[200];

	if (hostile_send(make, rounds, TIMEOUT_MS, &t, why, sizeof why))
		fail_msg("%s", why);
	print_message("%d answered 2001, %d with an error, %d distinct results\n", t.successes, t.errors, t.kinds);
	assert_true(t.errors > rounds / 2); /* the values were hostile indeed */
	assert_true(t.successes > 0);       /* and some were valid, down to the store */
	assert_true(t.kinds >= min_kinds);  /* base errors and errors of several of the HSS's checks */
}

static void every_hostile_sh_request_gets_an_answer(void **state)
{
	(void)state;
	send_hostile(hostile_request, ROUNDS, 8);
}

static void every_hostile_rir_gets_an_answer(void **state)
{
	(void)state;
	send_hostile(hostile_rir, ROUNDS / 3, 3);
}

/* After all that, the HSS still answers and still holds what it held. */
static void the_hss_still_serves_its_data(void **state)
{
	struct msg *req = NULL, *ans = NULL;
	struct avp *node = NULL;
	struct dk_result res;
	char mme[256];
	static const char *const si[] = { SI };
	struct sh_request r = sh_sample_repository_request(ALICE, si);
	struct sh_answer answer;
	const struct sh_repository_data *held;

	(void)state;
	assert_int_equal(sh_udr(lab.client, &r, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_non_null(held = sh_answer_repository_data(&answer, SI));
	assert_int_equal(held->sequence_number, 7);
	assert_string_equal(held->service_data, HELD);
	sh_answer_clear(&answer);

	assert_int_equal(fdsend_new_request(d.rir, REALM, 0, &req), 0);
	assert_int_equal(dk_add_str(req, dk_base.user_name, ALICE_IMSI), 0);
	assert_int_equal(fdsend_wait(&req, TIMEOUT_MS, &ans), 0);
	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.code, 2001);
	assert_int_equal(dk_find(ans, d.serving_node, &node), 0);
	assert_non_null(node);
	assert_int_equal(dk_get_str(node, d.mme_name, mme, sizeof mme), 0);
	assert_string_equal(mme, MME);
	fd_msg_free(ans);
}

/* A UDR of IMSPublicIdentity for Identity-Sets (sets, n): its result, and in *failed the code of
 * its Failed-AVP (0: none). */
static uint32_t identities_of_sets(const int32_t *sets, size_t n, uint32_t *failed)
{
	struct msg *req = NULL, *ans = NULL;
	struct avp *group = NULL;
	struct dk_result res;

	assert_int_equal(fdsend_new_request(d.udr, REALM, SH_APPLICATION, &req), 0);
	assert_int_equal(dk_add_group(req, d.user_identity, &group), 0);
	assert_int_equal(dk_add_str(group, d.public_identity, ALICE), 0);
	assert_int_equal(dk_add_i32(req, d.data_reference, 10), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(dk_add_i32(req, d.identity_set, sets[i]), 0);
	assert_int_equal(fdsend_wait(&req, TIMEOUT_MS, &ans), 0);
	assert_int_equal(dk_get_result(ans, &res), 0);
	*failed = 0;
	dk_get_failed_avp_code(ans, failed);
	fd_msg_free(ans);
	return res.code;
}

/* Several Identity-Set values (REGISTERED and IMPLICIT) are refused with 5012 naming the second,
 * not served as one set; the same set twice is one set. */
static void several_identity_sets_are_refused(void **state)
{
	static const int32_t two[] = { 1, 2 }, same[] = { 1, 1 };
	uint32_t failed;
	(void)state;

	assert_int_equal(identities_of_sets(two, 2, &failed), ER_DIAMETER_UNABLE_TO_COMPLY);
	assert_int_equal(failed, 708);
	assert_int_equal(identities_of_sets(same, 2, &failed), 2001);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_hostile_sh_request_gets_an_answer),
		cmocka_unit_test(every_hostile_rir_gets_an_answer),
		cmocka_unit_test(the_hss_still_serves_its_data),
		cmocka_unit_test(several_identity_sets_are_refused),
	};
	return cmocka_run_group_tests_name("hss_hostile", tests, setup, teardown);
}
