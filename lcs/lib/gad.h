/* TS 23.032 GAD (Universal Geographical Area Description) shapes, as carried in SLg
 * Location-Estimate (1242), and their conversion to and from OMA MLP shapes.
 *
 * Coordinates are WGS84 degrees (north and east positive), distances meters, angles degrees
 * clockwise from north. Of the high-accuracy shapes (codes 11-14, 32-bit coordinates and
 * uncertainties of 6 mm to 46 m), the scalable ones (13, 14) are read and written in their default
 * uncertainty range only: the coding of their extended range is not confirmed (lcs.md §3.1). */
#ifndef LCS_GAD_H
#define LCS_GAD_H

#include <stddef.h>
#include <stdint.h>
#include "geo.h"
#include "mlp_coord.h"

#define GAD_EINVAL (-1) /* malformed, unsupported or out-of-range input */
#define GAD_ENOSPC (-2) /* output buffer too small */

#define GAD_MAX_POINTS 15
#define GAD_MAX_LEN (1 + 6 * GAD_MAX_POINTS) /* the longest shape: a 15-point polygon */

/* Type of Shape: the high nibble of octet 1. */
enum gad_shape {
	GAD_POINT = 0,
	GAD_POINT_UNCERTAINTY_CIRCLE = 1,
	GAD_POINT_UNCERTAINTY_ELLIPSE = 3,
	GAD_POLYGON = 5,
	GAD_POINT_ALTITUDE = 8,
	GAD_POINT_ALTITUDE_ELLIPSOID = 9,
	GAD_ELLIPSOID_ARC = 10,
	GAD_HA_POINT_UNCERTAINTY_ELLIPSE = 11,
	GAD_HA_POINT_ALTITUDE_ELLIPSOID = 12,
	GAD_HA_POINT_SCALABLE_ELLIPSE = 13,
	GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID = 14,
};

struct gad_point {
	double lat, lon;
};

/* A decoded shape. Only the fields of 'shape' are meaningful. */
struct gad_position {
	enum gad_shape shape;
	double lat, lon; /* every shape but GAD_POLYGON */
	double uncertainty_m; /* circle; arc (its radial thickness) */
	double semi_major_m, semi_minor_m, orientation_deg; /* ellipse, ellipsoid (and HA ones) */
	double inner_radius_m, offset_angle_deg, included_angle_deg; /* arc */
	double altitude_m; /* altitude shapes: negative = depth */
	double uncertainty_altitude_m; /* ellipsoid */
	/* ellipse, ellipsoid, arc (the horizontal one of the HA ellipsoids): percent 1..100, or -1
	 * for no information */
	int confidence;
	int vertical_confidence; /* HA ellipsoids, as confidence */
	struct gad_point points[GAD_MAX_POINTS]; /* polygon */
	int n_points;
};

/* Supported-GAD-Shapes (SLg, TS 29.172 §7.4.12) numbers shapes by bit, not by code: 0 to 6 the
 * ordinary shapes in code order (point, circle, ellipse, polygon, point with altitude,
 * ellipsoid, arc), 7 to 10 the high-accuracy ones. The bit of a shape (0 for an unknown code),
 * and the shapes this codec reads in full: all but the scalable ones (their extended range). */
uint32_t gad_supported_shape_bit(enum gad_shape shape);
#define GAD_SHAPES_READ 0x1ffu

/* Decodes one shape that fills buf exactly. Returns 0, or GAD_EINVAL when the shape code is
 * unknown, the length is wrong for the shape, a polygon has not 3..15 points, an angle octet
 * holds a value the spec does not use, or a scalable shape uses its extended range. */
int gad_decode(const uint8_t *buf, size_t len, struct gad_position *out);

/* Encodes p into buf (GAD_MAX_LEN is always enough) and sets *len. Coordinates and angles are
 * truncated as the spec's "N <= f(X) < N+1" rules say, uncertainties take the smallest code
 * whose value is at least the given one, so decoding gives back each value within one step.
 * Returns 0, GAD_ENOSPC, or GAD_EINVAL for a value out of range (for the HA shapes, an
 * uncertainty above gad_ha_uncertainty_m(255), 46.49 m, or an altitude beyond 16 km). */
int gad_encode(const struct gad_position *p, uint8_t *buf, size_t size, size_t *len);

/* Uncertainty code K (0..127) <-> meters: r = 10 * (1.1^K - 1). The code is the smallest K with
 * r >= meters, 127 for anything larger; GAD_EINVAL for a negative value or NaN. */
double gad_uncertainty_m(int k);
int gad_uncertainty_code(double meters);
/* The largest K with r <= meters (127 for anything larger), GAD_EINVAL as above: the code of a
 * requested accuracy (SLg Horizontal-Accuracy), where meters is the largest acceptable
 * uncertainty, so the code must not ask for less. */
int gad_uncertainty_code_within(double meters);

/* The same for the altitude uncertainty: h = 45 * (1.025^K - 1) (SLg Vertical-Accuracy). */
double gad_altitude_uncertainty_m(int k);
int gad_altitude_uncertainty_code(double meters);
int gad_altitude_uncertainty_code_within(double meters);

/* The high-accuracy uncertainty code K (0..255) <-> meters: r = 0.3 * (1.02^K - 1), for the
 * axes and the altitude alike. The code is the smallest K with r >= meters; GAD_EINVAL for a
 * negative value, NaN, or more than K = 255 gives. */
double gad_ha_uncertainty_m(int k);
int gad_ha_uncertainty_code(double meters);

/* GAD -> MLP: circle -> CircularArea, ellipse -> EllipticalArea, ellipsoid -> EllipticalArea
 * with alt/alt_unc, point with altitude -> Point with alt, arc -> CircularArcArea (outRadius =
 * inner + uncertainty, stopAngle = offset + included, modulo 360), polygon -> Polygon; the HA
 * shapes as their ordinary counterparts (MLP has one lev_conf: an HA ellipsoid's horizontal
 * confidence). Returns 0 or GAD_EINVAL. */
int gad_to_mlp(const struct gad_position *p, struct mlp_shape *out);

/* MLP -> GAD, the inverse. A polygon ring closed by repeating its first point is accepted.
 * Returns GAD_EINVAL for what GAD cannot carry (an altitude on an area other than an ellipse,
 * more than 15 points, an arc whose outRadius is below its inRadius). A CircularArea's
 * lev_conf is lost: the GAD circle has no confidence field. */
int gad_from_mlp(const struct mlp_shape *m, struct gad_position *out);

/* The circle holding the whole shape, for the proximity decision: its centre (a polygon's: the
 * mean of its vertices) and radius (circle: the uncertainty; ellipse: the semi-major axis; arc:
 * the outer radius around the arc's origin; polygon: the farthest vertex; points: 0), with the
 * shape's confidence (none for circles and polygons). Returns 0 or GAD_EINVAL. */
int gad_area(const struct gad_position *p, struct geo_area *out);

#endif
