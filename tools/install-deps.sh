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
	pkg-config \
	snmp \
	snmpd \
	util-linux \
	clang-format
