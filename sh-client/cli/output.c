/* What sh-client prints: answers on stdout (User-Data XML or JSON), and on stderr what went wrong,
 * with the exit status that goes with it. */
#include <errno.h>
#include <string.h>

#include "cli.h"
#include "diamkit.h"

/* Result codes an Sh client meets: TS 29.329 §6.2 / TS 29.229 §6.2, then those of RFC 6733 §7.1. */
const char *cli_result_name(uint32_t code)
{
	static const struct {
		uint32_t code;
		const char *name;
	} names[] = {
		{ 4100, "DIAMETER_USER_DATA_NOT_AVAILABLE" },
		{ 4101, "DIAMETER_PRIOR_UPDATE_IN_PROGRESS" },
		{ 5001, "DIAMETER_ERROR_USER_UNKNOWN" },
		{ 5002, "DIAMETER_ERROR_IDENTITIES_DONT_MATCH" },
		{ 5008, "DIAMETER_ERROR_TOO_MUCH_DATA" },
		{ 5011, "DIAMETER_ERROR_FEATURE_UNSUPPORTED" },
		{ 5100, "DIAMETER_ERROR_USER_DATA_NOT_RECOGNIZED" },
		{ 5101, "DIAMETER_ERROR_OPERATION_NOT_ALLOWED" },
		{ 5102, "DIAMETER_ERROR_USER_DATA_CANNOT_BE_READ" },
		{ 5103, "DIAMETER_ERROR_USER_DATA_CANNOT_BE_MODIFIED" },
		{ 5104, "DIAMETER_ERROR_USER_DATA_CANNOT_BE_NOTIFIED" },
		{ 5105, "DIAMETER_ERROR_TRANSPARENT_DATA_OUT_OF_SYNC" },
		{ 5106, "DIAMETER_ERROR_SUBS_DATA_ABSENT" },
		{ 5107, "DIAMETER_ERROR_NO_SUBSCRIPTION_TO_DATA" },
		{ 5108, "DIAMETER_ERROR_DSAI_NOT_AVAILABLE" },
	};

	const char *base;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].code == code)
			return names[i].name;
	return (base = dk_result_name(code)) ? base : "";
}

int cli_outcome(const char *what, int status, const struct sh_answer *answer, int timeout_ms)
{
	uint32_t code;

	if (status == EPROTO) {
		fprintf(stderr, "sh-client: %s: the User-Data read is not valid Sh-Data\n", what);
		return EXIT_LOCAL;
	}
	if (status)
		return dk_cli_no_answer(what, status, timeout_ms);
	code = sh_answer_code(answer);
	if (code == SH_SUCCESS)
		return EXIT_DIAMETER_SUCCESS;
	return dk_cli_result(what, answer->experimental_result != 0, code, cli_result_name(code), answer->error_message,
			     answer->failed_avp_code);
}

void cli_print_answer(const struct cli *cli, const struct sh_answer *answer)
{
	if (cli->json) {
		dk_cli_print_json(cli_answer_json(answer));
	} else if (answer->user_data) {
		fwrite(answer->user_data, 1, answer->user_data_len, stdout);
		if (answer->user_data_len && answer->user_data[answer->user_data_len - 1] != '\n')
			fputc('\n', stdout);
		fflush(stdout);
	}
}
