#!/usr/bin/env python3
"""Write labelgate statistics shards (docs/stats-shards.md) for a nominal or
ordinal category dataset, with the Python standard library only.

    python3 write_shards.py DATASET PARTS OUTDIR ANNOTATIONS.csv... \
        [--gold GOLD.csv] [--level nominal] [--categories a,b,c]

ANNOTATIONS files have the columns item_id, annotator, label; GOLD has
item_id, label. Paths are written into the shard as given, so run it from the
repository root with paths relative to it. Items are split by the 32-bit
FNV-1a hash of their id, as `labelgate stats --part I/N` does; any partition
would do. Writes OUTDIR/DATASET-I-of-N.json for I = 1..N, then:

    labelgate check --stats OUTDIR/DATASET-*-of-N.json
"""

import argparse
import csv
import json
import os
import sys


def fnv1a(text):
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def utf16_key(text):
    # The doc sorts undeclared categories by UTF-16 code unit, as JavaScript does.
    return text.encode("utf-16-be")


def read_rows(path, columns):
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        for name in columns:
            if name not in (reader.fieldnames or []):
                sys.exit(f"{path}: missing column '{name}'")
        for row_number, row in enumerate(reader):
            yield row_number, row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset")
    ap.add_argument("parts", type=int)
    ap.add_argument("outdir")
    ap.add_argument("annotations", nargs="+")
    ap.add_argument("--gold")
    ap.add_argument("--level", default="nominal", choices=["nominal", "ordinal"])
    ap.add_argument("--categories", help="the config's categories, comma-separated")
    args = ap.parse_args()
    declared = args.categories.split(",") if args.categories is not None else None

    reference = {}
    if args.gold:
        for _, row in read_rows(args.gold, ["item_id", "label"]):
            label = row["label"]
            if label == "" or (declared is not None and label not in declared):
                continue  # not a reference label (the check reports it)
            reference.setdefault(row["item_id"], label)

    # One pass over the rows: the first rating of each (item, annotator), the
    # order key of each item and annotator (file index * 2^32 + row number).
    ratings = {}  # item -> {annotator: label}, annotators in first-rating order
    item_order = {}
    annotator_first = {}  # (part, annotator) -> order key of its first row in that part
    labels_used = set()
    for file_index, path in enumerate(args.annotations):
        for row_number, row in read_rows(path, ["item_id", "annotator", "label"]):
            item, annotator, label = row["item_id"], row["annotator"], row["label"]
            if item == "" or annotator == "":
                continue
            key = file_index * 2**32 + row_number
            item_order.setdefault(item, key)
            if label == "" or (declared is not None and label not in declared):
                continue  # not a rating (the check reports an undeclared label)
            part = fnv1a(item) % args.parts
            annotator_first.setdefault((part, annotator), key)
            by_annotator = ratings.setdefault(item, {})
            if annotator not in by_annotator:
                by_annotator[annotator] = label
                labels_used.add(label)

    if declared is not None:
        categories = declared
    else:
        categories = sorted(labels_used | set(reference.values()), key=utf16_key)
    category_code = {c: i for i, c in enumerate(categories)}

    os.makedirs(args.outdir, exist_ok=True)
    for part in range(args.parts):
        items = [i for i in ratings if fnv1a(i) % args.parts == part]
        annotators = sorted(
            {a for i in items for a in ratings[i]},
            key=lambda a: annotator_first[(part, a)],
        )
        code = {a: n for n, a in enumerate(annotators)}
        tallies = {a: [0, 0, 0] for a in annotators}  # annotations, compared, correct
        pairs = {}  # (a, b) codes, a < b -> {(cat a, cat b): n}
        item_rows = []
        for item in items:
            by_annotator = ratings[item]
            gold = reference.get(item)
            counts = {}
            for annotator, label in by_annotator.items():
                c = category_code[label]
                counts[c] = counts.get(c, 0) + 1
                t = tallies[annotator]
                t[0] += 1
                if gold is not None:
                    t[1] += 1
                    t[2] += label == gold
            rated = sorted(code[a] for a in by_annotator)
            for x in range(len(rated)):
                for y in range(x + 1, len(rated)):
                    a, b = rated[x], rated[y]
                    cell = (
                        category_code[by_annotator[annotators[a]]],
                        category_code[by_annotator[annotators[b]]],
                    )
                    table = pairs.setdefault((a, b), {})
                    table[cell] = table.get(cell, 0) + 1
            item_rows.append(
                [
                    item,
                    item_order[item],
                    category_code.get(gold) if gold is not None else None,
                    [v for c, n in counts.items() for v in (c, n)],
                    rated,
                ]
            )
        shard = {
            "format": "labelgate-stats",
            "version": 1,
            "dataset": args.dataset,
            "level": args.level,
            "declared": declared is not None,
            "reference": args.gold is not None,
            "categories": categories,
            "values": None,
            "part": {"index": part + 1, "count": args.parts},
            "files": args.annotations,
            "reference_files": [args.gold] if args.gold else [],
            "annotators": [
                {
                    "id": a,
                    "order": annotator_first[(part, a)],
                    "annotations": tallies[a][0],
                    "compared": tallies[a][1],
                    "correct": tallies[a][2],
                }
                for a in annotators
            ],
            "items": item_rows,
            "pairs": [
                [a, b, [v for (ca, cb), n in table.items() for v in (ca, cb, n)]]
                for (a, b), table in pairs.items()
            ],
            "problems": [],
        }
        out = os.path.join(
            args.outdir, f"{args.dataset}-{part + 1}-of-{args.parts}.json"
        )
        with open(out, "w", encoding="utf-8") as f:
            json.dump(shard, f, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
