/*
 * Render a parsed statistics file back in the kernel's layout.
 *
 * Names and white space come from the text the kernel wrote; values are
 * printed from the parsed numbers, so a rendering that matches the input
 * byte for byte proves the parse kept everything.
 */
#include "proc_counters.h"

#include "grow_array.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct outbuf {
	char *buf;
	size_t len;
	size_t cap;
	bool failed;
};

static void put(struct outbuf *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (!grow_array((void **)&o->buf, &o->cap, o->len + n + 1, 1, 4096)) {
		o->failed = true;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void put_span(struct outbuf *o, const struct proc_file *pf, struct proc_span s)
{
	put(o, pf->text + s.off, s.len);
}

static void put_value(struct outbuf *o, const struct proc_field *f)
{
	char num[24];
	int n;

	if (f->negative)
		n = snprintf(num, sizeof(num), "%" PRId64, (int64_t)f->value);
	else
		n = snprintf(num, sizeof(num), "%" PRIu64, f->value);
	put(o, num, (size_t)n);
}

static void put_section_name(struct outbuf *o, const struct proc_file *pf,
			     const struct proc_section *s)
{
	put_span(o, pf, s->name);
	put(o, ":", 1);
}

static void render_paired(struct outbuf *o, const struct proc_file *pf,
			  const struct proc_section *s, bool last)
{
	const struct proc_field *f = &pf->fields[s->first_field];

	put_section_name(o, pf, s);
	for (size_t i = 0; i < s->nfields; i++) {
		put_span(o, pf, f[i].name_ws);
		put_span(o, pf, f[i].name);
	}
	put_span(o, pf, s->head_tail);
	put(o, "\n", 1);
	put_section_name(o, pf, s);
	for (size_t i = 0; i < s->nfields; i++) {
		put_span(o, pf, f[i].value_ws);
		put_value(o, &f[i]);
	}
	put_span(o, pf, s->value_tail);
	if (!last || pf->final_newline)
		put(o, "\n", 1);
}

/* net/sockstat lines, and net/snmp6 lines (which have no section name). */
static void render_pairs(struct outbuf *o, const struct proc_file *pf, const struct proc_section *s,
			 bool last)
{
	const struct proc_field *f = &pf->fields[s->first_field];

	if (pf->layout != PROC_LAYOUT_FLAT)
		put_section_name(o, pf, s);
	for (size_t i = 0; i < s->nfields; i++) {
		put_span(o, pf, f[i].name_ws);
		put_span(o, pf, f[i].name);
		put_span(o, pf, f[i].value_ws);
		put_value(o, &f[i]);
	}
	put_span(o, pf, s->head_tail);
	if (!last || pf->final_newline)
		put(o, "\n", 1);
}

char *proc_file_render(const struct proc_file *pf, size_t *len)
{
	struct outbuf o = { 0 };

	put(&o, "", 0); /* an empty file renders as "" rather than NULL */
	for (size_t i = 0; i < pf->nsections; i++) {
		bool last = i + 1 == pf->nsections;
		if (pf->layout == PROC_LAYOUT_PAIRED)
			render_paired(&o, pf, &pf->sections[i], last);
		else
			render_pairs(&o, pf, &pf->sections[i], last);
	}
	if (o.failed) {
		free(o.buf);
		return NULL;
	}
	*len = o.len;
	return o.buf;
}
