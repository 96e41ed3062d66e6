/** How every operation's items are run (nodes/SortedPro/helpers/items.ts): one outcome per item, in order. */
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { runItems, runPerItem } from '../../../../nodes/SortedPro/helpers/items';

const node: INode = {
	id: 'node-1',
	name: 'SortedPRO',
	type: 'n8n-nodes-sortedpro.sortedPro',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Just what runItems asks of n8n's execution context. */
function contextFor(onError: 'stopWorkflow' | 'continueRegularOutput'): IExecuteFunctions {
	return {
		getNode: () => ({ ...node, onError }),
		continueOnFail: () => onError !== 'stopWorkflow',
	} as unknown as IExecuteFunctions;
}

const items = (count: number) => Array.from({ length: count }, () => ({ json: {} }));
const read = (itemIndex: number) => ({ itemIndex, consignmentReference: `EC-${itemIndex}` });

describe('runItems', () => {
	test('a group whose send throws after reporting some items fails only the items it left', async () => {
		const output = await runItems(
			contextFor('continueRegularOutput'),
			items(3),
			{ concurrency: 1 },
			{
				read,
				group: (tasks) => [tasks],
				send: async ([first], report) => {
					report(first, { output: { ConsignmentReference: first.consignmentReference } });
					throw new Error('the answer could not be matched');
				},
			},
		);

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({ ConsignmentReference: 'EC-0' });
		expect(
			output.slice(1).map((item) => [item.json.error, item.json.ConsignmentReference]),
		).toEqual([
			['the answer could not be matched', 'EC-1'],
			['the answer could not be matched', 'EC-2'],
		]);
	});

	test('with On Error: Stop the first failure stops the run, naming its item', async () => {
		const sent: number[] = [];
		const run = runPerItem(
			contextFor('stopWorkflow'),
			items(3),
			{ concurrency: 1 },
			{
				read,
				send: async (task) => {
					sent.push(task.itemIndex);
					if (task.itemIndex === 1) throw new Error('refused');
					return { ConsignmentReference: task.consignmentReference };
				},
			},
		);

		const error = await run.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toBe('refused');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		// Nothing after the failed item was started.
		expect(sent).toEqual([0, 1]);
	});

	test('at most the settings’ concurrency in flight, outputs in input order whatever finishes first', async () => {
		let inFlight = 0;
		let most = 0;
		const output = await runPerItem(
			contextFor('continueRegularOutput'),
			items(6),
			{ concurrency: 2 },
			{
				read,
				send: async (task) => {
					inFlight += 1;
					most = Math.max(most, inFlight);
					// Later items finish first.
					await sleep((6 - task.itemIndex) * 5);
					inFlight -= 1;
					return { ConsignmentReference: task.consignmentReference };
				},
			},
		);

		expect(most).toBe(2);
		expect(output.map((item) => item.json.ConsignmentReference)).toEqual([
			'EC-0',
			'EC-1',
			'EC-2',
			'EC-3',
			'EC-4',
			'EC-5',
		]);
	});
});
