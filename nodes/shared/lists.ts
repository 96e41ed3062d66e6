import type { IDataObject } from 'n8n-workflow';

/**
 * SortedPRO does not document the shape of its list answers: accept a plain array, or an
 * object holding the array under some key. Anything else is an empty list.
 */
export function listOf(body: unknown): unknown[] {
	if (Array.isArray(body)) return body;
	if (typeof body === 'object' && body !== null) {
		const nested = Object.values(body).find(Array.isArray);
		if (nested) return nested;
	}
	return [];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first non-empty text among `keys` of a record (numbers count as text). */
export function firstText(record: Record<string, unknown>, keys: string[]): string {
	for (const key of keys) {
		const value = record[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
		if (typeof value === 'number') return String(value);
	}
	return '';
}

/** The consignment reference at the end of a SortedPRO link such as https://api.electioapp.com/consignments/EC-1. */
export function referenceFromLink(href: unknown): string | undefined {
	if (typeof href !== 'string') return undefined;
	const match = /\/consignments\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(href);
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		return match[1];
	}
}

/** Attaches the consignment reference to a JSON answer, keeping an odd-shaped answer rather than dropping it. */
export function withConsignmentReference(body: unknown, consignmentReference: string): IDataObject {
	const single = Array.isArray(body) && body.length === 1 ? (body[0] as unknown) : body;
	if (single === undefined || single === null)
		return { ConsignmentReference: consignmentReference };
	if (typeof single !== 'object' || Array.isArray(single)) {
		return { ConsignmentReference: consignmentReference, response: single as IDataObject };
	}
	return { ...(single as IDataObject), ConsignmentReference: consignmentReference };
}
