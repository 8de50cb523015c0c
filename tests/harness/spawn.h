/* Starting the helper programs tests need (freeDiameterd, dumpcap) so that they can never
 * outlive the test. */
#ifndef SPAWN_H
#define SPAWN_H

#include <stddef.h>
#include <sys/types.h>

/* Start argv[0] (searched in PATH) with envp (NULL: the test's own environment), its output and
 * errors appended to log_path. The child gets SIGTERM when the test process dies. Returns the
 * pid, or -1 with a message on stderr. */
pid_t spawn_logged(char *const argv[], char *const envp[], const char *log_path);

/* 1 when the file contains text. */
int file_contains(const char *path, const char *text);
/* Poll (every 20 ms, at most timeout_ms) until file_contains(path, text) is 'contains' (1 or 0):
 * 1, or 0 when it still is not. */
int file_becomes(const char *path, const char *text, int contains, int timeout_ms);
/* How many lines of the file hold text (0 when it cannot be read). */
int file_count(const char *path, const char *text);
/* Poll as file_becomes until file_count(path, text) is n or more: 1, or 0 when it never was. */
int file_count_reaches(const char *path, const char *text, int n, int timeout_ms);
/* Write text to path (configurations, scenarios); 0 or -1. */
int write_text_file(const char *path, const char *text);
/* The start of the file into buf, NUL-terminated ("" when it cannot be read). */
void read_text_file(const char *path, char *buf, size_t size);
/* Wait for a child started by spawn_logged: its exit status, or -1 when it did not exit normally
 * or was still running after timeout_ms (it is then killed). */
int spawn_wait(pid_t pid, int timeout_ms);

#endif
