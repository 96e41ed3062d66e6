/** Manifest > Manifest From Query. */
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { manifestFromQueryAnswer } from '../../fixtures/documented';

const PATH = '/consignments/manifestFromQuery';
const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Manifest > Manifest From Query', () => {
	afterEach(() => nock.cleanAll());

	test('sends each item its own query, one after another, paired and in order', async () => {
		const api = sortedPro()
			.post(PATH, {
				ShippingLocationReferences: ['WAREHOUSE-1', 'WAREHOUSE 2/b'],
				States: ['Allocated', 'ReadyToShip'],
				Carriers: ['CARRIER_X'],
				LabelsPrinted: false,
				ShippingDateRanges: {
					StartDate: '2026-12-01T00:00:00.000Z',
					EndDate: '2026-12-02T00:00:00.000Z',
				},
			})
			.reply(200, manifestFromQueryAnswer(3, 2, ['EC-FAILED']))
			.post(PATH, { States: ['ManifestFailed'], ShippingDate: '2026-12-01T00:00:00.000Z' })
			.reply(200, manifestFromQueryAnswer(0, 0));

		const { output } = await runWorkflow(
			operationWorkflow('manifest', 'manifestFromQuery', {
				states: '={{ $json.states }}',
				filters: {
					shippingLocationReferences: '={{ $json.locations ?? "" }}',
					carriers: '={{ $json.carriers ?? "" }}',
					labelsPrinted: '={{ $json.printed ?? undefined }}',
					shippingDate: '={{ $json.on ?? "" }}',
					shippingDateFrom: '={{ $json.from ?? "" }}',
					shippingDateTo: '={{ $json.to ?? "" }}',
				},
			}),
			[
				{
					states: ['Allocated', 'ReadyToShip'],
					locations: ' WAREHOUSE-1 , WAREHOUSE 2/b,',
					carriers: 'CARRIER_X',
					printed: 'notPrinted',
					from: '2026-12-01T00:00:00Z',
					to: '2026-12-02T00:00:00Z',
				},
				{ states: ['ManifestFailed'], on: '2026-12-01T00:00:00Z' },
			],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(2);
		expect(output?.[0].json).toMatchObject({
			ConsignmentsFound: 3,
			ConsignmentsQueued: 2,
			ConsignmentsFailed: 1,
			FailedConsignments: ['EC-FAILED'],
			Query: { States: ['Allocated', 'ReadyToShip'], Carriers: ['CARRIER_X'] },
		});
		expect(output?.[1].json).toMatchObject({ ConsignmentsFound: 0, FailedConsignments: [] });
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test("SortedPRO's refusal is the item's error; with On Error: Continue the next query still runs", async () => {
		const api = sortedPro()
			.post(PATH, { States: ['Allocated'], Carriers: ['NOPE'] })
			.reply(400, {
				Code: 'InvalidRequest',
				Message: 'Carrier NOPE is not one of your carriers',
				CorrelationId: 'c0ffee',
			})
			.post(PATH, { States: ['Allocated'], Carriers: ['CARRIER_X'] })
			.reply(200, manifestFromQueryAnswer(1, 1));

		const { output } = await runWorkflow(
			operationWorkflow(
				'manifest',
				'manifestFromQuery',
				{ states: ['Allocated'], filters: { carriers: '={{ $json.carrier }}' } },
				continueOnFail,
			),
			[{ carrier: 'NOPE' }, { carrier: 'CARRIER_X' }],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.error).toContain(
			'Could not manifest the consignments matching the query: Carrier NOPE is not one of your carriers',
		);
		expect(output?.[0].json.httpStatus).toBe(400);
		expect(output?.[1].json).toMatchObject({ ConsignmentsQueued: 1 });
	});

	test('bad input fails before anything is sent, naming the field and the item', async () => {
		// No interceptor: a request would fail the test with nock's "no match".
		const cases: Array<[INodeParameters, string]> = [
			[{ states: '={{ [] }}' }, '"States" is empty in item 0'],
			[{ states: ['Unallocated'] }, '"States" in item 0 has "Unallocated"'],
			[
				{ states: ['Allocated'], filters: { shippingDate: 'next tuesday' } },
				'"Shipping Date" in item 0 is "next tuesday", which is not a date',
			],
			[
				{
					states: ['Allocated'],
					filters: { shippingDateFrom: '2026-12-03', shippingDateTo: '2026-12-01' },
				},
				'"Shipping Date From" is after "Shipping Date To" in item 0',
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await runWorkflow(
				operationWorkflow('manifest', 'manifestFromQuery', parameters),
				[{}],
			);
			expect(error?.message).toContain(message);
			expect(error?.description).toContain('Nothing was sent to SortedPRO');
		}
	});

	test('an answer that is not the documented { Message, FailedConsignments } is an error', async () => {
		const api = sortedPro()
			.post(PATH, { States: ['Allocated'] })
			.reply(200, { Consignments: [] })
			.post(PATH, { States: ['Allocated'] })
			.reply(200, { Message: 'Done', FailedConsignments: 'EC-1' });

		const { output } = await runWorkflow(
			operationWorkflow('manifest', 'manifestFromQuery', { states: ['Allocated'] }, continueOnFail),
			[{}, {}],
		);

		expect(api.isDone()).toBe(true);
		for (const item of output ?? [])
			expect(item.json.error).toContain('not a manifest-from-query answer');
	});

	test('a lost answer is not sent again: every manifest transmits to the carriers', async () => {
		const api = sortedPro()
			.post(PATH, { States: ['Allocated'] })
			.reply(504, 'Gateway Timeout');

		const { output } = await runWorkflow(
			operationWorkflow(
				'manifest',
				'manifestFromQuery',
				{ states: ['Allocated'], options: { maxAttempts: 3 } },
				continueOnFail,
			),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.error).toBeDefined();
		expect(output?.[0].json.errorDescription).toContain(
			'SortedPRO may have manifested some consignments before the answer was lost',
		);
	});

	test("a 404 to POST and to PUT is SortedPRO's answer, with what it means", async () => {
		const api = sortedPro()
			.post(PATH, { States: ['Allocated'] })
			.reply(404, { Message: 'Not found' })
			.put(PATH, { States: ['Allocated'] })
			.reply(404, { Message: 'Not found' });

		const { error } = await runWorkflow(
			operationWorkflow('manifest', 'manifestFromQuery', { states: ['Allocated'] }),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(error?.message).toContain('manifest the consignments matching the query');
	});
});
