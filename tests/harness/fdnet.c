#include "fdnet.h"
#include "diamkit.h"
#include "spawn.h"

#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#define OPEN_TIMEOUT_MS 30000
#define STOP_TIMEOUT_MS 20000
#define DEBIAN_FDX_DIR "/usr/lib/freeDiameter"
/* What freeDiameterd logs once fd_core_start() has succeeded. */
#define DAEMON_STARTED "freeDiameterd daemon initialized."

/* Sockets holding the ports handed out until the daemons are about to bind them, so that two
 * nodes never get the same free port. */
static int reserved_fds[FDNET_MAX_NODES * 4];
static int nreserved;

static void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fdnet: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static int reserve_port(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof sin;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&sin, sizeof sin) ||
	    getsockname(fd, (struct sockaddr *)&sin, &len)) {
		say("cannot reserve a port: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (nreserved < (int)(sizeof reserved_fds / sizeof reserved_fds[0]))
		reserved_fds[nreserved++] = fd;
	else
		close(fd);
	return ntohs(sin.sin_port);
}

static void release_ports(void)
{
	while (nreserved > 0)
		close(reserved_fds[--nreserved]);
}

static int mkdir_p(const char *path)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof tmp, "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(tmp, 0755) && errno != EEXIST ? -1 : 0;
}

int fdnet_init(struct fdnet *net, const char *test_name)
{
	const char *root = getenv("TK_TEST_LOGS");

	memset(net, 0, sizeof *net);
	if (!getenv("TK_FDX_DIR")) {
		say("TK_FDX_DIR (the folder of the built extensions) is not set: run the tests with make test");
		return -1;
	}
	if (!root || !*root)
		root = "/tmp/tk-test-logs";
	if (mkdir_p(root)) {
		say("cannot create %s: %s", root, strerror(errno));
		return -1;
	}
	snprintf(net->dir, sizeof net->dir, "%s/%s-XXXXXX", root, test_name);
	if (!mkdtemp(net->dir)) {
		say("cannot create %s: %s", net->dir, strerror(errno));
		return -1;
	}
	return 0;
}

static void node_file(char path[PATH_MAX], const char *dir, const char *name, const char *suffix)
{
	snprintf(path, PATH_MAX, "%s/%s.%s", dir, name, suffix);
}

static struct fdnet_node *add_node(struct fdnet *net, const char *name, const char *realm, int embedded)
{
	struct fdnet_node *n;
	char dir[sizeof net->dir], id[sizeof n->identity];

	if (net->nnodes == FDNET_MAX_NODES) {
		say("too many nodes");
		return NULL;
	}
	n = &net->nodes[net->nnodes++];
	memset(n, 0, sizeof *n);
	snprintf(n->name, sizeof n->name, "%s", name);
	snprintf(n->realm, sizeof n->realm, "%s", realm);
	snprintf(n->identity, sizeof n->identity, "%s.%s", name, realm);
	memcpy(dir, net->dir, sizeof dir); /* a copy: GCC cannot tell the node's paths from net->dir */
	/* files by identity: two networks may have nodes of the same name */
	memcpy(id, n->identity, sizeof id);
	node_file(n->conf_path, dir, id, "conf");
	node_file(n->log_path, dir, id, "log");
	node_file(n->state_path, dir, id, "peers");
	n->embedded = embedded;
	if ((n->port = reserve_port()) < 0)
		return NULL;
	if (!embedded)
		fdnet_load(n, fdnet_fdx("dbg_peerstate"), n->state_path);
	return n;
}

struct fdnet_node *fdnet_add(struct fdnet *net, const char *name, const char *realm)
{
	return add_node(net, name, realm, 0);
}

struct fdnet_node *fdnet_add_embedded(struct fdnet *net, const char *name, const char *realm)
{
	return add_node(net, name, realm, 1);
}

struct fdnet_node *fdnet_add_program(struct fdnet *net, const char *name, const char *realm, const char *program,
				     const char *program_conf, const char *started)
{
	struct fdnet_node *n = add_node(net, name, realm, 0);

	if (n) {
		snprintf(n->program, sizeof n->program, "%s", program);
		snprintf(n->program_conf, sizeof n->program_conf, "%s", program_conf);
		snprintf(n->started, sizeof n->started, "%s", started);
	}
	return n;
}

void fdnet_load(struct fdnet_node *node, const char *path, const char *arg)
{
	size_t len = strlen(node->extensions);
	size_t room = sizeof node->extensions - len;

	if (arg)
		snprintf(node->extensions + len, room, "LoadExtension = \"%s\" : \"%s\";\n", path, arg);
	else
		snprintf(node->extensions + len, room, "LoadExtension = \"%s\";\n", path);
}

void fdnet_conf_line(struct fdnet_node *node, const char *line)
{
	size_t len = strlen(node->extensions);

	snprintf(node->extensions + len, sizeof node->extensions - len, "%s\n", line);
}

static const char *fdx_in(const char *env, const char *name)
{
	static char path[PATH_MAX];
	const char *dir = getenv(env);

	snprintf(path, sizeof path, "%s/%s.fdx", dir ? dir : ".", name);
	return path;
}

const char *fdnet_fdx(const char *name)
{
	return fdx_in("TK_FDX_DIR", name);
}

const char *fdnet_test_fdx(const char *name)
{
	return fdx_in("TK_TEST_FDX_DIR", name);
}

void fdnet_load_dictionaries(struct fdnet_node *node)
{
	static const char *const ours[] = { "dict_slh", "dict_sh", "dict_slg" };

	for (size_t i = 0; i < sizeof ours / sizeof ours[0]; i++)
		fdnet_load(node, fdnet_fdx(ours[i]), NULL);
}

void fdnet_load_charging_dictionaries(struct fdnet_node *node)
{
	fdnet_load(node, DEBIAN_FDX_DIR "/dict_nasreq.fdx", NULL);
	fdnet_load(node, DEBIAN_FDX_DIR "/dict_dcca.fdx", NULL);
	fdnet_load(node, DEBIAN_FDX_DIR "/dict_dcca_3gpp.fdx", NULL);
	fdnet_load_dictionaries(node);
	fdnet_load(node, fdnet_fdx("dict_charging"), NULL);
}

void fdnet_link(struct fdnet *net, struct fdnet_node *a, struct fdnet_node *b)
{
	if (net->nlinks == FDNET_MAX_LINKS) {
		say("too many links");
		return;
	}
	net->links[net->nlinks].a = a;
	net->links[net->nlinks].b = b;
	net->nlinks++;
}

static int write_conf(const struct fdnet *net, const struct fdnet_node *n)
{
	FILE *f = fopen(n->conf_path, "w");

	if (!f) {
		say("cannot write %s: %s", n->conf_path, strerror(errno));
		return -1;
	}
	fprintf(f, "# %s: written by the test harness\n"
		   "Identity = \"%s\";\nRealm = \"%s\";\nPort = %d;\n"
		   "SecPort = 0;\nNo_SCTP;\nNo_IPv6;\nTcTimer = 2;\n"
		   "LoadExtension = \"" DEBIAN_FDX_DIR "/dbg_msg_dumps.fdx\" : \"0x2222\";\n%s",
		n->name, n->identity, n->realm, n->port, n->extensions);
	for (int i = 0; i < net->nlinks; i++) {
		const struct fdnet_node *peer = net->links[i].a == n ? net->links[i].b :
						net->links[i].b == n ? net->links[i].a : NULL;
		if (peer)
			fprintf(f, "ConnectPeer = \"%s\" { ConnectTo = \"127.0.0.1\"; Port = %d; No_TLS; No_SCTP; };\n",
				peer->identity, peer->port);
	}
	return fclose(f) ? -1 : 0;
}

static int spawn_daemon(struct fdnet_node *n)
{
	const char *daemon = getenv("TK_DAEMON");
	char *argv[] = { (char *)(daemon && *daemon ? daemon : "freeDiameterd"), "-c", n->conf_path, NULL };

	if (n->program[0]) {
		argv[0] = n->program;
		argv[2] = n->program_conf;
	}
	n->pid = spawn_logged(argv, NULL, n->log_path);
	return n->pid > 0 ? 0 : -1;
}

/* 1 when the state file of 'node' says 'peer' is OPEN. */
static int state_says_open(const struct fdnet_node *node, const struct fdnet_node *peer)
{
	char line[512], want[300];
	FILE *f = fopen(node->state_path, "r");
	int open = 0;

	if (!f)
		return 0;
	snprintf(want, sizeof want, "%s STATE_OPEN\n", peer->identity);
	while (!open && fgets(line, sizeof line, f))
		open = !strcmp(line, want);
	fclose(f);
	return open;
}

static void print_log_tail(const struct fdnet_node *n)
{
	char cmd[PATH_MAX + 32];

	say("last lines of %s:", n->log_path);
	snprintf(cmd, sizeof cmd, "tail -n 15 '%s' >&2", n->log_path);
	if (system(cmd) != 0)
		say("(cannot read it)");
}

/* A daemon that exited, or began shutting down, while we wait for it to come up has failed. */
static int daemon_failed(struct fdnet_node *n)
{
	int status;

	if (n->embedded || n->pid <= 0)
		return 0;
	if (waitpid(n->pid, &status, WNOHANG) == n->pid) {
		say("%s (pid %d) exited while starting (status %d)", n->name, (int)n->pid, status);
		n->pid = 0;
	} else if (file_contains(n->log_path, "Initiating freeDiameter shutdown sequence")) {
		say("%s (pid %d) is shutting down while starting", n->name, (int)n->pid);
	} else {
		return 0;
	}
	print_log_tail(n);
	return 1;
}

/* Daemons not yet started, and links between two daemons not yet OPEN on both sides. */
static int daemon_links_pending(struct fdnet *net, struct fdnet_node *unused)
{
	int pending = 0;

	(void)unused;
	for (int i = 0; i < net->nnodes; i++)
		if (!net->nodes[i].embedded &&
		    !file_contains(net->nodes[i].log_path, net->nodes[i].program[0] ? net->nodes[i].started : DAEMON_STARTED))
			pending++;
	for (int i = 0; i < net->nlinks; i++) {
		struct fdnet_node *a = net->links[i].a, *b = net->links[i].b;
		if (!a->embedded && !b->embedded && (!state_says_open(a, b) || !state_says_open(b, a)))
			pending++;
	}
	return pending;
}

/* Poll until pending(net, node) is 0; fail when a daemon dies or after OPEN_TIMEOUT_MS. */
static int wait_links(struct fdnet *net, struct fdnet_node *node,
		      int (*pending)(struct fdnet *, struct fdnet_node *))
{
	long deadline = now_ms() + OPEN_TIMEOUT_MS;

	for (;;) {
		for (int i = 0; i < net->nnodes; i++)
			if (daemon_failed(&net->nodes[i]))
				return -1;
		if (!pending(net, node))
			return 0;
		if (now_ms() > deadline) {
			say("links not OPEN after %d ms", OPEN_TIMEOUT_MS);
			for (int i = 0; i < net->nnodes; i++)
				if (!net->nodes[i].embedded)
					print_log_tail(&net->nodes[i]);
			return -1;
		}
		sleep_ms(20);
	}
}

int fdnet_start(struct fdnet *net)
{
	for (int i = 0; i < net->nnodes; i++)
		if (write_conf(net, &net->nodes[i]))
			return -1;
	release_ports();
	for (int i = 0; i < net->nnodes; i++)
		if (!net->nodes[i].embedded && spawn_daemon(&net->nodes[i]))
			return -1;
	return wait_links(net, NULL, daemon_links_pending);
}

/* libfdcore runs once per process: whether this test process initialised it. */
static int embedded_initialised;

int fdnet_embedded_parse(struct fdnet_node *node)
{
	fd_g_debug_lvl = FD_LOG_ERROR;
	dk_ignore_sigpipe(); /* as the client libraries do: a peer killed mid-write must not end the test */
	if (fd_core_initialize()) {
		say("libfdcore does not initialise");
		return -1;
	}
	embedded_initialised = 1;
	if (fd_core_parseconf(node->conf_path)) {
		say("libfdcore cannot load %s", node->conf_path);
		return -1;
	}
	return 0;
}

static int embedded_peer_open(const struct fdnet_node *peer)
{
	struct peer_hdr *hdr = NULL;

	if (fd_peer_getbyid((DiamId_t)peer->identity, strlen(peer->identity), 0, &hdr) || !hdr)
		return 0;
	return fd_peer_get_state(hdr) == STATE_OPEN;
}

/* Links of the embedded node not yet OPEN, as it sees them and as its peers do. */
static int embedded_links_pending(struct fdnet *net, struct fdnet_node *node)
{
	int pending = 0;

	for (int i = 0; i < net->nlinks; i++) {
		struct fdnet_node *a = net->links[i].a, *b = net->links[i].b;
		struct fdnet_node *peer = a == node ? b : b == node ? a : NULL;
		if (peer && (!embedded_peer_open(peer) || !state_says_open(peer, node)))
			pending++;
	}
	return pending;
}

int fdnet_embedded_start(struct fdnet *net, struct fdnet_node *node)
{
	if (fd_core_start() || fd_core_waitstartcomplete()) {
		say("libfdcore does not start");
		return -1;
	}
	return wait_links(net, node, embedded_links_pending);
}

void fdnet_embedded_stop(void)
{
	if (!embedded_initialised)
		return;
	embedded_initialised = 0;
	fd_core_shutdown();
	fd_core_wait_shutdown_complete();
}

int fdnet_log_contains(const struct fdnet_node *node, const char *text)
{
	return file_contains(node->log_path, text);
}

static int sanitizer_reported(const struct fdnet_node *n)
{
	return fdnet_log_contains(n, "ERROR: AddressSanitizer") ||
	       fdnet_log_contains(n, "ERROR: LeakSanitizer") || fdnet_log_contains(n, "runtime error:");
}

/* SIGTERM one daemon and reap it; SIGKILL after the grace period. Returns 0 when it exited
 * cleanly on its own. */
static int stop_daemon(struct fdnet_node *n)
{
	long deadline = now_ms() + STOP_TIMEOUT_MS;
	int status;

	kill(n->pid, SIGTERM);
	while (waitpid(n->pid, &status, WNOHANG) != n->pid) {
		if (now_ms() > deadline) {
			say("%s (pid %d) still running %d ms after SIGTERM: killed", n->name, (int)n->pid,
			    STOP_TIMEOUT_MS);
			kill(n->pid, SIGKILL);
			waitpid(n->pid, NULL, 0);
			n->pid = 0;
			return -1;
		}
		sleep_ms(10);
	}
	n->pid = 0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		say("%s did not exit cleanly (status %d)", n->name, status);
		print_log_tail(n);
		return -1;
	}
	return 0;
}

int fdnet_start_node(struct fdnet_node *node)
{
	return node->embedded || node->pid > 0 ? -1 : spawn_daemon(node);
}

int fdnet_stop_node(struct fdnet_node *node)
{
	int failed = node->pid > 0 && stop_daemon(node);

	if (!node->embedded && sanitizer_reported(node)) {
		say("sanitizer report in %s", node->log_path);
		failed = 1;
	}
	return failed ? -1 : 0;
}

/* One daemon at a time: a daemon stopping alone gets its DPA from live peers at once, while two
 * peers stopping together each wait freeDiameter's 16 s for the other. A node stopped before
 * (fdnet_stop_node) is checked again for a sanitizer report only. */
int fdnet_stop(struct fdnet *net)
{
	int failed = 0;

	release_ports();
	for (int i = net->nnodes - 1; i >= 0; i--)
		if (fdnet_stop_node(&net->nodes[i]))
			failed = 1;
	return failed ? -1 : 0;
}
