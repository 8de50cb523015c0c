/* Which peers serve an application (diamkit.h, "peers"), for clients that wait for one. */
#include <string.h>

#include "diamkit.h"

#define PEER_POLL_MS 20

int dk_peer_serves(struct peer_hdr *peer, application_id_t app)
{
	struct fd_app *found = NULL;

	if (fd_peer_get_state(peer) != STATE_OPEN)
		return 0;
	return peer->info.runtime.pir_relay || (!fd_app_check(&peer->info.runtime.pir_apps, app, &found) && found);
}

int dk_app_peer_open(const char *dest_host, application_id_t app)
{
	struct peer_hdr *peer = NULL;
	int open = 0;

	if (dest_host && !fd_peer_getbyid((DiamId_t)dest_host, strlen(dest_host), 0, &peer) && peer)
		return dk_peer_serves(peer, app);
	pthread_rwlock_rdlock(&fd_g_peers_rw);
	for (struct fd_list *li = fd_g_peers.next; !open && li != &fd_g_peers; li = li->next)
		open = dk_peer_serves((struct peer_hdr *)li, app); /* chain is the first member */
	pthread_rwlock_unlock(&fd_g_peers_rw);
	return open;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int any_open(const char *dest_host, const application_id_t *apps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (dk_app_peer_open(dest_host, apps[i]))
			return 1;
	return 0;
}

int dk_wait_app_peer(const char *dest_host, const application_id_t *apps, size_t n, int timeout_ms)
{
	long deadline = now_ms() + timeout_ms;
	struct timespec pause = { 0, PEER_POLL_MS * 1000000L };

	while (!any_open(dest_host, apps, n)) {
		if (now_ms() > deadline)
			return ETIMEDOUT;
		nanosleep(&pause, NULL);
	}
	return 0;
}
