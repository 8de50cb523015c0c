/* The MLP transport (MLP 3.5 §5.6, shared/specs/lcs.md §1.1): HTTP/1.1 POST of an svc_init to
 * GMLC_MLP_PATH (the spec's example URI), the answer in the HTTP response, as text/xml. HTTP-level
 * refusals (mlp_http.h) carry a gem: the spec answers an unknown service with 404 and a gem, and
 * requires a Content-Length.
 * A small pool of libmicrohttpd threads (http_threads) polls every connection (up to
 * max_connections). A request whose body is read is handed to gmlc_mlp_serve with its connection
 * suspended; the answer, made on whichever thread ends the request (a Diameter thread for a slir),
 * resumes it. So a request waiting for its targets holds no thread, and many clients can keep
 * their connections open at once. A request whose body comes in once the server is stopping is
 * refused with 503 and a gem SYSTEM FAILURE. */
#include "gmlc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>

#include "mlp_http.h"

#define CONNECTION_TIMEOUT_S 30

/* The requests handed to gmlc_mlp_serve and not answered yet, so that the server stops only once
 * none uses the Diameter node any more. */
static struct dk_gate serving = DK_GATE_INIT(0);

static void on_served(void *arg, int status, char *xml, size_t xml_len)
{
	struct mlp_upload *u = arg;

	u->status = (unsigned)status;
	u->xml = xml;
	u->xml_len = xml_len;
	u->answered = 1;
	MHD_resume_connection(u->conn); /* the handler, called again, sends the answer */
	dk_gate_leave(&serving);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	const struct gmlc_config *c = cls;
	struct mlp_upload *u = *con_cls;
	int more;
	char *xml;

	(void)version;
	if (!u)
		return mlp_http_begin(conn, url, method, GMLC_MLP_PATH, c->max_body, con_cls);
	if (u->answered) {
		xml = u->xml;
		u->xml = NULL;
		return mlp_http_reply(conn, u->status, xml, u->xml_len);
	}
	if ((more = mlp_http_receive(u, upload_data, upload_data_size)))
		return more > 0 ? MHD_YES : MHD_NO;
	if (dk_gate_enter(&serving))
		return mlp_http_refuse(conn, MHD_HTTP_SERVICE_UNAVAILABLE, MLP_SYSTEM_FAILURE, "the GMLC is stopping");
	/* suspended first: the answer may come before gmlc_mlp_serve returns */
	u->conn = conn;
	MHD_suspend_connection(conn);
	gmlc_mlp_serve(c, u->data, u->len, on_served, u);
	return MHD_YES;
}

struct MHD_Daemon *gmlc_http_start(const struct gmlc_config *c)
{
	char addr[INET_ADDRSTRLEN] = "?";
	struct MHD_Daemon *d;

	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
				     MHD_USE_ERROR_LOG,
			     ntohs(c->listen.sin_port), NULL, NULL, on_request, (void *)c,
			     MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&c->listen,
			     MHD_OPTION_THREAD_POOL_SIZE, c->http_threads,
			     MHD_OPTION_NOTIFY_COMPLETED, mlp_http_completed, NULL,
			     MHD_OPTION_CONNECTION_LIMIT, c->max_connections,
			     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S,
			     MHD_OPTION_END);
	if (!d) {
		inet_ntop(AF_INET, &c->listen.sin_addr, addr, sizeof addr);
		fprintf(stderr, "gmlc: cannot listen on %s:%u\n", addr, ntohs(c->listen.sin_port));
	}
	return d;
}

void gmlc_http_stop(struct MHD_Daemon *d)
{
	dk_gate_close(&serving);
	MHD_stop_daemon(d);
}
