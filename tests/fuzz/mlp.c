/* MLP documents: a refusal is one of the result ids mlp.h lists, with a reason; a request read
 * names the version mlp_document_version finds (the one refusals are answered in); a document read
 * is written back, and that writing read and written again gives the same text. An answer is
 * the exception by design: a client keeps any result id up to 699 (a newer version's, a vendor's
 * 500-599), where a server writes only those the spec names, so one with another id is refused
 * by the writer with 110. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "mlp.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load_dtds(void)
{
	char err[256];

	if (mlp_init(NULL, err, sizeof err)) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
}

static int documented_refusal(int rc)
{
	return rc == MLP_SYSTEM_FAILURE || rc == MLP_UNSUPPORTED_VERSION || rc == MLP_TOO_MANY_POSITION_ITEMS ||
	       rc == MLP_FORMAT_ERROR || rc == MLP_SYNTAX_ERROR || rc == MLP_PROTOCOL_ELEMENT_NOT_SUPPORTED ||
	       rc == MLP_INVALID_PROTOCOL_ELEMENT_VALUE ||
	       rc == MLP_INVALID_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE || rc == MLP_PROTOCOL_ELEMENT_VALUE_NOT_SUPPORTED ||
	       rc == MLP_PROTOCOL_ELEMENT_ATTRIBUTE_VALUE_NOT_SUPPORTED;
}

int fuzz_mlp_request(const uint8_t *data, size_t size)
{
	struct mlp_request *r = NULL, *again = NULL;
	char err[256], *xml = NULL, *xml2 = NULL;
	size_t len = 0, len2 = 0;
	enum mlp_version seen;
	int rc;

	pthread_once(&once, load_dtds);
	if ((rc = mlp_parse_request((const char *)data, size, &r, err, sizeof err))) {
		FUZZ_CHECK(documented_refusal(rc) && err[0]);
		mlp_document_version((const char *)data, size, &seen); /* what a refusal is answered in */
		return 0;
	}
	/* the version a refusal would be answered in is the one a reading finds */
	FUZZ_CHECK(!mlp_document_version((const char *)data, size, &seen) && seen == r->version);
	FUZZ_CHECK(!mlp_write_request(r, &xml, &len, err, sizeof err));
	FUZZ_CHECK(!mlp_parse_request(xml, len, &again, err, sizeof err));
	FUZZ_CHECK(again->kind == r->kind && again->version == r->version && again->n_msids == r->n_msids);
	FUZZ_CHECK(!mlp_write_request(again, &xml2, &len2, err, sizeof err));
	fuzz_check_same_text(xml, len, xml2, len2);
	free(r);
	free(again);
	return 0;
}

/* 1 when every result a carries is one the spec names. */
static int named_results(const struct mlp_answer *a)
{
	if (a->result && !mlp_result_name(a->result))
		return 0;
	for (int i = 0; i < a->n_pos; i++)
		if (a->pos[i].result && !mlp_result_name(a->pos[i].result))
			return 0;
	return 1;
}

int fuzz_mlp_answer(const uint8_t *data, size_t size)
{
	struct mlp_answer *a = NULL, *again = NULL;
	char err[256], *xml = NULL, *xml2 = NULL;
	size_t len = 0, len2 = 0;
	int rc;

	pthread_once(&once, load_dtds);
	if ((rc = mlp_parse_answer((const char *)data, size, &a, err, sizeof err))) {
		FUZZ_CHECK(documented_refusal(rc) && err[0]);
		return 0;
	}
	if (!named_results(a)) {
		FUZZ_CHECK(mlp_write_answer(a, &xml, &len, err, sizeof err) == MLP_INVALID_PROTOCOL_ELEMENT_VALUE);
		free(a);
		return 0;
	}
	FUZZ_CHECK(!mlp_write_answer(a, &xml, &len, err, sizeof err));
	FUZZ_CHECK(!mlp_parse_answer(xml, len, &again, err, sizeof err));
	FUZZ_CHECK(again->kind == a->kind && again->version == a->version && again->n_pos == a->n_pos &&
		   again->result == a->result);
	FUZZ_CHECK(!mlp_write_answer(again, &xml2, &len2, err, sizeof err));
	fuzz_check_same_text(xml, len, xml2, len2);
	free(a);
	free(again);
	return 0;
}
