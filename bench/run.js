#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the SortedPRO node against n8n's HTTP Request node, both doing the same
 * allocations in the real n8n (n8n-app/) against the SortedPRO simulator, timed by each
 * node's own execution time in n8n's run data. Writes bench/RESULTS.md and prints
 *   ratio_default=X ratio_batch=Y ratio_tuned=Z ideal_ratio=W
 * Ratios, not seconds, are the result: the machine is shared and noisy.
 *
 * Environment: BENCH_N (default 1000), BENCH_LATENCY_MS (25), BENCH_BIG_N (10000),
 * BENCH_REPEATS (3, the median is reported).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createSimulator, DEFAULT_API_KEY } = require('../simulator/server');
const { prepareInstance, workflowIdFor } = require('../scripts/instance');
const { APP_DIR, executeWorkflow, log } = require('../scripts/n8n');

const N = Number(process.env.BENCH_N ?? 1000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 25);
const BIG_N = Number(process.env.BENCH_BIG_N ?? 10_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const N8N_PORT = Number(process.env.BENCH_N8N_PORT ?? 5697);
/**
 * The SortedPRO node's default Max Concurrent Requests, read from the package that is
 * measured (built by prepareInstance before any scenario runs).
 */
const defaultConcurrency = () =>
	require('../dist/nodes/SortedPro/helpers/settings').DEFAULT_CONCURRENCY;
const TARGET_NODE = 'Allocate';

/** Manual trigger -> Code node that emits `count` consignment references -> the node under test. */
function benchWorkflow(name, count, node) {
	return {
		name,
		nodes: [
			{
				id: 'bench-trigger',
				name: 'Run',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'bench-input',
				name: 'Consignments',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: { reference: 'EC-SIM-' + String(i + 1).padStart(6, '0') } }));`,
				},
			},
			{ id: 'bench-target', name: TARGET_NODE, position: [440, 0], ...node },
		],
		connections: {
			Run: { main: [[{ node: 'Consignments', type: 'main', index: 0 }]] },
			Consignments: { main: [[{ node: TARGET_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const sortedProNode = (options = {}) => ({
	type: 'n8n-nodes-sortedpro.sortedPro',
	typeVersion: 1,
	parameters: {
		resource: 'allocation',
		operation: 'allocateWithServiceGroup',
		consignmentReference: '={{ $json.reference }}',
		serviceGroup: { __rl: true, mode: 'id', value: 'ECONOMY' },
		options,
	},
	credentials: { sortedProApi: { id: 'sortedpro-credential', name: 'SortedPRO simulator' } },
});

/** n8n's HTTP Request node making the same call, the key in a Header Auth credential. */
const httpRequestNode = (simulatorUrl, options = {}) => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	parameters: {
		method: 'PUT',
		url: `={{ '${simulatorUrl}/allocation/' + encodeURIComponent($json.reference) + '/allocatewithservicegroup/ECONOMY' }}`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'electio-api-version', value: '1.1' }] },
		options,
	},
	credentials: { httpHeaderAuth: { id: 'bench-header-auth', name: 'SortedPRO key header' } },
});

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Peak resident memory of a process, from /proc (Linux), polled while it runs. */
function watchPeakMemory(child) {
	let peakKb = 0;
	const read = () => {
		try {
			const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
			const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
			peakKb = Math.max(peakKb, hwm);
		} catch {
			// The process has ended: the last reading stands.
		}
	};
	const timer = setInterval(read, 100);
	child.once('exit', () => clearInterval(timer));
	return () => peakKb;
}

async function main() {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-bench-'));
	const simulator = createSimulator({ apiKey: DEFAULT_API_KEY, consignments: Math.max(N, BIG_N) });
	const simulatorUrl = await simulator.listen(0);

	const scenarios = {
		sortedProDefault: benchWorkflow('bench: SortedPRO defaults', N, sortedProNode()),
		sortedProBatch: benchWorkflow(
			'bench: SortedPRO batch calls',
			N,
			sortedProNode({ sendInBatches: true }),
		),
		httpDefault: benchWorkflow('bench: HTTP Request defaults', N, httpRequestNode(simulatorUrl)),
		httpTuned: benchWorkflow(
			'bench: HTTP Request batching tuned',
			N,
			httpRequestNode(simulatorUrl, {
				batching: { batch: { batchSize: defaultConcurrency(), batchInterval: 1 } },
			}),
		),
		sortedProBig: benchWorkflow(`bench: SortedPRO ${BIG_N} items`, BIG_N, sortedProNode()),
	};
	const workflowDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-bench-workflows-'));
	const files = Object.entries(scenarios).map(([key, workflow]) => {
		const file = path.join(workflowDir, `${key}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		return file;
	});
	await prepareInstance(userFolder, N8N_PORT, simulatorUrl, {
		workflowFiles: files,
		credentials: [
			{
				id: 'bench-header-auth',
				name: 'SortedPRO key header',
				type: 'httpHeaderAuth',
				data: { name: 'ocp-apim-subscription-key', value: DEFAULT_API_KEY },
			},
		],
	});

	/** Runs a scenario on fresh unallocated consignments; returns the node's time and the process's peak memory. */
	async function measure(key, count, latencyMs) {
		// Fresh consignments every group member can take (GB, 1.5 kg), so every call succeeds.
		simulator.model.reset(0);
		simulator.model.addConsignments(count, { country: 'GB', weightKg: 1.5 });
		simulator.config.latencyMs = latencyMs;
		let peak = () => 0;
		const { run } = await executeWorkflow(userFolder, N8N_PORT, workflowIdFor(`${key}.json`), {
			onSpawn: (child) => (peak = watchPeakMemory(child)),
		});
		const task = run.data.resultData.runData[TARGET_NODE]?.[0];
		const items = task?.data?.main?.[0]?.length ?? 0;
		const { states } = simulator.model.snapshot();
		if (run.data.resultData.error || items !== count) {
			throw new Error(
				`${key}: expected ${count} output items, got ${items}: ${run.data.resultData.error?.message ?? ''}`,
			);
		}
		const failed = task.data.main[0].filter((item) => item.json.error).length;
		return {
			ms: task.executionTime,
			items,
			failed,
			allocated: states.Allocated ?? 0,
			peakMb: Math.round(peak() / 1024),
		};
	}

	async function repeated(key, count, latencyMs) {
		const runs = [];
		for (let index = 0; index < REPEATS; index++) runs.push(await measure(key, count, latencyMs));
		const ms = median(runs.map((run) => run.ms));
		log(
			`${key} N=${count} latency=${latencyMs}ms: ${runs.map((run) => run.ms).join(', ')} ms (median ${ms})`,
		);
		return { ...runs[0], ms, runs: runs.map((run) => run.ms) };
	}

	try {
		log(`Benchmark: N=${N}, latency ${LATENCY_MS} ms, ${REPEATS} runs each (median)`);
		if (process.env.BENCH_QUICK) {
			// For working on the node: only the SortedPRO node's overhead and default run.
			await repeated('sortedProDefault', N, 0);
			await repeated('sortedProDefault', N, LATENCY_MS);
			return;
		}
		const results = {
			sortedProDefault: await repeated('sortedProDefault', N, LATENCY_MS),
			sortedProBatch: await repeated('sortedProBatch', N, LATENCY_MS),
			httpDefault: await repeated('httpDefault', N, LATENCY_MS),
			httpTuned: await repeated('httpTuned', N, LATENCY_MS),
			sortedProZero: await repeated('sortedProDefault', N, 0),
			httpZero: await repeated('httpDefault', N, 0),
			sortedProBig: await measure('sortedProBig', BIG_N, 0),
		};
		log(
			`sortedProBig N=${BIG_N}: ${results.sortedProBig.ms} ms, peak ${results.sortedProBig.peakMb} MB`,
		);

		const ideal = (N * LATENCY_MS) / defaultConcurrency();
		const ratios = {
			ratio_default: results.httpDefault.ms / results.sortedProDefault.ms,
			ratio_batch: results.httpDefault.ms / results.sortedProBatch.ms,
			ratio_tuned: results.httpTuned.ms / results.sortedProDefault.ms,
			ideal_ratio: results.sortedProDefault.ms / ideal,
		};
		writeResults(results, ratios, ideal);
		const fixed = (value) => value.toFixed(2);
		console.log(
			`ratio_default=${fixed(ratios.ratio_default)} ratio_batch=${fixed(ratios.ratio_batch)} ratio_tuned=${fixed(ratios.ratio_tuned)} ideal_ratio=${fixed(ratios.ideal_ratio)}`,
		);
	} finally {
		await simulator.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.rmSync(workflowDir, { recursive: true, force: true });
	}
}

function writeResults(results, ratios, ideal) {
	const n8nVersion = JSON.parse(
		fs.readFileSync(path.join(APP_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
	const cpus = os.cpus();
	const row = (label, result, count) =>
		`| ${label} | ${count} | ${result.latency} | ${result.ms} | ${(result.ms / count).toFixed(2)} | ${result.allocated} | ${result.failed} | ${result.runs ? result.runs.join(', ') : result.ms} |`;
	const withLatency = (result, latency) => ({ ...result, latency });
	const pass = (ok) => (ok ? 'met' : '**not met**');
	const text = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString()}.

Machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}.
Node ${process.version}, n8n ${n8nVersion}. Each timing is the node's own \`executionTime\` in n8n's run data
(\`n8n execute\`), the median of ${REPEATS} runs, against the SortedPRO simulator on loopback with the stated
added latency per request. Every run allocates fresh Unallocated consignments.

| scenario | items | latency (ms) | node time (ms) | ms per item | allocated | error items | runs (ms) |
|---|---|---|---|---|---|---|---|
${row('SortedPRO node, defaults (5 concurrent)', withLatency(results.sortedProDefault, LATENCY_MS), N)}
${row('SortedPRO node, Send in Batches (100 per call)', withLatency(results.sortedProBatch, LATENCY_MS), N)}
${row('HTTP Request node, defaults', withLatency(results.httpDefault, LATENCY_MS), N)}
${row(`HTTP Request node, batching ${defaultConcurrency()} items / 1 ms`, withLatency(results.httpTuned, LATENCY_MS), N)}
${row('SortedPRO node, defaults, no latency (per-item overhead)', withLatency(results.sortedProZero, 0), N)}
${row('HTTP Request node, defaults, no latency (per-item overhead)', withLatency(results.httpZero, 0), N)}
${row(`SortedPRO node, defaults, ${BIG_N} items`, withLatency(results.sortedProBig, 0), BIG_N)}

Peak memory of the n8n process for ${BIG_N} items: ${results.sortedProBig.peakMb} MB (VmHWM); all ${BIG_N} items came out of one execution.

| measure | value | target | |
|---|---|---|---|
| ratio_default = HTTP Request defaults / SortedPRO defaults | ${ratios.ratio_default.toFixed(2)} | >= 4 | ${pass(ratios.ratio_default >= 4)} |
| ratio_batch = HTTP Request defaults / SortedPRO batch calls | ${ratios.ratio_batch.toFixed(2)} | >= 20 | ${pass(ratios.ratio_batch >= 20)} |
| ratio_tuned = HTTP Request batching / SortedPRO defaults | ${ratios.ratio_tuned.toFixed(2)} | >= 1.0 | ${pass(ratios.ratio_tuned >= 1)} |
| ideal_ratio = SortedPRO defaults / (N x latency / 5) = / ${ideal} ms | ${ratios.ideal_ratio.toFixed(2)} | <= 1.25 | ${pass(ratios.ideal_ratio <= 1.25)} |
| per-item overhead, SortedPRO vs HTTP Request (no latency) | ${(results.sortedProZero.ms / N).toFixed(2)} vs ${(results.httpZero.ms / N).toFixed(2)} ms | no higher | ${pass(results.sortedProZero.ms <= results.httpZero.ms)} |

Note: n8n's HTTP Request node (v4) starts every item's request at once unless its Batching option
sets an interval, so "HTTP Request defaults" is unbounded concurrency, not one request at a time.
`;
	fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), text);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
