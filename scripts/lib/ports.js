'use strict';
/**
 * Ports for `npm start`: n8n's editor, n8n's task broker (which n8n opens beside the
 * editor) and the SortedPRO simulator. A port set with its variable must be free, or
 * start stops and says so; a default port that is taken is replaced by a free one.
 */
const net = require('node:net');

/** Whether nothing listens on 127.0.0.1:port. */
function isFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** A port the system says is free right now. */
function anyFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * @param {{ what: string, variable: string, fallback: number }[]} wanted
 * @param {Record<string, string | undefined>} [env] where the variables are read (the process's environment)
 * @returns {Promise<{ ports: Record<string, number>, notes: string[] }>} ports by variable, and what was changed
 */
async function choosePorts(wanted, env = process.env) {
	const ports = {};
	const notes = [];
	const taken = new Set();
	for (const { what, variable, fallback } of wanted) {
		const explicit = env[variable];
		const port = Number(explicit ?? fallback);
		if (!Number.isInteger(port) || port < 1 || port > 65535) {
			throw new Error(
				`${variable}=${explicit} is not a port number. Set it to a number from 1 to 65535.`,
			);
		}
		if (!taken.has(port) && (await isFree(port))) {
			ports[variable] = port;
		} else if (explicit) {
			throw new Error(
				`Port ${port} (${what}, set by ${variable}) is already in use. Stop what uses it, or set ${variable} to a free port, e.g. ${variable}=${port + 100} npm start.`,
			);
		} else {
			let free = await anyFreePort();
			while (taken.has(free)) free = await anyFreePort();
			ports[variable] = free;
			notes.push(
				`Port ${port} (${what}) is in use, so ${free} is used instead (set ${variable} to choose).`,
			);
		}
		taken.add(ports[variable]);
	}
	return { ports, notes };
}

module.exports = { choosePorts, isFree };
