/* The command line that the stores' provisioning tools (hss-ctl, ocs-ctl) share:
 *   <program> -d <store dir> <command> [arguments]
 *   <program> <command> --help
 * the table of commands, the --help texts, the usage errors, and the run of one command on the
 * store, which the program opens and closes. Exit statuses: 0 done, 1 bad input, 2 usage error,
 * 3 storage error. */
#ifndef STOREKIT_STORE_CTL_H
#define STOREKIT_STORE_CTL_H

#include <stddef.h>

#define STORE_CTL_EXIT_USAGE 2

/* One command of a tool. */
struct store_ctl_command {
	const char *name;
	const char *args; /* its arguments in the usage lines: "<type> <data>", or "" */
	const char *help; /* what it does, for <command> --help */
	int min_args, max_args;
	int create;         /* may create the store */
	const char *option; /* NULL, or the option that max_args arguments start with ("--progress") */
	/* Runs on the open store (the program's own type) with the command's arguments; returns the
	 * exit status. */
	int (*run)(void *store, int argc, char **argv);
};

struct store_ctl {
	const char *program; /* "hss-ctl": the usage lines and the prefix of every message */
	const char *about;   /* the sentence of --help on what the tool does */
	const struct store_ctl_command *commands;
	size_t n_commands;
	/* Opens the store in dir (create: it may be created): 0 with *store, or the exit status
	 * with the reason said on stderr. */
	int (*open)(const char *dir, int create, void **store);
	void (*close)(void *store);
};

/* The whole program: reads the command line, prints a --help or says the usage error, or opens
 * the store, runs the command and closes the store. Returns the exit status. */
int store_ctl_main(const struct store_ctl *tool, int argc, char **argv);

#endif
