/**
 * Contract tests: every call the node makes, against SortedPRO's documented request and answer
 * (test/fixtures/documented.ts names each page). The node runs in n8n-core's engine; nock
 * plays SortedPRO and only answers the request when its method, path, query and body are the
 * documented ones. Each test then checks that the documented answer is read as it should be.
 */
import nock from 'nock';
import type { IDataObject, INode } from 'n8n-workflow';

import { smallPdf, smallZpl } from '../../simulator/files';
import { operationWorkflow, runPoll, runWorkflow, searchList } from '../helpers/engine';
import { sortedPro } from '../helpers/sortedPro';
import {
	OTHER_REF,
	PACKAGE_REF,
	REF,
	allocateAndGetLabelsAnswer,
	allocationSummary,
	auditMessage,
	consignment,
	consignmentEventPayload,
	MANIFEST_REF,
	addPackageRequest,
	customerManifest,
	dispatchResponse,
	flattenedTracking,
	labelAnswer,
	lateAnswer,
	link,
	manifestFromQueryAnswer,
	manifestFromQueryRequest,
	packageAnswer,
	listResult,
	quote,
	searchAnswer,
	stateEventPayload,
	summary,
	unqualifiedService,
} from '../fixtures/documented';

interface DocumentedCall {
	method: 'get' | 'put' | 'post';
	path: string;
	query?: Record<string, string>;
	/** The request body exactly as documented; undefined means the call has none. */
	body?: unknown;
	status: number;
	answer?: unknown;
}

interface Contract {
	title: string;
	/** The documentation page the fixture is built from. */
	page: string;
	/** What the documentation does not say, and what the node does about it. */
	silent?: string;
	resource: string;
	operation: string;
	parameters?: INode['parameters'];
	items?: IDataObject[];
	calls: DocumentedCall[];
	/** Each output item's JSON must contain these fields. */
	output: IDataObject[];
}

const byRef = (value: string) => ({ __rl: true, mode: 'id', value });
const refs = (...references: string[]) => references.map((reference) => ({ reference }));
const pdf = smallPdf('Label EC-000-05B-MMA');

const contracts: Contract[] = [
	{
		title: 'Allocate With Service Group, one consignment',
		page: 'help/allocating_via_service_group.md, help/allocating_consignments.md',
		resource: 'allocation',
		operation: 'allocateWithServiceGroup',
		parameters: { serviceGroup: byRef('valuableGoods') },
		calls: [
			{
				method: 'put',
				path: `/allocation/${REF}/allocatewithservicegroup/valuableGoods`,
				status: 200,
				answer: [allocationSummary(REF)],
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				CarrierName: 'Carrier X',
				CarrierServiceReference: 'CX_NDS',
				CarrierServiceName: 'Next Day Super',
			},
		],
	},
	{
		title: 'Allocate With Service Group, in batches',
		page: 'SDK ConsignmentService / AllocateConsignmentsWithServiceGroupRequest (PUT /allocation/allocatewithservicegroup → List<AllocationSummary>)',
		resource: 'allocation',
		operation: 'allocateWithServiceGroup',
		parameters: { serviceGroup: byRef('NEXTDAY'), options: { sendInBatches: true } },
		items: refs(REF, OTHER_REF),
		calls: [
			{
				method: 'put',
				path: '/allocation/allocatewithservicegroup',
				body: {
					ConsignmentReferences: [REF, OTHER_REF],
					MpdCarrierServiceGroupReference: 'NEXTDAY',
				},
				status: 200,
				answer: [allocationSummary(OTHER_REF), allocationSummary(REF)],
			},
		],
		output: [
			{ ConsignmentReference: REF, CarrierServiceReference: 'CX_NDS' },
			{ ConsignmentReference: OTHER_REF, CarrierServiceReference: 'CX_NDS' },
		],
	},
	...(
		[
			['allocate', {}, ''],
			['allocateWithServiceGroup', { serviceGroup: byRef('NEXTDAY') }, '/servicegroup/NEXTDAY'],
			['allocateWithCarrierService', { carrierService: byRef('CX_NDS') }, '/carrierservice/CX_NDS'],
			['allocateWithQuote', { quoteReference: 'Q-1' }, '/quote/Q-1'],
		] as const
	).map(
		([operation, parameters, route]): Contract => ({
			title: `${operation} with Get Label: one allocate-and-get-labels call`,
			page: 'SDK ref-consignments AllocationService *AndGetLabels, AllocateAndGetLabelsResponse, AllocateAndGetLabelsResult',
			silent:
				'No example: the answer is built from the SDK types (see allocateAndGetLabelsAnswer).',
			resource: 'allocation',
			operation,
			parameters: { ...parameters, getLabel: true, labelFormat: 'PDF' },
			calls: [
				{
					method: 'put',
					path: `/allocation/${REF}${route}/labels/PDF`,
					status: 200,
					answer: allocateAndGetLabelsAnswer(REF, pdf),
				},
			],
			output: [
				{
					ConsignmentReference: REF,
					CarrierName: 'Carrier X',
					CarrierServiceReference: 'CX_NDS',
					Label: { ContentType: 'application/pdf', fileName: `${REF}.pdf` },
				},
			],
		}),
	),
	{
		title: 'Allocate To Cheapest Service',
		page: 'includes/_allocate_by_cheapest_quote.md',
		resource: 'allocation',
		operation: 'allocate',
		calls: [
			{
				method: 'put',
				path: `/allocation/${REF}/allocatewithcheapestquote`,
				status: 200,
				answer: [allocationSummary(REF)],
			},
		],
		output: [{ ConsignmentReference: REF, CarrierName: 'Carrier X' }],
	},
	{
		title: 'Allocate With Carrier Service',
		page: 'includes/_allocate_with_carrier_service.md; SDK AllocateConsignmentsWithCarrierServiceRequest',
		resource: 'allocation',
		operation: 'allocateWithCarrierService',
		parameters: { carrierService: byRef('CX_NDS') },
		calls: [
			{
				method: 'put',
				path: '/allocation/allocatewithcarrierservice',
				body: { MpdCarrierServiceReference: 'CX_NDS', ConsignmentReferences: [REF] },
				status: 200,
				answer: [allocationSummary(REF)],
			},
		],
		output: [{ ConsignmentReference: REF, CarrierServiceName: 'Next Day Super' }],
	},
	{
		title: 'Allocate With Quote',
		page: 'includes/_allocate_with_quote.md',
		resource: 'allocation',
		operation: 'allocateWithQuote',
		parameters: { quoteReference: byRef('f6374a18-a6b5-48c1-841c-aa3f00e9951a') },
		calls: [
			{
				method: 'put',
				path: `/allocation/${REF}/allocatewithquote/f6374a18-a6b5-48c1-841c-aa3f00e9951a`,
				status: 200,
				answer: [allocationSummary(REF)],
			},
		],
		output: [{ ConsignmentReference: REF, CarrierName: 'Carrier X' }],
	},
	{
		title: 'Allocate Using Default Rules',
		page: 'includes/_allocate_using_default_rules.md; SDK AllocateConsignmentsRequest',
		resource: 'allocation',
		operation: 'allocateWithDefaultRules',
		calls: [
			{
				method: 'put',
				path: '/allocation/allocate',
				body: { ConsignmentReferences: [REF] },
				status: 200,
				answer: [allocationSummary(REF)],
			},
		],
		output: [{ ConsignmentReference: REF, CarrierName: 'Carrier X' }],
	},
	{
		title: 'an allocation answered 202 Accepted, then read back',
		page: 'help/allocating_consignments.md (200 or 202 Accepted); help/getting_consignment_data.md',
		silent:
			'No body is documented for 202: the node reads the consignment back and reports the state it reached.',
		resource: 'allocation',
		operation: 'allocateWithServiceGroup',
		parameters: { serviceGroup: byRef('NEXTDAY') },
		calls: [
			{ method: 'put', path: `/allocation/${REF}/allocatewithservicegroup/NEXTDAY`, status: 202 },
			{
				method: 'get',
				path: `/consignments/${REF}`,
				status: 200,
				answer: consignment(REF, 'Allocating'),
			},
		],
		output: [{ ConsignmentReference: REF, Accepted: true, State: 'Allocating' }],
	},
	{
		title: 'Deallocate, one consignment',
		page: 'help/deallocating_consignments.md ("a code 200 response with no body")',
		resource: 'allocation',
		operation: 'deallocate',
		calls: [{ method: 'put', path: `/consignments/${REF}/deallocate`, status: 200 }],
		output: [{ ConsignmentReference: REF, Deallocated: true }],
	},
	{
		title: 'Deallocate, in batches',
		page: 'help/deallocating_consignments.md (PUT /consignments/deallocatelist)',
		resource: 'allocation',
		operation: 'deallocate',
		parameters: { options: { sendInBatches: true } },
		items: refs(REF, OTHER_REF),
		calls: [
			{
				method: 'put',
				path: '/consignments/deallocatelist',
				body: [REF, OTHER_REF],
				status: 200,
				answer: [
					{ ...listResult(REF, 'Consignment deallocation completed successfully'), ApiLinks: null },
					{
						...listResult(OTHER_REF, 'Consignment deallocation completed successfully'),
						ApiLinks: null,
					},
				],
			},
		],
		output: [
			{ ConsignmentReference: REF, Deallocated: true },
			{ ConsignmentReference: OTHER_REF, Deallocated: true },
		],
	},
	{
		title: 'Cancel, one consignment',
		page: 'help/cancelling_consignments.md (PUT /consignments/{ref}/cancel, 200 and no body)',
		resource: 'consignment',
		operation: 'cancel',
		calls: [{ method: 'put', path: `/consignments/${REF}/cancel`, status: 200 }],
		output: [{ ConsignmentReference: REF, Cancelled: true }],
	},
	{
		title: 'Cancel, in batches',
		page: 'help/cancelling_consignments.md (PUT /consignments/cancellist)',
		resource: 'consignment',
		operation: 'cancel',
		parameters: { options: { sendInBatches: true } },
		calls: [
			{
				method: 'put',
				path: '/consignments/cancellist',
				body: [REF],
				status: 200,
				answer: [
					{ ...listResult(REF, 'Consignment cancellation completed successfully'), ApiLinks: null },
				],
			},
		],
		output: [{ ConsignmentReference: REF, Cancelled: true }],
	},
	{
		title: 'Create, from the fields, with no Your Reference',
		page: 'help/creating_new_consignments.md, includes/_create_consignments.md (201, [ApiLink])',
		silent:
			'Which address fields are required is not documented; the node requires Address Line 1 and Country Code, not Town (the documented example has none).',
		resource: 'consignment',
		operation: 'create',
		parameters: {
			shippingLocationReference: byRef('Sorted1'),
			destination: {
				addressLine1: '13 Porter Street',
				region: 'Greater Manchester',
				postcode: 'M1 5WG',
				countryCode: 'GB',
			},
			packages: {
				package: [
					{
						weight: 0.5,
						length: 10,
						width: 10,
						height: 10,
						value: 5.99,
						currency: 'GBP',
						description: 'Socks',
					},
				],
			},
		},
		calls: [
			{
				method: 'post',
				path: '/consignments',
				body: {
					Direction: 'Outbound',
					Packages: [
						{
							Weight: { Value: 0.5, Unit: 'Kg' },
							Dimensions: { Unit: 'Cm', Length: 10, Width: 10, Height: 10 },
							Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } },
							Description: 'Socks',
						},
					],
					Addresses: [
						{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1' },
						{
							AddressType: 'Destination',
							Country: { IsoCode: { TwoLetterCode: 'GB' } },
							AddressLine1: '13 Porter Street',
							Region: 'Greater Manchester',
							Postcode: 'M1 5WG',
						},
					],
				},
				status: 201,
				answer: [link(REF)],
			},
		],
		output: [{ ConsignmentReference: REF, ApiLinks: [link(REF)] }],
	},
	{
		title:
			'Create with Your Reference: the documented search finds none, then the consignment is created',
		page: 'help/getting_consignment_data.md (Search Consignments; SDK route term referenceProvidedByCustomer); help/creating_new_consignments.md',
		silent:
			'SortedPRO documents no route that finds a consignment by your reference other than its search; whether the search matches exactly is not documented, so only an exact ConsignmentReferenceProvidedByCustomer counts.',
		resource: 'consignment',
		operation: 'create',
		parameters: {
			inputMode: 'json',
			jsonBody: JSON.stringify({
				ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
				Packages: [{ Weight: { Value: 0.5, Unit: 'Kg' } }],
				Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1' }],
			}),
		},
		calls: [
			{
				method: 'get',
				path: '/consignments/100/0',
				query: { referenceProvidedByCustomer: 'ORDER-1001' },
				status: 200,
				// A loose match (ORDER-10010) is not "yours".
				answer: searchAnswer(summary(OTHER_REF, 'Allocated', 'ORDER-10010')),
			},
			{
				method: 'post',
				path: '/consignments',
				body: {
					ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
					Packages: [{ Weight: { Value: 0.5, Unit: 'Kg' } }],
					Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'Sorted1' }],
				},
				status: 201,
				answer: [link(REF)],
			},
		],
		output: [{ ConsignmentReference: REF }],
	},
	{
		title: 'Create with Your Reference: Return Existing outputs the consignment the search found',
		page: 'help/getting_consignment_data.md (Search Consignments Response)',
		resource: 'consignment',
		operation: 'create',
		parameters: {
			inputMode: 'json',
			jsonBody: JSON.stringify({
				ConsignmentReferenceProvidedByCustomer: 'ORDER-1001',
				Packages: [],
				Addresses: [],
			}),
		},
		calls: [
			{
				method: 'get',
				path: '/consignments/100/0',
				query: { referenceProvidedByCustomer: 'ORDER-1001' },
				status: 200,
				answer: searchAnswer(summary(REF, 'Allocated', 'ORDER-1001')),
			},
		],
		output: [{ ConsignmentReference: REF, Reference: REF, State: 'Allocated', existing: true }],
	},
	{
		title: 'Get',
		page: 'help/getting_consignment_data.md (Get Consignment Response)',
		resource: 'consignment',
		operation: 'get',
		calls: [{ method: 'get', path: `/consignments/${REF}`, status: 200, answer: consignment(REF) }],
		output: [{ ConsignmentReference: REF, Reference: REF, ConsignmentState: 'Unallocated' }],
	},
	{
		title: 'Get Status',
		page: "help/getting_consignment_data.md (Checking a Consignment's Status); SDK ConsignmentStatusResponse",
		resource: 'consignment',
		operation: 'getStatus',
		calls: [
			{
				method: 'get',
				path: `/consignments/${REF}/status`,
				status: 200,
				answer: {
					ConsignmentReferenceForAllLegsAssignedByMpd: REF,
					Status: 'Allocated',
					ExpectedDeliveryDate: '2020-06-02T14:20:11.4370803+01:00',
					ApiLink: link(REF),
				},
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				Status: 'Allocated',
				ExpectedDeliveryDate: '2020-06-02T14:20:11.4370803+01:00',
			},
		],
	},
	{
		title: 'Get By Your Reference: the search, then the consignment it names',
		page: 'help/getting_consignment_data.md (Search Consignments, Get Consignment)',
		resource: 'consignment',
		operation: 'getByClientReference',
		parameters: { clientReference: 'ORDER-1001' },
		calls: [
			{
				method: 'get',
				path: '/consignments/100/0',
				query: { referenceProvidedByCustomer: 'ORDER-1001' },
				status: 200,
				answer: searchAnswer(summary(REF, 'Unallocated', 'ORDER-1001')),
			},
			{ method: 'get', path: `/consignments/${REF}`, status: 200, answer: consignment(REF) },
		],
		output: [{ ConsignmentReference: REF, ConsignmentReferenceProvidedByCustomer: 'ORDER-1001' }],
	},
	{
		title: 'Get Many',
		page: 'help/getting_consignment_data.md (Search Consignments; SDK MatchingConsignmentsResponse)',
		resource: 'consignment',
		operation: 'getAll',
		parameters: { filters: { state: 'Allocated' } },
		calls: [
			{
				method: 'get',
				path: '/consignments/50/0',
				query: { State: 'Allocated' },
				status: 200,
				answer: searchAnswer(summary(REF), summary(OTHER_REF)),
			},
		],
		output: [
			{ ConsignmentReference: REF, State: 'Allocated' },
			{ ConsignmentReference: OTHER_REF, State: 'Allocated' },
		],
	},
	{
		title: 'Set Ready To Ship',
		page: 'help/manifesting_consignments.md (Setting Consignments As Ready to Ship); data-contracts/consignments/consignments-apis.md, branch content/consignments-data-contract ("Only applicable to consignments in an \'Allocated\' state")',
		resource: 'consignment',
		operation: 'setReadyToShip',
		calls: [
			{
				method: 'put',
				path: '/consignments/setreadytoship',
				body: [REF],
				status: 200,
				answer: [
					{
						...listResult(REF, 'Consignment marked as Ready To Ship completed successfully'),
						ApiLinks: [link(REF, 'detail')],
					},
				],
			},
		],
		output: [{ ConsignmentReference: REF, IsSuccess: true }],
	},
	{
		title: 'Dispatch',
		page: 'SDK ref-consignments ConsignmentService.DispatchConsignments, DispatchConsignmentsRequest, DispatchResponse, Enums.OperationStatus; help/consignment_states.md (Mark as Dispatched: from Manifested)',
		silent:
			"No example: the answer is read as the SDK method returns it, a list of DispatchResponse; Status Success (and a 2xx HttpStatusCode) is a success, Failed or NotFound the item's error with Message.",
		resource: 'consignment',
		operation: 'dispatch',
		items: refs(REF, OTHER_REF),
		calls: [
			{
				method: 'put',
				path: '/consignments/Dispatch',
				body: { ConsignmentReferences: [REF, OTHER_REF] },
				status: 200,
				answer: [dispatchResponse(OTHER_REF), dispatchResponse(REF)],
			},
		],
		output: [
			{ ConsignmentReference: REF, Status: 'Success' },
			{ ConsignmentReference: OTHER_REF, Status: 'Success' },
		],
	},
	{
		title: 'Set Not Ready To Ship',
		page: 'help/manifesting_consignments.md (Set Not Ready To Ship request and response)',
		resource: 'consignment',
		operation: 'setNotReadyToShip',
		items: refs(REF, OTHER_REF),
		calls: [
			{
				method: 'put',
				path: '/consignments/setnotreadytoship',
				body: [REF, OTHER_REF],
				status: 200,
				answer: [
					{
						...listResult(
							REF,
							'Consignment set back to Allocated from Ready To Ship completed successfully',
						),
						ApiLinks: [link(REF, 'detail')],
					},
					{
						...listResult(
							OTHER_REF,
							'Consignment set back to Allocated from Ready To Ship completed successfully',
						),
						ApiLinks: [link(OTHER_REF, 'detail')],
					},
				],
			},
		],
		output: [
			{ ConsignmentReference: REF, IsSuccess: true },
			{ ConsignmentReference: OTHER_REF, IsSuccess: true },
		],
	},
	{
		title: 'Update: read the consignment, send it whole with the change and Reference',
		page: 'help/updating_existing_consignments.md, includes/_update_consignments.md; SDK UpdateConsignmentRequest',
		resource: 'consignment',
		operation: 'update',
		parameters: { updateFields: { customerReference: 'ORDER-1001-B' } },
		calls: [
			{ method: 'get', path: `/consignments/${REF}`, status: 200, answer: consignment(REF) },
			{
				method: 'put',
				path: '/consignments/',
				body: {
					Reference: REF,
					ShippingDate: consignment(REF).ShippingDate,
					RequestedDeliveryDate: consignment(REF).RequestedDeliveryDate,
					ConsignmentReferenceProvidedByCustomer: 'ORDER-1001-B',
					CustomsDocumentation: null,
					Addresses: consignment(REF).Addresses,
					MetaData: consignment(REF).MetaData,
					Packages: [
						{
							Reference: PACKAGE_REF,
							PackageReferenceProvidedByCustomer: '',
							Weight: { Value: 0.5, Unit: 'Kg' },
							Dimensions: { Unit: 'Cm', Width: 10, Length: 10, Height: 10 },
							Description: 'Socks',
							Value: { Amount: 5.99, Currency: { Name: 'Pound Sterling', IsoCode: 'GBP' } },
							PackageSizeReference: null,
							Barcode: null,
							MetaData: [],
							Items: [],
						},
					],
					Tags: ['TagA'],
				},
				status: 200,
				answer: [link(REF)],
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				Updated: true,
				Changed: ['ConsignmentReferenceProvidedByCustomer'],
			},
		],
	},
	{
		title: 'Get Documents: all customs documents',
		page: 'help/getting_customs_docs_and_invoices.md, includes/_get_customs_docs.md; SDK GetCustomsDocumentationResponse',
		silent:
			'The documented Value is "(document data)"; the page says it is the document, base64, and SortedPRO generates PDFs.',
		resource: 'consignment',
		operation: 'getDocuments',
		calls: [
			{
				method: 'get',
				path: `/consignments/docs/${REF}`,
				status: 200,
				answer: {
					CommercialInvoiceDocuments: [
						{ Key: 'INV_Example', Value: smallPdf('Invoice').toString('base64') },
					],
					CN22Documents: [{ Key: 'CN22_Example', Value: smallPdf('CN22').toString('base64') }],
				},
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				DocumentType: 'CommercialInvoice',
				Key: 'INV_Example',
				fileName: 'INV_Example.pdf',
				DocumentCount: 2,
			},
			{
				ConsignmentReference: REF,
				DocumentType: 'CN22',
				Key: 'CN22_Example',
				fileName: 'CN22_Example.pdf',
			},
		],
	},
	{
		title: 'Get Documents: the commercial invoice',
		page: 'help/getting_customs_docs_and_invoices.md (Get Commercial Invoice: "a base-64 encoded byte array")',
		resource: 'consignment',
		operation: 'getDocuments',
		parameters: { documents: 'commercialInvoice' },
		calls: [
			{
				method: 'get',
				path: `/consignments/docs/commercialinvoice/${REF}`,
				status: 200,
				answer: smallPdf('Invoice').toString('base64'),
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				DocumentType: 'CommercialInvoice',
				ContentType: 'application/pdf',
			},
		],
	},
	{
		title: "Get Documents: one package's CN23",
		page: 'help/getting_customs_docs_and_invoices.md (GET /consignments/docs/{customsDocumentType}/{consignmentReference}/{packageReference})',
		resource: 'consignment',
		operation: 'getDocuments',
		parameters: { documents: 'CN23', packageReference: PACKAGE_REF },
		calls: [
			{
				method: 'get',
				path: `/consignments/docs/CN23/${REF}/${PACKAGE_REF}`,
				status: 200,
				answer: smallPdf('CN23').toString('base64'),
			},
		],
		output: [{ ConsignmentReference: REF, PackageReference: PACKAGE_REF, DocumentType: 'CN23' }],
	},
	{
		title: 'Label > Get, ZPL at a resolution',
		page: 'SDK ref-labels LabelService Get Consignment Labels (`/labels/{consignmentReference}/{format}/{resolution:int}`), GetLabelsResponse',
		silent: 'The valid resolutions: only 203 appears in the documentation.',
		resource: 'label',
		operation: 'get',
		parameters: { format: 'ZPL', resolution: 203 },
		calls: [
			{
				method: 'get',
				path: `/labels/${REF}/ZPL/203`,
				status: 200,
				answer: { File: smallZpl('Label').toString('base64'), ContentType: 'application/zpl' },
			},
		],
		output: [{ ConsignmentReference: REF, ContentType: 'application/zpl', fileName: `${REF}.zpl` }],
	},
	{
		title: 'Label > Get, PDF (File is base64 of the base64 text, as documented)',
		page: 'help/getting_labels.md, includes/_get_labels.md, includes/_get_labels_in_format.md; SDK GetLabelsResponse',
		resource: 'label',
		operation: 'get',
		calls: [{ method: 'get', path: `/labels/${REF}/PDF`, status: 200, answer: labelAnswer(pdf) }],
		output: [{ ConsignmentReference: REF, ContentType: 'application/pdf', fileName: `${REF}.pdf` }],
	},
	{
		title: "Label > Get, one package's label",
		page: 'SDK LabelsService (GET /labels/package/{consignmentReference}/{packageReference}/{labelFormat})',
		resource: 'label',
		operation: 'get',
		parameters: { labelFor: 'package', packageReference: PACKAGE_REF },
		calls: [
			{
				method: 'get',
				path: `/labels/package/${REF}/${PACKAGE_REF}/PDF`,
				status: 200,
				answer: labelAnswer(pdf),
			},
		],
		output: [
			{ ConsignmentReference: REF, PackageReference: PACKAGE_REF, fileName: `${PACKAGE_REF}.pdf` },
		],
	},
	{
		title: 'Allocate All Unallocated, with a service group',
		page: 'SDK ref-consignments ConsignmentAllocationService "Allocate All With Service Group" (`/allocation/allocatewithservicegroup/{shipByDate=date}`), AllocateAllConsignmentsWithServiceGroupRequest; help/allocating_consignments.md (AllocationSummary)',
		silent:
			"No page mentions these routes: the date format of the route (YYYY-MM-DD is sent, the full time in the body's ShipByDate), and whether ShippingLocationReference is required (the node requires it).",
		resource: 'allocation',
		operation: 'allocateAllUnallocated',
		parameters: {
			shipByDate: '2026-12-01T17:00:00.000Z',
			shippingLocationReference: byRef('Location1'),
			allocateWith: 'serviceGroup',
			serviceGroup: byRef('NEXTDAY'),
		},
		items: [{}],
		calls: [
			{
				method: 'put',
				path: '/allocation/allocatewithservicegroup/2026-12-01',
				body: {
					ShipByDate: '2026-12-01T17:00:00.000Z',
					ShippingLocationReference: 'Location1',
					MpdCarrierServiceGroupReference: 'NEXTDAY',
				},
				status: 200,
				answer: [allocationSummary(REF), allocationSummary(OTHER_REF)],
			},
		],
		output: [
			{ ConsignmentReference: REF, Allocated: true, CarrierServiceReference: 'CX_NDS' },
			{ ConsignmentReference: OTHER_REF, Allocated: true },
		],
	},
	{
		title: 'Allocate With Service Filters',
		page: 'includes/_allocate_with_service_filters.md (request example); SDK ConsignmentAllocationService, AllocateConsignmentsWithServiceFiltersRequest, AllocationFilters, AllocationSummary',
		silent:
			"No answer example: read as the other allocation list calls, List<AllocationSummary>. ServiceDirection's values are not listed: Outbound (the example) and Inbound are offered.",
		resource: 'allocation',
		operation: 'allocateWithServiceFilters',
		parameters: { serviceDirection: 'Outbound', isPickup: false, isDropOff: true },
		items: refs(REF, OTHER_REF),
		calls: [
			{
				method: 'put',
				path: '/allocation/allocateConsignmentsWithServiceFilters',
				body: {
					ConsignmentReferences: [REF, OTHER_REF],
					Filters: { ServiceDirection: 'Outbound', IsPickup: false, IsDropOff: true },
				},
				status: 200,
				answer: [allocationSummary(REF), allocationSummary(OTHER_REF)],
			},
		],
		output: [
			{ ConsignmentReference: REF, CarrierServiceReference: 'CX_NDS' },
			{ ConsignmentReference: OTHER_REF, CarrierServiceReference: 'CX_NDS' },
		],
	},
	{
		title: 'Manifest',
		page: 'help/manifesting_consignments.md; SDK ManifestConsignmentsRequest',
		resource: 'manifest',
		operation: 'manifest',
		calls: [
			{
				method: 'put',
				path: '/consignments/manifest',
				body: { ConsignmentReferences: [REF] },
				status: 200,
				answer: [listResult(REF, `Consignment ${REF} has been manifested successfully.`)],
			},
		],
		output: [{ ConsignmentReference: REF, IsSuccess: true }],
	},
	{
		title: 'Manifest answered 202 Accepted: a success, never sent again',
		page: 'help/manifesting_consignments.md (200 or 202 Accepted)',
		silent: 'No body is documented for 202.',
		resource: 'manifest',
		operation: 'manifest',
		calls: [
			{
				method: 'put',
				path: '/consignments/manifest',
				body: { ConsignmentReferences: [REF] },
				status: 202,
			},
			{
				method: 'get',
				path: `/consignments/${REF}`,
				status: 200,
				answer: consignment(REF, 'Manifesting'),
			},
		],
		output: [{ ConsignmentReference: REF, Accepted: true, ConsignmentState: 'Manifesting' }],
	},
	{
		title: 'Manifest From Query',
		page: 'help/manifesting_consignments.md (Manifesting Consignments Using a Query), includes/_manifest_consignments_from_query.md; SDK ManifestFromQueryRequest, ManifestFromQueryResponse',
		silent:
			'The help page says POST, the include PUT: POST is sent (PUT after a 404 or 405). The example answer has no FailedConsignments: read as none.',
		resource: 'manifest',
		operation: 'manifestFromQuery',
		parameters: {
			states: ['Allocated'],
			filters: {
				shippingLocationReferences: 'Location1',
				carriers: 'CARRIER_X',
				labelsPrinted: 'printed',
			},
		},
		items: [{}],
		calls: [
			{
				method: 'post',
				path: '/consignments/manifestFromQuery',
				body: manifestFromQueryRequest,
				status: 200,
				answer: manifestFromQueryAnswer(10, 10),
			},
		],
		output: [
			{
				Message:
					'Query found 10 consignment(s). 10 successfully queued to manifest. 0 failed to be added to the queue',
				ConsignmentsFound: 10,
				ConsignmentsQueued: 10,
				ConsignmentsFailed: 0,
				FailedConsignments: [],
			},
		],
	},
	{
		title: "Manifest From Query, the include's verb (PUT) after a 405 to POST",
		page: 'includes/_manifest_consignments_from_query.md (PUT)',
		resource: 'manifest',
		operation: 'manifestFromQuery',
		parameters: { states: ['ReadyToShip'] },
		items: [{}],
		calls: [
			{
				method: 'post',
				path: '/consignments/manifestFromQuery',
				body: { States: ['ReadyToShip'] },
				status: 405,
				answer: { Message: 'The requested resource does not support http method POST.' },
			},
			{
				method: 'put',
				path: '/consignments/manifestFromQuery',
				body: { States: ['ReadyToShip'] },
				status: 200,
				answer: manifestFromQueryAnswer(2, 1, [REF]),
			},
		],
		output: [{ ConsignmentsFound: 2, ConsignmentsQueued: 1, FailedConsignments: [REF] }],
	},
	{
		title: 'Get Customer Manifests',
		page: 'help/manifesting_consignments.md (Retrieving a Manifest Summary)',
		resource: 'manifest',
		operation: 'getCustomerManifests',
		parameters: { returnAll: true, filters: { shippingLocationReference: 'EDC5-SL1' } },
		items: [{}],
		calls: [
			{
				method: 'get',
				path: '/consignments/customer/manifests',
				query: { shippingLocationReference: 'EDC5-SL1' },
				status: 200,
				answer: [
					customerManifest(MANIFEST_REF),
					customerManifest('ffe8739761624fc695e3fbcb72a63557'),
				],
			},
		],
		output: [
			{ ManifestReference: MANIFEST_REF, CarrierName: 'Ups', BookingsCount: 1 },
			{ ManifestReference: 'ffe8739761624fc695e3fbcb72a63557' },
		],
	},
	{
		title: "Get Customer Manifests, the SDK's route and ManifestsView after a 404",
		page: 'SDK ConsignmentService.GetCustomerManifests (/consignments/manifests), ManifestsView',
		resource: 'manifest',
		operation: 'getCustomerManifests',
		parameters: { returnAll: true },
		items: [{}],
		calls: [
			{ method: 'get', path: '/consignments/customer/manifests', status: 404, answer: {} },
			{
				method: 'get',
				path: '/consignments/manifests',
				status: 200,
				answer: { Manifests: [customerManifest(MANIFEST_REF)], TotalRecords: 1, PageSize: 20 },
			},
		],
		output: [{ ManifestReference: MANIFEST_REF }],
	},
	{
		title: 'Get Customer Manifest',
		page: 'help/manifesting_consignments.md (Downloading a Manifest File)',
		silent:
			'"A base-64 encoded byte array": read as a JSON string of base64 (once or twice encoded, like labels), which must be a PDF; no content type is documented.',
		resource: 'manifest',
		operation: 'getCustomerManifest',
		parameters: { manifestReference: MANIFEST_REF },
		items: [{}],
		calls: [
			{
				method: 'get',
				path: `/consignments/customer/manifest/${MANIFEST_REF}`,
				status: 200,
				answer: smallPdf('Manifest').toString('base64'),
			},
		],
		output: [
			{
				ManifestReference: MANIFEST_REF,
				ContentType: 'application/pdf',
				fileName: `${MANIFEST_REF}.pdf`,
			},
		],
	},
	{
		title: 'Tracking > Get Flattened',
		page: 'help/using_pros_tracking_api.md (branch EORI_number, Get Events Per Package); SDK FlattenedConsignmentViewModel',
		resource: 'tracking',
		operation: 'getFlattened',
		calls: [
			{
				method: 'get',
				path: `/tracking/flattened/${REF}`,
				status: 200,
				answer: flattenedTracking(REF),
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				TrackedPackages: [
					{ PackageReferenceForAllLegsAssignedByMpd: PACKAGE_REF, Events: [{ Code: 'DELIVERED' }] },
				],
			},
		],
	},
	{
		title: 'Get Count By State',
		page: 'SDK ref-consignments ConsignmentService GetCountOfConsignmentsInState (`/consignments/count?[state=string]`, int)',
		silent:
			'No example; whether state is the name or the number (the name is sent, as the search takes it), and what no state would count (a state is required).',
		resource: 'consignment',
		operation: 'getCount',
		parameters: { state: 'ReadyToShip' },
		items: [{}],
		calls: [
			{
				method: 'get',
				path: '/consignments/count',
				query: { state: 'ReadyToShip' },
				status: 200,
				answer: 42,
			},
		],
		output: [{ State: 'ReadyToShip', Count: 42 }],
	},
	{
		title: 'Get Late',
		page: 'SDK ref-consignments ConsignmentService GetLateConsignments, ConsignmentSearchTerms (pageSize, startPage), LateConsignmentsResponse, ConsignmentSummary',
		silent:
			'No example, and whether startPage counts from 0 or 1: a short first page is the whole answer.',
		resource: 'consignment',
		operation: 'getLate',
		parameters: { returnAll: true },
		items: [{}],
		calls: [
			{
				method: 'get',
				path: '/consignments/late',
				query: { pageSize: '100', startPage: '0' },
				status: 200,
				answer: lateAnswer(2, summary(REF, 'InTransit'), summary(OTHER_REF, 'Manifested')),
			},
		],
		output: [
			{ ConsignmentReference: REF, State: 'InTransit' },
			{ ConsignmentReference: OTHER_REF, State: 'Manifested' },
		],
	},
	{
		title: 'Get Audit Messages',
		page: 'SDK ref-consignments ConsignmentService GetAuditMessages, ConsignmentAuditMessage',
		silent:
			'No example; Severity and Category are passed on as SortedPRO sends them (names or numbers).',
		resource: 'consignment',
		operation: 'getAudit',
		calls: [
			{
				method: 'get',
				path: `/consignments/${REF}/audit`,
				status: 200,
				answer: [auditMessage(REF)],
			},
		],
		output: [
			{ ConsignmentReference: REF, AuditMessageCount: 1, AuditMessages: [auditMessage(REF)] },
		],
	},
	{
		title: 'Package > Add',
		page: 'help/updating_existing_consignments.md (branch EORI_number, Adding a Package); SDK AddPackageToConsignment (201, Package)',
		resource: 'package',
		operation: 'add',
		parameters: {
			weight: 0.5,
			length: 10,
			width: 10,
			height: 10,
			value: 5.99,
			currency: 'GBP',
			description: 'Updated Description',
		},
		calls: [
			{
				method: 'post',
				path: `/consignments/${REF}/addpackage`,
				body: addPackageRequest,
				status: 201,
				answer: packageAnswer(PACKAGE_REF),
			},
		],
		output: [{ ConsignmentReference: REF, PackageReference: PACKAGE_REF, Reference: PACKAGE_REF }],
	},
	{
		title: 'Package > Remove',
		page: 'SDK ref-consignments ConsignmentService RemovePackageFromConsignment (POST, no body, 200 or 404)',
		silent:
			'No page has an example; whether the last package may be removed (SortedPRO refuses to delete it).',
		resource: 'package',
		operation: 'remove',
		parameters: { packageReference: PACKAGE_REF },
		calls: [
			{ method: 'post', path: `/consignments/${REF}/removepackage/${PACKAGE_REF}`, status: 200 },
		],
		output: [{ ConsignmentReference: REF, PackageReference: PACKAGE_REF, Removed: true }],
	},
	{
		title: 'Package > Update: the package read from the consignment, sent whole with the change',
		page: "SDK ref-packages PackagesService UpdatePackage (PUT /packages/{packageReference}, UpdatePackageRequest, no answer); help/getting_consignment_data.md (the consignment's Packages)",
		silent:
			'No example, and whether fields left out are kept: the node sends the whole package as read, with the change.',
		resource: 'package',
		operation: 'update',
		parameters: { packageReference: PACKAGE_REF, updateFields: { weight: 2.5 } },
		calls: [
			{ method: 'get', path: `/consignments/${REF}`, status: 200, answer: consignment(REF) },
			{
				method: 'put',
				path: `/packages/${PACKAGE_REF}`,
				body: (body: Record<string, unknown>) =>
					body.Reference === PACKAGE_REF &&
					(body.Weight as { Value: number }).Value === 2.5 &&
					body.Description === 'Socks' &&
					body.Dimensions !== undefined,
				status: 200,
			},
		],
		output: [{ ConsignmentReference: REF, PackageReference: PACKAGE_REF, Updated: true }],
	},
	{
		title: 'Collection Calendar > Get',
		page: 'SDK ref-settings CollectionCalendarService GetCollectionCalendar (`/collectioncalendar/{shippingLocationReference}/{mpdCarrierReference}`, 200 or 404)',
		silent:
			'The answer type (ServiceAvailability.CollectionCalendar) has no documented fields: an object is passed on as it is, anything else is an error.',
		resource: 'collectionCalendar',
		operation: 'get',
		parameters: { shippingLocationReference: byRef('Location1'), carrierReference: 'CARRIER_X' },
		items: [{}],
		calls: [
			{
				method: 'get',
				path: '/collectioncalendar/Location1/CARRIER_X',
				status: 200,
				answer: { Rules: [] },
			},
		],
		output: [{ ShippingLocationReference: 'Location1', CarrierReference: 'CARRIER_X', Rules: [] }],
	},
	{
		title: 'Tracking > Get',
		page: 'help/using_pros_tracking_api.md (Get Tracking Events)',
		resource: 'tracking',
		operation: 'get',
		calls: [
			{
				method: 'get',
				path: `/tracking/${REF}`,
				status: 200,
				answer: {
					ConsignmentReferenceForAllLegsAssignedByMpd: REF,
					TrackedPackages: [
						{
							PackageReferenceForAllLegsAssignedByMpd: PACKAGE_REF,
							Legs: [
								{
									CarrierServiceName: 'Carrier Service B',
									Events: [
										{
											TimeStamp: '2020-02-11T07:08:11.786733+00:00',
											Code: 'Sample',
											Description: 'Sample Event',
											SignedBy: 'C. Smith',
											Location: 'Sample Location',
										},
									],
								},
							],
						},
					],
				},
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				TrackedPackages: [{ PackageReferenceForAllLegsAssignedByMpd: PACKAGE_REF }],
			},
		],
	},
	{
		title: 'Quote > Get Many',
		page: 'help/getting_quotes_for_an_existing_consignment.md; SDK QuoteResult',
		resource: 'quote',
		operation: 'getAll',
		calls: [
			{
				method: 'get',
				path: `/quotes/consignment/${REF}`,
				status: 200,
				answer: {
					QuoteRequestReference: '6f9c7ee5-a97e-4df9-bc07-aa3f00e99316',
					Quotes: [
						quote('q-2', 'Tracked 48 Signed For', 8.4),
						quote('q-1', 'Royal Mail 1st Class', 4.2),
					],
					UnqualifiedServices: [
						unqualifiedService('Tracked 48 Hour', 'No cost and/or pricing data configured'),
					],
				},
			},
		],
		output: [
			{
				ConsignmentReference: REF,
				QuoteReference: 'q-1',
				CarrierName: 'ROYAL_MAIL',
				CarrierServiceName: 'Royal Mail 1st Class',
				GrossPrice: 4.2,
				NetPrice: 3.5,
				CurrencyIsoCode: 'GBP',
				CollectionDate: '2019-05-01T00:00:00',
				Qualified: true,
			},
			{ QuoteReference: 'q-2', GrossPrice: 8.4 },
		],
	},
	{
		title: 'Carrier Service > Get Many',
		page: 'SDK CarrierServicesService (GET /carrierservices → SubscriptionMpdCarrierServiceResponse, an object)',
		silent:
			"The response type's fields are not documented: the node reads the one list the object holds, and fails clearly on anything else.",
		resource: 'carrierService',
		operation: 'getAll',
		calls: [
			{
				method: 'get',
				path: '/carrierservices',
				status: 200,
				answer: { MpdCarrierServices: [{ Reference: 'CX_NDS', Name: 'Next Day Super' }] },
			},
		],
		output: [{ Reference: 'CX_NDS', Name: 'Next Day Super' }],
	},
	{
		title: 'Service Group > Get Many',
		page: 'SDK ServiceGroupsService (GET /servicegroups → List<MpdCarrierServiceGroup>)',
		silent:
			"MpdCarrierServiceGroup's fields are not documented: the node tries ServiceGroupCode, Code, Reference… for the code.",
		resource: 'serviceGroup',
		operation: 'getAll',
		calls: [
			{
				method: 'get',
				path: '/servicegroups',
				status: 200,
				answer: [{ Reference: 'NEXTDAY', Name: 'Next day' }],
			},
		],
		output: [{ Reference: 'NEXTDAY', Name: 'Next day' }],
	},
	{
		title: 'Shipping Location > Get Many',
		page: 'SDK ShippingLocationsService (GET /shippinglocations → List<ShippingLocation>)',
		silent: "ShippingLocation's fields are not documented.",
		resource: 'shippingLocation',
		operation: 'getAll',
		calls: [
			{
				method: 'get',
				path: '/shippinglocations',
				status: 200,
				answer: [{ Reference: 'Sorted1', Name: 'Manchester' }],
			},
		],
		output: [{ Reference: 'Sorted1', Name: 'Manchester' }],
	},
];

/** nock answering exactly the documented calls, in order. */
function documented(calls: DocumentedCall[]) {
	let scope = sortedPro();
	for (const call of calls) {
		const interceptor =
			call.method === 'get'
				? scope.get(call.path)
				: call.method === 'put'
					? scope.put(call.path, call.body as nock.RequestBodyMatcher)
					: scope.post(call.path, call.body as nock.RequestBodyMatcher);
		scope = (call.query ? interceptor.query(call.query) : interceptor).reply(
			call.status,
			call.answer === undefined
				? ''
				: typeof call.answer === 'string' || typeof call.answer === 'number'
					? JSON.stringify(call.answer)
					: (call.answer as nock.Body),
		);
	}
	return scope;
}

describe("SortedPRO's documented contracts", () => {
	test.each(contracts.map((contract) => [contract.title, contract] as const))(
		'%s',
		async (_title, contract) => {
			expect(contract.page).toBeTruthy();
			const api = documented(contract.calls);
			const { output, error } = await runWorkflow(
				operationWorkflow(contract.resource, contract.operation, {
					consignmentReference: '={{ $json.reference }}',
					...contract.parameters,
				}),
				contract.items ?? refs(REF),
			);
			expect(error).toBeUndefined();
			expect(api.pendingMocks()).toEqual([]);
			expect(output?.map((item) => item.json)).toHaveLength(contract.output.length);
			contract.output.forEach((expected, index) =>
				expect(output?.[index].json).toMatchObject(expected),
			);
			output?.forEach((item, index) =>
				expect(item.pairedItem).toEqual({
					item: Math.min(index, (contract.items ?? [1]).length - 1),
				}),
			);
		},
	);

	test('a documented label decodes to the PDF itself', async () => {
		documented([
			{ method: 'get', path: `/labels/${REF}/PDF`, status: 200, answer: labelAnswer(pdf) },
		]);
		const { output } = await runWorkflow(
			operationWorkflow('label', 'get', { consignmentReference: REF }),
			refs(REF),
		);
		const file = output?.[0].binary?.data;
		expect(
			Buffer.from(file?.data ?? '', 'base64')
				.subarray(0, 8)
				.toString('latin1'),
		).toBe('%PDF-1.4');
	});

	test('the trigger polls the documented search and reads its summaries', async () => {
		const staticData = {};
		const poll = () => sortedPro().get('/consignments/100/0').query({ State: 'AllocationFailed' });
		poll().reply(200, searchAnswer(summary(REF, 'AllocationFailed')));
		await runPoll({ event: 'consignmentEnteredState', states: ['AllocationFailed'] }, staticData);
		poll().reply(
			200,
			searchAnswer(summary(REF, 'AllocationFailed'), summary(OTHER_REF, 'AllocationFailed')),
		);
		const { items } = await runPoll(
			{ event: 'consignmentEnteredState', states: ['AllocationFailed'] },
			staticData,
		);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ConsignmentReference: OTHER_REF,
				Reference: OTHER_REF,
				EnteredState: 'Allocation Failed',
			}),
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	// SDK ref-webhooks: ConsignmentStateEventRequest { ConsignmentStates, Start, End } answered by
	// List<ConsignmentPayload>. The documentation has no example and does not say how answers are
	// paged, how long a window may be or whether its ends are included: the trigger asks for one
	// state and at most 15 minutes a request, and refuses an answer that is not a list.
	test('the trigger reads the documented state events: one state a request, a window ending 30 s ago', async () => {
		const requests: Array<{ ConsignmentStates: string[]; Start: string; End: string }> = [];
		const stateEvents = (answer: unknown) =>
			sortedPro()
				.post('/events/consignmentstateevents', (body: (typeof requests)[number]) => {
					requests.push(body);
					return true;
				})
				.reply(200, answer);
		const parameters = { event: 'consignmentEnteredState', states: ['Allocated'] };
		const staticData: IDataObject = {};
		stateEvents([]);
		await runPoll(parameters, staticData, 'trigger', undefined, { typeVersion: 1.1 });
		(staticData['node:SortedPRO Trigger'] as { events: { until: number } }).events.until -= 60_000;
		stateEvents([stateEventPayload(REF)]);
		const before = Date.now();
		const { items } = await runPoll(parameters, staticData, 'trigger', undefined, {
			typeVersion: 1.1,
		});

		expect(Object.keys(requests[1]).sort()).toEqual(['ConsignmentStates', 'End', 'Start']);
		expect(requests[1].ConsignmentStates).toEqual(['Allocated']);
		// Contiguous windows: this one starts where the first poll's ended (moved a minute back).
		expect(requests[1].Start).toBe(new Date(Date.parse(requests[0].End) - 60_000).toISOString());
		expect(Date.parse(requests[1].End)).toBeGreaterThanOrEqual(before - 30_000);
		expect(Date.parse(requests[1].End)).toBeLessThanOrEqual(Date.now() - 30_000);
		expect(requests[1].End).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ConsignmentReference: REF,
				ConsignmentTrackingReference: 'TRK0001',
				ConsignmentState: 'Manifested',
				EnteredState: 'Allocated',
				Detection: 'Events',
			}),
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	// SDK ref-webhooks: ConsignmentEventRequest { EventTypes, Start, End } answered by
	// ConsignmentEventPayloadResponse { Events }. No example either; the SDK's endpoint attribute
	// names a bare list, which is read too.
	test('the trigger reads the documented consignment events: Labels Printed', async () => {
		const requests: Array<{ EventTypes: string[]; Start: string; End: string }> = [];
		const events = (answer: unknown) =>
			sortedPro()
				.post('/events/consignments', (body: (typeof requests)[number]) => {
					requests.push(body);
					return true;
				})
				.reply(200, answer);
		const staticData: IDataObject = {};
		events({ Events: [] });
		await runPoll({ event: 'labelsPrinted' }, staticData, 'trigger', undefined, {
			typeVersion: 1.1,
		});
		(staticData['node:SortedPRO Trigger'] as { events: { until: number } }).events.until -= 60_000;
		const at = new Date(Date.now() - 50_000).toISOString();
		events({ Events: [consignmentEventPayload(REF, 'LabelsPrinted', at)] });
		const { items } = await runPoll({ event: 'labelsPrinted' }, staticData, 'trigger', undefined, {
			typeVersion: 1.1,
		});

		expect(requests[1]).toEqual({
			EventTypes: ['LabelsPrinted'],
			Start: new Date(Date.parse(requests[0].End) - 60_000).toISOString(),
			End: expect.any(String),
		});
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				ConsignmentReference: REF,
				Event: 'Labels Printed',
				EventDate: at,
				EventId: '2b1f5d3e-9c4a-4f0e-8d6b-0a1b2c3d4e5f',
				EventDetails: expect.objectContaining({ User: 'warehouse@example.com' }),
			}),
		]);
		expect(nock.pendingMocks()).toEqual([]);
	});

	test('the quote drop-down shows carrier, service and gross price from the documented quotes', async () => {
		sortedPro()
			.get(`/quotes/consignment/${REF}`)
			.reply(200, {
				QuoteRequestReference: 'r',
				Quotes: [quote('q-1', 'Royal Mail 1st Class', 4.2)],
				UnqualifiedServices: [],
			});
		const { result } = await searchList('searchQuotes', undefined, undefined, {
			consignmentReference: REF,
		});
		expect(result.results).toEqual([
			{ name: 'ROYAL_MAIL Royal Mail 1st Class – 4.20 GBP', value: 'q-1' },
		]);
	});

	test('the carrier service drop-down reads the documented object', async () => {
		sortedPro()
			.get('/carrierservices')
			.reply(200, { MpdCarrierServices: [{ Reference: 'CX_NDS', Name: 'Next Day Super' }] });
		const { result } = await searchList('searchCarrierServices');
		expect(result.results).toEqual([{ name: 'Next Day Super (CX_NDS)', value: 'CX_NDS' }]);
	});
});

export { contracts };
