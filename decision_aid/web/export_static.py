"""python -m decision_aid.web.export_static DIR: the static files as the app serves them (minified),
for a reverse proxy to serve from disk (make static; deploy/README.md)."""

import sys

from decision_aid.settings import asset_dir
from decision_aid.web.assets import Assets

if __name__ == "__main__":
    Assets(asset_dir("static")).write(sys.argv[1])
