/** `npm start`'s ports: a busy default is replaced and said so; a busy port you chose stops the start. */
import { startLoopback } from '../../helpers/local';
import { choosePorts } from '../../../scripts/lib/ports';

describe('choosePorts', () => {
	test('a free default port is used as it is', async () => {
		const busy = await startLoopback(() => undefined);
		const port = Number(new URL(busy.url).port);
		await busy.close();

		const { ports, notes } = await choosePorts(
			[{ what: 'the simulator', variable: 'SIM_PORT', fallback: port }],
			{},
		);

		expect(ports).toEqual({ SIM_PORT: port });
		expect(notes).toEqual([]);
	});

	test('a busy default port is replaced by a free one, and the start says which', async () => {
		const busy = await startLoopback(() => undefined);
		const port = Number(new URL(busy.url).port);
		try {
			const { ports, notes } = await choosePorts(
				[{ what: "n8n's task broker", variable: 'BROKER_PORT', fallback: port }],
				{},
			);

			expect(ports.BROKER_PORT).not.toBe(port);
			expect(ports.BROKER_PORT).toBeGreaterThan(0);
			expect(notes).toEqual([
				`Port ${port} (n8n's task broker) is in use, so ${ports.BROKER_PORT} is used instead (set BROKER_PORT to choose).`,
			]);
		} finally {
			await busy.close();
		}
	});

	test('a busy port set by its variable stops the start with the port and the variable named', async () => {
		const busy = await startLoopback(() => undefined);
		const port = Number(new URL(busy.url).port);
		try {
			await expect(
				choosePorts([{ what: "n8n's editor", variable: 'N8N_PORT', fallback: 5678 }], {
					N8N_PORT: String(port),
				}),
			).rejects.toThrow(
				`Port ${port} (n8n's editor, set by N8N_PORT) is already in use. Stop what uses it, or set N8N_PORT to a free port`,
			);
		} finally {
			await busy.close();
		}
	});

	test('two ports never get the same number, and a port that is not a number is refused', async () => {
		const probe = await startLoopback(() => undefined);
		const port = Number(new URL(probe.url).port);
		await probe.close();

		const { ports } = await choosePorts(
			[
				{ what: 'one', variable: 'A', fallback: port },
				{ what: 'two', variable: 'B', fallback: port },
			],
			{},
		);
		expect(ports.A).toBe(port);
		expect(ports.B).not.toBe(port);

		await expect(
			choosePorts([{ what: 'n8n', variable: 'N8N_PORT', fallback: 5678 }], { N8N_PORT: 'abc' }),
		).rejects.toThrow('N8N_PORT=abc is not a port number');
	});
});
