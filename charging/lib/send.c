/* Sending requests and ending each one exactly once: with its answer, when its last expiry timer
 * fires, when freeDiameter drops it or its answer (a HOOK_MESSAGE_DROPPED hook: an answer that
 * breaks the dictionary's rules is dropped after it was matched to its request, so neither the
 * answer nor the expiry callback comes), or when the client closes.
 *
 * Failover (RFC 6733 §5.5.4): freeDiameter 1.2.1 requeues the requests pending on a peer with the
 * T flag set when that peer leaves the OPEN state (connection lost, or two watchdog periods
 * without an answer: p_psm.c leave_open_state, p_sr.c fd_p_sr_failover), and its routing then
 * picks another OPEN candidate among those saved with the message. A peer that is connected but
 * does not answer stays OPEN for that long; so when an attempt's timer fires, this file takes the
 * request back from the expiry callback, removes the peer it went to from the message's routing
 * candidates, sets the T flag and sends the same message again (same End-to-End id, Session-Id,
 * and record or request number) with a fresh timer. Synchronous calls are asynchronous ones
 * waiting on a semaphore. */
#include <stdlib.h>
#include <string.h>

#include "charging_internal.h"

struct chg_pending {
	struct dk_request request; /* in client->inflight */
	struct chg_client *client;
	int attempts;              /* sendings so far */
	int timeout_ms;            /* of each attempt */
	enum chg_answer_kind kind;
	chg_answer_cb cb;
	void *arg;
};

static void answer_clear(enum chg_answer_kind kind, union chg_answer *answer)
{
	if (kind == CHG_ACA)
		chg_acct_answer_clear(&answer->acct);
	else
		chg_credit_answer_clear(&answer->credit);
}

/* Once claimed: the callback, then the request is no longer tracked. */
static void end_request(struct chg_pending *p, int status, union chg_answer *answer)
{
	p->cb(p->arg, status, answer);
	answer_clear(p->kind, answer);
	dk_request_done(&p->request);
	free(p);
}

/* Once claimed, without an answer; also the drop hook's end (data: the chg_pending). */
static void end_without_answer(void *data, int status)
{
	union chg_answer empty;

	memset(&empty, 0, sizeof empty);
	end_request(data, status, &empty);
}

/* Our own stack answers DIAMETER_UNABLE_TO_DELIVER when no peer can take the request. */
static int locally_undeliverable(const struct chg_outcome *outcome)
{
	return outcome->result.vendor == 0 && outcome->result.code == ER_DIAMETER_UNABLE_TO_DELIVER &&
	       outcome->origin_host && strlen(outcome->origin_host) == fd_g_config->cnf_diamid_len &&
	       !memcmp(outcome->origin_host, fd_g_config->cnf_diamid, fd_g_config->cnf_diamid_len);
}

static void on_answer(void *data, struct msg **msg)
{
	struct chg_pending *p = data;
	union chg_answer answer;
	struct chg_outcome *outcome = p->kind == CHG_ACA ? &answer.acct.outcome : &answer.credit.outcome;
	int status = p->kind == CHG_ACA ? chg_acct_answer_read(*msg, &answer.acct) :
					  chg_credit_answer_read(*msg, &answer.credit);

	fd_msg_free(*msg);
	*msg = NULL;
	if (!status) {
		outcome->attempts = p->attempts;
		if (locally_undeliverable(outcome)) {
			/* after a failover: the first peer did not answer, and no other one is left */
			status = p->attempts > 1 ? ETIMEDOUT : ENOTCONN;
			answer_clear(p->kind, &answer);
		}
	}
	if (dk_request_claim(&p->request))
		end_request(p, status, &answer);
	else
		answer_clear(p->kind, &answer);
}

static void on_expiry(void *data, DiamId_t sent_to, size_t len, struct msg **request);

static int send_attempt(struct chg_pending *p, struct msg **msg)
{
	struct timespec expiry;

	p->attempts++;
	dk_deadline_in(p->timeout_ms, &expiry);
	return fd_msg_send_timeout(msg, on_answer, p, on_expiry, &expiry);
}

/* The same request again, T flag set, to any candidate but the one that did not answer. */
static int fail_over(struct chg_pending *p, DiamId_t sent_to, size_t len, struct msg **request)
{
	struct rt_data *rtd = NULL;
	struct msg_hdr *hdr;

	/* freeDiameter 1.2.1 calls the expiry callback with the callbacks still attached */
	CHECK_FCT(fd_msg_anscb_reset(*request, 1, 1));
	CHECK_FCT(fd_msg_rt_get(*request, &rtd));
	if (rtd)
		fd_rtd_candidate_del(rtd, (uint8_t *)sent_to, len);
	CHECK_FCT(fd_msg_hdr(*request, &hdr));
	hdr->msg_flags |= CMD_FLAG_RETRANSMIT;
	return send_attempt(p, request);
}

static void on_expiry(void *data, DiamId_t sent_to, size_t len, struct msg **request)
{
	struct chg_pending *p = data;

	if (p->attempts <= p->client->failover_attempts && !fail_over(p, sent_to, len, request))
		return;
	if (dk_request_expired(&p->request, request))
		end_without_answer(p, ETIMEDOUT);
}

int chg_drop_hook_register(struct dk_drop_hook **hook)
{
	return dk_drop_hook_register(on_answer, end_without_answer, hook);
}

int chg_send_async(struct chg_client *client, struct msg *msg, enum chg_answer_kind kind, int timeout_ms,
		   chg_answer_cb cb, void *arg)
{
	struct chg_pending *p;
	int ret;

	if (!(p = calloc(1, sizeof *p))) {
		fd_msg_free(msg);
		return ENOMEM;
	}
	p->client = client;
	p->timeout_ms = timeout_ms > 0 ? timeout_ms : client->timeout_ms;
	p->kind = kind;
	p->cb = cb;
	p->arg = arg;
	/* Tracked before sending: the answer may come before fd_msg_send_timeout returns. */
	if ((ret = dk_inflight_add(&client->inflight, &p->request)))
		goto fail;
	if (!(ret = send_attempt(p, &msg)))
		return 0;
	dk_request_done(&p->request);
fail:
	fd_msg_free(msg);
	free(p);
	return ret;
}

/* The public callbacks, typed by answer. */
struct user_call {
	int timeout_ms;
	chg_acct_cb acct;
	chg_credit_cb credit;
	void *arg;
};

static void user_done(void *arg, int status, union chg_answer *answer)
{
	struct user_call call = *(struct user_call *)arg;

	free(arg);
	if (call.acct)
		call.acct(call.arg, status, &answer->acct);
	else
		call.credit(call.arg, status, &answer->credit);
}

static int send_user(struct chg_client *client, struct msg *msg, struct user_call call)
{
	struct user_call *copy = malloc(sizeof *copy);
	int ret;

	if (!copy) {
		fd_msg_free(msg);
		return ENOMEM;
	}
	*copy = call;
	if ((ret = chg_send_async(client, msg, call.acct ? CHG_ACA : CHG_CCA, call.timeout_ms, user_done, copy)))
		free(copy);
	return ret;
}

int chg_send_acct_async(struct chg_client *client, struct msg *msg, int timeout_ms, chg_acct_cb cb, void *arg)
{
	return send_user(client, msg, (struct user_call){ .timeout_ms = timeout_ms, .acct = cb, .arg = arg });
}

int chg_send_credit_async(struct chg_client *client, struct msg *msg, int timeout_ms, chg_credit_cb cb, void *arg)
{
	return send_user(client, msg, (struct user_call){ .timeout_ms = timeout_ms, .credit = cb, .arg = arg });
}

static void sync_done(void *arg, int status, union chg_answer *answer)
{
	dk_waiter_post(arg, status, answer);
}

int chg_send_sync(struct chg_client *client, struct msg *msg, enum chg_answer_kind kind, int timeout_ms,
		  union chg_answer *answer)
{
	struct dk_waiter w;
	int ret;

	dk_waiter_init(&w, answer, sizeof *answer);
	if ((ret = chg_send_async(client, msg, kind, timeout_ms, sync_done, &w)))
		dk_waiter_post(&w, ret, NULL); /* nothing was sent */
	/* Every path ends a request sent, its expiry timer at the latest. */
	return dk_waiter_wait(&w);
}

static void cancel(struct dk_request *r, int status)
{
	end_without_answer((struct chg_pending *)r, status); /* request is the first member */
}

void chg_send_cancel_all(struct chg_client *client)
{
	dk_inflight_cancel_all(&client->inflight, cancel);
}
