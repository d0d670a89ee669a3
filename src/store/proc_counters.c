/*
 * Parser for the kernel's statistics files (see proc_counters.h).
 *
 * Fields are found by name, never by position: kernels add fields in the
 * middle of lines (Icmp InCsumErrors, TcpExt PAWSOldAck) and drop others.
 * Lines are never copied into fixed buffers: the TcpExt header of a 6.x
 * kernel is over 2 KiB.  A malformed section is skipped with one diagnostic
 * and the rest of the file is still parsed.
 */
#include "proc_counters.h"

#include "counter_kind.h"
#include "grow_array.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cursor {
	const char *text;
	size_t len;
	size_t pos; /* start of the next unread line */
	unsigned line; /* 1-based number of that line */
};

/* One line cut into its section name, tokens and trailing white space. */
struct line_tokens {
	unsigned line;
	bool newline; /* ended by '\n' (not end of file) */
	struct proc_span name;
	struct proc_span tail;
	size_t ntok;
	size_t ws_cap, tok_cap;
	struct proc_span *ws; /* white space before each token */
	struct proc_span *tok;
};

struct parser {
	struct proc_file *pf;
	const char *label;
	proc_diag_fn diag;
	void *diag_ctx;
	unsigned skipped;
	size_t sections_cap;
	size_t fields_cap;
};

bool proc_field_is_signed(const char *section, const char *field)
{
	return counter_kind_of(section, field) == COUNTER_KIND_SIGNED;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_name_char(char c)
{
	return c > ' ' && c < 0x7f;
}

static void report(struct parser *p, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct parser *p, unsigned line, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (p->diag)
		p->diag(p->diag_ctx, p->label, line, what);
}

static bool tokens_push(struct line_tokens *lt, struct proc_span ws, struct proc_span tok)
{
	if (!grow_array((void **)&lt->ws, &lt->ws_cap, lt->ntok + 1, sizeof(*lt->ws), 64) ||
	    !grow_array((void **)&lt->tok, &lt->tok_cap, lt->ntok + 1, sizeof(*lt->tok), 64))
		return false;
	lt->ws[lt->ntok] = ws;
	lt->tok[lt->ntok] = tok;
	lt->ntok++;
	return true;
}

static struct proc_span span(size_t from, size_t to)
{
	return (struct proc_span){ (uint32_t)from, (uint32_t)(to - from) };
}

/*
 * Cut the next line into tokens.  Returns false at end of input.  A line
 * that does not parse gets *why set (and is still consumed).  `named` lines
 * start with "Name:" and put white space before every token; flat lines
 * (net/snmp6) are "Name value" with no section name.
 */
static bool next_line(struct cursor *c, struct line_tokens *lt, bool named, const char **why)
{
	if (c->pos >= c->len)
		return false;

	const char *t = c->text;
	const char *nl = memchr(t + c->pos, '\n', c->len - c->pos);
	size_t start = c->pos;
	size_t end = nl ? (size_t)(nl - t) : c->len;
	size_t i = start;

	lt->line = c->line++;
	lt->newline = nl != NULL;
	lt->ntok = 0;
	lt->name = (struct proc_span){ 0, 0 };
	c->pos = nl ? end + 1 : end;
	*why = NULL;

	if (named) {
		while (i < end && is_name_char(t[i]) && t[i] != ':')
			i++;
		if (i == start || i >= end || t[i] != ':') {
			*why = "line does not start with a section name and ':'";
			return true;
		}
		lt->name = span(start, i);
		i++;
	}
	for (;;) {
		size_t ws = i;
		while (i < end && is_blank(t[i]))
			i++;
		if (i == end) {
			lt->tail = span(ws, end);
			if (lt->ntok == 0 && !named)
				*why = "empty line";
			return true;
		}
		bool first_flat = !named && lt->ntok == 0;
		if ((i == ws && !first_flat) || !is_name_char(t[i])) {
			*why = "unexpected character in line";
			return true;
		}
		size_t tok = i;
		while (i < end && is_name_char(t[i]))
			i++;
		if (i < end && !is_blank(t[i])) {
			*why = "unexpected character in line";
			return true;
		}
		if (!tokens_push(lt, span(ws, tok), span(tok, i))) {
			*why = "out of memory";
			return true;
		}
	}
}

/* Strict number: digits only (a '-' first where the field is signed), no overflow. */
static const char *parse_value(const char *s, size_t len, bool allow_negative, uint64_t *value,
			       bool *negative)
{
	char buf[32];
	char *end;

	if (len == 0 || len >= sizeof(buf))
		return len ? "value too long" : "empty value";
	memcpy(buf, s, len);
	buf[len] = '\0';
	*negative = buf[0] == '-';
	if (*negative && !allow_negative)
		return "negative value in an unsigned field";
	for (size_t k = *negative; k < len; k++)
		if (buf[k] < '0' || buf[k] > '9')
			return "value is not a decimal number";
	if (len == (size_t)*negative)
		return "value is not a decimal number";
	errno = 0;
	if (*negative) {
		long long v = strtoll(buf, &end, 10);
		*value = (uint64_t)v;
	} else {
		*value = strtoull(buf, &end, 10);
	}
	if (errno == ERANGE || *end != '\0')
		return "value out of range";
	return NULL;
}

static struct proc_section *section_add(struct parser *p, const struct line_tokens *head)
{
	struct proc_file *pf = p->pf;

	if (!grow_array((void **)&pf->sections, &p->sections_cap, pf->nsections + 1,
			sizeof(*pf->sections), 16) ||
	    !grow_array((void **)&pf->fields, &p->fields_cap, pf->nfields + head->ntok,
			sizeof(*pf->fields), 256))
		return NULL;
	struct proc_section *s = &pf->sections[pf->nsections];
	*s = (struct proc_section){
		.name = head->name,
		.head_tail = head->tail,
		.first_field = pf->nfields,
		.nfields = 0,
		.line = head->line,
	};
	return s;
}

static bool same_name(const char *t, struct proc_span a, struct proc_span b)
{
	return a.len == b.len && !memcmp(t + a.off, t + b.off, a.len);
}

/* Is the section's field k's name printed earlier in the file? */
static bool printed_before(const struct proc_file *pf, const struct proc_section *s, size_t k)
{
	const struct proc_span name = pf->fields[s->first_field + k].name;

	for (size_t j = 0; j <= pf->nsections; j++) {
		const struct proc_section *o = &pf->sections[j];
		size_t n = o == s ? k : o->nfields;
		if (!same_name(pf->text, o->name, s->name))
			continue;
		for (size_t i = 0; i < n; i++)
			if (same_name(pf->text, pf->fields[o->first_field + i].name, name))
				return true;
	}
	return false;
}

/*
 * A name printed twice (a second "Ip:" pair) would give one OID twice: the
 * first is served, later ones are marked and reported.  Sections of one
 * name only repeat where the kernel wraps a long line (IcmpMsg).
 */
static void section_commit(struct parser *p, struct proc_section *s)
{
	struct proc_file *pf = p->pf;
	size_t again = 0;

	for (size_t k = 0; k < s->nfields; k++) {
		struct proc_field *f = &pf->fields[s->first_field + k];
		f->duplicate = printed_before(pf, s, k);
		again += f->duplicate;
	}
	if (again)
		report(p, s->line, "%.*s: %zu name%s printed again; the first of each is served",
		       (int)s->name.len, pf->text + s->name.off, again, again == 1 ? "" : "s");
	pf->nsections++;
	pf->nfields += s->nfields;
}

/* Names with their C strings, for the signed-field table. */
static bool field_may_be_negative(const struct parser *p, struct proc_span sec,
				  struct proc_span name)
{
	char s[64], f[128];
	const char *t = p->pf->text;

	if (p->pf->layout == PROC_LAYOUT_SOCKSTAT)
		return true; /* sockstat is printed with %d throughout */
	if (sec.len >= sizeof(s) || name.len >= sizeof(f))
		return false;
	memcpy(s, t + sec.off, sec.len);
	s[sec.len] = '\0';
	memcpy(f, t + name.off, name.len);
	f[name.len] = '\0';
	return proc_field_is_signed(s, f);
}

static bool add_field(struct parser *p, struct proc_section *s, struct proc_span name_ws,
		      struct proc_span name, struct proc_span value_ws, struct proc_span value,
		      unsigned line)
{
	struct proc_field *f = &p->pf->fields[s->first_field + s->nfields];
	const char *why = parse_value(p->pf->text + value.off, value.len,
				      field_may_be_negative(p, s->name, name), &f->value,
				      &f->negative);
	if (why) {
		report(p, line, "%.*s %.*s: %s ('%.*s'); section skipped", (int)s->name.len,
		       p->pf->text + s->name.off, (int)name.len, p->pf->text + name.off, why,
		       (int)(value.len > 40 ? 40 : value.len), p->pf->text + value.off);
		return false;
	}
	f->name = name;
	f->name_ws = name_ws;
	f->value_ws = value_ws;
	f->duplicate = false;
	s->nfields++;
	return true;
}

static void skip(struct parser *p, unsigned line, const char *why, const struct line_tokens *lt)
{
	p->skipped++;
	if (lt && lt->name.len)
		report(p, line, "%.*s: %s; section skipped", (int)lt->name.len,
		       p->pf->text + lt->name.off, why);
	else
		report(p, line, "%s; line skipped", why);
}

static void parse_pair(struct parser *p, struct line_tokens *head, struct line_tokens *vals)
{
	const char *t = p->pf->text;
	struct proc_section *s;

	if (head->ntok != vals->ntok) {
		p->skipped++;
		report(p, vals->line, "%.*s: %zu names but %zu values; section skipped",
		       (int)head->name.len, t + head->name.off, head->ntok, vals->ntok);
		return;
	}
	s = section_add(p, head);
	if (!s) {
		skip(p, head->line, "out of memory", head);
		return;
	}
	s->value_tail = vals->tail;
	for (size_t i = 0; i < head->ntok; i++) {
		if (!add_field(p, s, head->ws[i], head->tok[i], vals->ws[i], vals->tok[i],
			       vals->line)) {
			p->skipped++;
			return;
		}
	}
	section_commit(p, s);
}

/*
 * After a broken header line, its value line goes too.  Returns true when
 * the line read next is not that value line but a fresh header (in *next).
 */
static bool skip_values_of(struct cursor *c, const struct line_tokens *bad,
			   struct line_tokens *next)
{
	const char *why;
	size_t pos = c->pos;
	unsigned line = c->line;

	if (!bad->name.len || !next_line(c, next, true, &why))
		return false;
	if (next->name.len && same_name(c->text, bad->name, next->name))
		return false;
	if (why) {
		/* Not ours and broken too: let the main loop report it. */
		c->pos = pos;
		c->line = line;
		return false;
	}
	return true;
}

static void parse_paired(struct parser *p, struct cursor *c)
{
	struct line_tokens a = { 0 }, b = { 0 };
	struct line_tokens *head = &a, *vals = &b;
	const char *why;
	bool have_head = false;

	for (;;) {
		if (!have_head) {
			if (!next_line(c, head, true, &why))
				break;
			if (why) {
				skip(p, head->line, why, head);
				have_head = skip_values_of(c, head, vals);
				if (have_head) {
					struct line_tokens *tmp = head;
					head = vals;
					vals = tmp;
				}
				continue;
			}
		}
		have_head = false;
		if (!next_line(c, vals, true, &why)) {
			skip(p, head->line, "header line without a value line (truncated file?)",
			     head);
			break;
		}
		if (why) {
			skip(p, vals->line, why, head);
			continue;
		}
		if (!same_name(p->pf->text, head->name, vals->name)) {
			/* A lone header: the line we just read may start the next pair. */
			skip(p, head->line, "header line without a value line", head);
			struct line_tokens *tmp = head;
			head = vals;
			vals = tmp;
			have_head = true;
			continue;
		}
		parse_pair(p, head, vals);
		p->pf->final_newline = vals->newline;
	}
	free(a.ws);
	free(a.tok);
	free(b.ws);
	free(b.tok);
}

/*
 * A line of name/value pairs: "TCP: inuse 5 orphan 0" in net/sockstat,
 * "Icmp6InType1   3" (one pair, no section name) in net/snmp6.
 */
static void parse_pairs_line(struct parser *p, struct line_tokens *lt)
{
	struct proc_section *s;

	if (lt->ntok % 2) {
		skip(p, lt->line, "a name without a value", lt);
		return;
	}
	if (p->pf->layout == PROC_LAYOUT_FLAT && lt->ntok != 2) {
		skip(p, lt->line, "expected one name and one value", lt);
		return;
	}
	struct line_tokens names = *lt;
	names.ntok = lt->ntok / 2;
	s = section_add(p, &names);
	if (!s) {
		skip(p, lt->line, "out of memory", lt);
		return;
	}
	s->value_tail = (struct proc_span){ 0, 0 };
	for (size_t i = 0; i < lt->ntok; i += 2) {
		if (!add_field(p, s, lt->ws[i], lt->tok[i], lt->ws[i + 1], lt->tok[i + 1],
			       lt->line)) {
			p->skipped++;
			return;
		}
	}
	section_commit(p, s);
	p->pf->final_newline = lt->newline;
}

static void parse_pairs(struct parser *p, struct cursor *c)
{
	struct line_tokens lt = { 0 };
	bool named = p->pf->layout != PROC_LAYOUT_FLAT;
	const char *why;

	while (next_line(c, &lt, named, &why)) {
		if (why)
			skip(p, lt.line, why, NULL);
		else
			parse_pairs_line(p, &lt);
	}
	free(lt.ws);
	free(lt.tok);
}

unsigned proc_file_parse(struct proc_file *pf, enum proc_layout layout, char *text, size_t len,
			 const char *label, proc_diag_fn diag, void *diag_ctx)
{
	struct parser p = {
		.pf = pf,
		.label = label,
		.diag = diag,
		.diag_ctx = diag_ctx,
	};
	struct cursor c = { .text = text, .len = len, .pos = 0, .line = 1 };

	*pf = (struct proc_file){
		.layout = layout,
		.present = true,
		.final_newline = true,
		.text = text,
		.text_len = len,
	};
	if (len > UINT32_MAX) {
		report(&p, 0, "file too large; ignored");
		return 1;
	}
	if (len == 0) {
		report(&p, 0, "file is empty");
		return 0;
	}
	if (layout == PROC_LAYOUT_PAIRED)
		parse_paired(&p, &c);
	else
		parse_pairs(&p, &c);
	return p.skipped;
}

void proc_file_free(struct proc_file *pf)
{
	free(pf->text);
	free(pf->sections);
	free(pf->fields);
	*pf = (struct proc_file){ .layout = pf->layout };
}

bool proc_span_eq(const struct proc_file *pf, struct proc_span s, const char *str)
{
	size_t n = strlen(str);
	return s.len == n && !memcmp(pf->text + s.off, str, n);
}

const struct proc_field *proc_file_find(const struct proc_file *pf, const char *section,
					const char *field)
{
	for (size_t i = 0; i < pf->nsections; i++) {
		const struct proc_section *s = &pf->sections[i];
		if (!proc_span_eq(pf, s->name, section))
			continue;
		for (size_t k = 0; k < s->nfields; k++) {
			const struct proc_field *f = &pf->fields[s->first_field + k];
			if (proc_span_eq(pf, f->name, field))
				return f;
		}
	}
	return NULL;
}

void proc_file_each(const struct proc_file *pf, void (*fn)(void *ctx, const struct proc_item *it),
		    void *ctx)
{
	for (size_t s = 0; s < pf->nsections; s++) {
		const struct proc_section *sec = &pf->sections[s];
		for (size_t k = 0; k < sec->nfields; k++) {
			const struct proc_field *f = &pf->fields[sec->first_field + k];
			struct proc_item it = {
				.section = pf->text + sec->name.off,
				.section_len = sec->name.len,
				.name = pf->text + f->name.off,
				.name_len = f->name.len,
				.field = f,
			};
			if (!f->duplicate)
				fn(ctx, &it);
		}
	}
}

bool proc_item_in(const struct proc_item *it, const char *section)
{
	return strlen(section) == it->section_len && !memcmp(it->section, section, it->section_len);
}
