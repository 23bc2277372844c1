"""A loopback server that speaks the Confluence REST API's shape for content search, for tests.

    python3 confluence_server.py --pages pages.json --token T [--user EMAIL] [--throttle-every N]
                                 [--fail-after N] [--log requests.jsonl]

Serves GET /wiki/rest/api/content/search?cql=...&limit=N&start=S&expand=... like Confluence Cloud
(relative _links.next, totalSize, context /wiki). Prints its port on the first line of stdout.
--throttle-every N: every Nth request is answered 429 with Retry-After: 1 (the retry then succeeds).
--fail-after N: after N answered result pages, every request gets HTTP 500 (a site gone down);
with --fail-while FILE, only while FILE exists (delete it and the site is back).
"""

import argparse
import base64
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit


class State:
    def __init__(self, args):
        self.pages = json.loads(open(args.pages).read())
        self.args = args
        self.lock = threading.Lock()
        self.requests = 0
        self.answered = 0
        self.log = open(args.log, "a") if args.log else None

    def record(self, path, status):
        if self.log:
            self.log.write(json.dumps({"t": time.time(), "path": path, "status": status}) + "\n")
            self.log.flush()


def space_keys(cql):
    match = re.search(r"space in \(([^)]*)\)", cql)
    return None if not match else [k.strip().strip('"') for k in match.group(1).split(",")]


class Handler(BaseHTTPRequestHandler):
    state = None

    def log_message(self, *args):  # quiet: the test reads --log instead
        pass

    def send_json(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def authorized(self):
        args = self.state.args
        header = self.headers.get("Authorization", "")
        if args.user:
            expected = "Basic " + base64.b64encode(f"{args.user}:{args.token}".encode()).decode()
        else:
            expected = f"Bearer {args.token}"
        return header == expected

    def do_GET(self):
        s = self.state
        url = urlsplit(self.path)
        with s.lock:
            s.requests += 1
            number = s.requests
        if url.path != "/wiki/rest/api/content/search":
            s.record(self.path, 404)
            return self.send_json(404, {"statusCode": 404, "message": "not found"})
        if not self.authorized():
            s.record(self.path, 401)
            return self.send_json(401, {"statusCode": 401, "message": "Unauthorized"})
        if s.args.throttle_every and number % s.args.throttle_every == 0:
            s.record(self.path, 429)
            return self.send_json(429, {"statusCode": 429, "message": "Rate limited"}, [("Retry-After", "1")])
        if self.failing():
            s.record(self.path, 500)
            return self.send_json(500, {"statusCode": 500, "message": "Internal error"})
        self.answer(parse_qs(url.query))

    def failing(self):
        args = self.state.args
        if args.fail_after is None or self.state.answered < args.fail_after:
            return False
        return not args.fail_while or os.path.exists(args.fail_while)

    def answer(self, query):
        s = self.state
        cql = query.get("cql", [""])[0]
        limit = int(query.get("limit", ["25"])[0])
        start = int(query.get("start", ["0"])[0])
        keys = space_keys(cql)
        pages = [p for p in s.pages if keys is None or p["space"]["key"] in keys]
        batch = pages[start:start + limit]
        links = {"base": f"http://127.0.0.1:{self.server.server_port}/wiki", "context": "/wiki"}
        if start + limit < len(pages):
            links["next"] = "/rest/api/content/search?" + urlencode(
                {"cql": cql, "limit": limit, "start": start + limit, "expand": query.get("expand", [""])[0]})
        with s.lock:
            s.answered += 1
        s.record(self.path, 200)
        self.send_json(200, {"results": batch, "start": start, "limit": limit, "size": len(batch),
                             "totalSize": len(pages), "_links": links})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--user")
    parser.add_argument("--throttle-every", type=int, default=0)
    parser.add_argument("--fail-after", type=int)
    parser.add_argument("--fail-while", help="fail (after --fail-after) only while this file exists")
    parser.add_argument("--log")
    args = parser.parse_args()
    Handler.state = State(args)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
