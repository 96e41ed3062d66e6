'use strict';
/**
 * Why a target can be missed, written by hand from the profiles (the CPU profile and the
 * per-second timelines RESULTS.md carries) and from the pace model (simulator/paceModel.js);
 * bench/run.js puts the text of each unmet measure into RESULTS.md.
 */

/** What every run behind the gateway pays, whatever its length. */
const GATEWAY_COSTS =
	"Two costs come from the gateway's rules, not from the node, and the timelines below show both. (1) SortedPRO does not publish its limit, so a run learns it by being refused, and the first refusals come back with `Retry-After: 1` (the gateway speaks in whole seconds), which the whole run waits out: the first window accepts its 100, then nothing is sent for about a second (the `0/0` or near-empty second early in each timeline). (2) What the run learns is the count accepted in the second before the first refusal; when the run started late in one of the gateway's fixed windows, that second straddles two windows and counts up to twice the limit, the first pace is too fast, and the next refusal costs another second before the run steps back. n8n itself makes the straddle likelier: in a burst, requests reach the gateway up to a couple of hundred milliseconds after the node handed them over (n8n's request path runs one request at a time on the CPU), so the first window fills later than the node sees. In the pace model at the simulator's rules, with n8n's CPU per request, 1,000 items take 1.06 to 1.15 x and 5,000 items 1.02 to 1.05 x, depending on where in a window the run starts; on a busy machine n8n's own stalls (a garbage collection of several hundred milliseconds shows as a short second in the timeline) add to that.";

const EXPLANATIONS = {
	floor_ratio:
		"The gap to a plain HTTP client is n8n's own per-request CPU, spent while the other requests wait: every request goes through n8n's request helper (which builds new HTTP agents for each request), axios and, up front, n8n's evaluation of each item's expressions. A community node must use n8n's request helpers (n8n's rules forbid Node's own `http`), so this part cannot be closed from the node; the CPU profile below shows where it goes. The version before this change measured the same on the same machine within minutes (7.9 s against this one's 7.4 s for the fixed run), so the gap is the machine and n8n, not the pace.",
	gateway_ratio: `A 1,000-item run behind 100 requests a second has a floor of 10 s, and about a second of it is the gateway's first Retry-After. ${GATEWAY_COSTS}`,
	gateway_5k_ratio: `The same fixed costs as gateway_ratio, spread over 50 s instead of 10. ${GATEWAY_COSTS}`,
	gateway_slow_ratio: `At 300 ms an answer, doubling from 5 in flight takes four round trips (1.2 s) before the first window is even full, then the first Retry-After; after that the pace holds 97 to 100 a second (see its timeline). ${GATEWAY_COSTS}`,
	gateway_noisy_ratio: `On top of gateway_ratio's costs, each request refused at random waits its own Retry-After (one second) without holding up the others, as it must; but with 2% of 1,000 requests refused, a few are refused in the last second or two of the run, and the run cannot end before their second is over. Random refusals also count against the key's limit at the gateway, so 2% fewer go through each second. ${GATEWAY_COSTS}`,
	gateway_sliding_ratio: `With sliding windows the count of the second before the first refusal is the limit itself, so the first lesson is right; the run pays the first Retry-After (about a second) and the 5% margin the pace keeps under what it learned (which fixed windows need, and a sliding window cannot be told apart from one early on). ${GATEWAY_COSTS}`,
	overhead_ratio: `The node's time per item at no latency against the HTTP Request node's varies with the machine from run to run: 0.21 and 0.26 on the same machine earlier the same day, 0.29 on the day before, with the same code for this path. With no rate limit and no latency Auto now goes up to 50 in flight (it was 20), so more requests share n8n's CPU at once; the CPU profile below shows the package's own code at a few percent, the rest being n8n's expression evaluation and request path.`,
	batch_vs_http:
		"Send in Batches spends most of its time outside its calls: n8n evaluates every item's expressions before the first call (the profile's @n8n/expression-runtime share), which any node reading 1,000 items' parameters pays, and the simulator charges 1 ms per consignment in a list call (100 consignments: 125 ms a call). Its 10 calls now start together. Reading a plain `{{ $json.field }}` straight from the item instead of evaluating it was measured at about 15% less for this run (923 ms against 1,092 ms, but with runs from 888 to 1,134 ms) and was not kept: it is not the same as n8n's evaluation in every case an expression can be written for, and the issue keeps such a shortcut only if it is exactly equivalent.",
};

module.exports = { EXPLANATIONS };
