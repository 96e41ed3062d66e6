/** Collection Calendar > Get. */
import nock from 'nock';

import { operationWorkflow, runWorkflow } from '../helpers/engine';
import { sortedPro } from '../helpers/sortedPro';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Collection Calendar > Get', () => {
	afterEach(() => nock.cleanAll());

	test('both references are encoded path segments; each item its own calendar; a 404 and a list fail their own items', async () => {
		const api = sortedPro()
			.get('/collectioncalendar/WAREHOUSE-1/CARRIER_X')
			.reply(200, { Rules: [{ DayOfWeek: 'Monday' }] })
			.get('/collectioncalendar/WH%2F2/CARRIER%20Y')
			.reply(404, { Code: 'NotFound', Message: 'No calendar' })
			.get('/collectioncalendar/WAREHOUSE-1/CARRIER_Z')
			.reply(200, [{ DayOfWeek: 'Monday' }]);

		const { output } = await runWorkflow(
			operationWorkflow(
				'collectionCalendar',
				'get',
				{
					shippingLocationReference: { __rl: true, mode: 'id', value: '={{ $json.location }}' },
					carrierReference: '={{ $json.carrier }}',
				},
				continueOnFail,
			),
			[
				{ location: 'WAREHOUSE-1', carrier: 'CARRIER_X' },
				{ location: 'WH/2', carrier: 'CARRIER Y' },
				{ location: 'WAREHOUSE-1', carrier: 'CARRIER_Z' },
			],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output?.[0].json).toEqual({
			Rules: [{ DayOfWeek: 'Monday' }],
			ShippingLocationReference: 'WAREHOUSE-1',
			CarrierReference: 'CARRIER_X',
		});
		expect(output?.[1].json).toMatchObject({ httpStatus: 404 });
		expect(output?.[1].json.error).toContain(
			'the collection calendar of carrier CARRIER Y at shipping location WH/2',
		);
		expect(output?.[2].json.error).toContain('not a collection calendar object');
	});

	test('an empty carrier fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('collectionCalendar', 'get', {
				shippingLocationReference: { __rl: true, mode: 'id', value: 'WAREHOUSE-1' },
				carrierReference: '={{ "" }}',
			}),
			[{}],
		);
		expect(error?.message).toContain('Carrier Reference');
	});
});
