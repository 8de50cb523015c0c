/* What ACRs and CCRs share: the header AVPs, times, optional values, the Session-Id. */
#include <stdlib.h>
#include <string.h>

#include "charging_internal.h"

/* RFC 6733 §8.8: <DiameterIdentity>;<high 32 bits>;<low 32 bits>[;<optional value>]. Not
 * fd_msg_new_session, which also makes a freeDiameter session object per Session-Id: a client
 * keeps no state in them, and creating then reclaiming one per event request costs more than the
 * rest of the request. Its Session-Ids have the same form. */
char *chg_session_id_new(struct chg_client *client)
{
	uint32_t low = __atomic_add_fetch(&client->sid_count, 1, __ATOMIC_RELAXED);
	char *sid = NULL;

	return asprintf(&sid, "%s%u%s", client->sid_prefix, low, client->sid_suffix) < 0 ? NULL : sid;
}

static int add_session_id(struct chg_client *client, struct msg *msg, const char *sid)
{
	char *made = NULL;
	int ret;

	if (sid)
		return dk_add_str(msg, dk_base.session_id, sid);
	if (!(made = chg_session_id_new(client)))
		return ENOMEM;
	ret = dk_add_str(msg, dk_base.session_id, made);
	free(made);
	return ret;
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
