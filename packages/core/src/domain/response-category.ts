/** Response categories shared by the IMWG 2006/2016, EBMT 1998 and IMWG 2013 PCL criteria. */
export const responseCategories = ['sCR', 'CR', 'VGPR', 'PR', 'MR', 'SD', 'PD', 'NE'] as const;
export type ResponseCategory = (typeof responseCategories)[number];

/** Rank from best (0) to worst; NE (not evaluable) ranks last. */
export function responseRank(category: ResponseCategory): number {
  return responseCategories.indexOf(category);
}

/** ORR counts sCR + CR + VGPR + PR (clinical-spec.md §8, response-rate conventions). */
export function isObjectiveResponse(category: ResponseCategory): boolean {
  return responseRank(category) <= responseRank('PR');
}

/** True when `category` is at least as good as `threshold` (e.g. "VGPR or better"). */
export function isAtLeast(category: ResponseCategory, threshold: ResponseCategory): boolean {
  return category !== 'NE' && responseRank(category) <= responseRank(threshold);
}

export const responseCategoryNames: Readonly<Record<ResponseCategory, string>> = {
  sCR: 'stringent complete response',
  CR: 'complete response',
  VGPR: 'very good partial response',
  PR: 'partial response',
  MR: 'minimal response',
  SD: 'stable disease',
  PD: 'progressive disease',
  NE: 'not evaluable',
};
