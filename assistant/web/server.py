"""`main.py --web`: fit the startup data, print the URL, serve until Ctrl-C (then delete the session files)."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def serve(args, data, claude=None, audit: Path | None = None) -> int:
    """Run the web app on `data` (the CLI's DataOptions) with the CLI's other flags (`args`); errors in
    the data stop it before it listens. `claude` is the router's client or None; `audit` the audit file."""
    from assistant.web.app import WebConfig, create_app

    config = WebConfig(data=data, outputs=Path(args.outputs), margin=args.margin, charts=not args.no_charts,
                       offline=args.offline, claude=claude, audit=audit)
    app = create_app(config)
    try:
        return _serve(app, args)
    finally:
        app.state.web.close()              # also when the data is refused: no chart worker outlives the server


def _serve(app, args) -> int:
    import uvicorn

    print("Loading data and fitting the model…", file=sys.stderr)
    app.state.web.default_model()          # a bad --csv is reported here as one `error:` line, exit 2
    if args.host not in LOCAL_HOSTS:
        print(f"warning: listening on {args.host}: anyone who can reach this machine on port {args.port} can ask "
              "questions and upload files — there is no login. Use --host 127.0.0.1 to keep it private.",
              file=sys.stderr)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"MMM assistant at http://{shown}:{args.port}/  (API docs at /docs; Ctrl-C stops it)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


@contextmanager
def background_server(app, host: str = "127.0.0.1", timeout: float = 600.0):
    """Serve `app` from a thread on a free port of `host` (tests, benchmarks); yields the base URL and
    always shuts the server down, also when the body raises."""
    import threading
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=0, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="mmm-web", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
