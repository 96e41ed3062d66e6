import { NODE_TYPE, loadPackage } from './helpers/engine';

// What the n8n editor shows comes from the loaded description: check the parts users rely on.
describe('SortedPRO node as n8n loads it', () => {
	test('registers node and credential under their stable names', async () => {
		const { loader, nodeTypes } = await loadPackage();
		expect(Object.keys(loader.nodeTypes)).toEqual(['sortedPro']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['sortedProApi']);
		// The loader lists short names; n8n prefixes them with the package name.
		expect(loader.known.credentials.sortedProApi.supportedNodes).toEqual(['sortedPro']);

		const { description } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1);
		expect(description).toMatchObject({
			displayName: 'SortedPRO',
			name: 'sortedPro',
			version: 1,
			usableAsTool: true,
			credentials: [{ name: 'sortedProApi', required: true }],
		});
	});

	test('offers Allocation > Allocate With Service Group with its two parameters', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
		const byName = (name: string) => properties.filter((property) => property.name === name);

		expect(byName('resource')[0].options?.map((option) => 'value' in option && option.value)).toEqual([
			'allocation',
			'carrierService',
			'consignment',
			'label',
			'manifest',
			'serviceGroup',
			'tracking',
		]);
		expect(byName('operation')[0]).toMatchObject({
			default: 'allocateWithServiceGroup',
			displayOptions: { show: { resource: ['allocation'] } },
			options: expect.arrayContaining([
				expect.objectContaining({ name: 'Allocate With Service Group', value: 'allocateWithServiceGroup' }),
			]),
		});
		expect(byName('consignmentReference')[0]).toMatchObject({ type: 'string', required: true });
		const serviceGroup = byName('serviceGroup')[0];
		expect(serviceGroup).toMatchObject({ type: 'resourceLocator', required: true, default: { mode: 'list', value: '' } });
		expect(serviceGroup.modes?.map((mode) => [mode.name, mode.displayName])).toEqual([
			['list', 'From List'],
			['id', 'By Code'],
		]);
		expect(serviceGroup.modes?.[0].typeOptions?.searchListMethod).toBe('searchServiceGroups');
	});
});

// Internal names are part of saved workflows: they must not change.
test('every resource and operation keeps its internal name', async () => {
	const { nodeTypes } = await loadPackage();
	const { properties } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
	const operations = Object.fromEntries(
		properties
			.filter((property) => property.name === 'operation')
			.map((property) => [
				property.displayOptions?.show?.resource?.[0],
				property.options?.map((option) => ('value' in option ? option.value : undefined)).sort(),
			]),
	);
	expect(operations).toEqual({
		allocation: ['allocate', 'allocateWithCarrierService', 'allocateWithDefaultRules', 'allocateWithQuote', 'allocateWithServiceGroup', 'deallocate'],
		carrierService: ['getAll'],
		consignment: ['cancel', 'create', 'get', 'getAll', 'getStatus'],
		label: ['get'],
		manifest: ['manifest'],
		serviceGroup: ['getAll'],
		tracking: ['get'],
	});
});
