/* The whole view and its regions (see mib_build.h). */
#include "mib_build.h"

#include "mib_objects.h"
#include "mib_private.h"

void mib_view_build_parts(struct mib_view *v, const struct counter_snapshot *snap,
			  const struct mib_context *ctx, unsigned parts)
{
	mib_view_begin(v);
	if (parts & MIB_PART_STANDARD)
		mib_objects_add(v, snap, ctx);
	if (parts & MIB_PART_PRIVATE)
		mib_private_add(v, snap, ctx);
	mib_view_finish(v, snap->generation);
}

void mib_view_build(struct mib_view *v, const struct counter_snapshot *snap,
		    const struct mib_context *ctx)
{
	mib_view_build_parts(v, snap, ctx, MIB_PART_STANDARD | MIB_PART_PRIVATE);
}

void mib_regions_foreach(mib_region_fn fn, void *ctx)
{
	mib_objects_regions(fn, ctx);
	mib_private_regions(fn, ctx);
}
