/**
 * Simplify: the fields users map first, instead of SortedPRO's whole answer (n8n's guideline for
 * answers of more than 10 fields). SortedPRO names the same facts differently per endpoint (see
 * shared/consignments.ts); a simplified item names them one way, in SortedPRO's own words, so
 * an allocation, a consignment, a search row and a quote all give `CarrierServiceName`.
 *
 * In a workflow a Simplify switch (on by default); for an AI agent an Output choice (Simplified,
 * Raw, Selected Fields), as n8n's own tools have. Error items are never changed. Pure apart from
 * reading the node's parameters.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { isErrorItem } from './items';
import { allocationOf, referenceOf, stateOf, yourReferenceOf } from '../../shared/consignments';
import { firstText, isRecord } from '../../shared/lists';

/** Which of SortedPRO's answers an operation outputs, and so which fields are its simplified ones. */
export type SimplifiedKind = 'consignment' | 'quote' | 'tracking';

/** The node's own fields that say how an item came out: kept whatever the output. */
const MARKERS = ['Accepted', 'alreadyAllocated', 'recoveredAfterRetry', 'Qualified'];

type Fields = Record<string, unknown>;

const records = (value: unknown): Fields[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** The entries with a value: an answer that does not name a fact gets no column for it. */
function present(fields: Fields): IDataObject {
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''),
	) as IDataObject;
}

function markersOf(json: IDataObject): IDataObject {
	return Object.fromEntries(MARKERS.filter((key) => key in json).map((key) => [key, json[key]]));
}

/** The link SortedPRO gives to a consignment's label (`ApiLinks` with Rel `label`). */
function labelLinkOf(json: Fields): string | undefined {
	const links = [...records(json.ApiLinks), ...(isRecord(json.ApiLink) ? [json.ApiLink] : [])];
	const link = links.find((entry) => String(entry.Rel).toLowerCase() === 'label');
	return link && typeof link.Href === 'string' ? link.Href : undefined;
}

/**
 * A consignment as users map it, from an Allocation Summary, Get Consignment's answer, a
 * search summary or a read-back: the carrier from the answer or its first leg, the service from
 * the answer or its `Allocation`, every leg's tracking references.
 */
function consignmentFields(json: IDataObject): IDataObject {
	const legs = records(json.ConsignmentLegs);
	// Get Consignment's Allocation and first leg, read as a fresh allocation's fields.
	const allocated = allocationOf(json) ?? {};
	const tracking = [
		...new Set(
			legs.flatMap((entry) =>
				Array.isArray(entry.TrackingReferences)
					? entry.TrackingReferences.filter((value) => typeof value === 'string')
					: [],
			),
		),
	];
	return present({
		ConsignmentReference: firstText(json, ['ConsignmentReference']) || referenceOf(json) || null,
		ConsignmentReferenceProvidedByCustomer: yourReferenceOf(json),
		State: stateOf(json),
		CarrierReference:
			firstText(json, ['CarrierReference', 'MpdCarrierReference']) ||
			firstText(allocated, ['CarrierReference']),
		CarrierName: firstText(json, ['CarrierName']) || firstText(allocated, ['CarrierName']),
		CarrierServiceReference:
			firstText(json, ['CarrierServiceReference', 'MpdCarrierServiceReference']) ||
			firstText(allocated, ['CarrierServiceReference']),
		CarrierServiceName:
			firstText(json, ['CarrierServiceName', 'MpdCarrierServiceName']) ||
			firstText(allocated, ['CarrierServiceName']),
		TrackingReferences: legs.length > 0 ? tracking : undefined,
		LabelLink: labelLinkOf(json),
	});
}

/** A quote as users compare it: its carrier service, price and dates (quote rows only). */
function quoteFields(json: IDataObject): IDataObject {
	return present({
		ConsignmentReference: json.ConsignmentReference,
		QuoteReference: json.QuoteReference,
		CarrierReference: json.CarrierReference,
		CarrierName: json.CarrierName,
		CarrierServiceReference: json.CarrierServiceReference,
		CarrierServiceName: json.CarrierServiceName,
		GrossPrice: json.GrossPrice,
		CurrencyIsoCode: json.CurrencyIsoCode,
		CollectionDate: json.CollectionDate,
		EarliestDeliveryDate: json.EarliestDeliveryDate,
		LatestDeliveryDate: json.LatestDeliveryDate,
		ExpiryDate: json.ExpiryDate,
	});
}

/**
 * Tracking as users read it: the latest event of any package or leg (help/using_pros_tracking_api.md:
 * TrackedPackages[].Legs[].Events, or TrackedPackages[].Events per package), and how many there are.
 */
function trackingFields(json: IDataObject): IDataObject {
	const packages = records(json.TrackedPackages);
	const events = [
		...records(json.Events),
		...packages.flatMap((entry) => [
			...records(entry.Events),
			...records(entry.Legs).flatMap((leg) =>
				records(leg.Events).map((event) => ({
					CarrierServiceName: leg.CarrierServiceName,
					...event,
				})),
			),
		]),
	];
	const time = (event: Fields) => Date.parse(String(event.TimeStamp)) || 0;
	const latest = events.reduce<Fields | undefined>(
		(last, event) => (!last || time(event) >= time(last) ? event : last),
		undefined,
	);
	return present({
		ConsignmentReference: json.ConsignmentReference,
		LatestEventTimeStamp: latest?.TimeStamp,
		LatestEventCode: latest?.Code,
		LatestEventDescription: latest?.Description,
		LatestEventLocation: latest?.Location,
		SignedBy: latest?.SignedBy,
		CarrierServiceName: latest?.CarrierServiceName,
		EventCount: events.length,
	});
}

const SIMPLIFIED: Record<SimplifiedKind, (json: IDataObject) => IDataObject> = {
	consignment: consignmentFields,
	// A row that is not a quote (an unqualified service, "no quote") is kept as it is.
	quote: (json) => (json.Qualified === true ? quoteFields(json) : json),
	tracking: trackingFields,
};

/** One item's simplified JSON: the kind's fields, then the node's markers. */
export function simplified(kind: SimplifiedKind, json: IDataObject): IDataObject {
	return { ...SIMPLIFIED[kind](json), ...markersOf(json) };
}

/** Selected Fields: the named top-level fields of SortedPRO's answer, and the consignment. */
export function selected(json: IDataObject, fields: string[]): IDataObject {
	const picked = Object.fromEntries(
		fields.filter((field) => field in json).map((field) => [field, json[field]]),
	);
	return {
		...('ConsignmentReference' in json ? { ConsignmentReference: json.ConsignmentReference } : {}),
		...picked,
		...markersOf(json),
	};
}

/**
 * The node version that simplifies: workflows saved with version 1 keep SortedPRO's whole
 * answers, so no saved workflow's mappings break; a node added now is this version.
 */
export const SIMPLIFY_SINCE = 1.1;
const sinceSimplify = { '@version': [{ _cnd: { gte: SIMPLIFY_SINCE } }] };

/** The fields an operation with simplified output gets (defineResource adds them). */
export const simplifyProperties: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show: { '@tool': [false], ...sinceSimplify } },
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'simplified',
		options: [
			{
				name: 'Simplified',
				value: 'simplified',
				description:
					'The consignment and your reference, state, carrier, service, tracking numbers, label link or price',
			},
			{ name: 'Raw', value: 'raw', description: "SortedPRO's whole answer" },
			{ name: 'Selected Fields', value: 'fields', description: 'Only the fields named below' },
		],
		displayOptions: { show: { '@tool': [true], ...sinceSimplify } },
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '',
		placeholder: 'e.g. ConsignmentState,ShippingDate',
		description:
			"Comma-separated names of fields of SortedPRO's answer to return; the consignment reference is always returned",
		displayOptions: { show: { '@tool': [true], output: ['fields'], ...sinceSimplify } },
	},
];

type OutputMode = { mode: 'simplified' | 'raw' } | { mode: 'fields'; fields: string[] };

/** How the run's items are output: item 0's choice stands for all (it is not per item). */
export function readOutputMode(context: IExecuteFunctions): OutputMode {
	const node = context.getNode();
	if (node.typeVersion < SIMPLIFY_SINCE) return { mode: 'raw' };
	const isTool = node.type.endsWith('Tool');
	if (!isTool) {
		return { mode: context.getNodeParameter('simple', 0, true) === false ? 'raw' : 'simplified' };
	}
	const output = context.getNodeParameter('output', 0, 'simplified');
	if (output === 'raw') return { mode: 'raw' };
	if (output !== 'fields') return { mode: 'simplified' };
	const fields = String(context.getNodeParameter('fields', 0, ''))
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	return { mode: 'fields', fields };
}

/** The run's output items as the user chose them; error items and binary files stay as they are. */
export function shapeOutputs(
	kind: SimplifiedKind,
	mode: OutputMode,
	items: INodeExecutionData[],
): INodeExecutionData[] {
	if (mode.mode === 'raw') return items;
	return items.map((item) =>
		isErrorItem(item)
			? item
			: {
					...item,
					json:
						mode.mode === 'fields' ? selected(item.json, mode.fields) : simplified(kind, item.json),
				},
	);
}
