#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints "PASSED FAILED" for a meson testlog.json, counting TAP subtests.

A TAP test counts each "ok"/"not ok" line; a test that crashed or timed out
counts as one failure more; skips count as neither."""
import json
import re
import sys

passed = failed = 0
try:
    with open(sys.argv[1], encoding="utf-8") as log:
        for line in log:
            result = json.loads(line)
            out = result.get("stdout") or ""
            ok = len(re.findall(r"^ok \d+(?! # SKIP)", out, re.M))
            not_ok = len(re.findall(r"^not ok \d+", out, re.M))
            if ok + not_ok == 0:
                ok = 1 if result["result"] == "OK" else 0
            passed += ok
            failed += not_ok
            if result["result"] not in ("OK", "SKIP", "EXPECTEDFAIL") and not_ok == 0:
                failed += 1
except OSError:
    failed += 1
print(passed, failed)
