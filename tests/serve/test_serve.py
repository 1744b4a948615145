"""serve() as the CLI will run it: in its own process, stopped with Ctrl+C."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.support import ROOT

from .support import config_of

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from glossary_build.serve import BuildOutcome, serve

    def builder(paths):
        return BuildOutcome({"index.html": b"<html><body>hello</body></html>"})

    serve(builder, watch_paths=[Path(sys.argv[1])], port=0, echo=lambda line: print(line, flush=True))
    print("returned", flush=True)
""")


def test_ctrl_c_stops_serve_cleanly(tmp_path: Path) -> None:
    root = ROOT
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        while not any(line.startswith("Serving on ") for line in lines):
            line = child.stdout.readline()  # type: ignore[union-attr]
            assert line, f"serve ended early: {lines} {child.stderr.read()}"  # type: ignore[union-attr]
            lines.append(line.strip())
        url = lines[-1].split()[2]
        host, port = url.removeprefix("http://").rstrip("/").rsplit(":", 1)
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        connection.request("GET", "/")
        body = connection.getresponse().read().decode()
        assert "hello" in body
        server_id = config_of(body)["server"]
        stream = http.client.HTTPConnection(host, int(port), timeout=5)
        stream.request("GET", f"/__livereload/events?since=1&page=index.html&server={server_id}")
        events = stream.getresponse()
        assert events.fp.readline() == b"retry: 1000\n"
        time.sleep(0.3)
        started = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=10)
        assert time.monotonic() - started < 5
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 0, err
    assert out.splitlines()[-2:] == ["Stopping", "returned"]
    assert "Traceback" not in err
    assert lines[0].startswith("Built in ") and lines[0].endswith(" ms, 1 files")
