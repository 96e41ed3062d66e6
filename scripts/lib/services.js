'use strict';
/**
 * PostgreSQL and Redis for `npm run test:queue`, from Debian's packages: installed with apt
 * when missing (as .ci/run does for Chromium), data in a temporary folder, listening on
 * loopback only, and gone again after stop().
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { log, run: runLoudly, stopProcess } = require('./n8n');

/** Runs a command to completion; its output is returned, or part of the error when it fails. */
const run = (command, args, options = {}) => runLoudly(command, args, { ...options, quiet: true });

function onPath(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Installs Debian packages, once per call, with the same quiet apt-get as .ci/run. */
function aptInstall(packages) {
	log(`Installing ${packages.join(', ')} from Debian's packages...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	run('apt-get', ['update', '-qq'], { env });
	run('apt-get', ['install', '-y', '-qq', ...packages], { env });
}

/** PostgreSQL's server programs (initdb, postgres, pg_dump), newest version first. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

/** Resolves once something accepts connections on 127.0.0.1:port. */
async function waitForPort(port, timeoutMs, exited) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited()) throw new Error(`the server on port ${port} exited while starting`);
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => resolve(socket.end() && true));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`nothing listened on port ${port} within ${timeoutMs / 1000} s`);
}

/** Spawns a server, keeping its output for the error message if it does not come up. */
function spawnServer(command, args, options = {}) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	const output = [];
	child.stdout.on('data', (chunk) => output.push(chunk.toString()));
	child.stderr.on('data', (chunk) => output.push(chunk.toString()));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		child,
		output,
		exited: () => child.exitCode !== null || child.signalCode !== null,
		stop: () => stopProcess(child, exited, 10_000),
	};
}

/**
 * A throw-away PostgreSQL server with an empty database `database`, trusting local
 * connections. PostgreSQL refuses to run as root, so as root the data folder belongs to
 * Debian's `postgres` user and the server runs as that user.
 */
async function startPostgres(port, database) {
	if (!postgresBinDir()) aptInstall(['postgresql']);
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL was installed, but no server is in /usr/lib/postgresql');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-postgres-'));
	const asRoot = process.getuid?.() === 0;
	const as = (command, args) =>
		asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
	if (asRoot) run('chown', ['postgres:', dir]);
	const data = path.join(dir, 'data');
	run(
		...as(path.join(bin, 'initdb'), [
			'-D',
			data,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync',
		]),
	);
	// Loopback only, sockets in the temporary folder, no durability needed for a test.
	const server = spawnServer(
		...as(path.join(bin, 'postgres'), [
			'-D',
			data,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-k',
			dir,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		]),
	);
	try {
		await waitForPort(port, 30_000, server.exited);
		// Accepting connections comes a moment after listening: createdb tries until then.
		let created = false;
		for (let attempt = 0; attempt < 50 && !created; attempt++) {
			const result = spawnSync(
				path.join(bin, 'createdb'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database],
				{ encoding: 'utf8' },
			);
			created = result.status === 0;
			if (!created) await new Promise((resolve) => setTimeout(resolve, 200));
		}
		if (!created) throw new Error(`createdb ${database} failed`);
	} catch (error) {
		await server.stop();
		throw new Error(
			`PostgreSQL did not start: ${error.message}\n${server.output.join('').slice(-2000)}`,
		);
	}
	log(`PostgreSQL (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, data in ${dir}`);
	return {
		port,
		database,
		/** The whole database as SQL text: what a leak check reads. */
		dump() {
			return run(
				path.join(bin, 'pg_dump'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '--data-only', database],
				{ maxBuffer: 1024 ** 3 },
			);
		},
		/** Rows of a query, each a list of column texts. */
		query(sql) {
			const out = run(path.join(bin, 'psql'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				database,
				'-At',
				'-F',
				'\t',
				'-c',
				sql,
			]);
			return out
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('\t'));
		},
		async stop() {
			await server.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A throw-away Redis server on loopback that keeps nothing on disk. */
async function startRedis(port) {
	if (!onPath('redis-server')) aptInstall(['redis-server']);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-redis-'));
	const server = spawnServer('redis-server', [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--save',
		'',
		'--appendonly',
		'no',
		'--dir',
		dir,
	]);
	try {
		await waitForPort(port, 30_000, server.exited);
	} catch (error) {
		await server.stop();
		throw new Error(
			`Redis did not start: ${error.message}\n${server.output.join('').slice(-2000)}`,
		);
	}
	log(`Redis on 127.0.0.1:${port}`);
	return {
		port,
		async stop() {
			await server.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, startRedis };
