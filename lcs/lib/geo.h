/* Geodesic distance on the WGS84 ellipsoid, and the proximity decision of a ProSe AS between two
 * positions known with a horizontal uncertainty (docs: shared/specs/lcs.md §3.2). */
#ifndef LCS_GEO_H
#define LCS_GEO_H

/* WGS84 (NIMA TR8350.2): semi-major axis in meters and flattening. */
#define GEO_WGS84_A 6378137.0
#define GEO_WGS84_F (1.0 / 298.257223563)

/* Confidence assumed when a shape carries none: the SLg accuracy confidence (TS 29.172 §7.4.7). */
#define GEO_DEFAULT_CONFIDENCE 0.67

/* Degrees: latitude in [-90, 90], longitude in [-180, 180]. */
struct geo_point {
	double lat;
	double lon;
};

/* A position with a horizontal uncertainty circle: radius in meters (0 if exact), and the
 * probability that the true position lies inside it, in (0, 1); 0 means unknown, taken as
 * GEO_DEFAULT_CONFIDENCE. */
struct geo_area {
	struct geo_point centre;
	double radius;
	double confidence;
};

/* Whether lat and lon are finite and in range. */
int geo_point_valid(const struct geo_point *p);

enum geo_proximity { GEO_NEAR, GEO_NOT_NEAR, GEO_CANNOT_TELL };

/* Length in meters of the shortest geodesic between a and b on WGS84 (Vincenty's inverse
 * formula, with a bisection on the azimuth when it does not converge near antipodal points).
 * Returns 0, or -EINVAL when a point is out of range or not finite (*meters is then unchanged). */
int geo_distance(const struct geo_point *a, const struct geo_point *b, double *meters);

/* GEO_NEAR when the two areas are within range_m of each other wherever the UEs are inside their
 * circles (d + r1 + r2 <= range_m), GEO_NOT_NEAR when they cannot be (d - r1 - r2 > range_m),
 * GEO_CANNOT_TELL otherwise, and also when an input is invalid (see geo_area_valid). */
enum geo_proximity geo_proximity(const struct geo_area *a, const struct geo_area *b, double range_m);

/* Probability that the two UEs are within range_m of each other, each position being circular
 * Gaussian with sigma = radius / sqrt(-2 ln(1 - confidence)): 1 - Q1(d / sigma, range_m / sigma)
 * with sigma^2 = sigma1^2 + sigma2^2. Absolute error below 1e-9. Returns -1 when an input is
 * invalid. */
double geo_probability_near(const struct geo_area *a, const struct geo_area *b, double range_m);

/* Widens the uncertainty of a position of the given age (seconds) for a UE moving at up to
 * speed (m/s): radius += speed * age. Returns 0, or -EINVAL (area unchanged) when speed or age is
 * negative or not finite, or the area is invalid. */
int geo_area_widen(struct geo_area *area, double speed, double age);

/* Whether the point is in range, the radius finite and >= 0, and the confidence 0 or in (0, 1). */
int geo_area_valid(const struct geo_area *area);

#endif
