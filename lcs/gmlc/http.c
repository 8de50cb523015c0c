/* The MLP transport (MLP 3.5 §5.6, shared/specs/lcs.md §1.1): HTTP/1.1 POST of an svc_init to
 * GMLC_MLP_PATH (the spec's example URI), the answer in the HTTP response, as text/xml.
 * HTTP-level refusals carry a gem so that an MLP client always gets a document:
 *   not POST                     405, gem 108 SERVICE NOT SUPPORTED
 *   another path                 404, gem 108 (the spec: an unknown service gets 404 and a gem)
 *   no Content-Length            411 Length Required, gem 105 FORMAT ERROR (the spec: the request
 *                                MUST include it; a chunked body has none)
 *   Content-Length over max_body 413, gem 105, answered before the body is read
 * libmicrohttpd runs a thread per connection: the thread blocks while the targets are located
 * (bounded by timeout_ms), which a slow Diameter answer can therefore never outlast. */
#include "gmlc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONNECTION_LIMIT 64
#define CONNECTION_TIMEOUT_S 30

/* The body of one POST, being received. */
struct upload {
	char *data;
	size_t len, size;
};

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, char *xml, size_t len)
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

static enum MHD_Result refuse(struct MHD_Connection *conn, unsigned status, int result, const char *info)
{
	char *xml = NULL;
	size_t len = 0;

	if (mlp_write_gem(MLP_V3_5, result, info, &xml, &len, NULL, 0))
		xml = NULL;
	return reply(conn, status, xml, len);
}

/* The first call for a request, headers read: refuse it, or get ready for its body. */
static enum MHD_Result begin(const struct gmlc_config *c, struct MHD_Connection *conn, const char *url,
			     const char *method, void **con_cls)
{
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	struct upload *u;
	unsigned long long n;
	char *end;

	if (strcmp(method, MHD_HTTP_METHOD_POST))
		return refuse(conn, MHD_HTTP_METHOD_NOT_ALLOWED, MLP_SERVICE_NOT_SUPPORTED, "POST only");
	if (strcmp(url, GMLC_MLP_PATH))
		return refuse(conn, MHD_HTTP_NOT_FOUND, MLP_SERVICE_NOT_SUPPORTED, "unknown service");
	if (!length)
		return refuse(conn, MHD_HTTP_LENGTH_REQUIRED, MLP_FORMAT_ERROR, "Content-Length is required");
	n = strtoull(length, &end, 10);
	if (*end || n > c->max_body)
		return refuse(conn, MHD_HTTP_CONTENT_TOO_LARGE, MLP_FORMAT_ERROR, "body too large");
	if (!(u = calloc(1, sizeof *u)) || !(u->data = malloc(n ? n : 1))) {
		free(u);
		return MHD_NO;
	}
	u->size = n;
	*con_cls = u;
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	const struct gmlc_config *c = cls;
	struct upload *u = *con_cls;
	char *xml = NULL;
	size_t len = 0;
	int status;

	(void)version;
	if (!u)
		return begin(c, conn, url, method, con_cls);
	if (*upload_data_size) {
		/* libmicrohttpd delivers no more than Content-Length */
		if (*upload_data_size > u->size - u->len)
			return MHD_NO;
		memcpy(u->data + u->len, upload_data, *upload_data_size);
		u->len += *upload_data_size;
		*upload_data_size = 0;
		return MHD_YES;
	}
	status = gmlc_mlp_answer(c, u->data, u->len, &xml, &len);
	return reply(conn, (unsigned)status, xml, len);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode code)
{
	struct upload *u = *con_cls;

	(void)cls;
	(void)conn;
	(void)code;
	if (u) {
		free(u->data);
		free(u);
		*con_cls = NULL;
	}
}

struct MHD_Daemon *gmlc_http_start(const struct gmlc_config *c)
{
	char addr[INET_ADDRSTRLEN] = "?";
	struct MHD_Daemon *d;

	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
			     ntohs(c->listen.sin_port), NULL, NULL, on_request, (void *)c,
			     MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&c->listen,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
			     MHD_OPTION_END);
	if (!d) {
		inet_ntop(AF_INET, &c->listen.sin_addr, addr, sizeof addr);
		fprintf(stderr, "gmlc: cannot listen on %s:%u\n", addr, ntohs(c->listen.sin_port));
	}
	return d;
}
