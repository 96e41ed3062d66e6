/** "On Error: Continue (using error output)": failed items leave by the error output, paired. */
import { operationWorkflow, references, runWorkflow } from '../helpers/engine';
import { allocationSummary, sortedPro } from '../helpers/sortedPro';

test('a failed allocation goes to the error output with its reason; the allocated ones to the main output', async () => {
	sortedPro()
		.put('/allocation/EC-1/allocatewithservicegroup/NEXTDAY')
		.reply(200, allocationSummary('EC-1'))
		.put('/allocation/EC-2/allocatewithservicegroup/NEXTDAY')
		.reply(400, { Message: 'No carrier service in NEXTDAY is eligible for consignment EC-2' })
		.put('/allocation/EC-3/allocatewithservicegroup/NEXTDAY')
		.reply(200, allocationSummary('EC-3'));

	const { run } = await runWorkflow(
		operationWorkflow(
			'allocation',
			'allocateWithServiceGroup',
			{ serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } },
			{ onError: 'continueErrorOutput' },
		),
		references('EC-1', 'EC-2', 'EC-3'),
	);

	const [allocated, failed] = run.data.resultData.runData.SortedPRO[0].data?.main ?? [];
	expect(allocated?.map((item) => [item.json.ConsignmentReference, item.pairedItem])).toEqual([
		['EC-1', { item: 0 }],
		['EC-3', { item: 2 }],
	]);
	expect(failed).toHaveLength(1);
	expect(failed?.[0].pairedItem).toEqual({ item: 1 });
	expect(failed?.[0].json).toEqual({
		// (After another node, n8n adds the input item's fields too; the e2e suite sees them.)
		error:
			'Could not allocate consignment EC-2 with service group NEXTDAY: No carrier service in NEXTDAY is eligible for consignment EC-2 (HTTP 400)',
		details: {
			errorDescription: expect.stringContaining(
				'See which services can take it with Quote > Get Many',
			),
			ConsignmentReference: 'EC-2',
			consignmentReference: 'EC-2',
			httpStatus: 400,
		},
	});
});
