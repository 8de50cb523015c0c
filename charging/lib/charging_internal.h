/* What the files of libcharging share; not part of the API (charging.h is). */
#ifndef CHARGING_INTERNAL_H
#define CHARGING_INTERNAL_H

#include "charging.h"
#include "diamkit.h"

/* ---- dictionary (dict.c) ------------------------------------------------------------------- */

/* The objects of the loaded dictionary the client builds and reads, looked up once. */
struct chg_dict {
	struct dict_object *rf_app, *ro_app, *acr, *ccr;
	/* base accounting (RFC 6733) */
	struct dict_object *record_type, *record_number, *acct_application_id, *event_timestamp,
		*acct_interim_interval;
	/* credit control (RFC 4006) */
	struct dict_object *service_context_id, *cc_request_type, *cc_request_number, *requested_action,
		*subscription_id, *subscription_id_type, *subscription_id_data, *mscc, *rsu, *usu, *gsu,
		*cc_time, *cc_total_octets, *cc_input_octets, *cc_output_octets, *cc_service_specific_units,
		*rating_group, *service_identifier, *validity_time, *final_unit_indication,
		*final_unit_action, *termination_cause, *cost_information, *unit_value, *value_digits,
		*exponent, *currency_code, *cost_unit, *check_balance_result, *multiple_services_indicator;
	/* TS 32.299 */
	struct dict_object *service_information, *remaining_balance, *ims_information,
		*node_functionality, *role_of_node, *calling_party_address, *called_party_address,
		*ims_charging_identifier, *event_type, *sip_method, *event, *expires, *lcs_information,
		*lcs_client_id, *lcs_client_type, *lcs_client_external_id, *lcs_client_name,
		*lcs_name_string, *lcs_requestor_id, *lcs_requestor_id_string, *location_type,
		*location_estimate_type, *deferred_location_event_type, *location_estimate,
		*positioning_data, *imsi, *msisdn, *prose_information, *prose_event_type, *prose_role_of_ue,
		*prose_range_class, *proximity_alert_indication, *proximity_alert_timestamp,
		*proximity_cancellation_timestamp, *prose_app_id, *prose_request_timestamp;
};
extern struct chg_dict chg_dict;

/* Fill chg_dict and dk_base (idempotent); err says what is missing (dict_charging not loaded...). */
int chg_dict_init(char *err, size_t errlen);

/* ---- the client (client.c) ----------------------------------------------------------------- */

struct chg_client {
	char *dest_realm;
	char *dest_host; /* NULL: route by realm */
	int timeout_ms;
	int failover_attempts;
	int standalone;  /* the core is ours: stopped on close */
	struct dk_sid_maker sids; /* its Session-Ids (message.c) */
	struct dk_drop_hook *drop_hook;
	struct fd_hook_hdl *quiet_hook;
	struct dk_inflight inflight; /* requests sent and not ended (send.c) */
};

/* ---- building (message.c, service_info.c, rf.c, ro.c) ---------------------------------------- */

/* A new request of that command and application with Session-Id (a new one when sid is NULL), Origin-Host,
 * Origin-Realm, Destination-Realm and (when configured) Destination-Host. */
int chg_request_new(struct chg_client *client, struct dict_object *cmd, application_id_t app,
		    const char *sid, struct msg **msg);
/* A Time AVP (Event-Timestamp, ...): 'when', or now when when is 0. */
int chg_add_time(msg_or_avp *parent, struct dict_object *model, time_t when);
int chg_add_optional_str(msg_or_avp *parent, struct dict_object *model, const char *value);
int chg_add_optional_i32(msg_or_avp *parent, struct dict_object *model, int value);

/* Service-Information with the groups given; nothing when si is NULL or empty. */
int chg_add_service_information(struct msg *msg, const struct chg_service_information *si);

/* The Session-Id of a message, copied (NUL-terminated) into a malloc'ed string. */
int chg_session_id_copy(struct msg *msg, char **sid);

/* ACR of that record type and number; sid NULL for a new session. */
int chg_acr_build(struct chg_client *client, const char *sid, enum chg_record_type type,
		  uint32_t number, const struct chg_acr *acr, struct msg **msg);
/* CCR of that type and number (ccr already checked); sid NULL for a new session. */
int chg_ccr_build(struct chg_client *client, const char *sid, enum chg_request_type type,
		  uint32_t number, const struct chg_ccr *ccr, struct msg **msg);

/* ---- sessions (session.c) ---------------------------------------------------------------- */

/* What struct chg_rf_session and struct chg_ro_session are. */
struct chg_session {
	struct chg_client *client;
	char *sid;                /* NULL until the first message is built */
	struct chg_sequence seq;
};

/* ---- answers (answer.c) ---------------------------------------------------------------------- */

int chg_outcome_read(struct msg *msg, struct chg_outcome *outcome);
void chg_outcome_clear(struct chg_outcome *outcome);
int chg_acct_answer_read(struct msg *msg, struct chg_acct_answer *answer);
int chg_credit_answer_read(struct msg *msg, struct chg_credit_answer *answer);
/* Unit-Value { Value-Digits, [Exponent] } and Currency-Code inside group. */
int chg_money_read(struct avp *group, struct chg_money *money);

/* ---- sending (send.c) ------------------------------------------------------------------------ */

/* Which answer a request gets, and where it goes. */
enum chg_answer_kind { CHG_ACA, CHG_CCA };
union chg_answer {
	struct chg_acct_answer acct;
	struct chg_credit_answer credit;
};
typedef void (*chg_answer_cb)(void *arg, int status, union chg_answer *answer);

/* Send msg (taken over, freed on error), each attempt waiting timeout_ms (0: the client's): cb
 * runs exactly once. */
int chg_send_async(struct chg_client *client, struct msg *msg, enum chg_answer_kind kind, int timeout_ms,
		   chg_answer_cb cb, void *arg);
/* With the public callbacks. */
int chg_send_acct_async(struct chg_client *client, struct msg *msg, int timeout_ms, chg_acct_cb cb, void *arg);
int chg_send_credit_async(struct chg_client *client, struct msg *msg, int timeout_ms, chg_credit_cb cb, void *arg);
/* The same, waiting: 0 with *answer filled, or the error. */
int chg_send_sync(struct chg_client *client, struct msg *msg, enum chg_answer_kind kind, int timeout_ms,
		  union chg_answer *answer);
/* Ends the requests whose answer or request freeDiameter drops. */
int chg_drop_hook_register(struct dk_drop_hook **hook);
/* Once the core has stopped: end the requests left with ECANCELED, and wait for the callbacks
 * still running. */
void chg_send_cancel_all(struct chg_client *client);

int chg_session_new(struct chg_client *client, struct chg_session **session);
void chg_session_free(struct chg_session *session);
/* The next message of that type (enum chg_record_type for CHG_ACA, enum chg_request_type for
 * CHG_CCA) in the session, request already checked: EPROTO out of order, else as chg_send_sync. */
int chg_session_send(struct chg_session *session, enum chg_answer_kind kind, int type, const void *request,
		     int timeout_ms, union chg_answer *answer);

#endif
