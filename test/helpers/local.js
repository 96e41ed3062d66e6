'use strict';
/**
 * Test helpers that need Node's own modules: the repository's files and small HTTP servers
 * on 127.0.0.1. Plain JavaScript, like the simulator and the scripts, because n8n's lint
 * config holds every TypeScript file to the rules for shipped node code, which forbid
 * Node's modules; the tests import what they need from here.
 */
const childProcess = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

/** The repository root, where package.json and dist/ are. */
const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

/** A JSON file of the repository, by its path segments from the root. */
function readJson(...segments) {
	return JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, ...segments), 'utf8'));
}

/** The names of the files in a folder of the repository. */
function listFiles(...segments) {
	return fs.readdirSync(path.join(PACKAGE_DIR, ...segments));
}

/** A text file of the repository, by its path from the root ('/'-separated). */
function readText(file) {
	return fs.readFileSync(path.join(PACKAGE_DIR, file), 'utf8');
}

/** Whether a file or folder of the repository exists, by its path from the root. */
function exists(file) {
	return fs.existsSync(path.join(PACKAGE_DIR, file));
}

/** A file's size in bytes, by its path from the root. */
function fileSize(file) {
	return fs.statSync(path.join(PACKAGE_DIR, file)).size;
}

/**
 * Every file under a folder of the repository, as paths from the root ('/'-separated).
 *
 * @param {string} dir
 * @returns {string[]}
 */
function listFilesDeep(dir) {
	return fs.readdirSync(path.join(PACKAGE_DIR, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = path.posix.join(dir, entry.name);
		return entry.isDirectory() ? listFilesDeep(file) : [file];
	});
}

/**
 * Where a relative link in a file of the repository points, as a path from the root
 * ('/'-separated; it starts with '..' when the link leaves the repository).
 *
 * @param {string} fromFile
 * @param {string} target
 * @returns {string}
 */
function resolveLink(fromFile, target) {
	return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target));
}

/**
 * @typedef {{ method: string, url: string, headers: import('node:http').IncomingHttpHeaders }} ReceivedRequest
 * @typedef {{ url: string, received: ReceivedRequest[], abortedAnswers: number, close: () => Promise<void> }} Loopback
 */

/**
 * An HTTP server on 127.0.0.1 for what nock cannot play: a redirect target that records
 * what reaches it, a server that trickles its answer, a gateway that echoes. It records
 * every request and counts answers the client cut off before they were complete.
 *
 * @param {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => unknown} handle
 * @returns {Promise<Loopback>}
 */
async function startLoopback(handle) {
	const sockets = new Set();
	const server = http.createServer();
	/** @type {Loopback} */
	const loopback = {
		url: '',
		received: [],
		abortedAnswers: 0,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		},
	};
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('request', (request, response) => {
		loopback.received.push({
			method: request.method ?? '',
			url: request.url ?? '',
			headers: request.headers,
		});
		response.on('close', () => {
			if (!response.writableFinished) loopback.abortedAnswers++;
		});
		handle(request, response);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	loopback.url = `http://127.0.0.1:${server.address().port}`;
	return loopback;
}

/** Runs a command to its end with extra environment variables: its status and output as text. */
function runCommand(command, args, env = {}) {
	const result = childProcess.spawnSync(command, args, {
		env: { ...process.env, ...env },
		encoding: 'utf8',
	});
	return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

module.exports = {
	PACKAGE_DIR,
	runCommand,
	exists,
	fileSize,
	listFiles,
	listFilesDeep,
	readJson,
	readText,
	resolveLink,
	startLoopback,
};
