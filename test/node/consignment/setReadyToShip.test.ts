/** Consignment > Set Ready To Ship. */

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { listResult, sortedPro } from '../../helpers/sortedPro';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Consignment > Set Ready To Ship', () => {
	test('in list calls; a refused consignment is its own item', async () => {
		const api = sortedPro()
			.put('/consignments/setreadytoship', ['EC-1', 'EC-2'])
			.reply(200, [
				listResult('EC-1'),
				listResult('EC-2', false, 'Consignment EC-2 is in state Unallocated'),
			]);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'setReadyToShip', {}, continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', IsSuccess: true });
		expect(output?.[1].json).toMatchObject({
			ConsignmentReference: 'EC-2',
			consignmentReference: 'EC-2',
			error:
				'Could not set consignment EC-2 ready to ship: Consignment EC-2 is in state Unallocated',
		});
		expect(output?.[1].json.errorDescription).toContain(
			'Only allocated consignments can be set ready to ship',
		);
	});
});
