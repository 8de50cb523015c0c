/* Requests in flight (diamkit.h, "pending requests"). */
#include "diamkit.h"

void *dk_claim_dropped(struct msg *msg, void (*anscb)(void *, struct msg **), int *was_request)
{
	void (*cb)(void *, struct msg **) = NULL;
	struct msg *req = msg;
	struct msg_hdr *hdr;
	void *data = NULL;

	if (!msg || fd_msg_hdr(msg, &hdr))
		return NULL;
	/* a dropped answer: the request it answers holds the callback */
	if (!(hdr->msg_flags & CMD_FLAG_REQUEST) && (fd_msg_answ_getq(msg, &req) || !req))
		return NULL;
	if (fd_msg_anscb_get(req, &cb, NULL, &data) || cb != anscb)
		return NULL; /* not the caller's, or already ended */
	fd_msg_anscb_reset(req, 1, 1);
	*was_request = req == msg;
	return data;
}
