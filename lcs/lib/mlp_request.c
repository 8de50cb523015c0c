/* svc_init: slir, tlrr and tlrsr with their hdr, read (the server side) and written (the client
 * side). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlp_internal.h"

static const char *const kinds[] = { "slir", "tlrr", "tlrsr", NULL };
static const char *const requestor_types[] = { "MSISDN", "IMSI", "NAME", "E-MAIL", "URL",
					       "SIPURL", "IMS", "MDN", "ASID", "ASPID", NULL };
static const char *const res_types[] = { "SYNC", "ASYNC", NULL };
static const char *const loc_types[] = { "CURRENT", "LAST", "CURRENT_OR_LAST", "LAST_OR_CURRENT",
					 "INITIAL", NULL };
static const char *const prios[] = { "NORMAL", "HIGH", NULL }; /* by enum mlp_prio */
static const char *const qos_classes[] = { "ASSURED", "BEST_EFFORT", NULL };
static const char *const resp_reqs[] = { "NO_DELAY", "LOW_DELAY", "DELAY_TOL", NULL };
static const char *const distance_types[] = { "ENTERING_DISTANCE", "LEAVING_DISTANCE",
					      "WITHIN_DISTANCE", "OUTSIDE_DISTANCE", NULL };
/* supported_shapes attributes, by enum mlp_shape_kind. */
static const char *const shape_attributes[] = { "Point", "CircularArea", "EllipticalArea",
						"CircularArcArea", "Polygon" };

#define MAX_METERS 100000000L /* 100 000 km */
#define MAX_SECONDS 86400L

void mlp_request_init(struct mlp_request *r, enum mlp_request_kind kind, enum mlp_version v)
{
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->version = v;
	mlp_eqop_init(&r->eqop);
	r->interval_s = r->duration_s = -1;
}

void mlp_eqop_init(struct mlp_eqop *q)
{
	memset(q, 0, sizeof *q);
	q->hor_acc_m = q->alt_acc_m = q->resp_timer_s = q->max_loc_age_s = -1;
}

int mlp_requestor_type_of(const char *name)
{
	for (int t = MLP_REQUESTOR_MSISDN; t <= MLP_REQUESTOR_ASPID; t++)
		if (!strcmp(name, requestor_types[t]))
			return t;
	return -1;
}

/* ---- reading ------------------------------------------------------------------------------- */

static void read_hdr(struct mx_call *c, xmlNode *hdr, struct mlp_hdr *h)
{
	xmlNode *client = mx_child(hdr, "client"), *n;

	mx_text(c, mx_child(client, "id"), h->client_id, sizeof h->client_id);
	mx_text(c, mx_child(client, "pwd"), h->pwd, sizeof h->pwd);
	mx_text(c, mx_child(client, "serviceid"), h->serviceid, sizeof h->serviceid);
	if ((n = mx_child(hdr, "requestor"))) {
		h->has_requestor = 1;
		h->requestor_type = mx_attr_enum(c, n, "type", requestor_types, MLP_REQUESTOR_MSISDN);
		mx_text(c, mx_child(n, "id"), h->requestor_id, sizeof h->requestor_id);
	}
	if ((n = mx_child(hdr, "supported_shapes"))) {
		h->has_supported_shapes = 1;
		for (int k = MLP_POINT; k <= MLP_POLYGON; k++)
			if (mx_attr_enum(c, n, shape_attributes[k], mlp_yes_no, 0) == 1)
				h->supported_shapes |= 1u << k;
		h->supports_altitude = mx_attr_enum(c, n, "Altitude", mlp_yes_no, 0) == 1;
	}
}

static void read_msids(struct mx_call *c, xmlNode *msids, struct mlp_request *r)
{
	for (xmlNode *n = mx_child(msids, "msid"); n && !c->rc; n = mx_next(n, "msid")) {
		if (r->n_msids == MLP_MAX_MSIDS) {
			mx_fail(c, MLP_TOO_MANY_POSITION_ITEMS, "over %d msid", MLP_MAX_MSIDS);
			return;
		}
		mx_read_msid(c, n, &r->msids[r->n_msids++]);
	}
}

/* What slir and tlrr share: msids, loc_type, pushaddr. */
static void read_targets(struct mx_call *c, xmlNode *e, struct mlp_request *r)
{
	xmlNode *n;

	read_msids(c, mx_child(e, "msids"), r);
	if ((n = mx_child(e, "loc_type"))) {
		r->has_loc_type = 1;
		r->loc_type = mx_attr_enum(c, n, "type", loc_types, MLP_LOC_CURRENT);
	}
	if ((n = mx_child(e, "prio"))) {
		r->has_prio = 1;
		r->prio = mx_attr_enum(c, n, "type", prios, MLP_PRIO_NORMAL);
	}
	if ((n = mx_child(e, "pushaddr")))
		mx_text(c, mx_child(n, "url"), r->pushaddr, sizeof r->pushaddr);
}

/* An accuracy (hor_acc, alt_acc) in meters and its qos_class: ASSURED wins over BEST_EFFORT. */
static void read_accuracy(struct mx_call *c, xmlNode *n, long *meters, struct mlp_eqop *q)
{
	int class;

	mx_long(c, n, 0, MAX_METERS, meters);
	if (!xmlHasProp(n, (const xmlChar *)"qos_class"))
		return;
	class = mx_attr_enum(c, n, "qos_class", qos_classes, MLP_QOS_BEST_EFFORT);
	if (!q->has_qos_class || class == MLP_QOS_ASSURED)
		q->qos_class = (enum mlp_qos_class)class;
	q->has_qos_class = 1;
}

/* The accuracies of an slir's eqop or a tlrr's qop. */
static void read_accuracies(struct mx_call *c, xmlNode *e, struct mlp_eqop *q)
{
	xmlNode *n;

	/* Nothing downstream takes an accuracy in seconds of arc (SLg asks in meters). */
	if (mx_child(e, "ll_acc"))
		mx_fail(c, MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED, "ll_acc: ask with hor_acc, in meters");
	if ((n = mx_child(e, "hor_acc")))
		read_accuracy(c, n, &q->hor_acc_m, q);
	if ((n = mx_child(e, "alt_acc")))
		read_accuracy(c, n, &q->alt_acc_m, q);
}

static void read_eqop(struct mx_call *c, xmlNode *eqop, struct mlp_eqop *q)
{
	xmlNode *n;

	if ((n = mx_child(eqop, "resp_req"))) {
		q->has_resp_req = 1;
		q->resp_req = mx_attr_enum(c, n, "type", resp_reqs, MLP_RESP_DELAY_TOL);
	}
	if ((n = mx_child(eqop, "resp_timer")))
		mx_long(c, n, 0, MAX_SECONDS, &q->resp_timer_s);
	read_accuracies(c, eqop, q);
	if ((n = mx_child(eqop, "max_loc_age")))
		mx_long(c, n, 0, MAX_SECONDS, &q->max_loc_age_s);
}

static void read_slir(struct mx_call *c, xmlNode *e, struct mlp_request *r)
{
	read_targets(c, e, r);
	r->res_type = mx_attr_enum(c, e, "res_type", res_types, MLP_SYNC);
	read_eqop(c, mx_child(e, "eqop"), &r->eqop);
}

/* distance_event: one reference_object, and no minimumIntervalTime, whose format is not known
 * here (107, as for ll_acc). */
static void read_distance_event(struct mx_call *c, xmlNode *e, struct mlp_distance_event *d)
{
	xmlNode *reference = mx_child(e, "reference_object"), *n;

	d->type = mx_attr_enum(c, e, "type", distance_types, 0);
	d->events_only = mx_attr_enum(c, e, "loc_estimates", mlp_true_false, 1) == 0;
	mx_long(c, mx_child(e, "target_distance"), 0, MAX_METERS, &d->target_distance_m);
	mx_read_msid(c, mx_child(reference, "msid"), &d->reference);
	if (mx_next(reference, "reference_object"))
		mx_fail(c, MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED, "distance_event: one reference_object only");
	if ((n = mx_child(e, "no_of_reports")))
		mx_long(c, n, 1, MLP_MAX_REPORTS, &d->no_of_reports);
	if (mx_child(e, "minimumIntervalTime"))
		mx_fail(c, MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED, "distance_event: minimumIntervalTime");
}

static void read_tlrr(struct mx_call *c, xmlNode *e, struct mlp_request *r)
{
	xmlNode *event = mx_child(e, "tlrr_event"), *n;

	read_targets(c, e, r);
	read_accuracies(c, mx_child(e, "qop"), &r->eqop);
	if ((n = mx_child(e, "interval")))
		mx_interval(c, n, &r->interval_s);
	if ((n = mx_child(e, "start_time")))
		r->has_start_time = !mx_time(c, n, &r->start_time);
	if ((n = mx_child(e, "stop_time")))
		r->has_stop_time = !mx_time(c, n, &r->stop_time);
	if ((n = mx_child(e, "duration")))
		mx_interval(c, n, &r->duration_s);
	if (mx_child(event, "ms_action")) {
		r->event = MLP_EVENT_MS_AVAIL;
	} else if ((n = mx_child(event, "distance_event"))) {
		r->event = MLP_EVENT_DISTANCE;
		read_distance_event(c, n, &r->distance);
	}
	if (!c->rc && r->has_start_time && r->has_stop_time && r->stop_time <= r->start_time)
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "stop_time is not after start_time");
}

/* A tlrsr: the targets it stops (msids or msid, 3.4 and 3.5; none: all of them) and req_id; its
 * lcs_ref is read and ignored. */
static void read_tlrsr(struct mx_call *c, xmlNode *e, struct mlp_request *r)
{
	xmlNode *msids = mx_child(e, "msids");

	read_msids(c, msids ? msids : e, r); /* the msids' msid, or the tlrsr's own */
	mx_text(c, mx_child(e, "req_id"), r->req_id, sizeof r->req_id);
}

/* What MLP 3.1 lacks of what MLP_v3_1.dtd (shared by 3.1 to 3.3, whose own DTDs are not
 * confirmed here) allows, checked in code as its DTD would: 106. MLP_SVC_INIT_310 includes MLP
 * 3.0's QoP (MLP_QOP_300: no qos_class), function (MLP_FUNC_300: loc_type CURRENT, LAST,
 * CURRENT_OR_LAST, INITIAL) and identity DTDs (MLP_ID_300: msid types up to SESSID). */
static void check_fields_of_version(struct mx_call *c, const struct mlp_request *r)
{
	if (r->version != MLP_V3_1)
		return;
	if (r->eqop.has_qos_class)
		mx_fail(c, MLP_SYNTAX_ERROR, "MLP 3.1 has no qos_class");
	if (r->has_loc_type && r->loc_type == MLP_LOC_LAST_OR_CURRENT)
		mx_fail(c, MLP_SYNTAX_ERROR, "MLP 3.1 has no loc_type LAST_OR_CURRENT");
	for (int i = 0; i < r->n_msids && i < MLP_MAX_MSIDS; i++)
		if (r->msids[i].type > MLP_MSID_SESSID)
			mx_fail(c, MLP_SYNTAX_ERROR, "MLP 3.1 has no msid type %s", mlp_msid_type_name(r->msids[i].type));
}

int mlp_parse_request(const char *xml, size_t len, struct mlp_request **out, char *err,
		      size_t errlen)
{
	static const char *const roots[] = { "svc_init", NULL };
	struct mx_call c;
	struct mlp_request *r = NULL;
	enum mlp_version v;
	xmlDoc *doc;
	xmlNode *root, *e = NULL;

	mx_begin(&c, err, errlen);
	*out = NULL;
	if (!(doc = mx_read(&c, xml, len, roots, &v)))
		return mx_end(&c);
	if (!(r = malloc(sizeof *r))) {
		mx_fail(&c, MLP_SYSTEM_FAILURE, "out of memory");
	} else {
		root = xmlDocGetRootElement(doc);
		mlp_request_init(r, MLP_SLIR, v);
		for (int k = MLP_SLIR; k <= MLP_TLRSR && !e; k++)
			if ((e = mx_child(root, kinds[k])))
				r->kind = k;
		read_hdr(&c, mx_child(root, "hdr"), &r->hdr);
		if (r->kind == MLP_SLIR)
			read_slir(&c, e, r);
		else if (r->kind == MLP_TLRR)
			read_tlrr(&c, e, r);
		else
			read_tlrsr(&c, e, r);
		check_fields_of_version(&c, r);
	}
	xmlFreeDoc(doc);
	if (mx_end(&c)) {
		free(r);
		return c.rc;
	}
	*out = r;
	return 0;
}

/* ---- writing ------------------------------------------------------------------------------- */

static void add_hdr(struct mx_call *c, xmlNode *root, const struct mlp_hdr *h, enum mlp_version v)
{
	xmlNode *hdr = mx_add(c, root, "hdr", NULL);
	xmlNode *client = hdr ? mx_add(c, hdr, "client", NULL) : NULL, *n;

	if (!client)
		return;
	mx_add(c, client, "id", h->client_id);
	if (h->pwd[0])
		mx_add(c, client, "pwd", h->pwd);
	if (h->serviceid[0])
		mx_add(c, client, "serviceid", h->serviceid);
	if (h->has_requestor && (n = mx_add(c, hdr, "requestor", NULL))) {
		if (h->requestor_type < MLP_REQUESTOR_MSISDN || h->requestor_type > MLP_REQUESTOR_ASPID)
			mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "requestor type");
		else if (v != MLP_V3_1) /* MLP_CTXT_300's requestor has no type */
			mx_set_attr(c, n, "type", requestor_types[h->requestor_type]);
		mx_add(c, n, "id", h->requestor_id);
	}
	if (h->has_supported_shapes && (n = mx_add(c, hdr, "supported_shapes", NULL))) {
		for (int k = MLP_POINT; k <= MLP_POLYGON; k++)
			mx_set_attr(c, n, shape_attributes[k], mlp_yes_no[!!(h->supported_shapes & 1u << k)]);
		mx_set_attr(c, n, "Altitude", mlp_yes_no[!!h->supports_altitude]);
	}
}

static void add_msids(struct mx_call *c, xmlNode *e, const struct mlp_request *r)
{
	xmlNode *msids = mx_add(c, e, "msids", NULL);

	if (r->n_msids < 1 || r->n_msids > MLP_MAX_MSIDS)
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "%d msid", r->n_msids);
	for (int i = 0; msids && i < r->n_msids && !c->rc; i++)
		mx_add_msid(c, msids, &r->msids[i]);
}

/* An element whose only content is its type attribute (loc_type, prio), when asked (has): the
 * value's name in types (NULL-terminated, by the enum's values). */
static void add_typed(struct mx_call *c, xmlNode *e, const char *name, int has, int value,
		      const char *const *types)
{
	xmlNode *n;
	int count = 0;

	if (!has)
		return;
	while (types[count])
		count++;
	if (value < 0 || value >= count)
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "%s %d", name, value);
	else if ((n = mx_add(c, e, name, NULL)))
		mx_set_attr(c, n, "type", types[value]);
}

static void add_loc_type(struct mx_call *c, xmlNode *e, const struct mlp_request *r)
{
	add_typed(c, e, "loc_type", r->has_loc_type, (int)r->loc_type, loc_types);
}

static void add_prio(struct mx_call *c, xmlNode *e, const struct mlp_request *r)
{
	add_typed(c, e, "prio", r->has_prio, (int)r->prio, prios);
}

static void add_pushaddr(struct mx_call *c, xmlNode *e, const struct mlp_request *r)
{
	xmlNode *n;

	if (r->pushaddr[0] && (n = mx_add(c, e, "pushaddr", NULL)))
		mx_add(c, n, "url", r->pushaddr);
}

static void add_accuracy(struct mx_call *c, xmlNode *eqop, const char *name, long meters,
			 const struct mlp_eqop *q)
{
	char text[32];
	xmlNode *n;

	if (meters < 0)
		return;
	snprintf(text, sizeof text, "%ld", meters);
	if ((n = mx_add(c, eqop, name, text)) && q->has_qos_class)
		mx_set_attr(c, n, "qos_class", qos_classes[q->qos_class]);
}

/* An slir's eqop, or a tlrr's qop, which holds only the accuracies: a tlrr asking for more
 * (resp_req, resp_timer, max_loc_age) gives 106, as a field its version lacks. */
static void add_quality(struct mx_call *c, xmlNode *e, const char *name, const struct mlp_eqop *q)
{
	int more = q->has_resp_req || q->resp_timer_s >= 0 || q->max_loc_age_s >= 0;
	xmlNode *qop, *n;

	if (!more && q->hor_acc_m < 0 && q->alt_acc_m < 0)
		return;
	if ((q->has_qos_class && (q->qos_class < MLP_QOS_ASSURED || q->qos_class > MLP_QOS_BEST_EFFORT)) ||
	    (q->has_resp_req && (q->resp_req < MLP_RESP_NO_DELAY || q->resp_req > MLP_RESP_DELAY_TOL))) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "%s qos_class or resp_req", name);
		return;
	}
	if (more && !strcmp(name, "qop")) {
		mx_fail(c, MLP_SYNTAX_ERROR, "a tlrr's qop has accuracies only");
		return;
	}
	if (!(qop = mx_add(c, e, name, NULL)))
		return;
	if (q->has_resp_req && (n = mx_add(c, qop, "resp_req", NULL)))
		mx_set_attr(c, n, "type", resp_reqs[q->resp_req]);
	if (q->resp_timer_s >= 0)
		mx_add_long(c, qop, "resp_timer", q->resp_timer_s);
	add_accuracy(c, qop, "hor_acc", q->hor_acc_m, q);
	add_accuracy(c, qop, "alt_acc", q->alt_acc_m, q);
	if (q->max_loc_age_s >= 0)
		mx_add_long(c, qop, "max_loc_age", q->max_loc_age_s);
}

static void add_slir(struct mx_call *c, xmlNode *e, const struct mlp_request *r)
{
	if (r->res_type == MLP_ASYNC)
		mx_set_attr(c, e, "res_type", "ASYNC");
	add_msids(c, e, r);
	add_quality(c, e, "eqop", &r->eqop);
	add_loc_type(c, e, r);
	add_prio(c, e, r);
	add_pushaddr(c, e, r);
}

static void add_time(struct mx_call *c, xmlNode *e, const char *name, time_t t)
{
	char text[32];

	if (!mx_format_time(c, t, text, sizeof text))
		mx_add(c, e, name, text);
}

static void add_distance_event(struct mx_call *c, xmlNode *event, const struct mlp_distance_event *d)
{
	xmlNode *n = mx_add(c, event, "distance_event", NULL), *ref;

	if (d->type < MLP_ENTERING_DISTANCE || d->type > MLP_OUTSIDE_DISTANCE)
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "distance_event type");
	if (!n || c->rc)
		return;
	mx_set_attr(c, n, "type", distance_types[d->type]);
	mx_set_attr(c, n, "loc_estimates", mlp_true_false[!d->events_only]);
	mx_add_long(c, n, "target_distance", d->target_distance_m);
	if ((ref = mx_add(c, n, "reference_object", NULL)))
		mx_add_msid(c, ref, &d->reference);
	if (d->no_of_reports > MLP_MAX_REPORTS)
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "no_of_reports %ld", d->no_of_reports);
	else if (d->no_of_reports > 0)
		mx_add_long(c, n, "no_of_reports", d->no_of_reports);
}

static void add_tlrsr(struct mx_call *c, xmlNode *e, const struct mlp_request *r)
{
	if (r->n_msids)
		add_msids(c, e, r);
	mx_add(c, e, "req_id", r->req_id);
}

static void add_tlrr(struct mx_call *c, xmlNode *e, const struct mlp_request *r)
{
	char text[16];
	xmlNode *event;

	add_msids(c, e, r);
	if (r->interval_s >= 0 && !mx_format_interval(c, r->interval_s, text, sizeof text))
		mx_add(c, e, "interval", text);
	if (r->has_start_time)
		add_time(c, e, "start_time", r->start_time);
	if (r->has_stop_time)
		add_time(c, e, "stop_time", r->stop_time);
	if (r->duration_s >= 0 && !mx_format_interval(c, r->duration_s, text, sizeof text))
		mx_add(c, e, "duration", text);
	if (r->event != MLP_EVENT_NONE && (event = mx_add(c, e, "tlrr_event", NULL))) {
		if (r->event == MLP_EVENT_DISTANCE)
			add_distance_event(c, event, &r->distance);
		else
			mx_set_attr(c, mx_add(c, event, "ms_action", NULL), "type", "MS_AVAIL");
	}
	add_quality(c, e, "qop", &r->eqop);
	add_pushaddr(c, e, r);
	add_loc_type(c, e, r);
	add_prio(c, e, r);
}

int mlp_write_request(const struct mlp_request *r, char **xml, size_t *len, char *err,
		      size_t errlen)
{
	struct mx_call c;
	xmlDoc *doc;
	xmlNode *e = NULL;

	mx_begin(&c, err, errlen);
	*xml = NULL;
	check_fields_of_version(&c, r);
	if (r->kind < MLP_SLIR || r->kind > MLP_TLRSR)
		mx_fail(&c, MLP_SERVICE_NOT_SUPPORTED, "request kind %d", (int)r->kind);
	else if (!c.rc && (doc = mx_new_doc(&c, "svc_init", r->version))) {
		add_hdr(&c, doc->children, &r->hdr, r->version);
		if ((e = mx_add(&c, doc->children, kinds[r->kind], NULL)))
			mx_set_message_ver(&c, e, r->version);
		if (r->kind == MLP_SLIR)
			add_slir(&c, e, r);
		else if (r->kind == MLP_TLRR)
			add_tlrr(&c, e, r);
		else
			add_tlrsr(&c, e, r);
		mx_finish(&c, doc, xml, len);
	}
	return mx_end(&c);
}
