/* The client's life: libfdcore embedded in the process (freediameter-1.2.1.md §2.2), the Sh
 * application advertised, the PNR handler registered, and the wait for a peer that serves Sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shclient_internal.h"

#define DEFAULT_TIMEOUT_MS 5000
#define DEFAULT_OPEN_TIMEOUT_MS 10000
/* Closing waits this long beyond the request timeout for the last expiry timers. */
#define CLOSE_MARGIN_MS 2000

static const application_id_t sh_app_id = SH_APPLICATION_ID;

/* libfdcore is a singleton that cannot start again once stopped. */
static int opened;

static struct sh_client *client_new(const struct sh_client_config *config)
{
	struct sh_client *client = calloc(1, sizeof *client);

	if (!client)
		return NULL;
	client->timeout_ms = config->timeout_ms > 0 ? config->timeout_ms : DEFAULT_TIMEOUT_MS;
	client->raw_user_data = config->raw_user_data;
	client->pnr_cb = config->on_pnr;
	client->pnr_arg = config->pnr_arg;
	client->dest_realm = strdup(config->dest_realm);
	client->dest_host = config->dest_host ? strdup(config->dest_host) : NULL;
	pthread_mutex_init(&client->lock, NULL);
	dk_inflight_init(&client->inflight);
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
	dk_inflight_destroy(&client->inflight);
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
		return dk_error(err, errlen, EINVAL, "freeDiameter cannot load the configuration %s (see its log)", fd_config);
	CHECK_FCT(sh_dict_init(err, errlen));
	dk_sid_maker_init(&client->sids); /* the identity is known once the configuration is read */
	when.app = sh_dict.app;
	when.command = sh_dict.pnr;
	if ((ret = fd_disp_app_support(sh_dict.app, sh_dict.vendor, 1, 0)) ||
	    (ret = fd_disp_register(sh_pnr_handler, DISP_HOW_CC, &when, client, &client->pnr_handler)) ||
	    (ret = sh_drop_hook_register(&client->drop_hook)) ||
	    (ret = dk_quiet_messages(&client->quiet_hook)))
		return dk_error(err, errlen, ret, "cannot register the Sh application: %s", strerror(ret));
	if (fd_core_start() || fd_core_waitstartcomplete())
		return dk_error(err, errlen, EINVAL, "freeDiameter does not start (see its log)");
	return 0;
}

static void stop_node(struct sh_client *client)
{
	fd_core_shutdown();
	fd_core_wait_shutdown_complete();
	/* The dispatch handler went with the core; the hook did not. */
	dk_drop_hook_unregister(client->drop_hook);
	client->drop_hook = NULL;
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
		return dk_error(err, errlen, EINVAL, "a configuration file and a destination realm are needed");
	*out = NULL;
	if (__atomic_exchange_n(&opened, 1, __ATOMIC_SEQ_CST))
		return dk_error(err, errlen, EALREADY, "one client per process: libfdcore is already in use");
	if ((ret = shdata_init(NULL)))
		return dk_error(err, errlen, ret, "cannot load the Sh-Data schemas (error %d)", ret);
	if (!(client = client_new(config))) {
		shdata_cleanup();
		return dk_error(err, errlen, ENOMEM, "out of memory");
	}
	dk_ignore_sigpipe();
	if (fd_core_initialize()) {
		ret = dk_error(err, errlen, EINVAL, "libfdcore does not initialise");
		goto free_client;
	}
	if ((ret = start_node(client, config->fd_config, err, errlen)))
		goto stop;
	open_timeout_ms = config->open_timeout_ms > 0 ? config->open_timeout_ms : DEFAULT_OPEN_TIMEOUT_MS;
	if (dk_wait_app_peer(client->dest_host, &sh_app_id, 1, open_timeout_ms)) {
		ret = dk_error(err, errlen, ENOTCONN, "no peer serving Sh is OPEN after %d ms (see ConnectPeer in %s)",
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
	dk_inflight_close(&client->inflight);
	dk_inflight_wait_idle(&client->inflight, client->timeout_ms + CLOSE_MARGIN_MS);
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
