import nock from 'nock';

import {
	PRODUCTION,
	TEST_API_KEY,
	readWorkflow,
	runWorkflow,
	visibleText,
	withNode,
} from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';

const workflow = readWorkflow('allocate-with-service-group.json');
// One attempt: these tests are about how each answer is reported (retries: test/cross-cutting/resilience.test.ts).
const oneAttempt = withNode(workflow, { parameters: { options: { maxAttempts: 1 } } });

const summary = (reference: string) => ({
	StatusCode: 200,
	ApiLinks: [{ Rel: 'label', Href: `${PRODUCTION}/labels/${reference}` }],
	Description: `Consignment ${reference} has been successfully allocated with Carrier X Next Day Super`,
	ConsignmentLegs: [{ Leg: 1, TrackingReferences: ['TRK1'], CarrierReference: 'CARRIER_X' }],
	CarrierReference: 'CARRIER_X',
	CarrierName: 'Carrier X',
	CarrierServiceReference: 'CX_NDS',
	CarrierServiceName: 'Next Day Super',
});

const allocatePath = (reference: string, group: string) =>
	`/allocation/${encodeURIComponent(reference)}/allocatewithservicegroup/${encodeURIComponent(group)}`;

describe('Allocate With Service Group', () => {
	test('allocates each item with one PUT and outputs its Allocation Summary, paired and in order', async () => {
		const api = sortedPro()
			.put(allocatePath('EC-000-05B-MMA', 'NEXTDAY'))
			.reply(200, summary('EC-000-05B-MMA'))
			// Some SortedPRO endpoints wrap the summary in a one-element array.
			.put(allocatePath('EC-000-05B-MMB', 'ECONOMY'))
			.reply(200, [summary('EC-000-05B-MMB')]);

		const { output, error } = await runWorkflow(workflow, [
			{ reference: 'EC-000-05B-MMA', group: 'NEXTDAY' },
			{ reference: 'EC-000-05B-MMB', group: 'ECONOMY' },
		]);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output).toEqual([
			{
				json: { ...summary('EC-000-05B-MMA'), ConsignmentReference: 'EC-000-05B-MMA' },
				pairedItem: { item: 0 },
			},
			{
				json: { ...summary('EC-000-05B-MMB'), ConsignmentReference: 'EC-000-05B-MMB' },
				pairedItem: { item: 1 },
			},
		]);
	});

	test('takes the service group from the drop-down (list mode) as well as by code', async () => {
		const api = sortedPro().put(allocatePath('EC-1', 'NEXTDAY')).reply(200, summary('EC-1'));
		const fromList = withNode(workflow, {
			parameters: {
				serviceGroup: { __rl: true, mode: 'list', value: 'NEXTDAY', cachedResultName: 'Next day' },
			},
		});

		const { output } = await runWorkflow(fromList, [{ reference: 'EC-1' }]);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.CarrierName).toBe('Carrier X');
	});

	test('trims references before sending them', async () => {
		const api = sortedPro().put(allocatePath('EC-1', 'NEXTDAY')).reply(200, summary('EC-1'));

		const { output } = await runWorkflow(workflow, [{ reference: '  EC-1\t', group: ' NEXTDAY ' }]);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
	});

	test('URL-encodes every path segment, so no input can change the request path', async () => {
		// Slashes, dots, query and fragment characters all stay inside one segment.
		const api = sortedPro()
			.put('/allocation/EC-1%2F..%2Fx%3Fy%23z/allocatewithservicegroup/GROUP%20A%2F..%3F')
			.reply(200, summary('EC-1/../x?y#z'));

		const { output, error } = await runWorkflow(workflow, [
			{ reference: 'EC-1/../x?y#z', group: 'GROUP A/..?' },
		]);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-1/../x?y#z');
	});

	describe('bad input is refused before any request is sent', () => {
		test.each([
			['blank', '   '],
			['missing', undefined],
		])('a %s consignment reference names the field and the item', async (_case, reference) => {
			const api = sortedPro()
				.put(allocatePath('EC-1', 'NEXTDAY'))
				.reply(200, summary('EC-1'))
				.put(allocatePath('EC-3', 'NEXTDAY'))
				.reply(200, summary('EC-3'));

			const { output, error } = await runWorkflow(workflow, [
				{ reference: 'EC-1', group: 'NEXTDAY' },
				{ reference, group: 'NEXTDAY' },
				{ reference: 'EC-3', group: 'NEXTDAY' },
			]);

			expect(output).toBeUndefined();
			expect(error?.message).toBe('"Consignment Reference" is empty in item 1');
			expect(error?.description).toContain('Nothing was sent to SortedPRO');
			// Not even the valid items before it were sent.
			expect(api.pendingMocks()).toHaveLength(2);
		});

		test('a blank service group names the field and the item', async () => {
			const api = sortedPro().put(allocatePath('EC-1', 'NEXTDAY')).reply(200, summary('EC-1'));

			const { error } = await runWorkflow(workflow, [
				{ reference: 'EC-1', group: 'NEXTDAY' },
				{ reference: 'EC-2', group: '' },
			]);

			expect(error?.message).toBe('"Carrier Service Group" is empty in item 1');
			expect(api.pendingMocks()).toHaveLength(1);
		});

		test('a reference that is not text, or only dots, is refused', async () => {
			const notText = await runWorkflow(workflow, [{ reference: { id: 1 }, group: 'NEXTDAY' }]);
			expect(notText.error?.message).toBe(
				'"Consignment Reference" must be text, but item 0 gave object',
			);

			const dots = await runWorkflow(workflow, [{ reference: '..', group: 'NEXTDAY' }]);
			expect(dots.error?.message).toBe(
				'"Consignment Reference" in item 0 is "..", which is not a SortedPRO reference',
			);
		});
	});

	describe('SortedPRO errors become readable NodeApiErrors', () => {
		test('an application error carries Message, reference and status, with Details and CorrelationId in the description', async () => {
			sortedPro()
				.put(allocatePath('EC-1', 'NEXTDAY'))
				.reply(400, {
					Code: 'ValidationFailed',
					Message: 'No carrier service in the group is eligible for this consignment',
					CorrelationId: 'corr-123',
					Details: [
						{
							Code: 'NoEligibleService',
							Target: 'ConsignmentReference',
							Message: 'Package too heavy for every service',
						},
					],
				});

			const { error } = await runWorkflow(oneAttempt, [{ reference: 'EC-1', group: 'NEXTDAY' }]);

			expect(error?.message).toBe(
				'Could not allocate consignment EC-1 with service group NEXTDAY: No carrier service in the group is eligible for this consignment (HTTP 400)',
			);
			expect(error?.httpCode).toBe('400');
			expect(error?.description).toContain(
				'- ConsignmentReference: Package too heavy for every service [NoEligibleService]',
			);
			expect(error?.description).toContain('Correlation ID (quote it to Sorted support): corr-123');
			expect(error?.description).toContain('SortedPRO error code: ValidationFailed');
		});

		/** The error of one allocation with NEXTDAY that SortedPRO refuses with this answer. */
		const refusedWith = async (reference: string, status: number, body: object) => {
			sortedPro().put(allocatePath(reference, 'NEXTDAY')).reply(status, body);
			return (await runWorkflow(oneAttempt, [{ reference, group: 'NEXTDAY' }])).error;
		};

		test('the description names the fix, one line each in the editor; the error item has it as one plain line with the code and correlation ID', async () => {
			const refusal = {
				Code: 'NoEligibleCarrierService',
				Message: 'No carrier service in\nthe group is eligible for consignment EC-1',
				CorrelationId: 'corr-9',
				Details: [{ Target: 'Packages', Message: 'Weight <Weight> too high' }],
			};
			const error = await refusedWith('EC-1', 400, refusal);
			expect(error?.message).not.toContain('\n');
			// n8n's editor shows the description as HTML: lines are <br>, a '<' from SortedPRO stays text.
			expect(error?.description?.split('<br>')).toEqual([
				expect.stringContaining('See which services can take it with Quote > Get Many'),
				'Details:',
				'- Packages: Weight &lt;Weight> too high',
				'SortedPRO error code: NoEligibleCarrierService',
				'Correlation ID (quote it to Sorted support): corr-9',
			]);

			sortedPro().put(allocatePath('EC-1', 'NEXTDAY')).reply(400, refusal);
			const { output } = await runWorkflow(
				withNode(oneAttempt, { onError: 'continueRegularOutput' }),
				[{ reference: 'EC-1', group: 'NEXTDAY' }],
			);
			const item = output?.[0].json;
			expect(String(item?.errorDescription)).not.toMatch(/\n|<br>|&lt;/);
			expect(item?.errorDescription).toContain('Details: - Packages: Weight <Weight> too high');
			expect(item).toMatchObject({
				errorCode: 'NoEligibleCarrierService',
				correlationId: 'corr-9',
			});
		});

		test('a 404 names the one record SortedPRO named', async () => {
			const error = await refusedWith('EC-NOPE', 404, {
				Message: 'Consignment EC-NOPE was not found',
			});
			expect(error?.message).toContain('SortedPRO could not find consignment EC-NOPE (');
			expect(error?.message).not.toContain('service group NEXTDAY (');
		});

		test('a refusal for the state points to If Already Allocated: Return Current Allocation', async () => {
			const error = await refusedWith('EC-1', 400, {
				Message: 'Consignment EC-1 is already allocated',
			});
			expect(error?.description).toContain('deallocate it first (Allocation > Deallocate)');
			expect(error?.description).toContain(
				"set the node's Options > If Already Allocated to Return Current Allocation",
			);
		});

		test('401 from the gateway says the API key or environment is wrong', async () => {
			sortedPro().put(allocatePath('EC-1', 'NEXTDAY')).reply(401, {
				statusCode: 401,
				message:
					'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
			});

			const { error } = await runWorkflow(oneAttempt, [{ reference: 'EC-1', group: 'NEXTDAY' }]);

			expect(error?.message).toMatch(
				/^Could not allocate consignment EC-1 with service group NEXTDAY: SortedPRO rejected the API key \(Access denied due to invalid subscription key\..*\) \(HTTP 401\)$/,
			);
			expect(error?.description).toContain('Check the API key in the "SortedPRO API" credential');
			expect(error?.description).toContain('production and sandbox keys are different');
		});

		test('429 says the rate limit was hit and how long SortedPRO asked to wait', async () => {
			sortedPro()
				.put(allocatePath('EC-1', 'NEXTDAY'))
				.reply(
					429,
					{ statusCode: 429, message: 'Rate limit is exceeded. Try again in 3 seconds.' },
					{ 'Retry-After': '3' },
				);

			const { error } = await runWorkflow(oneAttempt, [{ reference: 'EC-1', group: 'NEXTDAY' }]);

			expect(error?.message).toBe(
				"Could not allocate consignment EC-1 with service group NEXTDAY: SortedPRO's rate limit was exceeded (Rate limit is exceeded. Try again in 3 seconds.) (HTTP 429)",
			);
			expect(error?.description).toContain(
				'Wait 3 seconds and run the workflow again, or lower Max Concurrent Requests.',
			);
		});

		test('404 says the consignment or the group was not found', async () => {
			sortedPro()
				.put(allocatePath('EC-404', 'NOPE'))
				.reply(404, { Code: 'NotFound', Message: 'Resource not found' });

			const { error } = await runWorkflow(oneAttempt, [{ reference: 'EC-404', group: 'NOPE' }]);

			expect(error?.message).toBe(
				'Could not allocate consignment EC-404 with service group NOPE: SortedPRO could not find consignment EC-404 or service group NOPE (Resource not found) (HTTP 404)',
			);
			expect(error?.description).toContain('production and sandbox have separate data');
		});

		test('a state error says only Unallocated or Allocation Failed consignments can be allocated', async () => {
			sortedPro().put(allocatePath('EC-1', 'NEXTDAY')).reply(400, {
				Code: 'InvalidState',
				Message: 'Consignment EC-1 is in state Allocated and cannot be allocated',
			});

			const { error } = await runWorkflow(oneAttempt, [{ reference: 'EC-1', group: 'NEXTDAY' }]);

			expect(error?.message).toContain(
				'Consignment EC-1 is in state Allocated and cannot be allocated (HTTP 400)',
			);
			expect(error?.description).toMatch(
				/^Only consignments in state Unallocated or Allocation Failed can be allocated/,
			);
		});

		test('an HTML 502 from the gateway still gives a readable message', async () => {
			sortedPro()
				.put(allocatePath('EC-1', 'NEXTDAY'))
				.reply(
					502,
					'<html><head><style>p{}</style></head><body><h1>502 Bad Gateway</h1><p>The upstream server failed.</p></body></html>',
					{
						'Content-Type': 'text/html',
					},
				);

			const { error } = await runWorkflow(oneAttempt, [{ reference: 'EC-1', group: 'NEXTDAY' }]);

			expect(error?.message).toBe(
				'Could not allocate consignment EC-1 with service group NEXTDAY: SortedPRO failed: 502 Bad Gateway The upstream server failed. (HTTP 502)',
			);
			expect(error?.description).toContain('usually temporary');
		});

		test('an empty 503 and a dropped connection are explained too', async () => {
			sortedPro().put(allocatePath('EC-1', 'NEXTDAY')).reply(503, '');
			const empty = await runWorkflow(oneAttempt, [{ reference: 'EC-1', group: 'NEXTDAY' }]);
			expect(empty.error?.message).toBe(
				'Could not allocate consignment EC-1 with service group NEXTDAY: SortedPRO or its gateway failed and sent no readable explanation (HTTP 503)',
			);

			sortedPro()
				.put(allocatePath('EC-1', 'NEXTDAY'))
				.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
			const reset = await runWorkflow(oneAttempt, [{ reference: 'EC-1', group: 'NEXTDAY' }]);
			expect(reset.error?.message).toBe(
				'Could not allocate consignment EC-1 with service group NEXTDAY: the connection was reset before SortedPRO answered',
			);
			expect(reset.error?.description).toContain(
				'it is not known whether SortedPRO acted on the request',
			);
		});
	});

	describe('On Error: Continue', () => {
		const continuing = withNode(workflow, { onError: 'continueRegularOutput' });

		test('failed items become error items paired to their input; the others are still allocated', async () => {
			const api = sortedPro()
				.put(allocatePath('EC-1', 'NEXTDAY'))
				.reply(200, summary('EC-1'))
				.put(allocatePath('EC-2', 'NEXTDAY'))
				.reply(400, { Code: 'InvalidState', Message: 'Consignment EC-2 is in state Cancelled' })
				.put(allocatePath('EC-4', 'NEXTDAY'))
				.reply(200, summary('EC-4'));

			const { output, error } = await runWorkflow(continuing, [
				{ reference: 'EC-1', group: 'NEXTDAY' },
				{ reference: 'EC-2', group: 'NEXTDAY' },
				{ reference: 'EC-3', group: '' },
				{ reference: 'EC-4', group: 'NEXTDAY' },
			]);

			expect(error).toBeUndefined();
			expect(api.isDone()).toBe(true);
			expect(output).toHaveLength(4);
			expect(output?.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
			expect(output?.[1].json).toMatchObject({
				error:
					'Could not allocate consignment EC-2 with service group NEXTDAY: Consignment EC-2 is in state Cancelled (HTTP 400)',
				consignmentReference: 'EC-2',
				httpStatus: 400,
			});
			expect(output?.[2].json).toMatchObject({
				error: '"Carrier Service Group" is empty in item 2',
				consignmentReference: 'EC-3',
				httpStatus: null,
			});
			expect(output?.[3].json.ConsignmentReference).toBe('EC-4');
		});
	});

	describe('the API key never leaks', () => {
		test.each([
			['a success', (scope: nock.Interceptor) => scope.reply(200, summary('EC-1'))],
			[
				'an application error',
				(scope: nock.Interceptor) => scope.reply(400, { Message: 'nope', CorrelationId: 'c' }),
			],
			[
				'a 401',
				(scope: nock.Interceptor) =>
					scope.reply(401, { statusCode: 401, message: 'Access denied' }),
			],
			[
				'a network error',
				(scope: nock.Interceptor) =>
					scope.replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })),
			],
		])('not in outputs, errors, error descriptions or logs after %s', async (_case, answer) => {
			for (const settings of [{}, { onError: 'continueRegularOutput' as const }]) {
				answer(sortedPro().put(allocatePath('EC-1', 'NEXTDAY')));
				const { run, error, logs } = await runWorkflow(withNode(oneAttempt, settings), [
					{ reference: 'EC-1', group: 'NEXTDAY' },
				]);

				const seen = visibleText({ run, error, logs });
				expect(seen).toContain('EC-1'); // the scan does see the run
				expect(seen).not.toContain(TEST_API_KEY);
			}
		});
	});
});
