/*
 * The writable tunables over SNMP: LINUX-IPSTACK-MIB's ipstackSysctlTable
 * and the SET side of IP-MIB's ipForwarding.0 and ipDefaultTTL.0.
 *
 * A SET runs net-snmp's phases as one transaction over all its varbinds:
 * RESERVE1 checks permission, type, length and the kernel's predicted
 * verdict (nothing is written if any varbind fails); RESERVE2 saves the old
 * text; ACTION writes; UNDO writes the old text back to every entry ACTION
 * touched, the failing one included, since the kernel may have stored part
 * of a vector before refusing the rest; COMMIT logs.
 */
#include "sysctl_agent.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"
#include "counter_store.h"
#include "log.h"
#include "registrations.h"
#include "mib_objects.h"
#include "mib_oids.h"
#include "netns.h"
#include "netsnmp_internals.h"
#include "number_parse.h"
#include "set_txn.h"
#include "settings.h"
#include "sysctl_alias.h"
#include "sysctl_persist.h"
#include "sysctl_policy.h"
#include "sysctl_tree.h"
#include "sysctl_validate.h"
#include "table_def.h"
#include "test_hooks.h"
#include "text_escape.h"
#include "tunable_notify.h"

/* LINUX-IPSTACK-MIB::ipstackSysctlEntry */
static const oid entry_oid[] = { MIB_OID_IPSTACK_SYSCTL_ENTRY };
#define ENTRY_LEN (sizeof(entry_oid) / sizeof(entry_oid[0]))

enum column {
	COL_VALUE = 2,
	COL_INTEGER = 3,
	COL_HANDLER = 4,
	COL_MIN = 5,
	COL_MAX = 6,
	COL_MODE = 7,
	COL_WRITABLE = 8,
	COL_PERSISTED = 9,
	COL_FIRST = COL_VALUE,
	COL_LAST = COL_PERSISTED,
};

/* The tunables of one context's network namespace (context.h). */
struct sysctl_ns {
	struct sysctl_tree tree; /* net/ipv4 and net/ipv6 */
	struct sysctl_env env;
	struct snapshot_cache text_cache;
};

/* writeAllow/writeDeny and persistSets, the settings' own (kept until the next call). */
static const struct sysctl_policy *policy;
static const char *persist_file;
/* persistSets' text, read again when the file changes (ipstackSysctlPersisted) */
static struct {
	char *text;
	struct timespec mtime;
	ino_t ino;
	off_t size;
	bool read;
} persisted;
/*
 * The context the running handler serves, entered for the handler's whole
 * call: every file below is opened inside its namespace.  Handlers do not
 * nest.
 */
static struct context *cur;
static unsigned long sets_committed, sets_refused;
/* Writes the kernel refused though the model accepted them (kernel_refused);
 * the tunables whose first one was logged. */
static unsigned long kernel_refusals;
static struct name_list disagreed;

/* One varbind's write, carried from RESERVE1 to FREE. */
struct pending {
	char path[SYSCTL_PATH_MAX + 1];
	char *text; /* new value as given */
	size_t len;
	char *old; /* saved in RESERVE2, for the log line */
};

static void pending_free(void *p)
{
	struct pending *w = p;

	free(w->text);
	free(w->old);
	free(w);
}

/*
 * Are we in the initial network namespace?  pid 1's namespace says so, but
 * only to a process allowed to inspect pid 1; otherwise an entry the kernel
 * registers in the initial namespace alone answers (udp_mem, of
 * sysctl_net_ipv4.c's ipv4_table).
 */
static bool in_init_netns(void)
{
	struct stat self, init;

	if (stat("/proc/self/ns/net", &self) == 0 && stat("/proc/1/ns/net", &init) == 0)
		return self.st_ino == init.st_ino && self.st_dev == init.st_dev;
	return access("/proc/sys/net/ipv4/udp_mem", F_OK) == 0;
}

void sysctl_ns_configure(struct sysctl_ns *ns)
{
	const char *root = context_config()->proc_root;

	sysctl_tree_free(&ns->tree);
	ns->env.proc_root = root;
	ns->text_cache = (struct snapshot_cache){ 0 };
	sysctl_tree_init(&ns->tree, root);
}

/* persistSets' file is read again at its next use. */
static void forget_persisted(void)
{
	free(persisted.text);
	persisted.text = NULL;
	persisted.read = false;
}

void sysctl_agent_configure(const struct sysctl_policy *p, const char *file)
{
	policy = p;
	persist_file = file;
	forget_persisted();
}

void sysctl_agent_mark_stale(void)
{
	struct context *c = context_default();

	if (c)
		c->sysctl->tree.stale = true;
}

struct sysctl_ns *sysctl_ns_new(const struct context *c)
{
	struct sysctl_ns *ns = calloc(1, sizeof(*ns));

	if (!ns)
		return NULL;
	/* udp_mem and friends exist in the initial namespace alone */
	if (netns_enter(c->netns_fd) == 0) {
		ns->env.init_netns = in_init_netns();
		netns_leave(c->netns_fd);
	}
	sysctl_ns_configure(ns);
	return ns;
}

void sysctl_ns_free(struct sysctl_ns *ns)
{
	if (!ns)
		return;
	if (cur && cur->sysctl == ns)
		cur = NULL;
	sysctl_tree_free(&ns->tree);
	free(ns);
}

/* The running handler's context's tunables (sysctl_tree.h). */
static struct sysctl_tree *cur_tree(void)
{
	return &cur->sysctl->tree;
}

/* Cached texts are stale: the next use reads the files. */
static void forget_texts(void)
{
	for (size_t i = 0; i < cur->sysctl->tree.n; i++)
		cur->sysctl->tree.entries[i].have_text = false;
}

void sysctl_agent_shutdown(void)
{
	name_list_free(&disagreed);
	policy = NULL;
	persist_file = NULL;
	forget_persisted();
	cur = NULL;
}

static bool named(const char *path, const char *const *names)
{
	const char *last = strrchr(path, '/');

	last = last ? last + 1 : path;
	for (; *names; names++)
		if (!strcmp(last, *names))
			return true;
	return false;
}

bool sysctl_agent_read_each(struct context *c, const char *const *names, size_t *next, size_t max,
			    sysctl_each_fn fn, void *ctx)
{
	struct sysctl_tree *t = &c->sysctl->tree;
	size_t i = *next, read = 0;

	/* a SET works on the entries it was checked against: no rescan under it */
	if (set_txn_in_progress() || netns_enter(c->netns_fd))
		return false;
	/* no link notifications from another namespace: look again at the
	 * start of a pass; a rescan in the middle of one (a link came or
	 * went) may shift entries past the slice's start: a few are read
	 * twice or wait for the next pass */
	if (t->stale || (c->netns_fd >= 0 && i == 0))
		sysctl_tree_scan(t);
	for (; i < t->n && (!max || read < max); i++) {
		struct sysctl_entry *e = &t->entries[i];

		if ((!names || named(e->path, names)) && sysctl_tree_read(t, e)) {
			fn(ctx, e->path, e->text);
			read++;
		}
	}
	netns_leave(c->netns_fd);
	*next = i < t->n ? i : 0;
	return true;
}

/* " in context 'blue'" for a log line about the namespace being served. */
static const char *in_context(void)
{
	return log_in_context(cur->name);
}

static int refuse(const char *what, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A SET of `what` refused: one log line with the reason; returns `status`. */
static int refuse(const char *what, int status, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	log_info("SET %s%s refused: %s", what, in_context(), why);
	return status;
}

/*
 * A handler's call begins: serve context `c`, from inside its namespace.
 * False when it cannot be entered (logged; the caller answers with an
 * error).
 */
static bool serve(struct context *c)
{
	int err;

	cur = c;
	context_touch(c);
	if (!(err = netns_enter(cur->netns_fd)))
		return true;
	log_warnx("tunables%s: cannot enter the network namespace: %s", in_context(),
		  strerror(err));
	return false;
}

static void served(void)
{
	netns_leave(cur->netns_fd);
}

/*
 * Cached texts serve one request, or across requests the configured cache
 * lifetime: the rule of the counters and connection tables (cache_rule.h).
 * Interfaces that came or went are rediscovered first, but never between
 * the phases of a SET: a SET works on the entries it was checked against.
 */
static void freshen(netsnmp_agent_request_info *reqinfo)
{
	struct request_key buf;
	const struct request_key *key = ns_request_key(reqinfo, &buf);
	uint64_t now = monotonic_ms();

	bool reuse = snapshot_cache_reuse(&cur->sysctl->text_cache, cur->sysctl->tree.read_ms != 0,
					  cur->sysctl->tree.read_ms, context_config()->cache_ms,
					  key, now);
	/* past RESERVE1, a SET works on the entries RESERVE1 checked (it finds
	 * them by path, so another request's rescan does no harm) */
	bool mid_set = reqinfo->mode != MODE_GET && reqinfo->mode != MODE_GETNEXT &&
		reqinfo->mode != MODE_SET_RESERVE1;

	/* no link notifications from another namespace: look again with the texts */
	if (!reuse && cur->netns_fd >= 0)
		cur->sysctl->tree.stale = true;
	if (cur->sysctl->tree.stale && !mid_set)
		sysctl_tree_scan(&cur->sysctl->tree);
	if (reuse)
		return;
	forget_texts();
	cur->sysctl->tree.read_ms = now;
}

static const char *entry_text(struct sysctl_entry *e)
{
	if (!e->have_text && !sysctl_tree_read(&cur->sysctl->tree, e))
		return NULL;
	return e->text;
}

static enum sysctl_policy_verdict write_policy(const struct sysctl_entry *e, const char **fault);

/*
 * ipstackSysctlWritable: the model, the policy, and whether this process
 * may write the file at all (the kernel asks for CAP_NET_ADMIN or root in
 * the namespace's owner; faccessat with our effective credentials runs the
 * same check, and on a fixture tree the file's mode).
 */
static bool set_would_pass(const struct sysctl_entry *e)
{
	const char *fault;
	char path[4096], file[SYSCTL_PATH_MAX + 8];

	if (!sysctl_entry_writable(e) || write_policy(e, &fault) != SYSCTL_POLICY_ALLOW)
		return false;
	snprintf(path, sizeof(path), "%s/%s", cur->sysctl->tree.dir,
		 sysctl_tree_file(e->path, file, sizeof(file)));
	return faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
}

/* A single integer that fits Integer32, for ipstackSysctlInteger. */
static bool entry_integer(struct sysctl_entry *e, long *v)
{
	long long x;

	if (!e->row || !sysctl_handler_is_integer(e->row->handler) || e->row->nelem != 1 ||
	    !parse_llong(entry_text(e), INT32_MIN, INT32_MAX, &x))
		return false;
	*v = (long)x;
	return true;
}

static void set_bound(netsnmp_variable_list *vb, int64_t bound, bool none)
{
	char buf[24] = "";

	if (!none)
		snprintf(buf, sizeof(buf), "%lld", (long long)bound);
	snmp_set_var_typed_value(vb, ASN_OCTET_STR, buf, strlen(buf));
}

/* persistSets' text as it is now: read again when the file changed. */
static const char *persisted_text(void)
{
	struct stat st;
	char *text;
	int err;

	if (stat(persist_file, &st) < 0) {
		forget_persisted();
		return NULL;
	}
	if (persisted.read && st.st_ino == persisted.ino && st.st_size == persisted.size &&
	    st.st_mtim.tv_sec == persisted.mtime.tv_sec &&
	    st.st_mtim.tv_nsec == persisted.mtime.tv_nsec)
		return persisted.text;
	if (!(text = sysctl_persist_read(persist_file, &err)))
		return persisted.read ? persisted.text : NULL;
	free(persisted.text);
	persisted.text = text;
	persisted.ino = st.st_ino;
	persisted.size = st.st_size;
	persisted.mtime = st.st_mtim;
	persisted.read = true;
	return persisted.text;
}

/*
 * ipstackSysctlPersisted: the default context's entry has its current
 * value in persistSets' file.  Contexts are runtime only: a namespace
 * made by a container runtime or ip-netns is gone at the next boot.
 */
static bool is_persisted(const char *path, const char *text)
{
	return persist_file && cur->netns_fd < 0 &&
		sysctl_persist_holds(persisted_text(), path, text);
}

/* A bound that is another entry's value (sysctl_table.h): that entry's text. */
static bool set_bound_of(netsnmp_variable_list *vb, const char *of)
{
	struct sysctl_entry *e = sysctl_tree_find(cur_tree(), of, strlen(of));
	const char *text = e ? entry_text(e) : NULL;

	if (text)
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, text, strlen(text));
	return text != NULL;
}

/* Fill vb with column `col` of e; false where the column has no instance. */
static bool column_value(struct sysctl_entry *e, oid col, netsnmp_variable_list *vb)
{
	const struct sysctl_row *r = e->row;
	const char *text;
	long v;

	switch (col) {
	case COL_VALUE:
		text = entry_text(e);
		if (!text)
			return false;
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, text, strlen(text));
		return true;
	case COL_INTEGER:
		if (!entry_integer(e, &v))
			return false;
		snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
		return true;
	case COL_HANDLER:
		v = r ? (long)r->handler : SYSCTL_H_UNKNOWN;
		snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
		return true;
	case COL_MIN:
		if (!r || !r->min_of || !set_bound_of(vb, r->min_of))
			set_bound(vb, r ? r->min : 0, !r || r->min == SYSCTL_NO_MIN);
		return true;
	case COL_MAX:
		if (!r || !r->max_of || !set_bound_of(vb, r->max_of))
			set_bound(vb, r ? r->max : 0, !r || r->max == SYSCTL_NO_MAX);
		return true;
	case COL_MODE:
		v = e->mode;
		snmp_set_var_typed_value(vb, ASN_UNSIGNED, &v, sizeof(v));
		return true;
	case COL_WRITABLE:
		v = set_would_pass(e) ? 1 : 2; /* TruthValue */
		snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
		return true;
	case COL_PERSISTED:
		text = entry_text(e);
		v = text && is_persisted(e->path, text) ? 1 : 2;
		snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
		return true;
	default:
		return false;
	}
}

/* The entry's index as OID sub-identifiers: length, then the bytes. */
static size_t entry_index(const struct sysctl_entry *e, uint32_t *out)
{
	out[0] = e->pathlen;
	for (size_t i = 0; i < e->pathlen; i++)
		out[i + 1] = (unsigned char)e->path[i];
	return e->pathlen + 1;
}

/* The entry an instance suffix (after the column) names, or NULL. */
static struct sysctl_entry *entry_for_index(const oid *idx, size_t n)
{
	char path[SYSCTL_PATH_MAX + 1];

	if (n < 2 || idx[0] != n - 1 || idx[0] > SYSCTL_PATH_MAX)
		return NULL;
	for (size_t i = 1; i < n; i++) {
		if (idx[i] > 255)
			return NULL;
		path[i - 1] = (char)idx[i];
	}
	return sysctl_tree_find(&cur->sysctl->tree, path, n - 1);
}

static void answer(netsnmp_variable_list *vb, struct sysctl_entry *e, oid col)
{
	oid name[ENTRY_LEN + 2 + SYSCTL_PATH_MAX];
	uint32_t idx[SYSCTL_PATH_MAX + 1];
	size_t len = ENTRY_LEN, n = entry_index(e, idx);

	memcpy(name, entry_oid, sizeof(entry_oid));
	name[len++] = col;
	for (size_t i = 0; i < n; i++)
		name[len++] = idx[i];
	snmp_set_var_objid(vb, name, len);
}

/* The tree's entries, sorted by path, as an index of the engine. */
static size_t tree_count(const void *tree)
{
	return ((const struct sysctl_tree *)tree)->n;
}

static const void *tree_row(const void *tree, size_t pos)
{
	return &((const struct sysctl_tree *)tree)->entries[pos];
}

static size_t tree_row_index(const void *tree, const void *row, uint32_t *out)
{
	(void)tree;
	return entry_index(row, out);
}

static const struct table_def tree_def = { "ipstackSysctlTable", tree_count, tree_row,
					   tree_row_index, NULL };

static void get_next(netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	oid col = COL_FIRST;
	uint32_t idx[TABLE_INDEX_MAX];
	size_t n = 0, start = 0;
	int c = snmp_oid_compare(vb->name, vb->name_length, entry_oid, ENTRY_LEN);

	if (c > 0 && netsnmp_oid_is_subtree(entry_oid, ENTRY_LEN, vb->name, vb->name_length) == 0 &&
	    vb->name_length > ENTRY_LEN) {
		col = vb->name[ENTRY_LEN];
		/* sub-identifiers are 32 bits on the wire: net-snmp refuses more */
		for (size_t i = ENTRY_LEN + 1; i < vb->name_length && n < TABLE_INDEX_MAX; i++)
			idx[n++] = (uint32_t)vb->name[i];
		if (col < COL_FIRST) {
			col = COL_FIRST;
			n = 0;
		}
	} else if (c > 0) {
		return; /* past the table */
	}
	for (; col <= COL_LAST; col++, n = 0) {
		const struct sysctl_tree *t = &cur->sysctl->tree;

		start = n ? table_seek(&tree_def, t, idx, n, r->inclusive) : 0;
		for (size_t i = start; i < t->n; i++) {
			if (column_value(&t->entries[i], col, vb)) {
				answer(vb, &t->entries[i], col);
				return;
			}
		}
	}
}

static void get_exact(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	struct sysctl_entry *e = NULL;

	if (vb->name_length > ENTRY_LEN + 1 &&
	    netsnmp_oid_is_subtree(entry_oid, ENTRY_LEN, vb->name, vb->name_length) == 0)
		e = entry_for_index(vb->name + ENTRY_LEN + 1, vb->name_length - ENTRY_LEN - 1);
	if (!e || !column_value(e, vb->name[ENTRY_LEN], vb))
		netsnmp_set_request_error(reqinfo, r, SNMP_NOSUCHINSTANCE);
}

/* ---- SET ---------------------------------------------------------------- */

/*
 * The kernel refused a write the model let through (ACTION).  Without the
 * privilege to write (EPERM, EACCES, EROFS) nothing was written:
 * notWritable.  An entry gone since RESERVE1 (its interface removed) or a
 * value this kernel refuses: commitFailed, and UNDO restores whatever the
 * kernel took.  The second is a disagreement between the model and the
 * running kernel, whose limits differ by version, patch and configuration
 * (the kernel has the last word): counted in ipstackAgentKernelRefusals
 * and logged once per tunable, with the bytes and the errno.
 */
static int kernel_refused(const char *path, const char *shown, int err)
{
	switch (err) {
	case EPERM:
	case EACCES:
	case EROFS:
		log_notice("SET %s%s to '%s' refused by the kernel: %s (this process may not "
			   "write it)",
			   path, in_context(), shown, strerror(err));
		return SNMP_ERR_NOTWRITABLE;
	case ENOENT:
	case ENODEV:
		log_notice("SET %s%s to '%s' failed: the entry is gone (%s)", path, in_context(),
			   shown, strerror(err));
		return SNMP_ERR_COMMITFAILED;
	default:
		kernel_refusals++;
		if (!name_list_has(&disagreed, path)) {
			name_list_add(&disagreed, path);
			log_warnx(
				"SET %s%s: the running kernel refused '%s' (%s) that the model "
				"accepts: this kernel's limits for %s differ; the kernel decides "
				"(counted in ipstackAgentKernelRefusals, logged once per tunable)",
				path, in_context(), shown, strerror(err), path);
		}
		log_notice("SET %s%s to '%s' refused by the kernel: %s; commitFailed, rolled back",
			   path, in_context(), shown, strerror(err));
		return SNMP_ERR_COMMITFAILED;
	}
}

static int verdict_to_snmp(enum sysctl_verdict v)
{
	switch (v) {
	case SYSCTL_ACCEPT:
		return SNMP_ERR_NOERROR;
	case SYSCTL_WRONG_LENGTH:
		return SNMP_ERR_WRONGLENGTH;
	case SYSCTL_READ_ONLY:
		return SNMP_ERR_NOTWRITABLE;
	default:
		return SNMP_ERR_WRONGVALUE;
	}
}

struct alias_list {
	const char *paths[SYSCTL_ALIAS_MAX];
	size_t n;
	bool overflow;
};

static void collect_alias(void *ctx, struct sysctl_entry *e)
{
	struct alias_list *l = ctx;

	if (l->n < SYSCTL_ALIAS_MAX)
		l->paths[l->n++] = e->path;
	else
		l->overflow = true;
}

/* The write policy over every file the write may change (sysctl_alias.h). */
static enum sysctl_policy_verdict write_policy(const struct sysctl_entry *e, const char **fault)
{
	static struct alias_list l; /* large, and we are single-threaded */
	enum sysctl_policy_verdict v;
	size_t which;

	l.n = 0;
	l.overflow = false;
	*fault = NULL;
	sysctl_aliases(cur_tree(), e->path, collect_alias, &l);
	if (l.overflow)
		return SYSCTL_POLICY_ALIAS_NOT_ALLOWED;
	v = sysctl_policy_check(policy, e->path, l.paths, l.n, &which);
	if (which < l.n)
		*fault = l.paths[which];
	return v;
}

static bool policy_allows_write(const struct sysctl_entry *e, const char *shown)
{
	static const char *const why[] = {
		[SYSCTL_POLICY_NOT_ALLOWED] = "not allowed by the configuration (writeAllow)",
		[SYSCTL_POLICY_DENIED] = "denied by the configuration (writeDeny)",
		[SYSCTL_POLICY_ALIAS_NOT_ALLOWED] = "no writeAllow names",
		[SYSCTL_POLICY_ALIAS_DENIED] = "writeDeny names",
	};
	const char *fault;
	enum sysctl_policy_verdict v = write_policy(e, &fault);

	if (v == SYSCTL_POLICY_ALLOW)
		return true;
	if (fault)
		log_notice("SET %s%s refused: the kernel would also change %s, which %s "
			   "(value '%s')",
			   e->path, in_context(), fault, why[v], shown);
	else if (v == SYSCTL_POLICY_ALIAS_NOT_ALLOWED)
		log_notice("SET %s%s refused: it would change more than %d other entries", e->path,
			   in_context(), SYSCTL_ALIAS_MAX);
	else
		log_notice("SET %s%s refused: %s (value '%s')", e->path, in_context(), why[v],
			   shown);
	return false;
}

/* RESERVE1 for one varbind whose new text is known: permission and verdict. */
static int reserve(netsnmp_request_info *r, struct sysctl_entry *e, const char *text, size_t len)
{
	char why[160], shown[TEXT_ESCAPE_BUF];
	struct pending *w;
	enum sysctl_verdict v;

	sets_refused++; /* until it passes every check below */
	if (!sysctl_entry_writable(e))
		return refuse(e->path, SNMP_ERR_NOTWRITABLE,
			      e->mode & 0200 ? "the model knows no handler for it" : "read-only");
	text_escape(text, len, shown);
	if (!policy_allows_write(e, shown))
		return SNMP_ERR_NOTWRITABLE;
	v = sysctl_validate(e->row, e->path, text, len, &cur->sysctl->env, why, sizeof(why));
	if (v != SYSCTL_ACCEPT) {
		log_info("SET %s%s refused: '%s': %s", e->path, in_context(), shown, why);
		return verdict_to_snmp(v);
	}
	w = calloc(1, sizeof(*w));
	if (!w || !(w->text = malloc(len + 1))) {
		free(w);
		return refuse(e->path, SNMP_ERR_RESOURCEUNAVAILABLE, "out of memory");
	}
	memcpy(w->text, text, len);
	w->text[len] = '\0';
	sets_refused--;
	w->len = len;
	snprintf(w->path, sizeof(w->path), "%s", e->path);
	netsnmp_request_add_list_data(r, netsnmp_create_data_list("ipstack-set", w, pending_free));
	return SNMP_ERR_NOERROR;
}

static struct pending *pending_of(netsnmp_request_info *r)
{
	return netsnmp_request_get_list_data(r, "ipstack-set");
}

/* RESERVE2: the entry must be readable now, or it could not be undone. */
static int save_old(struct pending *w)
{
	struct sysctl_tree *t = cur_tree();
	struct sysctl_entry *e = sysctl_tree_find(t, w->path, strlen(w->path));

	if (!e || !sysctl_tree_read(t, e))
		return refuse(w->path, SNMP_ERR_RESOURCEUNAVAILABLE,
			      "its old value cannot be read to be kept for an undo (%s)",
			      e ? "unreadable" : "the entry is gone");
	w->old = strdup(e->text);
	return w->old ? SNMP_ERR_NOERROR
		      : refuse(w->path, SNMP_ERR_RESOURCEUNAVAILABLE, "out of memory");
}

/*
 * persistSets, at the ACTION of a handler's first write: the lines of this
 * handler's writes go to the file before any of them reaches /proc/sys,
 * and a file that cannot be written fails the SET with nothing written.
 * The default context only.
 */
static int persist(struct sysctl_txn *t, netsnmp_request_info *requests)
{
	struct sysctl_persist_set *sets;
	const char *first = NULL;
	size_t n = 0, cap = 0;
	int err;

	if (!persist_file || cur->netns_fd >= 0)
		return SNMP_ERR_NOERROR;
	for (netsnmp_request_info *r = requests; r; r = r->next)
		cap += pending_of(r) != NULL;
	if (!t || !(sets = calloc(cap ? cap : 1, sizeof(*sets))))
		return refuse("(persistSets)", SNMP_ERR_RESOURCEUNAVAILABLE, "out of memory");
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		struct pending *w = pending_of(r);

		if (!w || !w->len) /* an empty write changes nothing */
			continue;
		first = first ? first : w->path;
		sets[n++] = (struct sysctl_persist_set){ w->path, w->text, w->len };
	}
	err = n ? sysctl_txn_persist(t, persist_file, sets, n) : 0;
	free(sets);
	if (err)
		return refuse(first, SNMP_ERR_RESOURCEUNAVAILABLE,
			      "persistSets: %s cannot be written (%s); nothing was written",
			      persist_file, strerror(err));
	return SNMP_ERR_NOERROR;
}

/* ACTION: journal what the write may change, then write. */
static int apply(struct sysctl_txn *t, struct pending *w)
{
	struct sysctl_tree *dir = cur_tree();
	struct sysctl_entry *e = sysctl_tree_find(dir, w->path, strlen(w->path));
	char shown[TEXT_ESCAPE_BUF];
	bool opened;
	int err;

	if (!e || !t)
		return refuse(w->path, SNMP_ERR_COMMITFAILED, "%s",
			      e ? "its SET transaction was forgotten" : "the entry is gone");
	if ((err = sysctl_txn_save(t, dir, e)))
		return refuse(w->path, SNMP_ERR_RESOURCEUNAVAILABLE,
			      "the values it may change cannot be kept for an undo (%s)",
			      strerror(err));
	err = sysctl_tree_write(dir, e, w->text, w->len, &opened);
	if (opened)
		sysctl_txn_touched(t);
	if (err) {
		sets_refused++; /* the kernel said no; UNDO restores what it took */
		return kernel_refused(w->path, text_escape(w->text, w->len, shown), err);
	}
	return SNMP_ERR_NOERROR;
}

static void log_undo(void *ctx, const char *path, const char *old, int err)
{
	char shown[TEXT_ESCAPE_BUF];

	(void)ctx;
	text_escape(old, strlen(old), shown);
	if (err)
		log_warnx("UNDO of a SET: restoring %s%s to '%s' failed: %s", path, in_context(),
			  shown, strerror(err));
	else
		log_notice("SET rolled back: %s%s restored to '%s'", path, in_context(), shown);
}

/* UNDO: the whole transaction at the first call, in reverse order. */
static int undo(struct sysctl_txn *t)
{
	unsigned failed;

	if (!t || t->undone)
		return SNMP_ERR_NOERROR;
	failed = sysctl_txn_undo(t, log_undo, NULL);
	if (t->persist_file)
		log_notice("SET rolled back: persistSets file %s %s", t->persist_file,
			   t->persist_old ? "restored" : "removed (there was none)");
	return failed ? SNMP_ERR_UNDOFAILED : SNMP_ERR_NOERROR;
}

static void know_alias(void *ctx, struct sysctl_entry *e)
{
	(void)ctx;
	if (sysctl_tree_read(cur_tree(), e))
		tunable_notify_know(cur, e->path, e->text);
}

static void commit(struct pending *w)
{
	struct sysctl_tree *t = cur_tree();
	struct sysctl_entry *e = sysctl_tree_find(t, w->path, strlen(w->path));
	const char *now = e && sysctl_tree_read(t, e) ? e->text : w->text;
	char old[TEXT_ESCAPE_BUF], new[TEXT_ESCAPE_BUF];

	log_notice("SET %s%s: '%s' -> '%s'", w->path, in_context(),
		   w->old ? text_escape(w->old, strlen(w->old), old) : "?",
		   text_escape(now, strlen(now), new));
	sets_committed++;
	if (tunable_notify_enabled()) {
		tunable_notify_set(cur, w->path, w->old ? w->old : "", now);
		/* what the kernel changed with it is known, not an outside change */
		sysctl_aliases(t, w->path, know_alias, NULL);
	}
}

static netsnmp_request_info *first_pending(netsnmp_request_info *requests)
{
	for (netsnmp_request_info *r = requests; r; r = r->next)
		if (pending_of(r))
			return r;
	return NULL;
}

/* RESERVE2 .. FREE: the same for the table and the scalars. */
static void later_phases(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct set_txn *txn = set_txn_track(reqinfo);
	struct sysctl_txn *t = txn ? &txn->journal : NULL;
	netsnmp_request_info *first = first_pending(requests);

	for (netsnmp_request_info *r = requests; r; r = r->next) {
		struct pending *w = pending_of(r);
		int rc = SNMP_ERR_NOERROR;

		if (!w)
			continue;
		switch (reqinfo->mode) {
		case MODE_SET_RESERVE2:
			rc = save_old(w);
			break;
		case MODE_SET_ACTION:
			rc = r == first ? persist(t, requests) : SNMP_ERR_NOERROR;
			if (rc == SNMP_ERR_NOERROR)
				rc = apply(t, w);
			break;
		case MODE_SET_UNDO:
			rc = r == first ? undo(t) : SNMP_ERR_NOERROR;
			break;
		case MODE_SET_COMMIT:
			commit(w);
			break;
		default:
			break;
		}
		if (rc != SNMP_ERR_NOERROR)
			netsnmp_set_request_error(reqinfo, r, rc);
		test_hook_set_phase(reqinfo->mode, r == first);
	}
	/* Whatever was written, cached values are stale now. */
	if (first && (reqinfo->mode == MODE_SET_COMMIT || reqinfo->mode == MODE_SET_UNDO)) {
		forget_texts();
		/* ipForwarding and ipDefaultTTL are read from net/snmp */
		counter_store_invalidate(&cur->store);
	}
	set_txn_finish(reqinfo);
}

/* RESERVE1: open the transaction; with too many open, refuse the SET. */
static bool begin_set(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	if (set_txn_track(reqinfo)) /* logs when it cannot */
		return true;
	for (netsnmp_request_info *r = requests; r; r = r->next)
		if (!r->processed)
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
	return false;
}

static void table_reserve1(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *r)
{
	netsnmp_variable_list *vb = r->requestvb;
	struct sysctl_entry *e = NULL;
	oid col = vb->name_length > ENTRY_LEN ? vb->name[ENTRY_LEN] : 0;
	char num[24];
	int rc;

	if (vb->name_length > ENTRY_LEN + 1)
		e = entry_for_index(vb->name + ENTRY_LEN + 1, vb->name_length - ENTRY_LEN - 1);
	if (!e)
		rc = refuse("ipstackSysctlTable", SNMP_ERR_NOCREATION,
			    "no such tunable (rows are not created by SET)");
	else if (col == COL_VALUE)
		rc = vb->type != ASN_OCTET_STR
			? refuse(e->path, SNMP_ERR_WRONGTYPE, "ipstackSysctlValue takes a string")
			: vb->val_len > SYSCTL_TEXT_MAX
			? refuse(e->path, SNMP_ERR_WRONGLENGTH, "longer than %d bytes",
				 SYSCTL_TEXT_MAX)
			: reserve(r, e, (const char *)vb->val.string, vb->val_len);
	else if (col == COL_INTEGER) {
		long v;
		if (vb->type != ASN_INTEGER)
			rc = refuse(e->path, SNMP_ERR_WRONGTYPE,
				    "ipstackSysctlInteger takes an INTEGER");
		else if (!entry_integer(e, &v))
			rc = refuse(e->path, SNMP_ERR_NOTWRITABLE,
				    "not a single integer: write ipstackSysctlValue");
		else {
			snprintf(num, sizeof(num), "%ld", *vb->val.integer);
			rc = reserve(r, e, num, strlen(num));
		}
	} else
		rc = refuse(e->path, SNMP_ERR_NOTWRITABLE, "column %lu is read-only",
			    (unsigned long)col);
	if (rc != SNMP_ERR_NOERROR)
		netsnmp_set_request_error(reqinfo, r, rc);
}

static void table_requests(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	freshen(reqinfo);
	if (reqinfo->mode != MODE_GET && reqinfo->mode != MODE_GETNEXT &&
	    reqinfo->mode != MODE_SET_RESERVE1) {
		later_phases(reqinfo, requests);
		return;
	}
	if (reqinfo->mode == MODE_SET_RESERVE1 && !begin_set(reqinfo, requests))
		return;
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		if (r->processed)
			continue;
		if (reqinfo->mode == MODE_GET)
			get_exact(reqinfo, r);
		else if (reqinfo->mode == MODE_GETNEXT)
			get_next(r);
		else
			table_reserve1(reqinfo, r);
	}
}

/* Requests a namespace that cannot be entered cannot answer. */
static void unanswered(netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		if (r->processed || reqinfo->mode == MODE_GETNEXT)
			continue;
		netsnmp_set_request_error(reqinfo, r,
					  reqinfo->mode == MODE_GET ? SNMP_NOSUCHINSTANCE
								    : SNMP_ERR_RESOURCEUNAVAILABLE);
	}
}

static int table_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
			 netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	(void)reg;
	if (!serve(handler->myvoid)) {
		unanswered(reqinfo, requests);
		return SNMP_ERR_NOERROR;
	}
	table_requests(reqinfo, requests);
	served();
	return SNMP_ERR_NOERROR;
}

/* The text an integer writes, as `t` maps it; an SNMP error if out of its range. */
static int integer_text(const struct sysctl_target *t, long v, char *buf, size_t len)
{
	if (t->map != SYSCTL_MAP_AS_IS) {
		if (v != 1 && v != 2)
			return SNMP_ERR_WRONGVALUE;
		v = (v == 1) == (t->map == SYSCTL_MAP_TRUTH);
	}
	snprintf(buf, len, "%ld", v);
	return SNMP_ERR_NOERROR;
}

/* RESERVE1 of one varbind of an integer object backed by a tunable. */
static int integer_reserve1(netsnmp_request_info *r, const struct sysctl_target *t)
{
	netsnmp_variable_list *vb = r->requestvb;
	struct sysctl_entry *e = NULL;
	char text[24];
	int rc;

	if (t->refusal)
		return refuse(t->name, t->refusal_status, "%s", t->refusal);
	if (!(e = sysctl_tree_find(cur_tree(), t->path, strlen(t->path))))
		return refuse(t->path, SNMP_ERR_NOTWRITABLE, "the kernel has no such entry");
	if (vb->type != ASN_INTEGER)
		return refuse(t->path, SNMP_ERR_WRONGTYPE, "%s takes an INTEGER", t->name);
	if ((rc = integer_text(t, *vb->val.integer, text, sizeof(text))) != SNMP_ERR_NOERROR)
		return refuse(t->path, rc, "%s: %ld is neither %s(1) nor %s(2)", t->name,
			      *vb->val.integer, t->one, t->two);
	return reserve(r, e, text, strlen(text));
}

void sysctl_agent_integer_set(struct context *c, netsnmp_agent_request_info *reqinfo,
			      netsnmp_request_info *requests, sysctl_target_fn target, void *ctx)
{
	if (!serve(c)) {
		unanswered(reqinfo, requests);
		return;
	}
	freshen(reqinfo);
	if (reqinfo->mode != MODE_SET_RESERVE1)
		later_phases(reqinfo, requests);
	else if (begin_set(reqinfo, requests))
		for (netsnmp_request_info *r = requests; r; r = r->next) {
			struct sysctl_target t = { .map = SYSCTL_MAP_AS_IS };
			int rc;

			if (r->processed)
				continue;
			target(r->requestvb, &t, ctx);
			if ((rc = integer_reserve1(r, &t)) != SNMP_ERR_NOERROR)
				netsnmp_set_request_error(reqinfo, r, rc);
		}
	served();
}

/*
 * The IP-MIB scalars whose row names a tunable: ipForwarding's and
 * ipv6IpForwarding's forwarding(1) and notForwarding(2) are 1 and 0; other
 * integers are written as they are and judged by the model (ipDefaultTTL
 * and ipv6IpDefaultHopLimit: 1-255).
 */
static void scalar_target(const netsnmp_variable_list *vb, struct sysctl_target *t, void *ctx)
{
	const struct mib_object *o = mib_object_at(vb->name, vb->name_length);

	(void)ctx;
	snprint_objid(t->name, sizeof(t->name), vb->name, vb->name_length);
	if (!o || !o->write_path) {
		t->refusal = "read-only";
		t->refusal_status = SNMP_ERR_NOTWRITABLE;
		return;
	}
	snprintf(t->path, sizeof(t->path), "%s", o->write_path);
	if (o->kind == MIB_KIND_FORWARDING || o->kind == MIB_KIND_FORWARDING_FLAG) {
		t->map = SYSCTL_MAP_TRUTH;
		t->one = "forwarding";
		t->two = "notForwarding";
	}
}

void sysctl_agent_scalar_set(struct context *c, netsnmp_agent_request_info *reqinfo,
			     netsnmp_request_info *requests)
{
	sysctl_agent_integer_set(c, reqinfo, requests, scalar_target, NULL);
}

void sysctl_agent_counts(unsigned long *committed, unsigned long *refused,
			 unsigned long *kernel_refused)
{
	*committed = sets_committed;
	*refused = sets_refused;
	*kernel_refused = kernel_refusals;
}

void sysctl_agent_register(struct context *c, int priority)
{
	netsnmp_handler_registration *reg;

	/* The table: ipstackSysctlTable (its entry's parent). */
	reg = netsnmp_create_handler_registration("ipstack-sysctl", table_handler, entry_oid,
						  ENTRY_LEN - 1, HANDLER_CAN_RWRITE);
	if (reg) {
		reg->priority = priority;
		reg->handler->myvoid = c;
	}
	registrations_add(&c->regs, reg, c->name, "ipstackSysctlTable");
}
