/* cdf-ctl <command> --store <dir> [options]: reading the CDF's store of charging data records. */
#include <stdio.h>
#include <string.h>
#include "cdf_ctl.h"

struct command {
	const char *name, *args, *help;
	int (*run)(struct cdr_store *store, const struct ctl_options *o);
};

static const struct command commands[] = {
	{ "export", "[--from T] [--to T] [--user U] [--session S]",
	  "Print the CDRs as JSON lines, one per record: of a session (by record number), of a\n"
	  "user (User-Name or Subscription-Id-Data), or whose event time is within [from, to];\n"
	  "T is Unix seconds, 2026-11-22 or 2026-11-22T03:00:00Z (UTC).", cmd_export },
	{ "show", "--session S", "Print a session's sequence state and its CDRs as one JSON document.", cmd_show },
	{ "stats", "", "Print counts: records by type, out of sequence, duplicates answered, sessions.", cmd_stats },
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *out)
{
	fprintf(out, "usage: cdf-ctl <command> --store <dir> [options]\n"
		     "Reads the CDR store of app_cdf.fdx (docs/cdf-store.md). Exit status: 0 done, 1 no such\n"
		     "session, 2 usage error, 3 storage error.\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++) {
		fprintf(out, "  %s%s%s\n    ", commands[i].name, *commands[i].args ? " " : "", commands[i].args);
		for (const char *c = commands[i].help; *c; c++) {
			if (*c == '\n')
				fputs("\n    ", out);
			else
				fputc(*c, out);
		}
		fputc('\n', out);
	}
}

static int bad_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "cdf-ctl: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	usage(stderr);
	return EXIT_USAGE;
}

/* Read the options after the command; 0, or an exit status. */
static int parse_options(int argc, char **argv, struct ctl_options *o)
{
	for (int i = 0; i < argc; i += 2) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(opt, "--help") || !strcmp(opt, "-h")) {
			usage(stdout);
			return -1;
		}
		if (!val)
			return bad_usage("%s needs a value", opt);
		if (!strcmp(opt, "--store"))
			o->store = val;
		else if (!strcmp(opt, "--session"))
			o->filter.session_id = val;
		else if (!strcmp(opt, "--user"))
			o->filter.user = val;
		else if (!strcmp(opt, "--from") || !strcmp(opt, "--to")) {
			int64_t *t = opt[2] == 'f' ? &o->filter.from : &o->filter.to;
			if (parse_time(val, t))
				return bad_usage("bad time '%s' (Unix seconds, 2026-11-22 or 2026-11-22T03:00:00Z)", val);
		} else {
			return bad_usage("unknown option %s", opt);
		}
	}
	if (!o->store)
		return bad_usage("%s", "--store <dir> is required");
	if (o->filter.from && o->filter.to && o->filter.from > o->filter.to)
		return bad_usage("%s", "--from is after --to");
	return 0;
}

int main(int argc, char **argv)
{
	const struct command *c = NULL;
	struct ctl_options o = { 0 };
	struct cdr_store *store;
	int rc;

	if (argc < 2)
		return bad_usage("%s", "no command");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	for (size_t k = 0; k < N_COMMANDS; k++)
		if (!strcmp(argv[1], commands[k].name))
			c = &commands[k];
	if (!c)
		return bad_usage("unknown command '%s'", argv[1]);
	rc = parse_options(argc - 2, argv + 2, &o);
	if (rc)
		return rc < 0 ? 0 : rc;
	if ((rc = cdr_store_open(o.store, 0, 0, &store))) {
		fprintf(stderr, "cdf-ctl: cannot open the store %s: %s\n", o.store, strerror(rc));
		return EXIT_STORAGE;
	}
	rc = c->run(store, &o);
	cdr_store_close(store);
	return rc;
}
