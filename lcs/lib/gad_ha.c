/* TS 23.032 high-accuracy shapes (Rel-15: 11, 12; Rel-16 scalable: 13, 14), after octet 1:
 *
 *   ellipse (11, 13), 13 octets      ellipsoid (12, 14), 18 octets
 *   2-5   latitude                   2-5   latitude
 *   6-9   longitude                  6-9   longitude
 *   10    semi-major K               10-12 altitude (22 bits)
 *   11    semi-minor K               13    semi-major K
 *   12    orientation, degrees       14    semi-minor K
 *   13    confidence (bit 8: U)      15    orientation, degrees
 *                                    16    horizontal confidence (bit 8: HU)
 *                                    17    altitude uncertainty K
 *                                    18    vertical confidence (bit 8: VU)
 *
 * Latitude and longitude are 32-bit two's complement, N <= X * 2^31 / 90 (or / 180) < N + 1;
 * the altitude 22-bit two's complement in 2^-7 m (bits 8-7 of octet 10 spare); K is 8 bits,
 * r = 0.3 * (1.02^K - 1), for the altitude uncertainty too. Bit 8 of a confidence octet is spare
 * in 11 and 12; in 13 and 14 it chooses the extended uncertainty range (clause 6.2b), whose
 * coding we could not confirm: such a shape is refused, and 13 and 14 are written in the default
 * range. Sources: lcs.md §3.1 and the session notes (spec captions, Wireshark, LPP's ASN.1). */
#include <math.h>
#include <stdint.h>
#include "gad_internal.h"

#define STEPS_32 2147483648.0 /* 2^31 per 90 degrees of latitude, per 180 of longitude */
#define ALTITUDE_STEPS 128.0 /* per meter */
#define ALTITUDE_MAX 0x1fffff /* 2^21 - 1 steps up; 2^21 down */
#define EXTENDED_RANGE 0x80 /* bit 8 of a confidence octet of 13 and 14 */
#define HA_MAX_K 255

static int has_altitude(unsigned code)
{
	return code == GAD_HA_POINT_ALTITUDE_ELLIPSOID || code == GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID;
}

static int is_scalable(unsigned code)
{
	return code == GAD_HA_POINT_SCALABLE_ELLIPSE || code == GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID;
}

int gad_ha_length(unsigned code)
{
	if (code < GAD_HA_POINT_UNCERTAINTY_ELLIPSE || code > GAD_HA_POINT_ALTITUDE_SCALABLE_ELLIPSOID)
		return -1;
	return has_altitude(code) ? 18 : 13;
}

double gad_ha_uncertainty_m(int k)
{
	return gad_code_value(0.3, 1.02, k);
}

int gad_ha_uncertainty_code(double meters)
{
	int k = gad_code_for(0.3, 1.02, HA_MAX_K, meters);

	return k == HA_MAX_K && gad_ha_uncertainty_m(k) < meters ? GAD_EINVAL : k;
}

/* ---- decoding ---- */

static int32_t get32(const uint8_t *b)
{
	return (int32_t)((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]);
}

static double get_altitude(const uint8_t *b)
{
	int32_t n = (int32_t)((uint32_t)(b[0] & 0x3f) << 16 | (uint32_t)b[1] << 8 | b[2]);

	if (n > ALTITUDE_MAX)
		n -= 2 * (ALTITUDE_MAX + 1);
	return n / ALTITUDE_STEPS;
}

/* Semi-major, semi-minor, orientation and confidence octets. */
static int get_ellipse(const uint8_t *b, int scalable, struct gad_position *out)
{
	if (b[2] >= 180 || (scalable && (b[3] & EXTENDED_RANGE)))
		return GAD_EINVAL;
	out->semi_major_m = gad_ha_uncertainty_m(b[0]);
	out->semi_minor_m = gad_ha_uncertainty_m(b[1]);
	out->orientation_deg = b[2];
	out->confidence = gad_get_confidence(b[3]);
	return 0;
}

int gad_ha_decode(const uint8_t *body, struct gad_position *out)
{
	int scalable = is_scalable(out->shape);

	out->lat = get32(body) * 90.0 / STEPS_32;
	out->lon = get32(body + 4) * 180.0 / STEPS_32;
	if (!has_altitude(out->shape))
		return get_ellipse(body + 8, scalable, out);
	if (scalable && (body[16] & EXTENDED_RANGE))
		return GAD_EINVAL;
	out->altitude_m = get_altitude(body + 8);
	out->uncertainty_altitude_m = gad_ha_uncertainty_m(body[15]);
	out->vertical_confidence = gad_get_confidence(body[16]);
	return get_ellipse(body + 11, scalable, out);
}

/* ---- encoding: the put_ helpers return nonzero for a value out of range ---- */

static void put32(uint8_t *b, int32_t v)
{
	uint32_t u = (uint32_t)v;

	b[0] = (uint8_t)(u >> 24);
	b[1] = (uint8_t)(u >> 16);
	b[2] = (uint8_t)(u >> 8);
	b[3] = (uint8_t)u;
}

/* 90 degrees takes the last latitude step; +180 degrees is written as -180, the same meridian. */
static int put_point(double lat, double lon, uint8_t *b)
{
	if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
		return 1;
	double n = floor(lat * STEPS_32 / 90), m = floor(lon * STEPS_32 / 180);
	put32(b, n >= STEPS_32 ? INT32_MAX : (int32_t)n);
	put32(b + 4, m >= STEPS_32 ? INT32_MIN : (int32_t)m);
	return 0;
}

/* To the nearest step. */
static int put_altitude(double meters, uint8_t *b)
{
	double n = round(meters * ALTITUDE_STEPS);

	if (!(n >= -(ALTITUDE_MAX + 1.0) && n <= ALTITUDE_MAX))
		return 1;
	uint32_t u = (uint32_t)(int32_t)n & 0x3fffff;
	b[0] = (uint8_t)(u >> 16);
	b[1] = (uint8_t)(u >> 8);
	b[2] = (uint8_t)u;
	return 0;
}

static int put_code(double meters, uint8_t *b)
{
	return gad_put_code(gad_ha_uncertainty_code(meters), b);
}

/* The confidence's bit 8 stays 0: the default uncertainty range. */
static int put_ellipse(const struct gad_position *p, uint8_t *b)
{
	return put_code(p->semi_major_m, b) || put_code(p->semi_minor_m, b + 1) ||
	       gad_put_orientation(p->orientation_deg, b + 2) || gad_put_confidence(p->confidence, b + 3);
}

int gad_ha_encode(const struct gad_position *p, uint8_t *body)
{
	if (put_point(p->lat, p->lon, body))
		return 1;
	if (!has_altitude(p->shape))
		return put_ellipse(p, body + 8);
	return put_altitude(p->altitude_m, body + 8) || put_ellipse(p, body + 11) ||
	       put_code(p->uncertainty_altitude_m, body + 15) ||
	       gad_put_confidence(p->vertical_confidence, body + 16);
}
