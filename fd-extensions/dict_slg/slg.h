/* SLg's numbers (TS 29.172): the application, its commands, the values the GMLC and the MME stub
 * exchange, and the Experimental-Result codes (vendor 10415) of §7.5. dict_slg.c defines the
 * dictionary objects; this header is for the code that builds and reads the messages. */
#ifndef SLG_H
#define SLG_H

#define SLG_APPLICATION_ID 16777255
#define SLG_CMD_PLR 8388620
#define SLG_CMD_LRR 8388621

/* SLg-Location-Type (§7.4.2). */
enum slg_location_type {
	SLG_CURRENT_LOCATION = 0,
	SLG_CURRENT_OR_LAST_KNOWN_LOCATION = 1,
	SLG_INITIAL_LOCATION = 2,
	SLG_ACTIVATE_DEFERRED_LOCATION = 3,
	SLG_CANCEL_DEFERRED_LOCATION = 4,
};

/* Deferred-Location-Type (AVP 2532), a bit mask: the bits of a report when the UE becomes
 * available, and of periodic location. */
#define SLG_DEFERRED_UE_AVAILABLE (1u << 0)
#define SLG_DEFERRED_PERIODIC_LDR (1u << 4)

/* Location-Event (AVP 2518): the one of an LRR reporting a deferred request. */
#define SLG_LOCATION_EVENT_DEFERRED_MT_LR_RESPONSE 4

/* Experimental-Result-Code (§7.5). */
#define SLG_ERROR_USER_UNKNOWN 5001
#define SLG_ERROR_UNAUTHORIZED_REQUESTING_NETWORK 5490
#define SLG_ERROR_UNREACHABLE_USER 4221
#define SLG_ERROR_SUSPENDED_USER 4222
#define SLG_ERROR_DETACHED_USER 4223
#define SLG_ERROR_POSITIONING_DENIED 4224
#define SLG_ERROR_POSITIONING_FAILED 4225
#define SLG_ERROR_UNKNOWN_UNREACHABLE_LCS_CLIENT 4226

#endif
