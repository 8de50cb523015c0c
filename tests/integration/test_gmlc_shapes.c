/* The shapes a GMLC client gets when the MME answers in TS 23.032's high-accuracy ones: the
 * GMLC's PLR lists them in Supported-GAD-Shapes, so the lab's MME (scenario shape ha_ellipse,
 * 0.5 m, 0.4 m up and down, 68 %) answers in them, and the slia carries the sub-meter
 * EllipticalArea, with alt and alt_unc when the altitude is asked. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "gad.h"
#include "location_lab.h"
#include "mlp.h"
#include "mlp_client.h"

#define COORD_TOLERANCE 1e-6 /* MLP's DMS text: 0.001 second of arc, 3e-7 degrees */

static struct location_lab lab = {
	.mme_shape = "\"shape\": \"ha_ellipse\", \"uncertainty_m\": 0.5, \"altitude_uncertainty_m\": 0.4, "
		     "\"confidence\": 68",
};
static char url[128];

static int setup(void **state)
{
	(void)state;
	if (location_lab_start(&lab, "gmlc_shapes"))
		return -1;
	snprintf(url, sizeof url, "http://127.0.0.1:%d" MLP_PATH, lab.http_port);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return location_lab_stop(&lab);
}

/* Alice located with that eqop: her one position. */
static struct mlp_answer *locate_alice(const struct mlp_eqop *eqop)
{
	const char *const targets[] = { ALICE_MSISDN };
	struct mlp_client c = { .url = url, .client_id = CLIENT_ID, .pwd = CLIENT_PWD, .version = MLP_V3_5,
				.eqop = eqop };
	struct mlp_answer *a = NULL;
	char err[256];

	if (mlp_client_locate(&c, targets, 1, &a, err, sizeof err))
		fail_msg("locate: %s", err);
	assert_int_equal(a->kind, MLP_SLIA);
	assert_int_equal(a->n_pos, 1);
	assert_int_equal(a->pos[0].result, 0);
	return a;
}

/* The HA ellipse: semi-axes of code 50, 0.5075 m, where the ordinary codes' least is 1 m. */
static void assert_high_accuracy_ellipse(const struct mlp_shape *s)
{
	assert_int_equal(s->kind, MLP_ELLIPTICAL_AREA);
	assert_true(fabs(s->coord.lat - ALICE_LAT) < COORD_TOLERANCE);
	assert_true(fabs(s->coord.lon - ALICE_LON) < COORD_TOLERANCE);
	assert_true(fabs(s->semi_major - gad_ha_uncertainty_m(50)) < 1e-6);
	assert_true(fabs(s->semi_minor - gad_ha_uncertainty_m(50)) < 1e-6);
	assert_int_equal(s->confidence, 68);
}

static void slia_in_the_high_accuracy_ellipse(void **state)
{
	struct mlp_answer *a = locate_alice(NULL);

	(void)state;
	assert_high_accuracy_ellipse(&a->pos[0].shape);
	assert_false(a->pos[0].shape.has_altitude);
	free(a);
}

/* alt_acc asks for the vertical position: the HA ellipsoid, alice's 35 m to 0.4022 m (code 43);
 * 2 m asked is SLg's code 1 (1.1 m), which 0.4 m fulfils. */
static void slia_in_the_high_accuracy_ellipsoid(void **state)
{
	struct mlp_eqop eqop;
	struct mlp_answer *a;

	(void)state;
	mlp_eqop_init(&eqop);
	eqop.alt_acc_m = 2;
	a = locate_alice(&eqop);
	assert_high_accuracy_ellipse(&a->pos[0].shape);
	assert_true(a->pos[0].shape.has_altitude && a->pos[0].shape.has_altitude_uncertainty);
	assert_true(a->pos[0].shape.altitude == ALICE_ALT);
	assert_true(fabs(a->pos[0].shape.altitude_uncertainty - gad_ha_uncertainty_m(43)) < 1e-6);
	assert_false(a->pos[0].qos_not_met);
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slia_in_the_high_accuracy_ellipse),
		cmocka_unit_test(slia_in_the_high_accuracy_ellipsoid),
	};
	return cmocka_run_group_tests_name("gmlc_shapes", tests, setup, teardown);
}
