/* Record numbers of an Rf session (RFC 6733 §9.8.3: START 0, INTERIMs 1, 2, ..., STOP the last
 * + 1) and request numbers of an Ro session (RFC 4006 §8.2: INITIAL 0, then one more for each
 * UPDATE and the TERMINATION): the same shape, one opening kind, repeated middles, one closing. */
#include <errno.h>

#include "charging.h"

enum step { OPENING, MIDDLE, CLOSING };

static int next(struct chg_sequence *seq, enum step step, uint32_t *number)
{
	if (seq->ended || (step == OPENING) == seq->started)
		return EPROTO;
	*number = seq->next++;
	seq->started = 1;
	seq->ended = step == CLOSING;
	return 0;
}

int chg_sequence_next_record(struct chg_sequence *seq, enum chg_record_type type, uint32_t *number)
{
	switch (type) {
	case CHG_START_RECORD:
		return next(seq, OPENING, number);
	case CHG_INTERIM_RECORD:
		return next(seq, MIDDLE, number);
	case CHG_STOP_RECORD:
		return next(seq, CLOSING, number);
	case CHG_EVENT_RECORD:
		break;
	}
	return EPROTO;
}

int chg_sequence_next_request(struct chg_sequence *seq, enum chg_request_type type, uint32_t *number)
{
	switch (type) {
	case CHG_INITIAL_REQUEST:
		return next(seq, OPENING, number);
	case CHG_UPDATE_REQUEST:
		return next(seq, MIDDLE, number);
	case CHG_TERMINATION_REQUEST:
		return next(seq, CLOSING, number);
	case CHG_EVENT_REQUEST:
		break;
	}
	return EPROTO;
}
