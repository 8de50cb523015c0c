/* Packet capture on loopback with dumpcap, decoded afterwards by tshark: an independent Diameter
 * decoder to check our messages against. */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <limits.h>
#include <stdint.h>
#include <sys/types.h>

#define CAPTURE_MAX_MESSAGES 512
#define CAPTURE_MAX_PORTS 8

struct capture {
	char pcap_path[PATH_MAX];
	char log_path[PATH_MAX];
	int ports[CAPTURE_MAX_PORTS];
	int nports;
	pid_t pid;
};

struct capture_message {
	uint32_t app;
	uint32_t code;
	int request;
};

struct capture_summary {
	int count;
	struct capture_message messages[CAPTURE_MAX_MESSAGES];
	int malformed;       /* frames tshark marks malformed */
	int expert_problems; /* expert infos of severity warning or error */
};

/* Start capturing the TCP ports on lo into dir/capture.pcapng; returns once dumpcap is capturing.
 * Give the listening port of every node: either side of a link may be the one that connected.
 * 0 or -1. */
int capture_start(struct capture *cap, const char *dir, const int *ports, int nports);
/* Stop the capture (idempotent). */
void capture_stop(struct capture *cap);
/* Decode the capture with tshark, as Diameter on those ports. 0 or -1. */
int capture_decode(const struct capture *cap, struct capture_summary *sum);
/* How many decoded messages have that application, command code and direction. */
int capture_count(const struct capture_summary *sum, uint32_t app, uint32_t code, int request);

#endif
