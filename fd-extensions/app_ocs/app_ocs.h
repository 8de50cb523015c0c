/* app_ocs.fdx internals: a lab Online Charging System serving Ro, the Diameter Credit-Control
 * Application (RFC 4006 / RFC 8506, application 4, CCR/CCA 272) from the LMDB store of
 * charging/ocsstore.
 *
 *   LoadExtension = "app_ocs.fdx" : "/path/app_ocs.conf";   (after dict_dcca.fdx, dict_dcca_3gpp.fdx)
 *
 * Files: config.c (the extension's configuration and rating table), ccr_read.c (a CCR checked and
 * decoded into a struct ocs_ccr), cca_write.c (the CCA from the store's answer), writer.c (the
 * group-commit writer: the store's changes are committed before any CCA leaves), error_answer.c
 * (the core's own answers to CCRs it rejects, completed), app_ocs.c (entry point, dictionary
 * objects, the dispatch callback). */
#ifndef APP_OCS_H
#define APP_OCS_H

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "diamkit.h"
#include "ocsstore.h"

#define DCCA_APP_ID 4
#define OCS_BATCH_MAX 256

/* ---- configuration (config.c) --------------------------------------------------------------- */

struct ocs_config {
	char store_path[1024];
	struct ocs_currency currency;  /* of price enquiries that name no account */
	int commit_window_ms;          /* how long the writer gathers a batch before committing */
	uint32_t replay_memory_s;      /* how long processed CCRs are remembered (0: for ever) */
	struct ocs_rating_table rating;
};

/* Read "key = value" lines (# comments). 0, or EINVAL with a message logged. */
int ocs_config_load(const char *path, struct ocs_config *config);

/* ---- shared state (app_ocs.c) --------------------------------------------------------------- */

struct ocs_dict {
	struct dict_object *app, *ccr;
	struct dict_object *cc_request_type, *cc_request_number, *requested_action, *subscription_id,
		*subscription_id_type, *subscription_id_data, *mscc, *rsu, *usu, *gsu, *service_identifier,
		*rating_group, *validity_time, *cc_time, *cc_total_octets, *cc_input_octets,
		*cc_output_octets, *cc_service_specific_units, *check_balance_result, *cost_information,
		*unit_value, *value_digits, *exponent, *currency_code, *cost_unit;
};

extern struct ocs_config ocs_conf;
extern struct ocs_dict ocs_dict;
extern struct ocs_store *ocs_store;

/* ---- requests (ccr_read.c) ------------------------------------------------------------------ */

/* A CCR on its way: the request (which becomes the answer), what it asks, and where its services
 * came from (for the answer and Failed-AVP). */
struct ocs_job {
	struct dk_gc_job link; /* first: the writer's queue (writer.c) */
	struct msg *msg;
	struct ocs_ccr ccr;
	struct avp *service_avps[OCS_MAX_SERVICES]; /* each MSCC, or the command-level Service-Identifier */
	int command_level;                           /* an event's service named outside any MSCC */
};

/* Why a request is answered without reaching the store. */
struct ocs_refusal {
	uint32_t code;          /* 0: none */
	struct avp *failed;     /* the offending AVP, or an example of the missing one (owned: freed
	                         * with the refusal when 'owned') */
	int owned;
	const char *message;    /* Error-Message */
};

/* Check and decode the CCR into job->ccr (job->msg set): 0 with refusal->code 0, or the refusal.
 * An error code only when memory ran out. */
int ocs_ccr_read(struct ocs_job *job, struct ocs_refusal *refusal);
void ocs_refusal_clear(struct ocs_refusal *refusal);

/* ---- answers (cca_write.c) ------------------------------------------------------------------ */

/* Turn *msg (the request) into its CCA carrying the refusal, with the command-level AVPs. */
int ocs_cca_refuse(struct msg **msg, const struct ocs_refusal *refusal);
/* Turn job->msg into the CCA of the store's answer in job->ccr. */
int ocs_cca_answer(struct ocs_job *job);

/* ---- the core's error answers (error_answer.c) ------------------------------------------------ */

int ocs_error_answers_start(void);
void ocs_error_answers_stop(void);

/* ---- the writer (writer.c) ------------------------------------------------------------------ */

int ocs_writer_start(void);
/* Hand a job to the writer, which answers it after the commit. */
int ocs_writer_enqueue(struct ocs_job *job);
/* Answer what is queued, then stop. */
void ocs_writer_stop(void);

#endif
