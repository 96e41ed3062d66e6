'use strict';
/**
 * SortedPRO's rules, in memory: consignments and their states, carrier services with
 * prices and eligibility rules, service groups, allocation to the cheapest eligible
 * service, labels, manifest and tracking. No HTTP here (see server.js).
 *
 * Answers are { status, body } in SortedPRO's documented shapes (the v1 API's help pages
 * and the SDK reference): Consignment, Matching Consignments Response with Consignment
 * Summaries, Consignment Status Response, lists of ApiLink, lists of Allocation Summaries,
 * per-consignment list results ({ IsSuccess, Message, Data, ApiLinks }) and application
 * errors ({ Code, Message, CorrelationId, Details }).
 *
 * The stored records keep a few internal names the tests and scripts read (State,
 * AllocationCount, ConsignmentReferenceProvidedByCustomer, Allocation, History); the
 * HTTP views (view, summaryOf, status) use SortedPRO's names.
 */
const { randomUUID } = require('node:crypto');
const { smallPdf, smallPng, smallZpl } = require('./files');

/** The SDK's ConsignmentState enum, as SortedPRO spells the states in its answers. */
const STATES = [
	'Unallocated',
	'Allocating',
	'AllocationFailed',
	'Allocated',
	'Manifesting',
	'Manifested',
	'ManifestFailed',
	'Dispatched',
	'AtDropOffPoint',
	'Collected',
	'CollectionFailed',
	'InTransit',
	'Delayed',
	'OutForDelivery',
	'DeliveryFailed',
	'DeliveryFailedCardLeft',
	'Delivered',
	'PartiallyDelivered',
	'AtCollectionPoint',
	'ReturnToSender',
	'ActionRequired',
	'Missing',
	'Lost',
	'Damaged',
	'Cancelling',
	'Cancelled',
	'InTransitWaiting',
	'HeldByCarrier',
	'ExchangeFailed',
	'AtCustoms',
	'CarrierUnableToCollect',
	'DeliveredDamaged',
	'ReadyToShip',
];
const ALLOCATABLE = ['Unallocated', 'AllocationFailed'];
const DEALLOCATABLE = ['Allocated', 'Manifested', 'ManifestFailed'];
const MANIFESTABLE = ['Allocated', 'ManifestFailed', 'ReadyToShip'];
const NOT_CANCELLABLE = ['Cancelled', 'Dispatched', 'Collected', 'Delivered'];

/** Folds a state's spellings together: "Allocation Failed", "allocation_failed", "AllocationFailed". */
const stateKey = (state) =>
	String(state)
		.replace(/[\s_-]+/g, '')
		.toLowerCase();

/**
 * A state in the enum's spelling: the enum member it names, whatever its spaces and case
 * ("Ready To Ship" → "ReadyToShip"), or, for a name the enum does not have, the name without spaces.
 */
function enumState(state) {
	const key = stateKey(state);
	return (
		STATES.find((candidate) => candidate.toLowerCase() === key) ?? String(state).replace(/\s+/g, '')
	);
}

/** SortedPRO's date-time offsets: ISO 8601 with "+00:00" rather than "Z". */
function offsetDate(date = new Date()) {
	return new Date(date).toISOString().replace('Z', '+00:00');
}

const DAY_MS = 24 * 3600_000;
/** The simulated customer account's Guid (Consignment.CustomerReference). */
const CUSTOMER_REFERENCE = '5e1f0c2a-51a1-4c0b-9d7e-000000000001';
const GBP = { Name: 'Pound Sterling', IsoCode: 'GBP' };
const COUNTRY_NAMES = {
	GB: 'United Kingdom',
	DE: 'Germany',
	FR: 'France',
	NL: 'Netherlands',
	IE: 'Ireland',
};

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
			TransitDays: 1,
		},
		{
			Reference: 'CY_NDE',
			Name: 'Next Day Economy',
			CarrierReference: 'CARRIER_Y',
			CarrierName: 'Carrier Y',
			Price: 4.95,
			MaxWeightKg: 2,
			Countries: ['GB'],
			TransitDays: 1,
		},
		{
			Reference: 'CZ_48',
			Name: '48 Hour',
			CarrierReference: 'CARRIER_Z',
			CarrierName: 'Carrier Z',
			Price: 3.2,
			MaxWeightKg: 20,
			Countries: ['GB'],
			TransitDays: 2,
			// The customer drops the parcel off at the carrier's point (Allocate With Service Filters).
			IsDropOff: true,
		},
		{
			Reference: 'CX_EU',
			Name: 'Europe Express',
			CarrierReference: 'CARRIER_X',
			CarrierName: 'Carrier X',
			Price: 14,
			MaxWeightKg: 30,
			Countries: ['DE', 'FR', 'NL', 'IE'],
			TransitDays: 3,
		},
		{
			Reference: 'CW_EU',
			Name: 'Europe Road',
			CarrierReference: 'CARRIER_W',
			CarrierName: 'Carrier W',
			Price: 9.5,
			MaxWeightKg: 10,
			Countries: ['DE', 'FR', 'NL'],
			TransitDays: 4,
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

/**
 * The addresses behind the shipping locations: Get Consignment answers an origin given only
 * by its ShippingLocationReference fully populated, as SortedPRO does.
 */
const LOCATION_ADDRESSES = {
	'WAREHOUSE-1': {
		CompanyName: 'Main warehouse',
		AddressLine1: '1 Depot Road',
		Town: 'Leeds',
		Region: 'West Yorkshire',
		Postcode: 'LS1 1AA',
		Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB' } },
	},
};

/** Every field of a documented Address, null unless given. */
const ADDRESS_FIELDS = {
	AddressType: null,
	ShopLocationReference: null,
	Contact: null,
	CompanyName: null,
	ShippingLocationReference: null,
	CustomerName: null,
	AddressLine1: null,
	AddressLine2: null,
	AddressLine3: null,
	Town: null,
	Region: null,
	Postcode: null,
	Country: null,
	RegionCode: null,
	SpecialInstructions: null,
	LatLong: null,
	IsCached: false,
};

/** The dates a state sets on a consignment when it is reached. */
const STATE_DATES = {
	Dispatched: 'DateShipped',
	Collected: 'DateCollected',
	Delivered: 'DateDelivered',
	ReturnToSender: 'DateReturned',
};

class SortedProModel {
	// Declared here for their types; reset() gives them their values.
	/** @type {ReturnType<typeof seedCarrierServices>} */ carrierServices;
	/** @type {ReturnType<typeof seedServiceGroups>} */ serviceGroups;
	/** @type {Array<{ Reference: string, Name: string }>} */ shippingLocations;
	/** @type {Map<string, any>} */ consignments;
	/** @type {Map<string, { reference: string, service: string }>} */ quotes;
	/** @type {number} */ sequence;
	/** Work accepted with a 202 and not yet done: timers, cleared by reset() and close(). */
	/** @type {Set<any>} */ pending = new Set();
	/**
	 * While set (a number of milliseconds), allocations, deallocations and manifests are
	 * accepted (202) and done that much later; see deferring().
	 * @type {number | undefined}
	 */
	deferMs = undefined;

	/** @param {{ baseUrl?: string, consignments?: number }} options */
	constructor(options = {}) {
		this.baseUrl = options.baseUrl ?? 'http://127.0.0.1:4010';
		this.reset(options.consignments ?? 300);
	}

	reset(consignments = 300) {
		this.cancelPending();
		this.carrierServices = seedCarrierServices();
		this.serviceGroups = seedServiceGroups();
		this.shippingLocations = [{ Reference: 'WAREHOUSE-1', Name: 'Main warehouse, Leeds' }];
		/** The account's package sizes (SDK PackageSize: its fields are not documented; these are ours). */
		this.packageSizes = [
			{
				Reference: 'SMALL-BOX',
				Name: 'Small box',
				Weight: { Value: 1, Unit: 'Kg' },
				Dimensions: { Unit: 'Cm', Length: 20, Width: 15, Height: 10 },
			},
			{
				Reference: 'LARGE-BOX',
				Name: 'Large box',
				Weight: { Value: 5, Unit: 'Kg' },
				Dimensions: { Unit: 'Cm', Length: 60, Width: 40, Height: 40 },
			},
		];
		this.defaultPackageSize = 'SMALL-BOX';
		this.consignments = new Map();
		this.quotes = new Map();
		this.sequence = 0;
		/** How many consignment searches were answered: a test can tell a trigger has polled. */
		this.searches = 0;
		/** Consignment events (created, updated, labels printed), oldest first. */
		this.events = [];
		/** How many events requests were answered: a test can tell an events trigger has polled. */
		this.eventReads = 0;
		/** Customer manifests (collection sheets), one per carrier and shipping location a manifest call sent. */
		this.manifests = [];
		/** How many Manifest From Query calls were answered. */
		this.manifestQueries = 0;
		this.addConsignments(consignments);
	}

	/** Forgets the work accepted with a 202 and not yet done. */
	cancelPending() {
		for (const timer of this.pending) {
			clearTimeout(timer);
			clearImmediate(timer);
		}
		this.pending.clear();
	}

	/**
	 * Runs `action` (synchronous) with allocations, deallocations and manifests accepted
	 * rather than done: they answer 202, the consignment moves to Allocating or Manifesting,
	 * and the work completes `delayMs` later.
	 */
	deferring(delayMs, action) {
		const previous = this.deferMs;
		this.deferMs = Math.max(0, Number(delayMs) || 0);
		try {
			return action();
		} finally {
			this.deferMs = previous;
		}
	}

	/** Does `work` later: after `deferMs` milliseconds, or right after the answer when 0. */
	later(work) {
		const delay = this.deferMs ?? 0;
		const run = () => {
			this.pending.delete(timer);
			work();
		};
		const timer = delay > 0 ? setTimeout(run, delay) : setImmediate(run);
		this.pending.add(timer);
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
					Packages: [
						{
							Weight: { Value: weight, Unit: 'Kg' },
							Dimensions: { Unit: 'Cm', Width: 20, Length: 30, Height: 10 },
							Description: 'Goods',
							Value: { Amount: 25, Currency: { IsoCode: 'GBP' } },
						},
					],
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

	/** A new package reference of a consignment: EP-SIM-000001-1, -2, ... */
	packageReference(consignment) {
		consignment.PackageSequence += 1;
		return `${consignment.Reference.replace(/^EC/, 'EP')}-${consignment.PackageSequence}`;
	}

	/**
	 * Allocate All Unallocated (SDK AllocateAllConsignmentsRequest { ShipByDate,
	 * ShippingLocationReference }, with MpdCarrierServiceGroupReference or MpdCarrierServiceReference
	 * on its siblings): every Unallocated consignment of the location whose shipping date (its
	 * creation date when it has none) is before ShipByDate (the body's, else the route's date, end
	 * of that day), each allocated as `allocation` does; List<AllocationSummary>.
	 */
	allocateAllUnallocated(routeDate, body, allocation) {
		const shipBy = Date.parse(body?.ShipByDate ?? `${routeDate}T23:59:59Z`);
		if (Number.isNaN(shipBy))
			return this.error(400, 'InvalidRequest', 'ShipByDate must be a date', [
				{ Target: 'ShipByDate', Message: 'Expected a date' },
			]);
		const location = body?.ShippingLocationReference;
		const due = [...this.consignments.values()].filter(
			(consignment) =>
				consignment.State === 'Unallocated' &&
				(!location ||
					this.address(consignment, 'Origin')?.ShippingLocationReference === location) &&
				Date.parse(consignment.ShippingDate ?? consignment.DateCreated) <= shipBy,
		);
		return this.allocateEach(
			due.map((consignment) => consignment.Reference),
			allocation,
		);
	}

	/**
	 * GET /collectioncalendar/{location}/{carrier}: the SDK's CollectionCalendar, whose fields are
	 * not documented; this shape is ours (a weekday rule per day with the cut-off times the
	 * glossary names), for a known location and a carrier of the account; otherwise 404.
	 */
	collectionCalendar(location, carrier) {
		const known =
			this.shippingLocations.some((entry) => entry.Reference === location) &&
			this.carrierServices.some((service) => service.CarrierReference === carrier);
		if (!known)
			return this.error(404, 'NotFound', `No collection calendar for ${carrier} at ${location}`);
		return {
			status: 200,
			body: {
				ShippingLocationReference: location,
				MpdCarrierReference: carrier,
				Rules: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((DayOfWeek) => ({
					DayOfWeek,
					CollectionTime: '17:30',
					ManifestCutOffTime: '17:00',
					AllocationCutOffTime: '16:30',
				})),
				Exceptions: [],
			},
		};
	}

	/** A package as given (UpdatePackageRequest), its size standing for weight and dimensions. */
	packageFrom(request) {
		const size = this.packageSizes.find(
			(entry) => entry.Reference === request.PackageSizeReference,
		);
		return {
			...request,
			...(size && !request.Weight ? { Weight: size.Weight } : {}),
			...(size && !request.Dimensions ? { Dimensions: size.Dimensions } : {}),
		};
	}

	/** The consignment holding a package, and the package. */
	packageOwner(packageReference) {
		for (const consignment of this.consignments.values()) {
			const pkg = consignment.Packages.find((entry) => entry.Reference === packageReference);
			if (pkg) return { consignment, pkg };
		}
		return undefined;
	}

	/** A package request SortedPRO would refuse: no weight and no size, or an unknown size. */
	packageProblem(request) {
		if (!request || typeof request !== 'object' || Array.isArray(request))
			return this.error(400, 'InvalidRequest', 'An UpdatePackageRequest object is required');
		if (
			request.PackageSizeReference &&
			!this.packageSizes.some((size) => size.Reference === request.PackageSizeReference)
		)
			return this.error(
				400,
				'UnknownPackageSize',
				`Package size ${request.PackageSizeReference} was not found`,
			);
		if (!request.PackageSizeReference && !(Number(request.Weight?.Value) > 0))
			return this.error(
				400,
				'InvalidRequest',
				'Weight is required unless a PackageSizeReference is given',
				[{ Target: 'Weight', Message: 'Required' }],
			);
		return undefined;
	}

	/** POST /consignments/{ref}/addpackage: 201 with the new Package (help/updating_existing_consignments.md). */
	addPackage(reference, request) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!ALLOCATABLE.includes(consignment.State))
			return this.refusedInState(consignment, 'changed');
		const problem = this.packageProblem(request);
		if (problem) return problem;
		const pkg = { ...this.packageFrom(request), Reference: this.packageReference(consignment) };
		consignment.Packages.push(pkg);
		this.recordEvent(consignment, 'PackageAdded', `Package ${pkg.Reference} added`);
		return { status: 201, body: this.packageView(consignment, pkg) };
	}

	/** POST /consignments/{ref}/removepackage/{package}: 200, no body; the last package stays. */
	removePackage(reference, packageReference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		const index = consignment.Packages.findIndex((pkg) => pkg.Reference === packageReference);
		if (index === -1)
			return this.error(404, 'NotFound', `Package ${packageReference} was not found`);
		if (!ALLOCATABLE.includes(consignment.State))
			return this.refusedInState(consignment, 'changed');
		if (consignment.Packages.length === 1)
			return this.error(400, 'LastPackage', 'You cannot remove the last package of a consignment');
		consignment.Packages.splice(index, 1);
		this.recordEvent(consignment, 'PackageRemoved', `Package ${packageReference} removed`);
		return { status: 200, body: '' };
	}

	/** PUT /packages/{package}: the whole package replaced (SDK UpdatePackage: no answer body). */
	updatePackage(packageReference, request) {
		const owner = this.packageOwner(packageReference);
		if (!owner) return this.error(404, 'NotFound', `Package ${packageReference} was not found`);
		if (!ALLOCATABLE.includes(owner.consignment.State))
			return this.refusedInState(owner.consignment, 'changed');
		const problem = this.packageProblem(request);
		if (problem) return problem;
		const index = owner.consignment.Packages.indexOf(owner.pkg);
		// What the request leaves out is gone, as SortedPRO's "update" of a whole package would do.
		owner.consignment.Packages[index] = {
			...this.packageFrom(request),
			Reference: packageReference,
		};
		this.recordEvent(owner.consignment, 'PackageUpdated', `Package ${packageReference} updated`);
		return { status: 200, body: '' };
	}

	/** Stores a Create Consignment request as a new Unallocated consignment. */
	store(request) {
		this.sequence += 1;
		const Reference = `EC-SIM-${String(this.sequence).padStart(6, '0')}`;
		const now = offsetDate();
		const consignment = {
			Reference,
			State: 'Unallocated',
			ConsignmentReferenceProvidedByCustomer:
				request.ConsignmentReferenceProvidedByCustomer ?? null,
			DateCreated: now,
			ShippingDate: request.ShippingDate ?? null,
			// Create calls it RequiredDeliveryDate, Get and Update RequestedDeliveryDate.
			RequestedDeliveryDate: request.RequiredDeliveryDate ?? request.RequestedDeliveryDate ?? null,
			CustomsDocumentation: request.CustomsDocumentation ?? null,
			Direction: request.Direction ?? 'Outbound',
			Source: 'Api',
			Packages: [],
			PackageSequence: 0,
			Addresses: request.Addresses ?? [],
			Tags: request.Tags ?? [],
			MetaData: request.MetaData ?? request.Metadata ?? [],
			/** The service it is allocated with (internal shape), or null. */
			Allocation: null,
			/** The documented FailedAllocation of the last failed attempt, or null. */
			FailedAllocation: null,
			LabelsPrinted: false,
			DateLabelsWereFirstPrinted: null,
			DateShipped: null,
			DateCollected: null,
			DateDelivered: null,
			DateReturned: null,
			/** How many times this consignment has been allocated: the double-allocation check. */
			AllocationCount: 0,
			History: [{ State: 'Unallocated', At: now }],
		};
		consignment.Packages = (request.Packages ?? []).map((pkg) => ({
			...this.packageFrom(pkg),
			Reference: this.packageReference(consignment),
		}));
		this.consignments.set(Reference, consignment);
		this.recordEvent(consignment, 'ConsignmentCreated', 'Consignment created');
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

	setState(consignment, state, date = new Date()) {
		consignment.State = state;
		const at = offsetDate(date);
		if (STATE_DATES[state]) consignment[STATE_DATES[state]] = at;
		consignment.History.push({ State: state, At: at });
	}

	/** A consignment event as SortedPRO's ConsignmentEventPayload (SDK ref-webhooks). */
	recordEvent(consignment, type, message, date = new Date()) {
		this.events.push({
			EventId: `5f1e0c2a-0000-4000-8000-${String(this.events.length + 1).padStart(12, '0')}`,
			ConsignmentReference: consignment.Reference,
			ConsignmentReferenceProvidedByCustomer: consignment.ConsignmentReferenceProvidedByCustomer,
			ConsignmentState: consignment.State,
			EventDetails: {
				EventType: type,
				Message: message,
				EventDate: offsetDate(date),
				User: 'api',
				EventDetails: [],
			},
			Links: [this.link('Consignment', `/consignments/${consignment.Reference}`)],
			AdditionalInformation: [],
		});
	}

	/** Start and End of an events request, or the documented 400 when they are not times. */
	eventWindow(body) {
		const start = Date.parse(body?.Start);
		const end = Date.parse(body?.End);
		if (!Number.isFinite(start) || !Number.isFinite(end) || end < start)
			return {
				error: this.error(400, 'ValidationFailed', 'Start and End must be times, Start first'),
			};
		return { start, end };
	}

	/**
	 * POST /events/consignmentstateevents: a ConsignmentPayload for each entry into one of
	 * `ConsignmentStates` from Start up to End (End not included: the documentation does not say,
	 * and windows that follow each other then share no moment); its ConsignmentState is the
	 * consignment's state now, as the SDK describes it.
	 */
	stateEvents(body) {
		const window = this.eventWindow(body);
		if (window.error) return window.error;
		const states = Array.isArray(body?.ConsignmentStates) ? body.ConsignmentStates : null;
		if (!states || states.length === 0)
			return this.error(400, 'ValidationFailed', 'ConsignmentStates is required');
		const wanted = new Set(states.map((state) => enumState(String(state))));
		this.eventReads += 1;
		const payloads = [];
		for (const consignment of this.consignments.values())
			for (const entry of consignment.History) {
				const at = Date.parse(entry.At);
				if (wanted.has(entry.State) && at >= window.start && at < window.end)
					payloads.push(this.payloadOf(consignment));
			}
		return { status: 200, body: payloads };
	}

	/** POST /events/consignments: the ConsignmentEventPayloadResponse of EventTypes between Start and End. */
	consignmentEvents(body) {
		const window = this.eventWindow(body);
		if (window.error) return window.error;
		const types = Array.isArray(body?.EventTypes) ? body.EventTypes : null;
		if (!types || types.length === 0)
			return this.error(400, 'ValidationFailed', 'EventTypes is required');
		this.eventReads += 1;
		const Events = this.events.filter((event) => {
			const at = Date.parse(event.EventDetails.EventDate);
			return types.includes(event.EventDetails.EventType) && at >= window.start && at < window.end;
		});
		return { status: 200, body: { Events } };
	}

	/** SDK ConsignmentPayload: what a webhook or a state event says of a consignment. */
	payloadOf(consignment) {
		const service = consignment.Allocation;
		return {
			ConsignmentReference: consignment.Reference,
			ConsignmentReferenceProvidedByCustomer: consignment.ConsignmentReferenceProvidedByCustomer,
			ConsignmentTrackingReference: service?.TrackingReference ?? null,
			ConsignmentState: consignment.State,
			Packages: consignment.Packages.map((pkg) => ({
				Reference: pkg.Reference,
				TrackingDetails: service ? [{ Leg: 1, TrackingReference: service.TrackingReference }] : [],
				PickupCode: null,
				Barcode: null,
			})),
			ConsignmentLegs: this.legs(consignment),
			CarrierServiceReference: service?.Reference ?? null,
			CarrierServiceName: service?.Name ?? null,
			EarliestDeliveryDate: null,
			LatestDeliveryDate: null,
			DateDelivered: consignment.DateDelivered,
			PickupCode: null,
		};
	}

	weightOf(consignment) {
		return consignment.Packages.reduce((sum, pkg) => sum + Number(pkg.Weight?.Value ?? 0), 0);
	}

	address(consignment, type) {
		return (consignment.Addresses ?? []).find((address) => address?.AddressType === type);
	}

	countryOf(consignment) {
		return this.address(consignment, 'Destination')?.Country?.IsoCode?.TwoLetterCode ?? 'GB';
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

	/**
	 * Why a service cannot take a consignment (SortedPRO's ExclusionReason texts), or
	 * undefined when it can.
	 */
	exclusionReason(consignment, service) {
		const reasons = [];
		if (!service.Countries.includes(this.countryOf(consignment)))
			reasons.push('This service is not available between the selected addresses.');
		if (this.weightOf(consignment) > service.MaxWeightKg)
			reasons.push('This service is not available for the given package dimensions/weight.');
		return reasons.length ? reasons.join(' ') : undefined;
	}

	/**
	 * A price as SortedPRO's Rate: net, VAT (20% within the UK, none on exports), gross. The
	 * rate's name differs: TaxRate on a consignment's Allocation.Price, VatRate in quotes.
	 */
	rate(net, country, taxRateName = 'TaxRate') {
		const vatRate = country === 'GB' ? 0.2 : 0;
		const vat = Math.round(net * vatRate * 100) / 100;
		return {
			Net: net,
			Gross: Math.round((net + vat) * 100) / 100,
			[taxRateName]: {
				Reference: `GB-${vatRate.toFixed(4)}`,
				CountryIsoCode: 'GB',
				Type: 'Standard',
				Rate: vatRate,
			},
			VatAmount: vat,
			Currency: { ...GBP },
		};
	}

	/** "14/06/2019 17:00:00 +00:00", as the Allocation Summary's Description writes dates. */
	describedDate(date) {
		const d = new Date(date);
		const two = (n) => String(n).padStart(2, '0');
		return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +00:00`;
	}

	/** The consignment's legs (Consignment.ConsignmentLegs): one once it is allocated. */
	legs(consignment) {
		const service = consignment.Allocation;
		if (!service) return [];
		return [
			{
				Leg: 1,
				TrackingReferences: [service.TrackingReference],
				CarrierReference: service.CarrierReference,
				CarrierServiceReference: null,
				CarrierName: service.CarrierName,
			},
		];
	}

	/** The documented Allocation Summary of an allocated consignment. */
	allocationSummary(consignment) {
		const service = consignment.Allocation;
		return {
			StatusCode: 200,
			ApiLinks: [
				this.link('detail', `/consignments/${consignment.Reference}`),
				this.link('label', `/labels/${consignment.Reference}`),
			],
			Description: `Consignment ${consignment.Reference} has been successfully allocated with ${service.CarrierName} ${service.Name} for shipping on ${this.describedDate(consignment.ShippingDate ?? service.AllocationDate)}`,
			ConsignmentLegs: this.legs(consignment),
			CarrierReference: service.CarrierReference,
			CarrierName: service.CarrierName,
			CarrierServiceReference: service.Reference,
			CarrierServiceName: service.Name,
		};
	}

	/**
	 * Allocates one consignment to the cheapest eligible service among `serviceReferences`.
	 * `group` is the service group it was asked for, if any. Answers a list of one
	 * Allocation Summary, or (while deferring) 202 with no body.
	 */
	allocate(reference, serviceReferences, what, group) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (!ALLOCATABLE.includes(consignment.State)) {
			return this.refusedInState(consignment, 'allocated');
		}
		if (this.deferMs !== undefined) {
			this.setState(consignment, 'Allocating');
			this.later(() => {
				if (this.consignments.get(reference) !== consignment) return;
				if (consignment.State !== 'Allocating') return;
				this.completeAllocation(consignment, serviceReferences, what, group);
			});
			return { status: 202, body: '' };
		}
		return this.completeAllocation(consignment, serviceReferences, what, group);
	}

	completeAllocation(consignment, serviceReferences, what, group) {
		const reference = consignment.Reference;
		const [cheapest] = this.eligible(consignment, serviceReferences);
		const now = offsetDate();
		if (!cheapest) {
			const message = `No carrier service in ${what} is eligible for consignment ${reference}`;
			const single =
				serviceReferences.length === 1
					? this.carrierServices.find((service) => service.Reference === serviceReferences[0])
					: undefined;
			consignment.FailedAllocation = {
				CarrierServiceGroupReference: group?.ServiceGroupCode ?? '',
				MpdCarrierServiceGroupName: group?.Name ?? null,
				MpdCarrierServiceReference: single?.Reference ?? null,
				MpdCarrierServiceName: single?.Name ?? null,
				AttemptedAllocationDate: now,
				Message: message,
			};
			this.setState(consignment, 'AllocationFailed');
			return this.error(400, 'NoEligibleCarrierService', message, [
				{
					Code: 'NoEligibleCarrierService',
					Target: 'ConsignmentReference',
					Message: `Weight ${this.weightOf(consignment)} kg to ${this.countryOf(consignment)}`,
				},
			]);
		}
		const shipping = consignment.ShippingDate ? Date.parse(consignment.ShippingDate) : Date.now();
		consignment.Allocation = {
			...cheapest,
			TrackingReference: `TRK${String(consignment.AllocationCount + 1).padStart(2, '0')}${reference.slice(-6)}`,
			AllocationDate: now,
			ServiceGroupReference: group?.ServiceGroupCode ?? null,
			ServiceGroupName: group?.Name ?? null,
			ExpectedDeliveryDate: offsetDate(
				(Number.isNaN(shipping) ? Date.now() : shipping) + cheapest.TransitDays * DAY_MS,
			),
		};
		consignment.FailedAllocation = null;
		consignment.AllocationCount += 1;
		consignment.Allocation.HistoryIndex = consignment.History.length;
		this.setState(consignment, 'Allocated');
		return { status: 200, body: [this.allocationSummary(consignment)] };
	}

	group(code) {
		return this.serviceGroups.find((group) => group.ServiceGroupCode === code);
	}

	allocateWithServiceGroup(reference, groupCode) {
		const group = this.group(groupCode);
		if (!group)
			return this.error(404, 'NotFound', `Carrier service group ${groupCode} was not found`);
		return this.allocate(reference, group.Members, `service group ${groupCode}`, group);
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

	/** A date-time without an offset, as quotes write their collection and delivery dates. */
	/**
	 * Allocate With Service Filters (SDK AllocationFilters { ServiceDirection, IsPickup, IsDropOff }):
	 * the cheapest service in that direction (every simulated service is Outbound), pickup and
	 * drop-off services only where the filters include them.
	 */
	allocateWithServiceFilters(reference, filters) {
		const direction = String(filters?.ServiceDirection ?? 'Outbound');
		const services = this.carrierServices.filter(
			(service) =>
				direction.split(/,\s*/).includes(service.ServiceDirection ?? 'Outbound') &&
				(filters?.IsPickup === true || !service.IsPickup) &&
				(filters?.IsDropOff === true || !service.IsDropOff),
		);
		return this.allocate(
			reference,
			services.map((service) => service.Reference),
			'the services matching the filters',
		);
	}

	localDate(ms, time = '00:00:00') {
		return `${new Date(ms).toISOString().slice(0, 10)}T${time}`;
	}

	/** An address as quotes write it (Common.Address): the given fields and no nulls. */
	quoteAddress(address, withLocation) {
		const view = this.addressView(address);
		const country = view.Country?.IsoCode?.TwoLetterCode;
		const result = {
			...(withLocation ? { ShippingLocationReference: view.ShippingLocationReference } : {}),
			AddressLine1: view.AddressLine1,
			AddressLine2: view.AddressLine2,
			AddressLine3: view.AddressLine3,
			Town: view.Town,
			Region: view.Region,
			Postcode: view.Postcode,
			Country: view.Country
				? {
						Name: view.Country.Name ?? COUNTRY_NAMES[country] ?? null,
						IsoCode: { ...view.Country.IsoCode },
					}
				: null,
			...(withLocation ? { RegionCode: view.RegionCode ?? '' } : {}),
			SpecialInstructions: view.SpecialInstructions,
			IsCached: false,
		};
		return result;
	}

	/** One leg of a service's journey (Common.Leg), as quotes and carrier services show it. */
	journeyLeg(service) {
		return {
			JourneyStage: 1,
			CarrierService: {
				Reference: service.Reference,
				Name: service.Name,
				CarrierReference: service.CarrierReference,
				CarrierName: null,
				IsDropOff: false,
				IsPickUp: false,
				IsTimed: false,
			},
			CarrierAccountReference: `${service.CarrierReference}-ACCOUNT-1`,
			DeliveryHub: null,
			CostItems: null,
			VolumetricParcelWeight: null,
			CollectionType: 'NotApplicable',
		};
	}

	/**
	 * GET /quotes/consignment/{reference}: the documented QuoteResult, { QuoteRequestReference,
	 * Quotes (cheapest first; null when no service qualifies), Message, UnqualifiedServices }.
	 */
	quotesFor(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		const eligible = this.eligible(
			consignment,
			this.carrierServices.map((service) => service.Reference),
		);
		const now = Date.now();
		const shipping = consignment.ShippingDate ? Date.parse(consignment.ShippingDate) : NaN;
		const collection = Number.isNaN(shipping) ? now : shipping;
		const country = this.countryOf(consignment);
		const origin = this.address(consignment, 'Origin');
		const destination = this.address(consignment, 'Destination');
		const Quotes = eligible.map((service) => {
			const QuoteReference = randomUUID();
			this.quotes.set(QuoteReference, { reference, service: service.Reference });
			const delivery = collection + service.TransitDays * DAY_MS;
			const price = this.rate(service.Price, country, 'VatRate');
			return {
				MpdCarrierServiceSource: 2,
				MpdCarrierService: service.Name,
				OriginAddress: this.quoteAddress(origin, true),
				DestinationAddress: this.quoteAddress(destination, false),
				CollectionDate: this.localDate(collection),
				EarliestDeliveryDate: this.localDate(delivery),
				LatestDeliveryDate: this.localDate(delivery, '23:59:00'),
				BasePrice: price,
				Price: structuredClone(price),
				Surcharges: [],
				Legs: [this.journeyLeg(service)],
				CarrierAccountOwner: null,
				IsElectioService: false,
				QuoteReference,
				CreationDate: offsetDate(now),
				ExpiryDate: offsetDate(Date.parse(`${this.localDate(now + DAY_MS)}Z`)),
				Requestor: 'SortedPRO simulator',
				ConsignmentReference: reference,
				ConsignmentReferenceProvidedByCustomer:
					consignment.ConsignmentReferenceProvidedByCustomer ?? '',
				MpdCarrierServiceReference: service.Reference,
				CarrierReference: service.CarrierReference,
			};
		});
		const UnqualifiedServices = this.carrierServices
			.filter((service) => !eligible.includes(service))
			.map((service) => ({
				Available: false,
				Rates: true,
				MpdCarrierService: service.Name,
				CarrierReference: service.CarrierReference,
				MpdCarrierServiceReference: service.Reference,
				ExclusionReason: this.exclusionReason(consignment, service),
			}));
		return {
			status: 200,
			body: {
				QuoteRequestReference: randomUUID(),
				Quotes: Quotes.length ? Quotes : null,
				Message: Quotes.length
					? null
					: `No carrier service is available for consignment ${reference}`,
				UnqualifiedServices,
			},
		};
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
		const complete = () => {
			consignment.Allocation = null;
			this.setState(consignment, 'Unallocated');
		};
		if (this.deferMs !== undefined) {
			// There is no "Deallocating" state: the consignment stays as it is until it is done.
			const state = consignment.State;
			this.later(() => {
				if (this.consignments.get(reference) === consignment && consignment.State === state)
					complete();
			});
			return { status: 202, body: '' };
		}
		complete();
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
		if (this.deferMs !== undefined) {
			this.setState(consignment, 'Manifesting');
			this.later(() => {
				if (this.consignments.get(reference) === consignment && consignment.State === 'Manifesting')
					this.setState(consignment, 'Manifested');
			});
			return { status: 202, body: '' };
		}
		this.setState(consignment, 'Manifested');
		return { status: 200, body: '' };
	}

	/**
	 * Files the customer manifests of what one manifest call manifested: one per shipping
	 * location and carrier, as help/manifesting_consignments.md's Get Customer Manifests example
	 * shows them (ManifestReference a 32-digit hex, ManifestFileName `<location>-<reference>.pdf`).
	 */
	fileManifests(references) {
		const groups = new Map();
		for (const reference of references) {
			const consignment = this.consignments.get(reference);
			if (!consignment?.Allocation) continue;
			const location = this.address(consignment, 'Origin')?.ShippingLocationReference ?? '';
			const key = `${location}\n${consignment.Allocation.CarrierReference}`;
			const group = groups.get(key) ?? { location, carrier: consignment.Allocation, count: 0 };
			group.count += 1;
			groups.set(key, group);
		}
		for (const { location, carrier, count } of groups.values()) {
			const ManifestReference = (this.manifests.length + 1).toString(16).padStart(32, '0');
			this.manifests.unshift({
				ManifestReference,
				ManifestFileStorageContainer: `simulator-carrierbooking-${carrier.CarrierReference.toLowerCase()}`,
				ManifestFileName: `${location.replace(/-/g, '_')}-${ManifestReference}.pdf`,
				ShippingLocationReference: location,
				ShippingLocationName: null,
				Created: offsetDate(),
				CarrierName: carrier.CarrierName,
				BookingsCount: count,
				ManifestFileNameSentToCarrier: null,
			});
		}
	}

	/** PUT /consignments/manifest: one result per consignment, and their customer manifests. */
	manifestList(references) {
		const answer = this.forEach(
			references,
			(reference) => this.manifest(reference),
			(r) => `Consignment ${r} has been manifested successfully.`,
			(r) => [this.link('Link', `/consignments/${r}`)],
		);
		if (Array.isArray(answer.body))
			this.fileManifests(answer.body.filter((entry) => entry.IsSuccess).map((entry) => entry.Data));
		return answer;
	}

	/**
	 * Manifest Consignments From Query (SDK ManifestFromQueryRequest): manifests every consignment
	 * matching all given criteria and answers ManifestFromQueryResponse, { Message,
	 * FailedConsignments }, with the Message worded as includes/_manifest_consignments_from_query.md
	 * shows it. States is required (the help page: the consignments "should be in a state of"
	 * Allocated, Manifest Failed or ReadyToShip); ShippingDateRanges is one { StartDate, EndDate }
	 * in the SDK (a list of them is also read).
	 */
	manifestFromQuery(body) {
		this.manifestQueries += 1;
		const list = (value) =>
			Array.isArray(value) && value.every((entry) => typeof entry === 'string') ? value : null;
		const invalid = (target, message) =>
			this.error(400, 'InvalidRequest', message, [{ Target: target, Message: message }]);
		if (!body || typeof body !== 'object' || Array.isArray(body))
			return invalid('request', 'A ManifestFromQueryRequest object is required');
		const states = list(body.States);
		if (!states || states.length === 0)
			return invalid('States', 'States must list the consignment states to manifest');
		for (const name of ['ShippingLocationReferences', 'Carriers'])
			if (body[name] !== undefined && body[name] !== null && !list(body[name]))
				return invalid(name, `${name} must be a list of strings`);
		const day = (value) => (value ? String(value).slice(0, 10) : undefined);
		const ranges = [body.ShippingDateRanges ?? []].flat().filter(Boolean);
		const wanted = new Set(states.map(stateKey));
		const locations = body.ShippingLocationReferences?.map((l) => l.toLowerCase());
		const carriers = body.Carriers?.map((c) => c.toLowerCase());
		const matching = [...this.consignments.values()].filter((consignment) => {
			const location = String(
				this.address(consignment, 'Origin')?.ShippingLocationReference ?? '',
			).toLowerCase();
			const carrier = String(consignment.Allocation?.CarrierReference ?? '').toLowerCase();
			const shipping = day(consignment.ShippingDate ?? consignment.DateCreated);
			return (
				wanted.has(stateKey(consignment.State)) &&
				(!locations?.length || locations.includes(location)) &&
				(!carriers?.length || carriers.includes(carrier)) &&
				(typeof body.LabelsPrinted !== 'boolean' ||
					Boolean(consignment.LabelsPrinted) === body.LabelsPrinted) &&
				(!body.ShippingDate || shipping === day(body.ShippingDate)) &&
				ranges.every(
					(range) =>
						(!range.StartDate || shipping >= day(range.StartDate)) &&
						(!range.EndDate || shipping <= day(range.EndDate)),
				)
			);
		});
		const queued = [];
		const failed = [];
		for (const consignment of matching)
			(this.manifest(consignment.Reference).status < 300 ? queued : failed).push(
				consignment.Reference,
			);
		this.fileManifests(queued);
		return {
			status: 200,
			body: {
				Message: `Query found ${matching.length} consignment(s). ${queued.length} successfully queued to manifest. ${failed.length} failed to be added to the queue`,
				FailedConsignments: failed,
			},
		};
	}

	/**
	 * Get Customer Manifests: help/manifesting_consignments.md's route answers a bare list of
	 * manifest summaries; the SDK's (`/consignments/manifests`) a ManifestsView holding them.
	 */
	customerManifests(query, view = 'list') {
		const location = query?.shippingLocationReference ?? query?.ShippingLocationReference;
		const manifests = this.manifests.filter(
			(manifest) =>
				!location ||
				manifest.ShippingLocationReference.toLowerCase() === String(location).toLowerCase(),
		);
		return {
			status: 200,
			body:
				view === 'list'
					? manifests
					: {
							Manifests: manifests,
							TotalRecords: manifests.length,
							PageSize: manifests.length,
							ShippingLocationRefs: this.shippingLocations,
							CarrierServices: null,
						},
		};
	}

	/** Get Customer Manifest: the manifest file, a PDF, as base64 in a JSON string (a byte[]). */
	customerManifest(reference) {
		const manifest = this.manifests.find((entry) => entry.ManifestReference === reference);
		if (!manifest) return this.error(404, 'NotFound', `Manifest ${reference} was not found`);
		return {
			status: 200,
			// JSON text of the base64 string (server.js sends a string body as it is).
			body: JSON.stringify(smallPdf(`Manifest ${reference}`).toString('base64')),
		};
	}

	/**
	 * Dispatch Consignments (SDK DispatchConsignmentsRequest): one DispatchResponse per reference,
	 * { ConsignmentReferenceForAllLegsAssignedByMpd, Status (OperationStatus), HttpStatusCode,
	 * ApiLinks, Message }; only Manifested consignments are dispatched (help/consignment_states.md).
	 * No example is documented: the messages are ours.
	 */
	dispatchList(references) {
		if (!Array.isArray(references) || references.some((reference) => typeof reference !== 'string'))
			return this.error(
				400,
				'InvalidRequest',
				'ConsignmentReferences must be a list of consignment references',
			);
		const results = references.map((reference) => {
			const consignment = this.consignments.get(reference);
			const result = (Status, HttpStatusCode, Message, ApiLinks = []) => ({
				ConsignmentReferenceForAllLegsAssignedByMpd: reference,
				Status,
				HttpStatusCode,
				ApiLinks,
				Message,
			});
			if (!consignment) return result('NotFound', 404, `Consignment ${reference} was not found`);
			if (consignment.State !== 'Manifested')
				return result('Failed', 400, this.refusedInState(consignment, 'dispatched').body.Message);
			this.setState(consignment, 'Dispatched');
			return result('Success', 200, `Consignment ${reference} has been dispatched`, [
				this.link('detail', `/consignments/${reference}`),
			]);
		});
		return { status: 200, body: results };
	}

	setReadyToShip(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (consignment.State !== 'Allocated') {
			return this.refusedInState(consignment, 'set ready to ship');
		}
		this.setState(consignment, 'ReadyToShip');
		return { status: 200, body: '' };
	}

	setNotReadyToShip(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		if (consignment.State !== 'ReadyToShip') {
			return this.refusedInState(consignment, 'set back to Allocated');
		}
		this.setState(consignment, 'Allocated');
		return { status: 200, body: '' };
	}

	/**
	 * PUT /consignments/: the whole consignment, identified by its Reference, only while it is
	 * Unallocated or AllocationFailed. As documented: ShippingDate, RequestedDeliveryDate,
	 * ConsignmentReferenceProvidedByCustomer, CustomsDocumentation, MetaData and Addresses are
	 * replaced, and deleted when not given; Packages and Tags are replaced when given (not
	 * empty) and left as they are otherwise.
	 */
	update(request) {
		const reference = request?.Reference;
		const consignment =
			typeof reference === 'string' ? this.consignments.get(reference) : undefined;
		if (!consignment) return this.notFound(reference);
		if (!ALLOCATABLE.includes(consignment.State)) {
			return this.refusedInState(consignment, 'updated');
		}
		consignment.ShippingDate = request.ShippingDate ?? null;
		consignment.RequestedDeliveryDate = request.RequestedDeliveryDate ?? null;
		consignment.ConsignmentReferenceProvidedByCustomer =
			request.ConsignmentReferenceProvidedByCustomer ?? null;
		consignment.CustomsDocumentation = request.CustomsDocumentation ?? null;
		consignment.MetaData = Array.isArray(request.MetaData) ? request.MetaData : [];
		consignment.Addresses = Array.isArray(request.Addresses) ? request.Addresses : [];
		if (Array.isArray(request.Packages) && request.Packages.length) {
			const existing = new Set(consignment.Packages.map((pkg) => pkg.Reference));
			consignment.Packages = request.Packages.map((pkg) => ({
				...pkg,
				Reference: existing.has(pkg?.Reference)
					? pkg.Reference
					: this.packageReference(consignment),
			}));
		}
		if (Array.isArray(request.Tags) && request.Tags.length) consignment.Tags = request.Tags;
		this.recordEvent(consignment, 'ConsignmentUpdated', 'Consignment updated');
		return { status: 200, body: [this.link('Link', `/consignments/${reference}`)] };
	}

	/**
	 * GET /consignments/docs/{reference}: the documented GetCustomsDocumentationResponse, for
	 * allocated consignments. Each list holds { Key: file name, Value: the PDF, base64 (a byte
	 * array) }. A consignment that leaves the UK has a commercial invoice and a CN22 (value up
	 * to 270 GBP) or a CN23; a domestic one has no documents: all three lists are empty.
	 */
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
		const body = { CommercialInvoiceDocuments: [], CN22Documents: [], CN23Documents: [] };
		if (this.countryOf(consignment) === 'GB') return { status: 200, body };
		const document = (key, title) => ({
			Key: key,
			Value: smallPdf(`${title} ${reference}`).toString('base64'),
		});
		body.CommercialInvoiceDocuments.push(document(`INV_${reference}`, 'Commercial invoice'));
		const value = this.valueOf(consignment);
		if (value && value.Currency.IsoCode === 'GBP' && value.Amount <= 270)
			body.CN22Documents.push(document(`CN22_${reference}`, 'CN22'));
		else body.CN23Documents.push(document(`CN23_${reference}`, 'CN23'));
		return { status: 200, body };
	}

	/**
	 * Moves consignments to a state on demand, as carriers and SortedPRO do over time
	 * (Allocated → Manifested → Dispatched, or a failed allocation), so a trigger can be
	 * shown working. The state is stored in the enum's spelling ("Allocation Failed" and
	 * "AllocationFailed" both give AllocationFailed). References that do not exist are
	 * reported, not invented.
	 */
	advance(references, state, at) {
		if (!Array.isArray(references) || typeof state !== 'string' || !state.trim()) {
			return {
				status: 400,
				body: { message: 'Send { "references": ["EC-SIM-000001"], "state": "Manifested" }' },
			};
		}
		const target = enumState(state.trim());
		// `at` back-dates the change (a test's "a minute ago"); by default it happens now.
		const date = at === undefined ? new Date() : new Date(at);
		if (Number.isNaN(date.getTime()))
			return { status: 400, body: { message: '"at" must be a time, e.g. 2026-12-01T10:00:00Z' } };
		const missing = references.filter((reference) => !this.consignments.has(reference));
		for (const reference of references) {
			const consignment = this.consignments.get(reference);
			if (!consignment) continue;
			this.setState(consignment, target, date);
			if (target === 'AllocationFailed' && !consignment.FailedAllocation) {
				consignment.FailedAllocation = {
					CarrierServiceGroupReference: '',
					MpdCarrierServiceGroupName: null,
					MpdCarrierServiceReference: null,
					MpdCarrierServiceName: null,
					AttemptedAllocationDate: offsetDate(),
					Message: 'Could not be booked with courier.',
				};
			}
		}
		return {
			status: 200,
			body: { state: target, moved: references.length - missing.length, missing },
		};
	}

	/**
	 * A list endpoint: one per-consignment result each (WithMessage: { IsSuccess, Message,
	 * Data, ApiLinks }), the call itself 200. `links` gives a success's ApiLinks: documented as
	 * null for deallocatelist and cancellist, [{ Rel: 'Link' }] for manifest, [{ Rel: 'detail' }]
	 * for setreadytoship (the default).
	 */
	forEach(
		references,
		action,
		successMessage,
		links = (reference) => [this.link('detail', `/consignments/${reference}`)],
	) {
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
			return outcome.status < 300
				? {
						IsSuccess: true,
						Message: successMessage(reference),
						Data: reference,
						ApiLinks: links(reference),
					}
				: { IsSuccess: false, Message: outcome.body.Message, Data: reference, ApiLinks: null };
		});
		return { status: 200, body: results };
	}

	/**
	 * A list allocation call (`PUT /allocation/allocate`, `/allocatewithservicegroup`,
	 * `/allocatewithcarrierservice`): documented as answering List<AllocationSummary>, one per
	 * consignment. A success is the consignment's Allocation Summary; how a failed one is
	 * reported is not documented, so it is a summary with the failure's StatusCode and its
	 * reason in Description, linked to its consignment.
	 */
	allocateEach(references, action) {
		if (
			!Array.isArray(references) ||
			references.some((reference) => typeof reference !== 'string')
		) {
			return this.forEach(references, action, () => '');
		}
		const results = references.map((reference) => {
			const outcome = action(reference);
			if (outcome.status < 300) {
				const [summary] = Array.isArray(outcome.body) ? outcome.body : [outcome.body];
				return (
					summary ?? {
						StatusCode: outcome.status,
						ApiLinks: [this.link('detail', `/consignments/${reference}`)],
					}
				);
			}
			return {
				StatusCode: outcome.status,
				ApiLinks: [this.link('detail', `/consignments/${reference}`)],
				Description: outcome.body?.Message ?? 'The consignment could not be allocated',
				ConsignmentLegs: [],
			};
		});
		return { status: 200, body: results };
	}

	/**
	 * POST /consignments: the origin's shipping location is the Origin address's
	 * ShippingLocationReference (a top-level one is ignored); answers 201 with a list of one
	 * ApiLink to the new consignment.
	 */
	create(request) {
		const details = [];
		const addresses = Array.isArray(request?.Addresses) ? request.Addresses : [];
		const origin = addresses.find((address) => address?.AddressType === 'Origin');
		const location = origin?.ShippingLocationReference;
		if (!this.shippingLocations.some((candidate) => candidate.Reference === location)) {
			details.push({
				Code: 'UnknownShippingLocation',
				Target: 'Addresses.ShippingLocationReference',
				Message: origin
					? `Unknown shipping location ${location}`
					: 'An Origin address with a ShippingLocationReference is required',
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
		const destination = addresses.find((address) => address?.AddressType === 'Destination');
		if (!destination?.Country?.IsoCode?.TwoLetterCode) {
			details.push({
				Code: 'InvalidAddress',
				Target: 'Addresses',
				Message: 'A Destination address with a country is required',
			});
		}
		if (details.length)
			return this.error(400, 'ValidationFailed', 'The consignment is not valid', details);
		const consignment = this.store({ ...request, Addresses: addresses });
		return { status: 201, body: [this.link('Link', `/consignments/${consignment.Reference}`)] };
	}

	/** An address with every documented field; an origin at a shipping location gets its address. */
	addressView(address) {
		const location =
			address?.AddressType === 'Origin'
				? LOCATION_ADDRESSES[address.ShippingLocationReference]
				: undefined;
		const view = { ...ADDRESS_FIELDS, ...(location ?? {}) };
		for (const [key, value] of Object.entries(address ?? {})) {
			if (value !== undefined && value !== null) view[key] = value;
			else if (!(key in view)) view[key] = value ?? null;
		}
		return view;
	}

	/** A package with every documented field. */
	packageView(consignment, pkg) {
		const service = consignment.Allocation;
		return {
			ConsignmentLegs: service
				? [
						{
							Leg: 1,
							TrackingReferences: [service.TrackingReference],
							CarrierReference: service.CarrierReference,
							CarrierServiceReference: null,
							CarrierName: null,
						},
					]
				: [],
			Items: pkg.Items ?? [],
			Charges: pkg.Charges ?? [],
			Reference: pkg.Reference,
			PackageReferenceProvidedByCustomer: pkg.PackageReferenceProvidedByCustomer ?? '',
			Weight: pkg.Weight ? { Value: pkg.Weight.Value, Unit: pkg.Weight.Unit ?? 'Kg' } : null,
			Dimensions: pkg.Dimensions ?? null,
			Description: pkg.Description ?? null,
			// SortedPRO names the currency in its answers (help/getting_consignment_data.md).
			Value: pkg.Value
				? {
						...pkg.Value,
						Currency: {
							Name: pkg.Value.Currency?.IsoCode === 'GBP' ? GBP.Name : null,
							...pkg.Value.Currency,
						},
					}
				: null,
			PackageSizeReference: pkg.PackageSizeReference ?? null,
			Barcode: pkg.Barcode ?? null,
			MetaData: pkg.MetaData ?? [],
		};
	}

	/** The consignment's value: its packages' values added up, when they have one currency. */
	valueOf(consignment) {
		const values = consignment.Packages.map((pkg) => pkg.Value).filter(Boolean);
		if (values.length === 0) return null;
		const currency = values[0].Currency?.IsoCode;
		if (values.some((value) => value.Currency?.IsoCode !== currency)) return null;
		const amount = values.reduce((sum, value) => sum + Number(value.Amount ?? 0), 0);
		return {
			Amount: Math.round(amount * 100) / 100,
			Currency: { Name: currency === 'GBP' ? GBP.Name : null, IsoCode: currency ?? null },
		};
	}

	/** The documented Allocation of an allocated consignment, or null. */
	allocationView(consignment) {
		const service = consignment.Allocation;
		if (!service) return null;
		return {
			CarrierServiceGroupReference: service.ServiceGroupReference ?? '',
			MpdCarrierServiceGroupName: service.ServiceGroupName ?? null,
			MpdCarrierServiceReference: service.Reference,
			MpdCarrierServiceName: service.Name,
			AllocationDate: service.AllocationDate,
			Price: this.rate(service.Price, this.countryOf(consignment)),
		};
	}

	/** GET /consignments/{reference}: the documented Consignment. */
	view(consignment) {
		const service = consignment.Allocation;
		const expected = service?.ExpectedDeliveryDate ?? null;
		return {
			ConsignmentLegs: this.legs(consignment),
			CollectionDate: null,
			DateDelivered: consignment.DateDelivered ?? null,
			FirstAttemptedDeliveryDate: null,
			DateReturned: consignment.DateReturned ?? null,
			DateShipped: consignment.DateShipped ?? null,
			DateCollected: consignment.DateCollected ?? null,
			AttemptedDeliveryDate: null,
			MetaData: consignment.MetaData ?? [],
			Allocation: this.allocationView(consignment),
			FailedAllocation: consignment.FailedAllocation ?? null,
			Source: consignment.Source ?? 'Api',
			LabelCount: service ? consignment.Packages.length : 0,
			LabelsPrinted: Boolean(consignment.LabelsPrinted),
			DateLabelsWereFirstPrinted: consignment.DateLabelsWereFirstPrinted ?? null,
			IsLate: Boolean(consignment.IsLate),
			LateForCustomer: false,
			CustomerReference: CUSTOMER_REFERENCE,
			Weight: { Value: this.weightOf(consignment), Unit: 'Kg' },
			Value: this.valueOf(consignment),
			CustomsDocumentation: consignment.CustomsDocumentation ?? null,
			Direction: consignment.Direction ?? 'Outbound',
			Tags: consignment.Tags ?? [],
			Reference: consignment.Reference,
			ConsignmentState: consignment.State,
			DateCreated: consignment.DateCreated,
			ShippingDate: consignment.ShippingDate ?? null,
			RequestedDeliveryDate: consignment.RequestedDeliveryDate ?? null,
			EarliestDeliveryDate: expected,
			LatestDeliveryDate: expected,
			ConsignmentReferenceProvidedByCustomer: consignment.ConsignmentReferenceProvidedByCustomer,
			Addresses: (consignment.Addresses ?? []).map((address) => this.addressView(address)),
			Packages: consignment.Packages.map((pkg) => this.packageView(consignment, pkg)),
		};
	}

	get(reference) {
		const consignment = this.consignments.get(reference);
		return consignment ? { status: 200, body: this.view(consignment) } : this.notFound(reference);
	}

	/** GET /consignments/{reference}/status: the documented Consignment Status Response. */
	status(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		return {
			status: 200,
			body: {
				ConsignmentReferenceForAllLegsAssignedByMpd: reference,
				Status: consignment.State,
				ExpectedDeliveryDate: consignment.Allocation?.ExpectedDeliveryDate ?? null,
				ApiLink: this.link('Link', `/consignments/${reference}`),
			},
		};
	}

	/** The documented Consignment Summary of a search answer. */
	summaryOf(consignment) {
		const service = consignment.Allocation;
		const failed = consignment.FailedAllocation;
		const destination = this.address(consignment, 'Destination');
		const requested = consignment.RequestedDeliveryDate;
		return {
			Source: consignment.Source ?? 'Api',
			MpdCarrierServiceName: service?.Name ?? null,
			MpdCarrierServiceGroupName: service?.ServiceGroupName ?? null,
			MpdCarrierServiceGroupReference: service ? (service.ServiceGroupReference ?? '') : null,
			DestinationAddressLine1: destination?.AddressLine1 ?? null,
			DestinationAddressTown: destination?.Town ?? null,
			DestinationAddressPostcode: destination?.Postcode ?? null,
			DestinationAddressCountry: destination?.Country?.IsoCode?.TwoLetterCode ?? null,
			DestinationShippingLocationReference: destination?.ShippingLocationReference ?? null,
			RequestedDeliveryDate:
				requested && typeof requested === 'object' ? (requested.Date ?? null) : (requested ?? null),
			RequestedDeliveryDateIsToBeExactlyOnTheDateSpecified:
				requested && typeof requested === 'object'
					? Boolean(requested.IsToBeExactlyOnTheDateSpecified)
					: null,
			LabelsPrinted: Boolean(consignment.LabelsPrinted),
			DateLabelsWereFirstPrinted: consignment.DateLabelsWereFirstPrinted ?? null,
			EstimatedDeliveryDate: service?.ExpectedDeliveryDate ?? null,
			ShippingTerms: consignment.CustomsDocumentation?.ShippingTerms ?? null,
			FailedAllocationAttemptedAllocationDate: failed?.AttemptedAllocationDate ?? null,
			FailedAllocationMessage: failed?.Message ?? null,
			FailedAllocationMpdCarrierServiceReference: failed?.MpdCarrierServiceReference ?? null,
			FailedAllocationMpdCarrierServiceGroupName: failed?.MpdCarrierServiceGroupName ?? null,
			FailedAllocationMpdCarrierServiceGroupReference: failed?.CarrierServiceGroupReference || null,
			FailedAllocationMpdCarrierServiceName: failed?.MpdCarrierServiceName ?? null,
			IsLate: Boolean(consignment.IsLate),
			DeliveryDate: consignment.DateDelivered ?? null,
			CollectionDate: consignment.DateCollected ?? null,
			AttemptedDeliveryDate: null,
			Value: this.valueOf(consignment),
			Weight: { Value: this.weightOf(consignment), Unit: 'Kg' },
			ApiLink: this.link('detail', `/consignments/${consignment.Reference}`),
			FailedManifestMessage: null,
			FailedManifestTimeStamp: null,
			Reference: consignment.Reference,
			ConsignmentReferenceProvidedByCustomer: consignment.ConsignmentReferenceProvidedByCustomer,
			DateCreated: consignment.DateCreated,
			State: consignment.State,
			ShippingDate: consignment.ShippingDate ?? null,
			MpdCarrierReference: service?.CarrierReference ?? null,
			MpdCarrierServiceReference: service?.Reference ?? null,
			AllocationDate: service?.AllocationDate ?? null,
			ShippedDate: consignment.DateShipped ?? null,
		};
	}

	/**
	 * GET /consignments/{take}/{skip}?...: { Count, ConsignmentSummaries }. Query terms are
	 * matched by name whatever their case: State (ignoring spaces and case),
	 * referenceProvidedByCustomer (loose, as a real search may be: contained, ignoring case,
	 * so ORDER-1 also finds ORDER-10), shippingLocationReference (the origin's). Others are ignored.
	 */
	search(take, skip, query) {
		this.searches += 1;
		const terms = {};
		for (const [name, value] of Object.entries(query ?? {})) terms[name.toLowerCase()] = value;
		const state = terms.state ? stateKey(terms.state) : undefined;
		const yours =
			terms.referenceprovidedbycustomer !== undefined && terms.referenceprovidedbycustomer !== ''
				? String(terms.referenceprovidedbycustomer).toLowerCase()
				: undefined;
		const location = terms.shippinglocationreference
			? String(terms.shippinglocationreference).toLowerCase()
			: undefined;
		const matching = [...this.consignments.values()].filter(
			(consignment) =>
				(!state || stateKey(consignment.State) === state) &&
				(yours === undefined ||
					String(consignment.ConsignmentReferenceProvidedByCustomer ?? '')
						.toLowerCase()
						.includes(yours)) &&
				(!location ||
					String(
						this.address(consignment, 'Origin')?.ShippingLocationReference ?? '',
					).toLowerCase() === location),
		);
		return {
			status: 200,
			body: {
				Count: matching.length,
				ConsignmentSummaries: matching
					.slice(skip, skip + take)
					.map((consignment) => this.summaryOf(consignment)),
			},
		};
	}

	/**
	 * GET /labels/...: the documented GetLabelsResponse, { File, ContentType }. As in
	 * SortedPRO's documented examples, a PDF's File is base64 of the base64 TEXT of the PDF
	 * (decoded once it reads "JVBERi0x...", twice "%PDF-1.4"); PNG and ZPL are plain base64.
	 */
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
		let body;
		if (kind === 'PNG')
			body = { File: smallPng(4, 6).toString('base64'), ContentType: 'image/png' };
		else if (kind === 'ZPL' || kind === 'ZPLII')
			body = { File: smallZpl(text).toString('base64'), ContentType: 'application/zpl' };
		else if (kind === 'PDF')
			body = {
				File: Buffer.from(smallPdf(text).toString('base64'), 'ascii').toString('base64'),
				ContentType: 'application/pdf',
			};
		else return this.error(400, 'InvalidFormat', `Unknown label format ${format}`);
		if (!consignment.LabelsPrinted) {
			consignment.LabelsPrinted = true;
			consignment.DateLabelsWereFirstPrinted = offsetDate();
		}
		this.recordEvent(consignment, 'LabelsPrinted', 'Labels printed');
		return { status: 200, body };
	}

	/**
	 * PUT /allocation/{ref}[/servicegroup/{group}|/carrierservice/{service}|/quote/{quote}]/labels/{format}
	 * (SDK AllocationService *AndGetLabels): allocates as `allocation()` does, and answers with the
	 * documented AllocateAndGetLabelsResponse, { Responses: [AllocateAndGetLabelsResult] }, one
	 * result of LabelType Consignment with the allocation and its label as base64 LabelContent.
	 * The SDK does not say how a refusal comes back: the simulator refuses as every other call does
	 * (an error answer), and passes a 202 on. A bad format is refused before allocating.
	 */
	allocateAndGetLabels(reference, format, allocation) {
		const kind = String(format).toUpperCase();
		if (!['PDF', 'PNG', 'ZPL', 'ZPLII'].includes(kind))
			return this.error(400, 'InvalidFormat', `Unknown label format ${format}`);
		const allocated = allocation();
		if (allocated.status !== 200) return allocated;
		const consignment = this.consignments.get(reference);
		const label = this.label(reference, undefined, kind);
		const summary = this.allocationSummary(consignment);
		return {
			status: 200,
			body: {
				Responses: [
					{
						LabelType: 'Consignment',
						StatusCode: 200,
						LabelContent: label.body.File,
						LabelFileType: label.body.ContentType,
						Result: 'ConsignmentAllocated',
						ConsignmentLegs: summary.ConsignmentLegs,
						CarrierReference: summary.CarrierReference,
						CarrierName: summary.CarrierName,
						CarrierServiceReference: summary.CarrierServiceReference,
						CarrierServiceName: summary.CarrierServiceName,
						Message: summary.Description,
						ApiLinks: summary.ApiLinks,
					},
				],
			},
		};
	}

	/** The carrier's tracking events of a consignment: its history since it was last allocated. */
	trackingEvents(consignment) {
		const service = consignment.Allocation;
		if (!service) return [];
		const origin = this.addressView(this.address(consignment, 'Origin'));
		const destination = this.address(consignment, 'Destination');
		return consignment.History.slice(service.HistoryIndex ?? 0).map((entry) => {
			const atDestination = [
				'OutForDelivery',
				'Delivered',
				'DeliveryFailed',
				'DeliveryFailedCardLeft',
				'DeliveredDamaged',
				'PartiallyDelivered',
				'AtCollectionPoint',
			].includes(entry.State);
			return {
				TimeStamp: entry.At,
				Code: entry.State.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
				Description: entry.State.replace(/([a-z])([A-Z])/g, '$1 $2'),
				SignedBy: entry.State === 'Delivered' ? 'A. Recipient' : null,
				Location: (atDestination ? destination?.Town : origin.Town) ?? null,
			};
		});
	}

	/**
	 * GET /tracking/{reference}: the documented ConsignmentViewModel, per package and leg; with
	 * `flattened` (GET /tracking/flattened/{reference}) the FlattenedConsignmentViewModel, the
	 * events of each package in one list with their carrier service's name.
	 */
	/** Marks consignments late (a test's or the control endpoint's doing: nothing here is late by itself). */
	markLate(references) {
		for (const reference of references) {
			const consignment = this.consignments.get(reference);
			if (consignment) consignment.IsLate = true;
		}
	}

	/**
	 * GET /consignments/late?pageSize=&startPage=: the SDK's LateConsignmentsResponse
	 * { TotalNumberOfLateConsignments, ConsignmentSummaries }. How pages count is not documented:
	 * here startPage counts from 0 and pageSize defaults to 20. Other search terms are ignored.
	 */
	lateConsignments(query) {
		const terms = Object.fromEntries(
			Object.entries(query ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
		);
		const size = terms.pagesize === undefined ? 20 : Number(terms.pagesize);
		const page = terms.startpage === undefined ? 0 : Number(terms.startpage);
		if (!Number.isInteger(size) || size < 1 || !Number.isInteger(page) || page < 0)
			return this.error(400, 'InvalidRequest', 'pageSize and startPage must be whole numbers');
		const late = [...this.consignments.values()].filter((consignment) => consignment.IsLate);
		return {
			status: 200,
			body: {
				TotalNumberOfLateConsignments: late.length,
				ConsignmentSummaries: late
					.slice(page * size, (page + 1) * size)
					.map((consignment) => this.summaryOf(consignment)),
			},
		};
	}

	/**
	 * GET /consignments/count?state=: the SDK's bare integer. The state is matched as the search
	 * matches it (ignoring spaces and case); one that is not a state is refused (400), and none is
	 * refused too, since the documentation does not say what it would count.
	 */
	countInState(query) {
		const terms = Object.fromEntries(
			Object.entries(query ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
		);
		const state = terms.state
			? STATES.find((known) => stateKey(known) === stateKey(terms.state))
			: undefined;
		if (!state)
			return this.error(400, 'InvalidRequest', 'state must be one of the consignment states');
		return {
			status: 200,
			body: [...this.consignments.values()].filter((consignment) => consignment.State === state)
				.length,
		};
	}

	/**
	 * GET /consignments/{ref}/audit: the SDK's List<ConsignmentAuditMessage> { Id, Timestamp,
	 * ConsignmentReference, Message, Severity, Category, Username, AdditionalData, Details }, one per
	 * state the consignment entered and per label print. Severity and Category carry no string
	 * converter in the SDK, so they are the enums' numbers here (None = 0; Category
	 * ConsignmentLifecycle = 2, Labels = 3). No example is documented: the messages are ours.
	 */
	auditMessages(reference) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		const message = (index, Timestamp, Message, Category) => ({
			Id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
			Timestamp,
			ConsignmentReference: reference,
			Message,
			Severity: 0,
			Category,
			Username: 'System',
			AdditionalData: null,
			Details: null,
		});
		const messages = consignment.History.map((entry, index) =>
			message(index, entry.At, `Consignment state changed to ${entry.State}`, 2),
		);
		if (consignment.DateLabelsWereFirstPrinted)
			messages.push(
				message(messages.length, consignment.DateLabelsWereFirstPrinted, 'Labels printed', 3),
			);
		return { status: 200, body: messages };
	}

	tracking(reference, flattened = false) {
		const consignment = this.consignments.get(reference);
		if (!consignment) return this.notFound(reference);
		const events = this.trackingEvents(consignment);
		const serviceName = consignment.Allocation?.Name ?? null;
		return {
			status: 200,
			body: {
				ConsignmentReferenceForAllLegsAssignedByMpd: reference,
				TrackedPackages: consignment.Packages.map((pkg) =>
					flattened
						? {
								PackageReferenceForAllLegsAssignedByMpd: pkg.Reference,
								Events: events.map((event) => ({ ...event, CarrierServiceName: serviceName })),
							}
						: {
								PackageReferenceForAllLegsAssignedByMpd: pkg.Reference,
								Legs: consignment.Allocation
									? [
											{
												CarrierServiceName: serviceName,
												Events: events.map((event) => ({ ...event })),
											},
										]
									: [],
							},
				),
			},
		};
	}

	/**
	 * GET /carrierservices/: the account's carrier services as a SubscriptionMpdCarrierServiceResponse.
	 * SortedPRO's documentation names the type but not its fields; these are the fields of the
	 * type of that name in MPD's public Electio .NET SDK, which SortedPRO's SDK succeeds:
	 * { Success, ErrorMessage, MpdCarrierServices: [MpdCarrierService] }.
	 */
	carrierServicesResponse() {
		return {
			Success: true,
			ErrorMessage: null,
			MpdCarrierServices: this.carrierServices.map((service) => ({
				Name: service.Name,
				Description: `${service.CarrierName} ${service.Name}`,
				Reference: service.Reference,
				MpdCarrierReference: service.CarrierReference,
				CarrierName: service.CarrierName,
				CarrierAccountOwner: null,
				Journey: [this.journeyLeg(service)],
				Source: 2,
				Type: 'Scheduled',
				IsConfigured: true,
				IsCached: false,
			})),
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

module.exports = {
	SortedProModel,
	STATES,
	ALLOCATABLE,
	DEALLOCATABLE,
	MANIFESTABLE,
	enumState,
};
