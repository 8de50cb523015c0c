/* Command-line pieces the subcommands share: identities, Data-References, numbers, and the options
 * every request takes. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "cli.h"

int cli_parse_identity(const char *text, struct sh_request *request)
{
	if (!strncmp(text, "sip:", 4) || !strncmp(text, "sips:", 5) || !strncmp(text, "tel:", 4)) {
		request->identity_kind = SH_ID_PUBLIC_IDENTITY;
		request->identity = text;
		return 0;
	}
	if (*text == '+')
		text++;
	if (!*text || strspn(text, "0123456789") != strlen(text))
		return -1;
	request->identity_kind = SH_ID_MSISDN;
	request->identity = text;
	return 0;
}

int cli_parse_count(const char *text, long max, long *value)
{
	char *end;

	errno = 0;
	if (!isdigit((unsigned char)*text))
		return -1;
	*value = strtol(text, &end, 10);
	return errno || *end || *value > max ? -1 : 0;
}

void cli_request_init(struct cli_request *r)
{
	sh_request_init(&r->request);
	r->request.data_references = r->data_references;
	r->request.service_indications = r->service_indications;
	r->request.dsai_tags = r->dsai_tags;
}

/* The value of an Enumerated option: its index in names (the TS 29.329 value), or -1. */
static const char *const identity_sets[] = { "all", "registered", "implicit", "alias", NULL };
static const char *const domains[] = { "cs", "ps", NULL };
static const char *const current_locations[] = { "do-not-initiate", "initiate", NULL };

int cli_request_option(void *request, int option, const char *arg)
{
	struct cli_request *r = request;

	switch (option) {
	case OPT_SI:
		if (r->request.n_service_indications == CLI_MAX_ITEMS)
			return dk_cli_usage_error("at most %d --si", CLI_MAX_ITEMS);
		r->service_indications[r->request.n_service_indications++] = arg;
		return 0;
	case OPT_USER_NAME:
		r->request.user_name = arg;
		return 0;
	case OPT_SERVER_NAME:
		r->request.server_name = arg;
		return 0;
	case OPT_IDENTITY_SET:
		if ((r->request.identity_set = dk_cli_choice(arg, identity_sets)) < 0)
			return dk_cli_usage_error("--identity-set wants all, registered, implicit or alias");
		return 0;
	case OPT_DSAI_TAG:
		if (r->request.n_dsai_tags == CLI_MAX_ITEMS)
			return dk_cli_usage_error("at most %d --dsai-tag", CLI_MAX_ITEMS);
		r->dsai_tags[r->request.n_dsai_tags++] = arg;
		return 0;
	case OPT_DOMAIN:
		if ((r->request.requested_domain = dk_cli_choice(arg, domains)) < 0)
			return dk_cli_usage_error("--domain wants cs or ps");
		return 0;
	case OPT_CURRENT_LOCATION:
		if ((r->request.current_location = dk_cli_choice(arg, current_locations)) < 0)
			return dk_cli_usage_error("--current-location wants initiate or do-not-initiate");
		return 0;
	}
	return dk_cli_usage_error("unexpected option");
}

int cli_request_positionals(struct cli_request *r, int argc, char **argv, int none_ok)
{
	if (argc < 1)
		return dk_cli_usage_error("no identity");
	if (cli_parse_identity(argv[0], &r->request))
		return dk_cli_usage_error("'%s' is neither a sip:/tel: URI nor an MSISDN", argv[0]);
	if (argc < 2 && !none_ok)
		return dk_cli_usage_error("no Data-Reference");
	if (argc - 1 > CLI_MAX_ITEMS)
		return dk_cli_usage_error("at most %d Data-References", CLI_MAX_ITEMS);
	for (int i = 1; i < argc; i++)
		r->data_reference_names[r->request.n_data_references++] = argv[i];
	return 0;
}

void cli_request_repository_data(struct cli_request *r)
{
	r->data_reference_names[0] = "0";
	r->request.n_data_references = 1;
}

int cli_request_resolve(struct cli_request *r)
{
	for (size_t i = 0; i < r->request.n_data_references; i++) {
		const char *text = r->data_reference_names[i];
		long n;

		if (!cli_parse_count(text, INT32_MAX, &n))
			r->data_references[i] = (int)n;
		else if (sh_data_reference_value(text, &r->data_references[i]))
			return dk_cli_usage_error("'%s' is not a Data-Reference (a number or a TS 29.329 name "
					       "such as RepositoryData, IMSUserState)", text);
	}
	return 0;
}
