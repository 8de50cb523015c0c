#include "capture.h"
#include "spawn.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define READY_TIMEOUT_MS 15000
#define FLUSH_MS 1000

int capture_start(struct capture *cap, const char *dir, const int *ports, int nports)
{
	char filter[CAPTURE_MAX_PORTS * 24] = "";

	memset(cap, 0, sizeof *cap);
	if (nports < 1 || nports > CAPTURE_MAX_PORTS)
		return -1;
	for (int i = 0; i < nports; i++) {
		size_t len = strlen(filter);
		snprintf(filter + len, sizeof filter - len, "%stcp port %d", i ? " or " : "", ports[i]);
		cap->ports[i] = ports[i];
	}
	cap->nports = nports;
	snprintf(cap->pcap_path, sizeof cap->pcap_path, "%s/capture.pcapng", dir);
	snprintf(cap->log_path, sizeof cap->log_path, "%s/dumpcap.log", dir);
	char *argv[] = { "dumpcap", "-i", "lo", "-f", filter, "-w", cap->pcap_path, NULL };
	if ((cap->pid = spawn_logged(argv, NULL, cap->log_path)) < 0) {
		cap->pid = 0;
		return -1;
	}
	for (int waited = 0; waited < READY_TIMEOUT_MS; waited += 20) {
		struct timespec ts = { 0, 20 * 1000000L };
		int status;
		if (file_contains(cap->log_path, "Capturing on"))
			return 0;
		if (waitpid(cap->pid, &status, WNOHANG) == cap->pid) {
			fprintf(stderr, "capture: dumpcap exited (status %d), see %s\n", status, cap->log_path);
			cap->pid = 0;
			return -1;
		}
		nanosleep(&ts, NULL);
	}
	fprintf(stderr, "capture: dumpcap not capturing after %d ms\n", READY_TIMEOUT_MS);
	capture_stop(cap);
	return -1;
}

void capture_stop(struct capture *cap)
{
	struct timespec flush = { FLUSH_MS / 1000, (FLUSH_MS % 1000) * 1000000L };

	if (cap->pid <= 0)
		return;
	/* The kernel hands packets to dumpcap in ring blocks, each once it is full or its timeout
	 * expires; dumpcap exits without the block being filled, so the last packets sent would be
	 * lost without this wait. */
	nanosleep(&flush, NULL);
	kill(cap->pid, SIGINT);
	waitpid(cap->pid, NULL, 0);
	cap->pid = 0;
}

/* Values of a field repeated in a frame are joined with '|' (-E aggregator). */
#define SEP "|"

/* Each Diameter message of a frame. */
static void add_messages(struct capture_summary *sum, char *apps, char *codes, char *requests)
{
	char *sa, *sc, *sr;
	char *app = strtok_r(apps, SEP, &sa), *code = strtok_r(codes, SEP, &sc),
	     *req = strtok_r(requests, SEP, &sr);

	while (app && code && req && sum->count < CAPTURE_MAX_MESSAGES) {
		struct capture_message *m = &sum->messages[sum->count++];
		m->app = (uint32_t)strtoul(app, NULL, 0);
		m->code = (uint32_t)strtoul(code, NULL, 0);
		m->request = !strcmp(req, "1") || !strcmp(req, "True");
		app = strtok_r(NULL, SEP, &sa);
		code = strtok_r(NULL, SEP, &sc);
		req = strtok_r(NULL, SEP, &sr);
	}
}

/* Expert infos of severity warning (0x00600000) or error (0x00800000). RFC 6733 §7.5 has a
 * Failed-AVP for a missing AVP carry that AVP with no data, which Wireshark notes as "Data is
 * empty": expected there, a problem anywhere else. */
static int count_problems(char *severities, char *messages, int has_failed_avp)
{
	char *ss, *sm;
	char *sev = strtok_r(severities, SEP, &ss), *msg = strtok_r(messages, SEP, &sm);
	int n = 0;

	for (; sev; sev = strtok_r(NULL, SEP, &ss), msg = msg ? strtok_r(NULL, SEP, &sm) : NULL) {
		if (strtoul(sev, NULL, 0) < 0x00600000UL)
			continue;
		if (has_failed_avp && msg && !strcmp(msg, "Data is empty"))
			continue;
		fprintf(stderr, "capture: expert problem: %s\n", msg ? msg : sev);
		n++;
	}
	return n;
}

enum { F_APP, F_CODE, F_REQUEST, F_MALFORMED, F_SEVERITY, F_MESSAGE, F_FAILED_AVP, F_COUNT };

int capture_decode(const struct capture *cap, struct capture_summary *sum)
{
	char cmd[PATH_MAX + 1024], line[16384];
	size_t len;
	FILE *p;

	memset(sum, 0, sizeof *sum);
	len = (size_t)snprintf(cmd, sizeof cmd,
			       "tshark -n -r '%s' -Y diameter -T fields -E separator=/t -E occurrence=a "
			       "-E aggregator='" SEP "' -e diameter.applicationId -e diameter.cmd.code "
			       "-e diameter.flags.request -e _ws.malformed -e _ws.expert.severity "
			       "-e _ws.expert.message -e diameter.Failed-AVP",
			       cap->pcap_path);
	for (int i = 0; i < cap->nports && len < sizeof cmd; i++)
		len += (size_t)snprintf(cmd + len, sizeof cmd - len, " -d tcp.port==%d,diameter", cap->ports[i]);
	if (len + 8 >= sizeof cmd)
		return -1;
	strcat(cmd, " 2>&1");
	if (!(p = popen(cmd, "r")))
		return -1;
	while (fgets(line, sizeof line, p)) {
		char *f[F_COUNT] = { 0 }, *at = line;
		line[strcspn(line, "\n")] = '\0';
		/* split on every tab: strtok would merge empty fields */
		for (int i = 0; i < F_COUNT && at; i++) {
			f[i] = at;
			if ((at = strchr(at, '\t')))
				*at++ = '\0';
		}
		if (!f[F_FAILED_AVP]) {
			if (!strstr(line, "Running as user"))
				fprintf(stderr, "capture: tshark: %s\n", line);
			continue;
		}
		add_messages(sum, f[F_APP], f[F_CODE], f[F_REQUEST]);
		if (*f[F_MALFORMED])
			sum->malformed++;
		sum->expert_problems += count_problems(f[F_SEVERITY], f[F_MESSAGE], *f[F_FAILED_AVP] != '\0');
	}
	return pclose(p) == 0 ? 0 : -1;
}

int capture_count(const struct capture_summary *sum, uint32_t app, uint32_t code, int request)
{
	int n = 0;

	for (int i = 0; i < sum->count; i++)
		n += sum->messages[i].app == app && sum->messages[i].code == code &&
		     sum->messages[i].request == request;
	return n;
}
