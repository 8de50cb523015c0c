/* MLP distance_event (MLP 3.5 §5.3.27) from two UEs' positions: the proximity decision on their
 * uncertainty circles (geo.h), with the pair's last decision as its memory.
 *
 *   ENTERING_DISTANCE: apart, then near;     LEAVING_DISTANCE: near, then apart;
 *   WITHIN_DISTANCE: near, first or again;   OUTSIDE_DISTANCE: apart, first or again.
 *
 * "Cannot tell" (the circles overlap the range's edge) decides nothing: the pair keeps its state
 * until a position is sure. Each event happens once, when the state changes to it, not on every
 * position that confirms it. */
#include "distance_event.h"

static int wanted_state(enum mlp_distance_type type)
{
	return type == MLP_ENTERING_DISTANCE || type == MLP_WITHIN_DISTANCE;
}

/* Entering and leaving need the opposite state first; within and outside also fire on the
 * first decision. */
static int needs_a_change(enum mlp_distance_type type)
{
	return type == MLP_ENTERING_DISTANCE || type == MLP_LEAVING_DISTANCE;
}

int lcs_distance_event(const struct mlp_distance_event *event, const struct geo_area *target,
		       const struct geo_area *reference, int *near)
{
	int before = *near, now, want = wanted_state(event->type);

	switch (geo_proximity(target, reference, (double)event->target_distance_m)) {
	case GEO_NEAR:
		now = 1;
		break;
	case GEO_NOT_NEAR:
		now = 0;
		break;
	default:
		return 0;
	}
	*near = now;
	if (now != want || before == now)
		return 0;
	return before == !want || !needs_a_change(event->type);
}
