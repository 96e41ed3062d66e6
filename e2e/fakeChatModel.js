'use strict';
/**
 * A stand-in for a chat model, for the end-to-end run of the AI agent example: no model is
 * available offline, so this loopback server speaks OpenAI's Chat Completions API and plays
 * a fixed script. Asked "where is order X?", it calls the tool whose description says it finds
 * a consignment by your reference, then the tool whose description says it gets tracking
 * events, with the reference the first returned, and then answers from what the tools said.
 *
 * It picks the tools by the descriptions n8n sent it, so the run also proves those
 * descriptions reach the model. Every request is kept (`requests`) for the test to inspect.
 */
const http = require('node:http');

/** The string values of `key` anywhere in a tool's answer (n8n sends items as JSON text). */
function valuesOf(text, key) {
	return [...(text ?? '').matchAll(new RegExp(`"${key}"\\s*:\\s*"([^"]+)"`, 'g'))].map(
		(match) => match[1],
	);
}

function toolNamed(tools, pattern) {
	const found = (tools ?? []).find((tool) => pattern.test(tool.function?.description ?? ''));
	if (!found) {
		throw new Error(
			`no tool whose description matches ${pattern}: the agent sent ${JSON.stringify(tools)}`,
		);
	}
	return found.function;
}

/** A call of `tool` with `value` for its one parameter (the $fromAI key the workflow chose). */
function callOf(tool, value, index) {
	const [parameter] = Object.keys(tool.parameters?.properties ?? {});
	return {
		id: `call_e2e_${index}`,
		type: 'function',
		function: { name: tool.name, arguments: JSON.stringify({ [parameter]: value }) },
	};
}

/** The script: the next message for the conversation so far. */
function reply(body) {
	const messages = body.messages ?? [];
	const results = messages
		.filter((message) => message.role === 'tool')
		.map((m) => String(m.content));
	const question = [...messages].reverse().find((message) => message.role === 'user');
	const order = /ORDER-\d+/.exec(JSON.stringify(question?.content ?? ''))?.[0];
	if (results.length === 0) {
		const lookUp = toolNamed(body.tools, /your own reference/);
		return { tool_calls: [callOf(lookUp, order, 1)] };
	}
	const reference = valuesOf(results[0], 'ConsignmentReference')[0];
	if (results.length === 1) {
		if (!reference) return { content: `I could not find a consignment for order ${order}.` };
		const tracking = toolNamed(body.tools, /tracking events of a consignment/);
		return { tool_calls: [callOf(tracking, reference, 2)] };
	}
	// Simplified outputs (the tool's default): State, and tracking's LatestEventDescription.
	const state = valuesOf(results[0], 'State')[0];
	const latest =
		valuesOf(results[1], 'LatestEventDescription')[0] ?? valuesOf(results[1], 'Description').at(-1);
	return {
		content: `Order ${order} is consignment ${reference}, now ${state}. Latest tracking event: ${latest ?? 'none yet'}.`,
	};
}

function completion(message, model) {
	return {
		id: `chatcmpl-e2e-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: message.content ?? null,
					tool_calls: message.tool_calls,
				},
				logprobs: null,
				finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
			},
		],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same answer as server-sent events, for a client that asks for a stream. */
function streamed(response, message, model) {
	const chunk = (delta, finish) =>
		`data: ${JSON.stringify({
			id: 'chatcmpl-e2e',
			object: 'chat.completion.chunk',
			created: Math.floor(Date.now() / 1000),
			model,
			choices: [{ index: 0, delta, finish_reason: finish }],
		})}\n\n`;
	response.writeHead(200, { 'content-type': 'text/event-stream' });
	const tool_calls = message.tool_calls?.map((call, index) => ({ index, ...call }));
	response.write(chunk({ role: 'assistant', content: message.content ?? '', tool_calls }, null));
	response.write(chunk({}, tool_calls ? 'tool_calls' : 'stop'));
	response.end('data: [DONE]\n\n');
}

async function startFakeChatModel() {
	const requests = [];
	const server = http.createServer((request, response) => {
		let raw = '';
		request.on('data', (chunk) => (raw += chunk));
		request.on('end', () => {
			const send = (status, value) => {
				response.writeHead(status, { 'content-type': 'application/json' });
				response.end(JSON.stringify(value));
			};
			if (request.method === 'GET' && request.url?.endsWith('/models')) {
				return send(200, { object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model' }] });
			}
			if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
				return send(404, { error: { message: `no route ${request.method} ${request.url}` } });
			}
			try {
				const body = JSON.parse(raw);
				requests.push({ headers: request.headers, body });
				const message = reply(body);
				if (body.stream) return streamed(response, message, body.model);
				return send(200, completion(message, body.model));
			} catch (error) {
				return send(400, { error: { message: String(error.message ?? error) } });
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startFakeChatModel };
