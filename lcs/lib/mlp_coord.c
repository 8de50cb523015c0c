/* MLP WGS84 coordinates as DMSH text (MLP 3.5 §5.3.144/145). */
#include <math.h>
#include <stdio.h>
#include "mlp_coord.h"

#define MAS_PER_DEGREE 3600000LL /* thousandths of an arc second */

int mlp_dms_format(double deg, int is_latitude, char *buf, size_t size)
{
	double max = is_latitude ? 90 : 180;
	if (!(fabs(deg) <= max))
		return -1;
	/* Round once, in the last printed unit, so that 59.9996" never shows as 60.000". */
	long long mas = llround(fabs(deg) * MAS_PER_DEGREE);
	char hemisphere = is_latitude ? (deg < 0 ? 'S' : 'N') : (deg < 0 ? 'W' : 'E');
	int n = snprintf(buf, size, "%lld %02lld %02lld.%03lld%c", mas / MAS_PER_DEGREE,
			 mas / 60000 % 60, mas / 1000 % 60, mas % 1000, hemisphere);
	return n < 0 || (size_t)n >= size ? -1 : n;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Two digits below 60, or -1. */
static int sexagesimal(const char **s)
{
	const char *p = *s;
	if (!is_digit(p[0]) || !is_digit(p[1]))
		return -1;
	int v = (p[0] - '0') * 10 + (p[1] - '0');
	*s = p + 2;
	return v < 60 ? v : -1;
}

/* +1 or -1 for the hemisphere letters of this axis, 0 for anything else. */
static int hemisphere_sign(char c, int is_latitude)
{
	if (c == (is_latitude ? 'N' : 'E'))
		return 1;
	if (c == (is_latitude ? 'S' : 'W'))
		return -1;
	return 0;
}

int mlp_dms_parse(const char *text, int is_latitude, double *deg)
{
	const char *s = text;
	int degrees = 0, digits = 0;
	while (digits < 3 && is_digit(*s)) {
		degrees = degrees * 10 + (*s++ - '0');
		digits++;
	}
	if (digits == 0 || *s != ' ')
		return -1;
	s++;
	int minutes = sexagesimal(&s);
	if (minutes < 0 || *s != ' ')
		return -1;
	s++;
	int seconds_int = sexagesimal(&s);
	if (seconds_int < 0)
		return -1;
	double seconds = seconds_int;
	if (*s == '.') {
		s++;
		if (!is_digit(*s))
			return -1;
		for (double scale = 0.1; is_digit(*s); scale /= 10)
			seconds += (*s++ - '0') * scale;
	}
	int sign = hemisphere_sign(*s, is_latitude);
	if (sign == 0 || s[1] != '\0')
		return -1;
	double value = degrees + minutes / 60.0 + seconds / 3600;
	if (value > (is_latitude ? 90 : 180))
		return -1;
	*deg = sign * value;
	return 0;
}
