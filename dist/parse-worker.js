import { parentPort } from 'node:worker_threads';

/**
 * Text from a label file made safe to show on one line: every control
 * character, and the bidirectional overrides that can make text display in
 * a different order from how it reads ("Trojan Source"), shown as a visible
 * escape (`\u001b`, `\u202e`) rather than passed on or dropped. Dropping made
 * an annotator `al<ESC>[31mice<BEL>` read as a second `alice`, and a label
 * `neg<ESC>]0;t<BEL>ative` as `negative`; escaped, an ANSI sequence is inert
 * and in plain sight (`al\u001b[31mice\u0007`). Line breaks and tabs become
 * spaces (white space, not a way to hide text), and lone surrogates (from a
 * cut string) are replaced. Cleaning clean text changes nothing.
 */
function cleanText(text) {
    return text
        .replace(LINE_BREAK, ' ')
        .replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replace(LONE_SURROGATE, '\uFFFD');
}
const LINE_BREAK = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]/g;
// \p{Cc}: C0, DEL and C1 controls (C1 includes the one-byte CSI, U+009B).
const CONTROL = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The longest piece of file text a message quotes, in characters. */
const EXCERPT_LENGTH = 80;
/**
 * Text from a file made safe and short for a one-line message: cleaned of
 * control characters and escape sequences, and cut to `max` characters with a
 * note of the full length. Only the start of the text is looked at, so a
 * 100 MB label costs no more than a short one.
 */
function excerpt(text, max = EXCERPT_LENGTH) {
    // Cleaning at most halves text (a CRLF becomes one space): a bounded
    // prefix is enough to fill `max` characters.
    const limit = max * 4 + 64;
    const head = cleanText(text.slice(0, limit));
    if (head.length <= max && text.length <= limit)
        return head;
    return `${head.slice(0, max).replace(/[\uD800-\uDBFF]$/, '')}… (${text.length} characters)`;
}
/** `'text'` with the text shortened and cleaned as `excerpt` does. */
function quote(text, max = EXCERPT_LENGTH) {
    return `'${excerpt(text, max)}'`;
}

/**
 * A run that cannot be done (bad config, unreadable file, missing column, unknown
 * revision). The CLI prints `format()` as one line and exits 2; no stack trace.
 * Data problems that a run can report (a label outside the schema, a conflicting
 * duplicate) are not errors but `Problem`s in the report.
 */
class UserError extends Error {
    where;
    /**
     * Messages and places often hold text from a file, a file name from git or
     * a key from a config, all possibly from a pull request: they are cleaned of
     * control characters and escape sequences (which could clear a terminal or
     * forge log lines) and kept to a readable length, here, once for every error.
     */
    constructor(message, where = {}) {
        super(excerpt(message, MESSAGE_LENGTH));
        this.name = 'UserError';
        this.where = {
            ...where,
            file: where.file === undefined ? undefined : excerpt(where.file, 300),
            field: where.field === undefined ? undefined : excerpt(where.field, 200)
        };
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
/** The longest error message, in characters (a one-line cause, not a dump). */
const MESSAGE_LENGTH = 1000;

// ignoreBOM: a value that starts with U+FEFF keeps it (the file's BOM is
// skipped by the reader, before any value).
const decoder$1 = new TextDecoder('utf-8', { ignoreBOM: true });
class Interner {
    /** Pairs: hash, code + 1 (0 = empty). Length is 2 × a power of two (see `maxLoad`). */
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
    scratchView = viewOf(this.scratch);
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
        return this.internView(viewOf(bytes), start, end);
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
        return (this.last = this.find(view, start, end, hash(view, start, len)));
    }
    /**
     * The codes of many values at once, interned in order: value c is
     * `arena[offsets[c], offsets[c + 1])`; returns each one's code (the merge
     * of a parallel read, which interns each piece's distinct values).
     *
     * In blocks: the hashes of a block first, touching each one's slot, then
     * the lookups. With 10^6 distinct values the table (16 MB) is far from
     * the cache and a lookup is one wait for memory (about 250 ns here); the
     * touches of a block wait together instead of one after another. Merging
     * the 10^6 item ids of the benchmark file went from about 255 to 185 ms.
     */
    internAll(arena, offsets, exotic) {
        const n = offsets.length - 1;
        const codes = new Int32Array(Math.max(0, n));
        const view = viewOf(arena);
        const hashes = new Int32Array(TOUCH_BLOCK);
        for (let from = 0; from < n; from += TOUCH_BLOCK) {
            const to = Math.min(n, from + TOUCH_BLOCK);
            const slots = this.slots;
            const mask = this.mask;
            let touched = 0;
            for (let c = from; c < to; c++) {
                const s = offsets[c];
                const h = hash(view, s, offsets[c + 1] - s);
                hashes[c - from] = h;
                touched |= slots[2 * (h & mask) + 1];
            }
            // Uses the loads, so that no compiler drops them.
            if (touched < 0)
                throw new Error('Interner: a negative code');
            for (let c = from; c < to; c++) {
                const size = this.n;
                codes[c] = this.find(view, offsets[c], offsets[c + 1], hashes[c - from]);
                // A value added here whose string held a lone surrogate (its bytes
                // do not decode back to it): keep the string, as `intern` does.
                const text = exotic?.get(c);
                if (text !== undefined && codes[c] === size) {
                    this.exoticInput = true;
                    if (this.exotic === null)
                        this.exotic = new Map();
                    this.exotic.set(size, text);
                }
            }
        }
        if (n > 0)
            this.last = codes[n - 1];
        return codes;
    }
    /** Code of view[start, end), whose hash is `h`; added if new. */
    find(view, start, end, h) {
        const len = end - start;
        const offsets = this.offsets;
        const arenaView = this.arenaView;
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
                    return code;
            }
            s = (s + 1) & mask;
        }
        return this.add(view, start, end, h, s);
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
            const text = decoder$1.decode(this.arena.subarray(start, end));
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
    /**
     * The values' UTF-8 bytes: code c is `arena[offsets[c], offsets[c + 1])`
     * (views of this interner's own arrays; a worker of a parallel read sends
     * them to the main thread, which interns them in code order).
     */
    bytes() {
        return {
            arena: this.arena.subarray(0, this.offsets[this.n]),
            offsets: this.offsets.subarray(0, this.n + 1),
            ...(this.exotic !== null && { exotic: new Map(this.exotic) })
        };
    }
    /** Makes room for `distinct` more values without growing one step at a time. */
    reserve(distinct) {
        const want = this.n + distinct;
        if (want + 1 > this.offsets.length)
            this.resizeOffsets(want + 1);
        if (want > maxLoad(this.mask + 1))
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
        return decoder$1.decode(a.subarray(s, e));
    }
    add(view, start, end, h, s) {
        const code = this.n;
        if (code + 2 > this.offsets.length) {
            this.resizeOffsets(grownLength(this.offsets.length, code + 2));
        }
        if (code + 1 > maxLoad(this.mask + 1)) {
            this.rehash(2 * (this.mask + 1));
            s = h & this.mask;
            while (this.slots[2 * s + 1] !== 0)
                s = (s + 1) & this.mask;
        }
        const at = this.offsets[code];
        const len = end - start;
        if (at + len > this.arena.length) {
            const arena = new Uint8Array(grownLength(this.arena.length, at + len));
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
            this.scratchView = viewOf(this.scratch);
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
/** Values per block of `internAll`: a block's slots stay in the cache. */
const TOUCH_BLOCK = 64;
function viewOf(bytes) {
    return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
/**
 * Values a table of `size` slots holds before it grows: half of them, and
 * three quarters from 2^22 slots (4 million distinct values) on. Each slot
 * is 8 bytes, so at 3.4 × 10^7 item ids (10^8 annotations) a load of 1/2
 * meant a 1 GB table where 3/4 needs 512 MB; with the hash kept in the slot
 * a lookup at 3/4 still compares about 2.5 slots, all in one cache line or two.
 */
function maxLoad(size) {
    return size < 1 << 22 ? size / 2 : (size / 4) * 3;
}
/**
 * The next length of a growing array that must hold `needed`: double while
 * small, then 1.5 times from 16 million entries (the offsets and arena of
 * 10^7 and more ids), so the copy and the unused tail stay smaller.
 */
function grownLength(length, needed) {
    const next = length < 1 << 24 ? 2 * length : Math.ceil(1.5 * length);
    return Math.max(next, needed);
}
/** Slots for `distinct` values within `maxLoad`: a power of two. */
function tableSize(distinct) {
    let size = 16;
    while (maxLoad(size) < distinct)
        size *= 2;
    return size;
}

/**
 * 4211 -> "4,211", the same on every machine whatever its locale: counts in
 * problem messages, gate messages and reports. Fractions are cut, not
 * rounded (a count is whole).
 */
function formatCount(n) {
    const sign = n < 0 ? '-' : '';
    const digits = String(Math.trunc(Math.abs(n)));
    return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Collects problems, keeping at most `limit` of each kind (a plural noun such
 * as "conflicting duplicates") plus one summary line per kind, so that a broken
 * million-row file gives a readable report rather than a million entries.
 */
class ProblemLog {
    limit;
    kept = [];
    /** The kind of each kept problem (to hand a log over, `state`). */
    keptKinds = [];
    omitted = new Map();
    counts = new Map();
    constructor(limit = 1000) {
        this.limit = limit;
    }
    /**
     * Messages quote labels and ids from the file; each is cleaned and kept to
     * a readable length here, so no report field carries a 100 MB label.
     */
    add(kind, raw) {
        const problem = {
            ...raw,
            file: excerpt(raw.file, 300),
            message: excerpt(raw.message, 1000),
            ...(raw.field !== undefined && { field: excerpt(raw.field, 200) })
        };
        this.keep(kind, problem);
    }
    keep(kind, problem) {
        const count = (this.counts.get(kind) ?? 0) + 1;
        this.counts.set(kind, count);
        if (count <= this.limit) {
            this.kept.push(problem);
            this.keptKinds.push(kind);
            return;
        }
        const o = this.omitted.get(kind);
        if (o === undefined)
            this.omitted.set(kind, { count: 1, first: problem });
        else
            o.count++;
    }
    /**
     * Everything this log holds, as plain data (a worker of a parallel read
     * sends it to the main thread, which `absorb`s it).
     */
    state() {
        return {
            kept: this.kept,
            kinds: this.keptKinds,
            omitted: [...this.omitted].map(([kind, o]) => ({ kind, ...o }))
        };
    }
    /**
     * Adds the problems of another log (the records after this log's), in
     * their order, with their lines moved down by `lineOffset`: the same
     * problems, caps and summaries as adding them here one by one.
     */
    absorb(state, lineOffset) {
        const shift = (p) => p.line === undefined ? p : { ...p, line: p.line + lineOffset };
        state.kept.forEach((p, i) => this.keep(state.kinds[i], shift(p)));
        // Past the other log's cap, so past this one's: only counted.
        for (const { kind, count, first } of state.omitted) {
            this.counts.set(kind, (this.counts.get(kind) ?? 0) + count);
            const o = this.omitted.get(kind);
            if (o === undefined)
                this.omitted.set(kind, { count, first: shift(first) });
            else
                o.count += count;
        }
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
                message: `... and ${formatCount(count)} more ${kind}`
            });
        }
        return [...this.kept, ...summaries];
    }
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
// ignoreBOM: a value that is or starts with U+FEFF keeps it, as the interner
// keeps it (a file's own BOM is skipped before any value is read). Without
// it a CSV cell or JSON string of just U+FEFF decoded to '' and passed the
// blank-id check that U+00A0 fails.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
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
    return decoder.decode(bytes.subarray(start, end));
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

const LF$1 = 0x0a;
const CR = 0x0d;
const QUOTE$1 = 0x22;
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
 * whole reader, of which this scanner is 0.15 to 0.33 (docs/performance.md,
 * bench/csv-scanner.mjs). Here a record is only offsets into the bytes; the
 * reader decodes, or interns by hash, just the fields it needs.
 *
 * Rules: CRLF, LF and a lone CR end a record and each count as one line, also
 * inside quoted fields, so `line` is the line where a record starts. Blank
 * lines are skipped. A quote inside an unquoted field is kept as text (lenient,
 * like most writers' readers); a closing quote must be followed by the
 * delimiter or the end of the record, and an unclosed quote stops the run,
 * naming the line where the field opened.
 *
 * Streaming: given a prefix of the input (`final` false), `next()` stops at a
 * record the bytes end inside, even in a quoted field or between the CR and
 * LF of a CRLF, and `resume` scans that record again with more bytes; line
 * numbers and errors are the same as on the whole input at once.
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
    /**
     * Set when `next()` returned false because the bytes so far end inside a
     * record (streaming input, `final` false): `pos` is then where that record
     * starts, and scanning resumes there once `resume` gives more bytes.
     */
    needMore = false;
    /** Where scanning continues: after the current record, or at an incomplete one. */
    pos;
    nextLine;
    /**
     * End of the valid bytes (bytes[0, limit) are the input so far; a reused
     * buffer holds stale bytes after it, so no look-ahead passes it).
     */
    limit;
    /** Whether the input ends at `limit` (false: more bytes may follow). */
    final;
    constructor(bytes, delimiter, start, file, limit = bytes.length, final = true, line = 1) {
        this.bytes = bytes;
        this.delimiter = delimiter;
        this.file = file;
        this.pos = start;
        this.nextLine = line;
        this.limit = limit;
        this.final = final;
    }
    /**
     * Continues on new input: `bytes[0, limit)`, scanning from `pos` (the
     * bytes of an incomplete record moved there by the caller), `final` when
     * nothing follows. Line numbers carry on from the previous input.
     */
    resume(bytes, pos, limit, final) {
        this.bytes = bytes;
        this.pos = pos;
        this.limit = limit;
        this.final = final;
        this.needMore = false;
    }
    /** The line `pos` is on. */
    get posLine() {
        return this.nextLine;
    }
    /** Moves to the next record; false at the end of the input (or see `needMore`). */
    next() {
        const b = this.bytes;
        const n = this.limit;
        const more = !this.final;
        const d = this.delimiter;
        let pos = this.pos;
        let line = this.nextLine;
        while (pos < n) {
            const c = b[pos];
            if (c === LF$1)
                line++;
            else if (c === CR) {
                // A CR as the last byte so far may be the first half of a CRLF.
                if (more && pos + 1 >= n)
                    break;
                if (pos + 1 < n && b[pos + 1] === LF$1)
                    pos++;
                line++;
            }
            else
                break;
            pos++;
        }
        if (pos >= n || (more && b[pos] === CR)) {
            this.pos = pos;
            this.nextLine = line;
            this.needMore = more;
            return false;
        }
        const recordStart = pos;
        const recordLine = line;
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
            if (pos < n && b[pos] === QUOTE$1) {
                const open = pos;
                const openLine = line;
                let escaped = QUOTED;
                pos++;
                const start = pos;
                for (;;) {
                    if (pos >= n) {
                        if (more)
                            return this.suspend(recordStart, recordLine);
                        throw this.unterminated(open, openLine);
                    }
                    const c = b[pos];
                    if (c === QUOTE$1) {
                        if (pos + 1 >= n && more) {
                            return this.suspend(recordStart, recordLine);
                        }
                        if (pos + 1 >= n || b[pos + 1] !== QUOTE$1)
                            break;
                        escaped = ESCAPED;
                        pos += 2;
                        continue;
                    }
                    if (c === CR && pos + 1 >= n && more) {
                        return this.suspend(recordStart, recordLine);
                    }
                    if (c === LF$1 || (c === CR && (pos + 1 >= n || b[pos + 1] !== LF$1)))
                        line++;
                    pos++;
                }
                starts[count] = start;
                ends[count] = pos;
                quoting[count] = escaped;
                count++;
                pos++;
                if (pos >= n) {
                    if (more)
                        return this.suspend(recordStart, recordLine);
                    break;
                }
                const c = b[pos];
                if (c === d) {
                    pos++;
                    continue;
                }
                if (c !== LF$1 && c !== CR)
                    throw this.afterQuote(pos, line);
            }
            else {
                const start = pos;
                while (pos < n) {
                    const c = b[pos];
                    if (c === d || c === LF$1 || c === CR)
                        break;
                    pos++;
                }
                if (pos >= n && more)
                    return this.suspend(recordStart, recordLine);
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
            if (b[pos] === CR) {
                if (pos + 1 >= n && more)
                    return this.suspend(recordStart, recordLine);
                if (pos + 1 < n && b[pos + 1] === LF$1)
                    pos++;
            }
            pos++;
            line++;
        }
        this.pos = pos;
        this.nextLine = line;
        this.count = count;
        return true;
    }
    /** The input ends inside the record at `start`: scan it again with more bytes. */
    suspend(start, line) {
        this.pos = start;
        this.nextLine = line;
        this.needMore = true;
        return false;
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

/**
 * Words longer than this get no suggestion: a typo of a category or a key is
 * short, and comparing long text costs time with the square of its length.
 */
const MAX_SUGGESTED_LENGTH = 64;
/**
 * Levenshtein distance when it is at most `bound`, else `bound + 1`: only the
 * diagonal band of width 2·bound+1 can hold such a path, and a row whose
 * smallest cell is past the bound ends the search early.
 */
function boundedDistance(a, b, bound) {
    if (a === b)
        return 0;
    if (Math.abs(a.length - b.length) > bound)
        return bound + 1;
    const over = bound + 1;
    let prev = new Int32Array(b.length + 1);
    let cur = new Int32Array(b.length + 1);
    for (let j = 0; j <= b.length; j++)
        prev[j] = Math.min(j, over);
    for (let i = 1; i <= a.length; i++) {
        const from = Math.max(1, i - bound);
        const to = Math.min(b.length, i + bound);
        cur[from - 1] = from === 1 ? Math.min(i, over) : over;
        let rowMin = cur[from - 1];
        for (let j = from; j <= to; j++) {
            const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
            const d = Math.min((j <= i - 1 + bound ? prev[j] : over) + 1, cur[j - 1] + 1, prev[j - 1] + cost, over);
            cur[j] = d;
            if (d < rowMin)
                rowMin = d;
        }
        if (to < b.length)
            cur[to + 1] = over;
        if (rowMin > bound)
            return over;
        [prev, cur] = [cur, prev];
    }
    return Math.min(prev[b.length], over);
}
/**
 * The closest candidate when it is close enough to be a likely typo: at most a
 * third of the word's length in edits (at least 1), or the same word ignoring
 * case. Bounded: long words get none, candidates too far apart in length are
 * skipped, and `budget` (when given) caps the work across calls.
 */
function closest(word, candidates, budget) {
    if (word.length === 0 || word.length > MAX_SUGGESTED_LENGTH)
        return undefined;
    const limit = Math.max(1, Math.floor(word.length / 3));
    let best;
    let bestDistance = limit + 1;
    let exact = false;
    const lower = word.toLowerCase();
    for (const c of candidates) {
        if (Math.abs(c.length - word.length) > limit)
            continue;
        if (c !== word && c.toLowerCase() === lower)
            return c;
        // The word is a candidate itself: nothing to correct (unless another
        // candidate differs from it only in case, checked above).
        if (c === word) {
            exact = true;
            continue;
        }
        if (exact)
            continue;
        const d = boundedDistance(word, c, bestDistance - 1);
        if (d > 0 && d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return exact ? undefined : best;
}
/** "; did you mean 'x'?" or "" */
function didYouMean(word, candidates, budget) {
    const c = closest(word, candidates);
    return c === undefined ? '' : `; did you mean ${quote(c)}?`;
}

/**
 * Item and annotator ids are identities: one made only of white space is a
 * data error (like an empty one), since it cannot be told apart from a blank
 * cell by a reader of the file. Labels are checked against the schema instead.
 */
function isIdRole(role) {
    return role === 'item' || role === 'annotator';
}
/** True when the text is non-empty and only spaces, tabs or other Unicode white space. */
function isBlank(text) {
    return text.length > 0 && text.trim() === '';
}
/** Shows at most this many found names in a missing-column message. */
const SHOW = 20;
/** And each of them cut to this many characters. */
const NAME_LENGTH = 40;
function found(names) {
    // Names come from the file's first line, which may be anything (a symlink
    // to a secret, a binary): each is shown short and cleaned.
    const shown = names
        .slice(0, SHOW)
        .map((n) => (n === '' ? "''" : excerpt(n, NAME_LENGTH)));
    if (names.length > SHOW)
        shown.push(`... ${names.length - SHOW} more`);
    return shown.join(', ');
}
/** The error for a column or key that is not in the file at all. */
function missingField(what, spec, names, where, qualifier = '') {
    return new UserError(`missing ${what} '${spec.name}'${qualifier} (found: ${found(names)}); set ${spec.configKey} in the config` +
        didYouMean(spec.name, names), where);
}

/** The one-character field separator of a delimited file. */
/** A separator as a user would write it in the YAML config. */
function delimiterInYaml(char) {
    return char === '\t' ? '"\\t"' : `'${char}'`;
}
/** Every separator `delimiter:` can choose, as characters. */
const DELIMITER_CHARS = [',', ';', '\t', '|'];

/**
 * `readDelimited` one piece of the file at a time (streaming reads): `feed`
 * takes the bytes read so far and returns where the record they end inside
 * starts; the caller moves those bytes to the front of its buffer, appends
 * what it reads next, and feeds again from there.
 */
class DelimitedReader {
    file;
    delimiter;
    specs;
    records;
    sink;
    log;
    scanner;
    /** Header width, and each spec's column in it; set once the header is read. */
    width = -1;
    column = [];
    interners = [];
    internersOf;
    // Codes of '' for optional fields, interned on first use only.
    empty;
    codes;
    isId;
    rows = 0;
    /** The line the first byte fed is on (a piece read after others: after them). */
    firstLine = 1;
    constructor(file, delimiter, specs, records, sink, log) {
        this.file = file;
        this.delimiter = delimiter;
        this.specs = specs;
        this.records = records;
        this.sink = sink;
        this.log = log;
        this.empty = specs.map((spec) => (spec.required ? -1 : -2));
        this.codes = new Int32Array(specs.length);
        this.isId = specs.map((spec) => spec.required && isIdRole(spec.role));
    }
    /**
     * Reads every complete record in bytes[pos, limit); `final`: nothing
     * follows. Returns where the incomplete record at the end starts (limit
     * when there is none).
     */
    feed(bytes, pos, limit, final) {
        const scanner = this.scan(bytes, pos, limit, final);
        if (this.width < 0 && !this.header(scanner, bytes, pos, limit)) {
            return scanner.pos;
        }
        const { file, specs, log } = this;
        if (this.internersOf !== bytes) {
            this.interners = specs.map((spec) => new ByteInterner(bytes, spec.interner));
            this.internersOf = bytes;
        }
        const { width, column, interners, empty, codes, isId, sink } = this;
        while (scanner.next()) {
            this.rows++;
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
                else if (isId[k] &&
                    mayBeBlank(bytes[s]) &&
                    isBlank(scanner.value(i))) {
                    const spec = specs[k];
                    log.add(`records without ${spec.role}`, {
                        severity: 'error',
                        file,
                        line: scanner.line,
                        field: spec.name,
                        message: `${spec.role} is only white space (column '${spec.name}'); the row is skipped`
                    });
                    usable = false;
                    break;
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
        return scanner.needMore ? scanner.pos : limit;
    }
    /**
     * Reads only the header from bytes[pos, limit) (the main thread of a
     * parallel read, which hands the records to workers): `done` when it was
     * read, and `pos` where the records start (or, not done, where the
     * incomplete header starts); `line`: the line there.
     */
    feedHeader(bytes, pos, limit, final) {
        const scanner = this.scan(bytes, pos, limit, final);
        const done = this.width >= 0 || this.header(scanner, bytes, pos, limit);
        return { done, pos: scanner.pos, line: scanner.posLine };
    }
    /** Header width and each spec's column, once the header is read. */
    get layout() {
        return this.width < 0
            ? undefined
            : { width: this.width, column: this.column };
    }
    /**
     * Reads records only, with the header as read elsewhere: a worker's piece
     * of a parallel read (which starts after the header, at line 1), or a
     * piece the main thread reads itself once the pieces before it are in,
     * at `firstLine`, the line its first byte is on in the file.
     */
    presetHeader(width, column, firstLine = 1) {
        this.width = width;
        this.column = [...column];
        this.firstLine = firstLine;
    }
    /** Records read so far (skipped ones too). */
    get rowCount() {
        return this.rows;
    }
    /**
     * Lines read so far (each CRLF, LF or lone CR counts one), counting those
     * before `firstLine` as read.
     */
    get linesRead() {
        return (this.scanner?.posLine ?? this.firstLine) - 1;
    }
    scan(bytes, pos, limit, final) {
        let scanner = this.scanner;
        if (scanner === undefined) {
            scanner = new CsvScanner(bytes, this.delimiter.charCodeAt(0), pos, this.file, limit, final, this.firstLine);
            this.scanner = scanner;
        }
        else {
            scanner.resume(bytes, pos, limit, final);
        }
        return scanner;
    }
    /** Reads the header record; false when the bytes so far end inside it. */
    header(scanner, bytes, pos, limit) {
        const { file, delimiter, specs } = this;
        const headerStart = pos;
        const headerLine = scanner.posLine;
        let any;
        try {
            any = scanner.next();
        }
        catch (error) {
            // `"item_id";"annotator"` read with ',' cannot even be scanned.
            throw (wrongDelimiter(bytes, headerStart, undefined, delimiter, specs[0], file, limit, headerLine) ?? error);
        }
        if (!any) {
            if (scanner.needMore)
                return false;
            throw new UserError(`has no ${this.records}`, { file });
        }
        this.readHeader(scanner, bytes, headerStart, limit, headerLine);
        return true;
    }
    /** Stops the run when the file held no record after its header. */
    finish() {
        if (this.rows === 0) {
            throw new UserError(`has no ${this.records}`, { file: this.file });
        }
    }
    readHeader(scanner, bytes, headerStart, limit, firstLine) {
        const { file, delimiter, specs } = this;
        const headerLine = scanner.line;
        const width = scanner.count;
        const header = [];
        for (let i = 0; i < width; i++)
            header.push(scanner.value(i));
        this.column = specs.map((spec) => {
            const i = header.indexOf(spec.name);
            if (i < 0) {
                throw (wrongDelimiter(bytes, headerStart, header, delimiter, spec, file, limit, firstLine) ?? missingField('column', spec, header, { file, line: headerLine }));
            }
            const again = header.indexOf(spec.name, i + 1);
            if (again >= 0) {
                throw new UserError(`column '${spec.name}' appears twice in the header (columns ${i + 1} and ${again + 1})`, { file, line: headerLine });
            }
            return i;
        });
        this.width = width;
    }
}
/**
 * When the header holds the expected name joined to others by another
 * separator (`item_id;annotator;label` read with ','), the error that says
 * which delimiter to set; undefined when no other separator explains it.
 * `header`: the names as read (undefined when the header could not be
 * scanned at all). Only on the error path: the header is scanned again
 * (bytes[start, limit), from line `firstLine`).
 */
function wrongDelimiter(bytes, start, header, delimiter, spec, file, limit = bytes.length, firstLine = 1) {
    for (const other of DELIMITER_CHARS) {
        if (other === delimiter)
            continue;
        const scanner = new CsvScanner(bytes, other.charCodeAt(0), start, file, limit, true, firstLine);
        try {
            if (!scanner.next())
                return undefined;
        }
        catch {
            continue;
        }
        if (header !== undefined && scanner.count <= header.length)
            continue;
        const names = [];
        for (let i = 0; i < scanner.count; i++)
            names.push(scanner.value(i).trim());
        if (!names.includes(spec.name))
            continue;
        const key = spec.configKey.startsWith('reference.')
            ? 'reference.delimiter'
            : 'delimiter';
        return new UserError(`missing column '${spec.name}': the header is separated by ${delimiterInYaml(other)}, not ${delimiterInYaml(delimiter)}; set ${key}: ${delimiterInYaml(other)} in the config`, { file, line: scanner.line, field: key });
    }
    return undefined;
}
/**
 * Whether a value starting with this byte could be only white space: ASCII
 * white space, a quote (the value is quoted) or a UTF-8 lead byte (no-break
 * and other Unicode spaces). Lets the common case skip decoding the value.
 */
function mayBeBlank(first) {
    return (first === 0x20 ||
        (first >= 0x09 && first <= 0x0d) ||
        first === 0x22 ||
        first >= 0x80);
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
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
                    NUMBER.lastIndex = i;
                    if (!NUMBER.test(text))
                        return fail(`unexpected ${found()}`);
                    i = NUMBER.lastIndex;
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
/**
 * Finds the first key repeated within one object of valid JSON text.
 * JSON.parse keeps the last value without a word, so a record holding
 * `"label": "neg", ..., "label": "pos"` would be read as `pos` silently.
 *
 * One pass. The keys of the open objects are kept as offsets into the text
 * and compared where they stand, not sliced into strings: a Prodigy task
 * holds an object per token, and a set and a string per key were 0.45 s of
 * reading 10^5 such tasks (plus their garbage). An object with many keys
 * moves to a set of them, so a large object costs no more than it did.
 */
function findDuplicateKey(text) {
    // Keys of the open objects, innermost last: key j < `keys` is
    // text[starts[j], ends[j]) between its quotes, `escaped[j]` when it holds
    // an escape. (Entries past `keys` are stale: setting an array's length
    // costs more than the rest of the scan.)
    const starts = [];
    const ends = [];
    const escaped = [];
    let keys = 0;
    // Per open container: where its keys begin, or -1 (an array); and, for an
    // object of many keys, the set of them.
    const frames = [];
    const sets = [];
    let depth = 0;
    // Whether the next string in the current object is a key.
    let expectKey = false;
    const n = text.length;
    for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x7b || c === 0x5b) {
            frames[depth] = c === 0x7b ? keys : -1;
            sets[depth++] = undefined;
            expectKey = c === 0x7b;
        }
        else if (c === 0x7d || c === 0x5d) {
            const from = frames[--depth];
            if (from >= 0)
                keys = from;
            expectKey = false;
        }
        else if (c === 0x2c) {
            expectKey = depth > 0 && frames[depth - 1] >= 0;
        }
        else if (c === 0x22) {
            const open = i;
            let escapes = false;
            for (i++; text.charCodeAt(i) !== 0x22; i++) {
                if (text.charCodeAt(i) === 0x5c) {
                    escapes = true;
                    i++;
                }
            }
            if (!expectKey)
                continue;
            expectKey = false;
            const from = frames[depth - 1];
            let set = sets[depth - 1];
            if (set === undefined && keys - from >= MANY_KEYS) {
                set = new Set();
                for (let j = from; j < keys; j++) {
                    set.add(keyText(text, starts[j], ends[j], escaped[j]));
                }
                sets[depth - 1] = set;
            }
            if (set !== undefined) {
                const key = keyText(text, open + 1, i, escapes);
                if (set.has(key))
                    return { offset: open, key };
                set.add(key);
            }
            else {
                for (let j = from; j < keys; j++) {
                    if (sameKey(text, starts[j], ends[j], escaped[j], open + 1, i, escapes)) {
                        return { offset: open, key: keyText(text, open + 1, i, escapes) };
                    }
                }
            }
            starts[keys] = open + 1;
            ends[keys] = i;
            escaped[keys++] = escapes;
        }
    }
    return undefined;
}
/** Keys an object holds before its keys go into a set. */
const MANY_KEYS = 16;
/** The key between the quotes at text[start - 1] and text[end]. */
function keyText(text, start, end, escaped) {
    return escaped
        ? JSON.parse(text.slice(start - 1, end + 1))
        : text.slice(start, end);
}
/** Whether two keys of the text are the same string. */
function sameKey(text, as, ae, aEscaped, bs, be, bEscaped) {
    if (aEscaped || bEscaped) {
        return keyText(text, as, ae, aEscaped) === keyText(text, bs, be, bEscaped);
    }
    const len = ae - as;
    if (be - bs !== len)
        return false;
    for (let k = 0; k < len; k++) {
        if (text.charCodeAt(as + k) !== text.charCodeAt(bs + k))
            return false;
    }
    return true;
}

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const COLON = 0x3a;
const COMMA = 0x2c;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
/** Keys of one line it compares for duplicates; a line with more takes JSON.parse. */
const MAX_KEYS = 64;
/**
 * Reads the common JSON Lines record straight from bytes: one flat object
 * whose values are strings without escapes, numbers, true, false or null,
 * with no key twice, and whose wanted keys (the mapped fields) hold strings.
 * For such a line it finds the byte range of each wanted key's value, so a reader interns the bytes (as the CSV reader does)
 * instead of decoding the line, running JSON.parse and building an object.
 *
 * Hand-written on purpose: JSON.parse, the object it builds and the string
 * per value were 3.1 of the 5.8 s a 10^6-item JSONL file (219 MB) took to
 * read, and the duplicate-key scan of the text another 0.4 s.
 *
 * `scan` says yes only for a line that JSON.parse reads as such an object,
 * and no (the reader then takes the general path, which gives every error
 * and every other kind of value) for anything else: an escape in a string or
 * key, a control character in a string, a nested object or array, a key
 * twice, text before or after the object, invalid syntax. The bytes are
 * valid UTF-8 (checked before any reading), so the bytes of a string without
 * escapes are its UTF-8 encoding.
 */
class FlatJsonLine {
    /** The distinct wanted keys, and for each the wanted indexes it fills. */
    keys;
    targets;
    /** Wanted key k's value is bytes[starts[k], ends[k]); -1 when the line lacks the key. */
    starts;
    ends;
    keyStarts = new Int32Array(MAX_KEYS);
    keyEnds = new Int32Array(MAX_KEYS);
    constructor(keys) {
        const encoder = new TextEncoder();
        // Two mapped fields may name one key (a lineage or slice column that is
        // also the annotator column): the value goes to both.
        const distinct = [...new Set(keys)];
        this.keys = distinct.map((k) => encoder.encode(k));
        this.targets = distinct.map((key) => keys.flatMap((k, i) => (k === key ? [i] : [])));
        this.starts = new Int32Array(keys.length);
        this.ends = new Int32Array(keys.length);
    }
    /** Scans bytes[start, end), one line without its LF; false: take the general path. */
    scan(bytes, start, end) {
        return this.scanLine(bytes, start, end) === end;
    }
    /**
     * Scans the line that starts at `start` and ends at the next LF or at
     * `end`, finding that end as it goes (no second pass over the bytes to
     * find it): returns the LF's offset (or `end`), or -1 to take the
     * general path.
     */
    scanLine(bytes, start, end) {
        this.starts.fill(-1);
        let i = skipSpace(bytes, start, end);
        if (i >= end || bytes[i] !== OPEN)
            return -1;
        i = skipSpace(bytes, i + 1, end);
        if (i < end && bytes[i] === CLOSE)
            return lineEnd(bytes, i + 1, end);
        let count = 0;
        for (;;) {
            if (i >= end || bytes[i] !== QUOTE)
                return -1;
            const keyStart = i + 1;
            const keyEnd = stringEnd(bytes, keyStart, end);
            if (keyEnd < 0)
                return -1;
            if (count === MAX_KEYS || this.seen(bytes, keyStart, keyEnd, count)) {
                return -1;
            }
            this.keyStarts[count] = keyStart;
            this.keyEnds[count++] = keyEnd;
            i = skipSpace(bytes, keyEnd + 1, end);
            if (i >= end || bytes[i] !== COLON)
                return -1;
            i = skipSpace(bytes, i + 1, end);
            if (i >= end)
                return -1;
            let valueStart = i;
            let valueEnd;
            const isString = bytes[i] === QUOTE;
            if (isString) {
                valueStart = i + 1;
                valueEnd = stringEnd(bytes, valueStart, end);
                if (valueEnd < 0)
                    return -1;
                i = valueEnd + 1;
            }
            else {
                valueEnd = scalarEnd(bytes, i, end);
                if (valueEnd < 0)
                    return -1;
                i = valueEnd;
            }
            const d = this.wanted(bytes, keyStart, keyEnd);
            if (d >= 0) {
                // A wanted number, true, false or null: the general path turns it
                // into text (or a missing value) its own way.
                if (!isString)
                    return -1;
                for (const k of this.targets[d]) {
                    this.starts[k] = valueStart;
                    this.ends[k] = valueEnd;
                }
            }
            i = skipSpace(bytes, i, end);
            if (i >= end)
                return -1;
            if (bytes[i] === COMMA) {
                i = skipSpace(bytes, i + 1, end);
                continue;
            }
            if (bytes[i] !== CLOSE)
                return -1;
            return lineEnd(bytes, i + 1, end);
        }
    }
    /** Whether the key bytes[start, end) is among the line's first `count` keys. */
    seen(bytes, start, end, count) {
        const len = end - start;
        for (let j = 0; j < count; j++) {
            const s = this.keyStarts[j];
            if (this.keyEnds[j] - s === len && equal(bytes, s, bytes, start, len)) {
                return true;
            }
        }
        return false;
    }
    /** Index of the distinct wanted key equal to bytes[start, end), or -1. */
    wanted(bytes, start, end) {
        const len = end - start;
        for (let k = 0; k < this.keys.length; k++) {
            const key = this.keys[k];
            if (key.length === len && equal(key, 0, bytes, start, len))
                return k;
        }
        return -1;
    }
}
/** Offset of the LF (or `end`) after the object closed before `i`; -1 if text follows it. */
function lineEnd(bytes, i, end) {
    i = skipSpace(bytes, i, end);
    return i === end || bytes[i] === LF ? i : -1;
}
/** JSON white space within a line: space, tab, CR. */
function skipSpace(bytes, i, end) {
    while (i < end) {
        const c = bytes[i];
        if (c !== 0x20 && c !== 0x09 && c !== 0x0d)
            break;
        i++;
    }
    return i;
}
/**
 * Offset of the quote that closes a string whose text starts at `i`; -1 for
 * an escape or a control character (the general path decides those) or no
 * closing quote.
 */
function stringEnd(bytes, i, end) {
    for (; i < end; i++) {
        const c = bytes[i];
        if (c === QUOTE)
            return i;
        if (c === BACKSLASH || c < 0x20)
            return -1;
    }
    return -1;
}
/** End of a JSON number, true, false or null starting at `i`; -1 if none is there. */
function scalarEnd(bytes, i, end) {
    const c = bytes[i];
    if (c === 0x74)
        return literalEnd(bytes, i, end, 'true');
    if (c === 0x66)
        return literalEnd(bytes, i, end, 'false');
    if (c === 0x6e)
        return literalEnd(bytes, i, end, 'null');
    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    if (c === MINUS)
        i++;
    if (i >= end)
        return -1;
    if (bytes[i] === ZERO)
        i++;
    else if (isDigit(bytes[i]))
        i = digitsEnd(bytes, i, end);
    else
        return -1;
    if (i < end && bytes[i] === DOT) {
        if (i + 1 >= end || !isDigit(bytes[i + 1]))
            return -1;
        i = digitsEnd(bytes, i + 1, end);
    }
    if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
        i++;
        if (i < end && (bytes[i] === PLUS || bytes[i] === MINUS))
            i++;
        if (i >= end || !isDigit(bytes[i]))
            return -1;
        i = digitsEnd(bytes, i, end);
    }
    return i;
}
function literalEnd(bytes, i, end, word) {
    if (i + word.length > end)
        return -1;
    for (let j = 0; j < word.length; j++) {
        if (bytes[i + j] !== word.charCodeAt(j))
            return -1;
    }
    return i + word.length;
}
function isDigit(c) {
    return c >= ZERO && c <= NINE;
}
function digitsEnd(bytes, i, end) {
    while (i < end && isDigit(bytes[i]))
        i++;
    return i;
}
function equal(a, as, b, bs, len) {
    for (let j = 0; j < len; j++)
        if (a[as + j] !== b[bs + j])
            return false;
    return true;
}

new TextDecoder('utf-8');
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
function kindOf(value) {
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
/**
 * Refuses an object that holds one key twice (JSON.parse would keep the
 * last value silently), naming the key at its second occurrence. The text
 * must already be valid JSON.
 */
function refuseDuplicateKeys(text, file, lineOffset = 0) {
    const duplicate = findDuplicateKey(text);
    if (duplicate === undefined)
        return;
    const { line, column } = position(text, duplicate.offset);
    throw new UserError(`key '${excerpt(duplicate.key, 80)}' appears twice in one object; which value is meant is unclear`, { file, line: line + lineOffset, column });
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
                if (spec.required)
                    return this.skip(spec, line, 'missing');
                text = '';
            }
            else {
                const hint = spec.role === 'label'
                    ? '; multi-label values are not supported yet'
                    : ', not a string or number';
                this.problem(`unsupported ${spec.role} values`, line, spec, `${spec.role} is ${kindOf(value)}${hint} (key '${spec.name}'); the record is skipped`);
                return;
            }
            if (text === '' && spec.required)
                return this.skip(spec, line, 'empty');
            if (isIdRole(spec.role) && isBlank(text))
                return this.skip(spec, line, 'only white space');
            this.codes[k] = spec.interner.intern(text);
        }
        this.sink(this.codes, line);
    }
    /**
     * `add` for a line `FlatJsonLine` read (never the first record): each
     * wanted key's value is a string of the line's bytes, or absent. The same
     * checks, in the same order, as `add` makes on the parsed object.
     */
    addFlat(flat, values, line) {
        this.count++;
        for (let k = 0; k < this.specs.length; k++) {
            const spec = this.specs[k];
            const start = flat.starts[k];
            if (start < 0) {
                if (spec.required)
                    return this.skip(spec, line, 'missing');
                this.codes[k] = spec.interner.intern('');
                continue;
            }
            this.seen[k] = true;
            const end = flat.ends[k];
            if (start === end) {
                if (spec.required)
                    return this.skip(spec, line, 'empty');
                this.codes[k] = spec.interner.intern('');
            }
            else if (isIdRole(spec.role) &&
                values.mayBeBlank(start) &&
                isBlank(values.text(start, end))) {
                return this.skip(spec, line, 'only white space');
            }
            else {
                this.codes[k] = values.code(spec.interner, start, end);
            }
        }
        this.sink(this.codes, line);
    }
    /** The problem of a record skipped for its `spec` value: missing, empty or only white space. */
    skip(spec, line, what) {
        this.problem(`records without ${spec.role}`, line, spec, `${spec.role} is ${what} (key '${spec.name}'); the record is skipped`);
    }
    /** What `finish` checks, to hand from a worker's piece to the main thread. */
    keys() {
        return {
            count: this.count,
            seen: [...this.seen],
            firstKeys: this.firstKeys ?? [],
            firstLine: this.firstLine
        };
    }
    /**
     * Takes in the records of a piece read elsewhere (`keys()` of its mapper),
     * which comes after every record so far; its lines start after `lineBase`.
     */
    absorb(piece, lineBase) {
        if (this.count === 0 && piece.count > 0) {
            this.firstKeys = piece.firstKeys;
            this.firstLine = piece.firstLine + lineBase;
        }
        this.count += piece.count;
        piece.seen.forEach((seen, k) => {
            if (seen)
                this.seen[k] = true;
        });
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
/** The values of one piece of a file, read from its bytes. */
class ByteValues {
    bytes;
    view;
    constructor(bytes) {
        this.bytes = bytes;
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    /** The interner's code of the text bytes[start, end). */
    code(interner, start, end) {
        return interner.internView(this.view, start, end);
    }
    text(start, end) {
        return decodeUtf8(this.bytes, start, end);
    }
    /**
     * Whether the value starting at `start` could be only white space (ASCII
     * white space or a multi-byte character first): the common value skips
     * being decoded for the check.
     */
    mayBeBlank(start) {
        const c = this.bytes[start];
        return c <= 0x20 || c >= 0x80;
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * `readJsonLines` one piece of the file at a time (streaming reads): each
 * piece is read up to its last line break, and the line after it is fed
 * again with the next piece.
 *
 * A line that is a flat object of plain values (`FlatJsonLine`) is read
 * from its bytes; any other line, and the first record (whose keys a
 * missing-key error lists in their order), through JSON.parse. Both give
 * the same records, problems and errors.
 */
class JsonLinesReader {
    file;
    records;
    fromBytes;
    mapper;
    flat;
    line = 0;
    first = true;
    constructor(file, specs, records, sink, log, 
    /** false: every line through JSON.parse (what tests compare the byte path with). */
    fromBytes = true) {
        this.file = file;
        this.records = records;
        this.fromBytes = fromBytes;
        this.mapper = new RecordMapper(file, specs, sink, log);
        this.flat = new FlatJsonLine(specs.map((spec) => spec.name));
    }
    feed(bytes, pos, limit, final) {
        let end = limit;
        if (!final) {
            const lf = bytes.lastIndexOf(0x0a, limit - 1);
            if (lf < pos)
                return pos;
            end = lf + 1;
        }
        // Only the file's start may drop a BOM, as a whole-file decode does.
        if (this.first && startsWithBom(bytes, pos, end))
            pos += 3;
        this.first = false;
        const { file, flat, mapper } = this;
        const values = new ByteValues(bytes);
        let line = this.line;
        let from = pos;
        while (from < end) {
            line++;
            let to = this.fromBytes && mapper.count > 0
                ? flat.scanLine(bytes, from, end)
                : -1;
            if (to >= 0) {
                mapper.addFlat(flat, values, line);
            }
            else {
                to = bytes.indexOf(0x0a, from);
                if (to < 0 || to > end)
                    to = end;
                const value = parseLine(keepBom.decode(bytes.subarray(from, to)), file, line);
                if (value !== undefined)
                    mapper.add(value, line);
            }
            from = to + 1;
        }
        this.line = line;
        return end;
    }
    finish() {
        this.mapper.finish(this.records);
    }
    /**
     * Continues at a piece whose first line follows line `line` of the file
     * (not the file's start: no byte order mark is dropped there): a worker's
     * piece of a parallel read (`line` 0: its lines count from 1), or the main
     * thread's next piece after those the workers read.
     */
    resumeAt(line) {
        this.first = false;
        this.line = line;
    }
    /** The number of the last line read. */
    get linesRead() {
        return this.line;
    }
    /** The records' keys so far (a worker's piece, for the main thread). */
    keys() {
        return this.mapper.keys();
    }
    /** Takes in a worker's piece's keys; its lines start after `lineBase`. */
    absorbKeys(piece, lineBase) {
        this.mapper.absorb(piece, lineBase);
    }
}
function startsWithBom(bytes, pos, end) {
    return (pos + 3 <= end &&
        bytes[pos] === 0xef &&
        bytes[pos + 1] === 0xbb &&
        bytes[pos + 2] === 0xbf);
}
const keepBom = new TextDecoder('utf-8', { ignoreBOM: true });
/**
 * The object of one JSON Lines line (`line`: its number), undefined for a
 * blank line; anything else than one object stops the run.
 */
function parseLine(source, file, line) {
    if (source.trim() === '')
        return undefined;
    let value;
    try {
        value = JSON.parse(source);
    }
    catch {
        throw parseError(source, file, line - 1);
    }
    refuseDuplicateKeys(source, file, line - 1);
    if (!isRecord(value)) {
        throw new UserError(`a JSONL line must be one JSON object, found ${kindOf(value)}`, { file, line });
    }
    return value;
}

/**
 * Reads one piece as `DelimitedReader` reads the same records of the whole
 * file: the same scanner, checks, problems and errors, into local tables.
 * Runs in a worker (parse-worker.ts), or in process in tests.
 */
function parseChunk(task) {
    const interners = task.specs.map(() => new Interner());
    const specs = task.specs.map((s, k) => ({
        ...s,
        interner: interners[k]
    }));
    let capacity = Math.max(64, task.bytes.length >> 4);
    let codes = specs.map(() => new Int32Array(capacity));
    let line = new Int32Array(capacity);
    let size = 0;
    const grow = (a) => {
        const b = new Int32Array(capacity);
        b.set(a);
        return b;
    };
    const log = new ProblemLog();
    const sink = (values, at) => {
        if (size === capacity) {
            capacity *= 2;
            codes = codes.map(grow);
            line = grow(line);
        }
        for (let k = 0; k < values.length; k++)
            codes[k][size] = values[k];
        line[size++] = at;
    };
    const reader = readerFor(task, specs, sink, log);
    let error;
    let crash;
    try {
        reader.feed(task.bytes, 0, task.bytes.length, true);
    }
    catch (e) {
        if (e instanceof UserError)
            error = { message: e.message, where: e.where };
        else
            crash = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
    const json = reader instanceof JsonLinesReader;
    return {
        rows: json ? reader.keys().count : reader.rowCount,
        lines: reader.linesRead,
        size,
        codes: codes.map((c) => c.subarray(0, size)),
        line: line.subarray(0, size),
        values: interners.map((i) => i.bytes()),
        problems: log.state(),
        ...(json && { keys: reader.keys() }),
        ...(error !== undefined && { error }),
        ...(crash !== undefined && { crash })
    };
}
/** A reader for a piece that starts after the file's first line. */
function readerFor(task, specs, sink, log) {
    if (task.format === 'jsonl') {
        const reader = new JsonLinesReader(task.file, specs, task.records, sink, log);
        reader.resumeAt(0);
        return reader;
    }
    const reader = new DelimitedReader(task.file, task.delimiter, specs, task.records, sink, log);
    reader.presetHeader(task.width, task.column);
    return reader;
}
/** The buffers of a result, to transfer rather than copy to the main thread. */
function transferables(result) {
    const buffers = new Set();
    const add = (a) => {
        if (a.buffer instanceof ArrayBuffer)
            buffers.add(a.buffer);
    };
    result.codes.forEach(add);
    add(result.line);
    for (const v of result.values) {
        add(v.arena);
        add(v.offsets);
    }
    return [...buffers];
}

// Entry of a parse worker (dist/parse-worker.js): reads the pieces of a
// delimited file the main thread posts, one at a time (see chunk-pool.ts).
const port = parentPort;
if (port === null)
    throw new Error('parse-worker.js runs as a worker thread');
port.on('message', (task) => {
    const result = parseChunk(task);
    port.postMessage(result, transferables(result));
});
//# sourceMappingURL=parse-worker.js.map
