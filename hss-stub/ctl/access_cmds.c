/* Commands on the AS permission list and the subscriptions: permit, permissions, subscriptions. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "ctl.h"

/* "pull,update,subs-notif" or "none" as STORE_PERM_* bits; -1 when bad. */
static long parse_operations(const char *text)
{
	char *copy, *name, *save = NULL;
	long ops = 0;

	if (strcmp(text, "none") == 0)
		return 0;
	copy = strdup(text);
	if (!copy)
		return -1;
	for (name = strtok_r(copy, ",", &save); name && ops >= 0; name = strtok_r(NULL, ",", &save)) {
		int bit = store_enum_value(store_perm_names, name);

		ops = bit < 0 ? -1 : ops | 1L << bit;
	}
	free(copy);
	return ops > 0 ? ops : -1;
}

int cmd_permit(void *store, int argc, char **argv)
{
	char *end;
	long dr = strtol(argv[1], &end, 10), ops = parse_operations(argv[2]);
	int rc;

	(void)argc;
	if (*argv[1] == 0 || *end || dr < 0 || dr > 255) {
		fprintf(stderr, "hss-ctl: %s: not a Data-Reference (0 to 255)\n", argv[1]);
		return EXIT_INPUT;
	}
	if (ops < 0) {
		fprintf(stderr, "hss-ctl: %s: not a list of pull, update, subs-notif, or none\n", argv[2]);
		return EXIT_INPUT;
	}
	if (ops && !store_dr_operations((int)dr)) {
		fprintf(stderr, "hss-ctl: %s: not a Data-Reference this HSS serves (" STORE_DATA_REFERENCES ")\n",
			argv[1]);
		return EXIT_INPUT;
	}
	if (ops & ~store_dr_operations((int)dr)) {
		fprintf(stderr, "hss-ctl: %s: not allowed for Data-Reference %ld (TS 29.328 Table 7.6.1)\n", argv[2],
			dr);
		return EXIT_INPUT;
	}
	rc = store_permission_set(store, argv[0], (int)dr, (uint32_t)ops);
	return rc ? ctl_fail(rc, argv[0], rc == EINVAL ? "not an AS host name" : NULL) : 0;
}

static int add_permission(const char *as_host, int data_reference, uint32_t ops, void *arg)
{
	return json_array_append_new(arg, store_permission_json(as_host, data_reference, ops)) ? ENOMEM : 0;
}

int cmd_permissions(void *store, int argc, char **argv)
{
	json_t *list = json_array();
	int rc = store_permission_each(store, add_permission, list);

	(void)argc;
	(void)argv;
	if (rc) {
		json_decref(list);
		return ctl_fail(rc, "permissions", NULL);
	}
	return ctl_print(list);
}

static int add_subscription(const struct store_subscription *sub, void *arg)
{
	return json_array_append_new(arg, store_subscription_json(sub)) ? ENOMEM : 0;
}

int cmd_subscriptions(void *store, int argc, char **argv)
{
	json_t *list = json_array();
	int rc = store_subscription_list(store, argc ? argv[0] : NULL, add_subscription, list);

	if (rc) {
		json_decref(list);
		return ctl_fail(rc, "subscriptions", NULL);
	}
	return ctl_print(list);
}
