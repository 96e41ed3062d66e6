/** Consignment > Get Late. */
import nock from 'nock';

import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { lateAnswer, summary } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const page = (from: number, count: number) =>
	Array.from({ length: count }, (_value, index) => summary(`EC-${from + index}`, 'InTransit'));
const late = (startPage: number, answer: unknown, status = 200) =>
	sortedPro()
		.get('/consignments/late')
		.query({ pageSize: '100', startPage: String(startPage) })
		.reply(status, answer as nock.Body);

describe('Consignment > Get Late', () => {
	afterEach(() => nock.cleanAll());

	test('pages counted from 0: pages 0, 1, 2 up to the total, all paired to the item', async () => {
		late(0, lateAnswer(230, ...page(0, 100)));
		late(1, lateAnswer(230, ...page(100, 100)));
		late(2, lateAnswer(230, ...page(200, 30)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getLate', { returnAll: true }),
			[{}],
		);

		expect(nock.pendingMocks()).toEqual([]);
		expect(output).toHaveLength(230);
		expect(output?.[229].json).toMatchObject({ ConsignmentReference: 'EC-229' });
		expect(new Set(output?.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set(['{"item":0}']),
		);
	});

	test('pages counted from 1: page 1 repeating page 0 is told apart, page 2 comes next', async () => {
		late(0, lateAnswer(150, ...page(0, 100)));
		late(1, lateAnswer(150, ...page(0, 100)));
		late(2, lateAnswer(150, ...page(100, 50)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getLate', { returnAll: true }),
			[{}],
		);

		expect(nock.pendingMocks()).toEqual([]);
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(
			page(0, 150).map((entry) => entry.Reference),
		);
	});

	test('counted from 1 with page 0 refused: page 1 is the first; a Limit stops early', async () => {
		late(0, { Code: 'InvalidRequest', Message: 'startPage must be at least 1' }, 400);
		late(1, lateAnswer(500, ...page(0, 100)));
		late(2, lateAnswer(500, ...page(100, 100)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getLate', { limit: 120 }),
			[{}],
		);

		expect(nock.pendingMocks()).toEqual([]);
		expect(output).toHaveLength(120);
	});

	test('fewer than the total, a repeated later page or another shape is an error, never a partial list', async () => {
		late(0, lateAnswer(300, ...page(0, 100)));
		late(1, lateAnswer(300, ...page(100, 100)));
		late(2, lateAnswer(300, ...page(100, 100)));

		const first = await runWorkflow(
			operationWorkflow('consignment', 'getLate', { returnAll: true }, continueOnFail),
			[{}],
		);
		expect(first.output).toHaveLength(1);
		expect(first.output?.[0].json.error).toContain('SortedPRO gave page 2 again');

		late(0, lateAnswer(5, ...page(0, 3)));
		const second = await runWorkflow(
			operationWorkflow('consignment', 'getLate', { returnAll: true }, continueOnFail),
			[{}],
		);
		expect(second.output?.[0].json.error).toContain(
			'SortedPRO counts 5 late consignments, but its pages gave 3',
		);

		late(0, [summary('EC-1')]);
		const third = await runWorkflow(
			operationWorkflow('consignment', 'getLate', {}, continueOnFail),
			[{}],
		);
		expect(third.output?.[0].json.error).toContain('not a late consignments answer');
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('a paging term among Other Query Parameters fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'getLate', {
				filters: { query: { parameter: [{ name: 'startPage', value: '3' }] } },
			}),
			[{}],
		);
		expect(error?.message).toContain('sets startPage, which the node sets itself');
	});
});
