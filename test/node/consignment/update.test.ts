/** Consignment > Update. */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { consignment } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const update = (
	updateFields: INodeParameters,
	consignmentJson = '{}',
	settings: Record<string, unknown> = {},
) => operationWorkflow('consignment', 'update', { updateFields, consignmentJson }, settings);

/** help/updating_existing_consignments.md: the answer is the link to the updated consignment. */
const updatedLink = (reference: string) => [
	{ Rel: 'Link', Href: `https://api.electioapp.com/consignments/${encodeURIComponent(reference)}` },
];

/** The fields of UpdateConsignmentRequest (SDK) as Get Consignment returned them. */
const asRead = (read: Record<string, unknown>) => ({
	ShippingDate: read.ShippingDate,
	RequestedDeliveryDate: read.RequestedDeliveryDate,
	ConsignmentReferenceProvidedByCustomer: read.ConsignmentReferenceProvidedByCustomer,
	CustomsDocumentation: read.CustomsDocumentation,
	Addresses: read.Addresses,
	MetaData: read.MetaData,
	// Packages as UpdatePackageRequests: what Get Consignment adds (legs, charges) is left out.
	Packages: (read.Packages as Array<Record<string, unknown>>).map((pkg) => {
		const sent = { ...pkg };
		delete sent.ConsignmentLegs;
		delete sent.Charges;
		return sent;
	}),
	Tags: read.Tags,
});

describe('Consignment > Update', () => {
	test('reads the consignment, sends it whole with its reference and the changes, and outputs what changed', async () => {
		const read = consignment('EC 1');
		const [origin, destination] = read.Addresses as Array<Record<string, unknown>>;
		const api = sortedPro()
			.get(`/consignments/${encodeURIComponent('EC 1')}`)
			.reply(200, read)
			.put('/consignments/', {
				Reference: 'EC 1',
				...asRead(read),
				// Other Changes (JSON): Packages replaced; the Destination address changed by its
				// AddressType, its other fields kept, the Origin untouched.
				Packages: [{ Weight: { Value: 2, Unit: 'Kg' } }],
				Addresses: [origin, { ...destination, Postcode: 'M2 2AA' }],
				// Update Fields: the tags replaced, a metadata entry set by key, the others kept.
				Tags: ['web', 'priority'],
				MetaData: [
					{ KeyValue: 'Channel', StringValue: 'Shop' },
					{ KeyValue: 'Batch', StringValue: '7' },
				],
			} as nock.DataMatcherMap)
			.reply(200, updatedLink('EC 1'));

		const { output, error } = await runWorkflow(
			update(
				{
					tags: 'web, priority',
					metadata: {
						entry: [
							{ key: 'Channel', value: 'Shop' },
							{ key: 'Batch', value: '7' },
						],
					},
				},
				JSON.stringify({
					Packages: [{ Weight: { Value: 2, Unit: 'Kg' } }],
					Addresses: [{ AddressType: 'Destination', Postcode: 'M2 2AA' }],
				}),
			),
			references('EC 1'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: {
					ConsignmentReference: 'EC 1',
					Updated: true,
					Changed: ['Tags', 'MetaData', 'Packages', 'Addresses'],
					ApiLinks: updatedLink('EC 1'),
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('an allocated consignment: the refusal says to deallocate first; the other items still run', async () => {
		const forReference = (reference: string) => (body: { Reference?: string; Tags?: string[] }) =>
			body.Reference === reference && JSON.stringify(body.Tags) === '["x"]';
		sortedPro()
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Allocated'))
			.put('/consignments/', forReference('EC-1'))
			.reply(400, { Message: 'Consignment EC-1 is in state Allocated and cannot be updated' })
			.get('/consignments/EC-2')
			.reply(200, consignment('EC-2'))
			.put('/consignments/', forReference('EC-2'))
			.reply(200, updatedLink('EC-2'));

		const { output } = await runWorkflow(
			update({ tags: 'x' }, '{}', continueOnFail),
			references('EC-1', 'EC-2'),
		);

		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-1',
			httpStatus: 400,
			error:
				'Could not update consignment EC-1: Consignment EC-1 is in state Allocated and cannot be updated (HTTP 400)',
		});
		expect(output?.[0].json.errorDescription).toContain(
			'deallocate it first (Allocation > Deallocate)',
		);
		expect(output?.[1].json).toEqual({
			ConsignmentReference: 'EC-2',
			Updated: true,
			Changed: ['Tags'],
			ApiLinks: updatedLink('EC-2'),
		});
	});

	test('a body that is not a JSON object, or no change at all, names the item before anything is sent', async () => {
		const api = sortedPro()
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1'))
			.put('/consignments/')
			.reply(200, updatedLink('EC-1'));

		const notAnObject = await runWorkflow(update({}, '[1]'), references('EC-1'));
		const nothing = await runWorkflow(update({}, '{}'), references('EC-1'));

		expect(notAnObject.error?.message).toBe(
			'"Other Changes (JSON)" in item 0 is not a JSON object',
		);
		expect(nothing.error?.message).toBe('Nothing to update in item 0');
		expect(nothing.error?.description).toContain('Nothing was sent to SortedPRO');
		expect(api.pendingMocks()).toHaveLength(2);
	});
});
