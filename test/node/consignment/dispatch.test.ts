/** Consignment > Dispatch. */
import nock from 'nock';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { consignment, dispatchResponse } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Consignment > Dispatch', () => {
	afterEach(() => nock.cleanAll());

	test('in list calls; Failed and NotFound entries are their own error items, paired and in order', async () => {
		const api = sortedPro()
			.put('/consignments/Dispatch', { ConsignmentReferences: ['EC-1', 'EC-2', 'EC-3'] })
			.reply(200, [
				dispatchResponse('EC-3', 'NotFound', 'Consignment EC-3 was not found'),
				dispatchResponse('EC-1'),
				dispatchResponse(
					'EC-2',
					'Failed',
					'Consignment EC-2 is in state Allocated and cannot be dispatched',
				),
			]);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'dispatch', {}, continueOnFail),
			references('EC-1', 'EC-2', 'EC-3'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', Status: 'Success' });
		expect(output?.[1].json).toMatchObject({
			consignmentReference: 'EC-2',
			error:
				'Could not mark consignment EC-2 as dispatched: Consignment EC-2 is in state Allocated and cannot be dispatched',
		});
		expect(output?.[1].json.errorDescription).toContain(
			'Only manifested consignments can be marked as dispatched',
		);
		expect(output?.[2].json).toMatchObject({ consignmentReference: 'EC-3' });
		expect(output?.[2].json.error).toContain('Consignment EC-3 was not found');
	});

	test('a Success entry with a failing HttpStatusCode is not a success', async () => {
		const api = sortedPro()
			.put('/consignments/Dispatch', { ConsignmentReferences: ['EC-1'] })
			.reply(200, [{ ...dispatchResponse('EC-1'), HttpStatusCode: 500, Message: 'Carrier down' }]);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'dispatch', {}, continueOnFail),
			references('EC-1'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.error).toContain('Carrier down');
	});

	test('202 Accepted: a success with the state read back, never sent again', async () => {
		const api = sortedPro()
			.put('/consignments/Dispatch', { ConsignmentReferences: ['EC-1'] })
			.reply(202)
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Dispatched'));

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'dispatch', {}),
			references('EC-1'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', Accepted: true });
	});
});
