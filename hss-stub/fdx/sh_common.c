/* Reading Sh requests and answering them: what UDR, PUR and SNR share. */
#include "hss_stub.h"
#include "tbcd.h"

/* 3GPP results (TS 29.329 §6.2, TS 29.229 §6.2) */

/* The text of an octet-string AVP into buf; a value too long for it is an invalid value. */
static struct sh_outcome read_text(struct avp *avp, char *buf, size_t size)
{
	struct avp_hdr *h;

	if (fd_msg_avp_hdr(avp, &h) || !h->avp_value || h->avp_value->os.len >= size)
		return SH_BASE(ER_DIAMETER_INVALID_AVP_VALUE, avp, "value too long");
	memcpy(buf, h->avp_value->os.data, h->avp_value->os.len);
	buf[h->avp_value->os.len] = '\0';
	return SH_OK;
}

/* User-Identity holds exactly one of Public-Identity, MSISDN (TBCD) and External-Identifier. */
static struct sh_outcome read_identity(struct sh_req *req, struct avp *group)
{
	struct avp *pub = NULL, *msisdn = NULL, *ext = NULL;
	struct avp_hdr *h;

	dk_find(group, hss_dict.public_identity, &pub);
	dk_find(group, hss_dict.msisdn, &msisdn);
	dk_find(group, hss_dict.external_identifier, &ext);
	if (!!pub + !!msisdn + !!ext > 1)
		return SH_BASE(ER_DIAMETER_CONTRADICTING_AVPS, group, "User-Identity holds more than one identity");
	if (ext)
		return SH_EXP(ERROR_USER_UNKNOWN, NULL); /* this HSS knows no External-Identifier */
	if (pub) {
		req->id_kind = STORE_IMPU;
		req->identity_avp = pub;
		return read_text(pub, req->identity, sizeof req->identity);
	}
	if (!msisdn)
		return SH_BASE(ER_DIAMETER_MISSING_AVP, group, "User-Identity is empty");
	req->id_kind = STORE_MSISDN;
	req->identity_avp = msisdn;
	if (fd_msg_avp_hdr(msisdn, &h) || !h->avp_value ||
	    tbcd_decode(h->avp_value->os.data, h->avp_value->os.len, req->identity, sizeof req->identity) < 0)
		return SH_BASE(ER_DIAMETER_INVALID_AVP_VALUE, msisdn, "MSISDN is not a TBCD string");
	return SH_OK;
}

/* One more instance of an AVP holding text, into a table of SH_MAX_REFS. */
static struct sh_outcome add_text(struct avp *a, char (*table)[256], size_t *n)
{
	struct sh_outcome o;

	if (*n == SH_MAX_REFS)
		return SH_BASE(ER_DIAMETER_AVP_OCCURS_TOO_MANY_TIMES, a, NULL);
	if (!(o = read_text(a, table[*n], sizeof table[0])).code)
		(*n)++;
	return o;
}

static struct sh_outcome add_data_reference(struct sh_req *req, struct avp *a, int32_t value)
{
	if (req->n_data_refs == SH_MAX_REFS)
		return SH_BASE(ER_DIAMETER_AVP_OCCURS_TOO_MANY_TIMES, a, NULL);
	if (!store_dr_operations(value))
		return SH_BASE(ER_DIAMETER_INVALID_AVP_VALUE, a, "Data-Reference not served by this HSS");
	req->data_refs[req->n_data_refs++] = value;
	return SH_OK;
}

/* Several Identity-Set values ask for each set in its own Sh-Data Extension element
 * (RegisteredIdentities, ImplicitIdentities, ...), which this HSS does not write: refused, rather
 * than one set served as if it were all that was asked. The same value twice is one set. */
static struct sh_outcome set_identity_set(struct sh_req *req, struct avp *a, int32_t value)
{
	if (req->identity_set >= 0 && req->identity_set != value)
		return SH_BASE(ER_DIAMETER_UNABLE_TO_COMPLY, a, "one Identity-Set at a time");
	req->identity_set = value;
	return SH_OK;
}

/* One top-level AVP of the request, by its dictionary model. */
static struct sh_outcome read_avp(struct sh_req *req, struct avp *a)
{
	struct dict_object *model = NULL;
	struct avp_hdr *h;

	if (fd_msg_model(a, &model) || !model || fd_msg_avp_hdr(a, &h))
		return SH_OK; /* not one we read */
	if (model == hss_dict.user_identity)
		return read_identity(req, a);
	if (!h->avp_value)
		return SH_OK;
	if (model == dk_base.origin_host)
		return read_text(a, req->origin_host, sizeof req->origin_host);
	if (model == dk_base.user_name)
		return read_text(a, req->user_name, sizeof req->user_name);
	if (model == hss_dict.server_name)
		return read_text(a, req->server_name, sizeof req->server_name);
	if (model == hss_dict.data_reference)
		return add_data_reference(req, a, h->avp_value->i32);
	if (model == hss_dict.service_indication)
		return add_text(a, req->service_indications, &req->n_service_indications);
	if (model == hss_dict.dsai_tag)
		return add_text(a, req->dsai_tags, &req->n_dsai_tags);
	if (model == hss_dict.requested_domain)
		req->requested_domain = h->avp_value->i32;
	else if (model == hss_dict.current_location)
		req->current_location = h->avp_value->i32;
	else if (model == hss_dict.identity_set)
		return set_identity_set(req, a, h->avp_value->i32);
	return SH_OK;
}

/* One pass over the request's AVPs. */
struct sh_outcome sh_req_read(struct msg *msg, struct sh_req *req)
{
	struct sh_outcome o = SH_OK;
	struct avp *a = NULL;

	memset(req, 0, sizeof *req);
	req->msg = msg;
	req->requested_domain = req->current_location = req->identity_set = -1;
	fd_msg_browse(msg, MSG_BRW_FIRST_CHILD, &a, NULL);
	for (; a && !o.code; fd_msg_browse(a, MSG_BRW_NEXT, &a, NULL))
		o = read_avp(req, a);
	if (o.code)
		return o;
	if (dk_find_undefined_enum(msg, &a))
		return SH_BASE(ER_DIAMETER_UNABLE_TO_COMPLY, NULL, "cannot read the request");
	if (a) /* Subs-Req-Type 7, Identity-Set -1, ... */
		return SH_BASE(ER_DIAMETER_INVALID_AVP_VALUE, a, "a value its Enumerated type does not list");
	if (!req->identity_avp && !req->identity[0])
		return SH_MISSING(hss_dict.user_identity, "User-Identity missing");
	if (!req->n_data_refs)
		return SH_MISSING(hss_dict.data_reference, "Data-Reference missing");
	return SH_OK;
}

/* The result for an operation the AS may not do. */
static uint32_t refused(uint32_t op)
{
	if (op == STORE_PERM_UPDATE)
		return ERROR_USER_DATA_CANNOT_BE_MODIFIED;
	if (op == STORE_PERM_SUBS_NOTIF)
		return ERROR_USER_DATA_CANNOT_BE_NOTIFIED;
	return ERROR_USER_DATA_CANNOT_BE_READ;
}

/* Whether the public identity is a distinct PSI in the subscriber document. */
static int is_distinct_psi(json_t *subscriber, const char *impu)
{
	json_t *list = json_object_get(subscriber, "impus"), *entry;
	size_t i;

	json_array_foreach(list, i, entry) {
		const char *uri = json_string_value(json_object_get(entry, "uri"));
		const char *type = json_string_value(json_object_get(entry, "type"));
		if (uri && !strcmp(uri, impu))
			return type && !strcmp(type, "DISTINCT_PSI");
	}
	return 0;
}

/* Only repository data (Data-Reference 0) can be served without the subscriber document: it is
 * stored apart, and public identities and PSIs may both access it. */
static int needs_document(const struct sh_req *req)
{
	for (size_t i = 0; i < req->n_data_refs; i++)
		if (req->data_refs[i] != 0)
			return 1;
	return 0;
}

struct sh_outcome sh_req_check(const struct sh_req *req, uint32_t op, json_t **subscriber)
{
	char impi[256];
	int psi;

	*subscriber = NULL;
	/* (1) the AS permission list, bounded by what the Data-Reference allows at all */
	for (size_t i = 0; i < req->n_data_refs; i++)
		if (!(store_dr_operations(req->data_refs[i]) & op) ||
		    !(store_permission_get(hss_store, req->origin_host, req->data_refs[i]) & op))
			return SH_EXP(refused(op), NULL);
	/* (2) the user exists */
	if (store_resolve(hss_store, req->id_kind, req->identity, impi, sizeof impi))
		return SH_EXP(ERROR_USER_UNKNOWN, NULL);
	/* (2a) the private identity, when given, is the user's */
	if (req->user_name[0] && strcmp(impi, req->user_name)) {
		struct avp *a = NULL;
		dk_find(req->msg, dk_base.user_name, &a);
		return SH_EXP(ERROR_IDENTITIES_DONT_MATCH, a);
	}
	if (needs_document(req) && store_subscriber_get(hss_store, STORE_IMPI, impi, subscriber))
		return SH_EXP(ERROR_USER_UNKNOWN, NULL); /* deleted meanwhile */
	/* (3) the kind of identity suits every Data-Reference */
	psi = *subscriber && req->id_kind == STORE_IMPU && is_distinct_psi(*subscriber, req->identity);
	for (size_t i = 0; i < req->n_data_refs; i++)
		if (!store_dr_identity_ok(req->data_refs[i], req->id_kind, psi)) {
			json_decref(*subscriber);
			*subscriber = NULL;
			return SH_EXP(ERROR_OPERATION_NOT_ALLOWED, NULL);
		}
	return SH_OK;
}

struct sh_outcome sh_req_start(struct msg *msg, uint32_t op, struct sh_req *req, json_t **subscriber)
{
	struct sh_outcome o = sh_req_read(msg, req);

	*subscriber = NULL;
	return o.code ? o : sh_req_check(req, op, subscriber);
}

int sh_add_app_header(struct msg *msg)
{
	struct avp *vsai = NULL;

	CHECK_FCT(dk_add_group(msg, dk_base.vendor_specific_application_id, &vsai));
	CHECK_FCT(dk_add_u32(vsai, dk_base.vendor_id, DK_VENDOR_3GPP));
	CHECK_FCT(dk_add_u32(vsai, dk_base.auth_application_id, SH_APP_ID));
	return dk_add_i32(msg, dk_base.auth_session_state, 1); /* NO_STATE_MAINTAINED */
}

int sh_set_outcome(struct msg *ans, struct sh_outcome o)
{
	if (!o.code)
		return dk_set_result(ans, 2001, NULL);
	if (o.experimental)
		return dk_set_experimental_result(ans, DK_VENDOR_3GPP, o.code, o.failed);
	CHECK_FCT(o.missing ? dk_set_missing(ans, o.missing) : dk_set_result(ans, o.code, o.failed));
	return o.message ? dk_add_str(ans, dk_base.error_message, o.message) : 0;
}

int sh_as_features(struct msg *msg, int *indicated, uint32_t *list)
{
	return dk_features_get(msg, &hss_dict.features, DK_VENDOR_3GPP, SH_FEATURE_LIST_ID, indicated, list);
}

/* Feature negotiation (TS 29.229 §7.2, which TS 29.329 applies to Sh): a request with the Sh
 * feature list is answered, success or error, with the list of what this HSS supports, from which
 * the AS keeps what both support; a request without one is answered without one, and the AS is
 * taken to support no feature (base Sh: one RepositoryData per PUR). Sources: §7.1.1 (features
 * are optional extensions negotiated per request, itecspec.com TS 29.229 Rel-17 §7); the §7.2
 * wording itself could not be retrieved for this work, so which list the answer carries (ours,
 * rather than the intersection) follows the usual 3GPP practice and is [UNCONFIRMED]. */
int sh_answer(struct msg **msg, struct sh_outcome o)
{
	int indicated;
	uint32_t as_features;

	CHECK_FCT(sh_as_features(*msg, &indicated, &as_features));
	CHECK_FCT(fd_msg_new_answer_from_req(fd_g_config->cnf_dict, msg, 0));
	CHECK_FCT(sh_add_app_header(*msg));
	CHECK_FCT(sh_set_outcome(*msg, o));
	return indicated ? dk_features_add(*msg, &hss_dict.features, DK_VENDOR_3GPP, SH_FEATURE_LIST_ID, SH_HSS_FEATURES) : 0;
}

int sh_add_user_data(struct msg *msg, const char *xml, size_t len)
{
	return dk_add_os(msg, hss_dict.user_data, xml, len);
}
