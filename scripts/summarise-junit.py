"""Print one closing line per pytest run from its JUnit XML, and the total."""

import sys
from pathlib import Path
from xml.etree import ElementTree  # our own pytest's output, not untrusted input

total = {"passed": 0, "failed": 0, "skipped": 0}
for report in map(Path, sys.argv[1:]):
    if not report.exists():
        print(f"{report.stem}: 0 passed, 1 failed (no results: the run did not finish)")
        total["failed"] += 1
        continue
    suite = ElementTree.parse(report).getroot()  # noqa: S314
    suite = suite if suite.tag == "testsuite" else suite[0]
    tests, skipped = int(suite.get("tests", 0)), int(suite.get("skipped", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    counts = {"passed": tests - failed - skipped, "failed": failed, "skipped": skipped}
    for key, value in counts.items():
        total[key] += value
    seconds = float(suite.get("time", 0))
    passed = counts["passed"]
    print(f"{report.stem}: {passed} passed, {failed} failed, {skipped} skipped in {seconds:.1f} s")
print(f"total: {total['passed']} passed, {total['failed']} failed, {total['skipped']} skipped")
