/** Manifest > Get Customer Manifests and Get Customer Manifest. */
import nock from 'nock';

import { smallPdf, smallPng } from '../../../simulator/files';
import { operationWorkflow, runWorkflow } from '../../helpers/engine';
import { sortedPro } from '../../helpers/sortedPro';
import { MANIFEST_REF, customerManifest } from '../../fixtures/documented';

const continueOnFail = { onError: 'continueRegularOutput' as const };
const LIST = '/consignments/customer/manifests';

describe('Manifest > Get Customer Manifests', () => {
	afterEach(() => nock.cleanAll());

	test('one item per manifest up to the limit, each paired to the item that asked', async () => {
		const api = sortedPro()
			.get(LIST)
			.query({ shippingLocationReference: 'EDC5-SL1' })
			.reply(200, [customerManifest('a1'), customerManifest('a2'), customerManifest('a3')])
			.get(LIST)
			.reply(200, [customerManifest('b1', 'OTHER')]);

		const { output } = await runWorkflow(
			operationWorkflow('manifest', 'getCustomerManifests', {
				limit: 2,
				filters: { shippingLocationReference: '={{ $json.location ?? "" }}' },
			}),
			[{ location: 'EDC5-SL1' }, {}],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.map((item) => [item.json.ManifestReference, item.pairedItem])).toEqual([
			['a1', { item: 0 }],
			['a2', { item: 0 }],
			['b1', { item: 1 }],
		]);
	});

	test('a manifest of another shipping location, or an unreadable answer, is an error', async () => {
		const api = sortedPro()
			.get(LIST)
			.query({ shippingLocationReference: 'EDC5-SL1' })
			.reply(200, [customerManifest('a1'), customerManifest('x9', 'ELSEWHERE')])
			.get(LIST)
			.query({ shippingLocationReference: 'EDC5-SL1' })
			.reply(200, [{ ManifestFileName: 'no-reference.pdf' }]);

		const { output } = await runWorkflow(
			operationWorkflow(
				'manifest',
				'getCustomerManifests',
				{ returnAll: true, filters: { shippingLocationReference: 'EDC5-SL1' } },
				continueOnFail,
			),
			[{}, {}],
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(2);
		expect(output?.[0].json.error).toContain('includes manifest x9 of shipping location ELSEWHERE');
		expect(output?.[1].json.error).toContain('not a list of manifest summaries');
	});

	test("404 from both routes is SortedPRO's answer, saying there may be none yet", async () => {
		const api = sortedPro()
			.get(LIST)
			.reply(404, { Message: 'No manifests' })
			.get('/consignments/manifests')
			.reply(404, { Message: 'No manifests' });

		const { error } = await runWorkflow(operationWorkflow('manifest', 'getCustomerManifests', {}), [
			{},
		]);

		expect(api.isDone()).toBe(true);
		expect(error?.message).toContain('the customer manifests (there may be none yet)');
	});
});

describe('Manifest > Get Customer Manifest', () => {
	afterEach(() => nock.cleanAll());

	test('the PDF as a binary, the reference encoded as one path segment', async () => {
		const pdf = smallPdf('Manifest');
		const api = sortedPro()
			.get(`/consignments/customer/manifest/${MANIFEST_REF}`)
			.reply(200, JSON.stringify(pdf.toString('base64')), {
				'Content-Type': 'application/json',
			})
			.get('/consignments/customer/manifest/a%2F..%2Fb%3Fc')
			.reply(404, { Message: 'Not found' })
			.get('/consignments/manifest/a%2F..%2Fb%3Fc')
			.reply(200, JSON.stringify(pdf.toString('base64')), {
				'Content-Type': 'application/json',
			});

		const { output } = await runWorkflow(
			operationWorkflow('manifest', 'getCustomerManifest', {
				manifestReference: '={{ $json.manifest }}',
				binaryPropertyName: 'sheet',
			}),
			[{ manifest: MANIFEST_REF }, { manifest: 'a/../b?c' }],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json).toEqual({
			ManifestReference: MANIFEST_REF,
			ContentType: 'application/pdf',
			fileName: `${MANIFEST_REF}.pdf`,
		});
		expect(output?.[0].binary?.sheet?.mimeType).toBe('application/pdf');
		expect(Buffer.from(output?.[0].binary?.sheet?.data ?? '', 'base64')).toEqual(pdf);
		expect(output?.[1].json.ManifestReference).toBe('a/../b?c');
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a file that is not a PDF, or a missing manifest, fails its own item', async () => {
		const api = sortedPro()
			.get('/consignments/customer/manifest/png')
			.reply(200, JSON.stringify(smallPng().toString('base64')), {
				'Content-Type': 'application/json',
			})
			.get('/consignments/customer/manifest/gone')
			.reply(404, { Message: 'Not found' })
			.get('/consignments/manifest/gone')
			.reply(404, { Message: 'Not found' });

		const { output } = await runWorkflow(
			operationWorkflow(
				'manifest',
				'getCustomerManifest',
				{ manifestReference: '={{ $json.manifest }}' },
				continueOnFail,
			),
			[{ manifest: 'png' }, { manifest: 'gone' }],
		);

		expect(api.isDone()).toBe(true);
		expect(output?.[0].json.error).toContain('Could not get customer manifest png');
		expect(output?.[0].binary).toBeUndefined();
		expect(output?.[1].json.errorDescription ?? output?.[1].json.error).toEqual(
			expect.stringContaining('Get Customer Manifests'),
		);
	});

	test('an empty Manifest Reference fails before anything is sent', async () => {
		const { error } = await runWorkflow(
			operationWorkflow('manifest', 'getCustomerManifest', { manifestReference: '={{ "" }}' }),
			[{}],
		);
		expect(error?.message).toContain('Manifest Reference');
	});
});
