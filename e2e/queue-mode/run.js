#!/usr/bin/env node
'use strict';
/**
 * `npm run test:queue`: the SortedPRO node in n8n's queue mode, as teams run it when one
 * n8n process is not enough. PostgreSQL and Redis (from Debian's packages), an n8n main
 * instance and two workers (n8n 2.41.1 from n8n-app/, one encryption key, the package
 * installed as a community package in each one's user folder), and the SortedPRO simulator
 * with its gateway's rate limit on.
 *
 * 1. 20 requests at once, 100 consignments each, to a published workflow whose Webhook
 *    starts allocating and labelling them (labels kept in the database, the binary data
 *    mode queue mode supports). Every consignment must be allocated exactly once, every
 *    execution must succeed, both workers must have run executions, and the API key must
 *    be nowhere in PostgreSQL or in any log.
 * 2. A worker dies: more consignments are posted, one worker is killed with SIGKILL while
 *    its executions run, and what did not come back whole is posted again. The workflow
 *    allocates with "If Already Allocated: Return Current Allocation", so every re-run item
 *    must succeed and every consignment must end allocated exactly once.
 *
 * Prints, last: allocated=A/2000 doubles=D workers=W killed_worker_recovered=yes|no rate_limited=R seconds=S
 * and exits 1 if any check failed.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { createSimulator, DEFAULT_API_KEY } = require('../../simulator/server');
const { credential, CREDENTIAL_ID } = require('../../scripts/lib/instance');
const {
	ensureN8n,
	installPackage,
	log,
	n8nCommand,
	startN8nServer,
} = require('../../scripts/lib/n8n');
const { choosePorts } = require('../../scripts/lib/ports');
const { startPostgres, startRedis } = require('../../scripts/lib/services');

const REQUESTS = 20;
const PER_REQUEST = 100;
const TOTAL = REQUESTS * PER_REQUEST;
/** Phase 2: fewer, so that the killed worker has some of them in flight and the rest is quick. */
const KILL_REQUESTS = 10;
/** SortedPRO's gateway in the simulator: requests per second per API key, and answer time. */
const RATE_LIMIT = 100;
const LATENCY_MS = 25;
const WORKER_CONCURRENCY = 10;
const WORKFLOW_FILE = path.join(__dirname, 'webhook-allocate-and-label.json');
const WORKFLOW_ID = 'queueAllocation1';
const WEBHOOK_PATH = 'sortedpro-queue';
/** How long one posted request may take before it counts as lost (a killed worker's). */
const REQUEST_TIMEOUT_MS = 180_000;

/** What went wrong; the run goes on to report everything, then fails. */
const failures = [];
function check(condition, message) {
	if (!condition) failures.push(message);
	log(`${condition ? 'ok' : 'FAILED'}: ${message}`);
}

/** n8n's settings for one process of the queue-mode instance. */
function queueEnv(postgres, redis) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// Binary data (the labels) goes to the database: queue mode does not support the filesystem mode.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// A killed worker's jobs are noticed within seconds rather than a minute.
		QUEUE_WORKER_LOCK_DURATION: '10000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		N8N_LOG_LEVEL: 'info',
	};
}

/** Posts one request's consignments to the webhook; resolves with what came back, never throws. */
async function post(url, references) {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ consignments: references.map((reference) => ({ reference })) }),
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		const text = await response.text();
		let items;
		try {
			items = JSON.parse(text);
		} catch {
			items = undefined;
		}
		return { status: response.status, items: Array.isArray(items) ? items : undefined, text };
	} catch (error) {
		return { status: 0, text: error.message };
	}
}

/** Whether a request came back whole: a label for each of its consignments, none an error. */
function wholeAnswer(answer, references) {
	if (answer.status !== 200 || !answer.items) return false;
	const labelled = new Set(
		answer.items
			.filter((item) => !item.error && item.ContentType === 'application/pdf')
			.map((item) => item.ConsignmentReference),
	);
	return references.every((reference) => labelled.has(reference));
}

function split(references, size) {
	const parts = [];
	for (let index = 0; index < references.length; index += size)
		parts.push(references.slice(index, index + size));
	return parts;
}

async function main() {
	const started = Date.now();
	ensureN8n();
	const { ports } = await choosePorts([
		{ what: 'PostgreSQL', variable: 'QUEUE_POSTGRES_PORT', fallback: 5440 },
		{ what: 'Redis', variable: 'QUEUE_REDIS_PORT', fallback: 6390 },
		{ what: 'n8n main', variable: 'QUEUE_N8N_PORT', fallback: 5720 },
		{ what: "n8n main's task broker", variable: 'QUEUE_N8N_BROKER_PORT', fallback: 5721 },
		{ what: 'worker 1 health', variable: 'QUEUE_WORKER1_PORT', fallback: 5722 },
		{ what: "worker 1's task broker", variable: 'QUEUE_WORKER1_BROKER_PORT', fallback: 5723 },
		{ what: 'worker 2 health', variable: 'QUEUE_WORKER2_PORT', fallback: 5724 },
		{ what: "worker 2's task broker", variable: 'QUEUE_WORKER2_BROKER_PORT', fallback: 5725 },
	]);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-queue-'));
	const stops = [];
	const logs = { main: [], worker1: [], worker2: [] };
	let summary = { allocated: 0, doubles: -1, workers: 0, recovered: false, rateLimited: -1 };

	try {
		const simulator = createSimulator({
			apiKey: DEFAULT_API_KEY,
			consignments: 0,
			rateLimit: RATE_LIMIT,
			latencyMs: LATENCY_MS,
		});
		const simulatorUrl = await simulator.listen(0);
		stops.push(() => simulator.close());
		const postgres = await startPostgres(ports.QUEUE_POSTGRES_PORT, 'n8n');
		stops.push(() => postgres.stop());
		const redis = await startRedis(ports.QUEUE_REDIS_PORT);
		stops.push(() => redis.stop());
		const env = queueEnv(postgres, redis);

		// The package, installed as a community package for main and both workers.
		const folders = {
			main: path.join(root, 'main'),
			worker1: path.join(root, 'worker1'),
			worker2: path.join(root, 'worker2'),
		};
		log('Installing n8n-nodes-sortedpro as a community package for main and both workers...');
		const installed = installPackage(folders.main);
		for (const name of ['worker1', 'worker2']) {
			const target = path.join(
				folders[name],
				'.n8n',
				'nodes',
				'node_modules',
				path.basename(installed),
			);
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.cpSync(installed, target, { recursive: true });
		}

		// The credential and the workflow, into PostgreSQL; published, so main listens at once.
		const mainPort = ports.QUEUE_N8N_PORT;
		const cli = (args) =>
			n8nCommand(folders.main, mainPort, args, { env, brokerPort: ports.QUEUE_N8N_BROKER_PORT });
		const importFile = path.join(root, 'import.json');
		fs.writeFileSync(
			importFile,
			JSON.stringify([
				credential(CREDENTIAL_ID, 'SortedPRO simulator', DEFAULT_API_KEY, simulatorUrl),
			]),
		);
		await cli(['import:credentials', `--input=${importFile}`]);
		fs.writeFileSync(
			importFile,
			JSON.stringify([{ ...JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8')), id: WORKFLOW_ID }]),
		);
		await cli(['import:workflow', `--input=${importFile}`]);
		await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);

		log('Starting n8n main and two workers in queue mode...');
		const main = await startN8nServer(folders.main, mainPort, {
			env,
			brokerPort: ports.QUEUE_N8N_BROKER_PORT,
			onOutput: (text) => logs.main.push(text),
		});
		stops.push(() => main.stop());
		const workers = {};
		for (const [name, port, brokerPort] of [
			['worker1', ports.QUEUE_WORKER1_PORT, ports.QUEUE_WORKER1_BROKER_PORT],
			['worker2', ports.QUEUE_WORKER2_PORT, ports.QUEUE_WORKER2_BROKER_PORT],
		]) {
			workers[name] = await startN8nServer(folders[name], port, {
				args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
				brokerPort,
				env: {
					...env,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				},
				onOutput: (text) => logs[name].push(text),
			});
			stops.push(() => workers[name].stop());
		}
		const webhook = `http://127.0.0.1:${mainPort}/webhook/${WEBHOOK_PATH}`;
		/** Execution ids each worker started, from its log ("Worker started execution 12 (job 12)"). */
		const startedBy = (name) =>
			new Set(
				[...logs[name].join('').matchAll(/Worker started execution (\d+)/g)].map(
					(match) => match[1],
				),
			);

		// 1. Twenty requests at once, a hundred consignments each.
		const references = simulator.model.addConsignments(TOTAL, { country: 'GB', weightKg: 1.5 });
		const phase1Set = new Set(references);
		const batches = split(references, PER_REQUEST);
		log(
			`Posting ${REQUESTS} requests of ${PER_REQUEST} consignments at once (rate limit ${RATE_LIMIT}/s, ${LATENCY_MS} ms a request)...`,
		);
		const runStarted = Date.now();
		const answers = await Promise.all(batches.map((batch) => post(webhook, batch)));
		const runSeconds = (Date.now() - runStarted) / 1000;
		const whole = answers.filter((answer, index) => wholeAnswer(answer, batches[index])).length;
		check(
			whole === REQUESTS,
			`${whole}/${REQUESTS} requests came back with a PDF label for each of their consignments`,
		);
		for (const [index, answer] of answers.entries())
			if (!wholeAnswer(answer, batches[index]))
				log(`request ${index}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
		const phase1 = simulator.model
			.snapshot()
			.consignments.filter((consignment) => phase1Set.has(consignment.Reference));
		summary.allocated = phase1.filter(
			(consignment) => consignment.State === 'Allocated' && consignment.AllocationCount === 1,
		).length;
		check(
			summary.allocated === TOTAL,
			`${summary.allocated}/${TOTAL} consignments allocated exactly once`,
		);

		const executions = postgres.query(
			`SELECT id, status FROM execution_entity WHERE "workflowId" = '${WORKFLOW_ID}' ORDER BY id`,
		);
		const succeeded = executions.filter(([, status]) => status === 'success').length;
		check(
			executions.length === REQUESTS && succeeded === REQUESTS,
			`${succeeded}/${executions.length} executions succeeded (${REQUESTS} expected)`,
		);
		const ranOn = { worker1: startedBy('worker1'), worker2: startedBy('worker2') };
		summary.workers = Object.values(ranOn).filter((ids) => ids.size > 0).length;
		check(
			summary.workers === 2,
			`executions ran on both workers (worker 1: ${ranOn.worker1.size}, worker 2: ${ranOn.worker2.size})`,
		);
		const labels = Number(postgres.query('SELECT count(*) FROM binary_data')[0]?.[0] ?? 0);
		check(labels >= TOTAL, `${labels} label files kept in PostgreSQL (binary data mode: database)`);
		// Reported, not checked: how often the key's limit refused depends on the machine's speed.
		summary.rateLimited = simulator.counts.rateLimited;
		log(
			`${TOTAL} consignments allocated and labelled in ${runSeconds.toFixed(1)} s (${summary.rateLimited} answers were 429 from the gateway)`,
		);

		// 2. A worker dies mid-run.
		const more = simulator.model.addConsignments(KILL_REQUESTS * PER_REQUEST, {
			country: 'GB',
			weightKg: 1.5,
		});
		const moreSet = new Set(more);
		const moreBatches = split(more, PER_REQUEST);
		const before = { worker1: startedBy('worker1').size, worker2: startedBy('worker2').size };
		const runningOn = (name) => startedBy(name).size - before[name];
		log(`Posting ${KILL_REQUESTS} more requests; a worker is killed while its executions run...`);
		const pending = moreBatches.map((batch) => post(webhook, batch));
		const deadline = Date.now() + 60_000;
		const allocatedOf = (list) =>
			simulator.model
				.snapshot()
				.consignments.filter((c) => list.has(c.Reference) && c.State === 'Allocated').length;
		// Once some of the new consignments are allocated, the worker running more of the new
		// executions (worker 2 on a tie) is killed: queue mode shares jobs as workers ask for them.
		while (
			Date.now() < deadline &&
			(runningOn('worker1') + runningOn('worker2') === 0 || allocatedOf(moreSet) < PER_REQUEST)
		)
			await new Promise((resolve) => setTimeout(resolve, 100));
		const victim = runningOn('worker1') > runningOn('worker2') ? 'worker1' : 'worker2';
		const killedAt = allocatedOf(moreSet);
		workers[victim].child.kill('SIGKILL');
		log(
			`${victim} killed with SIGKILL after ${runningOn(victim)} of the new executions had started on it, ${killedAt}/${more.length} allocated`,
		);
		const killed = Date.now();
		const firstTry = await Promise.all(pending);
		const lost = moreBatches.filter((batch, index) => !wholeAnswer(firstTry[index], batch));
		const lostAnswers = [
			...new Set(
				firstTry
					.filter((answer, index) => !wholeAnswer(answer, moreBatches[index]))
					.map((answer) => `HTTP ${answer.status} ${answer.text.slice(0, 80)}`),
			),
		];
		log(
			`${lost.length} of ${KILL_REQUESTS} requests did not come back whole (${lostAnswers.join('; ')}), all answered ${((Date.now() - killed) / 1000).toFixed(1)} s after the kill; posting their consignments again...`,
		);
		const rerunStarted = Date.now();
		const retries = await Promise.all(lost.map((batch) => post(webhook, batch)));
		log(
			`re-run of ${lost.length * PER_REQUEST} consignments took ${((Date.now() - rerunStarted) / 1000).toFixed(1)} s`,
		);
		const rerunWhole = retries.filter((answer, index) => wholeAnswer(answer, lost[index])).length;
		const rerunItems = retries.reduce((count, answer) => count + (answer.items?.length ?? 0), 0);
		const phase2 = simulator.model
			.snapshot()
			.consignments.filter((consignment) => moreSet.has(consignment.Reference));
		const phase2Once = phase2.filter(
			(consignment) => consignment.State === 'Allocated' && consignment.AllocationCount === 1,
		).length;
		check(
			lost.length > 0,
			`the killed worker left ${lost.length} request(s) unfinished (a kill that hit nothing proves nothing)`,
		);
		check(
			rerunWhole === lost.length,
			`${rerunWhole}/${lost.length} re-posted requests came back whole, every re-run item a success (${rerunItems} items)`,
		);
		check(
			phase2Once === more.length,
			`${phase2Once}/${more.length} consignments of the killed run allocated exactly once`,
		);
		summary.recovered = lost.length > 0 && rerunWhole === lost.length && phase2Once === more.length;

		const all = simulator.model.snapshot().consignments;
		summary.doubles = all.filter((consignment) => consignment.AllocationCount > 1).length;
		check(summary.doubles === 0, `${summary.doubles} consignments allocated more than once`);

		// The key: nowhere in the database (executions included) or in any log.
		const dump = postgres.dump();
		const leaks = [DEFAULT_API_KEY, encodeURIComponent(DEFAULT_API_KEY)].filter((key) =>
			dump.includes(key),
		);
		check(
			dump.length > 0 && leaks.length === 0,
			`the API key is not in PostgreSQL (${Math.round(dump.length / 1024)} KiB dumped)`,
		);
		const logText = Object.values(logs)
			.map((chunks) => chunks.join(''))
			.join('\n');
		check(
			!logText.includes(DEFAULT_API_KEY),
			`the API key is not in the logs of main or the workers (${Math.round(logText.length / 1024)} KiB)`,
		);
	} catch (error) {
		failures.push(error instanceof Error ? error.message : String(error));
		log(`FAILED: ${error instanceof Error ? error.stack : error}`);
		for (const [name, chunks] of Object.entries(logs))
			log(`${name}'s last output:\n${chunks.join('').split('\n').slice(-30).join('\n')}`);
	} finally {
		for (const stop of stops.reverse()) await stop().catch(() => undefined);
		fs.rmSync(root, { recursive: true, force: true });
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	if (failures.length > 0) log(`${failures.length} check(s) failed:\n- ${failures.join('\n- ')}`);
	console.log(
		`allocated=${summary.allocated}/${TOTAL} doubles=${summary.doubles} workers=${summary.workers} killed_worker_recovered=${summary.recovered ? 'yes' : 'no'} rate_limited=${summary.rateLimited} seconds=${seconds}`,
	);
	process.exitCode = failures.length > 0 ? 1 : 0;
}

main();
