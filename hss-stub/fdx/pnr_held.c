/* PNRs held for an AS that could not get them (not connected, or 3002 from another node), sent
 * again, rebuilt from the data as it is then, once the AS is OPEN: at most one per subscription
 * (the newest change), for pnr_retry_s at most, while the subscription lasts, and MAX_HELD at
 * most. A PNR that timed out is not sent again: the AS may have had it. */
#include "hss_stub.h"
#include "latency.h"

#define MAX_HELD 4096

/* PNRs waiting for their AS, oldest first (notifier thread only). */
static struct fd_list held = FD_LIST_INITIALIZER(held);
static size_t n_held;
/* PNRs the PNA callback hands back (3002), taken into 'held' at the next round. */
static pthread_mutex_t returned_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fd_list returned = FD_LIST_INITIALIZER(returned); /* under returned_lock */
static int returned_closed;                                      /* under returned_lock */

void pnr_hand_back(struct pnr *p)
{
	pthread_mutex_lock(&returned_lock);
	if (!returned_closed) {
		fd_list_insert_before(&returned, &p->chain);
		p = NULL;
	}
	pthread_mutex_unlock(&returned_lock);
	free(p);
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

void pnr_send_or_hold(struct pnr *p)
{
	int ret = pnr_send(p);

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

void pnr_retry_held(time_t now)
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
		else if (!pnr_peer_open(p->sub.as_host))
			keep(p);
		else if ((why = not_owed(p, now)))
			drop(p, why);
		else
			pnr_send_or_hold(p);
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

void pnr_held_free(void)
{
	pthread_mutex_lock(&returned_lock);
	returned_closed = 1; /* a PNA still coming frees its PNR itself */
	free_list(&returned);
	pthread_mutex_unlock(&returned_lock);
	free_list(&held);
	n_held = 0;
}
