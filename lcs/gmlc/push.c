/* Reports pushed to the clients (MLP 3.5 §5.6: the server POSTs them to pushaddr/url): a FIFO of
 * documents and one worker thread that POSTs them with libcurl, in order, so that the tlrep of a
 * tracking arrive as the MMEs sent them. The queue is bounded: a client that does not take its
 * reports cannot make the GMLC grow; what is over the bound, or fails, is logged and dropped. */
#include "gmlc.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define QUEUE_MAX 1024
#define POST_TIMEOUT_MS 5000

struct item {
	struct item *next;
	char url[MLP_URL_LEN];
	char *xml; /* owned */
	size_t len;
};

static struct dk_worker worker;
static struct item *head, **tail = &head; /* these three under worker.lock */
static int queued;

static void post(CURL *curl, struct curl_slist *headers, const struct item *it)
{
	long status = 0;
	CURLcode rc;

	curl_easy_setopt(curl, CURLOPT_URL, it->url);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, it->xml);
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)it->len);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (rc != CURLE_OK || status / 100 != 2)
		fprintf(stderr, "gmlc: push to %s failed: %s, HTTP %ld\n", it->url,
			rc != CURLE_OK ? curl_easy_strerror(rc) : "answered", status);
}

static void *run(void *arg)
{
	struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: text/xml");
	CURL *curl = curl_easy_init();
	struct item *it;

	(void)arg;
	if (curl) {
		curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)POST_TIMEOUT_MS);
		curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	}
	pthread_mutex_lock(&worker.lock);
	while (!worker.stopping) {
		if (!(it = head)) {
			pthread_cond_wait(&worker.wake, &worker.lock);
			continue;
		}
		if (!(head = it->next))
			tail = &head;
		queued--;
		pthread_mutex_unlock(&worker.lock);
		if (curl && headers)
			post(curl, headers, it);
		free(it->xml);
		free(it);
		pthread_mutex_lock(&worker.lock);
	}
	pthread_mutex_unlock(&worker.lock);
	curl_easy_cleanup(curl);
	curl_slist_free_all(headers);
	return NULL;
}

int gmlc_push_start(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return EINVAL;
	CHECK_POSIX(dk_worker_start(&worker, CLOCK_REALTIME, run, NULL));
	return 0;
}

void gmlc_push_stop(void)
{
	if (!worker.running)
		return;
	dk_worker_stop(&worker);
	if (queued)
		fprintf(stderr, "gmlc: %d reports not pushed at shutdown\n", queued);
	while (head) {
		struct item *it = head;
		head = it->next;
		free(it->xml);
		free(it);
	}
	tail = &head;
	curl_global_cleanup();
}

void gmlc_push_answer(const char *url, const struct mlp_answer *a)
{
	char err[MLP_TEXT_LEN], *xml = NULL;
	size_t len;

	if (mlp_write_answer(a, &xml, &len, err, sizeof err))
		fprintf(stderr, "gmlc: cannot write an answer for %s: %s\n", a->req_id, err);
	else
		gmlc_push(url, xml, len);
}

void gmlc_push(const char *url, char *xml, size_t len)
{
	struct item *it = calloc(1, sizeof *it);

	if (!it) {
		free(xml);
		return;
	}
	snprintf(it->url, sizeof it->url, "%s", url);
	it->xml = xml;
	it->len = len;
	pthread_mutex_lock(&worker.lock);
	if (queued == QUEUE_MAX) {
		pthread_mutex_unlock(&worker.lock);
		fprintf(stderr, "gmlc: push queue full: a report to %s is dropped\n", url);
		free(xml);
		free(it);
		return;
	}
	*tail = it;
	tail = &it->next;
	queued++;
	pthread_cond_signal(&worker.wake);
	pthread_mutex_unlock(&worker.lock);
}
