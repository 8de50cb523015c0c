/* Building UDR, PUR and SNR from a struct sh_request, each AVP in the order of the command's ABNF
 * (TS 29.329 §6.1.1, §6.1.3, §6.1.5). */
#include <string.h>

#include "shclient_internal.h"
#include "tbcd.h"

void sh_request_init(struct sh_request *request)
{
	memset(request, 0, sizeof *request);
	request->requested_domain = SH_UNSET;
	request->current_location = SH_UNSET;
	request->identity_set = SH_UNSET;
	request->send_data_indication = SH_UNSET;
	request->supported_features = SH_UNSET;
	request->subs_req_type = 0; /* Subscribe: not optional in an SNR */
}

/* The parts of a request body, in the order they are added. */
enum field {
	F_SUPPORTED_FEATURES,
	F_USER_IDENTITY,
	F_SERVER_NAME,
	F_SERVICE_INDICATIONS,
	F_DATA_REFERENCES,
	F_IDENTITY_SET,
	F_REQUESTED_DOMAIN,
	F_CURRENT_LOCATION,
	F_DSAI_TAGS,
	F_USER_NAME,
	F_USER_DATA,
	F_SEND_DATA_INDICATION,
	F_SUBS_REQ_TYPE,
	F_EXPIRY_TIME,
	F_END,
};

static const enum field udr_fields[] = {
	F_SUPPORTED_FEATURES, F_USER_IDENTITY, F_SERVER_NAME, F_SERVICE_INDICATIONS, F_DATA_REFERENCES, F_IDENTITY_SET,
	F_REQUESTED_DOMAIN, F_CURRENT_LOCATION, F_DSAI_TAGS, F_USER_NAME, F_END,
};
/* Server-Name is not in the PUR's ABNF but goes in its *[AVP]: a DSAI update names the AS whose
 * DSAI it is by it (the HSS stub refuses one without, 5005). */
static const enum field pur_fields[] = {
	F_SUPPORTED_FEATURES, F_USER_IDENTITY, F_USER_NAME, F_DATA_REFERENCES, F_USER_DATA, F_SERVER_NAME, F_END,
};
static const enum field snr_fields[] = {
	F_SUPPORTED_FEATURES, F_USER_IDENTITY, F_SERVICE_INDICATIONS, F_SEND_DATA_INDICATION, F_SERVER_NAME, F_SUBS_REQ_TYPE,
	F_DATA_REFERENCES, F_IDENTITY_SET, F_EXPIRY_TIME, F_DSAI_TAGS, F_USER_NAME, F_END,
};

static int add_user_identity(struct msg *msg, const struct sh_request *r)
{
	struct avp *group = NULL;
	uint8_t tbcd[TBCD_OCTETS(15)];
	int n;

	CHECK_FCT(dk_add_group(msg, sh_dict.user_identity, &group));
	if (r->identity_kind == SH_ID_PUBLIC_IDENTITY)
		return dk_add_str(group, sh_dict.public_identity, r->identity);
	if ((n = tbcd_encode(r->identity, tbcd, sizeof tbcd)) < 0)
		return EINVAL;
	return dk_add_os(group, sh_dict.msisdn, tbcd, (size_t)n);
}

static int add_strings(struct msg *msg, struct dict_object *model, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		CHECK_FCT(dk_add_str(msg, model, list[i]));
	return 0;
}

static int add_optional_str(struct msg *msg, struct dict_object *model, const char *value)
{
	return value ? dk_add_str(msg, model, value) : 0;
}

static int add_optional_enum(struct msg *msg, struct dict_object *model, int value)
{
	return value == SH_UNSET ? 0 : dk_add_i32(msg, model, value);
}

static int add_expiry_time(struct msg *msg, time_t expiry)
{
	struct avp *avp = NULL;

	if (!expiry)
		return 0;
	CHECK_FCT(fd_msg_avp_new(sh_dict.expiry_time, 0, &avp));
	CHECK_FCT_DO(fd_msg_avp_value_encode(&expiry, avp), goto fail);
	CHECK_FCT_DO(fd_msg_avp_add(msg, MSG_BRW_LAST_CHILD, avp), goto fail);
	return 0;
fail:
	fd_msg_free(avp);
	return EINVAL;
}

static int add_field(struct msg *msg, enum field f, const struct sh_request *r)
{
	switch (f) {
	case F_SUPPORTED_FEATURES:
		return r->supported_features == SH_UNSET ? 0 :
			dk_features_add(msg, &sh_dict.features, DK_VENDOR_3GPP, SH_FEATURE_LIST_ID,
					(uint32_t)r->supported_features);
	case F_USER_IDENTITY:
		return add_user_identity(msg, r);
	case F_SERVER_NAME:
		return add_optional_str(msg, sh_dict.server_name, r->server_name);
	case F_SERVICE_INDICATIONS:
		return add_strings(msg, sh_dict.service_indication, r->service_indications, r->n_service_indications);
	case F_DATA_REFERENCES:
		for (size_t i = 0; i < r->n_data_references; i++)
			CHECK_FCT(dk_add_i32(msg, sh_dict.data_reference, r->data_references[i]));
		return 0;
	case F_IDENTITY_SET:
		return add_optional_enum(msg, sh_dict.identity_set, r->identity_set);
	case F_REQUESTED_DOMAIN:
		return add_optional_enum(msg, sh_dict.requested_domain, r->requested_domain);
	case F_CURRENT_LOCATION:
		return add_optional_enum(msg, sh_dict.current_location, r->current_location);
	case F_DSAI_TAGS:
		return add_strings(msg, sh_dict.dsai_tag, r->dsai_tags, r->n_dsai_tags);
	case F_USER_NAME:
		return add_optional_str(msg, dk_base.user_name, r->user_name);
	case F_USER_DATA:
		return dk_add_os(msg, sh_dict.user_data, r->user_data, r->user_data_len);
	case F_SEND_DATA_INDICATION:
		return add_optional_enum(msg, sh_dict.send_data_indication, r->send_data_indication);
	case F_SUBS_REQ_TYPE:
		return dk_add_i32(msg, sh_dict.subs_req_type, r->subs_req_type);
	case F_EXPIRY_TIME:
		return add_expiry_time(msg, r->expiry_time);
	case F_END:
		break;
	}
	return 0;
}

int sh_add_vsai(struct msg *msg)
{
	struct avp *vsai = NULL;

	CHECK_FCT(dk_add_group(msg, dk_base.vendor_specific_application_id, &vsai));
	CHECK_FCT(dk_add_u32(vsai, dk_base.vendor_id, DK_VENDOR_3GPP));
	return dk_add_u32(vsai, dk_base.auth_application_id, SH_APPLICATION_ID);
}

/* Session-Id to Destination-Realm: the same in the three requests. The Session-Id is made
 * without a freeDiameter session object (diamkit session_id.c says why). */
static int add_header_avps(struct msg *msg, struct sh_client *client)
{
	CHECK_FCT(dk_add_new_session_id(&client->sids, msg));
	CHECK_FCT(sh_add_vsai(msg));
	CHECK_FCT(dk_add_i32(msg, dk_base.auth_session_state, 1)); /* NO_STATE_MAINTAINED */
	CHECK_FCT(fd_msg_add_origin(msg, 0));
	CHECK_FCT(add_optional_str(msg, dk_base.destination_host, client->dest_host));
	return dk_add_str(msg, dk_base.destination_realm, client->dest_realm);
}

static const enum field *fields_of(enum sh_command cmd, struct dict_object **model)
{
	switch (cmd) {
	case SH_CMD_UDR:
		*model = sh_dict.udr;
		return udr_fields;
	case SH_CMD_PUR:
		*model = sh_dict.pur;
		return pur_fields;
	case SH_CMD_SNR:
		*model = sh_dict.snr;
		return snr_fields;
	}
	return NULL;
}

int sh_request_build(struct sh_client *client, enum sh_command cmd,
		     const struct sh_request *request, struct msg **msg)
{
	struct dict_object *model = NULL;
	const enum field *f = fields_of(cmd, &model);
	int ret;

	*msg = NULL;
	if (!f)
		return EINVAL;
	CHECK_FCT(fd_msg_new(model, MSGFL_ALLOC_ETEID, msg));
	ret = add_header_avps(*msg, client);
	for (; !ret && *f != F_END; f++)
		ret = add_field(*msg, *f, request);
	if (ret) {
		fd_msg_free(*msg);
		*msg = NULL;
	}
	return ret;
}
