/* Realm routes: requests for a Destination-Realm that no direct peer serves go to a chosen peer
 * (an edge agent), as a roaming GMLC needs for the visited network's MMEs. freeDiameter's
 * rt_default.fdx does the same from its own configuration; this keeps the route in the program's
 * own configuration, and leaves nothing behind at exit (rt_default's parser buffers do). */
#include "diamkit.h"

struct dk_route {
	char realm[256];
	char peer[256];
	struct fd_rt_out_hdl *hdl;
};

static int match(const char *want, DiamId_t have, size_t len)
{
	return strlen(want) == len && !strncasecmp(want, (const char *)have, len);
}

static int score_route(void *data, struct msg **pmsg, struct fd_list *candidates)
{
	struct dk_route *route = data;
	const uint8_t *realm;
	size_t len;

	if (dk_base_init() || dk_get_os(*pmsg, dk_base.destination_realm, &realm, &len) ||
	    !match(route->realm, (DiamId_t)realm, len))
		return 0;
	for (struct fd_list *li = candidates->next; li != candidates; li = li->next) {
		struct rtd_candidate *c = (struct rtd_candidate *)li;
		if (match(route->peer, c->diamid, c->diamidlen))
			c->score += FD_SCORE_DEFAULT_REALM;
	}
	return 0;
}

int dk_route_add(const char *realm, const char *peer, struct dk_route **route)
{
	struct dk_route *r = calloc(1, sizeof *r);

	if (!r)
		return ENOMEM;
	snprintf(r->realm, sizeof r->realm, "%s", realm);
	snprintf(r->peer, sizeof r->peer, "%s", peer);
	CHECK_FCT_DO(fd_rt_out_register(score_route, r, 0, &r->hdl), { free(r); return EINVAL; });
	*route = r;
	return 0;
}

/* Call before fd_core_shutdown: the core drops its routing callbacks when it stops. */
void dk_route_remove(struct dk_route *route)
{
	void *data = NULL;

	if (!route)
		return;
	fd_rt_out_unregister(route->hdl, &data);
	free(route);
}
