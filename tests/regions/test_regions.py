import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pantau.regions.loader import kecamatan_of
from pantau.regions.models import Region

pytestmark = pytest.mark.django_db


def test_it_loads_barito_timur_with_its_ten_kecamatan_under_the_regency():
    call_command("regions", "import")
    regency = Region.objects.get(code="62.13")
    assert regency.parent.code == "62"
    assert regency.children.count() == 10


def test_it_finds_a_kecamatan_by_another_spelling():
    call_command("regions", "import")
    assert kecamatan_of("banua lima").code == "62.13.02"


def test_it_adds_boundaries_from_geojson_and_keeps_the_listed_name(tmp_path):
    call_command("regions", "import")
    feature = {
        "type": "Feature",
        "properties": {"code": "62.13.02", "name": "Banua Lima", "level": "kecamatan", "center": [115.2, -2.2]},
        "geometry": {"type": "Polygon", "coordinates": [[[115.1, -2.1], [115.3, -2.1], [115.3, -2.3], [115.1, -2.1]]]},
    }
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    call_command("regions", "import", str(path))
    region = Region.objects.get(code="62.13.02")
    assert region.name == "Benua Lima"
    assert region.boundary["type"] == "Polygon"


def test_it_loads_another_regency_from_a_data_file_alone(tmp_path):
    path = tmp_path / "kapuas.csv"
    rows = ["code,name,level", "62,Kalimantan Tengah,province", "62.03,Kapuas,regency", "62.03.01,Selat,kecamatan"]
    path.write_text("\n".join(rows) + "\n")
    call_command("regions", "import", str(path))
    assert Region.objects.get(code="62.03.01").parent.name == "Kapuas"


@pytest.mark.parametrize(
    "content,message",
    [
        ("name,level\nX,province\n", "needs the columns code, name, level"),
        ("code,name,level\n99,X,planet\n", "level 'planet' is not one of"),
    ],
)
def test_it_explains_what_is_wrong_with_a_bad_region_file(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("regions", "import", str(path))


def test_it_explains_a_file_that_is_not_geojson(tmp_path):
    path = tmp_path / "bad.geojson"
    path.write_bytes(b"\x89PNG\r\n")
    with pytest.raises(CommandError, match="cannot read as UTF-8 text|not a GeoJSON"):
        call_command("regions", "import", str(path))
