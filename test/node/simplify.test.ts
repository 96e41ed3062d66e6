/**
 * Simplify (node version 1.1): the fields users map first, in SortedPRO's words, from the
 * documented answers; SortedPRO's whole answer with Simplify off and in version 1, so saved
 * workflows keep their mappings.
 */
import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import {
	NODE_TYPE,
	loadPackage,
	operationWorkflow,
	references,
	runWorkflow,
} from '../helpers/engine';
import { sortedPro } from '../helpers/sortedPro';
import {
	HOST,
	allocationSummary,
	consignment,
	flattenedTracking,
	quote,
	searchAnswer,
	summary,
} from '../fixtures/documented';
import { quotesAnswer } from '../fixtures/quotes';

const group = { serviceGroup: { __rl: true, mode: 'id', value: 'NEXTDAY' } };
const latest = (parameters: Record<string, unknown>, resource: string, operation: string) =>
	operationWorkflow(resource, operation, parameters as never, { typeVersion: 1.1 });

/** The simplified allocation of the documented Allocation Summary. */
const simplifiedAllocation = (reference: string) => ({
	ConsignmentReference: reference,
	CarrierReference: 'CARRIER_X',
	CarrierName: 'Carrier X',
	CarrierServiceReference: 'CX_NDS',
	CarrierServiceName: 'Next Day Super',
	TrackingReferences: ['TRK00009823'],
	LabelLink: `${HOST}/labels/${reference}`,
});

describe('Simplify', () => {
	test('an allocation leads with the consignment, carrier, service, tracking numbers and label link', async () => {
		sortedPro()
			.put('/allocation/EC-1/allocatewithservicegroup/NEXTDAY')
			.reply(200, [allocationSummary('EC-1')]);

		const { output, error } = await runWorkflow(
			latest(group, 'allocation', 'allocateWithServiceGroup'),
			references('EC-1'),
		);

		expect(error).toBeUndefined();
		expect(output).toEqual([{ json: simplifiedAllocation('EC-1'), pairedItem: { item: 0 } }]);
		// The order users see in the table: the consignment first.
		expect(Object.keys(output?.[0].json ?? {})[0]).toBe('ConsignmentReference');
	});

	test("Simplify off, and version 1, give SortedPRO's whole answer", async () => {
		const api = sortedPro()
			.put('/allocation/EC-1/allocatewithservicegroup/NEXTDAY')
			.times(2)
			.reply(200, [allocationSummary('EC-1')]);

		const off = await runWorkflow(
			latest({ ...group, simple: false }, 'allocation', 'allocateWithServiceGroup'),
			references('EC-1'),
		);
		const v1 = await runWorkflow(
			operationWorkflow('allocation', 'allocateWithServiceGroup', group),
			references('EC-1'),
		);

		expect(api.isDone()).toBe(true);
		for (const { output } of [off, v1]) {
			expect(output?.[0].json).toMatchObject({
				StatusCode: 200,
				ApiLinks: allocationSummary('EC-1').ApiLinks,
				ConsignmentReference: 'EC-1',
			});
		}
	});

	test('a consignment (Get) and a search row (Get Many) give the same fields, from different names', async () => {
		sortedPro()
			.get('/consignments/EC-1')
			.reply(200, consignment('EC-1', 'Allocated'))
			.get('/consignments/100/0')
			.reply(200, searchAnswer(summary('EC-2')));

		const get = await runWorkflow(latest({}, 'consignment', 'get'), references('EC-1'));
		const many = await runWorkflow(latest({ returnAll: true }, 'consignment', 'getAll'), [{}]);

		expect(get.error).toBeUndefined();
		expect(get.output?.[0].json).toEqual({
			ConsignmentReference: 'EC-1',
			ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
			State: 'Allocated',
			CarrierReference: 'CARRIER_X',
			CarrierName: 'Carrier X',
			CarrierServiceReference: 'CX_NDS',
			CarrierServiceName: 'Next Day Super',
			TrackingReferences: ['TRK00009823'],
		});
		expect(many.error).toBeUndefined();
		expect(many.output?.[0].json).toEqual({
			ConsignmentReference: 'EC-2',
			ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
			State: 'Allocated',
			CarrierReference: 'ROYAL_MAIL',
			CarrierServiceReference: 'MPD_T48',
			CarrierServiceName: 'Tracked 48',
		});
	});

	test('tracking gives the latest event; quotes their service, price and dates', async () => {
		sortedPro()
			.get('/tracking/flattened/EC-1')
			.reply(200, flattenedTracking('EC-1'))
			.get('/quotes/consignment/EC-1')
			.reply(200, quotesAnswer([quote('Q-1', 'Tracked 48', 33.23, 'EC-1')]));

		const tracking = await runWorkflow(latest({}, 'tracking', 'getFlattened'), references('EC-1'));
		const quotes = await runWorkflow(latest({}, 'quote', 'getAll'), references('EC-1'));

		expect(tracking.error).toBeUndefined();
		expect(tracking.output?.[0].json).toEqual({
			ConsignmentReference: 'EC-1',
			LatestEventTimeStamp: '2020-02-11T07:08:11.7398573+00:00',
			LatestEventCode: 'DELIVERED',
			LatestEventDescription: 'Sample tracking event',
			LatestEventLocation: 'Sample Location',
			SignedBy: 'P. Smith',
			CarrierServiceName: 'Sample Carrier Service A',
			EventCount: 1,
		});
		expect(quotes.error).toBeUndefined();
		expect(quotes.output?.[0].json).toMatchObject({
			ConsignmentReference: 'EC-1',
			QuoteReference: 'Q-1',
			CarrierServiceName: 'Tracked 48',
			GrossPrice: 33.23,
			CurrencyIsoCode: 'GBP',
			Qualified: true,
		});
		expect(quotes.output?.[0].json).not.toHaveProperty('Legs');
	});

	test('the editor shows Simplify in version 1.1 only, and Output (Simplified, Raw, Selected Fields) to an AI agent', async () => {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.getByNameAndVersion(NODE_TYPE, 1.1).description;
		expect(description.defaultVersion).toBe(1.1);
		const shown = (name: string, typeVersion: number, type = NODE_TYPE) =>
			description.properties
				.filter((property: INodeProperties) => property.name === name)
				.some((property) =>
					NodeHelpers.displayParameter(
						{ resource: 'allocation', operation: 'allocateWithServiceGroup', output: 'fields' },
						property,
						{ typeVersion, type } as never,
						{ ...description, name: type.split('.')[1] },
					),
				);
		expect(shown('simple', 1.1)).toBe(true);
		expect(shown('simple', 1)).toBe(false);
		expect(shown('output', 1.1)).toBe(false);
		const tool = `${NODE_TYPE}Tool`;
		expect(shown('simple', 1.1, tool)).toBe(false);
		expect(shown('output', 1.1, tool)).toBe(true);
		expect(shown('fields', 1.1, tool)).toBe(true);
	});
});
