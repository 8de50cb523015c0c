/* The uncertainty circle of a GAD shape: what the proximity decision (geo.h) works on. Each shape
 * is replaced by a circle that holds all of it, so that a "near" or "not near" drawn from the
 * circles also holds for the shape (shared/specs/lcs.md §3.2). */
#include <math.h>

#include "gad.h"

/* geo_area takes a confidence strictly below 1: "100 %" is read as this. */
#define ALMOST_SURE 0.999

static double confidence_of(int percent)
{
	if (percent <= 0)
		return 0; /* no information: geo.h's default */
	return percent >= 100 ? ALMOST_SURE : percent / 100.0;
}

/* The vertices' mean (the polygons GAD carries are a few kilometres wide at most, where the mean
 * of the degrees is inside the polygon's hull) and the farthest vertex from it. */
static int polygon_area(const struct gad_position *p, struct geo_area *out)
{
	double lat = 0, lon = 0, far = 0;

	for (int i = 0; i < p->n_points; i++) {
		lat += p->points[i].lat;
		lon += p->points[i].lon;
	}
	out->centre.lat = lat / p->n_points;
	out->centre.lon = lon / p->n_points;
	for (int i = 0; i < p->n_points; i++) {
		struct geo_point v = { p->points[i].lat, p->points[i].lon };
		double d;

		if (geo_distance(&out->centre, &v, &d))
			return GAD_EINVAL;
		far = fmax(far, d);
	}
	out->radius = far;
	return 0;
}

int gad_area(const struct gad_position *p, struct geo_area *out)
{
	out->centre.lat = p->lat;
	out->centre.lon = p->lon;
	out->radius = 0;
	out->confidence = confidence_of(p->confidence);
	switch (p->shape) {
	case GAD_POINT:
	case GAD_POINT_ALTITUDE:
		break;
	case GAD_POINT_UNCERTAINTY_CIRCLE:
		out->radius = p->uncertainty_m;
		out->confidence = 0; /* the GAD circle has no confidence field */
		break;
	case GAD_POINT_UNCERTAINTY_ELLIPSE:
	case GAD_POINT_ALTITUDE_ELLIPSOID:
	case GAD_HA_POINT_UNCERTAINTY_ELLIPSE:
	case GAD_HA_POINT_ALTITUDE_ELLIPSOID:
	case GAD_HA_POINT_SCALABLE_ELLIPSE:
	case GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID:
		out->radius = p->semi_major_m;
		break;
	case GAD_ELLIPSOID_ARC:
		/* The whole disc of the outer radius: a sector of it is not a circle. */
		out->radius = p->inner_radius_m + p->uncertainty_m;
		break;
	case GAD_POLYGON:
		if (p->n_points < 3 || polygon_area(p, out))
			return GAD_EINVAL;
		out->confidence = 0;
		break;
	default:
		return GAD_EINVAL;
	}
	return geo_area_valid(out) ? 0 : GAD_EINVAL;
}
