/* Session-Ids made by a client library itself (RFC 6733 §8.8: <DiameterIdentity>;<high 32
 * bits>;<low 32 bits>[;<optional value>]), not by fd_msg_new_session, which also makes a
 * freeDiameter session object for each one: a client keeps no state in them, and creating then
 * reclaiming one per request costs more than the rest of the request. The high part is the
 * opening time, as freeDiameter's; the optional part holds the process id and the nanoseconds of
 * the opening, because two short-lived programs started in the same second (two runs of a tool)
 * would otherwise make the same Session-Ids, which RFC 6733 wants unique, and a server that
 * recognises retransmissions by Session-Id would take a new request for an old one. */
#include "diamkit.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void dk_sid_maker_init(struct dk_sid_maker *m)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	snprintf(m->prefix, sizeof m->prefix, "%s;%ld;", fd_g_config->cnf_diamid, (long)now.tv_sec);
	snprintf(m->suffix, sizeof m->suffix, ";%ld.%ld", (long)getpid(), now.tv_nsec);
	m->count = 0;
}

char *dk_sid_new(struct dk_sid_maker *m)
{
	uint32_t low = __atomic_add_fetch(&m->count, 1, __ATOMIC_RELAXED);
	char *sid = NULL;

	return asprintf(&sid, "%s%u%s", m->prefix, low, m->suffix) < 0 ? NULL : sid;
}

int dk_add_new_session_id(struct dk_sid_maker *m, struct msg *msg)
{
	char *sid = dk_sid_new(m);
	int ret;

	if (!sid)
		return ENOMEM;
	ret = dk_add_str(msg, dk_base.session_id, sid);
	free(sid);
	return ret;
}
