/* The MLP service behind the HTTP transport: one svc_init in, one document out.
 *
 * - a document that cannot be read (not well-formed, an internal DTD subset such as an external
 *   entity, invalid against our DTD, unsupported version): a gem with the codec's result id (MLP
 *   3.5 §5.2.3.2: the gem answers "a request that could not be processed"); in MLP 3.5.0 since the
 *   request's version is not known;
 * - a request read but refused is answered by its own answer with the result (MLP's slia, tlra and
 *   tlrsa each hold a req_id or a result and add_info): a client not configured, or with a wrong
 *   password: result 3 UNAUTHORIZED APPLICATION;
 * - a tlrr (periodic, or a distance_event: tracking.c, liblcs distance_event.c) is checked and mapped to
 *   Periodic-LDR-Information:
 *     tlrr_event ms_action (MS_AVAIL): Deferred-Location-Type UE-Available, one report when the
 *     MME finds the UE reachable (trl_trigger MS_AVAIL), then the tracking ends; with a stop_time
 *     or duration: tlra 112 PROTOCOL ELEMENT VALUE NOT SUPPORTED (no time limit is kept);
 *     distance_event: target_distance below 1 m: tlra 110; loc_estimates FALSE: tlra 113
 *     PROTOCOL ELEMENT ATTRIBUTE VALUE NOT SUPPORTED (each report carries the positions); more
 *     than one reference_object, or a minimumIntervalTime: 107 from the codec, as a gem;
 *     no_of_reports: the tracking ends after that many event reports (tracking_reports.c); the
 *     reference MS is tracked with the targets; Reporting-Interval = interval, or the
 *     configured distance_poll_s without one;
 *     periodic: no interval: tlra 110 INVALID PROTOCOL ELEMENT VALUE; Reporting-Interval = interval;
 *     no pushaddr/url, or not http(s): tlra 110 (this GMLC keeps no client profile to push to);
 *     start_time later than now: the tlra at once, the activation below at start_time (a tlrsr
 *     before it drops the tracking; a failure then is pushed as a last tlrep with a poserr per
 *     target that failed); over 100 days ahead (8639999 s, as below): tlra 112 PROTOCOL ELEMENT
 *     VALUE NOT SUPPORTED;
 *     Reporting-Amount = the window / interval, rounded down: the reports that fall inside it; the
 *     window is stop_time - (start_time or now), or the duration (3.4, 3.5), the shorter when
 *     both are given; without either, until tlrsr: the most TS 29.172 §7.4.45 allows; always
 *     capped at 8639999 / interval (Reporting-Interval x Reporting-Amount <= 8639999); no report
 *     in the window: tlra 110;
 *   then tlra with the GMLC's req_id, or with the result of the first target refused
 *   (lcs_mlp_result_of; 7 TIMEOUT when one did not answer), 101 CONGESTION IN LOCATION SERVER
 *   when the 255 LCS-Reference-Numbers are in use;
 * - a tlrsr: tlrsa once the MMEs answered the cancellations; one naming some of the targets (MLP
 *   3.4 and 3.5) stops those only (tracking.c), and an msid that is none of them is tlrsa 115
 *   INVALID MSID IN TLRSR; a req_id the client does not own (unknown, ended, another client's):
 *   tlrsa 110 INVALID PROTOCOL ELEMENT VALUE;
 * - a slir with loc_type LAST: slia result 113 PROTOCOL ELEMENT ATTRIBUTE VALUE NOT SUPPORTED
 *   (SLg cannot ask for the last known location alone; requests.c says how the others map);
 * - an ASYNC slir: without a pushaddr/url (http or https), slia result 110; else a slia with a
 *   req_id at once, and the slirep with one pos per msid pushed to the url later (async.c);
 *   101 CONGESTION IN LOCATION SERVER when too many are in flight;
 * - a SYNC slir: slia with one pos per msid.
 * The HTTP status is 200 whenever an MLP document answers; 500 when none can be written. */
#include "gmlc.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HTTP_OK 200
#define HTTP_INTERNAL_ERROR 500
#define MAX_REPORTING_SPAN_S 8639999 /* Reporting-Interval x Reporting-Amount, TS 29.172 §7.4.45 */
#define CLOCK_SLACK_S 1 /* a start_time of "now" may be a second ahead of ours */

/* A gem in version v; add_info is cut to what MLP allows. */
static int gem(enum mlp_version v, int result, const char *info, char **xml, size_t *len)
{
	char add_info[MLP_TEXT_LEN];

	snprintf(add_info, sizeof add_info, "%s", info);
	if (mlp_write_gem(v, result, add_info, xml, len, NULL, 0)) {
		*xml = NULL;
		return HTTP_INTERNAL_ERROR;
	}
	return HTTP_OK;
}

/* The answer refusing a request it could read: its slia, tlra or tlrsa (kind) with the result. */
static int refusal(enum mlp_answer_kind kind, enum mlp_version v, int result, const char *info, char **xml,
		   size_t *len)
{
	struct mlp_answer *a = malloc(sizeof *a);
	int ret;

	if (!a) {
		*xml = NULL;
		return HTTP_INTERNAL_ERROR;
	}
	mlp_answer_init(a, kind, v);
	a->result = result;
	snprintf(a->add_info, sizeof a->add_info, "%s", info);
	ret = mlp_write_answer(a, xml, len, NULL, 0);
	free(a);
	return ret ? gem(v, MLP_SYSTEM_FAILURE, "cannot write the answer", xml, len) : HTTP_OK;
}

/* The answer to each kind of request (enum mlp_request_kind). */
static const enum mlp_answer_kind answer_kinds[] = { [MLP_SLIR] = MLP_SLIA, [MLP_TLRR] = MLP_TLRA,
						     [MLP_TLRSR] = MLP_TLRSA };

static int has_push_url(const struct mlp_request *r)
{
	return !strncmp(r->pushaddr, "http://", 7) || !strncmp(r->pushaddr, "https://", 8);
}

/* A tlra, tlrsa, or the slia accepting an ASYNC slir. */
static int with_req_id(enum mlp_answer_kind kind, enum mlp_version v, const char *req_id, char **xml,
		       size_t *len)
{
	struct mlp_answer *a = malloc(sizeof *a);
	int ret;

	if (!a)
		return gem(v, MLP_SYSTEM_FAILURE, "out of memory", xml, len);
	mlp_answer_init(a, kind, v);
	snprintf(a->req_id, sizeof a->req_id, "%s", req_id);
	ret = mlp_write_answer(a, xml, len, NULL, 0);
	free(a);
	return ret ? gem(v, MLP_SYSTEM_FAILURE, "cannot write the answer", xml, len) : HTTP_OK;
}

/* The Periodic-LDR-Information of a tlrr (see the top), or an MLP result id and why. */
static int periodic(const struct gmlc_config *c, const struct mlp_request *r, time_t now,
		    struct gmlc_tlrr *t, const char **why)
{
	long cap, span, amount, interval = r->interval_s;
	time_t start = r->has_start_time ? r->start_time : now;

	t->distance = NULL;
	t->ms_avail = r->event == MLP_EVENT_MS_AVAIL;
	if (t->ms_avail && (r->has_stop_time || r->duration_s > 0))
		return *why = "ms_action with a stop_time or duration: its one report waits for the UE",
		       MLP_PROTOCOL_ELEMENT_VALUE_NOT_SUPPORTED;
	if (r->event == MLP_EVENT_DISTANCE) {
		if (r->distance.target_distance_m < 1)
			return *why = "target_distance below 1 m", MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
		if (r->distance.events_only)
			return *why = "loc_estimates FALSE: the reports carry the positions",
			       MLP_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE_NOT_SUPPORTED;
		t->distance = &r->distance;
		if (interval < 1)
			interval = c->distance_poll_s;
	}
	if (interval < 1 && !t->ms_avail)
		return *why = "interval is required", MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
	if (!has_push_url(r))
		return *why = "pushaddr/url (http or https) is required", MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
	if (start > now + MAX_REPORTING_SPAN_S)
		return *why = "a start_time over 100 days ahead", MLP_PROTOCOL_ELEMENT_VALUE_NOT_SUPPORTED;
	t->request = r;
	t->start = start > now + CLOCK_SLACK_S ? start : 0;
	if (t->ms_avail) { /* one report, no Periodic-LDR-Information */
		t->interval_s = 0;
		t->amount = 1;
		return 0;
	}
	cap = MAX_REPORTING_SPAN_S / interval;
	span = r->has_stop_time ? (long)(r->stop_time - start) : -1;
	if (r->duration_s > 0 && (span < 0 || r->duration_s < span))
		span = r->duration_s;
	amount = span >= 0 ? span / interval : cap;
	if (amount < 1)
		return *why = "no report fits in the stop_time or duration", MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
	t->interval_s = (uint32_t)interval;
	t->amount = (uint32_t)(amount < cap ? amount : cap);
	return 0;
}

static int track(const struct gmlc_config *c, const struct mlp_request *r, char **xml, size_t *len)
{
	char req_id[MLP_TEXT_LEN];
	struct gmlc_tlrr t;
	const char *why = "";
	int result;

	if ((result = periodic(c, r, time(NULL), &t, &why)))
		return refusal(MLP_TLRA, r->version, result, why, xml, len);
	if ((result = gmlc_track(c, &t, req_id)))
		return refusal(MLP_TLRA, r->version, result, "", xml, len);
	return with_req_id(MLP_TLRA, r->version, req_id, xml, len);
}

static int locate_async(const struct gmlc_config *c, const struct mlp_request *r, char **xml, size_t *len)
{
	char req_id[MLP_TEXT_LEN];
	int result;

	if (!has_push_url(r))
		return refusal(MLP_SLIA, r->version, MLP_INVALID_PROTOCOL_ELEMENT_VALUE,
			       "pushaddr/url (http or https) is required", xml, len);
	if ((result = gmlc_locate_async(c, r, req_id)))
		return refusal(MLP_SLIA, r->version, result, "", xml, len);
	return with_req_id(MLP_SLIA, r->version, req_id, xml, len);
}

static int untrack(const struct mlp_request *r, char **xml, size_t *len)
{
	int result = gmlc_untrack(r->hdr.client_id, r->req_id, r->msids, r->n_msids);

	if (result)
		return refusal(MLP_TLRSA, r->version, result,
			       result == MLP_INVALID_MSID_IN_TLRSR ? "an msid the tracking does not hold" : "unknown req_id",
			       xml, len);
	return with_req_id(MLP_TLRSA, r->version, r->req_id, xml, len);
}

/* A SYNC slir waiting for its targets. */
struct located_slir {
	gmlc_mlp_done done;
	void *arg;
};

static void answer_located(void *arg, struct mlp_answer *a)
{
	struct located_slir *l = arg;
	char err[MLP_TEXT_LEN], *xml = NULL;
	size_t len = 0;
	int ret = mlp_write_answer(a, &xml, &len, err, sizeof err);
	int status = ret ? gem(a->version, ret, err, &xml, &len) : HTTP_OK;

	l->done(l->arg, status, xml, len);
	free(a);
	free(l);
}

static void locate(const struct gmlc_config *c, const struct mlp_request *r, gmlc_mlp_done done, void *arg)
{
	struct located_slir *l = malloc(sizeof *l);
	char *xml = NULL;
	size_t len = 0;
	int status;

	if (l) {
		*l = (struct located_slir){ done, arg };
		if (!gmlc_locate_start(c, r, answer_located, l))
			return;
		free(l);
	}
	status = gem(r->version, MLP_SYSTEM_FAILURE, "out of memory", &xml, &len);
	done(arg, status, xml, len);
}

/* A tlrr or tlrsr waits for its MMEs' answers (bounded by timeout_ms): on a thread of its own,
 * so that the HTTP server's threads never wait. */
struct blocking_request {
	const struct gmlc_config *config;
	struct mlp_request *request;
	gmlc_mlp_done done;
	void *arg;
};

static void *serve_blocking(void *arg)
{
	struct blocking_request *b = arg;
	const struct mlp_request *r = b->request;
	char *xml = NULL;
	size_t len = 0;
	int status = r->kind == MLP_TLRR ? track(b->config, r, &xml, &len) : untrack(r, &xml, &len);

	b->done(b->arg, status, xml, len);
	free(b->request);
	free(b);
	return NULL;
}

/* Runs r on a thread of its own, taking it over; 0, or an errno (r left to the caller). */
static int start_blocking(const struct gmlc_config *c, struct mlp_request *r, gmlc_mlp_done done, void *arg)
{
	struct blocking_request *b = malloc(sizeof *b);
	pthread_attr_t attr;
	pthread_t thread;
	int ret;

	if (!b)
		return ENOMEM;
	*b = (struct blocking_request){ c, r, done, arg };
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if ((ret = pthread_create(&thread, &attr, serve_blocking, b)))
		free(b);
	pthread_attr_destroy(&attr);
	return ret;
}

void gmlc_mlp_serve(const struct gmlc_config *c, const char *body, size_t len, gmlc_mlp_done done, void *arg)
{
	struct mlp_request *r = NULL;
	char err[MLP_TEXT_LEN] = "", *xml = NULL;
	size_t xml_len = 0;
	int ret, status;

	if ((ret = mlp_parse_request(body, len, &r, err, sizeof err))) {
		enum mlp_version v = MLP_V3_5; /* when the request names none of ours */

		mlp_document_version(body, len, &v);
		status = gem(v, ret, err, &xml, &xml_len);
	} else if (!gmlc_client_allowed(c, r->hdr.client_id, r->hdr.pwd)) {
		status = refusal(answer_kinds[r->kind], r->version, MLP_UNAUTHORIZED_APPLICATION, "", &xml, &xml_len);
	} else if (r->kind == MLP_TLRR || r->kind == MLP_TLRSR) {
		if (!start_blocking(c, r, done, arg))
			return;
		status = refusal(answer_kinds[r->kind], r->version, MLP_SYSTEM_FAILURE, "cannot start a thread", &xml,
				 &xml_len);
	} else if (gmlc_slg_location_type(r) < 0) {
		status = refusal(MLP_SLIA, r->version, MLP_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE_NOT_SUPPORTED,
				 "loc_type LAST: SLg has no last-known-only location type", &xml, &xml_len);
	} else if (r->res_type == MLP_ASYNC) {
		status = locate_async(c, r, &xml, &xml_len);
	} else {
		locate(c, r, done, arg);
		free(r);
		return;
	}
	free(r);
	done(arg, status, xml, xml_len);
}
