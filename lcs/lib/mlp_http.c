/* MLP over HTTP, server side (mlp_http.h). */
#include "mlp_http.h"

#include <stdlib.h>
#include <string.h>

#include "mlp.h"

enum MHD_Result mlp_http_reply(struct MHD_Connection *conn, unsigned status, char *xml, size_t len)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (!xml)
		resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	else
		resp = MHD_create_response_from_buffer(len, xml, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(xml);
		return MHD_NO;
	}
	if (xml)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/xml");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "POST");
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

enum MHD_Result mlp_http_refuse(struct MHD_Connection *conn, unsigned status, int result, const char *info)
{
	char *xml = NULL;
	size_t len = 0;

	if (mlp_write_gem(MLP_V3_5, result, info, &xml, &len, NULL, 0))
		xml = NULL;
	return mlp_http_reply(conn, status, xml, len);
}

enum MHD_Result mlp_http_begin(struct MHD_Connection *conn, const char *url, const char *method, const char *path,
			       size_t max_body, void **con_cls)
{
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	struct mlp_upload *u;
	unsigned long long n;
	char *end;

	if (strcmp(method, MHD_HTTP_METHOD_POST))
		return mlp_http_refuse(conn, MHD_HTTP_METHOD_NOT_ALLOWED, MLP_SERVICE_NOT_SUPPORTED, "POST only");
	if (path && strcmp(url, path))
		return mlp_http_refuse(conn, MHD_HTTP_NOT_FOUND, MLP_SERVICE_NOT_SUPPORTED, "unknown service");
	if (!length)
		return mlp_http_refuse(conn, MHD_HTTP_LENGTH_REQUIRED, MLP_FORMAT_ERROR, "Content-Length is required");
	n = strtoull(length, &end, 10);
	if (*end || n > max_body)
		return mlp_http_refuse(conn, MHD_HTTP_CONTENT_TOO_LARGE, MLP_FORMAT_ERROR, "body too large");
	if (!(u = calloc(1, sizeof *u)) || !(u->data = malloc(n ? n : 1))) {
		free(u);
		return MHD_NO;
	}
	u->size = n;
	*con_cls = u;
	return MHD_YES;
}

int mlp_http_receive(struct mlp_upload *u, const char *data, size_t *size)
{
	if (!*size)
		return 0;
	/* libmicrohttpd delivers no more than Content-Length */
	if (*size > u->size - u->len)
		return -1;
	memcpy(u->data + u->len, data, *size);
	u->len += *size;
	*size = 0;
	return 1;
}

void mlp_http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			enum MHD_RequestTerminationCode code)
{
	struct mlp_upload *u = *con_cls;

	(void)cls;
	(void)conn;
	(void)code;
	if (u) {
		free(u->xml);
		free(u->data);
		free(u);
		*con_cls = NULL;
	}
}
