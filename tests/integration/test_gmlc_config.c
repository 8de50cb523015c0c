/* The gmlc program's configuration (lcs/gmlc/config.c): each bad setting stops it before it starts
 * anything, exit 1 with the setting and why on stderr; and the limits of the MLP server
 * (max_connections, http_threads) hold in a running lab. */
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <cmocka.h>

#include "location_lab.h"
#include "mlp.h"
#include "mlp_client.h"
#include "spawn.h"
#include "tool_run.h"

#define GOOD "fd_config = /nonexistent/gmlc-fd.conf\nlisten = 127.0.0.1:9210\nhss_realm = " REALM "\n"

static void bad_settings_stop_it(void **state)
{
	static const struct {
		const char *conf, *says;
	} bad[] = {
		{ "listen = 127.0.0.1:9210\nhss_realm = " REALM "\n", "fd_config, listen and hss_realm are required" },
		{ GOOD "colour = blue\n", "unknown setting 'colour'" },
		{ GOOD "listen = 10.0.0.1:9210\n", "listen = 10.0.0.1:9210: only a loopback address is allowed" },
		{ GOOD "listen = 127.0.0.1\n", "listen = 127.0.0.1: expected 127.x.y.z:port" },
		{ GOOD "listen = 127.0.0.1:70000\n", "listen = 127.0.0.1:70000: expected 127.x.y.z:port" },
		{ GOOD "timeout_ms = 0\n", "timeout_ms = 0: expected a positive number" },
		{ GOOD "max_body = 300000\n", "max_body = 300000: expected a positive number" },
		{ GOOD "distance_poll_s = 86401\n", "distance_poll_s = 86401: expected a positive number" },
		{ GOOD "max_connections = 0\n", "max_connections = 0: expected a positive number" },
		{ GOOD "max_connections = 4097\n", "max_connections = 4097: expected a positive number" },
		{ GOOD "http_threads = 65\n", "http_threads = 65: expected a positive number" },
		{ GOOD "http_threads = two\n", "http_threads = two: expected a positive number" },
		{ GOOD "client = app1\n", "client = app1: expected '<id> <password>'" },
		{ GOOD "route = visited.example\n", "route = visited.example: expected '<realm> <peer identity>'" },
		{ GOOD "gad_shapes = circle hexagon\n", "gad_shapes = circle hexagon: expected shapes among point," },
		{ GOOD "gad_shapes = , \n", "gad_shapes = ,: no shape" },
	};
	struct fdnet net;
	char path[PATH_MAX], args[PATH_MAX + 8], out[256], err[1024];
	(void)state;

	assert_int_equal(fdnet_init(&net, "gmlc_config"), 0);
	snprintf(path, sizeof path, "%s/gmlc.conf", net.dir);
	snprintf(args, sizeof args, "-c '%s'", path);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct tool_run run;

		assert_int_equal(write_text_file(path, bad[i].conf), 0);
		tool_start(&run, net.dir, "gmlc", args);
		assert_int_equal(tool_finish(&run, out, sizeof out, err, sizeof err), 1);
		if (!strstr(err, bad[i].says))
			fail_msg("case %zu: stderr \"%s\" does not say \"%s\"", i, err, bad[i].says);
	}
}

/* 33 clients: one more than the GMLC keeps. */
static void too_many_clients(void **state)
{
	struct fdnet net;
	char conf[4096] = GOOD, path[PATH_MAX], args[PATH_MAX + 8], out[256], err[1024];
	struct tool_run run;
	(void)state;

	for (int i = 0; i < 33; i++)
		snprintf(conf + strlen(conf), sizeof conf - strlen(conf), "client = app%d secret\n", i);
	assert_int_equal(fdnet_init(&net, "gmlc_config"), 0);
	snprintf(path, sizeof path, "%s/gmlc.conf", net.dir);
	snprintf(args, sizeof args, "-c '%s'", path);
	assert_int_equal(write_text_file(path, conf), 0);
	tool_start(&run, net.dir, "gmlc", args);
	assert_int_equal(tool_finish(&run, out, sizeof out, err, sizeof err), 1);
	assert_non_null(strstr(err, "client = app32 secret: too many clients"));
}

/* ---- the server's limits, in a lab whose GMLC takes 2 connections on 1 thread ----------- */

static int connect_to(int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct timeval wait = { .tv_sec = 1 };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	assert_int_equal(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait), 0);
	return fd;
}

static void send_text(int fd, const char *text, size_t len)
{
	assert_int_equal(send(fd, text, len, MSG_NOSIGNAL), (ssize_t)len);
}

/* The head of a POST of a body of len bytes, the connection closed after the answer. */
static void send_head(int fd, size_t len)
{
	char head[256];

	snprintf(head, sizeof head, "POST " MLP_PATH " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
		 "Connection: close\r\nContent-Length: %zu\r\n\r\n", len);
	send_text(fd, head, strlen(head));
}

/* Reads fd until the server closes it or 1 s passes with nothing: 1 when that was a 200 slia
 * locating alice, 0 when nothing came. */
static int alice_located(int fd)
{
	static char text[65536];
	struct mlp_answer *a = NULL;
	size_t got = 0;
	ssize_t n;
	const char *body;
	int located;

	while ((n = recv(fd, text + got, sizeof text - 1 - got, 0)) > 0)
		got += (size_t)n;
	text[got] = '\0';
	if (!got)
		return 0;
	assert_non_null(strstr(text, "HTTP/1.1 200"));
	assert_non_null(body = strstr(text, "\r\n\r\n"));
	body += 4;
	assert_int_equal(mlp_parse_answer(body, got - (size_t)(body - text), &a, NULL, 0), 0);
	located = a->kind == MLP_SLIA && a->n_pos == 1 && lab_circle_at(&a->pos[0], ALICE_LAT, ALICE_LON);
	free(a);
	return located;
}

static char *alice_slir(void)
{
	struct mlp_request *r = calloc(1, sizeof *r);
	char *xml = NULL;
	size_t len;

	assert_non_null(r);
	mlp_request_init(r, MLP_SLIR, MLP_V3_5);
	snprintf(r->hdr.client_id, sizeof r->hdr.client_id, "%s", CLIENT_ID);
	snprintf(r->hdr.pwd, sizeof r->hdr.pwd, "%s", CLIENT_PWD);
	r->msids[0].type = MLP_MSID_MSISDN;
	snprintf(r->msids[0].value, sizeof r->msids[0].value, "%s", ALICE_MSISDN);
	r->n_msids = 1;
	assert_int_equal(mlp_write_request(r, &xml, &len, NULL, 0), 0);
	free(r);
	return xml;
}

/* max_connections = 2: a third client waits until one of the two is done, then is served. */
static void connection_limit_holds(void **state)
{
	struct location_lab lab = { .gmlc_settings = "max_connections = 2\nhttp_threads = 1\n" };
	size_t len, half;
	int first, second, third;
	char *xml;
	(void)state;

	assert_int_equal(location_lab_start(&lab, "gmlc_limits"), 0); /* also reads the DTDs */
	xml = alice_slir();
	len = strlen(xml);
	half = len / 2;
	first = connect_to(lab.http_port);
	second = connect_to(lab.http_port);
	send_head(first, len);
	send_text(first, xml, half);
	send_head(second, len);
	send_text(second, xml, half);
	third = connect_to(lab.http_port); /* accepted by the kernel, not yet by the GMLC */
	send_head(third, len);
	send_text(third, xml, len);
	assert_int_equal(alice_located(third), 0);
	send_text(first, xml + half, len - half);
	assert_int_equal(alice_located(first), 1);
	close(first);
	assert_int_equal(alice_located(third), 1);
	send_text(second, xml + half, len - half);
	assert_int_equal(alice_located(second), 1);
	close(second);
	close(third);
	free(xml);
	assert_int_equal(location_lab_stop(&lab), 0);
}

/* Alice's one position from a lab of those settings, started and stopped for it. */
static struct mlp_pos alice_in_a_lab(struct location_lab *lab, const char *name)
{
	const char *const targets[] = { ALICE_MSISDN };
	struct mlp_client c = { .client_id = CLIENT_ID, .pwd = CLIENT_PWD, .version = MLP_V3_5 };
	struct mlp_answer *a = NULL;
	struct mlp_pos pos;
	char url[128], err[256];

	assert_int_equal(location_lab_start(lab, name), 0);
	snprintf(url, sizeof url, "http://127.0.0.1:%d" MLP_PATH, lab->http_port);
	c.url = url;
	if (mlp_client_locate(&c, targets, 1, &a, err, sizeof err))
		fail_msg("locate: %s", err);
	assert_int_equal(a->n_pos, 1);
	pos = a->pos[0];
	free(a);
	assert_int_equal(location_lab_stop(lab), 0);
	return pos;
}

/* An HSS that lets only another realm's GMLCs use SLh answers 5490 (unauthorised requesting
 * network): the client gets 2 UNSPECIFIED ERROR for the target (docs/lcs-results.md). */
static void hss_refusing_the_gmlc_realm(void **state)
{
	struct location_lab lab = { .hss_settings = "slh_allowed_realms = visited.test.localdomain\n" };
	(void)state;

	assert_int_equal(alice_in_a_lab(&lab, "gmlc_5490").result, MLP_UNSPECIFIED_ERROR);
}

/* gad_shapes = point: the PLRs list the point only, and the lab's MME, whose scenario answers in
 * circles, answers alice in a point instead: an MLP Point. */
static void gad_shapes_are_what_the_plrs_list(void **state)
{
	struct location_lab lab = { .gmlc_settings = "gad_shapes = point\n" };
	struct mlp_pos pos;
	(void)state;

	pos = alice_in_a_lab(&lab, "gmlc_gad_shapes");
	assert_int_equal(pos.result, 0);
	assert_int_equal(pos.shape.kind, MLP_POINT);
	assert_true(fabs(pos.shape.coord.lat - ALICE_LAT) < 1e-5 && fabs(pos.shape.coord.lon - ALICE_LON) < 1e-5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_settings_stop_it),
		cmocka_unit_test(too_many_clients),
		cmocka_unit_test(connection_limit_holds),
		cmocka_unit_test(hss_refusing_the_gmlc_realm),
		cmocka_unit_test(gad_shapes_are_what_the_plrs_list),
	};
	return cmocka_run_group_tests_name("gmlc_config", tests, NULL, NULL);
}
