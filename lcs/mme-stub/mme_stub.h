/* mme_stub.fdx: a lab MME answering SLg (TS 29.172). It answers Provide-Location-Requests from a
 * scenario file (scenario.c), and for periodic deferred requests sends Location-Report-Requests
 * from one timer thread (reports.c); the answers of a UE whose positioning takes time leave from
 * another (delayed.c). */
#ifndef MME_STUB_H
#define MME_STUB_H

#include <stdint.h>
#include <time.h>
#include "diamkit.h"
#include "gad.h"
#include "slg.h"

/* ---- configuration (config.c) ---------------------------------------------------------- */

struct mme_config {
	char scenario[1024]; /* path of the scenario file (required) */
	char name[256];      /* the name logs use; default: the daemon's identity */
};

int mme_config_load(const char *path, struct mme_config *c);

/* ---- scenario (scenario.c) -------------------------------------------------------------- */

struct waypoint {
	double t; /* seconds since the stub started */
	double lat, lon;
	double alt; /* meters above the ellipsoid (negative: depth), when the UE has one */
};

#define SCENARIO_MAX_CLIENTS 8
#define SCENARIO_CLIENT_LEN 64

struct scenario_ue {
	char imsi[16];   /* digits, or "" */
	char msisdn[16]; /* digits, or "" */
	struct waypoint *path; /* one point (fixed position) or a trajectory */
	size_t npath;
	int has_altitude; /* every point of its path has an alt */
	uint32_t age_minutes;
	uint32_t error; /* an Experimental-Result code, or 0 */
	uint32_t delay_ms; /* how long positioning takes: its PLAs leave that much later */
	/* The LCS clients (LCS-EPS-Client-Name) the UE's privacy lets locate it, when restricted. */
	int privacy_restricted;
	char allowed_clients[SCENARIO_MAX_CLIENTS][SCENARIO_CLIENT_LEN];
	size_t n_allowed_clients;
};

/* 1 when the UE's privacy lets that client (NULL: none named) locate it. */
int scenario_client_allowed(const struct scenario_ue *ue, const char *client);

struct scenario {
	enum gad_shape shape;
	double uncertainty_m;
	double altitude_uncertainty_m; /* of a position with altitude */
	int confidence;
	struct scenario_ue *ues;
	size_t nues;
	struct timespec start; /* CLOCK_MONOTONIC, when it was first loaded */
	unsigned refs;         /* its holders (current.c) */
};

/* Load and validate a scenario; errors are logged with the JSON path they concern. */
int scenario_load(const char *path, struct scenario *s);
void scenario_free(struct scenario *s);

/* The UE of that IMSI or MSISDN, or NULL. scenario_find: by IMSI first, then by MSISDN (either
 * may be NULL or ""): a GMLC sends both when the HSS gave both, and a scenario may list a UE by its
 * MSISDN only. */
const struct scenario_ue *scenario_find(const struct scenario *s, const char *imsi, const char *msisdn);
const struct scenario_ue *scenario_find_imsi(const struct scenario *s, const char *imsi);
const struct scenario_ue *scenario_find_msisdn(const struct scenario *s, const char *msisdn);

/* ---- the scenario in use (current.c) ---------------------------------------------------- */

/* Load the configured scenario, and reload it on SIGUSR1. */
int scenario_start(void);
void scenario_stop(void);
/* The scenario in use, held until released: a reload meanwhile leaves it as it is. */
struct scenario *scenario_hold(void);
void scenario_release(struct scenario *s);

/* ---- positions (location.c) ------------------------------------------------------------- */

/* What a PLR asks of the position: the shapes the GMLC reads (Supported-GAD-Shapes, 0 when
 * absent) and its LCS-QoS: the vertical position (Vertical-Requested) and the accuracies (their
 * uncertainty codes, -1 when not asked). */
struct location_ask {
	uint32_t gad_shapes;
	int qos; /* the PLR has an LCS-QoS */
	int vertical;
	int horizontal_accuracy, vertical_accuracy;
};

int location_ask_of(struct msg *plr, struct location_ask *ask);

/* The Accuracy-Fulfilment-Indicator of the UE's positions for that ask: -1 when it has no
 * LCS-QoS (none to send), 0 fulfilled, 1 not: the scenario's uncertainty is larger than the
 * Horizontal-Accuracy or, when the vertical position is asked, the UE has no altitude or its
 * altitude uncertainty is larger than the Vertical-Accuracy. */
int32_t location_fulfilment(const struct scenario *s, const struct scenario_ue *ue, const struct location_ask *ask);

/* Where the UE is now, encoded as a GAD Location-Estimate: in the scenario's shape, or, when
 * vertical and the UE has an altitude, as a point with altitude and uncertainty ellipsoid (a
 * circle of uncertainty_m, altitude_uncertainty_m up and down). The scenario's ha_ellipse is an
 * HA ellipse (or HA ellipsoid). A shape the GMLC does not list in Supported-GAD-Shapes (with no
 * list: the HA ones) is replaced by the next it does list: the ellipsoid by the point with
 * altitude, then by the horizontal shapes; the HA ellipse by the ordinary one, then circle,
 * ellipse, polygon (a square), arc (a full ring), point. */
int location_estimate(const struct scenario *s, const struct scenario_ue *ue, const struct location_ask *ask,
		      uint8_t *buf, size_t *len);

/* ---- shared state (mme_stub.c) ---------------------------------------------------------- */

struct mme_dict {
	struct dict_object *lrr, *slg_location_type, *msisdn, *lcs_qos, *horizontal_accuracy, *vertical_requested,
		*vertical_accuracy,
		*location_estimate, *accuracy_fulfilment_indicator, *age_of_location_estimate,
		*deferred_location_type, *lcs_reference_number, *periodic_ldr_information, *deferred_mt_lr_data,
		*reporting_amount, *reporting_interval, *location_event, *lcs_eps_client_name, *lcs_name_string,
		*supported_gad_shapes;
};

extern struct mme_config mme_conf;
extern struct mme_dict mme_dict;

/* ---- the PLR handler (plr.c) ------------------------------------------------------------ */

int plr_cb(struct msg **msg, struct avp *avp, struct session *sess, void *opaque, enum disp_action *act);

/* ---- periodic reports (reports.c) ------------------------------------------------------- */

struct report_request {
	char imsi[16], msisdn[16];            /* the UE's, to find it in the scenario of each report */
	char gmlc_host[256], gmlc_realm[256]; /* where the LRRs go */
	uint8_t reference;                    /* LCS-Reference-Number */
	uint32_t amount, interval_s;
	int ue_available; /* one report once the UE is reachable, looked for every interval_s */
	struct location_ask ask;              /* the PLR's: every report is asked alike */
};

int reports_start(void);
void reports_stop(void);
/* Schedule the reports; one already running for the same GMLC and reference is replaced. */
int reports_add(const struct report_request *r);
/* Stop the reports of that GMLC and reference: 1 when there were some, 0 when none. */
int reports_cancel(const char *gmlc_host, uint8_t reference);

/* ---- answers sent late (delayed.c) ------------------------------------------------------ */

int delayed_start(void);
/* Stops the timer thread; the answers still waiting are dropped (their requests time out). */
void delayed_stop(void);
/* Take *ans over and send it delay_ms from now. */
int delayed_send(struct msg **ans, uint32_t delay_ms);

#endif
