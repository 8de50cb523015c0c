/* What the toolkit's command-line programs (sh-client, charging-client) share: messages prefixed
 * with the program's name, the global options, getopt over a subcommand's arguments,
 * freeDiameter's log on stderr with -v, and the exit status of a request that got no answer. */
#ifndef DIAMKIT_DKCLI_H
#define DIAMKIT_DKCLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses the programs share. */
#define DK_EXIT_RESULT 1    /* an answer whose result is not success */
#define DK_EXIT_USAGE 2     /* bad command line */
#define DK_EXIT_NO_ANSWER 3 /* no peer, timeout, answer dropped */
#define DK_EXIT_LOCAL 4     /* local failure */

/* The program's name, set by main(): the prefix of every message. */
extern const char *dk_cli_program;

/* Prints "<program>: ... (see --help)" on stderr; returns DK_EXIT_USAGE. */
int dk_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* getopt_long over argv (argv[0] is the subcommand) with those options; each option found goes
 * to on_option(ctx, option, optarg), which returns 0 or an exit status. The positionals start at
 * optind afterwards. */
int dk_cli_options(int argc, char **argv, const char *short_options, const struct option *options,
		   int (*on_option)(void *ctx, int option, const char *arg), void *ctx);
/* 1 when argv holds --help or -h. */
int dk_cli_wants_help(int argc, char **argv);
/* The index of arg in names (NULL-terminated), or -1: an option that takes one of several words. */
int dk_cli_choice(const char *arg, const char *const *names);

/* freeDiameter's log on stderr, nothing until dk_cli_log_more() (-v: errors, -vv: notices,
 * -vvv: debug); dk_cli_log_off() before stopping the core, which logs even a normal shutdown as
 * FATAL. */
void dk_cli_log_to_stderr(void);
void dk_cli_log_more(void);
void dk_cli_log_off(void);

/* A request that got no answer (status is an errno-style code from the client libraries): says
 * why on stderr ("<program>: <what>: ...") and returns DK_EXIT_NO_ANSWER (timeout, no peer, an
 * answer the dictionary rejected) or DK_EXIT_LOCAL. 0 when status is 0. */
int dk_cli_no_answer(const char *what, int status, int timeout_ms);

/* A subcommand of a tool; run gets the tool's own state (its struct cli). */
struct dk_cli_command {
	const char *name;
	const char *summary;
	const char *usage; /* its --help text */
	int (*run)(void *program, int argc, char **argv);
};

/* "  <name> <summary>" for each command, names padded to width. */
void dk_cli_list_commands(FILE *out, const struct dk_cli_command *const *commands, size_t n, int width);
/* Where the requests go, from the global options: the freeDiameter configuration (-c) and the
 * destination realm (-r), which every command needs, and the destination host (-H, optional). */
struct dk_cli_target {
	const char *fd_config;
	const char *dest_realm;
	const char *dest_host;
};

/* The global options the programs share, before the command; a program's option table starts
 * with DK_CLI_GLOBAL_OPTIONS, then has its own long options and { NULL, 0, NULL, 0 }. */
#define DK_CLI_GLOBAL_OPTIONS                                                                      \
	{ "config", required_argument, NULL, 'c' },                                                \
	{ "realm", required_argument, NULL, 'r' },                                                 \
	{ "host", required_argument, NULL, 'H' },                                                  \
	{ "timeout", required_argument, NULL, 't' },                                               \
	{ "verbose", no_argument, NULL, 'v' },                                                     \
	{ "help", no_argument, NULL, 'h' }
/* getopt_long over the global options (those and the program's own, in options), stopping at the
 * command: -c, -r and -H go into target, -v makes freeDiameter's log say more, -h prints
 * usage(stdout) and exits with 0; every other option (-t <ms> included, whose checks and messages
 * are the program's) goes to on_option(ctx, option, optarg), which returns 0 or an exit status.
 * Returns 0 or the exit status (DK_EXIT_USAGE for an unknown option); the command is at optind. */
int dk_cli_global_options(int argc, char **argv, const struct option *options, void (*usage)(FILE *),
			  struct dk_cli_target *target, int (*on_option)(void *ctx, int option, const char *arg),
			  void *ctx);
/* After the global options (optind): the subcommand named at argv[optind]. Prints its --help
 * (then extra_help, when not NULL) or, when the target is complete, runs it with its own
 * arguments and freeDiameter's log on stderr. Returns the exit status: usage(stderr) and
 * DK_EXIT_USAGE when no command is named. */
int dk_cli_dispatch(int argc, char **argv, const struct dk_cli_command *const *commands, size_t n,
		    void (*usage)(FILE *), const char *extra_help, struct dk_cli_target target, void *program);

/* An answer whose result is not success: "<program>: <what>: Result-Code <code> <name>: <error
 * message> (Failed-AVP <code>)" on stderr (experimental: Experimental-Result; name, error_message
 * NULL and failed_avp 0 when unknown or absent). Returns DK_EXIT_RESULT. */
int dk_cli_result(const char *what, int experimental, uint32_t code, const char *name, const char *error_message,
		  uint32_t failed_avp);

/* A JSON value on one line of stdout, flushed, then released. */
void dk_cli_print_json(json_t *value);

#endif
