-- One labelgate statistics shard (labelgate-stats, version 1) from SQL.
-- docs/stats-shards.md describes every field; this query is one way to write
-- them. It reads two relations the caller defines first:
--
--   annotations(item_id, annotator, label, filename, file_row_number)
--     CREATE VIEW annotations AS SELECT * FROM read_parquet('labels/*.parquet',
--       filename = true, file_row_number = true);
--   gold(item_id, label)
--     CREATE VIEW gold AS SELECT * FROM read_parquet('gold.parquet');
--
-- and these variables (SET VARIABLE name = value):
--   dataset          the dataset's name in labelgate.yml
--   part, parts      this shard is part `part` (1-based) of `parts`: the items
--                    whose hash(item_id) % parts = part - 1
--   files            the annotation files as labelgate names them (relative
--                    to the repository root), for the report
--   reference_files  the same for the reference files
--
-- It returns one row with one column, `shard`: the shard's JSON text. Run it
-- once per part (in parallel, anywhere) and merge with
--   labelgate check --stats shard-1.json shard-2.json ...
--
-- A nominal dataset whose categories the config does not declare: the
-- category list is the labels in use (any order: the merge sorts them).
-- Like labelgate's reader, rows with an empty label are skipped and of two
-- ratings of one item by one annotator the first in file order is kept; this
-- query reports no data problems (labelgate's own reader does).

WITH
files AS (
  SELECT filename, row_number() OVER (ORDER BY filename) - 1 AS file_index
  FROM (SELECT DISTINCT filename FROM annotations)
),
-- Every row, with its position in the dataset: file order, then row order.
-- Order keys are these positions' minima (docs: "Order keys").
positioned AS (
  SELECT
    CAST(a.item_id AS VARCHAR) AS item,
    CAST(a.annotator AS VARCHAR) AS annotator,
    CAST(a.label AS VARCHAR) AS label,
    f.file_index * 4294967296 + a.file_row_number AS position
  FROM annotations a JOIN files f USING (filename)
),
item_order AS (
  SELECT item, min(position) AS o FROM positioned GROUP BY item
),
annotator_order AS (
  SELECT annotator, min(position) AS o FROM positioned GROUP BY annotator
),
valid AS (
  SELECT * FROM positioned
  WHERE item IS NOT NULL AND annotator IS NOT NULL
    AND label IS NOT NULL AND label <> ''
  QUALIFY row_number() OVER (PARTITION BY item, annotator ORDER BY position) = 1
),
reference AS (
  SELECT CAST(item_id AS VARCHAR) AS item, CAST(first(label) AS VARCHAR) AS label
  FROM gold WHERE label IS NOT NULL AND CAST(label AS VARCHAR) <> ''
  GROUP BY item_id
),
categories AS (
  SELECT label, CAST(row_number() OVER (ORDER BY label) - 1 AS INTEGER) AS code
  FROM (SELECT label FROM valid UNION SELECT label FROM reference)
),
part AS (
  SELECT * FROM valid
  WHERE hash(item) % getvariable('parts') = getvariable('part') - 1
),
annotators AS (
  SELECT annotator, CAST(row_number() OVER (ORDER BY annotator) - 1 AS INTEGER) AS code
  FROM (SELECT DISTINCT annotator FROM part)
),
coded AS (
  SELECT p.item, p.position, a.code AS rater, c.code AS category, t.code AS truth
  FROM part p
  JOIN annotators a USING (annotator)
  JOIN categories c ON c.label = p.label
  LEFT JOIN reference r ON r.item = p.item
  LEFT JOIN categories t ON t.label = r.label
),
item_counts AS (
  SELECT item, category, count(*) AS n FROM coded GROUP BY item, category
),
items AS (
  SELECT
    c.item,
    any_value(o.o) AS o,
    any_value(c.truth) AS truth,
    list(c.rater ORDER BY c.position) AS raters
  FROM coded c JOIN item_order o USING (item)
  GROUP BY c.item
),
item_rows AS (
  SELECT json_array(
    items.item, items.o, items.truth,
    (SELECT flatten(list([k.category, k.n] ORDER BY k.category))
     FROM item_counts k WHERE k.item = items.item),
    items.raters
  ) AS row, items.o
  FROM items
),
pair_cells AS (
  SELECT x.rater AS a, y.rater AS b, x.category AS ka, y.category AS kb, count(*) AS n
  FROM coded x JOIN coded y ON x.item = y.item AND x.rater < y.rater
  GROUP BY ALL
),
pair_rows AS (
  SELECT a, b, json_array(a, b, flatten(list([ka, kb, n] ORDER BY ka, kb))) AS row
  FROM pair_cells GROUP BY a, b
),
tallies AS (
  SELECT
    a.code, a.annotator, o.o,
    count(*) AS annotations,
    count(c.truth) AS compared,
    count(*) FILTER (WHERE c.category = c.truth) AS correct
  FROM coded c
  JOIN annotators a ON a.code = c.rater
  JOIN annotator_order o ON o.annotator = a.annotator
  GROUP BY a.code, a.annotator, o.o
)
SELECT json_object(
  'format', 'labelgate-stats',
  'version', 1,
  'dataset', getvariable('dataset'),
  'level', 'nominal',
  'declared', false,
  'reference', true,
  'categories', (SELECT list(label ORDER BY code) FROM categories),
  'values', NULL,
  'part', json_object('index', getvariable('part'), 'count', getvariable('parts')),
  'files', getvariable('files'),
  'reference_files', getvariable('reference_files'),
  'annotators', coalesce((SELECT list(json_object(
      'id', annotator, 'order', o, 'annotations', annotations,
      'compared', compared, 'correct', correct) ORDER BY code) FROM tallies),
    []::JSON[]),
  'items', coalesce((SELECT list(row ORDER BY o) FROM item_rows), []::JSON[]),
  'pairs', coalesce((SELECT list(row ORDER BY a, b) FROM pair_rows), []::JSON[]),
  'problems', []
) AS shard;
