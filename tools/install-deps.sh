#!/bin/sh
# Install what building and testing ipstack-agentx needs on Debian 12 (root).
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
	autoconf \
	automake \
	ca-certificates \
	check \
	gcc \
	iproute2 \
	libc6-dev \
	libnl-3-dev \
	libnl-idiag-3-dev \
	libnl-route-3-dev \
	libsnmp-dev \
	make \
	monitoring-plugins-standard \
	pkg-config \
	procps \
	python3 \
	python3-yaml \
	smitools \
	valgrind \
	clang \
	snmp \
	snmpd \
	snmptrapd \
	util-linux \
	clang-format \
	debhelper \
	dpkg-dev \
	lintian \
	prometheus-snmp-exporter

# SNMPv2-SMI, -TC and -CONF for the MIB lint test: from the npm package
# net-snmp (lib/mibs), not copied into this repository.
NPM_PREFIX=/usr/local/share/ipstack-agentx-test
if [ ! -d "$NPM_PREFIX/node_modules/net-snmp/lib/mibs" ]; then
	command -v npm > /dev/null || apt-get install -y -q --no-install-recommends npm
	npm install --silent --no-audit --no-fund --prefix "$NPM_PREFIX" net-snmp@3
fi
