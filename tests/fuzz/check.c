/* What a fuzz target does when a promise breaks, and the checks the targets share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
	abort();
}

void fuzz_check_same_text(char *first, size_t first_len, char *second, size_t second_len)
{
	FUZZ_CHECK(first_len == second_len && !memcmp(first, second, first_len));
	free(first);
	free(second);
}
