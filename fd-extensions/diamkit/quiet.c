/* Programs that embed freeDiameter do not print: its default for each message sent or received is
 * to format a dump of it for its log, which costs more than the rest of an exchange. One hook
 * replaces that default for the routine events (errors and drops keep freeDiameter's handling). */
#include "diamkit.h"

static void quiet(enum fd_hook_type type, struct msg *msg, struct peer_hdr *peer, void *other,
		  struct fd_hook_permsgdata *pmd, void *regdata)
{
	(void)type;
	(void)msg;
	(void)peer;
	(void)other;
	(void)pmd;
	(void)regdata;
}

int dk_quiet_messages(struct fd_hook_hdl **hdl)
{
	return fd_hook_register(HOOK_MASK(HOOK_MESSAGE_RECEIVED, HOOK_MESSAGE_LOCAL, HOOK_MESSAGE_SENDING,
					  HOOK_MESSAGE_SENT, HOOK_MESSAGE_ROUTING_FORWARD, HOOK_MESSAGE_ROUTING_LOCAL),
				quiet, NULL, NULL, hdl);
}
