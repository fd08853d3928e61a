#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Validate data/openapi.yaml, and a real kringd against it.

    openapi_check.py --schema-only      check the document only
    openapi_check.py PATH/TO/kringd     ... then start kringd and drive every
                                        endpoint of API.md through it

Every answer is looked up in openapi.yaml (path template + method), its
status must be documented there and its body must validate against the
documented schema (JSON Schema 2020-12).  Output is TAP.  Only the standard
library plus Debian's python3-yaml and python3-jsonschema (4.10: RefResolver)
are used.
"""

import ctypes
import email
import email.policy
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

import jsonschema
import yaml
from jsonschema import Draft202012Validator, RefResolver

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get('KRING_SOURCE_DIR') or os.path.normpath(os.path.join(HERE, '..', '..'))
OPENAPI_PATH = os.path.join(SOURCE_DIR, 'data', 'openapi.yaml')
PRICING_PATH = os.path.join(SOURCE_DIR, 'data', 'pricing.json')

METHODS = ('get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace')

# The problem codes of API.md's table ("Errors"); the document's enum must be
# exactly this set.
API_PROBLEM_CODES = {
    'invalid_json', 'invalid_query', 'unauthenticated', 'invalid_credentials',
    'forbidden', 'not_found', 'method_not_allowed', 'guest_dossier_limit',
    'dossier_guest_capacity', 'already_participant', 'teammate_exists',
    'plan_user_limit', 'last_owner', 'dossier_archived', 'code_invalid',
    'body_too_large', 'unsupported_media_type', 'invalid_email',
    'invalid_field', 'rate_limited', 'unavailable',
}

# Problem "title" is the HTTP reason phrase; RFC 7231 and RFC 9110 names.
REASON_PHRASES = {
    400: {'Bad Request'},
    401: {'Unauthorized'},
    403: {'Forbidden'},
    404: {'Not Found'},
    405: {'Method Not Allowed'},
    409: {'Conflict'},
    410: {'Gone'},
    413: {'Payload Too Large', 'Request Entity Too Large', 'Content Too Large'},
    415: {'Unsupported Media Type'},
    422: {'Unprocessable Entity', 'Unprocessable Content'},
    429: {'Too Many Requests'},
    503: {'Service Unavailable'},
}

# Members of response objects that API.md marks optional ("?" or "only on
# ..."); every other declared property must be listed in `required`.
OPTIONAL_MEMBERS = {
    '#/components/schemas/Problem': {'field', 'limit', 'used', 'participant_id', 'max_users'},
    '#/components/schemas/Participant': {'guest_dossiers'},
    '#/components/schemas/AuditEvent': {'dossier_id', 'subject_email', 'detail'},
    '#/components/schemas/BatchResultItem': {'code', 'field', 'limit', 'used', 'participant_id', 'participant'},
}

# Documented operations the live scenario may leave unexercised, each with
# the reason.  Anything not exercised and not listed here fails the run.
# Format: ('METHOD', '/path/template'): 'why'.
ALLOW_UNEXERCISED = {
    # (empty: the scenario reaches every operation of API.md)
}

# Guest rules of the pricing table kringd is started with (`--pricing`): the
# shipped table with R2 lowered so that the capacity limit can be reached
# with a handful of invitations instead of a thousand.
GUESTS_PER_DOSSIER = 4
DOSSIERS_PER_GUEST = 3


# --------------------------------------------------------------------------
# TAP
# --------------------------------------------------------------------------

class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def result(self, ok, description, diagnostics=()):
        self.count += 1
        description = ' '.join(str(description).split()).replace('#', '%23')
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.count, description))
        if not ok:
            self.failed += 1
            for item in diagnostics:
                self.diag(item)
        sys.stdout.flush()
        return ok

    def diag(self, text):
        for line in str(text).splitlines() or ['']:
            print('# ' + line)
        sys.stdout.flush()

    def bail_out(self, reason):
        print('Bail out! ' + ' '.join(str(reason).split()))
        sys.stdout.flush()

    def finish(self):
        print('1..%d' % self.count)
        sys.stdout.flush()


# --------------------------------------------------------------------------
# The OpenAPI document
# --------------------------------------------------------------------------

def format_error(error):
    """One readable line (plus the most relevant sub-error) for a ValidationError."""
    where = '/'.join(str(p) for p in error.absolute_path) or '(root)'
    if error.validator in ('anyOf', 'oneOf'):
        text = '%s: %s' % (where, 'valid under none of the anyOf schemas' if error.validator == 'anyOf'
                           else 'valid under none or several of the oneOf schemas')
    else:
        text = '%s: %s' % (where, error.message)
    if len(text) > 300:
        text = text[:300] + '...'
    if error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            text += ' [closest: %s]' % format_error(best)
    return text


class Spec:
    def __init__(self, path):
        with open(path, encoding='utf-8') as f:
            self.doc = yaml.safe_load(f)
        self.resolver = RefResolver(base_uri='', referrer=self.doc)
        self.templates = []
        for template, item in (self.doc.get('paths') or {}).items():
            segments = template.strip('/').split('/')
            regex = '^/' + '/'.join('[^/]+' if s.startswith('{') and s.endswith('}') else re.escape(s)
                                    for s in segments) + '$'
            literal = [0 if s.startswith('{') else 1 for s in segments]
            self.templates.append((template, re.compile(regex), literal, item))

    def pointer(self, ref):
        if not ref.startswith('#'):
            raise KeyError('not a local reference: %s' % ref)
        node = self.doc
        for part in ref[1:].lstrip('/').split('/') if ref != '#' else []:
            part = urllib.parse.unquote(part).replace('~1', '/').replace('~0', '~')
            if isinstance(node, list):
                node = node[int(part)]
            else:
                node = node[part]
        return node

    def deref(self, obj):
        seen = 0
        while isinstance(obj, dict) and '$ref' in obj:
            obj = self.pointer(obj['$ref'])
            seen += 1
            if seen > 20:
                raise KeyError('reference loop')
        return obj

    def match(self, path):
        """(template, path item) for a concrete path; literal segments win."""
        found = [(literal, template, item) for template, regex, literal, item in self.templates
                 if regex.match(path)]
        if not found:
            return None, None
        found.sort(key=lambda t: t[0], reverse=True)
        return found[0][1], found[0][2]

    def errors(self, schema, instance):
        validator = Draft202012Validator(schema, resolver=self.resolver)
        errs = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
        return [format_error(e) for e in errs[:5]]

    def operations(self):
        for template, _regex, _literal, item in self.templates:
            for method in METHODS:
                if method in item:
                    yield method.upper(), template, item, item[method]

    def allowed_methods(self, item):
        return {m.upper() for m in METHODS
                if m in item and not item[m].get('x-kring-not-allowed')}

    def parameters(self, item, op):
        return [self.deref(p) for p in (item.get('parameters') or []) + (op.get('parameters') or [])]


# --------------------------------------------------------------------------
# Schema-only checks
# --------------------------------------------------------------------------

def walk_nodes(node, pointer='#'):
    """Yield (pointer, dict) for every mapping in the document."""
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            yield from walk_nodes(value, pointer + '/' + str(key).replace('~', '~0').replace('/', '~1'))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk_nodes(value, '%s/%d' % (pointer, i))


def schema_locations(spec):
    """(pointer, schema) of every schema the document uses: the components, and the
    schema of every media type, parameter and header (the only objects with a
    `schema` member outside components/schemas)."""
    doc = spec.doc
    out = [('#/components/schemas/' + name, schema)
           for name, schema in (doc.get('components', {}).get('schemas') or {}).items()]
    for pointer, node in walk_nodes(doc):
        if not pointer.startswith('#/components/schemas') and isinstance(node.get('schema'), dict):
            out.append((pointer + '/schema', node['schema']))
    return out


def reachable_schemas(spec, roots):
    """Every schema node (pointer, node) reachable from roots through $ref and applicators."""
    todo = list(roots)
    seen = {}
    while todo:
        pointer, node = todo.pop()
        if not isinstance(node, dict):
            continue
        if '$ref' in node:
            ref = node['$ref']
            if ref not in seen:
                todo.append((ref, spec.pointer(ref)))
        if pointer in seen:
            continue
        seen[pointer] = node
        for key in ('allOf', 'anyOf', 'oneOf', 'prefixItems'):
            for i, sub in enumerate(node.get(key) or []):
                todo.append(('%s/%s/%d' % (pointer, key, i), sub))
        for key in ('items', 'not', 'if', 'then', 'else', 'additionalProperties', 'contains'):
            if isinstance(node.get(key), dict):
                todo.append(('%s/%s' % (pointer, key), node[key]))
        for name, sub in (node.get('properties') or {}).items():
            todo.append(('%s/properties/%s' % (pointer, name), sub))
    return seen


def is_object_schema(node):
    t = node.get('type')
    return t == 'object' or (isinstance(t, list) and 'object' in t)


def check_document(spec, tap):
    doc = spec.doc
    ok = isinstance(doc, dict) and str(doc.get('openapi', '')).startswith('3.1.') \
        and (doc.get('info') or {}).get('version') == '1.0.0'
    tap.result(ok, 'openapi.yaml is an OpenAPI 3.1 document, info.version 1.0.0')

    # Every $ref resolves.
    bad = []
    refs = 0
    for pointer, node in walk_nodes(doc):
        if '$ref' in node and isinstance(node['$ref'], str):
            refs += 1
            try:
                spec.pointer(node['$ref'])
            except (KeyError, IndexError, ValueError) as e:
                bad.append('%s: %s (%s)' % (pointer, node['$ref'], e))
    tap.result(not bad and refs > 0, 'every $ref resolves (%d references)' % refs, bad)

    # Every schema is a valid 2020-12 schema, compiles, and its patterns compile.
    bad = []
    locations = schema_locations(spec)
    for pointer, schema in locations:
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            bad.append('%s: %s' % (pointer, format_error(e)))
            continue
        validator = Draft202012Validator(schema, resolver=spec.resolver)
        for probe in (None, True, 0, 1.5, '', 'x', [], [{}], {}, {'items': [], 'next_cursor': None}):
            try:
                for _ in validator.iter_errors(probe):
                    pass
            except Exception as e:  # a RefResolutionError or a bad regex
                bad.append('%s: %s: %s' % (pointer, type(e).__name__, e))
                break
    for pointer, node in walk_nodes(doc):
        if isinstance(node.get('pattern'), str) and not pointer.endswith('/properties'):
            try:
                re.compile(node['pattern'])
            except re.error as e:
                bad.append('%s/pattern: %s' % (pointer, e))
    tap.result(not bad, 'every schema is valid JSON Schema 2020-12 and compiles (%d schemas)' % len(locations), bad)

    # Examples validate against their schemas.
    bad = []
    examples = 0
    for pointer, node in walk_nodes(doc):
        if not pointer.startswith('#/components/schemas/') or '/properties/' in pointer:
            continue
        for i, example in enumerate(node.get('examples') or []):
            examples += 1
            for err in spec.errors(node, example):
                bad.append('%s/examples/%d: %s' % (pointer, i, err))
    tap.result(not bad and examples > 0, 'every schema example validates (%d examples)' % examples, bad)

    # The problem codes are exactly those of API.md.
    codes = set(spec.deref({'$ref': '#/components/schemas/ProblemCode'}).get('enum') or [])
    tap.result(codes == API_PROBLEM_CODES, 'Problem code enum equals the codes of API.md',
               ['missing: %s' % sorted(API_PROBLEM_CODES - codes), 'extra: %s' % sorted(codes - API_PROBLEM_CODES)])

    check_operations(spec, tap)
    check_strictness(spec, tap)

    # The shipped price table has the documented shape.
    if os.path.exists(PRICING_PATH):
        try:
            with open(PRICING_PATH, encoding='utf-8') as f:
                table = json.load(f)
            errs = spec.errors({'$ref': '#/components/schemas/PriceTable'}, table)
        except ValueError as e:
            errs = ['not JSON: %s' % e]
        tap.result(not errs, 'data/pricing.json is a PriceTable', errs)


def check_operations(spec, tap):
    doc = spec.doc
    bad = []
    op_ids = defaultdict(list)
    global_security = doc.get('security') or []
    for method, template, item, op in spec.operations():
        where = '%s %s' % (method, template)
        op_ids[op.get('operationId')].append(where)
        responses = op.get('responses') or {}
        statuses = set(responses)
        if not responses:
            bad.append('%s: no responses' % where)
        for status in statuses:
            if not re.fullmatch(r'[1-5][0-9][0-9]', str(status)):
                bad.append('%s: response key %r is not a status code' % (where, status))
        # Path parameters: the template's names, declared once each, required.
        names = set(re.findall(r'\{([^}]+)\}', template))
        declared = [p for p in spec.parameters(item, op) if p.get('in') == 'path']
        if {p.get('name') for p in declared} != names or len(declared) != len(names) \
                or not all(p.get('required') is True for p in declared):
            bad.append('%s: path parameters %s declared as %s' % (where, sorted(names),
                                                                   [p.get('name') for p in declared]))
        if op.get('x-kring-not-allowed'):
            if '405' not in statuses:
                bad.append('%s: marked not allowed but documents no 405' % where)
            continue
        security = op.get('security', global_security)
        if security and '401' not in statuses:
            bad.append('%s: authenticated but no 401' % where)
        for shared in ('400', '413', '415', '422'):
            if shared not in statuses:
                bad.append('%s: no %s' % (where, shared))
        if not any(s.startswith('2') for s in statuses):
            bad.append('%s: no success response' % where)
        for status, response in responses.items():
            response = spec.deref(response)
            content = response.get('content') or {}
            if str(status).startswith('2'):
                if set(content) - {'application/json'}:
                    bad.append('%s %s: success content %s' % (where, status, sorted(content)))
            elif template != '/healthz':
                if set(content) != {'application/problem+json'}:
                    bad.append('%s %s: error content %s' % (where, status, sorted(content)))
            headers = response.get('headers') or {}
            need = {'401': 'WWW-Authenticate', '405': 'Allow', '429': 'Retry-After'}.get(str(status))
            if str(status) == '503' and template != '/healthz':
                need = 'Retry-After'
            if need and need not in headers:
                bad.append('%s %s: no %s header' % (where, status, need))
        # Lists take limit and cursor.
        for status, response in responses.items():
            schema = (spec.deref(response).get('content') or {}).get('application/json', {}).get('schema') or {}
            refs = [schema.get('$ref', '')] + [s.get('$ref', '') for s in schema.get('anyOf', [])]
            if any(r.endswith('List') for r in refs):
                qnames = {p.get('name') for p in spec.parameters(item, op) if p.get('in') == 'query'}
                if not {'limit', 'cursor'} <= qnames:
                    bad.append('%s: a list without limit/cursor parameters' % where)
        # Request bodies are closed objects.
        body = op.get('requestBody')
        if body:
            for media, media_obj in (spec.deref(body).get('content') or {}).items():
                schema = spec.deref(media_obj.get('schema') or {})
                if media != 'application/json' or schema.get('type') != 'object' \
                        or schema.get('additionalProperties') is not False:
                    bad.append('%s: request body %s is not a closed JSON object' % (where, media))
    for op_id, wheres in op_ids.items():
        if not op_id or len(wheres) > 1:
            bad.append('operationId %r used by %s' % (op_id, wheres))
    count = sum(1 for _ in spec.operations())
    tap.result(not bad, 'operations are well-formed (%d operations)' % count, bad)


def check_strictness(spec, tap):
    roots = []
    for method, template, item, op in spec.operations():
        for status, response in (op.get('responses') or {}).items():
            for media, media_obj in (spec.deref(response).get('content') or {}).items():
                if 'schema' in media_obj:
                    roots.append(('%s %s %s %s' % (method, template, status, media), media_obj['schema']))
    for name in ('NotFound', 'MethodNotAllowed'):
        for media, media_obj in (spec.doc['components']['responses'][name].get('content') or {}).items():
            roots.append((name, media_obj['schema']))
    bad = []
    nodes = reachable_schemas(spec, roots)
    for pointer, node in nodes.items():
        if not is_object_schema(node) or node.get('x-kring-free-form'):
            continue
        if node.get('additionalProperties') is not False:
            bad.append('%s: object without additionalProperties: false' % pointer)
        props = set(node.get('properties') or {})
        missing = props - set(node.get('required') or []) - OPTIONAL_MEMBERS.get(pointer, set())
        if missing:
            bad.append('%s: members not required: %s' % (pointer, sorted(missing)))
    tap.result(not bad, 'response object schemas are closed and require their members (%d schema nodes)'
               % len(nodes), bad)

    # No schema requires a member it does not declare (a typo guard).
    bad = []
    for pointer, node in walk_nodes(spec.doc['components']['schemas'], '#/components/schemas'):
        if isinstance(node.get('properties'), dict) and isinstance(node.get('required'), list):
            unknown = set(node['required']) - set(node['properties'])
            if unknown:
                bad.append('%s: requires undeclared %s' % (pointer, sorted(unknown)))
    tap.result(not bad, 'every required member is a declared property', bad)


# --------------------------------------------------------------------------
# kringd
# --------------------------------------------------------------------------

def _die_with_parent():
    # Best effort (Linux): kringd gets SIGTERM when this script dies.
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:
        pass


class Kringd:
    def __init__(self, binary, workdir, pricing_path):
        self.binary = binary
        self.workdir = workdir
        self.db_url = 'sqlite:' + os.path.join(workdir, 'kring.db')
        self.mail_dir = os.path.join(workdir, 'mail')
        os.mkdir(self.mail_dir)
        self.pricing_path = pricing_path
        self.env = dict(os.environ,
                        XDG_DATA_HOME=os.path.join(workdir, 'xdg-data'),
                        XDG_CONFIG_HOME=os.path.join(workdir, 'xdg-config'),
                        XDG_CACHE_HOME=os.path.join(workdir, 'xdg-cache'))
        self.log_path = os.path.join(workdir, 'kringd.log')
        self.proc = None
        self.base = None
        self.stdout_lines = []

    def start(self, timeout=30):
        log = open(self.log_path, 'wb')
        self.proc = subprocess.Popen(
            [self.binary, '--listen', '127.0.0.1:0', '--database', self.db_url,
             '--mail-dir', self.mail_dir, '--pricing', self.pricing_path],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
            env=self.env, preexec_fn=_die_with_parent)
        log.close()
        lines = queue.Queue()

        def reader():
            for raw in self.proc.stdout:
                line = raw.decode('utf-8', 'replace').rstrip('\n')
                self.stdout_lines.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=reader, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            if line is None:
                break
            m = re.fullmatch(r'listening on (http://[^\s/]+)', line.strip())
            if m:
                self.base = m.group(1)
                return True
        return False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        """SIGTERM, then SIGKILL after 15 s; the exit status, or None if killed."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode

    def admin(self, *args):
        return subprocess.run([self.binary, 'admin', '--database', self.db_url] + list(args),
                              stdin=subprocess.DEVNULL, capture_output=True, env=self.env, timeout=60)

    def log_tail(self, lines=40):
        try:
            with open(self.log_path, encoding='utf-8', errors='replace') as f:
                return f.read().splitlines()[-lines:]
        except OSError:
            return []


# --------------------------------------------------------------------------
# Mail
# --------------------------------------------------------------------------

LINK_KINDS = ('verify', 'invitation', 'reset')


class Mailbox:
    def __init__(self, directory, tap):
        self.dir = directory
        self.tap = tap
        self.seen = set()

    def _unseen(self):
        out = []
        try:
            names = os.listdir(self.dir)
        except OSError:
            return out
        for name in names:
            if not name.endswith('.eml') or name.startswith('.') or name in self.seen:
                continue
            path = os.path.join(self.dir, name)
            try:
                out.append((os.stat(path).st_mtime_ns, name, path))
            except OSError:
                pass
        return sorted(out)

    @staticmethod
    def _parse(path):
        with open(path, 'rb') as f:
            msg = email.message_from_bytes(f.read(), policy=email.policy.default)
        recipients = set()
        for header in msg.get_all('To', []):
            for addr in getattr(header, 'addresses', ()):
                recipients.add(addr.addr_spec.lower())
        part = msg.get_body(preferencelist=('plain',))
        text = part.get_content() if part is not None else ''
        return msg, part, recipients, text

    def expect(self, address, kind=None, forbidden=(), timeout=15):
        """Wait for the oldest unread mail to address carrying a kring://KIND/ link
        (kind None: a notice, the oldest unread mail to address) and check it.
        Returns the code (or True for a notice), None if none arrived."""
        what = ('kring://%s/ mail' % kind) if kind else 'notice mail'
        deadline = time.monotonic() + timeout
        while True:
            for _mtime, name, path in self._unseen():
                try:
                    msg, part, recipients, text = self._parse(path)
                except Exception:
                    continue  # not complete yet: the server writes atomically, but be tolerant
                if address not in recipients:
                    continue
                code = None
                if kind:
                    m = re.search(r'kring://%s/([A-Za-z0-9._~%%+=-]+)' % kind, text)
                    if not m:
                        continue
                    code = m.group(1)
                self.seen.add(name)
                problems = []
                if part is None or part.get_content_type() != 'text/plain' \
                        or (part.get_content_charset() or '').lower() != 'utf-8':
                    problems.append('not text/plain; charset=utf-8: %s' % msg.get('Content-Type'))
                if kind and not any(line.strip() == code for line in text.splitlines()):
                    problems.append('the code %s does not stand on a line of its own' % code)
                if not kind:
                    for k in LINK_KINDS:
                        if 'kring://%s/' % k in text:
                            problems.append('a notice mail carries a kring://%s/ code' % k)
                for word in forbidden:
                    if word and word.lower() in text.lower():
                        problems.append('the mail names %r (no client or dossier names in mails)' % word)
                self.tap.result(not problems, '%s to %s (%s)' % (what, address, name), problems + [text])
                return code if kind else True
            if time.monotonic() > deadline:
                self.tap.result(False, '%s to %s arrived' % (what, address),
                                ['no such mail in %s within %d s' % (self.dir, timeout)])
                return None
            time.sleep(0.1)


# --------------------------------------------------------------------------
# HTTP client that checks every answer against the document
# --------------------------------------------------------------------------

NOBODY = object()


class Answer:
    def __init__(self, status, headers, raw, data):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.json = data

    def get(self, *keys):
        """Nested lookup that fails loudly (aborting the scenario) when absent."""
        node = self.json
        for key in keys:
            if not isinstance(node, (dict, list)):
                raise ScenarioError('answer %s has no %s' % (self.status, '/'.join(map(str, keys))))
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                raise ScenarioError('answer %s has no %s' % (self.status, '/'.join(map(str, keys))))
        return node


class ScenarioError(Exception):
    pass


class Client:
    def __init__(self, base, spec, tap):
        self.base = base
        self.spec = spec
        self.tap = tap
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.exercised = defaultdict(set)   # (METHOD, template) -> statuses

    def check(self, condition, description, diagnostics=()):
        return self.tap.result(bool(condition), description, diagnostics)

    def call(self, method, path, body=NOBODY, *, token=None, expect, raw=None,
             ctype='application/json', headers=None, shape=None, code=None, field=None, label=''):
        data = raw
        if raw is None and body is not NOBODY:
            data = json.dumps(body, ensure_ascii=False).encode('utf-8')
        request_headers = {'Accept': 'application/json, application/problem+json'}
        if data is not None and ctype:
            request_headers['Content-Type'] = ctype
        if token:
            request_headers['Authorization'] = 'Bearer ' + token
        request_headers.update(headers or {})
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=request_headers)
        description = '%s %s' % (method, path)
        try:
            with self.opener.open(request, timeout=60) as response:
                status, resp_headers, payload = response.status, response.headers, response.read()
        except urllib.error.HTTPError as e:
            status, resp_headers = e.code, e.headers
            try:
                payload = e.read()
            except OSError:
                payload = b''
        except (urllib.error.URLError, OSError) as e:
            self.check(False, '%s (no answer: %s)' % (description, e))
            raise ScenarioError('no answer to %s: %s' % (description, e))

        parsed, parse_error = None, None
        if payload:
            try:
                parsed = json.loads(payload.decode('utf-8'))
            except (ValueError, UnicodeDecodeError) as e:
                parse_error = str(e)

        sent = None
        if raw is None and body is not NOBODY:
            sent = body
        problems = self._check_answer(method, path, status, resp_headers, payload, parsed,
                                      parse_error, sent, data is not None, shape)
        expected = {expect} if isinstance(expect, int) else set(expect)
        if status not in expected:
            problems.insert(0, 'expected status %s, got %d' % ('/'.join(map(str, sorted(expected))), status))
        if code is not None and (not isinstance(parsed, dict) or parsed.get('code') != code):
            problems.append('expected code %s, got %r' % (code, parsed.get('code') if isinstance(parsed, dict) else None))
        if field is not None and (not isinstance(parsed, dict) or parsed.get('field') != field):
            problems.append('expected field %s, got %r' % (field, parsed.get('field') if isinstance(parsed, dict) else None))
        text = '%s %d' % (description, status)
        if label:
            text += ' (%s)' % label
        if problems:
            text += ': ' + problems[0][:200]
            excerpt = payload[:2000].decode('utf-8', 'replace')
            self.check(False, text, problems + ['request body: %s' % (data[:500] if data else None),
                                                'answer body: %s' % excerpt])
        else:
            self.check(True, text)
        return Answer(status, resp_headers, payload, parsed)

    def _check_answer(self, method, path, status, headers, payload, parsed, parse_error,
                      sent, sent_any, shape):
        spec = self.spec
        problems = []
        split = urllib.parse.urlsplit(path)
        template, item = spec.match(split.path)
        op = None
        if template is None:
            if status not in (404, 413):
                problems.append('unknown path answered %d, not 404' % status)
            response = spec.doc['components']['responses']['NotFound' if status != 413 else 'BodyTooLarge']
        else:
            op = item.get(method.lower())
            if op is None or op.get('x-kring-not-allowed'):
                if op is not None:
                    self.exercised[(method, template)].add(status)
                if status not in (405, 413):
                    problems.append('%s is not an operation of %s: must answer 405, got %d'
                                    % (method, template, status))
                allow = {m.strip().upper() for m in (headers.get('Allow') or '').split(',') if m.strip()}
                documented = spec.allowed_methods(item)
                if status == 405 and not (documented <= allow <= documented | {'HEAD', 'OPTIONS'}):
                    problems.append('Allow %r, documented methods %s' % (headers.get('Allow'), sorted(documented)))
                response = spec.doc['components']['responses']['MethodNotAllowed' if status != 413 else 'BodyTooLarge']
                op = None
            else:
                self.exercised[(method, template)].add(status)
                response = (op.get('responses') or {}).get(str(status))
                if response is None:
                    problems.append('status %d is not documented for %s %s' % (status, method, template))
                    return problems
        response = spec.deref(response)

        # Body and Content-Type.
        content = response.get('content') or {}
        content_type = headers.get('Content-Type') or ''
        media = content_type.split(';')[0].strip().lower()
        if not content:
            if payload:
                problems.append('the body must be empty, got %d bytes' % len(payload))
        else:
            if media not in content:
                problems.append('Content-Type %r, documented %s' % (content_type, sorted(content)))
            schema = (content.get(media) or next(iter(content.values()))).get('schema')
            if parse_error is not None or not payload:
                problems.append('the body is not JSON: %s' % (parse_error or 'empty'))
            elif schema is not None:
                problems += spec.errors(schema, parsed)
                if shape and not problems and 200 <= status < 300:
                    problems += ['not a %s: %s' % (shape, e)
                                 for e in spec.errors({'$ref': '#/components/schemas/' + shape}, parsed)]
            if media == 'application/json' and 'charset' in content_type.lower() \
                    and 'utf-8' not in content_type.lower():
                problems.append('JSON in a charset other than UTF-8: %r' % content_type)

        # Documented headers.
        for name, header in (response.get('headers') or {}).items():
            header = spec.deref(header)
            value = headers.get(name)
            if value is None:
                if header.get('required'):
                    problems.append('header %s is missing' % name)
            elif 'schema' in header:
                problems += ['header %s: %s' % (name, e) for e in spec.errors(header['schema'], value)]

        # Problem details agree with the HTTP status.
        if media == 'application/problem+json' and isinstance(parsed, dict):
            if parsed.get('status') != status:
                problems.append('problem status %r in a %d answer' % (parsed.get('status'), status))
            if parsed.get('type') != 'urn:kring:problem:%s' % parsed.get('code'):
                problems.append('problem type %r does not name code %r' % (parsed.get('type'), parsed.get('code')))
            if status in REASON_PHRASES and parsed.get('title') not in REASON_PHRASES[status]:
                problems.append('problem title %r is not the reason phrase of %d' % (parsed.get('title'), status))

        # Self-check of the scenario: what a successful call sent is documented.
        if op is not None and 200 <= status < 300:
            body_spec = op.get('requestBody')
            if isinstance(sent, dict) and body_spec:
                media_obj = (spec.deref(body_spec).get('content') or {}).get('application/json') or {}
                problems += ['(scenario) request body: %s' % e for e in spec.errors(media_obj.get('schema', {}), sent)]
            elif sent_any and not body_spec and sent != {}:
                problems.append('(scenario) a body was sent to an operation that takes none')
            query_names = {p.get('name') for p in spec.parameters(item, op) if p.get('in') == 'query'}
            for name in urllib.parse.parse_qs(split.query, keep_blank_values=True):
                if name not in query_names:
                    problems.append('(scenario) query parameter %r is not documented' % name)
        return problems

    def walk(self, path, token, limit, shape=None, label='paging'):
        """All items of a list, page by page; checks the paging rules."""
        sep = '&' if '?' in path else '?'
        url = '%s%slimit=%d' % (path, sep, limit)
        items, pages = [], 0
        while True:
            answer = self.call('GET', url, token=token, expect=200, shape=shape,
                               label='%s, page %d' % (label, pages + 1))
            page = answer.get('items')
            cursor = answer.get('next_cursor')
            pages += 1
            items += page
            if len(page) > limit:
                self.check(False, 'GET %s: page of %d items above limit %d' % (path, len(page), limit))
            if cursor is None:
                if pages > 1 and not page:
                    self.check(False, 'GET %s: empty last page (next_cursor must be null instead)' % path)
                break
            if not page or pages > 200:
                self.check(False, 'GET %s: paging does not end' % path)
                break
            url = '%s%slimit=%d&cursor=%s' % (path, sep, limit, urllib.parse.quote(cursor, safe=''))
        ids = [i.get('id') for i in items if isinstance(i, dict)]
        self.check(len(ids) == len(set(ids)), 'GET %s: paging by %d yields each item once (%d items, %d pages)'
                   % (path, limit, len(ids), pages), ['ids: %s' % ids])
        return items


# --------------------------------------------------------------------------
# The scenario
# --------------------------------------------------------------------------

def normalised(address):
    local, _, domain = address.strip().rpartition('@')
    return (local + '@' + domain.encode('idna').decode('ascii')).lower()


OLGA, BRAM, ADAM, MIA = ('olga@zorg-noord.example', 'Bram@Thuiszorg-Zu\u00efd.Example',
                         'adam@zorg-noord.example', 'mia@zorg-noord.example')
GUUS, SARA, OMA = 'guus@familie-jansen.example', 'sara@familie-jansen.example', 'oma@familie-jansen.example'
GERDA, NOBODY_EMAIL = 'gerda@buren.example', 'niemand@nergens.example'
PASSWORDS = {
    OLGA: 'olga-wachtwoord-1', 'bram': 'bram-wachtwoord-1', ADAM: 'adam-wachtwoord-1',
    MIA: 'mia-wachtwoord-1', GUUS: 'guus-wachtwoord-1',
}


def scenario(c, mail, kd, table):
    bram_email = normalised(BRAM)
    plans = table['plans']
    limited = sorted((p for p in plans if p['max_users'] is not None), key=lambda p: p['max_users'])
    small = limited[0]
    main = next(p for p in plans if p['max_users'] is None or p['max_users'] >= small['max_users'] + 3)
    org_discounts = [d['id'] for d in table['discounts'] if d['kind'] == 'organisation']
    c.check(small['max_users'] >= 3, 'the smallest limited plan holds at least 3 users (the scenario needs it)')

    # ---- public -------------------------------------------------------------
    c.call('GET', '/healthz', expect=200)
    c.call('POST', '/healthz', expect=405)
    answer = c.call('GET', '/api/v1/plans', expect=200)
    c.check(answer.json == table, 'GET /api/v1/plans equals the --pricing file')
    c.call('GET', '/api/v1/plans', {}, expect=200, label='a route without body accepts {}')
    c.call('GET', '/api/v1/plans', {'x': 1}, expect=422, code='invalid_field', field='x')
    c.call('DELETE', '/api/v1/plans', expect=405)
    c.call('GET', '/api/v1/nope', expect=404, code='not_found', label='unknown route, no token')

    c.call('POST', '/api/v1/quotes', {'plan': main['id'], 'users': 12, 'billing': 'yearly',
                                      'discounts': org_discounts[:1]}, expect=200)
    c.call('POST', '/api/v1/quotes', {'plan': small['id'], 'users': 1}, expect=200)
    c.call('POST', '/api/v1/quotes', {'plan': main['id'], 'users': 40 if main['max_users'] is None else main['max_users'],
                                      'billing': 'monthly', 'discounts': org_discounts * 2, 'partner_users': 2},
           expect=200, label='duplicates folded, partner share')
    c.call('POST', '/api/v1/quotes', raw=json.dumps({'plan': small['id'], 'users': 2}).encode(),
           ctype='application/json; charset=utf-8', expect=200, label='charset parameter')
    c.call('POST', '/api/v1/quotes', raw=b'{"plan": "pro", "users": 1}', ctype='text/plain', expect=415,
           code='unsupported_media_type')
    c.call('POST', '/api/v1/quotes', raw=b'{"plan": "pro", users: 1}', expect=400, code='invalid_json')
    c.call('POST', '/api/v1/quotes', raw=b'[1, 2]', expect=400, code='invalid_json', label='not an object')
    c.call('POST', '/api/v1/quotes', raw=b'{"plan": "pro", "users": 1, "users": 2}', expect=400,
           code='invalid_json', label='repeated key')
    c.call('POST', '/api/v1/quotes', expect=400, code='invalid_json', label='missing body')
    c.call('POST', '/api/v1/quotes', {'plan': main['id'], 'users': 0}, expect=422, code='invalid_field', field='users')
    c.call('POST', '/api/v1/quotes', {'plan': main['id'], 'users': 1.5}, expect=422, code='invalid_field', field='users')
    c.call('POST', '/api/v1/quotes', {'plan': small['id'], 'users': small['max_users'] + 1}, expect=422,
           code='invalid_field', field='users', label='above max_users')
    c.call('POST', '/api/v1/quotes', {'plan': 'no-such-plan', 'users': 1}, expect=422, code='invalid_field', field='plan')
    c.call('POST', '/api/v1/quotes', {'plan': main['id'], 'users': 2, 'discounts': ['yearly']}, expect=422,
           code='invalid_field', field='discounts')
    c.call('POST', '/api/v1/quotes', {'plan': main['id'], 'users': 2, 'partner_users': 3}, expect=422,
           code='invalid_field', field='partner_users')
    c.call('POST', '/api/v1/quotes', raw=b'{"plan": "pro", "users": 1, "pad": "' + b'x' * (1 << 20) + b'"}',
           expect=413, code='body_too_large')
    c.call('GET', '/api/v1/quotes', expect=405)

    # ---- signup -------------------------------------------------------------
    signup = {'organisation': 'Zorg Noord', 'name': 'Olga de Vries', 'email': ' Olga@Zorg-Noord.example ',
              'password': PASSWORDS[OLGA], 'plan': main['id']}
    c.call('POST', '/api/v1/signup', expect=400, code='invalid_json', label='missing body')
    c.call('POST', '/api/v1/signup', dict(signup, email='olga@'), expect=422, code='invalid_email', field='email')
    c.call('POST', '/api/v1/signup', dict(signup, password='kort'), expect=422, code='invalid_field', field='password')
    c.call('POST', '/api/v1/signup', dict(signup, plan='no-such-plan'), expect=422, code='invalid_field', field='plan')
    c.call('POST', '/api/v1/signup', dict(signup, referrer='x'), expect=422, code='invalid_field', field='referrer')
    c.call('POST', '/api/v1/signup', signup, expect=202)
    code = mail.expect(OLGA, 'verify')
    c.call('GET', '/api/v1/signup', expect=405)
    c.call('POST', '/api/v1/signup/verify', {'code': 'no-such-code'}, expect=410, code='code_invalid')
    answer = c.call('POST', '/api/v1/signup/verify', {'code': code}, expect=201)
    olga = answer.get('token')
    account_a = answer.get('account', 'id')
    c.check(answer.get('user', 'email') == OLGA and answer.get('account', 'status') == 'trial'
            and answer.get('account', 'plan') == main['id'],
            'signup: normalised email, a trial account on the chosen plan')
    c.call('POST', '/api/v1/signup/verify', {'code': code}, expect=410, code='code_invalid', label='used code')
    c.call('POST', '/api/v1/signup', signup, expect=202, label='existing login: same answer')
    mail.expect(OLGA, None)

    bram_signup = {'organisation': 'Thuiszorg Zuid', 'name': 'Bram Pietersen', 'email': BRAM,
                   'password': PASSWORDS['bram'], 'plan': small['id']}
    c.call('POST', '/api/v1/signup', bram_signup, expect=202, label='IDN email')
    code = mail.expect(bram_email, 'verify')
    answer = c.call('POST', '/api/v1/signup/verify', {'code': code}, expect=201)
    bram = answer.get('token')
    account_b = answer.get('account', 'id')
    c.check(answer.get('user', 'email') == bram_email, 'signup: IDN domain stored as punycode, lower-cased',
            ['got %r, expected %r' % (answer.get('user', 'email'), bram_email)])

    # ---- me -----------------------------------------------------------------
    answer = c.call('GET', '/api/v1/me', token=olga, expect=200)
    c.check(answer.get('paid') is False and answer.get('guest_dossiers') is not None,
            'a teammate of a trial account only is no paid user (R4)')
    c.call('GET', '/api/v1/me', expect=401, code='unauthenticated', label='no token')
    c.call('GET', '/api/v1/me', token='not-a-token', expect=401, code='unauthenticated', label='bad token')
    c.call('GET', '/api/v1/me', headers={'Authorization': 'Basic b2xnYTpvbGdh'}, expect=401, label='Basic')
    c.call('POST', '/api/v1/accounts', raw=b'nope', expect=401, label='401 before 400')
    c.call('PATCH', '/api/v1/me', {'name': 'Olga de Vries-Bakker'}, token=olga, expect=200)
    c.call('PATCH', '/api/v1/me', {'nmae': 'x'}, token=olga, expect=422, code='invalid_field', field='nmae')
    c.call('PATCH', '/api/v1/me', {'name': 'x\u0007y'}, token=olga, expect=422, code='invalid_field', field='name')
    c.call('DELETE', '/api/v1/me', token=olga, expect=405)

    # ---- accounts -----------------------------------------------------------
    c.call('GET', '/api/v1/accounts/%d' % account_a, token=olga, expect=200)
    answer = c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'name': 'Zorggroep Noord', 'billing': 'yearly'},
                    token=olga, expect=200)
    c.check(answer.get('billing') == 'yearly' and answer.get('name') == 'Zorggroep Noord', 'PATCH account applied')
    c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'status': 'active'}, token=olga, expect=422,
           code='invalid_field', field='status', label='status is the operator\'s')
    c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'discounts': ['anbi']}, token=olga, expect=422,
           code='invalid_field', field='discounts')
    c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'plan': 'no-such-plan'}, token=olga, expect=422,
           code='invalid_field', field='plan')
    answer = c.call('GET', '/api/v1/accounts/%d/billing' % account_a, token=olga, expect=200)
    c.check(answer.get('billing') == 'yearly' and answer.get('users') == 1 and answer.get('plan') == main['id'],
            'billing quote follows plan, billing and seats')
    c.call('GET', '/api/v1/accounts/999999', token=olga, expect=404, code='not_found')
    c.call('GET', '/api/v1/accounts/%d' % account_b, token=olga, expect=404, label='another account')
    c.call('GET', '/api/v1/accounts/%d/billing' % account_b, token=olga, expect=404, label='another account')
    c.call('DELETE', '/api/v1/accounts/%d' % account_a, token=olga, expect=405)
    answer = c.call('POST', '/api/v1/accounts', {'organisation': 'Zorg Noord Thuis', 'plan': main['id']},
                    token=olga, expect=201)
    account_c = answer.get('id')
    c.check(answer.get('status') == 'trial' and answer.get('seats') == 1, 'a second organisation starts as trial')
    c.call('POST', '/api/v1/accounts', {'organisation': '', 'plan': main['id']}, token=olga, expect=422,
           code='invalid_field', field='organisation')
    c.call('GET', '/api/v1/accounts', token=olga, expect=405)
    answer = c.call('GET', '/api/v1/me', token=olga, expect=200)
    c.check(sorted(m['account']['id'] for m in answer.get('memberships')) == sorted([account_a, account_c]),
            '/me lists both memberships')

    # ---- teammates ----------------------------------------------------------
    teammates = '/api/v1/accounts/%d/teammates' % account_a
    answer = c.call('GET', teammates, token=olga, expect=200)
    olga_tid = next(t['id'] for t in answer.get('items') if t['email'] == OLGA)
    answer = c.call('POST', teammates, {'email': 'Adam@Zorg-Noord.example', 'name': 'Adam Jansen', 'role': 'admin'},
                    token=olga, expect=201)
    adam_tid = answer.get('teammate', 'id')
    c.check(answer.get('teammate', 'status') == 'invited' and answer.get('billing', 'users') == 2,
            'a new teammate is invited and billed (R1)')
    adam_code = mail.expect(ADAM, 'invitation')
    c.call('POST', teammates, {'email': ADAM, 'role': 'member'}, token=olga, expect=409, code='teammate_exists')
    c.call('POST', teammates, {'email': 'adam@', 'role': 'member'}, token=olga, expect=422,
           code='invalid_email', field='email')
    c.call('POST', teammates, {'email': 'x@zorg-noord.example', 'role': 'boss'}, token=olga, expect=422,
           code='invalid_field', field='role')
    answer = c.call('POST', teammates, {'email': MIA, 'name': 'Mia', 'role': 'member'}, token=olga, expect=201)
    mia_tid = answer.get('teammate', 'id')
    mia_code_old = mail.expect(MIA, 'invitation')
    seats, fillers = 3, []
    while seats <= small['max_users']:
        answer = c.call('POST', teammates, {'email': 'invaller%d@zorg-noord.example' % len(fillers), 'role': 'member'},
                        token=olga, expect=201, label='filling seats')
        fillers.append(answer.get('teammate', 'id'))
        seats += 1
    answer = c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'plan': small['id']}, token=olga, expect=409,
                    code='plan_user_limit', label='more seats than the plan holds')
    c.check(answer.json.get('max_users') == small['max_users'], 'plan_user_limit names max_users')
    c.call('DELETE', '%s/%d' % (teammates, fillers.pop()), token=olga, expect=204)
    c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'plan': small['id']}, token=olga, expect=200)
    c.call('POST', teammates, {'email': 'extra@zorg-noord.example', 'role': 'member'}, token=olga, expect=409,
           code='plan_user_limit', label='plan full')
    c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'plan': main['id']}, token=olga, expect=200)
    c.call('PATCH', '%s/%d' % (teammates, olga_tid), {'role': 'admin'}, token=olga, expect=409, code='last_owner')
    c.call('DELETE', '%s/%d' % (teammates, olga_tid), token=olga, expect=409, code='last_owner')
    c.call('PATCH', '%s/%d' % (teammates, adam_tid), {'role': 'owner'}, token=olga, expect=200)
    answer = c.call('PATCH', '%s/%d' % (teammates, adam_tid), {'role': 'admin'}, token=olga, expect=200)
    c.check(answer.get('role') == 'admin', 'role change applied')
    c.call('PATCH', '%s/%d' % (teammates, adam_tid), {'role': 'boss'}, token=olga, expect=422,
           code='invalid_field', field='role')
    c.call('PATCH', '%s/999999' % teammates, {'role': 'member'}, token=olga, expect=404)
    c.call('GET', '%s/%d' % (teammates, adam_tid), token=olga, expect=405)
    c.call('POST', '%s/%d/resend' % (teammates, olga_tid), token=olga, expect=422, code='invalid_field',
           field='status', label='active teammate')
    c.call('POST', '%s/%d/resend' % (teammates, mia_tid), token=olga, expect=202)
    mia_code = mail.expect(MIA, 'invitation')
    c.call('POST', '%s/999999/resend' % teammates, token=olga, expect=404)
    c.walk(teammates, olga, 1, label='teammates')
    c.call('GET', teammates + '?limit=abc', token=olga, expect=400, code='invalid_query')

    # ---- invitations --------------------------------------------------------
    c.call('POST', '/api/v1/invitations/%s/accept' % mia_code_old, {'password': PASSWORDS[MIA]}, expect=410,
           code='code_invalid', label='superseded by resend')
    answer = c.call('POST', '/api/v1/invitations/%s/accept' % mia_code, {'name': 'Mia Smit', 'password': PASSWORDS[MIA]},
                    expect=201)
    mia = answer.get('token')
    c.check(answer.get('user', 'name') == 'Mia Smit', 'accepting with a name replaces the inviter\'s')
    c.call('POST', '/api/v1/invitations/%s/accept' % mia_code, {'password': PASSWORDS[MIA]}, expect=410,
           code='code_invalid', label='used code')
    c.call('POST', '/api/v1/invitations/no-such-code/accept', {'password': PASSWORDS[MIA]}, expect=410)
    c.call('POST', '/api/v1/invitations/%s/accept' % adam_code, {'password': 'kort'}, expect=422,
           code='invalid_field', field='password')
    answer = c.call('POST', '/api/v1/invitations/%s/accept' % adam_code, {'password': PASSWORDS[ADAM]}, expect=201)
    adam = answer.get('token')
    c.call('GET', '/api/v1/invitations/%s/accept' % adam_code, expect=405)

    # ---- who may do what with the account -----------------------------------
    c.call('GET', '/api/v1/accounts/%d' % account_a, token=mia, expect=200, label='member')
    c.call('GET', teammates, token=mia, expect=200, label='member')
    c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'billing': 'monthly'}, token=mia, expect=403,
           code='forbidden', label='member')
    c.call('GET', '/api/v1/accounts/%d/billing' % account_a, token=mia, expect=403, label='member')
    c.call('GET', '/api/v1/accounts/%d/audit' % account_a, token=mia, expect=403, label='member')
    c.call('POST', teammates, {'email': 'x@zorg-noord.example', 'role': 'member'}, token=mia, expect=403,
           label='member')
    c.call('PATCH', '/api/v1/accounts/%d' % account_a, {'billing': 'monthly'}, token=adam, expect=403,
           label='admin: plan and billing are the owner\'s')
    c.call('GET', '/api/v1/accounts/%d/billing' % account_a, token=adam, expect=200, label='admin')
    c.call('POST', teammates, {'email': 'baas@zorg-noord.example', 'role': 'owner'}, token=adam, expect=403,
           label='only an owner adds an owner')
    c.call('DELETE', '%s/%d' % (teammates, olga_tid), token=adam, expect=403, label='only an owner removes an owner')
    c.call('GET', '/api/v1/accounts/%d' % account_a, token=bram, expect=404, label='another account')
    c.call('GET', teammates, token=bram, expect=404, label='another account')

    # ---- the operator activates account A: its people become paid users ------
    result = kd.admin('set-status', str(account_a), 'active')
    c.check(result.returncode == 0, 'kringd admin set-status %d active' % account_a,
            [result.stdout.decode('utf-8', 'replace'), result.stderr.decode('utf-8', 'replace')])
    answer = c.call('GET', '/api/v1/me', token=olga, expect=200)
    c.check(answer.get('paid') is True and answer.get('guest_dossiers') is None,
            'a teammate of an active account is a paid user (R4)')

    # ---- dossiers -----------------------------------------------------------
    dossiers = '/api/v1/accounts/%d/dossiers' % account_a
    answer = c.call('POST', dossiers, {'title': 'Jansen', 'client_name': 'Jan Jansen'}, token=olga, expect=201)
    d1 = answer.get('id')
    c.check(answer.get('my_access') == 'team' and answer.get('can_write') is True and answer.get('archived') is False,
            'the creator is a team participant who can write')
    answer = c.call('POST', dossiers, {'title': 'Bakker'}, token=olga, expect=201)
    d2 = answer.get('id')
    c.check(answer.get('client_name') is None, 'client_name omitted is null')
    d3 = c.call('POST', dossiers, {'title': 'De Wit', 'client_name': 'Els de Wit'}, token=olga, expect=201).get('id')
    d4 = c.call('POST', dossiers, {'title': 'Visser', 'client_name': None}, token=olga, expect=201).get('id')
    d5 = c.call('POST', dossiers, {'title': 'Capaciteit'}, token=olga, expect=201).get('id')
    c.call('POST', dossiers, {'title': '   '}, token=olga, expect=422, code='invalid_field', field='title')
    c.call('POST', dossiers, {'title': 'x' * 201}, token=olga, expect=422, code='invalid_field', field='title')
    c.call('POST', dossiers, {'title': 'X', 'clientname': 'Y'}, token=olga, expect=422, code='invalid_field',
           field='clientname')
    c.call('POST', dossiers, {'title': 7}, token=olga, expect=422, code='invalid_field', field='title')
    c.call('POST', '/api/v1/accounts/999999/dossiers', {'title': 'X'}, token=olga, expect=404)
    c.call('POST', '/api/v1/accounts/%d/dossiers' % account_b, {'title': 'X'}, token=olga, expect=404,
           label='another account')
    c.call('GET', dossiers, token=olga, expect=405)
    c.call('POST', '/api/v1/dossiers', {'title': 'X'}, token=olga, expect=405)

    c.walk('/api/v1/dossiers', olga, 2, label='all dossiers')
    c.walk('/api/v1/dossiers?account=%d&archived=false' % account_a, olga, 1, label='account A')
    answer = c.call('GET', '/api/v1/dossiers?account=%d&q=JAN' % account_a, token=olga, expect=200)
    c.check([d['id'] for d in answer.get('items')] == [d1], 'q matches title or client name case-insensitively')
    answer = c.call('GET', '/api/v1/dossiers?q=%25_', token=olga, expect=200)
    c.check(answer.get('items') == [], '% and _ in q are ordinary characters')
    for query in ('limit=0', 'limit=201', 'limit=abc', 'limit=1.5', 'cursor=', 'cursor=forged',
                  'limit=1&limit=2', 'archived=maybe', 'account=abc'):
        c.call('GET', '/api/v1/dossiers?' + query, token=olga, expect=400, code='invalid_query')
    c.call('GET', '/api/v1/dossiers?account=%d' % account_b, token=olga, expect=404, label='not a teammate')
    c.call('GET', '/api/v1/dossiers/%d' % d1, token=olga, expect=200)
    c.call('GET', '/api/v1/dossiers/999999', token=olga, expect=404)
    c.call('GET', '/api/v1/dossiers/%d' % d1, expect=401)
    answer = c.call('PATCH', '/api/v1/dossiers/%d' % d1, {'title': 'Jansen-de Boer', 'client_name': None},
                    token=olga, expect=200)
    c.check(answer.get('client_name') is None and answer.get('title') == 'Jansen-de Boer', 'null clears client_name')
    c.call('PATCH', '/api/v1/dossiers/%d' % d1, {'client_name': 'Jan Jansen'}, token=olga, expect=200)
    c.call('PATCH', '/api/v1/dossiers/%d' % d1, {'title': None}, token=olga, expect=422, code='invalid_field',
           field='title')
    c.call('PUT', '/api/v1/dossiers/%d' % d1, {'title': 'X'}, token=olga, expect=405)

    # ---- participants -------------------------------------------------------
    parts = '/api/v1/dossiers/%d/participants' % d1
    answer = c.call('POST', parts, {'email': GUUS, 'name': 'Guus Jansen'}, token=olga, expect=201)
    guus_pid = answer.get('id')
    c.check(answer.get('access') == 'guest' and answer.get('can_write') is False and answer.get('status') == 'invited'
            and answer.get('guest_dossiers') == {'used': 1, 'limit': DOSSIERS_PER_GUEST},
            'a new email is an invited guest who cannot write')
    guus_code = mail.expect(GUUS, 'invitation', forbidden=['Jansen-de Boer', 'Jan Jansen'])
    answer = c.call('POST', parts, {'email': 'Guus@Familie-Jansen.example'}, token=olga, expect=409,
                    code='already_participant')
    c.check(answer.json.get('participant_id') == guus_pid, 'already_participant names the participation')
    c.call('POST', parts, {'email': 'guus@'}, token=olga, expect=422, code='invalid_email', field='email')
    c.call('POST', parts, {'email': 'x@familie.example', 'visibilty': 'everyone'}, token=olga, expect=422,
           code='invalid_field', field='visibilty')
    c.call('POST', parts, {'email': 'x@familie.example', 'can_write': 'yes'}, token=olga, expect=422,
           code='invalid_field', field='can_write')
    answer = c.call('POST', parts, {'email': MIA}, token=olga, expect=201, label='a teammate')
    c.check(answer.get('access') == 'team' and answer.get('can_write') is True and 'guest_dossiers' not in answer.json,
            'a teammate of the account participates as team')
    answer = c.call('POST', parts + '/batch', {'participants': [
        {'email': ' Sara@Familie-Jansen.example ', 'name': 'Sara'},
        {'email': 'geen-adres'},
        {'email': SARA, 'can_write': True}]}, token=olga, expect=200)
    results = answer.get('results')
    c.check([r.get('status') for r in results] == [201, 422, 409]
            and results[0].get('email') == SARA and results[1].get('email') == 'geen-adres'
            and results[1].get('code') == 'invalid_email' and results[2].get('code') == 'already_participant'
            and results[2].get('participant_id') == results[0].get('participant', {}).get('id'),
            'batch: in input order, each as a single add', [json.dumps(results)])
    sara_pid = results[0]['participant']['id']
    c.call('POST', parts + '/batch', {'participants': []}, token=olga, expect=422, code='invalid_field',
           field='participants')
    c.call('POST', parts + '/batch', {}, token=olga, expect=422, code='invalid_field', field='participants')
    c.call('POST', parts + '/batch', {'participants': [{'email': 'x@familie.example'}] * 1001}, token=olga,
           expect=422, code='invalid_field', field='participants', label='1001 items')
    c.call('GET', parts + '/batch', token=olga, expect=405)
    c.call('POST', '%s/%d/resend' % (parts, sara_pid), token=olga, expect=202)
    mail.expect(SARA, 'invitation', forbidden=['Jansen-de Boer', 'Jan Jansen'])
    c.call('POST', '%s/999999/resend' % parts, token=olga, expect=404)

    answer = c.call('POST', '/api/v1/invitations/%s/accept' % guus_code, {'password': PASSWORDS[GUUS]}, expect=201)
    guus = answer.get('token')
    c.check(answer.get('user', 'name') == 'Guus Jansen', 'without a name the inviter\'s stays')
    c.call('POST', '%s/%d/resend' % (parts, guus_pid), token=olga, expect=422, code='invalid_field',
           field='status', label='active participant')
    answer = c.call('PATCH', '%s/%d' % (parts, guus_pid), {'can_write': True}, token=olga, expect=200)
    c.check(answer.get('can_write') is True and answer.get('status') == 'active', 'guest may now write')
    c.call('PATCH', '%s/%d' % (parts, guus_pid), {}, token=olga, expect=422, code='invalid_field', field='can_write')
    c.call('PATCH', '%s/%d' % (parts, guus_pid), {'can_write': 'yes'}, token=olga, expect=422,
           code='invalid_field', field='can_write')
    c.call('PATCH', '%s/999999' % parts, {'can_write': True}, token=olga, expect=404)
    c.call('GET', '%s/%d' % (parts, guus_pid), token=olga, expect=405)
    c.walk(parts, olga, 2, shape='ParticipantList', label='full view')

    # ---- entries ------------------------------------------------------------
    entries = '/api/v1/dossiers/%d/entries' % d1
    answer = c.call('POST', entries, {'body': 'Jan heeft goed gegeten.\nWandeling gemaakt.'}, token=olga,
                    expect=201, shape='Entry')
    e1 = answer.get('id')
    c.check(answer.get('visibility') == 'everyone' and answer.get('corrects') is None
            and answer.get('corrected_by') == [] and answer.get('author', 'email') == OLGA,
            'an entry defaults to everyone and records its author (R7)')
    e2 = c.call('POST', entries, {'body': 'Medicatie aangepast.', 'visibility': 'professionals', 'corrects': e1},
                token=olga, expect=201).get('id')
    e3 = c.call('POST', entries, {'body': 'Correctie: Jan heeft matig gegeten.', 'visibility': 'everyone',
                                  'corrects': e1}, token=olga, expect=201).get('id')
    c.call('POST', entries, {'body': 'Meer zichtbaar dan het origineel.', 'corrects': e2}, token=olga, expect=422,
           code='invalid_field', field='visibility', label='a correction is never more visible')
    c.call('POST', entries, {'body': ' \n\t '}, token=olga, expect=422, code='invalid_field', field='body')
    c.call('POST', entries, {'body': 'bel\u0007'}, token=olga, expect=422, code='invalid_field', field='body')
    c.call('POST', entries, {'body': 'x', 'visibilty': 'professionals'}, token=olga, expect=422,
           code='invalid_field', field='visibilty')
    c.call('POST', entries, {'body': 'x', 'visibility': 'secret'}, token=olga, expect=422, code='invalid_field',
           field='visibility')
    c.call('POST', entries, {'body': 'x', 'corrects': 999999}, token=olga, expect=422, code='invalid_field',
           field='corrects')
    c.call('POST', entries, raw=b'{"body": "x", "visibility": "everyone", "visibility": "professionals"}',
           token=olga, expect=400, code='invalid_json', label='a second visibility must not win')
    c.call('POST', entries, {'body': 'x' * 65537}, token=olga, expect=422, code='invalid_field', field='body')
    items = c.walk(entries, olga, 1, shape='EntryList', label='professional view')
    ids = [i['id'] for i in items]
    by_id = {i['id']: i for i in items}
    c.check(ids == sorted(ids, reverse=True) and set(by_id.get(e1, {}).get('corrected_by', [])) == {e2, e3},
            'entries newest first; corrected_by lists the corrections', [json.dumps(items)])
    c.call('GET', '%s/%d' % (entries, e2), token=olga, expect=200, shape='Entry')
    c.call('GET', '%s/999999' % entries, token=olga, expect=404)
    for method in ('PUT', 'PATCH', 'DELETE'):
        c.call(method, '%s/%d' % (entries, e1), {'body': 'edited'} if method != 'DELETE' else NOBODY,
               token=olga, expect=405, code='method_not_allowed', label='entries are immutable')
    c.call('DELETE', '%s/%d' % (entries, e1), expect=405, label='405 before 401')

    # ---- a guest's view -----------------------------------------------------
    answer = c.call('GET', '/api/v1/me', token=guus, expect=200)
    c.check(answer.get('paid') is False and answer.get('memberships') == []
            and answer.get('guest_dossiers') == {'used': 1, 'limit': DOSSIERS_PER_GUEST}, 'a guest\'s /me')
    answer = c.call('GET', '/api/v1/dossiers', token=guus, expect=200)
    c.check([(d['id'], d['my_access']) for d in answer.get('items')] == [(d1, 'guest')],
            'a guest lists only their dossier')
    c.call('GET', '/api/v1/dossiers/%d' % d1, token=guus, expect=200)
    c.walk(parts, guus, 2, shape='ParticipantGuestViewList', label='guest view')
    items = c.walk(entries, guus, 1, shape='EntryGuestViewList', label='guest view')
    by_id = {i['id']: i for i in items}
    c.check(e2 not in by_id and by_id.get(e1, {}).get('corrected_by') == [e3]
            and by_id.get(e3, {}).get('corrects') == e1,
            'a guest never sees a professionals entry, nor its id (R10)', [json.dumps(items)])
    c.call('GET', '%s/%d' % (entries, e2), token=guus, expect=404, label='professionals entry')
    c.call('GET', '%s/%d' % (entries, e1), token=guus, expect=200, shape='EntryGuestView')
    c.call('POST', entries, {'body': 'Alleen voor professionals?', 'visibility': 'professionals'}, token=guus,
           expect=422, code='invalid_field', field='visibility', label='a guest cannot write professionals')
    c.call('POST', entries, {'body': 'Groeten van Guus.'}, token=guus, expect=201, shape='EntryGuestView')
    c.call('POST', parts, {'email': 'x@familie.example'}, token=guus, expect=403, label='a guest cannot invite')
    c.call('PATCH', '/api/v1/dossiers/%d' % d1, {'title': 'X'}, token=guus, expect=403)
    c.call('DELETE', '/api/v1/dossiers/%d' % d1, token=guus, expect=403)
    c.call('GET', '/api/v1/dossiers/%d' % d2, token=guus, expect=404)
    c.call('GET', '/api/v1/accounts/%d' % account_a, token=guus, expect=404)
    c.call('GET', '/api/v1/accounts/%d/audit' % account_a, token=guus, expect=404)
    c.call('POST', '/api/v1/accounts/%d/dossiers' % account_a, {'title': 'X'}, token=guus, expect=404)

    # ---- a member -----------------------------------------------------------
    answer = c.call('GET', '/api/v1/dossiers', token=mia, expect=200)
    c.check([d['id'] for d in answer.get('items')] == [d1], 'a member lists the dossiers they participate in')
    c.call('GET', '/api/v1/dossiers/%d' % d2, token=mia, expect=404)
    c.call('POST', parts, {'email': OMA, 'name': 'Oma Jansen'}, token=mia, expect=201,
           label='a member who is a team participant invites')
    c.call('POST', '/api/v1/dossiers/%d/participants' % d2, {'email': OMA}, token=mia, expect=404)
    m1 = c.call('POST', dossiers, {'title': 'Mia test'}, token=mia, expect=201).get('id')
    c.call('DELETE', '/api/v1/dossiers/%d' % m1, token=mia, expect=403, label='members do not archive')
    c.call('POST', '/api/v1/dossiers/%d/restore' % m1, token=mia, expect=403)

    # ---- R3, archive and restore --------------------------------------------
    for d in (d2, d3, d4):
        c.call('POST', '/api/v1/dossiers/%d/participants' % d, {'email': GERDA}, token=olga, expect=201,
               label='guest dossier')
    answer = c.call('POST', '/api/v1/dossiers/%d/participants' % d5, {'email': GERDA}, token=olga, expect=409,
                    code='guest_dossier_limit', label='R3')
    c.check(answer.json.get('limit') == DOSSIERS_PER_GUEST and answer.json.get('used') == DOSSIERS_PER_GUEST,
            'guest_dossier_limit names limit and used')
    c.call('DELETE', '/api/v1/dossiers/%d' % d3, token=olga, expect=204)
    answer = c.call('GET', '/api/v1/dossiers/%d' % d3, token=olga, expect=200)
    c.check(answer.get('archived') is True, 'an archived dossier is kept')
    answer = c.call('GET', '/api/v1/dossiers?archived=true', token=olga, expect=200)
    c.check([d['id'] for d in answer.get('items')] == [d3], 'archived=true lists only archived dossiers')
    answer = c.call('GET', '/api/v1/dossiers?account=%d' % account_a, token=olga, expect=200)
    c.check(d3 not in [d['id'] for d in answer.get('items')], 'archived dossiers are not listed by default')
    c.call('PATCH', '/api/v1/dossiers/%d' % d3, {'title': 'X'}, token=olga, expect=409, code='dossier_archived')
    c.call('POST', '/api/v1/dossiers/%d/entries' % d3, {'body': 'x'}, token=olga, expect=409, code='dossier_archived')
    c.call('POST', '/api/v1/dossiers/%d/participants' % d3, {'email': 'nieuw@familie.example'}, token=olga,
           expect=409, code='dossier_archived')
    c.call('POST', '/api/v1/dossiers/%d/participants' % d3, {'email': 'nieuw@'}, token=olga, expect=422,
           code='invalid_email', label='422 before 409')
    c.call('POST', '/api/v1/dossiers/%d/participants' % d5, {'email': GERDA}, token=olga, expect=201,
           label='an archived dossier frees a slot (R3)')
    answer = c.call('POST', '/api/v1/dossiers/%d/restore' % d3, token=olga, expect=200)
    c.check(answer.get('archived') is False, 'restore un-archives (R2/R3 not re-checked)')
    c.call('GET', '/api/v1/dossiers/%d/restore' % d3, token=olga, expect=405)

    # ---- R2 (guests_per_dossier lowered in the --pricing table) --------------
    answer = c.call('POST', '/api/v1/dossiers/%d/participants/batch' % d5, {'participants': [
        {'email': 'gast%d@capaciteit.example' % i} for i in range(1, GUESTS_PER_DOSSIER + 1)]},
        token=olga, expect=200)
    results = answer.get('results')
    c.check([r.get('status') for r in results] == [201] * (GUESTS_PER_DOSSIER - 1) + [409]
            and results[-1].get('code') == 'dossier_guest_capacity'
            and results[-1].get('limit') == GUESTS_PER_DOSSIER,
            'batch stops adding guests at the dossier capacity (R2)', [json.dumps(results)])
    c.call('POST', '/api/v1/dossiers/%d/participants' % d5, {'email': 'gast9@capaciteit.example'}, token=olga,
           expect=409, code='dossier_guest_capacity')
    answer = c.call('POST', '/api/v1/dossiers/%d/participants' % d5, {'email': ADAM}, token=olga, expect=201,
                    label='teammates do not count toward R2')
    c.check(answer.get('access') == 'team', 'a teammate is team')

    # ---- another account's dossier: external and guest ------------------------
    answer = c.call('POST', '/api/v1/accounts/%d/dossiers' % account_b, {'title': 'Pietersen',
                                                                        'client_name': 'Piet Pietersen'},
                    token=bram, expect=201)
    eb = answer.get('id')
    parts_b = '/api/v1/dossiers/%d/participants' % eb
    answer = c.call('POST', parts_b, {'email': ADAM}, token=bram, expect=201, label='a paid user of another account')
    c.check(answer.get('access') == 'external' and answer.get('can_write') is True, 'a paid user is external (R4)')
    answer = c.call('POST', parts_b, {'email': GUUS}, token=bram, expect=201, label='an existing login')
    guus_pid_b = answer.get('id')
    c.check(answer.get('access') == 'guest' and (answer.json.get('guest_dossiers') or {}).get('used') == 2,
            'guest dossiers count across accounts (R3)')
    answer = c.call('GET', '/api/v1/dossiers', token=adam, expect=200)
    c.check((eb, 'external') in [(d['id'], d['my_access']) for d in answer.get('items')],
            'without account, dossiers shared from other accounts are listed')
    c.walk(parts_b, adam, 50, shape='ParticipantList', label='external sees emails')
    c.call('POST', '/api/v1/dossiers/%d/entries' % eb, {'body': 'Overleg gehad.', 'visibility': 'professionals'},
           token=adam, expect=201, shape='Entry')
    c.call('POST', parts_b, {'email': 'x@familie.example'}, token=adam, expect=403, label='external cannot invite')
    items = c.walk('/api/v1/dossiers/%d/entries' % eb, guus, 50, shape='EntryGuestViewList', label='guest view')
    c.check(items == [], 'the guest sees no professionals entry of the other account')
    c.call('GET', '/api/v1/dossiers/%d' % eb, token=olga, expect=404, label='another account')
    c.call('GET', '/api/v1/dossiers/%d/entries' % d1, token=bram, expect=404, label='another account')
    c.call('POST', '/api/v1/dossiers/%d/entries' % d1, {'body': 'x'}, token=bram, expect=404, label='another account')
    c.call('DELETE', '%s/%d' % (parts_b, guus_pid_b), token=guus, expect=204, label='anyone for themselves')

    # ---- removing people ----------------------------------------------------
    c.call('DELETE', '%s/%d' % (parts, sara_pid), token=olga, expect=204)
    c.call('DELETE', '%s/%d' % (parts, sara_pid), token=olga, expect=404, label='already removed')
    c.call('DELETE', '%s/%d' % (teammates, mia_tid), token=mia, expect=204, label='anyone for themselves')
    c.call('GET', '/api/v1/accounts/%d' % account_a, token=mia, expect=404, label='no longer a teammate')
    items = c.walk(parts, olga, 50, shape='ParticipantList', label='after removals')
    emails = [p['email'] for p in items]
    c.check(MIA not in emails and SARA not in emails, 'a removed teammate leaves the account\'s dossiers (R6)',
            [json.dumps(emails)])

    # ---- audit --------------------------------------------------------------
    audit = '/api/v1/accounts/%d/audit' % account_a
    events = c.walk(audit, olga, 50, label='audit')
    actions = {e['action'] for e in events}
    wanted = {'teammate.added', 'teammate.removed', 'teammate.role_changed', 'dossier.created', 'dossier.updated',
              'dossier.archived', 'dossier.restored', 'dossier.viewed', 'participant.added',
              'participant.updated', 'participant.removed', 'entry.created', 'account.updated'}
    c.check(wanted <= actions, 'the audit log has the actions of API.md', ['missing: %s' % sorted(wanted - actions)])
    c.check(any(e['action'] == 'account.updated' and e['actor'] is None and e.get('detail') == {'by': 'operator'}
                for e in events), 'the operator\'s change is logged with actor null')
    ids = [e['id'] for e in events]
    c.check(ids == sorted(ids, reverse=True), 'audit newest first')
    answer = c.call('GET', '%s?dossier=%d' % (audit, d1), token=olga, expect=200)
    c.check(answer.get('items') and all(e.get('dossier_id') == d1 for e in answer.get('items')),
            'audit filtered by dossier')
    answer = c.call('GET', '%s?action=entry.created&limit=2' % audit, token=adam, expect=200, label='admin')
    c.check(answer.get('items') and all(e['action'] == 'entry.created' for e in answer.get('items'))
            and answer.get('next_cursor') is not None, 'audit filtered by action, paged')
    c.call('GET', '%s?action=entry.created&limit=2&cursor=%s' % (audit, urllib.parse.quote(answer.get('next_cursor'), safe='')),
           token=adam, expect=200, label='next page')
    c.call('GET', '%s?dossier=abc' % audit, token=olga, expect=400, code='invalid_query')
    c.call('GET', '%s?limit=1&limit=1' % audit, token=olga, expect=400, code='invalid_query')
    c.call('GET', '/api/v1/accounts/%d/audit' % account_a, token=bram, expect=404, label='another account')
    c.call('POST', audit, {}, token=olga, expect=405, label='no endpoint changes the log')

    # ---- sessions -----------------------------------------------------------
    answer = c.call('POST', '/api/v1/sessions', {'email': ' OLGA@zorg-noord.example', 'password': PASSWORDS[OLGA]},
                    expect=201)
    second = answer.get('token')
    c.call('GET', '/api/v1/me', token=second, expect=200)
    c.call('DELETE', '/api/v1/sessions/current', token=second, expect=204)
    c.call('GET', '/api/v1/me', token=second, expect=401, label='after logout')
    c.call('DELETE', '/api/v1/sessions/current', token=second, expect=401, label='after logout')
    c.call('GET', '/api/v1/sessions/current', token=olga, expect=405)
    c.call('GET', '/api/v1/sessions', expect=405)
    c.call('POST', '/api/v1/sessions', {'email': OLGA, 'password': 'verkeerd-wachtwoord'}, expect=401,
           code='invalid_credentials')
    c.call('POST', '/api/v1/sessions', {'email': OLGA}, expect=422, code='invalid_field', field='password')
    for attempt in range(10):
        c.call('POST', '/api/v1/sessions', {'email': NOBODY_EMAIL, 'password': 'verkeerd-%d' % attempt}, expect=401,
               code='invalid_credentials', label='failed login %d' % (attempt + 1))
    c.call('POST', '/api/v1/sessions', {'email': NOBODY_EMAIL, 'password': 'verkeerd-11'}, expect=429,
           code='rate_limited', label='11th attempt')

    # ---- password change ----------------------------------------------------
    other = c.call('POST', '/api/v1/sessions', {'email': OLGA, 'password': PASSWORDS[OLGA]}, expect=201).get('token')
    new_password = 'olga-nieuw-wachtwoord-2'
    c.call('PATCH', '/api/v1/me', {'password': new_password, 'current_password': 'verkeerd-wachtwoord'}, token=olga,
           expect=422, code='invalid_field', field='current_password')
    c.call('PATCH', '/api/v1/me', {'password': new_password, 'current_password': PASSWORDS[OLGA]}, token=olga,
           expect=200)
    c.call('GET', '/api/v1/me', token=other, expect=401, label='other sessions revoked')
    c.call('GET', '/api/v1/me', token=olga, expect=200, label='this session stays')
    c.call('POST', '/api/v1/sessions', {'email': OLGA, 'password': PASSWORDS[OLGA]}, expect=401, label='old password')
    c.call('POST', '/api/v1/sessions', {'email': OLGA, 'password': new_password}, expect=201)

    # ---- password reset -----------------------------------------------------
    c.call('POST', '/api/v1/password-resets', {'email': 'ADAM@zorg-noord.example'}, expect=202)
    reset_code = mail.expect(ADAM, 'reset')
    c.call('POST', '/api/v1/password-resets', {'email': NOBODY_EMAIL}, expect=202, label='unknown email: same answer')
    c.call('POST', '/api/v1/password-resets', {'mail': ADAM}, expect=422, code='invalid_field', field='mail')
    c.call('GET', '/api/v1/password-resets', expect=405)
    c.call('POST', '/api/v1/password-resets/no-such-code', {'password': 'adam-nieuw-wachtwoord'}, expect=410,
           code='code_invalid')
    c.call('POST', '/api/v1/password-resets/%s' % reset_code, {'password': 'kort'}, expect=422,
           code='invalid_field', field='password')
    c.call('POST', '/api/v1/password-resets/%s' % reset_code, {'password': 'adam-nieuw-wachtwoord'}, expect=204)
    c.call('GET', '/api/v1/me', token=adam, expect=401, label='a reset revokes all sessions')
    c.call('POST', '/api/v1/password-resets/%s' % reset_code, {'password': 'adam-ander-wachtwoord'}, expect=410,
           label='used code')
    c.call('GET', '/api/v1/password-resets/%s' % reset_code, expect=405)
    c.call('POST', '/api/v1/sessions', {'email': ADAM, 'password': 'adam-nieuw-wachtwoord'}, expect=201)

    c.call('GET', '/healthz', expect=200, label='still healthy')


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def report_unexercised(spec, client, tap):
    for method, template, _item, _op in spec.operations():
        key = (method, template)
        statuses = sorted(client.exercised.get(key, ()))
        if statuses:
            tap.diag('%s %s: answered %s' % (method, template, ', '.join(map(str, statuses))))
            continue
        if key in ALLOW_UNEXERCISED:
            tap.result(True, '%s %s not exercised (allowed: %s)' % (method, template, ALLOW_UNEXERCISED[key]))
        else:
            tap.result(False, '%s %s was never exercised' % (method, template))


def main(argv):
    schema_only = '--schema-only' in argv[1:]
    args = [a for a in argv[1:] if a != '--schema-only']
    tap = Tap()
    try:
        spec = Spec(OPENAPI_PATH)
    except (OSError, yaml.YAMLError) as e:
        tap.result(False, 'openapi.yaml loads', [str(e)])
        tap.finish()
        return 1
    check_document(spec, tap)
    if schema_only:
        tap.finish()
        return 1 if tap.failed else 0
    if len(args) != 1:
        tap.bail_out('usage: openapi_check.py [--schema-only] PATH/TO/kringd')
        return 2

    with open(PRICING_PATH, encoding='utf-8') as f:
        table = json.load(f)
    table['guest_rules'] = {'guests_per_dossier': GUESTS_PER_DOSSIER, 'dossiers_per_guest': DOSSIERS_PER_GUEST}
    workdir = tempfile.mkdtemp(prefix='kring-openapi-')
    pricing_path = os.path.join(workdir, 'pricing.json')
    with open(pricing_path, 'w', encoding='utf-8') as f:
        json.dump(table, f, indent=2)

    kd = Kringd(os.path.abspath(args[0]), workdir, pricing_path)
    client = None
    exit_status = None

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        started = kd.start()
        tap.result(started, 'kringd starts and prints "listening on http://HOST:PORT"',
                   ['stdout: %s' % kd.stdout_lines] + kd.log_tail())
        if started:
            client = Client(kd.base, spec, tap)
            try:
                scenario(client, Mailbox(kd.mail_dir, tap), kd, table)
            except Exception as e:
                tap.result(False, 'scenario aborted: %s: %s' % (type(e).__name__, e),
                           [traceback.format_exc()] + kd.log_tail())
            if not kd.alive():
                tap.result(False, 'kringd is still running after the scenario', kd.log_tail())
    finally:
        exit_status = kd.stop()
    tap.result(exit_status == 0, 'kringd exits 0 on SIGTERM (got %r)' % exit_status, kd.log_tail())
    if client is not None:
        report_unexercised(spec, client, tap)
    if tap.failed:
        tap.diag('kringd work directory kept: %s' % workdir)
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    tap.finish()
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
