/*
 * libFuzzer target: the sysctl value validator.  The first two bytes pick
 * a row of the table model, the rest is the text to write.  The tree the
 * cross-field checks read is $IPSTACK_FUZZ_PROC_ROOT (default
 * tests/data/sysctl).  Any crash, overflow or undefined behaviour is a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sysctl_validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sysctl_env env;
	size_t n;
	const struct sysctl_row *rows = sysctl_table_rows(&n);
	const struct sysctl_row *row;
	char why[160];
	char *text;

	if (!env.proc_root) {
		env.proc_root = getenv("IPSTACK_FUZZ_PROC_ROOT");
		if (!env.proc_root)
			env.proc_root = "tests/data/sysctl";
	}
	if (size < 2)
		return 0;
	env.init_netns = data[0] & 0x80;
	text = malloc(size - 2 + 1);
	if (!text)
		abort();
	memcpy(text, data + 2, size - 2);
	text[size - 2] = '\0';
	row = &rows[((data[0] & 0x7f) << 8 | data[1]) % n];
	(void)sysctl_validate(row, row->path, text, size - 2, &env, why, sizeof(why));
	free(text);
	return 0;
}
