/* What each Data-Reference this HSS serves allows: TS 29.328 Table 7.6.1 (shared/specs/sh.md
 * §1.4) — which Sh operations, and which kinds of identity may name the user. The HSS answers by
 * it; hss-ctl and the import hold the permissions and subscriptions they store to it. */
#include "store.h"


#define ID_IMPU 1u   /* public user identity */
#define ID_PSI 2u    /* distinct PSI */
#define ID_MSISDN 4u

#define PULL STORE_PERM_PULL
#define UPDATE STORE_PERM_UPDATE
#define NOTIF STORE_PERM_SUBS_NOTIF

static const struct {
	int dr;
	uint32_t ops;
	uint32_t identities;
} table[] = {
	{ 0, PULL | UPDATE | NOTIF, ID_IMPU | ID_PSI },        /* RepositoryData */
	{ 10, PULL | NOTIF, ID_IMPU | ID_PSI | ID_MSISDN },     /* IMSPublicIdentity */
	{ 11, PULL | NOTIF, ID_IMPU },                          /* IMSUserState */
	{ 12, PULL | NOTIF, ID_IMPU | ID_PSI },                 /* S-CSCFName */
	{ 13, PULL | NOTIF, ID_IMPU | ID_PSI },                 /* InitialFilterCriteria */
	{ 14, PULL, ID_IMPU | ID_MSISDN },                      /* LocationInformation */
	{ 15, PULL, ID_IMPU | ID_MSISDN },                      /* UserState */
	{ 16, PULL | NOTIF, ID_IMPU | ID_PSI | ID_MSISDN },     /* ChargingInformation */
	{ 17, PULL, ID_IMPU | ID_MSISDN },                      /* MSISDN */
	{ 18, PULL | UPDATE | NOTIF, ID_PSI },                  /* PSIActivation */
	{ 19, PULL | UPDATE | NOTIF, ID_IMPU | ID_PSI },        /* DSAI */
	{ 32, PULL, ID_IMPU | ID_MSISDN },                      /* IMSI */
};

static int find(int dr)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].dr == dr)
			return (int)i;
	return -1;
}

uint32_t store_dr_operations(int dr)
{
	int i = find(dr);
	return i >= 0 ? table[i].ops : 0;
}

int store_dr_identity_ok(int dr, enum store_identity kind, int psi)
{
	int i = find(dr);
	uint32_t want;

	if (i < 0)
		return 0;
	if (kind == STORE_MSISDN)
		want = ID_MSISDN;
	else
		want = psi ? ID_PSI : ID_IMPU;
	return (table[i].identities & want) != 0;
}
