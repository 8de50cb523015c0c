/* Inverse geodesic problem on WGS84. Vincenty's iteration (Survey Review 23(176), 1975) on the
 * longitude of the auxiliary sphere answers everywhere but near antipodal points, where it
 * oscillates or leaves [-pi, pi]. There the azimuth at the first point is found by bisection
 * instead: with the points put in the canonical order of Karney (J. Geodesy 87, 2013, §4), the
 * longitude reached at the second latitude grows monotonically from 0 to pi as the azimuth goes
 * from 0 to pi, so bisection always converges. Both use Vincenty's series for the longitude
 * correction and the length, good to about 0.1 mm. */
#include <errno.h>
#include <math.h>
#include "geo.h"

#define F GEO_WGS84_F
#define A GEO_WGS84_A
#define B (GEO_WGS84_A * (1 - GEO_WGS84_F))
#define DEG (M_PI / 180)
/* About 0.06 mm of longitude; the slow cases near antipodes need more iterations than this
 * limit, and the bisection serves them. */
#define VINCENTY_TOLERANCE 1e-12
#define VINCENTY_MAX_ITERATIONS 100
/* Halvings of [0, pi] to reach the resolution of a double. */
#define BISECTIONS 60

/* Sines and cosines of the reduced latitudes, tan(beta) = (1 - f) tan(phi). */
struct reduced {
	double s1, c1, s2, c2;
};

int geo_point_valid(const struct geo_point *p)
{
	/* NaN fails every comparison, infinities the bounds */
	return p->lat >= -90 && p->lat <= 90 && p->lon >= -180 && p->lon <= 180;
}

static void reduce(double lat, double *s, double *c)
{
	double sb = (1 - F) * sin(lat * DEG), cb = cos(lat * DEG);
	double n = hypot(sb, cb);

	*s = sb / n;
	*c = cb / n;
}

/* Longitude on the ellipsoid minus longitude on the auxiliary sphere, over the arc sigma of a
 * geodesic with equatorial azimuth alpha (sin, cos^2), 2 sigma_m measured from the node. */
static double lon_correction(double sa, double c2a, double sigma, double c2sm)
{
	double c = F / 16 * c2a * (4 + F * (4 - 3 * c2a));

	return (1 - c) * F * sa *
	       (sigma + c * sin(sigma) * (c2sm + c * cos(sigma) * (-1 + 2 * c2sm * c2sm)));
}

/* Length on the ellipsoid of the arc sigma of the auxiliary sphere, same parameters. */
static double arc_length(double c2a, double sigma, double c2sm)
{
	double u2 = c2a * (A * A - B * B) / (B * B);
	double a = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
	double b = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
	double ss = sin(sigma), cs = cos(sigma);
	double ds = b * ss * (c2sm + b / 4 * (cs * (-1 + 2 * c2sm * c2sm) -
					      b / 6 * c2sm * (-3 + 4 * ss * ss) * (-3 + 4 * c2sm * c2sm)));

	return B * a * (sigma - ds);
}

/* Vincenty's iteration for the longitude difference l in [0, pi]. Returns 0 with *s set, or -1
 * when it does not converge. */
static int vincenty(const struct reduced *u, double l, double *s)
{
	double lambda = l;

	for (int i = 0; i < VINCENTY_MAX_ITERATIONS; i++) {
		double sl = sin(lambda), cl = cos(lambda);
		double ss = hypot(u->c2 * sl, u->c1 * u->s2 - u->s1 * u->c2 * cl);
		double cs = u->s1 * u->s2 + u->c1 * u->c2 * cl;

		if (ss == 0) {
			/* the same point, or exactly antipodal ones, where the azimuth is undefined */
			*s = 0;
			return cs > 0 ? 0 : -1;
		}
		double sigma = atan2(ss, cs);
		double sa = u->c1 * u->c2 * sl / ss;
		double c2a = 1 - sa * sa;
		/* on the equator (c2a == 0) the term does not matter: it is multiplied by c2a */
		double c2sm = c2a != 0 ? cs - 2 * u->s1 * u->s2 / c2a : 0;
		double previous = lambda;

		lambda = l + lon_correction(sa, c2a, sigma, c2sm);
		if (fabs(lambda) > M_PI)
			return -1;
		if (fabs(lambda - previous) < VINCENTY_TOLERANCE) {
			*s = arc_length(c2a, sigma, c2sm);
			return 0;
		}
	}
	return -1;
}

/* Follows the geodesic leaving point 1 with azimuth alpha1 in [0, pi] up to its first crossing
 * of latitude 2 heading north; returns the longitude gained, and its length in *s. Needs the
 * canonical order: s1 < 0 and |s2| <= -s1. */
static double longitude_reached(const struct reduced *u, double alpha1, double *s)
{
	double sa1 = sin(alpha1), ca1 = cos(alpha1);
	double sa0 = sa1 * u->c1; /* Clairaut's constant */
	double c2a0 = ca1 * ca1 + sa1 * sa1 * u->s1 * u->s1;
	/* cos(alpha2) cos(beta2) >= 0 from Clairaut's relation; cos^2 b2 - cos^2 b1 written as
	 * (s1 - s2)(s1 + s2) keeps its precision */
	double ca2c2 = sqrt(fmax(0, ca1 * ca1 * u->c1 * u->c1 + (u->s1 - u->s2) * (u->s1 + u->s2)));
	/* arcs and longitudes on the auxiliary sphere, counted from the northward node */
	double sigma1 = atan2(u->s1, ca1 * u->c1), sigma2 = atan2(u->s2, ca2c2);
	double omega1 = atan2(sa0 * u->s1, ca1 * u->c1), omega2 = atan2(sa0 * u->s2, ca2c2);
	double c2sm = cos(sigma1 + sigma2);

	*s = arc_length(c2a0, sigma2 - sigma1, c2sm);
	return omega2 - omega1 - lon_correction(sa0, c2a0, sigma2 - sigma1, c2sm);
}

/* The fallback for longitude differences l in [0, pi] where Vincenty does not converge. */
static double bisection(struct reduced u, double l)
{
	double lo = 0, hi = M_PI, s;

	/* the canonical order; swapping the points or mirroring in the equator keeps the length */
	if (fabs(u.s1) < fabs(u.s2))
		u = (struct reduced){ u.s2, u.c2, u.s1, u.c1 };
	if (u.s1 > 0) {
		u.s1 = -u.s1;
		u.s2 = -u.s2;
	}
	if (u.s1 == 0) /* both on the equator: start just south of it so that sigma1 is -pi, not pi */
		u.s1 = -1e-200;
	for (int i = 0; i < BISECTIONS; i++) {
		double mid = (lo + hi) / 2;

		if (longitude_reached(&u, mid, &s) < l)
			lo = mid;
		else
			hi = mid;
	}
	longitude_reached(&u, (lo + hi) / 2, &s);
	return s;
}

int geo_distance(const struct geo_point *a, const struct geo_point *b, double *meters)
{
	struct reduced u;
	double l, s;

	if (!geo_point_valid(a) || !geo_point_valid(b))
		return -EINVAL;
	reduce(a->lat, &u.s1, &u.c1);
	reduce(b->lat, &u.s2, &u.c2);
	/* the length does not depend on the sign of the longitude difference */
	l = fabs(remainder(b->lon - a->lon, 360)) * DEG;
	if (vincenty(&u, l, &s) != 0)
		s = bisection(u, l);
	*meters = s;
	return 0;
}
