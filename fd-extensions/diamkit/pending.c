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

void dk_time_in(clockid_t clock, long ms, struct timespec *ts)
{
	clock_gettime(clock, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

void dk_deadline_in(int ms, struct timespec *ts)
{
	dk_time_in(CLOCK_REALTIME, ms, ts);
}

int dk_time_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}
