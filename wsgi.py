"""The WSGI entry point for gunicorn: `gunicorn -c gunicorn.conf.py wsgi:app`."""

from decision_aid import create_app

app = create_app()

# The Werkzeug debugger runs any code it is sent; it must never be on behind gunicorn.
if app.debug:
    raise RuntimeError("Debug mode is on (FLASK_DEBUG); it must never be used with gunicorn.")
