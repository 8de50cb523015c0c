/* Sh-Update: Profile-Update-Request (TS 29.328 §6.1.2).
 *
 * Repository data updates are not written by the dispatch thread that received them: they are
 * queued to one writer thread that applies every update waiting, in one LMDB transaction, then
 * answers each request. One disk sync then serves a whole batch (group commit), and a PUA that
 * reports success always leaves after its commit. A second update of the same repository data
 * while one is queued or being written is answered DIAMETER_PRIOR_UPDATE_IN_PROGRESS (4101).
 *
 * Update-Eff (Sh feature list bit 1): an AS that indicated the feature may send several
 * RepositoryData in one PUR. Each instance is checked as a single update would be (ProSe profile
 * schema 5100, 4101, Sequence-Number 5105, size 5008), they are written all or none, and a
 * failure is answered with the Repository-Data-ID (Service-Indication and Sequence-Number as
 * sent) of the instance that failed. Several instances from an AS that did not indicate
 * Update-Eff: 5011 DIAMETER_ERROR_FEATURE_UNSUPPORTED. Sources: TS 29.328 v16.1.0 §6.1.2.1 and
 * Table 6.1.2.2 (Repository-Data-ID present "if Update-Eff is supported and the update of several
 * repository data instances fails", the instances checked and restored as a whole), as summarised
 * in a public wiki page [SECONDARY]; TS 29.329 §6.1.4 PUA ABNF with [ Repository-Data-ID ] and the
 * Data-Reference note for Update-Eff-Enhance (quoted in corsac-diameter's ProfileUpdateAnswer);
 * TS 29.229 §6.2.2.11 for 5011. The 5011 answer for an AS without the feature is this stub's
 * reading: a base-Sh PUR carries one RepositoryData. */
#include "hss_stub.h"

/* RepositoryData instances one PUR may update; more: 5008 (more than this HSS takes at once). */
#define SH_PUR_MAX_ITEMS 16

struct pur_item {
	char service_indication[256];
	char *service_data; /* NULL: delete */
	size_t service_data_len;
	uint32_t sequence_number;
	int result; /* of the store, once committed */
};

struct pur_job {
	struct dk_gc_job link; /* first: the writer's queue */
	struct msg *msg; /* the request; becomes its answer */
	char impu[256];
	int update_eff;           /* the AS indicated Update-Eff: a failure names its instance */
	struct pur_item *failed;  /* the instance that failed, or NULL */
	size_t n_items;
	struct pur_item items[];
};

/* A second update of the same repository data while one is queued or being written: 4101. The
 * job asked about is ours, not a constant: it records which of its instances clashed. */
static int same_data(const struct dk_gc_job *a, const struct dk_gc_job *b)
{
	struct pur_job *x = (struct pur_job *)a;
	const struct pur_job *y = (const struct pur_job *)b;

	if (strcmp(x->impu, y->impu))
		return 0;
	for (size_t i = 0; i < x->n_items; i++)
		for (size_t j = 0; j < y->n_items; j++)
			if (!strcmp(x->items[i].service_indication, y->items[j].service_indication)) {
				x->failed = &x->items[i];
				return 1;
			}
	return 0;
}

static void job_free(struct pur_job *job)
{
	if (!job)
		return;
	for (size_t i = 0; i < job->n_items; i++)
		free(job->items[i].service_data);
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
		return SH_BASE(ER_DIAMETER_UNABLE_TO_COMPLY, NULL, "cannot store the data");
	}
}

/* The PUA: the outcome and, when the AS uses Update-Eff, the Repository-Data-ID of the instance
 * that failed. */
static int pua(struct msg **msg, struct sh_outcome o, const struct pur_job *job)
{
	struct avp *id = NULL;
	const struct pur_item *f = job ? job->failed : NULL;

	CHECK_FCT(sh_answer(msg, o));
	if (!o.code || !f || !job->update_eff)
		return 0;
	CHECK_FCT(dk_add_group(*msg, hss_dict.repository_data_id, &id));
	CHECK_FCT(dk_add_os(id, hss_dict.service_indication, f->service_indication, strlen(f->service_indication)));
	return dk_add_u32(id, hss_dict.sequence_number, f->sequence_number);
}

static void answer_and_send(struct pur_job *job, struct sh_outcome o)
{
	CHECK_FCT_DO(pua(&job->msg, o, job), goto out);
	CHECK_FCT_DO(fd_msg_send(&job->msg, NULL, NULL), goto out);
out:
	if (job->msg)
		fd_msg_free(job->msg);
	job_free(job);
}

/* Apply the batch in one transaction, each job's instances all or none; each instance gets its
 * own result. */
static int commit(struct dk_gc_job *batch, size_t count)
{
	struct store_repdata_update *updates;
	size_t n = 0, k = 0;
	int ret;

	for (struct dk_gc_job *link = batch; link && k < count; link = link->next, k++)
		n += ((struct pur_job *)link)->n_items;
	if (!(updates = calloc(n, sizeof *updates)))
		return ENOMEM;
	n = k = 0;
	for (struct dk_gc_job *link = batch; link && k < count; link = link->next, k++) {
		struct pur_job *j = (struct pur_job *)link;
		for (size_t i = 0; i < j->n_items; i++)
			updates[n++] = (struct store_repdata_update){
				.impu = j->impu,
				.service_indication = j->items[i].service_indication,
				.sequence_number = j->items[i].sequence_number,
				.service_data = j->items[i].service_data,
				.service_data_len = j->items[i].service_data_len,
				.with_previous = i > 0,
			};
	}
	ret = store_repdata_apply(hss_store, updates, n, hss_conf.max_repository_data);
	if (ret)
		LOG_E("hss_stub: repository data not stored: %s", strerror(ret));
	n = k = 0;
	for (struct dk_gc_job *link = batch; link && k < count; link = link->next, k++) {
		struct pur_job *j = (struct pur_job *)link;
		for (size_t i = 0; i < j->n_items; i++)
			j->items[i].result = updates[n++].result;
	}
	free(updates);
	return ret;
}

/* The outcome of a committed job: its failed instance's (the others of a failed group were only
 * aborted), or success. */
static struct sh_outcome job_outcome(struct pur_job *job)
{
	for (size_t i = 0; i < job->n_items; i++)
		if (job->items[i].result && job->items[i].result != STORE_ABORTED) {
			job->failed = &job->items[i];
			return outcome_of(job->items[i].result);
		}
	return SH_OK;
}

/* Answers go only after the commit, and once the keys no longer count as "in progress". */
static void answer(struct dk_gc_job *batch, size_t n, int ret)
{
	(void)n;
	while (batch) {
		struct dk_gc_job *next = batch->next;
		struct pur_job *job = (struct pur_job *)batch;
		answer_and_send(job, ret ? outcome_of(ret) : job_outcome(job));
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

/* A ProSe profile must follow its schema; other ServiceData is opaque. */
static int service_data_ok(const struct sh_req *req, const struct sh_repository_data *rd)
{
	struct prose_profile *profile = NULL;
	char err[SHDATA_ERR_LEN];

	if (strcmp(rd->service_indication, PROSE_SERVICE_INDICATION) || !rd->service_data)
		return 1;
	if (prose_profile_parse(rd->service_data, strlen(rd->service_data), &profile, err, sizeof err)) {
		LOG_N("hss_stub: ProSe profile of %s refused: %s", req->identity, err);
		return 0;
	}
	prose_profile_free(profile);
	return 1;
}

/* The instances of the job, taken from data (their ServiceData change hands); the first whose
 * ServiceData is refused (5100) is the job's failed one. */
static struct sh_outcome take_items(const struct sh_req *req, struct sh_data *data, struct pur_job *job)
{
	for (size_t i = 0; i < data->n_repository_data; i++) {
		struct sh_repository_data *rd = &data->repository_data[i];
		struct pur_item *item = &job->items[job->n_items++];

		snprintf(item->service_indication, sizeof item->service_indication, "%s", rd->service_indication);
		item->sequence_number = (uint32_t)rd->sequence_number;
		if (!service_data_ok(req, rd)) {
			job->failed = item;
			return SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
		}
		if (rd->service_data) {
			item->service_data = rd->service_data;
			item->service_data_len = strlen(rd->service_data);
			rd->service_data = NULL;
		}
	}
	return SH_OK;
}

/* The repository data update a PUR asks for (*out, also when an instance was refused, to name it
 * in the answer), validated: 5100, 5011, 5008, ProSe profile schema. */
static struct sh_outcome make_job(const struct sh_req *req, json_t *subscriber, int update_eff,
				  struct pur_job **out)
{
	const uint8_t *xml;
	size_t len, n;
	struct sh_data *data = NULL;
	struct sh_outcome o;
	char err[SHDATA_ERR_LEN];

	*out = NULL;
	if (dk_get_os(req->msg, hss_dict.user_data, &xml, &len) ||
	    shdata_parse((const char *)xml, len, &data, err, sizeof err))
		return SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
	n = data->n_repository_data;
	if (n == 0)
		o = SH_EXP(ERROR_USER_DATA_NOT_RECOGNIZED, NULL);
	else if (n > 1 && !update_eff)
		o = SH_EXP(ERROR_FEATURE_UNSUPPORTED, NULL);
	else if (n > SH_PUR_MAX_ITEMS)
		o = SH_EXP(ERROR_TOO_MUCH_DATA, NULL);
	else if (!(*out = calloc(1, sizeof **out + n * sizeof (*out)->items[0])))
		o = SH_BASE(ER_DIAMETER_UNABLE_TO_COMPLY, NULL, "out of memory");
	else {
		snprintf((*out)->impu, sizeof (*out)->impu, "%s", sh_req_impu(req, subscriber));
		(*out)->update_eff = update_eff;
		o = take_items(req, data, *out);
	}
	shdata_free(data);
	return o;
}

int sh_pur_cb(struct msg **msg, struct avp *unused, struct session *sess, void *opaque, enum disp_action *act)
{
	struct sh_req req;
	struct sh_outcome o;
	json_t *subscriber = NULL;
	struct pur_job *job = NULL;
	uint32_t features = 0;
	int indicated = 0, ret;

	(void)unused;
	(void)sess;
	(void)opaque;
	*act = DISP_ACT_SEND;
	o = sh_req_start(*msg, STORE_PERM_UPDATE, &req, &subscriber);
	if (!o.code && req.n_data_refs > 1)
		o = SH_EXP(ERROR_FEATURE_UNSUPPORTED, NULL); /* Update-Eff-Enhance */
	if (!o.code && sh_as_features(*msg, &indicated, &features))
		o = SH_BASE(ER_DIAMETER_UNABLE_TO_COMPLY, NULL, "cannot read Supported-Features");
	if (!o.code && req.data_refs[0] != 0)
		o = sh_pur_update_subscriber(&req, subscriber);
	else if (!o.code)
		o = make_job(&req, subscriber, indicated && (features & SH_FEATURE_UPDATE_EFF), &job);
	json_decref(subscriber);
	if (job && !o.code) {
		job->msg = *msg;
		if (!dk_gc_push(&writer, &job->link)) {
			*msg = NULL; /* the writer answers it */
			*act = DISP_ACT_CONT;
			return 0;
		}
		job->msg = NULL;
		o = SH_EXP(PRIOR_UPDATE_IN_PROGRESS, NULL);
	}
	ret = pua(msg, o, job);
	job_free(job);
	return ret;
}
