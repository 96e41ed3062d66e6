/** Reading SortedPRO's quotes (helpers/quotes.ts). */
import {
	cheapestFirst,
	quoteFields,
	quoteLabel,
	quotesAnswerOf,
} from '../../../../nodes/SortedPro/helpers/quotes';
import { quote } from '../../../fixtures/documented';

describe('quotes', () => {
	test('the documented answer: quotes, unqualified services, Quotes: null, and what is not one', () => {
		expect(
			quotesAnswerOf({ Quotes: null, UnqualifiedServices: [{ ExclusionReason: 'r' }] }),
		).toEqual({
			quotes: [],
			unqualified: [{ ExclusionReason: 'r' }],
		});
		expect(quotesAnswerOf({ UnqualifiedServices: [] })).toBeUndefined();
		expect(quotesAnswerOf({ Quotes: 'none' })).toBeUndefined();
		expect(quotesAnswerOf([quote('q', 'S', 1)])?.quotes).toHaveLength(1);
	});

	test('the fields a user maps, the picker label and the order', () => {
		const cheap = quote('q-1', 'Economy', 4.2);
		expect(quoteFields(cheap)).toEqual({
			CarrierName: 'ROYAL_MAIL',
			CarrierReference: 'ROYAL_MAIL',
			CarrierServiceName: 'Economy',
			CarrierServiceReference: 'MPD_ECONOMY',
			GrossPrice: 4.2,
			NetPrice: 3.5,
			CurrencyIsoCode: 'GBP',
		});
		expect(quoteLabel(cheap)).toBe('ROYAL_MAIL Economy – 4.20 GBP');
		expect(
			cheapestFirst([quote('q-2', 'Express', 9), cheap, { QuoteReference: 'no price' }]).map(
				(q) => q.QuoteReference,
			),
		).toEqual(['q-1', 'q-2', 'no price']);
	});
});
