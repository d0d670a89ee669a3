/*
 * Link notifications through libnl's cache manager, its socket served from
 * net-snmp's main loop (register_readfd), so no thread and no polling.
 * The "route/link" cache type exists once libnl-route is loaded; calling
 * into it (rtnl_link_get_name) also keeps the linker from dropping it.
 */
#include "link_watch.h"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>

#include "log.h"

static struct nl_cache_mngr *mngr;
static void (*on_change)(void);

static void link_changed(struct nl_cache *cache, struct nl_object *obj, int action, void *arg)
{
	(void)cache, (void)arg;
	DEBUGMSGTL(("ipstack/link", "link %s: action %d\n",
		    rtnl_link_get_name((struct rtnl_link *)obj), action));
	on_change();
}

static void readable(int fd, void *data)
{
	(void)fd, (void)data;
	int err = nl_cache_mngr_data_ready(mngr);
	if (err < 0)
		log_warnx("link notifications: %s", nl_geterror(err));
}

int link_watch_start(void (*changed)(void))
{
	struct nl_cache *cache;
	int err;

	on_change = changed;
	err = nl_cache_mngr_alloc(NULL, NETLINK_ROUTE, NL_AUTO_PROVIDE, &mngr);
	if (err < 0)
		return err;
	err = nl_cache_mngr_add(mngr, "route/link", link_changed, NULL, &cache);
	if (err < 0) {
		nl_cache_mngr_free(mngr);
		mngr = NULL;
		return err;
	}
	register_readfd(nl_cache_mngr_get_fd(mngr), readable, NULL);
	return 0;
}

void link_watch_stop(void)
{
	if (!mngr)
		return;
	unregister_readfd(nl_cache_mngr_get_fd(mngr));
	nl_cache_mngr_free(mngr);
	mngr = NULL;
}
