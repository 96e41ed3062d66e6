/** Quote > Get Many and the quote drop-down of Allocate With Quote. */
import nock from 'nock';

import { createSimulator, DEFAULT_API_KEY } from '../simulator/server';
import {
	PRODUCTION,
	TEST_API_KEY,
	operationWorkflow,
	references,
	runWorkflow,
	searchList,
} from './helpers/engine';
import { sortedPro } from './helpers/sortedPro';

const quote = (reference: string, price: number, carrier = 'Carrier X', service = 'Next Day') => ({
	QuoteReference: reference,
	CarrierName: carrier,
	CarrierServiceName: service,
	CarrierServiceReference: `${carrier}-${service}`,
	Price: price,
	Currency: 'GBP',
	DeliveryDate: '2026-11-27',
});

describe('Quote > Get Many', () => {
	test('one item per quote, cheapest first, all fields kept, each paired to its input item', async () => {
		const api = sortedPro()
			.get(`/quotes/consignment/${encodeURIComponent('EC 1/2')}`)
			.reply(200, {
				Quotes: [quote('Q-2', 6.5), quote('Q-1', 4.95, 'Carrier Y', 'Economy')],
				UnqualifiedServices: [{}],
			})
			.get('/quotes/consignment/EC-3')
			.reply(200, { Quotes: [quote('Q-3', 3.2)] });

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
		expect(output?.[0].json).toEqual({
			...quote('Q-1', 4.95, 'Carrier Y', 'Economy'),
			ConsignmentReference: 'EC 1/2',
		});
	});

	test("SortedPRO's refusal is that item's error; the others still run", async () => {
		sortedPro()
			.get('/quotes/consignment/EC-1')
			.reply(404, { Message: 'Consignment EC-1 was not found' })
			.get('/quotes/consignment/EC-2')
			.reply(200, { Quotes: [quote('Q-9', 5)] });

		const { output } = await runWorkflow(
			operationWorkflow('quote', 'getAll', {}, { onError: 'continueRegularOutput' }),
			references('EC-1', 'EC-2'),
		);

		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', httpStatus: 404 });
		expect(output?.[0].json.error).toContain('Could not get the quotes for consignment EC-1');
		expect(output?.[1].json).toMatchObject({ QuoteReference: 'Q-9', ConsignmentReference: 'EC-2' });
	});
});

describe('Allocate With Quote: Quote Reference From List', () => {
	test('the quotes of the consignment typed above, cheapest first, with carrier, service and price', async () => {
		nock(PRODUCTION)
			.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
			.get('/quotes/consignment/EC-1')
			.reply(200, { Quotes: [quote('Q-2', 6.5), quote('Q-1', 4.95, 'Carrier Y', 'Economy')] });

		const { result } = await searchList('searchQuotes', undefined, undefined, {
			consignmentReference: 'EC-1',
		});

		expect(result.results).toEqual([
			{ name: 'Carrier Y Economy – 4.95 GBP', value: 'Q-1' },
			{ name: 'Carrier X Next Day – 6.50 GBP', value: 'Q-2' },
		]);
	});

	test('a Consignment Reference from an expression cannot be listed: the message says to use By ID', async () => {
		await expect(searchList('searchQuotes')).rejects.toThrow(
			'From List needs a Consignment Reference typed in, not an expression',
		);
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

		// 1.5 kg to GB: 48 Hour (3.20) is the cheapest eligible service of the account.
		expect(cheapest).toMatchObject({ CarrierServiceReference: 'CZ_48', Price: 3.2 });
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
