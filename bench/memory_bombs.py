"""``python -m bench.memory_bombs``: the memory bombs of issue 12.5 against the readers' limits.

Builds each hostile file in a temporary folder, reads it with :func:`read_source` under the
default limits (or ``DIGESTCITE_PANDOC_MEMORY`` / ``DIGESTCITE_PANDOC_TIMEOUT`` if set), and
prints how long it took, the largest resident size of any pandoc child, and the error line.
Bounded: pandoc is capped in memory and time, so no case runs past the time limit.
"""

from __future__ import annotations

import io
import resource
import struct
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from digestcite.corpus.readers import read_source
from digestcite.errors import DigestciteError

CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                  b'<Default Extension="xml" ContentType="application/xml"/>'
                  b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                  b'wordprocessingml.document.main+xml"/></Types>')
RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
         b' Target="word/document.xml"/></Relationships>')


def docx(xml_bytes: int, *, declare: int | None = None) -> bytes:
    """A DOCX whose document.xml holds about ``xml_bytes`` of paragraphs (sizes falsified with ``declare``)."""
    paragraph = b"<w:p><w:r><w:t>A paragraph of a page written for this benchmark.</w:t></w:r></w:p>"
    document = (b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                b'wordprocessingml/2006/main"><w:body>' + paragraph * (xml_bytes // len(paragraph)) + b"</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
    data = bytearray(buffer.getvalue())
    if declare is not None:
        for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            at = data.find(signature)
            while at != -1:
                data[at + size_at:at + size_at + 4] = struct.pack("<I", declare)
                at = data.find(signature, at + 4)
    return bytes(data)


CASES = {
    "docx, false sizes, 600 MB of XML": ("liar.docx", lambda: docx(600_000_000, declare=100)),
    "docx, honest, 45 MB of XML": ("honest.docx", lambda: docx(45_000_000)),
    "markdown, \\begin{x} x 20,000": ("bomb.md", lambda: b"\\begin{x}\n" * 20_000),
}


def main() -> int:
    print(f"{'case':34} {'file':>9} {'seconds':>8} {'pandoc RSS':>11}  result")
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, make) in CASES.items():
            path = Path(folder) / name
            path.write_bytes(make())
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            started = time.perf_counter()
            try:
                read_source(str(path))
                result = "read"
            except DigestciteError as exc:
                result = str(exc).replace(str(path), name)
            took = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            rss = f"{after / 1024:.0f} MB" if after > before else "-"
            print(f"{label:34} {path.stat().st_size / 1e3:>7.0f}KB {took:>8.1f} {rss:>11}  {result}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
