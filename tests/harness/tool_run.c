/* Running the toolkit's command-line programs from tests (tool_run.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spawn.h"
#include "tool_run.h"

void tool_start(struct tool_run *run, const char *dir, const char *program, const char *args)
{
	char command[4 * PATH_MAX];

	snprintf(run->out_path, sizeof run->out_path, "%s/%s.out", dir, program);
	snprintf(run->err_path, sizeof run->err_path, "%s/%s.err", dir, program);
	unlink(run->out_path); /* what a previous run wrote is not this run's */
	unlink(run->err_path);
	snprintf(command, sizeof command, "exec '%s/../bin/%s' %s 2>'%s'", getenv("TK_FDX_DIR"), program, args,
		 run->err_path);
	fprintf(stderr, "%s %s\n", program, args);
	char *argv[] = { "sh", "-c", command, NULL };
	run->pid = spawn_logged(argv, NULL, run->out_path);
}

int tool_finish(const struct tool_run *run, char *out, size_t out_size, char *err, size_t err_size)
{
	int status = run->pid > 0 ? spawn_wait(run->pid, 120000) : -1;

	read_text_file(run->out_path, out, out_size);
	read_text_file(run->err_path, err, err_size);
	fprintf(stderr, "exit %d; stderr: %s%s", status, err, *err && err[strlen(err) - 1] == '\n' ? "" : "\n");
	return status;
}

int tool_hss_ctl(const char *dir, const char *args)
{
	char command[2 * PATH_MAX], out[512], err[1024];
	struct tool_run run;

	snprintf(command, sizeof command, "-d '%s/store' %s", dir, args);
	tool_start(&run, dir, "hss-ctl", command);
	return tool_finish(&run, out, sizeof out, err, sizeof err);
}
