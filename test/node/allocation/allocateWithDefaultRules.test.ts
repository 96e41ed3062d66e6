import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { allocationSummary, sortedPro } from '../../helpers/sortedPro';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Allocate Using Default Rules (always a list call)', () => {
	test('matches Allocation Summaries to items by their consignment link, whatever their order', async () => {
		const api = sortedPro()
			.put('/allocation/allocate', { ConsignmentReferences: ['EC-1', 'EC-2'] })
			.reply(200, [allocationSummary('EC-2'), allocationSummary('EC-1')]);

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules'),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(['EC-1', 'EC-2']);
		expect(output?.[0].json.Description).toContain('Consignment EC-1 has been');
		expect(output?.[1].json.Description).toContain('Consignment EC-2 has been');
	});

	test('a consignment missing from the answer is reported, never dropped', async () => {
		sortedPro()
			.put('/allocation/allocate')
			.reply(200, [allocationSummary('EC-1')]);

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules', {}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
		expect(output?.[1].json.error).toBe(
			"Could not allocate consignment EC-2 using the default rules: SortedPRO's answer to the batch call had no result for this consignment, so it may or may not have been processed; check it in SortedPRO",
		);
	});

	test('when the whole call fails, every item in it fails with the reason', async () => {
		sortedPro()
			.put('/allocation/allocate')
			.reply(500, { Message: 'Internal error', CorrelationId: 'c-9' });

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules', {}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(
			output?.map((item) => [
				item.json.consignmentReference,
				item.json.httpStatus,
				item.json.error,
			]),
		).toEqual([
			[
				'EC-1',
				500,
				'Could not allocate 2 consignments (EC-1, EC-2) using the default rules: SortedPRO failed: Internal error (HTTP 500)',
			],
			[
				'EC-2',
				500,
				'Could not allocate 2 consignments (EC-1, EC-2) using the default rules: SortedPRO failed: Internal error (HTTP 500)',
			],
		]);
	});
});
