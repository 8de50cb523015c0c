/* The OCS store: credit accounts, reservations and processed credit-control requests in one LMDB
 * environment, shared by app_ocs.fdx and ocs-ctl (several processes may open it; LMDB serialises
 * writers). docs/ocs-store.md describes the layout.
 *
 * Money is an integer number of minor units of the account's currency (cents for EUR): no
 * floating point anywhere. A balance never goes below zero: every debit is checked against the
 * balance in the write transaction that makes it. Available credit = balance - the amounts of the
 * account's unexpired reservations (never below 0).
 *
 * Every write is one LMDB transaction, committed durably (fsync) before the function returns 0.
 * Functions return 0 or an errno-style code: ENOENT (no such account), EEXIST, EINVAL (bad input),
 * ERANGE (a balance would go below zero or overflow), EIO/ENOSPC/... (storage).
 * Thread-safe: one struct ocs_store may be used by many threads. */
#ifndef OCSSTORE_H
#define OCSSTORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "rating.h"

struct ocs_store;

#define OCS_MAX_ID 128          /* bytes of a Subscription-Id-Data */
#define OCS_MAX_SESSION 320     /* bytes of a Session-Id */
#define OCS_MAX_SERVICES 8      /* Multiple-Services-Credit-Control AVPs in one request */
#define OCS_MAX_SUBSCRIPTIONS 4 /* Subscription-Id AVPs in one request */

/* Subscription-Id-Type (RFC 4006 §8.47). */
enum ocs_id_type {
	OCS_ID_E164 = 0,
	OCS_ID_IMSI = 1,
	OCS_ID_SIP_URI = 2,
	OCS_ID_NAI = 3,
	OCS_ID_PRIVATE = 4,
};
#define OCS_ID_TYPE_MAX OCS_ID_PRIVATE

/* An account's key: the Subscription-Id. */
struct ocs_subscription {
	enum ocs_id_type type;
	char data[OCS_MAX_ID + 1]; /* NUL-terminated */
};

/* Open (create = 1: create the folder and files when missing) the store in folder 'path'. */
int ocs_store_open(const char *path, int create, struct ocs_store **store);
void ocs_store_close(struct ocs_store *store);

/* ---- accounts (ocs-ctl) ----------------------------------------------------------------------- */

struct ocs_account {
	struct ocs_subscription id;
	struct ocs_currency currency;
	uint64_t balance;   /* minor units */
	uint64_t reserved;  /* by unexpired reservations */
	uint64_t available; /* balance - reserved, or 0 */
};

struct ocs_reservation {
	char session_id[OCS_MAX_SESSION + 1];
	struct ocs_service_key service;
	uint64_t units;  /* rating units granted */
	uint64_t amount; /* minor units held */
	time_t expiry;
};

/* A new account with that balance: EEXIST when there is one. */
int ocs_account_create(struct ocs_store *store, const struct ocs_subscription *id, const struct ocs_currency *currency,
		       uint64_t balance);
/* Add delta (negative: remove) to the balance; ERANGE, and nothing changes, when the balance would
 * go below zero or overflow. *balance receives the new balance when not NULL. */
int ocs_account_credit(struct ocs_store *store, const struct ocs_subscription *id, int64_t delta, uint64_t *balance);
/* The account as seen at 'now', and (fn not NULL) each of its reservations, expired ones included
 * (their expiry tells). fn returns 0 to go on. */
int ocs_account_get(struct ocs_store *store, const struct ocs_subscription *id, time_t now, struct ocs_account *out,
		    int (*fn)(const struct ocs_reservation *r, void *arg), void *arg);
/* Call fn for every account, as seen at 'now', in key order (type, then data). */
int ocs_account_each(struct ocs_store *store, time_t now, int (*fn)(const struct ocs_account *a, void *arg),
		     void *arg);

/* ---- credit control (app_ocs.fdx) ------------------------------------------------------------- */

/* CC-Request-Type and Requested-Action (RFC 4006 §8.3, §8.41). */
enum ocs_request_type { OCS_INITIAL = 1, OCS_UPDATE = 2, OCS_TERMINATION = 3, OCS_EVENT = 4 };
enum ocs_action { OCS_DIRECT_DEBITING = 0, OCS_REFUND = 1, OCS_CHECK_BALANCE = 2, OCS_PRICE_ENQUIRY = 3 };

/* Result codes the store decides (RFC 4006 §9, RFC 6733). */
#define OCS_SUCCESS 2001
#define OCS_CREDIT_LIMIT_REACHED 4012
#define OCS_UNKNOWN_SESSION_ID 5002
#define OCS_UNABLE_TO_COMPLY 5012
#define OCS_USER_UNKNOWN 5030
#define OCS_RATING_FAILED 5031

/* CHECK_BALANCE's answer (Check-Balance-Result, RFC 4006 §8.6). */
enum ocs_balance_check { OCS_NO_CHECK = -1, OCS_ENOUGH_CREDIT = 0, OCS_NO_CREDIT = 1 };

/* One service of a request (a Multiple-Services-Credit-Control, or the command-level service of
 * an event). Units are rating units of its rate (rating.h). */
struct ocs_service {
	struct ocs_service_key key;
	int rated;              /* 0: not in the rating table (5031) */
	struct ocs_rate rate;
	int has_requested;      /* Requested-Service-Unit present */
	uint64_t requested;     /* 0: as many as the rate grants */
	uint64_t used;          /* Used-Service-Unit, 0 when absent */
	/* the answer: */
	uint32_t result;
	uint64_t granted;       /* units granted (reserved, debited or refunded) */
	uint32_t validity;      /* seconds, with a grant that is a reservation */
};

/* One Credit-Control-Request, decoded and rated, and (after ocs_store_process) its answer. */
struct ocs_ccr {
	char session_id[OCS_MAX_SESSION + 1];
	uint32_t number;                 /* CC-Request-Number */
	enum ocs_request_type type;
	enum ocs_action action;          /* with OCS_EVENT */
	size_t n_subscriptions;          /* the account is the first of these that exists; none: the
	                                  * session's (UPDATE, TERMINATION: 5002 when its INITIAL
	                                  * found no account), or a price enquiry's, which needs none */
	struct ocs_subscription subscriptions[OCS_MAX_SUBSCRIPTIONS];
	struct ocs_currency default_currency; /* for a price enquiry without an account */
	size_t n_services;
	struct ocs_service services[OCS_MAX_SERVICES];
	time_t now;
	/* the answer: */
	uint32_t result;                 /* command level */
	int replayed;                    /* 1: already processed; the stored answer is given again */
	enum ocs_balance_check balance_check;
	int has_cost;                    /* Cost-Information: */
	uint64_t cost;                   /* minor units of 'currency' */
	struct ocs_currency currency;
};

/* How long a processed request is remembered, to answer its retransmissions from the store
 * (seconds; 0: for ever). Older records are forgotten a few at a time by ocs_store_process. */
#define OCS_DEFAULT_REPLAY_MEMORY 300
void ocs_store_set_replay_memory(struct ocs_store *store, uint32_t seconds);

/* Process the requests in order, in ONE write transaction committed durably before this returns
 * (group commit). Each request gets its answer in its own fields; one already processed (same
 * Session-Id and CC-Request-Number) changes nothing and gets the stored answer (replayed = 1).
 * Returns 0 when the transaction committed, else an errno code and nothing was written (no
 * answer is valid). */
int ocs_store_process(struct ocs_store *store, struct ocs_ccr *ccrs, size_t count);

#endif
