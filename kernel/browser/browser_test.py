#!/usr/bin/env python3
"""Browser test: a real JupyterLab in headless Chromium runs 00-welcome.

Starts JupyterLab on a free loopback port with a random token, serving a copy
of notebooks/00-welcome.ipynb with its outputs cleared, opens it in Debian's
chromium (driven by Playwright's Python client; Playwright's own browser
download is never used), runs all cells through the Run menu with the
"Go (gendl)" kernel, and asserts that

* a PNG <img> rendered (it has a natural width), produced by this run;
* the CHECK lines of the notebook appeared;
* no cell shows an error (GoNB's error display, or an error/stderr output).

It saves screenshots to $TMPDIR/gendl-browser/ (welcome.png: the page with
the plot; plot.png: the image element alone) and prints their paths. With no
chromium (or no playwright) it says so and exits 0 with "SKIP"; set
GENDL_BROWSER_REQUIRED=1 to make that a failure. Usage:

  .gendl/venv/bin/python kernel/browser/browser_test.py
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "00-welcome.ipynb"


def skip(why):
    if os.environ.get("GENDL_BROWSER_REQUIRED", "") not in ("", "0"):
        sys.exit(f"browser test: FAIL: {why}")
    print(f"browser test: SKIP: {why}")
    sys.exit(0)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_chromium():
    for c in [os.environ.get("CHROMIUM", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if c and os.access(c, os.X_OK):
            return c
    return shutil.which("chromium")


def cleared_copy(dst_dir):
    nb = json.loads(NOTEBOOK.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    dst = Path(dst_dir) / NOTEBOOK.name
    dst.write_text(json.dumps(nb, indent=1))
    return dst


def wait_server(url, proc, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"jupyter lab did not answer {url} within {timeout}s")


def wait_kernels_idle(base, token, page, timeout=120):
    """Waits until the server has a gendl kernel and all kernels are idle
    (asked through Jupyter's REST API, not the page)."""
    deadline = time.time() + timeout
    kernels, errors = [], []
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/api/kernels?token={token}", timeout=5) as r:
                kernels = json.load(r)
        except urllib.error.HTTPError as e:
            # Jupyter Server answers 500 while a kernel is still starting
            # (its last_activity not yet set: a KeyError in the listing);
            # the next poll sees the kernel.
            errors.append(e.code)
            page.wait_for_timeout(250)
            continue
        if any(k["name"] == "gendl" for k in kernels) and all(k["execution_state"] == "idle" for k in kernels):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"kernels not idle after {timeout}s: {kernels} (HTTP errors while polling: {errors[-5:]})")


def main():
    chromium = find_chromium()
    if not chromium:
        skip("no chromium found (Debian: apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip("no playwright in this Python (pip install -r kernel/python/requirements-test.txt)")
    jupyter = Path(sys.executable).parent / "jupyter"
    if not jupyter.exists():
        jupyter = shutil.which("jupyter")
    out_dir = Path(os.environ.get("TMPDIR", "/tmp")) / "gendl-browser"
    out_dir.mkdir(parents=True, exist_ok=True)

    work = Path(tempfile.mkdtemp(prefix="gendl-browser-"))
    state = Path(tempfile.mkdtemp(prefix="gendl-browser-lab-"))  # outside the file browser's root
    nb_path = cleared_copy(work)
    port, token = free_port(), secrets.token_hex(16)
    log = open(out_dir / "jupyter.log", "w")
    root_flag = ["--allow-root"] if os.geteuid() == 0 else []  # CI runs as root
    # A private workspace and settings dir: a layout saved by another
    # JupyterLab session (an open console, say) must not be restored here.
    lab_env = dict(os.environ,
                   JUPYTERLAB_WORKSPACES_DIR=str(work / ".lab-workspaces"),
                   JUPYTERLAB_SETTINGS_DIR=str(work / ".lab-settings"))
    server = subprocess.Popen(
        [str(jupyter), "lab", *root_flag, "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={work}",
         "--ServerApp.port_retries=0", "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         # a saved workspace (e.g. an open console from an earlier session)
         # would be restored and could steal the kernel dialog: start clean
         f"--LabApp.workspaces_dir={state / 'workspaces'}", f"--LabApp.user_settings_dir={state / 'settings'}"],
        stdout=log, stderr=subprocess.STDOUT, cwd=work, env=lab_env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_server(f"{base}/api/status?token={token}", server)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"{base}/lab/tree/{nb_path.name}?reset&token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
            # The kernel named in the notebook's metadata starts by itself;
            # wait until JupyterLab shows it idle in the toolbar.
            try:
                page.wait_for_function(
                    "() => (document.querySelector('.jp-NotebookPanel .jp-KernelName')?.textContent || '').includes('gendl')",
                    timeout=90_000)
            except Exception:
                page.screenshot(path=str(out_dir / "failure.png"))
                raise AssertionError("the notebook did not get the Go (gendl) kernel; kernel name shown: "
                                     f"{page.inner_text('.jp-NotebookPanel .jp-KernelName')!r} (see {out_dir / 'failure.png'})")
            kernel_name = page.inner_text(".jp-NotebookPanel .jp-KernelName").strip()
            wait_kernels_idle(base, token, page)
            page.click(".lm-MenuBar-itemLabel:text-is('Run')")
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
            img = page.wait_for_selector(".jp-OutputArea-output img", timeout=180_000)
            # Let the remaining cells finish: no "[*]" prompts, kernel idle.
            page.wait_for_function(
                "() => ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))",
                timeout=180_000)
            wait_kernels_idle(base, token, page)
            width = img.evaluate("i => i.complete ? i.naturalWidth : 0")
            src = img.get_attribute("src") or ""
            text = page.inner_text(".jp-Notebook")
            errors = page.query_selector_all(
                ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], .gonb-err-location, .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
            error_text = [e.inner_text()[:500] for e in errors]
            img.scroll_into_view_if_needed()
            shot = out_dir / "welcome.png"
            page.screenshot(path=str(shot))
            img.screenshot(path=str(out_dir / "plot.png"))
            browser.close()
        problems = []
        if width <= 0 or not src.startswith("data:image/png"):
            problems.append(f"the plot <img> did not render (naturalWidth {width}, src {src[:40]!r})")
        for check in ("CHECK welcome_shape_rank", "CHECK welcome_grad_at_0", "CHECK welcome_points"):
            if check not in text:
                problems.append(f"{check!r} not shown")
        if error_text:
            problems.append(f"{len(error_text)} error outputs: {error_text}")
        print(f"browser test: screenshot {shot} and {out_dir / 'plot.png'} (jupyter log {out_dir / 'jupyter.log'})")
        if problems:
            print("browser test: FAIL: " + "; ".join(problems))
            sys.exit(1)
        print(f"browser test: PASS: JupyterLab in {Path(chromium).name} ran 00-welcome with {kernel_name}, "
              f"PNG plot {width}px wide, no error output")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
