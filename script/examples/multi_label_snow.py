"""Builds examples/multi-label/ from Snow et al. (EMNLP 2008) affective-text
annotations: 100 news headlines, 10 Mechanical Turk workers each, who scored
six emotions 0-100; the gold is the SemEval-2007 Task 14 expert score.

A worker's label set for a headline is the emotions they scored 50 or more
(SemEval-2007 Task 14's coarse-grained evaluation counts an emotion present
at 50); the reference set likewise from the expert scores.

Usage (from the repository root), with the folder `all_collected_data` of
edwinrobots/bayesian_combination_tutorial2 (the six <emotion>.standardized.tsv):
    python3 script/examples/multi_label_snow.py PATH/all_collected_data
"""

import csv
import sys
from pathlib import Path

EMOTIONS = ["anger", "disgust", "fear", "joy", "sadness", "surprise"]
THRESHOLD = 50
OUT = Path("examples/multi-label")


def main(source):
    sets = {}
    gold = {}
    for emotion in EMOTIONS:
        with open(Path(source) / f"{emotion}.standardized.tsv", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                key = (int(row["orig_id"]), row["!amt_worker_ids"])
                sets.setdefault(key, set())
                if float(row["response"]) >= THRESHOLD:
                    sets[key].add(emotion)
                gold.setdefault(int(row["orig_id"]), set())
                if float(row["gold"]) >= THRESHOLD:
                    gold[int(row["orig_id"])].add(emotion)
    items = sorted(gold)
    # The base: the first 80 headlines; the head adds a batch of the last 20.
    base_items = set(items[:80])
    for name, keep in [("before", base_items), ("after", set(items))]:
        folder = OUT / name / "data"
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "emotions.csv", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["item_id", "annotator", "emotions"])
            for (item, worker), labels in sorted(sets.items()):
                if item in keep:
                    w.writerow([item, worker, "|".join(sorted(labels))])
        with open(folder / "gold.csv", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["item_id", "emotions"])
            for item in items:
                w.writerow([item, "|".join(sorted(gold[item]))])


main(sys.argv[1])
