/* One Push-Notification-Request: built from the data as it is when it leaves (the change and the
 * subscription it notifies say what), sent to the subscribed AS, and its answer: a PNA with
 * DIAMETER_ERROR_USER_UNKNOWN removes that AS's subscriptions for that user; a 3002 from another
 * node than the AS hands the PNR back to be held (pnr_held.c). */
#include "hss_stub.h"

#define PNA_TIMEOUT_S 10

/* 3002 from another node than the AS: no node could deliver it, so the AS never had it. Our own
 * stack answers so when it has no route to the AS; when the connection goes with the PNR
 * unanswered, freeDiameter routes it again (T flag), possibly to another Sh peer, which answers
 * 3002 in turn. A 3002 from the AS itself is its answer: holding that PNR would send it again at
 * every round while the AS is connected. */
static int undelivered(struct msg *answer, const struct dk_result *res, const char *as_host)
{
	char origin[256];

	if (res->vendor != 0 || res->code != ER_DIAMETER_UNABLE_TO_DELIVER)
		return 0;
	return dk_get_str(answer, dk_base.origin_host, origin, sizeof origin) || strcasecmp(origin, as_host);
}

static void on_pna(void *data, struct msg **answer)
{
	struct pnr *p = data;
	struct dk_result res;

	if (!dk_get_result(*answer, &res)) {
		if (res.vendor == DK_VENDOR_3GPP && res.code == ERROR_USER_UNKNOWN) {
			LOG_N("hss_stub: %s does not know %s: its subscriptions for it are removed", p->sub.as_host,
			      p->sub.impu);
			store_subscription_delete_as(hss_store, p->sub.impu, p->sub.as_host);
		} else if (hss_conf.pnr_retry_s && undelivered(*answer, &res, p->sub.as_host)) {
			LOG_N("hss_stub: PNR to %s for %s undelivered: held", p->sub.as_host, p->sub.impu);
			pnr_hand_back(p);
			p = NULL;
		}
	}
	fd_msg_free(*answer);
	*answer = NULL;
	free(p);
}

static void on_pna_timeout(void *data, DiamId_t sentto, size_t len, struct msg **request)
{
	struct pnr *p = data;
	(void)sentto;
	(void)len;
	(void)request;
	LOG_N("hss_stub: no PNA from %s for %s", p->sub.as_host, p->sub.impu);
	free(p);
}

/* The realm of an OPEN peer, for Destination-Realm; ENOTCONN when it is not OPEN. */
static int peer_realm(const char *host, char *realm, size_t size)
{
	struct peer_hdr *peer = NULL;

	if (fd_peer_getbyid((DiamId_t)host, strlen(host), 0, &peer) || !peer ||
	    fd_peer_get_state(peer) != STATE_OPEN || !peer->info.runtime.pir_realm)
		return ENOTCONN;
	snprintf(realm, size, "%.*s", (int)peer->info.runtime.pir_realmlen, peer->info.runtime.pir_realm);
	return 0;
}

int pnr_peer_open(const char *host)
{
	char realm[256];

	return !peer_realm(host, realm, sizeof realm);
}

/* The Sh-Data of data that changed, as the subscription sees it now: what a UDR with the SNR's
 * AVPs gets (only the iFCs of its Server-Name, its DSAI-Tags, its Identity-Set). ENODATA when
 * there is none to show (data removed, a DSAI-Tag gone). */
static int current_data(const struct store_subscription *sub, json_t *subscriber, char **xml, size_t *len)
{
	struct sh_req req;
	struct sh_outcome o;

	sh_subscription_req(sub, &req);
	o = sh_build_user_data(&req, subscriber, 1, xml, len);
	if (o.code == ERROR_DSAI_NOT_AVAILABLE || (!o.code && !*xml))
		return ENODATA;
	if (o.code)
		LOG_E("hss_stub: no Sh-Data for %s's subscription to %s (%d): %u %s", sub->as_host, sub->impu,
		      sub->data_reference, o.code, o.message ? o.message : "");
	return o.code ? EINVAL : 0;
}

/* The Sh-Data of a deletion: deleted repository data shows its Service-Indication and
 * Sequence-Number without ServiceData (TS 29.328 §6.1.2). When the identity itself is gone
 * (subscriber NULL), the Sh-Data names it in DeletedIdentities (the Sh-Data Extension that
 * TS 29.328 keeps for deleted identities), with the deleted repository data marker for a
 * subscription to repository data. */
static int deletion_data(const struct store_change *change, const struct store_subscription *sub,
			 json_t *subscriber, char **xml, size_t *len)
{
	struct sh_data *data = shdata_new();
	int ret = 0;

	if (!data)
		return ENOMEM;
	if (change->data_reference == 0)
		ret = sh_data_add_deleted(data, change->service_indication, change->sequence_number);
	if (!ret && !subscriber)
		ret = sh_data_add_deleted_identity(data, sub->impu);
	if (!ret)
		ret = shdata_write(data, xml, len);
	shdata_free(data);
	return ret;
}

static int notification_data(const struct store_change *change, const struct store_subscription *sub,
			     json_t *subscriber, char **xml, size_t *len)
{
	if (change->deleted)
		return deletion_data(change, sub, subscriber, xml, len);
	return current_data(sub, subscriber, xml, len);
}

int pnr_send(struct pnr *p)
{
	const struct store_change *change = &p->change;
	const struct store_subscription *sub = &p->sub;
	struct msg *pnr = NULL;
	struct avp *ui = NULL;
	struct timespec expiry;
	json_t *subscriber = NULL;
	char realm[256], *xml = NULL;
	size_t len = 0;
	int ret;

	if ((ret = peer_realm(sub->as_host, realm, sizeof realm)))
		return ret;
	/* a deletion may have taken the identity with it: then the PNR says so, even when a subscriber
	 * has been given that identity again since */
	ret = change->identity_deleted ? ENOENT : store_subscriber_get(hss_store, STORE_IMPU, sub->impu, &subscriber);
	if (ret && (ret != ENOENT || !change->deleted))
		return ret == ENOENT ? ENODATA : ret;
	ret = notification_data(change, sub, subscriber, &xml, &len);
	json_decref(subscriber);
	if (ret)
		return ret;
	CHECK_FCT_DO(ret = fd_msg_new(hss_dict.pnr, MSGFL_ALLOC_ETEID, &pnr), goto fail);
	CHECK_FCT_DO(ret = fd_msg_new_session(pnr, (os0_t)"pnr", 3), goto fail);
	CHECK_FCT_DO(ret = sh_add_app_header(pnr), goto fail);
	CHECK_FCT_DO(ret = fd_msg_add_origin(pnr, 0), goto fail);
	CHECK_FCT_DO(ret = dk_add_str(pnr, dk_base.destination_host, sub->as_host), goto fail);
	CHECK_FCT_DO(ret = dk_add_str(pnr, dk_base.destination_realm, realm), goto fail);
	CHECK_FCT_DO(ret = dk_add_group(pnr, hss_dict.user_identity, &ui), goto fail);
	CHECK_FCT_DO(ret = dk_add_str(ui, hss_dict.public_identity, sub->impu), goto fail);
	if (sub->user_name[0])
		CHECK_FCT_DO(ret = dk_add_str(pnr, dk_base.user_name, sub->user_name), goto fail);
	CHECK_FCT_DO(ret = sh_add_user_data(pnr, xml, len), goto fail);
	free(xml);
	xml = NULL;
	clock_gettime(CLOCK_REALTIME, &expiry);
	expiry.tv_sec += PNA_TIMEOUT_S;
	CHECK_FCT_DO(ret = fd_msg_send_timeout(&pnr, on_pna, p, on_pna_timeout, &expiry), goto fail);
	return 0;
fail:
	fd_msg_free(pnr);
	free(xml);
	return ret;
}

struct pnr *pnr_new(const struct store_change *change, const struct store_subscription *sub)
{
	struct pnr *p = calloc(1, sizeof *p);

	if (!p)
		return NULL;
	fd_list_init(&p->chain, p);
	p->change = *change;
	p->sub = *sub;
	clock_gettime(CLOCK_MONOTONIC, &p->since);
	return p;
}
