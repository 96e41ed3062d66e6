'use strict';
/**
 * Summarises a V8 CPU profile of an n8n process for bench/RESULTS.md: the self time of every
 * sample taken while the SortedPRO node was running (from the first sample inside the node's
 * execute() to the last with the package's code on the stack, so n8n's start-up and the
 * loading of the package are left out), by where the code lives, and the package's own
 * busiest functions.
 */
const fs = require('node:fs');

const PACKAGE = '/n8n-nodes-sortedpro/';

function placeOf({ url, functionName }) {
	// V8's own entries: (garbage collector), (idle) (waiting for the network), (program).
	if (!url) return `V8 ${functionName}`;
	if (url.includes(PACKAGE)) return 'n8n-nodes-sortedpro (this package)';
	const modules = url.lastIndexOf('/node_modules/');
	if (modules !== -1) {
		const rest = url.slice(modules + '/node_modules/'.length).split('/');
		return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	}
	if (url.startsWith('node:')) return 'Node.js';
	return url;
}

function summariseProfile(file) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parent.set(child, node.id);
	const ours = new Map();
	const inPackage = (id) => {
		if (ours.has(id)) return ours.get(id);
		const node = byId.get(id);
		const result =
			node.callFrame.url.includes(PACKAGE) || (parent.has(id) && inPackage(parent.get(id)));
		ours.set(id, result);
		return result;
	};
	const times = [];
	let time = profile.startTime;
	for (const delta of profile.timeDeltas) times.push((time += delta));
	const inExecute = (id) => {
		for (let node = byId.get(id); node; node = byId.get(parent.get(node.id)))
			if (node.callFrame.functionName === 'execute' && node.callFrame.url.includes(PACKAGE))
				return true;
		return false;
	};
	let first = -1;
	let last = -1;
	profile.samples.forEach((id, index) => {
		if (first === -1 && !inExecute(id)) return;
		if (first === -1) first = index;
		if (inPackage(id)) last = index;
	});
	if (first === -1) return 'No sample had the package on the stack.';

	const places = new Map();
	const functions = new Map();
	let total = 0;
	for (let index = first; index <= last; index++) {
		const micros = (times[index + 1] ?? times[index]) - times[index];
		const node = byId.get(profile.samples[index]);
		const place = placeOf(node.callFrame);
		places.set(place, (places.get(place) ?? 0) + micros);
		if (place.startsWith('n8n-nodes-sortedpro')) {
			const name = `${node.callFrame.functionName || '(anonymous)'} (${node.callFrame.url.split(PACKAGE)[1]}:${node.callFrame.lineNumber + 1})`;
			functions.set(name, (functions.get(name) ?? 0) + micros);
		}
		total += micros;
	}
	const ms = (micros) => (micros / 1000).toFixed(0);
	const share = (micros) => `${((micros / total) * 100).toFixed(1)}%`;
	const top = (map, count) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
	return [
		`While the node ran (${ms(total)} ms of samples):`,
		'',
		'| where | self time (ms) | share |',
		'|---|---|---|',
		...top(places, 12).map(([place, micros]) => `| ${place} | ${ms(micros)} | ${share(micros)} |`),
		'',
		"The package's own busiest functions:",
		'',
		'| function | self time (ms) | share |',
		'|---|---|---|',
		...top(functions, 8).map(([name, micros]) => `| ${name} | ${ms(micros)} | ${share(micros)} |`),
	].join('\n');
}

module.exports = { summariseProfile };
