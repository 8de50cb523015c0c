/* Points in time (diamkit.h, "time"): now plus a delay, and their order. */
#include "diamkit.h"

void dk_time_in(clockid_t clock, long ms, struct timespec *ts)
{
	clock_gettime(clock, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

void dk_deadline_in(int ms, struct timespec *ts)
{
	dk_time_in(CLOCK_REALTIME, ms, ts);
}

int dk_time_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}
