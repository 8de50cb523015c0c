/* CSLocationInformation, PSLocationInformation and EPSLocationInformation (TS 29.328 §7.6.6), in
 * both directions. Each is a flat sequence of optional values: a table per element lists them in
 * the schema's order with the structure member each one goes to, and one reader and one writer
 * walk the tables. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "shdata_internal.h"

enum kind {
	TEXT,      /* char *, the element's text */
	ISDN,      /* char *, the text of the element's Address (tISDNAddress) */
	NUMBER,    /* int, SHDATA_ABSENT when absent */
	RETRIEVED, /* int: 0 is CurrentLocationRetrieved "true" (TS 29.329 Current-Location-Retrieved
	            * 0 ACTIVE_LOCATION_RETRIEVAL); "false" reads as absent */
	EXTENSION, /* an Extension element holding the fields of sub, of the same structure */
};

struct field {
	const char *name;
	enum kind kind;
	size_t offset;
	const struct field *sub;
};

#define CSPS(member) offsetof(struct sh_cs_ps_location, member)
#define EPS(member) offsetof(struct sh_eps_location, member)

/* LocationNumber, the CS Extension (CSG, E-UTRAN cell, time zone) and the PS Extension are not
 * modelled, nor UserCSGInformation and LocalTimeZone in EPS. */
static const struct field cs_fields[] = {
	{ "CellGlobalId", TEXT, CSPS(cell_global_id), NULL },
	{ "ServiceAreaId", TEXT, CSPS(service_area_id), NULL },
	{ "LocationAreaId", TEXT, CSPS(location_area_id), NULL },
	{ "GeographicalInformation", TEXT, CSPS(geographical_information), NULL },
	{ "GeodeticInformation", TEXT, CSPS(geodetic_information), NULL },
	{ "VLRNumber", ISDN, CSPS(vlr_or_sgsn_number), NULL },
	{ "MSCNumber", ISDN, CSPS(msc_number), NULL },
	{ "CurrentLocationRetrieved", RETRIEVED, CSPS(current_location_retrieved), NULL },
	{ "AgeOfLocationInformation", NUMBER, CSPS(age_of_location_information), NULL },
	{ NULL, TEXT, 0, NULL },
};

static const struct field ps_fields[] = {
	{ "CellGlobalId", TEXT, CSPS(cell_global_id), NULL },
	{ "ServiceAreaId", TEXT, CSPS(service_area_id), NULL },
	{ "LocationAreaId", TEXT, CSPS(location_area_id), NULL },
	{ "RoutingAreaId", TEXT, CSPS(routing_area_id), NULL },
	{ "GeographicalInformation", TEXT, CSPS(geographical_information), NULL },
	{ "GeodeticInformation", TEXT, CSPS(geodetic_information), NULL },
	{ "SGSNNumber", ISDN, CSPS(vlr_or_sgsn_number), NULL },
	{ "CurrentLocationRetrieved", RETRIEVED, CSPS(current_location_retrieved), NULL },
	{ "AgeOfLocationInformation", NUMBER, CSPS(age_of_location_information), NULL },
	{ NULL, TEXT, 0, NULL },
};

static const struct field eps_extension_fields[] = {
	{ "VisitedPLMNID", TEXT, EPS(visited_plmn_id), NULL },
	{ NULL, TEXT, 0, NULL },
};

static const struct field eps_fields[] = {
	{ "E-UTRANCellGlobalId", TEXT, EPS(e_utran_cell_global_id), NULL },
	{ "TrackingAreaId", TEXT, EPS(tracking_area_id), NULL },
	{ "GeographicalInformation", TEXT, EPS(geographical_information), NULL },
	{ "GeodeticInformation", TEXT, EPS(geodetic_information), NULL },
	{ "MMEName", TEXT, EPS(mme_name), NULL },
	{ "CurrentLocationRetrieved", RETRIEVED, EPS(current_location_retrieved), NULL },
	{ "AgeOfLocationInformation", NUMBER, EPS(age_of_location_information), NULL },
	{ "Extension", EXTENSION, 0, eps_extension_fields },
	{ NULL, TEXT, 0, NULL },
};

static const struct {
	const char *element;
	const struct field *fields;
	size_t size;
	size_t retrieved, age; /* the int members, SHDATA_ABSENT in a new structure */
} locations[] = {
	[SHLOC_CS] = { "CSLocationInformation", cs_fields, sizeof(struct sh_cs_ps_location),
		       CSPS(current_location_retrieved), CSPS(age_of_location_information) },
	[SHLOC_PS] = { "PSLocationInformation", ps_fields, sizeof(struct sh_cs_ps_location),
		       CSPS(current_location_retrieved), CSPS(age_of_location_information) },
	[SHLOC_EPS] = { "EPSLocationInformation", eps_fields, sizeof(struct sh_eps_location),
			EPS(current_location_retrieved), EPS(age_of_location_information) },
};

/* Where a field's value is, to set it (reading) and to get it (writing). */
static char **text_at(void *obj, const struct field *f)
{
	return (char **)((char *)obj + f->offset);
}

static int *int_at(void *obj, size_t offset)
{
	return (int *)((char *)obj + offset);
}

static const char *text_of(const void *obj, const struct field *f)
{
	return *(char *const *)((const char *)obj + f->offset);
}

static int int_of(const void *obj, const struct field *f)
{
	return *(const int *)((const char *)obj + f->offset);
}

/* ---- reading ------------------------------------------------------------------------------ */

static int is(const xmlNode *node, const char *name)
{
	return xr_is(node, NULL, name);
}

static int retrieved(struct xs_call *c, xmlNode *node)
{
	char *text = xr_text(c, node, 1);
	int value = text && (!strcmp(text, "true") || !strcmp(text, "1")) ? 0 : SHDATA_ABSENT;

	free(text);
	return value;
}

static void read_fields(struct xs_call *c, xmlNode *node, const struct field *fields, void *obj)
{
	xr_each_child(n, node) {
		for (const struct field *f = fields; f->name; f++) {
			if (!is(n, f->name))
				continue;
			if (f->kind == TEXT)
				*text_at(obj, f) = xr_text(c, n, 0);
			else if (f->kind == ISDN) /* Address, the first child of tISDNAddress */
				*text_at(obj, f) = xr_text(c, xmlFirstElementChild(n), 0);
			else if (f->kind == NUMBER)
				*int_at(obj, f->offset) = (int)xr_number(c, n);
			else if (f->kind == RETRIEVED)
				*int_at(obj, f->offset) = retrieved(c, n);
			else
				read_fields(c, n, f->sub, obj);
		}
	}
}

void *shloc_read(struct xs_call *c, xmlNode *node, enum shloc which)
{
	void *loc;

	if (c->rc)
		return NULL;
	if (!(loc = calloc(1, locations[which].size)))
		return xs_nomem(c);
	*int_at(loc, locations[which].retrieved) = SHDATA_ABSENT;
	*int_at(loc, locations[which].age) = SHDATA_ABSENT;
	read_fields(c, node, locations[which].fields, loc);
	return loc;
}

/* ---- writing ------------------------------------------------------------------------------ */

static int present(const struct field *f, const void *obj)
{
	if (f->kind == TEXT || f->kind == ISDN)
		return text_of(obj, f) != NULL;
	if (f->kind == NUMBER || f->kind == RETRIEVED)
		return int_of(obj, f) != SHDATA_ABSENT;
	for (const struct field *sub = f->sub; sub->name; sub++)
		if (present(sub, obj))
			return 1;
	return 0;
}

static void write_fields(struct xs_call *c, xmlNode *parent, const struct field *fields, const void *obj)
{
	for (const struct field *f = fields; f->name; f++) {
		if (!present(f, obj))
			continue;
		if (f->kind == TEXT)
			xw_text(c, parent, f->name, text_of(obj, f));
		else if (f->kind == ISDN)
			xw_text(c, xw_elem(c, parent, f->name), "Address", text_of(obj, f));
		else if (f->kind == NUMBER)
			xw_number(c, parent, f->name, int_of(obj, f));
		else if (f->kind == RETRIEVED && int_of(obj, f) == 0)
			xw_text(c, parent, f->name, "true");
		else if (f->kind == RETRIEVED)
			xs_fail(c, SHDATA_EINVALID, 0, "%s: 0 or SHDATA_ABSENT only", f->name);
		else
			write_fields(c, xw_elem(c, parent, f->name), f->sub, obj);
	}
}

/* struct sh_cs_ps_location serves both domains; what only the other one has is refused rather
 * than dropped. */
static int foreign_member(enum shloc which, const void *loc)
{
	const struct sh_cs_ps_location *csps = loc;

	return (which == SHLOC_CS && csps->routing_area_id) || (which == SHLOC_PS && csps->msc_number);
}

void shloc_write(struct xs_call *c, xmlNode *parent, enum shloc which, const void *loc)
{
	if (foreign_member(which, loc))
		xs_fail(c, SHDATA_EINVALID, 0, "%s: RoutingAreaId is PS only, MSCNumber CS only",
			locations[which].element);
	write_fields(c, xw_elem(c, parent, locations[which].element), locations[which].fields, loc);
}
