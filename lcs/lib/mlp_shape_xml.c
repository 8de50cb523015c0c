/* The shape of a pd (Point, CircularArea, EllipticalArea, CircularArcArea, Polygon) with its
 * alt, alt_unc and lev_conf, in WGS84 with DMSH coordinates, meters and degrees. */
#include <string.h>

#include "mlp_internal.h"

#define SRS_WGS84 "www.epsg.org#4326"

static const char *const shape_names[] = {
	[MLP_POINT] = "Point", [MLP_CIRCULAR_AREA] = "CircularArea",
	[MLP_ELLIPTICAL_AREA] = "EllipticalArea", [MLP_CIRCULAR_ARC_AREA] = "CircularArcArea",
	[MLP_POLYGON] = "Polygon",
};

/* ---- reading ------------------------------------------------------------------------------- */

static void read_coord(struct mx_call *c, xmlNode *coord, struct mlp_coord *out)
{
	char x[32], y[32];

	if (mx_text(c, mx_child(coord, "X"), x, sizeof x) ||
	    mx_text(c, mx_child(coord, "Y"), y, sizeof y))
		return;
	if (mlp_dms_parse(x, 1, &out->lat) || mlp_dms_parse(y, 0, &out->lon))
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "coord \"%s\" \"%s\"", x, y);
}

/* Only the MLP defaults: a value in another unit would be read wrong. */
static void check_unit(struct mx_call *c, xmlNode *shape, const char *name, const char *unit)
{
	char text[32];
	xmlNode *n = mx_child(shape, name);

	if (n && !mx_text(c, n, text, sizeof text) && strcmp(text, unit))
		mx_fail(c, MLP_PROTOCOL_ELEMENT_VALUE_NOT_SUPPORTED, "%s %.20s", name, text);
}

static void read_polygon(struct mx_call *c, xmlNode *polygon, struct mlp_shape *s)
{
	xmlNode *ring = mx_child(mx_child(polygon, "outerBoundaryIs"), "LinearRing");
	struct mlp_coord points[MLP_MAX_POINTS + 1];
	int n = 0;

	for (xmlNode *coord = mx_child(ring, "coord"); coord && !c->rc; coord = mx_next(coord, "coord")) {
		if (n == MLP_MAX_POINTS + 1) {
			mx_fail(c, MLP_TOO_MANY_POSITION_ITEMS, "a polygon of over %d points",
				MLP_MAX_POINTS);
			return;
		}
		read_coord(c, coord, &points[n++]);
	}
	/* A GML ring is closed by repeating its first point; ours are not. */
	if (n > 3 && !memcmp(&points[0], &points[n - 1], sizeof points[0]))
		n--;
	if (!c->rc && n > MLP_MAX_POINTS)
		mx_fail(c, MLP_TOO_MANY_POSITION_ITEMS, "a polygon of over %d points", MLP_MAX_POINTS);
	if (c->rc)
		return;
	memcpy(s->points, points, (size_t)n * sizeof points[0]);
	s->n_points = n;
}

/* The altitude's uncertainty in a pd of version v (mlp_internal.h). */
static xmlNode *altitude_uncertainty(struct mx_call *c, xmlNode *pd, enum mlp_version v)
{
	xmlNode *unc = mx_child(pd, "alt_unc");

	if (unc && v == MLP_V3_1)
		mx_fail(c, MLP_SYNTAX_ERROR, "MLP 3.1's pd has alt_acc, not alt_unc");
	return unc ? unc : mx_child(pd, "alt_acc"); /* which the DTDs of 3.4 and 3.5 refuse in pd */
}

void mx_read_shape(struct mx_call *c, xmlNode *pd, enum mlp_version v, struct mlp_shape *s)
{
	xmlNode *shape = mx_child(pd, "shape"), *e = NULL, *n;
	long conf;

	memset(s, 0, sizeof *s);
	s->confidence = -1;
	for (int k = MLP_POINT; k <= MLP_POLYGON && !e; k++)
		if ((e = mx_child(shape, shape_names[k])))
			s->kind = k;
	if (!e) {
		mx_fail(c, MLP_SYNTAX_ERROR, "no shape");
		return;
	}
	if (s->kind != MLP_POLYGON)
		read_coord(c, mx_child(e, "coord"), &s->coord);
	switch (s->kind) {
	case MLP_CIRCULAR_AREA:
		mx_double(c, mx_child(e, "radius"), 0, 1e8, &s->radius);
		break;
	case MLP_ELLIPTICAL_AREA:
		mx_double(c, mx_child(e, "angle"), 0, 360, &s->angle);
		mx_double(c, mx_child(e, "semiMajor"), 0, 1e8, &s->semi_major);
		mx_double(c, mx_child(e, "semiMinor"), 0, 1e8, &s->semi_minor);
		break;
	case MLP_CIRCULAR_ARC_AREA:
		mx_double(c, mx_child(e, "inRadius"), 0, 1e8, &s->in_radius);
		mx_double(c, mx_child(e, "outRadius"), 0, 1e8, &s->out_radius);
		mx_double(c, mx_child(e, "startAngle"), 0, 360, &s->start_angle);
		mx_double(c, mx_child(e, "stopAngle"), 0, 720, &s->stop_angle);
		break;
	case MLP_POLYGON:
		read_polygon(c, e, s);
		break;
	case MLP_POINT:
		break;
	}
	check_unit(c, e, "distanceUnit", "meter");
	check_unit(c, e, "angularUnit", "Degrees");
	if ((n = mx_child(pd, "alt")))
		s->has_altitude = !mx_double(c, n, -1e5, 1e5, &s->altitude);
	if ((n = altitude_uncertainty(c, pd, v)))
		s->has_altitude_uncertainty = !mx_double(c, n, 0, 1e5, &s->altitude_uncertainty);
	if ((n = mx_child(pd, "lev_conf")) && !mx_long(c, n, 0, 100, &conf))
		s->confidence = (int)conf;
}

/* ---- writing ------------------------------------------------------------------------------- */

static void add_coord(struct mx_call *c, xmlNode *parent, const struct mlp_coord *p)
{
	char x[32], y[32];
	xmlNode *coord;

	if (mlp_dms_format(p->lat, 1, x, sizeof x) < 0 || mlp_dms_format(p->lon, 0, y, sizeof y) < 0) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "coordinates %g %g", p->lat, p->lon);
		return;
	}
	if ((coord = mx_add(c, parent, "coord", NULL))) {
		mx_add(c, coord, "X", x);
		mx_add(c, coord, "Y", y);
	}
}

static void add_polygon(struct mx_call *c, xmlNode *polygon, const struct mlp_shape *s)
{
	xmlNode *outer = mx_add(c, polygon, "outerBoundaryIs", NULL);
	xmlNode *ring = outer ? mx_add(c, outer, "LinearRing", NULL) : NULL;

	if (s->n_points < 3 || s->n_points > MLP_MAX_POINTS) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "a polygon of %d points", s->n_points);
		return;
	}
	for (int i = 0; ring && i <= s->n_points; i++)
		add_coord(c, ring, &s->points[i % s->n_points]); /* closed: the first point again */
}

void mx_add_shape(struct mx_call *c, xmlNode *pd, enum mlp_version v, const struct mlp_shape *s)
{
	xmlNode *shape = mx_add(c, pd, "shape", NULL), *e;

	if (s->kind < MLP_POINT || s->kind > MLP_POLYGON) {
		mx_fail(c, MLP_INVALID_PROTOCOL_ELEMENT_VALUE, "shape kind %d", (int)s->kind);
		return;
	}
	if (!shape || !(e = mx_add(c, shape, shape_names[s->kind], NULL)))
		return;
	mx_set_attr(c, e, "srsName", SRS_WGS84);
	if (s->kind != MLP_POLYGON)
		add_coord(c, e, &s->coord);
	switch (s->kind) {
	case MLP_CIRCULAR_AREA:
		mx_add_double(c, e, "radius", s->radius);
		break;
	case MLP_ELLIPTICAL_AREA:
		mx_add_double(c, e, "angle", s->angle);
		mx_add_double(c, e, "semiMajor", s->semi_major);
		mx_add_double(c, e, "semiMinor", s->semi_minor);
		break;
	case MLP_CIRCULAR_ARC_AREA:
		mx_add_double(c, e, "inRadius", s->in_radius);
		mx_add_double(c, e, "outRadius", s->out_radius);
		mx_add_double(c, e, "startAngle", s->start_angle);
		mx_add_double(c, e, "stopAngle", s->stop_angle);
		break;
	case MLP_POLYGON:
		add_polygon(c, e, s);
		break;
	case MLP_POINT:
		break;
	}
	if (s->has_altitude) {
		mx_add_double(c, pd, "alt", s->altitude);
		if (s->has_altitude_uncertainty)
			mx_add_double(c, pd, v == MLP_V3_1 ? "alt_acc" : "alt_unc", s->altitude_uncertainty);
	}
	if (s->confidence >= 0)
		mx_add_long(c, pd, "lev_conf", s->confidence);
}
