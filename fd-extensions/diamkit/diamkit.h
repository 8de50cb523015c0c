/* diamkit: the helper library shared by the toolkit's extensions and clients.
 *
 * - dictionary definitions from tables, creating only what the loaded dictionary lacks;
 * - base dictionary objects looked up once at start-up (dk_base);
 * - adding and reading AVPs, at the top level and inside grouped AVPs;
 * - answers: numeric Result-Code, 3GPP Experimental-Result, Failed-AVP.
 *
 * TBCD encoding lives in tbcd.h (no freeDiameter dependency).
 * Functions return 0 or an errno-style code; nothing here prints except through fd_log. */
#ifndef DIAMKIT_H
#define DIAMKIT_H

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <time.h>

#define DK_VENDOR_3GPP 10415

/* ---- dictionary definitions ------------------------------------------------------------- */

/* The data type of an AVP, as the specs name it. */
enum dk_avp_kind {
	DK_OCTETSTRING,
	DK_UTF8STRING,
	DK_DIAMETERIDENTITY,
	DK_DIAMETERURI,
	DK_ADDRESS,
	DK_TIME,
	DK_INTEGER32,
	DK_INTEGER64,
	DK_UNSIGNED32,
	DK_UNSIGNED64,
	DK_ENUMERATED,
	DK_GROUPED,
};

/* AVP flag requirements: DK_FLAGS_MV = "must V, must M"; DK_FLAGS_V = "must V, must not M". */
#define DK_FLAGS_MV (AVP_FLAG_VENDOR | AVP_FLAG_MANDATORY)
#define DK_FLAGS_V AVP_FLAG_VENDOR
#define DK_FLAGS_M AVP_FLAG_MANDATORY

struct dk_enum {
	const char *name;
	int32_t value;
};

struct dk_avp_def {
	avp_code_t code;
	vendor_id_t vendor;
	const char *name;
	enum dk_avp_kind kind;
	uint8_t flags;               /* DK_FLAGS_*: values of the fixed flags */
	const struct dk_enum *enums; /* DK_ENUMERATED: values, ended by { NULL } */
	uint8_t fixed;               /* which flags are fixed; 0 means both V and M */
};

/* One line of an ABNF: which AVP, where, how many. */
struct dk_rule {
	const char *avp;
	vendor_id_t vendor;
	enum rule_position position;
	int min; /* -1: default (0 optional, 1 required) */
	int max; /* -1: unbounded */
};

/* ABNF notations. Session-Id is the only fixed AVP of these applications. */
#define DK_SESSION_ID { "Session-Id", 0, RULE_FIXED_HEAD, 1, 1 }
#define DK_REQ(name, vendor) { name, vendor, RULE_REQUIRED, -1, 1 }         /* { X }   */
#define DK_REQ_N(name, vendor) { name, vendor, RULE_REQUIRED, 1, -1 }       /* 1*{ X } */
#define DK_REQ_MAX(name, vendor, n) { name, vendor, RULE_REQUIRED, 1, n }   /* 1*n{ X } */
#define DK_OPT(name, vendor) { name, vendor, RULE_OPTIONAL, -1, 1 }         /* [ X ]   */
#define DK_OPT_N(name, vendor) { name, vendor, RULE_OPTIONAL, -1, -1 }      /* *[ X ]  */
#define DK_OPT_MAX(name, vendor, n) { name, vendor, RULE_OPTIONAL, -1, n }  /* *n[ X ] */
#define DK_RULES_END { NULL, 0, 0, 0, 0 }

struct dk_cmd_def {
	command_code_t code;
	const char *request_name;
	const char *answer_name;
	const struct dk_rule *request_rules; /* ended by DK_RULES_END */
	const struct dk_rule *answer_rules;
};

/* A grouped AVP's contents. */
struct dk_group_def {
	const char *name;
	vendor_id_t vendor;
	const struct dk_rule *rules;
};

/* Ensure every AVP of the table exists with that code, vendor and base type, creating the missing
 * ones and adding missing enumerated values. An existing object that contradicts the table (other
 * base type, other value under the same enum name) is an error: EINVAL. */
int dk_define_avps(struct dictionary *dict, const struct dk_avp_def *defs, size_t count);

/* Ensure a vendor-specific application exists; *app receives it. */
int dk_define_application(struct dictionary *dict, vendor_id_t vendor, application_id_t id,
			  const char *name, struct dict_object **app);

/* Ensure request and answer commands of an application, with their rules. */
int dk_define_commands(struct dictionary *dict, struct dict_object *app,
		       const struct dk_cmd_def *defs, size_t count);

/* Ensure the rules of grouped AVPs. */
int dk_define_groups(struct dictionary *dict, const struct dk_group_def *defs, size_t count);

/* Ensure the AVPs of the IETF Diameter extensions the 3GPP ABNFs name (DRMP RFC 7944, overload
 * control RFC 7683, Load RFC 8583) which Debian's freeDiameter 1.2.1 does not ship. */
int dk_define_ietf_extensions(struct dictionary *dict);

/* Ensure the 3GPP AVPs several of our applications share (MSISDN, Supported-Features and its
 * contents), with the 3GPP vendor, whether or not Debian's dict_dcca_3gpp is loaded. */
int dk_define_3gpp_shared(struct dictionary *dict);

/* A process that embeds libfdcore (a client library, the GMLC) must not die when a peer goes while
 * freeDiameter writes to it: the write raises SIGPIPE, which freeDiameterd blocks in all its
 * threads and an embedding process does not. Ignores it, unless the application already has a
 * disposition of its own. Call before fd_core_initialize. */
void dk_ignore_sigpipe(void);

/* Look-ups that fail with ENOENT and log what was missing. */
int dk_find_avp(struct dictionary *dict, vendor_id_t vendor, const char *name, struct dict_object **avp);
int dk_find_command(struct dictionary *dict, const char *name, struct dict_object **cmd);
int dk_find_application(struct dictionary *dict, application_id_t id, struct dict_object **app);

#define DK_COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* ---- base objects, looked up once -------------------------------------------------------- */

struct dk_base {
	struct dict_object *session_id, *origin_host, *origin_realm, *destination_host,
		*destination_realm, *auth_session_state, *vendor_specific_application_id,
		*auth_application_id, *vendor_id, *result_code, *experimental_result,
		*experimental_result_code, *failed_avp, *error_message, *user_name, *proxy_info,
		*route_record;
};
extern struct dk_base dk_base;

/* Fill dk_base from the loaded dictionary (idempotent, thread-safe). */
int dk_base_init(void);

/* ---- building and reading AVPs ----------------------------------------------------------- */

/* 'parent' is a struct msg * or a grouped struct avp *. Added AVPs go last. */
int dk_add_u32(msg_or_avp *parent, struct dict_object *model, uint32_t value);
int dk_add_i32(msg_or_avp *parent, struct dict_object *model, int32_t value);
int dk_add_u64(msg_or_avp *parent, struct dict_object *model, uint64_t value);
int dk_add_os(msg_or_avp *parent, struct dict_object *model, const void *data, size_t len);
int dk_add_str(msg_or_avp *parent, struct dict_object *model, const char *text);
/* An empty grouped AVP added to parent; fill it through *group. */
int dk_add_group(msg_or_avp *parent, struct dict_object *model, struct avp **group);
/* An example of a missing AVP for Failed-AVP (RFC 6733 §7.5): its value zero (empty for an
 * OctetString); a grouped AVP holds an example of each AVP its rules require, so that the answer
 * passes the receiver's checks of the group. */
int dk_add_example(msg_or_avp *parent, struct dict_object *model);
/* A copy of an existing AVP (and its children) added to parent. */
int dk_add_copy(msg_or_avp *parent, struct avp *source);

/* The first child of parent (message or grouped AVP) with that model, or NULL; then the next one
 * after 'from' at the same level. Return 0 or an error code; *found NULL when there is none. */
int dk_find(msg_or_avp *parent, struct dict_object *model, struct avp **found);
int dk_find_next(struct avp *from, struct dict_object *model, struct avp **found);
/* Descend through grouped AVPs: dk_find_path(msg, &avp, g1, g2, leaf, NULL). */
int dk_find_path(msg_or_avp *parent, struct avp **found, ...);

/* Values of the first child with that model: ENOENT when absent. */
int dk_get_u32(msg_or_avp *parent, struct dict_object *model, uint32_t *value);
int dk_get_i32(msg_or_avp *parent, struct dict_object *model, int32_t *value);
/* The octets stay owned by the message. */
int dk_get_os(msg_or_avp *parent, struct dict_object *model, const uint8_t **data, size_t *len);
/* A NUL-terminated copy into buf: ENOSPC when it does not fit. */
int dk_get_str(msg_or_avp *parent, struct dict_object *model, char *buf, size_t size);
/* A malloc'ed NUL-terminated copy (its length in *len when len is not NULL): 0 with *copy NULL
 * when absent, or ENOMEM. */
int dk_copy_str(msg_or_avp *parent, struct dict_object *model, char **copy, size_t *len);

/* ---- Supported-Features (features.c) --------------------------------------------------- */

struct dk_features_dict {
	struct dict_object *supported_features, *feature_list_id, *feature_list;
};
/* The three AVPs of TS 29.229 §6.3.29-31 (vendor 10415): 0 or ENOENT (logged). */
int dk_features_lookup(struct dictionary *dict, struct dk_features_dict *out);
/* *found 1 and *list when parent holds a Supported-Features of that Vendor-Id and Feature-List-ID,
 * else *found 0 and *list 0. Returns 0 or an error code. */
int dk_features_get(msg_or_avp *parent, const struct dk_features_dict *d, uint32_t vendor, uint32_t list_id,
		    int *found, uint32_t *list);
/* Add Supported-Features { Vendor-Id, Feature-List-ID, Feature-List } to parent. */
int dk_features_add(msg_or_avp *parent, const struct dk_features_dict *d, uint32_t vendor, uint32_t list_id,
		    uint32_t list);

/* ---- configuration files (config.c) ----------------------------------------------------- */

/* Read a "key = value" file ('#' comments), calling apply(ctx, key, value) for each line; errors
 * are logged as "<who>: <file>:<line>: ...". Returns 0, or EINVAL (or apply's error). */
int dk_config_read(const char *path, const char *who, int (*apply)(void *ctx, const char *key, const char *value),
		   void *ctx);
/* Copy a text value into out (EINVAL, logged, when it does not fit). */
int dk_config_text(const char *who, const char *key, const char *value, char *out, size_t size);
/* A decimal number from min to max into *out (EINVAL, logged, otherwise). */
int dk_config_number(const char *who, const char *key, const char *value, long min, long max, long *out);

/* ---- programs embedding freeDiameter (quiet.c) -------------------------------------------- */

/* Stop freeDiameter formatting a log dump of every routine message (a library does not print,
 * and the dumps cost more than the exchange). Unregister with fd_hook_unregister. */
int dk_quiet_messages(struct fd_hook_hdl **hdl);

/* ---- pending requests (pending.c) ------------------------------------------------------- */

/* For a HOOK_MESSAGE_DROPPED handler: when msg is a request sent with anscb as its answer
 * callback, or an answer to one, ends that request's callbacks (neither the answer nor the expiry
 * callback will run) and returns its callback data, with *was_request 1 when the request itself
 * was dropped (no route, peer lost), 0 when its answer was (invalid). NULL otherwise. */
void *dk_claim_dropped(struct msg *msg, void (*anscb)(void *, struct msg **), int *was_request);
/* Now plus ms on CLOCK_REALTIME: an absolute time for fd_msg_send_timeout (clock.c). */
void dk_deadline_in(int ms, struct timespec *ts);
/* Now plus ms on that clock (clock.c). */
void dk_time_in(clockid_t clock, long ms, struct timespec *ts);
/* 1 when a is earlier than b (clock.c). */
int dk_time_before(const struct timespec *a, const struct timespec *b);

/* ---- errors (error.c) ------------------------------------------------------------------- */

/* The formatted reason into err (when err is not NULL and errlen not 0); returns ret. */
int dk_error(char *err, size_t errlen, int ret, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- work in flight, counted (gate.c) ---------------------------------------------------- */

/* How many pieces of work are under way, at most max (0: no bound), so that a stop can refuse new
 * ones and wait for the last (a server's requests, say). Statically initialised with
 * DK_GATE_INIT(max). */
struct dk_gate {
	pthread_mutex_t lock;
	pthread_cond_t idle;
	int max;
	int in_flight, closed; /* under lock */
};
#define DK_GATE_INIT(max) { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, (max), 0, 0 }

/* One more under way: 0, or ESHUTDOWN once the gate is closed, EBUSY when max are under way
 * (nothing counted). */
int dk_gate_enter(struct dk_gate *g);
/* One of them is over. */
void dk_gate_leave(struct dk_gate *g);
/* Refuse new ones from now on, and wait for those under way. */
void dk_gate_close(struct dk_gate *g);

/* ---- requests in flight (inflight.c) ------------------------------------------------------ */

/* A client's requests between sending and the end of their callback, so that closing can wait
 * for them (and cancel what is left) before freeing what the callbacks use. */
struct dk_inflight {
	pthread_mutex_t lock;
	pthread_cond_t idle;    /* signalled when the last request is done */
	struct fd_list pending; /* struct dk_request */
	int closing;
};
/* Embedded in the caller's per-request data. */
struct dk_request {
	struct fd_list chain;
	struct dk_inflight *owner;
	int ended;              /* claimed by the path that ends it */
};

void dk_inflight_init(struct dk_inflight *f);
void dk_inflight_destroy(struct dk_inflight *f);
/* Track r: 0, or ESHUTDOWN once dk_inflight_close was called. */
int dk_inflight_add(struct dk_inflight *f, struct dk_request *r);
/* No new request from now on. */
void dk_inflight_close(struct dk_inflight *f);
/* 1 for the first caller only: the path that ends r (answer, expiry, drop, close). */
int dk_request_claim(struct dk_request *r);
/* r is over (its callback returned): no longer tracked. */
void dk_request_done(struct dk_request *r);
/* For r's expiry callback (fd_msg_send_timeout): frees *request, which is the callback's to free
 * (left to freeDiameter, it would log a drop), then dk_request_claim(r): 1 when the caller ends r,
 * with ETIMEDOUT. */
int dk_request_expired(struct dk_request *r, struct msg **request);
/* Wait until nothing is tracked, at most wait_ms (negative: as long as it takes). */
void dk_inflight_wait_idle(struct dk_inflight *f, int wait_ms);
/* Once the core has stopped: end(r, ECANCELED) for each request nobody claimed, then wait for
 * the callbacks other threads are still running. */
void dk_inflight_cancel_all(struct dk_inflight *f, void (*end)(struct dk_request *r, int status));

/* A synchronous call waiting for its asynchronous callback, and taking over the callback's
 * answer (a struct of size bytes whose owner frees what it points to once zeroed: the answer
 * moves to *answer, the callback's copy is left empty). */
struct dk_waiter {
	sem_t done;
	int status;
	void *answer;
	size_t size;
};
/* *answer (size bytes) zeroed, and receives the callback's. */
void dk_waiter_init(struct dk_waiter *w, void *answer, size_t size);
/* In the callback: the status, and the answer taken over (NULL: none). */
void dk_waiter_post(struct dk_waiter *w, int status, void *answer);
/* Blocks until posted; returns the status posted. */
int dk_waiter_wait(struct dk_waiter *w);

/* A HOOK_MESSAGE_DROPPED hook for the requests sent with anscb: when freeDiameter drops one of
 * them or its answer, end gets their callback data (its callbacks ended: dk_claim_dropped) and the
 * status the request ends with: ENOTCONN when the request itself was dropped (no route, peer
 * lost), EBADMSG when its answer was (invalid). */
struct dk_drop_hook;
int dk_drop_hook_register(void (*anscb)(void *, struct msg **), void (*end)(void *data, int status),
			  struct dk_drop_hook **hook);
void dk_drop_hook_unregister(struct dk_drop_hook *hook);

/* ---- peers (peers.c) ------------------------------------------------------------------------ */

/* 1 when peer is OPEN and advertised app (or is a relay). */
int dk_peer_serves(struct peer_hdr *peer, application_id_t app);
/* 1 when dest_host (if it is one of our peers), or else any peer, is OPEN and serves app. */
int dk_app_peer_open(const char *dest_host, application_id_t app);
/* Wait until a peer serving one of the n applications is OPEN: 0, or ETIMEDOUT. */
int dk_wait_app_peer(const char *dest_host, const application_id_t *apps, size_t n, int timeout_ms);
/* The same with a peer of that realm (the realm it gave in its CER/CEA) unless dest_host is one of
 * our peers. */
int dk_wait_realm_peer(const char *dest_host, const char *realm, const application_id_t *apps, size_t n,
		       int timeout_ms);

/* ---- the core's own error answers (error_answer.c) ---------------------------------------- */

/* Answers freeDiameter makes itself to requests of 'command' in 'application' that it rejects
 * before dispatch are passed to complete(ans, req) before they leave, so that the server adds what
 * the answer's ABNF requires. The struct must live until dk_error_completion_stop. */
struct dk_error_completion {
	command_code_t command;
	application_id_t application;
	void (*complete)(struct msg *ans, struct msg *req);
	struct fd_hook_hdl *hook;
};
int dk_error_completion_start(struct dk_error_completion *c);
void dk_error_completion_stop(struct dk_error_completion *c);

/* A top-level vendor-0 Unsigned32 / Enumerated value of a request, read from the AVP headers (the
 * core may not have resolved a rejected request against the dictionary), or 'absent'. */
uint32_t dk_request_u32(struct msg *req, avp_code_t code, uint32_t absent);
/* Add model = value to parent unless it already has one. */
int dk_add_u32_if_missing(msg_or_avp *parent, struct dict_object *model, uint32_t value);

/* ---- a background thread (worker.c) ------------------------------------------------------- */

/* One thread that waits on wake for work until it is told to stop. Its loop holds lock while it
 * looks at its work and at stopping, and returns once stopping is set; whoever gives it work
 * changes that work under lock and signals wake. */
struct dk_worker {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t thread;
	int stopping; /* under lock */
	int running;
};
/* Initialise lock and wake (whose timed waits count on clock: CLOCK_REALTIME or CLOCK_MONOTONIC),
 * then start run(arg): 0, or an errno with nothing started. */
int dk_worker_start(struct dk_worker *w, clockid_t clock, void *(*run)(void *), void *arg);
/* Set stopping, wake the thread, wait for it to return, then destroy lock and wake; nothing when
 * it is not running. The work it left is the caller's to release afterwards. */
void dk_worker_stop(struct dk_worker *w);

/* ---- group commit (group_commit.c) ------------------------------------------------------- */

/* The link of a queued job: the first member of the caller's job struct, so that a batch's jobs
 * are found by casting back. */
struct dk_gc_job {
	struct dk_gc_job *next;
};

/* A queue and its writer thread. Set the first fields, then dk_gc_start. */
struct dk_group_commit {
	const char *thread_name;
	size_t max_batch; /* jobs per batch at most (0: 1) */
	int window_ms;    /* how long the writer waits for more after the first job (0: not at all) */
	/* On the writer thread: commit the n jobs of batch (linked by next) in one transaction; what
	 * it returns goes to answer(), which then answers (and frees) each job. */
	int (*commit)(struct dk_gc_job *batch, size_t n);
	void (*answer)(struct dk_gc_job *batch, size_t n, int committed);
	/* NULL, or whether job may not be queued beside other (waiting, or in the batch being
	 * committed): called with the queue's lock held. */
	int (*conflicts)(const struct dk_gc_job *job, const struct dk_gc_job *other);
	/* the writer's state */
	struct dk_worker writer;
	struct dk_gc_job *head, **tail, *writing; /* under writer.lock */
};
int dk_gc_start(struct dk_group_commit *g);
/* Queue job: 0, or 1 (job not queued, still the caller's) when it conflicts with a job waiting or
 * being committed. */
int dk_gc_push(struct dk_group_commit *g, struct dk_gc_job *job);
/* Write what is queued, then stop the writer. */
void dk_gc_stop(struct dk_group_commit *g);

/* ---- Session-Ids of a client (session_id.c) ---------------------------------------------- */

/* What a client's Session-Ids share; dk_sid_maker_init once the node's identity is known. */
struct dk_sid_maker {
	char prefix[320]; /* "<our identity>;<opening time>;" */
	char suffix[48];  /* ";<pid>.<ns>" */
	uint32_t count;   /* the low part of the last Session-Id made, atomically incremented */
};
void dk_sid_maker_init(struct dk_sid_maker *m);
/* A new Session-Id (malloc'ed), or NULL. */
char *dk_sid_new(struct dk_sid_maker *m);
/* Add a new Session-Id to msg, without a freeDiameter session object: 0 or an errno. */
int dk_add_new_session_id(struct dk_sid_maker *m, struct msg *msg);

/* ---- realm routes (route.c) ---------------------------------------------------------------- */

struct dk_route;
/* Send the requests whose Destination-Realm is realm through the peer 'peer' (its identity), when
 * no peer of that realm is connected. Register after the dictionaries are loaded. */
int dk_route_add(const char *realm, const char *peer, struct dk_route **route);
/* Before fd_core_shutdown(): the core drops its routing callbacks when it stops. */
void dk_route_remove(struct dk_route *route);

/* ---- answers ----------------------------------------------------------------------------- */

/* Result of an answer as the client sees it: which AVP carried it, and the code. */
struct dk_result {
	uint32_t vendor; /* 0: Result-Code; else the Experimental-Result's Vendor-Id */
	uint32_t code;   /* 0 when the answer carried neither */
};

/* Add Result-Code with a numeric value (the name need not be in the dictionary), Origin-Host and
 * Origin-Realm, the E bit for protocol errors (3xxx), and Failed-AVP holding a copy of 'failed'
 * when it is not NULL. */
int dk_set_result(struct msg *ans, uint32_t code, struct avp *failed);
/* 5005 DIAMETER_MISSING_AVP as dk_set_result, its Failed-AVP holding an example of the missing
 * AVP of that model (dk_add_example), as RFC 6733 §7.5 asks. */
int dk_set_missing(struct msg *ans, struct dict_object *model);
/* The first AVP of parent (its groups searched too) of an Enumerated type with a value the
 * dictionary does not define, in *bad (NULL: none); 0 or an error code. Such a request is answered
 * 5004 DIAMETER_INVALID_AVP_VALUE with it in Failed-AVP (dk_set_result). (enum_check.c) */
int dk_find_undefined_enum(msg_or_avp *parent, struct avp **bad);

/* Add Experimental-Result { Vendor-Id, Experimental-Result-Code }, Origin-Host/Realm and Failed-AVP
 * holding a copy of 'failed' when not NULL. */
int dk_set_experimental_result(struct msg *ans, uint32_t vendor, uint32_t code, struct avp *failed);

/* Read an answer's result. */
int dk_get_result(struct msg *ans, struct dk_result *res);
/* The name of a Result-Code of RFC 6733 §7.1 or RFC 4006 §9 ("DIAMETER_SUCCESS"), or NULL. */
const char *dk_result_name(uint32_t code);
/* The code of the first AVP inside the answer's Failed-AVP; 0 when there is none. */
int dk_get_failed_avp_code(struct msg *ans, uint32_t *code);

#endif
