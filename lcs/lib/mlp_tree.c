/* Reading and building the elements of MLP documents. */
#include <string.h>

#include <libxml/chvalid.h>
#include <libxml/xmlstring.h>

#include "mlp_internal.h"

const char *const mlp_msid_types[] = { "MSISDN", "IMSI", "IMEI", "MIN", "MDN", "EME_MSID",
				       "ASID", "OPE_ID", "IPV4", "IPV6", "SESSID", "SIP_URI",
				       "TEL_URL", "NAI", "URI", NULL };

const char *mlp_msid_type_name(enum mlp_msid_type type)
{
	return type >= MLP_MSID_MSISDN && type <= MLP_MSID_URI ? mlp_msid_types[type] : NULL;
}

static int is_named(xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

xmlNode *mx_child(xmlNode *parent, const char *name)
{
	xmlNode *n = parent ? parent->children : NULL;

	while (n && !is_named(n, name))
		n = n->next;
	return n;
}

xmlNode *mx_next(xmlNode *node, const char *name)
{
	xmlNode *n = node ? node->next : NULL;

	while (n && !is_named(n, name))
		n = n->next;
	return n;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* The text without the white space around it (a pretty-printed document's). */
int mx_text(struct mx_call *c, xmlNode *node, char *buf, size_t size)
{
	xmlChar *text = node ? xmlNodeGetContent(node) : NULL;
	const char *s = text ? (const char *)text : "";
	size_t n;

	buf[0] = '\0';
	if (node && !text)
		return mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
	while (is_space(*s))
		s++;
	for (n = strlen(s); n && is_space(s[n - 1]); n--)
		;
	if (n >= size) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "%s: over %zu bytes",
			(const char *)node->name, size - 1);
	} else {
		memcpy(buf, s, n);
		buf[n] = '\0';
	}
	xmlFree(text);
	return c->rc ? -1 : 0;
}

int mx_attr_enum(struct mx_call *c, xmlNode *node, const char *name, const char *const *names,
		 int def)
{
	xmlChar *value = xmlGetProp(node, BAD_CAST name);
	int found = value ? -1 : def;

	for (int i = 0; value && found < 0 && names[i]; i++)
		if (!strcmp((const char *)value, names[i]))
			found = i;
	if (found < 0)
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "%s %s=\"%.40s\"",
			(const char *)node->name, name, (const char *)value);
	xmlFree(value);
	return found;
}

/* Whether text is UTF-8 made of XML 1.0 characters (no control characters but tab and newlines):
 * libxml2 would write anything else as a character reference no parser accepts. One pass:
 * xmlGetUTF8Char refuses a broken sequence, and stops at the NUL that ends a truncated one. */
static int is_xml_text(const char *text)
{
	const xmlChar *p = BAD_CAST text;

	while (*p) {
		int len = 4, ch = xmlGetUTF8Char(p, &len);

		if (ch < 0 || !xmlIsChar(ch))
			return 0;
		p += len;
	}
	return 1;
}

static int check_text(struct mx_call *c, const char *name, const char *text)
{
	if (!c->rc && text && !is_xml_text(text))
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "%s: not text of XML characters", name);
	return c->rc;
}

xmlNode *mx_add(struct mx_call *c, xmlNode *parent, const char *name, const char *text)
{
	xmlNode *n = check_text(c, name, text) ? NULL : xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);

	if (!n && !c->rc)
		mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
	return n;
}

void mx_set_attr(struct mx_call *c, xmlNode *node, const char *name, const char *value)
{
	if (!check_text(c, name, value) && !xmlSetProp(node, BAD_CAST name, BAD_CAST value))
		mx_fail(c, MLP_SYSTEM_FAILURE, "out of memory");
}

void mx_add_msid(struct mx_call *c, xmlNode *parent, const struct mlp_msid *m)
{
	xmlNode *n;

	if (m->type < MLP_MSID_MSISDN || m->type > MLP_MSID_URI) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE, "msid type %d", (int)m->type);
		return;
	}
	if ((n = mx_add(c, parent, "msid", m->value)) && m->type != MLP_MSID_MSISDN)
		mx_set_attr(c, n, "type", mlp_msid_types[m->type]);
}

void mx_read_msid(struct mx_call *c, xmlNode *node, struct mlp_msid *m)
{
	static const char *const encodings[] = { "ASC", "CRP", NULL };

	m->type = mx_attr_enum(c, node, "type", mlp_msid_types, MLP_MSID_MSISDN);
	/* An encrypted msid is the server's to decrypt, with keys this codec does not have. */
	if (mx_attr_enum(c, node, "enc", encodings, 0) == 1)
		mx_fail(c, MLP_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE_NOT_SUPPORTED, "msid enc=\"CRP\"");
	mx_text(c, node, m->value, sizeof m->value);
	if (!c->rc && !m->value[0])
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "empty msid");
}
