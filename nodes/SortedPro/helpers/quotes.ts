/**
 * SortedPRO's quotes for a consignment (`GET /quotes/consignment/{reference}`): the list and
 * the price of each, which the Quote operation and the quote drop-down both read.
 */
import { isRecord, listOf } from './lists';

/** The quotes of SortedPRO's answer: `{ Quotes: [...], UnqualifiedServices: [...] }`, or a bare list. */
export function quotesOf(answer: unknown): Array<Record<string, unknown>> {
	const quotes = isRecord(answer) && Array.isArray(answer.Quotes) ? answer.Quotes : listOf(answer);
	return quotes.filter(isRecord);
}

/** A quote's price and currency, from whichever of SortedPRO's shapes it has. */
export function priceOf(quote: Record<string, unknown>): { amount?: number; currency?: string } {
	const candidates = [quote.Price, quote.TotalPrice, quote.NetPrice, quote.GrossPrice];
	for (const candidate of candidates) {
		if (typeof candidate === 'number') {
			return {
				amount: candidate,
				currency: typeof quote.Currency === 'string' ? quote.Currency : undefined,
			};
		}
		if (isRecord(candidate)) {
			const amount = [candidate.Amount, candidate.Value, candidate.Gross, candidate.Net].find(
				(value) => typeof value === 'number',
			) as number | undefined;
			const currency = isRecord(candidate.Currency)
				? candidate.Currency.IsoCode
				: candidate.Currency;
			if (amount !== undefined)
				return { amount, currency: typeof currency === 'string' ? currency : undefined };
		}
	}
	return {};
}

/** Quotes cheapest first; a quote without a readable price goes last. */
export function cheapestFirst(
	quotes: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
	const price = (quote: Record<string, unknown>) => priceOf(quote).amount ?? Infinity;
	return [...quotes].sort((a, b) => price(a) - price(b));
}
