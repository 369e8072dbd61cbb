import io

from pantau.pokja.models import Meeting


def test_it_loads_the_seed_meeting_and_its_follow_up_once(users):
    from pantau.pokja import demo

    demo.load(io.StringIO(), {})
    demo.load(io.StringIO(), {})
    held = Meeting.objects.get(title=demo.TITLE)
    follow_up = Meeting.objects.get(previous=held)
    assert held.status == "held" and held.mode == "online"
    assert follow_up.starts_at.date().isoformat() == "2024-11-01"
    assert held.actions.filter(title__contains="1 November 2024").exists()
