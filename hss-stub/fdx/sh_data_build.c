/* Sh-Data from the store: what each Data-Reference shows of a subscriber document
 * (docs/hss-store.md) and of repository data, in the structures of the Sh-Data codec. */
#include "hss_stub.h"

static const char *text(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* A copy of obj[key] (NULL when absent); 0 or ENOMEM. */
static int copy_text(json_t *obj, const char *key, char **out)
{
	const char *s = text(obj, key);

	*out = NULL;
	if (!s)
		return 0;
	return (*out = strdup(s)) ? 0 : ENOMEM;
}

/* An element that may be written empty (PublicIdentifiers, SCSCFName, IFCs): marked present when
 * it holds data, or, for a PNR (show_absent), to show the data is gone. ENOENT otherwise: a UDR
 * leaves out what the user lacks. */
static int present(int *has, int holds_data, const struct sh_data_query *q)
{
	if (!holds_data && !q->show_absent)
		return ENOENT;
	*has = 1;
	return 0;
}

/* Append a copy of s to a string table. */
static int push_text(char ***table, size_t *n, const char *s)
{
	char **grown = realloc(*table, (*n + 1) * sizeof **table);

	if (!grown)
		return ENOMEM;
	*table = grown;
	if (!(grown[*n] = strdup(s)))
		return ENOMEM;
	(*n)++;
	return 0;
}

/* The value of an enumerated member (its index in the store's list of names), or
 * SHDATA_ABSENT. */
static int enum_value(json_t *obj, const char *key, const char *const *names)
{
	const char *name = text(obj, key);
	int v = name ? store_enum_value(names, name) : -1;

	return v < 0 ? SHDATA_ABSENT : v;
}

/* The public identity's entry in the document, or NULL. */
static json_t *impu_entry(json_t *subscriber, const char *impu)
{
	json_t *entry;
	size_t i;

	json_array_foreach(json_object_get(subscriber, "impus"), i, entry)
		if (impu && text(entry, "uri") && !strcmp(text(entry, "uri"), impu))
			return entry;
	return NULL;
}

/* Identity-Set (TS 29.328 §7.6.2): 0 all, 1 registered, 2 implicit set, 3 aliases. */
static int impu_in_set(json_t *subscriber, json_t *entry, json_t *named, int set)
{
	json_int_t group;

	switch (set) {
	case 1:
		return enum_value(subscriber, "ims_user_state", store_ims_user_states) == 1;
	case 2:
		group = json_integer_value(json_object_get(named, "implicit_set"));
		return group && json_integer_value(json_object_get(entry, "implicit_set")) == group;
	case 3:
		group = json_integer_value(json_object_get(named, "alias_group"));
		return group && json_integer_value(json_object_get(entry, "alias_group")) == group;
	default:
		return 1;
	}
}

static int add_public_identities(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{
	json_t *named = impu_entry(subscriber, q->impu), *entry;
	size_t i, before = data->n_public_identities;

	json_array_foreach(json_object_get(subscriber, "impus"), i, entry)
		if (impu_in_set(subscriber, entry, named ? named : entry, q->identity_set))
			CHECK_FCT(push_text(&data->public_identities, &data->n_public_identities, text(entry, "uri")));
	return present(&data->has_public_identifiers, data->n_public_identities > before, q);
}

static int add_msisdns(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{
	json_t *m;
	size_t i, before = data->n_msisdns;

	json_array_foreach(json_object_get(subscriber, "msisdns"), i, m)
		if (json_string_value(m))
			CHECK_FCT(push_text(&data->msisdns, &data->n_msisdns, json_string_value(m)));
	return present(&data->has_public_identifiers, data->n_msisdns > before, q);
}

static int add_repository_data(struct sh_data *data, const struct sh_data_query *q)
{
	size_t found = 0;

	for (size_t i = 0; i < q->n_service_indications; i++) {
		struct store_repdata stored;
		struct sh_repository_data *grown, *rd;
		int ret = store_repdata_get(hss_store, q->impu, q->service_indications[i], &stored);
		if (ret == ENOENT)
			continue;
		if (ret)
			return ret;
		grown = realloc(data->repository_data, (data->n_repository_data + 1) * sizeof *grown);
		if (!grown) {
			store_repdata_clear(&stored);
			return ENOMEM;
		}
		data->repository_data = grown;
		rd = &grown[data->n_repository_data++];
		memset(rd, 0, sizeof *rd);
		rd->sequence_number = (int)stored.sequence_number;
		rd->service_data = stored.service_data; /* taken */
		stored.service_data = NULL;
		store_repdata_clear(&stored);
		if (!(rd->service_indication = strdup(q->service_indications[i])))
			return ENOMEM;
		found++;
	}
	return found ? 0 : ENOENT;
}

/* Initial filter criteria relevant to the AS named by Server-Name (all when none is named). */
static int add_ifcs(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{
	const char *server_name = q->server_name;
	size_t i, before = data->n_ifcs;
	json_t *ifc;

	json_array_foreach(json_object_get(subscriber, "ifcs"), i, ifc) {
		struct sh_ifc *grown, *f;
		if (server_name[0] && (!text(ifc, "server_name") || strcmp(text(ifc, "server_name"), server_name)))
			continue;
		if (!(grown = realloc(data->ifcs, (data->n_ifcs + 1) * sizeof *grown)))
			return ENOMEM;
		data->ifcs = grown;
		f = &grown[data->n_ifcs++];
		memset(f, 0, sizeof *f);
		f->priority = (int)json_integer_value(json_object_get(ifc, "priority"));
		f->default_handling = enum_value(ifc, "default_handling", store_default_handlings);
		f->profile_part_indicator = enum_value(ifc, "profile_part_indicator", store_profile_parts);
		CHECK_FCT(copy_text(ifc, "server_name", &f->server_name));
		CHECK_FCT(copy_text(ifc, "service_info", &f->service_info));
		CHECK_FCT(copy_text(ifc, "trigger_point", &f->trigger_point));
	}
	return present(&data->has_ifcs, data->n_ifcs > before, q);
}

static int add_charging(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{
	json_t *c = json_object_get(subscriber, "charging");
	struct sh_charging_information *ci;

	if (!c)
		return q->show_absent ? 0 : ENOENT;
	if (!(ci = data->charging_information = calloc(1, sizeof *ci)))
		return ENOMEM;
	CHECK_FCT(copy_text(c, "primary_ecf", &ci->primary_event_charging_function));
	CHECK_FCT(copy_text(c, "secondary_ecf", &ci->secondary_event_charging_function));
	CHECK_FCT(copy_text(c, "primary_ccf", &ci->primary_charging_collection_function));
	return copy_text(c, "secondary_ccf", &ci->secondary_charging_collection_function);
}

static int optional_int(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_integer(v) ? (int)json_integer_value(v) : SHDATA_ABSENT;
}

/* CurrentLocationRetrieved has the one value 0, present when the location was just retrieved:
 * as the store says, or now, when the AS asked for active location retrieval. The stub cannot
 * page the UE: what it "retrieves" is the location stored, and its age is then 0 minutes. */
static void set_retrieval(json_t *loc, int retrieve_now, int *retrieved, int *age)
{
	*retrieved = retrieve_now || json_is_true(json_object_get(loc, "current_location_retrieved")) ? 0 :
											     SHDATA_ABSENT;
	*age = retrieve_now ? 0 : optional_int(loc, "age_of_location_information");
}

static int add_cs_ps_location(struct sh_cs_ps_location **out, json_t *loc, int ps, int retrieve_now)
{
	struct sh_cs_ps_location *l;

	if (!loc)
		return 0;
	if (!(l = *out = calloc(1, sizeof *l)))
		return ENOMEM;
	CHECK_FCT(copy_text(loc, "cell_global_id", &l->cell_global_id));
	CHECK_FCT(copy_text(loc, "service_area_id", &l->service_area_id));
	CHECK_FCT(copy_text(loc, "location_area_id", &l->location_area_id));
	if (ps)
		CHECK_FCT(copy_text(loc, "routing_area_id", &l->routing_area_id));
	CHECK_FCT(copy_text(loc, "geographical_information", &l->geographical_information));
	CHECK_FCT(copy_text(loc, "geodetic_information", &l->geodetic_information));
	CHECK_FCT(copy_text(loc, ps ? "sgsn_number" : "vlr_number", &l->vlr_or_sgsn_number));
	if (!ps)
		CHECK_FCT(copy_text(loc, "msc_number", &l->msc_number));
	set_retrieval(loc, retrieve_now, &l->current_location_retrieved, &l->age_of_location_information);
	return 0;
}

static int add_eps_location(struct sh_data *data, json_t *loc, int retrieve_now)
{
	struct sh_eps_location *l;

	if (!loc)
		return 0;
	if (!(l = data->eps_location = calloc(1, sizeof *l)))
		return ENOMEM;
	CHECK_FCT(copy_text(loc, "e_utran_cell_global_id", &l->e_utran_cell_global_id));
	CHECK_FCT(copy_text(loc, "tracking_area_id", &l->tracking_area_id));
	CHECK_FCT(copy_text(loc, "geographical_information", &l->geographical_information));
	CHECK_FCT(copy_text(loc, "geodetic_information", &l->geodetic_information));
	CHECK_FCT(copy_text(loc, "mme_name", &l->mme_name));
	CHECK_FCT(copy_text(loc, "visited_plmn_id", &l->visited_plmn_id));
	set_retrieval(loc, retrieve_now, &l->current_location_retrieved, &l->age_of_location_information);
	return 0;
}

/* Requested-Domain 0: CS; 1: PS, with EPS (TS 29.328 §7.6.6, §7.6.7). Current-Location 1:
 * InitiateActiveLocationRetrieval. */
static int add_location(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{
	int domain = q->requested_domain, now = q->current_location == 1;
	int has_cs = json_object_get(subscriber, "cs_location") != NULL;
	int has_ps = json_object_get(subscriber, "ps_location") || json_object_get(subscriber, "eps_location");

	if (!q->show_absent && !(domain != 1 && has_cs) && !(domain != 0 && has_ps))
		return ENOENT;
	if (domain != 1)
		CHECK_FCT(add_cs_ps_location(&data->cs_location, json_object_get(subscriber, "cs_location"), 0, now));
	if (domain != 0) {
		CHECK_FCT(add_cs_ps_location(&data->ps_location, json_object_get(subscriber, "ps_location"), 1, now));
		CHECK_FCT(add_eps_location(data, json_object_get(subscriber, "eps_location"), now));
	}
	return 0;
}

static int add_user_state(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{
	int domain = q->requested_domain;

	if (domain != 1)
		data->cs_user_state = enum_value(subscriber, "cs_user_state", store_cs_user_states);
	if (domain != 0) {
		data->ps_user_state = enum_value(subscriber, "ps_user_state", store_ps_user_states);
		data->eps_user_state = enum_value(subscriber, "eps_user_state", store_ps_user_states);
	}
	if (!q->show_absent && data->cs_user_state == SHDATA_ABSENT && data->ps_user_state == SHDATA_ABSENT &&
	    data->eps_user_state == SHDATA_ABSENT)
		return ENOENT;
	return 0;
}

/* "psi_activation" maps each distinct PSI to its state. */
static int add_psi_activation(struct sh_data *data, json_t *subscriber, const char *impu)
{
	data->psi_activation = enum_value(json_object_get(subscriber, "psi_activation"), impu, store_psi_activations);
	return data->psi_activation == SHDATA_ABSENT ? ENOENT : 0;
}

/* DSAI of the AS named by Server-Name, for the tags asked; ENOENT when a tag is unknown. */
static int add_dsai(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{

	for (size_t t = 0; t < q->n_dsai_tags; t++) {
		json_t *d, *match = NULL;
		struct sh_dsai *grown;
		size_t i;
		json_array_foreach(json_object_get(subscriber, "dsai"), i, d)
			if (text(d, "tag") && !strcmp(text(d, "tag"), q->dsai_tags[t]) &&
			    (!q->server_name[0] || !text(d, "server_name") || !strcmp(text(d, "server_name"), q->server_name)))
				match = d;
		if (!match)
			return ENOENT;
		if (!(grown = realloc(data->dsai, (data->n_dsai + 1) * sizeof *grown)))
			return ENOMEM;
		data->dsai = grown;
		grown[data->n_dsai].value = enum_value(match, "value", store_dsai_values);
		if (!(grown[data->n_dsai].tag = strdup(q->dsai_tags[t])))
			return ENOMEM;
		data->n_dsai++;
	}
	return 0;
}

int sh_data_add(struct sh_data *data, json_t *subscriber, const struct sh_data_query *q)
{
	switch (q->data_reference) {
	case 0:
		return add_repository_data(data, q);
	case 10:
		return add_public_identities(data, subscriber, q);
	case 11:
		data->ims_user_state = enum_value(subscriber, "ims_user_state", store_ims_user_states);
		return data->ims_user_state == SHDATA_ABSENT ? ENOENT : 0;
	case 12:
		CHECK_FCT(present(&data->has_scscf_name, text(subscriber, "scscf_name") != NULL, q));
		return copy_text(subscriber, "scscf_name", &data->scscf_name);
	case 13:
		return add_ifcs(data, subscriber, q);
	case 14:
		return add_location(data, subscriber, q);
	case 15:
		return add_user_state(data, subscriber, q);
	case 16:
		return add_charging(data, subscriber, q);
	case 17:
		return add_msisdns(data, subscriber, q);
	case 18:
		return add_psi_activation(data, subscriber, q->impu);
	case 19:
		return add_dsai(data, subscriber, q);
	case 32:
		if (!text(subscriber, "imsi") && !q->show_absent)
			return ENOENT;
		return copy_text(subscriber, "imsi", &data->imsi);
	default:
		return ENOENT;
	}
}

int sh_data_add_deleted(struct sh_data *data, const char *service_indication, uint32_t sequence_number)
{
	struct sh_repository_data *rd = calloc(1, sizeof *rd);

	if (!rd || !(rd->service_indication = strdup(service_indication))) {
		free(rd);
		return ENOMEM;
	}
	rd->sequence_number = (int)sequence_number;
	data->repository_data = rd;
	data->n_repository_data = 1;
	return 0;
}

int sh_data_add_deleted_identity(struct sh_data *data, const char *impu)
{
	char **ids = calloc(1, sizeof *ids);

	if (!ids || !(ids[0] = strdup(impu))) {
		free(ids);
		return ENOMEM;
	}
	data->deleted_identities = ids;
	data->n_deleted_identities = 1;
	return 0;
}
