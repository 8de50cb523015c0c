/* lcs-client and its library (lcs/lib/mlp_client.h, mlp_listener.h) end to end against the gmlc
 * program in the location lab (tests/harness/location_lab.h), and against a fake MLP server that
 * keeps the request it gets (what the GMLC does not show: the hdr, the version, the tlrr) and
 * answers what a test sets (what the lab cannot give: an altitude). The CLI runs as a child process
 * (build/bin/lcs-client), its output and exit status checked. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <microhttpd.h>

#include "location_lab.h"
#include "mlp.h"
#include "mlp_client.h"
#include "mlp_listener.h"
#include "spawn.h"

static struct location_lab lab;

/* The fake MLP server: the last request's body, and the answer every POST gets. */
static struct {
	struct MHD_Daemon *daemon;
	int port;
	char body[16384];
	size_t len;
	char *answer;
	size_t answer_len;
} fake;

static enum MHD_Result on_fake(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
			       const char *version, const char *data, size_t *size, void **con_cls)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	(void)cls;
	(void)url;
	(void)method;
	(void)version;
	if (!*con_cls) { /* the headers; the body follows */
		*con_cls = &fake;
		fake.len = 0;
		return MHD_YES;
	}
	if (*size) {
		size_t room = sizeof fake.body - 1 - fake.len, n = *size < room ? *size : room;

		memcpy(fake.body + fake.len, data, n);
		fake.len += n;
		fake.body[fake.len] = '\0';
		*size = 0;
		return MHD_YES;
	}
	resp = MHD_create_response_from_buffer(fake.answer_len, fake.answer, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(resp, "Content-Type", "text/xml");
	ret = MHD_queue_response(conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return ret;
}

static int start_fake(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	const union MHD_DaemonInfo *info;

	fake.daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0, NULL, NULL, on_fake, NULL,
				       MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&sin, MHD_OPTION_END);
	if (!fake.daemon || !(info = MHD_get_daemon_info(fake.daemon, MHD_DAEMON_INFO_BIND_PORT)))
		return -1;
	fake.port = info->port;
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return location_lab_start(&lab, "lcs_client") || start_fake() ? -1 : 0;
}

static int teardown(void **state)
{
	int failed = location_lab_stop(&lab);

	(void)state;
	if (fake.daemon)
		MHD_stop_daemon(fake.daemon);
	free(fake.answer);
	return failed ? -1 : 0;
}

/* ---- helpers ---------------------------------------------------------------------------- */

static char url[64];

static struct mlp_client client(const char *pwd)
{
	struct mlp_client c = { .url = url, .client_id = CLIENT_ID, .pwd = pwd, .version = MLP_V3_5,
				.timeout_ms = 10000 };

	snprintf(url, sizeof url, "http://127.0.0.1:%d" MLP_PATH, lab.http_port);
	return c;
}

static void assert_at(const struct mlp_pos *p, double lat, double lon)
{
	assert_int_equal(p->result, 0);
	assert_true(lab_circle_at(p, lat, lon));
}

/* Runs lcs-client with args (after -u -i -p); its stdout in out. Returns its exit status. Its
 * stderr goes to a file, which must hold no sanitizer report. */
static int run_cli(const char *pwd, const char *const *args, char *out, size_t size)
{
	char program[PATH_MAX], errlog[PATH_MAX];
	const char *argv[32] = { program, "-u", url, "-i", CLIENT_ID, "-p", pwd };
	int pipefd[2], status, argc = 7;
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	client(pwd); /* fills url */
	snprintf(program, sizeof program, "%s/../bin/lcs-client", getenv("TK_FDX_DIR"));
	snprintf(errlog, sizeof errlog, "%s/lcs-client.stderr", lab.net.dir);
	while (*args)
		argv[argc++] = *args++;
	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int errfd = open(errlog, O_WRONLY | O_CREAT | O_APPEND, 0644);

		dup2(pipefd[1], STDOUT_FILENO);
		dup2(errfd, STDERR_FILENO);
		close(pipefd[0]);
		execv(program, (char *const *)argv);
		_exit(127);
	}
	close(pipefd[1]);
	while ((n = read(pipefd[0], out + got, size - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(pipefd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_false(file_contains(errlog, "Sanitizer") || file_contains(errlog, "runtime error:"));
	return WEXITSTATUS(status);
}

/* run_cli with a URL on another port of 127.0.0.1. */
static int run_cli_at(int port, const char *const *args, char *out, size_t size)
{
	int saved = lab.http_port, status;

	lab.http_port = port;
	status = run_cli(CLIENT_PWD, args, out, size);
	lab.http_port = saved;
	return status;
}

static int run_cli_no_server(const char *const *args, char *out, size_t size)
{
	return run_cli_at(lab_free_port(), args, out, size);
}

/* The fake server answers a from now on. */
static void fake_answers(const struct mlp_answer *a)
{
	free(fake.answer);
	assert_int_equal(mlp_write_answer(a, &fake.answer, &fake.answer_len, NULL, 0), 0);
}

/* The request the fake server got last (free() it). */
static struct mlp_request *fake_request(void)
{
	struct mlp_request *r = NULL;
	char err[256] = "";

	assert_int_equal(mlp_parse_request(fake.body, fake.len, &r, err, sizeof err), 0);
	return r;
}

/* The request args make lcs-client send, as the fake server received it (the fake answers with a
 * refusal in version v: exit 4). */
static struct mlp_request *request_sent(const char *const *args, enum mlp_version v)
{
	struct mlp_answer slia;
	char out[4096];

	mlp_answer_init(&slia, MLP_SLIA, v);
	slia.result = MLP_UNKNOWN_SUBSCRIBER; /* anything: the request is what is looked at */
	fake_answers(&slia);
	assert_int_equal(run_cli_at(fake.port, args, out, sizeof out), 4);
	return fake_request();
}

/* How many seconds ago the "time" of a JSON position line was. */
static long json_time_ago(const char *line)
{
	const char *at = strstr(line, "\"time\":\"");
	struct tm tm = { 0 };

	assert_non_null(at);
	assert_non_null(strptime(at + 8, "%Y-%m-%dT%H:%M:%SZ", &tm));
	return (long)(time(NULL) - timegm(&tm));
}

/* 1 when the lcs-client stderr of this test run holds text. */
static int cli_said(const char *text)
{
	char errlog[PATH_MAX];

	snprintf(errlog, sizeof errlog, "%s/lcs-client.stderr", lab.net.dir);
	return file_contains(errlog, text);
}

/* ---- the library ------------------------------------------------------------------------ */

static void locate_one(void **state)
{
	const char *const targets[] = { ALICE_MSISDN };
	struct mlp_client c = client(CLIENT_PWD);
	struct mlp_answer *a = NULL;
	char err[256] = "";
	(void)state;

	assert_int_equal(mlp_client_locate(&c, targets, 1, &a, err, sizeof err), 0);
	assert_int_equal(a->kind, MLP_SLIA);
	assert_int_equal(a->n_pos, 1);
	assert_string_equal(a->pos[0].msid.value, ALICE_MSISDN);
	assert_at(&a->pos[0], ALICE_LAT, ALICE_LON);
	assert_true(labs((long)(a->pos[0].time - time(NULL))) <= 5); /* a current location: fresh */
	free(a);
}

static void locate_two(void **state)
{
	const char *const targets[] = { ALICE_MSISDN, CAROL_MSISDN };
	struct mlp_client c = client(CLIENT_PWD);
	struct mlp_answer *a = NULL;
	(void)state;

	assert_int_equal(mlp_client_locate(&c, targets, 2, &a, NULL, 0), 0);
	assert_int_equal(a->n_pos, 2);
	assert_at(&a->pos[0], ALICE_LAT, ALICE_LON);
	assert_at(&a->pos[1], CAROL_LAT, CAROL_LON);
	free(a);
}

/* A client of MLP 3.1 only: the GMLC answers in the version it was asked in. */
static void locate_in_mlp_3_1(void **state)
{
	const char *const targets[] = { ALICE_MSISDN };
	struct mlp_client c = client(CLIENT_PWD);
	struct mlp_answer *a = NULL;
	(void)state;

	c.version = MLP_V3_1;
	assert_int_equal(mlp_client_locate(&c, targets, 1, &a, NULL, 0), 0);
	assert_int_equal(a->version, MLP_V3_1);
	assert_int_equal(a->n_pos, 1);
	assert_at(&a->pos[0], ALICE_LAT, ALICE_LON);
	free(a);
}

/* Requests one after the other on a kept connection, each answered for its own target. */
static void kept_connection_serves_each_request(void **state)
{
	struct mlp_client c = client(CLIENT_PWD);
	(void)state;

	assert_non_null(c.conn = mlp_connection_new());
	for (int i = 0; i < 6; i++) {
		const char *target = i % 2 ? CAROL_MSISDN : ALICE_MSISDN;
		struct mlp_answer *a = NULL;

		assert_int_equal(mlp_client_locate(&c, &target, 1, &a, NULL, 0), 0);
		assert_int_equal(a->n_pos, 1);
		assert_string_equal(a->pos[0].msid.value, target);
		if (i % 2)
			assert_at(&a->pos[0], CAROL_LAT, CAROL_LON);
		else
			assert_at(&a->pos[0], ALICE_LAT, ALICE_LON);
		free(a);
	}
	mlp_connection_free(c.conn);
}

static void unknown_number_is_poserr_4(void **state)
{
	const char *const targets[] = { UNKNOWN_MSISDN };
	struct mlp_client c = client(CLIENT_PWD);
	struct mlp_answer *a = NULL;
	(void)state;

	assert_int_equal(mlp_client_locate(&c, targets, 1, &a, NULL, 0), 0);
	assert_int_equal(a->n_pos, 1);
	assert_int_equal(a->pos[0].result, MLP_UNKNOWN_SUBSCRIBER);
	free(a);
}

static void nobody_listening_is_econnrefused(void **state)
{
	const char *const targets[] = { ALICE_MSISDN };
	struct mlp_client c = client(CLIENT_PWD);
	struct mlp_answer *a = NULL;
	char closed[64], err[256] = "";
	(void)state;

	snprintf(closed, sizeof closed, "http://127.0.0.1:%d/", lab_free_port());
	c.url = closed;
	assert_int_equal(mlp_client_locate(&c, targets, 1, &a, err, sizeof err), -ECONNREFUSED);
	assert_null(a);
	assert_true(err[0]);
}

/* ---- the listener ----------------------------------------------------------------------- */

struct received {
	int calls;
	struct mlp_answer report;
};

static void on_report(void *arg, const struct mlp_answer *report)
{
	struct received *r = arg;

	r->calls++;
	r->report = *report;
}

/* POSTs body to the listener on port over a plain socket (declared_length < 0: no
 * Content-Length); returns the HTTP status. */
static int post_raw(unsigned port, const char *body, long declared_length)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	char head[256], reply[4096];
	size_t got = 0;
	ssize_t n;
	int fd = socket(AF_INET, SOCK_STREAM, 0), status = -1;

	assert_true(fd >= 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	snprintf(head, sizeof head, "POST /reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
		 "Connection: close\r\n");
	if (declared_length >= 0)
		snprintf(head + strlen(head), sizeof head - strlen(head), "Content-Length: %ld\r\n", declared_length);
	strcat(head, "\r\n");
	assert_int_equal(send(fd, head, strlen(head), MSG_NOSIGNAL), (ssize_t)strlen(head));
	if (body)
		assert_int_equal(send(fd, body, strlen(body), MSG_NOSIGNAL), (ssize_t)strlen(body));
	while ((n = recv(fd, reply + got, sizeof reply - 1 - got, 0)) > 0)
		got += (size_t)n;
	reply[got] = '\0';
	close(fd);
	assert_int_equal(sscanf(reply, "HTTP/1.1 %d", &status), 1);
	return status;
}

static void listener_takes_a_tlrep(void **state)
{
	static struct received r;
	struct mlp_listener *l = NULL;
	struct mlp_answer tlrep;
	char err[256] = "", *xml = NULL;
	size_t len;
	(void)state;

	mlp_answer_init(&tlrep, MLP_TLREP, MLP_V3_5);
	snprintf(tlrep.req_id, sizeof tlrep.req_id, "42");
	tlrep.more = 1;
	tlrep.n_pos = 1;
	tlrep.pos[0].msid.type = MLP_MSID_MSISDN;
	snprintf(tlrep.pos[0].msid.value, sizeof tlrep.pos[0].msid.value, ALICE_MSISDN);
	tlrep.pos[0].trigger = MLP_TRIGGER_PERIODIC;
	tlrep.pos[0].time = time(NULL);
	tlrep.pos[0].shape = (struct mlp_shape){ .kind = MLP_CIRCULAR_AREA, .coord = { ALICE_LAT, ALICE_LON },
						 .radius = 100, .confidence = -1 };
	assert_int_equal(mlp_write_answer(&tlrep, &xml, &len, err, sizeof err), 0);

	assert_int_equal(mlp_listener_start(0, 0, on_report, &r, &l, err, sizeof err), 0);
	assert_true(mlp_listener_port(l) > 0);
	assert_int_equal(post_raw(mlp_listener_port(l), xml, (long)len), 200);
	assert_int_equal(r.calls, 1); /* the callback ran before the response */
	assert_int_equal(r.report.kind, MLP_TLREP);
	assert_string_equal(r.report.req_id, "42");
	assert_true(r.report.more);
	assert_int_equal(r.report.n_pos, 1);
	assert_string_equal(r.report.pos[0].msid.value, ALICE_MSISDN);
	assert_at(&r.report.pos[0], ALICE_LAT, ALICE_LON);

	/* refused: no Content-Length, not a report, not MLP */
	assert_int_equal(post_raw(mlp_listener_port(l), NULL, -1), 411);
	free(xml);
	assert_int_equal(mlp_write_gem(MLP_V3_5, MLP_SYSTEM_FAILURE, NULL, &xml, &len, NULL, 0), 0);
	assert_int_equal(post_raw(mlp_listener_port(l), xml, (long)len), 400);
	assert_int_equal(post_raw(mlp_listener_port(l), "<svc_result", 11), 400);
	assert_int_equal(r.calls, 1);
	mlp_listener_stop(l);
	free(xml);
}

/* A periodic tlrr, its reports pushed to a listener of ours, then a tlrsr. */
static void track_then_stop(void **state)
{
	static struct received r;
	const char *const targets[] = { ALICE_MSISDN };
	struct mlp_track t = { .interval_s = 60 };
	struct mlp_client c = client(CLIENT_PWD);
	struct mlp_listener *l = NULL;
	struct mlp_answer *a = NULL, *stopped = NULL;
	char pushaddr[64], err[256] = "";
	(void)state;

	assert_int_equal(mlp_listener_start(0, 0, on_report, &r, &l, err, sizeof err), 0);
	snprintf(pushaddr, sizeof pushaddr, "http://127.0.0.1:%u/", mlp_listener_port(l));
	t.pushaddr = pushaddr;
	assert_int_equal(mlp_client_track(&c, targets, 1, &t, &a, err, sizeof err), 0);
	assert_int_equal(a->kind, MLP_TLRA);
	assert_true(a->req_id[0]);
	assert_int_equal(mlp_client_stop(&c, a->req_id, NULL, 0, &stopped, err, sizeof err), 0);
	assert_int_equal(stopped->kind, MLP_TLRSA);
	assert_string_equal(stopped->req_id, a->req_id);
	mlp_listener_stop(l);
	free(stopped);
	free(a);
}

/* A distance_event without interval (the gmlc polls both UEs at its own pace) is accepted, and
 * stopped. */
static void distance_trigger_is_accepted_and_stopped(void **state)
{
	const char *const targets[] = { ALICE_MSISDN };
	const struct mlp_distance_event d = { .type = MLP_WITHIN_DISTANCE, .target_distance_m = 500,
					      .reference = { MLP_MSID_MSISDN, CAROL_MSISDN } };
	const struct mlp_track t = { .interval_s = -1, .distance = &d, .pushaddr = "http://127.0.0.1:1/" };
	struct mlp_client c = client(CLIENT_PWD);
	struct mlp_answer *a = NULL, *stopped = NULL;
	(void)state;

	assert_int_equal(mlp_client_track(&c, targets, 1, &t, &a, NULL, 0), 0);
	assert_int_equal(a->kind, MLP_TLRA);
	assert_int_equal(mlp_client_stop(&c, a->req_id, NULL, 0, &stopped, NULL, 0), 0);
	assert_int_equal(stopped->kind, MLP_TLRSA);
	assert_string_equal(stopped->req_id, a->req_id);
	free(stopped);
	free(a);
}

/* ---- the CLI ---------------------------------------------------------------------------- */

static void cli_locate(void **state)
{
	const char *const args[] = { "locate", ALICE_MSISDN, CAROL_MSISDN, NULL };
	char out[4096];
	(void)state;

	/* the GAD uncertainty code of 100 m gives back 109.182 m */
	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_non_null(strstr(out, ALICE_MSISDN " "));
	assert_non_null(strstr(out, " CircularArea lat 45.000000 lon 2.812500 radius 109.182 m\n"));
	assert_non_null(strstr(out, " CircularArea lat -33.750000 lon 151.875000 radius 109.182 m\n"));
}

static void cli_locate_json_with_a_poserr(void **state)
{
	const char *const args[] = { "--json", "locate", ALICE_MSISDN, UNKNOWN_MSISDN, NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 1);
	assert_non_null(strstr(out, "{\"msid\":\"" ALICE_MSISDN "\",\"time\":\""));
	assert_non_null(strstr(out, "\"shape\":{\"type\":\"CircularArea\",\"lat\":45.0,\"lon\":2.8125,\"radius\":109.18"));
	assert_non_null(strstr(out, "\"result\":4,\"name\":\"UNKNOWN SUBSCRIBER\"}\n"));
}

/* --accuracy is the slir's hor_acc: alice's circle (109 m) misses 50 m, printed qos_not_met in
 * text and JSON, and is within 1000 m, printed without. */
static void cli_locate_accuracy(void **state)
{
	const char *const tight[] = { "locate", "--accuracy", "50", ALICE_MSISDN, NULL };
	const char *const tight_json[] = { "--json", "locate", "--accuracy", "50", ALICE_MSISDN, NULL };
	const char *const loose[] = { "locate", ALICE_MSISDN, "--accuracy", "1000", NULL };
	const char *const none[] = { "locate", "--accuracy", "0", ALICE_MSISDN, NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, tight, out, sizeof out), 0);
	assert_non_null(strstr(out, " CircularArea lat 45.000000 lon 2.812500 radius 109.182 m qos_not_met\n"));
	assert_int_equal(run_cli(CLIENT_PWD, tight_json, out, sizeof out), 0);
	assert_non_null(strstr(out, "\"radius\":109.18"));
	assert_non_null(strstr(out, "},\"qos_not_met\":true}\n"));
	assert_int_equal(run_cli(CLIENT_PWD, loose, out, sizeof out), 0);
	assert_non_null(strstr(out, " radius 109.182 m\n"));
	assert_null(strstr(out, "qos_not_met"));
	assert_int_equal(run_cli(CLIENT_PWD, none, out, sizeof out), 2);
}

/* The quality options become the slir's eqop (hor_acc and alt_acc with the qos_class, resp_req,
 * resp_timer, max_loc_age) and --priority its prio, and the lab GMLC holds to them: ASSURED 50 m, which alice's 109 m
 * misses, is poserr 201 naming the accuracy (exit 1); a max-age under her 2 minutes, 201 naming
 * max_loc_age; an altitude accuracy gets her altitude (35 m, to 11.2 m: the code of 10 m),
 * marked qos_not_met when tighter. */
static void cli_locate_quality(void **state)
{
	const char *const all[] = { "locate", "--accuracy", "50", "--altitude-accuracy", "20", "--qos", "assured",
				    "--max-age", "600", "--response", "delay-tolerant", "--response-timer", "30",
				    "--priority", "high", ALICE_MSISDN, NULL };
	const char *const assured[] = { "locate", "--accuracy", "50", "--qos", "assured", ALICE_MSISDN, NULL };
	const char *const assured_json[] = { "--json", "locate", "--accuracy", "50", "--qos", "assured",
					     ALICE_MSISDN, NULL };
	const char *const last_known[] = { "--json", "locate", "--location-type", "current-or-last", "--max-age", "600",
					   ALICE_MSISDN, NULL };
	const char *const too_old[] = { "--json", "locate", "--location-type", "current-or-last", "--max-age", "60",
					ALICE_MSISDN, NULL };
	const char *const altitude[] = { "locate", "--altitude-accuracy", "20", "--response", "no-delay",
					 ALICE_MSISDN, NULL };
	const char *const tight_altitude[] = { "locate", "--altitude-accuracy", "5", ALICE_MSISDN, NULL };
	const char *const bad[][5] = {
		{ "locate", "--qos", "sometimes", ALICE_MSISDN, NULL },
		{ "locate", "--response", "soon", ALICE_MSISDN, NULL },
		{ "locate", "--max-age", "-1", ALICE_MSISDN, NULL },
		{ "locate", "--altitude-accuracy", "0", ALICE_MSISDN, NULL },
		{ "locate", "--response-timer", "1s", ALICE_MSISDN, NULL },
		{ "locate", "--location-type", "latest", ALICE_MSISDN, NULL },
		{ "locate", "--priority", "urgent", ALICE_MSISDN, NULL },
	};
	struct mlp_request *r;
	char out[4096];
	(void)state;

	r = request_sent(all, MLP_V3_5);
	assert_int_equal(r->eqop.hor_acc_m, 50);
	assert_int_equal(r->eqop.alt_acc_m, 20);
	assert_true(r->eqop.has_qos_class);
	assert_int_equal(r->eqop.qos_class, MLP_QOS_ASSURED);
	assert_int_equal(r->eqop.max_loc_age_s, 600);
	assert_true(r->eqop.has_resp_req);
	assert_int_equal(r->eqop.resp_req, MLP_RESP_DELAY_TOL);
	assert_int_equal(r->eqop.resp_timer_s, 30);
	assert_true(r->has_prio);
	assert_int_equal(r->prio, MLP_PRIO_HIGH);
	free(r);

	assert_int_equal(run_cli(CLIENT_PWD, assured, out, sizeof out), 1);
	assert_non_null(strstr(out, " error 201 QOP NOT ATTAINABLE: accuracy\n"));
	assert_int_equal(run_cli(CLIENT_PWD, assured_json, out, sizeof out), 1);
	assert_non_null(strstr(out, "\"add_info\":\"accuracy\""));
	assert_non_null(strstr(out, "\"result\":201"));
	r = request_sent(last_known, MLP_V3_5);
	assert_true(r->has_loc_type);
	assert_int_equal(r->loc_type, MLP_LOC_CURRENT_OR_LAST);
	free(r);
	/* her last known location (2 minutes old) when 10 minutes are allowed, her current one when 1 */
	assert_int_equal(run_cli(CLIENT_PWD, last_known, out, sizeof out), 0);
	assert_true(labs(json_time_ago(out) - ALICE_AGE_MIN * 60) <= 5);
	assert_int_equal(run_cli(CLIENT_PWD, too_old, out, sizeof out), 0);
	assert_true(labs(json_time_ago(out)) <= 5);
	assert_int_equal(run_cli(CLIENT_PWD, altitude, out, sizeof out), 0);
	if (!strstr(out, " EllipticalArea lat 45.000000 lon 2.812500 ") ||
	    !strstr(out, " altitude 35 m altitude-uncertainty 11.1988 m"))
		fail_msg("%s", out);
	assert_null(strstr(out, "qos_not_met"));
	assert_int_equal(run_cli(CLIENT_PWD, tight_altitude, out, sizeof out), 0);
	assert_non_null(strstr(out, " qos_not_met\n"));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(run_cli(CLIENT_PWD, bad[i], out, sizeof out), 2);
}

/* bench, 200 requests 20 at once, round robin over the targets: every request answered and
 * counted by what its answer says (alice and carol located; bob, whom the MME refuses, and an
 * MSISDN unknown to the HSS poserrs; the gem a wrong password gets failed); exit 1 on a poserr, 3
 * on a failed. */
static void cli_bench(void **state)
{
	static const struct {
		const char *pwd, *targets[4];
		int status;
		const char *counts;
	} runs[] = {
		{ CLIENT_PWD, { ALICE_MSISDN, CAROL_MSISDN }, 0, "\"located\":200,\"poserr\":0,\"failed\":0," },
		{ CLIENT_PWD, { ALICE_MSISDN, BOB_MSISDN, UNKNOWN_MSISDN }, 1, "\"located\":67,\"poserr\":133,\"failed\":0," },
		{ "wrong", { ALICE_MSISDN }, 3, "\"located\":0,\"poserr\":0,\"failed\":200," },
	};
	char out[4096];
	(void)state;

	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		const char *args[12] = { "--json", "bench" };
		int n = 2;

		for (int t = 0; runs[i].targets[t]; t++)
			args[n++] = runs[i].targets[t];
		args[n++] = "-n";
		args[n++] = "200";
		args[n++] = "-c";
		args[n++] = "20"; /* the NULL after it: args' initialisation */
		assert_int_equal(run_cli(runs[i].pwd, args, out, sizeof out), runs[i].status);
		assert_non_null(strstr(out, "{\"requests\":200,\"concurrency\":20,"));
		assert_non_null(strstr(out, runs[i].counts));
	}
}

/* bench takes locate's quality options: every slir asks alice within 50 m, assured, which her
 * 109 m misses: each answer a poserr (201), exit 1. */
static void cli_bench_asks_the_quality(void **state)
{
	const char *const args[] = { "--json", "bench", ALICE_MSISDN, "-n", "50", "-c", "5", "--accuracy", "50",
				     "--qos", "assured", NULL };
	const char *const bad[] = { "bench", ALICE_MSISDN, "--qos", "often", NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 1);
	assert_non_null(strstr(out, "\"located\":0,\"poserr\":50,\"failed\":0,"));
	assert_int_equal(run_cli(CLIENT_PWD, bad, out, sizeof out), 2);
}

/* bench: more at once than the 256 threads it once had, up to 1024: 300 connections open at once,
 * each with its request, all answered by the lab GMLC. */
static void cli_bench_over_256_at_once(void **state)
{
	const char *const args[] = { "--json", "bench", ALICE_MSISDN, "-n", "300", "-c", "300", NULL };
	const char *const too_many[] = { "bench", ALICE_MSISDN, "-c", "1025", NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_non_null(strstr(out, "{\"requests\":300,\"concurrency\":300,"));
	assert_non_null(strstr(out, "\"located\":300,\"poserr\":0,\"failed\":0,"));
	assert_int_equal(run_cli(CLIENT_PWD, too_many, out, sizeof out), 2);
}

/* bench: nobody listening, every request failed, exit 3. */
static void cli_bench_no_server_is_3(void **state)
{
	const char *const args[] = { "--json", "bench", ALICE_MSISDN, "-n", "200", "-c", "20", NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli_no_server(args, out, sizeof out), 3);
	assert_non_null(strstr(out, "\"located\":0,\"poserr\":0,\"failed\":200,"));
}

static void cli_wrong_password_is_4(void **state)
{
	const char *const args[] = { "locate", ALICE_MSISDN, NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli("wrong", args, out, sizeof out), 4);
	assert_non_null(strstr(out, "result 3 UNAUTHORIZED APPLICATION"));
}

/* Two periodic reports printed as they arrive, then the tracking stopped. */
static void cli_track(void **state)
{
	const char *const args[] = { "track", ALICE_MSISDN, "--interval", "1", "--count", "2", NULL };
	char out[4096], req_id[64], line[128], *report;
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_int_equal(sscanf(out, "tracking %63s\n", req_id), 1);
	snprintf(line, sizeof line, "report %s PERIODIC: " ALICE_MSISDN " ", req_id);
	assert_non_null(report = strstr(out, line));
	assert_non_null(strstr(report + 1, line));
	assert_non_null(strstr(out, " CircularArea lat 45.000000 lon 2.812500 radius "));
	snprintf(line, sizeof line, "stopped %s\n", req_id);
	assert_non_null(strstr(out, line));
}

/* Frank comes within 200 m of alice every 6 s (location_lab.h): the entering is reported. */
static void cli_track_distance(void **state)
{
	const char *const args[] = { "track", FRANK_MSISDN, "--interval", "1", "--count", "1",
				     "--distance", "entering:1000:" ALICE_MSISDN, NULL };
	char out[4096], req_id[64], line[128];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_int_equal(sscanf(out, "tracking %63s\n", req_id), 1);
	snprintf(line, sizeof line, "report %s DISTANCE: " FRANK_MSISDN " ", req_id);
	assert_non_null(strstr(out, line));
	snprintf(line, sizeof line, "stopped %s\n", req_id);
	assert_non_null(strstr(out, line));
}

/* The reference MS must be located too: dave has no serving MME. */
static void cli_track_distance_to_an_absent_ue_is_4(void **state)
{
	const char *const args[] = { "track", ALICE_MSISDN, "--distance", "within:500:" DAVE_MSISDN, NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 4);
	assert_non_null(strstr(out, "result 5 ABSENT SUBSCRIBER"));
}

static void cli_stop_unknown_is_4(void **state)
{
	const char *const args[] = { "--json", "stop", "42", NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 4);
	assert_non_null(strstr(out, "{\"result\":110,\"name\":\"INVALID PROTOCOL ELEMENT VALUE\""));
}

/* stop <req_id> <target>...: a tlrsr naming those targets (MLP 3.4 or later). */
static void cli_stop_some_targets(void **state)
{
	const char *const args[] = { "stop", "gmlc-7", CAROL_MSISDN, "imsi:" ALICE_IMSI, NULL };
	const char *const old[] = { "--mlp-version", "3.3", "stop", "gmlc-7", CAROL_MSISDN, NULL };
	const char *many[MLP_MAX_MSIDS + 4] = { "stop", "gmlc-7" };
	struct mlp_answer tlrsa;
	struct mlp_request *r;
	char out[4096];
	(void)state;

	mlp_answer_init(&tlrsa, MLP_TLRSA, MLP_V3_5);
	strcpy(tlrsa.req_id, "gmlc-7");
	fake_answers(&tlrsa);
	assert_int_equal(run_cli_at(fake.port, args, out, sizeof out), 0);
	assert_string_equal(out, "stopped gmlc-7\n");
	r = fake_request();
	assert_int_equal(r->kind, MLP_TLRSR);
	assert_string_equal(r->req_id, "gmlc-7");
	assert_int_equal(r->n_msids, 2);
	assert_int_equal(r->msids[0].type, MLP_MSID_MSISDN);
	assert_string_equal(r->msids[0].value, CAROL_MSISDN);
	assert_int_equal(r->msids[1].type, MLP_MSID_IMSI);
	assert_string_equal(r->msids[1].value, ALICE_IMSI);
	free(r);
	assert_int_equal(run_cli_at(fake.port, old, out, sizeof out), 2);
	assert_true(cli_said("lcs-client: stopping some targets needs MLP 3.4 or later, not 3.3.0"));
	for (int i = 0; i < MLP_MAX_MSIDS + 1; i++)
		many[2 + i] = CAROL_MSISDN;
	assert_int_equal(run_cli_at(fake.port, many, out, sizeof out), 2); /* more targets than MLP_MAX_MSIDS */
}

static void cli_usage_is_2(void **state)
{
	const char *const args[][4] = { { "locate", NULL }, { "track", ALICE_MSISDN, NULL }, { "fly", NULL } };
	char out[4096];
	(void)state;

	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
		assert_int_equal(run_cli(CLIENT_PWD, args[i], out, sizeof out), 2);
}

/* --mlp-version 3.1: the lab GMLC locates; the request is an MLP 3.1.0 svc_init. */
static void cli_mlp_version_3_1(void **state)
{
	const char *const args[] = { "--mlp-version", "3.1", "locate", ALICE_MSISDN, NULL };
	struct mlp_request *r;
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_non_null(strstr(out, ALICE_MSISDN " "));
	assert_non_null(strstr(out, " CircularArea lat 45.000000 lon 2.812500 radius 109.182 m\n"));

	r = request_sent(args, MLP_V3_1);
	assert_non_null(strstr(fake.body, "<svc_init ver=\"3.1.0\">"));
	assert_int_equal(r->version, MLP_V3_1);
	assert_int_equal(r->kind, MLP_SLIR);
	free(r);
}

/* A version out of 3.1..3.5 is a usage error; so is a distance_event in a version without it
 * (before 3.4), and a qos_class (for locate, track and bench) or loc_type LAST_OR_CURRENT in MLP
 * 3.1, said as such rather than sent. */
static void cli_versions_refused(void **state)
{
	const char *const args[][10] = {
		{ "--mlp-version", "3.6", "locate", ALICE_MSISDN, NULL },
		{ "--mlp-version", "3", "locate", ALICE_MSISDN, NULL },
		{ "--mlp-version", "3.3", "track", ALICE_MSISDN, "--distance", "within:500:" CAROL_MSISDN, NULL },
		{ "--mlp-version", "3.3", "track", ALICE_MSISDN, "--interval", "1", "--duration", "60", NULL },
		{ "--mlp-version", "3.1", "locate", ALICE_MSISDN, "--accuracy", "20", "--qos", "assured" },
		{ "--mlp-version", "3.1", "track", ALICE_MSISDN, "--interval", "2", "--qos", "assured" },
		{ "--mlp-version", "3.1", "bench", ALICE_MSISDN, "-n", "1", "--qos", "best-effort" },
		{ "--mlp-version", "3.1", "locate", ALICE_MSISDN, "--location-type", "last-or-current", NULL },
	};
	char out[4096];
	(void)state;

	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
		assert_int_equal(run_cli(CLIENT_PWD, args[i], out, sizeof out), 2);
		assert_string_equal(out, "");
	}
	assert_true(cli_said("lcs-client: no MLP version 3.6 (3.1 to 3.5)"));
	assert_true(cli_said("lcs-client: --distance needs MLP 3.4 or later, not 3.3.0"));
	assert_true(cli_said("lcs-client: --duration needs MLP 3.4 or later, not 3.3.0"));
	assert_true(cli_said("lcs-client: --qos needs MLP 3.2 or later (MLP 3.1 has no qos_class)"));
	assert_true(cli_said("lcs-client: --location-type last-or-current needs MLP 3.2 or later"));
}

/* --serviceid and --requestor go into the hdr, beside the client id and password. */
static void cli_hdr_serviceid_and_requestor(void **state)
{
	const char *const args[] = { "--serviceid", "svc-42", "--requestor", "SIPURL:sip:bob@" REALM,
				     "locate", ALICE_MSISDN, NULL };
	const char *const bad[][6] = {
		{ "--requestor", "BOSS:bob", "locate", ALICE_MSISDN, NULL },
		{ "--requestor", "IMSI:", "locate", ALICE_MSISDN, NULL },
		{ "--requestor", "bob", "locate", ALICE_MSISDN, NULL },
	};
	struct mlp_request *r;
	char out[4096];
	(void)state;

	r = request_sent(args, MLP_V3_5);
	assert_string_equal(r->hdr.client_id, CLIENT_ID);
	assert_string_equal(r->hdr.pwd, CLIENT_PWD);
	assert_string_equal(r->hdr.serviceid, "svc-42");
	assert_true(r->hdr.has_requestor);
	assert_int_equal(r->hdr.requestor_type, MLP_REQUESTOR_SIPURL);
	assert_string_equal(r->hdr.requestor_id, "sip:bob@" REALM);
	free(r);

	/* the lab GMLC takes them */
	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(run_cli(CLIENT_PWD, bad[i], out, sizeof out), 2);
}

/* imsi:<digits> is an IMSI target, as the distance reference too. */
static void cli_locate_by_imsi(void **state)
{
	const char *const args[] = { "--json", "locate", "imsi:" ALICE_IMSI, CAROL_MSISDN, NULL };
	struct mlp_request *r;
	char out[4096];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_non_null(strstr(out, "{\"msid\":\"" ALICE_IMSI "\",\"time\":\""));
	assert_non_null(strstr(out, "\"msid_type\":\"IMSI\""));
	assert_non_null(strstr(out, "\"shape\":{\"type\":\"CircularArea\",\"lat\":45.0,\"lon\":2.8125,"));
	assert_non_null(strstr(out, "{\"msid\":\"" CAROL_MSISDN "\","));

	r = request_sent(args, MLP_V3_5);
	assert_int_equal(r->n_msids, 2);
	assert_int_equal(r->msids[0].type, MLP_MSID_IMSI);
	assert_string_equal(r->msids[0].value, ALICE_IMSI);
	assert_int_equal(r->msids[1].type, MLP_MSID_MSISDN);
	assert_string_equal(r->msids[1].value, CAROL_MSISDN);
	free(r);
}

/* --start-time and --stop-time are the tlrr's start_time and stop_time (UTC), --duration its
 * duration; the reference of a distance_event may be an IMSI, --no-of-reports its no_of_reports;
 * the accuracies are the tlrr's qop. */
static void cli_track_times_in_the_tlrr(void **state)
{
	const char *const args[] = { "track", ALICE_MSISDN, "--interval", "10", "--stop-time", "2030-01-02T03:04:05Z",
				     "--start-time", "2030-01-02T02:04:05Z",
				     "--duration", "3600", "--no-of-reports", "4",
				     "--distance", "within:500:imsi:001010000000003", "--accuracy", "50",
				     "--altitude-accuracy", "20", "--qos", "assured", NULL };
	const char *const bad[][7] = {
		{ "track", ALICE_MSISDN, "--interval", "1", "--stop-time", "tomorrow" },
		{ "track", ALICE_MSISDN, "--interval", "1", "--stop-time", "2030-01-02T03:04:05" },
		{ "track", ALICE_MSISDN, "--interval", "1", "--duration", "0" },
		{ "track", ALICE_MSISDN, "--interval", "1", "--start-time", "now" },
		{ "track", ALICE_MSISDN, "--interval", "1", "--no-of-reports", "2" }, /* no --distance */
		{ "track", ALICE_MSISDN, "--distance", "within:5:" CAROL_MSISDN, "--no-of-reports", "0" },
	};
	char out[4096];
	struct mlp_request *r;
	(void)state;

	free(fake.answer);
	assert_int_equal(mlp_write_gem(MLP_V3_5, MLP_PROTOCOL_ELEMENT_VALUE_NOT_SUPPORTED, NULL, &fake.answer,
				       &fake.answer_len, NULL, 0), 0);
	assert_int_equal(run_cli_at(fake.port, args, out, sizeof out), 4);
	assert_non_null(strstr(out, "result 112 PROTOCOL ELEMENT VALUE NOT SUPPORTED"));
	r = fake_request();
	assert_int_equal(r->kind, MLP_TLRR);
	assert_int_equal(r->interval_s, 10);
	assert_true(r->has_stop_time);
	assert_int_equal(r->stop_time, 1893553445); /* 2030-01-02T03:04:05Z */
	assert_true(r->has_start_time);
	assert_int_equal(r->start_time, 1893553445 - 3600);
	assert_int_equal(r->duration_s, 3600);
	assert_int_equal(r->event, MLP_EVENT_DISTANCE);
	assert_int_equal(r->distance.reference.type, MLP_MSID_IMSI);
	assert_string_equal(r->distance.reference.value, "001010000000003");
	assert_int_equal(r->distance.no_of_reports, 4);
	assert_int_equal(r->eqop.hor_acc_m, 50); /* the tlrr's qop */
	assert_int_equal(r->eqop.alt_acc_m, 20);
	assert_true(r->eqop.has_qos_class);
	assert_int_equal(r->eqop.qos_class, MLP_QOS_ASSURED);
	free(r);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(run_cli(CLIENT_PWD, bad[i], out, sizeof out), 2);
}

/* The lab GMLC sends the reports that fit before stop_time, the last one saying no more follow:
 * the tool ends with them, without a tlrsr. */
static void cli_track_until_stop_time(void **state)
{
	const char *args[] = { "track", ALICE_MSISDN, "--interval", "1", "--stop-time", NULL, NULL };
	char out[4096], stop[32], req_id[64], line[128];
	time_t at = time(NULL) + 3;
	struct tm tm;
	(void)state;

	strftime(stop, sizeof stop, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&at, &tm));
	args[5] = stop;
	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_int_equal(sscanf(out, "tracking %63s\n", req_id), 1);
	snprintf(line, sizeof line, "report %s PERIODIC: " ALICE_MSISDN " ", req_id);
	assert_non_null(strstr(out, line));
	assert_null(strstr(out, "stopped"));
}

/* --when-available: one MS_AVAIL report of alice (reachable), the last; no tlrsr; in MLP 3.1 too,
 * whose tlrep cannot say it is the last. With --distance or --interval, a usage error. */
static void cli_track_when_available(void **state)
{
	const char *const args[][6] = {
		{ "track", ALICE_MSISDN, "--when-available" },
		{ "--mlp-version", "3.1", "track", ALICE_MSISDN, "--when-available" },
	};
	const char *const bad[][6] = {
		{ "track", ALICE_MSISDN, "--when-available", "--distance", "within:5:" CAROL_MSISDN },
		{ "track", ALICE_MSISDN, "--when-available", "--interval", "1" },
	};
	char out[4096], req_id[64], line[128];
	(void)state;

	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
		assert_int_equal(run_cli(CLIENT_PWD, args[i], out, sizeof out), 0);
		assert_int_equal(sscanf(out, "tracking %63s\n", req_id), 1);
		snprintf(line, sizeof line, "report %s MS_AVAIL: " ALICE_MSISDN " ", req_id);
		assert_non_null(strstr(out, line));
		assert_null(strstr(out, "stopped"));
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(run_cli(CLIENT_PWD, bad[i], out, sizeof out), 2);
}

/* lev_conf, alt and alt_unc, when the pd has them, as text and JSON. */
static void cli_prints_altitude_and_confidence(void **state)
{
	const char *const text[] = { "locate", ALICE_MSISDN, NULL };
	const char *const json[] = { "--json", "locate", ALICE_MSISDN, NULL };
	struct mlp_answer slia;
	struct mlp_pos *p = &slia.pos[0];
	char out[4096];
	(void)state;

	mlp_answer_init(&slia, MLP_SLIA, MLP_V3_5);
	slia.n_pos = 1;
	p->msid = (struct mlp_msid){ MLP_MSID_MSISDN, ALICE_MSISDN };
	p->time = time(NULL);
	p->shape = (struct mlp_shape){ .kind = MLP_ELLIPTICAL_AREA, .coord = { ALICE_LAT, ALICE_LON }, .angle = 30,
				       .semi_major = 100, .semi_minor = 50, .has_altitude = 1, .altitude = 120,
				       .has_altitude_uncertainty = 1, .altitude_uncertainty = 15, .confidence = 68 };
	fake_answers(&slia);
	assert_int_equal(run_cli_at(fake.port, text, out, sizeof out), 0);
	assert_non_null(strstr(out, " EllipticalArea lat 45.000000 lon 2.812500 semi-major 100 m semi-minor 50 m"
				    " angle 30 altitude 120 m altitude-uncertainty 15 m confidence 68%\n"));
	assert_int_equal(run_cli_at(fake.port, json, out, sizeof out), 0);
	assert_non_null(strstr(out, "\"angle\":30.0},\"altitude\":120.0,\"altitude_uncertainty\":15.0,"
				    "\"confidence\":68}\n"));

	/* none of them: nothing printed for them */
	p->shape.has_altitude = p->shape.has_altitude_uncertainty = 0;
	p->shape.confidence = -1;
	fake_answers(&slia);
	assert_int_equal(run_cli_at(fake.port, json, out, sizeof out), 0);
	assert_non_null(strstr(out, "\"angle\":30.0}}\n"));
}

/* locate --async: the slia's req_id, then the slirep's positions from the lab GMLC. */
static void cli_locate_async(void **state)
{
	const char *const args[] = { "--json", "locate", "--async", ALICE_MSISDN, CAROL_MSISDN, NULL };
	const char *const poserr[] = { "locate", "--async", "imsi:" ALICE_IMSI, UNKNOWN_MSISDN, NULL };
	char out[4096], req_id[64];
	(void)state;

	assert_int_equal(run_cli(CLIENT_PWD, args, out, sizeof out), 0);
	assert_int_equal(sscanf(out, "{\"locating\":\"%63[^\"]\"}\n", req_id), 1);
	assert_non_null(strstr(out, "{\"msid\":\"" ALICE_MSISDN "\","));
	assert_non_null(strstr(out, "\"shape\":{\"type\":\"CircularArea\",\"lat\":45.0,\"lon\":2.8125,"));
	assert_non_null(strstr(out, "\"shape\":{\"type\":\"CircularArea\",\"lat\":-33.75,\"lon\":151.875,"));

	assert_int_equal(run_cli(CLIENT_PWD, poserr, out, sizeof out), 1);
	assert_int_equal(strncmp(out, "locating ", 9), 0);
	assert_non_null(strstr(out, "\nimsi:" ALICE_IMSI " "));
	assert_non_null(strstr(out, " CircularArea lat 45.000000 lon 2.812500 radius 109.182 m\n"));
	assert_non_null(strstr(out, "\n" UNKNOWN_MSISDN " "));
	assert_non_null(strstr(out, " error 4 UNKNOWN SUBSCRIBER\n"));
}

/* An ASYNC slir whose slirep never comes: exit 3 after --timeout. The slir named our listener. */
static void cli_locate_async_without_slirep_is_3(void **state)
{
	const char *const args[] = { "--timeout", "1", "locate", "--async", ALICE_MSISDN, NULL };
	struct mlp_answer slia;
	struct mlp_request *r;
	char out[4096];
	(void)state;

	mlp_answer_init(&slia, MLP_SLIA, MLP_V3_5);
	snprintf(slia.req_id, sizeof slia.req_id, "7");
	fake_answers(&slia);
	assert_int_equal(run_cli_at(fake.port, args, out, sizeof out), 3);
	assert_string_equal(out, "locating 7\n");
	r = fake_request();
	assert_int_equal(r->kind, MLP_SLIR);
	assert_int_equal(r->res_type, MLP_ASYNC);
	assert_int_equal(strncmp(r->pushaddr, "http://127.0.0.1:", 17), 0);
	free(r);
}

static void cli_no_server_is_3(void **state)
{
	const char *const args[] = { "locate", ALICE_MSISDN, NULL };
	char out[4096];
	(void)state;

	assert_int_equal(run_cli_no_server(args, out, sizeof out), 3);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(locate_one),
		cmocka_unit_test(locate_two),
		cmocka_unit_test(locate_in_mlp_3_1),
		cmocka_unit_test(kept_connection_serves_each_request),
		cmocka_unit_test(unknown_number_is_poserr_4),
		cmocka_unit_test(nobody_listening_is_econnrefused),
		cmocka_unit_test(listener_takes_a_tlrep),
		cmocka_unit_test(track_then_stop),
		cmocka_unit_test(distance_trigger_is_accepted_and_stopped),
		cmocka_unit_test(cli_locate),
		cmocka_unit_test(cli_locate_json_with_a_poserr),
		cmocka_unit_test(cli_locate_accuracy),
		cmocka_unit_test(cli_locate_quality),
		cmocka_unit_test(cli_bench),
		cmocka_unit_test(cli_bench_asks_the_quality),
		cmocka_unit_test(cli_bench_over_256_at_once),
		cmocka_unit_test(cli_bench_no_server_is_3),
		cmocka_unit_test(cli_wrong_password_is_4),
		cmocka_unit_test(cli_track),
		cmocka_unit_test(cli_track_distance),
		cmocka_unit_test(cli_track_distance_to_an_absent_ue_is_4),
		cmocka_unit_test(cli_stop_unknown_is_4),
		cmocka_unit_test(cli_stop_some_targets),
		cmocka_unit_test(cli_usage_is_2),
		cmocka_unit_test(cli_no_server_is_3),
		cmocka_unit_test(cli_mlp_version_3_1),
		cmocka_unit_test(cli_versions_refused),
		cmocka_unit_test(cli_hdr_serviceid_and_requestor),
		cmocka_unit_test(cli_locate_by_imsi),
		cmocka_unit_test(cli_track_times_in_the_tlrr),
		cmocka_unit_test(cli_track_until_stop_time),
		cmocka_unit_test(cli_track_when_available),
		cmocka_unit_test(cli_prints_altitude_and_confidence),
		cmocka_unit_test(cli_locate_async),
		cmocka_unit_test(cli_locate_async_without_slirep_is_3),
	};
	return cmocka_run_group_tests_name("lcs_client", tests, setup, teardown);
}
