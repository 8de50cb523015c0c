/* Running one of the toolkit's command-line programs (build/bin/<program>) from a test: its
 * stdout and stderr go to the files <dir>/<program>.out and .err, read back once it has ended
 * (so two programs can run at once, but not the same program twice). */
#ifndef TOOL_RUN_H
#define TOOL_RUN_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

struct tool_run {
	pid_t pid;                /* -1: it did not start */
	char out_path[PATH_MAX];  /* its stdout, as it runs */
	char err_path[PATH_MAX];  /* its stderr */
};

/* Start `<program> <args>` (args split as a shell splits them), its output files emptied first.
 * run->pid is -1 when it could not be started. */
void tool_start(struct tool_run *run, const char *dir, const char *program, const char *args);
/* Wait for it (killed after 120 s): its exit status, or -1 when it did not exit normally; what it
 * printed in out and err (NUL-terminated, cut to their sizes). */
int tool_finish(const struct tool_run *run, char *out, size_t out_size, char *err, size_t err_size);

/* Run `hss-ctl -d <dir>/store <args>` (as tool_start) and wait for it: its exit status. */
int tool_hss_ctl(const char *dir, const char *args);

#endif
