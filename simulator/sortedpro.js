'use strict';
/**
 * SortedPRO's rules, in memory: consignments and their states, carrier services with
 * prices and eligibility rules, service groups, allocation to the cheapest eligible
 * service, labels, manifest and tracking. No HTTP here (see server.js).
 *
 * Answers are { status, body } with SortedPRO's shapes: Allocation Summaries,
 * per-consignment list results ({ IsSuccess, Message, Data, ApiLinks }) and application
 * errors ({ Code, Message, CorrelationId, Details }).
 */
const { randomUUID } = require('node:crypto');
const { smallPdf, smallPng, smallZpl } = require('./files');

const ALLOCATABLE = ['Unallocated', 'Allocation Failed'];
const DEALLOCATABLE = ['Allocated', 'Manifested', 'Manifest Failed'];
const MANIFESTABLE = ['Allocated', 'Manifest Failed', 'Ready To Ship'];
const NOT_CANCELLABLE = ['Cancelled', 'Dispatched', 'Collected', 'Delivered'];

/** Seed reference data: services with a price and rules (max weight, countries). */
function seedCarrierServices() {
	return [
		{
			Reference: 'CX_NDS',
			Name: 'Next Day Super',
			CarrierReference: 'CARRIER_X',
			CarrierName: 'Carrier X',
			Price: 6.5,
			MaxWeightKg: 30,
			Countries: ['GB'],
		},
		{
			Reference: 'CY_NDE',
			Name: 'Next Day Economy',
			CarrierReference: 'CARRIER_Y',
			CarrierName: 'Carrier Y',
			Price: 4.95,
			MaxWeightKg: 2,
			Countries: ['GB'],
		},
		{
			Reference: 'CZ_48',
			Name: '48 Hour',
			CarrierReference: 'CARRIER_Z',
			CarrierName: 'Carrier Z',
			Price: 3.2,
			MaxWeightKg: 20,
			Countries: ['GB'],
		},
		{
			Reference: 'CX_EU',
			Name: 'Europe Express',
			CarrierReference: 'CARRIER_X',
			CarrierName: 'Carrier X',
			Price: 14,
			MaxWeightKg: 30,
			Countries: ['DE', 'FR', 'NL', 'IE'],
		},
		{
			Reference: 'CW_EU',
			Name: 'Europe Road',
			CarrierReference: 'CARRIER_W',
			CarrierName: 'Carrier W',
			Price: 9.5,
			MaxWeightKg: 10,
			Countries: ['DE', 'FR', 'NL'],
		},
	];
}

function seedServiceGroups() {
	return [
		{
			ServiceGroupCode: 'NEXTDAY',
			Name: 'Next day',
			Members: ['CX_NDS', 'CY_NDE'],
			IsDefault: true,
		},
		{ ServiceGroupCode: 'ECONOMY', Name: 'Economy', Members: ['CZ_48', 'CY_NDE'] },
		{ ServiceGroupCode: 'EUROPE', Name: 'Europe', Members: ['CX_EU', 'CW_EU'] },
		{ ServiceGroupCode: 'EMPTY', Name: 'No services (always fails)', Members: [] },
	];
}

class SortedProModel {
	// Declared here for their types; reset() gives them their values.
	/** @type {ReturnType<typeof seedCarrierServices>} */ carrierServices;
	/** @type {ReturnType<typeof seedServiceGroups>} */ serviceGroups;
	/** @type {Array<{ Reference: string, Name: string }>} */ shippingLocations;
	/** @type {Map<string, any>} */ consignments;
	/** @type {Map<string, { reference: string, service: string }>} */ quotes;
	/** @type {number} */ sequence;

	/** @param {{ baseUrl?: string, consignments?: number }} options */
	constructor(options = {}) {
		this.baseUrl = options.baseUrl ?? 'http://127.0.0.1:4010';
		this.reset(options.consignments ?? 300);
	}

	reset(consignments = 300) {
		this.carrierServices = seedCarrierServices();
		this.serviceGroups = seedServiceGroups();
		this.shippingLocations = [{ Reference: 'WAREHOUSE-1', Name: 'Main warehouse, Leeds' }];
		this.consignments = new Map();
		this.quotes = new Map();
		this.sequence = 0;
		/** How many consignment searches were answered: a test can tell a trigger has polled. */
		this.searches = 0;
		this.addConsignments(consignments);
	}

	/** Adds unallocated consignments; every tenth goes to Germany, every seventh is heavy. */
	addConsignments(count, template = {}) {
		const created = [];
		for (let index = 0; index < count; index++) {
			const n = this.sequence + 1;
			const country = template.country ?? (n % 10 === 0 ? 'DE' : 'GB');
			const weight = template.weightKg ?? (n % 7 === 0 ? 12 : 1.5);
			created.push(
				this.store({
					ConsignmentReferenceProvidedByCustomer: `ORDER-${String(n).padStart(6, '0')}`,
					ShippingLocationReference: 'WAREHOUSE-1',
					Packages: [{ Weight: { Value: weight, Unit: 'Kg' } }],
					Addresses: [
						{ AddressType: 'Origin', ShippingLocationReference: 'WAREHOUSE-1' },
						{
							AddressType: 'Destination',
							AddressLine1: `${n} Test Street`,
							Town: 'Testtown',
							Postcode: 'TE1 1ST',
							Country: { IsoCode: { TwoLetterCode: country } },
						},
					],
				}).Reference,
			);
		}
		return created;
	}

	store(request) {
		this.sequence += 1;
		const Reference = `EC-SIM-${String(this.sequence).padStart(6, '0')}`;
		const consignment = {
			Reference,
			State: 'Unallocated',
			ConsignmentReferenceProvidedByCustomer:
				request.ConsignmentReferenceProvidedByCustomer ?? null,
			ShippingLocationReference: request.ShippingLocationReference,
			Packages: request.Packages.map((pkg, index) => ({
				...pkg,
				Reference: `EP-SIM-${String(this.sequence).padStart(6, '0')}-${index + 1}`,
			})),
			Addresses: request.Addresses ?? [],
			Tags: request.Tags ?? [],
			MetaData: request.MetaData ?? [],
			Allocation: null,
			/** How many times this consignment has been allocated: the double-allocation check. */
			AllocationCount: 0,
			History: [{ State: 'Unallocated', At: new Date().toISOString() }],
		};
		this.consignments.set(Reference, consignment);
		return consignment;
	}

	link(rel, path) {
		return { Rel: rel, Href: `${this.baseUrl}${path}` };
	}

	error(status, code, message, details = []) {
		return {
			status,
			body: { Code: code, Message: message, CorrelationId: randomUUID(), Details: details },
		};
	}

	/** SortedPRO's refusal of an action the consignment's state does not allow. */
	refusedInState(consignment, action) {
		return this.error(
			400,
			'InvalidConsignmentState',
			`Consignment ${consignment.Reference} is in state ${consignment.State} and cannot be ${action}`,
		);
	}

	notFound(reference) {
		return this.error(404, 'NotFound', `Consignment ${reference} was not found`, [
			{ Code: 'NotFound', Target: 'ConsignmentReference', Message: `No consignment ${reference}` },
		]);
	}

	setState(consignment, state) {
		consignment.State = state;
		consignment.History.push({ State: state, At: new Date().toISOString() });
	}

	weightOf(consignment) {
		return consignment.Packages.reduce((sum, pkg) => sum + Number(pkg.Weight?.Value ?? 0), 0);
	}

	countryOf(consignment) {
		const destination = consignment.Addresses.find(
			(address) => address.AddressType === 'Destination',
		);
		return destination?.Country?.IsoCode?.TwoLetterCode ?? 'GB';
	}

	/** The services a consignment may use, cheapest first. */
	eligible(consignment, serviceReferences) {
		const weight = this.weightOf(consignment);
		const country = this.countryOf(consignment);
		return this.carrierServices
			.filter((service) => serviceReferences.includes(service.Reference))
			.filter((service) => weight <= service.MaxWeightKg && service.Countries.includes(country))
			.sort((a, b) => a.Price - b.Price);
	}

	summary(consignment) {
		const service = consignment.Allocation;
		return {
			StatusCode: 200,
			ApiLinks: [
				this.link('detail', `/consignments/${consignment.Reference}`),
				this.link('label', `/labels/${consignment.Reference}`),
			],
			Description: `Consignment ${consignment.Reference} has been successfully allocated with ${service.CarrierName} ${service.Name} for shipping on ${new Date().toISOString()}`,
			ConsignmentLegs: [
				{
					Leg: 1,
					TrackingReferences: [service.TrackingReference],
					CarrierReference: service.CarrierReference,
					CarrierServiceReference: null,
					CarrierName: service.CarrierName,
				},
			],
			CarrierReference: service.CarrierReference,
			CarrierName: service.CarrierName,
			CarrierServiceReference: service.Reference,
			CarrierServiceName: service.Name,
		};
	}

	/** Allocates one consignment to the cheapest eligible service among `serviceReferences`. */
	allocate(reference, serviceReferences, what) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!ALLOCATABLE.includes(consignment.State)) {
			return this.refusedInState(consignment, 'allocated');
		}
		const [cheapest] = this.eligible(consignment, serviceReferences);
		if (!cheapest) {
			this.setState(consignment, 'Allocation Failed');
			return this.error(
				400,
				'NoEligibleCarrierService',
				`No carrier service in ${what} is eligible for consignment ${reference}`,
				[
					{
						Code: 'NoEligibleCarrierService',
						Target: 'ConsignmentReference',
						Message: `Weight ${this.weightOf(consignment)} kg to ${this.countryOf(consignment)}`,
					},
				],
			);
		}
		consignment.Allocation = {
			...cheapest,
			TrackingReference: `TRK${String(consignment.AllocationCount + 1).padStart(2, '0')}${reference.slice(-6)}`,
		};
		consignment.AllocationCount += 1;
		this.setState(consignment, 'Allocated');
		return { status: 200, body: this.summary(consignment) };
	}

	group(code) {
		return this.serviceGroups.find((group) => group.ServiceGroupCode === code);
	}

	allocateWithServiceGroup(reference, groupCode) {
		const group = this.group(groupCode);
		if (!group)
			return this.error(404, 'NotFound', `Carrier service group ${groupCode} was not found`);
		return this.allocate(reference, group.Members, `service group ${groupCode}`);
	}

	allocateCheapest(reference) {
		return this.allocate(
			reference,
			this.carrierServices.map((service) => service.Reference),
			'the account',
		);
	}

	allocateWithDefaultRules(reference) {
		const group = this.serviceGroups.find((candidate) => candidate.IsDefault);
		return this.allocate(reference, group.Members, 'the default rules');
	}

	allocateWithCarrierService(reference, serviceReference) {
		if (!this.carrierServices.some((service) => service.Reference === serviceReference)) {
			return this.error(404, 'NotFound', `Carrier service ${serviceReference} was not found`);
		}
		return this.allocate(reference, [serviceReference], `carrier service ${serviceReference}`);
	}

	/** SortedPRO's quotes answer: { Quotes, UnqualifiedServices }, cheapest first. */
	quotesFor(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		const eligible = this.eligible(
			consignment,
			this.carrierServices.map((service) => service.Reference),
		);
		const now = Date.now();
		const Quotes = eligible.map((service) => {
			const QuoteReference = randomUUID();
			this.quotes.set(QuoteReference, { reference, service: service.Reference });
			return {
				QuoteReference,
				CreatedDate: new Date(now).toISOString(),
				ExpiryDate: new Date(now + 24 * 3600_000).toISOString(),
				CarrierReference: service.CarrierReference,
				CarrierName: service.CarrierName,
				CarrierServiceReference: service.Reference,
				CarrierServiceName: service.Name,
				DeliveryDate: new Date(now + 2 * 24 * 3600_000).toISOString().slice(0, 10),
				Price: service.Price,
				Currency: 'GBP',
			};
		});
		const UnqualifiedServices = this.carrierServices
			.filter((service) => !eligible.includes(service))
			.map((service) => ({ CarrierServiceReference: service.Reference, Reason: 'Not eligible' }));
		return { status: 200, body: { Quotes, UnqualifiedServices } };
	}

	allocateWithQuote(reference, quoteReference) {
		const quote = this.quotes.get(quoteReference);
		if (!quote || quote.reference !== reference)
			return this.error(
				404,
				'NotFound',
				`Quote ${quoteReference} was not found for consignment ${reference}`,
			);
		return this.allocate(reference, [quote.service], `quote ${quoteReference}`);
	}

	deallocate(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!DEALLOCATABLE.includes(consignment.State)) {
			return this.refusedInState(consignment, 'deallocated');
		}
		consignment.Allocation = null;
		this.setState(consignment, 'Unallocated');
		return { status: 200, body: '' };
	}

	cancel(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (NOT_CANCELLABLE.includes(consignment.State)) {
			return this.refusedInState(consignment, 'cancelled');
		}
		this.setState(consignment, 'Cancelled');
		return { status: 200, body: '' };
	}

	manifest(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!MANIFESTABLE.includes(consignment.State)) {
			return this.refusedInState(consignment, 'manifested');
		}
		this.setState(consignment, 'Manifested');
		return { status: 200, body: '' };
	}

	setReadyToShip(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (consignment.State !== 'Allocated') {
			return this.refusedInState(consignment, 'set ready to ship');
		}
		this.setState(consignment, 'Ready To Ship');
		return { status: 200, body: '' };
	}

	/** PUT /consignments: the whole consignment, only while it is not allocated. */
	update(request) {
		const reference = request?.ConsignmentReference;
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!ALLOCATABLE.includes(consignment.State)) {
			return this.refusedInState(consignment, 'updated');
		}
		for (const field of [
			'ShippingLocationReference',
			'Addresses',
			'Tags',
			'MetaData',
			'ShippingDate',
		]) {
			if (request[field] !== undefined) consignment[field] = request[field];
		}
		if (Array.isArray(request.Packages) && request.Packages.length) {
			consignment.Packages = request.Packages.map((pkg, index) => ({
				...pkg,
				Reference:
					consignment.Packages[index]?.Reference ?? `${reference.replace('EC', 'EP')}-${index + 1}`,
			}));
		}
		return { status: 200, body: this.view(consignment) };
	}

	/** Customs documents: for allocated consignments that leave the UK; none for domestic ones. */
	documents(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!consignment.Allocation) {
			return this.error(
				400,
				'InvalidConsignmentState',
				`Consignment ${reference} is in state ${consignment.State}; customs documents exist once it is allocated`,
			);
		}
		if (this.countryOf(consignment) === 'GB') return { status: 200, body: [] };
		return {
			status: 200,
			body: [
				{
					DocumentType: 'CommercialInvoice',
					File: smallPdf(`Commercial invoice ${reference}`).toString('base64'),
					ContentType: 'application/pdf',
				},
			],
		};
	}

	/**
	 * Moves consignments to a state on demand, as carriers and SortedPRO do over time
	 * (Allocated → Manifested → Dispatched, or a failed allocation), so a trigger can be
	 * shown working. References that do not exist are reported, not invented.
	 */
	advance(references, state) {
		if (!Array.isArray(references) || typeof state !== 'string' || !state.trim()) {
			return {
				status: 400,
				body: { message: 'Send { "references": ["EC-SIM-000001"], "state": "Manifested" }' },
			};
		}
		const missing = references.filter((reference) => !this.consignments.has(reference));
		for (const reference of references) {
			const consignment = this.consignments.get(reference);
			if (consignment) this.setState(consignment, state.trim());
		}
		return {
			status: 200,
			body: { state: state.trim(), moved: references.length - missing.length, missing },
		};
	}

	/** A list endpoint: one per-consignment result each, the call itself 200. */
	forEach(references, action, successMessage) {
		if (
			!Array.isArray(references) ||
			references.some((reference) => typeof reference !== 'string')
		) {
			return this.error(
				400,
				'InvalidRequest',
				'ConsignmentReferences must be a list of consignment references',
				[{ Target: 'ConsignmentReferences', Message: 'Expected a list of strings' }],
			);
		}
		const results = references.map((reference) => {
			const outcome = action(reference);
			return outcome.status === 200
				? {
						IsSuccess: true,
						Message: successMessage(reference),
						Data: reference,
						ApiLinks: [this.link('detail', `/consignments/${reference}`)],
					}
				: { IsSuccess: false, Message: outcome.body.Message, Data: reference, ApiLinks: null };
		});
		return { status: 200, body: results };
	}

	create(request) {
		const details = [];
		if (
			!this.shippingLocations.some(
				(location) => location.Reference === request?.ShippingLocationReference,
			)
		) {
			details.push({
				Code: 'UnknownShippingLocation',
				Target: 'ShippingLocationReference',
				Message: `Unknown shipping location ${request?.ShippingLocationReference}`,
			});
		}
		if (
			!Array.isArray(request?.Packages) ||
			request.Packages.length === 0 ||
			request.Packages.some(
				(pkg) => !(Number(pkg?.Weight?.Value) > 0) && !pkg?.PackageSizeReference,
			)
		) {
			details.push({
				Code: 'InvalidPackages',
				Target: 'Packages',
				Message: 'Every package needs a Weight or a PackageSizeReference',
			});
		}
		const destination = Array.isArray(request?.Addresses)
			? request.Addresses.find((address) => address?.AddressType === 'Destination')
			: undefined;
		if (!destination?.Country?.IsoCode?.TwoLetterCode) {
			details.push({
				Code: 'InvalidAddress',
				Target: 'Addresses',
				Message: 'A Destination address with a country is required',
			});
		}
		if (details.length)
			return this.error(400, 'ValidationFailed', 'The consignment is not valid', details);
		const consignment = this.store(request);
		return { status: 200, body: [this.link('Link', `/consignments/${consignment.Reference}`)] };
	}

	view(consignment) {
		const { Allocation, History, ...rest } = consignment;
		return {
			...rest,
			CarrierServiceReference: Allocation?.Reference ?? null,
			CarrierName: Allocation?.CarrierName ?? null,
			CarrierServiceName: Allocation?.Name ?? null,
			TrackingReferences: Allocation ? [Allocation.TrackingReference] : [],
		};
	}

	get(reference) {
		const consignment = this.consignments.get(reference);
		return consignment ? { status: 200, body: this.view(consignment) } : this.notFound(reference);
	}

	status(reference) {
		const consignment = this.consignments.get(reference);
		return consignment
			? { status: 200, body: { ConsignmentReference: reference, State: consignment.State } }
			: this.notFound(reference);
	}

	search(take, skip, query) {
		this.searches += 1;
		const wanted = query.State ? String(query.State).replace(/\s+/g, '').toLowerCase() : undefined;
		const matching = [...this.consignments.values()].filter(
			(consignment) => !wanted || consignment.State.replace(/\s+/g, '').toLowerCase() === wanted,
		);
		return {
			status: 200,
			body: matching.slice(skip, skip + take).map((consignment) => this.view(consignment)),
		};
	}

	label(reference, packageReference, format) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!consignment.Allocation) {
			return this.error(
				400,
				'InvalidConsignmentState',
				`Consignment ${reference} is in state ${consignment.State}; labels are only available once it is allocated`,
			);
		}
		if (
			packageReference &&
			!consignment.Packages.some((pkg) => pkg.Reference === packageReference)
		) {
			return this.error(
				404,
				'NotFound',
				`Package ${packageReference} is not part of consignment ${reference}`,
			);
		}
		const text = `${consignment.Allocation.CarrierName} ${packageReference ?? reference}`;
		const kind = (format ?? 'PDF').toUpperCase();
		if (kind === 'PNG')
			return {
				status: 200,
				body: { File: smallPng(4, 6).toString('base64'), ContentType: 'image/png' },
			};
		if (kind === 'ZPL' || kind === 'ZPLII')
			return {
				status: 200,
				body: { File: smallZpl(text).toString('base64'), ContentType: 'application/zpl' },
			};
		if (kind !== 'PDF') return this.error(400, 'InvalidFormat', `Unknown label format ${format}`);
		return {
			status: 200,
			body: { File: smallPdf(text).toString('base64'), ContentType: 'application/pdf' },
		};
	}

	tracking(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		return {
			status: 200,
			body: consignment.History.map((entry) => ({ Status: entry.State, Timestamp: entry.At })),
		};
	}

	/** Test and benchmark view: every consignment's state and allocation count. */
	snapshot() {
		const consignments = [...this.consignments.values()].map((consignment) => ({
			Reference: consignment.Reference,
			State: consignment.State,
			AllocationCount: consignment.AllocationCount,
			CarrierServiceReference: consignment.Allocation?.Reference ?? null,
		}));
		const states = {};
		for (const consignment of consignments)
			states[consignment.State] = (states[consignment.State] ?? 0) + 1;
		return { consignments, states };
	}
}

module.exports = { SortedProModel };
