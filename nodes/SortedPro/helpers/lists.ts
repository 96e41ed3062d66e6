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
