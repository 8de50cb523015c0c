/* struct sh_data: creation and release (it owns every string and array it points to), and the
 * public parse and write functions, which the Sh-Data codec binds to the common frame. */
#include <stdlib.h>

#include "shdata_internal.h"

void shdata_free_strings(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

struct sh_data *shdata_new(void)
{
	struct sh_data *data = calloc(1, sizeof *data);

	if (!data)
		return NULL;
	data->ims_user_state = SHDATA_ABSENT;
	data->psi_activation = SHDATA_ABSENT;
	data->cs_user_state = SHDATA_ABSENT;
	data->ps_user_state = SHDATA_ABSENT;
	data->eps_user_state = SHDATA_ABSENT;
	return data;
}

static void free_cs_ps_location(struct sh_cs_ps_location *loc)
{
	if (!loc)
		return;
	free(loc->cell_global_id);
	free(loc->service_area_id);
	free(loc->location_area_id);
	free(loc->routing_area_id);
	free(loc->geographical_information);
	free(loc->geodetic_information);
	free(loc->vlr_or_sgsn_number);
	free(loc->msc_number);
	free(loc);
}

static void free_eps_location(struct sh_eps_location *loc)
{
	if (!loc)
		return;
	free(loc->e_utran_cell_global_id);
	free(loc->tracking_area_id);
	free(loc->geographical_information);
	free(loc->geodetic_information);
	free(loc->mme_name);
	free(loc->visited_plmn_id);
	free(loc);
}

static void free_charging_information(struct sh_charging_information *ci)
{
	if (!ci)
		return;
	free(ci->primary_event_charging_function);
	free(ci->secondary_event_charging_function);
	free(ci->primary_charging_collection_function);
	free(ci->secondary_charging_collection_function);
	free(ci);
}

void shdata_free(struct sh_data *data)
{
	if (!data)
		return;
	shdata_free_strings(data->public_identities, data->n_public_identities);
	shdata_free_strings(data->deleted_identities, data->n_deleted_identities);
	shdata_free_strings(data->msisdns, data->n_msisdns);
	for (size_t i = 0; i < data->n_repository_data; i++) {
		free(data->repository_data[i].service_indication);
		free(data->repository_data[i].service_data);
	}
	free(data->repository_data);
	free(data->scscf_name);
	for (size_t i = 0; i < data->n_ifcs; i++) {
		free(data->ifcs[i].server_name);
		free(data->ifcs[i].service_info);
		free(data->ifcs[i].trigger_point);
	}
	free(data->ifcs);
	free_charging_information(data->charging_information);
	for (size_t i = 0; i < data->n_dsai; i++)
		free(data->dsai[i].tag);
	free(data->dsai);
	free_cs_ps_location(data->cs_location);
	free_cs_ps_location(data->ps_location);
	free_eps_location(data->eps_location);
	free(data->imsi);
	free(data);
}

static const struct xs_codec codec = {
	.schema = XS_SHDATA,
	.root = "Sh-Data",
	.ns = NULL,
	.declaration = 1,
	.read = shdata_read_tree,
	.write = shdata_write_tree,
};

int shdata_parse(const char *xml, size_t len, struct sh_data **out, char *err, size_t errlen)
{
	void *data = NULL;
	int rc = xs_parse(&codec, xml, len, out ? &data : NULL, err, errlen);

	if (out)
		*out = data;
	return rc;
}

int shdata_write(const struct sh_data *data, char **xml, size_t *len)
{
	return xs_format(&codec, data, xml, len);
}
