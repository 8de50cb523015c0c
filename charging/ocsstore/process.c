/* Credit control in the store: what a Credit-Control-Request does to an account, applied to a batch
 * of requests in one write transaction (group commit).
 *
 * Rules (docs/ocs-store.md):
 * - expiry is decided lazily: a reservation whose expiry has passed counts for nothing, and is
 *   deleted (released, not debited) by the first request that touches its account;
 * - INITIAL / UPDATE: per service, the session's previous reservation is released, the used units
 *   are debited, then (when units are requested, always for INITIAL) a new reservation of at most
 *   the rate's units per grant is made from the available credit: 4012 when not one unit is
 *   affordable;
 * - TERMINATION: used units are debited and every reservation of the session is released;
 * - used units are debited at the rate's price even beyond what was granted, but only up to the
 *   balance: what the balance cannot cover is written off, the balance stops at zero;
 * - EVENT: direct debiting takes the price of the requested units (1 when none) when the available
 *   credit covers it, else 4012; a refund adds it; a balance check compares it with the available
 *   credit; a price enquiry only computes it. */
#include <errno.h>
#include <string.h>

#include "store_int.h"

/* The account a request works on, read once and written back when changed. */
struct account_state {
	struct ocs_store *store;
	MDB_txn *txn;
	const struct ocs_subscription *id;
	struct account_rec rec;
	uint64_t reserved; /* held by unexpired reservations */
	int changed;
};

static uint64_t available(const struct account_state *a)
{
	return a->rec.balance > a->reserved ? a->rec.balance - a->reserved : 0;
}

/* Debit up to the balance: the check and the write are in the same transaction. */
static void debit_capped(struct account_state *a, uint64_t amount)
{
	if (amount > a->rec.balance)
		amount = a->rec.balance;
	a->rec.balance -= amount;
	a->changed |= amount != 0;
}

static int account_open(struct account_state *a, time_t now)
{
	int rc = ocs_account_read(a->store, a->txn, a->id, &a->rec);

	return rc ? rc : ocs_account_reserved(a->store, a->txn, a->id, now, 1, &a->reserved);
}

static int account_save(struct account_state *a)
{
	unsigned char key[KEY_MAX];
	MDB_val k = mval(key, ocs_account_key(a->id, key)), v = mval(&a->rec, sizeof a->rec);

	return a->changed ? mdb_put(a->txn, a->store->dbi[DB_ACCOUNTS], &k, &v, 0) : 0;
}

/* Release the session's reservation of one service, if any. */
static int release(struct account_state *a, const char *session, const struct ocs_service_key *service)
{
	unsigned char key[KEY_MAX];
	MDB_val k = mval(key, ocs_reservation_key(a->id, session, service, key)), v;
	struct reservation_rec r;
	int rc = mdb_get(a->txn, a->store->dbi[DB_RESERVATIONS], &k, &v);

	if (rc == MDB_NOTFOUND)
		return 0;
	if (rc == 0 && v.mv_size != sizeof r)
		rc = MDB_CORRUPTED;
	if (rc)
		return rc;
	memcpy(&r, v.mv_data, sizeof r);
	/* expired ones were purged when the account was opened */
	a->reserved -= r.amount;
	return mdb_del(a->txn, a->store->dbi[DB_RESERVATIONS], &k, NULL);
}

static int reserve(struct account_state *a, const struct ocs_ccr *c, struct ocs_service *s)
{
	unsigned char key[KEY_MAX];
	struct reservation_rec r;
	MDB_val k = mval(key, ocs_reservation_key(a->id, c->session_id, &s->key, key)), v = mval(&r, sizeof r);
	uint64_t units = ocs_affordable_units(&s->rate, available(a), s->requested);

	if (units == 0) {
		s->result = OCS_CREDIT_LIMIT_REACHED;
		return 0;
	}
	memset(&r, 0, sizeof r);
	r.units = units;
	r.amount = units * s->rate.price; /* affordable: within the balance */
	r.expiry = s->rate.validity ? (int64_t)c->now + s->rate.validity : 0;
	s->granted = units;
	s->validity = s->rate.validity;
	a->reserved += r.amount;
	return mdb_put(a->txn, a->store->dbi[DB_RESERVATIONS], &k, &v, 0);
}

/* The price of the used units, INT64_MAX when it overflows (the debit stops at the balance). */
static uint64_t used_cost(const struct ocs_service *s)
{
	uint64_t cost;

	return ocs_cost(&s->rate, s->used, &cost) ? INT64_MAX : cost;
}

/* Release one reservation of the session (after the purge, every one left is held). */
static int release_entry(MDB_cursor *c, MDB_val *key, MDB_val *val, void *arg)
{
	struct account_state *a = arg;
	struct reservation_rec r;

	(void)key;
	if (val->mv_size != sizeof r)
		return MDB_CORRUPTED;
	memcpy(&r, val->mv_data, sizeof r);
	a->reserved -= r.amount;
	return mdb_cursor_del(c, 0);
}

static int release_session(struct account_state *a, const char *session)
{
	unsigned char prefix[KEY_MAX];

	return ocs_db_each_prefix(a->txn, a->store->dbi[DB_RESERVATIONS], prefix,
			      ocs_reservation_prefix(a->id, session, prefix), release_entry, a);
}

static int session_charging(struct account_state *a, struct ocs_ccr *c)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < c->n_services; i++) {
		struct ocs_service *s = &c->services[i];

		if (!s->rated) {
			s->result = OCS_RATING_FAILED;
			continue;
		}
		s->result = OCS_SUCCESS;
		if ((rc = release(a, c->session_id, &s->key)))
			break;
		debit_capped(a, used_cost(s));
		if (c->type == OCS_INITIAL || (c->type == OCS_UPDATE && s->has_requested))
			rc = reserve(a, c, s);
	}
	if (rc == 0 && c->type == OCS_TERMINATION)
		rc = release_session(a, c->session_id);
	return rc;
}

/* The price of what an event asks for (1 unit when it names no amount). */
static uint64_t event_cost(const struct ocs_service *s, uint64_t *units)
{
	*units = s->has_requested && s->requested ? s->requested : 1;
	return used_cost(&(struct ocs_service){ .rate = s->rate, .used = *units });
}

static void event_charging(struct account_state *a, struct ocs_ccr *c)
{
	uint64_t total = 0;

	for (size_t i = 0; i < c->n_services; i++) {
		struct ocs_service *s = &c->services[i];
		uint64_t units, cost;

		if (!s->rated) {
			s->result = OCS_RATING_FAILED;
			continue;
		}
		cost = event_cost(s, &units);
		s->result = OCS_SUCCESS;
		switch (c->action) {
		case OCS_DIRECT_DEBITING:
			if (cost > available(a)) {
				s->result = OCS_CREDIT_LIMIT_REACHED;
				continue;
			}
			debit_capped(a, cost);
			break;
		case OCS_REFUND:
			if (cost > INT64_MAX - a->rec.balance) {
				s->result = OCS_RATING_FAILED; /* no balance holds that much */
				continue;
			}
			a->rec.balance += cost;
			a->changed |= cost != 0;
			break;
		case OCS_CHECK_BALANCE:
		case OCS_PRICE_ENQUIRY:
			break;
		}
		if (c->action != OCS_CHECK_BALANCE && c->action != OCS_PRICE_ENQUIRY)
			s->granted = units;
		total = cost > INT64_MAX - total ? INT64_MAX : total + cost;
	}
	if (c->action == OCS_CHECK_BALANCE)
		c->balance_check = (c->n_services ? available(a) >= total : available(a) > 0) ? OCS_ENOUGH_CREDIT
											    : OCS_NO_CREDIT;
	else {
		c->has_cost = 1;
		c->cost = total;
	}
}

/* Command level: success when a service succeeded (or none was named), else the first one's
 * failure; an event that names no service cannot be rated (but a balance check can be made). */
static uint32_t command_result(const struct ocs_ccr *c)
{
	if (c->n_services == 0)
		return c->type == OCS_EVENT && c->action != OCS_CHECK_BALANCE ? OCS_RATING_FAILED : OCS_SUCCESS;
	for (size_t i = 0; i < c->n_services; i++)
		if (c->services[i].result == OCS_SUCCESS)
			return OCS_SUCCESS;
	return c->services[0].result;
}

static void answer_to_record(const struct ocs_ccr *c, struct answer_rec *r)
{
	memset(r, 0, sizeof *r);
	r->processed_at = (int64_t)c->now;
	r->result = c->result;
	r->balance_check = c->balance_check;
	r->has_cost = (uint32_t)c->has_cost;
	r->cost = c->cost;
	r->currency = c->currency;
	r->n_services = (uint32_t)c->n_services;
	for (size_t i = 0; i < c->n_services; i++) {
		r->services[i].result = c->services[i].result;
		r->services[i].validity = c->services[i].validity;
		r->services[i].granted = c->services[i].granted;
	}
}

static void record_to_answer(const struct answer_rec *r, struct ocs_ccr *c)
{
	c->result = r->result;
	c->balance_check = (enum ocs_balance_check)r->balance_check;
	c->has_cost = (int)r->has_cost;
	c->cost = r->cost;
	c->currency = r->currency;
	for (size_t i = 0; i < c->n_services && i < r->n_services; i++) {
		c->services[i].result = r->services[i].result;
		c->services[i].validity = r->services[i].validity;
		c->services[i].granted = r->services[i].granted;
	}
	c->replayed = 1;
}

static void answer_clear(struct ocs_ccr *c)
{
	c->result = OCS_SUCCESS;
	c->replayed = 0;
	c->balance_check = OCS_NO_CHECK;
	c->has_cost = 0;
	c->cost = 0;
	c->currency = c->default_currency;
	for (size_t i = 0; i < c->n_services; i++) {
		c->services[i].result = 0;
		c->services[i].granted = 0;
		c->services[i].validity = 0;
	}
}

/* The first of the request's Subscription-Ids that has an account. */
static int account_find(struct account_state *a, const struct ocs_ccr *c)
{
	int rc = MDB_NOTFOUND;

	for (size_t i = 0; rc == MDB_NOTFOUND && i < c->n_subscriptions; i++) {
		a->id = &c->subscriptions[i];
		rc = account_open(a, c->now);
	}
	return rc;
}

static int charge(struct ocs_store *s, MDB_txn *txn, struct ocs_ccr *c)
{
	struct account_state a = { .store = s, .txn = txn };
	int rc;

	if (c->n_subscriptions == 0 && c->type == OCS_EVENT && c->action == OCS_PRICE_ENQUIRY) {
		/* a price needs no account (the application lets no other request come without one) */
		event_charging(&a, c);
		c->result = command_result(c);
		return 0;
	}
	rc = account_find(&a, c);
	if (rc == MDB_NOTFOUND) {
		c->result = OCS_USER_UNKNOWN;
		return 0;
	}
	if (rc)
		return rc;
	c->currency = a.rec.currency;
	if (c->type == OCS_EVENT)
		event_charging(&a, c);
	else
		rc = session_charging(&a, c);
	c->result = command_result(c);
	return rc ? rc : account_save(&a);
}

static int process_one(struct ocs_store *s, MDB_txn *txn, struct ocs_ccr *c)
{
	unsigned char key[KEY_MAX];
	size_t n = ocs_request_key(c->session_id, c->number, key);
	MDB_val k = mval(key, n), v;
	struct answer_rec rec;
	int rc;

	if (!n || c->n_services > OCS_MAX_SERVICES || c->n_subscriptions > OCS_MAX_SUBSCRIPTIONS) {
		c->result = OCS_UNABLE_TO_COMPLY; /* the application checks lengths: not reached */
		return 0;
	}
	rc = mdb_get(txn, s->dbi[DB_REQUESTS], &k, &v);
	if (rc == 0 && v.mv_size == sizeof rec) {
		memcpy(&rec, v.mv_data, sizeof rec);
		record_to_answer(&rec, c);
		return 0;
	}
	if (rc != MDB_NOTFOUND)
		return rc ? rc : MDB_CORRUPTED;
	answer_clear(c);
	if ((rc = charge(s, txn, c)))
		return rc;
	answer_to_record(c, &rec);
	v = mval(&rec, sizeof rec);
	return mdb_put(txn, s->dbi[DB_REQUESTS], &k, &v, 0);
}

int ocs_store_process(struct ocs_store *s, struct ocs_ccr *ccrs, size_t count)
{
	MDB_txn *txn;
	int rc = mdb_txn_begin(s->env, NULL, 0, &txn);

	if (rc)
		return ocs_errno(rc);
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = process_one(s, txn, &ccrs[i]);
	if (rc == 0)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	return ocs_errno(rc);
}
