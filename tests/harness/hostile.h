/* Robustness tests of Diameter servers: hostile values in AVPs (on the seeded sequence of
 * seeded.h) and sending many such requests. */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <stddef.h>
#include <stdint.h>

#include <freeDiameter/freeDiameter-host.h>

#include "seeded.h"

/* How the requests of hostile_send were answered: 2001, anything else, and how many distinct
 * results (Result-Code, or 100000 + Experimental-Result-Code), up to 64. */
struct hostile_tally {
	int successes, errors, kinds;
	uint32_t seen[64];
};

/* Send rounds requests made by make (which may call the hostile_ functions), each waited for
 * timeout_ms. 0 when every one was answered with a result; else -1 with why naming the request
 * and the seed that makes it again. */
int hostile_send(struct msg *(*make)(void), int rounds, int timeout_ms, struct hostile_tally *tally, char *why,
		 size_t size);

/* Add an AVP of a string type: the text known (a value the server holds), another, random bytes,
 * or a long run of one letter (300 to 599 bytes). 0 or an error code. */
int hostile_add_text(msg_or_avp *parent, struct dict_object *model, const char *known, const char *other);

#endif
