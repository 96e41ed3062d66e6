/** Allocation > Allocate With Service Filters. */
import nock from 'nock';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { allocationSummary, sortedPro } from '../../helpers/sortedPro';

const PATH = '/allocation/allocateConsignmentsWithServiceFilters';
const continueOnFail = { onError: 'continueRegularOutput' as const };
const outbound = { ServiceDirection: 'Outbound', IsPickup: false, IsDropOff: false };

describe('Allocation > Allocate With Service Filters', () => {
	afterEach(() => nock.cleanAll());

	test('one list call per combination of filters; each summary its own item, in order', async () => {
		const api = sortedPro()
			.put(PATH, { ConsignmentReferences: ['EC-1', 'EC-3'], Filters: outbound })
			.reply(200, [allocationSummary('EC-3'), allocationSummary('EC-1')])
			.put(PATH, {
				ConsignmentReferences: ['EC-2'],
				Filters: { ...outbound, IsDropOff: true },
			})
			.reply(200, [allocationSummary('EC-2')]);

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceFilters', {
				isDropOff: '={{ $json.dropOff === true }}',
			}),
			[{ reference: 'EC-1' }, { reference: 'EC-2', dropOff: true }, { reference: 'EC-3' }],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => [item.json.ConsignmentReference, item.pairedItem])).toEqual([
			['EC-1', { item: 0 }],
			['EC-2', { item: 1 }],
			['EC-3', { item: 2 }],
		]);
	});

	test("SortedPRO's refusal of one consignment is its own error item, with the state rule", async () => {
		const api = sortedPro()
			.put(PATH, { ConsignmentReferences: ['EC-1', 'EC-2'], Filters: outbound })
			.reply(200, [
				allocationSummary('EC-1'),
				{
					StatusCode: 400,
					Description: 'Consignment EC-2 is in state Allocated and cannot be allocated',
					ApiLinks: [{ Rel: 'detail', Href: 'https://api.electioapp.com/consignments/EC-2' }],
				},
			]);

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceFilters', {}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1' });
		expect(output?.[1].json).toMatchObject({ consignmentReference: 'EC-2' });
		expect(output?.[1].json.error).toContain(
			'Could not allocate consignment EC-2 with outbound services',
		);
		expect(output?.[1].json.errorDescription).toContain('deallocate it first');
		expect(output?.[1].json.errorDescription).toContain(
			'Options > If Already Allocated to Return Current Allocation',
		);
	});

	test('a direction that is not Outbound or Inbound fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceFilters', {
				serviceDirection: '={{ "Sideways" }}',
			}),
			references('EC-1'),
		);
		expect(error?.message).toContain('"Service Direction" in item 0 is "Sideways"');
	});
});
