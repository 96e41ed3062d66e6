/** The quote drop-down (From List) of Allocate With Quote. */
import nock from 'nock';

import { PRODUCTION, TEST_API_KEY, searchList } from '../../helpers/engine';
import { quote, quotesAnswer } from '../../fixtures/quotes';

describe('Allocate With Quote: Quote Reference From List', () => {
	test('the quotes of the consignment typed above, cheapest first, with carrier, service and price', async () => {
		nock(PRODUCTION)
			.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
			.get('/quotes/consignment/EC-1')
			.reply(
				200,
				quotesAnswer([
					quote('Q-2', 6.5, 'EC-1'),
					quote('Q-1', 4.95, 'EC-1', 'Carrier Y', 'Economy'),
					quote('Q-3', 8, 'EC-1', null, 'Tracked 48'),
				]),
			);

		const { result } = await searchList('searchQuotes', undefined, undefined, {
			consignmentReference: 'EC-1',
		});

		expect(result.results).toEqual([
			{ name: 'Carrier Y Economy – 4.95 GBP', value: 'Q-1' },
			{ name: 'Carrier X Next Day – 6.50 GBP', value: 'Q-2' },
			{ name: 'ROYAL_MAIL Tracked 48 – 8.00 GBP', value: 'Q-3' },
		]);
	});

	test('a Consignment Reference from an expression cannot be listed: the message says to use By ID', async () => {
		await expect(searchList('searchQuotes')).rejects.toThrow(
			'From List needs a Consignment Reference typed in, not an expression',
		);
	});
});
