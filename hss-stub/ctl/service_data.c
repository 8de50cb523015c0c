/* ServiceData is checked before it is stored, as the Sh server checks a PUR's: one well-formed
 * XML element, safe to read (the Sh-Data codec's protections), and, for the ProSe profile, valid
 * against its schema. The HSS then serves stored ServiceData as it is. */
#include "ctl.h"
#include "shdata.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int ctl_check_service_data(const char *service_indication, const char *xml, char *err, size_t errlen)
{
	struct sh_repository_data rd = {
		.service_indication = (char *)service_indication,
		.service_data = (char *)xml,
	};
	struct sh_data data = { .repository_data = &rd, .n_repository_data = 1 };
	char *out = NULL;
	int rc;

	if ((rc = shdata_init(NULL))) {
		snprintf(err, errlen, "cannot load the Sh-Data schemas");
		return rc;
	}
	data.ims_user_state = data.psi_activation = data.cs_user_state = data.ps_user_state =
		data.eps_user_state = SHDATA_ABSENT;
	rc = shdata_write(&data, &out, NULL);
	free(out);
	if (rc)
		snprintf(err, errlen, "not one well-formed XML element");
	else if (!strcmp(service_indication, PROSE_SERVICE_INDICATION)) {
		struct prose_profile *profile = NULL;
		rc = prose_profile_parse(xml, strlen(xml), &profile, err, errlen);
		prose_profile_free(profile);
	}
	shdata_cleanup();
	return rc ? EINVAL : 0;
}

int ctl_check_repository_section(json_t *doc, char *err, size_t errlen)
{
	json_t *item;
	size_t i;

	json_array_foreach(json_object_get(doc, "repository_data"), i, item) {
		const char *si = json_string_value(json_object_get(item, "service_indication"));
		const char *xml = json_string_value(json_object_get(item, "service_data"));
		char why[STORE_ERR_LEN];
		if (si && xml && ctl_check_service_data(si, xml, why, sizeof why)) {
			snprintf(err, errlen, "$.repository_data[%zu].service_data: %s", i, why);
			return EINVAL;
		}
	}
	return 0;
}
