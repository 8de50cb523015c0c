/* The reason of a refusal, for functions that take an err buffer (diamkit.h, "errors"). */
#include <stdarg.h>
#include <stdio.h>

#include "diamkit.h"

int dk_error(char *err, size_t errlen, int ret, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}
