#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The end-to-end test: the real `kring` against a real `kringd --demo`,
driven through the accessibility tree (AT-SPI) the way a person uses it —
find the fields by role and name, type, press buttons, click a row, read
what the window shows.  Prints TAP.

    e2e_atspi.py KRING_BINARY        (KRINGD in the environment)

Run it inside tests/app/run-with-display.sh (Xvfb with no window manager,
a private D-Bus session): the accessibility bus (at-spi-bus-launcher) is
started there by D-Bus activation.  Accessibility must be on for the app,
so GTK_A11Y and NO_AT_BRIDGE are removed from its environment.  Needs
Debian's python3-gi and gir1.2-atspi-2.0.
"""

import ctypes
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import json
import warnings

warnings.simplefilter("ignore", DeprecationWarning)

try:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, Gio, GLib
except (ImportError, ValueError) as e:  # a broken setup, not a skip
    print(f"Bail out! Atspi is not available ({e}): install python3-gi and gir1.2-atspi-2.0")
    sys.exit(1)

WAIT = 30  # seconds for anything to show
DOSSIER = "Begeleid wonen"  # a demo dossier of the owner's account
KNOWN_PARTICIPANT = "Marieke Jansen"  # a guest of it in the demo
NEW_EMAIL = f"mantelzorger-{os.getpid()}@example.org"
NEW_TEXT = f"Nieuwe Mantelzorger <{NEW_EMAIL}>"

PLAN = 10
test_number = 0
app_log = None
procs = []


def ok(description):
    global test_number
    test_number += 1
    print(f"ok {test_number} - {description}", flush=True)


def bail(description, root=None):
    """not ok, what the window showed, then stop: later steps need this one."""
    global test_number
    test_number += 1
    print(f"not ok {test_number} - {description}", flush=True)
    if root is not None:
        print("# what the accessibility tree shows (sized nodes):")
        try:
            for line in describe(root):
                print("#   " + line)
        except GLib.Error as e:
            print(f"#   (tree unreadable: {e.message})")
    if app_log is not None:
        app_log.flush()
        with open(app_log.name, encoding="utf-8", errors="replace") as f:
            for line in f.read().splitlines()[-40:]:
                print("# kring: " + line)
    print(f"Bail out! {description}", flush=True)
    stop_all()
    sys.exit(1)


def stop_all():
    for p in reversed(procs):
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


# The accessibility tree

def extents(node):
    """Window-relative (x, y, w, h), or None for nodes without a Component."""
    try:
        r = node.get_extents(Atspi.CoordType.WINDOW)
        return (r.x, r.y, r.width, r.height)
    except GLib.Error:
        return None


def sized(node):
    e = extents(node)
    return e is None or (e[2] > 0 and e[3] > 0)


def shown(root):
    """The nodes of @root a person can see: GTK 4.8 sets no SHOWING state
    below the window, but what is not on screen has a zero-sized
    allocation (hidden stack pages, unmapped widgets), so subtrees without
    a size are skipped."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None or not sized(node):
            continue
        yield node
        for i in reversed(range(node.get_child_count())):
            stack.append(node.get_child_at_index(i))


def spoken(name):
    """The name a screen reader says.  GTK 4.8 names a button with a
    mnemonic label "_Invite Invite" (the raw label, then the text); a
    person sees "Invite"."""
    if name and len(name) % 2 == 0:
        half = (len(name) - 2) // 2
        left, right = name[: half + 1], name[half + 2:]
        if name[half + 1] == " " and "_" in left and left.replace("_", "", 1) == right:
            return right
    return name or ""


def find(root, role, name=None, match=None):
    for node in shown(root):
        if node.get_role_name() != role:
            continue
        n = spoken(node.get_name())
        if (name is None or n == name) and (match is None or match(n)):
            return node
    return None


def wait_for(what, root_fn, role, name=None, match=None, timeout=WAIT):
    """Polls until a shown node matches; bails out with the tree otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        root = root_fn()
        node = find(root, role, name, match) if root is not None else None
        if node is not None:
            return node
        if time.monotonic() > deadline:
            bail(f"{what}: no {role} {name or ''!r} shown after {timeout} s", root)
        time.sleep(0.2)


def describe(root, depth=0):
    if root is None or not sized(root):
        return
    name = root.get_name()
    yield "  " * depth + f"[{root.get_role_name()}] {name!r}"
    for i in range(root.get_child_count()):
        yield from describe(root.get_child_at_index(i), depth + 1)


def press(node):
    """A button's default action (what a click or Space does)."""
    iface = node.get_action_iface()
    if iface is None or iface.get_n_actions() == 0:
        bail(f"{spoken(node.get_name())!r} has no action")
    if not node.do_action(0):
        bail(f"pressing {spoken(node.get_name())!r} failed")


def type_into(node, text):
    if not node.get_state_set().contains(Atspi.StateType.EDITABLE):
        bail(f"{node.get_name()!r} is not editable")
    if not Atspi.EditableText.set_text_contents(node, text):
        bail(f"typing into {node.get_name()!r} failed")


def click(node):
    """A left click in the middle of @node.  GTK 4 knows window coordinates
    only; under the test's Xvfb, without a window manager, the window sits
    at the screen's origin, so they are screen coordinates too."""
    x, y, w, h = extents(node)
    if not Atspi.generate_mouse_event(x + w // 2, y + h // 2, "b1c"):
        bail("the pointer click was refused")


def toplevels(app):
    return [app.get_child_at_index(i) for i in range(app.get_child_count())]


# The server

def hold_display():
    """Keeps one connection to the X server open for the whole test.  An X
    server resets when its last client leaves, and refuses connections
    while it does: at-spi-bus-launcher connects, sets its property and
    leaves right when kring starts.  Returns the connection (kept alive)."""
    xlib = ctypes.CDLL("libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        display = xlib.XOpenDisplay(None)
        if display:
            return display
        time.sleep(0.1)
    print(f"Bail out! cannot open the display {os.environ.get('DISPLAY')}")
    sys.exit(1)


def start_kringd(tmp):
    kringd = os.environ.get("KRINGD")
    if not kringd:
        print("Bail out! KRINGD is not set")
        sys.exit(1)
    os.makedirs(f"{tmp}/mail")
    out = open(f"{tmp}/kringd.out", "w+", encoding="utf-8")
    p = subprocess.Popen([kringd, "--demo", "--listen", "127.0.0.1:0",
                          "--database", f"sqlite:{tmp}/kring.db", "--mail-dir", f"{tmp}/mail"],
                         stdout=out, stderr=subprocess.STDOUT)
    procs.append(p)
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and p.poll() is None:
        with open(out.name, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"^listening on (http://127\.0\.0\.1:\d+)$", text, re.M)
        owner = re.search(r"^\s+(\S+@\S+)\s+(\S+)\s+owner$", text, re.M)
        if m and owner:
            return m.group(1), owner.group(1), owner.group(2)
        time.sleep(0.05)
    print(f"Bail out! kringd --demo did not start: {open(out.name).read()[-500:]}")
    stop_all()
    sys.exit(1)


def api(base, method, path, token=None, body=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def main():
    global app_log
    if len(sys.argv) != 2:
        print("usage: e2e_atspi.py KRING_BINARY", file=sys.stderr)
        return 2
    kring = sys.argv[1]
    print(f"1..{PLAN}", flush=True)
    x_connection = hold_display()  # noqa: F841 (kept open until exit)
    tmp = tempfile.mkdtemp(prefix="kring-e2e-")
    base, owner, password = start_kringd(tmp)

    # 1. The accessibility bus: at-spi-bus-launcher, started on demand by
    #    D-Bus activation of org.a11y.Bus in this session.
    try:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        address = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 10000,
                                None).unpack()[0]
    except GLib.Error as e:
        bail(f"the accessibility bus does not start: {e.message}")
    if not address:
        bail("the accessibility bus has no address")
    ok(f"the accessibility bus starts by D-Bus activation ({address.split(',')[0]})")

    # 2. The app, accessibility on.
    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    app_log = open(f"{tmp}/kring.log", "w+", encoding="utf-8")
    p = subprocess.Popen([kring, "--server", base], env=env, stdout=app_log,
                         stderr=subprocess.STDOUT)
    procs.append(p)
    app = None
    deadline = time.monotonic() + WAIT
    while app is None and time.monotonic() < deadline:
        if p.poll() is not None:
            bail(f"kring exited with {p.returncode}")
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            a = desktop.get_child_at_index(i)
            if a is not None and a.get_process_id() == p.pid:
                app = a
        time.sleep(0.2)
    if app is None:
        bail("kring never appeared on the accessibility bus")
    window = wait_for("the main window", lambda: app, "frame", "Kring")
    ok("kring shows its window on the accessibility bus")

    def main_window():
        return window

    # 3. The sign-in form, as a person finds it.
    email = wait_for("sign-in form", main_window, "text", "Email Address")
    pw = wait_for("sign-in form", main_window, "text", "Password")
    button = wait_for("sign-in form", main_window, "push button", "Sign In")
    type_into(email, owner)
    type_into(pw, password)
    ok("the sign-in form has Email Address, Password and Sign In; typed the demo owner's login")

    # 4. Sign in: the dossier list fills.
    press(button)
    dossiers = wait_for("after Sign In", main_window, "list", "Dossiers")
    row_label = wait_for("the dossier list", lambda: dossiers, "label", DOSSIER)
    n_rows = sum(1 for n in shown(dossiers) if n.get_role_name() == "list item")
    if n_rows != 6:
        bail(f"the demo has 6 dossiers, the list shows {n_rows}", dossiers)
    ok(f"signing in shows the dossier list with the demo's {n_rows} dossiers")

    # 5. Click the dossier's row (single-click activates).
    row = row_label
    while row is not None and row.get_role_name() != "list item":
        row = row.get_parent()
    if row is None:
        bail(f"{DOSSIER!r} is not inside a list item", dossiers)
    click(row)
    participants_tab = wait_for("opening the dossier", main_window, "page tab", "Participants")
    # The page's header: its title and client above the view switcher.
    header = participants_tab.get_parent().get_parent()
    wait_for("the dossier's title", lambda: header, "label", DOSSIER)
    wait_for("the journal", main_window, "list", "Journal entries, newest first")
    ok(f"clicking {DOSSIER!r} opens the dossier with its journal")

    # 6. Participants.
    press(participants_tab)
    table = wait_for("the Participants view", main_window, "tree table", "Participants")
    wait_for("the participants", lambda: table, "label", KNOWN_PARTICIPANT)
    ok(f"Participants lists who takes part ({KNOWN_PARTICIPANT} among them)")

    # 7. Add by Email: a dialog, type an address.
    add = wait_for("the Participants view", main_window, "push button",
                   match=lambda n: n.startswith("Add by Email"))
    press(add)
    dialog = wait_for("Add by Email", lambda: app, "dialog", "Add by Email")
    text = wait_for("the Add by Email dialog", lambda: dialog, "text", "Email addresses")
    type_into(text, NEW_TEXT)
    wait_for("the address count", lambda: dialog, "label", "1 address")
    ok("Add by Email opens a dialog; typing an address shows \"1 address\"")

    # 8. Invite: the summary says so.
    press(wait_for("the Add by Email dialog", lambda: dialog, "push button", "Invite"))

    def summary():
        for top in toplevels(app):
            if top.get_name() == "Invitations" and sized(top):
                return top
        return None

    wait_for("the invitation summary", summary, "label", "Invited")
    wait_for("the invitation summary", summary, "label", NEW_EMAIL)
    ok(f"Invite shows the summary window: Invited, {NEW_EMAIL}")
    close = wait_for("the summary window", summary, "push button", "Close")
    press(close)

    # 9. The new participant in the list.
    wait_for("the participants after inviting", lambda: table, "label", "Nieuwe Mantelzorger")
    wait_for("the participants after inviting", lambda: table, "label", NEW_EMAIL)
    ok(f"{NEW_EMAIL} is in the participants list")

    # 10. The server agrees.
    token = api(base, "POST", "/api/v1/sessions",
                body={"email": owner, "password": password})["token"]
    items = api(base, "GET", "/api/v1/dossiers?q=" + urllib.request.quote(DOSSIER), token)["items"]
    dossier_id = [d["id"] for d in items if d["title"] == DOSSIER][0]
    people = api(base, "GET", f"/api/v1/dossiers/{dossier_id}/participants", token)["items"]
    emails = [pp.get("email") for pp in people]
    if NEW_EMAIL not in emails:
        bail(f"the server's participants of {DOSSIER!r} lack {NEW_EMAIL}: {emails}")
    ok(f"the server holds {NEW_EMAIL} as a participant of {DOSSIER!r}")

    p.send_signal(signal.SIGTERM)
    stop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
