/* The MLP client over libcurl (mlp_client.h). A call uses the client's connection (its easy
 * handle, whose cache keeps the HTTP connection open) or an easy handle of its own, and runs the
 * exchange of mlp_transfer.h on it; nothing else is shared between calls but libcurl's global
 * state, initialised once. */
#include "mlp_client.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlp_transfer.h"

struct mlp_connection {
	CURL *curl;
};

struct mlp_connection *mlp_connection_new(void)
{
	struct mlp_connection *conn;

	if (mlp_transfer_init(NULL, 0) || !(conn = calloc(1, sizeof *conn)))
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

/* POSTs xml to c->url and reads the answer into *out. */
static int exchange(const struct mlp_client *c, const char *xml, size_t len, struct mlp_answer **out,
		    char *err, size_t errlen)
{
	struct mlp_transfer t = { 0 };
	struct curl_slist *headers;
	CURLcode code = CURLE_OUT_OF_MEMORY;
	CURL *curl;
	int ret;

	if ((ret = mlp_transfer_init(err, errlen)))
		return ret;
	if (c->conn) {
		curl = c->conn->curl;
		curl_easy_reset(curl); /* the options go, the open connection stays */
	} else if (!(curl = curl_easy_init())) {
		return fail(-ENOMEM, err, errlen, "%s", "curl_easy_init failed");
	}
	if ((headers = mlp_transfer_headers()) && !(code = mlp_transfer_setup(curl, c, headers, &t)) &&
	    !(code = mlp_transfer_body(curl, xml, len)))
		code = curl_easy_perform(curl);
	ret = mlp_transfer_end(curl, code, &t, out, err, errlen);
	if (!c->conn)
		curl_easy_cleanup(curl);
	curl_slist_free_all(headers);
	return ret;
}

static int copy_text(char *dst, size_t size, const char *src)
{
	return src && snprintf(dst, size, "%s", src) >= (int)size ? -1 : 0;
}

/* r's hdr from c: client id, pwd, serviceid, requestor. */
static int fill_hdr(const struct mlp_client *c, struct mlp_hdr *h)
{
	h->has_requestor = c->requestor_id != NULL;
	h->requestor_type = c->requestor_type;
	return copy_text(h->client_id, sizeof h->client_id, c->client_id) ||
	       copy_text(h->pwd, sizeof h->pwd, c->pwd) || copy_text(h->serviceid, sizeof h->serviceid, c->serviceid) ||
	       copy_text(h->requestor_id, sizeof h->requestor_id, c->requestor_id) ? -1 : 0;
}

/* r, its hdr filled from c, as the svc_init to send. */
static int write_request(const struct mlp_client *c, struct mlp_request *r, char **xml, size_t *len,
			 char *err, size_t errlen)
{
	if (!c->url || !c->client_id || fill_hdr(c, &r->hdr))
		return fail(-EINVAL, err, errlen, "%s", "no url or client id, or a hdr value too long");
	return mlp_write_request(r, xml, len, err, errlen);
}

int mlp_client_send(const struct mlp_client *c, struct mlp_request *r, struct mlp_answer **out,
		    char *err, size_t errlen)
{
	char *xml = NULL;
	size_t len;
	int ret;

	*out = NULL;
	if ((ret = write_request(c, r, &xml, &len, err, errlen)))
		return ret;
	ret = exchange(c, xml, len, out, err, errlen);
	free(xml);
	return ret;
}

int mlp_client_target(const char *text, struct mlp_msid *msid)
{
	static const char imsi[] = "imsi:";

	msid->type = strncmp(text, imsi, sizeof imsi - 1) ? MLP_MSID_MSISDN : MLP_MSID_IMSI;
	if (msid->type == MLP_MSID_IMSI)
		text += sizeof imsi - 1;
	return copy_text(msid->value, sizeof msid->value, text);
}

/* r's msids: n targets. */
static int set_targets(struct mlp_request *r, const char *const *targets, size_t n, char *err, size_t errlen)
{
	if (n == 0 || n > MLP_MAX_MSIDS)
		return fail(-EINVAL, err, errlen, "%s", "1 to 16 targets");
	for (size_t i = 0; i < n; i++)
		if (mlp_client_target(targets[i], &r->msids[i]))
			return fail(-EINVAL, err, errlen, "msid too long: %.40s", targets[i]);
	r->n_msids = (int)n;
	return 0;
}

static void set_prio(const struct mlp_client *c, struct mlp_request *r)
{
	if (c->prio) {
		r->has_prio = 1;
		r->prio = *c->prio;
	}
}

/* r: an slir for n targets. */
static int slir_for(const struct mlp_client *c, const char *const *targets, size_t n, struct mlp_request *r,
		    char *err, size_t errlen)
{
	mlp_request_init(r, MLP_SLIR, c->version);
	if (c->eqop)
		r->eqop = *c->eqop;
	if (c->loc_type) {
		r->has_loc_type = 1;
		r->loc_type = *c->loc_type;
	}
	set_prio(c, r);
	return set_targets(r, targets, n, err, errlen);
}

int mlp_client_write_slir(const struct mlp_client *c, const char *const *targets, size_t n, char **xml,
			  size_t *len, char *err, size_t errlen)
{
	struct mlp_request r;
	int ret = slir_for(c, targets, n, &r, err, errlen);

	return ret ? ret : write_request(c, &r, xml, len, err, errlen);
}

/* An slir for n targets: SYNC, or with a pushaddr ASYNC. */
static int send_slir(const struct mlp_client *c, const char *const *targets, size_t n, const char *pushaddr,
		     struct mlp_answer **out, char *err, size_t errlen)
{
	struct mlp_request r;
	int ret;

	*out = NULL;
	if ((ret = slir_for(c, targets, n, &r, err, errlen)))
		return ret;
	if (pushaddr)
		r.res_type = MLP_ASYNC;
	if (copy_text(r.pushaddr, sizeof r.pushaddr, pushaddr))
		return fail(-EINVAL, err, errlen, "%s", "pushaddr too long");
	return mlp_client_send(c, &r, out, err, errlen);
}

int mlp_client_locate(const struct mlp_client *c, const char *const *targets, size_t n,
		      struct mlp_answer **out, char *err, size_t errlen)
{
	return send_slir(c, targets, n, NULL, out, err, errlen);
}

int mlp_client_locate_async(const struct mlp_client *c, const char *const *targets, size_t n,
			    const char *pushaddr, struct mlp_answer **out, char *err, size_t errlen)
{
	*out = NULL;
	if (!pushaddr)
		return fail(-EINVAL, err, errlen, "%s", "no pushaddr");
	return send_slir(c, targets, n, pushaddr, out, err, errlen);
}

int mlp_client_track(const struct mlp_client *c, const char *const *targets, size_t n,
		     const struct mlp_track *t, struct mlp_answer **out, char *err, size_t errlen)
{
	struct mlp_request r;
	int ret;

	*out = NULL;
	mlp_request_init(&r, MLP_TLRR, c->version);
	if ((ret = set_targets(&r, targets, n, err, errlen)))
		return ret;
	if (copy_text(r.pushaddr, sizeof r.pushaddr, t->pushaddr))
		return fail(-EINVAL, err, errlen, "%s", "pushaddr too long");
	r.interval_s = t->interval_s;
	if (t->start_time) {
		r.has_start_time = 1;
		r.start_time = t->start_time;
	}
	if (t->stop_time) {
		r.has_stop_time = 1;
		r.stop_time = t->stop_time;
	}
	if (t->duration_s > 0)
		r.duration_s = t->duration_s;
	if (t->distance) {
		r.event = MLP_EVENT_DISTANCE;
		r.distance = *t->distance;
	} else if (t->ms_avail) {
		r.event = MLP_EVENT_MS_AVAIL;
	}
	if (c->eqop)
		r.eqop = *c->eqop; /* a tlrr's qop: the accuracies only, the writer says so */
	set_prio(c, &r);
	return mlp_client_send(c, &r, out, err, errlen);
}

int mlp_client_stop(const struct mlp_client *c, const char *req_id, const char *const *targets, size_t n,
		    struct mlp_answer **out, char *err, size_t errlen)
{
	struct mlp_request r;
	int ret;

	*out = NULL;
	mlp_request_init(&r, MLP_TLRSR, c->version);
	if (!req_id || !req_id[0] || copy_text(r.req_id, sizeof r.req_id, req_id))
		return fail(-EINVAL, err, errlen, "%s", "no req_id, or one too long");
	if (n && (ret = set_targets(&r, targets, n, err, errlen)))
		return ret;
	return mlp_client_send(c, &r, out, err, errlen);
}
