#!/usr/bin/python3
"""Convert the PICO crowd and expert span annotations to Label Studio exports.

Source: https://github.com/yinfeiy/PICO-data (Nguyen et al. 2017), snapshot
commit de7e647917d6aa5b7eaaa72f523d452225ce3951b. Reads, from a checkout:

  annotations/acl17-test/PICO-annos-crowdsourcing.json   (one JSON per line:
      {"Participants": {worker: [[start, end], ...]}, "docid": ...})
  annotations/acl17-test/PICO-annos-professional.json    (same, one expert)
  docs/<docid>.txt                                      (the abstracts)

and writes data/crowd.json and data/reference.json next to this script in
Label Studio's JSON export shape (one task per abstract, one annotation per
worker, one `labels` result per span, label `Participants`). PICO offsets are
Python 3 character (code point) offsets; Label Studio counts UTF-16 code
units, so offsets after a character outside the BMP would move (the
abstracts have none; the script checks).

    python3 examples/spans/convert.py /path/to/PICO-data
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def utf16(text, offset):
    return len(text[:offset].encode("utf-16-le")) // 2


def task(docid, text, annotations):
    return {
        "id": int(docid),
        "data": {"text": text, "pmid": docid},
        "annotations": [
            {
                "id": n + 1,
                "completed_by": worker,
                "was_cancelled": False,
                "result": [
                    {
                        "id": "%s-%s-%d" % (docid, worker, k),
                        "from_name": "label",
                        "to_name": "text",
                        "type": "labels",
                        "value": {
                            "start": utf16(text, s),
                            "end": utf16(text, e),
                            "text": text[s:e],
                            "labels": ["Participants"],
                        },
                    }
                    for k, (s, e) in enumerate(spans)
                ],
            }
            for n, (worker, spans) in enumerate(sorted(annotations.items()))
        ],
    }


def convert(source, name, out, expert=None):
    tasks = []
    with open(os.path.join(source, "annotations", "acl17-test", name)) as f:
        for line in f:
            d = json.loads(line)
            with open(os.path.join(source, "docs", d["docid"] + ".txt"), encoding="utf-8") as t:
                text = t.read()
            assert all(ord(c) < 0x10000 for c in text), d["docid"]
            annotations = d.get("Participants", {})
            if expert is not None and not annotations:
                # The expert read every abstract: nothing marked is an empty set.
                annotations = {expert: []}
            tasks.append(task(d["docid"], text, annotations))
    tasks.sort(key=lambda t: t["id"])
    with open(os.path.join(HERE, "data", out), "w", encoding="utf-8") as f:
        json.dump(tasks, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return tasks


if __name__ == "__main__":
    source = sys.argv[1]
    crowd = convert(source, "PICO-annos-crowdsourcing.json", "crowd.json")
    expert = convert(source, "PICO-annos-professional.json", "reference.json", "MedicalStudent")
    print(len(crowd), "abstracts,", sum(len(t["annotations"]) for t in crowd), "crowd annotations")
