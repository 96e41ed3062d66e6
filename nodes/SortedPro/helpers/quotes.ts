/**
 * SortedPRO's quotes for a consignment (`GET /quotes/consignment/{reference}`,
 * help/getting_quotes_for_an_existing_consignment.md): `{ QuoteRequestReference, Quotes: [...],
 * UnqualifiedServices: [...] }`, where a quote names its service in `MpdCarrierService` and
 * `MpdCarrierServiceReference`, its carrier in `Legs[].CarrierService`, and its price in
 * `Price: { Net, Gross, VatAmount, VatRate, Currency: { Name, IsoCode } }`. The Quote operation
 * and the quote drop-down both read it here. Pure: no n8n.
 */
import { firstText, isRecord } from '../../shared/lists';

export type Quote = Record<string, unknown>;

export interface QuotesAnswer {
	quotes: Quote[];
	/** The services that did not qualify, each with SortedPRO's ExclusionReason. */
	unqualified: Quote[];
}

/**
 * The quotes and unqualified services of SortedPRO's answer; `Quotes: null` is no quotes. A
 * bare list of quotes is tolerated; anything else is undefined (not "no quotes").
 */
export function quotesAnswerOf(answer: unknown): QuotesAnswer | undefined {
	if (Array.isArray(answer)) return { quotes: answer.filter(isRecord), unqualified: [] };
	if (!isRecord(answer) || !('Quotes' in answer)) return undefined;
	const { Quotes, UnqualifiedServices } = answer;
	if (Quotes !== null && !Array.isArray(Quotes)) return undefined;
	return {
		quotes: (Quotes ?? []).filter(isRecord),
		unqualified: Array.isArray(UnqualifiedServices) ? UnqualifiedServices.filter(isRecord) : [],
	};
}

/** A quote's price (the gross, what is paid, else the net) and its currency's ISO code. */
export function priceOf(quote: Quote): { gross?: number; net?: number; currency?: string } {
	const price = quote.Price;
	if (typeof price === 'number') return { gross: price };
	if (!isRecord(price)) return {};
	const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
	const currency = isRecord(price.Currency) ? price.Currency.IsoCode : price.Currency;
	return {
		gross: number(price.Gross) ?? number(price.Net),
		net: number(price.Net),
		currency: typeof currency === 'string' ? currency : undefined,
	};
}

/** The carrier of a quote's first leg: its name, else its reference. */
function carrierOf(quote: Quote): { name?: string; reference?: string } {
	const legs = Array.isArray(quote.Legs) ? quote.Legs.filter(isRecord) : [];
	const service = legs.map((leg) => leg.CarrierService).find(isRecord);
	if (!service) return {};
	return {
		name: firstText(service, ['CarrierName']) || undefined,
		reference: firstText(service, ['CarrierReference']) || undefined,
	};
}

/**
 * The fields a user maps, under names of their own, next to SortedPRO's: carrier, service,
 * gross and net price, currency ISO code (the dates and QuoteReference are SortedPRO's own).
 */
export function quoteFields(quote: Quote): Record<string, unknown> {
	const carrier = carrierOf(quote);
	const { gross, net, currency } = priceOf(quote);
	return {
		CarrierName: carrier.name ?? carrier.reference ?? null,
		CarrierReference: carrier.reference ?? null,
		CarrierServiceName: firstText(quote, ['MpdCarrierService']) || null,
		CarrierServiceReference: firstText(quote, ['MpdCarrierServiceReference']) || null,
		GrossPrice: gross ?? null,
		NetPrice: net ?? null,
		CurrencyIsoCode: currency ?? null,
	};
}

/** "Royal Mail Tracked 48 – 33.23 GBP": how the quote drop-down names a quote. */
export function quoteLabel(quote: Quote): string {
	const fields = quoteFields(quote);
	const name = [fields.CarrierName, fields.CarrierServiceName].filter(Boolean).join(' ');
	const price =
		typeof fields.GrossPrice === 'number'
			? ` – ${fields.GrossPrice.toFixed(2)}${fields.CurrencyIsoCode ? ` ${String(fields.CurrencyIsoCode)}` : ''}`
			: '';
	return `${name || firstText(quote, ['QuoteReference'])}${price}`;
}

/** Quotes cheapest first; a quote without a readable price goes last. */
export function cheapestFirst(quotes: Quote[]): Quote[] {
	const price = (quote: Quote) => priceOf(quote).gross ?? Infinity;
	// Two quotes without a price keep their order (Infinity - Infinity is NaN).
	return [...quotes].sort((a, b) => (price(a) === price(b) ? 0 : price(a) < price(b) ? -1 : 1));
}
