/* Reading UDA, PUA and SNA into struct sh_answer: every value is copied, so the message can be
 * freed at once. */
#include <stdlib.h>
#include <string.h>

#include "shclient_internal.h"

uint32_t sh_answer_code(const struct sh_answer *answer)
{
	return answer->experimental_result ? answer->experimental_result : answer->result_code;
}

void sh_answer_clear(struct sh_answer *answer)
{
	free(answer->error_message);
	free(answer->user_data);
	shdata_free(answer->data);
	free(answer->repository_service_indication);
	memset(answer, 0, sizeof *answer);
}

/* Sh defines Experimental-Result codes of vendor 10415 only: the Vendor-Id is not checked. */
static int read_experimental_result(struct msg *msg, struct sh_answer *answer)
{
	struct avp *group = NULL;

	CHECK_FCT(dk_find(msg, dk_base.experimental_result, &group));
	if (group)
		(void)dk_get_u32(group, dk_base.experimental_result_code, &answer->experimental_result);
	return 0;
}

int sh_read_user_data(struct msg *msg, char **xml, size_t *len, struct sh_data **data)
{
	char why[SHDATA_ERR_LEN];

	CHECK_FCT(dk_copy_str(msg, sh_dict.user_data, xml, len));
	/* Data that does not parse stays available as text; *data is NULL then (or when the
	 * caller passes no data: it reads the text itself). */
	if (*xml && data && shdata_parse(*xml, *len, data, why, sizeof why) == ENOMEM)
		return ENOMEM;
	return 0;
}

static int read_expiry_time(struct msg *msg, struct sh_answer *answer)
{
	struct avp *avp = NULL;

	CHECK_FCT(dk_find(msg, sh_dict.expiry_time, &avp));
	return avp ? fd_msg_avp_value_interpret(avp, &answer->expiry_time) : 0;
}

static int read_repository_data_id(struct msg *msg, struct sh_answer *answer)
{
	struct avp *group = NULL;
	uint32_t sequence = 0;

	CHECK_FCT(dk_find(msg, sh_dict.repository_data_id, &group));
	if (!group)
		return 0;
	CHECK_FCT(dk_copy_str(group, sh_dict.service_indication, &answer->repository_service_indication, NULL));
	(void)dk_get_u32(group, sh_dict.sequence_number, &sequence);
	answer->has_repository_data_id = 1;
	answer->repository_sequence_number = (int)sequence;
	return 0;
}

int sh_answer_read(struct msg *msg, int parse, struct sh_answer *answer)
{
	int ret;

	memset(answer, 0, sizeof *answer);
	(void)dk_get_u32(msg, dk_base.result_code, &answer->result_code);
	if ((ret = read_experimental_result(msg, answer)) ||
	    (ret = dk_copy_str(msg, dk_base.error_message, &answer->error_message, NULL)) ||
	    (ret = dk_get_failed_avp_code(msg, &answer->failed_avp_code)) ||
	    (ret = sh_read_user_data(msg, &answer->user_data, &answer->user_data_len, parse ? &answer->data : NULL)) ||
	    (ret = read_expiry_time(msg, answer)) || (ret = read_repository_data_id(msg, answer)) ||
	    (ret = dk_features_get(msg, &sh_dict.features, DK_VENDOR_3GPP, SH_FEATURE_LIST_ID,
				   &answer->has_supported_features, &answer->supported_features)))
		sh_answer_clear(answer);
	return ret;
}
