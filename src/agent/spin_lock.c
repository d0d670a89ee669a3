/* ipAddressSpinLock (see spin_lock.h). */
#include "spin_lock.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdint.h>
#include <stdlib.h>

#include "log.h"

static const oid instance[] = { 1, 3, 6, 1, 2, 1, 4, 33, 0 };
#define LEN (sizeof(instance) / sizeof(instance[0]) - 1) /* the object's */

/* Where `vb` is from the instance: <0 before, 0 at, >0 after. */
static int place(const netsnmp_variable_list *vb)
{
	return snmp_oid_compare(vb->name, vb->name_length, instance, LEN + 1);
}

static void answer(struct context *c, netsnmp_variable_list *vb)
{
	long v = c->address_spin_lock;

	snmp_set_var_typed_value(vb, ASN_INTEGER, &v, sizeof(v));
}

/* RESERVE1: only the current value passes (RFC 2579 TestAndIncr). */
static int test(struct context *c, const netsnmp_variable_list *vb)
{
	if (vb->type != ASN_INTEGER) {
		log_info("SET ipAddressSpinLock%s refused: it takes an INTEGER",
			 log_in_context(c->name));
		return SNMP_ERR_WRONGTYPE;
	}
	if (*vb->val.integer != c->address_spin_lock) {
		log_info("SET ipAddressSpinLock%s refused: %ld is not its value %ld",
			 log_in_context(c->name), *vb->val.integer, (long)c->address_spin_lock);
		return SNMP_ERR_INCONSISTENTVALUE;
	}
	return SNMP_ERR_NOERROR;
}

static int handle(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
		  netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct context *c = handler->myvoid;
	bool advanced = false;

	(void)reg;
	for (netsnmp_request_info *r = requests; r; r = r->next) {
		netsnmp_variable_list *vb = r->requestvb;
		int rc = SNMP_ERR_NOERROR;

		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_GET:
			if (!place(vb))
				answer(c, vb);
			else
				rc = vb->name_length > LEN ? SNMP_NOSUCHINSTANCE
							   : SNMP_NOSUCHOBJECT;
			break;
		case MODE_GETNEXT: /* the one instance, for names before it */
			if (place(vb) < 0 || (r->inclusive && !place(vb))) {
				snmp_set_var_objid(vb, instance, LEN + 1);
				answer(c, vb);
			}
			break;
		case MODE_SET_RESERVE1:
			rc = !place(vb) ? test(c, vb) : SNMP_ERR_NOCREATION;
			break;
		case MODE_SET_COMMIT: /* once for the request, however many varbinds */
			if (!advanced)
				c->address_spin_lock = c->address_spin_lock == INT32_MAX
					? 0
					: c->address_spin_lock + 1;
			advanced = true;
			break;
		default:
			break;
		}
		if (rc != SNMP_ERR_NOERROR)
			netsnmp_set_request_error(reqinfo, r, rc);
	}
	return SNMP_ERR_NOERROR;
}

void spin_lock_register(struct context *c, int priority)
{
	netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
		"ipAddressSpinLock", handle, instance, LEN, HANDLER_CAN_RWRITE);

	/* TestAndIncr's value at start is the agent's choice: not always 0 */
	c->address_spin_lock = (int32_t)(random() & INT32_MAX);
	if (reg) {
		reg->handler->myvoid = c;
		reg->priority = priority;
	}
	registrations_add(&c->regs, reg, c->name, "ipAddressSpinLock");
}
