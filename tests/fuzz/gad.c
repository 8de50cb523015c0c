/* Positions: a GAD shape decoded is encoded again (each value came from a code, so it is in
 * range), and that encoding decodes and encodes to itself; an MLP coordinate read is written
 * and read back within the writing's 0.001 second of arc. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "gad.h"
#include "geo.h"
#include "mlp.h"

int fuzz_gad(const uint8_t *data, size_t size)
{
	struct gad_position p, again;
	struct geo_area area;
	struct mlp_shape shape;
	uint8_t first[GAD_MAX_LEN], second[GAD_MAX_LEN];
	size_t first_len, second_len;

	if (gad_decode(data, size, &p))
		return 0;
	FUZZ_CHECK(!gad_encode(&p, first, sizeof first, &first_len));
	FUZZ_CHECK(!gad_decode(first, first_len, &again));
	FUZZ_CHECK(!gad_encode(&again, second, sizeof second, &second_len));
	FUZZ_CHECK(first_len == second_len && !memcmp(first, second, first_len));
	/* what the GMLC does with a position: its MLP shape and, for proximity, its area */
	FUZZ_CHECK(!gad_area(&p, &area));
	gad_to_mlp(&p, &shape);
	return 0;
}

int fuzz_dms(const uint8_t *data, size_t size)
{
	char text[64], written[64];
	double deg, again;

	if (size >= sizeof text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (int latitude = 0; latitude <= 1; latitude++) {
		if (mlp_dms_parse(text, latitude, &deg))
			continue;
		FUZZ_CHECK(mlp_dms_format(deg, latitude, written, sizeof written) > 0);
		FUZZ_CHECK(!mlp_dms_parse(written, latitude, &again));
		FUZZ_CHECK(fabs(deg - again) <= 0.0005 / 3600 + 1e-9);
	}
	return 0;
}
