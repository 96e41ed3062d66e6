/**
 * No answer is trusted blindly: look-ups and read-backs count only when they are about the
 * consignment asked for, in the expected state; empty, ambiguous or foreign answers are errors,
 * never successes and never a reason to create again; an update deletes nothing it was not
 * asked to change. Engine tests with nock answering in SortedPRO's documented shapes.
 */
import type nock from 'nock';
import type { IDataObject, INode } from 'n8n-workflow';

import { operationWorkflow, runWorkflow } from '../helpers/engine';
import { sortedPro } from '../helpers/sortedPro';
import {
	OTHER_REF,
	REF,
	allocationSummary,
	consignment,
	link,
	searchAnswer,
	summary,
} from '../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const lookup = () =>
	sortedPro().get('/consignments/100/0').query({ referenceProvidedByCustomer: 'ORDER-1' });
const createFromJson = (ifYourReferenceExists = 'returnExisting') =>
	operationWorkflow(
		'consignment',
		'create',
		{
			inputMode: 'json',
			jsonBody: JSON.stringify({
				ConsignmentReferenceProvidedByCustomer: 'ORDER-1',
				Packages: [{ Weight: { Value: 1, Unit: 'Kg' } }],
				Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1' }],
			}),
			ifYourReferenceExists,
		},
		continueOnFail,
	);
const getByYourReference = () =>
	operationWorkflow(
		'consignment',
		'getByClientReference',
		{ clientReference: 'ORDER-1' },
		continueOnFail,
	);

describe('Your Reference look-ups', () => {
	test.each([
		['an empty list', []],
		['an empty object', {}],
		['null summaries with a count', { Count: 3, ConsignmentSummaries: null }],
	])('a look-up answered with %s is an error, and nothing is created', async (_what, answer) => {
		const api = lookup().reply(200, answer as nock.Body);
		const create = sortedPro()
			.post('/consignments')
			.reply(201, [link(REF)]);

		const { output } = await runWorkflow(createFromJson(), [{}]);

		expect(api.isDone()).toBe(true);
		expect(create.isDone()).toBe(false);
		expect(output?.[0].json.error).toMatch(/look for a consignment with your reference ORDER-1/);
		expect(output?.[0].json.existing).toBeUndefined();
	});

	test("ORDER-999's consignment is never taken for ORDER-1's, and nothing is created", async () => {
		lookup().reply(200, searchAnswer(summary('EC-999', 'Allocated', 'ORDER-999')));
		const create = sortedPro()
			.post('/consignments')
			.reply(201, [link(REF)]);

		const { output } = await runWorkflow(createFromJson(), [{}]);

		expect(create.isDone()).toBe(false);
		expect(output?.[0].json.error).toMatch(/did not search by this reference/);
		expect(output?.[0].json.ConsignmentReference).not.toBe('EC-999');
	});

	test('two consignments with the reference: an error naming both, never a silent pick', async () => {
		lookup().reply(
			200,
			searchAnswer(
				summary(REF, 'Allocated', 'ORDER-1'),
				summary(OTHER_REF, 'Unallocated', 'ORDER-1'),
			),
		);
		const create = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-NEW')]);

		const { output } = await runWorkflow(createFromJson(), [{}]);

		expect(create.isDone()).toBe(false);
		expect(output?.[0].json.error).toContain(
			`2 consignments with this reference (${REF}, ${OTHER_REF})`,
		);
	});

	test('a search that is not paging (more than its bound) is an error, not "none"', async () => {
		const page = (skip: number) =>
			searchAnswer(
				...Array.from({ length: 100 }, (_unused, index) =>
					summary(`EC-${skip + index}`, 'Allocated', `ORDER-1${skip + index}`),
				),
			);
		const api = sortedPro();
		for (let skip = 0; skip < 1000; skip += 100)
			api
				.get(`/consignments/100/${skip}`)
				.query({ referenceProvidedByCustomer: 'ORDER-1' })
				.reply(200, { ...page(skip), Count: 5000 });
		const create = sortedPro()
			.post('/consignments')
			.reply(201, [link(REF)]);

		const { output } = await runWorkflow(createFromJson(), [{}]);

		expect(api.isDone()).toBe(true);
		expect(create.isDone()).toBe(false);
		expect(output?.[0].json.error).toMatch(/matches more than 1000 consignments/);
	});

	test('Get By Your Reference: none, two, and a read-back of another consignment are errors', async () => {
		lookup().reply(200, searchAnswer());
		lookup().reply(
			200,
			searchAnswer(
				summary(REF, 'Allocated', 'ORDER-1'),
				summary(OTHER_REF, 'Allocated', 'ORDER-1'),
			),
		);
		lookup().reply(200, searchAnswer(summary(REF, 'Allocated', 'ORDER-1')));
		sortedPro()
			.get(`/consignments/${REF}`)
			.reply(200, consignment(OTHER_REF, 'Allocated', 'ORDER-1'));

		const { output } = await runWorkflow(getByYourReference(), [{}, {}, {}]);

		expect(output?.map((item) => item.json.error)).toEqual([
			'SortedPRO has no consignment with your reference ORDER-1',
			expect.stringContaining('2 consignments with this reference'),
			expect.stringContaining(`about consignment ${OTHER_REF}, not ${REF}`),
		]);
	});
});

describe('read-backs', () => {
	const allocate = (options: Record<string, string> = {}) =>
		operationWorkflow(
			'allocation',
			'allocateWithServiceGroup',
			{
				consignmentReference: REF,
				serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' },
				options,
			},
			continueOnFail,
		);
	const refused = (message: string) => ({ Code: 'BadRequest', Message: message });

	test('Return Current Allocation: a read-back of another consignment keeps the refusal', async () => {
		sortedPro()
			.put(`/allocation/${REF}/allocatewithservicegroup/NEXTDAY`)
			.reply(400, refused(`Consignment ${REF} is in state Allocated and cannot be allocated`))
			.get(`/consignments/${REF}`)
			.reply(200, consignment(OTHER_REF, 'Allocated'));

		const { output } = await runWorkflow(allocate({ ifAlreadyAllocated: 'returnCurrent' }), [{}]);

		expect(output?.[0].json.error).toMatch(/cannot be allocated/);
		expect(output?.[0].json.alreadyAllocated).toBeUndefined();
	});

	test('Return Current Allocation: a refusal for another reason is never turned into a success', async () => {
		const api = sortedPro()
			.put(`/allocation/${REF}/allocatewithservicegroup/NEXTDAY`)
			.reply(400, refused('No carrier service in the group is eligible for this consignment'));
		const readBack = sortedPro()
			.get(`/consignments/${REF}`)
			.reply(200, { Reference: REF, ConsignmentState: 'Allocated' });

		const { output } = await runWorkflow(allocate({ ifAlreadyAllocated: 'returnCurrent' }), [{}]);

		expect(api.isDone()).toBe(true);
		expect(readBack.isDone()).toBe(false);
		expect(output?.[0].json.error).toMatch(/No carrier service/);
	});

	test('Return Current Allocation: Allocated without a carrier service is not an allocation', async () => {
		sortedPro()
			.put(`/allocation/${REF}/allocatewithservicegroup/NEXTDAY`)
			.reply(400, refused(`Consignment ${REF} is in state Allocated and cannot be allocated`))
			.get(`/consignments/${REF}`)
			.reply(200, { Reference: REF, ConsignmentState: 'Allocated', Allocation: null });

		const { output } = await runWorkflow(allocate({ ifAlreadyAllocated: 'returnCurrent' }), [{}]);

		expect(output?.[0].json.error).toMatch(/cannot be allocated/);
	});

	test('Return Current Allocation: the consignment asked for, Allocated, maps like a fresh allocation', async () => {
		sortedPro()
			.put(`/allocation/${REF}/allocatewithservicegroup/NEXTDAY`)
			.reply(400, refused(`Consignment ${REF} is in state Allocated and cannot be allocated`))
			.get(`/consignments/${REF}`)
			.reply(200, consignment(REF, 'Allocated'));

		const { output } = await runWorkflow(allocate({ ifAlreadyAllocated: 'returnCurrent' }), [{}]);

		const fresh = allocationSummary(REF);
		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: REF,
			State: 'Allocated',
			CarrierReference: fresh.CarrierReference,
			CarrierName: fresh.CarrierName,
			CarrierServiceReference: fresh.CarrierServiceReference,
			CarrierServiceName: fresh.CarrierServiceName,
			alreadyAllocated: true,
		});
	});

	test('202 Accepted with a read-back of another consignment: a success that reports no state', async () => {
		const put = sortedPro()
			.put(`/allocation/${REF}/allocatewithservicegroup/NEXTDAY`)
			.once()
			.reply(202);
		sortedPro().get(`/consignments/${REF}`).reply(200, consignment(OTHER_REF, 'Allocated'));

		const { output } = await runWorkflow(allocate(), [{}]);

		expect(put.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: REF,
			Accepted: true,
			State: null,
		});
		expect(output?.[0].json.error).toBeUndefined();
		expect(String(output?.[0].json.StateNote)).not.toMatch(/again/i);
	});

	test('a 202 to a call that does not document it is not taken for an answer', async () => {
		sortedPro().get(`/consignments/${REF}`).reply(202);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'get', { consignmentReference: REF }, continueOnFail),
			[{}],
		);

		expect(output?.[0].json.error).toMatch(/202 Accepted" this call is not documented to give/);
	});

	test('Get and Get Status answering about another consignment are errors', async () => {
		sortedPro()
			.get(`/consignments/${REF}`)
			.reply(200, consignment(OTHER_REF))
			.get(`/consignments/${REF}/status`)
			.reply(200, { ConsignmentReferenceForAllLegsAssignedByMpd: OTHER_REF, Status: 'Allocated' });

		const get = await runWorkflow(
			operationWorkflow('consignment', 'get', { consignmentReference: REF }, continueOnFail),
			[{}],
		);
		const status = await runWorkflow(
			operationWorkflow('consignment', 'getStatus', { consignmentReference: REF }, continueOnFail),
			[{}],
		);

		expect(get.output?.[0].json.error).toMatch(`about consignment ${OTHER_REF}`);
		expect(status.output?.[0].json.error).toMatch(`about consignment ${OTHER_REF}`);
	});
});

describe('Update', () => {
	const update = (parameters: INode['parameters']) =>
		operationWorkflow(
			'consignment',
			'update',
			{ consignmentReference: REF, ...parameters },
			continueOnFail,
		);

	test('answered 200 { IsSuccess: false } is an error, never Updated', async () => {
		sortedPro()
			.get(`/consignments/${REF}`)
			.reply(200, consignment(REF))
			.put('/consignments/')
			.reply(200, {
				IsSuccess: false,
				Message: 'Consignment cannot be updated in its current state',
			});

		const { output } = await runWorkflow(update({ updateFields: { tags: 'priority' } }), [{}]);

		expect(output?.[0].json.Updated).toBeUndefined();
		expect(output?.[0].json.error).toMatch(/cannot be updated in its current state/);
	});

	test('changing the tags sends every other field as it was read: nothing is deleted', async () => {
		let sent: IDataObject | undefined;
		sortedPro()
			.get(`/consignments/${REF}`)
			.reply(200, consignment(REF))
			.put('/consignments/', (body: IDataObject) => ((sent = body), true))
			.reply(200, [link(REF)]);

		const { output } = await runWorkflow(
			update({
				updateFields: {
					tags: 'priority, fragile',
					metadata: { entry: [{ key: 'Gift', value: 'yes' }] },
				},
				consignmentJson: JSON.stringify({
					Addresses: [{ AddressType: 'Destination', Town: 'Manchester' }],
				}),
			}),
			[{}],
		);

		const before = consignment(REF);
		expect(output?.[0].json).toMatchObject({ Updated: true, ConsignmentReference: REF });
		expect(sent).toMatchObject({
			Reference: REF,
			ShippingDate: before.ShippingDate,
			RequestedDeliveryDate: before.RequestedDeliveryDate,
			ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
			Tags: ['priority', 'fragile'],
			MetaData: [
				{ KeyValue: 'Channel', StringValue: 'Web' },
				{ KeyValue: 'Gift', StringValue: 'yes' },
			],
		});
		const addresses = sent?.Addresses as IDataObject[];
		expect(addresses).toHaveLength(2);
		expect(addresses[0]).toEqual((before.Addresses as IDataObject[])[0]);
		expect(addresses[1]).toMatchObject({
			AddressLine1: '13 Porter Street',
			Postcode: 'M1 5WG',
			Town: 'Manchester',
		});
		expect((sent?.Packages as IDataObject[])[0]).toMatchObject({
			Reference: 'EP-000-05E-YRQ',
			Weight: { Value: 0.5, Unit: 'Kg' },
		});
	});

	test('a read-back of another consignment: nothing is sent', async () => {
		sortedPro().get(`/consignments/${REF}`).reply(200, consignment(OTHER_REF));
		const put = sortedPro()
			.put('/consignments/')
			.reply(200, [link(REF)]);

		const { output } = await runWorkflow(update({ updateFields: { tags: 'priority' } }), [{}]);

		expect(put.isDone()).toBe(false);
		expect(output?.[0].json.error).toMatch(`about consignment ${OTHER_REF}`);
	});

	test('no change at all is refused before anything is sent', async () => {
		const { output } = await runWorkflow(update({}), [{}]);

		expect(output?.[0].json.error).toBe('Nothing to update in item 0');
	});
});

describe('nothing twice, nothing misread', () => {
	test('two items of one run with the same Your Reference make one consignment', async () => {
		const search = lookup().once().reply(200, searchAnswer());
		const create = sortedPro()
			.post('/consignments')
			.once()
			.reply(201, [link(REF)]);

		const { output } = await runWorkflow(createFromJson(), [{}, {}]);

		expect(search.isDone()).toBe(true);
		expect(create.isDone()).toBe(true);
		expect(output?.map((item) => [item.json.ConsignmentReference, item.json.existing])).toEqual([
			[REF, undefined],
			[REF, true],
		]);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a Your Reference mapped from a number is looked up and sent as its text, trimmed', async () => {
		const search = sortedPro()
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: '1001' })
			.reply(200, searchAnswer());
		let sent: IDataObject | undefined;
		sortedPro()
			.post('/consignments', (body: IDataObject) => ((sent = body), true))
			.reply(201, [link(REF)]);

		const { output } = await runWorkflow(
			operationWorkflow(
				'consignment',
				'create',
				{
					inputMode: 'json',
					jsonBody:
						'={{ JSON.stringify({ ConsignmentReferenceProvidedByCustomer: $json.order, Packages: [{ Weight: { Value: 1, Unit: "Kg" } }], Addresses: [] }) }}',
				},
				continueOnFail,
			),
			[{ order: 1001 }],
		);

		expect(search.isDone()).toBe(true);
		expect(sent?.ConsignmentReferenceProvidedByCustomer).toBe('1001');
		expect(output?.[0].json.ConsignmentReference).toBe(REF);
	});

	test('a search whose Count says there is more than its pages gave is never "none"', async () => {
		lookup().reply(200, { Count: 1, ConsignmentSummaries: [] });
		const create = sortedPro()
			.post('/consignments')
			.reply(201, [link(REF)]);

		const { output } = await runWorkflow(createFromJson(), [{}]);

		expect(create.isDone()).toBe(false);
		expect(output?.[0].json.error).toMatch(/matches more consignments than its pages gave/);
	});

	test('a search that caps its pages is read on to its Count', async () => {
		const first = Array.from({ length: 50 }, (_unused, index) =>
			summary(`EC-${index}`, 'Allocated', `ORDER-1${index}`),
		);
		lookup().reply(200, { Count: 51, ConsignmentSummaries: first });
		const second = sortedPro()
			.get('/consignments/100/50')
			.query({ referenceProvidedByCustomer: 'ORDER-1' })
			.reply(200, { Count: 51, ConsignmentSummaries: [summary(REF, 'Allocated', 'ORDER-1')] });
		const create = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-NEW')]);

		const { output } = await runWorkflow(createFromJson(), [{}]);

		expect(second.isDone()).toBe(true);
		expect(create.isDone()).toBe(false);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: REF, existing: true });
	});

	test('one-consignment allocations: a failed, empty or foreign Allocation Summary is an error', async () => {
		const path = `/allocation/${REF}/allocatewithservicegroup/NEXTDAY`;
		sortedPro()
			.put(path)
			.reply(200, [
				{ StatusCode: 400, ApiLinks: [link(REF, 'detail')], Description: 'No service is eligible' },
			])
			.put(path)
			.reply(200, [])
			.put(path)
			.reply(200, [allocationSummary(OTHER_REF)]);

		const { output } = await runWorkflow(
			operationWorkflow(
				'allocation',
				'allocateWithServiceGroup',
				{ consignmentReference: REF, serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } },
				continueOnFail,
			),
			[{}, {}, {}],
		);

		expect(output?.map((item) => item.json.error)).toEqual([
			expect.stringContaining('No service is eligible'),
			expect.stringContaining('had no result for this consignment'),
			expect.stringContaining('had no result for this consignment'),
		]);
	});

	test('Deallocate answered 200 { IsSuccess: false } is an error, never Deallocated', async () => {
		sortedPro()
			.put(`/consignments/${REF}/deallocate`)
			.reply(200, { IsSuccess: false, Message: 'Consignment could not be deallocated', Data: REF });

		const { output } = await runWorkflow(
			operationWorkflow('allocation', 'deallocate', { consignmentReference: REF }, continueOnFail),
			[{}],
		);

		expect(output?.[0].json.Deallocated).toBeUndefined();
		expect(output?.[0].json.error).toMatch(/could not be deallocated/);
	});

	test('two updates of one consignment in a run: the second reads what the first wrote', async () => {
		const puts: IDataObject[] = [];
		const api = sortedPro();
		api
			.get(`/consignments/${REF}`)
			.reply(200, consignment(REF))
			.put('/consignments/', (body: IDataObject) => (puts.push(body), true))
			.reply(200, [link(REF)])
			// SortedPRO now holds what the first update wrote.
			.get(`/consignments/${REF}`)
			.reply(200, () => ({ ...consignment(REF), Tags: puts[0]?.Tags }))
			.put('/consignments/', (body: IDataObject) => (puts.push(body), true))
			.reply(200, [link(REF)]);

		const { output, error } = await runWorkflow(
			operationWorkflow('consignment', 'update', {
				consignmentReference: REF,
				consignmentJson: '={{ JSON.stringify($json.change) }}',
			}),
			[
				{ change: { Tags: ['priority'] } },
				{ change: { MetaData: [{ KeyValue: 'Gift', StringValue: 'yes' }] } },
			],
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.json.Changed)).toEqual([['Tags'], ['MetaData']]);
		expect(puts.map((body) => body.Tags)).toEqual([['priority'], ['priority']]);
	});

	test('a manifest that may have gone through never advises running it again', async () => {
		sortedPro().put('/consignments/manifest').times(5).reply(504, 'Gateway Timeout');

		const { output } = await runWorkflow(
			operationWorkflow(
				'manifest',
				'manifest',
				{ consignmentReference: REF, options: { maxAttempts: 1 } },
				continueOnFail,
			),
			[{}],
		);

		expect(String(output?.[0].json.errorDescription)).toMatch(/Check the consignment's state/);
		expect(String(output?.[0].json.errorDescription)).not.toMatch(/Run the workflow again/);
	});

	test('a create answered 201 with something unreadable says the consignment was probably created', async () => {
		sortedPro().post('/consignments').reply(201, '<html>OK</html>');

		const { output } = await runWorkflow(
			operationWorkflow(
				'consignment',
				'create',
				{ inputMode: 'json', jsonBody: JSON.stringify({ Packages: [], Addresses: [] }) },
				continueOnFail,
			),
			[{}],
		);

		expect(String(output?.[0].json.errorDescription)).toMatch(/may have created the consignment/);
	});

	test('Other Changes (JSON): field names in any case; addresses must be a list naming their type', async () => {
		let sent: IDataObject | undefined;
		sortedPro()
			.get(`/consignments/${REF}`)
			.reply(200, consignment(REF))
			.put('/consignments/', (body: IDataObject) => ((sent = body), true))
			.reply(200, [link(REF)]);
		const update = (json: unknown) =>
			operationWorkflow(
				'consignment',
				'update',
				{ consignmentReference: REF, consignmentJson: JSON.stringify(json) },
				continueOnFail,
			);

		const lower = await runWorkflow(update({ tags: ['x'] }), [{}]);
		const notAList = await runWorkflow(update({ Addresses: { AddressType: 'Destination' } }), [{}]);
		const unnamed = await runWorkflow(update({ Addresses: [{ Postcode: 'LS1 1AA' }] }), [{}]);

		expect(lower.output?.[0].json.Changed).toEqual(['Tags']);
		expect(sent?.Tags).toEqual(['x']);
		expect(Object.keys(sent ?? {})).not.toContain('tags');
		expect(notAList.output?.[0].json.error).toMatch(/"Addresses" that is not a list/);
		expect(unnamed.output?.[0].json.error).toMatch(/with no "AddressType"/);
	});
});

describe('review follow-ups', () => {
	test('a reference typed in lower case is the consignment SortedPRO names in upper case', async () => {
		sortedPro()
			.put(`/allocation/${REF.toLowerCase()}/allocatewithservicegroup/NEXTDAY`)
			.reply(200, [allocationSummary(REF)]);

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', {
				consignmentReference: REF.toLowerCase(),
				serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' },
			}),
			[{}],
		);

		expect(error).toBeUndefined();
		expect(output?.[0].json.CarrierServiceReference).toBe('CX_NDS');
	});

	test('If Your Reference Already Exists: Error, twice in one run: one look-up, both items name it', async () => {
		const search = lookup()
			.once()
			.reply(200, searchAnswer(summary(REF, 'Allocated', 'ORDER-1')));
		const create = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-NEW')]);

		const { output } = await runWorkflow(createFromJson('error'), [{}, {}]);

		expect(search.isDone()).toBe(true);
		expect(create.isDone()).toBe(false);
		expect(output?.map((item) => item.json.error)).toEqual([
			`A consignment with your reference ORDER-1 already exists: ${REF}`,
			`A consignment with your reference ORDER-1 already exists: ${REF}`,
		]);
	});

	test("Update's Your Reference mapped from a number is sent as its text", async () => {
		let sent: IDataObject | undefined;
		sortedPro()
			.get(`/consignments/${REF}`)
			.reply(200, consignment(REF))
			.put('/consignments/', (body: IDataObject) => ((sent = body), true))
			.reply(200, [link(REF)]);

		const { output } = await runWorkflow(
			operationWorkflow('consignment', 'update', {
				consignmentReference: REF,
				updateFields: { customerReference: '={{ $json.order }}' },
			}),
			[{ order: 2002 }],
		);

		expect(output?.[0].json.Changed).toEqual(['ConsignmentReferenceProvidedByCustomer']);
		expect(sent?.ConsignmentReferenceProvidedByCustomer).toBe('2002');
	});
});
