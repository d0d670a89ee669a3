/*
 * The counter store's model of one kernel statistics file.
 *
 * /proc/net/snmp and /proc/net/netstat are pairs of lines, a header line
 * naming the fields and a value line holding them ("Ip: Forwarding ..." then
 * "Ip: 2 64 ..."); /proc/net/sockstat is one line per protocol with
 * name/value pairs ("TCP: inuse 5 orphan 0 ...").  Both are parsed into the
 * same shape: an ordered list of sections, each an ordered list of fields,
 * exactly as the kernel printed them.  The file's own text is kept so that
 * names and white space can be rendered back byte for byte; values are held
 * as parsed numbers and rendered from those.
 *
 * This file and its .c know nothing of SNMP, so they build and test alone.
 */
#ifndef IPSTACK_PROC_COUNTERS_H
#define IPSTACK_PROC_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum proc_layout {
	PROC_LAYOUT_PAIRED, /* net/snmp, net/netstat: header line + value line */
	PROC_LAYOUT_SOCKSTAT, /* net/sockstat: "PROTO: name value name value" */
	PROC_LAYOUT_FLAT, /* net/snmp6: "Name value", one per line */
};

/* A run of the file's text: offset and length into proc_file.text. */
struct proc_span {
	uint32_t off;
	uint32_t len;
};

struct proc_field {
	struct proc_span name;
	struct proc_span name_ws; /* white space before the name */
	struct proc_span value_ws; /* white space before the value */
	uint64_t value; /* two's complement when negative */
	bool negative; /* printed with a leading '-' */
	bool duplicate; /* an earlier field of the file has this section and name */
};

struct proc_section {
	struct proc_span name; /* "TcpExt", "IcmpMsg", "TCP" */
	struct proc_span head_tail; /* white space ending the header line */
	struct proc_span value_tail; /* white space ending the value line */
	size_t first_field; /* index into proc_file.fields */
	size_t nfields;
	unsigned line; /* 1-based line of the header, for messages */
};

struct proc_file {
	enum proc_layout layout;
	bool present; /* the file could be read */
	bool final_newline; /* the last line ended with '\n' */
	char *text; /* the file as read, owned */
	size_t text_len;
	struct proc_section *sections;
	size_t nsections;
	struct proc_field *fields;
	size_t nfields;
};

/*
 * Called once per problem found while parsing: the section is skipped, the
 * rest of the file is still parsed.  `line` is 1-based.
 */
typedef void (*proc_diag_fn)(void *ctx, const char *file, unsigned line, const char *what);

/*
 * Parse `len` bytes of `text` (ownership passes to `pf`, which frees it).
 * `label` names the file in diagnostics ("net/snmp").  Returns the number of
 * sections skipped because they were malformed.
 */
unsigned proc_file_parse(struct proc_file *pf, enum proc_layout layout, char *text, size_t len,
			 const char *label, proc_diag_fn diag, void *diag_ctx);

void proc_file_free(struct proc_file *pf);

/* Render back in the kernel's layout; returns a malloc'd string, length in *len. */
char *proc_file_render(const struct proc_file *pf, size_t *len);

/* One field, as proc_file_each() gives it: names are not NUL-terminated. */
struct proc_item {
	const char *section;
	size_t section_len;
	const char *name;
	size_t name_len;
	const struct proc_field *field;
};

/*
 * Call `fn` for every field, in the kernel's order; a name printed again
 * (struct proc_field.duplicate) is given once, the first time.
 */
void proc_file_each(const struct proc_file *pf, void (*fn)(void *ctx, const struct proc_item *it),
		    void *ctx);

/* Does the item's section have this name? */
bool proc_item_in(const struct proc_item *it, const char *section);

/* Lookups by name; repeated sections (IcmpMsg) are searched in order. */
const struct proc_field *proc_file_find(const struct proc_file *pf, const char *section,
					const char *field);
bool proc_span_eq(const struct proc_file *pf, struct proc_span s, const char *str);

static inline const char *proc_span_ptr(const struct proc_file *pf, struct proc_span s)
{
	return pf->text + s.off;
}

/* True for the fields the kernel prints with %ld/%d and may be negative. */
bool proc_field_is_signed(const char *section, const char *field);

#endif
