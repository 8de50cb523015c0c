/* The Sh dictionary objects (dict_sh.fdx), looked up once when the client opens, so that no
 * message is built or read by searching names. */
#include <stdio.h>

#include "shclient_internal.h"

struct sh_dict sh_dict;

/* The commands and the 3GPP AVPs the client builds and reads. */
static const struct {
	const char *name;
	struct dict_object **obj;
	int command;
} objects[] = {
	{ "User-Data-Request", &sh_dict.udr, 1 },
	{ "Profile-Update-Request", &sh_dict.pur, 1 },
	{ "Subscribe-Notifications-Request", &sh_dict.snr, 1 },
	{ "Push-Notification-Request", &sh_dict.pnr, 1 },
	{ "User-Identity", &sh_dict.user_identity, 0 },
	{ "Public-Identity", &sh_dict.public_identity, 0 },
	{ "MSISDN", &sh_dict.msisdn, 0 },
	{ "User-Data-29.329", &sh_dict.user_data, 0 },
	{ "Data-Reference", &sh_dict.data_reference, 0 },
	{ "Service-Indication", &sh_dict.service_indication, 0 },
	{ "Subs-Req-Type", &sh_dict.subs_req_type, 0 },
	{ "Requested-Domain", &sh_dict.requested_domain, 0 },
	{ "Current-Location", &sh_dict.current_location, 0 },
	{ "Identity-Set", &sh_dict.identity_set, 0 },
	{ "Expiry-Time", &sh_dict.expiry_time, 0 },
	{ "Send-Data-Indication", &sh_dict.send_data_indication, 0 },
	{ "DSAI-Tag", &sh_dict.dsai_tag, 0 },
	{ "Repository-Data-ID", &sh_dict.repository_data_id, 0 },
	{ "Sequence-Number", &sh_dict.sequence_number, 0 },
	{ "Server-Name", &sh_dict.server_name, 0 },
};

static int find_objects(char *err, size_t errlen)
{
	struct dictionary *dict = fd_g_config->cnf_dict;

	for (size_t i = 0; i < DK_COUNT(objects); i++) {
		int ret = objects[i].command ? dk_find_command(dict, objects[i].name, objects[i].obj) :
					       dk_find_avp(dict, DK_VENDOR_3GPP, objects[i].name, objects[i].obj);
		if (ret) {
			snprintf(err, errlen, "%s '%s' is not in the dictionary (dict_sh.fdx of another version?)",
				 objects[i].command ? "command" : "AVP", objects[i].name);
			return ret;
		}
	}
	return 0;
}

int sh_dict_init(char *err, size_t errlen)
{
	struct dictionary *dict = fd_g_config->cnf_dict;
	application_id_t app = SH_APPLICATION_ID;
	vendor_id_t vendor = DK_VENDOR_3GPP;

	if (fd_dict_search(dict, DICT_APPLICATION, APPLICATION_BY_ID, &app, &sh_dict.app, ENOENT) ||
	    fd_dict_search(dict, DICT_VENDOR, VENDOR_BY_ID, &vendor, &sh_dict.vendor, ENOENT)) {
		snprintf(err, errlen, "the Sh application (%u) is not in the dictionary: load dict_sh.fdx "
				      "in the configuration", app);
		return ENOENT;
	}
	CHECK_FCT(find_objects(err, errlen));
	if (dk_features_lookup(dict, &sh_dict.features)) {
		snprintf(err, errlen, "Supported-Features is not in the dictionary (dict_sh.fdx of another version?)");
		return ENOENT;
	}
	if (dk_base_init()) {
		snprintf(err, errlen, "base protocol AVPs are missing from the dictionary");
		return ENOENT;
	}
	return 0;
}

int sh_data_reference_value(const char *name, int *value)
{
	struct dictionary *dict = fd_g_config->cnf_dict;
	struct dict_enumval_request request = { 0 };
	struct dict_enumval_data data;
	struct dict_object *found = NULL;

	if (!sh_dict.data_reference ||
	    fd_dict_search(dict, DICT_TYPE, TYPE_OF_AVP, sh_dict.data_reference, &request.type_obj, ENOENT))
		return ENOENT;
	request.search.enum_name = (char *)name;
	if (fd_dict_search(dict, DICT_ENUMVAL, ENUMVAL_BY_STRUCT, &request, &found, ENOENT) ||
	    fd_dict_getval(found, &data))
		return ENOENT;
	*value = data.enum_value.i32;
	return 0;
}
