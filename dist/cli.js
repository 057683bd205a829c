#!/usr/bin/env node
import { existsSync } from 'node:fs';
import path from 'node:path';
import { mkdir, writeFile, rename, rm, stat, readFile, readdir, lstat, chmod } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';

// One check asks for the same version's groups and pair tables several times
// (agreement, diff, drift, adjudication); ratings are never mutated, so the
// results are kept per ratings object.
const groupsOf = new WeakMap();
const pairsOf = new WeakMap();
/** A counting sort by item code: O(ratings + items), no comparisons. */
function groupByItem(ratings) {
    let groups = groupsOf.get(ratings);
    if (groups === undefined) {
        groups = sortByItem(ratings);
        groupsOf.set(ratings, groups);
    }
    return groups;
}
function sortByItem(ratings) {
    // Locals, not property reads, in the loops: this runs on millions of rows.
    const { item, annotator, category } = ratings;
    const size = Math.min(item.length, annotator.length, category.length);
    const nItems = Math.max(0, ratings.nItems);
    const nAnnotators = Math.max(0, ratings.nAnnotators);
    const K = ratings.categories.length;
    const start = new Int32Array(nItems + 1);
    const rated = new Uint8Array(nAnnotators);
    // Out-of-range codes (a builder bug, never data) are left out, not thrown on.
    const valid = new Uint8Array(size);
    let nValid = 0;
    // Non-decreasing item codes (buildRatings keeps file order, and a file
    // grouped by item gets its codes in that order) need no scatter: the
    // counting sort's random writes measured ~0.1 s on 3M ratings.
    let grouped = true;
    for (let r = 0, previous = -1; r < size; r++) {
        const i = item[r];
        const a = annotator[r];
        const k = category[r];
        if (i < 0 || i >= nItems || a < 0 || a >= nAnnotators || k < 0 || k >= K)
            continue;
        if (i < previous)
            grouped = false;
        previous = i;
        valid[r] = 1;
        start[i + 1]++;
        rated[a] = 1;
        nValid++;
    }
    for (let i = 0; i < nItems; i++)
        start[i + 1] += start[i];
    const order = new Int32Array(nValid);
    if (grouped) {
        for (let r = 0, p = 0; r < size; r++)
            if (valid[r] === 1)
                order[p++] = r;
    }
    else {
        const next = start.slice(0, nItems);
        for (let r = 0; r < size; r++)
            if (valid[r] === 1)
                order[next[item[r]]++] = r;
    }
    const raters = [];
    for (let a = 0; a < nAnnotators; a++)
        if (rated[a] === 1)
            raters.push(a);
    return {
        start,
        order,
        raters: Int32Array.from(raters),
        skipped: size - nValid
    };
}
function countCategories(ratings, groups) {
    const nCategories = ratings.categories.length;
    const labels = ratings.category;
    const { start, order } = groups;
    const nItems = start.length - 1;
    const scratch = new Int32Array(nCategories);
    const items = new Int32Array(nItems);
    const offset = new Int32Array(nItems + 1);
    // At most one entry per rating.
    const category = new Int32Array(order.length);
    const count = new Int32Array(order.length);
    let rated = 0;
    let e = 0;
    for (let i = 0; i < nItems; i++) {
        const from = start[i];
        const to = start[i + 1];
        if (from === to)
            continue;
        const first = e;
        for (let p = from; p < to; p++) {
            const k = labels[order[p]];
            if (scratch[k]++ === 0) {
                // Insertion keeps categories ascending, so the CSR is canonical
                // whatever the rating order; items have few distinct labels.
                let q = e++;
                while (q > first && category[q - 1] > k) {
                    category[q] = category[q - 1];
                    q--;
                }
                category[q] = k;
            }
        }
        for (let q = first; q < e; q++) {
            count[q] = scratch[category[q]];
            scratch[category[q]] = 0;
        }
        items[rated++] = i;
        offset[rated] = e;
    }
    // Views, not copies: copying four arrays of up to 3M entries cost more
    // than the slack they keep alive.
    return {
        nCategories,
        item: items.subarray(0, rated),
        offset: offset.subarray(0, rated + 1),
        category: category.subarray(0, e),
        count: count.subarray(0, e)
    };
}
function emptyAgreementStats(nCategories) {
    return {
        nCategories,
        ratedItems: 0,
        ratings: 0,
        pairableItems: 0,
        pairableRatings: 0,
        minRatingsPerItem: 0,
        maxRatingsPerItem: 0,
        agreementSum: 0,
        coincidence: new Float64Array(nCategories * nCategories),
        pairableTotals: new Float64Array(nCategories),
        categoryTotals: new Float64Array(nCategories),
        categoryShareSum: new Float64Array(nCategories)
    };
}
/**
 * One pass over the per-item counts. The coincidence matrix follows
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
 * o_ck = Σ_u (number of c-k pairs of values in unit u) / (m_u − 1), where a
 * unit with n_uc values c holds n_uc·n_uk ordered c-k pairs (c ≠ k) and
 * n_uc(n_uc − 1) c-c pairs.
 */
function summarizeItems(counts) {
    const K = counts.nCategories;
    const stats = emptyAgreementStats(K);
    const { offset, category, count } = counts;
    const coincidence = stats.coincidence;
    let min = Infinity;
    let max = 0;
    for (let j = 0; j + 1 < offset.length; j++) {
        const from = offset[j];
        const to = offset[j + 1];
        let m = 0;
        for (let e = from; e < to; e++)
            m += count[e];
        stats.ratedItems++;
        stats.ratings += m;
        if (m < min)
            min = m;
        if (m > max)
            max = m;
        for (let e = from; e < to; e++) {
            stats.categoryTotals[category[e]] += count[e];
            stats.categoryShareSum[category[e]] += count[e] / m;
        }
        if (m < 2)
            continue;
        stats.pairableItems++;
        stats.pairableRatings += m;
        let agreeing = 0;
        for (let e = from; e < to; e++) {
            const c = category[e];
            const nc = count[e];
            agreeing += nc * (nc - 1);
            stats.pairableTotals[c] += nc;
            for (let f = from; f < to; f++) {
                const nk = f === e ? nc - 1 : count[f];
                // Divide, not multiply by 1/(m − 1): the same rounding whatever the shard.
                coincidence[c * K + category[f]] += (nc * nk) / (m - 1);
            }
        }
        stats.agreementSum += agreeing / (m * (m - 1));
    }
    stats.minRatingsPerItem = stats.ratedItems > 0 ? min : 0;
    stats.maxRatingsPerItem = max;
    return stats;
}
/** Categories that at least one rating used. */
function usedCategories(stats) {
    let used = 0;
    for (const total of stats.categoryTotals)
        if (total > 0)
            used++;
    return used;
}
// Above this many annotators, a dense pair index (nAnnotators² int32) would
// cost more than 4 MB; a Map keyed by pair then holds only co-occurring pairs.
const DENSE_PAIR_INDEX_MAX_ANNOTATORS = 1024;
/**
 * The K×K tables of every annotator pair that shares at least one item. The
 * counts of all tables live in one growing Int32Array (table t at t·K²):
 * thousands of small typed arrays would each cost a backing store and GC
 * work, which dominated the run time with hundreds of annotators.
 */
class PairTables {
    nCategories;
    nAnnotators;
    cells;
    pairA = [];
    pairB = [];
    totals = [];
    views = null;
    // Both hold table index + 1 per pair key a·nAnnotators + b, so 0 is "none".
    dense;
    sparse;
    constructor(nAnnotators, nCategories) {
        this.nAnnotators = nAnnotators;
        this.nCategories = nCategories;
        this.cells = new Int32Array(16 * nCategories * nCategories);
        const dense = nAnnotators <= DENSE_PAIR_INDEX_MAX_ANNOTATORS;
        this.dense = dense ? new Int32Array(nAnnotators * nAnnotators) : null;
        this.sparse = dense ? null : new Map();
    }
    /**
     * One pass over the items: every pair of ratings within an item adds one
     * count to its annotators' table. Cost is Σ_i m_i(m_i − 1)/2, and memory is
     * K² per pair that actually co-occurs (not per possible pair).
     */
    static count(ratings, groups) {
        const nA = Math.max(0, ratings.nAnnotators);
        const K = ratings.categories.length;
        const KK = K * K;
        const pairs = new PairTables(nA, K);
        const { dense, sparse } = pairs;
        const { annotator, category } = ratings;
        const { start, order } = groups;
        let cells = pairs.cells;
        // The hot loop of the whole tool on large data: locals, no calls on the
        // dense path except to open a new table.
        for (let i = 0; i + 1 < start.length; i++) {
            const to = start[i + 1];
            for (let p = start[i]; p < to; p++) {
                const r = order[p];
                const x = annotator[r];
                const kx = category[r];
                for (let q = p + 1; q < to; q++) {
                    const s = order[q];
                    const y = annotator[s];
                    // One rating per (item, annotator) is the contract; a repeat is not a pair.
                    if (x === y)
                        continue;
                    const ky = category[s];
                    const key = x < y ? x * nA + y : y * nA + x;
                    let slot = dense !== null ? dense[key] : (sparse.get(key) ?? 0);
                    if (slot === 0) {
                        slot = pairs.create(key);
                        cells = pairs.cells;
                    }
                    cells[(slot - 1) * KK + (x < y ? kx * K + ky : ky * K + kx)]++;
                }
            }
        }
        for (let t = 0; t < pairs.pairA.length; t++) {
            let n = 0;
            for (let c = t * KK; c < (t + 1) * KK; c++)
                n += cells[c];
            pairs.totals[t] = n;
        }
        return pairs;
    }
    /** Every table, in order of first co-occurrence (views; read, don't keep). */
    get tables() {
        if (this.views === null) {
            const KK = this.nCategories * this.nCategories;
            this.views = this.pairA.map((a, t) => ({
                a,
                b: this.pairB[t],
                counts: this.cells.subarray(t * KK, (t + 1) * KK),
                n: this.totals[t]
            }));
        }
        return this.views;
    }
    /** The table of annotators x and y (either order), or undefined. */
    get(x, y) {
        const index = this.index(x, y);
        return index < 0 ? undefined : this.tables[index];
    }
    /** Position in `tables` of the pair x, y (either order), or -1. */
    index(x, y) {
        const key = x < y ? x * this.nAnnotators + y : y * this.nAnnotators + x;
        return this.slot(key) - 1;
    }
    /** Counts `times` items where annotator x gave category kx and y gave ky. */
    add(x, kx, y, ky, times = 1) {
        const K = this.nCategories;
        const key = x < y ? x * this.nAnnotators + y : y * this.nAnnotators + x;
        let slot = this.slot(key);
        if (slot === 0)
            slot = this.create(key);
        const cell = x < y ? kx * K + ky : ky * K + kx;
        this.cells[(slot - 1) * K * K + cell] += times;
        this.totals[slot - 1] += times;
        this.views = null;
    }
    /** Adds another shard's tables (same annotator and category codes). */
    merge(other) {
        const K = this.nCategories;
        for (const t of other.tables)
            for (let cell = 0; cell < K * K; cell++)
                if (t.counts[cell] > 0)
                    this.add(t.a, Math.floor(cell / K), t.b, cell % K, t.counts[cell]);
    }
    slot(key) {
        return this.dense !== null
            ? (this.dense[key] ?? 0)
            : (this.sparse.get(key) ?? 0);
    }
    create(key) {
        const a = Math.floor(key / this.nAnnotators);
        this.pairA.push(a);
        this.pairB.push(key - a * this.nAnnotators);
        this.totals.push(0);
        const slot = this.pairA.length;
        const KK = this.nCategories * this.nCategories;
        if (slot * KK > this.cells.length) {
            const grown = new Int32Array(2 * slot * KK);
            grown.set(this.cells);
            this.cells = grown;
        }
        if (this.dense !== null)
            this.dense[key] = slot;
        else
            this.sparse.set(key, slot);
        this.views = null;
        return slot;
    }
}
/** The annotator-pair tables of the ratings; see `PairTables.count`. */
function countPairs(ratings, groups) {
    let pairs = pairsOf.get(ratings);
    if (pairs === undefined) {
        pairs = PairTables.count(ratings, groups);
        pairsOf.set(ratings, pairs);
    }
    return pairs;
}

/**
 * UTF-16 code-unit order, the order of `<` on strings: the same on every
 * machine and locale (unlike `localeCompare`), so sorted outputs are stable.
 */
function compareText$2(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * CSV for files that people open in a spreadsheet (the adjudication queue,
 * the QC sample). Quoting follows RFC 4180 section 2: a field that holds a
 * comma, a double quote, CR or LF is enclosed in double quotes, and a double
 * quote inside it is doubled; records end with CRLF.
 *
 * Every cell comes from a label file, so it is untrusted. Spreadsheets run a
 * cell that starts with `=`, `+`, `-` or `@` as a formula (and tab or CR can
 * hide such a cell's start), which is how "CSV injection" reaches a reviewer's
 * machine (OWASP, "CSV Injection"). Such a cell gets a leading `'`, which
 * spreadsheets read as "text" and do not display. Exception: a plain decimal
 * number such as `-1` or `+2.5e3` is left alone, since it cannot be a formula
 * and interval or ratio labels are often negative.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;
const NEEDS_CARE = /^[=+\-@\t\r]|[",\r\n]/;
/** One field, guarded against formula injection and quoted when needed. */
function csvField(value) {
    // Most cells (ids, labels, the many empty annotator cells) need nothing.
    if (value === '' || !NEEDS_CARE.test(value))
        return value;
    const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
    return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
/** A header record and the data records, each ended by CRLF. */
function csvDocument(header, records) {
    const lines = [header, ...records].map((fields) => fields.map(csvField).join(',') + '\r\n');
    return lines.join('');
}

const DEFAULT_MIN_SHARE = 0.5;
/**
 * The items that need a human decision, among `options.items` (or all items):
 *
 * - `tie`: two or more labels share the top count, so the plurality vote does
 *   not decide (as in `majority_vote_accuracy`, DESIGN section 5);
 * - `low_share`: the top count is below `minShare` of the item's ratings. A
 *   three-way 1-1-1 split is both a tie and low-share, and lists both;
 * - `disagrees_with_reference`: the item has a reference label and the vote's
 *   top label is a different one. On a tie, when the reference is none of the
 *   tied labels (no top label agrees with it).
 *
 * An item with one rating is never a tie nor low-share (its share is 1); it
 * is queued only when it disagrees with the reference.
 *
 * Tie-breakers decide only tie and low-share items, where the vote did not
 * decide: `reference` with the item's reference label, `senior` with the label
 * of the first listed senior who rated the item. An item queued only because it
 * disagrees with the reference stays undecided: there the reference itself is
 * in question, and the plurality of annotators is against it.
 *
 * One counting-sort pass (`groupByItem`) and K counters reused per item.
 */
function adjudicationQueue(ratings, reference, options = {}) {
    const minShare = options.minShare ?? DEFAULT_MIN_SHARE;
    const tieBreak = options.tieBreak ?? 'none';
    const mask = options.items;
    const K = ratings.categories.length;
    const groups = groupByItem(ratings);
    const { start, order } = groups;
    const nItems = start.length - 1;
    const refOf = reference?.category;
    // Senior rank per annotator code (lower is more senior); -1 for others.
    const seniorRank = new Int32Array(Math.max(0, ratings.nAnnotators)).fill(-1);
    if (tieBreak === 'senior' && options.senior !== undefined) {
        const codeOf = new Map(ratings.annotatorIds.map((id, a) => [id, a]));
        options.senior.forEach((id, rank) => {
            const a = codeOf.get(id);
            if (a !== undefined && seniorRank[a] === -1)
                seniorRank[a] = rank;
        });
    }
    const counts = new Int32Array(K);
    const queued = new Uint8Array(Math.max(0, ratings.nAnnotators));
    const rows = [];
    const tally = {
        tie: 0,
        low_share: 0,
        disagrees_with_reference: 0,
        decided: 0
    };
    for (let i = 0; i < nItems; i++) {
        if (mask !== undefined && mask[i] !== 1)
            continue;
        const from = start[i];
        const to = start[i + 1];
        const m = to - from;
        if (m === 0)
            continue;
        let top = 0;
        let winner = -1;
        let tiedAtTop = 0;
        for (let p = from; p < to; p++) {
            const n = ++counts[ratings.category[order[p]]];
            if (n > top)
                top = n;
        }
        for (let p = from; p < to; p++) {
            const k = ratings.category[order[p]];
            // Each category once: zero its counter after reading it.
            if (counts[k] === top) {
                tiedAtTop++;
                winner = k;
            }
            counts[k] = 0;
        }
        const tie = tiedAtTop > 1;
        const share = top / m;
        const truth = refOf !== undefined && i < refOf.length ? refOf[i] : -1;
        const reasons = [];
        if (tie)
            reasons.push('tie');
        if (m > 1 && share < minShare)
            reasons.push('low_share');
        if (truth >= 0 && !isTopLabel(ratings, order, from, to, truth, top))
            reasons.push('disagrees_with_reference');
        if (reasons.length === 0)
            continue;
        let decision = -1;
        let decidedBy = null;
        const undecidedVote = tie || reasons.includes('low_share');
        if (undecidedVote && tieBreak === 'reference' && truth >= 0) {
            decision = truth;
            decidedBy = 'reference';
        }
        else if (undecidedVote && tieBreak === 'senior') {
            let best = -1;
            for (let p = from; p < to; p++) {
                const r = order[p];
                const rank = seniorRank[ratings.annotator[r]];
                if (rank >= 0 &&
                    (best < 0 || rank < seniorRank[ratings.annotator[best]]))
                    best = r;
            }
            if (best >= 0) {
                decision = ratings.category[best];
                decidedBy = `senior:${ratings.annotatorIds[ratings.annotator[best]]}`;
            }
        }
        const labels = [];
        for (let p = from; p < to; p++) {
            const r = order[p];
            const a = ratings.annotator[r];
            queued[a] = 1;
            labels.push([
                ratings.annotatorIds[a],
                ratings.categories[ratings.category[r]]
            ]);
        }
        for (const reason of reasons)
            tally[reason]++;
        if (decision >= 0)
            tally.decided++;
        rows.push({
            item: ratings.itemIds[i],
            reasons,
            majority: tie ? null : ratings.categories[winner],
            majority_share: share,
            reference: truth >= 0 ? ratings.categories[truth] : null,
            decision: decision >= 0 ? ratings.categories[decision] : null,
            decided_by: decidedBy,
            labels: labelRecord(labels)
        });
    }
    rows.sort((x, y) => compareText$2(x.item, y.item));
    const annotators = ratings.annotatorIds
        .filter((_, a) => queued[a] === 1)
        .sort(compareText$2);
    return { annotators, rows, counts: tally };
}
/** Whether the item's ratings give category k the top count. */
function isTopLabel(ratings, order, from, to, k, top) {
    let n = 0;
    for (let p = from; p < to; p++)
        if (ratings.category[order[p]] === k)
            n++;
    return n === top;
}
/**
 * Annotator id -> label, keys in id order. `Object.fromEntries` defines own properties, so an
 * annotator called `__proto__` is a key like any other, not a prototype. With
 * two ratings by one annotator (a builder bug), the first is kept.
 */
function labelRecord(labels) {
    const first = new Map();
    for (const [id, label] of labels)
        if (!first.has(id))
            first.set(id, label);
    // Keys by id, so the JSONL text does not depend on the rating order.
    return Object.fromEntries([...first].sort((x, y) => compareText$2(x[0], y[0])));
}
/** Columns: the fixed ones, then one per annotator; RFC 4180, formula-safe. */
function adjudicationCsv(queue) {
    const header = [
        'item',
        'reason',
        'majority',
        'majority_share',
        'reference',
        'decision',
        'decided_by',
        ...queue.annotators
    ];
    const column = new Map(queue.annotators.map((a, c) => [a, c]));
    const records = queue.rows.map((row) => {
        // One pass over the row's few labels, not a lookup per annotator column.
        const labels = new Array(queue.annotators.length).fill('');
        for (const [a, label] of Object.entries(row.labels)) {
            const c = column.get(a);
            if (c !== undefined)
                labels[c] = label;
        }
        return [
            row.item,
            row.reasons.join(';'),
            row.majority ?? '',
            String(row.majority_share),
            row.reference ?? '',
            row.decision ?? '',
            row.decided_by ?? '',
            ...labels
        ];
    });
    return csvDocument(header, records);
}
/** One JSON object per row, each line ended by LF. */
function adjudicationJsonl(queue) {
    return queue.rows.map((row) => JSON.stringify(row) + '\n').join('');
}

/**
 * Splits a sample of `n` units over strata of the given sizes, in proportion
 * to the sizes (proportional allocation; W. G. Cochran, "Sampling Techniques",
 * 3rd ed. 1977, chapter 5) with at least one unit per non-empty stratum where
 * n allows.
 *
 * - Quotas n·N_h/N are rounded by the largest-remainder (Hamilton) method, so
 *   the allocations sum to exactly n. Quotas and remainders are computed in
 *   integers (n·N_h mod N), so no float rounding can move a unit.
 * - A non-empty stratum that gets 0 is given 1, and the rest of the sample is
 *   split again over the other strata, until none gets 0. When plain
 *   proportional allocation already gives every stratum a unit, it is kept
 *   as it is. No stratum ever gets more than its size (below).
 * - With more non-empty strata than n, the n largest strata get one unit each.
 *
 * Ties (equal remainders, equal sizes) go to the larger stratum, then to the
 * earlier one in the given order, so the caller's canonical order of strata
 * makes the result deterministic.
 *
 * Why allocations never exceed sizes: with m <= M (units to place, units in
 * the strata that share them), each quota m·N_h/M is at most N_h, and a
 * remainder unit goes only to a quota with a fractional part, so below N_h.
 * Fixing strata at 1 keeps m <= M: the strata that got 0 leave, and the rest
 * got all m units within their sizes.
 */
function allocateSample(sizes, n) {
    const H = sizes.length;
    const allocation = new Array(H).fill(0);
    const nonEmpty = sizes.flatMap((size, h) => (size > 0 ? [h] : []));
    const total = nonEmpty.reduce((sum, h) => sum + sizes[h], 0);
    const sample = Math.min(Math.max(0, Math.floor(n)), total);
    if (sample === 0)
        return allocation;
    if (sample < nonEmpty.length) {
        const largest = [...nonEmpty].sort((x, y) => sizes[y] - sizes[x] || x - y);
        for (const h of largest.slice(0, sample))
            allocation[h] = 1;
        return allocation;
    }
    let active = nonEmpty;
    let m = sample;
    for (;;) {
        const M = active.reduce((sum, h) => sum + sizes[h], 0);
        const shares = hamilton(sizes, active, m, M);
        const empty = active.filter((_, j) => shares[j] === 0);
        if (empty.length === 0) {
            active.forEach((h, j) => (allocation[h] = shares[j]));
            return allocation;
        }
        for (const h of empty)
            allocation[h] = 1;
        m -= empty.length;
        active = active.filter((_, j) => shares[j] !== 0);
    }
}
/** Largest-remainder split of m units over `active` strata holding M units. */
function hamilton(sizes, active, m, M) {
    if (M === 0)
        return active.map(() => 0);
    const floors = [];
    const remainders = [];
    let placed = 0;
    for (const h of active) {
        // m·N_h stays below 2^53 for any sample and stratum a machine can hold.
        const numerator = m * sizes[h];
        let q = Math.floor(numerator / M);
        let r = numerator - q * M;
        // The float division can round across an integer; the remainder cannot lie.
        if (r < 0) {
            q--;
            r += M;
        }
        else if (r >= M) {
            q++;
            r -= M;
        }
        floors.push(q);
        remainders.push(r);
        placed += q;
    }
    const byRemainder = active
        .map((_, j) => j)
        .sort((x, y) => remainders[y] - remainders[x] ||
        sizes[active[y]] - sizes[active[x]] ||
        active[x] - active[y]);
    for (const j of byRemainder.slice(0, m - placed))
        floors[j]++;
    return floors;
}

/**
 * Wilson score interval for a binomial proportion `successes / n`.
 *
 * Source: E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22 (1927) 209-212; method 3 in R. G. Newcombe,
 * "Two-sided confidence intervals for the single proportion: comparison of
 * seven methods", Statistics in Medicine 17 (1998) 857-872:
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z · sqrt(p(1 − p)/n + z²/4n²) / (1 + z²/n)
 *
 * Written in the same order of operations as statsmodels'
 * `proportion_confint(method='wilson')`, so the fixtures agree to rounding.
 * The interval lies in [0, 1] mathematically; the clamp only removes rounding
 * residue such as -1e-17 at p = 0. Returns undefined when n is 0.
 */
function wilsonInterval(successes, n, level = 0.95) {
    if (!(n > 0) || !(level > 0 && level < 1))
        return undefined;
    const z = normalQuantile$1(1 - (1 - level) / 2);
    const p = successes / n;
    const z2 = z * z;
    const denominator = 1 + z2 / n;
    const centre = (p + z2 / (2 * n)) / denominator;
    const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
    return {
        low: Math.max(0, centre - half),
        high: Math.min(1, centre + half),
        level,
        method: 'wilson'
    };
}
/**
 * The standard normal quantile Φ⁻¹(p), by M. J. Wichura, "Algorithm AS 241:
 * The percentage points of the normal distribution", Applied Statistics 37
 * (1988) 477-484 (PPND16, relative error about 1e-16; the algorithm behind R's
 * `qnorm`). The coefficients are the published ones written as the shortest
 * decimals of the same doubles (the paper prints more digits than a double holds).
 *
 * Why not `simple-statistics`' `probit`: it uses Winitzki's closed-form
 * approximation of erf⁻¹, which gives 1.9572 instead of 1.95996 at 0.975,
 * an error of 3e-3 that would show in every reported interval.
 */
function normalQuantile$1(p) {
    if (!(p > 0 && p < 1)) {
        if (p === 0)
            return -Infinity;
        if (p === 1)
            return Infinity;
        return NaN;
    }
    const q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
        const r = 0.180625 - q * q;
        return ((q *
            (((((((r * 2509.0809287301227 + 33430.57558358813) * r +
                67265.7709270087) *
                r +
                45921.95393154987) *
                r +
                13731.69376550946) *
                r +
                1971.5909503065513) *
                r +
                133.14166789178438) *
                r +
                3.3871328727963665)) /
            (((((((r * 5226.495278852854 + 28729.085735721943) * r +
                39307.89580009271) *
                r +
                21213.794301586597) *
                r +
                5394.196021424751) *
                r +
                687.1870074920579) *
                r +
                42.31333070160091) *
                r +
                1));
    }
    let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
    let value;
    if (r <= 5) {
        r -= 1.6;
        value =
            (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r +
                0.2417807251774506) *
                r +
                1.2704582524523684) *
                r +
                3.6478483247632045) *
                r +
                5.769497221460691) *
                r +
                4.630337846156546) *
                r +
                1.4234371107496835) /
                (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r +
                    0.015198666563616457) *
                    r +
                    0.14810397642748008) *
                    r +
                    0.6897673349851) *
                    r +
                    1.6763848301838038) *
                    r +
                    2.053191626637759) *
                    r +
                    1);
    }
    else {
        r -= 5;
        value =
            (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r +
                0.0012426609473880784) *
                r +
                0.026532189526576124) *
                r +
                0.29656057182850487) *
                r +
                1.7848265399172913) *
                r +
                5.463784911164114) *
                r +
                6.657904643501103) /
                (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r +
                    0.000018463183175100548) *
                    r +
                    0.0007868691311456133) *
                    r +
                    0.014875361290850615) *
                    r +
                    0.1369298809227358) *
                    r +
                    0.599832206555888) *
                    r +
                    1);
    }
    return q < 0 ? -value : value;
}

/**
 * The sample size that estimates a proportion within ±`margin` at the given
 * confidence level, from a population of `population` units (W. G. Cochran,
 * "Sampling Techniques", 3rd ed., Wiley 1977, chapter 4):
 *
 *   n0 = z² p(1 − p) / e²,   n = n0 / (1 + (n0 − 1) / N)
 *
 * with p = 0.5, the conservative choice: p(1 − p) is largest there, so the
 * sample is large enough whatever the true error rate. Algebraically the same
 * as Krejcie and Morgan's s = χ²NP(1 − P) / (d²(N − 1) + χ²P(1 − P))
 * (Educational and Psychological Measurement 30 (1970) 607-610), whose
 * table rounds to the nearest integer; here n is rounded up, so the margin
 * holds, and capped at N. N = Infinity gives ceil(n0) (385 at ±5%, 95%).
 */
function cochranSampleSize(population, margin, confidence, p = 0.5) {
    if (!(margin > 0 && margin < 1))
        throw new RangeError(`margin must be in (0, 1), got ${margin}`);
    if (!(confidence > 0 && confidence < 1))
        throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
    if (!(population >= 0))
        throw new RangeError(`population must be >= 0, got ${population}`);
    const z = normalQuantile$1(1 - (1 - confidence) / 2);
    const n0 = (z * z * p * (1 - p)) / (margin * margin);
    const exact = population === Infinity ? n0 : n0 / (1 + (n0 - 1) / population);
    // Round up, but not a float residue such as 278.00000000000006 to 279.
    const n = Math.min(population, Math.ceil(exact - 1e-9));
    return { n0, z, exact, n: Math.max(0, n) };
}

/**
 * xoshiro128** (D. Blackman and S. Vigna, "Scrambled linear pseudorandom
 * number generators", ACM TOMS 47 (2021); reference code at
 * https://prng.di.unimi.it/xoshiro128starstar.c), seeded with the first 16
 * bytes of SHA-256(seed) as four little-endian words. Why these: the output
 * must be the same on every machine and Node version for a given seed string
 * (a revision SHA), so that a reviewer can reproduce a QC sample; `Math.random`
 * cannot be seeded, and SHA-256 spreads any string over all 128 state bits
 * (xoshiro's state must not be all zero, which a hash makes practically
 * impossible; the guard below covers it anyway).
 */
function seededRandom(seed) {
    const digest = createHash('sha256').update(seed, 'utf8').digest();
    return xoshiro128StarStar(digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12));
}
/** xoshiro128** from an explicit 128-bit state (not all zero). */
function xoshiro128StarStar(s0, s1, s2, s3) {
    if ((s0 | s1 | s2 | s3) === 0)
        s0 = 1;
    return () => {
        const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
        return result;
    };
}
function rotl(x, k) {
    return (x << k) | (x >>> (32 - k));
}
const TWO_32 = 2 ** 32;
/**
 * A uniform integer in [0, k), 1 <= k <= 2^32, without modulo bias: draws
 * at or above the largest multiple of k below 2^32 are rejected (at most half
 * of them, so the expected number of draws is below 2).
 */
function randomBelow(next, k) {
    const limit = TWO_32 - (TWO_32 % k);
    for (;;) {
        const x = next();
        if (x < limit)
            return x % k;
    }
}

/** Cochran's p: 0.5 maximises p(1 − p), so the size suits any error rate. */
const CONSERVATIVE_P = 0.5;
/**
 * A reproducible sample of annotations for human review (a QC audit of the
 * change): the population is the ratings that `keep` accepts (e.g. the
 * change's added and relabeled annotations), stratified by (label, annotator)
 * so every annotator's use of every label is looked at, with proportional
 * allocation and at least one per stratum (`allocateSample`).
 *
 * Within a stratum, a simple random sample without replacement: a partial
 * Fisher-Yates shuffle (Knuth, TAOCP vol. 2, Algorithm 3.4.2P) of the
 * stratum's ratings sorted by item id, driven by xoshiro128** seeded from
 * `seed` (the head revision SHA), the stratum's label and its annotator. So
 * the sample depends only on the seed and the population as a set: not on
 * rating order, nor on the interning of ids; and a stratum's draw does not
 * change when other strata change, only when its own allocation does.
 *
 * Sizing errors (a negative size, a margin or confidence outside (0, 1)) are
 * programming errors, since the config schema checks them: RangeError.
 */
function qcSample(ratings, keep, sizing, seed) {
    const { item, annotator, category } = ratings;
    const nA = Math.max(0, ratings.nAnnotators);
    const K = ratings.categories.length;
    const size = Math.min(item.length, annotator.length, category.length);
    // Stratum key category·nA + annotator -> the stratum's rating indices.
    const byKey = new Map();
    let population = 0;
    for (let r = 0; r < size; r++) {
        const i = item[r];
        const a = annotator[r];
        const k = category[r];
        if (i < 0 || i >= ratings.nItems || a < 0 || a >= nA || k < 0 || k >= K)
            continue;
        if (!keep(r))
            continue;
        const key = k * nA + a;
        let members = byKey.get(key);
        if (members === undefined)
            byKey.set(key, (members = []));
        members.push(r);
        population++;
    }
    let n;
    let formula = null;
    if ('size' in sizing) {
        if (!(sizing.size >= 0))
            throw new RangeError(`sample size must be >= 0, got ${sizing.size}`);
        n = Math.min(population, Math.floor(sizing.size));
    }
    else {
        const cochran = cochranSampleSize(population, sizing.margin, sizing.confidence, CONSERVATIVE_P);
        n = cochran.n;
        formula = {
            n0: cochran.n0,
            z: cochran.z,
            margin: sizing.margin,
            confidence: sizing.confidence,
            p: CONSERVATIVE_P
        };
    }
    const strata = [...byKey.values()].map((members) => ({
        label: ratings.categories[category[members[0]]],
        annotator: ratings.annotatorIds[annotator[members[0]]],
        members
    }));
    strata.sort((x, y) => compareText$2(x.label, y.label) || compareText$2(x.annotator, y.annotator));
    const allocation = allocateSample(strata.map((s) => s.members.length), n);
    const rows = [];
    const report = strata.map((stratum, h) => {
        const take = allocation[h];
        const members = stratum.members
            .map((r) => ({ r, id: ratings.itemIds[item[r]] }))
            .sort((x, y) => compareText$2(x.id, y.id));
        const next = seededRandom(`${seed}\u0000${stratum.label}\u0000${stratum.annotator}`);
        for (let j = 0; j < take; j++) {
            const pick = j + randomBelow(next, members.length - j);
            const chosen = members[pick];
            members[pick] = members[j];
            members[j] = chosen;
            rows.push({
                item: chosen.id,
                annotator: stratum.annotator,
                label: stratum.label
            });
        }
        return {
            label: stratum.label,
            annotator: stratum.annotator,
            population: stratum.members.length,
            sampled: take
        };
    });
    rows.sort((x, y) => compareText$2(x.item, y.item) || compareText$2(x.annotator, y.annotator));
    return { size: rows.length, population, formula, strata: report, rows };
}
/**
 * The sample as CSV for reviewers: item, annotator, label, and two empty
 * columns for the reviewer's verdict (`review_label`) and a note.
 */
function qcSampleCsv(sample) {
    return csvDocument(['item', 'annotator', 'label', 'review_label', 'review_note'], sample.rows.map((row) => [row.item, row.annotator, row.label, '', '']));
}

/** `queue.csv` → `queue.sentiment.csv`, when several datasets each need a file. */
function perDataset(path, name, several) {
    if (!several)
        return path;
    const slash = path.lastIndexOf('/');
    const dot = path.lastIndexOf('.');
    return dot > slash + 1
        ? `${path.slice(0, dot)}.${name}${path.slice(dot)}`
        : `${path}.${name}`;
}
/**
 * The adjudication queue file(s): CSV, or JSON Lines when the path ends in
 * `.jsonl`. One dataset writes `path`; several write one file each, named
 * after the dataset.
 */
function adjudicationFiles(artifacts, path) {
    const queued = artifacts.filter((a) => a.adjudication !== null);
    const jsonl = /\.jsonl$/i.test(path);
    return queued.map((a) => ({
        path: perDataset(path, a.name, queued.length > 1),
        content: jsonl
            ? adjudicationJsonl(a.adjudication)
            : adjudicationCsv(a.adjudication)
    }));
}
/** The QC sample file(s), CSV with empty review columns, named like the queue's. */
function qcSampleFiles(artifacts, path) {
    const sampled = artifacts.filter((a) => a.qcSample !== null);
    return sampled.map((a) => ({
        path: perDataset(path, a.name, sampled.length > 1),
        content: qcSampleCsv(a.qcSample)
    }));
}

class UserError extends Error {
    where;
    constructor(message, where = {}) {
        super(message);
        this.name = 'UserError';
        this.where = where;
    }
    /** `file:line:column: field 'x': message`, leaving out what is unknown. */
    format() {
        const { file, line, column, field } = this.where;
        let place = '';
        if (file !== undefined) {
            place = file;
            if (line !== undefined)
                place += `:${line}`;
            if (line !== undefined && column !== undefined)
                place += `:${column}`;
            place += ': ';
        }
        const what = field !== undefined ? `field '${field}': ` : '';
        return `${place}${what}${this.message}`;
    }
}
function isUserError(error) {
    return error instanceof UserError;
}

/** The JSON report, DESIGN section 4. Extend; never rename or remove a key. */
const REPORT_SCHEMA = 'labelgate-report/1';

/** Reported in the JSON report and `--version`; keep in step with package.json. */
const VERSION = '0.1.0';

/**
 * Maps the codes of one interner onto another's through their strings:
 * `result[c]` is the code of `from[c]` in `to`, or -1 where `to` lacks it.
 *
 * Base and head intern independently, but both intern in file order, so a
 * version that only appends or edits labels gives most ids the same code on
 * both sides. Those are matched by position; a Map is built only over the `to`
 * ids that did not match in place. That is sound because ids are unique on
 * each side: an id matched in place at code d cannot also be `from[c]` for
 * another c. One string comparison per code, one Map lookup per misplaced id.
 */
function mapCodes(from, to) {
    const result = new Int32Array(from.length).fill(-1);
    const placed = new Uint8Array(to.length);
    let misplaced = 0;
    for (let c = 0; c < from.length; c++) {
        if (c < to.length && from[c] === to[c]) {
            result[c] = c;
            placed[c] = 1;
        }
        else
            misplaced++;
    }
    if (misplaced === 0)
        return result;
    const rest = new Map();
    for (let d = 0; d < to.length; d++)
        if (placed[d] === 0)
            rest.set(to[d], d);
    for (let c = 0; c < from.length; c++) {
        if (result[c] !== -1)
            continue;
        const d = rest.get(from[c]);
        if (d !== undefined)
            result[c] = d;
    }
    return result;
}
/**
 * The code map between two versions that share a code space: each code maps to
 * itself where the other version's space reaches it (a code interned after
 * that version was read names an id it does not have).
 */
function sameCodes(fromSize, toSize) {
    const result = new Int32Array(fromSize);
    for (let c = 0; c < fromSize; c++)
        result[c] = c < toSize ? c : -1;
    return result;
}

/**
 * Keeps the `limit` smallest of a stream under `compare`, in O(n log limit)
 * time and O(limit) memory, so a change that relabels a million annotations
 * costs no full sort to report its first few. A max-heap: the root is the
 * largest kept entry, the one a smaller newcomer evicts.
 */
class SmallestFirst {
    limit;
    compare;
    heap = [];
    constructor(limit, compare) {
        this.limit = limit;
        this.compare = compare;
    }
    offer(value) {
        const heap = this.heap;
        if (heap.length < this.limit) {
            heap.push(value);
            this.siftUp(heap.length - 1);
        }
        else if (heap.length > 0 && this.compare(value, heap[0]) < 0) {
            heap[0] = value;
            this.siftDown(0);
        }
    }
    /** The kept entries, ascending. */
    sorted() {
        return [...this.heap].sort(this.compare);
    }
    siftUp(at) {
        const heap = this.heap;
        while (at > 0) {
            const parent = (at - 1) >> 1;
            if (this.compare(heap[at], heap[parent]) <= 0)
                return;
            [heap[at], heap[parent]] = [heap[parent], heap[at]];
            at = parent;
        }
    }
    siftDown(at) {
        const heap = this.heap;
        for (;;) {
            const left = 2 * at + 1;
            const right = left + 1;
            let largest = at;
            if (left < heap.length && this.compare(heap[left], heap[largest]) > 0)
                largest = left;
            if (right < heap.length && this.compare(heap[right], heap[largest]) > 0)
                largest = right;
            if (largest === at)
                return;
            [heap[at], heap[largest]] = [heap[largest], heap[at]];
            at = largest;
        }
    }
}

const DEFAULT_RELABELED_LIMIT = 50;
/**
 * The base → head diff of two independently interned versions. Items and
 * annotators are matched by id, labels by category text, so neither side's
 * code order matters. Only valid ratings count (codes in range), and one per
 * (item, annotator): the first in rating order, as the `Ratings` builder keeps.
 *
 * Linear time: both sides are grouped by item with a counting sort; each base
 * item meets its head item once, through a scratch array indexed by head
 * annotator code (no hashing of (item, annotator) pairs, no comparison sort).
 */
function diffRatings(base, head, options = {}) {
    const limit = relabeledLimit(options.relabeledLimit);
    // Versions read with shared interners have one code space: no id needs
    // decoding or matching (10^6 items: a few hundred ms saved).
    const itemToHead = base.itemSpace !== undefined && base.itemSpace === head.itemSpace
        ? sameCodes(base.nItems, head.nItems)
        : mapCodes(base.itemIds, head.itemIds);
    const annotatorToHead = base.annotatorSpace !== undefined &&
        base.annotatorSpace === head.annotatorSpace
        ? sameCodes(base.nAnnotators, head.nAnnotators)
        : mapCodes(base.annotatorIds, head.annotatorIds);
    const categoryToHead = mapCodes(base.categories, head.categories);
    const baseGroups = groupByItem(base);
    const headGroups = groupByItem(head);
    const nBaseItems = baseGroups.start.length - 1;
    const nHeadItems = headGroups.start.length - 1;
    const touchedItems = new Uint8Array(Math.max(0, head.nItems));
    const changedRatings = new Uint8Array(head.item.length);
    const report = {
        items_added: 0,
        items_removed: 0,
        annotations_added: 0,
        annotations_removed: 0,
        labels_changed: 0
    };
    const relabels = new SmallestFirst(limit, (x, y) => compareAnnotations(head, x.head, y.head));
    // Scratch, indexed by head annotator code, for the head item at hand:
    // -1 no rating; r >= 0 its (first) rating r, not yet matched; MATCHED.
    const slot = new Int32Array(Math.max(0, head.nAnnotators)).fill(-1);
    const MATCHED = -2;
    // Base annotator code -> 1 + the base item where it was last seen (dedup).
    const seenIn = new Int32Array(Math.max(0, base.nAnnotators));
    // Head items that have a base counterpart with ratings.
    const matched = new Uint8Array(nHeadItems);
    for (let bi = 0; bi < nBaseItems; bi++) {
        const bFrom = baseGroups.start[bi];
        const bTo = baseGroups.start[bi + 1];
        if (bFrom === bTo)
            continue;
        const mapped = itemToHead[bi] ?? -1;
        const hi = mapped < nHeadItems ? mapped : -1;
        const hFrom = hi < 0 ? 0 : headGroups.start[hi];
        const hTo = hi < 0 ? 0 : headGroups.start[hi + 1];
        if (hFrom === hTo) {
            // Gone from the head: the item and each of its annotations.
            report.items_removed++;
            for (let p = bFrom; p < bTo; p++) {
                const ab = base.annotator[baseGroups.order[p]];
                if (seenIn[ab] === bi + 1)
                    continue;
                seenIn[ab] = bi + 1;
                report.annotations_removed++;
            }
            continue;
        }
        matched[hi] = 1;
        for (let p = hFrom; p < hTo; p++) {
            const r = headGroups.order[p];
            const a = head.annotator[r];
            if (slot[a] === -1)
                slot[a] = r;
        }
        let touched = false;
        for (let p = bFrom; p < bTo; p++) {
            const rb = baseGroups.order[p];
            const ab = base.annotator[rb];
            if (seenIn[ab] === bi + 1)
                continue;
            seenIn[ab] = bi + 1;
            const ha = annotatorToHead[ab] ?? -1;
            const rh = ha < 0 || ha >= slot.length ? -1 : slot[ha];
            if (rh < 0) {
                report.annotations_removed++;
                touched = true;
                continue;
            }
            slot[ha] = MATCHED;
            if (categoryToHead[base.category[rb]] !== head.category[rh]) {
                report.labels_changed++;
                changedRatings[rh] = 1;
                touched = true;
                relabels.offer({ base: rb, head: rh });
            }
        }
        for (let p = hFrom; p < hTo; p++) {
            const r = headGroups.order[p];
            const a = head.annotator[r];
            if (slot[a] === r) {
                report.annotations_added++;
                changedRatings[r] = 1;
                touched = true;
            }
            slot[a] = -1;
        }
        if (touched)
            touchedItems[hi] = 1;
    }
    // Head items no base item met: new, with every annotation.
    for (let hi = 0; hi < nHeadItems; hi++) {
        const hFrom = headGroups.start[hi];
        const hTo = headGroups.start[hi + 1];
        if (matched[hi] === 1 || hFrom === hTo)
            continue;
        report.items_added++;
        touchedItems[hi] = 1;
        for (let p = hFrom; p < hTo; p++) {
            const r = headGroups.order[p];
            const a = head.annotator[r];
            if (slot[a] !== -1)
                continue;
            slot[a] = r;
            report.annotations_added++;
            changedRatings[r] = 1;
        }
        for (let p = hFrom; p < hTo; p++)
            slot[head.annotator[headGroups.order[p]]] = -1;
    }
    const relabeled = relabels.sorted().map(({ base: rb, head: rh }) => ({
        item: itemId(head, head.item[rh]),
        annotator: annotatorId(head, head.annotator[rh]),
        from: base.categories[base.category[rb]],
        to: head.categories[head.category[rh]]
    }));
    return { report, relabeled, touchedItems, changedRatings };
}
/** Non-negative integer; Infinity lists every relabel; default 50. */
function relabeledLimit(limit) {
    if (limit === undefined || Number.isNaN(limit))
        return DEFAULT_RELABELED_LIMIT;
    return limit === Infinity ? Infinity : Math.max(0, Math.floor(limit));
}
// One id at a time: ordering a few relabels must not decode 10^6 item ids.
function itemId(ratings, code) {
    return ratings.itemSpace?.value(code) ?? ratings.itemIds[code];
}
function annotatorId(ratings, code) {
    return ratings.annotatorSpace?.value(code) ?? ratings.annotatorIds[code];
}
/** By item id, then annotator id, in UTF-16 code unit order (locale-free). */
function compareAnnotations(ratings, r, s) {
    const item = compareText$1(itemId(ratings, ratings.item[r]), itemId(ratings, ratings.item[s]));
    if (item !== 0)
        return item;
    return compareText$1(annotatorId(ratings, ratings.annotator[r]), annotatorId(ratings, ratings.annotator[s]));
}
function compareText$1(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * When adding a new value to a list, one does not have to necessary
 * recompute the mean of the list in linear time. They can instead use
 * this function to compute the new mean by providing the current mean,
 * the number of elements in the list that produced it and the new
 * value to add.
 *
 * @since 2.5.0
 * @param {number} mean current mean
 * @param {number} n number of items in the list
 * @param {number} newValue the added value
 * @returns {number} the new mean
 *
 * @example
 * addToMean(14, 5, 53); // => 20.5
 */

// Define series coefficients
var COEFFICIENTS = [
    0.99999999999999709182, 57.156235665862923517, -59.59796035547549,
    14.136097974741747174, -0.4919138160976202, 0.33994649984811888699e-4,
    0.46523628927048575665e-4, -9837447530487956e-20,
    0.15808870322491248884e-3, -21026444172410488e-20,
    0.2174396181152126432e-3, -1643181065367639e-19,
    0.84418223983852743293e-4, -26190838401581408e-21,
    0.36899182659531622704e-5
];

var g = 607 / 128;
var LOGSQRT2PI = Math.log(Math.sqrt(2 * Math.PI));

/**
 * Compute the logarithm of the [gamma function](https://en.wikipedia.org/wiki/Gamma_function) of a value using Lanczos' approximation.
 * This function takes as input any real-value n greater than 0.
 * This function is useful for values of n too large for the normal gamma function (n > 165).
 * The code is based on Lanczo's Gamma approximation, defined [here](http://my.fit.edu/~gabdo/gamma.txt).
 *
 * @param {number} n Any real number greater than zero.
 * @returns {number} The logarithm of gamma of the input value.
 *
 * @example
 * gammaln(500); // 2605.1158503617335
 * gammaln(2.4); // 0.21685932244884043
 */
function gammaln(n) {
    // Return infinity if value not in domain
    if (n <= 0) {
        return Number.POSITIVE_INFINITY;
    }

    // Decrement n, because approximation is defined for n - 1
    n--;

    // Create series approximation
    var a = COEFFICIENTS[0];

    for (var i = 1; i < 15; i++) {
        a += COEFFICIENTS[i] / (n + i);
    }

    var tmp = g + 0.5 + n;

    // Return natural logarithm of gamma(n)
    return LOGSQRT2PI + Math.log(a) - tmp + (n + 0.5) * Math.log(tmp);
}

// Numerical Recipes, 3rd ed. (Press et al. 2007), section 6.2: the series
// (6.2.5) converges fast for x < a + 1, the continued fraction (6.2.7, by the
// modified Lentz method, section 5.2) elsewhere; each gives its own tail
// directly, so small upper tails keep their relative precision.
const EPS = Number.EPSILON;
const FPMIN = Number.MIN_VALUE / EPS;
// Both converge in O(sqrt(a)) terms; this is far beyond any df labelgate meets.
const MAX_TERMS = 100_000;
/**
 * Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function
 * (Abramowitz & Stegun 6.5.3), for a > 0 and x >= 0. The chi-square
 * survival function is Q(df / 2, x / 2) (A&S 26.4.19). `simple-statistics`
 * has `gammaln` (a Lanczos approximation) but no incomplete gamma.
 */
function regularizedGammaQ(a, x) {
    if (!(a > 0) || !(x >= 0))
        return NaN;
    if (x === 0)
        return 1;
    if (x === Infinity)
        return 0;
    return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}
/** ln of the common prefactor x^a e^-x / Γ(a). */
function logPrefactor(a, x) {
    return a * Math.log(x) - x - gammaln(a);
}
/** P(a, x) by the series Σ x^n / (a (a+1) ... (a+n)) (NR 6.2.5). */
function lowerSeries(a, x) {
    let ap = a;
    let term = 1 / a;
    let sum = term;
    for (let n = 0; n < MAX_TERMS; n++) {
        ap++;
        term *= x / ap;
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPS)
            break;
    }
    return sum * Math.exp(logPrefactor(a, x));
}
/** Q(a, x) by the continued fraction (NR 6.2.7), modified Lentz. */
function upperFraction(a, x) {
    let b = x + 1 - a;
    let c = 1 / FPMIN;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i <= MAX_TERMS; i++) {
        const an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (Math.abs(d) < FPMIN)
            d = FPMIN;
        c = b + an / c;
        if (Math.abs(c) < FPMIN)
            c = FPMIN;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < EPS)
            break;
    }
    return Math.exp(logPrefactor(a, x)) * h;
}

/**
 * Pearson's chi-square test of homogeneity (Pearson 1900; Agresti,
 * Categorical Data Analysis, 3rd ed., section 3.2.1) on an R × C table of
 * counts, without continuity correction, as scipy's
 * `chi2_contingency(table, correction=False)`:
 * X² = Σ (O_ij − E_ij)² / E_ij with E_ij = R_i C_j / N,
 * df = (R − 1)(C − 1), p = P(χ²_df ≥ X²) = Q(df / 2, X² / 2).
 *
 * Columns with a zero total carry no information and would give E = 0, so
 * they are dropped. Null (no test) when a row is empty or fewer than two rows
 * or columns remain: there is then no distribution to compare.
 */
function chiSquareHomogeneity(table) {
    const nRows = table.length;
    if (nRows < 2)
        return null;
    const nColumns = Math.max(...table.map((row) => row.length));
    const rowTotal = table.map((row) => row.reduce((s, o) => s + o, 0));
    const columnTotal = new Array(nColumns).fill(0);
    for (const row of table)
        row.forEach((o, j) => (columnTotal[j] += o));
    if (rowTotal.some((t) => !(t > 0)))
        return null;
    const columns = [...columnTotal.keys()].filter((j) => columnTotal[j] > 0);
    if (columns.length < 2)
        return null;
    const total = rowTotal.reduce((s, t) => s + t, 0);
    let statistic = 0;
    for (let i = 0; i < nRows; i++) {
        for (const j of columns) {
            const expected = (rowTotal[i] * columnTotal[j]) / total;
            const residual = (table[i][j] ?? 0) - expected;
            statistic += (residual * residual) / expected;
        }
    }
    const df = (nRows - 1) * (columns.length - 1);
    return { statistic, df, p_value: regularizedGammaQ(df / 2, statistic / 2) };
}

function defined(value, extra = {}) {
    return Number.isFinite(value)
        ? { value, ...extra }
        : { value: null, reason: 'the computation gave no finite number', ...extra };
}
function undefinedMetric(reason, extra = {}) {
    return { value: null, reason, ...extra };
}

/**
 * Jensen-Shannon distance between two distributions given as counts over the
 * same labels: the square root of the Jensen-Shannon divergence
 * JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M), M = ½ (P + Q) (Lin 1991, IEEE Trans.
 * Inf. Theory 37(1):145-151), in bits, so it lies in [0, 1] and is a metric
 * (Endres & Schindelin 2003). As scipy's `jensenshannon(p, q, base=2)`.
 * Null when either side has no counts: there is no distribution.
 */
function jensenShannonDistance(p, q) {
    const pTotal = p.reduce((s, c) => s + c, 0);
    const qTotal = q.reduce((s, c) => s + c, 0);
    const n = pTotal + qTotal;
    if (!(pTotal > 0) || !(qTotal > 0))
        return undefinedMetric(`no annotations at the ${pTotal > 0 ? 'head' : 'base'}`, { n });
    let divergence = 0;
    for (let k = 0; k < Math.max(p.length, q.length); k++) {
        const pk = (p[k] ?? 0) / pTotal;
        const qk = (q[k] ?? 0) / qTotal;
        const mk = (pk + qk) / 2;
        // 0 log 0 = 0 by continuity; mk > 0 wherever pk or qk is.
        if (pk > 0)
            divergence += (pk * Math.log2(pk / mk)) / 2;
        if (qk > 0)
            divergence += (qk * Math.log2(qk / mk)) / 2;
    }
    // Rounding can leave the divergence a few ulps outside [0, 1].
    return defined(Math.sqrt(Math.min(1, Math.max(0, divergence))), { n });
}

/**
 * Compares label frequencies across versions by category text, since base
 * and head intern their categories independently. Counts valid ratings
 * (every code in range), as `VersionReport.distribution` does.
 *
 * The test: the head holds most of the base's annotations, so base and head
 * are not two independent samples and a test between them has no valid
 * p-value. The change's own labels are: the annotations it added or
 * relabeled (`changedRatings`, head rating indices, from the diff; computed
 * here when not given) are tested against the annotations it kept, two
 * disjoint sets. Null hypothesis: the new labels come from the same label
 * distribution as the labels the change did not touch.
 */
function labelShift(base, head, changedRatings = diffRatings(base, head, { relabeledLimit: 0 })
    .changedRatings) {
    const labels = [...base.categories];
    const position = new Map(labels.map((label, k) => [label, k]));
    for (const label of head.categories) {
        if (!position.has(label)) {
            position.set(label, labels.length);
            labels.push(label);
        }
    }
    const baseCounts = countLabels$1(base, position, labels.length);
    const headCounts = countLabels$1(head, position, labels.length);
    const changed = countLabels$1(head, position, labels.length, (r) => changedRatings[r] === 1);
    const unchanged = headCounts.map((n, k) => n - changed[k]);
    return {
        labels,
        base: baseCounts,
        head: headCounts,
        changed,
        unchanged,
        jensen_shannon: jensenShannonDistance(baseCounts, headCounts),
        chi_square: chiSquareHomogeneity([unchanged, changed])
    };
}
function countLabels$1(ratings, position, nLabels, keep) {
    const byCategory = new Float64Array(ratings.categories.length);
    // Locals, not property reads, in the loop: it runs over millions of ratings.
    const { item, annotator, category, nItems, nAnnotators } = ratings;
    const size = Math.min(item.length, annotator.length, category.length);
    const K = byCategory.length;
    for (let r = 0; r < size; r++) {
        const i = item[r];
        const a = annotator[r];
        const k = category[r];
        if (i < 0 || i >= nItems || a < 0 || a >= nAnnotators)
            continue;
        if (keep !== undefined && !keep(r))
            continue;
        if (k >= 0 && k < K)
            byCategory[k]++;
    }
    const counts = new Array(nLabels).fill(0);
    ratings.categories.forEach((label, k) => {
        counts[position.get(label)] += byCategory[k];
    });
    return counts;
}

/**
 * The ratings that `keep` accepts, in their order, with the same code spaces
 * (items, annotators, categories, values): every metric runs on a slice
 * unchanged, and codes still index arrays built for the whole version, such
 * as the diff's `touchedItems`; `row` still points into the version's
 * annotation table. This is how the change's slice is cut
 * (DESIGN section 3): agreement over the touched items with all their head
 * ratings, reference metrics over the ratings the change added or relabeled.
 */
function sliceRatings(ratings, keep) {
    const size = ratings.item.length;
    const kept = new Uint8Array(size);
    let count = 0;
    for (let r = 0; r < size; r++) {
        if (keep(r)) {
            kept[r] = 1;
            count++;
        }
    }
    const item = new Int32Array(count);
    const annotator = new Int32Array(count);
    const category = new Int32Array(count);
    const row = new Int32Array(count);
    const from = ratings.row;
    const { item: items, annotator: annotators, category: categories } = ratings;
    let s = 0;
    for (let r = 0; r < size; r++) {
        if (kept[r] === 0)
            continue;
        item[s] = items[r];
        annotator[s] = annotators[r];
        category[s] = categories[r];
        row[s] = from[r];
        s++;
    }
    // Not `{ ...ratings }`: a spread would run the id getters and decode every
    // id of the version (10^6 strings) for a slice that may name none.
    return {
        level: ratings.level,
        nItems: ratings.nItems,
        nAnnotators: ratings.nAnnotators,
        categories: ratings.categories,
        declared: ratings.declared,
        values: ratings.values,
        item,
        annotator,
        category,
        row,
        itemSpace: ratings.itemSpace,
        annotatorSpace: ratings.annotatorSpace,
        get itemIds() {
            return ratings.itemIds;
        },
        get annotatorIds() {
            return ratings.annotatorIds;
        }
    };
}

/** Metric names are part of the contract (DESIGN section 5): reports, gates, tests. */
const AGREEMENT_METRICS = [
    'percent_agreement',
    'cohen_kappa',
    'cohen_kappa_linear',
    'cohen_kappa_quadratic',
    'light_kappa',
    'scott_pi',
    'fleiss_kappa',
    'krippendorff_alpha',
    'gwet_ac1'
];
const REFERENCE_METRICS = [
    'accuracy',
    'error_rate',
    'majority_vote_accuracy'
];
const DATASET_METRICS = [
    ...AGREEMENT_METRICS,
    ...REFERENCE_METRICS
];
/** Metrics gated per annotator (`annotator.<name>`). */
const ANNOTATOR_METRICS = ['accuracy', 'drift'];
/** Metrics where a larger value is better (all of them but error_rate). */
function higherIsBetter(metric) {
    return !metric.endsWith('error_rate');
}
/** `changed.error_rate`, `annotator.accuracy`: the metric itself. */
function metricBaseName(metric) {
    return metric.replace(/^(changed|annotator)\./, '');
}
/**
 * Proportions people read as percents: the reference metrics and percent
 * agreement. Chance-corrected coefficients (kappa, alpha, AC1) stay decimals.
 * Reports and gate messages both ask here, so they always agree.
 */
function isPercentMetric(metric) {
    const name = metricBaseName(metric);
    return (name === 'accuracy' ||
        name === 'error_rate' ||
        name.endsWith('_accuracy') ||
        name === 'percent_agreement');
}

/**
 * The standard normal distribution function Φ(z), through the complementary
 * error function: Φ(z) = erfc(−z/√2) / 2, and erfc(x) = Q(1/2, x²) for x >= 0
 * (Abramowitz & Stegun 7.1.2 and 6.5.17), Q the regularized upper incomplete
 * gamma function already used for chi-square tails. The tail on the side of
 * z is computed directly, so small p-values keep their relative precision.
 */
function normalCdf(z) {
    if (Number.isNaN(z))
        return NaN;
    const tail = regularizedGammaQ(0.5, (z * z) / 2) / 2;
    return z < 0 ? tail : 1 - tail;
}
/**
 * The pooled two-proportion z-test (the score test for p1 = p2; z² is
 * Pearson's X² of the 2×2 table, see A. Agresti, "Categorical Data
 * Analysis", 3rd ed., Wiley 2013), one-sided with the alternative p1 < p2.
 * This is statsmodels' `proportions_ztest([x1, x2], [n1, n2],
 * alternative='smaller')` with its default pooled variance. Null when a count
 * is 0 or the pooled proportion is 0 or 1 (no variance, no test).
 */
function twoProportionZTest(x1, n1, x2, n2) {
    if (!(n1 > 0 && n2 > 0))
        return null;
    const pooled = (x1 + x2) / (n1 + n2);
    const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
    if (!(variance > 0))
        return null;
    const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
    return { z, pValue: normalCdf(z) };
}

/**
 * One-sided p-value that a metric fell from `base` to `head` by `drop` (> 0
 * is worse): the Wald test z = drop / √(se_base² + se_head²), p = 1 − Φ(z).
 * The two versions are treated as independent samples. A head mostly holds
 * the base's annotations, so the two estimates are positively correlated and
 * the true variance of their difference is smaller: the test is conservative
 * (it calls fewer drops significant than an exact paired test would). Null
 * when either side has no standard error.
 */
function dropPValue(drop, base, head) {
    const a = standardError(base);
    const b = standardError(head);
    if (a === null || b === null)
        return null;
    const sd = Math.sqrt(a * a + b * b);
    if (sd === 0)
        return drop > 0 ? 0 : 1;
    return 1 - normalCdf(drop / sd);
}
/**
 * `se`, else the interval's average half-width over the normal quantile of
 * its level (exact for a symmetric normal interval, close for Wilson).
 */
function standardError(result) {
    if (typeof result.se === 'number' && Number.isFinite(result.se)) {
        return result.se;
    }
    const ci = result.ci;
    if (ci === undefined || !(ci.level > 0 && ci.level < 1))
        return null;
    return (ci.high - ci.low) / (2 * normalQuantile((1 + ci.level) / 2));
}
/** Φ⁻¹(p) by bisection on Φ: 80 halvings of [−40, 40] reach double precision. */
function normalQuantile(p) {
    let lo = -40;
    let hi = 40;
    for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (normalCdf(mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

/**
 * Items needed for the interval to clear `threshold` at the current
 * estimate, when it straddles it now (low < threshold < high); undefined when
 * it does not straddle. The half-width of the usual intervals shrinks as
 * 1/√n, so at n items with half-width h on the threshold's side and margin
 * m = |estimate − threshold|, about n·(h/m)² items make h < m. Null when the
 * estimate equals the threshold (no sample size makes that firm).
 */
function itemsForFirmVerdict(estimate, ci, threshold, n) {
    if (!(ci.low < threshold && threshold < ci.high))
        return undefined;
    const margin = Math.abs(estimate - threshold);
    if (margin === 0 || !(n > 0))
        return null;
    const halfWidth = threshold < estimate ? estimate - ci.low : ci.high - estimate;
    // Round away float noise first (0.21 / 0.02 is not exactly 10.5), then up.
    return Math.ceil(Number((n * (halfWidth / margin) ** 2).toPrecision(12)));
}

/** Gate messages show proportions as percents, coefficients to 3 places. */
function formatGateNumber(metric, value) {
    return isPercentMetric(metric)
        ? `${(value * 100).toFixed(1)}%`
        : value.toFixed(3);
}

/**
 * What a gate row does to the verdict: an error, a warning, or nothing.
 * `pass`, `not_applicable` and `too_few_items` never count; `pre_existing`
 * is a warning (a gate with `pre_existing: fail` reports `fail` instead);
 * `undefined` follows the row's `on_undefined`; `fail` has the gate's severity.
 */
function gateEffect(result) {
    switch (result.status) {
        case 'pass':
        case 'not_applicable':
        case 'too_few_items':
            return null;
        case 'pre_existing':
            return 'warning';
        case 'undefined':
            if (result.on_undefined === 'pass')
                return null;
            if (result.on_undefined === 'warn')
                return 'warning';
            return result.severity;
        case 'fail':
            return result.severity;
    }
}

const BOUNDS = ['min', 'max', 'max_drop', 'max_jsd'];
/** Tolerance of max_drop, so that a drop of exactly max_drop passes. */
const DROP_TOLERANCE = 1e-12;
/**
 * Differences below this are no change when deciding "made worse": the same
 * data summed in another order may differ in the last bits.
 */
const WORSE_TOLERANCE = 1e-9;
/** Annotators named in a summary row of neutral outcomes. */
const LISTED_ANNOTATORS = 5;
/**
 * One result per bound of every configured gate; per-annotator gates give a
 * row per annotator judged plus at most one summary row per neutral outcome.
 * The outcomes and the rules are described in docs/gates.md.
 */
function evaluateGates(gates, inputs) {
    const judge = inputs.judge ?? 'state';
    const results = [];
    for (const [metric, config] of Object.entries(gates)) {
        for (const bound of BOUNDS) {
            const threshold = config[bound];
            if (threshold === undefined)
                continue;
            const gate = { metric, bound, threshold, config, judge };
            if (metric === 'label_shift') {
                results.push(labelShiftGate(gate, inputs));
            }
            else if (metric === 'annotator.drift') {
                results.push(...driftGate(gate, inputs));
            }
            else if (metric.startsWith('annotator.')) {
                results.push(...annotatorGate(gate, inputs));
            }
            else {
                results.push(datasetGate(gate, inputs));
            }
        }
    }
    return results;
}
function datasetGate(gate, inputs) {
    const changed = gate.metric.startsWith('changed.');
    const name = changed ? gate.metric.slice('changed.'.length) : gate.metric;
    const version = changed ? inputs.changed : inputs.head;
    if (version === null) {
        return row(gate, 'not_applicable', null, 'no base to compare with, so there is no change slice');
    }
    const result = version.metrics[name];
    const base = inputs.base === null ? null : (inputs.base.metrics[name] ?? null);
    if (changed &&
        result !== undefined &&
        result.value === null &&
        sizeOf(result) === 0) {
        return row(gate, 'not_applicable', null, `nothing in this change to measure: ${result.reason ?? 'no data'}`, baseValue(inputs.base === null ? undefined : base));
    }
    if (gate.bound === 'max_drop') {
        if (inputs.base === null) {
            return row(gate, 'not_applicable', null, 'no base value to compare with');
        }
        return dropGate(gate, result, base, !changed);
    }
    return boundGate(gate, result, inputs.base === null ? undefined : base, !changed);
}
/**
 * A min or max bound. `base` is the same metric at the base: undefined
 * without a base, null when the base lacks it. `sameMetricAtBase`: the base
 * value is this gate's value at the base (not for changed.* slices), so the
 * pre-existing rule and the undefined-at-head rule apply.
 */
function boundGate(gate, result, base, sameMetricAtBase) {
    const extra = baseValue(base);
    if (result === undefined || result.value === null) {
        return undefinedRow(gate, result?.reason ?? 'the metric was not computed', null, sameMetricAtBase ? base : undefined, extra);
    }
    const value = result.value;
    const n = sizeOf(result);
    const minItems = gate.config.min_items;
    if (minItems !== undefined && n < minItems) {
        return row(gate, 'too_few_items', value, `${n} items, fewer than min_items ${minItems}; not judged`, { ...extra, n });
    }
    const by = gate.config.by ?? 'value';
    const compared = comparedQuantity(result, by);
    const shown = formatGateNumber(gate.metric, value);
    const limit = formatGateNumber(gate.metric, gate.threshold);
    const bounds = {
        n,
        ...extra,
        ...(by !== 'value' ? { by } : {}),
        ...(result.ci ? { ci: result.ci } : {})
    };
    if (compared === null) {
        return undefinedRow(gate, `${gate.metric} ${shown} has no confidence interval, so its ${by} bound cannot be compared (by: ${by})`, value, undefined, bounds);
    }
    const ok = clears(gate.bound, compared, gate.threshold);
    const what = by === 'value'
        ? shown
        : `${by === 'lower' ? 'lower' : 'upper'} bound ${formatGateNumber(gate.metric, compared)} (estimate ${shown}, ${intervalText(gate.metric, result)})`;
    const sign = gate.bound === 'min' ? (ok ? '≥' : '<') : ok ? '≤' : '>';
    let message = `${what} ${sign} ${gate.bound} ${limit}`;
    const firm = result.ci === undefined
        ? undefined
        : itemsForFirmVerdict(value, result.ci, gate.threshold, n);
    const sizeNote = {};
    if (firm !== undefined) {
        sizeNote.items_for_firm_verdict = firm;
        message +=
            (by === 'value'
                ? `; the ${intervalText(gate.metric, result)} straddles ${limit}`
                : `; the interval straddles ${limit}`) +
                (firm === null
                    ? ': the estimate equals the threshold, so no number of items makes it firm'
                    : `: about ${firm} ${unitOf(result)} would make the verdict firm at this estimate (now ${n})`);
    }
    if (!ok && gate.judge === 'change' && sameMetricAtBase && base) {
        const atBase = baseBreach(gate, base, by);
        if (atBase !== null) {
            const worse = gate.bound === 'min'
                ? compared < atBase - WORSE_TOLERANCE
                : compared > atBase + WORSE_TOLERANCE;
            const from = `${formatGateNumber(gate.metric, atBase)} at the base`;
            if (!worse) {
                if (gate.config.pre_existing === 'fail') {
                    message += `; already breached (${from}), and pre_existing: fail`;
                }
                else {
                    return row(gate, 'pre_existing', value, `${message}; already breached at the base (${formatGateNumber(gate.metric, atBase)}) and not made worse by this change`, { ...bounds, ...sizeNote });
                }
            }
            else {
                message += `; breached at the base too (${from}) and made worse`;
            }
        }
    }
    return row(gate, ok ? 'pass' : 'fail', value, message, {
        ...bounds,
        ...sizeNote
    });
}
/**
 * The base's compared quantity when the same gate was breached at the base
 * (judged there: defined, enough items, the bound available); else null.
 */
function baseBreach(gate, base, by) {
    if (base.value === null)
        return null;
    const minItems = gate.config.min_items;
    if (minItems !== undefined && sizeOf(base) < minItems)
        return null;
    const q = comparedQuantity(base, by);
    if (q === null)
        return null;
    return clears(gate.bound, q, gate.threshold) ? null : q;
}
/** Equal to the threshold passes, for min and for max. */
function clears(bound, value, threshold) {
    return bound === 'min' ? value >= threshold : value <= threshold;
}
function comparedQuantity(result, by) {
    if (by === 'value')
        return result.value;
    if (result.ci === undefined)
        return null;
    return by === 'lower' ? result.ci.low : result.ci.high;
}
/**
 * `max_drop`: the fall from the base (a rise for error_rate). `base` is the
 * metric at the base (null: the base lacks it). With `significance`, a drop
 * above max_drop fails only when it is also significant.
 */
function dropGate(gate, result, base, sameMetricAtBase) {
    const extra = baseValue(base);
    if (result === undefined || result.value === null) {
        return undefinedRow(gate, result?.reason ?? 'the metric was not computed', null, sameMetricAtBase ? base : undefined, extra);
    }
    const value = result.value;
    const n = sizeOf(result);
    const minItems = gate.config.min_items;
    if (minItems !== undefined && n < minItems) {
        return row(gate, 'too_few_items', value, `${n} items, fewer than min_items ${minItems}; not judged`, { ...extra, n });
    }
    if (base === null || base.value === null) {
        return row(gate, 'not_applicable', value, base === null
            ? 'the base has no value to compare with'
            : `undefined at the base (${base.reason ?? 'no value'}), so there is nothing to drop from`, { ...extra, n });
    }
    const baseN = sizeOf(base);
    if (minItems !== undefined && baseN < minItems) {
        return row(gate, 'too_few_items', value, `the base has ${baseN} items, fewer than min_items ${minItems}; not judged`, { ...extra, n });
    }
    const drop = higherIsBetter(gate.metric)
        ? base.value - value
        : value - base.value;
    const shown = formatGateNumber(gate.metric, value);
    const limit = formatGateNumber(gate.metric, gate.threshold);
    const from = formatGateNumber(gate.metric, base.value);
    const described = drop > 0
        ? `${from} → ${shown}, worse by ${formatGateNumber(gate.metric, drop)} (max_drop ${limit})`
        : `${from} → ${shown}, no worse than the base`;
    if (drop <= gate.threshold + DROP_TOLERANCE) {
        return row(gate, 'pass', value, described, { ...extra, n });
    }
    const alpha = gate.config.significance;
    if (alpha === undefined)
        return row(gate, 'fail', value, described, { ...extra, n });
    const p = dropPValue(drop, base, result);
    if (p === null) {
        return undefinedRow(gate, `${described}, but with no standard error the drop's significance cannot be tested`, value, undefined, { ...extra, n });
    }
    const significant = p < alpha;
    return row(gate, significant ? 'fail' : 'pass', value, `${described}; one-sided ${formatP(p)}, ${significant ? 'significant' : 'not significant'} at ${alpha}`, { ...extra, n });
}
function labelShiftGate(gate, inputs) {
    const shift = inputs.labelShift ?? null;
    if (shift === null) {
        return row(gate, 'not_applicable', null, 'no base to compare the label distribution with');
    }
    const js = shift.jensen_shannon;
    if (js.value === null) {
        return undefinedRow(gate, js.reason ?? 'the distance is undefined', null);
    }
    const ok = js.value <= gate.threshold;
    return row(gate, ok ? 'pass' : 'fail', js.value, `Jensen-Shannon distance ${js.value.toFixed(3)} ${ok ? '≤' : '>'} max_jsd ${gate.threshold.toFixed(3)}`);
}
/** Annotators left out of per-annotator judgement, for one summary row each. */
class Neutral {
    tooFew = [];
    notApplicable = [];
    rows(gate, tooFewWhy, notApplicableWhy) {
        const out = [];
        if (this.tooFew.length > 0) {
            out.push(row(gate, 'too_few_items', null, summary$1(this.tooFew, tooFewWhy)));
        }
        if (this.notApplicable.length > 0) {
            out.push(row(gate, 'not_applicable', null, summary$1(this.notApplicable, notApplicableWhy)));
        }
        return out;
    }
}
function summary$1(entries, why) {
    const listed = entries.slice(0, LISTED_ANNOTATORS).join(', ');
    const more = entries.length > LISTED_ANNOTATORS
        ? `, and ${entries.length - LISTED_ANNOTATORS} more`
        : '';
    return `${entries.length} ${entries.length === 1 ? 'annotator' : 'annotators'} ${why}, not judged: ${listed}${more}`;
}
/**
 * `annotator.drift: { max_drop }`: an annotator whose accuracy on reference
 * items in the change is more than max_drop below their base accuracy fails,
 * when both sides have at least min_items reference items (default 20).
 * Only annotators with annotations in the change are concerned.
 */
function driftGate(gate, inputs) {
    const rows = inputs.drift ?? null;
    if (rows === null)
        return [row(gate, 'not_applicable', null, 'no base to compare with')];
    const minItems = gate.config.min_items ?? 20;
    const inChange = (r) => inputs.changedAnnotators?.has(r.annotator) ?? r.changed.value !== null;
    const results = [];
    const neutral = new Neutral();
    for (const r of [...rows].sort((a, b) => compareIds(a.annotator, b.annotator))) {
        if (!inChange(r))
            continue;
        if (r.drop === null || r.base.value === null || r.changed.value === null) {
            neutral.notApplicable.push(`${r.annotator} (${r.base.value === null ? 'none at the base' : 'none in the change'})`);
            continue;
        }
        const nBase = r.base.n ?? 0;
        const nChanged = r.changed.n ?? 0;
        if (nBase < minItems || nChanged < minItems) {
            neutral.tooFew.push(`${r.annotator} (${nChanged} in the change, ${nBase} at the base)`);
            continue;
        }
        const described = `${r.annotator}: accuracy ${formatGateNumber('accuracy', r.base.value)} at the base → ${formatGateNumber('accuracy', r.changed.value)} in the change (drop ${formatGateNumber('accuracy', r.drop)}, max_drop ${formatGateNumber('accuracy', gate.threshold)}${r.p_value !== null ? `, one-sided ${testName(r)} ${formatP(r.p_value)}` : ''})`;
        const extra = { annotator: r.annotator, n: nChanged };
        if (r.drop <= gate.threshold + DROP_TOLERANCE) {
            results.push(row(gate, 'pass', r.drop, described, extra));
            continue;
        }
        const alpha = gate.config.significance;
        if (alpha === undefined) {
            results.push(row(gate, 'fail', r.drop, described, extra));
        }
        else if (r.p_value === null) {
            results.push(undefinedRow(gate, `${described}; no test of the drop is possible`, r.drop, undefined, extra));
        }
        else {
            const significant = r.p_value < alpha;
            results.push(row(gate, significant ? 'fail' : 'pass', r.drop, `${described}; ${significant ? 'significant' : 'not significant'} at ${alpha}`, extra));
        }
    }
    results.push(...neutral.rows(gate, `with fewer than min_items ${minItems} reference items in the change or at the base`, 'without reference items on one side'));
    if (results.length === 0) {
        return [
            row(gate, 'not_applicable', null, 'no annotator has annotations in this change')
        ];
    }
    return results;
}
function annotatorGate(gate, inputs) {
    const name = gate.metric.slice('annotator.'.length);
    const minItems = gate.config.min_items ?? 0;
    const change = gate.judge === 'change';
    const ids = Object.keys(inputs.head.annotators).sort(compareIds);
    if (gate.bound === 'max_drop' && inputs.base === null) {
        return [row(gate, 'not_applicable', null, 'no base to compare with')];
    }
    const rated = ids.filter((id) => (inputs.head.annotators[id][name].n ?? 0) > 0);
    if (rated.length === 0) {
        return [undefinedRow(gate, 'no annotator has a reference item', null)];
    }
    const rows = [];
    const neutral = new Neutral();
    let outside = 0;
    for (const id of ids) {
        const inChange = !change || (inputs.changedAnnotators?.has(id) ?? true);
        const result = inputs.head.annotators[id][name];
        const n = result.n ?? 0;
        if (n === 0 || result.value === null) {
            if (inChange)
                neutral.notApplicable.push(id);
            continue;
        }
        if (n < minItems) {
            if (inChange)
                neutral.tooFew.push(`${id} (${n})`);
            continue;
        }
        const base = inputs.base === null
            ? undefined
            : (inputs.base.annotators[id]?.[name] ?? null);
        let r;
        if (gate.bound === 'max_drop') {
            if (!base || base.value === null || (base.n ?? 0) === 0) {
                if (inChange)
                    neutral.notApplicable.push(`${id} (none at the base)`);
                continue;
            }
            if ((base.n ?? 0) < minItems) {
                if (inChange)
                    neutral.tooFew.push(`${id} (${base.n ?? 0} at the base)`);
                continue;
            }
            r = dropGate({ ...gate, config: { ...gate.config, min_items: undefined } }, result, base, true);
        }
        else {
            r = boundGate({ ...gate, config: { ...gate.config, min_items: undefined } }, result, base, true);
        }
        if (!inChange && (r.status === 'pass' || r.status === 'undefined')) {
            outside++;
            continue;
        }
        rows.push({ ...r, annotator: id, message: `${id}: ${r.message}` });
    }
    rows.push(...neutral.rows(gate, `with fewer than min_items ${minItems} reference items`, gate.bound === 'max_drop'
        ? 'without reference items on one side'
        : 'without reference items'));
    if (rows.length === 0) {
        return [
            row(gate, 'not_applicable', null, `no annotator with reference items has annotations in this change (${outside} outside it are not re-judged)`)
        ];
    }
    return rows;
}
function row(gate, status, value, message, extra = {}) {
    return {
        metric: gate.metric,
        bound: gate.bound,
        threshold: gate.threshold,
        value,
        status,
        severity: gate.config.severity,
        message,
        ...extra
    };
}
/**
 * A statistic undefined at the head. `base` is the same statistic at the
 * base, where one applies: when it had a value there, the gate fails whatever
 * on_undefined says, so that making a statistic undefined (one added rating,
 * a single category) cannot switch a gate off.
 */
function undefinedRow(gate, reason, value, base, extra = {}) {
    const definedAtBase = base != null && base.value !== null;
    const onUndefined = definedAtBase ? 'fail' : gate.config.on_undefined;
    const consequence = definedAtBase
        ? `it was ${formatGateNumber(gate.metric, base.value)} at the base, so the gate fails whatever on_undefined says`
        : onUndefined === 'pass'
            ? 'the gate passes (on_undefined: pass)'
            : onUndefined === 'warn'
                ? 'the gate warns (on_undefined: warn)'
                : 'the gate fails (set on_undefined to change this)';
    return {
        ...row(gate, 'undefined', value, `undefined: ${reason}; ${consequence}`, extra),
        severity: onUndefined === 'warn' ? 'warning' : gate.config.severity,
        on_undefined: onUndefined
    };
}
function baseValue(base) {
    return base === undefined ? {} : { base_value: base?.value ?? null };
}
/** Items a value rests on (annotations for reference metrics without an item count). */
function sizeOf(result) {
    return result.n_items ?? result.n ?? 0;
}
function unitOf(result) {
    return result.n_items !== undefined ? 'items' : 'annotations';
}
function intervalText(metric, result) {
    const ci = result.ci;
    return `${Math.round(ci.level * 100)}% interval [${formatGateNumber(metric, ci.low)}, ${formatGateNumber(metric, ci.high)}]`;
}
function testName(r) {
    return r.test === 'fisher-exact'
        ? "Fisher's exact"
        : r.test === 'z'
            ? 'z-test'
            : '';
}
/** `p < 0.001` or `p = 0.038`. */
function formatP(p) {
    return p < 0.001 ? 'p < 0.001' : `p = ${p.toPrecision(2)}`;
}
function compareIds(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Agreement weight of categories at positions i and j out of K (Cohen 1968,
 * "Weighted kappa", with the usual linear and quadratic choices):
 * linear 1 − |i − j|/(K − 1), quadratic 1 − (i − j)²/(K − 1)². Positions in
 * `Ratings.categories`, not label values; declared-but-unused categories keep
 * their position, so K is the size of the category list.
 */
function agreementWeight(weighting, i, j, K) {
    if (i === j)
        return 1;
    if (weighting === 'unweighted' || K < 2)
        return 0;
    const d = Math.abs(i - j) / (K - 1);
    return weighting === 'linear' ? 1 - d : 1 - d * d;
}
/**
 * Cohen's kappa of a K×K table of counts o (rows: annotator a):
 *   kappa = (p_o − p_e) / (1 − p_e), p_o = Σ w_ij o_ij / n,
 *   p_e = Σ w_ij r_i c_j / n²   (Cohen 1960 eq. 1; Cohen 1968 eqs. 2-4),
 * computed as (n Σ w o − Σ w r c) / (n² − Σ w r c), which is exact for the
 * unweighted case. Null when there is no item or chance agreement is 1.
 */
function kappaOfTable(counts, K, weighting = 'unweighted') {
    const rows = new Float64Array(K);
    const cols = new Float64Array(K);
    let n = 0;
    for (let i = 0; i < K; i++)
        for (let j = 0; j < K; j++) {
            const o = counts[i * K + j];
            rows[i] += o;
            cols[j] += o;
            n += o;
        }
    if (n === 0)
        return null;
    let observed = 0;
    let chance = 0;
    for (let i = 0; i < K; i++)
        for (let j = 0; j < K; j++) {
            const w = agreementWeight(weighting, i, j, K);
            if (w === 0)
                continue;
            observed += w * counts[i * K + j];
            chance += w * rows[i] * cols[j];
        }
    const denominator = n * n - chance;
    if (denominator === 0)
        return null;
    return (n * observed - chance) / denominator;
}
/** Share of the table's items on which the two annotators agree exactly. */
function agreementOfTable(counts, K) {
    let n = 0;
    let same = 0;
    for (let i = 0; i < K; i++)
        for (let j = 0; j < K; j++) {
            n += counts[i * K + j];
            if (i === j)
                same += counts[i * K + j];
        }
    return n === 0 ? null : same / n;
}
/**
 * The table of the only two annotators who rated anything, or why there is
 * none: two-rater coefficients (Cohen, Scott) are computed on the items both
 * rated, and only when exactly two annotators rated anything.
 */
function soleAnnotatorPair(groups, pairs, coefficient, instead) {
    const raters = groups.raters.length;
    if (raters !== 2)
        return raters === 0
            ? 'no ratings'
            : `${raters} annotator${raters === 1 ? '' : 's'}; ${coefficient} needs exactly two (see ${instead})`;
    const table = pairs.get(groups.raters[0], groups.raters[1]);
    if (table === undefined || table.n === 0)
        return 'the two annotators share no item';
    return table;
}
const CHANCE_IS_ONE = 'both annotators used one and the same category on their shared items, so chance agreement is 1';
/**
 * Cohen's kappa (Cohen 1960) and weighted kappa (Cohen 1968) for exactly two
 * annotators, on the items both rated. Weighted kappas need ordered labels.
 * `n_items` is the number of shared items, `n` their ratings.
 */
function cohenKappa(groups, pairs, level, weighting = 'unweighted') {
    if (weighting !== 'unweighted' && level === 'nominal')
        return undefinedMetric(`nominal labels have no order, so ${weighting} weights do not apply`);
    const table = soleAnnotatorPair(groups, pairs, "Cohen's kappa", 'light_kappa');
    if (typeof table === 'string')
        return undefinedMetric(table);
    const extra = { n_items: table.n, n: 2 * table.n };
    const kappa = kappaOfTable(table.counts, pairs.nCategories, weighting);
    if (kappa === null)
        return undefinedMetric(CHANCE_IS_ONE, extra);
    return defined(kappa, extra);
}

/** Pairs sharing fewer items than this are left out of the kappa matrix. */
const MIN_PAIR_ITEMS = 2;
/**
 * Light's kappa (Light 1971, "Measures of response agreement for qualitative
 * data", Psychological Bulletin 76): the mean of Cohen's (1960) kappa over
 * annotator pairs. Here: every pair that shares at least two items gets its
 * kappa on those items, and the mean runs over the pairs whose kappa is
 * defined (missing ratings allowed, unlike Light's complete design).
 * `n_items` is the number of distinct items in those pairs.
 */
function lightKappa(ratings, groups, pairs) {
    const K = pairs.nCategories;
    const ids = ratings.annotatorIds;
    const counted = new Uint8Array(pairs.tables.length);
    const pairwise = [];
    pairs.tables.forEach((table, index) => {
        if (table.n < MIN_PAIR_ITEMS)
            return;
        const kappa = kappaOfTable(table.counts, K);
        if (kappa !== null)
            counted[index] = 1;
        const x = ids[table.a] ?? String(table.a);
        const y = ids[table.b] ?? String(table.b);
        pairwise.push({
            a: x < y ? x : y,
            b: x < y ? y : x,
            n_items: table.n,
            kappa,
            percent_agreement: agreementOfTable(table.counts, K)
        });
    });
    // Code-unit order, so the list is the same on every machine and locale.
    pairwise.sort((p, q) => p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0);
    let sum = 0;
    let withKappa = 0;
    for (const p of pairwise)
        if (p.kappa !== null) {
            sum += p.kappa;
            withKappa++;
        }
    if (groups.raters.length < 2)
        return {
            result: undefinedMetric(`${groups.raters.length} annotator${groups.raters.length === 1 ? '' : 's'}; Light's kappa needs at least two`),
            pairwise
        };
    if (pairwise.length === 0)
        return {
            result: undefinedMetric(`no two annotators share ${MIN_PAIR_ITEMS} or more items`),
            pairwise
        };
    if (withKappa === 0)
        return {
            result: undefinedMetric('no annotator pair has a defined kappa (each pair used one and the same category)'),
            pairwise
        };
    const items = itemsInPairs(ratings, groups, pairs, counted);
    return {
        result: defined(sum / withKappa, { n_items: items }),
        pairwise
    };
}
/** Items rated by at least one of the counted pairs (a second pass over items). */
function itemsInPairs(ratings, groups, pairs, counted) {
    const { start, order } = groups;
    const { annotator } = ratings;
    // Usually every co-occurring pair counts; then any two raters on an item
    // will do, and the pair lookups can be skipped.
    const all = counted.every((c) => c === 1);
    let items = 0;
    for (let i = 0; i + 1 < start.length; i++) {
        const to = start[i + 1];
        search: for (let p = start[i]; p < to; p++) {
            const x = annotator[order[p]];
            for (let q = p + 1; q < to; q++) {
                const y = annotator[order[q]];
                if (x !== y && (all || counted[pairs.index(x, y)] === 1)) {
                    items++;
                    break search;
                }
            }
        }
    }
    return items;
}

const NO_REFERENCE_ITEM = 'no rated item has a reference label';
/**
 * Per-item category counts for the plurality vote are kept densely (one row of
 * K counters per rated reference item) up to this many cells (64 MB); beyond
 * it, for example interval data with thousands of distinct values, ratings are
 * grouped by item instead, which costs O(ratings) memory whatever K is.
 */
const DENSE_VOTE_CELLS = 1 << 24;
/**
 * Metrics against trusted reference labels (DESIGN section 5), from additive
 * counts gathered in one pass over the ratings: the reference-by-annotator
 * confusion matrix, per-annotator compared/correct counts and, for the
 * plurality vote, per-item category counts.
 */
// The report and the drift analysis ask for the same version's figures;
// inputs are never mutated, so results are kept per (ratings, reference).
const computed = new WeakMap();
function computeReference(ratings, reference) {
    let byReference = computed.get(ratings);
    if (byReference === undefined) {
        byReference = new WeakMap();
        computed.set(ratings, byReference);
    }
    let result = byReference.get(reference);
    if (result === undefined) {
        result = referenceFigures(ratings, reference);
        byReference.set(reference, result);
    }
    return result;
}
function referenceFigures(ratings, reference) {
    const k = ratings.categories.length;
    const nAnnotators = ratings.nAnnotators;
    const refOf = reference.category;
    const nRatings = ratings.item.length;
    let referenceSize = 0;
    for (let i = 0; i < refOf.length; i++)
        if (refOf[i] >= 0)
            referenceSize++;
    const dense = referenceSize * k <= DENSE_VOTE_CELLS;
    const confusion = new Float64Array(k * k);
    const annotations = new Int32Array(nAnnotators);
    const compared = new Int32Array(nAnnotators);
    const correct = new Int32Array(nAnnotators);
    // Item code -> row in `votes` (-1 until the item's first rating is seen).
    const slot = new Int32Array(refOf.length).fill(-1);
    const votes = new Int32Array(dense ? referenceSize * k : 0);
    let referenceItems = 0;
    const { item, annotator, category } = ratings;
    for (let r = 0; r < nRatings; r++) {
        const a = annotator[r];
        annotations[a]++;
        const i = item[r];
        const truth = i < refOf.length ? refOf[i] : -1;
        if (truth < 0)
            continue;
        const c = category[r];
        confusion[truth * k + c]++;
        compared[a]++;
        if (c === truth)
            correct[a]++;
        let s = slot[i];
        if (s < 0)
            s = slot[i] = referenceItems++;
        if (dense)
            votes[s * k + c]++;
    }
    const majorityCorrect = dense
        ? pluralityHitsDense(votes, k, slot, refOf)
        : pluralityHitsGrouped(ratings, refOf, slot, referenceItems);
    let totalCompared = 0;
    let totalCorrect = 0;
    const annotatorResults = new Array(nAnnotators).fill(undefined);
    for (let a = 0; a < nAnnotators; a++) {
        if (annotations[a] === 0)
            continue;
        totalCompared += compared[a];
        totalCorrect += correct[a];
        annotatorResults[a] = {
            annotations: annotations[a],
            compared: compared[a],
            correct: correct[a],
            accuracy: proportion(correct[a], compared[a], compared[a], {
                reason: 'annotator rated no item with a reference label'
            })
        };
    }
    const metrics = {
        accuracy: proportion(totalCorrect, totalCompared, referenceItems),
        error_rate: proportion(totalCompared - totalCorrect, totalCompared, referenceItems),
        majority_vote_accuracy: referenceItems === 0
            ? undefinedMetric(NO_REFERENCE_ITEM, { n_items: 0 })
            : defined(majorityCorrect / referenceItems, {
                n_items: referenceItems
            })
    };
    return {
        metrics,
        annotators: annotatorResults,
        classes: classReports(ratings.categories, confusion),
        confusion: {
            labels: [...ratings.categories],
            matrix: Array.from({ length: k }, (_, row) => Array.from(confusion.subarray(row * k, row * k + k)))
        },
        referenceItems
    };
}
/** `hits / n` with its Wilson 95% interval; null with a reason when n is 0. */
function proportion(hits, n, nItems, { reason = NO_REFERENCE_ITEM } = {}) {
    if (n === 0)
        return undefinedMetric(reason, { n_items: nItems, n: 0 });
    return defined(hits / n, {
        n_items: nItems,
        n,
        ci: wilsonInterval(hits, n)
    });
}
/**
 * Counts reference items whose plurality label is the reference label. A tie
 * for the top count is a miss even when the reference is among the tied
 * labels (DESIGN section 5): the vote did not decide.
 */
function pluralityHitsDense(votes, k, slot, refOf) {
    let hits = 0;
    for (let i = 0; i < slot.length; i++) {
        const s = slot[i];
        if (s < 0)
            continue;
        if (isPluralityWinner(votes, s * k, k, refOf[i]))
            hits++;
    }
    return hits;
}
/** The same count without K counters per item: ratings grouped by item. */
function pluralityHitsGrouped(ratings, refOf, slot, nSlots) {
    const { item, category } = ratings;
    // Counting sort of the compared ratings by slot: start[s]..start[s + 1].
    const start = new Int32Array(nSlots + 1);
    for (let r = 0; r < item.length; r++) {
        const i = item[r];
        if (i < slot.length && slot[i] >= 0)
            start[slot[i] + 1]++;
    }
    for (let s = 0; s < nSlots; s++)
        start[s + 1] += start[s];
    const fill = start.slice(0, nSlots);
    const grouped = new Int32Array(start[nSlots]);
    const itemOfSlot = new Int32Array(nSlots);
    for (let r = 0; r < item.length; r++) {
        const i = item[r];
        const s = i < slot.length ? slot[i] : -1;
        if (s < 0)
            continue;
        grouped[fill[s]++] = category[r];
        itemOfSlot[s] = i;
    }
    const counts = new Int32Array(ratings.categories.length);
    let hits = 0;
    for (let s = 0; s < nSlots; s++) {
        const truth = refOf[itemOfSlot[s]];
        let best = 0;
        let tied = false;
        for (let j = start[s]; j < start[s + 1]; j++) {
            const n = ++counts[grouped[j]];
            if (n > best) {
                best = n;
                tied = false;
            }
            else if (n === best)
                tied = true;
        }
        // `tied` tracks the running maximum: a later label that overtakes clears it.
        if (!tied && counts[truth] === best)
            hits++;
        for (let j = start[s]; j < start[s + 1]; j++)
            counts[grouped[j]] = 0;
    }
    return hits;
}
function isPluralityWinner(votes, offset, k, truth) {
    const target = votes[offset + truth];
    if (target === 0)
        return false;
    for (let c = 0; c < k; c++) {
        if (c !== truth && votes[offset + c] >= target)
            return false;
    }
    return true;
}
/**
 * Per-class precision, recall and F1 from the confusion matrix (rows: reference,
 * columns: annotator label), as in scikit-learn's
 * `precision_recall_fscore_support(average=None)`: precision = TP / predicted,
 * recall = TP / support, F1 = 2PR / (P + R) (van Rijsbergen 1979, F with β = 1).
 *
 * Zero denominators: scikit-learn returns 0.0 (with an UndefinedMetricWarning)
 * by default, or 1.0 or NaN via `zero_division`. We return null instead, as for
 * every undefined metric (DESIGN section 5): a class nobody predicted has no
 * precision at all, and a 0 would fail a gate or drag a mean down for what is a
 * lack of data, not an error. F1 is null when P or R is null. When both are
 * defined and 0 (the class was predicted and present, never both at once), F1
 * is 0, as 2·TP / (2·TP + FP + FN) gives and scikit-learn reports.
 */
function classReports(labels, confusion) {
    const k = labels.length;
    return labels.map((label, c) => {
        let support = 0;
        let predicted = 0;
        for (let j = 0; j < k; j++) {
            support += confusion[c * k + j];
            predicted += confusion[j * k + c];
        }
        const tp = confusion[c * k + c];
        const precision = predicted === 0 ? null : tp / predicted;
        const recall = support === 0 ? null : tp / support;
        const f1 = precision === null || recall === null
            ? null
            : precision + recall === 0
                ? 0
                : (2 * precision * recall) / (precision + recall);
        return { label, support, predicted, precision, recall, f1 };
    });
}

/**
 * One-sided Fisher's exact test of the 2×2 table
 *
 *              correct     wrong
 *   sample 1   x1          n1 − x1
 *   sample 2   x2          n2 − x2
 *
 * with the alternative "sample 1's proportion is smaller" (R. A. Fisher,
 * "Statistical Methods for Research Workers", 1925; A. Agresti, "Categorical
 * Data Analysis", 3rd ed., 2013, section 3.5). Given all margins, x1 is
 * hypergeometric: N = n1 + n2 draws-population, K = x1 + x2 successes, n1
 * draws; the p-value is P(X ≤ x1). This is SciPy's
 * `fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative='less')`.
 *
 * The smaller tail is summed directly, outward from its inner end by the
 * ratio of neighbouring probabilities, so small p-values keep their relative
 * precision and no term overflows; the other tail is 1 minus it. Null when a
 * sample is empty.
 */
function fisherExactLess(x1, n1, x2, n2) {
    if (!(n1 > 0 && n2 > 0))
        return null;
    const N = n1 + n2;
    const K = x1 + x2;
    const low = Math.max(0, n1 - (N - K));
    const high = Math.min(K, n1);
    if (x1 <= low)
        return pmf(low, N, K, n1);
    if (x1 >= high)
        return 1;
    // The mode of the hypergeometric distribution.
    const mode = Math.floor(((n1 + 1) * (K + 1)) / (N + 2));
    if (x1 < mode)
        return tail(x1, -1, low, N, K, n1);
    return Math.max(0, 1 - tail(x1 + 1, 1, high, N, K, n1));
}
/** Σ P(X = k) for k from `start` stepping by `step` to `end` (inclusive). */
function tail(start, step, end, N, K, n) {
    let term = 1;
    let sum = 1;
    for (let k = start; k !== end; k += step) {
        // P(k + step) / P(k) for the hypergeometric distribution.
        term *=
            step === -1
                ? (k * (N - K - n + k)) / ((K - k + 1) * (n - k + 1))
                : ((K - k) * (n - k)) / ((k + 1) * (N - K - n + k + 1));
        sum += term;
        if (term < sum * Number.EPSILON)
            break;
    }
    return Math.min(1, sum * pmf(start, N, K, n));
}
/** P(X = k) = C(K, k) C(N − K, n − k) / C(N, n), through ln Γ. */
function pmf(k, N, K, n) {
    return Math.exp(logChoose(K, k) + logChoose(N - K, n - k) - logChoose(N, n));
}
function logChoose(a, b) {
    return gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1);
}

/** Every expected cell count at least this: the z-test's normal approximation is used. */
const MIN_EXPECTED_FOR_Z = 5;
/**
 * Has the proportion x1/n1 (the change) fallen below x2/n2 (the base)? The
 * pooled two-proportion z-test when every expected count of the 2×2 table
 * under equal proportions is at least 5 (W. G. Cochran, "Some methods for
 * strengthening the common χ² tests", Biometrics 10, 1954); otherwise, and
 * always when a count is that small, one-sided Fisher's exact test, which
 * is valid at any size (and conservative: its p-value is never below the
 * exact level). Null when a sample is empty; when the pooled proportion is 0
 * or 1 nothing can have fallen and the p-value is 1.
 */
function proportionDropTest(x1, n1, x2, n2) {
    if (!(n1 > 0 && n2 > 0))
        return null;
    const N = n1 + n2;
    const successes = x1 + x2;
    const failures = N - successes;
    const smallest = (Math.min(n1, n2) * Math.min(successes, failures)) / N;
    if (smallest >= MIN_EXPECTED_FOR_Z) {
        const z = twoProportionZTest(x1, n1, x2, n2);
        if (z !== null)
            return { test: 'z', z: z.z, pValue: z.pValue };
    }
    const p = fisherExactLess(x1, n1, x2, n2);
    return p === null ? null : { test: 'fisher-exact', z: null, pValue: p };
}

const DEFAULT_ALPHA = 0.05;
const DEFAULT_MIN_ITEMS = 20;
/**
 * Per annotator of the head: has their accuracy against the reference dropped
 * in this change? Accuracy (correct / rated reference items, with its Wilson
 * 95% interval, as `annotators.*.accuracy` in the report) at the base, in the
 * change's slice `changed` (e.g. the head ratings the change added or
 * relabeled, cut with `sliceRatings`) and at the head.
 *
 * The test (`proportionDropTest`), one-sided (H1: slice < base): the pooled
 * two-proportion z-test, as statsmodels' `proportions_ztest(alternative=
 * 'smaller')`, when every expected count of the 2×2 table is at least 5,
 * else Fisher's exact test, as SciPy's `fisher_exact(alternative='less')`,
 * so a handful of ratings never gives a tiny p-value. The two samples are
 * treated as independent; they are disjoint ratings (the slice holds only
 * added or relabeled annotations), though by the same person. A flag needs
 * p < alpha and at least `minItems` reference items on both sides.
 *
 * Kappa: the mean, over the other annotators sharing >= 2 items with this one,
 * of unweighted Cohen's kappa on the shared items (the annotator's row of the
 * `light_kappa` matrix); pairs whose kappa is undefined are left out.
 *
 * Base and head are interned independently, so annotators are matched by id.
 * `changed` is read against the head's reference; it may share the head's code
 * spaces (a slice) or have its own, matched by item id and label text.
 *
 * Rows: flagged first, then the largest drop, then no drop, then by id.
 */
function annotatorDrift(base, head, changed, options = {}) {
    const alpha = options.alpha ?? DEFAULT_ALPHA;
    const minItems = options.minItems ?? DEFAULT_MIN_ITEMS;
    const headAccuracy = accuracyById(head.ratings, head.reference);
    const baseAccuracy = base === null ? null : accuracyById(base.ratings, base.reference);
    const changedReference = head.reference === null
        ? null
        : referenceFor(changed, head.ratings, head.reference);
    const changedAccuracy = accuracyById(changed, changedReference);
    const headKappa = meanKappaById(head.ratings);
    const baseKappa = base === null ? null : meanKappaById(base.ratings);
    const rows = [];
    for (const id of headAccuracy.rated) {
        const baseResult = baseAccuracy === null
            ? undefinedMetric('no base version')
            : baseAccuracy.result(id, 'at the base');
        const changedResult = changedAccuracy.result(id, 'in the change');
        const headResult = headAccuracy.result(id, 'at the head');
        const drop = baseResult.value !== null && changedResult.value !== null
            ? baseResult.value - changedResult.value
            : null;
        const slice = changedAccuracy.counts.get(id);
        const before = baseAccuracy?.counts.get(id);
        const test = slice === undefined || before === undefined
            ? null
            : proportionDropTest(slice.correct, slice.compared, before.correct, before.compared);
        const flagged = test !== null &&
            test.pValue < alpha &&
            slice.compared >= minItems &&
            before.compared >= minItems;
        rows.push({
            annotator: id,
            base: baseResult,
            changed: changedResult,
            head: headResult,
            drop,
            z: test?.z ?? null,
            p_value: test?.pValue ?? null,
            test: test?.test ?? null,
            flagged,
            kappa_base: baseKappa === null
                ? undefinedMetric('no base version')
                : baseKappa(id, 'at the base'),
            kappa_head: headKappa(id, 'at the head')
        });
    }
    return rows.sort((x, y) => Number(y.flagged) - Number(x.flagged) ||
        (y.drop ?? -Infinity) - (x.drop ?? -Infinity) ||
        compareText$2(x.annotator, y.annotator));
}
/** Per-annotator accuracy of one version (`computeReference`), keyed by id. */
function accuracyById(ratings, reference) {
    const groups = groupByItem(ratings);
    const rated = Array.from(groups.raters, (a) => ratings.annotatorIds[a]);
    const counts = new Map();
    const results = new Map();
    if (reference !== null) {
        const { annotators } = computeReference(ratings, reference);
        annotators.forEach((entry, a) => {
            if (entry === undefined)
                return;
            const id = ratings.annotatorIds[a];
            counts.set(id, { compared: entry.compared, correct: entry.correct });
            results.set(id, entry.accuracy);
        });
    }
    const present = new Set(rated);
    return {
        rated,
        counts,
        result(id, where) {
            if (!present.has(id))
                return undefinedMetric(`the annotator has no annotation ${where}`);
            if (reference === null)
                return undefinedMetric(`no reference labels ${where}`);
            return (results.get(id) ??
                undefinedMetric('annotator rated no item with a reference label'));
        }
    };
}
/**
 * The reference in the code spaces of `target`: the same object when target
 * shares the source's item and category spaces (a `sliceRatings` slice),
 * else matched by item id and label text.
 */
function referenceFor(target, source, reference) {
    // A slice of the head shares its code spaces: compare the spaces, not the
    // id arrays, which would decode every id of the version.
    const sameItems = target.itemSpace !== undefined
        ? target.itemSpace === source.itemSpace
        : target.itemIds === source.itemIds;
    if (sameItems && target.categories === source.categories)
        return reference;
    const items = mapCodes(target.itemIds, source.itemIds);
    const labels = mapCodes(source.categories, target.categories);
    const category = new Int32Array(Math.max(0, target.nItems)).fill(-1);
    let size = 0;
    for (let i = 0; i < category.length; i++) {
        const j = items[i] ?? -1;
        const truth = j >= 0 ? (reference.category[j] ?? -1) : -1;
        const k = truth >= 0 ? (labels[truth] ?? -1) : -1;
        if (k < 0)
            continue;
        category[i] = k;
        size++;
    }
    return { category, size };
}
/** Each annotator's mean pairwise Cohen's kappa, looked up by id. */
function meanKappaById(ratings) {
    const groups = groupByItem(ratings);
    const pairs = countPairs(ratings, groups);
    const K = pairs.nCategories;
    const nA = Math.max(0, ratings.nAnnotators);
    const sum = new Float64Array(nA);
    const withKappa = new Int32Array(nA);
    const partners = new Int32Array(nA);
    for (const table of pairs.tables) {
        if (table.n < MIN_PAIR_ITEMS)
            continue;
        partners[table.a]++;
        partners[table.b]++;
        const kappa = kappaOfTable(table.counts, K);
        if (kappa === null)
            continue;
        sum[table.a] += kappa;
        sum[table.b] += kappa;
        withKappa[table.a]++;
        withKappa[table.b]++;
    }
    const codeOf = new Map();
    for (const a of groups.raters)
        codeOf.set(ratings.annotatorIds[a], a);
    return (id, where) => {
        const a = codeOf.get(id);
        if (a === undefined)
            return undefinedMetric(`the annotator has no annotation ${where}`);
        if (partners[a] === 0)
            return undefinedMetric(`the annotator shares ${MIN_PAIR_ITEMS} or more items with no other annotator ${where}`);
        if (withKappa[a] === 0)
            return undefinedMetric(`no pair with this annotator has a defined kappa ${where} (each pair used one and the same category)`);
        return defined(sum[a] / withKappa[a]);
    };
}

/** 4211 -> "4,211", independent of the machine's locale. */
function formatCount$1(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/**
 * Collects problems, keeping at most `limit` of each kind (a plural noun such
 * as "conflicting duplicates") plus one summary line per kind, so that a broken
 * million-row file gives a readable report rather than a million entries.
 */
class ProblemLog {
    limit;
    kept = [];
    omitted = new Map();
    counts = new Map();
    constructor(limit = 1000) {
        this.limit = limit;
    }
    add(kind, problem) {
        const count = (this.counts.get(kind) ?? 0) + 1;
        this.counts.set(kind, count);
        if (count <= this.limit) {
            this.kept.push(problem);
            return;
        }
        const o = this.omitted.get(kind);
        if (o === undefined)
            this.omitted.set(kind, { count: 1, first: problem });
        else
            o.count++;
    }
    /** How many problems of this kind were added, kept or not. */
    count(kind) {
        return this.counts.get(kind) ?? 0;
    }
    /** The kept problems in the order added, then one summary per capped kind. */
    finish() {
        const summaries = [];
        for (const [kind, { count, first }] of this.omitted) {
            summaries.push({
                severity: first.severity,
                file: first.file,
                line: first.line,
                message: `... and ${formatCount$1(count)} more ${kind}`
            });
        }
        return [...this.kept, ...summaries];
    }
}

/** A clock this far behind the machine that wrote the labels is not an error. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Values quoted in messages are cut to this many characters. */
const QUOTE$1 = 60;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_THEN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*[^\d.:\s]/;
/**
 * Milliseconds since the epoch of an ISO 8601 date-time
 * (`YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`), or why it is not one.
 */
function parseTimestamp(text) {
    const m = ISO.exec(text);
    if (m === null) {
        if (DATE_ONLY.test(text)) {
            return {
                error: 'is a date only; it needs a time and a zone (ISO 8601, e.g. 2024-05-01T12:00:00Z)'
            };
        }
        // A date-time followed by a zone we cannot read (+0200, +2, UTC, a name).
        if (DATE_TIME_THEN.test(text)) {
            return {
                error: 'has an invalid zone; write Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00+02:00)'
            };
        }
        return {
            error: 'is not an ISO 8601 date-time with a zone (e.g. 2024-05-01T12:00:00Z)'
        };
    }
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    if (zone === undefined) {
        return {
            error: 'has no zone; add Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00Z)'
        };
    }
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = s === undefined ? 0 : Number(s);
    if (month < 1 ||
        month > 12 ||
        day < 1 ||
        day > daysIn(year, month) ||
        hour > 23 ||
        minute > 59 ||
        second > 59) {
        return { error: 'is not a real date and time' };
    }
    let offset = 0;
    if (zone !== 'Z') {
        const zh = Number(zone.slice(1, 3));
        const zm = Number(zone.slice(4, 6));
        if (zh > 23 || zm > 59) {
            return {
                error: 'has an invalid zone; write Z or ±HH:MM (ISO 8601, e.g. 2024-05-01T12:00:00+02:00)'
            };
        }
        offset = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
    }
    const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    // Date.UTC maps years 0-99 to 1900-1999.
    const fixed = year < 100 ? new Date(utc).setUTCFullYear(year, month - 1, day) : utc;
    return fixed - offset;
}
function daysIn(year, month) {
    if (month === 2) {
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
        return leap ? 29 : 28;
    }
    return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function quote(text) {
    return text.length > QUOTE$1 ? `'${text.slice(0, QUOTE$1)}...'` : `'${text}'`;
}
// Timestamp status per distinct value (code), judged once.
const UNSEEN = 0;
const VALID = 1;
const INVALID$1 = 2;
const FUTURE = 3;
const EMPTY$1 = 4;
/**
 * Checks the lineage fields of the ratings `keep` accepts (rating indices;
 * the change's added or relabeled ratings, or all). `rows` must hold every
 * lineage field as an extra column (the readers carry them when asked).
 * Problems: one per missing field and per bad timestamp, at the
 * annotation's file:line with the field named, at most 1,000 of a kind
 * plus a summary line.
 */
function checkLineage(ratings, rows, keep, options) {
    const { required, timestamp, severity } = options;
    const column = (name) => {
        const c = rows.extras.get(name);
        if (c === undefined) {
            throw new Error(`checkLineage: no column '${name}' was read`);
        }
        return c;
    };
    const requiredColumns = required.map(column);
    const emptyCodes = requiredColumns.map((c) => c.values.get('') ?? -1);
    const missing = new Float64Array(required.length);
    const stamp = timestamp === undefined ? undefined : column(timestamp);
    const status = new Uint8Array(stamp?.values.size ?? 0);
    const stampMs = new Float64Array(status.length);
    const reasons = new Map();
    const limit = options.now === undefined ? Infinity : options.now.getTime() + CLOCK_SKEW_MS;
    const tool = rows.extras.get('tool');
    const toolCounts = tool === undefined ? null : new Float64Array(tool.values.size);
    const seenAnnotator = new Uint8Array(ratings.nAnnotators);
    const log = new ProblemLog();
    let checked = 0;
    let annotators = 0;
    let invalid = 0;
    let future = 0;
    let incomplete = 0;
    let first = Infinity;
    let last = -Infinity;
    const n = ratings.annotator.length;
    const rowOf = ratings.row;
    for (let k = 0; k < n; k++) {
        if (!keep(k))
            continue;
        checked++;
        const r = rowOf[k];
        const a = ratings.annotator[k];
        if (seenAnnotator[a] === 0) {
            seenAnnotator[a] = 1;
            annotators++;
        }
        if (toolCounts !== null)
            toolCounts[tool.code[r]]++;
        let bad = false;
        for (let f = 0; f < requiredColumns.length; f++) {
            if (requiredColumns[f].code[r] !== emptyCodes[f])
                continue;
            missing[f]++;
            bad = true;
            log.add(`annotations without ${required[f]}`, {
                severity,
                file: rows.files[rows.file[r]],
                line: rows.line[r],
                field: required[f],
                message: `lineage field '${required[f]}' is missing or empty (lineage.required)`
            });
        }
        if (stamp !== undefined) {
            const code = stamp.code[r];
            let s = status[code];
            if (s === UNSEEN) {
                const text = stamp.values.value(code);
                if (text === '')
                    s = EMPTY$1;
                else {
                    const parsed = parseTimestamp(text);
                    if (typeof parsed === 'number') {
                        stampMs[code] = parsed;
                        s = parsed > limit ? FUTURE : VALID;
                    }
                    else {
                        s = INVALID$1;
                        reasons.set(code, parsed.error);
                    }
                }
                status[code] = s;
            }
            if (s === VALID) {
                const ms = stampMs[code];
                if (ms < first)
                    first = ms;
                if (ms > last)
                    last = ms;
            }
            else if (s === INVALID$1 || s === FUTURE) {
                bad = true;
                const where = {
                    severity,
                    file: rows.files[rows.file[r]],
                    line: rows.line[r],
                    field: timestamp
                };
                const text = quote(stamp.values.value(code));
                if (s === INVALID$1) {
                    invalid++;
                    log.add('invalid timestamps', {
                        ...where,
                        message: `${timestamp} ${text} ${reasons.get(code)}`
                    });
                }
                else {
                    future++;
                    log.add('timestamps in the future', {
                        ...where,
                        message: `${timestamp} ${text} is in the future (more than 5 minutes after the check ran)`
                    });
                }
            }
        }
        if (bad)
            incomplete++;
    }
    let tools = null;
    if (toolCounts !== null) {
        // fromEntries: a tool named __proto__ is an own key like any other.
        const entries = [];
        toolCounts.forEach((count, code) => {
            const name = tool.values.value(code);
            if (count > 0 && name !== '')
                entries.push([name, count]);
        });
        entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        tools = Object.fromEntries(entries);
    }
    return {
        report: {
            scope: options.scope,
            required: [...required],
            timestamp: timestamp ?? null,
            severity,
            checked,
            missing: Object.fromEntries(required.map((f, i) => [f, missing[i]])),
            invalid_timestamps: invalid,
            future_timestamps: future,
            incomplete,
            tools,
            annotators,
            first: first === Infinity ? null : new Date(first).toISOString(),
            last: last === -Infinity ? null : new Date(last).toISOString()
        },
        problems: log.finish()
    };
}

const rank = { error: 0, warning: 1 };
/** Worst first, then by file and line, so output is stable and the first rows matter most. */
function compareProblems(a, b) {
    return (rank[a.severity] - rank[b.severity] ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
        a.line - b.line);
}

/**
 * Fleiss' kappa (Fleiss 1971, "Measuring nominal scale agreement among many
 * raters", eqs. 1-9): N items each rated m times;
 *   P̄ = (1/N) Σ_i Σ_j n_ij(n_ij − 1) / (m(m − 1)),
 *   p_j = Σ_i n_ij / (N m),  P̄_e = Σ_j p_j²,
 *   kappa = (P̄ − P̄_e) / (1 − P̄_e).
 * Defined only when every item with ratings has the same number m >= 2 of
 * them (items with no rating are not items); otherwise null with the range.
 */
function fleissKappa(stats) {
    const N = stats.ratedItems;
    const m = stats.maxRatingsPerItem;
    const extra = { n_items: N, n: stats.ratings };
    if (N === 0)
        return undefinedMetric('no ratings', extra);
    if (stats.minRatingsPerItem !== m)
        return undefinedMetric(`items have ${stats.minRatingsPerItem} to ${m} ratings; Fleiss' kappa needs the same number on every item`, extra);
    if (m < 2)
        return undefinedMetric("every item has a single rating; Fleiss' kappa needs at least two", extra);
    if (usedCategories(stats) < 2)
        return undefinedMetric('a single category is in use, so chance agreement is 1', extra);
    const observed = stats.agreementSum / N;
    let chance = 0;
    for (const total of stats.categoryTotals) {
        const p = total / (N * m);
        chance += p * p;
    }
    return defined((observed - chance) / (1 - chance), extra);
}

/**
 * Gwet's AC1 (Gwet 2008, "Computing inter-rater reliability and its variance
 * in the presence of high agreement", BJMSP 61, eqs. 14-15), exactly as R
 * irrCAC `gwet.ac1.raw` computes it for missing ratings:
 *   pa   = mean over items with >= 2 ratings of Σ_k r_ik(r_ik − 1) / (r_i(r_i − 1)),
 *   pi_k = mean over items with >= 1 rating of r_ik / r_i,
 *   pe   = Σ_k pi_k(1 − pi_k) / (q − 1),
 *   AC1  = (pa − pe) / (1 − pe).
 * q is the number of declared categories when the config declares them, else
 * the number of categories the ratings use (irrCAC's `categ.labels`). Always
 * nominal (unweighted), whatever the level. `n_items` counts the rated items
 * and `n` their ratings, since all of them enter pi_k.
 */
function gwetAc1(stats, declared) {
    const extra = { n_items: stats.ratedItems, n: stats.ratings };
    if (stats.ratedItems === 0)
        return undefinedMetric('no ratings', extra);
    const q = declared ? stats.nCategories : usedCategories(stats);
    if (q < 2)
        return undefinedMetric(`${q} ${declared ? 'declared' : 'used'} categor${q === 1 ? 'y' : 'ies'}; Gwet's AC1 needs at least two`, extra);
    if (stats.pairableItems === 0)
        return undefinedMetric('no item has two or more ratings', extra);
    const pa = stats.agreementSum / stats.pairableItems;
    let spread = 0;
    for (const shareSum of stats.categoryShareSum) {
        const pi = shareSum / stats.ratedItems;
        spread += pi * (1 - pi);
    }
    // pe <= 1/q <= 1/2, so the denominator is never 0.
    const pe = spread / (q - 1);
    return defined((pa - pe) / (1 - pe), extra);
}

/**
 * Krippendorff's squared difference functions δ²(c, k), from Krippendorff
 * (2011), "Computing Krippendorff's Alpha-Reliability", section E (metric
 * differences). Categories are indices into `Ratings.categories`.
 */
/** Nominal: 0 for the same value, 1 otherwise. */
function nominalDistance(c, k) {
    return c === k ? 0 : 1;
}
/** Interval: (c − k)² of the numeric values. */
function intervalDistance(vc, vk) {
    return (vc - vk) ** 2;
}
/**
 * Ratio: ((c − k) / (c + k))². Equal values are at distance 0 (also 0 and 0);
 * unequal values summing to 0 (negative values, not ratio data) give a
 * non-finite distance, which makes alpha null.
 */
function ratioDistance(vc, vk) {
    if (vc === vk)
        return 0;
    return ((vc - vk) / (vc + vk)) ** 2;
}
/**
 * Ordinal: δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², for c ≤ k in the
 * category order, where n_g is the number of pairable values g (the
 * coincidence marginals). Ranks, not values, so a category nobody used adds
 * nothing, but keeps its place.
 */
function ordinalDistances(marginals) {
    const K = marginals.length;
    const prefix = new Float64Array(K + 1);
    for (let g = 0; g < K; g++)
        prefix[g + 1] = prefix[g] + marginals[g];
    const d = new Float64Array(K * K);
    for (let c = 0; c < K; c++) {
        for (let k = c + 1; k < K; k++) {
            const between = prefix[k + 1] - prefix[c] - (marginals[c] + marginals[k]) / 2;
            d[c * K + k] = between * between;
            d[k * K + c] = between * between;
        }
    }
    return d;
}
/**
 * The K×K matrix of δ² at a level, or a reason why there is none. Interval and
 * ratio need the categories' numeric values; ordinal needs the marginals.
 */
function distanceMatrix(level, values, marginals) {
    const K = marginals.length;
    if (level === 'ordinal')
        return ordinalDistances(marginals);
    if (level === 'nominal') {
        const d = new Float64Array(K * K);
        for (let c = 0; c < K; c++)
            for (let k = 0; k < K; k++)
                d[c * K + k] = nominalDistance(c, k);
        return d;
    }
    if (values === null || values.length < K)
        return `the ${level} level needs a numeric value for every category`;
    const distance = level === 'interval' ? intervalDistance : ratioDistance;
    const d = new Float64Array(K * K);
    for (let c = 0; c < K; c++)
        for (let k = 0; k < K; k++)
            d[c * K + k] = distance(values[c], values[k]);
    return d;
}

/**
 * Krippendorff's alpha by the coincidence-matrix method of Krippendorff
 * (2011), "Computing Krippendorff's Alpha-Reliability", sections C-E:
 *
 *   alpha = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 *
 * with o the coincidence matrix, n_c its marginals and n = Σ n_c the number of
 * pairable values. Units with fewer than two ratings are not pairable and are
 * left out (they are in neither o nor n_c). Any number of annotators, missing
 * ratings allowed. `n_items` is the number of pairable units, `n` of values.
 */
function krippendorffAlpha(stats, level, values) {
    const extra = { n_items: stats.pairableItems, n: stats.pairableRatings };
    if (stats.pairableItems === 0)
        return undefinedMetric('no item has two or more ratings (no pairable unit)', extra);
    const K = stats.nCategories;
    const marginals = stats.pairableTotals;
    const delta = distanceMatrix(level, values, marginals);
    if (typeof delta === 'string')
        return undefinedMetric(delta, extra);
    let observed = 0;
    let expected = 0;
    for (let c = 0; c < K; c++) {
        if (marginals[c] === 0)
            continue;
        for (let k = 0; k < K; k++) {
            if (marginals[k] === 0 || c === k)
                continue;
            const d = delta[c * K + k];
            if (!Number.isFinite(d))
                return undefinedMetric(`the ${level} distance between values ${c} and ${k} (category indices) is not finite`, extra);
            observed += stats.coincidence[c * K + k] * d;
            expected += marginals[c] * marginals[k] * d;
        }
    }
    if (expected === 0)
        return undefinedMetric('only one value is in use, so there is no expected disagreement', extra);
    return defined(1 - ((stats.pairableRatings - 1) * observed) / expected, extra);
}

/**
 * Percent agreement: the mean over items with at least two ratings of the
 * share of agreeing rating pairs within the item, Σ_k n_ik(n_ik − 1) /
 * (m_i(m_i − 1)) (Fleiss 1971, eq. 2, generalized to varying m_i as in
 * Gwet's irrCAC `pa.coeff.raw`). `n_items` counts those items, `n` their
 * ratings.
 */
function percentAgreement(stats) {
    const extra = { n_items: stats.pairableItems, n: stats.pairableRatings };
    if (stats.pairableItems === 0)
        return undefinedMetric('no item has two or more ratings', extra);
    return defined(stats.agreementSum / stats.pairableItems, extra);
}

/**
 * Scott's pi (Scott 1955, "Reliability of content analysis: the case of
 * nominal scale coding", eq. 1): like Cohen's kappa, but chance agreement
 * uses the two annotators' pooled category shares,
 *   p_k = (r_k + c_k) / (2n),  p_e = Σ_k p_k²,  pi = (p_o − p_e) / (1 − p_e),
 * computed as (4n·Σ o_kk − Σ (r_k + c_k)²) / (4n² − Σ (r_k + c_k)²).
 * Exactly two annotators, on the items both rated.
 */
function scottPi(groups, pairs) {
    const table = soleAnnotatorPair(groups, pairs, "Scott's pi", 'krippendorff_alpha');
    if (typeof table === 'string')
        return undefinedMetric(table);
    const K = pairs.nCategories;
    const extra = { n_items: table.n, n: 2 * table.n };
    const pooled = new Float64Array(K);
    let same = 0;
    for (let i = 0; i < K; i++)
        for (let j = 0; j < K; j++) {
            const o = table.counts[i * K + j];
            pooled[i] += o;
            pooled[j] += o;
            if (i === j)
                same += o;
        }
    let chance = 0;
    for (const p of pooled)
        chance += p * p;
    const n = table.n;
    const denominator = 4 * n * n - chance;
    if (denominator === 0)
        return undefinedMetric('a single category is in use on the shared items, so chance agreement is 1', extra);
    return defined((4 * n * same - chance) / denominator, extra);
}

/**
 * Every agreement coefficient of DESIGN section 5 from one set of sufficient
 * statistics: one counting sort by item, one pass for the per-item category
 * counts and their sums, one pass for the annotator-pair tables. A value is
 * null with a reason where the coefficient is undefined; never NaN, never a
 * thrown error.
 */
function computeAgreement(ratings) {
    const groups = groupByItem(ratings);
    const stats = summarizeItems(countCategories(ratings, groups));
    const pairs = countPairs(ratings, groups);
    const light = lightKappa(ratings, groups, pairs);
    const metrics = {
        percent_agreement: percentAgreement(stats),
        cohen_kappa: cohenKappa(groups, pairs, ratings.level),
        cohen_kappa_linear: cohenKappa(groups, pairs, ratings.level, 'linear'),
        cohen_kappa_quadratic: cohenKappa(groups, pairs, ratings.level, 'quadratic'),
        light_kappa: light.result,
        scott_pi: scottPi(groups, pairs),
        fleiss_kappa: fleissKappa(stats),
        krippendorff_alpha: krippendorffAlpha(stats, ratings.level, ratings.values),
        gwet_ac1: gwetAc1(stats, ratings.declared)
    };
    return { metrics, pairwise: light.pairwise };
}

/**
 * Every metric of one version (head, base or the change's slice) in report
 * shape. Reference metrics use `referenceRatings` when given: the change's
 * slice judges only the annotations the change added or relabeled.
 */
function buildVersionReport(ratings, reference, referenceRatings = ratings) {
    const agreement = computeAgreement(ratings);
    const ref = reference === null ? null : computeReference(referenceRatings, reference);
    const perAnnotator = new Int32Array(ratings.nAnnotators);
    const itemSeen = new Uint8Array(ratings.nItems);
    const perCategory = new Float64Array(ratings.categories.length);
    let items = 0;
    for (let r = 0; r < ratings.item.length; r++) {
        perAnnotator[ratings.annotator[r]]++;
        perCategory[ratings.category[r]]++;
        if (itemSeen[ratings.item[r]] === 0) {
            itemSeen[ratings.item[r]] = 1;
            items++;
        }
    }
    const noReference = undefinedMetric('no reference labels are configured');
    const referenceMetrics = {};
    for (const name of REFERENCE_METRICS) {
        referenceMetrics[name] = ref === null ? noReference : ref.metrics[name];
    }
    const annotators = [];
    let nAnnotators = 0;
    for (let a = 0; a < ratings.nAnnotators; a++) {
        if (perAnnotator[a] === 0)
            continue;
        nAnnotators++;
        annotators.push([
            ratings.annotatorIds[a],
            {
                annotations: perAnnotator[a],
                accuracy: ref?.annotators[a]?.accuracy ?? noReference
            }
        ]);
    }
    annotators.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    const distribution = ratings.categories.map((c, i) => [
        c,
        perCategory[i]
    ]);
    return {
        counts: {
            items,
            annotators: nAnnotators,
            annotations: ratings.item.length,
            reference_items: ref?.referenceItems ?? 0
        },
        metrics: { ...agreement.metrics, ...referenceMetrics },
        // fromEntries defines own properties, so an annotator called "__proto__" is safe.
        annotators: Object.fromEntries(annotators),
        distribution: Object.fromEntries(distribution),
        classes: ref?.classes ?? [],
        confusion: ref?.confusion ?? null,
        pairwise: agreement.pairwise
    };
}

/** Population of agreement and majority vote in the change's slice. */
const TOUCHED_POPULATION = 'all head ratings of the touched items';
/** Population of accuracy, error rate, classes and per-annotator rows. */
const CHANGED_POPULATION = 'annotations the change added or relabeled';
/** Slice metrics that rest on the added or relabeled annotations only. */
const CHANGED_ANNOTATION_METRICS = ['accuracy', 'error_rate'];
/**
 * The change's slice, one definition for every metric: the items the change
 * touched (an annotation added, removed or relabeled). Two populations of
 * those items, each metric stating which in `population`:
 * - agreement coefficients and `majority_vote_accuracy` use all head ratings
 *   of the touched items (an item's agreement or vote is a property of the
 *   item, not of the one rating that changed);
 * - `accuracy`, `error_rate`, the per-class table, the confusion matrix and
 *   every `annotators` row use the annotations the change added or relabeled,
 *   so a new batch is judged on its own. An annotators row lists an annotator
 *   with at least one such annotation; `annotations` counts them and
 *   `accuracy.n` those of them on reference items.
 * `counts` and `distribution` describe the touched items.
 */
function buildChangeReport(head, reference, diff) {
    const touched = sliceRatings(head, (r) => diff.touchedItems[head.item[r]] === 1);
    const changed = sliceRatings(head, (r) => diff.changedRatings[r] === 1);
    const base = buildVersionReport(touched, reference);
    const metrics = {};
    for (const [name, metric] of Object.entries(base.metrics)) {
        metrics[name] = stated(metric, TOUCHED_POPULATION, touched.item.length);
    }
    // The vote rests on the touched ratings of reference items.
    if (reference !== null) {
        const votes = computeReference(touched, reference).metrics.accuracy.n ?? 0;
        metrics.majority_vote_accuracy = stated(base.metrics.majority_vote_accuracy, TOUCHED_POPULATION, votes);
    }
    const ref = reference === null ? null : computeReference(changed, reference);
    const noReference = undefinedMetric('no reference labels are configured');
    for (const name of CHANGED_ANNOTATION_METRICS) {
        const metric = ref === null ? noReference : ref.metrics[name];
        metrics[name] = stated(metric, CHANGED_POPULATION, metric.n ?? 0);
    }
    const perAnnotator = new Int32Array(head.nAnnotators);
    for (let r = 0; r < changed.annotator.length; r++) {
        perAnnotator[changed.annotator[r]]++;
    }
    const annotators = [];
    for (let a = 0; a < head.nAnnotators; a++) {
        if (perAnnotator[a] === 0)
            continue;
        const accuracy = ref?.annotators[a]?.accuracy ?? noReference;
        annotators.push([
            head.annotatorIds[a],
            {
                annotations: perAnnotator[a],
                accuracy: stated(accuracy, CHANGED_POPULATION, accuracy.n ?? 0)
            }
        ]);
    }
    annotators.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    return {
        report: {
            ...base,
            metrics,
            // fromEntries defines own properties: an annotator "__proto__" is safe.
            annotators: Object.fromEntries(annotators),
            classes: ref?.classes ?? [],
            confusion: ref?.confusion ?? null
        },
        touched,
        changed
    };
}
/** The metric with its population and n (ratings it rests on) stated. */
function stated(metric, population, n) {
    return { ...metric, n: metric.n ?? n, population };
}

/** The JSON report lists this many adjudication rows; the queue file has all. */
const REPORT_ADJUDICATION_ROWS = 1000;
/**
 * Metrics of head, base and the change's slice, the diff, the governance
 * analyses and the gates of one dataset. `base` is undefined without a base
 * revision, null when the dataset does not exist at the base (a new dataset:
 * everything is added). `seed` (the head revision) makes the QC sample
 * reproducible for a commit. `now` is the clock for the lineage check's
 * timestamps (the core keeps none; without it no timestamp is "future").
 */
async function evaluateDataset(dataset, head, base, timed, seed, schema, now, judge = 'state') {
    const headReport = await timed('metrics', () => buildVersionReport(head.ratings, head.reference));
    let baseReport = null;
    let changedReport = null;
    let diff = null;
    let shift = null;
    const schemaChange = schema?.change ?? null;
    let baseRatings = null;
    let addedSlice = null;
    const schemaProblems = schema?.problems ?? [];
    if (base !== undefined) {
        baseRatings = base?.ratings ?? null;
        const compared = baseRatings ?? sliceRatings(head.ratings, () => false);
        await timed('metrics', () => {
            if (base !== null) {
                baseReport = buildVersionReport(compared, base.reference);
            }
            const d = diffRatings(compared, head.ratings);
            diff = d;
            // The change's slice: one definition, two named populations.
            const slice = buildChangeReport(head.ratings, head.reference, d);
            addedSlice = slice.changed;
            changedReport = slice.report;
            shift = labelShift(compared, head.ratings, d.changedRatings);
        });
    }
    const d = diff;
    const governance = await timed('metrics', () => {
        let adjudication = null;
        if (dataset.adjudication !== undefined) {
            const a = dataset.adjudication;
            adjudication = adjudicationQueue(head.ratings, head.reference, {
                minShare: a.min_share,
                tieBreak: a.tie_break,
                senior: a.senior,
                // Without a base there is no change: the whole head is the slice.
                items: a.scope === 'changed' && d !== null ? d.touchedItems : undefined
            });
        }
        let qc = null;
        if (dataset.qc_sample !== undefined) {
            const q = dataset.qc_sample;
            const keep = q.scope === 'changed' && d !== null
                ? (r) => d.changedRatings[r] === 1
                : () => true;
            qc = qcSample(head.ratings, keep, 'size' in q
                ? { size: q.size }
                : { margin: q.margin, confidence: q.confidence }, seed);
        }
        let drift = [];
        if (base !== undefined && addedSlice !== null) {
            drift = annotatorDrift(base === null || baseRatings === null
                ? null
                : { ratings: baseRatings, reference: base.reference }, { ratings: head.ratings, reference: head.reference }, addedSlice, { minItems: dataset.gates['annotator.drift']?.min_items });
        }
        let lineage = null;
        if (dataset.lineage !== undefined && head.lineage !== null) {
            const l = dataset.lineage;
            // Without a base there is no change: every annotation is in scope,
            // and the report says so.
            const changed = l.scope === 'changed' && d !== null;
            lineage = checkLineage(head.ratings, head.lineage, changed ? (r) => d.changedRatings[r] === 1 : () => true, {
                required: l.required,
                timestamp: l.timestamp,
                scope: changed ? 'changed' : 'all',
                severity: l.severity,
                now
            });
        }
        return { adjudication, qc, drift, lineage };
    });
    const gates = evaluateGates(dataset.gates, {
        head: headReport,
        base: baseReport,
        changed: changedReport,
        labelShift: shift,
        drift: base === undefined ? null : governance.drift,
        judge: base === undefined ? 'state' : judge,
        changedAnnotators: annotatorsOf(addedSlice)
    });
    const problems = [
        ...head.problems,
        ...schemaProblems,
        ...(governance.lineage?.problems ?? [])
    ].sort(compareProblems);
    const passed = !gates.some((g) => gateEffect(g) === 'error') &&
        !problems.some((p) => p.severity === 'error');
    const queue = governance.adjudication;
    return {
        report: {
            name: dataset.name,
            passed,
            level: dataset.level,
            files: head.files,
            reference_files: head.referenceFiles,
            head: headReport,
            base: baseReport,
            changed: changedReport,
            diff: d?.report ?? null,
            relabeled: d?.relabeled ?? [],
            label_shift: shift,
            schema_change: schemaChange,
            adjudication: queue === null
                ? null
                : {
                    scope: dataset.adjudication.scope,
                    total: queue.rows.length,
                    counts: queue.counts,
                    annotators: queue.annotators,
                    rows: queue.rows.slice(0, REPORT_ADJUDICATION_ROWS)
                },
            qc_sample: governance.qc,
            annotator_drift: governance.drift,
            lineage: governance.lineage?.report ?? null,
            gates,
            problems
        },
        artifacts: {
            name: dataset.name,
            adjudication: queue,
            qcSample: governance.qc
        }
    };
}
/** Annotator ids with a rating in `ratings` (the change's added or relabeled ones). */
function annotatorsOf(ratings) {
    if (ratings === null)
        return null;
    const ids = new Set();
    for (let r = 0; r < ratings.annotator.length; r++) {
        ids.add(ratings.annotatorIds[ratings.annotator[r]]);
    }
    return ids;
}

function getEnumValues(entries) {
    const numericValues = Object.values(entries).filter((v) => typeof v === "number");
    const values = Object.entries(entries)
        .filter(([k, _]) => numericValues.indexOf(+k) === -1)
        .map(([_, v]) => v);
    return values;
}
function joinValues(array, separator = "|") {
    return array.map((val) => stringifyPrimitive(val)).join(separator);
}
function jsonStringifyReplacer(_, value) {
    if (typeof value === "bigint")
        return value.toString();
    return value;
}
// the accessor lives on a shared prototype: an own accessor makes every box a dictionary-mode object (~360 B and a slow load per read against ~100 B and an inlined getter here)
class Cached {
    constructor(getter) {
        this._getter = getter;
        this._value = undefined;
    }
    get value() {
        const getter = this._getter;
        if (getter !== undefined) {
            this._value = getter();
            this._getter = undefined;
        }
        return this._value;
    }
}
function cached(getter) {
    return new Cached(getter);
}
function nullish(input) {
    return input === null || input === undefined;
}
function cleanRegex(source) {
    const start = source.startsWith("^") ? 1 : 0;
    const end = source.endsWith("$") ? source.length - 1 : source.length;
    return source.slice(start, end);
}
function floatSafeRemainder(val, step) {
    const ratio = val / step;
    const roundedRatio = Math.round(ratio);
    // `val` and `step` each round to a double before the division rounds again, so a true decimal multiple's quotient can sit up to 1.5 of these scaled epsilons from the integer. A 1x tolerance therefore rejected 2.03 as a multiple of 0.07; 4x covers the worst case with margin.
    const tolerance = 4 * Number.EPSILON * Math.max(Math.abs(ratio), 1);
    if (Math.abs(ratio - roundedRatio) < tolerance)
        return 0;
    return ratio - roundedRatio;
}
function assignProp(target, prop, value) {
    Object.defineProperty(target, prop, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
    });
}
/**
 * Whichever object a def's `shape` currently answers from: the one the caller passed until the first read, the frozen copy after it.
 *
 * Its keys and descriptors read without invoking anything, which is what lets a discriminated union check its discriminator, and the cycle walk read a shape, without resolving a getter that references the schema being constructed. A def that answers `shape` from an accessor of its own has none.
 */
function rawShape(def) {
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    return desc?.get ? desc.get.raw : desc?.value;
}
// where a builder reads its source's keys and descriptors, resolving only a shape a def answers for itself. A shape resolves by object spread, so only its enumerable keys are ever part of it.
function sourceShape(schema) {
    return rawShape(schema._zod.def) ?? schema._zod.def.shape;
}
// a key whose value is not settled yet, self-caching so every read after the first gets the same one
function deferProp(target, key, getter) {
    Object.defineProperty(target, key, {
        get() {
            const value = getter();
            assignProp(this, key, value);
            return value;
        },
        enumerable: true,
        configurable: true,
    });
}
// Writes a settled key. A plain assignment is much cheaper than `defineProperty` and produces the same descriptor, but it runs whatever setter already answers to the key — an accessor this shape deferred, or an inherited one, which `__proto__` has on every object and prototype pollution can add for any name.
function putProp(target, key, value) {
    if (key in target)
        assignProp(target, key, value);
    else
        target[key] = value;
}
/**
 * Copies `keys` of `source`'s shape onto `target`, each value passed through `wrap`.
 *
 * A key the source has resolved is copied through now, so the derived shape states it outright and nothing has to resolve it to learn what it holds. A key the source still defers stays deferred, and reads back through the source's own `shape`, so it resolves once and both shapes get that one schema.
 */
function mirrorShape(target, source, keys, wrap) {
    const raw = sourceShape(source);
    for (const key of keys) {
        const desc = Object.getOwnPropertyDescriptor(raw, key);
        if (!desc.enumerable)
            continue;
        if (desc.get) {
            deferProp(target, key, () => {
                const value = source._zod.def.shape[key];
                return wrap ? wrap(value, key) : value;
            });
        }
        else
            putProp(target, key, wrap ? wrap(desc.value, key) : desc.value);
    }
}
// same, for a plain shape a caller passed rather than a schema's
function mirrorProps(target, source) {
    for (const key of Reflect.ownKeys(source)) {
        const desc = Object.getOwnPropertyDescriptor(source, key);
        if (!desc.enumerable)
            continue;
        if (desc.get)
            deferProp(target, key, () => source[key]);
        else
            putProp(target, key, desc.value);
    }
}
function mergeDefs(...defs) {
    const mergedDescriptors = {};
    for (const def of defs) {
        const descriptors = Object.getOwnPropertyDescriptors(def);
        Object.assign(mergedDescriptors, descriptors);
    }
    return Object.defineProperties({}, mergedDescriptors);
}
function esc(str) {
    return JSON.stringify(str);
}
function slugify(input) {
    return input
        .toLowerCase()
        .trim()
        .replace(/[^\w\s-]/g, "")
        .replace(/[\s_-]+/g, "-")
        .replace(/^-+|-+$/g, "");
}
const captureStackTrace = ("captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => { });
function isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
const allowsEval = /* @__PURE__*/ cached(() => {
    // Skip the probe under `jitless`: strict CSPs report the caught `new Function` as a `securitypolicyviolation` even though the throw is swallowed.
    if (globalConfig.jitless) {
        return false;
    }
    // @ts-ignore
    if (typeof navigator !== "undefined" && navigator?.userAgent?.includes("Cloudflare")) {
        return false;
    }
    try {
        const F = Function;
        new F("");
        return true;
    }
    catch (_) {
        return false;
    }
});
function isPlainObject(o) {
    if (isObject(o) === false)
        return false;
    // modified constructor
    const ctor = o.constructor;
    if (ctor === undefined)
        return true;
    if (typeof ctor !== "function")
        return true;
    // modified prototype
    const prot = ctor.prototype;
    if (isObject(prot) === false)
        return false;
    // ctor doesn't have static `isPrototypeOf`
    if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
        return false;
    }
    return true;
}
function shallowClone(o) {
    if (isPlainObject(o))
        return { ...o };
    if (Array.isArray(o))
        return [...o];
    if (o instanceof Map)
        return new Map(o);
    if (o instanceof Set)
        return new Set(o);
    return o;
}
const propertyKeyTypes = /* @__PURE__*/ new Set(["string", "number", "symbol"]);
function escapeRegex(str) {
    return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
// zod-specific utils
function clone(inst, def, params) {
    const cl = new inst._zod.constr(def ?? inst._zod.def);
    if (!def || params?.parent)
        cl._zod.parent = inst;
    return cl;
}
function normalizeParams(_params) {
    const params = _params;
    if (!params)
        return {};
    if (typeof params === "string")
        return { error: () => params };
    if (params?.message !== undefined) {
        if (params?.error !== undefined)
            throw new Error("Cannot specify both `message` and `error` params");
        params.error = params.message;
    }
    delete params.message;
    if (typeof params.error === "string")
        return { ...params, error: () => params.error };
    return params;
}
function stringifyPrimitive(value) {
    if (typeof value === "bigint")
        return value.toString() + "n";
    if (typeof value === "string")
        return `"${value}"`;
    return `${value}`;
}
function optionalKeys(shape) {
    return Object.keys(shape).filter((k) => {
        return shape[k]._zod.optin !== undefined && shape[k]._zod.optout === "optional";
    });
}

const NUMBER_FORMAT_RANGES = /*@__PURE__*/ (() => ({
    safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    int32: [-2147483648, 2147483647],
    uint32: [0, 4294967295],
    float32: [-34028234663852886e22, 3.4028234663852886e38],
    float64: [-Number.MAX_VALUE, Number.MAX_VALUE],
}))();
const BIGINT_FORMAT_RANGES = {
    int64: [/* @__PURE__*/ BigInt("-9223372036854775808"), /* @__PURE__*/ BigInt("9223372036854775807")],
    uint64: [/* @__PURE__*/ BigInt(0), /* @__PURE__*/ BigInt("18446744073709551615")],
};
function pick(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".pick() cannot be used on object schemas containing refinements");
    }
    const newShape = {};
    mirrorShape(newShape, schema, maskedKeys(schema, mask));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
// the mask keys that select something, checked against the source's shape without resolving it
function maskedKeys(schema, mask) {
    const raw = sourceShape(schema);
    const keys = [];
    // `for...in` skips symbols, so a symbol in the mask would select nothing
    for (const key of Reflect.ownKeys(mask)) {
        if (!Object.getOwnPropertyDescriptor(raw, key)?.enumerable) {
            throw new Error(`Unrecognized key: "${String(key)}"`);
        }
        if (mask[key])
            keys.push(key);
    }
    return keys;
}
function omit(schema, mask) {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(".omit() cannot be used on object schemas containing refinements");
    }
    const omitted = new Set(maskedKeys(schema, mask));
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)).filter((key) => !omitted.has(key)));
    return clone(schema, mergeDefs(currDef, { shape: newShape, checks: [] }));
}
function extend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to extend: expected a plain object");
    }
    const checks = schema._zod.def.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        // Only throw if new shape overlaps with existing shape. Use getOwnPropertyDescriptor to check key existence without accessing values
        const existingShape = sourceShape(schema);
        for (const key of Reflect.ownKeys(shape)) {
            if (Object.getOwnPropertyDescriptor(existingShape, key) !== undefined) {
                throw new Error("Cannot overwrite keys on object schemas containing refinements. Use `.safeExtend()` instead.");
            }
        }
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
// the source's keys, then the caller's overlaid on top
function extended(schema, shape) {
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)));
    mirrorProps(newShape, shape);
    return newShape;
}
function safeExtend(schema, shape) {
    if (!isPlainObject(shape)) {
        throw new Error("Invalid input to safeExtend: expected a plain object");
    }
    return clone(schema, mergeDefs(schema._zod.def, { shape: extended(schema, shape) }));
}
function merge$1(a, b) {
    if (!b?._zod?.def) {
        throw new Error("Invalid input to merge: expected an object schema. To merge a plain shape, use `.extend()`.");
    }
    if (a._zod.def.checks?.length) {
        throw new Error(".merge() cannot be used on object schemas containing refinements. Use .safeExtend() instead.");
    }
    const newShape = {};
    mirrorShape(newShape, a, Reflect.ownKeys(sourceShape(a)));
    mirrorShape(newShape, b, Reflect.ownKeys(sourceShape(b)));
    const def = mergeDefs(a._zod.def, {
        shape: newShape,
        get catchall() {
            return b._zod.def.catchall;
        },
        checks: b._zod.def.checks ?? [],
    });
    return clone(a, def);
}
function partial(Class, schema, mask, name = "partial") {
    const currDef = schema._zod.def;
    const checks = currDef.checks;
    const hasChecks = checks && checks.length > 0;
    if (hasChecks) {
        throw new Error(`.${name}() cannot be used on object schemas containing refinements`);
    }
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), Class &&
        ((value, key) => (selected && !selected.has(key) ? value : new Class({ type: "optional", innerType: value }))));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape, checks: [] }));
}
function required(Class, schema, mask) {
    const selected = mask ? new Set(maskedKeys(schema, mask)) : undefined;
    const newShape = {};
    mirrorShape(newShape, schema, Reflect.ownKeys(sourceShape(schema)), (value, key) => 
    // overwrite with non-optional
    selected && !selected.has(key) ? value : new Class({ type: "nonoptional", innerType: value }));
    return clone(schema, mergeDefs(schema._zod.def, { shape: newShape }));
}
// invalid_type | too_big | too_small | invalid_format | not_multiple_of | unrecognized_keys | invalid_union | invalid_key | invalid_element | invalid_value | custom
function aborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue !== true) {
            return true;
        }
    }
    return false;
}
// Checks for explicit abort (continue === false), as opposed to implicit abort (continue === undefined). Used to respect `abort: true` in .refine() even for checks that have a `when` function.
function explicitlyAborted(x, startIndex = 0) {
    if (x.aborted === true)
        return true;
    for (let i = startIndex; i < x.issues.length; i++) {
        if (x.issues[i]?.continue === false) {
            return true;
        }
    }
    return false;
}
function prefixIssues(path, issues) {
    return issues.map((iss) => {
        var _a;
        (_a = iss).path ?? (_a.path = []);
        iss.path.unshift(path);
        return iss;
    });
}
function unwrapMessage(message) {
    return typeof message === "string" ? message : message?.message;
}
/* A check holds no link back to the schema it is attached to — the same check instance is shared by every clone of that schema — so the owner is stamped onto the issues a check just raised, at the only point where both are in scope. Runs on the failure path only; `start` is the issue count from before the check ran. */
/** The leading size checks of `defChecks` that set an upper bound, each paired with it. */
function sizeCaps(defChecks) {
    const caps = [];
    for (const ch of defChecks ?? []) {
        const d = ch._zod.def;
        // a later check may rewrite the value
        if (!/_(length|size)$|_equals$/.test(d.check))
            break;
        const max = d.maximum ?? d.length ?? d.size;
        if (max >= 0)
            caps.push([max, ch]);
    }
    return caps;
}
function attachSchema(issues, start, inst) {
    var _a;
    for (let i = start; i < issues.length; i++) {
        (_a = issues[i]).schema ?? (_a.schema = inst);
    }
}
function finalizeIssue(iss, ctx, config) {
    var _a;
    // A schema that raised an issue itself owns it outright, and outranks any stamp an enclosing check left in `attachSchema`. String formats and z.custom() are schema and check at once, so when they act as a check they defer to that stamp instead.
    const traits = iss.inst?._zod?.traits;
    if (traits?.has("$ZodType")) {
        if (traits.has("$ZodCheck"))
            (_a = iss).schema ?? (_a.schema = iss.inst);
        else
            iss.schema = iss.inst;
    }
    // Decreasing specificity, first map to return a message wins. `inst` is whatever raised the issue, so a check's own map outranks the owning schema's.
    const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : undefined;
    const message = iss.message
        ? iss.message
        : (unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ??
            unwrapMessage(schemaError?.(iss)) ??
            unwrapMessage(ctx?.error?.(iss)) ??
            unwrapMessage(config.customError?.(iss)) ??
            unwrapMessage(config.localeError?.(iss)) ??
            "Invalid input");
    // an explicit own-key copy beats object rest with excluded keys, which v8 routes through a generic runtime call; Object.keys rather than for-in so an issue pushed with a prototype does not leak inherited keys, and an own __proto__ key is dropped rather than assigned through the setter
    const full = {};
    for (const k of Object.keys(iss)) {
        if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
            continue;
        full[k] = iss[k];
    }
    full.path ?? (full.path = []);
    full.message = message;
    if (ctx?.reportInput) {
        full.input = iss.input;
    }
    return full;
}
const highSurrogate = /[\uD800-\uDBFF]/;
// Code points in `str`: a surrogate pair counts once, a lone surrogate as itself. Hand-rolled because the string iterator allocates and runs ~250x slower on this path; the regex probe exits ~50x quicker for a string with no astral characters.
function codePointLength(str) {
    const units = str.length;
    if (!highSurrogate.test(str))
        return units;
    let count = units;
    for (let i = 0; i < units - 1; i++) {
        if ((str.charCodeAt(i) & 0xfc00) === 0xd800 && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
            count--;
            i++;
        }
    }
    return count;
}
function getLengthableOrigin(input) {
    if (Array.isArray(input))
        return "array";
    if (typeof input === "string")
        return "string";
    return "unknown";
}
function parsedType(data) {
    const t = typeof data;
    switch (t) {
        case "number": {
            return Number.isNaN(data) ? "nan" : "number";
        }
        case "object": {
            if (data === null) {
                return "null";
            }
            if (Array.isArray(data)) {
                return "array";
            }
            const obj = data;
            if (obj && Object.getPrototypeOf(obj) !== Object.prototype && "constructor" in obj && obj.constructor) {
                return obj.constructor.name;
            }
        }
    }
    return t;
}
function issue(...args) {
    const [iss, input, inst] = args;
    if (typeof iss === "string") {
        return {
            message: iss,
            code: "custom",
            input,
            inst,
        };
    }
    return { ...iss };
}
//////////    PROTOTYPE INSTALLERS     //////////
//
// Members live on the prototype and materialize per instance on first read, which keeps own-property count under the step where V8 stops using inline slots. Changing anything here means re-measuring runtime, memory and bundle size together — see "The three axes" in AGENTS.md.
/**
 * Installs a trait's members on its prototype. Each value builds that member for the instance on first read; the built value shadows the accessor as an own property, so a detached `const { parse } = schema` keeps working.
 *
 * Call this from a `proto` initializer, which runs once per prototype — never per instance.
 */
function members(proto, table) {
    for (const key in table) {
        const desc = Object.getOwnPropertyDescriptor(table, key);
        // a getter installs as written, so it stays live: `description` reads through to the registry on every access. not enumerable: an object literal's is, and a prototype member never was
        if (desc.get)
            Object.defineProperty(proto, key, { ...desc, enumerable: false });
        // a method materializes bound on first read, which is what keeps a detached member working: `const opt = schema.optional; opt()`
        else
            defineBound(proto, key, desc.value);
    }
}
/** Shadows a prototype member with an own value, so a getter that builds from the instance runs once. */
function own(inst, key, value, enumerable = true) {
    Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
    return value;
}
/** Like {@link own}, for a member that was never an own data property and has to stay out of `Object.keys`. */
function hide(inst, key, value) {
    return own(inst, key, value, false);
}
/** Adds members a table derives from the instance: each builds on first read and shadows as own data, and assignment shadows the same way, as when these were own properties. */
function derived(computes, table) {
    for (const key in computes) {
        const compute = computes[key];
        // an object literal's accessor is configurable and enumerable, and `members` copies the descriptor as written
        Object.defineProperty(table, key, {
            configurable: true,
            enumerable: true,
            get() {
                return own(this, key, compute(this));
            },
            set(value) {
                own(this, key, value);
            },
        });
    }
    return table;
}
function defineBound(proto, key, fn) {
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // vitest's spyOn calls a prototype getter bare to find the function it wraps, so a nullish receiver answers the raw method
            return this == null ? fn : own(this, key, fn.bind(this));
        },
        set(value) {
            own(this, key, value);
        },
    });
}
/** Returns the prototype to install on, or `undefined` if this group is already installed on it. */
function claim(inst, sentinel) {
    const proto = Object.getPrototypeOf(inst);
    // Runs on every construction, so `in` rather than the costlier `hasOwnProperty.call`. Sentinels are keys the group itself defines.
    return sentinel in proto ? undefined : proto;
}
// The internals whose init chain is installing. A second call for the same one is a derived constructor overriding its base, so it must not construct another schema in between or the override is dropped.
let installing;
// Set while a getter is running, so a value that resolved through a recursion break is not memoized. One shared descriptor shadows the key for the duration, which costs no per-key allocation.
let broke = false;
const breaker = {
    configurable: true,
    get() {
        broke = true;
        return undefined;
    },
};
/**
 * Installs a lazily-derived internal on the `_zod` prototype of `inst`'s
 * constructor, computed from the internals object itself and cached there on
 * first read. One accessor per constructor rather than one per instance.
 */
function defineLazyInternal(inst, key, compute) {
    const proto = Object.getPrototypeOf(inst._zod);
    if (key in proto && installing !== inst._zod) {
        // A repeat construction: everything is installed already. Cleared here so the reference is not held past the first construction of every type.
        installing = undefined;
        return;
    }
    installing = inst._zod;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing so a re-entrant read from a recursive schema resolves to undefined instead of running the getter again.
            Object.defineProperty(this, key, breaker);
            const outer = broke;
            broke = false;
            try {
                const value = compute(this);
                // A result that resolved through a recursion break is recomputed once the graph is complete; everything else memoizes, undefined included.
                if (broke)
                    delete this[key];
                else
                    Object.defineProperty(this, key, { configurable: true, writable: true, value });
                broke = broke || outer;
                return value;
            }
            catch (err) {
                // A compute that threw memoizes nothing, so a later read runs it again and fails the same way. The shadow goes with it, since leaving it installed would answer undefined for every later read.
                delete this[key];
                broke = broke || outer;
                throw err;
            }
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, value });
        },
    });
}
/**
 * Installs `key` on `inst`'s prototype, computed by `make` on first read and cached there as an own
 * data property. One accessor per constructor rather than one per instance, because an own accessor
 * puts every instance after the first into v8 dictionary mode. The key doubles as the sentinel.
 */
function installLazyProp(inst, key, make, enumerable) {
    const proto = claim(inst, key);
    if (!proto)
        return;
    Object.defineProperty(proto, key, {
        configurable: true,
        get() {
            // Shadowed before computing, so a re-entrant read from a self-referential shape resolves to undefined instead of running the getter again. A data property rather than an accessor: an own accessor is the dictionary-mode transition this exists to avoid.
            const desc = { configurable: true, writable: true, enumerable, value: undefined };
            Object.defineProperty(this, key, desc);
            // a compute that throws leaves the shadow behind, so later reads answer undefined instead of re-throwing; `defineLazy` did the same, and `defineLazyInternal`'s delete-on-catch would cost bytes in every bundle for a case only a throwing user getter reaches
            desc.value = make(this);
            Object.defineProperty(this, key, desc);
            return desc.value;
        },
        set(value) {
            Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
        },
    });
}
/** Marks the thunk `_catch` synthesises for a constant catch value. `Function.length` cannot tell that thunk from a user callback — rest and defaulted parameters both report arity 0 — and a user callback reads `ctx.error`, whose issues only finalize correctly against the caller's per-parse error map. Provenance can say what arity cannot. A plain string key rather than `Symbol.for`, whose call at module scope no bundler can prove pure — the same shape that anchored `urlCanParse` into every build. */
const CONSTANT_CATCH = "~constantCatch";
/** Wraps a constant catch value in a thunk tagged with {@link CONSTANT_CATCH}. */
function constantCatch(value) {
    const fn = () => value;
    fn[CONSTANT_CATCH] = true;
    return fn;
}

var _a$1;
/* Shared descriptor for installing `_zod`; defineProperty reads it
 * synchronously, so reusing one object avoids a per-instance allocation. */
const _zodDesc = { value: undefined, enumerable: false };
// null where suppressing the capture would be unrecoverable: `parse()` puts the frames back with `captureStackTrace`, so without it the throw would lose its stack. also latched to null once `stackTraceLimit` proves unassignable, which a realm can do at any point by hardening Error
let _E = "captureStackTrace" in Error ? Error : null;
// v8 captures a stack trace inside the Error constructor, which dominates a failed parse; costs only the frames, and parse() restores those. the constructor must RUN: Object.create is cheaper and passes instanceof, but Error.isError and util.types.isNativeError check an internal slot
function newError(Definition) {
    const E = _E;
    if (E) {
        const saved = E.stackTraceLimit;
        if (typeof saved === "number") {
            try {
                E.stackTraceLimit = 0;
            }
            catch {
                _E = null;
                return new Definition();
            }
            try {
                return new Definition();
            }
            finally {
                E.stackTraceLimit = saved;
            }
        }
    }
    return new Definition();
}
function $constructor(name, initializer, 
/** This trait's members, installed once on every prototype that composes it. They cannot be declared in the initializer above: that runs per instance, and the prototype is shared. */
proto, params) {
    // Prototype for this constructor's `_zod` internals. Lazily-derived fields (`values`, `pattern`, `optin`, …) install here once rather than as an accessor on every instance.
    const zodProto = {};
    // Assigning the fields in the constructor body is what gives instances in-object slots; building the object literally and reparenting it costs a second allocation and a generic property copy.
    function Internals(def) {
        this.def = def;
        this.constr = _;
        this.traits = new Set();
    }
    Internals.prototype = zodProto;
    const protoMembers = proto;
    // One trait's members land on every prototype whose chain composes it, so the answer is per prototype rather than per trait.
    const initialized = protoMembers && new WeakSet();
    function init(inst, def) {
        if (!inst._zod) {
            _zodDesc.value = new Internals(def);
            try {
                Object.defineProperty(inst, "_zod", _zodDesc);
            }
            finally {
                // Cleared even on throw, so the shared descriptor never leaks one instance's internals into the next.
                _zodDesc.value = undefined;
            }
        }
        else if (inst._zod.traits.has(name)) {
            return;
        }
        inst._zod.traits.add(name);
        initializer(inst, def);
        if (initialized) {
            // `super(def)` from a user subclass gives `this` a prototype the subclass owns, and installing there would overwrite whatever the subclass declared. `constr` built the instance, so its prototype is the one below the subclass's that should carry the members. A receiver whose chain never reaches that prototype installs on its own, which for a plain object handed straight to `init` means `Object.prototype` — unchanged from before.
            const own = Object.getPrototypeOf(inst);
            const ctorProto = inst._zod.constr.prototype;
            let up = own;
            while (up && up !== ctorProto)
                up = Object.getPrototypeOf(up);
            const target = up ?? own;
            if (!initialized.has(target)) {
                initialized.add(target);
                members(target, protoMembers);
            }
        }
        // support prototype modifications; for-in avoids the array allocation of Object.keys on the (usually empty) prototype
        const proto = _.prototype;
        for (const k in proto) {
            if (!Object.prototype.hasOwnProperty.call(proto, k))
                continue;
            if (!(k in inst)) {
                inst[k] = proto[k].bind(inst);
            }
        }
    }
    // doesn't work if Parent has a constructor with arguments
    const Parent = params?.Parent ?? Object;
    class Definition extends Parent {
    }
    Object.defineProperty(Definition, "name", { value: name });
    function _(def) {
        const inst = params?.Parent ? newError(Definition) : this;
        init(inst, def);
        const deferred = inst._zod.deferred;
        if (deferred) {
            for (const fn of deferred) {
                fn();
            }
            // Released: initializers run once, and the list would otherwise be retained for the schema's lifetime.
            inst._zod.deferred = undefined;
        }
        // Global post-processor hook. Internal: installed by `import "zod/compile"` to enable AOT compilation for every constructed schema. Runs last, once the instance is fully built, because it hands the instance to compile(). The post-processor is expected to be reentrancy-guarded by its own implementation.
        const pp = globalThis.__zod_globalConfig?.postProcessor;
        if (pp)
            pp(inst);
        return inst;
    }
    Object.defineProperty(_, "init", { value: init });
    Object.defineProperty(_, Symbol.hasInstance, {
        value: (inst) => {
            if (params?.Parent && inst instanceof params.Parent)
                return true;
            return inst?._zod?.traits?.has(name);
        },
    });
    Object.defineProperty(_, "name", { value: name });
    return _;
}
class $ZodAsyncError extends Error {
    constructor() {
        super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
    }
}
class $ZodEncodeError extends Error {
    constructor(name) {
        super(`Encountered unidirectional transform during encode: ${name}`);
        this.name = "ZodEncodeError";
    }
}
(_a$1 = globalThis).__zod_globalConfig ?? (_a$1.__zod_globalConfig = {});
const globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
    if (newConfig)
        Object.assign(globalConfig, newConfig);
    return globalConfig;
}

/* Computing the message eagerly is expensive (pretty-printed JSON of all
 * issues), so defer it until first read. The accessor functions and
 * descriptors are shared across instances to keep error construction
 * cheap; the computed message is cached on the internals object. The
 * setter preserves plain assignment semantics for consumers that
 * overwrite `message`. */
function _getMessage() {
    const internals = this._zod;
    internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
    return internals.message;
}
function _setMessage(value) {
    this._zod.message = value;
}
const _messageDesc = {
    get: _getMessage,
    set: _setMessage,
    enumerable: true,
    configurable: true,
};
const _issuesDesc = { value: undefined, enumerable: false };
/* Prototypes that already carry the lazy `toString`. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
const initializer$1 = (inst, def) => {
    inst.name = "$ZodError";
    // `_zod` is already non-enumerable: $constructor's init defined it with this same descriptor
    _issuesDesc.value = def;
    Object.defineProperty(inst, "issues", _issuesDesc);
    // Clear the shared slot; a retained `value` pins the last error's issues.
    _issuesDesc.value = undefined;
    Object.defineProperty(inst, "message", _messageDesc);
    /* `toString` lives as a non-enumerable lazy getter on the shared
     * prototype; on first access it caches a per-instance closure so
     * detached usage still works. */
    const proto = Object.getPrototypeOf(inst);
    if (!_installedToString.has(proto)) {
        _installedToString.add(proto);
        Object.defineProperty(proto, "toString", {
            configurable: true,
            enumerable: false,
            get() {
                const value = () => this.message;
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
                return value;
            },
            set(value) {
                Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
            },
        });
    }
};
const $ZodError = $constructor("$ZodError", initializer$1);
/** Get-or-create `obj[key]` as an own data property. A path segment naming an inherited member
 * ("toString", "constructor") would otherwise read through to the prototype, and assigning
 * "__proto__" would hit the setter instead of creating a key. */
function node(obj, key, make) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) {
        if (key === "__proto__") {
            Object.defineProperty(obj, key, { value: make(), writable: true, enumerable: true, configurable: true });
        }
        else {
            obj[key] = make();
        }
    }
    return obj[key];
}
function flattenError(error, mapper = (issue) => issue.message) {
    const fieldErrors = {};
    const formErrors = [];
    for (const sub of error.issues) {
        if (sub.path.length > 0) {
            node(fieldErrors, sub.path[0], () => []).push(mapper(sub));
        }
        else {
            formErrors.push(mapper(sub));
        }
    }
    return { formErrors, fieldErrors };
}
function formatError(error, mapper = (issue) => issue.message) {
    const fieldErrors = { _errors: [] };
    const processError = (error, path = []) => {
        for (const issue of error.issues) {
            if (issue.code === "invalid_union" && issue.errors.length) {
                issue.errors.map((issues) => processError({ issues }, [...path, ...issue.path]));
            }
            else if (issue.code === "invalid_key") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else if (issue.code === "invalid_element") {
                processError({ issues: issue.issues }, [...path, ...issue.path]);
            }
            else {
                const fullpath = [...path, ...issue.path];
                if (fullpath.length === 0) {
                    fieldErrors._errors.push(mapper(issue));
                }
                else {
                    let curr = fieldErrors;
                    let i = 0;
                    while (i < fullpath.length) {
                        const el = fullpath[i];
                        const terminal = i === fullpath.length - 1;
                        // `_errors` is reserved by this legacy format, so merge a matching path segment into the current node instead of treating its array as a child.
                        if (el === "_errors") {
                            if (terminal)
                                curr._errors.push(mapper(issue));
                            i++;
                            continue;
                        }
                        // A path element may collide with an inherited property name such as
                        // "__proto__" or "constructor". Truthiness checks read the prototype
                        // (so no node is created, then ._errors.push throws), and bracket
                        // assignment of "__proto__" hits the setter instead of creating an
                        // own key. Guard the read with hasOwnProperty and create the node
                        // with defineProperty so any path element becomes a real own key.
                        if (!Object.prototype.hasOwnProperty.call(curr, el)) {
                            Object.defineProperty(curr, el, {
                                value: { _errors: [] },
                                enumerable: true,
                                writable: true,
                                configurable: true,
                            });
                        }
                        const node = curr[el];
                        if (terminal) {
                            node._errors.push(mapper(issue));
                        }
                        curr = node;
                        i++;
                    }
                }
            }
        }
    };
    processError(error);
    return fieldErrors;
}

// Always both keys, so the `_params` read site in `_parse` sees one object shape rather than two.
function finalizeParams(callee, params) {
    return { callee: params?.callee ?? callee, Err: params?.Err };
}
const _parse = (_Err) => {
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
        const result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise) {
            throw new $ZodAsyncError();
        }
        if (result.issues.length) {
            const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, _params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const _parseAsync = (_Err) => {
    const fn = async (schema, value, _ctx, params) => {
        const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
        let result = schema._zod.run({ value, issues: [] }, ctx);
        if (result instanceof Promise)
            result = await result;
        if (result.issues.length) {
            const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
            captureStackTrace(e, params?.callee ?? fn);
            throw e;
        }
        return result.value;
    };
    return fn;
};
const _safeParse = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
// the error is built on the first read of `error`: finalizing the issues and constructing the instance is most of a failing parse, and a caller that only branches on `success` never pays it. a getter in the literal keeps this small; the alternative, one shared accessor descriptor plus a hidden state slot, reads ~15% faster but costs ~75 B gzipped in every bundle
function failure(Err, issues, ctx) {
    let error;
    return {
        success: false,
        get error() {
            if (!error) {
                error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
                // finalizeIssue drops `input`, so the built error holds nothing; keeping the raw issues past this point pins the parsed value for the life of the result
                issues = undefined;
                ctx = undefined;
            }
            return error;
        },
        set error(e) {
            error = e;
            // a replacement makes the getter's branch unreachable, so the captures have to go here too
            issues = undefined;
            ctx = undefined;
        },
    };
}
const _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
// registry mirrors of the compiler's sentinels, so this module never imports the compiler
const COMPILE_INVALID = /* @__PURE__ */ Symbol.for("zod.compile.invalid");
const COMPILE_FALLBACK = /* @__PURE__ */ Symbol.for("zod.compile.fallback");
// Deliberately tiny, because v8 will not inline a body carrying the fallback's object literals and throw. Everything that is not the compiled happy path lives in validateFallback, and that split is worth ~35% on a compiled schema.
const validate = ((schema, value, _ctx) => {
    const validator = schema._zod.bag.validator;
    if (validator !== undefined) {
        if (validator(value) !== COMPILE_INVALID)
            return true;
        // a definite sentinel means the runtime would reject, so skip the re-parse; a ctx can still change the answer
        if (validator.definite === true && _ctx === undefined)
            return false;
    }
    return validateFallback(schema, value, _ctx);
});
function validateFallback(schema, value, _ctx) {
    const ctx = _ctx
        ? { ..._ctx, async: false, abortEarly: true }
        : { async: false, abortEarly: true };
    const fallbackRun = schema._zod.bag.fallbackRun;
    let result;
    if (fallbackRun) {
        // skip nested fast paths on the fallback, so user callbacks keep the at-most-twice bound
        ctx[COMPILE_FALLBACK] = true;
        result = fallbackRun({ value, issues: [] }, ctx);
    }
    else {
        result = schema._zod.run({ value, issues: [] }, ctx);
    }
    if (result instanceof Promise) {
        throw new $ZodAsyncError();
    }
    return result.issues.length === 0;
}
// no fast path: the compiler keeps async parses on the runtime, because a promise-returning callback that is not declared async compiles to a throw
const validateAsync$1 = async (schema, value, _ctx) => {
    const ctx = _ctx
        ? { ..._ctx, async: true, abortEarly: true }
        : { async: true, abortEarly: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
        result = await result;
    return result.issues.length === 0;
};
const _encode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return parse(schema, value, ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const _decode = (_Err) => {
    const parse = _parse(_Err);
    const fn = (schema, value, _ctx, _params) => {
        return parse(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const _encodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
        return (await parseAsync(schema, value, ctx, finalizeParams(fn, _params)));
    };
    return fn;
};
const _decodeAsync = (_Err) => {
    const parseAsync = _parseAsync(_Err);
    const fn = async (schema, value, _ctx, _params) => {
        return await parseAsync(schema, value, _ctx, finalizeParams(fn, _params));
    };
    return fn;
};
const _safeEncode = (_Err) => (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParse(_Err)(schema, value, ctx);
};
const _safeDecode = (_Err) => (schema, value, _ctx) => {
    return _safeParse(_Err)(schema, value, _ctx);
};
const _safeEncodeAsync = (_Err) => async (schema, value, _ctx) => {
    const ctx = _ctx ? { ..._ctx, direction: "backward" } : { direction: "backward" };
    return _safeParseAsync(_Err)(schema, value, ctx);
};
const _safeDecodeAsync = (_Err) => async (schema, value, _ctx) => {
    return _safeParseAsync(_Err)(schema, value, _ctx);
};

/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const cuid = /^[cC][0-9a-z]{6,}$/;
const cuid2 = /^[0-9a-z]+$/;
const ulid = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
const xid = /^[0-9a-vA-V]{20}$/;
const ksuid = /^[A-Za-z0-9]{27}$/;
const nanoid = /^[a-zA-Z0-9_-]{21}$/;
function nanoidOfLength(length) {
    return new RegExp(`^[a-zA-Z0-9_-]{${length}}$`);
}
/** ISO 8601-1 duration regex. Does not support the 8601-2 extensions like negative durations or fractional/negative components. */
const duration = /^P(?:(\d+W)|(?!.*W)(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?)$/;
/** A regex for any UUID-like identifier: 8-4-4-4-12 hex pattern */
const guid = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
/** Returns a regex for validating an RFC 9562/4122 UUID.
 *
 * @param version Optionally specify a version 1-8. If no version is specified, all versions are supported. */
const uuid = (version) => {
    if (!version)
        return /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;
    return new RegExp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-${version}[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$`);
};
/** Practical email validation */
const email = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;
// from https://thekevinscott.com/emojis-in-javascript/#writing-a-regular-expression
// Single character class, not an alternation: the two properties overlap (U+1F9B0-U+1F9B3), so `(A|B)+` backtracks exponentially on a failed match. The leading lookahead then demands one anchor — a pictograph, a regional indicator, or the enclosing keycap — because `\p{Emoji_Component}` on its own covers ASCII digits, `#`, `*`, ZWJ, variation selectors and skin tone modifiers, none of which is an emoji without a base.
const _emoji$1 = `^(?=[\\s\\S]*[\\p{Extended_Pictographic}\\p{Regional_Indicator}\\u20E3])[\\p{Extended_Pictographic}\\p{Emoji_Component}]+$`;
function emoji() {
    return new RegExp(_emoji$1, "u");
}
const ipv4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$/;
const ipv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))$/;
const cidrv4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$/;
const cidrv6 = /^(([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:))\/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$/;
// https://stackoverflow.com/questions/7860392/determine-if-string-is-in-base64-using-javascript
const base64 = /^$|^(?:[0-9a-zA-Z+/]{4})*(?:(?:[0-9a-zA-Z+/]{2}==)|(?:[0-9a-zA-Z+/]{3}=))?$/;
const base64url = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;
const httpProtocol = /^https?$/;
// https://blog.stevenlevithan.com/archives/validate-phone-number#r4-3 (regex sans spaces) E.164: leading digit must be 1-9; total digits (excluding '+') between 7-15
const e164 = /^\+[1-9]\d{6,14}$/;
const dateSource = `(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))`;

function anchor(source) {
    return new RegExp(`^${source}$`);
}
const date = /*@__PURE__*/ anchor(dateSource);
function timeSource(args) {
    const hhmm = `(?:[01]\\d|2[0-3]):[0-5]\\d`;
    const regex = typeof args.precision === "number"
        ? args.precision === -1
            ? `${hhmm}`
            : args.precision === 0
                ? `${hhmm}:[0-5]\\d`
                : `${hhmm}:[0-5]\\d\\.\\d{${args.precision}}`
        : args.seconds
            ? `${hhmm}:[0-5]\\d(?:\\.\\d+)?`
            : `${hhmm}(?::[0-5]\\d(?:\\.\\d+)?)?`;
    return regex;
}
function time(args) {
    return new RegExp(`^${timeSource(args)}$`);
}
// Adapted from https://stackoverflow.com/a/3143231
function datetime(args) {
    const opts = ["Z"];
    // if (args.offset) opts.push(`([+-]\\d{2}:\\d{2})`);
    if (args.offset)
        opts.push(`([+-](?:[01]\\d|2[0-3]):[0-5]\\d)`);
    // RFC 3339 mandates seconds wherever the time carries a `Z` or an offset, so only the unqualified form `local` adds may omit them
    const qualified = `${timeSource({ precision: args.precision, seconds: true })}(?:${opts.join("|")})`;
    const timeRegex = args.local ? `${qualified}|${timeSource({ precision: args.precision })}` : qualified;
    return new RegExp(`^${dateSource}T(?:${timeRegex})$`);
}
// the unbounded form of `string()` as a literal, so every plain string shares one instance instead of building its own
const anyString = /^[\s\S]{0,}$/;
const integer = /^-?\d+$/;
const number$1 = /^-?\d+(?:\.\d+)?$/;
const boolean$1 = /^(?:true|false)$/i;
// regex for string with no uppercase letters
const lowercase = /^[^A-Z]*$/;
// regex for string with no lowercase letters
const uppercase = /^[^a-z]*$/;

// import { $ZodType } from "./schemas.js";
const $ZodCheck = /*@__PURE__*/ $constructor("$ZodCheck", (inst, def) => {
    var _a;
    inst._zod ?? (inst._zod = {});
    inst._zod.def = def;
    (_a = inst._zod).onattach ?? (_a.onattach = []);
});
/** Default `when` for length-based checks: run only on non-nullish values with a `length`. */
const _whenHasLength = (payload) => {
    const val = payload.value;
    return !nullish(val) && val.length !== undefined;
};
const numericOriginMap = {
    number: "number",
    bigint: "bigint",
    object: "date",
};
const $ZodCheckLessThan = /*@__PURE__*/ $constructor("$ZodCheckLessThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_big",
            maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckGreaterThan = /*@__PURE__*/ $constructor("$ZodCheckGreaterThan", (inst, def) => {
    $ZodCheck.init(inst, def);
    const origin = numericOriginMap[typeof def.value];
    inst._zod.check = (payload) => {
        if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
            return;
        }
        payload.issues.push({
            origin: numericOriginMap[typeof payload.value] ?? origin,
            code: "too_small",
            minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
            input: payload.value,
            inclusive: def.inclusive,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMultipleOf = 
/*@__PURE__*/ $constructor("$ZodCheckMultipleOf", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        if (typeof payload.value !== typeof def.value)
            throw new Error("Cannot mix number and bigint in multiple_of check.");
        const isMultiple = typeof payload.value === "bigint"
            ? // `value % 0n` throws, and nothing is a multiple of zero — the number branch already fails this way via NaN
                def.value !== BigInt(0) && payload.value % def.value === BigInt(0)
            : floatSafeRemainder(payload.value, def.value) === 0;
        if (isMultiple)
            return;
        payload.issues.push({
            origin: typeof payload.value,
            code: "not_multiple_of",
            divisor: def.value,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckNumberFormat = /*@__PURE__*/ $constructor("$ZodCheckNumberFormat", (inst, def) => {
    $ZodCheck.init(inst, def); // no format checks
    def.format = def.format || "float64";
    const isInt = def.format?.includes("int");
    const origin = isInt ? "int" : "number";
    const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
    inst._zod.check = (payload) => {
        const input = payload.value;
        if (isInt) {
            if (!Number.isInteger(input)) {
                // invalid_format issue
                // payload.issues.push({
                //   expected: def.format,
                //   format: def.format,
                //   code: "invalid_format",
                //   input,
                //   inst,
                // });
                // invalid_type issue
                payload.issues.push({
                    expected: origin,
                    format: def.format,
                    code: "invalid_type",
                    continue: false,
                    input,
                    inst,
                });
                return;
                // not_multiple_of issue
                // payload.issues.push({
                //   code: "not_multiple_of",
                //   origin: "number",
                //   input,
                //   inst,
                //   divisor: 1,
                // });
            }
            if (!Number.isSafeInteger(input)) {
                if (input > 0) {
                    // too_big
                    payload.issues.push({
                        input,
                        code: "too_big",
                        maximum: Number.MAX_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                else {
                    // too_small
                    payload.issues.push({
                        input,
                        code: "too_small",
                        minimum: Number.MIN_SAFE_INTEGER,
                        note: "Integers must be within the safe integer range.",
                        inst,
                        origin,
                        inclusive: true,
                        continue: !def.abort,
                    });
                }
                return;
            }
        }
        if (input < minimum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_small",
                minimum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
        if (input > maximum) {
            payload.issues.push({
                origin: "number",
                input,
                code: "too_big",
                maximum,
                inclusive: true,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCheckMaxLength = /*@__PURE__*/ $constructor("$ZodCheckMaxLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // Strings are measured in Unicode code points, not UTF-16 units. A code point is at most two units, so a string that already fits in units fits in code points; only an overflow has to be counted.
        const length = typeof input === "string" && units > def.maximum ? codePointLength(input) : units;
        if (length <= def.maximum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_big",
            maximum: def.maximum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckMinLength = /*@__PURE__*/ $constructor("$ZodCheckMinLength", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so fewer units than the floor can never reach it and twice the floor always clears it. Only in between is the exact count in doubt.
        const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2
            ? codePointLength(input)
            : units;
        if (length >= def.minimum)
            return;
        const origin = getLengthableOrigin(input);
        payload.issues.push({
            origin,
            code: "too_small",
            minimum: def.minimum,
            inclusive: true,
            input,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLengthEquals = /*@__PURE__*/ $constructor("$ZodCheckLengthEquals", (inst, def) => {
    var _a;
    $ZodCheck.init(inst, def);
    (_a = inst._zod.def).when ?? (_a.when = _whenHasLength);
    inst._zod.check = (payload) => {
        const input = payload.value;
        const units = input.length;
        // A code point is one or two UTF-16 units, so outside `[length, length * 2]` units the target is missed either way — and missed in the same direction in both measures.
        const length = typeof input === "string" && units >= def.length && units <= def.length * 2
            ? codePointLength(input)
            : units;
        if (length === def.length)
            return;
        const origin = getLengthableOrigin(input);
        const tooBig = length > def.length;
        payload.issues.push({
            origin,
            ...(tooBig ? { code: "too_big", maximum: def.length } : { code: "too_small", minimum: def.length }),
            inclusive: true,
            exact: true,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStringFormat = /*@__PURE__*/ $constructor("$ZodCheckStringFormat", (inst, def) => {
    var _a, _b;
    $ZodCheck.init(inst, def);
    if (def.pattern)
        (_a = inst._zod).check ?? (_a.check = (payload) => {
            def.pattern.lastIndex = 0;
            if (def.pattern.test(payload.value))
                return;
            payload.issues.push({
                origin: "string",
                code: "invalid_format",
                format: def.format,
                input: payload.value,
                ...(def.pattern ? { pattern: def.pattern.toString() } : {}),
                inst,
                continue: !def.abort,
            });
        });
    else
        (_b = inst._zod).check ?? (_b.check = () => { });
});
const $ZodCheckRegex = /*@__PURE__*/ $constructor("$ZodCheckRegex", (inst, def) => {
    $ZodCheckStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        def.pattern.lastIndex = 0;
        if (def.pattern.test(payload.value))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "regex",
            input: payload.value,
            pattern: def.pattern.toString(),
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckLowerCase = /*@__PURE__*/ $constructor("$ZodCheckLowerCase", (inst, def) => {
    def.pattern ?? (def.pattern = lowercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckUpperCase = /*@__PURE__*/ $constructor("$ZodCheckUpperCase", (inst, def) => {
    def.pattern ?? (def.pattern = uppercase);
    $ZodCheckStringFormat.init(inst, def);
});
const $ZodCheckIncludes = /*@__PURE__*/ $constructor("$ZodCheckIncludes", (inst, def) => {
    $ZodCheck.init(inst, def);
    const escapedRegex = escapeRegex(def.includes);
    // `String.prototype.includes(sub, position)` matches `sub` at `position`
    // OR LATER, so the pattern must allow at least `position` leading chars
    // (`{N,}`), not exactly `position` chars (`{N}`).
    const pattern = new RegExp(typeof def.position === "number" ? `^.{${def.position},}${escapedRegex}` : escapedRegex);
    def.pattern = pattern;
    inst._zod.check = (payload) => {
        if (payload.value.includes(def.includes, def.position))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "includes",
            includes: def.includes,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckStartsWith = /*@__PURE__*/ $constructor("$ZodCheckStartsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`^${escapeRegex(def.prefix)}.*`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.startsWith(def.prefix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "starts_with",
            prefix: def.prefix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckEndsWith = /*@__PURE__*/ $constructor("$ZodCheckEndsWith", (inst, def) => {
    $ZodCheck.init(inst, def);
    const pattern = new RegExp(`.*${escapeRegex(def.suffix)}$`);
    def.pattern ?? (def.pattern = pattern);
    inst._zod.check = (payload) => {
        if (payload.value.endsWith(def.suffix))
            return;
        payload.issues.push({
            origin: "string",
            code: "invalid_format",
            format: "ends_with",
            suffix: def.suffix,
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodCheckOverwrite = /*@__PURE__*/ $constructor("$ZodCheckOverwrite", (inst, def) => {
    $ZodCheck.init(inst, def);
    inst._zod.check = (payload) => {
        payload.value = def.tx(payload.value);
    };
});

class Doc {
    constructor(args = [], closed = {}) {
        this.content = [];
        this.indent = 0;
        this.args = args;
        this.closed = closed;
    }
    // the compiler catches a child's throw and keeps writing into this doc, so the indent has to unwind with it
    indented(fn) {
        this.indent += 1;
        try {
            fn(this);
        }
        finally {
            this.indent -= 1;
        }
    }
    write(arg) {
        if (typeof arg === "function") {
            arg(this, { execution: "sync" });
            arg(this, { execution: "async" });
            return;
        }
        const content = arg;
        const lines = content.split("\n").filter((x) => x);
        const minIndent = Math.min(...lines.map((x) => x.length - x.trimStart().length));
        const dedented = lines.map((x) => x.slice(minIndent)).map((x) => " ".repeat(this.indent * 2) + x);
        for (const line of dedented) {
            this.content.push(line);
        }
    }
    compile() {
        const F = Function;
        const content = this?.content ?? [``];
        const factory = new F(...Object.keys(this.closed), `return function (${this.args.join(", ")}) {\n${content.join("\n")}\n};`);
        return factory(...Object.values(this.closed));
    }
}

const version = {
    major: 4,
    minor: 6,
    patch: 7,
};

const $ZodType = /*@__PURE__*/ $constructor("$ZodType", (inst, def) => {
    var _a;
    inst ?? (inst = {});
    inst._zod.def = def; // set _def property
    inst._zod.bag = inst._zod.bag || {}; // initialize _bag object
    inst._zod.version = version;
    const defChecks = inst._zod.def.checks;
    // if inst is itself a checks.$ZodCheck, run it as a check
    const checks = inst._zod.traits.has("$ZodCheck")
        ? [inst, ...(defChecks ?? [])]
        : defChecks?.length
            ? [...defChecks]
            : [];
    for (const ch of checks) {
        for (const fn of ch._zod.onattach) {
            fn(inst);
        }
    }
    if (checks.length === 0) {
        // deferred initializer inst._zod.parse is not yet defined
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred?.push(() => {
            inst._zod.run = inst._zod.parse;
        });
    }
    else {
        const runChecks = (payload, checks, ctx) => {
            if (payload.memo)
                return payload;
            let isAborted = aborted(payload);
            let asyncResult;
            for (const ch of checks) {
                if (ch._zod.def.when) {
                    if (explicitlyAborted(payload))
                        continue;
                    const shouldRun = ch._zod.def.when(payload);
                    if (!shouldRun)
                        continue;
                }
                else if (isAborted) {
                    continue;
                }
                const currLen = payload.issues.length;
                const _ = ch._zod.check(payload);
                if (_ instanceof Promise && ctx?.async === false) {
                    throw new $ZodAsyncError();
                }
                if (asyncResult || _ instanceof Promise) {
                    asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
                        await _;
                        const nextLen = payload.issues.length;
                        if (nextLen === currLen)
                            return;
                        attachSchema(payload.issues, currLen, inst);
                        if (!isAborted)
                            isAborted = aborted(payload, currLen);
                    });
                }
                else {
                    const nextLen = payload.issues.length;
                    if (nextLen === currLen)
                        continue;
                    attachSchema(payload.issues, currLen, inst);
                    if (!isAborted)
                        isAborted = aborted(payload, currLen);
                }
            }
            if (asyncResult) {
                return asyncResult.then(() => {
                    return payload;
                });
            }
            return payload;
        };
        const handleCanaryResult = (canary, payload, ctx) => {
            // abort if the canary is aborted
            if (aborted(canary)) {
                canary.aborted = true;
                return canary;
            }
            // run checks first, then
            const checkResult = runChecks(payload, checks, ctx);
            if (checkResult instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return checkResult.then((checkResult) => inst._zod.parse(checkResult, ctx));
            }
            return inst._zod.parse(checkResult, ctx);
        };
        inst._zod.run = (payload, ctx) => {
            if (ctx.skipChecks) {
                return inst._zod.parse(payload, ctx);
            }
            if (ctx.direction === "backward") {
                // run canary initial pass (no checks)
                const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
                if (canary instanceof Promise) {
                    return canary.then((canary) => {
                        return handleCanaryResult(canary, payload, ctx);
                    });
                }
                return handleCanaryResult(canary, payload, ctx);
            }
            // forward
            const result = inst._zod.parse(payload, ctx);
            if (result instanceof Promise) {
                if (ctx.async === false)
                    throw new $ZodAsyncError();
                return result.then((result) => runChecks(result, checks, ctx));
            }
            return runChecks(result, checks, ctx);
        };
    }
}, {
    // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
    get "~standard"() {
        return hide(this, "~standard", standardProps(this));
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
});
/** The Standard Schema surface for `inst`. Shared so wrappers can extend it without forcing it. */
// a Standard Schema result only reports issues, so a failure finalizes them straight off the raw payload: no ZodError, and no lazy result to read through
const toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
    const ctx = { async: true };
    return toStandardResult((await inst._zod.run({ value, issues: [] }, ctx)), ctx);
}
function standardProps(inst) {
    return {
        validate: (value) => {
            const ctx = { async: false };
            try {
                const r = inst._zod.run({ value, issues: [] }, ctx);
                if (!(r instanceof Promise))
                    return toStandardResult(r, ctx);
            }
            catch (_) { }
            // async function so a synchronously throwing check rejects instead of escaping validate
            return validateAsync(inst, value);
        },
        vendor: "zod",
        version: 1,
    };
}
const $ZodString = /*@__PURE__*/ $constructor("$ZodString", (inst, def) => {
    $ZodType.init(inst, def);
    // a format's own pattern, else unbounded; a template literal derives the check-aware form itself
    inst._zod.pattern = def.pattern ?? anyString;
    inst._zod.parse = (payload, _) => {
        if (def.coerce)
            try {
                payload.value = String(payload.value);
            }
            catch (_) { }
        if (typeof payload.value === "string")
            return payload;
        payload.issues.push({
            expected: "string",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
const $ZodStringFormat = /*@__PURE__*/ $constructor("$ZodStringFormat", (inst, def) => {
    // check initialization must come first
    $ZodCheckStringFormat.init(inst, def);
    $ZodString.init(inst, def);
});
const $ZodGUID = /*@__PURE__*/ $constructor("$ZodGUID", (inst, def) => {
    def.pattern ?? (def.pattern = guid);
    $ZodStringFormat.init(inst, def);
});
const $ZodUUID = /*@__PURE__*/ $constructor("$ZodUUID", (inst, def) => {
    if (def.version) {
        const versionMap = {
            v1: 1,
            v2: 2,
            v3: 3,
            v4: 4,
            v5: 5,
            v6: 6,
            v7: 7,
            v8: 8,
        };
        const v = versionMap[def.version];
        if (v === undefined)
            throw new Error(`Invalid UUID version: "${def.version}"`);
        def.pattern ?? (def.pattern = uuid(v));
    }
    else
        def.pattern ?? (def.pattern = uuid());
    $ZodStringFormat.init(inst, def);
});
const $ZodEmail = /*@__PURE__*/ $constructor("$ZodEmail", (inst, def) => {
    def.pattern ?? (def.pattern = email);
    $ZodStringFormat.init(inst, def);
});
/** The `://` guard rejected the input before the URL constructor saw it. */
const URL_BAD_FORMAT = 1;
/** The URL parser rejected the input. */
const URL_UNPARSEABLE = 2;
function canParseURL(input) {
    try {
        if (typeof URL !== "undefined" && typeof URL.canParse === "function")
            return URL.canParse(input);
        new URL(input);
        return true;
    }
    catch {
        return false;
    }
}
function validateURL(trimmed, def) {
    if (!("normalize" in def) && !("hostname" in def) && !("protocol" in def)) {
        return canParseURL(trimmed) || URL_UNPARSEABLE;
    }
    return parseURLObject(trimmed, def);
}
/** Parses a URL while preserving the non-normalizing HTTP guard. */
function parseURLObject(trimmed, def) {
    // When normalize is off, require :// for http/https URLs. This prevents strings like "http:example.com" or "https:/path" from being silently accepted
    if (!def.normalize && def.protocol?.source === httpProtocol.source && !/^https?:\/\//i.test(trimmed)) {
        return URL_BAD_FORMAT;
    }
    try {
        if (typeof URL !== "undefined") {
            const URLStatic = URL;
            if (typeof URLStatic.parse === "function")
                return URLStatic.parse(trimmed) ?? URL_UNPARSEABLE;
        }
        // @ts-ignore
        return new URL(trimmed);
    }
    catch {
        return URL_UNPARSEABLE;
    }
}
const asciiTabOrNewline = /[\t\n\r]/g;
/** The URL parser deletes every ASCII tab, LF and CR from its input before it parses, so `new URL("https://exa\nmple.com")` reports on `example.com`. Applying the same deletion to the returned value closes the half of that divergence which can move the host; the parser's other rewrite, stripping C0 controls at the edges, cannot. */
function stripTabAndNewline(value) {
    return value.replace(asciiTabOrNewline, "");
}
function urlHostnameOk(url, hostname) {
    hostname.lastIndex = 0;
    return hostname.test(url.hostname);
}
function urlProtocolOk(url, protocol) {
    protocol.lastIndex = 0;
    return protocol.test(url.protocol.endsWith(":") ? url.protocol.slice(0, -1) : url.protocol);
}
const $ZodURL = /*@__PURE__*/ $constructor("$ZodURL", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        try {
            // Trim whitespace from input
            const trimmed = payload.value.trim();
            const url = validateURL(trimmed, def);
            if (url === URL_BAD_FORMAT) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid URL format",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === URL_UNPARSEABLE) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
                return;
            }
            if (url === true) {
                payload.value = stripTabAndNewline(trimmed);
                return;
            }
            if (def.hostname && !urlHostnameOk(url, def.hostname)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid hostname",
                    pattern: def.hostname.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            if (def.protocol && !urlProtocolOk(url, def.protocol)) {
                payload.issues.push({
                    code: "invalid_format",
                    format: "url",
                    note: "Invalid protocol",
                    pattern: def.protocol.source,
                    input: payload.value,
                    inst,
                    continue: !def.abort,
                });
            }
            // Set the output value based on normalize flag
            payload.value = def.normalize ? url.href : stripTabAndNewline(trimmed);
            return;
        }
        catch (_) {
            payload.issues.push({
                code: "invalid_format",
                format: "url",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodEmoji = /*@__PURE__*/ $constructor("$ZodEmoji", (inst, def) => {
    def.pattern ?? (def.pattern = emoji());
    $ZodStringFormat.init(inst, def);
});
const $ZodNanoID = /*@__PURE__*/ $constructor("$ZodNanoID", (inst, def) => {
    if (def.length !== undefined && (!Number.isInteger(def.length) || def.length < 1))
        throw new Error(`Invalid nanoid length: ${def.length}`);
    def.pattern ?? (def.pattern = def.length === undefined ? nanoid : nanoidOfLength(def.length));
    $ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link $ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const $ZodCUID = /*@__PURE__*/ $constructor("$ZodCUID", (inst, def) => {
    def.pattern ?? (def.pattern = cuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodCUID2 = /*@__PURE__*/ $constructor("$ZodCUID2", (inst, def) => {
    def.pattern ?? (def.pattern = cuid2);
    $ZodStringFormat.init(inst, def);
});
const $ZodULID = /*@__PURE__*/ $constructor("$ZodULID", (inst, def) => {
    def.pattern ?? (def.pattern = ulid);
    $ZodStringFormat.init(inst, def);
});
const $ZodXID = /*@__PURE__*/ $constructor("$ZodXID", (inst, def) => {
    def.pattern ?? (def.pattern = xid);
    $ZodStringFormat.init(inst, def);
});
const $ZodKSUID = /*@__PURE__*/ $constructor("$ZodKSUID", (inst, def) => {
    def.pattern ?? (def.pattern = ksuid);
    $ZodStringFormat.init(inst, def);
});
const $ZodISODateTime = /*@__PURE__*/ $constructor("$ZodISODateTime", (inst, def) => {
    def.pattern ?? (def.pattern = datetime(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODate = /*@__PURE__*/ $constructor("$ZodISODate", (inst, def) => {
    def.pattern ?? (def.pattern = date);
    $ZodStringFormat.init(inst, def);
});
const $ZodISOTime = /*@__PURE__*/ $constructor("$ZodISOTime", (inst, def) => {
    def.pattern ?? (def.pattern = time(def));
    $ZodStringFormat.init(inst, def);
});
const $ZodISODuration = /*@__PURE__*/ $constructor("$ZodISODuration", (inst, def) => {
    def.pattern ?? (def.pattern = duration);
    $ZodStringFormat.init(inst, def);
});
const $ZodIPv4 = /*@__PURE__*/ $constructor("$ZodIPv4", (inst, def) => {
    def.pattern ?? (def.pattern = ipv4);
    $ZodStringFormat.init(inst, def);
});
/** An IPv6 address is written with hex digits, colons and dots, and nothing else. The guard is what makes the check below an IPv6 check: `new URL("http://[...]")` parses an authority, not an address, so `@` and `\` re-delimit it and `"::@1\\"` validates against the host `0.0.0.1`. The URL parser also deletes ASCII tab, LF and CR rather than failing, which is how `"::1\n"` validated as `::1`. */
const ipv6Alphabet = /^[0-9a-fA-F:.]+$/;
function isValidIPv6(value) {
    if (!ipv6Alphabet.test(value))
        return false;
    return canParseURL(`http://[${value}]`);
}
const $ZodIPv6 = /*@__PURE__*/ $constructor("$ZodIPv6", (inst, def) => {
    def.pattern ?? (def.pattern = ipv6);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidIPv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "ipv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
const $ZodCIDRv4 = /*@__PURE__*/ $constructor("$ZodCIDRv4", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv4);
    $ZodStringFormat.init(inst, def);
});
function isValidCIDRv6(value) {
    const parts = value.split("/");
    if (parts.length !== 2)
        return false;
    const [address, prefix] = parts;
    if (!prefix)
        return false;
    const prefixNum = Number(prefix);
    if (`${prefixNum}` !== prefix)
        return false;
    if (prefixNum < 0 || prefixNum > 128)
        return false;
    return isValidIPv6(address);
}
const $ZodCIDRv6 = /*@__PURE__*/ $constructor("$ZodCIDRv6", (inst, def) => {
    def.pattern ?? (def.pattern = cidrv6); // not used for validation
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (!isValidCIDRv6(payload.value)) {
            payload.issues.push({
                code: "invalid_format",
                format: "cidrv6",
                input: payload.value,
                inst,
                continue: !def.abort,
            });
        }
    };
});
//////////////////////////////   ZodBase64   //////////////////////////////
function isValidBase64(data) {
    if (data === "")
        return true;
    // atob ignores whitespace, so reject it up front.
    if (/\s/.test(data))
        return false;
    if (data.length % 4 !== 0)
        return false;
    try {
        // @ts-ignore
        atob(data);
        return true;
    }
    catch {
        return false;
    }
}
// lax on purpose: the quantified regexes.base64 overflows the regex stack on multi-MB input and its leading ^$| alternation leaks through template-literal composition; isValidBase64 enforces length and padding
const base64Charset = /^[0-9a-zA-Z+/]*={0,2}$/;
const $ZodBase64 = /*@__PURE__*/ $constructor("$ZodBase64", (inst, def) => {
    def.pattern ?? (def.pattern = base64Charset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
//////////////////////////////   ZodBase64URL   //////////////////////////////
// lax on purpose: the quantified regexes.base64url overflows the regex stack on multi-MB input; isValidBase64 enforces length on the padded string
const base64urlCharset = /^[A-Za-z0-9_-]*$/;
function isValidBase64URL(data) {
    if (!base64urlCharset.test(data))
        return false;
    const base64 = data.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    const padded = base64.padEnd(Math.ceil(base64.length / 4) * 4, "=");
    return isValidBase64(padded);
}
const $ZodBase64URL = /*@__PURE__*/ $constructor("$ZodBase64URL", (inst, def) => {
    def.pattern ?? (def.pattern = base64urlCharset);
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidBase64URL(payload.value))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "base64url",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodE164 = /*@__PURE__*/ $constructor("$ZodE164", (inst, def) => {
    def.pattern ?? (def.pattern = e164);
    $ZodStringFormat.init(inst, def);
});
//////////////////////////////   ZodJWT   //////////////////////////////
function isValidJWT(token, algorithm = null) {
    try {
        const tokensParts = token.split(".");
        if (tokensParts.length !== 3)
            return false;
        const [header] = tokensParts;
        if (!header)
            return false;
        // @ts-ignore
        const parsedHeader = JSON.parse(atob(header));
        if ("typ" in parsedHeader && parsedHeader?.typ !== "JWT")
            return false;
        if (!parsedHeader.alg)
            return false;
        if (algorithm && (!("alg" in parsedHeader) || parsedHeader.alg !== algorithm))
            return false;
        return true;
    }
    catch {
        return false;
    }
}
const $ZodJWT = /*@__PURE__*/ $constructor("$ZodJWT", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    inst._zod.check = (payload) => {
        if (isValidJWT(payload.value, def.alg))
            return;
        payload.issues.push({
            code: "invalid_format",
            format: "jwt",
            input: payload.value,
            inst,
            continue: !def.abort,
        });
    };
});
const $ZodNumber = /*@__PURE__*/ $constructor("$ZodNumber", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = number$1;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Number(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
            return payload;
        }
        const received = typeof input === "number"
            ? Number.isNaN(input)
                ? "NaN"
                : !Number.isFinite(input)
                    ? String(input)
                    : undefined
            : undefined;
        payload.issues.push({
            expected: "number",
            code: "invalid_type",
            input,
            inst,
            ...(received ? { received } : {}),
        });
        return payload;
    };
});
const $ZodNumberFormat = /*@__PURE__*/ $constructor("$ZodNumberFormat", (inst, def) => {
    $ZodCheckNumberFormat.init(inst, def);
    $ZodNumber.init(inst, def); // no format checks
});
const $ZodBoolean = /*@__PURE__*/ $constructor("$ZodBoolean", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.pattern = boolean$1;
    inst._zod.parse = (payload, _ctx) => {
        if (def.coerce)
            try {
                payload.value = Boolean(payload.value);
            }
            catch (_) { }
        const input = payload.value;
        if (typeof input === "boolean")
            return payload;
        payload.issues.push({
            expected: "boolean",
            code: "invalid_type",
            input,
            inst,
        });
        return payload;
    };
});
const $ZodUnknown = /*@__PURE__*/ $constructor("$ZodUnknown", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload) => payload;
});
const $ZodNever = /*@__PURE__*/ $constructor("$ZodNever", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _ctx) => {
        payload.issues.push({
            expected: "never",
            code: "invalid_type",
            input: payload.value,
            inst,
        });
        return payload;
    };
});
// an oversized container fails its leading size checks before any element is parsed
function capSize(inst, size) {
    const caps = sizeCaps(inst._zod.def.checks);
    if (!caps.length)
        return;
    const cap = Math.min(...caps.map((c) => c[0]));
    const parse = inst._zod.parse;
    inst._zod.parse = (payload, ctx) => {
        const n = size(payload.value);
        if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
            for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
                if (n > max && ch._zod.def.when(payload)) {
                    const start = payload.issues.length;
                    ch._zod.check(payload);
                    // the value is still the raw input, so no later check may read it
                    payload.issues[start].continue = false;
                    attachSchema(payload.issues, start, inst);
                    return payload;
                }
            }
        }
        return parse(payload, ctx);
    };
}
const arraySize = (input) => (Array.isArray(input) ? input.length : -1);
function handleArrayResult(result, final, index) {
    if (result.issues.length) {
        final.issues.push(...prefixIssues(index, result.issues));
    }
    final.value[index] = result.value;
}
const $ZodArray = /*@__PURE__*/ $constructor("$ZodArray", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!Array.isArray(input)) {
            payload.issues.push({
                expected: "array",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
        const proms = [];
        const abortEarly = ctx?.abortEarly;
        for (let i = 0; i < input.length; i++) {
            const item = input[i];
            const result = def.element._zod.run({
                value: item,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                proms.push(result.then((result) => handleArrayResult(result, payload, i)));
            }
            else {
                handleArrayResult(result, payload, i);
                // the element's payload is authoritative here, since handleArrayResult forwards every issue; an object's is not, because it drops a failed absent optional
                if (abortEarly && result.issues.length !== 0 && aborted(result))
                    break;
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload; //handleArrayResultsAsync(parseResults, final);
    };
    capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
    const isPresent = key in input;
    const isOptionalOut = optout === "optional";
    // The middle rung means "absence permitted, nothing supplied in its place", so an absent key contributes nothing — whatever the schema made of `undefined` is invented, not substituted. Only `optional` reaches this with a value: `defaulted` substitutes, and a schema that isn't optional-out has to keep the key.
    if (!isPresent && isOptionalOut && optin === "optional") {
        return;
    }
    if (result.issues.length) {
        // For optional-in/out schemas, ignore errors on absent keys.
        if (optin !== undefined && isOptionalOut && !isPresent) {
            return;
        }
        final.issues.push(...prefixIssues(key, result.issues));
    }
    if (!isPresent && optin === undefined) {
        if (!result.issues.length) {
            final.issues.push({
                code: "invalid_type",
                expected: "nonoptional",
                input: undefined,
                path: [key],
            });
        }
        return;
    }
    if (result.value === undefined) {
        if (isPresent || (optin === "defaulted" && !isOptionalOut)) {
            final.value[key] = undefined;
        }
    }
    else {
        final.value[key] = result.value;
    }
}
// one shared instance; a fresh [] per schema cost 56 bytes retained
const NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
    const keys = Object.keys(def.shape);
    const ownSymbols = Object.getOwnPropertySymbols(def.shape);
    const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
    // aliases `keys` when there are no symbols, so a string-only shape keeps one array
    const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
    for (const k of allKeys) {
        if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
            throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
        }
    }
    const okeys = optionalKeys(def.shape);
    return {
        ...def,
        allKeys,
        symbolKeys,
        // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
        keySet: new Set(keys),
        numKeys: keys.length,
        optionalKeys: new Set(okeys),
    };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
    const unrecognized = [];
    const keySet = def.keySet;
    const _catchall = def.catchall._zod;
    const t = _catchall.def.type;
    const optin = _catchall.optin;
    const optout = _catchall.optout;
    // starts at 0, not the current length: the shape phase already ran and may have aborted
    let seen = 0;
    for (const key in input) {
        if (abortEarly && payload.issues.length !== seen) {
            if (aborted(payload, seen))
                break;
            seen = payload.issues.length;
        }
        // Must precede the __proto__ branch: a declared key is not unrecognized, even though the shape loop deliberately strips __proto__ from the parsed output.
        if (keySet.has(key))
            continue;
        // Don't copy an undeclared __proto__ into the result; assignment to a plain {} would replace the result prototype. But in strict mode it is still an unknown key, so report it before skipping.
        if (key === "__proto__") {
            if (t === "never")
                unrecognized.push(key);
            continue;
        }
        if (t === "never") {
            unrecognized.push(key);
            continue;
        }
        const r = _catchall.run({ value: input[key], issues: [] }, ctx);
        if (r instanceof Promise) {
            proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
        }
        else {
            handlePropertyResult(r, payload, key, input, optin, optout);
        }
    }
    if (unrecognized.length) {
        payload.issues.push({
            code: "unrecognized_keys",
            keys: unrecognized,
            input,
            inst,
            // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
            continue: true,
        });
    }
    if (!proms.length)
        return payload;
    return Promise.all(proms).then(() => {
        return payload;
    });
}
const $ZodObject = /*@__PURE__*/ $constructor("$ZodObject", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodType.init(inst, def);
    const desc = Object.getOwnPropertyDescriptor(def, "shape");
    // a cloned def carries its source's accessor, which knows the shape it answers from; adopting that keeps the clone's keys readable without running it
    const sh = desc?.get ? desc.get.raw : (def.shape ?? {});
    if (sh) {
        // Freezes the shape on first read, so its getters resolve once and every later read sees the same schemas.
        const get = () => {
            const newSh = { ...sh };
            Object.defineProperty(def, "shape", { value: newSh });
            get.raw = newSh;
            return newSh;
        };
        get.raw = sh;
        Object.defineProperty(def, "shape", { get });
    }
    const _normalized = cached(() => normalizeDef(def));
    defineLazyInternal(inst, "propValues", (zod) => {
        const shape = zod.def.shape;
        const propValues = {};
        for (const key in shape) {
            const field = shape[key]._zod;
            if (field.values) {
                if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
                    assignProp(propValues, key, new Set());
                }
                for (const v of field.values)
                    propValues[key].add(v);
                // An omittable slot reads back as undefined at a discriminator lookup, so it has to claim undefined: two options that can both omit the key are not discriminable on it.
                if (field.optin !== undefined)
                    propValues[key].add(undefined);
            }
        }
        return propValues;
    });
    const isObject$1 = isObject;
    const catchall = def.catchall;
    let value;
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject$1(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
        const proms = [];
        const shape = value.shape;
        const abortEarly = ctx?.abortEarly;
        let seen = payload.issues.length;
        for (const key of value.allKeys) {
            if (abortEarly && payload.issues.length !== seen) {
                if (aborted(payload, seen))
                    break;
                seen = payload.issues.length;
            }
            if (key === "__proto__")
                continue;
            const el = shape[key];
            const optin = el._zod.optin;
            const optout = el._zod.optout;
            const r = el._zod.run({ value: input[key], issues: [] }, ctx);
            if (r instanceof Promise) {
                proms.push(r.then((r) => handlePropertyResult(r, payload, key, input, optin, optout)));
            }
            else {
                handlePropertyResult(r, payload, key, input, optin, optout);
            }
        }
        if (!catchall) {
            return proms.length ? Promise.all(proms).then(() => payload) : payload;
        }
        return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
    };
});
const $ZodObjectJIT = /*@__PURE__*/ $constructor("$ZodObjectJIT", (inst, def) => {
    // requires cast because technically $ZodObject doesn't extend
    $ZodObject.init(inst, def);
    const superParse = inst._zod.parse;
    const _normalized = cached(() => normalizeDef(def));
    const memo = globalConfig.memoizer;
    const generateFastpass = (shape) => {
        const normalized = _normalized.value;
        const syms = normalized.symbolKeys;
        // a symbol has no source literal, so it is read as `syms[i]` off the closed-over scope
        const doc = new Doc(["payload", "ctx"], { shape, inst, memo, syms });
        const parseStr = (k) => `shape[${k}]._zod.run({ value: input[${k}], issues: [] }, ctx)`;
        // prefixes in place, like util.prefixIssues. newResult must land before the early return: a catchall runs after this and would otherwise write onto the caller's input
        const prefixStr = (id, k) => `
          let ${id}_ab = false;
          for (let i = 0; i < ${id}.issues.length; i++) {
            const iss = ${id}.issues[i];
            iss.path = iss.path ? [${k}, ...iss.path] : [${k}];
            payload.issues.push(iss);
            if (iss.continue !== true) ${id}_ab = true;
          }
          if (${id}_ab && ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }`;
        doc.write(`const input = payload.value;`);
        const ids = Object.create(null);
        let counter = 0;
        for (const key of normalized.allKeys) {
            ids[key] = `key_${counter++}`;
        }
        // A: preserve key order {
        doc.write(memo ? `const newResult = memo.alloc(inst, payload, {}, ctx);` : `const newResult = {};`);
        for (const key of normalized.allKeys) {
            if (key === "__proto__")
                continue;
            const id = ids[key];
            const k = typeof key === "symbol" ? `syms[${syms.indexOf(key)}]` : esc(key);
            const isPresent = `${k} in input`;
            const schema = shape[key];
            const optin = schema?._zod?.optin;
            const isOptionalIn = optin !== undefined;
            const isOptionalOut = schema?._zod?.optout === "optional";
            doc.write(`const ${id} = ${parseStr(k)};`);
            if (isOptionalIn && isOptionalOut) {
                // For optional-in/out schemas, ignore errors on absent keys — and, like the interpreted path, drop the value produced alongside them. The middle rung goes further: it permits absence without supplying anything in its place, so an absent key contributes nothing at all.
                const assign = optin === "optional" ? `${id}_present` : `${id}.value !== undefined || ${id}_present`;
                doc.write(`
        const ${id}_present = ${isPresent};
        if (!${id}.issues.length || ${id}_present) {
          if (${id}.issues.length) {${prefixStr(id, k)}
          }

          if (${assign}) {
            newResult[${k}] = ${id}.value;
          }
        }

      `);
            }
            else if (!isOptionalIn) {
                doc.write(`
        const ${id}_present = ${isPresent};
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
        if (!${id}_present && !${id}.issues.length) {
          payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: undefined,
            path: [${k}]
          });
          if (ctx && ctx.abortEarly) {
            payload.value = newResult;
            return payload;
          }
        }

        if (${id}_present) {
          newResult[${k}] = ${id}.value;
        }

      `);
            }
            else {
                doc.write(`
        if (${id}.issues.length) {${prefixStr(id, k)}
        }
      `);
                if (optin === "defaulted") {
                    doc.write(`newResult[${k}] = ${id}.value;`);
                }
                else {
                    doc.write(`
        if (${id}.value !== undefined || ${isPresent}) {
          newResult[${k}] = ${id}.value;
        }
      `);
                }
            }
        }
        doc.write(`payload.value = newResult;`);
        doc.write(`return payload;`);
        // closing `shape` in is what pays: turbofan specializes the parser against that one shape object, so every `shape[k]._zod.run` folds to a known callee. as a parameter it stays a generic load and measures 13% slower even with the forwarding frame gone
        return doc.compile();
    };
    let fastpass;
    const isObject$1 = isObject;
    const jit = !globalConfig.jitless;
    const allowsEval$1 = allowsEval;
    const fastEnabled = jit && allowsEval$1.value; // && !def.catchall;
    const catchall = def.catchall;
    let value;
    inst._zod.parse = (payload, ctx) => {
        value ?? (value = _normalized.value);
        const input = payload.value;
        if (!isObject$1(input)) {
            payload.issues.push({
                expected: "object",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        if (jit && fastEnabled && ctx?.async === false && ctx.jitless !== true) {
            // always synchronous
            if (!fastpass)
                fastpass = generateFastpass(def.shape);
            payload = fastpass(payload, ctx);
            if (!catchall)
                return payload;
            return handleCatchall([], input, payload, ctx, value, inst, ctx?.abortEarly === true);
        }
        return superParse(payload, ctx);
    };
});
function handleUnionResults(results, final, inst, ctx) {
    for (const result of results) {
        if (result.issues.length === 0) {
            final.value = result.value;
            return final;
        }
    }
    const nonaborted = results.filter((r) => !aborted(r));
    if (nonaborted.length === 1) {
        final.value = nonaborted[0].value;
        return nonaborted[0];
    }
    final.issues.push({
        code: "invalid_union",
        input: final.value,
        inst,
        errors: results.map((result) => result.issues.map((iss) => finalizeIssue(iss, ctx, config()))),
    });
    return final;
}
const $ZodUnion = /*@__PURE__*/ $constructor("$ZodUnion", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.options.some((o) => o._zod.optin === "defaulted")
        ? "defaulted"
        : zod.def.options.some((o) => o._zod.optin !== undefined)
            ? "optional"
            : undefined);
    defineLazyInternal(inst, "optout", (zod) => zod.def.options.some((o) => o._zod.optout === "optional") ? "optional" : undefined);
    defineLazyInternal(inst, "values", (zod) => {
        if (zod.def.options.every((o) => o._zod.values)) {
            return new Set(zod.def.options.flatMap((option) => Array.from(option._zod.values)));
        }
        return undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        if (zod.def.options.every((o) => o._zod.pattern)) {
            const patterns = zod.def.options.map((o) => o._zod.pattern);
            return new RegExp(`^(${patterns.map((p) => cleanRegex(p.source)).join("|")})$`);
        }
        return undefined;
    });
    const first = def.options.length === 1 ? def.options[0]._zod.run : null;
    inst._zod.parse = (payload, ctx) => {
        if (first) {
            return first(payload, ctx);
        }
        let async = false;
        const results = [];
        for (const option of def.options) {
            const result = option._zod.run({
                value: payload.value,
                issues: [],
            }, ctx);
            if (result instanceof Promise) {
                results.push(result);
                async = true;
            }
            else {
                if (result.issues.length === 0)
                    return result;
                results.push(result);
            }
        }
        if (!async)
            return handleUnionResults(results, payload, inst, ctx);
        return Promise.all(results).then((results) => {
            return handleUnionResults(results, payload, inst, ctx);
        });
    };
});
const $ZodIntersection = /*@__PURE__*/ $constructor("$ZodIntersection", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        const left = def.left._zod.run({ value: input, issues: [] }, ctx);
        const right = def.right._zod.run({ value: input, issues: [] }, ctx);
        const async = left instanceof Promise || right instanceof Promise;
        if (async) {
            return Promise.all([left, right]).then(([left, right]) => {
                return handleIntersectionResults(payload, left, right);
            });
        }
        return handleIntersectionResults(payload, left, right);
    };
});
function mergeValues(a, b) {
    // const aType = parse.t(a);
    // const bType = parse.t(b);
    if (a === b) {
        return { valid: true, data: a };
    }
    if (a instanceof Date && b instanceof Date && +a === +b) {
        return { valid: true, data: a };
    }
    if (isPlainObject(a) && isPlainObject(b)) {
        const bKeys = Object.keys(b);
        const sharedKeys = Object.keys(a).filter((key) => bKeys.indexOf(key) !== -1);
        const newObj = { ...a, ...b };
        if (Object.prototype.hasOwnProperty.call(newObj, "__proto__"))
            delete newObj.__proto__;
        for (const key of sharedKeys) {
            if (key === "__proto__")
                continue;
            const sharedValue = mergeValues(a[key], b[key]);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [key, ...sharedValue.mergeErrorPath],
                };
            }
            newObj[key] = sharedValue.data;
        }
        return { valid: true, data: newObj };
    }
    if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length) {
            return { valid: false, mergeErrorPath: [] };
        }
        const newArray = [];
        for (let index = 0; index < a.length; index++) {
            const itemA = a[index];
            const itemB = b[index];
            const sharedValue = mergeValues(itemA, itemB);
            if (!sharedValue.valid) {
                return {
                    valid: false,
                    mergeErrorPath: [index, ...sharedValue.mergeErrorPath],
                };
            }
            newArray.push(sharedValue.data);
        }
        return { valid: true, data: newArray };
    }
    return { valid: false, mergeErrorPath: [] };
}
function handleIntersectionResults(result, left, right) {
    // Track which side(s) reject each key. A key rejection is reported only when BOTH sides reject it, so a key owned by one branch survives the other's key schema. strictObject reports these as unrecognized_keys; a record with an open key schema reports one invalid_key per key.
    const unrecKeys = new Map();
    let unrecIssue;
    const keyIssues = new Map();
    const collect = (iss, side) => {
        let keys;
        if (iss.code === "unrecognized_keys" && !iss.path?.length) {
            unrecIssue ?? (unrecIssue = iss);
            keys = iss.keys;
        }
        else if (iss.code === "invalid_key" && iss.origin === "record" && iss.path?.length === 1) {
            const k = String(iss.path[0]);
            if (!keyIssues.has(k))
                keyIssues.set(k, iss);
            keys = [k];
        }
        else {
            return false;
        }
        for (const k of keys) {
            if (!unrecKeys.has(k))
                unrecKeys.set(k, {});
            unrecKeys.get(k)[side] = true;
        }
        return true;
    };
    for (const iss of left.issues) {
        if (!collect(iss, "l"))
            result.issues.push(iss);
    }
    for (const iss of right.issues) {
        if (!collect(iss, "r"))
            result.issues.push(iss);
    }
    // Report only keys rejected by BOTH sides
    const bothKeys = [...unrecKeys].filter(([, f]) => f.l && f.r).map(([k]) => k);
    if (bothKeys.length) {
        const aggregated = unrecIssue ? bothKeys.filter((k) => unrecIssue.keys.includes(k)) : [];
        if (aggregated.length)
            result.issues.push({ ...unrecIssue, keys: aggregated });
        for (const k of bothKeys) {
            if (!aggregated.includes(k) && keyIssues.has(k))
                result.issues.push(keyIssues.get(k));
        }
    }
    const merged = mergeValues(left.value, right.value);
    if (!merged.valid) {
        if (aborted(result))
            return result;
        throw new Error(`Unmergable intersection. Error path: ` + `${JSON.stringify(merged.mergeErrorPath)}`);
    }
    result.value = merged.data;
    return result;
}
const $ZodRecord = /*@__PURE__*/ $constructor("$ZodRecord", (inst, def) => {
    $ZodType.init(inst, def);
    const memo = globalConfig.memoizer;
    memo?.attach(inst);
    inst._zod.parse = (payload, ctx) => {
        const input = payload.value;
        if (!isPlainObject(input)) {
            payload.issues.push({
                expected: "record",
                code: "invalid_type",
                input,
                inst,
            });
            return payload;
        }
        // no guard in either loop below: a record's invalid_key aborts but an enclosing intersection can reconcile it, so a stopped loop hides keys the sibling does not own and the intersection then rejects nothing
        const proms = [];
        const values = def.keyType._zod.values;
        if (values && !def.partial) {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            const recordKeys = new Set();
            for (const key of values) {
                if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
                    recordKeys.add(typeof key === "number" ? key.toString() : key);
                    // A declared __proto__ is stripped but is not an unrecognized key.
                    if (key === "__proto__")
                        continue;
                    const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                    if (keyResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (keyResult.issues.length) {
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                        continue;
                    }
                    const outKey = keyResult.value;
                    if (outKey === "__proto__")
                        continue;
                    const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                    if (result instanceof Promise) {
                        proms.push(result.then((result) => {
                            if (result.issues.length) {
                                payload.issues.push(...prefixIssues(key, result.issues));
                            }
                            payload.value[outKey] = result.value;
                        }));
                    }
                    else {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }
                }
            }
            let unrecognized;
            for (const key in input) {
                if (!recordKeys.has(key)) {
                    if (def.mode === "loose") {
                        // skip __proto__ so it can't replace the result prototype via the assignment setter on the plain {} we build into
                        if (key === "__proto__")
                            continue;
                        payload.value[key] = input[key];
                    }
                    else {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        else {
            payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
            // An enumerable key schema declares which keys the record owns, so a key outside the set is unrecognized. A non-enumerable one (regex, refine) is a constraint every key must satisfy, so a failing key is invalid. Only the former is reconcilable against the other side of an intersection.
            let unrecognized;
            // Reflect.ownKeys for Symbol-key support; filter non-enumerable to match z.object()
            for (const key of Reflect.ownKeys(input)) {
                if (key === "__proto__")
                    continue;
                if (!Object.prototype.propertyIsEnumerable.call(input, key))
                    continue;
                let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
                if (keyResult instanceof Promise) {
                    throw new Error("Async schemas not supported in object keys currently");
                }
                // Numeric string fallback: if key is a numeric string and failed, retry with Number(key). This handles z.number(), z.literal([1, 2, 3]), and unions containing numeric literals
                const checkNumericKey = typeof key === "string" && number$1.test(key) && keyResult.issues.length;
                if (checkNumericKey) {
                    const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
                    if (retryResult instanceof Promise) {
                        throw new Error("Async schemas not supported in object keys currently");
                    }
                    if (retryResult.issues.length === 0) {
                        keyResult = retryResult;
                    }
                }
                if (keyResult.issues.length) {
                    if (def.mode === "loose") {
                        // Pass through unchanged
                        payload.value[key] = input[key];
                    }
                    else if (values) {
                        unrecognized = unrecognized ?? [];
                        unrecognized.push(key);
                    }
                    else {
                        // Default "strict" behavior: error on invalid key
                        payload.issues.push({
                            code: "invalid_key",
                            origin: "record",
                            issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
                            input: key,
                            path: [key],
                            inst,
                        });
                    }
                    continue;
                }
                // the guard above tests the raw input key, but the key schema can normalize an ordinary key into __proto__; re-check the key we actually write under
                const outKey = keyResult.value;
                if (outKey === "__proto__")
                    continue;
                const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
                if (result instanceof Promise) {
                    proms.push(result.then((result) => {
                        if (result.issues.length) {
                            payload.issues.push(...prefixIssues(key, result.issues));
                        }
                        payload.value[outKey] = result.value;
                    }));
                }
                else {
                    if (result.issues.length) {
                        payload.issues.push(...prefixIssues(key, result.issues));
                    }
                    payload.value[outKey] = result.value;
                }
            }
            if (unrecognized && unrecognized.length > 0) {
                payload.issues.push({
                    code: "unrecognized_keys",
                    input,
                    inst,
                    keys: unrecognized,
                    continue: true,
                });
            }
        }
        if (proms.length) {
            return Promise.all(proms).then(() => payload);
        }
        return payload;
    };
});
const $ZodEnum = /*@__PURE__*/ $constructor("$ZodEnum", (inst, def) => {
    $ZodType.init(inst, def);
    const values = getEnumValues(def.entries);
    const valuesSet = new Set(values);
    inst._zod.values = valuesSet;
    defineLazyInternal(inst, "pattern", (zod) => {
        const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (valuesSet.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodLiteral = /*@__PURE__*/ $constructor("$ZodLiteral", (inst, def) => {
    $ZodType.init(inst, def);
    const values = new Set(def.values);
    inst._zod.values = values;
    defineLazyInternal(inst, "pattern", (zod) => {
        const vals = zod.def.values;
        // unmatchable fallback, RE2-safe: an empty alternation would compile to /^()$/, which matches ""
        return new RegExp(vals.length
            ? `^(${vals
                .map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o))
                .join("|")})$`
            : "^[^\\s\\S]$");
    });
    inst._zod.parse = (payload, _ctx) => {
        const input = payload.value;
        if (values.has(input)) {
            return payload;
        }
        payload.issues.push({
            code: "invalid_value",
            values: def.values,
            input,
            inst,
        });
        return payload;
    };
});
const $ZodTransform = /*@__PURE__*/ $constructor("$ZodTransform", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "optional";
    globalConfig.memoizer?.guard(inst);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        const _out = def.transform(payload.value, payload);
        if (ctx.async) {
            const output = _out instanceof Promise ? _out : Promise.resolve(_out);
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        if (_out instanceof Promise) {
            throw new $ZodAsyncError();
        }
        payload.value = _out;
        return payload;
    };
});
function handleOptionalResult(payload, result) {
    // A substituting schema that still failed has no usable answer; yield undefined. Its issues are simply dropped: it ran on a payload of its own, so there is no shared array to truncate and nothing of the caller's to lose with it.
    payload.value = result.issues.length ? undefined : result.value;
    return payload;
}
const $ZodOptional = /*@__PURE__*/ $constructor("$ZodOptional", (inst, def) => {
    $ZodType.init(inst, def);
    // .optional() propagates absence rather than substituting for it, so a defaulted inner keeps its rung.
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    inst._zod.optout = "optional";
    defineLazyInternal(inst, "values", (zod) => {
        const values = zod.def.innerType._zod.values;
        return values ? new Set([...values, undefined]) : undefined;
    });
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        if (payload.value === undefined) {
            // Only the top rung substitutes a value for absence; everything else leaves it intact, which is what .optional() means.
            if (def.innerType._zod.optin !== "defaulted")
                return payload;
            // Its own payload, for the same reason $ZodCatch gets one: a pipe forwards an unrecognized key through the caller's issues array, and this must not read that as the substituting schema failing and drop it.
            const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
            if (result instanceof Promise)
                return result.then((result) => handleOptionalResult(payload, result));
            return handleOptionalResult(payload, result);
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodExactOptional = /*@__PURE__*/ $constructor("$ZodExactOptional", (inst, def) => {
    // Call parent init - inherits optin/optout = "optional"
    $ZodOptional.init(inst, def);
    // Override values/pattern to NOT add undefined
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "pattern", (zod) => zod.def.innerType._zod.pattern);
    // Override parse to just delegate (no undefined handling)
    inst._zod.parse = (payload, ctx) => {
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNullable = /*@__PURE__*/ $constructor("$ZodNullable", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "pattern", (zod) => {
        const pattern = zod.def.innerType._zod.pattern;
        return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : undefined;
    });
    defineLazyInternal(inst, "values", (zod) => {
        return zod.def.innerType._zod.values ? new Set([...zod.def.innerType._zod.values, null]) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        // Forward direction (decode): allow null to pass through
        if (payload.value === null)
            return payload;
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodDefault = /*@__PURE__*/ $constructor("$ZodDefault", (inst, def) => {
    $ZodType.init(inst, def);
    // inst._zod.qin = "true";
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply defaults for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
            /**
             * $ZodDefault returns the default value immediately in forward direction.
             * It doesn't pass the default value into the validator ("prefault"). There's no reason to pass the default value through validation. The validity of the default is enforced by TypeScript statically. Otherwise, it's the responsibility of the user to ensure the default is valid. In the case of pipes with divergent in/out types, you can specify the default on the `in` schema of your ZodPipe to set a "prefault" for the pipe.   */
            return payload;
        }
        // Forward direction: continue with default handling
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleDefaultResult(result, def));
        }
        return handleDefaultResult(result, def);
    };
});
function handleDefaultResult(payload, def) {
    if (payload.value === undefined) {
        payload.value = def.defaultValue;
    }
    return payload;
}
const $ZodPrefault = /*@__PURE__*/ $constructor("$ZodPrefault", (inst, def) => {
    $ZodType.init(inst, def);
    inst._zod.optin = "defaulted";
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply prefault for undefined input
        if (payload.value === undefined) {
            payload.value = def.defaultValue;
        }
        return def.innerType._zod.run(payload, ctx);
    };
});
const $ZodNonOptional = /*@__PURE__*/ $constructor("$ZodNonOptional", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => {
        const v = zod.def.innerType._zod.values;
        return v ? new Set([...v].filter((x) => x !== undefined)) : undefined;
    });
    inst._zod.parse = (payload, ctx) => {
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleNonOptionalResult(result, inst));
        }
        return handleNonOptionalResult(result, inst);
    };
});
function handleNonOptionalResult(payload, inst) {
    if (!payload.issues.length && payload.value === undefined) {
        payload.issues.push({
            code: "invalid_type",
            expected: "nonoptional",
            input: payload.value,
            inst,
        });
    }
    return payload;
}
function handleCatchResult(payload, result, def, ctx) {
    if (!result.issues.length) {
        payload.value = result.value;
        // The value carries up, so the flag describing it has to carry with it: a back-edge into a node still being parsed must not be frozen by an enclosing readonly, and its checks belong to the node itself. Guarded so the ordinary case adds no own property.
        if (result.memo)
            payload.memo = true;
        return payload;
    }
    // Spread the inner's own payload, not ours: `value` has to stay the input the catch was handed, and the inner ran on a payload of its own so its issues are already private to this call.
    payload.value = def.catchValue({
        ...result,
        value: payload.value,
        error: {
            issues: result.issues.map((iss) => finalizeIssue(iss, ctx, config())),
        },
        input: payload.value,
    });
    return payload;
}
const $ZodCatch = /*@__PURE__*/ $constructor("$ZodCatch", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        // Forward direction (decode): apply catch logic
        const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
        if (result instanceof Promise) {
            return result.then((result) => handleCatchResult(payload, result, def, ctx));
        }
        return handleCatchResult(payload, result, def, ctx);
    };
});
const $ZodPipe = /*@__PURE__*/ $constructor("$ZodPipe", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "values", (zod) => zod.def.in._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.in._zod.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.out._zod.optout);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.in._zod.propValues);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            const right = def.out._zod.run(payload, ctx);
            if (right instanceof Promise) {
                return right.then((right) => handlePipeResult(right, def.in, ctx));
            }
            return handlePipeResult(right, def.in, ctx);
        }
        const left = def.in._zod.run(payload, ctx);
        if (left instanceof Promise) {
            return left.then((left) => handlePipeResult(left, def.out, ctx));
        }
        return handlePipeResult(left, def.out, ctx);
    };
});
function handlePipeResult(left, next, ctx) {
    // Any issue stops the pipe, so a failing refinement never feeds its transform. An unrecognized key is the exception: it describes the input's extra properties, not the value being piped, and an enclosing intersection may yet reconcile it.
    if (left.issues.some((iss) => iss.code !== "unrecognized_keys")) {
        // prevent further checks
        left.aborted = true;
        return left;
    }
    return next._zod.run({ value: left.value, issues: left.issues }, ctx);
}
const $ZodReadonly = /*@__PURE__*/ $constructor("$ZodReadonly", (inst, def) => {
    $ZodType.init(inst, def);
    defineLazyInternal(inst, "propValues", (zod) => zod.def.innerType._zod.propValues);
    defineLazyInternal(inst, "values", (zod) => zod.def.innerType._zod.values);
    defineLazyInternal(inst, "optin", (zod) => zod.def.innerType?._zod?.optin);
    defineLazyInternal(inst, "optout", (zod) => zod.def.innerType?._zod?.optout);
    inst._zod.parse = (payload, ctx) => {
        if (ctx.direction === "backward") {
            return def.innerType._zod.run(payload, ctx);
        }
        const result = def.innerType._zod.run(payload, ctx);
        if (result instanceof Promise) {
            return result.then(handleReadonlyResult);
        }
        return handleReadonlyResult(result);
    };
});
function handleReadonlyResult(payload) {
    // A repeat visit hands back a node that is still being built; freezing it here would make the rest of its keys fail to assign.
    if (!payload.memo)
        payload.value = Object.freeze(payload.value);
    return payload;
}
const $ZodCustom = /*@__PURE__*/ $constructor("$ZodCustom", (inst, def) => {
    $ZodCheck.init(inst, def);
    $ZodType.init(inst, def);
    inst._zod.parse = (payload, _) => {
        return payload;
    };
    inst._zod.check = (payload) => {
        const input = payload.value;
        const r = def.fn(input);
        if (r instanceof Promise) {
            return r.then((r) => handleRefineResult(r, payload, input, inst));
        }
        handleRefineResult(r, payload, input, inst);
        return;
    };
});
function handleRefineResult(result, payload, input, inst) {
    if (!result) {
        const _iss = {
            code: "custom",
            input,
            inst, // incorporates params.error into issue reporting
            path: [...(inst._zod.def.path ?? [])], // incorporates params.error into issue reporting
            continue: !inst._zod.def.abort,
            // params: inst._zod.def.params,
        };
        if (inst._zod.def.params)
            _iss.params = inst._zod.def.params;
        payload.issues.push(issue(_iss));
    }
}

class $ZodCyclicError extends Error {
    constructor() {
        super(`Cannot parse a reference cycle that closes through a transform`);
        this.name = "ZodCyclicError";
    }
}
/** Keyed off the context object every schema in one parse call already shares. */
const STATE = "~memo";
const NO_ISSUES = [];
// a value a cycle can close through
function isRef(value) {
    return value !== null && typeof value === "object";
}
// Receivers prefix paths in place, so the cache and every hand-out need their own copies.
function cloneIssues(issues) {
    return issues.map((iss) => (iss.path ? { ...iss, path: iss.path.slice() } : { ...iss }));
}
const recursive = /*@__PURE__*/ new WeakMap();
/** What the walk established, in order of certainty: ordered so the strongest answer among children wins. */
const NONE = 0;
const ASSUMED = 1;
const PROVEN = 2;
/** Whether this schema's subtree contains a cycle, so one parse can re-enter it. */
function isRecursive(inst, stack, resolve) {
    const cached = recursive.get(inst);
    if (cached !== undefined)
        return cached ? PROVEN : NONE;
    // Relative to the walk in progress, so not cached.
    if (stack.has(inst))
        return PROVEN;
    stack.add(inst);
    let result = NONE;
    const check = (child) => {
        if (result !== PROVEN && child?._zod) {
            const answer = isRecursive(child, stack);
            if (answer > result)
                result = answer;
        }
    };
    // `Reflect.ownKeys` rather than `Object.keys`, so a cycle through a declared symbol key is still seen
    const shape = (sh, spread) => {
        let answer = NONE;
        for (const key of Reflect.ownKeys(sh)) {
            const desc = Object.getOwnPropertyDescriptor(sh, key);
            // an object resolves its shape by spread, so a key it does not enumerate is never parsed; `z.properties` reads every own key and so keeps them all
            if (!desc.enumerable)
                continue;
            // resolving runs user code, and a factory mints a fresh subtree per read, so an edge the walk can't follow counts as a cycle
            const child = desc.get ? ASSUMED : desc.value?._zod ? isRecursive(desc.value, stack) : NONE;
            if (child > answer)
                answer = child;
        }
        return answer;
    };
    const merge = (answer) => {
        if (answer > result)
            result = answer;
    };
    const def = inst._zod.def;
    const kind = def.type;
    switch (kind) {
        case "object": {
            const raw = rawShape(def);
            // a def with no raw shape answers `shape` from an accessor of its own, and running that can mint a whole fresh subtree
            merge(raw ? shape(raw) : ASSUMED);
            check(def.catchall);
            break;
        }
        case "array":
            check(def.element);
            break;
        case "tuple":
            for (const el of def.items)
                check(el);
            check(def.rest);
            break;
        case "record":
        case "map":
            check(def.keyType);
            check(def.valueType);
            break;
        case "set":
            check(def.valueType);
            break;
        case "union":
            for (const el of def.options)
                check(el);
            break;
        case "intersection":
            check(def.left);
            check(def.right);
            break;
        case "optional":
        case "nullable":
        case "default":
        case "prefault":
        case "catch":
        case "readonly":
        case "nonoptional":
        case "promise":
        case "success":
            check(def.innerType);
            break;
        case "pipe":
            check(def.in);
            check(def.out);
            break;
        case "function":
            check(def.input);
            check(def.output);
            break;
        // `$ZodLazy` caches its inner on the def, so a resolved edge is followed exactly
        case "lazy": {
            const inner = def._cachedInner ?? (undefined);
            // walked with resolution off: one hop sees past the deferral, and a lazy that yields only another unresolved lazy is generative, so it stops there
            merge(inner ? isRecursive(inner, stack) : ASSUMED);
            break;
        }
        // a leaf by choice: `parts` are regex fragments, not data positions
        case "template_literal":
        // leaves
        case "string":
        case "number":
        case "int":
        case "boolean":
        case "bigint":
        case "symbol":
        case "undefined":
        case "null":
        case "void":
        case "never":
        case "any":
        case "unknown":
        case "date":
        case "nan":
        case "enum":
        case "literal":
        case "file":
        case "transform":
        case "custom":
            break;
        default: {
            // a user-defined kind can still hold children, and only its author knows where, so fall back to scanning the def — skipping accessors, since reading one can run user code
            for (const key in def) {
                const desc = Object.getOwnPropertyDescriptor(def, key);
                if (!desc || desc.get)
                    continue;
                const value = desc.value;
                if (!value || typeof value !== "object")
                    continue;
                if (value._zod)
                    check(value);
                else if (Array.isArray(value))
                    for (const el of value)
                        check(el);
            }
        }
    }
    stack.delete(inst);
    return settle(inst, result);
}
/** An assumed answer must not outlive the resolution that settles it, so only a certain one is cached. */
function settle(inst, answer) {
    if (answer !== ASSUMED)
        recursive.set(inst, answer === PROVEN);
    return answer;
}
function bucketFor(state, inst) {
    let bucket = state.buckets.get(inst);
    if (!bucket) {
        bucket = new WeakMap();
        state.buckets.set(inst, bucket);
    }
    return bucket;
}
// Set immediately before delegating to core and cleared immediately after, so `alloc` registers only for a visit this module is driving.
let handoff;
// Allocated but unfinished entries. `alloc` and the matching pop both happen in the synchronous part of a parse, so they nest even when children are async, and one stack serves every schema.
const open = [];
const memo = {
    alloc(_inst, payload, empty) {
        const bucket = handoff;
        if (!bucket)
            return empty;
        handoff = undefined;
        const entry = { value: empty, issues: null };
        bucket.set(payload.value, entry);
        open.push(entry);
        return empty;
    },
    guard(inst) {
        var _a;
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                // The value is a placeholder a back-edge is still waiting on, so the cycle closes through this transform. Its output can't exist in time to bind.
                if (ctx.direction !== "backward" && isBackEdge(ctx, payload.value))
                    throw new $ZodCyclicError();
                return base(payload, ctx);
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
    attach(inst) {
        var _a;
        let isRecursiveInst;
        let rechecked = false;
        // a recursive schema is re-entered many times per parse and its bucket never changes
        let lastCtx;
        let lastBucket;
        // Wraps `parse` in a deferred so it sees the container's final parse. Core's own deferred copies `parse` into `run` when there are no checks, and it ran first, so `run` is patched to match; with checks, `run` reads `parse` dynamically.
        (_a = inst._zod).deferred ?? (_a.deferred = []);
        inst._zod.deferred.push(() => {
            const base = inst._zod.parse;
            const wrapped = (payload, ctx) => {
                if (isRecursiveInst === undefined) {
                    const walked = isRecursive(inst, new Set());
                    if (walked === NONE) {
                        // Nothing here can ever fire, so take it back out.
                        inst._zod.parse = base;
                        if (inst._zod.run === wrapped)
                            inst._zod.run = base;
                        return base(payload, ctx);
                    }
                    // this parse resolves the deferred edges on its own path, so ask once more before latching
                    if (walked === PROVEN || rechecked)
                        isRecursiveInst = true;
                    else
                        rechecked = true;
                }
                const input = payload.value;
                if (!isRef(input))
                    return base(payload, ctx);
                let state = ctx[STATE];
                if (!state) {
                    state = { buckets: new WeakMap(), backEdges: undefined };
                    ctx[STATE] = state;
                }
                let bucket;
                if (lastCtx === ctx) {
                    bucket = lastBucket;
                }
                else {
                    bucket = bucketFor(state, inst);
                    lastCtx = ctx;
                    lastBucket = bucket;
                }
                const hit = bucket.get(input);
                if (hit) {
                    payload.value = hit.value;
                    if (hit.issues) {
                        if (hit.issues.length)
                            payload.issues.push(...cloneIssues(hit.issues));
                    }
                    else {
                        // Still being parsed: its own checks cover it, so skip them here.
                        payload.memo = true;
                        state.backEdges ?? (state.backEdges = new WeakSet());
                        state.backEdges.add(hit.value);
                    }
                    return payload;
                }
                handoff = bucket;
                const depth = open.length;
                const result = base(payload, ctx);
                handoff = undefined;
                // A container that rejected its input outright allocated nothing.
                const entry = open.length > depth ? open.pop() : undefined;
                // Both paths written out so the sync one allocates no closure. It runs once per node, and capturing here cost more than everything else combined.
                if (result instanceof Promise) {
                    return result.then((r) => {
                        if (entry)
                            entry.issues = r.issues.length ? cloneIssues(r.issues) : NO_ISSUES;
                        return r;
                    });
                }
                if (entry)
                    entry.issues = result.issues.length ? cloneIssues(result.issues) : NO_ISSUES;
                return result;
            };
            inst._zod.parse = wrapped;
            if (inst._zod.run === base)
                inst._zod.run = wrapped;
        });
    },
};
/** The memoizer that gives containers cycle support. `zod` installs it by default; `zod/mini` opts in with `config({ memoizer: memoizer() })`. */
function memoizer() {
    return memo;
}
/** Whether this value is a node a back-edge resolved to before it finished. */
function isBackEdge(ctx, value) {
    const backEdges = ctx[STATE]?.backEdges;
    return backEdges !== undefined && isRef(value) && backEdges.has(value);
}

const error = () => {
    const Sizable = {
        string: { unit: "characters", verb: "to have" },
        file: { unit: "bytes", verb: "to have" },
        array: { unit: "items", verb: "to have" },
        set: { unit: "items", verb: "to have" },
        map: { unit: "entries", verb: "to have" },
    };
    function getSizing(origin) {
        return Sizable[origin] ?? null;
    }
    const FormatDictionary = {
        regex: "input",
        email: "email address",
        url: "URL",
        emoji: "emoji",
        uuid: "UUID",
        uuidv4: "UUIDv4",
        uuidv6: "UUIDv6",
        nanoid: "nanoid",
        guid: "GUID",
        cuid: "cuid",
        cuid2: "cuid2",
        ulid: "ULID",
        xid: "XID",
        ksuid: "KSUID",
        datetime: "ISO datetime",
        date: "ISO date",
        time: "ISO time",
        duration: "ISO duration",
        ipv4: "IPv4 address",
        ipv6: "IPv6 address",
        mac: "MAC address",
        cidrv4: "IPv4 range",
        cidrv6: "IPv6 range",
        base64: "base64-encoded string",
        base64url: "base64url-encoded string",
        json_string: "JSON string",
        e164: "E.164 number",
        currency_code: "currency code",
        credit_card: "credit card number",
        iban: "IBAN",
        jwt: "JWT",
        template_literal: "input",
    };
    // type names: missing keys = do not translate (use raw value via ?? fallback)
    const TypeDictionary = {
        // Compatibility: "nan" -> "NaN" for display
        nan: "NaN",
        // All other type names omitted - they fall back to raw values via ?? operator
    };
    function getTypeName(type, input) {
        if (type === "number" && typeof input === "number" && !Number.isFinite(input)) {
            return String(input);
        }
        return TypeDictionary[type] ?? type;
    }
    return (issue) => {
        switch (issue.code) {
            case "invalid_type": {
                const expected = getTypeName(issue.expected);
                const receivedType = parsedType(issue.input);
                const received = getTypeName(receivedType, issue.input);
                return `Invalid input: expected ${expected}, received ${received}`;
            }
            case "invalid_value":
                if (issue.values.length === 1)
                    return `Invalid input: expected ${stringifyPrimitive(issue.values[0])}`;
                return `Invalid option: expected one of ${joinValues(issue.values, "|")}`;
            case "too_big": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? "<=" : "<";
                const sizing = getSizing(issue.origin);
                if (sizing)
                    return `Too big: expected ${issue.origin ?? "value"} to have ${adj}${issue.maximum.toString()} ${sizing.unit ?? "elements"}`;
                return `Too big: expected ${issue.origin ?? "value"} to be ${adj}${issue.maximum.toString()}`;
            }
            case "too_small": {
                const adj = issue.exact ? "exactly " : issue.inclusive ? ">=" : ">";
                const sizing = getSizing(issue.origin);
                if (sizing) {
                    return `Too small: expected ${issue.origin} to have ${adj}${issue.minimum.toString()} ${sizing.unit}`;
                }
                return `Too small: expected ${issue.origin} to be ${adj}${issue.minimum.toString()}`;
            }
            case "invalid_format": {
                const _issue = issue;
                if (_issue.format === "starts_with") {
                    return `Invalid string: must start with "${_issue.prefix}"`;
                }
                if (_issue.format === "ends_with")
                    return `Invalid string: must end with "${_issue.suffix}"`;
                if (_issue.format === "includes")
                    return `Invalid string: must include "${_issue.includes}"`;
                if (_issue.format === "regex")
                    return `Invalid string: must match pattern ${_issue.pattern}`;
                return `Invalid ${FormatDictionary[_issue.format] ?? issue.format}`;
            }
            case "not_multiple_of":
                return `Invalid number: must be a multiple of ${issue.divisor}`;
            case "unrecognized_keys":
                return `Unrecognized key${issue.keys.length > 1 ? "s" : ""}: ${joinValues(issue.keys, ", ")}`;
            case "invalid_key":
                return `Invalid key in ${issue.origin}`;
            case "invalid_union":
                if (issue.options && Array.isArray(issue.options) && issue.options.length > 0) {
                    const opts = issue.options.map((o) => `'${o}'`).join(" | ");
                    return `Invalid discriminator value. Expected ${opts}`;
                }
                if (issue.inclusive === false) {
                    return "Invalid input: more than one option matched";
                }
                return "Invalid input";
            case "invalid_element":
                return `Invalid value in ${issue.origin}`;
            default:
                return `Invalid input`;
        }
    };
};
function en () {
    return {
        localeError: error(),
    };
}

var _a;
class $ZodRegistry {
    constructor() {
        this._map = new WeakMap();
        this._idmap = new Map();
    }
    add(schema, ..._meta) {
        const meta = _meta[0];
        this._map.set(schema, meta);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.set(meta.id, schema);
        }
        return this;
    }
    clear() {
        this._map = new WeakMap();
        this._idmap = new Map();
        return this;
    }
    remove(schema) {
        const meta = this._map.get(schema);
        if (meta && typeof meta === "object" && "id" in meta) {
            this._idmap.delete(meta.id);
        }
        this._map.delete(schema);
        return this;
    }
    get(schema) {
        // return this._map.get(schema) as any;
        // inherit metadata
        const p = schema._zod.parent;
        if (p) {
            const pm = { ...(this.get(p) ?? {}) };
            delete pm.id; // do not inherit id
            const f = { ...pm, ...this._map.get(schema) };
            return Object.keys(f).length ? f : undefined;
        }
        return this._map.get(schema);
    }
    has(schema) {
        return this._map.has(schema);
    }
}
// registries
function registry() {
    return new $ZodRegistry();
}
(_a = globalThis).__zod_globalRegistry ?? (_a.__zod_globalRegistry = registry());
const globalRegistry = globalThis.__zod_globalRegistry;

function snapshotChecks(def) {
    if (def.checks)
        def.checks = [...def.checks];
    return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
    return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _email(Class, params) {
    return new Class({
        type: "string",
        format: "email",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _guid(Class, params) {
    return new Class({
        type: "string",
        format: "guid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuid(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv4(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v4",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv6(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v6",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uuidv7(Class, params) {
    return new Class({
        type: "string",
        format: "uuid",
        check: "string_format",
        abort: false,
        version: "v7",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _url(Class, params) {
    return new Class({
        type: "string",
        format: "url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _emoji(Class, params) {
    return new Class({
        type: "string",
        format: "emoji",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _nanoid(Class, params) {
    return new Class({
        type: "string",
        format: "nanoid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link _cuid2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
// @__NO_SIDE_EFFECTS__
function _cuid(Class, params) {
    return new Class({
        type: "string",
        format: "cuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cuid2(Class, params) {
    return new Class({
        type: "string",
        format: "cuid2",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ulid(Class, params) {
    return new Class({
        type: "string",
        format: "ulid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _xid(Class, params) {
    return new Class({
        type: "string",
        format: "xid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ksuid(Class, params) {
    return new Class({
        type: "string",
        format: "ksuid",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv4(Class, params) {
    return new Class({
        type: "string",
        format: "ipv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _ipv6(Class, params) {
    return new Class({
        type: "string",
        format: "ipv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv4(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv4",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _cidrv6(Class, params) {
    return new Class({
        type: "string",
        format: "cidrv6",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64(Class, params) {
    return new Class({
        type: "string",
        format: "base64",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _base64url(Class, params) {
    return new Class({
        type: "string",
        format: "base64url",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _e164(Class, params) {
    return new Class({
        type: "string",
        format: "e164",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _jwt(Class, params) {
    return new Class({
        type: "string",
        format: "jwt",
        check: "string_format",
        abort: false,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDateTime(Class, params) {
    return new Class({
        type: "string",
        format: "datetime",
        check: "string_format",
        offset: false,
        local: false,
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDate(Class, params) {
    return new Class({
        type: "string",
        format: "date",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoTime(Class, params) {
    return new Class({
        type: "string",
        format: "time",
        check: "string_format",
        precision: null,
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _isoDuration(Class, params) {
    return new Class({
        type: "string",
        format: "duration",
        check: "string_format",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
    return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
    return new Class({
        type: "number",
        check: "number_format",
        abort: false,
        format: "safeint",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _boolean(Class, params) {
    return new Class({
        type: "boolean",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _unknown(Class) {
    return new Class({
        type: "unknown",
    });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
    return new Class({
        type: "never",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _lt(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
    return new $ZodCheckLessThan({
        check: "less_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}
// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: false,
    });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
    return new $ZodCheckGreaterThan({
        check: "greater_than",
        ...normalizeParams(params),
        value,
        inclusive: true,
    });
}
// @__NO_SIDE_EFFECTS__
function _multipleOf(value, params) {
    return new $ZodCheckMultipleOf({
        check: "multiple_of",
        ...normalizeParams(params),
        value,
    });
}
// @__NO_SIDE_EFFECTS__
function _maxLength(maximum, params) {
    const ch = new $ZodCheckMaxLength({
        check: "max_length",
        ...normalizeParams(params),
        maximum,
    });
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
    return new $ZodCheckMinLength({
        check: "min_length",
        ...normalizeParams(params),
        minimum,
    });
}
// @__NO_SIDE_EFFECTS__
function _length(length, params) {
    return new $ZodCheckLengthEquals({
        check: "length_equals",
        ...normalizeParams(params),
        length,
    });
}
// @__NO_SIDE_EFFECTS__
function _regex(pattern, params) {
    return new $ZodCheckRegex({
        check: "string_format",
        format: "regex",
        ...normalizeParams(params),
        pattern,
    });
}
// @__NO_SIDE_EFFECTS__
function _lowercase(params) {
    return new $ZodCheckLowerCase({
        check: "string_format",
        format: "lowercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _uppercase(params) {
    return new $ZodCheckUpperCase({
        check: "string_format",
        format: "uppercase",
        ...normalizeParams(params),
    });
}
// @__NO_SIDE_EFFECTS__
function _includes(includes, params) {
    return new $ZodCheckIncludes({
        check: "string_format",
        format: "includes",
        ...normalizeParams(params),
        includes,
    });
}
// @__NO_SIDE_EFFECTS__
function _startsWith(prefix, params) {
    return new $ZodCheckStartsWith({
        check: "string_format",
        format: "starts_with",
        ...normalizeParams(params),
        prefix,
    });
}
// @__NO_SIDE_EFFECTS__
function _endsWith(suffix, params) {
    return new $ZodCheckEndsWith({
        check: "string_format",
        format: "ends_with",
        ...normalizeParams(params),
        suffix,
    });
}
// @__NO_SIDE_EFFECTS__
function _overwrite(tx) {
    return new $ZodCheckOverwrite({
        check: "overwrite",
        tx,
    });
}
// normalize
// @__NO_SIDE_EFFECTS__
function _normalize(form) {
    return _overwrite((input) => input.normalize(form));
}
// trim
// @__NO_SIDE_EFFECTS__
function _trim() {
    return _overwrite((input) => input.trim());
}
// toLowerCase
// @__NO_SIDE_EFFECTS__
function _toLowerCase() {
    return _overwrite((input) => input.toLowerCase());
}
// toUpperCase
// @__NO_SIDE_EFFECTS__
function _toUpperCase() {
    return _overwrite((input) => input.toUpperCase());
}
// slugify
// @__NO_SIDE_EFFECTS__
function _slugify() {
    return _overwrite((input) => slugify(input));
}
// @__NO_SIDE_EFFECTS__
function _array(Class, element, params) {
    return new Class({
        type: "array",
        element,
        // get element() {
        //   return element;
        // },
        ...normalizeParams(params),
    });
}
// same as _custom but defaults to abort:false
// @__NO_SIDE_EFFECTS__
function _refine(Class, fn, _params) {
    const schema = new Class({
        type: "custom",
        check: "custom",
        fn: fn,
        ...normalizeParams(_params),
    });
    return schema;
}
// @__NO_SIDE_EFFECTS__
function _superRefine(fn, params) {
    const ch = _check((payload) => {
        payload.addIssue = (issue$1) => {
            if (typeof issue$1 === "string") {
                payload.issues.push(issue(issue$1, payload.value, ch._zod.def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue$1;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = ch);
                _issue.continue ?? (_issue.continue = !ch._zod.def.abort); // abort is always undefined, so this is always true...
                payload.issues.push(issue(_issue));
            }
        };
        return fn(payload.value, payload);
    }, params);
    return ch;
}
// @__NO_SIDE_EFFECTS__
function _check(fn, params) {
    const ch = new $ZodCheck({
        check: "custom",
        ...normalizeParams(params),
    });
    ch._zod.check = fn;
    return ch;
}

function assignProps(target, ...sources) {
    for (const source of sources) {
        for (const key of Reflect.ownKeys(source)) {
            if (Object.prototype.propertyIsEnumerable.call(source, key)) {
                assignProp(target, key, source[key]);
            }
        }
    }
    return target;
}
// function initializeContext<T extends schemas.$ZodType>(inputs: JSONSchemaGeneratorParams<T>): ToJSONSchemaContext<T> {
//   return {
//     processor: inputs.processor,
//     metadataRegistry: inputs.metadata ?? globalRegistry,
//     target: inputs.target ?? "draft-2020-12",
//     unrepresentable: inputs.unrepresentable ?? "throw",
//   };
// }
function initializeContext(params) {
    // Normalize target: convert old non-hyphenated versions to hyphenated versions
    let target = params?.target ?? "draft-2020-12";
    if (target === "draft-4")
        target = "draft-04";
    if (target === "draft-7")
        target = "draft-07";
    return {
        processors: params.processors ?? {},
        metadataRegistry: params?.metadata ?? globalRegistry,
        target,
        unrepresentable: params?.unrepresentable ?? "throw",
        override: params?.override ?? (() => { }),
        io: params?.io ?? "output",
        counter: 0,
        seen: new Map(),
        sharedDefsExtractedFor: undefined,
        sharedEmitDoneFor: undefined,
        cycles: params?.cycles ?? "ref",
        reused: params?.reused ?? "inline",
        intersections: [],
        deferred: [],
        external: params?.external ?? undefined,
    };
}
/**
 * Applies the `unrepresentable` setting at a site that has no JSON Schema equivalent. Throws
 * `message` unless the setting (or the handler's return value) says otherwise. Returns `true` if a
 * custom JSON Schema was written into `json`, in which case the caller must not write its own.
 */
function handleUnrepresentable(schema, ctx, json, params, message) {
    const result = typeof ctx.unrepresentable === "function"
        ? ctx.unrepresentable({ zodSchema: schema, path: params.path, message })
        : ctx.unrepresentable;
    if (result === "any")
        return false;
    if (result === undefined || result === "throw")
        throw new Error(message);
    Object.assign(json, result);
    return true;
}
// never rename this back to `process`: bundler polyfills inject a top-level `const process` that a lexical declaration of the same name collides with (#6397)
function processSchema(schema, ctx, _params = { path: [], schemaPath: [] }) {
    var _a;
    const def = schema._zod.def;
    // check for schema in seens
    const seen = ctx.seen.get(schema);
    if (seen) {
        seen.count++;
        // check if cycle
        const isCycle = _params.schemaPath.includes(schema);
        if (isCycle) {
            seen.cycle = _params.path;
        }
        return seen.schema;
    }
    // initialize
    const result = { schema: {}, count: 1, cycle: undefined, path: _params.path };
    ctx.seen.set(schema, result);
    ctx.sharedDefsExtractedFor = undefined;
    ctx.sharedEmitDoneFor = undefined;
    // custom method overrides default behavior
    const overrideSchema = schema._zod.toJSONSchema?.();
    if (overrideSchema) {
        result.schema = overrideSchema;
    }
    else {
        const params = {
            ..._params,
            schemaPath: [..._params.schemaPath, schema],
            path: _params.path,
        };
        if (schema._zod.processJSONSchema) {
            schema._zod.processJSONSchema(ctx, result.schema, params);
        }
        else {
            const _json = result.schema;
            const processor = ctx.processors[def.type];
            if (!processor) {
                throw new Error(`[toJSONSchema]: Non-representable type encountered: ${def.type}`);
            }
            processor(schema, ctx, _json, params);
        }
        const parent = schema._zod.parent;
        if (parent) {
            // Also set ref if processor didn't (for inheritance)
            if (!result.ref)
                result.ref = parent;
            processSchema(parent, ctx, params);
            ctx.seen.get(parent).isParent = true;
        }
    }
    // metadata
    const meta = ctx.metadataRegistry.get(schema);
    if (meta)
        assignProps(result.schema, meta);
    if (ctx.io === "input" && isTransforming(schema)) {
        // examples/defaults only apply to output type of pipe
        delete result.schema.examples;
        delete result.schema.default;
    }
    // set prefault as default
    if (ctx.io === "input" && "_prefault" in result.schema)
        (_a = result.schema).default ?? (_a.default = result.schema._prefault);
    delete result.schema._prefault;
    // pulling fresh from ctx.seen in case it was overwritten
    const _result = ctx.seen.get(schema);
    return _result.schema;
}
// Escape a reference token for use in a JSON Pointer fragment (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. The `~` replacement must run first.
function encodeJSONPointerSegment(segment) {
    return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
function extractDefs(ctx, schema
// params: EmitParams
) {
    // iterate over seen map;
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // With `external` set, every registered schema resolves through the external branch of `makeURI`, so the root branch below produces the same ref the external branch would — this pass is identical whichever schema it is called with, and only needs to run once.
    if (ctx.external && ctx.sharedDefsExtractedFor === ctx.external)
        return;
    // Track ids to detect duplicates across different schemas
    const idToSchema = new Map();
    for (const entry of ctx.seen.entries()) {
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            const existing = idToSchema.get(id);
            if (existing && existing !== entry[0]) {
                throw new Error(`Duplicate schema id "${id}" detected during JSON Schema conversion. Two different schemas cannot share the same id when converted together.`);
            }
            idToSchema.set(id, entry[0]);
        }
    }
    // returns a ref to the schema defId will be empty if the ref points to an external schema (or #)
    const makeURI = (entry) => {
        // comparing the seen objects because sometimes multiple schemas map to the same seen object. e.g. lazy
        // external is configured
        const defsSegment = ctx.target === "draft-2020-12" ? "$defs" : "definitions";
        if (ctx.external) {
            const externalId = ctx.external.registry.get(entry[0])?.id; // ?? "__shared";// `__schema${ctx.counter++}`;
            // check if schema is in the external registry
            const uriGenerator = ctx.external.uri ?? ((id) => id);
            if (externalId) {
                return { ref: uriGenerator(externalId) };
            }
            // otherwise, add to __shared
            const id = entry[1].defId ?? entry[1].schema.id ?? `schema${ctx.counter++}`;
            entry[1].defId = id; // set defId so it will be reused if needed
            return { defId: id, ref: `${uriGenerator("__shared")}#/${defsSegment}/${encodeJSONPointerSegment(id)}` };
        }
        const uriPrefix = `#`;
        const defUriPrefix = `${uriPrefix}/${defsSegment}/`;
        // an id-less root has nowhere to be extracted to, so it stays inline and self-references as `#`
        if (entry[1] === root && !entry[1].schema.id) {
            return { ref: uriPrefix };
        }
        // self-contained schema
        const defId = entry[1].schema.id ?? `__schema${ctx.counter++}`;
        return { defId, ref: defUriPrefix + encodeJSONPointerSegment(defId) };
    };
    // stored cached version in `def` property remove all properties, set $ref
    const extractToDef = (entry) => {
        // if the schema is already a reference, do not extract it
        if (entry[1].schema.$ref) {
            return;
        }
        const seen = entry[1];
        const { ref, defId } = makeURI(entry);
        seen.def = { ...seen.schema };
        // defId won't be set if the schema is a reference to an external schema or if the schema is the root schema
        if (defId)
            seen.defId = defId;
        // wipe away all properties except $ref
        const schema = seen.schema;
        for (const key in schema) {
            delete schema[key];
        }
        schema.$ref = ref;
    };
    // throw on cycles
    // break cycles
    if (ctx.cycles === "throw") {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.cycle) {
                throw new Error("Cycle detected: " +
                    `#/${seen.cycle?.join("/")}/<root>` +
                    '\n\nSet the `cycles` parameter to `"ref"` to resolve cyclical schemas with defs.');
            }
        }
    }
    // extract schemas into $defs
    for (const entry of ctx.seen.entries()) {
        const seen = entry[1];
        // convert root schema to # $ref
        if (schema === entry[0]) {
            extractToDef(entry); // this has special handling for the root schema
            continue;
        }
        // extract schemas that are in the external registry
        if (ctx.external) {
            const ext = ctx.external.registry.get(entry[0])?.id;
            if (schema !== entry[0] && ext) {
                extractToDef(entry);
                continue;
            }
        }
        // extract schemas with `id` meta
        const id = ctx.metadataRegistry.get(entry[0])?.id;
        if (id) {
            extractToDef(entry);
            continue;
        }
        // break cycles
        if (seen.cycle) {
            // any
            extractToDef(entry);
            continue;
        }
        // extract reused schemas
        if (seen.count > 1) {
            if (ctx.reused === "ref") {
                extractToDef(entry);
            }
        }
    }
    if (ctx.external)
        ctx.sharedDefsExtractedFor = ctx.external;
}
/** Rewrites `anyOf: [{type: "a"}, {type: "b"}]` to `type: ["a", "b"]`, which every JSON Schema draft treats as equivalent and most consumers render far better for the nullable case. Only branches that are a bare type assertion qualify — anything carrying a constraint, `$ref`, `const` or metadata is left alone. Runs after `flattenRef`, so a branch an override decorated or `$defs` extraction turned into a `$ref` is no longer bare and correctly stays in `anyOf`. `oneOf` is excluded: `integer` and `number` overlap, so "exactly one" and "at least one" are not the same there. OpenAPI 3.0 is excluded: its `type` must be a single string. */
function compactTypeUnion(schema) {
    const options = schema.anyOf;
    if (!Array.isArray(options) || options.length === 0 || schema.type !== undefined)
        return;
    const types = [];
    for (const option of options) {
        if (!option || typeof option !== "object")
            return;
        // A branch that is itself a compactible union folds into this one — nested `anyOf` and a flat `type` array say the same thing. Compacting it first also makes the result independent of the order this pass walks the seen map in.
        compactTypeUnion(option);
        const keys = Object.keys(option);
        if (keys.length !== 1 || keys[0] !== "type")
            return;
        const type = option.type;
        for (const member of Array.isArray(type) ? type : [type]) {
            if (typeof member !== "string")
                return;
            if (!types.includes(member))
                types.push(member);
        }
    }
    delete schema.anyOf;
    // A `type` array must be non-empty and unique (metaschema); a single member is spelled as a bare string.
    schema.type = types.length === 1 ? types[0] : types;
}
/** Keywords `foldIntersection` knows how to combine. Anything else — `$ref`, `patternProperties`,
 * an annotation like `description` — makes a member unfoldable, so a constraint this does not
 * understand leaves the `allOf` alone instead of being silently dropped or misattributed. */
const FOLDABLE_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);
const UNION_KEYS = ["oneOf", "anyOf"];
/** A member's constraint on a key it does not declare itself. A `catchall` states one; `false`, an absent `additionalProperties`, and the empty schema a loose object emits state nothing. */
function undeclaredConstraint(member) {
    const extra = member.additionalProperties;
    if (extra === undefined || extra === false || typeof extra !== "object" || extra === null)
        return null;
    return Object.keys(extra).length ? extra : null;
}
/** Combines object members into the single object they describe together, or returns `null` if any of them carries a keyword outside {@link FOLDABLE_KEYS}. */
function foldObjects(members) {
    const objects = [];
    for (const member of members) {
        // A boolean subschema is legal JSON Schema and carries no keywords to fold.
        if (typeof member !== "object" || member.type !== "object")
            return null;
        for (const key in member) {
            if (!FOLDABLE_KEYS.has(key))
                return null;
        }
        objects.push(member);
    }
    const properties = {};
    const required = new Set();
    for (const object of objects) {
        for (const key in object.properties) {
            // `in` would report a `__proto__` key as already present via the prototype chain and skip it.
            if (Object.prototype.hasOwnProperty.call(properties, key))
                continue;
            // Every member constrains this key: the ones that declare it say how, and a `catchall` member constrains it too even though it does not name it. The key has to satisfy all of them, which is the same intersection one level down.
            const parts = [];
            for (const other of objects) {
                const part = other.properties?.[key] ?? undeclaredConstraint(other);
                if (part === null || part === undefined)
                    continue;
                if (!parts.some((seen) => JSON.stringify(seen) === JSON.stringify(part)))
                    parts.push(part);
            }
            const merged = parts.length === 1
                ? parts[0]
                : (foldObjects(parts) ?? { allOf: parts });
            assignProp(properties, key, merged);
        }
        for (const key of object.required ?? [])
            required.add(key);
    }
    const folded = { type: "object", properties };
    if (required.size)
        folded.required = [...required];
    // A key no member declares is rejected only when every member rejects it, so the fold is closed only when every member is. Otherwise it carries whatever the `catchall` members demand of such a key.
    if (objects.every((object) => object.additionalProperties === false)) {
        folded.additionalProperties = false;
    }
    else {
        const constraints = [];
        for (const object of objects) {
            const constraint = undeclaredConstraint(object);
            if (constraint && !constraints.some((seen) => JSON.stringify(seen) === JSON.stringify(constraint)))
                constraints.push(constraint);
        }
        if (constraints.length === 1)
            folded.additionalProperties = constraints[0];
        else if (constraints.length > 1)
            folded.additionalProperties = { allOf: constraints };
    }
    return folded;
}
/** `additionalProperties` in an `allOf` member sees only that member's own `properties`, so two
 * closed object members reject each other's keys and the schema validates nothing. Zod's parser
 * pools the key sets instead — `handleIntersectionResults` reports a key as unrecognized only when
 * *every* side rejects it — so the emitted schema has to pool them too, and folding the members
 * into one object is the encoding that says so on every target.
 *
 * This runs from `finalize`, after `extractDefs`, which is what keeps it clear of the `$ref`
 * machinery: a member extracted into `$defs` is already a `$ref` by now and declines to fold, so it
 * keeps its reference and its own closedness rather than being inlined as a stale copy. */
function foldIntersection(json) {
    const allOf = json.allOf;
    if (!Array.isArray(allOf) || allOf.length < 2)
        return;
    // An `override` runs before this pass and may have written object keywords onto the intersection itself. Those are deliberate, so decline rather than overwrite them.
    for (const key of FOLDABLE_KEYS)
        if (key in json)
            return;
    // An intersection distributes over a union: `A & (X | Y)` is `(A & X) | (A & Y)`. Only the first union is distributed over; a second one stays among the members every branch folds against, where it fails the object check and declines the whole intersection rather than multiplying out.
    const unions = allOf.filter((m) => UNION_KEYS.some((k) => Array.isArray(m[k])));
    let folded = null;
    if (!unions.length) {
        folded = foldObjects(allOf);
    }
    else {
        const union = unions[0];
        const keyword = UNION_KEYS.find((k) => Array.isArray(union[k]));
        if (Object.keys(union).length !== 1)
            return;
        const rest = allOf.filter((m) => m !== union);
        const branches = union[keyword].map((branch) => foldObjects([...rest, branch]));
        if (branches.some((b) => !b))
            return;
        folded = { [keyword]: branches };
    }
    if (!folded)
        return;
    delete json.allOf;
    assignProps(json, folded);
}
function finalize(ctx, schema) {
    const root = ctx.seen.get(schema);
    if (!root)
        throw new Error("Unprocessed schema. This is a bug in Zod.");
    // flatten refs - inherit properties from parent schemas
    const flattenRef = (zodSchema) => {
        const seen = ctx.seen.get(zodSchema);
        // already processed
        if (seen.ref === null)
            return;
        const schema = seen.def ?? seen.schema;
        const _cached = { ...schema };
        const ref = seen.ref;
        seen.ref = null; // prevent infinite recursion
        if (ref) {
            flattenRef(ref);
            const refSeen = ctx.seen.get(ref);
            const refSchema = refSeen.schema;
            // merge referenced schema into current
            if (refSchema.$ref && (ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0")) {
                // older drafts can't combine $ref with other properties
                schema.allOf = schema.allOf ?? [];
                schema.allOf.push(refSchema);
            }
            else {
                assignProps(schema, refSchema);
            }
            // restore child's own properties (child wins)
            assignProps(schema, _cached);
            const isParentRef = zodSchema._zod.parent === ref;
            // For parent chain, child is a refinement - remove parent-only properties
            if (isParentRef) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (!(key in _cached)) {
                        delete schema[key];
                    }
                }
            }
            // When ref was extracted to $defs, remove properties that match the definition
            if (refSchema.$ref && refSeen.def) {
                for (const key in schema) {
                    if (key === "$ref" || key === "allOf")
                        continue;
                    if (key in refSeen.def && JSON.stringify(schema[key]) === JSON.stringify(refSeen.def[key])) {
                        delete schema[key];
                    }
                }
            }
        }
        // If parent was extracted (has $ref), propagate $ref to this schema. This handles cases like: readonly().meta({id}).describe() where processor sets ref to innerType but parent should be referenced
        const parent = zodSchema._zod.parent;
        if (parent && parent !== ref) {
            // Ensure parent is processed first so its def has inherited properties
            flattenRef(parent);
            const parentSeen = ctx.seen.get(parent);
            if (parentSeen?.schema.$ref) {
                schema.$ref = parentSeen.schema.$ref;
                // De-duplicate with parent's definition
                if (parentSeen.def) {
                    for (const key in schema) {
                        if (key === "$ref" || key === "allOf")
                            continue;
                        if (key in parentSeen.def && JSON.stringify(schema[key]) === JSON.stringify(parentSeen.def[key])) {
                            delete schema[key];
                        }
                    }
                }
            }
        }
        // execute overrides
        ctx.override({
            zodSchema: zodSchema,
            jsonSchema: schema,
            path: seen.path ?? [],
        });
    };
    // Flattening walks the whole map and clears each `ref` as it goes, so a second call over the same map is a no-op scan. Skip it outright once it has run for a registry conversion.
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of [...ctx.seen.entries()].reverse()) {
            flattenRef(entry[0]);
        }
        if (ctx.target !== "openapi-3.0") {
            for (const entry of ctx.seen.entries()) {
                compactTypeUnion(entry[1].def ?? entry[1].schema);
            }
        }
        for (const rewrite of ctx.deferred)
            rewrite();
        // After flattening, every member that was extracted is a `$ref`, so the fold sees the final shape. A schema that inherits an intersection — through `z.lazy`, or any `ref` chain — holds the same `allOf` array, so fold by array identity to catch every copy.
        if (ctx.intersections.length) {
            const carriers = new Map();
            for (const seen of ctx.seen.values()) {
                for (const json of [seen.schema, seen.def]) {
                    const allOf = json?.allOf;
                    if (!Array.isArray(allOf))
                        continue;
                    const existing = carriers.get(allOf);
                    if (existing)
                        existing.push(json);
                    else
                        carriers.set(allOf, [json]);
                }
            }
            for (const allOf of ctx.intersections) {
                for (const json of carriers.get(allOf) ?? [])
                    foldIntersection(json);
            }
        }
    }
    const result = {};
    if (ctx.target === "draft-2020-12") {
        result.$schema = "https://json-schema.org/draft/2020-12/schema";
    }
    else if (ctx.target === "draft-07") {
        result.$schema = "http://json-schema.org/draft-07/schema#";
    }
    else if (ctx.target === "draft-04") {
        result.$schema = "http://json-schema.org/draft-04/schema#";
    }
    else if (ctx.target === "openapi-3.0") ;
    else ;
    if (ctx.external?.uri) {
        const id = ctx.external.registry.get(schema)?.id;
        if (!id)
            throw new Error("Schema is missing an `id` property");
        result.$id = ctx.external.uri(id);
    }
    // when the root was extracted into $defs, `root.schema` is the `$ref` wrapper and `root.def` is the body that now lives under $defs
    assignProps(result, root.defId ? root.schema : (root.def ?? root.schema));
    // The `id` in `.meta()` is a Zod-specific registration tag used to extract schemas into $defs — it is not user-facing JSON Schema metadata. Strip it from the output body where it would otherwise leak. The id is preserved implicitly via the $defs key (and via $ref paths).
    const rootMetaId = ctx.metadataRegistry.get(schema)?.id;
    if (rootMetaId !== undefined && result.id === rootMetaId)
        delete result.id;
    // build defs object. With `external`, `defs` is the shared object every schema writes into, so the same entries are reassigned on every call. Without it, `defs` is fresh per call and must be rebuilt.
    const defs = ctx.external?.defs ?? {};
    if (!ctx.external || ctx.sharedEmitDoneFor !== ctx.external) {
        for (const entry of ctx.seen.entries()) {
            const seen = entry[1];
            if (seen.def && seen.defId) {
                if (seen.def.id === seen.defId)
                    delete seen.def.id;
                assignProp(defs, seen.defId, seen.def);
            }
        }
    }
    if (ctx.external)
        ctx.sharedEmitDoneFor = ctx.external;
    // set definitions in result
    if (ctx.external) ;
    else {
        if (Object.keys(defs).length > 0) {
            if (ctx.target === "draft-2020-12") {
                result.$defs = defs;
            }
            else {
                result.definitions = defs;
            }
        }
    }
    try {
        // this "finalizes" this schema and ensures all cycles are removed each call to finalize() is functionally independent though the seen map is shared
        const finalized = JSON.parse(JSON.stringify(result));
        Object.defineProperty(finalized, "~standard", {
            value: {
                ...schema["~standard"],
                jsonSchema: {
                    input: createStandardJSONSchemaMethod(schema, "input", ctx.processors),
                    output: createStandardJSONSchemaMethod(schema, "output", ctx.processors),
                },
            },
            enumerable: false,
            writable: false,
        });
        return finalized;
    }
    catch (_err) {
        throw new Error("Error converting schema to JSON.");
    }
}
function isTransforming(_schema, _ctx) {
    const ctx = _ctx ?? { seen: new Set() };
    if (ctx.seen.has(_schema))
        return false;
    ctx.seen.add(_schema);
    const def = _schema._zod.def;
    if (def.type === "transform")
        return true;
    if (def.type === "array")
        return isTransforming(def.element, ctx);
    if (def.type === "set")
        return isTransforming(def.valueType, ctx);
    if (def.type === "lazy")
        return isTransforming(def.getter(), ctx);
    if (def.type === "promise" ||
        def.type === "optional" ||
        def.type === "nonoptional" ||
        def.type === "nullable" ||
        def.type === "readonly" ||
        def.type === "default" ||
        def.type === "prefault" ||
        def.type === "catch") {
        return isTransforming(def.innerType, ctx);
    }
    if (def.type === "intersection") {
        return isTransforming(def.left, ctx) || isTransforming(def.right, ctx);
    }
    if (def.type === "record" || def.type === "map") {
        return isTransforming(def.keyType, ctx) || isTransforming(def.valueType, ctx);
    }
    if (def.type === "pipe") {
        if (_schema._zod.traits.has("$ZodCodec"))
            return true;
        return isTransforming(def.in, ctx) || isTransforming(def.out, ctx);
    }
    if (def.type === "object") {
        for (const key in def.shape) {
            if (isTransforming(def.shape[key], ctx))
                return true;
        }
        return false;
    }
    if (def.type === "union") {
        for (const option of def.options) {
            if (isTransforming(option, ctx))
                return true;
        }
        return false;
    }
    if (def.type === "tuple") {
        for (const item of def.items) {
            if (isTransforming(item, ctx))
                return true;
        }
        if (def.rest && isTransforming(def.rest, ctx))
            return true;
        return false;
    }
    return false;
}
/**
 * Creates a toJSONSchema method for a schema instance.
 * This encapsulates the logic of initializing context, processing, extracting defs, and finalizing.
 */
const createToJSONSchemaMethod = (schema, processors = {}) => (params) => {
    const ctx = initializeContext({ ...params, processors });
    processSchema(schema, ctx);
    extractDefs(ctx, schema);
    return finalize(ctx, schema);
};
const createStandardJSONSchemaMethod = (schema, io, processors = {}) => (params) => {
    const { libraryOptions, target } = params ?? {};
    const ctx = initializeContext({ ...(libraryOptions ?? {}), target, io, processors });
    processSchema(schema, ctx);
    extractDefs(ctx, schema);
    return finalize(ctx, schema);
};

const narrowMin = (agg, key, value) => {
    if (agg[key] === undefined || value > agg[key])
        agg[key] = value;
};
const narrowMax = (agg, key, value) => {
    if (agg[key] === undefined || value < agg[key])
        agg[key] = value;
};
const narrowBoth = (agg, value) => {
    narrowMin(agg, "minimum", value);
    narrowMax(agg, "maximum", value);
};
const addDivisor = (agg, value) => {
    agg.multipleOf ?? (agg.multipleOf = []);
    if (!agg.multipleOf.includes(value))
        agg.multipleOf.push(value);
};
const addPattern = (agg, pattern) => {
    agg.patterns ?? (agg.patterns = new Set());
    agg.patterns.add(pattern);
};
const intersectMime = (agg, mime) => {
    agg.mime = agg.mime ? agg.mime.filter((m) => mime.includes(m)) : [...mime];
};
// last-wins, matching the bag's historical write order; the flag keeps an integer format from being lost to a later float one
const setFormat = (agg, format) => {
    agg.format = format;
    if (format.includes("int"))
        agg.isInt = true;
};
const minContributor = (agg, def) => narrowMin(agg, "minimum", def.minimum);
const maxContributor = (agg, def) => narrowMax(agg, "maximum", def.maximum);
const formatContributor = (ranges) => (agg, def) => {
    setFormat(agg, def.format);
    const [minimum, maximum] = ranges[def.format];
    narrowMin(agg, "minimum", minimum);
    narrowMax(agg, "maximum", maximum);
};
const contributors = {
    greater_than: (agg, def) => narrowMin(agg, def.inclusive ? "minimum" : "exclusiveMinimum", def.value),
    less_than: (agg, def) => narrowMax(agg, def.inclusive ? "maximum" : "exclusiveMaximum", def.value),
    multiple_of: (agg, def) => addDivisor(agg, def.value),
    number_format: formatContributor(NUMBER_FORMAT_RANGES),
    bigint_format: formatContributor(BIGINT_FORMAT_RANGES),
    min_length: minContributor,
    max_length: maxContributor,
    length_equals: (agg, def) => narrowBoth(agg, def.length),
    min_size: minContributor,
    max_size: maxContributor,
    size_equals: (agg, def) => narrowBoth(agg, def.size),
    string_format: (agg, def) => {
        setFormat(agg, def.format);
        if (def.pattern)
            addPattern(agg, def.pattern);
        if (def.format === "base64" || def.format === "base64url")
            agg.contentEncoding = def.format;
        if (def.local || def.precision === -1)
            agg.laxFormat = true;
    },
    mime_type: (agg, def) => intersectMime(agg, def.mime),
};
function aggregateChecks(schema) {
    const agg = {};
    const def = schema._zod.def;
    // a format schema is its own first check, same rule as $ZodType init
    const list = schema._zod.traits.has("$ZodCheck")
        ? [schema, ...(def.checks ?? [])]
        : (def.checks ?? []);
    for (const ch of list)
        contributors[ch._zod.def.check]?.(agg, ch._zod.def);
    // reconcile with the bag so third-party onattach contributions still land; first-party residue is never tighter than the fold, so merging it back is idempotent for one and additive for the other
    const bag = schema._zod.bag;
    if (bag.minimum !== undefined)
        narrowMin(agg, "minimum", bag.minimum);
    if (bag.exclusiveMinimum !== undefined)
        narrowMin(agg, "exclusiveMinimum", bag.exclusiveMinimum);
    if (bag.maximum !== undefined)
        narrowMax(agg, "maximum", bag.maximum);
    if (bag.exclusiveMaximum !== undefined)
        narrowMax(agg, "exclusiveMaximum", bag.exclusiveMaximum);
    if (bag.multipleOf !== undefined)
        addDivisor(agg, bag.multipleOf);
    if (bag.format !== undefined) {
        agg.format ?? (agg.format = bag.format);
        if (bag.format.includes("int"))
            agg.isInt = true;
    }
    if (bag.mime)
        intersectMime(agg, bag.mime);
    for (const pattern of bag.patterns ?? [])
        addPattern(agg, pattern);
    return agg;
}
const formatMap = {
    guid: "uuid",
    url: "uri",
    datetime: "date-time",
    json_string: "json-string",
    regex: "", // do not set
};
// ==================== SIMPLE TYPE PROCESSORS ====================
// the runtime patterns are lax so parse paths never overflow the regex stack; the emitted schema swaps in the exact block forms, which zod itself never executes
const exactPatterns = new Map([
    [base64Charset, base64],
    [base64urlCharset, base64url],
]);
const exactPattern = (p) => exactPatterns.get(p) ?? p;
const stringProcessor = (schema, ctx, _json, _params) => {
    const json = _json;
    json.type = "string";
    const { minimum, maximum, format, patterns, contentEncoding, laxFormat } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minLength = minimum;
    if (typeof maximum === "number")
        json.maxLength = maximum;
    // custom pattern overrides format
    if (format) {
        json.format = formatMap[format] ?? format;
        if (json.format === "")
            delete json.format; // empty format is not valid
        // `z.iso.time()` is never full-time, and `laxFormat` carries the datetime shapes that also accept what their keyword forbids
        if (format === "time" || laxFormat) {
            delete json.format;
        }
    }
    if (contentEncoding)
        json.contentEncoding = contentEncoding;
    if (patterns && patterns.size > 0) {
        const patternList = [...patterns].map(exactPattern);
        if (patternList.length === 1)
            json.pattern = patternList[0].source;
        else if (patternList.length > 1) {
            json.allOf = [
                ...patternList.map((regex) => ({
                    ...(ctx.target === "draft-07" || ctx.target === "draft-04" || ctx.target === "openapi-3.0"
                        ? { type: "string" }
                        : {}),
                    pattern: regex.source,
                })),
            ];
        }
    }
};
const numberProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const { minimum, maximum, multipleOf, exclusiveMaximum, exclusiveMinimum, isInt } = aggregateChecks(schema);
    json.type = isInt ? "integer" : "number";
    // when both minimum and exclusiveMinimum exist, pick the more restrictive one
    const exMin = typeof exclusiveMinimum === "number" && exclusiveMinimum >= (minimum ?? Number.NEGATIVE_INFINITY);
    const exMax = typeof exclusiveMaximum === "number" && exclusiveMaximum <= (maximum ?? Number.POSITIVE_INFINITY);
    const legacy = ctx.target === "draft-04" || ctx.target === "openapi-3.0";
    if (exMin) {
        if (legacy) {
            json.minimum = exclusiveMinimum;
            json.exclusiveMinimum = true;
        }
        else {
            json.exclusiveMinimum = exclusiveMinimum;
        }
    }
    else if (typeof minimum === "number") {
        json.minimum = minimum;
    }
    if (exMax) {
        if (legacy) {
            json.maximum = exclusiveMaximum;
            json.exclusiveMaximum = true;
        }
        else {
            json.exclusiveMaximum = exclusiveMaximum;
        }
    }
    else if (typeof maximum === "number") {
        json.maximum = maximum;
    }
    if (multipleOf) {
        // JSON Schema requires a divisor strictly greater than zero, and a non-finite one does not survive JSON at all. A negative divisor accepts exactly what its absolute value accepts, so it still maps; zero, NaN and Infinity have no keyword form.
        const divisors = new Set();
        for (const divisor of multipleOf) {
            if (Number.isFinite(divisor) && divisor !== 0)
                divisors.add(Math.abs(divisor));
            else
                handleUnrepresentable(schema, ctx, json, params, `A multipleOf divisor of ${divisor} cannot be represented in JSON Schema`);
        }
        // chained divisors are a conjunction the keyword cannot carry alone, so extras ride an allOf, same as stacked patterns
        const [first, ...rest] = divisors;
        if (first !== undefined)
            json.multipleOf = first;
        if (rest.length)
            json.allOf = [...(json.allOf ?? []), ...rest.map((m) => ({ multipleOf: m }))];
    }
};
const booleanProcessor = (_schema, _ctx, json, _params) => {
    json.type = "boolean";
};
const neverProcessor = (_schema, _ctx, json, _params) => {
    json.not = {};
};
const unknownProcessor = (_schema, _ctx, _json, _params) => {
    // empty schema accepts anything
};
const enumProcessor = (schema, _ctx, json, _params) => {
    const def = schema._zod.def;
    const values = getEnumValues(def.entries);
    // an empty enum accepts nothing, same as z.never()
    if (values.length === 0) {
        json.not = {};
        return;
    }
    // Number enums can have both string and number values
    if (values.every((v) => typeof v === "number"))
        json.type = "number";
    if (values.every((v) => typeof v === "string"))
        json.type = "string";
    json.enum = values;
};
const literalProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // a literal with no values accepts nothing, same as z.never()
    if (def.values.length === 0) {
        json.not = {};
        return;
    }
    const vals = [];
    for (const val of def.values) {
        if (val === undefined) {
            // a custom schema replaces the whole literal, so there is nothing left to accumulate
            if (handleUnrepresentable(schema, ctx, json, params, "Literal `undefined` cannot be represented in JSON Schema"))
                return;
            // otherwise do not add to vals
        }
        else if (typeof val === "bigint") {
            if (handleUnrepresentable(schema, ctx, json, params, "BigInt literals cannot be represented in JSON Schema"))
                return;
            vals.push(Number(val));
        }
        else {
            vals.push(val);
        }
    }
    if (vals.length === 0) ;
    else if (vals.length === 1) {
        const val = vals[0];
        json.type = val === null ? "null" : typeof val;
        if (ctx.target === "draft-04" || ctx.target === "openapi-3.0") {
            json.enum = [val];
        }
        else {
            json.const = val;
        }
    }
    else {
        if (vals.every((v) => typeof v === "number"))
            json.type = "number";
        if (vals.every((v) => typeof v === "string"))
            json.type = "string";
        if (vals.every((v) => typeof v === "boolean"))
            json.type = "boolean";
        if (vals.every((v) => v === null))
            json.type = "null";
        json.enum = vals;
    }
};
const customProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Custom types cannot be represented in JSON Schema");
};
const transformProcessor = (schema, ctx, json, params) => {
    handleUnrepresentable(schema, ctx, json, params, "Transforms cannot be represented in JSON Schema");
};
// ==================== COMPOSITE TYPE PROCESSORS ====================
const arrayProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const { minimum, maximum } = aggregateChecks(schema);
    if (typeof minimum === "number")
        json.minItems = minimum;
    if (typeof maximum === "number")
        json.maxItems = maximum;
    json.type = "array";
    json.items = processSchema(def.element, ctx, {
        ...params,
        path: [...params.path, "items"],
    });
};
// Transform and catch set `optin = "optional"` at runtime so the parser lets them observe an
// absent key, but their declared input type stays required. An input JSON Schema describes the
// declared type, so resolve past them to the schema that actually carries the optionality.
// Used by both `objectProcessor` (for `required`) and `tupleProcessor` (for `minItems`); see
// wiki/optionality.md, "The JSON Schema emitter reads the *static* value".
function inputOptin(schema) {
    const def = schema._zod.def;
    if (def.type === "pipe" && def.in._zod.traits.has("$ZodTransform")) {
        return inputOptin(def.out);
    }
    if (def.type === "catch") {
        return inputOptin(def.innerType);
    }
    return schema._zod.optin;
}
const objectProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    const shape = def.shape;
    // dropping it while still emitting `additionalProperties: false` would emit a schema that rejects data this one requires
    const symbolKeys = Object.getOwnPropertySymbols(shape);
    if (symbolKeys.length &&
        handleUnrepresentable(schema, ctx, json, params, "Symbol keys cannot be represented in JSON Schema")) {
        return;
    }
    json.type = "object";
    json.properties = {};
    for (const key in shape) {
        // assignProp so a __proto__ key becomes an own property instead of hitting the inherited setter on the plain {} we build into
        assignProp(json.properties, key, processSchema(shape[key], ctx, {
            ...params,
            path: [...params.path, "properties", key],
        }));
    }
    // required keys
    const requiredKeys = [];
    for (const key of Object.keys(shape)) {
        const field = def.shape[key];
        if (ctx.io === "input" ? inputOptin(field) === undefined : field._zod.optout === undefined) {
            requiredKeys.push(key);
        }
    }
    if (requiredKeys.length > 0) {
        json.required = requiredKeys;
    }
    // catchall
    if (def.catchall?._zod.def.type === "never") {
        // strict
        json.additionalProperties = false;
    }
    else if (!def.catchall) {
        // regular
        if (ctx.io === "output")
            json.additionalProperties = false;
    }
    else if (def.catchall) {
        json.additionalProperties = processSchema(def.catchall, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
};
const unionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    // Exclusive unions (inclusive === false) use oneOf (exactly one match) instead of anyOf (one or more matches). This includes both z.xor() and discriminated unions
    const isExclusive = def.inclusive === false;
    const options = def.options.map((x, i) => processSchema(x, ctx, {
        ...params,
        path: [...params.path, isExclusive ? "oneOf" : "anyOf", i],
    }));
    if (isExclusive) {
        json.oneOf = options;
    }
    else {
        json.anyOf = options;
    }
};
const intersectionProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const a = processSchema(def.left, ctx, {
        ...params,
        path: [...params.path, "allOf", 0],
    });
    const b = processSchema(def.right, ctx, {
        ...params,
        path: [...params.path, "allOf", 1],
    });
    const isSimpleIntersection = (val) => "allOf" in val && Object.keys(val).length === 1;
    const allOf = [
        ...(isSimpleIntersection(a) ? a.allOf : [a]),
        ...(isSimpleIntersection(b) ? b.allOf : [b]),
    ];
    json.allOf = allOf;
    // Recorded innermost first, so a nested intersection has already folded by the time this one is considered. The array is the handle rather than the schema, because a wrapper that inherits this schema shares the same array; `finalize` folds every object holding it. See `foldIntersection`.
    ctx.intersections.push(allOf);
};
/** JSON object keys are always strings, so a numeric record key schema is re-expressed over the
 * numeric-string form the record parser matches. Deferred to `finalize`, after the flatten: a key
 * behind a wrapper only carries its own `type` before then, and a union key only has its branches.
 *
 * A numeric bound cannot apply to a property name, so `minimum` and its siblings are dropped rather
 * than carried over: keeping them beside `type: "string"` reproduces the match-nothing schema this
 * exists to fix. A key that carries one therefore emits wider than the record parses — `z.record(z.number().min(5), V)`
 * accepts `"3"` — which is the deliberate trade, since throwing on it would reject an ordinary schema
 * outright. */
function stringifyKeyNames(bySchema, json, visited) {
    // an extracted key that rewrites cannot go on sharing its definition — the string form a key position needs is not the number form every other reference wants — so it inlines. One that does not rewrite keeps the `$ref`.
    if (json.$ref) {
        // a recursive key holds its own reference inside its definition, so a node already on the path is left alone rather than resolved again
        if (visited.has(json))
            return json;
        visited.add(json);
        const def = bySchema.get(json)?.def;
        if (!def)
            return json;
        const inlined = stringifyKeyNames(bySchema, def, visited);
        return inlined === def ? json : inlined;
    }
    for (const keyword of ["anyOf", "oneOf"]) {
        const branches = json[keyword];
        if (!Array.isArray(branches))
            continue;
        const mapped = branches.map((branch) => stringifyKeyNames(bySchema, branch, visited));
        // rebuilding regardless would detach a key that had nothing to re-express, dropping its `$ref` and leaking the internal `id`
        if (mapped.some((branch, i) => branch !== branches[i]))
            json = { ...json, [keyword]: mapped };
    }
    // a member that already admits a string leaves the key unconstrained, so the node's own type re-expresses only when every member is numeric
    const types = Array.isArray(json.type) ? json.type : [json.type];
    const numericType = !types.includes("string") && types.some((t) => t === "number" || t === "integer");
    // a heterogeneous key carries no type at all, so its numeric members are caught here instead
    const values = json.enum ?? (json.const !== undefined ? [json.const] : undefined);
    if (!numericType && !values?.some((v) => typeof v === "number"))
        return json;
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format, id, ...rest } = json;
    if (rest.enum)
        rest.enum = rest.enum.map((v) => (typeof v === "number" ? String(v) : v));
    else if (typeof rest.const === "number")
        rest.const = String(rest.const);
    // a heterogeneous key keeps its absent type: the stringified members already say what a key may be
    if (!numericType)
        return rest;
    rest.type = "string";
    if (!values)
        rest.pattern = (types.includes("number") ? number$1 : integer).source;
    return rest;
}
/** Every record of one conversion, so the carriers are found in a single pass rather than once per record. */
const pendingRecords = new WeakMap();
function rewriteKeyNames(ctx) {
    // an extracted key is resolved by the object `extractToDef` left in its place, so the map is built once rather than searched per reference. `_zod.toJSONSchema` can hand the same object to two schemas, so the first entry carrying a body wins, as a search would have found it.
    const bySchema = new Map();
    for (const entry of ctx.seen.values()) {
        if (entry.def && !bySchema.has(entry.schema))
            bySchema.set(entry.schema, entry);
    }
    const rewrites = new Map();
    for (const record of pendingRecords.get(ctx) ?? []) {
        const seen = ctx.seen.get(record);
        const names = (seen?.def ?? seen?.schema)?.propertyNames;
        if (!names || names === true || rewrites.has(names))
            continue;
        const rewritten = stringifyKeyNames(bySchema, names, new Set());
        if (rewritten !== names)
            rewrites.set(names, rewritten);
    }
    if (!rewrites.size)
        return;
    // the flatten has already copied each record's own properties onto every wrapper by reference, and an extracted body is another such copy, so every carrier holding a rewritten key is updated together
    for (const entry of ctx.seen.values()) {
        for (const carrier of [entry.schema, entry.def]) {
            const rewritten = carrier && rewrites.get(carrier.propertyNames);
            if (rewritten)
                carrier.propertyNames = rewritten;
        }
    }
}
const recordProcessor = (schema, ctx, _json, params) => {
    const json = _json;
    const def = schema._zod.def;
    json.type = "object";
    // For looseRecord with regex patterns, use patternProperties. This correctly represents "only validate keys matching the pattern" semantics and composes well with allOf (intersections)
    const keyType = def.keyType;
    const patterns = aggregateChecks(keyType).patterns;
    if (def.mode === "loose" && patterns && patterns.size > 0) {
        // Use patternProperties for looseRecord with regex patterns
        const valueSchema = processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "patternProperties", "*"],
        });
        json.patternProperties = {};
        for (const pattern of patterns) {
            assignProp(json.patternProperties, exactPattern(pattern).source, valueSchema);
        }
    }
    else {
        // Default behavior: use propertyNames + additionalProperties
        if (ctx.target === "draft-07" || ctx.target === "draft-2020-12") {
            json.propertyNames = processSchema(def.keyType, ctx, {
                ...params,
                path: [...params.path, "propertyNames"],
            });
            let pending = pendingRecords.get(ctx);
            if (!pending) {
                pending = [];
                pendingRecords.set(ctx, pending);
                ctx.deferred.push(() => rewriteKeyNames(ctx));
            }
            pending.push(schema);
        }
        json.additionalProperties = processSchema(def.valueType, ctx, {
            ...params,
            path: [...params.path, "additionalProperties"],
        });
    }
    // Add required for keys with discrete values (enum, literal, etc.)
    const keyValues = keyType._zod.values;
    // Every key shares one value schema, so an optional-in value makes the whole key set omittable on input. Output keeps them: the exhaustive branch assigns every key, even one whose value came back undefined.
    const omittableOnInput = ctx.io === "input" && inputOptin(def.valueType) !== undefined;
    if (keyValues && !def.partial && !omittableOnInput) {
        const validKeyValues = [...keyValues].filter((v) => typeof v === "string" || typeof v === "number");
        if (validKeyValues.length > 0) {
            json.required = validKeyValues.map(String);
        }
    }
};
const nullableProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    const inner = processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    if (ctx.target === "openapi-3.0") {
        seen.ref = def.innerType;
        json.nullable = true;
    }
    else {
        json.anyOf = [inner, { type: "null" }];
    }
};
const nonoptionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};
/** Round-trips a default value through JSON so the emitted schema is guaranteed to be valid JSON.
 * A BigInt has no reliable encoding, so it goes through `unrepresentable` like any other
 * unrepresentable value. Returns a sentinel when the caller must not write a default of its own. */
const UNREPRESENTABLE_DEFAULT = Symbol();
function serializeDefaultValue(value, schema, ctx, json, params) {
    let unrepresentable = false;
    const serialized = JSON.stringify(value, (_, val) => {
        if (typeof val !== "bigint")
            return val;
        unrepresentable = true;
        return null;
    });
    if (!unrepresentable)
        return JSON.parse(serialized);
    handleUnrepresentable(schema, ctx, json, params, "BigInt defaults cannot be represented in JSON Schema");
    return UNREPRESENTABLE_DEFAULT;
}
const defaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json.default = value;
};
const prefaultProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    if (ctx.io !== "input")
        return;
    const value = serializeDefaultValue(def.defaultValue, schema, ctx, json, params);
    if (value !== UNREPRESENTABLE_DEFAULT)
        json._prefault = value;
};
const catchProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    let catchValue;
    try {
        catchValue = def.catchValue(undefined);
    }
    catch {
        handleUnrepresentable(schema, ctx, json, params, "Dynamic catch values are not supported in JSON Schema");
        return;
    }
    json.default = catchValue;
};
const pipeProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    const inIsTransform = def.in._zod.traits.has("$ZodTransform");
    const innerType = ctx.io === "input" ? (inIsTransform ? def.out : def.in) : def.out;
    processSchema(innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = innerType;
};
const readonlyProcessor = (schema, ctx, json, params) => {
    const def = schema._zod.def;
    processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
    json.readOnly = true;
};
const optionalProcessor = (schema, ctx, _json, params) => {
    const def = schema._zod.def;
    processSchema(def.innerType, ctx, params);
    const seen = ctx.seen.get(schema);
    seen.ref = def.innerType;
};

/* Prototypes that already carry the lazy helper methods. Seeded with the
 * intrinsics so that `init` on a foreign object — it accepts any object —
 * can never install an accessor onto a prototype we do not own. */
const _installedErrorProtos = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
/* Helper methods live as non-enumerable lazy getters on the shared
 * prototype instead of own properties on every instance. On first
 * access the getter allocates the per-instance closure and caches it
 * as a non-enumerable own property, so detached usage still works and
 * the allocation only happens for methods actually touched. */
function _lazyMethod(proto, key, make) {
    Object.defineProperty(proto, key, {
        configurable: true,
        enumerable: false,
        get() {
            const value = make(this);
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
            return value;
        },
        set(value) {
            Object.defineProperty(this, key, { value, configurable: true, writable: true });
        },
    });
}
const initializer = (inst, issues) => {
    $ZodError.init(inst, issues);
    inst.name = "ZodError";
    const proto = Object.getPrototypeOf(inst);
    if (_installedErrorProtos.has(proto))
        return;
    _installedErrorProtos.add(proto);
    _lazyMethod(proto, "format", (self) => (mapper) => formatError(self, mapper));
    _lazyMethod(proto, "flatten", (self) => (mapper) => flattenError(self, mapper));
    _lazyMethod(proto, "addIssue", (self) => (issue) => {
        self.issues.push(issue);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    _lazyMethod(proto, "addIssues", (self) => (issues) => {
        self.issues.push(...issues);
        self.message = JSON.stringify(self.issues, jsonStringifyReplacer, 2);
    });
    Object.defineProperty(proto, "isEmpty", {
        configurable: true,
        enumerable: false,
        get() {
            return this.issues.length === 0;
        },
    });
};
const ZodRealError = /*@__PURE__*/ $constructor("ZodError", initializer, undefined, {
    Parent: Error,
});
// /** @deprecated Use `z.core.$ZodErrorMapCtx` instead. */
// export type ErrorMapCtx = core.$ZodErrorMapCtx;

const parse = /* @__PURE__ */ _parse(ZodRealError);
const parseAsync = /* @__PURE__ */ _parseAsync(ZodRealError);
const safeParse = /* @__PURE__ */ _safeParse(ZodRealError);
const safeParseAsync = /* @__PURE__ */ _safeParseAsync(ZodRealError);
// Codec functions
const encode = /* @__PURE__ */ _encode(ZodRealError);
const decode = /* @__PURE__ */ _decode(ZodRealError);
const encodeAsync = /* @__PURE__ */ _encodeAsync(ZodRealError);
const decodeAsync = /* @__PURE__ */ _decodeAsync(ZodRealError);
const safeEncode = /* @__PURE__ */ _safeEncode(ZodRealError);
const safeDecode = /* @__PURE__ */ _safeDecode(ZodRealError);
const safeEncodeAsync = /* @__PURE__ */ _safeEncodeAsync(ZodRealError);
const safeDecodeAsync = /* @__PURE__ */ _safeDecodeAsync(ZodRealError);

// Register English as the default locale on first ZodType construction. Hooked into the `ZodType` `$constructor` (rather than a top-level `config(en())` in `external.ts`) so bundlers honoring `sideEffects: false` can't tree-shake it out — see #5953, #5725. An explicit `z.config(z.locales.xx())` call wins regardless of order, since this only sets the default when none is present.
function _ensureDefaultLocale() {
    if (!globalConfig.localeError)
        config(en());
}
// the default memoizer is read by the core container init, which runs before `ZodType.init`, so each container calls this first
function _ensureDefaultMemoizer() {
    if (!globalConfig.memoizer)
        config({ memoizer: memoizer() });
}
const ZodType = /*@__PURE__*/ $constructor("ZodType", (inst, def) => {
    _ensureDefaultLocale();
    $ZodType.init(inst, def);
    inst.def = def;
    inst.type = def.type;
    return inst;
}, {
    check(...chks) {
        const def = this.def;
        return this.clone(mergeDefs(def, {
            checks: [
                ...(def.checks ?? []),
                ...chks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch),
            ],
        }), { parent: true });
    },
    with(...chks) {
        return this.check(...chks);
    },
    clone(def, params) {
        return clone(this, def, params);
    },
    brand() {
        return this;
    },
    register(reg, meta) {
        reg.add(this, meta);
        return this;
    },
    refine(check, params) {
        return this.check(refine(check, params));
    },
    superRefine(refinement, params) {
        return this.check(superRefine(refinement, params));
    },
    overwrite(fn) {
        return this.check(_overwrite(fn));
    },
    optional() {
        return optional(this);
    },
    exactOptional() {
        return exactOptional(this);
    },
    nullable() {
        return nullable(this);
    },
    nullish() {
        return optional(nullable(this));
    },
    nonoptional(params) {
        return nonoptional(this, params);
    },
    array() {
        return array(this);
    },
    or(arg) {
        return union([this, arg]);
    },
    and(arg) {
        return intersection(this, arg);
    },
    transform(tx) {
        return pipe(this, transform(tx));
    },
    default(d) {
        return _default(this, d);
    },
    prefault(d) {
        return prefault(this, d);
    },
    catch(params) {
        return _catch(this, params);
    },
    pipe(target) {
        return pipe(this, target);
    },
    readonly() {
        return readonly(this);
    },
    describe(description) {
        const cl = this.clone();
        globalRegistry.add(cl, { description });
        return cl;
    },
    meta(...args) {
        // overloaded: meta() returns the registered metadata, meta(data) returns a clone with `data` registered. The mapped type picks up the second overload, so we accept variadic any-args and return `any` to satisfy both at runtime.
        if (args.length === 0)
            return globalRegistry.get(this);
        const cl = this.clone();
        globalRegistry.add(cl, args[0]);
        return cl;
    },
    isOptional() {
        return this.safeParse(undefined).success;
    },
    isNullable() {
        return this.safeParse(null).success;
    },
    apply(fn, ...args) {
        return args.length === 0 ? fn(this) : fn(this, ...args);
    },
    // Overrides core's `~standard` to add `jsonSchema`. Must stay a prototype entry: redefining it per instance demotes instances to dictionary mode.
    get "~standard"() {
        return hide(this, "~standard", {
            ...standardProps(this),
            jsonSchema: {
                input: createStandardJSONSchemaMethod(this, "input"),
                output: createStandardJSONSchemaMethod(this, "output"),
            },
        });
    },
    set "~standard"(value) {
        own(this, "~standard", value);
    },
    parse: function _parse(data, params) {
        return parse(this, data, params, { callee: _parse });
    },
    parseAsync: async function _parseAsync(data, params) {
        return await parseAsync(this, data, params, { callee: _parseAsync });
    },
    safeParse(data, params) {
        return safeParse(this, data, params);
    },
    async safeParseAsync(data, params) {
        return safeParseAsync(this, data, params);
    },
    // `spa` is an alias: same function object as `safeParseAsync`, as before.
    get spa() {
        return this?.safeParseAsync;
    },
    set spa(value) {
        own(this, "spa", value);
    },
    validate(data, params) {
        return validate(this, data, params);
    },
    validateAsync(data, params) {
        return validateAsync$1(this, data, params);
    },
    encode: function _encode(data, params) {
        return encode(this, data, params, { callee: _encode });
    },
    decode: function _decode(data, params) {
        return decode(this, data, params, { callee: _decode });
    },
    encodeAsync: async function _encodeAsync(data, params) {
        return await encodeAsync(this, data, params, { callee: _encodeAsync });
    },
    decodeAsync: async function _decodeAsync(data, params) {
        return await decodeAsync(this, data, params, { callee: _decodeAsync });
    },
    safeEncode(data, params) {
        return safeEncode(this, data, params);
    },
    safeDecode(data, params) {
        return safeDecode(this, data, params);
    },
    async safeEncodeAsync(data, params) {
        return safeEncodeAsync(this, data, params);
    },
    async safeDecodeAsync(data, params) {
        return safeDecodeAsync(this, data, params);
    },
    toJSONSchema(params) {
        return createToJSONSchemaMethod(this, {})(params);
    },
    // Reads through to the registry on every access, so it must not cache.
    get description() {
        return globalRegistry.get(this)?.description;
    },
    // No setter: `schema._def = x` throws, as it did when `_def` was a non-writable own property.
    get _def() {
        return this._zod.def;
    },
});
/** @internal */
const _ZodString = /*@__PURE__*/ $constructor("_ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => stringProcessor(inst, ctx, json);
}, 
/*@__PURE__*/ derived({
    format: (inst) => aggregateChecks(inst).format ?? null,
    minLength: (inst) => aggregateChecks(inst).minimum ?? null,
    maxLength: (inst) => aggregateChecks(inst).maximum ?? null,
}, {
    regex(...args) {
        return this.check(_regex(...args));
    },
    includes(...args) {
        return this.check(_includes(...args));
    },
    startsWith(...args) {
        return this.check(_startsWith(...args));
    },
    endsWith(...args) {
        return this.check(_endsWith(...args));
    },
    min(...args) {
        return this.check(_minLength(...args));
    },
    max(...args) {
        return this.check(_maxLength(...args));
    },
    length(...args) {
        return this.check(_length(...args));
    },
    nonempty(...args) {
        return this.check(_minLength(1, ...args));
    },
    lowercase(params) {
        return this.check(_lowercase(params));
    },
    uppercase(params) {
        return this.check(_uppercase(params));
    },
    trim() {
        return this.check(_trim());
    },
    normalize(...args) {
        return this.check(_normalize(...args));
    },
    toLowerCase() {
        return this.check(_toLowerCase());
    },
    toUpperCase() {
        return this.check(_toUpperCase());
    },
    slugify() {
        return this.check(_slugify());
    },
}));
const ZodString = /*@__PURE__*/ $constructor("ZodString", (inst, def) => {
    $ZodString.init(inst, def);
    _ZodString.init(inst, def);
}, {
    email(params) {
        return this.check(_email(ZodEmail, params));
    },
    url(params) {
        return this.check(_url(ZodURL, params));
    },
    jwt(params) {
        return this.check(_jwt(ZodJWT, params));
    },
    emoji(params) {
        return this.check(_emoji(ZodEmoji, params));
    },
    guid(params) {
        return this.check(_guid(ZodGUID, params));
    },
    uuid(params) {
        return this.check(_uuid(ZodUUID, params));
    },
    uuidv4(params) {
        return this.check(_uuidv4(ZodUUID, params));
    },
    uuidv6(params) {
        return this.check(_uuidv6(ZodUUID, params));
    },
    uuidv7(params) {
        return this.check(_uuidv7(ZodUUID, params));
    },
    nanoid(params) {
        return this.check(_nanoid(ZodNanoID, params));
    },
    cuid(params) {
        return this.check(_cuid(ZodCUID, params));
    },
    cuid2(params) {
        return this.check(_cuid2(ZodCUID2, params));
    },
    ulid(params) {
        return this.check(_ulid(ZodULID, params));
    },
    base64(params) {
        return this.check(_base64(ZodBase64, params));
    },
    base64url(params) {
        return this.check(_base64url(ZodBase64URL, params));
    },
    xid(params) {
        return this.check(_xid(ZodXID, params));
    },
    ksuid(params) {
        return this.check(_ksuid(ZodKSUID, params));
    },
    ipv4(params) {
        return this.check(_ipv4(ZodIPv4, params));
    },
    ipv6(params) {
        return this.check(_ipv6(ZodIPv6, params));
    },
    cidrv4(params) {
        return this.check(_cidrv4(ZodCIDRv4, params));
    },
    cidrv6(params) {
        return this.check(_cidrv6(ZodCIDRv6, params));
    },
    e164(params) {
        return this.check(_e164(ZodE164, params));
    },
    datetime(params) {
        return this.check(_isoDateTime(ZodISODateTime, params));
    },
    date(params) {
        return this.check(_isoDate(ZodISODate, params));
    },
    time(params) {
        return this.check(_isoTime(ZodISOTime, params));
    },
    duration(params) {
        return this.check(_isoDuration(ZodISODuration, params));
    },
});
function string$1(params) {
    return _string(ZodString, params);
}
const ZodStringFormat = /*@__PURE__*/ $constructor("ZodStringFormat", (inst, def) => {
    $ZodStringFormat.init(inst, def);
    _ZodString.init(inst, def);
});
const ZodISODateTime = /*@__PURE__*/ $constructor("ZodISODateTime", (inst, def) => {
    $ZodISODateTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODate = /*@__PURE__*/ $constructor("ZodISODate", (inst, def) => {
    $ZodISODate.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISOTime = /*@__PURE__*/ $constructor("ZodISOTime", (inst, def) => {
    $ZodISOTime.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodISODuration = /*@__PURE__*/ $constructor("ZodISODuration", (inst, def) => {
    $ZodISODuration.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmail = /*@__PURE__*/ $constructor("ZodEmail", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmail.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodGUID = /*@__PURE__*/ $constructor("ZodGUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodGUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodUUID = /*@__PURE__*/ $constructor("ZodUUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodUUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodURL = /*@__PURE__*/ $constructor("ZodURL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodURL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodEmoji = /*@__PURE__*/ $constructor("ZodEmoji", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodEmoji.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodNanoID = /*@__PURE__*/ $constructor("ZodNanoID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodNanoID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
/**
 * @deprecated CUID v1 is deprecated by its authors due to information leakage
 * (timestamps embedded in the id). Use {@link ZodCUID2} instead.
 * See https://github.com/paralleldrive/cuid.
 */
const ZodCUID = /*@__PURE__*/ $constructor("ZodCUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodCUID2 = /*@__PURE__*/ $constructor("ZodCUID2", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodCUID2.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodULID = /*@__PURE__*/ $constructor("ZodULID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodULID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodXID = /*@__PURE__*/ $constructor("ZodXID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodXID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodKSUID = /*@__PURE__*/ $constructor("ZodKSUID", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodKSUID.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodIPv4 = /*@__PURE__*/ $constructor("ZodIPv4", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodIPv6 = /*@__PURE__*/ $constructor("ZodIPv6", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodIPv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodCIDRv4 = /*@__PURE__*/ $constructor("ZodCIDRv4", (inst, def) => {
    $ZodCIDRv4.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodCIDRv6 = /*@__PURE__*/ $constructor("ZodCIDRv6", (inst, def) => {
    $ZodCIDRv6.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodBase64 = /*@__PURE__*/ $constructor("ZodBase64", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodBase64URL = /*@__PURE__*/ $constructor("ZodBase64URL", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodBase64URL.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodE164 = /*@__PURE__*/ $constructor("ZodE164", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodE164.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodJWT = /*@__PURE__*/ $constructor("ZodJWT", (inst, def) => {
    // ZodStringFormat.init(inst, def);
    $ZodJWT.init(inst, def);
    ZodStringFormat.init(inst, def);
});
const ZodNumber = /*@__PURE__*/ $constructor("ZodNumber", (inst, def) => {
    $ZodNumber.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => numberProcessor(inst, ctx, json, params);
    inst.isFinite = true;
}, 
/*@__PURE__*/ derived({
    minValue: (inst) => {
        const { minimum, exclusiveMinimum } = aggregateChecks(inst);
        return Math.max(minimum ?? Number.NEGATIVE_INFINITY, exclusiveMinimum ?? Number.NEGATIVE_INFINITY);
    },
    maxValue: (inst) => {
        const { maximum, exclusiveMaximum } = aggregateChecks(inst);
        return Math.min(maximum ?? Number.POSITIVE_INFINITY, exclusiveMaximum ?? Number.POSITIVE_INFINITY);
    },
    isInt: (inst) => {
        const { isInt, multipleOf } = aggregateChecks(inst);
        return !!isInt || !!multipleOf?.some(Number.isSafeInteger);
    },
    format: (inst) => aggregateChecks(inst).format ?? null,
}, {
    gt(value, params) {
        return this.check(_gt(value, params));
    },
    gte(value, params) {
        return this.check(_gte(value, params));
    },
    min(value, params) {
        return this.check(_gte(value, params));
    },
    lt(value, params) {
        return this.check(_lt(value, params));
    },
    lte(value, params) {
        return this.check(_lte(value, params));
    },
    max(value, params) {
        return this.check(_lte(value, params));
    },
    int(params) {
        return this.check(int$2(params));
    },
    safe(params) {
        return this.check(int$2(params));
    },
    positive(params) {
        return this.check(_gt(0, params));
    },
    nonnegative(params) {
        return this.check(_gte(0, params));
    },
    negative(params) {
        return this.check(_lt(0, params));
    },
    nonpositive(params) {
        return this.check(_lte(0, params));
    },
    multipleOf(value, params) {
        return this.check(_multipleOf(value, params));
    },
    step(value, params) {
        return this.check(_multipleOf(value, params));
    },
    finite() {
        return this;
    },
}));
function number(params) {
    return _number(ZodNumber, params);
}
const ZodNumberFormat = /*@__PURE__*/ $constructor("ZodNumberFormat", (inst, def) => {
    $ZodNumberFormat.init(inst, def);
    ZodNumber.init(inst, def);
});
function int$2(params) {
    return _int(ZodNumberFormat, params);
}
const ZodBoolean = /*@__PURE__*/ $constructor("ZodBoolean", (inst, def) => {
    $ZodBoolean.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => booleanProcessor(inst, ctx, json);
});
function boolean(params) {
    return _boolean(ZodBoolean, params);
}
const ZodUnknown = /*@__PURE__*/ $constructor("ZodUnknown", (inst, def) => {
    $ZodUnknown.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unknownProcessor();
});
function unknown() {
    return _unknown(ZodUnknown);
}
const ZodNever = /*@__PURE__*/ $constructor("ZodNever", (inst, def) => {
    $ZodNever.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => neverProcessor(inst, ctx, json);
});
function never(params) {
    return _never(ZodNever, params);
}
const ZodArray = /*@__PURE__*/ $constructor("ZodArray", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodArray.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => arrayProcessor(inst, ctx, json, params);
    inst.element = def.element;
}, {
    min(n, params) {
        return this.check(_minLength(n, params));
    },
    nonempty(params) {
        return this.check(_minLength(1, params));
    },
    max(n, params) {
        return this.check(_maxLength(n, params));
    },
    length(n, params) {
        return this.check(_length(n, params));
    },
    unwrap() {
        return this.element;
    },
});
function array(element, params) {
    return _array(ZodArray, element, params);
}
const ZodObject = /*@__PURE__*/ $constructor("ZodObject", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodObjectJIT.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => objectProcessor(inst, ctx, json, params);
    installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
}, {
    keyof() {
        return _enum(Object.keys(this._zod.def.shape));
    },
    catchall(catchall) {
        // `mergeDefs` rather than a spread: spreading reads `shape`, and resolving it can mint a whole fresh subtree
        return this.clone(mergeDefs(this._zod.def, { catchall: catchall }));
    },
    passthrough() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    loose() {
        return this.clone(mergeDefs(this._zod.def, { catchall: unknown() }));
    },
    strict() {
        return this.clone(mergeDefs(this._zod.def, { catchall: never() }));
    },
    strip() {
        return this.clone(mergeDefs(this._zod.def, { catchall: undefined }));
    },
    extend(incoming) {
        return extend(this, incoming);
    },
    safeExtend(incoming) {
        return safeExtend(this, incoming);
    },
    merge(other) {
        return merge$1(this, other);
    },
    pick(mask) {
        return pick(this, mask);
    },
    omit(mask) {
        return omit(this, mask);
    },
    partial(...args) {
        return partial(ZodOptional, this, args[0]);
    },
    exactPartial(...args) {
        return partial(ZodExactOptional, this, args[0], "exactPartial");
    },
    required(...args) {
        return required(ZodNonOptional, this, args[0]);
    },
});
// strictObject
function strictObject(shape, params) {
    return new ZodObject({
        type: "object",
        shape,
        catchall: never(),
        ...normalizeParams(params),
    });
}
const ZodUnion = /*@__PURE__*/ $constructor("ZodUnion", (inst, def) => {
    $ZodUnion.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => unionProcessor(inst, ctx, json, params);
    inst.options = def.options;
});
function union(options, params) {
    return new ZodUnion({
        type: "union",
        options: options,
        ...normalizeParams(params),
    });
}
const ZodIntersection = /*@__PURE__*/ $constructor("ZodIntersection", (inst, def) => {
    $ZodIntersection.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => intersectionProcessor(inst, ctx, json, params);
});
function intersection(left, right) {
    return new ZodIntersection({
        type: "intersection",
        left: left,
        right: right,
    });
}
const ZodRecord = /*@__PURE__*/ $constructor("ZodRecord", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodRecord.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => recordProcessor(inst, ctx, json, params);
    inst.keyType = def.keyType;
    inst.valueType = def.valueType;
});
function record(keyType, valueType, params) {
    // v3-compat: z.record(valueType, params?) — defaults keyType to z.string()
    if (!valueType || !valueType._zod) {
        return new ZodRecord({
            type: "record",
            keyType: string$1(),
            valueType: keyType,
            ...normalizeParams(valueType),
        });
    }
    return new ZodRecord({
        type: "record",
        keyType,
        valueType: valueType,
        ...normalizeParams(params),
    });
}
const ZodEnum = /*@__PURE__*/ $constructor("ZodEnum", (inst, def) => {
    $ZodEnum.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => enumProcessor(inst, ctx, json);
    inst.enum = def.entries;
    // reuse the parsed value set so a numeric TS enum's reverse-mapping keys stay out
    inst.options = [...inst._zod.values];
    const keys = new Set(Object.keys(def.entries));
    inst.extract = (values, params) => {
        const newEntries = {};
        for (const value of values) {
            if (keys.has(value)) {
                newEntries[value] = def.entries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
    inst.exclude = (values, params) => {
        const newEntries = { ...def.entries };
        for (const value of values) {
            if (keys.has(value)) {
                delete newEntries[value];
            }
            else
                throw new Error(`Key ${value} not found in enum`);
        }
        return new ZodEnum({
            ...def,
            checks: [],
            ...normalizeParams(params),
            entries: newEntries,
        });
    };
});
function _enum(values, params) {
    const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
    return new ZodEnum({
        type: "enum",
        entries,
        ...normalizeParams(params),
    });
}
const ZodLiteral = /*@__PURE__*/ $constructor("ZodLiteral", (inst, def) => {
    $ZodLiteral.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => literalProcessor(inst, ctx, json, params);
    inst.values = new Set(def.values);
    Object.defineProperty(inst, "value", {
        get() {
            if (def.values.length > 1) {
                throw new Error("This schema contains multiple valid literal values. Use `.values` instead.");
            }
            return def.values[0];
        },
    });
});
function literal(value, params) {
    return new ZodLiteral({
        type: "literal",
        values: Array.isArray(value) ? value : [value],
        ...normalizeParams(params),
    });
}
const ZodTransform = /*@__PURE__*/ $constructor("ZodTransform", (inst, def) => {
    _ensureDefaultMemoizer();
    $ZodTransform.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => transformProcessor(inst, ctx, json, params);
    inst._zod.parse = (payload, _ctx) => {
        if (_ctx.direction === "backward") {
            throw new $ZodEncodeError(inst.constructor.name);
        }
        payload.addIssue = (issue$1) => {
            if (typeof issue$1 === "string") {
                payload.issues.push(issue(issue$1, payload.value, def));
            }
            else {
                // for Zod 3 backwards compatibility
                const _issue = issue$1;
                if (_issue.fatal)
                    _issue.continue = false;
                _issue.code ?? (_issue.code = "custom");
                if (!("input" in _issue))
                    _issue.input = payload.value;
                _issue.inst ?? (_issue.inst = inst);
                // _issue.continue ??= true;
                payload.issues.push(issue(_issue));
            }
        };
        const output = def.transform(payload.value, payload);
        if (output instanceof Promise) {
            return output.then((output) => {
                payload.value = output;
                return payload;
            });
        }
        payload.value = output;
        return payload;
    };
});
function transform(fn) {
    return new ZodTransform({
        type: "transform",
        transform: fn,
    });
}
const ZodOptional = /*@__PURE__*/ $constructor("ZodOptional", (inst, def) => {
    $ZodOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function optional(innerType) {
    return new ZodOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodExactOptional = /*@__PURE__*/ $constructor("ZodExactOptional", (inst, def) => {
    $ZodExactOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => optionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function exactOptional(innerType) {
    return new ZodExactOptional({
        type: "optional",
        innerType: innerType,
    });
}
const ZodNullable = /*@__PURE__*/ $constructor("ZodNullable", (inst, def) => {
    $ZodNullable.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nullableProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nullable(innerType) {
    return new ZodNullable({
        type: "nullable",
        innerType: innerType,
    });
}
const ZodDefault = /*@__PURE__*/ $constructor("ZodDefault", (inst, def) => {
    $ZodDefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => defaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeDefault = inst.unwrap;
});
function _default(innerType, defaultValue) {
    return new ZodDefault({
        type: "default",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodPrefault = /*@__PURE__*/ $constructor("ZodPrefault", (inst, def) => {
    $ZodPrefault.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => prefaultProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function prefault(innerType, defaultValue) {
    return new ZodPrefault({
        type: "prefault",
        innerType: innerType,
        get defaultValue() {
            return typeof defaultValue === "function" ? defaultValue() : shallowClone(defaultValue);
        },
    });
}
const ZodNonOptional = /*@__PURE__*/ $constructor("ZodNonOptional", (inst, def) => {
    $ZodNonOptional.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => nonoptionalProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function nonoptional(innerType, params) {
    return new ZodNonOptional({
        type: "nonoptional",
        innerType: innerType,
        ...normalizeParams(params),
    });
}
const ZodCatch = /*@__PURE__*/ $constructor("ZodCatch", (inst, def) => {
    $ZodCatch.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => catchProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
    inst.removeCatch = inst.unwrap;
});
function _catch(innerType, catchValue) {
    return new ZodCatch({
        type: "catch",
        innerType: innerType,
        catchValue: (typeof catchValue === "function" ? catchValue : constantCatch(catchValue)),
    });
}
const ZodPipe = /*@__PURE__*/ $constructor("ZodPipe", (inst, def) => {
    $ZodPipe.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => pipeProcessor(inst, ctx, json, params);
    inst.in = def.in;
    inst.out = def.out;
});
function pipe(in_, out) {
    return new ZodPipe({
        type: "pipe",
        in: in_,
        out: out,
        // ...util.normalizeParams(params),
    });
}
const ZodReadonly = /*@__PURE__*/ $constructor("ZodReadonly", (inst, def) => {
    $ZodReadonly.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => readonlyProcessor(inst, ctx, json, params);
    inst.unwrap = () => inst._zod.def.innerType;
});
function readonly(innerType) {
    return new ZodReadonly({
        type: "readonly",
        innerType: innerType,
    });
}
const ZodCustom = /*@__PURE__*/ $constructor("ZodCustom", (inst, def) => {
    $ZodCustom.init(inst, def);
    ZodType.init(inst, def);
    inst._zod.processJSONSchema = (ctx, json, params) => customProcessor(inst, ctx, json, params);
});
function refine(fn, _params = {}) {
    return _refine(ZodCustom, fn, _params);
}
// superRefine
function superRefine(fn, params) {
    return _superRefine(fn, params);
}

/** Krippendorff's levels of measurement; they choose the distance between labels. */
const LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'];
function isNumericLevel(level) {
    return level === 'interval' || level === 'ratio';
}

// Descriptions below reach editors through the generated JSON Schema
// (schema/labelgate.schema.json); keep them short and in the user's words.
/**
 * Formats a dataset can be read in; inferred from the file extension when
 * absent (never label-studio or prodigy: those exports are .json and .jsonl,
 * so they are chosen with `format:`).
 */
const FORMATS = [
    'csv',
    'tsv',
    'jsonl',
    'json',
    'label-studio',
    'prodigy'
];
/** The annotation field names when the config gives none. */
const DEFAULT_FIELDS = {
    item: 'item_id',
    annotator: 'annotator',
    label: 'label'
};
/** Formats reference labels can be read in: plain records only. */
const REFERENCE_FORMATS = ['csv', 'tsv', 'jsonl', 'json'];
/** YAML may write a category as a number or boolean; labels compare as canonical text. */
const labelText = union([string$1(), number(), boolean()])
    .transform((v) => String(v));
const fieldName = string$1().min(1);
const format = _enum(FORMATS)
    .optional()
    .describe('File format; inferred from the file extension when absent. label-studio (JSON export) and prodigy (JSONL) are only used when named here.');
const referenceFormat = _enum(REFERENCE_FORMATS)
    .optional()
    .describe('File format; inferred from the file extension when absent.');
const gateSchema = strictObject({
    min: number()
        .optional()
        .describe('The metric must be at least this value.'),
    max: number()
        .optional()
        .describe('The metric must be at most this value.'),
    max_drop: number()
        .min(0)
        .optional()
        .describe("The metric may fall at most this much below the base version's value (higher-is-better metrics) or rise this much above it (error_rate)."),
    max_jsd: number()
        .min(0)
        .max(1)
        .optional()
        .describe('For label_shift: the largest Jensen-Shannon distance (0 to 1) allowed between the base and head label distributions.'),
    severity: _enum(['error', 'warning'])
        .default('error')
        .describe('A failed error gate fails the check; a warning only reports.'),
    min_items: number()
        .int()
        .min(0)
        .optional()
        .describe("Fewer items than this: the gate reports 'too_few_items' and does not fail; for annotator.* gates, per annotator (reference items)."),
    on_undefined: _enum(['pass', 'warn', 'fail'])
        .default('fail')
        .describe('What a gate does when its statistic is undefined on enough data (e.g. no variation). A gate defined at the base and undefined at the head fails whatever this says.'),
    by: _enum(['value', 'lower', 'upper'])
        .optional()
        .describe("What min and max compare: the point estimate (value, default), or an end of the metric's confidence interval (lower, upper)."),
    pre_existing: _enum(['warn', 'fail'])
        .optional()
        .describe('On pull requests and merge groups, a gate already breached at the base and not made worse warns (default) or fails.'),
    significance: number()
        .gt(0)
        .lt(1)
        .optional()
        .describe('For max_drop and annotator.drift: a drop larger than max_drop fails only when it is also significant at this level (one-sided p-value below it), e.g. 0.05.')
})
    .superRefine((g, ctx) => {
    if (g.min === undefined &&
        g.max === undefined &&
        g.max_drop === undefined &&
        g.max_jsd === undefined) {
        ctx.addIssue({
            code: 'custom',
            message: 'a gate needs at least one of min, max, max_drop or max_jsd'
        });
    }
    if (g.by !== undefined && g.min === undefined && g.max === undefined) {
        ctx.addIssue({
            code: 'custom',
            path: ['by'],
            message: 'by chooses what min and max compare: give min or max'
        });
    }
    if (g.significance !== undefined && g.max_drop === undefined) {
        ctx.addIssue({
            code: 'custom',
            path: ['significance'],
            message: 'significance tests a drop: give max_drop'
        });
    }
    if (g.min !== undefined && g.max !== undefined && g.min > g.max) {
        ctx.addIssue({
            code: 'custom',
            path: ['min'],
            message: `min ${g.min} is above max ${g.max}: no value can pass`
        });
    }
})
    .describe('Bounds for one metric.');
/** Every metric a gate may name: dataset metrics, their `changed.` slice, `annotator.*`. */
const GATE_METRICS = [
    ...DATASET_METRICS,
    ...DATASET_METRICS.map((m) => `changed.${m}`),
    ...ANNOTATOR_METRICS.map((m) => `annotator.${m}`),
    'label_shift'
];
/**
 * The key schema of `gates`. A refined string, not an enum: a record keyed by
 * an enum would require every metric. Exported so that error messages and the
 * JSON Schema can offer `GATE_METRICS` where this key is checked.
 */
const gateMetricSchema = string$1()
    .refine((m) => GATE_METRICS.includes(m), { message: 'unknown metric' });
const scope = _enum(['changed', 'all'])
    .default('changed')
    .describe("'changed': the change's slice (everything without a base); 'all': every item.");
const adjudicationSchema = strictObject({
    scope,
    min_share: number()
        .gt(0)
        .max(1)
        .default(0.5)
        .describe('Queue an item whose plurality label has a smaller share.'),
    tie_break: _enum(['reference', 'senior', 'none'])
        .default('none')
        .describe('Who decides a tie or a low-share item: the reference label, the first listed senior annotator who rated it, or nobody.'),
    senior: array(string$1().min(1))
        .default([])
        .describe('Annotator ids, most senior first, for tie_break: senior.')
})
    .describe('The adjudication queue: items that need a decision.');
const qcSampleSchema = union([
    strictObject({
        size: number()
            .int()
            .positive()
            .describe('Sample this many annotations.'),
        scope
    }),
    strictObject({
        margin: number()
            .gt(0)
            .lt(1)
            .describe("Cochran's margin of error, e.g. 0.05."),
        confidence: number()
            .gt(0)
            .lt(1)
            .default(0.95)
            .describe('Confidence level, e.g. 0.95.'),
        scope
    })
])
    .describe("A stratified QC sample of the change's annotations: a fixed size, or Cochran's formula with finite population correction.");
const lineageSchema = strictObject({
    required: array(fieldName)
        .default([])
        .describe('Lineage fields (columns or JSON keys, e.g. labeled_at, tool) every annotation in scope must have, non-empty.'),
    timestamp: fieldName
        .optional()
        .describe('A field holding when the annotation was made: an ISO 8601 date-time with a zone (2024-05-01T12:00:00Z), not in the future.'),
    scope,
    severity: _enum(['error', 'warning'])
        .default('error')
        .describe('A missing or bad lineage field fails the check (error) or only reports (warning).')
})
    .superRefine((l, ctx) => {
    const seen = new Set();
    l.required.forEach((f, i) => {
        if (seen.has(f)) {
            ctx.addIssue({
                code: 'custom',
                path: ['required', i],
                message: `lineage field '${f}' is listed twice`
            });
        }
        seen.add(f);
    });
    if (l.required.length === 0 && l.timestamp === undefined) {
        ctx.addIssue({
            code: 'custom',
            message: 'lineage needs required fields, a timestamp field, or both'
        });
    }
})
    .describe('Provenance checks: required lineage fields and a valid timestamp on every annotation in scope.');
const referenceSchema = strictObject({
    path: string$1()
        .min(1)
        .describe('Trusted labels: a file or a glob, relative to the repository root.'),
    format: referenceFormat,
    fields: strictObject({
        item: fieldName
            .default('item_id')
            .describe('Column (or JSON key) of the item id.'),
        label: fieldName
            .default('label')
            .describe('Column (or JSON key) of the trusted label.')
    })
        .default({ item: 'item_id', label: 'label' })
        .describe('Where the reference file keeps each value.')
})
    .describe('Trusted (gold / anchor) labels to measure annotators against.');
const datasetSchema = strictObject({
    name: string$1()
        .min(1)
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
        message: 'expected letters, digits, dot, dash and underscore, starting with a letter or digit'
    })
        .describe('Unique name, used in reports.'),
    path: string$1()
        .min(1)
        .describe('Annotation files: a file or a glob, relative to the repository root.'),
    exclude: array(string$1().min(1))
        .optional()
        .describe("Globs of files that path selects but that are not annotation files. The dataset's own reference and schema files are never read as annotations."),
    format,
    fields: strictObject({
        item: fieldName
            .default(DEFAULT_FIELDS.item)
            .describe('Column (or JSON key) of the item id. label-studio: a task data key (data.text_id; default the task id); prodigy: a key (default _input_hash).'),
        annotator: fieldName
            .default(DEFAULT_FIELDS.annotator)
            .describe('Column (or JSON key) of the annotator id. label-studio: always completed_by; prodigy: a key (default _annotator_id, else _session_id).'),
        label: fieldName
            .default(DEFAULT_FIELDS.label)
            .describe('Column (or JSON key) of the label. label-studio: the from_name of the choices control (needed when there are several).')
    })
        .default({ ...DEFAULT_FIELDS })
        .describe('Where the annotation files keep each value.'),
    level: _enum(LEVELS)
        .default('nominal')
        .describe("Level of measurement (Krippendorff): it chooses the distance between labels. 'ordinal' needs categories."),
    categories: array(labelText)
        .min(1)
        .optional()
        .describe('The allowed labels, in order for ordinal data; any other label is an error at its file:line.'),
    schema: string$1()
        .min(1)
        .optional()
        .describe('A versioned label schema file (version, categories, migrations) that takes the place of categories.'),
    reference: referenceSchema.optional(),
    adjudication: adjudicationSchema.optional(),
    qc_sample: qcSampleSchema.optional(),
    lineage: lineageSchema.optional(),
    gates: record(gateMetricSchema, gateSchema)
        .default({})
        .describe('Metric name → bounds. The check fails when a gate fails.')
})
    .superRefine((d, ctx) => {
    for (const [metric, gate] of Object.entries(d.gates)) {
        const only = (allowed, bounds) => {
            for (const b of bounds) {
                if (gate[b] !== undefined) {
                    ctx.addIssue({
                        code: 'custom',
                        path: ['gates', metric, b],
                        message: `${metric} takes only ${allowed}`
                    });
                }
            }
        };
        if (metric === 'label_shift') {
            only('max_jsd', ['min', 'max', 'max_drop', 'significance']);
        }
        else if (metric === 'annotator.drift') {
            only('max_drop (the fall in accuracy from base to the change) and significance', ['min', 'max', 'max_jsd']);
        }
        else {
            only('min, max or max_drop', ['max_jsd']);
        }
    }
    if (d.schema !== undefined && d.categories !== undefined) {
        ctx.addIssue({
            code: 'custom',
            path: ['schema'],
            message: 'give the categories either in the config or in the schema file, not both'
        });
    }
    if (d.level === 'ordinal' &&
        d.categories === undefined &&
        d.schema === undefined) {
        ctx.addIssue({
            code: 'custom',
            path: ['categories'],
            message: 'an ordinal dataset needs its ordered categories'
        });
    }
    if (d.categories !== undefined) {
        const seen = new Set();
        d.categories.forEach((c, i) => {
            if (seen.has(c)) {
                ctx.addIssue({
                    code: 'custom',
                    path: ['categories', i],
                    message: `category '${c}' is listed twice`
                });
            }
            seen.add(c);
            if ((d.level === 'interval' || d.level === 'ratio') &&
                !Number.isFinite(Number(c))) {
                ctx.addIssue({
                    code: 'custom',
                    path: ['categories', i],
                    message: `an ${d.level} category must be a number, not '${c}'`
                });
            }
        });
    }
})
    .describe('One set of annotation files with one field mapping and label schema.');
/** The only config version this labelgate reads. */
const CONFIG_VERSION = 1;
const configSchema = strictObject({
    version: literal(CONFIG_VERSION)
        .describe('Config format version; this labelgate reads version 1.'),
    datasets: array(datasetSchema)
        .min(1)
        .describe('The labeled datasets to check.')
})
    .superRefine((c, ctx) => {
    const seen = new Set();
    c.datasets.forEach((d, i) => {
        if (seen.has(d.name)) {
            ctx.addIssue({
                code: 'custom',
                path: ['datasets', i, 'name'],
                message: `dataset name '${d.name}' is used twice`
            });
        }
        seen.add(d.name);
    });
});

const BY_EXTENSION = {
    csv: 'csv',
    tsv: 'tsv',
    tab: 'tsv',
    jsonl: 'jsonl',
    ndjson: 'jsonl',
    json: 'json'
};
/** The configured format, else the one the file's extension names. */
function formatOf(path, configured) {
    if (configured !== undefined)
        return configured;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const format = dot > 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined;
    if (format === undefined) {
        throw new UserError(`cannot tell the format from the file name; set format: to one of ${FORMATS.join(', ')}`, { file: path });
    }
    return format;
}

const SAMPLE = 1 << 16;
/**
 * About how many records a big line-based file holds, from the line length in
 * its first 64 KiB, so the table can be sized once instead of doubling (which
 * copies every column and briefly holds two of each). 0 for small files and
 * for JSON arrays (and Label Studio exports), whose records span an unknown
 * number of lines.
 */
function estimateRecords(bytes, format) {
    if (format === 'json' || format === 'label-studio' || bytes.length <= SAMPLE)
        return 0;
    let lines = 0;
    for (let i = 0; i < SAMPLE; i++)
        if (bytes[i] === 0x0a)
            lines++;
    if (lines === 0)
        return 0;
    return Math.ceil((bytes.length / SAMPLE) * lines * 1.02);
}

/**
 * Interns byte ranges of one input buffer into an `Interner` without making a
 * string: the interner's index is keyed on UTF-8 bytes and copies a value's
 * bytes into its own arena the first time it sees them, so one index serves
 * every file of a dataset and its reference, and this buffer may be dropped
 * after reading. Strings are decoded only when a report needs them.
 */
class ByteInterner {
    interner;
    /** For 4-byte reads; made once per file, and dropped with this object. */
    view;
    constructor(bytes, interner) {
        this.interner = interner;
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    /** The interner's code of the UTF-8 text in bytes[start, end). */
    code(start, end) {
        return this.interner.internView(this.view, start, end);
    }
}

/** Byte-level UTF-8 helpers for the readers, which work on bytes, not strings. */
const decoder$2 = new TextDecoder('utf-8');
/**
 * Decodes bytes[start, end). Short ASCII runs (ids, labels) skip TextDecoder,
 * whose per-call cost dominates for a million small fields.
 */
function decodeUtf8(bytes, start, end) {
    if (end - start <= 32) {
        let text = '';
        let i = start;
        for (; i < end; i++) {
            const c = bytes[i];
            if (c >= 0x80)
                break;
            text += String.fromCharCode(c);
        }
        if (i === end)
            return text;
    }
    return decoder$2.decode(bytes.subarray(start, end));
}
/** 1-based line of a byte offset; LF, CRLF and a lone CR each end a line. */
function lineAt(bytes, offset) {
    let line = 1;
    for (let i = 0; i < offset; i++) {
        const c = bytes[i];
        if (c === 0x0a)
            line++;
        else if (c === 0x0d && bytes[i + 1] !== 0x0a)
            line++;
    }
    return line;
}
/** 1-based column (in characters) of a byte offset within its line. */
function columnAt(bytes, offset) {
    let start = offset;
    while (start > 0 && bytes[start - 1] !== 0x0a && bytes[start - 1] !== 0x0d) {
        start--;
    }
    let column = 1;
    // Count characters, not bytes: skip UTF-8 continuation bytes.
    for (let i = start; i < offset; i++)
        if ((bytes[i] & 0xc0) !== 0x80)
            column++;
    return column;
}
/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes) {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
        const c = bytes[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        let need;
        let min;
        if (c >= 0xc2 && c <= 0xdf) {
            need = 1;
            min = 0x80;
        }
        else if (c >= 0xe0 && c <= 0xef) {
            need = 2;
            min = 0x800;
        }
        else if (c >= 0xf0 && c <= 0xf4) {
            need = 3;
            min = 0x10000;
        }
        else {
            return i;
        }
        let cp = c & (0x3f >> need);
        for (let k = 1; k <= need; k++) {
            const cc = bytes[i + k];
            if (cc === undefined || (cc & 0xc0) !== 0x80)
                return i;
            cp = (cp << 6) | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += need + 1;
    }
    return -1;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** How a field was written: plain, quoted, or quoted with doubled quotes inside. */
const PLAIN = 0;
const QUOTED = 1;
const ESCAPED = 2;
/**
 * An RFC 4180 record scanner over bytes (comma or tab delimited).
 *
 * Hand-written on purpose: csv-parse and papaparse build a string per field
 * and an array per row; on 3M rows (87 MB) they used 7.5 to 17.8 CPU seconds
 * (and over 1.1 GB in their sync forms) against 4.5 to 5.3 for labelgate's
 * whole reader, of which this scanner is 0.15 to 0.33 (README.md,
 * bench/csv-scanner.mjs). Here a record is only offsets into the bytes; the
 * reader decodes, or interns by hash, just the fields it needs.
 *
 * Rules: CRLF, LF and a lone CR end a record and each count as one line, also
 * inside quoted fields, so `line` is the line where a record starts. Blank
 * lines are skipped. A quote inside an unquoted field is kept as text (lenient,
 * like most writers' readers); a closing quote must be followed by the
 * delimiter or the end of the record, and an unclosed quote stops the run,
 * naming the line where the field opened.
 */
class CsvScanner {
    bytes;
    delimiter;
    file;
    /** Field i of the current record is bytes[starts[i], ends[i]) written as quoting[i]. */
    starts = new Int32Array(16);
    ends = new Int32Array(16);
    quoting = new Uint8Array(16);
    /** Number of fields in the current record. */
    count = 0;
    /** Line where the current record starts (1-based). */
    line = 0;
    pos;
    nextLine = 1;
    constructor(bytes, delimiter, start, file) {
        this.bytes = bytes;
        this.delimiter = delimiter;
        this.file = file;
        this.pos = start;
    }
    /** Moves to the next record; false at the end of the input. */
    next() {
        const b = this.bytes;
        const n = b.length;
        const d = this.delimiter;
        let pos = this.pos;
        let line = this.nextLine;
        while (pos < n) {
            const c = b[pos];
            if (c === LF)
                line++;
            else if (c === CR) {
                if (b[pos + 1] === LF)
                    pos++;
                line++;
            }
            else
                break;
            pos++;
        }
        if (pos >= n) {
            this.pos = pos;
            this.nextLine = line;
            return false;
        }
        this.line = line;
        let starts = this.starts;
        let ends = this.ends;
        let quoting = this.quoting;
        let count = 0;
        for (;;) {
            if (count === starts.length) {
                this.grow();
                starts = this.starts;
                ends = this.ends;
                quoting = this.quoting;
            }
            if (pos < n && b[pos] === QUOTE) {
                const open = pos;
                const openLine = line;
                let escaped = QUOTED;
                pos++;
                const start = pos;
                for (;;) {
                    if (pos >= n)
                        throw this.unterminated(open, openLine);
                    const c = b[pos];
                    if (c === QUOTE) {
                        if (b[pos + 1] !== QUOTE)
                            break;
                        escaped = ESCAPED;
                        pos += 2;
                        continue;
                    }
                    if (c === LF || (c === CR && b[pos + 1] !== LF))
                        line++;
                    pos++;
                }
                starts[count] = start;
                ends[count] = pos;
                quoting[count] = escaped;
                count++;
                pos++;
                if (pos >= n)
                    break;
                const c = b[pos];
                if (c === d) {
                    pos++;
                    continue;
                }
                if (c !== LF && c !== CR)
                    throw this.afterQuote(pos, line);
            }
            else {
                const start = pos;
                while (pos < n) {
                    const c = b[pos];
                    if (c === d || c === LF || c === CR)
                        break;
                    pos++;
                }
                starts[count] = start;
                ends[count] = pos;
                quoting[count] = PLAIN;
                count++;
                if (pos < n && b[pos] === d) {
                    pos++;
                    continue;
                }
            }
            break;
        }
        // At the end of the input or on the record's CR, LF or CRLF.
        if (pos < n) {
            if (b[pos] === CR && b[pos + 1] === LF)
                pos++;
            pos++;
            line++;
        }
        this.pos = pos;
        this.nextLine = line;
        this.count = count;
        return true;
    }
    /** The text of field i of the current record, unquoted. */
    value(i) {
        const text = decodeUtf8(this.bytes, this.starts[i], this.ends[i]);
        return this.quoting[i] === ESCAPED ? text.replaceAll('""', '"') : text;
    }
    grow() {
        const size = this.starts.length * 2;
        const starts = new Int32Array(size);
        const ends = new Int32Array(size);
        const quoting = new Uint8Array(size);
        starts.set(this.starts);
        ends.set(this.ends);
        quoting.set(this.quoting);
        this.starts = starts;
        this.ends = ends;
        this.quoting = quoting;
    }
    unterminated(open, line) {
        return new UserError('cannot parse: a quoted field opens here and is never closed', { file: this.file, line, column: columnAt(this.bytes, open) });
    }
    afterQuote(pos, line) {
        return new UserError('cannot parse: a quoted field must end at a delimiter or the end of the line (write a quote inside a quoted field as "")', { file: this.file, line, column: columnAt(this.bytes, pos) });
    }
}

/** Levenshtein distance, two rows; inputs here are short (keys, labels). */
function editDistance(a, b) {
    if (a === b)
        return 0;
    let prev = new Array(b.length + 1);
    let cur = new Array(b.length + 1);
    for (let j = 0; j <= b.length; j++)
        prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        cur[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        }
        [prev, cur] = [cur, prev];
    }
    return prev[b.length];
}
/**
 * The closest candidate when it is close enough to be a likely typo: at most a
 * third of the word's length in edits (at least 1), or the same word ignoring case.
 */
function closest(word, candidates) {
    let best;
    let bestDistance = Infinity;
    const lower = word.toLowerCase();
    for (const c of candidates) {
        if (c.toLowerCase() === lower && c !== word)
            return c;
        const d = editDistance(word, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    const limit = Math.max(1, Math.floor(word.length / 3));
    return best !== undefined && bestDistance > 0 && bestDistance <= limit
        ? best
        : undefined;
}
/** "; did you mean 'x'?" or "" */
function didYouMean(word, candidates) {
    const c = closest(word, candidates);
    return c === undefined ? '' : `; did you mean '${c}'?`;
}

/** Shows at most this many found names in a missing-column message. */
const SHOW = 20;
function found(names) {
    const shown = names.slice(0, SHOW).map((n) => (n === '' ? "''" : n));
    if (names.length > SHOW)
        shown.push(`... ${names.length - SHOW} more`);
    return shown.join(', ');
}
/** The error for a column or key that is not in the file at all. */
function missingField(what, spec, names, where, qualifier = '') {
    return new UserError(`missing ${what} '${spec.name}'${qualifier} (found: ${found(names)}); set ${spec.configKey} in the config` +
        didYouMean(spec.name, names), where);
}

/**
 * Reads a CSV or TSV file (RFC 4180 quoting for both, as pandas and Python's
 * csv module write them): a header line, then one record per row. Rows with
 * another field count than the header stop the run; an empty required value
 * is a problem and skips the row.
 */
function readDelimited(bytes, start, file, delimiter, specs, records, sink, log) {
    const scanner = new CsvScanner(bytes, delimiter.charCodeAt(0), start, file);
    if (!scanner.next())
        throw new UserError(`has no ${records}`, { file });
    const headerLine = scanner.line;
    const width = scanner.count;
    const header = [];
    for (let i = 0; i < width; i++)
        header.push(scanner.value(i));
    const column = specs.map((spec) => {
        const i = header.indexOf(spec.name);
        if (i < 0) {
            throw missingField('column', spec, header, {
                file,
                line: headerLine
            });
        }
        const again = header.indexOf(spec.name, i + 1);
        if (again >= 0) {
            throw new UserError(`column '${spec.name}' appears twice in the header (columns ${i + 1} and ${again + 1})`, { file, line: headerLine });
        }
        return i;
    });
    const interners = specs.map((spec) => new ByteInterner(bytes, spec.interner));
    // Codes of '' for optional fields, interned on first use only.
    const empty = specs.map((spec) => (spec.required ? -1 : -2));
    const codes = new Int32Array(specs.length);
    let rows = 0;
    while (scanner.next()) {
        rows++;
        if (scanner.count !== width) {
            throw new UserError(`row has ${scanner.count} fields; the header has ${width}`, { file, line: scanner.line });
        }
        const starts = scanner.starts;
        const ends = scanner.ends;
        let usable = true;
        for (let k = 0; k < specs.length; k++) {
            const i = column[k];
            const s = starts[i];
            const e = ends[i];
            if (s === e) {
                if (empty[k] === -1) {
                    const spec = specs[k];
                    log.add(`records without ${spec.role}`, {
                        severity: 'error',
                        file,
                        line: scanner.line,
                        field: spec.name,
                        message: `${spec.role} is empty (column '${spec.name}'); the row is skipped`
                    });
                    usable = false;
                    break;
                }
                if (empty[k] === -2)
                    empty[k] = specs[k].interner.intern('');
                codes[k] = empty[k];
            }
            else if (scanner.quoting[i] === ESCAPED) {
                codes[k] = specs[k].interner.intern(scanner.value(i));
            }
            else {
                codes[k] = interners[k].code(s, e);
            }
        }
        if (usable)
            sink(codes, scanner.line);
    }
    if (rows === 0)
        throw new UserError(`has no ${records}`, { file });
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER$1 = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set('"\\/bfnrtu'.split('').map((c) => c.charCodeAt(0)));
function locateJsonError(text) {
    let i = 0;
    const n = text.length;
    // Each entry: the container we are in and what it expects next.
    const stack = [];
    let expect = 'value';
    const fail = (message, at = i) => ({
        offset: at,
        message
    });
    const found = () => i >= n
        ? 'the end of the input'
        : `'${String.fromCodePoint(text.codePointAt(i))}'`;
    const afterValue = () => stack.length === 0 ? 'end' : 'comma-or-close';
    for (;;) {
        while (i < n && WS.has(text.charCodeAt(i)))
            i++;
        if (i >= n) {
            return expect === 'end' ? undefined : fail(`unexpected end of input`);
        }
        const c = text[i];
        const top = stack[stack.length - 1];
        switch (expect) {
            case 'end':
                return fail(`unexpected ${found()} after the JSON value`);
            case 'colon':
                if (c !== ':')
                    return fail(`expected ':' after a key, found ${found()}`);
                i++;
                expect = 'value';
                continue;
            case 'comma-or-close': {
                const close = top === '[' ? ']' : '}';
                if (c === ',') {
                    i++;
                    expect = top === '[' ? 'value' : 'key';
                    continue;
                }
                if (c === close) {
                    i++;
                    stack.pop();
                    expect = afterValue();
                    continue;
                }
                return fail(`expected ',' or '${close}', found ${found()}`);
            }
            case 'key':
            case 'key-or-close':
                if (c === '}' && expect === 'key-or-close') {
                    i++;
                    stack.pop();
                    expect = afterValue();
                    continue;
                }
                if (c !== '"')
                    return fail(`expected a key in double quotes, found ${found()}`);
                {
                    const e = skipString();
                    if (e)
                        return e;
                }
                expect = 'colon';
                continue;
            case 'value':
            case 'value-or-close':
                if (c === ']' && expect === 'value-or-close') {
                    i++;
                    stack.pop();
                    expect = afterValue();
                    continue;
                }
                if (c === '[' || c === '{') {
                    stack.push(c);
                    i++;
                    expect = c === '[' ? 'value-or-close' : 'key-or-close';
                    continue;
                }
                if (c === '"') {
                    const e = skipString();
                    if (e)
                        return e;
                }
                else if (text.startsWith('true', i))
                    i += 4;
                else if (text.startsWith('false', i))
                    i += 5;
                else if (text.startsWith('null', i))
                    i += 4;
                else {
                    NUMBER$1.lastIndex = i;
                    if (!NUMBER$1.test(text))
                        return fail(`unexpected ${found()}`);
                    i = NUMBER$1.lastIndex;
                }
                expect = afterValue();
                continue;
        }
    }
    function skipString() {
        const open = i;
        i++;
        for (;;) {
            if (i >= n)
                return fail('a string opens here and is never closed', open);
            const c = text.charCodeAt(i);
            if (c === 0x22) {
                i++;
                return undefined;
            }
            if (c < 0x20)
                return fail('a control character (such as a line break) inside a string');
            if (c === 0x5c) {
                const e = text.charCodeAt(i + 1);
                if (!ESCAPES.has(e)) {
                    return fail('an invalid escape in a string');
                }
                if (e === 0x75 && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
                    return fail('an invalid \\u escape in a string');
                }
                i += e === 0x75 ? 6 : 2;
                continue;
            }
            i++;
        }
    }
}

const decoder$1 = new TextDecoder('utf-8');
/** Line and column (1-based) of a string offset; LF, CRLF and a lone CR end a line. */
function position(text, offset) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
            line++;
            lineStart = i + 1;
        }
    }
    return { line, column: offset - lineStart + 1 };
}
/** `a string`, `an object`, `null`: what a JSON value is, for messages. */
function kindOf$1(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    if (typeof value === 'object')
        return 'an object';
    return `a ${typeof value}`;
}
/** The one-line error for JSON text that JSON.parse rejected, with line and column. */
function parseError(text, file, lineOffset = 0) {
    const error = locateJsonError(text) ?? {
        offset: 0,
        message: 'cannot parse'
    };
    const { line, column } = position(text, error.offset);
    return new UserError(`invalid JSON: ${error.message}`, {
        file,
        line: line + lineOffset,
        column
    });
}
/** Takes the mapped keys from JSON objects; numbers and booleans become their text. */
class RecordMapper {
    file;
    specs;
    sink;
    log;
    codes;
    seen;
    firstKeys;
    firstLine = 0;
    count = 0;
    constructor(file, specs, sink, log) {
        this.file = file;
        this.specs = specs;
        this.sink = sink;
        this.log = log;
        this.codes = new Int32Array(specs.length);
        this.seen = specs.map(() => false);
    }
    add(record, line) {
        if (this.count++ === 0) {
            this.firstKeys = Object.keys(record);
            this.firstLine = line;
        }
        for (let k = 0; k < this.specs.length; k++) {
            const spec = this.specs[k];
            const value = Object.hasOwn(record, spec.name)
                ? record[spec.name]
                : undefined;
            if (value !== undefined)
                this.seen[k] = true;
            let text;
            if (typeof value === 'string')
                text = value;
            else if (typeof value === 'number' || typeof value === 'boolean') {
                text = String(value);
            }
            else if (value === null || value === undefined) {
                if (spec.required) {
                    this.problem(`records without ${spec.role}`, line, spec, `${spec.role} is missing (key '${spec.name}'); the record is skipped`);
                    return;
                }
                text = '';
            }
            else {
                const hint = spec.role === 'label'
                    ? '; multi-label values are not supported yet'
                    : ', not a string or number';
                this.problem(`unsupported ${spec.role} values`, line, spec, `${spec.role} is ${kindOf$1(value)}${hint} (key '${spec.name}'); the record is skipped`);
                return;
            }
            if (text === '' && spec.required) {
                this.problem(`records without ${spec.role}`, line, spec, `${spec.role} is empty (key '${spec.name}'); the record is skipped`);
                return;
            }
            this.codes[k] = spec.interner.intern(text);
        }
        this.sink(this.codes, line);
    }
    /** A key that no record has is a wrong field mapping, not a data problem. */
    finish(records) {
        if (this.count === 0)
            throw new UserError(`has no ${records}`, { file: this.file });
        this.specs.forEach((spec, k) => {
            if (!this.seen[k]) {
                throw missingField('key', spec, this.firstKeys ?? [], { file: this.file, line: this.firstLine }, ' in every record');
            }
        });
    }
    problem(kind, line, spec, message) {
        this.log.add(kind, {
            severity: 'error',
            file: this.file,
            line,
            field: spec.name,
            message
        });
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Lines where the elements of a valid top-level JSON array start. */
function elementLines(text) {
    const lines = [];
    let depth = 0;
    let line = 1;
    let expect = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
            line++;
            continue;
        }
        if (c === 0x20 || c === 0x09 || c === 0x0d)
            continue;
        if (expect && c !== 0x5d)
            lines.push(line);
        expect = false;
        if (c === 0x22) {
            // Valid JSON strings hold no raw line breaks; skip to the closing quote.
            for (i++; text.charCodeAt(i) !== 0x22; i++) {
                if (text.charCodeAt(i) === 0x5c)
                    i++;
            }
        }
        else if (c === 0x5b || c === 0x7b) {
            depth++;
            if (depth === 1)
                expect = true;
        }
        else if (c === 0x5d || c === 0x7d) {
            depth--;
        }
        else if (c === 0x2c && depth === 1) {
            expect = true;
        }
    }
    return lines;
}
/** A whole JSON file's text and value; a syntax error names its line and column. */
function parseJsonDocument(bytes, start, file) {
    const text = decoder$1.decode(bytes.subarray(start));
    try {
        return { text, data: JSON.parse(text) };
    }
    catch {
        throw parseError(text, file);
    }
}
/** A JSON file holding one array of record objects. */
function readJsonArray(bytes, start, file, specs, records, sink, log) {
    const { text, data } = parseJsonDocument(bytes, start, file);
    if (!Array.isArray(data)) {
        throw new UserError(`expected a JSON array of records, found ${kindOf$1(data)} (use format: jsonl for one record per line)`, { file, line: 1 });
    }
    const lines = elementLines(text);
    const mapper = new RecordMapper(file, specs, sink, log);
    data.forEach((value, i) => {
        const line = lines[i];
        if (!isRecord(value)) {
            throw new UserError(`a record must be a JSON object, found ${kindOf$1(value)}`, { file, line });
        }
        mapper.add(value, line);
    });
    mapper.finish(records);
}
/** A JSON Lines file: one record object per line; blank lines are skipped. */
function readJsonLines(bytes, start, file, specs, records, sink, log) {
    const mapper = new RecordMapper(file, specs, sink, log);
    forEachJsonLine(bytes, start, file, (value, line) => mapper.add(value, line));
    mapper.finish(records);
}
/**
 * Calls `visit` with each line's object (and its 1-based line) of a JSON
 * Lines file; blank lines are skipped, anything else than one object per
 * line stops the run.
 */
function forEachJsonLine(bytes, start, file, visit) {
    const text = decoder$1.decode(bytes.subarray(start));
    let line = 0;
    let from = 0;
    while (from < text.length) {
        let to = text.indexOf('\n', from);
        if (to < 0)
            to = text.length;
        const source = text.slice(from, to);
        line++;
        from = to + 1;
        if (source.trim() === '')
            continue;
        let value;
        try {
            value = JSON.parse(source);
        }
        catch {
            throw parseError(source, file, line - 1);
        }
        if (!isRecord(value)) {
            throw new UserError(`a JSONL line must be one JSON object, found ${kindOf$1(value)}`, { file, line });
        }
        visit(value, line);
    }
}

/**
 * The text of a scalar JSON value as the readers keep it: strings as they
 * are, numbers and booleans as their JSON text; '' for null or absent;
 * undefined for an object or array (not a single value).
 */
function scalarText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean') {
        return String(value);
    }
    if (value === null || value === undefined)
        return '';
    return undefined;
}
/**
 * Hands the records a tool-export reader (label-studio, prodigy) maps to the
 * sink, as the JSON reader does for plain records: item, annotator and label
 * are given as text, the extra columns (lineage fields) are looked up by
 * name. Also counts skipped records (cancelled, ignored) for one warning per
 * reason, and checks at the end that every extra field exists somewhere.
 */
class ExportRecords {
    file;
    specs;
    sink;
    log;
    codes;
    seen;
    skipped = new Map();
    firstKeys;
    firstLine = 0;
    /** Records handed to the sink or rejected with a problem (not skipped ones). */
    count = 0;
    constructor(file, specs, sink, log) {
        this.file = file;
        this.specs = specs;
        this.sink = sink;
        this.log = log;
        this.codes = new Int32Array(specs.length);
        this.seen = specs.map((spec) => spec.extra !== true);
    }
    /**
     * Maps one record. `keys` are the raw keys offered for lineage lookups
     * (for the missing-key message). Problems with the record's values skip
     * it; the caller has already checked the item, annotator and label.
     */
    add(item, annotator, label, lineage, keys, line) {
        this.count++;
        if (this.firstKeys === undefined) {
            this.firstKeys = keys();
            this.firstLine = line;
        }
        const specs = this.specs;
        this.codes[0] = specs[0].interner.intern(item);
        this.codes[1] = specs[1].interner.intern(annotator);
        this.codes[2] = specs[2].interner.intern(label);
        for (let k = 3; k < specs.length; k++) {
            const spec = specs[k];
            const value = lineage(spec.name);
            if (value !== undefined)
                this.seen[k] = true;
            const text = scalarText(value);
            if (text === undefined) {
                this.problem(`unsupported ${spec.role} values`, line, spec.name, `${spec.role} is ${kindOf$1(value)}, not a string or number (key '${spec.name}'); the record is skipped`);
                return;
            }
            this.codes[k] = spec.interner.intern(text);
        }
        this.sink(this.codes, line);
    }
    /** A record that cannot be mapped: an error problem; the record is skipped. */
    reject(kind, line, field, message) {
        this.count++;
        this.problem(kind, line, field, `${message}; the record is skipped`);
    }
    /**
     * A record left out on purpose (a cancelled annotation, an ignored
     * answer): counted, then one warning per reason at the first one's line.
     * `message(n)` words the warning for n records.
     */
    skip(reason, line, field, message) {
        const s = this.skipped.get(reason);
        if (s === undefined) {
            this.skipped.set(reason, { count: 1, line, field, message });
        }
        else
            s.count++;
    }
    /**
     * Ends the file: the warnings for skipped records, then the same checks
     * as the JSON reader (some record at all; every extra key present in at
     * least one record, else the field mapping is wrong).
     */
    finish(records) {
        for (const [reason, s] of this.skipped) {
            this.log.add(`skipped ${reason}`, {
                severity: 'warning',
                file: this.file,
                line: s.line,
                field: s.field,
                message: s.message(s.count)
            });
        }
        if (this.count === 0) {
            const skipped = [...this.skipped.values()].reduce((n, s) => n + s.count, 0);
            if (skipped > 0)
                return;
            throw new UserError(`has no ${records}`, { file: this.file });
        }
        this.specs.forEach((spec, k) => {
            if (!this.seen[k]) {
                throw missingField('key', spec, this.firstKeys ?? [], { file: this.file, line: this.firstLine }, ' in every record');
            }
        });
    }
    problem(kind, line, field, message) {
        this.log.add(kind, {
            severity: 'error',
            file: this.file,
            line,
            field,
            message
        });
    }
}

/**
 * Label Studio's JSON export: an array of tasks, each
 * `{ id, data: {...}, annotations: [{ id, completed_by, created_at,
 * updated_at, lead_time, was_cancelled, ground_truth, result: [{ from_name,
 * to_name, type: 'choices', value: { choices: [..] } }] }] }`.
 *
 * One record per annotation, for one choices control:
 * - item: the task `id`, or the task data key `fields.item` names
 *   (`data.text_id` or `text_id`); the default `item_id` means the task id;
 * - annotator: `completed_by` (a user id, or an object: its email, else id);
 * - label: the one choice of the control whose `from_name` is `fields.label`;
 *   with the default `label` and no control of that name, the only choices
 *   control in the file (several: the run stops and lists them);
 * - lineage fields: `labeled_at` (= created_at), `updated_at`, `lead_time`,
 *   `tool` (= label-studio); any other name is an annotation key, else a task
 *   data key.
 *
 * Cancelled annotations (`was_cancelled: true`) are skipped with one warning.
 * An annotation that cannot be mapped is an error problem at the line where
 * its object starts; the record is skipped.
 */
function readLabelStudio(bytes, start, file, specs, records, sink, log) {
    const { text, data } = parseJsonDocument(bytes, start, file);
    if (!Array.isArray(data)) {
        throw new UserError(`expected the JSON array of tasks of a Label Studio export, found ${kindOf$1(data)}`, { file, line: 1 });
    }
    const lines = annotationLines(text);
    const itemSpec = specs[0];
    const itemKey = itemSpec.name === DEFAULT_FIELDS.item || itemSpec.name === 'id'
        ? null
        : itemSpec.name.startsWith('data.')
            ? itemSpec.name.slice('data.'.length)
            : itemSpec.name;
    if (specs[1].name !== DEFAULT_FIELDS.annotator) {
        throw new UserError(`format label-studio takes the annotator from completed_by; remove fields.annotator ('${specs[1].name}')`, { field: 'fields.annotator' });
    }
    // Tasks, with their annotation objects and lines.
    const tasks = [];
    data.forEach((task, t) => {
        const line = lines.tasks[t] ?? 1;
        if (!isRecord(task)) {
            throw new UserError(`a Label Studio task must be a JSON object, found ${kindOf$1(task)}`, { file, line });
        }
        const annotations = task.annotations;
        if (annotations === undefined || annotations === null)
            return;
        if (!Array.isArray(annotations)) {
            throw new UserError(`a task's annotations must be an array, found ${kindOf$1(annotations)}`, { file, line, field: 'annotations' });
        }
        tasks.push({
            task,
            line,
            annotations,
            lines: lines.annotations[t] ?? []
        });
    });
    const control = chooseControl(tasks, specs[2].name, file);
    const out = new ExportRecords(file, specs, sink, log);
    for (const { task, line: taskLine, annotations, lines: at } of tasks) {
        const taskData = isRecord(task.data) ? task.data : undefined;
        annotations.forEach((annotation, j) => {
            const line = at[j] ?? taskLine;
            if (!isRecord(annotation)) {
                out.reject('annotations that are not objects', line, 'annotations', `an annotation must be a JSON object, found ${kindOf$1(annotation)}`);
                return;
            }
            if (annotation.was_cancelled === true) {
                out.skip('cancelled annotations', line, 'was_cancelled', (n) => `${formatCount$1(n)} cancelled annotation${n === 1 ? '' : 's'} (was_cancelled: true) skipped; first here`);
                return;
            }
            // Item.
            const itemValue = itemKey === null ? task.id : taskData && ownValue(taskData, itemKey);
            const item = scalarText(itemValue);
            if (item === undefined || item === '') {
                out.reject('records without item', line, itemKey === null ? 'id' : `data.${itemKey}`, itemKey === null
                    ? `the task has no id (item)`
                    : `item is ${item === undefined ? kindOf$1(itemValue) : 'missing'} (task data key '${itemKey}')`);
                return;
            }
            // Annotator.
            const annotator = completedBy(annotation.completed_by);
            if (annotator === '') {
                out.reject('records without annotator', line, 'completed_by', 'annotation has no completed_by (annotator)');
                return;
            }
            // Label.
            const label = chosenLabel(annotation, control);
            if (typeof label !== 'string') {
                out.reject(label.kind, line, 'result', label.message);
                return;
            }
            out.add(item, annotator, label, (name) => {
                switch (name) {
                    case 'labeled_at':
                        return annotation.created_at ?? null;
                    case 'updated_at':
                        return annotation.updated_at ?? null;
                    case 'lead_time':
                        return annotation.lead_time ?? null;
                    case 'tool':
                        return 'label-studio';
                }
                if (Object.hasOwn(annotation, name))
                    return annotation[name];
                if (taskData !== undefined && Object.hasOwn(taskData, name)) {
                    return taskData[name];
                }
                return undefined;
            }, () => [
                'labeled_at',
                'updated_at',
                'lead_time',
                'tool',
                ...Object.keys(annotation),
                ...(taskData === undefined ? [] : Object.keys(taskData))
            ], line);
        });
    }
    out.finish(records);
}
/** A value of an own key (never from the prototype: `constructor`, `__proto__`). */
function ownValue(record, key) {
    return Object.hasOwn(record, key) ? record[key] : undefined;
}
/** `completed_by` as an annotator id: a number or string, or an object's email, else its id; '' when none. */
function completedBy(value) {
    if (isRecord(value)) {
        const email = scalarText(ownValue(value, 'email'));
        if (email !== undefined && email !== '')
            return email;
        return scalarText(ownValue(value, 'id')) ?? '';
    }
    return scalarText(value) ?? '';
}
/**
 * The choices control to read: the one `fields.label` names, else (the
 * default name, `label`, matching none) the only choices control in the
 * file. Several without a name, or a name no result has, stop the run.
 */
function chooseControl(tasks, name, file) {
    const choices = new Set();
    const all = new Map();
    for (const { annotations } of tasks) {
        for (const annotation of annotations) {
            if (!isRecord(annotation) || annotation.was_cancelled === true)
                continue;
            const result = annotation.result;
            if (!Array.isArray(result))
                continue;
            for (const r of result) {
                if (!isRecord(r) || typeof r.from_name !== 'string')
                    continue;
                const type = typeof r.type === 'string' ? r.type : '?';
                if (type === 'choices')
                    choices.add(r.from_name);
                let types = all.get(r.from_name);
                if (types === undefined)
                    all.set(r.from_name, (types = new Set()));
                types.add(type);
            }
        }
    }
    const named = name !== DEFAULT_FIELDS.label;
    if (all.has(name))
        return name;
    if (named) {
        const found = [...all.keys()];
        throw new UserError(`no annotation result has from_name '${name}' (found: ${found.length === 0 ? 'none' : found.join(', ')}); set fields.label to the choices control's from_name` +
            didYouMean(name, found), { file, field: 'fields.label' });
    }
    if (choices.size === 1)
        return [...choices][0];
    if (choices.size > 1) {
        throw new UserError(`several choices controls (from_name: ${[...choices].join(', ')}); set fields.label to the one to check`, { file, field: 'fields.label' });
    }
    if (all.size === 0)
        return null; // no result at all: every record says so
    const types = [...new Set([...all.values()].flatMap((t) => [...t]))];
    throw new UserError(`no choices result in any annotation (result types found: ${types.join(', ')}); only classification (choices) is supported yet`, { file, field: 'result' });
}
/** The one choice of `control` in an annotation, or why there is none. */
function chosenLabel(annotation, control) {
    const result = annotation.result;
    if (result !== undefined && result !== null && !Array.isArray(result)) {
        return {
            kind: 'annotations without a choice',
            message: `result is ${kindOf$1(result)}, not an array`
        };
    }
    const mine = (result ?? []).filter((r) => isRecord(r) && r.from_name === control);
    if (mine.length === 0) {
        return {
            kind: 'annotations without a choice',
            message: control === null
                ? 'annotation has no result'
                : `annotation has no result for control '${control}'`
        };
    }
    if (mine.length > 1) {
        return {
            kind: 'annotations with several results',
            message: `annotation has ${mine.length} results for control '${control}' (per-region choices are not supported yet)`
        };
    }
    const r = mine[0];
    if (r.type !== 'choices') {
        return {
            kind: 'unsupported result types',
            message: `result type ${typeof r.type === 'string' ? `'${r.type}'` : kindOf$1(r.type)} for control '${control}' is not supported (only choices)`
        };
    }
    const choices = isRecord(r.value) ? r.value.choices : undefined;
    if (!Array.isArray(choices) || choices.length === 0) {
        return {
            kind: 'annotations without a choice',
            message: `result for control '${control}' has no choices`
        };
    }
    if (choices.length > 1) {
        return {
            kind: 'multi-label annotations',
            message: `${choices.length} choices for control '${control}': multi-label is not supported yet`
        };
    }
    const label = scalarText(choices[0]);
    if (label === undefined || label === '') {
        return {
            kind: 'annotations without a choice',
            message: `the choice for control '${control}' is ${label === '' ? 'empty' : kindOf$1(choices[0])}`
        };
    }
    return label;
}
/**
 * Lines (1-based) where each task of a valid export starts, and where each
 * object of a task's `annotations` array starts, by position: the same
 * order as JSON.parse gives. One pass over the text, no values built.
 * When a task repeats the key, the last one counts (as in JSON.parse).
 */
function annotationLines(text) {
    const tasks = [];
    const annotations = [];
    // Per open container: array or object; for objects, whether the next
    // string is a key and the last key; for arrays, whether an element is due.
    const kinds = []; // 0x5b '[' or 0x7b '{'
    const due = [];
    const keys = [];
    let inAnnotations = false;
    let line = 1;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
            line++;
            continue;
        }
        if (c === 0x20 || c === 0x09 || c === 0x0d)
            continue;
        const depth = kinds.length;
        const top = depth - 1;
        if (depth > 0 && kinds[top] === 0x5b && due[top] && c !== 0x5d) {
            // An element starts here.
            due[top] = false;
            if (depth === 1) {
                tasks.push(line);
                annotations.push([]);
            }
            else if (depth === 3 && inAnnotations) {
                annotations[annotations.length - 1].push(line);
            }
        }
        if (c === 0x22) {
            const from = i;
            for (i++; text.charCodeAt(i) !== 0x22; i++) {
                if (text.charCodeAt(i) === 0x5c)
                    i++;
            }
            if (depth > 0 && kinds[top] === 0x7b && due[top]) {
                // A key.
                const raw = text.slice(from, i + 1);
                keys[top] = raw.includes('\\')
                    ? JSON.parse(raw)
                    : raw.slice(1, -1);
                due[top] = false;
            }
        }
        else if (c === 0x5b || c === 0x7b) {
            if (c === 0x5b && depth === 2 && keys[top] === 'annotations') {
                inAnnotations = true;
                annotations[annotations.length - 1] = [];
            }
            kinds.push(c);
            due.push(true);
            keys.push('');
        }
        else if (c === 0x5d || c === 0x7d) {
            kinds.pop();
            due.pop();
            keys.pop();
            if (kinds.length === 2)
                inAnnotations = false;
        }
        else if (c === 0x2c && depth > 0) {
            due[top] = true;
        }
    }
    return { tasks, annotations };
}

/**
 * Prodigy's JSONL export (`prodigy db-out`): one task per line, `{
 * _input_hash, _task_hash, _annotator_id, _session_id, _timestamp, answer:
 * 'accept' | 'reject' | 'ignore', label?, accept?: [..], options?: [..],
 * text?, meta? }`.
 *
 * - Choice tasks (`options` present, e.g. textcat.manual with several
 *   labels): item `_input_hash`; label the one option id in `accept`
 *   (several: multi-label, not supported yet; none with answer accept: a
 *   problem; an id that is not an option: a problem). A rejected choice task
 *   gave no label: skipped with a warning.
 * - Binary tasks (a `label` key, e.g. textcat.teach): the label is the
 *   answer itself, `accept` or `reject`, and the task's `label` goes to the
 *   lineage field `prodigy_label`. The item is `_task_hash` (input and
 *   label), since one input is asked about with several labels, and those
 *   answers are not duplicates of one another.
 * - `fields.item` other than the default names a key (or `meta.<key>`) for
 *   both kinds; `fields.annotator` likewise (default `_annotator_id`, else
 *   `_session_id`).
 * - `ignore` answers are skipped with one warning.
 * - Lineage fields: `labeled_at` (`_timestamp`, Unix seconds, as ISO 8601
 *   UTC), `tool` (= prodigy), `session` (`_session_id`), `prodigy_label`;
 *   any other name is a key of the task, else of its `meta`.
 */
function readProdigy(bytes, start, file, specs, records, sink, log) {
    if (specs[2].name !== DEFAULT_FIELDS.label) {
        throw new UserError(`format prodigy takes the label from accept (choice tasks) or answer (binary tasks); remove fields.label ('${specs[2].name}')`, { field: 'fields.label' });
    }
    const itemKey = specs[0].name === DEFAULT_FIELDS.item ? null : specs[0].name;
    const annotatorKey = specs[1].name === DEFAULT_FIELDS.annotator ? null : specs[1].name;
    const out = new ExportRecords(file, specs, sink, log);
    forEachJsonLine(bytes, start, file, (task, line) => {
        const answer = task.answer;
        if (answer === 'ignore') {
            out.skip('ignored answers', line, 'answer', (n) => `${formatCount$1(n)} ignored answer${n === 1 ? '' : 's'} (answer: ignore) skipped; first here`);
            return;
        }
        if (answer !== 'accept' && answer !== 'reject') {
            out.reject('records without a valid answer', line, 'answer', answer === undefined || answer === null
                ? 'the task has no answer'
                : `answer ${typeof answer === 'string' ? `'${answer}'` : kindOf$1(answer)} is not accept, reject or ignore`);
            return;
        }
        const choice = Array.isArray(task.options);
        const binary = !choice && task.label !== undefined && task.label !== null;
        if (!choice && !binary) {
            out.reject('unsupported tasks', line, 'options', 'the task has neither options (a choice task) nor a label (a binary task); spans are not supported yet');
            return;
        }
        // Item.
        const itemName = itemKey ?? (choice ? '_input_hash' : '_task_hash');
        const itemValue = itemKey === null && !choice && task._task_hash === undefined
            ? lookup(task, '_input_hash')
            : lookup(task, itemName);
        const item = scalarText(itemValue);
        if (item === undefined || item === '') {
            out.reject('records without item', line, itemName, `item is ${item === undefined ? kindOf$1(itemValue) : 'missing'} (key '${itemName}')`);
            return;
        }
        // Annotator.
        let annotatorName = annotatorKey ?? '_annotator_id';
        let annotatorValue = lookup(task, annotatorName);
        if (annotatorKey === null && (annotatorValue ?? '') === '') {
            annotatorName = '_session_id';
            annotatorValue = lookup(task, annotatorName);
        }
        const annotator = scalarText(annotatorValue);
        if (annotator === undefined || annotator === '') {
            out.reject('records without annotator', line, annotatorName, annotatorKey === null
                ? 'the task has no _annotator_id or _session_id (annotator)'
                : `annotator is ${annotator === undefined ? kindOf$1(annotatorValue) : 'missing'} (key '${annotatorName}')`);
            return;
        }
        // Label.
        let label;
        if (binary) {
            label = answer;
        }
        else {
            if (answer === 'reject') {
                out.skip('rejected choice tasks', line, 'answer', (n) => `${formatCount$1(n)} rejected choice task${n === 1 ? '' : 's'} (answer: reject, no option chosen) skipped; first here`);
                return;
            }
            const chosen = optionChoice(task);
            if (typeof chosen !== 'string') {
                out.reject(chosen.kind, line, 'accept', chosen.message);
                return;
            }
            label = chosen;
        }
        out.add(item, annotator, label, (name) => {
            switch (name) {
                case 'labeled_at':
                    return timestampText(task._timestamp);
                case 'tool':
                    return 'prodigy';
                case 'session':
                    return task._session_id ?? null;
                case 'prodigy_label':
                    return binary ? task.label : null;
            }
            return lookup(task, name);
        }, () => [
            'labeled_at',
            'tool',
            'session',
            'prodigy_label',
            ...Object.keys(task)
        ], line);
    });
    out.finish(records);
}
/** A key of the task, else of its `meta` (`meta.x` names that one only). */
function lookup(task, name) {
    if (Object.hasOwn(task, name))
        return task[name];
    const meta = isRecord(task.meta) ? task.meta : undefined;
    if (meta === undefined)
        return undefined;
    const key = name.startsWith('meta.') ? name.slice('meta.'.length) : name;
    return Object.hasOwn(meta, key) ? meta[key] : undefined;
}
/** The one accepted option id of an accepted choice task, or why there is none. */
function optionChoice(task) {
    const accept = task.accept;
    if (!Array.isArray(accept) || accept.length === 0) {
        return {
            kind: 'accepted tasks without a choice',
            message: 'answer is accept but no option is in accept'
        };
    }
    if (accept.length > 1) {
        return {
            kind: 'multi-label annotations',
            message: `${accept.length} options accepted: multi-label is not supported yet`
        };
    }
    const id = scalarText(accept[0]);
    if (id === undefined || id === '') {
        return {
            kind: 'accepted tasks without a choice',
            message: `the accepted option is ${id === '' ? 'empty' : kindOf$1(accept[0])}`
        };
    }
    const options = task.options;
    const known = options.some((o) => isRecord(o) && scalarText(o.id) === id);
    if (!known) {
        return {
            kind: 'choices outside the options',
            message: `accepted option '${id}' is not among the task's options`
        };
    }
    return id;
}
/**
 * `_timestamp` (Unix seconds) as ISO 8601 UTC, whole seconds without a
 * fraction: 1714564800 -> 2024-05-01T12:00:00Z. Anything else is kept as
 * its text, for the lineage check to judge.
 */
function timestampText(value) {
    if (typeof value !== 'number' || !Number.isFinite(value))
        return value ?? null;
    const ms = value * 1000;
    if (Math.abs(ms) > 8.64e15)
        return String(value);
    const iso = new Date(Math.round(ms)).toISOString();
    return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

const LFS_POINTER = new TextEncoder().encode('version https://git-lfs.github.com/spec/v1');
const BINARY_PROBE = 8192;
function startsWith(bytes, prefix) {
    if (bytes.length < prefix.length)
        return false;
    for (let i = 0; i < prefix.length; i++)
        if (bytes[i] !== prefix[i])
            return false;
    return true;
}
/**
 * Stops the run on bytes that are not a UTF-8 text label file (a Git LFS
 * pointer, UTF-16, binary, invalid UTF-8, nothing but blank space), so that no
 * metric is ever computed on the wrong content. Returns the offset after a BOM.
 * `records` names what the file should hold, for the empty-file message.
 */
function checkText(bytes, file, records) {
    if (startsWith(bytes, LFS_POINTER)) {
        throw new UserError('is a Git LFS pointer, not the labels; the LFS content was not checked out (actions/checkout: lfs: true)', { file, line: 1 });
    }
    if (bytes.length >= 2 &&
        ((bytes[0] === 0xff && bytes[1] === 0xfe) ||
            (bytes[0] === 0xfe && bytes[1] === 0xff))) {
        throw new UserError('is UTF-16 text; save it as UTF-8', { file });
    }
    const probe = Math.min(bytes.length, BINARY_PROBE);
    for (let i = 0; i < probe; i++) {
        if (bytes[i] === 0) {
            throw new UserError('is a binary file (it has a NUL byte in the first 8 KiB), not a text label file', { file, line: lineAt(bytes, i) });
        }
    }
    if (!isUtf8(bytes)) {
        const at = firstInvalidUtf8(bytes);
        throw new UserError('is not valid UTF-8 text (first invalid byte here)', {
            file,
            line: lineAt(bytes, at)
        });
    }
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    let blank = true;
    for (let i = start; i < bytes.length; i++) {
        const c = bytes[i];
        if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
            blank = false;
            break;
        }
    }
    if (blank)
        throw new UserError(`is empty; it has no ${records}`, { file });
    return start;
}

/**
 * Reads the mapped fields of every record of one file in the given format and
 * hands the interned codes to `sink`, in file order. Input that cannot be read
 * throws a UserError; data problems in single records go to `log`.
 * `records` names the contents ("annotation records") for messages. The
 * label-studio and prodigy readers take specs in the order item, annotator,
 * label, then extra (lineage) fields.
 */
function readRecords(bytes, file, format, specs, records, sink, log) {
    // A Node Buffer's subarray() makes a Buffer object per call; a plain view does not.
    bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const start = checkText(bytes, file, records);
    switch (format) {
        case 'csv':
            return readDelimited(bytes, start, file, ',', specs, records, sink, log);
        case 'tsv':
            return readDelimited(bytes, start, file, '\t', specs, records, sink, log);
        case 'json':
            return readJsonArray(bytes, start, file, specs, records, sink, log);
        case 'jsonl':
            return readJsonLines(bytes, start, file, specs, records, sink, log);
        case 'label-studio':
            return readLabelStudio(bytes, start, file, specs, records, sink, log);
        case 'prodigy':
            return readProdigy(bytes, start, file, specs, records, sink, log);
    }
}

/**
 * Adds every annotation record of one file to `builder` (raw label text; the
 * schema is checked when ratings are built) and appends this file's data
 * problems to `problems`. Throws a UserError when the file cannot be read.
 * The builder's extra columns (lineage fields) are read too, as optional
 * fields: a record without one keeps '' there.
 */
function readAnnotationFile(bytes, file, format, fields, builder, problems) {
    const log = new ProblemLog();
    const fileCode = builder.addFile(file);
    builder.reserve(estimateRecords(bytes, format));
    const specs = [
        {
            role: 'item',
            name: fields.item,
            configKey: 'fields.item',
            interner: builder.items,
            required: true
        },
        {
            role: 'annotator',
            name: fields.annotator,
            configKey: 'fields.annotator',
            interner: builder.annotators,
            required: true
        },
        {
            role: 'label',
            name: fields.label,
            configKey: 'fields.label',
            interner: builder.labels,
            required: false
        }
    ];
    const extras = builder.extraNames.length;
    builder.extraNames.forEach((name, k) => specs.push({
        role: 'lineage field',
        name,
        configKey: fields.extraKeys?.get(name) ?? 'lineage',
        interner: builder.extraValues[k],
        required: false,
        extra: true
    }));
    // Without extras (no lineage configured) the sink is the one it always was.
    const sink = extras === 0
        ? (codes, line) => builder.addCodes(codes[0], codes[1], codes[2], fileCode, line)
        : (codes, line) => {
            builder.addCodes(codes[0], codes[1], codes[2], fileCode, line);
            for (let k = 0; k < extras; k++)
                builder.setExtra(k, codes[3 + k]);
        };
    readRecords(bytes, file, format, specs, 'annotation records', sink, log);
    problems.push(...log.finish());
}

// ignoreBOM: a value that starts with U+FEFF keeps it (the file's BOM is
// skipped by the reader, before any value).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/**
 * Maps strings to dense integer codes, once. Everything after parsing works on
 * the codes, so a million repeated annotator ids cost one string each.
 *
 * Keyed on UTF-8 bytes, not on strings: the readers hand in byte ranges of the
 * file (`internBytes`) and a value's bytes are copied once into this
 * interner's own arena, so one index serves every file of a dataset and its
 * reference. Strings are made only when asked for (`values`, `value`), in
 * bulk: a check of 10^6 items never needs most item ids as strings.
 *
 * Hand-written instead of a `Map<string, number>` on purpose: with 10^6
 * distinct item ids the Map's inserts alone were 1.3 s of a 5.2 s run, plus
 * the 10^6 strings it needs as keys and their GC (src/formats/README.md has the
 * measurements). An open-addressing table of (hash, code) pairs in one
 * Int32Array, with keys in a byte arena, makes no object per value.
 *
 * Layout is for the cache: a slot holds the hash next to the code, and the
 * last value is checked first, because label files are usually grouped by
 * item or by annotator.
 */
class Interner {
    /** Pairs: hash, code + 1 (0 = empty). Length is 2 × a power of two. */
    slots;
    mask;
    /** Code c's UTF-8 bytes are `arena[offsets[c], offsets[c + 1])`. */
    offsets;
    arena;
    arenaView;
    n = 0;
    /** Strings of codes `0 .. strings.length`, decoded on demand. */
    strings = [];
    /** Every arena byte so far is ASCII (then byte offsets are string offsets). */
    ascii = true;
    last = -1;
    scratch = new Uint8Array(64);
    scratchView = viewOf$1(this.scratch);
    exoticInput = false;
    /** Strings whose bytes hold a lone surrogate, by code (almost always null). */
    exotic = null;
    /** `capacity`: distinct values to make room for before the first growth. */
    constructor(capacity = 64) {
        const size = tableSize(capacity);
        this.slots = new Int32Array(2 * size);
        this.mask = size - 1;
        this.offsets = new Int32Array(capacity + 1);
        this.arena = new Uint8Array(Math.max(64, capacity * 8));
        this.arenaView = new DataView(this.arena.buffer);
    }
    /** Code of the UTF-8 text in bytes[start, end), added if new. */
    internBytes(bytes, start, end) {
        return this.internView(viewOf$1(bytes), start, end);
    }
    /**
     * Code of the UTF-8 text in view[start, end), added if new. Readers make
     * one view per file (`ByteInterner`); the interner keeps no reference to it.
     */
    internView(view, start, end) {
        const len = end - start;
        const offsets = this.offsets;
        const arenaView = this.arenaView;
        const last = this.last;
        if (last >= 0) {
            const ls = offsets[last];
            if (offsets[last + 1] - ls === len &&
                same(arenaView, ls, view, start, len))
                return last;
        }
        const h = hash(view, start, len);
        const slots = this.slots;
        const mask = this.mask;
        let s = h & mask;
        for (;;) {
            const c = slots[2 * s + 1];
            if (c === 0)
                break;
            if (slots[2 * s] === h) {
                const code = c - 1;
                const ks = offsets[code];
                if (offsets[code + 1] - ks === len &&
                    same(arenaView, ks, view, start, len))
                    return (this.last = code);
            }
            s = (s + 1) & mask;
        }
        return (this.last = this.add(view, start, end, h, s));
    }
    /** Code of `value`, added if new. */
    intern(value) {
        const len = this.encode(value);
        const size = this.n;
        const code = this.internView(this.scratchView, 0, len);
        // Bytes with a lone surrogate do not decode back to it: keep the string.
        if (this.exoticInput && code === size) {
            if (this.exotic === null)
                this.exotic = new Map();
            this.exotic.set(code, value);
        }
        return code;
    }
    /** Code of `value`, or undefined if it was never interned. */
    get(value) {
        const len = this.encode(value);
        const view = this.scratchView;
        const h = hash(view, 0, len);
        for (let s = h & this.mask;; s = (s + 1) & this.mask) {
            const c = this.slots[2 * s + 1];
            if (c === 0)
                return undefined;
            if (this.slots[2 * s] !== h)
                continue;
            const ks = this.offsets[c - 1];
            if (this.offsets[c] - ks === len &&
                same(this.arenaView, ks, view, 0, len))
                return c - 1;
        }
    }
    get size() {
        return this.n;
    }
    /**
     * Code -> string, for every code so far. Decodes the codes added since the
     * last call, so take it again after interning more.
     */
    get values() {
        const strings = this.strings;
        const from = strings.length;
        if (from === this.n)
            return strings;
        const offsets = this.offsets;
        const start = offsets[from];
        const end = offsets[this.n];
        if (this.ascii && end - start > 4096) {
            // One decode of the whole run; each value is then a slice of it (V8
            // makes a cheap sliced string for longer ones), 3x faster than decoding
            // 10^6 short ranges one by one.
            const text = decoder.decode(this.arena.subarray(start, end));
            for (let c = from; c < this.n; c++)
                strings.push(text.slice(offsets[c] - start, offsets[c + 1] - start));
        }
        else {
            for (let c = from; c < this.n; c++)
                strings.push(this.decode(c));
        }
        return strings;
    }
    /** The string of one code (decoding only that one if not yet decoded). */
    value(code) {
        if (code < 0 || code >= this.n) {
            throw new RangeError(`no interned value has code ${code}`);
        }
        return code < this.strings.length ? this.strings[code] : this.decode(code);
    }
    /** Makes room for `distinct` more values without growing one step at a time. */
    reserve(distinct) {
        const want = this.n + distinct;
        if (want + 1 > this.offsets.length)
            this.resizeOffsets(want + 1);
        if (2 * want > this.mask + 1)
            this.rehash(tableSize(want));
    }
    decode(code) {
        const exotic = this.exotic?.get(code);
        if (exotic !== undefined)
            return exotic;
        const s = this.offsets[code];
        const e = this.offsets[code + 1];
        const a = this.arena;
        if (e - s <= 32) {
            let text = '';
            let i = s;
            for (; i < e; i++) {
                const c = a[i];
                if (c >= 0x80)
                    break;
                text += String.fromCharCode(c);
            }
            if (i === e)
                return text;
        }
        return decoder.decode(a.subarray(s, e));
    }
    add(view, start, end, h, s) {
        const code = this.n;
        if (code + 2 > this.offsets.length) {
            this.resizeOffsets(2 * this.offsets.length);
        }
        // Load factor at most 1/2.
        if (2 * (code + 1) > this.mask + 1) {
            this.rehash(2 * (this.mask + 1));
            s = h & this.mask;
            while (this.slots[2 * s + 1] !== 0)
                s = (s + 1) & this.mask;
        }
        const at = this.offsets[code];
        const len = end - start;
        if (at + len > this.arena.length) {
            const arena = new Uint8Array(Math.max(2 * this.arena.length, at + len));
            arena.set(this.arena.subarray(0, at));
            this.arena = arena;
            this.arenaView = new DataView(arena.buffer);
        }
        const arena = this.arena;
        let ascii = true;
        for (let i = 0; i < len; i++) {
            const c = view.getUint8(start + i);
            arena[at + i] = c;
            if (c >= 0x80)
                ascii = false;
        }
        if (!ascii)
            this.ascii = false;
        this.offsets[code + 1] = at + len;
        this.slots[2 * s] = h;
        this.slots[2 * s + 1] = code + 1;
        this.n = code + 1;
        return code;
    }
    resizeOffsets(size) {
        const offsets = new Int32Array(size);
        offsets.set(this.offsets.subarray(0, this.n + 1));
        this.offsets = offsets;
    }
    rehash(size) {
        const old = this.slots;
        const slots = new Int32Array(2 * size);
        const mask = size - 1;
        for (let s = 0; s < old.length; s += 2) {
            const c = old[s + 1];
            if (c === 0)
                continue;
            const h = old[s];
            let t = h & mask;
            while (slots[2 * t + 1] !== 0)
                t = (t + 1) & mask;
            slots[2 * t] = h;
            slots[2 * t + 1] = c;
        }
        this.slots = slots;
        this.mask = mask;
    }
    /**
     * UTF-8 of `value` into `scratch`; returns its length. A lone surrogate
     * (possible in JSON text, never in a valid UTF-8 file) is written in its
     * 3-byte generalized form so it stays distinct, and sets `exoticInput`.
     */
    encode(value) {
        const n = value.length;
        if (3 * n > this.scratch.length) {
            this.scratch = new Uint8Array(Math.max(3 * n, 2 * this.scratch.length));
            this.scratchView = viewOf$1(this.scratch);
        }
        const out = this.scratch;
        let k = 0;
        this.exoticInput = false;
        for (let i = 0; i < n; i++) {
            let c = value.charCodeAt(i);
            if (c < 0x80) {
                out[k++] = c;
            }
            else if (c < 0x800) {
                out[k++] = 0xc0 | (c >> 6);
                out[k++] = 0x80 | (c & 0x3f);
            }
            else {
                if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
                    const d = value.charCodeAt(i + 1);
                    if (d >= 0xdc00 && d <= 0xdfff) {
                        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
                        i++;
                        out[k++] = 0xf0 | (c >> 18);
                        out[k++] = 0x80 | ((c >> 12) & 0x3f);
                        out[k++] = 0x80 | ((c >> 6) & 0x3f);
                        out[k++] = 0x80 | (c & 0x3f);
                        continue;
                    }
                }
                if (c >= 0xd800 && c <= 0xdfff)
                    this.exoticInput = true;
                out[k++] = 0xe0 | (c >> 12);
                out[k++] = 0x80 | ((c >> 6) & 0x3f);
                out[k++] = 0x80 | (c & 0x3f);
            }
        }
        return k;
    }
}
/**
 * Hash of view[start, start + len): 4 bytes per step (murmur3's mix), so a
 * 12-byte id costs 3 multiplies, not 12 as with byte-wise FNV-1a: reading
 * the 94 MB benchmark file went from 1.25 - 1.45 to 1.17 - 1.25 CPU s
 * (src/formats/README.md). Exported for tests (to find colliding ids).
 */
function hash(view, start, len) {
    let h = len;
    const end4 = start + (len & -4);
    let i = start;
    for (; i < end4; i += 4) {
        let k = Math.imul(view.getInt32(i, true), 0xcc9e2d51);
        k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
        h ^= k;
        h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
    }
    let k = 0;
    for (let shift = 0; i < start + len; i++, shift += 8)
        k |= view.getUint8(i) << shift;
    h ^= Math.imul(Math.imul(k, 0xcc9e2d51), 0x1b873593);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    return h;
}
/** a[as, as + len) equals b[bs, bs + len), compared 4 bytes at a time. */
function same(a, as, b, bs, len) {
    let i = 0;
    for (; i + 4 <= len; i += 4)
        if (a.getInt32(as + i, true) !== b.getInt32(bs + i, true))
            return false;
    for (; i < len; i++)
        if (a.getUint8(as + i) !== b.getUint8(bs + i))
            return false;
    return true;
}
function viewOf$1(bytes) {
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
/** Slots for `distinct` values at load factor at most 1/2: a power of two. */
function tableSize(distinct) {
    let size = 16;
    while (size < 2 * distinct)
        size *= 2;
    return size;
}

/** Grows typed arrays by doubling; `finish()` returns trimmed views. */
class AnnotationTableBuilder {
    items;
    annotators;
    labels;
    files = [];
    n = 0;
    capacity;
    item;
    annotator;
    label;
    file;
    line;
    /** Names of the extra columns, in order, and their interners and codes. */
    extraNames;
    extraValues;
    extra;
    /**
     * `items` may be shared with the reference labels so both use one code
     * space. `extras` names extra columns to keep (distinct names; lineage
     * fields), each interned on its own.
     */
    constructor(items = new Interner(), capacity = 1024, extras = [], 
    /**
     * Annotator and label interners shared with another version of the same
     * dataset: base and head then have one code space, so the diff matches
     * codes without decoding or hashing a single id string.
     */
    shared = {}) {
        this.items = items;
        this.annotators = shared.annotators ?? new Interner();
        this.labels = shared.labels ?? new Interner();
        this.capacity = capacity;
        this.item = new Int32Array(capacity);
        this.annotator = new Int32Array(capacity);
        this.label = new Int32Array(capacity);
        this.file = new Int32Array(capacity);
        this.line = new Int32Array(capacity);
        if (new Set(extras).size !== extras.length) {
            throw new Error('AnnotationTableBuilder: extra column names repeat');
        }
        this.extraNames = [...extras];
        this.extraValues = extras.map(() => new Interner());
        this.extra = extras.map(() => new Int32Array(capacity));
    }
    addFile(path) {
        this.files.push(path);
        return this.files.length - 1;
    }
    /** `extras`: the extra columns' texts in `extraNames` order ('' when absent). */
    add(item, annotator, label, file, line, extras = []) {
        this.addCodes(this.items.intern(item), this.annotators.intern(annotator), this.labels.intern(label), file, line);
        this.extraValues.forEach((values, k) => this.setExtra(k, values.intern(extras[k] ?? '')));
    }
    addCodes(item, annotator, label, file, line) {
        if (this.n === this.capacity)
            this.grow();
        const r = this.n++;
        this.item[r] = item;
        this.annotator[r] = annotator;
        this.label[r] = label;
        // Columns start zeroed: leaving file 0 unwritten keeps a one-file
        // dataset's column untouched, so its pages are never faulted in (~4 ms
        // per MB on the CI-sized machine; 12 MB for 3M rows).
        if (file !== 0)
            this.file[r] = file;
        this.line[r] = line;
    }
    /**
     * Sets extra column `k` of the row added last (codes from
     * `extraValues[k]`). A row whose extra is never set holds code 0: set
     * every extra of every row when there are extras.
     */
    setExtra(k, code) {
        this.extra[k][this.n - 1] = code;
    }
    /** Makes room for `rows` more rows at once (a reader's estimate), so a big file is not copied by doubling. */
    reserve(rows) {
        if (this.n + rows <= this.capacity)
            return;
        this.capacity = this.n + rows;
        const grow = (a) => {
            const b = new Int32Array(this.capacity);
            b.set(a.subarray(0, this.n));
            return b;
        };
        this.item = grow(this.item);
        this.annotator = grow(this.annotator);
        this.label = grow(this.label);
        this.file = grow(this.file);
        this.line = grow(this.line);
        this.extra = this.extra.map(grow);
    }
    get size() {
        return this.n;
    }
    finish() {
        const n = this.n;
        return {
            size: n,
            item: this.item.subarray(0, n),
            annotator: this.annotator.subarray(0, n),
            label: this.label.subarray(0, n),
            file: this.file.subarray(0, n),
            line: this.line.subarray(0, n),
            items: this.items,
            annotators: this.annotators,
            labels: this.labels,
            files: this.files,
            extras: new Map(this.extraNames.map((name, k) => [
                name,
                { code: this.extra[k].subarray(0, n), values: this.extraValues[k] }
            ]))
        };
    }
    grow() {
        this.capacity *= 2;
        const grow = (a) => {
            const b = new Int32Array(this.capacity);
            b.set(a);
            return b;
        };
        this.item = grow(this.item);
        this.annotator = grow(this.annotator);
        this.label = grow(this.label);
        this.file = grow(this.file);
        this.line = grow(this.line);
        this.extra = this.extra.map(grow);
    }
}

// Why a raw label text is not a rating (negative codes in the per-label map).
const EMPTY = -1;
const NOT_A_NUMBER = -2;
const NEGATIVE = -3;
const NOT_A_CATEGORY = -4;
// Row status in the annotation table.
const KEEP = 0;
const INVALID = 1;
const IDENTICAL = 2;
const CONFLICT = 3;
/** Plain decimal numbers, optionally signed, with an exponent; no hex, no Infinity. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * The label schema as a map from label text to a value id. Declared
 * categories are the values (in declared order); otherwise values are the
 * distinct labels, by text or, for interval and ratio, by number, so that "1"
 * and "1.0" are the same rating.
 */
class ValueSpace {
    level;
    categories;
    migrated;
    numeric;
    declared;
    /** Value id -> canonical text and (numeric levels) number. */
    texts = [];
    numbers = [];
    ids = new Map();
    /** Value ids at or above this are valid in reference labels only. */
    referenceFrom;
    constructor(level, categories, referenceOnly = [], migrated) {
        this.level = level;
        this.categories = categories;
        this.migrated = migrated;
        this.numeric = isNumericLevel(level);
        this.declared = categories !== undefined;
        for (const c of categories ?? [])
            this.value(c);
        // Undeclared values are added as they are met, all valid everywhere.
        this.referenceFrom = this.declared ? this.texts.length : Infinity;
        if (this.declared) {
            for (const c of referenceOnly) {
                if (!this.ids.has(this.key(c)))
                    this.value(c);
            }
        }
    }
    /**
     * Value id of every label text of an interner, or a negative reason code.
     * `reference`: the reference labels, which may also take the
     * reference-only categories.
     */
    classify(labels, renames, reference = false) {
        const out = new Int32Array(labels.size);
        labels.values.forEach((text, code) => {
            const id = this.classifyText(renames?.get(text) ?? text);
            out[code] = !reference && id >= this.referenceFrom ? NOT_A_CATEGORY : id;
        });
        return out;
    }
    classifyText(text) {
        if (text === '')
            return EMPTY;
        if (this.numeric) {
            const trimmed = text.trim();
            if (!NUMBER.test(trimmed))
                return NOT_A_NUMBER;
            if (this.level === 'ratio' && Number(trimmed) < 0)
                return NEGATIVE;
        }
        const id = this.ids.get(this.key(text));
        if (id !== undefined)
            return id;
        return this.declared ? NOT_A_CATEGORY : this.value(text);
    }
    key(text) {
        return this.numeric ? Number(text.trim()) : text;
    }
    value(text) {
        const key = this.key(text);
        const id = this.texts.length;
        this.ids.set(key, id);
        this.numbers.push(this.numeric ? key : NaN);
        // Undeclared numeric categories are named by their canonical number.
        this.texts.push(this.numeric && !this.declared ? String(key) : text);
        return id;
    }
    /**
     * Category index of each value id: declared order, or the used values
     * sorted (numerically for interval/ratio) so record order never matters.
     */
    categoryIndex(used) {
        const index = new Int32Array(this.texts.length).fill(-1);
        let ids;
        if (this.declared) {
            ids = this.texts.map((_, id) => id);
        }
        else {
            ids = [];
            for (let id = 0; id < this.texts.length; id++)
                if (used[id])
                    ids.push(id);
            ids.sort(this.numeric
                ? (a, b) => this.numbers[a] - this.numbers[b]
                : (a, b) => {
                    const x = this.texts[a];
                    const y = this.texts[b];
                    return x < y ? -1 : x > y ? 1 : 0;
                });
        }
        ids.forEach((id, i) => (index[id] = i));
        return {
            index,
            categories: ids.map((id) => this.texts[id]),
            values: this.numeric
                ? Float64Array.from(ids, (id) => this.numbers[id])
                : null
        };
    }
    /** The problem message for a label text that is not a rating. */
    reason(code, text) {
        switch (code) {
            case EMPTY:
                return { kind: 'empty labels', message: 'label is empty' };
            case NOT_A_NUMBER:
                return {
                    kind: 'non-numeric labels',
                    message: `label '${text}' is not a number (level ${this.level})`
                };
            case NEGATIVE:
                return {
                    kind: 'negative labels',
                    message: `label '${text}' is negative; ratio labels are 0 or more`
                };
            default: {
                const migrated = this.migrated?.get(text);
                if (migrated !== undefined) {
                    return {
                        kind: 'labels a migration renamed or removed',
                        message: `label '${text}' ${migrated}`
                    };
                }
                return {
                    kind: 'labels outside the categories',
                    message: `label '${text}' is not a category` +
                        // A "did you mean" between numbers would only be noise.
                        (this.numeric ? '' : didYouMean(text, this.categories ?? []))
                };
            }
        }
    }
}
/**
 * Checks an annotation table (and its reference labels) against the label
 * schema and resolves duplicates, giving the metrics' input and the data
 * problems found. Linear in the number of records: labels are classified once
 * per distinct text, duplicates are found per item after a counting sort.
 * The reference table must share the annotation table's item interner.
 */
function buildRatings(table, dataset, reference) {
    if (reference !== undefined && reference.items !== table.items) {
        throw new Error('buildRatings: the reference must share the item interner');
    }
    const space = new ValueSpace(dataset.level, dataset.categories, dataset.referenceOnly, dataset.migrated);
    const log = new ProblemLog();
    const nItems = table.items.size;
    const annotationValue = space.classify(table.labels, dataset.renames);
    const referenceValue = reference &&
        space.classify(reference.labels, dataset.referenceRenames, true);
    const used = new Uint8Array(space.texts.length);
    const { status, duplicateOf } = resolveAnnotations(table, annotationValue, nItems);
    let kept = 0;
    for (let r = 0; r < table.size; r++) {
        if (status[r] === KEEP) {
            kept++;
            used[annotationValue[table.label[r]]] = 1;
        }
    }
    reportAnnotations(table, annotationValue, status, duplicateOf, space, log);
    let referenceRow;
    if (reference !== undefined && referenceValue !== undefined) {
        referenceRow = resolveReference(reference, referenceValue, nItems, space, log);
        for (let i = 0; i < nItems; i++) {
            const r = referenceRow[i];
            if (r >= 0)
                used[referenceValue[reference.label[r]]] = 1;
        }
    }
    const { index, categories, values } = space.categoryIndex(used);
    // When every row is kept (the usual case), the item and annotator codes
    // are the table's own arrays: no copy. Fresh memory costs ~4 ms per MB in
    // page faults on the CI-sized machine (README.md), 0.1 s for 3M rows.
    const all = kept === table.size;
    const item = all ? table.item : new Int32Array(kept);
    const annotator = all ? table.annotator : new Int32Array(kept);
    const category = new Int32Array(kept);
    const labelCategory = Int32Array.from(annotationValue, (v) => v < 0 ? -1 : index[v]);
    const label = table.label;
    // The table row of each rating: made on first use when every row is kept
    // (the identity; most runs never ask), filled with the copy otherwise.
    let row = all ? null : new Int32Array(kept);
    if (all) {
        for (let r = 0; r < kept; r++)
            category[r] = labelCategory[label[r]];
    }
    else {
        for (let r = 0, k = 0; r < table.size; r++) {
            if (status[r] !== KEEP)
                continue;
            item[k] = table.item[r];
            annotator[k] = table.annotator[r];
            category[k] = labelCategory[label[r]];
            row[k] = r;
            k++;
        }
    }
    let labels = null;
    if (reference !== undefined) {
        const ref = new Int32Array(nItems).fill(-1);
        let size = 0;
        for (let i = 0; i < nItems; i++) {
            const r = referenceRow[i];
            if (r < 0)
                continue;
            ref[i] = index[referenceValue[reference.label[r]]];
            size++;
        }
        labels = { category: ref, size };
    }
    return {
        ratings: {
            level: dataset.level,
            nItems,
            nAnnotators: table.annotators.size,
            categories,
            declared: space.declared,
            values,
            item,
            annotator,
            category,
            get row() {
                if (row === null) {
                    row = new Int32Array(kept);
                    for (let r = 0; r < kept; r++)
                        row[r] = r;
                }
                return row;
            },
            // Getters: decoding 10^6 item ids costs ~0.1 s and most runs
            // never name an item (only the diff and problem messages do).
            itemSpace: table.items,
            annotatorSpace: table.annotators,
            get itemIds() {
                return table.items.values;
            },
            get annotatorIds() {
                return table.annotators.values;
            }
        },
        reference: labels,
        problems: log.finish()
    };
}
/**
 * Marks each row KEEP, INVALID or a duplicate of an earlier valid row of the
 * same (item, annotator). Rows are bucketed by item with a stable counting
 * sort, then an annotator stamp per item finds repeats: O(rows + items).
 */
function resolveAnnotations(table, value, nItems) {
    const n = table.size;
    const item = table.item;
    const annotator = table.annotator;
    const label = table.label;
    const status = new Uint8Array(n);
    const duplicateOf = new Int32Array(n);
    const nAnnotators = table.annotators.size;
    const stamp = new Int32Array(nAnnotators).fill(-1);
    const first = new Int32Array(nAnnotators);
    // Item codes are given in order of first appearance, so a file grouped by
    // item (the usual layout) has non-decreasing codes: then each item's rows
    // are already together and the counting sort below is skipped (it measured
    // about half of this function on 3M rows, from scattered writes).
    let grouped = true;
    for (let r = 0, previous = -1; r < n; r++) {
        if (value[label[r]] < 0) {
            status[r] = INVALID;
            continue;
        }
        const i = item[r];
        if (i < previous)
            grouped = false;
        previous = i;
    }
    const mark = (r, i) => {
        const a = annotator[r];
        if (stamp[a] !== i) {
            stamp[a] = i;
            first[a] = r;
            return;
        }
        const f = first[a];
        duplicateOf[r] = f;
        status[r] = value[label[r]] === value[label[f]] ? IDENTICAL : CONFLICT;
    };
    if (grouped) {
        for (let r = 0; r < n; r++)
            if (status[r] === KEEP)
                mark(r, item[r]);
        return { status, duplicateOf };
    }
    const start = new Int32Array(nItems + 1);
    for (let r = 0; r < n; r++)
        if (status[r] === KEEP)
            start[item[r] + 1]++;
    for (let i = 0; i < nItems; i++)
        start[i + 1] += start[i];
    const order = new Int32Array(start[nItems]);
    const fill = start.slice(0, nItems);
    for (let r = 0; r < n; r++) {
        if (status[r] === KEEP)
            order[fill[item[r]]++] = r;
    }
    for (let i = 0; i < nItems; i++) {
        for (let k = start[i]; k < start[i + 1]; k++)
            mark(order[k], i);
    }
    return { status, duplicateOf };
}
/** `data/a.csv:12`, or `line 12` when in the same file as `here`. */
function place(files, file, line, here) {
    return here === file ? `line ${line}` : `${files[file]}:${line}`;
}
function reportAnnotations(table, value, status, duplicateOf, space, log) {
    const labels = table.labels.values;
    const reasons = new Map();
    for (let r = 0; r < table.size; r++) {
        const s = status[r];
        if (s === KEEP)
            continue;
        const file = table.files[table.file[r]];
        const line = table.line[r];
        const labelCode = table.label[r];
        if (s === INVALID) {
            let reason = reasons.get(labelCode);
            if (reason === undefined) {
                reason = space.reason(value[labelCode], labels[labelCode]);
                reasons.set(labelCode, reason);
            }
            log.add(reason.kind, {
                severity: 'error',
                file,
                line,
                field: 'label',
                message: reason.message
            });
            continue;
        }
        const f = duplicateOf[r];
        const item = table.items.value(table.item[r]);
        const annotator = table.annotators.value(table.annotator[r]);
        if (s === IDENTICAL) {
            log.add('identical duplicates', {
                severity: 'warning',
                file,
                line,
                message: `duplicate of ${place(table.files, table.file[f], table.line[f], table.file[r])} (item '${item}', annotator '${annotator}', label '${labels[labelCode]}')`
            });
        }
        else {
            log.add('conflicting duplicates', {
                severity: 'error',
                file,
                line,
                field: 'label',
                message: `conflicting labels for item '${item}' by annotator '${annotator}': '${labels[table.label[f]]}' at ${place(table.files, table.file[f], table.line[f])} and '${labels[labelCode]}' at ${place(table.files, table.file[r], line)}`
            });
        }
    }
}
/** Checks reference rows; returns, per item code, the kept row or -1. */
function resolveReference(reference, value, nItems, space, log) {
    const kept = new Int32Array(nItems).fill(-1);
    const labels = reference.labels.values;
    for (let r = 0; r < reference.size; r++) {
        const file = reference.files[reference.file[r]];
        const line = reference.line[r];
        const labelCode = reference.label[r];
        const v = value[labelCode];
        if (v < 0) {
            const reason = space.reason(v, labels[labelCode]);
            log.add(`reference ${reason.kind}`, {
                severity: 'error',
                file,
                line,
                field: 'label',
                message: reason.message
            });
            continue;
        }
        const i = reference.item[r];
        const f = kept[i];
        if (f < 0) {
            kept[i] = r;
            continue;
        }
        const item = reference.items.value(i);
        if (value[reference.label[f]] === v) {
            log.add('identical reference duplicates', {
                severity: 'warning',
                file,
                line,
                message: `duplicate of ${place(reference.files, reference.file[f], reference.line[f], reference.file[r])} (item '${item}', label '${labels[labelCode]}')`
            });
        }
        else {
            log.add('conflicting reference duplicates', {
                severity: 'error',
                file,
                line,
                field: 'label',
                message: `conflicting reference labels for item '${item}': '${labels[reference.label[f]]}' at ${place(reference.files, reference.file[f], reference.line[f])} and '${labels[labelCode]}' at ${place(reference.files, reference.file[r], line)}`
            });
        }
    }
    return kept;
}

/**
 * Adds every reference (gold) record of one file to `builder` and appends this
 * file's data problems to `problems`. Throws a UserError when the file cannot
 * be read.
 */
function readReferenceFile(bytes, file, format, fields, builder, problems) {
    if (!REFERENCE_FORMATS.includes(format)) {
        throw new UserError(`reference labels cannot be read in format ${format} (use one of ${REFERENCE_FORMATS.join(', ')})`, { file, field: 'reference.format' });
    }
    const log = new ProblemLog();
    const fileCode = builder.addFile(file);
    readRecords(bytes, file, format, [
        {
            role: 'item',
            name: fields.item,
            configKey: 'reference.fields.item',
            interner: builder.items,
            required: true
        },
        {
            role: 'label',
            name: fields.label,
            configKey: 'reference.fields.label',
            interner: builder.labels,
            required: false
        }
    ], 'reference records', (codes, line) => builder.addCodes(codes[0], codes[1], fileCode, line), log);
    problems.push(...log.finish());
}

/** Grows typed arrays by doubling; `finish()` returns trimmed views. */
class ReferenceTableBuilder {
    items;
    labels = new Interner();
    files = [];
    n = 0;
    item;
    label;
    file;
    line;
    /** Pass the annotations' item interner so both tables use one code space. */
    constructor(items = new Interner(), capacity = 1024) {
        this.items = items;
        this.item = new Int32Array(capacity);
        this.label = new Int32Array(capacity);
        this.file = new Int32Array(capacity);
        this.line = new Int32Array(capacity);
    }
    addFile(path) {
        this.files.push(path);
        return this.files.length - 1;
    }
    add(item, label, file, line) {
        this.addCodes(this.items.intern(item), this.labels.intern(label), file, line);
    }
    addCodes(item, label, file, line) {
        if (this.n === this.item.length)
            this.grow();
        const r = this.n++;
        this.item[r] = item;
        this.label[r] = label;
        this.file[r] = file;
        this.line[r] = line;
    }
    get size() {
        return this.n;
    }
    finish() {
        const n = this.n;
        return {
            size: n,
            item: this.item.subarray(0, n),
            label: this.label.subarray(0, n),
            file: this.file.subarray(0, n),
            line: this.line.subarray(0, n),
            items: this.items,
            labels: this.labels,
            files: this.files
        };
    }
    grow() {
        const grow = (a) => {
            const b = new Int32Array(a.length * 2);
            b.set(a);
            return b;
        };
        this.item = grow(this.item);
        this.label = grow(this.label);
        this.file = grow(this.file);
        this.line = grow(this.line);
    }
}

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

var utils = {};

var constants;
var hasRequiredConstants;

function requireConstants () {
	if (hasRequiredConstants) return constants;
	hasRequiredConstants = 1;

	const WIN_SLASH = '\\\\/';
	const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

	const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

	/**
	 * Posix glob regex
	 */

	const DOT_LITERAL = '\\.';
	const PLUS_LITERAL = '\\+';
	const QMARK_LITERAL = '\\?';
	const SLASH_LITERAL = '\\/';
	const ONE_CHAR = '(?=.)';
	const QMARK = '[^/]';
	const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
	const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
	const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
	const NO_DOT = `(?!${DOT_LITERAL})`;
	const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
	const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
	const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
	const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
	const STAR = `${QMARK}*?`;
	const SEP = '/';

	const POSIX_CHARS = {
	  DOT_LITERAL,
	  PLUS_LITERAL,
	  QMARK_LITERAL,
	  SLASH_LITERAL,
	  ONE_CHAR,
	  QMARK,
	  END_ANCHOR,
	  DOTS_SLASH,
	  NO_DOT,
	  NO_DOTS,
	  NO_DOT_SLASH,
	  NO_DOTS_SLASH,
	  QMARK_NO_DOT,
	  STAR,
	  START_ANCHOR,
	  SEP
	};

	/**
	 * Windows glob regex
	 */

	const WINDOWS_CHARS = {
	  ...POSIX_CHARS,

	  SLASH_LITERAL: `[${WIN_SLASH}]`,
	  QMARK: WIN_NO_SLASH,
	  STAR: `${WIN_NO_SLASH}*?`,
	  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
	  NO_DOT: `(?!${DOT_LITERAL})`,
	  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
	  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
	  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
	  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
	  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
	  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
	  SEP: '\\'
	};

	/**
	 * POSIX Bracket Regex
	 */

	const POSIX_REGEX_SOURCE = {
	  __proto__: null,
	  alnum: 'a-zA-Z0-9',
	  alpha: 'a-zA-Z',
	  ascii: '\\x00-\\x7F',
	  blank: ' \\t',
	  cntrl: '\\x00-\\x1F\\x7F',
	  digit: '0-9',
	  graph: '\\x21-\\x7E',
	  lower: 'a-z',
	  print: '\\x20-\\x7E ',
	  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
	  space: ' \\t\\r\\n\\v\\f',
	  upper: 'A-Z',
	  word: 'A-Za-z0-9_',
	  xdigit: 'A-Fa-f0-9'
	};

	constants = {
	  DEFAULT_MAX_EXTGLOB_RECURSION,
	  MAX_LENGTH: 1024 * 64,
	  POSIX_REGEX_SOURCE,

	  // regular expressions
	  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
	  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
	  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
	  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
	  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
	  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

	  // Replace globs with equivalent patterns to reduce parsing time.
	  REPLACEMENTS: {
	    __proto__: null,
	    '***': '*',
	    '**/**': '**',
	    '**/**/**': '**'
	  },

	  // Digits
	  CHAR_0: 48, /* 0 */
	  CHAR_9: 57, /* 9 */

	  // Alphabet chars.
	  CHAR_UPPERCASE_A: 65, /* A */
	  CHAR_LOWERCASE_A: 97, /* a */
	  CHAR_UPPERCASE_Z: 90, /* Z */
	  CHAR_LOWERCASE_Z: 122, /* z */

	  CHAR_LEFT_PARENTHESES: 40, /* ( */
	  CHAR_RIGHT_PARENTHESES: 41, /* ) */

	  CHAR_ASTERISK: 42, /* * */

	  // Non-alphabetic chars.
	  CHAR_AMPERSAND: 38, /* & */
	  CHAR_AT: 64, /* @ */
	  CHAR_BACKWARD_SLASH: 92, /* \ */
	  CHAR_CARRIAGE_RETURN: 13, /* \r */
	  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
	  CHAR_COLON: 58, /* : */
	  CHAR_COMMA: 44, /* , */
	  CHAR_DOT: 46, /* . */
	  CHAR_DOUBLE_QUOTE: 34, /* " */
	  CHAR_EQUAL: 61, /* = */
	  CHAR_EXCLAMATION_MARK: 33, /* ! */
	  CHAR_FORM_FEED: 12, /* \f */
	  CHAR_FORWARD_SLASH: 47, /* / */
	  CHAR_GRAVE_ACCENT: 96, /* ` */
	  CHAR_HASH: 35, /* # */
	  CHAR_HYPHEN_MINUS: 45, /* - */
	  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
	  CHAR_LEFT_CURLY_BRACE: 123, /* { */
	  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
	  CHAR_LINE_FEED: 10, /* \n */
	  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
	  CHAR_PERCENT: 37, /* % */
	  CHAR_PLUS: 43, /* + */
	  CHAR_QUESTION_MARK: 63, /* ? */
	  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
	  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
	  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
	  CHAR_SEMICOLON: 59, /* ; */
	  CHAR_SINGLE_QUOTE: 39, /* ' */
	  CHAR_SPACE: 32, /*   */
	  CHAR_TAB: 9, /* \t */
	  CHAR_UNDERSCORE: 95, /* _ */
	  CHAR_VERTICAL_LINE: 124, /* | */
	  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

	  /**
	   * Create EXTGLOB_CHARS
	   */

	  extglobChars(chars) {
	    return {
	      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
	      '?': { type: 'qmark', open: '(?:', close: ')?' },
	      '+': { type: 'plus', open: '(?:', close: ')+' },
	      '*': { type: 'star', open: '(?:', close: ')*' },
	      '@': { type: 'at', open: '(?:', close: ')' }
	    };
	  },

	  /**
	   * Create GLOB_CHARS
	   */

	  globChars(win32) {
	    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
	  }
	};
	return constants;
}

/*global navigator*/

var hasRequiredUtils;

function requireUtils () {
	if (hasRequiredUtils) return utils;
	hasRequiredUtils = 1;
	(function (exports) {

		const {
		  REGEX_BACKSLASH,
		  REGEX_REMOVE_BACKSLASH,
		  REGEX_SPECIAL_CHARS,
		  REGEX_SPECIAL_CHARS_GLOBAL
		} = /*@__PURE__*/ requireConstants();

		exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
		exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
		exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
		exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
		exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

		exports.isWindows = () => {
		  if (typeof navigator !== 'undefined' && navigator.platform) {
		    const platform = navigator.platform.toLowerCase();
		    return platform === 'win32' || platform === 'windows';
		  }

		  if (typeof process !== 'undefined' && process.platform) {
		    return process.platform === 'win32';
		  }

		  return false;
		};

		exports.removeBackslashes = str => {
		  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
		    return match === '\\' ? '' : match;
		  });
		};

		exports.escapeLast = (input, char, lastIdx) => {
		  const idx = input.lastIndexOf(char, lastIdx);
		  if (idx === -1) return input;
		  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
		  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
		};

		exports.removePrefix = (input, state = {}) => {
		  let output = input;
		  if (output.startsWith('./')) {
		    output = output.slice(2);
		    state.prefix = './';
		  }
		  return output;
		};

		exports.wrapOutput = (input, state = {}, options = {}) => {
		  const prepend = options.contains ? '' : '^';
		  const append = options.contains ? '' : '$';

		  let output = `${prepend}(?:${input})${append}`;
		  if (state.negated === true) {
		    output = `(?:^(?!${output}).*$)`;
		  }
		  return output;
		};

		exports.basename = (path, { windows } = {}) => {
		  const segs = path.split(windows ? /[\\/]/ : '/');
		  const last = segs[segs.length - 1];

		  if (last === '') {
		    return segs[segs.length - 2];
		  }

		  return last;
		}; 
	} (utils));
	return utils;
}

var scan_1;
var hasRequiredScan;

function requireScan () {
	if (hasRequiredScan) return scan_1;
	hasRequiredScan = 1;

	const utils = /*@__PURE__*/ requireUtils();
	const {
	  CHAR_ASTERISK,             /* * */
	  CHAR_AT,                   /* @ */
	  CHAR_BACKWARD_SLASH,       /* \ */
	  CHAR_COMMA,                /* , */
	  CHAR_DOT,                  /* . */
	  CHAR_EXCLAMATION_MARK,     /* ! */
	  CHAR_FORWARD_SLASH,        /* / */
	  CHAR_LEFT_CURLY_BRACE,     /* { */
	  CHAR_LEFT_PARENTHESES,     /* ( */
	  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
	  CHAR_PLUS,                 /* + */
	  CHAR_QUESTION_MARK,        /* ? */
	  CHAR_RIGHT_CURLY_BRACE,    /* } */
	  CHAR_RIGHT_PARENTHESES,    /* ) */
	  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
	} = /*@__PURE__*/ requireConstants();

	const isPathSeparator = code => {
	  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
	};

	const depth = token => {
	  if (token.isPrefix !== true) {
	    token.depth = token.isGlobstar ? Infinity : 1;
	  }
	};

	/**
	 * Quickly scans a glob pattern and returns an object with a handful of
	 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
	 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
	 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
	 *
	 * ```js
	 * const pm = require('picomatch');
	 * console.log(pm.scan('foo/bar/*.js'));
	 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
	 * ```
	 * @param {String} `str`
	 * @param {Object} `options`
	 * @return {Object} Returns an object with tokens and regex source string.
	 * @api public
	 */

	const scan = (input, options) => {
	  const opts = options || {};

	  const length = input.length - 1;
	  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
	  const slashes = [];
	  const tokens = [];
	  const parts = [];

	  let str = input;
	  let index = -1;
	  let start = 0;
	  let lastIndex = 0;
	  let isBrace = false;
	  let isBracket = false;
	  let isGlob = false;
	  let isExtglob = false;
	  let isGlobstar = false;
	  let braceEscaped = false;
	  let backslashes = false;
	  let negated = false;
	  let negatedExtglob = false;
	  let finished = false;
	  let braces = 0;
	  let prev;
	  let code;
	  let token = { value: '', depth: 0, isGlob: false };

	  const eos = () => index >= length;
	  const peek = () => str.charCodeAt(index + 1);
	  const advance = () => {
	    prev = code;
	    return str.charCodeAt(++index);
	  };

	  while (index < length) {
	    code = advance();
	    let next;

	    if (code === CHAR_BACKWARD_SLASH) {
	      backslashes = token.backslashes = true;
	      code = advance();

	      if (code === CHAR_LEFT_CURLY_BRACE) {
	        braceEscaped = true;
	      }
	      continue;
	    }

	    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
	      braces++;

	      while (eos() !== true && (code = advance())) {
	        if (code === CHAR_BACKWARD_SLASH) {
	          backslashes = token.backslashes = true;
	          advance();
	          continue;
	        }

	        if (code === CHAR_LEFT_CURLY_BRACE) {
	          braces++;
	          continue;
	        }

	        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
	          isBrace = token.isBrace = true;
	          isGlob = token.isGlob = true;
	          finished = true;

	          if (scanToEnd === true) {
	            continue;
	          }

	          break;
	        }

	        if (braceEscaped !== true && code === CHAR_COMMA) {
	          isBrace = token.isBrace = true;
	          isGlob = token.isGlob = true;
	          finished = true;

	          if (scanToEnd === true) {
	            continue;
	          }

	          break;
	        }

	        if (code === CHAR_RIGHT_CURLY_BRACE) {
	          braces--;

	          if (braces === 0) {
	            braceEscaped = false;
	            isBrace = token.isBrace = true;
	            finished = true;
	            break;
	          }
	        }
	      }

	      if (scanToEnd === true) {
	        continue;
	      }

	      break;
	    }

	    if (code === CHAR_FORWARD_SLASH) {
	      slashes.push(index);
	      tokens.push(token);
	      token = { value: '', depth: 0, isGlob: false };

	      if (finished === true) continue;
	      if (prev === CHAR_DOT && index === (start + 1)) {
	        start += 2;
	        continue;
	      }

	      lastIndex = index + 1;
	      continue;
	    }

	    if (opts.noext !== true) {
	      const isExtglobChar = code === CHAR_PLUS
	        || code === CHAR_AT
	        || code === CHAR_ASTERISK
	        || code === CHAR_QUESTION_MARK
	        || code === CHAR_EXCLAMATION_MARK;

	      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
	        isGlob = token.isGlob = true;
	        isExtglob = token.isExtglob = true;
	        finished = true;
	        if (code === CHAR_EXCLAMATION_MARK && index === start) {
	          negatedExtglob = true;
	        }

	        if (scanToEnd === true) {
	          let parens = 0;

	          while (eos() !== true && (code = advance())) {
	            if (code === CHAR_BACKWARD_SLASH) {
	              backslashes = token.backslashes = true;
	              advance();
	              continue;
	            }

	            if (code === CHAR_LEFT_PARENTHESES) {
	              parens++;
	              continue;
	            }

	            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
	              finished = true;
	              break;
	            }
	          }
	          continue;
	        }
	        break;
	      }
	    }

	    if (code === CHAR_ASTERISK) {
	      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
	      isGlob = token.isGlob = true;
	      finished = true;

	      if (scanToEnd === true) {
	        continue;
	      }
	      break;
	    }

	    if (code === CHAR_QUESTION_MARK) {
	      isGlob = token.isGlob = true;
	      finished = true;

	      if (scanToEnd === true) {
	        continue;
	      }
	      break;
	    }

	    if (code === CHAR_LEFT_SQUARE_BRACKET) {
	      while (eos() !== true && (next = advance())) {
	        if (next === CHAR_BACKWARD_SLASH) {
	          backslashes = token.backslashes = true;
	          advance();
	          continue;
	        }

	        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
	          isBracket = token.isBracket = true;
	          isGlob = token.isGlob = true;
	          finished = true;
	          break;
	        }
	      }

	      if (scanToEnd === true) {
	        continue;
	      }

	      break;
	    }

	    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
	      negated = token.negated = true;
	      start++;
	      continue;
	    }

	    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
	      isGlob = token.isGlob = true;

	      if (scanToEnd === true) {
	        let parens = 1;

	        while (eos() !== true && (code = advance())) {
	          if (code === CHAR_BACKWARD_SLASH) {
	            backslashes = token.backslashes = true;
	            advance();
	            continue;
	          }

	          if (code === CHAR_LEFT_PARENTHESES) {
	            parens++;
	            continue;
	          }

	          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
	            finished = true;
	            break;
	          }
	        }
	        continue;
	      }
	      break;
	    }

	    if (isGlob === true) {
	      finished = true;

	      if (scanToEnd === true) {
	        continue;
	      }

	      break;
	    }
	  }

	  if (opts.noext === true) {
	    isExtglob = false;
	    isGlob = false;
	  }

	  let base = str;
	  let prefix = '';
	  let glob = '';

	  if (start > 0) {
	    prefix = str.slice(0, start);
	    str = str.slice(start);
	    lastIndex -= start;
	  }

	  if (base && isGlob === true && lastIndex > 0) {
	    base = str.slice(0, lastIndex);
	    glob = str.slice(lastIndex);
	  } else if (isGlob === true) {
	    base = '';
	    glob = str;
	  } else {
	    base = str;
	  }

	  if (base && base !== '' && base !== '/' && base !== str) {
	    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
	      base = base.slice(0, -1);
	    }
	  }

	  if (opts.unescape === true) {
	    if (glob) glob = utils.removeBackslashes(glob);

	    if (base && backslashes === true) {
	      base = utils.removeBackslashes(base);
	    }
	  }

	  const state = {
	    prefix,
	    input,
	    start,
	    base,
	    glob,
	    isBrace,
	    isBracket,
	    isGlob,
	    isExtglob,
	    isGlobstar,
	    negated,
	    negatedExtglob
	  };

	  if (opts.tokens === true) {
	    state.maxDepth = 0;
	    if (!isPathSeparator(code)) {
	      tokens.push(token);
	    }
	    state.tokens = tokens;
	  }

	  if (opts.parts === true || opts.tokens === true) {
	    let prevIndex;

	    for (let idx = 0; idx < slashes.length; idx++) {
	      const n = prevIndex !== undefined ? prevIndex + 1 : start;
	      const i = slashes[idx];
	      const value = input.slice(n, i);
	      if (opts.tokens) {
	        if (idx === 0 && start !== 0) {
	          tokens[idx].isPrefix = true;
	          tokens[idx].value = prefix;
	        } else {
	          tokens[idx].value = value;
	        }
	        depth(tokens[idx]);
	        state.maxDepth += tokens[idx].depth;
	      }
	      if (i >= start) {
	        parts.push(value);
	        prevIndex = i;
	      }
	    }

	    const n = prevIndex !== undefined ? prevIndex + 1 : start;
	    const value = input.slice(n);
	    parts.push(value);

	    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
	      tokens[tokens.length - 1].value = value;
	      depth(tokens[tokens.length - 1]);
	      state.maxDepth += tokens[tokens.length - 1].depth;
	    }

	    state.slashes = slashes;
	    state.parts = parts;
	  }

	  return state;
	};

	scan_1 = scan;
	return scan_1;
}

var parse_1;
var hasRequiredParse;

function requireParse () {
	if (hasRequiredParse) return parse_1;
	hasRequiredParse = 1;

	const constants = /*@__PURE__*/ requireConstants();
	const utils = /*@__PURE__*/ requireUtils();

	/**
	 * Constants
	 */

	const {
	  MAX_LENGTH,
	  POSIX_REGEX_SOURCE,
	  REGEX_NON_SPECIAL_CHARS,
	  REGEX_SPECIAL_CHARS_BACKREF,
	  REPLACEMENTS
	} = constants;

	/**
	 * Helpers
	 */

	const expandRange = (args, options) => {
	  if (typeof options.expandRange === 'function') {
	    return options.expandRange(...args, options);
	  }

	  args.sort();
	  const value = `[${args.join('-')}]`;

	  try {
	    /* eslint-disable-next-line no-new */
	    new RegExp(value);
	  } catch (ex) {
	    return args.map(v => utils.escapeRegex(v)).join('..');
	  }

	  return value;
	};

	/**
	 * Create the message for a syntax error
	 */

	const syntaxError = (type, char) => {
	  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
	};

	const splitTopLevel = input => {
	  const parts = [];
	  let bracket = 0;
	  let paren = 0;
	  let quote = 0;
	  let value = '';
	  let escaped = false;

	  for (const ch of input) {
	    if (escaped === true) {
	      value += ch;
	      escaped = false;
	      continue;
	    }

	    if (ch === '\\') {
	      value += ch;
	      escaped = true;
	      continue;
	    }

	    if (ch === '"') {
	      quote = quote === 1 ? 0 : 1;
	      value += ch;
	      continue;
	    }

	    if (quote === 0) {
	      if (ch === '[') {
	        bracket++;
	      } else if (ch === ']' && bracket > 0) {
	        bracket--;
	      } else if (bracket === 0) {
	        if (ch === '(') {
	          paren++;
	        } else if (ch === ')' && paren > 0) {
	          paren--;
	        } else if (ch === '|' && paren === 0) {
	          parts.push(value);
	          value = '';
	          continue;
	        }
	      }
	    }

	    value += ch;
	  }

	  parts.push(value);
	  return parts;
	};

	const isPlainBranch = branch => {
	  let escaped = false;

	  for (const ch of branch) {
	    if (escaped === true) {
	      escaped = false;
	      continue;
	    }

	    if (ch === '\\') {
	      escaped = true;
	      continue;
	    }

	    if (/[?*+@!()[\]{}]/.test(ch)) {
	      return false;
	    }
	  }

	  return true;
	};

	const normalizeSimpleBranch = branch => {
	  let value = branch.trim();
	  let changed = true;

	  while (changed === true) {
	    changed = false;

	    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
	      value = value.slice(2, -1);
	      changed = true;
	    }
	  }

	  if (!isPlainBranch(value)) {
	    return;
	  }

	  return value.replace(/\\(.)/g, '$1');
	};

	const hasRepeatedCharPrefixOverlap = branches => {
	  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

	  for (let i = 0; i < values.length; i++) {
	    for (let j = i + 1; j < values.length; j++) {
	      const a = values[i];
	      const b = values[j];
	      const char = a[0];

	      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
	        continue;
	      }

	      if (a === b || a.startsWith(b) || b.startsWith(a)) {
	        return true;
	      }
	    }
	  }

	  return false;
	};

	const parseRepeatedExtglob = (pattern, requireEnd = true) => {
	  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
	    return;
	  }

	  let bracket = 0;
	  let paren = 0;
	  let quote = 0;
	  let escaped = false;

	  for (let i = 1; i < pattern.length; i++) {
	    const ch = pattern[i];

	    if (escaped === true) {
	      escaped = false;
	      continue;
	    }

	    if (ch === '\\') {
	      escaped = true;
	      continue;
	    }

	    if (ch === '"') {
	      quote = quote === 1 ? 0 : 1;
	      continue;
	    }

	    if (quote === 1) {
	      continue;
	    }

	    if (ch === '[') {
	      bracket++;
	      continue;
	    }

	    if (ch === ']' && bracket > 0) {
	      bracket--;
	      continue;
	    }

	    if (bracket > 0) {
	      continue;
	    }

	    if (ch === '(') {
	      paren++;
	      continue;
	    }

	    if (ch === ')') {
	      paren--;

	      if (paren === 0) {
	        if (requireEnd === true && i !== pattern.length - 1) {
	          return;
	        }

	        return {
	          type: pattern[0],
	          body: pattern.slice(2, i),
	          end: i
	        };
	      }
	    }
	  }
	};

	const buildCharClassStar = chars => {
	  const source = chars.length === 1
	    ? utils.escapeRegex(chars[0])
	    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

	  return `${source}*`;
	};

	const getStarExtglobSequenceChars = pattern => {
	  let index = 0;
	  const chars = [];

	  while (index < pattern.length) {
	    const match = parseRepeatedExtglob(pattern.slice(index), false);

	    if (!match || match.type !== '*') {
	      return;
	    }

	    const branches = splitTopLevel(match.body).map(branch => branch.trim());
	    if (branches.length !== 1) {
	      return;
	    }

	    const branch = normalizeSimpleBranch(branches[0]);
	    if (!branch || branch.length !== 1) {
	      return;
	    }

	    chars.push(branch);
	    index += match.end + 1;
	  }

	  if (chars.length < 1) {
	    return;
	  }

	  return chars;
	};

	const repeatedExtglobRecursion = pattern => {
	  let depth = 0;
	  let value = pattern.trim();
	  let match = parseRepeatedExtglob(value);

	  while (match) {
	    depth++;
	    value = match.body.trim();
	    match = parseRepeatedExtglob(value);
	  }

	  return depth;
	};

	const analyzeRepeatedExtglob = (body, options) => {
	  if (options.maxExtglobRecursion === false) {
	    return { risky: false };
	  }

	  const max =
	    typeof options.maxExtglobRecursion === 'number'
	      ? options.maxExtglobRecursion
	      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

	  const branches = splitTopLevel(body).map(branch => branch.trim());

	  if (branches.length > 1) {
	    if (
	      branches.some(branch => branch === '') ||
	      branches.some(branch => /^[*?]+$/.test(branch)) ||
	      hasRepeatedCharPrefixOverlap(branches)
	    ) {
	      return { risky: true };
	    }
	  }

	  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
	  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
	  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
	  // characters we can emit one flat, ReDoS-safe character class that preserves the
	  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
	  // every branch but the first.
	  const safeChars = [];
	  let sawStarSequence = false;
	  let combinable = true;

	  for (const branch of branches) {
	    const chars = getStarExtglobSequenceChars(branch);
	    if (chars) {
	      sawStarSequence = true;
	      safeChars.push(...chars);
	      continue;
	    }

	    const literal = normalizeSimpleBranch(branch);
	    if (literal && literal.length === 1) {
	      safeChars.push(literal);
	      continue;
	    }

	    combinable = false;

	    if (repeatedExtglobRecursion(branch) > max) {
	      return { risky: true };
	    }
	  }

	  if (sawStarSequence) {
	    return combinable
	      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
	      : { risky: true };
	  }

	  return { risky: false };
	};

	/**
	 * Parse the given input string.
	 * @param {String} input
	 * @param {Object} options
	 * @return {Object}
	 */

	const parse = (input, options) => {
	  if (typeof input !== 'string') {
	    throw new TypeError('Expected a string');
	  }

	  input = REPLACEMENTS[input] || input;

	  const opts = { ...options };
	  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

	  let len = input.length;
	  if (len > max) {
	    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
	  }

	  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
	  const tokens = [bos];

	  const capture = opts.capture ? '' : '?:';

	  // create constants based on platform, for windows or posix
	  const PLATFORM_CHARS = constants.globChars(opts.windows);
	  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

	  const {
	    DOT_LITERAL,
	    PLUS_LITERAL,
	    SLASH_LITERAL,
	    ONE_CHAR,
	    DOTS_SLASH,
	    NO_DOT,
	    NO_DOT_SLASH,
	    NO_DOTS_SLASH,
	    QMARK,
	    QMARK_NO_DOT,
	    STAR,
	    START_ANCHOR
	  } = PLATFORM_CHARS;

	  const globstar = opts => {
	    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
	  };

	  const nodot = opts.dot ? '' : NO_DOT;
	  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
	  let star = opts.bash === true ? globstar(opts) : STAR;

	  if (opts.capture) {
	    star = `(${star})`;
	  }

	  // minimatch options support
	  if (typeof opts.noext === 'boolean') {
	    opts.noextglob = opts.noext;
	  }

	  const state = {
	    input,
	    index: -1,
	    start: 0,
	    dot: opts.dot === true,
	    consumed: '',
	    output: '',
	    prefix: '',
	    backtrack: false,
	    negated: false,
	    brackets: 0,
	    braces: 0,
	    parens: 0,
	    quotes: 0,
	    globstar: false,
	    tokens
	  };

	  input = utils.removePrefix(input, state);
	  len = input.length;

	  const extglobs = [];
	  const braces = [];
	  const stack = [];
	  let prev = bos;
	  let value;

	  /**
	   * Tokenizing helpers
	   */

	  const eos = () => state.index === len - 1;
	  const peek = state.peek = (n = 1) => input[state.index + n];
	  const advance = state.advance = () => input[++state.index] || '';
	  const remaining = () => input.slice(state.index + 1);
	  const consume = (value = '', num = 0) => {
	    state.consumed += value;
	    state.index += num;
	  };

	  const append = token => {
	    state.output += token.output != null ? token.output : token.value;
	    consume(token.value);
	  };

	  const negate = () => {
	    let count = 1;

	    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
	      advance();
	      state.start++;
	      count++;
	    }

	    if (count % 2 === 0) {
	      return false;
	    }

	    state.negated = true;
	    state.start++;
	    return true;
	  };

	  const increment = type => {
	    state[type]++;
	    stack.push(type);
	  };

	  const decrement = type => {
	    state[type]--;
	    stack.pop();
	  };

	  /**
	   * Push tokens onto the tokens array. This helper speeds up
	   * tokenizing by 1) helping us avoid backtracking as much as possible,
	   * and 2) helping us avoid creating extra tokens when consecutive
	   * characters are plain text. This improves performance and simplifies
	   * lookbehinds.
	   */

	  const push = tok => {
	    if (prev.type === 'globstar') {
	      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
	      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

	      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
	        state.output = state.output.slice(0, -prev.output.length);
	        prev.type = 'star';
	        prev.value = '*';
	        prev.output = star;
	        state.output += prev.output;
	      }
	    }

	    if (extglobs.length && tok.type !== 'paren') {
	      extglobs[extglobs.length - 1].inner += tok.value;
	    }

	    if (tok.value || tok.output) append(tok);
	    if (prev && prev.type === 'text' && tok.type === 'text') {
	      prev.output = (prev.output || prev.value) + tok.value;
	      prev.value += tok.value;
	      return;
	    }

	    tok.prev = prev;
	    tokens.push(tok);
	    prev = tok;
	  };

	  const extglobOpen = (type, value) => {
	    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

	    token.prev = prev;
	    token.parens = state.parens;
	    token.output = state.output;
	    token.startIndex = state.index;
	    token.tokensIndex = tokens.length;
	    const output = (opts.capture ? '(' : '') + token.open;

	    increment('parens');
	    push({ type, value, output: state.output ? '' : ONE_CHAR });
	    push({ type: 'paren', extglob: true, value: advance(), output });
	    extglobs.push(token);
	  };

	  const extglobClose = token => {
	    const literal = input.slice(token.startIndex, state.index + 1);
	    const body = input.slice(token.startIndex + 2, state.index);
	    const analysis = analyzeRepeatedExtglob(body, opts);

	    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
	      const safeOutput = analysis.safeOutput
	        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
	        : undefined;
	      const open = tokens[token.tokensIndex];

	      open.type = 'text';
	      open.value = literal;
	      open.output = safeOutput || utils.escapeRegex(literal);

	      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
	        tokens[i].value = '';
	        tokens[i].output = '';
	        delete tokens[i].suffix;
	      }

	      state.output = token.output + open.output;
	      state.backtrack = true;

	      push({ type: 'paren', extglob: true, value, output: '' });
	      decrement('parens');
	      return;
	    }

	    let output = token.close + (opts.capture ? ')' : '');
	    let rest;

	    if (token.type === 'negate') {
	      let extglobStar = star;

	      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
	        extglobStar = globstar(opts);
	      }

	      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
	        output = token.close = `)$))${extglobStar}`;
	      }

	      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
	        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
	        // In this case, we need to parse the string and use it in the output of the original pattern.
	        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
	        //
	        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
	        const expression = parse(rest, { ...options, fastpaths: false }).output;

	        output = token.close = `)${expression})${extglobStar})`;
	      }

	      if (token.prev.type === 'bos') {
	        state.negatedExtglob = true;
	      }
	    }

	    push({ type: 'paren', extglob: true, value, output });
	    decrement('parens');
	  };

	  /**
	   * Fast paths
	   */

	  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
	    let backslashes = false;

	    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
	      if (first === '\\') {
	        backslashes = true;
	        return m;
	      }

	      if (first === '?') {
	        if (esc) {
	          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
	        }
	        if (index === 0) {
	          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
	        }
	        return QMARK.repeat(chars.length);
	      }

	      if (first === '.') {
	        return DOT_LITERAL.repeat(chars.length);
	      }

	      if (first === '*') {
	        if (esc) {
	          return esc + first + (rest ? star : '');
	        }
	        return star;
	      }
	      return esc ? m : `\\${m}`;
	    });

	    if (backslashes === true) {
	      if (opts.unescape === true) {
	        output = output.replace(/\\/g, '');
	      } else {
	        output = output.replace(/\\+/g, m => {
	          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
	        });
	      }
	    }

	    if (output === input && opts.contains === true) {
	      state.output = input;
	      return state;
	    }

	    state.output = utils.wrapOutput(output, state, options);
	    return state;
	  }

	  /**
	   * Tokenize input until we reach end-of-string
	   */

	  while (!eos()) {
	    value = advance();

	    if (value === '\u0000') {
	      continue;
	    }

	    /**
	     * Escaped characters
	     */

	    if (value === '\\') {
	      const next = peek();

	      if (next === '/' && opts.bash !== true) {
	        continue;
	      }

	      if (next === '.' || next === ';') {
	        continue;
	      }

	      if (!next) {
	        value += '\\';
	        push({ type: 'text', value });
	        continue;
	      }

	      // collapse slashes to reduce potential for exploits
	      const match = /^\\+/.exec(remaining());
	      let slashes = 0;

	      if (match && match[0].length > 2) {
	        slashes = match[0].length;
	        state.index += slashes;
	        if (slashes % 2 !== 0) {
	          value += '\\';
	        }
	      }

	      if (opts.unescape === true) {
	        value = advance();
	      } else {
	        value += advance();
	      }

	      if (state.brackets === 0) {
	        push({ type: 'text', value });
	        continue;
	      }
	    }

	    /**
	     * If we're inside a regex character class, continue
	     * until we reach the closing bracket.
	     */

	    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
	      if (opts.posix !== false && value === ':') {
	        const inner = prev.value.slice(1);
	        if (inner.includes('[')) {
	          prev.posix = true;

	          if (inner.includes(':')) {
	            const idx = prev.value.lastIndexOf('[');
	            const pre = prev.value.slice(0, idx);
	            const rest = prev.value.slice(idx + 2);
	            const posix = POSIX_REGEX_SOURCE[rest];
	            if (posix) {
	              prev.value = pre + posix;
	              state.backtrack = true;
	              advance();

	              if (!bos.output && tokens.indexOf(prev) === 1) {
	                bos.output = ONE_CHAR;
	              }
	              continue;
	            }
	          }
	        }
	      }

	      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
	        value = `\\${value}`;
	      }

	      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
	        value = `\\${value}`;
	      }

	      if (opts.posix === true && value === '!' && prev.value === '[') {
	        value = '^';
	      }

	      prev.value += value;
	      append({ value });
	      continue;
	    }

	    /**
	     * If we're inside a quoted string, continue
	     * until we reach the closing double quote.
	     */

	    if (state.quotes === 1 && value !== '"') {
	      value = utils.escapeRegex(value);
	      prev.value += value;
	      append({ value });
	      continue;
	    }

	    /**
	     * Double quotes
	     */

	    if (value === '"') {
	      state.quotes = state.quotes === 1 ? 0 : 1;
	      if (opts.keepQuotes === true) {
	        push({ type: 'text', value });
	      }
	      continue;
	    }

	    /**
	     * Parentheses
	     */

	    if (value === '(') {
	      increment('parens');
	      push({ type: 'paren', value });
	      continue;
	    }

	    if (value === ')') {
	      if (state.parens === 0 && opts.strictBrackets === true) {
	        throw new SyntaxError(syntaxError('opening', '('));
	      }

	      const extglob = extglobs[extglobs.length - 1];
	      if (extglob && state.parens === extglob.parens + 1) {
	        extglobClose(extglobs.pop());
	        continue;
	      }

	      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
	      decrement('parens');
	      continue;
	    }

	    /**
	     * Square brackets
	     */

	    if (value === '[') {
	      if (opts.nobracket === true || !remaining().includes(']')) {
	        if (opts.nobracket !== true && opts.strictBrackets === true) {
	          throw new SyntaxError(syntaxError('closing', ']'));
	        }

	        value = `\\${value}`;
	      } else {
	        increment('brackets');
	      }

	      push({ type: 'bracket', value });
	      continue;
	    }

	    if (value === ']') {
	      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
	        push({ type: 'text', value, output: `\\${value}` });
	        continue;
	      }

	      if (state.brackets === 0) {
	        if (opts.strictBrackets === true) {
	          throw new SyntaxError(syntaxError('opening', '['));
	        }

	        push({ type: 'text', value, output: `\\${value}` });
	        continue;
	      }

	      decrement('brackets');

	      const prevValue = prev.value.slice(1);
	      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
	        value = `/${value}`;
	      }

	      prev.value += value;
	      append({ value });

	      // when literal brackets are explicitly disabled
	      // assume we should match with a regex character class
	      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
	        continue;
	      }

	      const escaped = utils.escapeRegex(prev.value);
	      state.output = state.output.slice(0, -prev.value.length);

	      // when literal brackets are explicitly enabled
	      // assume we should escape the brackets to match literal characters
	      if (opts.literalBrackets === true) {
	        state.output += escaped;
	        prev.value = escaped;
	        continue;
	      }

	      // when the user specifies nothing, try to match both
	      prev.value = `(${capture}${escaped}|${prev.value})`;
	      state.output += prev.value;
	      continue;
	    }

	    /**
	     * Braces
	     */

	    if (value === '{' && opts.nobrace !== true) {
	      increment('braces');

	      const open = {
	        type: 'brace',
	        value,
	        output: '(',
	        outputIndex: state.output.length,
	        tokensIndex: state.tokens.length
	      };

	      braces.push(open);
	      push(open);
	      continue;
	    }

	    if (value === '}') {
	      const brace = braces[braces.length - 1];

	      if (opts.nobrace === true || !brace) {
	        push({ type: 'text', value, output: value });
	        continue;
	      }

	      let output = ')';

	      if (brace.dots === true) {
	        const arr = tokens.slice();
	        const range = [];

	        for (let i = arr.length - 1; i >= 0; i--) {
	          tokens.pop();
	          if (arr[i].type === 'brace') {
	            break;
	          }
	          if (arr[i].type !== 'dots') {
	            range.unshift(arr[i].value);
	          }
	        }

	        output = expandRange(range, opts);
	        state.backtrack = true;
	      }

	      if (brace.comma !== true && brace.dots !== true) {
	        const out = state.output.slice(0, brace.outputIndex);
	        const toks = state.tokens.slice(brace.tokensIndex);
	        brace.value = brace.output = '\\{';
	        value = output = '\\}';
	        state.output = out;
	        for (const t of toks) {
	          state.output += (t.output || t.value);
	        }
	      }

	      push({ type: 'brace', value, output });
	      decrement('braces');
	      braces.pop();
	      continue;
	    }

	    /**
	     * Pipes
	     */

	    if (value === '|') {
	      if (extglobs.length > 0) {
	        extglobs[extglobs.length - 1].conditions++;
	      }
	      push({ type: 'text', value });
	      continue;
	    }

	    /**
	     * Commas
	     */

	    if (value === ',') {
	      let output = value;

	      const brace = braces[braces.length - 1];
	      if (brace && stack[stack.length - 1] === 'braces') {
	        brace.comma = true;
	        output = '|';
	      }

	      push({ type: 'comma', value, output });
	      continue;
	    }

	    /**
	     * Slashes
	     */

	    if (value === '/') {
	      // if the beginning of the glob is "./", advance the start
	      // to the current index, and don't add the "./" characters
	      // to the state. This greatly simplifies lookbehinds when
	      // checking for BOS characters like "!" and "." (not "./")
	      if (prev.type === 'dot' && state.index === state.start + 1) {
	        state.start = state.index + 1;
	        state.consumed = '';
	        state.output = '';
	        tokens.pop();
	        prev = bos; // reset "prev" to the first token
	        continue;
	      }

	      push({ type: 'slash', value, output: SLASH_LITERAL });
	      continue;
	    }

	    /**
	     * Dots
	     */

	    if (value === '.') {
	      if (state.braces > 0 && prev.type === 'dot') {
	        if (prev.value === '.') prev.output = DOT_LITERAL;
	        const brace = braces[braces.length - 1];
	        prev.type = 'dots';
	        prev.output += value;
	        prev.value += value;
	        brace.dots = true;
	        continue;
	      }

	      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
	        push({ type: 'text', value, output: DOT_LITERAL });
	        continue;
	      }

	      push({ type: 'dot', value, output: DOT_LITERAL });
	      continue;
	    }

	    /**
	     * Question marks
	     */

	    if (value === '?') {
	      const isGroup = prev && prev.value === '(';
	      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
	        extglobOpen('qmark', value);
	        continue;
	      }

	      if (prev && prev.type === 'paren') {
	        const next = peek();
	        let output = value;

	        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
	          output = `\\${value}`;
	        }

	        push({ type: 'text', value, output });
	        continue;
	      }

	      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
	        push({ type: 'qmark', value, output: QMARK_NO_DOT });
	        continue;
	      }

	      push({ type: 'qmark', value, output: QMARK });
	      continue;
	    }

	    /**
	     * Exclamation
	     */

	    if (value === '!') {
	      if (opts.noextglob !== true && peek() === '(') {
	        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
	          extglobOpen('negate', value);
	          continue;
	        }
	      }

	      if (opts.nonegate !== true && state.index === 0) {
	        negate();
	        continue;
	      }
	    }

	    /**
	     * Plus
	     */

	    if (value === '+') {
	      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
	        extglobOpen('plus', value);
	        continue;
	      }

	      if ((prev && prev.value === '(') || opts.regex === false) {
	        push({ type: 'plus', value, output: PLUS_LITERAL });
	        continue;
	      }

	      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
	        push({ type: 'plus', value });
	        continue;
	      }

	      push({ type: 'plus', value: PLUS_LITERAL });
	      continue;
	    }

	    /**
	     * Plain text
	     */

	    if (value === '@') {
	      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
	        push({ type: 'at', extglob: true, value, output: '' });
	        continue;
	      }

	      push({ type: 'text', value });
	      continue;
	    }

	    /**
	     * Plain text
	     */

	    if (value !== '*') {
	      if (value === '$' || value === '^') {
	        value = `\\${value}`;
	      }

	      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
	      if (match) {
	        value += match[0];
	        state.index += match[0].length;
	      }

	      push({ type: 'text', value });
	      continue;
	    }

	    /**
	     * Stars
	     */

	    if (prev && (prev.type === 'globstar' || prev.star === true)) {
	      prev.type = 'star';
	      prev.star = true;
	      prev.value += value;
	      prev.output = star;
	      state.backtrack = true;
	      state.globstar = true;
	      consume(value);
	      continue;
	    }

	    let rest = remaining();
	    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
	      extglobOpen('star', value);
	      continue;
	    }

	    if (prev.type === 'star') {
	      if (opts.noglobstar === true) {
	        consume(value);
	        continue;
	      }

	      const prior = prev.prev;
	      const before = prior.prev;
	      const isStart = prior.type === 'slash' || prior.type === 'bos';
	      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

	      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
	        push({ type: 'star', value, output: '' });
	        continue;
	      }

	      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
	      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
	      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
	        push({ type: 'star', value, output: '' });
	        continue;
	      }

	      // strip consecutive `/**/`
	      while (rest.slice(0, 3) === '/**') {
	        const after = input[state.index + 4];
	        if (after && after !== '/') {
	          break;
	        }
	        rest = rest.slice(3);
	        consume('/**', 3);
	      }

	      // A globstar followed only by balanced closing parens is at the logical end of patterns like
	      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
	      // parent path, except in negated extglobs where that would change the exclusion semantics.
	      const isEnd = eos() || (
	        state.parens > 0
	        && rest === ')'.repeat(state.parens)
	        && !extglobs.some(extglob => extglob.type === 'negate')
	      );

	      if (prior.type === 'bos' && eos()) {
	        prev.type = 'globstar';
	        prev.value += value;
	        prev.output = globstar(opts);
	        state.output = prev.output;
	        state.globstar = true;
	        consume(value);
	        continue;
	      }

	      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
	        state.output = state.output.slice(0, -(prior.output + prev.output).length);
	        prior.output = `(?:${prior.output}`;

	        prev.type = 'globstar';
	        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
	        prev.value += value;
	        state.globstar = true;
	        state.output += prior.output + prev.output;
	        consume(value);
	        continue;
	      }

	      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
	        const end = rest[1] !== void 0 ? '|$' : '';

	        state.output = state.output.slice(0, -(prior.output + prev.output).length);
	        prior.output = `(?:${prior.output}`;

	        prev.type = 'globstar';
	        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
	        prev.value += value;

	        state.output += prior.output + prev.output;
	        state.globstar = true;

	        consume(value + advance());

	        push({ type: 'slash', value: '/', output: '' });
	        continue;
	      }

	      if (prior.type === 'bos' && rest[0] === '/') {
	        prev.type = 'globstar';
	        prev.value += value;
	        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
	        state.output = prev.output;
	        state.globstar = true;
	        consume(value + advance());
	        push({ type: 'slash', value: '/', output: '' });
	        continue;
	      }

	      // remove single star from output
	      state.output = state.output.slice(0, -prev.output.length);

	      // reset previous token to globstar
	      prev.type = 'globstar';
	      prev.output = globstar(opts);
	      prev.value += value;

	      // reset output with globstar
	      state.output += prev.output;
	      state.globstar = true;
	      consume(value);
	      continue;
	    }

	    const token = { type: 'star', value, output: star };

	    if (opts.bash === true) {
	      token.output = '.*?';
	      if (prev.type === 'bos' || prev.type === 'slash') {
	        token.output = nodot + token.output;
	      }
	      push(token);
	      continue;
	    }

	    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
	      token.output = value;
	      push(token);
	      continue;
	    }

	    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
	      if (prev.type === 'dot') {
	        state.output += NO_DOT_SLASH;
	        prev.output += NO_DOT_SLASH;

	      } else if (opts.dot === true) {
	        state.output += NO_DOTS_SLASH;
	        prev.output += NO_DOTS_SLASH;

	      } else {
	        state.output += nodot;
	        prev.output += nodot;
	      }

	      if (peek() !== '*') {
	        state.output += ONE_CHAR;
	        prev.output += ONE_CHAR;
	      }
	    }

	    push(token);
	  }

	  while (state.brackets > 0) {
	    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
	    state.output = utils.escapeLast(state.output, '[');
	    decrement('brackets');
	  }

	  while (state.parens > 0) {
	    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
	    state.output = utils.escapeLast(state.output, '(');
	    decrement('parens');
	  }

	  while (state.braces > 0) {
	    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
	    state.output = utils.escapeLast(state.output, '{');
	    decrement('braces');
	  }

	  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
	    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
	  }

	  // rebuild the output if we had to backtrack at any point
	  if (state.backtrack === true) {
	    state.output = '';

	    for (const token of state.tokens) {
	      state.output += token.output != null ? token.output : token.value;

	      if (token.suffix) {
	        state.output += token.suffix;
	      }
	    }
	  }

	  return state;
	};

	/**
	 * Fast paths for creating regular expressions for common glob patterns.
	 * This can significantly speed up processing and has very little downside
	 * impact when none of the fast paths match.
	 */

	parse.fastpaths = (input, options) => {
	  const opts = { ...options };
	  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
	  const len = input.length;
	  if (len > max) {
	    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
	  }

	  input = REPLACEMENTS[input] || input;

	  // create constants based on platform, for windows or posix
	  const {
	    DOT_LITERAL,
	    SLASH_LITERAL,
	    ONE_CHAR,
	    DOTS_SLASH,
	    NO_DOT,
	    NO_DOTS,
	    NO_DOTS_SLASH,
	    STAR,
	    START_ANCHOR
	  } = constants.globChars(opts.windows);

	  const nodot = opts.dot ? NO_DOTS : NO_DOT;
	  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
	  const capture = opts.capture ? '' : '?:';
	  const state = { negated: false, prefix: '' };
	  let star = opts.bash === true ? '.*?' : STAR;

	  if (opts.capture) {
	    star = `(${star})`;
	  }

	  const globstar = opts => {
	    if (opts.noglobstar === true) return star;
	    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
	  };

	  const create = str => {
	    switch (str) {
	      case '*':
	        return `${nodot}${ONE_CHAR}${star}`;

	      case '.*':
	        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

	      case '*.*':
	        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

	      case '*/*':
	        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

	      case '**':
	        return nodot + globstar(opts);

	      case '**/*':
	        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

	      case '**/*.*':
	        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

	      case '**/.*':
	        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

	      default: {
	        const match = /^(.*?)\.(\w+)$/.exec(str);
	        if (!match) return;

	        const source = create(match[1]);
	        if (!source) return;

	        return source + DOT_LITERAL + match[2];
	      }
	    }
	  };

	  const output = utils.removePrefix(input, state);
	  let source = create(output);

	  if (source && opts.strictSlashes !== true) {
	    source += `${SLASH_LITERAL}?`;
	  }

	  return source;
	};

	parse_1 = parse;
	return parse_1;
}

var picomatch_1$1;
var hasRequiredPicomatch$1;

function requirePicomatch$1 () {
	if (hasRequiredPicomatch$1) return picomatch_1$1;
	hasRequiredPicomatch$1 = 1;

	const scan = /*@__PURE__*/ requireScan();
	const parse = /*@__PURE__*/ requireParse();
	const utils = /*@__PURE__*/ requireUtils();
	const constants = /*@__PURE__*/ requireConstants();
	const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

	/**
	 * Creates a matcher function from one or more glob patterns. The
	 * returned function takes a string to match as its first argument,
	 * and returns true if the string is a match. The returned matcher
	 * function also takes a boolean as the second argument that, when true,
	 * returns an object with additional information.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch(glob[, options]);
	 *
	 * const isMatch = picomatch('*.!(*a)');
	 * console.log(isMatch('a.a')); //=> false
	 * console.log(isMatch('a.b')); //=> true
	 *
	 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
	 * const picomatch = require('picomatch/posix');
	 * // the same API, defaulting to posix paths
	 * const isMatch = picomatch('a/*');
	 * console.log(isMatch('a\\b')); //=> false
	 * console.log(isMatch('a/b')); //=> true
	 *
	 * // you can still configure the matcher function to accept windows paths
	 * const isMatch = picomatch('a/*', { options: windows });
	 * console.log(isMatch('a\\b')); //=> true
	 * console.log(isMatch('a/b')); //=> true
	 * ```
	 * @name picomatch
	 * @param {String|Array} `globs` One or more glob patterns.
	 * @param {Object=} `options`
	 * @return {Function=} Returns a matcher function.
	 * @api public
	 */

	const picomatch = (glob, options, returnState = false) => {
	  if (Array.isArray(glob)) {
	    const fns = glob.map(input => picomatch(input, options, returnState));
	    const arrayMatcher = str => {
	      for (const isMatch of fns) {
	        const state = isMatch(str);
	        if (state) return state;
	      }
	      return false;
	    };
	    return arrayMatcher;
	  }

	  const isState = isObject(glob) && glob.tokens && glob.input;

	  if (glob === '' || (typeof glob !== 'string' && !isState)) {
	    throw new TypeError('Expected pattern to be a non-empty string');
	  }

	  const opts = options || {};
	  const posix = opts.windows;
	  const regex = isState
	    ? picomatch.compileRe(glob, options)
	    : picomatch.makeRe(glob, options, false, true);

	  const state = regex.state;
	  delete regex.state;

	  let isIgnored = () => false;
	  if (opts.ignore) {
	    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
	    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
	  }

	  const matcher = (input, returnObject = false) => {
	    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
	    const result = { glob, state, regex, posix, input, output, match, isMatch };

	    if (typeof opts.onResult === 'function') {
	      opts.onResult(result);
	    }

	    if (isMatch === false) {
	      result.isMatch = false;
	      return returnObject ? result : false;
	    }

	    if (isIgnored(input)) {
	      if (typeof opts.onIgnore === 'function') {
	        opts.onIgnore(result);
	      }
	      result.isMatch = false;
	      return returnObject ? result : false;
	    }

	    if (typeof opts.onMatch === 'function') {
	      opts.onMatch(result);
	    }
	    return returnObject ? result : true;
	  };

	  if (returnState) {
	    matcher.state = state;
	  }

	  return matcher;
	};

	/**
	 * Test `input` with the given `regex`. This is used by the main
	 * `picomatch()` function to test the input string.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.test(input, regex[, options]);
	 *
	 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
	 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
	 * ```
	 * @param {String} `input` String to test.
	 * @param {RegExp} `regex`
	 * @return {Object} Returns an object with matching info.
	 * @api public
	 */

	picomatch.test = (input, regex, options, { glob, posix } = {}) => {
	  if (typeof input !== 'string') {
	    throw new TypeError('Expected input to be a string');
	  }

	  if (input === '') {
	    return { isMatch: false, output: '' };
	  }

	  const opts = options || {};
	  const format = opts.format || (posix ? utils.toPosixSlashes : null);
	  let match = input === glob;
	  let output = (match && format) ? format(input) : input;

	  if (match === false) {
	    output = format ? format(input) : input;
	    match = output === glob;
	  }

	  if (match === false || opts.capture === true) {
	    if (opts.matchBase === true || opts.basename === true) {
	      match = picomatch.matchBase(input, regex, options, posix);
	    } else {
	      match = regex.exec(output);
	    }
	  }

	  return { isMatch: Boolean(match), match, output };
	};

	/**
	 * Match the basename of a filepath.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.matchBase(input, glob[, options]);
	 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
	 * ```
	 * @param {String} `input` String to test.
	 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
	 * @return {Boolean}
	 * @api public
	 */

	picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
	  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
	  return regex.test(utils.basename(input, { windows: posix }));
	};

	/**
	 * Returns true if **any** of the given glob `patterns` match the specified `string`.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.isMatch(string, patterns[, options]);
	 *
	 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
	 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
	 * ```
	 * @param {String|Array} str The string to test.
	 * @param {String|Array} patterns One or more glob patterns to use for matching.
	 * @param {Object} [options] See available [options](#options).
	 * @return {Boolean} Returns true if any patterns match `str`
	 * @api public
	 */

	picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

	/**
	 * Parse a glob pattern to create the source string for a regular
	 * expression.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * const result = picomatch.parse(pattern[, options]);
	 * ```
	 * @param {String} `pattern`
	 * @param {Object} `options`
	 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
	 * @api public
	 */

	picomatch.parse = (pattern, options) => {
	  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
	  return parse(pattern, { ...options, fastpaths: false });
	};

	/**
	 * Scan a glob pattern to separate the pattern into segments.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.scan(input[, options]);
	 *
	 * const result = picomatch.scan('!./foo/*.js');
	 * console.log(result);
	 * { prefix: '!./',
	 *   input: '!./foo/*.js',
	 *   start: 3,
	 *   base: 'foo',
	 *   glob: '*.js',
	 *   isBrace: false,
	 *   isBracket: false,
	 *   isGlob: true,
	 *   isExtglob: false,
	 *   isGlobstar: false,
	 *   negated: true }
	 * ```
	 * @param {String} `input` Glob pattern to scan.
	 * @param {Object} `options`
	 * @return {Object} Returns an object with
	 * @api public
	 */

	picomatch.scan = (input, options) => scan(input, options);

	/**
	 * Compile a regular expression from the `state` object returned by the
	 * [parse()](#parse) method.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * const state = picomatch.parse('*.js');
	 * // picomatch.compileRe(state[, options]);
	 *
	 * console.log(picomatch.compileRe(state));
	 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
	 * ```
	 * @param {Object} `state`
	 * @param {Object} `options`
	 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
	 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
	 * @return {RegExp}
	 * @api public
	 */

	picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
	  if (returnOutput === true) {
	    return state.output;
	  }

	  const opts = options || {};
	  const prepend = opts.contains ? '' : '^';
	  const append = opts.contains ? '' : '$';

	  let source = `${prepend}(?:${state.output})${append}`;
	  if (state && state.negated === true) {
	    source = `^(?!${source}).*$`;
	  }

	  const regex = picomatch.toRegex(source, options);
	  if (returnState === true) {
	    regex.state = state;
	  }

	  return regex;
	};

	/**
	 * Create a regular expression from a parsed glob pattern.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.makeRe(state[, options]);
	 *
	 * const result = picomatch.makeRe('*.js');
	 * console.log(result);
	 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
	 * ```
	 * @param {String} `state` The object returned from the `.parse` method.
	 * @param {Object} `options`
	 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
	 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
	 * @return {RegExp} Returns a regex created from the given pattern.
	 * @api public
	 */

	picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
	  if (!input || typeof input !== 'string') {
	    throw new TypeError('Expected a non-empty string');
	  }

	  let parsed = { negated: false, fastpaths: true };

	  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
	    parsed.output = parse.fastpaths(input, options);
	  }

	  if (!parsed.output) {
	    parsed = parse(input, options);
	  }

	  return picomatch.compileRe(parsed, options, returnOutput, returnState);
	};

	/**
	 * Create a regular expression from the given regex source string.
	 *
	 * ```js
	 * const picomatch = require('picomatch');
	 * // picomatch.toRegex(source[, options]);
	 *
	 * const { output } = picomatch.parse('*.js');
	 * console.log(picomatch.toRegex(output));
	 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
	 * ```
	 * @param {String} `source` Regular expression source string.
	 * @param {Object} `options`
	 * @return {RegExp}
	 * @api public
	 */

	picomatch.toRegex = (source, options) => {
	  try {
	    const opts = options || {};
	    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
	  } catch (err) {
	    if (options && options.debug === true) throw err;
	    return /$^/;
	  }
	};

	/**
	 * Picomatch constants.
	 * @return {Object}
	 */

	picomatch.constants = constants;

	/**
	 * Expose "picomatch"
	 */

	picomatch_1$1 = picomatch;
	return picomatch_1$1;
}

var picomatch_1;
var hasRequiredPicomatch;

function requirePicomatch () {
	if (hasRequiredPicomatch) return picomatch_1;
	hasRequiredPicomatch = 1;

	const pico = /*@__PURE__*/ requirePicomatch$1();
	const utils = /*@__PURE__*/ requireUtils();

	function picomatch(glob, options, returnState = false) {
	  // default to os.platform()
	  if (options && (options.windows === null || options.windows === undefined)) {
	    // don't mutate the original options object
	    options = { ...options, windows: utils.isWindows() };
	  }

	  return pico(glob, options, returnState);
	}

	Object.assign(picomatch, pico);
	picomatch_1 = picomatch;
	return picomatch_1;
}

var picomatchExports = /*@__PURE__*/ requirePicomatch();
var picomatch = /*@__PURE__*/getDefaultExportFromCjs(picomatchExports);

/**
 * Dataset paths in the config are repository-relative files or globs. They may
 * not leave the repository: the config can come from a pull request's head.
 */
function checkPattern(pattern, field) {
    const parts = pattern.split('/');
    if (pattern.startsWith('/') || /^[A-Za-z]:/.test(pattern)) {
        throw new UserError(`'${pattern}' is absolute; dataset paths are relative to the repository root`, { field });
    }
    if (parts.includes('..')) {
        throw new UserError(`'${pattern}' leaves the repository ('..'); dataset paths are relative to the repository root`, { field });
    }
}
function isGlob(pattern) {
    return picomatch.scan(pattern).isGlob;
}
/** The folder a glob starts in (`data` for `data/**\/*.csv`), '' for the root. */
function globBase(pattern) {
    const { base, isGlob: glob } = picomatch.scan(pattern);
    return glob ? base : pattern;
}
/** The paths (with `/`) that a file name or glob selects, sorted for stable output. */
function matchPaths(paths, pattern) {
    const normalized = pattern.replace(/^\.\//, '');
    if (!isGlob(normalized)) {
        for (const p of paths)
            if (p === normalized)
                return [p];
        return [];
    }
    const isMatch = picomatch(normalized, { dot: false });
    const out = [];
    for (const p of paths)
        if (isMatch(p))
            out.push(p);
    return out.sort();
}

/**
 * The dataset's annotation files among `paths` (sorted): those its `path`
 * selects, minus those its `exclude` globs select, minus its own reference
 * and label schema files. A glob like `data/sentiment/*.csv` next to
 * `data/sentiment/gold.csv` must not read the gold file as annotations.
 * A `path` naming one file exactly is kept even if excluded: the config said
 * so in as many words.
 */
function annotationFiles(paths, dataset) {
    const selected = matchPaths(paths, dataset.path);
    if (!isGlob(dataset.path.replace(/^\.\//, '')))
        return selected;
    const skip = new Set();
    const notAnnotations = [
        ...(dataset.exclude ?? []),
        ...(dataset.reference !== undefined ? [dataset.reference.path] : []),
        ...(dataset.schema !== undefined ? [dataset.schema] : [])
    ];
    for (const pattern of notAnnotations) {
        for (const p of matchPaths(selected, pattern))
            skip.add(p);
    }
    return selected.filter((p) => !skip.has(p));
}

/**
 * A config path as a user reads it: `datasets[0].gates.error_rate.max`. Keys
 * that are not plain words (metric names hold dots: `changed.error_rate`) are
 * bracketed, so the path cannot be misread.
 */
function formatFieldPath(path) {
    let out = '';
    for (const segment of path) {
        if (typeof segment === 'number')
            out += `[${segment}]`;
        else if (typeof segment === 'symbol')
            out += `[${String(segment)}]`;
        else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment))
            out += out === '' ? segment : `.${segment}`;
        else
            out += `[${JSON.stringify(segment)}]`;
    }
    return out;
}

/**
 * The keys a mapping at `path` may hold, read from the zod schema itself so the
 * lists in "did you mean" and in the JSON Schema cannot drift from what is
 * accepted: an object's fields, or for `gates` the metric names.
 */
function keysAt(schema, path) {
    const target = schemaAt(schema, path);
    if (target instanceof ZodObject)
        return Object.keys(target.shape);
    if (target instanceof ZodRecord && target.keyType === gateMetricSchema) {
        return GATE_METRICS;
    }
    return [];
}
/** The schema that checks the value at `path`, wrappers removed. */
function schemaAt(schema, path) {
    let current = unwrap(schema);
    for (const segment of path) {
        if (current instanceof ZodObject && typeof segment === 'string') {
            const field = current.shape[segment];
            current = field;
        }
        else if (current instanceof ZodArray && typeof segment === 'number') {
            current = current.element;
        }
        else if (current instanceof ZodRecord) {
            current = current.valueType;
        }
        else {
            return undefined;
        }
        if (current === undefined)
            return undefined;
        current = unwrap(current);
    }
    return current;
}
/** Look through optional, default and pipe (the input side) to the checked type. */
function unwrap(schema) {
    let current = schema;
    for (;;) {
        if (current instanceof ZodOptional ||
            current instanceof ZodDefault ||
            current instanceof ZodNullable ||
            current instanceof ZodPrefault ||
            current instanceof ZodReadonly) {
            current = current.unwrap();
        }
        else if (current instanceof ZodPipe) {
            current = current.in;
        }
        else {
            return current;
        }
    }
}

/**
 * A zod issue as one-line problems (an issue about several unknown keys gives
 * one per key, each at its own line). `data` is the parsed config, for the
 * value that was given; `schema` gives the keys allowed at each place.
 */
function issueProblems(issue, data, schema) {
    const path = issue.path;
    const parent = path.slice(0, -1);
    const last = path[path.length - 1];
    const given = valueAt(data, path);
    const atValue = (message) => [
        { kind: 'value', path, part: 'value', field: fieldOf(path), message }
    ];
    // A key that is not there fails as an invalid type, value or union,
    // whichever its schema is; say what is missing instead. (Custom issues may
    // point at an absent key on purpose, with their own message.)
    if (path.length > 0 &&
        given === undefined &&
        (issue.code === 'invalid_type' ||
            issue.code === 'invalid_value' ||
            issue.code === 'invalid_union') &&
        !has(valueAt(data, parent), last)) {
        const hint = last === 'version' && parent.length === 0
            ? `; add 'version: ${CONFIG_VERSION}' at the top`
            : '';
        return [
            {
                kind: 'missing-key',
                path,
                part: 'value',
                field: fieldOf(parent),
                message: `missing required key '${String(last)}'${hint}`
            }
        ];
    }
    switch (issue.code) {
        case 'unrecognized_keys': {
            const allowed = keysAt(schema, path);
            return issue.keys.map((key) => ({
                kind: 'unknown-key',
                path: [...path, key],
                part: 'key',
                field: fieldOf(path),
                message: `unknown key '${key}'${suggestion(key, allowed)}`
            }));
        }
        case 'invalid_key': {
            const key = String(last);
            const what = issue.issues[0]?.message ?? 'invalid key';
            return [
                {
                    kind: 'unknown-key',
                    path,
                    part: 'key',
                    field: fieldOf(parent),
                    message: `${what} '${key}'${suggestion(key, keysAt(schema, parent))}`
                }
            ];
        }
        case 'invalid_type':
            return atValue(`expected ${expectedName(issue.expected)}, got ${describe(given)}`);
        case 'invalid_value': {
            if (path.length === 1 && last === 'version') {
                return atValue(`this labelgate reads config version ${CONFIG_VERSION}, got ${describe(given)}`);
            }
            const options = issue.values.map(String);
            const expected = options.length === 1
                ? `expected ${options[0]}`
                : `expected one of ${options.join(', ')}`;
            const typo = typeof given === 'string' ? didYouMean(given, options) : '';
            return atValue(`${expected}, got ${describe(given)}${typo}`);
        }
        case 'invalid_union':
            return atValue(`expected ${unionExpected(issue)}, got ${describe(given)}`);
        case 'too_small':
            return atValue(tooSmall(issue, given));
        case 'too_big':
            return atValue(tooBig(issue, given));
        case 'invalid_format':
            return atValue(`${issue.message}, got ${describe(given)}`);
        case 'not_multiple_of':
            return atValue(`expected a multiple of ${issue.divisor}, got ${describe(given)}`);
        default:
            // Custom issues carry messages written for users in schema.ts.
            return atValue(issue.message);
    }
}
function fieldOf(path) {
    return path.length === 0 ? undefined : formatFieldPath(path);
}
/** A close name, else the short list of what is allowed here. */
function suggestion(word, allowed) {
    const close = didYouMean(word, allowed);
    if (close !== '')
        return close;
    if (allowed === GATE_METRICS) {
        return (`; a gate names one of ${DATASET_METRICS.join(', ')}, ` +
            `or changed.<metric>, or ` +
            ANNOTATOR_METRICS.map((m) => `annotator.${m}`).join(', ') +
            ', or label_shift');
    }
    if (allowed.length === 0)
        return '';
    return `; expected one of ${allowed.join(', ')}`;
}
function tooSmall(issue, given) {
    const min = Number(issue.minimum);
    if (issue.origin === 'array') {
        return `needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`;
    }
    if (issue.origin === 'string') {
        return min === 1 ? 'must not be empty' : `needs at least ${min} characters`;
    }
    const bound = issue.inclusive === false ? 'above' : 'at least';
    return `expected a number ${bound} ${min}, got ${describe(given)}`;
}
function tooBig(issue, given) {
    const max = Number(issue.maximum);
    if (issue.origin === 'array') {
        return `allows at most ${max} ${max === 1 ? 'entry' : 'entries'}`;
    }
    if (issue.origin === 'string')
        return `allows at most ${max} characters`;
    const bound = issue.inclusive === false ? 'below' : 'at most';
    return `expected a number ${bound} ${max}, got ${describe(given)}`;
}
function unionExpected(issue) {
    const names = [];
    for (const branch of 'errors' in issue ? issue.errors : []) {
        for (const inner of branch) {
            if (inner.code === 'invalid_type' && inner.path.length === 0) {
                const name = expectedName(inner.expected);
                if (!names.includes(name))
                    names.push(name);
            }
        }
    }
    if (names.length === 0)
        return 'another value';
    if (names.length === 1)
        return names[0];
    return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
function expectedName(expected) {
    switch (expected) {
        case 'string':
            return 'text';
        case 'number':
            return 'a number';
        case 'int':
            return 'a whole number';
        case 'boolean':
            return 'true/false';
        case 'object':
        case 'record':
            return 'a mapping';
        case 'array':
            return 'a list';
        default:
            return expected;
    }
}
/** The given value as a user would recognise it in their YAML. */
function describe(value) {
    if (value === undefined || value === null)
        return 'nothing';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string')
        return `'${value}'`;
    return String(value);
}
function valueAt(data, path) {
    let current = data;
    for (const segment of path) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[segment];
    }
    return current;
}
function has(container, key) {
    return (key !== undefined &&
        container !== null &&
        typeof container === 'object' &&
        Object.prototype.hasOwnProperty.call(container, key));
}

const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR$1 = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR$1;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR$1:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (isNode(ctrl) || isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (isMap(node))
        return visitor.Map?.(key, node, path);
    if (isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (isPair(node))
        return visitor.Pair?.(key, node, path);
    if (isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && isNode(doc.contents)) {
            const tags = {};
            visit(doc.contents, (_key, node) => {
                if (isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (isScalar(ref.node) || isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

class Alias extends NodeBase {
    constructor(source) {
        super(ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit(doc, {
                Node: (_key, node) => {
                    if (isAlias(node) || hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends NodeBase {
    constructor(value) {
        super(SCALAR$1);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (isDocument(value))
        value = value.contents;
    if (isNode(value))
        return value;
    if (isPair(value)) {
        const map = ctx.schema[MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[MAP]
                : Symbol.iterator in Object(value)
                    ? schema[SEQ]
                    : schema[MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => isNode(it) || isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && isScalar(node) ? node.value : node;
        else
            return isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines(res, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines(`${start}${foldedValue}${end}`, indent, FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines(str, indent, FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.BLOCK_FOLDED:
            case Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (isScalar(node) || isCollection(node)) && node.anchor;
    if (anchor && anchorIsValid(anchor)) {
        anchors.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : isScalar(node)
            ? stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (isCollection(key) || (!isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            isCollection(key) ||
            (isScalar(key)
                ? key.type === Scalar.BLOCK_FOLDED || key.type === Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        console.warn(warning);
    }
}

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (isScalar(key) &&
        (!key.type || key.type === Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

function addPairToJSMap(ctx, map, { key, value }) {
    if (isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (isMergeKey(ctx, key))
        addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (isNode(key) && ctx?.doc) {
        const strCtx = createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

function createPair(key, value, ctx) {
    const k = createNode(key, undefined, ctx);
    const v = createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, NODE_TYPE, { value: PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (isNode(key))
            key = key.clone(schema);
        if (isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (isPair(item)) {
            const ik = isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

function findPair(items, key) {
    const k = isScalar(key) ? key.value : key;
    for (const it of items) {
        if (isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair(pair, pair?.value);
        }
        else
            _pair = new Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (isScalar(prev.value) && isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.from(schema, obj, ctx)
};

class YAMLSeq extends Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (isScalar(prev) && isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.from(schema, obj, ctx)
};

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString(item, ctx, onComment, onChompKeep);
    }
};

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

const floatNaN$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float$1 = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify$2 = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve$1 = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify$1(node, radix, prefix) {
    const { value } = node;
    if (intIdentify$2(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber(node);
}
const intOct$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 8, opt),
    stringify: node => intStringify$1(node, 8, '0o')
};
const int$1 = {
    identify: intIdentify$2,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex$1 = {
    identify: value => intIdentify$2(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve$1(str, 2, 16, opt),
    stringify: node => intStringify$1(node, 16, '0x')
};

const schema$2 = [
    map,
    seq,
    string,
    nullTag,
    boolTag,
    intOct$1,
    int$1,
    intHex$1,
    floatNaN$1,
    floatExp$1,
    float$1
];

function intIdentify$1(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify$1,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify$1(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema$1 = [map, seq].concat(jsonScalars, jsonError);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.BLOCK_LITERAL);
        if (type !== Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

function resolvePairs(seq, onError) {
    if (isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (isPair(item))
                continue;
            else if (isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair(new Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = isPair(item) ? item : new Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

class YAMLOMap extends YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (isPair(pair)) {
                key = toJS(pair.key, '', ctx);
                value = toJS(pair.value, key, ctx);
            }
            else {
                key = toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs = createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs = resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs.items) {
            if (isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar(false),
    stringify: boolStringify
};

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber
};

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

class YAMLSet extends YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair(key.key, null);
        else
            pair = new Pair(key, null);
        const prev = findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = findPair(this.items, key);
        return !keepPair && isPair(pair)
            ? isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

const schema = [
    map,
    seq,
    string,
    nullTag,
    trueTag,
    falseTag,
    intBin,
    intOct,
    int,
    intHex,
    floatNaN,
    floatExp,
    float,
    binary,
    merge,
    omap,
    pairs,
    set,
    intTime,
    floatTime,
    timestamp
];

const schemas = new Map([
    ['core', schema$2],
    ['failsafe', [map, seq, string]],
    ['json', schema$1],
    ['yaml11', schema],
    ['yaml-1.1', schema]
]);
const tagsByName = {
    binary,
    bool: boolTag,
    float: float$1,
    floatExp: floatExp$1,
    floatNaN: floatNaN$1,
    floatTime,
    int: int$1,
    intHex: intHex$1,
    intOct: intOct$1,
    intTime,
    map,
    merge,
    null: nullTag,
    omap,
    pairs,
    seq,
    set,
    timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary,
    'tag:yaml.org,2002:merge': merge,
    'tag:yaml.org,2002:omap': omap,
    'tag:yaml.org,2002:pairs': pairs,
    'tag:yaml.org,2002:set': set,
    'tag:yaml.org,2002:timestamp': timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge)
            ? schemaTags.concat(merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? getTags(compat, 'compat')
            : compat
                ? getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? coreKnownTags : {};
        this.tags = getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, MAP, { value: map });
        Object.defineProperty(this, SCALAR$1, { value: string });
        Object.defineProperty(this, SEQ, { value: seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, NODE_TYPE, { value: DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [NODE_TYPE]: { value: DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode(value, tag, ctx);
        if (flow && isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (isEmptyPath(path))
            return !keepScalar && isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (isEmptyPath(path))
            return this.contents !== undefined;
        return isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (isScalar(a) && isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap : YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = isNode(res)
        ? res
        : new Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[SCALAR$1];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[SCALAR$1];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = isScalar(res) ? res : new Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[SCALAR$1]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[SCALAR$1];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[SCALAR$1];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[SCALAR$1];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode(ctx, value, props, onError)
        : composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new YAMLWarning(pos, code, message));
            else
                this.errors.push(new YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
let LineCounter$1 = class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
};

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter = options.lineCounter || (prettyErrors && new LineCounter$1()) || null;
    return { lineCounter, prettyErrors };
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser = new Parser(lineCounter?.addNewLine);
    const composer = new Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer.compose(parser.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(prettifyError(source, lineCounter));
        doc.warnings.forEach(prettifyError(source, lineCounter));
    }
    return doc;
}

/**
 * yaml runs out of stack, and then of memory (a crash, not an exception), on
 * flow collections nested tens of thousands deep; no config needs more than a
 * few. Lexing first is cheap and sees brackets only where YAML does.
 */
const MAX_FLOW_DEPTH = 64;
/** The offset of the first bracket past MAX_FLOW_DEPTH, if any. */
function tooDeeplyNested(text) {
    let depth = 0;
    let offset = 0;
    for (const token of new Lexer().lex(text)) {
        // The lexer's own markers take no room in the text.
        if (token === DOCUMENT ||
            token === SCALAR ||
            token === FLOW_END)
            continue;
        if (token === '[' || token === '{')
            depth += 1;
        else if (token === ']' || token === '}')
            depth -= 1;
        if (depth > MAX_FLOW_DEPTH)
            return offset;
        offset += token.length;
    }
    return undefined;
}

/**
 * YAML text to plain data, keeping the document so that later errors can name
 * a line and column. Anything that is not one YAML mapping is a UserError here.
 * yaml's default alias limit stays on: the config may come from a pull request.
 */
function parseConfigYaml(text, file) {
    const lineCounter = new LineCounter$1();
    const tooDeep = tooDeeplyNested(text);
    if (tooDeep !== undefined) {
        const before = text.slice(0, tooDeep).split('\n');
        throw new UserError(`invalid YAML: brackets nested deeper than ${MAX_FLOW_DEPTH} levels`, {
            file,
            line: before.length,
            column: before[before.length - 1].length + 1
        });
    }
    const doc = parseDocument(text, {
        lineCounter,
        // Positions come from the line counter; yaml's pretty errors would only
        // add a multi-line source excerpt, which a one-line error drops.
        prettyErrors: false,
        uniqueKeys: true,
        // Core code never writes to the console; problems become UserErrors here.
        logLevel: 'error'
    });
    // Warnings (an unresolved `!tag`, say) are errors too: a config that yaml
    // had to guess at is not one the user can trust.
    const yamlProblem = doc.errors[0] ?? doc.warnings[0];
    if (yamlProblem !== undefined)
        throw yamlError(yamlProblem, doc, text, lineCounter, file);
    const contents = doc.contents;
    if (contents === null || (isScalar(contents) && contents.value === null)) {
        throw new UserError("the config is empty; it needs 'version: 1' and a list of 'datasets'", { file, line: 1, column: 1 });
    }
    if (!isMap(contents)) {
        throw new UserError(`expected a mapping with 'version: 1' and 'datasets', got ${kindOf(contents)}`, { file, ...at(lineCounter, contents.range?.[0] ?? 0) });
    }
    const complexKey = firstComplexKey(doc);
    if (complexKey !== undefined) {
        throw new UserError(`invalid YAML: a key must be plain text, not ${kindOf(complexKey)}`, { file, ...at(lineCounter, complexKey.range?.[0] ?? 0) });
    }
    let data;
    try {
        data = doc.toJS();
    }
    catch (error) {
        throw aliasError(doc, lineCounter, file, error);
    }
    return { doc, lineCounter, data: data };
}
function yamlError(error, doc, text, lineCounter, file) {
    let message = error.message.split('\n')[0];
    if (error.code === 'MULTIPLE_DOCS') {
        message = "a config is one YAML document; remove the '---' separator";
    }
    else if (error.code === 'DUPLICATE_KEY') {
        const key = keyAt(doc, error.pos[0]);
        message = `key ${key === undefined ? '' : `'${key}' `}is set twice in one mapping`;
    }
    else if (error.code === 'TAG_RESOLVE_FAILED') {
        const tag = text.slice(error.pos[0], error.pos[1]);
        message = `unknown tag '${tag}'; a config is plain YAML, without custom tags`;
    }
    return new UserError(`invalid YAML: ${message}`, {
        file,
        ...at(lineCounter, error.pos[0])
    });
}
/** A list or mapping used as a key (`? [a, b]`): JSON has no such keys. */
function firstComplexKey(doc) {
    let found;
    visit(doc, {
        Pair(_key, pair) {
            const key = pair.key;
            if (key !== null && !isScalar(key)) {
                found = key;
                return visit.BREAK;
            }
            return undefined;
        }
    });
    return found;
}
/** The text of the mapping key that starts at `offset`, if any. */
function keyAt(doc, offset) {
    let found;
    visit(doc, {
        Pair(_key, pair) {
            const key = pair.key;
            if (isScalar(key) && key.range?.[0] === offset) {
                found = String(key.value);
                return visit.BREAK;
            }
            return undefined;
        }
    });
    return found;
}
/** `toJS` throws for aliases: one without its anchor, or too many (a bomb). */
function aliasError(doc, lineCounter, file, error) {
    const anchors = new Set();
    let unresolved;
    let firstAlias;
    visit(doc, {
        Node(_key, node) {
            if (isAlias(node)) {
                firstAlias ??= node;
                if (!anchors.has(node.source)) {
                    unresolved = node;
                    return visit.BREAK;
                }
            }
            else if (node.anchor !== undefined) {
                anchors.add(node.anchor);
            }
            return undefined;
        }
    });
    if (unresolved !== undefined && isAlias(unresolved)) {
        const source = unresolved.source;
        return new UserError(`invalid YAML: no anchor '&${source}' before the alias '*${source}'; ` +
            `a value that starts with '*' (a glob) needs quotes: '*${source}'`, { file, ...at(lineCounter, unresolved.range?.[0] ?? 0) });
    }
    const reason = error instanceof Error ? error.message : String(error);
    const message = /alias count/i.test(reason)
        ? `too many aliases (${reason.toLowerCase()})`
        : reason;
    return new UserError(`invalid YAML: ${message}`, {
        file,
        ...at(lineCounter, firstAlias?.range?.[0] ?? 0)
    });
}
function at(lineCounter, offset) {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
}
function kindOf(node) {
    if (isSeq(node))
        return 'a list';
    if (isScalar(node))
        return `the value ${JSON.stringify(node.value)}`;
    if (isAlias(node))
        return 'an alias';
    return 'a mapping';
}

/**
 * Where the entry at `path` was written: its value node (its key when the value
 * is empty, as in `level:`), or its key node for `part: 'key'`. A path that
 * leads nowhere (a missing key) stops at the deepest node that exists: the
 * mapping that lacks the key.
 */
function locate(doc, lineCounter, path, part) {
    let node = doc.contents;
    let keyNode = null;
    for (const segment of path) {
        const container = resolve(doc, node);
        const entry = childOf(container, segment);
        if (entry === undefined)
            break;
        node = entry.value;
        keyNode = entry.key;
    }
    const chosen = part === 'key' && keyNode !== null
        ? keyNode
        : isBlank(node) && keyNode !== null
            ? keyNode
            : (node ?? keyNode);
    const offset = chosen?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
}
function childOf(node, segment) {
    if (isMap(node)) {
        for (const pair of node.items) {
            const key = pair.key;
            if (keyText(key) === String(segment)) {
                return { key, value: pair.value ?? null };
            }
        }
        return undefined;
    }
    if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment];
        return item === undefined ? undefined : { key: null, value: item };
    }
    return undefined;
}
/** The key as the parsed object spells it (`toJS` turns scalar keys into text). */
function keyText(key) {
    if (key === null)
        return 'null';
    return isScalar(key) ? String(key.value) : undefined;
}
/** Follow an alias to its anchored node, so a path can go on through it. */
function resolve(doc, node) {
    return isAlias(node) ? (node.resolve(doc) ?? null) : node;
}
/** A value written as nothing (`key:`) has an empty range; point at the key. */
function isBlank(node) {
    if (node === null)
        return true;
    const range = node.range;
    return range === undefined || range === null || range[0] === range[1];
}

/**
 * The config file's text as a checked, defaulted `Config`. Pure: the caller
 * reads the file. Anything wrong is a UserError naming `file:line:column` and
 * the field; of several problems, the one written first in the file.
 */
function loadConfig(text, file) {
    return loadYamlWith(configSchema, text, file);
}
/** Any YAML file of ours (the config, a label schema) checked against a zod schema. */
function loadYamlWith(schema, text, file) {
    const { doc, lineCounter, data } = parseConfigYaml(text, file);
    const result = schema.safeParse(data);
    if (result.success)
        return result.data;
    const problems = result.error.issues.flatMap((issue) => issueProblems(issue, data, schema));
    const withUnknownKeys = new Set(problems.filter((p) => p.kind === 'unknown-key').map((p) => p.field));
    const relevant = problems.filter((p) => !(p.kind === 'missing-key' && withUnknownKeys.has(p.field)));
    // A wrong or missing version explains every other difference: say only that.
    const version = relevant.filter((p) => p.path.length === 1 && p.path[0] === 'version');
    const placed = (version.length > 0 ? version : relevant).map((problem) => ({
        problem,
        at: locate(doc, lineCounter, problem.path, problem.part)
    }));
    placed.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
    const first = placed[0];
    throw new UserError(oneLine(first.problem.message), {
        file,
        line: first.at.line,
        column: first.at.column,
        field: first.problem.field === undefined
            ? undefined
            : oneLine(first.problem.field)
    });
}
/** Keys and values from the file may hold line breaks; the error stays one line. */
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

const category = union([
    labelText,
    strictObject({
        name: labelText,
        description: string$1().optional().describe('What the category means')
    })
]);
const migration = strictObject({
    from: number()
        .int()
        .positive()
        .describe('The schema version this step migrates from'),
    rename: record(string$1(), labelText)
        .default({})
        .describe('Old label → new label'),
    remove: array(labelText).default([]).describe('Labels that no longer exist')
});
const labelSchemaFileSchema = strictObject({
    version: number().int().positive().describe('Raise it on every change'),
    categories: array(category).min(1),
    migrations: array(migration).default([])
})
    .superRefine((s, ctx) => {
    const seen = new Set();
    s.categories.forEach((c, i) => {
        const name = typeof c === 'string' ? c : c.name;
        if (seen.has(name)) {
            ctx.addIssue({
                code: 'custom',
                path: ['categories', i],
                message: `category '${name}' is listed twice`
            });
        }
        seen.add(name);
    });
    s.migrations.forEach((m, i) => {
        if (m.from >= s.version) {
            ctx.addIssue({
                code: 'custom',
                path: ['migrations', i, 'from'],
                message: `a migration from version ${m.from} must be older than the schema's version ${s.version}`
            });
        }
    });
});
function loadLabelSchema(text, file) {
    const parsed = loadYamlWith(labelSchemaFileSchema, text, file);
    // Parsed twice (the file is small): the first pass validates, this one
    // keeps the document so that each migration can be named by its line.
    const { doc, lineCounter } = parseConfigYaml(text, file);
    const descriptions = {};
    const categories = parsed.categories.map((c) => {
        if (typeof c === 'string')
            return c;
        if (c.description !== undefined)
            descriptions[c.name] = c.description;
        return c.name;
    });
    return {
        file,
        version: parsed.version,
        categories,
        descriptions,
        migrations: parsed.migrations.map((m, i) => ({
            from: m.from,
            rename: new Map(Object.entries(m.rename)),
            remove: m.remove,
            index: i,
            line: locate(doc, lineCounter, ['migrations', i], 'value').line
        }))
    };
}

/** The lineage fields a dataset's config names, each once, and the config key that names it. */
function lineageFields(dataset) {
    const fields = new Map();
    const l = dataset.lineage;
    if (l === undefined)
        return fields;
    for (const f of l.required)
        fields.set(f, 'lineage.required');
    if (l.timestamp !== undefined && !fields.has(l.timestamp)) {
        fields.set(l.timestamp, 'lineage.timestamp');
    }
    return fields;
}
async function readReference(ref, datasetName, trusted, items) {
    const files = await listFiles(trusted, ref.path, 'reference.path');
    if (files.length === 0) {
        throw new UserError(`reference '${ref.path}' matches no file at ${trusted.label}`, { field: `datasets.${datasetName}.reference.path` });
    }
    const builder = new ReferenceTableBuilder(items);
    const problems = [];
    for (const file of files) {
        const bytes = await mustRead(trusted, file);
        readReferenceFile(bytes, file, formatOf(file, ref.format), ref.fields, builder, problems);
    }
    return { table: builder.finish(), files, problems };
}
function newCodeSpace() {
    return {
        items: new Interner(),
        annotators: new Interner(),
        labels: new Interner()
    };
}
/** Records of a table holding each of `texts` (raw label text), by one pass over the codes. */
function countLabels(table, texts) {
    const counts = new Map();
    if (texts === undefined || texts.size === 0)
        return counts;
    const perCode = new Float64Array(table.labels.size);
    for (let r = 0; r < table.size; r++)
        perCode[table.label[r]]++;
    table.labels.values.forEach((text, code) => {
        if (texts.has(text))
            counts.set(text, perCode[code]);
    });
    return counts;
}
/**
 * Reads a dataset's annotation files from `labels` and its reference labels
 * from `trusted` (on a pull request, the base: a PR cannot rewrite its own gold
 * set). Returns null when the dataset has no file at this version.
 * `lineage`: also read the lineage fields the config names (the head only;
 * without it nothing more than item, annotator and label is read).
 */
async function readVersion(dataset, labels, trusted, vocabulary = {}, lineage = false, space = newCodeSpace()) {
    // Never the dataset's own reference or schema files, nor `exclude`d ones.
    const files = annotationFiles(await listFiles(labels, dataset.path, 'path'), dataset);
    if (files.length === 0)
        return null;
    const items = space.items;
    const extraKeys = lineage ? lineageFields(dataset) : new Map();
    const builder = new AnnotationTableBuilder(items, undefined, [...extraKeys.keys()], { annotators: space.annotators, labels: space.labels });
    const fields = { ...dataset.fields, extraKeys };
    const problems = [];
    for (const file of files) {
        const bytes = await mustRead(labels, file);
        readAnnotationFile(bytes, file, formatOf(file, dataset.format), fields, builder, problems);
    }
    // Base and head share one code space and one trusted side: the reference
    // labels are read once for both.
    let reference = null;
    if (dataset.reference !== undefined) {
        space.reference ??= readReference(dataset.reference, dataset.name, trusted, items);
        reference = await space.reference;
    }
    const table = builder.finish();
    let renamed = 0;
    if (vocabulary.renames !== undefined && vocabulary.renames.size > 0) {
        const labels = table.labels.values;
        const isRenamed = new Uint8Array(labels.length);
        labels.forEach((text, code) => {
            if (vocabulary.renames.has(text))
                isRenamed[code] = 1;
        });
        for (let r = 0; r < table.size; r++)
            renamed += isRenamed[table.label[r]];
    }
    const built = buildRatings(table, {
        level: dataset.level,
        categories: vocabulary.categories ?? dataset.categories,
        renames: vocabulary.renames,
        referenceRenames: vocabulary.referenceRenames,
        referenceOnly: vocabulary.referenceOnly,
        migrated: vocabulary.migrated
    }, reference?.table);
    return {
        ...built,
        problems: [...problems, ...(reference?.problems ?? []), ...built.problems],
        files,
        referenceFiles: reference?.files ?? [],
        renamed,
        counted: countLabels(table, vocabulary.count),
        lineage: extraKeys.size > 0 ? table : null
    };
}
/**
 * The label schema file at a version, when the config names one. It travels
 * with the labels: each version is checked against its own schema, and the
 * change between base and head is checked separately.
 */
async function readLabelSchema(dataset, source) {
    if (dataset.schema === undefined)
        return null;
    checkPattern(dataset.schema, 'schema');
    const bytes = await source.read(dataset.schema);
    if (bytes === undefined)
        return null;
    return loadLabelSchema(new TextDecoder().decode(bytes), dataset.schema);
}
async function listFiles(source, pattern, field) {
    checkPattern(pattern, field);
    return source.list(pattern);
}
async function mustRead(source, file) {
    const bytes = await source.read(file);
    if (bytes === undefined) {
        throw new UserError(`does not exist at ${source.label}`, { file });
    }
    return bytes;
}
/**
 * The head's own reference files, when the check reads the trusted ones from
 * the base: they are not used for the metrics, but after the merge they will
 * be, so a label in them that a migration renamed or removed is an error now,
 * at its file and line. A head without the files has nothing to check.
 */
async function migratedReferenceLabels(dataset, head, migrated) {
    const ref = dataset.reference;
    if (ref === undefined || migrated.size === 0)
        return [];
    const files = await listFiles(head, ref.path, 'reference.path');
    const builder = new ReferenceTableBuilder();
    const ignored = [];
    for (const file of files) {
        readReferenceFile(await mustRead(head, file), file, formatOf(file, ref.format), ref.fields, builder, ignored);
    }
    const table = builder.finish();
    const labels = table.labels.values;
    const log = new ProblemLog();
    for (let r = 0; r < table.size; r++) {
        const text = labels[table.label[r]];
        const why = migrated.get(text);
        if (why === undefined)
            continue;
        log.add('reference labels a migration renamed or removed', {
            severity: 'error',
            file: table.files[table.file[r]],
            line: table.line[r],
            field: 'label',
            message: `reference label '${text}' ${why}`
        });
    }
    return log.finish();
}

/**
 * A source whose files can be fetched ahead: the base's files are read (I/O,
 * and the kernel's first touch of the buffer's pages, on libuv's threads)
 * while the head is parsed on the main thread. Parsing stays in a fixed order,
 * so codes and results do not depend on which read finishes first.
 */
class PrefetchingSource {
    inner;
    label;
    pending = new Map();
    constructor(inner) {
        this.inner = inner;
        this.label = inner.label;
    }
    /** Starts reading every file a pattern matches; errors surface on `read`. */
    async prefetch(pattern) {
        const paths = await this.inner.list(pattern).catch(() => []);
        for (const p of paths) {
            if (!this.pending.has(p)) {
                const promise = this.inner.read(p);
                // Handled when read() takes it; avoid an unhandled rejection meanwhile.
                promise.catch(() => undefined);
                this.pending.set(p, promise);
            }
        }
    }
    list(pattern) {
        return this.inner.list(pattern);
    }
    read(path) {
        const promise = this.pending.get(path);
        if (promise === undefined)
            return this.inner.read(path);
        // Each prefetched file is read once; drop it so its buffer can be freed.
        this.pending.delete(path);
        return promise;
    }
}

function sameList(a, b) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
}
/**
 * Checks a schema change between base and head: categories may change only
 * with a higher version, and every category that disappears needs a migration
 * step (a rename or a removal) from a version at or after the base's. Renames
 * chain in version order (a → b at v1, b → c at v2 gives a → c).
 */
function compareSchemas(base, head) {
    const problems = [];
    const at = (message) => ({
        severity: 'error',
        file: head.file,
        line: 1,
        field: 'categories',
        message
    });
    const unchanged = sameList(base.categories, head.categories);
    if (unchanged && base.version === head.version) {
        return { change: null, renames: new Map(), steps: new Map(), problems };
    }
    if (head.version < base.version) {
        problems.push(at(`schema version went down from ${base.version} to ${head.version}; versions only go up`));
    }
    else if (!unchanged && head.version === base.version) {
        problems.push(at(`the categories changed but the schema version is still ${head.version}; raise it to ${base.version + 1} and add a migration`));
    }
    const steps = head.migrations
        .filter((m) => m.from >= base.version && m.from < head.version)
        .sort((a, b) => a.from - b.from);
    const renames = new Map();
    const firstStep = new Map();
    for (const c of base.categories) {
        let label = c;
        for (const step of steps) {
            if (!firstStep.has(c) && step.remove.includes(label)) {
                firstStep.set(c, step);
            }
            const next = step.rename.get(label);
            if (next === undefined)
                continue;
            if (!firstStep.has(c))
                firstStep.set(c, step);
            label = next;
        }
        if (label !== c)
            renames.set(c, label);
    }
    const removedByMigration = new Set(steps.flatMap((s) => s.remove));
    const headSet = new Set(head.categories);
    const baseSet = new Set(base.categories);
    const removed = [];
    for (const c of base.categories) {
        if (headSet.has(c))
            continue;
        const target = renames.get(c);
        if (target !== undefined) {
            if (!headSet.has(target)) {
                problems.push(at(`the migration renames '${c}' to '${target}', which is not a category of version ${head.version}`));
            }
            continue;
        }
        removed.push(c);
        if (!removedByMigration.has(c)) {
            problems.push(at(`category '${c}' was removed or renamed without a migration; add { from: ${base.version}, rename: { ${c}: <new> } } or remove: [${c}]`));
        }
    }
    const renamedTargets = new Set(renames.values());
    const added = head.categories.filter((c) => !baseSet.has(c) && !renamedTargets.has(c));
    return {
        change: {
            from_version: base.version,
            to_version: head.version,
            added,
            removed,
            renamed: [...renames].map(([from, to]) => ({ from, to })),
            affected_annotations: 0
        },
        renames,
        steps: firstStep,
        problems
    };
}

/** A schema's migration steps, oldest first. */
function stepsInOrder(schema) {
    return [...schema.migrations].sort((a, b) => a.from - b.from);
}
/**
 * Follows `label` through the schema's migrations, oldest first: renames
 * chain (a → b at v1, b → c at v2 gives a → c), a removal ends the chain.
 * A label that is a category of the schema is current and never migrated
 * (a name may come back as a new category), nor is one no migration names.
 */
function migrateLabel(schema, label, steps = stepsInOrder(schema)) {
    if (schema.categories.includes(label))
        return undefined;
    let current = label;
    let first;
    for (const step of steps) {
        if (step.remove.includes(current))
            return { to: null, step: first ?? step };
        const next = step.rename.get(current);
        if (next === undefined)
            continue;
        first ??= step;
        current = next;
    }
    return first === undefined ? undefined : { to: current, step: first };
}
/**
 * Every label the schema's migrations rename or remove and that is not a
 * category any more, with what becomes of it: the labels a file must no
 * longer hold once the schema is at its version.
 */
function migratedLabels(schema) {
    const steps = stepsInOrder(schema);
    const out = new Map();
    for (const step of steps) {
        for (const label of [...step.rename.keys(), ...step.remove]) {
            if (out.has(label))
                continue;
            const migrated = migrateLabel(schema, label, steps);
            if (migrated !== undefined)
                out.set(label, migrated);
        }
    }
    return out;
}
/** "the migration from version 1 in data/schema.yml (line 5)" */
function describeStep(schema, step) {
    return `the migration from version ${step.from} in ${schema.file} (line ${step.line})`;
}
/**
 * What to say about a record that still holds a label the schema's
 * migrations renamed or removed (after "label 'x' "), per such label.
 */
function migratedLabelMessages(schema) {
    const out = new Map();
    for (const [label, m] of migratedLabels(schema)) {
        out.set(label, m.to === null
            ? `was removed by ${describeStep(schema, m.step)}; relabel or delete the record`
            : `is the old name of '${m.to}' (renamed by ${describeStep(schema, m.step)}); run labelgate migrate to rewrite the label files`);
    }
    return out;
}

/**
 * Splits the renames that lead from the base's schema to the head's into
 * those that keep every distinction of the base's labels (applied to what is
 * read from the base) and those that would not (withheld): a rename onto a
 * category the base already has (including swaps), or several categories
 * renamed onto one. Which one is decided from the two schemas alone, so the
 * same migration is treated the same whatever the data holds.
 */
function splitRenames(base, comparison) {
    const baseSet = new Set(base.categories);
    const sources = new Map();
    for (const to of comparison.renames.values()) {
        sources.set(to, (sources.get(to) ?? 0) + 1);
    }
    const applied = new Map();
    const withheld = [];
    for (const [from, to] of comparison.renames) {
        const why = baseSet.has(to)
            ? 'existing'
            : sources.get(to) > 1
                ? 'merge'
                : undefined;
        if (why === undefined)
            applied.set(from, to);
        else
            withheld.push({ from, to, why, step: comparison.steps.get(from) });
    }
    return { applied, withheld };
}
function records(n, what) {
    return `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;
}
function uses(reference, annotations) {
    const parts = [];
    if (reference > 0)
        parts.push(records(reference, 'reference label'));
    if (annotations > 0)
        parts.push(records(annotations, 'base annotation'));
    return parts.join(' and ');
}
/**
 * The trust-boundary errors of a pull request whose head schema migrates
 * labels that the trusted base's data holds: each withheld rename that base
 * data uses, and each migration-removed category that the base's reference
 * labels use. Such a migration would rewrite the gold (or the base the
 * change is compared with), so it is not applied to them; the error says so,
 * at the migration's line in the schema file.
 */
function trustBoundaryProblems(head, comparison, withheld, reference, baseAnnotations) {
    const problems = [];
    const at = (step, field, message) => ({
        severity: 'error',
        file: head.file,
        line: step.line,
        field: `migrations[${step.index}].${field}`,
        message: `trust boundary: ${message}`
    });
    const from = (step) => `the migration from version ${step.from}`;
    for (const w of withheld) {
        const r = reference.get(w.from) ?? 0;
        const a = baseAnnotations.get(w.from) ?? 0;
        if (r + a === 0)
            continue;
        const what = w.why === 'existing'
            ? `renames '${w.from}' to '${w.to}', a category the base already has`
            : `merges '${w.from}' into '${w.to}' (with ${others(comparison, w)})`;
        problems.push(at(w.step, `rename.${w.from}`, `${from(w.step)} ${what}; the ${uses(r, a)} holding '${w.from}' ${r + a === 1 ? 'is read as it was' : 'are read as they were'}`));
    }
    for (const category of comparison.change?.removed ?? []) {
        const step = comparison.steps.get(category);
        const r = reference.get(category) ?? 0;
        if (step === undefined || r === 0)
            continue;
        problems.push(at(step, 'remove', `${from(step)} removes '${category}', which ${uses(r, 0)} ${r === 1 ? 'uses; it stays a gold label' : 'use; they stay gold labels'}, so annotations of those items are judged against '${category}'`));
    }
    return problems;
}
/** The other categories a merge renames onto the same name, quoted. */
function others(comparison, w) {
    return [...comparison.renames]
        .filter(([from, to]) => to === w.to && from !== w.from)
        .map(([from]) => `'${from}'`)
        .join(', ');
}

/** The whole check, pure over its sources: config → read → metrics → gates → report. */
async function runCheck(options) {
    const { config } = options;
    const wanted = options.datasets;
    if (wanted !== undefined) {
        const names = new Set(config.datasets.map((d) => d.name));
        for (const name of wanted) {
            if (!names.has(name)) {
                throw new UserError(`no dataset named '${name}' in ${options.configPath} (datasets: ${[...names].join(', ')})`, { field: '--dataset' });
            }
        }
    }
    const selected = config.datasets.filter((d) => wanted === undefined || wanted.includes(d.name));
    const timed = async (phase, work) => {
        const started = performance.now();
        const result = await work();
        options.onPhase?.(phase, performance.now() - started);
        return result;
    };
    const trusted = options.trusted ?? options.head;
    const notes = [...(options.notes ?? [])];
    const datasets = [];
    const artifacts = [];
    for (const dataset of selected) {
        // The label schema first: a migration changes how the base (and gold
        // labels read from the base) are read.
        const headSchema = await readLabelSchema(dataset, options.head);
        if (dataset.schema !== undefined && headSchema === null) {
            throw new UserError(`label schema not found at ${options.head.label}`, {
                file: dataset.schema,
                field: `datasets.${dataset.name}.schema`
            });
        }
        const baseSchema = options.base === undefined
            ? null
            : await readLabelSchema(dataset, options.base);
        const schema = baseSchema !== null && headSchema !== null
            ? compareSchemas(baseSchema, headSchema)
            : null;
        // The trust boundary: when the base is the trusted side (a pull request),
        // the head's migrations are applied to what is read from the base only
        // where they keep every distinction; the rest are withheld (and are an
        // error below when base data uses them).
        const trustBase = options.base !== undefined && trusted === options.base;
        const split = schema !== null && baseSchema !== null && trustBase
            ? splitRenames(baseSchema, schema)
            : undefined;
        const renames = split?.applied ?? schema?.renames;
        const referenceRenames = trustBase ? renames : undefined;
        // The base is read in the head's words: renamed labels become the new
        // names; removed ones, and withheld renames, stay as they were (their
        // change is a real one).
        const keptFromBase = schema !== null && headSchema !== null && baseSchema !== null
            ? baseSchema.categories.filter((c) => !headSchema.categories.includes(c) && !renames.has(c))
            : [];
        const baseCategories = schema !== null && headSchema !== null
            ? [...headSchema.categories, ...keptFromBase]
            : (baseSchema?.categories ?? undefined);
        const migrated = headSchema === null ? undefined : migratedLabelMessages(headSchema);
        const withheldLabels = new Set(split?.withheld.map((w) => w.from));
        // The base's files are read while the head is parsed; both are coded in
        // one code space, so the diff matches codes, not strings.
        const baseSource = options.base === undefined
            ? undefined
            : new PrefetchingSource(options.base);
        const prefetched = baseSource?.prefetch(dataset.path);
        const space = newCodeSpace();
        const [head, base] = await timed('read', async () => {
            const h = await readVersion(dataset, options.head, trusted, {
                categories: headSchema?.categories,
                referenceRenames,
                // The trusted gold keeps the categories the change may not rewrite.
                referenceOnly: trustBase ? keptFromBase : undefined,
                migrated
            }, dataset.lineage !== undefined, space);
            await prefetched;
            const b = baseSource === undefined
                ? undefined
                : await readVersion(dataset, baseSource, trusted, {
                    categories: baseCategories,
                    renames,
                    referenceRenames,
                    count: withheldLabels
                }, false, space);
            return [h, b];
        });
        if (head === null) {
            throw new UserError(`dataset '${dataset.name}': path '${dataset.path}' matches no file at ${options.head.label}`, { file: options.configPath, field: `datasets.${dataset.name}.path` });
        }
        if (base === null) {
            notes.push(`dataset '${dataset.name}' is new: no file matches '${dataset.path}' at the base`);
        }
        const evaluated = await evaluateDataset(dataset, head, base, timed, options.head.label, schema === null
            ? null
            : {
                change: schema.change === null
                    ? null
                    : {
                        ...schema.change,
                        affected_annotations: base?.renamed ?? 0
                    },
                problems: [
                    ...schema.problems,
                    ...(await schemaTrustProblems(dataset, options.head, trustBase, headSchema, schema, split, migrated, space, base?.counted))
                ]
            }, options.now, options.judge);
        datasets.push(evaluated.report);
        artifacts.push(evaluated.artifacts);
    }
    const report = {
        schema: REPORT_SCHEMA,
        passed: datasets.every((d) => d.passed),
        base: options.base?.label ?? null,
        head: options.head.label,
        config: { path: options.configPath, source: options.configSource },
        datasets,
        notes,
        version: VERSION
    };
    return { report, artifacts };
}
/**
 * On a pull request (the base trusted): the migrations the head may not
 * apply to base data that uses them, and the labels its own reference files
 * still hold that a migration renamed or removed (those files are not read
 * for the metrics, but will be after the merge).
 */
async function schemaTrustProblems(dataset, headSource, trustBase, head, schema, split, migrated, space, baseCounts) {
    if (!trustBase)
        return [];
    const problems = [];
    if (split !== undefined) {
        const reference = await space.reference;
        const watched = new Set([
            ...split.withheld.map((w) => w.from),
            ...(schema.change?.removed ?? [])
        ]);
        problems.push(...trustBoundaryProblems(head, schema, split.withheld, reference === undefined
            ? new Map()
            : countLabels(reference.table, watched), baseCounts ?? new Map()));
    }
    if (migrated !== undefined) {
        problems.push(...(await migratedReferenceLabels(dataset, headSource, migrated)));
    }
    return problems;
}

/** Where a config is looked for when none is named (DESIGN section 2), in order. */
const DEFAULT_CONFIG_PATHS = [
    '.github/labelgate.yml',
    'labelgate.yml'
];
/**
 * The config file to read: the one named (`--config`, the action's `config`
 * input), else the first default that exists. Pure: `exists` is injected.
 * An empty name counts as none, as an unset action input reads ''.
 */
function findConfigPath(explicit, exists) {
    if (explicit !== undefined && explicit !== '') {
        if (exists(explicit))
            return explicit;
        throw new UserError('config file not found', {
            file: explicit
        });
    }
    const found = DEFAULT_CONFIG_PATHS.find((p) => exists(p));
    if (found !== undefined)
        return found;
    throw new UserError(`no config file: looked for ${DEFAULT_CONFIG_PATHS.join(' and ')}; ` +
        "create one, or name another with --config (the action's 'config' input)");
}

/**
 * Writes through a temporary file and a rename, so a reader never sees half a
 * report and a failed run leaves the previous file as it was.
 */
async function writeFileAtomic(file, content) {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    try {
        await writeFile(temp, content, 'utf8');
        await rename(temp, file);
    }
    catch (error) {
        await rm(temp, { force: true });
        throw error;
    }
}

/** How an undefined (null) or absent number is shown. */
const MISSING = '—';
/** `value.toFixed(decimals)` without a sign on a value that rounds to zero. */
function formatFixed(value, decimals) {
    const text = value.toFixed(decimals);
    return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}
/** A coefficient to 3 places: `0.812`. */
function formatCoefficient(value, decimals = 3) {
    return value === null || value === undefined || !Number.isFinite(value)
        ? MISSING
        : formatFixed(value, decimals);
}
/** A proportion as a percent to 1 place: `0.8125` → `81.3%`. */
function formatPercent(value, decimals = 1) {
    return value === null || value === undefined || !Number.isFinite(value)
        ? MISSING
        : `${formatFixed(value * 100, decimals)}%`;
}
/** A metric's value in the metric's own style (percent or coefficient). */
function formatMetricValue(metric, value, extraDecimals = 0) {
    return isPercentMetric(metric)
        ? formatPercent(value, 1 + extraDecimals)
        : formatCoefficient(value, 3 + extraDecimals);
}
/** `[0.812, 0.861]`, or `[81.2%, 86.1%]`; empty without an interval. */
function formatInterval(ci, percent) {
    if (ci === undefined)
        return '';
    const f = percent ? formatPercent : formatCoefficient;
    return `[${f(ci.low)}, ${f(ci.high)}]`;
}
function formatMetricInterval(metric, ci) {
    return formatInterval(ci, isPercentMetric(metric));
}
/**
 * A difference between two values of a metric, signed: `+0.012`, `-0.040`,
 * or in percentage points for percent metrics: `-1.2 pp`. Zero has no sign.
 */
function formatDifference(metric, difference, signed = true) {
    if (difference === null ||
        difference === undefined ||
        !Number.isFinite(difference)) {
        return MISSING;
    }
    const percent = isPercentMetric(metric);
    const text = formatFixed(percent ? difference * 100 : difference, percent ? 1 : 3);
    const sign = signed && Number(text) > 0 ? '+' : '';
    return `${sign}${text}${percent ? ' pp' : ''}`;
}
/** Head minus base, signed; `—` when either is undefined. */
function formatDelta(metric, head, base) {
    if (head === null || head === undefined)
        return MISSING;
    if (base === null || base === undefined)
        return MISSING;
    return formatDifference(metric, head - base);
}
/** A count with thousands separators, the same on every machine: `1,200`. */
function formatCount(n) {
    if (n === null || n === undefined || !Number.isFinite(n))
        return MISSING;
    const sign = n < 0 ? '-' : '';
    const digits = String(Math.trunc(Math.abs(n)));
    return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/**
 * A gate's threshold and value as shown side by side. A `max_drop` threshold
 * is a difference (`0.020`, `2.0 pp`). When the usual places would show a
 * failing value equal to its threshold (`5.0%` against `5.0%`), more places
 * are used until the two differ, so the table never contradicts itself.
 */
function formatGateNumbers(gate) {
    const { metric, bound, threshold, value } = gate;
    const show = (x, extra) => bound === 'max_drop'
        ? formatDifference(metric, x, false)
        : formatMetricValue(metric, x, extra);
    let extra = 0;
    if (value !== null && bound !== 'max_drop' && value !== threshold) {
        while (extra < 4 && show(value, extra) === show(threshold, extra))
            extra++;
    }
    return {
        threshold: show(threshold, extra),
        value: value === null ? MISSING : formatMetricValue(metric, value, extra)
    };
}
/** `1 annotator`, `3,600 annotations`: a count with its noun. */
function formatCountOf(n, singular, plural = `${singular}s`) {
    return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
/** A count's share of a total as a percent; `—` when the total is zero. */
function formatShare(n, total) {
    return total > 0 ? formatPercent(n / total) : MISSING;
}
/** A difference of two proportions in percentage points: `+3.2 pp`. */
function formatPoints(difference) {
    return formatDifference('percent_agreement', difference);
}
/** A p-value as people read it: `p = 0.042`, `p < 0.001`. */
function formatPValue(p) {
    if (p === null || p === undefined || !Number.isFinite(p))
        return `p ${MISSING}`;
    if (p < 0.001)
        return 'p < 0.001';
    return `p = ${formatFixed(Math.min(1, p), 3)}`;
}
/** Pearson's chi-square test: `χ² = 12.34, df = 3, p = 0.006`. */
function formatChiSquare(test) {
    const statistic = Number.isFinite(test.statistic)
        ? formatFixed(test.statistic, 2)
        : MISSING;
    return `χ² = ${statistic}, df = ${formatCount(test.df)}, ${formatPValue(test.p_value)}`;
}

/**
 * The columns after the metric's name, the same in every renderer: base,
 * head and Δ with a base (else the value), this change with a slice, then
 * the head's interval and counts.
 */
function metricColumns(dataset) {
    const columns = dataset.base !== null ? ['base', 'head', 'Δ'] : ['value'];
    if (dataset.changed !== null)
        columns.push('this change');
    columns.push('95% interval', 'items', 'n');
    return columns;
}
/** One row's cells for `metricColumns`. */
function metricCells(dataset, name, show) {
    const head = dataset.head.metrics[name];
    const cells = [];
    if (dataset.base !== null) {
        const base = dataset.base.metrics[name];
        cells.push(show(name, base), show(name, head), formatDelta(name, head?.value, base?.value));
    }
    else {
        cells.push(show(name, head));
    }
    if (dataset.changed !== null) {
        cells.push(show(name, dataset.changed.metrics[name]));
    }
    cells.push(formatMetricInterval(name, head?.ci), head?.n_items === undefined ? '' : formatCount(head.n_items), head?.n === undefined ? '' : formatCount(head.n));
    return cells;
}

/**
 * Per-annotator gates give one row per annotator; with hundreds of annotators
 * the passing rows drown the ones that matter. Each `annotator.*` gate bound
 * keeps its rows that did not pass, in order, followed by one row counting
 * those that passed (when two or more did); other gates are unchanged.
 */
function compactAnnotatorGates(gates) {
    const groups = new Map();
    const order = [];
    for (const g of gates) {
        if (g.annotator === undefined) {
            order.push(g);
            continue;
        }
        const key = `${g.metric}\u0000${g.bound}`;
        let group = groups.get(key);
        if (group === undefined) {
            group = { all: [], kept: [], passed: [] };
            groups.set(key, group);
            order.push(key);
        }
        group.all.push(g);
        if (g.status === 'pass')
            group.passed.push(g);
        else
            group.kept.push(g);
    }
    const out = [];
    for (const entry of order) {
        if (typeof entry !== 'string') {
            out.push(entry);
            continue;
        }
        const { all, kept, passed } = groups.get(entry);
        // A single passing row says more than a count of one.
        if (passed.length < 2) {
            out.push(...all);
            continue;
        }
        out.push(...kept);
        {
            const { annotator: _annotator, ...first } = passed[0];
            out.push({
                ...first,
                value: null,
                message: `${passed.length} annotators pass`
            });
        }
    }
    return out;
}

/**
 * Numbered notes under a table, one per distinct text, so that a reason shared
 * by many undefined values (for example "no reference labels are configured")
 * is written once.
 */
class Footnotes {
    style;
    numbers = new Map();
    constructor(style) {
        this.style = style;
    }
    /** The marker to put next to a value: `¹` or `[1]`. */
    mark(text) {
        let n = this.numbers.get(text);
        if (n === undefined) {
            n = this.numbers.size + 1;
            this.numbers.set(text, n);
        }
        return this.marker(n);
    }
    /** Notes in the order they were first marked. */
    entries() {
        return [...this.numbers].map(([text, n]) => ({
            marker: this.marker(n),
            text
        }));
    }
    get size() {
        return this.numbers.size;
    }
    marker(n) {
        if (this.style === 'bracket')
            return `[${n}]`;
        return String(n).replace(/\d/g, (d) => SUPERSCRIPT_DIGITS[Number(d)]);
    }
}
const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function gateOutcome(gate) {
    if (gate.status === 'pass')
        return 'pass';
    if (gate.status === 'not_applicable' || gate.status === 'too_few_items')
        return 'undefined-pass';
    if (gate.status === 'pre_existing')
        return 'warn';
    if (gate.status === 'undefined') {
        if (gate.on_undefined === 'pass')
            return 'undefined-pass';
        if (gate.on_undefined === 'warn')
            return 'warn';
    }
    return gate.severity === 'warning' ? 'warn' : 'fail';
}

/**
 * "v1 → v2: renamed pos → positive; added mixed; removed spam (12 base
 * annotations renamed)". `label` formats each label for the target (escaped
 * Markdown or cleaned terminal text); they come from a schema file in the PR.
 */
function schemaChangeText(change, label) {
    const parts = [];
    if (change.renamed.length > 0) {
        parts.push(`renamed ${change.renamed.map((r) => `${label(r.from)} → ${label(r.to)}`).join(', ')}`);
    }
    if (change.added.length > 0) {
        parts.push(`added ${change.added.map(label).join(', ')}`);
    }
    if (change.removed.length > 0) {
        parts.push(`removed ${change.removed.map(label).join(', ')}`);
    }
    const what = parts.length > 0 ? parts.join('; ') : 'no category changed';
    const affected = change.affected_annotations > 0
        ? ` (${change.affected_annotations.toLocaleString('en-US')} base annotation${change.affected_annotations === 1 ? '' : 's'} renamed before the diff)`
        : '';
    return `v${change.from_version} → v${change.to_version}: ${what}${affected}`;
}

/** A collapsible section; `summary` and `body` must already be safe Markdown. */
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** `and 12 more annotators.` under a shortened table; empty when none is hidden. */
function more(hidden, what) {
    return hidden > 0 ? `\n\n_and ${formatCount(hidden)} more ${what}._` : '';
}

/**
 * Text from a label file made safe to show on one line: ANSI escape sequences
 * removed whole (so `ESC[2J` leaves nothing behind), line breaks and tabs turned
 * into spaces, other control characters and the bidirectional overrides that can
 * make text display in a different order from how it reads ("Trojan Source")
 * dropped, and lone surrogates (from a cut string) replaced.
 */
function cleanText(text) {
    return text
        .replace(ANSI_SEQUENCE, '')
        .replace(LINE_BREAK, ' ')
        .replace(CONTROL, '')
        .replace(LONE_SURROGATE, '\uFFFD');
}
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \) and two-character escapes.
const ANSI_SEQUENCE = 
// eslint-disable-next-line no-control-regex
/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]/g;
const LINE_BREAK = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
// \p{Cc}: C0, DEL and C1 controls (C1 includes the one-byte CSI, U+009B).
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string from a data file (annotator id, label, item id, path, message),
 * made inert for GitHub Markdown: it renders as the same visible text, on one
 * line, inside a table cell or anywhere else. Label files are untrusted input.
 *
 * - Markdown punctuation is backslash-escaped, so no link, emphasis, code span,
 *   heading, list, strikethrough or table cell boundary (`|`) can start.
 * - `<`, `>` and `&` become entities, so no HTML (`<img onerror>`, comments
 *   such as our own `<!-- labelgate:report -->` marker) and no entity survive.
 * - A zero-width space goes after `@` (no @mention notifies anyone), between
 *   `#` or `GH-` and a digit (GitHub links issue references in the rendered
 *   text, after backslash escapes are gone, so `\#123` alone would still link
 *   and post a cross-reference on that issue), and inside `://` (no autolink).
 * - Line breaks become spaces and control characters are dropped (cleanText).
 */
function escapeMarkdown(text) {
    return cleanText(text).replace(SPECIAL, (ch, offset, whole) => {
        switch (ch) {
            case '&':
                return '&amp;';
            case '<':
                return '&lt;';
            case '>':
                return '&gt;';
            case '@':
                return '@' + ZWSP;
            case ':':
                // GitHub autolinks `https://x\.y` even escaped, showing the backslash
                // in the link; a zero-width space after the colon stops that.
                return whole.startsWith('//', offset + 1) ? ':' + ZWSP : ':';
            case '#':
                return isDigit(whole, offset + 1) ? '\\#' + ZWSP : '\\#';
            case '-':
                return isDigit(whole, offset + 1) &&
                    whole.slice(Math.max(0, offset - 2), offset).toLowerCase() === 'gh'
                    ? ZWSP + '\\-'
                    : '\\-';
            default:
                return '\\' + ch;
        }
    });
}
const ZWSP = '\u200B';
const SPECIAL = /[\\`*_{}[\]()#+\-.!|~<>&@:]/g;
function isDigit(text, index) {
    const c = text.charCodeAt(index);
    return c >= 48 && c <= 57;
}

/**
 * At most `max` code points, the last one an ellipsis when the text was cut.
 * Counting code points, not UTF-16 units, never splits a surrogate pair.
 */
function shorten(text, max) {
    // A string's UTF-16 length is never below its code point count.
    if (text.length <= max)
        return text;
    const points = Array.from(text);
    if (points.length <= max)
        return text;
    return points.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** Longest data string shown in a table cell, in code points, before escaping. */
const CELL_TEXT_MAX = 80;
/**
 * Data text for Markdown: cleaned, shortened (so one 10,000-character label
 * cannot take over a table) and escaped.
 */
function dataText(text, max = CELL_TEXT_MAX) {
    return escapeMarkdown(shorten(cleanText(text), max));
}
/**
 * A name we expect to be an identifier (a metric, a config path) as inline
 * code; anything with other characters falls back to escaped text, because
 * escapes do not work inside a code span.
 */
function codeOrText(text, max = CELL_TEXT_MAX) {
    return /^[A-Za-z0-9_./-]+$/.test(text) && text.length <= max
        ? `\`${text}\``
        : dataText(text, max);
}

/**
 * A GitHub-flavoured Markdown table. Cells must already be Markdown that is
 * safe in a cell (escaped data, no line break, no unescaped `|`).
 */
function markdownTable(header, rows, align = []) {
    const rule = header.map((_, i) => {
        const a = align[i] ?? 'left';
        return a === 'right' ? '---:' : a === 'center' ? ':---:' : '---';
    });
    return [header, rule, ...rows].map(line).join('\n');
}
function line(cells) {
    // An empty cell still needs content between its pipes to keep its column.
    return `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
}

/** Longest axis label, in code points; the full label is in the table. */
const CHART_LABEL_MAX = 24;
/**
 * A label from a data file made safe inside a quoted Mermaid string in a
 * fenced code block. Only letters, marks, digits, spaces and `_ . , + / ( ) '`
 * and single hyphens survive; everything else (quotes, brackets, backticks,
 * `<`, `>`, `%`, `#`, `;`, `:`, `@`, line breaks) becomes a space. So a label
 * cannot end the string (`"`), the axis list (`]`), the diagram line or the
 * code block (a backtick fence needs a backtick and a line break), start a
 * directive or comment (`%%`), an entity (`#…;`) or an arrow (`-->`).
 */
function mermaidText(text, max = CHART_LABEL_MAX) {
    const safe = cleanText(text)
        .replace(/[^\p{L}\p{M}\p{N} _.,+/()'-]+/gu, ' ')
        .replace(/-{2,}/g, '-')
        .replace(/\s+/g, ' ')
        .trim();
    return shorten(safe, max);
}
/**
 * Axis labels for the chart: sanitised, never empty, and distinct (a band
 * axis with two equal labels would draw both bars in one place).
 */
function chartLabels(labels) {
    const seen = new Set();
    return labels.map((label, k) => {
        let text = mermaidText(label);
        if (text === '')
            text = `label ${k + 1}`;
        for (let n = 2; seen.has(text); n++) {
            text = `${mermaidText(label, 16)} (${n})`;
        }
        seen.add(text);
        return text;
    });
}
/**
 * A Mermaid `xychart-beta` of label shares, in percent. The head is drawn as
 * bars and the base as a line: Mermaid draws two bar series over each other
 * (or, in newer versions, stacked), which would hide or add up the shares.
 * Without a base (a new dataset) only the bars are drawn.
 */
function shareChart(labels, base, head) {
    const shares = (counts) => {
        const total = counts.reduce((s, n) => s + n, 0);
        return labels.map((_, k) => total > 0 ? ((counts[k] ?? 0) / total) * 100 : 0);
    };
    const headShares = shares(head);
    const baseShares = base === null ? null : shares(base);
    const highest = Math.max(...headShares, ...(baseShares ?? []));
    const top = Math.min(100, Math.max(10, Math.ceil(highest / 10) * 10));
    const numbers = (values) => `[${values.map((v) => formatFixed(v, 1)).join(', ')}]`;
    const axis = chartLabels(labels)
        .map((l) => `"${l}"`)
        .join(', ');
    const title = baseShares === null
        ? 'Label share at the head (%)'
        : 'Label share (%): bars head, line base';
    const lines = [
        '```mermaid',
        'xychart-beta',
        `  title "${title}"`,
        `  x-axis [${axis}]`,
        `  y-axis "Share (%)" 0 --> ${top}`,
        `  bar ${numbers(headShares)}`
    ];
    if (baseShares !== null)
        lines.push(`  line ${numbers(baseShares)}`);
    lines.push('```');
    return lines.join('\n');
}

/** A chart helps between these label counts; beyond, the axis is unreadable. */
const CHART_MIN_LABELS = 2;
const CHART_MAX_LABELS = 30;
function shiftView(shift) {
    if (shift === null || shift.labels.length === 0)
        return null;
    const baseTotal = sum(shift.base);
    const headTotal = sum(shift.head);
    const change = shift.labels.map((_, k) => baseTotal > 0 && headTotal > 0
        ? Math.abs((shift.head[k] ?? 0) / headTotal - (shift.base[k] ?? 0) / baseTotal)
        : (shift.head[k] ?? 0) + (shift.base[k] ?? 0));
    const biggestShifts = shift.labels
        .map((_, k) => k)
        .sort((a, b) => change[b] - change[a] || a - b);
    return { shift, baseTotal, headTotal, biggestShifts };
}
/**
 * The "What changed" part of a dataset with a diff: the counts, the class
 * distribution base → head with its Jensen-Shannon distance and chi-square
 * test, a chart of the shares, and the relabeled annotations. Every label,
 * item and annotator is escaped (tables) or sanitised (the chart).
 */
function changesBlocks(dataset, view, detail) {
    const diff = dataset.diff;
    if (diff === null)
        return [];
    const isNew = dataset.base === null;
    const lines = [];
    if (isNew) {
        lines.push('- **New dataset:** it is not at the base, so all of it is added.');
    }
    lines.push(`- **Change:** ${diffCounts(diff)}`);
    const schema = dataset.schema_change ?? null;
    if (schema !== null) {
        lines.push(`- **Label schema:** ${schemaChangeText(schema, (t) => dataText(t, 40))}`);
    }
    const compared = view !== null && view.baseTotal > 0 && view.headTotal > 0;
    if (view !== null && compared) {
        lines.push(`- **Label shift:** ${shiftStatistics(view.shift)}`);
    }
    const blocks = [`**What changed**\n\n${lines.join('\n')}`];
    if (view !== null && detail.shiftLabels > 0) {
        blocks.push(distributionTable(view, detail.shiftLabels));
    }
    const n = view?.shift.labels.length ?? 0;
    if (view !== null &&
        detail.chart &&
        view.headTotal > 0 &&
        n >= CHART_MIN_LABELS &&
        n <= CHART_MAX_LABELS) {
        const { shift } = view;
        blocks.push(shareChart(shift.labels, view.baseTotal > 0 ? shift.base : null, shift.head));
    }
    const relabeled = relabeledSection(dataset, detail.relabeled);
    if (relabeled !== null)
        blocks.push(relabeled);
    return blocks;
}
function diffCounts(d) {
    return (`${formatCountOf(d.items_added, 'item')} added, ` +
        `${formatCount(d.items_removed)} removed · ` +
        `${formatCountOf(d.annotations_added, 'annotation')} added, ` +
        `${formatCount(d.annotations_removed)} removed · ` +
        `${formatCountOf(d.labels_changed, 'label')} changed`);
}
function shiftStatistics(shift) {
    const js = shift.jensen_shannon;
    const distance = js.value === null
        ? `${MISSING} (${dataText(js.reason ?? 'undefined', 200)})`
        : formatCoefficient(js.value);
    const test = shift.chi_square === null
        ? 'chi-square test (new vs unchanged labels) not applicable'
        : `chi-square test (new vs unchanged labels) ${formatChiSquare(shift.chi_square)}`;
    return `Jensen-Shannon distance ${distance} · ${test}`;
}
function distributionTable(view, limit) {
    const { shift, baseTotal, headTotal } = view;
    const withBase = baseTotal > 0;
    // Too many labels: keep the largest shifts, shown in label order.
    const keep = view.biggestShifts.slice(0, limit).sort((a, b) => a - b);
    const rows = keep.map((k) => {
        const b = shift.base[k] ?? 0;
        const h = shift.head[k] ?? 0;
        const row = [dataText(shift.labels[k], 40)];
        if (withBase)
            row.push(formatCount(b), formatShare(b, baseTotal));
        row.push(formatCount(h), formatShare(h, headTotal));
        if (withBase) {
            row.push(headTotal > 0 ? formatPoints(h / headTotal - b / baseTotal) : MISSING);
        }
        return row;
    });
    const header = withBase
        ? ['Label', 'Base', 'Base share', 'Head', 'Head share', 'Δ share']
        : ['Label', 'Head', 'Head share'];
    const align = header.map((_, i) => (i === 0 ? 'left' : 'right'));
    const table = markdownTable(header, rows, align);
    const hidden = shift.labels.length - keep.length;
    const title = withBase
        ? `Class distribution, base → head (${formatCountOf(shift.labels.length, 'label')})`
        : `Class distribution at the head (${formatCountOf(shift.labels.length, 'label')})`;
    const rest = withBase
        ? 'labels with smaller shifts'
        : 'labels with fewer annotations';
    return `${title}\n\n${table}${more(hidden, rest)}`;
}
function relabeledSection(dataset, limit) {
    const listed = dataset.relabeled;
    const total = Math.max(dataset.diff?.labels_changed ?? 0, listed.length);
    if (total === 0)
        return null;
    const what = total === 1 ? 'annotation' : 'annotations';
    if (listed.length === 0) {
        return `_${formatCount(total)} relabeled ${what}, not listed in the report._`;
    }
    if (limit === 0) {
        return `**Relabeled ${what}:** ${formatCount(total)} (rows left out to fit the size limit).`;
    }
    const shown = listed.slice(0, limit);
    const rows = shown.map((r) => [
        dataText(r.item, 40),
        dataText(r.annotator, 40),
        `${dataText(r.from, 40)} → ${dataText(r.to, 40)}`
    ]);
    const table = markdownTable(['Item', 'Annotator', 'Old → new label'], rows);
    const summary = shown.length < total
        ? `Relabeled annotations (showing ${formatCount(shown.length)} of ${formatCount(total)})`
        : `Relabeled ${what} (${formatCount(total)})`;
    return details(summary, table);
}
function sum(values) {
    return values.reduce((s, n) => s + n, 0);
}

/**
 * Text shared by the Markdown and terminal renderers for the governance
 * sections (annotator drift, adjudication queue, QC sample). Everything here
 * is built from numbers and fixed words only, never from a data string, so it
 * is safe in both targets as it is; data strings are formatted by the caller.
 */
/** Drift rows worth listing: those with an accuracy in the change. */
function driftRowsInChange(rows) {
    return rows.filter((r) => r.changed.value !== null);
}
/** `2 of 14 annotators flagged`: the drift section's headline. */
function driftHeadline(listed) {
    let flagged = 0;
    for (const r of listed)
        if (r.flagged)
            flagged++;
    return `${formatCount(flagged)} of ${formatCountOf(listed.length, 'annotator')} in this change flagged`;
}
/** An accuracy with the reference items it rests on: `91.2% (340)`. */
function accuracyWithN(m) {
    if (m.value === null)
        return MISSING;
    const n = m.n ?? m.n_items;
    return n === undefined
        ? formatPercent(m.value)
        : `${formatPercent(m.value)} (${formatCount(n)})`;
}
/** A one-sided p-value as a bare number: `0.042`, `< 0.001`, `—`. */
function pValueText(p) {
    if (p === null || !Number.isFinite(p))
        return MISSING;
    return p < 0.001 ? '< 0.001' : formatFixed(Math.min(1, p), 3);
}
/** Mean kappa at the base and the head: `0.712 → 0.655`. */
function kappaChange(row) {
    return `${formatCoefficient(row.kappa_base.value)} → ${formatCoefficient(row.kappa_head.value)}`;
}
/**
 * `12 items need a decision among the items this change touched: 3 ties,
 * 8 low-share, 2 disagree with the reference; 4 decided by the tie-breaker`.
 * The reasons can overlap (a 1-1-1 split is a tie and low-share).
 */
function adjudicationCountsText(queue) {
    const c = queue.counts;
    const scope = queue.scope === 'changed'
        ? 'among the items this change touched'
        : 'among all items';
    if (queue.total === 0)
        return `no item needs a decision ${scope}`;
    const need = queue.total === 1 ? 'item needs' : 'items need';
    return (`${formatCount(queue.total)} ${need} a decision ${scope}: ` +
        `${formatCountOf(c.tie, 'tie')}, ${formatCount(c.low_share)} low-share, ` +
        `${formatCount(c.disagrees_with_reference)} ${c.disagrees_with_reference === 1 ? 'disagrees' : 'disagree'} with the reference; ` +
        `${formatCount(c.decided)} decided by the tie-breaker`);
}
const REASON_TEXT = {
    tie: 'tie',
    low_share: 'low share',
    disagrees_with_reference: 'disagrees with the reference'
};
/** A reason in words; an unknown one (a hand-edited report) as it is, for the caller to escape. */
function reasonText(reason) {
    return Object.hasOwn(REASON_TEXT, reason) ? REASON_TEXT[reason] : reason;
}
/**
 * `120 of 3,400 annotations · Cochran: ±5.0% at 95% confidence (p = 0.5,
 * z = 1.960): n0 = 384.2 → n = 120 with the finite population correction ·
 * 24 strata (label × annotator)`.
 */
function qcSampleText(sample) {
    const parts = [
        `${formatCount(sample.size)} of ${formatCountOf(sample.population, 'annotation')}`
    ];
    const f = sample.formula;
    if (f === null) {
        parts.push('a fixed size');
    }
    else {
        parts.push(`Cochran: ±${formatPercent(f.margin)} at ${formatPercent(f.confidence)} confidence ` +
            `(p = ${formatCoefficient(f.p, 2)}, z = ${formatCoefficient(f.z)}): ` +
            `n0 = ${formatCoefficient(f.n0, 1)} → n = ${formatCount(sample.size)} ` +
            `with the finite population correction`);
    }
    parts.push(`${formatCountOf(sample.strata.length, 'stratum', 'strata')} (label × annotator)`);
    return parts.join(' · ');
}

/** Label pairs in one adjudication cell; the rest are counted. */
const LABELS_PER_CELL = 6;
const ADJUDICATION_FILE = "The full queue is in the adjudication file (the action's `adjudication` output; the CLI's `--adjudication FILE`).";
const QC_FILE = "The sampled annotations are in the QC sample file, not in this comment (the action's `qc-sample` output; the CLI's `--qc-sample FILE`).";
const LEFT_OUT = '(rows left out to fit the size limit)';
/** The drift rows to list, computed once however many budgets are tried. */
function driftView(dataset) {
    return driftRowsInChange(dataset.annotator_drift ?? []);
}
/**
 * The governance sections of a dataset, after its other sections: annotator
 * drift, the adjudication queue and the QC sample. Each keeps a one-line
 * summary at any detail level; its rows shrink, then go, as the budget
 * tightens. Every item, label and annotator is escaped.
 */
function governanceBlocks(dataset, drift, detail) {
    const blocks = [];
    const d = driftSection(dataset, drift, detail);
    if (d !== null)
        blocks.push(d);
    const queue = dataset.adjudication ?? null;
    if (queue !== null)
        blocks.push(adjudicationSection(queue, detail));
    const sample = dataset.qc_sample ?? null;
    if (sample !== null)
        blocks.push(qcSection(sample, detail.qcStrata));
    return blocks;
}
const DRIFT_HEADER = [
    'Annotator',
    'Accuracy at base (n)',
    'This change (n)',
    'Head (n)',
    'Drop (base − change)',
    'p (one-sided)',
    'Mean κ base → head'
];
const DRIFT_ALIGN = [
    'left',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right'
];
function driftSection(dataset, listed, detail) {
    if (listed.length === 0)
        return null;
    const all = dataset.annotator_drift ?? [];
    const notInChange = all.length - listed.length;
    const absent = notInChange > 0
        ? ` ${formatCountOf(notInChange, 'more annotator')} without reference items in this change ${notInChange === 1 ? 'is' : 'are'} not listed.`
        : '';
    const warn = listed.some((r) => r.flagged) ? ' ⚠️' : '';
    const headline = `**Annotator drift:** ${driftHeadline(listed)}${warn} ` +
        `(one-sided two-proportion z-test of accuracy in this change against the base), worst first.${absent}`;
    if (detail.driftRows === 0)
        return `${headline} ${LEFT_OUT}`;
    const open = listed.slice(0, detail.driftRows);
    const rest = listed.slice(open.length, open.length + Math.max(0, detail.driftMore));
    const hidden = listed.length - open.length - rest.length;
    let block = `${headline}\n\n${driftTable(open)}`;
    if (rest.length > 0) {
        block +=
            '\n\n' +
                details(`${formatCount(rest.length)} more annotators`, driftTable(rest) + more(hidden, 'annotators'));
    }
    else {
        block += more(hidden, 'annotators');
    }
    return block;
}
function driftTable(rows) {
    return markdownTable(DRIFT_HEADER, rows.map((r) => [
        (r.flagged ? '⚠️ ' : '') + dataText(r.annotator, 40),
        accuracyWithN(r.base),
        accuracyWithN(r.changed),
        accuracyWithN(r.head),
        formatPoints(r.drop),
        pValueText(r.p_value),
        kappaChange(r)
    ]), [...DRIFT_ALIGN]);
}
function adjudicationSection(queue, detail) {
    const rows = queue.rows ?? [];
    if (queue.total === 0 && rows.length === 0) {
        return `**Adjudication queue:** ${adjudicationCountsText(queue)}.`;
    }
    const line = `**Adjudication queue:** ${adjudicationCountsText(queue)}. ${ADJUDICATION_FILE}`;
    if (rows.length === 0)
        return line;
    if (detail.adjudicationRows === 0)
        return `${line} ${LEFT_OUT}`;
    const shown = rows.slice(0, detail.adjudicationRows);
    const table = markdownTable(['Item', 'Reasons', 'Majority (share)', 'Reference', 'Decision', 'Labels'], shown.map(adjudicationCells));
    const total = Math.max(queue.total, rows.length);
    return `${line}\n\n${details(`First ${formatCount(shown.length)} of ${formatCount(total)} queued items`, table + more(total - shown.length, 'items in the file'))}`;
}
function adjudicationCells(row) {
    const labels = Object.entries(row.labels ?? {});
    const pairs = labels
        .slice(0, LABELS_PER_CELL)
        .map(([a, label]) => `${dataText(a, 24)}: ${dataText(label, 24)}`);
    if (labels.length > LABELS_PER_CELL) {
        pairs.push(`+${formatCount(labels.length - LABELS_PER_CELL)} more`);
    }
    const decision = row.decision === null
        ? MISSING
        : dataText(row.decision, 40) +
            (row.decided_by === null ? '' : ` (${decidedBy(row.decided_by)})`);
    return [
        dataText(row.item, 40),
        (row.reasons ?? []).map((r) => dataText(reasonText(r), 40)).join(', '),
        `${row.majority === null ? MISSING : dataText(row.majority, 40)} (${formatPercent(row.majority_share)})`,
        row.reference === null ? MISSING : dataText(row.reference, 40),
        decision,
        pairs.join('; ')
    ];
}
/** `reference`, or `senior:<id>` shown as `senior <id>`. */
function decidedBy(by) {
    return by.startsWith('senior:')
        ? `senior ${dataText(by.slice('senior:'.length), 24)}`
        : dataText(by, 24);
}
function qcSection(sample, limit) {
    const line = `**QC sample:** ${qcSampleText(sample)}. ${QC_FILE}`;
    const strata = sample.strata ?? [];
    if (strata.length === 0)
        return line;
    if (limit === 0)
        return `${line} ${LEFT_OUT}`;
    const shown = strata.slice(0, limit);
    const table = markdownTable(['Label', 'Annotator', 'Population', 'Sampled'], shown.map((s) => [
        dataText(s.label, 40),
        dataText(s.annotator, 40),
        formatCount(s.population),
        formatCount(s.sampled)
    ]), ['left', 'left', 'right', 'right']);
    return `${line}\n\n${details(`Strata (${formatCount(strata.length)}, by label then annotator)`, table + more(strata.length - shown.length, 'strata'))}`;
}

/** Tools named in the line; the rest are counted. */
const TOOLS_SHOWN = 5;
/**
 * The one-line lineage summary of a dataset, shared by the Markdown and
 * terminal renderers: `Lineage (annotations this change added or
 * relabeled): 1,234 checked · 3 without complete lineage (tool 2,
 * labeled_at 1) · tools: label-studio 1,200, prodigy 34 · 12 annotators ·
 * 2024-05-01 09:00 → 2024-05-03 17:12 UTC`. `data` makes a string from the
 * report (a tool name, a field name, a time) safe for the target.
 */
function lineageText(lineage, data, title = (t) => t) {
    const scope = lineage.scope === 'changed'
        ? 'annotations this change added or relabeled'
        : 'all annotations';
    const parts = [formatCount(lineage.checked) + ' checked'];
    const why = [];
    for (const [field, n] of Object.entries(lineage.missing ?? {})) {
        if (n > 0)
            why.push(`${data(field)} missing ${formatCount(n)}`);
    }
    if (lineage.invalid_timestamps > 0) {
        why.push(`${formatCount(lineage.invalid_timestamps)} invalid timestamps`);
    }
    if (lineage.future_timestamps > 0) {
        why.push(`${formatCount(lineage.future_timestamps)} in the future`);
    }
    parts.push(lineage.incomplete > 0
        ? `${formatCount(lineage.incomplete)} without complete lineage (${why.join(', ')})`
        : 'all with complete lineage');
    if (lineage.tools !== null && lineage.tools !== undefined) {
        const tools = Object.entries(lineage.tools);
        const shown = tools
            .slice(0, TOOLS_SHOWN)
            .map(([tool, n]) => `${data(tool)} ${formatCount(n)}`);
        if (tools.length > TOOLS_SHOWN) {
            shown.push(`${formatCount(tools.length - TOOLS_SHOWN)} more`);
        }
        parts.push(`tools: ${shown.length === 0 ? 'none' : shown.join(', ')}`);
    }
    parts.push(formatCountOf(lineage.annotators, 'annotator'));
    if (lineage.first !== null && lineage.last !== null) {
        parts.push(`${data(minute(lineage.first))} → ${data(minute(lineage.last))}`);
    }
    return `${title(`Lineage (${scope}):`)} ${parts.join(' · ')}`;
}
/** `2024-05-01T09:00:12.000Z` -> `2024-05-01 09:00 UTC`; other text as it is. */
function minute(iso) {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}.*Z$/.test(iso)
        ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
        : iso;
}
/** The Markdown block: one line, or none when lineage is not configured. */
function lineageMarkdown(dataset) {
    const lineage = dataset.lineage ?? null;
    if (lineage === null)
        return [];
    return [
        lineageText(lineage, (t) => dataText(t, 40), (t) => `**${t}**`)
    ];
}
/** The terminal lines: a blank line and the summary, or none. */
function lineageLines(dataset) {
    const lineage = dataset.lineage ?? null;
    if (lineage === null)
        return [];
    return ['', `  ${lineageText(lineage, (t) => shorten(cleanText(t), 40))}`];
}

/**
 * The order rows are shown in, shared by the Markdown and terminal renderers
 * so both tell the same story: the rows that need attention come first.
 */
/** Metrics of any version, contract order first, then any others by name. */
function metricNames(dataset) {
    const names = new Set();
    for (const version of [dataset.head, dataset.base, dataset.changed]) {
        if (version !== null) {
            for (const name of Object.keys(version.metrics))
                names.add(name);
        }
    }
    const rank = (name) => {
        const i = DATASET_METRICS.indexOf(name);
        return i === -1 ? DATASET_METRICS.length : i;
    };
    return [...names].sort((a, b) => rank(a) - rank(b) || compareText(a, b));
}
/**
 * Lowest accuracy first; among equals, the one with more reference annotations
 * (stronger evidence) first. Annotators without an accuracy go last.
 */
function annotatorsWorstFirst(annotators) {
    return Object.entries(annotators).sort(([idA, a], [idB, b]) => {
        const x = a.accuracy.value;
        const y = b.accuracy.value;
        if (x === null || y === null) {
            if (x !== y)
                return x === null ? 1 : -1;
        }
        else if (x !== y) {
            return x - y;
        }
        return ((b.accuracy.n ?? 0) - (a.accuracy.n ?? 0) ||
            b.annotations - a.annotations ||
            compareText(idA, idB));
    });
}
/** Pairs resting on the most shared items first. */
function pairsByItems(pairs) {
    return [...pairs].sort((p, q) => q.n_items - p.n_items || compareText(p.a, q.a) || compareText(p.b, q.b));
}
/** Errors first, then by file and line (a copy; the report is not changed). */
function problemsWorstFirst(problems) {
    return [...problems].sort(compareProblems);
}
function countProblems(problems) {
    let errors = 0;
    for (const p of problems)
        if (p.severity === 'error')
            errors++;
    return { errors, warnings: problems.length - errors };
}
/**
 * At most `limit` gate rows, in config order. When some must be left out,
 * rows that did not pass are kept before passing ones, so a failure is never
 * hidden behind a page of annotators who passed.
 */
function gatesToShow(gates, limit) {
    if (gates.length <= limit)
        return { shown: gates, hidden: 0 };
    const notPassed = gates.filter((g) => g.status !== 'pass');
    const passed = gates.filter((g) => g.status === 'pass');
    const keep = new Set([...notPassed, ...passed].slice(0, limit));
    return {
        shown: gates.filter((g) => keep.has(g)),
        hidden: gates.length - keep.size
    };
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A base or head as people read it: a full commit SHA (SHA-1 or SHA-256)
 * shortened to 7 characters as git and GitHub do; anything else (a folder
 * path, `worktree`) unchanged.
 */
function shortRef(ref) {
    return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref) ? ref.slice(0, 7) : ref;
}

/**
 * Bytes in UTF-8. The comment budget is counted in bytes: never less than
 * the UTF-16 length, so a body within it fits however GitHub counts.
 */
function utf8Length(text) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80)
            bytes += 1;
        else if (c < 0x800)
            bytes += 2;
        else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
            const next = text.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                bytes += 4;
                i++;
            }
            else {
                bytes += 3;
            }
        }
        else
            bytes += 3;
    }
    return bytes;
}

/** First line of every body: the sticky PR comment is found by it. */
const REPORT_MARKER = '<!-- labelgate:report -->';
/** Below GitHub's 65,536-character comment limit, with room to spare. */
const DEFAULT_MAX_LENGTH = 65_000;
const TRUNCATION_NOTE = "Report truncated to fit GitHub's comment limit; the full report is in the job summary";
/** The note of a truncated job summary, which cannot point to itself. */
const SUMMARY_TRUNCATION_NOTE = "Report truncated to fit the job summary limit; see the JSON report (the action's `report` output)";
/**
 * The PR comment and job summary body (DESIGN section 6). Every string that
 * came from a data file is escaped. A dataset with a diff gets a "What
 * changed" part after its gates. When the body would not fit `maxLength`,
 * detail is dropped step by step (problem rows, relabeled rows and the
 * governance tables, pairwise kappa, the chart, the confusion matrix,
 * per-annotator and drift rows, distribution and per-class rows) and, as a
 * last resort, the body is cut; either way it ends with a visible note. The
 * governance sections (annotator drift, adjudication queue, QC sample) come
 * last in a dataset; their one-line summaries stay at every detail level.
 */
function renderMarkdown(report, options = {}) {
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    const views = report.datasets.map(viewOf);
    const note = truncationNote(options.target ?? 'comment', options.summaryUrl);
    let parts;
    for (const [level, detail] of DETAIL_LEVELS.entries()) {
        parts = renderParts(report, views, detail);
        const body = assemble(parts, level === 0 ? null : note);
        if (utf8Length(body) <= maxLength)
            return body;
    }
    return cut(parts, note, maxLength);
}
const FULL = {
    gates: 50,
    problems: 50,
    pairs: 20,
    confusionLabels: 12,
    annotators: 50,
    classes: 50,
    shiftLabels: 50,
    chart: true,
    relabeled: 50,
    driftRows: 10,
    driftMore: 40,
    adjudicationRows: 20,
    qcStrata: 50
};
/**
 * Least useful detail goes first; gates, metrics, counts, the change's
 * summary line and the governance summary lines (drift, adjudication queue,
 * QC sample) always stay (the relabeled rows, the chart and the governance
 * tables, whose rows are in the files, go long before).
 */
const DROP_PROBLEMS = { ...FULL, problems: 0 };
const DROP_FILE_ROWS = {
    ...DROP_PROBLEMS,
    relabeled: 10,
    driftMore: 10,
    adjudicationRows: 10,
    qcStrata: 10
};
const DROP_PAIRS = {
    ...DROP_FILE_ROWS,
    pairs: 0,
    adjudicationRows: 0,
    qcStrata: 0
};
const DROP_CHART = { ...DROP_PAIRS, chart: false, driftMore: 0 };
const DROP_CONFUSION = {
    ...DROP_CHART,
    relabeled: 0,
    confusionLabels: 0
};
const DETAIL_LEVELS = [
    FULL,
    { ...FULL, problems: 10 },
    DROP_PROBLEMS,
    DROP_FILE_ROWS,
    DROP_PAIRS,
    DROP_CHART,
    DROP_CONFUSION,
    { ...DROP_CONFUSION, annotators: 10, shiftLabels: 20, driftRows: 5 },
    { ...DROP_CONFUSION, annotators: 0, shiftLabels: 10, driftRows: 0 },
    {
        gates: 10,
        problems: 0,
        pairs: 0,
        confusionLabels: 0,
        annotators: 0,
        classes: 0,
        shiftLabels: 0,
        chart: false,
        relabeled: 0,
        driftRows: 0,
        driftMore: 0,
        adjudicationRows: 0,
        qcStrata: 0
    }
];
function viewOf(dataset) {
    const { errors, warnings } = countProblems(dataset.problems);
    return {
        dataset,
        problems: problemsWorstFirst(dataset.problems),
        errors,
        warnings,
        annotators: annotatorsWorstFirst(dataset.head.annotators),
        pairs: pairsByItems(dataset.head.pairwise),
        shift: shiftView(dataset.label_shift),
        drift: driftView(dataset)
    };
}
function renderParts(report, views, detail) {
    const blocks = [REPORT_MARKER + '\n' + verdict$1(report)];
    if (report.notes.length > 0) {
        blocks.push(report.notes.map((n) => `- ${dataText(n, 1000)}`).join('\n'));
    }
    if (views.length > 1)
        blocks.push(overview(views));
    for (const view of views)
        blocks.push(...datasetBlocks(view, detail));
    if (views.length === 0)
        blocks.push('No dataset was checked.');
    return {
        blocks,
        footer: `<sub>labelgate ${dataText(report.version, 40)}</sub>`
    };
}
function assemble(parts, note) {
    const blocks = note === null ? parts.blocks : [...parts.blocks, note];
    return [...blocks, parts.footer].join('\n\n') + '\n';
}
/**
 * The last resort: whole lines up to the budget, then closing tags for any
 * `<details>` left open (so the note is not folded away), the note, the
 * footer. Data never holds a raw `<`, so counting our own tags is exact. A
 * code block (the chart) is kept whole or not at all: half a chart is an
 * error box, and an open fence would swallow the note. Data never starts a
 * line with a backtick (it is escaped, or stripped in the chart).
 */
function cut(parts, note, maxLength) {
    const tail = `\n\n${note}\n\n${parts.footer}\n`;
    const closer = '\n\n</details>';
    const lines = parts.blocks.join('\n\n').split('\n');
    const kept = [];
    let bytes = 0;
    let open = 0;
    let fence = null;
    for (const [i, line] of lines.entries()) {
        const opens = open + count$1(line, '<details') - count$1(line, '</details>');
        const cost = utf8Length(line) + (i === 0 ? 0 : 1);
        const needed = bytes + cost + opens * utf8Length(closer) + utf8Length(tail);
        // The marker line is kept whatever the budget.
        if (i > 0 && needed > maxLength)
            break;
        if (line.startsWith('```')) {
            fence = fence === null ? { kept: kept.length, open } : null;
        }
        kept.push(line);
        bytes += cost;
        open = opens;
    }
    if (fence !== null) {
        kept.length = fence.kept;
        open = fence.open;
    }
    return kept.join('\n') + closer.repeat(open) + tail;
}
function count$1(text, needle) {
    return text.split(needle).length - 1;
}
function truncationNote(target, summaryUrl) {
    if (target === 'summary')
        return `> [!WARNING]\n> ${SUMMARY_TRUNCATION_NOTE}.`;
    const link = summaryUrl !== undefined && /^https?:\/\/[^\s<>()[\]`]+$/.test(summaryUrl)
        ? ` [Open the job summary](${summaryUrl}).`
        : '';
    return `> [!WARNING]\n> ${TRUNCATION_NOTE}.${link}`;
}
function verdict$1(report) {
    const n = report.datasets.length;
    const title = report.passed
        ? '## ✅ labelgate passed'
        : '## ❌ labelgate failed';
    const head = refText(report.head);
    const range = report.base === null
        ? `head ${head} (no base)`
        : `base ${refText(report.base)} → head ${head}`;
    const config = `config ${codeOrText(report.config.path)} (from the ${configSource(report.config.source)})`;
    return `${title}\n\n${n} ${n === 1 ? 'dataset' : 'datasets'} · ${range} · ${config}`;
}
function configSource(source) {
    return source === 'file' ? 'given file' : source;
}
function refText(ref) {
    return codeOrText(shortRef(ref));
}
function overview(views) {
    const rows = views.map((v) => {
        const failed = v.dataset.gates.filter((g) => gateOutcome(g) === 'fail').length;
        return [
            dataText(v.dataset.name),
            v.dataset.passed ? '✅ passed' : '❌ failed',
            `${formatCount(failed)} of ${formatCount(v.dataset.gates.length)}`,
            `${formatCount(v.errors)} / ${formatCount(v.warnings)}`
        ];
    });
    return markdownTable(['Dataset', 'Result', 'Failed gates', 'Problems (errors / warnings)'], rows, ['left', 'left', 'right', 'right']);
}
function datasetBlocks(view, detail) {
    const { dataset } = view;
    const blocks = [
        `### ${dataset.passed ? '✅' : '❌'} ${dataText(dataset.name)}`,
        counts(dataset),
        gatesBlock(dataset.gates, detail.gates),
        ...changesBlocks(dataset, view.shift, detail),
        metricsBlock(dataset)
    ];
    const sections = [
        annotatorsSection(view, detail.annotators),
        classesSection(dataset.head, detail.classes, 
        // The label counts are in the "What changed" table already.
        view.shift !== null && dataset.diff !== null && detail.shiftLabels > 0),
        confusionSection(dataset.head, detail.confusionLabels),
        pairsSection(view, detail.pairs),
        problemsSection(view, detail.problems)
    ];
    for (const s of sections)
        if (s !== null)
            blocks.push(s);
    blocks.push(...governanceBlocks(dataset, view.drift, detail));
    blocks.push(...lineageMarkdown(dataset));
    return blocks;
}
function counts(dataset) {
    const line = (label, v) => {
        const c = v.counts;
        return (`- **${label}:** ${formatCountOf(c.items, 'item')} · ` +
            `${formatCountOf(c.annotators, 'annotator')} · ` +
            `${formatCountOf(c.annotations, 'annotation')} · ` +
            `${formatCountOf(c.reference_items, 'item')} with a reference label`);
    };
    const lines = [line('Head', dataset.head)];
    if (dataset.base !== null)
        lines.push(line('Base', dataset.base));
    // The diff counts open the "What changed" part, after the gates.
    if (dataset.changed !== null)
        lines.push(line('This change', dataset.changed));
    return lines.join('\n');
}
const OUTCOME_ICON = {
    pass: '✅',
    fail: '❌',
    warn: '⚠️',
    'undefined-pass': '➖'
};
function gatesBlock(gates, limit) {
    if (gates.length === 0)
        return '_No gates configured for this dataset._';
    const { shown, hidden } = gatesToShow(compactAnnotatorGates(gates), limit);
    const rows = shown.map((g) => {
        const numbers = formatGateNumbers(g);
        const metric = codeOrText(g.metric) +
            (g.annotator === undefined ? '' : ` · ${dataText(g.annotator, 40)}`);
        return [
            metric,
            g.bound,
            numbers.threshold,
            numbers.value,
            `${OUTCOME_ICON[gateOutcome(g)]} ${g.status}`,
            dataText(g.message, 200)
        ];
    });
    const table = markdownTable(['Metric', 'Bound', 'Threshold', 'Value', 'Status', 'Message'], rows, ['left', 'left', 'right', 'right', 'left', 'left']);
    return hidden === 0
        ? `**Gates**\n\n${table}`
        : `**Gates**\n\n${table}\n\n_and ${formatCount(hidden)} more gate rows that passed or are not shown._`;
}
function metricsBlock(dataset) {
    const names = metricNames(dataset);
    if (names.length === 0)
        return '_No metrics._';
    const notes = new Footnotes('superscript');
    const value = (name, r) => {
        if (r === undefined)
            return MISSING;
        if (r.value === null) {
            return MISSING + notes.mark(r.reason ?? 'undefined');
        }
        return formatMetricValue(name, r.value);
    };
    const header = [
        'Metric',
        // Title case, but the count symbol n stays as it is written.
        ...metricColumns(dataset).map((c) => c === 'n' ? c : c.charAt(0).toUpperCase() + c.slice(1))
    ];
    const rows = names.map((name) => [
        codeOrText(name),
        ...metricCells(dataset, name, value)
    ]);
    const align = header.map((_, i) => (i === 0 ? 'left' : 'right'));
    return `**Metrics**\n\n${withFootnotes(markdownTable(header, rows, align), notes)}`;
}
function withFootnotes(table, notes) {
    if (notes.size === 0)
        return table;
    const lines = notes
        .entries()
        .map((e) => `${e.marker} ${dataText(e.text, 300)}`);
    return `${table}\n\n<sub>${lines.join('<br>')}</sub>`;
}
function annotatorsSection(view, limit) {
    const all = view.annotators;
    if (limit === 0 || all.length === 0)
        return null;
    const notes = new Footnotes('superscript');
    const rows = all
        .slice(0, limit)
        .map(([id, a]) => [
        dataText(id, 40),
        formatCount(a.annotations),
        a.accuracy.value === null
            ? MISSING + notes.mark(a.accuracy.reason ?? 'undefined')
            : formatPercent(a.accuracy.value),
        formatMetricInterval('accuracy', a.accuracy.ci),
        a.accuracy.n === undefined ? '' : formatCount(a.accuracy.n)
    ]);
    const table = markdownTable(['Annotator', 'Annotations', 'Accuracy', '95% interval', 'n'], rows, ['left', 'right', 'right', 'right', 'right']);
    return details(`Annotators (${formatCount(all.length)}, lowest accuracy first)`, withFootnotes(table, notes) + more(all.length - limit, 'annotators'));
}
function classesSection(head, limit, labelsShown) {
    if (limit === 0)
        return null;
    if (head.classes.length === 0) {
        return labelsShown ? null : distributionSection(head, limit);
    }
    // Too many to list: keep the largest classes, shown in category order.
    const kept = new Set([...head.classes].sort((a, b) => b.support - a.support).slice(0, limit));
    const rows = head.classes
        .filter((c) => kept.has(c))
        .map((c) => [
        dataText(c.label, 40),
        formatCount(c.support),
        formatCount(c.predicted),
        formatCoefficient(c.precision),
        formatCoefficient(c.recall),
        formatCoefficient(c.f1)
    ]);
    const table = markdownTable(['Label', 'Support', 'Predicted', 'Precision', 'Recall', 'F1'], rows, ['left', 'right', 'right', 'right', 'right', 'right']);
    return details(`Per-class precision, recall and F1 (${formatCount(head.classes.length)} classes)`, table + more(head.classes.length - kept.size, 'classes with less support'));
}
/** Without a reference there are no per-class scores; the label counts still help. */
function distributionSection(head, limit) {
    const entries = Object.entries(head.distribution);
    if (entries.length === 0)
        return null;
    const total = entries.reduce((s, [, n]) => s + n, 0);
    const rows = entries
        .slice(0, limit)
        .map(([label, n]) => [
        dataText(label, 40),
        formatCount(n),
        total === 0 ? MISSING : formatPercent(n / total)
    ]);
    const table = markdownTable(['Label', 'Annotations', 'Share'], rows, [
        'left',
        'right',
        'right'
    ]);
    return details(`Labels (${formatCount(entries.length)})`, table + more(entries.length - limit, 'labels'));
}
function confusionSection(head, limit) {
    const confusion = head.confusion;
    if (limit === 0 || confusion === null || confusion.labels.length === 0) {
        return null;
    }
    const { labels, matrix } = confusion;
    // Too many labels for a readable matrix: keep the busiest, in label order.
    const totals = labels.map((_, i) => (matrix[i] ?? []).reduce((s, n) => s + n, 0) +
        matrix.reduce((s, row) => s + (row[i] ?? 0), 0));
    const keep = labels
        .map((_, i) => i)
        .sort((a, b) => totals[b] - totals[a] || a - b)
        .slice(0, limit)
        .sort((a, b) => a - b);
    const header = [
        'Reference ↓ · annotators →',
        ...keep.map((i) => dataText(labels[i], 24))
    ];
    const rows = keep.map((r) => [
        dataText(labels[r], 24),
        ...keep.map((c) => {
            const n = formatCount(matrix[r]?.[c] ?? 0);
            return r === c ? `**${n}**` : n;
        })
    ]);
    const align = header.map((_, i) => (i === 0 ? 'left' : 'right'));
    const hidden = labels.length - keep.length;
    return details(`Confusion matrix (${formatCount(labels.length)} labels)`, markdownTable(header, rows, align) +
        (hidden > 0
            ? `\n\n_${formatCount(hidden)} labels with the fewest annotations are not shown._`
            : ''));
}
function pairsSection(view, limit) {
    const pairs = view.pairs;
    if (limit === 0 || pairs.length === 0)
        return null;
    const rows = pairs
        .slice(0, limit)
        .map((p) => [
        dataText(p.a, 40),
        dataText(p.b, 40),
        formatCount(p.n_items),
        formatCoefficient(p.kappa),
        formatPercent(p.percent_agreement)
    ]);
    const table = markdownTable(['Annotator', 'Annotator', 'Shared items', "Cohen's kappa", 'Agreement'], rows, ['left', 'left', 'right', 'right', 'right']);
    return details(`Pairwise agreement (${formatCount(pairs.length)} pairs, most shared items first)`, table + more(pairs.length - limit, 'pairs'));
}
function problemsSection(view, limit) {
    const { problems, errors, warnings } = view;
    if (problems.length === 0)
        return null;
    const summary = `Problems: ${formatCount(errors)} ${errors === 1 ? 'error' : 'errors'}, ${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'}`;
    if (limit === 0) {
        return `**${summary}** (rows left out to fit the comment limit).`;
    }
    const rows = problems
        .slice(0, limit)
        .map((p) => [
        p.severity === 'error' ? '❌ error' : '⚠️ warning',
        p.line > 0 ? `${dataText(p.file)}:${p.line}` : dataText(p.file),
        dataText(p.message, 200)
    ]);
    const table = markdownTable(['Severity', 'Location', 'Message'], rows);
    return details(summary, table + more(problems.length - limit, 'problems'), errors > 0);
}

function styles(color) {
    const sgr = (open, close) => (text) => color && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
    return {
        green: sgr(32, 39),
        red: sgr(31, 39),
        yellow: sgr(33, 39),
        bold: sgr(1, 22),
        dim: sgr(2, 22)
    };
}

/**
 * Columns padded to their widest cell, for a monospaced terminal. Cells must
 * be plain text (already cleaned); widths are counted in code points, which
 * is right for most labels (wide CJK characters will look a little off).
 */
function textTable(rows, options = {}) {
    const { align = [], indent = '' } = options;
    const widths = [];
    for (const row of rows) {
        row.forEach((cell, i) => {
            widths[i] = Math.max(widths[i] ?? 0, width(textOf(cell)));
        });
    }
    return rows.map((row) => {
        const cells = row.map((cell, i) => {
            const text = textOf(cell);
            const pad = ' '.repeat((widths[i] ?? 0) - width(text));
            // The last left-aligned cell needs no trailing spaces.
            const padded = align[i] === 'right'
                ? pad + text
                : i === row.length - 1
                    ? text
                    : text + pad;
            return typeof cell === 'string' ? padded : cell.style(padded);
        });
        // Empty cells at the end would leave trailing spaces.
        return (indent + cells.join('  ')).trimEnd();
    });
}
function textOf(cell) {
    return typeof cell === 'string' ? cell : cell.text;
}
function width(text) {
    let n = 0;
    for (const _ of text)
        n++;
    return n;
}

/** Rows per long table; the rest is counted ("and N more"). */
const ANNOTATOR_ROWS = 20;
const CLASS_ROWS = 30;
const PROBLEM_ROWS = 20;
const RELABEL_ROWS = 10;
const SHIFT_ROWS = 30;
const DRIFT_ROWS = 10;
const ADJUDICATION_ROWS = 10;
/**
 * The readable report for a laptop terminal (the CLI's stdout). Data strings
 * are cleaned of control characters and escape sequences, so a label cannot
 * move the cursor or clear the screen; colour appears only when asked for.
 */
function renderTerminal(report, options) {
    const s = styles(options.color);
    const lines = [...verdict(report, s)];
    if (report.notes.length > 0) {
        lines.push('', s.bold('Notes'));
        for (const note of report.notes)
            lines.push(`  - ${text(note, 500)}`);
    }
    for (const dataset of report.datasets) {
        lines.push('', ...datasetLines(dataset, s));
    }
    if (report.datasets.length === 0)
        lines.push('', 'No dataset was checked.');
    lines.push('', s.dim(`labelgate ${text(report.version, 40)}`));
    return lines.join('\n') + '\n';
}
/** Data text for the terminal: one clean line, shortened. */
function text(value, max = 40) {
    return shorten(cleanText(value), max);
}
function verdict(report, s) {
    const n = report.datasets.length;
    const result = report.passed ? s.green('PASSED') : s.red('FAILED');
    const range = report.base === null
        ? `head ${text(shortRef(report.head), 80)} (no base)`
        : `base ${text(shortRef(report.base), 80)} → head ${text(shortRef(report.head), 80)}`;
    const source = report.config.source === 'file' ? 'given file' : report.config.source;
    return [
        `${s.bold('labelgate')} ${s.bold(result)} · ${n} ${n === 1 ? 'dataset' : 'datasets'} · ${range}`,
        s.dim(`config ${text(report.config.path, 120)} (from the ${source})`)
    ];
}
function datasetLines(dataset, s) {
    const result = dataset.passed ? s.green('PASSED') : s.red('FAILED');
    return [
        `${s.bold(text(dataset.name, 80))}  ${s.bold(result)}`,
        ...countLines(dataset),
        ...gateLines(compactAnnotatorGates(dataset.gates), s),
        ...changeLines(dataset),
        ...metricLines(dataset),
        ...annotatorLines(dataset.head),
        ...classLines(dataset.head),
        ...problemLines(dataset, s),
        ...driftLines(dataset, s),
        ...adjudicationLines(dataset),
        ...qcLines(dataset),
        ...lineageLines(dataset)
    ];
}
function countLines(dataset) {
    const rows = [];
    const counts = (label, v) => {
        const c = v.counts;
        rows.push([
            label,
            `${formatCountOf(c.items, 'item')} · ${formatCountOf(c.annotators, 'annotator')} · ` +
                `${formatCountOf(c.annotations, 'annotation')} · ` +
                `${formatCount(c.reference_items)} with a reference label`
        ]);
    };
    counts('head', dataset.head);
    if (dataset.base !== null)
        counts('base', dataset.base);
    if (dataset.diff !== null) {
        const d = dataset.diff;
        rows.push([
            'change',
            `${formatCountOf(d.items_added, 'item')} added, ${formatCount(d.items_removed)} removed · ` +
                `${formatCountOf(d.annotations_added, 'annotation')} added, ` +
                `${formatCount(d.annotations_removed)} removed · ` +
                `${formatCountOf(d.labels_changed, 'label')} changed`
        ]);
    }
    if (dataset.changed !== null)
        counts('this change', dataset.changed);
    return textTable(rows, { indent: '  ' });
}
function gateLines(gates, s) {
    if (gates.length === 0)
        return ['', '  No gates configured.'];
    const rows = gates.map((g) => {
        const outcome = gateOutcome(g);
        const style = g.status === 'pass'
            ? s.green
            : g.status === 'undefined' || outcome === 'warn'
                ? s.yellow
                : s.red;
        const status = g.status.toUpperCase() + (g.severity === 'warning' ? ' (warning)' : '');
        const numbers = formatGateNumbers(g);
        return [
            { text: status, style },
            text(g.metric, 60) +
                (g.annotator === undefined ? '' : ` ${text(g.annotator, 30)}`),
            `${g.bound} ${numbers.threshold}`,
            numbers.value,
            text(g.message, 160)
        ];
    });
    return ['', '  Gates', ...textTable(rows, { indent: '    ' })];
}
function metricLines(dataset) {
    const names = metricNames(dataset);
    if (names.length === 0)
        return [];
    const notes = new Footnotes('bracket');
    const value = (name, r) => {
        if (r === undefined)
            return MISSING;
        if (r.value === null)
            return `${MISSING} ${notes.mark(r.reason ?? '')}`;
        return formatMetricValue(name, r.value);
    };
    const rows = [['metric', ...metricColumns(dataset)]];
    for (const name of names) {
        rows.push([name, ...metricCells(dataset, name, value)]);
    }
    const align = rows[0].map((_, i) => (i === 0 ? 'left' : 'right'));
    return [
        '',
        '  Metrics',
        ...textTable(rows, { indent: '    ', align }),
        ...notes.entries().map((e) => `    ${e.marker} ${text(e.text, 300)}`)
    ];
}
function annotatorLines(head) {
    const all = annotatorsWorstFirst(head.annotators);
    if (all.length === 0)
        return [];
    const notes = new Footnotes('bracket');
    const rows = [
        ['annotator', 'annotations', 'accuracy', '95% interval', 'n']
    ];
    for (const [id, a] of all.slice(0, ANNOTATOR_ROWS)) {
        rows.push([
            text(id),
            formatCount(a.annotations),
            a.accuracy.value === null
                ? `${MISSING} ${notes.mark(a.accuracy.reason ?? '')}`
                : formatPercent(a.accuracy.value),
            formatMetricInterval('accuracy', a.accuracy.ci),
            a.accuracy.n === undefined ? '' : formatCount(a.accuracy.n)
        ]);
    }
    return [
        '',
        `  Annotators (${formatCount(all.length)}, lowest accuracy first)`,
        ...textTable(rows, {
            indent: '    ',
            align: ['left', 'right', 'right', 'right', 'right']
        }),
        ...andMore(all.length - ANNOTATOR_ROWS, 'annotators'),
        ...notes.entries().map((e) => `    ${e.marker} ${text(e.text, 300)}`)
    ];
}
function classLines(head) {
    const classes = head.classes;
    if (classes.length === 0)
        return [];
    const rows = [
        ['label', 'support', 'predicted', 'precision', 'recall', 'F1']
    ];
    for (const c of classes.slice(0, CLASS_ROWS)) {
        rows.push([
            text(c.label),
            formatCount(c.support),
            formatCount(c.predicted),
            formatCoefficient(c.precision),
            formatCoefficient(c.recall),
            formatCoefficient(c.f1)
        ]);
    }
    return [
        '',
        '  Per class',
        ...textTable(rows, {
            indent: '    ',
            align: ['left', 'right', 'right', 'right', 'right', 'right']
        }),
        ...andMore(classes.length - CLASS_ROWS, 'classes')
    ];
}
function problemLines(dataset, s) {
    if (dataset.problems.length === 0)
        return [];
    const { errors, warnings } = countProblems(dataset.problems);
    const problems = problemsWorstFirst(dataset.problems);
    const rows = problems.slice(0, PROBLEM_ROWS).map((p) => [
        {
            text: p.severity,
            style: p.severity === 'error' ? s.red : s.yellow
        },
        p.line > 0 ? `${text(p.file, 80)}:${p.line}` : text(p.file, 80),
        text(p.message, 200)
    ]);
    return [
        '',
        `  Problems (${formatCount(errors)} ${errors === 1 ? 'error' : 'errors'}, ` +
            `${formatCount(warnings)} ${warnings === 1 ? 'warning' : 'warnings'})`,
        ...textTable(rows, { indent: '    ' }),
        ...andMore(problems.length - PROBLEM_ROWS, 'problems')
    ];
}
/**
 * The change in brief (its counts are in the counts table above): the first
 * relabeled annotations and how the class distribution moved.
 */
function changeLines(dataset) {
    const diff = dataset.diff;
    if (diff === null)
        return [];
    const lines = ['', '  Changes'];
    if (dataset.base === null) {
        lines.push('    new dataset: not at the base, so all of it is added');
    }
    const schema = dataset.schema_change ?? null;
    if (schema !== null) {
        lines.push(`    label schema ${schemaChangeText(schema, (t) => text(t, 40))}`);
    }
    const total = Math.max(diff.labels_changed, dataset.relabeled.length);
    const shown = dataset.relabeled.slice(0, RELABEL_ROWS);
    if (total > 0) {
        lines.push(`    ${formatCountOf(total, 'relabeled annotation')}` +
            (shown.length === 0 ? ' (not listed in the report)' : ''));
    }
    if (shown.length > 0) {
        const rows = shown.map((r) => [
            text(r.item),
            text(r.annotator),
            `${text(r.from)} → ${text(r.to)}`
        ]);
        lines.push(...textTable([['item', 'annotator', 'old → new label'], ...rows], {
            indent: '      '
        }), ...andMore(total - shown.length, 'relabeled annotations', '      '));
    }
    lines.push(...shiftLines(dataset));
    return lines;
}
function shiftLines(dataset) {
    const shift = dataset.label_shift;
    if (shift === null || shift.labels.length === 0)
        return [];
    const sum = (values) => values.reduce((t, n) => t + n, 0);
    const baseTotal = sum(shift.base);
    const headTotal = sum(shift.head);
    const labels = shift.labels.slice(0, SHIFT_ROWS);
    const more = andMore(shift.labels.length - labels.length, 'labels', '      ');
    if (baseTotal === 0 || headTotal === 0) {
        // Nothing to compare with (a new dataset): the head's labels alone.
        const rows = labels.map((label, k) => [
            text(label),
            formatCount(shift.head[k] ?? 0),
            formatShare(shift.head[k] ?? 0, headTotal)
        ]);
        return [
            '    labels at the head',
            ...textTable([['label', 'head', 'share'], ...rows], {
                indent: '      ',
                align: ['left', 'right', 'right']
            }),
            ...more
        ];
    }
    const js = shift.jensen_shannon;
    const distance = js.value === null
        ? `${MISSING} (${text(js.reason ?? 'undefined', 200)})`
        : formatCoefficient(js.value);
    const test = shift.chi_square === null
        ? 'chi-square not applicable'
        : `chi-square ${formatChiSquare(shift.chi_square)}`;
    const rows = labels.map((label, k) => {
        const b = shift.base[k] ?? 0;
        const h = shift.head[k] ?? 0;
        return [
            text(label),
            formatCount(b),
            '→',
            formatCount(h),
            `${formatShare(b, baseTotal)} → ${formatShare(h, headTotal)}`,
            formatPoints(h / headTotal - b / baseTotal)
        ];
    });
    return [
        `    label shift: Jensen-Shannon distance ${distance} · ${test}`,
        ...textTable([['label', 'base', '', 'head', 'share base → head', 'Δ share'], ...rows], {
            indent: '      ',
            align: ['left', 'right', 'left', 'right', 'right', 'right']
        }),
        ...more
    ];
}
function andMore(hidden, what, indent = '    ') {
    return hidden > 0 ? [`${indent}and ${formatCount(hidden)} more ${what}`] : [];
}
/** Annotators whose accuracy in the change is known, worst first. */
function driftLines(dataset, s) {
    const listed = driftRowsInChange(dataset.annotator_drift ?? []);
    if (listed.length === 0)
        return [];
    const rows = [
        [
            '',
            'annotator',
            'base (n)',
            'this change (n)',
            'head (n)',
            'drop',
            'p',
            'mean kappa base → head'
        ],
        ...listed
            .slice(0, DRIFT_ROWS)
            .map((r) => [
            r.flagged ? { text: 'FLAGGED', style: s.yellow } : '',
            text(r.annotator),
            accuracyWithN(r.base),
            accuracyWithN(r.changed),
            accuracyWithN(r.head),
            formatPoints(r.drop),
            pValueText(r.p_value),
            kappaChange(r)
        ])
    ];
    return [
        '',
        `  Annotator drift (${driftHeadline(listed)}; one-sided test of this change against the base)`,
        ...textTable(rows, {
            indent: '    ',
            align: ['left', 'left', 'right', 'right', 'right', 'right', 'right']
        }),
        ...andMore(listed.length - DRIFT_ROWS, 'annotators')
    ];
}
function adjudicationLines(dataset) {
    const queue = dataset.adjudication ?? null;
    if (queue === null)
        return [];
    const listed = queue.rows ?? [];
    const lines = ['', `  Adjudication queue: ${adjudicationCountsText(queue)}`];
    if (queue.total === 0 && listed.length === 0)
        return lines;
    lines.push('    the full queue: --adjudication FILE');
    const shown = listed.slice(0, ADJUDICATION_ROWS);
    if (shown.length === 0)
        return lines;
    const rows = shown.map((r) => [
        text(r.item),
        (r.reasons ?? []).map((reason) => text(reasonText(reason))).join(', '),
        r.majority === null ? MISSING : text(r.majority),
        r.reference === null ? MISSING : text(r.reference),
        r.decision === null ? MISSING : text(r.decision)
    ]);
    return [
        ...lines,
        ...textTable([['item', 'reasons', 'majority', 'reference', 'decision'], ...rows], { indent: '    ' }),
        ...andMore(Math.max(queue.total, listed.length) - shown.length, 'items')
    ];
}
function qcLines(dataset) {
    const sample = dataset.qc_sample ?? null;
    if (sample === null)
        return [];
    return [
        '',
        `  QC sample: ${qcSampleText(sample)}`,
        '    the sampled annotations: --qc-sample FILE'
    ];
}

const USAGE = `Usage: labelgate check [options]
       labelgate migrate [--config FILE] [--dataset NAME]... [--dry-run]

Recomputes label agreement and error metrics, checks the label schema, and
fails when a gate in the config is breached.

Options:
  --config FILE     config file (default .github/labelgate.yml, then labelgate.yml)
  --base REF|DIR    compare with this version: a git revision or a folder
                    (with a revision, config and gold labels come from it)
  --head REF|DIR    the version to check (default: the working tree)
  --changed         only datasets whose files, reference, schema or config
                    changed since --base (a git revision)
  --dataset NAME    check only this dataset (repeatable)
  --json FILE       write the JSON report
  --markdown FILE   write the Markdown report (the PR comment body)
  --adjudication FILE  write the adjudication queue (CSV; JSON Lines for .jsonl)
  --qc-sample FILE  write the QC sample (CSV with empty review columns)
  --quiet           print nothing but errors; on exit 1, the failing gates
                    and data errors, one line each
  --color, --no-color  force or disable colour (default: on a TTY, unless NO_COLOR)
  --debug           print stack traces of unexpected errors
  -h, --help        show this help
  -v, --version     print the version

Exit status: 0 all gates pass, 1 a gate or data problem of severity error,
2 the check could not be run (bad config, unreadable file, ...).

labelgate migrate rewrites the label files (annotations and reference) in
the working tree through the label schema's migrations, in place: only the
label fields change. Every file is read first; nothing is written when one
cannot be read.
  --config FILE     config file (as for check)
  --dataset NAME    migrate only this dataset (repeatable)
  --dry-run         print what would change, write nothing
Exit status: 0 done, 1 records still hold a label a migration removed
(relabel or delete them), 2 could not be run.`;
/** Parses argv (without node and script) into a typed command; bad usage is a UserError. */
function parseCliArgs(argv) {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            allowPositionals: true,
            strict: true,
            options: {
                config: { type: 'string' },
                base: { type: 'string' },
                head: { type: 'string' },
                dataset: { type: 'string', multiple: true },
                json: { type: 'string' },
                markdown: { type: 'string' },
                adjudication: { type: 'string' },
                'qc-sample': { type: 'string' },
                changed: { type: 'boolean', default: false },
                quiet: { type: 'boolean', default: false },
                'dry-run': { type: 'boolean', default: false },
                debug: { type: 'boolean', default: false },
                color: { type: 'boolean' },
                'no-color': { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
                version: { type: 'boolean', short: 'v' }
            }
        });
    }
    catch (error) {
        throw new UserError(`${error.message.split('\n')[0]} (see labelgate --help)`);
    }
    const { values, positionals } = parsed;
    if (values.help === true)
        return { command: 'help' };
    if (values.version === true)
        return { command: 'version' };
    const [command, ...rest] = positionals;
    if (command === undefined)
        return { command: 'help' };
    if (command !== 'check' && command !== 'migrate') {
        throw new UserError(`unknown command '${command}'; the commands are 'check' and 'migrate' (see labelgate --help)`);
    }
    if (rest.length > 0) {
        throw new UserError(`unexpected argument '${rest[0]}' (see labelgate --help)`);
    }
    if (command === 'migrate') {
        const checkOnly = [
            ['base', values.base],
            ['head', values.head],
            ['json', values.json],
            ['markdown', values.markdown],
            ['adjudication', values.adjudication],
            ['qc-sample', values['qc-sample']]
        ].find(([, v]) => v !== undefined);
        if (checkOnly !== undefined) {
            throw new UserError(`--${checkOnly[0]} is an option of check, not of migrate (see labelgate --help)`);
        }
        return {
            command: 'migrate',
            config: values.config,
            datasets: values.dataset,
            dryRun: values['dry-run'],
            quiet: values.quiet,
            debug: values.debug
        };
    }
    if (values['dry-run']) {
        throw new UserError('--dry-run is an option of migrate, not of check (see labelgate --help)');
    }
    return {
        command: 'check',
        config: values.config,
        base: values.base,
        head: values.head,
        datasets: values.dataset,
        json: values.json,
        markdown: values.markdown,
        adjudication: values.adjudication,
        qcSample: values['qc-sample'],
        changed: values.changed,
        quiet: values.quiet,
        debug: values.debug,
        color: values['no-color'] === true
            ? false
            : values.color === true
                ? true
                : undefined
    };
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
/** A version read from a folder: the working tree, or an exported snapshot (`--base DIR`). */
class FolderSource {
    label;
    root;
    constructor(root, label) {
        this.root = path.resolve(root);
        this.label = label ?? root;
    }
    async list(pattern) {
        const normalized = pattern.replace(/^\.\//, '');
        if (!isGlob(normalized)) {
            const info = await stat(this.resolve(normalized)).catch(() => undefined);
            return info?.isFile() ? [normalized] : [];
        }
        const base = globBase(normalized);
        const files = [];
        await this.walk(base, files);
        return matchPaths(files, normalized);
    }
    async read(relative) {
        try {
            return await readFile(this.resolve(relative));
        }
        catch (error) {
            const code = error.code;
            if (code === 'ENOENT' || code === 'ENOTDIR')
                return undefined;
            if (code === 'EISDIR') {
                throw new UserError('is a folder, not a label file', { file: relative });
            }
            throw new UserError(`cannot be read (${code ?? String(error)})`, {
                file: relative
            });
        }
    }
    resolve(relative) {
        return path.join(this.root, ...relative.split('/'));
    }
    async walk(dir, out) {
        const entries = await readdir(this.resolve(dir), {
            withFileTypes: true
        }).catch(() => []);
        for (const entry of entries) {
            if (SKIPPED_DIRS.has(entry.name))
                continue;
            const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
            if (entry.isDirectory())
                await this.walk(rel, out);
            else if (entry.isFile())
                out.push(rel);
        }
    }
}

/**
 * Runs git with an argument vector, never a shell string: revisions and paths
 * come from events and config files and must not be interpreted by a shell.
 * Output is collected as bytes (label files can be large and are not always text).
 * Without `input`, stdin is closed (`ignore`): writing an empty stdin to a git
 * that had already exited raised an unhandled EPIPE that killed the process.
 */
function runGit(args, options = { cwd: '.' }) {
    return new Promise((resolve, reject) => {
        const child = spawn('git', args, {
            cwd: options.cwd,
            stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' }
        });
        const out = [];
        const err = [];
        child.stdout?.on('data', (b) => out.push(b));
        child.stderr?.on('data', (b) => err.push(b));
        child.on('error', reject);
        child.on('close', (code) => resolve({
            code: code ?? 1,
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err).toString('utf8').trim()
        }));
        if (options.input !== undefined && child.stdin) {
            // git may exit before reading all of it; its exit code tells the story.
            child.stdin.on('error', () => undefined);
            child.stdin.end(options.input);
        }
    });
}

/** A version read from a git commit, without checking it out. */
class GitSource {
    sha;
    cwd;
    label;
    paths;
    constructor(sha, cwd) {
        this.sha = sha;
        this.cwd = cwd;
        this.label = sha;
    }
    async list(pattern) {
        this.paths ??= this.listAll();
        return matchPaths(await this.paths, pattern.replace(/^\.\//, ''));
    }
    async read(path) {
        const r = await runGit(['cat-file', 'blob', `${this.sha}:${path}`], {
            cwd: this.cwd
        });
        if (r.code !== 0)
            return undefined;
        return r.stdout;
    }
    async listAll() {
        const r = await runGit(['ls-tree', '-r', '-z', '--name-only', this.sha], {
            cwd: this.cwd
        });
        if (r.code !== 0) {
            throw new UserError(`git ls-tree ${this.sha} failed: ${r.stderr}`);
        }
        return r.stdout
            .toString('utf8')
            .split('\0')
            .filter((p) => p !== '');
    }
}
/** The commit SHA a revision names, or a UserError naming the revision. */
async function resolveRevision(revision, cwd, option) {
    if (revision.startsWith('-')) {
        throw new UserError(`'${revision}' is not a revision`, { field: option });
    }
    const r = await runGit([
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${revision}^{commit}`
    ], { cwd });
    if (r.code !== 0) {
        throw new UserError(`'${revision}' is neither a folder nor a git revision here`, { field: option });
    }
    return r.stdout.toString('utf8').trim();
}

/**
 * `--head`/`--base`: absent is the working tree at `root` (the repository
 * root); an existing folder (relative to where labelgate runs) is a
 * snapshot; anything else must be a git revision of the repository at `root`.
 */
async function resolveSource(spec, option, root) {
    if (spec === undefined)
        return new FolderSource(root, 'worktree');
    const info = await stat(spec).catch(() => undefined);
    if (info?.isDirectory())
        return new FolderSource(spec, spec);
    const sha = await resolveRevision(spec, root, option);
    return new GitSource(sha, root);
}

async function readFirst(source, candidates) {
    for (const path of candidates) {
        const bytes = await source.read(path);
        if (bytes !== undefined) {
            return { path, text: new TextDecoder().decode(bytes) };
        }
    }
    return undefined;
}
/**
 * The trust boundary (DESIGN section 3): when the base is trusted (pull
 * requests, merge queues), the config comes from the base, so a change cannot
 * lower its own bar; the head's is used only where the base has none yet.
 */
async function chooseConfig(options) {
    const candidates = options.explicit !== undefined ? [options.explicit] : DEFAULT_CONFIG_PATHS;
    const fromHead = await readFirst(options.head, candidates);
    const fromBase = options.trustBase && options.base !== undefined
        ? await readFirst(options.base, candidates)
        : undefined;
    const notes = [];
    if (fromBase !== undefined) {
        if (fromHead === undefined || fromHead.text !== fromBase.text) {
            notes.push(`This change edits ${fromBase.path}: the check uses the base's config; the new one applies after merge.`);
        }
        return {
            config: loadConfig(fromBase.text, fromBase.path),
            path: fromBase.path,
            source: 'base',
            notes
        };
    }
    if (fromHead === undefined) {
        throw new UserError(`no labelgate config found (looked for ${candidates.join(', ')})`);
    }
    if (options.trustBase && options.base !== undefined) {
        notes.push(`The base has no labelgate config yet, so the check uses the one this change adds (${fromHead.path}).`);
    }
    return {
        config: loadConfig(fromHead.text, fromHead.path),
        path: fromHead.path,
        source: 'head',
        notes
    };
}

/**
 * Replaces several existing files, each through a temporary file in its own
 * folder and a rename: every new content is written in full before the first
 * file is replaced, so a failed write (a full disk, a read-only folder)
 * leaves every file as it was. Each file keeps its permission bits.
 * `root` is the folder the relative paths are in.
 */
async function replaceFiles(root, files) {
    const staged = [];
    try {
        for (const [relative, bytes] of files) {
            const target = path.join(root, ...relative.split('/'));
            const info = await lstat(target);
            if (!info.isFile()) {
                throw new UserError('is not a regular file (a symbolic link?); it is left as it is', { file: relative });
            }
            const mode = info.mode;
            const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.labelgate.tmp`);
            staged.push({ temp, target });
            await writeFile(temp, bytes, { flag: 'wx' });
            await chmod(temp, mode & 0o7777);
        }
    }
    catch (error) {
        await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
        if (error instanceof UserError)
            throw error;
        throw new UserError(`cannot write the new files (${errorCode(error)}); no file was changed`);
    }
    let done = 0;
    try {
        for (const s of staged) {
            await rename(s.temp, s.target);
            done++;
        }
    }
    catch (error) {
        await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
        throw new UserError(`cannot replace ${staged[done].target} (${errorCode(error)}) after replacing ${done} of ${staged.length} files`);
    }
}
function errorCode(error) {
    return error.code ?? String(error);
}

/** Formats whose label fields `rewriteLabels` can rewrite in place. */
const MIGRATABLE_FORMATS = [
    'csv',
    'tsv',
    'json',
    'jsonl'
];
const encoder = new TextEncoder();
/**
 * Rewrites the label field of every record of one file through `relabel`,
 * changing nothing else: every other byte (the BOM, quoting, delimiter, line
 * endings, other fields, key order, spacing) stays as it was. A file that
 * cannot be read stops with a UserError before anything is written.
 * `labelField` is the column or key of the label (from the config).
 */
function rewriteLabels(bytes, file, format, labelField, relabel) {
    if (!MIGRATABLE_FORMATS.includes(format)) {
        throw new UserError(`labelgate migrate cannot rewrite files in format ${format} (only ${MIGRATABLE_FORMATS.join(', ')}); relabel them in the tool that exported them`, { file });
    }
    bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const start = checkText(bytes, file, 'records');
    const result = {
        bytes: null,
        renamed: new Map(),
        removed: []
    };
    const visit = (label, line) => {
        const to = relabel(label);
        if (to === undefined)
            return undefined;
        if (to === null) {
            result.removed.push({ label, line });
            return undefined;
        }
        const entry = result.renamed.get(label);
        if (entry === undefined)
            result.renamed.set(label, { to, count: 1 });
        else
            entry.count++;
        return to;
    };
    const edits = format === 'csv' || format === 'tsv'
        ? delimitedEdits(bytes, start, file, format, labelField, visit)
        : jsonEdits(bytes, start, file, format, labelField, visit);
    if (edits.length > 0)
        result.bytes = applyEdits(bytes, edits);
    return result;
}
function applyEdits(bytes, edits) {
    let size = bytes.length;
    for (const e of edits)
        size += e.bytes.length - (e.end - e.start);
    const out = new Uint8Array(size);
    let from = 0;
    let to = 0;
    for (const e of edits) {
        out.set(bytes.subarray(from, e.start), to);
        to += e.start - from;
        out.set(e.bytes, to);
        to += e.bytes.length;
        from = e.end;
    }
    out.set(bytes.subarray(from), to);
    return out;
}
function delimitedEdits(bytes, start, file, format, labelField, visit) {
    const delimiter = format === 'csv' ? ',' : '\t';
    const scanner = new CsvScanner(bytes, delimiter.charCodeAt(0), start, file);
    if (!scanner.next())
        throw new UserError('has no records', { file });
    const width = scanner.count;
    const header = [];
    for (let i = 0; i < width; i++)
        header.push(scanner.value(i));
    const column = header.indexOf(labelField);
    if (column < 0) {
        throw new UserError(`missing column '${labelField}' (the label column in the config)`, { file, line: scanner.line });
    }
    const edits = [];
    while (scanner.next()) {
        if (scanner.count !== width) {
            throw new UserError(`row has ${scanner.count} fields; the header has ${width}`, { file, line: scanner.line });
        }
        const to = visit(scanner.value(column), scanner.line);
        if (to === undefined)
            continue;
        const s = scanner.starts[column];
        const e = scanner.ends[column];
        // A quoted field keeps its quotes (only the text between them changes);
        // a plain one is quoted only when the new text needs it.
        const quoted = scanner.quoting[column] !== PLAIN;
        const needsQuotes = /["\r\n]/.test(to) || to.includes(delimiter);
        const escaped = to.replaceAll('"', '""');
        const text = quoted ? escaped : needsQuotes ? `"${escaped}"` : to;
        edits.push({ start: s, end: e, bytes: encoder.encode(text) });
    }
    return edits;
}
function jsonEdits(bytes, start, file, format, labelField, visit) {
    // Validate first, with the readers' own messages; the walk below then
    // only meets well-formed JSON.
    let text;
    if (format === 'json') {
        const parsed = parseJsonDocument(bytes, start, file);
        if (!Array.isArray(parsed.data)) {
            throw new UserError(`expected a JSON array of records, found ${kindOf$1(parsed.data)}`, { file, line: 1 });
        }
        text = parsed.text;
    }
    else {
        forEachJsonLine(bytes, start, file, () => undefined);
        text = decodeUtf8(bytes, start, bytes.length);
    }
    // Edits in string offsets first; bytes are rebuilt from the text, which
    // re-encodes every untouched character to the bytes it was read from.
    const textEdits = [];
    const lines = new LineCounter(text);
    const record = (at) => {
        const line = lines.lineAt(at);
        membersOf(text, at, (key, vs, ve) => {
            if (key !== labelField)
                return;
            const value = JSON.parse(text.slice(vs, ve));
            if (typeof value !== 'string' &&
                typeof value !== 'number' &&
                typeof value !== 'boolean') {
                return;
            }
            const to = visit(String(value), line);
            if (to !== undefined) {
                textEdits.push({ start: vs, end: ve, text: JSON.stringify(to) });
            }
        });
    };
    if (format === 'json') {
        let i = skipSpace(text, 0) + 1; // past '['
        for (;;) {
            i = skipSpace(text, i);
            if (text[i] === ']')
                break;
            if (text[i] === '{')
                record(i);
            i = skipSpace(text, skipValue(text, i));
            if (text[i] === ',')
                i++;
        }
    }
    else {
        let from = 0;
        while (from < text.length) {
            let to = text.indexOf('\n', from);
            if (to < 0)
                to = text.length;
            const i = skipSpace(text, from);
            if (i < to)
                record(i);
            from = to + 1;
        }
    }
    if (textEdits.length === 0)
        return [];
    const pieces = [];
    let from = 0;
    for (const e of textEdits) {
        pieces.push(text.slice(from, e.start), e.text);
        from = e.end;
    }
    pieces.push(text.slice(from));
    // One edit over the whole text after the BOM.
    return [{ start, end: bytes.length, bytes: encoder.encode(pieces.join('')) }];
}
/** Counts lines up to increasing offsets (LF, CRLF and a lone CR end a line). */
class LineCounter {
    text;
    at = 0;
    line = 1;
    constructor(text) {
        this.text = text;
    }
    lineAt(offset) {
        const t = this.text;
        for (; this.at < offset; this.at++) {
            const c = t.charCodeAt(this.at);
            if (c === 0x0a || (c === 0x0d && t.charCodeAt(this.at + 1) !== 0x0a)) {
                this.line++;
            }
        }
        return this.line;
    }
}
function skipSpace(text, i) {
    while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)
            break;
        i++;
    }
    return i;
}
/** Past the string that opens at `i` (valid JSON: no raw line breaks inside). */
function skipString(text, i) {
    for (i++;; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c)
            i++;
        else if (c === 0x22)
            return i + 1;
    }
}
/** Past the JSON value that starts at `i`. */
function skipValue(text, i) {
    const c = text[i];
    if (c === '"')
        return skipString(text, i);
    if (c === '{' || c === '[') {
        let depth = 0;
        for (;;) {
            const d = text[i];
            if (d === '"') {
                i = skipString(text, i);
                continue;
            }
            if (d === '{' || d === '[')
                depth++;
            else if (d === '}' || d === ']') {
                depth--;
                if (depth === 0)
                    return i + 1;
            }
            i++;
        }
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i]))
        i++;
    return i;
}
/** Calls `visit` with each key of the object at `i` and its value's span. */
function membersOf(text, i, visit) {
    i++; // past '{'
    for (;;) {
        i = skipSpace(text, i);
        if (text[i] === '}')
            return;
        const keyEnd = skipString(text, i);
        const key = JSON.parse(text.slice(i, keyEnd));
        i = skipSpace(text, keyEnd) + 1; // past ':'
        i = skipSpace(text, i);
        const end = skipValue(text, i);
        visit(key, i, end);
        i = skipSpace(text, end);
        if (text[i] === ',')
            i++;
    }
}

/**
 * Plans `labelgate migrate`: runs every label file of the chosen datasets
 * (annotations and reference) through its schema's migrations, in memory.
 * Any file that cannot be read stops the run here, before anything is
 * written. A file that two datasets share is read once and rewritten in turn.
 */
async function planMigration(config, source, datasets) {
    const names = new Set(config.datasets.map((d) => d.name));
    for (const name of datasets ?? []) {
        if (!names.has(name)) {
            throw new UserError(`no dataset named '${name}' (datasets: ${[...names].join(', ')})`, { field: '--dataset' });
        }
    }
    const plan = { files: [], writes: new Map(), skipped: [] };
    const current = async (file) => {
        const planned = plan.writes.get(file);
        if (planned !== undefined)
            return planned;
        const bytes = await source.read(file);
        if (bytes === undefined) {
            throw new UserError(`does not exist at ${source.label}`, { file });
        }
        return bytes;
    };
    for (const dataset of config.datasets) {
        if (datasets !== undefined && !datasets.includes(dataset.name))
            continue;
        const schema = await schemaOf(dataset, source);
        if (schema === null) {
            plan.skipped.push({
                dataset: dataset.name,
                reason: 'has no schema file, so no migration'
            });
            continue;
        }
        if (schema.migrations.length === 0) {
            plan.skipped.push({
                dataset: dataset.name,
                reason: `its schema ${schema.file} has no migration`
            });
            continue;
        }
        const steps = stepsInOrder(schema);
        const relabel = (label) => migrateLabel(schema, label, steps)?.to;
        const groups = [
            {
                role: 'annotations',
                pattern: dataset.path,
                field: 'path',
                label: dataset.fields.label,
                format: dataset.format
            }
        ];
        if (dataset.reference !== undefined) {
            groups.push({
                role: 'reference',
                pattern: dataset.reference.path,
                field: 'reference.path',
                label: dataset.reference.fields.label,
                format: dataset.reference.format
            });
        }
        for (const group of groups) {
            checkPattern(group.pattern, group.field);
            for (const file of await source.list(group.pattern)) {
                const result = rewriteLabels(await current(file), file, formatOf(file, group.format), group.label, relabel);
                if (result.bytes !== null)
                    plan.writes.set(file, result.bytes);
                plan.files.push({
                    dataset: dataset.name,
                    file,
                    role: group.role,
                    result
                });
            }
        }
    }
    return plan;
}
async function schemaOf(dataset, source) {
    if (dataset.schema === undefined)
        return null;
    checkPattern(dataset.schema, 'schema');
    const bytes = await source.read(dataset.schema);
    if (bytes === undefined) {
        throw new UserError(`label schema not found at ${source.label}`, {
            file: dataset.schema,
            field: `datasets.${dataset.name}.schema`
        });
    }
    return loadLabelSchema(new TextDecoder().decode(bytes), dataset.schema);
}

/** Lines of a removed label listed before "...". */
const SHOW_LINES = 5;
function count(n, noun) {
    return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
/** "data/a.csv: 12 labels rewritten (pos → positive 10, neg → negative 2)" */
function summary(f, dryRun) {
    const file = cleanText(f.file);
    const renamed = [...f.result.renamed];
    const total = renamed.reduce((sum, [, r]) => sum + r.count, 0);
    const lines = [];
    if (total === 0) {
        lines.push(`${file}: no label to migrate`);
    }
    else {
        const what = renamed
            .map(([from, r]) => `${cleanText(from)} → ${cleanText(r.to)} ${r.count}`)
            .join(', ');
        lines.push(`${file}: ${dryRun ? 'would rewrite' : 'rewrote'} ${count(total, 'label')} (${what})`);
    }
    const removed = new Map();
    for (const r of f.result.removed) {
        const at = removed.get(r.label);
        if (at === undefined)
            removed.set(r.label, [r.line]);
        else
            at.push(r.line);
    }
    for (const [label, at] of removed) {
        const shown = at.slice(0, SHOW_LINES).join(', ');
        const more = at.length > SHOW_LINES ? `, ... ${at.length - SHOW_LINES} more` : '';
        lines.push(`${file}: ${count(at.length, 'record')} still hold${at.length === 1 ? 's' : ''} '${cleanText(label)}', which a migration removed (line${at.length === 1 ? '' : 's'} ${shown}${more}): relabel or delete ${at.length === 1 ? 'it' : 'them'}`);
    }
    return lines;
}
/**
 * `labelgate migrate`: rewrites the working tree's label files through the
 * label schema's migrations. Every file is read and rewritten in memory
 * first; only then are the changed files replaced (each atomically).
 * Exit 0 done, 1 when records still hold a removed label, 2 could not run.
 */
async function migrate(args, io) {
    const configPath = findConfigPath(args.config, existsSync);
    const text = await readFile(configPath, 'utf8').catch((error) => {
        throw new UserError(`cannot be read (${error.code ?? String(error)})`, { file: configPath });
    });
    const config = loadConfig(text, configPath);
    const source = new FolderSource('.', 'worktree');
    const plan = await planMigration(config, source, args.datasets);
    if (!args.dryRun && plan.writes.size > 0) {
        await replaceFiles('.', plan.writes);
    }
    const out = [];
    for (const s of plan.skipped) {
        out.push(`dataset '${cleanText(s.dataset)}' ${s.reason}: nothing to migrate`);
    }
    for (const f of plan.files)
        out.push(...summary(f, args.dryRun));
    if (!args.quiet)
        io.stdout(out.map((l) => `${l}\n`).join(''));
    const left = plan.files.some((f) => f.result.removed.length > 0);
    if (left && args.quiet) {
        io.stderr(out
            .filter((l) => l.includes('which a migration removed'))
            .map((l) => `labelgate: ${l}\n`)
            .join(''));
    }
    return left ? 1 : 0;
}

/**
 * The datasets a change touches (the action's `datasets: changed`, the CLI's
 * `--changed`): one of its annotation files (as `path` and `exclude` select
 * them), its reference or label schema file changed, or the config itself did
 * (then every dataset may be judged differently). `changed` and `configPath`
 * are relative to the repository root.
 */
function touchedDatasets(config, configPath, changed) {
    if (changed.includes(configPath))
        return config.datasets.map((d) => d.name);
    return config.datasets
        .filter((d) => {
        if (annotationFiles(changed, d).length > 0)
            return true;
        const others = [
            ...(d.reference ? [d.reference.path] : []),
            ...(d.schema !== undefined ? [d.schema] : [])
        ];
        return others.some((p) => matchPaths(changed, p).length > 0);
    })
        .map((d) => d.name);
}

/** Paths that differ between two commits (renames as delete + add). */
async function changedPaths(base, head, cwd) {
    const r = await runGit(['diff', '--name-only', '--no-renames', '-z', base, head, '--'], { cwd });
    if (r.code !== 0) {
        throw new UserError(`git diff ${base.slice(0, 7)} ${head.slice(0, 7)} failed: ${r.stderr}`);
    }
    return r.stdout
        .toString('utf8')
        .split('\0')
        .filter((p) => p !== '');
}

/**
 * Repository-relative paths that differ between the base commit and the
 * head: another commit, or (`head` undefined) the working tree, where
 * uncommitted edits and new files that git does not ignore count too.
 */
async function changedFiles(base, head, root) {
    if (head !== undefined)
        return changedPaths(base, head, root);
    const tracked = await git(['diff', '--name-only', '--no-renames', '-z', base, '--'], root);
    const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], root);
    return [...new Set([...tracked, ...untracked])].sort();
}
async function git(args, cwd) {
    const r = await runGit(args, { cwd });
    if (r.code !== 0) {
        throw new UserError(`git ${args[0]} failed: ${r.stderr}`, {
            field: '--changed'
        });
    }
    return r.stdout
        .toString('utf8')
        .split('\0')
        .filter((p) => p !== '');
}

/** Problem lines `--quiet` prints before it says how many more there are. */
const MAX_PROBLEM_LINES = 20;
/**
 * What made a check fail, one line each, for `--quiet`: every gate whose
 * outcome is an error, then the data problems of severity error (the first
 * 20 of them, then a count). Names, messages and paths come from label files
 * and configs, so each line is cleaned of control characters.
 */
function failureLines(report) {
    const lines = [];
    for (const dataset of report.datasets) {
        const name = cleanText(dataset.name);
        for (const gate of dataset.gates) {
            if (gateEffect(gate) !== 'error')
                continue;
            const who = gate.annotator !== undefined ? ` [${cleanText(gate.annotator)}]` : '';
            lines.push(`labelgate: ${name}: gate ${cleanText(gate.metric)}${who} ${gate.status}: ${cleanText(gate.message)}`);
        }
        const errors = dataset.problems.filter((p) => p.severity === 'error');
        for (const p of errors.slice(0, MAX_PROBLEM_LINES)) {
            const field = p.field !== undefined ? ` (${cleanText(p.field)})` : '';
            lines.push(`labelgate: ${name}: ${cleanText(p.file)}:${p.line}${field}: ${cleanText(p.message)}`);
        }
        if (errors.length > MAX_PROBLEM_LINES) {
            lines.push(`labelgate: ${name}: ${errors.length - MAX_PROBLEM_LINES} more errors (run without --quiet, or write --json)`);
        }
    }
    return lines;
}

/**
 * The root of the git work tree that holds `cwd`, or `cwd` itself outside
 * git (or without git installed). Dataset paths and the config's default
 * places are relative to this root, so `labelgate check` finds the same
 * files from any subdirectory.
 */
async function repositoryRoot(cwd) {
    const r = await runGit(['rev-parse', '--show-toplevel'], { cwd }).catch(() => undefined);
    if (r === undefined || r.code !== 0)
        return cwd;
    const root = r.stdout.toString('utf8').trim();
    return root === '' ? cwd : root;
}

const processIo = () => ({
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: process.stdout.isTTY === true,
    env: process.env
});
/** Runs the CLI and returns the exit status (DESIGN section 2): 0 pass, 1 fail, 2 could not run. */
async function main(argv, io = processIo()) {
    let debug = argv.includes('--debug');
    try {
        const args = parseCliArgs(argv);
        if (args.command === 'help') {
            io.stdout(`${USAGE}\n`);
            return 0;
        }
        if (args.command === 'version') {
            io.stdout(`labelgate ${VERSION}\n`);
            return 0;
        }
        debug = args.debug;
        if (args.command === 'migrate')
            return await migrate(args, io);
        return await check(args, io);
    }
    catch (error) {
        if (isUserError(error)) {
            io.stderr(`labelgate: ${error.format()}\n`);
            return 2;
        }
        // Not a user error: a bug. Say so briefly; the stack only with --debug.
        const message = error instanceof Error ? error.message : String(error);
        io.stderr(`labelgate: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
        if (debug && error instanceof Error && error.stack) {
            io.stderr(`${error.stack}\n`);
        }
        return 2;
    }
}
async function check(args, io) {
    // Paths in the config are relative to the repository root, wherever in
    // the repository labelgate runs.
    const root = await repositoryRoot(process.cwd());
    const head = await resolveSource(args.head, '--head', root);
    const base = args.base !== undefined
        ? await resolveSource(args.base, '--base', root)
        : undefined;
    // An explicit --config is read as given; otherwise the trust boundary
    // applies: with a git base, the config and gold labels come from the base.
    const trustBase = base instanceof GitSource;
    let chosen;
    if (args.config !== undefined) {
        const configPath = findConfigPath(args.config, existsSync);
        const text = await readFile(configPath, 'utf8').catch((error) => {
            throw new UserError(`cannot be read (${error.code ?? String(error)})`, { file: configPath });
        });
        chosen = {
            config: loadConfig(text, configPath),
            path: configPath,
            source: 'file',
            notes: []
        };
    }
    else {
        chosen = await chooseConfig({ head, base, trustBase });
    }
    let datasets = args.datasets;
    if (args.changed) {
        const touched = await changedDatasets(args, chosen, root, base, head);
        datasets = touched.filter((d) => datasets?.includes(d) ?? true);
        if (datasets.length === 0 && !args.quiet) {
            io.stdout(`labelgate: no dataset's files, reference, schema or config changed since ${cleanText(args.base)}: nothing to check.\n`);
        }
    }
    const phases = {};
    const { report, artifacts } = await runCheck({
        config: chosen.config,
        configPath: chosen.path,
        configSource: chosen.source,
        head,
        base,
        trusted: trustBase ? base : head,
        notes: chosen.notes,
        datasets,
        now: new Date(),
        // With --base the change is judged (as on a pull request), else the state.
        judge: base === undefined ? 'state' : 'change',
        onPhase: (phase, ms) => {
            phases[phase] = (phases[phase] ?? 0) + ms;
        }
    });
    if (io.env.LABELGATE_PROFILE === '1') {
        // Read by bench/run.mjs: phase times and peak RSS of this process.
        const annotations = report.datasets.reduce((sum, d) => sum + d.head.counts.annotations, 0);
        io.stderr(`labelgate-profile ${JSON.stringify({ phases, annotations, maxRssKb: process.resourceUsage().maxRSS })}\n`);
    }
    // Render everything before writing anything: no half-written outputs.
    const extra = [
        ...(args.adjudication !== undefined
            ? adjudicationFiles(artifacts, args.adjudication)
            : []),
        ...(args.qcSample !== undefined
            ? qcSampleFiles(artifacts, args.qcSample)
            : [])
    ];
    if (args.adjudication !== undefined &&
        !artifacts.some((a) => a.adjudication)) {
        io.stderr('labelgate: --adjudication: no dataset has an adjudication section in the config; no queue written\n');
    }
    if (args.qcSample !== undefined && !artifacts.some((a) => a.qcSample)) {
        io.stderr('labelgate: --qc-sample: no dataset has a qc_sample section in the config; no sample written\n');
    }
    const json = args.json !== undefined ? `${JSON.stringify(report, null, 2)}\n` : undefined;
    const markdown = args.markdown !== undefined ? renderMarkdown(report) : undefined;
    if (args.json !== undefined)
        await writeFileAtomic(args.json, json);
    for (const file of extra)
        await writeFileAtomic(file.path, file.content);
    if (args.markdown !== undefined)
        await writeFileAtomic(args.markdown, markdown);
    if (!args.quiet) {
        const color = args.color ??
            (io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb');
        io.stdout(renderTerminal(report, { color }));
    }
    else if (!report.passed) {
        // Quiet is for hooks and scripts: on a failure, still say what failed.
        for (const line of failureLines(report))
            io.stderr(`${line}\n`);
    }
    return report.passed ? 0 : 1;
}
/**
 * `--changed`: the datasets whose annotation, reference or schema files or
 * whose config differ between the base revision and the head (a revision or
 * the working tree), as the action selects them on a pull request.
 */
async function changedDatasets(args, chosen, root, base, head) {
    if (!(base instanceof GitSource)) {
        throw new UserError(base === undefined
            ? 'needs --base REF: the datasets changed since which revision?'
            : 'needs --base to be a git revision, not a folder', { field: '--changed' });
    }
    if (args.head !== undefined && !(head instanceof GitSource)) {
        throw new UserError('needs --head to be a git revision or the working tree, not a folder', { field: '--changed' });
    }
    const files = await changedFiles(base.sha, head instanceof GitSource ? head.sha : undefined, root);
    // An explicit --config is named from where labelgate runs.
    const configPath = args.config !== undefined
        ? path.relative(root, path.resolve(chosen.path)).split(path.sep).join('/')
        : chosen.path;
    return touchedDatasets(chosen.config, configPath, files);
}

/* istanbul ignore next */
void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
});
//# sourceMappingURL=cli.js.map
