"""Vendor the NL Design System community component CSS (Utrecht component library) into Ineen.

Ineen serves every stylesheet itself (no CDN: the CSP allows only 'self', and a safety house must not
leak page visits to third parties) and needs no Node to build or test. This script is the one way
the vendored copy changes: it downloads the package from the npm registry with the standard library,
checks the tarball against the registry's ``dist.integrity`` (sha512), refuses a licence other than
EUPL-1.2, and extracts only the bundled CSS and the licence text.

    python scripts/vendor_nlds.py              # latest version
    python scripts/vendor_nlds.py 9.0.4        # a given version

Writes ineen/static/vendor/utrecht/{utrecht.css, LICENSE.md, VERSION}. Only components, never brand
tokens: the look comes from Ineen's own theme (ineen/static/ineen/theme.css). After an update: take
screenshots (bench/screenshots.py), run the browser tests (axe) and commit the three files.
"""

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.parse
import urllib.request
from pathlib import Path

PACKAGE = "@utrecht/component-library-css"
LICENCE = "EUPL-1.2"
REGISTRY = "https://registry.npmjs.org/"
TARGET = Path(__file__).resolve().parent.parent / "ineen" / "static" / "vendor" / "utrecht"
# tarball member -> vendored file name
MEMBERS = {"package/dist/index.css": "utrecht.css", "package/LICENSE.md": "LICENSE.md"}


def fetch(url: str) -> bytes:
    if not url.startswith("https://"):
        raise SystemExit(f"refusing a non-HTTPS URL: {url}")
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - https only, checked above
        return response.read()


def verify_integrity(data: bytes, integrity: str) -> str:
    """Check an npm Subresource Integrity string ("sha512-<base64>"); return the hex digest."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"unexpected integrity algorithm {algorithm!r}")
    digest = hashlib.sha512(data).digest()
    if base64.b64encode(digest).decode() != expected:
        raise SystemExit("the tarball does not match the registry's sha512: not vendored")
    return digest.hex()


def extract(tarball: bytes) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for member in archive.getmembers():
            if member.name in MEMBERS and member.isfile():
                handle = archive.extractfile(member)
                assert handle is not None  # noqa: S101 - isfile() above
                files[MEMBERS[member.name]] = handle.read()
    missing = set(MEMBERS.values()) - set(files)
    if missing:
        raise SystemExit(f"the package lacks {sorted(missing)}")
    return files


def main(argv: list[str]) -> int:
    metadata = json.loads(fetch(REGISTRY + urllib.parse.quote(PACKAGE, safe="@")))
    version = argv[0] if argv else metadata["dist-tags"]["latest"]
    release = metadata["versions"][version]
    if release.get("license") != LICENCE:
        raise SystemExit(f"{PACKAGE} {version} is licensed {release.get('license')!r}, not {LICENCE}")
    tarball = fetch(release["dist"]["tarball"])
    sha512 = verify_integrity(tarball, release["dist"]["integrity"])
    files = extract(tarball)
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (TARGET / name).write_bytes(content)
    (TARGET / "VERSION").write_text(
        f"package: {PACKAGE}\nversion: {version}\nlicence: {LICENCE}\n"
        f"tarball: {release['dist']['tarball']}\nintegrity: {release['dist']['integrity']}\nsha512: {sha512}\n"
        "files: dist/index.css -> utrecht.css, LICENSE.md\n"
        "updated with: python scripts/vendor_nlds.py <version>\n",
        encoding="utf-8",
    )
    print(f"vendored {PACKAGE} {version} into {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
