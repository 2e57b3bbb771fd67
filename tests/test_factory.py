"""The app factory: configuration, the secret key, and refusing unsafe settings."""

import importlib
import stat
import sys

import pytest
from flask import Flask

from decision_aid import create_app
from decision_aid import settings as config


def test_testing_config_is_applied(app):
    assert app.testing
    assert not create_app({"SECRET_KEY": "x" * 40}).testing


def test_secret_key_is_generated_once_and_private(tmp_path):
    first = config.instance_secret_key(tmp_path)
    second = config.instance_secret_key(tmp_path)
    assert first == second
    assert len(first) >= config.MIN_SECRET_LENGTH
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_app_without_configured_secret_uses_instance_file(monkeypatch, tmp_path):
    # Flask finds the instance folder itself (create_app takes no instance_path): point it at
    # tmp_path, so the generated key is never written into the checkout.
    instance = tmp_path / "instance"
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(instance))
    app = create_app()
    assert app.instance_path == str(instance)
    # The factory keeps the generated key in the app's instance folder.
    assert app.secret_key == (instance / "secret_key").read_text(encoding="ascii").strip()
    assert create_app().secret_key == app.secret_key


@pytest.mark.parametrize("secret", ["dev", "changeme", "SECRET", "short-but-not-known"])
def test_known_or_short_secret_is_refused(secret):
    with pytest.raises(config.ConfigError):
        create_app({"SECRET_KEY": secret})


def test_secret_key_from_environment(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "e" * 48)
    assert create_app().secret_key == "e" * 48


def test_settings_come_from_flask_environment_variables(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "e" * 48)
    monkeypatch.setenv("FLASK_SESSION_COOKIE_SECURE", "false")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is False
    # A non-Secure cookie cannot carry the __Host- prefix, or browsers would drop the answers.
    assert app.config["SESSION_COOKIE_NAME"] == "session"


def test_wsgi_refuses_debug_mode(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "e" * 48)
    monkeypatch.setenv("FLASK_DEBUG", "true")
    sys.modules.pop("wsgi", None)
    with pytest.raises(RuntimeError, match="Debug mode"):
        importlib.import_module("wsgi")
    sys.modules.pop("wsgi", None)


def test_wsgi_app_runs_without_debug(monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "e" * 48)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    sys.modules.pop("wsgi", None)
    wsgi = importlib.import_module("wsgi")
    sys.modules.pop("wsgi", None)
    assert wsgi.app.debug is False
    assert wsgi.app.test_client().get("/console").status_code == 404


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
