export {
  type GoldenValue,
  goldenDirectory,
  readGolden,
  readGoldenText,
  repositoryRoot,
  reviveRNumbers,
} from './golden.ts';
export { expectAllClose, expectClose, relativeError } from './tolerance.ts';
