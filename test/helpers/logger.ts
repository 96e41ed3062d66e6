/** What a run logs and leaves behind, read the way an operator could see it. */
import { Logger as BackendLogger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { ErrorReporter } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';
import type { Logger } from 'n8n-workflow';

/** Everything logged while a workflow runs, to check that no secret is logged. */
export class RecordingLogger implements Logger {
	readonly lines: string[] = [];

	private record(level: string, message: string, meta?: object) {
		this.lines.push(`${level} ${message} ${meta ? safeJson(meta) : ''}`);
	}

	error = (message: string, meta?: object) => this.record('error', message, meta);
	warn = (message: string, meta?: object) => this.record('warn', message, meta);
	info = (message: string, meta?: object) => this.record('info', message, meta);
	debug = (message: string, meta?: object) => this.record('debug', message, meta);
	scoped = () => this;

	/**
	 * Logs through n8n's own channels for this run: LoggerProxy, a node's `this.logger`, and the ErrorReporter,
	 * which in n8n writes every node error and its causes to the server log (and Sentry).
	 * The reporter's copy is the whole error, every property, so a scan sees all of it.
	 */
	install(): this {
		LoggerProxy.init(this);
		// A node's `this.logger` is n8n's backend Logger from the container.
		Container.set(BackendLogger, this as unknown as BackendLogger);
		// `report` is private in the typings; replacing it is how a test captures reports.
		(Container.get(ErrorReporter) as unknown as { report: (error: unknown) => void }).report = (
			error: unknown,
		) => {
			this.lines.push(`reported ${visibleText(error)}`);
		};
		return this;
	}
}

function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (typeof inner === 'object' && inner !== null) {
			if (seen.has(inner)) return '[circular]';
			seen.add(inner);
		}
		if (inner instanceof Error) return { ...inner, message: inner.message, stack: inner.stack };
		return inner;
	});
}

/**
 * Everything a user or an operator could see of a run: the stored run data, and every
 * error with all its own properties (message, description, cause, context...), even
 * the non-enumerable ones that JSON.stringify would skip.
 */
export function visibleText(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (inner: unknown): unknown => {
		if (typeof inner !== 'object' || inner === null) return inner;
		if (seen.has(inner)) return '[circular]';
		seen.add(inner);
		if (Array.isArray(inner)) return inner.map(walk);
		// Errors: every own property, even non-enumerable ones. A getter that throws (a
		// socket inside a request error) is shown as such rather than ending the scan.
		const keys = inner instanceof Error ? Object.getOwnPropertyNames(inner) : Object.keys(inner);
		const out: Record<string, unknown> = {};
		for (const key of keys) {
			try {
				out[key] = walk((inner as Record<string, unknown>)[key]);
			} catch {
				out[key] = '[unreadable]';
			}
		}
		return out;
	};
	return JSON.stringify(walk(value));
}
