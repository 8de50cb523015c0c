/* ocs-ctl -d <store dir> <command> ...: the credit accounts of the lab OCS (app_ocs.fdx).
 * Money is given and printed as decimal text in the account's currency ("12.50"), never as a
 * floating-point number. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ocsstore.h"
#include "store_ctl.h"

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2
#define EXIT_STORAGE 3

/* Subscription-Id-Type names (RFC 4006 §8.47), by value. */
static const char *const id_types[] = { "e164", "imsi", "sip", "nai", "private" };

static int fail(int code, const char *fmt, const char *what, int err)
{
	fprintf(stderr, "ocs-ctl: ");
	fprintf(stderr, fmt, what);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	return code;
}

/* The account named by <type> <data>. */
static int parse_id(char **argv, struct ocs_subscription *id)
{
	size_t i;

	for (i = 0; i < sizeof id_types / sizeof id_types[0] && strcmp(argv[0], id_types[i]); i++)
		;
	if (i == sizeof id_types / sizeof id_types[0])
		return fail(EXIT_USAGE, "'%s' is not a Subscription-Id type (e164, imsi, sip, nai, private)", argv[0], 0);
	if (!argv[1][0] || strlen(argv[1]) > OCS_MAX_ID)
		return fail(EXIT_USAGE, "'%s' is not a Subscription-Id (1 to 128 characters)", argv[1], 0);
	id->type = (enum ocs_id_type)i;
	strcpy(id->data, argv[1]);
	return 0;
}

static int storage_error(const struct ocs_subscription *id, int err)
{
	if (err == ENOENT)
		return fail(EXIT_BAD_INPUT, "no account %s", id->data, 0);
	return fail(EXIT_STORAGE, "the store failed for %s", id->data, err);
}

static void print_money(const char *label, uint64_t minor, const struct ocs_currency *c)
{
	char text[32];

	ocs_money_format((int64_t)minor, c->digits, text, sizeof text);
	printf("%s %s\n", label, text);
}

static int cmd_init(void *store, int argc, char **argv)
{
	(void)store;
	(void)argc;
	(void)argv;
	return 0;
}

static int cmd_create(void *store, int argc, char **argv)
{
	struct ocs_subscription id;
	struct ocs_currency currency;
	int64_t balance;
	int rc;

	(void)argc;
	if ((rc = parse_id(argv, &id)))
		return rc;
	if (ocs_currency_find(argv[2], &currency))
		return fail(EXIT_USAGE, "'%s' is not a currency the OCS knows (EUR, USD, GBP, JPY, 978, ...)", argv[2], 0);
	if (ocs_money_parse(argv[3], currency.digits, &balance) || balance < 0)
		return fail(EXIT_USAGE, "'%s' is not an amount of that currency, 0 or more", argv[3], 0);
	rc = ocs_account_create(store, &id, &currency, (uint64_t)balance);
	if (rc == EEXIST)
		return fail(EXIT_BAD_INPUT, "account %s exists already", id.data, 0);
	return rc ? storage_error(&id, rc) : 0;
}

static int cmd_credit(void *store, int argc, char **argv)
{
	struct ocs_subscription id;
	struct ocs_account a;
	int64_t amount;
	uint64_t balance;
	int rc;

	(void)argc;
	if ((rc = parse_id(argv, &id)))
		return rc;
	if ((rc = ocs_account_get(store, &id, time(NULL), &a, NULL, NULL)))
		return storage_error(&id, rc);
	if (ocs_money_parse(argv[2], a.currency.digits, &amount))
		return fail(EXIT_USAGE, "'%s' is not an amount of the account's currency", argv[2], 0);
	rc = ocs_account_credit(store, &id, amount, &balance);
	if (rc == ERANGE)
		return fail(EXIT_BAD_INPUT, "the balance of %s cannot go below zero", id.data, 0);
	if (rc)
		return storage_error(&id, rc);
	print_money("balance", balance, &a.currency);
	return 0;
}

struct show_ctx {
	const struct ocs_currency *currency;
	time_t now;
};

static int print_reservation(const struct ocs_reservation *r, void *arg)
{
	const struct show_ctx *ctx = arg;
	char amount[32], when[32];
	struct tm tm;

	ocs_money_format((int64_t)r->amount, ctx->currency->digits, amount, sizeof amount);
	if (r->expiry) {
		gmtime_r(&r->expiry, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	printf("reservation %s %s:%" PRIu32 " units %" PRIu64 " amount %s expires %s%s\n", r->session_id,
	       r->service.kind == OCS_SERVICE_ID ? "si" : "rg", r->service.id, r->units, amount,
	       r->expiry ? when : "never", r->expiry && r->expiry <= ctx->now ? " (expired)" : "");
	return 0;
}

static int cmd_show(void *store, int argc, char **argv)
{
	struct ocs_subscription id;
	struct ocs_account a;
	struct show_ctx ctx = { &a.currency, time(NULL) };
	int rc;

	(void)argc;
	if ((rc = parse_id(argv, &id)))
		return rc;
	if ((rc = ocs_account_get(store, &id, ctx.now, &a, NULL, NULL)))
		return storage_error(&id, rc);
	printf("account %s %s\ncurrency %s %" PRIu32 "\n", id_types[a.id.type], a.id.data, a.currency.name,
	       a.currency.code);
	print_money("balance", a.balance, &a.currency);
	print_money("reserved", a.reserved, &a.currency);
	print_money("available", a.available, &a.currency);
	rc = ocs_account_get(store, &id, ctx.now, &a, print_reservation, &ctx);
	return rc ? storage_error(&id, rc) : 0;
}

static int print_account(const struct ocs_account *a, void *arg)
{
	char balance[32], available[32];

	(void)arg;
	ocs_money_format((int64_t)a->balance, a->currency.digits, balance, sizeof balance);
	ocs_money_format((int64_t)a->available, a->currency.digits, available, sizeof available);
	printf("%s %s %s balance %s available %s\n", id_types[a->id.type], a->id.data, a->currency.name, balance,
	       available);
	return 0;
}

static int cmd_list(void *store, int argc, char **argv)
{
	int rc = ocs_account_each(store, time(NULL), print_account, NULL);

	(void)argc;
	(void)argv;
	return rc ? fail(EXIT_STORAGE, "%s", "cannot read the accounts", rc) : 0;
}

static int open_store(const char *dir, int create, void **store)
{
	struct ocs_store *opened;
	int rc = ocs_store_open(dir, create, &opened);

	if (rc)
		return fail(EXIT_STORAGE, "cannot open the store %s", dir, rc);
	*store = opened;
	return 0;
}

static void close_store(void *store)
{
	ocs_store_close(store);
}

/* Each runs on the struct ocs_store that open_store() opened, with exactly its arguments. */
static const struct store_ctl_command commands[] = {
	{ "init", "", "Create an empty store in the folder (nothing happens when there is one).", 0, 0, 1, NULL,
	  cmd_init },
	{ "create", "<type> <data> <currency> <balance>",
	  "Create an account: type e164, imsi, sip, nai or private (Subscription-Id-Type), data the\n"
	  "Subscription-Id-Data, currency EUR, USD, ... or its ISO 4217 number, balance like 12.50.\n"
	  "Creates the store when there is none.", 4, 4, 1, NULL, cmd_create },
	{ "credit", "<type> <data> <amount>",
	  "Add the amount (like 5.00) to the balance, or remove it when negative (-2.50); the\n"
	  "balance never goes below zero. Prints the new balance.", 3, 3, 0, NULL, cmd_credit },
	{ "show", "<type> <data>", "Print the balance, what reservations hold, what is available, and each reservation\n"
	  "with its session, service, units, amount and expiry.", 2, 2, 0, NULL, cmd_show },
	{ "list", "", "Print every account with its balance and available credit.", 0, 0, 0, NULL, cmd_list },
};

static const struct store_ctl ocs_ctl = {
	.program = "ocs-ctl", .about = "The credit accounts of the lab OCS (docs/ocs-store.md).",
	.commands = commands, .n_commands = sizeof commands / sizeof *commands,
	.open = open_store, .close = close_store,
};

int main(int argc, char **argv)
{
	return store_ctl_main(&ocs_ctl, argc, argv);
}
