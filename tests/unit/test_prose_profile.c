/* ProSe profile codec (sh-client/shdata/prose_profile.c, schema/ProSeProfile.xsd): round trips,
 * inside Sh-Data too, and the constraints of the format, on reading and on writing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shdata.h"

#define DOCS SHDATA_SCHEMA_DIR "/../../docs/prose-profile.md"
#define OPEN "<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:1\">"
#define CLOSE "</ProSeProfile>"
#define PERMISSION "<Permission>one-to-one</Permission>"

static char *sdup(const char *s)
{
	char *copy = strdup(s);

	assert_non_null(copy);
	return copy;
}

static char **strings(size_t n, const char *const *values)
{
	char **list = calloc(n, sizeof *list);

	assert_non_null(list);
	for (size_t i = 0; i < n; i++)
		list[i] = sdup(values[i]);
	return list;
}

static struct prose_profile *full_profile(void)
{
	static const char *const apps[] = { "mcc262.mnc01.ProSeApp.Food", "mcc262.mnc01.ProSeApp.Games" };
	static const char *const who[] = { "sip:bob@ims.example", "tel:+491720000002", "alice#42" };
	struct prose_profile *p = prose_profile_new();

	assert_non_null(p);
	p->permission = PROSE_PERM_DIRECT_DISCOVERY | PROSE_PERM_EPC_DISCOVERY | PROSE_PERM_WLAN_DIRECT |
			PROSE_PERM_ONE_TO_MANY | PROSE_PERM_ONE_TO_ONE | PROSE_PERM_UE_TO_NETWORK_RELAY |
			PROSE_PERM_REMOTE_UE_ACCESS | PROSE_PERM_RESTRICTED_DISCOVERY;
	p->n_plmns = 3;
	p->plmns = calloc(3, sizeof *p->plmns);
	assert_non_null(p->plmns);
	p->plmns[0] = (struct prose_plmn){ "26201", PROSE_DIRECT_ANNOUNCE | PROSE_DIRECT_MONITOR |
							    PROSE_DIRECT_COMMUNICATION, 3 };
	p->plmns[1] = (struct prose_plmn){ "208010", PROSE_DIRECT_MONITOR, SHDATA_ABSENT };
	p->plmns[2] = (struct prose_plmn){ "00101", 0, 1 };
	p->n_application_ids = 2;
	p->application_ids = strings(2, apps);
	p->validity_announce = 1;
	p->validity_monitor = 3600;
	p->validity_communication = 4294967295u;
	p->range_class = 5;
	p->wifi_ssid = sdup("DIRECT-ü-lab \"<&>\"");
	p->wifi_passphrase = sdup(" !~ 8chars&<>\"' ");
	p->wlan_link_layer_id = sdup("02:00:5E:10:00:0a");
	p->d2d_layer2_group_id = 16777215;
	p->d2d_frequency = 262143;
	p->n_discoverable_by = 3;
	p->discoverable_by = strings(3, who);
	return p;
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void same_profile(const struct prose_profile *a, const struct prose_profile *b)
{
	assert_int_equal(a->permission, b->permission);
	assert_int_equal(a->n_plmns, b->n_plmns);
	for (size_t i = 0; i < a->n_plmns; i++) {
		assert_string_equal(a->plmns[i].plmn_id, b->plmns[i].plmn_id);
		assert_int_equal(a->plmns[i].direct_allowed, b->plmns[i].direct_allowed);
		assert_int_equal(a->plmns[i].authorized_discovery_range, b->plmns[i].authorized_discovery_range);
	}
	assert_int_equal(a->n_application_ids, b->n_application_ids);
	for (size_t i = 0; i < a->n_application_ids; i++)
		assert_string_equal(a->application_ids[i], b->application_ids[i]);
	assert_int_equal(a->validity_announce, b->validity_announce);
	assert_int_equal(a->validity_monitor, b->validity_monitor);
	assert_int_equal(a->validity_communication, b->validity_communication);
	assert_int_equal(a->range_class, b->range_class);
	same_str(a->wifi_ssid, b->wifi_ssid);
	same_str(a->wifi_passphrase, b->wifi_passphrase);
	same_str(a->wlan_link_layer_id, b->wlan_link_layer_id);
	assert_int_equal(a->d2d_layer2_group_id, b->d2d_layer2_group_id);
	assert_int_equal(a->d2d_frequency, b->d2d_frequency);
	assert_int_equal(a->n_discoverable_by, b->n_discoverable_by);
	for (size_t i = 0; i < a->n_discoverable_by; i++)
		assert_string_equal(a->discoverable_by[i], b->discoverable_by[i]);
}

static struct prose_profile *parse_ok(const char *xml, size_t len)
{
	struct prose_profile *p = NULL;
	char err[SHDATA_ERR_LEN];
	int rc = prose_profile_parse(xml, len, &p, err, sizeof err);

	if (rc)
		fail_msg("refused (%d): %s", rc, err);
	assert_non_null(p);
	return p;
}

static struct prose_profile *round_trip(const struct prose_profile *in)
{
	struct prose_profile *out;
	char *xml;
	size_t len;

	assert_int_equal(prose_profile_write(in, &xml, &len), 0);
	assert_int_equal(strlen(xml), len);
	assert_true(!strncmp(xml, OPEN, strlen(OPEN))); /* no XML declaration: it goes in ServiceData */
	assert_true(!strcmp(xml + len - strlen(CLOSE), CLOSE));
	out = parse_ok(xml, len);
	free(xml);
	return out;
}

/* The profile made of body, refused with SHDATA_EINVALID and an err naming what. */
static void body_refused(const char *body, const char *what)
{
	char xml[2048], err[SHDATA_ERR_LEN];
	struct prose_profile *p = (struct prose_profile *)1;
	int rc;

	snprintf(xml, sizeof xml, OPEN "\n%s\n" CLOSE, body);
	rc = prose_profile_parse(xml, strlen(xml), &p, err, sizeof err);
	if (rc != SHDATA_EINVALID || !strstr(err, what))
		fail_msg("%s: got %d \"%s\", expected \"%s\"", body, rc, err, what);
	assert_null(p);
}

static void write_refused(struct prose_profile *p)
{
	char *xml = NULL;

	assert_int_equal(prose_profile_write(p, &xml, NULL), SHDATA_EINVALID);
	assert_null(xml);
	prose_profile_free(p);
}

/* ---- round trips ------------------------------------------------------------------------------ */

static void full_profile_round_trip(void **state)
{
	struct prose_profile *in = full_profile(), *out = round_trip(in);

	(void)state;
	same_profile(in, out);
	prose_profile_free(in);
	prose_profile_free(out);
}

static void minimal_profile_round_trip(void **state)
{
	struct prose_profile *in = prose_profile_new(), *out;
	char *xml;
	size_t len;

	(void)state;
	assert_int_equal(prose_profile_write(in, &xml, &len), 0);
	assert_string_equal(xml, OPEN "<Permission></Permission>" CLOSE);
	out = parse_ok(xml, len);
	same_profile(in, out);
	assert_null(out->plmns);
	assert_int_equal(out->range_class, SHDATA_ABSENT);
	assert_int_equal(out->d2d_frequency, SHDATA_ABSENT);
	free(xml);
	prose_profile_free(in);
	prose_profile_free(out);
}

static void absent_and_zero_stay_apart(void **state)
{
	struct prose_profile *in = prose_profile_new(), *out;

	(void)state;
	in->permission = PROSE_PERM_WLAN_DIRECT;
	in->wlan_link_layer_id = sdup("aa:bb:cc:dd:ee:ff"); /* without SSID */
	in->d2d_frequency = 0;                           /* a frequency, not "absent" */
	out = round_trip(in);
	same_profile(in, out);
	prose_profile_free(in);
	prose_profile_free(out);
}

static void profile_inside_sh_data(void **state)
{
	struct prose_profile *in = full_profile(), *out;
	struct sh_data *data = shdata_new(), *back;
	char *xml, err[SHDATA_ERR_LEN];
	size_t len;
	const char *sd;

	(void)state;
	data->n_repository_data = 1;
	data->repository_data = calloc(1, sizeof *data->repository_data);
	assert_non_null(data->repository_data);
	data->repository_data[0].service_indication = sdup(PROSE_SERVICE_INDICATION);
	data->repository_data[0].sequence_number = 1;
	assert_int_equal(prose_profile_write(in, &data->repository_data[0].service_data, NULL), 0);
	assert_int_equal(shdata_write(data, &xml, &len), 0);
	assert_int_equal(shdata_parse(xml, len, &back, err, sizeof err), 0);
	sd = back->repository_data[0].service_data;
	assert_string_equal(back->repository_data[0].service_indication, PROSE_SERVICE_INDICATION);
	assert_string_equal(sd, data->repository_data[0].service_data);
	out = parse_ok(sd, strlen(sd));
	same_profile(in, out);
	free(xml);
	shdata_free(data);
	shdata_free(back);
	prose_profile_free(in);
	prose_profile_free(out);
}

static void example_in_the_docs_is_valid(void **state)
{
	char text[16384], *start, *end;
	FILE *f = fopen(DOCS, "r");
	size_t n;
	struct prose_profile *p;

	(void)state;
	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_non_null(start = strstr(text, "```xml\n"));
	start += 7;
	assert_non_null(end = strstr(start, "```"));
	p = parse_ok(start, (size_t)(end - start));
	assert_int_equal(p->n_plmns, 2);
	assert_string_equal(p->plmns[1].plmn_id, "208010");
	assert_int_equal(p->plmns[0].authorized_discovery_range, 2);
	assert_int_equal(p->permission, PROSE_PERM_DIRECT_DISCOVERY | PROSE_PERM_EPC_DISCOVERY |
						PROSE_PERM_WLAN_DIRECT | PROSE_PERM_ONE_TO_MANY);
	assert_string_equal(p->wifi_passphrase, "correct horse battery");
	assert_int_equal(p->d2d_layer2_group_id, 4660);
	assert_int_equal(p->validity_communication, 0);
	prose_profile_free(p);
}

/* ---- constraints ------------------------------------------------------------------------------ */

static void range_class_is_1_to_5(void **state)
{
	struct prose_profile *p;

	(void)state;
	body_refused(PERMISSION "<RangeClass>0</RangeClass>", "line 2: Element '{urn:x-imstk:prose-profile:1}RangeClass'");
	body_refused(PERMISSION "<RangeClass>6</RangeClass>", "RangeClass");
	p = prose_profile_new();
	p->range_class = 0;
	write_refused(p);
	p = prose_profile_new();
	p->range_class = 6;
	write_refused(p);
}

static void plmn_is_5_or_6_digits_once(void **state)
{
	struct prose_profile *p;

	(void)state;
	body_refused(PERMISSION "<AllowedPLMN><PLMNId>2620</PLMNId></AllowedPLMN>", "PLMNId");
	body_refused(PERMISSION "<AllowedPLMN><PLMNId>2620123</PLMNId></AllowedPLMN>", "PLMNId");
	body_refused(PERMISSION "<AllowedPLMN><PLMNId>26a01</PLMNId></AllowedPLMN>", "PLMNId");
	body_refused(PERMISSION "<AllowedPLMN><PLMNId> 26201</PLMNId></AllowedPLMN>", "PLMNId");
	body_refused(PERMISSION "<AllowedPLMN><PLMNId>26201</PLMNId></AllowedPLMN>"
				"<AllowedPLMN><PLMNId>26201</PLMNId></AllowedPLMN>", "Duplicate");
	body_refused(PERMISSION "<AllowedPLMN><PLMNId>26201</PLMNId>"
				"<AuthorizedDiscoveryRange>4</AuthorizedDiscoveryRange></AllowedPLMN>",
		     "AuthorizedDiscoveryRange");
	body_refused(PERMISSION "<AllowedPLMN><PLMNId>26201</PLMNId><DirectAllowed>relay</DirectAllowed>"
				"</AllowedPLMN>", "DirectAllowed");
	p = full_profile();
	strcpy(p->plmns[0].plmn_id, "12");
	write_refused(p);
	p = full_profile();
	memcpy(p->plmns[0].plmn_id, "12345678", 8); /* no room left for the end */
	write_refused(p);
	p = full_profile();
	p->plmns[1].direct_allowed |= 1u << 5; /* a bit the format has no name for */
	write_refused(p);
}

static void wifi_constraints(void **state)
{
	struct prose_profile *p;

	(void)state;
	body_refused(PERMISSION "<WiFiDirect><SSID>s</SSID><Passphrase>1234567</Passphrase></WiFiDirect>",
		     "Passphrase");
	body_refused(PERMISSION "<WiFiDirect><SSID>s</SSID><Passphrase>"
				"1234567890123456789012345678901234567890123456789012345678901234"
				"</Passphrase></WiFiDirect>", "Passphrase");
	body_refused(PERMISSION "<WiFiDirect><SSID>s</SSID><Passphrase>pässwort1</Passphrase></WiFiDirect>",
		     "Passphrase");
	body_refused(PERMISSION "<WiFiDirect><Passphrase>12345678</Passphrase></WiFiDirect>", "Passphrase");
	body_refused(PERMISSION "<WiFiDirect><SSID>123456789012345678901234567890123</SSID></WiFiDirect>",
		     "SSID");
	body_refused(PERMISSION "<WiFiDirect><SSID></SSID></WiFiDirect>", "SSID");
	/* 17 characters, 34 bytes: the schema takes it, the codec does not */
	body_refused(PERMISSION "\n<WiFiDirect><SSID>ééééééééééééééééé</SSID></WiFiDirect>",
		     "line 3: SSID of 34 bytes, over 32");
	body_refused(PERMISSION "<WiFiDirect><LinkLayerId>aa:bb:cc:dd:ee</LinkLayerId></WiFiDirect>",
		     "LinkLayerId");
	body_refused(PERMISSION "<WiFiDirect><LinkLayerId>aa-bb-cc-dd-ee-ff</LinkLayerId></WiFiDirect>",
		     "LinkLayerId");

	p = full_profile();
	free(p->wifi_passphrase);
	p->wifi_passphrase = sdup("1234567");
	write_refused(p);
	p = full_profile();
	free(p->wifi_ssid);
	p->wifi_ssid = sdup("éééééééééééééééé1"); /* 33 bytes */
	write_refused(p);
	p = full_profile();
	free(p->wifi_ssid);
	p->wifi_ssid = NULL; /* a passphrase without its SSID */
	write_refused(p);
	p = full_profile();
	p->wlan_link_layer_id[2] = '-';
	write_refused(p);
}

static void d2d_and_timer_constraints(void **state)
{
	struct prose_profile *p;

	(void)state;
	body_refused(PERMISSION "<LteD2D><Layer2GroupId>0</Layer2GroupId></LteD2D>", "Layer2GroupId");
	body_refused(PERMISSION "<LteD2D><Layer2GroupId>16777216</Layer2GroupId></LteD2D>", "Layer2GroupId");
	body_refused(PERMISSION "<LteD2D><Frequency>262144</Frequency></LteD2D>", "Frequency");
	body_refused(PERMISSION "<LteD2D><Frequency>-1</Frequency></LteD2D>", "Frequency");
	body_refused(PERMISSION "<ValidityTimeAnnounce>0</ValidityTimeAnnounce>", "ValidityTimeAnnounce");
	body_refused(PERMISSION "<ValidityTimeMonitor>4294967296</ValidityTimeMonitor>", "ValidityTimeMonitor");
	body_refused(PERMISSION "<ApplicationId>two words</ApplicationId>", "ApplicationId");
	p = full_profile();
	p->d2d_layer2_group_id = 1u << 24;
	write_refused(p);
	p = full_profile();
	p->d2d_frequency = 262144;
	write_refused(p);
	p = full_profile();
	p->permission |= 1u << 8;
	write_refused(p);
}

static void structure_and_namespace(void **state)
{
	static const char prefixed[] = "<p:ProSeProfile xmlns:p=\"urn:x-imstk:prose-profile:1\">"
				       "<p:Permission> one-to-one\n\twlan-direct </p:Permission></p:ProSeProfile>";
	struct prose_profile *p = (struct prose_profile *)1;
	char err[SHDATA_ERR_LEN];
	static const char *const wrong[] = {
		"<ProSeProfile xmlns=\"urn:x-imstk:prose-profile:2\"><Permission/></ProSeProfile>",
		"<ProSeProfile><Permission/></ProSeProfile>",
		"<p:ProSeProfile xmlns:p=\"urn:other\"><p:Permission/></p:ProSeProfile>",
		"<Sh-Data/>",
	};

	(void)state;
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		assert_int_equal(prose_profile_parse(wrong[i], strlen(wrong[i]), &p, err, sizeof err),
				 SHDATA_EINVALID);
		assert_null(p);
		assert_non_null(strstr(err, "line 1:"));
	}
	body_refused("", "Missing child element");
	body_refused("<Permission>teleport</Permission>", "Permission");
	body_refused(PERMISSION "<Colour>blue</Colour>", "line 2: Element '{urn:x-imstk:prose-profile:1}Colour'");
	body_refused(PERMISSION "<RangeClass>1</RangeClass><ApplicationId>a</ApplicationId>", "ApplicationId");
	body_refused(PERMISSION "<x:Extension xmlns:x=\"urn:x\"/>", "Extension");
	/* a prefix of the right namespace is the same element; a list is separated by any white space */
	p = parse_ok(prefixed, sizeof prefixed - 1);
	assert_int_equal(p->permission, PROSE_PERM_ONE_TO_ONE | PROSE_PERM_WLAN_DIRECT);
	prose_profile_free(p);
}

static void hostile_profiles_are_refused(void **state)
{
	static const char xxe[] = "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				  OPEN "<Permission/><ApplicationId>&x;</ApplicationId>" CLOSE;
	struct prose_profile *p;
	char deep[4096] = OPEN PERMISSION, err[SHDATA_ERR_LEN];

	(void)state;
	assert_int_equal(prose_profile_parse(xxe, sizeof xxe - 1, &p, err, sizeof err), SHDATA_EINVALID);
	assert_non_null(strstr(err, "DOCTYPE"));
	for (int i = 0; i < 40; i++)
		strcat(deep, "<x:a xmlns:x=\"urn:x\">");
	assert_int_equal(prose_profile_parse(deep, strlen(deep), &p, err, sizeof err), SHDATA_ETOOBIG);
	assert_int_equal(prose_profile_parse(OPEN, (size_t)SHDATA_MAX_SIZE + 1, &p, err, sizeof err),
			 SHDATA_ETOOBIG);
}

static void bad_arguments(void **state)
{
	struct prose_profile *p;
	char *xml;

	(void)state;
	assert_int_equal(prose_profile_parse(NULL, 0, &p, NULL, 0), EINVAL);
	assert_null(p);
	assert_int_equal(prose_profile_parse(OPEN PERMISSION CLOSE, 10, NULL, NULL, 0), EINVAL);
	assert_int_equal(prose_profile_write(NULL, &xml, NULL), EINVAL);
	prose_profile_free(NULL);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(full_profile_round_trip),
		cmocka_unit_test(minimal_profile_round_trip),
		cmocka_unit_test(absent_and_zero_stay_apart),
		cmocka_unit_test(profile_inside_sh_data),
		cmocka_unit_test(example_in_the_docs_is_valid),
		cmocka_unit_test(range_class_is_1_to_5),
		cmocka_unit_test(plmn_is_5_or_6_digits_once),
		cmocka_unit_test(wifi_constraints),
		cmocka_unit_test(d2d_and_timer_constraints),
		cmocka_unit_test(structure_and_namespace),
		cmocka_unit_test(hostile_profiles_are_refused),
		cmocka_unit_test(bad_arguments),
	};
	return cmocka_run_group_tests_name("prose_profile", tests, setup, teardown);
}
