/* Requests in flight (diamkit.h, "requests in flight"): each one tracked until the path that
 * ends it (its answer, its expiry timer, a drop, the client closing) has run, so that a client
 * can close without a callback running into freed memory. */
#include <string.h>

#include "diamkit.h"

void dk_inflight_init(struct dk_inflight *f)
{
	pthread_mutex_init(&f->lock, NULL);
	pthread_cond_init(&f->idle, NULL);
	fd_list_init(&f->pending, NULL);
	f->closing = 0;
}

void dk_inflight_destroy(struct dk_inflight *f)
{
	pthread_mutex_destroy(&f->lock);
	pthread_cond_destroy(&f->idle);
}

int dk_inflight_add(struct dk_inflight *f, struct dk_request *r)
{
	int ret;

	fd_list_init(&r->chain, r);
	r->owner = f;
	r->ended = 0;
	pthread_mutex_lock(&f->lock);
	if (!(ret = f->closing ? ESHUTDOWN : 0))
		fd_list_insert_before(&f->pending, &r->chain);
	pthread_mutex_unlock(&f->lock);
	return ret;
}

void dk_inflight_close(struct dk_inflight *f)
{
	pthread_mutex_lock(&f->lock);
	f->closing = 1;
	pthread_mutex_unlock(&f->lock);
}

int dk_request_claim(struct dk_request *r)
{
	int first;

	pthread_mutex_lock(&r->owner->lock);
	first = !r->ended;
	r->ended = 1;
	pthread_mutex_unlock(&r->owner->lock);
	return first;
}

void dk_request_done(struct dk_request *r)
{
	struct dk_inflight *f = r->owner;

	pthread_mutex_lock(&f->lock);
	fd_list_unlink(&r->chain);
	if (FD_IS_LIST_EMPTY(&f->pending))
		pthread_cond_broadcast(&f->idle);
	pthread_mutex_unlock(&f->lock);
}

int dk_request_expired(struct dk_request *r, struct msg **request)
{
	fd_msg_free(*request);
	*request = NULL;
	return dk_request_claim(r);
}

void dk_inflight_wait_idle(struct dk_inflight *f, int wait_ms)
{
	struct timespec until;

	dk_deadline_in(wait_ms > 0 ? wait_ms : 0, &until);
	pthread_mutex_lock(&f->lock);
	while (!FD_IS_LIST_EMPTY(&f->pending)) {
		if (wait_ms < 0)
			pthread_cond_wait(&f->idle, &f->lock);
		else if (pthread_cond_timedwait(&f->idle, &f->lock, &until) == ETIMEDOUT)
			break;
	}
	pthread_mutex_unlock(&f->lock);
}

static struct dk_request *claim_any(struct dk_inflight *f)
{
	struct dk_request *found = NULL;

	pthread_mutex_lock(&f->lock);
	for (struct fd_list *li = f->pending.next; !found && li != &f->pending; li = li->next) {
		struct dk_request *r = li->o;
		if (!r->ended) {
			r->ended = 1;
			found = r;
		}
	}
	pthread_mutex_unlock(&f->lock);
	return found;
}

void dk_inflight_cancel_all(struct dk_inflight *f, void (*end)(struct dk_request *r, int status))
{
	struct dk_request *r;

	while ((r = claim_any(f)))
		end(r, ECANCELED);
	dk_inflight_wait_idle(f, -1);
}

void dk_waiter_init(struct dk_waiter *w, void *answer, size_t size)
{
	sem_init(&w->done, 0, 0);
	w->status = 0;
	w->answer = answer;
	w->size = size;
	memset(answer, 0, size);
}

void dk_waiter_post(struct dk_waiter *w, int status, void *answer)
{
	w->status = status;
	if (answer) {
		memcpy(w->answer, answer, w->size);
		memset(answer, 0, w->size);
	}
	sem_post(&w->done);
}

int dk_waiter_wait(struct dk_waiter *w)
{
	while (sem_wait(&w->done) && errno == EINTR)
		;
	sem_destroy(&w->done);
	return w->status;
}

struct dk_drop_hook {
	struct fd_hook_hdl *hdl;
	void (*anscb)(void *, struct msg **);
	void (*end)(void *data, int status);
};

static void on_drop(enum fd_hook_type type, struct msg *msg, struct peer_hdr *peer, void *other,
		    struct fd_hook_permsgdata *pmd, void *regdata)
{
	struct dk_drop_hook *hook = regdata;
	int was_request;
	void *data = dk_claim_dropped(msg, hook->anscb, &was_request);

	(void)type;
	(void)peer;
	(void)other;
	(void)pmd;
	if (data)
		hook->end(data, was_request ? ENOTCONN : EBADMSG);
}

int dk_drop_hook_register(void (*anscb)(void *, struct msg **), void (*end)(void *data, int status),
			  struct dk_drop_hook **hook)
{
	int ret;

	if (!(*hook = calloc(1, sizeof **hook)))
		return ENOMEM;
	(*hook)->anscb = anscb;
	(*hook)->end = end;
	if ((ret = fd_hook_register(HOOK_MASK(HOOK_MESSAGE_DROPPED), on_drop, *hook, NULL, &(*hook)->hdl))) {
		free(*hook);
		*hook = NULL;
	}
	return ret;
}

void dk_drop_hook_unregister(struct dk_drop_hook *hook)
{
	if (!hook)
		return;
	fd_hook_unregister(hook->hdl);
	free(hook);
}
