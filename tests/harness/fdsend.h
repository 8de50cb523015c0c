/* Synchronous request/answer for tests that embed libfdcore. */
#ifndef FDSEND_H
#define FDSEND_H

#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

/* A request of command cmd with the AVPs every request of our applications carries: Session-Id,
 * Origin-Host and -Realm, Destination-Realm, Auth-Session-State NO_STATE_MAINTAINED, and for a
 * 3GPP application app (0: none) its Vendor-Specific-Application-Id; for a test to add the rest.
 * dk_base_init() must have been called. 0 or an error code. */
int fdsend_new_request(struct dict_object *cmd, const char *dest_realm, application_id_t app, struct msg **req);

/* Send *req (taken over, set to NULL) and wait for its answer. Returns 0 with *ans set (free it
 * with fd_msg_free), ETIMEDOUT when no answer came within timeout_ms, or an error code. */
int fdsend_wait(struct msg **req, int timeout_ms, struct msg **ans);

#endif
