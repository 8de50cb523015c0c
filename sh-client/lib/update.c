/* sh_update_repository_data: read the repository data (UDR), let the application change it, write
 * it back (PUR) with the next Sequence-Number, and start again from the read when another writer
 * came first (5105). The loop reaches the HSS through a sh_send_fn so that the unit tests can run
 * it against a fake HSS. */
#include <stdlib.h>
#include <string.h>

#include "shclient_internal.h"

/* UDR, modify, PUR. 0 with the PUA in answer, or with the UDA when the read did not succeed or
 * there was nothing to do. */
static int one_attempt(sh_send_fn send, void *ctx, struct sh_request *request,
		       const char *service_indication, sh_modify_fn modify, void *arg,
		       struct sh_answer *answer)
{
	const struct sh_repository_data *current;
	char *service_data = NULL, *xml = NULL;
	size_t len;
	int ret;

	request->user_data = NULL;
	request->user_data_len = 0;
	sh_answer_clear(answer);
	if ((ret = send(ctx, SH_CMD_UDR, request, answer)) || sh_answer_code(answer) != SH_SUCCESS)
		return ret;
	if (answer->user_data && !answer->data)
		return EPROTO; /* the stored Sequence-Number cannot be known */
	current = sh_answer_repository_data(answer, service_indication);
	if ((ret = modify(arg, current ? current->service_data : NULL, &service_data)))
		return ret;
	if (!current && !service_data)
		return 0; /* deleting what is not there: already done */
	ret = sh_repository_data_xml(service_indication,
				     sh_sequence_next(current ? current->sequence_number : SH_UNSET),
				     service_data, &xml, &len);
	free(service_data);
	if (ret)
		return ret;
	sh_answer_clear(answer);
	request->user_data = xml;
	request->user_data_len = len;
	ret = send(ctx, SH_CMD_PUR, request, answer);
	request->user_data = NULL;
	free(xml);
	return ret;
}

int sh_update_with(sh_send_fn send, void *ctx, const char *public_identity,
		   const char *service_indication, sh_modify_fn modify, void *arg, int max_attempts,
		   struct sh_answer *answer)
{
	const int repository_data = SH_DR_REPOSITORY_DATA;
	const char *indications[] = { service_indication };
	struct sh_request request;
	int ret;

	if (!public_identity || !service_indication || !modify || max_attempts < 1 || !answer)
		return EINVAL;
	memset(answer, 0, sizeof *answer);
	sh_request_init(&request);
	request.identity_kind = SH_ID_PUBLIC_IDENTITY;
	request.identity = public_identity;
	request.data_references = &repository_data;
	request.n_data_references = 1;
	request.service_indications = indications;
	request.n_service_indications = 1;
	for (int attempt = 1;; attempt++) {
		ret = one_attempt(send, ctx, &request, service_indication, modify, arg, answer);
		if (ret || !sh_update_should_retry(answer, attempt, max_attempts))
			return ret;
	}
}

static int send_with_client(void *client, enum sh_command cmd, const struct sh_request *request,
			    struct sh_answer *answer)
{
	return sh_send_sync(client, cmd, request, answer);
}

int sh_update_repository_data(struct sh_client *client, const char *public_identity,
			      const char *service_indication, sh_modify_fn modify, void *arg,
			      int max_attempts, struct sh_answer *answer)
{
	if (!client)
		return EINVAL;
	return sh_update_with(send_with_client, client, public_identity, service_indication, modify,
			      arg, max_attempts, answer);
}
