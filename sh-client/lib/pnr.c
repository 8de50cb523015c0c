/* The server side of the client: Push-Notification-Requests from the HSS (TS 29.329 §6.1.7) go
 * to the application's callback, and every one is answered (a dispatch callback that returns an
 * error makes freeDiameter drop the request without an answer). */
#include <stdlib.h>
#include <string.h>

#include "shclient_internal.h"
#include "tbcd.h"

#define MSISDN_MAX_OCTETS 8 /* 15 digits */

void sh_pna_result(uint32_t chosen, uint32_t *vendor, uint32_t *code)
{
	*vendor = DK_VENDOR_3GPP;
	*code = chosen;
	switch (chosen) {
	case SH_SUCCESS:
		*vendor = 0;
		return;
	case SH_ERROR_USER_UNKNOWN:
	case SH_ERROR_IDENTITIES_DONT_MATCH:
	case SH_ERROR_TOO_MUCH_DATA:
	case SH_USER_DATA_NOT_AVAILABLE:
	case SH_PRIOR_UPDATE_IN_PROGRESS:
		return;
	default:
		if (chosen >= SH_ERROR_USER_DATA_NOT_RECOGNIZED && chosen <= SH_ERROR_DSAI_NOT_AVAILABLE)
			return;
		*vendor = 0;
		*code = ER_DIAMETER_UNABLE_TO_COMPLY;
	}
}

/* What the callback sees; the strings are copies freed after it returns. */
struct notification {
	struct sh_notification pub;
	char *public_identity, *user_name, *user_data;
	char msisdn[2 * MSISDN_MAX_OCTETS + 1];
	struct sh_data *data;
};

static void notification_free(struct notification *n)
{
	free(n->public_identity);
	free(n->user_name);
	free(n->user_data);
	shdata_free(n->data);
}

/* Reads the PNR; *invalid is set to an AVP whose value is wrong (answered 5004). */
static int read_notification(struct msg *pnr, int parse, struct notification *n, struct avp **invalid)
{
	struct avp *identity = NULL, *msisdn = NULL;
	const uint8_t *octets;
	size_t len;

	CHECK_FCT(dk_find(pnr, sh_dict.user_identity, &identity));
	if (identity) {
		CHECK_FCT(dk_copy_str(identity, sh_dict.public_identity, &n->public_identity, NULL));
		CHECK_FCT(dk_find(identity, sh_dict.msisdn, &msisdn));
	}
	if (msisdn && !dk_get_os(identity, sh_dict.msisdn, &octets, &len)) {
		if (len > MSISDN_MAX_OCTETS || tbcd_decode(octets, len, n->msisdn, sizeof n->msisdn) < 0) {
			*invalid = msisdn;
			return 0;
		}
		n->pub.msisdn = n->msisdn;
	}
	CHECK_FCT(dk_copy_str(pnr, dk_base.user_name, &n->user_name, NULL));
	CHECK_FCT(sh_read_user_data(pnr, &n->user_data, &n->pub.user_data_len, parse ? &n->data : NULL));
	n->pub.public_identity = n->public_identity;
	n->pub.user_name = n->user_name;
	n->pub.user_data = n->user_data;
	n->pub.data = n->data;
	return 0;
}

static uint32_t ask_application(struct sh_client *client, const struct sh_notification *n)
{
	sh_pnr_cb cb;
	void *arg;

	pthread_mutex_lock(&client->lock);
	cb = client->pnr_cb;
	arg = client->pnr_arg;
	pthread_mutex_unlock(&client->lock);
	return cb ? cb(arg, n) : SH_SUCCESS;
}

/* Auth-Session-State goes before Origin-Host (TS 29.329 §6.1.8), which the result added. */
static int add_auth_session_state(struct msg *pna)
{
	struct avp *origin = NULL, *state = NULL;
	union avp_value v = { .i32 = 1 }; /* NO_STATE_MAINTAINED */

	CHECK_FCT(dk_find(pna, dk_base.origin_host, &origin));
	if (!origin)
		return dk_add_i32(pna, dk_base.auth_session_state, v.i32);
	CHECK_FCT(fd_msg_avp_new(dk_base.auth_session_state, 0, &state));
	CHECK_FCT_DO(fd_msg_avp_setvalue(state, &v), goto fail);
	CHECK_FCT_DO(fd_msg_avp_add(origin, MSG_BRW_PREV, state), goto fail);
	return 0;
fail:
	fd_msg_free(state);
	return EINVAL;
}

static int build_answer(struct msg **msg, uint32_t code, uint32_t vendor, struct avp *failed)
{
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	CHECK_FCT(sh_add_vsai(*msg));
	CHECK_FCT(vendor ? dk_set_experimental_result(*msg, vendor, code, failed) :
			   dk_set_result(*msg, code, failed));
	return add_auth_session_state(*msg);
}

int sh_pnr_handler(struct msg **msg, struct avp *avp, struct session *sess, void *opaque,
		   enum disp_action *act)
{
	struct notification n = { 0 };
	struct avp *invalid = NULL;
	uint32_t vendor = 0, code;
	int ret;

	(void)avp;
	(void)sess;
	if ((ret = read_notification(*msg, !((struct sh_client *)opaque)->raw_user_data, &n, &invalid)))
		code = ER_DIAMETER_UNABLE_TO_COMPLY;
	else if (invalid)
		code = ER_DIAMETER_INVALID_AVP_VALUE;
	else
		sh_pna_result(ask_application(opaque, &n.pub), &vendor, &code);
	/* The answer points to the request, so the invalid AVP is still there to copy. */
	ret = build_answer(msg, code, vendor, invalid);
	notification_free(&n);
	if (ret)
		return ret; /* no answer can be built: freeDiameter logs and drops the request */
	*act = DISP_ACT_SEND;
	return 0;
}
