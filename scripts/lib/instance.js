'use strict';
/**
 * An n8n instance ready to use the SortedPRO node: n8n installed, this package installed
 * as a community package, a "SortedPRO simulator" credential and the example workflows
 * imported. Shared by `npm start`, the end-to-end tests and the benchmark.
 */
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { DEFAULT_API_KEY } = require('../../simulator/server');
const { ROOT, ensureN8n, installPackage, log, n8nCommand } = require('./n8n');

/** The credential id the example workflows refer to. */
const CREDENTIAL_ID = 'sortedpro-credential';

/** A stable 16-character workflow id (n8n's id length) for a workflow file. */
function workflowIdFor(name) {
	return createHash('sha256').update(name).digest('base64url').replace(/[-_]/g, 'x').slice(0, 16);
}

function credential(id, name, apiKey, baseUrl) {
	return { id, name, type: 'sortedProApi', data: { apiKey, environment: 'custom', baseUrl } };
}

/** Writes `value` as JSON to a temporary file, for n8n's import commands. */
function tempJson(value) {
	const file = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-import-')),
		'import.json',
	);
	fs.writeFileSync(file, JSON.stringify(value));
	return file;
}

/**
 * @param {string} userFolder n8n's user folder (n8n keeps its data in <userFolder>/.n8n)
 * @param {number} port the n8n port (the CLI needs the same settings as the server)
 * @param {string} simulatorUrl the simulator's base URL
 * @param {{ workflowFiles?: string[], credentials?: object[] }} extra more workflows (paths) and credentials to import
 */
async function prepareInstance(userFolder, port, simulatorUrl, extra = {}) {
	ensureN8n();
	fs.mkdirSync(userFolder, { recursive: true });
	log('Installing n8n-nodes-sortedpro into n8n as a community package...');
	installPackage(userFolder);

	const credentials = [
		credential(CREDENTIAL_ID, 'SortedPRO simulator', DEFAULT_API_KEY, simulatorUrl),
		...(extra.credentials ?? []),
	];
	await n8nCommand(userFolder, port, ['import:credentials', `--input=${tempJson(credentials)}`]);

	const examplesDir = path.join(ROOT, 'examples');
	const files = [
		...fs
			.readdirSync(examplesDir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => path.join(examplesDir, file)),
		...(extra.workflowFiles ?? []),
	];
	const workflows = files.map((file) => {
		const workflow = JSON.parse(fs.readFileSync(file, 'utf8'));
		return { ...workflow, id: workflowIdFor(path.basename(file)) };
	});
	await n8nCommand(userFolder, port, ['import:workflow', `--input=${tempJson(workflows)}`]);
	return { workflows: workflows.map(({ id, name }, index) => ({ id, name, file: files[index] })) };
}

module.exports = { CREDENTIAL_ID, credential, prepareInstance, workflowIdFor };
