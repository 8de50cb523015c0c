/* Commands on subscriber documents: init, add, show, set, delete. */
#include <errno.h>
#include <string.h>
#include "ctl.h"

int cmd_init(void *store, int argc, char **argv)
{
	(void)store;
	(void)argc;
	(void)argv;
	return 0; /* store_open created it */
}

int cmd_add(void *store, int argc, char **argv)
{
	char err[STORE_ERR_LEN];
	json_t *doc;
	int rc = ctl_load_json(argv[0], CTL_MAX_DOCUMENT, &doc);

	(void)argc;
	if (rc)
		return rc;
	rc = store_subscriber_put(store, doc, err, sizeof err);
	json_decref(doc);
	return rc ? ctl_fail(rc, argv[0], err) : 0;
}

/* The kind of identity a command-line argument names. */
static enum store_identity identity_kind(const char *id)
{
	if (strncmp(id, "sip:", 4) == 0 || strncmp(id, "sips:", 5) == 0 || strncmp(id, "tel:", 4) == 0)
		return STORE_IMPU;
	if (*id && strspn(id, "0123456789") == strlen(id))
		return STORE_MSISDN;
	return STORE_IMPI;
}

int cmd_show(void *store, int argc, char **argv)
{
	enum store_identity kind = identity_kind(argv[0]);
	json_t *doc;
	int rc = store_subscriber_get(store, kind, argv[0], &doc);

	(void)argc;
	if (rc == ENOENT && kind == STORE_MSISDN) /* digits: an MSISDN or an IMSI */
		rc = store_subscriber_get(store, STORE_IMSI, argv[0], &doc);
	if (rc)
		return ctl_fail(rc, argv[0], rc == ENOENT ? "no such subscriber" : NULL);
	return ctl_print(doc);
}

int cmd_set(void *store, int argc, char **argv)
{
	char err[STORE_ERR_LEN];
	json_error_t error;
	json_t *value = json_loads(argv[2], JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &error);
	int rc;

	(void)argc;
	if (!value) {
		fprintf(stderr, "hss-ctl: %s: not JSON: %s\n", argv[2], error.text);
		return EXIT_INPUT;
	}
	rc = store_subscriber_set(store, argv[0], argv[1], json_is_null(value) ? NULL : value, err, sizeof err);
	json_decref(value);
	return rc ? ctl_fail(rc, argv[0], rc == ENOENT ? "no such subscriber" : err) : 0;
}

int cmd_delete(void *store, int argc, char **argv)
{
	int rc = store_subscriber_delete(store, argv[0]);

	(void)argc;
	return rc ? ctl_fail(rc, argv[0], rc == ENOENT ? "no such subscriber" : NULL) : 0;
}
