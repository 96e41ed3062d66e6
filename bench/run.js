#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: the SortedPRO node in the real n8n (n8n-app/) against the SortedPRO
 * simulator, beside a plain HTTP client (the floor) and n8n's HTTP Request node doing the
 * same allocations, all in one run. Each timing is the node's own `executionTime` in n8n's
 * run data (the plain client times itself), the median of BENCH_REPEATS runs on fresh
 * Unallocated consignments. Writes bench/RESULTS.md and prints, last:
 *   floor_ratio=A gateway_allocated=X/N gateway_ratio=B gateway_5k_ratio=C gateway_slow_ratio=D
 *   gateway_noisy_ratio=E gateway_sliding_ratio=F http_gateway_allocated=Y/N batch_vs_http=G
 *   overhead_ratio=H peak_ratio=I peak_mb=J label_requests_ratio=K label_time_ratio=L
 * (on one line). Ratios, not seconds, are the result: the machine is shared and noisy.
 *
 * Environment: BENCH_N (1000), BENCH_BIG_N (10000), BENCH_LONG_N (5000, the long gateway runs),
 * BENCH_REPEATS (3), BENCH_PROFILE=0 to skip the CPU profile, BENCH_ONLY=zero,httpZero to run only
 * those scenarios (printed as JSON, no RESULTS.md, no last line).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createSimulator, DEFAULT_API_KEY } = require('../simulator/server');
const { prepareInstance, workflowIdFor } = require('../scripts/lib/instance');
const { APP_DIR, executeWorkflow, log } = require('../scripts/lib/n8n');
const { EXPLANATIONS } = require('./explanations');
const { summariseProfile } = require('./profile');
const { runPaceModel } = require('../simulator/paceModel');

const N = Number(process.env.BENCH_N ?? 1000);
const BIG_N = Number(process.env.BENCH_BIG_N ?? 10_000);
const LONG_N = Number(process.env.BENCH_LONG_N ?? 5000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const N8N_PORT = Number(process.env.BENCH_N8N_PORT ?? 5697);
const TARGET_NODE = 'Allocate';

/** The floor's and the fixed run's number in flight: the node's old default. */
const FIXED = 5;
/** Latencies and the gateway, as the issue sets them. */
const LAN_MS = 25;
const GATEWAY = { latencyMs: 100, rateLimit: 100 };
/** SortedPRO's usual answer time behind the same limit: 30 in flight are needed to reach it. */
const SLOW_GATEWAY = { latencyMs: 300, rateLimit: 100 };
/** A busy gateway: 2% of requests refused at random, answered at once, although under the limit. */
const NOISY_GATEWAY = { ...GATEWAY, random429: 0.02, random429Timing: 'instant' };
/** Azure API Management's renewal period as its documentation describes it: a sliding window. */
const SLIDING_GATEWAY = { ...GATEWAY, rateWindow: 'sliding' };
const PER_CONSIGNMENT_MS = 1;

const TARGETS = {
	floor_ratio: { max: 1.1 },
	gateway_ratio: { max: 1.1 },
	gateway_5k_ratio: { max: 1.05 },
	gateway_slow_ratio: { max: 1.1 },
	gateway_noisy_ratio: { max: 1.2 },
	gateway_sliding_ratio: { max: 1.1 },
	batch_vs_http: { min: 8 },
	overhead_ratio: { max: 0.3 },
	peak_ratio: { max: 0.8 },
	label_requests_ratio: { max: 0.5 },
	label_time_ratio: { max: 0.6 },
};

/**
 * Manual trigger -> Code node that emits `count` consignment references -> the node under test
 * (named TARGET_NODE), or a chain of nodes given as a list (each with its name; the time is theirs
 * together, the output the last one's).
 */
function benchWorkflow(name, count, node) {
	const chain = Array.isArray(node) ? node : [{ name: TARGET_NODE, ...node }];
	const links = ['Consignments', ...chain.map((link) => link.name)];
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
			...chain.map((link, index) => ({
				id: `bench-target-${index}`,
				position: [440 + 220 * index, 0],
				...link,
			})),
		],
		connections: Object.fromEntries([
			['Run', { main: [[{ node: 'Consignments', type: 'main', index: 0 }]] }],
			...links
				.slice(0, -1)
				.map((from, index) => [
					from,
					{ main: [[{ node: links[index + 1], type: 'main', index: 0 }]] },
				]),
		]),
		settings: { executionOrder: 'v1' },
	};
}

const sortedProNode = (options = {}, parameters = {}) => ({
	type: 'n8n-nodes-sortedpro.sortedPro',
	typeVersion: 1,
	// Error items instead of a stopped run, so that every scenario reports what it allocated.
	onError: 'continueRegularOutput',
	parameters: {
		resource: 'allocation',
		operation: 'allocateWithServiceGroup',
		consignmentReference: '={{ $json.reference }}',
		serviceGroup: { __rl: true, mode: 'id', value: 'ECONOMY' },
		...parameters,
		options,
	},
	credentials: { sortedProApi: { id: 'sortedpro-credential', name: 'SortedPRO simulator' } },
});

/** Label > Get (PDF) of the consignment the allocation before it output. */
const labelNode = () => ({
	...sortedProNode(),
	parameters: {
		resource: 'label',
		operation: 'get',
		consignmentReference: '={{ $json.ConsignmentReference }}',
		format: 'PDF',
		options: {},
	},
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
		// Allocate and label: in one call per parcel (Get Label), or allocate then Label > Get.
		sortedProGetLabel: sortedProNode({}, { getLabel: true, labelFormat: 'PDF' }),
		sortedProThenLabel: [
			{ name: TARGET_NODE, ...sortedProNode() },
			{ name: 'Get label', ...labelNode() },
		],
		httpDefault: httpRequestNode(simulatorUrl),
		httpContinue: httpRequestNode(simulatorUrl, { onError: 'continueRegularOutput' }),
		httpRetry: httpRequestNode(simulatorUrl, {
			onError: 'continueRegularOutput',
			retryOnFail: true,
			maxTries: 5,
			waitBetweenTries: 1000,
		}),
	};
	const counts = [...new Set([N, BIG_N, LONG_N])];
	const scenarioNodes = (key) =>
		Array.isArray(scenarios[key]) ? scenarios[key].map((link) => link.name) : [TARGET_NODE];
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

	/**
	 * Fresh consignments every group member can take (GB, 1.5 kg), and the simulator set up as
	 * asked, through its control endpoint (which also starts the gateway's windows afresh).
	 */
	async function freshSimulator(count, gateway) {
		simulator.model.reset(0);
		simulator.model.addConsignments(count, { country: 'GB', weightKg: 1.5 });
		simulator.counts.rateLimited = 0;
		simulator.counts.random429 = 0;
		const answer = await fetch(`${simulatorUrl}/__sim/config`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				latencyMs: gateway.latencyMs ?? 0,
				rateLimit: gateway.rateLimit ?? 0,
				perConsignmentMs: gateway.perConsignmentMs ?? 0,
				rateWindow: gateway.rateWindow ?? 'fixed',
				random429: gateway.random429 ?? 0,
				random429Timing: gateway.random429Timing ?? 'instant',
			}),
		});
		if (!answer.ok) throw new Error(`simulator config: HTTP ${answer.status}`);
	}

	/** One run of a workflow scenario: the node's time, what it allocated, error items, peak memory. */
	async function measure(key, count, gateway, options = {}) {
		await freshSimulator(count, gateway);
		// Behind a rate limit, what the gateway answered second by second: the pace's profile.
		const answered = [];
		const started = Date.now();
		const requested = [];
		// Requests SortedPRO would count as work: every answer but the gateway's 429s.
		let requests = 0;
		const record = (request, response) => {
			requested.push(Date.now());
			response.once('finish', () => {
				answered.push({ at: Date.now() - started, refused: response.statusCode === 429 });
				if (response.statusCode !== 429) requests++;
			});
		};
		simulator.server.on('request', record);
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
		simulator.server.off('request', record);
		const names = scenarioNodes(key);
		const tasks = names.map((name) => run.data.resultData.runData[name]?.[0]);
		const task = tasks[0] && {
			startTime: tasks[0].startTime,
			executionTime: tasks.every(Boolean)
				? tasks.reduce((sum, each) => sum + each.executionTime, 0)
				: NaN,
		};
		const output = tasks.at(-1)?.data?.main?.[0] ?? [];
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
			refused: simulator.counts.rateLimited + simulator.counts.random429,
			requests,
			timeline: gateway.rateLimit ? perSecond(answered) : undefined,
			// n8n's time in the node before its first request and after its last answer.
			beforeMs: task && requested.length > 0 ? Math.min(...requested) - task.startTime : undefined,
			afterMs:
				task && answered.length > 0
					? task.startTime +
						task.executionTime -
						(started + Math.max(...answered.map((answer) => answer.at)))
					: undefined,
			// From the first request the gateway saw to the last answer it gave.
			wireMs:
				answered.length > 0
					? Math.max(...answered.map((answer) => answer.at)) -
						Math.min(...answered.map((answer) => answer.at))
					: undefined,
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
			await freshSimulator(count, gateway);
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
				'gateway5k',
				() => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', LONG_N, GATEWAY),
			],
			[
				'slowGateway',
				() => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', LONG_N, SLOW_GATEWAY),
			],
			[
				'noisyGateway',
				() => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', N, NOISY_GATEWAY),
			],
			[
				'slidingGateway',
				() => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', N, SLIDING_GATEWAY),
			],
			['httpLan', () => repeated('HTTP Request node, defaults', 'httpDefault', N, lan)],
			[
				'batch',
				() =>
					repeated('SortedPRO node, Send in Batches (100 per call)', 'sortedProBatch', N, batchLan),
			],
			[
				'getLabel',
				() =>
					repeated(
						'SortedPRO node, Get Label (PDF) on the allocation: one request per parcel',
						'sortedProGetLabel',
						N,
						GATEWAY,
					),
			],
			[
				'thenLabel',
				() =>
					repeated(
						'SortedPRO node, allocation, then Label > Get (PDF): two requests per parcel',
						'sortedProThenLabel',
						N,
						GATEWAY,
					),
			],
			['autoLan', () => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', N, lan)],
			['zero', () => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', N, {})],
			['httpZero', () => repeated('HTTP Request node, defaults', 'httpDefault', N, {})],
			['big', () => repeated('SortedPRO node, defaults (Auto)', 'sortedProDefault', BIG_N, {}, 1)],
			['httpBig', () => repeated('HTTP Request node, defaults', 'httpDefault', BIG_N, {}, 1)],
		];
		const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
		const results = {};
		for (const [key, scenario] of plan)
			if (!only || only.includes(key)) results[key] = await scenario();
		for (const result of Object.values(results))
			if (result.label.startsWith('SortedPRO') && result.gateway.rateLimit)
				result.model = await modelled(result);
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
		/** A run's time over what the limit allows for its items. */
		const overLimit = (result) => result.ms / ((result.count / result.gateway.rateLimit) * 1000);
		const measures = {
			floor_ratio: results.fixed.ms / results.floor.ms,
			gateway_allocated: results.gateway.allocated,
			gateway_ratio: overLimit(results.gateway),
			gateway_5k_ratio: overLimit(results.gateway5k),
			gateway_slow_ratio: overLimit(results.slowGateway),
			gateway_noisy_ratio: overLimit(results.noisyGateway),
			gateway_sliding_ratio: overLimit(results.slidingGateway),
			http_gateway_allocated: results.httpGateway.allocated,
			batch_vs_http: results.httpLan.ms / results.batch.ms,
			overhead_ratio: results.zero.ms / N / (results.httpZero.ms / N),
			peak_ratio: results.big.peakMb / results.httpBig.peakMb,
			peak_mb: results.big.peakMb,
			label_requests_ratio: results.getLabel.requests / results.thenLabel.requests,
			label_time_ratio: results.getLabel.ms / results.thenLabel.ms,
		};
		writeResults(results, measures, profile);
		const fixed = (value) => value.toFixed(2);
		console.log(
			[
				`floor_ratio=${fixed(measures.floor_ratio)}`,
				`gateway_allocated=${measures.gateway_allocated}/${N}`,
				`gateway_ratio=${fixed(measures.gateway_ratio)}`,
				`gateway_5k_ratio=${fixed(measures.gateway_5k_ratio)}`,
				`gateway_slow_ratio=${fixed(measures.gateway_slow_ratio)}`,
				`gateway_noisy_ratio=${fixed(measures.gateway_noisy_ratio)}`,
				`gateway_sliding_ratio=${fixed(measures.gateway_sliding_ratio)}`,
				`http_gateway_allocated=${measures.http_gateway_allocated}/${N}`,
				`batch_vs_http=${fixed(measures.batch_vs_http)}`,
				`overhead_ratio=${fixed(measures.overhead_ratio)}`,
				`peak_ratio=${fixed(measures.peak_ratio)}`,
				`peak_mb=${measures.peak_mb}`,
				`label_requests_ratio=${fixed(measures.label_requests_ratio)}`,
				`label_time_ratio=${fixed(measures.label_time_ratio)}`,
			].join(' '),
		);
	} finally {
		await simulator.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.rmSync(workflowDir, { recursive: true, force: true });
	}
}

/** Where in the gateway's window a modelled run starts: every tenth of a second. */
const MODEL_PHASES = 10;
/** n8n's CPU per request in the model: the request path runs one request at a time. */
const MODEL_SEND_COST_MS = 1;

/**
 * The same scenario in the pace model (simulator/paceModel.js): the built Pace against the
 * simulator's gateway rules in virtual time, from MODEL_PHASES starting points in a window.
 * Its times are on the wire only: n8n's reading of the items before the first request is not
 * in it. The ratios over what the limit allows, sorted.
 */
async function modelled(result) {
	const { Pace } = require(
		path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'transport', 'pace.js'),
	);
	const { gateway, count } = result;
	const ratios = [];
	for (let phase = 0; phase < MODEL_PHASES; phase++) {
		const run = await runPaceModel({
			items: count,
			latencyMs: gateway.latencyMs ?? 0,
			rateLimit: gateway.rateLimit,
			window: gateway.rateWindow ?? 'fixed',
			random429: gateway.random429 ?? 0,
			random429Timing: gateway.random429Timing ?? 'instant',
			sendCostMs: MODEL_SEND_COST_MS,
			seed: phase + 1,
			startAt: 1_000_000 + (phase * 1000) / MODEL_PHASES,
			makePace: (clock) => new Pace({ clock }),
		});
		ratios.push(run.ms / ((count / gateway.rateLimit) * 1000));
	}
	return ratios.sort((a, b) => a - b);
}

/**
 * What a run behind the gateway is made of, in numbers from this bench: n8n's time before the
 * first request, the time on the wire, and what the pace model gives for the wire.
 */
function gatewayAccount(result) {
	const allowedMs = (result.count / result.gateway.rateLimit) * 1000;
	const ratio = (value) => value.toFixed(2);
	const parts = [];
	if (result.beforeMs !== undefined)
		parts.push(
			`n8n spent ${(result.beforeMs / 1000).toFixed(2)} s in the node before its first request (reading the ${result.count} items' parameters), so even a pace that lost nothing on the wire would measure ${ratio((result.beforeMs + allowedMs) / allowedMs)}`,
		);
	if (result.wireMs !== undefined)
		parts.push(
			`on the wire the run took ${ratio(result.wireMs / allowedMs)} x what the limit allows`,
		);
	if (result.model) {
		const median = result.model[Math.floor(result.model.length / 2)];
		parts.push(
			`the pace model gives ${ratio(median)} on the wire (${ratio(result.model[0])} to ${ratio(result.model.at(-1))} by where in a window the run starts)${result.beforeMs !== undefined ? `, which with n8n's time before the first request comes to ${ratio(median + result.beforeMs / allowedMs)}` : ''}`,
		);
	}
	return parts.length > 0 ? `In this run: ${parts.join('; ')}.` : '';
}

/**
 * Accepted and refused answers in each second from the first request (the seconds before it,
 * n8n starting and reading the items, are left out): "95/3" is 95 accepted, 3 refused.
 */
function perSecond(answered) {
	if (answered.length === 0) return '';
	const first = Math.min(...answered.map((answer) => answer.at));
	const seconds = [];
	for (const answer of answered) {
		const second = Math.floor((answer.at - first) / 1000);
		seconds[second] ??= { accepted: 0, refused: 0 };
		seconds[second][answer.refused ? 'refused' : 'accepted'] += 1;
	}
	return Array.from(seconds, (second) =>
		second ? `${second.accepted}/${second.refused}` : '0/0',
	).join(' ');
}

function describeGateway(gateway) {
	const parts = [`${gateway.latencyMs ?? 0} ms`];
	if (gateway.perConsignmentMs)
		parts.push(`+ ${gateway.perConsignmentMs} ms per consignment in a list call`);
	parts.push(
		gateway.rateLimit
			? `${gateway.rateLimit}/s rate limit (${gateway.rateWindow ?? 'fixed'} windows)`
			: 'no rate limit',
	);
	if (gateway.random429) parts.push(`${gateway.random429 * 100}% random 429s`);
	return parts.join(', ');
}

/** Each measure: what it divides, as [label, numerator ms, denominator ms] (none for counts). */
function measureRows(results, measures) {
	const limitMs = (result) => (result.count / result.gateway.rateLimit) * 1000;
	const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
	const ratio = (name, label, numerator, denominator) => ({
		name,
		label,
		value: measures[name],
		times: `${seconds(numerator)} / ${seconds(denominator)}`,
	});
	const overLimit = (name, result, what) => ({
		...ratio(
			name,
			`${what}: time / what the limit allows (${result.count} / ${result.gateway.rateLimit} a second)`,
			result.ms,
			limitMs(result),
		),
		result,
	});
	return [
		ratio(
			'floor_ratio',
			`SortedPRO ${FIXED} in flight / plain client ${FIXED} in flight (${LAN_MS} ms)`,
			results.fixed.ms,
			results.floor.ms,
		),
		{
			name: 'gateway_allocated',
			label: `SortedPRO defaults at ${GATEWAY.rateLimit}/s, ${GATEWAY.latencyMs} ms, with no error item`,
			value: `${measures.gateway_allocated}/${N}`,
			times: '',
			met: measures.gateway_allocated === N && results.gateway.failed === 0,
			target: `${N}/${N}`,
		},
		overLimit(
			'gateway_ratio',
			results.gateway,
			`${N} at ${GATEWAY.rateLimit}/s, ${GATEWAY.latencyMs} ms`,
		),
		overLimit('gateway_5k_ratio', results.gateway5k, `${LONG_N}, same gateway`),
		overLimit(
			'gateway_slow_ratio',
			results.slowGateway,
			`${LONG_N} at ${SLOW_GATEWAY.latencyMs} ms`,
		),
		overLimit(
			'gateway_noisy_ratio',
			results.noisyGateway,
			`${N} with ${NOISY_GATEWAY.random429 * 100}% random 429s`,
		),
		overLimit('gateway_sliding_ratio', results.slidingGateway, `${N}, sliding windows`),
		{
			name: 'http_gateway_allocated',
			label: 'HTTP Request defaults, same gateway',
			value: `${measures.http_gateway_allocated}/${N}`,
			times: '',
			target: '(reported)',
		},
		ratio(
			'batch_vs_http',
			`HTTP Request defaults (${LAN_MS} ms) / SortedPRO Send in Batches (${LAN_MS} ms + ${PER_CONSIGNMENT_MS} ms per consignment)`,
			results.httpLan.ms,
			results.batch.ms,
		),
		ratio(
			'overhead_ratio',
			'SortedPRO / HTTP Request time per item, no latency',
			results.zero.ms,
			results.httpZero.ms,
		),
		{
			name: 'peak_ratio',
			label: `peak memory of n8n, ${BIG_N} items: SortedPRO defaults / HTTP Request defaults (VmHWM)`,
			value: measures.peak_ratio,
			times: `${results.big.peakMb} MB / ${results.httpBig.peakMb} MB`,
		},
		{
			name: 'label_requests_ratio',
			label: `allocate and label ${N} at ${GATEWAY.rateLimit}/s: requests with Get Label / requests allocating, then Label > Get (429s not counted)`,
			value: measures.label_requests_ratio,
			times: `${results.getLabel.requests} / ${results.thenLabel.requests} requests`,
		},
		ratio(
			'label_time_ratio',
			'same runs: time with Get Label / time allocating, then Label > Get (both nodes)',
			results.getLabel.ms,
			results.thenLabel.ms,
		),
	];
}

function writeResults(results, measures, profile) {
	const n8nVersion = JSON.parse(
		fs.readFileSync(path.join(APP_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8'),
	).version;
	const cpus = os.cpus();
	const row = (result) =>
		`| ${result.label} | ${describeGateway(result.gateway)} | ${result.count} | ${result.ms} | ${(result.ms / result.count).toFixed(2)} | ${result.allocated} | ${result.failed} | ${result.doubles ?? 0} | ${result.refused ?? ''} | ${result.runs.join(', ')} |`;
	const number = (value) =>
		typeof value === 'string' || Number.isInteger(value) ? String(value) : value.toFixed(2);
	const rows = measureRows(results, measures).map((measure) => {
		const target = TARGETS[measure.name];
		const met =
			measure.met ??
			(target
				? target.max !== undefined
					? measure.value <= target.max
					: measure.value >= target.min
				: undefined);
		const targetText =
			measure.target ??
			(target ? `${target.max !== undefined ? '<=' : '>='} ${target.max ?? target.min}` : '');
		return { ...measure, met, targetText };
	});
	const unmet = rows.filter((measure) => measure.met === false);
	const text = `# Benchmark results

Written by \`npm run bench\` on ${new Date().toISOString()}.

Machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}.
Node ${process.version}, n8n ${n8nVersion} (\`n8n execute\`). Each time is the node's own \`executionTime\` in
n8n's run data, the median of ${REPEATS} runs (the ${BIG_N}-item runs: one), against the SortedPRO simulator on
loopback; the plain client times itself in a process of its own. Every run allocates fresh Unallocated
consignments. The rate limit is the simulator's gateway: one-second windows per API key (fixed, not
aligned to the run's start, or sliding), 429 with Retry-After (whole seconds) beyond it, as Azure API
Management does; "429s" counts the refusals the simulator gave in the run reported.

| scenario | simulator | items | time (ms) | ms per item | allocated | error items | allocated twice | 429s | runs (ms) |
|---|---|---|---|---|---|---|---|---|---|
${Object.values(results).map(row).join('\n')}

| measure | value | the two measured | target | |
|---|---|---|---|---|
${rows.map((measure) => `| ${measure.name}: ${measure.label} | ${number(measure.value)} | ${measure.times} | ${measure.targetText} | ${measure.met === undefined ? '' : measure.met ? 'met' : '**not met**'} |`).join('\n')}

Notes:
- n8n's HTTP Request node (v4) starts every item's request at once unless its Batching option sets an
  interval: "defaults" is unbounded concurrency. Its Retry On Fail runs the whole node again, every item,
  when the first output item is an error.
- How Auto paces, and why a run behind the limit cannot reach 1.00: docs/large-runs.md. In
  short: the first refusal of a run comes back with \`Retry-After: 1\` (whole seconds), which the whole
  run waits out; a request refused at random waits its own second, which adds up to a second at the end.
${unmet.length > 0 ? `\n## Targets not met\n\n${unmet.map((measure) => `### ${measure.name}\n\n${EXPLANATIONS[measure.name] ?? 'No explanation has been written for this measure yet.'}${measure.result ? `\n\n${gatewayAccount(measure.result)}` : ''}\n`).join('\n')}` : ''}
## How the runs behind the gateway went

What the gateway answered in each second of the median run, from its first request: accepted/refused;
and how long the gateway saw requests (first request to last answer) against the node's time: the rest
is n8n reading every item's parameters before the first request (which lets bad input stop a run
before anything is sent) and building the output.

${Object.values(results)
	.filter((result) => result.timeline)
	.map(
		(result) =>
			`- ${result.label}, ${describeGateway(result.gateway)}, ${result.count} items: on the wire ${(result.wireMs / 1000).toFixed(2)} s of the node's ${(result.ms / 1000).toFixed(2)} s${result.label.startsWith('SortedPRO') ? ` (${(result.wireMs / ((result.count / result.gateway.rateLimit) * 1000)).toFixed(2)} x what the limit allows)` : ''}${result.beforeMs !== undefined ? `, ${(result.beforeMs / 1000).toFixed(2)} s before its first request` : ''}; per second: ${result.timeline}`,
	)
	.join('\n')}
${profile ? `\n## Where the SortedPRO node's time goes\n\nCPU profile of the n8n process for one run of ${N} items at no latency, while the node ran (from\nits execute() to its last request; self time, so each line is where the CPU actually was):\n\n${profile}\n` : ''}`;
	fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), text);
}

main().catch((error) => {
	console.error(error instanceof Error ? error.stack : error);
	process.exit(1);
});
