/* Checking a struct sh_request before anything is built: what each command requires (TS 29.329
 * §6.1 and the access keys of TS 29.328 Table 7.6.1) and the ranges of the enumerated values. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "shclient_internal.h"

#define MSISDN_MAX_DIGITS 15 /* E.164 */

#define fail(err, errlen, ...) dk_error(err, errlen, EINVAL, __VA_ARGS__)

/* TS 29.329 §6.3.4: 0, 10-19 and 21-35 (20 is reserved). */
static int data_reference_known(int dr)
{
	return dr == 0 || (dr >= 10 && dr <= 35 && dr != 20);
}

static int all_digits(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > MSISDN_MAX_DIGITS)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* An optional enumerated member: SH_UNSET or 0..max. */
static int in_range(int value, int max)
{
	return value == SH_UNSET || (value >= 0 && value <= max);
}

static int check_strings(const char *const *list, size_t n, const char *what, char *err, size_t errlen)
{
	if (n && !list)
		return fail(err, errlen, "%s: %zu announced, none given", what, n);
	for (size_t i = 0; i < n; i++)
		if (!list[i] || !*list[i])
			return fail(err, errlen, "%s %zu is empty", what, i + 1);
	return 0;
}

static int check_identity(const struct sh_request *r, char *err, size_t errlen)
{
	if (!r->identity || !*r->identity)
		return fail(err, errlen, "no identity");
	switch (r->identity_kind) {
	case SH_ID_PUBLIC_IDENTITY:
		return 0;
	case SH_ID_MSISDN:
		return all_digits(r->identity) ? 0 :
			fail(err, errlen, "MSISDN '%s' is not 1 to %d digits", r->identity, MSISDN_MAX_DIGITS);
	}
	return fail(err, errlen, "unknown identity kind %d", (int)r->identity_kind);
}

static int check_data_references(enum sh_command cmd, const struct sh_request *r, char *err, size_t errlen)
{
	if (!r->n_data_references || !r->data_references)
		return fail(err, errlen, "no Data-Reference");
	for (size_t i = 0; i < r->n_data_references; i++) {
		int dr = r->data_references[i];
		if (!data_reference_known(dr))
			return fail(err, errlen, "Data-Reference %d is not defined by TS 29.329", dr);
		/* Repository data is keyed by Service-Indication; a PUR names it inside User-Data. */
		if (dr == SH_DR_REPOSITORY_DATA && cmd != SH_CMD_PUR && !r->n_service_indications)
			return fail(err, errlen, "Data-Reference 0 (RepositoryData) needs a Service-Indication");
	}
	return 0;
}

static int check_enumerations(const struct sh_request *r, char *err, size_t errlen)
{
	if (!in_range(r->requested_domain, 1))
		return fail(err, errlen, "Requested-Domain %d is not 0 or 1", r->requested_domain);
	if (!in_range(r->current_location, 1))
		return fail(err, errlen, "Current-Location %d is not 0 or 1", r->current_location);
	if (!in_range(r->identity_set, 3))
		return fail(err, errlen, "Identity-Set %d is not 0 to 3", r->identity_set);
	if (!in_range(r->send_data_indication, 1))
		return fail(err, errlen, "Send-Data-Indication %d is not 0 or 1", r->send_data_indication);
	if (r->supported_features != SH_UNSET && r->supported_features < 0)
		return fail(err, errlen, "Feature-List %d is negative", r->supported_features);
	if (r->subs_req_type != 0 && r->subs_req_type != 1)
		return fail(err, errlen, "Subs-Req-Type %d is not 0 or 1", r->subs_req_type);
	return 0;
}

int sh_request_check(enum sh_command cmd, const struct sh_request *r, char *err, size_t errlen)
{
	int ret;

	if (!r)
		return fail(err, errlen, "no request");
	if (cmd != SH_CMD_UDR && cmd != SH_CMD_PUR && cmd != SH_CMD_SNR)
		return fail(err, errlen, "command %d is not UDR, PUR or SNR", (int)cmd);
	if ((ret = check_identity(r, err, errlen)) || (ret = check_data_references(cmd, r, err, errlen)) ||
	    (ret = check_strings(r->service_indications, r->n_service_indications, "Service-Indication",
				 err, errlen)) ||
	    (ret = check_strings(r->dsai_tags, r->n_dsai_tags, "DSAI-Tag", err, errlen)) ||
	    (ret = check_enumerations(r, err, errlen)))
		return ret;
	if (r->user_name && !*r->user_name)
		return fail(err, errlen, "empty User-Name");
	if (r->server_name && !*r->server_name)
		return fail(err, errlen, "empty Server-Name");
	if (cmd == SH_CMD_PUR && (!r->user_data || !r->user_data_len))
		return fail(err, errlen, "a PUR needs User-Data");
	if (r->user_data_len > SHDATA_MAX_SIZE)
		return fail(err, errlen, "User-Data of %zu bytes is over %d", r->user_data_len, SHDATA_MAX_SIZE);
	if (r->expiry_time < 0)
		return fail(err, errlen, "negative Expiry-Time");
	return 0;
}
