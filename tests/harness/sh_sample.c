#include "sh_sample.h"

struct sh_request sh_sample_repository_request(const char *impu, const char *const *si)
{
	static const int repository_data[] = { SH_DR_REPOSITORY_DATA };
	struct sh_request r;

	sh_request_init(&r);
	r.identity_kind = SH_ID_PUBLIC_IDENTITY;
	r.identity = impu;
	r.data_references = repository_data;
	r.n_data_references = 1;
	r.service_indications = si;
	r.n_service_indications = 1;
	return r;
}
