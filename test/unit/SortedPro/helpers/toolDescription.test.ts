/** The tool description an AI agent reads: what an operation does, needs and changes. */
import type { INodeProperties } from 'n8n-workflow';

import {
	toolDescriptionOf,
	toolDescriptionProperty,
} from '../../../../nodes/SortedPro/helpers/toolDescription';

const field = (displayName: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name: displayName.replace(/\s/g, ''),
	type: 'string',
	default: '',
	required: true,
	...extra,
});

describe('tool description', () => {
	test('a read says what it does, what it needs and that it changes nothing', () => {
		expect(
			toolDescriptionOf({
				option: { description: 'Get the tracking events of a consignment' },
				description: [field('Consignment Reference')],
				effect: 'reads',
			}),
		).toBe(
			'Get the tracking events of a consignment. Needs: Consignment Reference. Only reads: it changes nothing in SortedPRO.',
		);
	});

	test('needs are the fields to fill in every case, not optional ones, defaults or one mode’s own', () => {
		const text = toolDescriptionOf({
			option: { description: 'Allocate each consignment.' },
			description: [
				field('Consignment Reference'),
				field('Carrier Service Group'),
				field('Put Output File in Field', { default: 'data' }),
				field('Package Reference', { displayOptions: { show: { scope: ['package'] } } }),
				field('Options', { required: false }),
			],
			effect: { changes: 'allocates the consignment' },
		});
		expect(text).toBe(
			'Allocate each consignment. Needs: Consignment Reference and Carrier Service Group. It changes data in SortedPRO: allocates the consignment.',
		);
	});

	test('a change to approve tells the agent to call it only on an explicit, confirmed request', () => {
		const text = toolDescriptionOf({
			option: { description: 'Manifest allocated consignments' },
			description: [field('Consignment Reference')],
			effect: {
				changes: 'sends their data to the carriers; this cannot be undone',
				askFirst: true,
			},
		});
		expect(text).toContain(
			'It changes data in SortedPRO: sends their data to the carriers; this cannot be undone.',
		);
		expect(text).toMatch(
			/Call it only when the user has explicitly asked for this, after confirming/,
		);
	});

	test("the property is the tool's alone and holds the text as its default", () => {
		const property = toolDescriptionProperty({
			option: { description: 'Count consignments' },
			description: [],
			effect: 'reads',
		});
		expect(property).toMatchObject({
			name: 'toolDescription',
			default: 'Count consignments. Only reads: it changes nothing in SortedPRO.',
			displayOptions: { show: { '@tool': [true] } },
		});
	});
});
