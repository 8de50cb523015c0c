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
#include <string.h>

#include "store_int.h"

/* The account a request works on, read once and written back when changed. */
struct account_state {
	struct ocs_store *store;
	MDB_txn *txn;
	const struct ocs_subscription *id;
	struct account_rec rec; /* its reservations, once opened, are all held */
	int changed;
};

static uint64_t available(const struct account_state *a)
{
	return a->rec.balance > a->rec.reserved ? a->rec.balance - a->rec.reserved : 0;
}

/* Debit up to the balance: the check and the write are in the same transaction. */
static void debit_capped(struct account_state *a, uint64_t amount)
{
	if (amount > a->rec.balance)
		amount = a->rec.balance;
	a->rec.balance -= amount;
	a->changed |= amount != 0;
}

static void unhold(struct account_state *a, uint64_t amount)
{
	a->rec.reserved -= amount;
	a->changed |= amount != 0;
}

/* Read the account and purge its expired reservations: released, not debited. */
static int account_open(struct account_state *a, time_t now)
{
	uint64_t expired = 0;
	int rc = ocs_account_read(a->store, a->txn, a->id, &a->rec);

	if (rc == 0)
		rc = ocs_reservations_expired(a->store, a->txn, a->id, now, 1, &expired);
	unhold(a, expired);
	return rc;
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
	uint64_t amount;
	int rc = ocs_reservation_take(a->store, a->txn, a->id, session, service, &amount);

	unhold(a, amount);
	return rc;
}

static int reserve(struct account_state *a, const struct ocs_ccr *c, struct ocs_service *s)
{
	struct reservation_rec r;
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
	a->rec.reserved += r.amount;
	a->changed = 1;
	return ocs_reservation_put(a->store, a->txn, a->id, c->session_id, &s->key, &r);
}

/* The price of the used units, INT64_MAX when it overflows (the debit stops at the balance). */
static uint64_t used_cost(const struct ocs_service *s)
{
	uint64_t cost;

	return ocs_cost(&s->rate, s->used, &cost) ? INT64_MAX : cost;
}

static int release_session(struct account_state *a, const char *session)
{
	uint64_t amount;
	int rc = ocs_reservations_take_session(a->store, a->txn, a->id, session, &amount);

	unhold(a, amount);
	return rc;
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

/* The account of a session, when its INITIAL_REQUEST found one (into *id). */
static int session_account(struct account_state *a, const struct ocs_ccr *c, struct ocs_subscription *id)
{
	unsigned char key[KEY_MAX];
	MDB_val k = mval(c->session_id, strlen(c->session_id)), v;
	int rc = mdb_get(a->txn, a->store->dbi[DB_SESSIONS], &k, &v);

	if (rc)
		return rc;
	if (v.mv_size < 2 || v.mv_size > 1 + OCS_MAX_ID)
		return MDB_CORRUPTED;
	memcpy(key, v.mv_data, v.mv_size);
	id->type = (enum ocs_id_type)key[0];
	memcpy(id->data, key + 1, v.mv_size - 1);
	id->data[v.mv_size - 1] = '\0';
	a->id = id;
	return account_open(a, c->now);
}

/* Remember the session's account from its INITIAL_REQUEST, forget it at its TERMINATION. */
static int session_note(struct account_state *a, const struct ocs_ccr *c)
{
	unsigned char key[KEY_MAX];
	MDB_val k = mval(c->session_id, strlen(c->session_id)), v = mval(key, ocs_account_key(a->id, key));
	int rc = 0;

	if (c->type == OCS_INITIAL)
		rc = mdb_put(a->txn, a->store->dbi[DB_SESSIONS], &k, &v, 0);
	else if (c->type == OCS_TERMINATION)
		rc = mdb_del(a->txn, a->store->dbi[DB_SESSIONS], &k, NULL);
	return rc == MDB_NOTFOUND ? 0 : rc;
}

static int charge(struct ocs_store *s, MDB_txn *txn, struct ocs_ccr *c)
{
	struct account_state a = { .store = s, .txn = txn };
	struct ocs_subscription id;
	int rc;

	if (c->n_subscriptions == 0 && c->type == OCS_EVENT && c->action == OCS_PRICE_ENQUIRY) {
		/* a price needs no account */
		event_charging(&a, c);
		c->result = command_result(c);
		return 0;
	}
	if (c->n_subscriptions == 0 && (c->type == OCS_UPDATE || c->type == OCS_TERMINATION)) {
		/* RFC 4006 §5.2: the Subscription-Id is for the first interrogation; later ones may
		 * rely on the session */
		rc = session_account(&a, c, &id);
		if (rc == MDB_NOTFOUND) {
			c->result = OCS_UNKNOWN_SESSION_ID;
			return 0;
		}
	} else {
		rc = account_find(&a, c);
		if (rc == MDB_NOTFOUND) {
			c->result = OCS_USER_UNKNOWN;
			return 0;
		}
	}
	if (rc)
		return rc;
	c->currency = a.rec.currency;
	if (c->type == OCS_EVENT)
		event_charging(&a, c);
	else if (!(rc = session_charging(&a, c)))
		rc = session_note(&a, c);
	c->result = command_result(c);
	return rc ? rc : account_save(&a);
}

static int process_one(struct ocs_store *s, MDB_txn *txn, struct ocs_ccr *c)
{
	unsigned char key[KEY_MAX];
	int found = 0, rc;

	if (!ocs_request_key(c->session_id, c->number, key) || c->n_services > OCS_MAX_SERVICES ||
	    c->n_subscriptions > OCS_MAX_SUBSCRIPTIONS) {
		c->result = OCS_UNABLE_TO_COMPLY; /* the application checks lengths: not reached */
		return 0;
	}
	if ((rc = ocs_replay_find(s, txn, c, &found)) || found)
		return rc;
	answer_clear(c);
	if ((rc = charge(s, txn, c)))
		return rc;
	return ocs_replay_remember(s, txn, c);
}

int ocs_store_process(struct ocs_store *s, struct ocs_ccr *ccrs, size_t count)
{
	MDB_txn *txn;
	int rc = mdb_txn_begin(s->env, NULL, 0, &txn);

	if (rc)
		return lmdb_errno(rc);
	/* forget a little more than is remembered, so that the records stay bounded */
	if (count && s->replay_memory)
		rc = ocs_replay_forget(s, txn, ccrs[0].now - (time_t)s->replay_memory, 2 * count + 16);
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = process_one(s, txn, &ccrs[i]);
	if (rc == 0)
		rc = mdb_txn_commit(txn);
	else
		mdb_txn_abort(txn);
	return lmdb_write_errno(s->env, rc);
}
