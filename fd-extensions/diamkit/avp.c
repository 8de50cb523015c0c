/* Adding and reading AVPs, at the top level of a message or inside a grouped AVP. */
#include "diamkit.h"
#include <stdarg.h>

static int add_value(msg_or_avp *parent, struct dict_object *model, union avp_value *value)
{
	struct avp *avp = NULL;

	CHECK_FCT(fd_msg_avp_new(model, 0, &avp));
	CHECK_FCT_DO(fd_msg_avp_setvalue(avp, value), goto fail);
	CHECK_FCT_DO(fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, avp), goto fail);
	return 0;
fail:
	fd_msg_free(avp);
	return EINVAL;
}

int dk_add_u32(msg_or_avp *parent, struct dict_object *model, uint32_t value)
{
	union avp_value v = { .u32 = value };
	return add_value(parent, model, &v);
}

int dk_add_i32(msg_or_avp *parent, struct dict_object *model, int32_t value)
{
	union avp_value v = { .i32 = value };
	return add_value(parent, model, &v);
}

int dk_add_u64(msg_or_avp *parent, struct dict_object *model, uint64_t value)
{
	union avp_value v = { .u64 = value };
	return add_value(parent, model, &v);
}

int dk_add_os(msg_or_avp *parent, struct dict_object *model, const void *data, size_t len)
{
	union avp_value v = { .os = { .data = (uint8_t *)data, .len = len } };
	return add_value(parent, model, &v);
}

int dk_add_str(msg_or_avp *parent, struct dict_object *model, const char *text)
{
	return dk_add_os(parent, model, text, strlen(text));
}

int dk_add_group(msg_or_avp *parent, struct dict_object *model, struct avp **group)
{
	CHECK_FCT(fd_msg_avp_new(model, 0, group));
	CHECK_FCT_DO(fd_msg_avp_add(parent, MSG_BRW_LAST_CHILD, *group), {
		fd_msg_free(*group);
		*group = NULL;
		return EINVAL;
	});
	return 0;
}

/* Copy 'source' (with its children) under 'parent'. */
int dk_add_copy(msg_or_avp *parent, struct avp *source)
{
	struct dict_object *model = NULL;
	struct avp_hdr *hdr;
	struct avp *copy = NULL, *child = NULL;

	CHECK_FCT(fd_msg_model(source, &model));
	CHECK_FCT(fd_msg_avp_hdr(source, &hdr));
	if (!model)
		return ENOTSUP; /* an AVP the dictionary does not know cannot be rebuilt */
	if (hdr->avp_value)
		return add_value(parent, model, hdr->avp_value);
	CHECK_FCT(dk_add_group(parent, model, &copy));
	CHECK_FCT(fd_msg_browse(source, MSG_BRW_FIRST_CHILD, &child, NULL));
	while (child) {
		CHECK_FCT(dk_add_copy(copy, child));
		CHECK_FCT(fd_msg_browse(child, MSG_BRW_NEXT, &child, NULL));
	}
	return 0;
}

static int model_is(struct avp *avp, struct dict_object *model)
{
	struct dict_object *m = NULL;
	return fd_msg_model(avp, &m) == 0 && m == model;
}

int dk_find_next(struct avp *from, struct dict_object *model, struct avp **found)
{
	struct avp *avp = NULL;

	CHECK_FCT(fd_msg_browse(from, MSG_BRW_NEXT, &avp, NULL));
	while (avp && !model_is(avp, model))
		CHECK_FCT(fd_msg_browse(avp, MSG_BRW_NEXT, &avp, NULL));
	*found = avp;
	return 0;
}

int dk_find(msg_or_avp *parent, struct dict_object *model, struct avp **found)
{
	struct avp *avp = NULL;

	*found = NULL;
	CHECK_FCT(fd_msg_browse(parent, MSG_BRW_FIRST_CHILD, &avp, NULL));
	if (!avp || model_is(avp, model)) {
		*found = avp;
		return 0;
	}
	return dk_find_next(avp, model, found);
}

int dk_find_path(msg_or_avp *parent, struct avp **found, ...)
{
	va_list ap;
	struct dict_object *model;
	msg_or_avp *at = parent;
	int ret = 0;

	*found = NULL;
	va_start(ap, found);
	while ((model = va_arg(ap, struct dict_object *))) {
		struct avp *child = NULL;
		if ((ret = dk_find(at, model, &child)) || !child)
			break;
		at = child;
		*found = child;
	}
	if (model)
		*found = NULL; /* stopped before the leaf */
	va_end(ap);
	return ret;
}

/* The value of the first child of that model; ENOENT when absent. */
static int get_value(msg_or_avp *parent, struct dict_object *model, union avp_value **value)
{
	struct avp *avp = NULL;
	struct avp_hdr *hdr;

	CHECK_FCT(dk_find(parent, model, &avp));
	if (!avp)
		return ENOENT;
	CHECK_FCT(fd_msg_avp_hdr(avp, &hdr));
	if (!hdr->avp_value)
		return EINVAL; /* grouped, or not parsed */
	*value = hdr->avp_value;
	return 0;
}

int dk_get_u32(msg_or_avp *parent, struct dict_object *model, uint32_t *value)
{
	union avp_value *v;
	int ret = get_value(parent, model, &v);
	if (!ret)
		*value = v->u32;
	return ret;
}

int dk_get_i32(msg_or_avp *parent, struct dict_object *model, int32_t *value)
{
	union avp_value *v;
	int ret = get_value(parent, model, &v);
	if (!ret)
		*value = v->i32;
	return ret;
}

int dk_get_os(msg_or_avp *parent, struct dict_object *model, const uint8_t **data, size_t *len)
{
	union avp_value *v;
	int ret = get_value(parent, model, &v);
	if (!ret) {
		*data = v->os.data;
		*len = v->os.len;
	}
	return ret;
}

int dk_get_str(msg_or_avp *parent, struct dict_object *model, char *buf, size_t size)
{
	const uint8_t *data;
	size_t len;
	int ret = dk_get_os(parent, model, &data, &len);
	if (ret)
		return ret;
	if (len >= size)
		return ENOSPC;
	memcpy(buf, data, len);
	buf[len] = '\0';
	return 0;
}

int dk_copy_str(msg_or_avp *parent, struct dict_object *model, char **copy, size_t *len)
{
	const uint8_t *data;
	size_t n;

	*copy = NULL;
	if (dk_get_os(parent, model, &data, &n))
		return 0; /* absent */
	if (!(*copy = malloc(n + 1)))
		return ENOMEM;
	memcpy(*copy, data, n);
	(*copy)[n] = '\0';
	if (len)
		*len = n;
	return 0;
}

/* The rules of a grouped AVP, as freeDiameter keeps them (fd_dict_getlistof). */
static int add_required_children(struct avp *group, struct dict_object *model)
{
	struct fd_list *rules = NULL;

	CHECK_FCT(fd_dict_getlistof(RULE_BY_AVP_AND_PARENT, model, &rules));
	for (struct fd_list *li = rules->next; li != rules; li = li->next) {
		struct dict_rule_data rule;

		CHECK_FCT(fd_dict_getval(li->o, &rule));
		if (rule.rule_position != RULE_OPTIONAL && rule.rule_min != 0)
			CHECK_FCT(dk_add_example(group, rule.rule_avp));
	}
	return 0;
}

int dk_add_example(msg_or_avp *parent, struct dict_object *model)
{
	struct dict_avp_data data;
	union avp_value zero;
	struct avp *group = NULL;

	memset(&zero, 0, sizeof zero);
	CHECK_FCT(fd_dict_getval(model, &data));
	switch (data.avp_basetype) {
	case AVP_TYPE_GROUPED:
		CHECK_FCT(dk_add_group(parent, model, &group));
		return add_required_children(group, model);
	case AVP_TYPE_OCTETSTRING:
		zero.os.data = (uint8_t *)"";
		return add_value(parent, model, &zero);
	default:
		return add_value(parent, model, &zero);
	}
}
