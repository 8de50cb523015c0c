/* One Accounting-Request: what it says, the checks made before it is queued, and its answer.
 *
 * The core has already checked the ACR against the base dictionary (a missing Session-Id,
 * Origin-Host, Origin-Realm, Destination-Realm, Accounting-Record-Type or Accounting-Record-Number
 * is answered 5005 before this runs; error_answer.c completes that answer). Here: an
 * Accounting-Record-Type outside 1..4 is answered 5004 with the AVP in Failed-AVP (RFC 6733
 * §7.1.5); everything else goes to the writer, which answers after the commit. Duplicates
 * (retransmissions with the T flag, or the same Session-Id and record number again) and records
 * out of sequence are decided by the store, in the writer's transaction (docs/cdf-store.md). */
#include "app_cdf.h"

#include <stdlib.h>
#include <time.h>

/* Seconds between the NTP epoch (1900, the Diameter Time type) and 1970. */
#define NTP_TO_UNIX 2208988800LL

void acr_job_free(struct acr_job *job)
{
	if (!job)
		return;
	if (job->msg)
		fd_msg_free(job->msg);
	free(job->acr);
	free(job->json);
	free(job);
}

int acr_answer_session_id(struct msg *ans)
{
	struct msg *req = NULL;
	struct avp *sid = NULL, *copy = NULL;
	struct avp_hdr *hdr;

	CHECK_FCT(dk_find(ans, dk_base.session_id, &sid));
	if (sid)
		return 0;
	CHECK_FCT(fd_msg_answ_getq(ans, &req));
	if (!req || dk_find(req, dk_base.session_id, &sid) || !sid || fd_msg_avp_hdr(sid, &hdr) || !hdr->avp_value)
		return 0; /* nothing to echo */
	CHECK_FCT(fd_msg_avp_new(dk_base.session_id, 0, &copy));
	CHECK_FCT_DO(fd_msg_avp_setvalue(copy, hdr->avp_value), { fd_msg_free(copy); return EINVAL; });
	/* < Session-Id > is the fixed head of the ACA */
	CHECK_FCT_DO(fd_msg_avp_add(ans, MSG_BRW_FIRST_CHILD, copy), { fd_msg_free(copy); return EINVAL; });
	return 0;
}

/* Turn the request *msg into its ACA: result, Failed-AVP (a copy of 'failed', an AVP of the
 * request), the record's type and number, Acct-Application-Id, User-Name when given. */
static int make_answer(struct msg **msg, uint32_t result, struct avp *failed, int32_t type, uint32_t number,
		       const char *user_name)
{
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	CHECK_FCT(acr_answer_session_id(*msg));
	CHECK_FCT(dk_set_result(*msg, result, failed));
	CHECK_FCT(dk_add_i32(*msg, cdf_dict.record_type, type));
	CHECK_FCT(dk_add_u32(*msg, cdf_dict.record_number, number));
	CHECK_FCT(dk_add_u32(*msg, cdf_dict.acct_application_id, ACCOUNTING_APP_ID));
	if (user_name && *user_name)
		CHECK_FCT(dk_add_str(*msg, dk_base.user_name, user_name));
	return 0;
}

void acr_answer_and_free(struct acr_job *job, uint32_t result)
{
	const struct cdr_record *r = &job->record;

	/* A duplicate is answered with the record first stored under its number. */
	CHECK_FCT_DO(make_answer(&job->msg, result, NULL, (int32_t)r->stored_type, r->record_number, job->user_name),
		     goto out);
	CHECK_FCT_DO(fd_msg_send(&job->msg, NULL, NULL), );
out:
	acr_job_free(job);
}

/* A text AVP into buf: "" when absent; EINVAL when it does not fit or holds a NUL. */
static int get_text(msg_or_avp *parent, struct dict_object *model, char *buf, size_t size)
{
	const uint8_t *data;
	size_t len;
	int ret = dk_get_os(parent, model, &data, &len);

	buf[0] = '\0';
	if (ret == ENOENT)
		return 0;
	if (ret || len >= size || memchr(data, 0, len))
		return EINVAL;
	memcpy(buf, data, len);
	buf[len] = '\0';
	return 0;
}

/* Subscription-Id-Data of the first Subscription-Id, at the top level or in Service-Information. */
static void read_subscription_id(struct msg *msg, struct acr_job *job)
{
	struct avp *sub = NULL;

	if (dk_find(msg, cdf_dict.subscription_id, &sub) || !sub)
		(void)dk_find_path(msg, &sub, cdf_dict.service_information, cdf_dict.subscription_id, NULL);
	if (!sub || get_text(sub, cdf_dict.subscription_id_data, job->subscription_id, sizeof job->subscription_id))
		job->subscription_id[0] = '\0';
}

/* Event-Timestamp as Unix seconds, or now. Time values below 2^31 are past 2036 (RFC 6733 §4.3.1). */
static int64_t event_time(struct msg *msg, int64_t now)
{
	const uint8_t *p;
	size_t len;
	int64_t ntp;

	if (dk_get_os(msg, cdf_dict.event_timestamp, &p, &len) || len != 4)
		return now;
	ntp = (int64_t)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]);
	if (ntp < 0x80000000LL)
		ntp += 1LL << 32;
	return ntp - NTP_TO_UNIX;
}

/* The job for an ACR, or the AVP at fault (*bad) with the result code to answer. */
static uint32_t make_job(struct msg *msg, struct acr_job *job, struct avp **bad)
{
	struct cdr_record *r = &job->record;
	int32_t type = 0;
	struct timespec now;
	size_t len;

	*bad = NULL;
	if (dk_get_i32(msg, cdf_dict.record_type, &type) || dk_get_u32(msg, cdf_dict.record_number, &r->record_number))
		return ER_DIAMETER_UNABLE_TO_COMPLY; /* the core checked they are there */
	r->record_type = r->stored_type = (uint32_t)type;
	if (!cdr_record_type_name(r->record_type)) {
		(void)dk_find(msg, cdf_dict.record_type, bad);
		return ER_DIAMETER_INVALID_AVP_VALUE;
	}
	if (get_text(msg, dk_base.session_id, job->session_id, sizeof job->session_id) || !job->session_id[0]) {
		(void)dk_find(msg, dk_base.session_id, bad); /* empty, or longer than the store takes */
		return ER_DIAMETER_INVALID_AVP_VALUE;
	}
	if (get_text(msg, dk_base.origin_host, job->origin_host, sizeof job->origin_host) ||
	    get_text(msg, dk_base.user_name, job->user_name, sizeof job->user_name))
		return ER_DIAMETER_UNABLE_TO_COMPLY;
	read_subscription_id(msg, job);
	clock_gettime(CLOCK_REALTIME, &now);
	r->received_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
	r->event_time = event_time(msg, now.tv_sec);
	if (fd_msg_bufferize(msg, &job->acr, &len) || !(job->json = cdf_render_avps(job->acr, len)))
		return ER_DIAMETER_UNABLE_TO_COMPLY;
	r->session_id = job->session_id;
	r->origin_host = job->origin_host;
	r->user_name = job->user_name[0] ? job->user_name : NULL;
	r->subscription_id = job->subscription_id[0] ? job->subscription_id : NULL;
	r->acr = job->acr;
	r->acr_len = len;
	r->json_len = strlen(job->json);
	r->json = job->json;
	return 0;
}

/* Answer at once, from the request alone (a refused ACR). */
static int answer_now(struct msg **msg, uint32_t result, struct avp *failed, enum disp_action *act)
{
	int32_t type = 0;
	uint32_t number = 0;
	char user[256];

	(void)dk_get_i32(*msg, cdf_dict.record_type, &type);
	(void)dk_get_u32(*msg, cdf_dict.record_number, &number);
	if (get_text(*msg, dk_base.user_name, user, sizeof user))
		user[0] = '\0';
	*act = DISP_ACT_SEND;
	/* failed belongs to the request, which the answer keeps until it is sent. */
	return make_answer(msg, result, failed, type, number, user);
}

int acr_cb(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct acr_job *job = calloc(1, sizeof *job);
	struct avp *bad = NULL;
	uint32_t result;

	(void)unused;
	(void)sess;
	(void)opaque;
	*act = DISP_ACT_CONT;
	if (!job)
		return answer_now(msg, ER_DIAMETER_UNABLE_TO_COMPLY, NULL, act);
	result = make_job(*msg, job, &bad);
	if (result) {
		acr_job_free(job);
		return answer_now(msg, result, bad, act);
	}
	job->msg = *msg;
	*msg = NULL;
	cdf_writer_queue(job);
	return 0;
}
