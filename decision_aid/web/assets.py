"""Static files under content-hashed names (site.3f2a9c1e.css), read, minified and hashed once at
start-up.

url_for("static", filename="site.css") gives the hashed URL, served with a one-year immutable
lifetime: a browser never asks again, and a changed file gets a new name. The plain name still
works, with a short lifetime, for anything that links it directly. Stylesheets and scripts are
served without comments and spaces (a quarter of the site's CSS weight on every first visit;
issue 14), so the files in static/ stay readable. A reverse proxy serves what
`python -m decision_aid.web.export_static DIR` writes: the same bytes as the app (deploy/README.md).
The PDF renderer reads the static folder from disk (printing/), so it is unaffected.
"""

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from pathlib import PurePosixPath

import rcssmin
import rjsmin
from flask import Response
from flask import abort
from flask import current_app
from flask import request

HASH_LENGTH = 8  # hex digits of SHA-256: enough that two versions of one file never collide
IMMUTABLE = "public, max-age=31536000, immutable"
# A plain name can change meaning with a deploy, so browsers keep it only briefly.
SHORT_LIVED = "public, max-age=600"


@dataclass(frozen=True)
class Asset:
    """One static file: its bytes, its type and its content hash."""

    body: bytes
    mimetype: str
    digest: str


class Assets:
    """Every file in the static folder, by plain and by hashed name."""

    def __init__(self, folder):
        self.by_name = {}
        self.hashed_names = {}
        self.by_hashed_name = {}
        root = Path(folder)
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            name = path.relative_to(root).as_posix()
            body = minified(name, path.read_bytes())
            digest = hashlib.sha256(body).hexdigest()[:HASH_LENGTH]
            mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            asset = Asset(body, mimetype, digest)
            self.by_name[name] = asset
            self.hashed_names[name] = hashed_name(name, digest)
            self.by_hashed_name[self.hashed_names[name]] = asset

    def write(self, folder):
        """Write every file as served, by its plain name (what a reverse proxy serves from disk)."""
        for name, asset in self.by_name.items():
            target = Path(folder) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(asset.body)


def minified(name, body):
    """A stylesheet or script without comments and spare spaces; any other file unchanged."""
    suffix = PurePosixPath(name).suffix
    if suffix == ".css":
        return rcssmin.cssmin(body)
    if suffix == ".js":
        return rjsmin.jsmin(body)
    return body


def hashed_name(name, digest):
    """site.css -> site.<digest>.css (the digest before the last suffix, or at the end)."""
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def init_app(app):
    """Hash the static files once; make url_for("static") hashed; serve both kinds of name."""
    assets = Assets(app.static_folder)
    app.extensions["assets"] = assets

    def hash_static_urls(endpoint, values):
        if endpoint == "static" and values.get("filename") in assets.hashed_names:
            values["filename"] = assets.hashed_names[values["filename"]]

    app.url_defaults(hash_static_urls)
    app.view_functions["static"] = serve_static


def serve_static(filename):
    """A static file from memory: a year for a hashed name, a short while for a plain one."""
    assets = current_app.extensions["assets"]
    asset = assets.by_hashed_name.get(filename)
    lifetime = IMMUTABLE
    if asset is None:
        asset = assets.by_name.get(filename)
        lifetime = SHORT_LIVED
    if asset is None:
        abort(404)
    # Bytes, not a file stream: Flask-Compress then compresses them whole, with a Content-Length.
    response = Response(asset.body, mimetype=asset.mimetype)
    response.headers["Cache-Control"] = lifetime
    # Weak: the same file whichever encoding it is sent in (as nginx makes it when it compresses).
    # Compression after this view leaves a weak ETag as it is, so the view's own check answers
    # If-None-Match for compressed copies too, and pages need no check of their own (compression.py).
    response.set_etag(asset.digest, weak=True)
    return response.make_conditional(request)
