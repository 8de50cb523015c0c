/* TS 23.032 GAD codec (lcs.md §3.1) and the GAD <-> MLP shape mapping (lcs.md §1.1, §3.1). */
#include <math.h>
#include <string.h>
#include "gad_internal.h"

#define LAT_STEPS 8388608.0 /* 2^23 per 90 degrees */
#define LON_STEPS 16777216.0 /* 2^24 per 360 degrees */

/* Octets of a shape, from its code and (for a polygon) its point count; -1 for codes 2, 4, 6,
 * 7 and 15, which are unused. */
static int shape_length(unsigned code, int n_points)
{
	switch (code) {
	case GAD_POINT:
		return 7;
	case GAD_POINT_UNCERTAINTY_CIRCLE:
		return 8;
	case GAD_POINT_UNCERTAINTY_ELLIPSE:
		return 11;
	case GAD_POLYGON:
		return n_points >= 3 && n_points <= GAD_MAX_POINTS ? 1 + 6 * n_points : -1;
	case GAD_POINT_ALTITUDE:
		return 9;
	case GAD_POINT_ALTITUDE_ELLIPSOID:
		return 14;
	case GAD_ELLIPSOID_ARC:
		return 13;
	default:
		return gad_ha_length(code);
	}
}

static int is_ha(enum gad_shape shape)
{
	return gad_ha_length(shape) > 0;
}

static int has_confidence(enum gad_shape shape)
{
	return shape == GAD_POINT_UNCERTAINTY_ELLIPSE || shape == GAD_POINT_ALTITUDE_ELLIPSOID ||
	       shape == GAD_ELLIPSOID_ARC || is_ha(shape);
}

double gad_code_value(double c, double base, int k)
{
	return c * (pow(base, k) - 1);
}

int gad_code_for(double c, double base, int max_k, double meters)
{
	if (!(meters >= 0))
		return GAD_EINVAL;
	int k = 0;
	while (k < max_k && gad_code_value(c, base, k) < meters)
		k++;
	return k;
}

/* The original shapes' codes have 7 bits. */
static int code_for(double c, double base, double meters)
{
	return gad_code_for(c, base, 127, meters);
}

double gad_uncertainty_m(int k)
{
	return gad_code_value(10, 1.1, k);
}

int gad_uncertainty_code(double meters)
{
	return code_for(10, 1.1, meters);
}

/* The largest K whose value is at most meters (127 above the table). */
static int code_within(double c, double base, double meters)
{
	int k = code_for(c, base, meters);

	return k > 0 && gad_code_value(c, base, k) > meters ? k - 1 : k;
}

int gad_uncertainty_code_within(double meters)
{
	return code_within(10, 1.1, meters);
}

/* The formula is only a picture in the 23.032 text; C = 45, x = 0.025 is what TS 25.331
 * (10.3.8.4c, "Uncertainty Altitude") and other GAD users write out. */
double gad_altitude_uncertainty_m(int k)
{
	return gad_code_value(45, 1.025, k);
}

int gad_altitude_uncertainty_code(double meters)
{
	return code_for(45, 1.025, meters);
}

int gad_altitude_uncertainty_code_within(double meters)
{
	return code_within(45, 1.025, meters);
}

uint32_t gad_supported_shape_bit(enum gad_shape shape)
{
	static const enum gad_shape by_bit[] = {
		GAD_POINT, GAD_POINT_UNCERTAINTY_CIRCLE, GAD_POINT_UNCERTAINTY_ELLIPSE, GAD_POLYGON,
		GAD_POINT_ALTITUDE, GAD_POINT_ALTITUDE_ELLIPSOID, GAD_ELLIPSOID_ARC,
		GAD_HA_POINT_UNCERTAINTY_ELLIPSE, GAD_HA_POINT_ALTITUDE_ELLIPSOID, GAD_HA_POINT_SCALABLE_ELLIPSE,
		GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID,
	};

	for (unsigned bit = 0; bit < sizeof by_bit / sizeof by_bit[0]; bit++)
		if (by_bit[bit] == shape)
			return 1u << bit;
	return 0;
}

/* ---- decoding ---- */

static uint32_t get24(const uint8_t *b)
{
	return (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2];
}

/* Each value decodes to the low end of its step, as Wireshark shows it. */
static void get_point(const uint8_t *b, double *lat, double *lon)
{
	uint32_t n = get24(b);
	*lat = (n & 0x7fffff) * 90.0 / LAT_STEPS;
	if (n & 0x800000)
		*lat = -*lat;
	int32_t m = (int32_t)get24(b + 3);
	if (m & 0x800000)
		m -= 0x1000000;
	*lon = m * 360.0 / LON_STEPS;
}

/* Sign bit (1 = depth) and 15 bits of meters. */
static double get_altitude(const uint8_t *b)
{
	double meters = (b[0] & 0x7f) << 8 | b[1];
	return b[0] & 0x80 ? -meters : meters;
}

int gad_get_confidence(uint8_t b)
{
	int c = b & 0x7f;
	return c == 0 || c > 100 ? -1 : c;
}

/* Semi-major, semi-minor and orientation octets of the ellipse and the ellipsoid.
 * Orientation: the Rel-16 text says "angle in degrees between the major axis and north ...
 * values of 180 and above are not used", so the raw value is taken as degrees 0..179; older
 * texts (and Wireshark) count it in 2-degree steps. Raw values 180..255 are refused. */
static int get_axes(const uint8_t *b, struct gad_position *out)
{
	if (b[2] >= 180)
		return GAD_EINVAL;
	out->semi_major_m = gad_uncertainty_m(b[0] & 0x7f);
	out->semi_minor_m = gad_uncertainty_m(b[1] & 0x7f);
	out->orientation_deg = b[2];
	return 0;
}

/* Inner radius (16 bits, 5 m steps), uncertainty, offset angle (2N <= a < 2(N+1)), included
 * angle (2N < a <= 2(N+1)), confidence. Angle values above 179 would pass 360 degrees. */
static int get_arc(const uint8_t *b, struct gad_position *out)
{
	if (b[3] >= 180 || b[4] >= 180)
		return GAD_EINVAL;
	out->inner_radius_m = 5.0 * (b[0] << 8 | b[1]);
	out->uncertainty_m = gad_uncertainty_m(b[2] & 0x7f);
	out->offset_angle_deg = 2.0 * b[3];
	out->included_angle_deg = 2.0 * (b[4] + 1);
	out->confidence = gad_get_confidence(b[5]);
	return 0;
}

static int get_body(const uint8_t *b, struct gad_position *out)
{
	switch (out->shape) {
	case GAD_POINT_UNCERTAINTY_CIRCLE:
		out->uncertainty_m = gad_uncertainty_m(b[0] & 0x7f);
		return 0;
	case GAD_POINT_UNCERTAINTY_ELLIPSE:
		out->confidence = gad_get_confidence(b[3]);
		return get_axes(b, out);
	case GAD_POINT_ALTITUDE:
		out->altitude_m = get_altitude(b);
		return 0;
	case GAD_POINT_ALTITUDE_ELLIPSOID:
		out->altitude_m = get_altitude(b);
		out->uncertainty_altitude_m = gad_altitude_uncertainty_m(b[5] & 0x7f);
		out->confidence = gad_get_confidence(b[6]);
		return get_axes(b + 2, out);
	case GAD_ELLIPSOID_ARC:
		return get_arc(b, out);
	default: /* GAD_POINT */
		return 0;
	}
}

int gad_decode(const uint8_t *buf, size_t len, struct gad_position *out)
{
	if (len == 0)
		return GAD_EINVAL;
	unsigned code = buf[0] >> 4;
	int want = shape_length(code, buf[0] & 0x0f);
	if (want < 0 || len != (size_t)want)
		return GAD_EINVAL;
	memset(out, 0, sizeof *out);
	out->shape = (enum gad_shape)code;
	out->confidence = out->vertical_confidence = -1;
	if (is_ha(out->shape))
		return gad_ha_decode(buf + 1, out);
	if (code != GAD_POLYGON) {
		get_point(buf + 1, &out->lat, &out->lon);
		return get_body(buf + 7, out);
	}
	out->n_points = buf[0] & 0x0f;
	for (int i = 0; i < out->n_points; i++)
		get_point(buf + 1 + 6 * i, &out->points[i].lat, &out->points[i].lon);
	return 0;
}

/* ---- encoding: the put_ helpers return nonzero for a value out of range ---- */

static void put24(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 16);
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)v;
}

/* N <= (2^23/90)|X| < N+1 and N <= (2^24/360)X < N+1; 90 degrees takes the last latitude
 * step, +180 degrees is written as -180, the same meridian. */
static int put_point(double lat, double lon, uint8_t *b)
{
	if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
		return 1;
	uint32_t n = (uint32_t)floor(fabs(lat) * LAT_STEPS / 90);
	if (n > 0x7fffff)
		n = 0x7fffff;
	put24(b, lat < 0 ? n | 0x800000 : n);
	int32_t m = (int32_t)floor(lon * LON_STEPS / 360);
	if (m == 0x800000)
		m = -0x800000;
	put24(b + 3, (uint32_t)m & 0xffffff);
	return 0;
}

static int put_altitude(double meters, uint8_t *b)
{
	if (!(fabs(meters) < 32767.5))
		return 1;
	long n = lround(fabs(meters));
	b[0] = (uint8_t)(n >> 8 | (meters < 0 ? 0x80 : 0));
	b[1] = (uint8_t)n;
	return 0;
}

int gad_put_code(int k, uint8_t *b)
{
	if (k < 0)
		return 1;
	*b = (uint8_t)k;
	return 0;
}

int gad_put_confidence(int c, uint8_t *b)
{
	if (c < -1 || c > 100)
		return 1;
	*b = (uint8_t)(c < 0 ? 0 : c);
	return 0;
}

/* An orientation of 180..360 degrees is the same ellipse as 180 degrees less. */
int gad_put_orientation(double deg, uint8_t *b)
{
	if (!(deg >= 0 && deg < 360))
		return 1;
	*b = (uint8_t)((int)floor(deg) % 180);
	return 0;
}

static int put_axes(const struct gad_position *p, uint8_t *b)
{
	return gad_put_code(gad_uncertainty_code(p->semi_major_m), b) ||
	       gad_put_code(gad_uncertainty_code(p->semi_minor_m), b + 1) ||
	       gad_put_orientation(p->orientation_deg, b + 2);
}

static int put_arc(const struct gad_position *p, uint8_t *b)
{
	double inner = p->inner_radius_m, offset = p->offset_angle_deg;
	double included = p->included_angle_deg;
	if (!(inner >= 0 && inner < 5 * 65535.5 && offset >= 0 && offset < 360 && included > 0 &&
	      included <= 360))
		return 1;
	long n = lround(inner / 5);
	b[0] = (uint8_t)(n >> 8);
	b[1] = (uint8_t)n;
	b[3] = (uint8_t)floor(offset / 2);
	b[4] = (uint8_t)(ceil(included / 2) - 1);
	return gad_put_code(gad_uncertainty_code(p->uncertainty_m), b + 2) ||
	       gad_put_confidence(p->confidence, b + 5);
}

static int put_body(const struct gad_position *p, uint8_t *b)
{
	switch (p->shape) {
	case GAD_POINT_UNCERTAINTY_CIRCLE:
		return gad_put_code(gad_uncertainty_code(p->uncertainty_m), b);
	case GAD_POINT_UNCERTAINTY_ELLIPSE:
		return put_axes(p, b) || gad_put_confidence(p->confidence, b + 3);
	case GAD_POINT_ALTITUDE:
		return put_altitude(p->altitude_m, b);
	case GAD_POINT_ALTITUDE_ELLIPSOID:
		return put_altitude(p->altitude_m, b) || put_axes(p, b + 2) ||
		       gad_put_code(gad_altitude_uncertainty_code(p->uncertainty_altitude_m), b + 5) ||
		       gad_put_confidence(p->confidence, b + 6);
	case GAD_ELLIPSOID_ARC:
		return put_arc(p, b);
	default: /* GAD_POINT */
		return 0;
	}
}

static int put_shape(const struct gad_position *p, uint8_t *b)
{
	b[0] = (uint8_t)(p->shape << 4);
	if (is_ha(p->shape))
		return gad_ha_encode(p, b + 1);
	if (p->shape != GAD_POLYGON)
		return put_point(p->lat, p->lon, b + 1) || put_body(p, b + 7);
	b[0] |= (uint8_t)p->n_points;
	for (int i = 0; i < p->n_points; i++)
		if (put_point(p->points[i].lat, p->points[i].lon, b + 1 + 6 * i))
			return 1;
	return 0;
}

int gad_encode(const struct gad_position *p, uint8_t *buf, size_t size, size_t *len)
{
	uint8_t out[GAD_MAX_LEN];
	int want = shape_length(p->shape, p->n_points);
	if (want < 0)
		return GAD_EINVAL;
	if (size < (size_t)want)
		return GAD_ENOSPC;
	if (put_shape(p, out))
		return GAD_EINVAL;
	memcpy(buf, out, (size_t)want);
	*len = (size_t)want;
	return 0;
}

/* ---- MLP ---- */

int gad_to_mlp(const struct gad_position *p, struct mlp_shape *out)
{
	memset(out, 0, sizeof *out);
	out->coord = (struct mlp_coord){ p->lat, p->lon };
	out->confidence = has_confidence(p->shape) ? p->confidence : -1;
	switch (p->shape) {
	case GAD_POINT:
		out->kind = MLP_POINT;
		return 0;
	case GAD_POINT_ALTITUDE:
		out->kind = MLP_POINT;
		out->has_altitude = 1;
		out->altitude = p->altitude_m;
		return 0;
	case GAD_POINT_UNCERTAINTY_CIRCLE:
		out->kind = MLP_CIRCULAR_AREA;
		out->radius = p->uncertainty_m;
		return 0;
	case GAD_POINT_ALTITUDE_ELLIPSOID:
	case GAD_HA_POINT_ALTITUDE_ELLIPSOID:
	case GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID:
		out->has_altitude = out->has_altitude_uncertainty = 1;
		out->altitude = p->altitude_m;
		out->altitude_uncertainty = p->uncertainty_altitude_m;
		/* fall through */
	case GAD_POINT_UNCERTAINTY_ELLIPSE:
	case GAD_HA_POINT_UNCERTAINTY_ELLIPSE:
	case GAD_HA_POINT_SCALABLE_ELLIPSE:
		out->kind = MLP_ELLIPTICAL_AREA;
		out->angle = p->orientation_deg;
		out->semi_major = p->semi_major_m;
		out->semi_minor = p->semi_minor_m;
		return 0;
	case GAD_ELLIPSOID_ARC:
		out->kind = MLP_CIRCULAR_ARC_AREA;
		out->in_radius = p->inner_radius_m;
		out->out_radius = p->inner_radius_m + p->uncertainty_m;
		out->start_angle = p->offset_angle_deg;
		out->stop_angle = fmod(p->offset_angle_deg + p->included_angle_deg, 360);
		return 0;
	case GAD_POLYGON:
		if (p->n_points < 3 || p->n_points > GAD_MAX_POINTS)
			return GAD_EINVAL;
		out->kind = MLP_POLYGON;
		out->n_points = p->n_points;
		for (int i = 0; i < p->n_points; i++)
			out->points[i] = (struct mlp_coord){ p->points[i].lat, p->points[i].lon };
		return 0;
	}
	return GAD_EINVAL;
}

/* GAD has an altitude only on a point (without its uncertainty) and on an ellipse. */
static int altitude_fits(const struct mlp_shape *m)
{
	if (m->has_altitude_uncertainty && !m->has_altitude)
		return 0;
	switch (m->kind) {
	case MLP_POINT:
		return !m->has_altitude_uncertainty;
	case MLP_ELLIPTICAL_AREA:
		return 1;
	default:
		return !m->has_altitude;
	}
}

/* The ring's closing point, a repeat of the first, is dropped. */
static int polygon_from_mlp(const struct mlp_shape *m, struct gad_position *out)
{
	int n = m->n_points;
	if (n > 3 && m->points[n - 1].lat == m->points[0].lat &&
	    m->points[n - 1].lon == m->points[0].lon)
		n--;
	if (n < 3 || n > GAD_MAX_POINTS)
		return GAD_EINVAL;
	out->shape = GAD_POLYGON;
	out->n_points = n;
	for (int i = 0; i < n; i++)
		out->points[i] = (struct gad_point){ m->points[i].lat, m->points[i].lon };
	return 0;
}

static int arc_from_mlp(const struct mlp_shape *m, struct gad_position *out)
{
	if (!(m->out_radius >= m->in_radius))
		return GAD_EINVAL;
	out->shape = GAD_ELLIPSOID_ARC;
	out->inner_radius_m = m->in_radius;
	out->uncertainty_m = m->out_radius - m->in_radius;
	out->offset_angle_deg = m->start_angle;
	out->included_angle_deg = m->stop_angle - m->start_angle;
	if (out->included_angle_deg <= 0) /* the arc passes north */
		out->included_angle_deg += 360;
	return 0;
}

static int kind_from_mlp(const struct mlp_shape *m, struct gad_position *out)
{
	switch (m->kind) {
	case MLP_POINT:
		out->shape = m->has_altitude ? GAD_POINT_ALTITUDE : GAD_POINT;
		out->altitude_m = m->altitude;
		return 0;
	case MLP_CIRCULAR_AREA:
		out->shape = GAD_POINT_UNCERTAINTY_CIRCLE;
		out->uncertainty_m = m->radius;
		return 0;
	case MLP_ELLIPTICAL_AREA:
		out->shape = m->has_altitude ? GAD_POINT_ALTITUDE_ELLIPSOID :
					       GAD_POINT_UNCERTAINTY_ELLIPSE;
		out->orientation_deg = m->angle;
		out->semi_major_m = m->semi_major;
		out->semi_minor_m = m->semi_minor;
		out->altitude_m = m->altitude;
		out->uncertainty_altitude_m = m->has_altitude_uncertainty ? m->altitude_uncertainty : 0;
		return 0;
	case MLP_CIRCULAR_ARC_AREA:
		return arc_from_mlp(m, out);
	case MLP_POLYGON:
		return polygon_from_mlp(m, out);
	}
	return GAD_EINVAL;
}

int gad_from_mlp(const struct mlp_shape *m, struct gad_position *out)
{
	if (!altitude_fits(m))
		return GAD_EINVAL;
	memset(out, 0, sizeof *out);
	out->lat = m->coord.lat;
	out->lon = m->coord.lon;
	if (kind_from_mlp(m, out))
		return GAD_EINVAL;
	out->confidence = has_confidence(out->shape) ? m->confidence : -1;
	out->vertical_confidence = -1;
	return 0;
}
