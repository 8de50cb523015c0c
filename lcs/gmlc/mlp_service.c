/* The MLP service behind the HTTP transport: one svc_init in, one document out.
 *
 * - a document that cannot be read (not well-formed, an internal DTD subset such as an external
 *   entity, invalid against our DTD, unsupported version): a gem with the codec's result id (MLP
 *   3.5 §5.2.3.2: the gem answers "a request that could not be processed"); in MLP 3.5.0 since the
 *   request's version is not known;
 * - tlrr and tlrsr (triggered location, distance_event included): gem 108 SERVICE NOT SUPPORTED;
 * - a slir from a client not configured, or with a wrong password: slia result 3 UNAUTHORIZED
 *   APPLICATION;
 * - an ASYNC slir: slia result 108 SERVICE NOT SUPPORTED (only the synchronous SLIS is offered);
 * - a SYNC slir: slia with one pos per msid.
 * The HTTP status is 200 whenever an MLP document answers; 500 when none can be written. */
#include "gmlc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HTTP_OK 200
#define HTTP_INTERNAL_ERROR 500

/* A gem in version v; add_info is cut to what MLP allows. */
static int gem(enum mlp_version v, int result, const char *info, char **xml, size_t *len)
{
	char add_info[MLP_TEXT_LEN];

	snprintf(add_info, sizeof add_info, "%s", info);
	if (mlp_write_gem(v, result, add_info, xml, len, NULL, 0)) {
		*xml = NULL;
		return HTTP_INTERNAL_ERROR;
	}
	return HTTP_OK;
}

static int slia_result(enum mlp_version v, int result, const char *info, char **xml, size_t *len)
{
	struct mlp_answer *a = malloc(sizeof *a);
	int ret;

	if (!a) {
		*xml = NULL;
		return HTTP_INTERNAL_ERROR;
	}
	mlp_answer_init(a, MLP_SLIA, v);
	a->result = result;
	snprintf(a->add_info, sizeof a->add_info, "%s", info);
	ret = mlp_write_answer(a, xml, len, NULL, 0);
	free(a);
	return ret ? gem(v, MLP_SYSTEM_FAILURE, "cannot write the answer", xml, len) : HTTP_OK;
}

static int locate(const struct gmlc_config *c, const struct mlp_request *r, char **xml, size_t *len)
{
	struct mlp_answer *a = malloc(sizeof *a);
	char err[MLP_TEXT_LEN];
	int ret;

	if (!a)
		return gem(r->version, MLP_SYSTEM_FAILURE, "out of memory", xml, len);
	gmlc_locate(c, r, a);
	ret = mlp_write_answer(a, xml, len, err, sizeof err);
	free(a);
	return ret ? gem(r->version, ret, err, xml, len) : HTTP_OK;
}

int gmlc_mlp_answer(const struct gmlc_config *c, const char *body, size_t len, char **xml,
		    size_t *xml_len)
{
	struct mlp_request *r = NULL;
	char err[MLP_TEXT_LEN] = "";
	int ret;

	if ((ret = mlp_parse_request(body, len, &r, err, sizeof err)))
		return gem(MLP_V3_5, ret, err, xml, xml_len);
	if (r->kind != MLP_SLIR)
		ret = gem(r->version, MLP_SERVICE_NOT_SUPPORTED, "only slir is served", xml, xml_len);
	else if (!gmlc_client_allowed(c, r->hdr.client_id, r->hdr.pwd))
		ret = slia_result(r->version, MLP_UNAUTHORIZED_APPLICATION, "", xml, xml_len);
	else if (r->res_type == MLP_ASYNC)
		ret = slia_result(r->version, MLP_SERVICE_NOT_SUPPORTED, "only SYNC slir is served", xml, xml_len);
	else
		ret = locate(c, r, xml, xml_len);
	free(r);
	return ret;
}
