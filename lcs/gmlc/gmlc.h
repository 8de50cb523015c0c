/* gmlc: the lab GMLC. An MLP (Le) server over HTTP (http.c) that answers synchronous slir by
 * locating each target (locate.c): SLh RIR to the HSS for the serving MME, then SLg PLR to that
 * MME (TS 23.271 §9.1.15, shared/specs/lcs.md §1.3-1.5). libfdcore runs embedded in this process
 * (node.c); the GMLC's Diameter identity and peers are in its freeDiameter configuration. */
#ifndef GMLC_H
#define GMLC_H

#include <netinet/in.h>
#include <stddef.h>

#include "diamkit.h"
#include "mlp.h"

/* ---- configuration (config.c) ---------------------------------------------------------- */

#define GMLC_MAX_CLIENTS 32

struct gmlc_client {
	char id[MLP_TEXT_LEN], pwd[MLP_TEXT_LEN];
};

#define GMLC_MAX_ROUTES 8

struct gmlc_config {
	char fd_config[1024];          /* freeDiameter configuration of the GMLC node (required) */
	struct sockaddr_in listen;     /* the MLP server, on a loopback address (required) */
	char hss_realm[256];           /* Destination-Realm of RIR (required) */
	char hss_host[256];            /* Destination-Host of RIR, or "" */
	struct gmlc_client clients[GMLC_MAX_CLIENTS];
	int nclients;
	int timeout_ms;                /* one slir, RIR and PLR of every target included */
	size_t max_body;               /* bytes of an MLP request */
	struct {
		char realm[256];       /* requests for this Destination-Realm ... */
		char peer[256];        /* ... go through this peer (an edge agent) */
	} routes[GMLC_MAX_ROUTES];
	int nroutes;
};

int gmlc_config_load(const char *path, struct gmlc_config *c);

/* 1 when id and pwd are one of the configured clients. */
int gmlc_client_allowed(const struct gmlc_config *c, const char *id, const char *pwd);

/* ---- the Diameter node (node.c) --------------------------------------------------------- */

struct gmlc_dict {
	struct dict_object *rir, *plr, *msisdn, *serving_node, *mme_name, *mme_realm,
		*slg_location_type, *lcs_eps_client_name, *lcs_name_string, *lcs_format_indicator,
		*lcs_client_type, *location_estimate, *age_of_location_estimate;
};
extern struct gmlc_dict gmlc_dict;

/* Ends a request exactly once: with its answer (ans, which the callee must not free), or
 * ans NULL when none came (timeout, dropped, undeliverable). */
typedef void (*gmlc_answer_cb)(void *arg, struct msg *ans);

/* Start libfdcore with the configuration's freeDiameter file, SLh and SLg advertised, and its
 * realm routes. Returns 0 or an errno. */
int gmlc_node_start(const struct gmlc_config *config);
void gmlc_node_stop(void);

/* Send req (taken over, even on failure), its answer or its end to cb before the absolute
 * CLOCK_REALTIME deadline. Returns 0, or an errno when it could not be sent (cb not called). */
int gmlc_node_send(struct msg **req, const struct timespec *deadline, gmlc_answer_cb cb, void *arg);

/* ---- locating targets (locate.c) -------------------------------------------------------- */

/* Locate every msid of r for the client r->hdr.client_id, in parallel, and fill one pos per msid
 * (a pd, or a poserr with its time) into a. Waits at most c->timeout_ms: a target not located
 * by then gets 7 TIMEOUT. */
void gmlc_locate(const struct gmlc_config *c, const struct mlp_request *r, struct mlp_answer *a);

/* ---- the MLP server (http.c) ------------------------------------------------------------ */

#define GMLC_MLP_PATH "/LocationQueryService/"

struct MHD_Daemon;
/* Start the server (thread per connection). Returns NULL, with a message on stderr, on failure. */
struct MHD_Daemon *gmlc_http_start(const struct gmlc_config *c);

/* The HTTP status and body answering one MLP POST body. Split from http.c so that the MLP logic
 * does not depend on the transport: *xml is malloc'd (free it), NULL only when out of memory. */
int gmlc_mlp_answer(const struct gmlc_config *c, const char *body, size_t len, char **xml,
		    size_t *xml_len);

#endif
