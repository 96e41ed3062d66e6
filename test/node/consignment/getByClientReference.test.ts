/** Consignment > Get By Your Reference. */

import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { consignment, searchAnswer, summary } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Consignment > Get By Your Reference', () => {
	const byYourReference = (settings = {}) =>
		operationWorkflow(
			'consignment',
			'getByClientReference',
			{ clientReference: '={{ $json.order }}' },
			settings,
		);

	test('finds the consignment (reference encoded), named like every other output, paired to its item', async () => {
		// The search (a "#" not encoded would cut the query short), then the consignment it names.
		const found = consignment('EC-1', 'Unallocated', 'ORDER #1');
		const api = sortedPro()
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER #1' })
			.reply(200, searchAnswer(summary('EC-1', 'Unallocated', 'ORDER #1')))
			.get('/consignments/EC-1')
			.reply(200, found)
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-2' })
			.reply(200, searchAnswer());

		const { output } = await runWorkflow(byYourReference(continueOnFail), [
			{ order: 'ORDER #1' },
			{ order: 'ORDER-2' },
		]);

		expect(api.isDone()).toBe(true);
		expect(output?.[0]).toEqual({
			json: { ...found, ConsignmentReference: 'EC-1' },
			pairedItem: { item: 0 },
		});
		expect(output?.[1].json).toMatchObject({ ConsignmentReference: null });
		expect(output?.[1].json.error).toBe('SortedPRO has no consignment with your reference ORDER-2');
		expect(output?.[1].pairedItem).toEqual({ item: 1 });
	});

	test('an empty reference names the field and the item before anything is sent', async () => {
		const { error } = await runWorkflow(byYourReference(), [{ order: ' ' }]);

		expect(error?.message).toBe('"Your Reference" is empty in item 0');
	});
});
