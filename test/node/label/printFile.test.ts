/** Label > Get: one ZPL print file for the run, and the label resolution. */
import nock from 'nock';
import type { IBinaryData } from 'n8n-workflow';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { smallZpl } from '../../../simulator/files';
import { sortedPro } from '../../helpers/sortedPro';

const bytesOf = (binary: IBinaryData | undefined) => Buffer.from(binary?.data ?? '', 'base64');
const zplAnswer = (text: string) => ({
	File: smallZpl(text).toString('base64'),
	ContentType: 'application/zpl',
});
const continueOnFail = { onError: 'continueRegularOutput' as const };

describe('Label > Get, One ZPL Print File for the Run', () => {
	afterEach(() => nock.cleanAll());

	test('every label of the run in input order in one file, paired to all its items; a failed item stays its own', async () => {
		const api = sortedPro()
			.get('/labels/EC-1/ZPL')
			.delay(30) // answers out of order: the file keeps input order
			.reply(200, zplAnswer('EC-1'))
			.get('/labels/EC-2/ZPL')
			.reply(404, { Code: 'NotFound', Message: 'Consignment EC-2 was not found' })
			.get('/labels/EC-3/ZPL')
			.reply(200, zplAnswer('EC-3'));

		const { output } = await runWorkflow(
			operationWorkflow(
				'label',
				'get',
				{ format: 'ZPL', output: 'printFile', binaryPropertyName: 'labels' },
				continueOnFail,
			),
			references('EC-1', 'EC-2', 'EC-3'),
		);

		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(2);
		const [file, failed] = output ?? [];
		expect(file.json).toEqual({
			LabelCount: 2,
			ConsignmentReferences: ['EC-1', 'EC-3'],
			ContentType: 'application/zpl',
			fileName: 'labels-2.zpl',
		});
		expect(file.pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
		expect(bytesOf(file.binary?.labels).toString('latin1')).toBe(
			`${smallZpl('EC-1').toString('latin1')}\n${smallZpl('EC-3').toString('latin1')}`,
		);
		expect(failed.json).toMatchObject({ consignmentReference: 'EC-2', httpStatus: 404 });
		expect(failed.pairedItem).toEqual({ item: 1 });
	});

	test('PDF (or the account default) with a print file fails before anything is sent, saying why', async () => {
		for (const format of ['PDF', 'default']) {
			const { error } = await runWorkflow(
				operationWorkflow('label', 'get', { format, output: 'printFile' }),
				references('EC-1'),
			);
			expect(error?.message).toContain('but a print file is ZPL');
			expect(error?.description).toContain('PDF and PNG labels are one file each');
		}
	});
});

describe('Label > Get, Resolution (DPI)', () => {
	afterEach(() => nock.cleanAll());

	test("SortedPRO's resolution routes for a consignment and a package", async () => {
		const api = sortedPro()
			.get('/labels/EC-1/ZPL/203')
			.reply(200, zplAnswer('EC-1'))
			.get('/labels/package/EC-2/EP-2/ZPL/300')
			.reply(200, zplAnswer('EP-2'));

		const { output, error } = await runWorkflow(
			operationWorkflow('label', 'get', {
				format: 'ZPL',
				resolution: '={{ $json.dpi }}',
				labelFor: '={{ $json.pkg ? "package" : "consignment" }}',
				packageReference: '={{ $json.pkg ?? "" }}',
			}),
			[
				{ reference: 'EC-1', dpi: 203 },
				{ reference: 'EC-2', pkg: 'EP-2', dpi: 300 },
			],
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		expect(output).toHaveLength(2);
	});

	test('a resolution without a format, or one that is not a whole number, fails before sending', async () => {
		const withoutFormat = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'default', resolution: 203 }),
			references('EC-1'),
		);
		expect(withoutFormat.error?.message).toContain('needs a Format');
		const fraction = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'ZPL', resolution: 203.5 }),
			references('EC-1'),
		);
		expect(fraction.error?.message).toContain('"Resolution (DPI)" in item 0 is "203.5"');
	});
});
