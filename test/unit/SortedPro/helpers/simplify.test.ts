/** Simplify's pure parts: the fields per answer, the node's markers, Selected Fields, the AI agent's Output. */
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	readOutputMode,
	selected,
	shapeOutputs,
	simplified,
} from '../../../../nodes/SortedPro/helpers/simplify';

const context = (type: string, typeVersion: number, parameters: Record<string, unknown>) =>
	({
		getNode: () => ({ type, typeVersion }),
		getNodeParameter: (name: string, _item: number, fallback: unknown) =>
			name in parameters ? parameters[name] : fallback,
	}) as unknown as IExecuteFunctions;

describe('simplify', () => {
	test("the node's markers stay: a re-run's alreadyAllocated, a 202's Accepted", () => {
		expect(
			simplified('consignment', {
				ConsignmentReference: 'EC-1',
				State: 'Allocated',
				alreadyAllocated: true,
				Accepted: true,
				Description: 'dropped',
			}),
		).toEqual({
			ConsignmentReference: 'EC-1',
			State: 'Allocated',
			alreadyAllocated: true,
			Accepted: true,
		});
	});

	test("tracking per leg: the latest event of all packages and legs, with its leg's service", () => {
		const json = {
			ConsignmentReference: 'EC-1',
			TrackedPackages: [
				{
					Legs: [
						{
							CarrierServiceName: 'Next Day',
							Events: [
								{ TimeStamp: '2026-11-21T12:00:00+00:00', Code: 'Delivered' },
								{ TimeStamp: '2026-11-20T08:00:00+00:00', Code: 'Collected' },
							],
						},
					],
				},
			],
		};
		expect(simplified('tracking', json)).toEqual({
			ConsignmentReference: 'EC-1',
			LatestEventTimeStamp: '2026-11-21T12:00:00+00:00',
			LatestEventCode: 'Delivered',
			CarrierServiceName: 'Next Day',
			EventCount: 2,
		});
		// No events yet: the count says so.
		expect(simplified('tracking', { ConsignmentReference: 'EC-2', TrackedPackages: [] })).toEqual({
			ConsignmentReference: 'EC-2',
			EventCount: 0,
		});
	});

	test('a quotes row that is not a quote (an unqualified service) is kept as it is', () => {
		const unqualified = { ConsignmentReference: 'EC-1', MpdCarrierService: 'X', Qualified: false };
		expect(simplified('quote', unqualified)).toEqual(unqualified);
	});

	test('Selected Fields: the named fields that exist, the consignment always', () => {
		expect(
			selected({ ConsignmentReference: 'EC-1', ShippingDate: 'd', Tags: ['a'] }, [
				'ShippingDate',
				'Nope',
			]),
		).toEqual({ ConsignmentReference: 'EC-1', ShippingDate: 'd' });
	});

	test('error items and binary files are never changed', () => {
		const error = {
			json: { error: 'Could not allocate', httpStatus: 400, Extra: 1 },
			pairedItem: { item: 0 },
		};
		const label = {
			json: { ConsignmentReference: 'EC-2', StatusCode: 200 },
			binary: { data: { data: 'x', mimeType: 'application/pdf' } },
			pairedItem: { item: 1 },
		};
		const [first, second] = shapeOutputs('consignment', { mode: 'simplified' }, [error, label]);
		expect(first).toBe(error);
		expect(second).toEqual({ ...label, json: { ConsignmentReference: 'EC-2' } });
	});

	test.each([
		['n8n-nodes-sortedpro.sortedPro', 1, { simple: true }, { mode: 'raw' }],
		['n8n-nodes-sortedpro.sortedPro', 1.1, {}, { mode: 'simplified' }],
		['n8n-nodes-sortedpro.sortedPro', 1.1, { simple: false }, { mode: 'raw' }],
		['n8n-nodes-sortedpro.sortedProTool', 1.1, {}, { mode: 'simplified' }],
		['n8n-nodes-sortedpro.sortedProTool', 1.1, { output: 'raw' }, { mode: 'raw' }],
		[
			'n8n-nodes-sortedpro.sortedProTool',
			1.1,
			{ output: 'fields', fields: ' ShippingDate, Tags ,' },
			{ mode: 'fields', fields: ['ShippingDate', 'Tags'] },
		],
	])('%s version %d with %j outputs %j', (type, version, parameters, mode) => {
		expect(readOutputMode(context(type, version, parameters))).toEqual(mode);
	});
});
