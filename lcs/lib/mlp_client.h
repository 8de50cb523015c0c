/* An MLP client (OMA MLP 3.5 §5.6): svc_init documents POSTed over HTTP/1.1 with libcurl, the
 * answer read from the HTTP response.
 *
 * Every call is synchronous. It uses its own HTTP connection, or the client's (struct
 * mlp_connection: kept open between calls, by one thread at a time); calls on different
 * connections may run from several threads at once (libcurl's global state is set up once, on
 * the first call). mlp_init() must have been called before.
 *
 * Each call returns
 *   0          *out holds the parsed answer (free() it): slia, tlra, tlrsa, or a gem. An answer
 *              may itself carry an MLP result (a gem, an slia refused): the caller looks at it;
 *   > 0        an MLP result id from the codec: the request could not be written (106, 110...),
 *              or the server's answer could not be read (105 FORMAT ERROR, 106 SYNTAX ERROR...);
 *   < 0        a transport error, a negative errno: -ECONNREFUSED (cannot connect), -ETIMEDOUT
 *              (no answer within timeout_ms), -EMSGSIZE (the answer is over MLP_MAX_SIZE),
 *              -EPROTO (an HTTP status other than 200 without an MLP document), -EINVAL (a bad
 *              argument: no url, too many targets, a value too long), -ENOMEM, -EIO (anything
 *              else libcurl reports).
 * err, when given, receives one line saying why. */
#ifndef LCS_MLP_CLIENT_H
#define LCS_MLP_CLIENT_H

#include <stddef.h>
#include <time.h>
#include "mlp.h"

/* An HTTP connection kept between calls (keep-alive), reopened when the server closed it. */
struct mlp_connection;

/* NULL when libcurl cannot be set up or on a lack of memory. */
struct mlp_connection *mlp_connection_new(void);
void mlp_connection_free(struct mlp_connection *conn);

struct mlp_client {
	const char *url; /* the service, e.g. http://gmlc:9210/LocationQueryService/ (http, https) */
	const char *client_id, *pwd; /* hdr/client/id and pwd (pwd may be NULL) */
	const char *serviceid; /* hdr/client/serviceid, NULL: none */
	const char *requestor_id; /* hdr/requestor/id, NULL: no requestor */
	enum mlp_requestor_type requestor_type; /* with requestor_id */
	enum mlp_version version;
	long timeout_ms; /* the whole exchange; 0: 30 s */
	struct mlp_connection *conn; /* NULL: a connection per call */
	/* What an slir (eqop) or a tlrr (qop: the accuracies only) asks of the positions; NULL:
	 * nothing. */
	const struct mlp_eqop *eqop;
	/* An slir's loc_type; NULL: none (the server's default, CURRENT). */
	const enum mlp_loc_type *loc_type;
	/* An slir's or a tlrr's prio; NULL: none (the server's default, NORMAL). */
	const enum mlp_prio *prio;
};

/* A target as text: an MSISDN, or an IMSI written "imsi:<digits>". 0, or -1 when too long. */
int mlp_client_target(const char *text, struct mlp_msid *msid);

/* Sends r (its hdr filled from c) and reads the answer. */
int mlp_client_send(const struct mlp_client *c, struct mlp_request *r, struct mlp_answer **out,
		    char *err, size_t errlen);

/* A synchronous slir for n targets (at most MLP_MAX_MSIDS, as mlp_client_target reads them): an
 * slia, one pos per target. */
int mlp_client_locate(const struct mlp_client *c, const char *const *targets, size_t n,
		      struct mlp_answer **out, char *err, size_t errlen);

/* An ASYNC slir for n targets (as mlp_client_locate) whose slirep the server POSTs to pushaddr
 * later: an slia with the req_id the slirep will carry. */
int mlp_client_locate_async(const struct mlp_client *c, const char *const *targets, size_t n,
			    const char *pushaddr, struct mlp_answer **out, char *err, size_t errlen);

/* The slir mlp_client_locate() sends, written into *xml (NUL-terminated, free() it) and *len,
 * for a caller that sends it itself (mlp_transfer.h). 0, or an error as above. */
int mlp_client_write_slir(const struct mlp_client *c, const char *const *targets, size_t n, char **xml,
			  size_t *len, char *err, size_t errlen);

/* What a tlrr asks for: periodic reports, a distance trigger, or both. */
struct mlp_track {
	long interval_s; /* seconds between periodic reports; -1: none */
	time_t start_time; /* UTC; 0: none (at once) */
	time_t stop_time; /* UTC; 0: none */
	long duration_s; /* how long the reports last (MLP 3.4 or later); 0: none */
	const struct mlp_distance_event *distance; /* NULL: none (needs MLP 3.4 or later) */
	int ms_avail; /* one report when the UE becomes available (tlrr_event ms_action MS_AVAIL) */
	const char *pushaddr; /* the URL the server POSTs the tlrep reports to */
};

/* A tlrr for n targets (as mlp_client_locate): a tlra whose req_id names the request (for
 * mlp_client_stop()). */
int mlp_client_track(const struct mlp_client *c, const char *const *targets, size_t n,
		     const struct mlp_track *t, struct mlp_answer **out, char *err, size_t errlen);

/* A tlrsr for req_id: a tlrsa. With n targets (MLP 3.4 or later), for those only; none: every
 * target of the request. */
int mlp_client_stop(const struct mlp_client *c, const char *req_id, const char *const *targets, size_t n,
		    struct mlp_answer **out, char *err, size_t errlen);

#endif
