/* dbg_peerstate.fdx: publishes the state of every peer of this node in a small text file, so that
 * scripts and tests can wait for connections to be really OPEN instead of sleeping.
 *
 *   LoadExtension = "dbg_peerstate.fdx" : "/path/to/peers.state";
 *
 * The file holds one line per peer, "<diameter identity> <STATE_NAME>", and is replaced atomically
 * (written aside, then renamed) each time a state changes; it is checked every 20 ms. */
#include <freeDiameter/extension.h>
#include <stdio.h>
#include <unistd.h>

#define POLL_INTERVAL_US 20000
#define STATE_TEXT_MAX 16384

static char *state_path;
static pthread_t poller;
static volatile int stopping;
static char last_text[STATE_TEXT_MAX];

/* One line per peer into buf; returns the length, truncated at size. */
static size_t describe_peers(char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	CHECK_POSIX_DO(pthread_rwlock_rdlock(&fd_g_peers_rw), return 0);
	for (struct fd_list *li = fd_g_peers.next; li != &fd_g_peers; li = li->next) {
		struct peer_hdr *peer = (struct peer_hdr *)li->o;
		int state = fd_peer_get_state(peer);
		int n = snprintf(buf + len, size - len, "%s %s\n", peer->info.pi_diamid, STATE_STR(state));
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	CHECK_POSIX_DO(pthread_rwlock_unlock(&fd_g_peers_rw), );
	return len;
}

static void publish(const char *text, size_t len)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof tmp, "%s.tmp", state_path);
	if (!(f = fopen(tmp, "w"))) {
		LOG_E("dbg_peerstate: cannot write %s: %s", tmp, strerror(errno));
		return;
	}
	fwrite(text, 1, len, f);
	if (fclose(f) == 0 && rename(tmp, state_path) != 0)
		LOG_E("dbg_peerstate: cannot rename %s: %s", tmp, strerror(errno));
}

static void *poll_peers(void *arg)
{
	char text[STATE_TEXT_MAX];

	(void)arg;
	fd_log_threadname("dbg_peerstate");
	while (!stopping) {
		size_t len = describe_peers(text, sizeof text);
		if (strcmp(text, last_text)) {
			publish(text, len);
			memcpy(last_text, text, len + 1);
		}
		usleep(POLL_INTERVAL_US);
	}
	return NULL;
}

static int dbg_peerstate_entry(char *conffile)
{
	if (!conffile || !*conffile) {
		LOG_E("dbg_peerstate: give the path of the state file: LoadExtension = \"dbg_peerstate.fdx\" : \"/path\";");
		return EINVAL;
	}
	CHECK_MALLOC(state_path = strdup(conffile));
	last_text[0] = '\1'; /* differs from any real text: the first check always writes the file */
	CHECK_POSIX(pthread_create(&poller, NULL, poll_peers, NULL));
	return 0;
}

void fd_ext_fini(void)
{
	stopping = 1;
	pthread_join(poller, NULL);
	free(state_path);
}

EXTENSION_ENTRY("dbg_peerstate", dbg_peerstate_entry);
