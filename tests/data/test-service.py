#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""data/kringd.service.in passes `systemd-analyze verify` without a single
complaint (an unknown or misspelt key is only a warning there, so any
output fails), and keeps the hardening the README promises.

Usage: test-service.py SYSTEMD_ANALYZE UNIT_FILE
"""
import re
import subprocess
import sys

REQUIRED = {
    'DynamicUser': 'yes',
    'StateDirectory': 'kringd',
    'ProtectSystem': 'strict',
    'ProtectHome': 'yes',
    'PrivateTmp': 'yes',
    'NoNewPrivileges': 'yes',
    'RestrictAddressFamilies': 'AF_INET AF_INET6 AF_UNIX',
    'CapabilityBoundingSet': '',
}


def main():
    analyze, unit = sys.argv[1:3]
    problems = []
    result = subprocess.run([analyze, 'verify', '--man=no', unit],
                            capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or output:
        problems.append(f'systemd-analyze verify (exit {result.returncode}):\n{output}')

    with open(unit, encoding='utf-8') as f:
        settings = {}
        for line in f:
            m = re.match(r'^([A-Za-z]+)=(.*)$', line.strip())
            if m:
                settings.setdefault(m.group(1), []).append(m.group(2))
    for key, value in REQUIRED.items():
        if value not in settings.get(key, []):
            problems.append(f'{key}={value} is missing')
    if not any('@system-service' in v for v in settings.get('SystemCallFilter', [])):
        problems.append('SystemCallFilter=@system-service is missing')
    exec_start = ' '.join(settings.get('ExecStart', []))
    for part in ('/kringd ', '--listen 127.0.0.1:8080', '--database sqlite:/var/lib/kringd/kring.db'):
        if part not in exec_start:
            problems.append(f'ExecStart lacks {part.strip()!r}')

    for p in problems:
        print(f'# {p}')
    print('FAIL' if problems else 'OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
