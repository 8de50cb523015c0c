/* What gad.c (the original shapes) and gad_ha.c (the high-accuracy ones) share. */
#ifndef LCS_GAD_INTERNAL_H
#define LCS_GAD_INTERNAL_H

#include "gad.h"

/* An uncertainty code's value, c * (base^K - 1), and the smallest K (at most max_k) whose value
 * is at least meters: max_k when none is, or GAD_EINVAL for a negative value or NaN. */
double gad_code_value(double c, double base, int k);
int gad_code_for(double c, double base, int max_k, double meters);

/* A confidence octet's bits 7-1: percent, or -1 for 0 and 101..127 (no information); and back
 * (-1 as 0), nonzero for a value out of range. */
int gad_get_confidence(uint8_t b);
int gad_put_confidence(int c, uint8_t *b);
/* An uncertainty code K (GAD_EINVAL, from a *_code() function, is refused); an orientation in
 * degrees, 0 up to 360 (180 and on: the same ellipse as 180 less). Nonzero when refused. */
int gad_put_code(int k, uint8_t *b);
int gad_put_orientation(double deg, uint8_t *b);

/* The high-accuracy shapes, after octet 1: 'body' is octets 2 on, of the shape's length. */
int gad_ha_length(unsigned code);
int gad_ha_decode(const uint8_t *body, struct gad_position *out);
int gad_ha_encode(const struct gad_position *p, uint8_t *body);

#endif
