/* Geodesic distance on WGS84 and the proximity decision (lcs/lib/geo.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <math.h>
#include <cmocka.h>
#include "near.h"
#include "geo.h"

/* Vincenty's series are good to about 0.1 mm; every vector below is asserted to 1 mm. */
#define MM 1e-3

struct vector {
	double lat1, lon1, lat2, lon2, s12;
};

static double distance(double lat1, double lon1, double lat2, double lon2)
{
	struct geo_point a = { lat1, lon1 }, b = { lat2, lon2 };
	double s = -1;

	assert_int_equal(geo_distance(&a, &b, &s), 0);
	return s;
}

static void check_vectors(const struct vector *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_near(distance(v[i].lat1, v[i].lon1, v[i].lat2, v[i].lon2), v[i].s12, MM);
}

static void published_vectors(void **state)
{
	static const struct vector v[] = {
		/* GeographicLib's example (Karney), quoted on docs.rs/geographiclib and in
		 * shared/specs/lcs.md §3.2: Berkeley to Port Moresby */
		{ 37.87622, -122.23558, -9.4047, 147.1597, 10700471.955 },
		/* GeographicLib's python/geographiclib/test/test_geodesic.py (copied in gtsam's
		 * docs on docs.ros.org), lines of GeodTest.dat; lon2 beyond 180 taken minus 360 */
		{ 35.60777, -139.44815, -11.17491, -69.95921, 8935244.5604818305 },
		{ 55.52454, 106.05087, 77.03196, 197.18234 - 360, 4105086.1713924406 },
		{ -21.97856, 142.59065, 41.84138, 98.56635, 8394328.894657671 },
		{ -66.99028, 112.2363, -12.70631, 285.90344 - 360, 11150344.2312080241 },
		{ -17.42761, 173.34268, -15.84784, 5.93557, 16076603.1631180673 },
		{ 32.84994, 48.28919, -56.28556, 202.29132 - 360, 16727068.9438164461 },
	};
	(void)state;
	check_vectors(v, sizeof v / sizeof v[0]);
}

/* Reference values from GeographicLib-JS 2.2.0 (Geodesic.WGS84.Inverse), computed for these
 * tests: they exercise the equator, the poles and the antipodes. */
static void short_equator_and_poles(void **state)
{
	static const struct vector v[] = {
		/* lcs.md §3.2 gives 685.97 m */
		{ 48.8566, 2.3522, 48.8600, 2.3600, 685.970357 },
		/* on the equator, a geodesic is the equator itself while the longitude difference
		 * stays under (1 - f) 180 degrees: a * longitude */
		{ 0, 0, 0, 1, 111319.490793 },
		{ 0, 0, 0, 179, 19926188.851996 },
		/* across the antimeridian */
		{ 0, 179.9, 0, -179.9, 22263.898159 },
		/* a quarter and a half meridian */
		{ 0, 0, 90, 0, 10001965.729313 },
		{ 90, 0, -90, 0, 20003931.458625 },
		/* the pole with two longitudes is one point */
		{ 90, 0, 90, 123, 0 },
		{ -90, -180, -90, 180, 0 },
	};
	(void)state;
	check_vectors(v, sizeof v / sizeof v[0]);
}

static void antipodal_points(void **state)
{
	static const struct vector v[] = {
		/* Wikipedia, "Vincenty's formulae", nearly antipodal points: Vincenty converges slowly
		 * (about 130 iterations) on the first and fails on the second */
		{ 0, 0, 0.5, 179.5, 19936288.579 },
		{ 0, 0, 0.5, 179.7, 19944127.421 },
		/* GeographicLib-JS 2.2.0: exactly antipodal (the geodesic runs over a pole), beyond
		 * the equatorial geodesic's reach, and just off the antipode */
		{ 0, 0, 0, 180, 20003931.458625 },
		{ 10, 20, -10, -160, 20003931.458625 },
		{ 0, 0, 0, 179.5, 19980861.908891 },
		{ 0, 0, 0, 179.9, 20003008.421509 },
		{ 45, 0, -45, 179.99, 20003922.228149 },
		{ 0, 0, 0.0000001, 179.9999, 20003931.446645 },
	};
	(void)state;
	check_vectors(v, sizeof v / sizeof v[0]);
}

static void same_point_is_zero(void **state)
{
	(void)state;
	assert_true(distance(48.8566, 2.3522, 48.8566, 2.3522) == 0);
	assert_true(distance(0, 0, 0, 0) == 0);
	assert_true(distance(-33.9, 180, -33.9, -180) == 0);
}

static const struct geo_point sample[] = {
	{ 37.87622, -122.23558 }, { -9.4047, 147.1597 }, { 48.8566, 2.3522 }, { 0, 0 },
	{ 0.5, 179.7 }, { 90, 0 }, { -90, 45 }, { 0, 180 }, { -45, -179.99 }, { 45, 0 },
};
#define SAMPLES (sizeof sample / sizeof sample[0])

static void symmetric(void **state)
{
	(void)state;
	for (size_t i = 0; i < SAMPLES; i++)
		for (size_t j = 0; j < SAMPLES; j++) {
			double ab, ba;

			assert_int_equal(geo_distance(&sample[i], &sample[j], &ab), 0);
			assert_int_equal(geo_distance(&sample[j], &sample[i], &ba), 0);
			assert_near(ab, ba, MM);
		}
}

static void triangle_inequality(void **state)
{
	(void)state;
	for (size_t i = 0; i < SAMPLES; i++)
		for (size_t j = 0; j < SAMPLES; j++)
			for (size_t k = 0; k < SAMPLES; k++) {
				double ij, jk, ik;

				geo_distance(&sample[i], &sample[j], &ij);
				geo_distance(&sample[j], &sample[k], &jk);
				geo_distance(&sample[i], &sample[k], &ik);
				assert_true(ik <= ij + jk + MM);
				/* no geodesic is longer than half the meridian */
				assert_true(ik >= 0 && ik <= 20003931.4587);
			}
}

static void invalid_points_refused(void **state)
{
	static const struct geo_point bad[] = {
		{ 90.000001, 0 }, { -90.5, 0 }, { 0, 180.000001 }, { 0, -181 }, { NAN, 0 },
		{ 0, NAN }, { INFINITY, 0 }, { 0, -INFINITY },
	};
	struct geo_point good = { 0, 0 };
	double s = 42;
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(geo_point_valid(&bad[i]));
		assert_int_equal(geo_distance(&bad[i], &good, &s), -EINVAL);
		assert_int_equal(geo_distance(&good, &bad[i], &s), -EINVAL);
	}
	assert_true(s == 42);
	assert_true(geo_point_valid(&(struct geo_point){ -90, -180 }));
	assert_true(geo_point_valid(&(struct geo_point){ 90, 180 }));
}

static struct geo_area area(double lat, double lon, double radius)
{
	return (struct geo_area){ { lat, lon }, radius, 0 };
}

static void proximity_regions(void **state)
{
	/* about 685.97 m apart */
	struct geo_area a = area(48.8566, 2.3522, 50), b = area(48.8600, 2.3600, 100);
	(void)state;
	assert_int_equal(geo_proximity(&a, &b, 1000), GEO_NEAR);
	assert_int_equal(geo_proximity(&a, &b, 700), GEO_CANNOT_TELL);
	assert_int_equal(geo_proximity(&a, &b, 600), GEO_CANNOT_TELL);
	assert_int_equal(geo_proximity(&a, &b, 500), GEO_NOT_NEAR);
	assert_int_equal(geo_proximity(&b, &a, 500), GEO_NOT_NEAR);
	/* exact positions: a plain comparison */
	a.radius = b.radius = 0;
	assert_int_equal(geo_proximity(&a, &b, 686), GEO_NEAR);
	assert_int_equal(geo_proximity(&a, &b, 685), GEO_NOT_NEAR);
}

static void proximity_boundaries(void **state)
{
	struct geo_area a = area(10, 10, 100), b = area(10, 10, 50);
	struct geo_area c = area(10.01, 10, 30);
	double d;
	(void)state;
	/* d + r1 + r2 == range is near; a hair less is undecided */
	assert_int_equal(geo_proximity(&a, &b, 150), GEO_NEAR);
	assert_int_equal(geo_proximity(&a, &b, nextafter(150, 0)), GEO_CANNOT_TELL);
	/* d - r1 - r2 == range is undecided; a hair less is not near */
	assert_int_equal(geo_distance(&a.centre, &c.centre, &d), 0);
	assert_int_equal(geo_proximity(&a, &c, d - 100 - 30), GEO_CANNOT_TELL);
	assert_int_equal(geo_proximity(&a, &c, nextafter(d - 100 - 30, 0)), GEO_NOT_NEAR);
	assert_int_equal(geo_proximity(&a, &c, d + 100 + 30), GEO_NEAR);
	/* a zero range: near only for the same exact point */
	a.radius = b.radius = 0;
	assert_int_equal(geo_proximity(&a, &b, 0), GEO_NEAR);
	assert_int_equal(geo_proximity(&a, &c, 0), GEO_NOT_NEAR);
	b.radius = 1;
	assert_int_equal(geo_proximity(&a, &b, 0), GEO_CANNOT_TELL);
}

static void invalid_areas_refused(void **state)
{
	struct geo_area good = area(0, 0, 10);
	struct geo_area bad[] = {
		area(91, 0, 10), area(0, -180.1, 10), area(NAN, 0, 10), area(0, 0, -1),
		area(0, 0, NAN), area(0, 0, INFINITY), good, good, good, good,
	};
	(void)state;
	bad[6].confidence = 1;
	bad[7].confidence = -0.1;
	bad[8].confidence = NAN;
	bad[9].confidence = 1.5;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(geo_area_valid(&bad[i]));
		assert_int_equal(geo_proximity(&bad[i], &good, 100), GEO_CANNOT_TELL);
		assert_int_equal(geo_proximity(&good, &bad[i], 1e9), GEO_CANNOT_TELL);
		assert_true(geo_probability_near(&bad[i], &good, 100) == -1);
		assert_true(geo_probability_near(&good, &bad[i], 100) == -1);
	}
	assert_int_equal(geo_proximity(&good, &good, -1), GEO_CANNOT_TELL);
	assert_int_equal(geo_proximity(&good, &good, NAN), GEO_CANNOT_TELL);
	assert_int_equal(geo_proximity(&good, &good, INFINITY), GEO_CANNOT_TELL);
	assert_true(geo_probability_near(&good, &good, -1) == -1);
	assert_true(geo_probability_near(&good, &good, NAN) == -1);
}

/* sigma of an area: its radius holds the position with its confidence */
static double sigma_of(double radius, double confidence)
{
	return radius / sqrt(-2 * log(1 - confidence));
}

static void probability_rayleigh(void **state)
{
	/* same centre: |delta| is Rayleigh, P = 1 - exp(-D^2 / 2 sigma^2) */
	struct geo_area a = area(45, 7, 100), b = area(45, 7, 40);
	double s = hypot(sigma_of(100, 0.67), sigma_of(40, 0.67));
	(void)state;
	for (double range = 0; range <= 600; range += 7.5)
		assert_near(geo_probability_near(&a, &b, range),
			    1 - exp(-range * range / (2 * s * s)), 1e-9);
}

static void probability_of_one_circle_is_its_confidence(void **state)
{
	struct geo_area a = area(-33.9, 151.2, 250), b = area(-33.9, 151.2, 0);
	(void)state;
	a.confidence = 0.9;
	assert_near(geo_probability_near(&a, &b, 250), 0.9, 1e-9);
	a.confidence = 0.5;
	assert_near(geo_probability_near(&a, &b, 250), 0.5, 1e-9);
	a.confidence = 0;
	assert_near(geo_probability_near(&a, &b, 250), GEO_DEFAULT_CONFIDENCE, 1e-9);
}

/* P(|(a, 0) + N(0, I2)| <= b) from its other expansion: a Poisson(a^2 / 2) mixture of
 * chi-square laws with 2k + 2 degrees of freedom, P(chi2 <= b^2) = P(k + 1, b^2 / 2). */
static double rice_cdf_series(double a, double b)
{
	double mean = a * a / 2, y = b * b / 2;
	double weight = exp(-mean), partial = exp(-y), gamma_term = exp(-y), sum = 0;

	for (int k = 0; k < 400; k++) {
		sum += weight * (1 - partial);
		weight *= mean / (k + 1);
		gamma_term *= y / (k + 1);
		partial += gamma_term;
	}
	return sum;
}

static void probability_matches_series(void **state)
{
	struct geo_area a = area(0, 0, 120), b = area(0, 0.002, 80);
	double s = hypot(sigma_of(120, 0.67), sigma_of(80, 0.67)), d;
	(void)state;
	assert_int_equal(geo_distance(&a.centre, &b.centre, &d), 0);
	for (double range = 0; range <= 1200; range += 25)
		assert_near(geo_probability_near(&a, &b, range), rice_cdf_series(d / s, range / s),
			    1e-9);
	/* a far pair, many sigmas apart */
	b.centre.lon = 0.05;
	assert_int_equal(geo_distance(&a.centre, &b.centre, &d), 0);
	assert_near(geo_probability_near(&a, &b, d), 0.5, 0.01);
	assert_near(geo_probability_near(&a, &b, d - 1000), 0, 1e-9);
	assert_near(geo_probability_near(&a, &b, d + 1000), 1, 1e-9);
}

static void probability_monotonic(void **state)
{
	struct geo_area a = area(52.5, 13.4, 300), b = area(52.5, 13.4, 150);
	double previous = 0;
	(void)state;
	/* grows with the range */
	for (double range = 0; range <= 3000; range += 20) {
		double p = geo_probability_near(&a, &b, range);

		assert_true(p >= previous && p <= 1);
		previous = p;
	}
	assert_true(previous == 1);
	/* falls with the distance */
	previous = 1;
	for (double lon = 13.4; lon <= 13.45; lon += 0.0005) {
		double p;

		b.centre.lon = lon;
		p = geo_probability_near(&a, &b, 1000);
		assert_true(p <= previous && p >= 0);
		previous = p;
	}
	assert_true(previous < 1e-6);
}

static void probability_of_exact_positions(void **state)
{
	struct geo_area a = area(48.8566, 2.3522, 0), b = area(48.8600, 2.3600, 0);
	(void)state;
	assert_true(geo_probability_near(&a, &b, 686) == 1);
	assert_true(geo_probability_near(&a, &b, 685) == 0);
	/* an uncertainty far below the resolution of the distance counts as none */
	a.radius = 1e-300;
	assert_true(geo_probability_near(&a, &b, 686) == 1);
	/* a tiny uncertainty on the same point: certain within any positive range */
	b = a;
	assert_true(geo_probability_near(&a, &b, 1) == 1);
	assert_true(geo_probability_near(&a, &b, 0) == 0);
}

static void widening(void **state)
{
	struct geo_area a = area(0, 0, 50);
	(void)state;
	assert_int_equal(geo_area_widen(&a, 1.5, 60), 0);
	assert_true(a.radius == 140);
	assert_int_equal(geo_area_widen(&a, 0, 1e6), 0);
	assert_true(a.radius == 140);
	assert_int_equal(geo_area_widen(&a, -1, 10), -EINVAL);
	assert_int_equal(geo_area_widen(&a, 1, -10), -EINVAL);
	assert_int_equal(geo_area_widen(&a, NAN, 10), -EINVAL);
	assert_int_equal(geo_area_widen(&a, 1, INFINITY), -EINVAL);
	assert_int_equal(geo_area_widen(&a, 1e200, 1e200), -EINVAL);
	assert_true(a.radius == 140);
	a.radius = -1;
	assert_int_equal(geo_area_widen(&a, 1, 1), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(published_vectors),
		cmocka_unit_test(short_equator_and_poles),
		cmocka_unit_test(antipodal_points),
		cmocka_unit_test(same_point_is_zero),
		cmocka_unit_test(symmetric),
		cmocka_unit_test(triangle_inequality),
		cmocka_unit_test(invalid_points_refused),
		cmocka_unit_test(proximity_regions),
		cmocka_unit_test(proximity_boundaries),
		cmocka_unit_test(invalid_areas_refused),
		cmocka_unit_test(probability_rayleigh),
		cmocka_unit_test(probability_of_one_circle_is_its_confidence),
		cmocka_unit_test(probability_matches_series),
		cmocka_unit_test(probability_monotonic),
		cmocka_unit_test(probability_of_exact_positions),
		cmocka_unit_test(widening),
	};

	return cmocka_run_group_tests_name("geo", tests, NULL, NULL);
}
