import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { listResult, sortedPro } from '../../helpers/sortedPro';

const byCode = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Allocate With Service Group, Send in Batches', () => {
	test('uses the list endpoint per service group when the option is on', async () => {
		const api = sortedPro()
			.put('/allocation/allocatewithservicegroup', {
				ConsignmentReferences: ['EC-1', 'EC-3'],
				MpdCarrierServiceGroupReference: 'NEXTDAY',
			})
			.reply(200, [listResult('EC-1'), listResult('EC-3')])
			.put('/allocation/allocatewithservicegroup', {
				ConsignmentReferences: ['EC-2'],
				MpdCarrierServiceGroupReference: 'ECONOMY',
			})
			.reply(200, [listResult('EC-2')]);

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', {
				serviceGroup: byCode('={{ $json.group }}'),
				options: { sendInBatches: true },
			}),
			[
				{ reference: 'EC-1', group: 'NEXTDAY' },
				{ reference: 'EC-2', group: 'ECONOMY' },
				{ reference: 'EC-3', group: 'NEXTDAY' },
			],
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(['EC-1', 'EC-2', 'EC-3']);
	});
});
