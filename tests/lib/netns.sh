# Sourced first (before harness.sh) by the tests that write tunables or
# hold sockets of their own: the test starts again in a private network
# namespace, so nothing of the host's is touched.  Root and unshare are
# required: CI has both, so a failure here is real.  harness.sh then brings
# the namespace's loopback up.  With IPSTACK_PRIVATE_MOUNTS=1 the test also
# gets a private mount namespace: namespace files it bind-mounts (unshare
# --net=FILE) are seen by no one else and vanish with it.
if [ -z "${IPSTACK_IN_NETNS:-}" ]; then
	if [ -n "${IPSTACK_PRIVATE_MOUNTS:-}" ]; then
		exec unshare -n -m --propagation private env IPSTACK_IN_NETNS=1 bash "$0" "$@"
	fi
	exec unshare -n env IPSTACK_IN_NETNS=1 bash "$0" "$@"
fi
