#include "location_lab.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "diamkit.h"
#include "mlp.h"
#include "spawn.h"
#include "store.h"

/* A subscriber the lab MME serves. */
#define MME_SERVED(name, msisdn, imsi)                                                              \
	"{\"impi\": \"" name "@" REALM "\", \"impus\": [{\"uri\": \"sip:" name "@" REALM "\"}],"     \
	" \"msisdns\": [\"" msisdn "\"], \"imsi\": \"" imsi "\","                                     \
	" \"serving_node\": {\"mme_name\": \"mme." REALM "\", \"mme_realm\": \"" REALM "\"}}"

static const char store_json[] =
	"{\"subscribers\": ["
	"{\"impi\": \"alice@" REALM "\", \"impus\": [{\"uri\": \"sip:alice@" REALM "\"}],"
	" \"msisdns\": [\"" ALICE_MSISDN "\"], \"imsi\": \"" ALICE_IMSI "\","
	" \"serving_node\": {\"mme_name\": \"mme." REALM "\", \"mme_realm\": \"" REALM "\"}},"
	"{\"impi\": \"bob@" REALM "\", \"impus\": [{\"uri\": \"sip:bob@" REALM "\"}],"
	" \"msisdns\": [\"" BOB_MSISDN "\"], \"imsi\": \"001010000000002\","
	" \"serving_node\": {\"mme_name\": \"mme." REALM "\", \"mme_realm\": \"" REALM "\"}},"
	/* carol's visited MME is the same daemon: roaming is out of this test's scope */
	"{\"impi\": \"carol@" REALM "\", \"impus\": [{\"uri\": \"sip:carol@" REALM "\"}],"
	" \"msisdns\": [\"" CAROL_MSISDN "\"], \"imsi\": \"001010000000003\","
	" \"serving_node\": {\"mme_name\": \"mme." REALM "\", \"mme_realm\": \"" REALM "\"}},"
	"{\"impi\": \"dave@" REALM "\", \"impus\": [{\"uri\": \"sip:dave@" REALM "\"}],"
	" \"msisdns\": [\"" DAVE_MSISDN "\"], \"imsi\": \"001010000000004\"},"
	/* eve's MME is no peer of the gmlc: the PLR cannot be delivered */
	"{\"impi\": \"eve@" REALM "\", \"impus\": [{\"uri\": \"sip:eve@" REALM "\"}],"
	" \"msisdns\": [\"" EVE_MSISDN "\"], \"imsi\": \"001010000000005\","
	" \"serving_node\": {\"mme_name\": \"ghost." REALM "\", \"mme_realm\": \"" REALM "\"}},"
	"{\"impi\": \"frank@" REALM "\", \"impus\": [{\"uri\": \"sip:frank@" REALM "\"}],"
	" \"msisdns\": [\"" FRANK_MSISDN "\"], \"imsi\": \"001010000000006\","
	" \"serving_node\": {\"mme_name\": \"mme." REALM "\", \"mme_realm\": \"" REALM "\"}},"
	"{\"impi\": \"grace@" REALM "\", \"impus\": [{\"uri\": \"sip:grace@" REALM "\"}],"
	" \"msisdns\": [\"" GRACE_MSISDN "\"], \"imsi\": \"001010000000007\","
	" \"serving_node\": {\"mme_name\": \"mme." REALM "\", \"mme_realm\": \"" REALM "\"}},"
	"{\"impi\": \"heidi@" REALM "\", \"impus\": [{\"uri\": \"sip:heidi@" REALM "\"}],"
	" \"msisdns\": [\"" HEIDI_MSISDN "\"], \"imsi\": \"001010000000008\","
	" \"serving_node\": {\"mme_name\": \"mme." REALM "\", \"mme_realm\": \"" REALM "\"}},"
	MME_SERVED("ivan", IVAN_MSISDN, "001010000000009") ","
	MME_SERVED("judy", JUDY_MSISDN, "001010000000010") ","
	MME_SERVED("karl", KARL_MSISDN, "001010000000011") ","
	MME_SERVED("liam", LIAM_MSISDN, "001010000000012") ","
	"{\"impi\": \"mallory@" REALM "\", \"impus\": [{\"uri\": \"sip:mallory@" REALM "\"}],"
	" \"msisdns\": [\"" MALLORY_MSISDN "\"], \"imsi\": \"001010000000013\","
	" \"serving_node\": {\"mme_name\": \"probe." REALM "\", \"mme_realm\": \"" REALM "\"}}"
	"]}";

#define TEXT(x) #x
#define NUMBER_TEXT(x) TEXT(x)

#define DEFAULT_MME_SHAPE "\"shape\": \"circle\", \"uncertainty_m\": 100"

/* The MME's scenario after its shape settings. */
static const char scenario_ues[] =
	"\"ues\": [\n"
	"  { \"imsi\": \"" ALICE_IMSI "\", \"msisdn\": \"" ALICE_MSISDN "\", \"age_minutes\": 2,\n"
	"    \"position\": { \"lat\": 45.0, \"lon\": 2.8125, \"alt\": " NUMBER_TEXT(ALICE_ALT) " } },\n"
	"  { \"imsi\": \"001010000000002\", \"error\": \"positioning_denied\",\n"
	"    \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"imsi\": \"001010000000003\", \"position\": { \"lat\": -33.75, \"lon\": 151.875 },\n"
	"    \"allowed_clients\": [ \"" CLIENT_ID "\" ] },\n"
	/* frank: 5.9 km east of alice, then 200 m from her for two seconds, and back, every 6 s */
	"  { \"imsi\": \"001010000000006\", \"trajectory\": [\n"
	"    { \"t\": 0, \"lat\": 45.0, \"lon\": 2.8875 }, { \"t\": 2, \"lat\": 45.0, \"lon\": 2.815 },\n"
	"    { \"t\": 4, \"lat\": 45.0, \"lon\": 2.815 }, { \"t\": 6, \"lat\": 45.0, \"lon\": 2.8875 } ] },\n"
	"  { \"imsi\": \"001010000000007\", \"delay_ms\": 6000, \"position\": { \"lat\": 45.0, \"lon\": 2.8125 } },\n"
	"  { \"imsi\": \"001010000000008\", \"delay_ms\": " NUMBER_TEXT(SLOW_POSITIONING_MS) ",\n"
	"    \"position\": { \"lat\": 45.0, \"lon\": 2.8125 } },\n"
	"  { \"imsi\": \"001010000000009\", \"error\": \"unreachable\", \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"imsi\": \"001010000000010\", \"error\": \"suspended\", \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"imsi\": \"001010000000011\", \"error\": \"detached\", \"position\": { \"lat\": 0, \"lon\": 0 } },\n"
	"  { \"imsi\": \"001010000000012\", \"error\": \"positioning_failed\", \"position\": { \"lat\": 0, \"lon\": 0 } }\n"
	"] }\n";

int lab_circle_at(const struct mlp_pos *p, double lat, double lon)
{
	return p->shape.kind == MLP_CIRCULAR_AREA && fabs(p->shape.coord.lat - lat) < 1e-5 &&
	       fabs(p->shape.coord.lon - lon) < 1e-5;
}

long lab_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

void lab_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

int lab_free_port(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof sin;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd >= 0 && !bind(fd, (struct sockaddr *)&sin, sizeof sin) &&
	    !getsockname(fd, (struct sockaddr *)&sin, &len))
		port = ntohs(sin.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static int import_store(const char *dir)
{
	char err[STORE_ERR_LEN];
	struct hss_store *store = NULL;
	json_t *doc;
	int ret;

	if (store_open(dir, 1, &store) || !(doc = json_loads(store_json, 0, NULL)))
		return -1;
	ret = store_import(store, doc, err, sizeof err, NULL, 0, NULL);
	json_decref(doc);
	store_close(store);
	return ret ? -1 : 0;
}

/* The stubs' configurations and the store. */
static int write_stub_files(const struct location_lab *lab, char *hss_conf, char *mme_conf)
{
	char dir[PATH_MAX], json[PATH_MAX], text[PATH_MAX + 32], scenario[4096];
	int n = snprintf(scenario, sizeof scenario, "{ %s, %s", lab->mme_shape ? lab->mme_shape : DEFAULT_MME_SHAPE,
			 scenario_ues);

	snprintf(dir, sizeof dir, "%s/store", lab->net.dir);
	snprintf(hss_conf, PATH_MAX, "%s/hss_stub.conf", lab->net.dir);
	snprintf(json, sizeof json, "%s/scenario.json", lab->net.dir);
	snprintf(mme_conf, PATH_MAX, "%s/mme_stub.conf", lab->net.dir);
	snprintf(text, sizeof text, "store = %s\n%s", dir, lab->hss_settings ? lab->hss_settings : "");
	if (n < 0 || (size_t)n >= sizeof scenario || import_store(dir) || write_text_file(hss_conf, text) ||
	    write_text_file(json, scenario))
		return -1;
	snprintf(text, sizeof text, "scenario = %s\n", json);
	return write_text_file(mme_conf, text);
}

/* The gmlc program's configuration, naming the freeDiameter one fdnet writes for its node. */
static int write_gmlc_conf(struct location_lab *lab, const char *path)
{
	char text[2 * PATH_MAX];

	snprintf(text, sizeof text,
		 "fd_config = %s\nlisten = 127.0.0.1:%d\nhss_realm = " REALM "\nhss_host = %s\n"
		 "client = " CLIENT_ID " " CLIENT_PWD "\nclient = app2 other\ntimeout_ms = 5000\nmax_body = 65536\n%s",
		 lab->gmlc->conf_path, lab->http_port, lab->hss->identity,
		 lab->gmlc_settings ? lab->gmlc_settings : "");
	return write_text_file(path, text);
}

/* The SLg application advertised by the embedded probe, as the MME's would be. */
static int start_probe(struct location_lab *lab)
{
	struct dict_object *app = NULL, *vendor = NULL;
	vendor_id_t v = DK_VENDOR_3GPP;

	if (fdnet_embedded_parse(lab->probe) ||
	    fd_dict_search(fd_g_config->cnf_dict, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT) ||
	    dk_find_application(fd_g_config->cnf_dict, 16777255, &app) || fd_disp_app_support(app, vendor, 1, 0) ||
	    dk_base_init())
		return -1;
	return fdnet_embedded_start(&lab->net, lab->probe);
}

static int start(struct location_lab *lab, const char *test_name, int with_probe)
{
	char hss_conf[PATH_MAX], mme_conf[PATH_MAX], gmlc_conf[PATH_MAX], program[PATH_MAX], fdx_dir[PATH_MAX];
	const char *gmlc_settings = lab->gmlc_settings, *hss_settings = lab->hss_settings, *mme_shape = lab->mme_shape;

	memset(lab, 0, sizeof *lab);
	lab->gmlc_settings = gmlc_settings;
	lab->hss_settings = hss_settings;
	lab->mme_shape = mme_shape;
	if (fdnet_init(&lab->net, test_name) || mlp_init(NULL, NULL, 0) || write_stub_files(lab, hss_conf, mme_conf) ||
	    (lab->http_port = lab_free_port()) < 0)
		return -1;
	snprintf(fdx_dir, sizeof fdx_dir, "%s", getenv("TK_FDX_DIR"));
	snprintf(program, sizeof program, "%s/bin/gmlc", dirname(fdx_dir)); /* beside build/fdx */
	snprintf(gmlc_conf, sizeof gmlc_conf, "%s/gmlc-mlp.conf", lab->net.dir);
	lab->hss = fdnet_add(&lab->net, "hss", REALM);
	lab->mme = fdnet_add(&lab->net, "mme", REALM);
	lab->gmlc = fdnet_add_program(&lab->net, "gmlc", REALM, program, gmlc_conf, "gmlc: serving MLP");
	if (!lab->hss || !lab->mme || !lab->gmlc || write_gmlc_conf(lab, gmlc_conf))
		return -1;
	fdnet_load_dictionaries(lab->hss);
	fdnet_load(lab->hss, fdnet_fdx("hss_stub"), hss_conf);
	fdnet_load_dictionaries(lab->mme);
	fdnet_load(lab->mme, fdnet_fdx("mme_stub"), mme_conf);
	fdnet_load_dictionaries(lab->gmlc);
	fdnet_link(&lab->net, lab->gmlc, lab->hss);
	fdnet_link(&lab->net, lab->gmlc, lab->mme);
	if (with_probe) {
		if (!(lab->probe = fdnet_add_embedded(&lab->net, "probe", REALM)))
			return -1;
		fdnet_load_dictionaries(lab->probe);
		fdnet_link(&lab->net, lab->probe, lab->gmlc);
	}
	if (fdnet_start(&lab->net))
		return -1;
	return with_probe ? start_probe(lab) : 0;
}

int location_lab_start(struct location_lab *lab, const char *test_name)
{
	return start(lab, test_name, 0);
}

int location_lab_start_probe(struct location_lab *lab, const char *test_name)
{
	return start(lab, test_name, 1);
}

int location_lab_stop(struct location_lab *lab)
{
	int failed;

	if (lab->probe)
		fdnet_embedded_stop();
	failed = fdnet_stop(&lab->net);

	mlp_cleanup();
	return failed;
}
