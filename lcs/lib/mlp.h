/* OMA MLP (Le) codec, versions 3.1.0 to 3.5.0: the location requests a client sends in svc_init
 * (slir, tlrr, tlrsr) and what the server answers in svc_result (slia, slirep, tlra, tlrep, tlrsa)
 * or as a gem.
 *
 * Every document read or written is checked against the project's own DTD of its version
 * (lcs/dtd/, chosen by the root's ver attribute, never by the document's DOCTYPE), after a
 * bound on its size and nesting and the refusal of any DOCTYPE internal subset. The DTDs hold the
 * subset of MLP this codec supports: an element outside it is a SYNTAX ERROR (106).
 *
 * Errors are MLP result ids (enum mlp_result); err, when given, receives one line saying why. */
#ifndef LCS_MLP_H
#define LCS_MLP_H

#include <stddef.h>
#include <time.h>
#include "mlp_coord.h"

#define MLP_MAX_SIZE (256 * 1024) /* bytes of one document */
#define MLP_MAX_DEPTH 32 /* element nesting; our deepest document needs 10 */
#define MLP_MAX_MSIDS 16 /* msid of one request */
#define MLP_MAX_REPORTS 8639999L /* a distance_event's no_of_reports: a report a second for
				    * the longest periodic span TS 29.172 allows */
#define MLP_MAX_POS 16 /* pos or trl_pos of one answer */
#define MLP_TEXT_LEN 128 /* ids, passwords, msids, req_id, add_info: at most 127 bytes */
#define MLP_URL_LEN 512

/* MLP 3.5 §5.4.1. */
enum mlp_result {
	MLP_OK = 0,
	MLP_SYSTEM_FAILURE = 1,
	MLP_UNSPECIFIED_ERROR = 2,
	MLP_UNAUTHORIZED_APPLICATION = 3,
	MLP_UNKNOWN_SUBSCRIBER = 4,
	MLP_ABSENT_SUBSCRIBER = 5,
	MLP_POSITION_METHOD_FAILURE = 6,
	MLP_TIMEOUT = 7,
	MLP_CONGESTION_IN_LOCATION_SERVER = 101,
	MLP_UNSUPPORTED_VERSION = 103,
	MLP_TOO_MANY_POSITION_ITEMS = 104,
	MLP_FORMAT_ERROR = 105,
	MLP_SYNTAX_ERROR = 106,
	MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED = 107,
	MLP_SERVICE_NOT_SUPPORTED = 108,
	MLP_PROTOCOL_ELEMENT_ATTRIBUTE_NOT_SUPPORTED = 109,
	MLP_INVALID_PROTOCOL_ELEMENT_VALUE = 110,
	MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE = 111,
	MLP_PROTOCOL_ELEMENT_VALUE_NOT_SUPPORTED = 112,
	MLP_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE_NOT_SUPPORTED = 113,
	MLP_CANCELLATION_OF_TRIGGERED_LOCATION_REQUEST = 114,
	MLP_INVALID_MSID_IN_TLRSR = 115,
	MLP_TLRSR_FOR_INDIVIDUAL_TARGET_NOT_SUPPORTED = 116,
	MLP_QOP_NOT_ATTAINABLE = 201,
	MLP_POSITIONING_NOT_ALLOWED = 202,
	MLP_CONGESTION_IN_MOBILE_NETWORK = 203,
	MLP_DISALLOWED_BY_LOCAL_REGULATIONS = 204,
	MLP_MISCONFIGURATION_OF_LOCATION_SERVER = 207,
	MLP_TARGET_MOVED_TO_NEW_MSC_SGSN = 208,
	MLP_STANDARD_LOCATION_REPORT_SERVICE_NOT_SUPPORTED = 601,
	MLP_MLS_CLIENT_ERROR = 602,
	MLP_STANDARD_LOCATION_REPORT_SERVICE_NOT_ACCEPTED = 603,
	MLP_SUBSCRIBER_IN_STANDARD_LOCATION_REPORT_SERVICE_NOT_VALID = 604,
	MLP_INVALID_SERVICE_ID_IN_STANDARD_LOCATION_REPORT_SERVICE = 605,
};

/* The name the spec gives id ("UNSUPPORTED VERSION"), or NULL for an id it does not define. */
const char *mlp_result_name(int id);

enum mlp_version { MLP_V3_1, MLP_V3_2, MLP_V3_3, MLP_V3_4, MLP_V3_5 };

/* "3.1.0" ... "3.5.0", or NULL. */
const char *mlp_version_text(enum mlp_version v);

/* Sets libxml2 up and loads the DTDs from dtd_dir, or from LCS_DTD_DIR when dtd_dir is NULL.
 * Call it once, from one thread, before anything else (the codec may then be used from several
 * threads at once), again to reload. Returns 0 or MLP_SYSTEM_FAILURE (err says which file). */
int mlp_init(const char *dtd_dir, char *err, size_t errlen);
void mlp_cleanup(void);

enum mlp_msid_type {
	MLP_MSID_MSISDN, MLP_MSID_IMSI, MLP_MSID_IMEI, MLP_MSID_MIN, MLP_MSID_MDN,
	MLP_MSID_EME_MSID, MLP_MSID_ASID, MLP_MSID_OPE_ID, MLP_MSID_IPV4, MLP_MSID_IPV6,
	MLP_MSID_SESSID, MLP_MSID_SIP_URI, MLP_MSID_TEL_URL, MLP_MSID_NAI, MLP_MSID_URI,
};

struct mlp_msid {
	enum mlp_msid_type type;
	char value[MLP_TEXT_LEN];
};

/* The msid type as MLP spells it ("MSISDN", "IMSI", "SIP_URI"...), or NULL. */
const char *mlp_msid_type_name(enum mlp_msid_type type);

enum mlp_requestor_type {
	MLP_REQUESTOR_MSISDN, MLP_REQUESTOR_IMSI, MLP_REQUESTOR_NAME, MLP_REQUESTOR_E_MAIL,
	MLP_REQUESTOR_URL, MLP_REQUESTOR_SIPURL, MLP_REQUESTOR_IMS, MLP_REQUESTOR_MDN,
	MLP_REQUESTOR_ASID, MLP_REQUESTOR_ASPID,
};

/* The requestor type named as MLP spells it ("MSISDN", "E-MAIL", "SIPURL"...), or -1. */
int mlp_requestor_type_of(const char *name);

/* hdr: client (id, pwd?, serviceid?), requestor?, and from 3.5 supported_shapes?. An empty
 * string is an absent element. */
struct mlp_hdr {
	char client_id[MLP_TEXT_LEN], pwd[MLP_TEXT_LEN], serviceid[MLP_TEXT_LEN];
	int has_requestor;
	enum mlp_requestor_type requestor_type;
	char requestor_id[MLP_TEXT_LEN];
	int has_supported_shapes; /* 3.5 only */
	unsigned supported_shapes; /* bit (1u << enum mlp_shape_kind) per shape the client takes */
	int supports_altitude;
};

enum mlp_request_kind { MLP_SLIR, MLP_TLRR, MLP_TLRSR };
enum mlp_res_type { MLP_SYNC, MLP_ASYNC };
enum mlp_prio { MLP_PRIO_NORMAL, MLP_PRIO_HIGH };
enum mlp_loc_type { MLP_LOC_CURRENT, MLP_LOC_LAST, MLP_LOC_CURRENT_OR_LAST,
		    MLP_LOC_LAST_OR_CURRENT, MLP_LOC_INITIAL };
enum mlp_tlrr_event { MLP_EVENT_NONE, MLP_EVENT_MS_AVAIL, MLP_EVENT_DISTANCE };
enum mlp_distance_type { MLP_ENTERING_DISTANCE, MLP_LEAVING_DISTANCE, MLP_WITHIN_DISTANCE,
			 MLP_OUTSIDE_DISTANCE };
enum mlp_qos_class { MLP_QOS_ASSURED, MLP_QOS_BEST_EFFORT };
enum mlp_resp_req { MLP_RESP_NO_DELAY, MLP_RESP_LOW_DELAY, MLP_RESP_DELAY_TOL };

/* An slir's eqop, the quality of position asked: -1 (or has_* 0) when absent. Accuracies are the
 * largest uncertainty taken, in meters. ASSURED: a position not within them is not answered (201
 * QOP NOT ATTAINABLE instead); BEST_EFFORT: it is, marked (pd/qos_not_met, MLP 3.5). max_loc_age:
 * how old a position may be; resp_timer: how long the client waits. */
struct mlp_eqop {
	long hor_acc_m, alt_acc_m, resp_timer_s, max_loc_age_s;
	int has_qos_class; /* the qos_class of hor_acc or alt_acc (ASSURED when either says so) */
	enum mlp_qos_class qos_class;
	int has_resp_req;
	enum mlp_resp_req resp_req;
};

/* An eqop that asks nothing. */
void mlp_eqop_init(struct mlp_eqop *q);

/* distance_event (3.4 and later): report when the target and the reference MS come within (or
 * leave, are within, are outside) target_distance_m of each other. */
struct mlp_distance_event {
	enum mlp_distance_type type;
	long target_distance_m;
	struct mlp_msid reference;
	int events_only; /* loc_estimates FALSE: reports without the positions (0: TRUE, with them) */
	long no_of_reports; /* the most event reports, 1 .. MLP_MAX_REPORTS; 0: absent, no limit */
};

/* A request. Which fields count depends on kind; -1 or an empty string marks an absent one. */
struct mlp_request {
	enum mlp_request_kind kind;
	enum mlp_version version;
	struct mlp_hdr hdr;
	struct mlp_msid msids[MLP_MAX_MSIDS]; /* slir, tlrr; tlrsr: the targets it stops (3.4, 3.5),
					       * none: every one */
	int n_msids;
	char pushaddr[MLP_URL_LEN]; /* slir, tlrr: pushaddr/url */
	int has_loc_type; /* slir, tlrr */
	enum mlp_loc_type loc_type;
	int has_prio; /* slir, tlrr */
	enum mlp_prio prio;
	enum mlp_res_type res_type; /* slir */
	struct mlp_eqop eqop; /* slir; tlrr: its qop, the accuracies only */
	long interval_s; /* tlrr: 1 s .. 99 days 23:59:59, -1 when absent */
	long duration_s; /* tlrr (3.4, 3.5): how long the reports last, as interval; -1 when absent */
	int has_start_time, has_stop_time; /* tlrr */
	time_t start_time, stop_time; /* UTC */
	enum mlp_tlrr_event event; /* tlrr */
	struct mlp_distance_event distance; /* event == MLP_EVENT_DISTANCE */
	char req_id[MLP_TEXT_LEN]; /* tlrsr */
};

/* A request with every optional field absent (-1, empty), SYNC, no event. */
void mlp_request_init(struct mlp_request *r, enum mlp_request_kind kind, enum mlp_version v);

/* Reads an svc_init. Returns 0 and *out (release it with free()), or an MLP result id:
 * 105 FORMAT ERROR (too big, too deep, a DOCTYPE internal subset, not well-formed),
 * 103 UNSUPPORTED VERSION (the root's ver), 106 SYNTAX ERROR (not valid against our DTD),
 * 104 TOO MANY POSITION ITEMS (over MLP_MAX_MSIDS), 110 INVALID PROTOCOL ELEMENT VALUE,
 * 107 PROTOCOL ELEMENT NOT SUPPORTED (an eqop/ll_acc: accuracy in seconds of arc),
 * 111 INVALID PROTOCOL ELEMENT ATTRIBUTE VALUE (a utc_off, a resid over 699, a type or trigger
 * not in our list), 112 PROTOCOL ELEMENT VALUE NOT SUPPORTED (a unit other than meter/Degrees),
 * 113 PROTOCOL ELEMENT ATTRIBUTE VALUE NOT SUPPORTED (an msid enc="CRP"), 1 SYSTEM FAILURE
 * (mlp_init() not called, out of memory). */
int mlp_parse_request(const char *xml, size_t len, struct mlp_request **out, char *err,
		      size_t errlen);

/* The version a document's root names (its ver, 3.1.0 to 3.5.0), read as mlp_parse_request reads
 * it but without its other checks: the version to answer a refused request in. 0, or -1 when the
 * document is not well-formed or names no version of ours. */
int mlp_document_version(const char *xml, size_t len, enum mlp_version *version);

/* Writes r as an svc_init (the client side). The output is checked against the DTD of
 * r->version: a field that version lacks (distance_event before 3.4, supported_shapes before
 * 3.5) gives 106. Returns 0 with *xml (NUL-terminated, free()) and *len, or a result id. */
int mlp_write_request(const struct mlp_request *r, char **xml, size_t *len, char *err,
		      size_t errlen);

enum mlp_answer_kind { MLP_SLIA, MLP_SLIREP, MLP_TLRA, MLP_TLREP, MLP_TLRSA, MLP_GEM };
enum mlp_trl_trigger { MLP_TRIGGER_PERIODIC, MLP_TRIGGER_MS_AVAIL, MLP_TRIGGER_DISTANCE };

/* One pos (slia, slirep) or trl_pos (tlrep): a position (pd) when result is 0, else a poserr. */
struct mlp_pos {
	struct mlp_msid msid;
	enum mlp_trl_trigger trigger; /* trl_pos only */
	time_t time; /* pd/time or poserr/time, UTC */
	struct mlp_shape shape; /* pd: the shape with its alt, alt_unc and lev_conf */
	int qos_not_met; /* pd/qos_not_met: the requested accuracy was not met (MLP 3.5 only) */
	int result; /* poserr/result resid */
	char add_info[MLP_TEXT_LEN]; /* poserr/add_info, empty when absent */
};

/* An answer:
 * slia: n_pos > 0 positions, or req_id (ASYNC accepted), or result (+ add_info) refused;
 * slirep: req_id, positions; tlra, tlrsa: req_id; tlrep: req_id, positions, more;
 * gem: result (+ add_info). */
struct mlp_answer {
	enum mlp_answer_kind kind;
	enum mlp_version version;
	char req_id[MLP_TEXT_LEN];
	int result;
	char add_info[MLP_TEXT_LEN];
	int more; /* tlrep: more reports follow (more="YES"; "More" is read too) */
	struct mlp_pos pos[MLP_MAX_POS];
	int n_pos;
};

void mlp_answer_init(struct mlp_answer *a, enum mlp_answer_kind kind, enum mlp_version v);

/* Reads an svc_result or a gem, with the same checks and results as mlp_parse_request(). */
int mlp_parse_answer(const char *xml, size_t len, struct mlp_answer **out, char *err,
		     size_t errlen);

/* Writes a (the server side), checked against the DTD of a->version. */
int mlp_write_answer(const struct mlp_answer *a, char **xml, size_t *len, char *err,
		     size_t errlen);

/* Writes a gem: the answer to a request that could not be read (pass the id it returned). */
int mlp_write_gem(enum mlp_version v, int result, const char *add_info, char **xml, size_t *len,
		  char *err, size_t errlen);

#endif
