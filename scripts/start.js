#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the SortedPRO node in the real n8n, against the SortedPRO simulator.
 * Builds and installs the package as a community package, starts the simulator, imports
 * a "SortedPRO simulator" credential and the example workflows, and starts n8n with
 * SQLite in .n8n-local/. The first run installs n8n (a few minutes); later runs reuse it.
 */
const path = require('node:path');

const { createSimulator, DEFAULT_API_KEY } = require('../simulator/server');
const { prepareInstance } = require('./lib/instance');
const { OWNER, ROOT, ensureOwner, lastLines, log, startN8nServer } = require('./lib/n8n');
const { choosePorts } = require('./lib/ports');

const USER_FOLDER = path.join(ROOT, '.n8n-local');

async function main() {
	const started = Date.now();
	const { ports, notes } = await choosePorts([
		{ what: "n8n's editor", variable: 'N8N_PORT', fallback: 5678 },
		{ what: "n8n's task broker", variable: 'N8N_RUNNERS_BROKER_PORT', fallback: 5679 },
		{ what: 'the SortedPRO simulator', variable: 'SORTEDPRO_SIM_PORT', fallback: 4010 },
	]);
	for (const note of notes) log(note);
	const N8N_PORT = ports.N8N_PORT;
	const brokerPort = ports.N8N_RUNNERS_BROKER_PORT;

	const simulator = createSimulator({ apiKey: DEFAULT_API_KEY });
	const simulatorUrl = await simulator.listen(ports.SORTEDPRO_SIM_PORT);
	log(
		`SortedPRO simulator on ${simulatorUrl} (${simulator.model.consignments.size} unallocated consignments, EC-SIM-000001 ...)`,
	);

	const { workflows } = await prepareInstance(USER_FOLDER, N8N_PORT, simulatorUrl);
	log('Starting n8n...');
	const n8n = await startN8nServer(USER_FOLDER, N8N_PORT, { brokerPort });
	await ensureOwner(N8N_PORT);

	const editor = `http://localhost:${N8N_PORT}`;
	console.log(`
  n8n with the SortedPRO node is running.

    Editor:    ${editor}
    Log in:    ${OWNER.email} / ${OWNER.password}
    Workflows: ${workflows.map((workflow) => `${workflow.name} (${editor}/workflow/${workflow.id})`).join('\n               ')}
    Credential "SortedPRO simulator" points at ${simulatorUrl}.

  Open a workflow and press "Execute workflow". Stop with Ctrl+C.
  (Ready ${Math.round((Date.now() - started) / 1000)} s after \`npm start\`.)
`);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the simulator...');
		await n8n.stop();
		await simulator.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.child.once('exit', (code) => {
		if (stopping) return;
		console.error(
			`n8n stopped unexpectedly (exit ${code}). Its last output:\n${lastLines(n8n.output)}`,
		);
		simulator.close().then(() => process.exit(1));
	});
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
