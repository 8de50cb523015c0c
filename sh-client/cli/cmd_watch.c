/* sh-client watch: subscribe, print every Push-Notification-Request as it comes (answering it
 * DIAMETER_SUCCESS), and unsubscribe after --count notifications or on SIGINT / SIGTERM. The
 * watch also ends when the HSS ends the subscription itself: it deletes the subscriptions to an
 * identity it deleted (named in DeletedIdentities) and to repository data it deleted (a
 * RepositoryData without ServiceData) once it has notified them (TS 29.328 §6.1). */
#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "cli.h"

#define MAX_COUNT 1000000000L

enum { OPT_COUNT = OPT_FIRST_FREE, OPT_SEND_DATA };

struct watch {
	struct cli_request r;
	long count;            /* notifications to print before stopping; 0: no limit */
	int json;
	pthread_mutex_t lock;  /* printing, seen, stopped and what follows */
	long seen;
	int stopped;           /* unsubscribing: answer, print no more */
	pthread_t main_thread; /* woken with SIGUSR1 after count notifications, or when ended */
	int counting;          /* items_left is known: deletions are counted off */
	size_t items_left;     /* subscribed items the HSS keeps: a Service-Indication of
	                        * RepositoryData, or another Data-Reference */
	int si_deleted[CLI_MAX_ITEMS]; /* the repository data under that --si was deleted */
	const char *ended;     /* why the HSS ended every subscription of the watch, or NULL */
};

static int on_option(void *ctx, int option, const char *arg)
{
	struct watch *w = ctx;

	switch (option) {
	case OPT_COUNT:
		return cli_parse_count(arg, MAX_COUNT, &w->count) ? dk_cli_usage_error("--count wants a number") : 0;
	case OPT_SEND_DATA:
		w->r.request.send_data_indication = 1; /* USER_DATA_REQUESTED */
		return 0;
	}
	return cli_request_option(&w->r, option, arg);
}

static json_t *nullable(const char *text)
{
	return text ? json_string(text) : json_null();
}

static void print_notification(const struct watch *w, const struct sh_notification *n)
{
	if (w->json) {
		json_t *obj = json_pack("{s:s, s:o, s:o, s:o, s:o}", "event", "notification", "public_identity",
					nullable(n->public_identity), "msisdn", nullable(n->msisdn), "user_name",
					nullable(n->user_name), "user_data", nullable(n->user_data));
		if (n->data)
			json_object_set_new(obj, "sh_data", cli_shdata_json(n->data));
		dk_cli_print_json(obj);
		return;
	}
	fwrite(n->user_data, 1, n->user_data_len, stdout);
	fputc('\n', stdout);
	fflush(stdout);
}

static size_t subscribed_items(const struct sh_request *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_data_references; i++)
		n += r->data_references[i] == 0 ? r->n_service_indications : 1;
	return n;
}

static int is_deleted_identity(const struct sh_data *d, const char *identity)
{
	for (size_t i = 0; identity && i < d->n_deleted_identities; i++)
		if (!strcmp(d->deleted_identities[i], identity))
			return 1;
	return 0;
}

/* Count off what this notification tells the HSS has deleted; sets w->ended when nothing of the
 * watch is left. */
static void note_deletions(struct watch *w, const struct sh_notification *n)
{
	const struct sh_request *r = &w->r.request;
	const struct sh_data *d = n->data;

	if (!d)
		return;
	if (is_deleted_identity(d, n->public_identity) || is_deleted_identity(d, r->identity)) {
		w->items_left = 0;
		w->ended = "the identity was deleted";
		return;
	}
	for (size_t i = 0; i < d->n_repository_data; i++) {
		if (d->repository_data[i].service_data)
			continue;
		for (size_t j = 0; j < r->n_service_indications; j++)
			if (!w->si_deleted[j] &&
			    !strcmp(d->repository_data[i].service_indication, r->service_indications[j])) {
				w->si_deleted[j] = 1;
				w->items_left--;
			}
	}
	if (!w->items_left)
		w->ended = "the repository data was deleted";
}

static void print_ended(const struct watch *w)
{
	if (w->json) {
		json_t *obj = json_pack("{s:s, s:s}", "event", "ended", "reason", w->ended);
		dk_cli_print_json(obj);
	}
	fprintf(stderr, "sh-client: the HSS ended the subscription (%s) after %ld notification(s)\n", w->ended,
		w->seen);
}

static uint32_t on_pnr(void *arg, const struct sh_notification *n)
{
	struct watch *w = arg;

	pthread_mutex_lock(&w->lock);
	if (!w->stopped && !w->ended && (!w->count || w->seen < w->count)) {
		print_notification(w, n);
		if (w->counting)
			note_deletions(w, n);
		if (++w->seen == w->count || w->ended)
			pthread_kill(w->main_thread, SIGUSR1);
	}
	pthread_mutex_unlock(&w->lock);
	return SH_SUCCESS;
}

/* The SNA of the subscription: its current data (--send-data), printed like a notification. */
static void print_current(struct watch *w, const struct sh_answer *answer)
{
	pthread_mutex_lock(&w->lock);
	if (w->json) {
		json_t *obj = cli_answer_json(answer);
		json_object_set_new(obj, "event", json_string("current"));
		dk_cli_print_json(obj);
	} else if (answer->user_data) {
		fwrite(answer->user_data, 1, answer->user_data_len, stdout);
		fputc('\n', stdout);
		fflush(stdout);
	}
	pthread_mutex_unlock(&w->lock);
}

/* One SNR; the exit status. */
static int subscription(struct cli *cli, struct watch *w, int subs_req_type)
{
	struct sh_answer answer;
	int ret, status;

	w->r.request.subs_req_type = subs_req_type;
	if (subs_req_type == 1)
		w->r.request.send_data_indication = SH_UNSET;
	status = sh_snr(cli->client, &w->r.request, &answer);
	ret = cli_outcome("SNR", status, &answer, cli->config.timeout_ms);
	if (!ret && w->r.request.send_data_indication == 1)
		print_current(w, &answer);
	sh_answer_clear(&answer);
	return ret;
}

static int run(void *program, int argc, char **argv)
{
	struct cli *cli = program;
	static const struct option options[] = {
		CLI_REQUEST_OPTIONS,
		CLI_SELECT_OPTIONS,
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "send-data", no_argument, NULL, OPT_SEND_DATA },
		{ NULL, 0, NULL, 0 },
	};
	struct watch w = { .json = cli->json, .main_thread = pthread_self() };
	sigset_t stop;
	int ret, sig;

	cli_request_init(&w.r);
	if ((ret = dk_cli_options(argc, argv, "", options, on_option, &w)) ||
	    (ret = cli_request_positionals(&w.r, argc - optind, argv + optind, 0)))
		return ret;
	/* Blocked before libfdcore starts its threads, so that only sigwait below receives them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	pthread_mutex_init(&w.lock, NULL);
	/* Printing from the start: the HSS sends what it held for this AS (a watch that was
	 * stopped without unsubscribing) as soon as the connection is OPEN. Deletions are counted
	 * off once the Data-References are resolved, which needs the dictionary. */
	cli->config.on_pnr = on_pnr;
	cli->config.pnr_arg = &w;
	if ((ret = cli_open(cli)) || (ret = cli_request_resolve(&w.r)) ||
	    (ret = cli_check_request(SH_CMD_SNR, &w.r.request)))
		goto out;
	pthread_mutex_lock(&w.lock);
	w.items_left = subscribed_items(&w.r.request);
	w.counting = 1;
	pthread_mutex_unlock(&w.lock);
	if (!(ret = subscription(cli, &w, 0))) {
		fprintf(stderr, "sh-client: subscribed; waiting for notifications\n");
		sigwait(&stop, &sig);
		pthread_mutex_lock(&w.lock);
		w.stopped = 1;
		pthread_mutex_unlock(&w.lock);
		if (w.ended) /* nothing left to unsubscribe from */
			print_ended(&w);
		else if (!(ret = subscription(cli, &w, 1)))
			fprintf(stderr, "sh-client: unsubscribed after %ld notification(s)\n", w.seen);
	}
out:
	if (cli->client)
		sh_client_on_pnr(cli->client, NULL, NULL);
	pthread_mutex_destroy(&w.lock);
	return ret;
}

const struct dk_cli_command cli_watch = {
	.name = "watch",
	.summary = "subscribe and print notifications as they come (SNR, then PNRs)",
	.usage = "usage: sh-client [global options] watch <identity> <data-reference>... [options]\n"
		 "\n"
		 "Subscribes to the data (Subscribe-Notifications-Request), then prints each\n"
		 "Push-Notification-Request that arrives: its User-Data (Sh-Data XML), or with --json one\n"
		 "JSON object per line (event \"notification\", public_identity, msisdn, user_name,\n"
		 "user_data, sh_data), and answers it DIAMETER_SUCCESS. Stops after --count notifications,\n"
		 "or on SIGINT / SIGTERM, and unsubscribes. Also stops, exit status 0, once the HSS has\n"
		 "ended the subscription itself: a notification that the identity was deleted\n"
		 "(DeletedIdentities), or that the repository data of every --si was (JSON: a last line\n"
		 "with event \"ended\" and the reason).\n"
		 "\n"
		 "  <identity>, <data-reference>  as for udr\n"
		 "  --si <service-indication>     repository data (repeatable; RepositoryData needs one)\n"
		 "  --count <n>                   stop after n notifications (default: no limit)\n"
		 "  --send-data                   print the current data first (event \"current\" in JSON)\n"
		 "  --user-name <impi>            User-Name\n"
		 "  --server-name <uri>           Server-Name\n"
		 "  --identity-set all|registered|implicit|alias\n"
		 "                                Identity-Set (IMSPublicIdentity: which identities)\n"
		 "  --dsai-tag <tag>              DSAI-Tag (repeatable; DSAI needs one)\n",
	.run = run,
};
