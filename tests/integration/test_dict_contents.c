/* Independent check of the dictionary extensions dict_sh.fdx (Sh, TS 29.329), dict_slh.fdx
 * (SLh, TS 29.173), dict_slg.fdx (SLg, TS 29.172) and dict_charging.fdx (TS 32.299
 * Service-Information) against the project's spec fact sheets.
 *
 * Every expectation below is transcribed from /work/shared/specs/sh.md (§1.1-1.4) and
 * /work/shared/specs/lcs.md (§1.4-1.5) and charging.md (§2.5), NOT from the extensions' sources: the point is an
 * independent check. Where a value is not stated in the sheets but the sheets' text needs it
 * (e.g. codes of AVPs that appear only inside another AVP's structure), the comment says so.
 *
 * The test loads Debian's dictionaries (dict_nasreq, dict_dcca, dict_dcca_3gpp) and our four
 * extensions from $TK_FDX_DIR into an embedded libfdcore (fd_core_parseconf only: no network, no
 * daemon), then looks everything up. Built with OUR_DICTIONARIES_ONLY (test_dict_lean.c), it loads
 * dict_slh, dict_sh and dict_slg alone, as the lab's Sh and location nodes do, and checks the same
 * Sh, SLh and SLg rows; with DEBIAN_AFTER_OURS (test_dict_debian_after.c), Debian's dictionaries
 * come after those three (dict_charging, which needs them, last), and every row is checked:
 *   - applications by id (vendor 10415);
 *   - commands by code (CMD_BY_CODE_R / CMD_BY_CODE_A; names are not fixed by the specs): flags,
 *     owning application, request/answer pairing;
 *   - AVPs by code AND vendor (names differ between sources, e.g. Debian's "User-Data-29.329"):
 *     base type, derived type where the sheet names one, V/M flags;
 *   - enumerated values by value (names vary in spelling between sources);
 *   - grouped AVP contents and command ABNFs through RULE_BY_AVP_AND_PARENT.
 *
 * Each check reports every mismatch it finds (print_error) and then asserts the count is 0, so a
 * single run lists all of them. Run: TK_FDX_DIR=/work/main/build/fdx build/tests/test_dict_contents
 */
#include <freeDiameter/freeDiameter-host.h>
#include <freeDiameter/libfdcore.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define VENDOR_3GPP 10415
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- set-up ------------------------------------------------------------------------------- */

static char tmp_dir[4096];
static char conf_path[4200];
static struct dictionary *dict;

/* What the node loads, in order: Debian's dictionaries by path, ours by name in $TK_FDX_DIR. */
#define DEBIAN(name) "/usr/lib/freeDiameter/" name
#define DEBIAN_DICTIONARIES DEBIAN("dict_nasreq.fdx"), DEBIAN("dict_dcca.fdx"), DEBIAN("dict_dcca_3gpp.fdx")
#define OUR_DICTIONARIES "dict_slh.fdx", "dict_sh.fdx", "dict_slg.fdx"
#if defined(OUR_DICTIONARIES_ONLY)
static const char *const load_order[] = { OUR_DICTIONARIES };
#elif defined(DEBIAN_AFTER_OURS)
static const char *const load_order[] = { OUR_DICTIONARIES, DEBIAN_DICTIONARIES, "dict_charging.fdx" };
#else
static const char *const load_order[] = { DEBIAN_DICTIONARIES, OUR_DICTIONARIES, "dict_charging.fdx" };
#endif

static int group_setup(void **state)
{
	(void)state;
	const char *fdx_dir = getenv("TK_FDX_DIR");
	if (fdx_dir == NULL || fdx_dir[0] == '\0') {
		print_error("TK_FDX_DIR is not set: point it at the folder holding dict_slh.fdx, "
			    "dict_sh.fdx and dict_slg.fdx (e.g. TK_FDX_DIR=/work/main/build/fdx)\n");
		return -1;
	}
	int missing = 0;
	for (size_t i = 0; i < COUNT(load_order); i++) {
		char path[4200];
		if (load_order[i][0] == '/')
			continue;
		snprintf(path, sizeof(path), "%s/%s", fdx_dir, load_order[i]);
		if (access(path, R_OK) != 0) {
			print_error("extension not found: %s (TK_FDX_DIR=%s)\n", path, fdx_dir);
			missing++;
		}
	}
	if (missing)
		return -1;

	const char *tmp = getenv("TMPDIR");
	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	snprintf(tmp_dir, sizeof(tmp_dir), "%s/test_dict_contents.XXXXXX", tmp);
	if (mkdtemp(tmp_dir) == NULL) {
		print_error("mkdtemp(%s): %s\n", tmp_dir, strerror(errno));
		tmp_dir[0] = '\0';
		return -1;
	}
	snprintf(conf_path, sizeof(conf_path), "%s/dict.conf", tmp_dir);
	FILE *f = fopen(conf_path, "w");
	if (f == NULL) {
		print_error("fopen(%s): %s\n", conf_path, strerror(errno));
		conf_path[0] = '\0';
		return -1;
	}
	fprintf(f,
		"Identity = \"dict.test.localdomain\";\n"
		"Realm = \"test.localdomain\";\n"
		"Port = 0;\n"
		"SecPort = 0;\n"
		"No_SCTP;\n");
	for (size_t i = 0; i < COUNT(load_order); i++)
		fprintf(f, "LoadExtension = \"%s%s%s\";\n", load_order[i][0] == '/' ? "" : fdx_dir,
			load_order[i][0] == '/' ? "" : "/", load_order[i]);
	if (fclose(f) != 0) {
		print_error("writing %s: %s\n", conf_path, strerror(errno));
		return -1;
	}

	fd_g_debug_lvl = FD_LOG_ERROR;
	int ret = fd_core_initialize();
	if (ret != 0) {
		print_error("fd_core_initialize() failed: %s\n", strerror(ret));
		return -1;
	}
	ret = fd_core_parseconf(conf_path);
	if (ret != 0) {
		print_error("fd_core_parseconf(%s) failed (%s): one of the dictionaries or extensions "
			    "did not load, see the freeDiameter errors above\n",
			    conf_path, strerror(ret < 0 ? -ret : ret));
		return -1;
	}
	dict = fd_g_config->cnf_dict;
	if (dict == NULL) {
		print_error("no dictionary after fd_core_parseconf\n");
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	if (conf_path[0] != '\0')
		unlink(conf_path);
	if (tmp_dir[0] != '\0' && rmdir(tmp_dir) != 0)
		print_error("rmdir(%s): %s\n", tmp_dir, strerror(errno));
	return 0;
}

/* ---- reporting ---------------------------------------------------------------------------- */

static int mismatch(const char *area, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int mismatch(const char *area, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	print_error("MISMATCH [%s] %s\n", area, buf);
	return 1;
}

static void finish(const char *area, int errors, size_t rows)
{
	if (errors)
		print_error("[%s] %d mismatch(es) in %zu row(s)\n", area, errors, rows);
	else
		print_message("[%s] %zu row(s) checked\n", area, rows);
	assert_int_equal(errors, 0);
}

/* ---- look-ups ----------------------------------------------------------------------------- */

static struct dict_object *find_avp(avp_code_t code, vendor_id_t vendor)
{
	struct dict_object *obj = NULL;
	struct dict_avp_request req = { .avp_vendor = vendor, .avp_code = code, .avp_name = NULL };
	if (fd_dict_search(dict, DICT_AVP, AVP_BY_CODE_AND_VENDOR, &req, &obj, ENOENT) != 0)
		return NULL;
	return obj;
}

static const char *avp_name(struct dict_object *avp, struct dict_avp_data *data)
{
	if (avp == NULL || fd_dict_getval(avp, data) != 0 || data->avp_name == NULL)
		return "?";
	return data->avp_name;
}

/* The derived type of an AVP (NULL when it has none); its name in *name. */
static struct dict_object *avp_type(struct dict_object *avp, const char **name)
{
	struct dict_object *type = NULL;
	struct dict_type_data td;
	*name = NULL;
	if (fd_dict_search(dict, DICT_TYPE, TYPE_OF_AVP, avp, &type, ENOENT) != 0 || type == NULL)
		return NULL;
	if (fd_dict_getval(type, &td) == 0)
		*name = td.type_name;
	return type;
}

static const char *basetype_name(enum dict_avp_basetype t)
{
	switch (t) {
	case AVP_TYPE_GROUPED: return "Grouped";
	case AVP_TYPE_OCTETSTRING: return "OctetString";
	case AVP_TYPE_INTEGER32: return "Integer32";
	case AVP_TYPE_INTEGER64: return "Integer64";
	case AVP_TYPE_UNSIGNED32: return "Unsigned32";
	case AVP_TYPE_UNSIGNED64: return "Unsigned64";
	case AVP_TYPE_FLOAT32: return "Float32";
	case AVP_TYPE_FLOAT64: return "Float64";
	}
	return "?";
}

/* ---- applications and commands ------------------------------------------------------------ */

struct app_exp {
	application_id_t id;
	vendor_id_t vendor;
	const char *label;
};

struct cmd_exp {
	command_code_t code;
	application_id_t app;
	const char *label; /* "UDR/UDA": for messages only, names are not checked */
};

static int check_app(const char *area, const struct app_exp *e)
{
	struct dict_object *app = NULL, *vendor = NULL;
	struct dict_application_data ad;
	struct dict_vendor_data vd;
	application_id_t id = e->id;
	if (fd_dict_search(dict, DICT_APPLICATION, APPLICATION_BY_ID, &id, &app, ENOENT) != 0 || app == NULL)
		return mismatch(area, "application %u (%s) not in the dictionary", e->id, e->label);
	if (fd_dict_getval(app, &ad) != 0)
		return mismatch(area, "application %u (%s): fd_dict_getval failed", e->id, e->label);
	if (fd_dict_search(dict, DICT_VENDOR, VENDOR_OF_APPLICATION, app, &vendor, ENOENT) != 0 ||
	    vendor == NULL || fd_dict_getval(vendor, &vd) != 0)
		return mismatch(area, "application %u (%s, named \"%s\"): no vendor, sheet says %u",
				e->id, e->label, ad.application_name, e->vendor);
	if (vd.vendor_id != e->vendor)
		return mismatch(area, "application %u (%s, named \"%s\"): vendor %u, sheet says %u",
				e->id, e->label, ad.application_name, vd.vendor_id, e->vendor);
	return 0;
}

static int check_cmd_side(const char *area, const struct cmd_exp *e, int request,
			  struct dict_object **out)
{
	const char *side = request ? "request" : "answer";
	struct dict_object *cmd = NULL, *app = NULL;
	struct dict_cmd_data cd;
	struct dict_application_data ad;
	command_code_t code = e->code;
	int errors = 0;
	*out = NULL;
	if (fd_dict_search(dict, DICT_COMMAND, request ? CMD_BY_CODE_R : CMD_BY_CODE_A, &code, &cmd,
			   ENOENT) != 0 || cmd == NULL)
		return mismatch(area, "command %u %s (%s) not in the dictionary", e->code, side, e->label);
	*out = cmd;
	if (fd_dict_getval(cmd, &cd) != 0)
		return mismatch(area, "command %u %s: fd_dict_getval failed", e->code, side);
	uint8_t want_val = request ? (CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE) : CMD_FLAG_PROXIABLE;
	if ((cd.cmd_flag_mask & (CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE)) != (CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE) ||
	    (cd.cmd_flag_val & (CMD_FLAG_REQUEST | CMD_FLAG_PROXIABLE)) != want_val)
		errors += mismatch(area, "command %u %s \"%s\": flags mask 0x%02x val 0x%02x, sheet says %s "
				   "(R,P fixed; val R|P on requests, P on answers)",
				   e->code, side, cd.cmd_name, cd.cmd_flag_mask, cd.cmd_flag_val,
				   request ? "REQ,PXY" : "PXY");
	if (fd_dict_search(dict, DICT_APPLICATION, APPLICATION_OF_COMMAND, cmd, &app, ENOENT) != 0 ||
	    app == NULL || fd_dict_getval(app, &ad) != 0)
		errors += mismatch(area, "command %u %s \"%s\": no application, sheet says %u",
				   e->code, side, cd.cmd_name, e->app);
	else if (ad.application_id != e->app)
		errors += mismatch(area, "command %u %s \"%s\": belongs to application %u (%s), sheet says %u",
				   e->code, side, cd.cmd_name, ad.application_id, ad.application_name, e->app);
	return errors;
}

static int check_cmd(const char *area, const struct cmd_exp *e)
{
	struct dict_object *req, *ans, *pair = NULL;
	int errors = check_cmd_side(area, e, 1, &req);
	errors += check_cmd_side(area, e, 0, &ans);
	if (req != NULL && ans != NULL &&
	    (fd_dict_search(dict, DICT_COMMAND, CMD_ANSWER, req, &pair, ENOENT) != 0 || pair != ans))
		errors += mismatch(area, "command %u (%s): CMD_ANSWER of the request is not the answer "
				   "found by CMD_BY_CODE_A", e->code, e->label);
	return errors;
}

static void run_apps_cmds(const char *area, const struct app_exp *apps, size_t napps,
			  const struct cmd_exp *cmds, size_t ncmds)
{
	int errors = 0;
	for (size_t i = 0; i < napps; i++)
		errors += check_app(area, &apps[i]);
	for (size_t i = 0; i < ncmds; i++)
		errors += check_cmd(area, &cmds[i]);
	finish(area, errors, napps + ncmds);
}

/* ---- AVPs ---------------------------------------------------------------------------------- */

/* The "Type" column of the sheets. Address, Time, UTF8String and DiameterIdentity are
 * OctetString-based derived types; Enumerated is Integer32-based. */
enum xtype {
	X_ANY, /* not stated by the sheet: not checked */
	X_GROUPED,
	X_OCTETSTRING,
	X_UTF8STRING,
	X_DIAMETERIDENTITY,
	X_ADDRESS,
	X_TIME,
	X_ENUMERATED,
	X_UNSIGNED32,
};

/* The "Flags (M/V)" column. */
enum xflags {
	XF_MV,      /* "M,V": mask M|V, val M|V */
	XF_V,       /* "V" / "V (M must not)": mask M|V, val V */
	XF_V_MMAY,  /* "V (M may)": V fixed set, M not checked */
	XF_V_MUNST, /* reused AVP whose M rule the sheet does not state: V fixed set, M not checked */
	XF_M0,      /* vendor-0 AVP "M": M fixed set, V not set */
	XF_RESOLVE, /* only check that code+vendor resolve (IETF rows, "various" rows) */
};

struct avp_exp {
	avp_code_t code;
	vendor_id_t vendor;
	const char *name; /* the sheet's name, for messages only */
	enum xtype type;
	enum xflags flags;
};

static const char *xtype_name(enum xtype t)
{
	switch (t) {
	case X_ANY: return "(any)";
	case X_GROUPED: return "Grouped";
	case X_OCTETSTRING: return "OctetString";
	case X_UTF8STRING: return "UTF8String";
	case X_DIAMETERIDENTITY: return "DiameterIdentity";
	case X_ADDRESS: return "Address";
	case X_TIME: return "Time";
	case X_ENUMERATED: return "Enumerated";
	case X_UNSIGNED32: return "Unsigned32";
	}
	return "?";
}

static const char *xflags_name(enum xflags f)
{
	switch (f) {
	case XF_MV: return "M,V";
	case XF_V: return "V (M must not)";
	case XF_V_MMAY: return "V (M may)";
	case XF_V_MUNST: return "V";
	case XF_M0: return "M";
	case XF_RESOLVE: return "-";
	}
	return "?";
}

static int check_avp(const char *area, const struct avp_exp *e)
{
	struct dict_object *avp = find_avp(e->code, e->vendor);
	struct dict_avp_data ad;
	int errors = 0;
	if (avp == NULL)
		return mismatch(area, "AVP %u vendor %u (%s) not in the dictionary", e->code, e->vendor, e->name);
	if (fd_dict_getval(avp, &ad) != 0)
		return mismatch(area, "AVP %u vendor %u (%s): fd_dict_getval failed", e->code, e->vendor, e->name);
	if (e->flags == XF_RESOLVE)
		return 0;

	/* base type, and the derived type where the sheet names one */
	enum dict_avp_basetype want_base;
	const char *want_derived = NULL;
	int check_base = 1;
	switch (e->type) {
	case X_ANY: check_base = 0; want_base = AVP_TYPE_OCTETSTRING; break;
	case X_GROUPED: want_base = AVP_TYPE_GROUPED; break;
	case X_OCTETSTRING: want_base = AVP_TYPE_OCTETSTRING; break;
	case X_UTF8STRING: want_base = AVP_TYPE_OCTETSTRING; want_derived = "UTF8String"; break;
	case X_DIAMETERIDENTITY: want_base = AVP_TYPE_OCTETSTRING; want_derived = "DiameterIdentity"; break;
	case X_ADDRESS: want_base = AVP_TYPE_OCTETSTRING; want_derived = "Address"; break;
	case X_TIME: want_base = AVP_TYPE_OCTETSTRING; want_derived = "Time"; break;
	case X_ENUMERATED: want_base = AVP_TYPE_INTEGER32; break;
	case X_UNSIGNED32: want_base = AVP_TYPE_UNSIGNED32; break;
	default: check_base = 0; want_base = AVP_TYPE_OCTETSTRING; break;
	}
	if (check_base && ad.avp_basetype != want_base) {
		errors += mismatch(area, "AVP %u vendor %u \"%s\" (sheet: %s %s): base type %s, expected %s",
				   e->code, e->vendor, ad.avp_name, e->name, xtype_name(e->type),
				   basetype_name(ad.avp_basetype), basetype_name(want_base));
	} else if (check_base) {
		const char *tname = NULL;
		struct dict_object *type = avp_type(avp, &tname);
		if (want_derived != NULL && (tname == NULL || strcmp(tname, want_derived) != 0))
			errors += mismatch(area, "AVP %u vendor %u \"%s\" (sheet: %s %s): derived type \"%s\", "
					   "expected \"%s\" (encoding/decoding callbacks of that type missing)",
					   e->code, e->vendor, ad.avp_name, e->name, xtype_name(e->type),
					   tname ? tname : "(none)", want_derived);
		if (e->type == X_ENUMERATED && type == NULL)
			errors += mismatch(area, "AVP %u vendor %u \"%s\" (sheet: %s Enumerated): no enumerated "
					   "type (TYPE_OF_AVP not found)", e->code, e->vendor, ad.avp_name, e->name);
	}

	/* flags */
	const uint8_t V = AVP_FLAG_VENDOR, M = AVP_FLAG_MANDATORY;
	int ok = 1;
	switch (e->flags) {
	case XF_MV:
		ok = (ad.avp_flag_mask & (M | V)) == (M | V) && (ad.avp_flag_val & (M | V)) == (M | V);
		break;
	case XF_V:
		ok = (ad.avp_flag_mask & (M | V)) == (M | V) && (ad.avp_flag_val & (M | V)) == V;
		break;
	case XF_V_MMAY:
	case XF_V_MUNST:
		ok = (ad.avp_flag_mask & V) && (ad.avp_flag_val & V);
		break;
	case XF_M0:
		ok = (ad.avp_flag_mask & M) && (ad.avp_flag_val & M) && !(ad.avp_flag_val & V);
		break;
	case XF_RESOLVE:
		break;
	}
	if (!ok)
		errors += mismatch(area, "AVP %u vendor %u \"%s\" (sheet: %s): flags mask %s%s val %s%s, sheet says %s",
				   e->code, e->vendor, ad.avp_name, e->name,
				   (ad.avp_flag_mask & V) ? "V" : "-", (ad.avp_flag_mask & M) ? "M" : "-",
				   (ad.avp_flag_val & V) ? "V" : "-", (ad.avp_flag_val & M) ? "M" : "-",
				   xflags_name(e->flags));
	return errors;
}

static void run_avps(const char *area, const struct avp_exp *rows, size_t n)
{
	int errors = 0;
	for (size_t i = 0; i < n; i++)
		errors += check_avp(area, &rows[i]);
	finish(area, errors, n);
}

/* ---- enumerated values --------------------------------------------------------------------- */

struct enum_exp {
	avp_code_t code;
	vendor_id_t vendor;
	const char *avp;
	int32_t value;
	const char *name; /* the sheet's spelling; names are not compared */
};

static int check_enum(const char *area, const struct enum_exp *e)
{
	struct dict_object *avp = find_avp(e->code, e->vendor), *type, *val = NULL;
	struct dict_avp_data ad;
	const char *tname;
	if (avp == NULL)
		return mismatch(area, "%s %d (%s): AVP %u vendor %u not in the dictionary",
				e->avp, e->value, e->name, e->code, e->vendor);
	type = avp_type(avp, &tname);
	if (type == NULL)
		return mismatch(area, "%s %d (%s): AVP %u \"%s\" has no enumerated type",
				e->avp, e->value, e->name, e->code, avp_name(avp, &ad));
	struct dict_enumval_request req;
	memset(&req, 0, sizeof(req));
	req.type_obj = type;
	req.search.enum_name = NULL;
	req.search.enum_value.i32 = e->value;
	if (fd_dict_search(dict, DICT_ENUMVAL, ENUMVAL_BY_STRUCT, &req, &val, ENOENT) != 0 || val == NULL)
		return mismatch(area, "%s (AVP %u \"%s\", type \"%s\"): value %d (%s) not defined",
				e->avp, e->code, avp_name(avp, &ad), tname ? tname : "?", e->value, e->name);
	return 0;
}

static void run_enums(const char *area, const struct enum_exp *rows, size_t n)
{
	int errors = 0;
	for (size_t i = 0; i < n; i++)
		errors += check_enum(area, &rows[i]);
	finish(area, errors, n);
}

/* ---- rules (grouped AVP contents and command ABNFs) ----------------------------------------- */

enum rkind {
	R_ANY,   /* the sheet only says "contains": a rule must exist */
	R_FIXED, /* < X >  : RULE_FIXED_HEAD, order 1 */
	R_REQ1,  /* { X }  : required, max 1 */
	R_REQ1A, /* { X } in an answer, for Vendor-Specific-Application-Id and Auth-Session-State: see
		  * below; an OPTIONAL rule with max 1 is tolerated and printed as a NOTE */
	R_REQN,  /* *{ X } : required (min >= 1), more than one allowed */
	R_OPT1,  /* [ X ]  : optional, max 1 */
	R_OPTN,  /* *[ X ] : optional, more than one allowed */
	R_OPT,   /* optional, either max (the sheet accepts both an older and a newer form) */
};

struct rule_exp {
	avp_code_t code;
	vendor_id_t vendor;
	const char *name;
	enum rkind kind;
};

/* (code, vendor, name); variadic so that the base-AVP shorthands below expand to the triple */
#define FIX(...) { __VA_ARGS__, R_FIXED }
#define REQ(...) { __VA_ARGS__, R_REQ1 }
#define REQN(...) { __VA_ARGS__, R_REQN }
/* Answers: the ABNFs require Vendor-Specific-Application-Id (Sh) and Auth-Session-State (all), but
 * freeDiameter checks the rules of every answer it receives and drops the ones that break them
 * (freediameter-1.2.1.md §1.7), and the answers freeDiameter itself builds for requests it rejects
 * before dispatch (e.g. 5005 DIAMETER_MISSING_AVP, 5004, no E bit) carry neither AVP. A receiver-
 * side OPTIONAL rule for these two is therefore accepted; it is reported as a NOTE, not counted.
 * To make the check strict, define REQA as REQ. */
#define REQA(...) { __VA_ARGS__, R_REQ1A }
#define OPT(...) { __VA_ARGS__, R_OPT1 }
#define OPTN(...) { __VA_ARGS__, R_OPTN }
#define OPTX(...) { __VA_ARGS__, R_OPT }
#define HAS(...) { __VA_ARGS__, R_ANY }

static const char *rkind_name(enum rkind k)
{
	switch (k) {
	case R_ANY: return "a rule";
	case R_FIXED: return "< X > (fixed head, order 1)";
	case R_REQ1: return "{ X } (required, max 1)";
	case R_REQ1A: return "{ X } (required, max 1; optional tolerated in answers)";
	case R_REQN: return "*{ X } (required, min 1, several allowed)";
	case R_OPT1: return "[ X ] (optional, max 1)";
	case R_OPTN: return "*[ X ] (optional, several allowed)";
	case R_OPT: return "[ X ] or *[ X ] (optional)";
	}
	return "?";
}

static const char *pos_name(enum rule_position p)
{
	switch (p) {
	case RULE_FIXED_HEAD: return "FIXED_HEAD";
	case RULE_REQUIRED: return "REQUIRED";
	case RULE_OPTIONAL: return "OPTIONAL";
	case RULE_FIXED_TAIL: return "FIXED_TAIL";
	}
	return "?";
}

static int is_required_kind(enum rkind k)
{
	return k == R_FIXED || k == R_REQ1 || k == R_REQ1A || k == R_REQN;
}

/* parent_label names the command or grouped AVP in messages. */
static int check_rule(const char *area, const char *parent_label, struct dict_object *parent,
		      const struct rule_exp *e)
{
	struct dict_object *child = find_avp(e->code, e->vendor), *rule = NULL;
	struct dict_rule_data rd;
	struct dict_avp_data ad;
	if (child == NULL)
		return mismatch(area, "%s: %s (AVP %u vendor %u) not in the dictionary, sheet wants %s",
				parent_label, e->name, e->code, e->vendor, rkind_name(e->kind));
	struct dict_rule_request req = { .rule_parent = parent, .rule_avp = child };
	if (fd_dict_search(dict, DICT_RULE, RULE_BY_AVP_AND_PARENT, &req, &rule, ENOENT) != 0 || rule == NULL)
		return mismatch(area, "%s: no rule for %s (AVP %u \"%s\"), sheet wants %s",
				parent_label, e->name, e->code, avp_name(child, &ad), rkind_name(e->kind));
	if (fd_dict_getval(rule, &rd) != 0)
		return mismatch(area, "%s: rule for %s: fd_dict_getval failed", parent_label, e->name);

	int min = rd.rule_min;
	if (min == -1)
		min = rd.rule_position == RULE_OPTIONAL ? 0 : 1;
	int required = (rd.rule_position == RULE_REQUIRED || rd.rule_position == RULE_FIXED_HEAD) && min != 0;
	int many = rd.rule_max == -1 || rd.rule_max > 1;
	int ok = 1;
	switch (e->kind) {
	case R_ANY: ok = 1; break;
	case R_FIXED: ok = rd.rule_position == RULE_FIXED_HEAD && rd.rule_order == 1 && min >= 1; break;
	case R_REQ1: ok = required && rd.rule_max == 1; break;
	case R_REQ1A:
		ok = rd.rule_max == 1;
		if (ok && !required)
			print_message("NOTE [%s] %s: %s (AVP %u) is %s min %d max %d; the ABNF says { X } "
				      "(tolerated: freeDiameter's own 5xxx answers lack it)\n",
				      area, parent_label, e->name, e->code, pos_name(rd.rule_position),
				      rd.rule_min, rd.rule_max);
		break;
	case R_REQN: ok = required && many; break;
	case R_OPT1: ok = !required && rd.rule_max == 1; break;
	case R_OPTN: ok = !required && many; break;
	case R_OPT: ok = !required && rd.rule_max != 0; break;
	}
	if (!ok)
		return mismatch(area, "%s: %s (AVP %u \"%s\") rule is %s order %u min %d max %d, sheet wants %s",
				parent_label, e->name, e->code, avp_name(child, &ad), pos_name(rd.rule_position),
				rd.rule_order, rd.rule_min, rd.rule_max, rkind_name(e->kind));
	return 0;
}

/* A grouped AVP's expected contents. */
struct group_exp {
	avp_code_t code;
	vendor_id_t vendor;
	const char *name;
	const struct rule_exp *rules;
	size_t count;
};

static void run_groups(const char *area, const struct group_exp *groups, size_t n)
{
	int errors = 0;
	size_t rows = 0;
	for (size_t g = 0; g < n; g++) {
		char label[128];
		snprintf(label, sizeof(label), "grouped %s (%u)", groups[g].name, groups[g].code);
		struct dict_object *parent = find_avp(groups[g].code, groups[g].vendor);
		rows += groups[g].count;
		if (parent == NULL) {
			errors += mismatch(area, "%s: AVP not in the dictionary", label);
			continue;
		}
		for (size_t i = 0; i < groups[g].count; i++)
			errors += check_rule(area, label, parent, &groups[g].rules[i]);
	}
	finish(area, errors, rows);
}

/* A command's expected ABNF. */
struct msg_exp {
	command_code_t code;
	int request;
	const char *name; /* the sheet's name, for messages only */
	const struct rule_exp *rules;
	size_t count;
};

#define MSG(code, req, name, rules) { code, req, name, rules, COUNT(rules) }

/* which = 1: only the required rules ({ }, < >), 0: only the optional ones. */
static void run_msgs(const char *area, const struct msg_exp *msgs, size_t n, int which)
{
	int errors = 0;
	size_t rows = 0;
	for (size_t m = 0; m < n; m++) {
		char label[128];
		command_code_t code = msgs[m].code;
		struct dict_object *cmd = NULL;
		snprintf(label, sizeof(label), "%s (%u %s)", msgs[m].name, code, msgs[m].request ? "R" : "A");
		if (fd_dict_search(dict, DICT_COMMAND, msgs[m].request ? CMD_BY_CODE_R : CMD_BY_CODE_A, &code,
				   &cmd, ENOENT) != 0 || cmd == NULL) {
			errors += mismatch(area, "%s: command not in the dictionary", label);
			continue;
		}
		for (size_t i = 0; i < msgs[m].count; i++) {
			if (is_required_kind(msgs[m].rules[i].kind) != which)
				continue;
			rows++;
			errors += check_rule(area, label, cmd, &msgs[m].rules[i]);
		}
	}
	finish(area, errors, rows);
}

/* ================================================================================================
 * Tables
 * ============================================================================================== */

#define V3 VENDOR_3GPP

/* Base protocol AVPs (RFC 6733) used in the ABNFs */
#define SESSION_ID 263, 0, "Session-Id"
#define VSAI 260, 0, "Vendor-Specific-Application-Id"
#define AUTH_SESSION_STATE 277, 0, "Auth-Session-State"
#define ORIGIN_HOST 264, 0, "Origin-Host"
#define ORIGIN_REALM 296, 0, "Origin-Realm"
#define DEST_HOST 293, 0, "Destination-Host"
#define DEST_REALM 283, 0, "Destination-Realm"
#define RESULT_CODE 268, 0, "Result-Code"
#define EXP_RESULT 297, 0, "Experimental-Result"
#define FAILED_AVP 279, 0, "Failed-AVP"
#define PROXY_INFO 284, 0, "Proxy-Info"
#define ROUTE_RECORD 282, 0, "Route-Record"
#define USER_NAME 1, 0, "User-Name"
/* IETF extensions named by the 29.329 Rel-15 ABNF (vendor 0) */
#define DRMP 301, 0, "DRMP"
#define OC_SUPPORTED_FEATURES 621, 0, "OC-Supported-Features"
#define OC_OLR 623, 0, "OC-OLR"
#define LOAD 650, 0, "Load"
#define SUPPORTED_FEATURES 628, V3, "Supported-Features"

/* ---- Sh (sh.md §1.1-1.4) ------------------------------------------------------------------- */

#define SH_APP 16777217

static const struct app_exp sh_apps[] = {
	{ SH_APP, V3, "Sh" },
};

static const struct cmd_exp sh_cmds[] = {
	{ 306, SH_APP, "UDR/UDA" },
	{ 307, SH_APP, "PUR/PUA" },
	{ 308, SH_APP, "SNR/SNA" },
	{ 309, SH_APP, "PNR/PNA" },
};

/* sh.md §1.3 table, every row */
static const struct avp_exp sh_avp_rows[] = {
	{ 700, V3, "User-Identity", X_GROUPED, XF_MV },
	{ 701, V3, "MSISDN", X_OCTETSTRING, XF_MV },
	{ 702, V3, "User-Data", X_OCTETSTRING, XF_MV },
	{ 703, V3, "Data-Reference", X_ENUMERATED, XF_MV },
	{ 704, V3, "Service-Indication", X_OCTETSTRING, XF_MV },
	{ 705, V3, "Subs-Req-Type", X_ENUMERATED, XF_MV },
	{ 706, V3, "Requested-Domain", X_ENUMERATED, XF_MV },
	{ 707, V3, "Current-Location", X_ENUMERATED, XF_MV },
	{ 708, V3, "Identity-Set", X_ENUMERATED, XF_V },
	{ 709, V3, "Expiry-Time", X_TIME, XF_V },
	{ 710, V3, "Send-Data-Indication", X_ENUMERATED, XF_V },
	{ 711, V3, "DSAI-Tag", X_OCTETSTRING, XF_MV },
	{ 712, V3, "One-Time-Notification", X_ENUMERATED, XF_V },
	{ 713, V3, "Requested-Nodes", X_UNSIGNED32, XF_V },
	{ 714, V3, "Serving-Node-Indication", X_ENUMERATED, XF_V },
	{ 715, V3, "Repository-Data-ID", X_GROUPED, XF_V },
	{ 716, V3, "Sequence-Number", X_UNSIGNED32, XF_V },
	{ 717, V3, "Pre-paging-Supported", X_ENUMERATED, XF_V },
	{ 718, V3, "Local-Time-Zone-Indication", X_ENUMERATED, XF_V },
	{ 719, V3, "UDR-Flags", X_UNSIGNED32, XF_V },
	{ 720, V3, "Call-Reference-Info", X_GROUPED, XF_V },
	{ 721, V3, "Call-Reference-Number", X_OCTETSTRING, XF_V },
	{ 722, V3, "AS-Number", X_OCTETSTRING, XF_V },
	{ 601, V3, "Public-Identity", X_UTF8STRING, XF_MV },
	{ 602, V3, "Server-Name", X_UTF8STRING, XF_MV },
	{ 628, V3, "Supported-Features", X_GROUPED, XF_V_MMAY },
	{ 629, V3, "Feature-List-ID", X_UNSIGNED32, XF_V },
	{ 630, V3, "Feature-List", X_UNSIGNED32, XF_V },
	{ 634, V3, "Wildcarded-Public-Identity", X_UTF8STRING, XF_V },
	{ 636, V3, "Wildcarded-IMPU", X_UTF8STRING, XF_V },
	{ 650, V3, "Session-Priority", X_ENUMERATED, XF_V },
	{ 3111, V3, "External-Identifier", X_UTF8STRING, XF_MV },
	{ 1, 0, "User-Name", X_UTF8STRING, XF_M0 },
	/* IETF rows (vendor 0): only resolved */
	{ 301, 0, "DRMP", X_ANY, XF_RESOLVE },
	{ 621, 0, "OC-Supported-Features", X_ANY, XF_RESOLVE },
	{ 623, 0, "OC-OLR", X_ANY, XF_RESOLVE },
	{ 650, 0, "Load", X_ANY, XF_RESOLVE },
};

/* sh.md §1.3 "Values" column and §1.4 (Data-Reference; 20 is reserved) */
static const struct enum_exp sh_enum_rows[] = {
	{ 703, V3, "Data-Reference", 0, "RepositoryData" },
	{ 703, V3, "Data-Reference", 10, "IMSPublicIdentity" },
	{ 703, V3, "Data-Reference", 11, "IMSUserState" },
	{ 703, V3, "Data-Reference", 12, "S-CSCFName" },
	{ 703, V3, "Data-Reference", 13, "InitialFilterCriteria" },
	{ 703, V3, "Data-Reference", 14, "LocationInformation" },
	{ 703, V3, "Data-Reference", 15, "UserState" },
	{ 703, V3, "Data-Reference", 16, "ChargingInformation" },
	{ 703, V3, "Data-Reference", 17, "MSISDN" },
	{ 703, V3, "Data-Reference", 18, "PSIActivation" },
	{ 703, V3, "Data-Reference", 19, "DSAI" },
	{ 703, V3, "Data-Reference", 21, "ServiceLevelTraceInfo" },
	{ 703, V3, "Data-Reference", 22, "IPAddressSecureBindingInformation" },
	{ 703, V3, "Data-Reference", 23, "ServicePriorityLevel" },
	{ 703, V3, "Data-Reference", 24, "SMSRegistrationInfo" },
	{ 703, V3, "Data-Reference", 25, "UEReachabilityForIP" },
	{ 703, V3, "Data-Reference", 26, "TADSinformation" },
	{ 703, V3, "Data-Reference", 27, "STN-SR" },
	{ 703, V3, "Data-Reference", 28, "UE-SRVCC-Capability" },
	{ 703, V3, "Data-Reference", 29, "ExtendedPriority" },
	{ 703, V3, "Data-Reference", 30, "CSRN" },
	{ 703, V3, "Data-Reference", 31, "ReferenceLocationInformation" },
	{ 703, V3, "Data-Reference", 32, "IMSI" },
	{ 703, V3, "Data-Reference", 33, "IMSPrivateUserIdentity" },
	{ 703, V3, "Data-Reference", 34, "IMEISV" },
	{ 703, V3, "Data-Reference", 35, "UE-5G-SRVCC-Capability" },
	{ 705, V3, "Subs-Req-Type", 0, "Subscribe" },
	{ 705, V3, "Subs-Req-Type", 1, "Unsubscribe" },
	{ 706, V3, "Requested-Domain", 0, "CS-Domain" },
	{ 706, V3, "Requested-Domain", 1, "PS-Domain" },
	{ 707, V3, "Current-Location", 0, "DoNotNeedInitiateActiveLocationRetrieval" },
	{ 707, V3, "Current-Location", 1, "InitiateActiveLocationRetrieval" },
	{ 708, V3, "Identity-Set", 0, "ALL_IDENTITIES" },
	{ 708, V3, "Identity-Set", 1, "REGISTERED_IDENTITIES" },
	{ 708, V3, "Identity-Set", 2, "IMPLICIT_IDENTITIES" },
	{ 708, V3, "Identity-Set", 3, "ALIAS_IDENTITIES" },
	{ 710, V3, "Send-Data-Indication", 0, "USER_DATA_NOT_REQUESTED" },
	{ 710, V3, "Send-Data-Indication", 1, "USER_DATA_REQUESTED" },
	{ 712, V3, "One-Time-Notification", 0, "ONE_TIME_NOTIFICATION_REQUESTED" },
	{ 714, V3, "Serving-Node-Indication", 0, "ONLY_SERVING_NODES_REQUIRED" },
	{ 717, V3, "Pre-paging-Supported", 0, "PREPAGING_NOT_SUPPORTED" },
	{ 717, V3, "Pre-paging-Supported", 1, "PREPAGING_SUPPORTED" },
	{ 718, V3, "Local-Time-Zone-Indication", 0, "ONLY_LOCAL_TIME_ZONE_REQUESTED" },
	{ 718, V3, "Local-Time-Zone-Indication", 1, "LOCAL_TIME_ZONE_WITH_LOCATION_INFO_REQUESTED" },
	{ 650, V3, "Session-Priority", 0, "PRIORITY-0" },
	{ 650, V3, "Session-Priority", 1, "PRIORITY-1" },
	{ 650, V3, "Session-Priority", 2, "PRIORITY-2" },
	{ 650, V3, "Session-Priority", 3, "PRIORITY-3" },
	{ 650, V3, "Session-Priority", 4, "PRIORITY-4" },
};

/* sh.md §1.3 "structure" column */
static const struct rule_exp sh_user_identity[] = {
	OPT(601, V3, "Public-Identity"),
	OPT(701, V3, "MSISDN"),
	OPT(3111, V3, "External-Identifier"),
};
static const struct rule_exp sh_repository_data_id[] = {
	REQ(704, V3, "Service-Indication"),
	REQ(716, V3, "Sequence-Number"),
};
static const struct rule_exp sh_call_reference_info[] = {
	REQ(721, V3, "Call-Reference-Number"),
	REQ(722, V3, "AS-Number"),
};
static const struct rule_exp sh_supported_features[] = {
	REQ(266, 0, "Vendor-Id"),
	REQ(629, V3, "Feature-List-ID"),
	REQ(630, V3, "Feature-List"),
};
static const struct group_exp sh_group_rows[] = {
	{ 700, V3, "User-Identity", sh_user_identity, COUNT(sh_user_identity) },
	{ 715, V3, "Repository-Data-ID", sh_repository_data_id, COUNT(sh_repository_data_id) },
	{ 720, V3, "Call-Reference-Info", sh_call_reference_info, COUNT(sh_call_reference_info) },
	{ 628, V3, "Supported-Features", sh_supported_features, COUNT(sh_supported_features) },
};

/* sh.md §1.2 (29.329 Rel-15/16 ABNF). *[AVP] is not a rule. */
static const struct rule_exp sh_udr[] = {
	FIX(SESSION_ID), OPT(DRMP), REQ(VSAI), REQ(AUTH_SESSION_STATE), REQ(ORIGIN_HOST),
	REQ(ORIGIN_REALM), OPT(DEST_HOST), REQ(DEST_REALM), OPTN(SUPPORTED_FEATURES),
	REQ(700, V3, "User-Identity"), OPT(634, V3, "Wildcarded-Public-Identity"),
	OPT(636, V3, "Wildcarded-IMPU"), OPT(602, V3, "Server-Name"), OPTN(704, V3, "Service-Indication"),
	REQN(703, V3, "Data-Reference"), OPTN(708, V3, "Identity-Set"), OPT(706, V3, "Requested-Domain"),
	OPT(707, V3, "Current-Location"), OPTN(711, V3, "DSAI-Tag"), OPT(650, V3, "Session-Priority"),
	OPT(USER_NAME), OPT(713, V3, "Requested-Nodes"), OPT(714, V3, "Serving-Node-Indication"),
	OPT(717, V3, "Pre-paging-Supported"), OPT(718, V3, "Local-Time-Zone-Indication"),
	OPT(719, V3, "UDR-Flags"), OPT(720, V3, "Call-Reference-Info"), OPT(OC_SUPPORTED_FEATURES),
	OPTN(PROXY_INFO), OPTN(ROUTE_RECORD),
};
/* Failed-AVP: [ ] in Rel-15, *[ ] in V7.1.0; the sheet says accept both. */
static const struct rule_exp sh_uda[] = {
	FIX(SESSION_ID), OPT(DRMP), REQA(VSAI), OPT(RESULT_CODE), OPT(EXP_RESULT),
	REQA(AUTH_SESSION_STATE), REQ(ORIGIN_HOST), REQ(ORIGIN_REALM), OPTN(SUPPORTED_FEATURES),
	OPT(634, V3, "Wildcarded-Public-Identity"), OPT(636, V3, "Wildcarded-IMPU"),
	OPT(702, V3, "User-Data"), OPT(OC_SUPPORTED_FEATURES), OPT(OC_OLR), OPTN(LOAD),
	OPTX(FAILED_AVP), OPTN(PROXY_INFO), OPTN(ROUTE_RECORD),
};
static const struct rule_exp sh_pur[] = {
	FIX(SESSION_ID), OPT(DRMP), REQ(VSAI), REQ(AUTH_SESSION_STATE), REQ(ORIGIN_HOST),
	REQ(ORIGIN_REALM), OPT(DEST_HOST), REQ(DEST_REALM), OPTN(SUPPORTED_FEATURES),
	REQ(700, V3, "User-Identity"), OPT(634, V3, "Wildcarded-Public-Identity"),
	OPT(636, V3, "Wildcarded-IMPU"), OPT(USER_NAME), REQN(703, V3, "Data-Reference"),
	REQ(702, V3, "User-Data"), OPT(OC_SUPPORTED_FEATURES), OPTN(PROXY_INFO), OPTN(ROUTE_RECORD),
};
static const struct rule_exp sh_pua[] = {
	FIX(SESSION_ID), OPT(DRMP), REQA(VSAI), OPT(RESULT_CODE), OPT(EXP_RESULT),
	REQA(AUTH_SESSION_STATE), REQ(ORIGIN_HOST), REQ(ORIGIN_REALM),
	OPT(634, V3, "Wildcarded-Public-Identity"), OPT(636, V3, "Wildcarded-IMPU"),
	OPT(715, V3, "Repository-Data-ID"), OPT(703, V3, "Data-Reference"), OPTN(SUPPORTED_FEATURES),
	OPT(OC_SUPPORTED_FEATURES), OPT(OC_OLR), OPTN(LOAD), OPTX(FAILED_AVP), OPTN(PROXY_INFO),
	OPTN(ROUTE_RECORD),
};
static const struct rule_exp sh_snr[] = {
	FIX(SESSION_ID), OPT(DRMP), REQ(VSAI), REQ(AUTH_SESSION_STATE), REQ(ORIGIN_HOST),
	REQ(ORIGIN_REALM), OPT(DEST_HOST), REQ(DEST_REALM), OPTN(SUPPORTED_FEATURES),
	REQ(700, V3, "User-Identity"), OPT(634, V3, "Wildcarded-Public-Identity"),
	OPT(636, V3, "Wildcarded-IMPU"), OPTN(704, V3, "Service-Indication"),
	OPT(710, V3, "Send-Data-Indication"), OPT(602, V3, "Server-Name"), REQ(705, V3, "Subs-Req-Type"),
	REQN(703, V3, "Data-Reference"), OPTN(708, V3, "Identity-Set"), OPT(709, V3, "Expiry-Time"),
	OPTN(711, V3, "DSAI-Tag"), OPT(712, V3, "One-Time-Notification"), OPT(USER_NAME),
	OPT(OC_SUPPORTED_FEATURES), OPTN(PROXY_INFO), OPTN(ROUTE_RECORD),
};
static const struct rule_exp sh_sna[] = {
	FIX(SESSION_ID), OPT(DRMP), REQA(VSAI), REQA(AUTH_SESSION_STATE), OPT(RESULT_CODE),
	OPT(EXP_RESULT), REQ(ORIGIN_HOST), REQ(ORIGIN_REALM), OPT(634, V3, "Wildcarded-Public-Identity"),
	OPT(636, V3, "Wildcarded-IMPU"), OPTN(SUPPORTED_FEATURES), OPT(702, V3, "User-Data"),
	OPT(709, V3, "Expiry-Time"), OPT(OC_SUPPORTED_FEATURES), OPT(OC_OLR), OPTN(LOAD),
	OPTX(FAILED_AVP), OPTN(PROXY_INFO), OPTN(ROUTE_RECORD),
};
static const struct rule_exp sh_pnr[] = {
	FIX(SESSION_ID), OPT(DRMP), REQ(VSAI), REQ(AUTH_SESSION_STATE), REQ(ORIGIN_HOST),
	REQ(ORIGIN_REALM), REQ(DEST_HOST), REQ(DEST_REALM), OPTN(SUPPORTED_FEATURES),
	REQ(700, V3, "User-Identity"), OPT(634, V3, "Wildcarded-Public-Identity"),
	OPT(636, V3, "Wildcarded-IMPU"), OPT(USER_NAME), REQ(702, V3, "User-Data"), OPTN(PROXY_INFO),
	OPTN(ROUTE_RECORD),
};
static const struct rule_exp sh_pna[] = {
	FIX(SESSION_ID), OPT(DRMP), REQA(VSAI), OPT(RESULT_CODE), OPT(EXP_RESULT),
	REQA(AUTH_SESSION_STATE), REQ(ORIGIN_HOST), REQ(ORIGIN_REALM), OPTN(SUPPORTED_FEATURES),
	OPTX(FAILED_AVP), OPTN(PROXY_INFO), OPTN(ROUTE_RECORD),
};
static const struct msg_exp sh_msgs[] = {
	MSG(306, 1, "User-Data-Request", sh_udr),
	MSG(306, 0, "User-Data-Answer", sh_uda),
	MSG(307, 1, "Profile-Update-Request", sh_pur),
	MSG(307, 0, "Profile-Update-Answer", sh_pua),
	MSG(308, 1, "Subscribe-Notifications-Request", sh_snr),
	MSG(308, 0, "Subscribe-Notifications-Answer", sh_sna),
	MSG(309, 1, "Push-Notification-Request", sh_pnr),
	MSG(309, 0, "Push-Notification-Answer", sh_pna),
};

/* ---- SLh (lcs.md §1.4) --------------------------------------------------------------------- */

#define SLH_APP 16777291

static const struct app_exp slh_apps[] = {
	{ SLH_APP, V3, "SLh" },
};

static const struct cmd_exp slh_cmds[] = {
	{ 8388622, SLH_APP, "RIR/RIA (LCS-Routing-Info)" },
};

static const struct avp_exp slh_avp_rows[] = {
	{ 2400, V3, "LMSI", X_OCTETSTRING, XF_MV },
	{ 2401, V3, "Serving-Node", X_GROUPED, XF_MV },
	{ 2402, V3, "MME-Name", X_DIAMETERIDENTITY, XF_MV },
	{ 2403, V3, "MSC-Number", X_OCTETSTRING, XF_MV },
	{ 2404, V3, "LCS-Capabilities-Sets", X_UNSIGNED32, XF_MV },
	{ 2405, V3, "GMLC-Address", X_ADDRESS, XF_MV },
	{ 2406, V3, "Additional-Serving-Node", X_GROUPED, XF_MV },
	{ 2407, V3, "PPR-Address", X_ADDRESS, XF_MV },
	{ 2408, V3, "MME-Realm", X_DIAMETERIDENTITY, XF_V },
	{ 2409, V3, "SGSN-Name", X_DIAMETERIDENTITY, XF_V },
	{ 2410, V3, "SGSN-Realm", X_DIAMETERIDENTITY, XF_V },
	{ 2411, V3, "RIA-Flags", X_UNSIGNED32, XF_V },
	/* reused AVPs named in the text. MSISDN: sh.md row (OctetString, M,V). GMLC-Number and
	 * SGSN-Number: the sheet names them without type or flags; they carry ISDN numbers
	 * (OctetString); only V is checked. */
	{ 701, V3, "MSISDN", X_OCTETSTRING, XF_MV },
	{ 1474, V3, "GMLC-Number", X_OCTETSTRING, XF_V_MUNST },
	{ 1489, V3, "SGSN-Number", X_OCTETSTRING, XF_V_MUNST },
	{ 628, V3, "Supported-Features", X_GROUPED, XF_V_MMAY },
	{ 629, V3, "Feature-List-ID", X_UNSIGNED32, XF_V },
	{ 630, V3, "Feature-List", X_UNSIGNED32, XF_V },
};

/* Serving-Node ::= [SGSN-Number] [SGSN-Name] [SGSN-Realm] [MME-Name] [MME-Realm] [MSC-Number]
 *   [3GPP-AAA-Server-Name] [LCS-Capabilities-Sets] [GMLC-Address]; Additional-Serving-Node: same.
 * 3GPP-AAA-Server-Name is not checked: the sheet gives no code for it. */
static const struct rule_exp slh_serving_node[] = {
	OPT(1489, V3, "SGSN-Number"),
	OPT(2409, V3, "SGSN-Name"),
	OPT(2410, V3, "SGSN-Realm"),
	OPT(2402, V3, "MME-Name"),
	OPT(2408, V3, "MME-Realm"),
	OPT(2403, V3, "MSC-Number"),
	OPT(2404, V3, "LCS-Capabilities-Sets"),
	OPT(2405, V3, "GMLC-Address"),
};
static const struct group_exp slh_group_rows[] = {
	{ 2401, V3, "Serving-Node", slh_serving_node, COUNT(slh_serving_node) },
	{ 2406, V3, "Additional-Serving-Node", slh_serving_node, COUNT(slh_serving_node) },
};

static const struct rule_exp slh_rir[] = {
	FIX(SESSION_ID), OPT(VSAI), REQ(AUTH_SESSION_STATE), REQ(ORIGIN_HOST), REQ(ORIGIN_REALM),
	OPT(DEST_HOST), REQ(DEST_REALM), OPT(USER_NAME), OPT(701, V3, "MSISDN"),
	OPT(1474, V3, "GMLC-Number"), OPTN(SUPPORTED_FEATURES), OPTN(PROXY_INFO), OPTN(ROUTE_RECORD),
};
static const struct rule_exp slh_ria[] = {
	FIX(SESSION_ID), OPT(VSAI), OPT(RESULT_CODE), OPT(EXP_RESULT), REQA(AUTH_SESSION_STATE),
	REQ(ORIGIN_HOST), REQ(ORIGIN_REALM), OPTN(SUPPORTED_FEATURES), OPT(USER_NAME),
	OPT(701, V3, "MSISDN"), OPT(2400, V3, "LMSI"), OPT(2401, V3, "Serving-Node"),
	OPTN(2406, V3, "Additional-Serving-Node"), OPT(2405, V3, "GMLC-Address"),
	OPT(2407, V3, "PPR-Address"), OPT(2411, V3, "RIA-Flags"), OPT(FAILED_AVP), OPTN(PROXY_INFO),
	OPTN(ROUTE_RECORD),
};
static const struct msg_exp slh_msgs[] = {
	MSG(8388622, 1, "LCS-Routing-Info-Request", slh_rir),
	MSG(8388622, 0, "LCS-Routing-Info-Answer", slh_ria),
};

/* ---- SLg (lcs.md §1.5) --------------------------------------------------------------------- */

#define SLG_APP 16777255

static const struct app_exp slg_apps[] = {
	{ SLG_APP, V3, "SLg" },
};

static const struct cmd_exp slg_cmds[] = {
	{ 8388620, SLG_APP, "PLR/PLA (Provide-Location)" },
	{ 8388621, SLG_APP, "LRR/LRA (Location-Report)" },
};

/* Table 7.4.1-1 as transcribed in lcs.md, every row, plus the AVPs the sheet names only inside
 * other rows' structures (2505-2507, 2509 in LCS-QoS; 2541-2542 in Periodic-LDR-Information):
 * their types come from the sheet's text (accuracy bitmasks, Enumerations); the M,V flags of
 * 2505-2509 and V of 2541-2542 follow the table's bands (2500-2523 M,V; 2524+ V). */
static const struct avp_exp slg_avp_rows[] = {
	{ 2500, V3, "SLg-Location-Type", X_ENUMERATED, XF_MV },
	{ 2501, V3, "LCS-EPS-Client-Name", X_GROUPED, XF_MV },
	{ 2502, V3, "LCS-Requestor-Name", X_GROUPED, XF_MV },
	{ 2503, V3, "LCS-Priority", X_UNSIGNED32, XF_MV },
	{ 2504, V3, "LCS-QoS", X_GROUPED, XF_MV },
	{ 2505, V3, "Horizontal-Accuracy", X_UNSIGNED32, XF_MV },
	{ 2506, V3, "Vertical-Accuracy", X_UNSIGNED32, XF_MV },
	{ 2507, V3, "Vertical-Requested", X_ENUMERATED, XF_MV },
	{ 2508, V3, "Velocity-Requested", X_ENUMERATED, XF_MV },
	{ 2509, V3, "Response-Time", X_ENUMERATED, XF_MV },
	{ 2510, V3, "Supported-GAD-Shapes", X_UNSIGNED32, XF_MV },
	{ 2511, V3, "LCS-Codeword", X_UTF8STRING, XF_MV },
	{ 2512, V3, "LCS-Privacy-Check", X_ENUMERATED, XF_MV },
	{ 2513, V3, "Accuracy-Fulfilment-Indicator", X_ENUMERATED, XF_MV },
	{ 2514, V3, "Age-Of-Location-Estimate", X_UNSIGNED32, XF_MV },
	{ 2515, V3, "Velocity-Estimate", X_OCTETSTRING, XF_MV },
	{ 2516, V3, "EUTRAN-Positioning-Data", X_OCTETSTRING, XF_MV },
	{ 2517, V3, "ECGI", X_OCTETSTRING, XF_MV },
	{ 2518, V3, "Location-Event", X_ENUMERATED, XF_MV },
	{ 2519, V3, "Pseudonym-Indicator", X_ENUMERATED, XF_MV },
	{ 2520, V3, "LCS-Service-Type-ID", X_UNSIGNED32, XF_MV },
	{ 2521, V3, "LCS-Privacy-Check-Non-Session", X_GROUPED, XF_MV },
	{ 2522, V3, "LCS-Privacy-Check-Session", X_GROUPED, XF_MV },
	{ 2523, V3, "LCS-QoS-Class", X_ENUMERATED, XF_MV },
	/* "2524-2529 GERAN/UTRAN positioning info/data, various, V": only resolved */
	{ 2524, V3, "GERAN/UTRAN positioning (2524)", X_ANY, XF_RESOLVE },
	{ 2525, V3, "GERAN/UTRAN positioning (2525)", X_ANY, XF_RESOLVE },
	{ 2526, V3, "GERAN/UTRAN positioning (2526)", X_ANY, XF_RESOLVE },
	{ 2527, V3, "GERAN/UTRAN positioning (2527)", X_ANY, XF_RESOLVE },
	{ 2528, V3, "GERAN/UTRAN positioning (2528)", X_ANY, XF_RESOLVE },
	{ 2529, V3, "GERAN/UTRAN positioning (2529)", X_ANY, XF_RESOLVE },
	{ 2530, V3, "LRR-Flags", X_UNSIGNED32, XF_V },
	{ 2531, V3, "LCS-Reference-Number", X_OCTETSTRING, XF_V },
	{ 2532, V3, "Deferred-Location-Type", X_UNSIGNED32, XF_V },
	{ 2533, V3, "Area-Event-Info", X_GROUPED, XF_V },
	{ 2534, V3, "Area-Definition", X_GROUPED, XF_V },
	{ 2535, V3, "Area", X_GROUPED, XF_V },
	{ 2536, V3, "Area-Type", X_UNSIGNED32, XF_V },
	{ 2537, V3, "Area-Identification", X_OCTETSTRING, XF_V },
	{ 2538, V3, "Occurrence-Info", X_ENUMERATED, XF_V },
	{ 2539, V3, "Interval-Time", X_UNSIGNED32, XF_V },
	{ 2540, V3, "Periodic-LDR-Information", X_GROUPED, XF_V },
	{ 2541, V3, "Reporting-Amount", X_UNSIGNED32, XF_V },
	{ 2542, V3, "Reporting-Interval", X_UNSIGNED32, XF_V },
	{ 2543, V3, "Reporting-PLMN-List", X_GROUPED, XF_V },
	{ 2544, V3, "PLMN-ID-List", X_GROUPED, XF_V },
	{ 2545, V3, "PLR-Flags", X_UNSIGNED32, XF_V },
	{ 2546, V3, "PLA-Flags", X_UNSIGNED32, XF_V },
	{ 2547, V3, "Deferred-MT-LR-Data", X_GROUPED, XF_V },
	{ 2548, V3, "Termination-Cause", X_UNSIGNED32, XF_V },
	{ 2549, V3, "LRA-Flags", X_UNSIGNED32, XF_V },
	{ 2550, V3, "Periodic-Location-Support-Indicator", X_ENUMERATED, XF_V },
	{ 2551, V3, "Prioritized-List-Indicator", X_ENUMERATED, XF_V },
	{ 2552, V3, "ESMLC-Cell-Info", X_GROUPED, XF_V },
	{ 2553, V3, "Cell-Portion-ID", X_UNSIGNED32, XF_V },
	{ 2554, V3, "1xRTT-RCID", X_OCTETSTRING, XF_V },
	{ 2555, V3, "Delayed-Location-Reporting-Data", X_GROUPED, XF_V },
	{ 2556, V3, "Civic-Address", X_UTF8STRING, XF_V },
	{ 2557, V3, "Barometric-Pressure", X_UNSIGNED32, XF_V },
	{ 2558, V3, "UTRAN-Additional-Positioning-Data", X_OCTETSTRING, XF_V },
	{ 2559, V3, "Motion-Event-Info", X_GROUPED, XF_V },
	{ 2560, V3, "Linear-Distance", X_UNSIGNED32, XF_V },
	{ 2561, V3, "Maximum-Interval", X_UNSIGNED32, XF_V },
	{ 2562, V3, "Sampling-Interval", X_UNSIGNED32, XF_V },
	{ 2563, V3, "Reporting-Duration", X_UNSIGNED32, XF_V },
	{ 2564, V3, "Reporting-Location-Requirements", X_UNSIGNED32, XF_V },
	{ 2565, V3, "Additional-Area", X_GROUPED, XF_V },
	/* Reused AVPs (Table 7.4.1-2). 1241/1242: "V and M set, vendor 10415" (lcs.md); types from
	 * charging.md (1241 Enumerated, 1242 OctetString, 1238 UTF8String); 1237 is Enumerated
	 * (lcs.md Enumerations); 1240's type and the M rule of 1237/1238/1240 are not stated. */
	{ 1237, V3, "LCS-Format-Indicator", X_ENUMERATED, XF_V_MUNST },
	{ 1238, V3, "LCS-Name-String", X_UTF8STRING, XF_V_MUNST },
	{ 1240, V3, "LCS-Requestor-Id-String", X_ANY, XF_V_MUNST },
	{ 1241, V3, "LCS-Client-Type", X_ENUMERATED, XF_MV },
	{ 1242, V3, "Location-Estimate", X_OCTETSTRING, XF_MV },
	/* other reused AVPs the text names, without type or flags: only resolved */
	{ 1402, V3, "IMEI", X_ANY, XF_RESOLVE },
	{ 1604, V3, "Cell-Global-Identity", X_ANY, XF_RESOLVE },
	{ 1607, V3, "Service-Area-Identity", X_ANY, XF_RESOLVE },
	{ 1407, V3, "Visited-PLMN-Id", X_ANY, XF_RESOLVE },
	{ 493, 0, "Service-Selection", X_ANY, XF_RESOLVE },
};

static const struct enum_exp slg_enum_rows[] = {
	{ 2500, V3, "SLg-Location-Type", 0, "CURRENT_LOCATION" },
	{ 2500, V3, "SLg-Location-Type", 1, "CURRENT_OR_LAST_KNOWN_LOCATION" },
	{ 2500, V3, "SLg-Location-Type", 2, "INITIAL_LOCATION" },
	{ 2500, V3, "SLg-Location-Type", 3, "ACTIVATE_DEFERRED_LOCATION" },
	{ 2500, V3, "SLg-Location-Type", 4, "CANCEL_DEFERRED_LOCATION" },
	{ 2500, V3, "SLg-Location-Type", 5, "NOTIFICATION_VERIFICATION_ONLY" },
	{ 1241, V3, "LCS-Client-Type", 0, "EMERGENCY_SERVICES" },
	{ 1241, V3, "LCS-Client-Type", 1, "VALUE_ADDED_SERVICES" },
	{ 1241, V3, "LCS-Client-Type", 2, "PLMN_OPERATOR_SERVICES" },
	{ 1241, V3, "LCS-Client-Type", 3, "LAWFUL_INTERCEPT_SERVICES" },
	{ 1237, V3, "LCS-Format-Indicator", 0, "LOGICAL_NAME" },
	{ 1237, V3, "LCS-Format-Indicator", 1, "EMAIL_ADDRESS" },
	{ 1237, V3, "LCS-Format-Indicator", 2, "MSISDN" },
	{ 1237, V3, "LCS-Format-Indicator", 3, "URL" },
	{ 1237, V3, "LCS-Format-Indicator", 4, "SIP_URL" },
	{ 2518, V3, "Location-Event", 0, "EMERGENCY_CALL_ORIGINATION" },
	{ 2518, V3, "Location-Event", 1, "EMERGENCY_CALL_RELEASE" },
	{ 2518, V3, "Location-Event", 2, "MO_LR" },
	{ 2518, V3, "Location-Event", 3, "EMERGENCY_CALL_HANDOVER" },
	{ 2518, V3, "Location-Event", 4, "DEFERRED_MT_LR_RESPONSE" },
	{ 2518, V3, "Location-Event", 5, "DEFERRED_MO_LR_TTTP_INITIATION" },
	{ 2518, V3, "Location-Event", 6, "DELAYED_LOCATION_REPORTING" },
	{ 2509, V3, "Response-Time", 0, "LOW_DELAY" },
	{ 2509, V3, "Response-Time", 1, "DELAY_TOLERANT" },
	{ 2523, V3, "LCS-QoS-Class", 0, "ASSURED" },
	{ 2523, V3, "LCS-QoS-Class", 1, "BEST EFFORT" },
	{ 2507, V3, "Vertical-Requested", 0, "VERTICAL_COORDINATE_IS_NOT REQUESTED" },
	{ 2507, V3, "Vertical-Requested", 1, "VERTICAL_COORDINATE_IS_REQUESTED" },
	{ 2508, V3, "Velocity-Requested", 0, "VELOCITY_IS_NOT_REQUESTED" },
	{ 2508, V3, "Velocity-Requested", 1, "VELOCITY_IS_REQUESTED" },
	{ 2512, V3, "LCS-Privacy-Check", 0, "ALLOWED_WITHOUT_NOTIFICATION" },
	{ 2512, V3, "LCS-Privacy-Check", 1, "ALLOWED_WITH_NOTIFICATION" },
	{ 2512, V3, "LCS-Privacy-Check", 2, "ALLOWED_IF_NO_RESPONSE" },
	{ 2512, V3, "LCS-Privacy-Check", 3, "RESTRICTED_IF_NO_RESPONSE" },
	{ 2512, V3, "LCS-Privacy-Check", 4, "NOT_ALLOWED" },
	{ 2513, V3, "Accuracy-Fulfilment-Indicator", 0, "REQUESTED_ACCURACY_FULFILLED" },
	{ 2513, V3, "Accuracy-Fulfilment-Indicator", 1, "REQUESTED_ACCURACY_NOT_FULFILLED" },
	{ 2538, V3, "Occurrence-Info", 0, "ONE_TIME_EVENT" },
	{ 2538, V3, "Occurrence-Info", 1, "MULTIPLE_TIME_EVENT" },
};

/* The sheet lists these contents without ABNF brackets: only the rules' existence is checked. */
static const struct rule_exp slg_lcs_eps_client_name[] = {
	HAS(1238, V3, "LCS-Name-String"),
	HAS(1237, V3, "LCS-Format-Indicator"),
};
static const struct rule_exp slg_lcs_requestor_name[] = {
	HAS(1240, V3, "LCS-Requestor-Id-String"),
	HAS(1237, V3, "LCS-Format-Indicator"),
};
static const struct rule_exp slg_lcs_qos[] = {
	HAS(2523, V3, "LCS-QoS-Class"),
	HAS(2505, V3, "Horizontal-Accuracy"),
	HAS(2506, V3, "Vertical-Accuracy"),
	HAS(2507, V3, "Vertical-Requested"),
	HAS(2509, V3, "Response-Time"),
};
static const struct rule_exp slg_periodic_ldr_information[] = {
	HAS(2541, V3, "Reporting-Amount"),
	HAS(2542, V3, "Reporting-Interval"),
};
static const struct group_exp slg_group_rows[] = {
	{ 2501, V3, "LCS-EPS-Client-Name", slg_lcs_eps_client_name, COUNT(slg_lcs_eps_client_name) },
	{ 2502, V3, "LCS-Requestor-Name", slg_lcs_requestor_name, COUNT(slg_lcs_requestor_name) },
	{ 2504, V3, "LCS-QoS", slg_lcs_qos, COUNT(slg_lcs_qos) },
	{ 2540, V3, "Periodic-LDR-Information", slg_periodic_ldr_information,
	  COUNT(slg_periodic_ldr_information) },
};

/* PLR (§7.3.1), complete in the sheet. "LCS-Supported-GAD-Shapes" is code 2510. */
static const struct rule_exp slg_plr[] = {
	FIX(SESSION_ID), OPT(VSAI), REQ(AUTH_SESSION_STATE), REQ(ORIGIN_HOST), REQ(ORIGIN_REALM),
	REQ(DEST_HOST), REQ(DEST_REALM), REQ(2500, V3, "SLg-Location-Type"), OPT(USER_NAME),
	OPT(701, V3, "MSISDN"), OPT(1402, V3, "IMEI"), REQ(2501, V3, "LCS-EPS-Client-Name"),
	REQ(1241, V3, "LCS-Client-Type"), OPT(2502, V3, "LCS-Requestor-Name"),
	OPT(2503, V3, "LCS-Priority"), OPT(2504, V3, "LCS-QoS"), OPT(2508, V3, "Velocity-Requested"),
	OPT(2510, V3, "LCS-Supported-GAD-Shapes"), OPT(2520, V3, "LCS-Service-Type-ID"),
	OPT(2511, V3, "LCS-Codeword"), OPT(2521, V3, "LCS-Privacy-Check-Non-Session"),
	OPT(2522, V3, "LCS-Privacy-Check-Session"), OPT(493, 0, "Service-Selection"),
	OPT(2532, V3, "Deferred-Location-Type"), OPT(2531, V3, "LCS-Reference-Number"),
	OPT(2533, V3, "Area-Event-Info"), OPT(2405, V3, "GMLC-Address"), OPT(2545, V3, "PLR-Flags"),
	OPT(2540, V3, "Periodic-LDR-Information"), OPT(2543, V3, "Reporting-PLMN-List"),
	OPT(2559, V3, "Motion-Event-Info"), OPTN(SUPPORTED_FEATURES), OPTN(PROXY_INFO),
	OPTN(ROUTE_RECORD),
};
/* PLA (§7.3.2): the sheet lists a prefix ("…"); GERAN-Positioning-Info and
 * UTRAN-Positioning-Info are looked up as 2524 and 2527 (the table's 2524-2529 band). */
static const struct rule_exp slg_pla[] = {
	FIX(SESSION_ID), OPT(RESULT_CODE), OPT(EXP_RESULT), REQA(AUTH_SESSION_STATE), REQ(ORIGIN_HOST),
	REQ(ORIGIN_REALM), OPT(1242, V3, "Location-Estimate"),
	OPT(2513, V3, "Accuracy-Fulfilment-Indicator"), OPT(2514, V3, "Age-Of-Location-Estimate"),
	OPT(2515, V3, "Velocity-Estimate"), OPT(2516, V3, "EUTRAN-Positioning-Data"),
	OPT(2517, V3, "ECGI"), OPT(2524, V3, "GERAN-Positioning-Info"),
	OPT(1604, V3, "Cell-Global-Identity"), OPT(2527, V3, "UTRAN-Positioning-Info"),
	OPT(1607, V3, "Service-Area-Identity"), OPT(2401, V3, "Serving-Node"),
	OPT(2546, V3, "PLA-Flags"), OPT(2552, V3, "ESMLC-Cell-Info"), OPT(2556, V3, "Civic-Address"),
	OPT(2557, V3, "Barometric-Pressure"),
};
/* LRR (§7.3.3): the sheet lists the mandatory Destination-Host/-Realm/Location-Event and a part
 * of the optional AVPs. Auth-Session-State/Origin-Host/Origin-Realm: as in every SLg command
 * (NO_STATE_MAINTAINED; RFC 6733 Origin-* in every message). */
static const struct rule_exp slg_lrr[] = {
	FIX(SESSION_ID), REQ(AUTH_SESSION_STATE), REQ(ORIGIN_HOST), REQ(ORIGIN_REALM), REQ(DEST_HOST),
	REQ(DEST_REALM), REQ(2518, V3, "Location-Event"), OPT(2501, V3, "LCS-EPS-Client-Name"),
	OPT(USER_NAME), OPT(701, V3, "MSISDN"), OPT(1402, V3, "IMEI"),
	OPT(1242, V3, "Location-Estimate"), OPT(2531, V3, "LCS-Reference-Number"),
	OPT(2547, V3, "Deferred-MT-LR-Data"), OPT(2405, V3, "GMLC-Address"),
	OPT(2541, V3, "Reporting-Amount"), OPT(2540, V3, "Periodic-LDR-Information"),
	OPT(2555, V3, "Delayed-Location-Reporting-Data"), OPT(2556, V3, "Civic-Address"),
	OPT(2557, V3, "Barometric-Pressure"),
};
static const struct rule_exp slg_lra[] = {
	FIX(SESSION_ID), OPT(RESULT_CODE), OPT(EXP_RESULT), REQA(AUTH_SESSION_STATE), REQ(ORIGIN_HOST),
	REQ(ORIGIN_REALM), OPT(2405, V3, "GMLC-Address"), OPT(2549, V3, "LRA-Flags"),
	OPT(2543, V3, "Reporting-PLMN-List"), OPT(2531, V3, "LCS-Reference-Number"),
};
static const struct msg_exp slg_msgs[] = {
	MSG(8388620, 1, "Provide-Location-Request", slg_plr),
	MSG(8388620, 0, "Provide-Location-Answer", slg_pla),
	MSG(8388621, 1, "Location-Report-Request", slg_lrr),
	MSG(8388621, 0, "Location-Report-Answer", slg_lra),
};

#ifndef OUR_DICTIONARIES_ONLY
/* ---- charging: TS 32.299 Service-Information (charging.md §2.5) ------------------------------
 * The AVP table says "all vendor 10415, flags V,M"; Debian already has the LCS AVPs and
 * Service-Information, the ProSe AVPs come from dict_charging. */
static const struct avp_exp chg_avp_rows[] = {
	{ 873, V3, "Service-Information", X_GROUPED, XF_MV },
	{ 878, V3, "LCS-Information", X_GROUPED, XF_MV },
	{ 1232, V3, "LCS-Client-Id", X_GROUPED, XF_MV },
	{ 1235, V3, "LCS-Client-Name", X_GROUPED, XF_MV },
	{ 1239, V3, "LCS-Requestor-Id", X_GROUPED, XF_MV },
	{ 1241, V3, "LCS-Client-Type", X_ENUMERATED, XF_MV },
	{ 1242, V3, "Location-Estimate", X_OCTETSTRING, XF_MV },
	{ 1243, V3, "Location-Estimate-Type", X_ENUMERATED, XF_MV },
	{ 1244, V3, "Location-Type", X_GROUPED, XF_MV },
	{ 1245, V3, "Positioning-Data", X_UTF8STRING, XF_MV },
	{ 3447, V3, "ProSe-Information", X_GROUPED, XF_MV },
	{ 3426, V3, "Announcing-UE-HPLMN-Identifier", X_UTF8STRING, XF_MV },
	{ 3429, V3, "Layer-2-Group-ID", X_OCTETSTRING, XF_MV },
	{ 3430, V3, "Monitored-PLMN-Identifier", X_UTF8STRING, XF_MV },
	{ 3434, V3, "PC3-Control-Protocol-Cause", X_ANY, XF_MV },
	{ 3438, V3, "Role-Of-ProSe-Function", X_ENUMERATED, XF_MV },
	{ 3442, V3, "ProSe-Direct-Discovery-Model", X_ENUMERATED, XF_MV },
	{ 3443, V3, "ProSe-Event-Type", X_ENUMERATED, XF_MV },
	{ 3444, V3, "ProSe-Function-IP-Address", X_ADDRESS, XF_MV },
	{ 3445, V3, "ProSe-Functionality", X_ENUMERATED, XF_MV },
	{ 3448, V3, "ProSe-Range-Class", X_ENUMERATED, XF_MV },
	{ 3449, V3, "ProSe-Reason-For-Cancellation", X_ENUMERATED, XF_MV },
	{ 3450, V3, "ProSe-Request-Timestamp", X_TIME, XF_MV },
	{ 3451, V3, "ProSe-Role-Of-UE", X_ENUMERATED, XF_MV },
	{ 3453, V3, "ProSe-UE-ID", X_OCTETSTRING, XF_MV },
	{ 3454, V3, "Proximity-Alert-Indication", X_ENUMERATED, XF_MV },
	{ 3455, V3, "Proximity-Alert-Timestamp", X_TIME, XF_MV },
	{ 3456, V3, "Proximity-Cancellation-Timestamp", X_TIME, XF_MV },
	{ 3458, V3, "Application-Specific-Data", X_OCTETSTRING, XF_MV },
	{ 3811, V3, "ProSe-App-Id", X_UTF8STRING, XF_MV },
	{ 3815, V3, "ProSe-Validity-Timer", X_UNSIGNED32, XF_MV },
	{ 3818, V3, "Time-Window", X_UNSIGNED32, XF_MV },
	{ 3600, V3, "Origin-App-Layer-User-Id", X_UTF8STRING, XF_MV },
	{ 3601, V3, "Target-App-Layer-User-Id", X_UTF8STRING, XF_MV },
};
static const struct enum_exp chg_enum_rows[] = {
	{ 1241, V3, "LCS-Client-Type", 1, "VALUE_ADDED_SERVICES" },
	{ 1243, V3, "Location-Estimate-Type", 0, "CURRENT_LOCATION" },
	{ 1243, V3, "Location-Estimate-Type", 1, "CURRENT_LAST_KNOWN_LOCATION" },
	{ 1243, V3, "Location-Estimate-Type", 2, "INITIAL_LOCATION" },
	{ 1243, V3, "Location-Estimate-Type", 3, "ACTIVATE_DEFERRED_LOCATION" },
	{ 1243, V3, "Location-Estimate-Type", 4, "CANCEL_DEFERRED_LOCATION" },
	{ 3438, V3, "Role-Of-ProSe-Function", 0, "HPLMN" },
	{ 3438, V3, "Role-Of-ProSe-Function", 2, "Local PLMN" },
	{ 3442, V3, "ProSe-Direct-Discovery-Model", 1, "Model B" },
	{ 3443, V3, "ProSe-Event-Type", 0, "Announcing" },
	{ 3443, V3, "ProSe-Event-Type", 2, "Match Report" },
	{ 3448, V3, "ProSe-Range-Class", 1, "50 m" },
	{ 3448, V3, "ProSe-Range-Class", 5, "1000 m" },
	{ 3449, V3, "ProSe-Reason-For-Cancellation", 0, "Proximity Alert sent" },
	{ 3449, V3, "ProSe-Reason-For-Cancellation", 2, "Requestor cancellation" },
	{ 3451, V3, "ProSe-Role-Of-UE", 0, "Announcing UE" },
	{ 3451, V3, "ProSe-Role-Of-UE", 3, "Requested UE" },
};
static const struct rule_exp chg_service_information[] = {
	OPTN(443, 0, "Subscription-Id"), OPT(876, V3, "IMS-Information"),
	OPT(878, V3, "LCS-Information"), OPT(3447, V3, "ProSe-Information"),
};
static const struct rule_exp chg_lcs_information[] = {
	OPT(1232, V3, "LCS-Client-ID"), OPT(1244, V3, "Location-Type"),
	OPT(1242, V3, "Location-Estimate"), OPT(1245, V3, "Positioning-Data"),
	OPT(1, V3, "3GPP-IMSI"), OPT(701, V3, "MSISDN"),
};
static const struct rule_exp chg_lcs_client_id[] = {
	OPT(1241, V3, "LCS-Client-Type"), OPT(1234, V3, "LCS-Client-External-ID"),
	OPT(1233, V3, "LCS-Client-Dialed-By-MS"), OPT(1235, V3, "LCS-Client-Name"),
	OPT(1231, V3, "LCS-APN"), OPT(1239, V3, "LCS-Requestor-ID"),
};
static const struct rule_exp chg_lcs_client_name[] = {
	OPT(1236, V3, "LCS-Data-Coding-Scheme"), OPT(1238, V3, "LCS-Name-String"),
	OPT(1237, V3, "LCS-Format-Indicator"),
};
static const struct rule_exp chg_lcs_requestor_id[] = {
	OPT(1236, V3, "LCS-Data-Coding-Scheme"), OPT(1240, V3, "LCS-Requestor-ID-String"),
};
static const struct rule_exp chg_location_type[] = {
	OPT(1243, V3, "Location-Estimate-Type"), OPT(1230, V3, "Deferred-Location-Event-Type"),
};
/* The members the toolkit builds; the sheet's "Monitored-HPLMN-Identifier" is AVP 3430. */
static const struct rule_exp chg_prose_information[] = {
	OPTN(628, V3, "Supported-Features"), OPT(3426, V3, "Announcing-UE-HPLMN-Identifier"),
	OPT(3430, V3, "Monitored-HPLMN-Identifier"), OPT(3438, V3, "Role-Of-ProSe-Function"),
	OPT(3811, V3, "ProSe-App-Id"), OPT(3443, V3, "ProSe-Event-Type"),
	OPT(3451, V3, "ProSe-Role-Of-UE"), OPT(3450, V3, "ProSe-Request-Timestamp"),
	OPT(3448, V3, "ProSe-Range-Class"), OPT(3454, V3, "Proximity-Alert-Indication"),
	OPT(3455, V3, "Proximity-Alert-Timestamp"), OPT(3456, V3, "Proximity-Cancellation-Timestamp"),
	OPT(3449, V3, "ProSe-Reason-For-Cancellation"), OPT(3818, V3, "Time-Window"),
	OPT(3600, V3, "Origin-App-Layer-User-Id"), OPT(3601, V3, "Target-App-Layer-User-Id"),
};
static const struct group_exp chg_group_rows[] = {
	{ 873, V3, "Service-Information", chg_service_information, COUNT(chg_service_information) },
	{ 878, V3, "LCS-Information", chg_lcs_information, COUNT(chg_lcs_information) },
	{ 1232, V3, "LCS-Client-Id", chg_lcs_client_id, COUNT(chg_lcs_client_id) },
	{ 1235, V3, "LCS-Client-Name", chg_lcs_client_name, COUNT(chg_lcs_client_name) },
	{ 1239, V3, "LCS-Requestor-Id", chg_lcs_requestor_id, COUNT(chg_lcs_requestor_id) },
	{ 1244, V3, "Location-Type", chg_location_type, COUNT(chg_location_type) },
	{ 3447, V3, "ProSe-Information", chg_prose_information, COUNT(chg_prose_information) },
};


#endif /* OUR_DICTIONARIES_ONLY */
/* ================================================================================================
 * Tests
 * ============================================================================================== */

/* One test per table, named after it, so that a failure says which table broke. */
#define TABLE_TEST(name, runner, ...)                                                             \
	static void name(void **state)                                                             \
	{                                                                                          \
		(void)state;                                                                       \
		runner(#name, __VA_ARGS__);                                                        \
	}

TABLE_TEST(sh_application_and_commands, run_apps_cmds, sh_apps, COUNT(sh_apps), sh_cmds, COUNT(sh_cmds))
TABLE_TEST(sh_avps, run_avps, sh_avp_rows, COUNT(sh_avp_rows))
TABLE_TEST(sh_enums, run_enums, sh_enum_rows, COUNT(sh_enum_rows))
TABLE_TEST(sh_groups, run_groups, sh_group_rows, COUNT(sh_group_rows))
TABLE_TEST(sh_rules_required, run_msgs, sh_msgs, COUNT(sh_msgs), 1)
TABLE_TEST(sh_rules_optional, run_msgs, sh_msgs, COUNT(sh_msgs), 0)
TABLE_TEST(slh_application_and_commands, run_apps_cmds, slh_apps, COUNT(slh_apps), slh_cmds, COUNT(slh_cmds))
TABLE_TEST(slh_avps, run_avps, slh_avp_rows, COUNT(slh_avp_rows))
TABLE_TEST(slh_groups, run_groups, slh_group_rows, COUNT(slh_group_rows))
TABLE_TEST(slh_rules_required, run_msgs, slh_msgs, COUNT(slh_msgs), 1)
TABLE_TEST(slh_rules_optional, run_msgs, slh_msgs, COUNT(slh_msgs), 0)
TABLE_TEST(slg_application_and_commands, run_apps_cmds, slg_apps, COUNT(slg_apps), slg_cmds, COUNT(slg_cmds))
TABLE_TEST(slg_avps, run_avps, slg_avp_rows, COUNT(slg_avp_rows))
TABLE_TEST(slg_enums, run_enums, slg_enum_rows, COUNT(slg_enum_rows))
TABLE_TEST(slg_groups, run_groups, slg_group_rows, COUNT(slg_group_rows))
TABLE_TEST(slg_rules_required, run_msgs, slg_msgs, COUNT(slg_msgs), 1)
TABLE_TEST(slg_rules_optional, run_msgs, slg_msgs, COUNT(slg_msgs), 0)
#ifndef OUR_DICTIONARIES_ONLY
TABLE_TEST(charging_avps, run_avps, chg_avp_rows, COUNT(chg_avp_rows))
TABLE_TEST(charging_enums, run_enums, chg_enum_rows, COUNT(chg_enum_rows))
TABLE_TEST(charging_groups, run_groups, chg_group_rows, COUNT(chg_group_rows))
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sh_application_and_commands),
		cmocka_unit_test(sh_avps),
		cmocka_unit_test(sh_enums),
		cmocka_unit_test(sh_groups),
		cmocka_unit_test(sh_rules_required),
		cmocka_unit_test(sh_rules_optional),
		cmocka_unit_test(slh_application_and_commands),
		cmocka_unit_test(slh_avps),
		cmocka_unit_test(slh_groups),
		cmocka_unit_test(slh_rules_required),
		cmocka_unit_test(slh_rules_optional),
		cmocka_unit_test(slg_application_and_commands),
		cmocka_unit_test(slg_avps),
		cmocka_unit_test(slg_enums),
		cmocka_unit_test(slg_groups),
		cmocka_unit_test(slg_rules_required),
		cmocka_unit_test(slg_rules_optional),
#ifndef OUR_DICTIONARIES_ONLY
		cmocka_unit_test(charging_avps),
		cmocka_unit_test(charging_enums),
		cmocka_unit_test(charging_groups),
#endif
	};
	return cmocka_run_group_tests_name("dict_contents", tests, group_setup, group_teardown);
}
