/* One valid request of every Sh, SLh and SLg command, with every AVP its ABNF makes mandatory,
 * for tests that check the dictionaries end to end. */
#ifndef SAMPLE_REQUESTS_H
#define SAMPLE_REQUESTS_H

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

struct sample_command {
	const char *request; /* dictionary name of the request */
	const char *answer;  /* and of its answer */
	application_id_t app;
	command_code_t code;
};

extern const struct sample_command sample_commands[];
extern const size_t sample_command_count;

/* Look the dictionary objects up; once, after the dictionaries are loaded. */
int sample_init(void);

/* Build the request of 'cmd' to dest_host in dest_realm. When omit_code is not 0, the AVP with that
 * code (vendor omit_vendor) is left out, to make the request invalid on purpose. */
int sample_request(const struct sample_command *cmd, const char *dest_host, const char *dest_realm,
		   avp_code_t omit_code, vendor_id_t omit_vendor, struct msg **req);

#endif
