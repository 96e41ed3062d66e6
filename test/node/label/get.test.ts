import type { IBinaryData } from 'n8n-workflow';

import { operationWorkflow, references, runWorkflow } from '../../helpers/engine';
import { smallPdf, smallPng } from '../../../simulator/files';
import { sortedPro } from '../../helpers/sortedPro';

const bytesOf = (binary: IBinaryData | undefined) => Buffer.from(binary?.data ?? '', 'base64');

describe('Label > Get', () => {
	test('a consignment PDF label becomes binary data with its bytes, MIME type and <reference>.pdf', async () => {
		const pdf = smallPdf('Label EC-000-05B-MMA');
		const api = sortedPro()
			.get('/labels/EC-000-05B-MMA/PDF')
			.reply(200, { File: pdf.toString('base64'), ContentType: 'application/pdf' });

		const { output, error } = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'PDF' }),
			references('EC-000-05B-MMA'),
		);

		expect(error).toBeUndefined();
		expect(api.isDone()).toBe(true);
		const [item] = output ?? [];
		expect(item.json).toEqual({
			ConsignmentReference: 'EC-000-05B-MMA',
			ContentType: 'application/pdf',
			fileName: 'EC-000-05B-MMA.pdf',
		});
		expect(item.binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'EC-000-05B-MMA.pdf',
			fileExtension: 'pdf',
		});
		const bytes = bytesOf(item.binary?.data);
		expect(bytes.equals(pdf)).toBe(true);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	test('a package PNG label goes to the chosen binary field, named after the package', async () => {
		const png = smallPng(3, 2);
		const api = sortedPro()
			.get('/labels/package/EC-1/EP-000-05F-1E8/PNG')
			.reply(200, [{ File: png.toString('base64'), ContentType: 'image/png' }]);

		const { output } = await runWorkflow(
			operationWorkflow('label', 'get', {
				labelFor: 'package',
				packageReference: 'EP-000-05F-1E8',
				format: 'PNG',
				binaryPropertyName: 'label',
			}),
			references('EC-1'),
		);

		expect(api.isDone()).toBe(true);
		const binary = output?.[0].binary?.label;
		expect(binary).toMatchObject({
			mimeType: 'image/png',
			fileName: 'EP-000-05F-1E8.png',
			fileExtension: 'png',
		});
		const bytes = bytesOf(binary);
		expect(bytes.equals(png)).toBe(true);
		expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([3, 2]);
		expect(output?.[0].json).toMatchObject({ PackageReference: 'EP-000-05F-1E8' });
	});

	test('ZPL and the account default format: MIME type from SortedPRO, or from the format', async () => {
		const zpl = Buffer.from('^XA^FO50,50^FDEC-1^FS^XZ');
		const api = sortedPro()
			.get('/labels/EC-1/ZPLII')
			.reply(200, { File: zpl.toString('base64') })
			.get('/labels/EC-2')
			.reply(200, { File: smallPdf().toString('base64'), ContentType: 'application/pdf' });

		const zplRun = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'ZPLII' }),
			references('EC-1'),
		);
		const defaultRun = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'default' }),
			references('EC-2'),
		);

		expect(api.isDone()).toBe(true);
		expect(zplRun.output?.[0].binary?.data).toMatchObject({
			mimeType: 'application/zpl',
			fileName: 'EC-1.zpl',
		});
		expect(bytesOf(zplRun.output?.[0].binary?.data).toString()).toBe('^XA^FO50,50^FDEC-1^FS^XZ');
		expect(defaultRun.output?.[0].binary?.data).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'EC-2.pdf',
		});
	});

	test('an unallocated consignment: the error says labels exist only once allocated', async () => {
		sortedPro()
			.get('/labels/EC-1/PDF')
			.reply(400, { Message: 'Consignment EC-1 is in state Unallocated; no labels are available' });

		const { error } = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'PDF' }),
			references('EC-1'),
		);

		expect(error?.message).toBe(
			'Could not get the PDF label of consignment EC-1: Consignment EC-1 is in state Unallocated; no labels are available (HTTP 400)',
		);
		expect(error?.description).toContain('Labels exist only once a consignment is allocated');
	});

	test('an answer without a label file is an error for that item, not an empty file', async () => {
		sortedPro().get('/labels/EC-1/PDF').reply(200, { File: '', ContentType: 'application/pdf' });

		const { output } = await runWorkflow(
			operationWorkflow('label', 'get', { format: 'PDF' }, { onError: 'continueRegularOutput' }),
			references('EC-1'),
		);

		expect(output?.[0].json).toMatchObject({
			error: "Could not get the label of consignment EC-1: SortedPRO's answer held no label file",
			consignmentReference: 'EC-1',
		});
		expect(output?.[0].binary).toBeUndefined();
	});
});
