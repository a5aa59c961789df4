"""tests/lib/checks.py — what the Python test scripts share.

Counter: counts checks, prints "FAIL label" (and its detail, indented) for
each failure and "SKIP what" for what did not run, and ends the script with
"N passed, N failed" (the line the layer adds up).  free_port, get and
wait_up: a local server started by a test (Datasette).  marker_library: a
shared library whose loading writes a marker file, so a test can tell
whether anything loaded it.  Standard library only.
"""
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


class Counter:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, label, *detail):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s" % label)
            for d in detail:
                for line in str(d).splitlines()[:30]:
                    print("     %s" % line)
        return ok

    def skip(self, what):
        print("SKIP %s" % what)

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(0 if self.failed == 0 else 1)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def get(url, timeout=30):
    """(status, body) of a GET; an HTTP error is a status, not an exception."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def wait_up(proc, url, tries=200):
    """True once url answers 200, False if proc ended first or it never did."""
    for _ in range(tries):
        if proc.poll() is not None:
            return False
        try:
            if get(url)[0] == 200:
                return True
        except OSError:
            time.sleep(0.1)
    return False


def marker_library(path, marker):
    """Build path (a .so) whose constructor creates the file marker; True if built."""
    src = path + ".c"
    with open(src, "w") as f:
        f.write('#include <stdio.h>\n__attribute__((constructor)) static void mark(void) {\n'
                '  FILE *f = fopen("%s", "w"); if (f) fclose(f);\n}\n'
                'int sqlite3_extension_init(void *a, void *b, void *c) { (void)a; (void)b; (void)c; return 0; }\n'
                % marker)
    return subprocess.run(["cc", "-shared", "-fPIC", "-o", path, src]).returncode == 0
