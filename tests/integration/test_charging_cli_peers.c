/* charging-client in a realm where the CDF and the OCS are both peers, as in the lab: the client
 * library opens once a peer serving Rf or Ro is OPEN, so an Ro command must still wait for the
 * OCS itself, or its CCR finds no route when the CDF happened to connect first. The servers run
 * with NoRelay (a relaying freeDiameterd would advertise every application). */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "fdnet.h"
#include "ocsstore.h"
#include "spawn.h"

#define REALM "home.test.localdomain"
#define ALICE "15550000001"
#define OCS_LATE_MS 1500 /* the OCS comes up that long after the command starts */

static struct fdnet net;
static struct fdnet_node *ocs, *cdf, *cli;

/* Alice has 100.00 EUR; service 1 costs 0.25 an event. */
static int provision_ocs(void)
{
	static const struct ocs_subscription alice = { OCS_ID_E164, ALICE };
	char dir[PATH_MAX], conf[PATH_MAX], text[2 * PATH_MAX];
	struct ocs_store *store;
	struct ocs_currency eur;
	int ret;

	snprintf(dir, sizeof dir, "%s/ocs-store", net.dir);
	if (ocs_store_open(dir, 1, &store) || ocs_currency_find("EUR", &eur))
		return -1;
	ret = ocs_account_create(store, &alice, &eur, 10000);
	ocs_store_close(store);
	snprintf(conf, sizeof conf, "%s/app_ocs.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\ncurrency = EUR\nrating = si:1 event 25 1 0\n", dir);
	if (ret || write_text_file(conf, text))
		return -1;
	fdnet_load(ocs, fdnet_fdx("app_ocs"), conf);
	return 0;
}

static int setup(void **state)
{
	char conf[PATH_MAX], text[2 * PATH_MAX];

	(void)state;
	if (fdnet_init(&net, "charging_cli_peers") || !(ocs = fdnet_add(&net, "ocs", REALM)) ||
	    !(cdf = fdnet_add(&net, "cdf", REALM)) || !(cli = fdnet_add_embedded(&net, "cli", REALM)))
		return -1;
	for (struct fdnet_node **n = (struct fdnet_node *[]){ ocs, cdf, cli, NULL }; *n; n++) {
		fdnet_load_charging_dictionaries(*n);
	}
	snprintf(conf, sizeof conf, "%s/app_cdf.conf", net.dir);
	snprintf(text, sizeof text, "store = %s/cdf-store\n", net.dir);
	if (write_text_file(conf, text) || provision_ocs())
		return -1;
	fdnet_load(cdf, fdnet_fdx("app_cdf"), conf);
	fdnet_conf_line(ocs, "NoRelay;");
	fdnet_conf_line(cdf, "NoRelay;");
	fdnet_link(&net, cli, ocs);
	fdnet_link(&net, cli, cdf);
	return fdnet_start(&net);
}

static int teardown(void **state)
{
	(void)state;
	return fdnet_stop(&net);
}

/* charging-client on the cli node, started now; its pid. */
static pid_t start_tool(const char *args, const char *out_path)
{
	char command[4 * PATH_MAX];
	pid_t pid;

	snprintf(command, sizeof command, "exec '%s/../bin/charging-client' -c '%s' -r %s %s", getenv("TK_FDX_DIR"),
		 cli->conf_path, REALM, args);
	char *argv[] = { "sh", "-c", command, NULL };
	assert_true((pid = spawn_logged(argv, NULL, out_path)) > 0);
	return pid;
}

static void ro_command_waits_for_the_ocs(void **state)
{
	char out_path[PATH_MAX], out[4096];
	json_t *answer;
	pid_t tool;

	(void)state;
	assert_int_equal(fdnet_stop_node(ocs), 0); /* only the CDF is there when the command starts */
	snprintf(out_path, sizeof out_path, "%s/tool.out", net.dir);
	tool = start_tool("ro-event --action debit --subscriber e164:" ALICE " --service-id 1 --units 1", out_path);
	/* Once its node is up (the CDF sees it OPEN), a SIGPIPE does not end it: libcharging ignores
	 * it, as a write to a peer that reset its connection would raise it. */
	assert_true(file_becomes(cdf->state_path, "cli." REALM " STATE_OPEN", 1, 10000));
	assert_int_equal(kill(tool, SIGPIPE), 0);
	usleep(OCS_LATE_MS * 1000);
	assert_int_equal(fdnet_start_node(ocs), 0);
	assert_int_equal(spawn_wait(tool, 30000), 0);
	read_text_file(out_path, out, sizeof out);
	print_message("charging-client: %s", out);
	assert_non_null(answer = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL));
	assert_int_equal(json_integer_value(json_object_get(answer, "result_code")), 2001);
	assert_string_equal(json_string_value(json_object_get(answer, "origin_host")), ocs->identity);
	json_decref(answer);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ro_command_waits_for_the_ocs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
