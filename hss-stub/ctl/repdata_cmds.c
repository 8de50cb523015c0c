/* Commands on repository data: repdata-get, repdata-put, repdata-delete. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ctl.h"

#define TRIES 3 /* an AS may update the same data between our read and our write */

int cmd_repdata_get(void *store, int argc, char **argv)
{
	struct store_repdata data;
	json_t *out;
	int rc = store_repdata_get(store, argv[0], argv[1], &data);

	(void)argc;
	if (rc)
		return ctl_fail(rc, argv[1], rc == ENOENT ? "no such repository data" : NULL);
	out = store_repdata_json(argv[0], argv[1], &data);
	store_repdata_clear(&data);
	return ctl_print(out);
}

static const char *update_error(int result)
{
	switch (result) {
	case STORE_TOO_MUCH_DATA:
		return "too much data";
	case ENOENT:
		return "no subscriber has this public identity";
	case EINVAL:
		return "bad public identity or service indication";
	case STORE_NOT_ALLOWED:
		return "no such repository data";
	}
	return NULL;
}

/* Apply u with the successor of the stored Sequence-Number (0 when there is none), again when an
 * AS wrote in between; then print what was done, or why not. */
static int write_next(void *store, struct store_repdata_update *u)
{
	struct store_repdata current;
	int rc = 0;

	for (int i = 0; rc == 0 && i < TRIES; i++) {
		rc = store_repdata_get(store, u->impu, u->service_indication, &current);
		u->sequence_number = rc ? 0 : current.sequence_number % 65535 + 1;
		store_repdata_clear(&current);
		rc = rc == ENOENT ? 0 : rc;
		if (rc == 0)
			rc = store_repdata_apply(store, u, 1, CTL_MAX_DOCUMENT);
		if (rc == 0 && u->result != STORE_OUT_OF_SYNC)
			break;
	}
	if (rc == 0)
		rc = u->result;
	if (rc)
		return ctl_fail(rc < 0 ? (rc == STORE_NOT_ALLOWED ? ENOENT : EINVAL) : rc, u->service_indication,
				update_error(rc));
	if (!u->service_data)
		return ctl_print(json_pack("{s:s, s:s, s:b}", "impu", u->impu, "service_indication",
					   u->service_indication, "deleted", 1));
	return ctl_print(json_pack("{s:s, s:s, s:i}", "impu", u->impu, "service_indication", u->service_indication,
				   "sequence_number", (int)u->new_sequence_number));
}

int cmd_repdata_put(void *store, int argc, char **argv)
{
	struct store_repdata_update u = { .impu = argv[0], .service_indication = argv[1] };
	char *data, err[STORE_ERR_LEN];
	size_t len;
	int rc = ctl_read(argv[2], CTL_MAX_DOCUMENT, &data, &len);

	(void)argc;
	if (rc)
		return rc;
	while (len && isspace((unsigned char)data[len - 1]))
		data[--len] = 0;
	u.service_data = data;
	u.service_data_len = len;
	if (ctl_check_service_data(argv[1], data, err, sizeof err)) {
		free(data);
		return ctl_fail(EINVAL, argv[2], err);
	}
	rc = write_next(store, &u);
	free(data);
	return rc;
}

/* As a PUR without ServiceData: the subscribed ASs are notified, then their subscriptions go. */
int cmd_repdata_delete(void *store, int argc, char **argv)
{
	struct store_repdata_update u = { .impu = argv[0], .service_indication = argv[1] };

	(void)argc;
	return write_next(store, &u);
}
