/** Package > Add, Remove, Update. */
import nock from 'nock';

import { loadOptions, operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { consignment, packageAnswer, PACKAGE_REF } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Package > Add', () => {
	afterEach(() => nock.cleanAll());

	test("one call per item, paired; a package size stands for the weight; SortedPRO's refusal is the item's error", async () => {
		const api = sortedPro()
			.post('/consignments/EC-1/addpackage', {
				Weight: { Value: 1.2, Unit: 'Kg' },
				Description: 'Gloves',
			})
			.reply(201, packageAnswer('EP-1-2'))
			.post('/consignments/EC%2F2/addpackage', { PackageSizeReference: 'SMALL-BOX' })
			.reply(201, { ...packageAnswer('EP-2-2'), PackageSizeReference: 'SMALL-BOX' })
			.post('/consignments/EC-3/addpackage', { Weight: { Value: 1.2, Unit: 'Kg' } })
			.reply(400, {
				Code: 'InvalidConsignmentState',
				Message: 'Consignment EC-3 is in state Allocated and cannot be changed',
			});

		const { output } = await runWorkflow(
			operationWorkflow(
				'package',
				'add',
				{
					weight: '={{ $json.size ? 0 : 1.2 }}',
					description: '={{ $json.description ?? "" }}',
					packageSizeReference: '={{ $json.size ?? "" }}',
				},
				continueOnFail,
			),
			[
				{ reference: 'EC-1', description: 'Gloves' },
				{ reference: 'EC/2', size: 'SMALL-BOX' },
				{ reference: 'EC-3' },
			],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-1',
			PackageReference: 'EP-1-2',
		});
		expect(output?.[1].json).toMatchObject({
			ConsignmentReference: 'EC/2',
			PackageReference: 'EP-2-2',
		});
		expect(output?.[2].json.error).toContain('Could not add a package to consignment EC-3');
		expect(output?.[2].json.errorDescription).toContain('deallocate it first');
	});

	test('no weight and no package size fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('package', 'add', { weight: 0 }),
			references('EC-1'),
		);
		expect(error?.message).toContain('"Weight" in item 0 must be more than 0');
	});

	test('a lost answer is not sent again (a second package would be added); an answer without the new Reference is an error', async () => {
		const api = sortedPro()
			.post('/consignments/EC-1/addpackage')
			.reply(504, 'Gateway Timeout')
			.post('/consignments/EC-2/addpackage')
			.reply(201, {});

		const { output } = await runWorkflow(
			operationWorkflow(
				'package',
				'add',
				{ weight: 1, options: { maxAttempts: 3 } },
				continueOnFail,
			),
			references('EC-1', 'EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.errorDescription).toContain('SortedPRO may have added the package');
		expect(output?.[1].json.error).toContain('not the new package with its Reference');
	});
});

describe('Package > Remove', () => {
	afterEach(() => nock.cleanAll());

	test('both references are encoded path segments; a 404 names the package', async () => {
		const api = sortedPro()
			.post('/consignments/EC-1/removepackage/EP%2F1')
			.reply(200)
			.post('/consignments/EC-2/removepackage/EP-9')
			.reply(404, { Code: 'NotFound', Message: 'Package EP-9 was not found' });

		const { output } = await runWorkflow(
			operationWorkflow(
				'package',
				'remove',
				{ packageReference: '={{ $json.pkg }}' },
				continueOnFail,
			),
			[
				{ reference: 'EC-1', pkg: 'EP/1' },
				{ reference: 'EC-2', pkg: 'EP-9' },
			],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({
			ConsignmentReference: 'EC-1',
			PackageReference: 'EP/1',
			Removed: true,
		});
		expect(output?.[1].json).toMatchObject({ httpStatus: 404 });
		expect(output?.[1].json.error).toContain('package EP-9');
	});
});

describe('Package > Update', () => {
	afterEach(() => nock.cleanAll());

	test('reads the package and sends it whole with the change: nothing else is lost', async () => {
		let sent: Record<string, unknown> | undefined;
		const api = sortedPro()
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1'))
			.put(`/packages/${PACKAGE_REF}`, (body: Record<string, unknown>) => {
				sent = body;
				return true;
			})
			.reply(200);

		const { output } = await runWorkflow(
			operationWorkflow('package', 'update', {
				packageReference: PACKAGE_REF,
				updateFields: { height: 25, currency: 'eur' },
			}),
			references('EC-1'),
		);

		expect(api.isDone()).toBe(true);
		expect(sent).toEqual({
			Reference: PACKAGE_REF,
			PackageReferenceProvidedByCustomer: '',
			Weight: { Value: 0.5, Unit: 'Kg' },
			Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 25 },
			Description: 'Socks',
			Value: { Amount: 5.99, Currency: { Name: 'Pound Sterling', IsoCode: 'EUR' } },
			PackageSizeReference: null,
			Barcode: null,
			MetaData: [],
			Items: [],
		});
		expect(output?.[0].json).toMatchObject({ ConsignmentReference: 'EC-1', Updated: true });
	});

	test('an allocated consignment, a package it does not have or another consignment: nothing is sent', async () => {
		const api = sortedPro()
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Allocated'))
			.get('/consignments/EC-2')
			.reply(200, consignment('EC-2'))
			.get('/consignments/EC-3')
			.reply(200, consignment('EC-OTHER'));

		const { output } = await runWorkflow(
			operationWorkflow(
				'package',
				'update',
				{ packageReference: '={{ $json.pkg }}', updateFields: { weight: 2 } },
				continueOnFail,
			),
			[
				{ reference: 'EC-1', pkg: PACKAGE_REF },
				{ reference: 'EC-2', pkg: 'EP-NOT-THERE' },
				{ reference: 'EC-3', pkg: PACKAGE_REF },
			],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.error).toContain('the consignment is Allocated');
		expect(output?.[1].json.error).toContain('consignment EC-2 has no package EP-NOT-THERE');
		expect(output?.[2].json.error).toContain('EC-OTHER');
		for (const item of output ?? [])
			expect(item.json.errorDescription).toContain('Nothing was changed');
	});

	test('no field to change fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('package', 'update', { packageReference: PACKAGE_REF }),
			references('EC-1'),
		);
		expect(error?.message).toContain('Nothing to update in item 0');
	});
});

describe('the Package Size drop-down', () => {
	afterEach(() => nock.cleanAll());

	test("lists the account's package sizes, its default first and named so, after None", async () => {
		const api = sortedPro()
			.get('/packagesizes')
			.reply(200, [
				{ Reference: 'LARGE-BOX', Name: 'Large box' },
				{ Reference: 'SMALL-BOX', Name: 'Small box' },
			])
			.get('/packagesizes/default')
			.reply(200, { Reference: 'SMALL-BOX', Name: 'Small box' });

		const { result } = await loadOptions('getPackageSizes');

		expect(api.isDone()).toBe(true);
		expect(result).toEqual([
			{ name: 'None (Weight and Dimensions as Entered)', value: '' },
			{ name: 'Small box (SMALL-BOX) – account default', value: 'SMALL-BOX' },
			{ name: 'Large box (LARGE-BOX)', value: 'LARGE-BOX' },
		]);
	});

	test('a default that cannot be read only loses its mark; a list that cannot be read says so', async () => {
		sortedPro()
			.get('/packagesizes')
			.reply(200, [{ Reference: 'SMALL-BOX' }])
			.get('/packagesizes/default')
			.reply(404, { Message: 'No default' });
		const { result } = await loadOptions('getPackageSizes');
		expect(result).toEqual([
			{ name: 'None (Weight and Dimensions as Entered)', value: '' },
			{ name: 'SMALL-BOX', value: 'SMALL-BOX' },
		]);

		sortedPro()
			.get('/packagesizes')
			.reply(200, 'not a list', { 'Content-Type': 'application/json' })
			.get('/packagesizes/default')
			.reply(404, {});
		await expect(loadOptions('getPackageSizes')).rejects.toThrow(
			'Could not load the package sizes',
		);
	});
});
