// Closes every test run with the plain line `N passed, N failed` (`, N skipped` when any were), the line CI reads,
// after vitest's own report.
import type {Reporter, TestModule} from 'vitest/node'

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = {passed: 0, failed: 0, skipped: 0}
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') count.passed++
        else if (state === 'failed') count.failed++
        else count.skipped++
      }
      // A file that failed to load has no tests to count: it counts as one failure.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) count.failed++
    }
    console.log(`${count.passed} passed, ${count.failed} failed` + (count.skipped > 0 ? `, ${count.skipped} skipped` : ''))
  }
}
