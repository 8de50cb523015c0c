/* Sending requests and ending each one exactly once: with its answer, when its expiry timer fires
 * (fd_msg_send_timeout), when freeDiameter drops it or its answer, or when the client closes.
 * An answer that cannot be parsed or breaks the dictionary's rules is dropped by freeDiameter 1.2.1
 * after it was matched to its request, which takes the request off the expiry timer: neither the
 * answer nor the expiry callback ever comes, so a HOOK_MESSAGE_DROPPED hook ends it.
 * Synchronous calls are asynchronous ones waiting on a semaphore. */
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

#include "shclient_internal.h"

#define DIAMETER_UNABLE_TO_DELIVER 3002

struct sh_pending {
	struct fd_list chain; /* in client->pending, under client->lock */
	struct sh_client *client;
	int ended;            /* claimed by the path that ends it, under client->lock */
	sh_answer_cb cb;
	void *arg;
};

/* 1 for the first caller only: the one that ends the request. */
static int claim(struct sh_pending *p)
{
	int first;

	pthread_mutex_lock(&p->client->lock);
	first = !p->ended;
	p->ended = 1;
	pthread_mutex_unlock(&p->client->lock);
	return first;
}

static void end_request(struct sh_pending *p, int status, struct sh_answer *answer)
{
	struct sh_client *client = p->client;

	p->cb(p->arg, status, answer);
	sh_answer_clear(answer);
	pthread_mutex_lock(&client->lock);
	fd_list_unlink(&p->chain);
	if (FD_IS_LIST_EMPTY(&client->pending))
		pthread_cond_broadcast(&client->idle);
	pthread_mutex_unlock(&client->lock);
	free(p);
}

static void end_without_answer(struct sh_pending *p, int status)
{
	struct sh_answer empty = { 0 };

	if (claim(p))
		end_request(p, status, &empty);
}

/* Our own stack answers DIAMETER_UNABLE_TO_DELIVER when no peer can take the request. */
static int locally_undeliverable(struct msg *msg, const struct sh_answer *answer)
{
	const uint8_t *host;
	size_t len;

	return answer->result_code == DIAMETER_UNABLE_TO_DELIVER &&
	       !dk_get_os(msg, dk_base.origin_host, &host, &len) &&
	       len == fd_g_config->cnf_diamid_len && !memcmp(host, fd_g_config->cnf_diamid, len);
}

static void on_answer(void *data, struct msg **msg)
{
	struct sh_pending *p = data;
	struct sh_answer answer;
	int status = sh_answer_read(*msg, !p->client->raw_user_data, &answer);

	if (!status && locally_undeliverable(*msg, &answer)) {
		sh_answer_clear(&answer);
		status = ENOTCONN;
	}
	fd_msg_free(*msg);
	*msg = NULL;
	if (claim(p))
		end_request(p, status, &answer);
	else
		sh_answer_clear(&answer);
}

static void on_expiry(void *data, DiamId_t sent_to, size_t len, struct msg **request)
{
	(void)sent_to;
	(void)len;
	fd_msg_free(*request); /* ours to free; left to freeDiameter it would log a drop */
	*request = NULL;
	end_without_answer(data, ETIMEDOUT);
}

void sh_send_on_drop(enum fd_hook_type type, struct msg *msg, struct peer_hdr *peer, void *other,
		     struct fd_hook_permsgdata *pmd, void *regdata)
{
	int was_request;
	void *data = dk_claim_dropped(msg, on_answer, &was_request);

	(void)type;
	(void)peer;
	(void)other;
	(void)pmd;
	(void)regdata;
	if (data)
		end_without_answer(data, was_request ? ENOTCONN : EBADMSG);
}

int sh_send_async(struct sh_client *client, enum sh_command cmd, const struct sh_request *request,
		  sh_answer_cb cb, void *arg)
{
	struct sh_pending *p;
	struct msg *msg = NULL;
	struct timespec expiry;
	int ret;

	if (!client || !cb || sh_request_check(cmd, request, NULL, 0))
		return EINVAL;
	CHECK_FCT(sh_request_build(client, cmd, request, &msg));
	if (!(p = calloc(1, sizeof *p))) {
		fd_msg_free(msg);
		return ENOMEM;
	}
	p->client = client;
	p->cb = cb;
	p->arg = arg;
	fd_list_init(&p->chain, p);
	pthread_mutex_lock(&client->lock);
	if (!(ret = client->closing ? ESHUTDOWN : 0))
		fd_list_insert_before(&client->pending, &p->chain);
	pthread_mutex_unlock(&client->lock);
	if (ret)
		goto fail;
	/* Registered before sending: the answer may come before fd_msg_send_timeout returns. */
	dk_deadline_in(client->timeout_ms, &expiry);
	if (!(ret = fd_msg_send_timeout(&msg, on_answer, p, on_expiry, &expiry)))
		return 0;
	pthread_mutex_lock(&client->lock);
	fd_list_unlink(&p->chain);
	pthread_mutex_unlock(&client->lock);
fail:
	fd_msg_free(msg);
	free(p);
	return ret;
}

struct sync_wait {
	sem_t done;
	int status;
	struct sh_answer *answer;
};

static void sync_done(void *arg, int status, struct sh_answer *answer)
{
	struct sync_wait *w = arg;

	w->status = status;
	*w->answer = *answer; /* taken over: what end_request clears is now empty */
	memset(answer, 0, sizeof *answer);
	sem_post(&w->done);
}

int sh_send_sync(struct sh_client *client, enum sh_command cmd, const struct sh_request *request,
		 struct sh_answer *answer)
{
	struct sync_wait w = { .answer = answer };
	int ret;

	if (!answer)
		return EINVAL;
	memset(answer, 0, sizeof *answer);
	sem_init(&w.done, 0, 0);
	if (!(ret = sh_send_async(client, cmd, request, sync_done, &w))) {
		/* Every path ends the request, the expiry timer at the latest. */
		while (sem_wait(&w.done) && errno == EINTR)
			;
		ret = w.status;
	}
	sem_destroy(&w.done);
	return ret;
}

void sh_send_wait_idle(struct sh_client *client, int wait_ms)
{
	struct timespec until;

	dk_deadline_in(wait_ms, &until);
	pthread_mutex_lock(&client->lock);
	while (!FD_IS_LIST_EMPTY(&client->pending) &&
	       pthread_cond_timedwait(&client->idle, &client->lock, &until) != ETIMEDOUT)
		;
	pthread_mutex_unlock(&client->lock);
}

void sh_send_cancel_all(struct sh_client *client)
{
	for (;;) {
		struct sh_pending *p = NULL;

		pthread_mutex_lock(&client->lock);
		for (struct fd_list *li = client->pending.next; !p && li != &client->pending; li = li->next)
			if (!((struct sh_pending *)li->o)->ended)
				p = li->o;
		pthread_mutex_unlock(&client->lock);
		if (!p)
			break;
		end_without_answer(p, ECANCELED);
	}
	/* Callbacks that other threads are still running. */
	pthread_mutex_lock(&client->lock);
	while (!FD_IS_LIST_EMPTY(&client->pending))
		pthread_cond_wait(&client->idle, &client->lock);
	pthread_mutex_unlock(&client->lock);
}

int sh_udr(struct sh_client *client, const struct sh_request *request, struct sh_answer *answer)
{
	return sh_send_sync(client, SH_CMD_UDR, request, answer);
}

int sh_pur(struct sh_client *client, const struct sh_request *request, struct sh_answer *answer)
{
	return sh_send_sync(client, SH_CMD_PUR, request, answer);
}

int sh_snr(struct sh_client *client, const struct sh_request *request, struct sh_answer *answer)
{
	return sh_send_sync(client, SH_CMD_SNR, request, answer);
}

int sh_udr_async(struct sh_client *client, const struct sh_request *request, sh_answer_cb cb, void *arg)
{
	return sh_send_async(client, SH_CMD_UDR, request, cb, arg);
}

int sh_pur_async(struct sh_client *client, const struct sh_request *request, sh_answer_cb cb, void *arg)
{
	return sh_send_async(client, SH_CMD_PUR, request, cb, arg);
}

int sh_snr_async(struct sh_client *client, const struct sh_request *request, sh_answer_cb cb, void *arg)
{
	return sh_send_async(client, SH_CMD_SNR, request, cb, arg);
}
