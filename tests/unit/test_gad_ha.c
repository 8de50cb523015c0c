/* The TS 23.032 high-accuracy shapes (11 to 14): octets, limits, the scalable shapes' extended
 * range refused, and their MLP form. No public capture of them was found: the vectors are
 * worked out by hand from the codings (lcs/lib/gad_ha.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>
#include "near.h"
#include "gad.h"

#define LAT_STEP (90.0 / 2147483648.0)
#define LON_STEP (180.0 / 2147483648.0)

/* 52.5 N 13.4 W: latitude floor(52.5 * 2^31 / 90) = 0x4aaaaaaa, longitude floor(-13.4 * 2^31 /
 * 180) = -159868228 = 0xf6789abc; semi-major K 50 (0.5075 m), semi-minor K 30 (0.2434 m),
 * 45 degrees, confidence 68. */
static const uint8_t ha_ellipse[] = { 0xb0, 0x4a, 0xaa, 0xaa, 0xaa, 0xf6, 0x78, 0x9a, 0xbc,
				      0x32, 0x1e, 0x2d, 0x44 };
/* The same, 12.25 m deep (-1568 steps of 2^-7 m: 0x3ff9e0 in 22 bits), altitude uncertainty
 * K 40 (0.3624 m), vertical confidence 95. */
static const uint8_t ha_ellipsoid[] = { 0xc0, 0x4a, 0xaa, 0xaa, 0xaa, 0xf6, 0x78, 0x9a, 0xbc,
					0x3f, 0xf9, 0xe0, 0x32, 0x1e, 0x2d, 0x44, 0x28, 0x5f };

/* A position of an HA shape, its confidences "no information". */
#define HA(shape_, lat_, lon_)                                                                       \
	((struct gad_position){ .shape = (shape_), .lat = (lat_), .lon = (lon_), .confidence = -1,   \
				.vertical_confidence = -1 })

/* What the vectors hold, as a caller gives it: each value within its step. */
static struct gad_position vector_position(enum gad_shape shape)
{
	struct gad_position p = HA(shape, 52.5, -13.4);

	p.semi_major_m = 0.5;
	p.semi_minor_m = 0.24;
	p.orientation_deg = 45;
	p.confidence = 68;
	p.altitude_m = -12.25;
	p.uncertainty_altitude_m = 0.36;
	p.vertical_confidence = 95;
	return p;
}

static void encodes_to(const struct gad_position *p, const uint8_t *want, size_t want_len)
{
	uint8_t buf[GAD_MAX_LEN];
	size_t len = 0;

	assert_int_equal(gad_encode(p, buf, sizeof buf, &len), 0);
	assert_int_equal(len, want_len);
	assert_memory_equal(buf, want, want_len);
}

static void ha_uncertainty_table(void **state)
{
	(void)state;
	assert_near(gad_ha_uncertainty_m(0), 0, 0);
	assert_near(gad_ha_uncertainty_m(1), 0.006, 1e-9);
	assert_near(gad_ha_uncertainty_m(50), 0.5075, 1e-4);
	assert_near(gad_ha_uncertainty_m(100), 1.873, 1e-3);
	assert_near(gad_ha_uncertainty_m(255), 46.49, 0.005);
	for (int k = 0; k <= 255; k++)
		assert_int_equal(gad_ha_uncertainty_code(gad_ha_uncertainty_m(k)), k);
	assert_int_equal(gad_ha_uncertainty_code(0.5), 50); /* r(49) = 0.4916 */
	/* beyond the table: refused, not written as less than it is */
	assert_int_equal(gad_ha_uncertainty_code(gad_ha_uncertainty_m(255) + 0.01), GAD_EINVAL);
	assert_int_equal(gad_ha_uncertainty_code(-0.1), GAD_EINVAL);
	assert_int_equal(gad_ha_uncertainty_code(NAN), GAD_EINVAL);
}

static void ellipse_vector_decodes_and_encodes(void **state)
{
	struct gad_position p, want = vector_position(GAD_HA_POINT_UNCERTAINTY_ELLIPSE);

	(void)state;
	assert_int_equal(gad_decode(ha_ellipse, sizeof ha_ellipse, &p), 0);
	assert_int_equal(p.shape, GAD_HA_POINT_UNCERTAINTY_ELLIPSE);
	assert_true(p.lat <= 52.5 && 52.5 - p.lat < LAT_STEP);
	assert_true(p.lon <= -13.4 && -13.4 - p.lon < LON_STEP);
	assert_near(p.semi_major_m, gad_ha_uncertainty_m(50), 0);
	assert_near(p.semi_minor_m, gad_ha_uncertainty_m(30), 0);
	assert_near(p.orientation_deg, 45, 0);
	assert_int_equal(p.confidence, 68);
	assert_int_equal(p.vertical_confidence, -1);
	encodes_to(&want, ha_ellipse, sizeof ha_ellipse);
	encodes_to(&p, ha_ellipse, sizeof ha_ellipse);
}

static void ellipsoid_vector_decodes_and_encodes(void **state)
{
	struct gad_position p, want = vector_position(GAD_HA_POINT_ALTITUDE_ELLIPSOID);

	(void)state;
	assert_int_equal(gad_decode(ha_ellipsoid, sizeof ha_ellipsoid, &p), 0);
	assert_int_equal(p.shape, GAD_HA_POINT_ALTITUDE_ELLIPSOID);
	assert_true(p.lat <= 52.5 && 52.5 - p.lat < LAT_STEP);
	assert_near(p.altitude_m, -12.25, 0);
	assert_near(p.semi_major_m, gad_ha_uncertainty_m(50), 0);
	assert_near(p.orientation_deg, 45, 0);
	assert_int_equal(p.confidence, 68);
	assert_near(p.uncertainty_altitude_m, gad_ha_uncertainty_m(40), 0);
	assert_int_equal(p.vertical_confidence, 95);
	encodes_to(&want, ha_ellipsoid, sizeof ha_ellipsoid);
}

/* 13 and 14 are 11 and 12 with a range flag in bit 8 of each confidence octet: in the default
 * range they read alike; the extended range is refused, since its coding is unconfirmed. Bit 8
 * is spare in 11 and 12, and ignored there. */
static void scalable_shapes_in_the_default_range_only(void **state)
{
	uint8_t buf[sizeof ha_ellipsoid];
	struct gad_position p, q;

	(void)state;
	memcpy(buf, ha_ellipse, sizeof ha_ellipse);
	buf[0] = 0xd0;
	assert_int_equal(gad_decode(buf, sizeof ha_ellipse, &p), 0);
	assert_int_equal(p.shape, GAD_HA_POINT_SCALABLE_ELLIPSE);
	assert_near(p.semi_major_m, gad_ha_uncertainty_m(50), 0);
	assert_int_equal(p.confidence, 68);
	encodes_to(&p, buf, sizeof ha_ellipse);
	buf[12] |= 0x80; /* U: extended range */
	assert_int_equal(gad_decode(buf, sizeof ha_ellipse, &p), GAD_EINVAL);
	buf[0] = 0xb0; /* spare in shape 11 */
	assert_int_equal(gad_decode(buf, sizeof ha_ellipse, &p), 0);
	assert_int_equal(p.confidence, 68);

	memcpy(buf, ha_ellipsoid, sizeof ha_ellipsoid);
	buf[0] = 0xe0;
	assert_int_equal(gad_decode(buf, sizeof buf, &p), 0);
	assert_int_equal(p.shape, GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID);
	assert_near(p.altitude_m, -12.25, 0);
	assert_int_equal(p.vertical_confidence, 95);
	encodes_to(&p, buf, sizeof buf);
	buf[15] |= 0x80; /* HU */
	assert_int_equal(gad_decode(buf, sizeof buf, &q), GAD_EINVAL);
	buf[15] &= 0x7f;
	buf[17] |= 0x80; /* VU */
	assert_int_equal(gad_decode(buf, sizeof buf, &q), GAD_EINVAL);
	buf[0] = 0xc0; /* spare in shape 12 */
	assert_int_equal(gad_decode(buf, sizeof buf, &q), 0);
	assert_int_equal(q.vertical_confidence, 95);
}

static void poles_antimeridian_and_altitude_limits(void **state)
{
	uint8_t buf[GAD_MAX_LEN];
	size_t len;
	struct gad_position p = HA(GAD_HA_POINT_ALTITUDE_ELLIPSOID, 90, 180), out;

	(void)state;
	p.altitude_m = 16383.99;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), 0);
	assert_memory_equal(buf + 1, "\x7f\xff\xff\xff\x80\x00\x00\x00\x1f\xff\xff", 11);
	assert_int_equal(gad_decode(buf, len, &out), 0);
	assert_near(out.lat, 90, LAT_STEP); /* the last step: 90 itself does not fit */
	assert_near(out.lon, -180, 0); /* +180 is -180, the same meridian */
	assert_near(out.altitude_m, 16384 - 1 / 128.0, 0);
	p = HA(GAD_HA_POINT_ALTITUDE_ELLIPSOID, -90, -180);
	p.altitude_m = -16384;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), 0);
	assert_memory_equal(buf + 1, "\x80\x00\x00\x00\x80\x00\x00\x00\x20\x00\x00", 11);
	assert_int_equal(gad_decode(buf, len, &out), 0);
	assert_near(out.lat, -90, 0);
	assert_near(out.altitude_m, -16384, 0);
	p.altitude_m = 0.004; /* to the nearest step */
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), 0);
	assert_int_equal(gad_decode(buf, len, &out), 0);
	assert_near(out.altitude_m, 1 / 128.0, 0);
	p.altitude_m = 16384;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p.altitude_m = -16384.01;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
}

static void values_outside_the_shape_are_not_encoded(void **state)
{
	uint8_t buf[GAD_MAX_LEN];
	size_t len;
	struct gad_position p = vector_position(GAD_HA_POINT_ALTITUDE_ELLIPSOID);

	(void)state;
	p.semi_major_m = 50; /* an HA shape cannot say it: the caller picks an ordinary one */
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = vector_position(GAD_HA_POINT_ALTITUDE_ELLIPSOID);
	p.uncertainty_altitude_m = 47;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = vector_position(GAD_HA_POINT_ALTITUDE_ELLIPSOID);
	p.vertical_confidence = 101;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = vector_position(GAD_HA_POINT_UNCERTAINTY_ELLIPSE);
	p.lat = 90.0001;
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), GAD_EINVAL);
	p = vector_position(GAD_HA_POINT_UNCERTAINTY_ELLIPSE);
	p.orientation_deg = 225.5; /* half a turn on: the same ellipse, at 45 */
	assert_int_equal(gad_encode(&p, buf, sizeof buf, &len), 0);
	assert_int_equal(buf[11], 45);
	assert_int_equal(gad_encode(&p, buf, 12, &len), GAD_ENOSPC);
	/* an orientation octet of 180 or more is not a value the shapes use */
	memcpy(buf, ha_ellipse, sizeof ha_ellipse);
	buf[11] = 180;
	assert_int_equal(gad_decode(buf, sizeof ha_ellipse, &p), GAD_EINVAL);
}

/* MLP has one lev_conf: the HA ellipsoid's horizontal confidence. */
static void mlp_form_and_area(void **state)
{
	struct gad_position p;
	struct mlp_shape m;
	struct geo_area a;

	(void)state;
	assert_int_equal(gad_decode(ha_ellipsoid, sizeof ha_ellipsoid, &p), 0);
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.kind, MLP_ELLIPTICAL_AREA);
	assert_near(m.semi_major, gad_ha_uncertainty_m(50), 0);
	assert_near(m.semi_minor, gad_ha_uncertainty_m(30), 0);
	assert_near(m.angle, 45, 0);
	assert_true(m.has_altitude && m.has_altitude_uncertainty);
	assert_near(m.altitude, -12.25, 0);
	assert_near(m.altitude_uncertainty, gad_ha_uncertainty_m(40), 0);
	assert_int_equal(m.confidence, 68);
	assert_int_equal(gad_area(&p, &a), 0);
	assert_near(a.radius, gad_ha_uncertainty_m(50), 0);

	assert_int_equal(gad_decode(ha_ellipse, sizeof ha_ellipse, &p), 0);
	assert_int_equal(gad_to_mlp(&p, &m), 0);
	assert_int_equal(m.kind, MLP_ELLIPTICAL_AREA);
	assert_false(m.has_altitude);
	assert_int_equal(m.confidence, 68);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ha_uncertainty_table),
		cmocka_unit_test(ellipse_vector_decodes_and_encodes),
		cmocka_unit_test(ellipsoid_vector_decodes_and_encodes),
		cmocka_unit_test(scalable_shapes_in_the_default_range_only),
		cmocka_unit_test(poles_antimeridian_and_altitude_limits),
		cmocka_unit_test(values_outside_the_shape_are_not_encoded),
		cmocka_unit_test(mlp_form_and_area),
	};
	return cmocka_run_group_tests_name("gad_ha", tests, NULL, NULL);
}
