/* libshclient when the HSS goes away: once the only peer serving Sh has left (its daemon stopped,
 * DPR sent), freeDiameter has no route for a request. The AS must learn that at once, as ENOTCONN,
 * not after its timeout as if the HSS were slow; an asynchronous request is called back once.
 * A test of its own: the HSS daemon does not come back, and a process opens one client. */
#include <errno.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "fdnet.h"
#include "sh_sample.h"
#include "shclient.h"

#define REALM "test.localdomain"
#define IMPU "sip:alice@" REALM
#define TIMEOUT_MS 2000
#define WAIT_S 15

static struct fdnet net;
static struct fdnet_node *hss, *as;
static struct sh_client *client;

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int hss_open(void)
{
	struct peer_hdr *hdr = NULL;

	return !fd_peer_getbyid((DiamId_t)hss->identity, strlen(hss->identity), 0, &hdr) && hdr &&
	       fd_peer_get_state(hdr) == STATE_OPEN;
}

/* The HSS is up while the client opens, then stopped: the AS's connection to it closes. */
static int setup(void **state)
{
	char err[SH_ERR_LEN];
	struct sh_client_config config = { .dest_realm = REALM, .timeout_ms = TIMEOUT_MS, .open_timeout_ms = 30000 };
	int ret;

	(void)state;
	if (fdnet_init(&net, "shclient_noroute"))
		return -1;
	hss = fdnet_add(&net, "hss", REALM);
	as = fdnet_add_embedded(&net, "as", REALM);
	if (!hss || !as)
		return -1;
	fdnet_load_dictionaries(hss);
	fdnet_load(hss, fdnet_test_fdx("test_responder"), NULL);
	fdnet_load_dictionaries(as);
	fdnet_link(&net, as, hss);
	if (fdnet_start(&net))
		return -1;
	fd_g_debug_lvl = FD_LOG_FATAL; /* the routing failures below are expected */
	config.fd_config = as->conf_path;
	if ((ret = sh_client_open(&config, &client, err, sizeof err))) {
		fprintf(stderr, "sh_client_open: %s (%d)\n", err, ret);
		return -1;
	}
	if (fdnet_stop_node(hss))
		return -1;
	for (long deadline = now_ms() + WAIT_S * 1000L; hss_open() && now_ms() < deadline;)
		usleep(20000);
	return hss_open() ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	sh_client_close(client);
	return fdnet_stop(&net);
}

static const char *const service[] = { "test-service" };

static void request_without_route_fails_at_once(void **state)
{
	struct sh_request r = sh_sample_repository_request(IMPU, service);
	struct sh_answer answer;
	long start = now_ms(), elapsed;

	(void)state;
	assert_int_equal(sh_udr(client, &r, &answer), ENOTCONN);
	elapsed = now_ms() - start;
	print_message("no route: ENOTCONN after %ld ms\n", elapsed);
	assert_true(elapsed < TIMEOUT_MS / 2);
	assert_int_equal(sh_answer_code(&answer), 0);
	assert_null(answer.user_data);
}

struct outcome {
	sem_t done;
	int calls, status;
};

static void on_answer(void *arg, int status, struct sh_answer *answer)
{
	struct outcome *o = arg;

	(void)answer;
	o->calls++;
	o->status = status;
	sem_post(&o->done);
}

static void async_request_without_route_is_called_back_once(void **state)
{
	struct sh_request r = sh_sample_repository_request(IMPU, service);
	struct outcome o = { .calls = 0 };
	struct timespec until;

	(void)state;
	sem_init(&o.done, 0, 0);
	assert_int_equal(sh_udr_async(client, &r, on_answer, &o), 0);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 1; /* TIMEOUT_MS / 2 */
	assert_int_equal(sem_timedwait(&o.done, &until), 0);
	assert_int_equal(o.status, ENOTCONN);
	usleep((TIMEOUT_MS + 300) * 1000); /* past the expiry: no second call */
	assert_int_equal(o.calls, 1);
	sem_destroy(&o.done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_without_route_fails_at_once),
		cmocka_unit_test(async_request_without_route_is_called_back_once),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
