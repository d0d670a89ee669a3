/* Our handler registrations (see registrations.h). */
#include "registrations.h"

#include <stdlib.h>

#include "grow_array.h"
#include "log.h"

static netsnmp_handler_registration **regs;
static size_t nregs, cap;
static unsigned failed;

void registrations_add(netsnmp_handler_registration *reg, const char *what)
{
	char name[128];
	int rc;

	if (!reg || !grow_array((void **)&regs, &cap, nregs + 1, sizeof(*regs), 32)) {
		log_warnx("out of memory registering %s", what);
		failed++;
		return;
	}
	snprint_objid(name, sizeof(name), reg->rootoid, reg->rootoid_len);
	/* net-snmp frees reg itself when this fails */
	if ((rc = netsnmp_register_handler(reg)) != MIB_REGISTERED_OK) {
		log_warnx("cannot register %s at %s: %s", what, name,
			  rc == MIB_DUPLICATE_REGISTRATION ? "another module serves it already"
							   : "refused");
		failed++;
		return;
	}
	regs[nregs++] = reg;
}

unsigned registrations_failed(void)
{
	return failed;
}

void registrations_drop_all(void)
{
	while (nregs > 0)
		netsnmp_unregister_handler(regs[--nregs]);
	free(regs);
	regs = NULL;
	cap = 0;
	failed = 0;
}
