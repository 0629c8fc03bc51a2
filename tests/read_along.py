"""Drives the read-along page in a real browser, for tests/read_along.rs.

Starts Debian's chromedriver on a free port of 127.0.0.1 (stopped when this script ends), opens
PAGE from file:// in headless chromium at 1280x800 and speaks W3C WebDriver to it over plain
HTTP: seeks the audio to sentence starts taken from the timed script and reads which sentence
and word the page marks, clicks the fifth sentence, presses the page's keys, takes a
screenshot, checks for horizontal scrolling at 200% zoom, runs axe-core (WCAG 2 A and AA) in
the light and the dark colour scheme, and opens the page again from a static web server on
127.0.0.1 to seek once more. Prints one JSON document of what it found.

usage: python3 read_along.py PAGE SCRIPT_JSON AXE_JS SCREENSHOT_PNG
"""

import base64
import functools
import io
import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request

page, script_json, axe_js, screenshot = sys.argv[1:5]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


port = free_port()
driver = subprocess.Popen(
    ["chromedriver", f"--port={port}", "--allowed-ips=127.0.0.1"],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
base = f"http://127.0.0.1:{port}"


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Python's static file handler, answering `Range: bytes=A-B` with 206 as web hosts do."""

    def log_message(self, *args):
        pass

    def send_head(self):
        wanted = self.headers.get("Range", "")
        path = self.translate_path(self.path)
        if not wanted.startswith("bytes=") or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, _, last = wanted[6:].partition("-")
        start = int(first or 0)
        end = min(int(last) if last else size - 1, size - 1)
        with open(path, "rb") as f:
            f.seek(start)
            body = f.read(end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        return io.BytesIO(body)


class RangeServer(http.server.ThreadingHTTPServer):
    daemon_threads = True


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())["value"]


def run(script, *args):
    return call("POST", f"/session/{session}/execute/sync", {"script": script, "args": list(args)})


def run_async(script, *args):
    return call("POST", f"/session/{session}/execute/async", {"script": script, "args": list(args)})


def keys(*values):
    actions = []
    for v in values:
        actions += [{"type": "keyDown", "value": v}, {"type": "keyUp", "value": v}]
    call("POST", f"/session/{session}/actions",
         {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
    time.sleep(0.2)


def cdp(cmd, params):
    return call("POST", f"/session/{session}/goog/cdp/execute", {"cmd": cmd, "params": params})


MARKS = """
const now = document.querySelector('.s.now'), word = document.querySelector('.w.now');
return {sentence: now ? parseFloat(now.dataset.start) : null,
        word: word ? word.textContent : null,
        time: document.getElementById('audio').currentTime,
        rate: document.getElementById('audio').playbackRate,
        paused: document.getElementById('audio').paused,
        status: document.getElementById('status').textContent};
"""

SEEK = """
const done = arguments[arguments.length - 1], a = document.getElementById('audio');
a.addEventListener('seeked', () => setTimeout(() => done(true), 100), {once: true});
a.currentTime = arguments[0];
"""

AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
  .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.html)})), passes: r.passes.length}))
  .catch(e => done({error: String(e)}));
"""

result = {}
session = None
try:
    for _ in range(100):
        try:
            if call("GET", "/status").get("ready"):
                break
        except OSError:
            pass
        time.sleep(0.1)
    session = call("POST", "/session", {"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {"args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--mute-audio",
            "--window-size=1280,800", "--autoplay-policy=no-user-gesture-required"]},
    }}})["sessionId"]
    call("POST", f"/session/{session}/url", {"url": "file://" + page})
    for _ in range(100):
        if run("return document.getElementById('audio').readyState") >= 1:
            break
        time.sleep(0.1)
    result["duration"] = run("return document.getElementById('audio').duration")
    result["sentences"] = run("return document.querySelectorAll('.s').length")

    # Seek to a little after chosen sentences' starts (from the timed script, not the page).
    timed = json.load(open(script_json))
    starts = []
    for sentence in range(len(timed["sentences"])):
        chunks = [c for c in timed["chunks"] if c["sentence"] == sentence]
        if chunks:
            starts.append(chunks[0]["start"])
    probes = []
    for k in sorted({1, 4, len(starts) - 1}):
        t = starts[k] + 0.05
        run_async(SEEK, t)
        probes.append({"index": k, "at": t, "expected_sentence": starts[k], **run(MARKS)})
    result["probes"] = probes

    # Click the fifth sentence.
    sentences = call("POST", f"/session/{session}/elements", {"using": "css selector", "value": ".s"})
    fifth = list(sentences[4].values())[0]
    call("POST", f"/session/{session}/element/{fifth}/click", {})
    time.sleep(0.2)
    result["click"] = {"expected": starts[4], **run(MARKS)}

    # Keys: next sentence, next chapter, faster twice, slower, play, pause.
    ARROW_RIGHT = "\ue014"
    keys(ARROW_RIGHT)
    result["arrow_right"] = {"expected": starts[5], **run(MARKS)}
    run_async(SEEK, 0.05)
    keys("]")
    result["next_chapter"] = run(MARKS)
    result["chapters"] = run("return [...document.querySelectorAll('[data-chapter]')].map(b => parseFloat(b.dataset.chapter))")
    keys("+", "+", "-")
    result["rate"] = run(MARKS)
    keys(" ")
    time.sleep(0.5)
    result["after_space"] = run(MARKS)
    keys(" ")
    result["after_second_space"] = run(MARKS)

    # Screenshot with a sentence and a word marked.
    run_async(SEEK, starts[4] + 0.3)
    with open(screenshot, "wb") as out:
        out.write(base64.b64decode(call("GET", f"/session/{session}/screenshot")))

    # axe-core, light then dark, with the marks showing.
    run(open(axe_js).read() + "\nreturn true;")
    result["axe_light"] = run_async(AXE)
    cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    result["dark_background"] = run("return getComputedStyle(document.body).backgroundColor")
    result["axe_dark"] = run_async(AXE)

    # 200% zoom: a 1280 px window at twice the scale is 640 CSS px wide.
    cdp("Emulation.setDeviceMetricsOverride", {"width": 640, "height": 400, "deviceScaleFactor": 2, "mobile": False})
    time.sleep(0.2)
    result["zoomed"] = run("return {scroll: document.documentElement.scrollWidth, width: window.innerWidth}")
    cdp("Emulation.clearDeviceMetricsOverride", {})

    # The same page from a static web server on 127.0.0.1 (Python's, with the byte ranges every
    # web host serves media with, which browsers need to seek), stopped below.
    folder, name = os.path.split(page)
    web = RangeServer(("127.0.0.1", 0), functools.partial(RangeHandler, directory=folder))
    web_port = web.server_address[1]
    threading.Thread(target=web.serve_forever, daemon=True).start()
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{web_port}/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        call("POST", f"/session/{session}/url", {"url": f"http://127.0.0.1:{web_port}/{name}"})
        for _ in range(100):
            if run("return document.getElementById('audio').readyState") >= 1:
                break
            time.sleep(0.1)
        run_async(SEEK, starts[1] + 0.05)
        result["served"] = {"expected_sentence": starts[1], **run(MARKS)}
    finally:
        web.shutdown()
finally:
    if session:
        try:
            call("DELETE", f"/session/{session}")
        except OSError:
            pass
    driver.terminate()
    driver.wait(timeout=10)

print(json.dumps(result, indent=1))
