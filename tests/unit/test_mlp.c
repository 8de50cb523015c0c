/* The MLP codec: round trips of every message in every version, our DTDs refusing invalid
 * documents, shapes through DMSH text, and hostile documents. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>
#include "near.h"
#include "mlp.h"
#include "seeded.h"

#define DEG_TOL 1e-6
#define T0 1718000000 /* 2024-06-10 06:13:20 UTC */

static char err[256];

static int setup(void **state)
{
	(void)state;
	return mlp_init(NULL, err, sizeof err);
}

static int teardown(void **state)
{
	(void)state;
	mlp_cleanup();
	return 0;
}

static struct mlp_msid msid(enum mlp_msid_type type, const char *value)
{
	struct mlp_msid m = { .type = type };
	snprintf(m.value, sizeof m.value, "%s", value);
	return m;
}

/* ---- requests ------------------------------------------------------------------------------ */

static void request(struct mlp_request *r, enum mlp_request_kind kind, enum mlp_version v)
{
	mlp_request_init(r, kind, v);
	strcpy(r->hdr.client_id, "as1");
	strcpy(r->hdr.pwd, "s3cret&<>");
	strcpy(r->hdr.serviceid, "0005");
	r->hdr.has_requestor = 1;
	r->hdr.requestor_type = v == MLP_V3_1 ? MLP_REQUESTOR_MSISDN : MLP_REQUESTOR_SIPURL; /* 3.1: no type */
	strcpy(r->hdr.requestor_id, "sip:alice@example.org");
	if (v == MLP_V3_5) {
		r->hdr.has_supported_shapes = 1;
		r->hdr.supported_shapes = 1u << MLP_POINT | 1u << MLP_POLYGON;
		r->hdr.supports_altitude = 1;
	}
	if (kind != MLP_TLRSR) {
		r->msids[r->n_msids++] = msid(MLP_MSID_MSISDN, "46101234567");
		r->msids[r->n_msids++] = msid(MLP_MSID_IMSI, "240011234567890");
	}
	if (kind == MLP_SLIR) {
		r->res_type = MLP_ASYNC;
		r->eqop.has_resp_req = 1;
		r->eqop.resp_req = MLP_RESP_LOW_DELAY;
		r->eqop.resp_timer_s = 30;
		r->eqop.hor_acc_m = 250;
		r->eqop.alt_acc_m = 40;
		if (v != MLP_V3_1) { /* MLP 3.1 has no qos_class */
			r->eqop.has_qos_class = 1;
			r->eqop.qos_class = MLP_QOS_ASSURED;
		}
		r->eqop.max_loc_age_s = 120;
		r->has_loc_type = 1;
		r->loc_type = MLP_LOC_CURRENT_OR_LAST;
		r->has_prio = 1;
		r->prio = MLP_PRIO_HIGH;
		strcpy(r->pushaddr, "http://as.example.org:9210/mlp?a=1&b=2");
	} else if (kind == MLP_TLRR) {
		r->interval_s = 2 * 86400 + 3 * 3600 + 4 * 60 + 5;
		r->has_start_time = r->has_stop_time = 1;
		r->start_time = T0;
		r->stop_time = T0 + 3600;
		if (v >= MLP_V3_4) /* duration is new in 3.4 */
			r->duration_s = 1800;
		r->event = MLP_EVENT_MS_AVAIL;
		r->has_prio = 1;
		r->prio = MLP_PRIO_NORMAL;
		r->eqop.hor_acc_m = 100; /* qop */
		r->eqop.alt_acc_m = 30;
		if (v != MLP_V3_1) {
			r->eqop.has_qos_class = 1;
			r->eqop.qos_class = MLP_QOS_BEST_EFFORT;
		}
		strcpy(r->pushaddr, "http://as.example.org/tl");
	} else {
		strcpy(r->req_id, "25267");
	}
}

static void with_distance_event(struct mlp_request *r)
{
	r->event = MLP_EVENT_DISTANCE;
	r->distance.type = MLP_WITHIN_DISTANCE;
	r->distance.target_distance_m = 500;
	r->distance.reference = msid(MLP_MSID_MSISDN, "46107654321");
}

/* Writes r, reads it back, compares. */
static void request_round_trip(const struct mlp_request *r)
{
	struct mlp_request *back = NULL;
	char *xml = NULL;
	size_t len = 0;

	assert_int_equal(mlp_write_request(r, &xml, &len, err, sizeof err), 0);
	assert_int_equal(strlen(xml), len);
	if (mlp_parse_request(xml, len, &back, err, sizeof err))
		fail_msg("%s\n%s", err, xml);
	/* Every field is written and read back as it was: the structures are equal. */
	assert_memory_equal(back, r, sizeof *r);
	free(back);
	free(xml);
}

static void test_requests_every_version(void **state)
{
	struct mlp_request r;
	(void)state;
	for (enum mlp_version v = MLP_V3_1; v <= MLP_V3_5; v++) {
		for (enum mlp_request_kind k = MLP_SLIR; k <= MLP_TLRSR; k++) {
			request(&r, k, v);
			request_round_trip(&r);
		}
		request(&r, MLP_SLIR, v); /* the defaults: SYNC, no eqop, no requestor */
		r.res_type = MLP_SYNC;
		mlp_eqop_init(&r.eqop);
		r.hdr.has_requestor = 0;
		memset(r.hdr.requestor_id, 0, sizeof r.hdr.requestor_id);
		r.hdr.requestor_type = 0;
		request_round_trip(&r);
	}
}

static void test_distance_event_from_3_4(void **state)
{
	struct mlp_request r, *back;
	char *xml, *old;
	size_t len;
	(void)state;
	for (enum mlp_version v = MLP_V3_4; v <= MLP_V3_5; v++) {
		request(&r, MLP_TLRR, v);
		with_distance_event(&r);
		request_round_trip(&r);
	}
	/* 3.2 has no distance_event: not written, and refused when read. */
	request(&r, MLP_TLRR, MLP_V3_2);
	with_distance_event(&r);
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(xml);
	request(&r, MLP_TLRR, MLP_V3_4);
	with_distance_event(&r);
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
	while ((old = strstr(xml, "3.4.0")))
		memcpy(old, "3.2.0", 5);
	assert_int_equal(mlp_parse_request(xml, len, &back, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(back);
	free(xml);
}

/* A tlrr's duration (ddhhmmss, as interval) is MLP 3.4's and 3.5's: not written in 3.2, and
 * refused when read there. */
static void test_duration_from_3_4(void **state)
{
	struct mlp_request r, *back;
	char *xml, *old;
	size_t len;
	(void)state;
	request(&r, MLP_TLRR, MLP_V3_2);
	r.duration_s = 60;
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(xml);
	request(&r, MLP_TLRR, MLP_V3_4);
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
	assert_non_null(strstr(xml, "<duration>00003000</duration>"));
	while ((old = strstr(xml, "3.4.0")))
		memcpy(old, "3.2.0", 5);
	assert_int_equal(mlp_parse_request(xml, len, &back, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(back);
	free(xml);
}

/* OMA's distance_event (MLP_v3_4.dtd): loc_estimates is required and read (FALSE: events_only),
 * no_of_reports read (a count, 1 or more); what the codec does not carry is refused with 107: a
 * second reference_object, minimumIntervalTime. A trl_pos may name the reference_object (read,
 * ignored). */
static void test_distance_event_as_oma_writes_it(void **state)
{
	static const char head[] = "<svc_init ver=\"3.4.0\"><hdr><client><id>a</id></client></hdr><tlrr><msids>"
				   "<msid>1</msid></msids><interval>00000010</interval><tlrr_event>";
	static const char ref[] = "<reference_object><msid>2</msid></reference_object>";
	static const struct {
		const char *event;
		int rc, events_only;
		long no_of_reports;
	} cases[] = {
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"FALSE\"><target_distance>5</target_distance>%s"
		  "</distance_event>", 0, 1, 0 },
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>5</target_distance>%s"
		  "</distance_event>", 0, 0, 0 },
		{ "<distance_event type=\"WITHIN_DISTANCE\"><target_distance>5</target_distance>%s</distance_event>",
		  MLP_SYNTAX_ERROR, 0, 0 },
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>5</target_distance>%s"
		  "<reference_object><msid>3</msid></reference_object></distance_event>", MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED, 0, 0 },
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>5</target_distance>%s"
		  "<no_of_reports>3</no_of_reports></distance_event>", 0, 0, 3 },
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>5</target_distance>%s"
		  "<no_of_reports>0</no_of_reports></distance_event>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE, 0, 0 },
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>5</target_distance>%s"
		  "<no_of_reports>three</no_of_reports></distance_event>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE, 0, 0 },
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>5</target_distance>%s"
		  "<minimumIntervalTime>60</minimumIntervalTime></distance_event>", MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED, 0, 0 },
		{ "<distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>5</target_distance>%s"
		  "<no_of_reports>3</no_of_reports><minimumIntervalTime>60</minimumIntervalTime></distance_event>",
		  MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED, 0, 0 },
	};
	static const char report[] =
		"<svc_result ver=\"3.4.0\"><tlrep ver=\"3.4.0\"><req_id>9</req_id><trl_pos trl_trigger=\"DISTANCE\">"
		"<msid>1</msid><reference_object><msid>2</msid></reference_object><poserr><result resid=\"6\">POSITION "
		"METHOD FAILURE</result><time>20240610061320</time></poserr></trl_pos></tlrep></svc_result>";
	struct mlp_answer *a = NULL;
	struct mlp_request r;
	char *out;
	size_t out_len;
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char event[512], xml[1024];
		struct mlp_request *back = NULL;

		snprintf(event, sizeof event, cases[i].event, ref);
		snprintf(xml, sizeof xml, "%s%s</tlrr_event></tlrr></svc_init>", head, event);
		int rc = mlp_parse_request(xml, strlen(xml), &back, err, sizeof err);
		if (rc != cases[i].rc)
			fail_msg("case %zu: %d, not %d (%s)", i, rc, cases[i].rc, err);
		if (!rc) {
			assert_int_equal(back->distance.events_only, cases[i].events_only);
			assert_int_equal(back->distance.no_of_reports, cases[i].no_of_reports);
		}
		free(back);
	}
	request(&r, MLP_TLRR, MLP_V3_5);
	with_distance_event(&r);
	r.distance.events_only = 1;
	r.distance.no_of_reports = MLP_MAX_REPORTS;
	request_round_trip(&r);
	r.distance.no_of_reports = MLP_MAX_REPORTS + 1; /* not written: it would not be read back */
	assert_int_equal(mlp_write_request(&r, &out, &out_len, err, sizeof err), MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
	assert_null(out);
	assert_int_equal(mlp_parse_answer(report, strlen(report), &a, err, sizeof err), 0);
	assert_int_equal(a->pos[0].trigger, MLP_TRIGGER_DISTANCE);
	free(a);
}

/* A real 3.1 client's request: the DOCTYPE names a DTD we never fetch, the slir says 3.0.0. */
static void test_mlp_3_1_client(void **state)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE svc_init SYSTEM \"MLP_SVC_INIT_310.DTD\">\n"
		"<svc_init ver=\"3.1.0\">\n"
		"  <hdr ver=\"3.0.0\"><client><id>theasid</id><pwd>thepwd</pwd></client></hdr>\n"
		"  <slir ver=\"3.0.0\" res_type=\"SYNC\">\n"
		"    <msids><msid type=\"MSISDN\"> 461011678298 </msid></msids>\n"
		"    <eqop><resp_timer>15</resp_timer><hor_acc>100</hor_acc></eqop>\n"
		"  </slir>\n"
		"</svc_init>\n";
	struct mlp_request *r;
	(void)state;
	/* hdr's ver is MLP_HDR_300's, fixed at 3.0.0 */
	assert_int_equal(mlp_parse_request(xml, strlen(xml), &r, err, sizeof err), 0);
	assert_int_equal(r->version, MLP_V3_1);
	assert_int_equal(r->kind, MLP_SLIR);
	assert_string_equal(r->hdr.client_id, "theasid");
	assert_string_equal(r->msids[0].value, "461011678298");
	assert_int_equal(r->eqop.resp_timer_s, 15);
	assert_int_equal(r->eqop.hor_acc_m, 100);
	assert_int_equal(r->eqop.has_qos_class, 0);
	assert_int_equal(r->eqop.has_resp_req, 0);
	assert_int_equal(r->eqop.alt_acc_m, -1);
	assert_int_equal(r->eqop.max_loc_age_s, -1);
	free(r);
}

/* What OMA's DTDs allow beyond our subset, as real peers send it, is read: in a request, hdr's
 * ver, a client's requestmode (and, from 3.4, applicationid), subclients, a requestor's
 * serviceid, pushaddr's id and pwd, and prio (read into the request); in an answer, a hdr of a
 * sessionid alone, a pd's speed and direction, and a pos's gsm_net_param. */
static void test_optional_parts_peers_send(void **state)
{
	static const char request[] =
		"<svc_init ver=\"%s\"><hdr ver=\"%s\"><client><id>as</id><pwd>p</pwd><requestmode type=\"ACTIVE\"/>%s"
		"</client><subclient last_client=\"YES\"><id>sub</id></subclient>"
		"<requestor><id>bob</id><serviceid>s</serviceid></requestor></hdr>"
		"<slir ver=\"%s\"><msids><msid>461011678298</msid></msids><prio type=\"HIGH\"/>"
		"<pushaddr><url>http://as.example/p</url><id>as</id><pwd>q</pwd></pushaddr></slir></svc_init>";
	static const char answer[] =
		"<svc_result ver=\"%s\"><hdr><sessionid>42</sessionid></hdr><slia ver=\"%s\"><pos><msid>1</msid>"
		"<pd><time>20240610061320</time><shape><Point><coord><X>59 19 45.564N</X><Y>18 04 06.914E</Y>"
		"</coord></Point></shape><speed>12</speed><direction>270</direction><lev_conf>80</lev_conf>"
		"</pd><gsm_net_param><cgi><mcc>240</mcc><mnc>01</mnc><lac>1</lac><cellid>2</cellid></cgi>"
		"<neid><vmscid><cc>46</cc><vmscno>70000</vmscno></vmscid></neid><ta>3</ta><imsi>240011234567890</imsi>"
		"</gsm_net_param></pos></slia></svc_result>";
	(void)state;
	for (int v = MLP_V3_1; v <= MLP_V3_5; v++) {
		const char *ver = mlp_version_text(v), *msg_ver = v == MLP_V3_1 ? "3.0.0" : ver;
		struct mlp_request *r = NULL;
		struct mlp_answer *a = NULL;
		char xml[2048];

		snprintf(xml, sizeof xml, request, ver, msg_ver,
			 v >= MLP_V3_4 ? "<applicationid appProvider=\"x\" appName=\"y\"/>" : "", msg_ver);
		if (mlp_parse_request(xml, strlen(xml), &r, err, sizeof err))
			fail_msg("%s: %s", ver, err);
		assert_string_equal(r->hdr.client_id, "as");
		assert_string_equal(r->pushaddr, "http://as.example/p");
		assert_true(r->has_prio);
		assert_int_equal(r->prio, MLP_PRIO_HIGH);
		free(r);
		snprintf(xml, sizeof xml, answer, ver, msg_ver);
		if (mlp_parse_answer(xml, strlen(xml), &a, err, sizeof err))
			fail_msg("%s: %s", ver, err);
		assert_int_equal(a->n_pos, 1);
		assert_int_equal(a->pos[0].shape.confidence, 80);
		free(a);
	}
}

/* MLP 3.1's message elements carry ver 3.0.0 (its MLP 3.0 message DTDs fix it so), the root 3.1.0;
 * the other versions theirs throughout. */
static void test_message_ver(void **state)
{
	(void)state;
	for (int v = MLP_V3_1; v <= MLP_V3_5; v++) {
		char root[48], message[48], *xml = NULL;
		struct mlp_request r;
		struct mlp_answer a;
		size_t len;

		snprintf(root, sizeof root, "ver=\"%s\"", mlp_version_text(v));
		snprintf(message, sizeof message, "<slir ver=\"%s\"", v == MLP_V3_1 ? "3.0.0" : mlp_version_text(v));
		request(&r, MLP_SLIR, v);
		assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
		assert_non_null(strstr(xml, root));
		assert_non_null(strstr(xml, message));
		free(xml);
		snprintf(message, sizeof message, "<tlra ver=\"%s\"", v == MLP_V3_1 ? "3.0.0" : mlp_version_text(v));
		mlp_answer_init(&a, MLP_TLRA, v);
		strcpy(a.req_id, "7");
		assert_int_equal(mlp_write_answer(&a, &xml, &len, err, sizeof err), 0);
		assert_non_null(strstr(xml, message));
		free(xml);
	}
}

/* A tlrr's qop holds the accuracies only: a tlrr asking for a response time or a maximum age is
 * not written (106); an ll_acc in it is refused as in an eqop (107); an eqop whose class or
 * response is out of its enum is not written (111). */
static void test_tlrr_qop(void **state)
{
	static const char ll_acc[] = "<svc_init ver=\"3.5.0\"><hdr><client><id>a</id></client></hdr>"
				     "<tlrr><msids><msid>1</msid></msids><qop><ll_acc>2</ll_acc></qop></tlrr></svc_init>";
	struct mlp_request r, *back = NULL;
	char *xml = NULL;
	size_t len;
	(void)state;

	request(&r, MLP_TLRR, MLP_V3_5);
	r.eqop.max_loc_age_s = 60;
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(xml);
	request(&r, MLP_TLRR, MLP_V3_5);
	r.eqop.has_resp_req = 1;
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	/* a class or response the enums do not hold: refused by the writer, not written as garbage */
	request(&r, MLP_SLIR, MLP_V3_5);
	r.eqop.qos_class = (enum mlp_qos_class)7;
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE);
	request(&r, MLP_SLIR, MLP_V3_5);
	r.eqop.resp_req = (enum mlp_resp_req)-1;
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE);
	assert_null(xml);
	assert_int_equal(mlp_parse_request(ll_acc, strlen(ll_acc), &back, err, sizeof err),
			 MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED);
	assert_null(back);
	/* MLP 3.1 has no qos_class (its QoP is MLP 3.0's): not written, and refused when read */
	request(&r, MLP_SLIR, MLP_V3_1);
	r.eqop.has_qos_class = 1;
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(xml);
	assert_non_null(strstr(err, "qos_class"));
}

/* What MLP 3.1 lacks (its MLP 3.0 function and identity DTDs) is refused in 3.1, read and written
 * or used in the others: loc_type LAST_OR_CURRENT, msid types after SESSID; and its requestor
 * has no type, so none is written. */
static void test_what_3_1_lacks(void **state)
{
	static const char slir[] =
		"<svc_init ver=\"%s\"><hdr><client><id>a</id></client></hdr><slir><msids>%s</msids>%s</slir></svc_init>";
	static const struct {
		const char *msids, *rest;
	} lacking[] = {
		{ "<msid>1</msid>", "<loc_type type=\"LAST_OR_CURRENT\"/>" },
		{ "<msid type=\"SIP_URI\">sip:bob@example.org</msid>", "" },
		{ "<msid>1</msid><msid type=\"TEL_URL\">tel:+461011</msid>", "" },
	};
	struct mlp_request r, *back = NULL;
	char xml[512], *out = NULL;
	size_t len;
	(void)state;

	for (size_t i = 0; i < sizeof lacking / sizeof lacking[0]; i++)
		for (int v = MLP_V3_1; v <= MLP_V3_2; v++) {
			snprintf(xml, sizeof xml, slir, mlp_version_text(v), lacking[i].msids, lacking[i].rest);
			int rc = mlp_parse_request(xml, strlen(xml), &back, err, sizeof err);
			if (rc != (v == MLP_V3_1 ? MLP_SYNTAX_ERROR : 0))
				fail_msg("%s in %s: %d (%s)", lacking[i].rest[0] ? lacking[i].rest : lacking[i].msids,
					 mlp_version_text(v), rc, err);
			free(back);
			back = NULL;
		}
	request(&r, MLP_SLIR, MLP_V3_1);
	r.loc_type = MLP_LOC_LAST_OR_CURRENT;
	assert_int_equal(mlp_write_request(&r, &out, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	request(&r, MLP_SLIR, MLP_V3_1);
	r.msids[0].type = MLP_MSID_URI;
	assert_int_equal(mlp_write_request(&r, &out, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(out);
	request(&r, MLP_SLIR, MLP_V3_1);
	r.hdr.requestor_type = MLP_REQUESTOR_SIPURL;
	assert_int_equal(mlp_write_request(&r, &out, &len, err, sizeof err), 0);
	assert_non_null(strstr(out, "<requestor>"));
	free(out);
}

/* A qos_class in each version's slir: refused in 3.1 as its DTD would, read in the others. */
static void test_qos_class_by_version(void **state)
{
	(void)state;
	for (int v = MLP_V3_1; v <= MLP_V3_5; v++) {
		char xml[1024];
		struct mlp_request *r = NULL;

		snprintf(xml, sizeof xml,
			 "<svc_init ver=\"%s\"><hdr><client><id>a</id></client></hdr><slir><msids><msid>1</msid>"
			 "</msids><eqop><hor_acc qos_class=\"ASSURED\">10</hor_acc></eqop></slir></svc_init>",
			 mlp_version_text(v));
		int rc = mlp_parse_request(xml, strlen(xml), &r, err, sizeof err);
		if (v == MLP_V3_1) {
			assert_int_equal(rc, MLP_SYNTAX_ERROR);
			assert_null(r);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_true(r->eqop.has_qos_class);
		assert_int_equal(r->eqop.qos_class, MLP_QOS_ASSURED);
		free(r);
	}
}

/* eqop as MLP writes it (MLP_QOP: resp_req, resp_timer, ll_acc | hor_acc, alt_acc,
 * max_loc_age): each part read into its field; qos_class on either accuracy, ASSURED winning; an
 * ll_acc (seconds of arc) refused with 107; an order or a value the DTD does not allow, 106. */
static void test_eqop(void **state)
{
	static const char head[] = "<svc_init ver=\"3.4.0\"><hdr><client><id>a</id></client></hdr>"
				   "<slir><msids><msid>1</msid></msids><eqop>";
	static const struct {
		const char *eqop;
		int rc;
		long hor, alt, age, timer;
		int has_class, class, has_resp, resp;
	} cases[] = {
		{ "<resp_req type=\"NO_DELAY\"/><resp_timer>5</resp_timer><hor_acc>50</hor_acc>"
		  "<alt_acc>20</alt_acc><max_loc_age>600</max_loc_age>",
		  0, 50, 20, 600, 5, 0, 0, 1, MLP_RESP_NO_DELAY },
		{ "<resp_req/>", 0, -1, -1, -1, -1, 0, 0, 1, MLP_RESP_DELAY_TOL }, /* the DTD's default */
		{ "<hor_acc qos_class=\"BEST_EFFORT\">10</hor_acc><alt_acc qos_class=\"ASSURED\">5</alt_acc>",
		  0, 10, 5, -1, -1, 1, MLP_QOS_ASSURED, 0, 0 },
		{ "<hor_acc qos_class=\"BEST_EFFORT\">10</hor_acc>", 0, 10, -1, -1, -1, 1, MLP_QOS_BEST_EFFORT, 0, 0 },
		{ "<alt_acc>0</alt_acc>", 0, -1, 0, -1, -1, 0, 0, 0, 0 },
		{ "<ll_acc>3</ll_acc>", MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED, -1, -1, -1, -1, 0, 0, 0, 0 },
		{ "<ll_acc>3</ll_acc><hor_acc>3</hor_acc>", MLP_SYNTAX_ERROR, -1, -1, -1, -1, 0, 0, 0, 0 },
		{ "<hor_acc>10</hor_acc><resp_req/>", MLP_SYNTAX_ERROR, -1, -1, -1, -1, 0, 0, 0, 0 },
		{ "<resp_req type=\"SOON\"/>", MLP_SYNTAX_ERROR, -1, -1, -1, -1, 0, 0, 0, 0 },
		{ "<hor_acc qos_class=\"MAYBE\">10</hor_acc>", MLP_SYNTAX_ERROR, -1, -1, -1, -1, 0, 0, 0, 0 },
		{ "<max_loc_age>-1</max_loc_age>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE, -1, -1, -1, -1, 0, 0, 0, 0 },
		{ "<alt_acc>ten</alt_acc>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE, -1, -1, -1, -1, 0, 0, 0, 0 },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char xml[1024];
		struct mlp_request *r = NULL;

		snprintf(xml, sizeof xml, "%s%s</eqop></slir></svc_init>", head, cases[i].eqop);
		int rc = mlp_parse_request(xml, strlen(xml), &r, err, sizeof err);
		if (rc != cases[i].rc)
			fail_msg("%s: %d (%s), not %d", cases[i].eqop, rc, err, cases[i].rc);
		if (rc)
			continue;
		assert_int_equal(r->eqop.hor_acc_m, cases[i].hor);
		assert_int_equal(r->eqop.alt_acc_m, cases[i].alt);
		assert_int_equal(r->eqop.max_loc_age_s, cases[i].age);
		assert_int_equal(r->eqop.resp_timer_s, cases[i].timer);
		assert_int_equal(r->eqop.has_qos_class, cases[i].has_class);
		if (cases[i].has_class)
			assert_int_equal(r->eqop.qos_class, cases[i].class);
		assert_int_equal(r->eqop.has_resp_req, cases[i].has_resp);
		if (cases[i].has_resp)
			assert_int_equal(r->eqop.resp_req, cases[i].resp);
		free(r);
	}
}

static void test_times_and_intervals(void **state)
{
	static const char head[] = "<svc_init ver=\"3.5.0\"><hdr><client><id>a</id></client></hdr>"
				   "<tlrr><msids><msid>1</msid></msids>";
	static const struct {
		const char *body;
		int rc;
	} cases[] = {
		{ "<interval>00000100</interval><start_time utc_off=\"+0200\">20240610081320</start_time>", 0 },
		{ "<interval>00000000</interval>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<interval>00006000</interval>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<interval>1000</interval>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<start_time>20240231120000</start_time>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<start_time utc_off=\"+2500\">20240210120000</start_time>",
		  MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE },
		{ "<start_time>20240610120000</start_time><stop_time>20240610110000</stop_time>",
		  MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		/* outside the years a time is written in, 1900 to 9999 UTC (found by fuzz_mlp_request) */
		{ "<start_time>00000307225552</start_time>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<start_time utc_off=\"+0100\">19000101000000</start_time>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<stop_time utc_off=\"-0100\">99991231233000</stop_time>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<interval>00000100</interval><start_time utc_off=\"+0200\">20240610081320</start_time>"
		  "<duration>99235959</duration>", 0 },
		{ "<duration>00000000</duration>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<duration>3600</duration>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<duration>00240000</duration>", MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
		{ "<tlrr_event><distance_event type=\"WITHIN_DISTANCE\" loc_estimates=\"TRUE\"><target_distance>-5</target_distance>"
		  "<reference_object><msid>2</msid></reference_object></distance_event></tlrr_event>",
		  MLP_INVALID_PROTOCOL_ELEMENT_VALUE },
	};
	struct mlp_request *r;
	char xml[1024];
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(xml, sizeof xml, "%s%s</tlrr></svc_init>", head, cases[i].body);
		int rc = mlp_parse_request(xml, strlen(xml), &r, err, sizeof err);
		if (rc != cases[i].rc)
			fail_msg("case %zu: %d, not %d (%s)", i, rc, cases[i].rc, err);
		if (!rc) {
			assert_int_equal(r->interval_s, 60);
			assert_int_equal(r->start_time, T0);
			assert_int_equal(r->duration_s, strstr(cases[i].body, "duration") ? 99 * 86400 + 86399 : -1);
		}
		free(r);
	}
}

/* ---- answers ------------------------------------------------------------------------------- */

static struct mlp_shape shape_of(enum mlp_shape_kind kind)
{
	struct mlp_shape s;
	memset(&s, 0, sizeof s);
	s.kind = kind;
	s.confidence = -1;
	if (kind != MLP_POLYGON) {
		s.coord.lat = 59.3293234;
		s.coord.lon = -18.0685871;
	}
	switch (kind) {
	case MLP_POINT:
		s.has_altitude = s.has_altitude_uncertainty = 1;
		s.altitude = -12.5;
		s.altitude_uncertainty = 3;
		break;
	case MLP_CIRCULAR_AREA:
		s.radius = 57.3;
		break;
	case MLP_ELLIPTICAL_AREA:
		s.angle = 37.5;
		s.semi_major = 443.1;
		s.semi_minor = 120.25;
		s.confidence = 67;
		break;
	case MLP_CIRCULAR_ARC_AREA:
		s.in_radius = 100;
		s.out_radius = 542.6;
		s.start_angle = 174;
		s.stop_angle = 238;
		s.confidence = 90;
		break;
	case MLP_POLYGON:
		s.n_points = MLP_MAX_POINTS;
		for (int i = 0; i < s.n_points; i++) {
			s.points[i].lat = -33.8688197 + 0.001 * cos(i * 0.4188790205);
			s.points[i].lon = 151.2092955 + 0.001 * sin(i * 0.4188790205);
		}
		break;
	}
	return s;
}

static void assert_shape(const struct mlp_shape *a, const struct mlp_shape *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_near(a->coord.lat, b->coord.lat, DEG_TOL);
	assert_near(a->coord.lon, b->coord.lon, DEG_TOL);
	assert_near(a->radius, b->radius, 1e-6);
	assert_near(a->angle, b->angle, DEG_TOL);
	assert_near(a->semi_major, b->semi_major, 1e-6);
	assert_near(a->semi_minor, b->semi_minor, 1e-6);
	assert_near(a->in_radius, b->in_radius, 1e-6);
	assert_near(a->out_radius, b->out_radius, 1e-6);
	assert_near(a->start_angle, b->start_angle, DEG_TOL);
	assert_near(a->stop_angle, b->stop_angle, DEG_TOL);
	assert_int_equal(a->n_points, b->n_points);
	for (int i = 0; i < a->n_points; i++) {
		assert_near(a->points[i].lat, b->points[i].lat, DEG_TOL);
		assert_near(a->points[i].lon, b->points[i].lon, DEG_TOL);
	}
	assert_int_equal(a->has_altitude, b->has_altitude);
	assert_int_equal(a->has_altitude_uncertainty, b->has_altitude_uncertainty);
	assert_near(a->altitude, b->altitude, 1e-6);
	assert_near(a->altitude_uncertainty, b->altitude_uncertainty, 1e-6);
	assert_int_equal(a->confidence, b->confidence);
}

/* One position of each shape, and a poserr. */
static void positions(struct mlp_answer *a)
{
	for (int k = MLP_POINT; k <= MLP_POLYGON; k++) {
		struct mlp_pos *p = &a->pos[a->n_pos++];
		p->msid = msid(MLP_MSID_MSISDN, "4610123456");
		p->time = T0 + k;
		p->shape = shape_of(k);
		p->trigger = MLP_TRIGGER_PERIODIC;
	}
	struct mlp_pos *p = &a->pos[a->n_pos++];
	p->msid = msid(MLP_MSID_IMSI, "240019876543210");
	p->time = T0;
	p->result = MLP_ABSENT_SUBSCRIBER;
	strcpy(p->add_info, "detached");
	p->trigger = MLP_TRIGGER_MS_AVAIL;
}

static void answer_round_trip(const struct mlp_answer *a)
{
	struct mlp_answer *back = NULL;
	char *xml = NULL;
	size_t len = 0;

	if (mlp_write_answer(a, &xml, &len, err, sizeof err))
		fail_msg("kind %d version %d: %s", a->kind, a->version, err);
	if (mlp_parse_answer(xml, len, &back, err, sizeof err))
		fail_msg("%s\n%s", err, xml);
	assert_int_equal(back->kind, a->kind);
	assert_int_equal(back->version, a->version);
	assert_string_equal(back->req_id, a->req_id);
	assert_int_equal(back->result, a->result);
	assert_string_equal(back->add_info, a->add_info);
	assert_int_equal(back->more, a->more);
	assert_int_equal(back->n_pos, a->n_pos);
	for (int i = 0; i < a->n_pos; i++) {
		assert_memory_equal(&back->pos[i].msid, &a->pos[i].msid, sizeof a->pos[i].msid);
		assert_int_equal(back->pos[i].time, a->pos[i].time);
		assert_int_equal(back->pos[i].result, a->pos[i].result);
		assert_string_equal(back->pos[i].add_info, a->pos[i].add_info);
		assert_int_equal(back->pos[i].qos_not_met, a->pos[i].qos_not_met);
		if (a->kind == MLP_TLREP)
			assert_int_equal(back->pos[i].trigger, a->pos[i].trigger);
		if (!a->pos[i].result)
			assert_shape(&back->pos[i].shape, &a->pos[i].shape);
	}
	free(back);
	free(xml);
}

static void test_answers_every_version(void **state)
{
	struct mlp_answer *a = malloc(sizeof *a);
	(void)state;
	for (enum mlp_version v = MLP_V3_1; v <= MLP_V3_5; v++) {
		mlp_answer_init(a, MLP_SLIA, v); /* SYNC: the positions */
		positions(a);
		answer_round_trip(a);
		mlp_answer_init(a, MLP_SLIA, v); /* ASYNC: the req_id */
		strcpy(a->req_id, "r-1");
		answer_round_trip(a);
		mlp_answer_init(a, MLP_SLIA, v); /* refused */
		a->result = MLP_UNAUTHORIZED_APPLICATION;
		strcpy(a->add_info, "no such client");
		answer_round_trip(a);
		mlp_answer_init(a, MLP_SLIREP, v);
		strcpy(a->req_id, "r-1");
		positions(a);
		answer_round_trip(a);
		mlp_answer_init(a, MLP_TLRA, v);
		strcpy(a->req_id, "t-7");
		answer_round_trip(a);
		mlp_answer_init(a, MLP_TLREP, v);
		strcpy(a->req_id, "t-7");
		a->more = v != MLP_V3_1; /* MLP 3.1's tlrep has no more */
		positions(a);
		if (v >= MLP_V3_4)
			a->pos[0].trigger = MLP_TRIGGER_DISTANCE;
		answer_round_trip(a);
		a->more = 0;
		answer_round_trip(a);
		mlp_answer_init(a, MLP_TLRSA, v);
		strcpy(a->req_id, "t-7");
		answer_round_trip(a);
		/* a tlrr or tlrsr refused: its tlra or tlrsa holds the result instead of a req_id */
		for (int k = 0; k < 2; k++) {
			mlp_answer_init(a, k ? MLP_TLRSA : MLP_TLRA, v);
			a->result = MLP_INVALID_PROTOCOL_ELEMENT_VALUE;
			strcpy(a->add_info, "interval is required");
			answer_round_trip(a);
		}
		mlp_answer_init(a, MLP_GEM, v);
		a->result = MLP_FORMAT_ERROR;
		strcpy(a->add_info, "line 3");
		answer_round_trip(a);
	}
	/* No DISTANCE trigger before 3.4. */
	mlp_answer_init(a, MLP_TLREP, MLP_V3_3);
	strcpy(a->req_id, "t-7");
	positions(a);
	a->pos[0].trigger = MLP_TRIGGER_DISTANCE;
	char *xml;
	size_t len;
	assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	free(a);
}

/* A tlrsr naming some targets (3.4: msids or msid before req_id) is read, their msids in order;
 * one with an lcs_ref is read. A 3.4 tlrsr with targets round-trips (written as msids); in 3.1
 * (whose tlrsr is a req_id alone) it is not written. */
static void test_tlrsr_as_oma_writes_it(void **state)
{
	static const struct {
		const char *body;
		int rc, n_msids;
	} cases[] = {
		{ "<msid type=\"IMSI\">1</msid><req_id>7</req_id>", 0, 1 },
		{ "<msids><msid>1</msid><msid>2</msid></msids><req_id>7</req_id>", 0, 2 },
		{ "<req_id>7</req_id><lcs_ref>12</lcs_ref>", 0, 0 },
		{ "<msids><msid>1</msid></msids><msid>2</msid><req_id>7</req_id>", MLP_SYNTAX_ERROR, 0 },
	};
	struct mlp_request w, *back;
	char *xml;
	size_t len;
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char xml[512];
		struct mlp_request *r = NULL;

		snprintf(xml, sizeof xml, "<svc_init ver=\"3.4.0\"><hdr><client><id>a</id></client></hdr><tlrsr>%s</tlrsr>"
			 "</svc_init>", cases[i].body);
		assert_int_equal(mlp_parse_request(xml, strlen(xml), &r, err, sizeof err), cases[i].rc);
		if (!cases[i].rc) {
			assert_string_equal(r->req_id, "7");
			assert_int_equal(r->n_msids, cases[i].n_msids);
			for (int k = 0; k < r->n_msids; k++)
				assert_int_equal(atoi(r->msids[k].value), k + 1);
			if (r->n_msids == 1)
				assert_int_equal(r->msids[0].type, MLP_MSID_IMSI);
		}
		free(r);
	}
	char many[2048] = "<svc_init ver=\"3.4.0\"><hdr><client><id>a</id></client></hdr><tlrsr><msids>";
	for (int i = 0; i <= MLP_MAX_MSIDS; i++)
		strcat(many, "<msid>1</msid>");
	strcat(many, "</msids><req_id>7</req_id></tlrsr></svc_init>");
	assert_int_equal(mlp_parse_request(many, strlen(many), &back, err, sizeof err), MLP_TOO_MANY_POSITION_ITEMS);
	request(&w, MLP_TLRSR, MLP_V3_4);
	w.msids[w.n_msids++] = msid(MLP_MSID_MSISDN, "46101234567");
	request_round_trip(&w);
	w.version = MLP_V3_1;
	assert_int_equal(mlp_write_request(&w, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	assert_null(xml);
}

/* A slia, tlra or tlrsa whose result is 0 (OK) answers nothing: refused, as a poserr with 0 is
 * (found by fuzz_mlp_answer: it was read, then could not be written back). */
static void test_answer_with_result_0(void **state)
{
	static const char *const bodies[] = { "slia", "tlra", "tlrsa" };
	(void)state;
	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		char xml[256];
		struct mlp_answer *a = NULL;

		snprintf(xml, sizeof xml, "<svc_result ver=\"3.5.0\"><%s ver=\"3.5.0\"><result resid=\"0\">OK</result></%s>"
			 "</svc_result>", bodies[i], bodies[i]);
		assert_int_equal(mlp_parse_answer(xml, strlen(xml), &a, err, sizeof err),
				 MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE);
		assert_null(a);
		snprintf(xml, sizeof xml, "<svc_result ver=\"3.5.0\"><%s ver=\"3.5.0\"><result resid=\"4\">UNKNOWN "
			 "SUBSCRIBER</result></%s></svc_result>", bodies[i], bodies[i]);
		assert_int_equal(mlp_parse_answer(xml, strlen(xml), &a, err, sizeof err), 0);
		assert_int_equal(a->result, MLP_UNKNOWN_SUBSCRIBER);
		free(a);
	}
}

static void test_tlrep_More(void **state)
{
	static const char xml[] =
		"<svc_result ver=\"3.5.0\"><tlrep ver=\"3.5.0\" More=\"YES\"><req_id>9</req_id>"
		"<trl_pos trl_trigger=\"DISTANCE\"><msid>1</msid><poserr><result resid=\"6\">POSITION "
		"METHOD FAILURE</result><time>20240610061320</time></poserr></trl_pos></tlrep></svc_result>";
	struct mlp_answer *a;
	(void)state;
	assert_int_equal(mlp_parse_answer(xml, strlen(xml), &a, err, sizeof err), 0);
	assert_int_equal(a->more, 1);
	assert_int_equal(a->pos[0].trigger, MLP_TRIGGER_DISTANCE);
	assert_int_equal(a->pos[0].result, MLP_POSITION_METHOD_FAILURE);
	assert_int_equal(a->pos[0].time, T0);
	free(a);
}

static void test_gem_writer(void **state)
{
	struct mlp_answer *a;
	char *xml;
	size_t len;
	(void)state;
	assert_int_equal(mlp_write_gem(MLP_V3_5, MLP_UNSUPPORTED_VERSION, "ver 4.0.0", &xml, &len, err,
				       sizeof err), 0);
	assert_non_null(strstr(xml, "<result resid=\"103\">UNSUPPORTED VERSION</result>"));
	assert_int_equal(mlp_parse_answer(xml, len, &a, err, sizeof err), 0);
	assert_int_equal(a->kind, MLP_GEM);
	assert_int_equal(a->result, 103);
	assert_string_equal(a->add_info, "ver 4.0.0");
	free(a);
	free(xml);
	assert_int_equal(mlp_write_gem(MLP_V3_5, 300, NULL, &xml, &len, err, sizeof err),
			 MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
}

/* Text that is no XML text (a control character, broken UTF-8) is refused when written: libxml2
 * would write a character reference that no reader accepts. Non-ASCII text is written as is. */
static void test_writers_refuse_what_is_not_xml_text(void **state)
{
	static const char *const bad[] = { "as\x01", "as\x1b[0m", "as\xc3", "\xff\xfe" };
	struct mlp_request r;
	char *xml;
	size_t len;
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		request(&r, MLP_SLIR, MLP_V3_5);
		strcpy(r.hdr.client_id, bad[i]);
		assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
		assert_null(xml);
		assert_non_null(strstr(err, "not text of XML characters"));
	}
	request(&r, MLP_SLIR, MLP_V3_5);
	strcpy(r.hdr.requestor_id, "sip:j\xc3\xb6rg@example.org\tx");
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
	assert_non_null(strstr(xml, "j\xc3\xb6rg"));
	free(xml);
	assert_int_equal(mlp_write_gem(MLP_V3_5, MLP_FORMAT_ERROR, "bad \x02 byte", &xml, &len, err, sizeof err),
			 MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
}

/* Mutated requests and answers are read or refused with an MLP result id, never otherwise; what
 * is read can be written again (under the sanitizers: with no bad access or leak either). */
static void mutated_documents_are_read_or_refused(void **state)
{
	char doc[3][8192], *xml, mutated[9000];
	size_t len[3];
	struct mlp_request r, *rq;
	struct mlp_answer *a = calloc(1, sizeof *a), *aq;
	int read = 0;
	(void)state;

	request(&r, MLP_SLIR, MLP_V3_5);
	assert_int_equal(mlp_write_request(&r, &xml, &len[0], err, sizeof err), 0);
	memcpy(doc[0], xml, len[0]);
	free(xml);
	request(&r, MLP_TLRR, MLP_V3_4);
	with_distance_event(&r);
	assert_int_equal(mlp_write_request(&r, &xml, &len[1], err, sizeof err), 0);
	memcpy(doc[1], xml, len[1]);
	free(xml);
	assert_non_null(a);
	mlp_answer_init(a, MLP_SLIA, MLP_V3_5);
	positions(a);
	assert_int_equal(mlp_write_answer(a, &xml, &len[2], err, sizeof err), 0);
	memcpy(doc[2], xml, len[2]);
	free(xml);
	free(a);

	hostile_seed = 0x31b0c0deu;
	for (int i = 0; i < 20000; i++) {
		uint64_t at = hostile_seed;
		int which = (int)hostile_below(3), ret;
		size_t n = hostile_mutate(doc[which], len[which], mutated, sizeof mutated);

		if (which < 2) {
			ret = mlp_parse_request(mutated, n, &rq, err, sizeof err);
			if (!ret && (read++, mlp_write_request(rq, &xml, &len[0], err, sizeof err) == 0))
				free(xml);
			else if (!ret)
				fail_msg("mutation %d (hostile_seed %#llx): read but not written again: %s", i,
					 (unsigned long long)at, err);
			free(ret ? NULL : rq);
		} else {
			ret = mlp_parse_answer(mutated, n, &aq, err, sizeof err);
			if (!ret && (read++, mlp_write_answer(aq, &xml, &len[2], err, sizeof err) == 0))
				free(xml);
			else if (!ret)
				fail_msg("mutation %d (hostile_seed %#llx): read but not written again: %s", i,
					 (unsigned long long)at, err);
			free(ret ? NULL : aq);
		}
		if (ret < 0 || ret > 600)
			fail_msg("mutation %d (hostile_seed %#llx): %d is no MLP result id", i, (unsigned long long)at, ret);
	}
	print_message("%d of 20000 mutated documents read\n", read);
	assert_true(read > 100);
}

static void test_result_names(void **state)
{
	(void)state;
	assert_string_equal(mlp_result_name(MLP_UNSUPPORTED_VERSION), "UNSUPPORTED VERSION");
	assert_string_equal(mlp_result_name(0), "OK");
	assert_string_equal(mlp_result_name(208), "TARGET MOVED TO NEW MSC/SGSN");
	assert_null(mlp_result_name(102));
	assert_null(mlp_result_name(-1));
	assert_string_equal(mlp_version_text(MLP_V3_4), "3.4.0");
	assert_null(mlp_version_text(7));
}

/* ---- each DTD refuses invalid documents ---------------------------------------------------- */

/* text with the first element 'name' (start tag to end tag, or empty tag) cut out. */
static char *without(const char *text, const char *name)
{
	char open[64], close[64], *out = strdup(text), *start, *end;
	snprintf(open, sizeof open, "<%s", name);
	snprintf(close, sizeof close, "</%s>", name);
	start = strstr(out, open);
	assert_non_null(start);
	end = strstr(start, close);
	end = end ? end + strlen(close) : strchr(start, '>') + 1;
	memmove(start, end, strlen(end) + 1);
	return out;
}

static char *replaced(const char *text, const char *from, const char *to)
{
	char *out = malloc(strlen(text) + strlen(to) + 1), *at = strstr(text, from);
	if (!at)
		fail_msg("no %s in %s", from, text);
	sprintf(out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
	return out;
}

/* A pd's altitude uncertainty is alt_acc in MLP 3.1 (MLP_LOC_310), alt_unc in 3.4 and 3.5: each
 * written so, and the other name refused (106); 3.2 and 3.3 (not confirmed) write alt_unc and
 * read either. */
static void test_altitude_uncertainty_by_version(void **state)
{
	(void)state;
	for (int v = MLP_V3_1; v <= MLP_V3_5; v++) {
		const char *ours = v == MLP_V3_1 ? "alt_acc" : "alt_unc", *other = v == MLP_V3_1 ? "alt_unc" : "alt_acc";
		char open_ours[16], close_ours[16], open_other[16], close_other[16];
		struct mlp_answer a, *back = NULL;
		char *xml = NULL, *swapped, *swapped_both;
		size_t len;
		int rc;

		mlp_answer_init(&a, MLP_SLIA, (enum mlp_version)v);
		a.pos[a.n_pos].msid = msid(MLP_MSID_MSISDN, "4610123456");
		a.pos[a.n_pos].time = T0;
		a.pos[a.n_pos++].shape = shape_of(MLP_POINT); /* alt -12.5, its uncertainty 3 m */
		assert_int_equal(mlp_write_answer(&a, &xml, &len, err, sizeof err), 0);
		snprintf(open_ours, sizeof open_ours, "<%s>", ours);
		snprintf(close_ours, sizeof close_ours, "</%s>", ours);
		snprintf(open_other, sizeof open_other, "<%s>", other);
		snprintf(close_other, sizeof close_other, "</%s>", other);
		assert_non_null(strstr(xml, "<alt>-12.5</alt>"));
		assert_non_null(strstr(xml, open_ours));
		assert_null(strstr(xml, open_other));

		swapped = replaced(xml, open_ours, open_other);
		swapped_both = replaced(swapped, close_ours, close_other);
		rc = mlp_parse_answer(swapped_both, strlen(swapped_both), &back, err, sizeof err);
		if (v == MLP_V3_2 || v == MLP_V3_3) {
			assert_int_equal(rc, 0);
			assert_true(back->pos[0].shape.has_altitude_uncertainty);
			assert_near(back->pos[0].shape.altitude_uncertainty, 3, 1e-9);
			free(back);
		} else {
			assert_int_equal(rc, MLP_SYNTAX_ERROR);
		}
		free(swapped_both);
		free(swapped);
		free(xml);
	}
}

static void assert_request_refused(char *xml, int rc)
{
	struct mlp_request *r;
	int got = mlp_parse_request(xml, strlen(xml), &r, err, sizeof err);
	if (got != rc)
		fail_msg("%d, not %d (%s):\n%s", got, rc, err, xml);
	assert_null(r);
	free(xml);
}

static void assert_answer_refused(char *xml, int rc)
{
	struct mlp_answer *a;
	int got = mlp_parse_answer(xml, strlen(xml), &a, err, sizeof err);
	if (got != rc)
		fail_msg("%d, not %d (%s):\n%s", got, rc, err, xml);
	assert_null(a);
	free(xml);
}

static void test_dtds_refuse_invalid_requests(void **state)
{
	struct mlp_request r;
	char *xml;
	size_t len;
	(void)state;
	for (enum mlp_version v = MLP_V3_1; v <= MLP_V3_5; v += 2) { /* 3.1, 3.3, 3.5: every file */
		request(&r, MLP_SLIR, v);
		assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
		assert_request_refused(without(xml, "msids"), MLP_SYNTAX_ERROR);
		assert_request_refused(without(xml, "hdr"), MLP_SYNTAX_ERROR);
		assert_request_refused(without(xml, "id"), MLP_SYNTAX_ERROR);
		assert_request_refused(replaced(xml, "res_type=\"ASYNC\"", "res_type=\"LATER\""),
				       MLP_SYNTAX_ERROR);
		assert_request_refused(replaced(xml, "type=\"IMSI\"", "type=\"PHONE\""), MLP_SYNTAX_ERROR);
		assert_request_refused(replaced(xml, "<hor_acc", "<ll_acc>1</ll_acc><hor_acc"),
				       MLP_SYNTAX_ERROR); /* ll_acc or hor_acc */
		assert_request_refused(replaced(xml, ">250<", ">near<"),
				       MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
		char *renamed = replaced(xml, "<svc_init", "<svc_result");
		assert_request_refused(replaced(renamed, "</svc_init>", "</svc_result>"), MLP_SYNTAX_ERROR);
		free(renamed);
		free(xml);

		request(&r, MLP_TLRR, v);
		assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
		assert_request_refused(without(xml, "msids"), MLP_SYNTAX_ERROR);
		assert_request_refused(replaced(xml, "type=\"MS_AVAIL\"", "type=\"MS_GONE\""),
				       MLP_SYNTAX_ERROR);
		assert_request_refused(replaced(xml, "<interval>", "<stop_time>20240101000000</stop_time><interval>"),
				       MLP_SYNTAX_ERROR); /* out of order */
		free(xml);

		request(&r, MLP_TLRSR, v);
		assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
		assert_request_refused(without(xml, "req_id"), MLP_SYNTAX_ERROR);
		assert_request_refused(replaced(xml, "<tlrsr ", "<tlrsr foo=\"1\" "), MLP_SYNTAX_ERROR);
		free(xml);
	}
	/* 3.4 and 3.5 fix the messages' ver; 3.4 has no supported_shapes. */
	request(&r, MLP_TLRSR, MLP_V3_5);
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), 0);
	assert_request_refused(replaced(xml, "<tlrsr ver=\"3.5.0\"", "<tlrsr ver=\"3.4.0\""),
			       MLP_SYNTAX_ERROR);
	assert_request_refused(replaced(xml, "<svc_init ver=\"3.5.0\"", "<svc_init ver=\"3.4.0\""),
			       MLP_SYNTAX_ERROR);
	free(xml);
	r.version = MLP_V3_4;
	assert_int_equal(mlp_write_request(&r, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
}

/* replaced(), in place. */
static void replace_in(char **text, const char *from, const char *to)
{
	char *out = replaced(*text, from, to);

	free(*text);
	*text = out;
}

/* What a GMLC may add to an answer beyond what liblcs writes (the svc_result hdr with a session,
 * pos_method, trans_id, a Z coordinate, lcs_ref, time_remaining) is read and ignored, in every
 * version: the answer's values are those of the answer without them. */
static void test_answers_with_optional_parts(void **state)
{
	struct mlp_answer *a = malloc(sizeof *a), *plain, *rich;
	char *xml, *more;
	size_t len;
	(void)state;
	for (enum mlp_version v = MLP_V3_1; v <= MLP_V3_5; v++) {
		mlp_answer_init(a, MLP_SLIA, v);
		positions(a);
		assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), 0);
		assert_int_equal(mlp_parse_answer(xml, len, &plain, err, sizeof err), 0);
		more = replaced(xml, "<slia", "<hdr><client><id>as</id></client><sessionid>s1</sessionid></hdr><slia");
		replace_in(&more, "<pos>", "<pos pos_method=\"CELL\" result_type=\"FINAL\">");
		replace_in(&more, "</Y>", "</Y><Z>35</Z>");
		replace_in(&more, "</pos>", "<trans_id>77</trans_id></pos>");
		if (mlp_parse_answer(more, strlen(more), &rich, err, sizeof err))
			fail_msg("version %d: %s\n%s", (int)v, err, more);
		assert_int_equal(rich->n_pos, plain->n_pos);
		assert_memory_equal(rich->pos, plain->pos, sizeof rich->pos[0] * (size_t)plain->n_pos);
		free(plain);
		free(rich);
		free(more);
		free(xml);

		mlp_answer_init(a, MLP_TLREP, v);
		strcpy(a->req_id, "t");
		positions(a);
		assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), 0);
		more = replaced(xml, "</req_id>", "</req_id><lcs_ref>5</lcs_ref>");
		replace_in(&more, "</tlrep>", "<time_remaining>00000100</time_remaining></tlrep>");
		replace_in(&more, "<trl_pos ", "<trl_pos pos_method=\"A-GPS\" ");
		if (mlp_parse_answer(more, strlen(more), &rich, err, sizeof err))
			fail_msg("version %d: %s\n%s", (int)v, err, more);
		assert_string_equal(rich->req_id, "t");
		assert_int_equal(rich->n_pos, a->n_pos);
		free(rich);
		free(more);
		free(xml);

		mlp_answer_init(a, MLP_TLRA, v);
		strcpy(a->req_id, "t");
		assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), 0);
		more = replaced(xml, "</req_id>", "</req_id><lcs_ref>5</lcs_ref>");
		assert_int_equal(mlp_parse_answer(more, strlen(more), &rich, err, sizeof err), 0);
		assert_string_equal(rich->req_id, "t");
		free(rich);
		free(more);
		free(xml);
	}
	free(a);
}

static void test_dtds_refuse_invalid_answers(void **state)
{
	struct mlp_answer *a = malloc(sizeof *a);
	char *xml;
	size_t len;
	(void)state;
	for (enum mlp_version v = MLP_V3_1; v <= MLP_V3_5; v += 2) {
		mlp_answer_init(a, MLP_SLIA, v);
		positions(a);
		assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), 0);
		assert_answer_refused(without(xml, "time"), MLP_SYNTAX_ERROR);
		assert_answer_refused(without(xml, "msid"), MLP_SYNTAX_ERROR);
		assert_answer_refused(without(xml, "Y"), MLP_SYNTAX_ERROR);
		assert_answer_refused(replaced(xml, "<radius>", "<radius>x"), MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
		assert_answer_refused(replaced(xml, "<X>59", "<X>95"), MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
		assert_answer_refused(replaced(xml, "N</X>", "E</X>"), MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
		assert_answer_refused(replaced(xml, "<lev_conf>67", "<lev_conf>101"),
				      MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
		assert_answer_refused(replaced(xml, "<radius>", "<distanceUnit>meter</distanceUnit><radius>"),
				      MLP_SYNTAX_ERROR);
		assert_answer_refused(replaced(xml, "</radius>", "</radius><distanceUnit>foot</distanceUnit>"),
				      MLP_PROTOCOL_ELEMENT_VALUE_NOT_SUPPORTED);
		assert_answer_refused(replaced(xml, "resid=\"5\"", "resid=\"five\""),
				      MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE);
		free(xml);

		mlp_answer_init(a, MLP_TLREP, v);
		strcpy(a->req_id, "t");
		positions(a);
		assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), 0);
		assert_answer_refused(without(xml, "req_id"), MLP_SYNTAX_ERROR);
		assert_answer_refused(replaced(xml, "trl_trigger=\"PERIODIC\"", "trl_trigger=\"SOMETIMES\""),
				      MLP_SYNTAX_ERROR);
		assert_answer_refused(replaced(xml, "<tlrep ", "<tlrep more=\"MAYBE\" "), MLP_SYNTAX_ERROR);
		free(xml);

		for (enum mlp_answer_kind k = MLP_SLIREP; k <= MLP_TLRSA; k++) {
			if (k == MLP_TLREP)
				continue;
			mlp_answer_init(a, k, v);
			strcpy(a->req_id, "t");
			if (k == MLP_SLIREP)
				positions(a);
			assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), 0);
			assert_answer_refused(without(xml, "req_id"), MLP_SYNTAX_ERROR);
			assert_answer_refused(replaced(xml, "<req_id>", "<add_info>x</add_info><req_id>"),
					      MLP_SYNTAX_ERROR);
			free(xml);
		}

		assert_int_equal(mlp_write_gem(v, MLP_TIMEOUT, "x", &xml, &len, err, sizeof err), 0);
		assert_answer_refused(without(xml, "result"), MLP_SYNTAX_ERROR);
		assert_answer_refused(replaced(xml, " resid=\"7\"", ""), MLP_SYNTAX_ERROR);
		free(xml);
	}
	/* slia holds positions or a req_id or a result, never two of them. */
	mlp_answer_init(a, MLP_SLIA, MLP_V3_5);
	positions(a);
	strcpy(a->req_id, "r");
	assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), MLP_SYNTAX_ERROR);
	free(a);
}

/* ---- hostile documents --------------------------------------------------------------------- */

/* pd/qos_not_met, after lev_conf, is MLP 3.5's: read back as written there, refused before. */
static void test_qos_not_met(void **state)
{
	struct mlp_answer *a = malloc(sizeof *a), *back = NULL;
	char *xml, *older;
	size_t len;
	(void)state;
	mlp_answer_init(a, MLP_SLIA, MLP_V3_5);
	positions(a);
	a->pos[MLP_ELLIPTICAL_AREA].qos_not_met = 1; /* the shape with a lev_conf */
	assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), 0);
	assert_non_null(strstr(xml, "<lev_conf>67</lev_conf>\n        <qos_not_met/>"));
	assert_null(strstr(strstr(xml, "<qos_not_met/>") + 1, "<qos_not_met/>"));
	assert_int_equal(mlp_parse_answer(xml, len, &back, err, sizeof err), 0);
	for (int i = 0; i < a->n_pos; i++)
		assert_int_equal(back->pos[i].qos_not_met, i == MLP_ELLIPTICAL_AREA);
	free(back);
	assert_answer_refused(replaced(xml, "<qos_not_met/>", "<qos_not_met>yes</qos_not_met>"),
			      MLP_SYNTAX_ERROR);
	assert_answer_refused(replaced(xml, "<lev_conf>67</lev_conf>\n        <qos_not_met/>",
				       "<qos_not_met/><lev_conf>67</lev_conf>"), MLP_SYNTAX_ERROR);
	/* The same answer in 3.4 (qos_not_met is new in 3.4) is read with it; in 3.3 only without it. */
	older = replaced(xml, "<svc_result ver=\"3.5.0\"", "<svc_result ver=\"3.4.0\"");
	free(xml);
	xml = replaced(older, "<slia ver=\"3.5.0\"", "<slia ver=\"3.4.0\"");
	free(older);
	assert_int_equal(mlp_parse_answer(xml, strlen(xml), &back, err, sizeof err), 0);
	assert_int_equal(back->pos[MLP_ELLIPTICAL_AREA].qos_not_met, 1);
	free(back);
	older = replaced(xml, "<svc_result ver=\"3.4.0\"", "<svc_result ver=\"3.3.0\"");
	free(xml);
	xml = without(older, "qos_not_met");
	assert_int_equal(mlp_parse_answer(xml, strlen(xml), &back, err, sizeof err), 0);
	free(back);
	free(xml);
	assert_answer_refused(older, MLP_SYNTAX_ERROR);
	for (enum mlp_version v = MLP_V3_1; v <= MLP_V3_5; v++) {
		a->version = v;
		assert_int_equal(mlp_write_answer(a, &xml, &len, err, sizeof err), v < MLP_V3_4 ? MLP_SYNTAX_ERROR : 0);
		if (v >= MLP_V3_4)
			free(xml);
	}
	free(a);
}

static char *tlrsr_with(const char *prolog, const char *req_id)
{
	char *all;
	assert_true(asprintf(&all, "%s<svc_init ver=\"3.5.0\"><hdr><client><id>a</id></client></hdr>"
			     "<tlrsr ver=\"3.5.0\"><req_id>%s</req_id></tlrsr></svc_init>",
			     prolog, req_id) > 0);
	return all;
}

/* The same, with one replacement. */
static char *tlrsr_replaced(const char *prolog, const char *from, const char *to)
{
	char *xml = tlrsr_with(prolog, "42"), *out = replaced(xml, from, to);
	free(xml);
	return out;
}

static void test_external_entity(void **state)
{
	(void)state;
	assert_request_refused(tlrsr_with("<!DOCTYPE svc_init [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
					  "&x;"), MLP_FORMAT_ERROR);
	assert_request_refused(tlrsr_with("<!DOCTYPE svc_init [ ]>", "1"), MLP_FORMAT_ERROR);
	/* An entity the DOCTYPE does not declare: refused, not left out of the text. */
	assert_request_refused(tlrsr_with("<!DOCTYPE svc_init SYSTEM \"MLP_v3_5.dtd\">", "&x;"),
			       MLP_FORMAT_ERROR);
	assert_request_refused(tlrsr_with("", "&x;"), MLP_FORMAT_ERROR);
	assert_request_refused(tlrsr_with("<!ENTITY x \"y\">", "1"), MLP_FORMAT_ERROR);
}

static void test_billion_laughs(void **state)
{
	static const char prolog[] =
		"<?xml version=\"1.0\"?><!DOCTYPE svc_init [<!ENTITY a \"aaaaaaaaaa\">"
		"<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
		"<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>";
	(void)state;
	assert_request_refused(tlrsr_with(prolog, "&g;"), MLP_FORMAT_ERROR);
}

/* The DOCTYPE names a DTD on a server that listens: nothing connects to it, and the document
 * is still validated, against our DTD of its ver. */
static void test_external_dtd_not_fetched(void **state)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t salen = sizeof sa;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	struct mlp_request *r;
	char prolog[256];
	(void)state;
	assert_true(s >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(listen(s, 4), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sa, &salen), 0);
	snprintf(prolog, sizeof prolog, "<!DOCTYPE svc_init SYSTEM \"http://127.0.0.1:%d/x.dtd\">",
		 ntohs(sa.sin_port));

	char *xml = tlrsr_with(prolog, "42");
	assert_int_equal(mlp_parse_request(xml, strlen(xml), &r, err, sizeof err), 0);
	assert_string_equal(r->req_id, "42");
	free(r);
	free(xml);
	xml = tlrsr_with("<!DOCTYPE svc_init SYSTEM \"http://127.0.0.1:1/x.dtd\">", "42");
	assert_int_equal(mlp_parse_request(xml, strlen(xml), &r, err, sizeof err), 0);
	free(r);
	free(xml);
	char *invalid = tlrsr_replaced(prolog, "<req_id>42</req_id>", "");
	assert_request_refused(invalid, MLP_SYNTAX_ERROR);

	assert_int_equal(accept(s, NULL, NULL), -1);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	close(s);
}

static void test_size_depth_version(void **state)
{
	size_t big = MLP_MAX_SIZE + 1;
	char *xml = malloc(big + 1), *small = tlrsr_with("", "1");
	(void)state;
	strcpy(xml, small);
	free(small);
	memset(xml + strlen(xml), ' ', big - strlen(xml)); /* trailing blanks: well-formed */
	xml[big] = '\0';
	struct mlp_request *r;
	assert_int_equal(mlp_parse_request(xml, big, &r, err, sizeof err), MLP_FORMAT_ERROR);
	assert_int_equal(mlp_parse_request(xml, MLP_MAX_SIZE, &r, err, sizeof err), 0);
	free(r);
	free(xml);

	size_t depth = 100000, n = 0;
	xml = malloc(depth * 7 + 64);
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(xml + n, "<a>");
	for (size_t i = 0; i < depth; i++)
		n += (size_t)sprintf(xml + n, "</a>");
	assert_request_refused(xml, MLP_FORMAT_ERROR);

	assert_request_refused(tlrsr_replaced("", "ver=\"3.5.0\"", "ver=\"4.0.0\""),
			       MLP_UNSUPPORTED_VERSION);
	assert_request_refused(tlrsr_replaced("", "ver=\"3.5.0\"", "ver=\"3.0.0\""),
			       MLP_UNSUPPORTED_VERSION);
	assert_request_refused(tlrsr_replaced("", " ver=\"3.5.0\"", ""),
			       MLP_UNSUPPORTED_VERSION);
	assert_request_refused(strdup("<svc_init ver=\"3.5.0\"><hdr>"), MLP_FORMAT_ERROR);
	assert_request_refused(strdup(""), MLP_FORMAT_ERROR);
}

/* The version a refusal is answered in: the root's ver, even of a request invalid otherwise; on
 * anything else -1, and the caller's default left as it was (the GMLC then answers in 3.5). */
static void test_document_version(void **state)
{
	static const char *const refused[] = {
		"<svc_init ver=\"3.4.0\"><hdr>", /* not well-formed */
		"",                                /* nothing */
		"<svc_init ver=\"4.0.0\"/>",       /* not one of ours */
		"<svc_init/>",                     /* no ver */
		"<!DOCTYPE a [<!ENTITY e \"x\">]><svc_init ver=\"3.4.0\">&e;</svc_init>", /* an entity */
	};
	static const char invalid_but_versioned[] = "<svc_init ver=\"3.2.0\"><nonsense/></svc_init>";
	enum mlp_version v = MLP_V3_5;
	(void)state;

	assert_int_equal(mlp_document_version(invalid_but_versioned, strlen(invalid_but_versioned), &v), 0);
	assert_int_equal(v, MLP_V3_2);
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		v = MLP_V3_5;
		if (mlp_document_version(refused[i], strlen(refused[i]), &v) != -1 || v != MLP_V3_5)
			fail_msg("document %zu: not refused, or the version changed to %d", i, (int)v);
	}
}

static void test_init(void **state)
{
	char *xml = tlrsr_with("", "1");
	struct mlp_request *r;
	(void)state;
	assert_int_equal(mlp_init("/nonexistent", err, sizeof err), MLP_SYSTEM_FAILURE);
	assert_non_null(strstr(err, "/nonexistent/MLP_v3_1.dtd"));
	assert_int_equal(mlp_parse_request(xml, strlen(xml), &r, err, sizeof err), MLP_SYSTEM_FAILURE);
	assert_int_equal(mlp_init(NULL, err, sizeof err), 0);
	assert_int_equal(mlp_parse_request(xml, strlen(xml), &r, err, sizeof err), 0);
	free(r);
	free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_result_names),
		cmocka_unit_test(test_requests_every_version),
		cmocka_unit_test(test_distance_event_from_3_4),
		cmocka_unit_test(test_duration_from_3_4),
		cmocka_unit_test(test_distance_event_as_oma_writes_it),
		cmocka_unit_test(test_mlp_3_1_client),
		cmocka_unit_test(test_optional_parts_peers_send),
		cmocka_unit_test(test_message_ver),
		cmocka_unit_test(test_eqop),
		cmocka_unit_test(test_qos_class_by_version),
		cmocka_unit_test(test_what_3_1_lacks),
		cmocka_unit_test(test_tlrr_qop),
		cmocka_unit_test(test_times_and_intervals),
		cmocka_unit_test(test_answers_every_version),
		cmocka_unit_test(test_answers_with_optional_parts),
		cmocka_unit_test(test_tlrep_More),
		cmocka_unit_test(test_answer_with_result_0),
		cmocka_unit_test(test_tlrsr_as_oma_writes_it),
		cmocka_unit_test(test_altitude_uncertainty_by_version),
		cmocka_unit_test(test_gem_writer),
		cmocka_unit_test(test_writers_refuse_what_is_not_xml_text),
		cmocka_unit_test(mutated_documents_are_read_or_refused),
		cmocka_unit_test(test_dtds_refuse_invalid_requests),
		cmocka_unit_test(test_dtds_refuse_invalid_answers),
		cmocka_unit_test(test_qos_not_met),
		cmocka_unit_test(test_external_entity),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_external_dtd_not_fetched),
		cmocka_unit_test(test_size_depth_version),
		cmocka_unit_test(test_document_version),
		cmocka_unit_test(test_init),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
