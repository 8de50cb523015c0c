/* TBCD strings (3GPP TS 29.002 TBCD-STRING): two digits per octet, the first digit in the low
 * nibble, an odd count padded with the filler 0xF in the last high nibble. Digits are 0-9 and
 * '*' '#' 'a' 'b' 'c' (0xA-0xE). Used for MSISDN (Sh, SLh, SLg), MSC-Number and IMSI-like values. */
#ifndef DIAMKIT_TBCD_H
#define DIAMKIT_TBCD_H

#include <stddef.h>
#include <stdint.h>

/* Octets needed for n digits. */
#define TBCD_OCTETS(ndigits) (((ndigits) + 1) / 2)

/* Encode 'digits' (NUL-terminated). Returns the octet count, or -1 when a character is not a
 * TBCD digit, the string is empty, or out (of size outsz) is too small. */
int tbcd_encode(const char *digits, uint8_t *out, size_t outsz);

/* Decode len octets into out (NUL-terminated). Returns the digit count, or -1 when the input is
 * empty, holds a filler anywhere but the last high nibble, or out is too small (needs 2*len+1). */
int tbcd_decode(const uint8_t *in, size_t len, char *out, size_t outsz);

#endif
