/* Sh requests the integration tests send again and again. */
#ifndef SH_SAMPLE_H
#define SH_SAMPLE_H

#include "shclient.h"

/* A request of the repository data (Data-Reference 0) of a public identity under the
 * Service-Indication *si (which must outlive the request). */
struct sh_request sh_sample_repository_request(const char *impu, const char *const *si);

#endif
