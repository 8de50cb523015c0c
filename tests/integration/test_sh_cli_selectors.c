/* `sh-client udr` and `snr` with the AVPs that select what a Data-Reference returns, against the
 * HSS stub: Requested-Domain (LocationInformation, UserState), Current-Location, Identity-Set
 * (IMSPublicIdentity) and DSAI-Tag (DSAI); each answer holds what the store holds for that
 * selection and nothing else, and a value the option does not take is a usage error (exit 2).
 * And `sh-client pur` of the data kept with the subscriber: PSIActivation, DSAI values. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sh_lab.h"
#include "tool_run.h"

#define REALM "home.test.localdomain"
#define FAY "sip:fay@" REALM
#define GIL "sip:gil@" REALM
#define FAY_TEL "tel:+15550000061"
#define FAY_WORK "sip:fay-work@" REALM
#define FAY_PSI "sip:fay-service@" REALM
#define AS_NAME "sip:as." REALM ":5060"

static struct sh_lab lab;
static char out[65536], errout[8192];

/* fay: sip:fay and her tel URI are one implicit set, her tel URI and sip:fay-work one alias
 * group; a CS and an EPS location and user state; two DSAI instances for the AS. gil: a CS
 * location and user state only. */
static const char *store_json =
	"{\"subscribers\": [{\"impi\": \"fay@" REALM "\", \"ims_user_state\": \"REGISTERED\","
	" \"impus\": [{\"uri\": \"" FAY "\", \"implicit_set\": 1, \"alias_group\": 1},"
	"  {\"uri\": \"" FAY_TEL "\", \"implicit_set\": 1, \"alias_group\": 2},"
	"  {\"uri\": \"" FAY_WORK "\", \"implicit_set\": 2, \"alias_group\": 2},"
	"  {\"uri\": \"" FAY_PSI "\", \"type\": \"DISTINCT_PSI\"}],"
	" \"psi_activation\": {\"" FAY_PSI "\": \"INACTIVE\"},"
	" \"cs_location\": {\"vlr_number\": \"15550009\", \"location_area_id\": \"00f11001\"},"
	" \"eps_location\": {\"mme_name\": \"mme.fay." REALM "\", \"tracking_area_id\": \"00f11002\"},"
	" \"cs_user_state\": \"AssumedIdle\", \"eps_user_state\": \"ConnectedReachableForPaging\","
	" \"dsai\": [{\"server_name\": \"" AS_NAME "\", \"tag\": \"presence\", \"value\": \"ACTIVE\"},"
	"  {\"server_name\": \"" AS_NAME "\", \"tag\": \"games\", \"value\": \"INACTIVE\"}]},"
	" {\"impi\": \"gil@" REALM "\", \"impus\": [{\"uri\": \"" GIL "\"}],"
	"  \"cs_location\": {\"vlr_number\": \"15550010\"}, \"cs_user_state\": \"AssumedIdle\"}],"
	" \"as_permissions\": ["
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 10, \"operations\": [\"pull\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 14, \"operations\": [\"pull\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 15, \"operations\": [\"pull\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 18, \"operations\": [\"pull\", \"update\"]},"
	"  {\"as_host\": \"tool." REALM "\", \"data_reference\": 19, \"operations\": [\"pull\", \"update\", \"subs-notif\"]}"
	" ]}";

static int setup(void **state)
{
	(void)state;
	lab.with_tool_node = 1;
	return sh_lab_start(&lab, "sh_cli_selectors", REALM, store_json, "", NULL);
}

static int teardown(void **state)
{
	(void)state;
	return sh_lab_stop(&lab);
}

/* sh-client on the tool node with these arguments: its exit status, its output in out, errout. */
static int sh_client(const char *args)
{
	char command[2 * PATH_MAX];
	struct tool_run run;

	snprintf(command, sizeof command, "-c '%s' -r " REALM " %s", lab.tool->conf_path, args);
	tool_start(&run, lab.net.dir, "sh-client", command);
	assert_true(run.pid > 0);
	return tool_finish(&run, out, sizeof out, errout, sizeof errout);
}

static void assert_has(const char *text, const char *what)
{
	if (!strstr(text, what))
		fail_msg("no \"%s\" in:\n%s", what, text);
}

static void assert_lacks(const char *text, const char *what)
{
	if (strstr(text, what))
		fail_msg("\"%s\" in:\n%s", what, text);
}

static void location_of_the_domain_asked(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY " LocationInformation --domain cs --current-location do-not-initiate"), 0);
	assert_has(out, "<CSLocationInformation>");
	assert_has(out, "<VLRNumber><Address>15550009</Address></VLRNumber>");
	assert_lacks(out, "EPSLocationInformation");
	assert_lacks(out, "CurrentLocationRetrieved");
	assert_int_equal(sh_client("udr " FAY " 14 --domain ps"), 0);
	assert_has(out, "<EPSLocationInformation>");
	assert_has(out, "mme.fay." REALM);
	assert_lacks(out, "CSLocationInformation");
	assert_lacks(out, "CurrentLocationRetrieved");
}

/* Active location retrieval: the stub cannot page, so the location it "retrieves" is the one
 * stored, marked CurrentLocationRetrieved with an age of 0 minutes. */
static void active_location_retrieval_marks_the_location_current(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY " 14 --domain ps --current-location initiate"), 0);
	assert_has(out, "mme.fay." REALM);
	assert_has(out, "<CurrentLocationRetrieved>true</CurrentLocationRetrieved>");
	assert_has(out, "<AgeOfLocationInformation>0</AgeOfLocationInformation>");
}

/* A domain the user has no location or user state in: a success without User-Data (TS 29.328
 * §6.1.1), not an empty Sh-Data. */
static void nothing_of_a_domain_the_user_is_not_in(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " GIL " LocationInformation --domain ps"), 0);
	assert_string_equal(out, "");
	assert_int_equal(sh_client("udr " GIL " UserState --domain ps"), 0);
	assert_string_equal(out, "");
	assert_int_equal(sh_client("udr " GIL " UserState --domain cs"), 0);
	assert_has(out, "<CSUserState>2</CSUserState>"); /* AssumedIdle */
}

static void user_state_of_the_domain_asked(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY " UserState --domain cs"), 0);
	assert_has(out, "<CSUserState>");
	assert_lacks(out, "EPSUserState");
	assert_int_equal(sh_client("udr " FAY " UserState --domain ps"), 0);
	assert_has(out, "<EPSUserState>");
	assert_lacks(out, "CSUserState");
}

/* Without Requested-Domain, the HSS answers with the AVP it misses. */
static void location_without_a_domain_is_refused(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY " LocationInformation"), 1);
	assert_has(errout, "5005");
	assert_has(errout, "Requested-Domain");
}

static void identities_of_the_set_asked(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY " IMSPublicIdentity --identity-set implicit"), 0);
	assert_has(out, FAY "<");
	assert_has(out, FAY_TEL);
	assert_lacks(out, FAY_WORK);
	assert_int_equal(sh_client("udr " FAY_WORK " IMSPublicIdentity --identity-set alias"), 0);
	assert_has(out, FAY_TEL);
	assert_has(out, FAY_WORK);
	assert_lacks(out, FAY "<");
	assert_int_equal(sh_client("udr " FAY_WORK " IMSPublicIdentity --identity-set all"), 0);
	assert_has(out, FAY "<");
	assert_has(out, FAY_TEL);
	assert_has(out, FAY_WORK);
}

static void dsai_of_the_tag_asked(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY " DSAI --server-name " AS_NAME " --dsai-tag games"), 0);
	assert_has(out, "<DSAI-Tag>games</DSAI-Tag>");
	assert_lacks(out, "presence");
	assert_int_equal(sh_client("udr " FAY " DSAI --server-name " AS_NAME " --dsai-tag games --dsai-tag presence"),
			 0);
	assert_has(out, "<DSAI-Tag>games</DSAI-Tag>");
	assert_has(out, "<DSAI-Tag>presence</DSAI-Tag>");
	assert_int_equal(sh_client("udr " FAY " DSAI --server-name " AS_NAME " --dsai-tag chess"), 1);
	assert_has(errout, "5108");
}

/* The subscription to a DSAI instance names its tag: an unknown one is 5108. */
static void snr_names_the_dsai_tag(void **state)
{
	(void)state;
	assert_int_equal(sh_client("snr " FAY " DSAI --server-name " AS_NAME " --dsai-tag games --send-data"), 0);
	assert_has(out, "<DSAI-Tag>games</DSAI-Tag>");
	assert_int_equal(sh_client("snr " FAY " DSAI --server-name " AS_NAME " --dsai-tag chess"), 1);
	assert_has(errout, "5108");
}

/* PUR of DSAI values: the tags named change, the others stay; an unknown tag is 5108. */
static void pur_writes_dsai_values(void **state)
{
	(void)state;
	assert_int_equal(sh_client("pur " FAY " --server-name " AS_NAME " --dsai games=active"), 0);
	assert_int_equal(sh_client("udr " FAY " DSAI --server-name " AS_NAME " --dsai-tag games --dsai-tag presence"),
			 0);
	assert_has(out, "<DSAI-Tag>games</DSAI-Tag><DSAI-Value>0</DSAI-Value>");
	assert_has(out, "<DSAI-Tag>presence</DSAI-Tag><DSAI-Value>0</DSAI-Value>");
	assert_int_equal(sh_client("pur " FAY " --server-name " AS_NAME " --dsai games=inactive --dsai presence=inactive"),
			 0);
	assert_int_equal(sh_client("udr " FAY " DSAI --server-name " AS_NAME " --dsai-tag games --dsai-tag presence"),
			 0);
	assert_has(out, "<DSAI-Tag>games</DSAI-Tag><DSAI-Value>1</DSAI-Value>");
	assert_has(out, "<DSAI-Tag>presence</DSAI-Tag><DSAI-Value>1</DSAI-Value>");
	assert_int_equal(sh_client("pur " FAY " --server-name " AS_NAME " --dsai chess=active"), 1);
	assert_has(errout, "5108");
}

static void pur_writes_psi_activation(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY_PSI " PSIActivation"), 0);
	assert_has(out, "<PSIActivation>0</PSIActivation>");
	assert_int_equal(sh_client("pur " FAY_PSI " --psi-activation active"), 0);
	assert_int_equal(sh_client("udr " FAY_PSI " PSIActivation"), 0);
	assert_has(out, "<PSIActivation>1</PSIActivation>");
}

static void values_the_options_do_not_take(void **state)
{
	(void)state;
	assert_int_equal(sh_client("udr " FAY " 14 --domain xs"), 2);
	assert_has(errout, "--domain wants cs or ps");
	assert_int_equal(sh_client("udr " FAY " 14 --domain ps --current-location maybe"), 2);
	assert_has(errout, "--current-location wants initiate or do-not-initiate");
	assert_int_equal(sh_client("udr " FAY " 10 --identity-set some"), 2);
	assert_has(errout, "--identity-set wants all, registered, implicit or alias");
	assert_int_equal(sh_client("snr " FAY " 14 --domain ps"), 2); /* not an SNR option */
	assert_int_equal(sh_client("pur " FAY_PSI " --psi-activation maybe"), 2);
	assert_int_equal(sh_client("pur " FAY " --server-name " AS_NAME " --dsai games"), 2);
	assert_has(errout, "--dsai wants <tag>=active or <tag>=inactive");
	assert_int_equal(sh_client("pur " FAY " --dsai games=active"), 2);
	assert_has(errout, "--dsai needs --server-name");
	assert_int_equal(sh_client("pur " FAY " --server-name " AS_NAME " --dsai games=active --si urn:x"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(location_of_the_domain_asked),
		cmocka_unit_test(active_location_retrieval_marks_the_location_current),
		cmocka_unit_test(user_state_of_the_domain_asked),
		cmocka_unit_test(nothing_of_a_domain_the_user_is_not_in),
		cmocka_unit_test(location_without_a_domain_is_refused),
		cmocka_unit_test(identities_of_the_set_asked),
		cmocka_unit_test(dsai_of_the_tag_asked),
		cmocka_unit_test(snr_names_the_dsai_tag),
		cmocka_unit_test(pur_writes_dsai_values),
		cmocka_unit_test(pur_writes_psi_activation),
		cmocka_unit_test(values_the_options_do_not_take),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
