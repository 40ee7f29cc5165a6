#!/usr/bin/env python3
"""Prints how long `make test` took and its ten slowest tests.

usage: scripts/test-times.py OUTPUT STARTED

OUTPUT is `swift test`'s output as `make test` saved it; STARTED is when the target
began (seconds since the epoch, as `date +%s.%N` prints it). Reads both runners'
lines:

    ✔ Test aClerkFindsACase() passed after 12.345 seconds.          (Swift Testing)
    ✘ Test foo() failed after 0.500 seconds with 1 issue.
    Test Case 'Suite.testFoo' passed (0.123 seconds).               (XCTest)

Suites' own lines (`✔ Suite "…" passed after …`) and the run's closing line are not
tests and are left out. Only reads; `make test`'s exit status is swift test's.
"""
import re
import sys
import time

ANSI = re.compile(r"\x1b\[[0-9;]*m")
SWIFT_TESTING = re.compile(r"^\S+ Test (.+?) (passed|failed|recorded an issue.*?) after ([0-9.]+) seconds")
XCTEST = re.compile(r"^Test Case '(.+?)' (passed|failed) \(([0-9.]+) seconds\)")


def tests(lines):
    for line in lines:
        line = ANSI.sub("", line).strip()
        m = SWIFT_TESTING.match(line) or XCTEST.match(line)
        if m and not m.group(1).startswith("run with "):
            yield float(m.group(3)), m.group(1), m.group(2).split()[0]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    output, started = sys.argv[1], float(sys.argv[2])
    total = time.time() - started
    with open(output, encoding="utf-8", errors="replace") as f:
        timed = sorted(tests(f), key=lambda t: -t[0])
    print(f"make test: {total:.1f} s in all (build and tests); {len(timed)} timed tests in {output}")
    if timed:
        print("slowest tests:")
        for seconds, name, outcome in timed[:10]:
            print(f"  {seconds:8.3f} s  {name}" + ("" if outcome == "passed" else f"  ({outcome})"))


if __name__ == "__main__":
    main()
