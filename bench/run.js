#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the SortedPRO node in the real n8n (n8n-app/) against the SortedPRO
 * simulator, beside a plain HTTP client (the floor) and n8n's HTTP Request node doing the
 * same allocations, all in one run. Each timing is the node's own `executionTime` in n8n's
 * run data (the plain client times itself), the median of BENCH_REPEATS runs on fresh
 * Unallocated consignments. Writes bench/RESULTS.md and prints, last:
 *   floor_ratio=A gateway_allocated=X/N gateway_ratio=B http_gateway_allocated=Y/N batch_vs_http=C overhead_ratio=D peak_mb=E
 * Ratios, not seconds, are the result: the machine is shared and noisy.
 *
 * Environment: BENCH_N (1000), BENCH_BIG_N (10000), BENCH_REPEATS (3), BENCH_SLOW_N (300,
 * the runs at 20 requests a second), BENCH_PROFILE=0 to skip the CPU profile, BENCH_ONLY=zero,httpZero
 * to run only those scenarios (printed as JSON, no RESULTS.md, no last line).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createSimulator, DEFAULT_API_KEY } = require('../simulator/server');
const { prepareInstance, workflowIdFor } = require('../scripts/lib/instance');
const { APP_DIR, executeWorkflow, log } = require('../scripts/lib/n8n');
const { summariseProfile } = require('./profile');

const N = Number(process.env.BENCH_N ?? 1000);
const BIG_N = Number(process.env.BENCH_BIG_N ?? 10_000);
const SLOW_N = Number(process.env.BENCH_SLOW_N ?? 300);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const N8N_PORT = Number(process.env.BENCH_N8N_PORT ?? 5697);
const TARGET_NODE = 'Allocate';

/** The floor's and the fixed run's number in flight: the node's old default. */
const FIXED = 5;
/** Latencies and the gateway, as the issue sets them. */
const LAN_MS = 25;
const GATEWAY = { latencyMs: 100, rateLimit: 100 };
const SLOW_GATEWAY = { latencyMs: 100, rateLimit: 20 };
const PER_CONSIGNMENT_MS = 1;

const TARGETS = {
	floor_ratio: { max: 1.1 },
	gateway_ratio: { max: 1.15 },
	batch_vs_http: { min: 8 },
	overhead_ratio: { max: 0.3 },
	peak_mb: { max: 800 },
};

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
	// Error items instead of a stopped run, so that every scenario reports what it allocated.
	onError: 'continueRegularOutput',
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
const httpRequestNode = (simulatorUrl, settings = {}) => ({
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.2,
	...settings,
	parameters: {
		method: 'PUT',
		url: `={{ '${simulatorUrl}/allocation/' + encodeURIComponent($json.reference) + '/allocatewithservicegroup/ECONOMY' }}`,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'electio-api-version', value: '1.1' }] },
		options: {},
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

/** Runs the plain client in a process of its own; returns its time. */
function plainClient(baseUrl, count, concurrency, keepAlive) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				path.join(__dirname, 'plainClient.js'),
				JSON.stringify({ baseUrl, apiKey: DEFAULT_API_KEY, count, concurrency, keepAlive }),
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.once('error', reject);
		child.once('exit', (status) =>
			status === 0 ? resolve(JSON.parse(out)) : reject(new Error(`plain client exit ${status}`)),
		);
	});
}

async function main() {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-bench-'));
	const simulator = createSimulator({ apiKey: DEFAULT_API_KEY, consignments: 0 });
	const simulatorUrl = await simulator.listen(0);

	const scenarios = {
		sortedProFixed: sortedProNode({ maxConcurrency: FIXED }),
		sortedProDefault: sortedProNode(),
		sortedProBatch: sortedProNode({ sendInBatches: true }),
		httpDefault: httpRequestNode(simulatorUrl),
		httpContinue: httpRequestNode(simulatorUrl, { onError: 'continueRegularOutput' }),
		httpRetry: httpRequestNode(simulatorUrl, {
			onError: 'continueRegularOutput',
			retryOnFail: true,
			maxTries: 5,
			waitBetweenTries: 1000,
		}),
	};
	const counts = [...new Set([N, BIG_N, SLOW_N])];
	const workflowDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-bench-workflows-'));
	const files = [];
	for (const [key, node] of Object.entries(scenarios))
		for (const count of counts) {
			const file = path.join(workflowDir, `${key}-${count}.json`);
			fs.writeFileSync(file, JSON.stringify(benchWorkflow(`bench: ${key} ${count}`, count, node)));
			files.push(file);
		}
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

	/** Fresh consignments every group member can take (GB, 1.5 kg), and the simulator set up as asked. */
	function freshSimulator(count, gateway) {
		simulator.model.reset(0);
		simulator.model.addConsignments(count, { country: 'GB', weightKg: 1.5 });
		simulator.config.latencyMs = gateway.latencyMs ?? 0;
		simulator.config.rateLimit = gateway.rateLimit ?? 0;
		simulator.config.perConsignmentMs = gateway.perConsignmentMs ?? 0;
	}

	/** One run of a workflow scenario: the node's time, what it allocated, error items, peak memory. */
	async function measure(key, count, gateway, options = {}) {
		freshSimulator(count, gateway);
		let peak = () => 0;
		const { run } = await executeWorkflow(
			userFolder,
			N8N_PORT,
			workflowIdFor(`${key}-${count}.json`),
			{
				onSpawn: (child) => (peak = watchPeakMemory(child)),
				cpuProfDir: options.cpuProfDir,
			},
		);
		const task = run.data.resultData.runData[TARGET_NODE]?.[0];
		const output = task?.data?.main?.[0] ?? [];
		const { states, consignments } = simulator.model.snapshot();
		const allocated = states.Allocated ?? 0;
		const doubles = consignments.filter((consignment) => consignment.AllocationCount > 1).length;
		return {
			ms: task?.executionTime ?? NaN,
			items: output.length,
			failed: output.filter((item) => item.json.error).length,
			allocated,
			doubles,
			stopped: run.data.resultData.error?.message ?? null,
			peakMb: Math.round(peak() / 1024),
		};
	}

	async function repeated(label, key, count, gateway, repeats = REPEATS) {
		const runs = [];
		for (let index = 0; index < repeats; index++) runs.push(await measure(key, count, gateway));
		const ms = median(runs.map((run) => run.ms));
		const result = {
			...runs.find((run) => run.ms === ms),
			ms,
			runs: runs.map((run) => run.ms),
			label,
			count,
			gateway,
		};
		log(
			`${label}: ${result.runs.join(', ')} ms (median ${ms}), allocated ${result.allocated}/${count}, error items ${result.failed}`,
		);
		return result;
	}

	async function floor(label, count, gateway, keepAlive = true) {
		const runs = [];
		for (let index = 0; index < REPEATS; index++) {
			freshSimulator(count, gateway);
			runs.push(await plainClient(simulatorUrl, count, FIXED, keepAlive));
		}
		const ms = median(runs.map((run) => run.ms));
		const { states } = simulator.model.snapshot();
		log(`${label}: ${runs.map((run) => run.ms).join(', ')} ms (median ${ms})`);
		return {
			label,
			count,
			gateway,
			ms,
			runs: runs.map((run) => run.ms),
			allocated: states.Allocated ?? 0,
			failed: runs[0].failed,
			items: count,
		};
	}

	try {
		log(`Benchmark: N=${N}, ${REPEATS} runs each (median)`);
		const lan = { latencyMs: LAN_MS };
		const batchLan = { latencyMs: LAN_MS, perConsignmentMs: PER_CONSIGNMENT_MS };
		// Every scenario, in the order they run; BENCH_ONLY=key,key runs some of them (no last line).
		const plan = [
			['floor', () => floor(`Plain HTTP client, ${FIXED} in flight, keep-alive`, N, lan)],
			[
				'floorNoKeepAlive',
				() =>
					floor(
						`Plain HTTP client, ${FIXED} in flight, a new connection each request`,
						N,
						lan,
						false,
					),
			],
			[
				'fixed',
				() => repeated(`SortedPRO node, ${FIXED} in flight (fixed)`, 'sortedProFixed', N, lan),
			],
			[
				'gateway',
				() => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', N, GATEWAY),
			],
			[
				'httpGateway',
				() =>
					repeated('HTTP Request node, defaults, On Error: Continue', 'httpContinue', N, GATEWAY),
			],
			[
				'httpRetryGateway',
				() =>
					repeated(
						'HTTP Request node, Retry On Fail (5 tries, 1 s apart), On Error: Continue',
						'httpRetry',
						N,
						GATEWAY,
					),
			],
			[
				'slowGateway',
				() => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', SLOW_N, SLOW_GATEWAY),
			],
			[
				'httpSlowGateway',
				() =>
					repeated(
						'HTTP Request node, defaults, On Error: Continue',
						'httpContinue',
						SLOW_N,
						SLOW_GATEWAY,
					),
			],
			['httpLan', () => repeated('HTTP Request node, defaults', 'httpDefault', N, lan)],
			[
				'batch',
				() =>
					repeated('SortedPRO node, Send in Batches (100 per call)', 'sortedProBatch', N, batchLan),
			],
			['autoLan', () => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', N, lan)],
			['zero', () => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', N, {})],
			['httpZero', () => repeated('HTTP Request node, defaults', 'httpDefault', N, {})],
			['big', () => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', BIG_N, {}, 1)],
		];
		const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
		const results = {};
		for (const [key, scenario] of plan)
			if (!only || only.includes(key)) results[key] = await scenario();
		let profile = null;
		if (process.env.BENCH_PROFILE !== '0') {
			const cpuProfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-bench-profile-'));
			await measure('sortedProDefault', N, {}, { cpuProfDir });
			const file = fs.readdirSync(cpuProfDir).find((name) => name.endsWith('.cpuprofile'));
			profile = file ? summariseProfile(path.join(cpuProfDir, file)) : null;
			fs.rmSync(cpuProfDir, { recursive: true, force: true });
		}

		if (only) {
			console.log(JSON.stringify({ results, profile }, null, 2));
			return;
		}
		const measures = {
			floor_ratio: results.fixed.ms / results.floor.ms,
			gateway_allocated: results.gateway.allocated,
			gateway_ratio: results.gateway.ms / ((N / GATEWAY.rateLimit) * 1000),
			http_gateway_allocated: results.httpGateway.allocated,
			batch_vs_http: results.httpLan.ms / results.batch.ms,
			overhead_ratio: results.zero.ms / N / (results.httpZero.ms / N),
			peak_mb: results.big.peakMb,
		};
		writeResults(results, measures, profile);
		const fixed = (value) => value.toFixed(2);
		console.log(
			`floor_ratio=${fixed(measures.floor_ratio)} gateway_allocated=${measures.gateway_allocated}/${N} gateway_ratio=${fixed(measures.gateway_ratio)} http_gateway_allocated=${measures.http_gateway_allocated}/${N} batch_vs_http=${fixed(measures.batch_vs_http)} overhead_ratio=${fixed(measures.overhead_ratio)} peak_mb=${measures.peak_mb}`,
		);
	} finally {
		await simulator.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.rmSync(workflowDir, { recursive: true, force: true });
	}
}

function describeGateway(gateway) {
	const parts = [`${gateway.latencyMs ?? 0} ms`];
	if (gateway.perConsignmentMs)
		parts.push(`+ ${gateway.perConsignmentMs} ms per consignment in a list call`);
	parts.push(gateway.rateLimit ? `${gateway.rateLimit}/s rate limit` : 'no rate limit');
	return parts.join(', ');
}

function writeResults(results, measures, profile) {
	const n8nVersion = JSON.parse(
		fs.readFileSync(path.join(APP_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
	const cpus = os.cpus();
	const row = (result) =>
		`| ${result.label} | ${describeGateway(result.gateway)} | ${result.count} | ${result.ms} | ${(result.ms / result.count).toFixed(2)} | ${result.allocated} | ${result.failed} | ${result.doubles ?? 0} | ${result.runs.join(', ')} |`;
	const verdict = (name, value) => {
		const target = TARGETS[name];
		if (!target) return '';
		const met = target.max !== undefined ? value <= target.max : value >= target.min;
		return `${target.max !== undefined ? '<=' : '>='} ${target.max ?? target.min} | ${met ? 'met' : '**not met**'}`;
	};
	const number = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
	const text = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString()}.

Machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}.
Node ${process.version}, n8n ${n8nVersion} (\`n8n execute\`). Each time is the node's own \`executionTime\` in
n8n's run data, the median of ${REPEATS} runs (the ${BIG_N}-item run: one), against the SortedPRO simulator on
loopback; the plain client times itself in a process of its own. Every run allocates fresh Unallocated
consignments. The rate limit is the simulator's gateway: fixed one-second windows per API key, 429 with
Retry-After (whole seconds) beyond it, as Azure API Management does.

| scenario | simulator | items | time (ms) | ms per item | allocated | error items | allocated twice | runs (ms) |
|---|---|---|---|---|---|---|---|---|
${Object.values(results).map(row).join('\n')}

| measure | value | target | |
|---|---|---|---|
| floor_ratio: SortedPRO ${FIXED} in flight / plain client ${FIXED} in flight (${LAN_MS} ms) | ${number(measures.floor_ratio)} | ${verdict('floor_ratio', measures.floor_ratio)} |
| gateway_allocated: SortedPRO defaults at ${GATEWAY.rateLimit}/s, ${GATEWAY.latencyMs} ms, with no error item | ${measures.gateway_allocated}/${N} | ${N}/${N} | ${measures.gateway_allocated === N && results.gateway.failed === 0 ? 'met' : '**not met**'} |
| gateway_ratio: that time / (N / rate limit = ${(N / GATEWAY.rateLimit).toFixed(1)} s) | ${number(measures.gateway_ratio)} | ${verdict('gateway_ratio', measures.gateway_ratio)} |
| http_gateway_allocated: HTTP Request defaults, same gateway | ${measures.http_gateway_allocated}/${N} | (reported) | |
| batch_vs_http: HTTP Request defaults (${LAN_MS} ms) / SortedPRO Send in Batches (${LAN_MS} ms + ${PER_CONSIGNMENT_MS} ms per consignment) | ${number(measures.batch_vs_http)} | ${verdict('batch_vs_http', measures.batch_vs_http)} |
| overhead_ratio: SortedPRO / HTTP Request time per item, no latency | ${number(measures.overhead_ratio)} | ${verdict('overhead_ratio', measures.overhead_ratio)} |
| peak_mb: n8n process, ${BIG_N} items, defaults (VmHWM) | ${measures.peak_mb} | ${verdict('peak_mb', measures.peak_mb)} |

Notes:
- n8n's HTTP Request node (v4) starts every item's request at once unless its Batching option sets an
  interval: "defaults" is unbounded concurrency. Its Retry On Fail runs the whole node again, every item,
  when the first output item is an error.
- The gateway runs at 20/s use ${SLOW_N} items (${SLOW_N / 20} s at the limit) to keep the benchmark short.
${profile ? `\n## Where the SortedPRO node's time goes\n\nCPU profile of the n8n process for one run of ${N} items at no latency, while the node ran (from\nits execute() to its last request; self time, so each line is where the CPU actually was):\n\n${profile}\n` : ''}`;
	fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), text);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
