"""Build hook: the wheel and the sdist carry the npm libraries the site serves.

`browser_libraries.FILES` names them and `package-lock.json` pins each one's version and
integrity. Before setuptools collects the package's files (`build_py`, also for an editable
install, and `sdist`), each library is put into
`plugins/process_handbook/browser-libraries/<package>/` (its served files, its `package.json`,
its licence; the folder is not in git), taken from:

1. that folder itself, when it holds the locked version already (an sdist, an earlier build);
2. `node_modules/<package>` after `npm ci`, when it holds the locked version;
3. without node_modules (a git URL installed without Node), the package's tarball from the
   lockfile's `resolved` URL (or the npm registry's, which `npm ci` would use), checked
   against the lockfile's `integrity` (SRI sha512); only the files above are read from it.

Any other version, or a tarball whose digest differs, stops the build saying what to do.
Standard library and setuptools only: nothing else is installed when this runs.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import json
import shutil
import sys
import tarfile
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist
from setuptools.errors import SetupError

ROOT = Path(__file__).resolve().parent
REGISTRY = "https://registry.npmjs.org/"
DOWNLOAD_TIMEOUT = 300  # seconds; Mermaid's tarball is tens of megabytes


def _libraries() -> ModuleType:
    """`process_handbook.browser_libraries`, loaded by itself (the package's own dependencies are
    not installed yet)."""
    path = ROOT / "plugins" / "process_handbook" / "browser_libraries.py"
    spec = importlib.util.spec_from_file_location("_handbook_browser_libraries", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    spec.loader.exec_module(module)
    return module


LIBRARIES = _libraries()


class VendorError(SetupError):
    """A library that cannot be packaged; setuptools prints `error: <message>`, no traceback."""


def vendor() -> None:
    """Put every locked library the site serves into the package (`LIBRARIES.VENDOR`)."""
    lock = _lockfile()
    LIBRARIES.VENDOR.mkdir(exist_ok=True)
    wanted: dict[str, list[str]] = {}
    for npm_file in LIBRARIES.FILES:
        wanted.setdefault(npm_file.package, []).append(npm_file.file)
    for package, files in wanted.items():
        entry = lock.get(f"node_modules/{package}")
        if not isinstance(entry, dict) or "version" not in entry:
            raise VendorError(f"package-lock.json pins no {package}; run `npm install {package}`")
        target = LIBRARIES.VENDOR / package
        if _version_at(target) == entry["version"] and _complete(target, files):
            continue
        contents = _from_node_modules(package, entry["version"], files)
        if contents is None:
            contents = _from_registry(package, entry, files)
        _write(target, contents)
    kept = {package.split("/")[0] for package in wanted}  # a scope folder holds its packages
    for stale in {p.name for p in LIBRARIES.VENDOR.iterdir()} - kept:
        shutil.rmtree(LIBRARIES.VENDOR / stale)


def _lockfile() -> dict[str, object]:
    path = ROOT / "package-lock.json"
    if not path.is_file():
        raise VendorError(
            "package-lock.json not found: build from the repository or from its sdist"
        )
    packages = json.loads(path.read_text("utf-8")).get("packages")
    if not isinstance(packages, dict):
        raise VendorError("package-lock.json has no `packages` (lockfileVersion 2 or later)")
    return packages


def _version_at(folder: Path) -> str | None:
    try:
        return str(json.loads((folder / "package.json").read_text("utf-8"))["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _complete(folder: Path, files: list[str]) -> bool:
    return all((folder / f).is_file() for f in files) and any(_licences(folder))


def _licences(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and LIBRARIES.LICENCE.fullmatch(p.name)
    )


def _from_node_modules(package: str, version: str, files: list[str]) -> dict[str, bytes] | None:
    """The package's files as `npm ci` installed them; None when node_modules lacks it."""
    source = ROOT / "node_modules" / package
    installed = _version_at(source)
    if installed is None:
        return None
    if installed != version:
        raise VendorError(
            f"node_modules/{package} is version {installed}, but package-lock.json pins "
            f"{version}: run `npm ci` (or remove node_modules to build from the registry)"
        )
    contents = {"package.json": (source / "package.json").read_bytes()}
    for name in files:
        if not (source / name).is_file():
            raise VendorError(f"node_modules/{package}/{name} is missing: run `npm ci`")
        contents[name] = (source / name).read_bytes()
    contents.update((p.name, p.read_bytes()) for p in _licences(source))
    return _checked(package, contents)


def _from_registry(package: str, entry: dict[str, str], files: list[str]) -> dict[str, bytes]:
    """The package's files from its tarball, downloaded and checked against the lockfile."""
    unscoped = package.rsplit("/", 1)[-1]
    url = entry.get("resolved") or f"{REGISTRY}{package}/-/{unscoped}-{entry['version']}.tgz"
    print(f"process-handbook build: no node_modules/{package}; downloading {url}")
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT) as response:
            tarball = response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise VendorError(
            f"cannot download {package} {entry['version']} from {url} ({exc}); install Node and "
            "run `npm ci`, or install the package from a built wheel"
        ) from exc
    _verify(package, url, tarball, entry.get("integrity", ""))
    contents = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            # npm tarballs hold one top folder (usually `package/`); read files, never extract
            name = member.name.split("/", 1)[1] if "/" in member.name else ""
            wanted = name in files or name == "package.json"
            if member.isfile() and (
                wanted or ("/" not in name and LIBRARIES.LICENCE.fullmatch(name))
            ):
                extracted = archive.extractfile(member)
                assert extracted is not None
                contents[name] = extracted.read()
    for name in files:
        if name not in contents:
            raise VendorError(f"{url} holds no {name}")
    if _json_version(contents["package.json"]) != entry["version"]:
        raise VendorError(f"{url} is not {package} {entry['version']}")
    return _checked(package, contents)


def _verify(package: str, url: str, tarball: bytes, integrity: str) -> None:
    """The tarball's sha512 is the lockfile's `integrity` (Subresource Integrity: base64)."""
    expected = [i.split("-", 1)[1] for i in integrity.split() if i.startswith("sha512-")]
    if not expected:
        raise VendorError(
            f"package-lock.json has no sha512 integrity for {package}: run `npm install`"
        )
    actual = base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if actual not in expected:
        raise VendorError(
            f"{url} does not match package-lock.json: its sha512 is {actual}, the lockfile "
            f"says {expected[0]}; nothing was packaged (check the registry or the lockfile)"
        )


def _json_version(data: bytes) -> str | None:
    try:
        return str(json.loads(data)["version"])
    except (ValueError, KeyError, TypeError):
        return None


def _checked(package: str, contents: dict[str, bytes]) -> dict[str, bytes]:
    if not any(LIBRARIES.LICENCE.fullmatch(name) for name in contents):
        raise VendorError(f"{package} has no licence file (LICENSE, ...) to ship with it")
    return contents


def _write(target: Path, contents: dict[str, bytes]) -> None:
    shutil.rmtree(target, ignore_errors=True)
    for name, data in contents.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


class BuildPy(build_py):
    """Vendors the libraries first (in place: also what an editable install reads)."""

    def run(self) -> None:
        vendor()
        self.__dict__.pop("data_files", None)  # collected again, the libraries included
        super().run()


class Sdist(sdist):
    """Vendors the libraries first, so the sdist carries them."""

    def run(self) -> None:
        vendor()
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
