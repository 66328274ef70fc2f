"""Settings come from the environment, then `.env`; the key is never shown."""
from config.settings import DEFAULT_CLAUDE_MODEL, load_settings


def test_dotenv_supplies_what_the_environment_lacks(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("ANTHROPIC_API_KEY=sk-from-dotenv\nMMM_CLAUDE_MODEL=claude-test\n")
    s = load_settings(env_file, environ={})
    assert s.api_key == "sk-from-dotenv" and s.claude_model == "claude-test"
    assert "sk-from-dotenv" not in repr(s)


def test_environment_wins_over_dotenv(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("MMM_CLAUDE_MODEL=from-file\n")
    s = load_settings(env_file, environ={"MMM_CLAUDE_MODEL": "from-env", "MMM_HISTORY_FILE": str(tmp_path / "h")})
    assert s.claude_model == "from-env" and s.history_file == tmp_path / "h"
    assert s.api_key is None


def test_defaults_without_anything(tmp_path):
    s = load_settings(tmp_path / "missing.env", environ={})
    assert s.claude_model == DEFAULT_CLAUDE_MODEL and s.api_key is None


def test_claude_router_built_from_a_dotenv_key(tmp_path, monkeypatch):
    from router.claude import ClaudeRouter, claude_from_env

    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("ANTHROPIC_API_KEY=sk-only-in-dotenv\n")
    router = claude_from_env(env_file)
    assert isinstance(router, ClaudeRouter)
    assert claude_from_env(tmp_path / "none.env") is None
