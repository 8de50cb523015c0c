/* Enumerated values a message carries that its dictionary does not define (RFC 6733 §7.1.5: an
 * AVP with an invalid value is answered 5004 DIAMETER_INVALID_AVP_VALUE, naming it in
 * Failed-AVP). freeDiameter's parser takes any 32-bit value for an Enumerated AVP. */
#include "diamkit.h"

/* The type of an Enumerated AVP (an Integer32 whose type lists values), or NULL. */
static struct dict_object *enumerated_type(struct dict_object *model)
{
	struct dict_avp_data data;
	struct dict_object *type = NULL;
	struct fd_list *values = NULL;

	if (fd_dict_getval(model, &data) || data.avp_basetype != AVP_TYPE_INTEGER32 ||
	    fd_dict_search(fd_g_config->cnf_dict, DICT_TYPE, TYPE_OF_AVP, model, &type, 0) || !type ||
	    fd_dict_getlistof(ENUMVAL_BY_NAME, type, &values) || FD_IS_LIST_EMPTY(values))
		return NULL;
	return type;
}

static int is_defined(struct dict_object *type, const union avp_value *value)
{
	struct dict_enumval_request request = { .type_obj = type };
	struct dict_object *found = NULL;

	request.search.enum_value = *value;
	return !fd_dict_search(fd_g_config->cnf_dict, DICT_ENUMVAL, ENUMVAL_BY_STRUCT, &request, &found, 0) &&
	       found;
}

int dk_find_undefined_enum(msg_or_avp *parent, struct avp **bad)
{
	struct avp *avp = NULL;
	int ret;

	*bad = NULL;
	CHECK_FCT(fd_msg_browse(parent, MSG_BRW_FIRST_CHILD, &avp, NULL));
	while (avp) {
		struct dict_object *model = NULL, *type;
		struct avp_hdr *h;

		CHECK_FCT(fd_msg_model(avp, &model));
		CHECK_FCT(fd_msg_avp_hdr(avp, &h));
		if (!model) {
			/* not in the dictionary: not ours to judge */
		} else if (!h->avp_value) { /* grouped */
			if ((ret = dk_find_undefined_enum(avp, bad)) || *bad)
				return ret;
		} else if ((type = enumerated_type(model)) && !is_defined(type, h->avp_value)) {
			*bad = avp;
			return 0;
		}
		CHECK_FCT(fd_msg_browse(avp, MSG_BRW_NEXT, &avp, NULL));
	}
	return 0;
}
