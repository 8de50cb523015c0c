/* The report listener (mlp_listener.h) on libmicrohttpd, one internal polling thread. */
#include "mlp_listener.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>

#include "mlp_http.h"

#define CONNECTION_LIMIT 16
#define CONNECTION_TIMEOUT_S 30

struct mlp_listener {
	struct MHD_Daemon *daemon;
	unsigned port;
	size_t max_body;
	mlp_report_fn fn;
	void *arg;
};

/* The whole body received: hand a report to the callback. */
static enum MHD_Result deliver(const struct mlp_listener *l, struct MHD_Connection *conn, const struct mlp_upload *u)
{
	struct mlp_answer *a = NULL;
	char err[256] = "";
	int ret = mlp_parse_answer(u->data, u->len, &a, err, sizeof err);

	if (ret)
		return mlp_http_refuse(conn, MHD_HTTP_BAD_REQUEST, ret, err);
	if (a->kind != MLP_TLREP && a->kind != MLP_SLIREP) {
		free(a);
		return mlp_http_refuse(conn, MHD_HTTP_BAD_REQUEST, MLP_SERVICE_NOT_SUPPORTED, "tlrep or slirep only");
	}
	l->fn(l->arg, a);
	free(a);
	return mlp_http_reply(conn, MHD_HTTP_OK, NULL, 0);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	const struct mlp_listener *l = cls;
	struct mlp_upload *u = *con_cls;
	int more;

	(void)version;
	if (!u)
		return mlp_http_begin(conn, url, method, NULL, l->max_body, con_cls);
	if ((more = mlp_http_receive(u, upload_data, upload_data_size)))
		return more > 0 ? MHD_YES : MHD_NO;
	return deliver(l, conn, u);
}

int mlp_listener_start(unsigned port, size_t max_body, mlp_report_fn fn, void *arg,
		       struct mlp_listener **out, char *err, size_t errlen)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	const union MHD_DaemonInfo *info;
	struct mlp_listener *l;

	*out = NULL;
	if (port > 65535 || !fn || !(l = calloc(1, sizeof *l))) {
		snprintf(err, errlen, "%s", port > 65535 || !fn ? "bad port or no callback" : "out of memory");
		return -1;
	}
	l->max_body = max_body ? max_body : MLP_MAX_SIZE;
	l->fn = fn;
	l->arg = arg;
	l->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
				     on_request, l, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&sin,
				     MHD_OPTION_NOTIFY_COMPLETED, mlp_http_completed, NULL,
				     MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT,
				     MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT_S, MHD_OPTION_END);
	if (!l->daemon || !(info = MHD_get_daemon_info(l->daemon, MHD_DAEMON_INFO_BIND_PORT))) {
		snprintf(err, errlen, "cannot listen on 127.0.0.1:%u", port);
		mlp_listener_stop(l);
		return -1;
	}
	l->port = info->port;
	*out = l;
	return 0;
}

unsigned mlp_listener_port(const struct mlp_listener *l)
{
	return l->port;
}

void mlp_listener_stop(struct mlp_listener *l)
{
	if (!l)
		return;
	if (l->daemon)
		MHD_stop_daemon(l->daemon);
	free(l);
}
