"""Reading posts from files and writing coordination networks, without Django or a database.

Inputs: JSONL posts (id, author_id, author_name, group_id, text, created_at as
ISO 8601 with offset, url, links) and the coordination-network-toolkit CSV
(message_id, user_id, username, repost_id, reply_id, message, timestamp, urls).
Outputs by extension: .csv (one row per edge), .gexf (Gephi), .graphml.
"""

from __future__ import annotations

import csv
import gc
import json
import sys
from contextlib import contextmanager
from pathlib import Path

from pantau.lib.clock import BadTime, parse_time

from .engine import Posts, Result

CSV_HEADER = ["account_a", "account_b", "kind", "weight", "evidence_post_ids", "cluster"]
EXPORT_FORMATS = (".csv", ".gexf", ".graphml")


class InputError(ValueError):
    pass


def _epoch(value, where: str) -> float:
    if value is None or value == "":
        raise InputError(f"{where}: no time")
    try:
        return float(value)  # the toolkit's own files: Unix seconds
    except (TypeError, ValueError):
        pass  # not a number: a written time, read by the clock's parser below
    try:
        parsed = parse_time(value, require_zone=True)
    except BadTime as exc:
        raise InputError(f"{where}: {exc}") from None
    if parsed is None:  # only blanks: no time either
        raise InputError(f"{where}: no time")
    return parsed.timestamp()


@contextmanager
def _no_gc():
    """Millions of small objects that all live to the end: the cyclic collector only slows reading."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_jsonl(path: Path) -> Posts:
    with _no_gc():
        return _read_jsonl(path)


def _read_jsonl(path: Path) -> Posts:
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"line {number}: not JSON ({exc.msg})") from None
            where = f"line {number}"
            if not isinstance(item, dict) or item.get("id") in (None, "") or item.get("author_id") in (None, ""):
                raise InputError(f"{where}: a post needs an id and an author_id")
            links = item.get("links") or []
            if isinstance(links, str):
                links = links.split()
            rows.append(
                {
                    "id": str(item["id"]),
                    "author_id": str(item["author_id"]),
                    "author_name": item.get("author_name") or "",
                    "group_id": item.get("group_id") or None,
                    "text": item.get("text") or "",
                    "time": _epoch(item.get("created_at"), where),
                    "links": links,
                }
            )
    return Posts.from_rows(rows)


CNT_FIELDS = ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"]


def read_cnt_csv(path: Path) -> Posts:
    with _no_gc():
        return _read_cnt_csv(path)


def _read_cnt_csv(path: Path) -> Posts:
    csv.field_size_limit(sys.maxsize)
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [
            name for name in ("message_id", "user_id", "message", "timestamp") if name not in (reader.fieldnames or [])
        ]
        if missing:
            raise InputError(f"not a coordination-network-toolkit CSV: missing column(s) {', '.join(missing)}")
        for number, row in enumerate(reader, 2):
            if row.get("repost_id"):
                continue  # a plain re-share is always a duplicate; the toolkit skips it too
            rows.append(
                {
                    "id": row["message_id"],
                    "author_id": row["user_id"],
                    "author_name": row.get("username") or "",
                    "group_id": None,
                    "text": row.get("message") or "",
                    "time": _epoch(row.get("timestamp"), f"row {number}"),
                    "links": (row.get("urls") or "").split(),
                }
            )
    return Posts.from_rows(rows)


def read_posts(path: Path) -> Posts:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        return read_cnt_csv(path)
    return read_jsonl(path)


def cluster_of(result: Result) -> dict:
    return {account: number for number, accounts in enumerate(result.clusters, 1) for account in accounts}


def write_csv(result: Result, path: Path) -> None:
    clusters = cluster_of(result)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_HEADER)
        for edge in sorted(result.edges, key=lambda e: (clusters.get(e.a, 0), -e.weight, str(e.a), str(e.b))):
            evidence = " ".join(dict.fromkeys(pid for pair in edge.evidence for pid in pair))
            writer.writerow([edge.a, edge.b, edge.kind, edge.weight, evidence, clusters.get(edge.a, "")])


def to_graph(result: Result, names: dict | None = None):
    import networkx as nx

    names = names or {}
    clusters = cluster_of(result)
    graph: nx.Graph[str] = nx.Graph()
    for account, number in clusters.items():
        graph.add_node(str(account), label=str(names.get(account) or account), cluster=number)
    for edge in result.edges:
        a, b = str(edge.a), str(edge.b)
        data = graph.get_edge_data(a, b)
        if data is None:
            graph.add_edge(a, b, weight=0, kinds="")
            data = graph.get_edge_data(a, b)
        data["weight"] += edge.weight
        data[edge.kind] = edge.weight
        data["kinds"] = " ".join(filter(None, [data["kinds"], edge.kind]))
    return graph


def export(result: Result, path: Path, names: dict | None = None) -> None:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_csv(result, path)
        return
    import networkx as nx

    graph = to_graph(result, names)
    if suffix == ".gexf":
        nx.write_gexf(graph, path)
    elif suffix == ".graphml":
        nx.write_graphml(graph, path)
    else:
        raise InputError(f"{path}: export to {', '.join(EXPORT_FORMATS)}")
