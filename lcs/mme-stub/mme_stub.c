/* mme_stub.fdx: entry point. Loads the configuration and the scenario (reloaded on SIGUSR1),
 * looks up the dictionary objects once, advertises SLg, registers the PLR handler and starts the
 * report thread.
 *
 *   LoadExtension = "mme_stub.fdx" : "mme_stub.conf";   (after dict_slg) */
#include <freeDiameter/extension.h>
#include "mme_stub.h"

struct mme_config mme_conf;
struct mme_dict mme_dict;

static struct disp_hdl *plr_handler;

static int find_avps(struct dictionary *d)
{
	const struct {
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ "SLg-Location-Type", &mme_dict.slg_location_type },
		{ "MSISDN", &mme_dict.msisdn },
		{ "LCS-QoS", &mme_dict.lcs_qos },
		{ "Horizontal-Accuracy", &mme_dict.horizontal_accuracy },
		{ "Vertical-Requested", &mme_dict.vertical_requested },
		{ "Vertical-Accuracy", &mme_dict.vertical_accuracy },
		{ "Location-Estimate", &mme_dict.location_estimate },
		{ "Accuracy-Fulfilment-Indicator", &mme_dict.accuracy_fulfilment_indicator },
		{ "Age-Of-Location-Estimate", &mme_dict.age_of_location_estimate },
		{ "Deferred-Location-Type", &mme_dict.deferred_location_type },
		{ "LCS-Reference-Number", &mme_dict.lcs_reference_number },
		{ "Periodic-LDR-Information", &mme_dict.periodic_ldr_information },
		{ "Deferred-MT-LR-Data", &mme_dict.deferred_mt_lr_data },
		{ "Reporting-Amount", &mme_dict.reporting_amount },
		{ "Reporting-Interval", &mme_dict.reporting_interval },
		{ "Location-Event", &mme_dict.location_event },
		{ "LCS-EPS-Client-Name", &mme_dict.lcs_eps_client_name },
		{ "LCS-Name-String", &mme_dict.lcs_name_string },
		{ "Supported-GAD-Shapes", &mme_dict.supported_gad_shapes },
	};

	for (size_t i = 0; i < DK_COUNT(avps); i++)
		CHECK_FCT(dk_find_avp(d, DK_VENDOR_3GPP, avps[i].name, avps[i].obj));
	return 0;
}

static int mme_stub_entry(char *conffile)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	struct disp_when when = { 0 };
	struct dict_object *vendor = NULL;
	vendor_id_t v = DK_VENDOR_3GPP;

	CHECK_FCT(mme_config_load(conffile, &mme_conf));
	CHECK_FCT(scenario_start());
	CHECK_FCT(dk_base_init());
	CHECK_FCT(find_avps(d));
	CHECK_FCT(dk_find_command(d, "Location-Report-Request", &mme_dict.lrr));
	CHECK_FCT(dk_find_command(d, "Provide-Location-Request", &when.command));
	CHECK_FCT(dk_find_application(d, SLG_APPLICATION_ID, &when.app));
	CHECK_FCT(fd_dict_search(d, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT));
	CHECK_FCT(fd_disp_app_support(when.app, vendor, 1, 0));
	CHECK_FCT(reports_start());
	CHECK_FCT(delayed_start());
	CHECK_FCT(fd_disp_register(plr_cb, DISP_HOW_CC, &when, NULL, &plr_handler));
	LOG_N("mme_stub %s: answering SLg from %s", mme_conf.name, mme_conf.scenario);
	return 0;
}

void fd_ext_fini(void)
{
	if (plr_handler)
		fd_disp_unregister(&plr_handler, NULL);
	reports_stop();
	delayed_stop();
	scenario_stop();
}

EXTENSION_ENTRY("mme_stub", mme_stub_entry, "dict_slg");
