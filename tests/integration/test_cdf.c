/* The Rf CDF end to end: a freeDiameterd daemon loading Debian's dictionaries, ours and
 * app_cdf.fdx over an LMDB store, and this test process as the AS (embedded libfdcore) sending
 * ACRs. Checked through the answers, the store (records and their raw bytes) and cdf-ctl:
 * each record type stored with its Service-Information byte for byte, retransmissions stored
 * once and answered again, records out of sequence stored and marked, bad input answered with
 * the RFC 6733 error in a valid ACA, the CLI's filters and errors, ACRs of seeded random values
 * (each answered, each acknowledged one stored once and exported as JSON), and a kill -9 of the
 * daemon in the middle of a stream: every ACR that got a success answer is in the store, which
 * reopens. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "cdrstore.h"
#include "diamkit.h"
#include "fdnet.h"
#include "fdsend.h"
#include "hostile.h"
#include "spawn.h"

#define REALM "test.localdomain"
#define ANSWER_TIMEOUT_MS 5000
#define NTP_TO_UNIX 2208988800LL
#define ALICE_URI "sip:alice@test.localdomain"
/* A code the daemon knows as a grouped AVP (SLg LCS-QoS, dict_slg) and this client, which does not
 * load dict_slg, defines as an OctetString: the way to put a malformed grouped AVP on the wire. */
#define OPAQUE_GROUPED_CODE 2504

static struct fdnet net;
static struct fdnet_node *cdf, *small_cdf, *as;
static char store_dir[PATH_MAX], small_store_dir[PATH_MAX], ctl[PATH_MAX];
/* The CDF the ACRs go to (Destination-Host): cdf, or small_cdf whose store is 1 MB. */
static const struct fdnet_node *target;

static struct {
	struct dict_object *acr, *app, *record_type, *record_number, *acct_app_id, *event_timestamp,
		*subscription_id, *subscription_id_type, *subscription_id_data, *service_information,
		*ims_information, *node_functionality, *role_of_node, *user_session_id, *calling_party,
		*event_type, *sip_method, *opaque_grouped;
	/* LCS-Information and ProSe-Information (dict_charging) */
	struct dict_object *lcs_information, *lcs_client_id, *lcs_client_type, *lcs_client_external_id,
		*lcs_client_name, *lcs_name_string, *location_type, *location_estimate_type, *location_estimate,
		*prose_information, *prose_event_type, *prose_role_of_ue, *prose_range_class,
		*proximity_alert_timestamp, *prose_app_id;
} d;

/* ---- the lab ------------------------------------------------------------------------------- */

static int find_models(void)
{
	struct dictionary *dict = fd_g_config->cnf_dict;
	const struct dk_avp_def opaque = { OPAQUE_GROUPED_CODE, DK_VENDOR_3GPP, "Test-Opaque-2504", DK_OCTETSTRING,
					   DK_FLAGS_MV, NULL, 0 };
	const struct {
		vendor_id_t vendor;
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ 0, "Accounting-Record-Type", &d.record_type },
		{ 0, "Accounting-Record-Number", &d.record_number },
		{ 0, "Acct-Application-Id", &d.acct_app_id },
		{ 0, "Event-Timestamp", &d.event_timestamp },
		{ 0, "Subscription-Id", &d.subscription_id },
		{ 0, "Subscription-Id-Type", &d.subscription_id_type },
		{ 0, "Subscription-Id-Data", &d.subscription_id_data },
		{ DK_VENDOR_3GPP, "Service-Information", &d.service_information },
		{ DK_VENDOR_3GPP, "IMS-Information", &d.ims_information },
		{ DK_VENDOR_3GPP, "Node-Functionality", &d.node_functionality },
		{ DK_VENDOR_3GPP, "Role-Of-Node", &d.role_of_node },
		{ DK_VENDOR_3GPP, "User-Session-Id", &d.user_session_id },
		{ DK_VENDOR_3GPP, "Calling-Party-Address", &d.calling_party },
		{ DK_VENDOR_3GPP, "Event-Type", &d.event_type },
		{ DK_VENDOR_3GPP, "SIP-Method", &d.sip_method },
		{ DK_VENDOR_3GPP, "Test-Opaque-2504", &d.opaque_grouped },
		{ DK_VENDOR_3GPP, "LCS-Information", &d.lcs_information },
		{ DK_VENDOR_3GPP, "LCS-Client-Id", &d.lcs_client_id },
		{ DK_VENDOR_3GPP, "LCS-Client-Type", &d.lcs_client_type },
		{ DK_VENDOR_3GPP, "LCS-Client-External-ID", &d.lcs_client_external_id },
		{ DK_VENDOR_3GPP, "LCS-Client-Name", &d.lcs_client_name },
		{ DK_VENDOR_3GPP, "LCS-Name-String", &d.lcs_name_string },
		{ DK_VENDOR_3GPP, "Location-Type", &d.location_type },
		{ DK_VENDOR_3GPP, "Location-Estimate-Type", &d.location_estimate_type },
		{ DK_VENDOR_3GPP, "Location-Estimate", &d.location_estimate },
		{ DK_VENDOR_3GPP, "ProSe-Information", &d.prose_information },
		{ DK_VENDOR_3GPP, "ProSe-Event-Type", &d.prose_event_type },
		{ DK_VENDOR_3GPP, "ProSe-Role-Of-UE", &d.prose_role_of_ue },
		{ DK_VENDOR_3GPP, "ProSe-Range-Class", &d.prose_range_class },
		{ DK_VENDOR_3GPP, "Proximity-Alert-Timestamp", &d.proximity_alert_timestamp },
		{ DK_VENDOR_3GPP, "ProSe-App-Id", &d.prose_app_id },
	};

	if (dk_define_avps(dict, &opaque, 1) || dk_base_init())
		return -1;
	for (size_t i = 0; i < sizeof avps / sizeof avps[0]; i++)
		if (dk_find_avp(dict, avps[i].vendor, avps[i].name, avps[i].obj))
			return -1;
	return dk_find_command(dict, "Accounting-Request", &d.acr) || dk_find_application(dict, 3, &d.app);
}

/* A CDF daemon "name" of network n, with that app_cdf configuration. */
static struct fdnet_node *add_cdf_conf(struct fdnet *n, const char *name, const char *text)
{
	char conf[PATH_MAX];
	struct fdnet_node *node;

	snprintf(conf, sizeof conf, "%s/%s.conf", n->dir, name);
	if (write_text_file(conf, text) || !(node = fdnet_add(n, name, REALM)))
		return NULL;
	fdnet_load_charging_dictionaries(node);
	fdnet_load(node, fdnet_fdx("app_cdf"), conf);
	return node;
}

/* A CDF daemon "name" over the store in dir (map_mb large at most). */
static struct fdnet_node *add_cdf(const char *name, const char *dir, int map_mb)
{
	char text[PATH_MAX + 128];

	snprintf(text, sizeof text, "store = %s\nmap_size_mb = %d\nmax_batch = 128\n", dir, map_mb);
	return add_cdf_conf(&net, name, text);
}

static int setup(void **state)
{
	const char *fdx = getenv("TK_FDX_DIR");

	(void)state;
	if (fdnet_init(&net, "cdf"))
		return -1;
	snprintf(ctl, sizeof ctl, "%s/../bin/cdf-ctl", fdx);
	snprintf(store_dir, sizeof store_dir, "%s/cdrs", net.dir);
	snprintf(small_store_dir, sizeof small_store_dir, "%s/small-cdrs", net.dir);
	cdf = add_cdf("cdf", store_dir, 64);
	small_cdf = add_cdf("cdf-small", small_store_dir, 1);
	as = fdnet_add_embedded(&net, "as", REALM);
	if (!cdf || !small_cdf || !as)
		return -1;
	target = cdf;
	/* The AS: Debian's dictionaries only (see OPAQUE_GROUPED_CODE). */
	fdnet_load(as, "/usr/lib/freeDiameter/dict_nasreq.fdx", NULL);
	fdnet_load(as, "/usr/lib/freeDiameter/dict_dcca.fdx", NULL);
	fdnet_load(as, "/usr/lib/freeDiameter/dict_dcca_3gpp.fdx", NULL);
	fdnet_load(as, fdnet_fdx("dict_charging"), NULL);
	fdnet_link(&net, as, cdf);
	fdnet_link(&net, as, small_cdf);
	if (fdnet_start(&net) || fdnet_embedded_parse(as) || find_models() || fd_disp_app_support(d.app, NULL, 0, 1))
		return -1;
	return fdnet_embedded_start(&net, as);
}

static int teardown(void **state)
{
	(void)state;
	fdnet_embedded_stop();
	return fdnet_stop(&net);
}

/* ---- requests ------------------------------------------------------------------------------ */

static void add_time(msg_or_avp *parent, struct dict_object *model, int64_t unix_time)
{
	uint32_t ntp = (uint32_t)(unix_time + NTP_TO_UNIX);
	uint8_t b[4] = { ntp >> 24, ntp >> 16, ntp >> 8, ntp };

	assert_int_equal(dk_add_os(parent, model, b, 4), 0);
}

/* An ACR of that session, type and number (type < 0: no Accounting-Record-Type; number
 * UINT32_MAX: no Accounting-Record-Number), with User-Name when user, Event-Timestamp when t. */
static struct msg *new_acr(const char *session, int32_t type, uint32_t number, const char *user, int64_t t)
{
	struct msg *req = NULL;
	struct msg_hdr *hdr;

	assert_int_equal(fd_msg_new(d.acr, MSGFL_ALLOC_ETEID, &req), 0);
	/* ACR is a base protocol command: the header's application is the accounting one */
	assert_int_equal(fd_msg_hdr(req, &hdr), 0);
	hdr->msg_appl = 3;
	assert_int_equal(dk_add_str(req, dk_base.session_id, session), 0);
	assert_int_equal(fd_msg_add_origin(req, 0), 0);
	assert_int_equal(dk_add_str(req, dk_base.destination_realm, REALM), 0);
	assert_int_equal(dk_add_str(req, dk_base.destination_host, target->identity), 0);
	if (type >= 0)
		assert_int_equal(dk_add_i32(req, d.record_type, type), 0);
	if (number != UINT32_MAX)
		assert_int_equal(dk_add_u32(req, d.record_number, number), 0);
	assert_int_equal(dk_add_u32(req, d.acct_app_id, 3), 0);
	if (user)
		assert_int_equal(dk_add_str(req, dk_base.user_name, user), 0);
	if (t)
		add_time(req, d.event_timestamp, t);
	return req;
}

/* Service-Information { Subscription-Id, IMS-Information { Event-Type, Role-Of-Node,
 * Node-Functionality AS (6), User-Session-Id, Calling-Party-Address } } */
static void add_ims_service_information(struct msg *req, const char *call_id)
{
	struct avp *si = NULL, *sub = NULL, *ims = NULL, *event = NULL;

	assert_int_equal(dk_add_group(req, d.service_information, &si), 0);
	assert_int_equal(dk_add_group(si, d.subscription_id, &sub), 0);
	assert_int_equal(dk_add_i32(sub, d.subscription_id_type, 2), 0); /* END_USER_SIP_URI */
	assert_int_equal(dk_add_str(sub, d.subscription_id_data, ALICE_URI), 0);
	assert_int_equal(dk_add_group(si, d.ims_information, &ims), 0);
	assert_int_equal(dk_add_group(ims, d.event_type, &event), 0);
	assert_int_equal(dk_add_str(event, d.sip_method, "MESSAGE"), 0);
	assert_int_equal(dk_add_i32(ims, d.role_of_node, 0), 0);
	assert_int_equal(dk_add_i32(ims, d.node_functionality, 6), 0);
	assert_int_equal(dk_add_str(ims, d.user_session_id, call_id), 0);
	assert_int_equal(dk_add_str(ims, d.calling_party, ALICE_URI), 0);
}

/* Service-Information { LCS-Information { LCS-Client-Id { LCS-Client-Type, LCS-Client-External-ID,
 * LCS-Client-Name { LCS-Name-String } }, Location-Type { Location-Estimate-Type },
 * Location-Estimate }, ProSe-Information { ProSe-App-Id, ProSe-Event-Type, ProSe-Role-Of-UE,
 * ProSe-Range-Class, Proximity-Alert-Timestamp } } */
static void add_lcs_prose_service_information(struct msg *req)
{
	/* a TS 23.032 ellipsoid point with uncertainty circle */
	static const uint8_t estimate[] = { 0x10, 0x22, 0xbe, 0x4b, 0x01, 0xac, 0x81, 0x22 };
	struct avp *si = NULL, *lcs = NULL, *client = NULL, *name = NULL, *type = NULL, *prose = NULL;

	assert_int_equal(dk_add_group(req, d.service_information, &si), 0);
	assert_int_equal(dk_add_group(si, d.lcs_information, &lcs), 0);
	assert_int_equal(dk_add_group(lcs, d.lcs_client_id, &client), 0);
	assert_int_equal(dk_add_i32(client, d.lcs_client_type, 1), 0); /* VALUE_ADDED_SERVICES */
	assert_int_equal(dk_add_str(client, d.lcs_client_external_id, "lab-client"), 0);
	assert_int_equal(dk_add_group(client, d.lcs_client_name, &name), 0);
	assert_int_equal(dk_add_str(name, d.lcs_name_string, "Lab locator"), 0);
	assert_int_equal(dk_add_group(lcs, d.location_type, &type), 0);
	assert_int_equal(dk_add_i32(type, d.location_estimate_type, 0), 0); /* CURRENT_LOCATION */
	assert_int_equal(dk_add_os(lcs, d.location_estimate, estimate, sizeof estimate), 0);
	assert_int_equal(dk_add_group(si, d.prose_information, &prose), 0);
	assert_int_equal(dk_add_str(prose, d.prose_app_id, "mcc001.mnc01.ProSeApp.lab"), 0);
	assert_int_equal(dk_add_i32(prose, d.prose_event_type, 2), 0);  /* MATCH_REPORT */
	assert_int_equal(dk_add_i32(prose, d.prose_role_of_ue, 2), 0);  /* REQUESTOR_UE */
	assert_int_equal(dk_add_i32(prose, d.prose_range_class, 2), 0); /* 100 m */
	add_time(prose, d.proximity_alert_timestamp, 1767225600);
}

/* Send and wait for the answer (an answer the client would drop as invalid times out here). */
static struct msg *exchange(struct msg *req)
{
	struct msg *ans = NULL;

	assert_int_equal(fdsend_wait(&req, ANSWER_TIMEOUT_MS, &ans), 0);
	assert_non_null(ans);
	return ans;
}

/* The answer is a complete ACA (every AVP its ABNF requires) with that result, record type and
 * number, Acct-Application-Id 3. */
static void check_aca(struct msg *ans, uint32_t result, int32_t type, uint32_t number)
{
	struct fd_pei pei = { 0 };
	struct dk_result res;
	struct msg_hdr *hdr;
	int32_t t = -1;
	uint32_t n = 0, app = 0;

	assert_int_equal(fd_msg_hdr(ans, &hdr), 0);
	assert_int_equal(hdr->msg_code, 271);
	assert_false(hdr->msg_flags & CMD_FLAG_REQUEST);
	assert_int_equal(fd_msg_parse_rules(ans, fd_g_config->cnf_dict, &pei), 0);
	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.vendor, 0);
	assert_int_equal(res.code, result);
	assert_int_equal(dk_get_i32(ans, d.record_type, &t), 0);
	assert_int_equal(t, type);
	assert_int_equal(dk_get_u32(ans, d.record_number, &n), 0);
	assert_int_equal(n, number);
	assert_int_equal(dk_get_u32(ans, d.acct_app_id, &app), 0);
	assert_int_equal(app, 3);
}

/* Send an ACR, expect DIAMETER_SUCCESS echoing its type and number; frees the answer. */
static void send_ok(struct msg *req, int32_t type, uint32_t number)
{
	struct msg *ans = exchange(req);

	check_aca(ans, 2001, type, number);
	fd_msg_free(ans);
}

/* ---- reading what was stored ------------------------------------------------------------ */

struct stored {
	int n;
	uint32_t types[16], numbers[16], marks[16];
	char user[16][64], subscription[16][64];
	uint8_t *acr[16];
	size_t acr_len[16];
};

static int keep(const struct cdr_view *v, void *arg)
{
	struct stored *s = arg;

	if (s->n == 16)
		return E2BIG;
	s->types[s->n] = v->record_type;
	s->numbers[s->n] = v->record_number;
	s->marks[s->n] = v->sequence;
	snprintf(s->user[s->n], sizeof s->user[0], "%s", v->user_name);
	snprintf(s->subscription[s->n], sizeof s->subscription[0], "%s", v->subscription_id);
	s->acr[s->n] = malloc(v->acr_len);
	memcpy(s->acr[s->n], v->acr, v->acr_len);
	s->acr_len[s->n] = v->acr_len;
	s->n++;
	return 0;
}

/* The records of a session, as the daemon committed them (read by this process). */
static struct stored stored_of(const char *session)
{
	struct cdr_store *st = NULL;
	struct cdr_filter f = { .session_id = session };
	struct stored s = { 0 };

	assert_int_equal(cdr_store_open(target == cdf ? store_dir : small_store_dir, 0, 0, &st), 0);
	assert_int_equal(cdr_store_export(st, &f, keep, &s), 0);
	cdr_store_close(st);
	return s;
}

static void stored_free(struct stored *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->acr[i]);
}

static int stored_count(const char *session)
{
	struct stored s = stored_of(session);

	stored_free(&s);
	return s.n;
}

/* The bytes of the first top-level AVP (code, vendor) of an encoded message. */
static const uint8_t *raw_avp(const uint8_t *msg, size_t len, uint32_t code, uint32_t vendor, size_t *avp_len)
{
	size_t off = 20;

	while (off + 8 <= len) {
		const uint8_t *a = msg + off;
		uint32_t c = (uint32_t)a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3];
		size_t l = (size_t)a[5] << 16 | a[6] << 8 | a[7];
		uint32_t v = a[4] & AVP_FLAG_VENDOR ? (uint32_t)a[8] << 24 | a[9] << 16 | a[10] << 8 | a[11] : 0;

		if (l < 8 || off + l > len)
			return NULL;
		if (c == code && v == vendor) {
			*avp_len = l;
			return a;
		}
		off += (l + 3) & ~(size_t)3;
	}
	return NULL;
}

/* Service-Information of the request as sent equals the one in the stored ACR, byte for byte. */
static void check_same_service_information(const uint8_t *sent, size_t sent_len, const uint8_t *kept, size_t kept_len)
{
	size_t a_len = 0, b_len = 0;
	const uint8_t *a = raw_avp(sent, sent_len, 873, DK_VENDOR_3GPP, &a_len);
	const uint8_t *b = raw_avp(kept, kept_len, 873, DK_VENDOR_3GPP, &b_len);

	assert_non_null(a);
	assert_non_null(b);
	assert_true(a_len > 100); /* the whole tree, not an empty group */
	assert_int_equal(a_len, b_len);
	assert_memory_equal(a, b, a_len);
}

/* ---- cdf-ctl ------------------------------------------------------------------------------ */

/* Run cdf-ctl with these arguments (a shell word list); its output in out, its exit status. */
static int run_ctl(char *out, size_t size, const char *fmt, ...)
{
	char args[1024], cmd[PATH_MAX + 1200];
	va_list ap;
	FILE *p;
	size_t n;
	int status;

	va_start(ap, fmt);
	vsnprintf(args, sizeof args, fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof cmd, "'%s' %s 2>&1", ctl, args);
	assert_non_null(p = popen(cmd, "r"));
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

/* The first AVP named name in a JSON AVP list, looked for depth first through "avps". */
static json_t *json_avp(json_t *list, const char *name)
{
	size_t i;
	json_t *a, *found;

	json_array_foreach(list, i, a) {
		const char *n = json_string_value(json_object_get(a, "name"));
		if (n && !strcmp(n, name))
			return a;
		if ((found = json_avp(json_object_get(a, "avps"), name)))
			return found;
	}
	return NULL;
}

/* ---- record types and content ----------------------------------------------------------- */

static void test_each_record_type_stored_with_its_content(void **state)
{
	static const char session[] = "as.test.localdomain;types;1";
	struct msg *req;
	uint8_t *sent = NULL;
	size_t sent_len;
	struct stored s;
	struct cdr_store *st;
	struct cdr_session ss;

	(void)state;
	req = new_acr(session, 2, 0, "alice@test.localdomain", 0);
	add_ims_service_information(req, "call-1");
	assert_int_equal(fd_msg_bufferize(req, &sent, &sent_len), 0);
	send_ok(req, 2, 0);
	for (uint32_t n = 1; n <= 2; n++) {
		req = new_acr(session, 3, n, "alice@test.localdomain", 0);
		add_ims_service_information(req, "call-1");
		send_ok(req, 3, n);
	}
	send_ok(new_acr(session, 4, 3, "alice@test.localdomain", 0), 4, 3);

	s = stored_of(session);
	assert_int_equal(s.n, 4);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(s.types[i], i == 0 ? 2 : i == 3 ? 4 : 3);
		assert_int_equal(s.numbers[i], i);
		assert_int_equal(s.marks[i], 0);
		assert_string_equal(s.user[i], "alice@test.localdomain");
		assert_string_equal(s.subscription[i], i == 3 ? "" : ALICE_URI);
	}
	check_same_service_information(sent, sent_len, s.acr[0], s.acr_len[0]);
	stored_free(&s);
	free(sent);
	assert_int_equal(cdr_store_open(store_dir, 0, 0, &st), 0);
	assert_int_equal(cdr_store_session(st, session, &ss), 0);
	assert_true(ss.started);
	assert_true(ss.stopped);
	assert_int_equal(ss.highest_number, 3);
	cdr_store_close(st);
}

/* Send an EVENT ACR (answered 2001), check that the stored ACR holds its Service-Information byte
 * for byte, and return the record as cdf-ctl exports it (json_decref it). */
static json_t *event_round_trip(const char *session, struct msg *req)
{
	char out[16384];
	uint8_t *sent = NULL;
	size_t sent_len;
	struct stored s;
	json_t *line;
	json_error_t err;

	assert_int_equal(fd_msg_bufferize(req, &sent, &sent_len), 0);
	send_ok(req, 1, 0);
	s = stored_of(session);
	assert_int_equal(s.n, 1);
	check_same_service_information(sent, sent_len, s.acr[0], s.acr_len[0]);
	stored_free(&s);
	free(sent);
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --session '%s'", store_dir, session), 0);
	assert_int_equal(count_lines(out), 1);
	assert_non_null(line = json_loads(out, 0, &err));
	assert_string_equal(json_string_value(json_object_get(line, "record_type")), "EVENT_RECORD");
	assert_string_equal(json_string_value(json_object_get(line, "session_id")), session);
	return line;
}

/* The "value" (or "enum", or "hex") of the first AVP of that name in a record's JSON, as text. */
static const char *avp_text(json_t *line, const char *name, const char *member)
{
	json_t *a = json_avp(json_object_get(line, "avps"), name);

	assert_non_null(a);
	return json_string_value(json_object_get(a, member));
}

static json_int_t avp_number(json_t *line, const char *name)
{
	json_t *a = json_avp(json_object_get(line, "avps"), name);

	assert_non_null(a);
	return json_integer_value(json_object_get(a, "value"));
}

static void test_event_record_as_json(void **state)
{
	static const char session[] = "as.test.localdomain;event;1";
	struct msg *req = new_acr(session, 1, 0, NULL, 1767225600); /* 2026-01-01T00:00:00Z */
	json_t *line;

	(void)state;
	/* a text the JSON must escape: quote, backslash, tab, and a two-byte character */
	add_ims_service_information(req, "ev\"ent\\1\t\xc3\xa9");
	line = event_round_trip(session, req);
	assert_string_equal(avp_text(line, "User-Session-Id", "value"), "ev\"ent\\1\t\xc3\xa9");
	assert_string_equal(json_string_value(json_object_get(line, "event_time")), "2026-01-01T00:00:00Z");
	assert_string_equal(json_string_value(json_object_get(line, "subscription_id")), ALICE_URI);
	assert_int_equal(json_array_size(json_object_get(line, "sequence")), 0);
	assert_int_equal(json_integer_value(json_object_get(json_avp(json_object_get(line, "avps"),
								      "Service-Information"), "vendor")),
			 DK_VENDOR_3GPP);
	assert_int_equal(avp_number(line, "Node-Functionality"), 6); /* AS */
	assert_int_equal(avp_number(line, "Subscription-Id-Type"), 2);
	assert_string_equal(avp_text(line, "Subscription-Id-Type", "enum"), "END_USER_SIP_URI");
	assert_string_equal(avp_text(line, "SIP-Method", "value"), "MESSAGE");
	assert_string_equal(avp_text(line, "Event-Timestamp", "value"), "2026-01-01T00:00:00Z");
	assert_string_equal(avp_text(line, "Subscription-Id-Data", "value"), ALICE_URI);
	json_decref(line);
}

/* Text that is not UTF-8 is kept as hex; control characters are escaped and read back. */
static void test_json_of_awkward_texts(void **state)
{
	static const char session[] = "as.test.localdomain;texts;1";
	struct msg *req = new_acr(session, 1, 0, "bell\x07user", 0);
	json_t *line;

	(void)state;
	add_ims_service_information(req, "\xff\xfe not UTF-8");
	line = event_round_trip(session, req);
	assert_string_equal(avp_text(line, "User-Name", "value"), "bell\x07user");
	assert_null(avp_text(line, "User-Session-Id", "value"));
	assert_string_equal(avp_text(line, "User-Session-Id", "hex"), "fffe206e6f74205554462d38");
	json_decref(line);
}

static void test_lcs_and_prose_information_read_back_equal(void **state)
{
	static const char session[] = "as.test.localdomain;lcs-prose;1";
	struct msg *req = new_acr(session, 1, 0, "alice@test.localdomain", 0);
	json_t *line;

	(void)state;
	add_lcs_prose_service_information(req);
	line = event_round_trip(session, req);
	assert_string_equal(avp_text(line, "LCS-Client-Type", "enum"), "VALUE_ADDED_SERVICES");
	assert_string_equal(avp_text(line, "LCS-Name-String", "value"), "Lab locator");
	assert_string_equal(avp_text(line, "Location-Estimate-Type", "enum"), "CURRENT_LOCATION");
	assert_string_equal(avp_text(line, "Location-Estimate", "hex"), "1022be4b01ac8122");
	assert_int_equal(avp_number(line, "ProSe-Range-Class"), 2);
	assert_string_equal(avp_text(line, "ProSe-Role-Of-UE", "enum"), "REQUESTOR_UE");
	assert_string_equal(avp_text(line, "Proximity-Alert-Timestamp", "value"), "2026-01-01T00:00:00Z");
	assert_string_equal(avp_text(line, "ProSe-App-Id", "value"), "mcc001.mnc01.ProSeApp.lab");
	json_decref(line);
}

/* ---- duplicates and sequence ------------------------------------------------------------ */

static uint64_t duplicates_answered(void)
{
	struct cdr_store *st;
	struct cdr_stats stats;

	assert_int_equal(cdr_store_open(store_dir, 0, 0, &st), 0);
	assert_int_equal(cdr_store_stats(st, &stats), 0);
	cdr_store_close(st);
	return stats.duplicates;
}

static void test_retransmission_stored_once_and_answered_again(void **state)
{
	static const char session[] = "as.test.localdomain;dup;1";
	uint64_t before = duplicates_answered();
	struct msg *req;
	struct msg_hdr *hdr;
	struct stored s;

	(void)state;
	send_ok(new_acr(session, 2, 0, NULL, 0), 2, 0);
	send_ok(new_acr(session, 3, 1, NULL, 0), 3, 1);
	/* the INTERIM again with the T flag (after a failover), then once more without it */
	req = new_acr(session, 3, 1, NULL, 0);
	assert_int_equal(fd_msg_hdr(req, &hdr), 0);
	hdr->msg_flags |= CMD_FLAG_RETRANSMIT;
	send_ok(req, 3, 1);
	send_ok(new_acr(session, 3, 1, NULL, 0), 3, 1);
	s = stored_of(session);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.numbers[1], 1);
	stored_free(&s);
	assert_int_equal(duplicates_answered(), before + 2);
}

static void test_out_of_sequence_records_stored_and_marked(void **state)
{
	static const char no_start[] = "as.test.localdomain;seq;1", session[] = "as.test.localdomain;seq;2";
	char out[16384];
	struct stored s;

	(void)state;
	send_ok(new_acr(no_start, 3, 1, NULL, 0), 3, 1); /* INTERIM without START */
	send_ok(new_acr(session, 2, 0, NULL, 0), 2, 0);
	send_ok(new_acr(session, 3, 2, NULL, 0), 3, 2);
	send_ok(new_acr(session, 3, 1, NULL, 0), 3, 1); /* number going backwards */
	send_ok(new_acr(session, 4, 3, NULL, 0), 4, 3);
	send_ok(new_acr(session, 2, 4, NULL, 0), 2, 4); /* START after STOP */
	s = stored_of(no_start);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.marks[0], CDR_SEQ_NO_START);
	stored_free(&s);
	s = stored_of(session);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.marks[0], 0);
	assert_int_equal(s.marks[1], CDR_SEQ_LATE); /* number 1, received after 2 */
	assert_int_equal(s.marks[2], 0);
	assert_int_equal(s.marks[3], 0);
	assert_int_equal(s.marks[4], CDR_SEQ_AFTER_STOP | CDR_SEQ_RESTART);
	stored_free(&s);
	/* cdf-ctl shows the marks by name */
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --session '%s'", store_dir, session), 0);
	assert_int_equal(count_lines(out), 5);
	assert_non_null(strstr(out, "\"sequence\":[\"late\"]"));
	assert_non_null(strstr(out, "\"sequence\":[\"after_stop\",\"restart\"]"));
}

/* ---- bad input ------------------------------------------------------------------------------- */

static void assert_not_stored(const char *session)
{
	assert_int_equal(stored_count(session), 0);
}

/* The answer's Failed-AVP holds an AVP of that model; its value when it is a number. */
static uint32_t failed_avp_value(struct msg *ans, struct dict_object *model)
{
	struct avp *failed = NULL, *inner = NULL;
	struct avp_hdr *hdr;

	assert_int_equal(dk_find(ans, dk_base.failed_avp, &failed), 0);
	assert_non_null(failed);
	assert_int_equal(dk_find(failed, model, &inner), 0);
	assert_non_null(inner);
	assert_int_equal(fd_msg_avp_hdr(inner, &hdr), 0);
	return hdr->avp_value ? hdr->avp_value->u32 : 0;
}

static void test_record_type_out_of_range_is_5004(void **state)
{
	static const char session[] = "as.test.localdomain;bad;type";
	struct msg *ans;

	(void)state;
	ans = exchange(new_acr(session, 7, 0, "alice@test.localdomain", 0));
	check_aca(ans, 5004, 7, 0);
	assert_int_equal(failed_avp_value(ans, d.record_type), 7);
	fd_msg_free(ans);
	ans = exchange(new_acr(session, 0, 0, NULL, 0));
	check_aca(ans, 5004, 0, 0);
	fd_msg_free(ans);
	assert_not_stored(session);
}

/* A Session-Id the store cannot key (empty, or longer than CDR_MAX_ID_LEN) is refused alone. */
static void test_session_id_the_store_cannot_key_is_5004(void **state)
{
	char session[CDR_MAX_ID_LEN + 2];
	struct msg *ans;
	struct avp *failed = NULL, *sid = NULL;

	(void)state;
	memset(session, 's', sizeof session - 1);
	session[sizeof session - 1] = '\0';
	for (int i = 0; i < 2; i++) {
		ans = exchange(new_acr(i ? session : "", 1, 0, NULL, 0));
		check_aca(ans, 5004, 1, 0); /* with the Session-Id, even empty */
		assert_int_equal(dk_find(ans, dk_base.failed_avp, &failed), 0);
		assert_non_null(failed);
		assert_int_equal(dk_find(failed, dk_base.session_id, &sid), 0);
		assert_non_null(sid);
		fd_msg_free(ans);
	}
	assert_not_stored(session);
	/* the next ACR is stored as usual */
	send_ok(new_acr("as.test.localdomain;after-bad-session", 1, 0, NULL, 0), 1, 0);
}

static void test_missing_mandatory_avp_is_5005_in_a_valid_aca(void **state)
{
	static const char session[] = "as.test.localdomain;bad;missing";
	struct msg *ans;

	(void)state;
	/* no Accounting-Record-Number: the core answers; the CDF completes the ACA */
	ans = exchange(new_acr(session, 2, UINT32_MAX, NULL, 0));
	check_aca(ans, 5005, 2, 0);
	(void)failed_avp_value(ans, d.record_number);
	fd_msg_free(ans);
	/* no Accounting-Record-Type */
	ans = exchange(new_acr(session, -1, 5, NULL, 0));
	check_aca(ans, 5005, 1, 5);
	(void)failed_avp_value(ans, d.record_type);
	fd_msg_free(ans);
	assert_not_stored(session);
}

static void test_malformed_grouped_avp_is_answered(void **state)
{
	static const char session[] = "as.test.localdomain;bad;grouped";
	/* one AVP header announcing 200 bytes inside a group of 12 */
	static const uint8_t broken[] = { 0, 0, 0x03, 0xe8, 0x40, 0, 0, 200, 0, 0, 0, 1 };
	struct msg *req = new_acr(session, 1, 0, NULL, 0), *ans;
	struct dk_result res;
	struct msg_hdr *hdr;

	(void)state;
	assert_int_equal(dk_add_os(req, d.opaque_grouped, broken, sizeof broken), 0);
	ans = exchange(req);
	assert_int_equal(dk_get_result(ans, &res), 0);
	/* freeDiameter 1.2.1's own answer to a grouped AVP whose content does not parse */
	assert_int_equal(res.code, 5004);
	assert_int_equal(fd_msg_hdr(ans, &hdr), 0);
	assert_int_equal(hdr->msg_code, 271);
	check_aca(ans, 5004, 1, 0);
	fd_msg_free(ans);
	assert_not_stored(session);
}

/* ---- cdf-ctl ------------------------------------------------------------------------------ */

static void test_cli_filters_and_errors(void **state)
{
	char out[65536];

	(void)state;
	/* 2026-03-01, 2026-03-02, 2026-03-03: dates no other test uses */
	send_ok(new_acr("as.test.localdomain;cli;1", 1, 0, "carol@test.localdomain", 1772323200), 1, 0);
	send_ok(new_acr("as.test.localdomain;cli;2", 1, 0, "dave@test.localdomain", 1772409600), 1, 0);
	send_ok(new_acr("as.test.localdomain;cli;3", 1, 0, "carol@test.localdomain", 1772496000), 1, 0);

	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --user carol@test.localdomain", store_dir), 0);
	assert_int_equal(count_lines(out), 2);
	assert_non_null(strstr(out, "cli;1"));
	assert_non_null(strstr(out, "cli;3"));
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --from 2026-03-02 --to 2026-03-02T23:59:59Z",
				 store_dir), 0);
	assert_int_equal(count_lines(out), 1);
	assert_non_null(strstr(out, "cli;2"));
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --user carol@test.localdomain --from 1772409600",
				 store_dir), 0);
	assert_int_equal(count_lines(out), 1);
	assert_non_null(strstr(out, "cli;3"));
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --user nobody", store_dir), 0);
	assert_int_equal(count_lines(out), 0);

	assert_int_equal(run_ctl(out, sizeof out, "show --store '%s' --session 'as.test.localdomain;cli;2'", store_dir), 0);
	assert_non_null(strstr(out, "\"records\": 1"));
	assert_non_null(strstr(out, "dave@test.localdomain"));
	assert_int_equal(run_ctl(out, sizeof out, "stats --store '%s'", store_dir), 0);
	assert_non_null(strstr(out, "\"EVENT_RECORD\":"));

	/* errors: a message and a non-zero status */
	assert_int_equal(run_ctl(out, sizeof out, "show --store '%s' --session nosuch", store_dir), 1);
	assert_non_null(strstr(out, "no record of session nosuch"));
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --from yesterday", store_dir), 2);
	assert_non_null(strstr(out, "bad time"));
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --from 2026-03-02 --to 2026-03-01", store_dir), 2);
	assert_int_equal(run_ctl(out, sizeof out, "export"), 2);
	assert_non_null(strstr(out, "--store"));
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s' --colour red", store_dir), 2);
	assert_int_equal(run_ctl(out, sizeof out, "frobnicate --store '%s'", store_dir), 2);
	assert_int_equal(run_ctl(out, sizeof out, "show --store '%s'", store_dir), 2);
	assert_int_equal(run_ctl(out, sizeof out, "stats --store '%s/none'", store_dir), 3);
	assert_int_equal(run_ctl(out, sizeof out, "--help"), 0);
	assert_non_null(strstr(out, "usage: cdf-ctl"));
}

/* ---- configuration ---------------------------------------------------------------------- */

/* ---- hostile values ------------------------------------------------------------------------ */

#define HOSTILE_ACRS 600
#define HOSTILE_SESSIONS 8

/* What came back for each (session, record number) tried: whether some ACR of it got 2001; and
 * per session how many ACRs with a random number above 5 (each its own pair) got 2001. */
static int hostile_acked[HOSTILE_SESSIONS][6], hostile_acked_random[HOSTILE_SESSIONS];
static int hostile_last_session, hostile_last_number;

static void hostile_session(char *buf, size_t size, int i)
{
	snprintf(buf, size, "as.test.localdomain;hostile;%d", i);
}

/* An ACR of random values: a few sessions and record numbers, so that retransmissions meet; any
 * record type; User-Name and Event-Timestamp of anything; Service-Information with IMS-, LCS- or
 * ProSe-Information of random values. */
static struct msg *hostile_acr(void)
{
	char session[64];
	uint8_t bytes[40];
	struct avp *si = NULL, *g = NULL, *sub = NULL;
	uint32_t number = hostile_below(3) ? hostile_below(6) : hostile_next();
	struct msg *req;

	hostile_last_session = (int)hostile_below(HOSTILE_SESSIONS);
	hostile_last_number = number < 6 ? (int)number : -1;
	hostile_session(session, sizeof session, hostile_last_session);
	req = new_acr(session, hostile_below(4) ? 1 + (int32_t)hostile_below(4) : hostile_int(), number, NULL,
		      hostile_below(2) ? (int64_t)hostile_next() : 0);
	if (hostile_below(2))
		assert_int_equal(hostile_add_text(req, dk_base.user_name, "alice@test.localdomain", ""), 0);
	if (hostile_below(2))
		return req;
	assert_int_equal(dk_add_group(req, d.service_information, &si), 0);
	switch (hostile_below(3)) {
	case 0:
		assert_int_equal(dk_add_group(si, d.ims_information, &g), 0);
		assert_int_equal(dk_add_i32(g, d.node_functionality, hostile_below(2) ? 6 : hostile_int()), 0);
		assert_int_equal(dk_add_i32(g, d.role_of_node, hostile_int()), 0);
		assert_int_equal(hostile_add_text(g, d.user_session_id, "call-1", "\"quoted\""), 0);
		assert_int_equal(hostile_add_text(g, d.calling_party, ALICE_URI, "tel:+1"), 0);
		assert_int_equal(dk_add_group(g, d.event_type, &sub), 0);
		assert_int_equal(hostile_add_text(sub, d.sip_method, "MESSAGE", "<&>"), 0);
		break;
	case 1:
		assert_int_equal(dk_add_group(si, d.lcs_information, &g), 0);
		assert_int_equal(dk_add_group(g, d.lcs_client_id, &sub), 0);
		assert_int_equal(dk_add_i32(sub, d.lcs_client_type, hostile_int()), 0);
		assert_int_equal(hostile_add_text(sub, d.lcs_client_external_id, "prose-as", "\\"), 0);
		assert_int_equal(dk_add_group(g, d.location_type, &sub), 0);
		assert_int_equal(dk_add_i32(sub, d.location_estimate_type, hostile_int()), 0);
		assert_int_equal(dk_add_os(g, d.location_estimate, bytes, hostile_bytes(bytes, sizeof bytes)), 0);
		break;
	default:
		assert_int_equal(dk_add_group(si, d.prose_information, &g), 0);
		assert_int_equal(dk_add_i32(g, d.prose_event_type, hostile_int()), 0);
		assert_int_equal(dk_add_i32(g, d.prose_role_of_ue, hostile_int()), 0);
		assert_int_equal(dk_add_i32(g, d.prose_range_class, hostile_int()), 0);
		add_time(g, d.proximity_alert_timestamp, (int64_t)hostile_next());
		assert_int_equal(hostile_add_text(g, d.prose_app_id, "app", ""), 0);
	}
	return req;
}

/* Every hostile ACR is answered; each (session, number) acknowledged is stored once, whatever
 * came again; and cdf-ctl exports every stored record as one JSON line. */
static void test_hostile_acrs_answered_and_stored_once(void **state)
{
	static char out[1 << 22];
	char session[64], *line;
	struct cdr_store *st;
	struct cdr_session ss;
	int successes = 0, errors = 0, stored = 0, lines = 0;

	(void)state;
	for (int i = 0; i < HOSTILE_ACRS; i++) {
		uint64_t at = hostile_seed;
		struct msg *req = hostile_acr(), *ans = NULL;
		struct dk_result res = { 0 };

		if (fdsend_wait(&req, ANSWER_TIMEOUT_MS, &ans) || dk_get_result(ans, &res) || !res.code)
			fail_msg("ACR %d (hostile_seed %#llx): no answer with a result", i, (unsigned long long)at);
		fd_msg_free(ans);
		if (res.code != 2001) {
			errors++;
			continue;
		}
		successes++;
		if (hostile_last_number >= 0)
			hostile_acked[hostile_last_session][hostile_last_number] = 1;
		else
			hostile_acked_random[hostile_last_session]++;
	}
	print_message("%d answered 2001, %d with an error\n", successes, errors);
	assert_true(successes > 0 && errors > 0);
	assert_int_equal(cdr_store_open(store_dir, 0, 0, &st), 0);
	for (int i = 0; i < HOSTILE_SESSIONS; i++) {
		int acked = hostile_acked_random[i];

		for (int n = 0; n < 6; n++)
			acked += hostile_acked[i][n];
		hostile_session(session, sizeof session, i);
		if (cdr_store_session(st, session, &ss))
			ss.records = 0;
		assert_int_equal(ss.records, acked);
		stored += (int)ss.records;
	}
	cdr_store_close(st);
	assert_int_equal(run_ctl(out, sizeof out, "export --store '%s'", store_dir), 0);
	for (line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		json_t *cdr = json_loads(line, 0, NULL);

		if (!cdr)
			fail_msg("not a JSON line: %.200s", line);
		lines += strstr(json_string_value(json_object_get(cdr, "session_id")), ";hostile;") != NULL;
		json_decref(cdr);
	}
	assert_int_equal(lines, stored);
}

static void test_bad_configuration_stops_the_daemon(void **state)
{
	static const struct {
		const char *conf, *says;
	} bad[] = {
		{ "map_size_mb = 8\n", "'store' (the CDR store folder) is required" },
		{ "store = /tmp/x\nmax_batch = 0\n", "max_batch must be a number from 1 to 4096, not '0'" },
		{ "store = /tmp/x\nbatch = 4\n", "unknown setting 'batch'" },
		{ "store = /proc/no/such/folder\n", "cannot open the CDR store /proc/no/such/folder" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct fdnet n;
		struct fdnet_node *node;

		assert_int_equal(fdnet_init(&n, "cdf_bad_conf"), 0);
		assert_non_null(node = add_cdf_conf(&n, "badcdf", bad[i].conf));
		assert_int_not_equal(fdnet_start(&n), 0);
		assert_true(fdnet_log_contains(node, bad[i].says));
		fdnet_stop(&n);
	}
}

/* ---- a full store ------------------------------------------------------------------------ */

/* Until the 1 MB store of small_cdf is full: each ACR answered 2001 is stored, each one answered
 * 4002 DIAMETER_OUT_OF_SPACE is not, and the daemon goes on answering. Then small_cdf stops, so
 * that no later request can fail over to it. */
static void test_full_store_answers_4002_and_stores_nothing(void **state)
{
	char session[64], padding[4001];
	int stored = 0, refused = 0;
	int status;

	(void)state;
	memset(padding, 'x', sizeof padding - 1);
	padding[sizeof padding - 1] = '\0';
	target = small_cdf;
	for (int i = 0; i < 2000 && refused < 3; i++) {
		struct msg *req, *ans;
		struct dk_result res;

		snprintf(session, sizeof session, "as.test.localdomain;full;%d", i);
		req = new_acr(session, 1, 0, NULL, 0);
		add_ims_service_information(req, padding);
		ans = exchange(req);
		assert_int_equal(dk_get_result(ans, &res), 0);
		assert_true(res.code == 2001 || res.code == 4002);
		check_aca(ans, res.code, 1, 0);
		fd_msg_free(ans);
		assert_int_equal(stored_count(session), res.code == 2001);
		stored += res.code == 2001;
		refused += res.code == 4002;
	}
	target = cdf;
	assert_true(stored > 10);
	assert_int_equal(refused, 3);
	assert_int_equal(kill(small_cdf->pid, SIGTERM), 0);
	assert_int_equal(waitpid(small_cdf->pid, &status, 0), small_cdf->pid);
	small_cdf->pid = 0;
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* ---- kill -9 in the middle of a stream -------------------------------------------------- */

#define STREAM_MAX 4000
#define STREAM_WINDOW 32
#define KILL_AFTER_ACKS 400

static struct {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	int outstanding, acked;
	unsigned char answered[STREAM_MAX]; /* 1: success answer, 2: other answer or expired */
} stream = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, { 0 } };

static void stream_done(intptr_t i, int success)
{
	pthread_mutex_lock(&stream.lock);
	stream.answered[i] = success ? 1 : 2;
	stream.acked += success;
	stream.outstanding--;
	pthread_cond_broadcast(&stream.changed);
	pthread_mutex_unlock(&stream.lock);
}

static void on_stream_answer(void *data, struct msg **ans)
{
	struct dk_result res = { 0 };

	stream_done((intptr_t)data, !dk_get_result(*ans, &res) && res.code == 2001);
	fd_msg_free(*ans);
	*ans = NULL;
}

static void on_stream_expiry(void *data, DiamId_t to, size_t len, struct msg **req)
{
	(void)to;
	(void)len;
	(void)req;
	stream_done((intptr_t)data, 0);
}

static void stream_session(char *buf, size_t size, int i)
{
	snprintf(buf, size, "as.test.localdomain;fault;%d", i);
}

/* Wait (at most ms) until fewer than 'below' requests are outstanding: 1 when they are. */
static int stream_wait(int below, int ms)
{
	struct timespec until;
	int ok;

	dk_deadline_in(ms, &until);
	pthread_mutex_lock(&stream.lock);
	while (stream.outstanding >= below && pthread_cond_timedwait(&stream.changed, &stream.lock, &until) == 0)
		;
	ok = stream.outstanding < below;
	pthread_mutex_unlock(&stream.lock);
	return ok;
}

static int peer_open(const char *identity)
{
	struct peer_hdr *hdr = NULL;

	return !fd_peer_getbyid((DiamId_t)identity, strlen(identity), 0, &hdr) && hdr &&
	       fd_peer_get_state(hdr) == STATE_OPEN;
}

static void restart_cdf(void)
{
	assert_int_equal(fdnet_start_node(cdf), 0);
	for (int i = 0; i < 300 && !peer_open(cdf->identity); i++)
		usleep(100 * 1000);
	assert_true(peer_open(cdf->identity));
}

static void test_kill9_in_a_stream_loses_no_acknowledged_record(void **state)
{
	char session[64];
	struct cdr_store *st;
	struct cdr_stats stats;
	struct cdr_session ss;
	int sent = 0, killed = 0, acked = 0;

	(void)state;
	for (; sent < STREAM_MAX && !killed; sent++) {
		struct msg *req;
		struct timespec expiry;

		assert_true(stream_wait(STREAM_WINDOW, ANSWER_TIMEOUT_MS));
		stream_session(session, sizeof session, sent);
		req = new_acr(session, 1, 0, NULL, 0);
		pthread_mutex_lock(&stream.lock);
		stream.outstanding++;
		acked = stream.acked;
		pthread_mutex_unlock(&stream.lock);
		dk_deadline_in(3000, &expiry);
		assert_int_equal(fd_msg_send_timeout(&req, on_stream_answer, (void *)(intptr_t)sent, on_stream_expiry, &expiry), 0);
		if (acked >= KILL_AFTER_ACKS) {
			/* the exact daemon the harness started, while ACRs are in flight */
			assert_int_equal(kill(cdf->pid, SIGKILL), 0);
			assert_int_equal(waitpid(cdf->pid, NULL, 0), cdf->pid);
			cdf->pid = 0;
			killed = 1;
		}
	}
	assert_true(killed);
	(void)stream_wait(1, 5000); /* answers already on their way, expiries of the rest */

	/* the store opens cleanly, every record reads back, and every acknowledged ACR is there */
	assert_int_equal(cdr_store_open(store_dir, 0, 0, &st), 0);
	assert_int_equal(cdr_store_stats(st, &stats), 0);
	pthread_mutex_lock(&stream.lock);
	acked = stream.acked;
	for (int i = 0; i < sent; i++) {
		stream_session(session, sizeof session, i);
		if (stream.answered[i] == 1) {
			assert_int_equal(cdr_store_session(st, session, &ss), 0);
			assert_int_equal(ss.records, 1);
		}
	}
	pthread_mutex_unlock(&stream.lock);
	cdr_store_close(st);
	assert_true(acked >= KILL_AFTER_ACKS);
	print_message("kill -9 after %d ACRs sent, %d acknowledged; %llu records in the store\n", sent, acked,
		      (unsigned long long)stats.records);

	/* the CDF starts again on the same store and goes on */
	restart_cdf();
	stream_session(session, sizeof session, 0);
	send_ok(new_acr(session, 1, 0, NULL, 0), 1, 0); /* a retransmission of an acknowledged one */
	send_ok(new_acr("as.test.localdomain;after-restart", 1, 0, NULL, 0), 1, 0);
	assert_int_equal(stored_count("as.test.localdomain;after-restart"), 1);
	assert_int_equal(stored_count(session), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_record_type_stored_with_its_content),
		cmocka_unit_test(test_event_record_as_json),
		cmocka_unit_test(test_json_of_awkward_texts),
		cmocka_unit_test(test_lcs_and_prose_information_read_back_equal),
		cmocka_unit_test(test_retransmission_stored_once_and_answered_again),
		cmocka_unit_test(test_out_of_sequence_records_stored_and_marked),
		cmocka_unit_test(test_record_type_out_of_range_is_5004),
		cmocka_unit_test(test_session_id_the_store_cannot_key_is_5004),
		cmocka_unit_test(test_missing_mandatory_avp_is_5005_in_a_valid_aca),
		cmocka_unit_test(test_malformed_grouped_avp_is_answered),
		cmocka_unit_test(test_cli_filters_and_errors),
		cmocka_unit_test(test_hostile_acrs_answered_and_stored_once),
		cmocka_unit_test(test_bad_configuration_stops_the_daemon),
		cmocka_unit_test(test_full_store_answers_4002_and_stores_nothing),
		/* last: it kills and restarts the daemon */
		cmocka_unit_test(test_kill9_in_a_stream_loses_no_acknowledged_record),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
