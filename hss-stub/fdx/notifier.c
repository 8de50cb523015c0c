/* Sh-Notif: a Push-Notification-Request to every subscribed AS after every committed change
 * (TS 29.328 §6.1.4). Changes are read from the store's change log, so changes made by hss-ctl
 * while the daemon runs are notified too; the log is looked at every notify_interval_ms, and at
 * once after a PUR commit. A PNA with DIAMETER_ERROR_USER_UNKNOWN removes that AS's
 * subscriptions for that user; a one-time subscription ends with its first PNR.
 *
 * A PNR that cannot reach its AS (not connected, or answered 3002 DIAMETER_UNABLE_TO_DELIVER) is
 * held and sent again, rebuilt from the data as it is then, once the AS is OPEN: at most one held
 * PNR per subscription (the newest change), for pnr_retry_s at most, while the subscription
 * lasts, and MAX_HELD at most. A PNR that timed out is not sent again: the AS may have had it. */
#include "hss_stub.h"
#include "latency.h"

#define CHANGES_PER_ROUND 64
#define TRIM_INTERVAL_MS 1000
#define PNA_TIMEOUT_S 10
#define MAX_HELD 4096

static struct dk_worker worker; /* its timed waits on CLOCK_REALTIME */
static int kicked;              /* under worker.lock */
/* The newest change notified, and the newest dropped from the log (notifier thread only). */
static uint64_t notified, trimmed;
static struct timespec trimmed_at;

/* One PNR: the change and the subscription it notifies, and when it was first tried. Owned by
 * whoever has it: the notifier, the PNA callbacks while it is in flight, or a held list. */
struct pnr {
	struct fd_list chain; /* in 'held' or 'returned' */
	struct store_change change;
	struct store_subscription sub;
	struct timespec since; /* CLOCK_MONOTONIC */
};

/* PNRs waiting for their AS, oldest first (notifier thread only). */
static struct fd_list held = FD_LIST_INITIALIZER(held);
static size_t n_held;
/* PNRs the PNA callback hands back (3002), taken into 'held' at the next round. */
static pthread_mutex_t returned_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fd_list returned = FD_LIST_INITIALIZER(returned); /* under returned_lock */
static int returned_closed;                                      /* under returned_lock */

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

/* 3002 from another node than the AS: no node could deliver it, so the AS never had it. Our own
 * stack answers so when it has no route to the AS; when the connection goes with the PNR
 * unanswered, freeDiameter routes it again (T flag), possibly to another Sh peer, which answers
 * 3002 in turn. A 3002 from the AS itself is its answer: holding that PNR would send it again at
 * every round while the AS is connected. */
static int undelivered(struct msg *answer, const struct dk_result *res, const char *as_host)
{
	char origin[256];

	if (res->vendor != 0 || res->code != ER_DIAMETER_UNABLE_TO_DELIVER)
		return 0;
	return dk_get_str(answer, dk_base.origin_host, origin, sizeof origin) || strcasecmp(origin, as_host);
}

/* Hand an undelivered PNR back to the notifier thread (any thread); p is taken. */
static void hand_back(struct pnr *p)
{
	pthread_mutex_lock(&returned_lock);
	if (!returned_closed) {
		fd_list_insert_before(&returned, &p->chain);
		p = NULL;
	}
	pthread_mutex_unlock(&returned_lock);
	free(p);
}

static void on_pna(void *data, struct msg **answer)
{
	struct pnr *p = data;
	struct dk_result res;

	if (!dk_get_result(*answer, &res)) {
		if (res.vendor == DK_VENDOR_3GPP && res.code == ERROR_USER_UNKNOWN) {
			LOG_N("hss_stub: %s does not know %s: its subscriptions for it are removed", p->sub.as_host,
			      p->sub.impu);
			store_subscription_delete_as(hss_store, p->sub.impu, p->sub.as_host);
		} else if (hss_conf.pnr_retry_s && undelivered(*answer, &res, p->sub.as_host)) {
			LOG_N("hss_stub: PNR to %s for %s undelivered: held", p->sub.as_host, p->sub.impu);
			hand_back(p);
			p = NULL;
		}
	}
	fd_msg_free(*answer);
	*answer = NULL;
	free(p);
}

static void on_pna_timeout(void *data, DiamId_t sentto, size_t len, struct msg **request)
{
	struct pnr *p = data;
	(void)sentto;
	(void)len;
	(void)request;
	LOG_N("hss_stub: no PNA from %s for %s", p->sub.as_host, p->sub.impu);
	free(p);
}

/* The realm of an OPEN peer, for Destination-Realm; ENOTCONN when it is not OPEN. */
static int peer_realm(const char *host, char *realm, size_t size)
{
	struct peer_hdr *peer = NULL;

	if (fd_peer_getbyid((DiamId_t)host, strlen(host), 0, &peer) || !peer ||
	    fd_peer_get_state(peer) != STATE_OPEN || !peer->info.runtime.pir_realm)
		return ENOTCONN;
	snprintf(realm, size, "%.*s", (int)peer->info.runtime.pir_realmlen, peer->info.runtime.pir_realm);
	return 0;
}

static int peer_open(const char *host)
{
	char realm[256];

	return !peer_realm(host, realm, sizeof realm);
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

/* Send p's PNR, built from the data as it is now. 0: sent, p belongs to the PNA callbacks;
 * otherwise p is still the caller's: ENOTCONN when the AS is not connected, ENODATA when there is
 * nothing to notify any more (the identity is gone without a deletion change saying so). */
static int send_pnr(struct pnr *p)
{
	const struct store_change *change = &p->change;
	const struct store_subscription *sub = &p->sub;
	struct msg *pnr = NULL;
	struct avp *ui = NULL;
	struct timespec expiry;
	json_t *subscriber = NULL;
	char realm[256], *xml = NULL;
	size_t len = 0;
	int ret;

	if ((ret = peer_realm(sub->as_host, realm, sizeof realm)))
		return ret;
	/* a deletion may have taken the identity with it: then the PNR says so, even when a subscriber
	 * has been given that identity again since */
	ret = change->identity_deleted ? ENOENT : store_subscriber_get(hss_store, STORE_IMPU, sub->impu, &subscriber);
	if (ret && (ret != ENOENT || !change->deleted))
		return ret == ENOENT ? ENODATA : ret;
	ret = notification_data(change, sub, subscriber, &xml, &len);
	json_decref(subscriber);
	if (ret)
		return ret;
	CHECK_FCT_DO(ret = fd_msg_new(hss_dict.pnr, MSGFL_ALLOC_ETEID, &pnr), goto fail);
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
	xml = NULL;
	clock_gettime(CLOCK_REALTIME, &expiry);
	expiry.tv_sec += PNA_TIMEOUT_S;
	CHECK_FCT_DO(ret = fd_msg_send_timeout(&pnr, on_pna, p, on_pna_timeout, &expiry), goto fail);
	return 0;
fail:
	fd_msg_free(pnr);
	free(xml);
	return ret;
}

/* Same subscription: at most one held PNR for it. */
static int same_subscription(const struct store_subscription *a, const struct store_subscription *b)
{
	return a->data_reference == b->data_reference && !strcmp(a->impu, b->impu) &&
	       !strcmp(a->as_host, b->as_host) && !strcmp(a->service_indication, b->service_indication);
}

static void drop(struct pnr *p, const char *why)
{
	LOG_N("hss_stub: PNR to %s for %s (change %llu) dropped: %s", p->sub.as_host, p->sub.impu,
	      (unsigned long long)p->change.seq, why);
	free(p);
}

static void keep(struct pnr *p)
{
	fd_list_insert_before(&held, &p->chain);
	n_held++;
}

static void unkeep(struct pnr *p)
{
	fd_list_unlink(&p->chain);
	n_held--;
}

/* Keep p for a later round (notifier thread); p is taken. Of two PNRs for one subscription the
 * newer change stays. */
static void hold(struct pnr *p)
{
	for (struct fd_list *li = held.next; li != &held; li = li->next) {
		struct pnr *other = li->o;

		if (!same_subscription(&other->sub, &p->sub))
			continue;
		if (other->change.seq > p->change.seq) {
			drop(p, "a newer change replaces it");
			return;
		}
		unkeep(other);
		drop(other, "a newer change replaces it");
		break;
	}
	if (n_held == MAX_HELD) {
		struct pnr *oldest = held.next->o;
		unkeep(oldest);
		drop(oldest, "too many PNRs held");
	}
	keep(p);
}

/* Send p, or hold it when its AS is not connected; p is taken. */
static void send_or_hold(struct pnr *p)
{
	int ret = send_pnr(p);

	if (ret == ENOTCONN && hss_conf.pnr_retry_s) {
		LOG_N("hss_stub: %s is not connected: PNR for %s held", p->sub.as_host, p->sub.impu);
		hold(p);
		return;
	}
	if (ret == ENOTCONN)
		LOG_N("hss_stub: %s is not connected: no PNR for %s", p->sub.as_host, p->sub.impu);
	else if (ret && ret != ENODATA)
		LOG_E("hss_stub: PNR to %s for %s not sent", p->sub.as_host, p->sub.impu);
	if (ret)
		free(p);
}

static struct pnr *pnr_new(const struct store_change *change, const struct store_subscription *sub)
{
	struct pnr *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	fd_list_init(&p->chain, p);
	p->change = *change;
	p->sub = *sub;
	clock_gettime(CLOCK_MONOTONIC, &p->since);
	return p;
}

static void notify_change(const struct store_change *change, time_t now)
{
	struct subscription_list list = { 0 };

	if (store_change_subscriptions(hss_store, change, now, collect, &list))
		LOG_E("hss_stub: cannot read the subscriptions to %s", change->impu);
	for (size_t i = 0; i < list.n; i++) {
		struct pnr *p = pnr_new(change, &list.items[i]);

		if (p)
			send_or_hold(p);
		else
			LOG_E("hss_stub: PNR to %s for %s not sent", list.items[i].as_host, change->impu);
		/* The first attempt ends a one-time subscription even when its PNR is held: a 3002
		 * comes back after this, and a subscription left in the store would be notified of
		 * later changes too. The held PNR carries the one notification it is still owed. */
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

static int find_as(const struct store_subscription *sub, void *arg)
{
	struct store_subscription *wanted = arg;

	if (strcmp(sub->as_host, wanted->as_host))
		return 0;
	*wanted = *sub; /* its expiry and User-Name as they are now */
	return EEXIST;
}

/* Why a held PNR is no longer owed, or NULL. A deletion took its subscriptions from the store
 * with it, and a one-time subscription ended with the first attempt: for those, the held copy is
 * the subscription. Otherwise the store must still have it. */
static const char *not_owed(struct pnr *p, time_t now)
{
	struct store_subscription *sub = &p->sub;

	if (sub->expiry && sub->expiry <= now)
		return "the subscription expired";
	if (p->change.deleted || sub->one_time)
		return NULL;
	if (store_subscription_each(hss_store, sub->impu, sub->data_reference, sub->service_indication, now,
				    find_as, sub) != EEXIST)
		return "the subscription is gone";
	return sub->expiry && sub->expiry <= now ? "the subscription expired" : NULL;
}

/* Send again the held PNRs whose AS is OPEN; drop those held too long or no longer owed. */
static void retry_held(time_t now)
{
	struct fd_list round = FD_LIST_INITIALIZER(round);
	struct timespec t;

	pthread_mutex_lock(&returned_lock);
	fd_list_move_end(&round, &returned);
	pthread_mutex_unlock(&returned_lock);
	while (!FD_IS_LIST_EMPTY(&round)) {
		struct pnr *p = round.next->o;
		fd_list_unlink(&p->chain);
		hold(p);
	}
	/* Taken aside first: a PNR that cannot leave after all is held again, for a later round. */
	fd_list_move_end(&round, &held);
	n_held = 0;
	clock_gettime(CLOCK_MONOTONIC, &t);
	while (!FD_IS_LIST_EMPTY(&round)) {
		struct pnr *p = round.next->o;
		const char *why;

		fd_list_unlink(&p->chain);
		if (dk_ms_between(&p->since, &t) > hss_conf.pnr_retry_s * 1000.0)
			drop(p, "its AS was away too long");
		else if (!peer_open(p->sub.as_host))
			keep(p);
		else if ((why = not_owed(p, now)))
			drop(p, why);
		else
			send_or_hold(p);
	}
}

static void free_list(struct fd_list *list)
{
	while (!FD_IS_LIST_EMPTY(list)) {
		struct pnr *p = list->next->o;
		fd_list_unlink(&p->chain);
		free(p);
	}
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
		retry_held(time(NULL)); /* first: they notify older changes */
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
	pthread_mutex_lock(&returned_lock);
	returned_closed = 1; /* a PNA still coming frees its PNR itself */
	free_list(&returned);
	pthread_mutex_unlock(&returned_lock);
	free_list(&held);
	n_held = 0;
}

void notifier_kick(void)
{
	pthread_mutex_lock(&worker.lock);
	kicked = 1;
	pthread_cond_signal(&worker.wake);
	pthread_mutex_unlock(&worker.lock);
}
