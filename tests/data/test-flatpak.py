#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest, checked without building it (no Flathub here).

- valid JSON, the application id, the GNOME runtime and SDK, the command;
- finish-args exactly the minimal set: network, Wayland with X11 fallback,
  IPC (for X11 shared memory), DRI; no D-Bus names (secrets go through the
  portal, which libsecret uses by itself inside a sandbox), no files;
- the app module is built with meson, and every -Dname=value it passes is an
  option of this project (meson_options.txt) or a meson built-in, with a
  value of the option's type (per `meson introspect` of the build dir);
- the project's own sources come from this repository.

Usage: test-flatpak.py MANIFEST SOURCE_ROOT BUILD_ROOT
"""
import json
import os
import re
import subprocess
import sys

APP_ID = 'nl.kring.Kring'
FINISH_ARGS = {
    '--share=network',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--share=ipc',
    '--device=dri',
}


def project_options(source_root):
    with open(os.path.join(source_root, 'meson_options.txt'), encoding='utf-8') as f:
        return set(re.findall(r"option\(\s*'([^']+)'", f.read()))


def introspected_options(build_root):
    out = subprocess.run(['meson', 'introspect', '--buildoptions', build_root],
                         capture_output=True, text=True, check=True).stdout
    return {o['name']: o for o in json.loads(out)}


def value_fits(option, value):
    kind = option['type']
    if kind == 'boolean':
        return value in ('true', 'false')
    if kind == 'feature':
        return value in ('enabled', 'disabled', 'auto')
    if kind == 'combo':
        return value in option['choices']
    if kind == 'integer':
        return re.fullmatch(r'-?\d+', value) is not None
    return True


def check(manifest_path, source_root, build_root):
    problems = []
    with open(manifest_path, encoding='utf-8') as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as e:
            return [f'not valid JSON: {e}']

    expect = {'app-id': APP_ID, 'runtime': 'org.gnome.Platform', 'sdk': 'org.gnome.Sdk',
              'command': 'kring'}
    for key, value in expect.items():
        if manifest.get(key) != value:
            problems.append(f'{key} is {manifest.get(key)!r}, not {value!r}')
    if not re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))):
        problems.append(f'runtime-version {manifest.get("runtime-version")!r} is no GNOME release')

    args = manifest.get('finish-args', [])
    if len(args) != len(set(args)):
        problems.append('finish-args has duplicates')
    for extra in sorted(set(args) - FINISH_ARGS):
        problems.append(f'finish-args has more than the minimal set: {extra}')
    for missing in sorted(FINISH_ARGS - set(args)):
        problems.append(f'finish-args lacks {missing}')

    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    app = [m for m in modules if m.get('name') == 'kring']
    if len(app) != 1:
        return problems + ['no single module named "kring"']
    app = app[0]
    if app is not modules[-1]:
        problems.append('the kring module is not the last one')
    if app.get('buildsystem') != 'meson':
        problems.append(f'the kring module is built with {app.get("buildsystem")!r}, not meson')
    sources = app.get('sources', [])
    if not any(s.get('type') in ('dir', 'git') and
               os.path.realpath(os.path.join(os.path.dirname(manifest_path), s.get('path', '')))
               == os.path.realpath(source_root) for s in sources):
        problems.append('the kring module does not build this repository')

    ours = project_options(source_root)
    known = introspected_options(build_root)
    for opt in app.get('config-opts', []):
        m = re.fullmatch(r'-D([A-Za-z0-9_.:-]+)=(.*)', opt)
        if m is None:
            problems.append(f'config-opt {opt!r} is not -Dname=value')
            continue
        name, value = m.groups()
        option = known.get(name)
        if option is None or (option['section'] == 'user' and name not in ours):
            problems.append(f'config-opt {opt!r}: no such meson option')
        elif not value_fits(option, value):
            problems.append(f'config-opt {opt!r}: not a {option["type"]} value')
    return problems


def main():
    problems = check(*sys.argv[1:4])
    for p in problems:
        print(f'# {p}')
    print('FAIL' if problems else 'OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
