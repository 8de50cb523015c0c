/* Base protocol dictionary objects, looked up once so that no message path searches by name. */
#include "diamkit.h"

struct dk_base dk_base;

static pthread_once_t base_once = PTHREAD_ONCE_INIT;
static int base_status;

static int find_base(const char *name, struct dict_object **obj)
{
	return dk_find_avp(fd_g_config->cnf_dict, 0, name, obj);
}

static void base_lookup(void)
{
	const struct {
		const char *name;
		struct dict_object **obj;
	} avps[] = {
		{ "Session-Id", &dk_base.session_id },
		{ "Origin-Host", &dk_base.origin_host },
		{ "Origin-Realm", &dk_base.origin_realm },
		{ "Destination-Host", &dk_base.destination_host },
		{ "Destination-Realm", &dk_base.destination_realm },
		{ "Auth-Session-State", &dk_base.auth_session_state },
		{ "Vendor-Specific-Application-Id", &dk_base.vendor_specific_application_id },
		{ "Auth-Application-Id", &dk_base.auth_application_id },
		{ "Vendor-Id", &dk_base.vendor_id },
		{ "Result-Code", &dk_base.result_code },
		{ "Experimental-Result", &dk_base.experimental_result },
		{ "Experimental-Result-Code", &dk_base.experimental_result_code },
		{ "Failed-AVP", &dk_base.failed_avp },
		{ "Error-Message", &dk_base.error_message },
		{ "User-Name", &dk_base.user_name },
		{ "Proxy-Info", &dk_base.proxy_info },
		{ "Route-Record", &dk_base.route_record },
	};

	for (size_t i = 0; i < DK_COUNT(avps); i++)
		if ((base_status = find_base(avps[i].name, avps[i].obj)))
			return;
}

int dk_base_init(void)
{
	CHECK_POSIX(pthread_once(&base_once, base_lookup));
	return base_status;
}
