/* hss-ctl end to end: the real binary on a real store, its output and exit codes. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include "store.h"
#include "store_raw.h"

struct env {
	char dir[64];       /* temporary folder */
	char store[96];     /* the store inside it */
	char bin[4096];     /* hss-ctl */
	char root[4096];    /* the repository */
	char out[1 << 16];  /* what the last run printed */
	char err[1 << 12];
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
	struct env *e = calloc(1, sizeof *e);
	const char *fdx = getenv("TK_FDX_DIR");
	char build[2048];

	/* the runner gives <repo>/<build>/fdx */
	snprintf(build, sizeof build, "%s", fdx ? fdx : "build/fdx");
	snprintf(e->bin, sizeof e->bin, "%s/../bin/hss-ctl", build);
	snprintf(e->root, sizeof e->root, "%s", dirname(dirname(build)));
	snprintf(e->dir, sizeof e->dir, "/tmp/hss-ctl-test-XXXXXX");
	if (!mkdtemp(e->dir))
		return -1;
	snprintf(e->store, sizeof e->store, "%s/store", e->dir);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	nftw(e->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	free(e);
	return 0;
}

/* The records of a store file: its subscribers, repository data, permissions, subscriptions. */
static size_t records_in(const char *path)
{
	json_t *doc = json_load_file(path, 0, NULL), *list;
	const char *key;
	size_t n = 0;

	assert_non_null(doc);
	json_object_foreach(doc, key, list)
		n += json_array_size(list);
	json_decref(doc);
	return n;
}

static void read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, size - 1, f) : 0;

	buf[n] = 0;
	if (f)
		fclose(f);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Run hss-ctl with the arguments (NULL-terminated) and standard input from 'in' (NULL: none); its
 * exit status, its output in e->out and e->err. */
static int run(struct env *e, const char *in, ...)
{
	char *argv[16], out_path[128], err_path[128];
	int n = 0, status;
	va_list ap;
	pid_t pid;

	argv[n++] = e->bin;
	va_start(ap, in);
	while (n < 15 && (argv[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	snprintf(out_path, sizeof out_path, "%s/out", e->dir);
	snprintf(err_path, sizeof err_path, "%s/err", e->dir);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd_in = open(in ? in : "/dev/null", O_RDONLY);
		int fd_out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fd_err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd_in, 0);
		dup2(fd_out, 1);
		dup2(fd_err, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	read_file(out_path, e->out, sizeof e->out);
	read_file(err_path, e->err, sizeof e->err);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

#define CTL(e, ...) run(e, NULL, "-d", (e)->store, __VA_ARGS__, NULL)

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part))
		fail_msg("\"%s\" not in: %s", part, text);
}

static const char alice[] =
	"{\"impi\": \"alice@home.test\", \"impus\": [{\"uri\": \"sip:alice@home.test\"}, {\"uri\": \"tel:+33600000001\"}],"
	" \"msisdns\": [\"33600000001\"], \"imsi\": \"208930000000001\", \"ims_user_state\": \"REGISTERED\"}";

static void provision_one_subscriber(void **state)
{
	struct env *e = *state;
	const char *ids[] = { "alice@home.test", "sip:alice@home.test", "tel:+33600000001", "33600000001",
			      "208930000000001" };
	char path[128];

	snprintf(path, sizeof path, "%s/alice.json", e->dir);
	write_file(path, alice);
	assert_int_equal(CTL(e, "init"), 0);
	assert_int_equal(CTL(e, "add", path), 0);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(CTL(e, "show", ids[i]), 0);
		assert_has(e->out, "\"impi\": \"alice@home.test\"");
	}
	assert_int_equal(CTL(e, "set", "alice@home.test", "ims_user_state", "\"NOT_REGISTERED\""), 0);
	assert_int_equal(CTL(e, "show", "alice@home.test"), 0);
	assert_has(e->out, "\"ims_user_state\": \"NOT_REGISTERED\"");
	assert_int_equal(CTL(e, "set", "alice@home.test", "imsi", "null"), 0);
	assert_int_equal(CTL(e, "show", "208930000000001"), 1);
	assert_int_equal(CTL(e, "delete", "alice@home.test"), 0);
	assert_int_equal(CTL(e, "show", "sip:alice@home.test"), 1);
	assert_has(e->err, "sip:alice@home.test: no such subscriber");
	/* from standard input */
	assert_int_equal(run(e, path, "-d", e->store, "add", "-", NULL), 0);
	assert_int_equal(CTL(e, "show", "tel:+33600000001"), 0);
}

static void bad_input_exits_1_and_writes_nothing(void **state)
{
	struct env *e = *state;
	char path[128];

	assert_int_equal(CTL(e, "init"), 0);
	snprintf(path, sizeof path, "%s/bad.json", e->dir);
	write_file(path, "{\"impi\": \"bob@home.test\", \"impus\": [{\"uri\": \"bob@home.test\"}]}");
	assert_int_equal(CTL(e, "add", path), 1);
	assert_has(e->err, "$.impus[0].uri: not a sip: or tel: URI");
	assert_int_equal(CTL(e, "show", "bob@home.test"), 1);
	write_file(path, "{\"impi\": ");
	assert_int_equal(CTL(e, "add", path), 1);
	snprintf(path, sizeof path, "%s/missing.json", e->dir);
	assert_int_equal(CTL(e, "add", path), 1);
	assert_int_equal(CTL(e, "set", "bob@home.test", "imsi", "{nope"), 1);
	assert_int_equal(CTL(e, "permit", "as.home.test", "0", "pull,read"), 1);
	assert_int_equal(CTL(e, "permit", "as.home.test", "x", "pull"), 1);
	/* TS 29.328 Table 7.6.1: Data-References this HSS serves, the operations each allows */
	assert_int_equal(CTL(e, "permit", "as.home.test", "99", "pull"), 1);
	assert_has(e->err, "99: not a Data-Reference this HSS serves (0, 10 to 19, 32)");
	assert_int_equal(CTL(e, "permit", "as.home.test", "20", "pull"), 1);
	assert_int_equal(CTL(e, "permit", "as.home.test", "14", "subs-notif"), 1);
	assert_has(e->err, "subs-notif: not allowed for Data-Reference 14");
	assert_int_equal(CTL(e, "repdata-get", "sip:bob@home.test", "urn:x"), 1);
	assert_int_equal(CTL(e, "permissions"), 0);
	assert_string_equal(e->out, "[]\n");
	write_file(path, "{\"as_permissions\": [{\"as_host\": \"as.home.test\", \"data_reference\": 0,"
			 " \"operations\": [\"pull\"]}, {\"as_host\": \"as.home.test\", \"data_reference\": 14,"
			 " \"operations\": [\"pull\", \"update\"]}]}");
	assert_int_equal(CTL(e, "import", path), 1);
	assert_has(e->err, "$.as_permissions[1].operations[1]: not allowed for this Data-Reference");
	write_file(path, "{\"as_permissions\": [{\"as_host\": \"as.home.test\", \"data_reference\": 99,"
			 " \"operations\": [\"pull\"]}]}");
	assert_int_equal(CTL(e, "import", path), 1);
	assert_has(e->err, "$.as_permissions[0].data_reference: not a Data-Reference this HSS serves");
	write_file(path, "{\"subscriptions\": [{\"impu\": \"sip:bob@home.test\", \"as_host\": \"as.home.test\","
			 " \"data_reference\": 11, \"service_indication\": \"urn:x\"}]}");
	assert_int_equal(CTL(e, "import", path), 1);
	assert_has(e->err, "$.subscriptions[0].service_indication: only RepositoryData (0) has one");
	assert_int_equal(CTL(e, "permissions"), 0);
	assert_string_equal(e->out, "[]\n");
}

static void usage_and_storage_errors(void **state)
{
	struct env *e = *state;

	assert_int_equal(run(e, NULL, NULL), 2);
	assert_has(e->err, "usage: hss-ctl");
	assert_int_equal(CTL(e, "frobnicate"), 2);
	assert_has(e->err, "unknown command frobnicate");
	assert_int_equal(CTL(e, "show"), 2);
	assert_has(e->err, "usage: hss-ctl -d <store dir> show <identity>");
	assert_int_equal(run(e, NULL, "show", "x", NULL), 2);
	assert_int_equal(run(e, NULL, "-x", NULL), 2);
	assert_int_equal(CTL(e, "import", "--fast", "x.json"), 2);
	/* no store there */
	assert_int_equal(CTL(e, "show", "alice@home.test"), 3);
	assert_has(e->err, "cannot open the store");
	/* help */
	assert_int_equal(run(e, NULL, "--help", NULL), 0);
	assert_has(e->out, "repdata-put <impu> <service-indication> <file|->");
	assert_int_equal(run(e, NULL, "import", "--help", NULL), 0);
	assert_has(e->out, "usage: hss-ctl -d <store dir> import [--progress] <file|->");
}

static void permissions_repository_data_and_subscriptions(void **state)
{
	struct env *e = *state;
	struct store_subscription sub = { .impu = "sip:alice@home.test", .as_host = "as.home.test",
					  .data_reference = 19, .server_name = "sip:as.home.test",
					  .dsai_tags = { "presence" }, .n_dsai_tags = 1 };
	struct hss_store *store;
	char alice_path[128], xml[128];

	snprintf(alice_path, sizeof alice_path, "%s/alice.json", e->dir);
	write_file(alice_path, alice);
	snprintf(xml, sizeof xml, "%s/profile.xml", e->dir);
	write_file(xml, "<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\"><Permission>one-to-one</Permission>"
			"</ProSeProfile>\n");
	assert_int_equal(CTL(e, "init"), 0);
	assert_int_equal(CTL(e, "add", alice_path), 0);
	assert_int_equal(CTL(e, "permit", "as.home.test", "0", "pull,update,subs-notif"), 0);
	assert_int_equal(CTL(e, "permit", "*", "11", "subs-notif"), 0);
	assert_int_equal(CTL(e, "permit", "*", "12", "none"), 0);
	assert_int_equal(CTL(e, "permissions"), 0);
	assert_has(e->out, "\"as_host\": \"as.home.test\",\n    \"data_reference\": 0,\n    \"operations\": [\n"
			   "      \"pull\",\n      \"update\",\n      \"subs-notif\"");
	assert_has(e->out, "\"as_host\": \"*\"");

	assert_int_equal(run(e, xml, "-d", e->store, "repdata-put", "sip:alice@home.test", "urn:x-imstk:prose-profile",
			     "-", NULL), 0);
	assert_has(e->out, "\"sequence_number\": 0");
	assert_int_equal(CTL(e, "repdata-put", "sip:alice@home.test", "urn:x-imstk:prose-profile", xml), 0);
	assert_has(e->out, "\"sequence_number\": 1");
	assert_int_equal(CTL(e, "repdata-get", "sip:alice@home.test", "urn:x-imstk:prose-profile"), 0);
	assert_has(e->out, "\"sequence_number\": 1");
	assert_has(e->out, "<Permission>one-to-one</Permission></ProSeProfile>\"");
	assert_int_equal(CTL(e, "repdata-put", "sip:nobody@home.test", "urn:x", xml), 1);
	assert_has(e->err, "no subscriber has this public identity");
	/* ServiceData is checked before it is stored: the HSS serves it as it is */
	write_file(xml, "<Unclosed>");
	assert_int_equal(CTL(e, "repdata-put", "sip:alice@home.test", "urn:x", xml), 1);
	assert_has(e->err, "not one well-formed XML element");
	write_file(xml, "<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\"><RangeClass>9</RangeClass></ProSeProfile>");
	assert_int_equal(CTL(e, "repdata-put", "sip:alice@home.test", "urn:x-imstk:prose-profile", xml), 1);
	assert_int_equal(CTL(e, "repdata-get", "sip:alice@home.test", "urn:x-imstk:prose-profile"), 0);
	assert_has(e->out, "\"sequence_number\": 1");

	/* a subscription made by the daemon, seen by hss-ctl */
	assert_int_equal(store_open(e->store, 0, &store), 0);
	assert_int_equal(store_subscription_put(store, &sub), 0);
	store_close(store);
	assert_int_equal(CTL(e, "subscriptions"), 0);
	assert_has(e->out, "\"impu\": \"sip:alice@home.test\",\n    \"as_host\": \"as.home.test\",\n"
			   "    \"data_reference\": 19,\n    \"server_name\": \"sip:as.home.test\",\n"
			   "    \"dsai_tags\": [\n      \"presence\"\n    ]");
	assert_int_equal(CTL(e, "subscriptions", "tel:+33600000001"), 0);
	assert_string_equal(e->out, "[]\n");
}

static void export_import_and_a_bad_500th_record(void **state)
{
	struct env *e = *state;
	char sample[4200], first[128], second[128], other[96], bad[128];
	char a[1 << 16];
	json_t *doc;
	FILE *f;

	snprintf(sample, sizeof sample, "%s/lab/data/sample-store.json", e->root);
	snprintf(first, sizeof first, "%s/first.json", e->dir);
	snprintf(second, sizeof second, "%s/second.json", e->dir);
	snprintf(other, sizeof other, "%s/other", e->dir);
	assert_int_equal(CTL(e, "init"), 0);
	assert_int_equal(CTL(e, "import", "--progress", sample), 0);
	snprintf(a, sizeof a, "imported %zu records\n", records_in(sample));
	assert_string_equal(e->out, a);
	assert_int_equal(CTL(e, "export", first), 0);
	assert_int_equal(run(e, NULL, "-d", other, "init", NULL), 0);
	assert_int_equal(run(e, NULL, "-d", other, "import", first, NULL), 0);
	assert_int_equal(run(e, NULL, "-d", other, "export", second, NULL), 0);
	read_file(first, a, sizeof a);
	read_file(second, e->out, sizeof e->out);
	assert_string_equal(a, e->out);

	/* 600 subscribers, the 500th bad: exit 1, nothing written */
	doc = json_pack("{s:[]}", "subscribers");
	for (int i = 0; i < 600; i++) {
		char impi[64], uri[64];

		snprintf(impi, sizeof impi, "bulk%d@home.test", i);
		snprintf(uri, sizeof uri, "%sbulk%d@home.test", i == 499 ? "" : "sip:", i);
		json_array_append_new(json_object_get(doc, "subscribers"),
				      json_pack("{s:s, s:[{s:s}]}", "impi", impi, "impus", "uri", uri));
	}
	snprintf(bad, sizeof bad, "%s/bad.json", e->dir);
	f = fopen(bad, "w");
	assert_int_equal(json_dumpf(doc, f, 0), 0);
	fclose(f);
	json_decref(doc);
	assert_int_equal(CTL(e, "import", bad), 1);
	assert_has(e->err, "$.subscribers[499].impus[0].uri: not a sip: or tel: URI");
	assert_int_equal(CTL(e, "show", "bulk0@home.test"), 1);
	assert_int_equal(CTL(e, "export", second), 0);
	read_file(second, e->out, sizeof e->out);
	assert_string_equal(a, e->out);
}

/* hss-ctl opens a version-1 store and migrates it (its routing records built); it refuses a store
 * of a layout it does not know, and says which it opens. */
static void store_layouts(void **state)
{
	struct env *e = *state;
	struct raw_store raw;
	char path[128];

	snprintf(path, sizeof path, "%s/alice.json", e->dir);
	write_file(path, alice);
	assert_int_equal(CTL(e, "init"), 0);
	assert_int_equal(CTL(e, "add", path), 0);
	raw_make_version_1(e->store);
	assert_int_equal(CTL(e, "show", "33600000001"), 0);
	assert_has(e->out, "\"impi\": \"alice@home.test\"");
	raw_open(&raw, e->store);
	assert_int_equal(raw_version(&raw), 2);
	assert_int_equal(raw_count(&raw, "routing"), 1);
	raw_set_version(&raw, 3);
	raw_close(&raw);
	assert_int_equal(CTL(e, "show", "33600000001"), 3);
	assert_has(e->err, "cannot open the store in");
	assert_has(e->err, "it opens layout version 2 and migrates version 1");
	assert_int_equal(CTL(e, "init"), 3);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(provision_one_subscriber),
		T(bad_input_exits_1_and_writes_nothing),
		T(usage_and_storage_errors),
		T(permissions_repository_data_and_subscriptions),
		T(export_import_and_a_bad_500th_record),
		T(store_layouts),
	};
	return cmocka_run_group_tests_name("hss_ctl", tests, NULL, NULL);
}
