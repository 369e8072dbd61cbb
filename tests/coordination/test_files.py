"""File mode: JSONL and toolkit CSV in, CSV/GEXF/GraphML out, no database."""

import csv
import json

import networkx as nx
import pytest
from django.core.management import CommandError, call_command

from pantau.coordination import files

TEXT = "Jangan pilih paslon dua mereka mau mengusir suku kita dari kampung"


def jsonl_posts(tmp_path):
    rows = []
    for burst, base in enumerate(["2024-10-01T10:00:00+07:00", "2024-10-02T10:00:00+07:00"]):
        for k, author in enumerate(["op1", "op2", "op3"]):
            rows.append(
                {
                    "id": f"p{burst}{k}",
                    "author_id": author,
                    "author_name": author.upper(),
                    "group_id": "g1",
                    "text": TEXT,
                    "created_at": base.replace("10:00:00", f"10:0{k}:00"),
                    "url": "",
                    "links": [],
                }
            )
    rows.append(
        {
            "id": "x",
            "author_id": "solo",
            "text": "lain sekali isinya tidak sama",
            "created_at": "2024-10-01T10:00:00+07:00",
        }
    )
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_it_reads_jsonl_posts(tmp_path):
    posts = files.read_posts(jsonl_posts(tmp_path))
    assert len(posts) == 7 and posts.authors[0] == "op1" and posts.author_names["op1"] == "OP1"


def test_it_reads_the_toolkit_csv(tmp_path):
    path = tmp_path / "cnt.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(files.CNT_FIELDS)
        w.writerow(["m1", "u1", "U1", "", "", TEXT, 1727751600, "https://a.example/1 https://b.example/2"])
        w.writerow(["m2", "u2", "U2", "m1", "", TEXT, 1727751601, ""])
    posts = files.read_posts(path)
    assert posts.ids == ["m1"] and posts.links == [["https://a.example/1", "https://b.example/2"]]


def test_it_refuses_a_time_without_offset(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": 1, "author_id": "a", "created_at": "2024-10-01T10:00:00"}) + "\n")
    with pytest.raises(files.InputError, match="no UTC offset"):
        files.read_posts(path)


def test_the_command_writes_an_edge_csv_without_a_database(tmp_path):
    out = tmp_path / "edges.csv"
    call_command("coordination", input=str(jsonl_posts(tmp_path)), export=[str(out)], stdout=open("/dev/null", "w"))
    rows = list(csv.reader(open(out, encoding="utf-8")))
    assert rows[0] == files.CSV_HEADER
    assert {tuple(r[:3]) for r in rows[1:]} == {
        ("op1", "op2", "co_similar"),
        ("op1", "op3", "co_similar"),
        ("op2", "op3", "co_similar"),
    }
    assert all(r[3] == "2" for r in rows[1:])


@pytest.mark.parametrize("suffix", [".gexf", ".graphml"])
def test_the_command_writes_graph_files(tmp_path, suffix):
    out = tmp_path / f"net{suffix}"
    call_command("coordination", input=str(jsonl_posts(tmp_path)), export=[str(out)], stdout=open("/dev/null", "w"))
    graph = nx.read_gexf(out) if suffix == ".gexf" else nx.read_graphml(out)
    assert sorted(graph.nodes) == ["op1", "op2", "op3"] and graph.number_of_edges() == 3


def test_the_command_refuses_an_unknown_export_format(tmp_path):
    with pytest.raises(CommandError, match="export to"):
        call_command("coordination", input=str(jsonl_posts(tmp_path)), export=[str(tmp_path / "x.pdf")])


def test_the_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("coordination", input=str(tmp_path / "nope.jsonl"))


def test_the_command_refuses_bad_parameters(tmp_path):
    with pytest.raises(CommandError, match="similarity"):
        call_command("coordination", input=str(jsonl_posts(tmp_path)), similarity=2.0)
