/* The scenario file (JSON): the shape answers are given in, and the UEs.
 *
 *   { "shape": "circle",        point | circle | ellipse | arc | polygon | ha_ellipse (default
 *                               circle); ha_ellipse: TS 23.032's high-accuracy ellipse (ellipsoid
 *                               with altitude). A GMLC whose PLR does not list the shape in
 *                               Supported-GAD-Shapes gets another (location.c).
 *     "uncertainty_m": 50,      circle radius, ellipse semi-axes, arc thickness, polygon half-side
 *                               (ha_ellipse: at most 46.49, what its codes reach)
 *     "altitude_uncertainty_m": 10,   of a position with altitude (default 10; ha_ellipse: as
 *                                     uncertainty_m)
 *     "confidence": 67,         percent, 1..100, for ellipse, arc and altitude (default 67)
 *     "ues": [ { "imsi": "001010000000001", "msisdn": "33612345678",   at least one of them
 *                "position": { "lat": 48.85, "lon": 2.35, "alt": 35 },   or a trajectory:
 *                "trajectory": [ { "t": 0, "lat": 48.85, "lon": 2.35 }, { "t": 60, ... } ],
 *                (alt: meters, negative for a depth, on every point or none; a PLR asking for
 *                the vertical position gets a point with altitude and uncertainty ellipsoid)
 *                "age_minutes": 0,    the age of its last known location: the
 *                                     Age-Of-Location-Estimate of a CURRENT_OR_LAST_KNOWN_LOCATION
 *                                     (the other types position the UE now: 0)
 *                "delay_ms": 0,       how long positioning takes: each PLA of the UE is sent
 *                                     that much later (at most 600000)
 *                "allowed_clients": [ "prose-as" ],   the UE's privacy: only these LCS clients
 *                                     (LCS-EPS-Client-Name) may locate it, others get 4224
 *                                     POSITIONING_DENIED; absent: any client, empty: none
 *                "error": "unreachable" } ] }   or suspended, detached, positioning_denied,
 *                                                positioning_failed: that 42xx answer instead
 *
 * A trajectory starts at t = 0 and its times (seconds since the stub started) increase; the UE
 * moves in a straight line (in degrees) between points and, after the last one, starts again from
 * the first: repeat the first point at the end for a closed round. Unknown keys are errors, so a
 * misspelt key is not silently ignored. The daemon reloads the file on SIGUSR1 (current.c). */
#include "mme_stub.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DELAY_MS 600000

/* Log an error about the value at a JSON path ("ues[1].trajectory[0].t"). */
static int bad(const char *jpath, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	LOG_E("mme_stub: scenario %s: %s", jpath, text);
	return EINVAL;
}

/* Every key of obj is one of the names. */
static int known_keys(json_t *obj, const char *jpath, const char *const *names)
{
	const char *key;
	json_t *value;

	json_object_foreach(obj, key, value) {
		size_t i = 0;
		while (names[i] && strcmp(names[i], key))
			i++;
		if (!names[i])
			return bad(jpath, "unknown key '%s'", key);
	}
	return 0;
}

/* obj[key] as a number in [min, max]; def when absent, unless required. */
static int get_number(json_t *obj, const char *jpath, const char *key, double min, double max,
		      int required, double def, double *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v) {
		*out = def;
		return required ? bad(jpath, "'%s' is required", key) : 0;
	}
	if (!json_is_number(v) || json_number_value(v) < min || json_number_value(v) > max)
		return bad(jpath, "'%s' must be a number from %g to %g", key, min, max);
	*out = json_number_value(v);
	return 0;
}

/* A point, its alt too when the UE's first point has one (then every point must). */
static int get_point(json_t *obj, const char *jpath, struct scenario_ue *ue, struct waypoint *p)
{
	if (!json_is_object(obj))
		return bad(jpath, "must be an object");
	if (p == ue->path)
		ue->has_altitude = json_object_get(obj, "alt") != NULL;
	CHECK_FCT(get_number(obj, jpath, "lat", -90, 90, 1, 0, &p->lat));
	/* GAD altitude: a sign and 15 bits of meters */
	CHECK_FCT(get_number(obj, jpath, "alt", -32767, 32767, ue->has_altitude, 0, &p->alt));
	if (!ue->has_altitude && json_object_get(obj, "alt"))
		return bad(jpath, "'alt' on some points only: on every point or none");
	return get_number(obj, jpath, "lon", -180, 180, 1, 0, &p->lon);
}

static int get_position(json_t *pos, const char *jpath, struct scenario_ue *ue)
{
	static const char *const keys[] = { "lat", "lon", "alt", NULL };

	CHECK_FCT(get_point(pos, jpath, ue, &ue->path[0]));
	return known_keys(pos, jpath, keys);
}

static int get_trajectory(json_t *traj, const char *jpath, struct scenario_ue *ue)
{
	static const char *const keys[] = { "t", "lat", "lon", "alt", NULL };
	char path[160];
	json_t *point;
	size_t i;

	json_array_foreach(traj, i, point) {
		struct waypoint *p = &ue->path[i];
		snprintf(path, sizeof path, "%s[%zu]", jpath, i);
		CHECK_FCT(get_point(point, path, ue, p));
		CHECK_FCT(known_keys(point, path, keys));
		CHECK_FCT(get_number(point, path, "t", 0, 1e9, 1, 0, &p->t));
		if (i == 0 && p->t != 0)
			return bad(path, "a trajectory starts at t = 0");
		if (i > 0 && p->t <= p[-1].t)
			return bad(path, "'t' must be greater than the previous point's");
	}
	return 0;
}

/* The path of a UE: one point, or a trajectory. The caller frees ue->path. */
static int get_path(json_t *u, const char *jpath, struct scenario_ue *ue)
{
	json_t *pos = json_object_get(u, "position"), *traj = json_object_get(u, "trajectory");
	char path[128];

	if (!pos == !traj)
		return bad(jpath, "needs either 'position' or 'trajectory'");
	if (traj && (!json_is_array(traj) || json_array_size(traj) < 2))
		return bad(jpath, "'trajectory' must be an array of at least 2 points");
	ue->npath = traj ? json_array_size(traj) : 1;
	CHECK_MALLOC(ue->path = calloc(ue->npath, sizeof *ue->path));
	snprintf(path, sizeof path, "%s.%s", jpath, pos ? "position" : "trajectory");
	return pos ? get_position(pos, path, ue) : get_trajectory(traj, path, ue);
}

static int get_digits(json_t *u, const char *jpath, const char *key, size_t min, char *out, size_t size)
{
	json_t *v = json_object_get(u, key);
	const char *s;

	if (!v)
		return 0;
	s = json_string_value(v);
	if (!s || strlen(s) < min || strlen(s) >= size || strspn(s, "0123456789") != strlen(s))
		return bad(jpath, "'%s' must be a string of %zu to %zu digits", key, min, size - 1);
	strcpy(out, s);
	return 0;
}

/* A name of the scenario and what it stands for. */
struct choice {
	const char *name;
	uint32_t value;
};

/* obj[key], one of the n names of choices (their list in the error); def when absent. */
static int get_choice(json_t *obj, const char *jpath, const char *key, const struct choice *choices,
		      size_t n, uint32_t def, uint32_t *out)
{
	json_t *v = json_object_get(obj, key);
	const char *s = json_string_value(v);
	char names[256] = "";

	*out = def;
	if (!v)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s && !strcmp(s, choices[i].name)) {
			*out = choices[i].value;
			return 0;
		}
		snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", choices[i].name);
	}
	return bad(jpath, "'%s' must be one of %s", key, names);
}

static const struct choice errors[] = {
	{ "unreachable", SLG_ERROR_UNREACHABLE_USER },
	{ "suspended", SLG_ERROR_SUSPENDED_USER },
	{ "detached", SLG_ERROR_DETACHED_USER },
	{ "positioning_denied", SLG_ERROR_POSITIONING_DENIED },
	{ "positioning_failed", SLG_ERROR_POSITIONING_FAILED },
};

static const struct choice shapes[] = {
	{ "point", GAD_POINT },
	{ "circle", GAD_POINT_UNCERTAINTY_CIRCLE },
	{ "ellipse", GAD_POINT_UNCERTAINTY_ELLIPSE },
	{ "arc", GAD_ELLIPSOID_ARC },
	{ "polygon", GAD_POLYGON },
	{ "ha_ellipse", GAD_HA_POINT_UNCERTAINTY_ELLIPSE },
};

/* An IMSI or MSISDN already given to an earlier UE. */
static int duplicate(const struct scenario *s, size_t n, const struct scenario_ue *ue, const char *jpath)
{
	for (size_t i = 0; i < n; i++) {
		if (ue->imsi[0] && !strcmp(ue->imsi, s->ues[i].imsi))
			return bad(jpath, "imsi %s is already ues[%zu]'s", ue->imsi, i);
		if (ue->msisdn[0] && !strcmp(ue->msisdn, s->ues[i].msisdn))
			return bad(jpath, "msisdn %s is already ues[%zu]'s", ue->msisdn, i);
	}
	return 0;
}

/* "allowed_clients": up to SCENARIO_MAX_CLIENTS names. */
static int get_allowed_clients(json_t *u, const char *jpath, struct scenario_ue *ue)
{
	json_t *list = json_object_get(u, "allowed_clients"), *name;
	size_t i;

	if (!list)
		return 0;
	if (!json_is_array(list) || json_array_size(list) > SCENARIO_MAX_CLIENTS)
		return bad(jpath, "'allowed_clients' must be an array of at most %d names", SCENARIO_MAX_CLIENTS);
	json_array_foreach(list, i, name) {
		const char *text = json_string_value(name);

		if (!text || !*text || strlen(text) >= SCENARIO_CLIENT_LEN)
			return bad(jpath, "allowed_clients[%zu] must be a name of 1 to %d characters", i,
				   SCENARIO_CLIENT_LEN - 1);
		strcpy(ue->allowed_clients[i], text);
	}
	ue->n_allowed_clients = json_array_size(list);
	ue->privacy_restricted = 1;
	return 0;
}

int scenario_client_allowed(const struct scenario_ue *ue, const char *client)
{
	if (!ue->privacy_restricted)
		return 1;
	for (size_t i = 0; client && i < ue->n_allowed_clients; i++)
		if (!strcmp(ue->allowed_clients[i], client))
			return 1;
	return 0;
}

static int get_ue(json_t *u, const char *jpath, struct scenario *s, size_t n)
{
	static const char *const keys[] = { "imsi", "msisdn", "position", "trajectory", "age_minutes",
					    "delay_ms", "allowed_clients", "error", NULL };
	struct scenario_ue *ue = &s->ues[n];
	double age, delay;

	if (!json_is_object(u))
		return bad(jpath, "must be an object");
	CHECK_FCT(known_keys(u, jpath, keys));
	CHECK_FCT(get_digits(u, jpath, "imsi", 5, ue->imsi, sizeof ue->imsi));
	CHECK_FCT(get_digits(u, jpath, "msisdn", 1, ue->msisdn, sizeof ue->msisdn));
	if (!ue->imsi[0] && !ue->msisdn[0])
		return bad(jpath, "needs an 'imsi' or an 'msisdn'");
	CHECK_FCT(duplicate(s, n, ue, jpath));
	CHECK_FCT(get_number(u, jpath, "age_minutes", 0, UINT32_MAX, 0, 0, &age));
	if (age != (uint32_t)age)
		return bad(jpath, "'age_minutes' must be a whole number");
	ue->age_minutes = (uint32_t)age;
	CHECK_FCT(get_number(u, jpath, "delay_ms", 0, MAX_DELAY_MS, 0, 0, &delay));
	if (delay != (uint32_t)delay)
		return bad(jpath, "'delay_ms' must be a whole number");
	ue->delay_ms = (uint32_t)delay;
	CHECK_FCT(get_choice(u, jpath, "error", errors, DK_COUNT(errors), 0, &ue->error));
	CHECK_FCT(get_allowed_clients(u, jpath, ue));
	return get_path(u, jpath, ue);
}

static int get_scenario(json_t *root, struct scenario *s)
{
	static const char *const keys[] = { "shape", "uncertainty_m", "altitude_uncertainty_m", "confidence",
					    "ues", NULL };
	json_t *ues = json_object_get(root, "ues"), *u;
	double confidence;
	uint32_t shape;
	char path[64];
	size_t i;

	if (!json_is_object(root))
		return bad("(top)", "must be an object");
	CHECK_FCT(known_keys(root, "(top)", keys));
	CHECK_FCT(get_choice(root, "(top)", "shape", shapes, DK_COUNT(shapes), GAD_POINT_UNCERTAINTY_CIRCLE, &shape));
	s->shape = (enum gad_shape)shape;
	CHECK_FCT(get_number(root, "uncertainty_m", "uncertainty_m", 0, 1800000, 0, 50, &s->uncertainty_m));
	CHECK_FCT(get_number(root, "altitude_uncertainty_m", "altitude_uncertainty_m", 0, 990, 0, 10,
			     &s->altitude_uncertainty_m));
	if (s->shape == GAD_HA_POINT_UNCERTAINTY_ELLIPSE &&
	    (gad_ha_uncertainty_code(s->uncertainty_m) < 0 || gad_ha_uncertainty_code(s->altitude_uncertainty_m) < 0))
		return bad("(top)", "'uncertainty_m' and 'altitude_uncertainty_m' must be at most %.2f m for shape "
				    "ha_ellipse", gad_ha_uncertainty_m(255));
	CHECK_FCT(get_number(root, "confidence", "confidence", 1, 100, 0, 67, &confidence));
	s->confidence = (int)confidence;
	if (!json_is_array(ues))
		return bad("ues", "must be an array of UEs");
	s->nues = json_array_size(ues);
	CHECK_MALLOC(s->ues = calloc(s->nues ? s->nues : 1, sizeof *s->ues));
	json_array_foreach(ues, i, u) {
		snprintf(path, sizeof path, "ues[%zu]", i);
		CHECK_FCT(get_ue(u, path, s, i));
	}
	return 0;
}

int scenario_load(const char *path, struct scenario *s)
{
	json_error_t err;
	json_t *root;
	int ret;

	memset(s, 0, sizeof *s);
	if (!(root = json_load_file(path, JSON_REJECT_DUPLICATES, &err))) {
		LOG_E("mme_stub: scenario %s: line %d, column %d: %s", path, err.line, err.column, err.text);
		return EINVAL;
	}
	ret = get_scenario(root, s);
	json_decref(root);
	if (ret) {
		LOG_E("mme_stub: the scenario %s is refused", path);
		scenario_free(s);
		return ret;
	}
	clock_gettime(CLOCK_MONOTONIC, &s->start);
	return 0;
}

void scenario_free(struct scenario *s)
{
	for (size_t i = 0; s->ues && i < s->nues; i++)
		free(s->ues[i].path);
	free(s->ues);
	memset(s, 0, sizeof *s);
}

const struct scenario_ue *scenario_find(const struct scenario *s, const char *imsi, const char *msisdn)
{
	const struct scenario_ue *ue = imsi && imsi[0] ? scenario_find_imsi(s, imsi) : NULL;

	return !ue && msisdn && msisdn[0] ? scenario_find_msisdn(s, msisdn) : ue;
}

const struct scenario_ue *scenario_find_imsi(const struct scenario *s, const char *imsi)
{
	for (size_t i = 0; i < s->nues; i++)
		if (s->ues[i].imsi[0] && !strcmp(s->ues[i].imsi, imsi))
			return &s->ues[i];
	return NULL;
}

const struct scenario_ue *scenario_find_msisdn(const struct scenario *s, const char *msisdn)
{
	for (size_t i = 0; i < s->nues; i++)
		if (s->ues[i].msisdn[0] && !strcmp(s->ues[i].msisdn, msisdn))
			return &s->ues[i];
	return NULL;
}
