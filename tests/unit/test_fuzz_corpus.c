/* The fuzz targets (tests/fuzz/) run over their corpora: the seeds, the inputs libFuzzer kept
 * for the code they reach, and every input that once broke a promise. Under `make test
 * SANITIZE=1` a crash, leak or undefined behaviour on any of them fails the suite, as does a
 * target's own check (it aborts, after naming the check; the input is the last one named in
 * this program's log). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fuzz.h"

#ifndef FUZZ_CORPUS_DIR
#define FUZZ_CORPUS_DIR "tests/fuzz/corpus"
#endif

struct target {
	const char *name;
	int (*run)(const uint8_t *data, size_t size);
};

static uint8_t *read_input(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
	    (data = malloc((size_t)n + 1)) && fread(data, 1, (size_t)n, f) == (size_t)n) {
		*size = (size_t)n;
	} else {
		free(data);
		data = NULL;
	}
	fclose(f);
	return data;
}

static void replay(void **state)
{
	const struct target *t = *state;
	char dir[4096], path[8192];
	struct dirent *e;
	int inputs = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/%s", FUZZ_CORPUS_DIR, t->name);
	assert_non_null(d = opendir(dir));
	while ((e = readdir(d))) {
		uint8_t *data;
		size_t size = 0;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		fprintf(stderr, "%s\n", path);
		if (!(data = read_input(path, &size)))
			fail_msg("cannot read %s", path);
		assert_int_equal(t->run(data, size), 0);
		free(data);
		inputs++;
	}
	closedir(d);
	assert_true(inputs > 0);
}

#define TARGET(n) { #n, fuzz_##n }
static struct target targets[] = {
	TARGET(mlp_request), TARGET(mlp_answer), TARGET(gad), TARGET(dms),
	TARGET(shdata), TARGET(prose_profile), TARGET(subscriber), TARGET(store_import), TARGET(tbcd),
};

int main(void)
{
	struct CMUnitTest tests[sizeof targets / sizeof targets[0]];

	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
		tests[i] = (struct CMUnitTest){ .name = targets[i].name, .test_func = replay,
						.initial_state = &targets[i] };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
