"""The public address of the aid, for every link that leaves the server: the hand-off link, the
QR codes and the links inside PDFs.

A printed or shared link must point at the real service, whatever the request's Host header says
(a forged header would otherwise put an attacker's address on paper: Host header poisoning), so
links come from PUBLIC_BASE_URL. Without it, only a request to this machine itself (make run on
localhost) gets links, built from its own address; anywhere else no link or QR code is made.
"""

import ipaddress
import logging

from flask import current_app
from flask import request
from flask import url_for

logger = logging.getLogger(__name__)

LOCAL_NAMES = {"localhost", "localhost.localdomain"}
_warned = False


def init_app(app):
    """Warn once per process when no public address is set: links then work on localhost only."""
    global _warned
    if app.config.get("PUBLIC_BASE_URL") or _warned:
        return
    _warned = True
    logger.warning(
        "FLASK_PUBLIC_BASE_URL is not set: hand-off links, QR codes and links in PDFs are made"
        " only for requests to localhost. Set it to the aid's public address, e.g. https://aid.example.org."
    )


def base_url():
    """The address links start with (no trailing slash), or None if there is none to trust."""
    configured = current_app.config.get("PUBLIC_BASE_URL")
    if configured:
        return configured
    if is_loopback(request.host):
        # With the path the app is mounted under (a local proxy's SCRIPT_NAME), as url_for gives it.
        return request.url_root.rstrip("/")
    return None


def external_url(endpoint, **values):
    """The public address of an endpoint, or None when base_url() has none."""
    base = base_url()
    if base is None:
        return None
    # The path below the app's root: the public address already names any prefix it is served under.
    path = url_for(endpoint, **values)[len(request.script_root) :]
    return base + path


def is_loopback(host):
    """Whether a Host value (with or without a port) names this machine itself."""
    if host.startswith("["):
        name = host[1:].partition("]")[0]  # [::1]:8000
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    name = name.lower()
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
