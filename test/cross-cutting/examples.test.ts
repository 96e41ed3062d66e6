import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { NODE_TYPE, loadPackage, runWorkflow } from '../helpers/engine';
import { listFiles, readJson } from '../helpers/local';
import type { WorkflowFixture } from '../helpers/engine';
import { smallPdf } from '../../simulator/files';
import { sortedPro } from '../helpers/sortedPro';
import { allocateAndGetLabelsAnswer, link, searchAnswer } from '../fixtures/documented';

const examples = listFiles('examples').filter((file) => file.endsWith('.json'));
const read = (file: string) => readJson('examples', file) as WorkflowFixture;

describe.each(examples)('example workflow %s', (file) => {
	test('every SortedPRO node uses an existing operation and only its parameters', async () => {
		const { nodeTypes } = await loadPackage();
		// The action node and the trigger, each against its own description.
		const sortedProNodes = read(file).nodes.filter((node) =>
			node.type.startsWith('n8n-nodes-sortedpro.'),
		);
		expect(sortedProNodes.length).toBeGreaterThan(0);

		for (const node of sortedProNodes) {
			// An AI agent's tool is n8n's copy of the action node named "<name>Tool" (createAiTools).
			const tool = node.type.endsWith('Tool');
			const loaded = nodeTypes.getByNameAndVersion(
				node.type.replace(/Tool$/, ''),
				node.typeVersion,
			);
			const description = tool
				? { ...loaded.description, name: `${loaded.description.name}Tool` }
				: loaded.description;
			// n8n's own resolution of a node's parameters against the description: unknown
			// parameters are dropped, so a typo shows up as a difference.
			const resolved = NodeHelpers.getNodeParameters(
				description.properties,
				node.parameters,
				true,
				false,
				node,
				description,
			);
			for (const key of Object.keys(node.parameters)) {
				expect([node.name, key, (resolved as INodeParameters)[key] !== undefined]).toEqual([
					node.name,
					key,
					true,
				]);
			}
		}
	});
});

// The example's SortedPRO part, run in the engine: create, then allocate and label in one call.
test('order-to-label: its SortedPRO chain creates each order, then allocates and labels it in one call', async () => {
	const workflow = read('order-to-label.json');
	const sortedProOnly: WorkflowFixture = {
		...workflow,
		nodes: workflow.nodes.filter((node) => node.type === NODE_TYPE),
		connections: {
			'Create consignment': workflow.connections['Create consignment'],
			// The main output only: the failure branch's node is not a SortedPRO node.
			'Allocate and get label': {
				main: [workflow.connections['Allocate and get label'].main[0]],
			},
		},
	};
	const orders = [
		{
			orderNumber: 'ORDER-1001',
			name: 'Jo Smith',
			street: '1 High Street',
			town: 'Leeds',
			postcode: 'LS1 1AA',
			country: 'GB',
			weightKg: 1.2,
		},
	];
	const api = sortedPro()
		// The order number is Your Reference: a re-import would find the consignment instead.
		// (SortedPRO's documented search by your reference finds none here.)
		.get('/consignments/100/0')
		.query({ referenceProvidedByCustomer: 'ORDER-1001' })
		.reply(200, searchAnswer())
		.post(
			'/consignments',
			(body: { ConsignmentReferenceProvidedByCustomer?: string }) =>
				body.ConsignmentReferenceProvidedByCustomer === 'ORDER-1001',
		)
		.reply(201, [link('EC-1')])
		// One request allocates and labels it (no GET /labels).
		.put('/allocation/EC-1/servicegroup/NEXTDAY/labels/PDF')
		.reply(200, allocateAndGetLabelsAnswer('EC-1', smallPdf()));

	const { run } = await runWorkflow(sortedProOnly, orders, undefined, 'Create consignment');

	expect(api.isDone()).toBe(true);
	const label = run.data.resultData.runData['Allocate and get label']?.[0].data?.main[0]?.[0];
	expect(label?.json).toMatchObject({
		ConsignmentReference: 'EC-1',
		CarrierName: 'Carrier X',
		Label: { fileName: 'EC-1.pdf' },
	});
	expect(label?.binary?.data.mimeType).toBe('application/pdf');
	expect(
		Buffer.from(label?.binary?.data.data ?? '', 'base64')
			.subarray(0, 8)
			.toString('latin1'),
	).toBe('%PDF-1.4');
	expect(nock.pendingMocks()).toEqual([]);
});
