/* A Sh-Data tree, valid against ShData.xsd, into a struct sh_data. Validation has put every
 * element where the schema allows it and every value in its range; what the structure does not
 * model (other Extension content, elements of other namespaces) is passed over. */
#include <stdlib.h>

#include "shdata_internal.h"

static int is(const xmlNode *node, const char *name)
{
	return xr_is(node, NULL, name);
}

static void read_public_identifiers(struct xs_call *c, xmlNode *node, struct sh_data *d)
{
	d->has_public_identifiers = 1;
	xr_each_child(n, node) {
		if (is(n, "IMSPublicIdentity"))
			xr_push(c, &d->public_identities, &d->n_public_identities, n, 1);
		else if (is(n, "MSISDN"))
			xr_push(c, &d->msisdns, &d->n_msisdns, n, 0);
	}
}

static void read_repository_data(struct xs_call *c, xmlNode *node, struct sh_data *d)
{
	struct sh_repository_data *rd = xr_append(c, d->repository_data, d->n_repository_data);

	if (!rd)
		return;
	xr_each_child(n, node) {
		if (is(n, "ServiceIndication"))
			rd->service_indication = xr_text(c, n, 0);
		else if (is(n, "SequenceNumber"))
			rd->sequence_number = (int)xr_number(c, n);
		else if (is(n, "ServiceData")) /* exactly one element, says the schema */
			rd->service_data = xr_dump(c, xmlFirstElementChild(n));
	}
}

static void read_application_server(struct xs_call *c, xmlNode *node, struct sh_ifc *ifc)
{
	xr_each_child(n, node) {
		if (is(n, "ServerName"))
			ifc->server_name = xr_text(c, n, 1);
		else if (is(n, "DefaultHandling"))
			ifc->default_handling = (int)xr_number(c, n);
		else if (is(n, "ServiceInfo"))
			ifc->service_info = xr_text(c, n, 0);
	}
}

static void read_ifc(struct xs_call *c, xmlNode *node, struct sh_data *d)
{
	struct sh_ifc *ifc = xr_append(c, d->ifcs, d->n_ifcs);

	if (!ifc)
		return;
	ifc->default_handling = SHDATA_ABSENT;
	ifc->profile_part_indicator = SHDATA_ABSENT;
	xr_each_child(n, node) {
		if (is(n, "Priority"))
			ifc->priority = (int)xr_number(c, n);
		else if (is(n, "TriggerPoint"))
			ifc->trigger_point = xr_dump(c, n);
		else if (is(n, "ApplicationServer"))
			read_application_server(c, n, ifc);
		else if (is(n, "ProfilePartIndicator"))
			ifc->profile_part_indicator = (int)xr_number(c, n);
	}
}

static void read_charging_information(struct xs_call *c, xmlNode *node, struct sh_data *d)
{
	struct sh_charging_information *ci;

	if (!(ci = d->charging_information = calloc(1, sizeof *ci))) {
		xs_nomem(c);
		return;
	}
	xr_each_child(n, node) {
		if (is(n, "PrimaryEventChargingFunctionName"))
			ci->primary_event_charging_function = xr_text(c, n, 1);
		else if (is(n, "SecondaryEventChargingFunctionName"))
			ci->secondary_event_charging_function = xr_text(c, n, 1);
		else if (is(n, "PrimaryChargingCollectionFunctionName"))
			ci->primary_charging_collection_function = xr_text(c, n, 1);
		else if (is(n, "SecondaryChargingCollectionFunctionName"))
			ci->secondary_charging_collection_function = xr_text(c, n, 1);
	}
}

static void read_dsai(struct xs_call *c, xmlNode *node, struct sh_data *d)
{
	struct sh_dsai *dsai = xr_append(c, d->dsai, d->n_dsai);

	if (!dsai)
		return;
	xr_each_child(n, node) {
		if (is(n, "DSAI-Tag"))
			dsai->tag = xr_text(c, n, 0);
		else if (is(n, "DSAI-Value"))
			dsai->value = (int)xr_number(c, n);
	}
}

/* Sh-IMS-Data's Extension (level 1: PSIActivation) and the one inside it (level 2: DSAI); what
 * comes deeper is not modelled. */
static void read_ims_extension(struct xs_call *c, xmlNode *node, int level, struct sh_data *d)
{
	xr_each_child(n, node) {
		if (level == 1 && is(n, "PSIActivation"))
			d->psi_activation = (int)xr_number(c, n);
		else if (level == 1 && is(n, "Extension"))
			read_ims_extension(c, n, 2, d);
		else if (level == 2 && is(n, "DSAI"))
			read_dsai(c, n, d);
	}
}

static void read_ims_data(struct xs_call *c, xmlNode *node, struct sh_data *d)
{
	xr_each_child(n, node) {
		if (is(n, "SCSCFName")) {
			d->has_scscf_name = 1;
			d->scscf_name = xr_text(c, n, 1);
		} else if (is(n, "IFCs")) {
			d->has_ifcs = 1;
			xr_each_child(ifc, n)
				if (is(ifc, "InitialFilterCriteria"))
					read_ifc(c, ifc, d);
		} else if (is(n, "IMSUserState")) {
			d->ims_user_state = (int)xr_number(c, n);
		} else if (is(n, "ChargingInformation")) {
			read_charging_information(c, n, d);
		} else if (is(n, "Extension")) {
			read_ims_extension(c, n, 1, d);
		}
	}
}

/* The chain of Sh-Data Extensions (TS 29.328 Annex D): DeletedIdentities in the 2nd, EPS data in
 * the 4th, the IMSI in the 5th; the others and what comes after the 5th are not modelled. */
static void read_extension(struct xs_call *c, xmlNode *node, int level, struct sh_data *d)
{
	xr_each_child(n, node) {
		if (level < 5 && is(n, "Extension"))
			read_extension(c, n, level + 1, d);
		else if (level == 2 && is(n, "DeletedIdentities"))
			xr_each_child(id, n) {
				if (is(id, "IMSPublicIdentity"))
					xr_push(c, &d->deleted_identities, &d->n_deleted_identities, id, 1);
			}
		else if (level == 4 && is(n, "EPSUserState"))
			d->eps_user_state = (int)xr_number(c, n);
		else if (level == 4 && is(n, "EPSLocationInformation"))
			d->eps_location = shloc_read(c, n, SHLOC_EPS);
		else if (level == 5 && is(n, "IMSI"))
			d->imsi = xr_text(c, n, 0);
	}
}

void *shdata_read_tree(struct xs_call *c, xmlNode *root)
{
	struct sh_data *d = shdata_new();

	if (!d)
		return xs_nomem(c);
	xr_each_child(n, root) {
		if (is(n, "PublicIdentifiers"))
			read_public_identifiers(c, n, d);
		else if (is(n, "RepositoryData"))
			read_repository_data(c, n, d);
		else if (is(n, "Sh-IMS-Data"))
			read_ims_data(c, n, d);
		else if (is(n, "CSLocationInformation"))
			d->cs_location = shloc_read(c, n, SHLOC_CS);
		else if (is(n, "PSLocationInformation"))
			d->ps_location = shloc_read(c, n, SHLOC_PS);
		else if (is(n, "CSUserState"))
			d->cs_user_state = (int)xr_number(c, n);
		else if (is(n, "PSUserState"))
			d->ps_user_state = (int)xr_number(c, n);
		else if (is(n, "Extension"))
			read_extension(c, n, 1, d);
	}
	if (c->rc) {
		shdata_free(d);
		return NULL;
	}
	return d;
}
