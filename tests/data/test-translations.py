#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every translation is complete against freshly extracted strings.

Extracts the strings of po/POTFILES.in with xgettext and meson's 'glib'
preset (the same keywords as `ninja kring-pot`), merges each language of
po/LINGUAS with msgmerge (fuzzy matching on, as a maintainer would), and
fails on any untranslated or fuzzy message, on a msgmerge/msgfmt error
(msgfmt -c checks format strings and plural forms), on a plural header
that is not the language's, and on a format string that xgettext could
only half read (a macro such as G_GINT64_FORMAT glued into a msgid: the
extracted msgid then ends in a bare "%" and never matches at run time).

Usage: test-translations.py SOURCE_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset: 'glib'), mesonbuild/modules/i18n.py.
GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

PLURAL_FORMS = {
    'nl': 'nplurals=2; plural=(n != 1);',
}

# A C conversion, or xgettext's portable <inttypes.h> form (%<PRId64>).
DIRECTIVE = re.compile(
    r"%(?:%|(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcspnm]|<PRI[diouxX](?:8|16|32|64|PTR|MAX)>)")


def run(*args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f'{" ".join(args)} failed:\n{result.stderr}')
    return result


def unquote(s):
    return bytes(s[1:-1], 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')


def messages(po_text):
    """(flags, msgid) of each message of a PO file (the header excluded)."""
    result = []
    for block in re.split(r'\n\s*\n', po_text):
        flags, msgid, key = '', None, None
        parts = {}
        for line in block.splitlines():
            if line.startswith('#,'):
                flags += line[2:]
            elif line.startswith('#'):
                continue
            else:
                m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
                if m:
                    key = m.group(1)
                    parts[key] = unquote(m.group(2))
                elif line.startswith('"') and key:
                    parts[key] += unquote(line)
        if parts.get('msgid'):
            result.append((flags, parts['msgid']))
            if 'msgid_plural' in parts:
                result.append((flags, parts['msgid_plural']))
    return result


def half_read_formats(pot_text):
    bad = []
    for flags, msgid in messages(pot_text):
        if 'c-format' not in flags and not msgid.endswith('%'):
            continue
        rest = DIRECTIVE.sub('', msgid)
        if '%' in rest:
            bad.append(msgid)
    return bad


def check_language(root, lang, pot, tmp):
    problems = []
    po = os.path.join(root, 'po', f'{lang}.po')
    merged = os.path.join(tmp, f'{lang}.po')

    run('msgmerge', '--quiet', '--previous', '--output-file', merged, po, pot)
    run('msgfmt', '--check', '--output-file', os.devnull, po)
    stats = run('msgfmt', '--check', '--statistics', '--output-file', os.devnull, merged)
    print(f'# {lang}: {stats.stderr.strip()}')
    for kind, option in (('untranslated', '--untranslated'), ('fuzzy', '--only-fuzzy')):
        out = run('msgattrib', option, '--no-obsolete', '--no-wrap', merged).stdout
        for _, msgid in messages(out):
            problems.append(f'{lang}: {kind}: {msgid!r}')
    with open(po, encoding='utf-8') as f:
        header = f.read()
    expected = PLURAL_FORMS.get(lang)
    if expected is not None and f'Plural-Forms: {expected}' not in header:
        problems.append(f'{lang}: the Plural-Forms header is not "{expected}"')
    return problems


def main():
    root = sys.argv[1]
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'kring.pot')
        run('xgettext', '--package-name=kring', '--directory', root,
            '--files-from', os.path.join(root, 'po', 'POTFILES.in'),
            '--output', pot, *GLIB_PRESET)
        with open(pot, encoding='utf-8') as f:
            pot_text = f.read()
        n = len(messages(pot_text))
        print(f'# {n} messages extracted')
        if n < 1:
            problems.append('xgettext extracted nothing')
        for msgid in half_read_formats(pot_text):
            problems.append(f'format string cut short by a macro: {msgid!r}')
        with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
            languages = f.read().split()
        if not languages:
            problems.append('po/LINGUAS lists no language')
        for lang in languages:
            problems += check_language(root, lang, pot, tmp)
    for p in problems:
        print(f'# {p}')
    print('FAIL' if problems else 'OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
