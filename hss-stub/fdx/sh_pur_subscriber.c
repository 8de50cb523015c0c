/* Sh-Update of data kept in the subscriber document (TS 29.328 §6.1.2 step 4): PSIActivation
 * (Data-Reference 18) of a distinct PSI, and DSAI values (19) of the AS named by Server-Name.
 * These are written at once, in one transaction each, through the store. */
#include "hss_stub.h"

static struct sh_outcome save(json_t *subscriber, const char *member, json_t *value)
{
	char err[STORE_ERR_LEN];
	const char *impi = json_string_value(json_object_get(subscriber, "impi"));

	if (store_subscriber_set(hss_store, impi, member, value, err, sizeof err)) {
		LOG_E("hss_stub: cannot store %s of %s: %s", member, impi, err);
		return SH_BASE(ER_DIAMETER_UNABLE_TO_COMPLY, NULL, "cannot store the data");
	}
	return SH_OK;
}

/* "psi_activation" maps each distinct PSI to its state. */
static struct sh_outcome update_psi_activation(json_t *subscriber, const char *psi, int activation)
{
	json_t *map = json_deep_copy(json_object_get(subscriber, "psi_activation"));
	struct sh_outcome o;

	if (!map)
		map = json_object();
	json_object_set_new(map, psi, json_string(store_psi_activations[activation ? 1 : 0]));
	o = save(subscriber, "psi_activation", map);
	json_decref(map);
	return o;
}

static struct sh_outcome update_dsai(json_t *subscriber, const char *server_name, const struct sh_data *data)
{
	json_t *dsai = json_deep_copy(json_object_get(subscriber, "dsai")), *d;
	struct sh_outcome o = SH_OK;

	for (size_t t = 0; !o.code && t < data->n_dsai; t++) {
		json_t *match = NULL;
		size_t i;
		json_array_foreach(dsai, i, d) {
			const char *tag = json_string_value(json_object_get(d, "tag"));
			const char *as = json_string_value(json_object_get(d, "server_name"));
			if (tag && !strcmp(tag, data->dsai[t].tag) && (!as || !strcmp(as, server_name)))
				match = d;
		}
		if (!match)
			o = SH_EXP(ERROR_DSAI_NOT_AVAILABLE, NULL);
		else
			json_object_set_new(match, "value", json_string(store_dsai_values[data->dsai[t].value ? 1 : 0]));
	}
	if (!o.code)
		o = save(subscriber, "dsai", dsai);
	json_decref(dsai);
	return o;
}

struct sh_outcome sh_pur_update_subscriber(const struct sh_req *req, json_t *subscriber)
{
	const uint8_t *xml;
	size_t len;
	struct sh_data *data = NULL;
	struct sh_outcome o;
	char err[SHDATA_ERR_LEN];

	if (dk_get_os(req->msg, hss_dict.user_data, &xml, &len) ||
	    shdata_parse((const char *)xml, len, &data, err, sizeof err))
		return SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
	if (req->data_refs[0] == 18)
		o = data->psi_activation == SHDATA_ABSENT
			    ? SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL)
			    : update_psi_activation(subscriber, req->identity, data->psi_activation);
	else if (!req->server_name[0])
		o = SH_MISSING(hss_dict.server_name, "Server-Name is needed for DSAI");
	else if (!data->n_dsai)
		o = SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
	else
		o = update_dsai(subscriber, req->server_name, data);
	shdata_free(data);
	return o;
}
