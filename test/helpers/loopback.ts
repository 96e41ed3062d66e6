/**
 * Small HTTP servers on 127.0.0.1 for what nock cannot play: a redirect target that
 * records what reaches it, a server that trickles its answer, an echoing gateway.
 * Each test file that uses them opens loopback in nock's closed network.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

export interface Loopback {
	url: string;
	received: ReceivedRequest[];
	/** Connections the client closed before the answer was complete. */
	abortedAnswers: number;
	close(): Promise<void>;
}

export async function startLoopback(
	handle: (request: IncomingMessage, response: ServerResponse, loopback: Loopback) => void,
): Promise<Loopback> {
	const sockets = new Set<import('node:net').Socket>();
	const server: Server = createServer();
	const loopback: Loopback = {
		url: '',
		received: [],
		abortedAnswers: 0,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('request', (request: IncomingMessage, response: ServerResponse) => {
		loopback.received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
		response.on('close', () => {
			if (!response.writableFinished) loopback.abortedAnswers++;
		});
		handle(request, response, loopback);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	loopback.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return loopback;
}
