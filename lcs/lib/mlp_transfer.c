/* One MLP exchange on a libcurl easy handle (mlp_transfer.h). */
#include "mlp_transfer.h"

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

int mlp_transfer_init(char *err, size_t errlen)
{
	pthread_once(&curl_once, curl_init);
	if (curl_init_result == CURLE_OK)
		return 0;
	if (err && errlen)
		snprintf(err, errlen, "curl_global_init: %s", curl_easy_strerror(curl_init_result));
	return -EIO;
}

struct curl_slist *mlp_transfer_headers(void)
{
	struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: text/xml");

	if (headers && !curl_slist_append(headers, "Expect:")) {
		curl_slist_free_all(headers);
		return NULL;
	}
	return headers;
}

/* Appends to the body, bounded by MLP_MAX_SIZE: a larger one fails the transfer. */
static size_t on_data(char *data, size_t size, size_t nmemb, void *arg)
{
	struct mlp_transfer *t = arg;
	size_t n = size * nmemb;
	char *grown;

	if (n > MLP_MAX_SIZE - t->len) {
		t->too_large = 1;
		return 0;
	}
	if (!(grown = realloc(t->data, t->len + n + 1)))
		return 0;
	memcpy(grown + t->len, data, n);
	t->data = grown;
	t->len += n;
	t->data[t->len] = '\0';
	return n;
}

CURLcode mlp_transfer_setup(CURL *curl, const struct mlp_client *c, struct curl_slist *headers,
			    struct mlp_transfer *t)
{
	CURLcode code;

	if ((code = curl_easy_setopt(curl, CURLOPT_URL, c->url)) ||
	    (code = curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https")) ||
	    (code = curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L)) ||
	    (code = curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L)) || /* no SIGALRM: safe in threads */
	    (code = curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
				     c->timeout_ms > 0 ? c->timeout_ms : DEFAULT_TIMEOUT_MS)) ||
	    (code = curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers)) ||
	    (code = curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)MLP_MAX_SIZE)) ||
	    (code = curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data)) ||
	    (code = curl_easy_setopt(curl, CURLOPT_WRITEDATA, t)))
		return code;
	return curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, t->detail);
}

CURLcode mlp_transfer_body(CURL *curl, const char *xml, size_t len)
{
	CURLcode code = curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);

	return code ? code : curl_easy_setopt(curl, CURLOPT_POSTFIELDS, xml);
}

static int transport_error(CURLcode code, const struct mlp_transfer *t, char *err, size_t errlen)
{
	int ret;

	switch (code) {
	case CURLE_COULDNT_CONNECT: ret = -ECONNREFUSED; break;
	case CURLE_OPERATION_TIMEDOUT: ret = -ETIMEDOUT; break;
	case CURLE_OUT_OF_MEMORY: ret = -ENOMEM; break;
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT: ret = -EINVAL; break;
	case CURLE_FILESIZE_EXCEEDED: ret = -EMSGSIZE; break;
	case CURLE_WRITE_ERROR: ret = t->too_large ? -EMSGSIZE : -ENOMEM; break;
	default: ret = -EIO; break;
	}
	if (err && errlen)
		snprintf(err, errlen, "%s", t->detail[0] ? t->detail : curl_easy_strerror(code));
	return ret;
}

int mlp_transfer_end(CURL *curl, CURLcode code, struct mlp_transfer *t, struct mlp_answer **out,
		     char *err, size_t errlen)
{
	long status = 0;
	int ret;

	*out = NULL;
	if (code != CURLE_OK) {
		ret = transport_error(code, t, err, errlen);
	} else {
		curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
		/* the gmlc answers its HTTP-level refusals (404, 411, 413) with a gem: take it */
		ret = mlp_parse_answer(t->data ? t->data : "", t->len, out, err, errlen);
		if (ret && status != 200) {
			ret = -EPROTO;
			if (err && errlen)
				snprintf(err, errlen, "HTTP status %ld without an MLP document", status);
		}
	}
	free(t->data);
	t->data = NULL;
	t->len = 0;
	t->too_large = 0;
	t->detail[0] = '\0';
	return ret;
}
