/* fd-host: runs a freeDiameter node from its configuration file, as freeDiameterd does, for the
 * sanitized test suite. Built with the sanitizers like our extensions, it gives them an instrumented
 * host process: AddressSanitizer cannot be preloaded into Debian's freeDiameterd reliably (the
 * preloaded runtime leaves glibc's locale lock corrupted and the daemon hangs at exit).
 *
 *   fd-host -c node.conf        SIGTERM or SIGINT stops the node cleanly (DPR to its peers). */
#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	sigset_t stop;
	int sig = 0;

	if (argc != 3 || strcmp(argv[1], "-c")) {
		fprintf(stderr, "usage: %s -c <freeDiameter configuration>\n", argv[0]);
		return 2;
	}
	/* Block the stop signals before libfdcore starts its threads, so only sigwait sees them. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	/* As freeDiameterd, which blocks it: a write to a peer that reset its connection raises it. */
	signal(SIGPIPE, SIG_IGN);

	if (fd_core_initialize() || fd_core_parseconf(argv[2]) || fd_core_start() ||
	    fd_core_waitstartcomplete()) {
		fprintf(stderr, "fd-host: cannot start the node of %s\n", argv[2]);
		fd_core_shutdown();
		fd_core_wait_shutdown_complete();
		return 1;
	}
	/* Same line as freeDiameterd: the test harness waits for it. */
	fd_log_notice("freeDiameterd daemon initialized.");
	sigwait(&stop, &sig);
	fd_core_shutdown();
	fd_core_wait_shutdown_complete();
	return 0;
}
