import nock from 'nock';
import { sleep } from 'n8n-workflow';

import { operationWorkflow, references, runWorkflow } from '../helpers/engine';
import { allocationSummary, listResult, sortedPro } from '../helpers/sortedPro';
import {
	allocationSummary as documentedAllocationSummary,
	consignment,
} from '../fixtures/documented';

const group = { serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } };
const allocate = (options: Record<string, number | boolean> = {}, settings = {}) =>
	operationWorkflow('allocation', 'allocateWithServiceGroup', { ...group, options }, settings);
const path = (reference: string) => `/allocation/${reference}/allocatewithservicegroup/NEXTDAY`;
const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('retries', () => {
	test('429 (honouring Retry-After) and 503 are retried until SortedPRO answers', async () => {
		const api = sortedPro()
			.put(path('EC-1'))
			.reply(
				429,
				{ statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' },
				{ 'Retry-After': '0' },
			)
			.put(path('EC-1'))
			.reply(503, '')
			.put(path('EC-1'))
			.reply(200, allocationSummary('EC-1'));

		const { output, error } = await runWorkflow(allocate(), references('EC-1'));

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
	});

	/** EC-1 ... EC-count allocated; `refused` references are answered 429 (Retry-After `seconds`) once. */
	function gatewayRecording(count: number, refused: string[], seconds: string) {
		const arrivals: Array<{ reference: string; at: number; status: number }> = [];
		const pending = new Set(refused);
		sortedPro()
			.put(/\/allocation\/EC-\d+\/allocatewithservicegroup\/NEXTDAY/)
			.times(count + refused.length)
			.reply((request: { url: string }): nock.ReplyFnResult => {
				const reference = /EC-\d+/.exec(request.url)?.[0] ?? '';
				const status = pending.delete(reference) ? 429 : 200;
				arrivals.push({ reference, at: Date.now(), status });
				return status === 429
					? [
							429,
							{ statusCode: 429, message: 'Rate limit is exceeded.' },
							{ 'Retry-After': seconds },
						]
					: [200, allocationSummary(reference)];
			});
		const refs = Array.from({ length: count }, (_, index) => `EC-${index + 1}`);
		return { arrivals, refs };
	}

	test('a lone 429 delays only its own item, by its Retry-After: the others go on', async () => {
		const { arrivals, refs } = gatewayRecording(12, ['EC-1'], '5');

		const { output, error } = await runWorkflow(allocate(), references(...refs));

		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(refs);
		// Every other item was allocated while EC-1 waited; EC-1 went again after its 5 s.
		const refusal = arrivals.find((arrival) => arrival.status === 429);
		const retry = arrivals[arrivals.length - 1];
		expect(retry).toMatchObject({ reference: 'EC-1', status: 200 });
		expect(retry.at - (refusal?.at ?? 0)).toBeGreaterThanOrEqual(4900);
		expect(arrivals).toHaveLength(13);
	});

	test('three 429s in a row are the rate limit: the whole run waits out Retry-After', async () => {
		// Auto starts 5 at once: EC-1 to EC-3 are refused together.
		const { arrivals, refs } = gatewayRecording(10, ['EC-1', 'EC-2', 'EC-3'], '2');

		const { output, error } = await runWorkflow(allocate(), references(...refs));

		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(refs);
		const refusals = arrivals.filter((arrival) => arrival.status === 429);
		expect(refusals.map((arrival) => arrival.reference).sort()).toEqual(['EC-1', 'EC-2', 'EC-3']);
		// Until the third refusal came back, each answer (the first two refusals, EC-4's and EC-5's
		// allocations) could free a place for another item; after it, nothing more was sent for the
		// 2 s SortedPRO asked. Were each 429 a lone one, all seven other items would have gone at once.
		const lastRefusal = Math.max(...refusals.map((arrival) => arrival.at));
		const during = arrivals.filter(
			(arrival) => arrival.at > lastRefusal && arrival.at < lastRefusal + 1900,
		);
		expect(during.length).toBeLessThanOrEqual(4);
		expect(arrivals).toHaveLength(13);
	});

	test('rate-limit refusals do not use up Max Attempts: refused 7 times with 2 attempts set, then allocated', async () => {
		const limited = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' };
		const api = sortedPro().put(path('EC-1')).times(7).reply(429, limited, { 'Retry-After': '0' });
		api.put(path('EC-1')).reply(200, allocationSummary('EC-1'));

		const { output, error } = await runWorkflow(allocate({ maxAttempts: 2 }), references('EC-1'));

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
	});

	test('rate-limit refusals are waited out for Max Attempts x Request Timeout at most, then the item fails', async () => {
		const limited = { statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' };
		sortedPro().put(path('EC-1')).times(20).reply(429, limited, { 'Retry-After': '1' });

		const started = Date.now();
		const { error } = await runWorkflow(
			allocate({ maxAttempts: 2, timeoutSeconds: 1 }),
			references('EC-1'),
		);

		// The bound is 2 x 1 s: after a second of waiting, a second wait would end past it, so
		// the item fails then instead of waiting again.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(error?.message).toMatch(/rate limit was exceeded .*\(HTTP 429\) \(after 2 attempts\)$/);
		expect(error?.description).toContain(
			'the node waits out a rate limit for at most 2 s (Max Attempts x Request Timeout)',
		);
		nock.cleanAll();
	});

	test.each([
		['0', '0'],
		['a negative number', '-5'],
		['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
		['nonsense', 'soon'],
		['nothing', undefined],
	])('a Retry-After of %s never makes an item flood SortedPRO', async (_case, retryAfter) => {
		const limited = { statusCode: 429, message: 'Rate limit is exceeded.' };
		let requests = 0;
		sortedPro()
			.put(path('EC-1'))
			.times(1000)
			.reply(() => {
				requests += 1;
				return [429, limited, retryAfter === undefined ? {} : { 'Retry-After': retryAfter }];
			});

		const { error } = await runWorkflow(
			allocate({ maxAttempts: 2, timeoutSeconds: 1 }),
			references('EC-1'),
		);

		// Each refusal is waited out for at least half a second, within the 2 s bound: a few
		// requests at the most (before, such values sent hundreds a second).
		expect(requests).toBeGreaterThanOrEqual(2);
		expect(requests).toBeLessThanOrEqual(5);
		expect(error?.message).toMatch(/rate limit was exceeded .*\(HTTP 429\)/);
		nock.cleanAll();
	});

	test('with Max Attempts 1 a 429 is final at once, and no wait is spoken of', async () => {
		const limited = {
			statusCode: 429,
			message: 'Rate limit is exceeded. Try again in 30 seconds.',
		};
		const api = sortedPro().put(path('EC-1')).times(2).reply(429, limited, { 'Retry-After': '30' });

		const { error } = await runWorkflow(allocate({ maxAttempts: 1 }), references('EC-1'));

		expect(error?.message).toMatch(/rate limit was exceeded .*\(HTTP 429\)$/);
		expect(error?.description).not.toContain('the node waits out a rate limit');
		expect(error?.description).toContain('Wait 30 seconds and run the workflow again');
		expect(api.pendingMocks()).toHaveLength(1);
		nock.cleanAll();
	});

	test('a Retry-After of more than a minute is not waited out: the item fails at once, saying so', async () => {
		const limited = { statusCode: 429, message: 'Rate limit is exceeded.' };
		const api = sortedPro()
			.put(path('EC-1'))
			.times(2)
			.reply(429, limited, { 'Retry-After': '100000' });

		const { error } = await runWorkflow(allocate(), references('EC-1'));

		expect(error?.message).toMatch(/rate limit was exceeded .*\(HTTP 429\)$/);
		expect(error?.description).toContain(
			'SortedPRO asked to wait more than 60 seconds, which the node does not wait out.',
		);
		// One request was sent; the second answer is still waiting.
		expect(api.pendingMocks()).toHaveLength(1);
		nock.cleanAll();
	});

	test('a connection reset is retried', async () => {
		const api = sortedPro()
			.put(path('EC-1'))
			.replyWithError(reset())
			.put(path('EC-1'))
			.reply(200, allocationSummary('EC-1'));

		const { output } = await runWorkflow(allocate(), references('EC-1'));

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.CarrierName).toBe('Carrier X');
	});

	test('other 4xx answers are never retried', async () => {
		const api = sortedPro()
			.put(path('EC-1'))
			.reply(400, { Message: 'Bad request' })
			.put(path('EC-1'))
			.reply(200, allocationSummary('EC-1'));

		const { error } = await runWorkflow(allocate(), references('EC-1'));

		expect(error?.message).toBe(
			'Could not allocate consignment EC-1 with service group NEXTDAY: Bad request (HTTP 400)',
		);
		expect(api.pendingMocks()).toHaveLength(1);
	});

	test('the final error says how many attempts were made', async () => {
		sortedPro().put(path('EC-1')).times(3).reply(503, '');

		const { error } = await runWorkflow(allocate({ maxAttempts: 3 }), references('EC-1'));

		expect(error?.message).toBe(
			'Could not allocate consignment EC-1 with service group NEXTDAY: SortedPRO or its gateway failed and sent no readable explanation (HTTP 503) (after 3 attempts)',
		);
	});

	test('a create whose answer was lost is not sent again', async () => {
		const api = sortedPro()
			.post('/consignments')
			.replyWithError(reset())
			.post('/consignments')
			.reply(200, [{ Rel: 'Link', Href: 'https://api.electioapp.com/consignments/EC-2' }]);

		const { error } = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				inputMode: 'json',
				jsonBody: '{"ShippingLocationReference":"W"}',
			}),
			[{}],
		);

		expect(error?.message).toBe(
			'Could not create a consignment for item 0: the connection was reset before SortedPRO answered',
		);
		expect(api.pendingMocks()).toHaveLength(1);
	});
});

describe('no double allocation', () => {
	const refusedAsAllocated = {
		Code: 'InvalidConsignmentState',
		Message: 'Consignment EC-1 is in state Allocated and cannot be allocated',
	};

	test('a retry refused because the lost attempt allocated it: read back, a success marked recoveredAfterRetry', async () => {
		const api = sortedPro()
			.put(path('EC-1'))
			.replyWithError(reset())
			.put(path('EC-1'))
			.reply(400, refusedAsAllocated)
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Allocated'));

		const { output, error } = await runWorkflow(allocate(), references('EC-1'));

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		// The allocation as a fresh answer would give it: carrier from ConsignmentLegs, service
		// from Allocation (help/getting_consignment_data.md).
		expect(output).toEqual([
			{
				json: {
					ConsignmentReference: 'EC-1',
					State: 'Allocated',
					CarrierReference: 'CARRIER_X',
					CarrierName: 'Carrier X',
					CarrierServiceReference: 'CX_NDS',
					CarrierServiceName: 'Next Day Super',
					ConsignmentLegs: consignment('EC-1', 'Allocated').ConsignmentLegs,
					recoveredAfterRetry: true,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('if the consignment is not allocated after all, the refusal stands', async () => {
		sortedPro()
			.put(path('EC-1'))
			.replyWithError(reset())
			.put(path('EC-1'))
			.reply(400, { Message: 'Consignment EC-1 is in state Cancelled and cannot be allocated' })
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Cancelled'));

		const { error } = await runWorkflow(allocate(), references('EC-1'));

		expect(error?.message).toBe(
			'Could not allocate consignment EC-1 with service group NEXTDAY: Consignment EC-1 is in state Cancelled and cannot be allocated (HTTP 400) (after 2 attempts)',
		);
	});

	test('if reading the consignment back fails, the refusal is still the error reported', async () => {
		sortedPro()
			.put(path('EC-1'))
			.replyWithError(reset())
			.put(path('EC-1'))
			.reply(400, refusedAsAllocated)
			.get('/consignments/EC-1')
			.reply(404, { Message: 'Not found' });

		const { error } = await runWorkflow(allocate(), references('EC-1'));

		expect(error?.message).toBe(
			'Could not allocate consignment EC-1 with service group NEXTDAY: Consignment EC-1 is in state Allocated and cannot be allocated (HTTP 400) (after 2 attempts)',
		);
	});

	test('a refusal without a lost answer is not second-guessed', async () => {
		const api = sortedPro()
			.put(path('EC-1'))
			.reply(400, refusedAsAllocated)
			// Were it read, it would count as allocated: it must not be read.
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Allocated'));

		const { error } = await runWorkflow(allocate(), references('EC-1'));

		expect(error?.message).toContain('is in state Allocated and cannot be allocated (HTTP 400)');
		expect(api.pendingMocks()).toEqual(['GET https://api.electioapp.com:443/consignments/EC-1']);
	});

	test('in a list call repeated after a lost answer, a consignment refused as already allocated is recovered', async () => {
		const api = sortedPro()
			.put('/allocation/allocatewithservicegroup')
			.replyWithError(reset())
			.put('/allocation/allocatewithservicegroup')
			// Documented: List<AllocationSummary>; a refused consignment's summary is not documented
			// (the simulator's: its StatusCode, the reason in Description).
			.reply(200, [
				{
					StatusCode: 400,
					ApiLinks: [{ Rel: 'detail', Href: 'https://api.electioapp.com/consignments/EC-1' }],
					Description: 'Consignment EC-1 is in state Allocated and cannot be allocated',
					ConsignmentLegs: [],
				},
				documentedAllocationSummary('EC-2'),
			])
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Allocated'));

		const { output } = await runWorkflow(
			allocate({ sendInBatches: true }),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(
			output?.map((item) => [
				item.json.ConsignmentReference,
				item.json.recoveredAfterRetry ?? false,
			]),
		).toEqual([
			['EC-1', true],
			['EC-2', false],
		]);
		expect(output?.[0].json).toMatchObject({
			State: 'Allocated',
			CarrierServiceReference: 'CX_NDS',
		});
	});
});

describe('Max Concurrent Requests', () => {
	test('sends up to the setting at once and keeps outputs in input order, paired', async () => {
		let inFlight = 0;
		let mostInFlight = 0;
		const refs = Array.from({ length: 9 }, (_value, index) => `EC-${index + 1}`);
		const scope = sortedPro();
		refs.forEach((reference, index) => {
			scope.put(path(reference)).reply(async () => {
				inFlight += 1;
				mostInFlight = Math.max(mostInFlight, inFlight);
				// Later items answer sooner, so answers arrive out of input order.
				await sleep((refs.length - index) * 5);
				inFlight -= 1;
				return [200, allocationSummary(reference)];
			});
		});

		const { output } = await runWorkflow(allocate({ maxConcurrency: 3 }), references(...refs));

		expect(scope.isDone()).toBe(true);
		expect(mostInFlight).toBe(3);
		expect(output?.map((item) => [item.json.ConsignmentReference, item.pairedItem])).toEqual(
			refs.map((reference, index) => [reference, { item: index }]),
		);
		expect(nock.pendingMocks()).toEqual([]);
	});
});

describe('Max Concurrent Requests with batch calls', () => {
	test('list calls run side by side too, and each item still gets its own result in order', async () => {
		let inFlight = 0;
		let mostInFlight = 0;
		let started = 0;
		const refs = Array.from({ length: 6 }, (_value, index) => `EC-${index + 1}`);
		const scope = sortedPro()
			.put('/allocation/allocate')
			.times(3)
			.reply(async () => {
				// Calls start in input order: call n carries references 2n+1 and 2n+2.
				const batch = refs.slice(2 * started, 2 * started + 2);
				started += 1;
				inFlight += 1;
				mostInFlight = Math.max(mostInFlight, inFlight);
				// The first call answers last.
				await sleep(batch.includes('EC-1') ? 40 : 5);
				inFlight -= 1;
				return [200, batch.map((reference) => listResult(reference))];
			});

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules', {
				options: { batchSize: 2, maxConcurrency: 3 },
			}),
			references(...refs),
		);

		expect(error?.message).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(mostInFlight).toBe(3);
		expect(output?.map((item) => [item.json.ConsignmentReference, item.pairedItem])).toEqual(
			refs.map((reference, index) => [reference, { item: index }]),
		);
	});

	test('with Auto, the list calls of a run all start together (not 5 at first, as one call per item does)', async () => {
		const calls = 12;
		let inFlight = 0;
		let mostInFlight = 0;
		const refs = Array.from({ length: calls }, (_value, index) => `EC-${index + 1}`);
		const scope = sortedPro()
			.put('/allocation/allocate')
			.times(calls)
			.reply(async (request: { json: () => Promise<unknown> }) => {
				const batch = ((await request.json()) as { ConsignmentReferences: string[] })
					.ConsignmentReferences;
				inFlight += 1;
				mostInFlight = Math.max(mostInFlight, inFlight);
				// Each call is answered once all have arrived (or after 2 s, if they never do).
				for (let waited = 0; mostInFlight < calls && waited < 2000; waited += 10) await sleep(10);
				inFlight -= 1;
				return [200, batch.map((reference) => listResult(reference))];
			});

		const { output, error } = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithDefaultRules', { options: { batchSize: 1 } }),
			references(...refs),
		);

		expect(error?.message).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(mostInFlight).toBe(calls);
		expect(output?.map((item) => item.json.ConsignmentReference)).toEqual(refs);
	});
});
