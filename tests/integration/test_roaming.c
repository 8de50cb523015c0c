/* Two networks on loopback: a GMLC (this process) in the home realm reaches the MME of a roaming
 * UE in the visited realm through an edge agent (a freeDiameterd relay), by Diameter realm
 * routing (dk_route_add), as TS 23.271 allows when the operators agree not to use Lr; the home
 * MME is reached directly. Both MMEs know the same IMSI at different places, so the position in
 * the answer tells which MME answered. */
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
#include "gad.h"
#include "spawn.h"
#include "sample_requests.h"

#define HOME "home.test.localdomain"
#define VISITED "visited.test.localdomain"
#define SLG_APP 16777255
#define PLR_INDEX 5 /* sample_commands[5]: Provide-Location-Request, IMSI 001010000000001 */

static struct fdnet net;
static struct fdnet_node *gmlc, *edge, *mme_home, *mme_visited;
static struct dk_route *to_visited;

/* An MME stub whose scenario puts IMSI 001010000000001 at (lat, lon). */
static struct fdnet_node *add_mme(const char *name, const char *realm, double lat, double lon)
{
	char scenario[PATH_MAX], conf[PATH_MAX], text[PATH_MAX + 64];
	struct fdnet_node *n = fdnet_add(&net, name, realm);

	if (!n)
		return NULL;
	snprintf(scenario, sizeof scenario, "%s/%s.json", net.dir, n->identity);
	snprintf(text, sizeof text,
		 "{\"shape\": \"circle\", \"uncertainty_m\": 50,"
		 " \"ues\": [{\"imsi\": \"001010000000001\", \"position\": {\"lat\": %f, \"lon\": %f}}]}",
		 lat, lon);
	snprintf(conf, sizeof conf, "%s/%s.stub.conf", net.dir, n->identity);
	if (write_text_file(scenario, text) || (snprintf(text, sizeof text, "scenario = %s\n", scenario), write_text_file(conf, text)))
		return NULL;
	fdnet_load_dictionaries(n);
	fdnet_load(n, fdnet_fdx("mme_stub"), conf);
	return n;
}

static int setup(void **state)
{
	struct dict_object *vendor = NULL, *app = NULL;
	vendor_id_t v = DK_VENDOR_3GPP;

	(void)state;
	if (fdnet_init(&net, "roaming"))
		return -1;
	gmlc = fdnet_add_embedded(&net, "gmlc", HOME);
	edge = fdnet_add(&net, "dea", HOME);
	mme_home = add_mme("mme", HOME, 48.8566, 2.3522);
	mme_visited = add_mme("mme", VISITED, 41.9028, 12.4964);
	if (!gmlc || !edge || !mme_home || !mme_visited)
		return -1;
	fdnet_load_dictionaries(gmlc);
	/* The edge agent relays: it supports no application itself. */
	fdnet_load_dictionaries(edge);
	fdnet_link(&net, gmlc, mme_home);
	fdnet_link(&net, gmlc, edge);
	fdnet_link(&net, edge, mme_visited);
	if (fdnet_start(&net) || fdnet_embedded_parse(gmlc) || dk_base_init() || sample_init())
		return -1;
	/* The GMLC sends what is for the visited realm to the edge agent. */
	if (dk_route_add(VISITED, edge->identity, &to_visited))
		return -1;
	if (fd_dict_search(fd_g_config->cnf_dict, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT) ||
	    dk_find_application(fd_g_config->cnf_dict, SLG_APP, &app) || fd_disp_app_support(app, vendor, 1, 0))
		return -1;
	return fdnet_embedded_start(&net, gmlc);
}

static int teardown(void **state)
{
	(void)state;
	dk_route_remove(to_visited);
	fdnet_embedded_stop();
	return fdnet_stop(&net);
}

/* PLR for the sample IMSI to an MME; the position answered. */
static struct gad_position locate(const struct fdnet_node *mme)
{
	struct msg *req = NULL, *ans = NULL;
	struct dict_object *estimate = NULL;
	struct dk_result res;
	struct gad_position p;
	const uint8_t *data;
	size_t len;

	assert_int_equal(sample_request(&sample_commands[PLR_INDEX], mme->identity, mme->realm, 0, 0, &req), 0);
	assert_int_equal(fdsend_wait(&req, 5000, &ans), 0);
	assert_int_equal(dk_get_result(ans, &res), 0);
	assert_int_equal(res.code, 2001);
	assert_int_equal(dk_find_avp(fd_g_config->cnf_dict, DK_VENDOR_3GPP, "Location-Estimate", &estimate), 0);
	assert_int_equal(dk_get_os(ans, estimate, &data, &len), 0);
	assert_int_equal(gad_decode(data, len, &p), 0);
	fd_msg_free(ans);
	return p;
}

static void home_ue_is_located_directly(void **state)
{
	struct gad_position p = locate(mme_home);
	(void)state;

	assert_true(p.lat > 48.85 && p.lat < 48.86);
	assert_false(fdnet_log_contains(edge, "FORWARDING"));
}

static void roaming_ue_is_located_through_the_edge_agent(void **state)
{
	struct gad_position p = locate(mme_visited);
	(void)state;

	assert_true(p.lat > 41.90 && p.lat < 41.91);
	assert_true(p.lon > 12.49 && p.lon < 12.50);
	/* the request crossed the edge agent: the visited MME got it from there */
	assert_true(fdnet_log_contains(mme_visited, "RCV from 'dea." HOME "'"));
	assert_true(fdnet_log_contains(edge, "FORWARDING: (no model)16777255/8388620"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(home_ue_is_located_directly),
		cmocka_unit_test(roaming_ue_is_located_through_the_edge_agent),
	};
	return cmocka_run_group_tests_name("roaming", tests, setup, teardown);
}
