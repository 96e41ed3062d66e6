/**
 * The SortedPRO node as an AI agent's tool: the description n8n sends the model, built the way
 * n8n builds it (createAiTools copies the node's description into "<name>Tool"; the agent asks
 * NodeHelpers.getToolDescriptionForNode for the text) from the package as n8n loads it.
 */
import { NodeHelpers, deepCopy } from 'n8n-workflow';
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';

import { NODE_TYPE, loadPackage } from '../helpers/engine';

/** The node description and every resource/operation pair its drop-downs offer. */
async function described() {
	const { nodeTypes } = await loadPackage();
	const description = nodeTypes.getByNameAndVersion(NODE_TYPE, 1.1).description;
	const operations = description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as Array<{ value: string; action: string }>).map((option) => ({
				resource: String(property.displayOptions?.show?.resource?.[0]),
				operation: option.value,
				action: option.action,
			})),
		);
	return { description, operations };
}

/** The tool variant, as n8n's createAiTools makes it (name + 'Tool'). */
function asTool(description: INodeTypeDescription): INodeTypeDescription {
	const tool = deepCopy(description);
	tool.name = `${description.name}Tool`;
	return tool;
}

/** The node's parameters as n8n's Workflow holds them at run time: with their defaults. */
function nodeWith(
	description: INodeTypeDescription,
	parameters: INodeParameters,
	type = description.name,
): INode {
	const node: INode = {
		id: '1',
		name: 'SortedPRO',
		type,
		typeVersion: 1.1,
		position: [0, 0],
		parameters,
	};
	node.parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			node,
			description,
		) ?? {};
	return node;
}

const toolText = (description: INodeTypeDescription, parameters: INodeParameters) => {
	const tool = asTool(description);
	return NodeHelpers.getToolDescriptionForNode(nodeWith(tool, parameters), {
		description: tool,
	} as never);
};

describe('the SortedPRO tool description an AI agent reads', () => {
	test('every operation has one that says what it does and what it changes, instead of "<action> in SortedPRO"', async () => {
		const { description, operations } = await described();
		expect(operations.length).toBeGreaterThan(30);
		for (const { resource, operation, action } of operations) {
			const text = toolText(description, { resource, operation });
			expect(text).not.toBe(`${action} in SortedPRO`);
			expect(text).toMatch(
				/(Only reads: it changes nothing in SortedPRO\.|It changes data in SortedPRO: .+\.)/,
			);
		}
	});

	test('what an agent needs and what it changes, in the words it reads', async () => {
		const { description } = await described();
		expect(
			toolText(description, { resource: 'consignment', operation: 'getByClientReference' }),
		).toBe(
			'Find the consignment created with your own reference, such as an order number. Needs: Your Reference. Only reads: it changes nothing in SortedPRO.',
		);
		expect(toolText(description, { resource: 'tracking', operation: 'get' })).toBe(
			'Get the tracking events of a consignment. Needs: Consignment Reference. Only reads: it changes nothing in SortedPRO.',
		);
	});

	test('Manifest, Manifest From Query, Cancel, Deallocate, Create and Dispatch say they change data and to act only on a confirmed request', async () => {
		const { description } = await described();
		const askFirst = [
			['manifest', 'manifest', /sends their data to the carriers/],
			['manifest', 'manifestFromQuery', /sends their data to the carriers/],
			['consignment', 'cancel', /cancels the consignment/],
			['allocation', 'deallocate', /returns the consignment to Unallocated/],
			['consignment', 'create', /creates a new consignment/],
			['consignment', 'dispatch', /marks the consignment as dispatched/],
		] as const;
		for (const [resource, operation, what] of askFirst) {
			const text = toolText(description, { resource, operation });
			expect(text).toMatch(what);
			expect(text).toContain('Call it only when the user has explicitly asked for this');
		}
		// A read-only look-up is not held back.
		expect(toolText(description, { resource: 'consignment', operation: 'get' })).not.toContain(
			'Call it only',
		);
	});

	test("the user's own tool description wins, and the node outside an agent has none", async () => {
		const { description } = await described();
		expect(
			toolText(description, {
				resource: 'tracking',
				operation: 'get',
				toolDescription: 'Tracking for our customers',
			}),
		).toBe('Tracking for our customers');
		const plain = nodeWith(description, { resource: 'tracking', operation: 'get' });
		expect(plain.parameters).not.toHaveProperty('toolDescription');
	});

	test("switching a tool's operation gives the new operation's text: the editor saves none while it is the default", async () => {
		const { description } = await described();
		const tool = asTool(description);
		const node = nodeWith(tool, { resource: 'tracking', operation: 'get' });
		// What the editor stores (n8n drops values equal to their default).
		const stored = NodeHelpers.getNodeParameters(
			tool.properties,
			node.parameters,
			false,
			false,
			node,
			tool,
		);
		expect(stored).not.toHaveProperty('toolDescription');
		expect(toolText(description, { ...stored, operation: 'getFlattened' })).toMatch(
			/^Get a consignment's tracking events per package/,
		);
	});

	test("the canvas name still comes from the operation's short action", async () => {
		const { description } = await described();
		const tool = asTool(description);
		expect(NodeHelpers.makeNodeName({ resource: 'tracking', operation: 'get' }, description)).toBe(
			'Get tracking events',
		);
		expect(NodeHelpers.makeNodeName({ resource: 'tracking', operation: 'get' }, tool)).toBe(
			'Get tracking events',
		);
	});
});
