/* Reading values out of a validated tree, and building a tree, for the codecs. Every helper
 * records its failure in the call and does nothing once one is recorded, so that a codec reads or
 * writes straight through and looks at c->rc once. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlstring.h>

#include "shdata_internal.h"

/* ---- reading ------------------------------------------------------------------------------ */

int xr_is(const xmlNode *node, const char *ns, const char *name)
{
	if (!xmlStrEqual(node->name, BAD_CAST name))
		return 0;
	return ns ? node->ns && xmlStrEqual(node->ns->href, BAD_CAST ns) : !node->ns;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

char *xr_text(struct xs_call *c, xmlNode *node, int collapse)
{
	xmlChar *content;
	const char *s;
	size_t n;
	char *text = NULL;

	if (c->rc)
		return NULL;
	if ((content = xmlNodeGetContent(node))) {
		s = (const char *)content;
		n = strlen(s);
		if (collapse) {
			for (; is_space(*s); s++, n--)
				;
			for (; n && is_space(s[n - 1]); n--)
				;
		}
		text = strndup(s, n);
		xmlFree(content);
	}
	if (!text)
		xs_nomem(c);
	return text;
}

long long xr_number(struct xs_call *c, xmlNode *node)
{
	char *text = xr_text(c, node, 1);
	long long value = text ? strtoll(text, NULL, 10) : 0;

	free(text);
	return value;
}

void *xr_grow(struct xs_call *c, void *array, size_t n, size_t size)
{
	char *grown = NULL;

	if (c->rc)
		return array;
	if (n < SIZE_MAX / size - 1)
		grown = realloc(array, (n + 1) * size);
	if (!grown) {
		xs_nomem(c);
		return array;
	}
	memset(grown + n * size, 0, size);
	return grown;
}

void xr_push(struct xs_call *c, char ***list, size_t *n, xmlNode *node, int collapse)
{
	char **text = xr_append(c, *list, *n);

	if (text)
		*text = xr_text(c, node, collapse);
}

/* Copied into a document of its own, the element gets a declaration of every namespace it uses
 * that an ancestor declared (xmlDocCopyNode reconciles them), and so stands alone. */
char *xr_dump(struct xs_call *c, xmlNode *node)
{
	xmlDoc *doc;
	xmlNode *copy = NULL;
	char *xml = NULL;
	size_t len;

	if (c->rc)
		return NULL;
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) && (copy = xmlDocCopyNode(node, doc, 1)))
		xmlDocSetRootElement(doc, copy);
	if (!copy)
		xs_nomem(c);
	else
		xs_serialize(c, doc, 0, &xml, &len);
	xmlFreeDoc(doc);
	return xml;
}

/* ---- writing ------------------------------------------------------------------------------ */

xmlNode *xw_elem(struct xs_call *c, xmlNode *parent, const char *name)
{
	xmlNode *node;

	if (c->rc)
		return NULL;
	if (!(node = xmlNewChild(parent, parent->ns, BAD_CAST name, NULL)))
		xs_nomem(c);
	return node;
}

void xw_text(struct xs_call *c, xmlNode *parent, const char *name, const char *value)
{
	if (c->rc || !value)
		return;
	/* libxml2 would write bytes that are not UTF-8 as character references to other characters */
	if (!xmlCheckUTF8(BAD_CAST value))
		xs_fail(c, SHDATA_EINVALID, 0, "%s: not UTF-8", name);
	else if (!xmlNewTextChild(parent, parent->ns, BAD_CAST name, BAD_CAST value))
		xs_nomem(c);
}

void xw_number(struct xs_call *c, xmlNode *parent, const char *name, long long value)
{
	char text[24];

	snprintf(text, sizeof text, "%lld", value);
	xw_text(c, parent, name, text);
}

void xw_opt(struct xs_call *c, xmlNode *parent, const char *name, int value)
{
	if (value != SHDATA_ABSENT)
		xw_number(c, parent, name, value);
}

void xw_fragment(struct xs_call *c, xmlNode *parent, const char *xml)
{
	xmlDoc *doc = xs_read(c, xml, xml ? strlen(xml) : 0, XS_NONE);
	xmlNode *copy;

	if (!doc)
		return;
	if ((copy = xmlDocCopyNode(xmlDocGetRootElement(doc), parent->doc, 1)))
		xmlAddChild(parent, copy);
	else
		xs_nomem(c);
	xmlFreeDoc(doc);
}
