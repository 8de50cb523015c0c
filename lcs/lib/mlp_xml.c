/* The hardened reading and the checked writing of MLP documents, and the DTDs they are checked
 * against.
 *
 * Reading refuses, in this order: a document over MLP_MAX_SIZE and, from a lexical scan before
 * libxml2 sees a byte, elements nested deeper than MLP_MAX_DEPTH, a DOCTYPE with an internal
 * subset (where entities, external or expanding, would be declared) and any other markup
 * declaration. A DOCTYPE with only an external id, as clients send, is let through and ignored:
 * libxml2 parses with XML_PARSE_NONET and without XML_PARSE_DTDLOAD, so it never fetches it,
 * and without XML_PARSE_NOENT or XML_PARSE_DTDATTR. The DTD the document is validated against is
 * ours, picked by the root's ver attribute.
 *
 * Writing validates the tree it built against the same DTD before serializing it; the text put in
 * it was checked to be XML characters (mx_add, mx_set_attr), so the text always reads back. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/valid.h>

#include "mlp_internal.h"

#ifndef LCS_DTD_DIR
#define LCS_DTD_DIR "lcs/dtd" /* relative to the working directory: give -DLCS_DTD_DIR */
#endif

/* ---- the DTDs ------------------------------------------------------------------------------ */

/* Which file holds each version: 3.1 to 3.3 do not differ for the messages we support. */
static const char *const dtd_files[] = {
	[MLP_V3_1] = "MLP_v3_1.dtd", [MLP_V3_2] = "MLP_v3_1.dtd", [MLP_V3_3] = "MLP_v3_1.dtd",
	[MLP_V3_4] = "MLP_v3_4.dtd", [MLP_V3_5] = "MLP_v3_5.dtd",
};
static xmlDtd *dtds[MLP_V3_5 + 1];

void mlp_cleanup(void)
{
	for (int v = MLP_V3_1; v <= MLP_V3_5; v++) {
		/* Versions that share a file share its xmlDtd: free it once. */
		if (dtds[v] && (v == MLP_V3_1 || dtds[v] != dtds[v - 1]))
			xmlFreeDtd(dtds[v]);
	}
	memset(dtds, 0, sizeof dtds);
}

struct model_build {
	xmlValidCtxt *v;
	int failed;
};

static void build_content_model(void *payload, void *data, const xmlChar *name)
{
	xmlElement *elem = payload;
	struct model_build *build = data;

	(void)name;
	if (elem->etype == XML_ELEMENT_TYPE_ELEMENT && !elem->contModel && !xmlValidBuildContentModel(build->v, elem))
		build->failed = 1;
}

/* libxml2 compiles an element's content model on its first validation and stores it in the DTD:
 * compiled here once, so that validations from several threads (the GMLC's connections, the
 * client's) only read the shared DTDs. */
static int build_content_models(xmlDtd *dtd)
{
	struct model_build build = { xmlNewValidCtxt(), 0 };

	if (!build.v)
		return -1;
	if (dtd->elements)
		xmlHashScan(dtd->elements, build_content_model, &build);
	xmlFreeValidCtxt(build.v);
	return build.failed ? -1 : 0;
}

int mlp_init(const char *dtd_dir, char *err, size_t errlen)
{
	struct mx_call c;
	char path[4096];

	/* libxml2 sets its globals up lazily, racing when two threads are first: once here, as its
	 * documentation asks of threaded programs */
	xmlInitParser();
	mlp_cleanup();
	mx_begin(&c, err, errlen);
	for (int v = MLP_V3_1; v <= MLP_V3_5 && !c.rc; v++) {
		if (v > MLP_V3_1 && !strcmp(dtd_files[v], dtd_files[v - 1])) {
			dtds[v] = dtds[v - 1];
			continue;
		}
		snprintf(path, sizeof path, "%s/%s", dtd_dir ? dtd_dir : LCS_DTD_DIR, dtd_files[v]);
		if (!(dtds[v] = xmlParseDTD(NULL, BAD_CAST path)) || build_content_models(dtds[v]))
			mx_fail(&c, MLP_SYSTEM_FAILURE, "cannot load the DTD %s", path);
	}
	if (c.rc)
		mlp_cleanup();
	return mx_end(&c);
}

static const char *const version_texts[] = { "3.1.0", "3.2.0", "3.3.0", "3.4.0", "3.5.0" };

const char *mlp_version_text(enum mlp_version v)
{
	return v >= MLP_V3_1 && v <= MLP_V3_5 ? version_texts[v] : NULL;
}

/* ---- errors -------------------------------------------------------------------------------- */

static void keep_message(struct mx_call *c, const char *msg)
{
	size_t n = strlen(msg);

	if (!c->err || !c->errlen || c->err[0])
		return;
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	snprintf(c->err, c->errlen, "%.*s", (int)n, msg);
	for (char *p = c->err; *p; p++)
		if ((unsigned char)*p < ' ')
			*p = ' '; /* one line, whatever the document held */
}

/* libxml2's errors only give the message: the result id comes from what its calls return. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	if (e->level >= XML_ERR_ERROR && e->message)
		keep_message(ctx, e->message);
}

void mx_begin(struct mx_call *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	c->err = err;
	c->errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
	c->saved_handler = xmlStructuredError;
	c->saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(c, on_error);
}

int mx_end(struct mx_call *c)
{
	xmlSetStructuredErrorFunc(c->saved_ctx, c->saved_handler);
	if (!c->rc && c->err && c->errlen)
		c->err[0] = '\0'; /* a message on the way that did not stop us */
	return c->rc;
}

int mx_fail(struct mx_call *c, int rc, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (c->rc)
		return c->rc;
	c->rc = rc;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (c->err && c->errlen)
		c->err[0] = '\0'; /* ours says more than libxml2's */
	keep_message(c, msg);
	return rc;
}

/* Fails with what, followed by the message libxml2 gave on the way if any. */
static int fail_with_detail(struct mx_call *c, int rc, const char *what)
{
	char detail[256] = "";

	if (c->err)
		snprintf(detail, sizeof detail, "%s", c->err);
	return mx_fail(c, rc, "%s%s%s", what, detail[0] ? ": " : "", detail);
}

/* ---- prescan ------------------------------------------------------------------------------- */

static int starts(const char *p, const char *end, const char *mark)
{
	size_t n = strlen(mark);

	return (size_t)(end - p) >= n && !memcmp(p, mark, n);
}

static const char *skip_past(const char *p, const char *end, const char *mark)
{
	for (; p < end; p++)
		if (starts(p, end, mark))
			return p + strlen(mark);
	return end;
}

/* p just past "<" (a tag) or "<!DOCTYPE": past the closing '>', with quoted values skipped.
 * *bracket tells whether a '[' came outside quotes (a DOCTYPE's internal subset), *empty whether
 * the tag closes itself. */
static const char *skip_markup(const char *p, const char *end, int *bracket, int *empty)
{
	char quote = 0;

	*bracket = *empty = 0;
	for (; p < end; p++) {
		if (quote) {
			quote = *p == quote ? 0 : quote;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '[') {
			*bracket = 1;
		} else if (*p == '>') {
			*empty = p[-1] == '/';
			return p + 1;
		}
	}
	return end;
}

/* A lexical scan, not a parser: it follows comments, CDATA sections, processing instructions
 * and quoted values, which is enough to count start and end tags exactly in a well-formed
 * document. A malformed one may be counted wrong, but then libxml2 refuses it. */
static int prescan(struct mx_call *c, const char *xml, size_t len)
{
	const char *p = xml, *end = xml + len;
	int depth = 0, bracket, empty;

	while (p < end) {
		if (*p != '<') {
			p++;
		} else if (starts(p, end, "<!--")) {
			p = skip_past(p + 4, end, "-->");
		} else if (starts(p, end, "<![CDATA[")) {
			p = skip_past(p + 9, end, "]]>");
		} else if (starts(p, end, "<?")) {
			p = skip_past(p + 2, end, "?>");
		} else if (starts(p, end, "<!DOCTYPE")) {
			p = skip_markup(p + 9, end, &bracket, &empty);
			if (bracket)
				return mx_fail(c, MLP_FORMAT_ERROR, "a DOCTYPE internal subset is refused");
		} else if (starts(p, end, "<!")) {
			return mx_fail(c, MLP_FORMAT_ERROR, "a markup declaration is refused");
		} else if (starts(p, end, "</")) {
			depth--;
			p = skip_past(p + 2, end, ">");
		} else {
			if (++depth > MLP_MAX_DEPTH)
				return mx_fail(c, MLP_FORMAT_ERROR, "elements nested deeper than %d",
					       MLP_MAX_DEPTH);
			p = skip_markup(p + 1, end, &bracket, &empty);
			depth -= empty;
		}
	}
	return 0;
}

/* ---- reading ------------------------------------------------------------------------------- */

/* MLP documents are UTF-8 (or its ASCII subset): taking them as such whatever they declare also
 * keeps UTF-16 or EBCDIC from hiding markup from prescan(). */
#define READ_OPTIONS (XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES)

/* Without a declaration, an entity reference stays in the tree as a node of its own (libxml2
 * only warns when the DOCTYPE names an external subset it did not read): refused. */
static int has_entity_ref(xmlNode *n)
{
	for (; n; n = n->next)
		if (n->type == XML_ENTITY_REF_NODE || has_entity_ref(n->children))
			return 1;
	return 0;
}

static int version_of(struct mx_call *c, xmlNode *root, enum mlp_version *version)
{
	xmlChar *ver = xmlGetProp(root, BAD_CAST "ver");
	int found = 0;

	for (int v = MLP_V3_1; v <= MLP_V3_5 && ver && !found; v++)
		if (!strcmp((const char *)ver, version_texts[v])) {
			*version = v;
			found = 1;
		}
	if (!found)
		mx_fail(c, MLP_UNSUPPORTED_VERSION, "%s ver \"%.20s\" is not one of 3.1.0 to 3.5.0",
			(const char *)root->name, ver ? (const char *)ver : "");
	xmlFree(ver);
	return found ? 0 : -1;
}

static int validate(struct mx_call *c, xmlDoc *doc, enum mlp_version version)
{
	xmlValidCtxt *v = xmlNewValidCtxt();
	int valid;

	if (!v)
		return mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
	valid = xmlValidateDtd(v, doc, dtds[version]);
	xmlFreeValidCtxt(v);
	if (!valid)
		return fail_with_detail(c, MLP_SYNTAX_ERROR, "not valid against our DTD");
	return 0;
}

/* The document, well-formed, hardened (prescan, no entity reference left), with a root element;
 * NULL with c's failure otherwise. */
static xmlDoc *read_wellformed(struct mx_call *c, const char *xml, size_t len)
{
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	int wellformed;

	if (!dtds[MLP_V3_1])
		mx_fail(c, MLP_SYSTEM_FAILURE, "mlp_init() has not been called");
	else if (!xml)
		mx_fail(c, MLP_FORMAT_ERROR, "no document");
	else if (len > MLP_MAX_SIZE)
		mx_fail(c, MLP_FORMAT_ERROR, "document of %zu bytes, over the bound of %d", len,
			MLP_MAX_SIZE);
	if (c->rc || prescan(c, xml, len))
		return NULL;

	if (!(ctxt = xmlNewParserCtxt())) {
		mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
		return NULL;
	}
	doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, "UTF-8", READ_OPTIONS);
	wellformed = doc && ctxt->wellFormed && ctxt->nsWellFormed;
	xmlFreeParserCtxt(ctxt);
	if (!wellformed || !xmlDocGetRootElement(doc))
		fail_with_detail(c, MLP_FORMAT_ERROR, "not well-formed XML");
	else if (has_entity_ref(xmlDocGetRootElement(doc)))
		mx_fail(c, MLP_FORMAT_ERROR, "an undeclared entity reference");
	if (c->rc) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

xmlDoc *mx_read(struct mx_call *c, const char *xml, size_t len, const char *const *roots,
		enum mlp_version *version)
{
	xmlDoc *doc = read_wellformed(c, xml, len);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	int known = 0;

	if (!root)
		return NULL;
	for (const char *const *r = roots; *r; r++)
		known |= !strcmp((const char *)root->name, *r);
	if (!known)
		mx_fail(c, MLP_SYNTAX_ERROR, "unexpected root element %.40s", (const char *)root->name);
	else if (!version_of(c, root, version))
		validate(c, doc, *version);
	if (c->rc) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int mlp_document_version(const char *xml, size_t len, enum mlp_version *version)
{
	struct mx_call c;
	xmlDoc *doc;
	int ret = -1;

	mx_begin(&c, NULL, 0);
	if ((doc = read_wellformed(&c, xml, len)))
		ret = version_of(&c, xmlDocGetRootElement(doc), version);
	xmlFreeDoc(doc);
	mx_end(&c);
	return ret;
}

/* ---- writing ------------------------------------------------------------------------------- */

void mx_set_message_ver(struct mx_call *c, xmlNode *message, enum mlp_version v)
{
	mx_set_attr(c, message, "ver", v == MLP_V3_1 ? "3.0.0" : version_texts[v]);
}

xmlDoc *mx_new_doc(struct mx_call *c, const char *name, enum mlp_version v)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = doc ? xmlNewDocNode(doc, NULL, BAD_CAST name, NULL) : NULL;

	if (!mlp_version_text(v)) {
		mx_fail(c, MLP_UNSUPPORTED_VERSION, "no such version %d", (int)v);
	} else if (!root) {
		mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
	} else {
		xmlDocSetRootElement(doc, root);
		mx_set_attr(c, root, "ver", version_texts[v]);
	}
	if (c->rc) {
		xmlFreeNode(root);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int mx_finish(struct mx_call *c, xmlDoc *doc, char **xml, size_t *len)
{
	enum mlp_version v;
	xmlChar *text = NULL;
	int n = 0;

	*xml = NULL;
	if (!c->rc && !version_of(c, xmlDocGetRootElement(doc), &v) && !validate(c, doc, v)) {
		xmlDocDumpFormatMemoryEnc(doc, &text, &n, "UTF-8", 1);
		if (!text)
			mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
	}
	xmlFreeDoc(doc);
	if (!c->rc && !(*xml = strdup((const char *)text)))
		mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
	xmlFree(text);
	if (!c->rc && len)
		*len = (size_t)n;
	return c->rc;
}
