/* What an SLh or SLg outcome means to an MLP client: the MLP result id (OMA MLP 3.5 §5.4) a GMLC
 * answers with when the HSS or the MME answered with a Diameter result. There is no standard
 * table: docs/lcs-results.md gives this one and its reasons (the informative MAP-to-MLP mapping
 * of MLP 3.5 §5.5.4, applied to the Diameter codes that replace those MAP errors). */
#ifndef LCS_RESULTS_H
#define LCS_RESULTS_H

#include <stdint.h>

/* Outcomes that are not a Diameter answer. */
#define LCS_NO_ANSWER 0 /* timeout: no answer came */

/* The MLP result id for a Diameter answer: vendor 0 for Result-Code, 10415 for a 3GPP
 * Experimental-Result-Code; code LCS_NO_ANSWER (vendor 0) for a timeout. */
int lcs_mlp_result_of(uint32_t vendor, uint32_t code);

#endif
