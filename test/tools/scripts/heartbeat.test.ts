/** The first start's heartbeat: a line while a long command runs with no terminal, its exit status kept. */
import { runCommand } from '../../helpers/local';
import { withHeartbeat } from '../../../scripts/lib/heartbeat';

describe('withHeartbeat', () => {
	test('with no terminal: heartbeat lines between the output, and the exit status of the command', () => {
		const beating = withHeartbeat(
			'sh',
			['-c', 'echo start; sleep 2.5; echo end; exit 3'],
			'[n8n] Still installing n8n',
			{ everySeconds: 1, terminal: false },
		);
		const result = runCommand(beating.command, beating.args, beating.env);

		expect(result.status).toBe(3);
		const lines = result.stdout.trim().split('\n');
		expect(lines[0]).toBe('start');
		expect(lines[lines.length - 1]).toBe('end');
		expect(lines.slice(1, -1).length).toBeGreaterThan(0);
		for (const line of lines.slice(1, -1))
			expect(line).toMatch(/^\[n8n\] Still installing n8n \(\d+ s so far\)$/);
	});

	test('on a terminal the command runs as it is: npm shows its own progress there', () => {
		expect(withHeartbeat('npm', ['ci'], 'x', { terminal: true })).toEqual({
			command: 'npm',
			args: ['ci'],
			env: {},
		});
	});
});
