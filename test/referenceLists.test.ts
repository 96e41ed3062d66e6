/** Carrier Service > Get Many and Service Group > Get Many: the account's reference data. */
import { operationWorkflow, runWorkflow } from './helpers/engine';
import { sortedPro } from './helpers/sortedPro';

describe('Carrier Service and Service Group > Get Many', () => {
	test('list the account reference data, limited unless Return All', async () => {
		const services = [
			{ Reference: 'CX_NDS', Name: 'Next Day Super' },
			{ Reference: 'CY_ECO', Name: 'Economy' },
			{ Reference: 'CZ_INT', Name: 'International' },
		];
		const groups = [{ ServiceGroupCode: 'NEXTDAY', Name: 'Next day' }];
		const api = sortedPro()
			.get('/carrierservices/')
			.reply(200, services)
			.get('/servicegroups/')
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
