/* Sh-Update: Profile-Update-Request (TS 29.328 §6.1.2).
 *
 * Repository data updates are not written by the dispatch thread that received them: they are
 * queued to one writer thread that applies every update waiting, in one LMDB transaction, then
 * answers each request. One disk sync then serves a whole batch (group commit), and a PUA that
 * reports success always leaves after its commit. A second update of the same repository data
 * while one is queued or being written is answered DIAMETER_PRIOR_UPDATE_IN_PROGRESS (4101). */
#include "hss_stub.h"

#define ERROR_USER_DATA_NOT_RECOGNIZED 5100
#define ERROR_OPERATION_NOT_ALLOWED 5101
#define ERROR_TRANSPARENT_DATA_OUT_OF_SYNC 5105
#define ERROR_TOO_MUCH_DATA 5008
#define ERROR_FEATURE_UNSUPPORTED 5011
#define PRIOR_UPDATE_IN_PROGRESS 4101
#define DIAMETER_UNABLE_TO_COMPLY 5012

struct pur_job {
	struct dk_gc_job link; /* first: the writer's queue */
	struct msg *msg; /* the request; becomes its answer */
	char impu[256];
	char service_indication[256];
	char *service_data; /* NULL: delete */
	size_t service_data_len;
	uint32_t sequence_number;
	int result; /* of the store, for this update, once committed */
};

/* A second update of the same repository data while one is queued or being written: 4101. */
static int same_data(const struct dk_gc_job *a, const struct dk_gc_job *b)
{
	const struct pur_job *x = (const struct pur_job *)a, *y = (const struct pur_job *)b;

	return !strcmp(x->impu, y->impu) && !strcmp(x->service_indication, y->service_indication);
}

static void job_free(struct pur_job *job)
{
	free(job->service_data);
	free(job);
}

static struct sh_outcome outcome_of(int result)
{
	switch (result) {
	case 0:
		return SH_OK;
	case STORE_OUT_OF_SYNC:
		return SH_EXP(ERROR_TRANSPARENT_DATA_OUT_OF_SYNC, NULL);
	case STORE_NOT_ALLOWED:
		return SH_EXP(ERROR_OPERATION_NOT_ALLOWED, NULL);
	case STORE_TOO_MUCH_DATA:
		return SH_EXP(ERROR_TOO_MUCH_DATA, NULL);
	default:
		return SH_BASE(DIAMETER_UNABLE_TO_COMPLY, NULL, "cannot store the data");
	}
}

static void answer_and_send(struct pur_job *job, struct sh_outcome o)
{
	CHECK_FCT_DO(sh_answer(&job->msg, o), goto out);
	CHECK_FCT_DO(fd_msg_send(&job->msg, NULL, NULL), goto out);
out:
	if (job->msg)
		fd_msg_free(job->msg);
	job_free(job);
}

/* Apply the batch in one transaction; each job gets its own result. */
static int commit(struct dk_gc_job *batch, size_t count)
{
	struct store_repdata_update updates[SH_PUR_MAX_BATCH];
	struct pur_job *jobs[SH_PUR_MAX_BATCH];
	size_t n = 0;
	int ret;

	for (struct dk_gc_job *link = batch; link && n < count; link = link->next, n++) {
		struct pur_job *j = jobs[n] = (struct pur_job *)link;
		updates[n] = (struct store_repdata_update){
			.impu = j->impu,
			.service_indication = j->service_indication,
			.sequence_number = j->sequence_number,
			.service_data = j->service_data,
			.service_data_len = j->service_data_len,
		};
	}
	ret = store_repdata_apply(hss_store, updates, n, hss_conf.max_repository_data);
	if (ret)
		LOG_E("hss_stub: repository data not stored: %s", strerror(ret));
	for (size_t i = 0; i < n; i++)
		jobs[i]->result = updates[i].result;
	return ret;
}

/* Answers go only after the commit, and once the keys no longer count as "in progress". */
static void answer(struct dk_gc_job *batch, size_t n, int ret)
{
	(void)n;
	while (batch) {
		struct dk_gc_job *next = batch->next;
		struct pur_job *job = (struct pur_job *)batch;
		answer_and_send(job, ret ? outcome_of(ret) : outcome_of(job->result));
		batch = next;
	}
	if (!ret)
		notifier_kick();
}

static struct dk_group_commit writer = { .thread_name = "hss_stub PUR writer", .max_batch = SH_PUR_MAX_BATCH,
					 .commit = commit, .answer = answer, .conflicts = same_data };

int sh_pur_writer_start(void)
{
	writer.window_ms = hss_conf.commit_window_ms;
	return dk_gc_start(&writer);
}

/* Answer what is queued, then stop. */
void sh_pur_writer_stop(void)
{
	dk_gc_stop(&writer);
}

/* The repository data update a PUR asks for, validated (5100, 5011, ProSe profile schema). */
static struct sh_outcome make_job(const struct sh_req *req, json_t *subscriber, struct pur_job **out)
{
	const uint8_t *xml;
	size_t len;
	struct sh_data *data = NULL;
	struct sh_repository_data *rd;
	struct pur_job *job;
	char err[SHDATA_ERR_LEN];

	*out = NULL;
	if (dk_get_os(req->msg, hss_dict.user_data, &xml, &len) ||
	    shdata_parse((const char *)xml, len, &data, err, sizeof err))
		return SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
	if (data->n_repository_data != 1) {
		shdata_free(data);
		/* several instances at once is Update-Eff, which this HSS does not offer */
		return SH_EXP(data->n_repository_data ? ERROR_FEATURE_UNSUPPORTED : ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
	}
	rd = &data->repository_data[0];
	if (!strcmp(rd->service_indication, PROSE_SERVICE_INDICATION) && rd->service_data) {
		struct prose_profile *profile = NULL;
		if (prose_profile_parse(rd->service_data, strlen(rd->service_data), &profile, err, sizeof err)) {
			LOG_N("hss_stub: ProSe profile of %s refused: %s", req->identity, err);
			shdata_free(data);
			return SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
		}
		prose_profile_free(profile);
	}
	if (!(job = calloc(1, sizeof *job))) {
		shdata_free(data);
		return SH_BASE(DIAMETER_UNABLE_TO_COMPLY, NULL, "out of memory");
	}
	snprintf(job->impu, sizeof job->impu, "%s", sh_req_impu(req, subscriber));
	snprintf(job->service_indication, sizeof job->service_indication, "%s", rd->service_indication);
	job->sequence_number = (uint32_t)rd->sequence_number;
	if (rd->service_data) {
		job->service_data = rd->service_data; /* taken from data */
		job->service_data_len = strlen(rd->service_data);
		rd->service_data = NULL;
	}
	shdata_free(data);
	*out = job;
	return SH_OK;
}

int sh_pur_cb(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct sh_req req;
	struct sh_outcome o;
	json_t *subscriber = NULL;
	struct pur_job *job = NULL;

	(void)unused;
	(void)sess;
	(void)opaque;
	*act = DISP_ACT_SEND;
	o = sh_req_start(*msg, STORE_PERM_UPDATE, &req, &subscriber);
	if (!o.code && req.n_data_refs > 1)
		o = SH_EXP(ERROR_FEATURE_UNSUPPORTED, NULL); /* Update-Eff-Enhance */
	if (!o.code && req.data_refs[0] != 0)
		o = sh_pur_update_subscriber(&req, subscriber);
	else if (!o.code)
		o = make_job(&req, subscriber, &job);
	json_decref(subscriber);
	if (job) {
		job->msg = *msg;
		if (!dk_gc_push(&writer, &job->link)) {
			*msg = NULL; /* the writer answers it */
			*act = DISP_ACT_CONT;
			return 0;
		}
		job->msg = NULL;
		job_free(job);
		o = SH_EXP(PRIOR_UPDATE_IN_PROGRESS, NULL);
	}
	return sh_answer(msg, o);
}
