/* The scenario in use, and its reload: a lab edits the scenario file and sends the daemon SIGUSR1
 * (`kill -USR1 <pid>`; freeDiameterd passes it to extensions as a trigger) to move, add or remove
 * UEs, or change the shape, without restarting the MME or losing its peers. A file that does not
 * load is logged with the JSON path at fault and the scenario in use stays as it was.
 *
 * Each PLR and each report holds the scenario it reads until it is done with it, so a reload never
 * frees what another thread still reads. Trajectories keep counting from the first load: a reload
 * does not send every UE back to its first point. */
#include "mme_stub.h"

#include <signal.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct scenario *current; /* holds one reference; under lock */

struct scenario *scenario_hold(void)
{
	struct scenario *s;

	pthread_mutex_lock(&lock);
	s = current;
	s->refs++;
	pthread_mutex_unlock(&lock);
	return s;
}

void scenario_release(struct scenario *s)
{
	unsigned refs;

	pthread_mutex_lock(&lock);
	refs = --s->refs;
	pthread_mutex_unlock(&lock);
	if (!refs) {
		scenario_free(s);
		free(s);
	}
}

/* Load the file into a new scenario; 0, or an errno (logged). */
static int load(struct scenario **out)
{
	struct scenario *s;
	int ret;

	CHECK_MALLOC(s = calloc(1, sizeof *s));
	if ((ret = scenario_load(mme_conf.scenario, s))) {
		free(s);
		return ret;
	}
	s->refs = 1;
	*out = s;
	return 0;
}

static void reload(void)
{
	struct scenario *fresh, *old;

	if (load(&fresh)) {
		LOG_E("mme_stub %s: the scenario in use is kept", mme_conf.name);
		return;
	}
	pthread_mutex_lock(&lock);
	if (!(old = current)) { /* the signal came as the extension stopped */
		pthread_mutex_unlock(&lock);
		scenario_release(fresh);
		return;
	}
	fresh->start = old->start;
	current = fresh;
	pthread_mutex_unlock(&lock);
	LOG_N("mme_stub %s: scenario reloaded from %s (%zu UE%s)", mme_conf.name, mme_conf.scenario, fresh->nues,
	      fresh->nues == 1 ? "" : "s");
	scenario_release(old);
}

int scenario_start(void)
{
	CHECK_FCT(load(&current));
	LOG_N("mme_stub %s: scenario %s (%zu UE%s)", mme_conf.name, mme_conf.scenario, current->nues,
	      current->nues == 1 ? "" : "s");
	CHECK_FCT(fd_event_trig_regcb(SIGUSR1, "mme_stub", reload));
	return 0;
}

void scenario_stop(void)
{
	struct scenario *s;

	pthread_mutex_lock(&lock);
	s = current;
	current = NULL;
	pthread_mutex_unlock(&lock);
	if (s)
		scenario_release(s);
}
