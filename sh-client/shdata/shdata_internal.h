/* What the files of libshdata share: one call of the public API and its errors, the hardened
 * reading and writing of documents (xml_safe.c), the schemas (schemas.c), helpers to read a
 * validated tree and to build one (xml_tree.c), the location elements (shdata_location.c). */
#ifndef SHDATA_INTERNAL_H
#define SHDATA_INTERNAL_H

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "shdata.h"

/* ---- one call of the public API (xml_safe.c) ----------------------------------------------- */

/* libxml2 reports errors through handlers that belong to the calling thread: a call installs
 * ours from xs_begin() to xs_end(), so that nothing is printed and the first error is kept. */
struct xs_call {
	int rc;          /* the first failure, 0 while none; once set, the xr_ and xw_ helpers do nothing */
	int nomem;       /* libxml2 said it ran out of memory */
	int has_message; /* err holds the first error */
	char *err;       /* the caller's buffer (may be NULL) */
	size_t errlen;
	xmlStructuredErrorFunc saved_serror;
	void *saved_sctx;
	xmlGenericErrorFunc saved_gerror;
	void *saved_gctx;
};

void xs_begin(struct xs_call *c, char *err, size_t errlen);
/* Puts libxml2's handlers back; returns c->rc. */
int xs_end(struct xs_call *c);
/* Records a failure (rc and message, the first one only); line 0: none. Returns c->rc. */
int xs_fail(struct xs_call *c, int rc, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Records ENOMEM; returns NULL, for the functions that return what they could not allocate. */
void *xs_nomem(struct xs_call *c);

/* ---- documents (xml_safe.c, schemas.c) ------------------------------------------------------ */

enum xs_schema { XS_NONE, XS_SHDATA, XS_PROSE, XS_COUNT };

/* The schema loaded by shdata_init(), NULL before. */
xmlSchema *xs_schema(enum xs_schema which);

/* Reads a document: within SHDATA_MAX_SIZE, no DOCTYPE, elements at most SHDATA_MAX_DEPTH deep,
 * well-formed UTF-8 XML with namespaces, valid against the schema (XS_NONE: not validated).
 * NULL on failure (c->rc set). */
xmlDoc *xs_read(struct xs_call *c, const char *xml, size_t len, enum xs_schema which);

/* The document with its XML declaration, or its root element alone; *xml is malloc'ed and
 * NUL-terminated, UTF-8. */
int xs_serialize(struct xs_call *c, xmlDoc *doc, int declaration, char **xml, size_t *len);

/* A document type: its schema and root element, how to turn a tree into a structure and back. */
struct xs_codec {
	enum xs_schema schema;
	const char *root;
	const char *ns;   /* namespace of the root element, NULL: none */
	int declaration;  /* written documents start with the XML declaration */
	/* A new structure from a validated tree, or NULL with c->rc set. */
	void *(*read)(struct xs_call *c, xmlNode *root);
	/* Fills the empty root element; failures go to c. */
	void (*write)(struct xs_call *c, xmlNode *root, const void *obj);
};

/* The public parse and write functions. xs_format() reads its output back as xs_read() does, so
 * that whatever the structure holds, what it hands out is a document our readers take. */
int xs_parse(const struct xs_codec *codec, const char *xml, size_t len, void **obj, char *err,
	     size_t errlen);
int xs_format(const struct xs_codec *codec, const void *obj, char **xml, size_t *len);

/* ---- reading a validated tree (xml_tree.c) --------------------------------------------------- */

#define xr_each_child(n, parent) \
	for (xmlNode *n = xmlFirstElementChild(parent); n; n = xmlNextElementSibling(n))

/* node is the element {ns}name (ns NULL: in no namespace) */
int xr_is(const xmlNode *node, const char *ns, const char *name);
/* Text content, malloc'ed. collapse: without leading and trailing white space, as XML Schema
 * reads xs:anyURI and numbers. */
char *xr_text(struct xs_call *c, xmlNode *node, int collapse);
/* The value of an element of a numeric type. */
long long xr_number(struct xs_call *c, xmlNode *node);
/* array, of n elements of size bytes, grown by one zeroed element; the same array when out of
 * memory (c->rc set). */
void *xr_grow(struct xs_call *c, void *array, size_t n, size_t size);
/* Appends a zeroed element to a malloc'ed array (array and n are the structure's members):
 * the new element, or NULL when out of memory. */
#define xr_append(c, array, n) \
	((array) = xr_grow((c), (array), (n), sizeof *(array)), (c)->rc ? NULL : &(array)[(n)++])
/* Appends the element's text to a malloc'ed array of strings. */
void xr_push(struct xs_call *c, char ***list, size_t *n, xmlNode *node, int collapse);
/* The element alone as XML text, malloc'ed, with the namespace declarations it needs. */
char *xr_dump(struct xs_call *c, xmlNode *node);

/* ---- building a tree (xml_tree.c); each helper does nothing once c->rc is set ----------------- */

/* A child element in the parent's namespace; NULL after a failure. */
xmlNode *xw_elem(struct xs_call *c, xmlNode *parent, const char *name);
/* A child element holding text; nothing when value is NULL. */
void xw_text(struct xs_call *c, xmlNode *parent, const char *name, const char *value);
void xw_number(struct xs_call *c, xmlNode *parent, const char *name, long long value);
/* xw_number, or nothing when value is SHDATA_ABSENT. */
void xw_opt(struct xs_call *c, xmlNode *parent, const char *name, int value);
/* The element that xml holds (read as xs_read() does, without schema) copied in as a child. */
void xw_fragment(struct xs_call *c, xmlNode *parent, const char *xml);

/* ---- Sh-Data pieces -------------------------------------------------------------------------- */

enum shloc { SHLOC_CS, SHLOC_PS, SHLOC_EPS };

/* CSLocationInformation, PSLocationInformation (struct sh_cs_ps_location) and
 * EPSLocationInformation (struct sh_eps_location), both ways (shdata_location.c). */
void *shloc_read(struct xs_call *c, xmlNode *node, enum shloc which);
void shloc_write(struct xs_call *c, xmlNode *parent, enum shloc which, const void *loc);

/* The tree of a Sh-Data document and struct sh_data, both ways (shdata_parse.c, shdata_write.c). */
void *shdata_read_tree(struct xs_call *c, xmlNode *root);
void shdata_write_tree(struct xs_call *c, xmlNode *root, const void *data);

/* Frees the n strings of list, and list (shdata_data.c). */
void shdata_free_strings(char **list, size_t n);

#endif
