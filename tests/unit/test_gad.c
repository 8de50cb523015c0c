/* TS 23.032 GAD codec, the GAD <-> MLP shape mapping and MLP DMSH coordinates. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>
#include "near.h"
#include "gad.h"
#include "mlp_coord.h"
#include "seeded.h"

#define LAT_STEP (90.0 / 8388608) /* one latitude quantum, degrees */
#define LON_STEP (360.0 / 16777216)

/* The real capture of lcs.md §3.1: an Ellipsoid Arc. */
static const uint8_t capture[] = { 0xa0, 0x36, 0x9a, 0xbc, 0x13, 0x34, 0xc3,
				   0x00, 0x00, 0x28, 0x57, 0x1f, 0x5a };

static struct gad_position at(enum gad_shape shape, double lat, double lon)
{
	struct gad_position p;
	memset(&p, 0, sizeof p);
	p.shape = shape;
	p.lat = lat;
	p.lon = lon;
	p.confidence = p.vertical_confidence = -1;
	return p;
}

/* Encodes p, checks the length, decodes it back into out. */
static void round_trip(const struct gad_position *p, size_t want_len, struct gad_position *out)
{
	uint8_t buf[GAD_MAX_LEN];
	size_t len = 0;
	assert_int_equal(gad_encode(p, buf, sizeof buf, &len), 0);
	assert_int_equal(len, want_len);
	assert_int_equal(buf[0] >> 4, p->shape);
	assert_int_equal(gad_decode(buf, len, out), 0);
	assert_int_equal(out->shape, p->shape);
}

/* Decoding gives the low end of the step the value falls in. */
static void assert_point_near(double lat, double lon, double want_lat, double want_lon)
{
	assert_true(fabs(lat) <= fabs(want_lat) && fabs(want_lat) - fabs(lat) <= LAT_STEP);
	assert_true(lon <= want_lon && want_lon - lon <= LON_STEP);
}

static void assert_same_position(const struct gad_position *a, const struct gad_position *b)
{
	assert_int_equal(a->shape, b->shape);
	assert_int_equal(a->confidence, b->confidence);
	assert_int_equal(a->vertical_confidence, b->vertical_confidence);
	assert_int_equal(a->n_points, b->n_points);
	const double x[] = { a->lat, a->lon, a->uncertainty_m, a->semi_major_m, a->semi_minor_m,
			     a->orientation_deg, a->inner_radius_m, a->offset_angle_deg,
			     a->included_angle_deg, a->altitude_m, a->uncertainty_altitude_m };
	const double y[] = { b->lat, b->lon, b->uncertainty_m, b->semi_major_m, b->semi_minor_m,
			     b->orientation_deg, b->inner_radius_m, b->offset_angle_deg,
			     b->included_angle_deg, b->altitude_m, b->uncertainty_altitude_m };
	for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
		assert_near(x[i], y[i], 0);
	for (int i = 0; i < a->n_points; i++) {
		assert_near(a->points[i].lat, b->points[i].lat, 0);
		assert_near(a->points[i].lon, b->points[i].lon, 0);
	}
}

static void capture_decodes_as_ellipsoid_arc(void **state)
{
	struct gad_position p;
	(void)state;
	assert_int_equal(gad_decode(capture, sizeof capture, &p), 0);
	assert_int_equal(p.shape, GAD_ELLIPSOID_ARC);
	assert_near(p.lat, 38.39374, 1e-5);
	assert_near(p.lon, 27.00858, 1e-5);
	assert_near(p.inner_radius_m, 0, 0);
	assert_near(p.uncertainty_m, 442.6, 0.5);
	assert_near(p.offset_angle_deg, 174, 0);
	assert_near(p.included_angle_deg, 64, 0);
	assert_int_equal(p.confidence, 90);
}

static void capture_encodes_back_to_the_same_octets(void **state)
{
	struct gad_position p;
	uint8_t buf[GAD_MAX_LEN];
	size_t len;
	(void)state;
	assert_int_equal(gad_decode(capture, sizeof capture, &p), 0);
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), 0);
	assert_int_equal(len, sizeof capture);
	assert_memory_equal(buf, capture, sizeof capture);
}

static void uncertainty_table(void **state)
{
	(void)state;
	assert_near(gad_uncertainty_m(0), 0, 0);
	assert_near(gad_uncertainty_m(1), 1, 0.01);
	assert_near(gad_uncertainty_m(20), 57.3, 0.05);
	assert_near(gad_uncertainty_m(40), 443, 0.5);
	assert_near(gad_uncertainty_m(60), 3000, 50);
	assert_near(gad_uncertainty_m(80), 20000, 500);
	assert_near(gad_uncertainty_m(100), 138000, 500);
	assert_near(gad_uncertainty_m(120), 927000, 500);
	assert_near(gad_uncertainty_m(127), 1800000, 10000);
}

static void uncertainty_code_is_the_smallest_covering_k(void **state)
{
	(void)state;
	assert_int_equal(gad_uncertainty_code(0), 0);
	assert_int_equal(gad_uncertainty_code(0.5), 1);
	assert_int_equal(gad_uncertainty_code(1.01), 2);
	for (int k = 0; k <= 127; k++)
		assert_int_equal(gad_uncertainty_code(gad_uncertainty_m(k)), k);
	assert_int_equal(gad_uncertainty_code(50), 19); /* r(18) = 45.6, r(19) = 51.6 */
	assert_int_equal(gad_uncertainty_code(1e9), 127);
	assert_int_equal(gad_uncertainty_code(-1), GAD_EINVAL);
	assert_int_equal(gad_uncertainty_code(NAN), GAD_EINVAL);
}

/* A requested accuracy: the code must not stand for more than the meters asked. */
static void uncertainty_code_within_is_the_largest_inside_k(void **state)
{
	(void)state;
	assert_int_equal(gad_uncertainty_code_within(0), 0);
	assert_int_equal(gad_uncertainty_code_within(0.5), 0);
	assert_int_equal(gad_uncertainty_code_within(1.01), 1);
	for (int k = 0; k <= 127; k++)
		assert_int_equal(gad_uncertainty_code_within(gad_uncertainty_m(k)), k);
	assert_int_equal(gad_uncertainty_code_within(50), 18); /* r(18) = 45.6, r(19) = 51.6 */
	assert_int_equal(gad_uncertainty_code_within(105), 25); /* r(25) = 98.3, r(26) = 109.2 */
	assert_int_equal(gad_uncertainty_code_within(1e9), 127);
	assert_int_equal(gad_uncertainty_code_within(-1), GAD_EINVAL);
	assert_int_equal(gad_uncertainty_code_within(NAN), GAD_EINVAL);
}

static void altitude_uncertainty_table(void **state)
{
	(void)state;
	assert_near(gad_altitude_uncertainty_m(0), 0, 0);
	assert_near(gad_altitude_uncertainty_m(1), 1.125, 1e-9);
	assert_near(gad_altitude_uncertainty_m(10), 12.6, 0.01);
	assert_near(gad_altitude_uncertainty_m(127), 990.5, 0.05);
	for (int k = 0; k <= 127; k++)
		assert_int_equal(gad_altitude_uncertainty_code(gad_altitude_uncertainty_m(k)), k);
	assert_int_equal(gad_altitude_uncertainty_code(5000), 127);
	assert_int_equal(gad_altitude_uncertainty_code(-0.5), GAD_EINVAL);
	/* a requested vertical accuracy (SLg Vertical-Accuracy): the largest code inside it */
	for (int k = 0; k <= 127; k++)
		assert_int_equal(gad_altitude_uncertainty_code_within(gad_altitude_uncertainty_m(k)), k);
	assert_int_equal(gad_altitude_uncertainty_code(12), 10); /* h(9) = 11.2, h(10) = 12.6 */
	assert_int_equal(gad_altitude_uncertainty_code_within(12), 9);
	assert_int_equal(gad_altitude_uncertainty_code_within(0.5), 0);
	assert_int_equal(gad_altitude_uncertainty_code_within(5000), 127);
	assert_int_equal(gad_altitude_uncertainty_code_within(-1), GAD_EINVAL);
}

static void points_round_trip_everywhere(void **state)
{
	static const double places[][2] = {
		{ 0, 0 },		{ 38.39374, 27.00858 }, { -33.8688, 151.2093 },
		{ 37.87622, -122.23558 }, { -9.4047, -147.1597 }, { 90, 0 },
		{ -90, 0 },		{ 45, 180 - 1e-9 },	{ 45, -180 },
		{ 1e-9, -1e-9 },
	};
	struct gad_position out;
	(void)state;
	for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
		struct gad_position p = at(GAD_POINT, places[i][0], places[i][1]);
		round_trip(&p, 7, &out);
		assert_point_near(out.lat, out.lon, p.lat, p.lon);
	}
}

static void poles_and_antimeridian(void **state)
{
	struct gad_position p = at(GAD_POINT, 90, 180), out;
	(void)state;
	round_trip(&p, 7, &out);
	assert_near(out.lat, 90, LAT_STEP); /* the last step: 90 itself does not fit 23 bits */
	assert_near(out.lon, -180, 0); /* +180 is written as -180, the same meridian */
	p = at(GAD_POINT, -90, -180);
	round_trip(&p, 7, &out);
	assert_near(out.lat, -90, LAT_STEP);
	assert_true(out.lat < 0);
	assert_near(out.lon, -180, 0);
}

static void circle_round_trips(void **state)
{
	struct gad_position p = at(GAD_POINT_UNCERTAINTY_CIRCLE, -22.9068, -43.1729), out;
	(void)state;
	p.uncertainty_m = 50;
	round_trip(&p, 8, &out);
	assert_point_near(out.lat, out.lon, p.lat, p.lon);
	assert_near(out.uncertainty_m, gad_uncertainty_m(19), 0);
	assert_int_equal(out.confidence, -1);
}

static void ellipse_round_trips(void **state)
{
	struct gad_position p = at(GAD_POINT_UNCERTAINTY_ELLIPSE, 51.5007, -0.1246), out;
	(void)state;
	p.semi_major_m = 300;
	p.semi_minor_m = 120;
	p.orientation_deg = 47.6;
	p.confidence = 68;
	round_trip(&p, 11, &out);
	assert_point_near(out.lat, out.lon, p.lat, p.lon);
	assert_near(out.semi_major_m, gad_uncertainty_m(gad_uncertainty_code(300)), 0);
	assert_true(out.semi_major_m >= 300 && gad_uncertainty_m(gad_uncertainty_code(300) - 1) < 300);
	assert_near(out.semi_minor_m, gad_uncertainty_m(gad_uncertainty_code(120)), 0);
	assert_near(out.orientation_deg, 47, 0);
	assert_int_equal(out.confidence, 68);
	/* the same ellipse turned half a turn; no confidence */
	p.orientation_deg = 227.6;
	p.confidence = -1;
	round_trip(&p, 11, &out);
	assert_near(out.orientation_deg, 47, 0);
	assert_int_equal(out.confidence, -1);
}

static void polygons_of_3_and_15_points_round_trip(void **state)
{
	struct gad_position p = at(GAD_POLYGON, 0, 0), out;
	(void)state;
	p.n_points = 3;
	p.points[0] = (struct gad_point){ 10, 20 };
	p.points[1] = (struct gad_point){ -10.5, 179.99 };
	p.points[2] = (struct gad_point){ 0.001, -179.5 };
	round_trip(&p, 1 + 6 * 3, &out);
	assert_int_equal(out.n_points, 3);
	for (int i = 0; i < 3; i++)
		assert_point_near(out.points[i].lat, out.points[i].lon, p.points[i].lat,
				  p.points[i].lon);
	p.n_points = 15;
	for (int i = 0; i < 15; i++)
		p.points[i] = (struct gad_point){ -60 + 8.5 * i, 170 - 23.3 * i };
	round_trip(&p, 1 + 6 * 15, &out);
	assert_int_equal(out.n_points, 15);
	for (int i = 0; i < 15; i++)
		assert_point_near(out.points[i].lat, out.points[i].lon, p.points[i].lat,
				  p.points[i].lon);
}

static void altitude_round_trips_height_and_depth(void **state)
{
	struct gad_position p = at(GAD_POINT_ALTITUDE, 27.9881, 86.925), out;
	(void)state;
	p.altitude_m = 8848.4;
	round_trip(&p, 9, &out);
	assert_near(out.altitude_m, 8848, 0);
	p.altitude_m = -412.6;
	round_trip(&p, 9, &out);
	assert_near(out.altitude_m, -413, 0);
	p.altitude_m = 32767;
	round_trip(&p, 9, &out);
	assert_near(out.altitude_m, 32767, 0);
}

static void ellipsoid_round_trips(void **state)
{
	struct gad_position p = at(GAD_POINT_ALTITUDE_ELLIPSOID, -34.6037, -58.3816), out;
	(void)state;
	p.altitude_m = -25;
	p.semi_major_m = 40;
	p.semi_minor_m = 10;
	p.orientation_deg = 179.9;
	p.uncertainty_altitude_m = 15;
	p.confidence = 95;
	round_trip(&p, 14, &out);
	assert_point_near(out.lat, out.lon, p.lat, p.lon);
	assert_near(out.altitude_m, -25, 0);
	assert_true(out.semi_major_m >= 40 && out.semi_minor_m >= 10);
	assert_near(out.orientation_deg, 179, 0);
	assert_true(out.uncertainty_altitude_m >= 15 && out.uncertainty_altitude_m < 15 * 1.025 + 1.2);
	assert_int_equal(out.confidence, 95);
}

static void arc_round_trips_and_rounds_angles_by_the_spec(void **state)
{
	struct gad_position p = at(GAD_ELLIPSOID_ARC, -1.2921, 36.8219), out;
	(void)state;
	p.inner_radius_m = 1502;
	p.uncertainty_m = 600;
	p.offset_angle_deg = 175; /* 2N <= a < 2(N+1): 174 */
	p.included_angle_deg = 63; /* 2N < a <= 2(N+1): 64 */
	p.confidence = 100;
	round_trip(&p, 13, &out);
	assert_point_near(out.lat, out.lon, p.lat, p.lon);
	assert_near(out.inner_radius_m, 1500, 0);
	assert_true(out.uncertainty_m >= 600 && out.uncertainty_m < 600 * 1.1 + 1);
	assert_near(out.offset_angle_deg, 174, 0);
	assert_near(out.included_angle_deg, 64, 0);
	assert_int_equal(out.confidence, 100);
	p.offset_angle_deg = 359.9;
	p.included_angle_deg = 360;
	round_trip(&p, 13, &out);
	assert_near(out.offset_angle_deg, 358, 0);
	assert_near(out.included_angle_deg, 360, 0);
	p.included_angle_deg = 0.1;
	round_trip(&p, 13, &out);
	assert_near(out.included_angle_deg, 2, 0);
}

static void wrong_lengths_are_refused(void **state)
{
	static const uint8_t codes[] = { 0, 1, 3, 8, 9, 10, 11, 12, 13, 14 };
	static const size_t lengths[] = { 7, 8, 11, 9, 14, 13, 13, 18, 13, 18 };
	uint8_t buf[GAD_MAX_LEN + 1] = { 0 };
	struct gad_position p;
	(void)state;
	assert_int_equal(gad_decode(buf, 0, &p), GAD_EINVAL);
	for (size_t i = 0; i < sizeof codes; i++) {
		buf[0] = (uint8_t)(codes[i] << 4);
		assert_int_equal(gad_decode(buf, lengths[i], &p), 0);
		assert_int_equal(gad_decode(buf, lengths[i] - 1, &p), GAD_EINVAL);
		assert_int_equal(gad_decode(buf, lengths[i] + 1, &p), GAD_EINVAL);
		assert_int_equal(gad_decode(buf, 1, &p), GAD_EINVAL);
	}
	buf[0] = 0x53; /* polygon of 3 points: 19 octets */
	assert_int_equal(gad_decode(buf, 19, &p), 0);
	assert_int_equal(gad_decode(buf, 18, &p), GAD_EINVAL);
	assert_int_equal(gad_decode(buf, 25, &p), GAD_EINVAL);
}

static void unknown_shapes_are_refused(void **state)
{
	static const uint8_t codes[] = { 2, 4, 6, 7, 15 };
	uint8_t buf[GAD_MAX_LEN] = { 0 };
	struct gad_position p;
	(void)state;
	for (size_t i = 0; i < sizeof codes; i++) {
		buf[0] = (uint8_t)(codes[i] << 4);
		for (size_t len = 1; len <= 20; len++)
			assert_int_equal(gad_decode(buf, len, &p), GAD_EINVAL);
		p = at((enum gad_shape)codes[i], 0, 0);
		size_t out_len;
		assert_int_equal(gad_encode(&p, buf, sizeof buf, &out_len), GAD_EINVAL);
	}
}

static void polygon_point_counts_outside_3_to_15_are_refused(void **state)
{
	uint8_t buf[GAD_MAX_LEN] = { 0 };
	struct gad_position p = at(GAD_POLYGON, 0, 0);
	size_t len;
	(void)state;
	buf[0] = 0x52;
	assert_int_equal(gad_decode(buf, 13, &p), GAD_EINVAL);
	buf[0] = 0x50;
	assert_int_equal(gad_decode(buf, 1, &p), GAD_EINVAL);
	p = at(GAD_POLYGON, 0, 0);
	p.n_points = 2;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p.n_points = 16;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
}

static void confidence_without_information_decodes_as_none(void **state)
{
	uint8_t buf[13];
	struct gad_position p;
	(void)state;
	memcpy(buf, capture, sizeof buf);
	buf[12] = 101;
	assert_int_equal(gad_decode(buf, sizeof buf, &p), 0);
	assert_int_equal(p.confidence, -1);
	buf[12] = 0;
	assert_int_equal(gad_decode(buf, sizeof buf, &p), 0);
	assert_int_equal(p.confidence, -1);
	buf[12] = 0x80 | 100; /* the spare bit is ignored */
	assert_int_equal(gad_decode(buf, sizeof buf, &p), 0);
	assert_int_equal(p.confidence, 100);
}

static void unused_angle_values_are_refused(void **state)
{
	uint8_t arc[13], ellipse[11] = { 0x30 };
	struct gad_position p;
	(void)state;
	memcpy(arc, capture, sizeof arc);
	arc[10] = 180; /* offset angle */
	assert_int_equal(gad_decode(arc, sizeof arc, &p), GAD_EINVAL);
	arc[10] = 0;
	arc[11] = 180; /* included angle */
	assert_int_equal(gad_decode(arc, sizeof arc, &p), GAD_EINVAL);
	ellipse[9] = 179;
	assert_int_equal(gad_decode(ellipse, sizeof ellipse, &p), 0);
	assert_near(p.orientation_deg, 179, 0);
	ellipse[9] = 180;
	assert_int_equal(gad_decode(ellipse, sizeof ellipse, &p), GAD_EINVAL);
}

static void out_of_range_values_are_not_encoded(void **state)
{
	uint8_t buf[GAD_MAX_LEN];
	size_t len;
	struct gad_position p;
	(void)state;
	p = at(GAD_POINT, 90.001, 0);
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = at(GAD_POINT, 0, -180.001);
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = at(GAD_POINT, NAN, 0);
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = at(GAD_POINT_UNCERTAINTY_CIRCLE, 0, 0);
	p.uncertainty_m = -1;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = at(GAD_POINT_ALTITUDE, 0, 0);
	p.altitude_m = 32768;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = at(GAD_POINT_UNCERTAINTY_ELLIPSE, 0, 0);
	p.confidence = 101;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p.confidence = -1;
	p.orientation_deg = 360;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = at(GAD_ELLIPSOID_ARC, 0, 0);
	p.included_angle_deg = 0;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p.included_angle_deg = 10;
	p.offset_angle_deg = 360;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p.offset_angle_deg = 0;
	p.inner_radius_m = 5 * 65536;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p.inner_radius_m = 0;
	assert_int_equal(gad_encode(&p, buf, 12, &len), GAD_ENOSPC);
	assert_int_equal(gad_encode(&p, buf, 13, &len), 0);
}

static void arc_converts_to_circular_arc_area_and_back(void **state)
{
	struct gad_position p, back;
	struct mlp_shape m;
	uint8_t buf[GAD_MAX_LEN];
	size_t len;
	(void)state;
	assert_int_equal(gad_decode(capture, sizeof capture, &p), 0);
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.kind, MLP_CIRCULAR_ARC_AREA);
	assert_near(m.coord.lat, p.lat, 0);
	assert_near(m.coord.lon, p.lon, 0);
	assert_near(m.in_radius, 0, 0);
	assert_near(m.out_radius, 442.6, 0.5);
	assert_near(m.start_angle, 174, 0);
	assert_near(m.stop_angle, 238, 0);
	assert_int_equal(m.confidence, 90);
	assert_int_equal(gad_from_mlp(&m, &back), 0);
	assert_int_equal(gad_encode(&back, buf, sizeof buf, &len), 0);
	assert_int_equal(len, sizeof capture);
	assert_memory_equal(buf, capture, sizeof capture);
}

static void arc_across_north_keeps_its_included_angle(void **state)
{
	struct gad_position p = at(GAD_ELLIPSOID_ARC, 10, 10), back;
	struct mlp_shape m;
	(void)state;
	p.inner_radius_m = 100;
	p.uncertainty_m = 50;
	p.offset_angle_deg = 350;
	p.included_angle_deg = 20;
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_near(m.stop_angle, 10, 1e-9);
	assert_near(m.out_radius, 150, 0);
	assert_int_equal(gad_from_mlp(&m, &back), 0);
	assert_near(back.included_angle_deg, 20, 1e-9);
	assert_near(back.uncertainty_m, 50, 0);
}

static void other_shapes_convert_to_mlp_and_back(void **state)
{
	struct gad_position p = at(GAD_POINT_ALTITUDE_ELLIPSOID, 1, 2), back;
	struct mlp_shape m;
	(void)state;
	p.altitude_m = 120;
	p.uncertainty_altitude_m = 8;
	p.semi_major_m = 30;
	p.semi_minor_m = 20;
	p.orientation_deg = 90;
	p.confidence = 67;
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.kind, MLP_ELLIPTICAL_AREA);
	assert_true(m.has_altitude && m.has_altitude_uncertainty);
	assert_near(m.altitude_uncertainty, 8, 0);
	assert_near(m.angle, 90, 0);
	assert_int_equal(gad_from_mlp(&m, &back), 0);
	assert_same_position(&back, &p);

	p = at(GAD_POINT_UNCERTAINTY_CIRCLE, 1, 2);
	p.uncertainty_m = 75;
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.kind, MLP_CIRCULAR_AREA);
	assert_near(m.radius, 75, 0);
	m.confidence = 90; /* lost: the GAD circle has no confidence */
	assert_int_equal(gad_from_mlp(&m, &back), 0);
	assert_same_position(&back, &p);

	p = at(GAD_POINT_ALTITUDE, -1, -2);
	p.altitude_m = -3;
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.kind, MLP_POINT);
	assert_true(m.has_altitude && !m.has_altitude_uncertainty);
	assert_int_equal(gad_from_mlp(&m, &back), 0);
	assert_same_position(&back, &p);

	p = at(GAD_POINT, -1, -2);
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.kind, MLP_POINT);
	assert_false(m.has_altitude);
	assert_int_equal(gad_from_mlp(&m, &back), 0);
	assert_same_position(&back, &p);
}

static void closed_mlp_ring_becomes_a_gad_polygon(void **state)
{
	struct mlp_shape m;
	struct gad_position p, back;
	(void)state;
	memset(&m, 0, sizeof m);
	m.kind = MLP_POLYGON;
	m.confidence = -1;
	for (int i = 0; i < 15; i++)
		m.points[i] = (struct mlp_coord){ i, -i };
	m.points[15 - 1] = m.points[0];
	m.n_points = 15; /* 14 points and the closing one */
	assert_int_equal(gad_from_mlp(&m, &p), 0);
	assert_int_equal(p.shape, GAD_POLYGON);
	assert_int_equal(p.n_points, 14);
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.n_points, 14);
	assert_int_equal(gad_from_mlp(&m, &back), 0);
	assert_same_position(&back, &p);
	m.n_points = 2;
	assert_int_equal(gad_from_mlp(&m, &p), GAD_EINVAL);
}

static void mlp_shapes_gad_cannot_carry_are_refused(void **state)
{
	struct mlp_shape m;
	struct gad_position p;
	(void)state;
	memset(&m, 0, sizeof m);
	m.kind = MLP_CIRCULAR_AREA;
	m.has_altitude = 1;
	assert_int_equal(gad_from_mlp(&m, &p), GAD_EINVAL);
	m.kind = MLP_POINT;
	m.has_altitude_uncertainty = 1;
	assert_int_equal(gad_from_mlp(&m, &p), GAD_EINVAL);
	m.kind = MLP_ELLIPTICAL_AREA;
	m.has_altitude = 0;
	assert_int_equal(gad_from_mlp(&m, &p), GAD_EINVAL);
	m.has_altitude_uncertainty = 0;
	m.kind = MLP_CIRCULAR_ARC_AREA;
	m.in_radius = 100;
	m.out_radius = 50;
	assert_int_equal(gad_from_mlp(&m, &p), GAD_EINVAL);
}

static void dms_formats_as_mlp_writes_it(void **state)
{
	char buf[32];
	(void)state;
	assert_int_equal(mlp_dms_format(30.27453, 1, buf, sizeof buf), 13);
	assert_string_equal(buf, "30 16 28.308N");
	mlp_dms_format(-122.23558, 0, buf, sizeof buf);
	assert_string_equal(buf, "122 14 08.088W");
	mlp_dms_format(-0.5, 1, buf, sizeof buf);
	assert_string_equal(buf, "0 30 00.000S");
	mlp_dms_format(0, 0, buf, sizeof buf);
	assert_string_equal(buf, "0 00 00.000E");
	mlp_dms_format(180, 0, buf, sizeof buf);
	assert_string_equal(buf, "180 00 00.000E");
	mlp_dms_format(-90, 1, buf, sizeof buf);
	assert_string_equal(buf, "90 00 00.000S");
	mlp_dms_format(1 - 1e-9, 1, buf, sizeof buf); /* 59.9999964": rounds up, no 60.000 */
	assert_string_equal(buf, "1 00 00.000N");
}

static void dms_parses_and_round_trips(void **state)
{
	static const double values[] = { 0, 30.27453, -33.8688, 89.9999, -90, 12.5, 0.0001 };
	char buf[32];
	double deg;
	(void)state;
	assert_int_equal(mlp_dms_parse("30 16 28.308N", 1, &deg), 0);
	assert_near(deg, 30.27453, 1e-9);
	assert_int_equal(mlp_dms_parse("27 00 30E", 0, &deg), 0);
	assert_near(deg, 27.008333333, 1e-9);
	assert_int_equal(mlp_dms_parse("179 59 59.99999W", 0, &deg), 0);
	assert_near(deg, -(180 - 0.00001 / 3600), 1e-12);
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		for (int lat = 0; lat <= 1; lat++) {
			double v = lat ? values[i] : values[i] * 2;
			assert_true(mlp_dms_format(v, lat, buf, sizeof buf) > 0);
			assert_int_equal(mlp_dms_parse(buf, lat, &deg), 0);
			assert_near(deg, v, 0.0005 / 3600 + 1e-12);
		}
}

static void dms_refuses_anything_else(void **state)
{
	static const char *const latitudes[] = {
		"", "30 16 28.308", "30 16 28.308E", "30 16 28.308n", "30 16 28.308N ",
		" 30 16 28.308N", "30 16 28.308NX", "91 00 00.000N", "90 00 00.001N",
		"30 60 00.000N", "30 16 60.000N", "30 6 28.308N", "30  16 28.308N",
		"30 16 28.N", "30 16 2.308N", "-30 16 28.308N", "+30 16 28.308N", "30 16 28,308N",
		"30 16N", "N", "0x1e 16 28.308N", "30 16 28.308 N",
	};
	static const char *const longitudes[] = {
		"30 16 28.308N", "1234 00 00.000E", "180 00 00.001E", "181 00 00E", "30:16:28E",
	};
	char buf[32];
	double deg = 7;
	(void)state;
	for (size_t i = 0; i < sizeof latitudes / sizeof latitudes[0]; i++)
		if (mlp_dms_parse(latitudes[i], 1, &deg) != -1)
			fail_msg("latitude \"%s\" accepted", latitudes[i]);
	for (size_t i = 0; i < sizeof longitudes / sizeof longitudes[0]; i++)
		if (mlp_dms_parse(longitudes[i], 0, &deg) != -1)
			fail_msg("longitude \"%s\" accepted", longitudes[i]);
	assert_near(deg, 7, 0); /* untouched on failure */
	assert_int_equal(mlp_dms_format(90.0001, 1, buf, sizeof buf), -1);
	assert_int_equal(mlp_dms_format(-180.0001, 0, buf, sizeof buf), -1);
	assert_int_equal(mlp_dms_format(NAN, 0, buf, sizeof buf), -1);
	assert_int_equal(mlp_dms_format(30.27453, 1, buf, 13), -1); /* no room for the NUL */
	assert_int_equal(mlp_dms_format(30.27453, 1, buf, 14), 13);
}

/* ---- the circle a shape fits in (proximity) -------------------------------------------- */

static void capture_arc_fits_in_its_outer_disc(void **state)
{
	struct gad_position p;
	struct geo_area a;
	(void)state;
	assert_int_equal(gad_decode(capture, sizeof capture, &p), 0);
	assert_int_equal(gad_area(&p, &a), 0);
	assert_near(a.centre.lat, 38.39374, 1e-5);
	assert_near(a.centre.lon, 27.00858, 1e-5);
	assert_near(a.radius, 442.6, 0.5); /* inner radius 0 + uncertainty */
	assert_near(a.confidence, 0.90, 1e-9);
}

static void ellipse_fits_in_its_semi_major_axis(void **state)
{
	struct gad_position p = { .shape = GAD_POINT_UNCERTAINTY_ELLIPSE, .lat = 48.85, .lon = 2.35,
				  .semi_major_m = 300, .semi_minor_m = 50, .orientation_deg = 30,
				  .confidence = 100 };
	struct geo_area a;
	(void)state;
	assert_int_equal(gad_area(&p, &a), 0);
	assert_near(a.radius, 300, 0);
	assert_true(a.confidence > 0.99 && a.confidence < 1); /* 100 %, as geo.h takes it */
	p.shape = GAD_POINT_UNCERTAINTY_CIRCLE;
	p.uncertainty_m = 120;
	assert_int_equal(gad_area(&p, &a), 0);
	assert_near(a.radius, 120, 0);
	assert_near(a.confidence, 0, 0); /* a GAD circle says nothing: geo.h's default */
	p.shape = GAD_POINT_ALTITUDE;
	assert_int_equal(gad_area(&p, &a), 0);
	assert_near(a.radius, 0, 0);
}

/* A square 0.02 degrees of latitude high around (45, 3): its centre, and the corner distance. */
static void polygon_fits_around_its_vertices(void **state)
{
	struct gad_position p = { .shape = GAD_POLYGON, .n_points = 4,
				  .points = { { 44.99, 2.99 }, { 44.99, 3.01 }, { 45.01, 3.01 }, { 45.01, 2.99 } } };
	struct geo_point corner = { 45.01, 3.01 };
	struct geo_area a;
	double d;
	(void)state;
	assert_int_equal(gad_area(&p, &a), 0);
	assert_near(a.centre.lat, 45.0, 1e-9);
	assert_near(a.centre.lon, 3.0, 1e-9);
	assert_int_equal(geo_distance(&a.centre, &corner, &d), 0);
	assert_true(a.radius >= d - 1e-6);
	assert_true(a.radius > 1300 && a.radius < 1500); /* about 1.11 km x 0.79 km half-sides */
	p.n_points = 2;
	assert_int_equal(gad_area(&p, &a), GAD_EINVAL);
}

static void shapes_outside_the_table_have_no_area(void **state)
{
	struct gad_position p = { .shape = (enum gad_shape)7, .lat = 10, .lon = 10 };
	struct geo_area a;
	(void)state;
	assert_int_equal(gad_area(&p, &a), GAD_EINVAL);
	p.shape = GAD_POINT_UNCERTAINTY_CIRCLE;
	p.uncertainty_m = -1;
	assert_int_equal(gad_area(&p, &a), GAD_EINVAL);
}

/* Random octets (any shape code, any length up to GAD_MAX_LEN + 4): decoding either refuses them
 * or gives a position that encodes again, into octets that decode to the same shape and, encoded
 * once more, to the same octets. Under the sanitizers, also: nothing is read out of bounds. */
static void random_octets_decode_or_are_refused(void **state)
{
	uint8_t in[GAD_MAX_LEN + 4], once[GAD_MAX_LEN], twice[GAD_MAX_LEN];
	struct gad_position p, q;
	size_t once_len, twice_len;
	int decoded = 0;
	(void)state;

	/* the shapes of TS 23.032 and their lengths (a polygon: 1 + 6 per point, the count in the low
	 * nibble) */
	static const struct { uint8_t code; size_t len; } shapes[] = {
		{ 0, 7 }, { 1, 8 }, { 3, 11 }, { 5, 0 }, { 8, 9 }, { 9, 14 }, { 10, 13 },
		{ 11, 13 }, { 12, 18 }, { 13, 13 }, { 14, 18 }
	};

	hostile_seed = 0x6ad0c7e7u;
	for (int i = 0; i < 200000; i++) {
		uint64_t at = hostile_seed;
		size_t len = hostile_bytes(in, sizeof in);

		if (hostile_below(4)) { /* mostly a known shape of its length, the other octets random */
			size_t k = hostile_below(sizeof shapes / sizeof *shapes);
			uint8_t points = (uint8_t)(3 + hostile_below(13));

			len = shapes[k].len ? shapes[k].len : 1 + 6 * (size_t)points;
			for (size_t j = 0; j < len; j++)
				in[j] = (uint8_t)hostile_next();
			in[0] = (uint8_t)(shapes[k].code << 4 | (shapes[k].len ? in[0] & 0x0f : points));
		}
		if (gad_decode(in, len, &p))
			continue;
		decoded++;
		if (gad_encode(&p, once, sizeof once, &once_len) || gad_decode(once, once_len, &q) ||
		    q.shape != p.shape || gad_encode(&q, twice, sizeof twice, &twice_len) || twice_len != once_len ||
		    memcmp(once, twice, once_len))
			fail_msg("octets %d (hostile_seed %#llx): decoded shape %d does not encode stably", i,
				 (unsigned long long)at, (int)p.shape);
	}
	print_message("%d of 200000 random octet strings decoded\n", decoded);
	assert_true(decoded > 50000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(capture_decodes_as_ellipsoid_arc),
		cmocka_unit_test(capture_encodes_back_to_the_same_octets),
		cmocka_unit_test(capture_arc_fits_in_its_outer_disc),
		cmocka_unit_test(ellipse_fits_in_its_semi_major_axis),
		cmocka_unit_test(polygon_fits_around_its_vertices),
		cmocka_unit_test(shapes_outside_the_table_have_no_area),
		cmocka_unit_test(uncertainty_table),
		cmocka_unit_test(uncertainty_code_is_the_smallest_covering_k),
		cmocka_unit_test(uncertainty_code_within_is_the_largest_inside_k),
		cmocka_unit_test(altitude_uncertainty_table),
		cmocka_unit_test(points_round_trip_everywhere),
		cmocka_unit_test(poles_and_antimeridian),
		cmocka_unit_test(circle_round_trips),
		cmocka_unit_test(ellipse_round_trips),
		cmocka_unit_test(polygons_of_3_and_15_points_round_trip),
		cmocka_unit_test(altitude_round_trips_height_and_depth),
		cmocka_unit_test(ellipsoid_round_trips),
		cmocka_unit_test(arc_round_trips_and_rounds_angles_by_the_spec),
		cmocka_unit_test(wrong_lengths_are_refused),
		cmocka_unit_test(unknown_shapes_are_refused),
		cmocka_unit_test(polygon_point_counts_outside_3_to_15_are_refused),
		cmocka_unit_test(confidence_without_information_decodes_as_none),
		cmocka_unit_test(unused_angle_values_are_refused),
		cmocka_unit_test(out_of_range_values_are_not_encoded),
		cmocka_unit_test(arc_converts_to_circular_arc_area_and_back),
		cmocka_unit_test(arc_across_north_keeps_its_included_angle),
		cmocka_unit_test(other_shapes_convert_to_mlp_and_back),
		cmocka_unit_test(closed_mlp_ring_becomes_a_gad_polygon),
		cmocka_unit_test(mlp_shapes_gad_cannot_carry_are_refused),
		cmocka_unit_test(dms_formats_as_mlp_writes_it),
		cmocka_unit_test(dms_parses_and_round_trips),
		cmocka_unit_test(random_octets_decode_or_are_refused),
		cmocka_unit_test(dms_refuses_anything_else),
	};
	return cmocka_run_group_tests_name("gad", tests, NULL, NULL);
}
