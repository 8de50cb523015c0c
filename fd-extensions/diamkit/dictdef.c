/* Dictionary definitions from tables. Every function "ensures": an object that already exists
 * (from Debian's dict_dcca_3gpp, or from another of our dictionaries loaded first) is checked and
 * reused, never defined a second time; only what is missing is created. */
#include "diamkit.h"

static enum dict_avp_basetype kind_basetype(enum dk_avp_kind kind)
{
	switch (kind) {
	case DK_INTEGER32:
	case DK_ENUMERATED:
		return AVP_TYPE_INTEGER32;
	case DK_INTEGER64:
		return AVP_TYPE_INTEGER64;
	case DK_UNSIGNED32:
		return AVP_TYPE_UNSIGNED32;
	case DK_UNSIGNED64:
		return AVP_TYPE_UNSIGNED64;
	case DK_GROUPED:
		return AVP_TYPE_GROUPED;
	default:
		return AVP_TYPE_OCTETSTRING;
	}
}

/* The derived type the base dictionary provides for a kind, or NULL. */
static const char *kind_typename(enum dk_avp_kind kind)
{
	switch (kind) {
	case DK_UTF8STRING:
		return "UTF8String";
	case DK_DIAMETERIDENTITY:
		return "DiameterIdentity";
	case DK_DIAMETERURI:
		return "DiameterURI";
	case DK_ADDRESS:
		return "Address";
	case DK_TIME:
		return "Time";
	default:
		return NULL;
	}
}

int dk_find_avp(struct dictionary *dict, vendor_id_t vendor, const char *name, struct dict_object **avp)
{
	struct dict_avp_request req = { .avp_vendor = vendor, .avp_name = (char *)name };
	int ret;

	if (vendor == 0)
		ret = fd_dict_search(dict, DICT_AVP, AVP_BY_NAME, name, avp, ENOENT);
	else
		ret = fd_dict_search(dict, DICT_AVP, AVP_BY_NAME_AND_VENDOR, &req, avp, ENOENT);
	if (ret)
		LOG_E("diamkit: AVP '%s' (vendor %u) is not in the dictionary", name, vendor);
	return ret;
}

int dk_find_command(struct dictionary *dict, const char *name, struct dict_object **cmd)
{
	int ret = fd_dict_search(dict, DICT_COMMAND, CMD_BY_NAME, name, cmd, ENOENT);
	if (ret)
		LOG_E("diamkit: command '%s' is not in the dictionary", name);
	return ret;
}

int dk_find_application(struct dictionary *dict, application_id_t id, struct dict_object **app)
{
	int ret = fd_dict_search(dict, DICT_APPLICATION, APPLICATION_BY_ID, &id, app, ENOENT);
	if (ret)
		LOG_E("diamkit: application %u is not in the dictionary", id);
	return ret;
}

/* Add the enumerated values of def to the type of avp, checking those already there. */
static int ensure_enums(struct dictionary *dict, struct dict_object *avp, const struct dk_avp_def *def)
{
	struct dict_object *type = NULL;

	CHECK_FCT(fd_dict_search(dict, DICT_TYPE, TYPE_OF_AVP, avp, &type, ENOENT));
	for (const struct dk_enum *e = def->enums; e->name; e++) {
		struct dict_enumval_request req = { .type_obj = type };
		struct dict_object *found = NULL;

		req.search.enum_value.i32 = e->value;
		CHECK_FCT(fd_dict_search(dict, DICT_ENUMVAL, ENUMVAL_BY_STRUCT, &req, &found, 0));
		if (found) {
			struct dict_enumval_data have;
			CHECK_FCT(fd_dict_getval(found, &have));
			if (strcmp(have.enum_name, e->name)) {
				LOG_E("diamkit: %s value %d is already named '%s', not '%s'", def->name,
				      e->value, have.enum_name, e->name);
				return EINVAL;
			}
			continue;
		}
		struct dict_enumval_data data = { .enum_name = (char *)e->name };
		data.enum_value.i32 = e->value;
		CHECK_FCT(fd_dict_new(dict, DICT_ENUMVAL, &data, type, NULL));
	}
	return 0;
}

static int check_existing_avp(struct dict_object *avp, const struct dk_avp_def *def)
{
	struct dict_avp_data have;
	uint8_t fixed = def->fixed ? def->fixed : DK_FLAGS_MV;

	CHECK_FCT(fd_dict_getval(avp, &have));
	if (have.avp_basetype != kind_basetype(def->kind)) {
		LOG_E("diamkit: AVP %u/%u '%s' exists as '%s' with another base type", def->code,
		      def->vendor, def->name, have.avp_name);
		return EINVAL;
	}
	/* A flag both sides fix must have the same value. */
	uint8_t both = fixed & have.avp_flag_mask;
	if ((have.avp_flag_val & both) != (def->flags & both)) {
		LOG_E("diamkit: AVP %u/%u '%s' exists with flags %02x/%02x, the spec says %02x/%02x",
		      def->code, def->vendor, have.avp_name, have.avp_flag_val, have.avp_flag_mask,
		      def->flags, fixed);
		return EINVAL;
	}
	return 0;
}

/* The enumerated type of a new AVP, named as dict_dcca_3gpp names its own. */
static int new_enum_type(struct dictionary *dict, const struct dk_avp_def *def, struct dict_object **type)
{
	char name[128];
	struct dict_type_data data = { .type_base = AVP_TYPE_INTEGER32, .type_name = name };

	snprintf(name, sizeof name, "%sEnumerated(%s)", def->vendor == DK_VENDOR_3GPP ? "3GPP/" : "",
		 def->name);
	CHECK_FCT(fd_dict_search(dict, DICT_TYPE, TYPE_BY_NAME, name, type, 0));
	if (*type)
		return 0;
	return fd_dict_new(dict, DICT_TYPE, &data, NULL, type);
}

/* The vendor of a new AVP: 3GPP is defined by dict_dcca_3gpp when a node loads it; a node that
 * loads only our dictionaries gets it here, under the same name. */
static int ensure_vendor(struct dictionary *dict, vendor_id_t id)
{
	struct dict_object *vendor = NULL;
	struct dict_vendor_data data = { .vendor_id = id, .vendor_name = "3GPP" };

	if (id == 0)
		return 0;
	CHECK_FCT(fd_dict_search(dict, DICT_VENDOR, VENDOR_BY_ID, &id, &vendor, 0));
	if (vendor)
		return 0;
	if (id != DK_VENDOR_3GPP) {
		LOG_E("diamkit: vendor %u is not in the dictionary", id);
		return ENOENT;
	}
	return fd_dict_new(dict, DICT_VENDOR, &data, NULL, NULL);
}

static int define_avp(struct dictionary *dict, const struct dk_avp_def *def)
{
	struct dict_avp_request req = { .avp_vendor = def->vendor, .avp_code = def->code };
	struct dict_object *avp = NULL, *type = NULL;

	CHECK_FCT(fd_dict_search(dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, &avp, 0));
	if (avp) {
		CHECK_FCT(check_existing_avp(avp, def));
	} else {
		struct dict_avp_data data = {
			.avp_code = def->code,
			.avp_vendor = def->vendor,
			.avp_name = (char *)def->name,
			.avp_flag_mask = def->fixed ? def->fixed : DK_FLAGS_MV,
			.avp_flag_val = def->flags,
			.avp_basetype = kind_basetype(def->kind),
		};
		const char *typename = kind_typename(def->kind);

		CHECK_FCT(ensure_vendor(dict, def->vendor));
		if (typename) {
			CHECK_FCT(fd_dict_search(dict, DICT_TYPE, TYPE_BY_NAME, typename, &type, ENOENT));
		} else if (def->kind == DK_ENUMERATED) {
			CHECK_FCT(new_enum_type(dict, def, &type));
		}
		CHECK_FCT(fd_dict_new(dict, DICT_AVP, &data, type, &avp));
	}
	if (def->kind == DK_ENUMERATED && def->enums)
		CHECK_FCT(ensure_enums(dict, avp, def));
	return 0;
}

int dk_define_avps(struct dictionary *dict, const struct dk_avp_def *defs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		int ret = define_avp(dict, &defs[i]);
		if (ret) {
			LOG_E("diamkit: cannot define AVP %u '%s': %s", defs[i].code, defs[i].name, strerror(ret));
			return ret;
		}
	}
	return 0;
}

int dk_define_application(struct dictionary *dict, vendor_id_t vendor, application_id_t id,
			  const char *name, struct dict_object **app)
{
	struct dict_object *vendor_obj = NULL;
	struct dict_application_data data = { .application_id = id, .application_name = (char *)name };

	CHECK_FCT(fd_dict_search(dict, DICT_APPLICATION, APPLICATION_BY_ID, &id, app, 0));
	if (*app)
		return 0;
	CHECK_FCT(fd_dict_search(dict, DICT_VENDOR, VENDOR_BY_ID, &vendor, &vendor_obj, ENOENT));
	return fd_dict_new(dict, DICT_APPLICATION, &data, vendor_obj, app);
}

/* Add the rules to a command or grouped AVP; an existing rule must say the same. */
static int define_rules(struct dictionary *dict, struct dict_object *parent, const struct dk_rule *rules)
{
	int order = 0;

	for (const struct dk_rule *r = rules; r->avp; r++) {
		struct dict_rule_data data = {
			.rule_position = r->position,
			.rule_order = r->position == RULE_FIXED_HEAD ? ++order : 0,
			.rule_min = r->min,
			.rule_max = r->max,
		};
		struct dict_object *existing = NULL;

		CHECK_FCT(dk_find_avp(dict, r->vendor, r->avp, &data.rule_avp));
		struct dict_rule_request req = { .rule_parent = parent, .rule_avp = data.rule_avp };
		CHECK_FCT(fd_dict_search(dict, DICT_RULE, RULE_BY_AVP_AND_PARENT, &req, &existing, 0));
		if (existing) {
			struct dict_rule_data have;
			CHECK_FCT(fd_dict_getval(existing, &have));
			if (have.rule_position != data.rule_position || have.rule_min != data.rule_min ||
			    have.rule_max != data.rule_max) {
				LOG_E("diamkit: a different rule for '%s' already exists", r->avp);
				return EINVAL;
			}
			continue;
		}
		CHECK_FCT(fd_dict_new(dict, DICT_RULE, &data, parent, NULL));
	}
	return 0;
}

static int define_command(struct dictionary *dict, struct dict_object *app, command_code_t code,
			  const char *name, int request, const struct dk_rule *rules)
{
	struct dict_cmd_data data = {
		.cmd_code = code,
		.cmd_name = (char *)name,
		.cmd_flag_mask = CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE,
		.cmd_flag_val = request ? CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE : CMD_FLAG_PROXIABLE,
	};
	struct dict_object *cmd = NULL;

	CHECK_FCT(fd_dict_search(dict, DICT_COMMAND, request ? CMD_BY_CODE_R : CMD_BY_CODE_A, &code, &cmd, 0));
	if (!cmd)
		CHECK_FCT(fd_dict_new(dict, DICT_COMMAND, &data, app, &cmd));
	return define_rules(dict, cmd, rules);
}

int dk_define_commands(struct dictionary *dict, struct dict_object *app,
		       const struct dk_cmd_def *defs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		const struct dk_cmd_def *d = &defs[i];
		CHECK_FCT(define_command(dict, app, d->code, d->request_name, 1, d->request_rules));
		CHECK_FCT(define_command(dict, app, d->code, d->answer_name, 0, d->answer_rules));
	}
	return 0;
}

int dk_define_groups(struct dictionary *dict, const struct dk_group_def *defs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		struct dict_object *avp = NULL;
		CHECK_FCT(dk_find_avp(dict, defs[i].vendor, defs[i].name, &avp));
		CHECK_FCT(define_rules(dict, avp, defs[i].rules));
	}
	return 0;
}
