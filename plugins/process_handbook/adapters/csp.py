"""The Content-Security-Policy every page of a handbook site carries, as a `<meta>` tag.

Defence in depth: should any author text ever become HTML, the browser still runs
no inline event handler (`onerror=`), no inline script the build did not write and
no script from another site. The theme's own inline scripts (Material's palette and
scope scripts) are allowed by their SHA-256 hashes, computed from each page as
written, so no 'unsafe-inline' is needed for scripts. Only scripts the theme wrote
count: the page's content (where author text is placed) is left out before hashing, so
even a script that slipped into it would not be allowed.
Styles may be inline: Mermaid writes a `<style>` into every diagram, and a style
cannot run script.
"""

from __future__ import annotations

import base64
import hashlib
import re

#: Every directive but the script hashes; `handbook generate` users send this as a header.
POLICY = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?(application/json|application/ld\+json)""", re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)


def policy(html: str, content: str = "") -> str:
    """The policy for one page: POLICY, with the hash of each inline script of the theme
    (`content`, the page's own HTML, is left out)."""
    theme = html.replace(content, "") if content else html
    hashes = sorted(
        {
            _sha256(m["body"])
            for m in _INLINE_SCRIPT.finditer(theme)
            if "src=" not in m["attrs"].lower() and not _DATA_TYPE.search(m["attrs"])
        }
    )
    directives = [
        f"{d} {' '.join(hashes)}" if d.startswith("script-src") and hashes else d for d in POLICY
    ]
    return "; ".join(directives)


def with_policy(html: str, content: str = "") -> str:
    """The page with its policy as the first element of `<head>` (before any script runs)."""
    head = _HEAD.search(html)
    if head is None:
        return html
    tag = f'\n  <meta http-equiv="Content-Security-Policy" content="{policy(html, content)}">'
    return html[: head.end()] + tag + html[head.end() :]


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
