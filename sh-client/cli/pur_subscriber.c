/* sh-client pur --psi-activation / --dsai: Sh-Update of data the HSS keeps with the subscriber,
 * not as repository data: the PSIActivation of a distinct PSI (Data-Reference 18), and the DSAI
 * values of the AS named by --server-name (19), sent as Sh-Data (TS 29.328 §7.6.10, §7.6.11). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void pur_subscriber_init(struct pur_subscriber *p)
{
	memset(p, 0, sizeof *p);
	p->psi_activation = SHDATA_ABSENT;
}

/* "inactive" / "active": 0 / 1 for PSIActivation; DSAI-Value counts the other way (0 ACTIVE). */
static int activation(const char *text)
{
	static const char *const states[] = { "inactive", "active", NULL };

	return dk_cli_choice(text, states);
}

int pur_subscriber_option(struct pur_subscriber *p, int option, const char *arg)
{
	const char *eq = strchr(arg, '=');
	int active;

	if (option == OPT_PSI_ACTIVATION) {
		if ((p->psi_activation = activation(arg)) < 0)
			return dk_cli_usage_error("--psi-activation wants active or inactive");
		return 0;
	}
	if (p->n_dsai == CLI_MAX_ITEMS)
		return dk_cli_usage_error("at most %d --dsai", CLI_MAX_ITEMS);
	if (!eq || eq == arg || (active = activation(eq + 1)) < 0)
		return dk_cli_usage_error("--dsai wants <tag>=active or <tag>=inactive");
	p->dsai[p->n_dsai].tag = arg;
	p->dsai[p->n_dsai].tag_len = (size_t)(eq - arg);
	p->dsai[p->n_dsai++].value = active ? 0 : 1;
	return 0;
}

int pur_subscriber_given(const struct pur_subscriber *p)
{
	return p->psi_activation != SHDATA_ABSENT || p->n_dsai;
}

/* The Sh-Data of the update: 0 with *xml, or EXIT_LOCAL. */
static int user_data(const struct pur_subscriber *p, char **xml, size_t *len)
{
	struct sh_data *data = shdata_new();
	int ret = !data || (p->n_dsai && !(data->dsai = calloc(p->n_dsai, sizeof *data->dsai)));

	if (data)
		data->psi_activation = p->psi_activation;
	for (size_t i = 0; !ret && i < p->n_dsai; i++) {
		data->dsai[i].value = p->dsai[i].value;
		ret = !(data->dsai[i].tag = strndup(p->dsai[i].tag, p->dsai[i].tag_len));
		data->n_dsai += !ret;
	}
	if (!ret)
		ret = shdata_write(data, xml, len);
	shdata_free(data);
	if (ret)
		fprintf(stderr, "sh-client: cannot write the Sh-Data (error %d)\n", ret);
	return ret ? EXIT_LOCAL : 0;
}

int pur_subscriber_run(struct cli *cli, struct cli_request *r, const struct pur_subscriber *p)
{
	char *xml = NULL;
	size_t len;
	int ret;

	if (r->request.n_service_indications)
		return dk_cli_usage_error("--psi-activation and --dsai go without --si");
	if (p->psi_activation != SHDATA_ABSENT && p->n_dsai)
		return dk_cli_usage_error("--psi-activation and --dsai are two PURs: one at a time");
	if (p->n_dsai && !r->request.server_name)
		return dk_cli_usage_error("--dsai needs --server-name (the AS whose DSAI it is)");
	if ((ret = cli_open(cli)) || (ret = user_data(p, &xml, &len)))
		return ret;
	r->data_reference_names[0] = p->n_dsai ? "19" : "18";
	r->request.n_data_references = 1;
	r->request.user_data = xml;
	r->request.user_data_len = len;
	ret = cli_run_request(cli, r, SH_CMD_PUR);
	free(xml);
	return ret;
}
