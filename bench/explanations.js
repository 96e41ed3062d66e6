'use strict';
/**
 * Why a target can be missed, written by hand from the profiles and the pace model
 * (simulator/paceModel.js); bench/run.js puts the text of each unmet measure into RESULTS.md.
 */
const EXPLANATIONS = {
	floor_ratio:
		"The gap to a plain HTTP client is n8n's own per-request CPU, spent while the other requests wait: every request goes through n8n's request helper (which builds new HTTP agents for each request), axios and, up front, n8n's evaluation of each item's expressions. A community node must use n8n's request helpers (n8n's rules forbid Node's own `http`), so this part cannot be closed from the node; the profile below shows where it goes.",
	batch_vs_http:
		"Send in Batches spends most of its time outside its calls: n8n evaluates every item's expressions before the first call (the profile's @n8n/expression-runtime share), which any node reading 1,000 items' parameters pays, and the simulator charges 1 ms per consignment in a list call (100 consignments: 125 ms a call).",
};

module.exports = { EXPLANATIONS };
