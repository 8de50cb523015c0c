/* Sh-Data codec (sh-client/shdata): round trips of struct sh_data, schema validation, and the
 * refusal of hostile XML (entities, DTDs, depth, size, network). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "seeded.h"
#include "shdata.h"

#define DATA_DIR SHDATA_SCHEMA_DIR "/../../tests/data/shdata"

#define TRIGGER_POINT                                                                            \
	"<TriggerPoint><ConditionTypeCNF>0</ConditionTypeCNF>"                                   \
	"<SPT><ConditionNegated>1</ConditionNegated><Group>0</Group><Method>INVITE</Method></SPT>" \
	"<SPT><Group>1</Group><SessionCase>1</SessionCase></SPT></TriggerPoint>"
#define PROSE_DATA                                                                               \
	"<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\">"                                   \
	"<Permission>direct-discovery one-to-many</Permission></ProSeProfile>"

/* ---- building and comparing structures ------------------------------------------------------ */

static char *sdup(const char *s)
{
	char *copy = strdup(s);

	assert_non_null(copy);
	return copy;
}

static void *zalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);

	assert_non_null(p);
	return p;
}

/* One setter per member group; full_data() applies them all, the absent-members test one by one. */
static void set_identities(struct sh_data *d)
{
	d->has_public_identifiers = 1;
	d->n_public_identities = 2;
	d->public_identities = zalloc(2, sizeof(char *));
	d->public_identities[0] = sdup("sip:alice@ims.example");
	d->public_identities[1] = sdup("tel:+491720000001");
	d->n_msisdns = 1;
	d->msisdns = zalloc(1, sizeof(char *));
	d->msisdns[0] = sdup("491720000001");
}

static void set_repository_data(struct sh_data *d)
{
	d->n_repository_data = 2;
	d->repository_data = zalloc(2, sizeof *d->repository_data);
	d->repository_data[0].service_indication = sdup(PROSE_SERVICE_INDICATION);
	d->repository_data[0].sequence_number = 65535;
	d->repository_data[0].service_data = sdup(PROSE_DATA);
	d->repository_data[1].service_indication = sdup("svc.without.data");
	d->repository_data[1].sequence_number = 0;
}

static void set_ims_user_state(struct sh_data *d)
{
	d->ims_user_state = 3;
}

static void set_scscf_name(struct sh_data *d)
{
	d->has_scscf_name = 1;
	d->scscf_name = sdup("sip:scscf1.ims.example:6060;transport=tcp");
}

static void set_ifcs(struct sh_data *d)
{
	d->has_ifcs = 1;
	d->n_ifcs = 2;
	d->ifcs = zalloc(2, sizeof *d->ifcs);
	d->ifcs[0] = (struct sh_ifc){ 0, sdup("sip:as1.ims.example"), 1, sdup("a<b & \"c\" – über"),
				      sdup(TRIGGER_POINT), 1 };
	d->ifcs[1] = (struct sh_ifc){ 2147483647, sdup("sip:as2.ims.example"), SHDATA_ABSENT, NULL,
				      NULL, SHDATA_ABSENT };
}

static void set_charging_information(struct sh_data *d)
{
	d->charging_information = zalloc(1, sizeof *d->charging_information);
	d->charging_information->primary_event_charging_function = sdup("aaa://ecf1.ims.example:3868");
	d->charging_information->secondary_event_charging_function = sdup("aaa://ecf2.ims.example");
	d->charging_information->primary_charging_collection_function = sdup("aaa://ccf1.ims.example");
	d->charging_information->secondary_charging_collection_function = sdup("aaa://ccf2.ims.example");
}

static void set_psi_activation(struct sh_data *d)
{
	d->psi_activation = 0;
}

static void set_dsai(struct sh_data *d)
{
	d->n_dsai = 2;
	d->dsai = zalloc(2, sizeof *d->dsai);
	d->dsai[0] = (struct sh_dsai){ sdup("presence"), 0 };
	d->dsai[1] = (struct sh_dsai){ sdup("conference"), 1 };
}

static void set_cs_location(struct sh_data *d)
{
	struct sh_cs_ps_location *l = zalloc(1, sizeof *l);

	l->cell_global_id = sdup("62f2200a1b2c");
	l->geographical_information = sdup("107f0000ff01");
	l->geodetic_information = sdup("107f0000ff010203");
	l->vlr_or_sgsn_number = sdup("4917200001");
	l->msc_number = sdup("4917200002");
	l->current_location_retrieved = 0;
	l->age_of_location_information = 5;
	d->cs_location = l;
}

static void set_ps_location(struct sh_data *d)
{
	struct sh_cs_ps_location *l = zalloc(1, sizeof *l);

	l->location_area_id = sdup("62f2200a");
	l->routing_area_id = sdup("62f2200b");
	l->vlr_or_sgsn_number = sdup("4917200003");
	l->current_location_retrieved = SHDATA_ABSENT;
	l->age_of_location_information = 32767;
	d->ps_location = l;
}

static void set_eps_location(struct sh_data *d)
{
	struct sh_eps_location *l = zalloc(1, sizeof *l);

	l->e_utran_cell_global_id = sdup("62f22000000a");
	l->tracking_area_id = sdup("62f22001");
	l->geographical_information = sdup("107f0000ff01");
	l->geodetic_information = sdup("107f0000ff010203");
	l->mme_name = sdup("mme1.epc.example");
	l->visited_plmn_id = sdup("26201");
	l->current_location_retrieved = 0;
	l->age_of_location_information = 0;
	d->eps_location = l;
}

static void set_cs_user_state(struct sh_data *d)
{
	d->cs_user_state = 2;
}

static void set_ps_user_state(struct sh_data *d)
{
	d->ps_user_state = 4;
}

static void set_eps_user_state(struct sh_data *d)
{
	d->eps_user_state = 6;
}

static void set_imsi(struct sh_data *d)
{
	d->imsi = sdup("262011234567890");
}

/* In a PNR: identities the HSS deleted (TS 29.328: DeletedIdentities, the 2nd Extension). */
static void set_deleted_identities(struct sh_data *d)
{
	d->n_deleted_identities = 2;
	d->deleted_identities = zalloc(2, sizeof(char *));
	d->deleted_identities[0] = sdup("sip:gone@example.net");
	d->deleted_identities[1] = sdup("tel:+491720000009");
}

static void (*const setters[])(struct sh_data *) = {
	set_identities, set_repository_data, set_ims_user_state, set_scscf_name, set_ifcs,
	set_charging_information, set_psi_activation, set_dsai, set_cs_location, set_ps_location,
	set_eps_location, set_cs_user_state, set_ps_user_state, set_eps_user_state, set_imsi,
	set_deleted_identities,
};
#define N_SETTERS (sizeof setters / sizeof setters[0])

static struct sh_data *full_data(void)
{
	struct sh_data *d = shdata_new();

	assert_non_null(d);
	for (size_t i = 0; i < N_SETTERS; i++)
		setters[i](d);
	return d;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_strings(char **a, size_t na, char **b, size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++)
		same_str(a[i], b[i]);
}

static void same_cs_ps(const struct sh_cs_ps_location *a, const struct sh_cs_ps_location *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	same_str(a->cell_global_id, b->cell_global_id);
	same_str(a->service_area_id, b->service_area_id);
	same_str(a->location_area_id, b->location_area_id);
	same_str(a->routing_area_id, b->routing_area_id);
	same_str(a->geographical_information, b->geographical_information);
	same_str(a->geodetic_information, b->geodetic_information);
	same_str(a->vlr_or_sgsn_number, b->vlr_or_sgsn_number);
	same_str(a->msc_number, b->msc_number);
	assert_int_equal(a->current_location_retrieved, b->current_location_retrieved);
	assert_int_equal(a->age_of_location_information, b->age_of_location_information);
}

static void same_eps(const struct sh_eps_location *a, const struct sh_eps_location *b)
{
	if (!a || !b) {
		assert_ptr_equal(a, b);
		return;
	}
	same_str(a->e_utran_cell_global_id, b->e_utran_cell_global_id);
	same_str(a->tracking_area_id, b->tracking_area_id);
	same_str(a->geographical_information, b->geographical_information);
	same_str(a->geodetic_information, b->geodetic_information);
	same_str(a->mme_name, b->mme_name);
	same_str(a->visited_plmn_id, b->visited_plmn_id);
	assert_int_equal(a->current_location_retrieved, b->current_location_retrieved);
	assert_int_equal(a->age_of_location_information, b->age_of_location_information);
}

static void same_ims_data(const struct sh_data *a, const struct sh_data *b)
{
	assert_int_equal(a->ims_user_state, b->ims_user_state);
	assert_int_equal(a->has_scscf_name, b->has_scscf_name);
	same_str(a->scscf_name, b->scscf_name);
	assert_int_equal(a->has_ifcs, b->has_ifcs);
	assert_int_equal(a->n_ifcs, b->n_ifcs);
	for (size_t i = 0; i < a->n_ifcs; i++) {
		assert_int_equal(a->ifcs[i].priority, b->ifcs[i].priority);
		same_str(a->ifcs[i].server_name, b->ifcs[i].server_name);
		assert_int_equal(a->ifcs[i].default_handling, b->ifcs[i].default_handling);
		same_str(a->ifcs[i].service_info, b->ifcs[i].service_info);
		same_str(a->ifcs[i].trigger_point, b->ifcs[i].trigger_point);
		assert_int_equal(a->ifcs[i].profile_part_indicator, b->ifcs[i].profile_part_indicator);
	}
	if (!a->charging_information || !b->charging_information) {
		assert_ptr_equal(a->charging_information, b->charging_information);
	} else {
		const struct sh_charging_information *x = a->charging_information, *y = b->charging_information;

		same_str(x->primary_event_charging_function, y->primary_event_charging_function);
		same_str(x->secondary_event_charging_function, y->secondary_event_charging_function);
		same_str(x->primary_charging_collection_function, y->primary_charging_collection_function);
		same_str(x->secondary_charging_collection_function, y->secondary_charging_collection_function);
	}
	assert_int_equal(a->psi_activation, b->psi_activation);
	assert_int_equal(a->n_dsai, b->n_dsai);
	for (size_t i = 0; i < a->n_dsai; i++) {
		same_str(a->dsai[i].tag, b->dsai[i].tag);
		assert_int_equal(a->dsai[i].value, b->dsai[i].value);
	}
}

static void same_data(const struct sh_data *a, const struct sh_data *b)
{
	assert_int_equal(a->has_public_identifiers, b->has_public_identifiers);
	same_strings(a->public_identities, a->n_public_identities, b->public_identities, b->n_public_identities);
	same_strings(a->msisdns, a->n_msisdns, b->msisdns, b->n_msisdns);
	assert_int_equal(a->n_repository_data, b->n_repository_data);
	for (size_t i = 0; i < a->n_repository_data; i++) {
		same_str(a->repository_data[i].service_indication, b->repository_data[i].service_indication);
		assert_int_equal(a->repository_data[i].sequence_number, b->repository_data[i].sequence_number);
		same_str(a->repository_data[i].service_data, b->repository_data[i].service_data);
	}
	same_ims_data(a, b);
	same_cs_ps(a->cs_location, b->cs_location);
	same_cs_ps(a->ps_location, b->ps_location);
	same_eps(a->eps_location, b->eps_location);
	assert_int_equal(a->cs_user_state, b->cs_user_state);
	assert_int_equal(a->ps_user_state, b->ps_user_state);
	assert_int_equal(a->eps_user_state, b->eps_user_state);
	same_str(a->imsi, b->imsi);
	same_strings(a->deleted_identities, a->n_deleted_identities, b->deleted_identities, b->n_deleted_identities);
}

/* ---- parsing and writing -------------------------------------------------------------------- */

static struct sh_data *parse_ok(const char *xml, size_t len)
{
	struct sh_data *data = NULL;
	char err[SHDATA_ERR_LEN];
	int rc = shdata_parse(xml, len, &data, err, sizeof err);

	if (rc)
		fail_msg("refused (%d): %s", rc, err);
	assert_non_null(data);
	assert_string_equal(err, "");
	return data;
}

static struct sh_data *round_trip(const struct sh_data *in)
{
	struct sh_data *out;
	char *xml;
	size_t len;

	assert_int_equal(shdata_write(in, &xml, &len), 0);
	assert_int_equal(strlen(xml), len);
	assert_true(!strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38));
	out = parse_ok(xml, len);
	free(xml);
	return out;
}

/* Refused with code, and err names what is given in where (a line, usually). */
static void refused(const char *xml, size_t len, int code, const char *where)
{
	struct sh_data *data = (struct sh_data *)1;
	char err[SHDATA_ERR_LEN];
	int rc = shdata_parse(xml, len, &data, err, sizeof err);

	if (rc != code)
		fail_msg("expected %d, got %d (%s) for %.200s", code, rc, err, xml);
	assert_null(data);
	if (!strstr(err, where))
		fail_msg("err \"%s\" does not name \"%s\"", err, where);
}

static void refused_str(const char *xml, int code, const char *where)
{
	refused(xml, strlen(xml), code, where);
}

static void write_refused(const struct sh_data *data, int code)
{
	char *xml = (char *)1;

	assert_int_equal(shdata_write(data, &xml, NULL), code);
	assert_ptr_equal(xml, (char *)1);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	*len = (size_t)ftell(f);
	rewind(f);
	buf = zalloc(*len + 1, 1);
	assert_int_equal(fread(buf, 1, *len, f), *len);
	fclose(f);
	return buf;
}

/* ---- round trips ---------------------------------------------------------------------------- */

static void full_structure_round_trip(void **state)
{
	struct sh_data *in = full_data(), *out = round_trip(in);

	(void)state;
	same_data(in, out);
	shdata_free(in);
	shdata_free(out);
}

static void each_member_alone_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_SETTERS; i++) {
		struct sh_data *in = shdata_new(), *out;

		assert_non_null(in);
		setters[i](in);
		out = round_trip(in);
		same_data(in, out);
		shdata_free(in);
		shdata_free(out);
	}
}

static void empty_document_round_trip(void **state)
{
	struct sh_data *in = shdata_new(), *empty = shdata_new(), *out;
	char *xml;
	size_t len;

	(void)state;
	assert_int_equal(shdata_write(in, &xml, &len), 0);
	assert_non_null(strstr(xml, "<Sh-Data/>"));
	out = parse_ok(xml, len);
	same_data(empty, out);
	free(xml);
	shdata_free(in);
	shdata_free(empty);
	shdata_free(out);
}

static void present_but_empty_elements(void **state)
{
	struct sh_data *in = shdata_new(), *out;
	char *xml;
	size_t len;

	(void)state;
	in->has_public_identifiers = 1;
	in->has_scscf_name = 1; /* no name: the HSS has none to give */
	in->has_ifcs = 1;
	assert_int_equal(shdata_write(in, &xml, &len), 0);
	assert_non_null(strstr(xml, "<PublicIdentifiers/>"));
	assert_non_null(strstr(xml, "<SCSCFName></SCSCFName>"));
	assert_non_null(strstr(xml, "<IFCs/>"));
	out = parse_ok(xml, len);
	assert_int_equal(out->has_public_identifiers, 1);
	assert_int_equal(out->n_public_identities + out->n_msisdns, 0);
	assert_int_equal(out->has_scscf_name, 1);
	assert_string_equal(out->scscf_name, ""); /* present, empty */
	assert_int_equal(out->has_ifcs, 1);
	assert_int_equal(out->n_ifcs, 0);
	assert_null(out->charging_information);
	assert_int_equal(out->ims_user_state, SHDATA_ABSENT);
	free(xml);
	shdata_free(in);
	shdata_free(out);
}

static void repository_data_with_and_without_service_data(void **state)
{
	static const char xml[] =
		"<Sh-Data>\n"
		" <RepositoryData><ServiceIndication>with</ServiceIndication>"
		"<SequenceNumber>1</SequenceNumber>"
		"<ServiceData>\n  <a:Doc xmlns:a=\"urn:a\" n=\"1\">text &amp; <a:b/> <c>x</c></a:Doc>\n </ServiceData>"
		"</RepositoryData>\n"
		" <RepositoryData><ServiceIndication>without</ServiceIndication>"
		"<SequenceNumber>2</SequenceNumber></RepositoryData>\n"
		"</Sh-Data>\n";
	struct sh_data *data = parse_ok(xml, sizeof xml - 1), *again;

	(void)state;
	assert_int_equal(data->n_repository_data, 2);
	assert_string_equal(data->repository_data[0].service_indication, "with");
	assert_int_equal(data->repository_data[0].sequence_number, 1);
	/* the one element, as text, without the white space around it */
	assert_string_equal(data->repository_data[0].service_data,
			    "<a:Doc xmlns:a=\"urn:a\" n=\"1\">text &amp; <a:b/> <c>x</c></a:Doc>");
	assert_string_equal(data->repository_data[1].service_indication, "without");
	assert_null(data->repository_data[1].service_data);
	again = round_trip(data);
	same_data(data, again);
	shdata_free(data);
	shdata_free(again);
}

/* The direct writer of repository data gives what the libxml2 writer gives. */
static void direct_repository_writer_equals_the_codec(void **state)
{
	const char *si[] = { "urn:x-test:a&b<c>", "plain" };
	const int seq[] = { 65535, 0 };
	const char *sd[] = { "<a:Doc xmlns:a=\"urn:a\" n=\"1\">text &amp; <a:b/></a:Doc>", NULL };
	struct sh_data *d = shdata_new();
	char *fast = NULL, *slow = NULL;
	size_t fast_len = 0, slow_len = 0;
	const int bad_seq[] = { 65536 };

	(void)state;
	d->repository_data = zalloc(2, sizeof *d->repository_data);
	d->n_repository_data = 2;
	for (int i = 0; i < 2; i++) {
		d->repository_data[i].service_indication = strdup(si[i]);
		d->repository_data[i].sequence_number = seq[i];
		d->repository_data[i].service_data = sd[i] ? strdup(sd[i]) : NULL;
	}
	assert_int_equal(shdata_write(d, &slow, &slow_len), 0);
	assert_int_equal(shdata_write_repository_data(si, seq, sd, 2, &fast, &fast_len), 0);
	assert_int_equal(fast_len, slow_len);
	assert_string_equal(fast, slow);
	assert_int_equal(shdata_write_repository_data(si, bad_seq, sd, 1, &fast, &fast_len), SHDATA_EINVALID);
	free(fast);
	free(slow);
	shdata_free(d);
}

/* A prefix declared on Sh-Data is declared again in service_data, which stands alone. */
static void service_data_carries_namespaces_from_ancestors(void **state)
{
	static const char xml[] =
		"<Sh-Data xmlns:p=\"urn:x-imstk:prose-profile:1\" xmlns:q=\"urn:q\">"
		"<RepositoryData><ServiceIndication>s</ServiceIndication><SequenceNumber>3</SequenceNumber>"
		"<ServiceData><p:ProSeProfile><p:Permission>one-to-one</p:Permission><q:x/></p:ProSeProfile>"
		"</ServiceData></RepositoryData></Sh-Data>";
	struct sh_data *data = parse_ok(xml, sizeof xml - 1), *again;
	const char *sd;

	(void)state;
	sd = data->repository_data[0].service_data;
	assert_non_null(strstr(sd, "xmlns:p=\"urn:x-imstk:prose-profile:1\""));
	assert_non_null(strstr(sd, "xmlns:q=\"urn:q\""));
	again = round_trip(data);
	same_data(data, again);
	shdata_free(data);
	shdata_free(again);
}

static void unmodelled_standard_content_is_accepted(void **state)
{
	size_t len;
	char *xml = read_file(DATA_DIR "/hss-unmodelled.xml", &len);
	struct sh_data *d = parse_ok(xml, len);

	(void)state;
	assert_int_equal(d->n_public_identities, 1);
	assert_string_equal(d->public_identities[0], "sip:alice@ims.example");
	assert_int_equal(d->n_msisdns, 1); /* not the ExtendedMSISDN */
	assert_string_equal(d->scscf_name, "sip:scscf1.ims.example");
	assert_int_equal(d->ims_user_state, 1);
	assert_int_equal(d->psi_activation, 0);
	assert_int_equal(d->n_dsai, 1);
	assert_string_equal(d->dsai[0].tag, "presence");
	assert_int_equal(d->dsai[0].value, 1);
	assert_string_equal(d->cs_location->location_area_id, "62f2200a");
	assert_string_equal(d->cs_location->vlr_or_sgsn_number, "4917200001");
	assert_null(d->cs_location->cell_global_id);
	assert_int_equal(d->cs_location->current_location_retrieved, SHDATA_ABSENT);
	assert_int_equal(d->eps_user_state, 4);
	assert_string_equal(d->eps_location->tracking_area_id, "62f22001");
	assert_string_equal(d->eps_location->visited_plmn_id, "26201");
	assert_int_equal(d->eps_location->current_location_retrieved, SHDATA_ABSENT); /* "false" */
	assert_int_equal(d->eps_location->age_of_location_information, 3);
	assert_string_equal(d->imsi, "262011234567890");
	assert_null(d->ps_location);
	assert_int_equal(d->n_repository_data, 0);
	free(xml);
	shdata_free(d);
}

/* ---- values and validity ---------------------------------------------------------------------- */

static void sequence_number_bounds(void **state)
{
	static const char *const fmt = "<Sh-Data>\n<RepositoryData>\n<ServiceIndication>s</ServiceIndication>\n"
				       "<SequenceNumber>%s</SequenceNumber>\n</RepositoryData>\n</Sh-Data>";
	char xml[256];
	struct sh_data *data;

	(void)state;
	snprintf(xml, sizeof xml, fmt, "0");
	data = parse_ok(xml, strlen(xml));
	assert_int_equal(data->repository_data[0].sequence_number, 0);
	shdata_free(data);
	snprintf(xml, sizeof xml, fmt, "65535");
	data = parse_ok(xml, strlen(xml));
	assert_int_equal(data->repository_data[0].sequence_number, 65535);

	snprintf(xml, sizeof xml, fmt, "65536");
	refused_str(xml, SHDATA_EINVALID, "line 4: Element 'SequenceNumber'");
	snprintf(xml, sizeof xml, fmt, "-1");
	refused_str(xml, SHDATA_EINVALID, "line 4: Element 'SequenceNumber'");

	data->repository_data[0].sequence_number = 65536;
	write_refused(data, SHDATA_EINVALID);
	data->repository_data[0].sequence_number = -1;
	write_refused(data, SHDATA_EINVALID);
	shdata_free(data);
}

static void invalid_documents_name_the_line(void **state)
{
	(void)state;
	refused_str("<?xml version=\"1.0\"?>\n<ShData/>", SHDATA_EINVALID, "line 2:");
	refused_str("<Sh-Data xmlns=\"urn:wrong\"/>", SHDATA_EINVALID, "line 1:");
	refused_str("<Sh-Data>\n <PublicIdentifiers/>\n <Unknown/>\n</Sh-Data>", SHDATA_EINVALID,
		    "line 3: Element 'Unknown'");
	/* out of order */
	refused_str("<Sh-Data>\n<PSUserState>1</PSUserState>\n<CSUserState>1</CSUserState>\n</Sh-Data>",
		    SHDATA_EINVALID, "line 3: Element 'CSUserState'");
	refused_str("<Sh-Data>\n<Sh-IMS-Data>\n<IMSUserState>4</IMSUserState>\n</Sh-IMS-Data>\n</Sh-Data>",
		    SHDATA_EINVALID, "line 3: Element 'IMSUserState'");
	refused_str("<Sh-Data>\n<PSUserState>7</PSUserState>\n</Sh-Data>", SHDATA_EINVALID, "line 2:");
	refused_str("<Sh-Data>\n<RepositoryData>\n<SequenceNumber>1</SequenceNumber>\n</RepositoryData>\n</Sh-Data>",
		    SHDATA_EINVALID, "line 3: Element 'SequenceNumber'");
	/* ServiceData holds exactly one element */
	refused_str("<Sh-Data><RepositoryData><ServiceIndication>s</ServiceIndication>"
		    "<SequenceNumber>1</SequenceNumber><ServiceData><a/><b/></ServiceData>"
		    "</RepositoryData></Sh-Data>", SHDATA_EINVALID, "line 1:");
	/* fixed lengths, the choice of cell, service area or location area */
	refused_str("<Sh-Data>\n<CSLocationInformation><CellGlobalId>123</CellGlobalId></CSLocationInformation>"
		    "</Sh-Data>", SHDATA_EINVALID, "line 2: Element 'CellGlobalId'");
	refused_str("<Sh-Data>\n<CSLocationInformation><CellGlobalId>62f2200a1b2c</CellGlobalId>"
		    "<LocationAreaId>62f2200a</LocationAreaId></CSLocationInformation></Sh-Data>",
		    SHDATA_EINVALID, "line 2: Element 'LocationAreaId'");
	refused_str("<Sh-Data>\n<Sh-IMS-Data>\n<IFCs><InitialFilterCriteria><Priority>1</Priority>"
		    "</InitialFilterCriteria></IFCs></Sh-IMS-Data></Sh-Data>", SHDATA_EINVALID, "line 3:");
	/* an unknown unqualified element inside an element the standard keeps closed */
	refused_str("<Sh-Data>\n<Sh-IMS-Data><Extension>\n<Foo/></Extension></Sh-IMS-Data></Sh-Data>",
		    SHDATA_EINVALID, "line 3: Element 'Foo'");
}

static void malformed_documents_are_refused(void **state)
{
	static const char with_nul[] = "<Sh-Data>\0</Sh-Data>";

	(void)state;
	refused_str("", SHDATA_EINVALID, "");
	refused_str("<Sh-Data>\n<PSUserState>1</CSUserState>\n</Sh-Data>", SHDATA_EINVALID, "line 2:");
	refused_str("<Sh-Data>\n<p:x/>\n</Sh-Data>", SHDATA_EINVALID, "line 2: Namespace prefix p");
	refused_str("<Sh-Data/>\n<Sh-Data/>", SHDATA_EINVALID, "line 2:");
	refused_str("<Sh-Data>\x01</Sh-Data>", SHDATA_EINVALID, "line 1:");
	refused_str("<Sh-Data><PSUserState>\xff</PSUserState></Sh-Data>", SHDATA_EINVALID, "line 1:");
	/* entity references need a DTD to declare them */
	refused_str("<Sh-Data>\n<PSUserState>&one;</PSUserState></Sh-Data>", SHDATA_EINVALID, "line 2:");
	refused(with_nul, sizeof with_nul - 1, SHDATA_EINVALID, "line 1:");
}

static void bad_arguments(void **state)
{
	struct sh_data *data;
	char *xml;

	(void)state;
	assert_int_equal(shdata_parse(NULL, 0, &data, NULL, 0), EINVAL);
	assert_null(data);
	assert_int_equal(shdata_parse("<Sh-Data/>", 10, NULL, NULL, 0), EINVAL);
	assert_int_equal(shdata_write(NULL, &xml, NULL), EINVAL);
	data = shdata_new();
	assert_int_equal(shdata_write(data, NULL, NULL), EINVAL);
	shdata_free(data);
	shdata_free(NULL);
	/* no err buffer: still refused */
	assert_int_equal(shdata_parse("<x/>", 4, &data, NULL, 0), SHDATA_EINVALID);
}

static void writing_refuses_what_the_schema_refuses(void **state)
{
	struct sh_data *d;

	(void)state;
	d = full_data();
	d->ims_user_state = 9;
	write_refused(d, SHDATA_EINVALID);
	d->ims_user_state = 1;
	d->eps_location->tracking_area_id[3] = '\0'; /* not 8 characters */
	write_refused(d, SHDATA_EINVALID);
	shdata_free(d);

	d = full_data();
	d->cs_location->service_area_id = sdup("62f2200a1b2c"); /* with a cell: only one of them */
	write_refused(d, SHDATA_EINVALID);
	shdata_free(d);

	d = full_data();
	d->cs_location->routing_area_id = sdup("62f2200b"); /* PS only */
	write_refused(d, SHDATA_EINVALID);
	shdata_free(d);

	d = full_data();
	d->eps_location->current_location_retrieved = 1;
	write_refused(d, SHDATA_EINVALID);
	shdata_free(d);

	d = full_data();
	free(d->repository_data[1].service_indication);
	d->repository_data[1].service_indication = NULL; /* mandatory */
	write_refused(d, SHDATA_EINVALID);
	shdata_free(d);

	d = full_data();
	free(d->imsi);
	d->imsi = sdup("26201\xff"); /* not UTF-8 */
	write_refused(d, SHDATA_EINVALID);
	free(d->imsi);
	d->imsi = sdup("26201\x01"); /* not an XML character */
	write_refused(d, SHDATA_EINVALID);
	shdata_free(d);
}

static void service_data_and_trigger_point_must_be_one_element(void **state)
{
	static const char *const bad[] = {
		"<a>", "text", "<a/><b/>", "<p:a/>", "",
		"<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
	};
	struct sh_data *d = full_data();

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		free(d->repository_data[0].service_data);
		d->repository_data[0].service_data = sdup(bad[i]);
		write_refused(d, SHDATA_EINVALID);
	}
	free(d->repository_data[0].service_data);
	d->repository_data[0].service_data = sdup(PROSE_DATA);
	free(d->ifcs[0].trigger_point);
	d->ifcs[0].trigger_point = sdup("<Trigger/>"); /* not a TriggerPoint */
	write_refused(d, SHDATA_EINVALID);
	shdata_free(d);
}

/* ---- hostile documents ------------------------------------------------------------------------ */

static void external_entity_is_refused(void **state)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE Sh-Data [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		"<Sh-Data><RepositoryData><ServiceIndication>&xxe;</ServiceIndication>"
		"<SequenceNumber>0</SequenceNumber></RepositoryData></Sh-Data>";
	struct sh_data *data;
	char err[SHDATA_ERR_LEN];

	(void)state;
	refused_str(xml, SHDATA_EINVALID, "line 2: a DOCTYPE");
	assert_int_equal(shdata_parse(xml, sizeof xml - 1, &data, err, sizeof err), SHDATA_EINVALID);
	assert_null(strstr(err, "root:"));
	/* a parameter entity, and an external DTD */
	refused_str("<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><Sh-Data/>",
		    SHDATA_EINVALID, "line 1:");
	refused_str("<?xml version=\"1.0\"?>\n<!DOCTYPE Sh-Data SYSTEM \"file:///etc/passwd\">\n<Sh-Data/>",
		    SHDATA_EINVALID, "line 2: a DOCTYPE");
	refused_str("<!DOCTYPE Sh-Data PUBLIC \"-//x//y\" \"ShData.dtd\"><Sh-Data/>", SHDATA_EINVALID, "DOCTYPE");
}

static void billion_laughs_is_refused(void **state)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n"
		"<Sh-Data><RepositoryData><ServiceIndication>&lol9;</ServiceIndication>"
		"<SequenceNumber>0</SequenceNumber></RepositoryData></Sh-Data>";

	(void)state;
	refused_str(xml, SHDATA_EINVALID, "line 2: a DOCTYPE");
}

/* UTF-16 would hide the DOCTYPE from a byte scan: the input is taken as UTF-8, whatever it says. */
static void other_encodings_cannot_hide_a_doctype(void **state)
{
	static const char ascii[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
				    "<!DOCTYPE a [<!ENTITY x \"y\">]><Sh-Data>&x;</Sh-Data>";
	char utf16[2 * sizeof ascii + 2];
	size_t n = 0;

	(void)state;
	utf16[n++] = (char)0xff;
	utf16[n++] = (char)0xfe;
	for (size_t i = 0; i < sizeof ascii - 1; i++) {
		utf16[n++] = ascii[i];
		utf16[n++] = 0;
	}
	refused(utf16, n, SHDATA_EINVALID, "line 1:");
	refused(utf16 + 2, n - 2, SHDATA_EINVALID, "line 1:");
	refused_str("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Sh-Data><IMSI>\xe9</IMSI></Sh-Data>",
		    SHDATA_EINVALID, "line 1:");
}

static char *nested(const char *inner_open, const char *inner_close, int levels, size_t *len)
{
	size_t open = strlen(inner_open), close = strlen(inner_close);
	char *xml = zalloc((size_t)levels * (open + close) + 256, 1);
	size_t n = 0;

	n += (size_t)sprintf(xml, "<Sh-Data><RepositoryData><ServiceIndication>s</ServiceIndication>"
				  "<SequenceNumber>1</SequenceNumber><ServiceData>");
	for (int i = 0; i < levels; i++, n += open)
		memcpy(xml + n, inner_open, open);
	for (int i = 0; i < levels; i++, n += close)
		memcpy(xml + n, inner_close, close);
	n += (size_t)sprintf(xml + n, "</ServiceData></RepositoryData></Sh-Data>");
	*len = n;
	return xml;
}

static void deep_nesting_is_refused(void **state)
{
	size_t len;
	char *xml;
	struct sh_data *data;

	(void)state;
	/* Sh-Data, RepositoryData, ServiceData: 3 levels, then the content */
	xml = nested("<a>", "</a>", SHDATA_MAX_DEPTH - 3, &len);
	data = parse_ok(xml, len);
	shdata_free(data);
	free(xml);
	xml = nested("<a x='>'>", "</a>", SHDATA_MAX_DEPTH - 2, &len);
	refused(xml, len, SHDATA_ETOOBIG, "nested deeper than 32");
	free(xml);
	xml = nested("<a>", "</a>", 10000, &len);
	refused(xml, len, SHDATA_ETOOBIG, "line 1: elements nested deeper than 32");
	free(xml);
	/* comments, CDATA and processing instructions do not nest; the last b is on level 32 */
	xml = nested("<a><b/><!-- <c> --><![CDATA[<d>]]><?pi <e>?>", "</a>", SHDATA_MAX_DEPTH - 4, &len);
	data = parse_ok(xml, len);
	shdata_free(data);
	free(xml);
}

static void huge_document_is_refused(void **state)
{
	static const char head[] = "<Sh-Data><!--", tail[] = "--></Sh-Data>";
	char *xml = zalloc(SHDATA_MAX_SIZE + 2, 1);
	struct sh_data *data;

	(void)state;
	memcpy(xml, head, sizeof head - 1);
	memset(xml + sizeof head - 1, 'x', SHDATA_MAX_SIZE - (sizeof head - 1) - (sizeof tail - 1));
	memcpy(xml + SHDATA_MAX_SIZE - (sizeof tail - 1), tail, sizeof tail);
	data = parse_ok(xml, SHDATA_MAX_SIZE);
	shdata_free(data);
	memmove(xml + SHDATA_MAX_SIZE - (sizeof tail - 1) + 1, tail, sizeof tail);
	xml[SHDATA_MAX_SIZE - (sizeof tail - 1)] = 'x';
	refused(xml, SHDATA_MAX_SIZE + 1, SHDATA_ETOOBIG, "over the bound");
	free(xml);
	/* and 64 MiB, refused before anything reads it: a length without the bytes is enough */
	refused("<Sh-Data/>", (size_t)64 << 20, SHDATA_ETOOBIG, "67108864 bytes");
}

static void writing_over_the_size_bound_is_refused(void **state)
{
	struct sh_data *d = full_data();
	size_t n = SHDATA_MAX_SIZE / 2;
	char *big = zalloc(n + 1, 1);

	(void)state;
	memcpy(big, "<a>", 3);
	memset(big + 3, 'x', n - 7);
	memcpy(big + n - 4, "</a>", 4);
	for (int i = 0; i < 2; i++) {
		free(d->repository_data[i].service_data);
		d->repository_data[i].service_data = sdup(big); /* each within the bound, not both */
	}
	write_refused(d, SHDATA_ETOOBIG);
	free(big);
	shdata_free(d);
}

/* A listening socket on loopback: whoever fetches a URL naming it connects. */
static int listener(int *port)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof addr;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
	assert_int_equal(listen(fd, 8), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&addr, &alen), 0);
	*port = ntohs(addr.sin_port);
	return fd;
}

static void nobody_connected(int fd)
{
	int conn = accept(fd, NULL, NULL);

	assert_int_equal(conn, -1);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	close(fd);
}

static void network_urls_are_never_fetched(void **state)
{
	char xml[1024];
	int port, fd = listener(&port);
	struct sh_data *data;
	time_t start = time(NULL);

	(void)state;
	snprintf(xml, sizeof xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE Sh-Data SYSTEM \"http://127.0.0.1:%d/ShData.dtd\">\n"
		 "<Sh-Data/>", port);
	refused_str(xml, SHDATA_EINVALID, "line 2: a DOCTYPE");
	snprintf(xml, sizeof xml, "<!DOCTYPE Sh-Data [<!ENTITY e SYSTEM \"http://127.0.0.1:%d/e\">]>"
		 "<Sh-Data><IMSI>&e;</IMSI></Sh-Data>", port);
	refused_str(xml, SHDATA_EINVALID, "DOCTYPE");
	/* schema locations in the document are hints the validator does not follow */
	snprintf(xml, sizeof xml, "<Sh-Data xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
		 "xsi:noNamespaceSchemaLocation=\"http://127.0.0.1:%d/ShData.xsd\" "
		 "xsi:schemaLocation=\"urn:x http://127.0.0.1:%d/x.xsd\"><CSUserState>1</CSUserState>"
		 "<x:y xmlns:x=\"urn:x\"/></Sh-Data>", port, port);
	data = parse_ok(xml, strlen(xml));
	assert_int_equal(data->cs_user_state, 1);
	shdata_free(data);
	/* nor is XInclude processed */
	snprintf(xml, sizeof xml, "<Sh-Data xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
		 "<xi:include href=\"http://127.0.0.1:%d/x.xml\"/></Sh-Data>", port);
	data = parse_ok(xml, strlen(xml));
	shdata_free(data);
	nobody_connected(fd);
	assert_true(time(NULL) - start < 5);
}

/* ---- the library's manners ------------------------------------------------------------------- */

static void nothing_is_printed(void **state)
{
	static const char *const docs[] = {
		"<Sh-Data><Foo/></Sh-Data>", "<Sh-Data>", "<Sh-Data><p:a/></Sh-Data>",
		"<Sh-Data xmlns:r=\"relative\"><r:a/></Sh-Data>", "<!DOCTYPE a><a/>",
		"<Sh-Data>&e;</Sh-Data>",
	};
	char path[] = "/tmp/test_shdata.XXXXXX";
	int out = mkstemp(path), saved = dup(STDERR_FILENO);
	struct sh_data *data;
	char *xml = NULL;
	int rc;

	(void)state;
	assert_true(out >= 0 && saved >= 0);
	fflush(stderr);
	assert_true(dup2(out, STDERR_FILENO) >= 0);
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		if (!shdata_parse(docs[i], strlen(docs[i]), &data, NULL, 0))
			shdata_free(data);
	}
	data = full_data();
	data->ps_user_state = 12;
	rc = shdata_write(data, &xml, NULL);
	shdata_free(data);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_int_equal(rc, SHDATA_EINVALID);
	assert_null(xml);
	assert_int_equal(lseek(out, 0, SEEK_END), 0);
	close(out);
	unlink(path);
}

struct worker {
	int ok;
};

static void *parse_in_a_thread(void *arg)
{
	struct worker *w = arg;
	struct sh_data *in = full_data();
	static const char invalid[] = "<Sh-Data>\n<Foo/></Sh-Data>";
	char *xml = NULL, err[SHDATA_ERR_LEN];
	size_t len;

	w->ok = !shdata_write(in, &xml, &len);
	for (int i = 0; i < 50 && w->ok; i++) {
		struct sh_data *out = NULL;

		w->ok = !shdata_parse(xml, len, &out, err, sizeof err) && out && out->n_ifcs == 2;
		shdata_free(out);
		w->ok = w->ok && shdata_parse(invalid, sizeof invalid - 1, &out, err, sizeof err) ==
					 SHDATA_EINVALID && !strncmp(err, "line 2: Element 'Foo'", 21);
	}
	free(xml);
	shdata_free(in);
	return NULL;
}

static void threads_share_the_schemas(void **state)
{
	pthread_t threads[4];
	struct worker workers[4];

	(void)state;
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, parse_in_a_thread, &workers[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(threads[i], NULL);
		assert_true(workers[i].ok);
	}
}

static void init_counts_and_reports_missing_schemas(void **state)
{
	struct sh_data *data;

	(void)state;
	assert_int_equal(shdata_init(NULL), 0); /* a second user */
	shdata_cleanup();
	data = parse_ok("<Sh-Data/>", 10); /* the first user's schemas are still there */
	shdata_free(data);

	shdata_cleanup(); /* the group's own init: now none */
	assert_int_equal(shdata_parse("<Sh-Data/>", 10, &data, NULL, 0), EINVAL);
	assert_int_equal(shdata_init("/nonexistent"), ENOENT);
	assert_int_equal(shdata_init(DATA_DIR), ENOENT);
	assert_int_equal(shdata_init(NULL), 0);
}

static int setup(void **state)
{
	(void)state;
	return shdata_init(NULL);
}

static int teardown(void **state)
{
	(void)state;
	shdata_cleanup();
	return 0;
}

/* The full document changed at random (seeded.h): read or refused with an error, never
 * otherwise; what is read writes again (under the sanitizers: no bad access or leak either). */
static void mutated_documents_are_read_or_refused(void **state)
{
	struct sh_data *d = full_data(), *back;
	char *xml, *again, *mutated, e[SHDATA_ERR_LEN];
	size_t len, n;
	int read = 0;
	(void)state;

	assert_int_equal(shdata_write(d, &xml, &len), 0);
	shdata_free(d);
	mutated = zalloc(len + 32, 1);
	hostile_seed = 0x5dda7au;
	for (int i = 0; i < 5000; i++) {
		uint64_t at = hostile_seed;
		int ret;

		n = hostile_mutate(xml, len, mutated, len + 32);
		ret = shdata_parse(mutated, n, &back, e, sizeof e);
		if (ret)
			continue;
		read++;
		if (shdata_write(back, &again, NULL))
			fail_msg("mutation %d (hostile_seed %#llx): read but not written again", i, (unsigned long long)at);
		free(again);
		shdata_free(back);
	}
	print_message("%d of 5000 mutated documents read\n", read);
	assert_true(read > 50);
	free(mutated);
	free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_structure_round_trip),
		cmocka_unit_test(each_member_alone_round_trip),
		cmocka_unit_test(empty_document_round_trip),
		cmocka_unit_test(present_but_empty_elements),
		cmocka_unit_test(repository_data_with_and_without_service_data),
		cmocka_unit_test(direct_repository_writer_equals_the_codec),
		cmocka_unit_test(service_data_carries_namespaces_from_ancestors),
		cmocka_unit_test(unmodelled_standard_content_is_accepted),
		cmocka_unit_test(sequence_number_bounds),
		cmocka_unit_test(invalid_documents_name_the_line),
		cmocka_unit_test(malformed_documents_are_refused),
		cmocka_unit_test(bad_arguments),
		cmocka_unit_test(writing_refuses_what_the_schema_refuses),
		cmocka_unit_test(service_data_and_trigger_point_must_be_one_element),
		cmocka_unit_test(external_entity_is_refused),
		cmocka_unit_test(billion_laughs_is_refused),
		cmocka_unit_test(other_encodings_cannot_hide_a_doctype),
		cmocka_unit_test(deep_nesting_is_refused),
		cmocka_unit_test(huge_document_is_refused),
		cmocka_unit_test(writing_over_the_size_bound_is_refused),
		cmocka_unit_test(network_urls_are_never_fetched),
		cmocka_unit_test(nothing_is_printed),
		cmocka_unit_test(threads_share_the_schemas),
		cmocka_unit_test(init_counts_and_reports_missing_schemas),
		cmocka_unit_test(mutated_documents_are_read_or_refused),
	};
	return cmocka_run_group_tests_name("shdata", tests, setup, teardown);
}
