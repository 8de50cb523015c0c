/* app_cdf.fdx: entry point. Loads the configuration, opens (creating it when missing) the CDR
 * store, looks up the dictionary objects once, advertises base accounting (Acct-Application-Id 3,
 * defined with ACR/ACA by freeDiameter's base dictionary), registers the ACR handler and the
 * completion of the core's error answers, and starts the writer. */
#include <freeDiameter/extension.h>
#include "app_cdf.h"

struct cdf_config cdf_conf;
struct cdf_dict cdf_dict;
struct cdr_store *cdf_store;

static struct disp_hdl *handler;

static int find_objects(struct dictionary *d)
{
	const struct {
		vendor_id_t vendor;
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ 0, "Accounting-Record-Type", &cdf_dict.record_type },
		{ 0, "Accounting-Record-Number", &cdf_dict.record_number },
		{ 0, "Acct-Application-Id", &cdf_dict.acct_application_id },
		{ 0, "Event-Timestamp", &cdf_dict.event_timestamp },
		{ 0, "Subscription-Id", &cdf_dict.subscription_id },
		{ 0, "Subscription-Id-Data", &cdf_dict.subscription_id_data },
		{ DK_VENDOR_3GPP, "Service-Information", &cdf_dict.service_information },
	};

	for (size_t i = 0; i < DK_COUNT(avps); i++)
		CHECK_FCT(dk_find_avp(d, avps[i].vendor, avps[i].name, avps[i].obj));
	CHECK_FCT(dk_find_application(d, ACCOUNTING_APP_ID, &cdf_dict.app));
	return dk_find_command(d, "Accounting-Request", &cdf_dict.acr);
}

static int cdf_entry(char *conffile)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	struct disp_when when = { 0 };
	int ret;

	CHECK_FCT(cdf_config_load(conffile, &cdf_conf));
	if ((ret = cdr_store_open(cdf_conf.store_path, 1, cdf_conf.map_size, &cdf_store))) {
		LOG_E("app_cdf: cannot open the CDR store %s: %s", cdf_conf.store_path, strerror(ret));
		return ret;
	}
	CHECK_FCT(dk_base_init());
	CHECK_FCT(find_objects(d));
	CHECK_FCT(fd_disp_app_support(cdf_dict.app, NULL, 0, 1));
	when.app = cdf_dict.app;
	when.command = cdf_dict.acr;
	CHECK_FCT(cdf_writer_start());
	CHECK_FCT(cdf_error_answers_start());
	CHECK_FCT(fd_disp_register(acr_cb, DISP_HOW_CC, &when, NULL, &handler));
	LOG_N("app_cdf: storing CDRs in %s", cdf_conf.store_path);
	return 0;
}

void fd_ext_fini(void)
{
	if (handler)
		fd_disp_unregister(&handler, NULL);
	cdf_error_answers_stop();
	cdf_writer_stop();
	cdr_store_close(cdf_store);
	cdf_store = NULL;
}

EXTENSION_ENTRY("app_cdf", cdf_entry);
