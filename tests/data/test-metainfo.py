#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What appstreamcli does not know about our metainfo (the merged one of
the build): the id and the desktop file follow the application id of the
build's profile; the languages are en and nl; the newest release is the
project's version; each screenshot is one that tests/app/test-screenshots
makes; the Dutch translations were merged in.

Usage: test-metainfo.py METAINFO APP_ID PROJECT_VERSION SOURCE_ROOT
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'


def main():
    metainfo, app_id, version, source_root = sys.argv[1:5]
    problems = []
    root = ET.parse(metainfo).getroot()

    if root.findtext('id') != app_id:
        problems.append(f'id is {root.findtext("id")!r}, not {app_id!r}')
    launchable = root.find('launchable[@type="desktop-id"]')
    if launchable is None or launchable.text != app_id + '.desktop':
        problems.append(f'the launchable is not {app_id}.desktop')
    languages = sorted(lang.text for lang in root.findall('languages/lang'))
    if languages != ['en', 'nl']:
        problems.append(f'languages are {languages}, not en and nl')
    releases = root.findall('releases/release')
    if not releases or releases[0].get('version') != version:
        problems.append(f'the newest release is not {version}')

    with open(os.path.join(source_root, 'tests', 'app', 'test-screenshots.c'),
              encoding='utf-8') as f:
        made = set(re.findall(r'\bscreenshot \("([a-z-]+)"\)', f.read()))
    shots = [s.findtext('image') for s in root.findall('screenshots/screenshot')]
    if not shots:
        problems.append('no screenshots')
    for url in shots:
        m = re.fullmatch(r'https://\S+/([a-z-]+)-(en|nl)\.png', url or '')
        if m is None or m.group(1) not in made:
            problems.append(f'screenshot {url!r} is not one test-screenshots makes ({sorted(made)})')

    dutch = [e for e in root.iter() if e.get(XML_LANG) == 'nl']
    if not any(e.tag == 'summary' for e in dutch):
        problems.append('no Dutch summary: were the translations merged?')

    for p in problems:
        print(f'# {p}')
    print('FAIL' if problems else 'OK')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
