import type { Reporter } from "vitest/reporters";
import type { RunnerTask, RunnerTestFile } from "vitest";

/**
 * Prints one plain closing line, "tests: N passed, N failed, N skipped",
 * so that a reader of CI output (human or tool) gets the totals without
 * parsing vitest's decorated summary.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const visit = (task: RunnerTask): void => {
      if (task.type === "suite") {
        for (const child of task.tasks) visit(child);
        return;
      }
      const state = task.result?.state;
      if (state === "pass") counts.passed++;
      else if (state === "fail") counts.failed++;
      else counts.skipped++;
    };
    for (const file of files) {
      visit(file);
      // A file that failed to load has no tests but is still a failure.
      if (file.result?.state === "fail" && file.tasks.length === 0) counts.failed++;
    }
    counts.failed += errors.length;
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
