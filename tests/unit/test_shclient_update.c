/* sh_update_repository_data's read-modify-write loop against a fake HSS holding one repository
 * item and applying TS 29.328 §6.1.2: creation with Sequence-Number 0, changes with the successor
 * of the stored number, 5105 otherwise; a "rival" writer can change the item between our read and
 * our write. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "shclient_internal.h"

#define IMPU "sip:alice@home.example"
#define SI "urn:x-test:profile"

struct fake_hss {
	int exists;
	int sequence;
	char service_data[256];
	int rival_writes;     /* writes by another AS right after each of our reads */
	int udrs, purs;
	int last_pur_sequence;
	int fail_udr;         /* answer the UDR with this Experimental-Result, or transport error */
	int udr_status;
};

static void answer_udr(struct fake_hss *hss, struct sh_answer *answer)
{
	struct sh_repository_data *item;

	answer->result_code = SH_SUCCESS;
	if (!hss->exists)
		return;
	assert_non_null(answer->data = shdata_new());
	assert_non_null(item = calloc(1, sizeof *item));
	item->service_indication = strdup(SI);
	item->sequence_number = hss->sequence;
	item->service_data = strdup(hss->service_data);
	answer->data->repository_data = item;
	answer->data->n_repository_data = 1;
}

/* The HSS's check of a PUR (TS 29.328 §6.1.2 step 6). */
static uint32_t apply_pur(struct fake_hss *hss, const struct sh_repository_data *w)
{
	if (hss->exists ? w->sequence_number == 0 || w->sequence_number - 1 != hss->sequence % 65535 :
			  w->sequence_number != 0)
		return SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC;
	if (!hss->exists && !w->service_data)
		return SH_ERROR_OPERATION_NOT_ALLOWED;
	hss->exists = w->service_data != NULL;
	hss->sequence = w->sequence_number;
	if (w->service_data)
		snprintf(hss->service_data, sizeof hss->service_data, "%s", w->service_data);
	return SH_SUCCESS;
}

static int fake_send(void *ctx, enum sh_command cmd, const struct sh_request *r, struct sh_answer *answer)
{
	struct fake_hss *hss = ctx;
	struct sh_data *written = NULL;
	char err[SHDATA_ERR_LEN];
	uint32_t code;

	memset(answer, 0, sizeof *answer);
	assert_string_equal(r->identity, IMPU);
	assert_int_equal(r->n_data_references, 1);
	assert_int_equal(r->data_references[0], SH_DR_REPOSITORY_DATA);
	assert_int_equal(sh_request_check(cmd, r, err, sizeof err), 0);
	if (cmd == SH_CMD_UDR) {
		hss->udrs++;
		assert_string_equal(r->service_indications[0], SI);
		if (hss->udr_status || hss->fail_udr) {
			answer->experimental_result = (uint32_t)hss->fail_udr;
			return hss->udr_status;
		}
		answer_udr(hss, answer);
		if (hss->rival_writes > 0) { /* another AS writes after our read */
			hss->rival_writes--;
			hss->sequence = sh_sequence_next(hss->sequence);
		}
		return 0;
	}
	assert_int_equal(cmd, SH_CMD_PUR);
	hss->purs++;
	assert_int_equal(shdata_parse(r->user_data, r->user_data_len, &written, err, sizeof err), 0);
	assert_int_equal(written->n_repository_data, 1);
	assert_string_equal(written->repository_data[0].service_indication, SI);
	hss->last_pur_sequence = written->repository_data[0].sequence_number;
	code = apply_pur(hss, &written->repository_data[0]);
	shdata_free(written);
	if (code == SH_SUCCESS)
		answer->result_code = code;
	else
		answer->experimental_result = code;
	return 0;
}

/* modify: remembers what it was given, writes *arg (NULL deletes). */
static char seen[256];
static int modify_calls;

static int set_to(void *arg, const char *current, char **new_service_data)
{
	modify_calls++;
	snprintf(seen, sizeof seen, "%s", current ? current : "(none)");
	*new_service_data = arg ? strdup(arg) : NULL;
	return 0;
}

static int give_up(void *arg, const char *current, char **new_service_data)
{
	(void)arg;
	(void)current;
	*new_service_data = NULL;
	return 42;
}

static int update(struct fake_hss *hss, sh_modify_fn modify, const char *value, int max_attempts,
		  struct sh_answer *answer)
{
	return sh_update_with(fake_send, hss, IMPU, SI, modify, (void *)value, max_attempts, answer);
}

static int setup(void **state)
{
	(void)state;
	seen[0] = '\0';
	modify_calls = 0;
	return 0;
}

#define PROFILE_1 "<P xmlns=\"urn:x-test\">1</P>"
#define PROFILE_2 "<P xmlns=\"urn:x-test\">2</P>"

static void creates_with_sequence_zero(void **state)
{
	struct fake_hss hss = { 0 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, PROFILE_1, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_string_equal(seen, "(none)");
	assert_int_equal(hss.last_pur_sequence, 0);
	assert_true(hss.exists);
	assert_string_equal(hss.service_data, PROFILE_1);
	sh_answer_clear(&answer);
}

static void changes_with_the_successor(void **state)
{
	struct fake_hss hss = { .exists = 1, .sequence = 7, .service_data = PROFILE_1 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, PROFILE_2, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_string_equal(seen, PROFILE_1);
	assert_int_equal(hss.last_pur_sequence, 8);
	assert_string_equal(hss.service_data, PROFILE_2);
	assert_int_equal(hss.udrs, 1);
	assert_int_equal(hss.purs, 1);
	sh_answer_clear(&answer);
}

static void sequence_wraps_after_65535(void **state)
{
	struct fake_hss hss = { .exists = 1, .sequence = 65535, .service_data = PROFILE_1 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, PROFILE_2, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_int_equal(hss.last_pur_sequence, 1);
	sh_answer_clear(&answer);
}

/* Another writer came between our read and our write: read again, write again. */
static void out_of_sync_reads_again(void **state)
{
	struct fake_hss hss = { .exists = 1, .sequence = 3, .service_data = PROFILE_1, .rival_writes = 2 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, PROFILE_2, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_int_equal(hss.udrs, 3);
	assert_int_equal(hss.purs, 3);
	assert_int_equal(modify_calls, 3);
	assert_int_equal(hss.last_pur_sequence, 6); /* 3, rivals 4 and 5, ours 6 */
	sh_answer_clear(&answer);
}

static void gives_up_after_max_attempts(void **state)
{
	struct fake_hss hss = { .exists = 1, .sequence = 3, .service_data = PROFILE_1, .rival_writes = 10 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, PROFILE_2, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC);
	assert_int_equal(hss.udrs, 3);
	assert_int_equal(hss.purs, 3);
	assert_string_equal(hss.service_data, PROFILE_1);
	sh_answer_clear(&answer);
}

/* modify returning NULL: a PUR without ServiceData (TS 29.328: that deletes the data). */
static void null_deletes(void **state)
{
	struct fake_hss hss = { .exists = 1, .sequence = 9, .service_data = PROFILE_1 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, NULL, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS);
	assert_int_equal(hss.last_pur_sequence, 10);
	assert_false(hss.exists);
	sh_answer_clear(&answer);
}

static void deleting_nothing_sends_no_pur(void **state)
{
	struct fake_hss hss = { 0 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, NULL, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_SUCCESS); /* the UDA's */
	assert_int_equal(hss.purs, 0);
	sh_answer_clear(&answer);
}

static void modify_can_give_up(void **state)
{
	struct fake_hss hss = { .exists = 1, .sequence = 1, .service_data = PROFILE_1 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, give_up, NULL, 3, &answer), 42);
	assert_int_equal(hss.purs, 0);
	sh_answer_clear(&answer);
}

/* The read fails: no write, the UDA (or the transport error) is what the caller gets. */
static void failed_read_stops(void **state)
{
	struct fake_hss unknown = { .fail_udr = SH_ERROR_USER_UNKNOWN };
	struct fake_hss silent = { .udr_status = ETIMEDOUT };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&unknown, set_to, PROFILE_1, 3, &answer), 0);
	assert_int_equal(sh_answer_code(&answer), SH_ERROR_USER_UNKNOWN);
	assert_int_equal(unknown.purs, 0);
	assert_int_equal(modify_calls, 0);
	sh_answer_clear(&answer);
	assert_int_equal(update(&silent, set_to, PROFILE_1, 3, &answer), ETIMEDOUT);
	assert_int_equal(silent.purs, 0);
	sh_answer_clear(&answer);
}

static void bad_arguments(void **state)
{
	struct fake_hss hss = { 0 };
	struct sh_answer answer;

	(void)state;
	assert_int_equal(update(&hss, set_to, PROFILE_1, 0, &answer), EINVAL);
	assert_int_equal(update(&hss, NULL, PROFILE_1, 3, &answer), EINVAL);
	assert_int_equal(sh_update_repository_data(NULL, IMPU, SI, set_to, NULL, 3, &answer), EINVAL);
	assert_int_equal(hss.udrs, 0);
}

static int group_setup(void **state)
{
	(void)state;
	return shdata_init(NULL);
}

static int group_teardown(void **state)
{
	(void)state;
	shdata_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(creates_with_sequence_zero, setup),
		cmocka_unit_test_setup(changes_with_the_successor, setup),
		cmocka_unit_test_setup(sequence_wraps_after_65535, setup),
		cmocka_unit_test_setup(out_of_sync_reads_again, setup),
		cmocka_unit_test_setup(gives_up_after_max_attempts, setup),
		cmocka_unit_test_setup(null_deletes, setup),
		cmocka_unit_test_setup(deleting_nothing_sends_no_pur, setup),
		cmocka_unit_test_setup(modify_can_give_up, setup),
		cmocka_unit_test_setup(failed_read_stops, setup),
		cmocka_unit_test_setup(bad_arguments, setup),
	};
	return cmocka_run_group_tests_name("shclient_update", tests, group_setup, group_teardown);
}
