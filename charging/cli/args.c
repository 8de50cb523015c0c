/* Command-line pieces the subcommands share: options, numbers, names, opening the client. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "latency.h"

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

/* The client opens once a peer serving Rf or Ro is OPEN: with a CDF and an OCS as peers, the
 * first connection may be the one that cannot take the request, which would then fail for want of
 * a route. So the command also waits for a peer of its own application, within the same timeout. */
int cli_open(struct cli *cli, enum chg_application app)
{
	int timeout_ms = cli->config.open_timeout_ms > 0 ? cli->config.open_timeout_ms : CLI_OPEN_TIMEOUT_MS;
	char err[CHG_ERR_LEN];
	struct timespec start, now;
	int ret, left_ms;

	if (cli->client)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &start);
	if ((ret = chg_client_open(&cli->config, &cli->client, err, sizeof err))) {
		fprintf(stderr, "charging-client: %s\n", err);
		return ret == ENOTCONN || ret == ETIMEDOUT ? EXIT_NO_ANSWER : EXIT_LOCAL;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	left_ms = timeout_ms - (int)dk_ms_between(&start, &now);
	if (!chg_client_wait_peer(cli->client, app, left_ms > 0 ? left_ms : 0))
		return 0;
	fprintf(stderr, "charging-client: no peer serving %s is OPEN after %d ms\n", app == CHG_RO ? "Ro" : "Rf",
		timeout_ms);
	return EXIT_NO_ANSWER;
}
