"""A wheel carries the templates, static files and compiled catalogs, and works outside a checkout."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHECK_INSTALLED_APP = """
import decision_aid
from decision_aid import create_app
app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40})
assert app.template_folder.startswith(decision_aid.__path__[0]), app.template_folder
client = app.test_client()
assert client.get("/").status_code == 200
with client.get("/static/site.css") as response:
    assert response.status_code == 200
assert 'lang="es"' in client.get("/?lang=es").get_data(as_text=True)
print(decision_aid.__file__)
"""


def copy_of_the_checkout(target):
    """The tracked files and the compiled catalogs, copied to target: a build there leaves
    build/ and *.egg-info in the copy, never in the checkout."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    catalogs = [str(path.relative_to(ROOT)) for path in ROOT.glob("translations/*/LC_MESSAGES/*.mo")]
    for name in [name for name in tracked if name] + catalogs:
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is listed too
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_wheel_contains_and_serves_everything(tmp_path):
    source = copy_of_the_checkout(tmp_path / "source")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("decision_aid-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "decision_aid/templates/base.html" in names
    assert "decision_aid/templates/components/icon_array.html" in names
    assert "decision_aid/static/site.css" in names
    for language in ("en", "es", "fr"):
        assert f"decision_aid/translations/{language}/LC_MESSAGES/messages.mo" in names

    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    result = subprocess.run(
        [sys.executable, "-c", CHECK_INSTALLED_APP],
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith(str(target))
