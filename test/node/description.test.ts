import { NodeHelpers, Workflow } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { NODE_TYPE, loadPackage } from '../helpers/engine';

const TRIGGER = 'n8n-nodes-sortedpro.sortedProTrigger';

// What the n8n editor shows comes from the loaded description: check the parts users rely on.
describe('SortedPRO node as n8n loads it', () => {
	test('registers node and credential under their stable names', async () => {
		const { loader, nodeTypes } = await loadPackage();
		expect(Object.keys(loader.nodeTypes)).toEqual(['sortedPro', 'sortedProTrigger']);
		expect(Object.keys(loader.credentialTypes)).toEqual(['sortedProApi']);
		// The loader lists short names; n8n prefixes them with the package name.
		expect(loader.known.credentials.sortedProApi.supportedNodes).toEqual([
			'sortedPro',
			'sortedProTrigger',
		]);

		const { description } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1);
		expect(description).toMatchObject({
			displayName: 'SortedPRO',
			name: 'sortedPro',
			// 1.1 simplifies outputs; workflows saved with 1 keep SortedPRO's whole answers.
			version: [1, 1.1],
			defaultVersion: 1.1,
			usableAsTool: true,
			credentials: [{ name: 'sortedProApi', required: true }],
		});
	});

	test('offers Allocation > Allocate With Service Group with its two parameters', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
		const byName = (name: string) => properties.filter((property) => property.name === name);

		expect(
			byName('resource')[0].options?.map((option) => 'value' in option && option.value),
		).toEqual([
			'allocation',
			'carrierService',
			'collectionCalendar',
			'consignment',
			'label',
			'manifest',
			'package',
			'quote',
			'serviceGroup',
			'shippingLocation',
			'tracking',
		]);
		expect(byName('operation')[0]).toMatchObject({
			default: 'allocateWithServiceGroup',
			displayOptions: { show: { resource: ['allocation'] } },
			options: expect.arrayContaining([
				expect.objectContaining({
					name: 'Allocate With Service Group',
					value: 'allocateWithServiceGroup',
				}),
			]),
		});
		expect(byName('consignmentReference')[0]).toMatchObject({ type: 'string', required: true });
		const serviceGroup = byName('serviceGroup')[0];
		expect(serviceGroup).toMatchObject({
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
		});
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
		allocation: [
			'allocate',
			'allocateAllUnallocated',
			'allocateWithCarrierService',
			'allocateWithDefaultRules',
			'allocateWithQuote',
			'allocateWithServiceFilters',
			'allocateWithServiceGroup',
			'deallocate',
		],
		carrierService: ['getAll'],
		collectionCalendar: ['get'],
		consignment: [
			'cancel',
			'create',
			'dispatch',
			'get',
			'getAll',
			'getAudit',
			'getByClientReference',
			'getCount',
			'getDocuments',
			'getLate',
			'getStatus',
			'setNotReadyToShip',
			'setReadyToShip',
			'update',
		],
		label: ['get'],
		manifest: ['getCustomerManifest', 'getCustomerManifests', 'manifest', 'manifestFromQuery'],
		package: ['add', 'remove', 'update'],
		quote: ['getAll'],
		serviceGroup: ['getAll'],
		shippingLocation: ['getAll'],
		tracking: ['get', 'getFlattened'],
	});
});

describe('what the editor shows', () => {
	// The nodes panel lists the actions; the one picked becomes the node's name on the canvas.
	test('every action says what its operation says, short enough for the canvas', async () => {
		const { nodeTypes } = await loadPackage();
		const { properties } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
		const options = properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options ?? [])
			.map((option) => option as { name: string; action?: string });
		expect(options.length).toBeGreaterThan(30);
		const disagreeing = options.filter(
			({ name, action }) =>
				!action || !action.toLowerCase().startsWith(name.toLowerCase()) || action.length > 30,
		);
		expect(disagreeing).toEqual([]);
	});

	test('the nodes panel finds the node by the words shipping teams type', async () => {
		const { nodeTypes } = await loadPackage();
		const { codex } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;

		expect(codex?.alias).toEqual(
			expect.arrayContaining([
				'shipping',
				'carrier',
				'label',
				'allocate',
				'consignment',
				'Electio',
			]),
		);
		expect(codex?.categories).toEqual(['Sales', 'Productivity']);
		expect(codex?.resources?.primaryDocumentation?.map((link) => link.url)).toContain(
			'https://docs.sorted.com/pro/api/help/introduction.html',
		);
	});

	// n8n's nodes panel shows one entry for the package's two nodes, described by the trigger's
	// text and found by the action node's aliases: both must describe the whole package, and a
	// search for a trigger word must still find the entry.
	test('the package entry in the nodes panel describes what the package does, not the trigger alone', async () => {
		const { nodeTypes } = await loadPackage();
		const action = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
		const trigger = nodeTypes.getByNameAndVersion(TRIGGER, 1.1).description;

		expect(action.description).toMatch(/^Allocate, label, manifest and track/);
		expect(trigger.description).toBe(action.description);
		expect(action.codex?.alias).toEqual(
			expect.arrayContaining((trigger.codex?.alias ?? []).filter((word) => word !== 'consignment')),
		);
		// Under Triggers each event has its own line instead of the node's description.
		const event = trigger.properties.find((property) => property.name === 'event');
		const withoutAction = (event?.options ?? []).filter(
			(option) => !('action' in option) || !String(option.action).startsWith('When '),
		);
		expect(event?.options?.length).toBeGreaterThan(0);
		expect(withoutAction).toEqual([]);
	});

	test.each([
		['allocation', 'allocateWithServiceGroup', 'Allocate With Service Group: Allocation'],
		['consignment', 'getAll', 'Get Many: Consignment'],
		['label', 'get', 'Get: Label'],
	])(
		'the canvas subtitle of %s > %s is "%s", in display names (a renamed node still says its operation)',
		async (resource, operation, expected) => {
			const { nodeTypes } = await loadPackage();
			const { subtitle } = nodeTypes.getByNameAndVersion(NODE_TYPE, 1).description;
			const node: INode = {
				id: 'subtitle',
				name: 'SortedPRO',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource, operation },
			};
			const workflow = new Workflow({
				id: 'subtitle',
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes,
			});

			expect(
				workflow.expression.getSimpleParameterValue(node, subtitle ?? '', 'internal', {}),
			).toBe(expected);
		},
	);
});

describe('SortedPRO Trigger as n8n loads it', () => {
	test('a polling trigger with the same credential, found by the same words', async () => {
		const { nodeTypes } = await loadPackage();
		const { description } = nodeTypes.getByNameAndVersion(
			'n8n-nodes-sortedpro.sortedProTrigger',
			1,
		);

		expect(description).toMatchObject({
			displayName: 'SortedPRO Trigger',
			name: 'sortedProTrigger',
			polling: true,
			group: ['trigger'],
			inputs: [],
			credentials: [{ name: 'sortedProApi', required: true }],
		});
		// n8n adds the Poll Times parameter to polling nodes.
		expect(description.properties.map((property) => property.name)).toEqual(
			expect.arrayContaining(['pollTimes', 'event', 'states', 'filters']),
		);
		expect(description.codex?.alias).toEqual(expect.arrayContaining(['shipping', 'consignment']));
	});

	test.each([
		[
			{ event: 'consignmentEnteredState', states: ['AllocationFailed', 'ReadyToShip'] },
			'Consignment entered Allocation Failed, Ready To Ship',
		],
		[{ event: 'labelsPrinted' }, 'Labels Printed'],
		[{ event: 'consignmentUpdated', states: ['Allocated'] }, 'Consignment Updated'],
	])('the canvas subtitle of %j is "%s", in display names', async (parameters, expected) => {
		const { nodeTypes } = await loadPackage();
		const { subtitle } = nodeTypes.getByNameAndVersion(TRIGGER, 1.1).description;
		const node: INode = {
			id: 'subtitle',
			name: 'SortedPRO Trigger',
			type: TRIGGER,
			typeVersion: 1.1,
			position: [0, 0],
			parameters,
		};
		const workflow = new Workflow({
			id: 'subtitle',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
		});
		expect(workflow.expression.getSimpleParameterValue(node, subtitle ?? '', 'internal', {})).toBe(
			expected,
		);
	});

	test('Detection: version 1 keeps comparing snapshots, new triggers (1.1) read events with a fallback', async () => {
		const { nodeTypes } = await loadPackage();
		const defaultOf = (version: number) => {
			const node: INode = {
				id: 'detection',
				name: 'SortedPRO Trigger',
				type: TRIGGER,
				typeVersion: version,
				position: [0, 0],
				parameters: {},
			};
			const { description } = nodeTypes.getByNameAndVersion(TRIGGER, version);
			return NodeHelpers.getNodeParameters(
				description.properties,
				node.parameters,
				true,
				false,
				node,
				description,
			)?.detection;
		};
		expect(defaultOf(1)).toBe('snapshot');
		expect(defaultOf(1.1)).toBe('auto');
	});
});
