/* Our handler registrations (see registrations.h). */
#include "registrations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow_array.h"
#include "log.h"

static struct reg_list own;
static unsigned failed;

void registrations_add(struct reg_list *l, netsnmp_handler_registration *reg, const char *context,
		       const char *what)
{
	char name[128];
	int rc;

	if (!l)
		l = &own;
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

/*
 * netsnmp_unregister_handler() passes the registration's own OID and
 * context name on to unregister_mib_context(), which frees the pieces of a
 * split region (ours nest) while it still reads both: a use after free
 * under ASan.  So they are copied first.
 */
static void unregister(netsnmp_handler_registration *reg)
{
	oid name[MAX_OID_LEN];
	char context[64] = "";
	size_t len = reg->rootoid_len < MAX_OID_LEN ? reg->rootoid_len : MAX_OID_LEN;

	memcpy(name, reg->rootoid, len * sizeof(oid));
	if (reg->contextName)
		snprintf(context, sizeof(context), "%s", reg->contextName);
	unregister_mib_context(name, len, reg->priority, reg->range_subid, reg->range_ubound,
			       reg->contextName ? context : NULL);
}

void registrations_drop(struct reg_list *l)
{
	if (!l) {
		l = &own;
		failed = 0;
	}
	while (l->n > 0)
		unregister(l->v[--l->n]);
	free(l->v);
	*l = (struct reg_list){ 0 };
}
