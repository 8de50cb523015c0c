/* The client's life: libfdcore embedded in the process (freediameter-1.2.1.md §2.2), the Sh
 * application advertised, the PNR handler registered, and the wait for a peer that serves Sh. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shclient_internal.h"

#define DEFAULT_TIMEOUT_MS 5000
#define DEFAULT_OPEN_TIMEOUT_MS 10000
#define PEER_POLL_MS 20
/* Closing waits this long beyond the request timeout for the last expiry timers. */
#define CLOSE_MARGIN_MS 2000

/* libfdcore is a singleton that cannot start again once stopped. */
static int opened;

static int fail(char *err, size_t errlen, int ret, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return ret;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int peer_serves_sh(struct peer_hdr *peer)
{
	struct fd_app *app = NULL;

	if (fd_peer_get_state(peer) != STATE_OPEN)
		return 0;
	return peer->info.runtime.pir_relay ||
	       (!fd_app_check(&peer->info.runtime.pir_apps, SH_APPLICATION_ID, &app) && app);
}

/* The configured Destination-Host when it is one of our peers, else any peer (an agent may
 * route to the HSS). */
static int sh_peer_open(const struct sh_client *client)
{
	struct peer_hdr *peer = NULL;
	int open = 0;

	if (client->dest_host &&
	    !fd_peer_getbyid((DiamId_t)client->dest_host, strlen(client->dest_host), 0, &peer) && peer)
		return peer_serves_sh(peer);
	pthread_rwlock_rdlock(&fd_g_peers_rw);
	for (struct fd_list *li = fd_g_peers.next; !open && li != &fd_g_peers; li = li->next)
		open = peer_serves_sh((struct peer_hdr *)li); /* chain is the first member */
	pthread_rwlock_unlock(&fd_g_peers_rw);
	return open;
}

static int wait_for_peer(const struct sh_client *client, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	struct timespec pause = { 0, PEER_POLL_MS * 1000000L };

	while (!sh_peer_open(client)) {
		if (now_ms() > deadline)
			return ETIMEDOUT;
		nanosleep(&pause, NULL);
	}
	return 0;
}

static struct sh_client *client_new(const struct sh_client_config *config)
{
	struct sh_client *client = calloc(1, sizeof *client);

	if (!client)
		return NULL;
	client->timeout_ms = config->timeout_ms > 0 ? config->timeout_ms : DEFAULT_TIMEOUT_MS;
	client->raw_user_data = config->raw_user_data;
	client->dest_realm = strdup(config->dest_realm);
	client->dest_host = config->dest_host ? strdup(config->dest_host) : NULL;
	pthread_mutex_init(&client->lock, NULL);
	pthread_cond_init(&client->idle, NULL);
	fd_list_init(&client->pending, NULL);
	if (!client->dest_realm || (config->dest_host && !client->dest_host)) {
		free(client->dest_realm);
		free(client->dest_host);
		free(client);
		return NULL;
	}
	return client;
}

static void client_free(struct sh_client *client)
{
	pthread_mutex_destroy(&client->lock);
	pthread_cond_destroy(&client->idle);
	free(client->dest_realm);
	free(client->dest_host);
	free(client);
}

/* From the parsed configuration to a running node. */
static int start_node(struct sh_client *client, const char *fd_config, char *err, size_t errlen)
{
	struct disp_when when = { 0 };
	int ret;

	if (fd_core_parseconf(fd_config))
		return fail(err, errlen, EINVAL, "freeDiameter cannot load the configuration %s (see its log)", fd_config);
	CHECK_FCT(sh_dict_init(err, errlen));
	when.app = sh_dict.app;
	when.command = sh_dict.pnr;
	if ((ret = fd_disp_app_support(sh_dict.app, sh_dict.vendor, 1, 0)) ||
	    (ret = fd_disp_register(sh_pnr_handler, DISP_HOW_CC, &when, client, &client->pnr_handler)) ||
	    (ret = fd_hook_register(HOOK_MASK(HOOK_MESSAGE_DROPPED), sh_send_on_drop, NULL, NULL,
				    &client->drop_hook)) ||
	    (ret = dk_quiet_messages(&client->quiet_hook)))
		return fail(err, errlen, ret, "cannot register the Sh application: %s", strerror(ret));
	if (fd_core_start() || fd_core_waitstartcomplete())
		return fail(err, errlen, EINVAL, "freeDiameter does not start (see its log)");
	return 0;
}

static void stop_node(struct sh_client *client)
{
	fd_core_shutdown();
	fd_core_wait_shutdown_complete();
	/* The dispatch handler went with the core; the hook did not. */
	if (client->drop_hook)
		fd_hook_unregister(client->drop_hook);
	if (client->quiet_hook)
		fd_hook_unregister(client->quiet_hook);
}

int sh_client_open(const struct sh_client_config *config, struct sh_client **out, char *err, size_t errlen)
{
	char scratch[SH_ERR_LEN];
	struct sh_client *client;
	int ret, open_timeout_ms;

	if (!err || !errlen) {
		err = scratch;
		errlen = sizeof scratch;
	}
	if (!out || !config || !config->fd_config || !config->dest_realm)
		return fail(err, errlen, EINVAL, "a configuration file and a destination realm are needed");
	*out = NULL;
	if (__atomic_exchange_n(&opened, 1, __ATOMIC_SEQ_CST))
		return fail(err, errlen, EALREADY, "one client per process: libfdcore is already in use");
	if ((ret = shdata_init(NULL)))
		return fail(err, errlen, ret, "cannot load the Sh-Data schemas (error %d)", ret);
	if (!(client = client_new(config))) {
		shdata_cleanup();
		return fail(err, errlen, ENOMEM, "out of memory");
	}
	if (fd_core_initialize()) {
		ret = fail(err, errlen, EINVAL, "libfdcore does not initialise");
		goto free_client;
	}
	if ((ret = start_node(client, config->fd_config, err, errlen)))
		goto stop;
	open_timeout_ms = config->open_timeout_ms > 0 ? config->open_timeout_ms : DEFAULT_OPEN_TIMEOUT_MS;
	if (wait_for_peer(client, open_timeout_ms)) {
		ret = fail(err, errlen, ENOTCONN, "no peer serving Sh is OPEN after %d ms (see ConnectPeer in %s)",
			   open_timeout_ms, config->fd_config);
		goto stop;
	}
	*out = client;
	return 0;
stop:
	stop_node(client);
free_client:
	client_free(client);
	shdata_cleanup();
	return ret;
}

void sh_client_close(struct sh_client *client)
{
	if (!client)
		return;
	pthread_mutex_lock(&client->lock);
	client->closing = 1;
	pthread_mutex_unlock(&client->lock);
	sh_send_wait_idle(client, client->timeout_ms + CLOSE_MARGIN_MS);
	stop_node(client);
	sh_send_cancel_all(client);
	client_free(client);
	shdata_cleanup();
}

void sh_client_on_pnr(struct sh_client *client, sh_pnr_cb cb, void *arg)
{
	pthread_mutex_lock(&client->lock);
	client->pnr_cb = cb;
	client->pnr_arg = arg;
	pthread_mutex_unlock(&client->lock);
}
