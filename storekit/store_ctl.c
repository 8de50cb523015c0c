/* The command line of the stores' provisioning tools (store_ctl.h). */
#include <stdio.h>
#include <string.h>

#include "store_ctl.h"

static int is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

static void usage(const struct store_ctl *tool, FILE *out)
{
	fprintf(out, "usage: %s -d <store dir> <command> [arguments]\n"
		     "       %s <command> --help\n"
		     "%s Exit status: 0 done, 1 bad input,\n"
		     "2 usage error, 3 storage error.\n\ncommands:\n",
		tool->program, tool->program, tool->about);
	for (size_t i = 0; i < tool->n_commands; i++) {
		const struct store_ctl_command *c = &tool->commands[i];

		fprintf(out, "  %s%s%s\n", c->name, *c->args ? " " : "", c->args);
	}
}

static void command_usage(const struct store_ctl *tool, const struct store_ctl_command *c, FILE *out)
{
	fprintf(out, "usage: %s -d <store dir> %s%s%s\n%s\n", tool->program, c->name, *c->args ? " " : "", c->args,
		c->help);
}

static const struct store_ctl_command *find_command(const struct store_ctl *tool, const char *name)
{
	for (size_t i = 0; i < tool->n_commands; i++)
		if (!strcmp(name, tool->commands[i].name))
			return &tool->commands[i];
	return NULL;
}

static int arguments_fit(const struct store_ctl_command *c, int argc, char **argv)
{
	if (argc < c->min_args || argc > c->max_args)
		return 0;
	return argc < c->max_args || !c->option || !strcmp(argv[0], c->option);
}

int store_ctl_main(const struct store_ctl *tool, int argc, char **argv)
{
	const struct store_ctl_command *c = NULL;
	const char *dir = NULL;
	void *store;
	int i = 1, rc;

	/* the options before the command: -d <store dir>, --help */
	while (i < argc && argv[i][0] == '-') {
		if (is_help(argv[i])) {
			usage(tool, stdout);
			return 0;
		}
		if (strcmp(argv[i], "-d") || i + 1 == argc) {
			fprintf(stderr, "%s: bad option %s\n", tool->program, argv[i]);
			usage(tool, stderr);
			return STORE_CTL_EXIT_USAGE;
		}
		dir = argv[i + 1];
		i += 2;
	}
	if (i < argc && !(c = find_command(tool, argv[i])))
		fprintf(stderr, "%s: unknown command %s\n", tool->program, argv[i]);
	if (!c) {
		usage(tool, stderr);
		return STORE_CTL_EXIT_USAGE;
	}
	argc -= i + 1;
	argv += i + 1;
	if (argc > 0 && is_help(argv[0])) {
		command_usage(tool, c, stdout);
		return 0;
	}
	if (!dir || !arguments_fit(c, argc, argv)) {
		if (!dir)
			fprintf(stderr, "%s: -d <store dir> is required\n", tool->program);
		command_usage(tool, c, stderr);
		return STORE_CTL_EXIT_USAGE;
	}
	if ((rc = tool->open(dir, c->create, &store)))
		return rc;
	rc = c->run(store, argc, argv);
	tool->close(store);
	return rc;
}
