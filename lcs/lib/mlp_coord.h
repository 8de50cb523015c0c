/* OMA MLP (Le) shapes and WGS84 coordinates as text. X is latitude, Y is longitude, both written
 * as DMSH "D MM SS.sssH" (MLP 3.5 §5.3.144/145), e.g. "30 16 28.308N". Distances in meters,
 * angles in degrees (the MLP defaults). */
#ifndef LCS_MLP_COORD_H
#define LCS_MLP_COORD_H

#include <stddef.h>

#define MLP_MAX_POINTS 15 /* what a GAD polygon can carry */

enum mlp_shape_kind {
	MLP_POINT,
	MLP_CIRCULAR_AREA,
	MLP_ELLIPTICAL_AREA,
	MLP_CIRCULAR_ARC_AREA,
	MLP_POLYGON,
};

struct mlp_coord {
	double lat, lon; /* degrees: X, Y */
};

/* One <shape> of a <pd>, with the <pd> elements that travel with it: alt, alt_unc, lev_conf. */
struct mlp_shape {
	enum mlp_shape_kind kind;
	struct mlp_coord coord; /* every kind but MLP_POLYGON */
	double radius; /* CircularArea */
	double angle, semi_major, semi_minor; /* EllipticalArea */
	double in_radius, out_radius, start_angle, stop_angle; /* CircularArcArea */
	struct mlp_coord points[MLP_MAX_POINTS]; /* Polygon outer ring, not closed */
	int n_points;
	int has_altitude, has_altitude_uncertainty;
	double altitude, altitude_uncertainty; /* alt (meters, negative = depth), alt_unc */
	int confidence; /* lev_conf in percent, -1 when absent */
};

/* Writes deg as DMSH text into buf. Returns the length written, or -1 when deg is out of range
 * (latitude -90..90, longitude -180..180), not a number, or buf is too small. */
int mlp_dms_format(double deg, int is_latitude, char *buf, size_t size);

/* Reads DMSH text: 1-3 degree digits, a space, two minute digits (00-59), a space, two second
 * digits (00-59) with an optional fraction, then N/S (latitude) or E/W (longitude), nothing
 * else. Returns 0, or -1 for anything else or a value out of range. */
int mlp_dms_parse(const char *text, int is_latitude, double *deg);

#endif
