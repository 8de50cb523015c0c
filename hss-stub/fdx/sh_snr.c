/* Sh-Subs-Notif: Subscribe-Notifications-Request (TS 29.328 §6.1.3). */
#include "hss_stub.h"

#include <stdlib.h>

#define SUBSCRIBE 0

/* The expiry the HSS grants: the one asked for, shortened to max_expiry when that is set
 * (0: unlimited). */
static time_t granted_expiry(time_t asked, time_t now)
{
	time_t limit;

	if (!hss_conf.max_expiry)
		return asked;
	limit = now + hss_conf.max_expiry;
	return !asked || asked > limit ? limit : asked;
}

/* Repository data must exist to be subscribed to (5106). */
static struct sh_outcome check_repository_data(const struct sh_req *req, const char *impu)
{
	for (size_t i = 0; i < req->n_service_indications; i++) {
		struct store_repdata data;
		if (store_repdata_get(hss_store, impu, req->service_indications[i], &data))
			return SH_EXP(ERROR_SUBS_DATA_ABSENT, NULL);
		store_repdata_clear(&data);
	}
	return SH_OK;
}

_Static_assert(STORE_MAX_DSAI_TAGS >= SH_MAX_REFS, "a subscription keeps every DSAI-Tag of an SNR");

/* The SNR's selectors, kept with each of its subscriptions: sh_subscription_req gives them back
 * for its PNRs. */
static void keep_selectors(const struct sh_req *req, struct store_subscription *sub)
{
	snprintf(sub->server_name, sizeof sub->server_name, "%s", req->server_name);
	sub->has_identity_set = req->identity_set >= 0;
	sub->identity_set = req->identity_set;
	sub->n_dsai_tags = req->n_dsai_tags;
	memcpy(sub->dsai_tags, req->dsai_tags, req->n_dsai_tags * sizeof req->dsai_tags[0]);
}

void sh_subscription_req(const struct store_subscription *sub, struct sh_req *req)
{
	memset(req, 0, sizeof *req);
	snprintf(req->origin_host, sizeof req->origin_host, "%s", sub->as_host);
	req->id_kind = STORE_IMPU;
	snprintf(req->identity, sizeof req->identity, "%s", sub->impu);
	snprintf(req->user_name, sizeof req->user_name, "%s", sub->user_name);
	req->data_refs[0] = sub->data_reference;
	req->n_data_refs = 1;
	snprintf(req->service_indications[0], sizeof req->service_indications[0], "%s", sub->service_indication);
	req->n_service_indications = sub->data_reference == 0;
	snprintf(req->server_name, sizeof req->server_name, "%s", sub->server_name);
	req->n_dsai_tags = sub->n_dsai_tags < SH_MAX_REFS ? sub->n_dsai_tags : SH_MAX_REFS;
	memcpy(req->dsai_tags, sub->dsai_tags, req->n_dsai_tags * sizeof req->dsai_tags[0]);
	req->identity_set = sub->has_identity_set ? sub->identity_set : -1;
	req->requested_domain = req->current_location = -1; /* Pull only (14, 15): never subscribed */
}

/* One subscription per Data-Reference and, for repository data, per Service-Indication, all
 * stored (or removed) in one transaction. */
static int store_subscriptions(const struct sh_req *req, const char *impu, int subscribe, time_t expiry,
			       int one_time)
{
	size_t count = 0, max = 0;
	struct store_subscription *subs;
	int ret;

	for (size_t i = 0; i < req->n_data_refs; i++)
		max += req->data_refs[i] == 0 ? req->n_service_indications : 1;
	if (!(subs = calloc(max ? max : 1, sizeof *subs)))
		return ENOMEM;
	for (size_t i = 0; i < req->n_data_refs; i++) {
		size_t n = req->data_refs[i] == 0 ? req->n_service_indications : 1;
		for (size_t j = 0; j < n; j++) {
			struct store_subscription *sub = &subs[count++];
			sub->expiry = expiry;
			sub->one_time = one_time;
			sub->data_reference = req->data_refs[i];
			snprintf(sub->impu, sizeof sub->impu, "%s", impu);
			snprintf(sub->as_host, sizeof sub->as_host, "%s", req->origin_host);
			snprintf(sub->user_name, sizeof sub->user_name, "%s", req->user_name);
			snprintf(sub->service_indication, sizeof sub->service_indication, "%s",
				 req->data_refs[i] == 0 ? req->service_indications[j] : "");
			keep_selectors(req, sub);
		}
	}
	ret = store_subscriptions_apply(hss_store, subs, count, subscribe);
	free(subs);
	return ret;
}

static int add_expiry(struct msg *ans, time_t expiry)
{
	struct avp *a = NULL;

	CHECK_FCT(fd_msg_avp_new(hss_dict.expiry_time, 0, &a));
	CHECK_FCT_DO(fd_msg_avp_value_encode(&expiry, a), { fd_msg_free(a); return EINVAL; });
	return fd_msg_avp_add(ans, MSG_BRW_LAST_CHILD, a);
}

int sh_snr_cb(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct sh_req req;
	struct sh_outcome o;
	json_t *subscriber = NULL;
	char *xml = NULL;
	size_t len = 0;
	int32_t type = SUBSCRIBE, send_data = 0;
	time_t now = time(NULL), expiry = 0;
	struct avp *a = NULL;
	int ret;

	(void)unused;
	(void)sess;
	(void)opaque;
	o = sh_req_start(*msg, STORE_PERM_SUBS_NOTIF, &req, &subscriber);
	dk_get_i32(*msg, hss_dict.subs_req_type, &type);
	dk_get_i32(*msg, hss_dict.send_data_indication, &send_data);
	if (!dk_find(*msg, hss_dict.expiry_time, &a) && a)
		fd_msg_avp_value_interpret(a, &expiry);
	expiry = granted_expiry(expiry, now);
	/* The Sh-Data also checks the access keys (5005) and DSAI tags (5108) */
	if (!o.code)
		o = sh_build_user_data(&req, subscriber, 0, &xml, &len);
	if (!o.code && type == SUBSCRIBE)
		o = check_repository_data(&req, sh_req_impu(&req, subscriber));
	if (!o.code && store_subscriptions(&req, sh_req_impu(&req, subscriber), type == SUBSCRIBE, expiry,
					   !dk_find(*msg, hss_dict.one_time_notification, &a) && a))
		o = SH_BASE(5012, NULL, "cannot store the subscription");
	ret = sh_answer(msg, o);
	if (!ret && !o.code && type == SUBSCRIBE && expiry)
		ret = add_expiry(*msg, expiry);
	if (!ret && !o.code && send_data == 1 && xml)
		ret = sh_add_user_data(*msg, xml, len);
	free(xml);
	json_decref(subscriber);
	*act = DISP_ACT_SEND;
	return ret;
}
