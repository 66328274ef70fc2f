"""The FastAPI app: the page, its fragments and the JSON API over shared models and private sessions.

Routes: `/` (page), `POST /ask` (an answer as an HTML fragment), `POST /api/ask`, `POST /api/upload`,
`POST /api/reset`, `GET /api/report`, `GET /api/health`, `GET /files/<folder>/<file>` (the session's
own charts and packs only) and `/docs`. Blocking work (answers, fits, packs) runs in the threadpool,
never on the event loop. No response ever carries a traceback.
"""
from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from swagger_ui_bundle import swagger_ui_path

from analysis.errors import MMMError
from assistant.session import DataOptions, load_dataset
from assistant.web import adapter, views
from assistant.web.chart_memo import ChartJob, ChartMemo
from assistant.web.chart_worker import ChartInputs, Drawer, ProcessDrawer, ThreadDrawer
from assistant.web.group_audit import GroupAudit
from assistant.web.models import ModelCache, SharedModel
from assistant.web.sessions import SessionStore, WebSession
from assistant.web.uploads import (
    MAX_UPLOAD_BYTES,
    TOO_BIG_FIX,
    UploadError,
    UploadForm,
    display_name,
    refusal,
    save_upload,
    size_limit,
)

HERE = Path(__file__).parent
COOKIE = "mmm_session"
MAX_QUESTION_CHARS = 2000
MAX_JSON_BYTES = 64 * 1024
STORY_CHART_SECONDS = 120   # a standard chart the worker has not drawn by then is left to be drawn on fetch
_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.(png|zip)$")
_FOLDER_NAME = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class WebConfig:
    """Server settings: the startup data (as the CLI's flags), where outputs go, and the limits."""

    data: DataOptions = field(default_factory=DataOptions)
    outputs: Path = Path("outputs")
    margin: float | None = None
    charts: bool = True
    offline: bool = False
    claude: object | None = None          # router.claude.ClaudeRouter: its key never leaves the server
    audit: Path | None = None              # the audit trail (one JSON line per answer), or None
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    session_ttl_seconds: float = 3600.0
    max_sessions: int = 500
    chart_processes: int = 1               # charts drawn in a worker process; 0: in a thread of the server


class AskBody(BaseModel):
    question: str
    session: str | None = None


class SessionBody(BaseModel):
    session: str | None = None


class WebState:
    """Everything the routes share; each part is thread-safe."""

    def __init__(self, config: WebConfig):
        self.config = config
        self.root = Path(config.outputs) / "web" / f"run-{secrets.token_hex(6)}"
        self.models = ModelCache()
        self.sessions = SessionStore(self.root, config.session_ttl_seconds, config.max_sessions)
        self.drawer: Drawer = ProcessDrawer() if config.chart_processes > 0 else ThreadDrawer()
        self.memo = ChartMemo(self.root / "charts", self.drawer)
        self._default: SharedModel | None = None
        self._lock = threading.Lock()
        self._lock_charts = threading.Lock()
        self._charted: set[str] = set()
        self.audit = GroupAudit(config.audit) if config.audit is not None else None   # one fsync per group

    def default_model(self) -> SharedModel:
        """The startup data's model (fitted on first call; blocking)."""
        with self._lock:
            if self._default is None:
                if self.config.charts and isinstance(self.drawer, ProcessDrawer):
                    self.drawer.start()             # the worker warms up while the model is fitted
                data = self.config.data
                if data.csv and not Path(data.csv).is_file():
                    load_dataset(data)              # the loader's one-line error (not found, a directory …)
                content = Path(data.csv).read_bytes() if data.csv else None
                self._default = self.prepared(self.models.get(data, content))
                _import_answerers()
            return self._default

    def prepared(self, model: SharedModel) -> SharedModel:
        """Draw the model's standard charts (ROI, decomposition, curves, trend) into the memo once, so
        the first visitors do not queue behind them (blocking; idempotent)."""
        with self._lock_charts:
            if model.key in self._charted or not self.config.charts:
                return model
            from assistant.charts.requests import STORY_CHARTS

            inputs = ChartInputs.of(model.template)
            drawing = [self.memo.draw_later(ChartJob(key, inputs)) for key in STORY_CHARTS]
            for future in drawing:
                with contextlib.suppress(Exception):    # a chart that cannot be drawn (or hangs) is a missing picture
                    future.result(timeout=STORY_CHART_SECONDS)
            self._charted.add(model.key)
            return model

    def settings(self, margin: float | None = None, data_file: Path | None = None) -> dict:
        """Session settings: charts are drawn by the adapter through the memo, not by the session."""
        c = self.config
        offline = c.offline or c.claude is None
        return {"charts": False, "margin": c.margin if margin is None else margin, "offline": offline,
                "claude": None if offline else c.claude, "audit": self.audit,
                "data_file": str(data_file) if data_file else c.data.csv}

    @property
    def chart_memo(self) -> ChartMemo | None:
        return self.memo if self.config.charts else None

    def new_session(self) -> WebSession:
        return self.sessions.create(self.default_model(), **self.settings())

    def close(self) -> None:
        self.sessions.close()
        self.drawer.close()
        self.memo.clear()
        shutil.rmtree(self.root, ignore_errors=True)
        try:
            self.root.parent.rmdir()            # outputs/web/, when no other server uses it
        except OSError:
            pass


def _import_answerers() -> None:
    """Import the answer and JSON modules before the first visitor: fifty first questions arriving
    together would otherwise all wait on Python's import lock for the same modules."""
    import assistant.answers.dispatch  # noqa: F401
    import assistant.app.json_view  # noqa: F401


class _Refused(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


def create_app(config: WebConfig | None = None) -> FastAPI:
    """The app for `config`; the startup model is fitted when the app starts (lifespan)."""
    state = WebState(config or WebConfig())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        await run_in_threadpool(state.default_model)
        try:
            yield
        finally:
            state.close()

    app = FastAPI(title="MMM assistant", version="1", lifespan=lifespan, docs_url=None,
                  description="Ask plain-English questions about your marketing mix; the same answers as "
                              "`main.py --json`.")
    app.state.web = state
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # Swagger UI from the swagger-ui-bundle package, not FastAPI's default CDN: /docs works offline.
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="MMM assistant — API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")

    _error_handlers(app)
    _limit_bodies(app, state)

    def resolve(request: Request, explicit: str | None) -> tuple[WebSession, bool]:
        """(session, created): the named session, else the browser's cookie session, else a new one."""
        if explicit is not None:
            web = state.sessions.get(explicit)
            if web is None:
                raise _Refused(404, "unknown or expired session — leave `session` out to start a new one")
            return web, False
        web = state.sessions.get(request.cookies.get(COOKIE))
        if web is not None:
            return web, False
        return state.new_session(), True

    def with_cookie(response: Response, web: WebSession, created: bool) -> Response:
        if created:
            response.set_cookie(COOKIE, web.id, httponly=True, samesite="strict", max_age=int(state.config.session_ttl_seconds))
        return response

    def answer(web: WebSession, question: str):
        if len(question) > MAX_QUESTION_CHARS:
            raise _Refused(422, f"the question is {len(question):,} characters; the limit is "
                                f"{MAX_QUESTION_CHARS:,} — ask one thing in a sentence or two")
        with web.lock:
            if adapter.is_reset(question):   # typed `reset`, as the README and the CLI have it
                adapter.reset(web.session)
                web.transcript.clear()
                return adapter.reset_reply(question)
            reply = adapter.ask(web.session, question, web.next_serial(), state.chart_memo)
            web.remember(reply)
        return reply

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request):
        web, created = resolve(request, None)
        with web.lock:
            context = {"welcome": views.welcome(web), "transcript": list(web.transcript),
                       "chart_url": lambda p: views.chart_url(web, p), "max_question": MAX_QUESTION_CHARS,
                       "max_upload": size_limit(state.config.max_upload_bytes)}
        response = templates.TemplateResponse(request, "index.html", context)
        response.headers["Cache-Control"] = "no-store"
        return with_cookie(response, web, created)

    @app.post("/ask", response_class=HTMLResponse, include_in_schema=False)
    def ask_fragment(request: Request, question: Annotated[str, Form()] = ""):
        web, created = resolve(request, None)
        reply = answer(web, question)
        response = templates.TemplateResponse(request, "_answer.html",
                                              {"reply": reply, "chart_url": lambda p: views.chart_url(web, p)})
        return with_cookie(response, web, created)

    @app.post("/api/ask", summary="Answer one question", response_description="The `--json` object plus `session`")
    def api_ask(request: Request, body: AskBody) -> Response:
        """Exactly the object `main.py --json` prints for the question, plus the session id to pass
        back for follow-ups ("and radio?")."""
        if not body.question.strip():   # as `main.py --ask ""` refuses it (this answered 200 with the help page)
            raise _Refused(422, 'the question is empty — send one, e.g. {"question": "What is the ROI of TV?"}')
        web, created = resolve(request, body.session)
        reply = answer(web, body.question)
        return with_cookie(JSONResponse({**reply.json, "session": web.id}), web, created)

    @app.post("/api/upload", summary="Upload a weekly CSV and refit for this session")
    async def api_upload(request: Request, file: Annotated[UploadFile, File()],
                         session: Annotated[str | None, Form()] = None, date: Annotated[str | None, Form()] = None,
                         target: Annotated[str | None, Form()] = None, spend: Annotated[str | None, Form()] = None,
                         controls: Annotated[str | None, Form()] = None,
                         dayfirst: Annotated[str | None, Form()] = None, geo: Annotated[str | None, Form()] = None,
                         margin: Annotated[str | None, Form()] = None,
                         geo_col: Annotated[str | None, Form()] = None,
                         revenue_per_kpi: Annotated[str | None, Form()] = None) -> Response:
        """The dataset summary, or the CLI's one-line error as 400/413/415/422 `{"error": …}`.
        Options are the CLI's: spend and controls are comma-separated column names."""
        web, created = await run_in_threadpool(resolve, request, session)
        form = UploadForm(date, target, spend, controls, dayfirst, geo, margin, geo_col, revenue_per_kpi)
        try:
            chosen_margin = form.margin_value()
            shown = display_name(file.filename)
            stored, content = await save_upload(file, web.folder, state.config.max_upload_bytes)
            options = form.data_options(stored)
            try:
                model = await run_in_threadpool(lambda: state.prepared(state.models.get(options, content, shown)))
            except MMMError as exc:
                stored.unlink(missing_ok=True)
                raise refusal(exc, stored, shown) from None
        except UploadError as exc:
            return with_cookie(JSONResponse({"error": str(exc)}, status_code=exc.status), web, created)
        old = web.upload
        await run_in_threadpool(state.sessions.replace_model, web, model,
                                 **state.settings(chosen_margin, stored))
        web.upload, web.upload_name = stored, shown
        if old is not None and old != stored:
            old.unlink(missing_ok=True)
        return with_cookie(JSONResponse({"dataset": views.summary(web), "session": web.id}), web, created)

    @app.post("/api/reset", summary="Forget the conversation (the data and model stay)")
    def api_reset(request: Request, body: SessionBody | None = None) -> Response:
        web, created = resolve(request, body.session if body else None)
        with web.lock:
            adapter.reset(web.session)
            web.transcript.clear()
        return with_cookie(JSONResponse({"reset": True, "session": web.id}), web, created)

    @app.get("/api/report", summary="Build the board pack and download it as a zip",
             response_class=FileResponse)
    def api_report(request: Request, session: str | None = None):
        web, created = resolve(request, session)
        from assistant.answers.report import write_report

        with web.lock:
            folder = write_report(web.session)
            archive = Path(shutil.make_archive(str(folder), "zip", root_dir=folder.parent, base_dir=folder.name))
            shutil.rmtree(folder, ignore_errors=True)
        response = FileResponse(archive, media_type="application/zip", filename=f"board-pack-{folder.name}.zip")
        return with_cookie(response, web, created)

    @app.get("/api/health", summary="Liveness and load")
    def api_health() -> dict:
        return {"status": "ok", "sessions": len(state.sessions), "models": len(state.models),
                "charts_drawn": state.memo.misses, "charts_reused": state.memo.hits}

    @app.get("/files/{path:path}", include_in_schema=False)
    async def files(request: Request, path: str, session: str | None = None):
        """A chart or pack from the requesting session's own folder; anything else is 404. Async: a
        chart drawn on its first fetch is awaited (drawn by the chart worker) without holding a thread."""
        parts = path.split("/")
        web = state.sessions.get(session) if session else state.sessions.get(request.cookies.get(COOKIE))
        if (web is None or len(parts) != 2 or not _FOLDER_NAME.match(parts[0]) or not _FILE_NAME.match(parts[1])
                or parts[0] != web.folder.name):
            raise HTTPException(404, "not found")
        target = web.folder / parts[1]
        if not target.is_file():
            await state.memo.realise(target)     # a chart the answer promised is drawn on its first fetch
        if not target.is_file() or target.resolve().parent != web.folder.resolve():   # no symlink out
            raise HTTPException(404, "not found")
        headers = {"Cache-Control": "private, max-age=3600"}
        if target.suffix == ".png":              # a chart (~50-100 KB): sent from memory, no file threads
            return Response(target.read_bytes(), media_type="image/png", headers=headers)
        return FileResponse(target, headers=headers)

    return app


def _error_handlers(app: FastAPI) -> None:
    """Every error is `{"error": one line}`: never a traceback, never framework internals."""

    @app.exception_handler(_Refused)
    async def refused(request: Request, exc: _Refused):
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        if any(e.get("type") == "json_invalid" for e in exc.errors()):   # it read "bad request — 1: JSON decode error"
            return JSONResponse({"error": 'bad request — the body is not valid JSON: send an object such as '
                                          '{"question": "What is the ROI of TV?"}'}, status_code=422)
        problems = []
        for e in exc.errors()[:3]:
            where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"
            problems.append(f"{where}: {e.get('msg', 'invalid')}")
        return JSONResponse({"error": "bad request — " + "; ".join(problems)}, status_code=422)

    @app.exception_handler(MMMError)
    async def mmm_error(request: Request, exc: MMMError):
        return JSONResponse({"error": " ".join(str(exc).split())}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        return JSONResponse({"error": f"internal error ({type(exc).__name__}) — try again or rephrase"},
                            status_code=500)


def _limit_bodies(app: FastAPI, state: WebState) -> None:
    """Refuse oversized bodies from their Content-Length before reading them (413)."""

    @app.middleware("http")
    async def limit(request: Request, call_next):
        declared = request.headers.get("content-length")
        upload = request.url.path == "/api/upload"
        most = state.config.max_upload_bytes + 64 * 1024 if upload else MAX_JSON_BYTES
        if declared and declared.isdigit() and int(declared) > most:
            what = (f"the upload is larger than the {size_limit(state.config.max_upload_bytes)} limit — {TOO_BIG_FIX}"
                    if upload else f"the request body is larger than {MAX_JSON_BYTES // 1024} KB — send one question "
                                   "per request")
            return JSONResponse({"error": what}, status_code=413)
        return await call_next(request)
