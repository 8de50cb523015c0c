/* gmlc -c <gmlc.conf>: the lab GMLC (gmlc.h). Runs until SIGTERM or SIGINT, then stops the MLP
 * server first (once the requests in flight are answered, bounded by timeout_ms), waits for the
 * ASYNC slir in flight, cancels the trackings
 * still running at their MMEs, stops taking LRRs, stops the Diameter node (DPR to its peers), and
 * the push worker last. */
#include "gmlc.h"

#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static void usage(void)
{
	fprintf(stderr, "usage: gmlc -c <gmlc.conf>\n");
}

int main(int argc, char **argv)
{
	static struct gmlc_config config; /* read by every thread until the end */
	struct MHD_Daemon *http;
	char err[256];
	sigset_t stop;
	int sig = 0, ret = 1;

	if (argc != 3 || strcmp(argv[1], "-c")) {
		usage();
		return 2;
	}
	/* Blocked before any thread exists, so that every thread inherits the mask and sigwait
	 * below receives them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	if (gmlc_config_load(argv[2], &config))
		return 1;
	if (mlp_init(NULL, err, sizeof err)) {
		fprintf(stderr, "gmlc: %s\n", err);
		return 1;
	}
	if (!gmlc_node_start(&config) && !gmlc_push_start() && !gmlc_reports_start()) {
		if ((http = gmlc_http_start(&config))) {
			fprintf(stderr, "gmlc: serving MLP on %s\n", GMLC_MLP_PATH);
			sigwait(&stop, &sig);
			gmlc_http_stop(http);
			gmlc_async_stop();
			gmlc_tracking_cancel_all();
			ret = 0;
		}
	}
	gmlc_reports_stop();
	gmlc_node_stop();
	gmlc_push_stop();
	mlp_cleanup();
	return ret;
}
