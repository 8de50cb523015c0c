/* Sh-Pull: User-Data-Request (TS 29.328 §6.1.1). */
#include "hss_stub.h"

/* The conditional AVPs each Data-Reference of the request needs. */
static struct sh_outcome check_access_keys(const struct sh_req *req)
{
	for (size_t i = 0; i < req->n_data_refs; i++) {
		int dr = req->data_refs[i];
		if (dr == 0 && !req->n_service_indications)
			return SH_MISSING(hss_dict.service_indication, "Service-Indication is needed for RepositoryData");
		if ((dr == 13 || dr == 19) && !req->server_name[0])
			return SH_MISSING(hss_dict.server_name, "Server-Name is needed for this Data-Reference");
		if (dr == 19 && !req->n_dsai_tags)
			return SH_MISSING(hss_dict.dsai_tag, "DSAI-Tag is needed for DSAI");
		if ((dr == 14 || dr == 15) && req->requested_domain < 0)
			return SH_MISSING(hss_dict.requested_domain, "Requested-Domain is needed for this Data-Reference");
	}
	return SH_OK;
}

/* The public identity the data is about: the one named, or the user's first for an MSISDN. */
const char *sh_req_impu(const struct sh_req *req, json_t *subscriber)
{
	json_t *first;

	if (req->id_kind == STORE_IMPU)
		return req->identity;
	first = json_array_get(json_object_get(subscriber, "impus"), 0);
	return json_string_value(json_object_get(first, "uri"));
}

/* Repository data alone, the hot path: read from the store and written directly (the
 * ServiceData was checked when it was stored). */
static struct sh_outcome repository_user_data(const struct sh_req *req, char **xml, size_t *len)
{
	struct store_repdata found[SH_MAX_REFS];
	const char *si[SH_MAX_REFS], *sd[SH_MAX_REFS];
	int seq[SH_MAX_REFS];
	size_t n = 0;
	struct sh_outcome o = SH_OK;

	for (size_t i = 0; i < req->n_service_indications && !o.code; i++) {
		int ret = store_repdata_get(hss_store, req->identity, req->service_indications[i], &found[n]);
		if (ret == ENOENT)
			continue; /* left out (§6.1.1) */
		if (ret) {
			o = SH_BASE(5012, NULL, "cannot read the repository data");
			break;
		}
		si[n] = req->service_indications[i];
		seq[n] = (int)found[n].sequence_number;
		sd[n] = found[n].service_data;
		n++;
	}
	if (!o.code && n && shdata_write_repository_data(si, seq, sd, n, xml, len))
		o = SH_BASE(5012, NULL, "cannot write Sh-Data");
	for (size_t i = 0; i < n; i++)
		store_repdata_clear(&found[i]);
	return o;
}

struct sh_outcome sh_build_user_data(const struct sh_req *req, json_t *subscriber, int show_absent, char **xml,
				     size_t *len)
{
	const char *si[SH_MAX_REFS], *tags[SH_MAX_REFS];
	struct sh_data *data;
	struct sh_outcome o = check_access_keys(req);
	size_t added = 0;

	*xml = NULL;
	*len = 0;
	if (o.code)
		return o;
	if (!subscriber) /* repository data only */
		return repository_user_data(req, xml, len);
	if (!(data = shdata_new()))
		return SH_BASE(5012, NULL, "out of memory");
	for (size_t i = 0; i < req->n_service_indications; i++)
		si[i] = req->service_indications[i];
	for (size_t i = 0; i < req->n_dsai_tags; i++)
		tags[i] = req->dsai_tags[i];
	for (size_t i = 0; !o.code && i < req->n_data_refs; i++) {
		struct sh_data_query q = {
			.data_reference = req->data_refs[i],
			.impu = sh_req_impu(req, subscriber),
			.service_indications = si,
			.n_service_indications = req->n_service_indications,
			.server_name = req->server_name,
			.dsai_tags = tags,
			.n_dsai_tags = req->n_dsai_tags,
			.requested_domain = req->requested_domain,
			.current_location = req->current_location,
			.identity_set = req->identity_set,
			.show_absent = show_absent,
		};
		int ret = sh_data_add(data, subscriber, &q);
		if (!ret)
			added++;
		else if (ret == ENOENT && q.data_reference == 19)
			o = SH_EXP(ERROR_DSAI_NOT_AVAILABLE, NULL);
		else if (ret != ENOENT)
			o = SH_BASE(5012, NULL, "cannot read the user's data");
		/* else: that data does not exist; without Notif-Eff it is left out (§6.1.1) */
	}
	if (!o.code && added && shdata_write(data, xml, len))
		o = SH_BASE(5012, NULL, "cannot write Sh-Data");
	shdata_free(data);
	return o;
}

int sh_udr_cb(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct sh_req req;
	struct sh_outcome o;
	json_t *subscriber = NULL;
	char *xml = NULL;
	size_t len = 0;
	int ret;

	(void)unused;
	(void)sess;
	(void)opaque;
	o = sh_req_start(*msg, STORE_PERM_PULL, &req, &subscriber);
	if (!o.code)
		o = sh_build_user_data(&req, subscriber, 0, &xml, &len);
	ret = sh_answer(msg, o);
	if (!ret && !o.code && xml)
		ret = sh_add_user_data(*msg, xml, len);
	free(xml);
	json_decref(subscriber);
	*act = DISP_ACT_SEND;
	return ret;
}
