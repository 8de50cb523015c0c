/* Seeded random values for the robustness tests: the same seed gives the same values, so a
 * failure repeats. Plain C: the unit tests link it too. */
#ifndef SEEDED_H
#define SEEDED_H

#include <stddef.h>
#include <stdint.h>

/* The state of the sequence; set it to choose a sequence, read it to name the values to come. */
extern uint64_t hostile_seed;

uint32_t hostile_next(void);
/* 0 to n - 1 (n > 0). */
uint32_t hostile_below(uint32_t n);
/* Random bytes (any value, NUL included) of a random length up to max; the length. */
size_t hostile_bytes(uint8_t *buf, size_t max);
/* Half the time a value at an edge (0, 1, -1, small codes, INT32_MIN, INT32_MAX), else any. */
int32_t hostile_int(void);

/* A copy of text (len > 0 bytes) into out, changed at random: a byte replaced by a markup
 * character or any byte, a run of up to 16 bytes cut out or repeated (when out has room), or the
 * end cut off. Its length. */
size_t hostile_mutate(const char *text, size_t len, char *out, size_t size);

#endif
