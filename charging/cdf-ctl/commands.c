/* The commands of cdf-ctl: export, show, stats. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cdf_ctl.h"

static int storage_error(const char *what, int rc)
{
	fprintf(stderr, "cdf-ctl: %s: %s\n", what, strerror(rc));
	return EXIT_STORAGE;
}

struct printing {
	size_t count;
	json_t *collect; /* NULL: print each record as one line */
};

static int print_record(const struct cdr_view *v, void *arg)
{
	struct printing *p = arg;
	json_t *o = record_json(v);

	if (!o)
		return ENOMEM;
	p->count++;
	if (p->collect)
		return json_array_append_new(p->collect, o) ? ENOMEM : 0;
	if (json_dumpf(o, stdout, JSON_COMPACT) || putchar('\n') == EOF) {
		json_decref(o);
		return EIO;
	}
	json_decref(o);
	return 0;
}

int cmd_export(struct cdr_store *store, const struct ctl_options *o)
{
	struct printing p = { 0 };
	int rc = cdr_store_export(store, &o->filter, print_record, &p);

	if (rc)
		return storage_error("export", rc);
	return fflush(stdout) ? EXIT_STORAGE : 0;
}

int cmd_show(struct cdr_store *store, const struct ctl_options *o)
{
	struct cdr_session s;
	struct cdr_filter only = { .session_id = o->filter.session_id };
	struct printing p = { .collect = json_array() };
	json_t *doc;
	int rc;

	if (!o->filter.session_id) {
		fprintf(stderr, "cdf-ctl: show needs --session\n");
		json_decref(p.collect);
		return EXIT_USAGE;
	}
	rc = cdr_store_session(store, o->filter.session_id, &s);
	if (!rc)
		rc = cdr_store_export(store, &only, print_record, &p);
	if (rc) {
		json_decref(p.collect);
		if (rc == ENOENT) {
			fprintf(stderr, "cdf-ctl: no record of session %s\n", o->filter.session_id);
			return EXIT_NOT_FOUND;
		}
		return storage_error("show", rc);
	}
	doc = json_pack("{s:s, s:b, s:b, s:I, s:I, s:o}", "session_id", o->filter.session_id, "started", s.started,
			"stopped", s.stopped, "highest_record_number", (json_int_t)s.highest_number, "records",
			(json_int_t)s.records, "cdrs", p.collect);
	if (!doc || json_dumpf(doc, stdout, JSON_INDENT(2)) || putchar('\n') == EOF) {
		json_decref(doc);
		return EXIT_STORAGE;
	}
	json_decref(doc);
	return 0;
}

int cmd_stats(struct cdr_store *store, const struct ctl_options *o)
{
	struct cdr_stats s;
	json_t *doc;
	int rc = cdr_store_stats(store, &s);

	(void)o;
	if (rc)
		return storage_error("stats", rc);
	doc = json_pack("{s:I, s:{s:I, s:I, s:I, s:I}, s:I, s:I, s:I, s:I, s:I, s:I}", "records",
			(json_int_t)s.records, "by_type", "EVENT_RECORD", (json_int_t)s.by_type[CDR_EVENT],
			"START_RECORD", (json_int_t)s.by_type[CDR_START], "INTERIM_RECORD",
			(json_int_t)s.by_type[CDR_INTERIM], "STOP_RECORD", (json_int_t)s.by_type[CDR_STOP],
			"out_of_sequence", (json_int_t)s.out_of_sequence, "duplicates_answered",
			(json_int_t)s.duplicates, "sessions", (json_int_t)s.sessions, "open_sessions",
			(json_int_t)s.open_sessions, "map_size", (json_int_t)s.map_size, "map_used",
			(json_int_t)s.map_used);
	if (!doc || json_dumpf(doc, stdout, JSON_INDENT(2)) || putchar('\n') == EOF) {
		json_decref(doc);
		return EXIT_STORAGE;
	}
	json_decref(doc);
	return 0;
}
