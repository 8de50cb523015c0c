/* The hardened reading and writing of every document of libshdata, and the capture of libxml2's
 * errors for one call of the public API.
 *
 * Reading refuses, in this order: a document over SHDATA_MAX_SIZE (before anything looks at it);
 * a DOCTYPE (Sh-Data has no DTD: with none there are no entities to expand, internal or external,
 * and no external subset to fetch) and elements nested deeper than SHDATA_MAX_DEPTH, both found by
 * prescan() before libxml2 sees a byte; then what libxml2 or the schema refuses. libxml2 parses
 * with XML_PARSE_NONET and without XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR or
 * XML_PARSE_HUGE, so its own limits (256 levels among them) stay as a second line. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "shdata_internal.h"

/* ---- errors ------------------------------------------------------------------------------- */

static void keep_message(struct xs_call *c, long line, const char *msg)
{
	size_t n = strlen(msg);

	if (c->has_message)
		return;
	c->has_message = 1;
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--; /* libxml2's messages end with a newline */
	if (!c->err || !c->errlen)
		return;
	if (line > 0)
		snprintf(c->err, c->errlen, "line %ld: %.*s", line, (int)n, msg);
	else
		snprintf(c->err, c->errlen, "%.*s", (int)n, msg);
	for (char *p = c->err; *p; p++)
		if ((unsigned char)*p < ' ')
			*p = ' '; /* one line, whatever the document's values held */
}

/* Errors are kept, not acted on: the caller decides from what libxml2 returns. Warnings (a
 * relative namespace URI, ...) do not refuse a document and are dropped. */
static void on_error(void *ctx, xmlErrorPtr e)
{
	struct xs_call *c = ctx;

	if (e->code == XML_ERR_NO_MEMORY)
		c->nomem = 1;
	if (e->level >= XML_ERR_ERROR && e->message)
		keep_message(c, e->line, e->message);
}

/* Errors also come through on_error(); what libxml2 prints only through here is not ours to show. */
static void on_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

void xs_begin(struct xs_call *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	c->err = err;
	c->errlen = errlen;
	if (err && errlen)
		err[0] = '\0';
	c->saved_serror = xmlStructuredError;
	c->saved_sctx = xmlStructuredErrorContext;
	c->saved_gerror = xmlGenericError;
	c->saved_gctx = xmlGenericErrorContext;
	xmlSetStructuredErrorFunc(c, on_error);
	xmlSetGenericErrorFunc(c, on_generic);
}

int xs_end(struct xs_call *c)
{
	xmlSetStructuredErrorFunc(c->saved_sctx, c->saved_serror);
	xmlSetGenericErrorFunc(c->saved_gctx, c->saved_gerror);
	if (!c->rc && c->err && c->errlen)
		c->err[0] = '\0'; /* a message libxml2 gave on the way, that did not stop us */
	return c->rc;
}

int xs_fail(struct xs_call *c, int rc, long line, const char *fmt, ...)
{
	char msg[SHDATA_ERR_LEN];
	va_list ap;

	if (c->rc)
		return c->rc;
	c->rc = rc;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	keep_message(c, line, msg);
	return rc;
}

void *xs_nomem(struct xs_call *c)
{
	xs_fail(c, ENOMEM, 0, "out of memory");
	return NULL;
}

/* ---- prescan ------------------------------------------------------------------------------ */

static int starts(const char *p, const char *end, const char *mark)
{
	size_t n = strlen(mark);

	return (size_t)(end - p) >= n && !memcmp(p, mark, n);
}

/* Past the next mark (or at end). */
static const char *skip_past(const char *p, const char *end, const char *mark)
{
	size_t n = strlen(mark);

	while ((p = memchr(p, mark[0], (size_t)(end - p)))) {
		if (starts(p, end, mark))
			return p + n;
		p++;
	}
	return end;
}

/* p is just past the '<' of a start tag: past its '>', and whether it closes itself. Quoted
 * attribute values may hold '>'. */
static const char *skip_tag(const char *p, const char *end, int *empty)
{
	char quote = 0;

	for (*empty = 0; p < end; p++) {
		if (quote && *p == quote)
			quote = 0;
		else if (!quote && (*p == '"' || *p == '\''))
			quote = *p;
		else if (!quote && *p == '>') {
			*empty = p[-1] == '/';
			return p + 1;
		}
	}
	return end;
}

/* The line of p, for an error message: counted only then. */
static long line_of(const char *xml, const char *p)
{
	long line = 1;

	for (const char *q = xml; (q = memchr(q, '\n', (size_t)(p - q))); q++)
		line++;
	return line;
}

/* Depth and DOCTYPE, before libxml2 builds anything: a lexical scan, not a parser. It follows
 * comments, CDATA sections, processing instructions and quoted attribute values, which is all it
 * takes to tell start tags from end tags exactly in a well-formed document. A malformed one may
 * be counted wrong, but libxml2 then refuses it, within its own depth limit. The bytes scanned are
 * the bytes libxml2 reads: xs_read() makes it take them as UTF-8 whatever they declare. */
static int prescan(struct xs_call *c, const char *xml, size_t len)
{
	const char *p = xml, *end = xml + len;
	int depth = 0, empty;

	while ((p = memchr(p, '<', (size_t)(end - p)))) {
		if (starts(p, end, "<!--")) {
			p = skip_past(p + 4, end, "-->");
		} else if (starts(p, end, "<![CDATA[")) {
			p = skip_past(p + 9, end, "]]>");
		} else if (starts(p, end, "<?")) {
			p = skip_past(p + 2, end, "?>");
		} else if (starts(p, end, "<!")) {
			return xs_fail(c, SHDATA_EINVALID, line_of(xml, p), "a DOCTYPE or markup declaration is refused");
		} else if (starts(p, end, "</")) {
			depth--;
			p = skip_past(p + 2, end, ">");
		} else {
			if (++depth > SHDATA_MAX_DEPTH)
				return xs_fail(c, SHDATA_ETOOBIG, line_of(xml, p), "elements nested deeper than %d",
					       SHDATA_MAX_DEPTH);
			p = skip_tag(p + 1, end, &empty);
			depth -= empty;
		}
	}
	return 0;
}

/* ---- reading ------------------------------------------------------------------------------ */

/* No network; no DTD loading, entity substitution or default attributes (with the DOCTYPE refused,
 * there is nothing they could apply to anyway); line numbers past 65535 kept for errors; the
 * encoding is UTF-8 whatever the document declares (Sh-Data is UTF-8), which also keeps UTF-16 or
 * EBCDIC input from hiding markup from prescan(). */
#define READ_OPTIONS (XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES)

static int validate(struct xs_call *c, xmlDoc *doc, enum xs_schema which)
{
	xmlSchemaValidCtxt *v = xmlSchemaNewValidCtxt(xs_schema(which));
	int r;

	if (!v)
		return xs_fail(c, ENOMEM, 0, "out of memory");
	r = xmlSchemaValidateDoc(v, doc);
	xmlSchemaFreeValidCtxt(v);
	if (r)
		return xs_fail(c, c->nomem ? ENOMEM : SHDATA_EINVALID, 0, "not valid against the schema");
	return 0;
}

xmlDoc *xs_read(struct xs_call *c, const char *xml, size_t len, enum xs_schema which)
{
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	int wellformed;

	if (c->rc)
		return NULL;
	if (!xml)
		xs_fail(c, EINVAL, 0, "no document");
	else if (which != XS_NONE && !xs_schema(which))
		xs_fail(c, EINVAL, 0, "shdata_init() has not been called");
	else if (len > SHDATA_MAX_SIZE)
		xs_fail(c, SHDATA_ETOOBIG, 0, "document of %zu bytes, over the bound of %d", len,
			SHDATA_MAX_SIZE);
	if (c->rc || prescan(c, xml, len))
		return NULL;

	if (!(ctxt = xmlNewParserCtxt()))
		return xs_nomem(c);
	doc = xmlCtxtReadMemory(ctxt, xml, (int)len, NULL, "UTF-8", READ_OPTIONS);
	/* A namespace error (an undeclared prefix) still gives a document: refused all the same. */
	wellformed = doc && ctxt->wellFormed && ctxt->nsWellFormed;
	xmlFreeParserCtxt(ctxt);
	if (!wellformed)
		xs_fail(c, c->nomem ? ENOMEM : SHDATA_EINVALID, 0, "not well-formed XML");
	else if (which != XS_NONE)
		validate(c, doc, which);
	if (c->rc) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* ---- writing ------------------------------------------------------------------------------ */

int xs_serialize(struct xs_call *c, xmlDoc *doc, int declaration, char **xml, size_t *len)
{
	xmlBuffer *buf = xmlBufferCreate();
	xmlSaveCtxt *save = buf ? xmlSaveToBuffer(buf, "UTF-8", declaration ? 0 : XML_SAVE_NO_DECL) : NULL;
	long r = -1;

	*xml = NULL;
	if (save) {
		r = declaration ? xmlSaveDoc(save, doc) : xmlSaveTree(save, xmlDocGetRootElement(doc));
		if (xmlSaveClose(save) < 0)
			r = -1;
	}
	if (r >= 0 && (*xml = malloc((size_t)xmlBufferLength(buf) + 1))) {
		*len = (size_t)xmlBufferLength(buf);
		memcpy(*xml, xmlBufferContent(buf), *len);
		(*xml)[*len] = '\0';
	}
	xmlBufferFree(buf);
	if (!*xml)
		return xs_fail(c, ENOMEM, 0, "out of memory");
	return 0;
}

/* ---- the public parse and write functions ------------------------------------------------- */

int xs_parse(const struct xs_codec *codec, const char *xml, size_t len, void **obj, char *err,
	     size_t errlen)
{
	struct xs_call c;
	xmlDoc *doc;

	xs_begin(&c, err, errlen);
	if (!obj) {
		xs_fail(&c, EINVAL, 0, "nowhere to put the result");
		return xs_end(&c);
	}
	*obj = NULL;
	if ((doc = xs_read(&c, xml, len, codec->schema)))
		*obj = codec->read(&c, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return xs_end(&c);
}

int xs_format(const struct xs_codec *codec, const void *obj, char **xml, size_t *len)
{
	struct xs_call c;
	xmlDoc *doc;
	xmlNode *root;
	char *out = NULL;
	size_t n = 0;

	if (!obj || !xml)
		return EINVAL;
	xs_begin(&c, NULL, 0);
	doc = xmlNewDoc(BAD_CAST "1.0");
	root = doc ? xmlNewDocNode(doc, NULL, BAD_CAST codec->root, NULL) : NULL;
	if (root) {
		xmlDocSetRootElement(doc, root);
		if (codec->ns)
			xmlSetNs(root, xmlNewNs(root, BAD_CAST codec->ns, NULL));
	}
	if (!root || (codec->ns && !root->ns))
		xs_nomem(&c);
	else
		codec->write(&c, root, obj);
	if (!c.rc && !xs_serialize(&c, doc, codec->declaration, &out, &n))
		xmlFreeDoc(xs_read(&c, out, n, codec->schema));
	xmlFreeDoc(doc);
	if (xs_end(&c)) {
		free(out);
		return c.rc;
	}
	*xml = out;
	if (len)
		*len = n;
	return 0;
}
