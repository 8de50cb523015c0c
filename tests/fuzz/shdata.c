/* Sh-Data and ProSe profiles: a refusal gives its reason; a document read is written back, and
 * that writing read and written again gives the same text. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "shdata.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_schemas(void)
{
	if (shdata_init(NULL)) {
		fprintf(stderr, "fuzz: cannot load the Sh-Data schemas\n");
		abort();
	}
}

int fuzz_shdata(const uint8_t *data, size_t size)
{
	struct sh_data *d = NULL, *again = NULL;
	char err[SHDATA_ERR_LEN], *xml = NULL, *xml2 = NULL;
	size_t len = 0, len2 = 0;

	pthread_once(&once, load_schemas);
	if (shdata_parse((const char *)data, size, &d, err, sizeof err)) {
		FUZZ_CHECK(err[0]);
		return 0;
	}
	FUZZ_CHECK(!shdata_write(d, &xml, &len));
	FUZZ_CHECK(!shdata_parse(xml, len, &again, err, sizeof err));
	FUZZ_CHECK(!shdata_write(again, &xml2, &len2));
	fuzz_check_same_text(xml, len, xml2, len2);
	shdata_free(d);
	shdata_free(again);
	return 0;
}

int fuzz_prose_profile(const uint8_t *data, size_t size)
{
	struct prose_profile *p = NULL, *again = NULL;
	char err[SHDATA_ERR_LEN], *xml = NULL, *xml2 = NULL;
	size_t len = 0, len2 = 0;

	pthread_once(&once, load_schemas);
	if (prose_profile_parse((const char *)data, size, &p, err, sizeof err)) {
		FUZZ_CHECK(err[0]);
		return 0;
	}
	FUZZ_CHECK(!prose_profile_write(p, &xml, &len));
	FUZZ_CHECK(!prose_profile_parse(xml, len, &again, err, sizeof err));
	FUZZ_CHECK(!prose_profile_write(again, &xml2, &len2));
	fuzz_check_same_text(xml, len, xml2, len2);
	prose_profile_free(p);
	prose_profile_free(again);
	return 0;
}
