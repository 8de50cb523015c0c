/* A Service-Information with IMS-, LCS- and ProSe-Information for the charging tests, and the
 * check that a message (an ACR as built, or as a CDF stored it) carries exactly that. Needs the
 * dictionaries with dict_charging and an open libcharging client (its dictionary objects). */
#ifndef CHARGING_SAMPLE_H
#define CHARGING_SAMPLE_H

#include <stddef.h>

#include "charging.h"

struct charging_sample {
	struct chg_service_information si;
	struct chg_ims_information ims;
	struct chg_lcs_information lcs;
	struct chg_prose_information prose;
};

/* Fill s; s->si points into s. */
void charging_sample_init(struct charging_sample *s);

/* 0 when parent (a message) holds the sample's Service-Information, else -1 and why says what
 * differs. */
int charging_sample_check(msg_or_avp *parent, char *why, size_t size);

/* A CCR of a user by E.164 number with one Multiple-Services-Credit-Control, in the LCS context;
 * ccr points into the struct. */
struct charging_ro_request {
	struct chg_subscription_id sub;
	struct chg_mscc mscc;
	struct chg_ccr ccr;
};
void charging_ro_request_init(struct charging_ro_request *r, const char *msisdn);
/* The same for an event of service 1 asking for one unit, with that Requested-Action. */
void charging_ro_event_init(struct charging_ro_request *r, const char *msisdn, enum chg_requested_action action);

#endif
