/* hss_stub.fdx: entry point. Loads the configuration, opens the store, looks up the dictionary
 * objects once, advertises Sh and SLh and registers the UDR, PUR, SNR and RIR handlers, and starts
 * the PUR writer and the notifier. */
#include <freeDiameter/extension.h>
#include "hss_stub.h"

struct hss_config hss_conf;
struct hss_dict hss_dict;
struct hss_store *hss_store;

static struct disp_hdl *handlers[4];

static int find_avps(struct dictionary *d)
{
	const struct {
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ "User-Identity", &hss_dict.user_identity },
		{ "Public-Identity", &hss_dict.public_identity },
		{ "MSISDN", &hss_dict.msisdn },
		{ "External-Identifier-29.336", &hss_dict.external_identifier },
		{ "User-Data-29.329", &hss_dict.user_data },
		{ "Data-Reference", &hss_dict.data_reference },
		{ "Service-Indication", &hss_dict.service_indication },
		{ "Subs-Req-Type", &hss_dict.subs_req_type },
		{ "Requested-Domain", &hss_dict.requested_domain },
		{ "Current-Location", &hss_dict.current_location },
		{ "Identity-Set", &hss_dict.identity_set },
		{ "Expiry-Time", &hss_dict.expiry_time },
		{ "Send-Data-Indication", &hss_dict.send_data_indication },
		{ "Server-Name", &hss_dict.server_name },
		{ "DSAI-Tag", &hss_dict.dsai_tag },
		{ "Repository-Data-ID", &hss_dict.repository_data_id },
		{ "Sequence-Number", &hss_dict.sequence_number },
		{ "One-Time-Notification", &hss_dict.one_time_notification },
	};

	const struct {
		const char *name;
		struct dict_object **obj;
	} slh_avps[] = {
		{ "Serving-Node", &hss_dict.serving_node },
		{ "MME-Name", &hss_dict.mme_name },
		{ "MME-Realm", &hss_dict.mme_realm },
		{ "SGSN-Name", &hss_dict.sgsn_name },
		{ "SGSN-Realm", &hss_dict.sgsn_realm },
		{ "SGSN-Number", &hss_dict.sgsn_number },
		{ "MSC-Number", &hss_dict.msc_number },
		{ "GMLC-Address", &hss_dict.gmlc_address },
	};

	for (size_t i = 0; i < DK_COUNT(avps); i++)
		CHECK_FCT(dk_find_avp(d, DK_VENDOR_3GPP, avps[i].name, avps[i].obj));
	for (size_t i = 0; i < DK_COUNT(slh_avps); i++)
		CHECK_FCT(dk_find_avp(d, DK_VENDOR_3GPP, slh_avps[i].name, slh_avps[i].obj));
	return 0;
}

static int register_handlers(void)
{
	const struct {
		struct dict_object *app;
		const char *request;
		int (*cb)(struct msg **, struct avp *, struct session *, void *, enum disp_action *);
	} commands[] = {
		{ hss_dict.app, "User-Data-Request", sh_udr_cb },
		{ hss_dict.app, "Profile-Update-Request", sh_pur_cb },
		{ hss_dict.app, "Subscribe-Notifications-Request", sh_snr_cb },
		{ hss_dict.slh_app, "LCS-Routing-Info-Request", slh_rir_cb },
	};

	for (size_t i = 0; i < DK_COUNT(commands); i++) {
		struct disp_when when = { .app = commands[i].app };
		CHECK_FCT(dk_find_command(fd_g_config->cnf_dict, commands[i].request, &when.command));
		CHECK_FCT(fd_disp_register(commands[i].cb, DISP_HOW_CC, &when, NULL, &handlers[i]));
	}
	return 0;
}

static int hss_stub_entry(char *conffile)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	vendor_id_t vendor = DK_VENDOR_3GPP;
	int ret;

	CHECK_FCT(hss_config_load(conffile, &hss_conf));
	if ((ret = shdata_init(hss_conf.schema_dir[0] ? hss_conf.schema_dir : NULL))) {
		LOG_E("hss_stub: cannot load the Sh-Data schemas");
		return ret;
	}
	if ((ret = store_open(hss_conf.store_path, 0, &hss_store))) {
		LOG_E("hss_stub: cannot open the store %s: %s", hss_conf.store_path, store_open_strerror(ret));
		return ret;
	}
	CHECK_FCT(dk_base_init());
	CHECK_FCT(find_avps(d));
	CHECK_FCT(dk_features_lookup(d, &hss_dict.features));
	CHECK_FCT(dk_find_application(d, SH_APP_ID, &hss_dict.app));
	CHECK_FCT(dk_find_application(d, SLH_APPLICATION_ID, &hss_dict.slh_app));
	CHECK_FCT(dk_find_command(d, "Push-Notification-Request", &hss_dict.pnr));
	CHECK_FCT(fd_dict_search(d, DICT_VENDOR, VENDOR_BY_ID, &vendor, &hss_dict.vendor, ENOENT));
	CHECK_FCT(fd_disp_app_support(hss_dict.app, hss_dict.vendor, 1, 0));
	CHECK_FCT(fd_disp_app_support(hss_dict.slh_app, hss_dict.vendor, 1, 0));
	CHECK_FCT(register_handlers());
	CHECK_FCT(sh_pur_writer_start());
	CHECK_FCT(notifier_start());
	LOG_N("hss_stub: serving Sh and SLh from %s", hss_conf.store_path);
	return 0;
}

void fd_ext_fini(void)
{
	for (size_t i = 0; i < DK_COUNT(handlers); i++)
		if (handlers[i])
			fd_disp_unregister(&handlers[i], NULL);
	sh_pur_writer_stop();
	notifier_stop();
	if (hss_store)
		store_close(hss_store);
	shdata_cleanup();
}

EXTENSION_ENTRY("hss_stub", hss_stub_entry, "dict_sh", "dict_slh");
