/* ocs-ctl end to end: the real binary on a real store, what it prints and its exit status, and
 * what the store then holds. */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "ocsstore.h"
#include "spawn.h"

static char dir[64], store_dir[96], bin[4096], log_path[128], out[1 << 14];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	const char *fdx = getenv("TK_FDX_DIR");

	(void)state;
	snprintf(bin, sizeof bin, "%s/../bin/ocs-ctl", fdx ? fdx : "build/fdx");
	snprintf(dir, sizeof dir, "/tmp/ocs-ctl-test-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(store_dir, sizeof store_dir, "%s/store", dir);
	snprintf(log_path, sizeof log_path, "%s/output", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* Run ocs-ctl with the arguments (NULL-terminated): its exit status, what it printed (output and
 * errors) in out. */
static int run(const char *first, ...)
{
	char *argv[16] = { bin };
	int n = 1, status;
	va_list ap;
	pid_t pid;
	FILE *f;
	size_t len;

	argv[n++] = (char *)first;
	va_start(ap, first);
	while (n < 15 && (argv[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	unlink(log_path);
	assert_true((pid = spawn_logged(argv, NULL, log_path)) > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_non_null(f = fopen(log_path, "r"));
	len = fread(out, 1, sizeof out - 1, f);
	out[len] = '\0';
	fclose(f);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

#define CTL(...) run("-d", store_dir, __VA_ARGS__, NULL)

static void assert_has(const char *part)
{
	if (!strstr(out, part))
		fail_msg("\"%s\" not in: %s", part, out);
}

static void accounts_in_decimal_money(void **state)
{
	struct ocs_store *store;
	struct ocs_account a;

	(void)state;
	assert_int_equal(CTL("create", "e164", "33600000001", "EUR", "12.50"), 0);
	assert_int_equal(CTL("create", "sip", "sip:bob@test", "JPY", "500"), 0);
	assert_int_equal(CTL("credit", "e164", "33600000001", "-2.55"), 0);
	assert_has("balance 9.95\n");
	assert_int_equal(CTL("credit", "e164", "33600000001", "0.05"), 0);
	assert_has("balance 10.00\n");
	assert_int_equal(CTL("show", "e164", "33600000001"), 0);
	assert_has("account e164 33600000001\ncurrency EUR 978\nbalance 10.00\nreserved 0.00\navailable 10.00\n");
	assert_int_equal(CTL("list"), 0);
	assert_has("e164 33600000001 EUR balance 10.00 available 10.00\n");
	assert_has("sip sip:bob@test JPY balance 500 available 500\n");
	/* what the store holds, in minor units */
	assert_int_equal(ocs_store_open(store_dir, 0, &store), 0);
	assert_int_equal(ocs_account_get(store, &(struct ocs_subscription){ OCS_ID_E164, "33600000001" }, time(NULL),
					 &a, NULL, NULL),
			 0);
	assert_int_equal(a.balance, 1000);
	assert_int_equal(a.currency.code, 978);
	ocs_store_close(store);
}

static void never_below_zero(void **state)
{
	(void)state;
	assert_int_equal(CTL("create", "imsi", "001010000000001", "EUR", "1"), 0);
	assert_int_equal(CTL("credit", "imsi", "001010000000001", "-1.01"), 1);
	assert_has("cannot go below zero");
	assert_int_equal(CTL("credit", "imsi", "001010000000001", "-1"), 0);
	assert_has("balance 0.00\n");
}

static void bad_arguments(void **state)
{
	(void)state;
	assert_int_equal(CTL("create", "e164", "33600000002", "EUR", "1.234"), 2); /* finer than a cent */
	assert_has("'1.234' is not an amount");
	assert_int_equal(CTL("create", "e164", "33600000002", "EUR", "-1"), 2);
	assert_int_equal(CTL("create", "e164", "33600000002", "XYZ", "1"), 2);
	assert_has("'XYZ' is not a currency");
	assert_int_equal(CTL("create", "msisdn", "33600000002", "EUR", "1"), 2);
	assert_has("is not a Subscription-Id type");
	assert_int_equal(CTL("create", "e164", "33600000001", "EUR", "1"), 1);
	assert_has("exists already");
	assert_int_equal(CTL("credit", "e164", "33600000001", "ten"), 2);
	assert_int_equal(CTL("credit", "e164", "33699999999", "1"), 1);
	assert_has("no account 33699999999");
	assert_int_equal(CTL("show", "e164"), 2);
	assert_has("usage: ocs-ctl -d <store dir> show <type> <data>");
	assert_int_equal(CTL("frobnicate"), 2);
	assert_has("unknown command frobnicate");
	assert_int_equal(run("list", NULL), 2);
	assert_has("-d <store dir> is required");
	assert_int_equal(run("-d", "/nonexistent/ocs", "list", NULL), 3);
	assert_has("cannot open the store");
	assert_int_equal(run("--help", NULL), 0);
	assert_has("usage: ocs-ctl -d <store dir> <command> [arguments]");
	assert_int_equal(run("credit", "--help", NULL), 0);
	assert_has("never goes below zero");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accounts_in_decimal_money),
		cmocka_unit_test(never_below_zero),
		cmocka_unit_test(bad_arguments),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
