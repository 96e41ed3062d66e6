/** Create with If Your Reference Already Exists: a re-import never creates an order twice. */

import { operationWorkflow, runWorkflow } from '../../../helpers/engine';
import { sortedPro } from '../../../helpers/sortedPro';
import { link, searchAnswer, summary } from '../../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Consignment > Create: If Your Reference Already Exists', () => {
	const create = (ifYourReferenceExists?: string, settings = {}) =>
		operationWorkflow(
			'consignment',
			'create',
			{
				inputMode: 'json',
				jsonBody:
					'={{ JSON.stringify({ ConsignmentReferenceProvidedByCustomer: $json.order, Packages: [] }) }}',
				...(ifYourReferenceExists ? { ifYourReferenceExists } : {}),
			},
			settings,
		);
	/** SortedPRO's documented search by your reference (help/getting_consignment_data.md). */
	const search = (yourReference: string) =>
		sortedPro().get('/consignments/100/0').query({ referenceProvidedByCustomer: yourReference });
	const existing = summary('EC-7', 'Allocated', 'ORDER 1/2');

	test('Return Existing (the default): the existing consignment, marked existing, and nothing created', async () => {
		const api = search('ORDER 1/2').reply(200, searchAnswer(existing));
		const post = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-70')]);

		const { output, error } = await runWorkflow(create(), [{ order: 'ORDER 1/2' }]);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(post.isDone()).toBe(false);
		expect(output?.[0].json).toEqual({ ...existing, ConsignmentReference: 'EC-7', existing: true });
	});

	test('a reference SortedPRO does not have is created, once', async () => {
		// The search finds only ORDER-20, which is not ORDER-2.
		const api = search('ORDER-2')
			.reply(200, searchAnswer(summary('EC-20', 'Allocated', 'ORDER-20')))
			.post('/consignments')
			.once()
			.reply(201, [link('EC-8')]);

		const { output } = await runWorkflow(create(), [{ order: 'ORDER-2' }]);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-8' });
		expect(output?.[0].json.existing).toBeUndefined();
	});

	test('Create Another does not look; Error names the existing consignment', async () => {
		const api = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-9')])
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-3' })
			.reply(200, searchAnswer(summary('EC-3', 'Allocated', 'ORDER-3')));

		const another = await runWorkflow(create('createAnother'), [{ order: 'ORDER-3' }]);
		const refused = await runWorkflow(create('error', continueOnFail), [{ order: 'ORDER-3' }]);

		expect(api.isDone()).toBe(true);
		expect(another.output?.[0].json.ConsignmentReference).toBe('EC-9');
		expect(refused.output?.[0].json).toMatchObject({
			error: 'A consignment with your reference ORDER-3 already exists: EC-3',
			errorDescription: expect.stringContaining('Nothing was created'),
		});
	});

	test('a look-up that fails is an error, never taken for "none exists"', async () => {
		const api = search('ORDER-4')
			.reply(401, { message: 'Access denied' })
			// An answer that is not a search answer is no more "none" than a refusal is.
			.get('/consignments/100/0')
			.query({ referenceProvidedByCustomer: 'ORDER-4' })
			.reply(200, {});
		const post = sortedPro()
			.post('/consignments')
			.reply(201, [link('EC-40')]);

		const refused = await runWorkflow(create(), [{ order: 'ORDER-4' }]);
		const unreadable = await runWorkflow(create(), [{ order: 'ORDER-4' }]);

		expect(api.isDone()).toBe(true);
		expect(post.isDone()).toBe(false);
		for (const { error } of [refused, unreadable]) {
			expect(error?.message).toContain(
				'Could not look for a consignment with your reference ORDER-4',
			);
		}
		expect(unreadable.error?.message).toContain('not a consignment search answer');
	});
});
