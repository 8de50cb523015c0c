/* What the MLP codec's files share: one call's error state, the hardened reading and the checked
 * writing of documents (mlp_xml.c), the text of typed values (mlp_values.c) and shapes
 * (mlp_shape_xml.c). */
#ifndef LCS_MLP_INTERNAL_H
#define LCS_MLP_INTERNAL_H

#include <libxml/tree.h>
#include "mlp.h"

/* One call of the public API: its result id and the first message. */
struct mx_call {
	int rc;
	char *err;
	size_t errlen;
	xmlStructuredErrorFunc saved_handler;
	void *saved_ctx;
};

void mx_begin(struct mx_call *c, char *err, size_t errlen);
int mx_end(struct mx_call *c); /* restores libxml2's handler, returns c->rc */
/* Keeps the first failure: returns c->rc. */
int mx_fail(struct mx_call *c, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Reads xml: size, depth and DOCTYPE checks, parsing, the root's name (one of roots, a
 * NULL-terminated list), its version, validation against our DTD of that version. NULL with
 * c->rc set on failure. */
xmlDoc *mx_read(struct mx_call *c, const char *xml, size_t len, const char *const *roots,
		enum mlp_version *version);

/* A new document with root 'name' and its ver attribute (NULL, c->rc set, when out of memory). */
xmlDoc *mx_new_doc(struct mx_call *c, const char *name, enum mlp_version v);
/* Sets the ver of a message element (slir, slia, tlrep...) of version v: "3.0.0" in MLP 3.1,
 * whose message DTDs are MLP 3.0's and fix it so (MLP_SLIR_300; MLP_SVC_RESULT_310's slia, tlra,
 * tlrep, tlrsa...); the document's version in the others. */
void mx_set_message_ver(struct mx_call *c, xmlNode *message, enum mlp_version v);
/* Validates doc against our DTD of its version (106 SYNTAX ERROR when it is not), serializes it
 * and frees it. */
int mx_finish(struct mx_call *c, xmlDoc *doc, char **xml, size_t *len);

/* Tree access. Children are elements only; a missing one is NULL. */
xmlNode *mx_child(xmlNode *parent, const char *name);
xmlNode *mx_next(xmlNode *node, const char *name); /* the next sibling with that name */
/* The element's text, into buf (c->rc 110 when longer than size - 1). */
int mx_text(struct mx_call *c, xmlNode *node, char *buf, size_t size);
/* Index of attribute 'name' in names (NULL-terminated), def when absent, -1 (c->rc 111) when
 * the value is none of them. */
int mx_attr_enum(struct mx_call *c, xmlNode *node, const char *name, const char *const *names,
		 int def);
/* Adds an element with text (NULL: none), escaped. NULL with c->rc set when out of memory, or 110
 * INVALID PROTOCOL ELEMENT VALUE when the text is not UTF-8 XML characters (mx_set_attr too). */
xmlNode *mx_add(struct mx_call *c, xmlNode *parent, const char *name, const char *text);
void mx_set_attr(struct mx_call *c, xmlNode *node, const char *name, const char *value);
/* msid: its type attribute (MSISDN, the default, is not written) and its value. */
void mx_add_msid(struct mx_call *c, xmlNode *parent, const struct mlp_msid *m);
void mx_read_msid(struct mx_call *c, xmlNode *node, struct mlp_msid *m);

/* Values: each sets c->rc 110 and returns -1 for a text that is not one. */
extern const char *const mlp_msid_types[]; /* enum mlp_msid_type, NULL-terminated */
extern const char *const mlp_yes_no[]; /* "NO", "YES" */
extern const char *const mlp_true_false[]; /* "FALSE", "TRUE" */
int mx_long(struct mx_call *c, xmlNode *node, long min, long max, long *v);
int mx_double(struct mx_call *c, xmlNode *node, double min, double max, double *v);
int mx_time(struct mx_call *c, xmlNode *node, time_t *t); /* yyyyMMddhhmmss, utc_off */
int mx_interval(struct mx_call *c, xmlNode *node, long *seconds); /* ddhhmmss */
/* Writers of the same forms into buf; -1 (c->rc 110) for a value they cannot carry. */
int mx_format_time(struct mx_call *c, time_t t, char *buf, size_t size);
int mx_format_interval(struct mx_call *c, long seconds, char *buf, size_t size);
void mx_add_long(struct mx_call *c, xmlNode *parent, const char *name, long v);
void mx_add_double(struct mx_call *c, xmlNode *parent, const char *name, double v);

/* pd's shape and its alt, altitude uncertainty and lev_conf, in MLP version v: read from the pd
 * element, added to it. The altitude uncertainty is alt_acc in MLP 3.1 (MLP_LOC_310), alt_unc from
 * 3.4 on; 3.2's and 3.3's are not confirmed here: either is read, alt_unc is written. */
void mx_read_shape(struct mx_call *c, xmlNode *pd, enum mlp_version v, struct mlp_shape *s);
void mx_add_shape(struct mx_call *c, xmlNode *pd, enum mlp_version v, const struct mlp_shape *s);

#endif
