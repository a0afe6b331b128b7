// One generator for every randomized test; kept here for the informer tests that import it from this folder.
export { seededRandom } from "../../../../test/support/seeded-random.js";
