"""Issue 12, files and the terminal: what is at an output path, what a folder holds, what reaches the screen.

Real files, FIFOs, device nodes, symbolic links, read-only files and folders, a small tmpfs
for a full disk, and real processes killed with real signals. Anything that could hang
or read without bound before its fix runs in a subprocess with a timeout and a memory cap.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from digestcite.cli import cli
from digestcite.corpus.readers import discover, read_source
from digestcite.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["harbour", "ledger", "petition", "tariff", "grain", "bridge", "census", "quota", "reservoir", "audit"]
# click's own colours are the only escape sequences we print; anything else is page data.
STYLE = re.compile(r"\x1b\[[0-9;]*m")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def page(n: int, start: int = 0) -> str:
    """A digest page of ``n`` items, each with its headline, two sentences and a source line."""
    return "".join(
        f"{WORDS[i % 10].title()} report number {i} from the coast\n\n"
        f"Officials in the {WORDS[i % 10]} office said {i * 7} people were counted in week {i}. "
        "A second sentence adds detail.\n\n"
        f"Source: Xinhua, May {i % 28 + 1}, 2020\n\n"
        for i in range(start, start + n)
    )


def run(runner: CliRunner, corpus: Path, *args: str, ok: bool = True, color: bool = False):  # type: ignore[no-untyped-def]
    result = runner.invoke(cli, ["--corpus", str(corpus), *args], catch_exceptions=not ok, color=color)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def digestcite(corpus: Path, *args: str, timeout: float = 60, memory: int = 2 << 30,
               **kwargs: object) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, bounded in time and memory (a regression must not hang the suite)."""
    import resource

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "digestcite", "--corpus", str(corpus), *args], capture_output=True, text=True,
        errors="backslashreplace", timeout=timeout, preexec_fn=limits, cwd=ROOT, **kwargs,
    )


@pytest.fixture
def corpus(tmp_path: Path, runner: CliRunner) -> Path:
    """A corpus of one 40-item page."""
    source = tmp_path / "digest.txt"
    source.write_text(page(40), "utf-8")
    folder = tmp_path / "corpus"
    run(runner, folder, "ingest", str(source))
    return folder


@contextlib.contextmanager
def mounted_tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A real tmpfs at ``where`` (root only); skip when this machine cannot mount one."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


# --- 12.1: -o and --plot replace whatever is at the target ------------------------------------

def test_output_writes_through_a_symlink_to_its_target(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "refs.bib"
    target.write_text("% old\n", "utf-8")
    link = tmp_path / "refs.bib"
    link.symlink_to(target)
    run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text("utf-8").count("@article{") == 40
    assert [p.name for p in synced.iterdir()] == ["refs.bib"]  # no temporary file left beside the target


def test_output_through_a_dangling_symlink_creates_its_target(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    link = tmp_path / "refs.bib"
    link.symlink_to(tmp_path / "later.bib")
    run(runner, corpus, "export", "--all", "--format", "ris", "-o", str(link))
    assert link.is_symlink() and (tmp_path / "later.bib").read_text("utf-8").count("TY  - ") == 40


def _device(tmp_path: Path) -> Path:
    """A character device to aim at: our own null device as root (never /dev/null itself), else /dev/null."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return node


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink to a fifo", "folder"])
def test_output_refuses_what_is_not_a_regular_file(runner: CliRunner, corpus: Path, tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "refs.bib"
        os.mkfifo(target)
        line, check = f"Error: {target}: is a FIFO (named pipe), not a regular file: refusing to replace it", stat.S_ISFIFO
    elif kind == "device":
        target = _device(tmp_path)
        line, check = f"Error: {target}: is a device, not a regular file: refusing to replace it", stat.S_ISCHR
    elif kind == "symlink to a fifo":
        os.mkfifo(tmp_path / "pipe")
        target = tmp_path / "refs.bib"
        target.symlink_to(tmp_path / "pipe")
        line, check = f"Error: {target}: is a FIFO (named pipe), not a regular file: refusing to replace it", stat.S_ISFIFO
    else:
        target = tmp_path / "out.bib"
        target.mkdir()
        line, check = f"Error: {target}: is a folder, not a file", stat.S_ISDIR
    before = sorted(p.name for p in target.parent.iterdir()) if target.parent == tmp_path else None
    result = run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(target), ok=False)
    assert result.exit_code in (1, 2)
    if kind == "folder":  # click's Path(dir_okay=False) says it first, on the usage line
        assert "is a directory" in result.stderr or line in result.stderr
    else:
        assert result.exit_code == 1 and result.stderr.strip().splitlines()[-1] == line
    assert check(os.stat(target).st_mode), "the thing at the target was replaced"
    if before is not None:
        assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_plot_and_render_refuse_a_fifo_too(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    plot = tmp_path / "counts.svg"
    os.mkfifo(plot)
    result = run(runner, corpus, "timeline", "--plot", str(plot), ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == f"Error: {plot}: is a FIFO (named pipe), not a regular file: refusing to replace it"
    draft = tmp_path / "brief.md"
    draft.write_text("# Brief\n\nHarbour counts [@xinhua2020harbour].\n", "utf-8")
    out = tmp_path / "brief.html"
    os.mkfifo(out)
    result = run(runner, corpus, "render", str(draft), "-o", str(out), ok=False)
    assert result.exit_code == 1 and "is a FIFO (named pipe), not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.stat(plot).st_mode) and stat.S_ISFIFO(os.stat(out).st_mode)


def test_output_respects_a_read_only_file(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "refs.bib"
    target.write_text("% keep me\n", "utf-8")
    target.chmod(0o444)
    result = run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(target), ok=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {target}: is read-only: refusing to replace it"
                                     " (make it writable, or write elsewhere)")
    assert target.read_text("utf-8") == "% keep me\n" and stat.S_IMODE(target.stat().st_mode) == 0o444


def test_output_keeps_an_existing_files_mode_and_otherwise_the_umask(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    kept = tmp_path / "shared.bib"
    kept.write_text("% old\n", "utf-8")
    kept.chmod(0o664)
    run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(kept))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664 and "@article{" in kept.read_text("utf-8")
    old = os.umask(0o027)
    try:
        run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(tmp_path / "new.bib"))
        pytest.importorskip("matplotlib")
        run(runner, corpus, "timeline", "--plot", str(tmp_path / "new.svg"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.bib").stat().st_mode) == 0o640  # 0666 & ~027, not mkstemp's 0600
    assert stat.S_IMODE((tmp_path / "new.svg").stat().st_mode) == 0o640


# --- 12.17: /dev/stdout, a read-only folder, a full disk --------------------------------------

@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_output_dash_and_dev_stdout_mean_stdout(runner: CliRunner, corpus: Path, name: str) -> None:
    result = run(runner, corpus, "export", "--all", "--format", "ris", "-o", name)
    assert result.stdout.count("TY  - ") == 40 and "Traceback" not in result.output


def test_dev_stdout_in_a_real_pipe_is_stdout(corpus: Path) -> None:
    done = digestcite(corpus, "export", "--all", "--format", "csljson", "-o", "/dev/stdout")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 40 and "Traceback" not in done.stderr


def test_output_into_a_read_only_folder_is_one_line(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    if os.geteuid() == 0:  # root writes through mode bits: a read-only file system is read-only for root too
        stack = contextlib.ExitStack()
        stack.enter_context(mounted_tmpfs(folder, "ro,size=64k"))
        problem = "read-only file system"
    else:
        folder.mkdir()
        folder.chmod(0o555)
        stack = contextlib.ExitStack()
        stack.callback(folder.chmod, 0o755)
        problem = f"cannot make a file in {folder}: Permission denied"
    with stack:
        target = folder / "refs.bib"
        result = run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(target), ok=False)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.strip() == f"Error: {target}: {problem}: nothing written (no file was made)"
        assert list(folder.iterdir()) == []


def test_full_disk_on_export_is_one_line_and_keeps_the_old_file(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    with mounted_tmpfs(tmp_path / "small", "size=8k") as disk:
        old = disk / "refs.bib"
        old.write_text("% the bibliography from last week\n", "utf-8")
        result = run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(old), ok=False)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.stderr.strip() == (f"Error: {old}: disk full: nothing written"
                                         " (the file that was there is unchanged)")
        assert old.read_text("utf-8") == "% the bibliography from last week\n"
        assert [p.name for p in disk.iterdir()] == ["refs.bib"]  # the partial temporary file is gone
        result = run(runner, corpus, "export", "--all", "--format", "bibtex", "-o", str(disk / "new.bib"), ok=False)
        assert result.stderr.strip() == f"Error: {disk / 'new.bib'}: disk full: nothing written (no file was made)"
        assert [p.name for p in disk.iterdir()] == ["refs.bib"]


# --- 12.4: terminal escapes from pages and file names ----------------------------------------

HOSTILE_TEXT = (
    "Harbour \x1b]0;OWNED\x07ledger report\n\n"
    "Officials said \x1b[2J\x1b[H 12 people \x1b]52;c;cm0gLXJmIH4=\x07were counted\x9b31m in the harbour.\x07\n\n"
    "Source: Xinhua, May 3, 2020\n"
)
HOSTILE_HTML = (
    "<html><head><title>Digest</title></head><body><article>"
    "<h2>Grain &#x1b;]0;OWNED&#x07;quota report</h2>"
    "<p>Officials in the grain office said 31 people &#x1b;[2J&#27;]52;c;aGk=&#7;were counted in week 9. "
    "A second sentence adds detail about the grain quota.</p>"
    "<p>Source: Xinhua, May 4, 2020</p></article></body></html>"
)


def _clean(text: str) -> bool:
    return CONTROLS.search(STYLE.sub("", text)) is None


def test_controls_in_pages_are_stripped_at_ingest(tmp_path: Path) -> None:
    (tmp_path / "esc.txt").write_text(HOSTILE_TEXT, "utf-8")
    (tmp_path / "esc.html").write_text(HOSTILE_HTML, "utf-8")
    text = read_source(str(tmp_path / "esc.txt")).text
    assert _clean(text) and "OWNED" not in text and "Officials said  12 people were counted in the harbour." in text
    html = read_source(str(tmp_path / "esc.html")).text
    assert _clean(html) and "OWNED" not in html and "31 people were counted in week 9" in html


def test_items_show_search_print_no_escape_from_a_page(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (tmp_path / "esc.txt").write_text(HOSTILE_TEXT, "utf-8")
    (tmp_path / "esc.html").write_text(HOSTILE_HTML, "utf-8")
    run(runner, corpus, "ingest", str(tmp_path / "esc.txt"), str(tmp_path / "esc.html"))
    items = run(runner, corpus, "items", color=True).stdout
    assert _clean(items) and "Harbour ledger report" in items
    for key in re.findall(r"xinhua2020\w+", items):
        assert _clean(run(runner, corpus, "show", key, color=True).stdout)
    found = run(runner, corpus, "search", "counted", color=True).stdout
    assert _clean(found) and found.count("xinhua2020") == 2


def test_controls_in_file_names_are_escaped_in_notes_show_and_errors(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    folder = tmp_path / "pages"
    folder.mkdir()
    evil = folder / "brief\x1b]0;OWNED\x07.txt"
    evil.write_text(page(1), "utf-8")
    empty = folder / "empty\x1b[2J.txt"
    empty.write_text("", "utf-8")
    result = run(runner, corpus, "ingest", str(folder), ok=False, color=True)
    assert result.exit_code == 1 and _clean(result.stderr)
    assert f"Error: {folder}/empty\\x1b[2J.txt: empty file" in result.stderr
    shown = run(runner, corpus, "show", "xinhua2020harbour", color=True).stdout
    assert _clean(shown) and f"via {folder}/brief\\x1b]0;OWNED\\x07.txt" in shown
    missing = run(runner, corpus, "ingest", str(tmp_path / "gone\x1b[2J.txt"), ok=False, color=True)
    assert missing.stderr.strip().splitlines()[0] == f"Error: {tmp_path}/gone\\x1b[2J.txt: no such file"


def test_json_output_escapes_c1_controls(runner: CliRunner, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    named = tmp_path / "odd\x9b2J.txt"  # C1 CSI: JSON escapes C0 by itself, not C1
    named.write_text(page(1), "utf-8")
    out = run(runner, corpus, "ingest", str(named), "--json").stdout
    assert _clean(out) and json.loads(out)["pages"][0]["path_or_url"] == str(named)


# --- 12.6: folders follow anything ------------------------------------------------------------

def _hostile_folder(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "digest.txt").write_text(page(2), "utf-8")
    (folder / "same-digest.txt").symlink_to(folder / "digest.txt")  # a link inside the folder is fine
    (folder / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.txt")
    private = tmp_path / "private"
    private.mkdir()
    (private / "diary.txt").write_text(page(1, start=5).replace("Xinhua", "Reuters"), "utf-8")
    (folder / "diary.txt").symlink_to(private / "diary.txt")
    (folder / "elsewhere").symlink_to(private)
    (folder / "broken.txt").symlink_to(folder / "nothing-here.txt")
    return folder, private


def test_folder_ingest_reads_only_regular_files_inside_the_folder(tmp_path: Path) -> None:
    folder, private = _hostile_folder(tmp_path)
    corpus = tmp_path / "corpus"
    done = digestcite(corpus, "ingest", str(folder), timeout=60, memory=1536 << 20)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "skipped" in line]
    assert notes == [
        f"note: {folder}/elsewhere: skipped: a link to a folder outside {folder} (read it with --follow-links)",
        f"note: {folder}/broken.txt: skipped: a broken link",
        f"note: {folder}/diary.txt: skipped: a link to a file outside {folder} (read it with --follow-links)",
        f"note: {folder}/pipe.txt: skipped: a FIFO (named pipe), not a regular file",
        f"note: {folder}/zero.txt: skipped: a link to a file outside {folder} (read it with --follow-links)",
    ]
    items = json.loads(digestcite(corpus, "items", "--json").stdout)
    assert sorted(i["outlet"] for i in items) == ["Xinhua News Agency"] * 2  # nothing of the private diary


def test_follow_links_reads_links_out_of_the_folder_but_never_a_device(tmp_path: Path) -> None:
    folder, _ = _hostile_folder(tmp_path)
    corpus = tmp_path / "corpus"
    done = digestcite(corpus, "ingest", "--follow-links", str(folder), timeout=60, memory=1536 << 20)
    assert done.returncode == 0, done.stderr
    assert f"note: {folder}/zero.txt: skipped: a device, not a regular file" in done.stderr
    items = json.loads(digestcite(corpus, "items", "--json").stdout)
    assert sorted(i["outlet"] for i in items) == ["Reuters", "Xinhua News Agency", "Xinhua News Agency"]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_named_fifo_or_device_is_one_error_line(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe.txt"
        os.mkfifo(target)
        what = "a FIFO (named pipe)"
    else:
        target = Path("/dev/zero")
        what = "a device"
    done = digestcite(tmp_path / "corpus", "ingest", str(target), "--format", "txt", timeout=30, memory=1536 << 20)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[-2:] == [
        f"Error: {target}: is {what}, not a regular file (to read a stream, pipe it into -)",
        "0 page(s) added, 0 unchanged, 1 failed, 0 new item(s)",
    ]


def test_a_file_is_never_read_past_the_size_limit() -> None:
    # NOTE: /proc files say they are 0 bytes long and hold more: the limit must count what is read.
    kallsyms = Path("/proc/kallsyms")
    if not kallsyms.exists():
        pytest.skip("needs Linux's /proc/kallsyms (a file whose size says 0)")
    with pytest.raises(InputError, match=r"^/proc/kallsyms: file is more than 0\.1 MB, over the 0 MB limit"):
        read_source(str(kallsyms), fmt="txt", max_size=100_000)


def test_discover_notes_without_a_list_to_take_them(tmp_path: Path) -> None:
    folder, _ = _hostile_folder(tmp_path)
    assert list(discover([str(folder)])) == [str(folder / "digest.txt"), str(folder / "same-digest.txt")]


# --- 12.15: a file name that is not UTF-8 -----------------------------------------------------

def test_a_file_name_that_is_not_utf8_is_ingested_and_printed_escaped(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text(page(1), "utf-8")
    latin1 = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(latin1, "wb") as handle:
        handle.write(page(1, start=3).encode("utf-8"))
    corpus = tmp_path / "corpus"
    done = digestcite(corpus, "ingest", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [p["path_or_url"] for p in report["pages"]] == [f"{folder}/a.txt", f"{folder}/caf\\xe9.txt"]
    assert report["items_added"] == 2
    shown = run(runner, corpus, "show", "xinhua2020tariff").stdout
    assert f"via {folder}/caf\\xe9.txt" in shown


# --- 12.21: the smaller ones -------------------------------------------------------------------

def test_already_ingested_pages_are_named_or_summarised(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(7):
        (folder / f"p{n}.txt").write_text(page(1, start=n), "utf-8")
    corpus = tmp_path / "corpus"
    run(runner, corpus, "ingest", str(folder))
    again = run(runner, corpus, "ingest", str(folder)).stderr
    assert [line for line in again.splitlines() if "already ingested" in line] == [
        "note: 7 pages already ingested, nothing changed (-v names them)"]
    named = run(runner, corpus, "-v", "ingest", str(folder)).stderr
    assert [line for line in named.splitlines() if "already ingested" in line] == [
        f"note: {folder}/p{n}.txt: already ingested: nothing changed" for n in range(7)]
    one = run(runner, corpus, "ingest", str(folder / "p3.txt")).stderr
    assert f"note: {folder}/p3.txt: already ingested: nothing changed" in one


def _pdf_that_makes_pypdf_warn(path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    sheet = writer.add_blank_page(width=400, height=200)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    sheet[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 20 150 Td (Officials said 12 people were counted. Source: Xinhua, May 1, 2020) Tj ET")
    sheet[NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as handle:
        writer.write(handle)
    data = path.read_bytes()
    # a startxref pointer a few bytes off: pypdf recovers, and logs a warning saying so
    data = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n" + str(int(m.group(1)) + 7).encode(), data)
    path.write_bytes(data)


def test_pypdf_warnings_are_silent_under_quiet(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    _pdf_that_makes_pypdf_warn(pdf)
    loud = digestcite(tmp_path / "c1", "ingest", str(pdf))
    assert loud.returncode == 0 and "WARNING pypdf" in loud.stderr  # the PDF does make pypdf warn
    quiet = digestcite(tmp_path / "c2", "-q", "ingest", str(pdf))
    assert quiet.returncode == 0 and quiet.stderr == ""


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(runner: CliRunner, tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "windows.txt"
    source.write_bytes(page(3).replace("coast", "coast — café").encode(encoding))
    assert "Harbour report number 0 from the coast — café" in read_source(str(source)).text
    result = run(runner, tmp_path / "corpus", "ingest", str(source), "--json")
    assert json.loads(result.stdout)["items_added"] == 3


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_render_leaves_no_temporary_file_and_no_pandoc(runner: CliRunner, corpus: Path, tmp_path: Path,
                                                                  how: signal.Signals) -> None:
    if not Path("/proc/self/task").exists():
        pytest.skip("needs Linux's /proc to find pandoc")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = drafts / "brief.md"
    # long enough that pandoc is still working when we kill its parent (~10 s of citeproc)
    draft.write_text("# Brief\n\n" + "".join(
        f"Paragraph {i}: officials counted {i} people [@xinhua2020harbour, para. {i % 9 + 1}].\n\n"
        for i in range(20_000)), "utf-8")
    out = drafts / "brief.docx"
    render = subprocess.Popen([sys.executable, "-m", "digestcite", "--corpus", str(corpus), "render", str(draft),
                               "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    pandoc = None
    try:
        deadline = time.monotonic() + 30
        while pandoc is None and time.monotonic() < deadline and render.poll() is None:
            for child in _children(render.pid):
                with contextlib.suppress(OSError):
                    if Path(f"/proc/{child}/comm").read_text().strip() == "pandoc":
                        pandoc = child
            time.sleep(0.05)
        assert pandoc is not None, "pandoc never started"
        time.sleep(0.5)
        render.send_signal(how)
        code = render.wait(timeout=20)
        deadline = time.monotonic() + 5
        while _alive(pandoc) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pandoc), "pandoc outlived the render that started it"
    finally:
        if pandoc is not None and _alive(pandoc):
            os.kill(pandoc, signal.SIGKILL)
        if render.poll() is None:
            render.kill()
            render.wait()
    leftovers = [p.name for p in drafts.iterdir() if p.name.startswith(".")]
    if how == signal.SIGTERM:
        assert code == 128 + signal.SIGTERM and "Traceback" not in render.stderr.read().decode()  # type: ignore[union-attr]
        assert leftovers == [], "a terminated render left its temporary file"
    # after a SIGKILL nothing can run in the dying process: the next write to the same file clears what it left
    draft.write_text("# Brief\n\nHarbour counts [@xinhua2020harbour].\n", "utf-8")
    run(runner, corpus, "render", str(draft), "-o", str(out))
    assert sorted(p.name for p in drafts.iterdir()) == ["brief.docx", "brief.md"]


# --- properties of the two control-character functions ------------------------------------------

@given(st.text())
@example("\x1b]52;c;aGk=\x07\x9b2J\udce9\t\n")
def test_stripped_page_text_holds_no_control_but_tab_and_newline(text: str) -> None:
    from digestcite.controls import strip_controls

    cleaned = strip_controls(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", cleaned)
    assert strip_controls(cleaned) == cleaned
    if not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text):
        assert cleaned == text  # text without controls is never touched


@given(st.text())
@example("caf\udce9\x1b[2J\n")
def test_printable_names_are_one_safe_line(text: str) -> None:
    from digestcite.controls import printable

    shown = printable(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f\ud800-\udfff]", shown)
    shown.encode("utf-8")  # a terminal can take it
    if not re.search("[\x00-\x1f\x7f-\x9f\ud800-\udfff]", text):
        assert shown == text
