"""From a fetched response to a :class:`~govinspect.model.Page`.

- :func:`decode_html` — bytes to text, coping with pages that lie about their charset;
- :func:`sniff_kind` / :func:`guess_kind_from_url` — what a response or a link really is;
- :func:`parse_html` — title, text, meta, links (hidden ones and pagination marked), images,
  forms and scripts of an HTML page.
"""

from govinspect.parse.encoding import decode_html
from govinspect.parse.html import parse_html
from govinspect.parse.sniff import guess_kind_from_url, sniff_kind

__all__ = ["decode_html", "guess_kind_from_url", "parse_html", "sniff_kind"]
