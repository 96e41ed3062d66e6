/** Create with its Origin Shipping Location picked From List. */
import { operationWorkflow, runWorkflow } from '../../../helpers/engine';
import { sortedPro } from '../../../helpers/sortedPro';

describe('Consignment > Create: Origin Shipping Location picked From List', () => {
	test('the picked reference is sent as the origin', async () => {
		const api = sortedPro()
			.post(
				'/consignments',
				// Documented: the shipping location is the Origin address's, not a top-level field.
				(body: {
					ShippingLocationReference?: string;
					Addresses?: Array<{ AddressType?: string; ShippingLocationReference?: string }>;
				}) =>
					body.ShippingLocationReference === undefined &&
					body.Addresses?.find((address) => address.AddressType === 'Origin')
						?.ShippingLocationReference === 'WAREHOUSE-1',
			)
			.reply(201, [{ Rel: 'Link', Href: 'https://api.electioapp.com/consignments/EC-1' }]);

		const { output, error } = await runWorkflow(
			operationWorkflow('consignment', 'create', {
				inputMode: 'fields',
				shippingLocationReference: {
					__rl: true,
					mode: 'list',
					value: 'WAREHOUSE-1',
					cachedResultName: 'Main',
				},
				destination: { addressLine1: '1 High St', town: 'Leeds', countryCode: 'GB' },
				packages: { package: [{ weight: 1 }] },
			}),
			[{}],
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.ConsignmentReference).toBe('EC-1');
	});
});
