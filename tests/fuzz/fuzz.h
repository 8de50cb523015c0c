/* Fuzz targets: each takes one input of any bytes, checks what the code under test promises for
 * it (a refusal names its reason; what is read can be written back and read again unchanged),
 * and aborts, saying which promise broke, when it does not. Crashes, leaks and undefined behaviour
 * are the sanitizers' to catch. libFuzzer drives the targets (`make fuzz`, libfuzzer/entry.c);
 * test_fuzz_corpus replays their corpora (corpus/<target>/) in the test suite. */
#ifndef TK_FUZZ_H
#define TK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #cond))
__attribute__((noreturn)) void fuzz_fail(const char *file, int line, const char *what);
/* Checks that two writings of one document are the same text, then frees both. */
void fuzz_check_same_text(char *first, size_t first_len, char *second, size_t second_len);

/* Each returns 0, as libFuzzer wants. */
int fuzz_mlp_request(const uint8_t *data, size_t size);  /* an svc_init, as the GMLC reads it */
int fuzz_mlp_answer(const uint8_t *data, size_t size);   /* an svc_result or gem, as clients read it */
int fuzz_gad(const uint8_t *data, size_t size);          /* a TS 23.032 shape, as in a PLA or LRR */
int fuzz_dms(const uint8_t *data, size_t size);          /* an MLP coordinate, X or Y */
int fuzz_shdata(const uint8_t *data, size_t size);       /* Sh-Data, as in a UDA, PUR or PNR */
int fuzz_prose_profile(const uint8_t *data, size_t size); /* a ProSe profile (repository data) */
int fuzz_subscriber(const uint8_t *data, size_t size);   /* a subscriber's JSON, as hss-ctl takes it */
int fuzz_store_import(const uint8_t *data, size_t size); /* a whole store's JSON, imported into LMDB */
int fuzz_tbcd(const uint8_t *data, size_t size);         /* a TBCD string (MSISDN, IMSI) */

#endif
