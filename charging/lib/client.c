/* The client's life: standalone (libfdcore started here from a configuration file,
 * freediameter-1.2.1.md §2.2) or attached to the core already running in the process. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charging_internal.h"

#define DEFAULT_TIMEOUT_MS 5000
#define DEFAULT_OPEN_TIMEOUT_MS 10000
#define DEFAULT_FAILOVER_ATTEMPTS 1
#define PEER_POLL_MS 20
/* Closing waits this long beyond the requests' timeouts for the last expiry timers. */
#define CLOSE_MARGIN_MS 2000

/* libfdcore is a singleton that cannot start again once stopped. */
static int standalone_opened;

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

static int peer_serves(struct peer_hdr *peer, application_id_t app)
{
	struct fd_app *found = NULL;

	if (fd_peer_get_state(peer) != STATE_OPEN)
		return 0;
	return peer->info.runtime.pir_relay || (!fd_app_check(&peer->info.runtime.pir_apps, app, &found) && found);
}

/* The configured Destination-Host when it is one of our peers, else any peer (an agent may route
 * to the server). */
static int app_peer_open(const struct chg_client *client, application_id_t app)
{
	struct peer_hdr *peer = NULL;
	int open = 0;

	if (client->dest_host &&
	    !fd_peer_getbyid((DiamId_t)client->dest_host, strlen(client->dest_host), 0, &peer) && peer)
		return peer_serves(peer, app);
	pthread_rwlock_rdlock(&fd_g_peers_rw);
	for (struct fd_list *li = fd_g_peers.next; !open && li != &fd_g_peers; li = li->next)
		open = peer_serves((struct peer_hdr *)li, app); /* chain is the first member */
	pthread_rwlock_unlock(&fd_g_peers_rw);
	return open;
}

static int any_peer_open(const struct chg_client *client)
{
	return app_peer_open(client, CHG_RF) || app_peer_open(client, CHG_RO);
}

int chg_client_wait_peer(struct chg_client *client, enum chg_application app, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	struct timespec pause = { 0, PEER_POLL_MS * 1000000L };

	while (!app_peer_open(client, app)) {
		if (now_ms() > deadline)
			return ETIMEDOUT;
		nanosleep(&pause, NULL);
	}
	return 0;
}

static struct chg_client *client_new(const struct chg_config *config)
{
	struct chg_client *client = calloc(1, sizeof *client);

	if (!client)
		return NULL;
	client->standalone = config->fd_config != NULL;
	client->timeout_ms = config->timeout_ms > 0 ? config->timeout_ms : DEFAULT_TIMEOUT_MS;
	client->failover_attempts = config->failover_attempts > 0 ? config->failover_attempts :
				    config->failover_attempts == CHG_UNSET ? 0 : DEFAULT_FAILOVER_ATTEMPTS;
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

static void client_free(struct chg_client *client)
{
	pthread_mutex_destroy(&client->lock);
	pthread_cond_destroy(&client->idle);
	free(client->dest_realm);
	free(client->dest_host);
	free(client);
}

static int register_hooks(struct chg_client *client, char *err, size_t errlen)
{
	int ret = fd_hook_register(HOOK_MASK(HOOK_MESSAGE_DROPPED), chg_send_on_drop, NULL, NULL, &client->drop_hook);

	/* A library does not print: the host of an attached client chose its own logging. */
	if (!ret && client->standalone)
		ret = dk_quiet_messages(&client->quiet_hook);
	return ret ? fail(err, errlen, ret, "cannot register freeDiameter hooks: %s", strerror(ret)) : 0;
}

static void unregister_hooks(struct chg_client *client)
{
	if (client->drop_hook)
		fd_hook_unregister(client->drop_hook);
	if (client->quiet_hook)
		fd_hook_unregister(client->quiet_hook);
	client->drop_hook = client->quiet_hook = NULL;
}

static void stop_node(struct chg_client *client)
{
	fd_core_shutdown();
	fd_core_wait_shutdown_complete();
	unregister_hooks(client); /* the core keeps its hooks across shutdown */
}

/* From the configuration file to a running node. */
static int start_node(struct chg_client *client, const char *fd_config, char *err, size_t errlen)
{
	int ret;

	if (fd_core_initialize())
		return fail(err, errlen, EINVAL, "libfdcore does not initialise");
	if (fd_core_parseconf(fd_config))
		return fail(err, errlen, EINVAL, "freeDiameter cannot load the configuration %s (see its log)", fd_config);
	CHECK_FCT(chg_dict_init(err, errlen));
	if ((ret = chg_advertise()))
		return fail(err, errlen, ret, "cannot advertise Rf and Ro: %s", strerror(ret));
	CHECK_FCT(register_hooks(client, err, errlen));
	if (fd_core_start() || fd_core_waitstartcomplete())
		return fail(err, errlen, EINVAL, "freeDiameter does not start (see its log)");
	return 0;
}

static int open_standalone(struct chg_client *client, const struct chg_config *config, char *err, size_t errlen)
{
	int open_timeout_ms = config->open_timeout_ms > 0 ? config->open_timeout_ms : DEFAULT_OPEN_TIMEOUT_MS;
	long deadline = now_ms() + open_timeout_ms;
	struct timespec pause = { 0, PEER_POLL_MS * 1000000L };
	int ret;

	if (__atomic_exchange_n(&standalone_opened, 1, __ATOMIC_SEQ_CST))
		return fail(err, errlen, EALREADY, "one standalone client per process: libfdcore is already in use");
	ret = start_node(client, config->fd_config, err, errlen);
	while (!ret && !any_peer_open(client)) {
		if (now_ms() > deadline)
			ret = fail(err, errlen, ENOTCONN, "no peer serving Rf or Ro is OPEN after %d ms (see ConnectPeer in %s)",
				   open_timeout_ms, config->fd_config);
		else
			nanosleep(&pause, NULL);
	}
	if (ret)
		stop_node(client);
	return ret;
}

int chg_client_open(const struct chg_config *config, struct chg_client **out, char *err, size_t errlen)
{
	char scratch[CHG_ERR_LEN];
	struct chg_client *client;
	int ret;

	if (!err || !errlen) {
		err = scratch;
		errlen = sizeof scratch;
	}
	if (!out || !config || !config->dest_realm)
		return fail(err, errlen, EINVAL, "a destination realm is needed");
	*out = NULL;
	if (!(client = client_new(config)))
		return fail(err, errlen, ENOMEM, "out of memory");
	ret = client->standalone ? open_standalone(client, config, err, errlen) :
				   chg_dict_init(err, errlen) ?: register_hooks(client, err, errlen);
	if (ret) {
		if (!client->standalone)
			unregister_hooks(client);
		client_free(client);
		return ret;
	}
	*out = client;
	return 0;
}

void chg_client_close(struct chg_client *client)
{
	if (!client)
		return;
	pthread_mutex_lock(&client->lock);
	client->closing = 1;
	pthread_mutex_unlock(&client->lock);
	if (client->standalone) {
		chg_send_wait_idle(client, client->timeout_ms * (client->failover_attempts + 1) + CLOSE_MARGIN_MS);
		stop_node(client);
		chg_send_cancel_all(client);
	} else {
		/* The core keeps running and would call back into a freed client: wait for every
		 * request to end, which its expiry timer guarantees (and the drop hook, still set). */
		chg_send_wait_idle(client, -1);
		unregister_hooks(client);
	}
	client_free(client);
}
