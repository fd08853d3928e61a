#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""po/POTFILES.in lists exactly the files with translatable strings, sorted.

Scans src/ (C: _(), N_(), C_(), NC_(), Q_(), ngettext() and friends),
resources/ (translatable="yes" in .ui files) and data/ (the desktop file,
the metainfo and the GSettings schema).  Fails on a file missing from the
list, a listed file that does not exist or has nothing to translate, and an
unsorted or duplicated list.

Usage: test-potfiles.py SOURCE_ROOT
"""
import os
import re
import sys

C_KEYWORDS = re.compile(
    r'(?<![A-Za-z0-9_])'
    r'(_|N_|C_|NC_|Q_|gettext|dgettext|dcgettext|ngettext|dngettext|dcngettext|pgettext|'
    r'g_dgettext|g_dcgettext|g_dngettext|g_dpgettext|g_dpgettext2)'
    r'\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*"(yes|true|1)"', re.IGNORECASE)
DATA_PATTERNS = {
    '.desktop.in': re.compile(r'^(Name|GenericName|Comment|Keywords)=', re.MULTILINE),
    '.metainfo.xml.in': re.compile(r'<(name|summary|description|caption)\b'),
    '.gschema.xml': re.compile(r'<(summary|description)\b'),
}


def strip_c_comments(text):
    """C source without comments and string literals' contents stay: a
    keyword mentioned in a comment is no translatable string."""
    return re.sub(r'/\*.*?\*/|//[^\n]*', ' ', text, flags=re.DOTALL)


def translatable(root, path):
    full = os.path.join(root, path)
    with open(full, encoding='utf-8') as f:
        text = f.read()
    if path.endswith(('.c', '.h')):
        return C_KEYWORDS.search(strip_c_comments(text)) is not None
    if path.endswith('.ui'):
        return UI_TRANSLATABLE.search(text) is not None
    for suffix, pattern in DATA_PATTERNS.items():
        if path.endswith(suffix):
            return pattern.search(text) is not None
    return False


def candidates(root):
    for top, suffixes in (('src', ('.c', '.h')), ('resources', ('.ui',)),
                          ('data', tuple(DATA_PATTERNS))):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(suffixes):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def main():
    root = sys.argv[1]
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.lstrip().startswith('#')]
    problems = []

    if listed != sorted(listed):
        problems.append('POTFILES.in is not sorted (LC_ALL=C order)')
    duplicates = sorted({p for p in listed if listed.count(p) > 1})
    problems += [f'listed twice: {p}' for p in duplicates]
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'listed but missing: {path}')
        elif not translatable(root, path):
            problems.append(f'listed but has no translatable strings: {path}')
    for path in candidates(root):
        if translatable(root, path) and path not in listed:
            problems.append(f'has translatable strings but is not in POTFILES.in: {path}')

    print(f'# {len(listed)} files listed')
    for p in problems:
        print(f'# {p}')
    print('FAIL' if problems else 'OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
