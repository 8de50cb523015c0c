/* The GMLC's Diameter node: libfdcore embedded in this process (freediameter-1.2.1.md §2.2), SLh
 * and SLg advertised, dictionary objects looked up once, and requests that end exactly once:
 * with their answer, at their expiry (fd_msg_send_timeout), when freeDiameter drops them or
 * their answer (a HOOK_MESSAGE_DROPPED hook: a dropped answer takes the request off the expiry
 * timer, so neither callback would ever come), or when the node stops. */
#include "gmlc.h"
#include "slh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


struct gmlc_dict gmlc_dict;

struct pending {
	struct fd_list chain; /* in the pending list, under lock */
	int ended;            /* claimed by the path that ends it, under lock */
	gmlc_answer_cb cb;
	void *arg;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct fd_list pending_list = FD_LIST_INITIALIZER(pending_list);
static struct fd_hook_hdl *drop_hook, *quiet_hook;
static struct dk_route *routes[GMLC_MAX_ROUTES];
static int nroutes;

/* 1 for the first caller only: the one that ends the request. */
static int claim(struct pending *p)
{
	int first;

	pthread_mutex_lock(&lock);
	first = !p->ended;
	p->ended = 1;
	pthread_mutex_unlock(&lock);
	return first;
}

static void end_request(struct pending *p, struct msg *ans)
{
	p->cb(p->arg, ans);
	pthread_mutex_lock(&lock);
	fd_list_unlink(&p->chain);
	pthread_mutex_unlock(&lock);
	free(p);
}

static void on_answer(void *data, struct msg **ans)
{
	struct pending *p = data;

	if (claim(p))
		end_request(p, *ans);
	fd_msg_free(*ans);
	*ans = NULL;
}

static void on_expiry(void *data, DiamId_t sent_to, size_t len, struct msg **req)
{
	struct pending *p = data;

	(void)sent_to;
	(void)len;
	fd_msg_free(*req); /* ours to free; left to freeDiameter it would log a drop */
	*req = NULL;
	if (claim(p))
		end_request(p, NULL);
}

static void on_drop(enum fd_hook_type type, struct msg *msg, struct peer_hdr *peer, void *other,
		    struct fd_hook_permsgdata *pmd, void *regdata)
{
	int was_request;
	void *data = dk_claim_dropped(msg, on_answer, &was_request);

	(void)type;
	(void)peer;
	(void)other;
	(void)pmd;
	(void)regdata;
	if (data && claim(data))
		end_request(data, NULL);
}

static int find_dict(void)
{
	struct dictionary *d = fd_g_config->cnf_dict;
	const struct {
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ "MSISDN", &gmlc_dict.msisdn },
		{ "Serving-Node", &gmlc_dict.serving_node },
		{ "MME-Name", &gmlc_dict.mme_name },
		{ "MME-Realm", &gmlc_dict.mme_realm },
		{ "SLg-Location-Type", &gmlc_dict.slg_location_type },
		{ "LCS-EPS-Client-Name", &gmlc_dict.lcs_eps_client_name },
		{ "LCS-Name-String", &gmlc_dict.lcs_name_string },
		{ "LCS-Format-Indicator", &gmlc_dict.lcs_format_indicator },
		{ "LCS-Client-Type", &gmlc_dict.lcs_client_type },
		{ "Location-Estimate", &gmlc_dict.location_estimate },
		{ "Age-Of-Location-Estimate", &gmlc_dict.age_of_location_estimate },
		{ "Location-Event", &gmlc_dict.location_event },
		{ "LCS-Reference-Number", &gmlc_dict.lcs_reference_number },
		{ "Deferred-Location-Type", &gmlc_dict.deferred_location_type },
		{ "Periodic-LDR-Information", &gmlc_dict.periodic_ldr_information },
		{ "Reporting-Amount", &gmlc_dict.reporting_amount },
		{ "Reporting-Interval", &gmlc_dict.reporting_interval },
		{ "LCS-QoS", &gmlc_dict.lcs_qos },
		{ "LCS-Priority", &gmlc_dict.lcs_priority },
		{ "LCS-QoS-Class", &gmlc_dict.lcs_qos_class },
		{ "Horizontal-Accuracy", &gmlc_dict.horizontal_accuracy },
		{ "Vertical-Accuracy", &gmlc_dict.vertical_accuracy },
		{ "Vertical-Requested", &gmlc_dict.vertical_requested },
		{ "Response-Time", &gmlc_dict.response_time },
		{ "Accuracy-Fulfilment-Indicator", &gmlc_dict.accuracy_fulfilment_indicator },
		{ "Supported-GAD-Shapes", &gmlc_dict.supported_gad_shapes },
	};

	CHECK_FCT(dk_base_init());
	for (size_t i = 0; i < DK_COUNT(avps); i++)
		CHECK_FCT(dk_find_avp(d, DK_VENDOR_3GPP, avps[i].name, avps[i].obj));
	CHECK_FCT(dk_find_command(d, "LCS-Routing-Info-Request", &gmlc_dict.rir));
	CHECK_FCT(dk_find_command(d, "Location-Report-Request", &gmlc_dict.lrr));
	return dk_find_command(d, "Provide-Location-Request", &gmlc_dict.plr);
}

static int support(application_id_t id)
{
	struct dict_object *app = NULL, *vendor = NULL;
	vendor_id_t v = DK_VENDOR_3GPP;

	CHECK_FCT(dk_find_application(fd_g_config->cnf_dict, id, &app));
	CHECK_FCT(fd_dict_search(fd_g_config->cnf_dict, DICT_VENDOR, VENDOR_BY_ID, &v, &vendor, ENOENT));
	return fd_disp_app_support(app, vendor, 1, 0);
}

int gmlc_node_start(const struct gmlc_config *config)
{
	const char *fd_config = config->fd_config;
	int ret;

	fd_g_debug_lvl = FD_LOG_NOTICE;
	dk_ignore_sigpipe();
	if (fd_core_initialize() || fd_core_parseconf(fd_config)) {
		fprintf(stderr, "gmlc: freeDiameter cannot load %s (see above)\n", fd_config);
		return EINVAL;
	}
	if ((ret = find_dict())) {
		fprintf(stderr, "gmlc: load dict_slh.fdx and dict_slg.fdx in %s\n", fd_config);
		return ret;
	}
	dk_sid_maker_init(&gmlc_sids); /* the identity is known once the configuration is read */
	CHECK_FCT(support(SLH_APPLICATION_ID));
	CHECK_FCT(support(SLG_APPLICATION_ID));
	CHECK_FCT(fd_hook_register(HOOK_MASK(HOOK_MESSAGE_DROPPED), on_drop, NULL, NULL, &drop_hook));
	CHECK_FCT(dk_quiet_messages(&quiet_hook));
	for (int i = 0; i < config->nroutes; i++)
		CHECK_FCT(dk_route_add(config->routes[i].realm, config->routes[i].peer, &routes[nroutes++]));
	if (fd_core_start() || fd_core_waitstartcomplete()) {
		fprintf(stderr, "gmlc: freeDiameter does not start (see above)\n");
		return EINVAL;
	}
	return 0;
}

void gmlc_node_stop(void)
{
	while (nroutes > 0)
		dk_route_remove(routes[--nroutes]);
	fd_core_shutdown();
	fd_core_wait_shutdown_complete();
	/* What is still pending will never be answered now. */
	for (;;) {
		struct pending *p = NULL;

		pthread_mutex_lock(&lock);
		for (struct fd_list *li = pending_list.next; !p && li != &pending_list; li = li->next)
			if (!((struct pending *)li->o)->ended)
				p = li->o;
		pthread_mutex_unlock(&lock);
		if (!p)
			break;
		if (claim(p))
			end_request(p, NULL);
	}
	if (drop_hook)
		fd_hook_unregister(drop_hook);
	if (quiet_hook)
		fd_hook_unregister(quiet_hook);
}

int gmlc_node_send(struct msg **req, const struct timespec *deadline, gmlc_answer_cb cb, void *arg)
{
	struct pending *p = calloc(1, sizeof *p);
	int ret;

	if (!p) {
		fd_msg_free(*req);
		*req = NULL;
		return ENOMEM;
	}
	p->cb = cb;
	p->arg = arg;
	fd_list_init(&p->chain, p);
	/* Listed before sending: the answer may come before fd_msg_send_timeout returns. */
	pthread_mutex_lock(&lock);
	fd_list_insert_before(&pending_list, &p->chain);
	pthread_mutex_unlock(&lock);
	if (!(ret = fd_msg_send_timeout(req, on_answer, p, on_expiry, deadline)))
		return 0;
	pthread_mutex_lock(&lock);
	fd_list_unlink(&p->chain);
	pthread_mutex_unlock(&lock);
	fd_msg_free(*req);
	*req = NULL;
	free(p);
	return ret;
}
