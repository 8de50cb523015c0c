/* What a request carries, from the options every command takes: the user, the
 * Service-Context-Id, IMS / LCS / ProSe Service-Information, and for Ro the subscriber and one
 * Multiple-Services-Credit-Control. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

const char cli_request_help[] =
	"Request options:\n"
	"  --user-name <name>            User-Name\n"
	"  --context <id>                Service-Context-Id (default: " CHG_CONTEXT_PROSE " with ProSe\n"
	"                                options, " CHG_CONTEXT_LCS " with LCS ones, else " CHG_CONTEXT_IMS ")\n"
	"IMS-Information (Node-Functionality AS unless told):\n"
	"  --calling <uri> --called <uri> --icid <IMS-Charging-Identifier> --sip-method <method>\n"
	"  --role originating|terminating|forwarding   --node-functionality <0..21>\n"
	"LCS-Information:\n"
	"  --lcs-client <external id>    LCS-Client-Id { LCS-Client-External-ID }\n"
	"  --lcs-client-type emergency|value-added|plmn-operator|lawful-intercept\n"
	"  --lcs-client-name <name>      --requestor <id>\n"
	"  --location-type current|current-or-last-known|initial|activate-deferred|cancel-deferred\n"
	"  --location <lat>,<lon>[,<radius m>]   Location-Estimate (a TS 23.032 point or circle)\n"
	"  --msisdn <digits>             --imsi <digits>\n"
	"ProSe-Information:\n"
	"  --prose-event announcing|monitoring|match-report|alert|cancel\n"
	"                                (alert: Proximity-Alert-Indication ALERT and its timestamp;\n"
	"                                cancel: Proximity-Cancellation-Timestamp)\n"
	"  --prose-role announcing|monitoring|requestor|requested   --range-class <1..5>\n"
	"  --prose-app-id <id>\n";

static const char *const roles[] = { "originating", "terminating", "forwarding", NULL };
static const char *const client_types[] = { "emergency", "value-added", "plmn-operator", "lawful-intercept", NULL };
static const char *const location_types[] = { "current", "current-or-last-known", "initial", "activate-deferred",
					      "cancel-deferred", NULL };
static const char *const prose_events[] = { "announcing", "monitoring", "match-report", "alert", "cancel", NULL };
static const char *const prose_roles[] = { "announcing", "monitoring", "requestor", "requested", NULL };
/* Subscription-Id-Type values 0..4 as prefixes of --subscriber. */
static const char *const subscriber_kinds[] = { "e164", "imsi", "sip", "nai", "private", NULL };

enum { PROSE_ALERT = 3, PROSE_CANCEL = 4 };

void cli_request_init(struct cli_request *r)
{
	memset(r, 0, sizeof *r);
	chg_ims_init(&r->ims);
	chg_lcs_init(&r->lcs);
	chg_prose_init(&r->prose);
	chg_mscc_init(&r->mscc);
}

/* <lat>,<lon>[,<radius>] into GAD octets: a point, or a point with an uncertainty circle. */
static int parse_location(struct cli_request *r, const char *text)
{
	struct gad_position p = { .shape = GAD_POINT };
	size_t len;
	char tail;
	int n = sscanf(text, "%lf,%lf,%lf%c", &p.lat, &p.lon, &p.uncertainty_m, &tail);

	if (n == 3)
		p.shape = GAD_POINT_UNCERTAINTY_CIRCLE;
	if ((n != 2 && n != 3) || gad_encode(&p, r->gad, sizeof r->gad, &len))
		return dk_cli_usage_error("--location wants <lat>,<lon>[,<radius m>] in degrees and meters, not '%s'", text);
	r->lcs.location_estimate = r->gad;
	r->lcs.location_estimate_len = len;
	return 0;
}

static int parse_subscriber(struct cli_request *r, const char *text)
{
	const char *colon = strchr(text, ':');
	char kind[16];
	int type;

	if (!colon || colon == text || (size_t)(colon - text) >= sizeof kind || !colon[1])
		return dk_cli_usage_error("--subscriber wants <kind>:<data> (e164, imsi, sip, nai, private)");
	memcpy(kind, text, (size_t)(colon - text));
	kind[colon - text] = '\0';
	if (cli_choice("--subscriber", kind, subscriber_kinds, &type))
		return EXIT_USAGE;
	r->subscriber.type = type;
	/* sip:alice@... keeps its scheme: the data of END_USER_SIP_URI is the whole URI */
	r->subscriber.data = type == CHG_END_USER_SIP_URI ? text : colon + 1;
	r->has_subscriber = 1;
	return 0;
}

static int prose_event(struct cli_request *r, const char *arg)
{
	int event;

	if (cli_choice("--prose-event", arg, prose_events, &event))
		return EXIT_USAGE;
	if (event == PROSE_ALERT) {
		r->prose.proximity_alert_indication = 0; /* ALERT */
		r->prose.proximity_alert_timestamp = time(NULL);
	} else if (event == PROSE_CANCEL) {
		r->prose.proximity_cancellation_timestamp = time(NULL);
	} else {
		r->prose.event_type = event;
	}
	r->prose_set = 1;
	return 0;
}

static int ims_option(struct cli_request *r, int option, const char *arg)
{
	long long n;

	r->ims_set = 1;
	switch (option) {
	case OPT_CALLING:
		r->ims.calling_party_address = arg;
		return 0;
	case OPT_CALLED:
		r->ims.called_party_address = arg;
		return 0;
	case OPT_ICID:
		r->ims.ims_charging_identifier = arg;
		return 0;
	case OPT_SIP_METHOD:
		r->ims.sip_method = arg;
		return 0;
	case OPT_ROLE:
		return cli_choice("--role", arg, roles, &r->ims.role_of_node);
	}
	if (cli_number("--node-functionality", arg, 21, &n))
		return EXIT_USAGE;
	r->ims.node_functionality = (int)n;
	return 0;
}

static int lcs_option(struct cli_request *r, int option, const char *arg)
{
	r->lcs_set = 1;
	switch (option) {
	case OPT_LCS_CLIENT:
		r->lcs.client_external_id = arg;
		return 0;
	case OPT_LCS_CLIENT_TYPE:
		return cli_choice("--lcs-client-type", arg, client_types, &r->lcs.client_type);
	case OPT_LCS_CLIENT_NAME:
		r->lcs.client_name = arg;
		return 0;
	case OPT_REQUESTOR:
		r->lcs.requestor_id = arg;
		return 0;
	case OPT_LOCATION_TYPE:
		return cli_choice("--location-type", arg, location_types, &r->lcs.location_estimate_type);
	case OPT_LOCATION:
		return parse_location(r, arg);
	case OPT_MSISDN:
		r->lcs.msisdn = arg;
		return strspn(arg, "0123456789") == strlen(arg) && *arg && strlen(arg) <= 15 ? 0 :
			dk_cli_usage_error("--msisdn wants 1 to 15 digits");
	}
	r->lcs.imsi = arg;
	return 0;
}

static int prose_option(struct cli_request *r, int option, const char *arg)
{
	long long n;

	r->prose_set = 1;
	switch (option) {
	case OPT_PROSE_EVENT:
		return prose_event(r, arg);
	case OPT_PROSE_ROLE:
		return cli_choice("--prose-role", arg, prose_roles, &r->prose.role_of_ue);
	case OPT_PROSE_APP_ID:
		r->prose.app_id = arg;
		return 0;
	}
	if (cli_number("--range-class", arg, 5, &n))
		return EXIT_USAGE;
	if (!n)
		return dk_cli_usage_error("--range-class wants 1 (50 m) to 5 (1000 m)");
	r->prose.range_class = (int)n;
	return 0;
}

/* Rating-Group, Service-Identifier and the units requested. */
static int mscc_option(struct cli_request *r, int option, const char *arg)
{
	static const char *const names[] = { "--rating-group", "--service-id", "--units", "--time", "--volume" };
	long long max = option == OPT_VOLUME || option == OPT_UNITS ? INT64_MAX : UINT32_MAX;
	long long n;

	if (cli_number(names[option - OPT_RATING_GROUP], arg, max, &n))
		return EXIT_USAGE;
	r->has_mscc = 1;
	switch (option) {
	case OPT_RATING_GROUP:
		r->mscc.rating_group = n;
		return 0;
	case OPT_SERVICE_ID:
		r->mscc.service_identifier = n;
		return 0;
	case OPT_UNITS:
		r->mscc.requested.present |= CHG_UNIT_SPECIFIC;
		r->mscc.requested.service_specific = (uint64_t)n;
		break;
	case OPT_TIME:
		r->mscc.requested.present |= CHG_UNIT_TIME;
		r->mscc.requested.time = (uint32_t)n;
		break;
	default:
		r->mscc.requested.present |= CHG_UNIT_TOTAL;
		r->mscc.requested.total_octets = (uint64_t)n;
	}
	r->mscc.request_units = 1;
	return 0;
}

int cli_request_option(struct cli_request *r, int option, const char *arg)
{
	switch (option) {
	case OPT_USER_NAME:
		r->user_name = arg;
		return 0;
	case OPT_CONTEXT:
		r->context = arg;
		return 0;
	case OPT_SUBSCRIBER:
		return parse_subscriber(r, arg);
	}
	if (option >= OPT_CALLING && option <= OPT_NODE_FUNCTIONALITY)
		return ims_option(r, option, arg);
	if (option >= OPT_LCS_CLIENT && option <= OPT_IMSI)
		return lcs_option(r, option, arg);
	if (option >= OPT_PROSE_EVENT && option <= OPT_PROSE_APP_ID)
		return prose_option(r, option, arg);
	if (option >= OPT_RATING_GROUP && option <= OPT_VOLUME)
		return mscc_option(r, option, arg);
	return dk_cli_usage_error("unexpected option");
}

void cli_request_finish(struct cli_request *r)
{
	r->si.ims = r->ims_set ? &r->ims : NULL;
	r->si.lcs = r->lcs_set ? &r->lcs : NULL;
	r->si.prose = r->prose_set ? &r->prose : NULL;
	if (!r->context)
		r->context = r->prose_set ? CHG_CONTEXT_PROSE : r->lcs_set ? CHG_CONTEXT_LCS : CHG_CONTEXT_IMS;
}

int cli_request_parse(struct cli_request *r, int argc, char **argv, const struct option *options,
		      int (*on_option)(void *ctx, int option, const char *arg), void *ctx)
{
	int ret;

	cli_request_init(r);
	if ((ret = dk_cli_options(argc, argv, "", options, on_option, ctx)))
		return ret;
	if (optind != argc)
		return dk_cli_usage_error("unexpected argument '%s'", argv[optind]);
	cli_request_finish(r);
	return 0;
}

void cli_request_acr(struct cli_request *r, struct chg_acr *acr)
{
	memset(acr, 0, sizeof *acr);
	acr->user_name = r->user_name;
	acr->service_context_id = r->context;
	acr->acct_interim_interval = CHG_UNSET;
	acr->service_information = &r->si;
}

int cli_request_ccr(struct cli_request *r, struct chg_ccr *ccr)
{
	if (!r->has_subscriber)
		return dk_cli_usage_error("Ro requests need --subscriber <kind>:<data>");
	chg_ccr_init(ccr);
	ccr->service_context_id = r->context;
	ccr->user_name = r->user_name;
	ccr->subscription_ids = &r->subscriber;
	ccr->n_subscription_ids = 1;
	ccr->service_information = &r->si;
	if (r->has_mscc) {
		ccr->mscc = &r->mscc;
		ccr->n_mscc = 1;
	}
	return 0;
}
