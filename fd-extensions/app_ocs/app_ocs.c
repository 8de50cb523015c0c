/* app_ocs.fdx: entry point. Loads the configuration and rating table, opens the store, looks the
 * DCCA dictionary objects up once (Debian's dict_dcca defines application 4, CCR/CCA and their
 * rules), advertises the application and answers every CCR: refused at once when it is wrong,
 * else through the group-commit writer. */
#include <freeDiameter/extension.h>
#include "app_ocs.h"

struct ocs_config ocs_conf;
struct ocs_dict ocs_dict;
struct ocs_store *ocs_store;

static struct disp_hdl *ccr_handler;

static int find_objects(struct dictionary *d)
{
	const struct {
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ "CC-Request-Type", &ocs_dict.cc_request_type },
		{ "CC-Request-Number", &ocs_dict.cc_request_number },
		{ "Requested-Action", &ocs_dict.requested_action },
		{ "Subscription-Id", &ocs_dict.subscription_id },
		{ "Subscription-Id-Type", &ocs_dict.subscription_id_type },
		{ "Subscription-Id-Data", &ocs_dict.subscription_id_data },
		{ "Multiple-Services-Credit-Control", &ocs_dict.mscc },
		{ "Requested-Service-Unit", &ocs_dict.rsu },
		{ "Used-Service-Unit", &ocs_dict.usu },
		{ "Granted-Service-Unit", &ocs_dict.gsu },
		{ "Service-Identifier", &ocs_dict.service_identifier },
		{ "Rating-Group", &ocs_dict.rating_group },
		{ "Validity-Time", &ocs_dict.validity_time },
		{ "CC-Time", &ocs_dict.cc_time },
		{ "CC-Total-Octets", &ocs_dict.cc_total_octets },
		{ "CC-Input-Octets", &ocs_dict.cc_input_octets },
		{ "CC-Output-Octets", &ocs_dict.cc_output_octets },
		{ "CC-Service-Specific-Units", &ocs_dict.cc_service_specific_units },
		{ "Check-Balance-Result", &ocs_dict.check_balance_result },
		{ "Cost-Information", &ocs_dict.cost_information },
		{ "Unit-Value", &ocs_dict.unit_value },
		{ "Value-Digits", &ocs_dict.value_digits },
		{ "Exponent", &ocs_dict.exponent },
		{ "Currency-Code", &ocs_dict.currency_code },
		{ "Cost-Unit", &ocs_dict.cost_unit },
	};

	for (size_t i = 0; i < DK_COUNT(avps); i++)
		CHECK_FCT(dk_find_avp(d, 0, avps[i].name, avps[i].obj));
	CHECK_FCT(dk_find_application(d, DCCA_APP_ID, &ocs_dict.app));
	return dk_find_command(d, "Credit-Control-Request", &ocs_dict.ccr);
}

/* Every CCR gets an answer: a refusal now, or the writer's after the commit. */
static int ccr_cb(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct ocs_refusal refusal = { 0 };
	struct ocs_job *job;
	int ret;

	(void)unused;
	(void)sess;
	(void)opaque;
	*act = DISP_ACT_SEND;
	if (!(job = calloc(1, sizeof *job))) {
		refusal = (struct ocs_refusal){ ER_DIAMETER_UNABLE_TO_COMPLY, NULL, 0, "out of memory" };
		return ocs_cca_refuse(msg, &refusal);
	}
	job->msg = *msg;
	ret = ocs_ccr_read(job, &refusal);
	if (ret == 0 && refusal.code == 0 && ocs_writer_enqueue(job) == 0) {
		*msg = NULL; /* the writer answers it */
		*act = DISP_ACT_CONT;
		return 0;
	}
	free(job);
	if (ret || refusal.code == 0) {
		ocs_refusal_clear(&refusal);
		refusal = (struct ocs_refusal){ ER_DIAMETER_UNABLE_TO_COMPLY, NULL, 0, "cannot read the request" };
	}
	ret = ocs_cca_refuse(msg, &refusal);
	ocs_refusal_clear(&refusal);
	return ret;
}

static int app_ocs_entry(char *conffile)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	struct disp_when when = { 0 };
	int ret;

	CHECK_FCT(ocs_config_load(conffile, &ocs_conf));
	if ((ret = ocs_store_open(ocs_conf.store_path, 0, &ocs_store))) {
		LOG_E("app_ocs: cannot open the store %s: %s", ocs_conf.store_path, strerror(ret));
		return ret;
	}
	ocs_store_set_replay_memory(ocs_store, ocs_conf.replay_memory_s);
	CHECK_FCT(dk_base_init());
	CHECK_FCT(find_objects(d));
	CHECK_FCT(fd_disp_app_support(ocs_dict.app, NULL, 1, 0));
	CHECK_FCT(ocs_writer_start());
	CHECK_FCT(ocs_error_answers_start());
	when.app = ocs_dict.app;
	when.command = ocs_dict.ccr;
	CHECK_FCT(fd_disp_register(ccr_cb, DISP_HOW_CC, &when, NULL, &ccr_handler));
	LOG_N("app_ocs: credit control from %s, %zu rates", ocs_conf.store_path, ocs_conf.rating.count);
	return 0;
}

void fd_ext_fini(void)
{
	if (ccr_handler)
		fd_disp_unregister(&ccr_handler, NULL);
	ocs_error_answers_stop();
	ocs_writer_stop();
	ocs_store_close(ocs_store);
}

EXTENSION_ENTRY("app_ocs", app_ocs_entry, "dict_dcca");
