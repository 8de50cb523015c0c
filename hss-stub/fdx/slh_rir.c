/* SLh: LCS-Routing-Info-Request from a GMLC (TS 29.173 §5.2.1, shared/specs/lcs.md §1.4): where is
 * the user served, so that the GMLC can send its SLg request to that MME or SGSN. Checks in the
 * order of §5.2.1.2: the requesting network is authorised (5490), the user exists (5001), IMSI and
 * MSISDN name the same user (5007), a serving node is known (4201). SLh commands carry no
 * Vendor-Specific-Application-Id (§6.2.2). */
#include "hss_stub.h"
#include "tbcd.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#define MSISDN_DIGITS 16

/* The user named by User-Name (IMSI) and/or MSISDN. */
struct rir {
	char imsi[64];
	char msisdn[2 * MSISDN_DIGITS + 1];
	struct avp *imsi_avp, *msisdn_avp;
	char origin_realm[256];
};

static struct sh_outcome read_rir(struct msg *msg, struct rir *r)
{
	const uint8_t *octets;
	size_t len;

	memset(r, 0, sizeof *r);
	dk_get_str(msg, dk_base.origin_realm, r->origin_realm, sizeof r->origin_realm);
	dk_find(msg, dk_base.user_name, &r->imsi_avp);
	if (r->imsi_avp && dk_get_str(msg, dk_base.user_name, r->imsi, sizeof r->imsi))
		return SH_BASE(ER_DIAMETER_INVALID_AVP_VALUE, r->imsi_avp, "User-Name is not an IMSI");
	dk_find(msg, hss_dict.msisdn, &r->msisdn_avp);
	if (r->msisdn_avp &&
	    (dk_get_os(msg, hss_dict.msisdn, &octets, &len) || len > MSISDN_DIGITS / 2 ||
	     tbcd_decode(octets, len, r->msisdn, sizeof r->msisdn) < 0))
		return SH_BASE(ER_DIAMETER_INVALID_AVP_VALUE, r->msisdn_avp, "MSISDN is not a TBCD string");
	if (!r->imsi_avp && !r->msisdn_avp)
		return SH_MISSING(dk_base.user_name, "User-Name (IMSI) or MSISDN is needed");
	return SH_OK;
}

/* slh_allowed_realms, when set, lists the realms whose GMLCs may ask. */
static int realm_allowed(const char *realm)
{
	const char *list = hss_conf.slh_allowed_realms;
	size_t n = strlen(realm);

	if (!list[0])
		return 1;
	for (const char *p = list; (p = strstr(p, realm)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* The user's routing record, after the checks (2) and (2a). */
static struct sh_outcome find_user(const struct rir *r, struct store_routing *user)
{
	struct store_routing by_msisdn;

	if (r->imsi_avp && store_routing_get(hss_store, STORE_IMSI, r->imsi, user))
		return SH_EXP(ERROR_USER_UNKNOWN, NULL);
	if (!r->msisdn_avp)
		return SH_OK;
	if (store_routing_get(hss_store, STORE_MSISDN, r->msisdn, r->imsi_avp ? &by_msisdn : user))
		return SH_EXP(ERROR_USER_UNKNOWN, NULL);
	if (r->imsi_avp && strcmp(user->impi, by_msisdn.impi))
		return SH_BASE(ER_DIAMETER_CONTRADICTING_AVPS, r->msisdn_avp, "IMSI and MSISDN are not the same user's");
	return SH_OK;
}

static int add_address(msg_or_avp *parent, struct dict_object *model, const char *text)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	struct avp *a = NULL;

	if (inet_pton(AF_INET, text, &sin->sin_addr) == 1)
		sin->sin_family = AF_INET;
	else if (inet_pton(AF_INET6, text, &sin6->sin6_addr) == 1)
		sin6->sin6_family = AF_INET6;
	else
		return EINVAL;
	CHECK_FCT(fd_msg_avp_new(model, 0, &a));
	CHECK_FCT_DO(fd_msg_avp_value_encode(&ss, a), { fd_msg_free(a); return EINVAL; });
	return fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, a);
}

static int add_text(msg_or_avp *parent, struct dict_object *model, const char *v)
{
	return v[0] ? dk_add_str(parent, model, v) : 0;
}

static int add_tbcd(msg_or_avp *parent, struct dict_object *model, const char *v)
{
	uint8_t octets[MSISDN_DIGITS];
	int n;

	if (!v[0])
		return 0;
	if ((n = tbcd_encode(v, octets, sizeof octets)) < 0)
		return EINVAL;
	return dk_add_os(parent, model, octets, (size_t)n);
}

/* Serving-Node { MME-Name, MME-Realm, SGSN-Name, SGSN-Realm, SGSN-Number, MSC-Number, GMLC-Address }
 * from the subscriber's serving_node. */
static int add_serving_node(struct msg *ans, const struct store_routing *user)
{
	struct avp *g = NULL;

	CHECK_FCT(dk_add_group(ans, hss_dict.serving_node, &g));
	CHECK_FCT(add_tbcd(g, hss_dict.sgsn_number, user->sgsn_number));
	CHECK_FCT(add_text(g, hss_dict.sgsn_name, user->sgsn_name));
	CHECK_FCT(add_text(g, hss_dict.sgsn_realm, user->sgsn_realm));
	CHECK_FCT(add_text(g, hss_dict.mme_name, user->mme_name));
	CHECK_FCT(add_text(g, hss_dict.mme_realm, user->mme_realm));
	CHECK_FCT(add_tbcd(g, hss_dict.msc_number, user->msc_number));
	if (user->gmlc_address[0])
		CHECK_FCT(add_address(g, hss_dict.gmlc_address, user->gmlc_address));
	return 0;
}

/* The RIA of a user found with a serving node: User-Name, MSISDN, Serving-Node. */
static int add_routing_info(struct msg *ans, const struct store_routing *user)
{
	uint8_t octets[MSISDN_DIGITS];
	int n;

	CHECK_FCT(add_text(ans, dk_base.user_name, user->imsi));
	if (user->msisdn[0] && (n = tbcd_encode(user->msisdn, octets, sizeof octets)) > 0)
		CHECK_FCT(dk_add_os(ans, hss_dict.msisdn, octets, (size_t)n));
	return add_serving_node(ans, user);
}

static int has_serving_node(const struct store_routing *user)
{
	return user->mme_name[0] || user->sgsn_name[0] || user->sgsn_number[0] || user->msc_number[0];
}

int slh_rir_cb(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct rir r;
	struct sh_outcome o;
	struct store_routing user;
	struct msg *ans;
	int ret;

	(void)unused;
	(void)sess;
	(void)opaque;
	*act = DISP_ACT_SEND;
	o = read_rir(*msg, &r);
	if (!o.code && !realm_allowed(r.origin_realm))
		o = SH_EXP(SLH_ERROR_UNAUTHORIZED_REQUESTING_NETWORK, NULL);
	if (!o.code)
		o = find_user(&r, &user);
	if (!o.code && !has_serving_node(&user))
		o = SH_EXP(SLH_ERROR_ABSENT_USER, NULL);
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	ans = *msg;
	ret = sh_set_outcome(ans, o);
	if (!ret)
		ret = dk_add_i32(ans, dk_base.auth_session_state, 1); /* NO_STATE_MAINTAINED */
	if (!ret && !o.code && (ret = add_routing_info(ans, &user)))
		LOG_E("hss_stub: cannot build the RIA: %s", strerror(ret));
	return ret;
}
