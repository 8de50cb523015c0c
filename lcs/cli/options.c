/* Option values more than one command reads. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "dkcli.h"

int parse_long(const char *text, long min, long *out)
{
	char *end;

	*out = strtol(text, &end, 10);
	return *end || end == text || *out < min ? -1 : 0;
}

int parse_range(const char *text, long min, long max, long *out)
{
	return parse_long(text, min, out) || *out > max ? -1 : 0;
}

int parse_priority(const char *arg, enum mlp_prio *prio)
{
	static const char *const prios[] = { "normal", "high", NULL }; /* by enum mlp_prio */
	int v = dk_cli_choice(arg, prios);

	if (v < 0)
		return -1;
	*prio = (enum mlp_prio)v;
	return 0;
}

int check_version(const struct mlp_eqop *q, const enum mlp_loc_type *loc_type, enum mlp_version v)
{
	if (v != MLP_V3_1)
		return 0;
	if (q->has_qos_class) {
		fprintf(stderr, "lcs-client: --qos needs MLP 3.2 or later (MLP 3.1 has no qos_class)\n");
		return -1;
	}
	if (loc_type && *loc_type == MLP_LOC_LAST_OR_CURRENT) {
		fprintf(stderr, "lcs-client: --location-type last-or-current needs MLP 3.2 or later\n");
		return -1;
	}
	return 0;
}

int parse_location_type(const char *arg, enum mlp_loc_type *type)
{
	/* by enum mlp_loc_type */
	static const char *const types[] = { "current", "last", "current-or-last", "last-or-current", "initial",
					     NULL };
	int v = dk_cli_choice(arg, types);

	if (v < 0)
		return -1;
	*type = (enum mlp_loc_type)v;
	return 0;
}

int parse_quality(int opt, const char *arg, struct mlp_eqop *q)
{
	/* by enum mlp_qos_class and enum mlp_resp_req */
	static const char *const classes[] = { "assured", "best-effort", NULL };
	static const char *const responses[] = { "no-delay", "low-delay", "delay-tolerant", NULL };
	int v;

	switch (opt) {
	/* no accuracy is ever 0 m, nor an answer at once; a position may be of this second */
	case 'A':
		return parse_range(arg, 1, 100000000, &q->hor_acc_m);
	case 'H':
		return parse_range(arg, 1, 100000000, &q->alt_acc_m);
	case 'M':
		return parse_range(arg, 0, 86400, &q->max_loc_age_s);
	case 'T':
		return parse_range(arg, 1, 86400, &q->resp_timer_s);
	case 'Q':
		if ((v = dk_cli_choice(arg, classes)) < 0)
			return -1;
		q->has_qos_class = 1;
		q->qos_class = (enum mlp_qos_class)v;
		return 0;
	case 'R':
		if ((v = dk_cli_choice(arg, responses)) < 0)
			return -1;
		q->has_resp_req = 1;
		q->resp_req = (enum mlp_resp_req)v;
		return 0;
	}
	return 0;
}
