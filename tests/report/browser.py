"""tests/report/browser.py — one headless chromium for many pages, driven over the DevTools protocol.

    with Chromium(scratch) as b:
        tab = b.open("file:///.../sales.html")   # waits for the load event
        tab.visit("file:///.../finance.html")    # the next page in the same tab
        tab.eval("document.title")               # a JSON value
        tab.click_and_wait("...js that clicks a link...")   # the next page's load
        tab.problems                             # console messages, script errors, CSP reports
        path = tab.download("...js that clicks Download CSV...")
        tab.close()

One browser start (about 1 s of CPU) serves every page of a test
(--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4); each
page is a tab.  A tab's problems are what the protocol reports for it:
Runtime.consoleAPICalled (any console call), Runtime.exceptionThrown and
Log.entryAdded at level error or warning (a CSP violation, a failed
resource).  Without chromium, CHROMIUM is None and the tests SKIP.
"""
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(Exception):
    pass


class Chromium:
    def __init__(self, scratch, width=1400, height=1000, timeout=60):
        self.prof = tempfile.mkdtemp(dir=scratch, prefix="chromium-")
        self.downloads = os.path.join(self.prof, "downloads")
        os.makedirs(self.downloads)
        self.timeout = timeout
        self.width, self.height = width, height
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()

        def fds():
            a, b = os.dup(to_r), os.dup(from_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.log = open(os.path.join(self.prof, "stderr.log"), "w")
        self.p = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + self.prof,
             "--window-size=%d,%d" % (width, height), "--hide-scrollbars", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log, preexec_fn=fds, close_fds=False,
            env={k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")})
        os.close(to_r)
        os.close(from_w)
        self.w, self.r = to_w, from_r
        self.buf, self.id = b"", 0
        self.events = []        # messages not yet consumed
        self.call("Browser.setDownloadBehavior", {"behavior": "allowAndName", "downloadPath": self.downloads,
                                                  "eventsEnabled": True})

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- protocol
    def send(self, method, params=None, session=None):
        self.id += 1
        m = {"id": self.id, "method": method, "params": params or {}}
        if session:
            m["sessionId"] = session
        os.write(self.w, json.dumps(m).encode() + b"\0")
        return self.id

    def recv(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.r], [], [], left)[0]:
                raise BrowserError("chromium did not answer in time")
            d = os.read(self.r, 1 << 20)
            if not d:
                raise BrowserError("chromium closed the pipe")
            self.buf += d
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        i = self.send(method, params, session)
        deadline = time.time() + self.timeout
        while True:
            m = self.recv(deadline)
            if m.get("id") == i:
                if "error" in m:
                    raise BrowserError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, pred, timeout=None):
        """The first message (already received or coming) for which pred is true."""
        deadline = time.time() + (timeout or self.timeout)
        while True:
            for k, m in enumerate(self.events):
                if pred(m):
                    del self.events[k]
                    return m
            self.events.append(self.recv(deadline))

    def open(self, url):
        tid = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = self.call("Target.attachToTarget", {"targetId": tid, "flatten": True})["sessionId"]
        tab = Tab(self, tid, sid)
        for dom in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.call(dom, session=sid)
        self.call("Emulation.setDeviceMetricsOverride", {"width": self.width, "height": self.height,
                                                         "deviceScaleFactor": 1, "mobile": False}, sid)
        tab.navigate(url)
        return tab

    def close(self):
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            self.p.kill()
        try:
            self.p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
        for fd in (self.w, self.r):
            try:
                os.close(fd)
            except OSError:
                pass
        self.log.close()
        shutil.rmtree(self.prof, ignore_errors=True)


class Tab:
    def __init__(self, browser, tid, sid):
        self.b, self.tid, self.sid = browser, tid, sid
        self._problems = []

    def _collect(self):
        keep = []
        for m in self.b.events:
            if m.get("sessionId") != self.sid:
                keep.append(m)
                continue
            meth, p = m.get("method"), m.get("params", {})
            if meth == "Runtime.consoleAPICalled":
                self._problems.append("console.%s: %s" % (p.get("type"), " ".join(
                    str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
            elif meth == "Runtime.exceptionThrown":
                self._problems.append("exception: %s" % p.get("exceptionDetails", {}).get("exception", {}).get(
                    "description", p.get("exceptionDetails", {}).get("text")))
            elif meth == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                e = p["entry"]
                self._problems.append("log %s (%s): %s %s" % (e.get("level"), e.get("source"), e.get("text"), e.get("url", "")))
            else:
                keep.append(m)
        self.b.events = keep

    @property
    def problems(self):
        self._collect()
        return list(self._problems)

    def navigate(self, url):
        self.b.call("Page.navigate", {"url": url}, self.sid)
        self.wait_load()

    def visit(self, url):
        """Go to url in this tab (cheaper than a new tab), its problems counted afresh."""
        self._collect()
        self._problems = []
        self.navigate(url)

    def wait_load(self):
        self.b.wait_event(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == self.sid)

    def eval(self, expr, await_promise=False):
        r = self.b.call("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": await_promise},
                        self.sid)
        if "exceptionDetails" in r:
            raise BrowserError("eval %s: %s" % (expr[:80], r["exceptionDetails"].get("text")))
        return r.get("result", {}).get("value")

    def click_and_wait(self, expr):
        """Run expr (which navigates) and wait for the next page's load."""
        self.eval(expr)
        self.wait_load()

    def download(self, expr, timeout=30):
        """Run expr (which starts a download) and return the path of the finished file."""
        self.eval(expr)
        begin = self.b.wait_event(lambda m: m.get("method") == "Browser.downloadWillBegin", timeout)
        guid = begin["params"]["guid"]
        self.b.wait_event(lambda m: m.get("method") == "Browser.downloadProgress" and
                          m["params"].get("guid") == guid and m["params"].get("state") in ("completed", "canceled"), timeout)
        path = os.path.join(self.b.downloads, guid)
        return path if os.path.exists(path) else None

    def screenshot(self, path, y=0, height=None, width=None):
        """A PNG of the page from y down (the whole page's width), for docs/ and for looking."""
        import base64
        size = self.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        clip = {"x": 0, "y": y, "width": width or size[0], "height": height or (size[1] - y), "scale": 1}
        data = self.b.call("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True},
                           self.sid)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        self._collect()
        self.b.call("Target.closeTarget", {"targetId": self.tid})
