/* The MLP transport (MLP 3.5 §5.6, shared/specs/lcs.md §1.1): HTTP/1.1 POST of an svc_init to
 * GMLC_MLP_PATH (the spec's example URI), the answer in the HTTP response, as text/xml. HTTP-level
 * refusals (mlp_http.h) carry a gem: the spec answers an unknown service with 404 and a gem, and
 * requires a Content-Length.
 * libmicrohttpd runs a thread per connection: the thread blocks while the targets are located
 * (bounded by timeout_ms), which a slow Diameter answer can therefore never outlast. */
#include "gmlc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>

#include "mlp_http.h"

#define CONNECTION_LIMIT 64
#define CONNECTION_TIMEOUT_S 30

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	const struct gmlc_config *c = cls;
	struct mlp_upload *u = *con_cls;
	char *xml = NULL;
	size_t len = 0;
	int status, more;

	(void)version;
	if (!u)
		return mlp_http_begin(conn, url, method, GMLC_MLP_PATH, c->max_body, con_cls);
	if ((more = mlp_http_receive(u, upload_data, upload_data_size)))
		return more > 0 ? MHD_YES : MHD_NO;
	status = gmlc_mlp_answer(c, u->data, u->len, &xml, &len);
	return mlp_http_reply(conn, (unsigned)status, xml, len);
}

struct MHD_Daemon *gmlc_http_start(const struct gmlc_config *c)
{
	char addr[INET_ADDRSTRLEN] = "?";
	struct MHD_Daemon *d;

	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
			     ntohs(c->listen.sin_port), NULL, NULL, on_request, (void *)c,
			     MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&c->listen,
			     MHD_OPTION_NOTIFY_COMPLETED, mlp_http_completed, NULL,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
			     MHD_OPTION_END);
	if (!d) {
		inet_ntop(AF_INET, &c->listen.sin_addr, addr, sizeof addr);
		fprintf(stderr, "gmlc: cannot listen on %s:%u\n", addr, ntohs(c->listen.sin_port));
	}
	return d;
}
