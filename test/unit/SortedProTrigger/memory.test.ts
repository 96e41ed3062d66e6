/** What the trigger remembers between polls, and what entered a state (SortedProTrigger/memory.ts). */
import {
	MAX_MEMORY_BYTES,
	MAX_REMEMBERED_REFERENCE_LENGTH,
	compareState,
	memoryKey,
	newestWithin,
	readMemory,
	rememberedIn,
	writeMemory,
} from '../../../nodes/SortedProTrigger/memory';

const ANY = MAX_MEMORY_BYTES;

describe('compareState', () => {
	test('the first poll records and reports nothing; later, only what was not there before', () => {
		expect(compareState(undefined, ['A', 'B'], true, ANY)).toEqual({
			entered: [],
			remember: ['A', 'B'],
		});
		expect(compareState(['A', 'B'], ['B', 'C', 'D'], true, ANY)).toEqual({
			entered: ['C', 'D'],
			remember: ['B', 'C', 'D'],
		});
		// A left and came back: it entered the state again.
		expect(compareState(['B', 'C', 'D'], ['A', 'B'], true, ANY).entered).toEqual(['A']);
	});

	test('after a partial read, earlier references are kept so the unread ones are not reported again', () => {
		expect(compareState(['A', 'B', 'C'], ['C', 'D'], false, ANY)).toEqual({
			entered: ['D'],
			remember: ['A', 'B', 'C', 'D'],
		});
	});

	test('memory is bounded in bytes of JSON, the oldest dropped first', () => {
		// Each one-letter entry is 4 bytes: "A" and a comma.
		expect(compareState(['A', 'B', 'C'], ['D'], false, 12).remember).toEqual(['B', 'C', 'D']);
		expect(compareState(undefined, ['A', 'B', 'C', 'D'], true, 8).remember).toEqual(['C', 'D']);
	});
});

describe('the bound in bytes', () => {
	test('newestWithin keeps the newest entries that fit, counting bytes, not characters', () => {
		expect(newestWithin(['AAAA', 'B', 'C'], 8)).toEqual(['B', 'C']);
		// "é" is two bytes in UTF-8.
		expect(newestWithin(['éé', 'x'], 7)).toEqual(['x']);
		expect(newestWithin([], 10)).toEqual([]);
	});

	test('99 references of 100 KB each are remembered in a few kilobytes: long values are hashed', () => {
		const long = Array.from({ length: 99 }, (_, index) => `${index}`.padEnd(100_000, 'x'));
		const keys = long.map(memoryKey);
		expect(new Set(keys).size).toBe(99);
		expect(keys.every((key) => /^#[0-9a-f]{16}$/.test(key))).toBe(true);
		expect(Buffer.byteLength(JSON.stringify(keys))).toBeLessThan(2000);
		// The same value gives the same key every poll; a SortedPRO reference is kept as it is.
		expect(memoryKey(long[5])).toBe(keys[5]);
		expect(memoryKey('EC-000-05B-MMA')).toBe('EC-000-05B-MMA');
		expect(memoryKey('x'.repeat(MAX_REMEMBERED_REFERENCE_LENGTH))).toHaveLength(
			MAX_REMEMBERED_REFERENCE_LENGTH,
		);
	});
});

describe('readMemory', () => {
	test('static data in another shape is left out, never iterated blindly', () => {
		const memory = readMemory({
			seen: { AllocationFailed: ['EC-1'], Allocated: 'not a list', Manifested: [1, 2] },
			events: { until: 'soon', ids: ['x'] },
			eventsUnavailableSince: 'yesterday',
		});
		expect(memory).toEqual({ seen: { AllocationFailed: ['EC-1'] } });
		expect(readMemory({ seen: ['EC-1'] })).toEqual({});
		expect(readMemory({ events: { until: 5, ids: ['a', 7], route: 1 } })).toEqual({
			events: { until: 5, route: 1 },
		});
	});

	test('a state is looked up as an own property: "__proto__" or "constructor" finds nothing', () => {
		const memory = readMemory(JSON.parse('{"seen":{"__proto__":["EC-1"],"Allocated":["EC-2"]}}'));
		expect(rememberedIn(memory, 'constructor')).toBeUndefined();
		expect(rememberedIn(memory, 'toString')).toBeUndefined();
		expect(rememberedIn(memory, 'Allocated')).toEqual(['EC-2']);
	});

	test('writeMemory replaces what the trigger kept, and leaves other keys alone', () => {
		const staticData: Record<string, unknown> = { seen: { Allocated: ['EC-1'] }, other: 1 };
		writeMemory(staticData, { events: { until: 10 } });
		expect(staticData).toEqual({ events: { until: 10 }, other: 1 });
	});
});
