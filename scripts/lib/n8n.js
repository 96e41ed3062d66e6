'use strict';
/**
 * The real n8n for `npm start`, the end-to-end tests and the benchmark: installs it on
 * first use into n8n-app/ (its own package.json and lockfile, not a dependency of the
 * package), installs this package into an n8n user folder the way n8n installs community
 * packages, and runs n8n commands and the n8n server with calls home switched off.
 *
 * Runs under the Node 24 that `npm run` puts first on PATH (the `node` dev dependency).
 */
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { withHeartbeat } = require('./heartbeat');

const ROOT = path.resolve(__dirname, '..', '..');
const APP_DIR = path.join(ROOT, 'n8n-app');
const N8N_BIN = path.join(APP_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const STAMP = path.join(APP_DIR, 'node_modules', '.sortedpro-ready');
const PACKAGE_NAME = 'n8n-nodes-sortedpro';

function log(message) {
	console.log(`[n8n] ${message}`);
}

/** Runs a command to completion, failing loudly with its output. */
function run(command, args, options = {}) {
	const result = spawnSync(command, args, {
		stdio: options.quiet ? 'pipe' : 'inherit',
		encoding: 'utf8',
		...options,
	});
	if (result.status !== 0) {
		const output = options.quiet ? `\n${result.stdout ?? ''}${result.stderr ?? ''}` : '';
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})${output}`);
	}
	return result.stdout ?? '';
}

/**
 * npm itself, run by the current Node (npm sets npm_execpath for scripts). With `heartbeat`,
 * a line says so every 30 s when the output is not a terminal (scripts/lib/heartbeat.js).
 */
function npm(args, options = {}) {
	const npmCli = process.env.npm_execpath;
	const [command, commandArgs] = npmCli ? [process.execPath, [npmCli, ...args]] : ['npm', args];
	if (!options.heartbeat) return run(command, commandArgs, options);
	const { heartbeat, ...rest } = options;
	const beating = withHeartbeat(command, commandArgs, `[n8n] ${heartbeat}`);
	return run(beating.command, beating.args, {
		...rest,
		env: { ...(rest.env ?? process.env), ...beating.env },
	});
}

/** The headers of the running Node version, shipped by the `node` dev dependency's platform package. */
function nodeHeadersDir() {
	const candidates = [
		path.join(ROOT, 'node_modules', 'node', 'node_modules'),
		path.join(ROOT, 'node_modules'),
	];
	for (const dir of candidates) {
		if (!fs.existsSync(dir)) continue;
		for (const entry of fs.readdirSync(dir)) {
			const include = path.join(dir, entry, 'include', 'node', 'node_version.h');
			if (/^node-(linux|darwin)-/.test(entry) && fs.existsSync(include))
				return path.join(dir, entry);
		}
	}
	return undefined;
}

/**
 * Installs n8n into n8n-app/ unless the installed copy matches the lockfile and this
 * Node version. Install scripts are skipped (an optional native Kafka build fails here);
 * sqlite3, the one native module n8n needs, is then built for this Node.
 */
function ensureN8n() {
	const lock = fs.readFileSync(path.join(APP_DIR, 'package-lock.json'));
	const stamp = createHash('sha256').update(lock).update(process.version).digest('hex');
	if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === stamp && fs.existsSync(N8N_BIN))
		return;

	log(
		'Installing n8n into n8n-app/: first run only, about 4 minutes on 2 cores (npm shows its progress)...',
	);
	const started = Date.now();
	npm(
		['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--progress=true'],
		{ cwd: APP_DIR, heartbeat: 'Still installing n8n' },
	);
	log(`n8n installed in ${Math.round((Date.now() - started) / 1000)} s.`);
	log(`Building sqlite3 for Node ${process.version}...`);
	const headers = nodeHeadersDir();
	npm(['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'], {
		cwd: APP_DIR,
		heartbeat: 'Still building sqlite3',
		env: {
			...process.env,
			PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
			...(headers ? { npm_config_nodedir: headers } : {}),
		},
	});
	fs.writeFileSync(STAMP, stamp);
}

/** Builds and packs this package, and unpacks it where n8n looks for community packages. */
function installPackage(userFolder) {
	npm(['run', 'build', '--silent'], { cwd: ROOT, quiet: true });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-pack-'));
	try {
		const [packed] = JSON.parse(
			npm(['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
				cwd: ROOT,
				quiet: true,
			}),
		);
		run('tar', ['-xzf', path.join(packDir, packed.filename), '-C', packDir]);
		const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(path.join(packDir, 'package'), target, { recursive: true });
		return target;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * n8n's settings for a local, offline instance with SQLite in `userFolder`. n8n opens a
 * second port for its task broker: by default the port after n8n's own (5678 and 5679,
 * as n8n does), so that two instances with different ports never collide.
 */
function n8nEnv(userFolder, port, brokerPort = port + 1) {
	const env = { ...process.env };
	// Settings of the calling npm (nodedir and the like) and of a test runner (NODE_ENV=test
	// silences n8n's output and changes its behaviour) are not n8n's business.
	for (const key of Object.keys(env))
		if (key.startsWith('npm_') || key.startsWith('JEST_')) delete env[key];
	delete env.NODE_ENV;
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: 'sortedpro-local-dev-only-encryption-key',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// No calls home: this machine has no internet, and a dev instance should not report.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		GENERIC_TIMEZONE: 'UTC',
	};
}

/**
 * Runs an n8n CLI command (import, execute...) to completion. Asynchronous, so that a
 * simulator in this same process keeps answering while n8n runs.
 */
function n8nCommand(userFolder, port, args, options = {}) {
	return new Promise((resolve, reject) => {
		const env = { ...n8nEnv(userFolder, port, options.brokerPort), ...(options.env ?? {}) };
		// A CPU profile of the command (the benchmark's), or of every command with
		// N8N_CPU_PROF=<dir>, for working on performance.
		const profileDir = options.cpuProfDir ?? process.env.N8N_CPU_PROF;
		const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
		// Output goes to a file, not a pipe: n8n exits right after printing, and writes to a pipe
		// still pending then are lost (the run data of 10,000 items is tens of megabytes), while
		// writes to a file are done when they return.
		const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-n8n-output-'));
		const stdoutFile = path.join(outputDir, 'stdout');
		const stdoutFd = fs.openSync(stdoutFile, 'w');
		const child = spawn(process.execPath, [...profile, N8N_BIN, ...args], {
			env,
			stdio: ['ignore', stdoutFd, 'pipe'],
		});
		fs.closeSync(stdoutFd);
		options.onSpawn?.(child);
		const stderr = [];
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60_000);
		child.once('error', reject);
		// 'close', not 'exit': the process may exit before its output is all read (the run data of
		// 10,000 items is tens of megabytes).
		child.once('close', (status) => {
			clearTimeout(timer);
			const stdout = fs.readFileSync(stdoutFile, 'utf8');
			fs.rmSync(outputDir, { recursive: true, force: true });
			const result = {
				stdout,
				stderr: Buffer.concat(stderr).toString('utf8'),
				status,
			};
			if (status !== 0 && !options.allowFailure) {
				reject(
					new Error(
						`n8n ${args.join(' ')} failed (exit ${status}):\n${result.stdout}\n${result.stderr}`,
					),
				);
			} else {
				resolve(result);
			}
		});
	});
}

async function waitFor(url, timeoutMs, isReady = (response) => response.ok) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url);
			if (await isReady(response)) return;
		} catch (error) {
			lastError = error;
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(
		`${url} did not come up within ${timeoutMs / 1000}s${lastError ? `: ${lastError.message}` : ''}`,
	);
}

/** The last `count` lines of what a process printed. */
function lastLines(chunks, count = 40) {
	return chunks.join('').split('\n').slice(-count).join('\n');
}

/**
 * Starts the n8n server (or, with args ['worker'], a queue-mode worker whose health
 * server is on `port`); resolves once it is ready, with a stop() to end it. It logs at
 * level info (a port in use or a broken install is only explained there); the output is
 * kept, not shown, and its last lines are part of the error when n8n does not come up.
 * `env` adds to or overrides n8n's settings (a PostgreSQL database, queue mode).
 */
async function startN8nServer(
	userFolder,
	port,
	{ onOutput, brokerPort, env: extraEnv = {}, args = ['start'] } = {},
) {
	const env = {
		...n8nEnv(userFolder, port, brokerPort),
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
		...extraEnv,
	};
	const child = spawn(process.execPath, [N8N_BIN, ...args], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output = [];
	const collect = (chunk) => {
		output.push(chunk.toString());
		if (output.length > 400) output.shift();
		onOutput?.(chunk.toString());
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	try {
		await Promise.race([
			waitFor(`http://127.0.0.1:${port}/healthz/readiness`, 180_000),
			exited.then((code) => {
				throw new Error(`n8n exited with code ${code}`);
			}),
		]);
	} catch (error) {
		child.kill('SIGTERM');
		throw new Error(`${error.message}. n8n's last output:\n${lastLines(output)}`);
	}
	return { child, output, stop: () => stopProcess(child, exited, 15_000) };
}

/**
 * Ends a server process: SIGTERM, then SIGKILL if it has not exited after `graceMs`.
 * `exited` is a promise of its exit, made when it was spawned (an exit can come first).
 */
async function stopProcess(child, exited, graceMs) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

/** The editor's owner account; created on a new instance so the editor can be used at once. */
const OWNER = {
	email: 'owner@sortedpro.local',
	password: 'SortedPro-local-1',
	firstName: 'Local',
	lastName: 'Owner',
};

async function ensureOwner(port) {
	const response = await fetch(`http://127.0.0.1:${port}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	// 400 means the owner exists already (a reused user folder).
	if (!response.ok && response.status !== 400)
		throw new Error(`Owner setup failed: HTTP ${response.status} ${await response.text()}`);
}

/**
 * Executes an imported workflow with `n8n execute` and returns its run data (IRun).
 * A failed run is returned too (with data.resultData.error), not thrown.
 */
async function executeWorkflow(userFolder, port, workflowId, options = {}) {
	// `execute` prints the run as JSON at log level info; its other lines are not JSON.
	const result = await n8nCommand(
		userFolder,
		port,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		{
			allowFailure: true,
			env: { N8N_LOG_LEVEL: 'info' },
			onSpawn: options.onSpawn,
			cpuProfDir: options.cpuProfDir,
		},
	);
	const text = `${result.stdout}\n${result.stderr}`;
	// Printed with two-space indentation: the run is the block from a line "{" to a line "}".
	const start = text.search(/^\{$/m);
	if (start === -1)
		throw new Error(
			`n8n execute printed no run data (exit ${result.status}):\n${text.slice(-3000)}`,
		);
	const end = text.slice(start).search(/^\}$/m);
	if (end !== -1) {
		return {
			run: JSON.parse(text.slice(start, start + end + 1)),
			status: result.status,
			output: text,
		};
	}
	throw new Error(`n8n execute printed incomplete run data:\n${text.slice(-3000)}`);
}

module.exports = {
	executeWorkflow,
	run,
	stopProcess,
	lastLines,
	ROOT,
	APP_DIR,
	OWNER,
	ensureN8n,
	installPackage,
	n8nEnv,
	n8nCommand,
	startN8nServer,
	ensureOwner,
	waitFor,
	log,
};
