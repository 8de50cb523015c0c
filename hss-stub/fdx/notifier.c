/* Sh-Notif: a Push-Notification-Request to every subscribed AS after every committed change
 * (TS 29.328 §6.1.4). Changes are read from the store's change log, so changes made by hss-ctl
 * while the daemon runs are notified too; the log is looked at every notify_interval_ms, and at
 * once after a PUR commit. A one-time subscription ends with its first PNR. Each round first
 * sends again the PNRs held for an AS that could not get them (pnr_held.c). */
#include "hss_stub.h"
#include "latency.h"

#define CHANGES_PER_ROUND 64
#define TRIM_INTERVAL_MS 1000

static struct dk_worker worker; /* its timed waits on CLOCK_REALTIME */
static int kicked;              /* under worker.lock */
/* The newest change notified, and the newest dropped from the log (notifier thread only). */
static uint64_t notified, trimmed;
static struct timespec trimmed_at;

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

static void notify_change(const struct store_change *change, time_t now)
{
	struct subscription_list list = { 0 };

	if (store_change_subscriptions(hss_store, change, now, collect, &list))
		LOG_E("hss_stub: cannot read the subscriptions to %s", change->impu);
	for (size_t i = 0; i < list.n; i++) {
		struct pnr *p = pnr_new(change, &list.items[i]);

		if (p)
			pnr_send_or_hold(p);
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
		pnr_retry_held(time(NULL)); /* first: they notify older changes */
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
	pnr_held_free();
}

void notifier_kick(void)
{
	pthread_mutex_lock(&worker.lock);
	kicked = 1;
	pthread_cond_signal(&worker.wake);
	pthread_mutex_unlock(&worker.lock);
}
