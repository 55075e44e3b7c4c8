"""JupyterHub with the system-wide gendl kernel: two users log in and each
runs a Go cell in a kernel of their own.

The hub is pip's jupyterhub with its DummyAuthenticator and
SimpleLocalProcessSpawner on loopback, behind configurable-http-proxy from
npm. Each user's server gets a home of its own (HOME=<tmp>/home/<user>), so
the only gendl kernel spec it can see is the system-wide one that
`./install.sh --system` writes; the test checks that the spec it runs came
from a system directory.

Needs: jupyterhub in this Python (pip install jupyterhub), the proxy
(`npm install configurable-http-proxy` under <repo>/.gendl/chp, or on PATH),
and the system kernel spec (./install.sh --system). Without them the test is
skipped, unless GENDL_HUB_REQUIRED=1. Every wait is bounded.

Run: .gendl/venv/bin/python -m unittest discover -s kernel/conformance -p test_jupyterhub.py -v
"""

import asyncio
import http.cookiejar
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import gendl_kernel as gk

WAIT = 120
# A user's first cell builds with a cold Go build cache (each user has their
# own ~/.cache/go-build), which takes a minute or more on a small machine.
CELL_WAIT = 300
SYSTEM_DIRS = ("/usr/local/share/jupyter", "/usr/share/jupyter")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proxy_command():
    local = gk.REPO / ".gendl" / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy")


def missing():
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        return "no jupyterhub in this Python"
    if not proxy_command():
        return "no configurable-http-proxy (npm install configurable-http-proxy)"
    if not any(Path(d, "kernels", "gendl", "kernel.json").exists() for d in SYSTEM_DIRS):
        return "no system-wide gendl kernel spec (./install.sh --system)"
    return ""


REQUIRED = os.environ.get("GENDL_HUB_REQUIRED", "") not in ("", "0")


def request(url, method="GET", token=None, body=None, opener=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if token:
        req.add_header("Authorization", f"token {token}")
    with (opener or urllib.request.build_opener()).open(req, timeout=30) as r:
        text = r.read().decode()
        return r.status, (json.loads(text) if text.startswith(("{", "[")) else text)


async def run_cell(ws_url, token, code):
    """Runs code in a kernel through the server's websocket; returns the
    execute_reply status and the stdout text. Bounded by CELL_WAIT."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    req = HTTPRequest(ws_url, headers={"Authorization": f"token {token}"})
    conn = await asyncio.wait_for(websocket_connect(req), WAIT)
    msg_id = uuid.uuid4().hex
    conn.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex,
                   "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell",
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    status, out, idle = None, "", False
    deadline = time.monotonic() + CELL_WAIT
    while (status is None or not idle) and time.monotonic() < deadline:
        raw = await asyncio.wait_for(conn.read_message(), max(1, deadline - time.monotonic()))
        if raw is None:
            break
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_reply":
            status = msg["content"]["status"]
        elif msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            out += msg["content"]["text"]
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    conn.close()
    return status, out


@unittest.skipIf(missing() and not REQUIRED, missing())
class JupyterHubTest(unittest.TestCase):
    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="gendl-hub-"))
        self.port, self.token = free_port(), secrets.token_hex(32)
        root = os.geteuid() == 0
        config = f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.JupyterHub.db_url = "sqlite:///{self.tmp}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{self.tmp}/cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "gendl-test"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{self.tmp}/home/{{username}}"
c.Spawner.cmd = [{str(Path(sys.executable).parent / "jupyterhub-singleuser")!r}]
c.Spawner.args = {["--allow-root"] if root else []!r}
c.Spawner.start_timeout = {WAIT}
c.Spawner.http_timeout = {WAIT}
c.JupyterHub.services = [{{"name": "gendl-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "gendl-test", "services": ["gendl-test"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"]}}]
"""
        (self.tmp / "jupyterhub_config.py").write_text(config)
        self.log = open(self.tmp / "hub.log", "w")
        env = dict(os.environ)
        env.pop("JUPYTER_PATH", None)  # only system-wide specs for the users
        self.hub = subprocess.Popen(
            [str(Path(sys.executable).parent / "jupyterhub"), "-f", str(self.tmp / "jupyterhub_config.py")],
            cwd=self.tmp, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + WAIT
        while True:
            try:
                request(f"{self.base}/hub/api/")
                break
            except OSError:
                if self.hub.poll() is not None or time.time() > deadline:
                    self.fail(f"the hub did not start; log: {(self.tmp / 'hub.log').read_text()[-3000:]}")
                time.sleep(0.5)

    def tearDown(self):
        self.hub.terminate()
        try:
            self.hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.hub.kill()
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def login(self, user):
        """Logs user in through the hub's login form, as a browser would."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        request(f"{self.base}/hub/login", opener=opener)
        xsrf = next((c.value for c in jar if c.name == "_xsrf"), "")
        form = urllib.parse.urlencode({"username": user, "password": "gendl-test", "_xsrf": xsrf}).encode()
        request(f"{self.base}/hub/login?next=", method="POST", body=form, opener=opener,
                headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertTrue(any(c.name.startswith("jupyterhub-hub-login") for c in jar), f"{user} was not logged in")

    def start_server(self, user):
        request(f"{self.base}/hub/api/users/{user}/server", method="POST", token=self.token, body={})
        deadline = time.time() + WAIT
        while time.time() < deadline:
            _, info = request(f"{self.base}/hub/api/users/{user}", token=self.token)
            if info.get("servers", {}).get("", {}).get("ready"):
                break
            time.sleep(1)
        else:
            self.fail(f"{user}'s server not ready after {WAIT}s")
        _, tok = request(f"{self.base}/hub/api/users/{user}/tokens", method="POST", token=self.token,
                         body={"note": "gendl test", "expires_in": 600})
        return tok["token"]

    def test_two_users_run_gendl_cells(self):
        # The users' servers see no JUPYTER_PATH and a HOME of their own, so
        # a gendl spec they list comes from a system directory, unless the
        # hub's own Python prefix has one.
        self.assertFalse(Path(sys.prefix, "share", "jupyter", "kernels", "gendl").exists(),
                         "a gendl spec in the hub's Python prefix would hide whether --system worked")
        for user in ("alice", "bob"):
            with self.subTest(user=user):
                self.login(user)
                token = self.start_server(user)
                api = f"{self.base}/user/{user}/api"
                _, specs = request(f"{api}/kernelspecs", token=token)
                self.assertIn("gendl", specs["kernelspecs"])
                self.assertTrue(specs["kernelspecs"]["gendl"]["resources"], "no resources for the gendl spec")
                _, kernel = request(f"{api}/kernels", method="POST", token=token, body={"name": "gendl"})
                ws = f"ws://127.0.0.1:{self.port}/user/{user}/api/kernels/{kernel['id']}/channels"
                status, out = asyncio.run(run_cell(ws, token, '%%\nfmt.Println("hello from", os.Getenv("HOME"))'))
                self.assertEqual(status, "ok")
                self.assertEqual(out, f"hello from {self.tmp}/home/{user}\n")
                request(f"{api}/kernels/{kernel['id']}", method="DELETE", token=token)


if __name__ == "__main__":
    unittest.main()
