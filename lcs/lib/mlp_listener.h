/* The push side of an MLP client: an HTTP server on the loopback address that takes the reports
 * a location server POSTs to the client's pushaddr (MLP 3.5 §5.6): svc_result documents holding
 * a tlrep (triggered location) or an slirep (an ASYNC slir).
 *
 * HTTP answers (any path is taken: the pushaddr names this server):
 *   a report read                 200, empty body: MLP defines no answer document for tlrep or
 *                                 slirep (only slrep has one, slra), so the HTTP status is the
 *                                 acknowledgement
 *   not POST                      405, gem 108 SERVICE NOT SUPPORTED
 *   no Content-Length             411, gem 105 FORMAT ERROR (MLP: the request MUST include it)
 *   Content-Length over max_body  413, gem 105, before the body is read
 *   a document not read, or an answer other than tlrep or slirep
 *                                 400, gem with the codec's result id (105, 106...) or 108
 * The callback runs on the listener's one thread, one report at a time. */
#ifndef LCS_MLP_LISTENER_H
#define LCS_MLP_LISTENER_H

#include <stddef.h>
#include "mlp.h"

/* report is valid during the call only. */
typedef void (*mlp_report_fn)(void *arg, const struct mlp_answer *report);

struct mlp_listener;

/* Listens on 127.0.0.1:port (0: a port the system picks; mlp_listener_port() tells which).
 * max_body: the largest body taken (0: MLP_MAX_SIZE). Returns 0 and *out, or -1 (err says why). */
int mlp_listener_start(unsigned port, size_t max_body, mlp_report_fn fn, void *arg,
		       struct mlp_listener **out, char *err, size_t errlen);

unsigned mlp_listener_port(const struct mlp_listener *l);

/* Stops the server (a callback running is waited for) and frees l. */
void mlp_listener_stop(struct mlp_listener *l);

#endif
