/* The writer thread: ACRs are not stored by the dispatch threads that receive them but queued to
 * one thread, which commits every record waiting in one LMDB transaction (one disk sync for the
 * whole batch: group commit) and only then answers each of them. An ACA reporting success thus
 * always leaves after its record is on disk; when the commit fails, every ACR of the batch is
 * answered with an error, never with success. */
#include "app_cdf.h"

#include <stdlib.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct acr_job *queue_head, **queue_tail = &queue_head;
static pthread_t writer;
static int stopping, running;

/* Hand a job to the writer, or (NULL) tell it to stop once the queue is empty. */
static void hand_over(struct acr_job *job)
{
	pthread_mutex_lock(&lock);
	if (job) {
		job->next = NULL;
		*queue_tail = job;
		queue_tail = &job->next;
	} else {
		stopping = 1;
	}
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}

void cdf_writer_queue(struct acr_job *job)
{
	hand_over(job);
}

/* The result code for a store error (RFC 6733 §7.1.4: 4002 when the record cannot be committed
 * for lack of space). */
static uint32_t failure_result(int err)
{
	return err == ENOSPC ? DIAMETER_OUT_OF_SPACE : DIAMETER_UNABLE_TO_COMPLY;
}

/* Commit the n records of jobs, then answer each one. When a batch of several does not fit (or
 * one record of it is refused), each record is tried on its own, so that the others are still
 * stored. */
static void commit_and_answer(struct acr_job **jobs, struct cdr_record *records, size_t n)
{
	int ret = cdr_store_append(cdf_store, records, n);

	if (n > 1 && (ret == ENOSPC || ret == EINVAL)) {
		for (size_t i = 0; i < n; i++)
			commit_and_answer(jobs + i, records + i, 1);
		return;
	}
	if (ret)
		LOG_E("app_cdf: %zu record(s) not stored: %s", n, strerror(ret));
	for (size_t i = 0; i < n; i++) {
		jobs[i]->record = records[i]; /* the out fields: duplicate, stored type */
		acr_answer_and_free(jobs[i], ret ? failure_result(ret) : DIAMETER_SUCCESS);
	}
}

static void write_batch(struct acr_job *batch, size_t n)
{
	struct acr_job **jobs = calloc(n, sizeof *jobs);
	struct cdr_record *records = calloc(n, sizeof *records);
	size_t i = 0;

	if (!jobs || !records) {
		while (batch) {
			struct acr_job *next = batch->next;
			acr_answer_and_free(batch, DIAMETER_UNABLE_TO_COMPLY);
			batch = next;
		}
	} else {
		for (; batch; batch = batch->next, i++) {
			jobs[i] = batch;
			records[i] = batch->record;
		}
		commit_and_answer(jobs, records, n);
	}
	free(jobs);
	free(records);
}

/* Take at most max_batch jobs off the queue (lock held); their count in *n. */
static struct acr_job *take_batch(size_t *n)
{
	struct acr_job *batch = queue_head, **cut = &queue_head;

	for (*n = 0; *cut && *n < (size_t)cdf_conf.max_batch; (*n)++)
		cut = &(*cut)->next;
	queue_head = *cut;
	if (!queue_head)
		queue_tail = &queue_head;
	*cut = NULL;
	return batch;
}

static void *writer_loop(void *arg)
{
	(void)arg;
	fd_log_threadname("app_cdf writer");
	pthread_mutex_lock(&lock);
	for (;;) {
		struct acr_job *batch;
		size_t n;

		while (!queue_head && !stopping)
			pthread_cond_wait(&wake, &lock);
		if (!queue_head)
			break;
		if (cdf_conf.commit_window_ms) {
			struct timespec ts = { cdf_conf.commit_window_ms / 1000, (cdf_conf.commit_window_ms % 1000) * 1000000L };
			pthread_mutex_unlock(&lock);
			nanosleep(&ts, NULL);
			pthread_mutex_lock(&lock);
		}
		batch = take_batch(&n);
		pthread_mutex_unlock(&lock);
		write_batch(batch, n);
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int cdf_writer_start(void)
{
	int ret = pthread_create(&writer, NULL, writer_loop, NULL);

	running = !ret;
	return ret;
}

void cdf_writer_stop(void)
{
	if (!running)
		return;
	hand_over(NULL);
	pthread_join(writer, NULL);
	running = 0;
}
