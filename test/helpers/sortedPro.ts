import nock from 'nock';

import { PRODUCTION, TEST_API_KEY } from './engine';

/** SortedPRO production, as the node must call it: the key, the API version and JSON. */
export const sortedPro = () =>
	nock(PRODUCTION)
		.matchHeader('ocp-apim-subscription-key', TEST_API_KEY)
		.matchHeader('electio-api-version', '1.1')
		.matchHeader('accept', 'application/json');

/** A per-consignment result of a SortedPRO list call. */
export const listResult = (
	reference: string,
	isSuccess = true,
	message = 'Completed successfully',
) => ({
	IsSuccess: isSuccess,
	Message: message,
	Data: reference,
	ApiLinks: null,
});

export const allocationSummary = (reference: string) => ({
	StatusCode: 200,
	ApiLinks: [
		{ Rel: 'detail', Href: `${PRODUCTION}/consignments/${reference}` },
		{ Rel: 'label', Href: `${PRODUCTION}/labels/${reference}` },
	],
	Description: `Consignment ${reference} has been successfully allocated with Carrier X Next Day Super`,
	CarrierName: 'Carrier X',
	CarrierServiceName: 'Next Day Super',
});
