import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { listResult, sortedPro } from '../../helpers/sortedPro';

describe('Manifest > Manifest', () => {
	test('manifests in list calls and reports a refused consignment on its own item', async () => {
		const api = sortedPro()
			.put('/consignments/manifest', { ConsignmentReferences: ['EC-1', 'EC-2', 'EC-3'] })
			.reply(200, [
				listResult('EC-1', true, 'Manifested'),
				listResult(
					'EC-2',
					false,
					'Consignment EC-2 is in state Unallocated and cannot be manifested',
				),
				listResult('EC-3', true, 'Manifested'),
			]);

		const { output } = await runWorkflow(
			operationWorkflow('manifest', 'manifest', {}, { onError: 'continueRegularOutput' }),
			references('EC-1', 'EC-2', 'EC-3'),
		);

		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => item.json.ConsignmentReference ?? item.json.consignmentReference),
		).toEqual(['EC-1', 'EC-2', 'EC-3']);
		expect(output?.[1].json).toMatchObject({
			error:
				'Could not manifest consignment EC-2: Consignment EC-2 is in state Unallocated and cannot be manifested',
			errorDescription: expect.stringContaining(
				'Only consignments in state Allocated, Manifest Failed or Ready To Ship can be manifested',
			),
		});
	});
});
