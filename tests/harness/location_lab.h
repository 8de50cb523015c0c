/* A location-services network for tests: an HSS stub (SLh) and an MME stub (SLg) in
 * freeDiameterd daemons, and the gmlc program as the GMLC node (started and stopped by fdnet), with
 * known users:
 *   alice: served by the MME, at (ALICE_LAT, ALICE_LON), ALICE_ALT meters up (positioned to 10 m
 *     up and down when the vertical position is asked), her last known position ALICE_AGE_MIN
 *     minutes old (a current one is fresh);
 *   bob: served by the MME, which refuses to position him (4224);
 *   carol: served by the MME at (CAROL_LAT, CAROL_LON), whose privacy lets CLIENT_ID only locate her;
 *   dave: no serving node (4201);
 *   eve: served by an MME that is no peer of the GMLC (PLR undeliverable);
 *   frank: served by the MME, going back and forth every 6 s between 5.9 km east of alice and
 *     200 m from her, where he stays 2 s;
 *   ivan, judy, karl, liam: served by the MME, which answers 4221 (unreachable), 4222 (suspended),
 *     4223 (detached), 4225 (positioning failed);
 *   mallory: served by the probe (location_lab_start_probe), whose test answers her PLRs itself.
 * (mme_shape may set another shape.) The GMLC serves MLP on 127.0.0.1:<http_port> MLP_PATH for client CLIENT_ID / CLIENT_PWD (and
 * "app2" / "other"). */
#ifndef LOCATION_LAB_H
#define LOCATION_LAB_H

#include "fdnet.h"
#include "mlp.h"

#define REALM "home.test.localdomain"
#define MLP_PATH "/LocationQueryService/"
#define CLIENT_ID "app1"
#define CLIENT_PWD "secret1"
#define WAIT_MS 30000
#define STOP_MS 20000

#define ALICE_MSISDN "15550000001"
#define ALICE_IMSI "001010000000001"
#define BOB_MSISDN "15550000002"
#define CAROL_MSISDN "15550000003"
#define DAVE_MSISDN "15550000004"
#define EVE_MSISDN "15550000005"
#define FRANK_MSISDN "15550000006"
#define GRACE_MSISDN "15550000007" /* positioning takes 6 s: longer than the GMLC's 5 s */
#define HEIDI_MSISDN "15550000008" /* positioning takes SLOW_POSITIONING_MS */
#define SLOW_POSITIONING_MS 400
#define IVAN_MSISDN "15550000009" /* 4221 */
#define JUDY_MSISDN "15550000010" /* 4222 */
#define KARL_MSISDN "15550000011" /* 4223 */
#define LIAM_MSISDN "15550000012" /* 4225 */
#define MALLORY_MSISDN "15550000013" /* served by the probe */
#define UNKNOWN_MSISDN "15559999999"
/* Points on the GAD grid (latitude steps of 90/2^23 degrees, longitude of 360/2^24): the
 * Location-Estimate carries them exactly, so the MLP position can be checked to 1e-5 degrees. */
#define ALICE_LAT 45.0
#define ALICE_LON 2.8125
#define ALICE_AGE_MIN 2
#define ALICE_ALT 35
#define CAROL_LAT (-33.75)
#define CAROL_LON 151.875

struct location_lab {
	struct fdnet net;
	struct fdnet_node *hss, *mme, *gmlc;
	struct fdnet_node *probe; /* with location_lab_start_probe: this process, a peer of the GMLC */
	int http_port;
	const char *gmlc_settings; /* set before the start: more lines of the gmlc's configuration */
	const char *hss_settings;  /* and of hss_stub.conf */
	/* and the scenario's members before its UEs: "shape": "circle", "uncertainty_m": 100 when NULL */
	const char *mme_shape;
};

/* Start the network (also mlp_init); 0 or -1 with a message. */
int location_lab_start(struct location_lab *lab, const char *test_name);
/* The same, with this test process as one more SLg node ("probe", embedded libfdcore, a peer of
 * the GMLC, the SLg application supported), to send the GMLC Diameter requests of its own. */
int location_lab_start_probe(struct location_lab *lab, const char *test_name);
/* Stop it; 0 when every process exited cleanly with no sanitizer report. */
int location_lab_stop(struct location_lab *lab);

/* 1 when p is a circle centred on (lat, lon), to 1e-5 degrees. */
int lab_circle_at(const struct mlp_pos *p, double lat, double lon);

long lab_now_ms(void);
void lab_sleep_ms(long ms);
/* A TCP port nothing listens on, on 127.0.0.1. */
int lab_free_port(void);

#endif
