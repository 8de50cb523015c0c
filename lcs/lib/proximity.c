/* Proximity of two UEs known with horizontal uncertainty (shared/specs/lcs.md §3.2): the sure
 * decision from the uncertainty circles, and the probability under a circular Gaussian model. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include "geo.h"

/* Beyond TAIL standard deviations from the mean separation, the Rice distribution holds less
 * than exp(-TAIL^2 / 2) < 3e-18 of its mass. */
#define TAIL 9.0
/* Simpson's step, in standard deviations: error below span * h^4 * max|f''''| / 180, under
 * 1e-9 for the span of 2 * TAIL and |f''''| < 10. */
#define SIMPSON_STEP 0.005
/* From there on the asymptotic series of I0 reaches full precision before it diverges. */
#define I0_ASYMPTOTIC_FROM 30.0

int geo_area_valid(const struct geo_area *area)
{
	double c = area->confidence;

	return geo_point_valid(&area->centre) && isfinite(area->radius) && area->radius >= 0 &&
	       (c == 0 || (c > 0 && c < 1));
}

static int range_valid(double range)
{
	return isfinite(range) && range >= 0;
}

/* The distance between the centres, or -1 when an input is invalid. */
static double centre_distance(const struct geo_area *a, const struct geo_area *b, double range)
{
	double d;

	if (!geo_area_valid(a) || !geo_area_valid(b) || !range_valid(range))
		return -1;
	return geo_distance(&a->centre, &b->centre, &d) == 0 ? d : -1;
}

enum geo_proximity geo_proximity(const struct geo_area *a, const struct geo_area *b, double range_m)
{
	double d = centre_distance(a, b, range_m);

	if (d < 0)
		return GEO_CANNOT_TELL;
	if (d + a->radius + b->radius <= range_m)
		return GEO_NEAR;
	if (d - a->radius - b->radius > range_m)
		return GEO_NOT_NEAR;
	return GEO_CANNOT_TELL;
}

/* Standard deviation of one coordinate: the circle of the given radius holds the position with
 * the area's confidence. */
static double sigma(const struct geo_area *area)
{
	double p = area->confidence != 0 ? area->confidence : GEO_DEFAULT_CONFIDENCE;

	return area->radius / sqrt(-2 * log1p(-p));
}

/* exp(-z) I0(z) for 0 <= z < I0_ASYMPTOTIC_FROM, from the power series (positive terms). */
static double i0_scaled_series(double z)
{
	double q = z * z / 4, term = 1, sum = 1;

	for (int k = 1; term > sum * DBL_EPSILON / 4; k++) {
		term *= q / ((double)k * k);
		sum += term;
	}
	return sum * exp(-z);
}

/* sqrt(2 pi z) exp(-z) I0(z) for z >= I0_ASYMPTOTIC_FROM, from the asymptotic series, summed
 * while its terms still decrease. */
static double i0_scaled_asymptotic(double z)
{
	double term = 1, sum = 1;

	for (int k = 1; term > DBL_EPSILON / 4; k++) {
		double next = term * (2 * k - 1) * (2 * k - 1) / (8 * k * z);

		if (next >= term)
			break;
		term = next;
		sum += term;
	}
	return sum;
}

/* Density of the length of (nu, 0) + N(0, I2) at nu + t (Rice, sigma 1), written
 * x exp(-(x - nu)^2 / 2) exp(-x nu) I0(x nu) so that nothing overflows. */
static double rice_density(double nu, double t)
{
	double x = nu + t, z = x * nu, g = exp(-t * t / 2);

	if (z < I0_ASYMPTOTIC_FROM)
		return x * i0_scaled_series(z) * g;
	return sqrt(x / (2 * M_PI * nu)) * i0_scaled_asymptotic(z) * g;
}

/* P(R <= nu + t_hi) for R of Rice(nu, 1), by Simpson's rule over [max(-nu, -TAIL), t_hi]. */
static double rice_cdf(double nu, double t_hi)
{
	double t_lo = fmax(-nu, -TAIL);
	int n;
	double h, sum;

	if (t_hi >= TAIL)
		return 1;
	if (t_hi <= t_lo)
		return 0;
	n = 2 * (int)ceil((t_hi - t_lo) / (2 * SIMPSON_STEP));
	h = (t_hi - t_lo) / n;
	sum = rice_density(nu, t_lo) + rice_density(nu, t_hi);
	for (int i = 1; i < n; i++)
		sum += (i % 2 ? 4 : 2) * rice_density(nu, t_lo + i * h);
	return fmin(1, fmax(0, sum * h / 3));
}

double geo_probability_near(const struct geo_area *a, const struct geo_area *b, double range_m)
{
	double d = centre_distance(a, b, range_m);
	double s;

	if (d < 0)
		return -1;
	s = hypot(sigma(a), sigma(b));
	/* uncertainty below the resolution of d: the positions are exact */
	if (s <= d * DBL_EPSILON || s == 0)
		return d <= range_m ? 1 : 0;
	/* t_hi is taken from range - d, not range / s - d / s, to keep its precision */
	return rice_cdf(d / s, (range_m - d) / s);
}

int geo_area_widen(struct geo_area *area, double speed, double age)
{
	double r;

	if (!geo_area_valid(area) || !range_valid(speed) || !range_valid(age))
		return -EINVAL;
	r = area->radius + speed * age;
	if (!isfinite(r))
		return -EINVAL;
	area->radius = r;
	return 0;
}
