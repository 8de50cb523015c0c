/* The group-commit writer. The dispatch threads queue checked CCRs; one writer thread takes every
 * CCR waiting (at most OCS_BATCH_MAX), applies them in one LMDB write transaction, and only after
 * its durable commit builds and sends their answers. One disk sync serves a whole batch, and no
 * CCA reports what was not committed. */
#include "app_ocs.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct ocs_job *queue, **queue_tail = &queue;
static pthread_t writer;
static int stopping, writer_running;

static void answer_and_send(struct ocs_job *job, int committed)
{
	struct ocs_refusal failure = { DIAMETER_UNABLE_TO_COMPLY, NULL, 0, "the store could not be written" };

	CHECK_FCT_DO(committed ? ocs_cca_answer(job) : ocs_cca_refuse(&job->msg, &failure), goto out);
	CHECK_FCT_DO(fd_msg_send(&job->msg, NULL, NULL), goto out);
out:
	if (job->msg)
		fd_msg_free(job->msg);
	free(job);
}

/* Process the batch in one transaction and answer every request of it. */
static void write_batch(struct ocs_job *batch)
{
	static struct ocs_ccr ccrs[OCS_BATCH_MAX]; /* only the writer thread uses it */
	size_t n = 0;
	int ret;

	for (struct ocs_job *j = batch; j; j = j->next)
		ccrs[n++] = j->ccr;
	ret = ocs_store_process(ocs_store, ccrs, n);
	if (ret)
		LOG_E("app_ocs: %zu credit-control requests not committed: %s", n, strerror(ret));
	n = 0;
	while (batch) {
		struct ocs_job *next = batch->next;
		batch->ccr = ccrs[n++];
		answer_and_send(batch, ret == 0);
		batch = next;
	}
}

static void *writer_loop(void *arg)
{
	(void)arg;
	fd_log_threadname("app_ocs writer");
	CHECK_POSIX_DO(pthread_mutex_lock(&lock), return NULL);
	for (;;) {
		struct ocs_job *batch, **cut = &queue;

		while (!queue && !stopping)
			pthread_cond_wait(&wake, &lock);
		if (!queue)
			break;
		if (ocs_conf.commit_window_ms) {
			/* let more requests join this commit */
			struct timespec ts = { ocs_conf.commit_window_ms / 1000, (ocs_conf.commit_window_ms % 1000) * 1000000L };
			pthread_mutex_unlock(&lock);
			nanosleep(&ts, NULL);
			pthread_mutex_lock(&lock);
		}
		for (int i = 0; *cut && i < OCS_BATCH_MAX; i++)
			cut = &(*cut)->next;
		batch = queue;
		queue = *cut;
		*cut = NULL;
		if (!queue)
			queue_tail = &queue;
		pthread_mutex_unlock(&lock);
		write_batch(batch);
		pthread_mutex_lock(&lock);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int ocs_writer_start(void)
{
	CHECK_POSIX(pthread_create(&writer, NULL, writer_loop, NULL));
	writer_running = 1;
	return 0;
}

int ocs_writer_enqueue(struct ocs_job *job)
{
	job->next = NULL;
	CHECK_POSIX(pthread_mutex_lock(&lock));
	*queue_tail = job;
	queue_tail = &job->next;
	pthread_cond_signal(&wake);
	CHECK_POSIX(pthread_mutex_unlock(&lock));
	return 0;
}

void ocs_writer_stop(void)
{
	if (!writer_running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(writer, NULL);
	writer_running = 0;
}
