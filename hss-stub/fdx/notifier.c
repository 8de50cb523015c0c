/* Sh-Notif: a Push-Notification-Request to every subscribed AS after every committed change
 * (TS 29.328 §6.1.4). Changes are read from the store's change log, so changes made by hss-ctl
 * while the daemon runs are notified too; the log is looked at every notify_interval_ms, and at
 * once after a PUR commit. A PNA with DIAMETER_ERROR_USER_UNKNOWN removes that AS's
 * subscriptions for that user; a one-time subscription ends with its first PNR. */
#include "hss_stub.h"
#include "latency.h"

#define CHANGES_PER_ROUND 64
#define TRIM_INTERVAL_MS 1000
#define PNA_TIMEOUT_S 10

static struct dk_worker worker; /* its timed waits on CLOCK_REALTIME */
static int kicked;              /* under worker.lock */
/* The newest change notified, and the newest dropped from the log (notifier thread only). */
static uint64_t notified, trimmed;
static struct timespec trimmed_at;

/* What the PNA callback needs to know. */
struct pnr_context {
	char impu[256];
	char as_host[256];
};

/* Subscriptions to one change, gathered before sending (the store is not held while sending). */
struct subscription_list {
	struct store_subscription *items;
	size_t n, size;
};

static int collect(const struct store_subscription *sub, void *arg)
{
	struct subscription_list *list = arg;

	if (list->n == list->size) {
		size_t size = list->size ? 2 * list->size : 8;
		struct store_subscription *items = realloc(list->items, size * sizeof *items);
		if (!items)
			return ENOMEM;
		list->items = items;
		list->size = size;
	}
	list->items[list->n++] = *sub;
	return 0;
}

static void on_pna(void *data, struct msg **answer)
{
	struct pnr_context *ctx = data;
	struct dk_result res;

	if (!dk_get_result(*answer, &res) && res.vendor == DK_VENDOR_3GPP && res.code == ERROR_USER_UNKNOWN) {
		LOG_N("hss_stub: %s does not know %s: its subscriptions for it are removed", ctx->as_host, ctx->impu);
		store_subscription_delete_as(hss_store, ctx->impu, ctx->as_host);
	}
	fd_msg_free(*answer);
	*answer = NULL;
	free(ctx);
}

static void on_pna_timeout(void *data, DiamId_t sentto, size_t len, struct msg **request)
{
	struct pnr_context *ctx = data;
	(void)sentto;
	(void)len;
	(void)request;
	LOG_N("hss_stub: no PNA from %s for %s", ctx->as_host, ctx->impu);
	free(ctx);
}

/* The realm of a connected peer, for Destination-Realm. */
static int peer_realm(const char *host, char *realm, size_t size)
{
	struct peer_hdr *peer = NULL;

	if (fd_peer_getbyid((DiamId_t)host, strlen(host), 0, &peer) || !peer || !peer->info.runtime.pir_realm)
		return ENOENT;
	snprintf(realm, size, "%.*s", (int)peer->info.runtime.pir_realmlen, peer->info.runtime.pir_realm);
	return 0;
}

/* The Sh-Data of the changed data, as the subscription sees it now; deleted repository data
 * shows its Service-Indication and Sequence-Number without ServiceData (TS 29.328 §6.1.2). When
 * the identity itself is gone (subscriber NULL), the Sh-Data names it in DeletedIdentities (the
 * Sh-Data Extension that TS 29.328 keeps for deleted identities), with the deleted repository
 * data marker for a subscription to repository data. */
static int notification_data(const struct store_change *change, const struct store_subscription *sub,
			     json_t *subscriber, char **xml, size_t *len)
{
	const char *si = sub->service_indication;
	struct sh_data_query q = {
		.data_reference = sub->data_reference,
		.impu = sub->impu,
		.service_indications = &si,
		.n_service_indications = sub->data_reference == 0,
		.server_name = "",
		.requested_domain = -1,
		.identity_set = -1,
	};
	struct sh_data *data = shdata_new();
	int ret;

	if (!data)
		return ENOMEM;
	if (change->deleted && change->data_reference == 0)
		ret = sh_data_add_deleted(data, change->service_indication, change->sequence_number);
	else
		ret = subscriber ? sh_data_add(data, subscriber, &q) : 0;
	if (!ret && !subscriber)
		ret = sh_data_add_deleted_identity(data, sub->impu);
	if (!ret)
		ret = shdata_write(data, xml, len);
	shdata_free(data);
	return ret;
}

static int send_pnr(const struct store_change *change, const struct store_subscription *sub)
{
	struct dict_object *cmd = hss_dict.pnr;
	struct msg *pnr = NULL;
	struct avp *ui = NULL;
	struct pnr_context *ctx;
	struct timespec expiry;
	json_t *subscriber = NULL;
	char realm[256], *xml = NULL;
	size_t len = 0;
	int ret;

	if (peer_realm(sub->as_host, realm, sizeof realm)) {
		LOG_N("hss_stub: %s is not connected: no PNR for %s", sub->as_host, sub->impu);
		return 0;
	}
	/* a deletion may have taken the identity with it: then the PNR says so, even when a subscriber
	 * has been given that identity again since */
	ret = change->identity_deleted ? ENOENT : store_subscriber_get(hss_store, STORE_IMPU, sub->impu, &subscriber);
	if (ret && (ret != ENOENT || !change->deleted))
		return ret == ENOENT ? 0 : ret;
	ret = notification_data(change, sub, subscriber, &xml, &len);
	json_decref(subscriber);
	if (ret)
		return ret;
	if (!(ctx = calloc(1, sizeof *ctx))) {
		free(xml);
		return ENOMEM;
	}
	snprintf(ctx->impu, sizeof ctx->impu, "%s", sub->impu);
	snprintf(ctx->as_host, sizeof ctx->as_host, "%s", sub->as_host);
	CHECK_FCT_DO(ret = fd_msg_new(cmd, MSGFL_ALLOC_ETEID, &pnr), goto fail);
	CHECK_FCT_DO(ret = fd_msg_new_session(pnr, (os0_t)"pnr", 3), goto fail);
	CHECK_FCT_DO(ret = sh_add_app_header(pnr), goto fail);
	CHECK_FCT_DO(ret = fd_msg_add_origin(pnr, 0), goto fail);
	CHECK_FCT_DO(ret = dk_add_str(pnr, dk_base.destination_host, sub->as_host), goto fail);
	CHECK_FCT_DO(ret = dk_add_str(pnr, dk_base.destination_realm, realm), goto fail);
	CHECK_FCT_DO(ret = dk_add_group(pnr, hss_dict.user_identity, &ui), goto fail);
	CHECK_FCT_DO(ret = dk_add_str(ui, hss_dict.public_identity, sub->impu), goto fail);
	if (sub->user_name[0])
		CHECK_FCT_DO(ret = dk_add_str(pnr, dk_base.user_name, sub->user_name), goto fail);
	CHECK_FCT_DO(ret = sh_add_user_data(pnr, xml, len), goto fail);
	free(xml);
	clock_gettime(CLOCK_REALTIME, &expiry);
	expiry.tv_sec += PNA_TIMEOUT_S;
	CHECK_FCT_DO(ret = fd_msg_send_timeout(&pnr, on_pna, ctx, on_pna_timeout, &expiry), {
		fd_msg_free(pnr);
		free(ctx);
		return ret;
	});
	return 0;
fail:
	fd_msg_free(pnr);
	free(xml);
	free(ctx);
	return ret;
}

static void notify_change(const struct store_change *change, time_t now)
{
	struct subscription_list list = { 0 };

	if (store_change_subscriptions(hss_store, change, now, collect, &list))
		LOG_E("hss_stub: cannot read the subscriptions to %s", change->impu);
	for (size_t i = 0; i < list.n; i++) {
		if (send_pnr(change, &list.items[i]))
			LOG_E("hss_stub: PNR to %s for %s not sent", list.items[i].as_host, change->impu);
		if (list.items[i].one_time)
			store_subscription_delete(hss_store, &list.items[i]);
	}
	free(list.items);
}

/* Notify everything logged since the last round; returns how many changes were handled. */
static size_t notify_round(void)
{
	struct store_change changes[CHANGES_PER_ROUND];
	size_t n = 0;
	time_t now = time(NULL);

	if (store_changes_since(hss_store, notified, changes, CHANGES_PER_ROUND, &n) || !n)
		return 0;
	for (size_t i = 0; i < n; i++)
		notify_change(&changes[i], now);
	notified = changes[n - 1].seq;
	return n;
}

/* Drop the notified changes from the log, at most every TRIM_INTERVAL_MS unless 'now': a write of
 * its own is a commit to disk, and trimming after every round doubled the commits of a stream of
 * PURs. A crash may leave changes notified since the last trim in the log, and they are notified
 * again at the next start, as a PNR sent just before a crash always could be. */
static void trim(int now)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (notified == trimmed ||
	    (!now && dk_ms_between(&trimmed_at, &t) < TRIM_INTERVAL_MS))
		return;
	if (store_changes_trim(hss_store, notified))
		LOG_E("hss_stub: cannot drop the notified changes from the log");
	else
		trimmed = notified;
	trimmed_at = t;
}

static void *notifier_loop(void *arg)
{
	(void)arg;
	fd_log_threadname("hss_stub notifier");
	/* PNRs need the peers: wait until the daemon has started */
	if (fd_core_waitstartcomplete())
		return NULL;
	pthread_mutex_lock(&worker.lock);
	while (!worker.stopping) {
		struct timespec until;
		pthread_mutex_unlock(&worker.lock);
		while (notify_round() == CHANGES_PER_ROUND)
			;
		trim(0);
		pthread_mutex_lock(&worker.lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += (long)hss_conf.notify_interval_ms * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (!kicked && !worker.stopping && pthread_cond_timedwait(&worker.wake, &worker.lock, &until) == 0)
			;
		kicked = 0;
	}
	pthread_mutex_unlock(&worker.lock);
	trim(1);
	return NULL;
}

int notifier_start(void)
{
	CHECK_POSIX(dk_worker_start(&worker, CLOCK_REALTIME, notifier_loop, NULL));
	return 0;
}

void notifier_stop(void)
{
	dk_worker_stop(&worker);
}

void notifier_kick(void)
{
	pthread_mutex_lock(&worker.lock);
	kicked = 1;
	pthread_cond_signal(&worker.wake);
	pthread_mutex_unlock(&worker.lock);
}
