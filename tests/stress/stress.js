// Requests that stress the agent, sent by a client no one here wrote (the
// npm package net-snmp) through snmpd: GETNEXT/GETBULK at random OIDs in
// and around our subtrees, string indexes of every length 0-255 with
// arbitrary bytes, SETs of every ASN.1 type to every writable column.
// Every answer must be a valid SNMP response; the only silence allowed is
// for OIDs longer than 128 sub-identifiers, which snmpd drops itself.
//
// usage: node stress.js PORT [SEED]
'use strict';
const snmp = require('net-snmp');

const port = Number(process.argv[2]);
let seed = Number(process.argv[3] || 1);
function rand(n) { // deterministic: xorshift32
	seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
	return seed % n;
}

const opts = { port, version: snmp.Version2c, timeout: 1500, retries: 0 };
const ro = snmp.createSession('127.0.0.1', 'public', opts);
const rw = snmp.createSession('127.0.0.1', 'private', opts);

const PRIVATE = '1.3.6.1.4.1.8072.9999.9999.1';
const prefixes = ['1.3.6.1.2.1.4', '1.3.6.1.2.1.4.31.1.1', '1.3.6.1.2.1.5', '1.3.6.1.2.1.5.30.1',
	'1.3.6.1.2.1.6', '1.3.6.1.2.1.7', PRIVATE, PRIVATE + '.1.1.1.1', PRIVATE + '.1.2.1.1',
	PRIVATE + '.1.3.1.1', PRIVATE + '.1.4', '1.3.6.1.4.1.8072.9999', '1.3.6.1.2.1.3'];
const writable = ['1.3.6.1.2.1.4.1.0', '1.3.6.1.2.1.4.2.0'];
for (const col of [2, 3]) // ipstackSysctlValue, ipstackSysctlInteger
	for (const path of ['tcp_syncookies', 'ip_default_ttl', 'tcp_rmem', 'no_such_entry'])
		writable.push(`${PRIVATE}.1.3.1.1.${col}.${path.length}.` +
			[...Buffer.from(path)].join('.'));

const stats = { requests: 0, answers: 0, dropped: 0, invalid: 0, silentShort: 0 };
const bad = [];

function subids(oid) { return oid.split('.').length; }

function randomOid() {
	let oid = prefixes[rand(prefixes.length)];
	const extra = rand(20);
	for (let i = 0; i < extra; i++)
		oid += '.' + (rand(4) === 0 ? rand(4294967295) : rand(300));
	return oid;
}

function stringIndexOid(len) {
	const col = rand(2) ? `${PRIVATE}.1.3.1.1.2` : `${PRIVATE}.1.1.1.1.4.4.115.110.109.112`;
	const bytes = [];
	for (let i = 0; i < len; i++) bytes.push(rand(256));
	return `${col}.${len}` + (len ? '.' + bytes.join('.') : '');
}

function randomVarbind(oid) {
	const values = [
		[snmp.ObjectType.Integer, rand(2) ? rand(300) : -rand(2147483648)],
		[snmp.ObjectType.OctetString, Buffer.from([...Array(rand(300))].map(() => rand(256)))],
		[snmp.ObjectType.OctetString, String(rand(256))],
		[snmp.ObjectType.OID, '1.3.6.1.' + rand(100)],
		[snmp.ObjectType.IpAddress, `${rand(256)}.${rand(256)}.${rand(256)}.${rand(256)}`],
		[snmp.ObjectType.Counter, rand(4294967295)],
		[snmp.ObjectType.Gauge, rand(4294967295)],
		[snmp.ObjectType.TimeTicks, rand(4294967295)],
		[snmp.ObjectType.Opaque, Buffer.from([rand(256), rand(256)])],
		[snmp.ObjectType.Counter64, Buffer.from([0, 0, 0, 1, rand(256), 0, 0, 0])],
		[snmp.ObjectType.Null, null],
	];
	const [type, value] = values[rand(values.length)];
	return { oid, type, value };
}

// One request; resolves when answered, dropped or failed.
function send(kind, oids) {
	const longest = Math.max(...oids.map((o) => (typeof o === 'string' ? o : o.oid)).map(subids));
	stats.requests++;
	return new Promise((resolve) => {
		const done = (err) => {
			if (!err) stats.answers++;
			else if (err instanceof snmp.RequestTimedOutError) {
				if (longest > 128) stats.dropped++;
				else { stats.silentShort++; bad.push(`${kind} ${oids[0].oid || oids[0]}: no answer`); }
			} else if (err instanceof snmp.RequestFailedError) stats.answers++; // an SNMP error status
			else { stats.invalid++; bad.push(`${kind}: ${err.name}: ${err.message}`); }
			resolve();
		};
		try {
			if (kind === 'get') ro.get(oids, done);
			else if (kind === 'getnext') ro.getNext(oids, done);
			else if (kind === 'getbulk') ro.getBulk(oids, 0, 1 + rand(30), done);
			else rw.set(oids, done);
		} catch (e) { // the client refuses to encode it: not the agent's fault
			stats.requests--;
			resolve();
		}
	});
}

async function main() {
	const deadline = Date.now() + 90000;
	for (let i = 0; i < 600 && Date.now() < deadline; i++) {
		const oids = [...Array(1 + rand(4))].map(randomOid);
		await send(['getnext', 'getbulk', 'get'][rand(3)], oids);
	}
	// Every length 0-255.  OIDs over 128 sub-identifiers never reach us
	// (snmpd drops them unanswered): those are sent all at once, so the
	// test waits one timeout for them, not one each.
	const silent = [];
	for (let len = 0; len <= 255 && Date.now() < deadline; len++) {
		const get = stringIndexOid(len), next = stringIndexOid(len);
		if (subids(get) > 128) {
			silent.push(send('get', [get]), send('getnext', [next]));
			continue;
		}
		await send('get', [get]);
		await send('getnext', [next]);
	}
	await Promise.all(silent);
	for (const oid of writable)
		for (let t = 0; t < 30 && Date.now() < deadline; t++)
			await send('set', [randomVarbind(oid)]);
	for (let i = 0; i < 50 && Date.now() < deadline; i++) // several varbinds at once
		await send('set', [...Array(2 + rand(3))].map(() => randomVarbind(writable[rand(writable.length)])));
	ro.close();
	rw.close();
	console.log(JSON.stringify(stats));
	if (bad.length) console.log(bad.slice(0, 20).join('\n'));
	process.exit(stats.invalid || stats.silentShort ? 1 : 0);
}
main();
