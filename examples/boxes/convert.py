#!/usr/bin/python3
"""Write the box example (examples/boxes/data/lvis-double.json) from LVIS's
doubly annotated images.

Source: https://github.com/Madave94/LVIS-Double-Annotations, snapshot commit
2597121e7ad58fddf7945f71d495c6666dc13dcb, file
processed_double_annos_v1.0/lvis_v1.0_val_doubly_annos_subset200.json: 200
COCO val2017 images that the LVIS authors had annotated twice, in one COCO
file whose annotations carry `rater_id` ("r1" or "r2"), with LVIS v1.0
category ids (the repository's processing_script.py maps them from v0.5).

Reads that file (or a checkout holding it) and writes one COCO file, keeping
what labelgate reads and what a person needs to look an image up:

- images: id, file_name, width, height, coco_url (all 200, also those with
  no box from either round: both rounds saw every image, `rater_list`);
- annotations: id, image_id, category_id, bbox, iscrowd, rater_id (the
  segmentation polygons, area and the LVIS-only image keys are dropped);
- categories: id, name, synset of the categories some box uses.

Numbers are written as the source has them (boxes keep their two decimals).
One record a line, so labelgate's messages point at a useful line. Sorted by
image id, then annotation id, so a rerun writes the same bytes.

    /usr/bin/python3 examples/boxes/convert.py /path/to/LVIS-Double-Annotations
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = "processed_double_annos_v1.0/lvis_v1.0_val_doubly_annos_subset200.json"
OUT = os.path.join(HERE, "data", "lvis-double.json")


def records(key, rows):
    body = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in rows)
    return '  "%s": [\n%s\n  ]' % (key, body)


def main(path):
    if os.path.isdir(path):
        path = os.path.join(path, SOURCE)
    with open(path, encoding="utf-8") as f:
        src = json.load(f)

    images = sorted(src["images"], key=lambda i: i["id"])
    for image in images:
        # Both rounds annotated every image of the set; the reader relies on
        # that (an image without a round's boxes is that round's empty set).
        assert image["rater_list"] == ["r1", "r2"], image["id"]
    anns = sorted(src["annotations"], key=lambda a: (a["image_id"], a["id"]))
    assert {a["rater_id"] for a in anns} == {"r1", "r2"}
    used = {a["category_id"] for a in anns}
    categories = sorted(
        (c for c in src["categories"] if c["id"] in used), key=lambda c: c["id"]
    )

    out = [
        records(
            "images",
            [
                {k: i[k] for k in ("id", "file_name", "width", "height", "coco_url")}
                for i in images
            ],
        ),
        records(
            "annotations",
            [
                {
                    k: a[k]
                    for k in ("id", "image_id", "category_id", "bbox", "iscrowd", "rater_id")
                }
                for a in anns
            ],
        ),
        records(
            "categories",
            [{k: c[k] for k in ("id", "name", "synset")} for c in categories],
        ),
    ]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(out) + "\n}\n")
    print(
        "%s: %d images, %d boxes, %d categories"
        % (os.path.relpath(OUT), len(images), len(anns), len(categories))
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
