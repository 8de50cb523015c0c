/* svc_result (slia, slirep, tlra, tlrep, tlrsa) and gem, written (the server side) and read
 * (the client side). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlp_internal.h"

static const char *const kinds[] = { "slia", "slirep", "tlra", "tlrep", "tlrsa", "gem", NULL };
static const char *const triggers[] = { "PERIODIC", "MS_AVAIL", "DISTANCE", NULL };

#define MAX_RESID 699

void mlp_answer_init(struct mlp_answer *a, enum mlp_answer_kind kind, enum mlp_version v)
{
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->version = v;
}

/* ---- reading ------------------------------------------------------------------------------- */

/* result (resid attribute; its text is the name, not read) and add_info, children of e. */
static void read_result(struct mx_call *c, xmlNode *e, int *result, char *add_info, size_t size)
{
	xmlNode *n = mx_child(e, "result");
	xmlChar *resid = n ? xmlGetProp(n, BAD_CAST "resid") : NULL;
	char *end;
	long id = resid ? strtol((const char *)resid, &end, 10) : -1;

	if (!resid || !resid[0] || *end || id < 0 || id > MAX_RESID)
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "result resid");
	xmlFree(resid);
	*result = (int)id;
	mx_text(c, mx_child(e, "add_info"), add_info, size);
}

static void read_pos(struct mx_call *c, xmlNode *e, enum mlp_version v, struct mlp_pos *p)
{
	xmlNode *pd = mx_child(e, "pd"), *poserr = mx_child(e, "poserr");

	mx_read_msid(c, mx_child(e, "msid"), &p->msid);
	if (pd) {
		mx_time(c, mx_child(pd, "time"), &p->time);
		mx_read_shape(c, pd, v, &p->shape);
		p->qos_not_met = mx_child(pd, "qos_not_met") != NULL;
	} else {
		read_result(c, poserr, &p->result, p->add_info, sizeof p->add_info);
		mx_time(c, mx_child(poserr, "time"), &p->time);
		if (!c->rc && !p->result)
			mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "poserr with result 0");
	}
}

static void read_positions(struct mx_call *c, xmlNode *e, const char *name, struct mlp_answer *a)
{
	for (xmlNode *n = mx_child(e, name); n && !c->rc; n = mx_next(n, name)) {
		if (a->n_pos == MLP_MAX_POS) {
			mx_fail(c, MLP_TOO_MANY_POSITION_ITEMS, "over %d %s", MLP_MAX_POS, name);
			return;
		}
		if (a->kind == MLP_TLREP)
			a->pos[a->n_pos].trigger = mx_attr_enum(c, n, "trl_trigger", triggers, 0);
		read_pos(c, n, a->version, &a->pos[a->n_pos++]);
	}
}

static void read_body(struct mx_call *c, xmlNode *e, struct mlp_answer *a)
{
	mx_text(c, mx_child(e, "req_id"), a->req_id, sizeof a->req_id);
	if (mx_child(e, "result")) {
		read_result(c, e, &a->result, a->add_info, sizeof a->add_info);
		/* a slia, tlra or tlrsa holds a result instead of what it answers: an error (a result 0
		 * would answer nothing; found by fuzz_mlp_answer), as a poserr's */
		if (!c->rc && !a->result && a->kind != MLP_GEM)
			mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "%s with result 0", kinds[a->kind]);
	}
	if (a->kind == MLP_TLREP) {
		a->more = mx_attr_enum(c, e, "more", mlp_yes_no, 0) == 1 ||
			  mx_attr_enum(c, e, "More", mlp_yes_no, 0) == 1;
		read_positions(c, e, "trl_pos", a);
	} else {
		read_positions(c, e, "pos", a);
	}
}

int mlp_parse_answer(const char *xml, size_t len, struct mlp_answer **out, char *err,
		     size_t errlen)
{
	static const char *const roots[] = { "svc_result", "gem", NULL };
	struct mx_call c;
	struct mlp_answer *a = NULL;
	enum mlp_version v;
	xmlDoc *doc;
	xmlNode *root, *e;

	mx_begin(&c, err, errlen);
	*out = NULL;
	if (!(doc = mx_read(&c, xml, len, roots, &v)))
		return mx_end(&c);
	if (!(a = malloc(sizeof *a))) {
		mx_fail(&c, MLP_SYSTEM_FAILURE, "out of memory");
	} else {
		root = xmlDocGetRootElement(doc);
		mlp_answer_init(a, MLP_GEM, v);
		e = root;
		for (int k = MLP_SLIA; k < MLP_GEM && e == root; k++)
			if ((e = mx_child(root, kinds[k])))
				a->kind = k;
			else
				e = root;
		read_body(&c, e, a);
	}
	xmlFreeDoc(doc);
	if (mx_end(&c)) {
		free(a);
		return c.rc;
	}
	*out = a;
	return 0;
}

/* ---- writing ------------------------------------------------------------------------------- */

static void add_result(struct mx_call *c, xmlNode *e, int result, const char *add_info)
{
	const char *name = mlp_result_name(result);
	char resid[16];
	xmlNode *n;

	if (!name) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "result %d", result);
		return;
	}
	snprintf(resid, sizeof resid, "%d", result);
	if ((n = mx_add(c, e, "result", name)))
		mx_set_attr(c, n, "resid", resid);
	if (add_info && add_info[0])
		mx_add(c, e, "add_info", add_info);
}

static void add_time(struct mx_call *c, xmlNode *e, time_t t)
{
	char text[32];

	if (!mx_format_time(c, t, text, sizeof text))
		mx_add(c, e, "time", text);
}

static void add_pos(struct mx_call *c, xmlNode *parent, const char *name, enum mlp_version v,
		    const struct mlp_pos *p)
{
	xmlNode *e = mx_add(c, parent, name, NULL), *body;

	if (!e)
		return;
	if (!strcmp(name, "trl_pos")) {
		if (p->trigger < MLP_TRIGGER_PERIODIC || p->trigger > MLP_TRIGGER_DISTANCE)
			mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "trl_trigger");
		else
			mx_set_attr(c, e, "trl_trigger", triggers[p->trigger]);
	}
	mx_add_msid(c, e, &p->msid);
	if (!p->result && (body = mx_add(c, e, "pd", NULL))) {
		add_time(c, body, p->time);
		mx_add_shape(c, body, v, &p->shape);
		if (p->qos_not_met) /* after lev_conf; before 3.4 the DTD refuses it: 106 */
			mx_add(c, body, "qos_not_met", NULL);
	} else if (p->result && (body = mx_add(c, e, "poserr", NULL))) {
		add_result(c, body, p->result, p->add_info);
		add_time(c, body, p->time);
	}
}

static void add_body(struct mx_call *c, xmlNode *e, const struct mlp_answer *a)
{
	const char *pos_name = a->kind == MLP_TLREP ? "trl_pos" : "pos";
	/* slia holds one of: positions, a req_id, a result; tlra and tlrsa a req_id or a result (a
	 * refused request); the DTD refuses what else is given. */
	int refusal = a->result && (a->kind == MLP_SLIA || a->kind == MLP_TLRA || a->kind == MLP_TLRSA);

	if (a->n_pos < 0 || a->n_pos > MLP_MAX_POS) {
		mx_fail(c, MLP_TOO_MANY_POSITION_ITEMS, "%d positions", a->n_pos);
		return;
	}
	if (a->kind == MLP_TLREP && a->more && a->version != MLP_V3_1) /* 3.1's tlrep has no more */
		mx_set_attr(c, e, "more", "YES");
	if (a->kind != MLP_GEM && !refusal && (a->req_id[0] || a->kind != MLP_SLIA))
		mx_add(c, e, "req_id", a->req_id);
	if (a->kind == MLP_GEM || refusal)
		add_result(c, e, a->result, a->add_info);
	for (int i = 0; i < a->n_pos && !c->rc; i++)
		add_pos(c, e, pos_name, a->version, &a->pos[i]);
}

int mlp_write_answer(const struct mlp_answer *a, char **xml, size_t *len, char *err,
		     size_t errlen)
{
	struct mx_call c;
	xmlDoc *doc;
	xmlNode *e;

	mx_begin(&c, err, errlen);
	*xml = NULL;
	if (a->kind < MLP_SLIA || a->kind > MLP_GEM)
		mx_fail(&c, MLP_SERVICE_NOT_SUPPORTED, "answer kind %d", (int)a->kind);
	else if ((doc = mx_new_doc(&c, a->kind == MLP_GEM ? "gem" : "svc_result", a->version))) {
		e = doc->children;
		if (a->kind != MLP_GEM && (e = mx_add(&c, e, kinds[a->kind], NULL)))
			mx_set_message_ver(&c, e, a->version);
		add_body(&c, e, a);
		mx_finish(&c, doc, xml, len);
	}
	return mx_end(&c);
}

int mlp_write_gem(enum mlp_version v, int result, const char *add_info, char **xml, size_t *len,
		  char *err, size_t errlen)
{
	struct mlp_answer *a = malloc(sizeof *a);
	int rc;

	if (!a)
		return MLP_SYSTEM_FAILURE;
	mlp_answer_init(a, MLP_GEM, v);
	a->result = result;
	if (add_info && strlen(add_info) >= sizeof a->add_info) {
		*xml = NULL;
		snprintf(err, err ? errlen : 0, "add_info over %zu bytes", sizeof a->add_info - 1);
		rc = MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
	} else {
		snprintf(a->add_info, sizeof a->add_info, "%s", add_info ? add_info : "");
		rc = mlp_write_answer(a, xml, len, err, errlen);
	}
	free(a);
	return rc;
}
