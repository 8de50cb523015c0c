/* The OCS store: accounts, and what credit-control requests do to them (reserve, debit, release,
 * expiry, never below zero, replayed requests), read back through the store's own API. */
#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ocsstore.h"

#define T0 1700000000 /* "now" of the requests */

static const struct ocs_rate per_second = { OCS_UNIT_TIME, 2, 60, 30 }; /* 2 cents a second, 60 s, 30 s valid */
static const struct ocs_rate per_event = { OCS_UNIT_EVENT, 150, 1, 0 };

struct fixture {
	char dir[64];
	struct ocs_store *store;
	struct ocs_subscription alice;
	struct ocs_currency eur;
};

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/ocsstore-test-XXXXXX");
	if (!mkdtemp(f->dir) || ocs_store_open(f->dir, 1, &f->store) || ocs_currency_find("EUR", &f->eur))
		return -1;
	f->alice.type = OCS_ID_E164;
	strcpy(f->alice.data, "33600000001");
	if (ocs_account_create(f->store, &f->alice, &f->eur, 1000)) /* 10.00 EUR */
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	ocs_store_close(f->store);
	nftw(f->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static struct ocs_ccr ccr(struct fixture *f, const char *session, uint32_t number, enum ocs_request_type type)
{
	struct ocs_ccr c;

	memset(&c, 0, sizeof c);
	snprintf(c.session_id, sizeof c.session_id, "%s", session);
	c.number = number;
	c.type = type;
	c.n_subscriptions = 1;
	c.subscriptions[0] = f->alice;
	c.default_currency = f->eur;
	c.now = T0;
	return c;
}

static struct ocs_service *add_service(struct ocs_ccr *c, uint32_t rating_group, const struct ocs_rate *rate)
{
	struct ocs_service *s = &c->services[c->n_services++];

	s->key.kind = OCS_RATING_GROUP;
	s->key.id = rating_group;
	if (rate) {
		s->rated = 1;
		s->rate = *rate;
	}
	return s;
}

static void process(struct fixture *f, struct ocs_ccr *c)
{
	assert_int_equal(ocs_store_process(f->store, c, 1), 0);
}

static struct ocs_account account_at(struct fixture *f, time_t now)
{
	struct ocs_account a;

	assert_int_equal(ocs_account_get(f->store, &f->alice, now, &a, NULL, NULL), 0);
	return a;
}

static void assert_money(struct fixture *f, time_t now, uint64_t balance, uint64_t available)
{
	struct ocs_account a = account_at(f, now);

	assert_int_equal(a.balance, balance);
	assert_int_equal(a.available, available);
}

static void accounts(void **state)
{
	struct fixture *f = *state;
	struct ocs_subscription bob = { OCS_ID_SIP_URI, "sip:bob@home.test" }, nobody = { OCS_ID_IMSI, "0010100" };
	struct ocs_account a;
	uint64_t balance;

	assert_int_equal(ocs_account_create(f->store, &f->alice, &f->eur, 5), EEXIST);
	assert_int_equal(ocs_account_create(f->store, &bob, &f->eur, 0), 0);
	/* the same data under another type is another account */
	assert_int_equal(ocs_account_get(f->store, &(struct ocs_subscription){ OCS_ID_IMSI, "33600000001" }, T0, &a,
					 NULL, NULL),
			 ENOENT);
	assert_int_equal(ocs_account_credit(f->store, &bob, 250, &balance), 0);
	assert_int_equal(balance, 250);
	assert_int_equal(ocs_account_credit(f->store, &bob, -251, &balance), ERANGE); /* never below zero */
	assert_int_equal(ocs_account_credit(f->store, &bob, -250, &balance), 0);
	assert_int_equal(balance, 0);
	assert_int_equal(ocs_account_credit(f->store, &bob, INT64_MAX, &balance), 0);
	assert_int_equal(ocs_account_credit(f->store, &bob, 1, &balance), ERANGE); /* nor past int64 */
	assert_int_equal(ocs_account_credit(f->store, &nobody, 1, &balance), ENOENT);
	assert_int_equal(ocs_account_create(f->store, &(struct ocs_subscription){ 9, "x" }, &f->eur, 0), EINVAL);
	assert_int_equal(ocs_account_create(f->store, &(struct ocs_subscription){ OCS_ID_NAI, "" }, &f->eur, 0),
			 EINVAL);
	assert_int_equal(ocs_account_get(f->store, &bob, T0, &a, NULL, NULL), 0);
	assert_string_equal(a.currency.name, "EUR");
	assert_int_equal(a.id.type, OCS_ID_SIP_URI);
}

static int count_accounts(const struct ocs_account *a, void *arg)
{
	(void)a;
	++*(int *)arg;
	return 0;
}

static void listing(void **state)
{
	struct fixture *f = *state;
	int n = 0;

	assert_int_equal(ocs_account_create(f->store, &(struct ocs_subscription){ OCS_ID_NAI, "carol@x" }, &f->eur, 1),
			 0);
	assert_int_equal(ocs_account_each(f->store, T0, count_accounts, &n), 0);
	assert_int_equal(n, 2);
}

/* INITIAL reserves, UPDATE debits and reserves again, TERMINATION debits and releases. */
static void session_arithmetic(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "s1", 0, OCS_INITIAL);
	struct ocs_service *s = add_service(&c, 10, &per_second);

	s->has_requested = 1;
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(s->result, OCS_SUCCESS);
	assert_int_equal(s->granted, 60);
	assert_int_equal(s->validity, 30);
	assert_string_equal(c.currency.name, "EUR");
	assert_money(f, T0, 1000, 1000 - 120);

	c = ccr(f, "s1", 1, OCS_UPDATE);
	s = add_service(&c, 10, &per_second);
	s->used = 45;
	s->has_requested = 1;
	s->requested = 20;
	process(f, &c);
	assert_int_equal(s->granted, 20);
	assert_money(f, T0, 1000 - 90, 1000 - 90 - 40);

	c = ccr(f, "s1", 2, OCS_TERMINATION);
	s = add_service(&c, 10, &per_second);
	s->used = 12;
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(s->granted, 0);
	assert_money(f, T0, 1000 - 90 - 24, 1000 - 90 - 24);
}

/* UPDATE and TERMINATION without Subscription-Id charge the account the INITIAL found; a session
 * the OCS does not know is 5002. */
static void session_remembers_its_account(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "n1", 0, OCS_INITIAL);
	struct ocs_service *s;

	add_service(&c, 10, &per_second);
	process(f, &c);
	c = ccr(f, "n1", 1, OCS_UPDATE);
	c.n_subscriptions = 0;
	s = add_service(&c, 10, &per_second);
	s->used = 10;
	s->has_requested = 1;
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(s->granted, 60);
	assert_money(f, T0, 980, 860);
	c = ccr(f, "n1", 2, OCS_TERMINATION);
	c.n_subscriptions = 0;
	s = add_service(&c, 10, &per_second);
	s->used = 5;
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_money(f, T0, 970, 970);
	/* the session is over: forgotten */
	c = ccr(f, "n1", 3, OCS_UPDATE);
	c.n_subscriptions = 0;
	process(f, &c);
	assert_int_equal(c.result, OCS_UNKNOWN_SESSION_ID);
	c = ccr(f, "n2", 1, OCS_TERMINATION);
	c.n_subscriptions = 0;
	process(f, &c);
	assert_int_equal(c.result, OCS_UNKNOWN_SESSION_ID);
	assert_money(f, T0, 970, 970);
}

static int count_reservations(const struct ocs_reservation *r, void *arg)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

/* TERMINATION releases the reservations of every service of the session, named or not. */
static void termination_releases_all(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "s2", 0, OCS_INITIAL);
	struct ocs_account a;
	int n = 0;

	add_service(&c, 10, &per_second);
	add_service(&c, 11, &per_second);
	process(f, &c);
	assert_int_equal(ocs_account_get(f->store, &f->alice, T0, &a, count_reservations, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(a.reserved, 240);
	c = ccr(f, "s2", 1, OCS_TERMINATION);
	process(f, &c);
	n = 0;
	assert_int_equal(ocs_account_get(f->store, &f->alice, T0, &a, count_reservations, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(a.balance, 1000);
	assert_int_equal(a.available, 1000);
}

struct held {
	time_t now;
	uint64_t sum;
	int records;
};

static int sum_held(const struct ocs_reservation *r, void *arg)
{
	struct held *h = arg;

	h->records++;
	if (!r->expiry || r->expiry > h->now)
		h->sum += r->amount;
	return 0;
}

/* At any time the account's reserved amount is the sum of its records still held; a write purges
 * exactly the expired ones. */
static void reserved_is_the_sum_of_held_records(void **state)
{
	struct fixture *f = *state;
	struct ocs_account a;
	struct held h;

	for (uint32_t i = 0; i < 6; i++) {
		char session[16];
		struct ocs_ccr c;

		snprintf(session, sizeof session, "h%u", i);
		c = ccr(f, session, 0, OCS_INITIAL);
		/* validity 10, 20, ... 50 s, and one without */
		add_service(&c, 10, &(struct ocs_rate){ OCS_UNIT_TIME, 1, 10 + i, i < 5 ? 10 * (i + 1) : 0 });
		c.now = T0 + i;
		process(f, &c);
	}
	for (time_t t = T0; t <= T0 + 60; t += 7) {
		h = (struct held){ t, 0, 0 };
		assert_int_equal(ocs_account_get(f->store, &f->alice, t, &a, sum_held, &h), 0);
		assert_int_equal(a.reserved, h.sum);
		assert_int_equal(h.records, 6);
	}
	/* at T0 + 32: the ones of 10, 20 and 30 s have expired (at T0 + 10, 21, 32) */
	struct ocs_ccr c = ccr(f, "h9", 0, OCS_EVENT);
	c.action = OCS_CHECK_BALANCE;
	c.now = T0 + 32;
	process(f, &c);
	h = (struct held){ T0 + 32, 0, 0 };
	assert_int_equal(ocs_account_get(f->store, &f->alice, T0 + 32, &a, sum_held, &h), 0);
	assert_int_equal(h.records, 3);
	assert_int_equal(a.reserved, h.sum);
	assert_int_equal(a.reserved, 13 + 14 + 15);
}

/* A reservation past its Validity-Time holds nothing and is released, not debited. */
static void expiry(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "s3", 0, OCS_INITIAL);
	struct ocs_account a;
	struct ocs_service *s;
	int n = 0;

	add_service(&c, 10, &per_second);
	process(f, &c);
	assert_money(f, T0 + 29, 1000, 880);
	assert_money(f, T0 + 30, 1000, 1000); /* expired at T0 + 30 */
	/* another session reserving after the expiry may use all the credit */
	c = ccr(f, "s4", 0, OCS_INITIAL);
	c.now = T0 + 31;
	s = add_service(&c, 10, &(struct ocs_rate){ OCS_UNIT_TIME, 10, 1000, 0 });
	process(f, &c);
	assert_int_equal(s->granted, 100);
	assert_int_equal(s->validity, 0);
	/* and the expired one was dropped on the way */
	assert_int_equal(ocs_account_get(f->store, &f->alice, T0, &a, count_reservations, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(a.reserved, 1000); /* validity 0: held until the session ends */
}

/* 4012 when not one unit is affordable; a partial grant when some are. */
static void credit_limit(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "s5", 0, OCS_INITIAL);
	struct ocs_service *s = add_service(&c, 10, &(struct ocs_rate){ OCS_UNIT_TIME, 30, 100, 30 });

	process(f, &c);
	assert_int_equal(s->granted, 33); /* 990 of 1000 */
	c = ccr(f, "s6", 0, OCS_INITIAL);
	s = add_service(&c, 10, &(struct ocs_rate){ OCS_UNIT_TIME, 30, 100, 30 });
	process(f, &c);
	assert_int_equal(c.result, OCS_CREDIT_LIMIT_REACHED);
	assert_int_equal(s->result, OCS_CREDIT_LIMIT_REACHED);
	assert_int_equal(s->granted, 0);
	/* one service refused, another granted: success at the command level */
	c = ccr(f, "s7", 0, OCS_INITIAL);
	add_service(&c, 10, &(struct ocs_rate){ OCS_UNIT_TIME, 30, 100, 30 });
	s = add_service(&c, 12, &(struct ocs_rate){ OCS_UNIT_TIME, 1, 100, 30 });
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(c.services[0].result, OCS_CREDIT_LIMIT_REACHED);
	assert_int_equal(s->result, OCS_SUCCESS);
	assert_int_equal(s->granted, 10);
	assert_money(f, T0, 1000, 0);
}

/* Used units beyond the grant are debited only up to the balance, which stops at zero. */
static void never_negative(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "s8", 0, OCS_INITIAL);
	struct ocs_service *s = add_service(&c, 10, &per_second);

	process(f, &c);
	c = ccr(f, "s8", 1, OCS_UPDATE);
	s = add_service(&c, 10, &per_second);
	s->used = 100000; /* 2000.00 EUR of use on a 10.00 EUR balance */
	s->has_requested = 1;
	process(f, &c);
	assert_int_equal(s->result, OCS_CREDIT_LIMIT_REACHED); /* nothing left to reserve */
	assert_int_equal(c.result, OCS_CREDIT_LIMIT_REACHED);
	assert_money(f, T0, 0, 0);
	/* and an overflowing price of use still stops at zero */
	c = ccr(f, "s8", 2, OCS_TERMINATION);
	s = add_service(&c, 10, &per_second);
	s->used = UINT64_MAX;
	process(f, &c);
	assert_money(f, T0, 0, 0);
}

/* A request processed again (same session and number) changes nothing and gets the same answer,
 * also within one batch. */
static void replay(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr batch[3];
	struct ocs_service *s;

	batch[0] = ccr(f, "s9", 0, OCS_EVENT);
	batch[0].action = OCS_DIRECT_DEBITING;
	s = add_service(&batch[0], 20, &per_event);
	s->has_requested = 1;
	s->requested = 2;
	batch[1] = batch[0];
	batch[2] = batch[0];
	batch[2].number = 1;
	assert_int_equal(ocs_store_process(f->store, batch, 3), 0);
	assert_int_equal(batch[0].replayed, 0);
	assert_int_equal(batch[1].replayed, 1);
	assert_int_equal(batch[2].replayed, 0);
	assert_int_equal(batch[1].result, OCS_SUCCESS);
	assert_int_equal(batch[1].services[0].granted, 2);
	assert_int_equal(batch[1].cost, 300);
	assert_money(f, T0, 400, 400); /* two debits, not three */
	/* again later, after the balance changed: the stored answer, not a new one */
	batch[0].now = T0 + 100;
	process(f, &batch[0]);
	assert_int_equal(batch[0].replayed, 1);
	assert_int_equal(batch[0].result, OCS_SUCCESS);
	assert_int_equal(batch[0].cost, 300);
	assert_money(f, T0, 400, 400);
	/* a replayed session request */
	batch[0] = ccr(f, "s10", 0, OCS_INITIAL);
	add_service(&batch[0], 10, &per_second);
	process(f, &batch[0]);
	batch[1] = batch[0];
	process(f, &batch[1]);
	assert_int_equal(batch[1].replayed, 1);
	assert_int_equal(batch[1].services[0].granted, 60);
	assert_money(f, T0, 400, 280);
}

static void events(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "e1", 0, OCS_EVENT);
	struct ocs_service *s;

	c.action = OCS_REFUND;
	s = add_service(&c, 20, &per_event);
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(s->granted, 1);
	assert_int_equal(c.cost, 150);
	assert_money(f, T0, 1150, 1150);

	c = ccr(f, "e2", 0, OCS_EVENT);
	c.action = OCS_CHECK_BALANCE;
	s = add_service(&c, 20, &per_event);
	s->has_requested = 1;
	s->requested = 7; /* 10.50 of 11.50 */
	process(f, &c);
	assert_int_equal(c.balance_check, OCS_ENOUGH_CREDIT);
	assert_int_equal(s->granted, 0);
	c = ccr(f, "e3", 0, OCS_EVENT);
	c.action = OCS_CHECK_BALANCE;
	s = add_service(&c, 20, &per_event);
	s->has_requested = 1;
	s->requested = 8; /* 12.00 */
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(c.balance_check, OCS_NO_CREDIT);

	c = ccr(f, "e4", 0, OCS_EVENT);
	c.action = OCS_PRICE_ENQUIRY;
	c.n_subscriptions = 0;
	s = add_service(&c, 10, &per_second);
	s->has_requested = 1;
	s->requested = 90;
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(c.has_cost, 1);
	assert_int_equal(c.cost, 180);
	assert_int_equal(c.currency.code, 978);

	c = ccr(f, "e5", 0, OCS_EVENT);
	c.action = OCS_DIRECT_DEBITING;
	s = add_service(&c, 20, &per_event);
	s->has_requested = 1;
	s->requested = 8;
	process(f, &c);
	assert_int_equal(c.result, OCS_CREDIT_LIMIT_REACHED);
	assert_int_equal(s->granted, 0);
	assert_money(f, T0, 1150, 1150); /* all or nothing */
	assert_int_equal(c.balance_check, OCS_NO_CHECK);
}

static void unknown_user_and_unrated_service(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "u1", 0, OCS_INITIAL);
	struct ocs_service *s;

	c.subscriptions[0].type = OCS_ID_IMSI;
	add_service(&c, 10, &per_second);
	process(f, &c);
	assert_int_equal(c.result, OCS_USER_UNKNOWN);
	/* the account is the first Subscription-Id that has one */
	c = ccr(f, "u1", 1, OCS_INITIAL);
	c.subscriptions[1] = c.subscriptions[0];
	c.subscriptions[0].type = OCS_ID_IMSI;
	c.n_subscriptions = 2;
	add_service(&c, 10, &per_second);
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_money(f, T0, 1000, 880);
	c = ccr(f, "u1", 2, OCS_TERMINATION);
	process(f, &c);

	c = ccr(f, "u2", 0, OCS_INITIAL);
	s = add_service(&c, 99, NULL);
	process(f, &c);
	assert_int_equal(c.result, OCS_RATING_FAILED);
	assert_int_equal(s->result, OCS_RATING_FAILED);
	assert_money(f, T0, 1000, 1000);

	c = ccr(f, "u3", 0, OCS_EVENT);
	c.action = OCS_DIRECT_DEBITING; /* no service: nothing to rate */
	process(f, &c);
	assert_int_equal(c.result, OCS_RATING_FAILED);
	c = ccr(f, "u4", 0, OCS_EVENT);
	c.action = OCS_CHECK_BALANCE; /* no service: is there any credit */
	process(f, &c);
	assert_int_equal(c.result, OCS_SUCCESS);
	assert_int_equal(c.balance_check, OCS_ENOUGH_CREDIT);
}

/* Processed requests are forgotten after the replay memory: the same request is then new. */
static void replay_memory(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "f1", 0, OCS_EVENT), later;

	ocs_store_set_replay_memory(f->store, 60);
	c.action = OCS_DIRECT_DEBITING;
	add_service(&c, 20, &per_event);
	later = c;
	process(f, &c);
	later.now = T0 + 59; /* still remembered */
	process(f, &later);
	assert_int_equal(later.replayed, 1);
	assert_money(f, T0, 850, 850);
	later = c;
	later.now = T0 + 61; /* forgotten by this batch, then processed as new */
	process(f, &later);
	assert_int_equal(later.replayed, 0);
	assert_money(f, T0, 700, 700);
	ocs_store_set_replay_memory(f->store, 0); /* for ever */
	later.now = T0 + 1000000;
	process(f, &later);
	assert_int_equal(later.replayed, 1);
}

static void reopen_keeps_everything(void **state)
{
	struct fixture *f = *state;
	struct ocs_ccr c = ccr(f, "r1", 0, OCS_INITIAL);

	add_service(&c, 10, &per_second);
	process(f, &c);
	ocs_store_close(f->store);
	assert_int_equal(ocs_store_open(f->dir, 0, &f->store), 0);
	assert_money(f, T0, 1000, 880);
	process(f, &c);
	assert_int_equal(c.replayed, 1);
	assert_int_equal(ocs_store_open("/nonexistent/ocs", 0, &(struct ocs_store *){ NULL }), ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(accounts, setup, teardown),
		cmocka_unit_test_setup_teardown(listing, setup, teardown),
		cmocka_unit_test_setup_teardown(session_arithmetic, setup, teardown),
		cmocka_unit_test_setup_teardown(termination_releases_all, setup, teardown),
		cmocka_unit_test_setup_teardown(session_remembers_its_account, setup, teardown),
		cmocka_unit_test_setup_teardown(expiry, setup, teardown),
		cmocka_unit_test_setup_teardown(reserved_is_the_sum_of_held_records, setup, teardown),
		cmocka_unit_test_setup_teardown(credit_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(never_negative, setup, teardown),
		cmocka_unit_test_setup_teardown(replay, setup, teardown),
		cmocka_unit_test_setup_teardown(events, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_user_and_unrated_service, setup, teardown),
		cmocka_unit_test_setup_teardown(replay_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(reopen_keeps_everything, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
