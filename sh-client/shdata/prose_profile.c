/* The ProSe profile (struct prose_profile) and its XML form, the ProSeProfile element of
 * schema/ProSeProfile.xsd, described in docs/prose-profile.md. The schema checks every value but
 * one: the SSID's length in bytes, checked here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shdata_internal.h"

#define SSID_MAX_BYTES 32 /* IEEE 802.11 */

struct prose_profile *prose_profile_new(void)
{
	struct prose_profile *profile = calloc(1, sizeof *profile);

	if (!profile)
		return NULL;
	profile->range_class = SHDATA_ABSENT;
	profile->d2d_frequency = SHDATA_ABSENT;
	return profile;
}

void prose_profile_free(struct prose_profile *profile)
{
	if (!profile)
		return;
	free(profile->plmns);
	shdata_free_strings(profile->application_ids, profile->n_application_ids);
	free(profile->wifi_ssid);
	free(profile->wifi_passphrase);
	free(profile->wlan_link_layer_id);
	shdata_free_strings(profile->discoverable_by, profile->n_discoverable_by);
	free(profile);
}

/* Bit masks are written as lists of names (xs:list). */
struct flag {
	const char *name;
	uint32_t bit;
};

static const struct flag permission_flags[] = {
	{ "direct-discovery", PROSE_PERM_DIRECT_DISCOVERY },
	{ "epc-discovery", PROSE_PERM_EPC_DISCOVERY },
	{ "wlan-direct", PROSE_PERM_WLAN_DIRECT },
	{ "one-to-many", PROSE_PERM_ONE_TO_MANY },
	{ "one-to-one", PROSE_PERM_ONE_TO_ONE },
	{ "ue-to-network-relay", PROSE_PERM_UE_TO_NETWORK_RELAY },
	{ "remote-ue-access", PROSE_PERM_REMOTE_UE_ACCESS },
	{ "restricted-discovery", PROSE_PERM_RESTRICTED_DISCOVERY },
	{ NULL, 0 },
};

static const struct flag direct_flags[] = {
	{ "announce", PROSE_DIRECT_ANNOUNCE },
	{ "monitor", PROSE_DIRECT_MONITOR },
	{ "communication", PROSE_DIRECT_COMMUNICATION },
	{ NULL, 0 },
};

static void check_ssid(struct xs_call *c, const char *ssid, long line)
{
	if (ssid && strlen(ssid) > SSID_MAX_BYTES)
		xs_fail(c, SHDATA_EINVALID, line, "SSID of %zu bytes, over %d", strlen(ssid), SSID_MAX_BYTES);
}

/* ---- reading ------------------------------------------------------------------------------ */

static int is(const xmlNode *node, const char *name)
{
	return xr_is(node, PROSE_NAMESPACE, name);
}

static uint32_t read_flags(struct xs_call *c, xmlNode *node, const struct flag *flags)
{
	char *text = xr_text(c, node, 0), *save;
	uint32_t bits = 0;

	for (char *name = text ? strtok_r(text, " \t\r\n", &save) : NULL; name;
	     name = strtok_r(NULL, " \t\r\n", &save))
		for (const struct flag *f = flags; f->name; f++)
			if (!strcmp(name, f->name))
				bits |= f->bit;
	free(text);
	return bits;
}

static void read_plmn(struct xs_call *c, xmlNode *node, struct prose_profile *p)
{
	struct prose_plmn *plmn = xr_append(c, p->plmns, p->n_plmns);
	char *id;

	if (!plmn)
		return;
	plmn->authorized_discovery_range = SHDATA_ABSENT;
	xr_each_child(n, node) {
		if (is(n, "PLMNId") && (id = xr_text(c, n, 0))) {
			snprintf(plmn->plmn_id, sizeof plmn->plmn_id, "%s", id); /* 5 or 6 digits */
			free(id);
		} else if (is(n, "DirectAllowed")) {
			plmn->direct_allowed = read_flags(c, n, direct_flags);
		} else if (is(n, "AuthorizedDiscoveryRange")) {
			plmn->authorized_discovery_range = (int)xr_number(c, n);
		}
	}
}

static void read_wifi_direct(struct xs_call *c, xmlNode *node, struct prose_profile *p)
{
	xr_each_child(n, node) {
		if (is(n, "SSID")) {
			p->wifi_ssid = xr_text(c, n, 0);
			check_ssid(c, p->wifi_ssid, xmlGetLineNo(n));
		} else if (is(n, "Passphrase")) {
			p->wifi_passphrase = xr_text(c, n, 0);
		} else if (is(n, "LinkLayerId")) {
			p->wlan_link_layer_id = xr_text(c, n, 0);
		}
	}
}

static void read_lte_d2d(struct xs_call *c, xmlNode *node, struct prose_profile *p)
{
	xr_each_child(n, node) {
		if (is(n, "Layer2GroupId"))
			p->d2d_layer2_group_id = (uint32_t)xr_number(c, n);
		else if (is(n, "Frequency"))
			p->d2d_frequency = (int)xr_number(c, n);
	}
}

static void *read_profile(struct xs_call *c, xmlNode *root)
{
	struct prose_profile *p = prose_profile_new();

	if (!p)
		return xs_nomem(c);
	xr_each_child(n, root) {
		if (is(n, "Permission"))
			p->permission = read_flags(c, n, permission_flags);
		else if (is(n, "AllowedPLMN"))
			read_plmn(c, n, p);
		else if (is(n, "ApplicationId"))
			xr_push(c, &p->application_ids, &p->n_application_ids, n, 0);
		else if (is(n, "ValidityTimeAnnounce"))
			p->validity_announce = (uint32_t)xr_number(c, n);
		else if (is(n, "ValidityTimeMonitor"))
			p->validity_monitor = (uint32_t)xr_number(c, n);
		else if (is(n, "ValidityTimeCommunication"))
			p->validity_communication = (uint32_t)xr_number(c, n);
		else if (is(n, "RangeClass"))
			p->range_class = (int)xr_number(c, n);
		else if (is(n, "WiFiDirect"))
			read_wifi_direct(c, n, p);
		else if (is(n, "LteD2D"))
			read_lte_d2d(c, n, p);
		else if (is(n, "DiscoverableBy"))
			xr_push(c, &p->discoverable_by, &p->n_discoverable_by, n, 0);
	}
	if (c->rc) {
		prose_profile_free(p);
		return NULL;
	}
	return p;
}

/* ---- writing ------------------------------------------------------------------------------ */

static void write_flags(struct xs_call *c, xmlNode *parent, const char *name, uint32_t bits,
			const struct flag *flags)
{
	char text[256]; /* every name of a table, with spaces */
	size_t len = 0;

	text[0] = '\0';
	for (const struct flag *f = flags; f->name; f++) {
		if (!(bits & f->bit))
			continue;
		len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", len ? " " : "", f->name);
		bits &= ~f->bit;
	}
	if (bits)
		xs_fail(c, SHDATA_EINVALID, 0, "%s: bits 0x%x have no name", name, (unsigned)bits);
	xw_text(c, parent, name, text);
}

/* Counters of "not set" (0) are left out. */
static void write_nonzero(struct xs_call *c, xmlNode *parent, const char *name, uint32_t value)
{
	if (value)
		xw_number(c, parent, name, value);
}

static void write_plmn(struct xs_call *c, xmlNode *root, const struct prose_plmn *plmn)
{
	xmlNode *node = xw_elem(c, root, "AllowedPLMN");

	if (!memchr(plmn->plmn_id, '\0', sizeof plmn->plmn_id))
		xs_fail(c, SHDATA_EINVALID, 0, "PLMN id not terminated");
	xw_text(c, node, "PLMNId", plmn->plmn_id);
	if (plmn->direct_allowed)
		write_flags(c, node, "DirectAllowed", plmn->direct_allowed, direct_flags);
	xw_opt(c, node, "AuthorizedDiscoveryRange", plmn->authorized_discovery_range);
}

static void write_profile(struct xs_call *c, xmlNode *root, const void *obj)
{
	const struct prose_profile *p = obj;

	write_flags(c, root, "Permission", p->permission, permission_flags);
	for (size_t i = 0; i < p->n_plmns; i++)
		write_plmn(c, root, &p->plmns[i]);
	for (size_t i = 0; i < p->n_application_ids; i++)
		xw_text(c, root, "ApplicationId", p->application_ids[i]);
	write_nonzero(c, root, "ValidityTimeAnnounce", p->validity_announce);
	write_nonzero(c, root, "ValidityTimeMonitor", p->validity_monitor);
	write_nonzero(c, root, "ValidityTimeCommunication", p->validity_communication);
	xw_opt(c, root, "RangeClass", p->range_class);
	if (p->wifi_ssid || p->wifi_passphrase || p->wlan_link_layer_id) {
		xmlNode *wifi = xw_elem(c, root, "WiFiDirect");

		check_ssid(c, p->wifi_ssid, 0);
		xw_text(c, wifi, "SSID", p->wifi_ssid);
		xw_text(c, wifi, "Passphrase", p->wifi_passphrase);
		xw_text(c, wifi, "LinkLayerId", p->wlan_link_layer_id);
	}
	if (p->d2d_layer2_group_id || p->d2d_frequency != SHDATA_ABSENT) {
		xmlNode *d2d = xw_elem(c, root, "LteD2D");

		write_nonzero(c, d2d, "Layer2GroupId", p->d2d_layer2_group_id);
		xw_opt(c, d2d, "Frequency", p->d2d_frequency);
	}
	for (size_t i = 0; i < p->n_discoverable_by; i++)
		xw_text(c, root, "DiscoverableBy", p->discoverable_by[i]);
}

/* ---- the public functions ----------------------------------------------------------------- */

static const struct xs_codec codec = {
	.schema = XS_PROSE,
	.root = "ProSeProfile",
	.ns = PROSE_NAMESPACE,
	.declaration = 0, /* it goes inside ServiceData */
	.read = read_profile,
	.write = write_profile,
};

int prose_profile_parse(const char *xml, size_t len, struct prose_profile **out, char *err, size_t errlen)
{
	void *profile = NULL;
	int rc = xs_parse(&codec, xml, len, out ? &profile : NULL, err, errlen);

	if (out)
		*out = profile;
	return rc;
}

int prose_profile_write(const struct prose_profile *profile, char **xml, size_t *len)
{
	return xs_format(&codec, profile, xml, len);
}
