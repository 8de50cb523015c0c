#include "fdsend.h"
#include "diamkit.h"

#include <errno.h>
#include <semaphore.h>
#include <time.h>

struct pending {
	sem_t done;
	struct msg *answer;
	int expired;
};

static void on_answer(void *data, struct msg **answer)
{
	struct pending *p = data;
	p->answer = *answer;
	*answer = NULL;
	sem_post(&p->done);
}

static void on_expiry(void *data, DiamId_t sentto, size_t len, struct msg **request)
{
	struct pending *p = data;
	(void)sentto;
	(void)len;
	(void)request; /* freed by the framework */
	p->expired = 1;
	sem_post(&p->done);
}

int fdsend_wait(struct msg **req, int timeout_ms, struct msg **ans)
{
	struct pending p = { .answer = NULL };
	struct timespec expiry, wait_until;
	int ret;

	*ans = NULL;
	sem_init(&p.done, 0, 0);
	dk_time_in(CLOCK_REALTIME, timeout_ms, &expiry);
	if ((ret = fd_msg_send_timeout(req, on_answer, &p, on_expiry, &expiry))) {
		sem_destroy(&p.done);
		return ret;
	}
	/* The expiry callback always comes; wait a little longer than it for safety. */
	wait_until = expiry;
	wait_until.tv_sec += 5;
	while ((ret = sem_timedwait(&p.done, &wait_until)) && errno == EINTR)
		;
	sem_destroy(&p.done);
	if (ret || p.expired)
		return ETIMEDOUT;
	*ans = p.answer;
	return 0;
}

int fdsend_new_request(struct dict_object *cmd, const char *dest_realm, application_id_t app, struct msg **req)
{
	struct avp *vsai = NULL;
	int ret;

	*req = NULL;
	if ((ret = fd_msg_new(cmd, MSGFL_ALLOC_ETEID, req)))
		return ret;
	if ((ret = fd_msg_new_session(*req, (os0_t)"t", 1)) || (ret = fd_msg_add_origin(*req, 0)) ||
	    (ret = dk_add_str(*req, dk_base.destination_realm, dest_realm)) ||
	    (ret = dk_add_i32(*req, dk_base.auth_session_state, 1)) ||
	    (app && ((ret = dk_add_group(*req, dk_base.vendor_specific_application_id, &vsai)) ||
		     (ret = dk_add_u32(vsai, dk_base.vendor_id, DK_VENDOR_3GPP)) ||
		     (ret = dk_add_u32(vsai, dk_base.auth_application_id, app))))) {
		fd_msg_free(*req);
		*req = NULL;
	}
	return ret;
}
