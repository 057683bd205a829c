/**
 * How far past a threshold a value may be and still count as equal to it,
 * for every bound (min, max, max_drop, max_decline, max_jsd, slice gaps) and
 * for the items a firm verdict needs: a coefficient that is exactly 0.6 in
 * rational arithmetic can come out of floating point as 0.5999999999999996
 * (Fleiss' kappa on 9 items: (8/9 − 26/36) / (1 − 26/36)), and prints as
 * 0.600. Far below any difference a report shows, far above such rounding.
 */
export const EQUAL_TOLERANCE = 1e-12
