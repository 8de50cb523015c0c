/* Command-line pieces the subcommands share: options, numbers, names, opening the client. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_number(const char *option, const char *text, long long max, long long *value)
{
	char *end;

	errno = 0;
	if (isdigit((unsigned char)*text)) {
		*value = strtoll(text, &end, 10);
		if (!errno && !*end && *value <= max)
			return 0;
	}
	return dk_cli_usage_error("%s wants a number from 0 to %lld, not '%s'", option, max, text);
}

int cli_choice(const char *option, const char *text, const char *const *names, int *value)
{
	char list[256] = "";

	for (int i = 0; names[i]; i++) {
		if (!strcmp(names[i], text)) {
			*value = i;
			return 0;
		}
		strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
		strncat(list, names[i], sizeof list - strlen(list) - 1);
	}
	return dk_cli_usage_error("%s wants one of %s, not '%s'", option, list, text);
}

int cli_open(struct cli *cli)
{
	char err[CHG_ERR_LEN];
	int ret;

	if (cli->client)
		return 0;
	if (!(ret = chg_client_open(&cli->config, &cli->client, err, sizeof err)))
		return 0;
	fprintf(stderr, "charging-client: %s\n", err);
	return ret == ENOTCONN || ret == ETIMEDOUT ? EXIT_NO_ANSWER : EXIT_LOCAL;
}
