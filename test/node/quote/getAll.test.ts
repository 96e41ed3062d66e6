/** Quote > Get Many, in n8n-core's engine and against the simulator. */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../../../simulator/server';
import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { unqualifiedService } from '../../fixtures/documented';
import { quote, quotesAnswer } from '../../fixtures/quotes';

const excluded = unqualifiedService('Tracked 48 Hour', 'No cost and/or pricing data configured');

describe('Quote > Get Many', () => {
	test('one item per quote, cheapest first, all fields kept, each paired to its input item', async () => {
		const api = sortedPro()
			.get(`/quotes/consignment/${encodeURIComponent('EC 1/2')}`)
			.reply(
				200,
				quotesAnswer(
					[quote('Q-2', 6.5, 'EC 1/2'), quote('Q-1', 4.95, 'EC 1/2', 'Carrier Y', 'Economy')],
					[excluded],
				),
			)
			.get('/quotes/consignment/EC-3')
			.reply(200, quotesAnswer([quote('Q-3', 3.2, 'EC-3', null)], [], 'QR-3'));

		const { output } = await runWorkflow(
			operationWorkflow('quote', 'getAll'),
			references('EC 1/2', 'EC-3'),
		);

		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [
				item.json.QuoteReference,
				item.json.ConsignmentReference,
				item.pairedItem,
			]),
		).toEqual([
			['Q-1', 'EC 1/2', { item: 0 }],
			['Q-2', 'EC 1/2', { item: 0 }],
			['Q-3', 'EC-3', { item: 1 }],
		]);
		// SortedPRO's fields kept, and the ones a user maps beside them.
		expect(output?.[0].json).toEqual({
			...quote('Q-1', 4.95, 'EC 1/2', 'Carrier Y', 'Economy'),
			CarrierName: 'Carrier Y',
			CarrierReference: 'CARRIER_Y',
			CarrierServiceName: 'Economy',
			CarrierServiceReference: 'MPD_ECONOMY',
			GrossPrice: 4.95,
			NetPrice: 4.13,
			CurrencyIsoCode: 'GBP',
			ConsignmentReference: 'EC 1/2',
			QuoteRequestReference: 'QR-1',
			Qualified: true,
		});
		// No CarrierName on the leg: the carrier is named by its CarrierReference.
		expect(output?.[2].json).toMatchObject({
			CarrierName: 'ROYAL_MAIL',
			CarrierReference: 'ROYAL_MAIL',
			GrossPrice: 3.2,
			QuoteRequestReference: 'QR-3',
		});
		// Unqualified services are not output unless asked for.
		expect(output?.some((item) => item.json.Qualified !== true)).toBe(false);
	});

	test('Include Unqualified Services adds one item per excluded service, after the quotes', async () => {
		sortedPro()
			.get('/quotes/consignment/EC-1')
			.reply(200, quotesAnswer([quote('Q-1', 4.95, 'EC-1')], [excluded]));

		const { output } = await runWorkflow(
			operationWorkflow('quote', 'getAll', { includeUnqualified: true }),
			references('EC-1'),
		);

		expect(output?.map((item) => item.json)).toEqual([
			expect.objectContaining({ QuoteReference: 'Q-1', Qualified: true }),
			{ ...excluded, ConsignmentReference: 'EC-1', Qualified: false },
		]);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('no quote (Quotes: null or []) is one item that says so, with the reasons', async () => {
		sortedPro()
			.get('/quotes/consignment/EC-1')
			.reply(200, { ...quotesAnswer([], [excluded]), Quotes: null })
			.get('/quotes/consignment/EC-2')
			.reply(200, quotesAnswer([], [excluded], 'QR-2'));

		const { output } = await runWorkflow(
			operationWorkflow('quote', 'getAll'),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json)).toEqual([
			{
				ConsignmentReference: 'EC-1',
				QuoteRequestReference: 'QR-1',
				QuoteCount: 0,
				UnqualifiedServices: [excluded],
			},
			{
				ConsignmentReference: 'EC-2',
				QuoteRequestReference: 'QR-2',
				QuoteCount: 0,
				UnqualifiedServices: [excluded],
			},
		]);
	});

	test('an answer that is not a quotes answer, or a quote for another consignment, is an error', async () => {
		sortedPro()
			.get('/quotes/consignment/EC-1')
			.reply(200, {})
			.get('/quotes/consignment/EC-2')
			.reply(200, quotesAnswer([quote('Q-9', 1, 'EC-9')]));

		const { output } = await runWorkflow(
			operationWorkflow('quote', 'getAll', {}, { onError: 'continueRegularOutput' }),
			references('EC-1', 'EC-2'),
		);

		expect(output?.map((item) => item.json.error)).toEqual([
			"Could not get the quotes for consignment EC-1: SortedPRO's answer is not a quotes answer",
			"Could not get the quotes for consignment EC-2: SortedPRO's answer holds a quote for consignment EC-9",
		]);
		expect(output?.some((item) => item.json.QuoteReference !== undefined)).toBe(false);
	});

	test("SortedPRO's refusal is that item's error; the others still run", async () => {
		sortedPro()
			.get('/quotes/consignment/EC-1')
			.reply(404, { Message: 'Consignment EC-1 was not found' })
			.get('/quotes/consignment/EC-2')
			.reply(200, quotesAnswer([quote('Q-9', 5, 'EC-2')]));

		const { output } = await runWorkflow(
			operationWorkflow('quote', 'getAll', {}, { onError: 'continueRegularOutput' }),
			references('EC-1', 'EC-2'),
		);

		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', httpStatus: 404 });
		expect(output?.[0].json.error).toContain('Could not get the quotes for consignment EC-1');
		expect(output?.[1].json).toMatchObject({ QuoteReference: 'Q-9', ConsignmentReference: 'EC-2' });
	});
});

describe('quotes against the simulator', () => {
	let simulator: ReturnType<typeof createSimulator>;

	afterAll(async () => {
		await simulator?.close();
	});

	test('get the quotes, pick the cheapest, allocate with it', async () => {
		nock.enableNetConnect('127.0.0.1');
		simulator = createSimulator({ consignments: 3 });
		const baseUrl = await simulator.listen(0);
		const credentials = {
			sortedProApi: { apiKey: DEFAULT_API_KEY, environment: 'custom', baseUrl },
		};

		const quotes = await runWorkflow(
			operationWorkflow('quote', 'getAll'),
			references('EC-SIM-000001'),
			credentials,
		);
		const cheapest = quotes.output?.[0].json;
		const allocated = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithQuote', {
				quoteReference: { __rl: true, mode: 'id', value: '={{ $json.quote }}' },
			}),
			[{ reference: 'EC-SIM-000001', quote: cheapest?.QuoteReference }],
			credentials,
		);

		// 1.5 kg to GB: 48 Hour (3.20 net, 3.84 gross) is the cheapest eligible service of the account.
		expect(cheapest).toMatchObject({
			CarrierServiceReference: 'CZ_48',
			NetPrice: 3.2,
			GrossPrice: 3.84,
			CurrencyIsoCode: 'GBP',
			Qualified: true,
		});
		expect(allocated.error).toBeUndefined();
		expect(allocated.output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-SIM-000001',
			CarrierServiceReference: 'CZ_48',
		});
		expect(simulator.model.consignments.get('EC-SIM-000001')).toMatchObject({
			State: 'Allocated',
			AllocationCount: 1,
		});
	});
});
