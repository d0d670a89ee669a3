/*
 * libFuzzer target: the statistics-file parser and renderer.  The first
 * byte picks the layout (paired, sockstat, flat), the rest is the file.
 * Besides not crashing, parsing must be stable: rendering what was parsed
 * and parsing that again gives the same text, with nothing skipped.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proc_counters.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *copy(const void *p, size_t n)
{
	char *c = malloc(n + 1);

	if (!c)
		abort();
	memcpy(c, p, n);
	c[n] = '\0';
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proc_file first, second;
	enum proc_layout layout;
	size_t len1, len2;
	char *out1, *out2;

	if (size < 1)
		return 0;
	layout = (enum proc_layout)(data[0] % 3);
	proc_file_parse(&first, layout, copy(data + 1, size - 1), size - 1, "fuzz", NULL, NULL);
	out1 = proc_file_render(&first, &len1);
	for (size_t s = 0; s < first.nsections; s++) {
		const struct proc_section *sec = &first.sections[s];
		for (size_t k = 0; k < sec->nfields; k++) {
			char sname[64], fname[64];
			const struct proc_field *f = &first.fields[sec->first_field + k];
			if (sec->name.len >= sizeof(sname) || f->name.len >= sizeof(fname))
				continue;
			memcpy(sname, proc_span_ptr(&first, sec->name), sec->name.len);
			sname[sec->name.len] = '\0';
			memcpy(fname, proc_span_ptr(&first, f->name), f->name.len);
			fname[f->name.len] = '\0';
			if (!proc_file_find(&first, sname, fname))
				abort(); /* every parsed field can be found by name */
		}
	}
	if (proc_file_parse(&second, layout, copy(out1, len1), len1, "fuzz", NULL, NULL) != 0)
		abort(); /* a rendering is always well-formed */
	out2 = proc_file_render(&second, &len2);
	if (len1 != len2 || memcmp(out1, out2, len1) != 0)
		abort(); /* and parsing it changes nothing */
	free(out1);
	free(out2);
	proc_file_free(&first);
	proc_file_free(&second);
	return 0;
}
