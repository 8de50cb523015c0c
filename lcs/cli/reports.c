/* lcs-client: the report listener that track (tlrep) and locate --async (slirep) share: started
 * on the loopback address with SIGINT / SIGTERM blocked, each report printed as it arrives, then
 * waited for. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#define POLL_NS 100000000L /* how often the count is looked at between signals */

static void on_report(void *arg, const struct mlp_answer *report)
{
	struct reports *r = arg;

	/* a tlrep's positions name their tracking; an slirep's print as a locate's */
	for (int i = 0; i < report->n_pos; i++) {
		print_pos(&report->pos[i], report->kind == MLP_TLREP ? report->req_id : NULL, r->json);
		if (report->pos[i].result)
			r->poserr = 1;
	}
	/* MLP 3.1's tlrep has no more: there, --count, stop or SIGINT ends the tracking */
	if (report->kind == MLP_SLIREP || (!report->more && report->version != MLP_V3_1))
		r->last = 1;
	r->received++;
}

int reports_start(struct reports *r, unsigned port, int json)
{
	char err[256] = "";

	memset(r, 0, sizeof *r);
	r->json = json;
	/* blocked before the listener's thread starts, so that it inherits the mask */
	sigemptyset(&r->signals);
	sigaddset(&r->signals, SIGINT);
	sigaddset(&r->signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &r->signals, NULL);
	if (mlp_listener_start(port, 0, on_report, r, &r->listener, err, sizeof err)) {
		fprintf(stderr, "lcs-client: %s\n", err);
		return -1;
	}
	snprintf(r->pushaddr, sizeof r->pushaddr, "http://127.0.0.1:%u/", mlp_listener_port(r->listener));
	return 0;
}

void reports_wait(const struct reports *r, long count, long timeout_ms)
{
	const struct timespec poll = { 0, POLL_NS };
	long polls = timeout_ms > 0 ? timeout_ms / (POLL_NS / 1000000) : -1; /* -1: no bound */

	while ((count <= 0 || r->received < count) && !r->last && polls-- != 0)
		if (sigtimedwait(&r->signals, NULL, &poll) > 0)
			return;
}

void reports_stop(struct reports *r)
{
	mlp_listener_stop(r->listener);
}
