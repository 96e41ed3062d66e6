#!/usr/bin/env node
'use strict';
/**
 * The SortedPRO simulator: SortedPRO's consignments API over HTTP on loopback, with the
 * gateway's API-key check, SortedPRO's rules (sortedpro.js), added latency and injected
 * faults. A development and test tool; it is not part of the published package.
 *
 *   node simulator/server.js [--port 4010] [--api-key KEY] [--consignments 300]
 *                            [--latency-ms 0] [--fault-rate 0] [--faults 429,503,reset,stall,drop]
 *                            [--fault-seed 1] [--accept-202 REGEX] [--accept-202-delay-ms 0]
 *                            [--rate-limit 0] [--rate-window fixed|sliding] [--rate-window-offset-ms 0]
 *                            [--random-429 0] [--random-429-timing instant|after-latency] [--events-api sdk|page|off]
 *
 * Control endpoints (no key needed, loopback only) live under /__sim:
 *   GET  /__sim/state                       states and allocation counts of all consignments
 *   GET  /__sim/requests                    how many API requests were answered, by outcome and route
 *   POST /__sim/consignments {count, weightKg?, country?}   add unallocated consignments
 *   POST /__sim/config {latencyMs?, perConsignmentMs?, rateLimit?, rateWindow?, rateWindowOffsetMs?,
 *                       random429?, random429Timing?, faultRate?, faults?, faultSeed?, faultPaths?,
 *                       accept202?, accept202DelayMs?, eventsApi?}
 *                       eventsApi: which events routes answer: 'sdk' (POST /events/consignmentstateevents
 *                       and /events/consignments, the default), 'page' (the events page's spelling
 *                       /events/consignments/stateevents instead), 'off' (404: an account without events)
 *   POST /__sim/reset {consignments?}       back to the seed data
 *   POST /__sim/advance {references, state, at?}  moves consignments to a state (at `at`, default now), for the trigger; the state is
 *                                            stored in the SDK enum's spelling ("Allocation Failed" and
 *                                            "AllocationFailed" both give AllocationFailed, "Ready To Ship" ReadyToShip)
 *
 * Accepted (202) answers: `accept202` (config, or the createSimulator option) is a regular expression
 * on the request path, e.g. "^/allocation/" or "deallocate|manifest"; null or "" turns it off (the
 * default). Allocation, deallocate and manifest calls whose path matches answer 202 with an EMPTY
 * body, as SortedPRO may for work it does later: the consignment moves to the intermediate state
 * (Allocating, or Manifesting; a deallocation keeps its state), and the work is completed
 * `accept202DelayMs` later (default 0: right after the answer), allocations with the cheapest
 * eligible service then, as usual (or AllocationFailed when none is). Calls the state does not
 * allow, or for consignments that do not exist, are still refused at once (400, 404); list calls
 * answer 202 for the whole list and do the work for each consignment they could.
 *
 * The answers are SortedPRO's documented shapes (see sortedpro.js): the Consignment on
 * GET /consignments/{ref} (ConsignmentState, Allocation, FailedAllocation, ConsignmentLegs, ...),
 * { Count, ConsignmentSummaries } on GET /consignments/{take}/{skip}, the Consignment Status
 * Response on .../status, [ApiLink] on POST /consignments (201) and PUT /consignments (200, the
 * reference in Reference), [Allocation Summary] on a single-consignment allocation, WithMessage
 * results ({ IsSuccess, Message, Data, ApiLinks }) per consignment on list calls,
 * { File, ContentType } on labels (a resolution after the format, /labels/{ref}/{format}/{dpi}, is accepted and not used) (a PDF's File is base64 of its base64 text, as documented),
 * { CommercialInvoiceDocuments, CN22Documents, CN23Documents } on /consignments/docs/{ref},
 * the new Package on POST /consignments/{ref}/addpackage (201), nothing on removepackage and
 * PUT /packages/{ref}, the account's package sizes on /packagesizes (and /packagesizes/default),
 * DispatchResponse per consignment on /consignments/Dispatch, { Message, FailedConsignments } on /consignments/manifestFromQuery (POST or PUT), customer
 * manifest summaries on /consignments/customer/manifests (a list) and /consignments/manifests (a
 * ManifestsView), a manifest's PDF as a base64 JSON string on /consignments/customer/manifest/{ref}
 * and /consignments/manifest/{ref},
 * the QuoteResult on /quotes/consignment/{ref}, { ConsignmentReferenceForAllLegsAssignedByMpd,
 * TrackedPackages } on /tracking/{ref} and /tracking/flattened/{ref}, ConsignmentAuditMessages on
 * /consignments/{ref}/audit, and
 * { Success, ErrorMessage, MpdCarrierServices } on /carrierservices/. States are the SDK enum's
 * names (Unallocated, AllocationFailed, ReadyToShip, ...).
 */
const http = require('node:http');
const { SortedProModel } = require('./sortedpro');

const FAULT_KINDS = ['429', '503', 'reset', 'stall', 'drop'];
const DEFAULT_API_KEY = 'sim-key-0123456789abcdef';

/** A small deterministic random generator, so a fault run can be repeated exactly. */
function seededRandom(seed) {
	let state = seed >>> 0 || 1;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function readBody(request) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

function parseJson(text) {
	if (!text.trim()) return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/** An account (or a route spelling) without SortedPRO's events: the documented 404. */
const noEvents = (m) => m.error(404, 'NotFound', 'No events for this account');

/** Which of the events routes answer: see ROUTES. */
const EVENTS_API = ['sdk', 'page', 'off'];

/** Marks a route whose calls may be accepted (202) rather than done: see `accept202`. */
const ACCEPTABLE = 'acceptable';

/**
 * SortedPRO's routes: [method, pattern, handler(model, params, body, query), ACCEPTABLE?].
 * Any other path answers 404 (there is no GET /consignments/clientReference/{ref}: it is not
 * in SortedPRO's documentation; your reference is a search term).
 */
const ROUTES = [
	// Events (SDK ref-webhooks WebHooksService): the state events' route as the SDK spells it
	// and as the events page does; `eventsApi` says which one answers ('off': neither, 404).
	[
		'POST',
		/^\/events\/consignmentstateevents$/,
		(m, _p, body) => (m.eventsApi === 'sdk' ? m.stateEvents(body) : noEvents(m)),
	],
	[
		'POST',
		/^\/events\/consignments\/stateevents$/,
		(m, _p, body) => (m.eventsApi === 'page' ? m.stateEvents(body) : noEvents(m)),
	],
	[
		'POST',
		/^\/events\/consignments$/,
		(m, _p, body) => (m.eventsApi === 'off' ? noEvents(m) : m.consignmentEvents(body)),
	],
	[
		'GET',
		/^\/servicegroups\/?$/,
		(m) => ({
			status: 200,
			body: m.serviceGroups.map(({ Members, IsDefault, ...group }) => ({
				...group,
				CarrierServiceReferences: Members,
			})),
		}),
	],
	[
		'GET',
		/^\/servicegroups\/([^/]+)$/,
		(m, [code]) => {
			const group = m.group(code);
			return group
				? { status: 200, body: group }
				: m.error(404, 'NotFound', `Carrier service group ${code} was not found`);
		},
	],
	['GET', /^\/carrierservices\/?$/, (m) => ({ status: 200, body: m.carrierServicesResponse() })],
	[
		'GET',
		/^\/carriers\/getcarriers$/,
		(m) => ({
			status: 200,
			body: [
				...new Map(
					m.carrierServices.map((s) => [
						s.CarrierReference,
						{ Reference: s.CarrierReference, Name: s.CarrierName },
					]),
				).values(),
			],
		}),
	],
	['GET', /^\/shippingLocations\/?$/i, (m) => ({ status: 200, body: m.shippingLocations })],
	[
		'PUT',
		/^\/allocation\/allocatewithservicegroup$/,
		(m, _p, body) =>
			m.allocateEach(body?.ConsignmentReferences, (reference) =>
				m.allocateWithServiceGroup(reference, body?.MpdCarrierServiceGroupReference),
			),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/allocate$/,
		(m, _p, body) =>
			m.allocateEach(body?.ConsignmentReferences, (reference) =>
				m.allocateWithDefaultRules(reference),
			),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/allocatewithcarrierservice$/,
		(m, _p, body) =>
			m.allocateEach(body?.ConsignmentReferences, (reference) =>
				m.allocateWithCarrierService(reference, body?.MpdCarrierServiceReference),
			),
		ACCEPTABLE,
	],
	// Allocate All Unallocated and its siblings: the ship-by date in the route and the body.
	[
		'PUT',
		/^\/allocation\/allocate\/([^/]+)$/,
		(m, [date], body) =>
			m.allocateAllUnallocated(date, body, (reference) => m.allocateCheapest(reference)),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/allocatewithservicegroup\/([^/]+)$/,
		(m, [date], body) =>
			m.allocateAllUnallocated(date, body, (reference) =>
				m.allocateWithServiceGroup(reference, body?.MpdCarrierServiceGroupReference),
			),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/allocatewithcarrierservice\/([^/]+)$/,
		(m, [date], body) =>
			m.allocateAllUnallocated(date, body, (reference) =>
				m.allocateWithCarrierService(reference, body?.MpdCarrierServiceReference),
			),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/allocateConsignmentsWithServiceFilters$/i,
		(m, _p, body) =>
			m.allocateEach(body?.ConsignmentReferences, (reference) =>
				m.allocateWithServiceFilters(reference, body?.Filters),
			),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/([^/]+)\/allocatewithservicegroup\/([^/]+)$/,
		(m, [reference, group]) => m.allocateWithServiceGroup(reference, group),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/([^/]+)\/allocatewithcheapestquote$/,
		(m, [reference]) => m.allocateCheapest(reference),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/([^/]+)\/allocatewithquote\/([^/]+)$/,
		(m, [reference, quote]) => m.allocateWithQuote(reference, quote),
		ACCEPTABLE,
	],
	// Allocate and get labels (SDK AllocationService): one route per way of allocating.
	[
		'PUT',
		/^\/allocation\/([^/]+)\/labels\/([^/]+)$/,
		(m, [reference, format]) =>
			m.allocateAndGetLabels(reference, format, () => m.allocateCheapest(reference)),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/([^/]+)\/servicegroup\/([^/]+)\/labels\/([^/]+)$/,
		(m, [reference, group, format]) =>
			m.allocateAndGetLabels(reference, format, () => m.allocateWithServiceGroup(reference, group)),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/([^/]+)\/carrierservice\/([^/]+)\/labels\/([^/]+)$/,
		(m, [reference, service, format]) =>
			m.allocateAndGetLabels(reference, format, () =>
				m.allocateWithCarrierService(reference, service),
			),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/allocation\/([^/]+)\/quote\/([^/]+)\/labels\/([^/]+)$/,
		(m, [reference, quote, format]) =>
			m.allocateAndGetLabels(reference, format, () => m.allocateWithQuote(reference, quote)),
		ACCEPTABLE,
	],
	['GET', /^\/quotes\/consignment\/([^/]+)$/, (m, [reference]) => m.quotesFor(reference)],
	[
		'PUT',
		/^\/consignments\/deallocatelist$/,
		(m, _p, body) =>
			m.forEach(
				body,
				(reference) => m.deallocate(reference),
				() => 'Consignment deallocation completed successfully',
				() => null,
			),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/consignments\/cancellist$/,
		(m, _p, body) =>
			m.forEach(
				body,
				(reference) => m.cancel(reference),
				() => 'Consignment cancellation completed successfully',
				() => null,
			),
	],
	[
		'PUT',
		/^\/consignments\/manifest$/,
		(m, _p, body) => m.manifestList(body?.ConsignmentReferences),
		ACCEPTABLE,
	],
	[
		'PUT',
		/^\/consignments\/Dispatch$/i,
		(m, _p, body) => m.dispatchList(body?.ConsignmentReferences),
		ACCEPTABLE,
	],
	// The help page says POST, its include's example PUT: both are answered.
	['POST', /^\/consignments\/manifestFromQuery$/i, (m, _p, body) => m.manifestFromQuery(body)],
	['PUT', /^\/consignments\/manifestFromQuery$/i, (m, _p, body) => m.manifestFromQuery(body)],
	// help/manifesting_consignments.md's routes, and the SDK's (ConsignmentService).
	[
		'GET',
		/^\/consignments\/customer\/manifests$/,
		(m, _p, _b, query) => m.customerManifests(query, 'list'),
	],
	['GET', /^\/consignments\/manifests$/, (m, _p, _b, query) => m.customerManifests(query, 'view')],
	[
		'GET',
		/^\/consignments\/customer\/manifest\/([^/]+)$/,
		(m, [reference]) => m.customerManifest(reference),
	],
	['GET', /^\/consignments\/manifest\/([^/]+)$/, (m, [reference]) => m.customerManifest(reference)],
	[
		'PUT',
		/^\/consignments\/setreadytoship$/,
		(m, _p, body) =>
			m.forEach(
				body,
				(reference) => m.setReadyToShip(reference),
				() => 'Consignment marked as Ready To Ship completed successfully',
			),
	],
	[
		'PUT',
		/^\/consignments\/setnotreadytoship$/,
		(m, _p, body) =>
			m.forEach(
				body,
				(reference) => m.setNotReadyToShip(reference),
				() => 'Consignment set back to Allocated from Ready To Ship completed successfully',
			),
	],
	[
		'PUT',
		/^\/consignments\/([^/]+)\/deallocate$/,
		(m, [reference]) => m.deallocate(reference),
		ACCEPTABLE,
	],
	['PUT', /^\/consignments\/([^/]+)\/cancel$/, (m, [reference]) => m.cancel(reference)],
	[
		'POST',
		/^\/consignments\/([^/]+)\/addpackage$/,
		(m, [reference], body) => m.addPackage(reference, body),
	],
	[
		'POST',
		/^\/consignments\/([^/]+)\/removepackage\/([^/]+)$/,
		(m, [reference, pkg]) => m.removePackage(reference, pkg),
	],
	['PUT', /^\/packages\/([^/]+)$/, (m, [pkg], body) => m.updatePackage(pkg, body)],
	[
		'GET',
		/^\/collectioncalendar\/([^/]+)\/([^/]+)$/,
		(m, [location, carrier]) => m.collectionCalendar(location, carrier),
	],
	['GET', /^\/packagesizes\/?$/, (m) => ({ status: 200, body: m.packageSizes })],
	[
		'GET',
		/^\/packagesizes\/default$/,
		(m) => ({
			status: 200,
			body: m.packageSizes.find((size) => size.Reference === m.defaultPackageSize),
		}),
	],
	['POST', /^\/consignments\/?$/, (m, _p, body) => m.create(body)],
	['PUT', /^\/consignments\/?$/, (m, _p, body) => m.update(body)],
	['GET', /^\/consignments\/docs\/([^/]+)$/, (m, [reference]) => m.documents(reference)],
	[
		'GET',
		/^\/consignments\/(\d+)\/(\d+)$/,
		(m, [take, skip], _b, query) => m.search(Number(take), Number(skip), query),
	],
	['GET', /^\/consignments\/count$/, (m, _p, _b, query) => m.countInState(query)],
	['GET', /^\/consignments\/late$/, (m, _p, _b, query) => m.lateConsignments(query)],
	['GET', /^\/consignments\/([^/]+)\/status$/, (m, [reference]) => m.status(reference)],
	['GET', /^\/consignments\/([^/]+)\/audit$/, (m, [reference]) => m.auditMessages(reference)],
	['GET', /^\/consignments\/([^/]+)$/, (m, [reference]) => m.get(reference)],
	[
		'GET',
		/^\/labels\/package\/([^/]+)\/([^/]+)(?:\/([^/]+)(?:\/\d+)?)?$/,
		(m, [reference, pkg, format]) => m.label(reference, pkg, format),
	],
	[
		'GET',
		/^\/labels\/([^/]+)(?:\/([^/]+)(?:\/\d+)?)?$/,
		(m, [reference, format]) => m.label(reference, undefined, format),
	],
	['GET', /^\/tracking\/flattened\/([^/]+)$/, (m, [reference]) => m.tracking(reference, true)],
	['GET', /^\/tracking\/([^/]+)$/, (m, [reference]) => m.tracking(reference)],
];

/** How many consignments a list call carries: its body is a list, or holds ConsignmentReferences. */
function consignmentsIn(body) {
	if (Array.isArray(body)) return body.length;
	if (Array.isArray(body?.ConsignmentReferences)) return body.ConsignmentReferences.length;
	return 0;
}

/**
 * What one request costs in time, as SortedPRO's gateway behaves: the latency of every call,
 * plus, for list calls, the time SortedPRO spends on each consignment in them.
 */
function requestCostMs(config, body) {
	return config.latencyMs + config.perConsignmentMs * consignmentsIn(body);
}

/**
 * The gateway's rate limit (Azure API Management): at most `limit` requests a second per
 * API key. Returns undefined when the request may pass, or the seconds to wait when it may not.
 * - `fixed` (the default): one-second windows, starting `offsetMs` after each second of the clock
 *   (a gateway's windows need not be aligned to the clock);
 * - `sliding`: at most `limit` accepted requests in any second, as Azure API Management describes
 *   its rate-limit renewal period; a refused request does not count.
 */
function rateLimiter({ window: kind = 'fixed', offsetMs = 0 } = {}) {
	const windows = new Map();
	const accepted = new Map();
	const fixed = (key, limit, now) => {
		const second = Math.floor((now - offsetMs) / 1000);
		const window = windows.get(key);
		if (!window || window.second !== second) {
			windows.set(key, { second, count: 1 });
			return undefined;
		}
		window.count += 1;
		return window.count > limit
			? Math.max(1, Math.ceil(((second + 1) * 1000 + offsetMs - now) / 1000))
			: undefined;
	};
	const sliding = (key, limit, now) => {
		const times = accepted.get(key) ?? [];
		while (times.length > 0 && times[0] <= now - 1000) times.shift();
		accepted.set(key, times);
		if (times.length < limit) {
			times.push(now);
			return undefined;
		}
		return Math.max(1, Math.ceil((times[0] + 1000 - now) / 1000));
	};
	return (key, limit, now = Date.now()) => {
		if (!(limit > 0)) return undefined;
		return kind === 'sliding' ? sliding(key, limit, now) : fixed(key, limit, now);
	};
}

/** Random 429s, as a gateway may give under load: answered at once, or after the request's latency. */
const RANDOM_429_TIMINGS = ['instant', 'after-latency'];

/**
 * @param {{ apiKey?: string, consignments?: number, latencyMs?: number, perConsignmentMs?: number,
 *           rateLimit?: number, faultRate?: number, faults?: string[], faultSeed?: number,
 *           faultPaths?: string, stallMs?: number, accept202?: string, accept202DelayMs?: number,
 *           rateWindow?: 'fixed' | 'sliding', rateWindowOffsetMs?: number, random429?: number,
 *           random429Timing?: 'instant' | 'after-latency', eventsApi?: 'sdk' | 'page' | 'off' }} options
 */
function createSimulator(options = {}) {
	const config = {
		apiKey: options.apiKey ?? DEFAULT_API_KEY,
		latencyMs: options.latencyMs ?? 0,
		perConsignmentMs: options.perConsignmentMs ?? 0,
		rateLimit: options.rateLimit ?? 0,
		rateWindow: options.rateWindow === 'sliding' ? 'sliding' : 'fixed',
		rateWindowOffsetMs: Number(options.rateWindowOffsetMs) || 0,
		/** The share of requests (0 to 1) answered 429 although the key is under its limit. */
		random429: options.random429 ?? 0,
		random429Timing: RANDOM_429_TIMINGS.includes(options.random429Timing)
			? options.random429Timing
			: 'instant',
		faultRate: options.faultRate ?? 0,
		faults: options.faults ?? FAULT_KINDS,
		faultPaths: options.faultPaths ? new RegExp(options.faultPaths) : null,
		stallMs: options.stallMs ?? 120_000,
		/** Allocation, deallocate and manifest calls on matching paths answer 202 (see the header). */
		accept202: options.accept202 ? new RegExp(options.accept202) : null,
		accept202DelayMs: options.accept202DelayMs ?? 0,
	};
	let random = seededRandom(options.faultSeed ?? 1);
	// A stream of its own (from a scrambled seed: seeds s and s+1 start alike), so random 429s
	// do not move which requests meet a fault.
	const random429Seed = (seed) => (seed ^ 0x9e3779b9) >>> 0;
	let random429s = seededRandom(random429Seed(options.faultSeed ?? 1));
	const model = new SortedProModel({ consignments: options.consignments ?? 300 });
	model.eventsApi = EVENTS_API.includes(options.eventsApi) ? options.eventsApi : 'sdk';
	// `routes`: answered requests by method and first path segment ("GET /labels"), so a test or the
	// bench can tell how many calls of a kind a run made.
	const counts = {
		answered: 0,
		unauthorized: 0,
		rateLimited: 0,
		random429: 0,
		faults: {},
		routes: {},
	};
	let overLimit = rateLimiter({ window: config.rateWindow, offsetMs: config.rateWindowOffsetMs });
	const stalled = new Set();

	function send(response, status, body, headers = {}) {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const type =
			typeof body === 'string' && body.startsWith('<')
				? 'text/html'
				: 'application/json; charset=utf-8';
		response.writeHead(status, {
			'Content-Type': type,
			'Content-Length': Buffer.byteLength(text),
			...headers,
		});
		response.end(text);
	}

	function pickFault(path) {
		if (config.faultRate <= 0 || config.faults.length === 0) return undefined;
		if (config.faultPaths && !config.faultPaths.test(path)) return undefined;
		if (random() >= config.faultRate) return undefined;
		return config.faults[Math.floor(random() * config.faults.length)];
	}

	async function control(request, response, path, body) {
		if (request.method === 'GET' && path === '/__sim/state')
			return send(response, 200, model.snapshot());
		if (request.method === 'GET' && path === '/__sim/requests') return send(response, 200, counts);
		if (request.method === 'POST' && path === '/__sim/consignments') {
			const references = model.addConsignments(Math.max(0, Number(body?.count ?? 1)), body ?? {});
			return send(response, 200, { references });
		}
		if (request.method === 'POST' && path === '/__sim/config') {
			if (body?.latencyMs !== undefined) config.latencyMs = Number(body.latencyMs);
			if (body?.perConsignmentMs !== undefined)
				config.perConsignmentMs = Number(body.perConsignmentMs);
			if (body?.rateLimit !== undefined) config.rateLimit = Number(body.rateLimit);
			if (body?.rateWindow !== undefined || body?.rateWindowOffsetMs !== undefined) {
				if (body.rateWindow !== undefined)
					config.rateWindow = body.rateWindow === 'sliding' ? 'sliding' : 'fixed';
				if (body.rateWindowOffsetMs !== undefined)
					config.rateWindowOffsetMs = Number(body.rateWindowOffsetMs) || 0;
				overLimit = rateLimiter({ window: config.rateWindow, offsetMs: config.rateWindowOffsetMs });
			}
			if (body?.random429 !== undefined) config.random429 = Number(body.random429) || 0;
			if (RANDOM_429_TIMINGS.includes(body?.random429Timing))
				config.random429Timing = body.random429Timing;
			if (body?.faultRate !== undefined) config.faultRate = Number(body.faultRate);
			if (Array.isArray(body?.faults))
				config.faults = body.faults.filter((kind) => FAULT_KINDS.includes(kind));
			if (body?.faultPaths !== undefined)
				config.faultPaths = body.faultPaths ? new RegExp(body.faultPaths) : null;
			if (body?.faultSeed !== undefined) {
				random = seededRandom(Number(body.faultSeed));
				random429s = seededRandom(random429Seed(Number(body.faultSeed)));
			}
			if (body?.accept202 !== undefined)
				config.accept202 = body.accept202 ? new RegExp(body.accept202) : null;
			if (body?.accept202DelayMs !== undefined)
				config.accept202DelayMs = Math.max(0, Number(body.accept202DelayMs) || 0);
			if (EVENTS_API.includes(body?.eventsApi)) model.eventsApi = body.eventsApi;
			return send(response, 200, {
				...config,
				eventsApi: model.eventsApi,
				faultPaths: config.faultPaths?.source ?? null,
				accept202: config.accept202?.source ?? null,
				apiKey: undefined,
			});
		}
		if (request.method === 'POST' && path === '/__sim/advance') {
			const outcome = model.advance(body?.references, body?.state, body?.at);
			return send(response, outcome.status, outcome.body);
		}
		if (request.method === 'POST' && path === '/__sim/reset') {
			model.reset(Number(body?.consignments ?? 300));
			counts.answered = 0;
			counts.unauthorized = 0;
			counts.rateLimited = 0;
			counts.random429 = 0;
			counts.faults = {};
			counts.routes = {};
			return send(response, 200, { ok: true });
		}
		return send(response, 404, { message: `No simulator control ${request.method} ${path}` });
	}

	async function handle(request, response) {
		const url = new URL(request.url ?? '/', 'http://simulator');
		const path = url.pathname;
		const parsed = parseJson(await readBody(request));
		if (path.startsWith('/__sim/')) return control(request, response, path, parsed.value);

		const key = request.headers['ocp-apim-subscription-key'];
		if (key !== config.apiKey) {
			counts.unauthorized += 1;
			return send(response, 401, {
				statusCode: 401,
				message:
					'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
			});
		}
		const wait = overLimit(key, config.rateLimit);
		if (wait !== undefined) {
			counts.rateLimited += 1;
			return send(
				response,
				429,
				{ statusCode: 429, message: `Rate limit is exceeded. Try again in ${wait} seconds.` },
				{ 'Retry-After': String(wait) },
			);
		}

		// Drawn before a random 429 is, so that random 429s do not move which requests meet a
		// fault. A request refused at random has passed the rate limit and counts against it.
		const fault = pickFault(path);
		const randomlyLimited = config.random429 > 0 && random429s() < config.random429;
		const limitedAtRandom = () => {
			counts.random429 += 1;
			return send(
				response,
				429,
				{ statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' },
				{ 'Retry-After': '1' },
			);
		};
		if (randomlyLimited && config.random429Timing === 'instant') return limitedAtRandom();

		const cost = requestCostMs(config, parsed.value);
		if (cost > 0) await new Promise((resolve) => setTimeout(resolve, cost));
		if (randomlyLimited) return limitedAtRandom();

		if (fault) counts.faults[fault] = (counts.faults[fault] ?? 0) + 1;
		if (fault === '429')
			return send(
				response,
				429,
				{ statusCode: 429, message: 'Rate limit is exceeded. Try again in 1 seconds.' },
				{ 'Retry-After': '1' },
			);
		if (fault === '503')
			return send(response, 503, '<html><body><h1>503 Service Unavailable</h1></body></html>');
		if (fault === 'reset') return request.socket.destroy();
		if (fault === 'stall') {
			// Never answer; the socket is closed later so the server can still shut down.
			const timer = setTimeout(() => request.socket.destroy(), config.stallMs);
			stalled.add(timer);
			return undefined;
		}

		if (!parsed.ok)
			return send(
				response,
				400,
				model.error(400, 'InvalidJson', 'The request body is not valid JSON').body,
			);
		let segments;
		let route;
		for (const candidate of ROUTES) {
			const match = candidate[0] === request.method ? candidate[1].exec(path) : null;
			if (match) {
				route = candidate;
				segments = match
					.slice(1)
					.map((segment) => (segment === undefined ? undefined : decodeURIComponent(segment)));
				break;
			}
		}
		if (!route)
			return send(
				response,
				404,
				model.error(404, 'NotFound', `No endpoint ${request.method} ${path}`).body,
			);

		const query = Object.fromEntries(url.searchParams);
		const run = () => route[2](model, segments, parsed.value, query);
		let outcome;
		if (route[3] === ACCEPTABLE && config.accept202?.test(path)) {
			// Accepted: the work is done later; a call refused outright keeps its error.
			outcome = model.deferring(config.accept202DelayMs, run);
			if (outcome.status < 300) outcome = { status: 202, body: '' };
		} else {
			outcome = run();
		}
		// "Succeed, then drop the response": SortedPRO acted, the client never hears of it.
		if (fault === 'drop') return request.socket.destroy();
		counts.answered += 1;
		const kind = `${request.method} /${path.split('/')[1] ?? ''}`;
		counts.routes[kind] = (counts.routes[kind] ?? 0) + 1;
		return send(response, outcome.status, outcome.body ?? '');
	}

	const server = http.createServer((request, response) => {
		handle(request, response).catch((error) =>
			send(response, 500, { Code: 'SimulatorError', Message: String(error?.message ?? error) }),
		);
	});

	return {
		server,
		model,
		config,
		/** What was answered: the same as GET /__sim/requests. */
		counts,
		/** @returns {Promise<string>} the base URL */
		listen(port = 4010) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => {
					const address = server.address();
					const baseUrl = `http://127.0.0.1:${address.port}`;
					model.baseUrl = baseUrl;
					resolve(baseUrl);
				});
			});
		},
		close() {
			for (const timer of stalled) clearTimeout(timer);
			model.cancelPending();
			server.closeAllConnections?.();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

function argValue(args, name, fallback) {
	const index = args.indexOf(`--${name}`);
	return index >= 0 && index + 1 < args.length ? args[index + 1] : fallback;
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const simulator = createSimulator({
		apiKey: argValue(args, 'api-key', process.env.SORTEDPRO_SIM_API_KEY ?? DEFAULT_API_KEY),
		consignments: Number(argValue(args, 'consignments', '300')),
		latencyMs: Number(argValue(args, 'latency-ms', '0')),
		perConsignmentMs: Number(argValue(args, 'per-consignment-ms', '0')),
		rateLimit: Number(argValue(args, 'rate-limit', '0')),
		rateWindow: argValue(args, 'rate-window', 'fixed'),
		rateWindowOffsetMs: Number(argValue(args, 'rate-window-offset-ms', '0')),
		random429: Number(argValue(args, 'random-429', '0')),
		random429Timing: argValue(args, 'random-429-timing', 'instant'),
		eventsApi: argValue(args, 'events-api', 'sdk'),
		faultRate: Number(argValue(args, 'fault-rate', '0')),
		faults: argValue(args, 'faults', FAULT_KINDS.join(',')).split(','),
		faultSeed: Number(argValue(args, 'fault-seed', '1')),
		accept202: argValue(args, 'accept-202', undefined),
		accept202DelayMs: Number(argValue(args, 'accept-202-delay-ms', '0')),
	});
	simulator.listen(Number(argValue(args, 'port', '4010'))).then((baseUrl) => {
		console.log(
			`SortedPRO simulator listening on ${baseUrl} (API key: ${simulator.config.apiKey}, ${simulator.model.consignments.size} unallocated consignments)`,
		);
	});
	const stop = () => simulator.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

module.exports = { createSimulator, DEFAULT_API_KEY, FAULT_KINDS, rateLimiter, requestCostMs };
