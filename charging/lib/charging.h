/* libcharging: what an Application Server links to charge for what it does, offline over Rf
 * (ACR/ACA, Diameter base accounting, application 3) and online over Ro (CCR/CCA, credit
 * control, application 4), with the TS 32.299 Service-Information of IMS, LCS and ProSe.
 *
 * Two ways to run, chosen by chg_config.fd_config:
 * - standalone (fd_config set): chg_client_open() initialises libfdcore, reads that freeDiameter
 *   configuration (identity, the CDF / OCS as ConnectPeer, the dictionaries dict_nasreq,
 *   dict_dcca, dict_dcca_3gpp and dict_charging loaded), advertises Rf and Ro, starts the node and
 *   waits until a peer of the destination realm (or the destination host) serving Rf or Ro is
 *   OPEN, or after open_timeout_ms any peer serving them (an agent towards that realm): with the
 *   CDF and the OCS as two peers, that may be either of them, so a program that needs one
 *   application at once calls chg_client_wait_peer() for it first (charging-client does);
 *   chg_client_close() stops the node. libfdcore cannot start again once stopped: one
 *   standalone client per process, opened once. SIGPIPE is set to be ignored, unless the
 *   application has its own disposition (a write to a peer that reset its connection raises it).
 * - attached (fd_config NULL): the freeDiameter core already runs in this process (an AS that
 *   opened libshclient first, a freeDiameter extension, a program that starts the core itself).
 *   chg_client_open() only looks the dictionary up, registers its hooks and returns at once
 *   (chg_client_wait_peer() waits for a peer when wanted); chg_client_close() leaves the core
 *   running. Several attached clients may live side by side. The dictionary must hold
 *   dict_charging's objects. A host that starts the core itself calls chg_advertise() between
 *   fd_core_parseconf() and fd_core_start(), so that its Capabilities-Exchange lists Rf and Ro;
 *   with a core started by someone else, the applications are advertised from the next
 *   connections on (meanwhile a node that relays, freeDiameter's default, advertises the Relay
 *   application, which servers accept even with NoRelay). An extension opens the client from a
 *   thread that first called fd_core_waitstartcomplete().
 *
 * Requests are synchronous (they wait for the answer) or asynchronous (a callback gets it, on a
 * freeDiameter thread). Each attempt waits the request's timeout_ms (the client's when 0); when
 * no answer came, the same request (same End-to-End id, Session-Id and record or request number)
 * is sent again with the T flag set to another peer that serves the application, at most
 * failover_attempts times (freeDiameter itself only fails requests over when a connection is
 * lost, or after two watchdog periods without an answer). Failover needs routing by realm: with dest_host set, a request only goes to
 * that host.
 *
 * Every Diameter outcome is a value (struct dk_result and the typed answers below): nothing here
 * prints or exits. Functions return 0 (an answer came, whatever its result) or an errno-style
 * code: ETIMEDOUT (no answer in time, after the failovers), ENOTCONN (no peer to send it to),
 * EINVAL (bad arguments: err or the request checker says which), EPROTO (a session used out of
 * order), ENOMEM, EBADMSG (an answer came that broke the dictionary's rules and freeDiameter
 * dropped it), ECANCELED (the client was closed first), ESHUTDOWN (the client is closing). */
#ifndef CHARGING_H
#define CHARGING_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "diamkit.h"

#define CHG_ERR_LEN 256
#define CHG_UNSET (-1) /* for the optional int members below */

/* Service-Context-Id values (TS 32.299 §7.1.12, "Release"."service-context"@"domain" minimum).
 * IMS is confirmed by several implementations; the LCS and ProSe values follow the same
 * convention (TS 32.271, TS 32.277) and could not be checked against the 3GPP text. */
#define CHG_CONTEXT_IMS "32260@3gpp.org"
#define CHG_CONTEXT_LCS "32271@3gpp.org"
#define CHG_CONTEXT_PROSE "32277@3gpp.org"

/* Result codes met in ACA and CCA (RFC 6733 §7.1, RFC 4006 §9). */
#define CHG_SUCCESS 2001
#define CHG_END_USER_SERVICE_DENIED 4010
#define CHG_CREDIT_CONTROL_NOT_APPLICABLE 4011
#define CHG_CREDIT_LIMIT_REACHED 4012
#define CHG_USER_UNKNOWN 5030
#define CHG_RATING_FAILED 5031

/* ---- the client ------------------------------------------------------------------------------ */

struct chg_client;

struct chg_config {
	const char *fd_config;  /* standalone: this node's freeDiameter configuration; NULL: attached */
	const char *dest_realm; /* the CDF's and OCS's realm */
	const char *dest_host;  /* or NULL to route by realm (needed for failover) */
	int timeout_ms;         /* per attempt, unless a request says otherwise; 0: 5000 */
	int open_timeout_ms;    /* standalone: waiting for a peer; 0: 10000 */
	int failover_attempts;  /* resends with the T flag after a timeout; 0: 1, CHG_UNSET: none */
};

int chg_client_open(const struct chg_config *config, struct chg_client **client, char *err, size_t errlen);
/* Waits for the requests in flight (at most their timeouts), then stops the node (standalone).
 * Attached: close the client while the core still runs (before fd_core_shutdown), as its
 * requests end by the core's callbacks. */
void chg_client_close(struct chg_client *client);

/* Attached hosts that start the core themselves: once the configuration is parsed, before
 * fd_core_start(). 0 or ENOENT (the dictionary lacks base accounting or credit control). */
int chg_advertise(void);

enum chg_application { CHG_RF = 3, CHG_RO = 4 };
/* 0 once a peer of the destination realm (or the destination host) serving that application (or
 * relaying) is OPEN; after timeout_ms, 0 when any peer serving it is OPEN, else ETIMEDOUT. */
int chg_client_wait_peer(struct chg_client *client, enum chg_application app, int timeout_ms);

/* ---- Service-Information (TS 32.299 §7.2.192) ------------------------------------------------- */

/* IMS-Information (§7.2.77). */
struct chg_ims_information {
	int node_functionality;            /* CHG_UNSET: AS (6) */
	int role_of_node;                  /* ORIGINATING 0, TERMINATING 1, FORWARDING 2, or UNSET */
	const char *calling_party_address;
	const char *called_party_address;
	const char *ims_charging_identifier;
	const char *sip_method;            /* Event-Type { SIP-Method, Event, Expires } */
	const char *event;
	int64_t expires;                   /* CHG_UNSET or 0..2^32-1 */
};

/* LCS-Information (§7.2.92). */
struct chg_lcs_information {
	int client_type;                   /* LCS-Client-Type: EMERGENCY 0, VALUE_ADDED 1, PLMN_OPERATOR 2,
	                                    * LAWFUL_INTERCEPT 3, or UNSET */
	const char *client_external_id;    /* LCS-Client-External-ID */
	const char *client_name;           /* LCS-Client-Name { LCS-Name-String } */
	const char *requestor_id;          /* LCS-Requestor-Id { LCS-Requestor-Id-String } */
	int location_estimate_type;        /* Location-Type { Location-Estimate-Type }: CURRENT 0,
	                                    * CURRENT_LAST_KNOWN 1, INITIAL 2, ACTIVATE_DEFERRED 3,
	                                    * CANCEL_DEFERRED 4, or UNSET */
	const char *deferred_location_event_type;
	const uint8_t *location_estimate;  /* TS 23.032 GAD octets (liblcs gad_encode), or NULL */
	size_t location_estimate_len;
	const char *positioning_data;
	const char *imsi;                  /* 3GPP-IMSI (digits) */
	const char *msisdn;                /* digits, sent TBCD-encoded */
};

/* ProSe-Information (§7.2.148A2); times 0 when absent. */
struct chg_prose_information {
	int event_type;                    /* ProSe-Event-Type: ANNOUNCING 0, MONITORING 1,
	                                    * MATCH_REPORT 2, or UNSET */
	int role_of_ue;                    /* ANNOUNCING_UE 0, MONITORING_UE 1, REQUESTOR_UE 2,
	                                    * REQUESTED_UE 3, or UNSET */
	int range_class;                   /* 1 = 50 m ... 5 = 1000 m, or UNSET */
	int proximity_alert_indication;    /* ALERT 0, NO_ALERT 1, or UNSET */
	time_t proximity_alert_timestamp;
	time_t proximity_cancellation_timestamp;
	time_t request_timestamp;          /* ProSe-Request-Timestamp */
	const char *app_id;                /* ProSe-App-Id */
};

struct chg_service_information {
	const struct chg_ims_information *ims;
	const struct chg_lcs_information *lcs;
	const struct chg_prose_information *prose;
};

/* Each struct with every optional member unset. */
void chg_ims_init(struct chg_ims_information *ims);
void chg_lcs_init(struct chg_lcs_information *lcs);
void chg_prose_init(struct chg_prose_information *prose);

/* ---- answers --------------------------------------------------------------------------------- */

/* What every answer carries. */
struct chg_outcome {
	struct dk_result result;   /* Result-Code, or the Experimental-Result and its vendor */
	char *error_message;       /* or NULL */
	uint32_t failed_avp_code;  /* first AVP inside Failed-AVP, 0 when absent */
	char *origin_host;         /* the server that answered */
	char *session_id;          /* the answer's Session-Id */
	int attempts;              /* 1, or more when the request was sent again with the T flag */
};

struct chg_acct_answer {
	struct chg_outcome outcome;
	uint32_t record_type;      /* Accounting-Record-Type, Accounting-Record-Number as answered */
	uint32_t record_number;
};

/* Units (RFC 4006 §8.17-8.21): only the members flagged in 'present' are sent or were received. */
enum {
	CHG_UNIT_TIME = 1,      /* CC-Time, seconds */
	CHG_UNIT_TOTAL = 2,     /* CC-Total-Octets */
	CHG_UNIT_INPUT = 4,     /* CC-Input-Octets */
	CHG_UNIT_OUTPUT = 8,    /* CC-Output-Octets */
	CHG_UNIT_SPECIFIC = 16, /* CC-Service-Specific-Units */
};
struct chg_units {
	unsigned present;
	uint32_t time;
	uint64_t total_octets, input_octets, output_octets, service_specific;
};

/* Money (RFC 4006 §8.8 Unit-Value): value_digits x 10^exponent, in the ISO 4217 currency. */
struct chg_money {
	int64_t value_digits;
	int32_t exponent;
	uint32_t currency_code;
};
/* The amount in units of 10^-decimals of the currency (cents: decimals 2): 0, or ERANGE when it
 * is not a whole number of those units or does not fit. */
int chg_money_scaled(const struct chg_money *money, int decimals, int64_t *amount);
/* "12.34" (exact decimal, no exponent notation) into buf; 0 or ENOSPC. */
int chg_money_format(const struct chg_money *money, char *buf, size_t size);

/* One Multiple-Services-Credit-Control of a CCA. */
struct chg_mscc_answer {
	int64_t rating_group;        /* CHG_UNSET when absent */
	int64_t service_identifier;  /* CHG_UNSET when absent */
	uint32_t result_code;        /* 0 when absent */
	int has_granted;
	struct chg_units granted;    /* Granted-Service-Unit */
	uint32_t validity_time;      /* seconds, 0 when absent */
	int final_unit_action;       /* Final-Unit-Indication { Final-Unit-Action }, or UNSET */
};

struct chg_credit_answer {
	struct chg_outcome outcome;
	uint32_t request_type;       /* CC-Request-Type, CC-Request-Number as answered */
	uint32_t request_number;
	struct chg_mscc_answer *mscc;
	size_t n_mscc;
	int has_cost;                /* Cost-Information { Unit-Value, Currency-Code, [Cost-Unit] } */
	struct chg_money cost;
	char *cost_unit;
	int check_balance_result;    /* ENOUGH_CREDIT 0, NO_CREDIT 1, or UNSET */
	int has_remaining_balance;   /* 3GPP Remaining-Balance { Unit-Value, Currency-Code } */
	struct chg_money remaining_balance;
};

/* The outcome as one number: the Experimental-Result-Code when there is one, else Result-Code. */
uint32_t chg_outcome_code(const struct chg_outcome *outcome);
void chg_acct_answer_clear(struct chg_acct_answer *answer);
void chg_credit_answer_clear(struct chg_credit_answer *answer);

/* ---- Rf: offline charging (ACR/ACA) ------------------------------------------------------------ */

enum chg_record_type { CHG_EVENT_RECORD = 1, CHG_START_RECORD = 2, CHG_INTERIM_RECORD = 3, CHG_STOP_RECORD = 4 };

/* What an ACR carries besides its record type and number. */
struct chg_acr {
	const char *user_name;              /* or NULL */
	const char *service_context_id;     /* or NULL */
	time_t event_timestamp;             /* 0: now */
	int64_t acct_interim_interval;      /* seconds, or CHG_UNSET */
	const struct chg_service_information *service_information; /* or NULL */
	int timeout_ms;                     /* per attempt; 0: the client's */
};

/* An EVENT_RECORD (Accounting-Record-Number 0) in a Session-Id of its own. */
int chg_rf_event(struct chg_client *client, const struct chg_acr *acr, struct chg_acct_answer *answer);

/* A session of START, INTERIM... and STOP records under one Session-Id, the record numbers kept
 * here (RFC 6733 §9.8.3): START 0, each INTERIM the next number, STOP the last + 1. A record
 * sent out of that order (an INTERIM before the START, anything after the STOP) is refused with
 * EPROTO before anything is sent. The numbers move on once a record is sent, whatever the
 * answer. One record at a time per session. */
struct chg_rf_session;
int chg_rf_session_new(struct chg_client *client, struct chg_rf_session **session);
void chg_rf_session_free(struct chg_rf_session *session);
/* The Session-Id (owned by the session). */
const char *chg_rf_session_id(const struct chg_rf_session *session);
int chg_rf_start(struct chg_rf_session *session, const struct chg_acr *acr, struct chg_acct_answer *answer);
int chg_rf_interim(struct chg_rf_session *session, const struct chg_acr *acr, struct chg_acct_answer *answer);
int chg_rf_stop(struct chg_rf_session *session, const struct chg_acr *acr, struct chg_acct_answer *answer);

/* Asynchronous event record: cb runs once, with status 0 and the answer, or an error and an empty
 * answer; the answer is freed after cb returns. */
typedef void (*chg_acct_cb)(void *arg, int status, struct chg_acct_answer *answer);
int chg_rf_event_async(struct chg_client *client, const struct chg_acr *acr, chg_acct_cb cb, void *arg);

/* ---- Ro: online charging (CCR/CCA) -------------------------------------------------------------- */

enum chg_request_type { CHG_INITIAL_REQUEST = 1, CHG_UPDATE_REQUEST = 2, CHG_TERMINATION_REQUEST = 3, CHG_EVENT_REQUEST = 4 };
enum chg_requested_action { CHG_DIRECT_DEBITING = 0, CHG_REFUND_ACCOUNT = 1, CHG_CHECK_BALANCE = 2, CHG_PRICE_ENQUIRY = 3 };
enum chg_subscription_id_type { CHG_END_USER_E164 = 0, CHG_END_USER_IMSI = 1, CHG_END_USER_SIP_URI = 2, CHG_END_USER_NAI = 3, CHG_END_USER_PRIVATE = 4 };

struct chg_subscription_id {
	enum chg_subscription_id_type type;
	const char *data;
};

/* One Multiple-Services-Credit-Control of a CCR. */
struct chg_mscc {
	int64_t rating_group;         /* CHG_UNSET or 0..2^32-1 */
	int64_t service_identifier;   /* CHG_UNSET or 0..2^32-1 */
	int request_units;            /* 1: a Requested-Service-Unit with the members of 'requested'
	                               * (empty when none: the server chooses) */
	struct chg_units requested;
	struct chg_units used;        /* a Used-Service-Unit when used.present is not 0 */
};

struct chg_ccr {
	const char *service_context_id;                 /* required */
	const char *user_name;                          /* or NULL */
	const struct chg_subscription_id *subscription_ids;
	size_t n_subscription_ids;
	const struct chg_mscc *mscc;
	size_t n_mscc;
	int requested_action;       /* EVENT: enum chg_requested_action (required); else UNSET */
	int termination_cause;      /* TERMINATION: UNSET means DIAMETER_LOGOUT (1) */
	time_t event_timestamp;     /* 0: now */
	const struct chg_service_information *service_information;  /* or NULL */
	int timeout_ms;             /* per attempt; 0: the client's */
};

/* A CCR with every optional member unset. */
void chg_ccr_init(struct chg_ccr *ccr);
void chg_mscc_init(struct chg_mscc *mscc);

/* An EVENT_REQUEST (CC-Request-Number 0) in a Session-Id of its own; ccr->requested_action says
 * what: direct debiting, refund, check balance or price enquiry. */
int chg_ro_event(struct chg_client *client, const struct chg_ccr *ccr, struct chg_credit_answer *answer);

/* A credit-control session: INITIAL (CC-Request-Number 0), UPDATEs (1, 2, ...), TERMINATION (the
 * next number); out of that order: EPROTO. The numbers move on once a request is sent. */
struct chg_ro_session;
int chg_ro_session_new(struct chg_client *client, struct chg_ro_session **session);
void chg_ro_session_free(struct chg_ro_session *session);
const char *chg_ro_session_id(const struct chg_ro_session *session);
int chg_ro_initial(struct chg_ro_session *session, const struct chg_ccr *ccr, struct chg_credit_answer *answer);
int chg_ro_update(struct chg_ro_session *session, const struct chg_ccr *ccr, struct chg_credit_answer *answer);
int chg_ro_terminate(struct chg_ro_session *session, const struct chg_ccr *ccr, struct chg_credit_answer *answer);

typedef void (*chg_credit_cb)(void *arg, int status, struct chg_credit_answer *answer);
int chg_ro_event_async(struct chg_client *client, const struct chg_ccr *ccr, chg_credit_cb cb, void *arg);

/* 0 when the CCR of that type would be accepted, else EINVAL and err says which member is wrong. */
int chg_ccr_check(enum chg_request_type type, const struct chg_ccr *ccr, char *err, size_t errlen);

/* ---- record and request numbers (sequence.c) ------------------------------------------------- */

/* The numbering of one session: Rf records or Ro requests (pure logic, no network). */
struct chg_sequence {
	int started;    /* START / INITIAL sent */
	int ended;      /* STOP / TERMINATION sent */
	uint32_t next;  /* the number of the next record or request */
};
/* The number the next message of that kind carries, and the sequence moved past it: 0, or EPROTO
 * when the kind is out of order. Rf kinds are enum chg_record_type (not EVENT: an event has its
 * own session), Ro kinds enum chg_request_type (not EVENT). */
int chg_sequence_next_record(struct chg_sequence *seq, enum chg_record_type type, uint32_t *number);
int chg_sequence_next_request(struct chg_sequence *seq, enum chg_request_type type, uint32_t *number);

#endif
