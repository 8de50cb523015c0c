/* A Sh network for tests (sh_lab.h). */
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

#include "sh_lab.h"
#include "spawn.h"
#include "tool_run.h"

/* The store at dir, from store_json; kept open in *store. */
static int provision(const char *dir, const char *store_json, struct hss_store **store)
{
	char err[STORE_ERR_LEN];
	json_error_t jerr;
	json_t *doc = json_loads(store_json, 0, &jerr);
	int ret = !doc || store_open(dir, 1, store);

	if (!ret && (ret = store_import(*store, doc, err, sizeof err, NULL, 0, NULL)))
		fprintf(stderr, "sh_lab: import: %s\n", err);
	json_decref(doc);
	return ret;
}

int sh_lab_start(struct sh_lab *lab, const char *test_name, const char *realm, const char *store_json,
		 const char *hss_conf, sh_pnr_cb on_pnr)
{
	char dir[PATH_MAX], conf[PATH_MAX], text[PATH_MAX + 4096], err[SH_ERR_LEN];
	struct sh_client_config cc = { .dest_realm = realm, .timeout_ms = 5000 };
	struct fdnet_node *hss, *as;

	if (fdnet_init(&lab->net, test_name))
		return -1;
	snprintf(dir, sizeof dir, "%s/store", lab->net.dir);
	snprintf(conf, sizeof conf, "%s/hss_stub.conf", lab->net.dir);
	snprintf(text, sizeof text, "store = %s\n%s", dir, hss_conf);
	if (provision(dir, store_json, &lab->store) || write_text_file(conf, text) ||
	    !(hss = fdnet_add(&lab->net, "hss", realm)) || !(as = fdnet_add_embedded(&lab->net, "as", realm)))
		return -1;
	lab->hss = hss;
	fdnet_load_dictionaries(hss);
	fdnet_load(hss, fdnet_fdx("hss_stub"), conf);
	fdnet_load_dictionaries(as);
	fdnet_link(&lab->net, as, hss);
	if (lab->with_tool_node) {
		if (!(lab->tool = fdnet_add_embedded(&lab->net, "tool", realm)))
			return -1;
		fdnet_load_dictionaries(lab->tool);
		fdnet_link(&lab->net, lab->tool, hss);
	}
	if (lab->with_responder_node) {
		if (!(lab->responder = fdnet_add(&lab->net, "responder", realm)))
			return -1;
		fdnet_load_dictionaries(lab->responder);
		fdnet_load(lab->responder, fdnet_test_fdx("test_responder"), NULL);
		fdnet_link(&lab->net, lab->responder, hss);
	}
	if (fdnet_start(&lab->net))
		return -1;
	cc.fd_config = as->conf_path;
	if (sh_client_open(&cc, &lab->client, err, sizeof err)) {
		fprintf(stderr, "sh_client_open: %s\n", err);
		return -1;
	}
	sh_client_on_pnr(lab->client, on_pnr, NULL);
	return 0;
}

int sh_lab_stop(struct sh_lab *lab)
{
	if (lab->client)
		sh_client_close(lab->client);
	if (lab->store)
		store_close(lab->store);
	lab->client = NULL;
	lab->store = NULL;
	return fdnet_stop(&lab->net);
}

int sh_lab_settle(struct sh_lab *lab)
{
	struct store_change change;
	size_t n = 1;

	for (int i = 0; i < 500 && n; i++) {
		if (store_changes_since(lab->store, 0, &change, 1, &n))
			return -1;
		if (n)
			usleep(10000);
	}
	return n ? -1 : 0;
}

int sh_lab_hss_ctl(struct sh_lab *lab, const char *args)
{
	return tool_hss_ctl(lab->net.dir, args);
}
