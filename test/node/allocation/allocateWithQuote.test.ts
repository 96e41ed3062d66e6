import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { allocationSummary, sortedPro } from '../../helpers/sortedPro';

describe('Allocate With Quote', () => {
	test('PUTs allocatewithquote with the quote reference', async () => {
		const quote = '5f0c1e9a-3b7d-4c1e-9a0b-2c6f0a8d9e11';
		const api = sortedPro()
			.put(`/allocation/EC-1/allocatewithquote/${quote}`)
			.reply(200, allocationSummary('EC-1'));

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithQuote', {
				quoteReference: '={{ $json.quote }}',
			}),
			[{ reference: 'EC-1', quote }],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
	});

	test('a blank quote reference is refused before any request', async () => {
		// An empty literal is caught by n8n itself; an expression that comes out empty is ours to catch.
		const { error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithQuote', {
				quoteReference: '={{ $json.quote }}',
			}),
			[{ reference: 'EC-1', quote: ' ' }],
		);
		expect(error?.message).toBe('"Quote Reference" is empty in item 0');
	});
});
