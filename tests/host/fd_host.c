/* fd-host: runs a freeDiameter node from its configuration file, as freeDiameterd does, for the
 * sanitized test suite. Built with the sanitizers like our extensions, it gives them an instrumented
 * host process: AddressSanitizer cannot be preloaded into Debian's freeDiameterd reliably (the
 * preloaded runtime leaves glibc's locale lock corrupted and the daemon hangs at exit).
 *
 *   fd-host -c node.conf        SIGTERM or SIGINT stops the node cleanly (DPR to its peers);
 *                               SIGUSR1 and SIGUSR2 reach the extensions, as freeDiameterd passes them. */
#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As freeDiameterd: the core runs the callbacks registered with fd_event_trig_regcb for sig. */
static void trigger(int sig)
{
	int *value = malloc(sizeof *value);

	if (!value)
		return;
	*value = sig;
	if (fd_event_send(fd_g_config->cnf_main_ev, FDEV_TRIGGER, sizeof *value, value))
		free(value);
}

int main(int argc, char **argv)
{
	sigset_t caught;
	int sig = 0;

	if (argc != 3 || strcmp(argv[1], "-c")) {
		fprintf(stderr, "usage: %s -c <freeDiameter configuration>\n", argv[0]);
		return 2;
	}
	/* Block the signals before libfdcore starts its threads, so only sigwait sees them. */
	sigemptyset(&caught);
	sigaddset(&caught, SIGTERM);
	sigaddset(&caught, SIGINT);
	sigaddset(&caught, SIGUSR1);
	sigaddset(&caught, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &caught, NULL);
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
	while (!sigwait(&caught, &sig) && (sig == SIGUSR1 || sig == SIGUSR2))
		trigger(sig);
	fd_core_shutdown();
	fd_core_wait_shutdown_complete();
	return 0;
}
