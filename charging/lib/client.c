/* The client's life: standalone (libfdcore started here from a configuration file,
 * freediameter-1.2.1.md §2.2) or attached to the core already running in the process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "charging_internal.h"

#define DEFAULT_TIMEOUT_MS 5000
#define DEFAULT_OPEN_TIMEOUT_MS 10000
#define DEFAULT_FAILOVER_ATTEMPTS 1
/* Closing waits this long beyond the requests' timeouts for the last expiry timers. */
#define CLOSE_MARGIN_MS 2000

/* libfdcore is a singleton that cannot start again once stopped. */
static int standalone_opened;

/* A peer of the destination realm (or the destination host) serving one of the applications; when
 * none came within the time, any peer serving one (an agent reaching the realm) will do. */
static int wait_peer(const struct chg_client *client, const application_id_t *apps, size_t n, int timeout_ms)
{
	if (!dk_wait_realm_peer(client->dest_host, client->dest_realm, apps, n, timeout_ms))
		return 0;
	return dk_wait_app_peer(client->dest_host, apps, n, 0);
}

int chg_client_wait_peer(struct chg_client *client, enum chg_application app, int timeout_ms)
{
	application_id_t id = app;

	return wait_peer(client, &id, 1, timeout_ms);
}

static void client_free(struct chg_client *client)
{
	dk_inflight_destroy(&client->inflight);
	free(client->dest_realm);
	free(client->dest_host);
	free(client);
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
	dk_inflight_init(&client->inflight);
	if (!client->dest_realm || (config->dest_host && !client->dest_host)) {
		client_free(client);
		return NULL;
	}
	return client;
}


static int register_hooks(struct chg_client *client, char *err, size_t errlen)
{
	int ret = chg_drop_hook_register(&client->drop_hook);

	/* A library does not print: the host of an attached client chose its own logging. */
	if (!ret && client->standalone)
		ret = dk_quiet_messages(&client->quiet_hook);
	return ret ? dk_error(err, errlen, ret, "cannot register freeDiameter hooks: %s", strerror(ret)) : 0;
}

static void unregister_hooks(struct chg_client *client)
{
	dk_drop_hook_unregister(client->drop_hook);
	if (client->quiet_hook)
		fd_hook_unregister(client->quiet_hook);
	client->drop_hook = NULL;
	client->quiet_hook = NULL;
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

	dk_ignore_sigpipe();
	if (fd_core_initialize())
		return dk_error(err, errlen, EINVAL, "libfdcore does not initialise");
	if (fd_core_parseconf(fd_config))
		return dk_error(err, errlen, EINVAL, "freeDiameter cannot load the configuration %s (see its log)", fd_config);
	CHECK_FCT(chg_dict_init(err, errlen));
	if ((ret = chg_advertise()))
		return dk_error(err, errlen, ret, "cannot advertise Rf and Ro: %s", strerror(ret));
	CHECK_FCT(register_hooks(client, err, errlen));
	if (fd_core_start() || fd_core_waitstartcomplete())
		return dk_error(err, errlen, EINVAL, "freeDiameter does not start (see its log)");
	return 0;
}

static int open_standalone(struct chg_client *client, const struct chg_config *config, char *err, size_t errlen)
{
	static const application_id_t apps[] = { CHG_RF, CHG_RO };
	int open_timeout_ms = config->open_timeout_ms > 0 ? config->open_timeout_ms : DEFAULT_OPEN_TIMEOUT_MS;
	int ret;

	if (__atomic_exchange_n(&standalone_opened, 1, __ATOMIC_SEQ_CST))
		return dk_error(err, errlen, EALREADY, "one standalone client per process: libfdcore is already in use");
	ret = start_node(client, config->fd_config, err, errlen);
	if (!ret && wait_peer(client, apps, DK_COUNT(apps), open_timeout_ms))
		ret = dk_error(err, errlen, ENOTCONN, "no peer serving Rf or Ro is OPEN after %d ms (see ConnectPeer in %s)",
			   open_timeout_ms, config->fd_config);
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
		return dk_error(err, errlen, EINVAL, "a destination realm is needed");
	*out = NULL;
	if (!(client = client_new(config)))
		return dk_error(err, errlen, ENOMEM, "out of memory");
	ret = client->standalone ? open_standalone(client, config, err, errlen) :
				   chg_dict_init(err, errlen) ?: register_hooks(client, err, errlen);
	if (ret) {
		if (!client->standalone)
			unregister_hooks(client);
		client_free(client);
		return ret;
	}
	dk_sid_maker_init(&client->sids); /* the identity is known once the configuration is read */
	*out = client;
	return 0;
}

void chg_client_close(struct chg_client *client)
{
	if (!client)
		return;
	dk_inflight_close(&client->inflight);
	if (client->standalone) {
		dk_inflight_wait_idle(&client->inflight, client->timeout_ms * (client->failover_attempts + 1) + CLOSE_MARGIN_MS);
		stop_node(client);
		chg_send_cancel_all(client);
	} else {
		/* The core keeps running and would call back into a freed client: wait for every
		 * request to end, which its expiry timer guarantees (and the drop hook, still set). */
		dk_inflight_wait_idle(&client->inflight, -1);
		unregister_hooks(client);
	}
	client_free(client);
}
