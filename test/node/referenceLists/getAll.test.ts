/** Get Many of the account's reference data: carrier services, service groups, shipping locations. */
import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';

describe('Carrier Service and Service Group > Get Many', () => {
	test('list the account reference data, limited unless Return All', async () => {
		const services = [
			{ Reference: 'CX_NDS', Name: 'Next Day Super' },
			{ Reference: 'CY_ECO', Name: 'Economy' },
			{ Reference: 'CZ_INT', Name: 'International' },
		];
		const groups = [{ ServiceGroupCode: 'NEXTDAY', Name: 'Next day' }];
		const api = sortedPro()
			.get('/carrierservices')
			.reply(200, services)
			.get('/servicegroups')
			.reply(200, { ServiceGroups: groups });

		const carrierServices = await runWorkflow(
			operationWorkflow('carrierService', 'getAll', { limit: 2 }),
			[{}],
		);
		const serviceGroups = await runWorkflow(
			operationWorkflow('serviceGroup', 'getAll', { returnAll: true }),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(carrierServices.output?.map((item) => item.json)).toEqual(services.slice(0, 2));
		expect(serviceGroups.output?.map((item) => item.json)).toEqual(groups);
	});
});

describe('Shipping Location > Get Many', () => {
	test('one item per shipping location, all of SortedPRO’s fields, paired to the input item', async () => {
		const locations = [
			{ Reference: 'WAREHOUSE-1', Name: 'Main warehouse', Address: { Town: 'Leeds' } },
			{ Reference: 'STORE-2', Name: 'Shop' },
		];
		const api = sortedPro().get('/shippinglocations').reply(200, locations);

		const { output } = await runWorkflow(
			operationWorkflow('shippingLocation', 'getAll', { returnAll: true }),
			[{}],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toEqual(locations.map((json) => ({ json, pairedItem: { item: 0 } })));
	});
});

describe('Shipping Location > Get Many, refused', () => {
	test("SortedPRO's refusal is the item's error with On Error: Continue", async () => {
		sortedPro().get('/shippinglocations').reply(403, { message: 'Forbidden' });

		const { output } = await runWorkflow(
			operationWorkflow('shippingLocation', 'getAll', {}, { onError: 'continueRegularOutput' }),
			[{}],
		);

		expect(output).toHaveLength(1);
		expect(output?.[0].json).toMatchObject({
			error:
				'Could not get the shipping locations: SortedPRO rejected the API key (Forbidden) (HTTP 403)',
			httpStatus: 403,
		});
		expect(output?.[0].pairedItem).toEqual({ item: 0 });
	});
});
