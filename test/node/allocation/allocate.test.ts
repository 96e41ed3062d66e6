import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { allocationSummary, sortedPro } from '../../helpers/sortedPro';

describe('Allocate To Cheapest Service', () => {
	test('PUTs allocatewithcheapestquote per item and outputs the Allocation Summary', async () => {
		const api = sortedPro()
			.put('/allocation/EC-1/allocatewithcheapestquote')
			.reply(200, allocationSummary('EC-1'))
			.put('/allocation/EC%202/allocatewithcheapestquote')
			.reply(200, [allocationSummary('EC 2')]);

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocate'),
			references('EC-1', 'EC 2'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [
				item.json.ConsignmentReference,
				item.json.CarrierName,
				item.pairedItem,
			]),
		).toEqual([
			['EC-1', 'Carrier X', { item: 0 }],
			['EC 2', 'Carrier X', { item: 1 }],
		]);
	});

	test('a refused allocation names the consignment and the state rule', async () => {
		sortedPro()
			.put('/allocation/EC-1/allocatewithcheapestquote')
			.reply(400, { Message: 'Consignment is in state Manifested' });

		const { error } = await runWorkflow(
			operationWorkflow('allocation', 'allocate'),
			references('EC-1'),
		);

		expect(error?.message).toBe(
			'Could not allocate consignment EC-1 to the cheapest service: Consignment is in state Manifested (HTTP 400)',
		);
		expect(error?.description).toContain(
			'Only consignments in state Unallocated or Allocation Failed can be allocated',
		);
	});
});
