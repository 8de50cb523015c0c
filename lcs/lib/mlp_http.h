/* The server side of the MLP transport (MLP 3.5 §5.6) on libmicrohttpd, shared by the GMLC's MLP
 * server and the LCS client's report listener: reading one POST body, and answering with an MLP
 * document. Refusals carry a gem so that the other side always gets a document:
 *   not POST                     405 (with Allow: POST), gem 108 SERVICE NOT SUPPORTED
 *   another path                 404, gem 108
 *   no Content-Length            411, gem 105 FORMAT ERROR (a chunked body has none)
 *   Content-Length over max_body 413, gem 105, answered before the body is read */
#ifndef MLP_HTTP_H
#define MLP_HTTP_H

#include <microhttpd.h>
#include <stddef.h>

/* The body of one POST, being received: the connection's con_cls. A server that answers after its
 * handler returned (the connection suspended meanwhile) keeps the answer here until libmicrohttpd
 * calls the handler again. */
struct mlp_upload {
	char *data;
	size_t len, size;
	struct MHD_Connection *conn; /* while suspended */
	int answered;                /* status and xml (owned, NULL: no body) are the answer */
	unsigned status;
	char *xml;
	size_t xml_len;
};

/* Answer with status and xml (its ownership taken; NULL: an empty body) as text/xml. */
enum MHD_Result mlp_http_reply(struct MHD_Connection *conn, unsigned status, char *xml, size_t len);
/* Answer with status and a gem of result (an MLP result id) and info. */
enum MHD_Result mlp_http_refuse(struct MHD_Connection *conn, unsigned status, int result, const char *info);

/* The first call for a request, headers read: refuse it (see above; path NULL accepts any), or
 * set *con_cls to a new struct mlp_upload for its body. */
enum MHD_Result mlp_http_begin(struct MHD_Connection *conn, const char *url, const char *method, const char *path,
			       size_t max_body, void **con_cls);
/* The following calls: append what libmicrohttpd hands over. 1: appended (return MHD_YES), 0: the
 * body is complete, -1: more than Content-Length (return MHD_NO). */
int mlp_http_receive(struct mlp_upload *u, const char *data, size_t *size);
/* The MHD_OPTION_NOTIFY_COMPLETED callback: frees the upload (and an answer never sent). */
void mlp_http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			enum MHD_RequestTerminationCode code);

#endif
