/* app_cdf.fdx internals: the Rf Charging Data Function. It answers Accounting-Requests (base
 * accounting, RFC 6733 §9, application 3, command 271) and keeps every record in the CDR store
 * (charging/cdrstore) before its answer leaves.
 *
 *   LoadExtension = "app_cdf.fdx" : "/path/app_cdf.conf";   (after dict_dcca_3gpp.fdx)
 *
 * Files: config.c (the configuration file), acr.c (reading an ACR, the checks, the answers),
 * writer.c (the group-commit writer thread), render.c (the AVP tree as JSON, written through
 * json_out.c), error_answer.c (completing the answers the core makes to requests it rejects),
 * app_cdf.c (entry point). */
#ifndef APP_CDF_H
#define APP_CDF_H

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "cdrstore.h"
#include "diamkit.h"

#define ACCOUNTING_APP_ID 3
#define ACCOUNTING_COMMAND 271

/* ---- configuration (config.c) --------------------------------------------------------------- */

struct cdf_config {
	char store_path[1024];
	size_t map_size;      /* bytes the store may grow to */
	int max_batch;        /* records committed together at most */
	int commit_window_ms; /* how long the writer waits for more records before a commit */
};

int cdf_config_load(const char *path, struct cdf_config *config);

/* ---- shared state (app_cdf.c) --------------------------------------------------------------- */

struct cdf_dict {
	struct dict_object *app, *acr, *record_type, *record_number, *acct_application_id, *event_timestamp,
		*subscription_id, *subscription_id_data, *service_information;
};

extern struct cdf_config cdf_conf;
extern struct cdf_dict cdf_dict;
extern struct cdr_store *cdf_store;

/* ---- one ACR (acr.c) --------------------------------------------------------------------- */

/* An ACR on its way to the store: the request (which becomes its answer) and its record. */
struct acr_job {
	struct dk_gc_job link; /* first: the writer's queue (writer.c) */
	struct msg *msg;
	struct cdr_record record;
	char session_id[CDR_MAX_ID_LEN + 1];
	char origin_host[256];
	char user_name[1024];       /* longer ones are refused (5012) */
	char subscription_id[1024]; /* longer ones are left out of the record */
	uint8_t *acr; /* the encoded request, malloc'ed */
	char *json;   /* malloc'ed */
	uint32_t result; /* the ACA's Result-Code, once the writer committed or refused it */
};

void acr_job_free(struct acr_job *job);

/* Turn job->msg into its answer: result (DIAMETER_SUCCESS for a committed record), the record's
 * type and number, Acct-Application-Id, User-Name when the request had one; then send it. Frees
 * the job. */
void acr_answer_and_free(struct acr_job *job, uint32_t result);

/* freeDiameter copies no empty Session-Id into an answer: add the request's when missing. */
int acr_answer_session_id(struct msg *ans);

int acr_cb(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act);

/* ---- the writer (writer.c) ------------------------------------------------------------------- */

int cdf_writer_start(void);
/* Write and answer what is queued, then stop. */
void cdf_writer_stop(void);
/* Queue a job (taken); the writer commits it, then answers. */
void cdf_writer_queue(struct acr_job *job);

/* ---- rendering (render.c) -------------------------------------------------------------------- */

/* The AVPs of an encoded message as a JSON array (names, vendors and typed values from the
 * dictionary, grouped AVPs nested, unknown AVPs as hex). malloc'ed text, or NULL. */
char *cdf_render_avps(const uint8_t *msg, size_t len);

/* ---- the core's error answers (error_answer.c) -------------------------------------------- */

int cdf_error_answers_start(void);
void cdf_error_answers_stop(void);

#endif
