/* What ACRs and CCRs share: the header AVPs, times, optional values, the Session-Id. */
#include <stdlib.h>
#include <string.h>

#include "charging_internal.h"

static int add_session_id(struct chg_client *client, struct msg *msg, const char *sid)
{
	return sid ? dk_add_str(msg, dk_base.session_id, sid) : dk_add_new_session_id(&client->sids, msg);
}

int chg_request_new(struct chg_client *client, struct dict_object *cmd, application_id_t app,
		    const char *sid, struct msg **msg)
{
	struct msg_hdr *hdr;
	int ret;

	CHECK_FCT(fd_msg_new(cmd, MSGFL_ALLOC_ETEID, msg));
	/* The base dictionary defines ACR without its application (RFC 6733 §9.7.1: 3). */
	if ((ret = fd_msg_hdr(*msg, &hdr)) || (hdr->msg_appl = app, 0) || (ret = add_session_id(client, *msg, sid)) ||
	    (ret = fd_msg_add_origin(*msg, 0)) ||
	    (ret = dk_add_str(*msg, dk_base.destination_realm, client->dest_realm)) ||
	    (ret = chg_add_optional_str(*msg, dk_base.destination_host, client->dest_host))) {
		fd_msg_free(*msg);
		*msg = NULL;
	}
	return ret;
}

int chg_add_time(msg_or_avp *parent, struct dict_object *model, time_t when)
{
	struct avp *avp = NULL;

	if (!when)
		when = time(NULL);
	CHECK_FCT(fd_msg_avp_new(model, 0, &avp));
	CHECK_FCT_DO(fd_msg_avp_value_encode(&when, avp), goto fail);
	CHECK_FCT_DO(fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, avp), goto fail);
	return 0;
fail:
	fd_msg_free(avp);
	return EINVAL;
}

int chg_add_optional_str(msg_or_avp *parent, struct dict_object *model, const char *value)
{
	return value ? dk_add_str(parent, model, value) : 0;
}

int chg_add_optional_i32(msg_or_avp *parent, struct dict_object *model, int value)
{
	return value == CHG_UNSET ? 0 : dk_add_i32(parent, model, value);
}

int chg_session_id_copy(struct msg *msg, char **sid)
{
	const uint8_t *data;
	size_t len;

	*sid = NULL;
	CHECK_FCT(dk_get_os(msg, dk_base.session_id, &data, &len));
	if (!(*sid = malloc(len + 1)))
		return ENOMEM;
	memcpy(*sid, data, len);
	(*sid)[len] = '\0';
	return 0;
}
