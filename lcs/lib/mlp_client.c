/* The MLP client over libcurl (mlp_client.h). A call uses the client's connection (its easy
 * handle, whose cache keeps the HTTP connection open) or an easy handle of its own; nothing else
 * is shared between calls but libcurl's global state, initialised once. */
#include "mlp_client.h"

#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TIMEOUT_MS 30000L

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_result;

static void curl_init(void)
{
	curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct mlp_connection {
	CURL *curl;
};

static int global_init(void)
{
	pthread_once(&curl_once, curl_init);
	return curl_init_result == CURLE_OK ? 0 : -1;
}

struct mlp_connection *mlp_connection_new(void)
{
	struct mlp_connection *conn;

	if (global_init() || !(conn = calloc(1, sizeof *conn)))
		return NULL;
	if (!(conn->curl = curl_easy_init())) {
		free(conn);
		return NULL;
	}
	return conn;
}

void mlp_connection_free(struct mlp_connection *conn)
{
	if (!conn)
		return;
	curl_easy_cleanup(conn->curl);
	free(conn);
}

static int fail(int ret, char *err, size_t errlen, const char *fmt, const char *what)
{
	if (err && errlen)
		snprintf(err, errlen, fmt, what);
	return ret;
}

/* The response body, capped at MLP_MAX_SIZE: a larger one fails the transfer. */
struct body {
	char *data;
	size_t len;
	int too_large;
};

static size_t on_data(char *data, size_t size, size_t nmemb, void *arg)
{
	struct body *b = arg;
	size_t n = size * nmemb;
	char *grown;

	if (n > MLP_MAX_SIZE - b->len) {
		b->too_large = 1;
		return 0;
	}
	if (!(grown = realloc(b->data, b->len + n + 1)))
		return 0;
	memcpy(grown + b->len, data, n);
	b->data = grown;
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static int transport_error(CURLcode code, const struct body *b, const char *detail, char *err,
			   size_t errlen)
{
	int ret;

	switch (code) {
	case CURLE_COULDNT_CONNECT: ret = -ECONNREFUSED; break;
	case CURLE_OPERATION_TIMEDOUT: ret = -ETIMEDOUT; break;
	case CURLE_OUT_OF_MEMORY: ret = -ENOMEM; break;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT: ret = -EINVAL; break;
	case CURLE_FILESIZE_EXCEEDED: ret = -EMSGSIZE; break;
	case CURLE_WRITE_ERROR: ret = b->too_large ? -EMSGSIZE : -ENOMEM; break;
	default: ret = -EIO; break;
	}
	return fail(ret, err, errlen, "%s", detail[0] ? detail : curl_easy_strerror(code));
}

/* POSTs xml to c->url; the body of a complete HTTP response in *b, its status in *status. */
static int post(const struct mlp_client *c, const char *xml, size_t len, struct body *b, long *status,
		char *err, size_t errlen)
{
	char detail[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = NULL, *h;
	CURLcode code = CURLE_OUT_OF_MEMORY;
	CURL *curl;

	if (global_init())
		return fail(-EIO, err, errlen, "curl_global_init: %s", curl_easy_strerror(curl_init_result));
	if (c->conn) {
		curl = c->conn->curl;
		curl_easy_reset(curl); /* the options go, the open connection stays */
	} else if (!(curl = curl_easy_init())) {
		return fail(-ENOMEM, err, errlen, "%s", "curl_easy_init failed");
	}
	/* no "Expect: 100-continue": the body goes with the headers */
	if ((h = curl_slist_append(headers, "Content-Type: text/xml")) && (headers = h) &&
	    (h = curl_slist_append(headers, "Expect:")) && (headers = h) &&
	    !curl_easy_setopt(curl, CURLOPT_URL, c->url) &&
	    !curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https") &&
	    !curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L) &&
	    !curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L) && /* no SIGALRM: safe in threads */
	    !curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, c->timeout_ms > 0 ? c->timeout_ms : DEFAULT_TIMEOUT_MS) &&
	    !curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers) &&
	    !curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len) &&
	    !curl_easy_setopt(curl, CURLOPT_POSTFIELDS, xml) &&
	    !curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)MLP_MAX_SIZE) &&
	    !curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data) &&
	    !curl_easy_setopt(curl, CURLOPT_WRITEDATA, b) &&
	    !curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail))
		code = curl_easy_perform(curl);
	if (code == CURLE_OK)
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
	if (!c->conn)
		curl_easy_cleanup(curl);
	curl_slist_free_all(headers);
	return code == CURLE_OK ? 0 : transport_error(code, b, detail, err, errlen);
}

static int copy_text(char *dst, size_t size, const char *src)
{
	return src && snprintf(dst, size, "%s", src) >= (int)size ? -1 : 0;
}

int mlp_client_send(const struct mlp_client *c, struct mlp_request *r, struct mlp_answer **out,
		    char *err, size_t errlen)
{
	struct body b = { 0 };
	char *xml = NULL;
	size_t len;
	long status = 0;
	int ret;

	*out = NULL;
	if (!c->url || !c->client_id || copy_text(r->hdr.client_id, sizeof r->hdr.client_id, c->client_id) ||
	    copy_text(r->hdr.pwd, sizeof r->hdr.pwd, c->pwd))
		return fail(-EINVAL, err, errlen, "%s", "no url or client id, or an id or password too long");
	if ((ret = mlp_write_request(r, &xml, &len, err, errlen)))
		return ret;
	ret = post(c, xml, len, &b, &status, err, errlen);
	free(xml);
	if (!ret) {
		/* the gmlc answers its HTTP-level refusals (404, 411, 413) with a gem: take it */
		ret = mlp_parse_answer(b.data ? b.data : "", b.len, out, err, errlen);
		if (ret && status != 200) {
			char what[32];

			snprintf(what, sizeof what, "%ld", status);
			ret = fail(-EPROTO, err, errlen, "HTTP status %s without an MLP document", what);
		}
	}
	free(b.data);
	return ret;
}

/* r's msids: n MSISDNs. */
static int set_targets(struct mlp_request *r, const char *const *msisdns, size_t n, char *err, size_t errlen)
{
	if (n == 0 || n > MLP_MAX_MSIDS)
		return fail(-EINVAL, err, errlen, "%s", "1 to 16 targets");
	for (size_t i = 0; i < n; i++) {
		r->msids[i].type = MLP_MSID_MSISDN;
		if (copy_text(r->msids[i].value, sizeof r->msids[i].value, msisdns[i]))
			return fail(-EINVAL, err, errlen, "msid too long: %.40s", msisdns[i]);
	}
	r->n_msids = (int)n;
	return 0;
}

int mlp_client_locate(const struct mlp_client *c, const char *const *msisdns, size_t n,
		      struct mlp_answer **out, char *err, size_t errlen)
{
	struct mlp_request r;
	int ret;

	*out = NULL;
	mlp_request_init(&r, MLP_SLIR, c->version);
	if ((ret = set_targets(&r, msisdns, n, err, errlen)))
		return ret;
	return mlp_client_send(c, &r, out, err, errlen);
}

int mlp_client_track(const struct mlp_client *c, const char *const *msisdns, size_t n,
		     const struct mlp_track *t, struct mlp_answer **out, char *err, size_t errlen)
{
	struct mlp_request r;
	int ret;

	*out = NULL;
	mlp_request_init(&r, MLP_TLRR, c->version);
	if ((ret = set_targets(&r, msisdns, n, err, errlen)))
		return ret;
	if (copy_text(r.pushaddr, sizeof r.pushaddr, t->pushaddr))
		return fail(-EINVAL, err, errlen, "%s", "pushaddr too long");
	r.interval_s = t->interval_s;
	if (t->stop_time) {
		r.has_stop_time = 1;
		r.stop_time = t->stop_time;
	}
	if (t->distance) {
		r.event = MLP_EVENT_DISTANCE;
		r.distance = *t->distance;
	}
	return mlp_client_send(c, &r, out, err, errlen);
}

int mlp_client_stop(const struct mlp_client *c, const char *req_id, struct mlp_answer **out,
		    char *err, size_t errlen)
{
	struct mlp_request r;

	*out = NULL;
	mlp_request_init(&r, MLP_TLRSR, c->version);
	if (!req_id || !req_id[0] || copy_text(r.req_id, sizeof r.req_id, req_id))
		return fail(-EINVAL, err, errlen, "%s", "no req_id, or one too long");
	return mlp_client_send(c, &r, out, err, errlen);
}
