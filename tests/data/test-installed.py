#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The installed client: `meson install --destdir` puts the desktop file,
metainfo, icons, schema and catalogue in place, and the application starts
from its installed desktop file in Dutch and in English — and opens a
kring:// link given through the desktop file's %U — as seen through the
accessibility tree.  Prints TAP.

    test-installed.py MESON BUILD_DIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID SERVER

Run inside tests/app/run-with-display.sh (Xvfb, a private D-Bus session
where the accessibility bus starts by D-Bus activation), with Debian's
python3 (gi, Atspi).  The installed binary looks for its catalogue in
PREFIX/LOCALEDIR; under a DESTDIR that directory is DESTDIR/PREFIX/LOCALEDIR,
which $KRING_LOCALEDIR points it at.
"""
import configparser
import ctypes
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings

warnings.simplefilter('ignore', DeprecationWarning)

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, GLib
except (ImportError, ValueError) as e:
    print(f'Bail out! Atspi is not available ({e}): install python3-gi and gir1.2-atspi-2.0')
    sys.exit(1)

WAIT = 30
test_number = 0


def ok(description):
    global test_number
    test_number += 1
    print(f'ok {test_number} - {description}', flush=True)


def not_ok(description, lines=()):
    global test_number
    test_number += 1
    print(f'not ok {test_number} - {description}', flush=True)
    for line in lines:
        print(f'#   {line}')


def hold_display():
    """One X connection for the whole test: an X server with no clients
    left resets, and refuses connections meanwhile."""
    xlib = ctypes.CDLL('libX11.so.6')
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        display = xlib.XOpenDisplay(None)
        if display:
            return display
        time.sleep(0.1)
    print(f'Bail out! cannot open the display {os.environ.get("DISPLAY")}')
    sys.exit(1)


def sized(node):
    try:
        r = node.get_extents(Atspi.CoordType.WINDOW)
        return r.width > 0 and r.height > 0
    except GLib.Error:
        return True


def names_shown(root):
    """The names of the nodes a person can see (GTK 4.8: what is not on
    screen has no size)."""
    stack, names = [root], []
    while stack:
        node = stack.pop()
        if node is None or not sized(node):
            continue
        if node.get_name():
            names.append(node.get_name())
        for i in reversed(range(node.get_child_count())):
            stack.append(node.get_child_at_index(i))
    return names


def app_of(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        a = desktop.get_child_at_index(i)
        if a is not None and a.get_process_id() == pid:
            return a
    return None


def installed_files(dest, prefix, bindir, datadir, localedir, app_id, server):
    root = dest + prefix
    share = os.path.join(root, datadir)
    expected = [
        os.path.join(root, bindir, 'kring'),
        os.path.join(share, 'applications', f'{app_id}.desktop'),
        os.path.join(share, 'metainfo', f'{app_id}.metainfo.xml'),
        os.path.join(share, 'icons', 'hicolor', 'scalable', 'apps', f'{app_id}.svg'),
        os.path.join(share, 'icons', 'hicolor', 'symbolic', 'apps', f'{app_id}-symbolic.svg'),
        os.path.join(share, 'glib-2.0', 'schemas', 'nl.kring.Kring.gschema.xml'),
        os.path.join(root, localedir, 'nl', 'LC_MESSAGES', 'kring.mo'),
    ]
    missing = [p for p in expected if not os.path.isfile(p)]
    if server:
        units = [os.path.join(d, f) for d, _, fs in os.walk(dest) for f in fs if f == 'kringd.service']
        if not units:
            missing.append('kringd.service (anywhere)')
    return missing


def exec_line(desktop_file, uris, bindir):
    """The desktop file's Exec as a launcher runs it: %U becomes the links,
    the program is looked up in the installed bindir (as in PATH)."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop_file, encoding='utf-8')
    argv = []
    for word in shlex.split(entry['Desktop Entry']['Exec']):
        if word == '%U':
            argv += uris
        elif not word.startswith('%'):
            argv.append(word)
    argv[0] = shutil.which(argv[0], path=bindir) or argv[0]
    return argv


def run_case(argv, env, expected, description, tmp):
    log = open(os.path.join(tmp, 'kring.log'), 'w+', encoding='utf-8')
    p = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    seen = []
    try:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and p.poll() is None:
            app = app_of(p.pid)
            seen = names_shown(app) if app is not None else []
            if all(name in seen for name in expected):
                ok(description)
                return True
            time.sleep(0.2)
    finally:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    log.seek(0)
    not_ok(description, [f'expected {expected}', f'shown: {seen}'] +
           [f'kring: {line}' for line in log.read().splitlines()[-20:]])
    return False


def main():
    meson, build_dir, prefix, bindir, datadir, localedir, app_id, server = sys.argv[1:9]
    server = server == 'true'
    print('1..5', flush=True)
    x_connection = hold_display()  # noqa: F841 (kept open until exit)
    failed = False
    with tempfile.TemporaryDirectory(prefix='kring-installed-') as tmp:
        dest = os.path.join(tmp, 'dest')
        result = subprocess.run([meson, 'install', '-C', build_dir, '--no-rebuild', '--quiet',
                                 '--destdir', dest], capture_output=True, text=True)
        if result.returncode != 0:
            print(f'Bail out! meson install failed: {result.stdout}{result.stderr}')
            return 1
        missing = installed_files(dest, prefix, bindir, datadir, localedir, app_id, server)
        if missing:
            not_ok('meson install --destdir installs the client', missing)
            failed = True
        else:
            ok('meson install --destdir installs the desktop file, metainfo, icons, schema and catalogue')

        root = dest + prefix
        schemas = os.path.join(root, datadir, 'glib-2.0', 'schemas')
        subprocess.run(['glib-compile-schemas', schemas], check=True)
        env = dict(os.environ)
        for name in ('GTK_A11Y', 'NO_AT_BRIDGE', 'LC_ALL', 'LOCPATH'):
            env.pop(name, None)
        env.update({
            'GSETTINGS_SCHEMA_DIR': schemas,
            'GSETTINGS_BACKEND': 'memory',
            'XDG_DATA_DIRS': os.path.join(root, datadir) + ':/usr/local/share:/usr/share',
            'KRING_LOCALEDIR': os.path.join(root, localedir),
            'LANG': 'C.UTF-8',
        })
        desktop_file = os.path.join(root, datadir, 'applications', f'{app_id}.desktop')
        installed_bin = os.path.join(root, bindir)
        link = 'kring://invitation/ABCD-1234'
        cases = [
            ('nl', [], ['Kring', 'Inloggen bij Kring', 'Wachtwoord'],
             'the installed desktop file starts Kring in Dutch'),
            ('en', [], ['Kring', 'Sign In to Kring', 'Password'],
             'the installed desktop file starts Kring in English'),
            ('nl', [link], ['Uitnodiging aannemen', 'Uitnodigingscode'],
             'a kring:// link through the desktop file’s %U opens the invitation form, in Dutch'),
            ('en', [link], ['Accept Invitation', 'Invitation Code'],
             'a kring:// link through the desktop file’s %U opens the invitation form, in English'),
        ]
        for language, uris, expected, description in cases:
            case_env = dict(env, LANGUAGE=language)
            argv = exec_line(desktop_file, uris, installed_bin)
            if not argv[0].startswith(installed_bin):
                not_ok(description, [f'Exec does not run the installed kring: {argv}'])
                failed = True
                continue
            if not run_case(argv, case_env, expected, description, tmp):
                failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
