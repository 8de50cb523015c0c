/* Repository data written without libxml2 (shdata_write_repository_data): the ServiceData text is
 * copied as it is, so the caller guarantees it was checked when it was stored. */
#include "shdata.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buffer {
	char *data;
	size_t len, size;
};

static int put(struct buffer *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->size) {
		size_t size = b->size ? b->size : 1024;
		char *grown;
		while (size < b->len + n + 1)
			size *= 2;
		if (!(grown = realloc(b->data, size)))
			return ENOMEM;
		b->data = grown;
		b->size = size;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static int put_str(struct buffer *b, const char *s)
{
	return put(b, s, strlen(s));
}

/* Text content with &, < and > escaped. */
static int put_escaped(struct buffer *b, const char *s)
{
	int ret = 0;

	for (; *s && !ret; s++) {
		if (*s == '&')
			ret = put_str(b, "&amp;");
		else if (*s == '<')
			ret = put_str(b, "&lt;");
		else if (*s == '>')
			ret = put_str(b, "&gt;");
		else
			ret = put(b, s, 1);
	}
	return ret;
}

int shdata_write_repository_data(const char *const *service_indications, const int *sequence_numbers,
				 const char *const *service_data, size_t n, char **xml, size_t *len)
{
	struct buffer b = { 0 };
	int ret = put_str(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Sh-Data>");

	for (size_t i = 0; i < n && !ret; i++) {
		char seq[32];
		if (sequence_numbers[i] < 0 || sequence_numbers[i] > 65535) {
			ret = SHDATA_EINVALID;
			break;
		}
		snprintf(seq, sizeof seq, "%d", sequence_numbers[i]);
		ret = put_str(&b, "<RepositoryData><ServiceIndication>");
		ret = ret ? ret : put_escaped(&b, service_indications[i]);
		ret = ret ? ret : put_str(&b, "</ServiceIndication><SequenceNumber>");
		ret = ret ? ret : put_str(&b, seq);
		ret = ret ? ret : put_str(&b, "</SequenceNumber>");
		if (!ret && service_data[i]) {
			ret = put_str(&b, "<ServiceData>");
			ret = ret ? ret : put_str(&b, service_data[i]);
			ret = ret ? ret : put_str(&b, "</ServiceData>");
		}
		ret = ret ? ret : put_str(&b, "</RepositoryData>");
	}
	ret = ret ? ret : put_str(&b, "</Sh-Data>\n");
	if (!ret && b.len > SHDATA_MAX_SIZE)
		ret = SHDATA_ETOOBIG;
	if (ret) {
		free(b.data);
		return ret;
	}
	*xml = b.data;
	if (len)
		*len = b.len;
	return 0;
}
