/* Answers and Sh-Data as JSON: absent members are left out, names follow struct sh_data. */
#include <time.h>

#include "cli.h"

static void set_str(json_t *obj, const char *key, const char *value)
{
	if (value)
		json_object_set_new(obj, key, json_string(value));
}

static void set_int(json_t *obj, const char *key, int value)
{
	if (value != SHDATA_ABSENT)
		json_object_set_new(obj, key, json_integer(value));
}

static void set_object(json_t *obj, const char *key, json_t *value)
{
	if (json_object_size(value))
		json_object_set_new(obj, key, value);
	else
		json_decref(value);
}

static json_t *strings(char **list, size_t n)
{
	json_t *array = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(array, json_string(list[i]));
	return array;
}

static json_t *cs_ps_location(const struct sh_cs_ps_location *l, const char *node_key)
{
	json_t *obj = json_object();

	if (!l)
		return obj;
	set_str(obj, "cell_global_id", l->cell_global_id);
	set_str(obj, "service_area_id", l->service_area_id);
	set_str(obj, "location_area_id", l->location_area_id);
	set_str(obj, "routing_area_id", l->routing_area_id);
	set_str(obj, "geographical_information", l->geographical_information);
	set_str(obj, "geodetic_information", l->geodetic_information);
	set_str(obj, node_key, l->vlr_or_sgsn_number);
	set_str(obj, "msc_number", l->msc_number);
	set_int(obj, "current_location_retrieved", l->current_location_retrieved);
	set_int(obj, "age_of_location_information", l->age_of_location_information);
	return obj;
}

static json_t *eps_location(const struct sh_eps_location *l)
{
	json_t *obj = json_object();

	if (!l)
		return obj;
	set_str(obj, "e_utran_cell_global_id", l->e_utran_cell_global_id);
	set_str(obj, "tracking_area_id", l->tracking_area_id);
	set_str(obj, "geographical_information", l->geographical_information);
	set_str(obj, "geodetic_information", l->geodetic_information);
	set_str(obj, "mme_name", l->mme_name);
	set_str(obj, "visited_plmn_id", l->visited_plmn_id);
	set_int(obj, "current_location_retrieved", l->current_location_retrieved);
	set_int(obj, "age_of_location_information", l->age_of_location_information);
	return obj;
}

static json_t *charging_information(const struct sh_charging_information *c)
{
	json_t *obj = json_object();

	if (!c)
		return obj;
	set_str(obj, "primary_event_charging_function", c->primary_event_charging_function);
	set_str(obj, "secondary_event_charging_function", c->secondary_event_charging_function);
	set_str(obj, "primary_charging_collection_function", c->primary_charging_collection_function);
	set_str(obj, "secondary_charging_collection_function", c->secondary_charging_collection_function);
	return obj;
}

static json_t *repository_data(const struct sh_data *d)
{
	json_t *array = json_array();

	for (size_t i = 0; i < d->n_repository_data; i++) {
		const struct sh_repository_data *r = &d->repository_data[i];
		json_t *obj = json_object();

		set_str(obj, "service_indication", r->service_indication);
		set_int(obj, "sequence_number", r->sequence_number);
		json_object_set_new(obj, "service_data", r->service_data ? json_string(r->service_data) : json_null());
		json_array_append_new(array, obj);
	}
	return array;
}

static json_t *ifcs(const struct sh_data *d)
{
	json_t *array = json_array();

	for (size_t i = 0; i < d->n_ifcs; i++) {
		const struct sh_ifc *f = &d->ifcs[i];
		json_t *obj = json_object();

		set_int(obj, "priority", f->priority);
		set_str(obj, "server_name", f->server_name);
		set_int(obj, "default_handling", f->default_handling);
		set_str(obj, "service_info", f->service_info);
		set_str(obj, "trigger_point", f->trigger_point);
		set_int(obj, "profile_part_indicator", f->profile_part_indicator);
		json_array_append_new(array, obj);
	}
	return array;
}

static json_t *dsai(const struct sh_data *d)
{
	json_t *array = json_array();

	for (size_t i = 0; i < d->n_dsai; i++)
		json_array_append_new(array, json_pack("{s:s, s:i}", "tag", d->dsai[i].tag, "value", d->dsai[i].value));
	return array;
}

json_t *cli_shdata_json(const struct sh_data *d)
{
	json_t *obj = json_object();

	if (d->has_public_identifiers) {
		json_object_set_new(obj, "public_identities", strings(d->public_identities, d->n_public_identities));
		json_object_set_new(obj, "msisdns", strings(d->msisdns, d->n_msisdns));
	}
	if (d->n_repository_data)
		json_object_set_new(obj, "repository_data", repository_data(d));
	set_int(obj, "ims_user_state", d->ims_user_state);
	if (d->has_scscf_name)
		json_object_set_new(obj, "scscf_name", json_string(d->scscf_name ? d->scscf_name : ""));
	if (d->has_ifcs)
		json_object_set_new(obj, "ifcs", ifcs(d));
	set_object(obj, "charging_information", charging_information(d->charging_information));
	set_int(obj, "psi_activation", d->psi_activation);
	if (d->n_dsai)
		json_object_set_new(obj, "dsai", dsai(d));
	set_object(obj, "cs_location", cs_ps_location(d->cs_location, "vlr_number"));
	set_object(obj, "ps_location", cs_ps_location(d->ps_location, "sgsn_number"));
	set_object(obj, "eps_location", eps_location(d->eps_location));
	set_int(obj, "cs_user_state", d->cs_user_state);
	set_int(obj, "ps_user_state", d->ps_user_state);
	set_int(obj, "eps_user_state", d->eps_user_state);
	set_str(obj, "imsi", d->imsi);
	if (d->n_deleted_identities)
		json_object_set_new(obj, "deleted_identities", strings(d->deleted_identities, d->n_deleted_identities));
	return obj;
}

static json_t *code_or_null(uint32_t code)
{
	return code ? json_integer(code) : json_null();
}

json_t *cli_answer_json(const struct sh_answer *a)
{
	json_t *obj = json_object();

	json_object_set_new(obj, "result_code", code_or_null(a->result_code));
	json_object_set_new(obj, "experimental_result", code_or_null(a->experimental_result));
	set_str(obj, "error_message", a->error_message);
	if (a->failed_avp_code)
		json_object_set_new(obj, "failed_avp", json_integer(a->failed_avp_code));
	if (a->expiry_time) {
		char text[32];
		struct tm tm;
		strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&a->expiry_time, &tm));
		json_object_set_new(obj, "expiry_time", json_string(text));
	}
	if (a->has_supported_features)
		json_object_set_new(obj, "supported_features", json_integer(a->supported_features));
	if (a->has_repository_data_id)
		json_object_set_new(obj, "repository_data_id",
				    json_pack("{s:s?, s:i}", "service_indication", a->repository_service_indication,
					      "sequence_number", a->repository_sequence_number));
	set_str(obj, "user_data", a->user_data);
	if (a->data)
		json_object_set_new(obj, "sh_data", cli_shdata_json(a->data));
	return obj;
}
