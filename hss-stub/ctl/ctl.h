/* hss-ctl: provisioning of the HSS stub's store (hss-ctl --help). Results go to stdout, errors to
 * stderr; each command returns the exit code. */
#ifndef CTL_H
#define CTL_H

#include <jansson.h>
#include <stdio.h>
#include "store.h"

enum {
	EXIT_INPUT = 1,   /* bad input: the JSON path and reason of the first error */
	EXIT_USAGE = 2,
	EXIT_STORAGE = 3,
};

#define CTL_MAX_DOCUMENT (1u << 20)       /* add, repdata-put */
#define CTL_MAX_IMPORT ((size_t)4 << 30)  /* import */

/* Print "hss-ctl: <what>: <err, or the code's text>" and return the exit code of a store code. */
int ctl_fail(int rc, const char *what, const char *err);
/* Read a whole file ("-": standard input) of at most max bytes into *data (malloc'ed,
 * NUL-terminated). Returns an exit code (0 on success). */
int ctl_read(const char *path, size_t max, char **data, size_t *len);
/* Parse a JSON document from a file ("-": standard input). Returns an exit code. */
int ctl_load_json(const char *path, size_t max, json_t **doc);
/* Print a JSON value on stdout and take the reference; EXIT_STORAGE when it is NULL. */
int ctl_print(json_t *value);

/* Check ServiceData before storing it (service_data.c): 0, or EINVAL with the reason in err. */
int ctl_check_service_data(const char *service_indication, const char *xml, char *err, size_t errlen);
/* The same for every repository_data[] item of a whole-store document; err holds the JSON path. */
int ctl_check_repository_section(json_t *doc, char *err, size_t errlen);

/* The commands (store_ctl.h): each runs on the struct hss_store that main opened, with the
 * arguments that its entry in main's table allows. */
int cmd_init(void *store, int argc, char **argv);
int cmd_add(void *store, int argc, char **argv);
int cmd_show(void *store, int argc, char **argv);
int cmd_set(void *store, int argc, char **argv);
int cmd_delete(void *store, int argc, char **argv);
int cmd_permit(void *store, int argc, char **argv);
int cmd_permissions(void *store, int argc, char **argv);
int cmd_repdata_get(void *store, int argc, char **argv);
int cmd_repdata_put(void *store, int argc, char **argv);
int cmd_repdata_delete(void *store, int argc, char **argv);
int cmd_subscriptions(void *store, int argc, char **argv);
int cmd_export(void *store, int argc, char **argv);
int cmd_import(void *store, int argc, char **argv);

#endif
