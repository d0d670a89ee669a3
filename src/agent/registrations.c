/* Our handler registrations (see registrations.h). */
#include "registrations.h"

#include <stdlib.h>

#include "grow_array.h"

static netsnmp_handler_registration **regs;
static size_t nregs, cap;

int registrations_add(netsnmp_handler_registration *reg)
{
	int rc;

	if (!grow_array((void **)&regs, &cap, nregs + 1, sizeof(*regs), 32))
		return MIB_REGISTRATION_FAILED;
	/* net-snmp frees reg itself when this fails */
	if ((rc = netsnmp_register_handler(reg)) == MIB_REGISTERED_OK)
		regs[nregs++] = reg;
	return rc;
}

void registrations_drop_all(void)
{
	while (nregs > 0)
		netsnmp_unregister_handler(regs[--nregs]);
	free(regs);
	regs = NULL;
	cap = 0;
}
