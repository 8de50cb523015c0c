/* A struct sh_data into a Sh-Data tree, in the order and nesting of ShData.xsd. Values are
 * written as given: xs_format() then reads the document back against the schema, so a value out
 * of its range refuses the whole document instead of going out. */
#include "shdata_internal.h"

static void write_public_identifiers(struct xs_call *c, xmlNode *root, const struct sh_data *d)
{
	xmlNode *pi;

	if (!d->has_public_identifiers && !d->n_public_identities && !d->n_msisdns)
		return;
	pi = xw_elem(c, root, "PublicIdentifiers");
	for (size_t i = 0; i < d->n_public_identities; i++)
		xw_text(c, pi, "IMSPublicIdentity", d->public_identities[i]);
	for (size_t i = 0; i < d->n_msisdns; i++)
		xw_text(c, pi, "MSISDN", d->msisdns[i]);
}

static void write_repository_data(struct xs_call *c, xmlNode *root, const struct sh_repository_data *rd)
{
	xmlNode *node = xw_elem(c, root, "RepositoryData");

	xw_text(c, node, "ServiceIndication", rd->service_indication);
	xw_number(c, node, "SequenceNumber", rd->sequence_number);
	if (rd->service_data)
		xw_fragment(c, xw_elem(c, node, "ServiceData"), rd->service_data);
}

static void write_ifc(struct xs_call *c, xmlNode *ifcs, const struct sh_ifc *ifc)
{
	xmlNode *node = xw_elem(c, ifcs, "InitialFilterCriteria");
	xmlNode *as;

	xw_number(c, node, "Priority", ifc->priority);
	if (ifc->trigger_point)
		xw_fragment(c, node, ifc->trigger_point);
	as = xw_elem(c, node, "ApplicationServer");
	xw_text(c, as, "ServerName", ifc->server_name);
	xw_opt(c, as, "DefaultHandling", ifc->default_handling);
	xw_text(c, as, "ServiceInfo", ifc->service_info);
	xw_opt(c, node, "ProfilePartIndicator", ifc->profile_part_indicator);
}

static void write_charging_information(struct xs_call *c, xmlNode *ims,
				       const struct sh_charging_information *ci)
{
	xmlNode *node = xw_elem(c, ims, "ChargingInformation");

	xw_text(c, node, "PrimaryEventChargingFunctionName", ci->primary_event_charging_function);
	xw_text(c, node, "SecondaryEventChargingFunctionName", ci->secondary_event_charging_function);
	xw_text(c, node, "PrimaryChargingCollectionFunctionName", ci->primary_charging_collection_function);
	xw_text(c, node, "SecondaryChargingCollectionFunctionName", ci->secondary_charging_collection_function);
}

/* PSIActivation in Sh-IMS-Data's Extension, DSAI in the Extension inside it. */
static void write_ims_extension(struct xs_call *c, xmlNode *ims, const struct sh_data *d)
{
	xmlNode *ext, *ext2;

	if (d->psi_activation == SHDATA_ABSENT && !d->n_dsai)
		return;
	ext = xw_elem(c, ims, "Extension");
	xw_opt(c, ext, "PSIActivation", d->psi_activation);
	if (!d->n_dsai)
		return;
	ext2 = xw_elem(c, ext, "Extension");
	for (size_t i = 0; i < d->n_dsai; i++) {
		xmlNode *dsai = xw_elem(c, ext2, "DSAI");

		xw_text(c, dsai, "DSAI-Tag", d->dsai[i].tag);
		xw_number(c, dsai, "DSAI-Value", d->dsai[i].value);
	}
}

static int has_ims_data(const struct sh_data *d)
{
	return d->has_scscf_name || d->scscf_name || d->has_ifcs || d->n_ifcs ||
	       d->ims_user_state != SHDATA_ABSENT || d->charging_information ||
	       d->psi_activation != SHDATA_ABSENT || d->n_dsai;
}

static void write_ims_data(struct xs_call *c, xmlNode *root, const struct sh_data *d)
{
	xmlNode *ims;

	if (!has_ims_data(d))
		return;
	ims = xw_elem(c, root, "Sh-IMS-Data");
	if (d->has_scscf_name || d->scscf_name)
		xw_text(c, ims, "SCSCFName", d->scscf_name ? d->scscf_name : "");
	if (d->has_ifcs || d->n_ifcs) {
		xmlNode *ifcs = xw_elem(c, ims, "IFCs");

		for (size_t i = 0; i < d->n_ifcs; i++)
			write_ifc(c, ifcs, &d->ifcs[i]);
	}
	xw_opt(c, ims, "IMSUserState", d->ims_user_state);
	if (d->charging_information)
		write_charging_information(c, ims, d->charging_information);
	write_ims_extension(c, ims, d);
}

/* DeletedIdentities go in the 2nd Extension of the chain, EPS data in the 4th, the IMSI in the 5th
 * (TS 29.328 Annex D). */
static void write_extension(struct xs_call *c, xmlNode *root, const struct sh_data *d)
{
	xmlNode *ext = root;

	if (!d->n_deleted_identities && d->eps_user_state == SHDATA_ABSENT && !d->eps_location && !d->imsi)
		return;
	for (int level = 1; level <= 2; level++)
		ext = xw_elem(c, ext, "Extension");
	if (d->n_deleted_identities) {
		xmlNode *deleted = xw_elem(c, ext, "DeletedIdentities");
		for (size_t i = 0; i < d->n_deleted_identities; i++)
			xw_text(c, deleted, "IMSPublicIdentity", d->deleted_identities[i]);
	}
	if (d->eps_user_state == SHDATA_ABSENT && !d->eps_location && !d->imsi)
		return;
	for (int level = 3; level <= 4; level++)
		ext = xw_elem(c, ext, "Extension");
	xw_opt(c, ext, "EPSUserState", d->eps_user_state);
	if (d->eps_location)
		shloc_write(c, ext, SHLOC_EPS, d->eps_location);
	if (d->imsi)
		xw_text(c, xw_elem(c, ext, "Extension"), "IMSI", d->imsi);
}

void shdata_write_tree(struct xs_call *c, xmlNode *root, const void *data)
{
	const struct sh_data *d = data;

	write_public_identifiers(c, root, d);
	for (size_t i = 0; i < d->n_repository_data; i++)
		write_repository_data(c, root, &d->repository_data[i]);
	write_ims_data(c, root, d);
	if (d->cs_location)
		shloc_write(c, root, SHLOC_CS, d->cs_location);
	if (d->ps_location)
		shloc_write(c, root, SHLOC_PS, d->ps_location);
	xw_opt(c, root, "CSUserState", d->cs_user_state);
	xw_opt(c, root, "PSUserState", d->ps_user_state);
	write_extension(c, root, d);
}
