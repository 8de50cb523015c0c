/* Synchronous request/answer for tests that embed libfdcore. */
#ifndef FDSEND_H
#define FDSEND_H

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

/* Send *req (taken over, set to NULL) and wait for its answer. Returns 0 with *ans set (free it
 * with fd_msg_free), ETIMEDOUT when no answer came within timeout_ms, or an error code. */
int fdsend_wait(struct msg **req, int timeout_ms, struct msg **ans);

#endif
