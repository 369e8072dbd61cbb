import pytest
from django.urls import reverse

from pantau.pokja.models import ActionItem, Meeting


class TestMeetingList:
    def test_it_lists_the_meetings_for_a_member(self, client_for, meeting, pokja_member):
        response = client_for(pokja_member).get(reverse("pokja:list"))
        assert response.status_code == 200
        assert b"Rapat Pokja" in response.content

    def test_it_hides_them_from_another_agency(self, client_for, meeting, other_pokja_member):
        response = client_for(other_pokja_member).get(reverse("pokja:list"))
        assert b"Rapat Pokja" not in response.content

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        assert client_for(None).get(reverse("pokja:list")).status_code == 302


class TestMeetingDetail:
    def test_it_shows_the_meeting_to_an_invited_agency(self, client_for, meeting, pokja_member):
        assert client_for(pokja_member).get(reverse("pokja:detail", args=[meeting.pk])).status_code == 200

    def test_it_refuses_another_agencys_member(self, client_for, meeting, other_pokja_member):
        response = client_for(other_pokja_member).get(reverse("pokja:detail", args=[meeting.pk]))
        assert response.status_code == 404

    def test_it_sends_anonymous_visitors_to_login(self, client_for, meeting):
        assert client_for(None).get(reverse("pokja:detail", args=[meeting.pk])).status_code == 302


class TestPlanMeeting:
    def test_it_lets_a_coordinator_plan_an_online_meeting(self, client_for, coordinator):
        response = client_for(coordinator).post(
            reverse("pokja:create"),
            {"title": "Rapat", "starts_at": "2024-11-01T09:00", "mode": "online", "link": "https://zoom.us/j/2"},
        )
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert meeting.status == "planned" and meeting.chair == coordinator

    def test_it_requires_a_link_for_an_online_meeting(self, client_for, coordinator):
        client_for(coordinator).post(
            reverse("pokja:create"), {"title": "R", "starts_at": "2024-11-01T09:00", "mode": "online"}
        )
        assert not Meeting.objects.exists()

    @pytest.mark.parametrize("role", ["analyst", "pokja", "admin"])
    def test_it_refuses_roles_that_do_not_chair(self, client_for, users, role):
        assert client_for(users[role]).get(reverse("pokja:create")).status_code == 403


class TestAgenda:
    def test_it_proposes_agenda_items_from_flagged_accounts(self, client_for, meeting, analyst, flagged_account):
        client_for(analyst).post(reverse("pokja:agenda_propose", args=[meeting.pk]))
        items = list(meeting.agenda.all())
        assert any("Akun Provokator" in item.detail for item in items)

    def test_it_adds_no_duplicate_when_proposed_twice(self, client_for, meeting, analyst, flagged_account):
        client = client_for(analyst)
        client.post(reverse("pokja:agenda_propose", args=[meeting.pk]))
        count = meeting.agenda.count()
        client.post(reverse("pokja:agenda_propose", args=[meeting.pk]))
        assert meeting.agenda.count() == count

    def test_it_lists_open_and_overdue_actions_of_earlier_meetings(self, meeting, action, coordinator):
        from pantau.pokja.agenda import propose
        from pantau.pokja.services import plan_follow_up

        follow_up = plan_follow_up(meeting, meeting.starts_at.replace(day=1, month=11))
        proposals = {p.source: p for p in propose(follow_up)}
        assert "Undang admin grup Facebook" in proposals["pokja.actions"].detail

    def test_it_lets_other_apps_add_an_agenda_source(self, meeting):
        from pantau.core.seams import seams
        from pantau.pokja.agenda import Proposal, propose

        def open_cases(meeting, since):
            return [Proposal("Kasus terbuka", "", "test.cases")]

        seams.agenda_sources.add(open_cases, "test.cases", order=99)
        try:
            assert "Kasus terbuka" in [p.title for p in propose(meeting)]
        finally:
            seams.agenda_sources.remove(open_cases)

    def test_it_lets_an_analyst_add_an_item_by_hand(self, client_for, meeting, analyst):
        client_for(analyst).post(reverse("pokja:agenda_add", args=[meeting.pk]), {"agenda-title": "Lain-lain"})
        assert meeting.agenda.get().title == "Lain-lain"

    def test_it_lets_the_coordinator_edit_a_proposed_item(self, client_for, meeting, coordinator):
        item = meeting.agenda.create(title="Usulan", source="inventory.flagged")
        client_for(coordinator).post(
            reverse("pokja:agenda_edit", args=[meeting.pk, item.pk]),
            {f"item{item.pk}-title": "Akun ditandai (disunting)", f"item{item.pk}-detail": "Hanya 3 akun"},
        )
        item.refresh_from_db()
        assert (item.title, item.detail) == ("Akun ditandai (disunting)", "Hanya 3 akun")

    def test_it_refuses_a_pokja_member_editing_the_agenda(self, client_for, meeting, pokja_member):
        response = client_for(pokja_member).post(reverse("pokja:agenda_propose", args=[meeting.pk]))
        assert response.status_code == 403


class TestHoldAndDecide:
    def test_it_records_the_meeting_as_held_with_attendance(self, client_for, meeting, coordinator):
        present = meeting.invitations.first()
        client_for(coordinator).post(
            reverse("pokja:hold", args=[meeting.pk]), {"minutes": "Rapat dibuka.", "attended": [present.pk]}
        )
        meeting.refresh_from_db()
        assert meeting.status == "held" and meeting.minutes == "Rapat dibuka."
        assert [i.attended for i in meeting.invitations.order_by("pk")] == [True, False]

    def test_it_refuses_an_analyst_holding_the_meeting(self, client_for, meeting, analyst):
        assert client_for(analyst).post(reverse("pokja:hold", args=[meeting.pk])).status_code == 403

    def test_it_records_a_recommendation(self, client_for, meeting, coordinator):
        client_for(coordinator).post(
            reverse("pokja:decision_add", args=[meeting.pk]), {"dec-kind": "recommendation", "dec-text": "Perkuat."}
        )
        assert meeting.decisions.get().kind == "recommendation"

    def test_it_adds_an_action_item_with_owner_and_due_date(self, client_for, meeting, coordinator, pokja_member):
        client_for(coordinator).post(
            reverse("pokja:action_add", args=[meeting.pk]),
            {
                "act-title": "Undang admin",
                "act-owner_agency": pokja_member.agency_id,
                "act-owner_person": pokja_member.pk,
                "act-due_date": "2024-11-01",
            },
        )
        action = meeting.actions.get()
        assert (action.owner_person, str(action.due_date), action.status) == (pokja_member, "2024-11-01", "open")

    def test_it_rejects_an_owner_person_from_another_agency(
        self, client_for, meeting, coordinator, pokja_member, other_pokja_member
    ):
        client_for(coordinator).post(
            reverse("pokja:action_add", args=[meeting.pk]),
            {"act-title": "X", "act-owner_agency": pokja_member.agency_id, "act-owner_person": other_pokja_member.pk},
        )
        assert not meeting.actions.exists()

    def test_it_plans_a_follow_up_linked_to_the_meeting(self, client_for, meeting, coordinator):
        client_for(coordinator).post(
            reverse("pokja:follow_up", args=[meeting.pk]),
            {"fu-title": "Lanjutan", "fu-starts_at": "2024-11-01T09:00", "fu-mode": "in_person", "fu-place": "Kantor"},
        )
        follow_up = Meeting.objects.get(title="Lanjutan")
        assert follow_up.previous == meeting
        assert follow_up.invitations.count() == meeting.invitations.count()


class TestActionStatus:
    def test_it_lets_the_owner_agency_mark_an_action_done(self, client_for, action, pokja_member):
        client_for(pokja_member).post(reverse("pokja:action_status", args=[action.pk]), {"status": "done"})
        action.refresh_from_db()
        assert action.status == ActionItem.Status.DONE and action.done_at

    def test_it_refuses_another_agencys_member(self, client_for, action, other_pokja_member):
        response = client_for(other_pokja_member).post(
            reverse("pokja:action_status", args=[action.pk]), {"status": "done"}
        )
        action.refresh_from_db()
        assert response.status_code == 404 and action.status == "open"

    def test_it_sends_anonymous_visitors_to_login(self, client_for, action):
        response = client_for(None).post(reverse("pokja:action_status", args=[action.pk]), {"status": "done"})
        assert response.status_code == 302

    def test_it_lists_only_the_agencys_items(self, client_for, action, other_pokja_member):
        response = client_for(other_pokja_member).get(reverse("pokja:actions"))
        assert response.status_code == 200 and b"Undang admin" not in response.content


class TestRefusals:
    @pytest.mark.parametrize(
        "name", ["edit", "invite", "agenda_add", "agenda_propose", "hold", "decision_add", "action_add", "follow_up"]
    )
    def test_it_refuses_pokja_members_the_office_actions(self, client_for, meeting, pokja_member, name):
        response = client_for(pokja_member).post(reverse(f"pokja:{name}", args=[meeting.pk]))
        assert response.status_code == 403

    @pytest.mark.parametrize(
        "name", ["edit", "invite", "agenda_add", "agenda_propose", "hold", "decision_add", "action_add", "follow_up"]
    )
    def test_it_sends_anonymous_visitors_to_login(self, client_for, meeting, name):
        assert client_for(None).post(reverse(f"pokja:{name}", args=[meeting.pk])).status_code == 302

    @pytest.mark.parametrize("name", ["agenda_edit", "agenda_delete"])
    def test_it_refuses_changing_agenda_items_to_pokja_members(self, client_for, meeting, pokja_member, name):
        item = meeting.agenda.create(title="X")
        response = client_for(pokja_member).post(reverse(f"pokja:{name}", args=[meeting.pk, item.pk]))
        assert response.status_code == 403

    @pytest.mark.parametrize("name", ["agenda_edit", "agenda_delete"])
    def test_it_sends_anonymous_agenda_changes_to_login(self, client_for, meeting, name):
        item = meeting.agenda.create(title="X")
        assert client_for(None).post(reverse(f"pokja:{name}", args=[meeting.pk, item.pk])).status_code == 302
