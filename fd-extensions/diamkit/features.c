/* Supported-Features (TS 29.229 §6.3.29): the feature lists of 3GPP applications, read from a
 * request or answer and added to one. The negotiation itself (what a node answers) is the
 * application's business. */
#include "diamkit.h"

int dk_features_lookup(struct dictionary *dict, struct dk_features_dict *out)
{
	CHECK_FCT(dk_find_avp(dict, DK_VENDOR_3GPP, "Supported-Features", &out->supported_features));
	CHECK_FCT(dk_find_avp(dict, DK_VENDOR_3GPP, "Feature-List-ID", &out->feature_list_id));
	return dk_find_avp(dict, DK_VENDOR_3GPP, "Feature-List", &out->feature_list);
}

int dk_features_get(msg_or_avp *parent, const struct dk_features_dict *d, uint32_t vendor, uint32_t list_id,
		    int *found, uint32_t *list)
{
	struct avp *sf = NULL;

	*found = 0;
	*list = 0;
	CHECK_FCT(dk_find(parent, d->supported_features, &sf));
	while (sf) {
		uint32_t v, id;
		if (!dk_get_u32(sf, dk_base.vendor_id, &v) && v == vendor &&
		    !dk_get_u32(sf, d->feature_list_id, &id) && id == list_id) {
			*found = !dk_get_u32(sf, d->feature_list, list);
			return 0;
		}
		CHECK_FCT(dk_find_next(sf, d->supported_features, &sf));
	}
	return 0;
}

int dk_features_add(msg_or_avp *parent, const struct dk_features_dict *d, uint32_t vendor, uint32_t list_id,
		    uint32_t list)
{
	struct avp *sf = NULL;

	CHECK_FCT(dk_add_group(parent, d->supported_features, &sf));
	CHECK_FCT(dk_add_u32(sf, dk_base.vendor_id, vendor));
	CHECK_FCT(dk_add_u32(sf, d->feature_list_id, list_id));
	return dk_add_u32(sf, d->feature_list, list);
}
