'use strict';
/**
 * The SortedPRO package inside the real n8n: installed as a community package, its
 * credential imported and stored by n8n, workflows executed by n8n (`n8n execute`) and
 * the editor driven in headless Chromium, all against the SortedPRO simulator.
 *
 * Screenshots go to e2e/screenshots/ (ignored by git). The README's picture is refreshed
 * only on purpose: `npm run docs:screenshot` sets UPDATE_README_IMAGE=1.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const { credential, prepareInstance } = require('../scripts/lib/instance');
const {
	OWNER,
	ROOT,
	ensureOwner,
	executeWorkflow,
	n8nCommand,
	startN8nServer,
} = require('../scripts/lib/n8n');
const { DEFAULT_API_KEY, createSimulator } = require('../simulator/server');
const { startFakeChatModel } = require('./fakeChatModel');

const N8N_PORT = Number(process.env.E2E_N8N_PORT ?? 5691);
const WRONG_KEY = 'e2e-wrong-key-7d2f41c9';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, 'screenshots');
const README_IMAGE = path.join(ROOT, 'docs', 'sortedpro-node.png');

let userFolder;
let simulator;
let workflows;
let chatModel;

const workflowId = (fileName) => {
	const found = workflows.find((workflow) => path.basename(workflow.file) === fileName);
	if (!found) throw new Error(`workflow ${fileName} was not imported`);
	return found.id;
};

const outputOf = (run, node) => run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? [];

/** `n8n execute` of an imported workflow, by its file name. */
const runImported = (fileName) => executeWorkflow(userFolder, N8N_PORT, workflowId(fileName));

/** The simulator's consignment created with this Your Reference (an order number). */
const byYourReference = (reference) =>
	[...simulator.model.consignments.values()].find(
		(consignment) => consignment.ConsignmentReferenceProvidedByCustomer === reference,
	);

beforeAll(async () => {
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'sortedpro-e2e-'));
	simulator = createSimulator({ apiKey: DEFAULT_API_KEY, consignments: 50 });
	const simulatorUrl = await simulator.listen(0);
	chatModel = await startFakeChatModel();
	const workflowDir = path.join(__dirname, 'workflows');
	({ workflows } = await prepareInstance(userFolder, N8N_PORT, simulatorUrl, {
		workflowFiles: fs.readdirSync(workflowDir).map((file) => path.join(workflowDir, file)),
		credentials: [
			credential('sortedpro-wrong-key', 'SortedPRO with a wrong key', WRONG_KEY, simulatorUrl),
			// The AI agent example's model credential, pointed at the stand-in model.
			{
				id: 'openai-credential',
				name: 'OpenAI',
				type: 'openAiApi',
				data: { apiKey: 'e2e-model-key', url: chatModel.url },
			},
		],
	}));
});

afterAll(async () => {
	await simulator?.close();
	await chatModel?.close();
	if (userFolder && !process.env.E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
});

describe('workflows executed by n8n', () => {
	test('the example creates, allocates and labels each order in one call per parcel; a failed allocation goes to the failure branch', async () => {
		const labelRequests = () => simulator.counts.routes['GET /labels'] ?? 0;
		const labelsBefore = labelRequests();
		const { run } = await runImported('order-to-label.json');

		expect(run.data.resultData.error).toBeUndefined();
		const allocated = outputOf(run, 'Allocate and get label');
		const failed = run.data.resultData.runData['Allocate and get label'][0].data.main[1];
		expect(allocated).toHaveLength(2);
		for (const [index, item] of allocated.entries()) {
			const reference = String(item.json.ConsignmentReference);
			expect(item.pairedItem).toEqual({ item: index });
			expect(simulator.model.consignments.get(reference)).toMatchObject({
				State: 'Allocated',
				AllocationCount: 1,
				LabelsPrinted: true,
			});
			// The label came with the allocation: a file on the item.
			expect(item.json.Label).toEqual({
				ContentType: 'application/pdf',
				fileName: `${reference}.pdf`,
			});
			expect(item.binary?.data.mimeType).toBe('application/pdf');
		}
		// No separate label request: one call per parcel.
		expect(labelRequests()).toBe(labelsBefore);
		// Both orders weigh under 2 kg to GB: Next Day Economy is the cheapest eligible service.
		expect(allocated.map((item) => item.json.CarrierServiceReference)).toEqual([
			'CY_NDE',
			'CY_NDE',
		]);

		// ORDER-1003 (45 kg) cannot be allocated: it reaches the failure branch, with no label.
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({
			ConsignmentReference: expect.stringMatching(/^EC-SIM-/),
		});
		expect(failed[0].json.error).toContain(
			'No carrier service in service group NEXTDAY is eligible',
		);
		expect(failed[0].binary).toBeUndefined();
		expect(outputOf(run, 'Allocation failed (alert the warehouse)')).toHaveLength(1);
	});

	test('the same import run again creates nothing twice and allocates nothing twice', async () => {
		const before = simulator.model.consignments.size;

		const { run } = await runImported('order-to-label.json');

		expect(run.data.resultData.error).toBeUndefined();
		expect(simulator.model.consignments.size).toBe(before);
		expect(outputOf(run, 'Create consignment').map((item) => item.json.existing)).toEqual([
			true,
			true,
			true,
		]);
		const allocated = outputOf(run, 'Allocate and get label');
		expect(allocated.map((item) => item.json.alreadyAllocated)).toEqual([true, true]);
		// Already allocated, they still carry their labels (Label > Get's request).
		expect(allocated.map((item) => item.binary?.data.fileName)).toEqual(
			allocated.map((item) => `${item.json.ConsignmentReference}.pdf`),
		);
		for (const item of allocated) {
			expect(simulator.model.consignments.get(item.json.ConsignmentReference)).toMatchObject({
				AllocationCount: 1,
			});
		}
		expect(run.data.resultData.runData['Allocate and get label'][0].data.main[1]).toHaveLength(1);
	});

	test('the AI agent example answers "where is order ORDER-1001?" through Get By Your Reference and Tracking, told what each tool does', async () => {
		// ORDER-1001 comes from the first example (the first test, unless filtered out).
		if (!byYourReference('ORDER-1001')) await runImported('order-to-label.json');
		const asked = chatModel.requests.length;
		const { run } = await runImported('ai-agent-where-is-my-order.json');

		expect(run.data.resultData.error).toBeUndefined();
		const order = byYourReference('ORDER-1001');
		expect(order?.Reference).toMatch(/^EC-SIM-/);
		const latest = simulator.model.trackingEvents(order).at(-1)?.Description;
		expect(latest).toBeTruthy();
		// The agent's answer is built from what the two SortedPRO tools returned.
		expect(outputOf(run, 'Shipping assistant')[0]?.json.output).toBe(
			`Order ORDER-1001 is consignment ${order.Reference}, now Allocated. Latest tracking event: ${latest}.`,
		);
		// n8n ran each tool once, with the value the model chose.
		const toolRun = (node) => run.data.resultData.runData[node];
		expect(toolRun('Find consignment by order number')).toHaveLength(1);
		expect(toolRun('Get tracking events')).toHaveLength(1);

		// The model was told what each tool does, needs and changes: the node's own descriptions.
		const calls = chatModel.requests.slice(asked);
		expect(calls).toHaveLength(3);
		const tools = Object.fromEntries(
			calls[0].body.tools.map((tool) => [tool.function.name, tool.function.description]),
		);
		expect(Object.values(tools).sort()).toEqual([
			'Find the consignment created with your own reference, such as an order number. Needs: Your Reference. Only reads: it changes nothing in SortedPRO.',
			'Get the tracking events of a consignment. Needs: Consignment Reference. Only reads: it changes nothing in SortedPRO.',
		]);
		// The SortedPRO key went to SortedPRO only: not to the model, not in its conversation.
		expect(JSON.stringify(calls)).not.toContain(DEFAULT_API_KEY);
	});

	test('with On Error: Continue, failed items come out paired to their input and the rest are allocated', async () => {
		const { run } = await runImported('continue-on-fail.json');

		expect(run.data.resultData.error).toBeUndefined();
		const output = outputOf(run, 'SortedPRO');
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[0].json).toMatchObject({
			ConsignmentReference: 'EC-SIM-000001',
			CarrierServiceReference: 'CY_NDE',
		});
		expect(output[1].json).toMatchObject({
			consignmentReference: 'EC-DOES-NOT-EXIST',
			httpStatus: 404,
		});
		expect(String(output[1].json.error)).toContain(
			'SortedPRO could not find consignment EC-DOES-NOT-EXIST',
		);
		expect(output[2].json).toMatchObject({
			consignmentReference: 'EC-SIM-000010',
			httpStatus: 400,
		});
		expect(output[3].json).toMatchObject({ ConsignmentReference: 'EC-SIM-000002' });
		expect(simulator.model.consignments.get('EC-SIM-000010')?.State).toBe('AllocationFailed');
		expect(simulator.model.consignments.get('EC-SIM-000002')?.State).toBe('Allocated');
	});

	test('a wrong API key stops the run with the readable error', async () => {
		const { run } = await runImported('wrong-key.json');

		expect(run.data.resultData.error?.message).toBe(
			'Could not allocate consignment EC-SIM-000003 with service group NEXTDAY: SortedPRO rejected the API key (Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.) (HTTP 401)',
		);
		expect(simulator.model.consignments.get('EC-SIM-000003')?.State).toBe('Unallocated');
	});

	// These two allocate and manifest simulator consignments that the tests above use.
	test('quotes: each consignment is allocated with its cheapest quote', async () => {
		const { run } = await runImported('cheapest-quote.json');

		expect(run.data.resultData.error).toBeUndefined();
		const quotes = outputOf(run, 'Get quotes');
		const allocated = outputOf(run, 'Allocate with quote');
		expect(allocated).toHaveLength(2);
		for (const item of allocated) {
			const reference = item.json.ConsignmentReference;
			const prices = quotes
				.filter((quote) => quote.json.ConsignmentReference === reference)
				.map((quote) => quote.json.GrossPrice);
			const cheapest = quotes.find((quote) => quote.json.ConsignmentReference === reference);
			expect(cheapest.json.GrossPrice).toBe(Math.min(...prices));
			expect(item.json.CarrierServiceReference).toBe(cheapest.json.CarrierServiceReference);
			expect(simulator.model.consignments.get(reference)).toMatchObject({
				State: 'Allocated',
				AllocationCount: 1,
			});
		}
	});

	test('end of day: what is left is allocated in batches, one query manifests the allocated, the collection sheets come as PDFs', async () => {
		const allocatedBefore = [...simulator.model.consignments.values()].filter(
			(consignment) => consignment.State === 'Allocated',
		).length;
		const manifestsBefore = simulator.model.manifests.length;
		const queriesBefore = simulator.model.manifestQueries;
		const { run } = await runImported('end-of-day-manifest.json');

		expect(run.data.resultData.error).toBeUndefined();
		const allocated = outputOf(run, 'Allocate in batches');
		const setAside = outputOf(run, 'Could not allocate (check tomorrow)');
		expect(allocated.length).toBeGreaterThan(0);
		expect(allocated.length + setAside.length).toBe(
			outputOf(run, 'Unallocated consignments').length,
		);
		// One query for the whole run (Execute Once), not one per allocated item.
		expect(simulator.model.manifestQueries - queriesBefore).toBe(1);
		const [query] = outputOf(run, "Manifest the warehouse's allocated consignments");
		expect(query.json).toMatchObject({
			ConsignmentsFound: allocatedBefore + allocated.length,
			ConsignmentsQueued: allocatedBefore + allocated.length,
			ConsignmentsFailed: 0,
			FailedConsignments: [],
		});
		for (const item of allocated) {
			expect(simulator.model.consignments.get(item.json.ConsignmentReference)).toMatchObject({
				State: 'Manifested',
				AllocationCount: 1,
			});
		}
		for (const item of setAside) {
			expect(simulator.model.consignments.get(item.json.ConsignmentReference).State).toBe(
				'AllocationFailed',
			);
		}
		// The collection sheets of this run: one per carrier, each a PDF.
		const sheets = outputOf(run, 'Collection sheet (PDF)');
		const made = simulator.model.manifests.slice(
			0,
			simulator.model.manifests.length - manifestsBefore,
		);
		expect(made.length).toBeGreaterThan(0);
		expect(sheets.map((item) => item.json.ManifestReference).sort()).toEqual(
			made.map((manifest) => manifest.ManifestReference).sort(),
		);
		expect(made.reduce((sum, manifest) => sum + manifest.BookingsCount, 0)).toBe(
			allocatedBefore + allocated.length,
		);
		for (const item of sheets) {
			expect(item.json).toMatchObject({ ContentType: 'application/pdf' });
			expect(item.binary.data).toMatchObject({
				mimeType: 'application/pdf',
				fileName: `${item.json.ManifestReference}.pdf`,
			});
		}
	});

	test("no API key appears anywhere in n8n's stored data, executions included", () => {
		const dataDir = path.join(userFolder, '.n8n');
		const files = fs.readdirSync(dataDir).filter((file) => file.startsWith('database.sqlite'));
		const stored = Buffer.concat(files.map((file) => fs.readFileSync(path.join(dataDir, file))));
		// The scan does see the executions: their consignment references are stored.
		expect(stored.includes('EC-SIM-000001')).toBe(true);
		expect(stored.includes('Could not allocate consignment EC-SIM-000003')).toBe(true);
		expect(stored.includes(DEFAULT_API_KEY)).toBe(false);
		expect(stored.includes(WRONG_KEY)).toBe(false);
	});
});

describe('the running n8n: a live webhook, and the editor in headless Chromium', () => {
	const browserAvailable = fs.existsSync(CHROMIUM);
	let eventReadsBeforeStart = 0;
	let n8n;
	let browser;
	let page;
	const editor = `http://localhost:${N8N_PORT}`;

	const screenshot = async (name) => {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		const file = path.join(SCREENSHOTS, name);
		await page.screenshot({ path: file });
		return file;
	};

	beforeAll(async () => {
		// Published workflows are active when n8n starts: the webhook example listens, and the
		// trigger example polls every minute.
		for (const file of [
			'webhook-orders-to-labels.json',
			'allocation-failed-alert.json',
			'entered-allocated.json',
		]) {
			await n8nCommand(userFolder, N8N_PORT, ['publish:workflow', `--id=${workflowId(file)}`]);
		}
		eventReadsBeforeStart = simulator.model.eventReads;
		n8n = await startN8nServer(userFolder, N8N_PORT);
		await ensureOwner(N8N_PORT);
		if (!browserAvailable) return;
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
			],
		});
		page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await page.goto(`${editor}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('button:has-text("Sign in")');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
	});

	test('orders posted to the webhook become allocated consignments; the one that cannot be allocated fails', async () => {
		const order = (orderNumber, weightKg) => ({
			orderNumber,
			name: 'Robin Webb',
			street: '9 Quay Street',
			town: 'Bristol',
			postcode: 'BS1 4DJ',
			country: 'GB',
			weightKg,
		});
		// n8n reports ready before it has registered the published workflows' webhooks: until then
		// it answers 404 and runs nothing, so the order is posted again, for up to a minute.
		const post = () =>
			fetch(`http://127.0.0.1:${N8N_PORT}/webhook/sortedpro-orders`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({
					orders: [order('WEB-1', 1), order('WEB-2', 0.5), order('WEB-3', 45)],
				}),
			});
		let response = await post();
		for (let waited = 0; response.status === 404 && waited < 60_000; waited += 1000) {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			response = await post();
		}
		expect(response.status).toBe(200);

		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline && byYourReference('WEB-3')?.State !== 'AllocationFailed') {
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		expect(byYourReference('WEB-1')).toMatchObject({ State: 'Allocated', AllocationCount: 1 });
		expect(byYourReference('WEB-2')).toMatchObject({ State: 'Allocated', AllocationCount: 1 });
		expect(byYourReference('WEB-3')).toMatchObject({
			State: 'AllocationFailed',
			AllocationCount: 0,
		});
	});

	test("the triggers read SortedPRO's events: a consignment that entered a state and left it between two polls starts exactly one execution", async () => {
		const waitFor = async (what, check, timeoutMs) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const value = await check();
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
				await new Promise((resolve) => setTimeout(resolve, 1000));
			}
		};
		// The first polls (within a minute of n8n's start) note where reading starts. Both
		// triggers read events (Detection Auto and Events): nothing is searched.
		await waitFor(
			'the first polls',
			() => simulator.model.eventReads >= eventReadsBeforeStart + 2,
			150_000,
		);
		const searchesBefore = simulator.model.searches;
		const failed = ['EC-SIM-000031', 'EC-SIM-000032'];
		simulator.model.advance(failed, 'Allocation Failed');
		// Allocated and at once Manifested: in Allocated for no poll to see.
		const passedThrough = 'EC-SIM-000033';
		simulator.model.advance([passedThrough], 'Allocated');
		simulator.model.advance([passedThrough], 'Manifested');

		// Read the triggers' executions through n8n's REST API, as the editor does.
		const login = await fetch(`${editor}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		const rest = async (route) =>
			(await (await fetch(`${editor}/rest${route}`, { headers: { cookie } })).json()).data;
		const { parse } = require(path.join(ROOT, 'n8n-app', 'node_modules', 'flatted'));
		const emitted = async (file, triggerNode) => {
			const filter = encodeURIComponent(JSON.stringify({ workflowId: workflowId(file) }));
			const { results } = await rest(`/executions?filter=${filter}`);
			const references = [];
			for (const execution of results ?? []) {
				const details = await rest(`/executions/${execution.id}`);
				const run = parse(details.data);
				for (const item of run.resultData.runData[triggerNode]?.[0]?.data?.main?.[0] ?? [])
					references.push(item.json);
			}
			return references;
		};
		const alerts = () => emitted('allocation-failed-alert.json', 'Allocation failed');
		const allocated = () => emitted('entered-allocated.json', 'Entered Allocated');
		// A state change is reported by the first poll whose window (ending 30 s before the poll)
		// covers it: within a minute and a half.
		await waitFor(
			'executions with the changed consignments',
			async () => {
				const found = (await alerts()).map((item) => item.ConsignmentReference);
				const passed = (await allocated()).map((item) => item.ConsignmentReference);
				return failed.every((reference) => found.includes(reference)) &&
					passed.includes(passedThrough)
					? true
					: undefined;
			},
			150_000,
		);
		// One more poll of each: nothing is reported again.
		const reads = simulator.model.eventReads;
		await waitFor('another poll', () => simulator.model.eventReads >= reads + 2, 90_000);

		// Each once (the webhook test's orders, allocated or failed around the first polls, may be
		// reported too, each once).
		const found = await alerts();
		const foundReferences = found.map((item) => item.ConsignmentReference);
		expect(foundReferences.filter((reference) => failed.includes(reference)).sort()).toEqual(
			failed,
		);
		expect(new Set(foundReferences).size).toBe(foundReferences.length);
		expect(found.find((item) => item.ConsignmentReference === failed[0])).toMatchObject({
			EnteredState: 'Allocation Failed',
			Detection: 'Events',
		});
		const passed = await allocated();
		const passedReferences = passed.map((item) => item.ConsignmentReference);
		expect(passedReferences.filter((reference) => reference === passedThrough)).toHaveLength(1);
		expect(new Set(passedReferences).size).toBe(passedReferences.length);
		expect(passed.find((item) => item.ConsignmentReference === passedThrough)).toMatchObject({
			EnteredState: 'Allocated',
			ConsignmentState: 'Manifested',
			Detection: 'Events',
		});
		// Events, not snapshots: the triggers did not search.
		expect(simulator.model.searches).toBe(searchesBefore);
	});

	const browserTest = browserAvailable ? test : test.skip;

	browserTest(
		'the canvas names the operation in words; the node shows Allocate With Service Group and its parameters',
		async () => {
			await page.goto(`${editor}/workflow/${workflowId('order-to-label.json')}`);
			const canvasNode = page
				.locator('[data-test-id="canvas-node"]')
				.filter({ hasText: 'Allocate and get label' });
			await canvasNode.waitFor();
			expect(await canvasNode.innerText()).toContain('Allocate With Service Group: Allocation');

			await canvasNode.dblclick();
			const panel = page.locator('[data-test-id="ndv"]');
			const parameter = (name) => panel.locator(`[data-test-id="parameter-input-${name}"]`);
			await parameter('serviceGroup').waitFor();
			// Drop-downs show their value in an input; labels are text.
			expect(await parameter('resource').locator('input').first().inputValue()).toBe('Allocation');
			expect(await parameter('operation').locator('input').first().inputValue()).toBe(
				'Allocate With Service Group',
			);
			await panel.getByText('Consignment Reference', { exact: true }).waitFor();
			await panel.getByText('Carrier Service Group', { exact: true }).waitFor();
			expect(await parameter('consignmentReference').innerText()).toContain(
				'{{ $json.ConsignmentReference }}',
			);
			expect(await parameter('serviceGroup').locator('input').last().inputValue()).toBe('NEXTDAY');
			const inputValues = await panel
				.locator('input')
				.evaluateAll((inputs) => inputs.map((input) => input.value));
			expect(inputValues).toContain('SortedPRO simulator');
			const image = await screenshot('sortedpro-node.png');
			if (process.env.UPDATE_README_IMAGE === '1') {
				fs.mkdirSync(path.dirname(README_IMAGE), { recursive: true });
				fs.copyFileSync(image, README_IMAGE);
			}
		},
	);

	browserTest('the nodes panel finds the node when searching for "shipping"', async () => {
		await page.goto(`${editor}/workflow/new`);
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click({ force: true });
		const search = page.locator('input[data-test-id="node-creator-search-bar"]');
		await search.waitFor();
		await search.fill('shipping');
		const found = page
			.locator('[data-test-id="node-creator"]')
			.getByText('SortedPRO', { exact: true });
		await found.first().waitFor();
		await screenshot('nodes-panel-shipping.png');
		expect(await found.count()).toBeGreaterThan(0);
	});

	browserTest("the trigger's events appear in the nodes panel next to the actions", async () => {
		await page.goto(`${editor}/workflow/new`);
		await page.locator('[data-test-id="node-creator-plus-button"]').first().click({ force: true });
		await page.locator('input[data-test-id="node-creator-search-bar"]').fill('sortedpro');
		const panel = page.locator('[data-test-id="node-creator"]');
		// n8n shows a package's trigger and actions under one entry.
		await panel.getByText('SortedPRO', { exact: true }).first().click();
		await panel.getByText('When a consignment enters a state').first().waitFor();
		await screenshot('nodes-panel-trigger.png');
		const text = await panel.innerText();
		// n8n lists each of the trigger's Events as a trigger of its own.
		expect(text).toContain('Triggers (4)');
		for (const event of [
			'When a consignment is created',
			'When a consignment enters a state',
			'When a consignment is updated',
			'When labels are printed',
		])
			expect(text).toContain(event);
		expect(text).toMatch(/Actions \(\d+\)/);
	});

	browserTest(
		'a search for "allocate" shows the package as what it does, not as a trigger',
		async () => {
			await page.goto(`${editor}/workflow/new`);
			await page
				.locator('[data-test-id="node-creator-plus-button"]')
				.first()
				.click({ force: true });
			await page.locator('input[data-test-id="node-creator-search-bar"]').fill('allocate');
			const panel = page.locator('[data-test-id="node-creator"]');
			// n8n shows one entry for the package's two nodes, with one description.
			await panel
				.getByText('Allocate, label, manifest and track SortedPRO consignments', { exact: false })
				.first()
				.waitFor();
			await screenshot('nodes-panel-allocate.png');
			expect(await panel.innerText()).not.toContain('Starts the workflow when');
		},
	);

	/**
	 * Three consignments for the editor's runs, found by your reference: one to allocate, one
	 * allocated already, one abroad that no next-day service takes.
	 */
	let editorConsignments;
	const prepareEditorConsignments = async () => {
		if (editorConsignments) return;
		const [fresh, allocated] = simulator.model.addConsignments(2, { country: 'GB', weightKg: 1.5 });
		const [abroad] = simulator.model.addConsignments(1, { country: 'DE', weightKg: 1.5 });
		for (const [reference, yours] of [
			[fresh, 'E2E-FRESH'],
			[allocated, 'E2E-ALLOCATED'],
			[abroad, 'E2E-ABROAD'],
		])
			simulator.model.consignments.get(reference).ConsignmentReferenceProvidedByCustomer = yours;
		const response = await fetch(
			`${simulator.model.baseUrl}/allocation/${allocated}/allocatewithservicegroup/NEXTDAY`,
			{ method: 'PUT', headers: { 'ocp-apim-subscription-key': DEFAULT_API_KEY } },
		);
		expect(response.status).toBe(200);
		editorConsignments = { fresh, allocated, abroad };
	};

	/** Opens a workflow, runs it from the editor and opens the named node's output. */
	const runInEditor = async (fileName, nodeName) => {
		await page.goto(`${editor}/workflow/${workflowId(fileName)}`);
		const canvasNode = page.locator('[data-test-id="canvas-node"]').filter({ hasText: nodeName });
		await canvasNode.first().waitFor();
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		// The last node has run when n8n marks it as succeeded, or as failed (n8n shows an
		// execution error as the node's issues).
		await page.waitForFunction(
			(name) =>
				[...document.querySelectorAll('[data-test-id="canvas-node"]')].some(
					(node) =>
						node.textContent?.includes(name) &&
						node.querySelector(
							'[data-test-id="canvas-node-status-success"], [data-test-id="node-issues"]',
						),
				),
			nodeName,
			{ timeout: 60_000 },
		);
		await canvasNode.first().dblclick();
		return page.locator('[data-test-id="ndv"]');
	};

	browserTest(
		'a mixed run in the editor: the run summary above the output, and allocations simplified',
		async () => {
			await prepareEditorConsignments();
			const panel = await runInEditor('editor-run-summary.json', 'Allocate');
			const output = panel.locator('[data-test-id="output-panel"]');
			await output
				.getByText('3 items: 1 allocated, 1 already allocated, 1 failed', { exact: false })
				.first()
				.waitFor();
			await screenshot('run-summary.png');
			const text = await output.innerText();
			// Simplified: the carrier service is there, SortedPRO's links and status code are not.
			expect(text).toContain('CarrierServiceName');
			expect(text).toContain(editorConsignments.fresh);
			expect(text).not.toContain('ApiLinks');
			expect(text).not.toContain('StatusCode');
		},
	);

	browserTest(
		"a failed allocation's error shows the fix, SortedPRO's details and its code on lines of their own",
		async () => {
			await prepareEditorConsignments();
			const panel = await runInEditor('editor-error.json', 'Allocate');
			const description = panel.locator('.node-error-view__header-description').first();
			await description.waitFor();
			await screenshot('error-description.png');
			const lines = (await description.innerText())
				.split('\n')
				.map((line) => line.trim())
				.filter(Boolean);
			expect(lines[0]).toMatch(/^No carrier service this allocation may use accepts/);
			expect(lines).toContain('SortedPRO error code: NoEligibleCarrierService');
			expect(lines.length).toBeGreaterThanOrEqual(3);
		},
	);

	const answered = async () =>
		(await (await fetch(`${simulator.model.baseUrl}/__sim/requests`)).json()).answered;

	const openCredential = async (name) => {
		await page.goto(`${editor}/home/credentials`);
		await page.getByText(name, { exact: true }).first().click();
		return page.locator('[data-test-id="editCredential-modal"]');
	};

	browserTest("the credential's Test passes against the simulator", async () => {
		const before = await answered();
		const modal = await openCredential('SortedPRO simulator');
		await modal.getByText('Connection tested successfully').waitFor();
		await modal.getByRole('button', { name: 'Retry' }).click();
		await modal.getByText('Connection tested successfully').waitFor();
		expect(await answered()).toBeGreaterThan(before);
	});

	browserTest("a wrong key's Test says in words that SortedPRO rejected the key", async () => {
		const modal = await openCredential('SortedPRO with a wrong key');
		// n8n tests a credential when it opens; its message is behind "More details".
		await modal.getByText('More details').click();
		await modal.getByText('SortedPRO rejected the API key', { exact: false }).first().waitFor();
		await screenshot('credential-wrong-key.png');
		const text = await modal.innerText();
		expect(text).toContain(
			'SortedPRO rejected the API key (HTTP 401). Check the API key in the "SortedPRO API" credential',
		);
		expect(text).not.toContain(WRONG_KEY);
	});
});
