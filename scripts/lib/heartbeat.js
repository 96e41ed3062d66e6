'use strict';
/**
 * A line every so often while a long command runs with its output not on a terminal (CI, a
 * pipe, a log file): npm prints no progress there, so installing n8n and building sqlite3 would
 * otherwise be ten silent minutes. The command runs under /bin/sh with a loop beside it; the
 * loop's sleep does not hold the output open, so the command's end is the heartbeat's end.
 */
const HEARTBEAT = [
	'n=0',
	'( while :; do sleep "$HEARTBEAT_EVERY" </dev/null >/dev/null 2>&1; n=$((n + HEARTBEAT_EVERY)); echo "$HEARTBEAT_MESSAGE ($n s so far)"; done ) &',
	'beat=$!',
	'"$@"',
	'status=$?',
	'kill "$beat" 2>/dev/null',
	'exit "$status"',
].join('\n');

/**
 * The command and arguments to spawn instead of `command args`, and the environment they need:
 * unchanged on a terminal (npm shows its own progress there).
 */
function withHeartbeat(command, args, message, options = {}) {
	const everySeconds = options.everySeconds ?? 30;
	const terminal = options.terminal ?? Boolean(process.stdout.isTTY);
	if (terminal) return { command, args, env: {} };
	return {
		command: '/bin/sh',
		args: ['-c', HEARTBEAT, 'heartbeat', command, ...args],
		env: { HEARTBEAT_EVERY: String(everySeconds), HEARTBEAT_MESSAGE: message },
	};
}

module.exports = { withHeartbeat };
