'use strict';
/**
 * The floor for `npm run bench`: a plain Node.js HTTP client (a fixed number in flight, its
 * connections kept alive unless keepAlive is false) making the same allocations as the node,
 * in a process of its own like n8n's.
 * Input (JSON in argv[2]): { baseUrl, apiKey, count, concurrency, keepAlive }. Prints { ms, ok, failed }.
 */
const http = require('node:http');

const { baseUrl, apiKey, count, concurrency, keepAlive = true } = JSON.parse(process.argv[2]);
// Without keep-alive every request opens its own connection, as n8n's request helper does.
const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: concurrency }) : false;

function allocate(reference) {
	return new Promise((resolve) => {
		const url = new URL(
			`/allocation/${encodeURIComponent(reference)}/allocatewithservicegroup/ECONOMY`,
			baseUrl,
		);
		const request = http.request(
			url,
			{
				method: 'PUT',
				agent,
				headers: {
					'ocp-apim-subscription-key': apiKey,
					'electio-api-version': '1.1',
					Accept: 'application/json',
				},
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					JSON.parse(Buffer.concat(chunks).toString('utf8'));
					resolve(response.statusCode === 200);
				});
			},
		);
		request.on('error', () => resolve(false));
		request.end();
	});
}

async function main() {
	const references = Array.from(
		{ length: count },
		(_, index) => `EC-SIM-${String(index + 1).padStart(6, '0')}`,
	);
	let next = 0;
	let ok = 0;
	const started = process.hrtime.bigint();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < references.length) {
				if (await allocate(references[next++])) ok += 1;
			}
		}),
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (agent) agent.destroy();
	console.log(JSON.stringify({ ms: Math.round(ms), ok, failed: count - ok }));
}

main();
