#!/bin/sh
# Build the Debian package from the release tarball, check it with lintian,
# install it on this machine, run one GET through a real snmpd against the
# installed files, and remove it again (root; tools/test.sh runs this).
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

# Install (no systemd here to start it: policy-rc.d keeps it stopped).
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" > "$work/install.log" 2>&1 ||
	{ cat "$work/install.log"; echo "deb.sh: the package does not install"; exit 1; }
TESTS_LIB=$top/tests/lib TESTS_DATA=$top/tests/data DAEMON=/usr/sbin/ipstack-agentx \
	bash "$top/tests/package.sh"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q ipstack-agentx > "$work/purge.log" 2>&1 ||
	{ cat "$work/purge.log"; echo "deb.sh: the package does not purge"; exit 1; }
echo "deb.sh: $(basename "$deb") built; lintian: $(wc -l < "$work/tags") known error/warning tags," \
	"$(grep -c '^I: ' "$work/lintian.log" || :) info; installed, served a GET, purged"
