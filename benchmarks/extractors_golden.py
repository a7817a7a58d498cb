"""Golden output of the rule extractors: every finding of every segment, to check a speed-up changes none.

    .venv/bin/python -m benchmarks.extractors_golden --out /tmp/golden.json [--dir DIR ...]
    .venv/bin/python -m benchmarks.extractors_golden --check /tmp/golden.json [--dir DIR ...]

Reads every PDF/.txt of the folders once (default: fixtures/generated and ../shared/corpus/texts),
cuts each document with ``actes.segment.segment`` and runs ``actes.extractors.run_extractors`` over
every segment with the NLP step off (``nlp.persons`` returns nothing). The dump holds, per file, a
hash of its text, its segments and, per segment, every finding in the order the extractors yield
them (field, value, extractor, source, confidence, span, page, snippet, labelled). ``--check``
recomputes the same and lists every difference against a saved dump; it exits 1 when there is one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from actes.extractors import TextView, nlp, run_extractors
from actes.readers import read_document
from actes.segment import segment

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "fixtures" / "generated", ROOT.parent / "shared" / "corpus" / "texts"]
KEYS = ("field", "value", "extractor", "source", "confidence", "span", "page", "snippet", "labelled")


def paths_of(folders: list[Path]) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir() if p.suffix in {".pdf", ".txt"})


def dump(paths: list[Path]) -> dict[str, dict]:
    """{file: {"sha": text hash, "segments": [{"span", "kind", "findings": [...]}, ...]}}."""
    real_persons = nlp.persons
    nlp.persons = lambda text: []
    try:
        out = {}
        for path in paths:
            doc = read_document(path)
            segments = []
            for seg in segment(doc):
                findings = run_extractors(TextView(doc, seg.start, seg.end))
                rows = []
                for finding in findings:
                    data = finding.model_dump(mode="json")
                    rows.append({key: data[key] for key in KEYS})
                segments.append({"span": [seg.start, seg.end], "pages": [seg.first_page, seg.last_page],
                                 "kind": seg.kind, "findings": rows})
            key = f"{path.parent.name}/{path.name}"
            out[key] = {"sha": hashlib.sha256(doc.text.encode()).hexdigest(), "segments": segments}
        return out
    finally:
        nlp.persons = real_persons


def differences(old: dict, new: dict) -> list[str]:
    """One line per difference between two dumps."""
    lines = []
    for key in sorted(set(old) | set(new)):
        if key not in new or key not in old:
            lines.append(f"{key}: only in the {'saved' if key in old else 'current'} dump")
            continue
        a, b = old[key], new[key]
        if a["sha"] != b["sha"]:
            lines.append(f"{key}: the text read differs (reader changed?)")
        if len(a["segments"]) != len(b["segments"]):
            lines.append(f"{key}: {len(a['segments'])} segments saved, {len(b['segments'])} now")
        for i, (sa, sb) in enumerate(zip(a["segments"], b["segments"], strict=False)):
            for part in ("span", "pages", "kind"):
                if sa[part] != sb[part]:
                    lines.append(f"{key} #{i}: {part} {sa[part]} -> {sb[part]}")
            fa, fb = sa["findings"], sb["findings"]
            if fa == fb:
                continue
            for j in range(max(len(fa), len(fb))):
                x = fa[j] if j < len(fa) else None
                y = fb[j] if j < len(fb) else None
                if x != y:
                    lines.append(f"{key} #{i} finding {j}: {json.dumps(x, ensure_ascii=False)} -> {json.dumps(y, ensure_ascii=False)}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", action="append", type=Path)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=Path, help="write the dump of the current code here")
    group.add_argument("--check", type=Path, help="compare the current code to this saved dump")
    args = parser.parse_args()
    paths = paths_of(args.dir or FOLDERS)
    current = dump(paths)
    segments = sum(len(v["segments"]) for v in current.values())
    findings = sum(len(s["findings"]) for v in current.values() for s in v["segments"])
    if args.out:
        args.out.write_text(json.dumps(current, ensure_ascii=False, indent=0, sort_keys=True))
        print(f"{len(paths)} files, {segments} segments, {findings} findings -> {args.out}")
        return
    saved = json.loads(args.check.read_text())
    lines = differences(saved, current)
    for line in lines:
        print(line)
    print(f"{len(paths)} files, {segments} segments, {findings} findings; {len(lines)} differences")
    sys.exit(1 if lines else 0)


if __name__ == "__main__":
    main()
