import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { listResult, sortedPro } from '../../helpers/sortedPro';

describe('Consignment > Cancel', () => {
	test('one call per item, or cancellist in batches', async () => {
		const api = sortedPro()
			.put('/consignments/EC-1/cancel')
			.reply(200, '')
			.put('/consignments/cancellist', ['EC-2', 'EC-3'])
			.reply(200, [listResult('EC-2'), listResult('EC-3')]);

		const single = await runWorkflow(
			operationWorkflow('consignment', 'cancel'),
			references('EC-1'),
		);
		const batched = await runWorkflow(
			operationWorkflow('consignment', 'cancel', { options: { sendInBatches: true } }),
			references('EC-2', 'EC-3'),
		);

		expect(api.isDone()).toBe(true);
		expect(single.output?.[0].json).toEqual({ Cancelled: true, ConsignmentReference: 'EC-1' });
		expect(
			batched.output?.map((item) => [item.json.ConsignmentReference, item.json.Cancelled]),
		).toEqual([
			['EC-2', true],
			['EC-3', true],
		]);
	});
});
