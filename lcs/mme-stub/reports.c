/* Deferred location (TS 23.271 §9.1.19, TS 29.172 §6.3): periodic, a Location-Report-Request to
 * the GMLC every Reporting-Interval seconds, Reporting-Amount times (with Periodic-LDR-Information);
 * UE-Available, one when the UE is reachable in the scenario in use (with Deferred-MT-LR-Data).
 * One timer thread serves every request: it sleeps until the earliest report is due. Reports are
 * keyed by the GMLC's Origin-Host and the LCS-Reference-Number it chose. LRAs are only logged. */
#include "mme_stub.h"
#include "tbcd.h"

#include <stdlib.h>

#define LRA_TIMEOUT_S 10

struct report {
	struct report *next;
	struct report_request r;
	uint32_t sent;
	struct timespec due; /* CLOCK_MONOTONIC */
};

static struct dk_worker worker; /* its timed waits on CLOCK_MONOTONIC, as the dues */
static struct report *reports;  /* owned here, under worker.lock */

static void on_lra(void *data, struct msg **lra)
{
	struct dk_result res = { 0 };
	char host[256] = "?";
	struct msg *lrr = NULL;
	const uint8_t *ref;
	size_t len;
	int reference = -1;

	(void)data;
	(void)dk_get_str(*lra, dk_base.origin_host, host, sizeof host);
	(void)dk_get_result(*lra, &res);
	if (!fd_msg_answ_getq(*lra, &lrr) && lrr && !dk_get_os(lrr, mme_dict.lcs_reference_number, &ref, &len) && len == 1)
		reference = ref[0];
	LOG_N("mme_stub %s: LRA from %s for reference %d: %s %u", mme_conf.name, host, reference,
	      res.vendor ? "Experimental-Result" : "Result-Code", res.code);
	fd_msg_free(*lra);
	*lra = NULL;
}

static void on_lra_timeout(void *data, DiamId_t sent_to, size_t len, struct msg **lrr)
{
	(void)data;
	(void)lrr; /* freed by the core */
	LOG_N("mme_stub %s: no LRA from %.*s", mme_conf.name, (int)len, sent_to);
}

static int add_identities(struct msg *msg, const struct report_request *r)
{
	uint8_t msisdn[TBCD_OCTETS(sizeof r->msisdn)];
	int len;

	if (r->imsi[0])
		CHECK_FCT(dk_add_str(msg, dk_base.user_name, r->imsi));
	if (!r->msisdn[0])
		return 0;
	if ((len = tbcd_encode(r->msisdn, msisdn, sizeof msisdn)) < 0)
		return EINVAL;
	return dk_add_os(msg, mme_dict.msisdn, msisdn, (size_t)len);
}

/* The report's location, in the scenario in use (reloaded since the PLR, maybe): ENOENT when the
 * UE is no longer in it. */
static int add_location(struct msg *lrr, const struct report_request *r)
{
	struct scenario *s = scenario_hold();
	const struct scenario_ue *ue = scenario_find(s, r->imsi, r->msisdn);
	uint8_t gad[GAD_MAX_LEN];
	int32_t fulfilment;
	size_t len;
	int ret = ENOENT;

	if (!ue)
		goto out;
	CHECK_FCT_DO(ret = location_estimate(s, ue, &r->ask, gad, &len), goto out);
	CHECK_FCT_DO(ret = dk_add_os(lrr, mme_dict.location_estimate, gad, len), goto out);
	if ((fulfilment = location_fulfilment(s, ue, &r->ask)) >= 0)
		CHECK_FCT_DO(ret = dk_add_i32(lrr, mme_dict.accuracy_fulfilment_indicator, fulfilment), goto out);
out:
	scenario_release(s);
	return ret;
}

/* Whether the UE of r is in the scenario in use, and reachable. */
static int reachable(const struct report_request *r)
{
	struct scenario *s = scenario_hold();
	const struct scenario_ue *ue = scenario_find(s, r->imsi, r->msisdn);
	int yes = ue && !ue->error;

	scenario_release(s);
	return yes;
}

static int fill_lrr(struct msg *lrr, const struct report_request *r)
{
	struct avp *periodic = NULL, *deferred = NULL;
	int ret;

	CHECK_FCT(fd_msg_new_session(lrr, (os0_t)"lrr", 3));
	CHECK_FCT(dk_add_i32(lrr, dk_base.auth_session_state, 1)); /* NO_STATE_MAINTAINED */
	CHECK_FCT(fd_msg_add_origin(lrr, 0));
	CHECK_FCT(dk_add_str(lrr, dk_base.destination_host, r->gmlc_host));
	CHECK_FCT(dk_add_str(lrr, dk_base.destination_realm, r->gmlc_realm));
	CHECK_FCT(dk_add_i32(lrr, mme_dict.location_event, SLG_LOCATION_EVENT_DEFERRED_MT_LR_RESPONSE));
	CHECK_FCT(add_identities(lrr, r));
	if ((ret = add_location(lrr, r)))
		return ret; /* ENOENT is no error, but no report */
	CHECK_FCT(dk_add_u32(lrr, mme_dict.age_of_location_estimate, 0)); /* each report positions anew */
	CHECK_FCT(dk_add_os(lrr, mme_dict.lcs_reference_number, &r->reference, 1));
	if (r->ue_available) {
		CHECK_FCT(dk_add_group(lrr, mme_dict.deferred_mt_lr_data, &deferred));
		return dk_add_u32(deferred, mme_dict.deferred_location_type, SLG_DEFERRED_UE_AVAILABLE);
	}
	CHECK_FCT(dk_add_group(lrr, mme_dict.periodic_ldr_information, &periodic));
	CHECK_FCT(dk_add_u32(periodic, mme_dict.reporting_amount, r->amount));
	return dk_add_u32(periodic, mme_dict.reporting_interval, r->interval_s);
}

static void send_lrr(const struct report_request *r)
{
	struct timespec expiry;
	struct msg *lrr = NULL;
	int ret;

	CHECK_FCT_DO(ret = fd_msg_new(mme_dict.lrr, MSGFL_ALLOC_ETEID, &lrr), goto fail);
	if ((ret = fill_lrr(lrr, r)) == ENOENT) {
		LOG_N("mme_stub %s: UE %s%s is not in the scenario any more: no report to %s this time",
		      mme_conf.name, r->imsi[0] ? r->imsi : "MSISDN ", r->imsi[0] ? "" : r->msisdn, r->gmlc_host);
		fd_msg_free(lrr);
		return;
	}
	if (ret)
		goto fail;
	clock_gettime(CLOCK_REALTIME, &expiry);
	expiry.tv_sec += LRA_TIMEOUT_S;
	CHECK_FCT_DO(ret = fd_msg_send_timeout(&lrr, on_lra, NULL, on_lra_timeout, &expiry), goto fail);
	return;
fail:
	LOG_E("mme_stub %s: cannot send an LRR to %s: %s", mme_conf.name, r->gmlc_host, strerror(ret));
	fd_msg_free(lrr);
}

/* Unlink and return the report of that GMLC and reference, or NULL. Called under worker.lock. */
static struct report *unlink_report(const char *gmlc_host, uint8_t reference)
{
	for (struct report **p = &reports; *p; p = &(*p)->next)
		if ((*p)->r.reference == reference && !strcasecmp((*p)->r.gmlc_host, gmlc_host)) {
			struct report *found = *p;
			*p = found->next;
			return found;
		}
	return NULL;
}

static struct report *earliest(void)
{
	struct report *first = reports;

	for (struct report *x = reports; x; x = x->next)
		if (dk_time_before(&x->due, &first->due))
			first = x;
	return first;
}

static void *run(void *arg)
{
	struct timespec now;
	struct report *next;

	(void)arg;
	fd_log_threadname("mme_stub reports");
	pthread_mutex_lock(&worker.lock);
	while (!worker.stopping) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (!(next = earliest())) {
			pthread_cond_wait(&worker.wake, &worker.lock);
			continue;
		}
		if (dk_time_before(&now, &next->due)) {
			pthread_cond_timedwait(&worker.wake, &worker.lock, &next->due);
			continue;
		}
		if (next->r.ue_available && !reachable(&next->r)) {
			next->due.tv_sec += next->r.interval_s; /* not yet */
			continue;
		}
		struct report_request r = next->r; /* sent without the lock */
		if (++next->sent == next->r.amount)
			free(unlink_report(next->r.gmlc_host, next->r.reference));
		else
			next->due.tv_sec += next->r.interval_s;
		pthread_mutex_unlock(&worker.lock);
		send_lrr(&r);
		pthread_mutex_lock(&worker.lock);
	}
	pthread_mutex_unlock(&worker.lock);
	return NULL;
}

int reports_start(void)
{
	CHECK_POSIX(dk_worker_start(&worker, CLOCK_MONOTONIC, run, NULL));
	return 0;
}

void reports_stop(void)
{
	dk_worker_stop(&worker);
	while (reports) {
		struct report *x = reports;
		reports = x->next;
		free(x);
	}
}

int reports_add(const struct report_request *r)
{
	struct report *x;

	CHECK_MALLOC(x = calloc(1, sizeof *x));
	x->r = *r;
	clock_gettime(CLOCK_MONOTONIC, &x->due);
	x->due.tv_sec += r->interval_s;
	pthread_mutex_lock(&worker.lock);
	free(unlink_report(r->gmlc_host, r->reference)); /* a new request replaces the old one */
	x->next = reports;
	reports = x;
	pthread_cond_signal(&worker.wake);
	pthread_mutex_unlock(&worker.lock);
	return 0;
}

int reports_cancel(const char *gmlc_host, uint8_t reference)
{
	struct report *x;

	pthread_mutex_lock(&worker.lock);
	x = unlink_report(gmlc_host, reference);
	pthread_mutex_unlock(&worker.lock);
	free(x);
	return x != NULL;
}
