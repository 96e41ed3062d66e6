/** The pure list-call helpers: splitting items into calls and pairing answers with items. */
import {
	chunk,
	describeConsignments,
	matchResults,
	referenceOfResult,
	succeeded,
} from '../../../../nodes/SortedPro/helpers/batch';

const tasks = (...references: string[]) =>
	references.map((consignmentReference, itemIndex) => ({ itemIndex, consignmentReference }));

describe('chunk', () => {
	test('splits in input order, at most `size` a call, never mixing keys', () => {
		const items = [
			{ ref: 'A', group: 'NEXTDAY' },
			{ ref: 'B', group: 'ECONOMY' },
			{ ref: 'C', group: 'NEXTDAY' },
			{ ref: 'D', group: 'NEXTDAY' },
		];
		expect(
			chunk(items, 2, (item) => item.group).map((call) => call.map((item) => item.ref)),
		).toEqual([['A', 'C'], ['D'], ['B']]);
		expect(chunk([], 10, () => '')).toEqual([]);
	});
});

describe('referenceOfResult', () => {
	test.each([
		[{ ConsignmentReference: 'EC-1' }, 'EC-1'],
		[{ Reference: 'EC-2' }, 'EC-2'],
		[{ Data: ' EC-3 ' }, 'EC-3'],
		[{ Data: { ConsignmentReference: 'EC-4' } }, 'EC-4'],
		[{ ApiLinks: [{ Href: 'https://api.electioapp.com/consignments/EC%205' }] }, 'EC 5'],
		[{ Message: 'no reference' }, undefined],
	])('%j names %s', (result, expected) => {
		expect(referenceOfResult(result)).toBe(expected);
	});
});

describe('matchResults', () => {
	test('pairs entries by the reference they name, whatever their order; a missing one is undefined', () => {
		const body = [{ Data: 'EC-3' }, { Data: 'EC-1' }];
		expect(matchResults(tasks('EC-1', 'EC-2', 'EC-3'), body)).toEqual([
			{ Data: 'EC-1' },
			undefined,
			{ Data: 'EC-3' },
		]);
	});

	test('the same reference twice is matched to two entries, not one', () => {
		const body = [
			{ Data: 'EC-1', n: 1 },
			{ Data: 'EC-1', n: 2 },
		];
		expect(matchResults(tasks('EC-1', 'EC-1'), body)).toEqual(body);
	});

	test('by position only when no entry names a reference and the counts match', () => {
		expect(matchResults(tasks('EC-1', 'EC-2'), [{ ok: 1 }, { ok: 2 }])).toEqual([
			{ ok: 1 },
			{ ok: 2 },
		]);
		expect(matchResults(tasks('EC-1', 'EC-2'), [{ ok: 1 }])).toEqual([undefined, undefined]);
	});

	test('an answer that is a list under some key is read; anything else matches nothing', () => {
		expect(matchResults(tasks('EC-1'), { Results: [{ Data: 'EC-1' }] })).toEqual([
			{ Data: 'EC-1' },
		]);
		expect(matchResults(tasks('EC-1'), 'OK')).toEqual([undefined]);
	});
});

describe('succeeded', () => {
	test('a per-consignment result only with IsSuccess exactly true; a summary unless its StatusCode is not 2xx', () => {
		expect(succeeded({ IsSuccess: true })).toBe(true);
		for (const value of [false, 'true', 'false', 0, 1, null, undefined])
			expect(succeeded({ IsSuccess: value })).toBe(false);
		expect(succeeded({ CarrierName: 'X' })).toBe(true);
		expect(succeeded({ StatusCode: 200 })).toBe(true);
		expect(succeeded({ StatusCode: 400 })).toBe(false);
	});
});

describe('describeConsignments', () => {
	test('names one, a few, or the first three and how many more', () => {
		expect(describeConsignments(tasks('EC-1'))).toBe('consignment EC-1');
		expect(describeConsignments(tasks('EC-1', 'EC-2'))).toBe('2 consignments (EC-1, EC-2)');
		expect(describeConsignments(tasks('A', 'B', 'C', 'D', 'E'))).toBe(
			'5 consignments (A, B, C and 2 more)',
		);
	});
});
