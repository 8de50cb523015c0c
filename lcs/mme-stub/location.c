/* A UE's position now, in the scenario's GAD shape or the best one the GMLC reads, centred on
 * where the UE is. */
#include "mme_stub.h"

#include <math.h>

#define METERS_PER_DEGREE 111320.0 /* of latitude; of longitude at the equator */
#define VERTICAL_REQUESTED 1

static double elapsed_s(const struct scenario *s)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - s->start.tv_sec) + (now.tv_nsec - s->start.tv_nsec) / 1e9;
}

/* Linear interpolation along the trajectory, which starts again after its last point. */
static struct waypoint where(const struct scenario *s, const struct scenario_ue *ue)
{
	const struct waypoint *p = ue->path;
	double t;
	size_t i = 0;

	if (ue->npath == 1)
		return p[0];
	t = fmod(elapsed_s(s), p[ue->npath - 1].t);
	while (i + 2 < ue->npath && t >= p[i + 1].t)
		i++;
	double f = (t - p[i].t) / (p[i + 1].t - p[i].t);
	return (struct waypoint){ t, p[i].lat + f * (p[i + 1].lat - p[i].lat), p[i].lon + f * (p[i + 1].lon - p[i].lon),
				  p[i].alt + f * (p[i + 1].alt - p[i].alt) };
}

/* A square of half-side d meters around the point, clipped to valid coordinates. */
static void square(struct gad_position *g, double lat, double lon, double d)
{
	static const int corners[4][2] = { { 1, -1 }, { 1, 1 }, { -1, 1 }, { -1, -1 } };
	double dlat = d / METERS_PER_DEGREE;
	double dlon = d / (METERS_PER_DEGREE * fmax(cos(lat * M_PI / 180), 1e-6));

	g->n_points = 4;
	for (int i = 0; i < 4; i++) {
		g->points[i].lat = fmax(-90, fmin(90, lat + corners[i][0] * dlat));
		g->points[i].lon = fmax(-180, fmin(180, lon + corners[i][1] * dlon));
	}
}

/* The position in that shape, centred on w: uncertainty_m horizontally (a circle's radius, an
 * ellipse's semi-axes, a ring's thickness, a square's half-side), altitude_uncertainty_m up and
 * down, the scenario's confidence. */
static void in_shape(const struct scenario *s, const struct waypoint *w, enum gad_shape shape,
		     struct gad_position *g)
{
	*g = (struct gad_position){ .shape = shape, .lat = w->lat, .lon = w->lon, .confidence = s->confidence,
				    .vertical_confidence = s->confidence };
	switch (shape) {
	case GAD_POINT_UNCERTAINTY_CIRCLE:
		g->uncertainty_m = s->uncertainty_m;
		break;
	case GAD_POINT_ALTITUDE:
		g->altitude_m = w->alt;
		break;
	case GAD_POINT_ALTITUDE_ELLIPSOID:
	case GAD_HA_POINT_ALTITUDE_ELLIPSOID:
		g->altitude_m = w->alt;
		g->uncertainty_altitude_m = s->altitude_uncertainty_m;
		/* fall through */
	case GAD_POINT_UNCERTAINTY_ELLIPSE:
	case GAD_HA_POINT_UNCERTAINTY_ELLIPSE:
		g->semi_major_m = g->semi_minor_m = s->uncertainty_m;
		break;
	case GAD_ELLIPSOID_ARC: /* a full ring of thickness uncertainty_m from the centre */
		g->uncertainty_m = s->uncertainty_m;
		g->included_angle_deg = 360;
		break;
	case GAD_POLYGON:
		square(g, w->lat, w->lon, s->uncertainty_m);
		break;
	default:
		break;
	}
}

/* The shapes to answer in, best first: with the vertical position asked of a UE with an altitude,
 * the (HA) ellipsoid, then the point with altitude; then the scenario's shape (ha_ellipse: the HA
 * ellipse, then the ordinary one), then the others that carry the uncertainty, the point last. */
static size_t shapes_to_try(const struct scenario *s, const struct scenario_ue *ue, int vertical,
			    enum gad_shape *out)
{
	int ha = s->shape == GAD_HA_POINT_UNCERTAINTY_ELLIPSE;
	size_t n = 0;

	if (vertical && ue->has_altitude) {
		if (ha)
			out[n++] = GAD_HA_POINT_ALTITUDE_ELLIPSOID;
		out[n++] = GAD_POINT_ALTITUDE_ELLIPSOID;
		out[n++] = GAD_POINT_ALTITUDE;
	}
	out[n++] = s->shape;
	if (ha)
		out[n++] = GAD_POINT_UNCERTAINTY_ELLIPSE;
	out[n++] = GAD_POINT_UNCERTAINTY_CIRCLE;
	out[n++] = GAD_POINT_UNCERTAINTY_ELLIPSE;
	out[n++] = GAD_POLYGON;
	out[n++] = GAD_ELLIPSOID_ARC;
	out[n++] = GAD_POINT;
	return n;
}

/* A GMLC that lists no shapes reads every ordinary one, and no high-accuracy one. */
static int gmlc_reads(uint32_t gad_shapes, enum gad_shape shape)
{
	uint32_t bit = gad_supported_shape_bit(shape);

	return gad_shapes ? (gad_shapes & bit) != 0 : bit < gad_supported_shape_bit(GAD_HA_POINT_UNCERTAINTY_ELLIPSE);
}

/* The first of the n shapes the GMLC reads that carries the position (an HA shape does not carry
 * an altitude beyond 16 km); 0, or EINVAL when none does. */
static int encode_first(const struct scenario *s, const struct waypoint *w, const enum gad_shape *shapes, size_t n,
			uint32_t gad_shapes, uint8_t *buf, size_t *len)
{
	struct gad_position g;

	for (size_t i = 0; i < n; i++) {
		if (!gmlc_reads(gad_shapes, shapes[i]))
			continue;
		in_shape(s, w, shapes[i], &g);
		if (!gad_encode(&g, buf, GAD_MAX_LEN, len))
			return 0;
	}
	return EINVAL;
}

int location_estimate(const struct scenario *s, const struct scenario_ue *ue, const struct location_ask *ask,
		      uint8_t *buf, size_t *len)
{
	struct waypoint w = where(s, ue);
	enum gad_shape shapes[12];
	size_t n = shapes_to_try(s, ue, ask->vertical, shapes);

	if (!encode_first(s, &w, shapes, n, ask->gad_shapes, buf, len))
		return 0;
	/* a list without any shape that fits: answered as to a GMLC that lists none */
	LOG_N("mme_stub %s: no shape of Supported-GAD-Shapes 0x%x fits the position", mme_conf.name, ask->gad_shapes);
	return encode_first(s, &w, shapes, n, 0, buf, len);
}

int32_t location_fulfilment(const struct scenario *s, const struct scenario_ue *ue, const struct location_ask *ask)
{
	/* with altitude, the horizontal part is a circle of uncertainty_m whatever the shape */
	double given = s->shape == GAD_POINT && !(ask->vertical && ue->has_altitude) ? 0 : s->uncertainty_m;

	if (!ask->qos)
		return -1;
	if (ask->vertical && (!ue->has_altitude || (ask->vertical_accuracy >= 0 &&
						    s->altitude_uncertainty_m > gad_altitude_uncertainty_m(ask->vertical_accuracy))))
		return 1;
	return ask->horizontal_accuracy >= 0 && given > gad_uncertainty_m(ask->horizontal_accuracy);
}

/* An accuracy's uncertainty code (bits 6-0), or -1 when the LCS-QoS has none. */
static int accuracy_code(struct avp *qos, struct dict_object *model)
{
	uint32_t code;

	return dk_get_u32(qos, model, &code) ? -1 : (int)(code & 0x7f);
}

int location_ask_of(struct msg *plr, struct location_ask *ask)
{
	struct avp *qos = NULL;
	int32_t vertical = 0;

	*ask = (struct location_ask){ .horizontal_accuracy = -1, .vertical_accuracy = -1 };
	dk_get_u32(plr, mme_dict.supported_gad_shapes, &ask->gad_shapes); /* absent: left 0 */
	CHECK_FCT(dk_find(plr, mme_dict.lcs_qos, &qos));
	if (!qos)
		return 0;
	ask->qos = 1;
	dk_get_i32(qos, mme_dict.vertical_requested, &vertical); /* absent: NOT_REQUESTED */
	ask->vertical = vertical == VERTICAL_REQUESTED;
	ask->horizontal_accuracy = accuracy_code(qos, mme_dict.horizontal_accuracy);
	ask->vertical_accuracy = accuracy_code(qos, mme_dict.vertical_accuracy);
	return 0;
}
