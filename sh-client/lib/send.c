/* Sending requests and ending each one exactly once: with its answer, when its expiry timer fires
 * (fd_msg_send_timeout), when freeDiameter drops it or its answer, or when the client closes.
 * An answer that cannot be parsed or breaks the dictionary's rules is dropped by freeDiameter 1.2.1
 * after it was matched to its request, which takes the request off the expiry timer: neither the
 * answer nor the expiry callback ever comes, so a HOOK_MESSAGE_DROPPED hook ends it.
 * Synchronous calls are asynchronous ones waiting on a semaphore. */
#include <stdlib.h>
#include <string.h>

#include "shclient_internal.h"

struct sh_pending {
	struct dk_request request; /* in client->inflight */
	struct sh_client *client;
	sh_answer_cb cb;
	void *arg;
};

/* Once claimed: the callback, then the request is no longer tracked. */
static void end_request(struct sh_pending *p, int status, struct sh_answer *answer)
{
	p->cb(p->arg, status, answer);
	sh_answer_clear(answer);
	dk_request_done(&p->request);
	free(p);
}

/* Once claimed, without an answer; also the drop hook's end (data: the sh_pending). */
static void end_without_answer(void *data, int status)
{
	struct sh_answer empty = { 0 };

	end_request(data, status, &empty);
}

/* Our own stack answers DIAMETER_UNABLE_TO_DELIVER when no peer can take the request. */
static int locally_undeliverable(struct msg *msg, const struct sh_answer *answer)
{
	const uint8_t *host;
	size_t len;

	return answer->result_code == ER_DIAMETER_UNABLE_TO_DELIVER &&
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
	if (dk_request_claim(&p->request))
		end_request(p, status, &answer);
	else
		sh_answer_clear(&answer);
}

static void on_expiry(void *data, DiamId_t sent_to, size_t len, struct msg **request)
{
	struct sh_pending *p = data;

	(void)sent_to;
	(void)len;
	if (dk_request_expired(&p->request, request))
		end_without_answer(p, ETIMEDOUT);
}

int sh_drop_hook_register(struct dk_drop_hook **hook)
{
	return dk_drop_hook_register(on_answer, end_without_answer, hook);
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
	/* Tracked before sending: the answer may come before fd_msg_send_timeout returns. */
	if ((ret = dk_inflight_add(&client->inflight, &p->request)))
		goto fail;
	dk_deadline_in(client->timeout_ms, &expiry);
	if (!(ret = fd_msg_send_timeout(&msg, on_answer, p, on_expiry, &expiry)))
		return 0;
	dk_request_done(&p->request);
fail:
	fd_msg_free(msg);
	free(p);
	return ret;
}

static void sync_done(void *arg, int status, struct sh_answer *answer)
{
	dk_waiter_post(arg, status, answer);
}

int sh_send_sync(struct sh_client *client, enum sh_command cmd, const struct sh_request *request,
		 struct sh_answer *answer)
{
	struct dk_waiter w;
	int ret;

	if (!answer)
		return EINVAL;
	dk_waiter_init(&w, answer, sizeof *answer);
	if ((ret = sh_send_async(client, cmd, request, sync_done, &w)))
		dk_waiter_post(&w, ret, NULL); /* nothing was sent */
	/* Every path ends a request sent, its expiry timer at the latest. */
	return dk_waiter_wait(&w);
}

static void cancel(struct dk_request *r, int status)
{
	end_without_answer((struct sh_pending *)r, status); /* request is the first member */
}

void sh_send_cancel_all(struct sh_client *client)
{
	dk_inflight_cancel_all(&client->inflight, cancel);
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
