/**
 * SortedPRO's documented contracts, one fixture per call the node makes: the request as
 * SortedPRO documents it and the answer in the shape of SortedPRO's own example, each naming the
 * page it is built from. Pages are in the public repository snrnats/doc-centre:
 * `docfx_project/pro/api/help/*.md` and `includes/_*.md` (branch content/shipments-data-contract
 * unless named), and the SDK reference `docfx_project/pro/pro-sdk/reference/**` (branch
 * EORI_number). The values are our own; the shapes (field names, nesting, types, status codes)
 * are SortedPRO's. `silent` says where the documentation says nothing and what the node does.
 */
export const REF = 'EC-000-05B-MMA';
export const OTHER_REF = 'EC-000-05B-MMB';
export const PACKAGE_REF = 'EP-000-05E-YRQ';
export const HOST = 'https://api.electioapp.com';

/** A documented ApiLink (SDK Sorted.PRO.SDK.DataTypes.Common.ApiLink). */
export const link = (reference: string, rel = 'Link') => ({
	Rel: rel,
	Href: `${HOST}/consignments/${reference}`,
});

/**
 * An Allocation Summary. help/allocating_consignments.md: every allocation endpoint answers
 * `List<AllocationSummary>` (200) or 202 Accepted; SDK AllocationSummary.
 */
export const allocationSummary = (reference: string) => ({
	StatusCode: 200,
	ApiLinks: [
		{ Rel: 'detail', Href: `${HOST}/consignments/${reference}` },
		{ Rel: 'label', Href: `${HOST}/labels/${reference}` },
	],
	Description: `Consignment ${reference} has been successfully allocated with Carrier X Next Day Super for shipping on 14/06/2019 17:00:00 +00:00`,
	ConsignmentLegs: [
		{
			Leg: 1,
			TrackingReferences: ['TRK00009823'],
			CarrierReference: 'CARRIER_X',
			CarrierServiceReference: null,
			CarrierName: 'Carrier X',
		},
	],
	CarrierReference: 'CARRIER_X',
	CarrierName: 'Carrier X',
	CarrierServiceReference: 'CX_NDS',
	CarrierServiceName: 'Next Day Super',
});

/**
 * A per-consignment result of a list call (SDK WithMessage<string>): help/cancelling_consignments.md,
 * help/deallocating_consignments.md, help/manifesting_consignments.md. Only successes are
 * documented; a failure is `IsSuccess: false` with the reason in Message (silent: its wording).
 */
export const listResult = (reference: string, message: string, isSuccess = true) => ({
	IsSuccess: isSuccess,
	Message: message,
	Data: reference,
	ApiLinks: isSuccess ? [link(reference)] : null,
});

/**
 * A consignment as Get Consignment answers it: help/getting_consignment_data.md ("Get
 * Consignment Response"; allocated: help/tracking_consignments_using_react.md), SDK Consignment.
 * `Reference`, `ConsignmentReferenceProvidedByCustomer`, `ConsignmentState`; the allocation in
 * `Allocation` (MpdCarrierServiceReference, MpdCarrierServiceName) and `ConsignmentLegs`.
 */
export const consignment = (
	reference: string,
	state = 'Unallocated',
	yourReference = 'ORDER-1001',
): Record<string, unknown> => {
	const allocated = !['Unallocated', 'AllocationFailed', 'Cancelled'].includes(state);
	return {
		ConsignmentLegs: allocated
			? [
					{
						Leg: 1,
						TrackingReferences: ['TRK00009823'],
						CarrierReference: 'CARRIER_X',
						CarrierServiceReference: null,
						CarrierName: 'Carrier X',
					},
				]
			: [],
		MetaData: [{ KeyValue: 'Channel', StringValue: 'Web' }],
		Allocation: allocated
			? {
					CarrierServiceGroupReference: 'NEXTDAY',
					MpdCarrierServiceGroupName: 'Next day',
					MpdCarrierServiceReference: 'CX_NDS',
					MpdCarrierServiceName: 'Next Day Super',
					AllocationDate: '2020-02-10T11:25:00+00:00',
				}
			: null,
		FailedAllocation: null,
		Source: 'Api',
		LabelsPrinted: false,
		IsLate: false,
		CustomerReference: '338a3524-5a17-44dd-a601-1527574f1a5d',
		CustomsDocumentation: null,
		Direction: 'Outbound',
		Tags: ['TagA'],
		Reference: reference,
		ConsignmentState: state,
		DateCreated: '2020-02-10T11:21:07.8156519+00:00',
		ShippingDate: '2020-02-11T00:00:00+00:00',
		RequestedDeliveryDate: {
			Date: '2020-02-12T00:00:00+00:00',
			IsToBeExactlyOnTheDateSpecified: false,
		},
		ConsignmentReferenceProvidedByCustomer: yourReference,
		Addresses: [
			{
				AddressType: 'Origin',
				ShippingLocationReference: 'Sorted1',
				AddressLine1: 'Third Floor',
				Town: 'Manchester',
				Postcode: 'M1 5WG',
				Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB' } },
				IsCached: false,
			},
			{
				AddressType: 'Destination',
				Contact: { FirstName: 'Peter', LastName: 'McPetersson', Email: 'peter@test.com' },
				AddressLine1: '13 Porter Street',
				Town: null,
				Region: 'Greater Manchester',
				Postcode: 'M1 5WG',
				Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB' } },
				IsCached: false,
			},
		],
		Packages: [
			{
				ConsignmentLegs: [],
				Items: [],
				Charges: [],
				Reference: PACKAGE_REF,
				PackageReferenceProvidedByCustomer: '',
				Weight: { Value: 0.5, Unit: 'Kg' },
				Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 10 },
				Description: 'Socks',
				Value: { Amount: 5.99, Currency: { Name: 'Pound Sterling', IsoCode: 'GBP' } },
				PackageSizeReference: null,
				Barcode: null,
				MetaData: [],
			},
		],
	};
};

/**
 * A consignment summary of the search: help/getting_consignment_data.md ("Search Consignments
 * Response"), SDK ConsignmentSummary: `Reference`, `ConsignmentReferenceProvidedByCustomer`, `State`.
 */
export const summary = (reference: string, state = 'Allocated', yourReference = 'ORDER-1001') => ({
	Source: 'Api',
	MpdCarrierServiceName: 'Tracked 48',
	MpdCarrierServiceGroupName: null,
	MpdCarrierServiceGroupReference: null,
	DestinationAddressLine1: '13 Porter Street',
	DestinationAddressTown: 'Manchester',
	DestinationAddressPostcode: 'M1 5WG',
	DestinationAddressCountry: 'United Kingdom',
	LabelsPrinted: false,
	IsLate: false,
	ApiLink: link(reference),
	Reference: reference,
	ConsignmentReferenceProvidedByCustomer: yourReference,
	DateCreated: '2020-02-10T11:21:07.81+00:00',
	State: state,
	ShippingDate: '2020-02-11T00:00:00+00:00',
	MpdCarrierReference: 'ROYAL_MAIL',
	MpdCarrierServiceReference: 'MPD_T48',
	AllocationDate: '2020-02-10T11:25:00+00:00',
});

/** The search answer, SDK MatchingConsignmentsResponse. */
export const searchAnswer = (...summaries: Array<ReturnType<typeof summary>>) => ({
	Count: summaries.length,
	ConsignmentSummaries: summaries,
});

/** help/getting_labels.md (also _get_labels.md, _get_labels_in_format.md): File is base64 of the base64 text. */
export const labelAnswer = (pdf: Buffer) => ({
	File: Buffer.from(pdf.toString('base64')).toString('base64'),
	ContentType: 'application/pdf',
});

/** A quote's price (SDK Rate as the quote example shows it: Net, Gross, VatRate, VatAmount, Currency), 20% VAT. */
const price = (gross: number) => ({
	Net: Math.round((gross / 1.2) * 100) / 100,
	Gross: gross,
	VatRate: { Reference: 'GB-0.2000', CountryIsoCode: 'GB', Type: 'Standard', Rate: 0.2 },
	VatAmount: Math.round((gross - gross / 1.2) * 100) / 100,
	Currency: { Name: 'Pound Sterling', IsoCode: 'GBP' },
});

/** A quote, help/getting_quotes_for_an_existing_consignment.md; SDK Quote. */
export const quote = (quoteReference: string, service: string, gross: number, reference = REF) => ({
	MpdCarrierServiceSource: 2,
	MpdCarrierService: service,
	CollectionDate: '2019-05-01T00:00:00',
	EarliestDeliveryDate: '2019-05-02T00:00:00',
	LatestDeliveryDate: '2019-05-02T23:59:00',
	BasePrice: price(gross),
	Price: price(gross),
	Surcharges: [],
	Legs: [
		{
			JourneyStage: 1,
			CarrierService: {
				Reference: 'RMDBPR1STPSU',
				Name: service,
				CarrierReference: 'ROYAL_MAIL',
				CarrierName: null,
				IsDropOff: false,
				IsPickUp: false,
				IsTimed: false,
			},
			CarrierAccountReference: 'RM1',
			CollectionType: 'NotApplicable',
		},
	],
	IsElectioService: false,
	QuoteReference: quoteReference,
	CreationDate: '2019-04-30T14:10:26.8551633+00:00',
	ExpiryDate: '2019-05-01T00:00:00+01:00',
	Requestor: 'Andy Walton',
	ConsignmentReference: reference,
	ConsignmentReferenceProvidedByCustomer: '',
	MpdCarrierServiceReference: `MPD_${service.replace(/\W+/g, '').toUpperCase()}`,
});

export const unqualifiedService = (service: string, reason: string) => ({
	Available: true,
	Rates: false,
	MpdCarrierService: service,
	MpdCarrierServiceReference: `MPD_${service.replace(/\W+/g, '').toUpperCase()}`,
	ExclusionReason: reason,
});
