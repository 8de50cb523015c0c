#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

pid_t spawn_logged(char *const argv[], char *const envp[], const char *log_path)
{
	pid_t parent = getpid(), pid;
	int log_fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (log_fd < 0) {
		fprintf(stderr, "spawn: cannot open %s: %s\n", log_path, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "spawn: fork: %s\n", strerror(errno));
		close(log_fd);
		return -1;
	}
	if (pid == 0) {
		/* Only async-signal-safe calls here: the test process may have threads. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		dup2(log_fd, STDOUT_FILENO);
		dup2(log_fd, STDERR_FILENO);
		execvpe(argv[0], argv, envp ? envp : environ);
		_exit(127);
	}
	close(log_fd);
	return pid;
}

int file_contains(const char *path, const char *text)
{
	char line[4096];
	FILE *f = fopen(path, "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, text) != NULL;
	fclose(f);
	return found;
}

int file_count(const char *path, const char *text)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int n = 0;

	if (!f)
		return 0;
	while (getline(&line, &cap, f) > 0)
		n += strstr(line, text) != NULL;
	free(line);
	fclose(f);
	return n;
}

/* Poll (every 20 ms, at most timeout_ms) until the file's lines holding text are `lines` or more
 * (at_least), or until file_contains is `lines` (!at_least): 1, or 0 when they never were. */
static int poll_file(const char *path, const char *text, int lines, int at_least, int timeout_ms)
{
	struct timespec now, end;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout_ms / 1000;
	end.tv_nsec += (timeout_ms % 1000) * 1000000L;
	for (;;) {
		if (at_least ? file_count(path, text) >= lines : file_contains(path, text) == lines)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec * 1000000000L + now.tv_nsec > end.tv_sec * 1000000000L + end.tv_nsec)
			return 0;
		usleep(20000);
	}
}

int file_becomes(const char *path, const char *text, int contains, int timeout_ms)
{
	return poll_file(path, text, contains, 0, timeout_ms);
}

int file_count_reaches(const char *path, const char *text, int n, int timeout_ms)
{
	return poll_file(path, text, n, 1, timeout_ms);
}

int write_text_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

void read_text_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, size - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
}

int spawn_wait(pid_t pid, int timeout_ms)
{
	int status = -1;

	for (int waited = 0; waitpid(pid, &status, WNOHANG) != pid; waited += 10) {
		if (waited >= timeout_ms) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		usleep(10000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
