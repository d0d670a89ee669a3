/*
 * Command-line parsing, in snmpd's conventions (-x, -f, -L, -c, -D).
 */
#ifndef IPSTACK_OPTIONS_H
#define IPSTACK_OPTIONS_H

#include <stdio.h>

#include "settings.h"

enum options_result {
	OPTIONS_RUN, /* go on */
	OPTIONS_EXIT_OK, /* --help or --version printed */
	OPTIONS_ERROR, /* message printed; exit non-zero */
};

enum options_result options_parse(struct settings *s, int argc, char **argv);
void options_usage(FILE *out);

#endif
