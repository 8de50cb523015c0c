/* Which peers serve an application (diamkit.h, "peers"), for clients that wait for one. */
#include <string.h>
#include <strings.h>

#include "diamkit.h"

#define PEER_POLL_MS 20

int dk_peer_serves(struct peer_hdr *peer, application_id_t app)
{
	struct fd_app *found = NULL;

	if (fd_peer_get_state(peer) != STATE_OPEN)
		return 0;
	return peer->info.runtime.pir_relay || (!fd_app_check(&peer->info.runtime.pir_apps, app, &found) && found);
}

static int in_realm(struct peer_hdr *peer, const char *realm)
{
	return !realm || (peer->info.runtime.pir_realm && peer->info.runtime.pir_realmlen == strlen(realm) &&
			  !strncasecmp((const char *)peer->info.runtime.pir_realm, realm, strlen(realm)));
}

/* dest_host when it is one of our peers; else any peer of the realm (any peer at all when realm is
 * NULL). */
static int peer_open(const char *dest_host, const char *realm, application_id_t app)
{
	struct peer_hdr *peer = NULL;
	int open = 0;

	if (dest_host && !fd_peer_getbyid((DiamId_t)dest_host, strlen(dest_host), 0, &peer) && peer)
		return dk_peer_serves(peer, app);
	pthread_rwlock_rdlock(&fd_g_peers_rw);
	for (struct fd_list *li = fd_g_peers.next; !open && li != &fd_g_peers; li = li->next) {
		peer = (struct peer_hdr *)li; /* chain is the first member */
		open = dk_peer_serves(peer, app) && in_realm(peer, realm);
	}
	pthread_rwlock_unlock(&fd_g_peers_rw);
	return open;
}

int dk_app_peer_open(const char *dest_host, application_id_t app)
{
	return peer_open(dest_host, NULL, app);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int any_open(const char *dest_host, const char *realm, const application_id_t *apps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (peer_open(dest_host, realm, apps[i]))
			return 1;
	return 0;
}

int dk_wait_app_peer(const char *dest_host, const application_id_t *apps, size_t n, int timeout_ms)
{
	return dk_wait_realm_peer(dest_host, NULL, apps, n, timeout_ms);
}

int dk_wait_realm_peer(const char *dest_host, const char *realm, const application_id_t *apps, size_t n,
		       int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	struct timespec pause = { 0, PEER_POLL_MS * 1000000L };

	while (!any_open(dest_host, realm, apps, n)) {
		if (now_ms() > deadline)
			return ETIMEDOUT;
		nanosleep(&pause, NULL);
	}
	return 0;
}
