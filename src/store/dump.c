/*
 * --dump renders each file of the counter store back in the kernel's own
 * layout, one after the other with nothing in between: on a well-formed
 * tree the output is byte-identical to cat net/snmp net/netstat
 * net/sockstat [net/snmp6 net/sockstat6], which is how the tests prove
 * the store keeps everything.
 */
#include "dump.h"

#include <stdlib.h>
#include <string.h>

#include "counter_store.h"

struct dump_ctx {
	const char *root;
	unsigned problems;
};

static void dump_diag(void *ctx, const char *file, unsigned line, const char *what)
{
	struct dump_ctx *d = ctx;

	d->problems++;
	if (line)
		fprintf(stderr, "ipstack-agentx: %s/%s line %u: %s\n", d->root, file, line, what);
	else
		fprintf(stderr, "ipstack-agentx: %s/%s: %s\n", d->root, file, what);
}

int dump_counters(const char *proc_root, FILE *out)
{
	struct dump_ctx d = { .root = proc_root };
	struct counter_snapshot snap = { 0 };
	int err = counter_root_check(proc_root);

	if (err) {
		fprintf(stderr, "ipstack-agentx: cannot read %s/net/snmp: %s\n", proc_root,
			strerror(err));
		return 1;
	}
	counter_snapshot_load(&snap, proc_root, dump_diag, &d);
	/* Every file, in the enum's order; one the kernel lacks renders empty. */
	for (int f = 0; f < COUNTER_FILE_COUNT; f++) {
		size_t len;
		char *text = proc_file_render(&snap.files[f], &len);
		if (text)
			fwrite(text, 1, len, out);
		free(text);
	}
	counter_snapshot_free(&snap);
	if (fflush(out) != 0) {
		fprintf(stderr, "ipstack-agentx: writing the dump failed\n");
		return 1;
	}
	return d.problems ? 3 : 0;
}
