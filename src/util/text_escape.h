/*
 * Values from managers, and texts read from files, made safe for a log
 * line: printable ASCII kept, everything else escaped, length bounded, so
 * that nobody can forge a line or flood the log through a SET.
 */
#ifndef IPSTACK_TEXT_ESCAPE_H
#define IPSTACK_TEXT_ESCAPE_H

#include <stddef.h>

/* Shown bytes of a value at most; longer ones end in "...". */
#define TEXT_ESCAPE_SHOWN 64
/* Enough for any escaped value: 4 bytes per byte shown, "...", NUL. */
#define TEXT_ESCAPE_BUF (TEXT_ESCAPE_SHOWN * 4 + 4)

/* `len` bytes of `s` into `out` (TEXT_ESCAPE_BUF bytes); returns `out`. */
char *text_escape(const char *s, size_t len, char *out);

#endif
