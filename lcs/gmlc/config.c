/* The configuration file: one "key = value" per line, '#' starts a comment.
 *
 *   fd_config = /path/gmlc-fd.conf     # freeDiameter configuration of the GMLC node (required)
 *   listen = 127.0.0.1:9210            # the MLP server; loopback addresses only (required)
 *   hss_realm = home.example           # Destination-Realm of SLh RIR (required)
 *   hss_host = hss.home.example        # Destination-Host of SLh RIR (optional)
 *   client = <id> <password>           # an MLP client allowed (hdr/client id and pwd); repeat
 *   route = <realm> <peer identity>    # a visited network's realm, reached through that peer
 *                                      # (an edge agent); one per realm, at most 8
 *   timeout_ms = 5000                  # per slir, default 5000
 *   max_body = 65536                   # bytes of an MLP request, default 65536
 *   distance_poll_s = 10               # report interval of a distance_event tlrr that names
 *                                      # none, default 10 (at most a day)
 *   max_connections = 512              # MLP connections open at once, default 512 (at most
 *                                      # 4096; more wait to be accepted)
 *   http_threads = 2                   # threads polling them, default 2 (at most 64)
 *   gad_shapes = point circle ...      # the shapes every PLR lists in Supported-GAD-Shapes
 *                                      # (point, circle, ellipse, polygon, point_altitude,
 *                                      # ellipsoid, arc, ha_ellipse, ha_ellipsoid), default all:
 *                                      # fewer to see what an MME answers a GMLC reading less */
#include "gmlc.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gad.h"

#define WHO "gmlc"
#define DEFAULT_TIMEOUT_MS 5000
#define DEFAULT_MAX_BODY 65536
#define DEFAULT_DISTANCE_POLL_S 10
#define MAX_DISTANCE_POLL_S 86400
#define DEFAULT_MAX_CONNECTIONS 512
#define MAX_CONNECTIONS 4096
#define DEFAULT_HTTP_THREADS 2 /* they only parse and answer: no request waits on them */
#define MAX_HTTP_THREADS 64

static int bad(const char *key, const char *value, const char *why)
{
	fprintf(stderr, "gmlc: %s = %s: %s\n", key, value, why);
	return EINVAL;
}

/* "a.b.c.d:port" on 127.0.0.0/8: the lab server is never reachable from outside. */
static int parse_listen(const char *value, struct sockaddr_in *sin)
{
	char host[INET_ADDRSTRLEN];
	const char *colon = strrchr(value, ':');
	char *end;
	long port;

	if (!colon || (size_t)(colon - value) >= sizeof host)
		return bad("listen", value, "expected 127.x.y.z:port");
	memcpy(host, value, (size_t)(colon - value));
	host[colon - value] = '\0';
	port = strtol(colon + 1, &end, 10);
	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	if (inet_pton(AF_INET, host, &sin->sin_addr) != 1 || *end || port < 1 || port > 65535)
		return bad("listen", value, "expected 127.x.y.z:port");
	if ((ntohl(sin->sin_addr.s_addr) >> 24) != 127)
		return bad("listen", value, "only a loopback address is allowed");
	sin->sin_port = htons((uint16_t)port);
	return 0;
}

static int parse_positive(const char *key, const char *value, long max, long *out)
{
	char *end;

	*out = strtol(value, &end, 10);
	if (*end || *out < 1 || *out > max)
		return bad(key, value, "expected a positive number");
	return 0;
}

static int parse_client(const char *value, struct gmlc_config *c)
{
	struct gmlc_client *cl;
	int n = 0;

	if (c->nclients == GMLC_MAX_CLIENTS)
		return bad("client", value, "too many clients");
	cl = &c->clients[c->nclients];
	/* %127s: MLP_TEXT_LEN - 1 */
	if (sscanf(value, "%127s %127s %n", cl->id, cl->pwd, &n) != 2 || value[n])
		return bad("client", value, "expected '<id> <password>'");
	c->nclients++;
	return 0;
}

/* gad_shapes = <name>...: the shapes liblcs reads, by name, separated by spaces or commas. */
static int parse_gad_shapes(const char *value, uint32_t *shapes)
{
	static const struct {
		const char *name;
		enum gad_shape shape;
	} names[] = {
		{ "point", GAD_POINT },
		{ "circle", GAD_POINT_UNCERTAINTY_CIRCLE },
		{ "ellipse", GAD_POINT_UNCERTAINTY_ELLIPSE },
		{ "polygon", GAD_POLYGON },
		{ "point_altitude", GAD_POINT_ALTITUDE },
		{ "ellipsoid", GAD_POINT_ALTITUDE_ELLIPSOID },
		{ "arc", GAD_ELLIPSOID_ARC },
		{ "ha_ellipse", GAD_HA_POINT_UNCERTAINTY_ELLIPSE },
		{ "ha_ellipsoid", GAD_HA_POINT_ALTITUDE_ELLIPSOID },
	};
	char copy[256], *save = NULL;
	size_t i;

	if (strlen(value) >= sizeof copy)
		return bad("gad_shapes", value, "too long");
	strcpy(copy, value);
	*shapes = 0;
	for (char *name = strtok_r(copy, " ,", &save); name; name = strtok_r(NULL, " ,", &save)) {
		for (i = 0; i < sizeof names / sizeof names[0] && strcmp(names[i].name, name); i++)
			;
		if (i == sizeof names / sizeof names[0])
			return bad("gad_shapes", value, "expected shapes among point, circle, ellipse, polygon, "
							"point_altitude, ellipsoid, arc, ha_ellipse, ha_ellipsoid");
		*shapes |= gad_supported_shape_bit(names[i].shape);
	}
	return *shapes ? 0 : bad("gad_shapes", value, "no shape");
}

/* route = <realm> <peer>: a visited network's realm reached through an edge agent. */
static int parse_route(const char *value, struct gmlc_config *c)
{
	char realm[256], peer[256], extra;

	if (c->nroutes == GMLC_MAX_ROUTES)
		return bad("route", value, "too many routes");
	if (sscanf(value, "%255s %255s %c", realm, peer, &extra) != 2)
		return bad("route", value, "expected '<realm> <peer identity>'");
	snprintf(c->routes[c->nroutes].realm, sizeof c->routes[0].realm, "%s", realm);
	snprintf(c->routes[c->nroutes].peer, sizeof c->routes[0].peer, "%s", peer);
	c->nroutes++;
	return 0;
}

static int apply(void *ctx, const char *key, const char *value)
{
	struct gmlc_config *c = ctx;
	long n;
	int ret;

	if (!strcmp(key, "fd_config"))
		return dk_config_text(WHO, key, value, c->fd_config, sizeof c->fd_config);
	if (!strcmp(key, "listen"))
		return parse_listen(value, &c->listen);
	if (!strcmp(key, "hss_realm"))
		return dk_config_text(WHO, key, value, c->hss_realm, sizeof c->hss_realm);
	if (!strcmp(key, "hss_host"))
		return dk_config_text(WHO, key, value, c->hss_host, sizeof c->hss_host);
	if (!strcmp(key, "client"))
		return parse_client(value, c);
	if (!strcmp(key, "route"))
		return parse_route(value, c);
	if (!strcmp(key, "gad_shapes"))
		return parse_gad_shapes(value, &c->gad_shapes);
	if (!strcmp(key, "timeout_ms")) {
		if (!(ret = parse_positive(key, value, 600000, &n)))
			c->timeout_ms = (int)n;
		return ret;
	}
	if (!strcmp(key, "distance_poll_s")) {
		if (!(ret = parse_positive(key, value, MAX_DISTANCE_POLL_S, &n)))
			c->distance_poll_s = (int)n;
		return ret;
	}
	if (!strcmp(key, "max_connections")) {
		if (!(ret = parse_positive(key, value, MAX_CONNECTIONS, &n)))
			c->max_connections = (unsigned)n;
		return ret;
	}
	if (!strcmp(key, "http_threads")) {
		if (!(ret = parse_positive(key, value, MAX_HTTP_THREADS, &n)))
			c->http_threads = (unsigned)n;
		return ret;
	}
	if (!strcmp(key, "max_body")) {
		if (!(ret = parse_positive(key, value, MLP_MAX_SIZE, &n)))
			c->max_body = (size_t)n;
		return ret;
	}
	fprintf(stderr, "gmlc: unknown setting '%s'\n", key);
	return EINVAL;
}

int gmlc_config_load(const char *path, struct gmlc_config *c)
{
	int ret;

	memset(c, 0, sizeof *c);
	c->timeout_ms = DEFAULT_TIMEOUT_MS;
	c->max_body = DEFAULT_MAX_BODY;
	c->distance_poll_s = DEFAULT_DISTANCE_POLL_S;
	c->max_connections = DEFAULT_MAX_CONNECTIONS;
	c->http_threads = DEFAULT_HTTP_THREADS;
	c->gad_shapes = GAD_SHAPES_READ;
	if ((ret = dk_config_read(path, WHO, apply, c)))
		return ret;
	if (!c->fd_config[0] || !c->listen.sin_port || !c->hss_realm[0]) {
		fprintf(stderr, "gmlc: %s: fd_config, listen and hss_realm are required\n", path);
		return EINVAL;
	}
	return 0;
}

int gmlc_client_allowed(const struct gmlc_config *c, const char *id, const char *pwd)
{
	for (int i = 0; i < c->nclients; i++)
		if (!strcmp(c->clients[i].id, id) && !strcmp(c->clients[i].pwd, pwd))
			return 1;
	return 0;
}
