/* lcs-client output: positions, results and request ids, as text or one JSON object per line.
 * Every line is flushed at once: track prints reports as they arrive. */
#include "cli.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static const char *const shape_names[] = {
	[MLP_POINT] = "Point",
	[MLP_CIRCULAR_AREA] = "CircularArea",
	[MLP_ELLIPTICAL_AREA] = "EllipticalArea",
	[MLP_CIRCULAR_ARC_AREA] = "CircularArcArea",
	[MLP_POLYGON] = "Polygon",
};

static const char *const trigger_names[] = {
	[MLP_TRIGGER_PERIODIC] = "PERIODIC",
	[MLP_TRIGGER_MS_AVAIL] = "MS_AVAIL",
	[MLP_TRIGGER_DISTANCE] = "DISTANCE",
};

static void utc(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, size, "?");
}

static const char *result_name(int result)
{
	const char *name = mlp_result_name(result);

	return name ? name : "UNKNOWN RESULT";
}

static void emit(json_t *o)
{
	char *line = o ? json_dumps(o, JSON_COMPACT) : NULL;

	if (line)
		puts(line);
	free(line);
	json_decref(o);
	fflush(stdout);
}

static json_t *shape_json(const struct mlp_shape *s)
{
	json_t *o = json_pack("{s:s}", "type", shape_names[s->kind]);
	json_t *points;

	if (s->kind == MLP_POLYGON) {
		points = json_array();
		for (int i = 0; i < s->n_points; i++)
			json_array_append_new(points, json_pack("[f,f]", s->points[i].lat, s->points[i].lon));
		json_object_set_new(o, "points", points);
		return o;
	}
	json_object_set_new(o, "lat", json_real(s->coord.lat));
	json_object_set_new(o, "lon", json_real(s->coord.lon));
	if (s->kind == MLP_CIRCULAR_AREA)
		json_object_set_new(o, "radius", json_real(s->radius));
	else if (s->kind == MLP_ELLIPTICAL_AREA)
		json_object_update_new(o, json_pack("{s:f,s:f,s:f}", "semi_major", s->semi_major,
						     "semi_minor", s->semi_minor, "angle", s->angle));
	else if (s->kind == MLP_CIRCULAR_ARC_AREA)
		json_object_update_new(o, json_pack("{s:f,s:f,s:f,s:f}", "in_radius", s->in_radius, "out_radius",
						     s->out_radius, "start_angle", s->start_angle, "stop_angle", s->stop_angle));
	return o;
}

static void print_shape_text(const struct mlp_shape *s)
{
	printf(" %s", shape_names[s->kind]);
	if (s->kind == MLP_POLYGON) {
		for (int i = 0; i < s->n_points; i++)
			printf(" %.6f,%.6f", s->points[i].lat, s->points[i].lon);
		return;
	}
	printf(" lat %.6f lon %.6f", s->coord.lat, s->coord.lon);
	if (s->kind == MLP_CIRCULAR_AREA)
		printf(" radius %g m", s->radius);
	else if (s->kind == MLP_ELLIPTICAL_AREA)
		printf(" semi-major %g m semi-minor %g m angle %g", s->semi_major, s->semi_minor, s->angle);
	else if (s->kind == MLP_CIRCULAR_ARC_AREA)
		printf(" radii %g..%g m angles %g..%g", s->in_radius, s->out_radius, s->start_angle, s->stop_angle);
}

/* What the pd carries beside the shape, when present: alt, alt_unc, lev_conf. */
static void print_pd_extras_text(const struct mlp_shape *s)
{
	if (s->has_altitude)
		printf(" altitude %g m", s->altitude);
	if (s->has_altitude && s->has_altitude_uncertainty)
		printf(" altitude-uncertainty %g m", s->altitude_uncertainty);
	if (s->confidence >= 0)
		printf(" confidence %d%%", s->confidence);
}

static void add_pd_extras_json(json_t *o, const struct mlp_shape *s)
{
	if (s->has_altitude)
		json_object_set_new(o, "altitude", json_real(s->altitude));
	if (s->has_altitude && s->has_altitude_uncertainty)
		json_object_set_new(o, "altitude_uncertainty", json_real(s->altitude_uncertainty));
	if (s->confidence >= 0)
		json_object_set_new(o, "confidence", json_integer(s->confidence));
}

void print_pos(const struct mlp_pos *p, const char *req_id, int json)
{
	char when[32];
	json_t *o;

	utc(p->time, when, sizeof when);
	if (!json) {
		if (req_id)
			printf("report %s %s:", req_id, trigger_names[p->trigger]);
		/* an IMSI as the command line takes it, so that it is told from an MSISDN */
		printf("%s%s%s %s", req_id ? " " : "", p->msid.type == MLP_MSID_IMSI ? "imsi:" : "", p->msid.value,
		       when);
		if (p->result)
			printf(" error %d %s%s%s", p->result, result_name(p->result), p->add_info[0] ? ": " : "",
			       p->add_info);
		else {
			print_shape_text(&p->shape);
			print_pd_extras_text(&p->shape);
			if (p->qos_not_met)
				printf(" qos_not_met");
		}
		putchar('\n');
		fflush(stdout);
		return;
	}
	o = json_pack("{s:s,s:s}", "msid", p->msid.value, "time", when);
	if (p->msid.type != MLP_MSID_MSISDN)
		json_object_set_new(o, "msid_type", json_string(mlp_msid_type_name(p->msid.type)));
	if (req_id)
		json_object_update_new(o, json_pack("{s:s,s:s}", "req_id", req_id, "trigger", trigger_names[p->trigger]));
	if (p->result && p->add_info[0])
		json_object_set_new(o, "add_info", json_string(p->add_info));
	if (p->result)
		json_object_update_new(o, json_pack("{s:i,s:s}", "result", p->result, "name", result_name(p->result)));
	else {
		json_object_set_new(o, "shape", shape_json(&p->shape));
		add_pd_extras_json(o, &p->shape);
		if (p->qos_not_met)
			json_object_set_new(o, "qos_not_met", json_true());
	}
	emit(o);
}

void print_result(int result, const char *add_info, int json)
{
	json_t *o;

	if (!json) {
		printf("result %d %s%s%s\n", result, result_name(result), add_info[0] ? ": " : "", add_info);
		fflush(stdout);
		return;
	}
	o = json_pack("{s:i,s:s}", "result", result, "name", result_name(result));
	if (add_info[0])
		json_object_set_new(o, "add_info", json_string(add_info));
	emit(o);
}

void print_req_id(const char *what, const char *req_id, int json)
{
	if (!json) {
		printf("%s %s\n", what, req_id);
		fflush(stdout);
		return;
	}
	emit(json_pack("{s:s}", what, req_id));
}

int check_answer(int ret, const char *err, const struct mlp_answer *a, enum mlp_answer_kind kind, int json)
{
	if (ret) {
		fprintf(stderr, "lcs-client: %s\n", err[0] ? err : "no answer");
		return EXIT_TRANSPORT;
	}
	if (a->kind == MLP_GEM || a->result) {
		print_result(a->result, a->add_info, json);
		return EXIT_REFUSED;
	}
	if (a->kind != kind) {
		fprintf(stderr, "lcs-client: unexpected answer\n");
		return EXIT_TRANSPORT;
	}
	return EXIT_LOCATED;
}
