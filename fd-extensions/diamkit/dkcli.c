/* Command-line helpers (dkcli.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include "dkcli.h"

const char *dk_cli_program = "";

int dk_cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", dk_cli_program);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see --help)\n", stderr);
	return DK_EXIT_USAGE;
}

int dk_cli_options(int argc, char **argv, const char *short_options, const struct option *options,
		   int (*on_option)(void *ctx, int option, const char *arg), void *ctx)
{
	int opt, ret;

	optind = 0; /* glibc: start afresh on a new argv */
	while ((opt = getopt_long(argc, argv, short_options, options, NULL)) != -1)
		if ((ret = opt == '?' ? DK_EXIT_USAGE : on_option(ctx, opt, optarg)))
			return ret;
	return 0;
}

int dk_cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int dk_cli_choice(const char *arg, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(arg, names[i]))
			return i;
	return -1;
}

#define LOG_NOTHING (FD_LOG_FATAL + 1)
static int log_threshold = LOG_NOTHING;

static void log_to_stderr(int level, const char *format, va_list args)
{
	if (level < log_threshold)
		return;
	fputs("freeDiameter: ", stderr);
	vfprintf(stderr, format, args);
	fputc('\n', stderr);
}

void dk_cli_log_to_stderr(void)
{
	fd_log_handler_register(log_to_stderr);
}

void dk_cli_log_more(void)
{
	log_threshold = log_threshold == LOG_NOTHING ? FD_LOG_ERROR :
			log_threshold == FD_LOG_ERROR ? FD_LOG_NOTICE : FD_LOG_DEBUG;
}

void dk_cli_log_off(void)
{
	log_threshold = LOG_NOTHING;
}

int dk_cli_no_answer(const char *what, int status, int timeout_ms)
{
	switch (status) {
	case 0:
		return 0;
	case ETIMEDOUT:
		fprintf(stderr, "%s: %s: no answer within %d ms\n", dk_cli_program, what, timeout_ms);
		return DK_EXIT_NO_ANSWER;
	case ENOTCONN:
		fprintf(stderr, "%s: %s: no peer to send it to\n", dk_cli_program, what);
		return DK_EXIT_NO_ANSWER;
	case EBADMSG:
		fprintf(stderr, "%s: %s: the answer broke the dictionary's rules and was dropped\n", dk_cli_program, what);
		return DK_EXIT_NO_ANSWER;
	}
	fprintf(stderr, "%s: %s: %s\n", dk_cli_program, what, strerror(status));
	return DK_EXIT_LOCAL;
}

int dk_cli_result(const char *what, int experimental, uint32_t code, const char *name, const char *error_message,
		  uint32_t failed_avp)
{
	fprintf(stderr, "%s: %s: %s %u%s%s", dk_cli_program, what, experimental ? "Experimental-Result" : "Result-Code",
		code, name && *name ? " " : "", name ? name : "");
	if (error_message)
		fprintf(stderr, ": %s", error_message);
	if (failed_avp)
		fprintf(stderr, " (Failed-AVP %u)", failed_avp);
	fputc('\n', stderr);
	return DK_EXIT_RESULT;
}

void dk_cli_print_json(json_t *value)
{
	json_dumpf(value, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
	fputc('\n', stdout);
	fflush(stdout);
	json_decref(value);
}

void dk_cli_list_commands(FILE *out, const struct dk_cli_command *const *commands, size_t n, int width)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-*s %s\n", width, commands[i]->name, commands[i]->summary);
}

/* dk_cli_global_options() while it reads: what it hands on to the program. */
struct global_parse {
	void (*usage)(FILE *);
	struct dk_cli_target *target;
	int (*on_option)(void *ctx, int option, const char *arg);
	void *ctx;
};

static int on_global_option(void *ctx, int option, const char *arg)
{
	struct global_parse *g = ctx;

	switch (option) {
	case 'c':
		g->target->fd_config = arg;
		return 0;
	case 'r':
		g->target->dest_realm = arg;
		return 0;
	case 'H':
		g->target->dest_host = arg;
		return 0;
	case 'v':
		dk_cli_log_more();
		return 0;
	case 'h':
		g->usage(stdout);
		exit(EXIT_SUCCESS);
	}
	return g->on_option(g->ctx, option, arg);
}

int dk_cli_global_options(int argc, char **argv, const struct option *options, void (*usage)(FILE *),
			  struct dk_cli_target *target, int (*on_option)(void *ctx, int option, const char *arg),
			  void *ctx)
{
	struct global_parse g = { usage, target, on_option, ctx };

	/* "+": the options end at the command, whose own options are its to read */
	return dk_cli_options(argc, argv, "+c:r:H:t:vh", options, on_global_option, &g);
}

int dk_cli_dispatch(int argc, char **argv, const struct dk_cli_command *const *commands, size_t n,
		    void (*usage)(FILE *), const char *extra_help, struct dk_cli_target target, void *program)
{
	const struct dk_cli_command *command = NULL;

	if (optind == argc) {
		usage(stderr);
		return DK_EXIT_USAGE;
	}
	for (size_t i = 0; !command && i < n; i++)
		if (!strcmp(commands[i]->name, argv[optind]))
			command = commands[i];
	if (!command)
		return dk_cli_usage_error("unknown command '%s'", argv[optind]);
	argc -= optind;
	argv += optind;
	if (dk_cli_wants_help(argc, argv)) {
		fputs(command->usage, stdout);
		if (extra_help)
			fputs(extra_help, stdout);
		return 0;
	}
	if (!target.fd_config || !target.dest_realm)
		return dk_cli_usage_error("-c <fd.conf> and -r <dest realm> are needed");
	dk_cli_log_to_stderr();
	return command->run(program, argc, argv);
}
