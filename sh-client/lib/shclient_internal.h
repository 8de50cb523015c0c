/* What the files of libshclient share; not part of the API (shclient.h is). */
#ifndef SHCLIENT_INTERNAL_H
#define SHCLIENT_INTERNAL_H

#include <pthread.h>

#include "diamkit.h"
#include "shclient.h"

#define SH_APPLICATION_ID 16777217

/* ---- dictionary (dict.c) ------------------------------------------------------------------- */

/* The Sh objects of the loaded dictionary, looked up once by sh_dict_init. */
struct sh_dict {
	struct dict_object *app, *vendor, *udr, *pur, *snr, *pnr;
	struct dict_object *user_identity, *public_identity, *msisdn, *user_data, *data_reference,
		*service_indication, *subs_req_type, *requested_domain, *current_location, *identity_set,
		*expiry_time, *send_data_indication, *dsai_tag, *repository_data_id, *sequence_number,
		*server_name;
	struct dk_features_dict features;
};
extern struct sh_dict sh_dict;

/* Fill sh_dict and dk_base; err says what is missing (dict_sh.fdx not loaded, ...). */
int sh_dict_init(char *err, size_t errlen);

/* ---- the client (client.c) ----------------------------------------------------------------- */

struct sh_client {
	char *dest_realm;
	char *dest_host; /* NULL: route by realm */
	int timeout_ms;
	int raw_user_data;      /* do not parse User-Data */
	struct disp_hdl *pnr_handler;
	struct dk_drop_hook *drop_hook;
	struct fd_hook_hdl *quiet_hook;
	struct dk_inflight inflight; /* requests sent and not ended (send.c) */
	struct dk_sid_maker sids;    /* the requests' Session-Ids (request.c) */

	pthread_mutex_t lock;   /* the PNR callback */
	sh_pnr_cb pnr_cb;
	void *pnr_arg;
};

/* ---- requests (check.c, request.c) ---------------------------------------------------------- */

/* Vendor-Specific-Application-Id { 10415, Sh }. */
int sh_add_vsai(struct msg *msg);

/* The request message of cmd, in the ABNF order of TS 29.329 §6.1 (request already checked). */
int sh_request_build(struct sh_client *client, enum sh_command cmd,
		     const struct sh_request *request, struct msg **msg);

/* ---- answers (answer.c) ---------------------------------------------------------------------- */

/* User-Data copied (NUL-terminated) and parsed; *xml NULL when absent, *data NULL when absent or
 * not valid Sh-Data. */
int sh_read_user_data(struct msg *msg, char **xml, size_t *len, struct sh_data **data);

/* Copy what struct sh_answer holds out of an answer message (which stays the caller's). */
int sh_answer_read(struct msg *msg, int parse, struct sh_answer *answer);

/* ---- sending (send.c) ------------------------------------------------------------------------ */

int sh_send_async(struct sh_client *client, enum sh_command cmd, const struct sh_request *request,
		  sh_answer_cb cb, void *arg);
int sh_send_sync(struct sh_client *client, enum sh_command cmd, const struct sh_request *request,
		 struct sh_answer *answer);
/* Ends the requests whose answer or request freeDiameter drops. */
int sh_drop_hook_register(struct dk_drop_hook **hook);
/* Once freeDiameter has stopped: end the requests left with ECANCELED, and wait for the callbacks
 * still running. */
void sh_send_cancel_all(struct sh_client *client);

/* ---- PNR (pnr.c) ----------------------------------------------------------------------------- */

int sh_pnr_handler(struct msg **msg, struct avp *avp, struct session *sess, void *opaque,
		   enum disp_action *act);

/* How a PNA carries the result the application chose: Result-Code 2001, an Experimental-Result
 * (vendor 10415) for the 3GPP codes, and Result-Code 5012 DIAMETER_UNABLE_TO_COMPLY for anything
 * else (a PNA only carries the codes TS 29.329 §6.2 lists). *vendor is 0 for a Result-Code. */
void sh_pna_result(uint32_t chosen, uint32_t *vendor, uint32_t *code);

/* ---- repository data (repository.c, update.c) ----------------------------------------------- */

/* How the update loop reaches the HSS: the client, or a fake HSS in the unit tests. */
typedef int (*sh_send_fn)(void *ctx, enum sh_command cmd, const struct sh_request *request,
			  struct sh_answer *answer);

/* sh_update_repository_data over any transport. */
int sh_update_with(sh_send_fn send, void *ctx, const char *public_identity,
		   const char *service_indication, sh_modify_fn modify, void *arg, int max_attempts,
		   struct sh_answer *answer);

/* 1 when the update loop starts again from the UDR after this PUA (attempt counts from 1). */
int sh_update_should_retry(const struct sh_answer *pua, int attempt, int max_attempts);

#endif
