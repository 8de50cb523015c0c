/* hss-ctl -d <store dir> <command> ...: provisioning of the HSS stub's store. */
#include <stdio.h>
#include <string.h>
#include "ctl.h"

struct command {
	const char *name, *args, *help;
	int min_args, max_args;
	int create;         /* may create the store */
	const char *option; /* the first of max_args arguments */
	int (*run)(struct hss_store *store, int argc, char **argv);
};

static const struct command commands[] = {
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
	{ "subscriptions", "[<impu>]", "Print the subscriptions (of one public identity).", 0, 1, 0, NULL,
	  cmd_subscriptions },
	{ "export", "[<file>|-]", "Write the whole store as one JSON document (standard output by default).", 0, 1,
	  0, NULL, cmd_export },
	{ "import", "[--progress] <file|->", "Add the records of a whole-store JSON document in one transaction: "
	  "all or\nnothing.", 1, 2, 0, "--progress", cmd_import },
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

static void command_usage(const struct command *c, FILE *out)
{
	fprintf(out, "usage: hss-ctl -d <store dir> %s%s%s\n%s\n", c->name, *c->args ? " " : "", c->args, c->help);
}

static void usage(FILE *out)
{
	fprintf(out, "usage: hss-ctl -d <store dir> <command> [arguments]\n"
		     "       hss-ctl <command> --help\n"
		     "Provisions the HSS stub's store (docs/hss-store.md). Exit status: 0 done, 1 bad input,\n"
		     "2 usage error, 3 storage error.\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %s%s%s\n", commands[i].name, *commands[i].args ? " " : "", commands[i].args);
}

int main(int argc, char **argv)
{
	const struct command *c = NULL;
	const char *dir = NULL;
	struct hss_store *store;
	int i = 1, rc;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-d") != 0 || i + 1 == argc) {
			fprintf(stderr, "hss-ctl: bad option %s\n", argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
		dir = argv[i + 1];
		i += 2;
	}
	for (size_t k = 0; i < argc && k < N_COMMANDS; k++)
		if (strcmp(argv[i], commands[k].name) == 0)
			c = &commands[k];
	if (!c) {
		if (i < argc)
			fprintf(stderr, "hss-ctl: unknown command %s\n", argv[i]);
		usage(stderr);
		return EXIT_USAGE;
	}
	argc -= i + 1;
	argv += i + 1;
	if (argc == 1 && strcmp(argv[0], "--help") == 0) {
		command_usage(c, stdout);
		return 0;
	}
	if (!dir || argc < c->min_args || argc > c->max_args ||
	    (argc == c->max_args && c->option && strcmp(argv[0], c->option) != 0)) {
		if (!dir)
			fprintf(stderr, "hss-ctl: -d <store dir> is required\n");
		command_usage(c, stderr);
		return EXIT_USAGE;
	}
	rc = store_open(dir, c->create, &store);
	if (rc) {
		fprintf(stderr, "hss-ctl: cannot open the store in %s: %s%s\n", dir, strerror(rc),
			c->create ? "" : " (create it with hss-ctl -d <dir> init)");
		return EXIT_STORAGE;
	}
	rc = c->run(store, argc, argv);
	store_close(store);
	return rc;
}
