/* Our handler registrations (see registrations.h). */
#include "registrations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_array.h"
#include "log.h"
#include "netsnmp_internals.h"

static unsigned failed;

void registrations_add(struct reg_list *l, netsnmp_handler_registration *reg, const char *context,
		       const char *what)
{
	char name[128];
	int rc;

	if (reg && context && *context && !(reg->contextName = strdup(context))) {
		netsnmp_handler_registration_free(reg);
		reg = NULL;
	}
	if (!reg || !grow_array((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v), 32)) {
		log_warnx("out of memory registering %s", what);
		failed++;
		return;
	}
	snprint_objid(name, sizeof(name), reg->rootoid, reg->rootoid_len);
	/* net-snmp frees reg itself when this fails */
	if ((rc = netsnmp_register_handler(reg)) != MIB_REGISTERED_OK) {
		log_warnx("cannot register %s at %s%s%s: %s", what, name,
			  context && *context ? " in context " : "", context ? context : "",
			  rc == MIB_DUPLICATE_REGISTRATION ? "another module serves it already"
							   : "refused");
		failed++;
		return;
	}
	l->v[l->n++] = reg;
}

unsigned registrations_failed(void)
{
	return failed;
}

void registrations_reset(void)
{
	failed = 0;
}

void registrations_drop(struct reg_list *l)
{
	while (l->n > 0)
		ns_unregister(l->v[--l->n]);
	free(l->v);
	*l = (struct reg_list){ 0 };
}
