/* The group-commit writer. The dispatch threads queue checked CCRs; one writer thread takes every
 * CCR waiting (at most OCS_BATCH_MAX), applies them in one LMDB write transaction, and only after
 * its durable commit builds and sends their answers. One disk sync serves a whole batch, and no
 * CCA reports what was not committed. */
#include "app_ocs.h"

static void answer_and_send(struct ocs_job *job, int committed)
{
	struct ocs_refusal failure = { ER_DIAMETER_UNABLE_TO_COMPLY, NULL, 0, "the store could not be written" };

	CHECK_FCT_DO(committed ? ocs_cca_answer(job) : ocs_cca_refuse(&job->msg, &failure), goto out);
	CHECK_FCT_DO(fd_msg_send(&job->msg, NULL, NULL), goto out);
out:
	if (job->msg)
		fd_msg_free(job->msg);
	free(job);
}

/* Process the batch in one transaction; each job gets its request's results back. */
static int commit(struct dk_gc_job *batch, size_t count)
{
	static struct ocs_ccr ccrs[OCS_BATCH_MAX]; /* only the writer thread uses it */
	size_t n = 0;
	int ret;

	for (struct dk_gc_job *j = batch; j; j = j->next)
		ccrs[n++] = ((struct ocs_job *)j)->ccr;
	ret = ocs_store_process(ocs_store, ccrs, count);
	if (ret)
		LOG_E("app_ocs: %zu credit-control requests not committed: %s", count, strerror(ret));
	n = 0;
	for (struct dk_gc_job *j = batch; j; j = j->next)
		((struct ocs_job *)j)->ccr = ccrs[n++];
	return ret;
}

static void answer(struct dk_gc_job *batch, size_t n, int ret)
{
	(void)n;
	while (batch) {
		struct dk_gc_job *next = batch->next;
		answer_and_send((struct ocs_job *)batch, ret == 0);
		batch = next;
	}
}

static struct dk_group_commit writer = { .thread_name = "app_ocs writer", .max_batch = OCS_BATCH_MAX,
					 .commit = commit, .answer = answer };

int ocs_writer_start(void)
{
	writer.window_ms = ocs_conf.commit_window_ms;
	return dk_gc_start(&writer);
}

int ocs_writer_enqueue(struct ocs_job *job)
{
	return dk_gc_push(&writer, &job->link);
}

void ocs_writer_stop(void)
{
	dk_gc_stop(&writer);
}
