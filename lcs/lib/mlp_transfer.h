/* One MLP exchange over HTTP/1.1 on a libcurl easy handle (MLP 3.5 §5.6): the document POSTed as
 * text/xml with its Content-Length, the answer read from the response. mlp_client's synchronous
 * calls run it with curl_easy_perform(); a caller that drives the handle itself (lcs-client bench,
 * many handles in one curl multi handle) uses these functions the same way:
 *
 *   mlp_transfer_init() once, then per handle mlp_transfer_setup() once, then per exchange
 *   mlp_transfer_body(), the transfer, mlp_transfer_end() with libcurl's result.
 *
 * A handle carries one exchange at a time; libcurl keeps its connection open between them. */
#ifndef LCS_MLP_TRANSFER_H
#define LCS_MLP_TRANSFER_H

#include <curl/curl.h>
#include <stddef.h>
#include "mlp_client.h"

/* Sets libcurl's global state up, once for the process (later calls return the first result).
 * 0, or -EIO with err saying why. */
int mlp_transfer_init(char *err, size_t errlen);

/* The headers of every exchange: Content-Type: text/xml, and no "Expect: 100-continue" (the body
 * goes with the headers). A new list, NULL when out of memory; the caller frees it with
 * curl_slist_free_all() once no handle uses it. */
struct curl_slist *mlp_transfer_headers(void);

/* One handle's exchange in progress: the response body and libcurl's message. Starts zeroed. */
struct mlp_transfer {
	char *data; /* NUL-terminated, at most MLP_MAX_SIZE bytes: a larger answer fails the transfer */
	size_t len;
	int too_large;
	char detail[CURL_ERROR_SIZE];
};

/* Sets curl up for exchanges with c->url (http or https, no redirect, c->timeout_ms or 30 s for
 * each, no signals), sending headers, the answer read into t. headers and t must outlive the
 * handle's transfers. CURLE_OK or libcurl's error. */
CURLcode mlp_transfer_setup(CURL *curl, const struct mlp_client *c, struct curl_slist *headers,
			    struct mlp_transfer *t);

/* The document of the next exchange, not copied: xml stays the caller's and must outlive it. */
CURLcode mlp_transfer_body(CURL *curl, const char *xml, size_t len);

/* The exchange ended with code (libcurl's result of the transfer): the parsed answer in *out, or
 * an error, as mlp_client_send() returns them (mlp_client.h). t is emptied for the next one. */
int mlp_transfer_end(CURL *curl, CURLcode code, struct mlp_transfer *t, struct mlp_answer **out,
		     char *err, size_t errlen);

#endif
