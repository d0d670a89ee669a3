#!/bin/sh
# Build the Debian package from the release tarball, check it with lintian,
# install it in a scratch copy of this machine (below), run one GET through a
# real snmpd against the installed files, and purge it again (root;
# tools/test.sh runs this).
#   sh tools/deb.sh [TARBALL]     default: make dist in _build/default
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$top/_build/deb
tarball=${1:-}
if [ -z "$tarball" ]; then
	(cd "$top/_build/default" && make dist > /dev/null)
	tarball=$(ls "$top"/_build/default/ipstack-agentx-*.tar.gz)
fi
rm -rf "$work" && mkdir -p "$work"
tar -C "$work" -xzf "$tarball"
src=$(ls -d "$work"/ipstack-agentx-*/)
(cd "$src" && dpkg-buildpackage -us -uc -b > "$work/build.log" 2>&1) ||
	{ tail -n 40 "$work/build.log"; echo "deb.sh: dpkg-buildpackage failed"; exit 1; }
deb=$(ls "$work"/ipstack-agentx_*.deb)

# Lintian: an error or warning tag not listed (and explained) in
# debian/lintian-known-tags fails the build.  Info tags are reported only.
lintian -I --tag-display-limit 0 "$deb" > "$work/lintian.log" 2>&1 || :
grep -E '^[EW]: ' "$work/lintian.log" | sed 's/^[EW]: ipstack-agentx[^:]*: //' | cut -d' ' -f1 |
	sort -u > "$work/tags"
grep -vxF -f "$top/debian/lintian-known-tags" "$work/tags" > "$work/new-tags" || :
if [ -s "$work/new-tags" ]; then
	cat "$work/lintian.log"
	echo "deb.sh: lintian tags not explained in debian/lintian-known-tags: $(cat "$work/new-tags")"
	exit 1
fi

# Install, test and purge in a scratch copy of this system: an overlay of /
# in a private mount namespace, chrooted into, thrown away afterwards.  The
# machine's own dpkg state is never touched: an ipstack-agentx an admin
# installed here stays as it is, conffile and all (in the copy it is
# purged first, so the package built here is tested as a first install).
# No systemd in there:
# policy-rc.d keeps the service stopped.
scratch=$(mktemp -d /var/tmp/ipstack-deb.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
inside='
	printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
	dpkg --purge ipstack-agentx > "$2/install.log" 2>&1 # the copy of one an admin installed
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >> "$2/install.log" 2>&1 ||
		{ cat "$2/install.log"; echo "deb.sh: the package does not install"; exit 1; }
	TESTS_LIB=$3/tests/lib TESTS_DATA=$3/tests/data DAEMON=/usr/sbin/ipstack-agentx \
		bash "$3/tests/package.sh" || exit 1
	DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ipstack-agentx > "$2/purge.log" 2>&1 ||
		{ cat "$2/purge.log"; echo "deb.sh: the package does not purge"; exit 1; }
	[ ! -e /etc/snmp/ipstack-agentx.conf ] || { echo "deb.sh: purge left the conffile"; exit 1; }'
unshare -m --propagation private sh -eu -c '
	s=$1 top=$2; shift 2
	mkdir "$s/upper" "$s/work" "$s/root"
	mount -t overlay overlay -o "lowerdir=/,upperdir=$s/upper,workdir=$s/work" "$s/root"
	mount -t proc proc "$s/root/proc"
	mount --rbind /dev "$s/root/dev"
	mount --rbind /sys "$s/root/sys"
	mount -t tmpfs tmpfs "$s/root/run"
	mount -t tmpfs tmpfs "$s/root/tmp"
	# the source tree, even where the fresh /tmp or /run now hides it
	mkdir -p "$s/root$top" && mount --bind "$top" "$s/root$top"
	exec chroot "$s/root" sh -eu -c "$@"' \
	sh "$scratch" "$top" "$inside" sh "$deb" "$work" "$top"
echo "deb.sh: $(basename "$deb") built; lintian: $(wc -l < "$work/tags") known error/warning tags," \
	"$(grep -c '^I: ' "$work/lintian.log" || :) info; installed, served a GET and purged in a scratch" \
	"copy of this system"
