/* fdnet: a network of freeDiameter nodes on 127.0.0.1 for integration tests.
 *
 * A test describes nodes and links, then fdnet_start() writes one freeDiameter configuration per
 * node (free ports, no TLS, no SCTP), starts `freeDiameterd -c` for each daemon node and waits until
 * every link is OPEN, read from each daemon's dbg_peerstate file (never a fixed sleep). One node
 * may be the test process itself (embedded libfdcore). fdnet_stop() stops exactly the PIDs it
 * started; daemons also die with the test process (PR_SET_PDEATHSIG), so an interrupted or
 * crashed test leaves nothing running.
 *
 * Files go to $TK_TEST_LOGS/<test name>/ (configs, one log per node); tests/run-tests.sh keeps
 * them when the test fails and removes them when it passes.
 *
 * Environment: TK_FDX_DIR (our built .fdx), TK_TEST_FDX_DIR (test-only .fdx), TK_TEST_LOGS,
 * TK_DAEMON (the daemon program, default freeDiameterd; the sanitized suite uses fd-host). */
#ifndef FDNET_H
#define FDNET_H

#include <limits.h>
#include <sys/types.h>

#define FDNET_MAX_NODES 8
#define FDNET_MAX_LINKS 16

struct fdnet_node {
	char name[32];
	char identity[128];
	char realm[96];
	int port;
	int embedded;          /* the test process itself, not a daemon */
	char extensions[8192]; /* LoadExtension and other configuration lines */
	char conf_path[PATH_MAX];
	char log_path[PATH_MAX];
	char state_path[PATH_MAX];
	pid_t pid;
	/* A program node (fdnet_add_program): its command line, and what its log says once it runs. */
	char program[PATH_MAX];
	char program_conf[PATH_MAX];
	char started[64];
};

struct fdnet {
	char dir[1024];
	int nnodes;
	struct fdnet_node nodes[FDNET_MAX_NODES];
	int nlinks;
	struct {
		struct fdnet_node *a, *b;
	} links[FDNET_MAX_LINKS];
};

/* Create the working directory for this test. Returns 0 or -1 (message printed). */
int fdnet_init(struct fdnet *net, const char *test_name);

/* A node named name.realm: a daemon, or (fdnet_add_embedded) the test process. */
struct fdnet_node *fdnet_add(struct fdnet *net, const char *name, const char *realm);
struct fdnet_node *fdnet_add_embedded(struct fdnet *net, const char *name, const char *realm);

/* A node that is a program embedding freeDiameter (a GMLC, an AS...), started as
 * `program -c program_conf`; the program reads the freeDiameter configuration fdnet writes for
 * the node (node->conf_path) from its own program_conf, and its log (stdout and stderr) says
 * 'started' once it runs. fdnet starts, waits for and stops it like a daemon. */
struct fdnet_node *fdnet_add_program(struct fdnet *net, const char *name, const char *realm, const char *program,
				     const char *program_conf, const char *started);

/* Append LoadExtension = "path" [: "arg"]. */
void fdnet_load(struct fdnet_node *node, const char *path, const char *arg);
/* Append one more line to the node's configuration ("NoRelay;"). */
void fdnet_conf_line(struct fdnet_node *node, const char *line);
/* Our dictionaries dict_slh, dict_sh, dict_slg, which need no other (what the lab's Sh and location
 * nodes load). */
void fdnet_load_dictionaries(struct fdnet_node *node);
/* A charging node's: Debian's dict_nasreq, dict_dcca and dict_dcca_3gpp (the TS 32.299 AVPs
 * dict_charging builds on), ours, then dict_charging. */
void fdnet_load_charging_dictionaries(struct fdnet_node *node);
/* The path of one of our extensions ("dict_sh") or of a test extension ("test_responder");
 * static buffer, valid until the next call. */
const char *fdnet_fdx(const char *name);
const char *fdnet_test_fdx(const char *name);

/* a and b know each other (ConnectPeer on both sides). */
void fdnet_link(struct fdnet *net, struct fdnet_node *a, struct fdnet_node *b);

/* Write every configuration, start the daemons, wait until every link between daemons is OPEN.
 * An embedded node's links are waited for by fdnet_embedded_start(). Returns 0 or -1. */
int fdnet_start(struct fdnet *net);

/* Embedded node: initialise libfdcore and parse its configuration (extensions load here), so the
 * caller can register applications before the node starts. */
int fdnet_embedded_parse(struct fdnet_node *node);
/* Start libfdcore and wait until this node's links are OPEN. */
int fdnet_embedded_start(struct fdnet *net, struct fdnet_node *node);
/* Stop libfdcore (DPR to peers). */
void fdnet_embedded_stop(void);

/* 1 when the daemon's log contains text. */
int fdnet_log_contains(const struct fdnet_node *node, const char *text);

/* Start again a daemon stopped by fdnet_stop_node (same configuration, its log appended); it does
 * not wait for its links: 0 or -1. */
int fdnet_start_node(struct fdnet_node *node);

/* Stop one daemon (a peer going away in the middle of a test), as fdnet_stop() does: returns 0
 * when it exited cleanly with no sanitizer report. */
int fdnet_stop_node(struct fdnet_node *node);

/* Stop every daemon started (SIGTERM, then SIGKILL after a grace period). Returns 0 when each one
 * exited on its own, cleanly, with no sanitizer report in its log; -1 otherwise (and says why). */
int fdnet_stop(struct fdnet *net);

#endif
