/* SIGPIPE in a process that embeds libfdcore (dk_ignore_sigpipe, diamkit.h). */
#include <signal.h>

#include "diamkit.h"

void dk_ignore_sigpipe(void)
{
	struct sigaction current;

	if (sigaction(SIGPIPE, NULL, &current) == 0 && !(current.sa_flags & SA_SIGINFO) &&
	    current.sa_handler == SIG_DFL)
		signal(SIGPIPE, SIG_IGN);
}
