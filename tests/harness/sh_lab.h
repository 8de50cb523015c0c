/* A Sh network for tests: an HSS stub (freeDiameterd loading the dictionaries and hss_stub.fdx
 * over an LMDB store provisioned from JSON before the daemon opens it) and this process as the AS
 * "as.<realm>" (libshclient), linked on loopback; on demand, a node "tool.<realm>" for the
 * command-line tools the test runs, and a daemon "responder.<realm>" with test_responder.fdx (an
 * AS that answers as the test makes it answer, test_responder.h). */
#ifndef SH_LAB_H
#define SH_LAB_H

#include "fdnet.h"
#include "shclient.h"
#include "store.h"

struct sh_lab {
	int with_tool_node;        /* set before sh_lab_start: add the tool node */
	struct fdnet_node *tool;   /* then its configuration is tool->conf_path */
	int with_responder_node;   /* set before sh_lab_start: add the responder */
	struct fdnet_node *responder;
	struct fdnet_node *hss;    /* the HSS daemon: its log, its peers' states */
	struct fdnet net;
	struct hss_store *store;   /* open, to read back what the HSS wrote */
	struct sh_client *client;  /* open, its PNRs to on_pnr */
};

/* Start it: the store imported from store_json, hss_stub.conf "store = <dir>" then the lines of
 * hss_conf. 0, or -1 with a message. */
int sh_lab_start(struct sh_lab *lab, const char *test_name, const char *realm, const char *store_json,
		 const char *hss_conf, sh_pnr_cb on_pnr);
/* Wait until the HSS's notifier has handled every change logged so far (the change log is empty
 * once it drops them, within its trim interval of a second): 0, or -1 after 5 s. A subscription
 * made before that could be sent a PNR about an earlier change (built from the data as it is when
 * the PNR leaves), which a test would take for the PNR of a later one. */
int sh_lab_settle(struct sh_lab *lab);
/* Run hss-ctl on the lab's store (while the daemon runs) with these arguments: its exit status. */
int sh_lab_hss_ctl(struct sh_lab *lab, const char *args);
/* Close the client and the store and stop the daemon: fdnet_stop's result. */
int sh_lab_stop(struct sh_lab *lab);

#endif
