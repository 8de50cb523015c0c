/* Repository data rules (TS 29.328 §6.1.2, Sh-Update): Sequence-Number 0 creates the data, each
 * change carries the successor of the stored number (65535 wraps to 1, 0 is never reused), and an
 * HSS that disagrees answers DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC. */
#include <string.h>

#include "shclient_internal.h"

#define SEQUENCE_MAX 65535

int sh_sequence_next(int stored)
{
	return stored == SH_UNSET ? 0 : stored % SEQUENCE_MAX + 1;
}

const struct sh_repository_data *sh_answer_repository_data(const struct sh_answer *answer,
							   const char *service_indication)
{
	const struct sh_data *data = answer->data;

	for (size_t i = 0; data && i < data->n_repository_data; i++)
		if (!strcmp(data->repository_data[i].service_indication, service_indication))
			return &data->repository_data[i];
	return NULL;
}

int sh_repository_items_xml(const struct sh_repository_data *items, size_t n, char **xml, size_t *len)
{
	struct sh_data *data = shdata_new();
	int ret;

	if (!data)
		return ENOMEM;
	data->repository_data = (struct sh_repository_data *)items; /* lent, taken back before shdata_free */
	data->n_repository_data = n;
	ret = shdata_write(data, xml, len);
	data->repository_data = NULL;
	data->n_repository_data = 0;
	shdata_free(data);
	return ret;
}

int sh_repository_data_xml(const char *service_indication, int sequence_number,
			   const char *service_data, char **xml, size_t *len)
{
	struct sh_repository_data entry = {
		.service_indication = (char *)service_indication,
		.sequence_number = sequence_number,
		.service_data = (char *)service_data,
	};

	return sh_repository_items_xml(&entry, 1, xml, len);
}

int sh_update_should_retry(const struct sh_answer *pua, int attempt, int max_attempts)
{
	return sh_answer_code(pua) == SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC && attempt < max_attempts;
}
