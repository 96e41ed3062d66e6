import nock from 'nock';

import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { summary } from '../../fixtures/documented';

describe('Consignment > Get Many', () => {
	const page = (from: number, count: number) =>
		Array.from({ length: count }, (_value, index) => summary(`EC-${from + index}`));
	/** A documented search answer: `Count` matches in all, these summaries on the page. */
	const searchPage = (count: number, summaries: ReturnType<typeof page>) => ({
		Count: count,
		ConsignmentSummaries: summaries,
	});

	test('pages with take/skip and the State filter up to the limit, all paired to the input item', async () => {
		const api = sortedPro()
			.get('/consignments/100/0')
			.query({ State: 'Allocated', ShippingLocationReference: 'EST-1' })
			.reply(200, searchPage(400, page(0, 100)))
			.get('/consignments/50/100')
			.query({ State: 'Allocated', ShippingLocationReference: 'EST-1' })
			.reply(200, searchPage(400, page(100, 50)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAll', {
				limit: 150,
				filters: {
					state: 'Allocated',
					query: { parameter: [{ name: 'ShippingLocationReference', value: 'EST-1' }] },
				},
			}),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(150);
		expect(output?.[149].json).toMatchObject({
			Reference: 'EC-149',
			ConsignmentReference: 'EC-149',
			State: 'Allocated',
		});
		expect(new Set(output?.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set(['{"item":0}']),
		);
	});

	test('Return All stops at the first short page', async () => {
		// Count claims more, but a short page is the end of the search.
		const api = sortedPro()
			.get('/consignments/100/0')
			.reply(200, searchPage(1000, page(0, 100)))
			.get('/consignments/100/100')
			.reply(200, searchPage(1000, page(100, 3)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAll', { returnAll: true }),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(103);
	});

	test('Return All stops when the pages read reach Count', async () => {
		const api = sortedPro()
			.get('/consignments/100/0')
			.reply(200, searchPage(200, page(0, 100)))
			.get('/consignments/100/100')
			.reply(200, searchPage(200, page(100, 100)))
			.get('/consignments/100/200')
			.reply(200, searchPage(200, page(200, 100)));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getAll', { returnAll: true }),
			[{}],
		);

		expect(output).toHaveLength(200);
		expect(api.pendingMocks()).toEqual(['GET https://api.electioapp.com:443/consignments/100/200']);
	});

	test('a bare list of summaries is tolerated; an answer that is not a search is an error, never "none"', async () => {
		sortedPro()
			.get('/consignments/50/0')
			.reply(200, page(0, 2))
			.get('/consignments/50/0')
			.reply(200, {})
			.get('/consignments/50/0')
			.reply(200, { Consignments: page(0, 2) });

		const bare = await runWorkflow(operationWorkflow('consignment', 'getAll'), [{}]);
		expect(bare.output?.map((item) => item.json.ConsignmentReference)).toEqual(['EC-0', 'EC-1']);

		// {} and { Consignments: [...] } (not the documented ConsignmentSummaries), in turn.
		for (const { output, error } of [
			await runWorkflow(operationWorkflow('consignment', 'getAll'), [{}]),
			await runWorkflow(operationWorkflow('consignment', 'getAll'), [{}]),
		]) {
			expect(output).toBeUndefined();
			expect(error?.message).toContain('not a consignment search answer');
		}
		expect(nock.pendingMocks()).toEqual([]);
	});
});
