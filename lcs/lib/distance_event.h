/* MLP distance_event decided from two positions (distance_event.c). */
#ifndef LCS_DISTANCE_EVENT_H
#define LCS_DISTANCE_EVENT_H

#include "geo.h"
#include "mlp.h"

/* Whether the latest positions of a target and of the reference MS complete the event (entering,
 * leaving, within, outside target_distance_m of each other). *near is the pair's state, kept by
 * the caller: -1 before the first decision, then 1 near or 0 apart; positions that leave the
 * decision open change nothing. Returns 1 when the event happens now, else 0. */
int lcs_distance_event(const struct mlp_distance_event *event, const struct geo_area *target,
		       const struct geo_area *reference, int *near);

#endif
