/* hss-ctl -d <store dir> <command> ...: provisioning of the HSS stub's store. */
#include <stdio.h>
#include <string.h>
#include "ctl.h"
#include "store_ctl.h"

static int open_store(const char *dir, int create, void **store)
{
	struct hss_store *opened;
	int rc = store_open(dir, create, &opened);

	if (rc) {
		fprintf(stderr, "hss-ctl: cannot open the store in %s: %s%s\n", dir, store_open_strerror(rc),
			create ? "" : " (create it with hss-ctl -d <dir> init)");
		return EXIT_STORAGE;
	}
	*store = opened;
	return 0;
}

static void close_store(void *store)
{
	store_close(store);
}

static const struct store_ctl_command commands[] = {
	{ "init", "", "Create an empty store in the folder (nothing happens when there is one).", 0, 0, 1, NULL,
	  cmd_init },
	{ "add", "<file.json|->", "Add a subscriber document, or replace the one with the same impi.", 1, 1, 0, NULL,
	  cmd_add },
	{ "show", "<identity>", "Print the subscriber document of an IMPI, a sip:/tel: IMPU, an MSISDN or an IMSI.",
	  1, 1, 0, NULL, cmd_show },
	{ "set", "<impi> <member> <json value>", "Replace one top-level member of a document (the value null\n"
	  "removes it), e.g. set alice@home.test ims_user_state '\"REGISTERED\"'.", 3, 3, 0, NULL, cmd_set },
	{ "delete", "<impi>", "Delete a subscriber, its repository data and the subscriptions to it.", 1, 1, 0, NULL,
	  cmd_delete },
	{ "permit", "<as-host> <data-reference> <pull,update,subs-notif|none>", "Set what an AS (\"*\": every AS "
	  "without its own entry) may do with a Data-Reference\n(a number, 0 for repository data).", 3, 3, 0, NULL,
	  cmd_permit },
	{ "permissions", "", "Print the AS permission list.", 0, 0, 0, NULL, cmd_permissions },
	{ "repdata-get", "<impu> <service-indication>", "Print repository data.", 2, 2, 0, NULL, cmd_repdata_get },
	{ "repdata-put", "<impu> <service-indication> <file|->", "Create repository data, or update it with the "
	  "next Sequence-Number; the\nfile holds the content of ServiceData (XML). Subscribed ASs are notified.",
	  3, 3, 0, NULL, cmd_repdata_put },
	{ "repdata-delete", "<impu> <service-indication>", "Delete repository data: subscribed ASs are notified, "
	  "then their\nsubscriptions to it end (as after a PUR without ServiceData).", 2, 2, 0, NULL,
	  cmd_repdata_delete },
	{ "subscriptions", "[<impu>]", "Print the subscriptions (of one public identity).", 0, 1, 0, NULL,
	  cmd_subscriptions },
	{ "export", "[<file>|-]", "Write the whole store as one JSON document (standard output by default).", 0, 1,
	  0, NULL, cmd_export },
	{ "import", "[--progress] <file|->", "Add the records of a whole-store JSON document in one transaction: "
	  "all or\nnothing.", 1, 2, 0, "--progress", cmd_import },
};

static const struct store_ctl hss_ctl = {
	.program = "hss-ctl", .about = "Provisions the HSS stub's store (docs/hss-store.md).",
	.commands = commands, .n_commands = sizeof commands / sizeof *commands,
	.open = open_store, .close = close_store,
};

int main(int argc, char **argv)
{
	return store_ctl_main(&hss_ctl, argc, argv);
}
