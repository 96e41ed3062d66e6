/** Allocation > Allocate All Unallocated. */
import nock from 'nock';

import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { allocationSummary, sortedPro } from '../../helpers/sortedPro';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const location = { __rl: true, mode: 'id', value: 'WAREHOUSE-1' };
const SHIP_BY = '2026-12-01T17:00:00.000Z';

describe('Allocation > Allocate All Unallocated', () => {
	afterEach(() => nock.cleanAll());

	test('each route with its body; one item per consignment, a refused one marked Allocated: false', async () => {
		const api = sortedPro()
			.put('/allocation/allocate/2026-12-01', {
				ShipByDate: SHIP_BY,
				ShippingLocationReference: 'WAREHOUSE-1',
			})
			.reply(200, [
				allocationSummary('EC-1'),
				{
					StatusCode: 400,
					Description: 'No carrier service is eligible for consignment EC-2',
					ApiLinks: [{ Rel: 'detail', Href: 'https://api.electioapp.com/consignments/EC-2' }],
				},
			])
			.put('/allocation/allocatewithcarrierservice/2026-12-01', {
				ShipByDate: SHIP_BY,
				ShippingLocationReference: 'WAREHOUSE-1',
				MpdCarrierServiceReference: 'CX_NDS',
			})
			.reply(200, []);

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'allocateAllUnallocated', {
				shipByDate: SHIP_BY,
				shippingLocationReference: location,
				allocateWith: '={{ $json.with }}',
				// Both shown to n8n's check of required fields while Allocate With is an expression.
				serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' },
				carrierService: { __rl: true, mode: 'id', value: 'CX_NDS' },
			}),
			[{ with: 'cheapest' }, { with: 'carrierService' }],
		);

		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [item.json.ConsignmentReference, item.json.Allocated, item.pairedItem]),
		).toEqual([
			['EC-1', true, { item: 0 }],
			['EC-2', false, { item: 0 }],
			[undefined, undefined, { item: 1 }],
		]);
		expect(output?.[1].json.Reason).toBe('No carrier service is eligible for consignment EC-2');
		expect(output?.[2].json).toMatchObject({ ConsignmentCount: 0, ShipByDate: SHIP_BY });
	});

	test('202 Accepted is a success, not sent again; a summary naming no consignment, or a refusal, fails the item', async () => {
		const api = sortedPro()
			.put('/allocation/allocatewithservicegroup/2026-12-01')
			.reply(202)
			.put('/allocation/allocatewithservicegroup/2026-12-01')
			.reply(200, [{ StatusCode: 200, Description: 'Allocated', ApiLinks: [] }])
			.put('/allocation/allocatewithservicegroup/2026-12-01')
			.reply(400, { Code: 'InvalidRequest', Message: 'Unknown service group NOPE' });

		const { output } = await runWorkflow(
			operationWorkflow(
				'allocation',
				'allocateAllUnallocated',
				{
					shipByDate: SHIP_BY,
					shippingLocationReference: location,
					serviceGroup: { __rl: true, mode: 'id', value: '={{ $json.group }}' },
				},
				continueOnFail,
			),
			[{ group: 'NEXTDAY' }, { group: 'NEXTDAY' }, { group: 'NOPE' }],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ Accepted: true, ShipByDate: SHIP_BY });
		expect(output?.[1].json.error).toContain('names no consignment');
		expect(output?.[2].json).toMatchObject({ httpStatus: 400 });
		expect(output?.[2].json.error).toContain('Unknown service group NOPE');
	});

	test('a ship-by date that is not a date fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateAllUnallocated', {
				shipByDate: '={{ "soon" }}',
				shippingLocationReference: location,
				serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' },
			}),
			[{}],
		);
		expect(error?.message).toContain('"Ship By Date" in item 0 is "soon", which is not a date');
	});
});
