/* cdf-ctl internals: options, the JSON form of a record, the commands. */
#ifndef CDF_CTL_H
#define CDF_CTL_H

#include <jansson.h>
#include <stdint.h>
#include "cdrstore.h"

/* Exit status: 0 done, 1 nothing found, 2 usage error, 3 storage error. */
#define EXIT_NOT_FOUND 1
#define EXIT_USAGE 2
#define EXIT_STORAGE 3

struct ctl_options {
	const char *store;
	struct cdr_filter filter;
};

/* "2026-11-22T03:00:00Z", "2026-11-22" (UTC) or Unix seconds: 0 and *t, or -1. */
int parse_time(const char *text, int64_t *t);
/* UTC text of t seconds (ms < 0: no milliseconds) into buf of 32 bytes. */
const char *format_time(int64_t t, int ms, char *buf);

/* A record as one JSON object (its AVPs under "avps"), or NULL. */
json_t *record_json(const struct cdr_view *v);

int cmd_export(struct cdr_store *store, const struct ctl_options *o);
int cmd_show(struct cdr_store *store, const struct ctl_options *o);
int cmd_stats(struct cdr_store *store, const struct ctl_options *o);

#endif
