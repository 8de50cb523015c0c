/* libshclient: what an Application Server links to use Sh (TS 29.328/29.329) towards an HSS.
 *
 * The client is a freeDiameter node embedded in the AS process (libfdcore): sh_client_open()
 * reads a freeDiameter configuration (identity, realm, the HSS as ConnectPeer, and dict_sh.fdx
 * loaded; Debian's dictionaries may be loaded too, before it), starts the node and waits
 * until a peer that supports Sh is OPEN. One client per process, opened once (libfdcore is a
 * singleton that cannot start again once stopped). It sets SIGPIPE to be ignored, unless the
 * application has its own disposition: freeDiameter's write to an HSS that reset its connection
 * raises it, and it would end the process.
 *
 * Requests are synchronous (they wait for the answer or the timeout) or asynchronous (a callback
 * gets the answer, on a freeDiameter thread). Every Diameter outcome is a value in struct
 * sh_answer: nothing here prints or exits. PNRs from the HSS go to a callback, which says how to
 * answer them.
 *
 * Functions return 0, or an errno-style code: ETIMEDOUT (no answer in time), ENOTCONN (no peer:
 * our own stack found none to send the request to), EINVAL (bad arguments), ENOMEM, EBADMSG (an
 * answer came that could not be parsed or broke the dictionary's rules, and freeDiameter dropped
 * it), ECANCELED (the client was closed first), ESHUTDOWN (the client is closing); err (when
 * given) says more. */
#ifndef SHCLIENT_H
#define SHCLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "shdata.h"

#define SH_ERR_LEN 256

/* Results (TS 29.329 §6.2, TS 29.229 §6.2): Result-Code values and Experimental-Result-Code
 * values (vendor 10415). */
#define SH_SUCCESS 2001
#define SH_ERROR_USER_DATA_NOT_RECOGNIZED 5100
#define SH_ERROR_OPERATION_NOT_ALLOWED 5101
#define SH_ERROR_USER_DATA_CANNOT_BE_READ 5102
#define SH_ERROR_USER_DATA_CANNOT_BE_MODIFIED 5103
#define SH_ERROR_USER_DATA_CANNOT_BE_NOTIFIED 5104
#define SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC 5105
#define SH_ERROR_SUBS_DATA_ABSENT 5106
#define SH_ERROR_NO_SUBSCRIPTION_TO_DATA 5107
#define SH_ERROR_DSAI_NOT_AVAILABLE 5108
#define SH_ERROR_USER_UNKNOWN 5001
#define SH_ERROR_IDENTITIES_DONT_MATCH 5002
#define SH_ERROR_TOO_MUCH_DATA 5008
#define SH_ERROR_FEATURE_UNSUPPORTED 5011
#define SH_USER_DATA_NOT_AVAILABLE 4100
#define SH_PRIOR_UPDATE_IN_PROGRESS 4101

struct sh_client;
struct sh_notification;

struct sh_client_config {
	const char *fd_config;   /* freeDiameter configuration file of this node */
	const char *dest_realm;  /* the HSS's realm */
	const char *dest_host;   /* the HSS's identity, or NULL to route by realm */
	int timeout_ms;          /* per request; 0: 5000 */
	int open_timeout_ms;     /* waiting for the HSS connection; 0: 10000 */
	int raw_user_data;       /* 1: leave sh_answer.data and sh_notification.data NULL, the
	                          * caller reads user_data itself (a benchmark, a proxy) */
	/* The PNR callback from the start, as sh_client_on_pnr sets it (NULL: none yet): an HSS
	 * sends the PNRs it held for this AS as soon as the connection is OPEN, before open returns. */
	uint32_t (*on_pnr)(void *arg, const struct sh_notification *notification);
	void *pnr_arg;
};

int sh_client_open(const struct sh_client_config *config, struct sh_client **client, char *err, size_t errlen);
/* Stops the node (DPR to peers); waits for pending callbacks. */
void sh_client_close(struct sh_client *client);

/* Data-Reference values (TS 29.329 §6.3.4) */
enum sh_data_reference {
	SH_DR_REPOSITORY_DATA = 0,
	SH_DR_IMS_PUBLIC_IDENTITY = 10,
	SH_DR_IMS_USER_STATE = 11,
	SH_DR_SCSCF_NAME = 12,
	SH_DR_INITIAL_FILTER_CRITERIA = 13,
	SH_DR_LOCATION_INFORMATION = 14,
	SH_DR_USER_STATE = 15,
	SH_DR_CHARGING_INFORMATION = 16,
	SH_DR_MSISDN = 17,
	SH_DR_PSI_ACTIVATION = 18,
	SH_DR_DSAI = 19,
	SH_DR_IMSI = 32,
};

/* The value of a Data-Reference name of TS 29.329 §6.3.4 ("RepositoryData", "IMSUserState", ...),
 * from the loaded dictionary: once a client is open. 0 or ENOENT. */
int sh_data_reference_value(const char *name, int *value);

enum sh_identity_kind {
	SH_ID_PUBLIC_IDENTITY, /* sip: or tel: URI */
	SH_ID_MSISDN,          /* digits, international format without '+' (sent TBCD-encoded) */
};

#define SH_UNSET -1 /* for the int members of struct sh_request */

struct sh_request {
	enum sh_identity_kind identity_kind;
	const char *identity;
	const char *user_name;                 /* IMPI, or NULL */
	const int *data_references;            /* at least one */
	size_t n_data_references;
	const char *const *service_indications; /* for Data-Reference 0 */
	size_t n_service_indications;
	const char *server_name;               /* Server-Name, or NULL (UDR, SNR; PUR: of DSAI) */
	int requested_domain;                  /* UDR: 0 CS, 1 PS, or UNSET */
	int current_location;                  /* UDR: 0 do not initiate, 1 initiate, or UNSET */
	int identity_set;                      /* UDR/SNR: 0..3, or UNSET */
	const char *const *dsai_tags;
	size_t n_dsai_tags;
	int supported_features;                /* the Sh features this AS supports (SH_FEATURE_*
	                                        * of shdata.h), sent as Supported-Features with
	                                        * Feature-List-ID 1; SH_UNSET: none sent, the HSS
	                                        * then uses no feature (TS 29.229 §7.2) */
	/* PUR */
	const char *user_data;                 /* Sh-Data XML */
	size_t user_data_len;
	/* SNR */
	int subs_req_type;                     /* 0 subscribe, 1 unsubscribe */
	time_t expiry_time;                    /* 0: none (unlimited) */
	int send_data_indication;              /* 1: ask for the current data, or UNSET */
};

/* A request with every optional member unset. */
void sh_request_init(struct sh_request *request);

/* The requests of an AS, by command code (TS 29.329 §6.1). */
enum sh_command { SH_CMD_UDR = 306, SH_CMD_PUR = 307, SH_CMD_SNR = 308 };

/* 0 when sh_udr/sh_pur/sh_snr (cmd) would accept the request: what the command needs is there and
 * every value is in range. Else EINVAL, and err (when given) says which member is wrong. */
int sh_request_check(enum sh_command cmd, const struct sh_request *request, char *err, size_t errlen);

struct sh_answer {
	uint32_t result_code;          /* Result-Code, 0 when absent */
	uint32_t experimental_result;  /* Experimental-Result-Code (vendor 10415), 0 when absent */
	char *error_message;           /* Error-Message, NULL when absent */
	uint32_t failed_avp_code;      /* first AVP inside Failed-AVP, 0 when absent */
	char *user_data;               /* User-Data (UDA, SNA): Sh-Data XML, NULL when absent */
	size_t user_data_len;
	struct sh_data *data;          /* user_data parsed, NULL when absent or not valid */
	time_t expiry_time;            /* SNA Expiry-Time, 0 when absent */
	int has_supported_features;    /* the HSS answered with the Sh feature list (Feature-List-ID 1) */
	uint32_t supported_features;   /* its Feature-List: what the HSS supports (SH_FEATURE_*) */
	int has_repository_data_id;    /* PUA Repository-Data-ID: with Update-Eff, the RepositoryData
	                                * instance that failed */
	int repository_sequence_number;
	char *repository_service_indication;
};

/* The outcome as one number: the Experimental-Result-Code when there is one, else the Result-Code. */
uint32_t sh_answer_code(const struct sh_answer *answer);
void sh_answer_clear(struct sh_answer *answer);

/* Synchronous requests: 0 when an answer came (whatever its result), answer filled. */
int sh_udr(struct sh_client *client, const struct sh_request *request, struct sh_answer *answer);
int sh_pur(struct sh_client *client, const struct sh_request *request, struct sh_answer *answer);
int sh_snr(struct sh_client *client, const struct sh_request *request, struct sh_answer *answer);

/* Asynchronous requests: cb runs once, with status 0 and the answer, or ETIMEDOUT / an error and
 * an empty answer; the answer is freed after cb returns. */
typedef void (*sh_answer_cb)(void *arg, int status, struct sh_answer *answer);
int sh_udr_async(struct sh_client *client, const struct sh_request *request, sh_answer_cb cb, void *arg);
int sh_pur_async(struct sh_client *client, const struct sh_request *request, sh_answer_cb cb, void *arg);
int sh_snr_async(struct sh_client *client, const struct sh_request *request, sh_answer_cb cb, void *arg);

/* Push-Notification-Request from the HSS. The callback returns the result to answer with:
 * SH_SUCCESS, or SH_ERROR_USER_UNKNOWN (the HSS then drops our subscriptions for that user),
 * SH_ERROR_NO_SUBSCRIPTION_TO_DATA, SH_ERROR_USER_DATA_NOT_RECOGNIZED, ... */
struct sh_notification {
	const char *public_identity;   /* or NULL */
	const char *msisdn;            /* digits, or NULL */
	const char *user_name;         /* or NULL */
	const char *user_data;         /* Sh-Data XML */
	size_t user_data_len;
	const struct sh_data *data;    /* parsed, NULL when not valid */
};
typedef uint32_t (*sh_pnr_cb)(void *arg, const struct sh_notification *notification);
/* Set or replace the callback (until one is set, here or in sh_client_config.on_pnr, PNRs are
 * answered SH_SUCCESS); NULL: answer every PNR with SH_SUCCESS. The callback runs on a
 * freeDiameter dispatch thread, and the notification's strings and data only live until it
 * returns. */
void sh_client_on_pnr(struct sh_client *client, sh_pnr_cb cb, void *arg);

/* Read-modify-write of repository data with the Sequence-Number rules: UDR the current data,
 * call modify with it (NULL when there is none), PUR the result with the next Sequence-Number
 * (0 to create; stored + 1, 65535 wrapping to 1), and start again from the UDR when the HSS
 * answers DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC, at most max_attempts times.
 * modify returns 0 with *new_service_data malloc'ed (the new ServiceData content) or NULL to
 * delete the data, or non-zero to give up (that value is returned). answer holds the last PUA (the
 * UDA when the read did not succeed, or when there was nothing to delete). EPROTO: the UDA's
 * User-Data is not valid Sh-Data, so the stored Sequence-Number is unknown. */
typedef int (*sh_modify_fn)(void *arg, const char *current_service_data, char **new_service_data);
int sh_update_repository_data(struct sh_client *client, const char *public_identity,
			      const char *service_indication, sh_modify_fn modify, void *arg,
			      int max_attempts, struct sh_answer *answer);

/* The pieces of that loop, for applications that write repository data their own way.
 *
 * The Sequence-Number of the next PUR after 'stored' (SH_UNSET when no data is stored: 0, the
 * creation), 65535 wrapping to 1 (TS 29.328 §6.1.2). */
int sh_sequence_next(int stored);
/* The RepositoryData of that Service-Indication in an answer's parsed data, or NULL. */
const struct sh_repository_data *sh_answer_repository_data(const struct sh_answer *answer,
							   const char *service_indication);
/* The User-Data of a PUR writing one RepositoryData: Service-Indication, Sequence-Number and
 * ServiceData (one XML element), or no ServiceData when service_data is NULL (deletion). *xml is
 * malloc'ed. Returns 0 or a shdata_write error (SHDATA_EINVALID when service_data is not one
 * well-formed element). Needs the Sh-Data schemas: after sh_client_open (or shdata_init). */
int sh_repository_data_xml(const char *service_indication, int sequence_number,
			   const char *service_data, char **xml, size_t *len);
/* The same with n RepositoryData: one PUR updating them all or none, which the HSS accepts only
 * when the request carries SH_FEATURE_UPDATE_EFF in supported_features (else 5011); a failure is
 * answered with the Repository-Data-ID of the instance that failed. */
int sh_repository_items_xml(const struct sh_repository_data *items, size_t n, char **xml, size_t *len);

#endif
