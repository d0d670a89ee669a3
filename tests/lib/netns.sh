# Sourced first (before harness.sh) by the tests that write tunables or
# hold sockets of their own: the test starts again in a private network
# namespace, so nothing of the host's is touched.  Root and unshare are
# required: CI has both, so a failure here is real.  harness.sh then brings
# the namespace's loopback up.
if [ -z "${IPSTACK_IN_NETNS:-}" ]; then
	exec unshare -n env IPSTACK_IN_NETNS=1 bash "$0" "$@"
fi
