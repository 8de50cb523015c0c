/* A UE's position now, in the scenario's GAD shape, centred on where the UE is. */
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

/* The HA ellipse, or ellipsoid, of the scenario's ha_ellipse; 0 when the GMLC does not read it
 * or the position does not fit it (an altitude beyond 16 km). */
static int high_accuracy(const struct scenario *s, const struct scenario_ue *ue, const struct waypoint *w,
			 const struct location_ask *ask, uint8_t *buf, size_t *len)
{
	struct gad_position g = { .shape = GAD_HA_POINT_UNCERTAINTY_ELLIPSE, .lat = w->lat, .lon = w->lon,
				  .semi_major_m = s->uncertainty_m, .semi_minor_m = s->uncertainty_m,
				  .confidence = s->confidence, .vertical_confidence = s->confidence };

	if (ask->vertical && ue->has_altitude) {
		g.shape = GAD_HA_POINT_ALTITUDE_ELLIPSOID;
		g.altitude_m = w->alt;
		g.uncertainty_altitude_m = s->altitude_uncertainty_m;
	}
	return (ask->gad_shapes & gad_supported_shape_bit(g.shape)) && !gad_encode(&g, buf, GAD_MAX_LEN, len);
}

int location_estimate(const struct scenario *s, const struct scenario_ue *ue, const struct location_ask *ask,
		      uint8_t *buf, size_t *len)
{
	struct waypoint w = where(s, ue);
	enum gad_shape shape = s->shape == GAD_HA_POINT_UNCERTAINTY_ELLIPSE ? GAD_POINT_UNCERTAINTY_ELLIPSE : s->shape;
	struct gad_position g = { .shape = shape, .lat = w.lat, .lon = w.lon, .confidence = s->confidence };

	if (s->shape == GAD_HA_POINT_UNCERTAINTY_ELLIPSE && high_accuracy(s, ue, &w, ask, buf, len))
		return 0;
	if (ask->vertical && ue->has_altitude) {
		g.shape = GAD_POINT_ALTITUDE_ELLIPSOID;
		g.altitude_m = w.alt;
		g.semi_major_m = g.semi_minor_m = s->uncertainty_m;
		g.uncertainty_altitude_m = s->altitude_uncertainty_m;
		return gad_encode(&g, buf, GAD_MAX_LEN, len) ? EINVAL : 0;
	}
	switch (shape) {
	case GAD_POINT_UNCERTAINTY_CIRCLE:
		g.uncertainty_m = s->uncertainty_m;
		break;
	case GAD_POINT_UNCERTAINTY_ELLIPSE:
		g.semi_major_m = g.semi_minor_m = s->uncertainty_m;
		break;
	case GAD_ELLIPSOID_ARC: /* a full ring of thickness uncertainty_m from the centre */
		g.uncertainty_m = s->uncertainty_m;
		g.included_angle_deg = 360;
		break;
	case GAD_POLYGON:
		square(&g, w.lat, w.lon, s->uncertainty_m);
		break;
	default:
		break;
	}
	return gad_encode(&g, buf, GAD_MAX_LEN, len) ? EINVAL : 0;
}

static int vertical_requested(struct avp *qos)
{
	int32_t vertical = 0;

	dk_get_i32(qos, mme_dict.vertical_requested, &vertical); /* absent: NOT_REQUESTED */
	return vertical == VERTICAL_REQUESTED;
}

int location_ask_of(struct msg *plr, struct location_ask *ask)
{
	struct avp *qos = NULL;

	ask->gad_shapes = 0;
	CHECK_FCT(dk_find(plr, mme_dict.lcs_qos, &qos));
	ask->vertical = qos && vertical_requested(qos);
	dk_get_u32(plr, mme_dict.supported_gad_shapes, &ask->gad_shapes); /* absent: left 0 */
	return 0;
}

int32_t location_accuracy_fulfilment(const struct scenario *s, const struct scenario_ue *ue, struct avp *qos)
{
	int vertical = vertical_requested(qos);
	/* with altitude, the horizontal part is a circle of uncertainty_m whatever the shape */
	double given = s->shape == GAD_POINT && !(vertical && ue->has_altitude) ? 0 : s->uncertainty_m;
	uint32_t code;

	if (vertical && (!ue->has_altitude ||
			 (!dk_get_u32(qos, mme_dict.vertical_accuracy, &code) &&
			  s->altitude_uncertainty_m > gad_altitude_uncertainty_m((int)(code & 0x7f)))))
		return 1;
	if (!dk_get_u32(qos, mme_dict.horizontal_accuracy, &code) && given > gad_uncertainty_m((int)(code & 0x7f)))
		return 1;
	return 0;
}
