/* Escaping values for log lines (see text_escape.h). */
#include "text_escape.h"

#include <stdio.h>

char *text_escape(const char *s, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len && i < TEXT_ESCAPE_SHOWN; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == '\'') {
			out[n++] = '\\';
			out[n++] = (char)c;
		} else if (c >= 0x20 && c < 0x7f) {
			out[n++] = (char)c;
		} else {
			n += (size_t)snprintf(out + n, 5, "\\x%02x", c);
		}
	}
	if (len > TEXT_ESCAPE_SHOWN) {
		out[n++] = '.';
		out[n++] = '.';
		out[n++] = '.';
	}
	out[n] = '\0';
	return out;
}
