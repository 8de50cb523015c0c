/* The writer thread: ACRs are not stored by the dispatch threads that receive them but queued to
 * one thread, which commits every record waiting in one LMDB transaction (one disk sync for the
 * whole batch: group commit, diamkit group_commit.c) and only then answers each of them. An ACA reporting success thus
 * always leaves after its record is on disk; when the commit fails, every ACR of the batch is
 * answered with an error, never with success. */
#include "app_cdf.h"

#include <stdlib.h>

/* The result code for a store error (RFC 6733 §7.1.4: 4002 when the record cannot be committed
 * for lack of space). */
static uint32_t failure_result(int err)
{
	return err == ENOSPC ? ER_DIAMETER_OUT_OF_SPACE : ER_DIAMETER_UNABLE_TO_COMPLY;
}

/* Commit the n records of jobs, and set each job's result. When a batch of several does not fit
 * (or one record of it is refused), each record is tried on its own, so that the others are still
 * stored. */
static void store_records(struct acr_job **jobs, struct cdr_record *records, size_t n)
{
	int ret = cdr_store_append(cdf_store, records, n);

	if (n > 1 && (ret == ENOSPC || ret == EINVAL)) {
		for (size_t i = 0; i < n; i++)
			store_records(jobs + i, records + i, 1);
		return;
	}
	if (ret)
		LOG_E("app_cdf: %zu record(s) not stored: %s", n, strerror(ret));
	for (size_t i = 0; i < n; i++) {
		jobs[i]->record = records[i]; /* the out fields: duplicate, stored type */
		jobs[i]->result = ret ? failure_result(ret) : ER_DIAMETER_SUCCESS;
	}
}

static int commit(struct dk_gc_job *batch, size_t n)
{
	struct acr_job **jobs = calloc(n, sizeof *jobs);
	struct cdr_record *records = calloc(n, sizeof *records);
	size_t i = 0;

	if (!jobs || !records) {
		for (; batch; batch = batch->next)
			((struct acr_job *)batch)->result = ER_DIAMETER_UNABLE_TO_COMPLY;
	} else {
		for (; batch; batch = batch->next, i++) {
			jobs[i] = (struct acr_job *)batch;
			records[i] = jobs[i]->record;
		}
		store_records(jobs, records, n);
	}
	free(jobs);
	free(records);
	return 0;
}

static void answer(struct dk_gc_job *batch, size_t n, int committed)
{
	(void)n;
	(void)committed; /* each job has its own result */
	while (batch) {
		struct dk_gc_job *next = batch->next;
		struct acr_job *job = (struct acr_job *)batch;
		acr_answer_and_free(job, job->result);
		batch = next;
	}
}

static struct dk_group_commit writer = { .thread_name = "app_cdf writer", .commit = commit, .answer = answer };

int cdf_writer_start(void)
{
	writer.max_batch = (size_t)cdf_conf.max_batch;
	writer.window_ms = cdf_conf.commit_window_ms;
	return dk_gc_start(&writer);
}

void cdf_writer_queue(struct acr_job *job)
{
	dk_gc_push(&writer, &job->link);
}

void cdf_writer_stop(void)
{
	dk_gc_stop(&writer);
}
