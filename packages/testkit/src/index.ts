export {
  type GoldenValue,
  goldenDirectory,
  readGolden,
  readGoldenText,
  repositoryRoot,
  reviveRNumbers,
} from './golden.ts';
export { loadMusto2007Study, musto2007StudyPath } from './studies.ts';
export { expectAllClose, expectClose, relativeError } from './tolerance.ts';
