import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { consignment, link } from '../../fixtures/documented';

describe('Consignment > Get and Get Status', () => {
	test('Get returns the consignment; a 404 says which consignment was not found', async () => {
		sortedPro().get('/consignments/EC-1').reply(200, consignment('EC-1', 'Allocated'));
		const found = await runWorkflow(operationWorkflow('consignment', 'get'), references('EC-1'));
		expect(found.output?.[0].json).toEqual({
			...consignment('EC-1', 'Allocated'),
			ConsignmentReference: 'EC-1',
		});

		sortedPro().get('/consignments/EC-404').reply(404, { Message: 'Consignment not found' });
		const missing = await runWorkflow(
			operationWorkflow('consignment', 'get'),
			references('EC-404'),
		);
		expect(missing.error?.message).toBe(
			'Could not get consignment EC-404: SortedPRO could not find consignment EC-404 (Consignment not found) (HTTP 404)',
		);
	});

	test('Get Status accepts a bare state string or the documented object', async () => {
		// help/getting_consignment_data.md, "Checking a Consignment's Status".
		const status = {
			ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-2',
			Status: 'Manifested',
			ExpectedDeliveryDate: '2020-06-02T14:20:11.4370803+01:00',
			ApiLink: link('EC-2'),
		};
		sortedPro()
			.get('/consignments/EC-1/status')
			.reply(200, '"Allocated"')
			.get('/consignments/EC-2/status')
			.reply(200, status);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getStatus'),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json)).toEqual([
			{ ConsignmentReference: 'EC-1', Status: 'Allocated' },
			{ ...status, ConsignmentReference: 'EC-2' },
		]);
	});

	test('Get Status: an object that names no consignment, or another, is an error', async () => {
		sortedPro()
			.get('/consignments/EC-1/status')
			.reply(200, { Status: 'Manifested' })
			.get('/consignments/EC-2/status')
			.reply(200, { ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-9', Status: 'Manifested' });

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'getStatus', {}, { onError: 'continueRegularOutput' }),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json.error)).toEqual([
			"Could not get the status of consignment EC-1: SortedPRO's answer names no consignment",
			"Could not get the status of consignment EC-2: SortedPRO's answer is about consignment EC-9, not EC-2",
		]);
		expect(output?.some((item) => item.json.Status !== undefined)).toBe(false);
	});
});
