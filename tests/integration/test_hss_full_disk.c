/* The HSS stub when its disk is full: the store lives on a small tmpfs, and an AS writes
 * repository data until a commit fails. The PUR that cannot be stored is answered
 * DIAMETER_UNABLE_TO_COMPLY (nothing of it is kept), every PUR answered 2001 before is in the
 * store, the daemon keeps serving reads, and it stops cleanly. Mounting needs root (as the
 * README's commands do); without it the test says so and is skipped. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "fdnet.h"
#include "sh_sample.h"
#include "shclient.h"
#include "shdata.h"
#include "spawn.h"
#include "store.h"

#define REALM "home.test.localdomain"
#define ALICE "sip:alice@" REALM
#define DISK_SIZE "640k"   /* the files LMDB starts with, and room for some hundred items */
#define DATA_SIZE 1500     /* bytes of ServiceData per PUR */
#define MAX_PURS 5000      /* far more than fit */
#define DIAMETER_UNABLE_TO_COMPLY 5012

static struct fdnet net;
static struct fdnet_node *hss, *as;
static struct sh_client *client;
static char disk[PATH_MAX], store_dir[PATH_MAX + 8];
static int mounted;

static const char provisioning[] =
	"{\"subscribers\": [{\"impi\": \"alice@" REALM "\","
	" \"impus\": [{\"uri\": \"" ALICE "\", \"type\": \"PUBLIC_USER_IDENTITY\"}]}],"
	" \"as_permissions\": [{\"as_host\": \"as." REALM "\", \"data_reference\": 0,"
	" \"operations\": [\"pull\", \"update\"]}]}";

/* The store on a fresh tmpfs, with Alice and the AS's permissions. */
static int make_store(void)
{
	char err[STORE_ERR_LEN];
	struct hss_store *store;
	json_t *doc;
	int ret;

	snprintf(disk, sizeof disk, "%s/disk", net.dir);
	snprintf(store_dir, sizeof store_dir, "%s/store", disk);
	if (mkdir(disk, 0700))
		return -1;
	if (mount("tmpfs", disk, "tmpfs", 0, "size=" DISK_SIZE)) {
		fprintf(stderr, "cannot mount a tmpfs on %s (%s): the full-disk test needs root\n", disk, strerror(errno));
		return 0;
	}
	mounted = 1;
	if (store_open(store_dir, 1, &store) || !(doc = json_loads(provisioning, 0, NULL)))
		return -1;
	if ((ret = store_import(store, doc, err, sizeof err, NULL, 0, NULL)))
		fprintf(stderr, "import: %s\n", err);
	json_decref(doc);
	store_close(store);
	return ret ? -1 : 0;
}

static int setup(void **state)
{
	char conf[PATH_MAX], text[2 * PATH_MAX], err[SH_ERR_LEN];
	struct sh_client_config cc = { .dest_realm = REALM, .timeout_ms = 5000 };

	(void)state;
	if (fdnet_init(&net, "hss_full_disk") || make_store())
		return -1;
	if (!mounted)
		return 0;
	snprintf(conf, sizeof conf, "%s/hss_stub.conf", net.dir);
	snprintf(text, sizeof text, "store = %s\nmax_repository_data = %d\n", store_dir, 2 * DATA_SIZE);
	if (write_text_file(conf, text) || !(hss = fdnet_add(&net, "hss", REALM)) ||
	    !(as = fdnet_add_embedded(&net, "as", REALM)))
		return -1;
	fdnet_load_dictionaries(hss);
	fdnet_load(hss, fdnet_fdx("hss_stub"), conf);
	fdnet_load_dictionaries(as);
	fdnet_link(&net, as, hss);
	if (fdnet_start(&net))
		return -1;
	cc.fd_config = as->conf_path;
	if (sh_client_open(&cc, &client, err, sizeof err)) {
		fprintf(stderr, "sh_client_open: %s\n", err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	int ret;

	(void)state;
	sh_client_close(client);
	ret = fdnet_stop(&net);
	if (mounted && umount(disk))
		ret = -1;
	return ret;
}

/* A PUR creating item i: its result code. */
static uint32_t create_item(int i, const char *service_data)
{
	char si[64];
	const char *sis[] = { si };
	int seq = 0;
	struct sh_request r = sh_sample_repository_request(ALICE, sis);
	struct sh_answer ans;
	uint32_t code;
	char *xml = NULL;
	size_t len;

	snprintf(si, sizeof si, "urn:x-test:fill-%d", i);
	assert_int_equal(shdata_write_repository_data(sis, &seq, &service_data, 1, &xml, &len), 0);
	r.user_data = xml;
	r.user_data_len = len;
	assert_int_equal(sh_pur(client, &r, &ans), 0);
	code = sh_answer_code(&ans);
	sh_answer_clear(&ans);
	free(xml);
	return code;
}

/* Whether item i is in the store, read by this process. */
static int stored(struct hss_store *store, int i)
{
	struct store_repdata d;
	char si[64];

	snprintf(si, sizeof si, "urn:x-test:fill-%d", i);
	if (store_repdata_get(store, ALICE, si, &d))
		return 0;
	store_repdata_clear(&d);
	return 1;
}

static void full_disk_refuses_the_write_and_keeps_what_was_acknowledged(void **state)
{
	char service_data[DATA_SIZE + 64], si[64];
	const char *sis[] = { si };
	struct sh_request r = sh_sample_repository_request(ALICE, sis);
	struct hss_store *store;
	struct sh_answer ans;
	uint32_t code = 0;
	int acked = 0;

	(void)state;
	if (!mounted)
		skip();
	snprintf(service_data, sizeof service_data, "<Fill>%0*d</Fill>", DATA_SIZE - 13, 0);
	while (acked < MAX_PURS && (code = create_item(acked, service_data)) == 2001)
		acked++;
	print_message("%d PURs stored, then Result-Code %u\n", acked, code);
	assert_true(acked > 0 && acked < MAX_PURS);
	assert_int_equal(code, DIAMETER_UNABLE_TO_COMPLY);

	assert_int_equal(store_open(store_dir, 0, &store), 0);
	for (int i = 0; i < acked; i++)
		assert_true(stored(store, i));
	assert_false(stored(store, acked));
	store_close(store);

	/* reads still work: the last item acknowledged, read back over Sh */
	snprintf(si, sizeof si, "urn:x-test:fill-%d", acked - 1);
	assert_int_equal(sh_udr(client, &r, &ans), 0);
	assert_int_equal(sh_answer_code(&ans), 2001);
	assert_non_null(ans.data);
	assert_int_equal(ans.data->n_repository_data, 1);
	assert_string_equal(ans.data->repository_data[0].service_data, service_data);
	sh_answer_clear(&ans);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_disk_refuses_the_write_and_keeps_what_was_acknowledged),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
