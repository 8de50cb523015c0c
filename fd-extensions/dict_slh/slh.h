/* SLh's numbers (TS 29.173): the application, its command and the Experimental-Result codes
 * (vendor 10415) of §7.4. dict_slh.c defines the dictionary objects; this header is for the code
 * that builds and reads the messages. */
#ifndef SLH_H
#define SLH_H

#define SLH_APPLICATION_ID 16777291
#define SLH_CMD_RIR 8388622

#define SLH_ERROR_USER_UNKNOWN 5001
#define SLH_ERROR_UNAUTHORIZED_REQUESTING_NETWORK 5490
#define SLH_ERROR_ABSENT_USER 4201

#endif
